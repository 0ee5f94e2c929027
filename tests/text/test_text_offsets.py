"""Offsets between code points, UTF-16 units and UTF-8 bytes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.errors import ValidationError
from engagekit.text.offsets import (
    OffsetError,
    OffsetMap,
    codepoint_to_utf8,
    codepoint_to_utf16,
    utf8_to_codepoint,
    utf16_to_codepoint,
)

TEXT = st.text(alphabet=st.sampled_from([*"ab #é€日🚲👍🏽", "\u0301"]))


def test_bluesky_facet_example() -> None:
    text = "Thanks @officer.bsky.social 🚲 #BikeSafety"
    start = text.index("#")
    byte_start = len(text[:start].encode("utf-8"))
    assert utf8_to_codepoint(text, byte_start) == start
    assert codepoint_to_utf8(text, start) == byte_start
    assert codepoint_to_utf16(text, start) == start + 1
    assert utf16_to_codepoint(text, start + 1) == start


@given(text=TEXT, data=st.data())
def test_round_trips(text: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(text)))
    b = codepoint_to_utf8(text, i)
    u = codepoint_to_utf16(text, i)
    assert b == len(text[:i].encode("utf-8"))
    assert u == len(text[:i].encode("utf-16-le")) // 2
    assert utf8_to_codepoint(text, b) == i
    assert utf16_to_codepoint(text, u) == i
    m = OffsetMap(text)
    assert (m.codepoint_to_utf8(i), m.codepoint_to_utf16(i)) == (b, u)
    assert (m.utf8_to_codepoint(b), m.utf16_to_codepoint(u)) == (i, i)


@given(text=TEXT)
def test_batch_matches_single(text: str) -> None:
    m = OffsetMap(text)
    cps = list(range(len(text) + 1))
    assert m.to_utf8(cps) == [codepoint_to_utf8(text, i) for i in cps]
    assert m.from_utf16(m.to_utf16(cps)) == cps
    assert m.from_utf8(m.to_utf8(cps)) == cps


@pytest.mark.parametrize(
    ("func", "text", "offset"),
    [
        (utf8_to_codepoint, "é", 1),  # between the two bytes of é
        (utf16_to_codepoint, "🚲", 1),  # between the halves of a surrogate pair
        (utf8_to_codepoint, "abc", 4),
        (codepoint_to_utf8, "abc", -1),
        (codepoint_to_utf16, "🚲", 2),
        (utf16_to_codepoint, "ab", 3),
    ],
)
def test_bad_offsets_raise(func: object, text: str, offset: int) -> None:
    assert callable(func)
    with pytest.raises(OffsetError) as info:
        func(text, offset)
    assert isinstance(info.value, ValidationError)
    assert repr(offset) in str(info.value) or "inside a character" in str(info.value)


def test_offset_map_rejects_inside_characters() -> None:
    m = OffsetMap("a🚲é")
    with pytest.raises(OffsetError, match="inside a character"):
        m.utf16_to_codepoint(2)
    with pytest.raises(OffsetError, match="inside a character"):
        m.utf8_to_codepoint(2)
    with pytest.raises(OffsetError):
        m.codepoint_to_utf8(4)
