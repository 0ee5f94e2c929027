"""Tests for engagekit.aggregate._time: periods, zones and the arithmetic of bucket keys."""

from __future__ import annotations

import itertools
import pickle
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.aggregate._time import (
    PERIODS,
    buckets,
    check_period,
    elapsed,
    tag_keys,
    zone_of,
)
from engagekit.errors import ArgumentError
from engagekit.models import Hashtag


def _key(period: str, tz: str, when: datetime) -> int:
    b = buckets(period, tz)
    return b.key_of(when.astimezone(b.zone))


def _day(tz: str, year: int, month: int, day: int) -> tuple[datetime, datetime]:
    b = buckets("day", tz)
    key = b.key_of(datetime(year, month, day, 12, tzinfo=b.zone))
    return b.start(key), b.start(b.after(key))


# description, zone, date, real length of the local day
DAYS = [
    ("spring forward in Chicago", "America/Chicago", (2024, 3, 10), timedelta(hours=23)),
    ("fall back in Chicago", "America/Chicago", (2024, 11, 3), timedelta(hours=25)),
    ("an ordinary Chicago day", "America/Chicago", (2024, 3, 11), timedelta(hours=24)),
    ("UTC has no daylight saving", "UTC", (2024, 3, 10), timedelta(hours=24)),
    ("Kolkata keeps +05:30 all year", "Asia/Kolkata", (2024, 3, 10), timedelta(hours=24)),
    ("Lord Howe goes back half an hour", "Australia/Lord_Howe", (2024, 4, 7),
     timedelta(hours=24, minutes=30)),
    ("Lord Howe goes forward half an hour", "Australia/Lord_Howe", (2024, 10, 6),
     timedelta(hours=23, minutes=30)),
    # Cuba moves its clocks at midnight: the day starts at 01:00, when the skip ends.
    ("midnight skipped in Havana", "America/Havana", (2024, 3, 10), timedelta(hours=23)),
]


@pytest.mark.parametrize(("description", "tz", "date", "length"), DAYS,
                         ids=[row[0] for row in DAYS])
def test_day_length(description: str, tz: str, date: tuple[int, int, int],
                    length: timedelta) -> None:
    start, end = _day(tz, *date)
    assert elapsed(start, end) == length
    assert start.tzinfo is ZoneInfo(tz)
    assert start.date() == datetime(*date).date()


def test_a_day_skipping_midnight_starts_when_the_skip_ends() -> None:
    start, _ = _day("America/Havana", 2024, 3, 10)
    assert start.isoformat() == "2024-03-10T01:00:00-04:00"


def _hours(tz: str, year: int, month: int, day: int) -> list[tuple[datetime, datetime]]:
    first_start, last_end = _day(tz, year, month, day)
    b = buckets("hour", tz)
    first = b.key_of(first_start)
    last = b.key_of((last_end.astimezone(UTC) - timedelta(seconds=1)).astimezone(b.zone))
    return [(start, end) for _, start, end in b.span(first, last)]


@pytest.mark.parametrize(("date", "count"), [((2024, 3, 10), 23), ((2024, 11, 3), 25),
                                             ((2024, 7, 1), 24)])
def test_hour_buckets_are_real_hours(date: tuple[int, int, int], count: int) -> None:
    hours = _hours("America/Chicago", *date)
    assert len(hours) == count
    assert all(elapsed(start, end) == timedelta(hours=1) for start, end in hours)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(hours))


def test_the_repeated_hour_is_two_buckets() -> None:
    cdt = datetime(2024, 11, 3, 6, 30, tzinfo=UTC)  # 01:30 CDT
    cst = datetime(2024, 11, 3, 7, 30, tzinfo=UTC)  # 01:30 CST
    first, second = _key("hour", "America/Chicago", cdt), _key("hour", "America/Chicago", cst)
    assert first < second
    b = buckets("hour", "America/Chicago")
    assert b.after(first) == second
    assert b.start(first).isoformat() == "2024-11-03T01:00:00-05:00"
    assert b.start(second).isoformat() == "2024-11-03T01:00:00-06:00"


def test_lord_howe_half_hour_runs() -> None:
    # 02:00 +11:00 goes back to 01:30 +10:30: the second run of 01:xx lasts 30 minutes.
    hours = _hours("Australia/Lord_Howe", 2024, 4, 7)
    lengths = [elapsed(start, end) for start, end in hours]
    assert len(hours) == 25
    assert lengths.count(timedelta(minutes=30)) == 1
    assert sum(lengths, timedelta()) == timedelta(hours=24, minutes=30)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(hours))


# description, date (a Thursday-or-so in UTC), ISO week start
WEEKS = [
    ("2024-12-30 starts ISO week 1 of 2025", datetime(2025, 1, 1, tzinfo=UTC), "2024-12-30"),
    ("a Monday starts its own week", datetime(2024, 12, 30, tzinfo=UTC), "2024-12-30"),
    ("a Sunday belongs to the week before", datetime(2024, 12, 29, 23, tzinfo=UTC),
     "2024-12-23"),
    ("week 53 of 2020 runs into 2021", datetime(2021, 1, 3, tzinfo=UTC), "2020-12-28"),
]


@pytest.mark.parametrize(("description", "when", "monday"), WEEKS, ids=[w[0] for w in WEEKS])
def test_iso_weeks(description: str, when: datetime, monday: str) -> None:
    b = buckets("week", "UTC")
    start = b.start(b.key_of(when))
    assert start.date().isoformat() == monday
    assert start.weekday() == 0
    assert b.start(b.after(b.key_of(when))) == start + timedelta(days=7)


@pytest.mark.parametrize(("period", "start"), [
    ("month", "2024-11-01T00:00:00-05:00"), ("year", "2024-01-01T00:00:00-06:00")])
def test_months_and_years_start_at_local_midnight(period: str, start: str) -> None:
    b = buckets(period, "America/Chicago")
    assert b.start(b.key_of(datetime(2024, 11, 20, tzinfo=b.zone))).isoformat() == start


def test_a_post_east_of_utc_lands_on_the_next_local_day() -> None:
    b = buckets("day", "Asia/Kolkata")
    start = b.start(_key("day", "Asia/Kolkata", datetime(2024, 5, 2, 20, tzinfo=UTC)))
    assert start.isoformat() == "2024-05-03T00:00:00+05:30"


@given(st.sampled_from(PERIODS),
       st.sampled_from(["UTC", "America/Chicago", "Asia/Kolkata", "Australia/Lord_Howe",
                        "America/Havana", "Europe/London"]),
       st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 1, 1),
                    timezones=st.just(UTC)))
def test_a_time_falls_in_its_bucket(period: str, tz: str, when: datetime) -> None:
    b = buckets(period, tz)
    key = b.key_of(when.astimezone(b.zone))
    start, end = b.start(key), b.start(b.after(key))
    assert start.astimezone(UTC) <= when < end.astimezone(UTC)
    assert b.key_of(start) == key
    assert b.after(key) > key


def test_buckets_pickle_as_the_shared_instance() -> None:
    b = buckets("month", "America/Chicago")
    assert pickle.loads(pickle.dumps(b)) is b
    assert repr(b) == "buckets('month', 'America/Chicago')"


@pytest.mark.parametrize("period", PERIODS)
def test_known_periods(period: str) -> None:
    assert check_period(period) == period


@pytest.mark.parametrize("period", [
    "days", "Day", "fortnight", "quarter", "", None, 7, ("day",),
])
def test_unknown_periods(period: object) -> None:
    with pytest.raises(ArgumentError, match="expected one of 'hour', 'day'") as info:
        check_period(period)
    assert info.value.argument == "period"
    assert info.value.value == period


@pytest.mark.parametrize("tz", ["UTC", "America/Chicago", "Asia/Kolkata", "Etc/GMT+5"])
def test_known_zones(tz: str) -> None:
    assert zone_of(tz) is ZoneInfo(tz)


@pytest.mark.parametrize("tz", [
    # not a zone name
    "Mars/Olympus", "America", "america/chicago", " UTC", "CDT",
    # not a key zoneinfo would look up: empty, absolute or climbing paths
    "", "../x", "/etc/localtime", "America/../UTC",
    # a file in the zone folder that is no zone
    "zone.tab",
    # not a string at all
    None, 0, ZoneInfo("UTC"), b"UTC",
])
def test_bad_zones(tz: object) -> None:
    with pytest.raises(ArgumentError, match="IANA time zone") as info:
        zone_of(tz)
    assert info.value.argument == "tz"
    assert info.value.value is tz


def test_buckets_check_before_caching() -> None:
    with pytest.raises(ArgumentError) as info:
        buckets("day", ["UTC"])  # type: ignore[arg-type]  # unhashable: no TypeError
    assert info.value.argument == "tz"


def test_tag_keys() -> None:
    assert tag_keys(["#CommunityPolicing", "communitypolicing", Hashtag(text="BeTheChange"),
                     "＃StayCommitted"], "hashtags") == (
        "communitypolicing", "bethechange", "staycommitted")


@pytest.mark.parametrize("tag", ["", "#", "##", "Community Policing", "#Night\tOut", None, 5])
def test_bad_tags(tag: object) -> None:
    with pytest.raises(ArgumentError, match="#CommunityPolicing") as info:
        tag_keys([tag], "hashtags")
    assert info.value.argument == "hashtags"
    assert info.value.value == tag
