"""The X/Twitter account archive ("Download an archive of your data").

The archive is a zip (or its unpacked folder) whose ``data/`` holds JavaScript
files, each an assignment of a JSON array: ``window.YTD.tweets.part0 = [...]``.
Tweets are in ``tweets.js`` (``tweet.js`` in older archives) and, in large
archives, ``tweets-part1.js``, ... listed in ``manifest.js``; the author is
in ``account.js``. A single ``tweets.js`` file can be read on its own (the posts
then have no author).

Tweets are decoded one way: into the msgspec schema of
``engagekit.sources._twitter.archive_schema``, which ``tweet_post`` reads. A
record the streaming decoder gives as plain JSON values (it did not fit, or the
decoder did not try) is decoded into the same schema again, so a record that
does not fit is msgspec's error at its JSON path, quoting the value.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from msgspec import UNSET

from engagekit.errors import ParseError
from engagekit.io._converter import constructor
from engagekit.models import Account, Coordinates, Engagement, Location, Media, Post, Visibility
from engagekit.sources._engine.arrays import iter_array, load
from engagekit.sources._engine.base import Container, Context
from engagekit.sources._engine.fields import Fields, convert_each
from engagekit.sources._twitter import archive_schema as _typed
from engagekit.sources._twitter import objects as _objects
from engagekit.sources._twitter.archive_schema import Bad, count, id_of, pair
from engagekit.sources._twitter.common import (
    Entities,
    Unescaped,
    new_post,
    parse_classic,
    snowflake_date,
    source_name,
    status_url,
    superseded,
    twitter_text,
)
from engagekit.sources._twitter.reposts import find_retweet

__all__ = ["FORMAT", "detect", "read"]

FORMAT = "twitter-archive"
#: What detection looks for, as :func:`~engagekit.sources.detect.diagnose` reports it.
LOOKS_FOR = 'data/tweets.js, tweets-part1.js or account.js, or a file starting "window.YTD.tweets"'

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
            if type(item) is not _typed.ITEM:  # it did not fit (or was not tried): decode it
                item = _typed.decode(item, label, index)  # again, or raise where it does not
            if type(item) is _typed.ITEM:
                tweet, where = item.tweet, "$.tweet"
            else:
                tweet, where = item, "$"  # the oldest archives omit {"tweet": ...}
            try:
                return tweet_post(tweet, ctx, author, visibility)
            except Bad as bad:
                raise ParseError(bad.message, source=label, record=index,
                                 path=f"{where}.{bad.key}") from None

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
        out.append(Fields(item, source=label, record=index).require(key))
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


# --- the tweet ------------------------------------------------------------------------------

_Engagement = constructor(Engagement)  # same checks as Engagement(...), without __init__'s cost


def _present(value: Any) -> bool:
    return value is not UNSET and value is not None


def _str(value: str | Any | None) -> str | None:
    return value if type(value) is str else None


def _edits(info: _typed.EditInfo | Any) -> list[Any]:
    """``edit_info.initial.editTweetIds`` (``edit_info.edit.editControlInitial`` when edited)."""
    if not isinstance(info, _typed.EditInfo):
        return []
    initial = info.initial
    if not isinstance(initial, _typed.Initial):
        edit = info.edit
        initial = edit.editControlInitial if isinstance(edit, _typed.Edit) else None
    ids = initial.editTweetIds if isinstance(initial, _typed.Initial) else None
    return ids if isinstance(ids, list) else []


def _author(user: _typed.User) -> tuple[Account | None, Visibility]:
    """The account of a tweet's own ``user`` object and the visibility ``protected`` implies."""
    account = None
    user_id = id_of(user.id_str, user.id, "user.id")
    if user.screen_name:
        account = Account(platform="twitter", handle=user.screen_name, id=user_id,
                          display_name=user.name or None)
    if not _present(user.protected):
        return account, Visibility.UNKNOWN
    return account, Visibility.FOLLOWERS if user.protected else Visibility.PUBLIC


def _within(items: list[Any], item: Any, key: str, bad: Bad) -> Bad:
    index = next(i for i, x in enumerate(items) if x is item)
    return bad.inside(f"{key}[{index}]")


def _entities(ents: Entities, body: _typed.Body, where: str) -> list[_typed.Media]:
    """Add the tweet's entities to ``ents``; the media items (extended_entities first).

    Paths are only spelled out for an error: this runs for every tweet.
    """
    e = body.entities if isinstance(body.entities, _typed.Entities) else None
    extended = body.extended_entities
    if not isinstance(extended, _typed.Extended):
        extended = None
    if e is not None:
        for h in e.hashtags or ():
            try:
                ents.hashtag(h.text, pair(h.indices, "indices"))
            except Bad as bad:
                raise _within(e.hashtags or [], h, where + "entities.hashtags", bad) from None
        for m in e.user_mentions or ():
            try:
                ents.mention(m.screen_name, pair(m.indices, "indices"), id_of(m.id_str, m.id, "id"))
            except Bad as bad:
                raise _within(e.user_mentions or [], m, where + "entities.user_mentions",
                              bad) from None
        for c in e.symbols or ():
            try:
                ents.cashtag(c.text, pair(c.indices, "indices"))
            except Bad as bad:
                raise _within(e.symbols or [], c, where + "entities.symbols", bad) from None
        for u in e.urls or ():
            expanded = u.expanded_url
            if u.unwound is not UNSET:
                expanded = (u.unwound.url if u.unwound is not None else None) or expanded
            try:
                ents.link(u.url, expanded or None, pair(u.indices, "indices"))
            except Bad as bad:
                raise _within(e.urls or [], u, where + "entities.urls", bad) from None
    own = (e.media if e is not None else None) or []
    if own:
        _media_links(ents, own, where + "entities.media")
    if extended is None:
        return own
    media = extended.media or []  # the photos and videos, where entities.media has the first
    if media:
        _media_links(ents, media, where + "extended_entities.media")
    return media


def _media_links(ents: Entities, items: list[_typed.Media], key: str) -> None:
    """The one t.co link of a post's media (kept once)."""
    for item in items:
        if item.url:
            try:
                ents.link(item.url, item.expanded_url or None, pair(item.indices, "indices"))
            except Bad as bad:
                raise _within(items, item, key, bad) from None


def _media(m: _typed.Media) -> Media:
    """One media item of a tweet (its path is added by the caller)."""
    uri = m.media_url_https or m.media_url
    width = height = None
    duration = None
    info, sizes, video = m.original_info, m.sizes, m.video_info
    if isinstance(info, _typed.Size):
        width = count(info.width, "original_info.width")
        height = count(info.height, "original_info.height")
    elif isinstance(sizes, _typed.Sizes) and isinstance(sizes.large, _typed.WH):
        large = sizes.large
        width, height = count(large.w, "sizes.large.w"), count(large.h, "sizes.large.h")
    if isinstance(video, _typed.Video):
        variants = video.variants or []
        uri = _objects.best_mp4(
            (v.url or None, v.content_type or None, _bitrate(v, i)) for i, v in enumerate(variants)
        ) or uri
        millis = count(video.duration_millis, "video_info.duration_millis")
        duration = None if millis is None else millis / 1000
    if not uri:
        raise Bad("media_url_https", "media has no media_url_https")
    return Media(kind=_objects.media_kind(m.type or None), uri=uri,
                 alt_text=m.ext_alt_text or None, width=width, height=height, duration=duration)


def _each_media(items: list[_typed.Media], body: _typed.Body, where: str) -> Iterator[Media]:
    for i, m in enumerate(items):
        try:
            yield _media(m)
        except Bad as bad:
            key = "extended_entities" if _present(body.extended_entities) else "entities"
            raise bad.inside(f"{where}{key}.media[{i}]") from None


def _bitrate(variant: _typed.Variant, index: int) -> Callable[[], int | None]:
    return lambda: count(variant.bitrate, f"video_info.variants[{index}].bitrate")


def _point(geo: _typed.Point | Any | None, key: str, lat_first: bool) -> Coordinates | None:
    if not isinstance(geo, _typed.Point) or not geo.coordinates:
        return None
    try:
        return _objects.pair_point(geo.coordinates, lat_first=lat_first)
    except ValueError as exc:
        raise Bad(f"{key}.coordinates", str(exc)) from None


def _location(t: _typed.Tweet, extra: dict[str, Any]) -> Location | None:
    where = _point(t.coordinates, "coordinates", False) or _point(t.geo, "geo", True)
    p = t.place
    if not isinstance(p, _typed.Place):
        return _objects.location(None, where, extra, None)
    box = p.bounding_box
    rings = box.coordinates if isinstance(box, _typed.Box) else None
    if not isinstance(rings, list):
        rings = None
    place = _objects.Place(name=_str(p.name), full_name=_str(p.full_name),
                           id=_str(p.id) or _str(p.place_id), kind=_str(p.place_type),
                           country_code=_str(p.country_code))
    return _objects.location(place, where, extra, None if rings is None else _objects.bbox(rings))


def tweet_post(t: _typed.Tweet, ctx: Context, author: Account | None,
               visibility: Visibility) -> Post | None:
    """An archive tweet as a Post (None for a left-out retweet or an old edit); :class:`Bad`
    at a key.

    An archive tweet never carries ``retweeted_status``; one whose text starts
    with ``RT @name`` is a retweet too (the archive's own, old-style ones), read
    with ``include_reposts`` as a post whose ``repost_of`` names only ``name``.
    """
    post_id = id_of(t.id_str, t.id, "id")
    if post_id is None:
        raise Bad("id", "required key is missing" if t.id is UNSET else "expected str, got None")
    body: _typed.Body = t
    where = ""  # the streaming API puts the full text and its entities in extended_tweet
    if isinstance(t.extended_tweet, _typed.Body):
        body, where = t.extended_tweet, "extended_tweet."
    raw = body.full_text
    if type(raw) is not str:
        raw = body.text
        if type(raw) is not str:
            raise Bad("full_text", "required key is missing: full_text or text")
    retweeted = t.retweeted_status if _present(t.retweeted_status) else None
    is_retweet, repost_of = find_retweet(retweeted, raw)
    if is_retweet and not ctx.keep_repost("retweet", repost_of):
        return None
    edits = _edits(t.edit_info)
    if superseded(post_id, edits):
        ctx.skip("superseded-edit")
        return None
    if author is None and isinstance(t.user, _typed.User):
        author, visibility = _author(t.user)

    text = Unescaped(raw)
    ents = Entities(text)
    items = _entities(ents, body, where)
    media: tuple[Media, ...] = ()
    if items:
        media = tuple(_each_media(items, body, where))

    extra: dict[str, Any] = {}
    try:
        shown = pair(body.display_text_range, "display_text_range")
    except Bad as bad:
        raise Bad(where + bad.key, bad.message) from None
    if shown is not None:
        mapped = text.span(*shown)
        if mapped is not None and mapped != (0, len(text.text)):
            extra["display_text_range"] = list(mapped)
    sensitive = t.possibly_sensitive
    for key, value in (
        ("source", source_name(t.source or None)),
        ("quoted_id", id_of(t.quoted_status_id_str, t.quoted_status_id, "quoted_status_id")),
        ("in_reply_to_user_id",
         id_of(t.in_reply_to_user_id_str, t.in_reply_to_user_id, "in_reply_to_user_id")),
        ("quote_count", count(t.quote_count, "quote_count")),
        ("possibly_sensitive", True if sensitive is True else None),
        ("edit_history", edits if len(edits) > 1 else None),
    ):
        if value is not None:
            extra[key] = value

    created = t.created_at
    if type(created) is str:
        try:
            when = parse_classic(created)
        except ValueError as exc:
            raise Bad("created_at", str(exc)) from None
    elif created is None:
        raise Bad("created_at", "expected str, got None")
    else:
        from_id = snowflake_date(post_id)
        if from_id is None:
            raise Bad("created_at", "required key is missing")
        when = from_id
        extra["created_at_from_id"] = True
    location = None
    if t.place is not UNSET or t.coordinates is not UNSET or t.geo is not UNSET:
        location = _location(t, extra)  # rare in archives
    lang = t.lang or None
    return new_post(
        platform="twitter",
        extra=extra,
        id=post_id,
        created_at=when,
        author=author,
        media=media,
        location=location,
        engagement=_Engagement(
            likes=count(t.favorite_count, "favorite_count"),
            shares=count(t.retweet_count, "retweet_count"),
            comments=count(t.reply_count, "reply_count"),
        ),
        visibility=visibility,
        url=status_url(author.handle if author else None, post_id),
        reply_to=id_of(t.in_reply_to_status_id_str, t.in_reply_to_status_id,
                       "in_reply_to_status_id"),
        repost_of=repost_of,
        lang=None if lang == "und" else lang,
        **twitter_text(ctx, ents, extra),
    )
