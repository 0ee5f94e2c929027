"""engagekit.strategies: each strategy makes valid values of its model, with hard cases."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs
import pytest
from hypothesis import find, given
from hypothesis import strategies as st

import engagekit as ek
from engagekit import strategies as eks

CASES = [
    (eks.posts, ek.Post), (eks.hashtags, ek.Hashtag), (eks.mentions, ek.Mention),
    (eks.links, ek.Link), (eks.cashtags, ek.Cashtag), (eks.emoji, ek.Emoji),
    (eks.coordinates, ek.Coordinates), (eks.locations, ek.Location),
    (eks.accounts, ek.Account), (eks.agencies, ek.Agency), (eks.officers, ek.Officer),
    (eks.media, ek.Media), (eks.engagements, ek.Engagement),
    (eks.text_qualities, ek.TextQuality),
]


@pytest.mark.parametrize(("strategy", "cls"), CASES, ids=[c[1].__name__ for c in CASES])
@given(data=st.data())
def test_strategy_makes_its_model(strategy: Any, cls: type[Any], data: st.DataObject) -> None:
    assert type(data.draw(strategy())) is cls


def test_hard_cases_are_generated() -> None:
    find(eks.captions(), lambda s: any(ord(ch) > 0xFFFF for ch in s))  # astral emoji
    find(eks.texts(), lambda s: any("\u0590" <= ch <= "\u06ff" for ch in s))  # RTL
    find(eks.aware_datetimes(), lambda d: d.utcoffset() != timedelta(0))  # non-UTC offsets
    find(eks.posts(), lambda p: p.location is not None and p.location.coordinates is not None)
    find(eks.captions(), lambda s: "??????" in s)


def test_post_fields_cover_every_attrs_field_of_post() -> None:
    assert list(eks.post_fields()) == [a.name for a in attrs.fields(ek.Post)]


def test_a_field_without_a_strategy_is_named() -> None:
    @attrs.frozen(kw_only=True)
    class Bigger:
        id: str
        repost_of: str | None = None

    with pytest.raises(TypeError, match=r"no strategy for Bigger\.repost_of"):
        eks._build(Bigger, {"id": st.just("1")})
    with pytest.raises(TypeError, match=r"a strategy for Bigger\.bogus, which is not a field"):
        eks._build(Bigger, {"id": st.just("1"), "repost_of": st.none(), "bogus": st.none()})


@pytest.mark.parametrize(
    "make",
    [eks.hashtags, eks.cashtags, eks.mentions, eks.links, eks.emoji, eks.coordinates,
     eks.locations, eks.accounts, eks.agencies, eks.officers, eks.media, eks.engagements,
     eks.text_qualities, eks.posts],
)
def test_every_model_strategy_checks_its_fields(make: Any) -> None:
    make()  # raises TypeError naming a field the strategy misses
