"""Containers: files, folders and zip archives, with limits enforced while reading."""

from __future__ import annotations

import contextlib
import io
import os
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.errors import LimitExceeded, ParseError
from engagekit.sources._engine.base import Limits
from engagekit.sources._engine.containers import (
    FileContainer,
    FolderContainer,
    ZipContainer,
    open_container,
)
from engagekit.sources._engine.guard import RATIO_FLOOR, Budget, Guarded, safe_name
from tests._zip import make_zip


def read_all(container: object) -> dict[str, bytes]:
    from engagekit.sources._engine.base import Container

    assert isinstance(container, Container)
    out = {}
    for member in container.members():
        with container.open(member) as handle:
            out[member] = handle.read()
    return out


def central(data: bytes, index: int) -> int:
    """The offset of the ``index``-th central directory record."""
    at = -1
    for _ in range(index + 1):
        at = data.index(b"PK\x01\x02", at + 1)
    return at


def patch(data: bytes, at: int, fmt: str, value: int) -> bytes:
    size = struct.calcsize(fmt)
    return data[:at] + struct.pack(fmt, value) + data[at + size:]


# -- names --------------------------------------------------------------------------------

NAMES = [
    # name, safe form (None: ignored)
    ("content/posts_1.json", "content/posts_1.json"),
    ("data\\tweets.js", "data/tweets.js"),  # Windows separators, read as folders
    ("/etc/passwd", None),
    ("\\evil.json", None),
    ("../up.json", None),
    ("a/../../up.json", None),
    ("a/./b.json", None),
    ("a//b.json", None),
    ("C:/x.json", None),
    ("c:x.json", None),
    ("nul\x00byte", None),
]


@pytest.mark.parametrize(("name", "safe"), NAMES)
def test_safe_name(name: str, safe: str | None) -> None:
    assert safe_name(name) == safe


def test_unsafe_and_macos_members_are_ignored_and_reported() -> None:
    data = make_zip({"content/posts_1.json": b"[]", "../posts_2.json": b"[]",
                     "/abs.json": b"[]", "__MACOSX/content/._posts_1.json": b"\0"})
    with open_container(io.BytesIO(data), Limits()) as box:
        assert box.members() == ["content/posts_1.json"]
        assert dict(box.ignored) == {"../posts_2.json": "unsafe-name", "/abs.json": "unsafe-name",
                                     "__MACOSX/content/._posts_1.json": "macos-metadata"}
        with pytest.raises(KeyError):
            box.open("../posts_2.json")


def test_duplicate_names_keep_the_first() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.json", b"first")
        with pytest.warns(UserWarning, match="Duplicate name"):
            zf.writestr("a.json", b"second")
    box = open_container(io.BytesIO(buf.getvalue()), Limits())
    assert read_all(box) == {"a.json": b"first"}
    assert dict(box.ignored) == {"a.json": "duplicate-name"}


# -- zip bombs ----------------------------------------------------------------------------


def test_overlapping_entries_are_refused() -> None:
    data = make_zip({"a.json": b"[1]" * 100, "b.json": b"[2]" * 100})
    bomb = patch(data, central(data, 1) + 42, "<I", 0)  # b's data "is" a's
    with pytest.raises(LimitExceeded, match="overlap"):
        open_container(io.BytesIO(bomb), Limits())


def test_entry_data_running_into_the_central_directory_is_refused() -> None:
    data = make_zip({"a.json": b"[1]" * 100})
    at = central(data, 0)
    bomb = patch(data, at + 20, "<I", at)  # compressed size reaching past the directory
    with pytest.raises(LimitExceeded, match="central directory"):
        open_container(io.BytesIO(bomb), Limits())


def test_a_declared_ratio_bomb_fails_at_open() -> None:
    data = make_zip({"zeros.json": b"0" * (4 * RATIO_FLOOR)})
    box = open_container(io.BytesIO(data), Limits())
    with pytest.raises(LimitExceeded, match="max_ratio=200"):
        box.open("zeros.json")
    relaxed = open_container(io.BytesIO(data), Limits(max_ratio=10_000))
    assert len(read_all(relaxed)["zeros.json"]) == 4 * RATIO_FLOOR


def test_a_small_member_is_never_refused_for_its_ratio() -> None:
    data = make_zip({"spaces.json": b"[" + b" " * (RATIO_FLOOR - 2) + b"]"})
    assert len(read_all(open_container(io.BytesIO(data), Limits()))["spaces.json"]) == RATIO_FLOOR


def test_member_and_total_limits_while_reading(tmp_path: Path) -> None:
    data = make_zip({"a": b"x" * 100, "b": b"y" * 100, "c": b"z" * 100}, zipfile.ZIP_STORED)
    with pytest.raises(LimitExceeded, match="max_total_bytes=250"):
        read_all(open_container(io.BytesIO(data), Limits(max_total_bytes=250)))
    with pytest.raises(LimitExceeded, match="declares 100 bytes"):
        read_all(open_container(io.BytesIO(data), Limits(max_member_bytes=50)))
    (tmp_path / "big.json").write_bytes(b"x" * 100)
    with pytest.raises(LimitExceeded, match="max_member_bytes=50"):
        read_all(open_container(tmp_path, Limits(max_member_bytes=50)))
    with pytest.raises(LimitExceeded, match="max_member_bytes=50"):
        read_all(open_container(tmp_path / "big.json", Limits(max_member_bytes=50)))


@pytest.mark.parametrize(("declared", "compressed", "limits", "message"), [
    (10, None, Limits(), "the 10 bytes its zip entry declares"),
    (None, 1, Limits(max_ratio=2.0), "max_ratio=2"),
    (None, None, Limits(max_member_bytes=30), "max_member_bytes=30"),
])
def test_the_counting_reader_stops_whatever_the_archive_says(
        declared: int | None, compressed: int | None, limits: Limits, message: str) -> None:
    size = RATIO_FLOOR + 10 if compressed else 100
    guard = Guarded(io.BytesIO(b"x" * size), label="bomb.zip!a", limits=limits,
                    budget=Budget(limits.max_total_bytes, "bomb.zip"), declared=declared,
                    compressed=compressed)
    with pytest.raises(LimitExceeded, match=message):
        io.BufferedReader(guard).read()


def test_too_many_members(tmp_path: Path) -> None:
    data = make_zip({f"{i}.json": b"[]" for i in range(5)})
    with pytest.raises(LimitExceeded, match="max_members=3"):
        open_container(io.BytesIO(data), Limits(max_members=3))
    for i in range(5):
        (tmp_path / f"{i}.json").write_bytes(b"[]")
    with pytest.raises(LimitExceeded, match="max_members=3"):
        open_container(tmp_path, Limits(max_members=3))


def test_a_directory_larger_than_its_entries_can_be_is_refused_before_parsing() -> None:
    data = make_zip({f"{i}": b"" for i in range(4000)}, zipfile.ZIP_STORED)
    end = data.rfind(b"PK\x05\x06")
    liar = patch(patch(data, end + 8, "<H", 1), end + 10, "<H", 1)  # "one entry"
    with pytest.raises(LimitExceeded, match="holds more than the 1 entries it lists"):
        open_container(io.BytesIO(liar), Limits())


def test_the_directory_check_puts_the_file_back() -> None:
    data = b"junk" + make_zip({"a.json": b"[]"})
    handle = io.BytesIO(data)
    handle.seek(4)
    box = open_container(handle, Limits())
    assert box.members() == ["a.json"]


# -- damaged archives ---------------------------------------------------------------------


def _flags(data: bytes, flags: int) -> bytes:
    data = patch(data, 6, "<H", flags)  # the local header
    return patch(data, central(data, 0) + 8, "<H", flags)


def _method(data: bytes, method: int) -> bytes:
    data = patch(data, 8, "<H", method)
    return patch(data, central(data, 0) + 10, "<H", method)


@pytest.mark.parametrize(("damage", "message"), [
    (lambda d: _flags(d, 1), "encrypted"),
    (lambda d: _method(d, 99), "compression method"),
    (lambda d: d[:38] + b"\xff" * 6 + d[44:], "damaged archive member"),  # deflate data
])
def test_damaged_members_are_parse_errors(damage: object, message: str) -> None:
    data = make_zip({"a.json": b"[1, 2, 3]" * 50})
    assert callable(damage)
    box = open_container(io.BytesIO(damage(data)), Limits())
    with pytest.raises(ParseError, match=message):
        read_all(box)


def test_not_a_zip() -> None:
    with pytest.raises(ParseError, match="not a readable zip archive"):
        open_container(io.BytesIO(b"PK\x03\x04 and then nothing"), Limits())


@given(st.binary(max_size=400))
def test_random_zip_bytes_raise_only_parse_errors(tail: bytes) -> None:
    with contextlib.suppress(ParseError, LimitExceeded):  # anything else fails
        read_all(open_container(io.BytesIO(b"PK\x03\x04" + tail), Limits()))


@given(st.data())
def test_mutated_zips_raise_only_parse_errors(data: st.DataObject) -> None:
    original = bytearray(make_zip({"a/b.json": b'[{"a": 1}]' * 20, "c.txt": b"hello"}))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(original) - 1))
        original[at] = data.draw(st.integers(0, 255))
    with contextlib.suppress(ParseError, LimitExceeded):  # anything else fails
        read_all(open_container(io.BytesIO(bytes(original)), Limits()))


# -- files, streams and folders ------------------------------------------------------------


def test_file_path(tmp_path: Path) -> None:
    path = tmp_path / "posts_1.json"
    path.write_bytes(b"[]")
    box = open_container(path, Limits())
    assert isinstance(box, FileContainer)
    assert box.members() == ["posts_1.json"]
    assert box.label("posts_1.json") == str(path)
    assert box.size("posts_1.json") == 2
    assert read_all(box) == {"posts_1.json": b"[]"}


def test_zip_by_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "export.bin"
    path.write_bytes(make_zip({"data/tweets.js": b"x"}))
    box = open_container(path, Limits())
    assert isinstance(box, ZipContainer)
    assert box.label("data/tweets.js") == f"{path}!data/tweets.js"
    box.close()


def test_missing_path() -> None:
    with pytest.raises(ParseError, match="no such file or folder"):
        open_container("/nonexistent/export.zip", Limits())


def test_a_file_object_is_read_from_its_position_and_put_back() -> None:
    handle = io.BytesIO(b"junk[1]")
    handle.seek(4)
    with open_container(handle, Limits()) as box:
        assert box.head(box.members()[0]) == b"[1]"
        assert read_all(box) == {"<stream>": b"[1]"}
    assert handle.tell() == 4
    assert not handle.closed


def test_a_stream_that_cannot_seek_is_replayed_once() -> None:
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            chunk = self._data.read(min(len(buffer), 3))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    box = open_container(io.BufferedReader(Pipe(b'{"engagekit":1}\n[1, 2]')), Limits())
    assert box.head("<stream>", 5) == b'{"eng'
    assert box.head("<stream>", 20) == b'{"engagekit":1}\n[1, '
    assert read_all(box) == {"<stream>": b'{"engagekit":1}\n[1, 2]'}
    with pytest.raises(ParseError, match="read only once"):
        box.open("<stream>")


def test_text_files_and_bytes_are_refused() -> None:
    with pytest.raises(TypeError, match="mode 'rb'"):
        open_container(io.StringIO("[]"), Limits())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"io\.BytesIO"):
        open_container(b"[]", Limits())  # type: ignore[arg-type]


@pytest.mark.skipif(not hasattr(os, "symlink") or not hasattr(os, "mkfifo"),
                    reason="needs symlinks and FIFOs")
def test_folder(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "posts_1.json").write_bytes(b"[1]")
    (tmp_path / "b.json").write_bytes(b"[2]")
    outside = tmp_path.parent / f"{tmp_path.name}-secret.json"
    outside.write_bytes(b"secret")
    (tmp_path / "link.json").symlink_to(outside)
    (tmp_path / "linked-dir").symlink_to(tmp_path.parent)
    os.mkfifo(tmp_path / "pipe")
    box = open_container(tmp_path, Limits())
    assert isinstance(box, FolderContainer)
    assert box.members() == ["b.json", "content/posts_1.json"]
    assert dict(box.ignored) == {"link.json": "symlink", "linked-dir": "symlink",
                                 "pipe": "not-a-file"}
    assert read_all(box) == {"b.json": b"[2]", "content/posts_1.json": b"[1]"}
    assert box.find("posts_1.json") == ["content/posts_1.json"]
    for name in ("link.json", "../" + outside.name, "content/../b.json"):
        with pytest.raises(KeyError):
            box.open(name)


def test_heads_are_read_once() -> None:
    opened = []

    class Counting(FileContainer):
        def open(self, member: str):  # type: ignore[no-untyped-def]
            opened.append(member)
            return super().open(member)

    box = Counting(io.BytesIO(b"x" * 10_000), Limits())
    assert box.head("<stream>", 10) == b"x" * 10
    assert box.head("<stream>", 4096) == b"x" * 4096
    assert box.head("<stream>", 16) == b"x" * 16
    assert len(opened) == 1
    assert box.head("<stream>", 8000) == b"x" * 8000
    assert len(opened) == 2


def test_a_name_cut_to_nothing_by_a_nul_byte_is_ignored() -> None:
    data = make_zip({"a.json": b"[]", "b.json": b"[1]"}).replace(b"a.json", b"\x00.json")
    box = open_container(io.BytesIO(data), Limits())
    assert box.members() == ["b.json"]
    assert dict(box.ignored) == {"": "unsafe-name"}
