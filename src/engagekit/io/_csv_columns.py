"""The columns of engagekit's CSV (layout 3), derived from the attrs fields of ``Post``.

Private to :mod:`engagekit.io.csv`, which re-exports :class:`CsvColumn`,
:data:`COLUMNS` and :func:`csv_columns`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import Any, Literal

import attrs

from engagekit.models import Post

__all__ = ["COLUMNS", "DERIVED", "FIELDS", "FIELD_COLUMNS", "KNOWN", "REQUIRED", "CsvColumn",
           "csv_columns"]

Kind = Literal["version", "text", "optional text", "enum", "datetime", "json", "derived"]


@attrs.frozen(kw_only=True)
class CsvColumn:
    """One column of engagekit's CSV.

    ``kind`` says how the cell is written: ``"text"`` (as is), ``"optional text"``
    (empty for ``None``; ``""`` and text starting with ``"`` as a JSON string),
    ``"enum"`` (the value), ``"datetime"`` (ISO 8601 in UTC), ``"json"`` (compact
    JSON from engagekit's converter), ``"version"`` or ``"derived"`` (written for
    spreadsheets, ignored on reading). ``type`` is the field's Python type.
    """

    name: str
    kind: Kind
    type: str
    optional: bool = False

    @property
    def read(self) -> bool:
        """Whether :func:`read_csv` reads the column (derived columns are ignored)."""
        return self.kind != "derived"


def _split_optional(tp: Any) -> tuple[Any, bool]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1 and len(args) == 2:
            return rest[0], True
    return tp, False


def _type_name(tp: Any) -> str:
    if tp is Ellipsis:
        return "..."
    if tp is Any:
        return "Any"
    origin = typing.get_origin(tp)
    if origin is None:
        return str(getattr(tp, "__name__", tp))
    return f"{origin.__name__}[{', '.join(_type_name(a) for a in typing.get_args(tp))}]"


def _field_column(field: attrs.Attribute[Any], tp: Any) -> CsvColumn:
    inner, optional = _split_optional(tp)
    kind: Kind
    if inner is str:
        kind = "optional text" if optional else "text"
    elif isinstance(inner, type) and issubclass(inner, Enum):
        kind = "enum"
    elif inner is datetime:
        kind = "datetime"
    else:
        kind = "json"
    name = _type_name(inner) + (" | None" if optional else "")
    return CsvColumn(name=field.name, kind=kind, type=name, optional=optional)


def _count(name: str) -> Callable[[Post], str]:
    def cell(post: Post) -> str:
        value = getattr(post.engagement, name)
        return "" if value is None else str(value)

    return cell


def _degrees(name: str) -> Callable[[Post], str]:
    def cell(post: Post) -> str:
        place = post.location
        point = None if place is None else place.coordinates
        return "" if point is None else repr(getattr(point, name))

    return cell


#: The derived columns, in order: name, type, and the cell of a post. Written, never read.
DERIVED: tuple[tuple[str, str, Callable[[Post], str]], ...] = (
    ("author_handle", "str", lambda p: "" if p.author is None else p.author.handle),
    ("hashtag_keys", "str", lambda p: " ".join(h.key for h in p.hashtags)),
    ("likes", "int", _count("likes")),
    ("comments", "int", _count("comments")),
    ("shares", "int", _count("shares")),
    ("views", "int", _count("views")),
    ("latitude", "float", _degrees("latitude")),
    ("longitude", "float", _degrees("longitude")),
)

_HINTS = typing.get_type_hints(Post)
#: The attrs fields of Post and their columns: one each, in field order, never a hand-kept list.
FIELDS: tuple[attrs.Attribute[Any], ...] = tuple(attrs.fields(Post))
FIELD_COLUMNS = tuple(_field_column(f, _HINTS[f.name]) for f in FIELDS)
_COLUMNS: tuple[CsvColumn, ...] = (
    CsvColumn(name="engagekit", kind="version", type="int"),
    *FIELD_COLUMNS,
    *(CsvColumn(name=name, kind="derived", type=tp) for name, tp, _ in DERIVED),
)

#: The column names, in order (the header row).
COLUMNS: tuple[str, ...] = tuple(c.name for c in _COLUMNS)
KNOWN = frozenset(COLUMNS)
#: The fields without a default: their columns must be present and their cells filled.
REQUIRED = frozenset(f.name for f in FIELDS if f.default is attrs.NOTHING)


def csv_columns() -> tuple[CsvColumn, ...]:
    """Every column of the layout, in order: the version, one per ``Post`` field, the derived.

    >>> [(c.name, c.kind) for c in csv_columns()][:4]
    [('engagekit', 'version'), ('id', 'text'), ('platform', 'enum'), ('created_at', 'datetime')]
    """
    return _COLUMNS
