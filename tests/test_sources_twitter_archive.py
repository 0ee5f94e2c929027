"""Tests for engagekit.sources.twitter_archive (synthetic archives modelled on FORMATS.md §3)."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engagekit.errors import LimitExceeded, ParseError
from engagekit.models import (
    Cashtag,
    Emoji,
    Hashtag,
    Link,
    MediaKind,
    Mention,
    Post,
    Visibility,
)
from engagekit.sources import twitter_archive
from engagekit.sources._engine.base import Container, Context, Limits
from engagekit.sources._engine.containers import FileContainer, FolderContainer, ZipContainer
from engagekit.sources._twitter import archive_schema as _twitter_typed
from engagekit.sources.twitter_archive import FORMAT, detect, read
from tests._mutate import awkward_leaves, mutate_at_indices
from tests._reading import switch_off_typed_decoding

FIXTURES = Path(__file__).parent / "fixtures" / "twitter_archive"
FULL = FIXTURES / "full"


def posts(container: Container, errors: Any = "collect") -> tuple[list[Post], Context]:
    ctx = Context(errors=errors)
    return list(read(container, ctx)), ctx


def folder(path: Path) -> FolderContainer:
    return FolderContainer(path, Limits())


def stream(data: bytes) -> FileContainer:
    return FileContainer(io.BytesIO(data), Limits())


def js(items: list[Any], name: str = "tweets", part: int = 0) -> bytes:
    return f"window.YTD.{name}.part{part} = ".encode() + json.dumps(items).encode()


def spans(post: Post) -> list[tuple[int | None, int | None]]:
    """The spans of every entity of a post."""
    entities: list[Hashtag | Mention | Cashtag | Link | Emoji] = [
        *post.hashtags, *post.mentions, *post.cashtags, *post.links, *post.emoji]
    return [(e.start, e.end) for e in entities]


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def tweet(text: str = "Hello #Springfield", **overrides: Any) -> dict[str, Any]:
    """A minimal archive tweet: every number a string, indices on the escaped text."""
    escaped = escape(text)
    entities: dict[str, Any] = {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []}
    for word in escaped.split():
        start = escaped.index(word)
        where = [str(start), str(start + len(word))]
        if word.startswith("#"):
            entities["hashtags"].append({"text": word[1:], "indices": where})
        elif word.startswith("@"):
            entities["user_mentions"].append(
                {"screen_name": word[1:], "name": "X", "id_str": "1", "id": "1", "indices": where})
    body = {
        "id_str": "1687886182609846272", "id": "1687886182609846272",
        "created_at": "Sat Aug 05 18:00:00 +0000 2023", "full_text": escaped,
        "favorite_count": "3", "retweet_count": "1", "lang": "en", "entities": entities,
        "display_text_range": ["0", str(len(escaped))], "truncated": False,
    }
    body.update(overrides)
    return {"tweet": body}


# --- detection ------------------------------------------------------------------------------


def zipped(tmp_path: Path, source: Path, prefix: str) -> Path:
    target = tmp_path / "archive.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(source.rglob("*")):
            if file.is_file():
                archive.write(file, prefix + file.relative_to(source).as_posix())
    return target


def test_format_name() -> None:
    assert FORMAT == "twitter-archive"


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ({"data/tweets.js": b"window.YTD.tweets.part0 = []"}, True),
        ({"data/tweet.js": b"window.YTD.tweet.part0 = []"}, True),
        ({"data/tweets-part1.js": b"window.YTD.tweets.part1 = []"}, True),
        ({"data/account.js": b"window.YTD.account.part0 = []", "x.txt": b""}, True),
        ({"data/deleted-tweets.js": b"window.YTD.deleted_tweets.part0 = []", "y": b""}, False),
        ({"posts_1.json": b"[]", "other.json": b"{}"}, False),
    ],
)
def test_detect_by_member_names(tmp_path: Path, members: dict[str, bytes], expected: bool) -> None:
    for name, data in members.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    assert detect(folder(tmp_path)) is expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"window.YTD.tweets.part0 = [", True),
        (b"\xef\xbb\xbf\n  window.YTD.tweet.part0 = [", True),
        (b"window.YTD.account.part0 = [", False),  # an account holds no posts
        (b'[{"tweet": {}}]', False),
        (b'{"data": []}', False),
    ],
)
def test_detect_single_file_by_prefix(data: bytes, expected: bool) -> None:
    assert detect(stream(data)) is expected


def test_detect_fixtures(tmp_path: Path) -> None:
    assert detect(folder(FULL))
    assert detect(folder(FIXTURES / "legacy"))
    assert detect(FileContainer(FULL / "data" / "tweets-part1.js", Limits()))
    assert detect(ZipContainer(zipped(tmp_path, FULL, "twitter-2023-09-01/"), Limits()))


# --- the full synthetic archive -------------------------------------------------------------


def test_full_archive() -> None:
    got, ctx = posts(folder(FULL))
    assert [p.id for p in got] == [
        "1687886182609846272",  # tweets.js (listed first in manifest.js)
        "1679785324835766272",
        "1675236581176246272",
        "1588091216589750272",  # tweets-part1.js
        "1631325993169846272",  # the last version of an edited post
    ]
    assert ctx.skipped == {"retweet": 1, "superseded-edit": 1}
    assert ctx.errors == []
    for post in got:
        assert post.platform.value == "twitter"
        assert post.author is not None
        assert (post.author.handle, post.author.id, post.author.display_name) == (
            "SpringfieldPD", "1234567890", "Springfield Police Dept")
        assert post.url == f"https://x.com/SpringfieldPD/status/{post.id}"
        assert post.visibility is Visibility.PUBLIC
        assert post.extra["source"] == "Twitter Web App"
        assert None not in {start for start, _ in spans(post)}
        assert "entity_mismatches" not in post.extra


def test_astral_emoji_before_entities() -> None:
    first = next(iter(read(folder(FULL), Context())))
    assert first.text == (
        "Thanks to everyone at the block party 🎉 #CommunityPolicing @SpringfieldFD "
        "https://t.co/Ab1Cd2Ef3G")
    assert first.created_at == datetime(2023, 8, 5, 18, 0, tzinfo=UTC)
    (tag,) = first.hashtags
    # the archive says [40, 58] in code points; UTF-16 would be [41, 59]
    assert (tag.text, tag.start, tag.end) == ("CommunityPolicing", 40, 58)
    assert first.text[tag.start : tag.end] == "#CommunityPolicing"
    (mention,) = first.mentions
    assert (mention.handle, mention.id) == ("SpringfieldFD", "2200000001")
    (link,) = first.links
    assert (link.url, link.expanded_url) == ("https://t.co/Ab1Cd2Ef3G", "https://example.org/block-party")
    assert [e.text for e in first.emoji] == ["🎉"]
    assert first.text[first.emoji[0].start : first.emoji[0].end] == "🎉"
    assert (first.engagement.likes, first.engagement.shares) == (12, 3)
    assert first.engagement.comments is None
    assert first.engagement.views is None


def test_entities_after_html_escapes() -> None:
    post = list(read(folder(FULL), Context()))[1]
    # full_text is "Coffee &amp; donuts ... &lt;3 $SPFD ..."; spans index the unescaped text
    assert post.text.startswith("Coffee & donuts with @OfficerReyes")
    assert "<3 $SPFD" in post.text
    assert "&amp;" not in post.text
    found = {post.text[start:end] for start, end in spans(post) if post.text[start:end] != "🍩"}
    assert found == {"#CoffeeWithACop", "@OfficerReyes", "$SPFD", "https://t.co/Zz9Yy8Xx7W"}
    assert post.cashtags[0].text == "SPFD"


def test_reply_with_photos() -> None:
    post = list(read(folder(FULL), Context()))[2]
    assert post.reply_to == "1674990000000000000"
    assert post.extra["in_reply_to_user_id"] == "2200000003"
    # the leading @mention is outside display_text_range
    assert post.extra["display_text_range"] == [13, 72]
    assert [m.kind for m in post.media] == [MediaKind.PHOTO, MediaKind.PHOTO]
    assert post.media[0].uri == "https://pbs.twimg.com/media/1675000000000000001.jpg"
    assert (post.media[0].width, post.media[0].height) == (2048, 1536)
    # both photos share one t.co link at the end of the text: one Link
    (link,) = post.links
    assert post.text[link.start : link.end] == link.url == "https://t.co/Ph0to12345"
    assert link.expanded_url is not None
    assert link.expanded_url.endswith("/photo/1")


def test_video_part_and_language() -> None:
    post = list(read(folder(FULL), Context()))[3]
    assert post.lang == "es"
    assert post.created_at == datetime(2022, 11, 3, 8, 50, 26, tzinfo=UTC)
    assert "> cars" in post.text
    (video,) = post.media
    assert video.kind is MediaKind.VIDEO
    assert video.uri.endswith("/1280x720/high.mp4")  # the highest-bitrate MP4
    assert (video.width, video.height, video.duration) == (1280, 720, 14.0)


def test_edited_post_keeps_the_last_version() -> None:
    post = list(read(folder(FULL), Context()))[-1]
    assert post.text == "Road closed on Elm St until 6pm #Traffic"
    assert post.extra["edit_history"] == ["1631323476587446272", "1631325993169846272"]


def test_zip_with_a_top_folder(tmp_path: Path) -> None:
    got, ctx = posts(ZipContainer(zipped(tmp_path, FULL, "twitter-2023-09-01-abc/"), Limits()))
    assert len(got) == 5
    assert got[0].author is not None
    assert ctx.skipped == {"retweet": 1, "superseded-edit": 1}


def test_legacy_singular_tweet_js() -> None:
    got, ctx = posts(folder(FIXTURES / "legacy"))
    assert [p.text for p in got] == [
        "National Police Week: thank you Springfield 💙 #PoliceWeek2019",
        "Lost dog found near Burns Park >> call 555-0100 #LostAndFound",  # no {"tweet": } wrapper
    ]
    assert all(p.author is None and p.url is None for p in got)
    assert got[1].hashtags[0].start == 48
    assert got[1].text[48:61] == "#LostAndFound"
    assert ctx.skipped == {}


def test_single_part_file_and_stream() -> None:
    data = (FULL / "data" / "tweets-part1.js").read_bytes()
    for container in (FileContainer(FULL / "data" / "tweets-part1.js", Limits()), stream(data)):
        got, ctx = posts(container)
        assert [p.id for p in got] == ["1588091216589750272", "1631325993169846272"]
        assert got[0].author is None
        assert ctx.skipped == {"superseded-edit": 1}


# --- manifest, parts and account ------------------------------------------------------------


def copy_full(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(FULL, root)
    return root


def set_manifest_files(root: Path, files: list[str]) -> None:
    path = root / "data" / "manifest.js"
    text = path.read_text()
    config = json.loads(text[text.index("{"):])
    config["dataTypes"]["tweets"]["files"] = [
        {"fileName": f, "globalName": "YTD.tweets.part0", "count": "1"} for f in files]
    path.write_text("window.__THAR_CONFIG = " + json.dumps(config))


def test_manifest_decides_which_parts_are_read(tmp_path: Path) -> None:
    root = copy_full(tmp_path)
    set_manifest_files(root, ["data/tweets-part1.js"])
    got, _ = posts(folder(root))
    assert [p.id for p in got] == ["1588091216589750272", "1631325993169846272"]


def test_manifest_lists_a_missing_part(tmp_path: Path) -> None:
    root = copy_full(tmp_path)
    set_manifest_files(root, ["data/tweets.js", "data/tweets-part9.js"])
    got, ctx = posts(folder(root))
    assert len(got) == 3
    (error,) = ctx.errors
    assert "'data/tweets-part9.js' is not in the archive" in str(error)
    assert "manifest.js" in str(error)
    with pytest.raises(ParseError, match="tweets-part9"):
        list(read(folder(root), Context()))


def test_without_manifest_parts_are_globbed_in_numeric_order(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for part in (0, 2, 10, 1):
        name = "tweets.js" if part == 0 else f"tweets-part{part}.js"
        item = tweet(f"Part {part} #Parts", id_str=str(100 + part), id=str(100 + part))
        (data / name).write_bytes(js([item], part=part))
    got, _ = posts(folder(tmp_path))
    assert [p.id for p in got] == ["100", "101", "102", "110"]
    assert all(p.author is None for p in got)


def test_manifest_user_when_account_js_is_missing(tmp_path: Path) -> None:
    root = copy_full(tmp_path)
    (root / "data" / "account.js").unlink()
    got, _ = posts(folder(root))
    assert got[0].author is not None
    assert (got[0].author.handle, got[0].author.id) == ("SpringfieldPD", "1234567890")


def test_bad_manifest_falls_back_to_globbing(tmp_path: Path) -> None:
    root = copy_full(tmp_path)
    (root / "data" / "manifest.js").write_text("window.__THAR_CONFIG = {truncated")
    got, ctx = posts(folder(root))
    assert len(got) == 5
    assert len(ctx.errors) == 1
    assert "manifest.js" in str(ctx.errors[0])


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ([{"protectedHistory": {"protectedAt": "2021-01-01T00:00:00.000Z", "action": "Protect"}}],
         Visibility.FOLLOWERS),
        ([{"protectedHistory": {"protectedAt": "2021-01-01T00:00:00.000Z", "action": "Protect"}},
          {"protectedHistory": {"unprotectedAt": "2022-01-01T00:00:00.000Z",
                                "action": "Unprotect"}}], Visibility.PUBLIC),
        ([], Visibility.PUBLIC),
        ([{"protectedHistory": "yes"}], Visibility.UNKNOWN),  # unreadable: we cannot tell
    ],
)
def test_protected_accounts(tmp_path: Path, history: list[Any], expected: Visibility) -> None:
    root = copy_full(tmp_path)
    (root / "data" / "protected-history.js").write_bytes(js(history, "protected_history"))
    got, _ = posts(folder(root))
    assert {p.visibility for p in got} == {expected}


def test_unreadable_side_files(tmp_path: Path) -> None:
    root = copy_full(tmp_path)
    (root / "data" / "protected-history.js").write_text(
        'window.YTD.protected_history.part0 = [ {"protectedHistory" : {"action" : "Prot')
    (root / "data" / "account.js").write_text("window.YTD.account.part0 = {}")
    got, ctx = posts(folder(root))
    assert len(got) == 5
    # cannot tell whether the account is protected: never claim "public"
    assert {p.visibility for p in got} == {Visibility.UNKNOWN}
    assert got[0].author is not None  # from manifest.js
    assert sorted(str(e).split(":")[0].rsplit("/", 1)[-1] for e in ctx.errors) == [
        "account.js", "protected-history.js"]


# --- entity checks, errors ------------------------------------------------------------------


def test_utf16_indices_are_reported_as_mismatches() -> None:
    item = tweet("🎉🎉 #Party @SpringfieldPD")
    item["tweet"]["entities"]["hashtags"][0]["indices"] = ["5", "11"]  # UTF-16 units
    got, ctx = posts(stream(js([item])))
    (post,) = got
    assert (post.hashtags[0].text, post.hashtags[0].start) == ("Party", None)
    assert post.mentions[0].start == 10
    assert post.extra["entity_mismatches"] == [
        {"kind": "hashtag", "value": "Party", "start": 5, "end": 11}]
    assert ctx.skipped["entity-mismatch"] == 1


def test_text_layer_finds_lost_glyphs_and_normalizes() -> None:
    item = tweet("Gracias \ufffd\ufffd Cafe\u0301 con la comunidad #Comunidad")
    (post,) = posts(stream(js([item])))[0]
    assert post.quality.lost_glyphs == 2
    assert post.quality.lost_spans == ((8, 10),)
    assert "Café" in post.text  # NFC: the combining accent is composed, spans follow
    (tag,) = post.hashtags
    assert tag.start is not None
    assert post.text[tag.start : tag.end] == "#Comunidad"


def test_old_style_rt_is_skipped() -> None:
    items = [tweet("RT @SpringfieldFD: Hydrant flushing on Oak Ave this week #Water …"), tweet()]
    got, ctx = posts(stream(js(items)))
    assert len(got) == 1
    assert ctx.skipped == {"retweet": 1}


def test_created_at_from_the_id_when_missing() -> None:
    item = tweet()
    del item["tweet"]["created_at"]
    (post,) = posts(stream(js([item])))[0]
    assert post.created_at.replace(microsecond=0) == datetime(2023, 8, 5, 18, 0, tzinfo=UTC)
    assert post.extra["created_at_from_id"] is True


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"favorite_count": "lots"},
         r"record 0 \(0-based\) at \$\.tweet\.favorite_count: expected an integer"),
        ({"favorite_count": "-3"}, r"Engagement\.likes"),
        ({"created_at": "2023-08-05"}, r"record 0 \(0-based\) at \$\.tweet\.created_at"),
        ({"full_text": None}, r"\$\.tweet\.full_text: required key is missing"),
        ({"id_str": None, "id": None}, r"\$\.tweet\.id: expected str, got None"),
        ({"entities": {"hashtags": [{"text": "x", "indices": "0,2"}]}},
         r"\$\.tweet\.entities\.hashtags\[0\]\.indices: expected array"),
        ({"extended_entities": {"media": [{"type": "photo"}]}}, "media_url_https"),
    ],
)
def test_bad_records(change: dict[str, Any], message: str) -> None:
    item = tweet()
    item["tweet"].update(change)
    container = stream(js([item, tweet()]))
    with pytest.raises(ParseError, match=message):
        list(read(container, Context()))
    got, ctx = posts(container)
    assert len(got) == 1
    assert len(ctx.errors) == 1
    assert ctx.skipped["invalid"] == 1


@pytest.mark.parametrize(
    "data",
    [
        b"window.YTD.tweets.part0 = [ {\"tweet\" : {",  # truncated
        b"[ {\"tweet\": {}} ]",  # not a JavaScript assignment
        b"window.YTD.tweets.part0 = {}",  # not an array
        b"\x00\x01\x02",
        b"",
    ],
)
def test_unreadable_files(data: bytes) -> None:
    with pytest.raises(ParseError):
        list(read(stream(data), Context()))
    got, ctx = posts(stream(data))
    assert got == []
    assert len(ctx.errors) == 1


# --- properties -----------------------------------------------------------------------------

_WORDS = st.sampled_from(["&", "<3", ">>", "🎉", "👮🏽‍♀️", "café", "#Safety", "#Café", "@Reyes",
                          "🇺🇸", "Q&A", "&amp;", "text", "\u200d", "#日本"])


@given(st.lists(_WORDS, min_size=1, max_size=12).map(" ".join))
def test_spans_always_index_the_unescaped_text(text: str) -> None:
    (post,) = posts(stream(js([tweet(text)])))[0]
    assert post.text == text
    assert "entity_mismatches" not in post.extra
    for tag in post.hashtags:
        assert tag.start is not None
        assert post.text[tag.start : tag.end] == "#" + tag.text
    for mention in post.mentions:
        assert mention.start is not None
        assert post.text[mention.start : mention.end] == "@" + mention.handle


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 50), min_size=1, max_size=6), awkward_leaves(["1", "x"]),
       st.booleans())
def test_mutated_records_only_ever_raise_parse_error(path: list[int], leaf: Any,
                                                     delete: bool) -> None:
    base = tweet("Coffee & donuts 🍩 with @OfficerReyes #CoffeeWithACop")
    base["tweet"]["extended_entities"] = {"media": [{
        "type": "video", "url": "https://t.co/v", "expanded_url": "https://x.com/v",
        "indices": ["0", "1"], "media_url_https": "https://pbs.twimg.com/v.jpg",
        "sizes": {"large": {"w": "1", "h": "1"}},
        "video_info": {"duration_millis": "1000",
                       "variants": [{"bitrate": "1", "content_type": "video/mp4", "url": "u"}]}}]}
    item = mutate_at_indices(base, path, leaf, delete)
    with contextlib.suppress(ParseError):
        list(read(stream(js([item])), Context()))
    got, ctx = posts(stream(js([item])))
    assert len(got) + sum(ctx.skipped.values()) - ctx.skipped["entity-mismatch"] >= 1


_PART1 = (FULL / "data" / "tweets-part1.js").read_bytes()


@given(st.integers(0, len(_PART1)), st.binary(max_size=3))
def test_truncated_or_corrupted_files_only_ever_raise_parse_error(cut: int, junk: bytes) -> None:
    data = _PART1[:cut] + junk
    with contextlib.suppress(ParseError):
        list(read(stream(data), Context()))
    got, _ = posts(stream(data))
    assert len(got) <= 2


# --- one decoder: the schema ----------------------------------------------------------------


def _error(items: list[Any]) -> ParseError:
    container = stream(js(items))
    with pytest.raises(ParseError) as caught:
        list(read(container, Context()))
    got, ctx = posts(container)  # collected: the other records are read
    assert len(got) == len(items) - 1
    assert ctx.skipped["invalid"] == 1
    return caught.value


def _changed(path: list[str | int], value: Any) -> dict[str, Any]:
    item = tweet()
    here: Any = item
    for step in path[:-1]:
        here = here[step]
    here[path[-1]] = value
    return item


def test_a_wrong_type_is_msgspecs_error_at_its_path_quoting_the_value() -> None:
    bad = _changed(["tweet", "entities", "hashtags", 0, "text"], 5)
    err = _error([tweet(), bad])
    where = "$.tweet.entities.hashtags[0].text"
    assert (err.source, err.record, err.path) == ("<stream>", 1, where)
    assert err.message == "expected str, got 5 (int)"
    assert str(err) == f"<stream>: record 1 (0-based) at {where}: expected str, got 5 (int)"


_MEDIA = {"type": "video", "url": "https://t.co/v", "indices": ["18", "32"],
          "media_url_https": "https://pbs.twimg.com/v.jpg",
          "video_info": {"duration_millis": "1000",
                         "variants": [{"bitrate": "1", "content_type": "video/mp4", "url": "u"}]}}


@pytest.mark.parametrize(
    ("path", "value", "where", "message"),
    [
        # the schema's own errors: msgspec's path, the value quoted from the record
        (["tweet", "favorite_count"], 1.5, "$.tweet.favorite_count",
         "expected int or str, got 1.5 (float)"),
        (["tweet", "id_str"], 1687886182609846272, "$.tweet.id_str",
         "expected str, got 1687886182609846272 (int)"),
        (["tweet", "place"], "Springfield", "$.tweet.place",
         "expected object, got 'Springfield' (str)"),
        (["tweet", "user"], {"screen_name": "a", "protected": "yes"}, "$.tweet.user.protected",
         "expected bool, got 'yes' (str)"),
        (["tweet", "entities", "hashtags", 0], {"indices": ["0", "2"]},
         "$.tweet.entities.hashtags[0].text", "required key is missing"),
        (["tweet", "entities", "hashtags", 0, "indices"], "0,2",
         "$.tweet.entities.hashtags[0].indices", "expected array, got '0,2' (str)"),
        (["tweet", "extended_entities"],
         {"media": [{**_MEDIA, "video_info": {"variants": [{"bitrate": 1.5, "url": "u"}]}}]},
         "$.tweet.extended_entities.media[0].video_info.variants[0].bitrate",
         "expected int or str, got 1.5 (float)"),
        (["tweet"], "not a tweet", "$.tweet", "expected object, got 'not a tweet' (str)"),
        # rules a type cannot say, at the same kind of path
        (["tweet", "favorite_count"], "lots", "$.tweet.favorite_count",
         "expected an integer string, got 'lots' (str)"),
        (["tweet", "entities", "hashtags", 0, "indices"], ["6", "x"],
         "$.tweet.entities.hashtags[0].indices[1]", "expected an integer string, got 'x' (str)"),
        (["tweet", "id_str"], None, "$.tweet.id_str", None),  # then the id itself is read
        (["tweet", "coordinates"], {"coordinates": [200, 100]}, "$.tweet.coordinates.coordinates",
         "coordinates [200, 100] out of range as [lon, lat]"),
        (["tweet", "extended_entities"], {"media": [{**_MEDIA, "media_url_https": None,
                                                     "video_info": None}]},
         "$.tweet.extended_entities.media[0].media_url_https", "media has no media_url_https"),
    ],
)
def test_records_that_do_not_fit(path: list[str | int], value: Any, where: str,
                                 message: str | None) -> None:
    bad = _changed(path, value)
    if message is None:  # id_str null: the bare id is used, unless it may have been rounded
        bad["tweet"]["id"] = 2**60
        where, message = "$.tweet.id", f"numeric id {2**60} may be rounded and no id_str is given"
    err = _error([bad, tweet()])
    assert (err.record, err.path, err.message) == (0, where, message)


@pytest.mark.parametrize(
    ("item", "where", "message"),
    [
        ("a tweet", "$", "expected an object, got 'a tweet' (str)"),
        ([1, 2], "$", "expected an object, got [1, 2] (list)"),
        ({"tweet": {}, "extra": 1}, "$.id", "required key is missing"),  # a bare tweet, then
        ({"full_text": 5, "id_str": "1"}, "$.full_text", "expected str, got 5 (int)"),
    ],
)
def test_items_that_are_not_tweets(item: Any, where: str, message: str) -> None:
    err = _error([tweet(), item])
    assert (err.record, err.path, err.message) == (1, where, message)


def test_every_record_is_read_through_the_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[type] = []
    real = twitter_archive.tweet_post

    def spy(t: Any, *args: Any) -> Post | None:
        seen.append(type(t))
        return real(t, *args)

    monkeypatch.setattr(twitter_archive, "tweet_post", spy)
    for name in ("full", "legacy"):  # legacy: one tweet without the {"tweet": ...} wrapper
        seen.clear()
        got, ctx = posts(folder(FIXTURES / name))
        assert got
        assert len(seen) == len(got) + sum(ctx.skipped.values())
        assert set(seen) == {_twitter_typed.Tweet}


@pytest.mark.parametrize("name", ["full", "legacy"])
def test_what_the_streaming_decoder_declines_is_decoded_by_the_same_schema(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed, typed_ctx = posts(folder(FIXTURES / name))
    calls: list[int] = []
    real = _twitter_typed.decode

    def counted(value: Any, source: str, record: int) -> Any:
        calls.append(record)
        return real(value, source, record)

    switch_off_typed_decoding(monkeypatch)  # every record now arrives as plain JSON values
    monkeypatch.setattr(_twitter_typed, "decode", counted)
    plain, plain_ctx = posts(folder(FIXTURES / name))
    assert plain == typed
    assert (plain_ctx.skipped, plain_ctx.errors) == (typed_ctx.skipped, typed_ctx.errors)
    assert len(calls) == len(typed) + sum(typed_ctx.skipped.values())


def test_a_record_with_many_brackets_but_shallow_is_read() -> None:
    item = tweet()
    item["tweet"]["unread"] = [[] for _ in range(300)]  # more brackets than max_depth
    (post,) = posts(stream(js([item])))[0]
    assert post == posts(stream(js([tweet()])))[0][0]


def test_a_record_nested_past_max_depth_is_a_limit() -> None:
    item = tweet()
    item["tweet"]["unread"] = json.loads("[" * 300 + "]" * 300)
    with pytest.raises(LimitExceeded):
        list(read(stream(js([item])), Context(errors="collect")))


def test_invalid_utf8_fails_its_record_only() -> None:
    data = js([tweet("Hello #One"), tweet("Hello #Two", source="CAFE"), tweet("Hello #Three")])
    data = data.replace(b"CAFE", b"CAF\xff")  # not UTF-8, in a key the reader reads
    got, ctx = posts(stream(data))
    assert [p.hashtags[0].text for p in got] == ["One", "Three"]
    (error,) = ctx.errors
    assert error.record == 1


def test_what_archives_rarely_carry_is_read_by_the_schema_too() -> None:
    item = tweet(
        "Block party photos #NationalNightOut https://t.co/pic0000001",
        extended_entities={"media": [{
            "type": "photo", "url": "https://t.co/pic0000001", "indices": ["37", "60"],
            "expanded_url": "https://x.com/SpringfieldPD/status/1/photo/1",
            "media_url_https": "https://pbs.example.org/media/a.jpg",
            "sizes": {"large": {"w": "2048", "h": "1536"}}, "ext_alt_text": "Neighbours"}, _MEDIA]},
        place={"full_name": "Springfield, IL", "name": "Springfield", "place_type": "city",
               "country_code": "US", "id": "abc123",
               "bounding_box": {"coordinates": [[[-89.7, 39.7], [-89.6, 39.7],
                                                 [-89.6, 39.8], [-89.7, 39.8]]]}},
        coordinates={"type": "Point", "coordinates": [-89.65, 39.78]},
        quoted_status_id_str="1687886182609846100", in_reply_to_status_id=1000,
        user={"screen_name": "SpringfieldPD", "id_str": "1000001", "protected": True},
        edit_info={"edit": {"editControlInitial": {
            "editTweetIds": ["1687886182609846200", "1687886182609846272"]}}},
    )
    (post,) = posts(stream(js([item])))[0]  # a lone file: the author comes from "user"
    assert post.author is not None
    assert (post.author.handle, post.author.id) == ("SpringfieldPD", "1000001")
    assert post.visibility is Visibility.FOLLOWERS
    assert [m.kind for m in post.media] == [MediaKind.PHOTO, MediaKind.VIDEO]
    assert (post.media[0].width, post.media[0].alt_text) == (2048, "Neighbours")
    assert (post.media[1].uri, post.media[1].duration) == ("u", 1.0)
    assert post.location is not None
    assert (post.location.name, post.location.locality, post.location.country) == (
        "Springfield, IL", "Springfield", "US")
    assert post.location.coordinates is not None
    assert post.location.coordinates.latitude == 39.78
    assert post.extra["place_bbox"] == [-89.7, 39.7, -89.6, 39.8]
    assert post.extra["quoted_id"] == "1687886182609846100"
    assert post.reply_to == "1000"
    assert post.extra["edit_history"] == ["1687886182609846200", "1687886182609846272"]


def test_streaming_extended_tweet_and_retweeted_status() -> None:
    long = tweet("Short", extended_tweet={
        "full_text": "Longer text #Here", "display_text_range": [0, 17],
        "entities": {"hashtags": [{"text": "Here", "indices": [12, 17]}]}})
    retweet = tweet("Not marked as one", retweeted_status={"id_str": "1"})
    got, ctx = posts(stream(js([long, retweet])))
    (post,) = got
    assert post.text == "Longer text #Here"
    assert (post.hashtags[0].start, post.hashtags[0].end) == (12, 17)
    assert ctx.skipped == {"retweet": 1}
