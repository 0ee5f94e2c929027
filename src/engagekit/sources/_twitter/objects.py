"""The objects a post points to, read the same way by both X/Twitter readers.

Its author (``user`` in v1.1 and archives, ``includes.users`` in v2), its place
(``place`` and the ``geo``/``coordinates`` points) and its media (``type`` and video
variants). Coordinates come as GeoJSON ``[lon, lat]``, except v1.1's ``geo``, which is
``[lat, lon]``. The rules themselves (:func:`pair_point`, :func:`location`, :func:`bbox`,
:func:`best_mp4`) take plain values, so that the archive reader, which decodes into a
typed schema, applies the same ones as the dict-based API reader:

>>> from engagekit.sources._engine.fields import Fields
>>> status = Fields({"geo": {"coordinates": [51.5, -0.12]}}, source="t.json", record=1)
>>> point(status, "geo", lat_first=True)
Coordinates(latitude=51.5, longitude=-0.12)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from engagekit.models import (
    COUNTRY_CODES,
    Account,
    Coordinates,
    Location,
    Media,
    MediaKind,
    Visibility,
)
from engagekit.sources._engine.fields import Fields
from engagekit.sources._twitter.common import count, id_string

__all__ = [
    "Place",
    "author_account",
    "bbox",
    "best_mp4",
    "best_variant",
    "location",
    "media_kind",
    "pair_point",
    "place_location",
    "point",
    "v2_media",
]


# --- places -----------------------------------------------------------------------------


def point(f: Fields | None, key: str, *, lat_first: bool = False) -> Coordinates | None:
    """A GeoJSON-style ``{"coordinates": [lon, lat]}`` at ``key`` (``[lat, lon]`` for v1.1 geo)."""
    if f is None:
        return None
    geo = f.obj(key)
    if geo is None:
        return None
    values = geo.values("coordinates")
    if not values:
        return None
    try:
        return pair_point(values, lat_first=lat_first)
    except ValueError as exc:
        raise geo.error(str(exc), "coordinates") from None


def pair_point(values: list[Any], *, lat_first: bool = False) -> Coordinates:
    """``[lon, lat]`` (``[lat, lon]`` with ``lat_first``) as Coordinates; ValueError saying why
    it is not a pair of numbers in range."""
    if len(values) != 2 or any(type(v) not in (int, float) for v in values):
        raise ValueError(f"expected a pair of numbers, got {values!r}"[:120])
    lat, lon = (values[0], values[1]) if lat_first else (values[1], values[0])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        order = "[lat, lon]" if lat_first else "[lon, lat]"
        raise ValueError(f"coordinates {values!r} out of range as {order}")
    return Coordinates(latitude=float(lat), longitude=float(lon))


def place_location(
    place: Fields | None, where: Coordinates | None, extra: dict[str, Any], bbox: list[Any] | None
) -> Location | None:
    """A Location from a place object and/or a point; the bbox goes to ``extra``."""
    if place is None:
        return location(None, where, extra, bbox)
    return location(
        Place(
            name=place.string("name"),
            full_name=place.string("full_name"),
            id=place.string("id") or place.string("place_id"),
            kind=place.string("place_type"),
            country_code=place.string("country_code"),
        ),
        where,
        extra,
        bbox,
    )


class Place(NamedTuple):
    """The fields of a place object that a Location is made of."""

    name: str | None
    full_name: str | None
    id: str | None
    kind: str | None
    country_code: str | None


def location(
    place: Place | None, where: Coordinates | None, extra: dict[str, Any], bbox: list[Any] | None
) -> Location | None:
    """A Location from a place and/or a point; the place type, odd country codes and the bbox
    go to ``extra``."""
    if place is None and where is None:
        return None
    name = country = place_id = locality = region = None
    if place is not None:
        name = place.full_name or place.name
        place_id = place.id
        kind = place.kind
        if kind == "city":
            locality = place.name
        elif kind == "admin":
            region = place.name
        code = place.country_code
        if code and code.upper() in COUNTRY_CODES:
            country = code
        elif code:
            extra["country_code"] = code
        if kind:
            extra["place_type"] = kind
    if bbox is not None:
        extra["place_bbox"] = bbox
    if not name:
        if where is None:  # an id alone names no place: keep it, but make no Location
            if place_id:
                extra["place_id"] = place_id
            return None
        name = f"{where.latitude:.6f}, {where.longitude:.6f}"
    return Location(
        name=name, locality=locality, region=region, country=country, coordinates=where, id=place_id
    )


def bbox(rings: list[Any]) -> list[Any] | None:
    """``[west, south, east, north]`` of a bounding box's first ring; None unless every point
    of it is a ``[lon, lat]`` pair of numbers."""
    points = rings[0] if rings and type(rings[0]) is list else []
    pairs = [
        p
        for p in points
        if type(p) is list and len(p) == 2 and all(type(v) in (int, float) for v in p)
    ]
    if not pairs or len(pairs) != len(points):
        return None
    lons, lats = [p[0] for p in pairs], [p[1] for p in pairs]
    return [min(lons), min(lats), max(lons), max(lats)]


# --- authors ----------------------------------------------------------------------------


def author_account(user: Fields | None, handle_key: str) -> tuple[Account | None, Visibility]:
    """An Account and the visibility its ``protected`` flag implies."""
    if user is None:
        return None, Visibility.UNKNOWN
    handle = user.string(handle_key)
    user_id = id_string(user, "id")
    account = None
    if handle:
        account = Account(
            platform="twitter", handle=handle, id=user_id, display_name=user.string("name") or None
        )
    protected = user.boolean("protected")
    if protected is None:
        return account, Visibility.UNKNOWN
    return account, Visibility.FOLLOWERS if protected else Visibility.PUBLIC


# --- media ------------------------------------------------------------------------------

_KINDS = {"photo": MediaKind.PHOTO, "video": MediaKind.VIDEO, "animated_gif": MediaKind.VIDEO}


def media_kind(value: str | None) -> MediaKind:
    """photo -> photo; video and animated_gif (served as a looping MP4) -> video."""
    return _KINDS.get(value or "", MediaKind.OTHER)


def v2_media(m: Fields) -> Media | None:
    """An X API v2 media object (``includes.media``, or twarc's inline ``attachments.media``)
    as a Media; None when it names no URL (an object the response did not expand)."""
    uri = m.string("url") or best_variant(m, "bit_rate") or m.string("preview_image_url")
    if not uri:
        return None
    millis = count(m, "duration_ms")
    return Media(
        kind=media_kind(m.string("type")),
        uri=uri,
        alt_text=m.string("alt_text") or None,
        width=count(m, "width"),
        height=count(m, "height"),
        duration=None if millis is None else millis / 1000,
    )


def best_variant(f: Fields, rate_key: str) -> str | None:
    """The URL of the highest-bitrate MP4 variant of a video, if any."""
    def rate(v: Fields) -> Callable[[], int | None]:
        return lambda: count(v, rate_key)

    def variant(v: Fields) -> tuple[str | None, str | None, Callable[[], int | None]]:
        url = v.string("url")
        return url, v.string("content_type") if url else None, rate(v)

    return best_mp4(variant(v) for v in f.objects("variants"))


def best_mp4(variants: Iterable[tuple[str | None, str | None, Callable[[], int | None]]]
             ) -> str | None:
    """The URL of the highest-bitrate MP4 of ``(url, content type, bitrate)`` variants.

    A variant without a content type is taken as MP4; the bitrate is only read
    (and checked) for a variant that has a URL and is an MP4.
    """
    best: tuple[int, str] | None = None
    for url, content_type, rate_of in variants:
        if url and (content_type or "video/mp4") == "video/mp4":
            rate = rate_of() or 0
            if best is None or rate > best[0]:
                best = (rate, url)
    return None if best is None else best[1]
