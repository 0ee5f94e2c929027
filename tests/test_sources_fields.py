"""engagekit.sources._engine.fields: typed access to a record, every error positioned."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.errors import ParseError
from engagekit.sources._engine.fields import Fields


def fields(data: dict[str, Any]) -> Fields:
    return Fields(data, source="outbox.json", record=4, path="$.object")


BAD = [
    # description, call, expected path, words
    ("not an object", lambda: Fields([1], source="s", record=0), "$", "expected an object"),
    ("wrong type", lambda: fields({"a": 1}).string("a"), "$.object.a", "expected str"),
    ("missing required", lambda: fields({}).integer("a", required=True), "$.object.a",
     "required key is missing"),
    ("null required", lambda: fields({"a": None}).string("a", required=True), "$.object.a",
     "got None"),
    ("bool is not an int", lambda: fields({"a": True}).integer("a"), "$.object.a", "expected int"),
    ("digits expected", lambda: fields({"a": "12x"}).integer("a", numeric_str=True),
     "$.object.a", "integer string"),
    ("digits beyond any id", lambda: fields({"a": "9" * 5000}).integer("a", numeric_str=True),
     "$.object.a", "integer string"),
    ("empty where non-empty", lambda: fields({"a": ""}).nonempty("a"), "$.object.a", "non-empty"),
    ("required object missing", lambda: fields({}).require("a"), "$.object.a", "required key"),
    ("naive time", lambda: fields({"t": "2020-04-13T14:14:01"}).timestamp("t"), "$.object.t",
     "with an offset"),
    ("not a time", lambda: fields({"t": "soon"}).timestamp("t"), "$.object.t", "ISO 8601"),
    ("nested list item", lambda: fields({"m": [{}, {"x": 1.5}]}).objects("m")[1].integer("x"),
     "$.object.m[1].x", "expected int"),
]


@pytest.mark.parametrize(("description", "call", "path", "words"), BAD,
                         ids=[c[0] for c in BAD])
def test_errors_are_positioned(description: str, call: Any, path: str, words: str) -> None:
    with pytest.raises(ParseError) as info:
        call()
    assert info.value.path == path
    assert words in info.value.message


def test_values() -> None:
    f = fields({"s": "x", "n": "42", "o": {"k": 1}, "l": [{"a": 1}],
                "t": "2020-04-13T16:14:01+02:00"})
    assert f.nonempty("s") == "x"
    assert f.integer("n", numeric_str=True) == 42
    assert f.require("o").integer("k") == 1
    assert f.require("o").path == "$.object.o"
    assert [o.integer("a") for o in f.objects("l")] == [1]
    assert f.timestamp("t") == datetime(2020, 4, 13, 14, 14, 1, tzinfo=UTC)
    assert f.timestamp("t").tzinfo is UTC
    assert f.timestamp("missing", required=False) is None
    assert f.string("missing") is None
    assert f.objects("missing") == []


@given(st.datetimes(timezones=st.timezones()))
def test_timestamp_round_trips_any_aware_time(moment: datetime) -> None:
    try:
        expected = moment.astimezone(UTC)
    except OverflowError:
        return
    assert fields({"t": moment.isoformat()}).timestamp("t") == expected
