"""engagekit.errors: messages say where, errors pickle, the hierarchy holds."""

from __future__ import annotations

import pickle

import pytest

from engagekit.errors import (
    ArgumentError,
    EngageKitError,
    LimitExceeded,
    ParseError,
    UnsupportedFormat,
    ValidationError,
)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "bad"),
        ({"source": "a.json"}, "a.json: bad"),
        ({"source": "a.json", "record": 3}, "a.json: record 3 (0-based): bad"),
        ({"source": "a.json", "record": 0, "path": "$.x[1]"},
         "a.json: record 0 (0-based) at $.x[1]: bad"),
        ({"path": "$"}, "bad"),
        ({"path": "$.id"}, "at $.id: bad"),
    ],
)
def test_parse_error_message(kwargs: dict[str, object], expected: str) -> None:
    assert str(ParseError("bad", **kwargs)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", [ParseError, LimitExceeded, UnsupportedFormat])
def test_parse_errors_pickle_with_attributes(cls: type[ParseError]) -> None:
    err = cls("bad", source="s", record=2, path="$.a")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert (back.message, back.source, back.record, back.path) == ("bad", "s", 2, "$.a")
    assert str(back) == str(err)


def test_validation_error_pickles_and_names_field() -> None:
    err = ValidationError("expected str", field="Post.id", value=5)
    back = pickle.loads(pickle.dumps(err))
    assert (back.message, back.field, back.value) == ("expected str", "Post.id", 5)
    assert str(back) == "Post.id: expected str"


def test_argument_error_pickles_and_names_argument_and_value() -> None:
    err = ArgumentError("expected an IANA time zone", argument="tz", value="Mars/Olympus")
    back = pickle.loads(pickle.dumps(err))
    assert (back.message, back.argument, back.value) == (err.message, "tz", "Mars/Olympus")
    assert str(back) == "tz='Mars/Olympus': expected an IANA time zone"


def test_hierarchy() -> None:
    for cls in (ValidationError, ParseError, UnsupportedFormat, ArgumentError):
        assert issubclass(cls, EngageKitError)
        assert issubclass(cls, ValueError)
    assert issubclass(LimitExceeded, EngageKitError)
    assert not issubclass(LimitExceeded, ParseError)  # a sibling: skipping records never skips it
    assert not issubclass(LimitExceeded, ValueError)  # nor does an ``except ValueError``
    assert issubclass(UnsupportedFormat, ParseError)


def test_located_fills_in_and_prefixes() -> None:
    err = ParseError("bad", path="$.id").located(source="f", record=4, path_prefix="$.data")
    assert (err.source, err.record, err.path) == ("f", 4, "$.data.id")
    assert ParseError("x", source="keep").located(source=None).source == "keep"


def test_limit_exceeded_says_where_like_a_parse_error() -> None:
    err = LimitExceeded("too deep", source="a.json", record=2, path="$.x")
    assert str(err) == "a.json: record 2 (0-based) at $.x: too deep"
    moved = err.located(source="b.json", path_prefix="$.data")
    assert type(moved) is LimitExceeded
    assert (moved.source, moved.record, moved.path) == ("b.json", 2, "$.data.x")


@pytest.mark.parametrize("mode", ["skip", "collect"])
def test_skipping_bad_records_never_skips_a_limit(mode: str) -> None:
    from engagekit.sources._engine.base import Context
    from engagekit.sources._engine.fields import convert_each

    def convert(item: int, index: int) -> None:
        if item == 1:
            raise ParseError("bad record", record=index)
        raise LimitExceeded("a record longer than max_record_bytes=10", record=index)

    ctx = Context(errors=mode)  # type: ignore[arg-type]
    with pytest.raises(LimitExceeded):
        list(convert_each(enumerate([1, 2]), convert, ctx, source="s"))
    assert ctx.skipped == {"invalid": 1}
