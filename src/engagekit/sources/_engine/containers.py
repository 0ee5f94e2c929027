"""Containers: a single file, a folder, or a zip archive read member by member.

Nothing is ever extracted to disk and member names are never joined to a
filesystem path by a reader. Limits are enforced while bytes are read: every
member stream is wrapped in a counting reader that raises
:class:`~engagekit.errors.LimitExceeded` as soon as a member grows past
``max_member_bytes``, past the size its zip entry declared, or past
``max_ratio`` times its compressed size, or the container past
``max_total_bytes``. Zip entries whose byte ranges overlap (the
"overlapping-entry" zip bomb) are refused when the archive is opened,
whatever the Python version's own checks.

>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as zf:
...     zf.writestr("data/tweets.js", "window.YTD.tweets.part0 = []")
...     zf.writestr("../escape.json", "[]")
>>> _ = buf.seek(0)  # a file object is read from its current position
>>> archive = open_container(buf, Limits())
>>> archive.members(), dict(archive.ignored)
(['data/tweets.js'], {'../escape.json': 'unsafe-name'})
"""

from __future__ import annotations

import io
import lzma
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, cast

from engagekit.errors import LimitExceeded, ParseError
from engagekit.sources._engine.base import Container, Limits
from engagekit.sources._engine.guard import (
    RATIO_FLOOR,
    Budget,
    Guarded,
    buffered,
    check_directory,
    check_entries,
    safe_name,
)

__all__ = ["FileContainer", "FolderContainer", "ZipContainer", "open_container"]

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
#: What a damaged zip member raises while it is decompressed.
_ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zlib.error, EOFError, lzma.LZMAError, OSError, ValueError,
    NotImplementedError, RuntimeError,
)


class FileContainer(Container):
    """One file (a path or an open binary file) as a container with one member.

    A file object is read from its current position and never closed; one that
    cannot seek is read once, after sniffing, through a replay of its first bytes.
    """

    def __init__(self, source: str | os.PathLike[str] | IO[bytes], limits: Limits) -> None:
        self._limits = limits
        self._path: Path | None = None
        self._handle: IO[bytes] | None = None
        self._start = 0
        self._peeked = b""
        self._spent = False
        if isinstance(source, (str, os.PathLike)):
            self._path = Path(source)
            self.name = os.fspath(source)
            self._member = self._path.name or self.name
        else:
            self._handle = source
            name = getattr(source, "name", None)
            self.name = name if isinstance(name, str) and name else "<stream>"
            self._member = os.path.basename(self.name) or self.name
            self._seekable = source.seekable()
            if self._seekable:
                self._start = source.tell()
        self._budget = Budget(limits.max_total_bytes, self.name)

    def members(self) -> list[str]:
        return [self._member]

    def size(self, member: str) -> int | None:
        if self._path is not None:
            return self._path.stat().st_size
        return None

    def head(self, member: str, size: int = 4096) -> bytes:
        if self._handle is None or self._seekable:
            return super().head(member, size)
        if member != self._member:
            raise KeyError(member)
        if self._spent:
            return self._peeked[:size]
        while len(self._peeked) < size:
            more = self._handle.read(size - len(self._peeked))
            if not more:
                break
            self._peeked += more
        return self._peeked[:size]

    def open(self, member: str) -> IO[bytes]:
        if member != self._member:
            raise KeyError(member)
        handle = self._handle
        if self._path is not None:
            inner: IO[bytes] = open(self._path, "rb", buffering=0)  # noqa: SIM115 - closed by the guard
            owned = True
        elif handle is None:  # pragma: no cover - __init__ sets a path or a handle
            raise TypeError("a FileContainer needs a path or a binary file")
        else:
            owned = False
            if self._seekable:
                handle.seek(self._start)
                inner = handle
            else:
                if self._spent:
                    raise ParseError("a stream that cannot seek can be read only once",
                                     source=self.name)
                self._spent = True
                inner = cast(IO[bytes], _Replay(self._peeked, handle))
        raw = Guarded(inner, label=self.name, limits=self._limits, budget=self._budget,
                      owned=owned)
        return buffered(raw)

    def label(self, member: str) -> str:
        return self.name

    def close(self) -> None:
        if self._handle is not None and self._seekable and not self._handle.closed:
            self._handle.seek(self._start)  # a caller's file goes back where it was


class _Replay(io.RawIOBase):
    """Bytes already peeked at, then the rest of a stream that cannot seek."""

    def __init__(self, first: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self._first = first
        self._rest = rest

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if self._first:
            n = len(self._first) if size is None or size < 0 else size
            out, self._first = self._first[:n], self._first[n:]
            return out
        return self._rest.read(-1 if size is None else size)

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class FolderContainer(Container):
    """A folder: every regular file below it is a member (links are not followed)."""

    def __init__(self, path: str | os.PathLike[str], limits: Limits) -> None:
        self._root = Path(path)
        self.name = os.fspath(path)
        self._limits = limits
        self._budget = Budget(limits.max_total_bytes, self.name)
        self._ignored: dict[str, str] = {}
        members: list[str] = []

        def unreadable(exc: OSError) -> None:
            self._ignored[_relative(self._root, exc.filename)] = "unreadable"

        for top, dirs, files in os.walk(self._root, onerror=unreadable):
            base = Path(top)
            for entry in list(dirs):
                if (base / entry).is_symlink():
                    self._ignored[_relative(self._root, base / entry)] = "symlink"
                    dirs.remove(entry)
            for entry in files:
                full = base / entry
                name = _relative(self._root, full)
                mode = full.lstat().st_mode
                if stat.S_ISLNK(mode):
                    self._ignored[name] = "symlink"
                elif not stat.S_ISREG(mode):
                    self._ignored[name] = "not-a-file"
                else:
                    members.append(name)
                    if len(members) > limits.max_members:
                        raise LimitExceeded(
                            f"more than max_members={limits.max_members} files", source=self.name
                        )
        self._members = sorted(members)
        self._known = frozenset(self._members)

    def members(self) -> list[str]:
        return list(self._members)

    def label(self, member: str) -> str:
        """A member as the path of its file: ``export/content/posts_1.json``."""
        if member == self.name or not member:
            return self.name
        return os.path.join(self.name, member)

    @property
    def ignored(self) -> Mapping[str, str]:
        return self._ignored

    def _path(self, member: str) -> Path:
        if member not in self._known:  # member names are data: only listed files open
            raise KeyError(member)
        return self._root.joinpath(*member.split("/"))

    def size(self, member: str) -> int | None:
        return self._path(member).stat().st_size

    def open(self, member: str) -> IO[bytes]:
        path = self._path(member)
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(path, flags)
        except OSError as exc:
            raise ParseError(f"cannot open: {exc.strerror}", source=self.label(member)) from None
        raw = Guarded(io.FileIO(fd, "rb"), label=self.label(member), limits=self._limits,
                      budget=self._budget)
        return buffered(raw)


def _relative(root: Path, path: str | os.PathLike[str]) -> str:
    return Path(path).relative_to(root).as_posix()

class ZipContainer(Container):
    """A zip archive, read member by member, never extracted to disk."""

    def __init__(self, source: str | os.PathLike[str] | IO[bytes], limits: Limits) -> None:
        self._borrowed: IO[bytes] | None = None
        if isinstance(source, (str, os.PathLike)):
            self.name = os.fspath(source)
        else:
            name = getattr(source, "name", None)
            self.name = name if isinstance(name, str) and name else "<stream>"
            self._borrowed, self._start = source, source.tell()
        self._limits = limits
        self._budget = Budget(limits.max_total_bytes, self.name)
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as handle:
                check_directory(handle, limits, self.name)
        else:
            check_directory(source, limits, self.name)
        try:
            self._zip = zipfile.ZipFile(source)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, struct.error,
                OverflowError, IndexError, NotImplementedError) as exc:
            raise ParseError(f"not a readable zip archive: {exc}", source=self.name) from None
        try:
            check_entries(self._zip, infos, self._limits, self.name)
        except BaseException:
            self._zip.close()
            raise
        self._ignored: dict[str, str] = {}
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.filename.endswith("/"):  # a folder (ZipInfo.is_dir fails on an empty name)
                continue
            name = safe_name(info.filename)
            if name is None:
                self._ignored[info.filename] = "unsafe-name"
            elif name.startswith("__MACOSX/"):
                self._ignored[name] = "macos-metadata"
            elif name in self._infos:
                self._ignored[name] = "duplicate-name"
            else:
                self._infos[name] = info

    def members(self) -> list[str]:
        return sorted(self._infos)

    @property
    def ignored(self) -> Mapping[str, str]:
        return self._ignored

    def size(self, member: str) -> int | None:
        return self._infos[member].file_size

    def open(self, member: str) -> IO[bytes]:
        info = self._infos[member]
        label = self.label(member)
        limits = self._limits
        if info.file_size > limits.max_member_bytes:
            raise LimitExceeded(
                f"member declares {info.file_size} bytes, more than "
                f"max_member_bytes={limits.max_member_bytes}",
                source=label,
            )
        if info.file_size > RATIO_FLOOR and info.file_size > info.compress_size * limits.max_ratio:
            raise LimitExceeded(
                f"member declares a compression ratio above max_ratio={limits.max_ratio:g} "
                f"({info.file_size} bytes from {info.compress_size})",
                source=label,
            )
        try:
            inner = self._zip.open(info)
        except _ZIP_ERRORS as exc:
            raise ParseError(f"cannot open archive member: {exc}", source=label) from None
        raw = Guarded(inner, label=label, limits=limits, budget=self._budget,
                      declared=info.file_size, compressed=info.compress_size,
                      errors=_ZIP_ERRORS)
        return buffered(raw)

    def close(self) -> None:
        self._zip.close()
        if self._borrowed is not None and not self._borrowed.closed:
            self._borrowed.seek(self._start)  # a caller's file goes back where it was


def open_container(source: str | os.PathLike[str] | IO[bytes], limits: Limits) -> Container:
    """A container for a path (file, folder or zip) or a binary file object.

    A zip is recognized by its first bytes, whatever its name.
    """
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            return FolderContainer(path, limits)
        try:
            with open(path, "rb") as handle:
                magic = handle.read(4)
        except FileNotFoundError:
            raise ParseError("no such file or folder", source=os.fspath(source)) from None
        except OSError as exc:
            raise ParseError(f"cannot open: {exc.strerror}", source=os.fspath(source)) from None
        if magic in _ZIP_MAGIC:
            return ZipContainer(path, limits)
        return FileContainer(path, limits)
    if isinstance(source, io.TextIOBase):
        raise TypeError("expected a binary file object: open the file with mode 'rb'")
    if not hasattr(source, "read"):
        raise TypeError(
            f"expected a path or a binary file object, got {type(source).__name__}"
            + (" (wrap bytes in io.BytesIO)" if isinstance(source, (bytes, bytearray)) else "")
        )
    if source.seekable():
        start = source.tell()
        magic = source.read(4)
        source.seek(start)
        if magic in _ZIP_MAGIC:
            return ZipContainer(source, limits)
    else:
        peek = getattr(source, "peek", None)
        if callable(peek) and bytes(peek(4))[:4] in _ZIP_MAGIC:
            raise ParseError("a zip archive must be given as a path or a seekable file",
                             source=str(getattr(source, "name", "<stream>")))
    return FileContainer(source, limits)
