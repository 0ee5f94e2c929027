"""Progress while reading: bytes of the export files read, or posts read when bytes are unknown.

The readers stream, and :func:`engagekit.read_posts` takes binary file objects
as well as paths. A source that is a file (a JSON file, a zip as downloaded) is
therefore opened here, through :class:`CountingFile`, which counts the bytes the
readers pull from disk; the bar's total is the files' size on disk. For a zip
that is the compressed bytes, so the bar moves with the archive read. Reading a
file's first bytes to detect its format counts too, so the count is capped at
the total. A folder is passed on as a path (it can hold several exports, each
found by its member names), and then the bar is a spinner counting posts.

Progress goes to standard error, and only when it is a terminal and ``-q`` was
not given: a script reading standard output never sees it.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from engagekit.models import Post

__all__ = ["CountingFile", "Reading"]

Source = str | os.PathLike[str] | IO[bytes]

#: Posts between two updates of the posts counter (an update takes a lock).
_EVERY = 512


class CountingFile(io.RawIOBase):
    """A file on disk that reports every read's size to ``on_read``; it seeks as the file does."""

    def __init__(self, path: Path, on_read: Callable[[int], None]) -> None:
        super().__init__()
        self._file = io.FileIO(path, "rb")
        self._on_read = on_read
        #: The path as given, so errors name the file as they would for a path.
        self.name = os.fspath(path)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def readinto(self, buffer: Any) -> int:
        n = self._file.readinto(buffer)
        if n:
            self._on_read(n)
        return n or 0

    def close(self) -> None:
        if not self.closed:
            self._file.close()
        super().close()


class Reading:
    """A progress display for reading sources; use it as a context manager.

    ``sources(paths)`` gives what to hand to ``read_posts`` (files opened for
    counting, folders as paths), and ``posts(stream)`` passes the posts through,
    counting them.
    """

    def __init__(self, console: Console, *, quiet: bool, label: str = "Reading") -> None:
        self._label = label
        self._enabled = not quiet and console.is_terminal
        self._progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
            DownloadColumn(), TextColumn("{task.fields[posts]:>10,} posts"),
            TimeElapsedColumn(), TimeRemainingColumn(),
            console=console, transient=True, disable=not self._enabled)
        self._task: TaskID | None = None
        self._stack = ExitStack()
        self._total: int | None = None
        self._read = 0
        self.count = 0

    def __enter__(self) -> Reading:
        self._stack.enter_context(self._progress)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stack.close()

    def sources(self, paths: Iterable[str]) -> list[Source]:
        """The sources to read: each regular file opened through a :class:`CountingFile`."""
        given = [Path(path) for path in paths]
        if not self._enabled or not all(path.is_file() for path in given):
            self._task = self._progress.add_task(self._label, total=None, posts=0)
            return [os.fspath(path) for path in given]
        self._total = sum(path.stat().st_size for path in given)
        self._task = self._progress.add_task(self._label, total=self._total, posts=0)
        opened: list[Source] = []
        for path in given:
            raw = self._stack.enter_context(CountingFile(path, self._advance))
            opened.append(self._stack.enter_context(io.BufferedReader(raw, 1 << 16)))
        return opened

    def _advance(self, n: int) -> None:
        if self._task is None or self._total is None:  # pragma: no cover - set together
            return
        self._read = min(self._total, self._read + n)
        self._progress.update(self._task, completed=self._read)

    def posts(self, posts: Iterable[Post]) -> Iterator[Post]:
        """``posts``, unchanged, counted into :attr:`count` and the display."""
        task = self._task
        update = self._progress.update
        n = self.count
        for post in posts:
            yield post
            n += 1
            self.count = n
            if not n % _EVERY and task is not None:
                update(task, posts=n)
        if task is not None:
            update(task, posts=n)
