"""One row of a CSV by column name: typed cells and errors that say where.

Private to :mod:`engagekit.sources.csv`. Every cell getter strips or checks its
value and raises a :class:`~engagekit.errors.ParseError` naming the file, the
record and the column.

>>> Row({"likes": "1,204"}, "page.csv", 0).count("likes")
1204
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

import orjson

from engagekit.errors import ParseError
from engagekit.sources._csv.mappings import ZONE_ABBREVIATIONS, CsvMapping, time_zone

__all__ = ["Row"]

# Possessive runs: a long run of digits must not be split every way before the match fails.
_MANGLED = re.compile(r"[+-]?(?:\d++\.?+\d*+|\.\d++)[eE][+-]?+\d++|\d++\.0++")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
# Tried only where a run of white space starts, so a long run is crossed once, not once a char.
_ZONE_SUFFIX = re.compile(r"(?<!\s)\s+([A-Za-z]{1,5})\Z")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class Row:
    """One CSV row by column name, with positioned errors."""

    __slots__ = ("cells", "label", "record")

    def __init__(self, cells: dict[str, str], label: str, record: int) -> None:
        self.cells, self.label, self.record = cells, label, record

    def error(self, message: str, column: str) -> ParseError:
        path = f"$.{column}" if _NAME.match(column) else f"$[{column!r}]"
        return ParseError(message, source=self.label, record=self.record, path=path)

    def get(self, column: str | None) -> str:
        if column is None:
            return ""
        value = self.cells.get(column, "")
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise self.error("invalid UTF-8 bytes", column) from None
        return value

    def opt(self, column: str | None) -> str | None:
        """The cell without surrounding white space, or None when that leaves nothing."""
        return self.get(column).strip() or None

    def cell(self, column: str) -> str | None:
        """The cell exactly, or None when it is empty (engagekit's own layout)."""
        return self.get(column) or None

    def key(self, column: str) -> str:
        value = self.ident(column)
        if value is None:
            raise self.error("required cell is empty", column)
        return value

    def ident(self, column: str | None) -> str | None:
        value = self.opt(column)
        if value is None:
            return None
        if _MANGLED.fullmatch(value):
            raise self.error(f"id {value!r} was turned into a number by a spreadsheet and its "
                             "digits are lost; export the data again without opening it in one",
                             column or "")
        return value

    def count(self, column: str | None) -> int | None:
        value = self.opt(column)
        if value is None:
            return None
        if _GROUPED.fullmatch(value):
            value = value.replace(",", "")
        if value.endswith(".0"):  # pandas writes counts of a column with gaps as floats
            value = value[:-2]
        if not (value.isascii() and value.isdigit()):
            raise self.error(f"expected a count, got {value!r}", column or "")
        if len(value) > 19 or int(value) >= 1 << 63:  # an int64, as the JSON readers allow
            raise self.error(f"expected a count below 2**63, got {len(value)} digits",
                             column or "")
        return int(value)

    def number(self, column: str) -> float | None:
        value = self.opt(column)
        try:
            return None if value is None else float(value)
        except ValueError:
            raise self.error(f"expected a number, got {value!r}", column) from None

    def json(self, column: str | None) -> Any:
        value = self.opt(column)
        try:
            return None if value is None else orjson.loads(value)
        except orjson.JSONDecodeError as exc:
            raise self.error(f"invalid JSON: {exc}", column or "") from None

    def time(self, column: str, mapping: CsvMapping | None = None) -> datetime:
        value = self.get(column).strip()
        zone: tzinfo | None = None
        pattern = None if mapping is None else mapping.time_format
        suffix = _ZONE_SUFFIX.search(value)
        abbreviation = suffix.group(1).upper() if suffix else ""
        if suffix and abbreviation in ZONE_ABBREVIATIONS:
            hours = ZONE_ABBREVIATIONS[abbreviation]
            zone, value = timezone(timedelta(hours=hours)), value[: suffix.start()]
        elif suffix and pattern is None and abbreviation not in ("AM", "PM"):
            raise self.error(f"unknown time zone abbreviation {suffix.group(1)!r} (see "
                             "engagekit.sources.csv.ZONE_ABBREVIATIONS)", column)
        try:
            if pattern is not None:
                when = datetime.strptime(value, pattern)
            else:
                when = datetime.fromisoformat(value)
        except ValueError:
            raise self.error(f"expected a date and time, got {self.get(column)!r}",
                             column) from None
        if when.tzinfo is None:
            if zone is None and mapping is not None and mapping.timezone is not None:
                zone = time_zone(mapping.timezone)
            if zone is None:
                raise self.error(f"{self.get(column)!r} has no time zone (set the mapping's "
                                 "timezone)", column)
            when = when.replace(tzinfo=zone)
        elif zone is not None:
            raise self.error(f"{self.get(column)!r} has two time zones", column)
        return when

    def tokens(self, column: str, style: str) -> list[str]:
        if style == "space":
            return self.get(column).split()
        value = self.json(column)
        if value is None:
            return []
        if type(value) is not list or any(type(v) is not str for v in value):
            raise self.error("expected a JSON list of strings", column)
        return value
