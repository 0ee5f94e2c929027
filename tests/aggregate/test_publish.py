"""Tests for engagekit.aggregate._publish: small-cell suppression of aggregation rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.aggregate import (
    KeyCount,
    Publication,
    PublishedColumn,
    Stats,
    Suppressed,
    SuppressedCell,
    Variant,
    publish,
)
from engagekit.aggregate._base import count, value
from engagekit.errors import ArgumentError
from engagekit.io._converter import converter

DAY0 = datetime(2024, 5, 1, tzinfo=UTC)


@attrs.frozen(kw_only=True)
class SeriesRow:
    """A time-series row of one group: two labels besides ``end``, two counts, one value."""

    group: str | None
    start: datetime
    end: datetime
    posts: int = count()
    authors: int = count()
    likes: int = value()


@attrs.frozen(kw_only=True)
class Spelling:
    """A nested row whose number is a count of posts (engagekit's own Variant is a value)."""

    text: str
    posts: int = count()


@attrs.frozen(kw_only=True)
class Summary:
    """A one-row summary with no labels, a tuple value and nested rows with counts."""

    posts: int = count()
    lost: int = count()
    share: float | None = value()
    ids: tuple[str, ...] = value()
    repairs: tuple[Spelling, ...] = value()


@attrs.frozen(kw_only=True)
class Grouped:
    """A per-group row with nested statistics (dotted columns)."""

    group: str
    posts: int = count()
    likes: Stats = value()


@attrs.frozen(kw_only=True)
class Labelled:
    """Rows with labels only: nothing to check."""

    key: str
    note: str


def key_row(key: str, posts: int, authors: int | None = None) -> KeyCount:
    return KeyCount(key=key, display=key, variants=(Variant(text=key, count=posts),),
                    posts=posts, authors=posts if authors is None else authors,
                    likes=2 * posts, likes_known=posts, first=DAY0, last=DAY0)


def series_row(group: str | None, day: int, posts: int, authors: int | None = None) -> SeriesRow:
    start = DAY0 + timedelta(days=day)
    return SeriesRow(group=group, start=start, end=start + timedelta(days=1), posts=posts,
                     authors=posts if authors is None else authors, likes=3 * posts)


def reasons(publication: Publication, column: str) -> list[str | None]:
    """Each row's mark in ``column``: a reason, or None when published."""
    j = publication.names.index(column)
    return [cell.reason if isinstance(cell, Suppressed) else None
            for cell in (row[j] for row in publication.rows)]


P, C, R = "primary", "complementary", "row"
N: str | None = None  # published

# --- a flat table: the whole column is one line --------------------------------------------------

FLAT = [
    # (description, posts per key, expected mark per key)
    ("nothing small", [40, 12, 10], [N, N, N]),
    ("a small cell takes the smallest cell as complement", [40, 12, 3], [N, C, P]),
    ("two small cells summing below min_count take a complement", [40, 12, 3, 4], [N, C, P, P]),
    ("two small cells summing to min_count protect each other", [40, 12, 6, 4], [N, N, P, P]),
    ("zero is published and is never a complement", [40, 0, 3], [C, N, P]),
    ("a line of one small cell has nothing left to withhold", [3], [P]),
    ("a line of small cells only", [3, 4], [P, P]),
    ("ties go to the first row", [12, 12, 3], [C, N, P]),
    ("empty table", [], []),
]


@pytest.mark.parametrize(("description", "posts", "expected"), FLAT,
                         ids=[case[0] for case in FLAT])
def test_flat(description: str, posts: list[int], expected: list[str | None]) -> None:
    publication = publish(tuple(key_row(f"k{i}", n) for i, n in enumerate(posts)))
    if not posts:
        assert publication.rows == ()
        assert publication.columns == ()
        return
    assert reasons(publication, "posts") == expected
    assert publication.rule.lines == ("key",)
    assert publication.rule.method == "primary + complementary"
    for j, mark in enumerate(expected):  # a withheld row is withheld whole; labels stay
        row = publication.rows[j]
        assert row[0] == f"k{j}"
        assert all(isinstance(cell, Suppressed) for cell in row[1:]) == (mark is not None)


@attrs.frozen(kw_only=True)
class TwoCounts:
    """A flat row with two counts, a value and a nested listing of counts."""

    key: str
    posts: int = count()
    reposts: int = count()
    likes: int = value()
    spellings: tuple[Spelling, ...] = value()


def two(key: str, posts: int, reposts: int) -> TwoCounts:
    return TwoCounts(key=key, posts=posts, reposts=reposts, likes=2 * posts,
                     spellings=(Spelling(text=key, posts=posts),))


def test_flat_row_rule() -> None:
    # a small second count withholds the row's other counts and values too,
    # and the posts line gets company
    publication = publish((two("a", 50, 3), two("b", 20, 20), two("c", 30, 30)))
    assert reasons(publication, "reposts") == [P, C, N]
    assert reasons(publication, "posts") == [R, C, N]
    assert reasons(publication, "likes") == [R, R, N]
    assert publication.rows[2][publication.names.index("likes")] == 60


def test_distinct_authors_and_known_counts_are_values_not_counts() -> None:
    # KeyCount's unit is the post: one agency account posting 40 times is published
    publication = publish(key_row("coffeewithacop", 40, authors=1))
    assert reasons(publication, "posts") == [N]
    assert reasons(publication, "authors") == [N]


def test_flat_values_listing_small_counts() -> None:
    # a value listing a small count (a spelling in 2 posts) is withheld on its own
    row = attrs.evolve(two("coffeewithacop", 40, 40),
                       spellings=(Spelling(text="CoffeeWithACop", posts=38),
                                  Spelling(text="COFFEEWITHACOP", posts=2)))
    publication = publish(row)
    assert reasons(publication, "spellings") == [P]
    assert reasons(publication, "posts") == [N]
    published = publish(key_row("coffeewithacop", 40)).to_dicts()[0]["variants"]
    assert published == ({"text": "coffeewithacop", "count": 40},)


# --- two labels: each group's series and each time's cross-section are lines ------------------

SERIES = [
    # (description, posts per group and day, expected marks, in the same shape)
    ("nothing small", {"A": [12, 20], "B": [15, 25]}, {"A": [N, N], "B": [N, N]}),
    ("one small cell needs a rectangle",
     {"A": [3, 20, 30], "B": [15, 25, 40]}, {"A": [P, C, N], "B": [C, C, N]}),
    ("two small cells in one series sum above min_count",
     {"A": [5, 6, 30], "B": [15, 25, 40]}, {"A": [P, P, N], "B": [C, C, N]}),
    # zeros are published, so B's days 0 and 2 equal their cross-sections' totals: whichever
    # complements B's series takes is alone in its cross-section (docs/publishing.md, limits)
    ("zeros leave a complement alone in its line",
     {"A": [0, 4, 0], "B": [11, 12, 13]}, {"A": [N, P, N], "B": [C, C, N]}),
    ("one group: the series is the only line", {"A": [3, 20, 30]}, {"A": [P, C, N]}),
]


@pytest.mark.parametrize(("description", "grid", "expected"), SERIES,
                         ids=[case[0] for case in SERIES])
def test_series(description: str, grid: dict[str, list[int]],
                expected: dict[str, list[str | None]]) -> None:
    rows = tuple(series_row(group, day, posts)
                 for group, days in grid.items() for day, posts in enumerate(days))
    publication = publish(rows)
    flat = [mark for marks in expected.values() for mark in marks]
    assert reasons(publication, "posts") == flat
    assert reasons(publication, "likes") == [R if mark else N for mark in flat]
    assert reasons(publication, "start") == [N] * len(flat)
    if len(grid) > 1:
        assert publication.rule.lines == ("group within start", "start within group")
    else:
        assert publication.rule.lines == ("start",)


def test_series_labels_that_pair_one_to_one_make_one_line() -> None:
    # each group posted on one day only: group and day split the rows alike
    rows = (series_row("A", 0, 3), series_row("B", 1, 40), series_row("C", 2, 50))
    publication = publish(rows)
    assert publication.rule.lines == ("group",)
    assert reasons(publication, "posts") == [P, C, N]


def test_series_prefers_a_complement_it_can_protect() -> None:
    # B has one day only: a complement there would be its series' total, so C's cell is taken
    rows = (series_row("A", 0, 3), series_row("A", 1, 20), series_row("B", 0, 11),
            series_row("C", 0, 12), series_row("C", 1, 30))
    publication = publish(rows)
    assert reasons(publication, "posts") == [P, C, N, C, C]


# --- one row -------------------------------------------------------------------------------------

def test_summary_row() -> None:
    summary = Summary(posts=50, lost=3, share=0.06, ids=("1", "2", "3"), repairs=())
    publication = publish(summary)
    assert publication.rule.lines == ("all rows",)
    assert publication.names == ("posts", "lost", "share", "ids", "repairs")
    assert reasons(publication, "posts") == [R]
    assert reasons(publication, "lost") == [P]
    assert reasons(publication, "ids") == [R]


def test_summary_row_with_zero_and_small_repairs() -> None:
    summary = Summary(posts=50, lost=0, share=0.0, ids=(),
                      repairs=(Spelling(text="é", posts=40), Spelling(text="ü", posts=4)))
    publication = publish(summary)
    assert publication.rows[0][:4] == (50, 0, 0.0, ())
    assert publication.rows[0][4] is Suppressed.PRIMARY
    assert publication.suppressed == (SuppressedCell(row=0, column="repairs", reason="primary"),)


def test_nested_rows_become_dotted_columns() -> None:
    likes = Stats(known=4, unknown=30, total=12, mean=3.0, median=2.0)
    publication = publish((Grouped(group="A", posts=34, likes=likes),
                           Grouped(group="B", posts=40, likes=attrs.evolve(likes, known=40,
                                                                           unknown=0))))
    assert publication.columns == (
        PublishedColumn(name="group", kind="label"), PublishedColumn(name="posts", kind="count"),
        PublishedColumn(name="likes.known", kind="value"),
        PublishedColumn(name="likes.unknown", kind="value"),
        PublishedColumn(name="likes.total", kind="value"),
        PublishedColumn(name="likes.mean", kind="value"),
        PublishedColumn(name="likes.median", kind="value"))
    # known and unknown split a row's posts: figures about them, published with the row
    assert reasons(publication, "likes.known") == [N, N]
    assert publication.rows[0][2:4] == (4, 30)
    small = publish((Grouped(group="A", posts=4, likes=attrs.evolve(likes, known=4, unknown=0)),
                     Grouped(group="B", posts=40, likes=likes)))
    assert reasons(small, "posts") == [P, C]
    assert reasons(small, "likes.known") == [R, R]


# --- output --------------------------------------------------------------------------------------

def test_to_dicts_and_text() -> None:
    publication = publish((key_row("a", 40), key_row("b", 12), key_row("c", 3)))
    rows = publication.to_dicts()
    assert [row["posts"] for row in rows] == [40, "suppressed (complementary)",
                                              "suppressed (primary)"]
    assert [row["posts"] for row in publication.to_dicts(marker="x")] == [40, "x", "x"]
    assert [row["key"] for row in publication.to_dicts(drop_withheld=True)] == ["a"]
    text = str(publication).splitlines()
    assert text[0] == ("min_count=10 (primary + complementary; lines: key); "
                       "16 of 27 cells withheld")
    assert text[1].split() == list(publication.names)
    assert text[3].split()[:4] == ["b", "[row]", "[row]", "[complementary]"]


def test_unstructures_to_json() -> None:
    publication = publish((key_row("a", 40), key_row("b", 12), key_row("c", 3)))
    data = orjson.loads(orjson.dumps(converter.unstructure(publication)))
    assert data["rule"] == {"min_count": 10, "method": "primary + complementary",
                            "lines": ["key"]}
    assert data["columns"][3] == {"name": "posts", "kind": "count"}
    assert data["rows"][0][:4] == ["a", "a", [{"text": "a", "count": 40}], 40]
    assert data["rows"][2][3] == "suppressed (primary)"
    assert {"row": 2, "column": "posts", "reason": "primary"} in data["suppressed"]


# --- bad arguments -------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [0, -1, 2.5, "10", None, True])
def test_bad_min_count(bad: Any) -> None:
    with pytest.raises(ArgumentError) as info:
        publish(key_row("a", 40), min_count=bad)
    assert info.value.argument == "min_count"
    assert repr(bad) in str(info.value)


@pytest.mark.parametrize(("rows", "says"), [
    ((key_row("a", 40), series_row("A", 0, 40)), "expected rows of one class (KeyCount)"),
    ((Labelled(key="a", note="b"),), "Labelled has no count field"),
    ("posts", "expected attrs rows"),
    (42, "expected attrs rows"),
    (({"posts": 3},), "expected attrs rows"),
    ((attrs.evolve(key_row("a", 40), posts=-1),), "expected a whole number >= 0"),
])
def test_bad_rows(rows: Any, says: str) -> None:
    with pytest.raises(ArgumentError, match="rows") as info:
        publish(rows)
    assert info.value.argument == "rows"
    assert says in str(info.value)


# --- the guarantee, as properties ----------------------------------------------------------------

def natural_lines(rows: Sequence[Any], labels: Sequence[str]) -> list[list[int]]:
    """Lines by the documented rule, worked out without the module's code: for each label,
    the rows sharing every other label; with one label, the whole table."""
    if len(labels) <= 1:
        return [list(range(len(rows)))]
    out: list[list[int]] = []
    for label in labels:
        groups: dict[tuple[Any, ...], list[int]] = {}
        for i, row in enumerate(rows):
            groups.setdefault(tuple(getattr(row, o) for o in labels if o != label), []).append(i)
        out.extend(groups.values())
    return out


def check_guarantee(rows: Sequence[Any], publication: Publication, labels: Sequence[str],
                    min_count: int) -> None:
    names = publication.names
    counts = [j for j, column in enumerate(publication.columns) if column.kind == "count"]
    raw = [[getattr(row, name) for name in names] for row in rows]
    marked = {(cell.row, cell.column) for cell in publication.suppressed}
    for i, row in enumerate(publication.rows):
        withheld = [isinstance(row[j], Suppressed) for j in counts]
        for j, cell in enumerate(row):
            column = publication.columns[j]
            assert isinstance(cell, Suppressed) == ((i, column.name) in marked)
            if column.kind == "label":
                assert cell == raw[i][j]  # labels are never withheld
            elif column.kind == "count" and not isinstance(cell, Suppressed):
                assert cell == raw[i][j]
                assert cell == 0 or cell >= min_count  # (1) published counts are 0 or >= min
            if any(withheld):  # a withheld count withholds every count and value of its row
                assert isinstance(cell, Suppressed) or column.kind == "label"
    for line in natural_lines(rows, labels):
        for j in counts:
            hidden = [raw[i][j] for i in line
                      if isinstance(publication.rows[i][j], Suppressed) and raw[i][j]]
            shown = [raw[i][j] for i in line
                     if not isinstance(publication.rows[i][j], Suppressed) and raw[i][j]]
            if hidden and (len(hidden) < 2 or sum(hidden) < min_count):
                # (2), (3): fewer than two, or a small sum, only when nothing is left to withhold
                assert not shown, (line, names[j], hidden, shown)
    for rendered in publication.to_dicts():  # (4) a withheld cell never reads as 0
        for j in counts:
            assert rendered[names[j]] is not None
    for i, row in enumerate(publication.rows):
        for j in counts:
            if isinstance(row[j], Suppressed):
                assert publication.to_dicts()[i][names[j]] == row[j].value != 0


small_counts = st.one_of(st.integers(0, 12), st.integers(0, 60))


@st.composite
def series_tables(draw: st.DrawFn) -> tuple[SeriesRow, ...]:
    groups = draw(st.lists(st.sampled_from(["A", "B", "C", "D", None]), min_size=1, max_size=4,
                           unique=True))
    days = draw(st.integers(1, 5))
    rows: list[SeriesRow] = []
    for group in groups:
        for day in range(days):
            if draw(st.booleans()) or not rows:  # sparse: a missing cell holds no posts
                posts = draw(small_counts)
                rows.append(series_row(group, day, posts, draw(st.integers(0, posts))))
    return tuple(rows)


@st.composite
def key_tables(draw: st.DrawFn) -> tuple[KeyCount, ...]:
    posts = draw(st.lists(small_counts, min_size=1, max_size=12))
    return tuple(key_row(f"k{i}", n, draw(st.integers(0, n))) for i, n in enumerate(posts))


@given(series_tables(), st.integers(1, 15))
def test_guarantee_series(rows: tuple[SeriesRow, ...], min_count: int) -> None:
    check_guarantee(rows, publish(rows, min_count=min_count), ["group", "start"], min_count)


@given(key_tables(), st.integers(1, 15))
def test_guarantee_flat(rows: tuple[KeyCount, ...], min_count: int) -> None:
    check_guarantee(rows, publish(rows, min_count=min_count), ["key"], min_count)


@given(st.one_of(series_tables(), key_tables()))
def test_min_count_one_withholds_nothing(rows: tuple[Any, ...]) -> None:
    publication = publish(rows, min_count=1)
    assert publication.suppressed == ()
    assert not any(isinstance(cell, Suppressed) for row in publication.rows for cell in row)


@given(series_tables(), st.integers(1, 15), st.randoms(use_true_random=False))
def test_row_order_changes_no_guarantee(rows: tuple[SeriesRow, ...], min_count: int,
                                        rng: Any) -> None:
    shuffled = list(rows)
    rng.shuffle(shuffled)
    check_guarantee(shuffled, publish(shuffled, min_count=min_count), ["group", "start"],
                    min_count)


@given(series_tables(), st.integers(1, 15))
def test_unstructured_publication_is_json(rows: tuple[SeriesRow, ...], min_count: int) -> None:
    data = orjson.loads(orjson.dumps(converter.unstructure(publish(rows, min_count=min_count))))
    assert len(data["rows"]) == len(rows)


def test_check_guarantee_catches_a_lone_withheld_cell() -> None:
    # the property check itself fails on a publication that leaves a small cell alone
    rows = (key_row("a", 40), key_row("b", 3))
    good = publish(rows)
    bad = attrs.evolve(good, rows=(publish(rows, min_count=1).rows[0], good.rows[1]),
                       suppressed=tuple(cell for cell in good.suppressed if cell.row == 1))
    check_guarantee(rows, good, ["key"], 10)
    with pytest.raises(AssertionError):
        check_guarantee(rows, bad, ["key"], 10)
