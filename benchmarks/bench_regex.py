"""Time every regular expression in engagekit on its worst-case input at growing sizes.

Run: ``PYTHONPATH=src python benchmarks/bench_regex.py [--sizes 1000 10000 100000]
[--repeat 5]`` from the repository root (the cases live in ``tests/_regex_cases.py``).
Prints a markdown table: the best of ``--repeat`` times at each size, and the growth ratio
between the two largest sizes. Linear work grows about 10x per decade; quadratic
backtracking about 100x. Times under 0.1 ms are dominated by call overhead, so their ratio
says little.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests._regex_cases

from tests._regex_cases import CASES, patterns, run


def best(pattern: Any, how: str, data: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(pattern, how, data)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    found = patterns()
    sizes: list[int] = args.sizes
    print("| pattern | run as | " + " | ".join(f"{n:,} chars (ms)" for n in sizes)
          + f" | growth {sizes[-2]:,} to {sizes[-1]:,} |")
    print("|---|---|" + "---:|" * len(sizes) + "---:|")
    worst = (0.0, "")
    for name, (how, make) in sorted(CASES.items()):
        times = [best(found[name], how, make(n), args.repeat) for n in sizes]
        ratio = times[-1] / max(times[-2], 1e-9)
        if times[-1] > 1e-3 and ratio > worst[0]:
            worst = (ratio, name)
        cells = " | ".join(f"{t * 1e3:.3f}" for t in times)
        print(f"| `{name.removeprefix('engagekit.')}` | {how} | {cells} | {ratio:.1f}x |")
    step = sizes[-1] / sizes[-2]
    print(f"\n{len(CASES)} patterns; size step {step:g}x; largest growth among cases over 1 ms: "
          f"{worst[0]:.1f}x ({worst[1].removeprefix('engagekit.')})")


if __name__ == "__main__":
    main()
