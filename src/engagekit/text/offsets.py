"""Convert offsets between code points, UTF-16 code units and UTF-8 bytes.

engagekit spans are code points (Python ``str`` indices), like Twitter's.
Bluesky facets count UTF-8 bytes; Bluesky's deprecated ``entities`` and
JavaScript clients count UTF-16 code units. The single-offset functions take
the text and one offset; :class:`OffsetMap` converts many offsets of one text
after one pass over it. An offset past the end, negative, or inside a
character (between the bytes of one UTF-8 sequence, or between the two halves
of a surrogate pair) raises :class:`OffsetError`, a
:class:`~engagekit.errors.ValidationError`.

>>> text = "Thanks 🚲 #BikeSafety"
>>> utf8_to_codepoint(text, 12), codepoint_to_utf8(text, 9), codepoint_to_utf16(text, 9)
(9, 12, 10)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate

from engagekit.errors import ValidationError

__all__ = [
    "OffsetError",
    "OffsetMap",
    "codepoint_to_utf8",
    "codepoint_to_utf16",
    "utf8_to_codepoint",
    "utf16_to_codepoint",
]


class OffsetError(ValidationError):
    """An offset that is out of range or falls inside a character."""


def _utf8_width(ch: str) -> int:
    cp = ord(ch)
    return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4


def _utf16_width(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


def _check(offset: int, limit: int, unit: str) -> None:
    if type(offset) is not int or not 0 <= offset <= limit:
        raise OffsetError(
            f"expected an int from 0 to {limit}, got {offset!r} ({type(offset).__name__})",
            field=f"offset ({unit})",
            value=offset,
        )


def _inside(offset: int, unit: str) -> OffsetError:
    return OffsetError(
        f"offset {offset!r} falls inside a character", field=f"offset ({unit})", value=offset
    )


class OffsetMap:
    """Offsets of one text in every unit, for converting many offsets at once.

    >>> m = OffsetMap("héllo 👋 world")
    >>> m.from_utf8([0, 3, 7, 11, 12]), m.to_utf16([7, 8])
    ([0, 2, 6, 7, 8], [8, 9])
    """

    __slots__ = ("_utf8", "_utf16", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # Prefix sums: _utf8[i] is the byte offset of code point i (None when ASCII).
        self._utf8: list[int] | None = None
        self._utf16: list[int] | None = None
        if not text.isascii():
            self._utf8 = [0, *accumulate(map(_utf8_width, text))]
            if max(text) > "\uffff":
                self._utf16 = [0, *accumulate(map(_utf16_width, text))]

    def _to(self, table: list[int] | None, offset: int, unit: str) -> int:
        _check(offset, len(self.text), "code points")
        return offset if table is None else table[offset]

    def _from(self, table: list[int] | None, offset: int, unit: str) -> int:
        if table is None:
            _check(offset, len(self.text), unit)
            return offset
        _check(offset, table[-1], unit)
        i = bisect_left(table, offset)
        if table[i] != offset:
            raise _inside(offset, unit)
        return i

    def utf8_to_codepoint(self, offset: int) -> int:
        """The code-point offset of UTF-8 byte ``offset``."""
        return self._from(self._utf8, offset, "UTF-8 bytes")

    def utf16_to_codepoint(self, offset: int) -> int:
        """The code-point offset of UTF-16 unit ``offset``."""
        return self._from(self._utf16, offset, "UTF-16 units")

    def codepoint_to_utf8(self, offset: int) -> int:
        """The UTF-8 byte offset of code point ``offset``."""
        return self._to(self._utf8, offset, "UTF-8 bytes")

    def codepoint_to_utf16(self, offset: int) -> int:
        """The UTF-16 unit offset of code point ``offset``."""
        return self._to(self._utf16, offset, "UTF-16 units")

    def from_utf8(self, offsets: Iterable[int]) -> list[int]:
        """Code-point offsets for many UTF-8 byte offsets."""
        return [self.utf8_to_codepoint(o) for o in offsets]

    def from_utf16(self, offsets: Iterable[int]) -> list[int]:
        """Code-point offsets for many UTF-16 unit offsets."""
        return [self.utf16_to_codepoint(o) for o in offsets]

    def to_utf8(self, offsets: Iterable[int]) -> list[int]:
        """UTF-8 byte offsets for many code-point offsets."""
        return [self.codepoint_to_utf8(o) for o in offsets]

    def to_utf16(self, offsets: Iterable[int]) -> list[int]:
        """UTF-16 unit offsets for many code-point offsets."""
        return [self.codepoint_to_utf16(o) for o in offsets]


def utf8_to_codepoint(text: str, offset: int) -> int:
    """Convert a UTF-8 byte offset into ``text`` to a code-point offset."""
    if text.isascii():
        _check(offset, len(text), "UTF-8 bytes")
        return offset
    data = text.encode("utf-8")
    _check(offset, len(data), "UTF-8 bytes")
    if offset < len(data) and data[offset] & 0xC0 == 0x80:
        raise _inside(offset, "UTF-8 bytes")
    return len(data[:offset].decode("utf-8"))


def codepoint_to_utf8(text: str, offset: int) -> int:
    """Convert a code-point offset into ``text`` to a UTF-8 byte offset."""
    _check(offset, len(text), "code points")
    return offset if text.isascii() else len(text[:offset].encode("utf-8"))


def utf16_to_codepoint(text: str, offset: int) -> int:
    """Convert a UTF-16 code-unit offset into ``text`` to a code-point offset."""
    if text.isascii() or max(text) <= "\uffff":
        _check(offset, len(text), "UTF-16 units")
        return offset
    return OffsetMap(text).utf16_to_codepoint(offset)


def codepoint_to_utf16(text: str, offset: int) -> int:
    """Convert a code-point offset into ``text`` to a UTF-16 code-unit offset."""
    _check(offset, len(text), "code points")
    head = text[:offset]
    if head.isascii():
        return offset
    return offset + sum(1 for ch in head if ch > "\uffff")
