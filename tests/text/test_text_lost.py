"""Lost glyphs: U+FFFD and runs of ``?`` standing for characters an export could not store."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.text import find_lost_glyphs

CASES: list[dict[str, Any]] = [
    {"description": "a run after punctuation", "text": "memories! ??????", "expected": 6},
    {"description": "runs around an emoji", "text": "#StayCommitted ??✊????????", "expected": 10},
    {"description": "a question after a word", "text": "What?? no", "expected": 0},
    {"description": "a single question mark", "text": "Ready? Go", "expected": 0},
    {"description": "U+FFFD always counts", "text": "caf\ufffd and \ufffd", "expected": 2},
    {"description": "a run after a digit", "text": "Day 2??", "expected": 0},
    {"description": "a run after a combining mark", "text": "नमस्ते??", "expected": 0},
    {"description": "a run at the start", "text": "?? hello", "expected": 2},
]


@pytest.mark.parametrize("case", CASES, ids=[c["description"] for c in CASES])
def test_table(case: dict[str, Any]) -> None:
    quality = find_lost_glyphs(case["text"])
    assert quality.lost_glyphs == case["expected"]
    assert quality.clean is (case["expected"] == 0)


def test_spans() -> None:
    assert find_lost_glyphs("#StayCommitted ??✊????????").lost_spans == ((15, 17), (18, 26))
    assert find_lost_glyphs("\ufffd?? x").lost_spans == ((0, 3),)


@given(text=st.text(alphabet=st.sampled_from(list("a1 !?✊\ufffd")), max_size=40))
def test_spans_cover_only_lost_characters(text: str) -> None:
    quality = find_lost_glyphs(text)
    assert quality.lost_glyphs == sum(e - s for s, e in quality.lost_spans)
    assert quality.lost_glyphs >= text.count("\ufffd")
    for s, e in quality.lost_spans:
        assert set(text[s:e]) <= {"?", "\ufffd"}


def test_adversarial_inputs_finish() -> None:
    assert find_lost_glyphs("?" * 1_000_000).lost_glyphs == 1_000_000
    assert find_lost_glyphs("a?" * 500_000).lost_glyphs == 0
