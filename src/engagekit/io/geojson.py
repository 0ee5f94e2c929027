"""GeoJSON (RFC 7946): located posts, and per-place statistics, as a FeatureCollection.

:func:`to_geojson` takes posts, or ``(GroupRow, Location)`` pairs, or both mixed.
A post becomes a ``Point`` at ``Post.location.coordinates`` in GeoJSON order,
``[longitude, latitude]``. A :class:`~engagekit.aggregate.GroupRow` from
:func:`~engagekit.aggregate.by_location` names its place only by a label, so it
comes paired with the :class:`~engagekit.models.Location` whose coordinates it
is drawn at; :func:`place_rows` builds those pairs from posts, taking for each
place the coordinates its posts give most often.

Items with no coordinates have no place on a map: they are left out and counted
in the foreign member ``"engagekit:skipped"`` of the collection (never dropped
silently).

>>> import engagekit as ek
>>> from engagekit.datasets import sample_posts
>>> posts = list(sample_posts())
>>> fc = ek.to_geojson(posts)
>>> fc["type"], len(fc["features"]) + fc["engagekit:skipped"] == len(posts)
('FeatureCollection', True)
>>> feature = fc["features"][0]
>>> feature["geometry"]["type"], len(feature["geometry"]["coordinates"])
('Point', 2)
>>> places = ek.to_geojson(ek.io.place_rows(posts))
>>> sorted(places["features"][0]["properties"])[:4]
['authors', 'comments', 'country', 'first']
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import orjson

from engagekit.aggregate import GroupRow, by_location
from engagekit.aggregate._groups import location_label
from engagekit.io._converter import converter
from engagekit.models import Coordinates, Location, Post

__all__ = ["SKIPPED", "place_rows", "to_geojson"]

#: The foreign member counting the items left out for want of coordinates.
SKIPPED = "engagekit:skipped"


def _json(value: Any) -> Any:
    """``value`` as plain JSON values, written the way :func:`engagekit.dumps` writes them."""
    return json.loads(orjson.dumps(value, option=orjson.OPT_UTC_Z))


def _point(coordinates: Coordinates) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [coordinates.longitude, coordinates.latitude]}


def _place(location: Location) -> dict[str, Any]:
    return {"location": location.name, "locality": location.locality,
            "region": location.region, "country": location.country}


def _post_feature(post: Post, coordinates: Coordinates, location: Location) -> dict[str, Any]:
    engagement = post.engagement
    properties = {
        "id": post.id,
        "platform": post.platform.value,
        "created_at": _json(post.created_at),
        "text": post.text,
        "hashtags": [tag.key for tag in post.hashtags],
        "author": None if post.author is None else post.author.handle,
        **_place(location),
        "visibility": post.visibility.value,
        "url": post.url,
        "likes": engagement.likes,
        "comments": engagement.comments,
        "shares": engagement.shares,
        "views": engagement.views,
    }
    return {"type": "Feature", "id": post.id, "geometry": _point(coordinates),
            "properties": properties}


def _row_feature(row: GroupRow, location: Location, coordinates: Coordinates) -> dict[str, Any]:
    properties = {**_json(converter.unstructure(row)), **_place(location)}
    return {"type": "Feature", "id": row.group, "geometry": _point(coordinates),
            "properties": dict(sorted(properties.items()))}


def to_geojson(items: Iterable[Post | tuple[GroupRow, Location]]) -> dict[str, Any]:
    """A GeoJSON ``FeatureCollection`` of posts and ``(GroupRow, Location)`` pairs.

    A post's properties: ``id``, ``platform``, ``created_at`` (RFC 3339, ``Z``),
    ``text``, ``hashtags`` (their keys), ``author`` (handle), ``location``
    (name), ``locality``, ``region``, ``country``, ``visibility``, ``url`` and
    the engagement counts (``null`` when unknown). A row's properties are the
    row's own fields, as :func:`engagekit.dumps` writes them, and the place's.
    Items without coordinates are counted in ``"engagekit:skipped"``.
    """
    features: list[dict[str, Any]] = []
    skipped = 0
    for item in items:
        if isinstance(item, Post):
            location = item.location
            if location is None or location.coordinates is None:
                skipped += 1
                continue
            features.append(_post_feature(item, location.coordinates, location))
        else:
            row, location = item if type(item) is tuple and len(item) == 2 else (None, None)
            if not isinstance(row, GroupRow) or not isinstance(location, Location):
                raise TypeError(f"expected a Post or a (GroupRow, Location) pair, got {item!r}")
            if location.coordinates is None:
                skipped += 1
                continue
            features.append(_row_feature(row, location, location.coordinates))
    return {"type": "FeatureCollection", "features": features, SKIPPED: skipped}


def place_rows(posts: Iterable[Post]) -> tuple[tuple[GroupRow, Location], ...]:
    """:func:`~engagekit.aggregate.by_location` rows, each with a located place to draw it at.

    A place's location is the one with the coordinates its posts give most often
    (the first seen among equals). Places none of whose posts has coordinates,
    and the group of posts with no place, are paired with a location without
    coordinates, which :func:`to_geojson` counts as skipped; the ``None`` group
    is left out.
    """
    posts = list(posts)
    seen: dict[str, Counter[Coordinates | None]] = defaultdict(Counter)
    places: dict[tuple[str, Coordinates | None], Location] = {}
    for post in posts:
        location = post.location
        if location is None:
            continue
        label = location_label(location)
        seen[label][location.coordinates] += 1
        places.setdefault((label, location.coordinates), location)
    pairs = []
    for row in by_location(posts):
        if row.group is None:
            continue
        counts = seen[row.group]
        located = [c for c in counts if c is not None]
        best = max(located, key=counts.__getitem__) if located else None
        pairs.append((row, places[(row.group, best)] if best is not None
                      else places[(row.group, next(iter(counts)))]))
    return tuple(pairs)
