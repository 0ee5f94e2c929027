"""X/Twitter API responses: v2 pages (as twarc writes them) and v1.1 statuses.

Accepted layouts, one file or many in a folder or zip:

* JSON Lines of v2 response pages ``{"data": [...], "includes": {...}, "meta": ...}``
  (``twarc2 search`` output), or one such page as a JSON document;
* JSON Lines of single v2 tweets with their expansions inline (``twarc2 flatten``);
* v1.1 statuses (``id_str`` + ``user``): a JSON array, JSON Lines, or a search
  response ``{"statuses": [...]}``.

``author_id`` is joined to ``includes.users``, ``geo.place_id`` to
``includes.places`` and ``attachments.media_keys`` to ``includes.media``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import Any

from engagekit.errors import LimitExceeded, ParseError
from engagekit.models import Account, Engagement, Media, Post, PostRef, Visibility
from engagekit.sources._engine.arrays import iter_array, iter_lines, load
from engagekit.sources._engine.base import Container, Context, Limits
from engagekit.sources._engine.fields import Fields, convert_each
from engagekit.sources._engine.scan import (
    COLON,
    COMMA,
    LBRACE,
    LBRACKET,
    RBRACE,
    Stream,
    begin_document,
    read_key,
    skip_value,
)
from engagekit.sources._twitter.common import (
    Entities,
    Unescaped,
    at,
    count,
    new_post,
    objects,
    snowflake_date,
    source_name,
    status_url,
    string,
    superseded,
    twitter_text,
)
from engagekit.sources._twitter.objects import (
    author_account,
    place_location,
    point,
    v2_media,
)
from engagekit.sources._twitter.reposts import find_retweet, retweet_ref
from engagekit.sources._twitter.status import status_post

__all__ = ["FORMAT", "accepts", "detect", "read"]

FORMAT = "twitter-api"
#: What detection looks for, as :func:`~engagekit.sources.detect.diagnose` reports it.
LOOKS_FOR = 'an API v2 page (data, includes), a twarc line or a v1.1 status'

_SUFFIXES = (".json", ".jsonl", ".ndjson", ".txt")
_PAGE = re.compile(rb'\[?\s*\{\s*"data"\s*:\s*[\[{]')
_V1_HINTS = (b'"user"', b'"full_text"', b'"in_reply_to_status_id_str"', b'"retweet_count"')
_V1_KEYS = frozenset({"user", "full_text", "text", "in_reply_to_status_id_str", "retweet_count"})
_V2_KEYS = frozenset({"edit_history_tweet_ids", "author_id", "conversation_id"})
#: The fields of a v2 tweet requested with the default fields only: it cannot say that it is
#: a retweet (no ``referenced_tweets``), so only there does "RT @" in the text mean one.
_DEFAULT_FIELDS = frozenset({"id", "text", "edit_history_tweet_ids"})


def _looks(head: bytes) -> bool:
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not h.startswith((b"{", b"[")):
        return False
    if b'"__twarc"' in h or (b'"data"' in h and b'"includes"' in h):
        return True
    if _PAGE.match(h) and b'"id"' in h and b'"text"' in h:
        return True
    if b'"id_str"' in h and b'"created_at"' in h and any(k in h for k in _V1_HINTS):
        return True
    v2_keys = (b'"edit_history_tweet_ids"', b'"author_id"', b'"conversation_id"')
    return b'"text"' in h and any(k in h for k in v2_keys)


def _object_keys(s: Stream, max_depth: int) -> frozenset[str]:
    """The keys of the object at ``s.pos``, its values skipped unread.

    In a search response ``{"statuses": [...]}`` the keys are those of the first status.
    """
    s.expect(LBRACE, "an object")
    keys: set[str] = set()
    if s.peek() == RBRACE:
        return frozenset()
    while True:
        key = read_key(s)
        s.expect(COLON, "':'")
        if s.peek() == LBRACKET and key == "statuses" and not keys:
            s.pos += 1
            return _object_keys(s, max_depth) if s.peek() == LBRACE else frozenset({key})
        keys.add(key)
        skip_value(s, 1, max_depth)
        if s.peek() != COMMA:
            s.expect(RBRACE, "',' or '}'")
            return frozenset(keys)
        s.pos += 1


def _record_keys(data: bytes, limits: Limits) -> frozenset[str] | None:
    """The keys of the first record in ``data`` (a document, or an array's first item).

    None when ``data`` ends before they are all seen or is not JSON objects.
    """
    s = Stream(io.BytesIO(data), "<head>", limits)
    try:
        begin_document(s, b"")
        if s.peek() == LBRACKET:
            s.pos += 1
        return _object_keys(s, limits.max_depth)
    except (ParseError, LimitExceeded):
        return None


def _first_keys(container: Container, member: str) -> frozenset[str] | None:
    """The keys of a member's first record, however far into it the last one falls.

    The head read grows until the record's top level is complete, up to
    ``max_record_bytes`` (a record beyond that could not be read anyway).
    """
    limits = container.limits
    size = 1 << 16
    while True:
        head = container.head(member, size)
        keys = _record_keys(head, limits)
        if keys is not None or len(head) < size or size >= limits.max_record_bytes:
            return keys
        size = min(size * 16, limits.max_record_bytes)


def _keys_look(keys: frozenset[str]) -> bool:
    """A v2 page or twarc line, a flattened v2 tweet or a v1.1 status, by its top-level keys."""
    if "__twarc" in keys or ("data" in keys and keys & {"includes", "meta", "errors"}):
        return True
    if {"id_str", "created_at"} <= keys and keys & _V1_KEYS:
        return True
    return "text" in keys and bool(keys & _V2_KEYS)


def _claims(container: Container, member: str) -> bool:
    """Whether a member holds API responses: its first bytes, else its first record's keys."""
    head = container.head(member)
    if _looks(head):
        return True
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        return False
    keys = _first_keys(container, member)
    return keys is not None and _keys_look(keys)


def _candidates(container: Container) -> list[str]:
    members = container.members()
    if len(members) == 1:
        return members
    return [m for m in members if m.lower().endswith(_SUFFIXES)]


def detect(container: Container) -> bool:
    """True when a JSON member looks like a v2 page, a twarc line or a v1.1 status."""
    return any(_claims(container, m) for m in _candidates(container)[:16])


def accepts(container: Container) -> bool:
    """Whether ``format="twitter-api"`` should be tried: a JSON member that :func:`detect`
    may not recognize (the reader then says what it expected)."""
    return detect(container) or any(
        container.head(m).lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))
        for m in _candidates(container)[:16])


def read(container: Container, ctx: Context) -> Iterator[Post]:
    """The posts of every API response in the container; retweets are skipped."""
    members = _candidates(container)
    if len(container.members()) > 1:
        members = [m for m in members if _claims(container, m)]
    for member in members:
        label = container.label(member)
        try:
            jobs = _jobs(_values(container, member, ctx), label, ctx)
            yield from convert_each(jobs, lambda job, _i: _convert(job, ctx), ctx, source=label)
        except ParseError as err:
            ctx.fail(err)


def _values(container: Container, member: str, ctx: Context) -> Iterator[tuple[int, Any]]:
    """A JSON array, a (pretty-printed) single document, or JSON Lines."""
    head = container.head(member).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"["):
        return iter_array(container, member, ctx)
    first, newline, _ = head.partition(b"\n")
    if newline and first.rstrip().endswith((b"{", b"[", b",", b":")):
        return iter([(0, load(container, member, ctx))])
    return iter_lines(container, member, ctx)


class _Includes:
    """A page's ``includes``, indexed: users, places and posts by id, media by media_key."""

    def __init__(self, inc: Fields | None) -> None:
        self.users: dict[str, Fields] = {}
        self.places: dict[str, Fields] = {}
        self.tweets: dict[str, Fields] = {}
        self.media: dict[str, Fields] = {}
        self.authors: dict[str, tuple[Account | None, Visibility]] = {}  # users read once
        if inc is None:
            return
        for table, key, into in (
            ("users", "id", self.users),
            ("places", "id", self.places),
            ("tweets", "id", self.tweets),
            ("media", "media_key", self.media),
        ):
            for item in inc.objects(table):
                ident = item.string(key)
                if ident:
                    into[ident] = item


_NONE = _Includes(None)
_Job = tuple[str, Fields, _Includes]


def _jobs(
    values: Iterator[tuple[int, Any]], label: str, ctx: Context
) -> Iterator[tuple[int, _Job]]:
    """Each tweet of each JSON value, with what it needs to be read."""
    for index, value in values:
        try:
            jobs = list(_split(Fields(value, source=label, record=index), ctx))
        except ParseError as err:
            ctx.fail(err)
            continue
        for job in jobs:
            yield index, job


def _split(f: Fields, ctx: Context) -> Iterator[_Job]:
    if "id" not in f and any(k in f for k in ("data", "includes", "errors", "meta")):
        includes = _Includes(f.obj("includes"))
        errors = f.values("errors")
        if errors:
            ctx.skip("api-error", len(errors))
        if type(f.raw("data")) is dict:
            yield "v2", f.require("data"), includes
        else:
            for tweet in f.objects("data"):
                yield "v2", tweet, includes
    elif "statuses" in f:
        for status in f.objects("statuses"):
            yield "v1", status, _NONE
    elif list(f.data) == ["tweet"]:  # an archive item pasted as JSON
        yield "archive", f.require("tweet"), _NONE
    elif any(k in f for k in ("id_str", "user", "full_text", "extended_tweet")):
        yield "v1", f, _NONE
    elif "id" in f and "text" in f:
        yield "v2", f, _NONE  # twarc2 flatten: expansions inline
    else:
        raise f.error("expected a v2 response page, a v2 tweet or a v1.1 status")


def _convert(job: _Job, ctx: Context) -> Post | None:
    kind, f, includes = job
    if kind != "v2":  # a v1.1 status has retweeted_status; an archive tweet only its text
        return status_post(f, ctx, author=None, visibility=Visibility.UNKNOWN,
                           text_rule=kind == "archive")
    return _v2_post(f, includes, ctx)


def _where(f: Fields) -> tuple[int, int] | None:
    start, end = count(f, "start"), count(f, "end")
    return None if start is None or end is None else (start, end)


def _tags(e: Fields, key: str, add: Callable[[str, tuple[int, int] | None], None]) -> None:
    """Hashtags or cashtags: ``{"tag", "start", "end"}`` items."""
    for i, item in enumerate(objects(e, key)):
        tag, start, end = item.get("tag"), item.get("start"), item.get("end")
        if type(tag) is str and type(start) is int and type(end) is int:
            add(tag, (start, end))
        else:
            f = at(e, key, i)
            add(f.string("tag", required=True) or "", _where(f))


def _refs(t: Fields) -> dict[str | None, str | None]:
    """``referenced_tweets`` by type: ``{"replied_to": id, "quoted": id}``."""
    refs: dict[str | None, str | None] = {}
    for i, r in enumerate(objects(t, "referenced_tweets")):
        kind, ident = r.get("type"), r.get("id")
        if (kind is not None and type(kind) is not str) or (
            ident is not None and type(ident) is not str
        ):
            ref = at(t, "referenced_tweets", i)
            kind, ident = ref.string("type"), ref.string("id")
        refs[kind] = ident
    return refs


def _retweeted(post_id: str | None, inc: _Includes) -> PostRef | None:
    """What a v2 retweet names: the post's id, and its author's username when the page
    includes the post and its author."""
    original = inc.tweets.get(post_id or "")
    author_id = original.data.get("author_id") if original is not None else None
    user = inc.users.get(author_id) if type(author_id) is str else None
    username = user.data.get("username") if user is not None else None
    username = username if type(username) is str and username else None
    if not post_id and username is None:
        return None
    return retweet_ref(post_id or None, username)


def _v2_post(t: Fields, inc: _Includes, ctx: Context) -> Post | None:
    post_id = t.data.get("id")
    if type(post_id) is not str:
        post_id = t.string("id", required=True)
    refs = _refs(t)
    note = None if t.data.get("note_tweet") is None else t.obj("note_tweet")  # long posts
    body = note if note is not None and note.raw("text") is not None else t
    raw = body.data.get("text")
    if type(raw) is not str:
        raw = body.string("text", required=True)
    if "retweeted" in refs:
        is_retweet, repost_of = True, _retweeted(refs["retweeted"], inc)
    else:  # the text rule only where the page has no referenced_tweets to tell
        is_retweet, repost_of = find_retweet(
            None, raw if t.data.keys() <= _DEFAULT_FIELDS else None)
    if is_retweet and not ctx.keep_repost("retweet", repost_of):
        return None
    edits = t.data.get("edit_history_tweet_ids")
    if type(edits) is not list:
        edits = t.values("edit_history_tweet_ids")
    if superseded(post_id, edits):
        ctx.skip("superseded-edit")
        return None

    extra: dict[str, Any] = {}
    author_id = string(t, "author_id")
    user = None if t.data.get("author") is None else t.obj("author")
    if user is None and author_id and author_id in inc.users:
        known = inc.authors.get(author_id)
        if known is None:
            known = inc.authors[author_id] = author_account(inc.users[author_id], "username")
        author, visibility = known
    else:
        author, visibility = author_account(user or inc.users.get(author_id or ""), "username")
    if author is None and author_id:
        extra["author_id"] = author_id

    text = Unescaped(raw)
    ents = Entities(text)
    e = body.obj("entities")
    annotations = []
    if e is not None:  # plain dicts while values have their usual types; else Fields
        _tags(e, "hashtags", ents.hashtag)
        for i, m in enumerate(objects(e, "mentions")):
            name, start, end, ident = m.get("username"), m.get("start"), m.get("end"), m.get("id")
            if type(name) is str and type(start) is int and type(end) is int and (
                ident is None or type(ident) is str
            ):
                ents.mention(name, (start, end), ident)
            else:
                mf = at(e, "mentions", i)
                name = mf.string("username", required=True) or ""
                ents.mention(name, _where(mf), mf.string("id"))
        _tags(e, "cashtags", ents.cashtag)
        for i, u in enumerate(objects(e, "urls")):
            url, start, end = u.get("url"), u.get("start"), u.get("end")
            unwound, expanded = u.get("unwound_url"), u.get("expanded_url")
            if (
                type(url) is str
                and type(start) is int
                and type(end) is int
                and (unwound is None or type(unwound) is str)
                and (expanded is None or type(expanded) is str)
            ):
                ents.link(url, unwound or expanded or None, (start, end))
            else:
                uf = at(e, "urls", i)
                target = uf.string("unwound_url") or uf.string("expanded_url") or None
                ents.link(uf.string("url", required=True) or "", target, _where(uf))
        for i, a in enumerate(objects(e, "annotations")):
            kind, name = a.get("type"), a.get("normalized_text")
            if type(kind) is not str or type(name) is not str:
                item = at(e, "annotations", i)
                kind, name = item.string("type"), item.string("normalized_text")
            annotations.append({"type": kind, "text": name})

    media: list[Media] = []
    attachments = t.obj("attachments")
    if attachments is not None:
        inline = attachments.objects("media")  # twarc2 flatten
        found = inline or [
            inc.media[k]
            for k in attachments.values("media_keys")
            if type(k) is str and k in inc.media
        ]
        missing = len(attachments.values("media_keys")) - len(found)
        media = [m for m in map(v2_media, found) if m is not None]
        if missing > 0 or len(media) < len(found):
            extra["missing_media"] = max(missing, 0) + len(found) - len(media)

    geo = t.obj("geo")
    place = None
    where = point(geo, "coordinates")
    if geo is not None:
        place_id = geo.string("place_id")
        inline_place = "full_name" in geo or "country_code" in geo
        place = geo if inline_place else inc.places.get(place_id or "")
        if place is None and place_id:
            place = Fields({"id": place_id}, source=geo.source, record=geo.record, path=geo.path)
    bbox = None
    place_geo = None if place is None else place.obj("geo")
    if place_geo is not None:
        box = place_geo.values("bbox")
        if len(box) == 4 and all(type(v) in (int, float) for v in box):
            bbox = box

    metrics = t.obj("public_metrics")
    for key, value in (
        ("conversation_id", string(t, "conversation_id")),
        ("quoted_id", refs.get("quoted")),
        ("in_reply_to_user_id", string(t, "in_reply_to_user_id")),
        ("quote_count", count(metrics, "quote_count")),
        ("bookmark_count", count(metrics, "bookmark_count")),
        ("source", source_name(string(t, "source"))),
        ("possibly_sensitive", t.boolean("possibly_sensitive") or None),
        ("annotations", annotations or None),
        ("edit_history", edits if len(edits) > 1 else None),
    ):
        if value is not None and not (key == "conversation_id" and value == post_id):
            extra[key] = value
    created = t.timestamp("created_at", required=False)
    if created is None:
        created = snowflake_date(post_id)
        if created is None:
            raise t.error("required key is missing", "created_at")
        extra["created_at_from_id"] = True
    lang = string(t, "lang")
    return new_post(
        platform="twitter",
        extra=extra,
        id=post_id,
        created_at=created,
        author=author,
        media=tuple(media),
        location=place_location(place, where, extra, bbox),
        engagement=Engagement(
            likes=count(metrics, "like_count"),
            shares=count(metrics, "retweet_count"),
            comments=count(metrics, "reply_count"),
            views=count(metrics, "impression_count"),
        ),
        visibility=visibility,
        url=status_url(author.handle if author else None, post_id),
        reply_to=refs.get("replied_to"),
        repost_of=repost_of,
        lang=None if lang in (None, "", "und") else lang,
        **twitter_text(ctx, ents, extra, extract=e is None),  # no entities: extract them
    )
