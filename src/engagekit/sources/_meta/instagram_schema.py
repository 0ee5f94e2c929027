"""The Instagram reader's decoder: the fields it reads, as msgspec schemas, and what they mean.

:data:`POST` (an item of ``posts_1.json`` or ``reels.json``) and :data:`STORY`
(an item of ``stories.json``, which is one media item) name every field the
reader reads, with its type; nothing else of a record is decoded. They are the
only rules a record is read by: a record that does not fit gets msgspec's
positioned error (see :func:`engagekit.sources._engine.typed.located`), and
:func:`parse` adds only what a type cannot say (a timestamp out of range,
where the post's time comes from). An absent key and ``null`` both read as
"not given" (``UNSET`` and ``None``), as Meta writes either.

>>> import msgspec
>>> item = msgspec.json.decode(b'{"title": "Hi", "media": [{"uri": "a/1.jpg", '
...                            b'"creation_timestamp": 1715566877}]}', type=POST)
>>> caption, repaired, created, media, location = parse(item, False, {})
>>> caption, created.isoformat(), media[0].uri, location
('Hi', '2024-05-13T02:21:17+00:00', 'a/1.jpg', None)
>>> parse(msgspec.json.decode(b'{"media": []}', type=POST), False, {})
Traceback (most recent call last):
engagekit.errors.ParseError: at $.creation_timestamp: required key is missing
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NoReturn

import msgspec
from msgspec import UNSET, UnsetType

from engagekit.errors import ParseError
from engagekit.io._converter import constructor
from engagekit.models import Location, Media, MediaKind
from engagekit.sources._meta import common as _meta

__all__ = ["KINDS", "POST", "STORY", "Parsed", "parse"]

_Media = constructor(Media)  # same checks as Media(...), without __init__'s cost

Parsed = tuple[str, bool, datetime, list[Media], Location | None]
_ITEM_TIME, _STORY_TIME = "$.{}[{}].creation_timestamp", "$.creation_timestamp"


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
    with none of these keys does not fit: the reader names the kind it is.
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
#: The keys an item of a posts array is known by: one of them makes it a post (or another
#: item the reader knows).
KINDS = frozenset(_Post.__struct_fields__)


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


def parse(record: _Post | _Item, story: bool, extra: dict[str, Any], igtv: bool = False) -> Parsed:
    """Caption (repaired, and whether it was), time, media and location of a record.

    ``story`` says ``record`` is a story (its own media item). With ``igtv`` the
    media items are those of ``ig_igtv_media``, and a file whose name says no
    kind is a video. Raises a :class:`ParseError` with the JSON path (and no
    source: the reader adds it) for what the schema cannot check.
    """
    caption = record.title or ""
    found = bool(caption) or story
    items: list[_Item]
    key = "ig_igtv_media" if igtv else "media"
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
        created = _meta.utc(one.creation_timestamp, _STORY_TIME if story else _ITEM_TIME, key,
                            index)
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
        kind = _meta.media_kind(uri, metadata or None)
        if igtv and kind is MediaKind.OTHER:  # an IGTV item is a video, unless named otherwise
            kind = MediaKind.VIDEO
        media.append(_Media(kind=kind, uri=uri, created_at=created))
    if missing:
        extra["media_without_uri"] = missing
    created = _meta.utc(record.creation_timestamp, "$.creation_timestamp")
    if created is None:
        if first is None:
            _no_time(record, items, story, key)
        created = first
    caption, repaired = _meta.fix(caption)
    return caption, repaired, created, media, location


def _no_time(record: _Post | _Item, items: list[_Item], story: bool, key: str) -> NoReturn:
    """Raise the error of a record with no time of its own and none in its first media item."""
    if story or not items:
        given, path = record.creation_timestamp, "$.creation_timestamp"
    else:
        given, path = items[0].creation_timestamp, f"$.{key}[0].creation_timestamp"
    raise ParseError("expected int, got None" if given is None else "required key is missing",
                     path=path)
