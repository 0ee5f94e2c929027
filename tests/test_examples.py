"""Every script in examples/ runs and prints what it promises."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import engagekit as ek
from engagekit.datasets import load_sample, sample_exports

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))

# What each example must print (a few lines that show it did its job).
EXPECTED = {
    "summary.py": ["80 posts from 2024-01-06", "#StayCommitted", "lost emoji: 54 characters"],
    "parse_caption.py": [
        "text:       Χρόνια πολλά! Our officers at the Greek festival ?????? #ΕλληνικόΦεστιβάλ",
        "repairs:    mojibake",
        "#ΕλληνικόΦεστιβάλ       key 'ελληνικόφεστιβάλ'       words 'Ελληνικό Φεστιβάλ'",
        "lost glyphs: 6 at 49-55",
    ],
    "instagram_top_hashtags.py": [
        "64 posts by instagram:mapleharborpd, 2023-01-15 to 2024-12-14",
        "  1 #communitypolicing          31  communitypolicing 17, CommunityPolicing 14",
    ],
    "campaign_timeline.py": [
        "#NationalNightOut per week in America/Los_Angeles",
        "2024-08-05 Mon      10        7    2        7",
        "busiest day: Tuesday 2024-08-06 with 7 posts (America/Los_Angeles)",
    ],
    "parquet_duckdb.py": [
        "wrote 304 posts to posts.parquet",
        "  mastodon   Marcus Bell    44     -",
        "  communitypolicing  135    5",
        "  2024-02  20",
    ],
    "dask_folder.py": [
        "partitions from sample_exports/",
        "  Priya Raman      30  first 2024-02-12",
        "  #CommunityPolicing     135",
        "same top hashtags as one process: True",
    ],
    "share_safely.py": [
        "304 posts, 37 flagged as naming people (27 of them with a photo)",
        "after:  u_",
        "Thanks [name 1] for showing us",
        "names, handles, points or addresses left in the file: 0",
    ],
}
# What an example needs beyond engagekit's own dependencies: the test skips without it.
NEEDS = {"parquet_duckdb.py": ("duckdb", "pyarrow"), "dask_folder.py": ("dask",)}


def test_every_example_has_expectations() -> None:
    assert {p.name for p in EXAMPLES} <= set(EXPECTED), "add the new example to EXPECTED"


def test_every_example_runs_by_default() -> None:
    assert {p.name for p in EXAMPLES} >= set(EXPECTED)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, check=False,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(script: Path) -> None:
    absent = [m for m in NEEDS.get(script.name, ()) if importlib.util.find_spec(m) is None]
    if absent:
        pytest.skip(f"{script.name} needs {', '.join(absent)}, not installed")
    done = _run(str(script))
    assert done.returncode == 0, done.stderr
    for words in EXPECTED[script.name]:
        assert words in done.stdout, done.stdout


def test_parse_caption_takes_a_caption_and_a_dialect() -> None:
    script = str(ROOT / "examples" / "parse_caption.py")
    done = _run(script, "Q&A with @OfficerReyes 🎉 #CoffeeWithACop", "twitter")
    assert done.returncode == 0, done.stderr
    assert "words 'Coffee With A Cop' at 25-40" in done.stdout
    assert "mentions:   @OfficerReyes" in done.stdout
    assert "emoji:      🎉" in done.stdout
    bad = _run(script, "caption", "klingon")
    assert bad.returncode == 2
    assert "'klingon'" in bad.stderr


def test_instagram_top_hashtags_reads_an_unpacked_export(tmp_path: Path) -> None:
    with zipfile.ZipFile(sample_exports()["instagram"]) as archive:
        archive.extractall(tmp_path / "instagram-export")
    script = str(ROOT / "examples" / "instagram_top_hashtags.py")
    done = _run(script, str(tmp_path / "instagram-export"), "3")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("64 posts by instagram:mapleharborpd")
    assert done.stdout.rstrip().splitlines()[-1].startswith("  3 #")  # three rows
    wrong = _run(script, str(sample_exports()["mastodon"]))
    assert wrong.returncode == 2
    assert "does not look like 'instagram' input" in wrong.stderr


def test_campaign_timeline_takes_a_tag_a_period_and_a_zone() -> None:
    script = str(ROOT / "examples" / "campaign_timeline.py")
    done = _run(script, "#nationalnightout", "day", "UTC")
    assert done.returncode == 0, done.stderr
    assert "busiest day: Wednesday 2024-08-07 with 10 posts (UTC)" in done.stdout
    bad = _run(script, "#NationalNightOut", "fortnight")
    assert bad.returncode == 2
    assert "period='fortnight'" in bad.stderr


def test_share_safely_writes_a_file_without_the_names(tmp_path: Path) -> None:
    out = tmp_path / "shared.jsonl"
    done = _run(str(ROOT / "examples" / "share_safely.py"), str(out))
    assert done.returncode == 0, done.stderr
    shared = list(ek.read_jsonl(out))
    original = load_sample()
    assert len(shared) == len(original)
    written = out.read_text(encoding="utf-8")
    for name in ("Giselle", "Aliyah", "Zainab", "mapleharborpd", "sgtbell", "2150 E 5th St"):
        assert name not in written
    assert all(p.extra == {} for p in shared)


def test_summary_reads_a_file(tmp_path: Path) -> None:
    import engagekit as ek
    from engagekit.datasets import sample_posts

    posts = [p for p in sample_posts() if p.platform is ek.Platform.BLUESKY]
    ek.write_jsonl(posts, tmp_path / "b.jsonl")
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "summary.py"),
                           str(tmp_path / "b.jsonl")], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("20 posts")
    assert "platforms: bluesky 20" in done.stdout


def test_summary_counts_months_in_a_zone_and_refuses_a_bad_one(tmp_path: Path) -> None:
    import engagekit as ek
    from engagekit.datasets import sample_posts

    ek.write_jsonl(sample_posts(), tmp_path / "all.jsonl")
    script = str(ROOT / "examples" / "summary.py")
    done = subprocess.run([sys.executable, script, str(tmp_path / "all.jsonl"), "Asia/Tokyo"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "posts per month (Asia/Tokyo):" in done.stdout
    bad = subprocess.run([sys.executable, script, str(tmp_path / "all.jsonl"), "Asia/Tokio"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert bad.returncode == 2
    assert "tz='Asia/Tokio'" in bad.stderr
