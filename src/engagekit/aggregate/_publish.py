"""Small-cell suppression: turn aggregation rows into a table that is safe to publish.

:func:`publish` reads what each row field is from its ``"engagekit.publish"``
metadata (a count, a value, or a label) and returns a :class:`Publication`
whose cells are either the row's figure or a :class:`Suppressed` marker saying
why it is withheld. The rule and its guarantee are explained in
``docs/publishing.md``; in short:

* primary: a count from 1 to ``min_count - 1`` is withheld (0 is published);
* row: when any count of a row is withheld, all its counts and values are;
* complementary: in every line (a series, a cross-section, a whole column),
  a withheld non-zero count gets company, so that subtracting the published
  cells from the line's total gives only a sum of at least ``min_count``.

>>> from engagekit.aggregate import KeyCount
>>> from datetime import datetime, timezone
>>> when = datetime(2024, 5, 2, tzinfo=timezone.utc)
>>> def row(key, posts):
...     return KeyCount(key=key, display=key, variants=(), posts=posts, authors=posts,
...                     likes=3 * posts, likes_known=posts, first=when, last=when)
>>> table = publish([row("coffeewithacop", 40), row("bluelives", 12), row("jaydenbday", 2)])
>>> [(r["key"], r["posts"], r["likes"]) for r in table.to_dicts()]
[('coffeewithacop', 40, 120), ('bluelives', 'suppressed (complementary)', 'suppressed (row)'),
 ('jaydenbday', 'suppressed (primary)', 'suppressed (row)')]
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import attrs

from engagekit.aggregate._base import PUBLISH, check_positive
from engagekit.errors import ArgumentError

__all__ = ["METHOD", "Publication", "PublicationRule", "PublishedColumn", "Suppressed",
           "SuppressedCell", "publish"]

#: The method :func:`publish` applies, as recorded in :attr:`PublicationRule.method`.
METHOD = "primary + complementary"

_KINDS = ("label", "count", "value")


class Suppressed(enum.Enum):
    """The marker a withheld cell holds instead of its figure, with the reason.

    ``PRIMARY``: a count from 1 to ``min_count - 1`` (or a value listing such
    counts); ``COMPLEMENTARY``: a count withheld so that another cannot be
    worked out from a total; ``ROW``: withheld because another count of the
    same row is. A marker is written as its value (``"suppressed (primary)"``),
    never as 0 or an empty cell.
    """

    PRIMARY = "suppressed (primary)"
    COMPLEMENTARY = "suppressed (complementary)"
    ROW = "suppressed (row)"

    @property
    def reason(self) -> str:
        """``"primary"``, ``"complementary"`` or ``"row"``."""
        return self.name.lower()

    def __str__(self) -> str:
        return self.value


def _check_kind(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in _KINDS:
        raise ArgumentError(f"expected one of {', '.join(map(repr, _KINDS))}",
                            argument=attribute.name, value=value)


_REASONS = tuple(member.reason for member in Suppressed)


def _check_reason(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in _REASONS:
        raise ArgumentError(f"expected one of {', '.join(map(repr, _REASONS))}",
                            argument=attribute.name, value=value)


@attrs.frozen(kw_only=True)
class PublishedColumn:
    """One column of a :class:`Publication`: a dotted field name and what it holds."""

    #: The row field, dotted for a field of a nested row (``"likes.mean"``).
    name: str
    #: ``"label"`` (never withheld), ``"count"`` (checked) or ``"value"`` (withheld with its row).
    kind: str = attrs.field(validator=_check_kind)


@attrs.frozen(kw_only=True)
class PublicationRule:
    """The rule a :class:`Publication` was made with."""

    #: The smallest non-zero count published.
    min_count: int
    #: How cells were chosen: ``"primary + complementary"``.
    method: str
    #: The lines checked for complementary suppression, such as ``"start within group"``
    #: (each group's series) and ``"group within start"`` (each time's cross-section).
    lines: tuple[str, ...]


@attrs.frozen(kw_only=True)
class SuppressedCell:
    """Where one withheld cell is: its row's index, its column's name, and why."""

    row: int
    column: str
    reason: str = attrs.field(validator=_check_reason)


def _render(cell: Any) -> str:
    if isinstance(cell, Suppressed):
        return f"[{cell.reason}]"
    text = cell.isoformat() if hasattr(cell, "isoformat") else (
        f"{cell:.6g}" if isinstance(cell, float) else str(cell))
    return text if len(text) <= 40 else text[:39] + "…"


@attrs.frozen(kw_only=True)
class Publication:
    """A table ready to publish: labels and figures, with withheld cells marked.

    ``rows[i][j]`` is the figure of column ``columns[j]`` in row ``i`` (the
    input's order), or a :class:`Suppressed` marker. Nested rows are plain
    values: a tuple of :class:`~engagekit.aggregate.Variant` becomes a tuple of
    dicts, so every cell is ready for JSON. ``suppressed`` lists every
    withheld cell, row by row.
    """

    rule: PublicationRule
    columns: tuple[PublishedColumn, ...]
    rows: tuple[tuple[Any, ...], ...]
    suppressed: tuple[SuppressedCell, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(column.name for column in self.columns)

    def withheld(self, row: int) -> bool:
        """Whether every count of row ``row`` is withheld (its labels alone are left)."""
        cells = [cell for cell, column in zip(self.rows[row], self.columns, strict=True)
                 if column.kind == "count" and cell is not None]
        return bool(cells) and all(isinstance(cell, Suppressed) for cell in cells)

    def to_dicts(self, *, marker: str | None = None,
                 drop_withheld: bool = False) -> list[dict[str, Any]]:
        """One dict per row, keyed by column name, for a CSV or report writer.

        A withheld cell becomes ``marker``, or the marker's own text
        (``"suppressed (primary)"``) when ``marker`` is None. With
        ``drop_withheld`` a row whose every count is withheld is left out with
        its labels: use it for tables keyed by free text (hashtags, mentions),
        where a rare key can itself name a person. Leaving such rows out never
        weakens the guarantee, since a reader learns only less.
        """
        names = self.names
        out = []
        for i, row in enumerate(self.rows):
            if drop_withheld and self.withheld(i):
                continue
            out.append({name: (cell.value if marker is None else marker)
                        if isinstance(cell, Suppressed) else cell
                        for name, cell in zip(names, row, strict=True)})
        return out

    def __str__(self) -> str:
        lines = ", ".join(self.rule.lines) or "none"
        head = (f"min_count={self.rule.min_count} ({self.rule.method}; lines: {lines}); "
                f"{len(self.suppressed)} of {len(self.rows) * len(self.columns)} cells withheld")
        table = [list(self.names)] + [[_render(cell) for cell in row] for row in self.rows]
        if not self.columns:
            return head
        widths = [max(len(row[j]) for row in table) for j in range(len(self.columns))]
        body = ["  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True))
                .rstrip() for row in table]
        return "\n".join([head, *body])


# --- reading the rows' declaration -------------------------------------------------------------

@attrs.frozen
class _Column:
    name: str
    kind: str
    path: tuple[str, ...]

    def get(self, row: Any) -> Any:
        value = row
        for name in self.path:
            if value is None:
                return None
            value = getattr(value, name)
        return value


def _nested_class(cls: type, field: attrs.Attribute[Any], values: list[Any]) -> type | None:
    """The attrs class a field holds (``X`` or ``X | None``), if it holds one.

    The declared type decides; when it cannot be resolved, the values held do.
    """
    try:
        hint = typing.get_type_hints(cls)[field.name]
    except Exception:  # noqa: BLE001 - an unresolvable hint: decide from the values instead
        found = {type(value) for value in values if value is not None}
        return next(iter(found)) if len(found) == 1 and attrs.has(next(iter(found))) else None
    options = [arg for arg in typing.get_args(hint) if arg is not type(None)] or [hint]
    if len(options) == 1 and isinstance(options[0], type) and attrs.has(options[0]):
        return options[0]
    return None


def _columns(cls: type, rows: list[Any], outer: str = "label",
             prefix: tuple[str, ...] = ()) -> Iterator[_Column]:
    """Every cell of ``cls`` rows: a nested row's fields become dotted columns.

    A nested field's kind is its own metadata, else the kind of the field holding it.
    """
    for field in attrs.fields(cls):
        kind = field.metadata.get(PUBLISH, outer)
        path = (*prefix, field.name)
        values = [getattr(row, field.name) for row in rows if row is not None]
        nested = _nested_class(cls, field, values)
        if nested is not None:
            yield from _columns(nested, values, kind, path)
        else:
            yield _Column(".".join(path), kind, path)


_SCALARS = frozenset({str, int, float, bool, type(None), datetime})


def _plain(value: Any) -> Any:
    """A cell's value with nested rows as dicts, so it is ready for JSON."""
    if type(value) in _SCALARS:
        return value
    if attrs.has(type(value)):
        return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, (tuple, list)):
        return tuple(_plain(item) for item in value)
    return value


def _small_inside(value: Any, min_count: int) -> bool:
    """Whether a value holding nested rows (variants) lists a count from 1 to min_count - 1."""
    if attrs.has(type(value)):
        for f in attrs.fields(type(value)):
            inner = getattr(value, f.name)
            if f.metadata.get(PUBLISH) == "count" and type(inner) is int and 0 < inner < min_count:
                return True
            if _small_inside(inner, min_count):
                return True
        return False
    if isinstance(value, (tuple, list)):
        return any(_small_inside(item, min_count) for item in value)
    return False


# --- lines --------------------------------------------------------------------------------------

def _determines(a: list[Any], b: list[Any]) -> bool:
    """Whether the values of ``b`` are a function of the values of ``a`` over the rows."""
    seen: dict[Any, Any] = {}
    return all(seen.setdefault(_hashable(x), y) == y for x, y in zip(a, b, strict=True))


def _lines(labels: list[tuple[str, list[Any]]], n: int) -> tuple[tuple[str, ...],
                                                                 list[tuple[int, ...]]]:
    """The line names and the lines (tuples of row indices) of a table.

    A label with one value over the rows, or one that pairs one-to-one with
    another label (``end`` with ``start``), splits nothing the others do not:
    it is left out. With one label left, or none, the whole table is one line;
    with several, each set of rows sharing every label value but one is a line.
    """
    kept = list(labels)
    for item in reversed(labels):
        others = [other for other in kept if other is not item]
        if len(set(map(_hashable, item[1]))) <= 1 or any(
                _determines(other[1], item[1]) and _determines(item[1], other[1])
                for other in others):
            kept = others
    if len(kept) <= 1:
        name = kept[0][0] if kept else labels[0][0] if labels else "all rows"
        return (name,), ([tuple(range(n))] if n else [])
    names: list[str] = []
    lines: list[tuple[int, ...]] = []
    for k, (name, _) in enumerate(kept):
        fixed = [values for j, (_, values) in enumerate(kept) if j != k]
        within = ", ".join(other for j, (other, _) in enumerate(kept) if j != k)
        names.append(f"{name} within {within}")
        groups: dict[tuple[Any, ...], list[int]] = {}
        for i in range(n):
            groups.setdefault(tuple(_hashable(values[i]) for values in fixed), []).append(i)
        lines.extend(tuple(group) for group in groups.values())
    return tuple(names), lines


def _hashable(value: Any) -> Any:
    """A label as a dict key (a label holding a list or a dict is compared by its repr)."""
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


# --- the rule -----------------------------------------------------------------------------------

def _rows_of(rows: Any) -> tuple[Any, ...]:
    if attrs.has(type(rows)):
        return (rows,)
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Iterable):
        raise ArgumentError("expected attrs rows (a tuple of rows of one class, or one row)",
                            argument="rows", value=rows)
    return tuple(rows)


def publish(rows: Iterable[Any] | Any, *, min_count: int = 10) -> Publication:
    """Withhold the small counts of ``rows``, and whatever would give them away.

    ``rows`` is one row or rows of one attrs class whose fields carry
    ``"engagekit.publish"`` metadata (every aggregation
    result does). See ``docs/publishing.md`` for the rule and its guarantee.

    >>> from engagekit.aggregate import MetricSummary
    >>> row = MetricSummary(metric="likes", posts=4, known=4, unknown=0, total=40, mean=10.0,
    ...                     median=9.5, p90=15.0)
    >>> print(publish(row))
    min_count=10 (primary + complementary; lines: metric); 7 of 8 cells withheld
    metric  posts      known  unknown  total  mean   median  p90
    likes   [primary]  [row]  [row]    [row]  [row]  [row]   [row]
    """
    check_positive("min_count", min_count)
    table = _rows_of(rows)
    if not table:
        return Publication(rule=PublicationRule(min_count=min_count, method=METHOD, lines=()),
                           columns=(), rows=(), suppressed=())
    cls = type(table[0])
    if not attrs.has(cls):
        raise ArgumentError("expected attrs rows, such as an aggregation's result",
                            argument="rows", value=table[0])
    mixed = next((row for row in table if type(row) is not cls), None)
    if mixed is not None:
        raise ArgumentError(f"expected rows of one class ({cls.__name__}), got a "
                            f"{type(mixed).__name__}", argument="rows", value=mixed)
    columns = list(_columns(cls, list(table)))
    counts = [j for j, column in enumerate(columns) if column.kind == "count"]
    if not counts:
        raise ArgumentError(f"{cls.__name__} has no count field to check (see PUBLISH)",
                            argument="rows", value=cls)
    cells = [[column.get(row) for column in columns] for row in table]
    for i, row in enumerate(cells):
        for j in counts:
            if row[j] is not None and (type(row[j]) is not int or row[j] < 0):
                raise ArgumentError(f"row {i}: expected a whole number >= 0 in count "
                                    f"{columns[j].name!r}, got {row[j]!r}",
                                    argument="rows", value=table[i])
    labels = [(column.name, [row[j] for row in cells])
              for j, column in enumerate(columns) if column.kind == "label"]
    names, lines = _lines(labels, len(cells))
    reasons = _suppress(cells, counts, lines, min_count)
    return _publication(columns, cells, reasons, min_count, names)


def _suppress(cells: list[list[Any]], counts: list[int], lines: list[tuple[int, ...]],
              min_count: int) -> dict[int, dict[int, Suppressed]]:
    """The withheld count cells: ``{row: {column: reason}}`` (a row in it is withheld whole)."""
    out: dict[int, dict[int, Suppressed]] = {}
    for i, row in enumerate(cells):
        small = {j: Suppressed.PRIMARY for j in counts
                 if row[j] is not None and 0 < row[j] < min_count}
        if small:
            out[i] = small
    # per line and count column: how many cells are non-zero, and how many withheld ones are
    of_row: dict[int, list[int]] = {}
    for k, line in enumerate(lines):
        for i in line:
            of_row.setdefault(i, []).append(k)

    def nonzero(i: int, j: int) -> bool:
        value = cells[i][j]
        return value is not None and value > 0

    present = [{j: sum(nonzero(i, j) for i in line) for j in counts} for line in lines]
    hidden = [{j: sum(nonzero(i, j) for i in line if i in out) for j in counts} for line in lines]

    def withhold(i: int, j: int) -> None:
        out[i] = {j: Suppressed.COMPLEMENTARY}
        for k in of_row[i]:
            for c in counts:
                hidden[k][c] += nonzero(i, c)

    def preference(i: int, j: int, k: int) -> tuple[int, int, int, int]:
        # first, a complement that is not alone in another line (nothing could hide it there);
        # then one that also completes another line; then the smallest; then the first
        others = [m for m in of_row[i] if m != k]
        alone = any(present[m][j] == 1 for m in others)
        helps = sum(hidden[m][j] == 1 for m in others)
        return (alone, -helps, cells[i][j], i)

    changed = True
    while changed:
        changed = False
        for k, line in enumerate(lines):
            for j in counts:
                if not hidden[k][j]:
                    continue
                total = sum(cells[i][j] for i in line if i in out and cells[i][j] is not None)
                if hidden[k][j] >= 2 and total >= min_count:
                    continue
                candidates = [i for i in line if i not in out and nonzero(i, j)]
                if not candidates:
                    continue  # nothing left to withhold: the line's total is the withheld sum
                withhold(min(candidates, key=lambda i: preference(i, j, k)), j)
                changed = True
    return out


def _publication(columns: list[_Column], cells: list[list[Any]],
                 reasons: dict[int, dict[int, Suppressed]], min_count: int,
                 names: tuple[str, ...]) -> Publication:
    rows = []
    where = []
    values = [j for j, column in enumerate(columns) if column.kind == "value"]
    for i, row in enumerate(cells):
        given = reasons.get(i)
        marks: dict[int, Suppressed] = {}
        if given is not None:  # the whole row is withheld, each cell saying why
            other = (Suppressed.COMPLEMENTARY if Suppressed.COMPLEMENTARY in given.values()
                     else Suppressed.ROW)
            for j, column in enumerate(columns):
                if column.kind == "count":
                    marks[j] = given.get(j, other)
                elif column.kind == "value":
                    marks[j] = given.get(j, Suppressed.ROW)
        else:
            marks = {j: Suppressed.PRIMARY for j in values if _small_inside(row[j], min_count)}
        if not marks:
            rows.append(tuple(_plain(value) for value in row))
            continue
        out: list[Any] = []
        for j, value in enumerate(row):
            mark = marks.get(j)
            if mark is None:
                out.append(_plain(value))
            else:
                out.append(mark)
                where.append(SuppressedCell(row=i, column=columns[j].name, reason=mark.reason))
        rows.append(tuple(out))
    return Publication(
        rule=PublicationRule(min_count=min_count, method=METHOD, lines=names),
        columns=tuple(PublishedColumn(name=c.name, kind=c.kind) for c in columns),
        rows=tuple(rows), suppressed=tuple(where))
