"""The Arrow schema of a model, derived from its attrs fields.

No field list is kept by hand: every attrs field of :class:`~engagekit.models.Post`
and of the models inside it maps to an Arrow type by its annotation, and the
same walk builds the functions turning a model into Arrow's Python values.
pyarrow is imported only by the functions that need it.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs
import orjson

from engagekit.errors import EngageKitError
from engagekit.io._schema import SCHEMA_VERSION

if TYPE_CHECKING:
    import pyarrow

__all__ = [
    "SCHEMA_KEY",
    "TYPE_KEY",
    "MissingExtra",
    "arrow_type",
    "column_fn",
    "import_pyarrow",
    "model_schema",
    "to_python_fn",
]

#: Key of the schema version in Arrow schema and Parquet key-value metadata.
SCHEMA_KEY = b"engagekit.schema"
#: Key of the model type name in the same metadata.
TYPE_KEY = b"engagekit.type"


class MissingExtra(EngageKitError, ImportError):
    """An optional dependency is not installed; the message says which extra to install."""


def import_pyarrow() -> Any:
    """Import pyarrow (and pyarrow.parquet), or raise :class:`MissingExtra`."""
    try:
        import pyarrow as pa
        import pyarrow.parquet
    except ImportError:
        raise MissingExtra(
            "Arrow and Parquet need pyarrow: pip install 'engagekit[arrow]'"
        ) from None
    return pa


def _optional(tp: Any) -> tuple[Any, bool]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0], len(args) > 1
    return tp, False


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def arrow_type(tp: Any) -> tuple[pyarrow.DataType, bool]:
    """The Arrow type of an annotation, and whether it is nullable.

    ``str`` is ``string``, ``int`` ``int64``, ``float`` ``float64``, an aware
    ``datetime`` ``timestamp[us, tz=UTC]``, an enum the ``string`` of its value,
    a model a struct of its fields, ``tuple[X, ...]`` a list of X, ``tuple[X, X]``
    a fixed-size list and ``dict[str, Any]`` a JSON ``string``.
    """
    pa = import_pyarrow()
    tp, nullable = _optional(tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    result: pyarrow.DataType
    if (isinstance(tp, type) and issubclass(tp, enum.Enum)) or tp is str:
        result = pa.string()
    elif tp is bool:
        result = pa.bool_()
    elif tp is int:
        result = pa.int64()
    elif tp is float:
        result = pa.float64()
    elif tp is datetime:
        result = pa.timestamp("us", tz="UTC")
    elif isinstance(tp, type) and attrs.has(tp):
        result = pa.struct(_fields(tp))
    elif origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item, item_nullable = arrow_type(args[0])
        result = pa.list_(pa.field("item", item, nullable=item_nullable))
    elif origin is tuple and args and all(a == args[0] for a in args):
        item, item_nullable = arrow_type(args[0])
        result = pa.list_(pa.field("item", item, nullable=item_nullable), len(args))
    elif origin is dict or tp is dict:
        result = pa.string()
    else:
        raise TypeError(f"no Arrow type for {tp!r}")
    return result, nullable


def _fields(cls: type) -> list[pyarrow.Field]:
    pa = import_pyarrow()
    hints = _hints(cls)
    out = []
    for field in attrs.fields(cls):
        typ, nullable = arrow_type(hints[field.name])
        out.append(pa.field(field.name, typ, nullable=nullable))
    return out


def model_schema(cls: type) -> pyarrow.Schema:
    """The Arrow schema of ``cls``: one column per attrs field, versioned in its metadata."""
    pa = import_pyarrow()
    metadata = {SCHEMA_KEY: str(SCHEMA_VERSION).encode(), TYPE_KEY: cls.__name__.encode()}
    schema: pyarrow.Schema = pa.schema(_fields(cls), metadata=metadata)
    return schema


def _identity(value: Any) -> Any:
    return value


def _json(value: dict[str, Any]) -> str:
    return orjson.dumps(value).decode()


def to_python_fn(tp: Any) -> Callable[[Any], Any]:
    """A function turning a value of annotation ``tp`` into what ``pyarrow.array`` takes.

    It returns :func:`_identity` itself where nothing needs changing, so callers
    can skip the call.
    """
    tp, _ = _optional(tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        def enum_value(v: Any) -> Any:
            return v if v is None else v.value
        return enum_value
    if isinstance(tp, type) and attrs.has(tp):
        hints = _hints(tp)
        parts = [(f.name, to_python_fn(hints[f.name])) for f in attrs.fields(tp)]

        def model(v: Any) -> Any:
            if v is None:
                return None
            return {name: fn(getattr(v, name)) for name, fn in parts}
        return model
    if origin is tuple:
        item_fn = to_python_fn(args[0])
        if item_fn is _identity:
            return _identity  # pyarrow takes tuples for lists
        return lambda v: [item_fn(x) for x in v]
    if origin is dict or tp is dict:
        return _json
    return _identity


def column_fn(tp: Any) -> Callable[[list[Any]], Any]:
    """A function building the Arrow array of annotation ``tp`` from a list of values.

    It works column by column: a struct is built from one array per field and a
    list from its offsets and one array of all its items, so pyarrow only ever
    converts flat lists of scalars.
    """
    pa = import_pyarrow()
    typ, _ = arrow_type(tp)
    tp, _ = _optional(tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if isinstance(tp, type) and attrs.has(tp):
        hints = _hints(tp)
        names = [f.name for f in attrs.fields(tp)]
        children = [column_fn(hints[name]) for name in names]
        fields = list(typ)

        to_python = to_python_fn(tp)

        def struct(values: list[Any]) -> Any:
            if any(v is None for v in values):
                # pyarrow fills a null struct's non-nullable children, which Parquet checks
                return pa.array([to_python(v) for v in values], type=typ)
            arrays = [fn([getattr(v, name) for v in values])
                      for name, fn in zip(names, children, strict=True)]
            return pa.StructArray.from_arrays(arrays, fields=fields)
        return struct
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item_fn = column_fn(args[0])

        def listed(values: list[Any]) -> Any:
            offsets = [0]
            flat: list[Any] = []
            for v in values:
                if v:
                    flat.extend(v)
                offsets.append(len(flat))
            return pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), item_fn(flat),
                                            type=typ)
        return listed
    if origin is tuple:
        item_fn = column_fn(args[0])
        size = len(args)

        def fixed(values: list[Any]) -> Any:
            flat = [x for v in values for x in (v if v is not None else (None,) * size)]
            return pa.FixedSizeListArray.from_arrays(item_fn(flat), type=typ)
        return fixed
    convert = to_python_fn(tp)
    if convert is _identity:
        return lambda values: pa.array(values, type=typ)
    return lambda values: pa.array([None if v is None else convert(v) for v in values],
                                   type=typ)
