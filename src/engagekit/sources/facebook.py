"""Facebook "Download your information" JSON: the account's own posts.

Files read: ``posts/your_posts_1.json`` (older exports) and
``your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json``
(2024 and later), with their numbered splits; a single bare file is
recognised by its first bytes. Each is an array of posts
``{timestamp, data: [{post}], title?, attachments?: [{data: [...]}], tags?}``.

Every string is repaired of Meta's mojibake. Facebook posts carry no id: the
id is ``"<timestamp>-<12 hex digits>"``, the digits hashing the text, the
media file names, the place names and the shared URLs, so the same post gets
the same id from every export. The generated, localized ``title`` ("X was at
Y.") is not the author's words: it is kept in ``extra["title"]`` and never
used as text.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from engagekit.errors import UnsupportedFormat, ValidationError
from engagekit.models import Account, Coordinates, Link, Location, Media, Post, Visibility
from engagekit.sources import _meta
from engagekit.sources._base import Container, Context
from engagekit.sources._fields import Fields, convert_each
from engagekit.sources._json import iter_array
from engagekit.text import repair_mojibake, text_fields

__all__ = ["FORMAT", "detect", "read"]

FORMAT = "facebook"

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
_KEPT = {"text": "attachment_texts", "name": "attachment_names"}


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

        yield from convert_each(iter_array(container, member, ctx), convert, ctx, source=label)

    yield from _meta.read_members(ctx, plan, one)


def _sniff(head: bytes, member: str) -> bool:
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
        text, repaired, created, found, tagged = _fast(item)
    except (_meta.Irregular, ValidationError):  # read it again through Fields, for the error
        text, repaired, created, found, tagged = _careful(item, index, label)
    extra = found.extra
    fields = text_fields(
        text,
        dialect="instagram",
        repairs=("mojibake",) if repaired else (),
    )
    final_text: str = fields["text"]
    links = list(fields["links"])
    seen = {_url_key(u) for link in links for u in (link.url, link.expanded_url) if u}
    for url in found.urls:  # a shared URL the text does not already link
        if _url_key(url) not in seen:
            links.append(Link(url=url))
            seen.add(_url_key(url))
    fields["links"] = links
    places = found.places()
    if len(places) > 1:
        extra["other_places"] = [_place_dict(p) for p in places[1:]]
    digest = _meta.short_hash(
        final_text,
        *(_meta.stem(m.uri) for m in found.media),
        *(p.name for p in places),
        *found.urls,
    )
    fields.update(
        id=f"{int(created.timestamp())}-{digest}",
        platform="facebook",
        created_at=created,
        author=author,
        media=tuple(found.media),
        location=places[0] if places else None,
        tagged=tagged,
        visibility=Visibility.UNKNOWN,
        extra=extra,
    )
    return _meta.build_post(fields)


_Parsed = tuple[str, bool, datetime, "_Attachments", tuple[str, ...]]


def _fast(item: Any) -> _Parsed:
    """What :func:`_careful` reads, from plain dicts; :class:`_meta.Irregular` when unsure."""
    if type(item) is not dict:
        raise _meta.Irregular
    data = _meta.objects(item.get("data"))
    text, repaired = _meta.fix("\n\n".join(t for d in data if (t := _meta.plain(d.get("post")))))
    created = _meta.utc(item.get("timestamp"))
    if created is None:
        raise _meta.Irregular
    extra: dict[str, Any] = {}
    title = _meta.string(item.get("title"))
    if title:
        extra["title"] = title
    for d in data:
        updated = _meta.integer(d.get("update_timestamp"))
        if updated is not None:
            extra["update_timestamp"] = updated
    found = _Attachments(extra)
    for attachment in _meta.objects(item.get("attachments")):
        for element in _meta.objects(attachment.get("data")):
            found.add_fast(element)
    tags = item.get("tags")
    if tags is not None and type(tags) is not list:
        raise _meta.Irregular
    names: list[str] = []
    for tag in tags or ():
        if type(tag) is dict:
            tag = tag.get("name")
        elif type(tag) is not str:
            raise _meta.Irregular
        name = _meta.string(tag)
        if name and name.strip() and name not in names:
            names.append(name.strip())
    return text, repaired, created, found, tuple(names)


def _careful(item: Any, index: int, label: str) -> _Parsed:
    """The record read through Fields, with every string repaired first."""
    raw = Fields(item, source=label, record=index)
    body = "\n\n".join(t for d in raw.objects("data") if (t := d.string("post")))
    text, repaired = _meta.fix(body)
    f = Fields(_meta.repair_tree(item), source=label, record=index)
    created = _meta.need_unix(f, "timestamp")
    extra: dict[str, Any] = {}
    title = f.string("title")
    if title:
        extra["title"] = title
    for d in f.objects("data"):
        updated = d.integer("update_timestamp")
        if updated is not None:
            extra["update_timestamp"] = updated
    found = _Attachments(extra)
    for attachment in f.objects("attachments"):
        for element in attachment.objects("data"):
            found.add(element)
    return text, repaired, created, found, tuple(_tagged(f))


def _url_key(url: str) -> str:
    """A URL without scheme, ``www.`` or final ``/``, host lower-cased, for comparison."""
    rest = _SCHEME.sub("", url.strip())
    host, slash, path = rest.partition("/")
    host = host.lower().removeprefix("www.")
    return (host + slash + path).rstrip("/")


def _tagged(f: Fields) -> list[str]:
    names: list[str] = []
    for i, tag in enumerate(f.values("tags")):
        if type(tag) is str:
            name: str | None = tag
        else:
            name = Fields(tag, source=f.source, record=f.record, path=f"$.tags[{i}]").string("name")
        if name and name.strip() and name not in names:
            names.append(name.strip())
    return names


def _place_dict(place: Location) -> dict[str, Any]:
    out: dict[str, Any] = {"name": place.name}
    if place.coordinates is not None:
        out["latitude"] = place.coordinates.latitude
        out["longitude"] = place.coordinates.longitude
    if place.address:
        out["address"] = place.address
    if place.id:
        out["url"] = place.id
    return out


class _Attachments:
    """What the attachment elements of one post hold, gathered as they are read.

    :meth:`add` reads an element through Fields; :meth:`add_fast` reads the plain
    dict and raises :class:`_meta.Irregular` where :meth:`add` would look closer.
    """

    def __init__(self, extra: dict[str, Any]) -> None:
        self.extra = extra
        self.media: list[Media] = []
        self.urls: list[str] = []
        self._places: list[Location] = []

    def add(self, element: Fields) -> None:
        handlers = {
            "place": self._on_place,
            "external_context": self._on_external_context,
            "media": self._on_media,
            "event": self._on_event,
            "note": self._on_note,
            "text": self._on_text,
            "name": self._on_name,
        }
        for key in element.data:
            handler = handlers.get(key)
            if handler is not None:
                handler(element)
            else:
                self._unread(key)

    def add_fast(self, element: dict[str, Any]) -> None:
        for key, value in element.items():
            if key == "place":
                self._fast_place(value)
            elif key == "media":
                self._fast_media(value)
            elif key == "external_context":
                self._fast_external_context(value)
            elif key == "text" or key == "name":
                value = _meta.string(value)
                if value:
                    self._keep(_KEPT[key], value)
            elif key == "event" or key == "note":
                raise _meta.Irregular  # rare: the careful path reads them
            else:
                self._unread(key if key.isascii() else repair_mojibake(key))

    def places(self) -> list[Location]:
        return self._places

    def _unread(self, key: str) -> None:
        kinds = self.extra.setdefault("unread_attachments", [])
        if key not in kinds:
            kinds.append(key)

    def _keep(self, key: str, value: Any) -> None:
        self.extra.setdefault(key, []).append(value)

    def _on_place(self, element: Fields) -> None:
        place = _meta.need_obj(element, "place")
        name = place.string("name")
        point = None
        coordinate = place.obj("coordinate")
        if coordinate is not None:
            point = _meta.coordinates(
                coordinate.number("latitude"), coordinate.number("longitude")
            )
        self._add_place(name, point, place.string("address"), place.string("url"))

    def _fast_place(self, place: Any) -> None:
        if type(place) is not dict:
            raise _meta.Irregular
        name = _meta.string(place.get("name"))
        point = None
        coordinate = _meta.obj(place.get("coordinate"))
        if coordinate is not None:
            point = _meta.coordinates(
                _meta.number(coordinate.get("latitude")), _meta.number(coordinate.get("longitude"))
            )
        address = _meta.string(place.get("address"))
        self._add_place(name, point, address, _meta.string(place.get("url")))

    def _add_place(
        self, name: str | None, point: Coordinates | None, address: str | None, url: str | None
    ) -> None:
        name = unicodedata.normalize("NFC", (name or "").strip())
        address = (address or "").strip() or None
        url = url or None
        if not name:
            if point is None:
                return
            name = _meta.point_name(point)
        for i, known in enumerate(self._places):
            same_point = (
                known.coordinates is None or point is None or known.coordinates == point
            )
            if known.name == name and same_point:  # the same place, told twice
                self._places[i] = Location(
                    name=name,
                    coordinates=known.coordinates or point,
                    address=known.address or address,
                    id=known.id or url,
                )
                return
        self._places.append(Location(name=name, coordinates=point, address=address, id=url))

    def _on_external_context(self, element: Fields) -> None:
        context = _meta.need_obj(element, "external_context")
        self._add_context(context.string("url"), context.string("name"), context.string("source"))

    def _fast_external_context(self, context: Any) -> None:
        if type(context) is not dict:
            raise _meta.Irregular
        self._add_context(_meta.string(context.get("url")), _meta.string(context.get("name")),
                          _meta.string(context.get("source")))

    def _add_context(self, url: str | None, name: str | None, source: str | None) -> None:
        url = (url or "").strip()
        if url and url not in self.urls:
            self.urls.append(url)
        about = {k: v for k, v in (("name", name), ("source", source)) if v}
        if about:
            self._keep("external_context", {"url": url, **about} if url else about)

    def _on_media(self, element: Fields) -> None:
        media = _meta.need_obj(element, "media")
        uri = media.string("uri")
        created = _meta.unix(media, "creation_timestamp")
        description = media.string("description")
        if uri:
            self._add_media(uri, created, description, media.obj("media_metadata"))
        else:
            self._add_media(uri, created, description, None)

    def _fast_media(self, media: Any) -> None:
        if type(media) is not dict:
            raise _meta.Irregular
        uri = _meta.string(media.get("uri"))
        created = _meta.utc(media.get("creation_timestamp"))
        description = _meta.string(media.get("description"))
        metadata = _meta.obj(media.get("media_metadata")) if uri else None
        self._add_media(uri, created, description, metadata)

    def _add_media(self, uri: str | None, created: datetime | None, description: str | None,
                   metadata: Fields | dict[str, Any] | None) -> None:
        if not uri:
            self.extra["media_without_uri"] = self.extra.get("media_without_uri", 0) + 1
            return
        kind = _meta.media_kind(uri, metadata)
        self.media.append(Media(kind=kind, uri=uri, created_at=created))
        if description:
            self.extra.setdefault("media_descriptions", {})[uri] = description

    def _on_event(self, element: Fields) -> None:
        event = _meta.need_obj(element, "event")
        kept: dict[str, Any] = {"name": event.string("name")}
        for key in ("start_timestamp", "end_timestamp"):
            kept[key] = event.integer(key)
        self._keep("events", {k: v for k, v in kept.items() if v is not None})

    def _on_note(self, element: Fields) -> None:
        note = _meta.need_obj(element, "note")
        kept: dict[str, Any] = {"title": note.string("title"), "text": note.string("text")}
        for key in ("created_timestamp", "updated_timestamp"):
            kept[key] = note.integer(key)
        self._keep("notes", {k: v for k, v in kept.items() if v is not None})

    def _on_text(self, element: Fields) -> None:
        text = element.string("text")
        if text:
            self._keep("attachment_texts", text)

    def _on_name(self, element: Fields) -> None:
        name = element.string("name")
        if name:
            self._keep("attachment_names", name)
