"""engagekit.report._tables: cell text, periods, the choice of period, trimming small rows."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.aggregate import Suppressed, publish
from engagekit.report._tables import (
    PERIODS,
    WITHHELD,
    Pair,
    Tally,
    choose_period,
    fmt,
    periods,
    trim,
)

DAY0 = date(2024, 1, 1)


def _days(counts: list[int], start: date = DAY0) -> list[tuple[date, int]]:
    return [(start + timedelta(days=i), n) for i, n in enumerate(counts)]


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (Suppressed.PRIMARY, WITHHELD),
        (Suppressed.ROW, WITHHELD),
        (None, "unknown"),  # a count the source did not give is never 0
        (0, "0"),
        (12345, "12,345"),
        (248.0, "248"),
        (246.5, "246.5"),
        (True, "yes"),
        ("#StayCommitted", "#StayCommitted"),
        (datetime(2024, 1, 7, 3, 0, tzinfo=timezone.utc), "2024-01-06"),  # Chicago's 6 January
    ],
)
def test_cells_are_written_as_the_page_shows_them(cell: object, text: str) -> None:
    assert fmt(cell, ZoneInfo("America/Chicago")) == text


@pytest.mark.parametrize(
    ("period", "labels"),
    [
        ("day", ["2024-12-30", "2024-12-31", "2025-01-01"]),
        ("week", ["2025-W01"]),  # ISO weeks: 30 December 2024 is in 2025's first week
        ("month", ["2024-12", "2025-01"]),
        ("quarter", ["2024-Q4", "2025-Q1"]),
        ("year", ["2024", "2025"]),
    ],
)
def test_periods_are_labelled_by_the_calendar(period: str, labels: list[str]) -> None:
    rows = periods(_days([1, 2, 3], start=date(2024, 12, 30)), period)
    assert [row.start for row in rows] == labels


@given(st.lists(st.integers(min_value=0, max_value=50), max_size=800),
       st.sampled_from(PERIODS))
def test_periods_keep_every_post_in_order(counts: list[int], period: str) -> None:
    rows = periods(_days(counts), period)
    assert sum(row.posts for row in rows) == sum(counts)
    assert [row.start for row in rows] == sorted(row.start for row in rows)


@pytest.mark.parametrize(
    ("counts", "min_count", "period"),
    [
        ([20] * 30, 10, "day"),  # busy days: days
        ([3] * 28, 10, "week"),  # 21 a week (1 January 2024 is a Monday)
        ([3] * 30, 10, "month"),  # the last 2 days' week of 6 posts, and its complement
        ([1] * 90, 10, "month"),  # 30 a month, but only 13 a week
        ([7 if (DAY0 + timedelta(days=i)).day == 1 else 0 for i in range(366)], 10,
         "quarter"),  # 7 a month, 21 a quarter
        ([1 if i % 90 == 0 else 0 for i in range(3000)], 10, "year"),  # 4 a year: no choice
        ([1] * 400, 1, "week"),  # nothing withheld, but 400 days are too many bars
        ([5], 10, "year"),  # one small day: withheld in every period
    ],
)
def test_the_finest_period_with_few_withheld_cells_is_chosen(counts: list[int], min_count: int,
                                                             period: str) -> None:
    chosen = choose_period(_days(counts), min_count)
    assert chosen is not None
    assert chosen[0] == period


def test_no_days_no_period() -> None:
    assert choose_period([], 10) is None


@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=400),
       st.integers(min_value=1, max_value=15))
def test_a_chosen_period_publishes_no_small_count(counts: list[int], min_count: int) -> None:
    chosen = choose_period(_days(counts), min_count)
    assert chosen is not None
    period, rows, table = chosen
    assert sum(row.posts for row in rows) == sum(counts)
    assert len(rows) <= 60 or period == "year"
    for row in table.rows:
        posts = row[1]
        assert isinstance(posts, Suppressed) or posts == 0 or posts >= min_count


@given(st.lists(st.integers(min_value=0, max_value=40), max_size=60),
       st.integers(min_value=1, max_value=15))
def test_trimming_small_rows_publishes_the_same_rows(counts: list[int], min_count: int) -> None:
    rows = [Pair(key=f"k{i:03d}", a="a", b="b", posts=n) for i, n in enumerate(counts)]
    kept, trimmed = trim(rows, min_count)
    full = publish(rows, min_count=min_count)
    part = publish(kept, min_count=min_count)
    assert len(kept) + trimmed == len(rows)
    by_key = {row[0]: row for row in full.rows}
    for row in part.rows:
        assert row == by_key[row[0]]  # every kept row is published exactly as in the whole
    left_out = {row.key for row in rows} - {row.key for row in kept}
    assert all(full.withheld(i) for i, row in enumerate(rows) if row.key in left_out)
    assert Tally().add(part, trimmed=trimmed) == Tally().add(full)
