"""Facebook "Download your information" JSON: the account's own posts.

Files read: ``posts/your_posts_1.json`` (older exports) and
``your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json``
(2024 and later), with their numbered splits; a single bare file is
recognised by its first bytes. Each is an array of posts
``{timestamp, data: [{post}], title?, attachments?: [{data: [...]}], tags?}``.

Every string is repaired of Meta's mojibake. Facebook posts carry no id: the
id is ``"<timestamp>-<12 hex digits>"``, the digits hashing the text, the
media file names, the place names and the shared URLs (and, for a post
without text, also its title, places, attachments and tagged people), so the
same post gets the same id from every export. The generated, localized ``title`` ("X was at
Y.") is not the author's words: it is kept in ``extra["title"]`` and never
used as text.

A post is read by its msgspec schema alone (``engagekit.sources._meta.facebook_schema``,
with each kind of attachment element in ``engagekit.sources._meta.facebook_attachments``):
one that does not fit is an error at msgspec's JSON path, quoting the value.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from typing import Any

import msgspec

from engagekit.errors import ParseError, UnsupportedFormat
from engagekit.models import Account, Link, Location, Post, Visibility
from engagekit.sources._engine.arrays import iter_array
from engagekit.sources._engine.base import Container, Context
from engagekit.sources._engine.fields import Fields, convert_each
from engagekit.sources._engine.scan import BOM
from engagekit.sources._engine.typed import located, typed
from engagekit.sources._meta import common as _meta
from engagekit.sources._meta import facebook_schema as _typed
from engagekit.sources._meta.facebook_attachments import Attachments, place_dict
from engagekit.text import text_fields

__all__ = ["FORMAT", "detect", "read"]

FORMAT = "facebook"
#: What detection looks for, as :func:`~engagekit.sources.detect.diagnose` reports it.
LOOKS_FOR = 'your_posts_1.json and its kin (or their first bytes)'

_BY_NAME = re.compile(
    r"(?:\A|/)(?:posts/your_posts|your_posts__check_ins__photos_and_videos)(?:_\d{1,9})?\.json\Z"
)
_CANDIDATE = re.compile(r"(?:\A|/)your_posts[^/]*\.json\Z")
_PROFILE = re.compile(r"(?:\A|/)profile_information/profile_information\.json\Z")
_HEAD = re.compile(rb"\A\s*\[\s*\{")
_HEAD_TIME = re.compile(rb'"timestamp"\s*:\s*-?\d')
_HEAD_BODY = re.compile(rb'"(?:data|attachments)"\s*:\s*\[')
_EMPTY = re.compile(rb"\A\s*\[\s*\]\s*\Z")
_SCHEME = re.compile(r"\A[a-zA-Z][a-zA-Z0-9+.-]*://")
#: The ``extra`` keys that identify a post without text (see :func:`_digest`).
_IDENTIFYING = ("title", "external_context", "events", "notes", "attachment_texts",
                "attachment_names")


def detect(container: Container) -> bool:
    """True when the container holds Facebook posts."""
    return bool(_plan(container, first=True))


def read(container: Container, ctx: Context) -> Iterator[Post]:
    """The posts of a Facebook export, streamed."""
    plan = _plan(container)
    if not plan:
        raise UnsupportedFormat("no Facebook posts found", source=container.name)
    author = _owner(container, ctx)

    def one(member: str) -> Iterator[Post]:
        label = container.label(member)

        def convert(item: Any, index: int) -> Post:
            return _post(item, index, label, author)

        items = iter_array(container, member, ctx, schema=_typed.POST)
        yield from convert_each(items, convert, ctx, source=label)

    yield from _meta.read_members(ctx, plan, one)


def _sniff(head: bytes, member: str) -> bool:
    head = head.removeprefix(BOM)
    if _HEAD.match(head):
        return bool(_HEAD_TIME.search(head) and _HEAD_BODY.search(head))
    return bool(_EMPTY.match(head) and _CANDIDATE.search(member))


def _plan(container: Container, *, first: bool = False) -> list[str]:
    members = container.members()
    single = len(members) == 1
    plan = []
    for member in members:
        if _BY_NAME.search(member) or (
            (single or _CANDIDATE.search(member)) and _sniff(container.head(member), member)
        ):
            plan.append(member)
            if first:
                break
    plan.sort(key=lambda m: (posixpath.dirname(m), _meta.part_number(m), m))
    return plan


def _owner(container: Container, ctx: Context) -> Account | None:
    """The account from ``profile_information.json`` when it gives a username."""
    return _meta.first_profile(container, ctx, _PROFILE, _profile)


def _profile(doc: Fields) -> Account | None:
    if type(doc.raw("profile_v2")) is not dict:
        return None
    profile = _meta.need_obj(doc, "profile_v2")
    handle = (profile.string("username") or "").strip().lstrip("@")
    name = profile.obj("name")
    full_name = name.string("full_name") if name is not None else None
    if not handle:
        return None
    return Account(platform="facebook", handle=handle, display_name=full_name or None)


def _post(item: Any, index: int, label: str, author: Account | None) -> Post:
    try:
        record = item if type(item) is _typed.POST else _exact(item)
        text, repaired, created, found, tagged = _typed.parse(record)
    except ParseError as err:
        raise err.located(source=label, record=index) from None
    extra = found.extra
    fields = text_fields(
        text,
        dialect="instagram",
        repairs=("mojibake",) if repaired else (),
    )
    final_text = fields["text"]
    links = list(fields["links"])
    seen = {_url_key(u) for link in links for u in (link.url, link.expanded_url) if u}
    for url in found.urls:  # a shared URL the text does not already link
        if _url_key(url) not in seen:
            links.append(Link(url=url))
            seen.add(_url_key(url))
    fields["links"] = tuple(links)
    places = found.places()
    if len(places) > 1:
        extra["other_places"] = [place_dict(p) for p in places[1:]]
    digest = _digest(final_text, found, places, tagged)
    return _meta.new_post(
        id=f"{int(created.timestamp())}-{digest}",
        platform="facebook",
        created_at=created,
        author=author,
        media=tuple(found.media),
        location=places[0] if places else None,
        tagged=tagged,
        visibility=Visibility.UNKNOWN,
        extra=extra,
        **fields,
    )


def _exact(item: Any) -> _typed.POST:
    """A record the JSON layer could not decode straight from its bytes, in the same schema.

    One that does not fit raises a ParseError at msgspec's path, quoting the value.
    """
    try:
        record: _typed.POST = typed(_typed.POST).exact(item)
    except msgspec.ValidationError as err:
        raise located(err, _meta.repair_tree(item)) from None  # quoting the value repaired
    return record


def _digest(text: str, found: Attachments, places: list[Location], tagged: tuple[str, ...]) -> str:
    """The 12 hex digits of a post's id.

    They hash the text, the media file names, the place names and the shared
    URLs. A post without text hashes, besides, everything else that tells it
    apart: the title, the places in full, what its attachments name (shared
    pages, events, notes, texts and names) and the people tagged. (Posts with
    text keep the digest of the first releases.)
    """
    parts = [text, *(_meta.stem(m.uri) for m in found.media), *(p.name for p in places),
             *found.urls]
    if not text:
        extra = found.extra
        about: dict[str, Any] = {key: extra[key] for key in _IDENTIFYING if key in extra}
        if places:
            about["places"] = [place_dict(p) for p in places]
        if tagged:
            about["tagged"] = list(tagged)
        if about:
            parts.append(json.dumps(about, ensure_ascii=False, sort_keys=True,
                                    separators=(",", ":")))
    return _meta.short_hash(*parts)


def _url_key(url: str) -> str:
    """A URL without scheme, ``www.`` or final ``/``, host lower-cased, for comparison."""
    rest = _SCHEME.sub("", url.strip())
    host, slash, path = rest.partition("/")
    host = host.lower().removeprefix("www.")
    return (host + slash + path).rstrip("/")
