"""Bluesky records: the licensed bskyr samples, synthetic records, facets and CAR files."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engagekit as ek
from engagekit.errors import ParseError
from engagekit.models import MediaKind, Post, Visibility
from engagekit.sources import bluesky
from engagekit.sources._engine.base import Container, Context, Limits
from engagekit.sources._engine.containers import FileContainer, FolderContainer
from tests._mutate import json_values, mutated
from tests._reading import assert_bad_document
from tests.conftest import reference

DID = "did:plc:springfieldpd0000000000"
HANDLE = "springfieldpd.example.com"
FRIEND = "did:plc:mayorlee000000000000000"
MASTODON = Path(__file__).parent / "fixtures" / "mastodon" / "export" / "outbox.json"


def sample(name: str) -> Path:
    return reference("formats", "bluesky", name)


def read(container: Container, errors: Any = "collect") -> tuple[list[Post], Context]:
    ctx = Context(errors=errors)
    return list(bluesky.read(container, ctx)), ctx


def stream(data: bytes | str) -> FileContainer:
    return FileContainer(io.BytesIO(data.encode() if isinstance(data, str) else data), Limits())


def facet(text: str, part: str, kind: str, value: str) -> dict[str, Any]:
    """A facet over the first ``part`` in ``text``, with UTF-8 byte offsets."""
    start = len(text[: text.index(part)].encode())
    key = {"tag": "tag", "mention": "did", "link": "uri"}[kind]
    return {"index": {"byteStart": start, "byteEnd": start + len(part.encode())},
            "features": [{"$type": f"app.bsky.richtext.facet#{kind}", key: value}]}


def record(text: Any = "Coffee with a cop", **fields: Any) -> dict[str, Any]:
    value = {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2025-05-01T15:00:00.000Z",
             "langs": ["en"]}
    value.update(fields)
    return value


def entry(value: dict[str, Any], rkey: str = "3lpd000000001") -> dict[str, Any]:
    return {"uri": f"at://{DID}/app.bsky.feed.post/{rkey}", "cid": "bafyreitest" + rkey,
            "value": value}


def feed_item(value: dict[str, Any], reason: str | None = None, **view: Any) -> dict[str, Any]:
    post = {"uri": f"at://{DID}/app.bsky.feed.post/3lpd000000001", "cid": "bafyreitest",
            "author": {"did": DID, "handle": HANDLE, "displayName": "Springfield PD"},
            "record": value, "replyCount": 2, "repostCount": 3, "likeCount": 10, "quoteCount": 1,
            "indexedAt": "2025-05-01T15:00:01.000Z"}
    post.update(view)
    item: dict[str, Any] = {"post": post}
    if reason:
        item["reason"] = {"$type": f"app.bsky.feed.defs#{reason}"}
    return item


def one(value: dict[str, Any]) -> tuple[Post, Context]:
    posts, ctx = read(stream(json.dumps({"records": [entry(value)]})))
    assert len(posts) == 1, (ctx.errors, ctx.skipped)
    return posts[0], ctx


def byte_shifted(facets: list[dict[str, Any]], text: str) -> int:
    """How many facets have byte offsets that differ from code-point offsets."""
    return sum(
        len(text.encode()[: f["index"]["byteStart"]].decode()) != f["index"]["byteStart"]
        for f in facets
    )


def spanned(post: Post) -> int:
    """How many entities of the post have a span."""
    starts = [e.start for e in post.hashtags] + [e.start for e in post.mentions]
    return sum(s is not None for s in starts + [e.start for e in post.links])


def assert_spans_exact(post: Post) -> None:
    for tag in post.hashtags:
        if tag.start is not None:
            assert post.text[tag.start : tag.end].casefold() == "#" + tag.text.casefold()
    for mention in post.mentions:
        if mention.start is not None:
            assert post.text[mention.start : mention.end] == "@" + mention.handle
    for link in post.links:
        if link.start is not None:
            assert post.text[link.start : link.end] == link.url


# -- the licensed samples ------------------------------------------------------------------


def test_list_records_sample() -> None:
    path = sample("listRecords.app.bsky.feed.post.bskyr.json")
    raw = json.loads(path.read_text(encoding="utf-8"))["records"]
    posts, ctx = read(FileContainer(path, Limits()))
    assert len(posts) == 50
    assert not ctx.errors
    assert not ctx.skipped
    assert [p.id for p in posts] == [r["uri"] for r in raw]
    with_facets = [(p, r) for p, r in zip(posts, raw, strict=True) if r["value"].get("facets")]
    assert len(with_facets) == 28
    spans = 0
    for post, _rec in with_facets:
        assert_spans_exact(post)
        spans += spanned(post)
    assert spans == 58
    assert sum(byte_shifted(r["value"]["facets"], r["value"]["text"]) for _, r in with_facets) == 8
    first = posts[0]
    assert first.author is not None
    assert first.author.handle == first.author.id == raw[0]["uri"][5:37]
    assert first.url == f"https://bsky.app/profile/{first.author.id}/post/3lof7sovfok2h"
    assert first.reply_to == raw[0]["value"]["reply"]["parent"]["uri"]
    assert first.engagement.likes is None  # listRecords has no counts
    assert first.created_at == datetime(2025, 5, 5, 1, 30, 17, 912000, tzinfo=timezone.utc)
    assert all(p.visibility is Visibility.PUBLIC for p in posts)


def test_author_feed_sample() -> None:
    path = sample("getAuthorFeed.excerpt.bskyr.json")
    items = json.loads(path.read_text(encoding="utf-8"))["feed"]
    posts, ctx = read(FileContainer(path, Limits()))
    assert len(items) == 28
    assert ctx.skipped == {"repost": 7}
    own = [i["post"] for i in items if "reason" not in i]
    assert [p.id for p in posts] == [v["uri"] for v in own]
    facets = [(f, v["record"]["text"]) for v in own for f in v["record"].get("facets", [])]
    assert sum(len(f["features"]) for f, _ in facets) == sum(spanned(p) for p in posts)
    shifted = sum(byte_shifted(i["post"]["record"]["facets"], i["post"]["record"]["text"])
                  for i in items)
    assert shifted == 13
    for post, view in zip(posts, own, strict=True):
        assert_spans_exact(post)
        assert post.engagement.likes == view["likeCount"]
        assert post.engagement.comments == view["replyCount"]
        assert post.engagement.shares == view["repostCount"] + view["quoteCount"]
        assert post.author is not None
        assert post.author.handle == view["author"]["handle"]
        assert post.url == "https://bsky.app/profile/{}/post/{}".format(
            view["author"]["handle"], view["uri"].rsplit("/", 1)[1]
        )
    truncated = [lk for p in posts for lk in p.links if lk.url.endswith("...")]
    assert truncated
    for link in truncated:
        assert link.expanded_url is not None
        assert link.expanded_url.startswith("https://")
        assert link.url[:-3] in link.expanded_url  # the text shows a cut form of the real URL


def test_jsonl_pages_pretty_json_and_arrays_agree(tmp_path: Path) -> None:
    doc = json.loads(sample("listRecords.app.bsky.feed.post.bskyr.json").read_text("utf-8"))
    expected, _ = read(stream(json.dumps(doc)))
    records = doc["records"]
    layouts = {
        "pages.jsonl": "\n".join(json.dumps({"records": records[i : i + 20], "cursor": str(i)})
                                 for i in range(0, 50, 20)) + "\n",
        "entries.jsonl": "\n".join(json.dumps(r) for r in records),
        "pretty.json": json.dumps(doc, indent=2),
        "entries.json": json.dumps(records),
        "cursor-first.json": json.dumps({"cursor": "x", "records": records}),
    }
    for name, text in layouts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        posts, ctx = read(FileContainer(tmp_path / name, Limits()))
        assert posts == expected, name
        assert not ctx.errors


def test_folder_reads_only_bluesky_members(tmp_path: Path) -> None:
    text = sample("getAuthorFeed.excerpt.bskyr.json").read_text("utf-8")
    (tmp_path / "feed.json").write_text(text, encoding="utf-8")
    (tmp_path / "notes.json").write_text('{"hello": "world"}')
    container = FolderContainer(tmp_path, Limits())
    assert bluesky.detect(container)
    posts, ctx = read(container)
    assert len(posts) == 21
    assert ctx.skipped == {"repost": 7}


def test_detect() -> None:
    assert bluesky.detect(FileContainer(sample("listRecords.app.bsky.feed.post.bskyr.json"),
                                        Limits()))
    assert bluesky.detect(stream(json.dumps([record()])))
    assert not bluesky.detect(FileContainer(MASTODON, Limits()))
    assert not bluesky.detect(stream('{"data": [{"id": "1", "text": "hi"}]}'))
    # our own JSON Lines of Bluesky posts is not a Bluesky export
    posts, _ = read(stream(json.dumps({"records": [entry(record())]})))
    ours = io.BytesIO()
    ek.write_jsonl(posts, ours)
    assert b"app.bsky.feed.post" in ours.getvalue()
    assert not bluesky.detect(stream(ours.getvalue()))


# -- bare records and views ----------------------------------------------------------------


def test_bare_records_get_a_content_hash_id() -> None:
    rec = record("Bike rodeo #SafeStreets")
    posts, _ = read(stream(json.dumps(rec) + "\n" + json.dumps(record("Second")) + "\n"))
    assert len(posts) == 2
    post = posts[0]
    assert post.id.startswith("sha256:")
    assert post.extra["id_source"] == "content-hash"
    assert post.id == read(stream(json.dumps([rec])))[0][0].id  # stable
    assert post.author is None
    assert post.url is None
    # no facets at all: entities are read off the text
    assert [(h.text, post.text[h.start : h.end]) for h in post.hashtags if h.start is not None] \
        == [("SafeStreets", "#SafeStreets")]


def test_posts_page_of_views() -> None:
    view = feed_item(record())["post"]
    posts, _ = read(stream(json.dumps({"posts": [view]})))
    assert posts[0].engagement.likes == 10
    assert posts[0].author is not None


def test_repost_skipped_pin_kept() -> None:
    page = {"feed": [feed_item(record(), "reasonRepost"), feed_item(record(), "reasonPin")]}
    posts, ctx = read(stream(json.dumps(page)))
    assert len(posts) == 1
    assert ctx.skipped == {"repost": 1}


def test_other_record_types_are_skipped_by_type() -> None:
    like = {"$type": "app.bsky.feed.like", "subject": {"uri": "at://x", "cid": "y"},
            "createdAt": "2025-05-01T15:00:00Z"}
    posts, ctx = read(stream(json.dumps({"records": [entry(like), entry(record())]})))
    assert len(posts) == 1
    assert ctx.skipped == {"app.bsky.feed.like": 1}


@pytest.mark.parametrize(
    ("created", "expected"),
    [
        ("2025-05-01T15:00:05.725Z", datetime(2025, 5, 1, 15, 0, 5, 725000, tzinfo=timezone.utc)),
        ("2025-05-03T02:37:59.976340Z", datetime(2025, 5, 3, 2, 37, 59, 976340, tzinfo=timezone.utc)),  # noqa: E501
        ("2025-05-03T02:37:59.976340+00:00",
         datetime(2025, 5, 3, 2, 37, 59, 976340, tzinfo=timezone.utc)),
        ("2025-05-01T17:00:00+02:00", datetime(2025, 5, 1, 15, 0, tzinfo=timezone.utc)),
        ("2025-05-01T15:00:00Z", datetime(2025, 5, 1, 15, 0, tzinfo=timezone.utc)),
    ],
)
def test_created_at(created: str, expected: datetime) -> None:
    post, _ = one(record(createdAt=created))
    assert post.created_at == expected
    assert post.created_at.tzinfo is timezone.utc
    assert "naive_time" not in post.extra


@pytest.mark.parametrize("created", ["2025-05-01T15:00:05.725", "2025-05-01T15:00:05",
                                     "2025-05-01 15:00:05.725000"])
def test_created_at_without_an_offset_is_read_as_utc_and_marked(created: str) -> None:
    posts, ctx = read(stream(json.dumps({"records": [entry(record(createdAt=created))]})))
    assert ctx.errors == []
    (post,) = posts
    assert post.created_at.replace(microsecond=0) == datetime(2025, 5, 1, 15, 0, 5,
                                                              tzinfo=timezone.utc)
    assert post.created_at.tzinfo is timezone.utc
    assert post.extra["naive_time"] is True


# -- facets ------------------------------------------------------------------------------------

TEXT = "“Stay safe” 🚲 @mayor.example.com #BikeSafety github.com/springfield..."


def good_facets() -> list[dict[str, Any]]:
    return [
        facet(TEXT, "@mayor.example.com", "mention", FRIEND),
        facet(TEXT, "#BikeSafety", "tag", "BikeSafety"),
        facet(TEXT, "github.com/springfield...", "link", "https://github.com/springfield/rodeo"),
    ]


def test_facets_after_multibyte_characters() -> None:
    post, ctx = one(record(TEXT, facets=good_facets(), tags=["CommunityPolicing"]))
    assert not ctx.skipped
    assert_spans_exact(post)
    assert [(m.handle, m.id) for m in post.mentions] == [("mayor.example.com", FRIEND)]
    assert [(h.text, h.start is None) for h in post.hashtags] == [
        ("BikeSafety", False), ("CommunityPolicing", True),  # record tags: no span
    ]
    (link,) = post.links
    assert (link.url, link.expanded_url) == ("github.com/springfield...",
                                             "https://github.com/springfield/rodeo")
    assert post.text[link.start : link.end] == "github.com/springfield..."


def _emoji_byte() -> int:
    return len(TEXT[: TEXT.index("🚲")].encode()) + 1


# description, facet index change, what is kept
BAD_FACETS = [
    ("past the end", {"byteStart": 70, "byteEnd": 500}),
    ("inside a character", {"byteStart": _emoji_byte(), "byteEnd": _emoji_byte() + 4}),
    ("reversed", {"byteStart": 10, "byteEnd": 5}),
    ("empty", {"byteStart": 5, "byteEnd": 5}),
    ("negative", {"byteStart": -1, "byteEnd": 5}),
    ("not integers", {"byteStart": "0", "byteEnd": 5}),
    ("bool", {"byteStart": False, "byteEnd": 5}),
]


@pytest.mark.parametrize(("description", "index"), BAD_FACETS, ids=[c[0] for c in BAD_FACETS])
def test_invalid_facet_is_ignored_counted_and_noted(description: str,
                                                    index: dict[str, Any]) -> None:
    bad = {"index": index, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "x"}]}
    post, ctx = one(record(TEXT, facets=[*good_facets(), bad]))
    assert ctx.skipped == {"invalid-facet": 1}
    assert [p["facet"] for p in post.extra["invalid_facets"]] == [3]
    assert len(post.hashtags) + len(post.mentions) + len(post.links) == 3  # the good ones
    assert_spans_exact(post)


@pytest.mark.parametrize(
    "bad",
    [
        "not an object",
        {"features": []},
        {"index": {"byteStart": 0, "byteEnd": 3}},
        {"index": {"byteStart": 0, "byteEnd": 3}, "features": []},
        {"index": {"byteStart": 0, "byteEnd": 3}, "features": [{"tag": "x"}]},
        {"index": {"byteStart": 0, "byteEnd": 3},
         "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": ""}]},
        {"index": {"byteStart": 0, "byteEnd": 3},
         "features": [{"$type": "app.bsky.richtext.facet#link", "uri": 5}]},
    ],
)
def test_malformed_facets_are_invalid(bad: Any) -> None:
    post, ctx = one(record(TEXT, facets=[bad]))
    assert ctx.skipped == {"invalid-facet": 1}
    assert (post.hashtags, post.mentions, post.links) == ((), (), ())


def test_overlapping_facet_keeps_the_first() -> None:
    overlap = facet(TEXT, "#BikeSafety", "link", "https://e.example")
    post, ctx = one(record(TEXT, facets=[*good_facets(), overlap]))
    assert ctx.skipped == {"invalid-facet": 1}
    assert post.extra["invalid_facets"][0]["reason"].startswith("overlaps facet")


def test_unknown_feature_type_is_not_an_error() -> None:
    other = facet(TEXT, "Stay", "tag", "x")
    other["features"] = [{"$type": "app.bsky.richtext.facet#somethingNew", "v": 1}]
    post, ctx = one(record(TEXT, facets=[other]))
    assert not ctx.skipped
    assert post.hashtags == ()


def test_tag_facet_over_other_text_is_a_mismatch() -> None:
    wrong = facet(TEXT, "Stay", "tag", "Stay")  # no '#'
    post, ctx = one(record(TEXT, facets=[wrong]))
    assert ctx.skipped == {"entity-mismatch": 1}
    assert [(h.text, h.start) for h in post.hashtags] == [("Stay", None)]
    assert post.extra["entity_mismatches"] == [{"facet": 0, "text": "Stay"}]


@given(
    st.text(max_size=40),
    st.lists(st.tuples(st.integers(-2, 130), st.integers(-2, 130),
                       st.sampled_from(["tag", "mention", "link"])), max_size=5),
)
def test_random_facets_never_fail_the_post(text: str, ranges: list[tuple[int, int, str]]) -> None:
    key = {"tag": "tag", "mention": "did", "link": "uri"}
    facets = [{"index": {"byteStart": a, "byteEnd": b},
               "features": [{"$type": f"app.bsky.richtext.facet#{kind}", key[kind]: "x"}]}
              for a, b, kind in ranges]
    post, ctx = one(record(text, facets=facets))
    kept = len(post.hashtags) + len(post.mentions) + len(post.links)
    assert kept + ctx.skipped["invalid-facet"] == len(facets)
    assert ctx.skipped["entity-mismatch"] == len(post.extra.get("entity_mismatches", []))
    if text == post.text:  # spans are checked against the text as written
        assert_spans_exact(post)


def test_empty_facets_list_means_no_entities() -> None:
    post, _ = one(record("Join #CoffeeWithACop", facets=[]))
    assert post.hashtags == ()


# -- embeds, replies, labels -----------------------------------------------------------------

BLOB = {"$type": "blob", "ref": {"$link": "bafkreiimage"}, "mimeType": "image/jpeg", "size": 10}


def test_images_with_alt_text_and_view_urls() -> None:
    embed = {"$type": "app.bsky.embed.images", "images": [
        {"alt": "Officer Jordan Reyes at the rodeo", "image": BLOB,
         "aspectRatio": {"width": 652, "height": 348}},
        {"alt": "", "image": {"cid": "bafkreilegacy", "mimeType": "image/png"}},
    ]}
    post, _ = one(record(embed=embed))
    assert [(m.kind, m.uri, m.alt_text, m.width) for m in post.media] == [
        (MediaKind.PHOTO, "bafkreiimage", "Officer Jordan Reyes at the rodeo", 652),
        (MediaKind.PHOTO, "bafkreilegacy", None, None),
    ]
    view = {"$type": "app.bsky.embed.images#view",
            "images": [{"fullsize": "https://cdn.example/full.jpg", "alt": ""}]}
    posts, _ = read(stream(json.dumps({"feed": [feed_item(record(embed=embed), embed=view)]})))
    assert [m.uri for m in posts[0].media] == ["https://cdn.example/full.jpg", "bafkreilegacy"]


def test_external_embed_adds_a_link_once() -> None:
    external = {"$type": "app.bsky.embed.external",
                "external": {"uri": "https://github.com/springfield/rodeo", "title": "t",
                             "description": ""}}
    post, _ = one(record(TEXT, facets=good_facets(), embed=external))
    assert len(post.links) == 1  # the facet already links there
    post, _ = one(record("See the repo", embed=external))
    assert [(lk.url, lk.start) for lk in post.links] == [
        ("https://github.com/springfield/rodeo", None)
    ]


def test_quote_with_media_video_reply_and_labels() -> None:
    quoted = {"uri": f"at://{FRIEND}/app.bsky.feed.post/3abc", "cid": "bafyquoted"}
    embed = {"$type": "app.bsky.embed.recordWithMedia",
             "record": {"$type": "app.bsky.embed.record", "record": quoted},
             "media": {"$type": "app.bsky.embed.video", "video": BLOB, "alt": "Rodeo video",
                       "aspectRatio": {"width": 1920, "height": 1080}}}
    reply = {"root": quoted, "parent": quoted}
    labels = {"$type": "com.atproto.label.defs#selfLabels", "values": [{"val": "graphic-media"}]}
    post, _ = one(record(embed=embed, reply=reply, labels=labels, langs=["en", "es"]))
    assert post.extra["quote"] == quoted["uri"]
    assert [(m.kind, m.alt_text, m.height) for m in post.media] == [
        (MediaKind.VIDEO, "Rodeo video", 1080)
    ]
    assert post.reply_to == quoted["uri"]
    assert post.extra["labels"] == ["graphic-media"]
    assert (post.lang, post.extra["langs"]) == ("en", ["en", "es"])


# -- malformed input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "path"),
    [
        (record(createdAt="2025-05-01"), "$.records[0].value.createdAt"),  # no time
        (record(createdAt="yesterday"), "$.records[0].value.createdAt"),
        (record(createdAt=1714575600), "$.records[0].value.createdAt"),
        (record(text=None), "$.records[0].value.text"),
        (record(facets={"a": 1}), "$.records[0].value.facets"),
        (record(tags=[1]), "$.records[0].value.tags"),
        (record(embed={"$type": "app.bsky.embed.images", "images": [{"image": {}}]}),
         "$.records[0].value.embed.images[0].image"),
    ],
)
def test_bad_records_are_parse_errors_with_paths(value: dict[str, Any], path: str) -> None:
    page = {"records": [entry(value), entry(record())]}
    for layout in (json.dumps(page), json.dumps(page, indent=1)):  # JSON Lines / streamed
        posts, ctx = read(stream(layout))
        assert len(posts) == 1
        (error,) = ctx.errors
        assert (error.record, error.path) == (0, path)


@pytest.mark.parametrize(
    "data",
    [
        "",
        '{"records": 5}',
        '{"records": [',
        '[{"text": "x"',
        '{"records": []}\n{"feed": 1}\n',
        "[1, 2]",
        "null",
    ],
)
def test_bad_documents_raise_parse_errors(data: str) -> None:
    assert_bad_document(read, lambda: stream(data))


_BASE = feed_item(record(TEXT, facets=good_facets(), tags=["x"], reply={
    "root": {"uri": "at://a", "cid": "b"}, "parent": {"uri": "at://a", "cid": "b"}},
    embed={"$type": "app.bsky.embed.images", "images": [{"alt": "a", "image": BLOB}]}))
_JSON = json_values(st.none() | st.booleans() | st.integers() | st.text(max_size=10))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_feed_items_give_a_post_or_a_parse_error(data: st.DataObject) -> None:
    item = mutated(_BASE, data, values=_JSON, new_keys=False)
    try:
        posts, _ = read(stream(json.dumps({"feed": [item]})), errors="raise")
    except ParseError:
        return
    for post in posts:
        assert_spans_exact(post)


@given(st.binary(max_size=200))
def test_random_bytes_give_a_parse_error_or_nothing(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        read(stream(data), errors="raise")


# -- repository CAR files ------------------------------------------------------------------


def _varint(n: int) -> bytes:
    out = b""
    while True:
        low, n = n & 0x7F, n >> 7
        if not n:
            return out + bytes([low])
        out += bytes([low | 0x80])


def build_car(libipld: Any) -> bytes:
    """A tiny repository: a profile, a like and two posts in a two-level search tree."""
    blocks: dict[bytes, bytes] = {}

    def put(value: Any) -> bytes:
        data: bytes = libipld.encode_dag_cbor(value)
        cid = bytes([1, 0x71, 0x12, 0x20]) + hashlib.sha256(data).digest()
        blocks[cid] = data
        return cid

    blob = {"$type": "blob", "ref": put({"not": "an image"}), "mimeType": "image/jpeg", "size": 3}
    post1 = put(record("Bike rodeo #SafeStreets", facets=[
        facet("Bike rodeo #SafeStreets", "#SafeStreets", "tag", "SafeStreets")]))
    post2 = put(record("Photo", embed={"$type": "app.bsky.embed.images",
                                       "images": [{"alt": "Rodeo", "image": blob}]}))
    like = put({"$type": "app.bsky.feed.like", "createdAt": "2025-05-01T15:00:00Z",
                "subject": {"uri": "at://x", "cid": "y"}})
    profile = put({"$type": "app.bsky.actor.profile", "displayName": "Springfield PD"})
    left = put({"l": None, "e": [{"p": 0, "k": b"app.bsky.actor.profile/self", "v": profile,
                                  "t": None}]})
    root = put({"l": left, "e": [
        {"p": 0, "k": b"app.bsky.feed.like/3kaaaaaaaaa22", "v": like, "t": None},
        {"p": 14, "k": b"post/3kbbbbbbbbb22", "v": post1, "t": None},
        {"p": 21, "k": b"ccccccccc22", "v": post2, "t": None},
    ]})
    commit = put({"did": DID, "version": 3, "data": root, "rev": "3kzzz", "prev": None,
                  "sig": b"\x00" * 64})
    header: bytes = libipld.encode_dag_cbor({"roots": [commit], "version": 1})
    body = b"".join(_varint(len(c) + len(d)) + c + d for c, d in blocks.items())
    return _varint(len(header)) + header + body


def test_car_repository(tmp_path: Path) -> None:
    libipld = pytest.importorskip("libipld")
    path = tmp_path / "repo.car"
    path.write_bytes(build_car(libipld))
    container = FileContainer(path, Limits())
    assert bluesky.detect(container)
    posts, ctx = read(container)
    assert not ctx.errors
    assert ctx.skipped == {"app.bsky.actor.profile": 1, "app.bsky.feed.like": 1}
    assert [p.id for p in posts] == [f"at://{DID}/app.bsky.feed.post/3kbbbbbbbbb22",
                                     f"at://{DID}/app.bsky.feed.post/3kccccccccc22"]
    assert posts[0].hashtags[0].text == "SafeStreets"
    assert posts[0].hashtags[0].start == 11
    assert posts[1].media[0].uri.startswith("bafyrei")  # the blob link as a CID string
    assert posts[0].url == f"https://bsky.app/profile/{DID}/post/3kbbbbbbbbb22"


def test_car_truncated_is_a_parse_error(tmp_path: Path) -> None:
    libipld = pytest.importorskip("libipld")
    data = build_car(libipld)
    with pytest.raises(ParseError, match="CAR"):
        read(stream(data[: len(data) // 2]), errors="raise")
    posts, ctx = read(stream(data[: len(data) // 2]))
    assert not posts
    assert len(ctx.errors) == 1


def test_car_without_the_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "libipld", None)
    car = b"\x3a\xa2eroots\x81\xd8\x2a\x58\x25\x00" + bytes(37) + b"gversion\x01"
    with pytest.raises(ParseError, match="libipld"):
        read(stream(car), errors="raise")
