"""Reposts in every reader: left out and counted by default, read with ``include_reposts``.

Each case is a synthetic document of one format holding one repost, with what
``repost_of`` must name and who reposted when. The licensed twarc samples (the
same retweets as API JSON and as twarc-csv) must agree with each other.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import engagekit as ek
from engagekit.sources._twitter.reposts import text_retweet
from tests.conftest import reference

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def _archive_rt(text: str) -> bytes:
    tweet = {"id_str": "1675236581176246280", "created_at": "Sat Jul 01 20:15:00 +0000 2023",
             "full_text": text, "favorite_count": "0", "retweet_count": "0",
             "entities": {"hashtags": [], "symbols": [], "urls": [], "user_mentions": [
                 {"screen_name": "SpringfieldFD", "name": "FD", "id_str": "5", "id": "5",
                  "indices": ["3", "17"]}]}}
    return b"window.YTD.tweets.part0 = " + json.dumps([{"tweet": tweet}]).encode()


_V1 = {"id_str": "1675236581176246274", "created_at": "Sat Jul 01 20:15:00 +0000 2023",
       "full_text": "RT @SpringfieldFD: Hydrant flushing on Oak Ave",
       "user": {"id_str": "2", "screen_name": "springfieldpd"},
       "retweeted_status": {"id_str": "1675236581176246000", "user": {"screen_name":
                                                                       "SpringfieldFD"}}}
_V2 = {"data": [{"id": "1675236581176246275", "text": "RT @SpringfieldFD: Hydrant flushing",
                 "author_id": "2", "created_at": "2023-07-01T20:15:00.000Z",
                 "referenced_tweets": [{"type": "retweeted", "id": "1675236581176246001"}]}],
       "includes": {"users": [{"id": "2", "username": "springfieldpd", "name": "SPD"},
                              {"id": "3", "username": "SpringfieldFD", "name": "SFD"}],
                    "tweets": [{"id": "1675236581176246001", "author_id": "3", "text": "x"}]}}
_V2_DEFAULT = {"data": [{"id": "1675236581176246276", "text": "RT @SpringfieldFD: Hydrants"}]}
_BSKY = {"feed": [{
    "post": {"uri": "at://did:plc:fd/app.bsky.feed.post/3kfd", "cid": "bafyfd",
             "author": {"did": "did:plc:fd", "handle": "springfieldfd.bsky.social"},
             "record": {"$type": "app.bsky.feed.post", "text": "Hydrant flushing #Water",
                        "createdAt": "2024-05-01T15:00:00Z"},
             "indexedAt": "2024-05-01T15:00:01Z"},
    "reason": {"$type": "app.bsky.feed.defs#reasonRepost",
               "by": {"did": "did:plc:pd", "handle": "springfieldpd.bsky.social"},
               "indexedAt": "2024-05-02T10:00:00.000Z"}}]}
_OUTBOX = {"@context": "https://www.w3.org/ns/activitystreams", "type": "OrderedCollection",
           "orderedItems": [{
               "id": "https://social.example/users/springfieldpd/statuses/9/activity",
               "type": "Announce", "actor": "https://social.example/users/springfieldpd",
               "published": "2024-05-02T10:00:00Z", "to": [PUBLIC],
               "cc": ["https://social.example/users/springfieldpd/followers"],
               "object": "https://other.example/users/fd/statuses/7"}]}

WHEN_X = datetime(2023, 7, 1, 20, 15, tzinfo=UTC)
WHEN_LATER = datetime(2024, 5, 2, 10, tzinfo=UTC)

CASES: list[tuple[str, str, bytes, str, ek.PostRef, str | None, datetime]] = [
    # description, format, document, skip reason, repost_of, reposter, time
    ("archive: old-style RT names only the author", "twitter-archive",
     _archive_rt("RT @SpringfieldFD: Hydrant flushing"), "retweet",
     ek.PostRef(author="SpringfieldFD"), None, WHEN_X),
    ("v1.1: retweeted_status names id and author", "twitter-api", json.dumps(_V1).encode(),
     "retweet", ek.PostRef(id="1675236581176246000", author="SpringfieldFD",
                           url="https://x.com/SpringfieldFD/status/1675236581176246000"),
     "springfieldpd", WHEN_X),
    ("v2: referenced_tweets, author from includes", "twitter-api", json.dumps(_V2).encode(),
     "retweet", ek.PostRef(id="1675236581176246001", author="SpringfieldFD",
                           url="https://x.com/SpringfieldFD/status/1675236581176246001"),
     "springfieldpd", WHEN_X),
    ("v2 default fields: the text rule", "twitter-api", json.dumps(_V2_DEFAULT).encode(),
     "retweet", ek.PostRef(author="SpringfieldFD"), None, WHEN_X),  # time from the id
    ("bluesky: reasonRepost", "bluesky", json.dumps(_BSKY).encode(), "repost",
     ek.PostRef(id="at://did:plc:fd/app.bsky.feed.post/3kfd",
                author="springfieldfd.bsky.social",
                url="https://bsky.app/profile/springfieldfd.bsky.social/post/3kfd"),
     "springfieldpd.bsky.social", WHEN_LATER),
    ("mastodon: Announce", "mastodon", json.dumps(_OUTBOX).encode(), "announce",
     ek.PostRef(id="https://other.example/users/fd/statuses/7"),
     "springfieldpd@social.example", WHEN_LATER),
]
IDS = [c[0] for c in CASES]


@pytest.mark.parametrize(("name", "fmt", "doc", "reason", "ref", "who", "when"), CASES, ids=IDS)
def test_left_out_and_counted_by_default(name: str, fmt: str, doc: bytes, reason: str,
                                         ref: ek.PostRef, who: str | None,
                                         when: datetime) -> None:
    report = ek.read_posts(io.BytesIO(doc), format=fmt, errors="collect")
    assert report.errors == []
    assert report.posts == []
    assert report.skipped == {reason: 1}


@pytest.mark.parametrize(("name", "fmt", "doc", "reason", "ref", "who", "when"), CASES, ids=IDS)
def test_read_with_include_reposts(name: str, fmt: str, doc: bytes, reason: str,
                                   ref: ek.PostRef, who: str | None, when: datetime) -> None:
    report = ek.read_posts(io.BytesIO(doc), format=fmt, errors="collect", include_reposts=True)
    assert report.errors == []
    assert report.skipped == {}
    (post,) = report.posts
    assert post.repost_of == ref
    assert (post.author.handle if post.author else None) == who
    assert post.created_at == when
    assert ek.loads(ek.dumps(post), ek.Post) == post


def test_the_stream_api_takes_the_option_too() -> None:
    doc = json.dumps(_OUTBOX).encode()
    assert list(ek.read_posts(io.BytesIO(doc), format="mastodon")) == []
    (post,) = ek.read_posts(io.BytesIO(doc), format="mastodon", include_reposts=True)
    assert post.text == ""
    assert post.visibility is ek.Visibility.PUBLIC


def test_a_boost_without_an_object_is_still_left_out_and_counted() -> None:
    outbox: dict[str, Any] = json.loads(json.dumps(_OUTBOX))
    del outbox["orderedItems"][0]["object"]
    report = ek.read_posts(io.BytesIO(json.dumps(outbox).encode()), format="mastodon",
                           errors="collect", include_reposts=True)
    assert report.posts == []
    assert report.skipped == {"announce": 1}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("RT @SpringfieldFD: hydrants", "SpringfieldFD"),
        ("RT @a_b_9 thanks", "a_b_9"),
        # not the retweet pattern
        ("RT @ SpringfieldFD", None),
        ("rt @SpringfieldFD", None),
        (" RT @SpringfieldFD", None),
        ("ART @SpringfieldFD", None),
    ],
)
def test_text_rule(text: str, name: str | None) -> None:
    assert text_retweet(text) == name


@pytest.mark.parametrize("name", ["mentions_tweet"])
def test_twarc_retweets_agree_between_api_json_and_twarc_csv(name: str) -> None:
    from_json = ek.read_posts(reference("formats", "twitter_api_v2", f"twarc_{name}.jsonl"),
                              errors="collect", include_reposts=True)
    from_csv = ek.read_posts(reference("formats", "csv", f"twarc_csv_output.{name}.csv"),
                             errors="collect", include_reposts=True)
    assert from_json.errors == []
    assert from_csv.errors == []
    reposts = [p for p in from_json.posts if p.repost_of is not None]
    assert reposts, "the sample holds retweets"
    assert "retweet" not in from_json.skipped
    by_id = {p.id: p for p in from_csv.posts}
    for post in reposts:
        assert post.repost_of is not None
        assert post.repost_of.id is not None
        other = by_id[post.id].repost_of
        assert other is not None
        assert other.id == post.repost_of.id


def test_dask_reads_take_the_option_too(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag", reason="the dask extra is not installed")
    import engagekit.dask as ekd

    path = tmp_path / "outbox.json"
    path.write_text(json.dumps(_OUTBOX), encoding="utf-8")
    plain: Any = ekd.read_posts(path)  # dask's methods are not annotated
    assert plain.compute(scheduler="sync") == []
    kept: Any = ekd.read_posts(path, include_reposts=True)
    (post,) = kept.compute(scheduler="sync")
    assert post.repost_of == ek.PostRef(id="https://other.example/users/fd/statuses/7")
