"""What the attachments of one Facebook post hold: places, shared links, media and the rest.

:class:`Attachments` gathers them as each attachment element is read, the
careful way (:meth:`Attachments.add`, through :class:`~engagekit.sources._fields.Fields`)
or from a typed record (:meth:`Attachments.add_typed`, see
:mod:`engagekit.sources._facebook_typed`). Both end in the same ``_add_*``
methods, so a place told twice is one place either way.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import TYPE_CHECKING, Any

from msgspec import UNSET, UnsetType

from engagekit.models import Coordinates, Location, Media
from engagekit.sources import _meta
from engagekit.sources._fields import Fields

if TYPE_CHECKING:
    from engagekit.sources._facebook_typed import Element

__all__ = ["Attachments", "place_dict"]

_KEPT = {"text": "attachment_texts", "name": "attachment_names"}


def place_dict(place: Location) -> dict[str, Any]:
    out: dict[str, Any] = {"name": place.name}
    if place.coordinates is not None:
        out["latitude"] = place.coordinates.latitude
        out["longitude"] = place.coordinates.longitude
    if place.address:
        out["address"] = place.address
    if place.id:
        out["url"] = place.id
    return out


class Attachments:
    """What the attachment elements of one post hold, gathered as they are read.

    :meth:`add` reads an element through Fields; :meth:`add_typed` reads a typed
    element and raises :class:`_meta.Irregular` where :meth:`add` would look closer.
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

    def add_typed(self, element: Element) -> None:
        """What :meth:`add` reads, from a typed element; Irregular where it would look closer."""
        if element.event is not UNSET or element.note is not UNSET:
            raise _meta.Irregular  # rare: the careful path reads them
        place = element.place
        if not isinstance(place, UnsetType):
            if place is None:
                raise _meta.Irregular
            point = None
            coordinate = place.coordinate
            if coordinate is not None and not isinstance(coordinate, UnsetType):
                point = _meta.coordinates(_number(coordinate.latitude),
                                          _number(coordinate.longitude))
            text = _meta.string
            self._add_place(text(place.name), point, text(place.address), text(place.url))
        context = element.external_context
        if not isinstance(context, UnsetType):
            if context is None:
                raise _meta.Irregular
            text = _meta.string
            self._add_context(text(context.url), text(context.name), text(context.source))
        media = element.media
        if not isinstance(media, UnsetType):
            if media is None:
                raise _meta.Irregular
            metadata = media.media_metadata
            self._add_media(_meta.string(media.uri), _meta.utc(media.creation_timestamp),
                            _meta.string(media.description), metadata or None)
        for key, value in (("text", element.text), ("name", element.name)):
            kept = _meta.string(value)
            if kept:
                self._keep(_KEPT[key], kept)

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

    def _add_media(self, uri: str | None, created: datetime | None, description: str | None,
                   metadata: Fields | Element | Any | None) -> None:
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


def _number(value: Any) -> float | None:
    return None if value is UNSET else value
