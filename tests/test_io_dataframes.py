"""Tests for engagekit.io.dataframes: posts and every aggregation result as DataFrames."""

from __future__ import annotations

import inspect
import subprocess
import sys
import typing
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit import aggregate
from engagekit.aggregate import (
    Aggregator,
    ByGroup,
    Campaign,
    Cooccurrence,
    CooccurrenceCounts,
    DomainCounts,
    EmojiCounts,
    EngagementSummary,
    HashtagCounts,
    KeyCount,
    MentionCounts,
    Pair,
    Publication,
    QualitySummary,
    QualityTally,
    Timeline,
    Trending,
)
from engagekit.datasets import sample_posts
from engagekit.errors import ArgumentError
from engagekit.io import MissingExtra, dataframes, from_arrow, row_schema, to_arrow
from engagekit.models import Emoji, Link, Mention, Post

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

_EXTRA = [Post(id=f"extra-{i}", platform="mastodon", text="see https://www.example.org/a",
               created_at=datetime(2024, 5, i + 1, 12, tzinfo=timezone.utc),
               links=[Link(url="https://www.example.org/a")], mentions=[Mention(handle="riverton")],
               emoji=[Emoji(text="🚲")], hashtags=["BikeSafety", "StayCommitted"])
          for i in range(3)]
POSTS = [*sample_posts(), *_EXTRA]

#: One way to make each aggregator of engagekit.aggregate; a test checks none is missing.
AGGREGATORS: dict[type[Aggregator[Any]], Any] = {
    ByGroup: lambda: ByGroup(by="platform"),
    Campaign: lambda: Campaign(["#StayCommitted", "#CommunityPolicing"], period="month"),
    CooccurrenceCounts: CooccurrenceCounts,
    DomainCounts: DomainCounts,
    EmojiCounts: EmojiCounts,
    EngagementSummary: EngagementSummary,
    HashtagCounts: HashtagCounts,
    MentionCounts: MentionCounts,
    QualityTally: QualityTally,
    Timeline: lambda: Timeline(period="month", tz="America/Chicago", by="platform"),
    Trending: lambda: Trending(period="month", min_posts=1),
}


def _rows_of(result: Any) -> list[Any]:
    """The rows a result's table holds, by the documented rule."""
    if isinstance(result, Cooccurrence):
        return list(result.pairs)
    if attrs.has(type(result)):
        return [result]
    return list(result)


def _public_aggregators() -> set[type]:
    return {obj for _, obj in inspect.getmembers(aggregate, inspect.isclass)
            if issubclass(obj, Aggregator) and obj is not Aggregator}


def test_every_aggregator_is_covered() -> None:
    assert set(AGGREGATORS) == _public_aggregators()


@pytest.mark.parametrize("make", list(AGGREGATORS.values()), ids=[c.__name__ for c in AGGREGATORS])
@pytest.mark.parametrize("to_frame", [ek.to_pandas, ek.to_polars], ids=["pandas", "polars"])
def test_every_result_is_a_frame_with_a_column_per_row_field(make: Any, to_frame: Any) -> None:
    result = make().update(POSTS).result()
    rows = _rows_of(result)
    assert rows, "the sample should give every aggregator some rows"
    cls = type(rows[0])
    frame = to_frame(result)
    assert list(frame.columns) == [f.name for f in attrs.fields(cls)]
    assert len(frame) == len(rows)
    # the values are the rows' values, column by column (through Arrow's Python values)
    table = to_arrow(rows)
    for field in attrs.fields(cls):
        assert table.column(field.name).to_pylist() == [
            _plain(getattr(row, field.name)) for row in rows]


def _plain(value: Any) -> Any:
    """A row value as Arrow gives it back: rows as dicts, tuples as lists, times in UTC."""
    if attrs.has(type(value)):
        return {k: _plain(v) for k, v in attrs.asdict(value, recurse=False).items()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc)
    return value


def test_an_aggregator_itself_asks_for_its_result() -> None:
    with pytest.raises(ArgumentError, match=r"hashtagcounts\.result\(\)"):
        ek.to_pandas(HashtagCounts().update(POSTS))


@pytest.mark.parametrize("bad", ["hashtags", b"x", {"a": 1}, 12, [1, 2], None])
def test_what_is_not_rows_is_an_argument_error(bad: Any) -> None:
    with pytest.raises(ArgumentError):
        ek.to_pandas(bad)


def test_a_none_among_posts_is_an_argument_error() -> None:
    with pytest.raises(ArgumentError, match=r"rows of one class \(Post\), got a NoneType"):
        to_arrow([POSTS[0], None])


def test_rows_of_two_classes_are_an_argument_error() -> None:
    rows = [*aggregate.hashtag_counts(POSTS, top=1), Pair(a="a", b="b", posts=1)]
    with pytest.raises(ArgumentError, match=r"rows of one class \(KeyCount\), got a Pair"):
        ek.to_polars(rows)


# -- posts -----------------------------------------------------------------------------------


def test_posts_as_pandas() -> None:
    frame = ek.to_pandas(POSTS)
    assert list(frame.columns) == [f.name for f in attrs.fields(Post)]
    assert str(frame["created_at"].dtype) == "datetime64[us, UTC]"
    assert frame["created_at"].tolist() == [p.created_at for p in POSTS]
    assert all(type(v) is str for v in frame["id"])
    assert frame["id"].tolist() == [
        p.id for p in POSTS]
    assert frame["platform"].tolist() == [p.platform.value for p in POSTS]
    assert frame["hashtags"][0][0]["text"] == POSTS[0].hashtags[0].text


def test_posts_as_pandas_flattened_keep_unknown_counts_unknown() -> None:
    unknown = Post(id="u", platform="instagram",
                   created_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
    frame = ek.to_pandas([*POSTS[:3], unknown], flatten=True)
    assert "engagement.likes" in frame.columns
    assert "location.coordinates.latitude" in frame
    likes = frame["engagement.likes"]
    assert str(likes.dtype) == "Int64"
    assert likes.isna().tolist()[-1]
    assert likes.tolist()[:3] == [p.engagement.likes for p in POSTS[:3]]


def test_posts_as_polars() -> None:
    frame = ek.to_polars(POSTS)
    assert frame.columns == [f.name for f in attrs.fields(Post)]
    assert frame.schema["created_at"] == pl.Datetime("us", "UTC")
    assert frame.schema["id"] == pl.String
    assert frame["created_at"].to_list() == [p.created_at for p in POSTS]
    assert frame["id"].to_list() == [p.id for p in POSTS]


@pytest.mark.parametrize("to_frame", [ek.to_pandas, ek.to_polars], ids=["pandas", "polars"])
def test_empty_input_has_the_columns_and_no_rows(to_frame: Any) -> None:
    assert list(to_frame([]).columns) == [f.name for f in attrs.fields(Post)]
    frame = to_frame(aggregate.hashtag_counts([]), cls=KeyCount)
    assert list(frame.columns) == [f.name for f in attrs.fields(KeyCount)]
    assert len(frame) == 0


# -- containers ------------------------------------------------------------------------------


def test_cooccurrence_is_its_pairs_and_nodes_are_asked_for() -> None:
    network = aggregate.cooccurrence(POSTS)
    assert list(ek.to_pandas(network).columns) == ["a", "b", "posts"]
    nodes = ek.to_polars(network.nodes)
    assert nodes.columns == ["key", "display", "posts"]
    assert nodes["key"].to_list() == [n.key for n in network.nodes]


def test_one_row_is_a_one_row_table() -> None:
    summary = aggregate.quality_summary(POSTS)
    frame = ek.to_pandas(summary)
    assert len(frame) == 1
    assert list(frame.columns) == [f.name for f in attrs.fields(QualitySummary)]
    assert list(frame["lost_ids"][0]) == list(summary.lost_ids)


def test_publication_has_its_columns_and_withheld_cells_are_null() -> None:
    table = aggregate.publish(aggregate.by_platform(POSTS), min_count=30)
    assert isinstance(table, Publication)
    frame = ek.to_pandas(table)
    assert list(frame.columns) == list(table.names)
    assert table.suppressed
    for cell in table.suppressed:
        assert pd.isna(frame[cell.column][cell.row])
    polars_frame = ek.to_polars(table)
    assert polars_frame.columns == list(table.names)
    assert polars_frame["group"].to_list() == [row[0] for row in table.rows]


# -- schemas and round trips -----------------------------------------------------------------


def _row_classes(*, checked: bool = True) -> list[type]:
    """The attrs classes of engagekit.aggregate but Publication; without the classes whose
    fields have validators when not ``checked`` (the strategies below know no validators)."""
    out = []
    for _, obj in inspect.getmembers(aggregate, inspect.isclass):
        if attrs.has(obj) and obj is not Publication and (
                checked or all(f.validator is None for f in attrs.fields(obj))):
            out.append(obj)
    return out


@pytest.mark.parametrize("cls", _row_classes(), ids=lambda c: c.__name__)
def test_every_row_class_has_a_derived_schema(cls: type) -> None:
    schema = row_schema(cls)
    assert schema.names == [f.name for f in attrs.fields(cls)]


def test_a_class_with_an_untyped_field_is_an_argument_error() -> None:
    with pytest.raises(ArgumentError, match=r"Publication\.rows: no Arrow type"):
        row_schema(Publication)


_UTC_OR_ZONE = st.sampled_from([timezone.utc, timezone(timedelta(hours=-6)),
                                ZoneInfo("Asia/Kolkata")])


def _unambiguous(moment: datetime) -> bool:
    """Whether a wall time names one instant: under PEP 495 an aware time in a repeated or
    skipped hour never equals a time in another zone, so the UTC time read back could not be
    compared with it. Kolkata repeated 23:00-24:00 on 14 October 1945, for example."""
    return moment.replace(fold=0).utcoffset() == moment.replace(fold=1).utcoffset()


def _strategy(tp: Any) -> st.SearchStrategy[Any]:
    """Values of an annotation, derived from it (as the Arrow schema is)."""
    args = typing.get_args(tp)
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return st.none() | _strategy(rest[0])
    if tp is str:
        return st.text(max_size=8)
    if tp is int:
        return st.integers(min_value=-(2**63), max_value=2**63 - 1)
    if tp is float:
        return st.floats(allow_nan=False)
    if tp is datetime:
        return st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1),
                            timezones=_UTC_OR_ZONE).filter(_unambiguous)
    if typing.get_origin(tp) is tuple:
        return st.lists(_strategy(args[0]), max_size=3).map(tuple)
    assert attrs.has(tp), tp
    return rows(tp)


def rows(cls: type) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls)
    return st.builds(cls, **{f.name: _strategy(hints[f.name]) for f in attrs.fields(cls)})


@pytest.mark.parametrize("cls", _row_classes(checked=False), ids=lambda c: c.__name__)
def test_rows_round_trip_through_arrow(cls: type) -> None:
    @given(st.lists(rows(cls), max_size=6))
    def check(items: list[Any]) -> None:
        table = to_arrow(items, cls=cls)
        assert table.num_rows == len(items)
        assert from_arrow(table, cls=cls) == items
        for field in attrs.fields(cls):
            got = table.column(field.name).to_pylist()
            assert got == [_plain(getattr(row, field.name)) for row in items]
        frame = ek.to_polars(items, cls=cls)
        assert frame.columns == [f.name for f in attrs.fields(cls)]
        assert frame.height == len(items)

    check()


# -- extras ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("fn", "module"), [(ek.to_pandas, "pandas"), (ek.to_polars, "polars")])
def test_a_missing_library_names_its_extra(monkeypatch: pytest.MonkeyPatch, fn: Any,
                                           module: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingExtra, match=rf"pip install 'engagekit\[{module}\]'"):
        fn(POSTS)


def test_missing_pyarrow_names_the_dataframe_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtra, match=r"engagekit\[polars\]"):
        dataframes.to_polars(POSTS)


def test_importing_engagekit_imports_no_dataframe_library() -> None:
    code = ("import sys, engagekit, engagekit.io, engagekit.io.dataframes; "
            "print([m for m in ('pandas', 'polars', 'pyarrow') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True)
    assert out.stdout.strip() == "[]"
