"""The exceptions engagekit raises.

Every error engagekit raises on purpose is an :class:`EngageKitError`. The two
families users meet most are :class:`ValidationError` (a model was given a bad
value) and :class:`ParseError` (a file or document could not be read); both are
also :class:`ValueError`, so code that already catches ``ValueError`` keeps
working. :class:`LimitExceeded` (reading stopped at an explicit limit) is their
sibling, not a ``ParseError`` nor a ``ValueError``: a loop that skips or collects
bad records by catching ``ParseError`` can never swallow a limit.

>>> from engagekit.errors import ParseError
>>> err = ParseError("expected int, got 'yesterday'", source="posts_1.json",
...                  record=17, path="$.media[0].creation_timestamp")
>>> print(err)
posts_1.json: record 17 (0-based) at $.media[0].creation_timestamp: expected int, got 'yesterday'

``record`` counts from 0, as list indexes do, and ``str()`` says so; line numbers in
messages (``invalid JSON on line 3``) count from 1, as editors do.
"""

from __future__ import annotations

from typing import Any, Self

__all__ = [
    "ArgumentError",
    "EngageKitError",
    "LimitExceeded",
    "ParseError",
    "StreamConsumed",
    "UnsupportedFormat",
    "ValidationError",
]


class EngageKitError(Exception):
    """Base class of every error engagekit raises on purpose."""


class ValidationError(EngageKitError, ValueError):
    """A model was given a value that breaks one of its rules.

    ``field`` names the attribute (``"Post.created_at"``), ``value`` is what was
    given and ``message`` says what was expected.
    """

    def __init__(self, message: str, *, field: str | None = None, value: Any = None) -> None:
        self.message = message
        self.field = field
        self.value = value
        super().__init__(message, field, value)

    def __str__(self) -> str:
        if self.field is None:
            return self.message
        return f"{self.field}: {self.message}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, {"field": self.field, "value": self.value}))


class ArgumentError(EngageKitError, ValueError):
    """A function was called with an argument it cannot use.

    ``argument`` names the parameter (``"tz"``), ``value`` is what was given
    and ``message`` says what was expected.

    >>> print(ArgumentError("expected an IANA time zone such as 'America/Chicago'",
    ...                     argument="tz", value="Mars/Olympus"))
    tz='Mars/Olympus': expected an IANA time zone such as 'America/Chicago'
    """

    def __init__(self, message: str, *, argument: str, value: Any = None) -> None:
        self.message = message
        self.argument = argument
        self.value = value
        super().__init__(message, argument, value)

    def __str__(self) -> str:
        return f"{self.argument}={self.value!r}: {self.message}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.message,
                           {"argument": self.argument, "value": self.value}))


class _Positioned(EngageKitError):
    """An error at a place in the input: ``source``, ``record`` and a JSON ``path``."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        record: int | None = None,
        path: str | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.record = record
        self.path = path
        super().__init__(message, source, record, path)

    def __str__(self) -> str:
        where = []
        if self.source is not None:
            where.append(self.source)
        place = []
        if self.record is not None:
            place.append(f"record {self.record} (0-based)")
        if self.path is not None and self.path != "$":
            place.append(f"at {self.path}")
        if place:
            where.append(" ".join(place))
        return ": ".join([*where, self.message])

    def located(
        self,
        *,
        source: str | None = None,
        record: int | None = None,
        path_prefix: str | None = None,
    ) -> Self:
        """Return a copy of this error with a source, a record or an outer path filled in."""
        path = self.path
        if path_prefix is not None:
            path = path_prefix + (path[1:] if path and path.startswith("$") else "")
        return type(self)(
            self.message,
            source=self.source if source is None else source,
            record=self.record if record is None else record,
            path=path,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        kwargs = {"source": self.source, "record": self.record, "path": self.path}
        return (_rebuild, (type(self), self.message, kwargs))


class ParseError(_Positioned, ValueError):
    """A document, file or record could not be read.

    ``source`` names the file (or ``"<bytes>"``), ``record`` is the 0-based
    index of the record in it (``None`` for the document as a whole), ``path``
    is a JSON path inside the record (``"$.media[0].title"``), and ``message``
    says what was wrong.
    """


class LimitExceeded(_Positioned):
    """Reading stopped because an explicit limit (size, count, depth, ratio) was reached.

    It has a :class:`ParseError`'s ``source``, ``record`` and ``path``, but is not
    one: ``errors="skip"`` and ``errors="collect"`` skip bad records, never a limit,
    which always stops reading.

    >>> err = LimitExceeded("a line longer than max_record_bytes=64", source="a.jsonl", record=3)
    >>> print(err)
    a.jsonl: record 3 (0-based): a line longer than max_record_bytes=64
    >>> isinstance(err, ParseError)
    False
    """


class UnsupportedFormat(ParseError):
    """The input is not in a format engagekit knows how to read."""


class StreamConsumed(EngageKitError, RuntimeError):
    """A stream read from a file object was iterated again after it was used up."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = message
        self.source = source
        super().__init__(message, source)

    def __str__(self) -> str:
        return self.message if self.source is None else f"{self.source}: {self.message}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, {"source": self.source}))


def _rebuild(cls: type[Exception], message: str, kwargs: dict[str, Any]) -> Exception:
    return cls(message, **kwargs)
