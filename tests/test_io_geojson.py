"""engagekit.io.geojson: located posts and per-place rows as a GeoJSON FeatureCollection."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit import strategies as eks
from engagekit.aggregate import by_location
from engagekit.datasets import sample_posts
from engagekit.io.geojson import SKIPPED, place_rows, to_geojson

WHEN = datetime(2024, 5, 2, 22, 47, 8, tzinfo=timezone.utc)
PARK = ek.Location(name="Washington Park", locality="Springfield", region="IL", country="US",
                   coordinates=ek.Coordinates(latitude=39.7817, longitude=-89.6501))


def post(n: int, location: ek.Location | None = PARK, **kw: Any) -> ek.Post:
    return ek.Post(id=str(n), platform="instagram", created_at=WHEN, location=location, **kw)


def test_a_post_is_a_point_in_longitude_latitude_order() -> None:
    fc = to_geojson([post(1)])
    assert fc["type"] == "FeatureCollection"
    (feature,) = fc["features"]
    assert feature["type"] == "Feature"
    assert feature["id"] == "1"
    assert feature["geometry"] == {"type": "Point", "coordinates": [-89.6501, 39.7817]}
    assert fc[SKIPPED] == 0


def test_post_properties() -> None:
    p = post(7, text="Coffee #CoffeeWithACop", hashtags=["CoffeeWithACop"],
             author=ek.Account(platform="instagram", handle="springfieldpd"),
             engagement=ek.Engagement(likes=3), url="https://example.org/p/7",
             visibility="unlisted")
    props = to_geojson([p])["features"][0]["properties"]
    assert props == {
        "id": "7", "platform": "instagram", "created_at": "2024-05-02T22:47:08Z",
        "text": "Coffee #CoffeeWithACop", "hashtags": ["coffeewithacop"],
        "author": "springfieldpd", "location": "Washington Park", "locality": "Springfield",
        "region": "IL", "country": "US", "visibility": "unlisted",
        "url": "https://example.org/p/7", "likes": 3, "comments": None, "shares": None,
        "views": None,
    }


def test_posts_without_coordinates_are_counted_not_dropped() -> None:
    nowhere = ek.Location(name="Somewhere")
    fc = to_geojson([post(1), post(2, location=None), post(3, location=nowhere), post(4)])
    assert [f["id"] for f in fc["features"]] == ["1", "4"]
    assert fc[SKIPPED] == 2


def test_empty() -> None:
    assert to_geojson([]) == {"type": "FeatureCollection", "features": [], SKIPPED: 0}


@given(st.lists(eks.posts(), max_size=5))
def test_every_post_is_a_feature_or_skipped_and_the_result_is_plain_json(
        posts: list[ek.Post]) -> None:
    fc = to_geojson(posts)
    assert len(fc["features"]) + fc[SKIPPED] == len(posts)
    assert json.loads(json.dumps(fc, allow_nan=False)) == fc
    for feature, p in zip(fc["features"],
                          [p for p in posts if p.location and p.location.coordinates],
                          strict=True):
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180
        assert -90 <= lat <= 90
        assert p.location is not None
        assert p.location.coordinates is not None
        assert (lat, lon) == (p.location.coordinates.latitude, p.location.coordinates.longitude)


def test_place_rows_draw_each_place_at_its_most_frequent_coordinates() -> None:
    moved = ek.Location(name="Washington Park", locality="Springfield", region="IL",
                        country="US", coordinates=ek.Coordinates(latitude=39.0, longitude=-89.0))
    unlocated = ek.Location(name="Washington Park", locality="Springfield", region="IL",
                            country="US")
    library = ek.Location(name="Library", country="US")
    posts = [post(1, moved), post(2), post(3), post(4, unlocated), post(5, library),
             post(6, None)]
    pairs = place_rows(posts)
    assert [(row.group, row.posts) for row, _ in pairs] == [
        ("Washington Park, Springfield, IL, US", 4), ("Library, US", 1)]
    assert pairs[0][1] == PARK
    assert pairs[1][1] == library
    fc = to_geojson(pairs)
    (feature,) = fc["features"]
    assert fc[SKIPPED] == 1
    assert feature["id"] == "Washington Park, Springfield, IL, US"
    assert feature["geometry"]["coordinates"] == [-89.6501, 39.7817]
    props = feature["properties"]
    assert props["posts"] == 4
    assert props["location"] == "Washington Park"
    assert props["first"] == "2024-05-02T22:47:08Z"
    assert props["likes"]["unknown"] == 4


def test_rows_follow_by_location() -> None:
    posts = list(sample_posts())
    assert [row for row, _ in place_rows(posts)] == [
        row for row in by_location(posts) if row.group is not None]
    fc = to_geojson(place_rows(posts))
    assert fc["features"]
    assert json.loads(json.dumps(fc, allow_nan=False)) == fc


def test_posts_and_rows_mix() -> None:
    fc = to_geojson([post(1), *place_rows([post(2)])])
    assert [f["id"] for f in fc["features"]] == ["1", "Washington Park, Springfield, IL, US"]


@pytest.mark.parametrize("item", [("row", PARK), 1, "ab", (PARK,), None])
def test_refuses_other_items(item: Any) -> None:
    with pytest.raises(TypeError, match=r"^expected a Post or a \(GroupRow, Location\) pair"):
        to_geojson([item])


def test_exported() -> None:
    assert ek.to_geojson is to_geojson
    assert ek.io.place_rows is place_rows
