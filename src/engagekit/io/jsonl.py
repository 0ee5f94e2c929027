"""engagekit's JSON Lines files: a header line, then one record per line.

The header names the schema version and the record type, so a file can be
reloaded (and migrated) by any later engagekit::

    {"engagekit":2,"type":"Post"}
    {"id":"1","platform":"instagram",...}

Both functions stream: a million-line file is never held in memory.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import IO, Any, TypeVar, overload

import orjson

from engagekit.errors import ParseError
from engagekit.io._atomic import atomic_binary
from engagekit.io._converter import converter, to_parse_error
from engagekit.io._schema import SCHEMA_VERSION, migrate, type_for, type_name
from engagekit.models import Post

__all__ = ["read_jsonl", "write_jsonl"]

T = TypeVar("T")

Destination = str | os.PathLike[str] | IO[bytes]

_LINE = orjson.OPT_UTC_Z | orjson.OPT_APPEND_NEWLINE


def _write(items: Iterator[Any], cls: type[Any], out: IO[bytes]) -> int:
    name = type_name(cls)
    out.write(orjson.dumps({"engagekit": SCHEMA_VERSION, "type": name}, option=_LINE))
    unstructure = converter.get_unstructure_hook(cls)
    dumps = orjson.dumps
    count = 0
    for item in items:
        if type(item) is not cls:
            raise TypeError(f"item {count}: expected a {name}, got {type(item).__name__}")
        out.write(dumps(unstructure(item), option=_LINE))
        count += 1
    return count


def write_jsonl(items: Iterable[Any], dest: Destination, *, cls: type[Any] | None = None) -> int:
    """Write ``items`` (all of one model type) to ``dest``; return how many were written.

    ``dest`` is a path, written atomically (a failure leaves any old file as it
    was), or a binary file object. ``cls`` names the record type; by default it
    is the type of the first item, or :class:`~engagekit.Post` for no items.
    """
    iterator = iter(items)
    if cls is None:
        first = next(iterator, None)
        if first is not None:
            cls = type(first)
            iterator = chain((first,), iterator)
        else:
            cls = Post
    if isinstance(dest, (str, os.PathLike)):
        with atomic_binary(dest) as handle:
            return _write(iterator, cls, handle)
    return _write(iterator, cls, dest)


_BOM = b"\xef\xbb\xbf"


def _records(lines: Iterable[bytes], cls: type[T], source: str) -> Iterator[T]:
    numbered = enumerate(lines, start=1)
    header: Any = None
    for lineno, line in numbered:
        if lineno == 1 and line.startswith(_BOM):  # a UTF-8 BOM some editors add: not data
            line = line[len(_BOM):]
        if line.strip():
            header = _load_line(line, source, None)
            break
    else:
        raise ParseError("empty file: expected an engagekit JSONL header", source=source)
    if type(header) is not dict or set(header) != {"engagekit", "type"}:
        raise ParseError(
            'expected an engagekit JSONL header {"engagekit": version, "type": name}, '
            f"got {line[:60]!r}",
            source=source,
            path="$",
        )
    name = header["type"]
    if type_for(name, source=source) is not cls:
        raise ParseError(
            f"expected a file of {cls.__name__} records, got {name!r}", source=source, path="$.type"
        )
    version = header["engagekit"]
    migrate({}, name, version, source=source)  # reject unreadable versions before any record
    current = version == SCHEMA_VERSION
    hook = converter.get_structure_hook(cls)
    loads = orjson.loads
    record = -1
    for lineno, line in numbered:
        record += 1
        try:
            data = loads(line)
            if not current:
                data = migrate(data, name, version, source=source, record=record)
            item = hook(data, cls)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a positioned ParseError
            if not line.strip():
                record -= 1
                continue
            raise _record_error(exc, line, lineno, source, record) from None
        yield item


def _record_error(exc: Exception, line: bytes, lineno: int, source: str,
                  record: int) -> ParseError:
    if isinstance(exc, ParseError):
        return exc
    if isinstance(exc, orjson.JSONDecodeError):
        return ParseError(f"invalid JSON on line {lineno}: {exc}", source=source, record=record)
    if not line.lstrip().startswith(b"{"):
        return ParseError(f"expected an object on line {lineno}", source=source, record=record,
                          path="$")
    return to_parse_error(exc, source=source, record=record)


def _load_line(line: bytes, source: str, record: int | None) -> Any:
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc}", source=source, record=record) from None


Source = str | os.PathLike[str] | IO[bytes]


@overload
def read_jsonl(src: Source) -> Iterator[Post]: ...
@overload
def read_jsonl(src: Source, cls: type[T]) -> Iterator[T]: ...
def read_jsonl(src: Source, cls: type[Any] = Post) -> Iterator[Any]:
    """Stream the records of a file written by :func:`write_jsonl`.

    Errors are :class:`~engagekit.errors.ParseError` naming the file, the
    0-based record index and the JSON path of the first problem.
    """
    if isinstance(src, (str, os.PathLike)):
        return _read_path(os.fspath(src), cls)
    return _records(src, cls, getattr(src, "name", "<stream>"))


def _read_path(path: str, cls: type[T]) -> Iterator[T]:
    with open(path, "rb") as handle:
        yield from _records(handle, cls, path)
