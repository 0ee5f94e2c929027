"""What commands print: consoles, the reading summary, aligned tables, JSON and CSV.

Tables are drawn with rich on a terminal and as plain aligned text otherwise
(rich leaves out colours and never wraps a row when standard output is a file or
a pipe). Scripts ask for ``--json`` or ``--csv`` instead.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import IO, Any

import orjson
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from engagekit.errors import ParseError

__all__ = ["SHOWN_ERRORS", "SHOWN_UNREAD", "cell_text", "csv_text", "err_console", "json_bytes",
           "out_console", "plural", "print_errors", "print_reading", "table", "write_csv_rows"]

#: Error lines shown by ``--errors collect`` before "... and N more".
SHOWN_ERRORS = 10
#: Files not read named per reason before "and N more".
SHOWN_UNREAD = 10


def err_console() -> Console:
    """The console on standard error: progress and summaries of commands writing data."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def out_console() -> Console:
    """The console on standard output; rows are never wrapped when it is not a terminal."""
    console = Console(highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console = Console(highlight=False, soft_wrap=True, width=1000, no_color=True)
    return console


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def plural(n: int, word: str) -> str:
    """``"1 post"``, ``"1,204 posts"``."""
    return _plural(n, word)


def print_reading(console: Console, *, headline: str, found: Sequence[tuple[str, str]],
                  unread: Sequence[tuple[str, str]], skipped: Counter[str]) -> None:
    """What was read: a headline, the exports and their formats, what was left out or not read.

    ``headline`` says what was done (``"Read 80 posts"``); the exports follow it.
    """
    exports = len(dict.fromkeys(name for name, _ in found))
    console.print(f"{headline} from {_plural(exports, 'export')}:", markup=False)
    for name, fmt in found:
        console.print(f"  {fmt:<16} {name}", markup=False)
    if any(skipped.values()):  # the reader's own keys, so a script finds them in `skipped`
        reasons = ", ".join(f"{reason} ({n:,})" for reason, n in sorted(
            skipped.items(), key=lambda item: (-item[1], item[0])) if n)
        console.print(f"Left out: {reasons}.", markup=False)
    # one line per reason; what each format looked for is detect's to list, at length
    by_reason: dict[str, list[str]] = {}
    for name, why in unread:
        lead, tried, _ = why.partition(" (tried ")
        if tried:
            why = f"{lead} (engagekit detect lists what each format looks for)"
        by_reason.setdefault(why, []).append(name)
    for why, names in by_reason.items():
        shown = ", ".join(names[:SHOWN_UNREAD])
        if len(names) > SHOWN_UNREAD:
            shown += f" and {len(names) - SHOWN_UNREAD:,} more"
        console.print(f"Not read: {shown}: {why}", markup=False)


def print_errors(console: Console, errors: Sequence[ParseError]) -> None:
    """The first :data:`SHOWN_ERRORS` errors, one line each, and how many more there were."""
    if not errors:
        return
    console.print(f"{_plural(len(errors), 'record')} could not be read:")
    for error in errors[:SHOWN_ERRORS]:
        console.print(f"  {error}", markup=False)
    if len(errors) > SHOWN_ERRORS:
        console.print(f"  ... and {len(errors) - SHOWN_ERRORS:,} more")


def cell_text(value: Any) -> str:
    """A cell as text: ISO times, numbers with at most 4 decimals, empty for None."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e4 else f"{value:.0f}"
    if isinstance(value, (list, tuple, dict)):
        return orjson.dumps(value).decode()
    return str(value)


def table(console: Console, rows: Iterable[Mapping[str, Any]],
          columns: Sequence[tuple[str, str]], *, title: str | None = None,
          caption: str | None = None,
          formats: Mapping[str, Callable[[Any], str]] | None = None) -> None:
    """Rows as an aligned table: ``columns`` pairs a row key with its heading.

    ``formats`` maps a row key to the function writing its cells (default :func:`cell_text`).
    """
    formats = formats or {}
    listed = list(rows)
    if not listed:  # no headings over nothing: the caption says why there are no rows
        console.print(caption or "No rows.", markup=False)
        return
    grid = Table(title=title, caption=caption, box=box.SIMPLE_HEAD, title_justify="left",
                 caption_justify="left")
    numeric: dict[str, bool] = {}
    for key, heading in columns:
        numeric[key] = all(isinstance(row.get(key), (int, float)) or row.get(key) is None
                           or _withheld(row.get(key)) for row in listed)
        grid.add_column(heading, justify="right" if numeric[key] else "left",
                        overflow="fold", no_wrap=numeric[key] or key in formats)
    for row in listed:
        grid.add_row(*(Text("withheld", style="dim") if _withheld(row.get(key))
                       else Text(formats.get(key, cell_text)(row.get(key)))
                       for key, _ in columns))
    console.print(grid)


def _withheld(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("suppressed (")


def json_bytes(document: Any) -> bytes:
    """A JSON document, indented, times in ISO 8601, ending with a newline."""
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
                        | orjson.OPT_NON_STR_KEYS)


def write_csv_rows(out: IO[str], rows: Iterable[Mapping[str, Any]],
                   columns: Sequence[str]) -> None:
    """Rows as CSV with a header; lists and dicts as JSON, None as an empty cell."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell_text(row.get(name)) if not isinstance(row.get(name), float)
                         else repr(row.get(name)) for name in columns])


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """:func:`write_csv_rows` into a string."""
    out = io.StringIO()
    write_csv_rows(out, rows, columns)
    return out.getvalue()
