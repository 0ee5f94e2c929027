"""Tests for engagekit.aggregate._campaign: a hashtag campaign's posts and adopters over time."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit.aggregate import Campaign, CampaignBucket, campaign
from engagekit.aggregate._base import author_key
from engagekit.errors import ArgumentError
from engagekit.models import Account, Engagement, Hashtag, Post
from tests.aggregate._laws import check_laws, crowded_posts, splits

CHICAGO = "America/Chicago"
TAG_SETS: list[Any] = ["#CommunityPolicing", ["StayCommitted", "#BeTheChange"],
                       [Hashtag(text="Straße"), "coffeewithacop"]]


def post(day: int, *, hour: int = 15, handle: str | None = "springfieldpd",
         tags: tuple[str, ...] = ("NationalNightOut",), **engagement: int | None) -> Post:
    return Post(id=f"{day}-{hour}-{handle}", platform="instagram", hashtags=tags,
                created_at=datetime(2024, 8, day, hour, tzinfo=UTC),
                author=None if handle is None else Account(platform="instagram", handle=handle),
                engagement=Engagement(**engagement))


Drawn = tuple[list[Post], tuple[list[int], list[int]]]


@given(st.sampled_from(TAG_SETS), st.sampled_from(["day", "week", "month"]),
       st.sampled_from(["UTC", CHICAGO]),
       crowded_posts().flatmap(lambda ps: st.tuples(st.just(ps), splits(len(ps)))))
def test_laws(tags: Any, period: str, tz: str, drawn: Drawn) -> None:
    posts, (cuts, order) = drawn
    check_laws(lambda: Campaign(tags, period=period, tz=tz), posts, cuts, order)


@given(st.sampled_from(TAG_SETS), crowded_posts())
def test_adopters_add_up(tags: Any, posts: list[Post]) -> None:
    rows = campaign(posts, tags, period="day", tz=CHICAGO)
    wanted = set(Campaign(tags).hashtags)
    carrying = [p for p in posts if wanted & {t.key for t in p.hashtags}]
    assert sum(row.posts for row in rows) == len(carrying)
    authors = {author_key(p) for p in carrying} - {None}
    assert sum(row.new_adopters for row in rows) == len(authors)
    if rows:
        assert rows[-1].adopters == len(authors)
    assert [row.adopters for row in rows] == sorted(row.adopters for row in rows)
    assert all(a.end == b.start for a, b in itertools.pairwise(rows))
    for name in ("likes", "comments", "shares", "views"):
        known = [getattr(p.engagement, name) for p in carrying
                 if getattr(p.engagement, name) is not None]
        assert sum(getattr(row, name) for row in rows) == sum(known)
        assert sum(getattr(row, f"{name}_known") for row in rows) == len(known)


def test_a_campaign_day_by_day() -> None:
    posts = [
        post(5, handle="springfieldpd", likes=40, comments=3),
        post(5, handle="rivertonsheriff", tags=("BeTheChange",), likes=100),  # not in it
        post(6, handle="SpringfieldPD", tags=("nationalnightout",), likes=12, views=500),
        post(8, handle="rivertonsheriff", tags=("NationalNightOut", "BeTheChange")),
        post(8, handle=None, likes=1),
    ]
    rows = campaign(posts, ["#NationalNightOut"])
    assert [(r.start.day, r.posts, r.authors, r.new_adopters, r.adopters) for r in rows] == [
        (5, 1, 1, 1, 1), (6, 1, 1, 0, 1), (7, 0, 0, 0, 1), (8, 2, 1, 1, 2)]
    assert [(r.likes, r.likes_known, r.comments, r.comments_known, r.views, r.views_known)
            for r in rows] == [(40, 1, 3, 1, 0, 0), (12, 1, 0, 0, 500, 1), (0, 0, 0, 0, 0, 0),
                               (1, 1, 0, 0, 0, 0)]
    assert rows[2] == CampaignBucket(start=rows[2].start, end=rows[3].start, posts=0, authors=0,
                                     new_adopters=0, adopters=1, likes=0, likes_known=0,
                                     comments=0, comments_known=0, shares=0, shares_known=0,
                                     views=0, views_known=0)


def test_an_author_adopts_at_their_first_post_whatever_the_order() -> None:
    late, early = post(9, handle="a"), post(6, hour=1, handle="A")
    for posts in ([late, early], [early, late]):
        rows = campaign(posts, "NationalNightOut")
        assert [(r.start.day, r.new_adopters) for r in rows] == [
            (6, 1), (7, 0), (8, 0), (9, 0)]


def test_unknown_counts_are_not_zero() -> None:
    row, = campaign([post(5, likes=None, shares=0), post(5, likes=0, shares=None),
                     post(5, likes=7, shares=2)], "#NationalNightOut")
    assert (row.posts, row.likes, row.likes_known, row.shares, row.shares_known) == (3, 7, 2, 2, 2)


def test_buckets_follow_the_zone() -> None:
    # 03:00 UTC on 4 November is 21:00 the day before in Chicago; 3 November lasts 25 hours.
    rows = campaign([Post(id="1", platform="twitter", hashtags=["NationalNightOut"],
                          created_at=datetime(2024, 11, 4, 3, tzinfo=UTC)),
                     Post(id="2", platform="twitter", hashtags=["NationalNightOut"],
                          created_at=datetime(2024, 11, 2, 16, tzinfo=UTC))],
                    "NationalNightOut", tz=CHICAGO)
    assert [(r.start.date().day, r.posts, r.duration) for r in rows] == [
        (2, 1, timedelta(hours=24)), (3, 1, timedelta(hours=25))]
    assert rows[0].start.tzinfo is ZoneInfo(CHICAGO)


def test_weeks() -> None:
    rows = campaign([post(1), post(13)], "#NationalNightOut", period="week")
    assert [(r.start.date().isoformat(), r.posts) for r in rows] == [
        ("2024-07-29", 1), ("2024-08-05", 0), ("2024-08-12", 1)]


def test_tags_are_keys_and_a_string_is_one_tag() -> None:
    assert Campaign("#NationalNightOut").hashtags == ("nationalnightout",)
    assert Campaign(Hashtag(text="NationalNightOut")).hashtags == ("nationalnightout",)
    made = Campaign(iter(["#StayCommitted", "BeTheChange", "staycommitted"]), period="week")
    assert made.params() == {"hashtags": ("bethechange", "staycommitted"), "period": "week",
                             "tz": "UTC"}
    assert made.empty() == made
    # The same tags in another order and spelling merge.
    other = Campaign(["bethechange", "#StayCommitted"], period="week")
    assert made.merge(other).params() == made.params()


def test_add_and_update_agree() -> None:
    posts = [post(d, handle=f"h{d % 3}", likes=d) for d in range(1, 20)]
    one_by_one = Campaign("NationalNightOut")
    for p in posts:
        one_by_one.add(p)
    assert one_by_one == Campaign("NationalNightOut").update(posts)


def test_nothing_in_the_campaign_no_rows() -> None:
    assert campaign([], "#A") == ()
    assert campaign([post(5, tags=("BeTheChange",))], "#NationalNightOut") == ()


def test_rows_are_written_by_dumps() -> None:
    doc = orjson.loads(ek.dumps(campaign([post(5, likes=1)], "NationalNightOut")))
    assert doc["type"] == "CampaignBucket[]"
    assert doc["data"] == [{
        "start": "2024-08-05T00:00:00Z", "end": "2024-08-06T00:00:00Z", "posts": 1, "authors": 1,
        "new_adopters": 1, "adopters": 1, "likes": 1, "likes_known": 1, "comments": 0,
        "comments_known": 0, "shares": 0, "shares_known": 0, "views": 0, "views_known": 0}]


@pytest.mark.parametrize(("args", "kwargs", "argument"), [
    # hashtags: none, not an iterable of tags, tags that are not tags
    (([],), {}, "hashtags"),
    (("",), {}, "hashtags"),
    (("#",), {}, "hashtags"),
    ((["#A", ""],), {}, "hashtags"),
    ((["Community Policing"],), {}, "hashtags"),
    ((None,), {}, "hashtags"),
    ((5,), {}, "hashtags"),
    ((b"NationalNightOut",), {}, "hashtags"),
    (({"NationalNightOut": 1},), {}, "hashtags"),
    (([["NationalNightOut"]],), {}, "hashtags"),
    (("A",), {"period": "fortnight"}, "period"),
    (("A",), {"tz": "Mars/Olympus"}, "tz"),
    (("A",), {"tz": "../x"}, "tz"),
])
def test_bad_arguments(args: tuple[Any, ...], kwargs: dict[str, Any], argument: str) -> None:
    with pytest.raises(ArgumentError) as info:
        campaign([], *args, **kwargs)
    assert info.value.argument == argument
    given_value = kwargs.get(argument, args[0])
    assert info.value.value is given_value or info.value.value in (
        given_value if isinstance(given_value, list) else [])
