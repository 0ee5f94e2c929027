"""JSON Schema (draft 2020-12) of the documents :func:`engagekit.dumps` writes.

The schema is derived from the model classes themselves: ``attrs.fields`` gives
the keys and which are required (fields without a default; ``dumps`` leaves
fields at their defaults out), the type hints give the JSON types, and the
field validators add what they require (non-empty strings, counts ``>= 0``,
degree ranges, country codes). Adding a field to a model changes its schema
with no edit here.

>>> import json
>>> import engagekit as ek
>>> from jsonschema import Draft202012Validator
>>> schema = ek.io.json_schema(ek.Hashtag)
>>> schema["properties"]["type"]
{'const': 'Hashtag'}
>>> sorted(schema["$defs"]["Hashtag"]["properties"])
['end', 'start', 'text']
>>> Draft202012Validator(schema).is_valid(json.loads(ek.dumps(ek.Hashtag(text="Safe"))))
True

What a schema cannot say: the span rule ``start <= end`` of entities, and
that ``start`` and ``end`` are both present or both absent, compare two fields;
the reader checks them.
"""

from __future__ import annotations

import enum
import types
import typing
from datetime import datetime
from typing import Any

import attrs

from engagekit.io._schema import SCHEMA_VERSION, type_name
from engagekit.models import _checks as c
from engagekit.models import _place, _post

__all__ = ["DATETIME_PATTERN", "DIALECT", "json_schema"]

#: The JSON Schema dialect of every schema :func:`json_schema` returns.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Date-times as ``dumps`` writes them: UTC with ``Z``, microseconds only when not zero.
DATETIME_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?Z$"

# What each shared validator adds to the schema of the value it checks.
_VALIDATED: dict[Any, dict[str, Any]] = {
    c.is_nonempty_str: {"minLength": 1},
    c.is_count: {"minimum": 0, "maximum": c.MAX_COUNT},
    c.is_opt_count: {"minimum": 0, "maximum": c.MAX_COUNT},
    c.is_opt_number: {"minimum": 0},
    c.span: {"minimum": 0},
    _post._spans: {"minimum": 0},
    _place._is_country: {"enum": sorted(_place.COUNTRY_CODES)},
}


def _validator_keywords(validator: Any) -> dict[str, Any]:
    found = _VALIDATED.get(validator)
    if found is not None:
        return dict(found)
    code = getattr(validator, "__code__", None)
    if code is not None and "limit" in code.co_freevars:  # models._place._degrees(limit)
        cell = validator.__closure__[code.co_freevars.index("limit")]
        limit = cell.cell_contents
        return {"minimum": -limit, "maximum": limit}
    return {}


def _optional(tp: Any) -> tuple[Any, bool]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1 and len(args) == 2:
            return rest[0], True
    return tp, False


class _Builder:
    """Collects one ``$defs`` entry per attrs class reached from the root."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def model(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: a class may refer to itself
            self.defs[name] = self._object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def _object(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for a in attrs.fields(cls):
            schema = self.value(hints[a.name], _validator_keywords(a.validator))
            properties[a.name] = schema
            if a.default is attrs.NOTHING:
                required.append(a.name)
        out: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        if doc:
            out = {"description": " ".join(doc.split()), **out}
        return out

    def value(self, tp: Any, keywords: dict[str, Any]) -> dict[str, Any]:
        """The schema of a value of type ``tp``; ``keywords`` from its validator."""
        inner, optional = _optional(tp)
        schema = self._value(inner, keywords)
        if optional:
            return {"anyOf": [schema, {"type": "null"}]}
        return schema

    def _value(self, tp: Any, keywords: dict[str, Any]) -> dict[str, Any]:
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if tp is Any:
            return {}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [m.value for m in tp]}
        if tp is bool:
            return {"type": "boolean"}
        if tp is str:
            return {"type": "string", **_only(keywords, "minLength", "enum")}
        if tp is int:
            return {"type": "integer", **_only(keywords, "minimum", "maximum")}
        if tp is float:
            return {"type": "number", **_only(keywords, "minimum", "maximum")}
        if tp is datetime:
            return {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN}
        if isinstance(tp, type) and attrs.has(tp):
            return self.model(tp)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self._item(args[0], keywords)}
        if origin is tuple:
            items = [self._item(a, keywords) for a in args]
            return {"type": "array", "prefixItems": items, "minItems": len(items),
                    "maxItems": len(items)}
        if origin is dict and args[:1] == (str,):
            return {"type": "object", "additionalProperties": self.value(args[1], {})}
        raise TypeError(f"no JSON Schema for {tp!r}")

    def _item(self, tp: Any, keywords: dict[str, Any]) -> dict[str, Any]:
        # a validator of a whole tuple (counts >= 0 in lost_spans) speaks for its items
        return self.value(tp, keywords)


def _only(keywords: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in keywords.items() if k in names}


def json_schema(cls: Any) -> dict[str, Any]:
    """The JSON Schema of an engagekit document holding a ``cls`` value.

    ``cls`` is a model class (``ek.Post``) or an aggregation row class, or
    ``tuple[Row, ...]`` for a document of rows. The schema covers the envelope
    (``engagekit`` version, ``type``, ``data``) and, under ``$defs``, every
    class the data can hold; ``data`` allows exactly the model's fields.
    """
    builder = _Builder()
    args = typing.get_args(cls)
    if typing.get_origin(cls) is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"expected a type such as tuple[KeyCount, ...], got {cls!r}")
        name = type_name(args[0])
        data: dict[str, Any] = {"type": "array", "items": builder.model(args[0])}
        kind: dict[str, Any] = {"enum": [f"{name}[]", "[]"]}
        title = f"{name}[]"
    else:
        name = type_name(cls)
        data = builder.model(cls)
        kind = {"const": name}
        title = name
    return {
        "$schema": DIALECT,
        "$id": f"urn:engagekit:schema:{SCHEMA_VERSION}:{title}",
        "title": f"engagekit {title} document",
        "type": "object",
        "properties": {
            # every version up to this one: each step so far only added optional fields
            "engagekit": {"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION},
            "type": kind,
            "data": data,
        },
        "required": ["engagekit", "type", "data"],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }
