"""The trusted constructor against the model: ``constructor(cls)(**kw)`` is ``cls(**kw)``.

For every model class (and every aggregate row class), with arbitrary keyword
values, valid and invalid, both give equal objects, or both raise the same
error type naming the same field. The fast structure path of ``loads()`` is
checked against cattrs' reference path in tests/test_io_converter.py.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engagekit
import engagekit.aggregate
import engagekit.errors as ek_errors
import engagekit.models as m
import engagekit.strategies as eks
from engagekit.io._converter import constructor

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
