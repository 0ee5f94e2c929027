"""engagekit's CSV, layout version 3: one row per post, every field kept.

The first column, ``engagekit``, holds the layout version (``3``) on every row; a layout 2
file (which has no ``repost_of`` column) reads the same way.
Then comes one column per attrs field of :class:`~engagekit.Post`, in field
order, derived from ``attrs.fields(Post)`` (a field added to ``Post`` gets a
column with no other edit), then a few derived columns for spreadsheet users,
which :func:`read_csv` ignores. :func:`csv_columns` describes every column.

>>> import io
>>> from datetime import datetime, timezone
>>> from engagekit.models import Hashtag, Post
>>> post = Post(id="1", platform="mastodon", text="Bike rodeo! #SafeStreets",
...             created_at=datetime(2023, 6, 3, 17, tzinfo=timezone.utc),
...             hashtags=[Hashtag(text="SafeStreets", start=12, end=24)])
>>> out = io.BytesIO()
>>> write_csv([post], out)
1
>>> header, row = out.getvalue().decode().splitlines()
>>> header[:58]
'engagekit,id,platform,created_at,text,author,officer,hasht'
>>> row[:89]
'3,1,mastodon,2023-06-03T17:00:00Z,Bike rodeo! #SafeStreets,,,"[{""text"":""SafeStreets"",'
>>> list(read_csv(io.BytesIO(out.getvalue()))) == [post]
True
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any

import attrs
import orjson

from engagekit.errors import ParseError
from engagekit.io._atomic import atomic_binary
from engagekit.io._converter import converter, structure
from engagekit.io._csv_columns import (
    COLUMNS,
    DERIVED,
    FIELD_COLUMNS,
    FIELDS,
    KNOWN,
    REQUIRED,
    CsvColumn,
    csv_columns,
)
from engagekit.models import Post

__all__ = [
    "COLUMNS",
    "CSV_VERSION",
    "CsvColumn",
    "csv_columns",
    "read_csv",
    "row_to_post",
    "write_csv",
]

#: The layout version, written in the ``engagekit`` column of every row. Layout 3 added
#: the ``repost_of`` column; a layout 2 file is read as a layout 3 file without it.
CSV_VERSION = 3
_READABLE = frozenset({"2", str(CSV_VERSION)})


# -- writing ---------------------------------------------------------------------------------

_JSON = orjson.OPT_UTC_Z
_dumps = orjson.dumps


def _text(value: Any) -> str:
    return str(value)


def _optional_text(value: Any) -> str:
    if value is None:
        return ""
    if not value or value[0] == '"':  # "" and text starting with a quote: a JSON string
        return _dumps(value).decode()
    return str(value)


def _enum(value: Any) -> str:
    return "" if value is None else str(value.value)


def _datetime(value: Any) -> str:
    if value is None:
        return ""
    text: str = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _json(value: Any) -> str:
    return "" if value is None else _dumps(value, option=_JSON).decode()


_ENCODERS: dict[str, Callable[[Any], str]] = {
    "text": _text, "optional text": _optional_text, "enum": _enum, "datetime": _datetime,
    "json": _json,
}


def _default_cell(field: attrs.Attribute[Any], column: CsvColumn) -> str:
    """The cell of a field the converter left out because it holds its default."""
    if column.kind == "json" or field.default is attrs.NOTHING:
        return ""  # an empty JSON cell reads back as the default
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()
    return _ENCODERS[column.kind](default)


_WRITERS: tuple[tuple[str, Callable[[Any], str], str], ...] = tuple(
    (f.name, _ENCODERS[c.kind], _default_cell(f, c))
    for f, c in zip(FIELDS, FIELD_COLUMNS, strict=True)
)
_DERIVE: tuple[Callable[[Post], str], ...] = tuple(fn for _, _, fn in DERIVED)

#: OWASP's formula triggers; a cell starting with one gets a leading apostrophe.
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\Z")


def _guard(cell: str) -> str:
    if cell.startswith(_TRIGGERS) and not _NUMBER.match(cell):
        return "'" + cell
    return cell


_ABSENT: Any = object()


def _too_long(row: list[str], count: int, limit: int) -> None:
    name, cell = next((n, c) for n, c in zip(COLUMNS, row, strict=True) if len(c) > limit)
    raise ValueError(f"item {count}: the {name!r} cell would hold {len(cell)} characters; CSV "
                     f"readers refuse cells over {limit} (csv.field_size_limit()), so the file "
                     "could not be read back: write JSONL instead")


def _rows(posts: Iterable[Post], counter: list[int], safe: bool) -> Iterator[list[str]]:
    unstructure = converter.get_unstructure_hook(Post)
    version = str(CSV_VERSION)
    writers, derive, absent = _WRITERS, _DERIVE, _ABSENT
    limit = csv.field_size_limit()
    for count, post in enumerate(posts):
        if type(post) is not Post:
            raise TypeError(f"item {count}: expected a Post, got {type(post).__name__}")
        get = unstructure(post).get
        row = [version, *[default if (value := get(name, absent)) is absent else encode(value)
                          for name, encode, default in writers],
               *[fn(post) for fn in derive]]
        if safe:
            row = [_guard(cell) for cell in row]
        if max(map(len, row)) > limit:
            _too_long(row, count, limit)
        counter[0] = count + 1
        yield row


Destination = str | os.PathLike[str] | IO[bytes]


def write_csv(posts: Iterable[Post], dest: Destination, *, spreadsheet_safe: bool = False) -> int:
    """Write ``posts`` as engagekit's CSV (layout 3); return how many rows were written.

    ``dest`` is a path, written atomically (a failure, even one raised by
    ``posts``, leaves any old file as it was), or a binary file object. Posts are
    written as they come, never held in memory. UTF-8, rows ended by CRLF.

    ``spreadsheet_safe=True`` is for files people open by double-clicking: it
    starts the file with a UTF-8 byte order mark, so Excel reads it as UTF-8,
    and puts an apostrophe before every cell that starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return (except plain numbers such as
    ``-92.27``), so no cell runs as a formula. Such a file is **not lossless**:
    guarded cells read back with their apostrophe.
    """
    if isinstance(dest, (str, os.PathLike)):
        with atomic_binary(dest) as handle:
            return _write(posts, handle, spreadsheet_safe)
    return _write(posts, dest, spreadsheet_safe)


def _write(posts: Iterable[Post], handle: IO[bytes], safe: bool) -> int:
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    counter = [0]
    try:
        if safe:
            text.write("\ufeff")
        out = csv.writer(text, lineterminator="\r\n")
        out.writerow(COLUMNS)
        out.writerows(_rows(posts, counter, safe))
        text.flush()
    finally:
        text.detach()
    return counter[0]


# -- reading ---------------------------------------------------------------------------------


def _read_optional_text(cell: str, name: str, source: str | None, record: int | None) -> Any:
    if cell[0] != '"':
        return cell
    value = _read_json(cell, name, source, record)
    if type(value) is not str:
        raise ParseError(f"expected a JSON string (the cell starts with '\"'), got {cell!r}",
                         source=source, record=record, path=f"$.{name}")
    return value


def _read_json(cell: str, name: str, source: str | None, record: int | None) -> Any:
    try:
        return orjson.loads(cell)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc} in {cell[:40]!r}", source=source, record=record,
                         path=f"$.{name}") from None


def _read_plain(cell: str, name: str, source: str | None, record: int | None) -> Any:
    return cell


_DECODERS: dict[str, Callable[[str, str, str | None, int | None], Any]] = {
    "text": _read_plain, "optional text": _read_optional_text, "enum": _read_plain,
    "datetime": _read_plain, "json": _read_json,
}

# name, decoder, what an empty cell means: "none", "empty" (the text ""), "default" or "required"
_READERS: tuple[tuple[str, Callable[[str, str, str | None, int | None], Any], str], ...] = tuple(
    (f.name, _DECODERS[c.kind],
     "none" if c.optional else "empty" if c.kind == "text"
     else "required" if f.default is attrs.NOTHING else "default")
    for f, c in zip(FIELDS, FIELD_COLUMNS, strict=True)
)


def _check_version(cell: str, source: str | None, record: int | None) -> None:
    value = cell.strip()
    if value in _READABLE:
        return
    if not (value.isascii() and value.isdigit()):
        message = f"expected the layout version {CSV_VERSION} in this column, got {cell!r}"
    elif int(value) > CSV_VERSION:
        message = (f"written with CSV layout version {int(value)}; this engagekit reads "
                   f"versions up to {CSV_VERSION} (upgrade engagekit)")
    else:
        message = (f"written with CSV layout version {int(value)}; read it with "
                   "engagekit.read_posts(), which reads every earlier layout")
    raise ParseError(message, source=source, record=record, path="$.engagekit")


def row_to_post(cells: Mapping[str, str], *, source: str | None = None,
                record: int | None = None) -> Post:
    """The post of one row, given as ``{column: cell}``; derived columns are ignored.

    A missing column takes the field's default (an error for ``id``,
    ``platform`` and ``created_at``). Errors are :class:`~engagekit.errors.ParseError`
    naming ``source``, ``record`` and the column as the first step of the path
    (``$.author.handle`` is the ``handle`` inside the ``author`` cell).
    """
    _check_version(cells.get("engagekit", ""), source, record)
    if not KNOWN.issuperset(cells):
        unknown = sorted(set(cells) - KNOWN)
        raise ParseError(f"unknown column(s) {', '.join(map(repr, unknown))}", source=source,
                         record=record, path=f"$[{unknown[0]!r}]")
    data: dict[str, Any] = {}
    for name, decode, empty in _READERS:
        cell = cells.get(name)
        if cell is None:
            continue
        if cell:
            data[name] = decode(cell, name, source, record)
        elif empty == "none":
            data[name] = None
        elif empty == "empty":
            data[name] = ""
        elif empty == "required":
            raise ParseError("required cell is empty", source=source, record=record,
                             path=f"$.{name}")
    return structure(data, Post, source=source, record=record)


Source = str | os.PathLike[str] | IO[bytes]


def read_csv(src: Source) -> Iterator[Post]:
    """Stream the posts of a file written by :func:`write_csv` (path or binary file object).

    A leading UTF-8 byte order mark is skipped. Derived columns are ignored.
    Errors are :class:`~engagekit.errors.ParseError` naming the file, the
    record (the 0-based index of the data row: the header row and blank lines
    are not counted) and the column; a file of a newer layout version is an
    error naming that version. Earlier layouts and other tools' CSVs are read
    by :func:`engagekit.read_posts`.
    """
    if isinstance(src, (str, os.PathLike)):
        return _read_path(os.fspath(src))
    return _read(src, getattr(src, "name", "<stream>"))


def _read_path(path: str) -> Iterator[Post]:
    with open(path, "rb") as handle:
        yield from _read(handle, path)


def _check_header(header: list[str], source: str) -> None:
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise ParseError(f"column {name!r} appears twice", source=source, path="$")
        seen.add(name)
        if name not in KNOWN:
            raise ParseError(f"unknown column {name!r}", source=source, path=f"$[{name!r}]")
    missing = sorted(REQUIRED - seen)
    if missing:
        raise ParseError(f"missing column(s) {', '.join(map(repr, missing))}", source=source,
                         path="$")


def _read(handle: IO[bytes], source: str) -> Iterator[Post]:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    record = -1
    try:
        reader = csv.reader(text, strict=True)
        header = next(reader, [])
        if not header or header[0] != "engagekit":
            raise ParseError("not engagekit's CSV: expected 'engagekit' as the first column, "
                             f"got {(header or [''])[0][:40]!r}", source=source, path="$")
        width = len(header)
        for cells in reader:
            if not cells:
                continue
            record += 1
            if record == 0:  # the version first: an older layout has other columns
                _check_version(cells[0], source, record)
                _check_header(header, source)
            if len(cells) != width:
                raise ParseError(f"expected {width} cells, got {len(cells)}", source=source,
                                 record=record)
            yield row_to_post(dict(zip(header, cells, strict=True)), source=source,
                              record=record)
        if record == -1:
            _check_header(header, source)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise ParseError(f"unreadable CSV after record {record}: {exc}", source=source,
                         record=record + 1) from None
    finally:
        text.detach()
