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
``{1}`` ... name the given objects and ``{inst}`` the instance being built. In a
validator's expression ``{inst}.name`` of a field is written as that field's
local variable, which holds what its slot was just set to (one load, not an
attribute lookup).
When the expression is false the real converter or validator is called, so the
result and the error (its type, its ``field``, its message) are always those
of ``cls(**kwargs)``; an expression can only make a call unnecessary, never
change an outcome. ``tests/test_io_codegen.py`` checks this over every model
with arbitrary values, valid and invalid.

A class using attrs features this module does not write (``init=False``
fields, ``attrs.Converter`` objects, ``__attrs_pre_init__``, dict classes, a
field named like a name the generated code reads) gets ``cls`` itself back:
slower, never different.

The writer is also the one the JSON layer uses: :func:`write` takes a
:class:`Reader` saying where each field's value comes from. The constructor's
reader takes keyword arguments; ``engagekit.io._codegen``'s takes the keys of a
JSON object and shapes each JSON value first (a list into a tuple, a nested
object through its own class's function), so ``loads`` builds every object with
one generated call whose conversions, checks and defaults are these, written
from the same ``attrs.fields(cls)``. The generated text is kept on the function
as ``__engagekit_source__``; ``engagekit.io._codegen.source(Post)`` returns it.
"""

from __future__ import annotations

import io
import re
import threading
import tokenize
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar, cast

import attrs
from attr import _config

__all__ = ["Reader", "Writer", "constructor", "writable", "write"]

T = TypeVar("T")
P = ParamSpec("P")

_CACHE: dict[type, Callable[..., Any]] = {}
_LOCK = threading.Lock()


def constructor(cls: Callable[P, T]) -> Callable[P, T]:
    """A keyword constructor equal to ``cls(**kwargs)`` in values and errors, without its cost.

    >>> from engagekit.models import Hashtag
    >>> constructor(Hashtag)(text="#StayCommitted", start=0, end=14)
    Hashtag(text='StayCommitted', start=0, end=14)

    Typed as ``cls`` is called, so mypy checks every keyword of a call through it.
    """
    key = cast(type, cls)
    made = _CACHE.get(key)
    if made is None:
        with _LOCK:
            made = _CACHE.get(key)
            if made is None:
                made = (write(key, Reader()) if writable(key) else None) or key
                _CACHE[key] = made
    return cast(Callable[P, T], made)


def writable(cls: type) -> bool:
    """Whether :func:`write` can write a builder for ``cls`` (else use ``cls`` itself)."""
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


class Writer:
    """Source lines plus the objects they name."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {}
        self.read: set[str] = set()  # names the declared expressions and shaping lines read

    def bind(self, value: Any, hint: str) -> str:
        name = f"_ek_{hint}_{len(self.names)}"
        self.names[name] = value
        return name

    def reads(self, text: str) -> None:
        """Note the names ``text`` reads (not attributes), which no field's local may shadow."""
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
        for before, token in zip([None, *tokens], tokens, strict=False):
            if token.type == tokenize.NAME and (before is None or before.string != "."):
                self.read.add(token.string)

    def expression(self, declared: Any) -> str | None:
        """The Python text of an ``inline`` or ``unchanged`` declaration, its names bound."""
        if declared is None:
            return None
        if isinstance(declared, str):
            text = declared
        else:
            template, objects = declared
            text = template.format(*(self.bind(o, "k") for o in objects), inst="_ek_self")
        self.reads(text)
        return text


class Reader:
    """Where a written builder takes each field's value from: keyword arguments.

    The constructor's reader; ``engagekit.io._codegen`` subclasses it to read
    a JSON object instead. ``absent`` names, for a field with a default, the
    object that stands for "not given" (the default itself, or ``attrs.NOTHING``).
    """

    what = "constructor"
    name = "__init__"
    #: whether the code counts the given values in ``_ek_n`` (for a check in :meth:`after`)
    counts = False

    def head(self, w: Writer, cls: type, absent: dict[str, str | None]) -> list[str]:
        """The ``def`` line (and any checks before the fields)."""
        params = [a if marker is None else f"{a}={marker}" for a, marker in absent.items()]
        return [f"def {self.name}(*, {', '.join(params)}):"]

    def given(self, w: Writer, a: attrs.Attribute[Any], absent: str | None) -> str:
        """The expression of the value given for ``a`` (``absent`` when none is)."""
        return a.alias or a.name

    def shape(self, w: Writer, a: attrs.Attribute[Any]) -> list[str]:
        """Lines turning a given value ``v`` into what ``cls(**kwargs)`` takes; none here."""
        return []

    def local(self, a: attrs.Attribute[Any]) -> str:
        """The local variable that holds the field's value once converted."""
        return a.alias or a.name

    def after(self, w: Writer, cls: type) -> list[str]:
        """Lines once every field is set, before the validators; none here."""
        return []

    def finish(self, fn: Callable[..., Any], cls: type) -> None:
        fn.__qualname__ = f"{cls.__qualname__}.__init__"  # the name Python's TypeErrors give
        fn.__doc__ = f"``{cls.__qualname__}(**kwargs)``, generated by engagekit.models._construct."


def write(cls: type, reader: Reader) -> Callable[..., Any] | None:
    """Write ``cls``'s builder as ``reader`` takes values; None if a field's name gets in the way.

    ``cls`` must be :func:`writable`. In attrs' order: each field's value is
    taken (and shaped), its default or factory used when none is given, its
    converter applied and the value set; then, unless switched off, each
    validator runs.
    """
    w = Writer()
    fields = attrs.fields(cls)
    body = [f"    _ek_self = {w.bind(object.__new__, 'new')}({w.bind(cls, 'cls')})"]
    absent: dict[str, str | None] = {}
    for a in fields:
        body += _take(w, reader, a, absent)
        body.append(f"    {w.bind(cls.__dict__[a.name].__set__, 'set')}(_ek_self, v)")
    body += reader.after(w, cls)
    checks = [a for a in fields if a.validator is not None]
    # once every field is set, a field's local holds exactly what its slot holds
    slot = re.compile(r"\b_ek_self\.(" + "|".join(re.escape(a.name) for a in fields) + r")\b")
    locals_ = {a.name: reader.local(a) for a in fields}
    if checks:  # ... then, unless switched off, run each validator in order
        body.append(f"    if {w.bind(_config, 'config')}._run_validators is True:")
        for a in checks:
            call = f"{w.bind(a.validator, 'val')}(_ek_self, {w.bind(a, 'attr')}, v)"
            declared = getattr(a.validator, "inline", None)
            inline = w.expression(declared)
            if inline is not None:
                inline = slot.sub(lambda m: locals_[m.group(1)], inline)
            if _plain_default(a) and _holds(declared, a.default):
                inline = f"v is {w.bind(a.default, 'default')} or ({inline})"
            body.append(f"        v = {reader.local(a)}")
            if inline is None:
                body.append(f"        {call}")
            else:
                body += [f"        if not ({inline}):", f"            {call}"]
    if hasattr(cls, "__attrs_post_init__"):
        body.append("    _ek_self.__attrs_post_init__()")
    body.append("    return _ek_self")
    if {reader.local(a) for a in fields} & (w.read | {"v", "_ek_self"}):
        return None  # a field's local would hide a name the code reads
    source = "\n".join([*reader.head(w, cls, absent), *body])
    namespace = dict(w.names)
    exec(compile(source, f"<engagekit {reader.what} for {cls.__qualname__}>", "exec"), namespace)
    fn: Callable[..., Any] = namespace[reader.name]
    fn.__module__ = cls.__module__
    fn.__engagekit_source__ = source  # type: ignore[attr-defined]
    reader.finish(fn, cls)
    return fn


def _take(w: Writer, reader: Reader, a: attrs.Attribute[Any],
          absent: dict[str, str | None]) -> list[str]:
    """Lines leaving field ``a``'s converted value in ``v`` (and in its local)."""
    shape = reader.shape(w, a)
    plain = _plain_default(a)
    if a.default is attrs.NOTHING:
        marker = None
    elif plain and not shape and not reader.counts:  # passed as it is: no marker of its own
        marker = w.bind(a.default, "default")
    else:
        marker = w.bind(attrs.NOTHING, "nothing")
    absent[a.alias or a.name] = marker
    made = None  # the value to use when none is given, if the code must make it
    default: Any = a.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory = w.bind(default.factory, "factory")
        made = f"{factory}(_ek_self)" if default.takes_self else f"{factory}()"
    elif plain and marker is not None and w.names[marker] is attrs.NOTHING:
        made = w.bind(default, "default")
    declared = getattr(a.converter, "unchanged", None)
    default_holds = plain and _holds(declared, a.default)
    convert: list[str] = []
    if a.converter is not None:
        call = f"v = {w.bind(a.converter, 'conv')}(v)"
        unchanged = w.expression(declared)
        if default_holds and made is None:  # the default itself needs no converting
            unchanged = f"v is {marker} or ({unchanged})"
        convert = [call] if unchanged is None else [f"if not ({unchanged}):", f"    {call}"]
    given = reader.given(w, a, marker)
    lines = [f"v = {given}"]
    if made is None:
        lines += shape + convert
    else:
        lines += [f"if v is {marker}:", f"    v = {made}"]
        inside = (["_ek_n += 1"] if reader.counts else []) + shape
        inside += convert if default_holds else []  # only a given value needs them
        if inside:
            lines += ["else:", *(f"    {line}" for line in inside)]
        if not default_holds:
            lines += convert
    if given != reader.local(a) or len(lines) > 1:
        lines.append(f"{reader.local(a)} = v")
    return [f"    {line}" for line in lines]


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
