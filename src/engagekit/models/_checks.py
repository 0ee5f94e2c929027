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

E = TypeVar("E", bound=Enum)
T = TypeVar("T")

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _fail(inst: Any, attr: attrs.Attribute[Any], expected: str, value: Any) -> ValidationError:
    field = f"{type(inst).__name__}.{attr.name}"
    return ValidationError(
        f"expected {expected}, got {value!r} ({type(value).__name__})", field=field, value=value
    )


def is_str(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str:
        raise _fail(inst, attr, "str", value)


def is_nonempty_str(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str or not value:
        raise _fail(inst, attr, "a non-empty str", value)


def is_opt_str(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and type(value) is not str:
        raise _fail(inst, attr, "str or None", value)


def is_opt_count(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (type(value) is not int or value < 0):
        raise _fail(inst, attr, "an int >= 0 or None", value)


def is_count(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not int or value < 0:
        raise _fail(inst, attr, "an int >= 0", value)


def is_opt_number(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (type(value) not in (int, float) or value < 0):
        raise _fail(inst, attr, "a number >= 0 or None", value)


def is_dict(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not dict or any(type(k) is not str for k in value):
        raise _fail(inst, attr, "a dict with str keys", value)


def instance_of(cls: type[Any], *, optional: bool = False) -> Validator:
    """A validator accepting instances of ``cls`` (and ``None`` when optional)."""
    label = f"{cls.__name__} or None" if optional else cls.__name__

    def check(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
        if isinstance(value, cls) or (optional and value is None):
            return
        raise _fail(inst, attr, label, value)

    return check


def tuple_of(cls: type[Any]) -> Validator:
    """A validator for a tuple whose items are all instances of ``cls``."""

    def check(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
        for i, item in enumerate(value):
            if not isinstance(item, cls):
                field = f"{type(inst).__name__}.{attr.name}[{i}]"
                raise ValidationError(
                    f"expected {cls.__name__}, got {item!r} ({type(item).__name__})",
                    field=field,
                    value=item,
                )

    return check


def span(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    """Validate ``end``: both offsets None, or ints with ``0 <= start <= end``."""
    start = inst.start
    if start is None and value is None:
        return
    if type(start) is not int or type(value) is not int or not 0 <= start <= value:
        field = f"{type(inst).__name__}.start/end"
        raise ValidationError(
            f"expected both None or ints with 0 <= start <= end, got ({start!r}, {value!r})",
            field=field,
            value=(start, value),
        )


def to_tuple(value: Any) -> tuple[Any, ...]:
    """Convert any iterable but a str or a mapping to a tuple (tuples pass through untouched)."""
    if type(value) is tuple:
        return value
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        raise ValidationError(
            f"expected a sequence, got {value!r} ({type(value).__name__})", value=value
        )
    return tuple(value)


def wrapping_tuple(cls: type[Any], name: str) -> Callable[[Any], tuple[Any, ...]]:
    """Like :func:`to_tuple`, but a plain str item becomes ``cls(**{name: item})``."""

    def convert(value: Any) -> tuple[Any, ...]:
        items = to_tuple(value)
        for item in items:
            if type(item) is str:
                return tuple(cls(**{name: x}) if type(x) is str else x for x in items)
        return items

    return convert


def to_enum(enum: type[E]) -> Callable[[Any], E]:
    """A converter accepting an ``enum`` member or its string value."""

    def convert(value: Any) -> E:
        if type(value) is enum:
            return value
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in enum)
            raise ValidationError(
                f"expected one of {allowed}, got {value!r} ({type(value).__name__})", value=value
            ) from None

    return convert


def nfc(value: Any) -> Any:
    """NFC-normalize a str (other values pass through for the validator to reject)."""
    if type(value) is str and not value.isascii() and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value


def to_utc(value: Any) -> Any:
    """Normalize an aware datetime to UTC; reject naive ones."""
    if isinstance(value, datetime):
        offset = value.utcoffset()
        if offset is None:
            raise ValidationError(
                f"expected a timezone-aware datetime, got naive {value!r}", value=value
            )
        if value.tzinfo is not timezone.utc:
            return value.astimezone(timezone.utc)
    return value


def is_datetime(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, datetime):
        raise _fail(inst, attr, "an aware datetime", value)


def is_opt_datetime(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, datetime):
        raise _fail(inst, attr, "an aware datetime or None", value)


def strip_sigil(*sigils: str) -> Callable[[Any], Any]:
    """A converter that NFC-normalizes a str and removes one leading sigil."""

    def convert(value: Any) -> Any:
        value = nfc(value)
        if type(value) is str and value[:1] in sigils:
            return value[1:]
        return value

    return convert


def named(converter: Callable[[Any], T], cls_field: str) -> Callable[[Any], T]:
    """Wrap a converter so that its ValidationError names ``cls_field``."""

    def convert(value: Any) -> T:
        try:
            return converter(value)
        except ValidationError as err:
            raise ValidationError(err.message, field=cls_field, value=value) from None

    return convert
