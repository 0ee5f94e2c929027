"""bench_serialize's decode cases for several engagekit source trees, in one process.

Comparing two commits in two processes on a shared machine measures the machine as much as
the code. This script imports each tree's engagekit side by side (``sys.modules`` swapped, so
each tree keeps its own modules and converter) and times ``read_jsonl`` on the same posts,
streamed and held in a list, every tree in turn in every round, best of the rounds.

Run, with checkouts made by ``git worktree add /tmp/before <commit>``::

    python benchmarks/bench_decode_trees.py before=/tmp/before/src now=src [--n 20000]

The posts are bench_serialize's ``make_posts``, written by the last tree named.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson

Modules = dict[str, ModuleType]


def _ours(name: str) -> bool:
    return name == "engagekit" or name.startswith("engagekit.")


def load(src: str, warm: Callable[[Any], Any]) -> tuple[Any, Modules, Any]:
    """Import the tree's engagekit and warm it while its modules are the current ones.

    Type hints are resolved through ``sys.modules`` when a hook is first made, so every
    hook is made here; the modules are then set aside until the tree is timed.
    """
    for name in [n for n in sys.modules if _ours(n)]:
        del sys.modules[name]
    sys.path.insert(0, src)
    try:
        ek = importlib.import_module("engagekit")
        importlib.import_module("engagekit.io.jsonl")
        result = warm(ek)
    finally:
        sys.path.remove(src)
    modules = {n: m for n, m in sys.modules.items() if _ours(n)}
    for name in modules:
        del sys.modules[name]
    return ek, modules, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", help="name=path/to/src, the first is the baseline")
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    trees = dict(t.split("=", 1) for t in args.trees)
    n = args.n
    sys.path.insert(0, str(Path(__file__).parent))

    def write(ek: Any) -> bytes:
        import bench_serialize  # imports the engagekit being loaded

        unstructure = ek.io.converter.get_unstructure_hook(ek.Post)
        lines = [orjson.dumps(unstructure(p), option=orjson.OPT_UTC_Z)
                 for p in bench_serialize.make_posts(n)]
        del sys.modules["bench_serialize"]
        return b'{"engagekit":1,"type":"Post"}\n' + b"\n".join(lines) + b"\n"

    data: bytes = load(list(trees.values())[-1], write)[2]

    def read_all(ek: Any) -> list[str]:
        posts = list(ek.read_jsonl(io.BytesIO(data)))
        assert len(posts) == n
        return [repr(p) for p in posts[:100]]

    loaded = {name: load(src, read_all) for name, src in trees.items()}
    first = next(iter(loaded.values()))[2]
    assert all(sample == first for _, _, sample in loaded.values()), "trees read differently"

    def streamed(ek: Any) -> None:
        for _ in ek.read_jsonl(io.BytesIO(data)):
            pass

    def held(ek: Any) -> None:
        list(ek.read_jsonl(io.BytesIO(data)))

    best: dict[tuple[str, str], float] = {}
    for _ in range(args.rounds):
        for case, run in (("streamed", streamed), ("held", held)):
            for name, (ek, modules, _) in loaded.items():
                sys.modules.update(modules)
                try:
                    gc.collect()
                    t0 = time.perf_counter()
                    run(ek)
                    took = time.perf_counter() - t0
                finally:
                    for module in modules:
                        del sys.modules[module]
                best[(name, case)] = min(took, best.get((name, case), took))
    base = next(iter(trees))
    print(f"{n:,} posts, best of {args.rounds} rounds, gc on, one process\n")
    print("| tree | streamed posts/s | vs first | held posts/s | vs first |")
    print("|---|---:|---:|---:|---:|")
    for name in trees:
        s, h = best[(name, "streamed")], best[(name, "held")]
        print(f"| {name} | {n / s:,.0f} | {best[(base, 'streamed')] / s:.2f}x "
              f"| {n / h:,.0f} | {best[(base, 'held')] / h:.2f}x |")


if __name__ == "__main__":
    main()
