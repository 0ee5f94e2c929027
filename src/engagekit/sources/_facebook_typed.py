"""The Facebook reader's fast path: the fields a post is read by, as msgspec schemas.

:data:`POST` is an item of ``your_posts_1.json``. It names every key the
careful path in :mod:`engagekit.sources.facebook` reads, each defaulting to
``UNSET``, so :func:`as_json` gives that path back exactly the keys a record
had when :func:`fast` declines. An attachment element with a key engagekit
does not read does not fit the schema (it is decoded into dicts, and the
careful path lists the key in ``extra["unread_attachments"]``).

>>> import msgspec
>>> record = msgspec.json.decode(
...     b'{"timestamp": 1715566876, "data": [{"post": "Coffee with a cop"}],'
...     b' "attachments": [{"data": [{"place": {"name": "Main St Library"}}]}]}', type=POST)
>>> text, repaired, created, found, tagged = fast(record)
>>> text, created.isoformat(), [p.name for p in found.places()]
('Coffee with a cop', '2024-05-13T02:21:16+00:00', ['Main St Library'])
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from engagekit.sources import _meta
from engagekit.sources._facebook_attachments import Attachments

__all__ = ["POST", "Element", "Parsed", "as_json", "fast"]

Parsed = tuple[str, bool, datetime, Attachments, tuple[str, ...]]
Text = str | None | UnsetType
Json = Any  # decoded as plain JSON values: present only in posts the fast path declines


class _Coordinate(msgspec.Struct, gc=False):
    latitude: float | UnsetType | None = UNSET
    longitude: float | UnsetType | None = UNSET


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

    photo_metadata: Json = UNSET
    video_metadata: Json = UNSET


class _Media(msgspec.Struct, gc=False):
    uri: Text = UNSET
    creation_timestamp: int | UnsetType | None = UNSET
    description: Text = UNSET
    media_metadata: _MediaMetadata | UnsetType | None = UNSET


class Element(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """One attachment element: a place, a shared link, a media item, or another kind."""

    place: _Place | UnsetType | None = UNSET
    external_context: _Context | UnsetType | None = UNSET
    media: _Media | UnsetType | None = UNSET
    event: Json = UNSET
    note: Json = UNSET
    text: Text = UNSET
    name: Text = UNSET


class _Attachment(msgspec.Struct, gc=False):
    data: list[Element] | UnsetType | None = UNSET


class _Data(msgspec.Struct, gc=False):
    post: Text = UNSET
    update_timestamp: int | UnsetType | None = UNSET


class _Tag(msgspec.Struct, gc=False):
    name: Text = UNSET


class _Post(msgspec.Struct, gc=False):
    timestamp: int | UnsetType | None = UNSET
    data: list[_Data] | UnsetType | None = UNSET
    title: Text = UNSET
    attachments: list[_Attachment] | UnsetType | None = UNSET
    tags: list[str | _Tag] | UnsetType | None = UNSET


POST = _Post


def as_json(record: Any) -> Any:
    """A typed record back as the JSON values it was decoded from (the keys it had)."""
    return msgspec.to_builtins(record)


def fast(record: _Post) -> Parsed:
    """Text (repaired, and whether it was), time, attachments and tagged names of a post.

    Raises :class:`~engagekit.sources._meta.Irregular` (or a ValidationError from
    a model) when unsure: the careful path then reads :func:`as_json` of it.
    """
    data = record.data or []
    text, repaired = _meta.fix("\n\n".join(d.post for d in data if d.post))
    created = _meta.utc(record.timestamp)
    if created is None:
        raise _meta.Irregular
    extra: dict[str, Any] = {}
    title = _meta.string(record.title)
    if title:
        extra["title"] = title
    for d in data:
        if d.update_timestamp is not UNSET and d.update_timestamp is not None:
            extra["update_timestamp"] = d.update_timestamp
    found = Attachments(extra)
    for attachment in record.attachments or ():
        for element in attachment.data or ():
            found.add_typed(element)
    names: list[str] = []
    for tag in record.tags or ():
        name = _meta.string(tag if type(tag) is str else tag.name)  # type: ignore[union-attr]
        if name and name.strip() and name not in names:
            names.append(name.strip())
    return text, repaired, created, found, tuple(names)
