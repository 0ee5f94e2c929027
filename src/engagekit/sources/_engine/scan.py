"""The byte scanner under :mod:`engagekit.sources._engine.arrays`: where JSON values begin and end.

A :class:`Stream` holds a member's bytes, read in chunks, with a read position
and an optional mark (the start of the value being captured, kept in the
buffer until it is complete). The scanning functions move the position past
one value without decoding it: they skip over strings, count brackets, enforce
``max_depth`` while they go, and raise :class:`~engagekit.errors.ParseError`
with the byte offset on truncation or a stray byte. A buffer that must grow
past ``max_record_bytes`` to hold one value raises
:class:`~engagekit.errors.LimitExceeded`.

>>> import io
>>> from engagekit.sources._engine.base import Limits
>>> s = Stream(io.BytesIO(b' [1, {"a": "]"}] 2'), "<stream>", Limits())
>>> begin_document(s, b"")
>>> s.expect(LBRACKET, "a JSON array")
>>> skip_value(s, 1, 8); s.pos
3
>>> s.expect(COMMA, "','"); scan_container(s, 1, 8); s.buf[s.pos:]
b'] 2'
"""

from __future__ import annotations

import re
from typing import IO

import orjson

from engagekit.errors import LimitExceeded, ParseError
from engagekit.sources._engine.base import Limits

__all__ = [
    "BOM", "COLON", "COMMA", "LBRACE", "LBRACKET", "OPEN", "QUOTE", "RBRACE", "RBRACKET",
    "SEMICOLON", "Stream", "begin_document", "check_encoding", "end_document",
    "foreign_encoding", "read_key", "scan_container",
    "scan_scalar", "show_byte", "skip_value",
]

_CHUNK = 1 << 20  # bytes read at a time (tests shrink it to hit every chunk boundary)
BOM = b"\xef\xbb\xbf"
_WS = re.compile(rb"[ \t\r\n]*+")
#: Everything up to the next bracket: runs without quotes or brackets, and whole strings.
_SKIP = re.compile(rb'(?:[^"\[\]{}]++|"[^"\\]*+(?:\\.[^"\\]*+)*+")*+', re.DOTALL)
_STRING = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.DOTALL)
_SCALAR = re.compile(rb"[^,\]}\s]*+")
#: The bytes that open a container, and the structural bytes by name.
OPEN = frozenset(b"[{")
LBRACE, LBRACKET, RBRACE, RBRACKET = 0x7B, 0x5B, 0x7D, 0x5D
QUOTE, COMMA, COLON, SEMICOLON = 0x22, 0x2C, 0x3A, 0x3B


def show_byte(byte: int) -> str:
    """A byte as quoted in an error message; -1 is the end of the input."""
    return "end of input" if byte < 0 else repr(chr(byte))


class Stream:
    """A member's bytes, read in chunks, with a read position and an optional mark."""

    __slots__ = ("base", "buf", "eof", "handle", "label", "limit", "mark", "pos")

    def __init__(self, handle: IO[bytes], label: str, limits: Limits) -> None:
        self.handle = handle
        self.label = label
        self.limit = limits.max_record_bytes
        self.buf = b""
        self.base = 0  # offset of buf[0] in the member
        self.pos = 0
        self.mark = -1  # start of the value being captured, or -1
        self.eof = False

    def more(self) -> bool:
        """Append the next chunk (dropping what is no longer needed); False at the end."""
        if self.eof:
            return False
        keep = self.pos if self.mark < 0 else self.mark
        if len(self.buf) - keep > self.limit:
            raise LimitExceeded(
                f"a value longer than max_record_bytes={self.limit} starts at byte "
                f"{self.base + keep}",
                source=self.label,
            )
        data = self.handle.read(max(_CHUNK, len(self.buf) - keep))
        if not data:
            self.eof = True
            return False
        self.buf = self.buf[keep:] + data
        self.base += keep
        self.pos -= keep
        if self.mark >= 0:
            self.mark -= keep
        return True

    def peek(self) -> int:
        """The next byte that is not whitespace (not consumed), or -1 at the end."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return -1

    def error(self, message: str, record: int | None = None) -> ParseError:
        return ParseError(f"{message} at byte {self.base + self.pos}", source=self.label,
                          record=record)

    def expect(self, byte: int, what: str, record: int | None = None) -> None:
        found = self.peek()
        if found != byte:
            raise self.error(f"expected {what}, got {show_byte(found)}", record)
        self.pos += 1


def scan_container(s: Stream, depth: int, max_depth: int) -> None:
    """Move past the array or object at ``s.pos`` (inside ``depth`` levels), counting brackets."""
    level = 0
    match = _SKIP.match
    while True:
        buf = s.buf
        p = match(buf, s.pos).end()  # type: ignore[union-attr]
        if p >= len(buf) or buf[p] == QUOTE:  # the chunk ends, maybe inside a string
            s.pos = p
            if not s.more():
                raise s.error("truncated JSON: unterminated string" if p < len(buf)
                              else "truncated JSON: unclosed array or object")
            continue
        if buf[p] == LBRACE or buf[p] == LBRACKET:
            level += 1
            if depth + level > max_depth:
                s.pos = p
                raise LimitExceeded(f"JSON nested deeper than max_depth={max_depth} at byte "
                                    f"{s.base + p}", source=s.label)
        else:
            level -= 1
            if level == 0:
                s.pos = p + 1
                return
        s.pos = p + 1


def scan_scalar(s: Stream) -> None:
    """Move past the string, number or literal at ``s.pos``.

    A number or literal must be followed by something: at the end of the input
    it may have been cut short (``1`` of ``10``).
    """
    string = s.buf[s.pos] == QUOTE
    pattern = _STRING if string else _SCALAR
    while True:
        found = pattern.match(s.buf, s.pos)
        if found is not None and (string or found.end() < len(s.buf)):
            if found.end() == s.pos:
                raise s.error(f"unexpected {show_byte(s.buf[s.pos])}")
            s.pos = found.end()
            return
        if not s.more():
            raise s.error("truncated JSON: unterminated string" if string
                          else "truncated JSON: the input ends inside a value")


def skip_value(s: Stream, depth: int, max_depth: int) -> None:
    """Move past the value of any kind at ``s.pos``."""
    if s.pos >= len(s.buf) and s.peek() < 0:  # the input ended before the value
        raise s.error("truncated JSON: the input ends before a value")
    if s.buf[s.pos] in OPEN:
        scan_container(s, depth, max_depth)
    else:
        scan_scalar(s)


def read_key(s: Stream) -> str:
    """Read and decode the object key at the next non-blank byte."""
    if s.peek() != QUOTE:
        raise s.error(f"expected an object key, got {show_byte(s.peek())}")
    start_abs = s.base + s.pos
    s.mark = s.pos
    scan_scalar(s)
    raw = s.buf[s.mark:s.pos]
    s.mark = -1
    try:
        key = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"invalid object key at byte {start_abs}: {exc}",
                         source=s.label) from None
    if type(key) is not str:  # pragma: no cover - a scanned string decodes to a str
        raise s.error("expected an object key")
    return key


#: Text encodings other than UTF-8 by their first four bytes: a byte order mark, or the
#: zero bytes that ASCII JSON has in them (RFC 4627, section 3). UTF-32 comes before UTF-16.
_FOREIGN = (
    (re.compile(rb"\A(?:\xff\xfe\x00\x00|[^\x00]\x00\x00\x00)"), "UTF-32LE"),
    (re.compile(rb"\A(?:\x00\x00\xfe\xff|\x00\x00\x00[^\x00])"), "UTF-32BE"),
    (re.compile(rb"\A(?:\xff\xfe|[^\x00]\x00[^\x00]\x00)"), "UTF-16LE"),
    (re.compile(rb"\A(?:\xfe\xff|\x00[^\x00]\x00[^\x00])"), "UTF-16BE"),
)


def foreign_encoding(head: bytes) -> str | None:
    """The name of a UTF-16 or UTF-32 encoding ``head`` starts in, or None.

    >>> foreign_encoding('[{"a": 1}]'.encode("utf-16")), foreign_encoding(b'[{"a": 1}]')
    ('UTF-16LE', None)
    """
    for pattern, name in _FOREIGN:
        if pattern.match(head):
            return name
    return None


def check_encoding(head: bytes, label: str) -> None:
    """Raise a ParseError naming the encoding when ``head`` is UTF-16 or UTF-32 text."""
    name = foreign_encoding(head)
    if name is not None:
        raise ParseError(f"the text is encoded in {name}; engagekit reads JSON in UTF-8 "
                         "(save the file as UTF-8)", source=label)


def begin_document(s: Stream, prefix: bytes) -> None:
    """Skip a byte order mark, and with ``prefix`` everything up to the first ``[``."""
    s.more()
    check_encoding(s.buf[:4], s.label)
    if s.buf.startswith(BOM):
        s.pos = len(BOM)
    if prefix:
        start = s.buf.find(b"[", s.pos, s.pos + 4096)
        if start < 0 or not s.buf[s.pos:start].lstrip().startswith(prefix):
            raise ParseError(f"expected {prefix.decode(errors='replace')!r} followed by an array",
                             source=s.label)
        s.pos = start


def end_document(s: Stream, semicolon: bool) -> None:
    """Check that only white space (and with ``semicolon`` one ``;``) is left."""
    c = s.peek()
    if semicolon and c == SEMICOLON:
        s.pos += 1
        c = s.peek()
    if c >= 0:
        raise s.error(f"unexpected {show_byte(c)} after the JSON document")

