"""Generated fast paths between engagekit models and JSON-ready dicts.

cattrs' generated functions call the model's ``__init__``, which runs every
converter and validator through a function call; for a post that is most of
the decode time. For each model class this module writes (once, at first use)
a specialised function that checks JSON types inline, builds the instance
without ``__init__`` and calls only the validators it cannot inline.

The fast structure path is optimistic: on any problem it raises
:class:`Reject`, and the caller re-runs the reference cattrs path, which is
authoritative for both the result and the error message with its JSON path.
Tests check that the two paths agree on every input.

The unstructure path writes compact documents: a field equal to its default is
left out, and reading fills it back in.
"""

from __future__ import annotations

import enum
import types
import typing
import unicodedata
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import attrs

from engagekit.models import _checks as c

__all__ = ["Reject", "init_fn", "structure_fn", "unstructure_fn"]


class Reject(Exception):
    """The fast path declines this input; the reference path decides."""


_MISSING: Any = object()

# validators whose check can be written inline, as an expression that must be true; a
# validator may also carry its own expression as an ``inline`` attribute
_INLINE: dict[Any, str] = {
    c.is_str: "type(v) is str",
    c.is_nonempty_str: "type(v) is str and v",
    c.is_opt_str: "v is None or type(v) is str",
    c.is_count: "type(v) is int and v >= 0",
    c.is_opt_count: "v is None or (type(v) is int and v >= 0)",
}

_UTC = timezone.utc


def _datetime(value: Any) -> datetime:
    if type(value) is str:
        result = datetime.fromisoformat(value)
    elif type(value) is datetime:
        result = value
    else:
        raise Reject
    tz = result.tzinfo
    if tz is _UTC:
        return result
    if tz is None or result.utcoffset() is None:
        raise Reject
    return result.astimezone(_UTC)


def _nfc(value: str) -> str:
    if value.isascii() or unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


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

    The dict's keys are passed as keyword arguments to :func:`init_fn`'s function,
    so an unknown or a missing key is a ``TypeError`` raised by Python itself.
    """
    init = init_fn(cls, fast_for)

    def structure(o: Any) -> Any:
        if type(o) is not dict:
            raise Reject
        try:
            return init(**o)
        except TypeError:
            raise Reject from None

    return structure


def init_fn(cls: type, fast_for: Factory, *, fallback: bool = False) -> Callable[..., Any]:
    """Write a keyword-only constructor of ``cls`` that checks inline and skips ``__init__``.

    It takes JSON values or Python ones (enum members, aware datetimes, model
    instances, tuples); a nested model may also be given as a dict. Any doubt
    raises :class:`Reject`; with ``fallback``, any doubt calls ``cls(...)`` with
    the same arguments instead, whose own checks then decide (and raise).
    """
    hints = typing.get_type_hints(cls)
    w = _Writer("s")
    params = []
    for a in attrs.fields(cls):
        params.append(a.name if a.default is attrs.NOTHING else f"{a.name}=_MISSING")
    w.emit(f"def init(*, {', '.join(params)}):")
    if fallback:
        w.emit("  try:")
    w.emit(f"    inst = _new({w.bind(cls, 'cls')})")
    late: list[str] = []
    for a in attrs.fields(cls):
        tp, optional = _optional(hints[a.name])
        w.emit(f"    v = {a.name}")
        if a.default is not attrs.NOTHING:
            w.emit("    if v is _MISSING:")
            if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
                w.emit(f"        v = {w.bind(a.default.factory, 'factory')}()")
            else:
                w.emit(f"        v = {w.bind(a.default, 'default')}")
            w.emit("    else:")
        ind = "    " if a.default is attrs.NOTHING else "        "
        mark = len(w.lines)
        if optional:
            w.emit(f"{ind}if v is not None:")
            ind += "    "
        # enums, dates and models: the code below does the converter's and validator's work
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            values = w.bind({m.value: m for m in tp}, "enum")
            w.emit(f"{ind}v = {values}[v]")
        elif tp is datetime:
            w.emit(f"{ind}v = _datetime(v)")
        elif _is_model(tp):  # a dict to structure, or already an instance
            w.emit(f"{ind}if type(v) is not {w.bind(tp, 'cls')}:")
            w.emit(f"{ind}    v = {w.bind(fast_for(tp), 'fn')}(v)")
        elif _item_model(tp) is not None:
            item = w.bind(_item_model(tp), "cls")
            fn = w.bind(fast_for(_item_model(tp)), "fn")
            rebuild = f"tuple([x if type(x) is {item} else {fn}(x) for x in v])"
            w.emit(f"{ind}if type(v) is tuple:  # usually already the right items: no copy")
            w.emit(f"{ind}    for x in v:")
            w.emit(f"{ind}        if type(x) is not {item}:")
            w.emit(f"{ind}            v = {rebuild}")
            w.emit(f"{ind}            break")
            w.emit(f"{ind}elif type(v) is list:")
            w.emit(f"{ind}    v = {rebuild}")
            w.emit(f"{ind}else:")
            w.emit(f"{ind}    raise _Reject")
        elif a.converter is None and a.validator is None:
            # a plain row field (aggregation rows): the type hint is the only rule
            _check_by_type(w, ind, tp)
        else:
            if a.converter is c.nfc or a.converter is c.nfc_opt:
                w.emit(f"{ind}if type(v) is str:")
                w.emit(f"{ind}    v = _nfc(v)")
            elif a.converter is not None:
                w.emit(f"{ind}v = {w.bind(a.converter, 'conv')}(v)")
            inline = _INLINE.get(a.validator) or getattr(a.validator, "inline", None)
            if inline is not None:
                w.emit(f"{ind}if not ({inline}):")
                w.emit(f"{ind}    raise _Reject")
            elif a.validator is not None:
                late.append(
                    f"    {w.bind(a.validator, 'val')}(inst, {w.bind(a, 'attr')}, inst.{a.name})"
                )
        if len(w.lines) == mark + optional:  # nothing to do for this value but the late check
            w.emit(f"{ind}pass")
        w.emit(f"    {w.bind(_slot_setter(cls, a.name), 'set')}(inst, v)")
    w.lines.extend(late)
    if hasattr(cls, "__attrs_post_init__"):
        w.emit("    inst.__attrs_post_init__()")
    w.emit("    return inst")
    if fallback:  # the parameters still hold what the caller passed
        w.emit("  except Exception:")
        w.emit("    kw = {}")
        for a in attrs.fields(cls):
            if a.default is attrs.NOTHING:
                w.emit(f"    kw[{a.name!r}] = {a.name}")
            else:
                w.emit(f"    if {a.name} is not _MISSING: kw[{a.name!r}] = {a.name}")
        w.emit(f"    return {w.bind(cls, 'cls')}(**kw)")
    w.names.update(
        _Reject=Reject, _MISSING=_MISSING, _new=object.__new__, _datetime=_datetime, _nfc=_nfc
    )
    return w.compile("init", cls)


def _check_by_type(w: _Writer, ind: str, tp: Any) -> None:
    """Check ``v`` against a field's type hint alone; anything unsure goes to cattrs."""
    if tp in (str, int, bool, float):
        w.emit(f"{ind}if type(v) is not {tp.__name__}:")
        w.emit(f"{ind}    raise _Reject")
    elif typing.get_origin(tp) is tuple and typing.get_args(tp) == (str, Ellipsis):
        w.emit(f"{ind}if type(v) is not tuple and type(v) is not list:")
        w.emit(f"{ind}    raise _Reject")
        w.emit(f"{ind}for x in v:")
        w.emit(f"{ind}    if type(x) is not str:")
        w.emit(f"{ind}        raise _Reject")
        w.emit(f"{ind}v = tuple(v)")
    else:
        w.emit(f"{ind}raise _Reject")


def _slot_setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """The setter of a slotted class's field, bypassing a frozen class's ``__setattr__``."""
    descriptor = cls.__dict__.get(name)
    setter: Callable[[Any, Any], None] | None = getattr(descriptor, "__set__", None)
    if setter is None:  # pragma: no cover - every engagekit model is slotted
        return lambda inst, value: object.__setattr__(inst, name, value)
    return setter


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
