"""Reading one source in parts: whole members, and byte windows of one large array member.

This is what :mod:`engagekit.dask` hands to its workers. A :class:`Part` is
run by the source's own reader, with a :class:`PartContext` that makes the
JSON layer (:func:`~engagekit.sources._engine.arrays.iter_array` and its siblings) read
only the part's share:

* a *pieces* part reads the array members it names, each whole or in one byte
  window, and nothing else reaches its output (no posts, skips, repairs or
  errors from anywhere else);
* the *rest* part reads everything the pieces parts do not.

Every event of a reading (a post, a skip, a repaired value, a failed record)
happens while exactly one part's gate is open, so the parts together give
exactly what one reading of the source gives.

Windows. The driver learns how the array's items are indented from the first
item (``\\n  }`` closes every item of a pretty-printed array, since a JSON
string cannot hold a raw line break), and cuts the member at nominal offsets.
The window starting near offset ``a`` begins after the first ``\\n  },`` at or
past ``a``; the window before it ends at that same place, where a ``]`` is put
in for the comma, so that the streaming reader ends the array there. The
reader then checks that the ``]`` closed the array exactly where it was put:
a run of items that fits together only if every window started on a record.
A file indented any other way fails loudly with :class:`SplitError`.

Record numbers. A window after the first does not know how many records come
before it. Nothing needs to until an error names a record; then the part is
read again with the count taken by scanning the member up to the window.
"""

from __future__ import annotations

import io
import math
import types
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, Literal

import attrs

from engagekit.errors import EngageKitError, LimitExceeded, ParseError
from engagekit.models import Post
from engagekit.sources._engine.arrays import _INDENT, _guarded, _items
from engagekit.sources._engine.base import (
    Container,
    Context,
    ErrorMode,
    Limits,
    ParseReport,
    Reader,
)
from engagekit.sources._engine.containers import open_container
from engagekit.sources._engine.run import run_reader as _run
from engagekit.sources._engine.scan import (
    COMMA,
    LBRACE,
    LBRACKET,
    OPEN,
    RBRACKET,
    Stream,
    begin_document,
    end_document,
    scan_container,
    scan_scalar,
)
from engagekit.sources._engine.typed import Typed

if TYPE_CHECKING:
    from engagekit.sources.roster import Roster

__all__ = ["Options", "Part", "Piece", "SplitError", "plan", "read_part"]

#: Formats whose posts each come from one array record, read independently of the others.
SPLITTABLE = frozenset({"instagram", "facebook", "twitter-archive"})
_RAW = 1 << 22  # bytes read at a time while looking for a window's start
_HEAD = 1 << 16  # bytes of a member looked at to learn its indentation
_SMALLEST = 64  # bytes of the smallest window, whatever partition_bytes says


class SplitError(EngageKitError):
    """A member read in byte windows did not come apart on record boundaries.

    Raised when a window does not end where its ``]`` was put (the member is
    not indented the same way throughout), or when a structural error (a
    truncation, bytes between records) is met in a window that is not the
    member's last while errors are skipped: one reading ends the member there,
    which parts read at the same time cannot do. Read the source whole
    (``partition_bytes=None``) to get the single-process behaviour.
    """


@attrs.frozen(kw_only=True)
class Piece:
    """An array member, whole (``count == 1``) or window ``index`` of ``count``."""

    member: str
    index: int = 0
    count: int = 1
    size: int = 0
    needle: bytes = b""

    @property
    def start(self) -> int:
        """The nominal offset the window starts at (0 for the first)."""
        return self.size * self.index // self.count

    @property
    def stop(self) -> int | None:
        """The nominal offset the next window starts at, or None for the last."""
        return None if self.index + 1 == self.count else self.size * (self.index + 1) // self.count


@attrs.frozen(kw_only=True)
class Part:
    """What one task reads: the ``pieces`` of ``source``, or (none given) all but ``taken``.

    ``format`` names a built-in reader (a module, which cannot be pickled, so it is
    named) or is the reader object itself (a user's reader, such as a ``CsvReader``).
    """

    source: str
    format: str | Reader
    pieces: tuple[Piece, ...] = ()
    taken: frozenset[str] = frozenset()

    @property
    def whole(self) -> bool:
        """Whether this part is the whole source (nothing of it is read elsewhere)."""
        return not self.pieces and not self.taken


@attrs.frozen(kw_only=True)
class Options:
    """The reading options every part of one reading shares."""

    errors: ErrorMode = "raise"
    include_private: bool = False
    include_reposts: bool = False
    roster: Roster | None = None
    limits: Limits = attrs.field(factory=Limits)


class _NeedIndex(Exception):
    """A window needs its first record's number (an error names a record): read it again."""

    def __init__(self, member: str, index: int) -> None:
        super().__init__(member, index)
        self.key = (member, index)


# -- the window reader ----------------------------------------------------------------------


class _Cut:
    """The bytes of one window of a member, as a file-like object for :class:`Stream`.

    From the first ``needle`` at or after ``start`` (exclusive), up to the first
    one at or after ``stop``, whose comma becomes ``]``.
    """

    def __init__(self, handle: IO[bytes], needle: bytes, start: int, stop: int | None) -> None:
        self._handle = handle
        self._needle = needle
        self._stop = stop
        self._buf = b""
        self._at = 0  # member offset of _buf[0]
        self._final: bytes | None = None  # what is left to give once the end is known
        self.begin: int | None = 0  # member offset of the first byte given; None: no window
        self.end: int | None = None  # member offset just past the ``]`` put in, once known
        if start:
            self.begin = self._resync(start)
            if self.begin is not None and stop is not None and self.begin - len(needle) >= stop:
                self.begin = None  # the record that starts here starts past this window too

    def _fill(self) -> bool:
        data = self._handle.read(_RAW)
        if not data:
            return False
        self._buf = self._buf + data if self._buf else data
        return True

    def _resync(self, start: int) -> int | None:
        size = len(self._needle)
        while True:
            end = self._at + len(self._buf)
            if end > start:
                found = self._buf.find(self._needle, max(start - self._at, 0))
                if found >= 0:
                    found += size
                    self._buf = self._buf[found:]
                    self._at += found
                    return self._at
                drop = max(len(self._buf) - (size - 1), 0)
            else:
                drop = len(self._buf)
            self._buf = self._buf[drop:]
            self._at += drop
            if not self._fill():
                return None

    def read(self, size: int = -1) -> bytes:
        if self.begin is None:
            return b""
        if self._final is not None:
            out, self._final = self._final, b""
            return out
        needle = self._needle
        while True:
            stop = self._stop
            keep = 0
            if stop is not None and self._at + len(self._buf) > stop:
                found = self._buf.find(needle, max(stop - self._at, 0))
                if found >= 0:
                    cut = found + len(needle) - 1
                    self.end = self._at + cut + 1
                    out = self._buf[:cut] + b"]"
                    self._buf, self._final = b"", b""
                    return out
                keep = len(needle) - 1  # the start of a needle that goes on in the next chunk
            safe = len(self._buf) - keep
            if safe > 0:
                out = self._buf[:safe]
                self._buf = self._buf[safe:]
                self._at += safe
                return out
            if not self._fill():
                self._stop = None  # no record starts past stop: this window runs to the end
                out, self._buf = self._buf, b""
                self._at += len(out)
                return out


# -- the gate --------------------------------------------------------------------------------


class PartContext(Context):
    """A :class:`Context` whose counts and posts are only those of one part's share.

    ``mode`` is ``"survey"`` (the driver's dry run: nothing is streamed, array
    members are noted in reading order), ``"pieces"`` or ``"rest"``.
    """

    def __init__(self, part: Part | None, mode: Literal["survey", "pieces", "rest"], *,
                 bases: dict[tuple[str, int], int] | None = None, **options: Any) -> None:
        super().__init__(**options)
        self.part = _Selection(self, part, mode)
        self.open = mode == "rest"
        self.bases = bases if bases is not None else {}
        self.window: tuple[str, int] | None = None  # (member, index) of the window being read
        self.arrays: list[tuple[str, bytes]] = []  # survey: array members, in reading order

    def fail(self, error: ParseError) -> None:
        if not self.open:
            return  # another part counts it
        window = self.window
        if (self.errors_mode == "raise" and window is not None and window[1]
                and window not in self.bases):
            raise _NeedIndex(*window)  # skipping needs no number; collecting has them all
        super().fail(error)

    def skip(self, reason: str, count: int = 1) -> None:
        if self.open:
            super().skip(reason, count)

    def repair(self, reason: str, count: int = 1) -> None:
        if self.open:
            super().repair(reason, count)

    def admit(self, post: Post) -> Post | None:
        return super().admit(post) if self.open else None


class _Selection:
    """What the JSON layer asks a :class:`PartContext` (see ``_json._part``)."""

    def __init__(self, ctx: PartContext, part: Part | None, mode: str) -> None:
        self._ctx = ctx
        self._mode = mode
        self._pieces = {} if part is None else {p.member: p for p in part.pieces}
        self._taken = frozenset() if part is None else part.taken

    def streams(self, member: str) -> bool:
        return self._mode == "rest"

    def array(self, container: Container, member: str, ctx: Context, prefix: bytes,
              typed: Typed | None) -> Iterator[tuple[int, Any]] | None:
        if self._mode == "survey":
            self._ctx.arrays.append((member, prefix))
            return iter(())
        if self._mode == "rest":
            return iter(()) if member in self._taken else None
        piece = self._pieces.get(member)
        if piece is None:
            return iter(())
        return _gated(self._ctx, piece,
                      _guarded(_window(container, piece, self._ctx, prefix, typed), ctx))


def _gated(ctx: PartContext, piece: Piece,
           items: Iterator[tuple[int, Any]]) -> Iterator[tuple[int, Any]]:
    """``items`` with the gate open while they are read (their posts are this part's)."""
    ctx.open = True
    ctx.window = (piece.member, piece.index)
    try:
        yield from items
    except LimitExceeded:
        if piece.index and (piece.member, piece.index) not in ctx.bases:
            raise _NeedIndex(piece.member, piece.index) from None
        raise
    finally:
        ctx.open = False
        ctx.window = None


def _window(container: Container, piece: Piece, ctx: PartContext, prefix: bytes,
            typed: Typed | None) -> Iterator[tuple[int, Any]]:
    """The items of one window of an array member, numbered as in the whole member."""
    label = container.label(piece.member)
    with container.open(piece.member) as handle:
        cut = _Cut(handle, piece.needle, piece.start, piece.stop) if piece.count > 1 else None
        s = Stream(handle if cut is None else cut, label, ctx.limits)  # type: ignore[arg-type]
        if cut is None or cut.begin == 0:
            begin_document(s, prefix)
            s.expect(LBRACKET, "a JSON array")
            first = 0
        elif cut.begin is None:
            return  # no record starts in this window
        else:
            s.base = cut.begin
            first = ctx.bases.get((piece.member, piece.index), 0)
        try:
            yield from _items(s, ctx, 1, first, typed)
        except ParseError as err:
            if cut is None or cut.end is None:
                raise
            if s.base + s.pos >= cut.end:
                raise _broken(label, cut.end) from None
            if ctx.errors_mode != "raise":
                raise SplitError(
                    f"{err} (a structural error ends the member, which a part other than its "
                    "last cannot do: read this source with partition_bytes=None)"
                ) from err
            raise
        if cut is not None and cut.end is not None:
            if s.base + s.pos != cut.end or s.peek() >= 0:
                raise _broken(label, cut.end)
        else:
            end_document(s, semicolon=bool(prefix))


def _broken(label: str, end: int) -> SplitError:
    return SplitError(
        f"{label}: cannot read in parts: no record ends at byte {end - 1}, where a window was "
        "cut (its records are not all indented alike); read it with partition_bytes=None"
    )


def _count_before(source: str, piece: Piece, limits: Limits) -> int:
    """How many records of ``piece.member`` come before the piece's window (a full scan)."""
    with open_container(source, limits) as container:
        label = container.label(piece.member)
        with container.open(piece.member) as handle:
            cut = _Cut(handle, piece.needle, 0, piece.start)
            s = Stream(cut, label, limits)  # type: ignore[arg-type]
            try:
                s.more()
                s.pos = max(s.buf.find(b"["), 0)  # past a JS prefix, which window 0 checks
                s.expect(LBRACKET, "a JSON array")
                count = 0
                if s.peek() == RBRACKET:
                    return 0
                while True:
                    if s.peek() in OPEN:
                        scan_container(s, 1, limits.max_depth)
                    else:
                        scan_scalar(s)
                    count += 1
                    c = s.peek()
                    s.pos += 1
                    if c == RBRACKET:
                        return count
                    if c != COMMA:
                        raise s.error("expected ',' or ']'")
            except ParseError as err:
                raise SplitError(f"{label}: an earlier window of the member failed: {err}") from err


# -- the driver's plan and the worker's reading ----------------------------------------------


def _needle(container: Container, member: str, limits: Limits) -> bytes | None:
    """``\\n<indent>},``, which ends every item but the last of a pretty-printed array; or None."""
    head = container.head(member, _HEAD)
    start = head.find(b"[", 0, 4096)
    if start < 0:
        return None
    s = Stream(io.BytesIO(head), container.label(member), limits)
    s.more()
    s.pos = start + 1
    try:
        if s.peek() != LBRACE:
            return None
        s.mark = s.pos
        scan_container(s, 1, limits.max_depth)
    except ParseError:
        return None  # the first item is longer than the head, or not JSON
    data = s.buf[s.mark:s.pos]
    line = _INDENT.search(data, max(0, len(data) - 65), len(data) - 1)
    if line is None or s.buf[s.pos:s.pos + 1] != bytes([COMMA]):
        return None
    return line.group() + b"},"


def _survey(container: Container, reader: Reader, options: Options) -> list[tuple[str, bytes]]:
    ctx = PartContext(None, "survey", errors=options.errors, limits=options.limits,
                      include_private=options.include_private,
                      include_reposts=options.include_reposts, roster=options.roster)
    for _ in _run(reader, container, ctx):
        pass  # nothing is admitted in a survey
    return ctx.arrays


def plan(source: str, reader: Reader, options: Options,
         partition_bytes: int | None) -> list[Part]:
    """The parts of one export ``reader`` reads in ``source``: windows and groups of its
    array members, then the rest.

    Raises at once for a problem with the source as a whole (missing, unreadable),
    as :func:`~engagekit.sources.read_posts` does.
    """
    limits = options.limits
    container = open_container(source, limits)
    try:
        chosen: str | Reader = reader.FORMAT if isinstance(reader, types.ModuleType) else reader
        if partition_bytes is None or reader.FORMAT not in SPLITTABLE:
            return [Part(source=source, format=chosen)]
        arrays = _survey(container, reader, options)  # which closes the container
        container = open_container(source, limits)
        names = [member for member, _ in arrays]
        sizes = {m: container.size(m) for m in names}
        total = sum(size or 0 for size in sizes.values())
        if (len(set(names)) != len(names) or not names or total > limits.max_total_bytes
                or any(size is None or size > limits.max_member_bytes
                       for size in sizes.values())):
            return [Part(source=source, format=chosen)]
        parts: list[Part] = []
        group: list[Piece] = []
        grouped = 0
        for member in names:
            size = sizes[member] or 0
            count = max(1, min(math.ceil(size / partition_bytes), size // _SMALLEST))
            needle = _needle(container, member, limits) if count > 1 else None
            if needle is None:
                group.append(Piece(member=member, size=size))
                grouped += size
                if grouped >= partition_bytes:
                    parts.append(Part(source=source, format=chosen, pieces=tuple(group)))
                    group, grouped = [], 0
                continue
            if group:
                parts.append(Part(source=source, format=chosen, pieces=tuple(group)))
                group, grouped = [], 0
            parts.extend(
                Part(source=source, format=chosen, pieces=(
                    Piece(member=member, index=k, count=count, size=size, needle=needle),))
                for k in range(count)
            )
        if group:
            parts.append(Part(source=source, format=chosen, pieces=tuple(group)))
        if len(parts) == 1:
            return [Part(source=source, format=chosen)]  # nothing is gained by a survey's plan
        parts.append(Part(source=source, format=chosen, taken=frozenset(names)))
        return parts
    finally:
        container.close()


def read_part(part: Part, reader: Reader, options: Options,
              report: ParseReport | None = None) -> Iterator[Post]:
    """The posts of one part read by ``reader`` (the one ``part.format`` names), streamed;
    ``report`` gets its errors, skips and repairs at the end.

    When an error (or a limit) names a record in a window whose first record
    number is not known, the part is read again with the number counted: the
    error is then raised, numbered as in one reading of the member. Whatever
    was yielded before is part of a task that fails. With ``errors="collect"``
    the numbers are counted before reading, since every error is kept.
    """
    bases: dict[tuple[str, int], int] = {}
    if options.errors == "collect":
        for piece in part.pieces:
            if piece.index:
                bases[piece.member, piece.index] = _count_before(part.source, piece,
                                                                 options.limits)
    common: dict[str, Any] = {"errors": options.errors, "include_private":
                              options.include_private, "include_reposts":
                              options.include_reposts, "roster": options.roster,
                              "limits": options.limits}
    while True:
        ctx = (Context(**common) if part.whole else
               PartContext(part, "pieces" if part.pieces else "rest", bases=bases, **common))
        container = open_container(part.source, options.limits)
        try:
            yield from _run(reader, container, ctx)
        except _NeedIndex as need:
            piece = next(p for p in part.pieces if (p.member, p.index) == need.key)
            bases[need.key] = _count_before(part.source, piece, options.limits)
            continue
        finally:
            container.close()
        if report is not None:
            report.errors.extend(ctx.errors)
            report.skipped.update(ctx.skipped)
            report.repaired.update(ctx.repaired)
            report.format = reader.FORMAT
        return
