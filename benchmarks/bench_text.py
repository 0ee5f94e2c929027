"""Benchmark the caption text layer against the twitter-text port and a naive floor.

Run: ``python benchmarks/bench_text.py [--n 100000]`` (engagekit installed, or
``PYTHONPATH=src``; the ``bench`` extra brings the peer). Everything runs in one
process on the same synthetic captions, generated here from a fixed seed
(hashtags in several scripts, mentions, URLs, emoji sequences, lost glyphs).
Prints markdown tables: captions per second with ratios, and how the time on
adversarial input grows from 10^3 to 10^6 characters.
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import time
from collections.abc import Callable, Sequence

from engagekit.text import DIALECTS, extract_hashtags, parse_text, text_fields

WORDS = [
    "Great",
    "to",
    "meet",
    "Giselle",
    "and",
    "Aliyah",
    "today",
    "at",
    "the",
    "block",
    "party",
    "thanks",
    "to",
    "everyone",
    "who",
    "came",
    "out",
    "coffee",
    "with",
    "a",
    "cop",
    "this",
    "morning",
    "our",
    "officers",
    "visited",
    "the",
    "school",
    "bike",
    "rodeo",
    "safety",
    "week",
    "neighborhood",
    "watch",
    "meeting",
    "tonight",
    "at",
    "the",
    "library",
    "proud",
    "of",
    "our",
    "team",
]
FOREIGN = [
    "gracias a todos por venir",
    "बच्चों के साथ एक शानदार दिन",
    "شكرا لكل من حضر اليوم",
    "今日は地域の皆さんとお話しできました",
    "спасибо всем кто пришел",
    "merci à tous les bénévoles",
]
TAGS = [
    "CommunityPolicing",
    "StayCommitted",
    "CoffeeWithACop",
    "NationalNightOut",
    "SafeStreets",
    "महात्मा",
    "पुलिस_सेवा",
    "الشرطة_المجتمعية",
    "地域安全",
    "カタカナ",
    "Полиция",
    "café_con_policía",
    "FamilyDay",
    "2K15Memories",
    "NYPDNews",
    "BackToSchool",
]
MENTIONS = ["CityPD", "ChiefLee", "officer_giselle", "MainStLib", "NYPDnews"]
URLS = [
    "https://t.co/AbCdEf1234",
    "https://example.org/events/2024?id=7",
    "city.gov/safety",
    "http://www.police.example.com/community/programs",
    "bit.ly/3xYz",
]
EMOJI = ["🎉", "👮‍♀️", "👨‍👩‍👧", "👍🏽", "🇺🇸", "❤️", "✊", "🚓", "😀", "1️⃣", "🙏🏿"]
LOST = ["??????", "??✊????????", "\ufffd\ufffd", "?"]


def make_captions(n: int, seed: int = 2024) -> list[str]:
    """``n`` realistic synthetic captions, the same for every run."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        # Most captions are a line or three; about one in five is a longer post.
        count = rnd.randint(1, 3) if rnd.random() < 0.8 else rnd.randint(4, 8)
        sentences = [
            " ".join(rnd.choices(WORDS, k=rnd.randint(6, 16))).capitalize() for _ in range(count)
        ]
        parts = [". ".join(sentences)]
        if rnd.random() < 0.3:
            parts.append(rnd.choice(FOREIGN))
        if rnd.random() < 0.5:
            parts.append(rnd.choice(EMOJI) * rnd.randint(1, 2))
        if rnd.random() < 0.4:
            parts.append("@" + rnd.choice(MENTIONS))
        if rnd.random() < 0.3:
            parts.append(rnd.choice(URLS))
        rnd.shuffle(parts)
        tags = " ".join("#" + t for t in rnd.sample(TAGS, rnd.randint(0, 4)))
        caption = " ".join(parts) + ("! " if rnd.random() < 0.5 else ". ") + tags
        if rnd.random() < 0.15:
            caption += " " + rnd.choice(LOST)
        out.append(caption)
    return out


def rate(fn: Callable[[str], object], captions: Sequence[str], repeat: int = 3) -> float:
    """Best captions per second over ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for caption in captions:
            fn(caption)
        best = min(best, time.perf_counter() - t0)
    return len(captions) / best


def peer() -> Callable[[str], object] | None:
    try:
        from twitter_text.extractor import Extractor
    except ImportError:  # pragma: no cover - the bench extra is not installed
        return None
    return lambda text: Extractor(text).extract_hashtags()


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "`#` repeated": lambda n: "#" * n,
    "letters": lambda n: "a" * n,
    "`#` + letters": lambda n: "#" + "a" * (n - 1),
    "combining marks": lambda n: "#a" + "\u0301" * (n - 2),
    "`?` repeated": lambda n: "?" * n,
    "dotted labels": lambda n: ("a." * n)[:n],
    "`http://` + dashes": lambda n: "http://" + "a-" * ((n - 7) // 2),
    "`@` repeated": lambda n: "@" * n,
    "emoji": lambda n: "👍🏽" * (n // 2),
}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000, help="number of captions")
    args = parser.parse_args(argv)
    captions = make_captions(args.n)
    naive = re.compile(r"#(\w+)")

    rows: list[tuple[str, float]] = []
    rows.append(('naive `re.findall(r"#(\\w+)")` (floor)', rate(naive.findall, captions)))
    twitter_text = peer()
    if twitter_text is not None:
        rows.append(("twitter-text 3.0 `extract_hashtags` (peer)", rate(twitter_text, captions, 1)))
    rows.append(("engagekit `extract_hashtags`", rate(extract_hashtags, captions)))
    rows.append(("engagekit `parse_text` (everything)", rate(parse_text, captions)))
    for dialect in DIALECTS:  # what every platform reader calls, once per post
        fields = functools.partial(text_fields, dialect=dialect)
        rows.append((f"engagekit `text_fields` ({dialect})", rate(fields, captions)))

    floor = rows[0][1]
    peer_rate = rows[1][1] if twitter_text is not None else None
    mean = sum(map(len, captions)) / len(captions)
    print(f"## Captions per second ({args.n:,} synthetic captions, mean {mean:.0f} characters)\n")
    print("| what | captions/s | vs twitter-text | vs naive |")
    print("|---|---:|---:|---:|")
    for name, r in rows:
        vs_peer = f"{r / peer_rate:.1f}x" if peer_rate else "-"
        print(f"| {name} | {r:,.0f} | {vs_peer} | {r / floor:.2f}x |")

    print("\n## Adversarial input: seconds for `parse_text` by length (best of 3)\n")
    sizes = [10**3, 10**4, 10**5, 10**6]
    print("| input | " + " | ".join(f"10^{len(str(s)) - 1}" for s in sizes) + " | 10^6 / 10^5 |")
    print("|---|" + "---:|" * (len(sizes) + 1))
    for name, make in ADVERSARIAL.items():
        times = []
        for size in sizes:
            text = make(size)
            best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                parse_text(text)
                best = min(best, time.perf_counter() - t0)
            times.append(best)
        cells = " | ".join(f"{t:.4f}" for t in times)
        print(f"| {name} | {cells} | {times[-1] / max(times[-2], 1e-9):.1f} |")


if __name__ == "__main__":
    main()
