"""Mastodon account exports (synthetic fixtures modelled on FORMATS.md section 5)."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engagekit as ek
from engagekit.errors import ParseError
from engagekit.models import Account, MediaKind, Post, Visibility
from engagekit.sources import mastodon
from engagekit.sources._engine.base import Container, Context, Limits
from engagekit.sources._engine.containers import FileContainer, FolderContainer, ZipContainer
from tests._mutate import json_values, mutated
from tests._reading import assert_bad_document

EXPORT = Path(__file__).parent / "fixtures" / "mastodon" / "export"
ACTOR = "https://social.example.org/users/jreyes"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
FOLLOWERS = ACTOR + "/followers"
CONTEXT = ["https://www.w3.org/ns/activitystreams", {"toot": "http://joinmastodon.org/ns#"}]


def read(container: Container, errors: Any = "collect") -> tuple[list[Post], Context]:
    ctx = Context(errors=errors)
    return list(mastodon.read(container, ctx)), ctx


def outbox(*items: dict[str, Any], total: int = 0) -> bytes:
    doc = {"@context": CONTEXT, "id": "outbox.json", "type": "OrderedCollection",
           "totalItems": total, "orderedItems": list(items)}
    return json.dumps(doc).encode()


def stream(data: bytes) -> FileContainer:
    return FileContainer(io.BytesIO(data), Limits())


def note(content: Any = "<p>Hello</p>", **fields: Any) -> dict[str, Any]:
    """A Create activity of a public Note; ``fields`` override the Note's keys."""
    obj: dict[str, Any] = {
        "id": ACTOR + "/statuses/1", "type": "Note", "summary": None, "inReplyTo": None,
        "published": "2023-06-03T17:00:00Z", "url": "https://social.example.org/@jreyes/1",
        "attributedTo": ACTOR, "to": [PUBLIC], "cc": [FOLLOWERS], "sensitive": False,
        "content": content, "contentMap": {"en": content}, "attachment": [], "tag": [],
    }
    obj.update(fields)
    return {"id": f"{obj['id']}/activity", "type": "Create", "actor": ACTOR,
            "published": obj["published"], "to": obj["to"], "cc": obj["cc"], "object": obj}


def one(item: dict[str, Any]) -> Post:
    posts, ctx = read(stream(outbox(item)), errors="raise")
    assert len(posts) == 1, ctx.skipped
    return posts[0]


# -- the export fixture ------------------------------------------------------------------


def zipped(tmp_path: Path) -> Path:
    path = tmp_path / "archive-20230610.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("outbox.json", "actor.json"):
            archive.write(EXPORT / name, name)
        archive.writestr("likes.json", json.dumps({"@context": CONTEXT, "id": "likes.json",
                                                    "type": "OrderedCollection",
                                                    "orderedItems": []}))
    return path


def test_fixture_has_the_traps() -> None:
    raw = (EXPORT / "outbox.json").read_text(encoding="utf-8")
    assert raw.count('"orderedItems":') == 2  # the duplicate key of real exports
    assert json.loads(raw)["totalItems"] == 4  # wrong: 6 items follow


def test_folder_export() -> None:
    posts, ctx = read(FolderContainer(EXPORT, Limits()))
    assert [p.visibility for p in posts] == [
        Visibility.PUBLIC, Visibility.UNLISTED, Visibility.FOLLOWERS, Visibility.DIRECT,
        Visibility.PUBLIC,
    ]
    assert ctx.skipped == {"announce": 1}
    assert not ctx.errors


def test_zip_reads_like_the_folder(tmp_path: Path) -> None:
    folder, _ = read(FolderContainer(EXPORT, Limits()))
    archive, ctx = read(ZipContainer(zipped(tmp_path), Limits()))
    assert archive == folder
    assert ctx.skipped == {"announce": 1}


def test_detect() -> None:
    assert mastodon.detect(FolderContainer(EXPORT, Limits()))
    assert mastodon.detect(stream((EXPORT / "outbox.json").read_bytes()))
    assert not mastodon.detect(stream((EXPORT / "actor.json").read_bytes()))
    assert not mastodon.detect(stream(b'{"records": [{"uri": "at://did:plc:x/app.bsky.feed.post/1"}]}'))
    likes = {"@context": CONTEXT, "id": "likes.json", "type": "OrderedCollection",
             "orderedItems": ["https://town.example.com/users/a/statuses/1"]}
    assert not mastodon.detect(stream(json.dumps(likes).encode()))


def test_detect_zip(tmp_path: Path) -> None:
    assert mastodon.detect(ZipContainer(zipped(tmp_path), Limits()))


def test_first_post_text_tags_link_and_media() -> None:
    post = read(FolderContainer(EXPORT, Limits()))[0][0]
    assert post.text == (
        "Bike rodeo today at Springfield Elementary! #SafeStreets #bikesafety\n\n"
        "Sign-up: https://www.example.org/events/2023/bike-rodeo-springfield"
    )
    assert [(h.text, post.text[h.start : h.end]) for h in post.hashtags if h.start is not None] == [
        ("SafeStreets", "#SafeStreets"), ("BikeSafety", "#bikesafety"),  # name from tag[]
    ]
    (link,) = post.links
    assert link.url == "https://www.example.org/events/2023/bike-rodeo-springfield"
    assert post.text[link.start : link.end] == link.url  # invisible + ellipsis parts joined
    (media,) = post.media
    assert media.kind is MediaKind.PHOTO
    assert media.uri == "/media_attachments/files/110/000/000/000/000/001/original/rodeo.jpg"
    assert media.alt_text == "Children on bicycles weaving between orange cones"
    assert (media.width, media.height) == (1200, 800)
    assert post.created_at == datetime(2023, 6, 3, 17, 0, tzinfo=timezone.utc)
    assert post.lang == "en"
    assert post.id == ACTOR + "/statuses/110000000000000001"
    assert post.url == "https://social.example.org/@jreyes/110000000000000001"
    assert post.platform.value == "mastodon"


def test_author_from_actor_json() -> None:
    post = read(FolderContainer(EXPORT, Limits()))[0][0]
    assert post.author is not None
    assert post.author.handle == "jreyes@social.example.org"
    assert post.author.id == ACTOR
    assert post.author.display_name == "Officer Jordan Reyes"


def test_reply_with_remote_mention_and_entities() -> None:
    post = read(FolderContainer(EXPORT, Limits()))[0][1]
    assert post.text == "@mayor_lee Thanks for coming out! It's \"great\" to see neighbors & officers together."  # noqa: E501
    (mention,) = post.mentions
    assert mention.handle == "mayor_lee@town.example.com"
    assert mention.id == "https://town.example.com/users/mayor_lee"  # tag[].href, not the /@ anchor
    assert post.text[mention.start : mention.end] == "@mayor_lee"
    assert post.links == ()  # the mention anchor is not a link
    assert post.reply_to == "https://town.example.com/users/mayor_lee/statuses/109999999999999999"


def test_content_warning_and_sensitive() -> None:
    post = read(FolderContainer(EXPORT, Limits()))[0][2]
    assert post.extra == {"content_warning": "Traffic collision on Route 9", "sensitive": True}
    assert post.text == "Collision cleared.\nPlease drive carefully\ntonight."
    (media,) = post.media
    assert (media.kind, media.alt_text) == (MediaKind.VIDEO, None)


def test_direct_message_local_mention() -> None:
    post = read(FolderContainer(EXPORT, Limits()))[0][3]
    assert post.visibility is Visibility.DIRECT
    assert [(m.handle, m.id) for m in post.mentions] == [
        ("dispatch", "https://social.example.org/users/dispatch")
    ]


def test_tag_not_in_text_has_no_span() -> None:
    post = read(FolderContainer(EXPORT, Limits()))[0][4]
    assert [(h.text, h.start) for h in post.hashtags] == [("CommunityPolicing", None)]
    assert post.links[0].url == "https://example.com/coffee#details"


def test_private_posts_are_read_for_the_orchestrator_to_filter() -> None:
    posts, _ = read(FolderContainer(EXPORT, Limits()))
    ctx = Context()
    admitted = [p for p in posts if ctx.admit(p) is not None]
    assert len(admitted) == 3
    assert ctx.skipped == {"private:followers": 1, "private:direct": 1}


def test_without_actor_json_author_comes_from_the_activity() -> None:
    post = one(note(to=[FOLLOWERS], cc=[]))
    assert post.author is not None
    assert (post.author.handle, post.author.id) == ("jreyes@social.example.org", ACTOR)
    assert post.visibility is Visibility.FOLLOWERS  # the <actor>/followers convention


def test_without_actor_json_a_numeric_actor_takes_its_name_from_the_post_url(
        tmp_path: Path) -> None:
    numeric = "https://mastodon.example/ap/users/116840387061670746"
    item = note(url="https://mastodon.example/@jreyes/116840400000000001")
    item["actor"] = item["object"]["attributedTo"] = numeric
    (tmp_path / "outbox.json").write_bytes(outbox(item))
    (post,) = ek.read_posts(tmp_path)
    assert post.author is not None
    assert (post.author.handle, post.author.id) == ("jreyes@mastodon.example", numeric)
    # a URL that does not give the name (another host, no /@name/) leaves the actor's segment
    for url in ("https://elsewhere.example/@jreyes/1", "https://mastodon.example/notes/1", None):
        item["object"]["url"] = url
        assert one(item).author == Account(platform="mastodon",
                                           handle="116840387061670746@mastodon.example",
                                           id=numeric)


def test_actor_that_is_not_a_url() -> None:
    item = note()
    item["actor"] = "https://[social.example.org/users/jreyes"
    post = one(item)
    assert post.author is not None
    assert post.author.handle == "jreyes"


def test_followers_url_from_actor_json(tmp_path: Path) -> None:
    actor = {"id": ACTOR, "type": "Person", "preferredUsername": "JReyes",
             "followers": "https://social.example.org/collections/jreyes-followers"}
    (tmp_path / "actor.json").write_text(json.dumps(actor))
    item = note(to=["https://social.example.org/collections/jreyes-followers"], cc=[])
    (tmp_path / "outbox.json").write_bytes(outbox(item))
    (post,), _ = read(FolderContainer(tmp_path, Limits()))
    assert post.visibility is Visibility.FOLLOWERS
    assert post.author is not None
    assert post.author.handle == "JReyes@social.example.org"


# to, cc, expected
AUDIENCES = [
    ([PUBLIC], [FOLLOWERS], Visibility.PUBLIC),
    ([PUBLIC], [], Visibility.PUBLIC),
    (["as:Public"], [], Visibility.PUBLIC),
    (PUBLIC, None, Visibility.PUBLIC),  # a single URL instead of a list
    ([FOLLOWERS], [PUBLIC], Visibility.UNLISTED),
    ([FOLLOWERS], [], Visibility.FOLLOWERS),
    ([], [FOLLOWERS], Visibility.FOLLOWERS),
    (["https://town.example.com/users/a"], [], Visibility.DIRECT),
    ([], [], Visibility.DIRECT),
]


@pytest.mark.parametrize(("to", "cc", "expected"), AUDIENCES)
def test_visibility(to: Any, cc: Any, expected: Visibility) -> None:
    assert one(note(to=to, cc=cc)).visibility is expected


def test_announce_with_url_object_is_skipped() -> None:
    boost = {"id": ACTOR + "/statuses/9/activity", "type": "Announce", "actor": ACTOR,
             "published": "2023-06-05T09:30:00Z", "to": [PUBLIC], "cc": [],
             "object": "https://town.example.com/users/a/statuses/1"}
    posts, ctx = read(stream(outbox(boost, note())))
    assert len(posts) == 1
    assert ctx.skipped == {"announce": 1}


def test_other_activities_are_counted_by_type() -> None:
    update = {"id": "u", "type": "Update", "actor": ACTOR, "object": {"type": "Note"}}
    tombstone = note(type="Tombstone")
    poll = note(type="Question", oneOf=[{"type": "Note", "name": "Yes"}])
    posts, ctx = read(stream(outbox(update, tombstone, poll)))
    assert ctx.skipped == {"update": 1, "create:tombstone": 1}
    assert [p.extra for p in posts] == [{"object_type": "Question"}]


def test_duplicate_ordered_items_key_reads_the_last() -> None:
    body = outbox(note()).replace(b'"orderedItems": [', b'"orderedItems": [], "orderedItems": [')
    assert body.count(b'"orderedItems"') == 2
    posts, _ = read(stream(body))
    assert len(posts) == 1


@pytest.mark.parametrize(
    ("content", "tags", "expected"),
    [
        # description by example: (text, [(type, name)], [(entity text, span text or None)])
        ("<p>#cat and #caterday</p>", [("Hashtag", "#caterday")], [("caterday", "#caterday")]),
        ("<p>#Cat #cat</p>", [("Hashtag", "#cat")], [("cat", "#Cat"), ("cat", "#cat")]),
        ("<p>@alexandra hi</p>", [("Mention", "@alex")], [("alex", None)]),
        ("<p>@alex@town.example.com hi</p>", [("Mention", "@alex@town.example.com")],
         [("alex@town.example.com", "@alex@town.example.com")]),
        ("<p>@alex@other.example hi</p>", [("Mention", "@alex@town.example.com")],
         [("alex@town.example.com", None)]),
        ("<p>mail alex@town.example.com</p>", [("Mention", "@alex")], [("alex", None)]),
        ('<p><a href="https://e.example/#top">https://e.example/#top</a></p>',
         [("Hashtag", "#top")], [("top", None)]),  # never inside a link
        ("<p>#Über</p>", [("Hashtag", "#über")], [("über", "#Über")]),
    ],
)
def test_tag_spans(content: str, tags: list[tuple[str, str]],
                   expected: list[tuple[str, str | None]]) -> None:
    tag = [{"type": kind, "name": name, "href": "https://e.example/x"} for kind, name in tags]
    post = one(note(content, tag=tag))
    found = [(h.text, h.start, h.end) for h in post.hashtags]
    found += [(m.handle, m.start, m.end) for m in post.mentions]
    shown = [(name, None if start is None else post.text[start:end]) for name, start, end in found]
    assert shown == expected


def test_custom_emoji_tags_are_ignored() -> None:
    tag = [{"type": "Emoji", "name": ":blobcat:", "icon": {"url": "x.png"}}]
    post = one(note("<p>hi :blobcat:</p>", tag=tag))
    assert post.hashtags == ()
    assert post.mentions == ()


def test_lang_only_from_a_single_content_map_key() -> None:
    assert one(note(contentMap={"de": "<p>Hallo</p>", "en": "<p>Hello</p>"})).lang is None
    post = one(note(content=None, contentMap={"es": "<p>Hola</p>"}))
    assert (post.text, post.lang) == ("Hola", "es")


def test_media_kinds() -> None:
    attachment = [
        {"type": "Document", "mediaType": "audio/mpeg", "url": "/a.mp3"},
        {"type": "Document", "mediaType": "application/pdf", "url": "/b.pdf"},
        {"type": "Image", "url": "/c.png"},
    ]
    post = one(note(attachment=attachment))
    assert [m.kind for m in post.media] == [MediaKind.AUDIO, MediaKind.OTHER, MediaKind.PHOTO]


# -- malformed input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "path"),
    [
        (note(published=1686000000), "$.object.published"),
        (note(published="yesterday"), "$.object.published"),
        (note(published="2023-06-03T17:00:00"), "$.object.published"),  # no offset
        (note(content=["<p>x</p>"]), "$.object.content"),
        (note(to=[1]), "$.object.to"),
        (note(tag=[{"type": "Hashtag"}]), "$.object.tag[0].name"),
        (note(attachment=[{"mediaType": "image/png"}]), "$.object.attachment[0].url"),
        (note(id=None), "$.object.id"),
        ({"type": "Create", "object": "https://e.example/1"}, "$.object"),
        ({"object": {}}, "$.type"),
    ],
)
def test_bad_records_are_parse_errors_with_paths(item: dict[str, Any], path: str) -> None:
    posts, ctx = read(stream(outbox(item, note())))
    assert len(posts) == 1  # reading goes on
    (error,) = ctx.errors
    assert error.path == path
    assert error.record == 0
    with pytest.raises(ParseError):
        read(stream(outbox(item)), errors="raise")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"[]",
        b'{"orderedItems": {"a": 1}}',
        b'{"type": "OrderedCollection"}',
        (EXPORT / "outbox.json").read_bytes()[:5000],  # truncated
    ],
)
def test_bad_documents_are_parse_errors(data: bytes) -> None:
    assert_bad_document(read, lambda: stream(data))


def test_bad_actor_json_is_counted_and_posts_still_read(tmp_path: Path) -> None:
    (tmp_path / "actor.json").write_text('{"id": 5}')
    (tmp_path / "outbox.json").write_bytes(outbox(note()))
    posts, ctx = read(FolderContainer(tmp_path, Limits()))
    assert len(posts) == 1
    assert [e.path for e in ctx.errors] == ["$.id"]


def test_no_outbox_is_a_parse_error(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "b.json").write_text("{}")
    with pytest.raises(ParseError, match=r"no outbox\.json"):
        read(FolderContainer(tmp_path, Limits()))


_BASE = note(
    '<p><span class="h-card"><a href="https://e.example/@a" class="u-url mention">@a</a></span>'
    ' <a href="https://e.example/tags/x" rel="tag">#x</a> <a href="https://e.example">e</a></p>',
    tag=[{"type": "Mention", "name": "@a", "href": "https://e.example/users/a"},
         {"type": "Hashtag", "name": "#x"}],
    attachment=[{"type": "Document", "mediaType": "image/png", "url": "/m.png", "width": 2}],
    summary="cw", sensitive=True, inReplyTo="https://e.example/1",
)

_JSON = json_values(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(max_size=20))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_records_give_a_post_or_a_parse_error(data: st.DataObject) -> None:
    item = mutated(_BASE, data, values=_JSON, new_keys=False)
    with contextlib.suppress(ParseError):
        read(stream(outbox(item)), errors="raise")


@given(st.binary(max_size=300))
def test_random_bytes_give_a_parse_error_or_nothing(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        read(stream(data), errors="raise")
