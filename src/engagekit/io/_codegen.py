"""Generated fast paths between engagekit models and JSON-ready dicts.

The structure path (dict -> model) turns JSON values into the Python values a
model's fields take, as the converter's structure hooks would: ISO strings into
aware datetimes, enum values into members, dicts into nested models, lists into
tuples, ints into floats for float fields; and it checks the JSON type of plain
values as strictly as those hooks. It then builds the instance with
:func:`engagekit.models._construct.constructor`, which is ``cls(**kwargs)`` in
values and errors: a model's own rules are never restated here.

The path is optimistic: on any problem it raises :class:`Reject` (or lets the
model's error through), and the caller re-runs the reference cattrs path, which
is authoritative for the error message with its JSON path. Tests check that the
two paths agree on every input.

The unstructure path writes compact documents: a field equal to its default is
left out, and reading fills it back in.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from datetime import datetime
from typing import Any

import attrs

from engagekit.models._construct import constructor

__all__ = ["Reject", "structure_fn", "unstructure_fn"]


class Reject(Exception):
    """The fast path declines this input; the reference path decides."""


_MISSING: Any = object()


def _datetime(value: Any) -> datetime:
    """What the converter's datetime hook gives for ``value``; Reject where it refuses."""
    if type(value) is str:
        try:
            result = datetime.fromisoformat(value)
        except ValueError:
            raise Reject from None
    elif type(value) is datetime:
        result = value
    else:
        raise Reject
    if result.tzinfo is None:
        raise Reject
    return result


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


def _optional(tp: Any) -> tuple[Any, bool]:
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1 and len(args) == 2:
            return rest[0], True
    return tp, False


def _item_model(tp: Any) -> Any:
    """The model class X of ``tuple[X, ...]``, else None."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis and _is_model(
        args[0]
    ):
        return args[0]
    return None


class _Writer:
    def __init__(self, prefix: str) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {}
        self._prefix = prefix

    def bind(self, value: Any, hint: str) -> str:
        name = f"_{self._prefix}_{hint}_{len(self.names)}"
        self.names[name] = value
        return name

    def emit(self, line: str) -> None:
        self.lines.append(line)

    def compile(self, fn_name: str, cls: type) -> Callable[..., Any]:
        source = "\n".join(self.lines)
        namespace = dict(self.names)
        code = compile(source, f"<engagekit generated {fn_name} for {cls.__qualname__}>", "exec")
        exec(code, namespace)
        fn: Callable[..., Any] = namespace[fn_name]
        return fn


Factory = Callable[[type], Callable[[Any], Any]]


def structure_fn(cls: type, fast_for: Factory) -> Callable[[Any], Any]:
    """Write the fast dict -> ``cls`` function. ``fast_for`` gives nested classes' functions.

    Each present key's JSON value is checked and shaped by its field's type hint,
    then the keys are passed to the trusted constructor as keyword arguments, so
    an unknown or a missing key is a ``TypeError`` raised by Python itself.
    """
    hints = typing.get_type_hints(cls)
    w = _Writer("s")
    make = w.bind(constructor(cls), "make")
    w.emit("def structure(o):")
    w.emit("    if type(o) is not dict:")
    w.emit("        raise _Reject")
    copied = False
    for a in attrs.fields(cls):
        exact = getattr(a.validator, "exact_type", None)
        tp, optional = _optional(hints[a.name])
        if a.converter is None and exact is not None and exact[0] is tp and (
            optional or not exact[1]
        ):
            continue  # the model refuses any other type itself, as the hook would
        body = _field(w, hints[a.name], a.validator is not None, fast_for)
        if body is None:
            continue
        changes = any(line.lstrip().startswith("v = ") for line in body)
        if changes and not copied:  # never change the caller's dict
            w.emit("    o = o.copy()")
            copied = True
        w.emit(f"    v = o.get({a.alias!r}, _MISSING)")
        w.emit("    if v is not _MISSING:")
        w.lines.extend(f"        {line}" for line in body)
        if changes:
            w.emit(f"        o[{a.alias!r}] = v")
    w.emit(f"    return {make}(**o)")
    w.names.update(_Reject=Reject, _MISSING=_MISSING, _datetime=_datetime)
    return w.compile("structure", cls)


def _field(w: _Writer, hint: Any, checked: bool, fast_for: Factory) -> list[str] | None:
    """Lines turning the JSON value ``v`` into what the hook for ``hint`` gives, or Reject.

    None when ``v`` is passed on as it is. ``checked`` says the field has a
    validator, which then decides on values of a type this function does not know.
    """
    tp, optional = _optional(hint)
    lines = _shape(w, tp, checked, fast_for)
    if lines is None or not optional:
        return lines
    return ["if v is not None:", *(f"    {line}" for line in lines)]


def _shape(w: _Writer, tp: Any, checked: bool, fast_for: Factory) -> list[str] | None:
    if tp is str or tp is int or tp is bool:
        return [f"if type(v) is not {tp.__name__}:", "    raise _Reject"]
    if tp is float:
        return ["if type(v) is int:", "    v = float(v)",
                "elif type(v) is not float:", "    raise _Reject"]
    if tp is datetime:
        return ["v = _datetime(v)"]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return [f"v = {w.bind({m.value: m for m in tp}, 'enum')}[v]"]
    if _is_model(tp):  # a dict to structure, or already an instance
        return [f"if type(v) is not {w.bind(tp, 'cls')}:",
                f"    v = {w.bind(fast_for(tp), 'fn')}(v)"]
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        lines = ["if type(v) is not list and type(v) is not tuple:", "    raise _Reject"]
        if _is_model(args[0]):
            cls, fn = w.bind(args[0], "cls"), w.bind(fast_for(args[0]), "fn")
            return [*lines, f"v = tuple([x if type(x) is {cls} else {fn}(x) for x in v])"]
        if args[0] is str:
            return [*lines, "for x in v:", "    if type(x) is not str:", "        raise _Reject",
                    "v = tuple(v)"]
    if origin is dict and args == (str, Any) and checked:
        return ["if type(v) is not dict:", "    raise _Reject"]  # the validator checks the rest
    # anything else: the field's validator decides, or only cattrs knows the type
    return None if checked else ["raise _Reject"]


def unstructure_fn(cls: type, fast_for: Factory) -> Callable[[Any], Any]:
    """Write the fast ``cls`` -> compact dict function (defaults left out)."""
    hints = typing.get_type_hints(cls)
    w = _Writer("u")
    w.emit("def unstructure(inst):")
    required = [a for a in attrs.fields(cls) if a.default is attrs.NOTHING]
    items = ", ".join(f"{a.name!r}: {_value(w, a, hints, fast_for, 'inst.' + a.name)}"
                      for a in required)
    w.emit(f"    d = {{{items}}}")
    for a in attrs.fields(cls):
        if a.default is attrs.NOTHING:
            continue
        w.emit(f"    v = inst.{a.name}")
        if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            w.emit("    if v:")
        elif a.default is None:
            w.emit("    if v is not None:")
        elif a.default == () or a.default == "" or a.default == 0:
            w.emit("    if v:")
        else:
            default = w.bind(a.default, "default")
            w.emit(f"    if v is not {default} and v != {default}:")
        w.emit(f"        d[{a.name!r}] = {_value(w, a, hints, fast_for, 'v')}")
    w.emit("    return d")
    return w.compile("unstructure", cls)


def _value(w: _Writer, a: attrs.Attribute[Any], hints: dict[str, Any], fast_for: Factory,
           expr: str) -> str:
    tp, optional = _optional(hints[a.name])
    if _is_model(tp):
        call = f"{w.bind(fast_for(tp), 'fn')}({expr})"
        return f"(None if {expr} is None else {call})" if optional else call
    model = _item_model(tp)
    if model is not None:
        return f"[{w.bind(fast_for(model), 'fn')}(x) for x in {expr}]"
    return expr  # str, numbers, None, tuples, enums, datetimes: orjson writes them natively
