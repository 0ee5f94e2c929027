"""engagekit's JSON documents: one model value with its type and schema version.

>>> import engagekit as ek
>>> data = ek.dumps(ek.Hashtag(text="StayCommitted"))
>>> data
b'{"engagekit":2,"type":"Hashtag","data":{"text":"StayCommitted"}}'
>>> ek.loads(data, ek.Hashtag)
Hashtag(text='StayCommitted', start=None, end=None)

Aggregation results, tuples of rows of one type, are documents too; load them
back by asking for the tuple type:

>>> from engagekit.aggregate import KeyCount, hashtag_counts
>>> from engagekit.datasets import sample_posts
>>> rows = hashtag_counts(sample_posts(), top=2)
>>> ek.dumps(rows)[:51]
b'{"engagekit":2,"type":"KeyCount[]","data":[{"key":"'
>>> ek.loads(ek.dumps(rows), tuple[KeyCount, ...]) == rows
True
"""

from __future__ import annotations

from typing import Any, TypeVar, get_args, get_origin

import orjson

from engagekit.errors import ParseError
from engagekit.io._converter import configure_converter, converter, make_converter, structure
from engagekit.io._schema import SCHEMA_VERSION, migrate, type_for, type_name

__all__ = ["configure_converter", "dumps", "loads", "make_converter"]

T = TypeVar("T")

_OPTIONS = orjson.OPT_UTC_Z


def _tuple_name(rows: tuple[Any, ...]) -> str:
    names = {type_name(type(row)) for row in rows}
    if len(names) > 1:
        raise TypeError(f"engagekit writes a tuple of one row type, got {sorted(names)}")
    return f"{names.pop()}[]" if names else "[]"


def dumps(obj: Any) -> bytes:
    """Serialize one engagekit model value, or a tuple of rows of one type, to JSON (bytes).

    A tuple's document type is the row type followed by ``[]`` (``"KeyCount[]"``),
    or ``"[]"`` for an empty tuple.
    """
    name = _tuple_name(obj) if type(obj) is tuple else type_name(type(obj))
    envelope = {"engagekit": SCHEMA_VERSION, "type": name, "data": converter.unstructure(obj)}
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
    ``cls`` may be ``tuple[Row, ...]`` for a tuple of aggregation rows.
    """
    doc = _decode(data, source)
    if type(doc) is not dict or set(doc) != {"engagekit", "type", "data"}:
        raise ParseError(
            "expected an engagekit document {engagekit, type, data}", source=source, path="$"
        )
    if get_origin(cls) is tuple:
        rows: T = _load_rows(doc, cls, source)
        return rows
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


def _load_rows(doc: dict[str, Any], cls: Any, source: str | None) -> Any:
    args = get_args(cls)
    if len(args) != 2 or args[1] is not Ellipsis:
        raise TypeError(f"expected a type such as tuple[KeyCount, ...], got {cls!r}")
    name = type_name(args[0])
    if doc["type"] not in (f"{name}[]", "[]"):
        raise ParseError(f"expected a {name}[] document, got {doc['type']!r}", source=source,
                         path="$.type")
    if type(doc["data"]) is not list:
        raise ParseError("expected a list", source=source, path="$.data")
    rows = []
    for i, item in enumerate(doc["data"]):
        if type(item) is not dict:
            raise ParseError("expected an object", source=source, path=f"$.data[{i}]")
        body = migrate(item, name, doc["engagekit"], source=source)
        try:
            rows.append(structure(body, args[0], source=source))
        except ParseError as err:
            raise err.located(path_prefix=f"$.data[{i}]") from None
    return tuple(rows)
