"""Typed decoding: records straight into msgspec Structs that name only what a reader uses.

Decoding a record into plain dicts builds every key and value of it, read or
not; an export's records carry many fields engagekit has no use for (backup
URLs, edit metadata, client names). A reader that declares the fields it
reads as a ``msgspec.Struct`` schema gets them decoded and type-checked in C,
with the rest skipped over (but still checked to be well-formed JSON).

Byte-level decoding is optimistic: :meth:`Typed.one` and :meth:`Typed.many`
return ``None`` whenever they are unsure (a value of an unexpected type, a
byte that is not UTF-8 anywhere in the record, a record with enough brackets
to be nested past ``max_depth``, any decoding error), and the JSON layer then
decodes the record into plain values, where invalid JSON and the depth limit
are reported. A reader whose schema is its only decoder hands such a value to
:meth:`Typed.exact`, which decodes it into the same schema with the same
rules, and turns a record that does not fit into a positioned
:class:`~engagekit.errors.ParseError` with :func:`located`: msgspec names the
path, and the offending value is quoted from the plain values.

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
import orjson

from engagekit.errors import ParseError

__all__ = ["Typed", "located", "runs", "shallow", "typed"]

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

    def exact(self, value: Any) -> Any:
        """``value`` (plain JSON values, such as a record :meth:`one` declined) in the schema.

        The same decoder as :meth:`one`, so the same rules. Raises
        :class:`msgspec.ValidationError` when it does not fit (see :func:`located`).
        """
        return self._one.decode(orjson.dumps(value))


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


# -- positioned errors from msgspec's ---------------------------------------------------------

_AT = re.compile(r"\A(?P<message>.*?)(?: - at `(?P<path>\$[^`]*)`)?\Z", re.S)
_EXPECTED = re.compile(r"\AExpected `(?P<want>[^`]*)`, got `[^`]*`\Z")
_MISSING_FIELD = re.compile(r"\AObject missing required field `(?P<key>[^`]*)`\Z")
_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
#: msgspec's names of JSON types, as engagekit's errors spell them.
_NAMES = {"float": "number", "array": "array", "object": "object", "str": "str", "int": "int",
          "bool": "bool"}
_NOWHERE: Any = object()


def located(err: msgspec.ValidationError, value: Any, *, prefix: str = "$") -> ParseError:
    """msgspec's error about ``value`` (plain JSON values) as a positioned ParseError.

    The path is msgspec's, under ``prefix`` (where ``value`` sits in its record);
    a value of the wrong type is quoted from ``value``. The caller adds the
    source and the record number (:meth:`ParseError.located`).

    >>> class Page(msgspec.Struct):
    ...     ids: list[int]
    >>> record = {"ids": [1, "two"]}
    >>> try:
    ...     Typed(Page).exact(record)
    ... except msgspec.ValidationError as err:
    ...     print(located(err, record))
    at $.ids[1]: expected int, got 'two' (str)
    """
    match = _AT.match(str(err))
    message, path = (match.group("message"), match.group("path") or "$") if match else (
        str(err), "$")
    missing = _MISSING_FIELD.match(message)
    if missing:
        path, message = f"{path}.{missing.group('key')}", "required key is missing"
    else:
        expected = _EXPECTED.match(message)
        if expected:
            message = _expected(expected.group("want"), path, prefix + path[1:], value)
    return ParseError(message, path=prefix + path[1:])


def _expected(want: str, path: str, full: str, value: Any) -> str:
    """``expected <types>, got <the value>``, the way Fields says it.

    ``path`` is where the value is in ``value``, ``full`` where it is in its record.
    """
    names = [_NAMES.get(name, name) for name in want.split(" | ") if name != "null"]
    if names == ["object"] and not full.endswith("]") and full != "$":
        text = "object"  # the value of a key
    else:  # a record, or an item of an array, is "an object"
        text = " or ".join("an object" if name == "object" else name for name in names)
    found = _lookup(value, path)
    if found is _NOWHERE:
        return f"expected {text}"
    return f"expected {text}, got {_show(found)}"


def _lookup(value: Any, path: str) -> Any:
    """The value at msgspec's ``path`` (``$.media[0].uri``) in plain JSON values."""
    node, pos = value, 1
    while pos < len(path):
        step = _STEP.match(path, pos)
        if step is None:  # a step msgspec does not spell out (``[...]``, a dict's key)
            return _NOWHERE
        key, index = step.groups()
        if key and type(node) is dict and key in node:
            node = node[key]
        elif index and type(node) is list and int(index) < len(node):
            node = node[int(index)]
        else:
            return _NOWHERE
        pos = step.end()
    return node


def _show(value: Any) -> str:
    """A value and its type for a message: ``'yesterday' (str)``, ``None (NoneType)``."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"
