"""Fuzzing every reader through ``read_posts``: only an EngageKitError may escape, nothing hangs,
and every post read survives a JSONL round trip.

Inputs are the seeds of :mod:`tests.fuzz._core` (synthetic exports in each format) mutated
structurally (wrong types, huge and deep values, NaN, 5,000-digit integers, deleted keys),
damaged byte by byte (flips, insertions, cuts, truncation, repeated spans, a damaged archive),
or random bytes. Each input is read under a timer of 5 CPU seconds (``signal.setitimer``); a
hang, an exception that is not an EngageKitError, or the ParseError ``read_posts`` wraps a
reader's unexpected exception in fails the test. The CI profile runs 200 inputs per reader;
``scripts/fuzz_figures.py`` runs more and ``scripts/fuzz/fuzz_reader.py`` runs atheris.
"""

from __future__ import annotations

import io
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.errors import ParseError
from engagekit.sources import read_posts
from tests.fuzz._core import READERS, SEEDS, Hang, deadline, inputs, is_bug, outcome, pack


@pytest.mark.parametrize("reader", READERS)
def test_every_seed_reads_cleanly(reader: str) -> None:
    # a seed that failed would fuzz nothing but the error path
    for seed in SEEDS[reader]:
        report = read_posts(io.BytesIO(pack(seed, seed.members[seed.target])), format=reader,
                            errors="collect")
        assert report.posts, seed.name
        assert not any(map(is_bug, report.errors)), seed.name


@pytest.mark.parametrize("reader", READERS)
@given(data=st.data())
def test_only_documented_errors_escape(reader: str, data: st.DataObject) -> None:
    raw = data.draw(inputs(reader), label="input")
    result = outcome(reader, raw, collect=data.draw(st.booleans(), label="collect"))
    assert not result.startswith("BUG"), result


def test_the_timer_stops_a_hang() -> None:
    def spin() -> None:
        with deadline(0.2):
            while True:
                pass

    start = time.perf_counter()
    with pytest.raises(Hang):
        spin()
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize(("error", "bug"), [
    (ParseError("expected int", source="a.json"), False),
    (ParseError("unexpected KeyError in the csv reader (please report this as an engagekit "
                "bug): 'x'"), True),
    (KeyError("x"), True),
])
def test_what_counts_as_a_bug(error: BaseException, bug: bool) -> None:
    assert is_bug(error) is bug
