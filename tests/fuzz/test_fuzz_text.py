"""Fuzzing ``parse_text``: any string, any dialect, huge adversarial strings; nothing but an
EngageKitError escapes, nothing hangs, and every entity span points at its text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.errors import EngageKitError
from engagekit.text import DIALECTS, ParsedText, parse_text
from tests.fuzz._core import CAPTIONS, deadline


def _check(parsed: ParsedText) -> None:
    text = parsed.text
    for tag in parsed.hashtags:
        if tag.start is not None and tag.end is not None:
            assert 0 <= tag.start < tag.end <= len(text)
            assert text[tag.start] in "#＃"
    for mention in parsed.mentions:
        if mention.start is not None and mention.end is not None:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start] in "@＠"
    for link in parsed.links:
        if link.start is not None and link.end is not None:
            assert 0 <= link.start < link.end <= len(text)


@given(text=CAPTIONS, dialect=st.sampled_from(sorted(DIALECTS)), repair=st.booleans())
def test_any_text_parses_or_gives_a_documented_error(text: str, dialect: str,
                                                     repair: bool) -> None:
    try:
        with deadline(5):
            parsed = parse_text(text, dialect=dialect, repair=repair)
    except EngageKitError:
        return
    _check(parsed)


_N = 100_000
HUGE = {
    "hashes": "#" * _N,
    "hash-words": "#a" * (_N // 2),
    "ats": "@" * _N,
    "at-words": "@a" * (_N // 2),
    "cashtags": "$A" * (_N // 2),
    "dots": "a." * (_N // 2),
    "one-long-url": "https://" + "a" * _N + ".com",
    "url-path": "https://example.org/" + "(" * _N,
    "schemes": "http://" * (_N // 7),
    "www": "www." * (_N // 4),
    "zwj-chain": "👮\u200d" * (_N // 3),
    "flags": "🇺" * _N,
    "question-marks": "?" * _N,
    "mojibake": "Ã©" * (_N // 2),
    "combining": "e" + "\u0301" * _N,
    "surrogates": "\ud800" * _N,
}


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
@pytest.mark.parametrize("name", sorted(HUGE))
def test_huge_adversarial_captions_finish(name: str, dialect: str) -> None:
    with deadline(20):  # a hang guard, not a speed test: linear work takes well under a second
        parsed = parse_text(HUGE[name], dialect=dialect)
    _check(parsed)
