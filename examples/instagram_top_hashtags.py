"""The top hashtags of an Instagram export: the zip Instagram sends (Accounts Center > Your
information and permissions > Download your information, in JSON), the folder it unpacks to,
or a posts_1.json from it.

With no argument it reads the bundled sample's Instagram export (a fictional police
department). Give your own export, and optionally how many tags to show:

    python examples/instagram_top_hashtags.py [export.zip|folder [N]]
"""

from __future__ import annotations

import sys
from pathlib import Path

import engagekit as ek
from engagekit import aggregate as agg
from engagekit.datasets import sample_exports


def top_hashtags(export: Path, top: int) -> str:
    # format="instagram": say what this should be, so that another kind of file is refused
    # with a reason rather than read as something else
    stream = ek.read_posts(export, format="instagram")
    tags, accounts = agg.HashtagCounts(top=top), agg.ByGroup(by="author")
    agg.feed(stream, tags, accounts)  # one streaming pass feeds both
    lines = [f"{row.posts} posts by {row.group}, {row.first:%Y-%m-%d} to {row.last:%Y-%m-%d}"
             for row in accounts.result()]
    if stream.skipped:
        lines.append("left out: " + ", ".join(f"{n} {why}" for why, n in stream.skipped.items()))
    lines += ["", f"{'':>3} {'hashtag':<24} {'posts':>5}  written as"]
    for rank, row in enumerate(tags.result(), 1):
        # one row per key: #CommunityPolicing and #communitypolicing are the same tag; the
        # display is the spelling written most often, and the variants are every spelling
        spellings = ", ".join(f"{v.text} {v.count}" for v in row.variants)
        lines.append(f"{rank:>3} #{row.display:<23} {row.posts:>5}  {spellings}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    export = Path(argv[1]) if len(argv) > 1 else sample_exports()["instagram"]
    top = int(argv[2]) if len(argv) > 2 else 10
    try:
        print(top_hashtags(export, top))
    except (ek.EngageKitError, OSError) as err:
        print(f"instagram_top_hashtags.py: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
