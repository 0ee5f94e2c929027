"""The Instagram reader's fast path: the fields it reads, as msgspec schemas.

:data:`POST` (an item of ``posts_1.json`` or ``reels.json``) and :data:`STORY`
(an item of ``stories.json``, which is one media item) name every field
:func:`fast` reads; nothing else of a record is decoded. Every field is
optional and defaults to ``UNSET``, so :func:`as_json` gives back exactly the
keys the record had, for the careful path to read when :func:`fast` declines.

A record that does not fit the schema (a title that is a number, say) is
decoded into dicts by :mod:`engagekit.sources._json` and never reaches here.

>>> import msgspec
>>> item = msgspec.json.decode(b'{"title": "Hi", "media": [{"uri": "a/1.jpg", '
...                            b'"creation_timestamp": 1715566877}]}', type=POST)
>>> caption, repaired, created, media, location = fast(item, False, {})
>>> caption, created.isoformat(), media[0].uri, location
('Hi', '2024-05-13T02:21:17+00:00', 'a/1.jpg', None)
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from engagekit.io._converter import constructor
from engagekit.models import Location, Media
from engagekit.sources import _meta

__all__ = ["POST", "STORY", "Parsed", "as_json", "fast"]

_Media = constructor(Media)  # same checks as Media(...), without __init__'s cost

Parsed = tuple[str, bool, datetime, list[Media], Location | None]


class _Exif(msgspec.Struct, gc=False):
    latitude: float | UnsetType | None = UNSET
    longitude: float | UnsetType | None = UNSET


class _Metadata(msgspec.Struct, gc=False):
    exif_data: list[_Exif] | UnsetType | None = UNSET


class _MediaMetadata(msgspec.Struct, gc=False):
    photo_metadata: _Metadata | UnsetType | None = UNSET
    video_metadata: _Metadata | UnsetType | None = UNSET


class _Cross(msgspec.Struct, gc=False):
    source_app: str | UnsetType | None = UNSET


class _Item(msgspec.Struct, gc=False):
    """One media item of a post; a story is one of these on its own."""

    uri: str | UnsetType | None = UNSET
    creation_timestamp: int | UnsetType | None = UNSET
    title: str | UnsetType | None = UNSET
    media_metadata: _MediaMetadata | UnsetType | None = UNSET
    cross_post_source: _Cross | UnsetType | None = UNSET


class _Post(msgspec.Struct, gc=False):
    """A post or reel: its media items, and a title and time of its own on newer exports.

    The other items a posts array holds are named too: an IGTV video
    (``ig_igtv_media``, read as a post) and a profile picture (skipped). An item
    with none of these keys does not fit: it is decoded into dicts, so that the
    careful path can name the kind it is.
    """

    media: list[_Item] | UnsetType | None = UNSET
    title: str | UnsetType | None = UNSET
    creation_timestamp: int | UnsetType | None = UNSET
    ig_igtv_media: list[_Item] | UnsetType | None = UNSET
    ig_profile_picture: Any = UNSET

    def __post_init__(self) -> None:
        if (self.media is UNSET and self.title is UNSET and self.creation_timestamp is UNSET
                and self.ig_igtv_media is UNSET and self.ig_profile_picture is UNSET):
            raise ValueError("not an item kind the schema names")


POST = _Post
STORY = _Item


def as_json(record: Any) -> Any:
    """A typed record back as the JSON values it was decoded from (the keys it had)."""
    return msgspec.to_builtins(record)


def _location(metadata: _MediaMetadata, extra: dict[str, Any]) -> Location | None:
    """The first exif point of the record's ``media_metadata``, as a Location."""
    for sub in (metadata.photo_metadata, metadata.video_metadata):
        if not sub or not sub.exif_data:
            continue
        for exif in sub.exif_data:
            latitude, longitude = exif.latitude, exif.longitude
            if type(latitude) is float and type(longitude) is float:
                location = _meta.exif_point(latitude, longitude, extra)
                if location is not None:
                    return location
    return None


def fast(record: _Post | _Item, story: bool, extra: dict[str, Any], igtv: bool = False) -> Parsed:
    """Caption (repaired, and whether it was), time, media and location of a typed record.

    With ``igtv`` the media items are those of ``ig_igtv_media``.

    Raises :class:`~engagekit.sources._meta.Irregular` (or a ValidationError
    from a model) when unsure: the careful path then reads :func:`as_json` of it.
    """
    caption = record.title or ""
    found = bool(caption) or story
    items: list[_Item]
    if isinstance(record, _Item):
        items = [record] if story else []
    else:
        items = [] if story else (record.ig_igtv_media if igtv else record.media) or []
    media: list[Media] = []
    location: Location | None = None
    first: datetime | None = None
    missing = 0
    for index, one in enumerate(items):
        title = one.title
        if not found and title:
            caption, found = title, True
        created = _meta.utc(one.creation_timestamp)
        if not index:
            first = created
        metadata = one.media_metadata
        if location is None and metadata:
            location = _location(metadata, extra)
        cross = one.cross_post_source
        if cross and cross.source_app and "cross_post_source" not in extra:
            extra["cross_post_source"] = _meta.string(cross.source_app)
        uri = one.uri
        if not uri:
            missing += 1
            continue
        if not uri.isascii():
            uri = _meta.string(uri) or ""
        media.append(_Media(kind=_meta.media_kind(uri, metadata or None), uri=uri,
                            created_at=created))
    if missing:
        extra["media_without_uri"] = missing
    created = _meta.utc(record.creation_timestamp)
    if created is None:
        if first is None:  # no media, or the first has no time: the careful path says which
            raise _meta.Irregular
        created = first
    caption, repaired = _meta.fix(caption)
    return caption, repaired, created, media, location
