"""Write the sample report and take the screenshots docs/report.md shows, with headless Chromium.

Builds the report of the bundled sample (``engagekit.datasets.sample_posts``) in
America/Chicago with the default privacy settings, then asks Chromium for a
desktop screenshot (1200 px wide) and a phone one (390 px wide) of the top of
the page: ``docs/report-screenshot.png`` and ``docs/report-screenshot-phone.png``.

Run: ``python scripts/report_screenshots.py [--chromium chromium] [--out docs]``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from engagekit.datasets import sample_posts
from engagekit.report import write_report

DOCS = Path(__file__).resolve().parents[1] / "docs"
SHOTS = {"report-screenshot.png": (1200, 2400), "report-screenshot-phone.png": (390, 1800)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--out", type=Path, default=DOCS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        write_report(sample_posts(), page, tz="America/Chicago",
                     title="Four sample agencies, 2024", sources=["sample_posts.jsonl"])
        for name, (width, height) in SHOTS.items():
            subprocess.run([args.chromium, "--headless", "--no-sandbox", "--disable-gpu",
                            "--hide-scrollbars", f"--window-size={width},{height}",
                            f"--user-data-dir={Path(folder) / 'profile'}",
                            f"--screenshot={args.out / name}", page.as_uri()],
                           check=True, capture_output=True)
            print(args.out / name, (args.out / name).stat().st_size // 1024, "KiB")


if __name__ == "__main__":
    main()
