"""What the report may publish: every count table through :func:`engagekit.aggregate.publish`.

Each table is published on its own, as one line (its rows are parts of one
total). Figures that do not add up to anything (the headline, each text-quality
finding, the engagement of all platforms) are published one row at a time, so
a small one is withheld without taking unrelated figures with it. Tables keyed
by free text (hashtags, pairs of hashtags, places) leave withheld rows out; the
others show them as ``withheld``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

import attrs

from engagekit.aggregate import GroupRow, Publication, Suppressed, publish
from engagekit.aggregate._base import count, percentile, value

__all__ = ["PERIODS", "WITHHELD", "Counted", "Headline", "Pair", "Period", "Spread", "Table",
           "Tally", "choose_period", "fmt", "group_table", "published", "trim"]

class _Counted(Protocol):
    @property
    def posts(self) -> int: ...


T = TypeVar("T", bound=_Counted)

#: The text of a withheld cell.
WITHHELD = "withheld"
#: Periods the timeline may use, finest first.
PERIODS = ("day", "week", "month", "quarter", "year")
_MAX_BARS = 60  # more buckets than this do not read as bars on a phone
_MAX_WITHHELD = 0.25  # a period is usable when at most this share of its non-zero cells is


@attrs.frozen(kw_only=True)
class Headline:
    """The whole collection: posts, and what they come from."""

    what: str
    posts: int = count()
    accounts: int = value()
    officers: int = value()
    platforms: int = value()
    first: datetime | None = value()
    last: datetime | None = value()


@attrs.frozen(kw_only=True)
class Counted:
    """A number of posts with a label: a finding, a reason posts were left out."""

    what: str
    posts: int = count()
    share: float | None = value()


@attrs.frozen(kw_only=True)
class Period:
    """The posts of one period of local time (``start`` is its label: ``2024-Q1``)."""

    start: str
    posts: int = count()


@attrs.frozen(kw_only=True)
class Pair:
    """Two hashtags used in the same posts."""

    key: str
    a: str = value()
    b: str = value()
    posts: int = count()


@attrs.frozen(kw_only=True)
class Spread:
    """The known values of one engagement count on one platform (or all)."""

    key: str
    posts: int = count()
    unknown: int = value()
    p10: float | None = value()
    p25: float | None = value()
    median: float | None = value()
    p75: float | None = value()
    p90: float | None = value()
    mean: float | None = value()


def spread(key: str, values: Counter[int], unknown: int) -> Spread:
    """:class:`Spread` of counted values (nearest-rank percentiles, exact median)."""
    known = sum(values.values())
    total = sum(v * n for v, n in values.items())
    return Spread(key=key, posts=known, unknown=unknown, p10=percentile(values, 10),
                  p25=percentile(values, 25), median=percentile(values, 50),
                  p75=percentile(values, 75), p90=percentile(values, 90),
                  mean=total / known if known else None)


@attrs.frozen(kw_only=True)
class Table:
    """A table as the page shows it: header, formatted rows, and what was left out."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    dropped: int = 0
    more: int = 0  # published rows beyond those shown


@attrs.frozen(kw_only=True)
class Tally:
    """Cells and rows withheld over every publication of one report."""

    cells: int = 0
    rows: int = 0

    def add(self, publication: Publication, *, trimmed: int = 0) -> Tally:
        """This tally plus ``publication``'s withheld cells and rows, and ``trimmed`` rows
        left out before publishing (see :func:`trim`), each withheld whole."""
        rows = sum(publication.withheld(i) for i in range(len(publication.rows)))
        per_row = sum(column.kind != "label" for column in publication.columns)
        return Tally(cells=self.cells + len(publication.suppressed) + trimmed * per_row,
                     rows=self.rows + rows + trimmed)


def trim(rows: Sequence[T], min_count: int) -> tuple[list[T], int]:
    """``rows`` without the small rows :func:`publish` need not see, and how many were left out.

    For rows that make one line and have one count, ``posts`` (hashtags, pairs): publish
    withholds every row of 1 to ``min_count - 1`` posts, and whether it must withhold more
    depends on those rows only through how many they are (at least 2?) and their total (at
    least ``min_count``?). The largest small rows that settle both questions stand for all
    of them, so what is published is the same; it spares publishing a long tail of tags.
    """
    small = sorted((i for i, row in enumerate(rows) if 0 < row.posts < min_count),
                   key=lambda i: -rows[i].posts)
    needed: set[int] = set()
    total = 0
    for i in small:
        if len(needed) >= 2 and total >= min_count:
            break
        needed.add(i)
        total += rows[i].posts
    kept = [row for i, row in enumerate(rows) if not 0 < row.posts < min_count or i in needed]
    return kept, len(small) - len(needed)


def published(rows: Sequence[Any], min_count: int) -> tuple[list[dict[str, Any]], Publication]:
    """The rows as dicts (withheld cells as :class:`Suppressed` markers), and the publication."""
    table = publish(list(rows), min_count=min_count)
    names = table.names
    return [dict(zip(names, row, strict=True)) for row in table.rows], table


def fmt(cell: Any, zone: ZoneInfo | None = None) -> str:
    """One cell as text: thousands separators, one decimal, dates in ``zone``."""
    if isinstance(cell, Suppressed):
        return WITHHELD
    if cell is None:
        return "unknown"
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, int):
        return f"{cell:,}"
    if isinstance(cell, float):
        return f"{cell:,.0f}" if cell.is_integer() else f"{cell:,.1f}"
    if isinstance(cell, datetime):
        return (cell.astimezone(zone) if zone is not None else cell).strftime("%Y-%m-%d")
    return str(cell)


#: A per-group table's columns: the published row's field, and its heading.
_GROUP_COLUMNS = (("posts", "posts"), ("authors", "accounts"), ("hashtags", "hashtags"),
                  ("likes.median", "median likes"), ("comments.median", "median comments"),
                  ("first", "first"), ("last", "last"))


def group_table(rows: Sequence[GroupRow], min_count: int, zone: ZoneInfo, *, none: str,
                drop_withheld: bool, accounts: bool = True,
                top: int = 20) -> tuple[Table, Publication]:
    """A per-group table: posts, accounts, hashtags, median likes and comments, first, last.

    ``accounts=False`` leaves out the accounts column (per account, it is always 1).
    """
    dicts, table = published(rows, min_count)
    columns = [(field, heading) for field, heading in _GROUP_COLUMNS
               if accounts or field != "authors"]
    shown, dropped = [], 0
    for i, row in enumerate(dicts):
        if drop_withheld and table.withheld(i):
            dropped += 1
            continue
        label = none if row["group"] is None else row["group"]
        shown.append((label, *(fmt(row[field], zone) for field, _ in columns)))
    return Table(columns=("", *(heading for _, heading in columns)),
                 rows=tuple(shown[:top]), numeric=(False, *[True] * len(columns)),
                 dropped=dropped, more=max(0, len(shown) - top)), table


_PERIOD_OF: dict[str, Callable[[date], str]] = {
    "day": lambda d: d.isoformat(),
    "week": lambda d: "{}-W{:02d}".format(*d.isocalendar()[:2]),
    "month": lambda d: f"{d.year}-{d.month:02d}",
    "quarter": lambda d: f"{d.year}-Q{(d.month - 1) // 3 + 1}",
    "year": lambda d: str(d.year),
}


def periods(days: Sequence[tuple[date, int]], period: str) -> list[Period]:
    """Local days' posts summed into ``period`` buckets (days are whole parts of each)."""
    label = _PERIOD_OF[period]
    sums: dict[str, int] = {}
    for day, posts in days:
        key = label(day)
        sums[key] = sums.get(key, 0) + posts
    return [Period(start=key, posts=n) for key, n in sums.items()]


def choose_period(days: Sequence[tuple[date, int]],
                  min_count: int) -> tuple[str, list[Period], Publication] | None:
    """The finest period with at most 60 buckets in which few non-zero cells are withheld.

    Falls back to years. ``None`` when there are no posts.
    """
    if not days:
        return None
    chosen = None
    for period in PERIODS:
        rows = periods(days, period)
        if len(rows) > _MAX_BARS and period != "year":
            continue
        table = publish(rows, min_count=min_count)
        nonzero = sum(row.posts > 0 for row in rows)
        hidden = sum(1 for i, row in enumerate(rows) if row.posts and table.withheld(i))
        chosen = (period, rows, table)
        if hidden <= _MAX_WITHHELD * nonzero:
            break
    return chosen
