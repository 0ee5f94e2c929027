"""Follow a hashtag campaign over time, in the agency's own time zone: posts, accounts taking
part, accounts that joined in (adopters) and the likes the platforms reported, per week.

With no argument it follows #NationalNightOut across every platform of the bundled sample (a
fictional department on the US west coast, whose National Night Out posts go up on Tuesday
evenings: in UTC they would land on Wednesday). Or give a hashtag, a period (day, week, month)
and an IANA time zone:

    python examples/campaign_timeline.py ["#hashtag" [week [America/Los_Angeles]]]
"""

from __future__ import annotations

import sys

import engagekit as ek
from engagekit import aggregate as agg
from engagekit.datasets import SAMPLE_TZ, load_sample


def timeline(posts: list[ek.Post], tag: str, period: str, tz: str) -> str:
    rows = agg.campaign(posts, [tag], period=period, tz=tz)
    if not rows:
        return f"no post carries {tag}"
    lines = [f"{tag} per {period} in {tz}", "",
             f"{period + ' from':<16} {'posts':>5} {'accounts':>8} {'new':>4} {'adopters':>8}"
             "  likes (from posts)"]
    quiet = 0
    for row in rows:
        if not row.posts:  # the rows run without gaps; leave the quiet ones out of the print
            quiet += 1
            continue
        # likes counts only the posts whose platform reports likes (likes_known of them)
        likes = f"{row.likes:>5} ({row.likes_known})" if row.likes_known else "    -"
        lines.append(f"{row.start:%Y-%m-%d %a}   {row.posts:>5} {row.authors:>8} "
                     f"{row.new_adopters:>4} {row.adopters:>8}  {likes}")
    lines += ["", f"{quiet} {period}s without a post not shown; likes add up the posts whose "
                  "platform reports them (X and Bluesky here)"]
    # The same posts by local day: the evening posts fall on the day the department saw
    local = agg.timeline([p for p in posts if any(h.key == ek.Hashtag(text=tag).key
                                                  for h in p.hashtags)], period="day", tz=tz)
    busiest = max(local, key=lambda bucket: bucket.posts)
    lines.append(f"busiest day: {busiest.start:%A %Y-%m-%d} with {busiest.posts} posts ({tz})")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    tag = argv[1] if len(argv) > 1 else "#NationalNightOut"
    period = argv[2] if len(argv) > 2 else "week"
    tz = argv[3] if len(argv) > 3 else SAMPLE_TZ
    posts = load_sample()  # every platform, read through the real readers, with the roster
    try:
        print(timeline(posts, tag, period, tz))
    except ek.EngageKitError as err:
        print(f"campaign_timeline.py: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
