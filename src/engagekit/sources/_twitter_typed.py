"""The X/Twitter archive reader's fast path: the fields a tweet is read by, as msgspec schemas.

:data:`ITEM` is an item of ``tweets.js`` (``{"tweet": {...}}`` and nothing
else). It names every key :func:`engagekit.sources.twitter_archive` and
:func:`engagekit.sources.twitter_archive.status_post` read, so that
:func:`as_json` gives the careful path everything it needs when :func:`fast`
declines; keys rarely seen in archives (places, points, media, quoted and
reply ids, the streaming ``extended_tweet``) are decoded as plain JSON values
and make :func:`fast` decline at once.

:func:`fast` reads the usual tweet (text, entities with their code-point
spans on the escaped text, counts given as strings, the edit history) and
raises :class:`~engagekit.sources._meta.Irregular` for anything else.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from engagekit.io._converter import constructor
from engagekit.models import Account, Engagement, Post, Visibility
from engagekit.sources._base import Context
from engagekit.sources._meta import Irregular
from engagekit.sources._twitter import (
    Entities,
    Unescaped,
    finish_post,
    parse_classic,
    source_name,
    status_url,
    superseded,
)

__all__ = ["ITEM", "as_json", "fast"]

_Engagement = constructor(Engagement)

Number = int | str | None | UnsetType
Text = str | None | UnsetType
Json = Any  # decoded as plain JSON values: present only in tweets the fast path declines


class _Tag(msgspec.Struct, gc=False):
    """A hashtag or a cashtag (``symbols``)."""

    text: Text = UNSET
    indices: list[Number] | UnsetType | None = UNSET


class _Mention(msgspec.Struct, gc=False):
    screen_name: Text = UNSET
    indices: list[Number] | UnsetType | None = UNSET
    id_str: Text = UNSET
    id: Number = UNSET


class _Url(msgspec.Struct, gc=False):
    url: Text = UNSET
    expanded_url: Text = UNSET
    indices: list[Number] | UnsetType | None = UNSET
    unwound: Json = UNSET


class _Entities(msgspec.Struct, gc=False):
    hashtags: list[_Tag] | UnsetType | None = UNSET
    symbols: list[_Tag] | UnsetType | None = UNSET
    user_mentions: list[_Mention] | UnsetType | None = UNSET
    urls: list[_Url] | UnsetType | None = UNSET
    media: Json = UNSET


class _Initial(msgspec.Struct, gc=False):
    editTweetIds: list[Json] | UnsetType | None = UNSET


class _EditInfo(msgspec.Struct, gc=False):
    initial: _Initial | UnsetType | None = UNSET
    edit: Json = UNSET


class _Tweet(msgspec.Struct, gc=False):
    id_str: Text = UNSET
    id: Number = UNSET
    full_text: Text = UNSET
    text: Text = UNSET
    created_at: Text = UNSET
    lang: Text = UNSET
    source: Text = UNSET
    entities: _Entities | UnsetType | None = UNSET
    display_text_range: list[Number] | UnsetType | None = UNSET
    edit_info: _EditInfo | UnsetType | None = UNSET
    favorite_count: Number = UNSET
    retweet_count: Number = UNSET
    reply_count: Number = UNSET
    quote_count: Number = UNSET
    possibly_sensitive: bool | UnsetType | None = UNSET
    # read by the careful path only
    extended_tweet: Json = UNSET
    extended_entities: Json = UNSET
    retweeted_status: Json = UNSET
    user: Json = UNSET
    place: Json = UNSET
    coordinates: Json = UNSET
    geo: Json = UNSET
    quoted_status_id: Json = UNSET
    quoted_status_id_str: Json = UNSET
    in_reply_to_status_id: Json = UNSET
    in_reply_to_status_id_str: Json = UNSET
    in_reply_to_user_id: Json = UNSET
    in_reply_to_user_id_str: Json = UNSET


class _Item(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    tweet: _Tweet


ITEM = _Item


def as_json(record: Any) -> Any:
    """A typed record back as the JSON values it was decoded from (the keys it had)."""
    return msgspec.to_builtins(record)


def _absent(*values: Any) -> bool:
    for value in values:  # noqa: SIM110 - a plain loop, no generator to start (a hot path)
        if value is not UNSET and value is not None:
            return False
    return True


def _int(value: Any) -> int | None:
    """An int or a short ASCII digit string as int; None when absent; Irregular otherwise."""
    if type(value) is str and value.isascii() and value.isdigit() and len(value) <= 20:
        return int(value)
    if type(value) is int:
        return value
    if value is UNSET or value is None:
        return None
    raise Irregular


def _pair(values: Any) -> tuple[int, int] | None:
    if values is UNSET or values is None:
        return None
    if len(values) != 2:
        raise Irregular
    start, end = values
    if (type(start) is str and type(end) is str and start.isascii() and end.isascii()
            and start.isdigit() and end.isdigit() and len(start) + len(end) <= 20):
        return int(start), int(end)  # archives write indices as strings
    start, end = _int(start), _int(end)
    if start is None or end is None:
        raise Irregular
    return start, end


def _text(value: Any) -> str:
    if type(value) is not str:
        raise Irregular
    return value


def _id(value_str: Any, value: Any) -> str | None:
    """An ``<key>_str`` id; a bare id (or an odd one) is left to the careful path."""
    if type(value_str) is str:
        return value_str
    if _absent(value_str, value):
        return None
    raise Irregular


def _date(value: Any) -> datetime:
    if type(value) is not str:
        raise Irregular
    try:
        return parse_classic(value)
    except ValueError:
        raise Irregular from None


def _edits(info: _EditInfo | UnsetType | None) -> list[Any]:
    if info is UNSET or info is None:
        return []
    initial = info.initial
    if initial is UNSET or initial is None or not isinstance(initial.editTweetIds, list):
        raise Irregular
    return initial.editTweetIds


def fast(item: _Item, ctx: Context, author: Account | None,
         visibility: Visibility) -> Post | None:
    """The Post of a usual archive tweet (None for a retweet or an old edit); Irregular else."""
    t = item.tweet
    if not _absent(t.extended_tweet, t.extended_entities, t.retweeted_status, t.user, t.place,
                   t.coordinates, t.geo) or type(t.id_str) is not str:
        raise Irregular
    post_id = t.id_str
    raw = _text(t.full_text)
    if raw.startswith("RT @"):
        ctx.skip("retweet")
        return None
    edits = _edits(t.edit_info)
    if superseded(post_id, edits):
        ctx.skip("superseded-edit")
        return None
    created = _date(t.created_at)

    text = Unescaped(raw)
    ents = Entities(text)
    e = t.entities
    if e is not UNSET and e is not None:
        if not _absent(e.media) and e.media != []:
            raise Irregular
        for h in e.hashtags or ():
            ents.hashtag(_text(h.text), _pair(h.indices))
        for m in e.user_mentions or ():
            ents.mention(_text(m.screen_name), _pair(m.indices), _id(m.id_str, m.id))
        for c in e.symbols or ():
            ents.cashtag(_text(c.text), _pair(c.indices))
        for u in e.urls or ():
            if u.unwound is not UNSET or (u.expanded_url is not UNSET and u.expanded_url is not None
                                          and type(u.expanded_url) is not str):
                raise Irregular
            ents.link(_text(u.url), u.expanded_url or None, _pair(u.indices))

    extra: dict[str, Any] = {}
    shown = _pair(t.display_text_range)
    if shown is not None:
        mapped = text.span(*shown)
        if mapped is not None and mapped != (0, len(text.text)):
            extra["display_text_range"] = list(mapped)
    sensitive = t.possibly_sensitive
    for key, value in (
        ("source", source_name(t.source or None)),
        ("quoted_id", _id(t.quoted_status_id_str, t.quoted_status_id)),
        ("in_reply_to_user_id", _id(t.in_reply_to_user_id_str, t.in_reply_to_user_id)),
        ("quote_count", _int(t.quote_count)),
        ("possibly_sensitive", (sensitive or None) if sensitive is not UNSET else None),
        ("edit_history", edits if len(edits) > 1 else None),
    ):
        if value is not None:
            extra[key] = value
    lang = t.lang or None
    return finish_post(
        ctx,
        ents,
        extra=extra,
        id=post_id,
        created_at=created,
        author=author,
        media=(),
        location=None,
        engagement=_Engagement(
            likes=_int(t.favorite_count),
            shares=_int(t.retweet_count),
            comments=_int(t.reply_count),
        ),
        visibility=visibility,
        url=status_url(author.handle if author else None, post_id),
        reply_to=_id(t.in_reply_to_status_id_str, t.in_reply_to_status_id),
        lang=None if lang == "und" else lang,
    )
