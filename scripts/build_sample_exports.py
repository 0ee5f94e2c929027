"""Build engagekit's sample exports: src/engagekit/datasets/sample_exports/ and sample_roster.csv.

The sample is the Maple Harbor Police Department and three of its officers posting from
January 2023 to December 2024. Each platform's part is written the way that platform's own
export writes it, so that reading the sample runs the real readers:

* Instagram: the department's "Download your information" zip (JSON, 2024 layout), with Meta's
  mojibake (every non-ASCII character written as one ``\\u00XX`` escape per UTF-8 byte);
* Facebook: Officer Daniela Ortiz's "Download your information" zip (JSON, 2024 layout);
* X: the department's account archive zip (``data/tweets.js``, ``account.js``, ``manifest.js``);
* Mastodon: Sergeant Marcus Bell's account archive zip (``outbox.json``, ``actor.json``, ...);
* Bluesky: ``app.bsky.feed.getAuthorFeed`` responses for the department, Officer Priya Raman and
  Officer Ortiz, one page per line (there is no zip for API responses);
* a CSV roster naming the officers' and the department's accounts.

Everything is invented: the city, the department, the officers, the children named in captions,
the places, the ids and the counts; the domains end in ``.example``. The output is
deterministic (seeded random numbers, zip members written in a fixed order with fixed times and
fixed compression); a test runs this script again and compares the files byte for byte.

Run: ``python scripts/build_sample_exports.py [--check] [--out DIR]`` (DIR defaults to
``src/engagekit/datasets``). The pieces are in ``scripts/samplegen/``: who posts what
(``world.py``, ``captions.py``), the posts before a platform writes them (``common.py``), and one
writer per export layout (``meta.py``, ``x.py``, ``mastodon.py``, ``bluesky.py``).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from collections.abc import Iterable
from pathlib import Path

from samplegen.bluesky import bluesky
from samplegen.mastodon import mastodon
from samplegen.meta import facebook, instagram, ortiz_items
from samplegen.world import ACCOUNTS, AGENCY, PARTNERS, SEED
from samplegen.x import twitter

DATASETS = Path(__file__).resolve().parents[1] / "src" / "engagekit" / "datasets"
FOLDER = "sample_exports"
ROSTER = "sample_roster.csv"


def roster() -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["officer", "rank", "badge", "agency", "platform", "handle", "account_id"])
    for name, rank, badge, platform, handle, ident in ACCOUNTS:
        writer.writerow([name, rank, badge, AGENCY, platform, handle, ident])
    for agency, platform, handle, ident in PARTNERS:
        writer.writerow(["", "", "", agency, platform, handle, ident])
    return buf.getvalue().encode()


# -----------------------------------------------------------------------------------------------


def render() -> dict[str, bytes]:
    """Every file of the sample: its path under the datasets folder, and its bytes."""
    def streams(name: str) -> random.Random:  # one stream per part: parts change alone
        return random.Random(f"{SEED}:{name}")

    ortiz = ortiz_items(streams("ortiz"))
    files = [
        instagram(streams("instagram")),
        facebook(streams("facebook"), ortiz),
        twitter(streams("twitter")),
        mastodon(streams("mastodon")),
        bluesky(streams("bluesky"), ortiz),
    ]
    out = {f"{FOLDER}/{name}": data for name, data in files}
    out[ROSTER] = roster()
    return out


def _files(root: Path) -> Iterable[Path]:
    yield root / ROSTER
    yield from sorted((root / FOLDER).glob("*")) if (root / FOLDER).is_dir() else ()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are out of date")
    parser.add_argument("--out", type=Path, default=DATASETS,
                        help="the folder to write into (default: %(default)s)")
    args = parser.parse_args()
    files = render()
    if args.check:
        stale = sorted({str(p.relative_to(args.out)) for p in _files(args.out)} ^ set(files))
        stale += [name for name, data in files.items()
                  if (args.out / name).is_file() and (args.out / name).read_bytes() != data]
        if stale:
            print(f"out of date: {', '.join(sorted(set(stale)))}; run "
                  "python scripts/build_sample_exports.py", file=sys.stderr)
            return 1
        return 0
    folder = args.out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*"):
        if f"{FOLDER}/{old.name}" not in files:
            old.unlink()
    for name, data in files.items():
        (args.out / name).write_bytes(data)
    total = sum(len(d) for d in files.values())
    print(f"wrote {len(files)} files ({total:,} bytes) under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
