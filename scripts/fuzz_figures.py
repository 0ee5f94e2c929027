"""Fuzz every reader and ``parse_text`` with more inputs than CI, and print the figures table of
``docs/reliability.md``.

Run from the repository root: ``PYTHONPATH=src python scripts/fuzz_figures.py [--examples 2000]
[--readers instagram csv ...]``. The inputs are those of the fuzz tests
(:func:`tests.fuzz._core.inputs`: mutated synthetic exports, damaged bytes, random bytes), drawn
by Hypothesis with a fixed seed (``derandomize``), so a run with the same arguments and the same
engagekit tries the same inputs. Each input is read under a timer of 5 CPU seconds; the table
counts the inputs that gave posts, each documented error class, and anything else (an exception
that is not an EngageKitError, a reader bug wrapped by ``read_posts``, a hang), which must be 0. The
first few of those are printed after the table.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.fuzz._core

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from engagekit.text import DIALECTS
from tests.fuzz._core import CAPTIONS, READERS, inputs, outcome, text_outcome

COLUMNS = ("posts", "ParseError", "UnsupportedFormat", "LimitExceeded", "ValidationError")
_SETTINGS = settings(max_examples=1, database=None, deadline=None, derandomize=True,
                     phases=[Phase.generate], suppress_health_check=list(HealthCheck))


def tally(name: str, examples: int, bugs: list[str]) -> tuple[Counter[str], float]:
    """Outcomes of ``examples`` inputs for a reader, or for ``parse_text``."""
    counts: Counter[str] = Counter()

    def record(result: str) -> None:
        if result.startswith("BUG"):
            bugs.append(f"{name}: {result[:300]}")
            result = "other"
        counts[result] += 1

    if name == "parse_text":
        @settings(_SETTINGS, max_examples=examples)
        @given(text=CAPTIONS, dialect=st.sampled_from(sorted(DIALECTS)))
        def text_case(text: str, dialect: str) -> None:
            record(text_outcome(text, dialect))

        run = text_case
    else:
        @settings(_SETTINGS, max_examples=examples)
        @given(data=inputs(name), collect=st.booleans())
        def reader_case(data: bytes, collect: bool) -> None:
            record(outcome(name, data, collect=collect))

        run = reader_case
    start = time.perf_counter()
    run()
    return counts, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="inputs per reader")
    parser.add_argument("--readers", nargs="+", default=[*READERS, "parse_text"])
    args = parser.parse_args(argv)
    bugs: list[str] = []
    print("| reader | inputs | gave posts | " + " | ".join(COLUMNS[1:])
          + " | anything else | seconds |")
    print("|---|" + "---:|" * (len(COLUMNS) + 3))
    total: Counter[str] = Counter()
    for name in args.readers:
        counts, seconds = tally(name, args.examples, bugs)
        total += counts
        ok = counts["posts"] + counts["parsed"]
        cells = [str(ok), *(str(counts[c]) for c in COLUMNS[1:]), str(counts["other"])]
        print(f"| {name} | {sum(counts.values())} | " + " | ".join(cells) + f" | {seconds:.1f} |")
    print(f"\n{sum(total.values())} inputs in all; anything else: {total['other']}")
    for bug in bugs[:10]:
        print("  ", bug)
    return 1 if bugs else 0


if __name__ == "__main__":
    raise SystemExit(main())
