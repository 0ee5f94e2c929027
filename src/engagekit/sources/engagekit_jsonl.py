"""engagekit's own JSON Lines (written by :func:`engagekit.write_jsonl`) as a source.

A member is this format when its first line is the header
``{"engagekit":1,"type":"Post"}``. Records are read by
:func:`engagekit.read_jsonl`; a record that fails goes to ``ctx.fail`` and
reading goes on with the next line. Lines are read at most
``max_record_bytes`` at a time.

>>> import io
>>> from engagekit.sources._engine.containers import FileContainer
>>> from engagekit.sources._engine.base import Limits
>>> detect(FileContainer(io.BytesIO(b'{"engagekit":1,"type":"Post"}\\n'), Limits()))
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, cast

import orjson

from engagekit.errors import LimitExceeded, ParseError
from engagekit.io import read_jsonl
from engagekit.models import Post
from engagekit.sources._engine.base import Container, Context
from engagekit.sources._engine.scan import BOM

__all__ = ["FORMAT", "detect", "read"]

FORMAT = "engagekit"
#: What detection looks for, as :func:`~engagekit.sources.detect.diagnose` reports it.
LOOKS_FOR = 'a first line such as {"engagekit":1,"type":"Post"}'

_SUFFIXES = (".jsonl", ".ndjson")


def _is_header(head: bytes) -> bool:
    for line in head.removeprefix(BOM).splitlines():
        if line.strip():
            try:
                header = orjson.loads(line)
            except orjson.JSONDecodeError:
                return False
            return (type(header) is dict and set(header) == {"engagekit", "type"}
                    and header["type"] == "Post" and type(header["engagekit"]) is int)
    return False


def _members(container: Container) -> Iterator[str]:
    members = container.members()
    for member in members:
        wanted = len(members) == 1 or member.lower().endswith(_SUFFIXES)
        if wanted and _is_header(container.head(member)):
            yield member


def detect(container: Container) -> bool:
    """A member whose first line is an engagekit JSONL header for posts."""
    return next(_members(container), None) is not None


def read(container: Container, ctx: Context) -> Iterator[Post]:
    """The posts of every member with the header, in member order."""
    for member in list(_members(container)):
        yield from _read_member(container, member, ctx)


class _Lines:
    """A member's lines for read_jsonl: the header first, then the rest, each bounded."""

    def __init__(self, header: bytes, handle: IO[bytes], limit: int, name: str) -> None:
        self._header: bytes | None = header
        self._handle = handle
        self._limit = limit
        self.name = name

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> bytes:
        if self._header is not None:
            line, self._header = self._header, None
            return line
        line = self._handle.readline(self._limit + 1)
        if not line:
            raise StopIteration
        if len(line) > self._limit and not line.endswith(b"\n"):
            raise LimitExceeded(f"a line longer than max_record_bytes={self._limit}",
                                source=self.name)
        return line


def _read_member(container: Container, member: str, ctx: Context) -> Iterator[Post]:
    label = container.label(member)
    limit = ctx.limits.max_record_bytes
    with container.open(member) as handle:
        header = b""
        while not header.strip():
            header = handle.readline(limit + 1).removeprefix(BOM)
            if not header:
                ctx.fail(ParseError("empty file: expected an engagekit JSONL header",
                                    source=label))
                return
        base = 0  # records consumed before this round
        while True:
            # read_jsonl stops at a bad record: count it, then go on from the next line
            lines = cast(IO[bytes], _Lines(header, handle, limit, label))
            done = 0
            position = handle.tell()
            try:
                for post in read_jsonl(lines):
                    done += 1
                    yield post
                return
            except ParseError as err:
                if err.record is None or handle.tell() == position:
                    ctx.fail(err)  # the header itself, or no progress: nothing more to read
                    return
                ctx.fail(err.located(record=base + err.record))
                base += done + 1
