"""Mentions per dialect, and cashtags (Twitter only)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.text import DIALECTS, extract_cashtags, extract_mentions

CASES: dict[str, list[dict[str, Any]]] = {
    "twitter": [
        {"description": "plain", "text": "Thanks @CityPD!", "expected": ["CityPD"]},
        {"description": "email is not a mention", "text": "ada@example.com", "expected": []},
        {"description": "list references are not mentions", "text": "@ada/team hi", "expected": []},
        {"description": "RT counts as a word start", "text": "RT@ada: hi", "expected": ["ada"]},
    ],
    "instagram": [
        {
            "description": "dots and underscores",
            "text": "with @officer.giselle_2.",
            "expected": ["officer.giselle_2"],
        },
        {"description": "longer than 30 is not a handle", "text": "@" + "a" * 31, "expected": []},
        {"description": "email is not a mention", "text": "ada@example.com", "expected": []},
    ],
    "mastodon": [
        {
            "description": "local and remote",
            "text": "cc @ada and @bob@example.social.",
            "expected": ["ada", "bob@example.social"],
        },
        {"description": "not after a word", "text": "ada@example.social", "expected": []},
    ],
    "bluesky": [
        {
            "description": "a domain handle",
            "text": "Thanks @officer.bsky.social 🚲",
            "expected": ["officer.bsky.social"],
        },
        {
            "description": "in parentheses, trailing period",
            "text": "(@ada.example.com.)",
            "expected": ["ada.example.com"],
        },
        {"description": "not a domain", "text": "@ada hi", "expected": []},
        {"description": "test handles", "text": "@bob.test", "expected": ["bob.test"]},
    ],
}


def table() -> list[Any]:
    return [pytest.param(d, c, id=f"{d}-{c['description']}") for d in DIALECTS for c in CASES[d]]


@pytest.mark.parametrize(("dialect", "case"), table())
def test_table(dialect: str, case: dict[str, Any]) -> None:
    found = extract_mentions(case["text"], dialect=dialect)
    assert [m.handle for m in found] == case["expected"]
    for m in found:
        assert case["text"][m.start : m.end] == "@" + m.handle


@pytest.mark.parametrize("dialect", DIALECTS)
@given(
    text=st.lists(st.sampled_from([*"@＠ab_.1 -/=(", "RT", "é", "com"]), max_size=20).map("".join)
)
def test_spans_index_the_text(dialect: str, text: str) -> None:
    for m in extract_mentions(text, dialect=dialect):
        assert m.start is not None
        assert text[m.start] in "@＠"
        assert text[m.start + 1 : m.end] == m.handle


@pytest.mark.parametrize("dialect", DIALECTS)
def test_adversarial_inputs_finish(dialect: str) -> None:
    for text in ("@" * 200_000, "@a" * 100_000, "@" + "a." * 100_000, "@a@" + "b-" * 100_000):
        extract_mentions(text, dialect=dialect)


def test_cashtags_are_twitter_only() -> None:
    text = "Watching $TEST and $abc.de today"
    assert [c.text for c in extract_cashtags(text)] == ["TEST", "abc.de"]
    assert [c.key for c in extract_cashtags(text)] == ["TEST", "ABC.DE"]
    for dialect in ("instagram", "mastodon", "bluesky"):
        assert extract_cashtags(text, dialect=dialect) == ()
