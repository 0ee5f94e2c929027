"""Instagram "Download your information" JSON: posts, reels and stories.

Three export generations are read:

* 2018-19: ``media.json`` (``{"photos": [...], "videos": [...], "stories": [...]}``,
  naive local ``taken_at`` times, taken as UTC and marked ``extra["naive_time"]``);
* about 2020-23: ``content/posts_1.json`` (``posts_2.json``, ... when split),
  ``content/reels.json`` and ``content/stories.json``;
* 2024 and later: the same under ``your_instagram_activity/``.

A single bare file is recognised by its first bytes. Every string is repaired
of Meta's mojibake; hashtags and mentions are extracted from the caption (the
export has no entity lists). The account owner comes from the profile file
(``personal_information.json`` or the old ``profile.json``) when present.

A record of the newer exports is read by its msgspec schema alone
(``engagekit.sources._meta.instagram_schema``): one that does not fit is an error
at msgspec's JSON path, quoting the value, such as
``posts_1.json: record 17 (0-based) at $.media[0].creation_timestamp: expected int,
got 'yesterday' (str)``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import Any

import msgspec
from msgspec import UNSET

from engagekit.errors import ParseError, UnsupportedFormat
from engagekit.io._converter import constructor
from engagekit.models import Account, Location, Media, MediaKind, Post, Visibility
from engagekit.sources._engine.arrays import iter_array, iter_items, load
from engagekit.sources._engine.base import Container, Context
from engagekit.sources._engine.fields import Fields, convert_each
from engagekit.sources._engine.scan import BOM
from engagekit.sources._engine.typed import located, typed
from engagekit.sources._meta import common as _meta
from engagekit.sources._meta import instagram_schema as _typed
from engagekit.text import text_fields

__all__ = ["FORMAT", "detect", "read"]

_Media = constructor(Media)  # same checks as Media(...), without __init__'s cost

FORMAT = "instagram"
#: What detection looks for, as :func:`~engagekit.sources.detect.diagnose` reports it.
LOOKS_FOR = 'content/posts_1.json, reels.json, stories.json or media.json (or their first bytes)'

_POSTS, _REELS, _STORIES, _OLD = "posts", "reels", "stories", "media.json"
_ORDER = {_POSTS: 0, _REELS: 1, _STORIES: 2, _OLD: 3}
_ARRAY_KEY = {_REELS: "ig_reels_media", _STORIES: "ig_stories"}
_SURFACE = {_POSTS: "post", _REELS: "reel", _STORIES: "story"}

# Member names that are Instagram content by their place in an export.
_BY_NAME = re.compile(r"(?:\A|/)(?:content|media)/(posts_\d{1,9}|reels|stories)\.json\Z")
# Names worth a look at their first bytes (loose files, renamed samples).
_CANDIDATE = re.compile(r"(?:\A|/)(posts(?:_\d{1,9})?|reels|stories|media)\.json\Z")
_PROFILE = re.compile(
    r"(?:\A|/)(?:personal_information|account_information)/personal_information\.json\Z"
    r"|(?:\A|/)profile\.json\Z"
)
_STR = rb'"(?:[^"\\]|\\.){0,2000}"'
_SNIFF = (
    # an array of posts: the first object's first key is "media" (after an optional
    # title / creation_timestamp), whose value is an array
    (_POSTS, re.compile(
        rb'\A\s*\[\s*\{\s*(?:"(?:title|creation_timestamp)"\s*:\s*(?:' + _STR
        + rb'|-?\d{1,20})\s*,\s*){0,2}"media"\s*:\s*\['
    )),
    (_REELS, re.compile(rb'\A\s*\{\s*"ig_reels_media"\s*:\s*\[')),
    (_STORIES, re.compile(rb'\A\s*\{\s*"ig_stories"\s*:\s*\[')),
    (_OLD, re.compile(rb'\A\s*\{.{0,4096}?"(?:photos|videos|stories)"\s*:\s*\[\s*\{'
                      rb'.{0,4096}?"taken_at"\s*:\s*"', re.S)),
)
_OLD_KIND = {"photos": MediaKind.PHOTO, "videos": MediaKind.VIDEO}
# Items of a posts array that are not posts: an IGTV video (read as a post), a profile picture.
_IGTV, _PROFILE_PICTURE = "ig_igtv_media", "ig_profile_picture"
_POST, _STORY = _typed.POST, _typed.STORY
_EMPTY = re.compile(rb"\A\s*\[\s*\]\s*\Z")

# string_map_data labels follow the account's UI language.
_USERNAME = ("Username", "Benutzername")
_PRIVATE = ("Private Account", "Privates Konto")


def detect(container: Container) -> bool:
    """True when the container holds Instagram posts, reels or stories."""
    return bool(_plan(container, first=True))


def read(container: Container, ctx: Context) -> Iterator[Post]:
    """The posts, reels and stories of an Instagram export, streamed."""
    plan = _plan(container)
    author, private = _owner(container, ctx)
    if not plan:
        if author is not None:
            return  # an Instagram export with nothing posted
        raise UnsupportedFormat(
            "no Instagram posts, reels or stories found", source=container.name
        )
    visibility = Visibility.FOLLOWERS if private else Visibility.PUBLIC

    def one(entry: tuple[str, str]) -> Iterator[Post]:
        member, kind = entry
        label = container.label(member)
        if kind == _OLD:
            yield from _read_old(container, member, ctx, author, visibility)
            return
        if kind == _POSTS:
            items = iter_array(container, member, ctx, schema=_typed.POST)
        else:
            schema = _typed.STORY if kind == _STORIES else _typed.POST
            items = iter_items(container, member, ctx, _ARRAY_KEY[kind], schema=schema)
        surface = _SURFACE[kind]

        def convert(item: Any, index: int) -> Post | None:
            return _post(item, index, label, surface, author, visibility, ctx)

        yield from convert_each(items, convert, ctx, source=label)

    yield from _meta.read_members(ctx, plan, one)


def _sniff(head: bytes, member: str) -> str | None:
    head = head.removeprefix(BOM)
    for kind, pattern in _SNIFF:
        if pattern.match(head):
            return kind
    if _EMPTY.match(head) and posixpath.basename(member).startswith("posts"):
        return _POSTS
    return None


def _plan(container: Container, *, first: bool = False) -> list[tuple[str, str]]:
    """(member, kind) pairs to read, in reading order."""
    members = container.members()
    single = len(members) == 1
    plan: list[tuple[str, str]] = []
    for member in members:
        match = _BY_NAME.search(member)
        kind: str | None
        if match:
            name = match.group(1)
            kind = _POSTS if name.startswith("posts") else name
        elif single or _CANDIDATE.search(member):
            kind = _sniff(container.head(member), member)
        else:
            continue
        if kind is not None:
            plan.append((member, kind))
            if first:
                break
    plan.sort(key=lambda mk: (_ORDER[mk[1]], posixpath.dirname(mk[0]),
                              _meta.part_number(mk[0]), mk[0]))
    return plan


def _owner(container: Container, ctx: Context) -> tuple[Account | None, bool]:
    """The account owner from the profile file, and whether the account is private."""
    return _meta.first_profile(container, ctx, _PROFILE, _account) or (None, False)


def _account(doc: Fields) -> tuple[Account, bool] | None:
    handle, private = _profile(doc)
    handle = (handle or "").strip().lstrip("@＠")
    if not handle:
        return None
    return Account(platform="instagram", handle=handle), bool(private)


def _profile(f: Fields) -> tuple[str | None, bool | None]:
    if "profile_user" in f:  # personal_information.json, 2020 and later
        users = f.objects("profile_user")
        data = users[0].obj("string_map_data") if users else None
        if data is None:
            return None, None
        handle = _label_value(data, _USERNAME)
        private = _label_value(data, _PRIVATE)
        return handle, None if private is None else private.strip().lower() == "true"
    if "username" in f:  # profile.json, 2018-19
        return f.string("username"), f.boolean("private_account")
    return None, None


def _label_value(data: Fields, labels: tuple[str, ...]) -> str | None:
    for label in labels:
        entry = data.obj(label)
        value = entry.string("value") if entry is not None else None
        if value:
            return value
    return None


def _typed_record(item: Any, story: bool) -> _typed.POST | _typed.STORY:
    """The record in its schema: as the JSON layer decoded it, or (a record it could not
    decode straight from its bytes) decoded from its plain values by the same schema.

    A record that does not fit raises a ParseError at msgspec's path, quoting the value
    (repaired of mojibake, like every string the reader gives back); an
    item of a posts array with none of the keys a post or a known item has is an unknown
    item kind, named by its keys.
    """
    schema = _typed.STORY if story else _typed.POST
    if type(item) is schema:
        return item
    try:
        record: _typed.POST | _typed.STORY = typed(schema).exact(item)
    except msgspec.ValidationError as err:
        if not story and type(item) is dict and item.keys().isdisjoint(_typed.KINDS):
            keys = ", ".join(repr(k) for k in sorted(item)[:3]) + (", ..." if len(item) > 3
                                                                   else "")
            kind = f"keys {keys}" if keys else "an empty object"
            raise ParseError(f"unknown item kind ({kind}): expected a post with 'media'",
                             path="$") from None
        raise located(err, _meta.repair_tree(item)) from None  # quoting the value repaired
    return record


def _item_kind(record: _typed.POST | _typed.STORY) -> str | None:
    """What a non-post item of a posts array is (``ig_igtv_media``, ``ig_profile_picture``);
    None for a post or a story."""
    if (isinstance(record, _typed.POST) and record.media is UNSET and record.title is UNSET
            and record.creation_timestamp is UNSET):
        return _IGTV if record.ig_igtv_media is not UNSET else _PROFILE_PICTURE
    return None


def _post(
    item: Any,
    index: int,
    label: str,
    surface: str,
    author: Account | None,
    visibility: Visibility,
    ctx: Context,
) -> Post | None:
    story = surface == "story"
    try:
        # as the JSON layer decoded it, nearly always; else decoded from its plain values
        record = item if type(item) is (_STORY if story else _POST) else _typed_record(item, story)
        kind = _item_kind(record)
        if kind == _PROFILE_PICTURE:
            ctx.skip("profile-picture")
            return None
        igtv = kind == _IGTV
        extra: dict[str, Any] = {"surface": "igtv" if igtv else surface}
        caption, repaired, created, media, location = _typed.parse(record, story, extra, igtv)
    except ParseError as err:
        raise err.located(source=label, record=index) from None
    post_id = _meta.stem(media[0].uri) if media else ""
    if not post_id:
        post_id = _meta.short_hash(str(int(created.timestamp())), caption)
    fields = text_fields(
        caption,
        dialect="instagram",
        repairs=("mojibake",) if repaired else (),
    )
    return _meta.new_post(
        id=post_id,
        platform="instagram",
        created_at=created,
        author=author,
        media=tuple(media),
        location=location,
        visibility=visibility,
        extra=extra,
        **fields,
    )


def _group_key(key: str, index: int, entry: Any) -> tuple[Any, ...]:
    """Carousel items of the 2018-19 export share ``taken_at`` and ``caption``."""
    if type(entry) is dict:
        taken, caption = entry.get("taken_at"), entry.get("caption")
        if type(taken) is str and (caption is None or type(caption) is str):
            return ("post", taken, caption)
    return (key, index)


def _read_old(
    container: Container,
    member: str,
    ctx: Context,
    author: Account | None,
    visibility: Visibility,
) -> Iterator[Post]:
    """The 2018-19 ``media.json``: photos and videos (grouped into posts), and stories."""
    label = container.label(member)
    doc = load(container, member, ctx)
    if type(doc) is not dict:
        raise ParseError("expected an object with photos, videos or stories", source=label)
    groups: dict[tuple[Any, ...], list[tuple[str, int, Any]]] = {}
    stories: list[tuple[str, int, Any]] = []
    for key in ("photos", "videos", "stories"):
        entries = doc.get(key)
        if entries is None:
            continue
        if type(entries) is not list:
            raise ParseError(f"expected an array at $.{key}", source=label, path=f"$.{key}")
        for index, entry in enumerate(entries):
            if key == "stories":
                stories.append((key, index, entry))
            else:
                groups.setdefault(_group_key(key, index, entry), []).append((key, index, entry))
    batches = [*((g[0][1], g) for g in groups.values()), *((s[1], [s]) for s in stories)]

    def convert(group: list[tuple[str, int, Any]], index: int) -> Post:
        return _old_post(group, label, author, visibility)

    yield from convert_each(iter(batches), convert, ctx, source=label)


def _old_post(
    group: list[tuple[str, int, Any]], label: str, author: Account | None, visibility: Visibility
) -> Post:
    entries = [Fields(e, source=label, record=i, path=f"$.{k}[{i}]") for k, i, e in group]
    first = entries[0]
    caption, repaired = _meta.fix(first.string("caption") or "")
    taken_at = first.string("taken_at", required=True)
    created, naive = _meta.iso_time(first, "taken_at")
    media: list[Media] = []
    for (key, _i, _e), entry in zip(group, entries, strict=True):
        path = entry.string("path")
        if not path:
            continue
        path = _meta.fix(path)[0]
        kind = _OLD_KIND.get(key)
        media.append(_Media(kind=kind or _meta.media_kind(path, None), uri=path))
    place = _meta.fix(first.string("location") or "")[0].strip()
    extra: dict[str, Any] = {"surface": "story" if group[0][0] == "stories" else "post",
                             "taken_at": taken_at}
    if naive:
        extra["naive_time"] = True
    if len(media) < len(entries):
        extra["media_without_uri"] = len(entries) - len(media)
    post_id = (_meta.stem(media[0].uri) if media else "") or _meta.short_hash(
        str(taken_at), caption
    )
    fields = text_fields(
        caption,
        dialect="instagram",
        repairs=("mojibake",) if repaired else (),
    )
    return Post(
        id=post_id,
        platform="instagram",
        created_at=created,
        author=author,
        media=tuple(media),
        location=Location(name=place) if place else None,
        visibility=visibility,
        extra=extra,
        **fields,
    )
