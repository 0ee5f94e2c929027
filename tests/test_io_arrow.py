"""Tests for engagekit.io.arrow: the derived schema, table and Parquet round trips, errors."""

from __future__ import annotations

import subprocess
import sys
import typing
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engagekit
from engagekit import io
from engagekit.errors import ArgumentError, EngageKitError, ParseError
from engagekit.io import _arrow_schema, arrow
from engagekit.io._schema import SCHEMA_VERSION
from engagekit.models import Hashtag, Post
from engagekit.strategies import posts

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

POST_LISTS = st.lists(posts(), max_size=12)
TMP_SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture],
                        deadline=None)


def _post(i: int, **changes: Any) -> Post:
    changes.setdefault("platform", "instagram")
    return Post(id=str(i),
                created_at=datetime(2015, 6, 1, 12, 0, 0, 123456, tzinfo=timezone.utc),
                text=f"post {i} #Tag", hashtags=[Hashtag(text="Tag", start=7, end=11)],
                **changes)


def _same_posts(got: list[Post], want: list[Post]) -> bool:
    """Equal as multisets (a repr is no sort key: it shows a datetime's fold)."""
    rest = list(want)
    for post in got:
        if post not in rest:
            return False
        rest.remove(post)
    return not rest


# -- the schema --------------------------------------------------------------------------


def _models(cls: type, seen: set[type]) -> Iterator[type]:
    """Every model class reachable from ``cls`` through its field annotations."""
    if cls in seen:
        return
    seen.add(cls)
    yield cls
    for tp in typing.get_type_hints(cls).values():
        stack = [tp]
        while stack:
            t = stack.pop()
            if isinstance(t, type) and attrs.has(t):
                yield from _models(t, seen)
            stack.extend(typing.get_args(t))


def test_schema_has_every_post_field_in_order() -> None:
    assert arrow.arrow_schema().names == [f.name for f in attrs.fields(Post)]


def test_schema_has_every_nested_model_field() -> None:
    """Walk the schema beside the models: each struct holds its model's fields in order."""
    def check(cls: type, typ: Any, where: str) -> None:
        names = typ.names if isinstance(typ, pa.Schema) else [f.name for f in typ]
        assert names == [f.name for f in attrs.fields(cls)], where
        hints = typing.get_type_hints(cls)
        for f in attrs.fields(cls):
            child = typ.field(f.name).type
            while pa.types.is_list(child):
                child = child.value_type
            inner = [t for t in [hints[f.name], *typing.get_args(hints[f.name])]
                     for t in [t, *typing.get_args(t)] if isinstance(t, type) and attrs.has(t)]
            if inner:
                assert pa.types.is_struct(child), f"{where}.{f.name}"
                check(inner[0], child, f"{where}.{f.name}")

    check(Post, arrow.arrow_schema(), "Post")
    covered = set(_models(Post, set()))
    assert {"Account", "Officer", "Agency", "Location", "Coordinates", "Media", "Engagement",
            "TextQuality", "Hashtag", "Mention", "Link", "Cashtag", "Emoji"} <= {
        c.__name__ for c in covered}


def test_schema_types() -> None:
    schema = arrow.arrow_schema()
    assert schema.field("created_at").type == pa.timestamp("us", tz="UTC")
    assert schema.field("id").type == pa.string()
    assert schema.field("platform").type == pa.string()
    assert schema.field("extra").type == pa.string()
    assert pa.types.is_struct(schema.field("location").type.field("coordinates").type)
    engagement = schema.field("engagement").type
    assert all(f.type == pa.int64() and f.nullable for f in engagement)
    assert pa.types.is_struct(schema.field("hashtags").type.value_type)
    assert schema.field("hashtags").type.value_type.names == ["text", "start", "end"]
    assert schema.metadata[b"engagekit.schema"] == str(SCHEMA_VERSION).encode()


def test_a_new_post_field_is_in_the_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """The schema follows attrs.fields: a new field appears with no other edit."""
    @attrs.frozen(kw_only=True)
    class Wider:
        id: str
        shares_public: bool | None = None

    schema = _arrow_schema.model_schema(Wider)
    assert schema.names == ["id", "shares_public"]
    assert schema.field("shares_public").type == pa.bool_()


def test_an_unknown_annotation_is_refused() -> None:
    with pytest.raises(TypeError, match="no Arrow type"):
        _arrow_schema.arrow_type(complex)


# -- round trips -------------------------------------------------------------------------


@settings(deadline=None)
@given(POST_LISTS, st.integers(1, 5))
def test_table_round_trip(xs: list[Post], batch_size: int) -> None:
    table = arrow.to_arrow(xs, batch_size=batch_size)
    assert table.num_rows == len(xs)
    assert table.schema == arrow.arrow_schema()
    assert arrow.from_arrow(table) == xs


@TMP_SETTINGS
@given(POST_LISTS)
def test_parquet_file_round_trip(tmp_path: Path, xs: list[Post]) -> None:
    dest = tmp_path / "posts.parquet"
    arrow.write_parquet(xs, dest, batch_size=4)
    assert list(arrow.read_parquet(dest, batch_size=3)) == xs
    metadata = pq.ParquetFile(dest).metadata.metadata
    assert metadata[b"engagekit.schema"] == str(SCHEMA_VERSION).encode()


@TMP_SETTINGS
@given(POST_LISTS)
def test_partitioned_round_trip(tmp_path: Path, xs: list[Post]) -> None:
    dest = tmp_path / "posts"
    arrow.write_parquet(xs, dest, partition_by=("platform", "year"), batch_size=4)
    assert _same_posts(list(arrow.read_parquet(dest)), xs)
    for post in xs:
        folder = dest / f"platform={post.platform.value}" / f"year={post.created_at.year}"
        assert (folder / "part-0.parquet").is_file()


@settings(deadline=None)
@given(POST_LISTS)
def test_columns_agree_with_the_plain_conversion(xs: list[Post]) -> None:
    """The column builders (structs under a mask, timestamps as integers, lists from offsets)
    give exactly what pyarrow makes of the plain Python values of each field."""
    hints = typing.get_type_hints(Post)
    for field in attrs.fields(Post):
        values = [getattr(p, field.name) for p in xs]
        typ, _ = _arrow_schema.arrow_type(hints[field.name])
        plain = _arrow_schema.to_python_fn(hints[field.name])
        want = pa.array([plain(v) for v in values], type=typ)
        got = _arrow_schema.column_fn(hints[field.name])(values)
        assert got.to_pylist() == want.to_pylist(), field.name
        assert got.null_count == want.null_count, field.name


def test_struct_columns_with_some_missing_rows_round_trip(tmp_path: Path) -> None:
    """A struct column with missing rows is built under a mask, its children filled from a
    placeholder so non-nullable ones have no nulls: Parquet must take it and read it back."""
    from engagekit.models import Coordinates, Location

    place = Location(name="Burns Park", coordinates=Coordinates(latitude=34.79, longitude=-92.3))
    xs = [_post(i, location=place if i % 3 == 0 else None) for i in range(10)]
    table = arrow.to_arrow(xs)
    location = table.column("location").combine_chunks()
    assert location.null_count == 6
    assert location.field("name").null_count == 0
    dest = tmp_path / "posts.parquet"
    arrow.write_parquet(xs, dest)
    assert pq.read_table(dest).column("location").null_count == 6
    assert list(arrow.read_parquet(dest)) == xs


def test_timestamps_in_any_zone_keep_their_instant() -> None:
    from zoneinfo import ZoneInfo

    from engagekit.aggregate import Pair

    typ = _arrow_schema.column_fn(datetime)
    when = datetime(2024, 3, 10, 1, 30, 0, 7, tzinfo=ZoneInfo("America/Chicago"))
    assert typ([when, None]).to_pylist() == [when.astimezone(timezone.utc), None]
    assert arrow.row_schema(Pair).names == ["a", "b", "posts"]


def test_microseconds_and_negative_zero_survive() -> None:
    from engagekit.models import Coordinates, Location, Media

    post = _post(1, location=Location(name="x", coordinates=Coordinates(latitude=-0.0,
                                                                         longitude=0.0)),
                 media=[Media(kind="video", uri="v.mp4", duration=-0.0 + 0.5)],
                 extra={"n": -0.0, "big": 2**53})
    [back] = arrow.from_arrow(arrow.to_arrow([post]))
    assert back.created_at.microsecond == 123456
    assert back == post
    assert back.location is not None
    assert back.location.coordinates is not None
    assert str(back.location.coordinates.latitude) == "-0.0"
    assert str(back.extra["n"]) == "-0.0"


def test_partitions_by_month_and_lang(tmp_path: Path) -> None:
    xs = [_post(1, lang="en"), _post(2), _post(3, lang="a/b")]
    arrow.write_parquet(xs, tmp_path / "out", partition_by=["lang", "month"])
    folders = sorted(p.parent.relative_to(tmp_path / "out").as_posix()
                     for p in (tmp_path / "out").rglob("*.parquet"))
    assert folders == ["lang=__HIVE_DEFAULT_PARTITION__/month=06", "lang=a%2Fb/month=06",
                       "lang=en/month=06"]
    assert _same_posts(list(arrow.read_parquet(tmp_path / "out")), xs)


def test_rewrite_replaces_a_directory(tmp_path: Path) -> None:
    arrow.write_parquet([_post(1)], tmp_path / "out", partition_by=("year",))
    arrow.write_parquet([_post(2, platform="twitter")], tmp_path / "out",
                        partition_by=("platform",))
    assert [p.id for p in arrow.read_parquet(tmp_path / "out")] == ["2"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# -- atomicity -----------------------------------------------------------------------------


def _failing(n: int) -> Iterator[Post]:
    for i in range(n):
        yield _post(i)
    raise RuntimeError("source broke")


@pytest.mark.parametrize("partition_by", [None, ("platform", "year")])
def test_no_half_output_on_error(tmp_path: Path, partition_by: tuple[str, ...] | None) -> None:
    dest = tmp_path / "out.parquet"
    with pytest.raises(RuntimeError, match="source broke"):
        arrow.write_parquet(_failing(10), dest, partition_by=partition_by, batch_size=3)
    assert list(tmp_path.iterdir()) == []


def test_error_keeps_the_old_file(tmp_path: Path) -> None:
    dest = tmp_path / "out.parquet"
    arrow.write_parquet([_post(1)], dest)
    with pytest.raises(RuntimeError):
        arrow.write_parquet(_failing(5), dest, batch_size=2)
    assert [p.id for p in arrow.read_parquet(dest)] == ["1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.parquet"]


# -- errors --------------------------------------------------------------------------------


def test_newer_schema_version_is_refused(tmp_path: Path) -> None:
    table = arrow.to_arrow([_post(1)])
    newer = table.replace_schema_metadata({b"engagekit.schema": str(SCHEMA_VERSION + 1)})
    pq.write_table(newer, tmp_path / "new.parquet")
    with pytest.raises(ParseError, match=f"schema version {SCHEMA_VERSION + 1}") as info:
        list(arrow.read_parquet(tmp_path / "new.parquet"))
    assert info.value.source == str(tmp_path / "new.parquet")
    with pytest.raises(ParseError, match="schema version"):
        arrow.from_arrow(newer)


def test_bad_schema_version_is_refused() -> None:
    table = arrow.to_arrow([_post(1)]).replace_schema_metadata({b"engagekit.schema": b"x"})
    with pytest.raises(ParseError, match="expected a schema version"):
        arrow.from_arrow(table)


def test_missing_column_is_named(tmp_path: Path) -> None:
    table = arrow.to_arrow([_post(1)]).drop_columns(["hashtags"])
    pq.write_table(table, tmp_path / "old.parquet")
    with pytest.raises(ParseError, match=r"missing column.*'hashtags'") as info:
        list(arrow.read_parquet(tmp_path / "old.parquet"))
    assert info.value.path == "$.hashtags"


def test_incompatible_column_is_named() -> None:
    table = arrow.to_arrow([_post(1)])
    table = table.set_column(table.schema.get_field_index("engagement"), "engagement",
                             pa.array(["many"]))
    with pytest.raises(ParseError, match="column 'engagement'"):
        arrow.from_arrow(table)


def test_bad_value_names_record_and_path() -> None:
    table = arrow.to_arrow([_post(1), _post(2)])
    platforms = pa.array(["instagram", "myspace"])
    table = table.set_column(table.schema.get_field_index("platform"), "platform", platforms)
    with pytest.raises(ParseError) as info:
        arrow.from_arrow(table, source="t")
    assert (info.value.record, info.value.path) == (1, "$.platform")


def test_metadata_less_tables_and_extra_columns_are_read() -> None:
    table = arrow.to_arrow([_post(1)]).replace_schema_metadata(None)
    table = table.append_column("year", pa.array([2015]))
    assert arrow.from_arrow(table) == [_post(1)]


def test_not_parquet(tmp_path: Path) -> None:
    (tmp_path / "x.parquet").write_text("hello")
    with pytest.raises(ParseError, match="not a Parquet file"):
        list(arrow.read_parquet(tmp_path / "x.parquet"))


@pytest.mark.parametrize("partition_by", [("text",), ("nope",), "platform", ("engagement",)])
def test_bad_partition_names(tmp_path: Path, partition_by: Any) -> None:
    with pytest.raises(ArgumentError):
        arrow.write_parquet([_post(1)], tmp_path / "o", partition_by=partition_by)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("batch_size", [0, -1, 1.5])
def test_bad_batch_size(tmp_path: Path, batch_size: Any) -> None:
    with pytest.raises(ArgumentError):
        arrow.to_arrow([_post(1)], batch_size=batch_size)
    arrow.write_parquet([_post(1)], tmp_path / "p.parquet")
    with pytest.raises(ArgumentError):
        next(arrow.read_parquet(tmp_path / "p.parquet", batch_size=batch_size))
    with pytest.raises(ArgumentError):
        arrow.write_parquet([_post(1)], tmp_path / "q", partition_by=("platform",),
                            batch_size=batch_size)


def test_reading_in_chunks_keeps_order_and_record_numbers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Posts are made a few rows of a batch at a time; order and the record an error names
    still count from the file's first row."""
    monkeypatch.setattr(arrow, "_CHUNK", 3)
    xs = [_post(i) for i in range(11)]
    table = arrow.to_arrow(xs)
    platforms = pa.array(["instagram"] * 9 + ["myspace", "instagram"])
    table = table.set_column(table.schema.get_field_index("platform"), "platform", platforms)
    arrow.write_parquet(xs, tmp_path / "good.parquet")
    assert list(arrow.read_parquet(tmp_path / "good.parquet", batch_size=4)) == xs
    pq.write_table(table, tmp_path / "bad.parquet")
    for batch_size in (4, 11):  # row 9: first of its chunk in a batch; a later chunk's
        with pytest.raises(ParseError) as info:
            list(arrow.read_parquet(tmp_path / "bad.parquet", batch_size=batch_size))
        assert (info.value.record, info.value.path) == (9, "$.platform")


def test_missing_pyarrow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(EngageKitError, match=r"pip install 'engagekit\[arrow\]'"):
        arrow.to_arrow([_post(1)])
    with pytest.raises(ImportError):
        arrow.arrow_schema()


def test_import_engagekit_does_not_import_pyarrow() -> None:
    code = "import sys, engagekit, engagekit.io.arrow; print('pyarrow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    assert out.strip() == "False"


def test_reexports() -> None:
    for name in ("to_arrow", "from_arrow", "arrow_schema", "write_parquet", "read_parquet"):
        assert getattr(engagekit, name) is getattr(arrow, name)
        assert getattr(io, name) is getattr(arrow, name)
        assert name in engagekit.__all__
        assert name in io.__all__
