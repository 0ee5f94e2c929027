"""Coarser places: coordinates snapped to a grid, or only the locality kept.

The grid has rows of equal latitude, each ``km`` tall (180 degrees divided into
a whole number of rows), and each row is cut into a whole number of equal
cells at least ``km`` wide at the row's middle latitude. A point moves to the
centre of its cell. Cells are about ``km`` tall and from ``km`` to ``2 * km``
wide, except near the poles, where a row holds a single cell; a point never
moves by more than its cell's diagonal (``sqrt(5) * km`` at most).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from typing import Literal

import attrs

from engagekit.errors import ArgumentError
from engagekit.models import Coordinates, Location, Post

__all__ = ["EARTH_RADIUS_KM", "coarsen", "snap"]

#: The mean Earth radius used for the grid and for distances (IUGG, in km).
EARTH_RADIUS_KM = 6371.0088
_KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180.0
#: A place named after its coordinates ("47.115085, -122.895224", as readers name a place
#: known only by its point).
_POINT_NAME = re.compile(r"\A\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*\Z")


def _check_km(km: object) -> float:
    if (isinstance(km, bool) or not isinstance(km, (int, float)) or not math.isfinite(km)
            or not 0 < km <= 20_000):
        raise ArgumentError("expected a number of kilometres greater than 0 and at most 20000",
                            argument="km", value=km)
    return float(km)


def snap(point: Coordinates, *, km: float = 1.0) -> Coordinates:
    """The centre of the grid cell of ``point``, for cells about ``km`` across.

    >>> snap(Coordinates(latitude=34.7712, longitude=-92.2671), km=1.0)
    Coordinates(latitude=34.7679..., longitude=-92.2689...)
    """
    size = _check_km(km)
    rows = max(1, round(180.0 * _KM_PER_DEGREE / size))
    height = 180.0 / rows
    row = min(rows - 1, int((point.latitude + 90.0) // height))
    latitude = -90.0 + (row + 0.5) * height
    circumference = 360.0 * _KM_PER_DEGREE * math.cos(math.radians(latitude))
    cells = max(1, math.floor(circumference / size))
    width = 360.0 / cells
    cell = min(cells - 1, int((point.longitude + 180.0) // width))
    longitude = -180.0 + (cell + 0.5) * width
    return Coordinates(latitude=latitude, longitude=longitude)


def _locality(location: Location) -> Location | None:
    for name in (location.locality, location.region, location.country):
        if name:
            return Location(name=name, locality=location.locality, region=location.region,
                            country=location.country)
    return None


def coarsen(posts: Iterable[Post], *, km: float = 1.0,
            to: Literal["grid", "locality"] = "grid") -> Iterator[Post]:
    """Make every post's location coarser, lazily.

    ``to="grid"`` snaps coordinates with :func:`snap` and drops the street
    address and the place id (which would find the exact place again); a place
    named after its coordinates (``"47.115085, -122.895224"``, as the readers
    name a place known only by its point) is renamed after the snapped point;
    ``to="locality"`` keeps only the locality, region and country (named after
    the most precise of them, or no location when none is known).

    >>> import engagekit as ek
    >>> from datetime import datetime, timezone
    >>> point = ek.Coordinates(latitude=34.7995, longitude=-92.2929)
    >>> place = ek.Location(name="Burns Park", locality="North Little Rock", coordinates=point,
    ...                     address="4101 Arlene Laman Dr", id="2210")
    >>> post = ek.Post(id="1", platform="instagram", location=place,
    ...                created_at=datetime(2026, 5, 2, tzinfo=timezone.utc))
    >>> [out] = ek.coarsen([post], to="locality")
    >>> out.location.name, out.location.coordinates, out.location.address
    ('North Little Rock', None, None)
    """
    size = _check_km(km)
    if to not in ("grid", "locality"):
        raise ArgumentError("expected 'grid' or 'locality'", argument="to", value=to)
    return (_coarsen(post, size, to) for post in posts)


def _coarsen(post: Post, km: float, to: str) -> Post:
    location = post.location
    if location is None:
        return post
    if to == "locality":
        return attrs.evolve(post, location=_locality(location))
    point = location.coordinates
    return attrs.evolve(post, location=attrs.evolve(
        location, name=_coarse_name(location.name, km),
        coordinates=None if point is None else snap(point, km=km), address=None, id=None))


def _coarse_name(name: str, km: float) -> str:
    """A name made of coordinates, snapped like the coordinates; any other name as it is."""
    found = _POINT_NAME.match(name)
    if found is None:
        return name
    latitude, longitude = float(found.group(1)), float(found.group(2))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return name
    point = snap(Coordinates(latitude=latitude, longitude=longitude), km=km)
    return f"{point.latitude:.6f}, {point.longitude:.6f}"
