"""Summarize posts: counts per platform and account, top hashtags, places, lost emoji.

Run with no argument to summarize the bundled synthetic sample, or give a JSON Lines
file written by ``engagekit.write_jsonl``:

    python examples/summary.py [posts.jsonl]
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable

import engagekit as ek
from engagekit.datasets import sample_posts


def summarize(posts: Iterable[ek.Post]) -> str:
    """A readable multi-line summary of ``posts``."""
    platforms: Counter[str] = Counter()
    accounts: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    places: Counter[str] = Counter()
    likes = lost_posts = lost = total = 0
    first = last = None
    for post in posts:
        total += 1
        platforms[post.platform.value] += 1
        if post.author is not None:
            accounts[f"{post.author.handle} ({post.platform.value})"] += 1
        for tag in post.hashtags:
            tags[tag.key] += 1
            spellings.setdefault(tag.key, Counter())[tag.text] += 1
        if post.location is not None:
            places[post.location.name] += 1
        likes += post.engagement.likes or 0
        if post.quality.lost_glyphs:
            lost_posts += 1
            lost += post.quality.lost_glyphs
        first = post.created_at if first is None else min(first, post.created_at)
        last = post.created_at if last is None else max(last, post.created_at)
    if not total or first is None or last is None:
        return "no posts"
    lines = [
        f"{total} posts from {first:%Y-%m-%d} to {last:%Y-%m-%d} (UTC)",
        "platforms: " + ", ".join(f"{k} {v}" for k, v in platforms.most_common()),
        "accounts:  " + ", ".join(f"{k} {v}" for k, v in accounts.most_common()),
        f"likes: {likes} in all",
        "",
        "top hashtags (counted by key, shown as most often written):",
    ]
    for key, count in tags.most_common(8):
        lines.append(f"  #{spellings[key].most_common(1)[0][0]:<24} {count:>3}")
    lines.append("")
    lines.append("places: " + ", ".join(f"{k} {v}" for k, v in places.most_common(5)))
    lines.append(f"lost emoji: {lost} characters in {lost_posts} posts arrived as '?'")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    posts = ek.read_jsonl(argv[1]) if len(argv) > 1 else sample_posts()
    print(summarize(posts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
