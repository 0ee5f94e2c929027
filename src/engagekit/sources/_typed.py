"""Typed decoding: records straight into msgspec Structs that name only what a reader uses.

Decoding a record into plain dicts builds every key and value of it, read or
not; an export's records carry many fields engagekit has no use for (backup
URLs, edit metadata, client names). A reader that declares the fields it
reads as a ``msgspec.Struct`` schema gets them decoded and type-checked in C,
with the rest skipped over (but still checked to be well-formed JSON).

The typed path is optimistic, like the readers' fast paths: :meth:`Typed.one`
and :meth:`Typed.many` return ``None`` whenever they are unsure (a value of an
unexpected type, a byte that is not UTF-8 anywhere in the record, a record
with enough brackets to be nested past ``max_depth``, any decoding error), and
the caller then decodes the record into dicts as before, where every check
and error message lives. So a typed record is always one the dict path would
have accepted too.

>>> import msgspec
>>> class Item(msgspec.Struct):
...     id: int
>>> typed = Typed(Item)
>>> typed.one(b'{"id": 1, "unused": [true]}', 8), typed.one(b'{"id": "1"}', 8)
(Item(id=1), None)
>>> buf = b'[\\n  {\\n    "id": 1\\n  },\\n  {\\n    "id": 2\\n  }\\n]'
>>> spans = runs(buf, 4, b"\\n  }", 1 << 20, 8)
>>> spans, typed.many(buf, spans)
([(4, 21), (25, 42)], [Item(id=1), Item(id=2)])
"""

from __future__ import annotations

import codecs
import functools
import re
from typing import Any

import msgspec

__all__ = ["Typed", "runs", "shallow", "typed"]

_FAILURES = (msgspec.MsgspecError, ValueError, RecursionError, OverflowError)


@functools.lru_cache(maxsize=16)
def _ends(needle: bytes) -> re.Pattern[bytes]:
    """An item's closing line, and the ``,`` before the next item's ``{`` if one follows."""
    return re.compile(re.escape(needle) + rb"([ \t\r\n]*+,[ \t\r\n]*+(?=\{))?")


def runs(buf: bytes, start: int, needle: bytes, limit: int,
         budget: int) -> list[tuple[int, int]]:
    """Consecutive objects of a pretty-printed array from ``start``, each ending at ``needle``.

    ``needle`` is a line break, the indentation of the array's items and ``}``:
    JSON strings cannot hold a raw line break, so it is always structure. Only
    objects wholly inside ``buf``, at most ``limit`` bytes long and
    :func:`shallow` for ``budget`` are taken. The spans are a guess that
    decoding them confirms.
    """
    found: list[tuple[int, int]] = []
    pos, size = start, len(needle)
    count = buf.count
    for match in _ends(needle).finditer(buf, start):
        end = match.start() + size
        if end - pos > limit or count(b"{", pos, end) + count(b"[", pos, end) > budget:
            break
        found.append((pos, end))
        if match.group(1) is None:
            break
        pos = match.end()
    return found


def shallow(buf: bytes, start: int, end: int, budget: int) -> bool:
    """Whether ``buf[start:end]`` has at most ``budget`` opening brackets and braces.

    More nesting than that needs more of them, so True means the value nests at
    most ``budget`` levels (brackets inside strings only make it say False more
    often). The dict path makes the same test before it measures the real depth.
    """
    return buf.count(b"{", start, end) + buf.count(b"[", start, end) <= budget


class Typed:
    """Decoders of one record schema and of a list of them."""

    __slots__ = ("_many", "_one", "schema")

    def __init__(self, schema: type[msgspec.Struct]) -> None:
        self.schema = schema
        self._one: msgspec.json.Decoder[Any] = msgspec.json.Decoder(schema)
        self._many: msgspec.json.Decoder[list[Any]] = msgspec.json.Decoder(
            list[schema]  # type: ignore[valid-type]
        )

    def one(self, data: bytes, budget: int) -> Any | None:
        """``data`` decoded into the schema, or None to decode it into dicts instead.

        ``budget`` is how many levels of nesting the record may still use.
        """
        if not shallow(data, 0, len(data), budget) or not _utf8(data):
            return None
        try:
            return self._one.decode(data)
        except _FAILURES:
            return None

    def many(self, buf: bytes, spans: list[tuple[int, int]]) -> list[Any] | None:
        """The records at ``spans`` of ``buf`` (found by :func:`runs`), or None if any is unsure."""
        region = buf[spans[0][0]:spans[-1][1]]
        if not _utf8(region):
            return None
        try:
            values = self._many.decode(b"[" + region + b"]")
        except _FAILURES:
            return None
        return values if len(values) == len(spans) else None


_PIECE = 1 << 16  # bytes checked at a time: no string as large as a whole run is built


def _utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 (msgspec does not check strings it skips)."""
    if data.isascii():
        return True
    try:
        if len(data) <= _PIECE:
            data.decode("utf-8")
        else:
            decoder = codecs.getincrementaldecoder("utf-8")()
            view = memoryview(data)
            for start in range(0, len(data), _PIECE):
                decoder.decode(view[start:start + _PIECE])
            decoder.decode(b"", True)
    except UnicodeDecodeError:
        return False
    return True


@functools.cache
def typed(schema: type[msgspec.Struct]) -> Typed:
    """The (shared) decoders of ``schema``."""
    return Typed(schema)
