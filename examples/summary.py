"""Summarize posts: counts per platform and account, top hashtags, a monthly timeline, places,
lost emoji, all through ``engagekit.aggregate``.

Run with no argument to summarize the bundled synthetic sample, or give a JSON Lines
file written by ``engagekit.write_jsonl`` and, optionally, an IANA time zone:

    python examples/summary.py [posts.jsonl [America/Chicago]]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import engagekit as ek
from engagekit import aggregate as agg
from engagekit.datasets import sample_posts


def summarize(posts: Iterable[ek.Post], tz: str = "UTC") -> str:
    """A readable multi-line summary of ``posts``; months are counted in ``tz``."""
    counts, timeline = agg.HashtagCounts(top=8), agg.Timeline(period="month", tz=tz)
    by_platform, by_author = agg.ByGroup(by="platform"), agg.ByGroup(by="author")
    by_place, summary = agg.ByGroup(by="location"), agg.EngagementSummary()
    tally = agg.QualityTally()
    # one pass over the posts, every aggregator fed as it goes
    agg.feed(posts, counts, timeline, by_platform, by_author, by_place, summary, tally)
    tags, months, platforms = counts.result(), timeline.result(), by_platform.result()
    authors, places, engagement = by_author.result(), by_place.result(), summary.result()
    quality = tally.result()
    if not quality.posts:
        return "no posts"
    first = min(row.first for row in platforms)
    last = max(row.last for row in platforms)
    likes = engagement[0]
    lines = [
        f"{quality.posts} posts from {first:%Y-%m-%d} to {last:%Y-%m-%d} (UTC)",
        "platforms: " + ", ".join(f"{row.group} {row.posts}" for row in platforms),
        "accounts:  " + ", ".join(f"{row.group} {row.posts}" for row in authors),
        f"likes: {likes.total} in all from {likes.known} posts that gave a count"
        + (f" ({likes.unknown} did not)" if likes.unknown else "")
        + (f", median {likes.median:g}" if likes.median is not None else ""),
        "",
        "top hashtags (counted by key, shown as most often written):",
    ]
    lines += [f"  #{row.display:<24} {row.posts:>3}" for row in tags]
    lines += ["", f"posts per month ({tz}):"]
    lines += [f"  {bucket.start:%Y-%m} {bucket.posts:>4}" for bucket in months]
    lines.append("")
    named = [row for row in places if row.group is not None]
    lines.append("places: " + ", ".join(f"{row.group} {row.posts}" for row in named[:4]))
    lines.append(f"lost emoji: {quality.lost_glyphs} characters in {quality.lost_posts} posts "
                 "arrived as '?'")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    posts = ek.read_jsonl(argv[1]) if len(argv) > 1 else sample_posts()
    tz = argv[2] if len(argv) > 2 else "UTC"
    try:
        print(summarize(posts, tz))
    except (ek.EngageKitError, OSError) as err:
        print(f"summary.py: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
