"""Tests for engagekit.aggregate._timeline: posts per local period, gaps filled, by group or tag."""

from __future__ import annotations

import itertools
import pickle
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit.aggregate import Bucket, Timeline, timeline
from engagekit.aggregate._base import author_key
from engagekit.aggregate._groups import grouping
from engagekit.errors import ArgumentError
from engagekit.models import Account, Agency, Engagement, Officer, Post
from engagekit.sources.roster import Roster
from tests.aggregate._laws import check_laws, crowded_posts, splits

CHICAGO = "America/Chicago"
BYS: list[Any] = [None, "platform", "author", "officer", "agency", "location",
                  "#CommunityPolicing", ["#StayCommitted", "#coffeewithacop", "#Straße"]]


def post(when: datetime, *, id: str = "p", handle: str | None = None, likes: int | None = None,
         platform: str = "instagram", tags: tuple[str, ...] = ()) -> Post:
    return Post(id=id, platform=platform, created_at=when, hashtags=tags,
                author=None if handle is None else Account(platform=platform, handle=handle),
                engagement=Engagement(likes=likes))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def every(start: datetime, end: datetime, step: timedelta) -> list[Post]:
    out: list[Post] = []
    while start < end:
        out.append(post(start, id=f"p{len(out)}"))
        start += step
    return out


Drawn = tuple[list[Post], tuple[list[int], list[int]]]
_split_posts = crowded_posts().flatmap(lambda ps: st.tuples(st.just(ps), splits(len(ps))))


# -- the monoid laws ------------------------------------------------------------------------


@given(st.sampled_from(["day", "week", "month", "year"]),
       st.sampled_from(["UTC", CHICAGO, "Asia/Kolkata"]), st.sampled_from(BYS), _split_posts)
def test_laws(period: str, tz: str, by: Any, drawn: Drawn) -> None:
    posts, (cuts, order) = drawn
    check_laws(lambda: Timeline(period=period, tz=tz, by=by), posts, cuts, order)


@given(st.sampled_from(BYS), _split_posts)
def test_laws_hourly_around_the_autumn_change(by: Any, drawn: Drawn) -> None:
    posts, (cuts, order) = drawn
    # Only the November posts: hour buckets over the whole year would be thousands of rows.
    november = [p for p in posts if p.created_at.month == 11]
    cuts = [min(cut, len(november)) for cut in cuts]
    check_laws(lambda: Timeline(period="hour", tz=CHICAGO, by=by), november, cuts, order)


def test_laws_with_a_roster() -> None:
    own = Account(platform="instagram", handle="SpringfieldPD")
    roster = Roster(agencies=[Agency(name="Springfield Police Department", accounts=[own])])
    posts = [post(utc(2024, 5, d), id=str(d), handle="springfieldpd") for d in range(1, 9)]
    check_laws(lambda: Timeline(by="agency", roster=roster), posts, [3, 5], [2, 0, 1])


# -- against a plain reading of the rules ---------------------------------------------------


def _reference(posts: list[Post], period: str, tz: str, by: Any) -> dict[Any, list[Any]]:
    """(group, UTC start) -> [posts, {authors}, likes, likes_known], the obvious way."""
    zone = ZoneInfo(tz)
    out: dict[Any, list[Any]] = defaultdict(lambda: [0, set(), 0, 0])
    for p in posts:
        local = p.created_at.astimezone(zone)
        if period == "hour":
            start = local.replace(minute=0, second=0, microsecond=0)
        else:
            start = local.replace(hour=0, minute=0, second=0, microsecond=0)
            if period == "week":
                start = (start.replace(tzinfo=None) - timedelta(days=start.weekday())).replace(
                    tzinfo=zone)
            elif period == "month":
                start = start.replace(day=1)
            elif period == "year":
                start = start.replace(month=1, day=1)
        if by is None:
            groups: list[Any] = [None]
        elif isinstance(by, str) and not by.startswith("#"):
            groups = [grouping(by)(p)]
        else:
            wanted = {t.lstrip("#").casefold() for t in ([by] if isinstance(by, str) else by)}
            groups = sorted(wanted & {t.key for t in p.hashtags})
        for group in groups:
            row = out[group, start.astimezone(UTC)]
            row[0] += 1
            if author_key(p) is not None:
                row[1].add(author_key(p))
            if p.engagement.likes is not None:
                row[2] += p.engagement.likes
                row[3] += 1
    return out


@given(st.sampled_from(["hour", "day", "week", "month", "year"]),
       st.sampled_from(["UTC", CHICAGO, "Asia/Kolkata"]),
       st.sampled_from([None, "platform", "author", "#CommunityPolicing",
                        ["#BeTheChange", "#NationalNightOut"]]),
       crowded_posts())
def test_counts_agree_with_a_plain_reading(period: str, tz: str, by: Any,
                                           posts: list[Post]) -> None:
    if period == "hour":
        posts = [p for p in posts if p.created_at.month == 11]
    rows = timeline(posts, period=period, tz=tz, by=by)
    expected = _reference(posts, period, tz, by)
    got = {(row.group, row.start.astimezone(UTC)): [row.posts, row.authors, row.likes,
                                                     row.likes_known]
           for row in rows if row.posts}
    assert got == {key: [n, len(authors), likes, known]
                   for key, (n, authors, likes, known) in expected.items()}
    assert sum(row.posts for row in rows) == sum(n for n, *_ in expected.values())


@given(st.sampled_from(["day", "week", "month"]), st.sampled_from(BYS), crowded_posts())
def test_series_are_aligned_and_filled(period: str, by: Any, posts: list[Post]) -> None:
    rows = timeline(posts, period=period, tz=CHICAGO, by=by)
    series: dict[Any, list[Bucket]] = defaultdict(list)
    for row in rows:
        series[row.group].append(row)
    groups = list(series)
    assert groups == sorted(groups, key=lambda g: (g is None, g or ""))
    spans = {tuple((r.start, r.end) for r in rs) for rs in series.values()}
    assert len(spans) <= 1
    for rs in series.values():
        assert all(a.end == b.start for a, b in itertools.pairwise(rs))
        assert all(r.start.tzinfo is ZoneInfo(CHICAGO) for r in rs)
    if posts:
        first = min(p.created_at for p in posts)
        last = max(p.created_at for p in posts)
        for rs in series.values():
            assert rs[0].start.astimezone(UTC) <= first < rs[0].end.astimezone(UTC)
            assert rs[-1].start.astimezone(UTC) <= last < rs[-1].end.astimezone(UTC)


# -- cases ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "hours"), [(10, 23), (3, 25)])
def test_daylight_saving_days(day: int, hours: int) -> None:
    month = 3 if day == 10 else 11
    rows = timeline([post(utc(2024, month, day, 12)), post(utc(2024, month, day + 2, 12))],
                    tz=CHICAGO)
    assert [row.duration for row in rows] == [
        timedelta(hours=hours), timedelta(hours=24), timedelta(hours=24)]
    assert rows[1].posts == 0


@pytest.mark.parametrize(("month", "day", "count"), [(3, 10, 23), (11, 3, 25), (7, 4, 24)])
def test_hour_buckets_of_a_local_day(month: int, day: int, count: int) -> None:
    zone = ZoneInfo(CHICAGO)
    start = datetime(2024, month, day, tzinfo=zone).astimezone(UTC)
    end = datetime(2024, month, day + 1, tzinfo=zone).astimezone(UTC)
    rows = timeline(every(start, end, timedelta(minutes=20)), period="hour", tz=CHICAGO)
    assert len(rows) == count
    assert all(row.posts == 3 and row.duration == timedelta(hours=1) for row in rows)
    assert len({row.start.astimezone(UTC) for row in rows}) == count


def test_the_repeated_hour_keeps_its_two_posts_apart() -> None:
    cdt, cst = utc(2024, 11, 3, 6, 30), utc(2024, 11, 3, 7, 30)  # 01:30 CDT, 01:30 CST
    first, second = timeline([post(cdt), post(cst, likes=3)], period="hour", tz=CHICAGO)
    assert (first.posts, first.likes, second.posts, second.likes) == (1, 0, 1, 3)
    assert first.start.isoformat() == "2024-11-03T01:00:00-05:00"
    assert second.start.isoformat() == "2024-11-03T01:00:00-06:00"
    assert second.end.isoformat() == "2024-11-03T02:00:00-06:00"
    assert first.end.utcoffset() == second.start.utcoffset()


def test_iso_weeks_across_a_year_end() -> None:
    rows = timeline([post(utc(2024, 12, 28)), post(utc(2025, 1, 1)), post(utc(2025, 1, 5, 23))],
                    period="week")
    assert [(row.start.date().isoformat(), row.posts) for row in rows] == [
        ("2024-12-23", 1), ("2024-12-30", 2)]
    assert rows[1].start.isocalendar()[:2] == (2025, 1)


def test_empty_buckets_are_filled() -> None:
    rows = timeline([post(utc(2024, 1, 15)), post(utc(2024, 4, 2))], period="month")
    assert [(row.start.month, row.posts) for row in rows] == [(1, 1), (2, 0), (3, 0), (4, 1)]
    assert rows[1] == Bucket(group=None, start=rows[1].start, end=rows[2].start, posts=0,
                             authors=0, likes=0, likes_known=0)


@pytest.mark.parametrize(("tz", "day"), [("Asia/Kolkata", 3), ("UTC", 2), (CHICAGO, 2)])
def test_a_zone_east_of_utc_moves_an_evening_post_to_the_next_day(tz: str, day: int) -> None:
    row, = timeline([post(utc(2024, 5, 2, 20))], tz=tz)
    assert row.start.date() == datetime(2024, 5, day).date()
    assert row.start.tzinfo is ZoneInfo(tz)


def test_years_start_at_local_midnight() -> None:
    row, = timeline([post(utc(2024, 1, 1, 3))], period="year", tz=CHICAGO)  # 2023-12-31 local
    assert row.start.isoformat() == "2023-01-01T00:00:00-06:00"
    assert row.end.isoformat() == "2024-01-01T00:00:00-06:00"


def test_unknown_likes_are_not_zero() -> None:
    row, = timeline([post(utc(2024, 5, 2), likes=None), post(utc(2024, 5, 2), likes=0),
                     post(utc(2024, 5, 2), likes=5)])
    assert (row.posts, row.likes, row.likes_known) == (3, 5, 2)


def test_authors_are_distinct_known_accounts() -> None:
    when = utc(2024, 5, 2)
    row, = timeline([post(when, handle="SpringfieldPD"), post(when, handle="springfieldpd"),
                     post(when, handle="springfieldpd", platform="twitter"), post(when)])
    assert (row.posts, row.authors) == (4, 2)


def test_by_platform_gives_aligned_series() -> None:
    rows = timeline([post(utc(2024, 5, 1), platform="twitter"),
                     post(utc(2024, 5, 3), platform="instagram")], by="platform")
    assert [(row.group, row.start.day, row.posts) for row in rows] == [
        ("instagram", 1, 0), ("instagram", 2, 0), ("instagram", 3, 1),
        ("twitter", 1, 1), ("twitter", 2, 0), ("twitter", 3, 0)]


def test_by_officer_puts_none_last() -> None:
    officer = Officer(name="Jordan Reyes")
    rows = timeline([post(utc(2024, 5, 1)),
                     Post(id="2", platform="instagram", created_at=utc(2024, 5, 1),
                          officer=officer)], by="officer")
    assert [(row.group, row.posts) for row in rows] == [("Jordan Reyes", 1), (None, 1)]


def test_by_agency_reads_the_roster() -> None:
    own = Account(platform="instagram", handle="SpringfieldPD")
    roster = Roster(agencies=[Agency(name="Springfield Police Department", accounts=[own])])
    posts = [post(utc(2024, 5, 1), handle="springfieldpd"), post(utc(2024, 5, 1), handle="x")]
    assert [(r.group, r.posts) for r in timeline(posts, by="agency", roster=roster)] == [
        ("Springfield Police Department", 1), (None, 1)]
    assert [(r.group, r.posts) for r in timeline(posts, by="agency")] == [(None, 2)]
    aggregator = Timeline(by="agency", roster=roster).update(posts)
    assert pickle.loads(pickle.dumps(aggregator)).result() == aggregator.result()


def test_by_one_hashtag() -> None:
    posts = [post(utc(2024, 5, 1), tags=("CommunityPolicing", "communitypolicing")),
             post(utc(2024, 5, 3), tags=("COMMUNITYPOLICING",)),
             post(utc(2024, 5, 4), tags=("BeTheChange",))]
    rows = timeline(posts, by="#CommunityPolicing")
    assert [(row.group, row.start.day, row.posts) for row in rows] == [
        ("communitypolicing", 1, 1), ("communitypolicing", 2, 0), ("communitypolicing", 3, 1),
        ("communitypolicing", 4, 0)]


def test_by_hashtags_gives_every_tag_a_series() -> None:
    posts = [post(utc(2024, 5, 1), tags=("BeTheChange", "StayCommitted")),
             post(utc(2024, 5, 2))]
    rows = timeline(posts, by=("#StayCommitted", "#BeTheChange", "#NationalNightOut",
                               "#staycommitted"))
    assert [(row.group, row.start.day, row.posts) for row in rows] == [
        ("bethechange", 1, 1), ("bethechange", 2, 0),
        ("nationalnightout", 1, 0), ("nationalnightout", 2, 0),
        ("staycommitted", 1, 1), ("staycommitted", 2, 0)]


def test_no_posts_no_rows() -> None:
    assert timeline([]) == ()
    assert timeline([], by=["#BeTheChange"]) == ()


def test_add_and_update_agree() -> None:
    posts = [post(utc(2024, 5, d, d), handle=f"h{d % 3}", likes=d, tags=("BeTheChange",))
             for d in range(1, 20)]
    for by in BYS:
        one_by_one = Timeline(period="week", tz=CHICAGO, by=by)
        for p in posts:
            one_by_one.add(p)
        assert one_by_one == Timeline(period="week", tz=CHICAGO, by=by).update(posts)


def test_params_and_repr() -> None:
    aggregator = Timeline(period="month", tz=CHICAGO, by=["#A", "#B"])
    assert aggregator.params() == {"period": "month", "tz": CHICAGO, "by": ("#A", "#B"),
                                   "roster": None}
    assert aggregator.empty() == aggregator
    assert repr(aggregator) == (
        "Timeline(period='month', tz='America/Chicago', by=('#A', '#B'), roster=None)")


def test_merging_different_zones_is_refused() -> None:
    with pytest.raises(ArgumentError) as info:
        Timeline(tz="UTC").merge(Timeline(tz=CHICAGO))
    assert info.value.argument == "other"


def test_rows_are_written_by_dumps() -> None:
    rows = timeline([post(utc(2024, 11, 3, 6, 30), likes=2)], period="hour", tz=CHICAGO)
    doc = orjson.loads(ek.dumps(rows))
    assert doc["type"] == "Bucket[]"
    assert doc["data"] == [{"group": None, "start": "2024-11-03T01:00:00-05:00",
                            "end": "2024-11-03T01:00:00-06:00", "posts": 1, "authors": 0,
                            "likes": 2, "likes_known": 1}]


# -- bad arguments --------------------------------------------------------------------------


@pytest.mark.parametrize(("kwargs", "argument"), [
    ({"period": "fortnight"}, "period"),
    ({"period": "Day"}, "period"),
    ({"period": None}, "period"),
    ({"tz": "Mars/Olympus"}, "tz"),
    ({"tz": ""}, "tz"),
    ({"tz": "../x"}, "tz"),
    ({"tz": "/usr/share/zoneinfo/UTC"}, "tz"),
    ({"tz": None}, "tz"),
    # by: a grouping misspelt, a tag without '#', an empty list, a list with a non-tag
    ({"by": "Platform"}, "by"),
    ({"by": "platforms"}, "by"),
    ({"by": "CommunityPolicing"}, "by"),
    ({"by": ["CommunityPolicing"]}, "by"),
    ({"by": []}, "by"),
    ({"by": ["#A", 3]}, "by"),
    ({"by": ["platform"]}, "by"),
    ({"by": {"#A"}}, "by"),
    ({"by": 7}, "by"),
    # by: hashtags that are not tags
    ({"by": "#"}, "by"),
    ({"by": "#Community Policing"}, "by"),
    ({"by": ["#A", "#"]}, "by"),
])
def test_bad_arguments(kwargs: dict[str, Any], argument: str) -> None:
    with pytest.raises(ArgumentError) as info:
        timeline([], **kwargs)
    assert info.value.argument == argument
    assert info.value.value in (kwargs[argument], "#")
    if argument == "by":
        assert "#CommunityPolicing" in info.value.message
