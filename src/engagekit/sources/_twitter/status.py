"""A v1.1 status (or an archive tweet pasted into an API file) read as dicts, for twitter_api.

The archive reader decodes its tweets into the msgspec schema of
:mod:`engagekit.sources._twitter.archive_schema` instead; both apply the same rules on
values (:mod:`engagekit.sources._twitter.common`, :mod:`engagekit.sources._twitter.objects`).
"""

from __future__ import annotations

from typing import Any

from engagekit.models import Account, Engagement, Media, Post, Visibility
from engagekit.sources._engine.base import Context
from engagekit.sources._engine.fields import Fields
from engagekit.sources._twitter.common import (
    Entities,
    Unescaped,
    at,
    classic_date,
    count,
    id_string,
    item_span,
    new_post,
    objects,
    snowflake_date,
    source_name,
    span_pair,
    status_url,
    superseded,
    twitter_text,
)
from engagekit.sources._twitter.objects import (
    author_account,
    bbox,
    best_variant,
    media_kind,
    place_location,
    point,
)
from engagekit.sources._twitter.reposts import find_retweet

__all__ = ["status_media", "status_post"]




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
    return None if box is None else bbox(box.values("coordinates"))


def _slow_link(ents: Entities, u: Fields) -> None:
    unwound = u.obj("unwound")
    expanded = (unwound.string("url") if unwound else None) or u.string("expanded_url")
    ents.link(u.string("url", required=True) or "", expanded or None, span_pair(u, "indices"))


def status_post(
    f: Fields, ctx: Context, *, author: Account | None, visibility: Visibility,
    text_rule: bool = True,
) -> Post | None:
    """An archive tweet or a v1.1 status as a Post (None for a left-out retweet or an old
    edit).

    A status with ``retweeted_status`` is a retweet. With ``text_rule`` (an
    archive tweet, which never carries ``retweeted_status``) so is one whose
    text starts with ``RT @name``; a v1.1 status from the API (``text_rule=False``)
    that does is a manual retweet, written by its author, and is read as a post.
    Retweets are read only with ``include_reposts``, with ``repost_of`` set.
    """
    post_id = id_string(f, "id", required=True)
    body = f  # the streaming API puts the full text and its entities in extended_tweet
    if f.data.get("extended_tweet") is not None:
        body = f.obj("extended_tweet") or f
    raw = body.data.get("full_text")
    if type(raw) is not str:
        raw = body.string("full_text") if raw is not None else body.string("text")
    if raw is None:
        raise f.error("required key is missing: full_text or text", "full_text")
    is_retweet, repost_of = find_retweet(f.raw("retweeted_status"), raw if text_rule else None)
    if is_retweet and not ctx.keep_repost("retweet", repost_of):
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
    return new_post(
        platform="twitter",
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
        repost_of=repost_of,
        lang=None if lang in (None, "", "und") else lang,
        **twitter_text(ctx, ents, extra),
    )
