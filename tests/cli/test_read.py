"""``engagekit read``: exports to JSON Lines, CSV or Parquet, with what was read and left out."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

import engagekit as ek
from engagekit.models import Visibility
from tests.cli._cli import START, bad_jsonl, instagram_zip, run, sample_jsonl

READERS: dict[str, Callable[[Path], Iterator[ek.Post]]] = {
    ".jsonl": ek.read_jsonl, ".csv": ek.read_csv, ".parquet": ek.read_parquet}


@pytest.mark.parametrize("suffix", list(READERS))
def test_writes_every_post_in_the_format_of_the_extension(tmp_path: Path, suffix: str) -> None:
    source = instagram_zip(tmp_path)
    out = tmp_path / f"posts{suffix}"
    result = run("read", source, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert list(READERS[suffix](out)) == list(ek.read_posts(source))
    assert result.stdout.splitlines()[:2] == [f"Wrote 35 posts to {out} from 1 export:",
                                              f"  instagram        {source}"]


def test_several_sources_and_what_was_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    instagram_zip(folder)
    sample_jsonl(folder)
    (folder / "notes.txt").write_text("Dear diary,\n")
    out = tmp_path / "all.jsonl"
    result = run("read", folder, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert len(list(ek.read_jsonl(out))) == 115
    assert (f"Not read: {folder / 'notes.txt'}: not in a format engagekit can read (engagekit "
            "detect lists what each format looks for)") in result.stdout.splitlines()
    assert "(2 exports)" not in result.stdout
    assert "from 2 exports:" in result.stdout


def test_an_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    result = run("read", sample_jsonl(tmp_path), "-o", tmp_path / "posts.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: engagekit read [OPTIONS] SOURCE...")
    assert "posts.txt' should end with one of .jsonl, .csv, .parquet, which chooses the format" \
        in result.stderr


def test_a_bad_record_stops_and_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "posts.jsonl"
    out.write_text("old\n")
    result = run("read", bad_jsonl(tmp_path), "-o", out)
    assert result.exit_code == 1
    assert result.stderr == (f"engagekit: error: {tmp_path / 'bad.jsonl'}: record 2 (0-based) "
                             "at $.created_at: required key is missing\n")
    assert "Traceback" not in result.output
    assert out.read_text() == "old\n"


def test_errors_skip_counts_the_bad_records(tmp_path: Path) -> None:
    out = tmp_path / "posts.csv"
    result = run("read", bad_jsonl(tmp_path), "-o", out, "--errors", "skip")
    assert result.exit_code == 0, result.stderr
    assert len(list(ek.read_csv(out))) == 78
    assert "Left out: invalid (2)." in result.stdout
    assert result.stderr == ""


def test_errors_collect_lists_the_errors_and_still_writes(tmp_path: Path) -> None:
    out = tmp_path / "posts.jsonl"
    result = run("read", bad_jsonl(tmp_path), "-o", out, "--errors", "collect")
    assert result.exit_code == 0, result.stderr
    assert len(list(ek.read_jsonl(out))) == 78
    lines = result.stderr.splitlines()
    assert lines[0] == "2 records could not be read:"
    assert lines[1].endswith("bad.jsonl: record 2 (0-based) at $.created_at: required key is "
                             "missing")
    assert "record 4 (0-based) at $.id: expected str, got 5 (int)" in lines[2]


def _private_and_repost(folder: Path) -> Path:
    """A Mastodon outbox: three public notes, one for followers only, and one boost."""
    actor = "https://town.example/users/pd"
    public = ["https://www.w3.org/ns/activitystreams#Public"]

    def create(i: str, to: list[str]) -> dict[str, object]:
        when = (START + timedelta(hours=len(i))).isoformat().replace("+00:00", "Z")
        return {"type": "Create", "id": f"{actor}/statuses/{i}/activity", "actor": actor,
                "published": when, "to": to,
                "object": {"type": "Note", "id": f"{actor}/statuses/{i}", "published": when,
                           "attributedTo": actor, "to": to, "content": f"<p>Walk {i}</p>"}}

    items = [create("0", public), create("1", public), create("2", public),
             create("p", [f"{actor}/followers"]),
             {"type": "Announce", "id": f"{actor}/statuses/r/activity", "actor": actor,
              "published": "2024-03-05T10:00:00Z", "to": public,
              "object": "https://other.example/users/fd/statuses/7"}]
    outbox = {"@context": "https://www.w3.org/ns/activitystreams",
              "type": "OrderedCollection", "orderedItems": items}
    path = folder / "outbox.json"
    path.write_text(json.dumps(outbox))
    return path


@pytest.mark.parametrize(("flags", "count", "left_out"), [
    ((), 3, "Left out: announce (1), private:followers (1)."),
    (("--include-private",), 4, "Left out: announce (1)."),
    (("--include-reposts",), 4, "Left out: private:followers (1)."),
    (("--include-private", "--include-reposts"), 5, None),
])
def test_private_posts_and_reposts(tmp_path: Path, flags: tuple[str, ...], count: int,
                                   left_out: str | None) -> None:
    out = tmp_path / "out.jsonl"
    result = run("read", _private_and_repost(tmp_path), "-o", out, *flags)
    assert result.exit_code == 0, result.stderr
    posts = list(ek.read_jsonl(out))
    assert len(posts) == count
    assert sum(p.repost_of is not None for p in posts) == ("--include-reposts" in flags)
    assert sum(p.visibility is Visibility.FOLLOWERS for p in posts) == (
        "--include-private" in flags)
    assert (left_out in result.stdout) if left_out else "Left out" not in result.stdout


def test_a_roster_names_the_officer(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("officer,rank,badge,agency,platform,handle,account_id\n"
                      "Jordan Reyes,Officer,4471,Springfield PD,instagram,springfieldpd,\n")
    out = tmp_path / "out.jsonl"
    assert run("read", instagram_zip(tmp_path), "-o", out, "--roster", roster).exit_code == 0
    assert {p.officer.name if p.officer else None for p in ek.read_jsonl(out)} == {"Jordan Reyes"}


def test_format_names_the_reader(tmp_path: Path) -> None:
    source = sample_jsonl(tmp_path)
    out = tmp_path / "out.jsonl"
    assert run("read", source, "-o", out, "--format", "engagekit").exit_code == 0
    result = run("read", source, "-o", out, "--format", "csv")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"engagekit: error: {source}: does not look like 'csv' input")


def test_a_missing_folder_to_write_in(tmp_path: Path) -> None:
    result = run("read", sample_jsonl(tmp_path), "-o", tmp_path / "nowhere" / "posts.jsonl")
    assert result.exit_code == 1
    assert result.stderr == (f"engagekit: error: {tmp_path / 'nowhere'}: no such folder to "
                             "write posts.jsonl in\n")


def test_quiet_prints_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run("read", sample_jsonl(tmp_path), "-o", out, "-q")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert len(list(ek.read_jsonl(out))) == 80


def test_spreadsheet_safe_csv(tmp_path: Path) -> None:
    out = tmp_path / "excel.csv"
    assert run("read", sample_jsonl(tmp_path), "-o", out, "--spreadsheet-safe").exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    result = run("read", sample_jsonl(tmp_path), "-o", tmp_path / "p.jsonl", "--spreadsheet-safe")
    assert result.exit_code == 2
    assert "--spreadsheet-safe is for a .csv output" in result.stderr


def test_files_not_read_for_one_reason_share_a_line(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    sample_jsonl(folder)
    names = [f"note{i:02d}.txt" for i in range(12)]
    for name in names:
        (folder / name).write_text("Dear diary,\n")
    result = run("read", folder, "-o", tmp_path / "all.jsonl")
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("Not read: ")]
    assert lines == ["Not read: " + ", ".join(str(folder / n) for n in names[:10])
                     + " and 2 more: not in a format engagekit can read (engagekit detect "
                     "lists what each format looks for)"]


_PAGE_CSV = ("Post ID,Page name,Description,Publish time,Reactions\r\n"
             "5550001,SpringfieldPD,Bike rodeo at Main St Park! #SafeStreets,"
             "06/03/2023 12:00,41\r\n"
             "5550002,SpringfieldPD,Coffee with a cop thanks @mainstlib,06/10/2023 09:30,17\r\n")
_COLUMNS = ('platform = "facebook"\nid = "Post ID"\ncreated_at = "Publish time"\n'
            'text = "Description"\nauthor_handle = "Page name"\nlikes = "Reactions"\n'
            'time_format = "%m/%d/%Y %H:%M"\ntimezone = "America/Chicago"\n')


def test_a_csv_of_your_own_is_read_with_a_column_file(tmp_path: Path) -> None:
    source, columns = tmp_path / "page.csv", tmp_path / "columns.toml"
    source.write_text(_PAGE_CSV, encoding="utf-8")
    columns.write_text(_COLUMNS, encoding="utf-8")
    out = tmp_path / "posts.jsonl"
    refused = run("read", source, "-o", out)
    assert refused.exit_code == 1
    assert "a CSV whose columns engagekit does not know ('Post ID', 'Page name'" in refused.stderr
    assert "pass it with --csv-columns" in refused.stderr
    result = run("read", source, "--csv-columns", columns, "-o", out)
    assert result.exit_code == 0, result.stderr
    posts = list(ek.read_jsonl(out))
    assert [(p.id, p.created_at.isoformat(), p.engagement.likes) for p in posts] == [
        ("5550001", "2023-06-03T17:00:00+00:00", 41), ("5550002", "2023-06-10T14:30:00+00:00", 17)]
    assert [h.text for h in posts[0].hashtags] == ["SafeStreets"]


def test_a_bad_column_file_is_one_line_and_another_format_a_usage_error(tmp_path: Path) -> None:
    source, columns = tmp_path / "page.csv", tmp_path / "columns.toml"
    source.write_text(_PAGE_CSV, encoding="utf-8")
    columns.write_text(_COLUMNS.replace('"facebook"', '"fb"'), encoding="utf-8")
    out = tmp_path / "posts.jsonl"
    result = run("read", source, "--csv-columns", columns, "-o", out)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"engagekit: error: {columns}: at $.platform: expected one "
                                    "of 'instagram', 'facebook'")
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()
    mixed = run("read", source, "--csv-columns", columns, "--format", "instagram", "-o", out)
    assert mixed.exit_code == 2
    assert "--csv-columns reads CSV files; it cannot be used with --format instagram" \
        in mixed.stderr


def test_a_roster_of_an_unknown_kind_is_one_line(tmp_path: Path) -> None:
    roster = tmp_path / "roster.txt"
    roster.write_text("officer: Jane\n")
    result = run("read", sample_jsonl(tmp_path), "--roster", roster, "-o", tmp_path / "o.jsonl")
    assert result.exit_code == 1
    assert result.stderr == (f"engagekit: error: {roster}: expected a .yaml, .yml or .csv roster "
                             "file, not '.txt'\n")
