"""What the attachments of one Facebook post hold: places, shared links, media and the rest.

An attachment element is an object whose keys say what it holds. Each key the
reader knows is decoded by the schema of its kind (:data:`KINDS`); the value
of any other key is not read, and the key is named in
``extra["unread_attachments"]``. :class:`Attachments` gathers what the
elements of one post hold, so a place told twice is one place.

>>> found = Attachments({})
>>> found.add({"place": msgspec.Raw(b'{"name": "Main St Precinct"}'),
...            "poll": msgspec.Raw(b'{"options": []}')}, 0, 0)
>>> [p.name for p in found.places()], found.extra
(['Main St Precinct'], {'unread_attachments': ['poll']})
>>> found.add({"place": msgspec.Raw(b'"Main St"')}, 1, 0)
Traceback (most recent call last):
engagekit.errors.ParseError: at $.attachments[1].data[0].place: expected object, got 'Main St' (str)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from engagekit.models import Coordinates, Location, Media
from engagekit.sources._engine.typed import located
from engagekit.sources._meta import common as _meta

__all__ = ["KINDS", "Attachments", "place_dict"]

Text = str | None | UnsetType
Number = float | None | UnsetType
Seconds = int | None | UnsetType


class _Coordinate(msgspec.Struct, gc=False):
    latitude: Number = UNSET
    longitude: Number = UNSET


class _Place(msgspec.Struct, gc=False):
    name: Text = UNSET
    coordinate: _Coordinate | UnsetType | None = UNSET
    address: Text = UNSET
    url: Text = UNSET


class _Context(msgspec.Struct, gc=False):
    url: Text = UNSET
    name: Text = UNSET
    source: Text = UNSET


class _MediaMetadata(msgspec.Struct, gc=False):
    """Only which of the two keys is there matters (the media kind when the name says none)."""

    photo_metadata: Any = UNSET
    video_metadata: Any = UNSET


class _Media(msgspec.Struct, gc=False):
    uri: Text = UNSET
    creation_timestamp: Seconds = UNSET
    description: Text = UNSET
    media_metadata: _MediaMetadata | UnsetType | None = UNSET


class _Event(msgspec.Struct, gc=False):
    name: Text = UNSET
    start_timestamp: Seconds = UNSET
    end_timestamp: Seconds = UNSET


class _Note(msgspec.Struct, gc=False):
    title: Text = UNSET
    text: Text = UNSET
    created_timestamp: Seconds = UNSET
    updated_timestamp: Seconds = UNSET


_OptionalText: Any = str | None

#: The kinds of attachment element the reader reads: the key, and the schema of its value.
KINDS: dict[str, msgspec.json.Decoder[Any]] = {
    "place": msgspec.json.Decoder(_Place),
    "external_context": msgspec.json.Decoder(_Context),
    "media": msgspec.json.Decoder(_Media),
    "event": msgspec.json.Decoder(_Event),
    "note": msgspec.json.Decoder(_Note),
    "text": msgspec.json.Decoder(_OptionalText),
    "name": msgspec.json.Decoder(_OptionalText),
}


_PATH = "$.attachments[{}].data[{}].{}"  # an element's value, formatted only for an error
_MEDIA_TIME = "$.attachments[{}].data[{}].media.creation_timestamp"


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
    """What the attachment elements of one post hold, gathered as they are read."""

    def __init__(self, extra: dict[str, Any]) -> None:
        self.extra = extra
        self.media: list[Media] = []
        self.urls: list[str] = []
        self._places: list[Location] = []
        self._handlers: dict[str, Callable[[Any, int, int], None]] = {
            "place": self._on_place,
            "external_context": self._on_context,
            "media": self._on_media,
            "event": self._on_event,
            "note": self._on_note,
            "text": self._on_text,
            "name": self._on_name,
        }

    def add(self, element: dict[str, msgspec.Raw], i: int, j: int) -> None:
        """Read one element (its keys, each with its raw JSON): ``$.attachments[i].data[j]``.

        A value that does not fit its kind's schema raises a positioned ParseError.
        """
        for key, raw in element.items():
            decoder = KINDS.get(key)
            if decoder is None:
                self._unread(_meta.string(key) or key)
                continue
            try:
                value = decoder.decode(raw)
            except msgspec.ValidationError as err:
                try:  # to quote the value repaired
                    plain = _meta.repair_tree(msgspec.json.decode(raw))
                except msgspec.ValidationError:  # an integer past 64 bits: not quoted
                    plain = None
                raise located(err, plain, prefix=_PATH.format(i, j, key)) from None
            self._handlers[key](value, i, j)

    def places(self) -> list[Location]:
        return self._places

    def _unread(self, key: str) -> None:
        kinds = self.extra.setdefault("unread_attachments", [])
        if key not in kinds:
            kinds.append(key)

    def _keep(self, key: str, value: Any) -> None:
        self.extra.setdefault(key, []).append(value)

    def _on_place(self, place: _Place, i: int, j: int) -> None:
        point = None
        coordinate = place.coordinate
        if coordinate:
            point = _meta.coordinates(_number(coordinate.latitude), _number(coordinate.longitude))
        text = _meta.string
        self._add_place(text(place.name), point, text(place.address), text(place.url))

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

    def _on_context(self, context: _Context, i: int, j: int) -> None:
        text = _meta.string
        url, name, source = text(context.url), text(context.name), text(context.source)
        url = (url or "").strip()
        if url and url not in self.urls:
            self.urls.append(url)
        about = {k: v for k, v in (("name", name), ("source", source)) if v}
        if about:
            self._keep("external_context", {"url": url, **about} if url else about)

    def _on_media(self, media: _Media, i: int, j: int) -> None:
        uri = _meta.string(media.uri)
        created = _meta.utc(media.creation_timestamp, _MEDIA_TIME, i, j)
        description = _meta.string(media.description)
        if not uri:
            self.extra["media_without_uri"] = self.extra.get("media_without_uri", 0) + 1
            return
        kind = _meta.media_kind(uri, media.media_metadata or None)
        self.media.append(Media(kind=kind, uri=uri, created_at=created))
        if description:
            self.extra.setdefault("media_descriptions", {})[uri] = description

    def _on_event(self, event: _Event, i: int, j: int) -> None:
        kept = {"name": _meta.string(event.name), "start_timestamp": _seconds(
            event.start_timestamp), "end_timestamp": _seconds(event.end_timestamp)}
        self._keep("events", {k: v for k, v in kept.items() if v is not None})

    def _on_note(self, note: _Note, i: int, j: int) -> None:
        kept = {"title": _meta.string(note.title), "text": _meta.string(note.text),
                "created_timestamp": _seconds(note.created_timestamp),
                "updated_timestamp": _seconds(note.updated_timestamp)}
        self._keep("notes", {k: v for k, v in kept.items() if v is not None})

    def _on_text(self, text: str | None, i: int, j: int) -> None:
        kept = _meta.string(text)
        if kept:
            self._keep("attachment_texts", kept)

    def _on_name(self, name: str | None, i: int, j: int) -> None:
        kept = _meta.string(name)
        if kept:
            self._keep("attachment_names", kept)


def _number(value: Number) -> float | None:
    return None if value is None or isinstance(value, UnsetType) else value


def _seconds(value: Seconds) -> int | None:
    return None if value is None or isinstance(value, UnsetType) else value
