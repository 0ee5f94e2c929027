"""The one cattrs converter engagekit owns.

It is built on cattrs' orjson preconf converter and made strict: a wrong type in
a document is an error with its JSON path, never a silently converted value
(stock cattrs turns ``null`` into ``'None'`` for a str field, a string into a
list of characters and ``"12"`` into ``12``). Unknown keys are errors too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from enum import Enum
from typing import Any, Literal, TypeVar, get_args, get_origin

import attrs
from cattrs import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.errors import AttributeValidationNote, IterableValidationNote
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.orjson import OrjsonConverter
from cattrs.preconf.orjson import make_converter as _make_orjson_converter

from engagekit.errors import ParseError, ValidationError
from engagekit.io import _codegen
from engagekit.models import MediaKind, Platform, Visibility
from engagekit.models._construct import constructor  # the readers' import of it

__all__ = [
    "configure_converter",
    "constructor",
    "converter",
    "make_converter",
    "to_parse_error",
]

T = TypeVar("T")


def _type_error(expected: str, value: Any) -> ValidationError:
    return ValidationError(f"expected {expected}, got {value!r} ({type(value).__name__})")


def _str(value: Any, _: Any) -> str:
    if type(value) is str:
        return value
    raise _type_error("str", value)


def _int(value: Any, _: Any) -> int:
    if type(value) is int:
        return value
    raise _type_error("int", value)


def _float(value: Any, _: Any) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise _type_error("number", value)


def _bool(value: Any, _: Any) -> bool:
    if type(value) is bool:
        return value
    raise _type_error("bool", value)


def _object(value: Any, _: Any) -> dict[str, Any]:
    if type(value) is dict:  # its values are checked by the model's validator
        return value
    raise _type_error("an object", value)


def _datetime(value: Any, _: Any) -> datetime:
    if type(value) is datetime:
        result = value
    elif type(value) is not str:
        raise _type_error("an RFC 3339 date-time string", value)
    else:
        try:
            result = datetime.fromisoformat(value)
        except ValueError:
            raise _type_error("an RFC 3339 date-time string", value) from None
    if result.tzinfo is None:
        raise _type_error("a date-time with a UTC offset", value)
    return result


def _enum_hook(enum_cls: type[Enum]) -> Callable[[Any, Any], Any]:
    allowed = ", ".join(repr(m.value) for m in enum_cls)

    def structure(value: Any, _: Any) -> Any:
        try:
            return enum_cls(value)
        except (ValueError, TypeError):
            raise _type_error(f"one of {allowed}", value) from None

    return structure


def _literal_hook(cl: Any) -> Callable[[Any, Any], Any]:
    """A ``Literal[...]``: one of its values, of the same type, or an error listing them."""
    allowed = get_args(cl)
    expected = f"one of {', '.join(map(repr, allowed))}"

    def structure(value: Any, _: Any) -> Any:
        for option in allowed:
            if type(value) is type(option) and value == option:
                return option
        raise _type_error(expected, value)

    return structure


def _is_literal(cl: Any) -> bool:
    origin: Any = get_origin(cl)
    return origin is Literal


def _is_homogeneous_tuple(cl: Any) -> bool:
    args = get_args(cl)
    return get_origin(cl) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_engagekit_attrs(cl: Any) -> bool:
    return attrs.has(cl) and getattr(cl, "__module__", "").startswith("engagekit.")


def configure_converter(conv: OrjsonConverter) -> None:
    """Make ``conv`` strict and teach it engagekit's models."""
    for cl, hook in ((str, _str), (int, _int), (float, _float), (bool, _bool)):
        conv.register_structure_hook(cl, hook)
    conv.register_structure_hook(datetime, _datetime)
    conv.register_structure_hook_func(lambda cl: cl == dict[str, Any], _object)
    for enum_cls in (Platform, Visibility, MediaKind):  # str subclasses: not the str hook
        conv.register_structure_hook(enum_cls, _enum_hook(enum_cls))

    def tuple_factory(cl: Any) -> Any:
        item_type = get_args(cl)[0]
        item_hook = conv.get_structure_hook(item_type)

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            if type(value) is not list and type(value) is not tuple:
                raise _type_error("a list", value)
            errors = []
            out = []
            for i, item in enumerate(value):
                try:
                    out.append(item_hook(item, item_type))
                except Exception as exc:  # noqa: BLE001 - regrouped with its index below
                    exc.__notes__ = [*getattr(exc, "__notes__", []),
                                     IterableValidationNote(f"item {i}", i, item_type)]
                    errors.append(exc)
            if errors:
                raise IterableValidationError("while structuring a list", errors, cl)
            return tuple(out)

        return structure

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_factory)
    conv.register_structure_hook_factory(_is_literal, _literal_hook)

    fast_structure: dict[type, Callable[[Any], Any]] = {}
    fast_unstructure: dict[type, Callable[[Any], Any]] = {}

    def fast_structure_for(cl: type) -> Callable[[Any], Any]:
        if cl not in fast_structure:
            fast_structure[cl] = _codegen.structure_fn(cl, fast_structure_for)
        return fast_structure[cl]

    def fast_unstructure_for(cl: type) -> Callable[[Any], Any]:
        if cl not in fast_unstructure:
            fast_unstructure[cl] = _codegen.unstructure_fn(cl, fast_unstructure_for)
        return fast_unstructure[cl]

    def structure_factory(cl: Any) -> Any:
        # The reference path: cattrs' generated function with detailed validation.
        reference = make_dict_structure_fn(
            cl, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
        )
        fast = fast_structure_for(cl)  # one generated call per object, nested ones included

        def structure(value: Any, _: Any) -> Any:
            if type(value) is cl:
                return value
            try:
                return fast(value)
            except Exception:  # noqa: BLE001 - the reference path decides, with a real error
                if not isinstance(value, dict):
                    raise _type_error("an object", value) from None
                return reference(value, cl)

        structure.reference = reference  # type: ignore[attr-defined]
        structure.fast = fast  # type: ignore[attr-defined]
        return structure

    conv.register_structure_hook_factory(_is_engagekit_attrs, structure_factory)
    conv.register_unstructure_hook_factory(_is_engagekit_attrs, fast_unstructure_for)


def make_converter() -> OrjsonConverter:
    """Return a new converter configured the engagekit way."""
    conv = _make_orjson_converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(conv)
    return conv


#: The converter engagekit itself uses; never cattrs' global one.
converter: OrjsonConverter = make_converter()


def _problems(exc: BaseException, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                yield from _problems(sub, f"{path}.{note.name}")
            elif isinstance(note, IterableValidationNote):
                yield from _problems(sub, f"{path}[{note.index}]")
            else:  # pragma: no cover - cattrs only attaches the two kinds above
                yield from _problems(sub, path)
        for sub in without:
            yield from _problems(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        yield path, f"unknown key(s) {', '.join(repr(k) for k in sorted(exc.extra_fields))}"
    elif isinstance(exc, ValidationError):
        if exc.field and "." in exc.field:
            attr = exc.field.split(".", 1)[1]
            if "/" not in attr:
                path = f"{path}.{attr}"
        yield path, exc.message
    elif isinstance(exc, KeyError):
        key = f".{exc.args[0]}"
        yield (path if path.endswith(key) else path + key), "required key is missing"
    elif isinstance(exc, (TypeError, ValueError, AttributeError)):
        yield path, f"{exc}"
    else:  # pragma: no cover - anything else is a bug in engagekit, not bad input
        raise exc


def to_parse_error(
    exc: BaseException, *, source: str | None = None, record: int | None = None, path: str = "$"
) -> ParseError:
    """Turn a structuring failure into one :class:`ParseError` naming the first problem's path.

    Further problems, if any, are summarized in the message.
    """
    problems = list(_problems(exc, path))
    first_path, message = problems[0]
    if len(problems) > 1:
        rest = "; ".join(f"{p}: {m}" for p, m in problems[1:4])
        more = f" and {len(problems) - 4} more" if len(problems) > 4 else ""
        message = f"{message} (also {rest}{more})"
    return ParseError(message, source=source, record=record, path=first_path)


def structure(data: Any, cls: type[T], *, source: str | None = None,
              record: int | None = None) -> T:
    """Structure ``data`` into ``cls`` with engagekit's converter, raising :class:`ParseError`."""
    try:
        return converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError, ValidationError, KeyError,
            TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, ParseError):
            raise
        raise to_parse_error(exc, source=source, record=record) from None
