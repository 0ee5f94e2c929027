"""From an export to aggregates: one process against ``engagekit.dask`` on a local cluster.

The export is the synthetic Instagram zip of ``bench_sources.generate("instagram", mb)``
(one deflated ``posts_1.json`` of about ``mb`` MB, cached under ``benchmarks/_data/``).
The aggregates are ``HashtagCounts()`` and ``Timeline(period="month", tz="America/Chicago")``.

* ``one process``: ``engagekit.read_posts`` feeding the aggregators in one loop;
* ``dask``: ``engagekit.dask.read_posts`` and ``engagekit.dask.aggregate`` on a
  ``LocalCluster`` of ``--workers`` worker processes, one thread each. The time runs
  from planning (the client's survey of the export) to the merged results; the
  cluster's start-up is measured and reported apart. The worker processes are
  started without the ``MALLOC_TRIM_THRESHOLD_`` distributed's nanny sets by
  default (see docs/scaling.md); ``--nanny-default`` adds a run with it.

Each case runs ``--runs`` times and the median is reported; the results of every
run are checked to be identical to the one-process results.

Run: ``python benchmarks/bench_aggregate_e2e.py [--mb 500] [--runs 3] [--workers 2]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sources import generate

from engagekit.aggregate import Aggregator, HashtagCounts, Timeline, feed

_TRIM = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"


def aggregators() -> tuple[Aggregator[Any], ...]:
    """The aggregators of a run: hashtags, and posts per month in Chicago."""
    return HashtagCounts(), Timeline(period="month", tz="America/Chicago")


def one_process(path: Path) -> tuple[float, tuple[Any, ...]]:
    import engagekit as ek

    start = time.perf_counter()
    aggs = aggregators()
    feed(ek.read_posts(path), *aggs)
    results = tuple(agg.result() for agg in aggs)
    return time.perf_counter() - start, results


def on_dask(path: Path, workers: int, partition_bytes: int,
            nanny_default: bool) -> tuple[float, float, int, tuple[Any, ...]]:
    """(seconds, cluster start-up seconds, partitions, results)."""
    import dask
    from dask.distributed import Client, LocalCluster

    import engagekit.dask as ekd

    client_of: Any = Client  # not annotated in distributed
    cluster_of: Any = LocalCluster
    config = {} if nanny_default else {_TRIM: None}
    with dask.config.set(config):
        start = time.perf_counter()
        with cluster_of(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, client_of(cluster):
            started = time.perf_counter()
            bag = ekd.read_posts(path, partition_bytes=partition_bytes)
            results = ekd.aggregate(bag, *aggregators())
            seconds = time.perf_counter() - started
    return seconds, started - start, bag.npartitions, results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mb", type=int, default=500, help="uncompressed size of the export")
    parser.add_argument("--runs", type=int, default=3, help="runs of each case (median kept)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--partition-mb", type=int, default=None,
                        help="partition_bytes in MiB (default: the member split in --workers)")
    parser.add_argument("--nanny-default", action="store_true",
                        help="also run with distributed's default worker environment")
    args = parser.parse_args(argv)
    path = generate("instagram", args.mb)
    size = path.stat().st_size
    with zipfile.ZipFile(path) as zf:
        member = max(info.file_size for info in zf.infolist())
    partition_bytes = (args.partition_mb << 20 if args.partition_mb
                       else -(-member // args.workers))
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {path.name} "
          f"({size / 1e6:.0f} MB zipped); HashtagCounts + Timeline(month, America/Chicago); "
          f"partition_bytes={partition_bytes:,}; median of {args.runs} runs\n", flush=True)

    single = [one_process(path) for _ in range(args.runs)]
    expected = single[0][1]
    assert all(r == expected for _, r in single)
    rows: list[tuple[str, float, float | None, int, bool]] = [
        ("one process", statistics.median(s for s, _ in single), None, 1, True)]
    cases = [("dask", False)] + ([("dask, nanny default env", True)] if args.nanny_default else [])
    for name, default in cases:
        runs = [on_dask(path, args.workers, partition_bytes, default) for _ in range(args.runs)]
        same = all(r == expected for *_, r in runs)
        assert same, f"{name}: results differ from one process"
        rows.append((f"{name}, {args.workers} workers", statistics.median(r[0] for r in runs),
                     statistics.median(r[1] for r in runs), runs[0][2], same))

    posts = sum(bucket.posts for bucket in expected[1])
    base = rows[0][1]
    print("| case | posts | partitions | seconds | posts/s | speed-up | cluster start-up s "
          "| identical |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, seconds, startup, parts, same in rows:
        up = "-" if startup is None else f"{startup:.2f}"
        print(f"| {name} | {posts:,} | {parts} | {seconds:.2f} | {posts / seconds:,.0f} "
              f"| {base / seconds:.2f}x | {up} | {'yes' if same else 'no'} |")
    print("\nseconds: from the call to the merged results (cluster start-up not included)")


if __name__ == "__main__":
    main()
