"""Parquet and CSV export of posts: engagekit against the pyarrow floor and pandas CSV.

Cases, each in its own process so its peak memory (``VmHWM``) is its own:
  * ``write``: :func:`engagekit.io.write_parquet` of N posts built beforehand in a
    list; only the write is timed, like the floor's. Its peak memory holds the N
    posts, so it grows with N: this case measures speed, not memory;
  * ``stream``: the same write from a generator that builds each post as it is
    consumed; timed whole, input included. It holds one batch of posts at a
    time: this is the case whose peak memory is bounded by the batch size;
  * ``build``: only building the input stream, which ``stream`` pays for and the
    floor does not; ``net`` is ``stream`` minus ``build``;
  * ``read``: :func:`engagekit.io.read_parquet` of the written file back into posts
    (streamed, counted and dropped);
  * ``floor``: pyarrow writing the same columns from plain Python lists (values
    already extracted: no models), batch by batch with the same writer;
  * ``csv-write``: :func:`engagekit.io.write_csv` of N posts built beforehand
    (every field kept: entity lists with spans as JSON cells, derived columns);
  * ``csv-read``: :func:`engagekit.io.read_csv` of that file back into posts;
  * ``pandas``: pandas ``to_csv`` of eight flat columns (no lists or structs),
    the CSV peer; its file holds far less than engagekit's.

Posts are built cheaply, from a few hundred templates via :func:`attrs.evolve`
with new ids and times.

Run: ``python benchmarks/bench_exports.py [--n 1000000] [--n 100000]``.
Needs the ``arrow`` extra and pandas.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs

import engagekit as ek
from engagekit.io import converter

_TAGS = ["CommunityPolicing", "StayCommitted", "CoffeeWithACop", "NationalNightOut",
         "BikeSafety", "महात्मा", "ΚαλήΜέρα", "Сообщество", "地域安全", "SafeStreets"]
_NAMES = ["Giselle", "Aliyah", "Jordan", "Priya", "Mateo", "Amara", "Wei", "Noor"]
_START = datetime(2014, 1, 1, 0, 0, 0, 250_000, tzinfo=timezone.utc)
BATCH = 65536


def templates(k: int = 300, seed: int = 7) -> list[ek.Post]:
    """``k`` varied posts shaped like a real agency account's."""
    rnd = random.Random(seed)
    account = ek.Account(platform="instagram", handle="springfieldpd", id="178414")
    out = []
    for i in range(k):
        tags = rnd.sample(_TAGS, rnd.randint(1, 4))
        text = f"Great to meet {' & '.join(rnd.sample(_NAMES, 2))} today! 🚲 " + " ".join(
            "#" + t for t in tags)
        pos = text.index("#")
        hashtags = []
        for t in tags:
            hashtags.append(ek.Hashtag(text=t, start=pos, end=pos + len(t) + 1))
            pos += len(t) + 2
        location = (ek.Location(name="Burns Park", locality="North Little Rock", region="AR",
                                country="US",
                                coordinates=ek.Coordinates(latitude=34.79, longitude=-92.31))
                    if i % 3 == 0 else None)
        out.append(ek.Post(
            id="0", platform="instagram" if i % 4 else "facebook", created_at=_START,
            text=text, author=account, hashtags=hashtags, location=location,
            media=[ek.Media(kind="photo", uri=f"media/posts/2015/{i}.jpg", width=1080,
                            height=1080)],
            engagement=ek.Engagement(likes=rnd.randint(0, 900), comments=rnd.randint(0, 40)),
            lang="en", extra={"source_index": i} if i % 5 == 0 else {},
        ))
    return out


def stream(n: int) -> Iterator[ek.Post]:
    """``n`` posts, new ids and times on the templates, built as they are consumed."""
    base = templates()
    for i in range(n):
        yield attrs.evolve(base[i % len(base)], id=str(3_100_000_000_000_000_000 + i),
                           created_at=_START + timedelta(seconds=317 * i))


def peak_mb() -> float:
    """This process's peak resident memory in MB (``VmHWM``)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")  # pragma: no cover - not Linux


def _plain_batches(n: int) -> Iterator[dict[str, list[Any]]]:
    """The Parquet columns as plain Python lists, BATCH rows at a time, from unstructured
    templates (the values a writer must produce, without touching a model)."""
    base = [converter.unstructure(p) for p in templates()]
    schema = ek.arrow_schema()
    full = []
    for d in base:
        row = {name: d.get(name) for name in schema.names}
        row["created_at"] = _START
        row["extra"] = "{}"
        row["author"] = {"platform": "instagram", "handle": "springfieldpd", "id": "178414",
                         "display_name": None}
        row["engagement"] = {k: d["engagement"].get(k) for k in
                             ("likes", "comments", "shares", "views")}
        row["quality"] = {"lost_glyphs": 0, "lost_spans": [], "repairs": []}
        row["visibility"] = "public"
        for key in ("hashtags", "mentions", "links", "cashtags", "emoji", "media", "tagged"):
            row[key] = [{"start": None, "end": None, **x} if isinstance(x, dict) else x
                        for x in (d.get(key) or [])]
        full.append(row)
    for start in range(0, n, BATCH):
        size = min(BATCH, n - start)
        rows = [full[(start + i) % len(full)] for i in range(size)]
        columns = {name: [r[name] for r in rows] for name in schema.names}
        columns["id"] = [str(3_100_000_000_000_000_000 + start + i) for i in range(size)]
        columns["created_at"] = [_START + timedelta(seconds=317 * (start + i))
                                 for i in range(size)]
        yield columns


def child(case: str, n: int, path: Path) -> dict[str, float]:
    if case == "build":  # the cost of the input stream alone, included in ``write``
        t = time.perf_counter()
        for _ in stream(n):
            pass
        elapsed = time.perf_counter() - t
        path.write_bytes(b"")
    elif case == "write":  # speed: the posts are built first, only the write is timed
        held = list(stream(n))
        t = time.perf_counter()
        ek.write_parquet(held, path, batch_size=BATCH)
        elapsed = time.perf_counter() - t
    elif case == "stream":  # memory: one batch of posts at a time, input building timed too
        t = time.perf_counter()
        ek.write_parquet(stream(n), path, batch_size=BATCH)
        elapsed = time.perf_counter() - t
    elif case == "read":
        t = time.perf_counter()
        count = sum(1 for _ in ek.read_parquet(path))  # its default batch
        elapsed = time.perf_counter() - t
        assert count == n
    elif case == "floor":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = ek.arrow_schema()
        elapsed = 0.0
        with pq.ParquetWriter(path, schema) as writer:
            for columns in _plain_batches(n):
                t = time.perf_counter()
                arrays = [pa.array(columns[f.name], type=f.type) for f in schema]
                writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
                elapsed += time.perf_counter() - t
    elif case == "csv-write":
        held = list(stream(n))
        t = time.perf_counter()
        ek.write_csv(held, path)
        elapsed = time.perf_counter() - t
    elif case == "csv-read":
        t = time.perf_counter()
        count = sum(1 for _ in ek.read_csv(path))
        elapsed = time.perf_counter() - t
        assert count == n
    elif case == "pandas":
        import pandas as pd

        flat = [(p.id, p.platform.value, p.created_at, p.text,
                 p.author.handle if p.author else None, p.engagement.likes,
                 p.engagement.comments, " ".join(h.text for h in p.hashtags))
                for p in stream(n)]
        frame = pd.DataFrame(flat, columns=["id", "platform", "created_at", "text", "author",
                                            "likes", "comments", "hashtags"])
        del flat
        t = time.perf_counter()
        frame.to_csv(path, index=False)
        elapsed = time.perf_counter() - t
    else:  # pragma: no cover
        raise SystemExit(f"unknown case {case!r}")
    return {"seconds": elapsed, "peak_mb": peak_mb(), "bytes": float(path.stat().st_size)}


def run(case: str, n: int, path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", case, "--n", str(n),
                          "--path", str(path)], check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, action="append",
                        help="posts per run (repeatable); default 100,000 and 1,000,000")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.n[0], Path(args.path))))
        return
    sizes = args.n or [100_000, 1_000_000]
    print(f"{'posts':>9} {'case':<9} {'posts/s':>10} {'vs peer':>9} {'MB file':>8} "
          f"{'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            parquet = Path(tmp, "posts.parquet")
            results = {
                "build": run("build", n, Path(tmp, "none")),
                "floor": run("floor", n, Path(tmp, "floor.parquet")),
                "write": run("write", n, Path(tmp, "held.parquet")),
                "stream": run("stream", n, parquet),
                "read": run("read", n, parquet),
                "csv-write": run("csv-write", n, Path(tmp, "posts.csv")),
                "csv-read": run("csv-read", n, Path(tmp, "posts.csv")),
                "pandas": run("pandas", n, Path(tmp, "pandas.csv")),
            }
            floor_rate = n / results["floor"]["seconds"]
            pandas_rate = n / results["pandas"]["seconds"]
            # stream's time net of building its input, which the floor does not pay for
            net = results["stream"]["seconds"] - results["build"]["seconds"]
            order = ["build", "floor", "write", "stream", "net", "read", "csv-write", "csv-read",
                     "pandas"]
            results["net"] = {**results["stream"], "seconds": net}
            results = {case: results[case] for case in order}
            for case, r in results.items():
                rate = n / r["seconds"]
                if case in ("write", "stream", "net"):
                    ratio = f"{floor_rate / rate:.2f}x"
                elif case == "csv-write":  # against the CSV peer, not the Parquet floor
                    ratio = f"{pandas_rate / rate:.2f}x pd"
                else:
                    ratio = ""
                print(f"{n:>9,} {case:<9} {rate:>10,.0f} {ratio:>9} "
                      f"{r['bytes'] / 1e6:>8.1f} {r['peak_mb']:>8.0f}")
            for f in Path(tmp).iterdir():
                os.unlink(f)


if __name__ == "__main__":
    main()
