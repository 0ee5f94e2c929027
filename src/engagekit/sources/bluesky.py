"""Bluesky posts: ``app.bsky.feed.post`` records, bare or in XRPC responses.

Accepted, as one JSON document, a JSON array or JSON Lines (several pages):

- bare records (``{"$type": "app.bsky.feed.post", "text": ..., "createdAt": ...}``);
- ``com.atproto.repo.listRecords`` pages (``{"records": [{uri, cid, value}]}``)
  or their entries;
- ``app.bsky.feed.getAuthorFeed`` pages (``{"feed": [{post, reason?}]}``) or
  their items; reposts (``reason`` of type ``reasonRepost``) are not the
  author's posts and are counted as skipped ``"repost"`` (with
  ``include_reposts``, each is a post of the reposting account, without text,
  whose ``repost_of`` names the original);
- ``{"posts": [...]}`` responses made of post views (``getPosts``, ``searchPosts``).

Repository exports (``repo.car``, from Settings > Export my data) are read when
the optional ``libipld`` package is installed: every ``app.bsky.feed.post``
record in the repository becomes a post, and records of other collections
(likes, follows, ...) are counted as skipped under their collection name.

Facet offsets are UTF-8 bytes: they are converted to code points and checked
against the text. A facet that cannot be used (out of range, inside a
character, overlapping an earlier one, malformed) is left out, counted as
skipped ``"invalid-facet"`` and listed in ``Post.extra["invalid_facets"]``; a
usable facet whose text does not read as its feature (a tag span without
``#``) keeps its entity without a span, counted as ``"entity-mismatch"``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator
from typing import Any

import orjson

from engagekit.errors import ParseError
from engagekit.models import (
    Account,
    Engagement,
    Hashtag,
    Link,
    Media,
    MediaKind,
    Platform,
    Post,
    PostRef,
    Visibility,
)
from engagekit.sources._bluesky.car import car_entries, is_car
from engagekit.sources._bluesky.facets import count_skips, facet_entities
from engagekit.sources._engine.arrays import iter_array, iter_items, iter_lines, load
from engagekit.sources._engine.base import Container, Context
from engagekit.sources._engine.fields import Fields, convert_each
from engagekit.text import TextFields, text_fields

__all__ = ["FORMAT", "detect", "read"]

FORMAT = "bluesky"
#: What detection looks for, as :func:`~engagekit.sources.detect.diagnose` reports it.
LOOKS_FOR = 'app.bsky.feed.post records or feeds in JSON, or a repository CAR file'

_POST = "app.bsky.feed.post"
_PAGES = {"records": "entry", "feed": "item", "posts": "view"}
_FIRST_KEY = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"(records|feed|posts)"\s*:')
#: A post record's type, or the AT-URI of a post in a listRecords entry or a post view.
_MARKER = re.compile(
    rb'"\$type"\s*:\s*"app\.bsky\.feed\.post"|"uri"\s*:\s*"at://[^"]*/app\.bsky\.feed\.post/'
)
_AT_URI = re.compile(r"\Aat://([^/]+)/([^/]+)/([^/]+)\Z")
_SUFFIXES = (".json", ".jsonl", ".ndjson", ".car")
_SNIFF = 8  # members detect() looks into at most

#: One thing to convert: its JSON path, what it is ("record", "entry", "item",
#: "view") and the decoded value.
_Unit = tuple[str, str, Any]


def detect(container: Container) -> bool:
    """True when a member is a repository CAR file or JSON naming ``app.bsky.feed.post``."""
    return any(_sniff(container.head(m)) for m in _candidates(container)[:_SNIFF])


def read(container: Container, ctx: Context) -> Iterator[Post]:
    """The posts of every member that holds Bluesky records, in member order."""
    members = _candidates(container)
    if len(container.members()) > 1:
        members = [m for m in members if _sniff(container.head(m))]
    if not members:
        raise ParseError("no Bluesky posts found", source=container.name)
    for member in members:
        label = container.label(member)
        car = is_car(container.head(member))
        units = _car(container, member, ctx) if car else _units(container, member, ctx)
        convert = functools.partial(_convert, label=label, ctx=ctx)
        yield from convert_each(units, convert, ctx, source=label)


def _candidates(container: Container) -> list[str]:
    members = container.members()
    if len(members) == 1:
        return members
    return [m for m in members if m.lower().endswith(_SUFFIXES)]


def _sniff(head: bytes) -> bool:
    return is_car(head) or _MARKER.search(head) is not None


# -- layout: what the member holds, flattened to units --------------------------------


def _units(container: Container, member: str, ctx: Context) -> Iterator[tuple[int, _Unit]]:
    head = container.head(member)
    layout = _layout(head)
    label = container.label(member)
    if layout == "lines":
        for index, value in iter_lines(container, member, ctx):
            yield from _flatten(index, value, label, ctx)
    elif layout == "array":
        for index, value in iter_array(container, member, ctx):
            yield from _flatten(index, value, label, ctx)
    elif match := _FIRST_KEY.match(head):  # a page: stream its array
        key = match.group(1).decode()
        for index, value in iter_items(container, member, ctx, key):
            yield index, (f"$.{key}[{index}]", _PAGES[key], value)
    else:
        yield from _flatten(0, load(container, member, ctx), label, ctx)


def _layout(head: bytes) -> str:
    """``"array"``, ``"lines"`` (JSON Lines, or one long line) or ``"document"`` (indented).

    Decided from the first bytes only: a stream that cannot seek is read once.
    """
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"["):
        return "array"
    first, newline, _ = text.partition(b"\n")
    first = first.strip()
    if first.startswith(b"{") and (not newline or first.endswith(b"}")):
        return "lines"
    return "document"


def _flatten(index: int, value: Any, label: str, ctx: Context) -> Iterator[tuple[int, _Unit]]:
    """A page becomes its entries, anything else one unit; a malformed page goes to ctx.fail."""
    if type(value) is dict:
        for key, kind in _PAGES.items():
            if key in value:
                try:
                    items = Fields(value, source=label, record=index).values(key, required=True)
                except ParseError as err:
                    ctx.fail(err)
                    return
                for i, item in enumerate(items):
                    yield index, (f"$.{key}[{i}]", kind, item)
                return
        kind = (
            "item" if "post" in value
            else "entry" if "value" in value and "uri" in value
            else "view" if "record" in value and "uri" in value
            else "record"
        )
        yield index, ("$", kind, value)
    else:
        yield index, ("$", "record", value)  # not an object: Fields reports it


def _car(container: Container, member: str, ctx: Context) -> Iterator[tuple[int, _Unit]]:
    """The post records of a repository, in key order, as listRecords entries."""
    for index, entry in car_entries(container, member, ctx, _POST):
        yield index, ("$", "entry", entry)


# -- conversion ------------------------------------------------------------------------


def _convert(unit: _Unit, index: int, *, label: str, ctx: Context) -> Post | None:
    path, kind, value = unit
    f = Fields(value, source=label, record=index, path=path)
    if kind == "record":
        return _post(f, ctx, uri=None, cid=None, author=None, view=None)
    if kind == "entry":
        uri = f.nonempty("uri")
        repo = _AT_URI.match(uri)
        author = None
        if repo is not None:  # listRecords names no handle: the repository DID stands in
            author = Account(platform=Platform.BLUESKY, handle=repo.group(1), id=repo.group(1))
        record = f.require("value")
        return _post(record, ctx, uri=uri, cid=f.string("cid"), author=author, view=None)
    if kind == "item":
        reason = f.obj("reason")
        if reason is not None and (reason.string("$type") or "").endswith("#reasonRepost"):
            return _repost(reason, f.require("post"), ctx)
        f = f.require("post")
    author = _account(f.obj("author"))
    uri = f.nonempty("uri")
    return _post(f.require("record"), ctx, uri=uri, cid=f.string("cid"), author=author, view=f)


def _account(view: Fields | None) -> Account | None:
    """The account of a profile view (``author`` of a post, ``by`` of a repost), if any."""
    return None if view is None else _profile(view)


def _profile(view: Fields) -> Account:
    did = view.nonempty("did")
    return Account(platform=Platform.BLUESKY, handle=view.string("handle") or did, id=did,
                   display_name=view.string("displayName") or None)


def _repost(reason: Fields, original: Fields, ctx: Context) -> Post | None:
    """A feed item shown because its ``by`` account reposted it: with ``include_reposts``,
    a post of that account at ``indexedAt``, with no text, whose ``repost_of`` names the
    original. Its id is the repost record's ``uri`` where the item gives it, otherwise
    ``<original uri>#repost:<reposter DID>`` (an account reposts a post at most once)."""
    uri = original.nonempty("uri")
    author = _account(original.obj("author"))
    ref = PostRef(id=uri, author=author.handle if author else None, url=_url(uri, author))
    if not ctx.keep_repost("repost", ref):
        return None
    by = _profile(reason.require("by"))
    created, naive = reason.moment("indexedAt")
    return Post(id=reason.string("uri") or f"{uri}#repost:{by.id}", platform=Platform.BLUESKY,
                created_at=created, author=by, repost_of=ref,
                extra={"naive_time": True} if naive else {})




def _post(
    rec: Fields,
    ctx: Context,
    *,
    uri: str | None,
    cid: str | None,
    author: Account | None,
    view: Fields | None,
) -> Post | None:
    kind = rec.string("$type")
    if kind is not None and kind != _POST:
        ctx.skip(kind)
        return None
    text = rec.string("text", required=True) or ""
    extra: dict[str, Any] = {"cid": cid} if cid else {}
    if "facets" in rec:
        tags, mentions, links = facet_entities(text, rec, extra)
        fields = text_fields(text, dialect="bluesky", hashtags=tags, mentions=mentions, links=links)
    else:  # no facets at all: read the entities off the text
        fields = text_fields(text, dialect="bluesky")
    extra_tags = [Hashtag(text=t) for t in rec.values("tags") if _tag(rec, t)]
    fields["hashtags"] = (*fields["hashtags"], *extra_tags)

    media, quote = _embed(rec.obj("embed"), view.obj("embed") if view else None, fields)
    if quote:
        extra["quote"] = quote
    langs = [lang for lang in rec.values("langs") if type(lang) is str]
    if len(langs) > 1:
        extra["langs"] = langs
    labels = rec.obj("labels")
    if labels is not None:
        extra["labels"] = [v.string("val") for v in labels.objects("values")]
    if not uri:
        extra["id_source"] = "content-hash"
    reply = rec.obj("reply")
    parent = reply.obj("parent") if reply else None
    created, naive = rec.moment("createdAt")
    if naive:  # client-supplied, without an offset: read as UTC
        extra["naive_time"] = True
    post = Post(
        id=uri or _content_id(rec),
        platform=Platform.BLUESKY,
        created_at=created,
        author=author,
        media=media,
        engagement=_engagement(view, extra),
        visibility=Visibility.PUBLIC,
        url=_url(uri, author),
        reply_to=parent.string("uri") if parent else None,
        lang=langs[0] if langs else None,
        extra=extra,
        **fields,
    )
    count_skips(extra, ctx)  # once the post is sure to be read
    return post


def _tag(rec: Fields, value: Any) -> bool:
    if type(value) is not str:
        raise rec.error(f"expected str items, got {type(value).__name__}", "tags")
    return bool(value.strip("#＃"))


def _content_id(rec: Fields) -> str:
    digest = hashlib.sha256(orjson.dumps(rec.data, option=orjson.OPT_SORT_KEYS)).hexdigest()
    return f"sha256:{digest[:32]}"


def _url(uri: str | None, author: Account | None) -> str | None:
    match = _AT_URI.match(uri or "")
    if match is None or match.group(2) != _POST:
        return None
    who = match.group(1)
    if author is not None and author.handle != "handle.invalid":
        who = author.handle
    return f"https://bsky.app/profile/{who}/post/{match.group(3)}"


def _engagement(view: Fields | None, extra: dict[str, Any]) -> Engagement:
    if view is None:
        return Engagement()
    reposts, quotes = view.integer("repostCount"), view.integer("quoteCount")
    if quotes is not None:
        extra["quote_count"] = quotes
    shares = None if reposts is None else reposts + (quotes or 0)
    return Engagement(
        likes=view.integer("likeCount"), comments=view.integer("replyCount"), shares=shares
    )


# -- embeds ----------------------------------------------------------------------------


def _embed(
    embed: Fields | None, view: Fields | None, fields: TextFields
) -> tuple[tuple[Media, ...], str | None]:
    """Media of an embed (preferring the view's URLs), its quoted post; adds external links."""
    if embed is None:
        return (), None
    kind = embed.string("$type") or ""
    if kind == "app.bsky.embed.recordWithMedia":
        inner = embed.obj("record")
        quoted = inner.obj("record") if inner else None
        media, _ = _embed(embed.obj("media"), view.obj("media") if view else None, fields)
        return media, quoted.string("uri") if quoted else None
    if kind == "app.bsky.embed.record":
        quoted = embed.obj("record")
        return (), quoted.string("uri") if quoted else None
    if kind == "app.bsky.embed.images":
        views = view.objects("images") if view else []
        return tuple(
            _media(MediaKind.PHOTO, image, views[i].string("fullsize") if i < len(views) else None,
                   "image")
            for i, image in enumerate(embed.objects("images"))
        ), None
    if kind == "app.bsky.embed.video":
        playlist = view.string("playlist") if view else None
        return (_media(MediaKind.VIDEO, embed, playlist, "video"),), None
    if kind == "app.bsky.embed.external":
        uri = embed.require("external").nonempty("uri")
        if all(link.target != uri for link in fields["links"]):
            fields["links"] = (*fields["links"], Link(url=uri))
    return (), None


def _blob(owner: Fields, key: str) -> str:
    """A blob's CID: ``ref.$link`` (current form), ``ref`` as a string, or ``cid`` (legacy)."""
    blob = owner.require(key)
    ref = blob.raw("ref")
    if type(ref) is dict and type(ref.get("$link")) is str and ref["$link"]:
        return str(ref["$link"])
    if type(ref) is str and ref:
        return ref
    legacy = blob.string("cid")
    if legacy:
        return legacy
    raise blob.error("expected a blob with ref.$link or cid")


def _media(kind: MediaKind, owner: Fields, url: str | None, blob: str) -> Media:
    """A photo or video: the view's URL when there is one, else the blob's CID."""
    ratio = owner.obj("aspectRatio")
    return Media(
        kind=kind,
        uri=url or _blob(owner, blob),
        alt_text=owner.string("alt") or None,
        width=ratio.integer("width") if ratio else None,
        height=ratio.integer("height") if ratio else None,
    )
