"""Progress while reading: bytes of files read through CountingFile, posts for folders, quiet."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

import engagekit as ek
from engagekit.cli._progress import CountingFile, Reading
from engagekit.errors import ParseError
from tests.cli._cli import bad_jsonl, instagram_zip, sample_jsonl


def _terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=100), out


def test_counting_file_counts_what_is_read_and_seeks(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(bytes(range(256)) * 40)
    counted: list[int] = []
    with CountingFile(path, counted.append) as raw:
        assert raw.name == str(path)
        assert raw.read(100) == bytes(range(100))
        raw.seek(-10, io.SEEK_END)
        assert raw.tell() == 10_230
        assert raw.read() == bytes(range(246, 256))
    assert sum(counted) == 110
    assert raw.closed


@pytest.mark.parametrize("make", [instagram_zip, sample_jsonl])
def test_files_read_through_the_counter_give_the_same_posts(tmp_path: Path, make: object) -> None:
    source = make(tmp_path)  # type: ignore[operator]
    console, out = _terminal()
    with Reading(console, quiet=False) as reading:
        given = reading.sources([str(source)])
        assert not isinstance(given[0], str)  # opened, to count its bytes
        stream = ek.read_posts(given)
        posts = list(reading.posts(stream))
        assert reading._read == reading._total == source.stat().st_size
    assert posts == list(ek.read_posts(source))
    assert stream.found == ((str(source), ek.detect_format(source)),)
    assert reading.count == len(posts)
    assert "Reading" in out.getvalue()


def test_errors_name_the_file_as_for_a_path(tmp_path: Path) -> None:
    source = bad_jsonl(tmp_path)
    with pytest.raises(ParseError) as by_path:
        list(ek.read_posts(source))
    with Reading(_terminal()[0], quiet=False) as reading, pytest.raises(ParseError) as counted:
        list(ek.read_posts(reading.sources([str(source)])))
    assert str(counted.value) == str(by_path.value)


def test_a_folder_is_read_as_a_path_and_counted_in_posts(tmp_path: Path) -> None:
    sample_jsonl(tmp_path)
    console, out = _terminal()
    with Reading(console, quiet=False) as reading:
        assert reading.sources([str(tmp_path)]) == [str(tmp_path)]
        assert len(list(reading.posts(ek.read_posts(str(tmp_path))))) == 80
    assert reading._total is None
    assert reading.count == 80
    assert "80 posts" in out.getvalue()


@pytest.mark.parametrize(("quiet", "terminal"), [(True, True), (False, False)])
def test_quiet_or_not_a_terminal_shows_nothing(tmp_path: Path, quiet: bool,
                                               terminal: bool) -> None:
    source = sample_jsonl(tmp_path)
    out = io.StringIO()
    console = Console(file=out, force_terminal=terminal)
    with Reading(console, quiet=quiet) as reading:
        assert reading.sources([str(source)]) == [str(source)]
        assert len(list(reading.posts(ek.read_posts(source)))) == 80
    assert out.getvalue() == ""
