"""Aggregation over posts held in memory: engagekit against the bare loops that bound it.

Data: synthetic posts (1,000,000 by default) with Zipf-distributed hashtags
written in several casings and scripts, 200 authors, 50 places, three years of
dates and engagement counts some of which are unknown. Every post gets its own
``Hashtag`` objects, as a reader makes them; their keys are computed once
before any timing, so that neither side pays for ``Hashtag.key`` first.

Measured in one process over the same ``Post`` objects (median of ``--repeat``
runs each):

* ``hashtag_counts`` against its floor, a bare ``Counter.update`` over each
  post's hashtag keys;
* ``timeline(period="month", tz="America/Chicago")`` against its floor, a bare
  ``astimezone`` plus a ``Counter`` of ``(year, month)``;
* ``cooccurrence`` and ``engagement_summary`` (no floor named; posts/s only).

Targets: both ratios within 3x. First, each in a fresh process so that the peak
RSS is its own, the four aggregators over a stream of 100,000 and of
1,000,000 posts made one at a time and never held: memory should follow the
distinct keys (tags, tag pairs, buckets, authors), not the posts. ``--e2e`` adds
the end-to-end Dask run of ``bench_aggregate_e2e.py``.

Run: ``python benchmarks/bench_aggregate.py [--posts 1000000] [--repeat 3] [--e2e]``.
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from engagekit.aggregate import cooccurrence, engagement_summary, hashtag_counts, timeline
from engagekit.models import Account, Engagement, Hashtag, Location, Post

ZONE = "America/Chicago"
_STEMS = ["CommunityPolicing", "StayCommitted", "CoffeeWithACop", "NationalNightOut",
          "BikeSafety", "SafeStreets", "ShopWithACop", "BeTheChange", "PoliceWeek", "K9Unit",
          "सामुदायिक_पुलिस", "महात्मा", "ΚαλήΜέρα", "Сообщество", "地域安全", "Straße",
          "SeguridadCiudadana", "Comunidad", "ЧистыйГород", "مجتمع_آمن"]
_START = datetime(2022, 1, 1, tzinfo=UTC)
_SPAN = int(timedelta(days=3 * 365).total_seconds())


def _vocabulary(rnd: random.Random, size: int = 5_000) -> list[list[str]]:
    """``size`` tags, most common first, each with the spellings people write it in."""
    tags = []
    for i in range(size):
        stem = _STEMS[i % len(_STEMS)] + ("" if i < len(_STEMS) else str(i))
        forms = [stem, stem.lower(), stem.upper()]
        if stem.isascii():
            forms.append("".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in stem))
        tags.append(forms[: rnd.randint(1, len(forms))])
    return tags


def posts(n: int, seed: int = 8) -> Iterator[Post]:
    """``n`` synthetic posts, made one at a time (Zipf s=1.1 over 5,000 tags)."""
    rnd = random.Random(seed)
    vocab = _vocabulary(rnd)
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(vocab))))
    authors = [Account(platform=rnd.choice(["instagram", "twitter", "mastodon"]),
                       handle=f"agency{i:03d}") for i in range(200)]
    places = [Location(name=f"Park {i}", locality=f"Town {i % 17}", region="IL", country="US")
              for i in range(50)]
    for i in range(n):
        picks = rnd.choices(vocab, cum_weights=cumulative, k=rnd.randint(0, 5))
        likes = None if rnd.random() < 0.1 else int(rnd.paretovariate(1.2) * 10)
        yield Post(
            id=str(i), platform="instagram",
            created_at=_START + timedelta(seconds=rnd.randrange(_SPAN)),
            author=rnd.choice(authors),
            hashtags=[Hashtag(text=rnd.choice(forms)) for forms in picks],
            location=places[i % 50] if rnd.random() < 0.6 else None,
            engagement=Engagement(likes=likes, comments=rnd.randint(0, 40),
                                  shares=None if rnd.random() < 0.5 else rnd.randint(0, 9)),
        )


def floor_counts(items: list[Post]) -> Counter[str]:
    counts: Counter[str] = Counter()
    update = counts.update
    for post in items:
        update([tag.key for tag in post.hashtags])
    return counts


def floor_timeline(items: list[Post]) -> Counter[tuple[int, int]]:
    zone = ZoneInfo(ZONE)
    counts: Counter[tuple[int, int]] = Counter()
    for post in items:
        local = post.created_at.astimezone(zone)
        counts[(local.year, local.month)] += 1
    return counts


def _median_seconds(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def speed(n: int, repeat: int) -> None:
    start = time.perf_counter()
    items = list(posts(n))
    for post in items:  # compute every key once, before any timing
        for tag in post.hashtags:
            _ = tag.key
    print(f"{n:,} posts built in {time.perf_counter() - start:.1f} s\n")
    runs: list[tuple[str, Callable[[], Any], str | None]] = [
        ("floor: Counter.update of hashtag keys", lambda: floor_counts(items), None),
        ("hashtag_counts", lambda: hashtag_counts(items), "floor: Counter.update of hashtag keys"),
        ("floor: astimezone + Counter[(year, month)]", lambda: floor_timeline(items), None),
        ('timeline(period="month", tz="America/Chicago")',
         lambda: timeline(items, period="month", tz=ZONE),
         "floor: astimezone + Counter[(year, month)]"),
        ("cooccurrence", lambda: cooccurrence(items), None),
        ("engagement_summary", lambda: engagement_summary(items), None),
    ]
    seconds: dict[str, float] = {}
    print("| what | posts/s | time / floor | target |")
    print("|---|---:|---:|---|")
    for name, fn, floor in runs:
        seconds[name] = _median_seconds(fn, repeat)
        ratio = f"{seconds[name] / seconds[floor]:.2f}x" if floor else ""
        target = "<= 3x" if floor else ""
        print(f"| {name} | {n / seconds[name]:,.0f} | {ratio} | {target} |", flush=True)
    check_same(items)


def check_same(items: list[Post]) -> None:
    """The aggregates agree with the floors (a benchmark of wrong answers is worth nothing)."""
    counts = floor_counts(items)
    per_post = Counter(key for post in items for key in {tag.key for tag in post.hashtags})
    assert {row.key: row.posts for row in hashtag_counts(items)} == per_post
    assert sum(per_post.values()) <= sum(counts.values())
    months = floor_timeline(items)
    found = {(b.start.year, b.start.month): b.posts for b in timeline(items, period="month",
                                                                       tz=ZONE) if b.posts}
    assert found == dict(months)


def child(n: int, aggregate: bool) -> None:
    """Stream ``n`` posts (into the four aggregators); print peak MB, distinct tags and pairs."""
    stream = posts(n)
    if not aggregate:
        for _ in stream:
            pass
        print(peak_mb(), 0, 0)
        return
    from engagekit.aggregate import (
        CooccurrenceCounts,
        EngagementSummary,
        HashtagCounts,
        Timeline,
        feed,
    )

    tags, months, pairs = HashtagCounts(), Timeline(period="month", tz=ZONE), CooccurrenceCounts()
    feed(stream, tags, months, pairs, EngagementSummary())
    print(peak_mb(), len(tags.result()), len(pairs.result()))


def peak_mb() -> int:
    """This process's peak resident memory in MB (``VmHWM``: ``ru_maxrss`` would carry the
    parent's peak over ``fork`` and ``exec``)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def memory() -> None:
    print("| posts streamed | peak RSS, making posts only | peak RSS, four aggregators "
          "| distinct tags | distinct tag pairs |")
    print("|---:|---:|---:|---:|---:|")
    for n in (100_000, 1_000_000):
        found = []
        for mode in ("--plain", "--aggregate"):
            out = subprocess.run([sys.executable, __file__, "--child", str(n), mode],
                                 check=True, capture_output=True, text=True).stdout
            found.append([int(x) for x in out.split()])
        (plain, _, _), (rss, tags, pairs) = found
        print(f"| {n:,} | {plain} MB | {rss} MB | {tags:,} | {pairs:,} |", flush=True)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--e2e", action="store_true", help="also run bench_aggregate_e2e")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--aggregate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--plain", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.aggregate)
        return
    if not args.skip_memory:  # first, before this process holds a million posts
        memory()
    speed(args.posts, args.repeat)
    if args.e2e:
        subprocess.run([sys.executable, str(__file__).replace("bench_aggregate.py",
                                                              "bench_aggregate_e2e.py")],
                       check=True)


if __name__ == "__main__":
    main()
