"""engagekit.strategies: each strategy makes valid values of its model, with hard cases."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

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
