"""The one trusted constructor: ``constructor(cls)(**kwargs)`` is ``cls(**kwargs)``, faster.

Readers build many small frozen objects, and attrs' ``__init__`` makes a
function call for every converter and every validator, even when the value is
plainly fine (a str for a str field, ``None`` for an optional one). For each
class this module writes, once, a keyword-only function from the class's own
attrs fields that does what ``__init__`` does, in the same order:

1. each field's converter, in field order (a factory default is made first);
2. each field's validator, in field order, once every field is set, unless
   attrs' validators are switched off.

A converter or validator may carry a cheap Python expression over ``v`` (the
value) that the generated code tests first:

* a converter's ``unchanged``: when true, the converter would return ``v``
  (or an equal value of the same type), so the call is skipped;
* a validator's ``inline``: when true, the validator would pass, so the call
  is skipped.

Either attribute is a str, or a ``(template, names)`` pair whose ``{0}``,
``{1}`` ... name the given objects and ``{inst}`` the instance being built.
When the expression is false the real converter or validator is called, so the
result and the error (its type, its ``field``, its message) are always those
of ``cls(**kwargs)``; an expression can only make a call unnecessary, never
change an outcome. ``tests/test_io_codegen.py`` checks this over every model
with arbitrary values, valid and invalid.

A class using attrs features this module does not write (``init=False``
fields, ``attrs.Converter`` objects, ``__attrs_pre_init__``, dict classes) gets
``cls`` itself back: slower, never different.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
from attr import _config

__all__ = ["constructor"]

T = TypeVar("T")

_CACHE: dict[type, Callable[..., Any]] = {}
_LOCK = threading.Lock()


def constructor(cls: type[T]) -> Callable[..., T]:
    """A keyword constructor equal to ``cls(**kwargs)`` in values and errors, without its cost.

    >>> from engagekit.models import Hashtag
    >>> constructor(Hashtag)(text="#StayCommitted", start=0, end=14)
    Hashtag(text='StayCommitted', start=0, end=14)
    """
    made = _CACHE.get(cls)
    if made is None:
        with _LOCK:
            made = _CACHE.get(cls)
            if made is None:
                made = _write(cls) if _writable(cls) else cls
                _CACHE[cls] = made
    return made


def _writable(cls: type) -> bool:
    if not attrs.has(cls) or "__slots__" not in cls.__dict__:
        return False
    if hasattr(cls, "__attrs_pre_init__"):
        return False
    for a in attrs.fields(cls):
        if not a.init or not a.kw_only or a.alias is None:
            return False
        if a.converter is not None and not callable(a.converter):
            return False
        if isinstance(a.converter, attrs.Converter):  # may take self or the field
            return False
        if not hasattr(cls.__dict__.get(a.name), "__set__"):
            return False
    return True


class _Writer:
    """Source lines plus the objects they name."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {}

    def bind(self, value: Any, hint: str) -> str:
        name = f"_ek_{hint}_{len(self.names)}"
        self.names[name] = value
        return name

    def expression(self, declared: Any) -> str | None:
        """The Python text of an ``inline`` or ``unchanged`` declaration, its names bound."""
        if declared is None:
            return None
        if isinstance(declared, str):
            return declared
        template, objects = declared
        text: str = template.format(*(self.bind(o, "k") for o in objects), inst="_ek_self")
        return text


def _write(cls: type) -> Callable[..., Any]:
    w = _Writer()
    fields = attrs.fields(cls)
    params = []
    for a in fields:
        if a.default is attrs.NOTHING:
            params.append(a.alias)
        elif isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            params.append(f"{a.alias}={w.bind(attrs.NOTHING, 'nothing')}")
        else:
            params.append(f"{a.alias}={w.bind(a.default, 'default')}")
    w.lines.append(f"def __init__(*, {', '.join(params)}):")
    w.lines.append(f"    _ek_self = {w.bind(object.__new__, 'new')}({w.bind(cls, 'cls')})")
    for a in fields:
        # attrs' __init__: convert and set each field in order ...
        w.lines.append(f"    v = {a.alias}")
        if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            factory = w.bind(a.default.factory, "factory")
            made = f"{factory}(_ek_self)" if a.default.takes_self else f"{factory}()"
            w.lines.append(f"    if v is {w.bind(attrs.NOTHING, 'nothing')}:")
            w.lines.append(f"        v = {made}")
        if a.converter is not None:
            call = f"v = {w.bind(a.converter, 'conv')}(v)"
            declared = getattr(a.converter, "unchanged", None)
            unchanged = w.expression(declared)
            if _plain_default(a) and _holds(declared, a.default):
                # the default itself needs no converting: skip the test when it is given
                unchanged = f"v is {w.bind(a.default, 'default')} or ({unchanged})"
            if unchanged is None:
                w.lines.append(f"    {call}")
            else:
                w.lines.append(f"    if not ({unchanged}):")
                w.lines.append(f"        {call}")
        if a.converter is not None or isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            w.lines.append(f"    {a.alias} = v")
        w.lines.append(f"    {w.bind(cls.__dict__[a.name].__set__, 'set')}(_ek_self, v)")
    checks = [a for a in fields if a.validator is not None]
    if checks:  # ... then, unless switched off, run each validator in order
        w.lines.append(f"    if {w.bind(_config, 'config')}._run_validators is True:")
        for a in checks:
            call = f"{w.bind(a.validator, 'val')}(_ek_self, {w.bind(a, 'attr')}, v)"
            declared = getattr(a.validator, "inline", None)
            inline = w.expression(declared)
            if _plain_default(a) and _holds(declared, a.default):
                inline = f"v is {w.bind(a.default, 'default')} or ({inline})"
            w.lines.append(f"        v = {a.alias}")
            if inline is None:
                w.lines.append(f"        {call}")
            else:
                w.lines.append(f"        if not ({inline}):")
                w.lines.append(f"            {call}")
    if hasattr(cls, "__attrs_post_init__"):
        w.lines.append("    _ek_self.__attrs_post_init__()")
    w.lines.append("    return _ek_self")
    source = "\n".join(w.lines)
    namespace = dict(w.names)
    exec(compile(source, f"<engagekit constructor for {cls.__qualname__}>", "exec"), namespace)
    fn: Callable[..., Any] = namespace["__init__"]
    fn.__qualname__ = f"{cls.__qualname__}.__init__"  # the name Python's TypeErrors give
    fn.__module__ = cls.__module__
    fn.__doc__ = f"``{cls.__qualname__}(**kwargs)``, generated by engagekit.models._construct."
    fn.__engagekit_source__ = source  # type: ignore[attr-defined]
    return fn


def _plain_default(a: attrs.Attribute[Any]) -> bool:
    return a.default is not attrs.NOTHING and not isinstance(
        a.default, attrs.Factory  # type: ignore[arg-type]
    )


def _holds(declared: Any, value: Any) -> bool:
    """Whether a declared expression is true of ``value`` alone (False if it needs the instance)."""
    if declared is None:
        return False
    objects: tuple[Any, ...] = ()
    if isinstance(declared, str):
        template = declared
    else:
        template, objects = declared
    if "{inst}" in template:
        return False
    names = {f"_ek_h{i}": o for i, o in enumerate(objects)}
    text = template.format(*names)
    return bool(eval(text, {**names, "v": value}))  # engagekit's own expressions
