"""Reading JSON out of container members, record by record, in bounded memory.

Readers use these functions and nothing else to decode JSON, so that
streaming, limits and error positions are handled in one place:

``iter_array(container, member, ctx, prefix=b"", schema=None)``
    the items of a top-level JSON array (after an optional JavaScript prefix
    such as ``window.YTD.tweets.part0 =``: bytes up to the first ``[`` are
    skipped), as ``(index, item)`` pairs;
``iter_items(container, member, ctx, path, schema=None)``
    the items of the array at ``path`` (e.g. ``"orderedItems"``) inside a
    top-level object, as ``(index, item)`` pairs; with duplicate keys, every
    occurrence is read, and numbering goes on across them;
``iter_lines(container, member, ctx)``
    the values of a JSON Lines member, as ``(line index, value)`` pairs;
``load(container, member, ctx)``
    a whole document of at most ``max_record_bytes``.

How it streams: a small scanner (:mod:`engagekit.sources._engine.scan`) walks the
member in 1 MiB chunks, finds where each array item begins and ends (skipping
over strings, counting brackets, enforcing ``max_depth`` and
``max_record_bytes``) and hands each item's bytes to orjson. Exports written
with indentation (Instagram, Facebook, Twitter archives) take a faster path:
once an item has been scanned, the indentation of its closing line is known,
and the next item is taken to end at the first line break followed by that
indentation and its closing bracket, which orjson's strict decoding of exactly
those bytes confirms; a miss falls back to the scanner, which learns the
indentation again. With a ``schema`` (a msgspec Struct, see
:mod:`engagekit.sources._engine.typed`), object items that fit it are decoded into
it, whole runs of indented items in one call; the others as plain values.

Errors: a record that does not decode (invalid UTF-8, a bad escape) goes to
``ctx.fail`` with its index and byte offset, and reading goes on, since the
scanner knows where the next record starts. A structural error (truncation,
garbage between items, a missing array) goes to ``ctx.fail`` and ends the
member: nothing after it can be trusted. :class:`~engagekit.errors.LimitExceeded`
always propagates. A ``\\ud800``-style escape of a lone surrogate is decoded as
U+FFFD and counted in ``ctx.repaired["lone-surrogate"]``.

>>> import io
>>> from engagekit.sources._engine.containers import FileContainer
>>> from engagekit.sources._engine.base import Context, Limits
>>> doc = io.BytesIO(b'{"orderedItems": [], "orderedItems": [{"id": 1}, {"id": 2}]}')
>>> list(iter_items(FileContainer(doc, Limits()), "<stream>", Context(), "orderedItems"))
[(0, {'id': 1}), (1, {'id': 2})]
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from typing import Any

import msgspec
import orjson

from engagekit.errors import LimitExceeded, ParseError
from engagekit.sources._engine.base import Container, Context
from engagekit.sources._engine.scan import (
    BOM,
    COLON,
    COMMA,
    LBRACE,
    LBRACKET,
    OPEN,
    RBRACE,
    RBRACKET,
    Stream,
    begin_document,
    check_encoding,
    end_document,
    read_key,
    scan_container,
    scan_scalar,
    show_byte,
    skip_value,
)
from engagekit.sources._engine.typed import Typed, runs
from engagekit.sources._engine.typed import typed as typed_for

__all__ = ["iter_array", "iter_items", "iter_lines", "load"]

_INDENT = re.compile(rb"\n[ \t]*+\Z")  # a closing bracket's own line, up to the bracket
#: Escaped backslashes, surrogate pairs, and lone surrogates (the third group).
_SURROGATES = re.compile(
    rb"(\\\\)|(\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(\\u[dD][89a-fA-F][0-9a-fA-F]{2})"
)

Items = Generator[tuple[int, Any], None, int]


def _repair(data: bytes) -> tuple[bytes, int]:
    """``data`` with every lone surrogate escape replaced by ``\\ufffd``, and how many."""
    count = 0

    def fix(m: re.Match[bytes]) -> bytes:
        nonlocal count
        if m.group(3) is None:
            return m.group(0)
        count += 1
        return rb"\ufffd"

    return _SURROGATES.sub(fix, data), count


def _depth(value: Any) -> int:
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        children = node.values() if type(node) is dict else node
        stack.extend((c, level + 1) for c in children if type(c) in (dict, list))
    return deepest


def _decode(data: bytes, ctx: Context, label: str, record: int | None, offset: int) -> Any:
    """Decode one record or raise a ParseError (lone surrogates repaired and counted)."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        fixed, count = _repair(data) if b"\\u" in data else (data, 0)
        if count:
            try:
                value = orjson.loads(fixed)
            except orjson.JSONDecodeError:
                pass
            else:
                ctx.repair("lone-surrogate", count)
                return value
        if any(word in str(exc).lower() for word in ("recursion", "depth limit")):  # orjson's
            raise LimitExceeded(f"JSON nested too deeply in the record at byte {offset}",
                                source=label, record=record) from None
        where = "" if offset == 0 and record is None else f" (record at byte {offset})"
        raise ParseError(f"invalid JSON{where}: {exc}", source=label, record=record) from None


def _check_depth(data: bytes, value: Any, ctx: Context, label: str, record: int | None,
                 depth: int) -> None:
    """Raise LimitExceeded when ``value``, ``depth`` levels down, nests past max_depth."""
    budget = ctx.limits.max_depth - depth
    if data.count(b"[") + data.count(b"{") > budget and _depth(value) > budget:
        raise LimitExceeded(f"JSON nested deeper than max_depth={ctx.limits.max_depth}",
                            source=label, record=record)


def _pretty(s: Stream, start: int, needle: bytes, typed: Typed | None,
            budget: int) -> tuple[int, Any]:
    """Where the item at ``start`` ends by its indentation, and its value; (-1, None) on a miss."""
    end = s.buf.find(needle, start)
    if end < 0:
        return -1, None
    end += len(needle)
    data = s.buf[start:end]
    if typed is not None:
        value = typed.one(data, budget)
        if value is not None:
            return end, value
    try:
        return end, orjson.loads(data)
    except orjson.JSONDecodeError:
        return -1, None


def _items(s: Stream, ctx: Context, depth: int, index: int, typed: Typed | None = None) -> Items:
    """The items of the array whose ``[`` was just consumed; returns the next index.

    With ``typed``, objects are decoded into its schema where they fit (whole
    runs of a pretty-printed array at once) and into dicts where they do not.
    """
    max_depth = ctx.limits.max_depth
    budget = max_depth - depth
    schema = None if typed is None else typed.schema
    if s.peek() == RBRACKET:
        s.pos += 1
        return index
    indent: bytes | None = None  # learned from the closing line of the item before
    hold_off = 0  # items to take one by one after a run that did not decode
    while True:
        c = s.peek()
        if c < 0:
            raise s.error("truncated JSON: unclosed array")
        if hold_off:
            hold_off -= 1
        elif typed is not None and indent is not None and c == LBRACE:
            spans = runs(s.buf, s.pos, indent + b"}", s.limit, budget)
            values = typed.many(s.buf, spans) if len(spans) > 1 else None
            if values is not None:
                for value in values:
                    yield index, value
                    index += 1
                s.pos = spans[-1][1]
                if _after_item(s, index):
                    return index
                continue
            hold_off = max(len(spans) - 1, 0)
        start = s.pos
        offset = s.base + start
        try:
            end, value = -1, None
            if c in OPEN:
                if indent is not None:
                    needle = indent + (b"}" if c == LBRACE else b"]")
                    end, value = _pretty(s, start, needle, typed if c == LBRACE else None, budget)
                s.mark = start
                if end >= 0:
                    s.pos = end
                    data = s.buf[start:end]
                else:
                    scan_container(s, depth, max_depth)
                    data = s.buf[s.mark:s.pos]
                    line = _INDENT.search(data, max(0, len(data) - 65), len(data) - 1)
                    indent = None if line is None else line.group()
                if len(data) > s.limit:
                    raise LimitExceeded(f"a record longer than max_record_bytes={s.limit}",
                                        source=s.label, record=index)
            else:
                s.mark = start
                scan_scalar(s)
                data = s.buf[s.mark:s.pos]
            try:
                if end < 0 and typed is not None and c == LBRACE:
                    value = typed.one(data, budget)
                if end < 0 and type(value) is not schema:
                    value = _decode(data, ctx, s.label, index, offset)
                if type(value) is not schema:
                    _check_depth(data, value, ctx, s.label, index, depth)
            except ParseError as err:
                ctx.fail(err)
            else:
                yield index, value
        finally:
            s.mark = -1
        index += 1
        if _after_item(s, index):
            return index


def _after_item(s: Stream, index: int) -> bool:
    """Move past the ``,`` after an item (False) or the array's closing ``]`` (True)."""
    c = s.peek()
    if c == COMMA:
        s.pos += 1
        if s.peek() == RBRACKET:
            raise s.error("trailing comma in array", index)
        return False
    if c == RBRACKET:
        s.pos += 1
        return True
    raise s.error(f"expected ',' or ']' after record {index - 1}, got {show_byte(c)}")


def _walk(s: Stream, ctx: Context, keys: list[str], depth: int, index: int, path: str,
          typed: Typed | None) -> Generator[tuple[int, Any], None, tuple[bool, int]]:
    """Read the object whose ``{`` was just consumed, yielding items under ``keys``."""
    found = False
    if s.peek() == RBRACE:
        s.pos += 1
        return found, index
    while True:
        key = read_key(s)
        s.expect(COLON, "':'")
        c = s.peek()
        if c < 0:
            raise s.error("truncated JSON: missing value")
        if key != keys[0]:
            skip_value(s, depth, ctx.limits.max_depth)
        elif len(keys) == 1:
            if c != LBRACKET:
                raise ParseError(f"expected an array, got {show_byte(c)}", source=s.label,
                                 path=path)
            s.pos += 1
            index = yield from _items(s, ctx, depth + 1, index, typed)
            found = True
        elif c == LBRACE:
            s.pos += 1
            inner, index = yield from _walk(s, ctx, keys[1:], depth + 1, index, path, typed)
            found = found or inner
        else:
            skip_value(s, depth, ctx.limits.max_depth)
        c = s.peek()
        if c == COMMA:
            s.pos += 1
        elif c == RBRACE:
            s.pos += 1
            return found, index
        else:
            raise s.error(f"expected ',' or '}}' in an object, got {show_byte(c)}")


def _part(ctx: Context) -> Any:
    """The part of a source that one engagekit.dask task reads, or None (all of it).

    A worker's context carries it (see :mod:`engagekit.sources._engine.ranges`): it
    may take over an array member (returning the items of its byte window, or
    none), and says which other members are streamed at all.
    """
    return ctx.part


def _guarded(run: Iterator[tuple[int, Any]], ctx: Context) -> Iterator[tuple[int, Any]]:
    try:
        yield from run
    except ParseError as err:
        ctx.fail(err)  # the member ends here; the reader goes on with the next one


def iter_array(
    container: Container,
    member: str,
    ctx: Context,
    *,
    prefix: bytes = b"",
    schema: type[msgspec.Struct] | None = None,
) -> Iterator[tuple[int, Any]]:
    """The items of the top-level array of ``member``, after an optional JS ``prefix``.

    With ``schema``, an object item that fits it is decoded into it (see
    :mod:`engagekit.sources._engine.typed`); every other item as plain JSON values.
    """
    typed = None if schema is None else typed_for(schema)
    part = _part(ctx)
    if part is not None:
        taken: Iterator[tuple[int, Any]] | None = part.array(container, member, ctx, prefix,
                                                             typed)
        if taken is not None:
            return taken

    def run() -> Iterator[tuple[int, Any]]:
        with container.open(member) as handle:
            s = Stream(handle, container.label(member), ctx.limits)
            begin_document(s, prefix)
            s.expect(LBRACKET, "a JSON array")
            yield from _items(s, ctx, 1, 0, typed)
            end_document(s, semicolon=bool(prefix))

    return _guarded(run(), ctx)


def iter_items(
    container: Container,
    member: str,
    ctx: Context,
    path: str,
    *,
    schema: type[msgspec.Struct] | None = None,
) -> Iterator[tuple[int, Any]]:
    """The items of the array at ``path`` (dot-separated keys) in a top-level object.

    ``schema`` is as for :func:`iter_array`.
    """
    where = f"$.{path}"
    typed = None if schema is None else typed_for(schema)
    part = _part(ctx)
    if part is not None and not part.streams(member):
        return iter(())

    def run() -> Iterator[tuple[int, Any]]:
        with container.open(member) as handle:
            s = Stream(handle, container.label(member), ctx.limits)
            begin_document(s, b"")
            s.expect(LBRACE, "a JSON object")
            found, _ = yield from _walk(s, ctx, path.split("."), 1, 0, where, typed)
            end_document(s, semicolon=False)
            if not found:
                raise ParseError("expected an array, found none", source=s.label, path=where)

    return _guarded(run(), ctx)


def iter_lines(container: Container, member: str, ctx: Context) -> Iterator[tuple[int, Any]]:
    """The JSON values of a JSON Lines member, blank lines passed over."""
    part = _part(ctx)
    if part is not None and not part.streams(member):
        return
    label = container.label(member)
    limit = ctx.limits.max_record_bytes
    with container.open(member) as handle:
        index = -1
        offset = 0
        while True:
            line = handle.readline(limit + 1)
            if not line:
                return
            if offset == 0:
                check_encoding(line[:4], label)
                line = line.removeprefix(BOM)
            if len(line) > limit and not line.endswith(b"\n"):
                raise LimitExceeded(f"a line longer than max_record_bytes={limit} "
                                    f"starts at byte {offset}", source=label, record=index + 1)
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            index += 1
            try:
                value = _decode(line, ctx, label, index, start)
                _check_depth(line, value, ctx, label, index, 0)
            except ParseError as err:
                ctx.fail(err)
                continue
            yield index, value


def load(container: Container, member: str, ctx: Context, *, prefix: bytes = b"") -> Any:
    """Decode a whole member of at most ``max_record_bytes``.

    With ``prefix``, the member is a JavaScript assignment such as
    ``window.YTD.account.part0 = [...]``: what precedes the first ``[`` or
    ``{`` must start with ``prefix``, and a final ``;`` is allowed.
    """
    label = container.label(member)
    limit = ctx.limits.max_record_bytes
    with container.open(member) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise LimitExceeded(f"a document larger than max_record_bytes={limit}", source=label)
    check_encoding(data[:4], label)
    if data.startswith(BOM):
        data = data[len(BOM):]
    if prefix:
        found = re.search(rb"[\[{]", data[:4096])
        if found is None or not data[: found.start()].lstrip().startswith(prefix):
            raise ParseError(f"expected {prefix.decode(errors='replace')!r} followed by JSON",
                             source=label)
        data = data[found.start():].rstrip()
        if data.endswith(b";"):
            data = data[:-1]
    value = _decode(data, ctx, label, None, 0)
    _check_depth(data, value, ctx, label, None, 0)
    return value
