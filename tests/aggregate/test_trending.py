"""Tests for engagekit.aggregate._trending: tags whose share of posts grew between periods."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit.aggregate import Trend, Trending, trending
from engagekit.errors import ArgumentError
from engagekit.models import Post
from tests.aggregate._laws import check_laws, crowded_posts, splits

MONDAY = datetime(2024, 7, 29, 12, tzinfo=UTC)
Drawn = tuple[list[Post], tuple[list[int], list[int]]]


def week(n: int, count: int, *tags: str, day: int = 0) -> list[Post]:
    return [Post(id=f"{n}-{day}-{tags}-{i}", platform="mastodon", hashtags=tags,
                 created_at=MONDAY + timedelta(weeks=n, days=day, minutes=i))
            for i in range(count)]


def _laws_posts() -> st.SearchStrategy[Drawn]:
    return crowded_posts().flatmap(lambda ps: st.tuples(st.just(ps), splits(len(ps))))


@given(st.sampled_from(["hour", "day", "week"]), st.sampled_from(["UTC", "America/Chicago"]),
       st.integers(1, 3), st.none() | st.integers(1, 2), _laws_posts())
def test_laws(period: str, tz: str, min_posts: int, top: int | None, drawn: Drawn) -> None:
    posts, (cuts, order) = drawn
    if period == "hour":
        posts = [p for p in posts if p.created_at.month == 11]
        cuts = [min(cut, len(posts)) for cut in cuts]
    check_laws(lambda: Trending(period=period, tz=tz, min_posts=min_posts, top=top),
               posts, cuts, order)


@given(_laws_posts())
def test_rows_follow_the_definition(drawn: Drawn) -> None:
    posts, _ = drawn
    rows = trending(posts, period="day", min_posts=2)
    days: Counter[Any] = Counter(p.created_at.date() for p in posts)
    tagged: Counter[Any] = Counter((p.created_at.date(), key) for p in posts
                                   for key in {t.key for t in p.hashtags})
    for row in rows:
        day, before = row.start.date(), (row.start - timedelta(days=1)).date()
        assert row.posts == tagged[day, row.key] >= 2
        assert row.share == row.posts / days[day]
        assert row.previous_posts == tagged[before, row.key]
        assert row.previous_share == (row.previous_posts / days[before] if days[before] else 0.0)
        assert row.score == row.share - row.previous_share > 0
    keys = [(row.start, -row.score, row.key) for row in rows]
    assert keys == sorted(keys)


def test_a_tag_taking_off() -> None:
    posts = (week(0, 2, "NationalNightOut") + week(0, 6, "BeTheChange")
             + week(1, 6, "NationalNightOut") + week(1, 2, "nationalnightout")
             + week(1, 2, "BeTheChange"))
    row, = trending(posts, min_posts=3)
    assert row == Trend(start=datetime(2024, 8, 5, tzinfo=row.start.tzinfo),
                        end=datetime(2024, 8, 12, tzinfo=row.start.tzinfo),
                        key="nationalnightout", display="NationalNightOut", posts=8, share=0.8,
                        previous_posts=2, previous_share=0.25, score=0.8 - 0.25)


def test_an_empty_previous_period_counts_as_share_zero() -> None:
    posts = week(0, 3, "BeTheChange") + week(2, 5, "StayCommitted") + week(2, 5)
    row, = trending(posts)
    assert (row.start.date().isoformat(), row.key, row.share, row.previous_posts,
            row.previous_share, row.score) == ("2024-08-12", "staycommitted", 0.5, 0, 0.0, 0.5)


def test_the_first_period_has_no_rows() -> None:
    assert trending(week(0, 9, "BeTheChange"), min_posts=1) == ()


def test_min_posts_counts_posts_in_the_later_period() -> None:
    posts = week(0, 10) + week(1, 4, "BeTheChange")
    assert trending(posts, min_posts=5) == ()
    row, = trending(posts, min_posts=4)
    assert (row.posts, row.share, row.score) == (4, 1.0, 1.0)


def test_a_falling_share_is_not_trending() -> None:
    posts = week(0, 6, "BeTheChange") + week(1, 6, "BeTheChange") + week(1, 6)
    assert trending(posts) == ()


def test_a_post_writing_a_tag_twice_counts_once() -> None:
    posts = week(0, 5) + week(1, 5, "BeTheChange", "bethechange")
    row, = trending(posts)
    assert (row.posts, row.share) == (5, 1.0)


def test_order_and_top() -> None:
    posts = (week(0, 10) + week(1, 6, "A") + week(1, 6, "B") + week(1, 3, "C", "B")
             + week(2, 5, "C") + week(2, 5, "D", "A"))
    rows = trending(posts, min_posts=3)
    # Week 1 of 15 posts after 10 untagged: B 9, A 6, C 3. Week 2 of 10: C 5, D 5, A 5.
    assert [(row.start.day, row.key, round(row.score, 4)) for row in rows] == [
        (5, "b", 0.6), (5, "a", 0.4), (5, "c", 0.2),
        (12, "d", 0.5), (12, "c", 0.3), (12, "a", 0.1)]
    top = trending(posts, min_posts=3, top=1)
    assert [(row.start.day, row.key) for row in top] == [(5, "b"), (12, "d")]


def test_ties_go_by_key() -> None:
    posts = week(0, 4) + week(1, 5, "Zeta") + week(1, 5, "alpha")
    assert [row.key for row in trending(posts)] == ["alpha", "zeta"]


def test_display_is_the_most_written_form() -> None:
    posts = (week(0, 5) + week(1, 2, "communitypolicing") + week(1, 3, "CommunityPolicing")
             + week(1, 1, "COMMUNITYPOLICING"))
    row, = trending(posts)
    assert (row.key, row.display, row.posts) == ("communitypolicing", "CommunityPolicing", 6)


def test_periods_follow_the_zone() -> None:
    # Sunday 4 August 23:30 in Chicago is Monday 04:30 UTC: the week before, locally.
    late_sunday = datetime(2024, 8, 5, 4, 30, tzinfo=UTC)
    posts = [Post(id=str(i), platform="twitter", hashtags=["BeTheChange"],
                  created_at=late_sunday + timedelta(seconds=i)) for i in range(5)]
    posts += week(0, 5, day=2)  # Wednesday 31 July
    row, = trending(posts)
    assert (row.start.isoformat(), row.key) == ("2024-08-05T00:00:00+00:00", "bethechange")
    assert trending(posts, tz="America/Chicago") == ()  # one week there


def test_add_and_update_agree() -> None:
    posts = week(0, 5, "A") + week(1, 7, "B") + week(1, 3, "A")
    one_by_one = Trending(min_posts=2)
    for p in posts:
        one_by_one.add(p)
    assert one_by_one == Trending(min_posts=2).update(posts)
    assert one_by_one.result() != ()


def test_params() -> None:
    made = Trending(period="day", tz="Asia/Kolkata", min_posts=2, top=3)
    assert made.params() == {"period": "day", "tz": "Asia/Kolkata", "min_posts": 2, "top": 3}
    assert made.empty() == made
    assert trending([]) == ()


def test_rows_are_written_by_dumps() -> None:
    doc = orjson.loads(ek.dumps(trending(week(0, 5) + week(1, 5, "A"))))
    assert doc["type"] == "Trend[]"
    assert doc["data"] == [{
        "start": "2024-08-05T00:00:00Z", "end": "2024-08-12T00:00:00Z", "key": "a",
        "display": "A", "posts": 5, "share": 1.0, "previous_posts": 0, "previous_share": 0.0,
        "score": 1.0}]


@pytest.mark.parametrize(("kwargs", "argument"), [
    ({"min_posts": 0}, "min_posts"),
    ({"min_posts": -1}, "min_posts"),
    ({"min_posts": 2.5}, "min_posts"),
    ({"min_posts": None}, "min_posts"),
    ({"min_posts": True}, "min_posts"),
    ({"top": 0}, "top"),
    ({"top": "3"}, "top"),
    ({"period": "quarter"}, "period"),
    ({"tz": "Europe/Springfield"}, "tz"),
    ({"tz": ""}, "tz"),
])
def test_bad_arguments(kwargs: dict[str, Any], argument: str) -> None:
    with pytest.raises(ArgumentError) as info:
        trending([], **kwargs)
    assert info.value.argument == argument
    assert info.value.value is kwargs[argument]
