"""``engagekit report``: what it passes to engagekit.report.write_report, and a missing module."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

import engagekit as ek
from engagekit.sources import ParseReport
from tests.cli._cli import bad_jsonl, instagram_zip, run, sample_jsonl
from tests.cli._fake_report import install


def test_the_options_reach_write_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = install(monkeypatch)
    source = instagram_zip(tmp_path)
    out = tmp_path / "report.html"
    result = run("report", source, "-o", out, "--tz", "America/Chicago", "--min-count", "5",
                 "--title", "Springfield PD")
    assert result.exit_code == 0, result.stderr
    call, = calls
    assert call["posts"] == list(ek.read_posts(source))
    assert (call["dest"], call["tz"], call["min_count"], call["redact"], call["title"],
            call["sources"]) == (out, "America/Chicago", 5, True, "Springfield PD", (str(source),))
    assert isinstance(call["read_report"], ParseReport)
    assert call["read_report"].found == ((str(source), "instagram"),)
    assert result.stdout.splitlines() == [
        f"Wrote the report to {out} ({out.stat().st_size:,} bytes).",
        "  35 posts by 1 account (0 officers) on instagram",
        "  from 2024-03-04 to 2024-06-14 (America/Chicago)",
        "  0 located posts; 1 post with lost characters (2.9%); 0 posts with repaired text",
        "  privacy: counts under 5 withheld (2 cells, 1 row); 0 names redacted in quoted "
        "captions; 0 private posts left out"]
    assert result.stderr.startswith("Read 35 posts from 1 export:")


def test_defaults_redact_and_write_engagekit_report_html(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = install(monkeypatch)
    monkeypatch.chdir(tmp_path)
    assert run("report", sample_jsonl(tmp_path), "-q").exit_code == 0
    assert (calls[0]["dest"], calls[0]["tz"], calls[0]["min_count"], calls[0]["redact"]) == (
        Path("engagekit-report.html"), "UTC", 10, True)
    assert (tmp_path / "engagekit-report.html").exists()


def test_no_redact_is_passed_and_warned_about(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    calls = install(monkeypatch)
    result = run("report", sample_jsonl(tmp_path), "-o", tmp_path / "r.html", "--no-redact")
    assert calls[0]["redact"] is False
    assert "--no-redact: names and handles of people are in it" in result.stdout


@pytest.mark.parametrize(("errors", "code", "posts"), [
    ("raise", 1, None), ("skip", 0, 78), ("collect", 0, 78)])
def test_bad_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: str, code: int,
                     posts: int | None) -> None:
    calls = install(monkeypatch)
    out = tmp_path / "r.html"
    result = run("report", bad_jsonl(tmp_path), "-o", out, "--errors", errors)
    assert result.exit_code == code
    if posts is None:
        assert not calls
        assert not out.exists()
        assert result.stderr.startswith("engagekit: error: ")
        assert "record 2 (0-based) at $.created_at" in result.stderr
    else:
        assert len(calls[0]["posts"]) == posts
        assert len(calls[0]["read_report"].errors) == 2
        assert ("2 records could not be read:" in result.stderr) == (errors == "collect")


def test_without_engagekit_report_one_line_names_the_extra(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "engagekit.report", None)
    result = run("report", sample_jsonl(tmp_path), "-o", tmp_path / "r.html")
    assert result.exit_code == 1
    assert result.stderr == ("engagekit: error: the HTML report is not part of this engagekit "
                             "(engagekit.report is missing); install a version that has it: "
                             "pip install 'engagekit[report]'\n")


def test_without_matplotlib_one_line_names_the_extra(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = sample_jsonl(tmp_path)
    real = importlib.import_module

    def import_module(name: str, package: str | None = None) -> ModuleType:
        if name == "engagekit.report":  # as if it imported matplotlib, which is not there
            raise ModuleNotFoundError("No module named 'matplotlib'", name="matplotlib")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", import_module)
    result = run("report", source, "-o", tmp_path / "r.html")
    assert result.exit_code == 1
    assert result.stderr == ("engagekit: error: the HTML report needs matplotlib: "
                             "pip install 'engagekit[report]'\n")


def test_the_real_report(tmp_path: Path) -> None:
    report = pytest.importorskip("engagekit.report",
                                 reason="engagekit.report lands from the report branch")
    out = tmp_path / "report.html"
    result = run("report", instagram_zip(tmp_path), "-o", out)
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<html" in html.lower()
    assert "JaydenBday" not in html  # 3 posts: withheld
    assert callable(report.write_report)


def test_a_missing_output_folder_fails_before_reading(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls = install(monkeypatch)
    result = run("report", instagram_zip(tmp_path), "-o", tmp_path / "no" / "report.html")
    assert result.exit_code == 1
    assert result.stderr == f"engagekit: error: {tmp_path / 'no'}: no such folder to write " \
                            "report.html in\n"
    assert calls == []
