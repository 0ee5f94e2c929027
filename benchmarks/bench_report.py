"""The HTML report on many posts: one pass over the posts, charts of aggregates only.

Data: the synthetic posts of ``bench_aggregate.py`` (Zipf-distributed hashtags
over 5,000 tags in several spellings, 200 authors, 50 places, three years),
held in a list. Measured: ``engagekit.report.build_report`` with its defaults
(small-cell suppression at 10, redaction) in America/Chicago, once after a
warm-up on 1,000 posts (which pays for importing matplotlib), then the same
again with the aggregators alone (:func:`engagekit.report._gather.gather`),
so the rest (publishing every table, drawing four charts) is the difference.

Target: seconds, not minutes, for 100,000 posts. Needs the ``report`` extra.

Run: ``python benchmarks/bench_report.py [--posts 100000]``.
"""

from __future__ import annotations

import argparse
import time

from bench_aggregate import ZONE, posts

from engagekit.report import build_report
from engagekit.report._gather import gather


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    n = parser.parse_args().posts
    items = list(posts(n))
    build_report(items[:1000], tz=ZONE)  # warm-up: imports matplotlib
    start = time.perf_counter()
    report = build_report(items, tz=ZONE)
    total = time.perf_counter() - start
    start = time.perf_counter()
    gather(items, tz=ZONE)
    one_pass = time.perf_counter() - start
    print("| posts | build_report | of which the one pass | page | cells withheld |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| {n:,} | {total:.2f} s | {one_pass:.2f} s | {len(report.html) / 1024:.0f} KiB "
          f"| {report.suppressed_cells:,} |")


if __name__ == "__main__":
    main()
