"""The safety layer under the containers: counted reads and checks on zip entries.

Private to :mod:`engagekit.sources._engine.containers`. A :class:`Guarded` stream counts
the bytes a member yields and raises :class:`~engagekit.errors.LimitExceeded`
as soon as the member passes ``max_member_bytes``, the size its zip entry
declared or ``max_ratio`` times its compressed size, or the container (its
:class:`Budget`) passes ``max_total_bytes``. :func:`check_entries` refuses an
archive with too many members or with overlapping entries before anything is
read, and :func:`safe_name` turns away member names that could escape a folder.

>>> safe_name("data/tweets.js"), safe_name("../escape.json"), safe_name("C:/boot.ini")
('data/tweets.js', None, None)
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from typing import IO, Any

from engagekit.errors import LimitExceeded, ParseError
from engagekit.sources._engine.base import Limits

__all__ = ["RATIO_FLOOR", "Budget", "Guarded", "buffered", "check_directory", "check_entries",
           "safe_name"]

#: A member's first MiB is never refused for its compression ratio: no bomb fits in it.
RATIO_FLOOR = 1 << 20

_DRIVE = re.compile(r"[A-Za-z]:")
_NO_ERRORS: tuple[type[BaseException], ...] = ()


class Budget:
    """Bytes read over all members of one container."""

    __slots__ = ("limit", "source", "total")

    def __init__(self, limit: int, source: str) -> None:
        self.limit = limit
        self.source = source
        self.total = 0


class Guarded(io.RawIOBase):
    """A member stream that counts what it yields and stops at the first limit passed."""

    def __init__(
        self,
        inner: IO[bytes],
        *,
        label: str,
        limits: Limits,
        budget: Budget,
        declared: int | None = None,
        compressed: int | None = None,
        errors: tuple[type[BaseException], ...] = _NO_ERRORS,
        owned: bool = True,
    ) -> None:
        super().__init__()
        self._inner = inner
        self._label = label
        self._budget = budget
        self._errors = errors
        self._owned = owned
        self._count = 0
        caps = [(limits.max_member_bytes, f"max_member_bytes={limits.max_member_bytes}")]
        if declared is not None:
            caps.append((declared, f"the {declared} bytes its zip entry declares"))
        if compressed is not None:
            ratio_cap = max(RATIO_FLOOR, int(compressed * limits.max_ratio))
            caps.append((ratio_cap, f"max_ratio={limits.max_ratio:g} times its "
                                    f"{compressed} compressed bytes"))
        self._cap, self._why = min(caps)

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._count

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._inner.read(len(buffer))
        except self._errors as exc:
            raise ParseError(f"damaged archive member: {exc}", source=self._label) from None
        n = len(data)
        buffer[:n] = data
        self._count += n
        if self._count > self._cap:
            raise LimitExceeded(f"member grew past {self._why}", source=self._label)
        budget = self._budget
        budget.total += n
        if budget.total > budget.limit:
            raise LimitExceeded(f"more than max_total_bytes={budget.limit} read from the input",
                                source=budget.source)
        return n

    def close(self) -> None:
        if not self.closed and self._owned:
            self._inner.close()
        super().close()


def buffered(raw: Guarded) -> IO[bytes]:
    """``raw`` behind a read buffer, as containers hand member streams to readers."""
    return io.BufferedReader(raw, buffer_size=1 << 16)


def safe_name(name: str) -> str | None:
    """The member name with ``/`` separators, or None when it could escape a folder."""
    name = name.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name) or "\x00" in name:
        return None
    if any(part in ("", ".", "..") for part in name.split("/")):
        return None
    return name


_EOCD = struct.Struct("<4s4H2LH")  # the end of central directory record
_LOCATOR = struct.Struct("<4sLQL")  # the zip64 end of central directory locator
_EOCD64 = struct.Struct("<4sQ2H2L4Q")  # the zip64 end of central directory record
_ENTRY_MAX = 46 + 3 * 0xFFFF  # a central directory entry: fixed part and three 64 KiB fields


def check_directory(handle: IO[bytes], limits: Limits, source: str) -> None:
    """Refuse an archive whose end record lists more than ``max_members`` entries (folders
    included), or a central directory too large for the entries it lists, before Python's
    zipfile builds one object per entry (a million-entry directory takes it seconds and
    hundreds of MB). Leaves the handle's position where it was; finding no end record is
    left to zipfile to report."""
    start = handle.tell()
    try:
        size = handle.seek(0, io.SEEK_END)
        tail_at = max(0, size - (_EOCD.size + 0xFFFF))
        handle.seek(tail_at)
        tail = handle.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < _EOCD.size:
            return
        _, _, _, _, entries, directory, _, _ = _EOCD.unpack_from(tail, at)
        locator = at - _LOCATOR.size
        if locator >= 0 and tail[locator:locator + 4] == b"PK\x06\x07":
            where = _LOCATOR.unpack_from(tail, locator)[2]
            handle.seek(min(where, size))
            record = handle.read(_EOCD64.size)
            if len(record) == _EOCD64.size and record[:4] == b"PK\x06\x06":
                fields = _EOCD64.unpack(record)
                entries, directory = fields[7], fields[8]
    finally:
        handle.seek(start)
    if entries > limits.max_members:
        raise LimitExceeded(f"the zip directory lists {entries} entries, more than "
                            f"max_members={limits.max_members}", source=source)
    if directory > entries * _ENTRY_MAX:
        raise LimitExceeded(f"the zip directory of {directory} bytes holds more than the "
                            f"{entries} entries it lists", source=source)


def check_entries(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits,
                  source: str) -> None:
    """Refuse an archive with too many members or with entries whose bytes overlap."""
    files = [i for i in infos if not i.filename.endswith("/")]
    if len(files) > limits.max_members:
        raise LimitExceeded(
            f"{len(files)} members exceed max_members={limits.max_members}",
            source=source,
        )
    # Each entry's local header and data must lie before the next entry's header
    # and before the central directory; an overlap is how a small archive declares
    # the same compressed bytes many times over.
    end = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        if info.header_offset < 0:
            raise ParseError(f"not a readable zip archive: entry {info.filename!r} starts "
                             "before the archive", source=source)
        if info.header_offset < end:
            raise LimitExceeded(
                f"zip entries overlap at byte {info.header_offset} ({info.filename!r})",
                source=source,
            )
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        try:
            name_size = len(info.orig_filename.encode(encoding))
        except UnicodeEncodeError:
            name_size = len(info.orig_filename.encode("utf-8"))
        end = info.header_offset + 30 + name_size + info.compress_size
    start_dir = getattr(archive, "start_dir", None)
    if isinstance(start_dir, int) and end > start_dir:
        raise LimitExceeded("zip entry data overlaps the central directory", source=source)

