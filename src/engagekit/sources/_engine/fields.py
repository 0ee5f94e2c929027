"""Typed, positioned access to one decoded JSON record.

Platform readers read every value through a :class:`Fields` so that a wrong
type is a :class:`~engagekit.errors.ParseError` naming the file, the record and
the JSON path, never a ``KeyError`` or a silently wrong value.

>>> record = {"media": [{"creation_timestamp": "yesterday"}]}
>>> f = Fields(record, source="posts_1.json", record=17)
>>> try:
...     f.objects("media")[0].integer("creation_timestamp")
... except ParseError as err:
...     print(err.path, "|", err.message)
$.media[0].creation_timestamp | expected int, got 'yesterday' (str)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC
from datetime import datetime as _datetime
from typing import Any, Literal, overload

from engagekit.errors import ParseError, ValidationError
from engagekit.models import Post
from engagekit.sources._engine.base import Context

__all__ = ["Fields", "convert_each"]

_MISSING: Any = object()


class Fields:
    """A JSON object with its position: ``source``, ``record`` and ``path``."""

    __slots__ = ("data", "path", "record", "source")

    def __init__(self, data: Any, *, source: str, record: int | None, path: str = "$") -> None:
        if type(data) is not dict:
            raise ParseError(
                f"expected an object, got {_show(data)}", source=source, record=record, path=path
            )
        self.data: dict[str, Any] = data
        self.source = source
        self.record = record
        self.path = path

    def error(self, message: str, key: str | None = None) -> ParseError:
        """A ParseError at this object (or at ``key`` in it)."""
        path = self.path if key is None else f"{self.path}.{key}"
        return ParseError(message, source=self.source, record=self.record, path=path)

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str, default: Any = None) -> Any:
        """The value at ``key`` as decoded, unchecked."""
        return self.data.get(key, default)

    def _get(self, key: str, required: bool, kinds: tuple[type, ...], expected: str) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                raise self.error("required key is missing" if value is _MISSING
                                 else f"expected {expected}, got None", key)
            return None
        if type(value) not in kinds:
            raise self.error(f"expected {expected}, got {_show(value)}", key)
        return value

    @overload
    def string(self, key: str, *, required: Literal[True]) -> str: ...
    @overload
    def string(self, key: str, *, required: bool = False) -> str | None: ...
    def string(self, key: str, *, required: bool = False) -> str | None:
        """A str value, or None when absent or null (unless required)."""
        result: str | None = self._get(key, required, (str,), "str")
        return result

    def integer(self, key: str, *, required: bool = False, numeric_str: bool = False) -> int | None:
        """An int value; with ``numeric_str``, also a str of decimal digits (Twitter archives)."""
        value = self.data.get(key)
        if numeric_str and type(value) is str:
            # 30 digits is far beyond any platform id or count, and far below the length
            # at which int() itself refuses a string (a ValueError, not a ParseError)
            if value.isascii() and value.lstrip("-").isdigit() and len(value) <= 30:
                return int(value)
            raise self.error(f"expected an integer string, got {_show(value)}", key)
        result: int | None = self._get(key, required, (int,), "int")
        return result

    def number(self, key: str, *, required: bool = False) -> float | None:
        """A number as float."""
        value = self._get(key, required, (int, float), "number")
        return None if value is None else float(value)

    def boolean(self, key: str, *, required: bool = False) -> bool | None:
        """A bool value."""
        result: bool | None = self._get(key, required, (bool,), "bool")
        return result

    @overload
    def obj(self, key: str, *, required: Literal[True]) -> Fields: ...
    @overload
    def obj(self, key: str, *, required: bool = False) -> Fields | None: ...
    def obj(self, key: str, *, required: bool = False) -> Fields | None:
        """A nested object as Fields."""
        value = self._get(key, required, (dict,), "object")
        if value is None:
            return None
        return Fields(value, source=self.source, record=self.record, path=f"{self.path}.{key}")

    def require(self, key: str) -> Fields:
        """A nested object that must be there."""
        value = self._get(key, True, (dict,), "object")
        return Fields(value, source=self.source, record=self.record, path=f"{self.path}.{key}")

    def nonempty(self, key: str) -> str:
        """A str that must be there and not be empty."""
        value: str = self._get(key, True, (str,), "str")
        if not value:
            raise self.error("expected a non-empty str, got ''", key)
        return value

    @overload
    def timestamp(self, key: str) -> _datetime: ...
    @overload
    def timestamp(self, key: str, *, required: Literal[False]) -> _datetime | None: ...
    def timestamp(self, key: str, *, required: bool = True) -> _datetime | None:
        """An ISO 8601 / RFC 3339 date and time with an offset, in UTC."""
        value = self.string(key, required=required)
        if value is None:
            return None
        try:
            moment = _datetime.fromisoformat(value)
            if moment.utcoffset() is not None:
                return moment.astimezone(UTC)
        except (ValueError, OverflowError):
            pass
        raise self.error(f"expected an ISO 8601 date and time with an offset, got {value!r}", key)

    def moment(self, key: str) -> tuple[_datetime, bool]:
        """A date and time that must be there, in UTC, and whether it had no offset.

        A time without an offset (``2024-05-01T15:00:00``) is taken as UTC: the
        record does not say which zone it meant. A date without a time is refused.
        """
        value: str = self._get(key, True, (str,), "str")
        try:
            moment = _datetime.fromisoformat(value)
        except (ValueError, OverflowError):
            moment = None
        if moment is not None and len(value) > 10:
            if moment.utcoffset() is None:
                return moment.replace(tzinfo=UTC), True
            try:
                return moment.astimezone(UTC), False
            except OverflowError:
                pass
        raise self.error(f"expected an ISO 8601 date and time, got {value!r}", key)

    def objects(self, key: str, *, required: bool = False) -> list[Fields]:
        """A list of objects, each as Fields ([] when absent)."""
        return [
            Fields(item, source=self.source, record=self.record, path=f"{self.path}.{key}[{i}]")
            for i, item in enumerate(self.values(key, required=required))
        ]

    def values(self, key: str, *, required: bool = False) -> list[Any]:
        """A list of raw values ([] when absent)."""
        result: list[Any] | None = self._get(key, required, (list,), "array")
        return [] if result is None else result


def _show(value: Any) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def convert_each(
    items: Iterator[tuple[int, Any]],
    convert: Callable[[Any, int], Post | None],
    ctx: Context,
    *,
    source: str,
) -> Iterator[Post]:
    """Convert records one by one; a bad record goes to ``ctx.fail`` and reading goes on.

    ``convert`` returns ``None`` for a record it left out on purpose (after
    calling ``ctx.skip`` with the reason).
    """
    for index, item in items:
        try:
            post = convert(item, index)
        except ParseError as err:
            ctx.fail(err)
            continue
        except ValidationError as err:
            ctx.fail(ParseError(str(err), source=source, record=index))
            continue
        if post is not None:
            yield post
