"""What the Meta readers (Instagram and Facebook) share.

Meta's "Download your information" JSON writes every non-ASCII character as
one ``\\u00XX`` escape per UTF-8 byte, so after decoding, ``"☕"`` reads as
``"â\\x98\\x95"``. :func:`repair_tree` undoes that on every string of a decoded
record (keys included), through :func:`engagekit.text.repair_mojibake`, which
only changes a string made of Latin-1 characters that form valid UTF-8 once
re-encoded; text that was never damaged, or was already repaired, is left
alone, so a file someone already fixed reads the same.

>>> repair_tree({"title": "Coffee with a cop \\u00e2\\u0098\\u0095", "n": 3})
{'title': 'Coffee with a cop ☕', 'n': 3}
>>> repair_tree(repair_tree(["na\\u00c3\\u00afve"]))
['naïve']

Timestamps are Unix seconds (UTC), read with :func:`utc`.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

import msgspec
from msgspec import UNSET, UnsetType

from engagekit.errors import ParseError
from engagekit.io._converter import constructor
from engagekit.models import Coordinates, Location, MediaKind, Post
from engagekit.sources._engine.arrays import load
from engagekit.sources._engine.base import Container, Context
from engagekit.sources._engine.fields import Fields
from engagekit.text import repair_mojibake

__all__ = [
    "coordinates",
    "exif_point",
    "finite",
    "first_profile",
    "fix",
    "iso_time",
    "media_kind",
    "need_obj",
    "new_post",
    "part_number",
    "point_name",
    "read_members",
    "repair_tree",
    "short_hash",
    "stem",
    "string",
    "utc",
]

_Coordinates = constructor(Coordinates)  # same checks as Coordinates(...), without __init__'s cost
_Location = constructor(Location)  # same checks as Location(...), without __init__'s cost

T = TypeVar("T")

_VIDEO = frozenset({"mp4", "mov", "m4v", "webm", "avi", "3gp", "mkv"})
_PHOTO = frozenset({"jpg", "jpeg", "webp", "heic", "heif", "png", "gif", "bmp", "tif", "tiff"})
_AUDIO = frozenset({"m4a", "mp3", "aac", "wav", "ogg", "opus"})
_KINDS = {
    **dict.fromkeys(_AUDIO, MediaKind.AUDIO),
    **dict.fromkeys(_PHOTO, MediaKind.PHOTO),
    **dict.fromkeys(_VIDEO, MediaKind.VIDEO),
}
_PART = re.compile(r"_(\d{1,9})\.json\Z")


def fix(text: str) -> tuple[str, bool]:
    """``text`` with Meta's mojibake repaired, and whether anything changed.

    >>> fix("Un Taxi \\u00f0\\u009f\\u0087\\u00a8\\u00f0\\u009f\\u0087\\u00b4")
    ('Un Taxi 🇨🇴', True)
    >>> fix("Un Taxi 🇨🇴")
    ('Un Taxi 🇨🇴', False)
    """
    if text.isascii():
        return text, False
    repaired = repair_mojibake(text)
    return repaired, repaired != text


def repair_tree(value: Any) -> Any:
    """A copy of a decoded JSON value with every string (and key) repaired."""
    kind = type(value)
    if kind is str:
        return value if value.isascii() else repair_mojibake(value)
    if kind is dict:
        return {repair_tree(k): repair_tree(v) for k, v in value.items()}
    if kind is list:
        return [repair_tree(v) for v in value]
    return value


def need_obj(f: Fields, key: str) -> Fields:
    """The object at ``key``, which must be there and be an object."""
    value = f.obj(key, required=True)
    if value is None:  # pragma: no cover - obj(required=True) raises first
        raise f.error("required key is missing", key)
    return value


def iso_time(f: Fields, key: str) -> tuple[datetime, bool]:
    """The ISO 8601 string at ``key`` (required) as a UTC datetime, and whether it was naive.

    A naive time (no offset, like the 2018-19 Instagram ``taken_at``) is taken
    as UTC: the file does not say which zone it meant.
    """
    text = f.string(key, required=True)
    try:
        value = datetime.fromisoformat(str(text))
        if value.tzinfo is None or value.utcoffset() is None:
            return value.replace(tzinfo=UTC), True
        return value.astimezone(UTC), False
    except (ValueError, OverflowError):
        raise f.error(f"expected an ISO 8601 date and time, got {text!r}", key) from None


def coordinates(latitude: float | None, longitude: float | None) -> Coordinates | None:
    """A point, or None when either half is missing, out of range, or exactly (0, 0).

    (0, 0) is what cameras and exporters write when they know nothing.
    """
    if latitude is None or longitude is None or (latitude == 0 and longitude == 0):
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return _Coordinates(latitude=latitude, longitude=longitude)


def finite(*numbers: float) -> bool:
    """True when every number is finite (JSON-able)."""
    return all(math.isfinite(n) for n in numbers)


def point_name(point: Coordinates) -> str:
    """A name for a place known only by its coordinates.

    >>> point_name(Coordinates(latitude=53.141186112, longitude=11.038734576))
    '53.141186, 11.038735'
    """
    return f"{point.latitude:.6f}, {point.longitude:.6f}"


def stem(uri: str) -> str:
    """The file name of ``uri`` without folders or extension.

    >>> stem("media/posts/202405/17908919372611575.webp"), stem("a_b.jpg"), stem("noext")
    ('17908919372611575', 'a_b', 'noext')
    """
    path = uri.partition("?")[0].replace("\\", "/")
    name = path[path.rfind("/") + 1:]
    base, dot, _ext = name.rpartition(".")
    return base if dot and base else name


def media_kind(uri: str, metadata: Fields | Mapping[str, Any] | msgspec.Struct | None) -> MediaKind:
    """Photo, video or audio from the file extension, else from the metadata keys.

    ``metadata`` is a ``media_metadata`` object, or a typed record of one whose
    absent keys are ``UNSET``.
    """
    path = uri.partition("?")[0]
    _base, dot, ext = path[path.rfind("/") + 1:].rpartition(".")
    kind = _KINDS.get(ext.lower()) if dot else None
    if kind is not None:
        return kind
    if isinstance(metadata, msgspec.Struct):
        video = getattr(metadata, "video_metadata", UNSET) is not UNSET
        photo = getattr(metadata, "photo_metadata", UNSET) is not UNSET
    elif metadata is not None:
        video, photo = "video_metadata" in metadata, "photo_metadata" in metadata
    else:
        video = photo = False
    if video:
        return MediaKind.VIDEO
    return MediaKind.PHOTO if photo else MediaKind.OTHER


def short_hash(*parts: str) -> str:
    """A 12-hex-digit digest of ``parts``, stable across runs and platforms.

    >>> short_hash("1476291797", "Back on patrol")
    '340fd6f9e2cf'
    """
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:12]


def part_number(member: str) -> int:
    """The part number of a split file (``posts_2.json`` -> 2); 0 when unnumbered.

    >>> sorted(["a/posts_10.json", "a/posts_2.json", "a/posts_1.json"], key=part_number)
    ['a/posts_1.json', 'a/posts_2.json', 'a/posts_10.json']
    """
    match = _PART.search(member)
    return int(match.group(1)) if match else 0


def first_profile(
    container: Container, ctx: Context, pattern: re.Pattern[str], read: Callable[[Fields], T | None]
) -> T | None:
    """What ``read`` finds first in the profile files (members matching ``pattern``).

    Each file is repaired first; one that is not an object is passed over, and
    one that cannot be read goes to ``ctx.fail``.
    """
    for member in container.members():
        if not pattern.search(member):
            continue
        label = container.label(member)
        try:
            doc = repair_tree(load(container, member, ctx))
            if type(doc) is not dict:
                continue
            found = read(Fields(doc, source=label, record=None))
        except ParseError as err:
            ctx.fail(err)
            continue
        if found is not None:
            return found
    return None


def read_members(
    ctx: Context, members: Iterable[T], read_one: Callable[[T], Iterator[Post]]
) -> Iterator[Post]:
    """Posts of each member in turn; a member that cannot be decoded goes to ``ctx.fail``.

    A limit (:class:`~engagekit.errors.LimitExceeded`) always stops reading.
    """
    for member in members:
        try:
            yield from read_one(member)
        except ParseError as err:
            ctx.fail(err)


# -- reading typed records -------------------------------------------------------------------
#
# The Meta readers decode every record into their msgspec schema (see
# engagekit.sources._engine.typed), which checks each value's type. What the schema cannot say
# (a timestamp out of range, a time that must come from somewhere) raises a ParseError
# with the JSON path; the reader adds the source and the record number.


#: ``Post(...)``, faster; a bad value raises just what ``Post(...)`` raises.
new_post = constructor(Post)


def utc(seconds: int | UnsetType | None, path: str, *parts: object) -> datetime | None:
    """Unix seconds (None or ``UNSET`` when absent) as UTC; out of range, a ParseError at
    ``path`` (with ``parts`` put into its ``{}``, only then).

    >>> utc(1715566876, "$.t").isoformat(), utc(UNSET, "$.t")
    ('2024-05-13T02:21:16+00:00', None)
    >>> utc(10**15, "$.{}[{}].t", "media", 2)
    Traceback (most recent call last):
    engagekit.errors.ParseError: at $.media[2].t: timestamp out of range: 1000000000000000
    """
    if type(seconds) is not int:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        where = path.format(*parts) if parts else path
        raise ParseError(f"timestamp out of range: {seconds!r}", path=where) from None


def string(value: str | UnsetType | None) -> str | None:
    """A str, repaired of mojibake; None for None or ``UNSET``."""
    if type(value) is not str:
        return None
    return value if value.isascii() else repair_mojibake(value)


def exif_point(latitude: float, longitude: float, extra: dict[str, Any]) -> Location | None:
    """A Location named after the point, or None.

    A point out of range (but finite and not (0, 0)) goes to ``extra["dropped_coordinates"]``.
    """
    point = coordinates(latitude, longitude)
    if point is not None:
        return _Location(name=point_name(point), coordinates=point)
    if (latitude or longitude) and finite(latitude, longitude):
        extra["dropped_coordinates"] = [latitude, longitude]
    return None
