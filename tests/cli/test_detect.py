"""``engagekit detect``: the format of each source and why; a folder's exports and leftovers."""

from __future__ import annotations

import json
from pathlib import Path

from engagekit.sources import detect_format
from engagekit.sources.instagram import LOOKS_FOR
from tests.cli._cli import instagram_zip, run, sample_jsonl


def test_one_export_names_its_format_and_why(tmp_path: Path) -> None:
    source = instagram_zip(tmp_path)
    result = run("detect", source)
    assert result.exit_code == 0, result.stderr
    assert detect_format(source) == "instagram"
    assert result.stdout == (f"{source}: instagram\n"
                             f"  why: the instagram reader claims it (it looks for {LOOKS_FOR})\n")


def test_a_folder_lists_its_exports_and_what_was_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    zipped, jsonl = instagram_zip(folder), sample_jsonl(folder)
    (folder / "notes.txt").write_text("Dear diary,\n")
    result = run("detect", folder)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        f"{folder}: 2 exports, 1 not read",
        "  instagram        " + zipped.name,  # inside the folder: named relative to it
        "  engagekit        " + jsonl.name,
        f"  why instagram: its reader looks for {LOOKS_FOR}",
        '  why engagekit: its reader looks for a first line such as {"engagekit":1,'
        '"type":"Post"}',
        "  not read         notes.txt"]
    assert lines[6] == "    why: not in a format engagekit can read; engagekit tried:"
    assert lines[7].startswith("        twitter-archive: data/tweets.js")
    assert lines[-1].startswith("        csv: ")


def test_a_reason_shared_by_several_files_is_given_once(tmp_path: Path) -> None:
    sample_jsonl(tmp_path)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Dear diary,\n")
    lines = run("detect", tmp_path).stdout.splitlines()
    assert lines[0] == f"{tmp_path}: 1 export, 2 not read"
    assert lines[3:6] == ["  not read         a.txt", "  not read         b.txt",
                          "    why, for these 2: not in a format engagekit can read; "
                          "engagekit tried:"]
    assert sum(line.strip().startswith("csv: ") for line in lines) == 1


def test_unreadable_sources_exit_1_after_every_source_is_described(tmp_path: Path) -> None:
    empty = tmp_path / "download.zip"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.json"
    good = sample_jsonl(tmp_path)
    result = run("detect", empty, missing, good)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{empty}: not in a format engagekit can read: the zip file is empty (0 bytes); the "
        "download did not finish, download it again",
        f"{missing}: no such file or folder",
        f"{good}: engagekit",
        "  why: the engagekit reader claims it (it looks for a first line such as "
        '{"engagekit":1,"type":"Post"})']


def test_json_output(tmp_path: Path) -> None:
    source = sample_jsonl(tmp_path)
    result = run("detect", source, tmp_path / "missing.json", "--json")
    assert result.exit_code == 1
    first, second = json.loads(result.stdout)
    assert first == {"source": str(source), "error": None, "unread": [],
                     "exports": [{"source": str(source), "format": "engagekit",
                                  "looks_for": 'a first line such as {"engagekit":1,'
                                               '"type":"Post"}'}]}
    assert second["error"] == "no such file or folder"


def test_a_csv_of_your_own_with_and_without_its_column_file(tmp_path: Path) -> None:
    source, columns = tmp_path / "page.csv", tmp_path / "page-columns.toml"
    source.write_text("Post ID,Description,Publish time\n1,Bike rodeo,2023-06-03T12:00:00Z\n")
    columns.write_text('platform = "facebook"\nid = "Post ID"\ncreated_at = "Publish time"\n'
                       'text = "Description"\n')
    unknown = run("detect", source)
    assert unknown.exit_code == 1
    assert unknown.stdout.startswith(f"{source}: not in a format engagekit can read: a CSV whose "
                                     "columns engagekit does not know ('Post ID', 'Description',"
                                     " 'Publish time'); name the column of each post field")
    known = run("detect", source, "--csv-columns", columns)
    assert known.exit_code == 0, known.stderr
    assert known.stdout == (f"{source}: csv\n  why: the csv reader claims it (it looks for the "
                            "columns 'Post ID', 'Publish time', 'Description' of the column "
                            "mapping 'page-columns')\n")
    columns.write_text(columns.read_text().replace("Publish time", "Date"))
    missing = run("detect", source, "--csv-columns", columns)
    assert missing.exit_code == 1
    assert missing.stdout == (f"{source}: does not look like 'csv' input: the CSV has no column "
                              "'Date', which the column mapping 'page-columns' names\n")
