"""The generated code against the model: ``constructor(cls)(**kw)`` is ``cls(**kw)``.

For every model class (and every aggregate row class), with arbitrary keyword
values, valid and invalid, both give equal objects, or both raise the same
error type naming the same field. The structure path of ``loads()``, written
by the same writer, is checked against cattrs shaping the document and calling
``cls(**kwargs)`` with no generated code at all, on documents from
``engagekit.strategies`` changed anywhere, nested objects included; the
converter's own checks are in tests/test_io_converter.py.
"""

from __future__ import annotations

import builtins
import copy
import importlib
import pkgutil
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import orjson
import pytest
from cattrs.gen import make_dict_structure_fn
from hypothesis import given, settings
from hypothesis import strategies as st

import engagekit
import engagekit.aggregate
import engagekit.errors as ek_errors
import engagekit.models as m
import engagekit.strategies as eks
from engagekit.io._codegen import source, structure_fn
from engagekit.io._converter import (
    _is_engagekit_attrs,
    _type_error,
    constructor,
    converter,
    make_converter,
    structure,
    to_parse_error,
)
from engagekit.models._construct import writable

MODELS = [v for v in vars(m).values() if isinstance(v, type) and attrs.has(v)]


def _row_classes() -> list[type]:
    out = []
    for info in pkgutil.iter_modules(engagekit.aggregate.__path__, "engagekit.aggregate."):
        module = importlib.import_module(info.name)
        out += [v for v in vars(module).values()
                if isinstance(v, type) and attrs.has(v) and v.__module__ == info.name]
    return out


ROWS = _row_classes()

WHEN = datetime(2024, 1, 1, tzinfo=timezone.utc)

# values of every kind a caller might pass, right or wrong
ODD: st.SearchStrategy[Any] = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=2**63),
    st.sampled_from([-1, 0, 1, 2, -(2**63) - 1, 0.5]),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=6),
    st.sampled_from(["", "#", "@x", "$X", "#tag", "＃tag", "é", "e\u0301", "US", "us", "photo",
                     "twitter", "public", "2024-01-01T00:00:00Z", "2024-01-01"]),
    st.just(WHEN), st.just(datetime(2024, 1, 1)),
    st.just(WHEN.astimezone(timezone(timedelta(hours=5)))),
    st.lists(st.sampled_from(["x", "#y", 1, None, (0, 1), [0, 1]]), max_size=3),
    st.lists(st.sampled_from(["x", 1]), max_size=2).map(tuple),
    st.dictionaries(st.sampled_from(["a", "b"]), st.sampled_from([1, "x", None, (1,)]),
                    max_size=2),
    st.just({1: "x"}), st.just(frozenset()), st.just(b"x"), st.sampled_from(list(m.Platform)),
    st.sampled_from(list(m.MediaKind)), st.sampled_from(list(m.Visibility)),
    st.just(m.Hashtag(text="x")), st.just(m.Emoji(text="🎉")),
    st.just((m.Hashtag(text="x", start=0, end=2),)),
    st.just([m.Mention(handle="a"), "b"]),
)

VALID: dict[type, st.SearchStrategy[Any]] = {
    m.Hashtag: eks.hashtags(), m.Cashtag: eks.cashtags(), m.Mention: eks.mentions(),
    m.Link: eks.links(), m.Emoji: eks.emoji(), m.Coordinates: eks.coordinates(),
    m.Location: eks.locations(), m.Account: eks.accounts(), m.Agency: eks.agencies(),
    m.Officer: eks.officers(), m.Media: eks.media(), m.Engagement: eks.engagements(),
    m.TextQuality: eks.text_qualities(), m.PostRef: eks.post_refs(), m.Post: eks.posts(),
}


def _outcome(make: Any, kw: dict[str, Any]) -> tuple[str, Any]:
    try:
        return "ok", make(**kw)
    except Exception as exc:  # noqa: BLE001 - the outcome is compared, whatever it is
        return type(exc).__name__, getattr(exc, "field", None)


def _kwargs(cls: type, data: st.DataObject) -> dict[str, Any]:
    names = [a.alias for a in attrs.fields(cls)]
    kw: dict[str, Any] = {}
    if cls in VALID and data.draw(st.booleans()):  # start from a valid instance
        obj = data.draw(VALID[cls])
        kw = {a.alias: getattr(obj, a.name) for a in attrs.fields(cls)}
    changes = data.draw(st.dictionaries(st.sampled_from([*names, "bogus"]), ODD, max_size=3))
    kw.update(changes)
    for name in data.draw(st.lists(st.sampled_from(names), max_size=2)):  # missing kwargs
        kw.pop(name, None)
    return kw


def test_every_model_class_is_covered() -> None:
    assert set(VALID) == set(MODELS)


@pytest.mark.parametrize("cls", MODELS + ROWS, ids=[c.__qualname__ for c in MODELS + ROWS])
@settings(max_examples=300)
@given(data=st.data())
def test_constructor_equals_init(cls: type, data: st.DataObject) -> None:
    kw = _kwargs(cls, data)
    fast, slow = _outcome(constructor(cls), kw), _outcome(cls, kw)
    assert fast == slow or repr(fast) == repr(slow)  # repr: a NaN is not equal to itself
    if fast[0] == "ok":  # equal, and of the same types field by field
        for a in attrs.fields(cls):
            assert type(getattr(fast[1], a.name)) is type(getattr(slow[1], a.name))


@pytest.mark.parametrize("cls", MODELS, ids=[c.__qualname__ for c in MODELS])
def test_constructor_is_generated_for_every_model(cls: type) -> None:
    assert constructor(cls) is not cls
    assert constructor(cls) is constructor(cls)


def test_errors_are_the_models_own() -> None:
    make = constructor(m.Post)
    for kw in ({"id": "1", "platform": "twitter", "created_at": "2024-01-01T00:00:00Z"},
               {"id": "1", "platform": "twitter", "created_at": WHEN, "bogus": 1},
               {"platform": "twitter", "created_at": WHEN}):
        with pytest.raises((TypeError, ek_errors.ValidationError)) as fast:
            make(**kw)
        with pytest.raises((TypeError, ek_errors.ValidationError)) as slow:
            m.Post(**kw)
        assert type(fast.value) is type(slow.value)
        assert str(fast.value) == str(slow.value)


def _upper(value: str) -> str:
    return value.upper()


def test_a_converter_added_to_a_field_applies() -> None:
    @attrs.frozen(kw_only=True)
    class Shout:
        word: str = attrs.field(converter=_upper)

    assert constructor(Shout)(word="hi") == Shout(word="hi") == Shout(word="HI")


def test_validators_switched_off_are_off_in_both() -> None:
    with attrs.validators.disabled():
        assert constructor(m.Engagement)(likes=-1).likes == m.Engagement(likes=-1).likes == -1


# ---- the structure path: one generated call per object, equal to shaping + cls(**kwargs) ----
# The oracle is cattrs' own generated function with engagekit's strict hooks and no fast path
# anywhere (nested objects included): it shapes each JSON value, then calls the real
# ``cls(**kwargs)``. The fast path is the one loads() and read_jsonl() take.


def _oracle_converter() -> Any:
    conv = make_converter()

    def hook(cl: Any) -> Any:  # engagekit's structure hook with its fast path taken out
        reference = make_dict_structure_fn(cl, conv, _cattrs_forbid_extra_keys=True,
                                           _cattrs_detailed_validation=True)

        def structure(value: Any, _: Any) -> Any:
            if type(value) is cl:
                return value
            if not isinstance(value, dict):
                raise _type_error("an object", value)
            return reference(value, cl)

        return structure

    conv.register_structure_hook_factory(_is_engagekit_attrs, hook)  # last, so it wins
    return conv


ORACLE = _oracle_converter()

# JSON values that a model's converter changes or its validator refuses, and JSON values at large
RULED_VALUES: list[Any] = [
    "", " ", "#x", "＃x", "##", "@a", "＠a", "$X", "e\u0301", "ＡＢ", "us", "US", "USA",
    "instagram", "TWITTER", "photo", "public", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00+05:00",
    "2024-01-01T00:00:00", "yesterday", -1, 0, 3, 91, -180.5, 1.5, 2**63, True, None, [], {},
    [[0, 1]], [[2, 1]], ["x", "#y"], [{"text": "#x"}], {"text": "#x"}, {"k": [1.5, None]},
]
RULED = st.sampled_from(RULED_VALUES)
JSON_VALUES: st.SearchStrategy[Any] = RULED | st.recursive(
    st.none() | st.booleans() | st.integers(-3, 2**64) | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["text", "start", "end", "x", "kind", "uri", "name"]),
                      inner, max_size=3),
    max_leaves=5,
)


def _positions(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a JSON document, nested ones included."""
    out: list[tuple[Any, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((node, key))
            out += _positions(value)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.append((node, i))
            out += _positions(value)
    return out


@st.composite
def documents(draw: st.DrawFn) -> tuple[type, Any]:
    """A valid model of any class as a JSON document, then changed in up to four places."""
    cls = draw(st.sampled_from(sorted(VALID, key=lambda c: c.__name__)))
    doc = orjson.loads(orjson.dumps(converter.unstructure(draw(VALID[cls])),
                                    option=orjson.OPT_UTC_Z))
    for _ in range(draw(st.integers(0, 4))):
        places = _positions(doc)
        if not places:
            break
        container, key = draw(st.sampled_from(places))
        change = draw(st.sampled_from(["value", "delete", "add"]))
        if change == "delete" and isinstance(container, dict):
            del container[key]
        elif change == "add" and isinstance(container, dict):
            name = draw(st.sampled_from(["bogus", "text", "start", "end", "id"]))
            container[name] = copy.deepcopy(draw(JSON_VALUES))  # never change RULED_VALUES
        else:
            container[key] = copy.deepcopy(draw(JSON_VALUES))
    return cls, doc


def _fast(cls: type) -> Any:
    """The generated function ``loads`` takes for ``cls``, before any reference run."""
    hook: Any = converter.get_structure_hook(cls)
    return hook.fast


def _structured(fn: Any, doc: Any) -> tuple[str, Any]:
    try:
        return "ok", fn(copy.deepcopy(doc))
    except Exception as exc:  # noqa: BLE001 - the outcome is compared, whatever it is
        return "error", exc


def _same_types(a: Any, b: Any) -> None:
    """Equal objects must also hold values of the same types, nested ones included."""
    assert type(a) is type(b)
    if attrs.has(type(a)):
        for f in attrs.fields(type(a)):
            _same_types(getattr(a, f.name), getattr(b, f.name))
    elif isinstance(a, tuple):
        for x, y in zip(a, b, strict=True):
            _same_types(x, y)


@settings(max_examples=400, deadline=None)
@given(documents())
def test_one_call_path_equals_shaping_then_init(case: tuple[type, Any]) -> None:
    cls, doc = case
    fast = _structured(_fast(cls), doc)
    slow = _structured(lambda d: ORACLE.structure(d, cls), doc)
    assert fast[0] == slow[0], f"fast {fast[1]!r}, reference {slow[1]!r} for {doc!r}"
    if fast[0] == "ok":
        assert fast[1] == slow[1] or repr(fast[1]) == repr(slow[1])  # a NaN is not itself
        _same_types(fast[1], slow[1])
    else:  # the error a caller sees: message and $.path, as the reference path gives them
        with pytest.raises(ek_errors.ParseError) as seen:
            structure(copy.deepcopy(doc), cls)
        assert str(seen.value) == str(to_parse_error(slow[1]))


WRITTEN = MODELS + [c for c in ROWS if writable(c)]  # rows of positional fields are not


@pytest.mark.parametrize("cls", WRITTEN, ids=[c.__qualname__ for c in WRITTEN])
def test_every_class_is_structured_by_one_generated_call(cls: type) -> None:
    fast = _fast(cls)
    assert fast.__qualname__ == f"structure_{cls.__qualname__}"  # not shape-then-construct
    assert "_ek_self" in source(cls)  # built here, field by field ...
    assert "**" not in source(cls).split("def unstructure")[0]  # ... not by a call with **kwargs


@given(eks.posts())
def test_loads_takes_the_fast_path(p: m.Post) -> None:
    hook: Any = converter.get_structure_hook(m.Post)
    doc = orjson.loads(orjson.dumps(converter.unstructure(p), option=orjson.OPT_UTC_Z))
    assert hook.fast(copy.deepcopy(doc)) == p  # no decline, so no reference run, for any post


def _loud(value: str) -> str:
    return value.upper()


def _is_loud(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str or value != value.upper():
        raise ek_errors.ValidationError(f"{attr.name}: expected upper case, got {value!r}")


_is_loud.inline = "type(v) is str and v.isupper()"  # type: ignore[attr-defined]


@attrs.frozen(kw_only=True)
class Clash:
    """Fields named like what the generated code reads: ``v``, ``type``, ``x``, ``items``."""

    v: builtins.str = attrs.field(converter=_loud, validator=_is_loud)
    type: builtins.str = attrs.field(default="A", validator=_is_loud)
    x: int = 0
    items: builtins.tuple[builtins.str, ...] = ()


@pytest.mark.parametrize("kw", [{"v": "a"}, {"v": "a", "type": "b"}, {"v": "A", "type": "B"},
                                {"v": 1}, {"v": "a", "x": 5, "items": ["y"]}, {"v": "a", "x": []},
                                {"v": "a", "items": [1]}, {}])
def test_a_field_named_like_the_codes_names_changes_nothing(kw: dict[str, Any]) -> None:
    assert constructor(Clash) is Clash  # a parameter named type would hide type()
    assert _outcome(constructor(Clash), kw) == _outcome(Clash, kw)
    fast_fn = structure_fn(Clash, lambda cl: structure_fn(cl, None))  # type: ignore[arg-type]
    assert fast_fn.__qualname__ == "structure_Clash"  # its locals are f_v, f_type ...
    fast = _structured(fast_fn, kw)
    reference = make_dict_structure_fn(Clash, ORACLE, _cattrs_forbid_extra_keys=True)
    slow = _structured(lambda d: reference(d, Clash), kw)
    assert (fast[0], repr(fast[1]) if fast[0] == "ok" else None) == (
        slow[0], repr(slow[1]) if slow[0] == "ok" else None)


def _compare(cls: type, doc: Any) -> None:
    fast = _structured(_fast(cls), doc)
    slow = _structured(lambda d: ORACLE.structure(d, cls), doc)
    assert fast[0] == slow[0], f"fast {fast[1]!r}, reference {slow[1]!r} for {doc!r}"
    if fast[0] == "ok":
        assert fast[1] == slow[1] or repr(fast[1]) == repr(slow[1]), doc
        _same_types(fast[1], slow[1])


@pytest.mark.parametrize("cls", MODELS, ids=[c.__qualname__ for c in MODELS])
@settings(max_examples=3, deadline=None)  # a whole table of cases per example
@given(data=st.data())
def test_every_field_takes_every_ruled_value_as_init_does(cls: type, data: st.DataObject) -> None:
    """Each field of a valid document, in turn: left out, and set to each value in RULED."""
    doc = orjson.loads(orjson.dumps(converter.unstructure(data.draw(VALID[cls])),
                                    option=orjson.OPT_UTC_Z))
    for a in attrs.fields(cls):
        _compare(cls, {k: v for k, v in doc.items() if k != a.alias})
        for value in RULED_VALUES:
            _compare(cls, {**doc, a.alias: value})
    _compare(cls, {**doc, "bogus": 1})
