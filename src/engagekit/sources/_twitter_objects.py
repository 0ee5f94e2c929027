"""The objects a post points to, read the same way by both X/Twitter readers.

Its author (``user`` in v1.1 and archives, ``includes.users`` in v2), its place
(``place`` and the ``geo``/``coordinates`` points) and its media (``type`` and video
variants). Coordinates come as GeoJSON ``[lon, lat]``, except v1.1's ``geo``, which is
``[lat, lon]``:

>>> from engagekit.sources._fields import Fields
>>> status = Fields({"geo": {"coordinates": [51.5, -0.12]}}, source="t.json", record=1)
>>> point(status, "geo", lat_first=True)
Coordinates(latitude=51.5, longitude=-0.12)
"""

from __future__ import annotations

from typing import Any

from engagekit.models import COUNTRY_CODES, Account, Coordinates, Location, MediaKind, Visibility
from engagekit.sources._fields import Fields
from engagekit.sources._twitter import count, id_string

__all__ = ["author_account", "best_variant", "media_kind", "place_location", "point"]


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
    if len(values) != 2 or any(type(v) not in (int, float) for v in values):
        raise geo.error(f"expected a pair of numbers, got {values!r}"[:120], "coordinates")
    lat, lon = (values[0], values[1]) if lat_first else (values[1], values[0])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        order = "[lat, lon]" if lat_first else "[lon, lat]"
        raise geo.error(f"coordinates {values!r} out of range as {order}", "coordinates")
    return Coordinates(latitude=float(lat), longitude=float(lon))


def place_location(
    place: Fields | None, where: Coordinates | None, extra: dict[str, Any], bbox: list[Any] | None
) -> Location | None:
    """A Location from a place object and/or a point; the bbox goes to ``extra``."""
    if place is None and where is None:
        return None
    name = country = place_id = locality = region = None
    if place is not None:
        name = place.string("full_name") or place.string("name")
        place_id = place.string("id") or place.string("place_id")
        kind = place.string("place_type")
        if kind == "city":
            locality = place.string("name")
        elif kind == "admin":
            region = place.string("name")
        code = place.string("country_code")
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


def best_variant(f: Fields, rate_key: str) -> str | None:
    """The URL of the highest-bitrate MP4 variant of a video, if any."""
    best: tuple[int, str] | None = None
    for v in f.objects("variants"):
        url = v.string("url")
        if url and (v.string("content_type") or "video/mp4") == "video/mp4":
            rate = count(v, rate_key) or 0
            if best is None or rate > best[0]:
                best = (rate, url)
    return None if best is None else best[1]
