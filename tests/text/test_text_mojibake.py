"""Mojibake repair: UTF-8 read as Latin-1, as in Meta exports."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.text import repair_mojibake, repair_text

CASES = [
    ("Un Taxi \u00f0\u009f\u0087\u00a8\u00f0\u009f\u0087\u00b4", "Un Taxi 🇨🇴"),
    ("n\u00c3\u00a6sten", "næsten"),
    ("artyku\u00c5\u0082", "artykuł"),
    ("it\u00e2\u0080\u0099s", "it’s"),
    (
        "Coffee with a cop \u00e2\u0098\u0095 #CommunityPolicing",
        "Coffee with a cop ☕ #CommunityPolicing",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_repairs(before: str, after: str) -> None:
    assert repair_mojibake(before) == after
    assert repair_text(before) == (after, ("mojibake",))


@pytest.mark.parametrize("text", ["plain ascii", "Café ☕", "naïve", "", "Ã alone"])
def test_leaves_good_text_alone(text: str) -> None:
    assert repair_mojibake(text) is text
    assert repair_text(text) == (text, ())


@given(st.text())
def test_idempotent(text: str) -> None:
    once = repair_mojibake(text)
    assert repair_mojibake(once) == once


@given(st.text())
def test_undoes_the_damage(text: str) -> None:
    damaged = text.encode("utf-8", "surrogatepass").decode("latin-1")
    if max(text, default="a") >= "\ud800" and any("\ud800" <= c <= "\udfff" for c in text):
        return  # lone surrogates are not valid UTF-8 to begin with
    assert repair_mojibake(damaged) == text


def test_ftfy_is_opt_in() -> None:
    pytest.importorskip("ftfy")
    text = "The Mona Lisa doesn\u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2t have eyebrows."
    assert repair_mojibake(text) is text  # not a pure Latin-1 round trip
    fixed, repairs = repair_text(text, ftfy=True)
    assert fixed == "The Mona Lisa doesn't have eyebrows."
    assert repairs == ("ftfy",)
