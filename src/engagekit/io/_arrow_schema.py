"""The Arrow schema of a model, derived from its attrs fields.

No field list is kept by hand: every attrs field of :class:`~engagekit.models.Post`
and of the models inside it maps to an Arrow type by its annotation, and the
same walk builds the functions turning a model into Arrow's Python values.
pyarrow is imported only by the functions that need it.
"""

from __future__ import annotations

import enum
import functools
import itertools
import operator
import types
import typing
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
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
    "from_python_fn",
    "identity",
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
    ``datetime`` ``timestamp[us, tz=UTC]`` (any zone is stored as its UTC instant), an
    enum its value's type (``string`` for a str enum), a model a struct of its
    fields, ``tuple[X, ...]``, ``list[X]`` and ``frozenset[X]`` a list of X,
    ``tuple[X, X]`` a fixed-size list and a ``dict`` or ``Mapping`` a JSON
    ``string``. ``X | None`` is a nullable X; any other union, ``Any`` or an
    unknown type is a :class:`TypeError`.
    """
    pa = import_pyarrow()
    tp, nullable = _optional(tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    result: pyarrow.DataType
    if _is_enum(tp):
        result = _enum_type(pa, tp)
    elif tp is str:
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
    elif _is_list(tp):
        item, item_nullable = arrow_type(args[0])
        result = pa.list_(pa.field("item", item, nullable=item_nullable))
    elif origin is tuple and args and all(a == args[0] for a in args):
        item, item_nullable = arrow_type(args[0])
        result = pa.list_(pa.field("item", item, nullable=item_nullable), len(args))
    elif _is_mapping(tp):
        result = pa.string()
    else:
        raise TypeError(f"no Arrow type for {tp!r}")
    return result, nullable


def _enum_type(pa: Any, tp: type[enum.Enum]) -> pyarrow.DataType:
    kinds = {type(m.value) for m in tp}
    if kinds <= {str}:
        return pa.string()
    if kinds <= {int}:
        return pa.int64()
    raise TypeError(f"no Arrow type for {tp!r}: its values are not all str or all int")


def _fields(cls: type) -> list[pyarrow.Field]:
    pa = import_pyarrow()
    hints = _hints(cls)
    out = []
    for field in attrs.fields(cls):
        try:
            typ, nullable = arrow_type(hints[field.name])
        except TypeError as exc:
            raise TypeError(f"{cls.__name__}.{field.name}: {exc}") from None
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


#: What :func:`to_python_fn` and :func:`from_python_fn` return when nothing needs changing.
identity = _identity


def _json(value: Mapping[str, Any]) -> str:
    return orjson.dumps(value).decode() if value else "{}"


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _is_mapping(tp: Any) -> bool:
    origin = typing.get_origin(tp) or tp
    return isinstance(origin, type) and issubclass(origin, Mapping)


def _is_list(tp: Any) -> bool:
    """``tuple[X, ...]``, ``list[X]`` or ``frozenset[X]``: an Arrow list of X."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    return ((origin is tuple and len(args) == 2 and args[1] is Ellipsis)
            or (origin in (list, frozenset, set) and len(args) == 1))


def to_python_fn(tp: Any) -> Callable[[Any], Any]:
    """A function turning a value of annotation ``tp`` into what ``pyarrow.array`` takes.

    It returns :func:`_identity` itself where nothing needs changing, so callers
    can skip the call.
    """
    tp, _ = _optional(tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if _is_enum(tp):
        def enum_value(v: Any) -> Any:
            return v if v is None else v.value
        return enum_value
    if tp is datetime:
        return _identity
    if isinstance(tp, type) and attrs.has(tp):
        hints = _hints(tp)
        parts = [(f.name, to_python_fn(hints[f.name])) for f in attrs.fields(tp)]

        def model(v: Any) -> Any:
            if v is None:
                return None
            return {name: fn(getattr(v, name)) for name, fn in parts}
        return model
    if _is_list(tp) or origin is tuple:
        item_fn = to_python_fn(args[0])
        if item_fn is _identity and origin is tuple:
            return _identity  # pyarrow takes tuples for lists
        return lambda v: v if v is None else [item_fn(x) for x in v]
    if _is_mapping(tp):
        return lambda v: v if v is None else _json(v)
    return _identity


def from_python_fn(tp: Any) -> Callable[[Any], Any]:
    """The inverse of :func:`to_python_fn` for what the converter cannot read itself: it
    parses the JSON strings of mappings, wherever they are nested; :func:`_identity`
    when there are none."""
    tp, _ = _optional(tp)
    args = typing.get_args(tp)
    if _is_mapping(tp):
        return lambda v: v if v is None else orjson.loads(v)
    if isinstance(tp, type) and attrs.has(tp):
        hints = _hints(tp)
        parts = [(f.name, from_python_fn(hints[f.name])) for f in attrs.fields(tp)]
        parts = [(name, fn) for name, fn in parts if fn is not _identity]
        if not parts:
            return _identity

        def model(v: Any) -> Any:
            if v is not None:
                for name, fn in parts:
                    v[name] = fn(v[name])
            return v
        return model
    if _is_list(tp) or typing.get_origin(tp) is tuple:
        item_fn = from_python_fn(args[0])
        if item_fn is _identity:
            return _identity
        return lambda v: v if v is None else [item_fn(x) for x in v]
    return _identity


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MICROSECOND = timedelta(microseconds=1)


def column_fn(tp: Any) -> Callable[[list[Any]], Any]:
    """A function building the Arrow array of annotation ``tp`` from a list of values.

    It works column by column, with C-level loops where it can: a struct is
    built from one array per field (a missing struct from a placeholder's
    fields under a validity mask), a list from its offsets and one array of
    all its items, a timestamp from integer microseconds, so pyarrow only
    ever converts flat lists of scalars.
    """
    pa = import_pyarrow()
    typ, _ = arrow_type(tp)
    tp, _ = _optional(tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return _struct_fn(pa, tp, typ)
    if _is_list(tp):
        return _list_fn(pa, args[0], typ)
    if origin is tuple:
        item_fn = column_fn(args[0])
        size = len(args)
        chain = itertools.chain.from_iterable

        def fixed(values: list[Any]) -> Any:
            if None in values:
                mask = pa.array([v is None for v in values])
                values = [(None,) * size if v is None else v for v in values]
                return pa.FixedSizeListArray.from_arrays(item_fn(list(chain(values))),
                                                         type=typ, mask=mask)
            return pa.FixedSizeListArray.from_arrays(item_fn(list(chain(values))), type=typ)
        return fixed
    if _is_enum(tp):
        if issubclass(tp, str) and all(m.value == str.__str__(m) for m in tp):
            # a str enum is a str holding its value: pyarrow reads it as is
            return lambda values: pa.array(values, type=typ)
        by_member: dict[Any, Any] = {m: m.value for m in tp}
        by_member[None] = None
        return lambda values: pa.array(list(map(by_member.__getitem__, values)), type=typ)
    if tp is datetime:
        micro = pa.int64()

        sub, floordiv, repeat = operator.sub, operator.floordiv, itertools.repeat

        def timestamps(values: list[Any]) -> Any:
            # microseconds since the epoch, the instant of any zone (C-level loops)
            if None in values:
                ints = [None if v is None else (v - _EPOCH) // _MICROSECOND for v in values]
            else:
                ints = list(map(floordiv, map(sub, values, repeat(_EPOCH)),
                                repeat(_MICROSECOND)))
            return pa.array(ints, type=micro).view(typ)
        return timestamps
    if _is_mapping(tp):
        return lambda values: pa.array([None if v is None else _json(v) for v in values],
                                       type=typ)
    return lambda values: pa.array(values, type=typ)


def _struct_fn(pa: Any, cls: type, typ: Any) -> Callable[[list[Any]], Any]:
    hints = _hints(cls)
    names = [f.name for f in attrs.fields(cls)]
    getters = [operator.attrgetter(name) for name in names]
    children = [column_fn(hints[name]) for name in names]
    fields = list(typ)
    parts = list(zip(getters, children, strict=True))

    is_, repeat = operator.is_, itertools.repeat

    def struct(values: list[Any]) -> Any:
        # by identity: ``values.count(None)`` would call each model's Python __eq__
        flags = list(map(is_, values, repeat(None)))
        missing = flags.count(True)
        if missing == len(values):
            return pa.array(values, type=typ)  # pyarrow fills the non-nullable children
        mask = None
        if missing:
            # Fill the missing rows' children from a placeholder (any present value), so a
            # non-nullable child has no nulls, and mark those rows null in the struct.
            placeholder = values[flags.index(False)]
            mask = pa.array(flags, type=pa.bool_())
            values = [placeholder if v is None else v for v in values]
        arrays = [fn(list(map(get, values))) for get, fn in parts]
        return pa.StructArray.from_arrays(arrays, fields=fields, mask=mask)
    return struct


def _list_fn(pa: Any, item: Any, typ: Any) -> Callable[[list[Any]], Any]:
    item_fn = column_fn(item)
    offset_type = pa.int32()
    chain = itertools.chain.from_iterable
    accumulate = itertools.accumulate

    def listed(values: list[Any]) -> Any:
        mask = None
        if None in values:
            mask = pa.array([v is None for v in values])
            values = [() if v is None else v for v in values]
        offsets = pa.array(list(accumulate(map(len, values), initial=0)), type=offset_type)
        flat = item_fn(list(chain(values)))
        return pa.ListArray.from_arrays(offsets, flat, type=typ, mask=mask)
    return listed
