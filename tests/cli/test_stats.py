"""``engagekit stats``: tables, JSON and CSV checked against engagekit.aggregate's own results."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

import engagekit as ek
from engagekit import aggregate as agg
from engagekit.cli._stats import BY, tabulate
from engagekit.datasets import sample_posts
from tests.cli._cli import bad_jsonl, instagram_zip, run, sample_jsonl


def _json(*args: str | Path) -> dict[str, Any]:
    result = run("stats", *args, "--json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_hashtags_as_json_match_hashtag_counts_as_published(tmp_path: Path) -> None:
    document = _json(sample_jsonl(tmp_path))
    assert (document["by"], document["tz"], document["min_count"]) == ("hashtag", "UTC", 10)
    published = agg.publish(agg.hashtag_counts(sample_posts())).to_dicts(drop_withheld=True)
    assert [(r["key"], r["posts"], r["likes"]) for r in document["rows"]] == [
        (r["key"], r["posts"], r["likes"]) for r in published]
    assert min(r["posts"] for r in document["rows"]) >= 10


def test_no_suppress_gives_every_row(tmp_path: Path) -> None:
    document = _json(sample_jsonl(tmp_path), "--no-suppress", "--top", "0")
    rows = agg.hashtag_counts(sample_posts())
    assert document["min_count"] is None
    assert [(r["key"], r["display"], r["posts"], r["authors"]) for r in document["rows"]] == [
        (r.key, r.display, r.posts, r.authors) for r in rows]
    assert document["rows"][0]["variants"] == [
        {"text": v.text, "count": v.count} for v in rows[0].variants]


def test_small_counts_are_withheld_and_their_keys_left_out(tmp_path: Path) -> None:
    source = instagram_zip(tmp_path)  # posts tagged: 20, 12 and 3
    everything = {"coffeewithacop": 20, "bikesafety": 12, "jaydenbday": 3}
    keys = {row["key"]: row["posts"] for row in _json(source)["rows"]}
    assert keys == {"coffeewithacop": 20}  # 3 withheld, and 12 with it
    keys = {row["key"]: row["posts"] for row in _json(source, "--no-suppress")["rows"]}
    assert keys == everything
    keys = {row["key"]: row["posts"] for row in _json(source, "--min-count", "3")["rows"]}
    assert keys == everything


def test_months_in_a_time_zone_match_timeline(tmp_path: Path) -> None:
    document = _json(sample_jsonl(tmp_path), "--by", "month", "--tz", "America/Chicago",
                     "--no-suppress")
    months = agg.timeline(sample_posts(), period="month", tz="America/Chicago")
    assert [(r["start"], r["posts"], r["likes"]) for r in document["rows"]] == [
        (b.start.isoformat(), b.posts, b.likes) for b in months]
    assert "group" not in document["rows"][0]


def test_withheld_cells_are_marked_in_a_series(tmp_path: Path) -> None:
    document = _json(sample_jsonl(tmp_path), "--by", "month")  # 5 to 8 posts a month
    assert {r["posts"] for r in document["rows"]} == {"suppressed (primary)"}
    assert len(document["rows"]) == 11  # a series keeps its rows: its labels are dates


def test_platforms_as_csv_match_by_platform(tmp_path: Path) -> None:
    result = run("stats", sample_jsonl(tmp_path), "--by", "platform", "--csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = agg.by_platform(sample_posts())
    assert [(r["group"], int(r["posts"]), int(r["likes.total"]), float(r["likes.median"]))
            for r in rows] == [(g.group, g.posts, g.likes.total, g.likes.median)
                               for g in expected]
    assert rows[0]["shares.mean"] == ""  # unknown, not 0


@pytest.mark.parametrize("by", BY)
def test_every_by_matches_its_aggregator(tmp_path: Path, by: str) -> None:
    document = _json(sample_jsonl(tmp_path), "--by", by, "--top", "0", "--no-suppress")
    posts = list(sample_posts())
    functions: dict[str, Any] = {
        "hashtag": agg.hashtag_counts, "mention": agg.mention_counts,
        "domain": agg.domain_counts, "emoji": agg.emoji_counts,
        "author": agg.by_author, "officer": agg.by_officer, "agency": agg.by_agency,
        "location": agg.by_location, "platform": agg.by_platform}
    expected = functions[by](posts) if by in functions else agg.timeline(posts, period=by)
    assert [r["posts"] for r in document["rows"]] == [row.posts for row in expected]
    _, rows = tabulate(expected, by=by, min_count=None)
    assert len(rows) == len(document["rows"])


def test_top_cuts_the_rows(tmp_path: Path) -> None:
    assert len(_json(sample_jsonl(tmp_path), "--no-suppress", "--top", "3")["rows"]) == 3
    assert len(_json(sample_jsonl(tmp_path), "--no-suppress")["rows"]) == 13  # default 25


def test_officers_need_a_roster(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("officer,rank,badge,agency,platform,handle,account_id\n"
                      "Jordan Reyes,Officer,4471,Springfield PD,instagram,springfieldpd,\n")
    source = instagram_zip(tmp_path)
    without = _json(source, "--by", "officer", "--no-suppress")["rows"]
    assert [(r["group"], r["posts"]) for r in without] == [(None, 35)]
    named = _json(source, "--by", "officer", "--roster", roster)["rows"]
    assert [(r["group"], r["posts"]) for r in named] == [("Jordan Reyes", 35)]
    agencies = _json(source, "--by", "agency", "--roster", roster)["rows"]
    assert [(r["group"], r["posts"]) for r in agencies] == [("Springfield PD", 35)]


def test_a_table_on_the_terminal(tmp_path: Path) -> None:
    result = run("stats", instagram_zip(tmp_path))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    head = next(line for line in lines if "hashtag" in line)
    assert head.split() == ["hashtag", "posts", "accounts", "likes", "with", "likes", "first",
                            "last"]
    row = next(line for line in lines if "CoffeeWithACop" in line)
    assert row.split() == ["CoffeeWithACop", "20", "1", "unknown", "0", "2024-03-04",
                           "2024-04-30"]  # Instagram exports give no like counts
    assert "JaydenBday" not in result.stdout
    assert "BikeSafety" not in result.stdout
    assert "2 rows with withheld counts left out." in result.stdout
    assert result.stderr.startswith("Read 35 posts from 1 export:")


def test_withheld_cells_in_a_table(tmp_path: Path) -> None:
    result = run("stats", sample_jsonl(tmp_path), "--by", "month", "-q")
    assert result.exit_code == 0
    assert result.stdout.count("withheld") >= 11 * 4
    assert result.stderr == ""


def test_bad_records_stop_or_are_skipped(tmp_path: Path) -> None:
    source = bad_jsonl(tmp_path)
    assert run("stats", source).exit_code == 1
    result = run("stats", source, "--errors", "skip", "--by", "platform", "--json",
                 "--no-suppress")
    assert sum(r["posts"] for r in json.loads(result.stdout)["rows"]) == 78
    assert "Left out: invalid (2)." in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("--json", "--csv"), "give --json or --csv, not both"),
    (("--tz", "Mars/Olympus"), "expected an IANA time zone name such as 'America/Chicago'"),
    (("--min-count", "0"), "0 is not in the range x>=1"),
    (("--errors", "collect"), "'collect' is not one of 'raise', 'skip'"),
])
def test_usage_errors(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run("stats", sample_jsonl(tmp_path), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_stats_reads_a_stream_without_holding_it(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    update = agg.HashtagCounts.update

    def spy(self: agg.HashtagCounts, posts: Any) -> agg.HashtagCounts:
        seen.append(posts)
        return update(self, posts)

    monkeypatch.setattr(agg.HashtagCounts, "update", spy)
    assert run("stats", sample_jsonl(tmp_path), "-q").exit_code == 0
    assert len(seen) == 1
    assert not isinstance(seen[0], (list, tuple))


@pytest.mark.parametrize("by", ["hashtag", "week", "author"])
def test_no_posts_give_the_same_csv_header(tmp_path: Path, by: str) -> None:
    empty = tmp_path / "empty.jsonl"
    ek.write_jsonl([], empty)
    header = run("stats", empty, "--by", by, "--csv").stdout
    full = run("stats", sample_jsonl(tmp_path), "--by", by, "--csv", "--no-suppress").stdout
    assert header == full.splitlines(keepends=True)[0]
    assert json.loads(run("stats", empty, "--by", by, "--json").stdout)["rows"] == []
    assert "No rows: nothing was counted." in run("stats", empty, "--by", by).stdout
