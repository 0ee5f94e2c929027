"""``engagekit demo``: the report of the bundled sample, and what is in it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import engagekit as ek
from engagekit.cli._demo import _demo_reading
from engagekit.datasets import SAMPLE_TZ, load_sample
from tests.cli._cli import run
from tests.cli._fake_report import install


def test_demo_writes_the_sample_report_in_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = install(monkeypatch)
    monkeypatch.chdir(tmp_path)
    result = run("demo")
    assert result.exit_code == 0, result.stderr
    call, = calls
    reading, sources = _demo_reading()
    assert call["posts"] == reading.posts == load_sample()
    assert len(sources) == 5
    assert (call["dest"], call["redact"], call["min_count"], call["tz"]) == (
        Path("engagekit-report.html"), True, 10, SAMPLE_TZ)
    assert reading.skipped  # reposts and private posts, left out and counted
    assert (tmp_path / "engagekit-report.html").exists()
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Read {len(reading.posts)} posts from the bundled sample "
                               "exports of 5 platforms")
    assert lines[1].startswith("Wrote the report to engagekit-report.html (")
    assert lines[2].startswith(f"  {len(reading.posts)} posts by ")
    assert "  engagekit stats YOUR-EXPORT.zip --by month --tz America/Chicago" in lines


def test_demo_output_option_and_quiet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)
    out = tmp_path / "sample.html"
    result = run("demo", "-o", out, "-q")
    assert (result.exit_code, result.stdout) == (0, "")
    assert out.read_text().startswith("<html>")


def test_demo_without_engagekit_report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "engagekit.report", None)
    monkeypatch.chdir(tmp_path)
    result = run("demo")
    assert result.exit_code == 1
    assert result.stderr.startswith("engagekit: error: the HTML report is not part of this "
                                    "engagekit")
    assert not (tmp_path / "engagekit-report.html").exists()


def test_the_real_demo(tmp_path: Path) -> None:
    pytest.importorskip("engagekit.report", reason="engagekit.report lands from the report branch")
    out = tmp_path / "demo.html"
    result = run("demo", "-o", out)
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<html" in page.lower()
    assert "Maple Harbor" in page
    assert all(p.platform.value in page.lower() for p in ek.datasets.load_sample())
