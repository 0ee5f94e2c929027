"""Every script in examples/ runs and prints what it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))

# What each example must print (a few lines that show it did its job).
EXPECTED = {
    "summary.py": ["80 posts from 2024-01-06", "#StayCommitted", "lost emoji: 54 characters"],
}


def test_every_example_has_expectations() -> None:
    assert {p.name for p in EXAMPLES} <= set(EXPECTED), "add the new example to EXPECTED"


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(script: Path) -> None:
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    for words in EXPECTED[script.name]:
        assert words in done.stdout


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
