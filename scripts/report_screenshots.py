"""Write the sample report and take the screenshots docs/report.md shows, with headless Chromium.

Writes the report ``engagekit demo`` writes (the bundled sample exports of the
invented Maple Harbor Police Department, read by the real readers, with the
default privacy settings), then asks Chromium for a desktop screenshot (1200 px
wide) and a phone one (390 px wide) of the top of the page:
``docs/report-screenshot.png`` and ``docs/report-screenshot-phone.png``.

Run: ``python scripts/report_screenshots.py [--chromium chromium] [--out docs]``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"
SHOTS = {"report-screenshot.png": (1200, 2400), "report-screenshot-phone.png": (390, 1800)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--out", type=Path, default=DOCS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        subprocess.run([sys.executable, "-m", "engagekit", "demo", "-q", "-o", str(page)],
                       check=True)
        for name, (width, height) in SHOTS.items():
            subprocess.run([args.chromium, "--headless", "--no-sandbox", "--disable-gpu",
                            "--hide-scrollbars", f"--window-size={width},{height}",
                            f"--user-data-dir={Path(folder) / 'profile'}",
                            f"--screenshot={args.out / name}", page.as_uri()],
                           check=True, capture_output=True)
            print(args.out / name, (args.out / name).stat().st_size // 1024, "KiB")


if __name__ == "__main__":
    main()
