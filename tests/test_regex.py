"""Every regular expression in engagekit is listed in ``tests/_regex_cases.py`` with its worst
case, and finishes on that input at 1k, 10k and 100k characters.

Not a speed test: the bound is a hang guard far above what linear work needs (the timings and
their growth are in ``benchmarks/bench_regex.py``). A pattern that backtracks quadratically
takes minutes at 100k and fails here.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import regex

from tests._regex_cases import CASES, UNIMPORTED, patterns, run
from tests.fuzz._core import deadline

FOUND = patterns()


def test_every_pattern_has_an_adversarial_case() -> None:
    missing = sorted(set(FOUND) - set(CASES))
    assert not missing, f"add each new pattern's worst case to tests/_regex_cases.py: {missing}"


def test_no_case_names_a_pattern_that_is_gone() -> None:
    if UNIMPORTED:
        pytest.skip(f"modules of extras not installed were not walked: {UNIMPORTED}")
    assert sorted(set(CASES) - set(FOUND)) == []


def test_the_walk_finds_patterns_in_modules_classes_and_tuples() -> None:
    assert "engagekit.sources._engine.scan:_SKIP" in FOUND  # module level, bytes
    assert "engagekit.sources.instagram:_SNIFF[3][1]" in FOUND  # inside a tuple of pairs
    assert "engagekit.text._hashtags:_TWITTER" in FOUND  # a `regex` pattern
    assert all(isinstance(p, (re.Pattern, regex.Pattern)) for p in FOUND.values())
    assert len(FOUND) >= 80


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_worst_case_finishes_at_every_size(name: str) -> None:
    how, make = CASES[name]
    if name not in FOUND:
        pytest.skip(f"{name.split(':')[0]} was not imported: {UNIMPORTED}")
    pattern: Any = FOUND[name]
    with deadline(20):  # all three sizes: linear work takes milliseconds
        for n in (1_000, 10_000, 100_000):
            run(pattern, how, make(n))
