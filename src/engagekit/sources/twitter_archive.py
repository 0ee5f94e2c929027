"""The X/Twitter account archive ("Download an archive of your data").

The archive is a zip (or its unpacked folder) whose ``data/`` holds JavaScript
files, each an assignment of a JSON array: ``window.YTD.tweets.part0 = [...]``.
Tweets are in ``tweets.js`` (``tweet.js`` in older archives) and, in large
archives, ``tweets-part1.js``, ... listed in ``manifest.js``; the author is
in ``account.js``. A single ``tweets.js`` file can be read on its own (the posts
then have no author).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from engagekit.errors import LimitExceeded, ParseError
from engagekit.models import Account, Engagement, Media, Post, Visibility
from engagekit.sources import _twitter_typed as _typed
from engagekit.sources._base import Container, Context
from engagekit.sources._fields import Fields, convert_each
from engagekit.sources._json import iter_array, load
from engagekit.sources._meta import Irregular
from engagekit.sources._twitter import (
    Entities,
    Unescaped,
    at,
    classic_date,
    count,
    finish_post,
    id_string,
    item_span,
    objects,
    snowflake_date,
    source_name,
    span_pair,
    status_url,
    superseded,
)
from engagekit.sources._twitter_objects import (
    author_account,
    best_variant,
    media_kind,
    place_location,
    point,
)

__all__ = ["FORMAT", "detect", "read"]

FORMAT = "twitter-archive"

T = TypeVar("T")

_YTD = b"window.YTD."
_TWEETS = re.compile(r"(?:^|/)tweets?(?:-part([0-9]+))?\.js$")


def _sniff(head: bytes) -> bytes:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")


def detect(container: Container) -> bool:
    """An archive by its member names; a lone file by its ``window.YTD.tweet`` prefix."""
    members = container.members()
    if len(members) == 1:
        return _sniff(container.head(members[0], 64)).startswith(_YTD + b"tweet")
    return any(_TWEETS.search(m) for m in members) or bool(container.find("data/account.js"))


def read(container: Container, ctx: Context) -> Iterator[Post]:
    """The account's own tweets, newest first as the archive lists them; retweets are skipped."""
    members = container.members()
    tweets = [m for m in members if _TWEETS.search(m)]
    if not tweets and len(members) == 1:
        tweets = members  # a lone file under another name, e.g. a stream
    folders = sorted(
        {posixpath.dirname(m) for m in tweets}
        | {posixpath.dirname(m) for m in container.find("manifest.js")}
    )
    for folder in folders:
        yield from _read_folder(container, ctx, folder, members, tweets)


def _in(folder: str, name: str) -> str:
    return posixpath.join(folder, name) if folder else name


def _part(member: str) -> int:
    match = _TWEETS.search(member)
    return int(match.group(1) or 0) if match else 0


def _side(ctx: Context, read: Callable[[], T], fallback: T) -> T:
    """Read a side file (manifest, account, protection); if unreadable, count it and go on."""
    try:
        return read()
    except LimitExceeded:
        raise
    except ParseError as err:
        ctx.fail(err)
        return fallback


def _read_folder(
    container: Container, ctx: Context, folder: str, members: list[str], tweets: list[str]
) -> Iterator[Post]:
    known = set(members)
    nothing: tuple[list[str] | None, dict[str, str | None]] = (None, {})
    listed, user = nothing
    if (manifest := _in(folder, "manifest.js")) in known:
        listed, user = _side(
            ctx, lambda: _manifest(container, ctx, manifest, folder, known), nothing
        )
    if listed is None:
        here = (m for m in tweets if posixpath.dirname(m) == folder)
        listed = sorted(here, key=lambda m: (_part(m), m))
    if (account_js := _in(folder, "account.js")) in known:
        user = _side(ctx, lambda: _account(container, ctx, account_js), {}) or user
    author = None
    if user.get("username"):
        author = Account(
            platform="twitter",
            handle=user["username"] or "",
            id=user.get("id"),
            display_name=user.get("name"),
        )
    visibility = Visibility.PUBLIC
    if (history := _in(folder, "protected-history.js")) in known:
        visibility = _side(ctx, lambda: _protection(container, ctx, history), Visibility.UNKNOWN)

    for member in listed:
        label = container.label(member)

        def convert(item: Any, index: int, label: str = label) -> Post | None:
            if type(item) is _typed.ITEM:  # it fit the schema: the fast path, unless unusual
                try:
                    return _typed.fast(item, ctx, author, visibility)
                except Irregular:
                    item = _typed.as_json(item)
            f = Fields(item, source=label, record=index)
            if len(item) == 1 and "tweet" in item:  # {"tweet": {...}}; the oldest archives omit it
                inner = f.obj("tweet", required=True)
                assert inner is not None  # required
                f = inner
            return status_post(f, ctx, author=author, visibility=visibility)

        items = iter_array(container, member, ctx, prefix=_YTD, schema=_typed.ITEM)
        yield from convert_each(items, convert, ctx, source=label)


def _records(container: Container, ctx: Context, member: str, key: str) -> list[Fields]:
    """The ``{key: {...}}`` items of a small side file, read whole so any error is raised."""
    label = container.label(member)
    doc = load(container, member, ctx, prefix=_YTD)
    if type(doc) is not list:
        raise ParseError(f"expected an array, got {type(doc).__name__}", source=label)
    out = []
    for index, item in enumerate(doc):
        inner = Fields(item, source=label, record=index).obj(key, required=True)
        assert inner is not None  # required
        out.append(inner)
    return out


def _account(container: Container, ctx: Context, member: str) -> dict[str, str | None]:
    for f in _records(container, ctx, member, "account")[:1]:
        return {
            "username": f.string("username"),
            "id": f.string("accountId"),
            "name": f.string("accountDisplayName") or None,
        }
    return {}


def _protection(container: Container, ctx: Context, member: str) -> Visibility:
    """FOLLOWERS when the account's last recorded change was to protect its posts."""
    records = _records(container, ctx, member, "protectedHistory")
    last = (records[-1].string("action") or "").lower() if records else ""
    return Visibility.FOLLOWERS if last == "protect" else Visibility.PUBLIC


def _manifest(
    container: Container, ctx: Context, member: str, folder: str, known: set[str]
) -> tuple[list[str] | None, dict[str, str | None]]:
    """The tweet parts ``manifest.js`` lists (dataTypes.tweets.files[].fileName) and its user."""
    label = container.label(member)
    doc = load(container, member, ctx, prefix=b"window.__THAR_CONFIG")
    f = Fields(doc, source=label, record=None)
    info = f.obj("userInfo")
    user: dict[str, str | None] = {}
    if info is not None:
        user = {
            "username": info.string("userName"),
            "id": info.string("accountId"),
            "name": info.string("displayName") or None,
        }
    types = f.obj("dataTypes")
    kind = None if types is None else types.obj("tweets") or types.obj("tweet")
    if kind is None:
        return None, user
    # fileName is relative to the archive root, the parent of data/
    root = posixpath.dirname(folder) if posixpath.basename(folder) == "data" else folder
    files = []
    for entry in kind.objects("files"):
        name = entry.string("fileName", required=True) or ""
        candidates = [_in(root, name), _in(folder, posixpath.basename(name))]
        found = next((c for c in candidates if c in known), None)
        if found is None:
            ctx.fail(entry.error(f"listed file {name!r} is not in the archive", "fileName"))
            continue
        files.append(found)
    return files, user


# --- the tweet object (the v1.1 status model: also read by twitter_api) ---------------------


def status_media(f: Fields) -> Media:
    """One item of ``extended_entities.media`` (archives and v1.1)."""
    kind = media_kind(f.string("type"))
    uri = f.string("media_url_https") or f.string("media_url")
    width = height = None
    duration = None
    original = f.obj("original_info")
    sizes = f.obj("sizes")
    large = None if sizes is None else sizes.obj("large")
    if original is not None:
        width, height = count(original, "width"), count(original, "height")
    elif large is not None:
        width, height = count(large, "w"), count(large, "h")
    video = f.obj("video_info")
    if video is not None:
        uri = best_variant(video, "bitrate") or uri
        millis = count(video, "duration_millis")
        duration = None if millis is None else millis / 1000
    if not uri:
        raise f.error("media has no media_url_https")
    return Media(
        kind=kind,
        uri=uri,
        alt_text=f.string("ext_alt_text") or None,
        width=width,
        height=height,
        duration=duration,
    )


def _edit_ids(f: Fields) -> list[Any]:
    info = f.data.get("edit_info")
    initial = info.get("initial") if type(info) is dict else None
    ids = initial.get("editTweetIds") if type(initial) is dict else None
    if type(ids) is list:
        return ids
    if info is None:
        return []
    info = f.obj("edit_info")
    if info is None:
        return []
    initial = info.obj("initial")
    if initial is None:
        edit = info.obj("edit")
        initial = None if edit is None else edit.obj("editControlInitial")
    return [] if initial is None else initial.values("editTweetIds")


def _bbox(place: Fields | None) -> list[Any] | None:
    box = None if place is None else place.obj("bounding_box")
    rings = [] if box is None else box.values("coordinates")
    points = rings[0] if rings and type(rings[0]) is list else []
    pairs = [
        p
        for p in points
        if type(p) is list and len(p) == 2 and all(type(v) in (int, float) for v in p)
    ]
    if not pairs or len(pairs) != len(points):
        return None
    lons, lats = [p[0] for p in pairs], [p[1] for p in pairs]
    return [min(lons), min(lats), max(lons), max(lats)]


def _slow_link(ents: Entities, u: Fields) -> None:
    unwound = u.obj("unwound")
    expanded = (unwound.string("url") if unwound else None) or u.string("expanded_url")
    ents.link(u.string("url", required=True) or "", expanded or None, span_pair(u, "indices"))


def status_post(
    f: Fields, ctx: Context, *, author: Account | None, visibility: Visibility,
    text_rule: bool = True,
) -> Post | None:
    """An archive tweet or a v1.1 status as a Post (None for a retweet or an old edit).

    A status with ``retweeted_status`` is a retweet. With ``text_rule`` (an
    archive tweet, which never carries ``retweeted_status``) so is one whose
    text starts with ``RT @``; a v1.1 status from the API (``text_rule=False``)
    that does is a manual retweet, written by its author, and is read.
    """
    post_id = id_string(f, "id", required=True)
    assert post_id is not None
    body = f  # the streaming API puts the full text and its entities in extended_tweet
    if f.data.get("extended_tweet") is not None:
        body = f.obj("extended_tweet") or f
    raw = body.data.get("full_text")
    if type(raw) is not str:
        raw = body.string("full_text") if raw is not None else body.string("text")
    if raw is None:
        raise f.error("required key is missing: full_text or text", "full_text")
    if f.raw("retweeted_status") is not None or (text_rule and raw.startswith("RT @")):
        ctx.skip("retweet")
        return None
    edits = _edit_ids(f)
    if superseded(post_id, edits):
        ctx.skip("superseded-edit")
        return None
    if author is None and f.raw("user") is not None:
        author, visibility = author_account(f.obj("user"), "screen_name")

    text = Unescaped(raw)
    ents = Entities(text)
    e = body.obj("entities") or Fields({}, source=f.source, record=f.record)
    # Plain dicts while every value has its usual type; else Fields, which raise the error.
    for i, h in enumerate(objects(e, "hashtags")):
        tag = h.get("text")
        if type(tag) is not str:
            tag = at(e, "hashtags", i).string("text", required=True)
        ents.hashtag(tag or "", item_span(h, e, "hashtags", i))
    for i, mention in enumerate(objects(e, "user_mentions")):
        handle = mention.get("screen_name")
        if type(handle) is not str:
            handle = at(e, "user_mentions", i).string("screen_name", required=True)
        span = item_span(mention, e, "user_mentions", i)
        user_id = mention.get("id_str")
        if type(user_id) is not str:
            user_id = id_string(at(e, "user_mentions", i), "id")
        ents.mention(handle or "", span, user_id)
    for i, c in enumerate(objects(e, "symbols")):
        tag = c.get("text")
        if type(tag) is not str:
            tag = at(e, "symbols", i).string("text", required=True)
        ents.cashtag(tag or "", item_span(c, e, "symbols", i))
    for i, u in enumerate(objects(e, "urls")):
        url, expanded = u.get("url"), u.get("expanded_url")
        if "unwound" in u or type(url) is not str or type(expanded) not in (str, type(None)):
            _slow_link(ents, at(e, "urls", i))
        else:
            ents.link(url, expanded or None, item_span(u, e, "urls", i))
    extended = body.obj("extended_entities")
    items = (extended or e).objects("media")
    for m in [*e.objects("media"), *items]:
        url = m.string("url")
        if url:
            ents.link(url, m.string("expanded_url") or None, span_pair(m, "indices"))

    extra: dict[str, Any] = {}
    shown = span_pair(body, "display_text_range")
    if shown is not None:
        mapped = text.span(*shown)
        if mapped is not None and mapped != (0, len(text.text)):
            extra["display_text_range"] = list(mapped)
    for key, value in (
        ("source", source_name(f.string("source"))),
        ("quoted_id", id_string(f, "quoted_status_id")),
        ("in_reply_to_user_id", id_string(f, "in_reply_to_user_id")),
        ("quote_count", count(f, "quote_count")),
        ("possibly_sensitive", f.boolean("possibly_sensitive") or None),
        ("edit_history", edits if len(edits) > 1 else None),
    ):
        if value is not None:
            extra[key] = value

    place = f.obj("place")
    where = point(f, "coordinates") or point(f, "geo", lat_first=True)
    lang = f.string("lang")
    created = classic_date(f, "created_at") if "created_at" in f else snowflake_date(post_id)
    if created is None:
        raise f.error("required key is missing", "created_at")
    if "created_at" not in f:
        extra["created_at_from_id"] = True
    return finish_post(
        ctx,
        ents,
        extra=extra,
        id=post_id,
        created_at=created,
        author=author,
        media=tuple(status_media(m) for m in items),
        location=place_location(place, where, extra, _bbox(place)),
        engagement=Engagement(
            likes=count(f, "favorite_count"),
            shares=count(f, "retweet_count"),
            comments=count(f, "reply_count"),
        ),
        visibility=visibility,
        url=status_url(author.handle if author else None, post_id),
        reply_to=id_string(f, "in_reply_to_status_id"),
        lang=None if lang in (None, "", "und") else lang,
    )
