"""Tests for engagekit.sources.twitter_api: v2 pages (twarc), flattened tweets, v1.1 statuses."""

from __future__ import annotations

import contextlib
import copy
import io
import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.errors import ParseError, UnsupportedFormat
from engagekit.models import MediaKind, Post, Visibility
from engagekit.sources import detect_format, read_posts
from engagekit.sources._engine.base import Container, Context, Limits
from engagekit.sources._engine.containers import FileContainer, FolderContainer
from engagekit.sources.twitter_api import FORMAT, detect, read
from tests._mutate import awkward_leaves, mutate_at_indices
from tests.conftest import reference

FIXTURES = Path(__file__).parent / "fixtures" / "twitter_api"
SAMPLES = ("twarc_cashtags.jsonl", "twarc_geo_tweets.jsonl", "twarc_many_urls.jsonl",
           "twarc_media_tweet.jsonl", "twarc_mentions_tweet.jsonl", "twarc_two_tweets.jsonl")


def posts(container: Container, errors: Any = "collect") -> tuple[list[Post], Context]:
    ctx = Context(errors=errors)
    return list(read(container, ctx)), ctx


def stream(data: bytes | str) -> FileContainer:
    return FileContainer(io.BytesIO(data.encode() if isinstance(data, str) else data), Limits())


def sample(name: str) -> FileContainer:
    return FileContainer(reference("formats", "twitter_api_v2", name), Limits())


def fixture(name: str) -> FileContainer:
    return FileContainer(FIXTURES / name, Limits())


def spans_index_text(post: Post) -> None:
    """Every entity with a span is exactly what the text says there."""
    for tag in post.hashtags:
        assert tag.start is not None
        assert post.text[tag.start : tag.end].lower() == "#" + tag.text.lower()
    for cash in post.cashtags:
        assert cash.start is not None
        assert post.text[cash.start : cash.end].upper() == "$" + cash.text.upper()
    for mention in post.mentions:
        assert mention.start is not None
        assert post.text[mention.start : mention.end].lower() == "@" + mention.handle.lower()
    for link in post.links:
        assert link.start is not None
        assert post.text[link.start : link.end] == link.url
    assert "entity_mismatches" not in post.extra


def test_format_name() -> None:
    assert FORMAT == "twitter-api"


# --- licensed twarc samples -----------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_are_detected(name: str) -> None:
    assert detect(sample(name))


def test_samples_posts_and_skips() -> None:
    got: dict[str, list[Post]] = {}
    skipped: Counter[str] = Counter()
    for name in SAMPLES:
        got[name], ctx = posts(sample(name))
        assert ctx.errors == []
        skipped += ctx.skipped
    # the mentions and two_tweets pages hold only retweets
    assert {k: len(v) for k, v in got.items()} == {
        "twarc_cashtags.jsonl": 1, "twarc_geo_tweets.jsonl": 2, "twarc_many_urls.jsonl": 1,
        "twarc_media_tweet.jsonl": 1, "twarc_mentions_tweet.jsonl": 0, "twarc_two_tweets.jsonl": 0}
    assert skipped == {"retweet": 2}
    for post in (p for v in got.values() for p in v):
        spans_index_text(post)
        assert post.author is not None
        assert post.url == f"https://x.com/{post.author.handle}/status/{post.id}"
        assert post.visibility is Visibility.PUBLIC  # every author says protected: false


def every_tweet_as_a_page(name: str) -> list[bytes]:
    """Each sample line with data + includes.tweets as its data, all read as originals."""
    lines = []
    for line in reference("formats", "twitter_api_v2", name).read_text().splitlines():
        page = json.loads(line)
        tweets = page["data"] + page["includes"].get("tweets", [])
        for t in tweets:
            t["referenced_tweets"] = [r for r in t.get("referenced_tweets", [])
                                      if r["type"] != "retweeted"]
        page["data"] = tweets
        lines.append(json.dumps(page).encode())
    return lines


def test_samples_entity_totals_over_all_fifteen_tweets() -> None:
    # FORMATS.md §4: 15 tweets with 27 hashtags, 14 mentions, 22 cashtags and 12 URLs
    data = b"\n".join(line for name in SAMPLES for line in every_tweet_as_a_page(name))
    got, ctx = posts(stream(data))
    assert ctx.errors == []
    assert ctx.skipped == {}
    assert len(got) == 15
    totals = Counter({"hashtags": 0, "mentions": 0, "cashtags": 0, "links": 0})
    for post in got:
        spans_index_text(post)
        totals.update(hashtags=len(post.hashtags), mentions=len(post.mentions),
                      cashtags=len(post.cashtags), links=len(post.links))
    assert totals == {"hashtags": 27, "mentions": 14, "cashtags": 22, "links": 12}
    # two_tweets: a full-archive search page with meta; its retweet, read as an original
    rt = next(p for p in got if p.id == "1394735776701816833")
    assert rt.text == "RT @bibaigna96: #POIUYTREWQ"
    assert rt.lang is None  # "und"
    assert [(m.handle, m.start, m.end) for m in rt.mentions] == [("bibaigna96", 3, 14)]
    assert [(h.text, h.start, h.end) for h in rt.hashtags] == [("POIUYTREWQ", 16, 27)]

    assert sum(len(p.extra.get("annotations", ())) for p in got) == 30


def test_sample_geo_point_is_lon_lat() -> None:
    first, second = posts(sample("twarc_geo_tweets.jsonl"))[0]
    # geo.coordinates is GeoJSON [42.77810097, 88.01785747] = [lon, lat]
    assert first.location is not None
    assert first.location.coordinates is not None
    assert first.location.coordinates.longitude == 42.77810097
    assert first.location.coordinates.latitude == 88.01785747
    assert first.location.id is None
    assert first.location.country is None
    assert first.lang == "pl"
    assert first.extra["source"] == "Instagram"
    assert [h.text for h in first.hashtags][6] == "zostańwdomu"
    # a place_id joined to includes.places; the bbox alone gives no coordinates
    assert second.location is not None
    loc = second.location
    assert (loc.name, loc.locality, loc.country, loc.id, loc.coordinates) == (
        "Berlin, Germany", "Berlin", "DE", "3078869807f9dd36", None)
    assert second.extra["place_bbox"] == [13.088304, 52.338079, 13.760909, 52.675323]
    assert second.reply_to == "1501958949863661574"
    assert second.author is not None
    assert second.author.handle == "IgorBrigadir"
    assert second.created_at == datetime(2022, 3, 10, 16, 47, 48, tzinfo=UTC)


def test_sample_cashtags_media_and_metrics() -> None:
    (post,) = posts(sample("twarc_cashtags.jsonl"))[0]
    assert len(post.cashtags) == 11
    assert len(post.hashtags) == 4
    assert (post.engagement.likes, post.engagement.comments, post.engagement.shares,
            post.engagement.views) == (1, 0, 0, 52)
    (photo,) = post.media
    assert (photo.kind, photo.width, photo.height) == (MediaKind.PHOTO, 636, 350)
    (video,) = posts(sample("twarc_media_tweet.jsonl"))[0][0].media
    assert video.kind is MediaKind.VIDEO
    assert video.uri.startswith("https://video.twimg.com/")
    assert ".mp4" in video.uri
    assert video.duration == 71.292


def test_sample_urls_prefer_the_unwound_target() -> None:
    (post,) = posts(sample("twarc_geo_tweets.jsonl"))[0][:1]
    (link,) = post.links
    assert link.url == "https://t.co/MZ9QlqGyfA"
    assert link.expanded_url == "https://www.instagram.com/p/B-7ItQwBJ93/?igshid=187dqx4b5lu2y"


# --- synthetic v2 page, flattened lines -----------------------------------------------------


def test_pretty_printed_page() -> None:
    got, ctx = posts(fixture("page.json"))
    assert [p.id for p in got] == ["1679785324835766272", "1680000000000000001",
                                   "1680000000000000003"]
    assert ctx.skipped == {"retweet": 1}
    first, quote, reply = got
    for post in got:
        spans_index_text(post)
    assert first.text == ("Coffee & donuts 🍩 with @officerreyes at #CoffeeWithACop <3 $SPFD "
                          "https://t.co/Zz9Yy8Xx7W")
    assert first.mentions[0].handle == "OfficerReyes"  # the API's spelling, case differs
    assert first.links[0].expanded_url == "https://example.com/events/coffee-with-a-cop"
    assert [e.text for e in first.emoji] == ["🍩"]
    assert (first.engagement.likes, first.engagement.comments, first.engagement.shares,
            first.engagement.views) == (40, 2, 7, 1804)
    assert (first.extra["quote_count"], first.extra["bookmark_count"]) == (1, 3)
    assert first.location is not None
    assert first.location.coordinates is not None
    assert (first.location.coordinates.latitude, first.location.coordinates.longitude) == (
        39.7817, -89.6501)
    assert first.location.name == "Springfield, IL"
    assert first.location.country == "US"
    assert quote.extra["quoted_id"] == "1679000000000000009"
    (photo,) = quote.media
    assert photo.alt_text == "Firefighters and officers at the station"
    assert len(quote.links) == 2
    assert reply.reply_to == "1679999999999999999"
    assert reply.extra["conversation_id"] == "1679999999999999999"
    assert "conversation_id" not in first.extra  # the same as its id


def test_flattened_lines_match_the_page() -> None:
    page = {p.id: p for p in posts(fixture("page.json"))[0]}
    flat, ctx = posts(fixture("flattened.jsonl"))
    assert ctx.skipped == {}
    assert len(flat) == 2
    for post in flat:
        assert post == page[post.id]


def test_single_lookup_page_and_protected_author() -> None:
    doc = {"data": {"id": "1680000000000000009", "text": "Members only #Briefing",
                    "author_id": "7", "created_at": "2023-07-15T10:00:00.000Z",
                    "entities": {"hashtags": [{"start": 13, "end": 22, "tag": "Briefing"}]}},
           "includes": {"users": [{"id": "7", "username": "ReyesJ", "name": "J. Reyes",
                                   "protected": True}]}}
    (post,) = posts(stream(json.dumps(doc)))[0]
    assert post.visibility is Visibility.FOLLOWERS
    assert post.hashtags[0].start == 13


def test_minimal_tweet_without_expansions() -> None:
    # default fields only: no created_at (taken from the id), no author
    page = {"data": [{"id": "1394735776701816833", "text": "hi", "author_id": "5"}]}
    (post,) = posts(stream(json.dumps(page)))[0]
    assert post.author is None
    assert post.url is None
    assert post.visibility is Visibility.UNKNOWN
    assert post.extra == {"author_id": "5", "created_at_from_id": True}
    assert post.created_at.replace(microsecond=0) == datetime(2021, 5, 18, 19, 24, 56, tzinfo=UTC)
    assert post.engagement.likes is None


def test_note_tweet_text_wins() -> None:
    long_text = "A long update " * 30 + "#LongRead"
    tweet = {"id": "1680000000000000010", "text": "A long update A long… https://t.co/n",
             "created_at": "2023-07-15T10:00:00.000Z",
             "note_tweet": {"text": long_text, "entities": {"hashtags": [
                 {"start": len(long_text) - 9, "end": len(long_text), "tag": "LongRead"}]}}}
    (post,) = posts(stream(json.dumps({"data": [tweet]})))[0]
    assert post.text == long_text
    assert post.hashtags[0].start == len(long_text) - 9


def test_errors_and_superseded_edits_in_a_page() -> None:
    page = {"data": [{"id": "2", "text": "v2 #Edited", "created_at": "2023-07-15T10:00:00.000Z",
                      "edit_history_tweet_ids": ["1", "2"]},
                     {"id": "1", "text": "v1 #Edited", "created_at": "2023-07-15T09:59:00.000Z",
                      "edit_history_tweet_ids": ["1", "2"]}],
            "errors": [{"value": "3", "detail": "Could not find tweet with ids: [3]."}]}
    got, ctx = posts(stream(json.dumps(page)))
    assert [p.id for p in got] == ["2"]
    assert got[0].extra["edit_history"] == ["1", "2"]
    assert ctx.skipped == {"superseded-edit": 1, "api-error": 1}


_RT = "RT @SpringfieldFD: hydrants"
_V1_RT = {"id_str": "1675236581176246273", "created_at": "Sat Jul 01 20:15:00 +0000 2023",
          "full_text": _RT, "user": {"id_str": "1", "screen_name": "a"}}


@pytest.mark.parametrize(
    ("record", "retweet"),
    [
        # v2 with the default fields (id, text): the text is the only sign there is
        ({"data": [{"id": "9", "text": _RT}]}, True),
        ({"data": [{"id": "9", "text": _RT, "edit_history_tweet_ids": ["9"]}]}, True),
        # v2 with fields requested: referenced_tweets says it, its absence says it is not
        ({"data": [{"id": "9", "text": _RT, "created_at": "2023-07-15T10:00:00.000Z",
                    "referenced_tweets": [{"type": "retweeted", "id": "8"}]}]}, True),
        ({"data": [{"id": "9", "text": _RT, "created_at": "2023-07-15T10:00:00.000Z",
                    "author_id": "5"}]}, False),
        # v1.1: retweeted_status says it; "RT @" typed by hand (or by an app) is a post
        ({**_V1_RT, "retweeted_status": {"id_str": "8"}}, True),
        (_V1_RT, False),
        # an archive tweet pasted as JSON never has retweeted_status: the text says it
        ({"tweet": {k: v for k, v in _V1_RT.items() if k != "user"}}, True),
    ],
)
def test_rt_text_is_a_retweet_only_without_a_structural_signal(
        record: dict[str, Any], retweet: bool) -> None:
    got, ctx = posts(stream(json.dumps(record)))
    assert ctx.errors == []
    if retweet:
        assert got == []
        assert ctx.skipped == {"retweet": 1}
    else:
        assert [p.text for p in got] == [_RT]
        assert ctx.skipped == {}


# --- v1.1 -----------------------------------------------------------------------------------


def test_v1_statuses() -> None:
    got, ctx = posts(fixture("statuses_v1.json"))
    assert ctx.skipped == {"retweet": 1}
    assert ctx.errors == []
    walk, night_out = got
    # "id" is 1675236581176246300 (rounded on the way), "id_str" is exact
    assert walk.id == "1675236581176246272"
    assert walk.text == ("Night walk in Ward 3 & Elm St 🌙 #SafeStreets with @MayorQuimby "
                         "https://t.co/Ab1Cd2Ef3G")
    spans_index_text(walk)
    assert walk.mentions[0].id == "2200000003"
    assert walk.extra["source"] == "Twitter for iPhone"
    assert walk.author is not None
    assert walk.author.handle == "SpringfieldPD"
    assert walk.visibility is Visibility.PUBLIC
    assert (walk.engagement.likes, walk.engagement.shares, walk.engagement.comments) == (
        21, 3, None)
    assert walk.location is not None
    assert walk.location.coordinates is not None
    assert (walk.location.coordinates.latitude, walk.location.coordinates.longitude) == (
        39.7817, -89.6501)
    assert walk.extra["place_bbox"] == [-89.769, 39.664, -89.553, 39.875]
    # streaming API: the full text in extended_tweet, a protected author, geo only ([lat, lon])
    assert night_out.text.endswith("See you next year. #NNO2023 & #CommunityPolicing")
    assert [h.text for h in night_out.hashtags] == ["NNO2023", "CommunityPolicing"]
    spans_index_text(night_out)
    assert night_out.visibility is Visibility.FOLLOWERS
    assert night_out.location is not None
    assert night_out.location.coordinates is not None
    assert night_out.location.coordinates.latitude == 34.7695
    assert night_out.location.coordinates.longitude == -92.2671
    assert night_out.engagement.comments == 1
    assert night_out.extra["quote_count"] == 2


@pytest.mark.parametrize(
    ("geo", "coordinates", "lat_lon"),
    [
        ([10.5, -20.25], None, (10.5, -20.25)),  # legacy geo is [lat, lon]
        (None, [-20.25, 10.5], (10.5, -20.25)),  # coordinates are GeoJSON [lon, lat]
        ([10.5, -20.25], [-20.25, 10.5], (10.5, -20.25)),
        ([80.0, 170.0], None, (80.0, 170.0)),  # only the right order is in range both ways
    ],
)
def test_v1_geo_orders(geo: list[float] | None, coordinates: list[float] | None,
                       lat_lon: tuple[float, float]) -> None:
    status: dict[str, Any] = {
        "id_str": "1675236581176246272", "created_at": "Sat Jul 01 20:15:00 +0000 2023",
        "full_text": "here", "user": {"id_str": "1", "screen_name": "a"},
        "geo": None if geo is None else {"type": "Point", "coordinates": geo},
        "coordinates": None if coordinates is None else {"type": "Point",
                                                         "coordinates": coordinates}}
    (post,) = posts(stream(json.dumps(status)))[0]
    assert post.location is not None
    assert post.location.coordinates is not None
    assert (post.location.coordinates.latitude, post.location.coordinates.longitude) == lat_lon


def test_v1_search_response_and_jsonl() -> None:
    statuses = json.loads((FIXTURES / "statuses_v1.json").read_text())
    search = {"statuses": statuses, "search_metadata": {"count": 3}}
    jsonl = "\n".join(json.dumps(s) for s in statuses) + "\n\n"
    for data in (json.dumps(search), jsonl, json.dumps(statuses, indent=2)):
        got, ctx = posts(stream(data))
        assert [p.id for p in got] == ["1675236581176246272", "1686513000000000001"]
        assert ctx.skipped == {"retweet": 1}


# --- detection and containers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"data": [{"id": "1", "text": "hi"}]}', True),
        (b'{\n  "data": [\n    {\n      "id": "1",\n      "text": "hi"', True),
        (b'{"includes": {"users": []}, "data": []}', True),
        (b'{"id": "1", "text": "x", "edit_history_tweet_ids": ["1"], "__twarc": {}}', True),
        (b'[{"created_at": "Sat Jul 01 20:15:00 +0000 2023", "id_str": "1", "user": {}}]', True),
        (b'{"statuses": [{"created_at": "x", "id_str": "1", "full_text": ""}]}', True),
        (b"window.YTD.tweets.part0 = [", False),
        (b'{"feed": [{"post": {"uri": "at://did:plc:x/app.bsky.feed.post/1"}}]}', False),
        (b'[{"media": [{"uri": "x.jpg", "title": ""}]}]', False),
        (b'{"data": {"kind": "other"}}', False),
        (b"id,text\n1,hi\n", False),
    ],
)
def test_detect_by_sniffing(data: bytes, expected: bool) -> None:
    assert detect(stream(data)) is expected


def test_folder_reads_only_twitter_members(tmp_path: Path) -> None:
    (tmp_path / "page.json").write_bytes((FIXTURES / "page.json").read_bytes())
    (tmp_path / "flat.jsonl").write_bytes((FIXTURES / "flattened.jsonl").read_bytes())
    (tmp_path / "notes.json").write_text('{"title": "not tweets"}')
    (tmp_path / "README.md").write_text("# hello")
    container = FolderContainer(tmp_path, Limits())
    assert detect(container)
    got, ctx = posts(container)
    assert len(got) == 5
    assert ctx.errors == []


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"data": [{"id": "1", "text": "x"', "invalid JSON"),  # truncated
        ('{"data": [{"id": "1"}]}',
         r"record 0 \(0-based\) at \$\.data\[0\]\.text: required key is missing"),
        ('{"data": [{"id": 1, "text": "x"}]}', r"\$\.data\[0\]\.id: expected str"),
        ('{"data": "tweets"}', r"\$\.data: expected array"),
        ('{"title": "an Instagram post"}', "expected a v2 response page"),
        ('[1]', "expected an object"),
        ('{"data": [{"id": "1", "text": "x", "created_at": "yesterday"}]}', "ISO 8601"),
        ('{"data": [{"id": "1", "text": "x", "created_at": "2023-07-15T10:00:00Z", '
         '"public_metrics": {"like_count": -1}}]}',
         r"Engagement\.likes"),
        ('{"data": [{"id": "1", "text": "x", "geo": {"coordinates": {"coordinates": [1]}}}]}',
         "expected a pair of numbers"),
        ('{"data": [{"id": "1", "text": "x", "created_at": "2023-07-15T10:00:00Z", '
         '"entities": {"hashtags": [{"start": "a", "end": 2, "tag": "x"}]}}]}',
         r"hashtags\[0\]\.start"),
        ('{"id_str": "1", "full_text": "x", "created_at": "Foo"}', r"\$\.created_at"),
        ('{"id": 1675236581176246300, "full_text": "x", "user": {}}', "may be rounded"),
    ],
)
def test_bad_input_is_a_parse_error(data: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        list(read(stream(data), Context()))
    got, ctx = posts(stream(data))
    assert got == []
    assert len(ctx.errors) == 1


def test_bad_line_in_jsonl_is_counted_and_reading_goes_on() -> None:
    good = json.dumps({"data": [{"id": "1", "text": "x", "created_at": "2023-07-15T10:00:00Z"}]})
    got, ctx = posts(stream(good + "\n{oops\n" + good + "\n"))
    assert len(got) == 2
    assert len(ctx.errors) == 1
    assert "record 1" in str(ctx.errors[0])
    with pytest.raises(ParseError, match="record 1"):
        list(read(stream(good + "\n{oops\n"), Context()))


_LEAVES = awkward_leaves([1.5, "x"])
_PAGE = json.loads((FIXTURES / "page.json").read_text())
_STATUSES = json.loads((FIXTURES / "statuses_v1.json").read_text())


@given(st.sampled_from(["page", "flat", "v1"]), st.lists(st.integers(0, 60), min_size=1,
       max_size=7), _LEAVES, st.booleans())
def test_mutations_only_ever_raise_parse_error(kind: str, path: list[int], leaf: Any,
                                               delete: bool) -> None:
    if kind == "page":
        doc: Any = copy.deepcopy(_PAGE)
    elif kind == "flat":
        doc = copy.deepcopy(_PAGE["data"][0])
        doc["author"] = _PAGE["includes"]["users"][0]
    else:
        doc = copy.deepcopy(_STATUSES[0])
    data = json.dumps(mutate_at_indices(doc, path, leaf, delete))
    with contextlib.suppress(ParseError):
        list(read(stream(data), Context()))
    posts(stream(data))


_PAGE_BYTES = (FIXTURES / "page.json").read_bytes()


@given(st.integers(0, len(_PAGE_BYTES)), st.binary(max_size=3))
def test_truncated_or_corrupted_files_only_ever_raise_parse_error(cut: int, junk: bytes) -> None:
    data = _PAGE_BYTES[:cut] + junk
    with contextlib.suppress(ParseError):
        list(read(stream(data), Context()))
    got, _ = posts(stream(data))
    assert len(got) <= 3


@pytest.mark.parametrize("data", [b'[\n {\n  "created_at": ', b'{"id": ', b'{"data": '])
def test_a_file_cut_after_a_key_is_a_parse_error(data: bytes) -> None:
    # detection skips the first record's values: the end of input must not be read as a byte
    with pytest.raises(ParseError, match=r"truncated|invalid JSON"):
        list(read_posts(io.BytesIO(data), format="twitter-api"))


def _show_response() -> dict[str, Any]:
    """A one-line v1.1 ``statuses/show`` response whose ``user`` object comes first and is long."""
    user = {"id_str": "2200000001", "screen_name": "SpringfieldPD", "name": "Springfield PD",
            "description": "Serving Springfield. " * 300, "protected": False,
            "created_at": "Mon Jan 05 10:00:00 +0000 2009"}
    return {"user": user, "id_str": "1675236581176246272",
            "created_at": "Sat Jul 01 20:15:00 +0000 2023", "full_text": "Night walk #SafeStreets",
            "entities": {"hashtags": [{"text": "SafeStreets", "indices": [11, 23]}]},
            "retweet_count": 3, "favorite_count": 21}


def test_status_with_its_created_at_past_the_first_block(tmp_path: Path) -> None:
    data = json.dumps(_show_response()).encode()
    assert data.index(b'"created_at"') > 4096
    path = tmp_path / "show.json"
    path.write_bytes(data)
    assert detect(FileContainer(path, Limits()))
    assert detect(stream(data))
    assert detect_format(path) == FORMAT
    for fmt in ("auto", FORMAT):
        (post,) = read_posts(path, format=fmt)
        assert post.id == "1675236581176246272"
        assert [h.text for h in post.hashtags] == ["SafeStreets"]
    # a stream that cannot seek is sniffed through the same growing head, then read once
    (post,) = read_posts(io.BufferedReader(_Unseekable(data)))
    assert post.author is not None
    assert post.author.handle == "SpringfieldPD"


def test_record_keys_are_read_however_long_the_values() -> None:
    big = {"data": [{"id": "1", "text": "x" * 70_000}], "includes": {}}
    assert detect(stream(json.dumps(big)))
    search = {"statuses": [_show_response()], "search_metadata": {"count": 1}}
    assert detect(stream(json.dumps(search)))
    assert not detect(stream(json.dumps({"title": "x" * 70_000, "user": {}})))
    assert not detect(stream(b'{"user": {"description": "' + b"x" * 70_000))  # cut short


def test_a_named_format_is_tried_on_any_json() -> None:
    data = b'{"title": "an Instagram post"}'
    assert not detect(stream(data))
    with pytest.raises(ParseError, match="expected a v2 response page"):
        list(read_posts(io.BytesIO(data), format=FORMAT))
    with pytest.raises(UnsupportedFormat, match="does not look like 'twitter-api' input"):
        read_posts(io.BytesIO(b"id,text\n1,hi\n"), format=FORMAT)


class _Unseekable(io.RawIOBase):
    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_entities_are_extracted_when_a_page_has_none() -> None:
    # default fields: no entities object, so the text layer reads them with the twitter dialect
    text = "Coffee &amp; donuts with @MainStLib #CoffeeWithACop $TSLA https://t.co/Ab1Cd2Ef3G"
    tweet: dict[str, Any] = {"id": "1680000000000000011", "text": text}
    page = {"data": [tweet]}
    (post,) = posts(stream(json.dumps(page)))[0]
    assert post.text.startswith("Coffee & donuts")
    assert [h.text for h in post.hashtags] == ["CoffeeWithACop"]
    assert [m.handle for m in post.mentions] == ["MainStLib"]
    assert [c.text for c in post.cashtags] == ["TSLA"]
    assert [link.url for link in post.links] == ["https://t.co/Ab1Cd2Ef3G"]
    spans_index_text(post)
    # an entities object, even an empty one, is the platform's word: nothing is extracted
    tweet["entities"] = {}
    (post,) = posts(stream(json.dumps(page)))[0]
    assert (post.hashtags, post.mentions, post.cashtags, post.links) == ((), (), (), ())
