"""Aggregate a folder of exports with Dask: every export in it (zips, folders, files of any
supported platform) read in parallel partitions, the aggregators merged, the same answer as one
process gives.

Needs the ``dask`` extra: ``pip install 'engagekit[dask]'``.

With no argument it reads the folder of the bundled sample's exports (five platforms side by
side) with the sample's roster. Or give your own folder, and optionally a roster (CSV or YAML):

    python examples/dask_folder.py [folder [roster.csv]]
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import engagekit as ek
from engagekit import aggregate as agg
from engagekit.datasets import SAMPLE_TZ, sample_exports


def summarize(folder: Path, roster: Path | None) -> str:
    import dask

    import engagekit.dask as ekd

    # Small partitions, so that even the small sample is cut into several; the default
    # (128 MiB) suits real exports. Instagram, Facebook and X archive posts are read in byte
    # windows of their JSON arrays; every other export is one partition.
    bag = ekd.read_posts(folder, roster=roster, partition_bytes=32 * 1024)
    aggregators = (agg.HashtagCounts(top=5), agg.ByGroup(by="officer"),
                   agg.ByGroup(by="platform"), agg.Timeline(period="year", tz=SAMPLE_TZ))
    # Worker processes: the readers are pure Python and hold the GIL. For a real cluster,
    # start a dask.distributed Client instead (see docs/scaling.md).
    with dask.config.set(scheduler="processes", num_workers=2):
        tags, officers, platforms, years = ekd.aggregate(bag, *aggregators)
    lines = [f"{bag.npartitions} partitions from {folder.name}/", "", "posts per platform:"]
    lines += [f"  {row.group:<10} {row.posts:>4}" for row in platforms]
    lines += ["", "posts per officer:"]
    lines += [f"  {row.group or '(no officer)':<14} {row.posts:>4}  first {row.first:%Y-%m-%d}, "
              f"last {row.last:%Y-%m-%d}" for row in officers]
    lines += ["", "top hashtags:"] + [f"  #{row.display:<20} {row.posts:>4}" for row in tags]
    lines += ["", "posts per year:"] + [f"  {b.start:%Y} {b.posts:>4}" for b in years]
    # Mergeable aggregators: the partitions' partial results merge to one process's result
    one = agg.HashtagCounts(top=5).update(ek.read_posts(folder, roster=roster)).result()
    lines += ["", f"same top hashtags as one process: {one == tags}"]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if importlib.util.find_spec("dask") is None:
        print("dask_folder.py needs Dask: pip install 'engagekit[dask]'", file=sys.stderr)
        return 1
    if len(argv) > 1:
        folder, roster = Path(argv[1]), Path(argv[2]) if len(argv) > 2 else None
    else:
        paths = sample_exports()
        folder, roster = paths["instagram"].parent, paths["roster"]  # the exports side by side
    try:
        print(summarize(folder, roster))
    except (ek.EngageKitError, OSError) as err:
        print(f"dask_folder.py: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
