"""Containers: a single file, a folder, or a zip archive read member by member."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import IO

from engagekit.errors import LimitExceeded, ParseError
from engagekit.sources._base import Container, Limits

__all__ = ["FileContainer", "FolderContainer", "ZipContainer", "open_container"]


class FileContainer(Container):
    """One file (a path or an open binary file) as a container with one member."""

    def __init__(self, source: str | os.PathLike[str] | IO[bytes], limits: Limits) -> None:
        self._limits = limits
        if isinstance(source, (str, os.PathLike)):
            self._path: Path | None = Path(source)
            self._handle: IO[bytes] | None = None
            self.name = os.fspath(source)
            self._member = self._path.name
        else:
            self._path = None
            self._handle = source
            self.name = str(getattr(source, "name", "<stream>"))
            self._member = os.path.basename(self.name)

    def members(self) -> list[str]:
        return [self._member]

    def open(self, member: str) -> IO[bytes]:
        if member != self._member:
            raise KeyError(member)
        if self._path is not None:
            return open(self._path, "rb")
        assert self._handle is not None
        if self._handle.seekable():
            self._handle.seek(0)
        return _Borrowed(self._handle)

    def label(self, member: str) -> str:
        return self.name


class _Borrowed(io.BufferedReader):
    """A caller's file object, not closed when a reader is done with it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw_handle = raw

    def read(self, size: int | None = -1) -> bytes:
        return self._raw_handle.read(-1 if size is None else size)

    def readline(self, size: int | None = -1) -> bytes:
        return self._raw_handle.readline(-1 if size is None else size)

    def __iter__(self) -> _Borrowed:
        return self

    def __next__(self) -> bytes:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def close(self) -> None:
        pass

    @property
    def closed(self) -> bool:
        return False


class FolderContainer(Container):
    """A folder: every regular file below it is a member."""

    def __init__(self, path: str | os.PathLike[str], limits: Limits) -> None:
        self._root = Path(path)
        self.name = os.fspath(path)
        self._limits = limits
        members = []
        for file in self._root.rglob("*"):
            if file.is_file() and not file.is_symlink():
                members.append(file.relative_to(self._root).as_posix())
                if len(members) > limits.max_members:
                    raise LimitExceeded(
                        f"more than max_members={limits.max_members} files", source=self.name
                    )
        self._members = sorted(members)
        self._known = frozenset(self._members)

    def members(self) -> list[str]:
        return list(self._members)

    def open(self, member: str) -> IO[bytes]:
        if member not in self._known:  # member names are data: only listed files open
            raise KeyError(member)
        return open(self._root.joinpath(*member.split("/")), "rb")


class ZipContainer(Container):
    """A zip archive, read member by member, never extracted to disk."""

    def __init__(self, source: str | os.PathLike[str] | IO[bytes], limits: Limits) -> None:
        self.name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else str(
            getattr(source, "name", "<stream>")
        )
        self._limits = limits
        try:
            self._zip = zipfile.ZipFile(source)
        except zipfile.BadZipFile as exc:
            raise ParseError(f"not a readable zip archive: {exc}", source=self.name) from None
        infos = [i for i in self._zip.infolist() if not i.is_dir()]
        if len(infos) > limits.max_members:
            raise LimitExceeded(
                f"{len(infos)} members exceed max_members={limits.max_members}", source=self.name
            )
        self._infos = {i.filename: i for i in infos}

    def members(self) -> list[str]:
        return sorted(self._infos)

    def open(self, member: str) -> IO[bytes]:
        return self._zip.open(self._infos[member])


def open_container(source: str | os.PathLike[str] | IO[bytes], limits: Limits) -> Container:
    """A container for a path (file, folder or zip) or a binary file object."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            return FolderContainer(path, limits)
        if not path.exists():
            raise ParseError("no such file or folder", source=os.fspath(source))
        if zipfile.is_zipfile(path):
            return ZipContainer(path, limits)
        return FileContainer(path, limits)
    if source.seekable():
        start = source.tell()
        magic = source.read(4)
        source.seek(start)
        if magic == b"PK\x03\x04":
            return ZipContainer(source, limits)
    return FileContainer(source, limits)
