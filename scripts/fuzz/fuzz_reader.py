"""A coverage-guided fuzzing harness (atheris) for one engagekit reader, for long runs.

Run from the repository root, with atheris installed (``pip install atheris``; it is not an
engagekit dependency)::

    PYTHONPATH=src python scripts/fuzz/fuzz_reader.py instagram corpus/ig -max_total_time=3600

The first argument is a format name (``instagram``, ``facebook``, ``twitter-archive``,
``twitter-api``, ``mastodon``, ``bluesky``, ``csv``, ``engagekit``) or ``parse_text``; the rest
goes to libFuzzer (a corpus folder, ``-max_total_time``, ``-jobs``...). An empty corpus folder
is seeded with the fuzz tests' synthetic seeds for that reader. Each input is the reader's main
member: it is packed into the seed export (a zip archive or a bare file) and read with
``read_posts(errors="collect")``; for ``parse_text`` it is decoded as UTF-8 (bad bytes
replaced). Only an EngageKitError may come out and nothing may take 5 seconds; anything else is
reported by libFuzzer as a crash and the input saved beside the corpus.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # for tests.fuzz._core

from tests.fuzz._core import READERS, SEEDS, outcome, pack, text_outcome

TARGETS = (*READERS, "parse_text")


def _atheris() -> ModuleType:
    try:
        return importlib.import_module("atheris")
    except ModuleNotFoundError:
        raise SystemExit("atheris is not installed: pip install atheris (Linux, CPython 3.11+); "
                         "it is not an engagekit dependency") from None


def one_input(target: str, data: bytes) -> None:
    """Read one fuzzer input; raise AssertionError on anything but a documented outcome."""
    if target == "parse_text":
        result = text_outcome(data.decode("utf-8", "replace"), "twitter")
    else:
        seed = SEEDS[target][data[0] % len(SEEDS[target])] if data else SEEDS[target][0]
        result = outcome(target, pack(seed, data[1:]))
    if result.startswith("BUG"):
        raise AssertionError(result)


def _seed_corpus(target: str, folder: Path) -> None:
    if target == "parse_text" or any(folder.iterdir()):
        return
    for i, seed in enumerate(SEEDS[target]):
        (folder / f"seed-{i}").write_bytes(bytes([i]) + seed.members[seed.target])


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1] not in TARGETS:
        raise SystemExit(f"usage: {argv[0]} {{{','.join(TARGETS)}}} [corpus] [libFuzzer flags]")
    target = argv[1]
    atheris = _atheris()
    corpus = next((Path(a) for a in argv[2:] if not a.startswith("-")), None)
    if corpus is not None:
        corpus.mkdir(parents=True, exist_ok=True)
        _seed_corpus(target, corpus)
    atheris.Setup([argv[0], *argv[2:]], lambda data: one_input(target, data))
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
