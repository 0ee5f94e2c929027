"""Parse one caption: its hashtags (with the key they are counted by), mentions, links, emoji,
and the emoji an earlier system lost.

With no argument it takes a caption straight out of the bundled sample's Instagram export, as
the export stores it (Meta writes every non-ASCII character as mojibake), so you see the repair
too. Or give a caption, and optionally the platform whose rules apply:

    python examples/parse_caption.py ["caption" [twitter|instagram|mastodon|bluesky]]
"""

from __future__ import annotations

import json
import sys
import zipfile

import engagekit as ek
from engagekit.datasets import sample_exports


def sample_caption() -> str:
    """The first caption of the sample's Instagram posts that shows both kinds of damage:
    Meta's mojibake and a run of '?' where an old scheduling tool lost the emoji."""
    with zipfile.ZipFile(sample_exports()["instagram"]) as export:
        posts = json.loads(export.read("your_instagram_activity/content/posts_1.json"))
    for post in posts:
        caption = post.get("title") or post["media"][0]["title"]
        if "??" in caption and not caption.isascii():
            return str(caption)
    raise LookupError("no such caption in the sample")


def describe(caption: str, dialect: str) -> str:
    parsed = ek.parse_text(caption, dialect=dialect)  # repairs mojibake, finds the entities
    lines = []
    if parsed.text != caption:
        lines.append(f"as stored:  {caption!r}")
    repairs = ", ".join(parsed.quality.repairs) or "none"
    lines += [f"text:       {parsed.text}", f"repairs:    {repairs}", "hashtags:"]
    for tag in parsed.hashtags:
        # the key folds case and width: #CommunityPolicing and #communitypolicing count as one
        words, key = " ".join(tag.words), repr(tag.key)
        lines.append(f"  #{tag.text:<22} key {key:<24} words {words!r} at {tag.start}-{tag.end}")
    lines.append("mentions:   " + (", ".join(f"@{m.handle}" for m in parsed.mentions) or "none"))
    lines.append("links:      " + (", ".join(link.url for link in parsed.links) or "none"))
    lines.append("emoji:      " + (" ".join(e.text for e in parsed.emoji) or "none"))
    lost = parsed.quality
    spans = ", ".join(f"{s}-{e}" for s, e in lost.lost_spans)
    lines.append(f"lost glyphs: {lost.lost_glyphs}" + (f" at {spans}" if spans else ""))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    caption = argv[1] if len(argv) > 1 else sample_caption()
    dialect = argv[2] if len(argv) > 2 else "instagram"
    try:
        print(describe(caption, dialect))
    except (ek.EngageKitError, ValueError) as err:
        print(f"parse_caption.py: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
