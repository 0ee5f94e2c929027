"""Validators and converters shared by the model classes.

Each validator raises :class:`~engagekit.errors.ValidationError` naming the
field as ``Class.field``, the expectation and the value with its type, which is
the one message shape every model uses.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from enum import Enum
from typing import Any, TypeVar

import attrs

from engagekit.errors import ValidationError
from engagekit.models._enums import MediaKind, Platform, Visibility

__all__ = ["ValidationError"]

E = TypeVar("E", bound=Enum)

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

# A validator's ``inline`` is an expression over ``v`` that, when true, means the value
# passes (engagekit.models._construct tests it before calling); ``exact_type``, a pair
# ``(type, takes_none)``, says it refuses any value whose type is not exactly that one
# (but None when ``takes_none``), so the structure path need not check the JSON type again.


def _fail(inst: Any, attr: attrs.Attribute[Any], expected: str, value: Any) -> ValidationError:
    field = f"{type(inst).__name__}.{attr.name}"
    return ValidationError(
        f"expected {expected}, got {value!r} ({type(value).__name__})", field=field, value=value
    )


def is_str(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str:
        raise _fail(inst, attr, "str", value)


is_str.exact_type = (str, False)  # type: ignore[attr-defined]
is_str.inline = "type(v) is str"  # type: ignore[attr-defined]


def is_nonempty_str(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str or not value:
        raise _fail(inst, attr, "a non-empty str", value)


is_nonempty_str.exact_type = (str, False)  # type: ignore[attr-defined]
is_nonempty_str.inline = "type(v) is str and v != ''"  # type: ignore[attr-defined]


def is_opt_str(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and type(value) is not str:
        raise _fail(inst, attr, "str or None", value)


is_opt_str.exact_type = (str, True)  # type: ignore[attr-defined]
is_opt_str.inline = "v is None or type(v) is str"  # type: ignore[attr-defined]


def is_opt_nonempty_str(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (type(value) is not str or not value):
        raise _fail(inst, attr, "a non-empty str or None", value)


is_opt_nonempty_str.inline = (  # type: ignore[attr-defined]
    "v is None or (type(v) is str and v != '')"
)


#: The largest count or offset: a signed 64-bit int, which every writer holds (JSON, CSV, Arrow).
MAX_COUNT = 2**63 - 1


def _count_problem(value: Any) -> str | None:
    if type(value) is not int or value < 0:
        return "an int >= 0"
    return None if value <= MAX_COUNT else "an int >= 0 and below 2**63"


def is_opt_count(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    problem = None if value is None else _count_problem(value)
    if problem is not None:
        raise _fail(inst, attr, f"{problem} or None", value)


is_opt_count.exact_type = (int, True)  # type: ignore[attr-defined]
is_opt_count.inline = (  # type: ignore[attr-defined]
    f"v is None or (type(v) is int and 0 <= v <= {MAX_COUNT})"
)


def is_count(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    problem = _count_problem(value)
    if problem is not None:
        raise _fail(inst, attr, problem, value)


is_count.exact_type = (int, False)  # type: ignore[attr-defined]
is_count.inline = f"type(v) is int and 0 <= v <= {MAX_COUNT}"  # type: ignore[attr-defined]


def is_opt_number(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (type(value) not in (int, float) or value < 0):
        raise _fail(inst, attr, "a number >= 0 or None", value)


is_opt_number.inline = (  # type: ignore[attr-defined]
    "v is None or ((type(v) is int or type(v) is float) and v >= 0)"
)


#: The largest magnitude of an int in JSON values: 64-bit, which every JSON writer keeps.
_INT_RANGE = (-(2**63), 2**64 - 1)


_ROOT: Any = object()  # the key of the value checked, which has no key


def _at(parent: str, key: Any) -> str:
    return parent if key is _ROOT else f"{parent}[{key!r}]"


def _json_problem(value: Any) -> tuple[str, str, Any] | None:
    """The first value in ``value`` that is not plain JSON: ``(path, expected, found)``.

    JSON values are str, int (64-bit), finite float, bool, None, lists of them and
    dicts with str keys of them. Tuples, sets, datetimes, NaN and the like are not:
    writing them would change them, so ``loads(dumps(x)) == x`` could not hold.
    A key path is made only for a container's children or for the problem found, so
    the common case (a small flat dict of strings) makes none.
    """
    stack: list[tuple[str, Any, Any]] = [("", _ROOT, value)]  # (parent's path, key, value)
    while stack:
        parent, key, v = stack.pop()
        kind = type(v)
        if kind is str or kind is bool or v is None:
            continue
        if kind is int:
            if not _INT_RANGE[0] <= v <= _INT_RANGE[1]:
                return _at(parent, key), "an int within 64 bits", v
        elif kind is float:
            if v != v or v in (float("inf"), float("-inf")):
                return _at(parent, key), "a finite float", v
        elif kind is dict or kind is list:
            path = _at(parent, key)
            children = []
            for k, x in (v.items() if kind is dict else enumerate(v)):
                if kind is dict and type(k) is not str:
                    return f"{path}[{k!r}]", "str keys", k
                children.append((path, k, x))
            stack.extend(reversed(children))
        else:
            return _at(parent, key), "a JSON value (str, int, float, bool, None, list or dict)", v
    return None


def is_json_object(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    """A dict with str keys whose values are all plain JSON values, at any depth.

    The error names the key path of the first value that is not, such as
    ``Post.extra['when']``.
    """
    if type(value) is not dict:
        raise _fail(inst, attr, "a dict with str keys", value)
    if not value:
        return
    problem = _json_problem(value)
    if problem is not None:
        path, expected, found = problem
        field = f"{type(inst).__name__}.{attr.name}{path}"
        raise ValidationError(f"expected {expected}, got {found!r} ({type(found).__name__})",
                              field=field, value=found)


#: Passes when every key and every value is a str, which is plain JSON (the common ``extra``):
#: no walk, and in the generated constructors no call.
is_json_object.inline = (  # type: ignore[attr-defined]
    "type(v) is dict and (not v or ({0}.issuperset(map(type, v.values()))"
    " and {0}.issuperset(map(type, v))))", (frozenset({str}),))


def instance_of(cls: type[Any], *, optional: bool = False) -> Validator:
    """A validator accepting instances of ``cls`` (and ``None`` when optional)."""
    label = f"{cls.__name__} or None" if optional else cls.__name__

    def check(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
        if isinstance(value, cls) or (optional and value is None):
            return
        raise _fail(inst, attr, label, value)

    check.inline = (  # type: ignore[attr-defined]
        "v is None or type(v) is {0}" if optional else "type(v) is {0}", (cls,)
    )
    return check


#: ``inline``/``unchanged`` text for "a tuple whose items are all of type {1}" ({0}: that type in a
#: frozenset); one item, the usual case, is tested without building a map.
ALL_OF_TYPE = ("type(v) is tuple and (not v or (type(v[0]) is {1} if len(v) == 1"
               " else {0}.issuperset(map(type, v))))")


def tuple_of(cls: type[Any]) -> Validator:
    """A validator for a tuple whose items are all instances of ``cls``."""

    def check(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not tuple:
            raise _fail(inst, attr, f"a sequence of {cls.__name__}", value)
        for i, item in enumerate(value):
            if not isinstance(item, cls):
                field = f"{type(inst).__name__}.{attr.name}[{i}]"
                raise ValidationError(
                    f"expected {cls.__name__}, got {item!r} ({type(item).__name__})",
                    field=field,
                    value=item,
                )

    check.inline = (  # type: ignore[attr-defined]
        ALL_OF_TYPE, (frozenset([cls]), cls)
    )
    return check


def span(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    """Validate ``end``: both offsets None, or ints with ``0 <= start <= end``."""
    start = inst.start
    if start is None and value is None:
        return
    if type(start) is not int or type(value) is not int or not 0 <= start <= value <= MAX_COUNT:
        field = f"{type(inst).__name__}.start/end"
        raise ValidationError(
            f"expected both None or ints with 0 <= start <= end < 2**63, got ({start!r}, "
            f"{value!r})",
            field=field,
            value=(start, value),
        )


span.inline = (  # type: ignore[attr-defined]
    "(v is None and {inst}.start is None) or (type(v) is int and type({inst}.start) is int"
    f" and 0 <= {{inst}}.start <= v <= {MAX_COUNT})", ()
)


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Make a tuple of any iterable but a str, bytes or mapping (tuples pass through).

    Anything else is returned as it is, for the field's validator to refuse by name.
    """
    if type(value) is tuple:
        return value
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]
    return tuple(value)


to_tuple.unchanged = "type(v) is tuple"  # type: ignore[attr-defined]


def wrap_items(value: Iterable[Any], cls: type[Any], name: str) -> tuple[Any, ...]:
    """Like :func:`to_tuple`, but a plain str item becomes ``cls(**{name: item})``."""
    items = to_tuple(value)
    if type(items) is tuple:
        for item in items:
            if type(item) is str:
                return tuple(cls(**{name: x}) if type(x) is str else x for x in items)
    return items


def _enum(enum: type[E], value: Any) -> Any:
    if type(value) is enum:
        return value
    try:
        return enum(value)
    except (ValueError, TypeError):
        return value  # the validator refuses it, naming the field


def to_platform(value: Platform | str) -> Platform:
    """A :class:`Platform` from a member or its value."""
    result: Platform = _enum(Platform, value)
    return result


to_platform.unchanged = ("type(v) is {0}", (Platform,))  # type: ignore[attr-defined]


def to_visibility(value: Visibility | str) -> Visibility:
    """A :class:`Visibility` from a member or its value."""
    result: Visibility = _enum(Visibility, value)
    return result


to_visibility.unchanged = ("type(v) is {0}", (Visibility,))  # type: ignore[attr-defined]


def to_media_kind(value: MediaKind | str) -> MediaKind:
    """A :class:`MediaKind` from a member or its value."""
    result: MediaKind = _enum(MediaKind, value)
    return result


to_media_kind.unchanged = ("type(v) is {0}", (MediaKind,))  # type: ignore[attr-defined]


def is_enum(enum: type[Enum]) -> Validator:
    """A validator for members of ``enum``, listing the allowed values when it refuses."""
    allowed = ", ".join(repr(m.value) for m in enum)

    def check(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not enum:
            raise _fail(inst, attr, f"one of {allowed}", value)

    check.inline = ("type(v) is {0}", (enum,))  # type: ignore[attr-defined]
    return check


def nfc(value: str) -> str:
    """NFC-normalize a str (other values pass through for the validator to refuse)."""
    if type(value) is str and not value.isascii() and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value


# already NFC: ASCII, or checked by unicodedata in C (emoji and most non-Latin text)
nfc.unchanged = (  # type: ignore[attr-defined]
    "type(v) is str and (v.isascii() or {0}('NFC', v))", (unicodedata.is_normalized,)
)


def nfc_opt(value: str | None) -> str | None:
    """:func:`nfc` for optional fields."""
    return value if value is None else nfc(value)


nfc_opt.unchanged = (  # type: ignore[attr-defined]
    "v is None or (type(v) is str and (v.isascii() or {0}('NFC', v)))",
    (unicodedata.is_normalized,),
)


def _strip(value: str, sigils: str) -> str:
    value = nfc(value)
    if type(value) is str and value[:1] in sigils and value:
        return value[1:]
    return value


def strip_hash(value: str) -> str:
    """NFC, then drop one leading ``#`` (or full-width ``＃``)."""
    return _strip(value, "#＃")


strip_hash.unchanged = (  # type: ignore[attr-defined]
    "type(v) is str and v[:1] not in '#＃' and (v.isascii() or {0}('NFC', v))",
    (unicodedata.is_normalized,),
)


def strip_at(value: str) -> str:
    """NFC, then drop one leading ``@`` (or full-width ``＠``)."""
    return _strip(value, "@＠")


strip_at.unchanged = (  # type: ignore[attr-defined]
    "type(v) is str and v[:1] not in '@＠' and (v.isascii() or {0}('NFC', v))",
    (unicodedata.is_normalized,),
)


def strip_at_opt(value: str | None) -> str | None:
    """:func:`strip_at`, passing ``None`` through."""
    return None if value is None else strip_at(value)


strip_at_opt.unchanged = (  # type: ignore[attr-defined]
    "v is None or (type(v) is str and v.isascii() and v[:1] != '@')"
)


def strip_dollar(value: str) -> str:
    """NFC, then drop one leading ``$``."""
    return _strip(value, "$")


strip_dollar.unchanged = (  # type: ignore[attr-defined]
    "type(v) is str and v[:1] not in '$' and (v.isascii() or {0}('NFC', v))",
    (unicodedata.is_normalized,),
)


def to_utc(value: datetime) -> datetime:
    """Normalize an aware datetime to UTC (naive ones pass through for the validator)."""
    if isinstance(value, datetime) and value.tzinfo is not timezone.utc:
        if value.utcoffset() is None:
            return value
        return value.astimezone(timezone.utc)
    return value


to_utc.unchanged = (  # type: ignore[attr-defined]
    "type(v) is {0} and v.tzinfo is {1}", (datetime, timezone.utc)
)


def to_utc_opt(value: datetime | None) -> datetime | None:
    """:func:`to_utc` for optional fields."""
    return value if value is None else to_utc(value)


to_utc_opt.unchanged = (  # type: ignore[attr-defined]
    "v is None or (type(v) is {0} and v.tzinfo is {1})", (datetime, timezone.utc)
)


def is_datetime(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise _fail(inst, attr, "a timezone-aware datetime", value)


is_datetime.inline = (  # type: ignore[attr-defined]
    "type(v) is {0} and v.tzinfo is {1}", (datetime, timezone.utc)
)


def is_opt_datetime(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        is_datetime(inst, attr, value)


is_opt_datetime.inline = (  # type: ignore[attr-defined]
    "v is None or (type(v) is {0} and v.tzinfo is {1})", (datetime, timezone.utc)
)
