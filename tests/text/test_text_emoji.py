"""Emoji sequences, checked against the emoji package's data."""

from __future__ import annotations

from typing import Any

import emoji as emoji_pkg
import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from engagekit.text import extract_emoji
from engagekit.text._emoji import _MAYBE

CASES: list[dict[str, Any]] = [
    {"description": "ZWJ family", "text": "👨‍👩‍👧 day", "expected": ["👨‍👩‍👧"]},
    {"description": "skin tone", "text": "👍🏽👍", "expected": ["👍🏽", "👍"]},
    {"description": "flags pair up", "text": "🇨🇴🇺🇸🇦", "expected": ["🇨🇴", "🇺🇸"]},
    {"description": "keycaps", "text": "1️⃣ #⃣ 7", "expected": ["1️⃣", "#⃣"]},
    {"description": "subdivision flag", "text": "🏴󠁧󠁢󠁳󠁣󠁴󠁿!", "expected": ["🏴󠁧󠁢󠁳󠁣󠁴󠁿"]},
    {
        "description": "text style with and without VS16",
        "text": "❤ ❤️ ©",
        "expected": ["❤", "❤️", "©"],
    },
    {"description": "a playing card is pictographic but not emoji", "text": "🂡", "expected": []},
    {"description": "ASCII only", "text": "no emoji here :-)", "expected": []},
]


@pytest.mark.parametrize("case", CASES, ids=[c["description"] for c in CASES])
def test_table(case: dict[str, Any]) -> None:
    assert [e.text for e in extract_emoji(case["text"])] == case["expected"]


def package_emoji(text: str) -> list[tuple[str, int, int]]:
    return [(e["emoji"], e["match_start"], e["match_end"]) for e in emoji_pkg.emoji_list(text)]


def ours(text: str) -> list[tuple[str, int, int]]:
    return [(e.text, e.start or 0, e.end or 0) for e in extract_emoji(text)]


KNOWN = sorted(emoji_pkg.EMOJI_DATA)
# Separators that cannot join with an emoji on either side.
PLAIN = [" ", "a", "Giselle ", "! ", "#tag ", "日本", "é", "\n"]


@given(parts=st.lists(st.sampled_from(KNOWN) | st.sampled_from(PLAIN), max_size=12))
def test_agrees_with_the_emoji_package(parts: list[str]) -> None:
    text = "".join(parts)
    assert ours(text) == package_emoji(text)


def test_every_single_emoji_in_the_package_data() -> None:
    mismatched = [k for k in KNOWN if ours(f"a{k}b") != package_emoji(f"a{k}b")]
    assert mismatched == []


def test_prefilter_covers_every_emoji_character() -> None:
    every = "".join(map(chr, range(0x80, 0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    for ch in regex.findall(r"\p{Emoji}", every):
        assert _MAYBE.match(ch), hex(ord(ch))


def test_adversarial_inputs_finish() -> None:
    for text in (
        "👍🏽" * 100_000,
        "\u200d" * 200_000,
        "👨\u200d" * 100_000,
        "🏴" + "\U000e0067" * 200_000,
    ):
        found = extract_emoji(text)
        assert all(text[e.start : e.end] == e.text for e in found)
