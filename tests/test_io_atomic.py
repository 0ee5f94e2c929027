"""engagekit.io._atomic: a writer killed midway leaves the old file whole, and its temporary file
is cleared by the next write.

The crash tests start a writer in a child process on an endless stream of posts, wait until its
temporary file has grown, kill it with SIGKILL (nothing in the child can run after that), and
check the destination byte for byte.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import engagekit as ek
from engagekit.io._atomic import atomic_binary, atomic_path, clear_stale, temp_prefix

SRC = Path(ek.__file__).resolve().parents[1]

CHILD = """
import itertools, sys
from datetime import UTC, datetime, timedelta
import engagekit as ek

fmt, dest = sys.argv[1], sys.argv[2]
start = datetime(2024, 5, 2, tzinfo=UTC)
posts = (ek.Post(id=str(i), platform="instagram", created_at=start + timedelta(seconds=i),
                 text=f"Coffee with a cop #{i} " * 5) for i in itertools.count())
if fmt == "jsonl":
    ek.write_jsonl(posts, dest)
elif fmt == "csv":
    ek.write_csv(posts, dest)
else:
    ek.write_parquet(posts, dest, batch_size=500)
"""

WRITERS: dict[str, Callable[[list[ek.Post], Path], object]] = {
    "jsonl": ek.write_jsonl, "csv": ek.write_csv, "parquet": ek.write_parquet}


def _post(i: int) -> ek.Post:
    return ek.Post(id=str(i), platform="mastodon", created_at=datetime(2023, 1, 1, tzinfo=UTC),
                   text=f"older post {i}")


def _temporaries(folder: Path, dest: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(f".{dest.name}."))


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_a_writer_killed_midway_leaves_the_old_file_whole(tmp_path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow", reason="the arrow extra is not installed")
    dest = tmp_path / f"posts.{fmt}"
    WRITERS[fmt]([_post(1), _post(2)], dest)
    before = dest.read_bytes()
    child = subprocess.Popen([sys.executable, "-c", CHILD, fmt, str(dest)],
                             env={**os.environ, "PYTHONPATH": str(SRC)})
    try:
        deadline = time.monotonic() + 60
        while not any(p.stat().st_size > 64 << 10 for p in _temporaries(tmp_path, dest)):
            assert child.poll() is None, "the writer ended before it was killed"
            assert time.monotonic() < deadline, "the writer never started writing"
            time.sleep(0.02)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert dest.read_bytes() == before  # the old file, byte for byte
    left = _temporaries(tmp_path, dest)
    assert left  # SIGKILL left the temporary file, named after the killed writer
    assert all(re.fullmatch(rf"\.posts\.{fmt}\.{child.pid}\.\w+\.tmp", p.name) for p in left)
    # the next write to the same destination clears what the killed writer left
    WRITERS[fmt]([_post(3)], dest)
    assert sorted(p.name for p in tmp_path.iterdir()) == [dest.name]
    assert dest.read_bytes() != before


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_clear_stale_removes_only_the_leftovers_of_dead_writers(tmp_path: Path) -> None:
    dest = tmp_path / "out.jsonl"
    dead = _dead_pid()
    names = {
        f".out.jsonl.{dead}.abc123_x.tmp": True,  # a dead writer's file
        f".out.jsonl.{dead}.k9f2a0zq.old": True,  # a dead partitioned writer's old folder
        f".out.jsonl.{os.getpid()}.abcdefgh.tmp": False,  # this process: maybe being written
        f".out.jsonl.{os.getppid()}.abcdefgh.tmp": False,  # a live process
        ".out.jsonl.abcdefgh.tmp": False,  # the name before process ids: whose is unknown
        f".out.jsonl.5.{dead}.abcdefgh.tmp": False,  # a temporary of out.jsonl.5
        "out.jsonl.bak": False,
    }
    for name in names:
        if name.endswith(".old"):
            (tmp_path / name).mkdir()
            (tmp_path / name / "part-0.parquet").write_bytes(b"x")
        else:
            (tmp_path / name).write_bytes(b"x")
    removed = clear_stale(dest)
    assert sorted(removed) == sorted(n for n, stale in names.items() if stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        n for n, stale in names.items() if not stale)


def test_temporary_names_carry_the_process_id(tmp_path: Path) -> None:
    dest = tmp_path / "a.jsonl"
    with atomic_binary(dest) as handle:
        (seen,) = _temporaries(tmp_path, dest)
        assert seen.name.startswith(temp_prefix(dest))
        handle.write(b"1")
    with atomic_path(dest) as tmp:
        assert Path(tmp).name.startswith(f".a.jsonl.{os.getpid()}.")
        Path(tmp).write_bytes(b"2")
    assert dest.read_bytes() == b"2"
    assert _temporaries(tmp_path, dest) == []


def test_an_exception_removes_the_temporary_file(tmp_path: Path) -> None:
    dest = tmp_path / "a.jsonl"
    dest.write_bytes(b"old")
    def write() -> None:
        with atomic_binary(dest) as handle:
            handle.write(b"new")
            raise RuntimeError("broke")

    with pytest.raises(RuntimeError, match="broke"):
        write()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl"]
    assert dest.read_bytes() == b"old"


def test_a_new_file_gets_the_umask_mode_and_a_replaced_file_keeps_its_own(
        tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.jsonl"
    old = os.umask(0o027)
    try:
        ek.write_jsonl([], fresh)
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    kept = tmp_path / "kept.jsonl"
    kept.write_bytes(b"")
    kept.chmod(0o604)
    ek.write_jsonl([], kept)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604


@pytest.mark.parametrize("writer", [ek.write_jsonl, ek.write_csv], ids=["jsonl", "csv"])
def test_a_missing_folder_is_named_not_a_temporary_file(tmp_path: Path,
                                                       writer: Callable[..., Any]) -> None:
    dest = tmp_path / "no" / "posts.out"
    with pytest.raises(FileNotFoundError) as info:
        writer([], dest)
    assert info.value.filename == str(tmp_path / "no")
    assert info.value.strerror == "no such folder to write posts.out in"


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise PermissionError(errno.EACCES, "Permission denied")


@pytest.mark.parametrize("writer", [ek.write_jsonl, ek.write_csv], ids=["jsonl", "csv"])
def test_a_folder_that_takes_no_file_is_named_with_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: Callable[..., Any]) -> None:
    monkeypatch.setattr(tempfile, "mkstemp", _refuse)
    with pytest.raises(PermissionError) as info:
        writer([], tmp_path / "posts.out")
    assert (info.value.filename, info.value.strerror) == (
        str(tmp_path), "cannot write posts.out in this folder (Permission denied)")
    assert list(tmp_path.iterdir()) == []


def test_a_partitioned_parquet_names_its_folder_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow", reason="the arrow extra is not installed")
    with pytest.raises(FileNotFoundError) as missing:
        ek.write_parquet([], tmp_path / "no" / "posts", partition_by=("platform",))
    assert missing.value.strerror == "no such folder to write posts in"
    monkeypatch.setattr(tempfile, "mkdtemp", _refuse)
    with pytest.raises(PermissionError) as refused:
        ek.write_parquet([], tmp_path / "posts", partition_by=("platform",))
    assert refused.value.strerror == "cannot write posts in this folder (Permission denied)"
    assert list(tmp_path.iterdir()) == []
