"""Tests for engagekit.aggregate._by: per-group statistics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.aggregate import (
    GROUPINGS,
    ByGroup,
    Stats,
    by_agency,
    by_author,
    by_location,
    by_officer,
    by_platform,
)
from engagekit.errors import ArgumentError
from engagekit.models import Account, Agency, Engagement, Officer, Post
from engagekit.sources import Roster
from tests.aggregate._laws import OFFICERS, PLACES, check_laws, crowded_posts, splits

T0 = datetime(2024, 5, 1, tzinfo=UTC)


def post(i: int, **kw: object) -> Post:
    return Post(id=str(i), platform="instagram", created_at=T0 + timedelta(hours=i),
                **kw)  # type: ignore[arg-type]


@given(st.sampled_from(GROUPINGS),
       crowded_posts().flatmap(lambda ps: st.tuples(st.just(ps), splits(len(ps)))))
def test_laws(by: str, drawn: tuple[list[Post], tuple[list[int], list[int]]]) -> None:
    posts, (cuts, order) = drawn
    check_laws(lambda: ByGroup(by=by), posts, cuts, order)


def test_engagement_uses_known_values_only() -> None:
    posts = [post(0, officer=OFFICERS[0], engagement=Engagement(likes=1, views=10)),
             post(1, officer=OFFICERS[0], engagement=Engagement(likes=4)),
             post(2, officer=OFFICERS[0], engagement=Engagement(likes=8)),
             post(3, officer=OFFICERS[0], engagement=Engagement(likes=None, comments=0))]
    (row,) = by_officer(posts)
    assert row.group == "Jordan Reyes"
    assert row.likes == Stats(known=3, unknown=1, total=13, mean=13 / 3, median=4.0)
    assert row.comments == Stats(known=1, unknown=3, total=0, mean=0.0, median=0.0)
    assert row.shares == Stats(known=0, unknown=4, total=0, mean=None, median=None)
    assert row.views.median == 10.0
    assert (row.first, row.last) == (T0, T0 + timedelta(hours=3))


def test_posts_without_the_attribute_form_the_none_group_last_among_equals() -> None:
    posts = [post(0, location=PLACES[0]), post(1), post(2, location=PLACES[1])]
    assert [(r.group, r.posts) for r in by_location(posts)] == [
        ("Burns Park, Springfield, IL, US", 1), ("Riverton City Park, Riverton, WY, US", 1),
        (None, 1)]


def test_authors_hashtags_and_platforms() -> None:
    posts = [post(0, author=Account(platform="instagram", handle="SpringfieldPD"),
                  hashtags=["A", "a", "b"]),
             post(1, author=Account(platform="instagram", handle="springfieldpd"), hashtags=["c"]),
             Post(id="9", platform="twitter", created_at=T0,
                  author=Account(platform="twitter", handle="springfieldpd"))]
    rows = by_author(posts)
    assert [(r.group, r.posts, r.authors, r.hashtags) for r in rows] == [
        ("instagram:springfieldpd", 2, 1, 3), ("twitter:springfieldpd", 1, 1, 0)]
    assert [(r.group, r.posts) for r in by_platform(posts)] == [("instagram", 2), ("twitter", 1)]


def test_agency_from_officer_or_roster() -> None:
    own = Account(platform="instagram", handle="rivertonsheriff")
    roster = Roster(agencies=[Agency(name="Riverton Sheriff", accounts=[own])])
    posts = [post(0, officer=OFFICERS[0]), post(1, author=own),
             post(2, officer=Officer(name="No Agency"))]
    assert [(r.group, r.posts) for r in by_agency(posts)] == [
        (None, 2), ("Springfield Police Department", 1)]
    assert [(r.group, r.posts) for r in by_agency(posts, roster=roster)] == [
        ("Riverton Sheriff", 1), ("Springfield Police Department", 1), (None, 1)]


@pytest.mark.parametrize("by", ["team", "", "Platform", "#tag"])
def test_unknown_grouping(by: str) -> None:
    with pytest.raises(ArgumentError) as info:
        ByGroup(by=by)
    assert (info.value.argument, info.value.value) == ("by", by)
