"""engagekit.privacy.erase: exactly the matching posts go, files stay loadable and atomic."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engagekit as ek
from engagekit.errors import ArgumentError
from engagekit.privacy import ErasedFile, ErasureReport, erase

WHEN = datetime(2026, 5, 2, tzinfo=timezone.utc)
HANDLES = ["springfieldpd", "Neighbour.Jo", "officer.reyes", "giselle.m"]


def _posts(authors: list[tuple[str, str]]) -> list[ek.Post]:
    return [ek.Post(id=f"p{i}", platform=platform, created_at=WHEN, text=f"post {i}",
                    author=ek.Account(platform=platform, handle=handle, id=f"id-{handle.lower()}"))
            for i, (platform, handle) in enumerate(authors)]


def _parquet_available() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _write(kind: str, posts: list[ek.Post], folder: Path) -> Path:
    if kind == "jsonl":
        path = folder / "posts.jsonl"
        ek.write_jsonl(posts, path)
    elif kind == "csv":
        path = folder / "posts.csv"
        ek.write_csv(posts, path)
    else:
        if not _parquet_available():
            pytest.skip("pyarrow is not installed (the arrow extra)")
        path = folder / "posts.parquet"
        ek.write_parquet(posts, path)
    return path


READ: dict[str, Callable[[Path], Iterator[ek.Post]]] = {
    "jsonl": ek.read_jsonl, "csv": ek.read_csv, "parquet": ek.read_parquet}
KINDS = ["jsonl", "csv", "parquet"]

AUTHORS = st.lists(st.tuples(st.sampled_from(["instagram", "twitter"]), st.sampled_from(HANDLES)),
                   max_size=8)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=15, deadline=None)
@given(authors=AUTHORS, erased=st.sets(st.sampled_from(HANDLES), max_size=2),
       ids=st.sets(st.sampled_from([f"p{i}" for i in range(8)]), max_size=2))
def test_erase_removes_exactly_the_matching_posts(kind: str, authors: list[tuple[str, str]],
                                                  erased: set[str], ids: set[str]) -> None:
    if not erased and not ids:
        erased = {HANDLES[0]}
    posts = _posts(authors)
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(kind, posts, Path(tmp))
        report = erase([path], accounts=sorted(erased), ids=sorted(ids))
        left = list(READ[kind](path))
        folded = {h.casefold() for h in erased}
        expected = [p for p in posts if p.id not in ids and p.author is not None
                    and p.author.handle.casefold() not in folded]
        assert left == expected
        assert report == ErasureReport(files=(ErasedFile(
            path=str(path), format=kind, removed=len(posts) - len(expected),
            kept=len(expected)),))
        assert [p.name for p in Path(tmp).iterdir()] == [path.name]  # no temporary file left


def test_accounts_match_by_platform_handle_or_id(tmp_path: Path) -> None:
    posts = _posts([("instagram", "Neighbour.Jo"), ("twitter", "neighbour.jo"),
                    ("instagram", "springfieldpd")])
    path = tmp_path / "posts.jsonl"
    ek.write_jsonl(posts, path)
    report = erase(path, accounts=[ek.Account(platform="instagram", handle="neighbour.jo")])
    assert (report.removed, report.kept) == (1, 2)
    report = erase(path, accounts=[ek.Account(platform="twitter", handle="x",
                                              id="id-neighbour.jo")])
    assert (report.removed, report.kept) == (1, 1)
    assert [p.id for p in ek.read_jsonl(path)] == ["p2"]


def test_nothing_to_remove_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    ek.write_csv(_posts([("instagram", "springfieldpd")]), path, spreadsheet_safe=True)
    before = path.read_bytes()
    stat = path.stat()
    report = erase(path, accounts=["someone.else"])
    assert report.files[0].removed == 0
    assert path.read_bytes() == before
    assert path.stat().st_ino == stat.st_ino  # not even rewritten


def test_spreadsheet_safe_csv_stays_spreadsheet_safe(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    ek.write_csv(_posts([("instagram", "springfieldpd"), ("instagram", "giselle.m")]), path,
                 spreadsheet_safe=True)
    erase(path, accounts=["giselle.m"])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [p.id for p in ek.read_csv(path)] == ["p0"]


def test_a_partitioned_parquet_directory_is_erased_file_by_file(tmp_path: Path) -> None:
    if not _parquet_available():
        pytest.skip("pyarrow is not installed (the arrow extra)")
    posts = _posts([("instagram", "giselle.m"), ("twitter", "giselle.m"),
                    ("instagram", "springfieldpd")])
    folder = tmp_path / "posts"
    ek.write_parquet(posts, folder, partition_by=["platform"])
    report = erase(folder, accounts=["giselle.m"])
    assert report.removed == 2
    assert report.kept == 1
    assert len(report.files) == 2
    assert [p.id for p in ek.read_parquet(folder)] == ["p2"]


def test_every_path_is_checked_before_any_file_changes(tmp_path: Path) -> None:
    good = tmp_path / "posts.jsonl"
    ek.write_jsonl(_posts([("instagram", "giselle.m")]), good)
    before = good.read_bytes()
    with pytest.raises(FileNotFoundError):
        erase([good, tmp_path / "missing.jsonl"], accounts=["giselle.m"])
    other = tmp_path / "notes.txt"
    other.write_text("x")
    with pytest.raises(ArgumentError, match="JSON Lines"):
        erase([good, other], accounts=["giselle.m"])
    assert good.read_bytes() == before


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({}, "accounts"),
        ({"accounts": "giselle.m"}, "accounts"),  # a single str, not a collection
        ({"ids": "p1"}, "ids"),
        ({"accounts": [7]}, "accounts"),
        ({"ids": [""]}, "ids"),
    ],
)
def test_bad_arguments(tmp_path: Path, kwargs: dict[str, object], argument: str) -> None:
    path = tmp_path / "posts.jsonl"
    ek.write_jsonl([], path)
    with pytest.raises(ArgumentError) as info:
        erase(path, **kwargs)  # type: ignore[arg-type]
    assert info.value.argument == argument
