"""engagekit's JSON documents: one model value with its type and schema version.

>>> import engagekit as ek
>>> data = ek.dumps(ek.Hashtag(text="StayCommitted"))
>>> data
b'{"engagekit":1,"type":"Hashtag","data":{"text":"StayCommitted"}}'
>>> ek.loads(data, ek.Hashtag)
Hashtag(text='StayCommitted', start=None, end=None)
"""

from __future__ import annotations

from typing import Any, TypeVar

import orjson

from engagekit.errors import ParseError
from engagekit.io._converter import configure_converter, converter, make_converter, structure
from engagekit.io._schema import SCHEMA_VERSION, migrate, type_for, type_name

__all__ = ["configure_converter", "dumps", "loads", "make_converter"]

T = TypeVar("T")

_OPTIONS = orjson.OPT_UTC_Z


def dumps(obj: Any) -> bytes:
    """Serialize one engagekit model value to a JSON document (bytes)."""
    envelope = {
        "engagekit": SCHEMA_VERSION,
        "type": type_name(type(obj)),
        "data": converter.unstructure(obj),
    }
    return orjson.dumps(envelope, option=_OPTIONS)


def _decode(data: bytes | bytearray | memoryview | str, source: str | None) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc}", source=source) from None


def loads(data: bytes | bytearray | memoryview | str, cls: type[T], *,
          source: str | None = None) -> T:
    """Read a document written by :func:`dumps` back into a ``cls`` value.

    Older schema versions are migrated; a document of another type, an unknown
    key or a wrong value is a :class:`~engagekit.errors.ParseError` with its path.
    """
    doc = _decode(data, source)
    if type(doc) is not dict or set(doc) != {"engagekit", "type", "data"}:
        raise ParseError(
            "expected an engagekit document {engagekit, type, data}", source=source, path="$"
        )
    found = type_for(doc["type"], source=source)
    if found is not cls:
        raise ParseError(
            f"expected a {cls.__name__} document, got {doc['type']!r}", source=source, path="$.type"
        )
    if type(doc["data"]) is not dict:
        raise ParseError("expected an object", source=source, path="$.data")
    body = migrate(doc["data"], doc["type"], doc["engagekit"], source=source)
    try:
        return structure(body, cls, source=source)
    except ParseError as err:
        raise err.located(path_prefix="$.data") from None
