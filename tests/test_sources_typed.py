"""Typed decoding into msgspec schemas (engagekit.sources._engine.typed) and iter_array(schema=)."""

from __future__ import annotations

import io
import json
from typing import Any

import msgspec
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.errors import LimitExceeded
from engagekit.sources._engine import scan as _scan
from engagekit.sources._engine.arrays import iter_array, iter_items
from engagekit.sources._engine.base import Context, Limits
from engagekit.sources._engine.containers import FileContainer
from engagekit.sources._engine.typed import Typed, located, runs, shallow, typed


class Record(msgspec.Struct, gc=False):
    id: int
    name: str | None = None
    tags: list[str] = []


RECORD = typed(Record)
MEMBER = "<stream>"


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


# Strings without brackets, so that the brackets of a document are its structure.
_PLAIN = st.text(st.characters(blacklist_characters="[]{}", codec="utf-8"), max_size=4)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | _PLAIN,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_PLAIN, inner, max_size=3),
    max_leaves=20,
)


@given(st.recursive(st.text(max_size=4), lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=3), inner, max_size=3), max_leaves=12),
       st.integers(0, 6))
def test_shallow_never_says_yes_to_a_deeper_value(value: Any, budget: int) -> None:
    data = orjson.dumps(value)
    if shallow(data, 0, len(data), budget):  # brackets in strings can only make it say no
        assert depth(value) <= budget


@given(_VALUES, st.integers(0, 8))
def test_shallow_is_exact_for_a_single_chain(value: Any, budget: int) -> None:
    chain: Any = value
    for _ in range(budget):
        chain = [chain]
    data = orjson.dumps(chain)
    assert shallow(data, 0, len(data), budget + depth(value)) == (
        data.count(b"[") + data.count(b"{") <= budget + depth(value)
    )


CASES = [
    # description, record, decoded into the schema?
    ("usual", b'{"id": 1, "name": "a", "unused": {"x": [1, 2]}}', True),
    ("missing optional keys", b'{"id": 1}', True),
    ("wrong type", b'{"id": "1"}', False),
    ("missing required key", b'{"name": "a"}', False),
    ("invalid UTF-8 in a skipped string", b'{"id": 1, "unused": "\xff"}', False),
    ("invalid UTF-8 in a read string", b'{"id": 1, "name": "\xff"}', False),
    ("lone surrogate escape", b'{"id": 1, "name": "\\ud800"}', False),
    ("nested past the budget in a skipped value", b'{"id": 1, "unused": [[[[[1]]]]]}', False),
    ("malformed", b'{"id": 1,}', False),
]


@pytest.mark.parametrize(("description", "data", "fits"), CASES, ids=[c[0] for c in CASES])
def test_one(description: str, data: bytes, fits: bool) -> None:
    value = RECORD.one(data, 4)
    assert (value is not None) == fits
    if fits:
        assert msgspec.to_builtins(value)["id"] == orjson.loads(data)["id"]


def test_many_decodes_a_run_or_declines_it_whole() -> None:
    items = [{"id": i, "name": f"n{i}", "extra": {"a": [i]}} for i in range(5)]
    buf = json.dumps(items, indent=2).encode()
    spans = runs(buf, buf.index(b"{"), b"\n  }", 1 << 20, 8)
    assert len(spans) == 5
    assert [orjson.loads(buf[a:b]) for a, b in spans] == items
    assert RECORD.many(buf, spans) == [Record(id=i, name=f"n{i}") for i in range(5)]
    bad = buf.replace(b'"id": 3', b'"id": "3"')
    assert RECORD.many(bad, runs(bad, bad.index(b"{"), b"\n  }", 1 << 20, 8)) is None


def test_runs_stop_at_a_record_too_long_or_deep_and_at_the_end_of_the_buffer() -> None:
    buf = json.dumps([{"id": 1}, {"id": 2, "pad": "x" * 50}, {"id": 3, "a": [[1]]}],
                     indent=2).encode()
    start = buf.index(b"{")
    assert len(runs(buf, start, b"\n  }", 1 << 20, 8)) == 3
    assert len(runs(buf, start, b"\n  }", 40, 8)) == 1
    assert len(runs(buf, start, b"\n  }", 1 << 20, 2)) == 2
    assert len(runs(buf[:-10], start, b"\n  }", 1 << 20, 8)) == 2


def test_the_decoders_are_shared() -> None:
    assert typed(Record) is RECORD
    assert isinstance(RECORD, Typed)


# -- iter_array and iter_items with a schema ----------------------------------------------


def read(data: bytes, *, limits: Limits | None = None, schema: Any = Record,
         path: str | None = None) -> tuple[list[tuple[int, Any]], Context]:
    ctx = Context(errors="collect", limits=limits)
    box = FileContainer(io.BytesIO(data), limits or Limits())
    if path is None:
        return list(iter_array(box, MEMBER, ctx, schema=schema)), ctx
    return list(iter_items(box, MEMBER, ctx, path, schema=schema)), ctx


_RECORDS = st.one_of(
    st.builds(lambda i, n: {"id": i, "name": n}, st.integers(0, 9), st.text(max_size=3)),
    _VALUES,  # anything else: decoded into dicts
)


@given(st.lists(_RECORDS, max_size=8), st.sampled_from([7, 64, 1 << 20]), st.booleans())
def test_with_a_schema_every_item_is_the_same_as_without(
    values: list[Any], chunk: int, pretty: bool
) -> None:
    data = orjson.dumps(values, option=orjson.OPT_INDENT_2 if pretty else 0)
    saved = _scan._CHUNK
    _scan._CHUNK = chunk
    try:
        got, ctx = read(data)
        plain, _ = read(data, schema=None)
    finally:
        _scan._CHUNK = saved
    assert not ctx.errors
    assert [i for i, _ in got] == [i for i, _ in plain] == list(range(len(values)))
    for (_, value), (_, expected) in zip(got, plain, strict=True):
        if isinstance(value, Record):
            assert value == msgspec.convert(expected, Record)
        else:
            assert value == expected


def test_runs_of_a_pretty_array_are_typed_and_odd_records_are_not() -> None:
    values: list[Any] = [{"id": i} for i in range(20)]
    values[7] = {"id": "seven"}
    got, ctx = read(json.dumps(values, indent=2).encode())
    assert [type(v) for _, v in got].count(Record) == 19
    assert got[7] == (7, {"id": "seven"})
    assert not ctx.errors


def test_a_bad_record_in_a_run_is_an_error_and_the_others_are_read() -> None:
    data = json.dumps([{"id": i, "s": "ok"} for i in range(6)], indent=2).encode()
    data = data.replace(b'"ok"', b'"\xff"', 1)
    got, ctx = read(data)
    assert [i for i, _ in got] == [1, 2, 3, 4, 5]
    assert len(ctx.errors) == 1
    assert ctx.errors[0].record == 0


def test_the_depth_limit_holds_for_typed_records_too() -> None:
    deep = [{"id": 1, "unused": [[[1]]]}] * 3
    with pytest.raises(LimitExceeded, match="max_depth=4"):
        read(json.dumps(deep, indent=2).encode(), limits=Limits(max_depth=4))
    got, _ = read(json.dumps(deep, indent=2).encode(), limits=Limits(max_depth=5))
    assert [v for _, v in got] == [Record(id=1)] * 3


def test_iter_items_with_a_schema() -> None:
    doc = {"items": [{"id": 1}, {"id": 2, "name": "b"}], "other": [1]}
    got, _ = read(json.dumps(doc, indent=2).encode(), path="items")
    assert got == [(0, Record(id=1)), (1, Record(id=2, name="b"))]


@pytest.mark.parametrize("cut", [0, 1, 2, 3])
def test_utf8_is_checked_across_the_pieces_of_a_long_run(cut: int) -> None:
    from engagekit.sources._engine import typed as _typed

    text = "é" * (_typed._PIECE // 2 + cut) + "☕🚲"
    data = json.dumps([{"id": i, "s": text} for i in range(3)], indent=2,
                      ensure_ascii=False).encode()
    assert _typed._utf8(data)
    assert not _typed._utf8(data[:-40] + b"\xff" + data[-40:])
    assert not _typed._utf8(data[: len(data) // 2] + b"\xc3" + data[len(data) // 2:])


# -- exact() and located(): the same schema for plain values, and its errors positioned ---


class Inner(msgspec.Struct, gc=False):
    n: int


class Outer(msgspec.Struct, gc=False):
    inner: Inner
    items: list[Inner] = []
    names: dict[str, int] = {}
    either: str | Inner | None = None

    def __post_init__(self) -> None:
        if self.inner.n < 0:
            raise ValueError("n must not be negative")


LOCATED = [
    # description, plain values, path, message
    ("wrong type", {"inner": {"n": "1"}}, "$.inner.n", "expected int, got '1' (str)"),
    ("missing key", {"inner": {}}, "$.inner.n", "required key is missing"),
    ("missing at the top", {}, "$.inner", "required key is missing"),
    ("a key's value is an object", {"inner": 3}, "$.inner", "expected object, got 3 (int)"),
    ("an item is an object", {"inner": {"n": 1}, "items": [{"n": 1}, None]}, "$.items[1]",
     "expected an object, got None (NoneType)"),
    ("a record is an object", [1], "$", "expected an object, got [1] (list)"),
    ("a union", {"inner": {"n": 1}, "either": 2.5}, "$.either",
     "expected str or an object, got 2.5 (float)"),
    ("a long value is cut", {"inner": {"n": "x" * 100}}, "$.inner.n",
     "expected int, got '" + "x" * 56 + "... (str)"),
    # msgspec does not name a dict's key: the value cannot be quoted
    ("in a dict", {"inner": {"n": 1}, "names": {"a": "b"}}, "$.names[...]", "expected int"),
    ("a check of the schema's own", {"inner": {"n": -1}}, "$", "n must not be negative"),
]


@pytest.mark.parametrize(("value", "path", "message"), [c[1:] for c in LOCATED],
                         ids=[c[0] for c in LOCATED])
def test_located(value: Any, path: str, message: str) -> None:
    with pytest.raises(msgspec.ValidationError) as info:
        typed(Outer).exact(value)
    error = located(info.value, value)
    assert (error.path, error.message) == (path, message)
    assert error.source is None
    assert error.record is None
    # the same error from the bytes decoder: one schema, one set of rules
    with pytest.raises(msgspec.ValidationError) as again:
        msgspec.json.decode(json.dumps(value).encode(), type=Outer)
    assert str(again.value) == str(info.value)


def test_located_under_a_prefix() -> None:
    with pytest.raises(msgspec.ValidationError) as info:
        typed(Inner).exact({"n": None})
    error = located(info.value, {"n": None}, prefix="$.attachments[0].data[1].place")
    assert error.path == "$.attachments[0].data[1].place.n"
    assert error.message == "expected int, got None (NoneType)"
    with pytest.raises(msgspec.ValidationError) as info:
        typed(Inner).exact(["x"])
    assert located(info.value, ["x"], prefix="$.a").message == "expected object, got ['x'] (list)"


def test_exact_reads_what_one_reads() -> None:
    value = {"id": 3, "name": "a", "unused": [{"deep": [1]}]}
    assert RECORD.exact(value) == RECORD.one(json.dumps(value).encode(), 8) == Record(id=3,
                                                                                      name="a")
