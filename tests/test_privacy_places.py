"""engagekit.privacy.coarsen and snap: the grid, its distance bound, locality only."""

from __future__ import annotations

import math
from datetime import datetime, timezone

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit import strategies as eks
from engagekit.errors import ArgumentError
from engagekit.privacy import EARTH_RADIUS_KM, coarsen, snap

WHEN = datetime(2026, 5, 2, tzinfo=timezone.utc)
KMS = st.sampled_from([0.1, 0.5, 1.0, 2.0, 5.0, 25.0])


def distance_km(a: ek.Coordinates, b: ek.Coordinates) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dp, dl = p2 - p1, math.radians(b.longitude - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@given(eks.coordinates(), KMS)
def test_a_point_never_moves_more_than_the_cell_diagonal(point: ek.Coordinates,
                                                         km: float) -> None:
    snapped = snap(point, km=km)
    assert distance_km(point, snapped) <= math.sqrt(5) * km * 1.001


@given(eks.coordinates(), KMS)
def test_snapping_is_idempotent_and_stays_on_the_globe(point: ek.Coordinates,
                                                       km: float) -> None:
    snapped = snap(point, km=km)
    assert snap(snapped, km=km) == snapped
    assert -90 <= snapped.latitude <= 90
    assert -180 <= snapped.longitude <= 180


@given(eks.coordinates())
def test_nearby_points_share_a_cell(point: ek.Coordinates) -> None:
    snapped = snap(point, km=1.0)
    assert snap(ek.Coordinates(latitude=snapped.latitude + 1e-7,
                               longitude=snapped.longitude), km=1.0) == snapped


@pytest.mark.parametrize("km", [0, -1, float("nan"), float("inf"), 20_001, True, "1"])
def test_bad_km_is_refused(km: object) -> None:
    with pytest.raises(ArgumentError, match="kilometres"):
        coarsen([], km=km)  # type: ignore[arg-type]


def test_bad_to_is_refused() -> None:
    with pytest.raises(ArgumentError, match="'grid' or 'locality'"):
        coarsen([], to="street")  # type: ignore[arg-type]


def _post(location: ek.Location | None) -> ek.Post:
    return ek.Post(id="1", platform="instagram", created_at=WHEN, location=location)


PARK = ek.Location(name="Burns Park", locality="North Little Rock", region="AR", country="US",
                   address="4101 Arlene Laman Dr", id="2210",
                   coordinates=ek.Coordinates(latitude=34.7995, longitude=-92.2929))


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        (PARK, ek.Location(name="North Little Rock", locality="North Little Rock", region="AR",
                           country="US")),
        (ek.Location(name="Home", region="AR", country="US"),
         ek.Location(name="AR", region="AR", country="US")),
        (ek.Location(name="Somewhere", country="US"), ek.Location(name="US", country="US")),
        (ek.Location(name="123 Elm Street"), None),
        (None, None),
    ],
)
def test_locality_case_table(location: ek.Location | None,
                             expected: ek.Location | None) -> None:
    [out] = coarsen([_post(location)], to="locality")
    assert out.location == expected


def test_grid_drops_address_and_id_and_snaps() -> None:
    [out] = coarsen([_post(PARK)], km=1.0)
    assert out.location is not None
    assert PARK.coordinates is not None
    assert (out.location.address, out.location.id, out.location.name) == (None, None, "Burns Park")
    assert out.location.coordinates == snap(PARK.coordinates, km=1.0)
    assert out.location.coordinates != PARK.coordinates


def test_a_place_named_after_its_point_is_renamed_after_the_snapped_point() -> None:
    # Instagram places are known only by their EXIF point, and named after it
    point = ek.Coordinates(latitude=47.115085, longitude=-122.895224)
    exact = ek.Location(name="47.115085, -122.895224", coordinates=point)
    [out] = coarsen([_post(exact)], km=1.0)
    assert out.location is not None
    snapped = snap(point, km=1.0)
    assert out.location.coordinates == snapped
    assert out.location.name == f"{snapped.latitude:.6f}, {snapped.longitude:.6f}"
    assert "47.115085" not in out.location.name
    [again] = coarsen([out], km=1.0)
    assert again.location == out.location  # idempotent
    for name in ("Pier 3, Waterfront Dr", "95, -300", "10 Downing St"):
        [kept] = coarsen([_post(ek.Location(name=name, coordinates=point))], km=1.0)
        assert kept.location is not None
        assert kept.location.name == name


@given(eks.posts(), KMS)
def test_coarsen_keeps_everything_but_the_location(post: ek.Post, km: float) -> None:
    [out] = coarsen([post], km=km)
    assert attrs.evolve(out, location=post.location) == post
    if post.location is not None and post.location.coordinates is not None:
        assert out.location is not None
        assert out.location.coordinates is not None
        assert distance_km(out.location.coordinates,
                           post.location.coordinates) <= math.sqrt(5) * km * 1.001
