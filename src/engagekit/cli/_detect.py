"""``engagekit detect``: which format each source is, and why; what a folder holds.

Nothing is read but what detection reads (member names and first bytes): the
plan :func:`engagekit.read_posts` makes before it reads a post lists the exports
found and the items no format claims, with the reason.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import click

from engagekit.cli._app import common_options, group
from engagekit.cli._output import json_bytes, out_console
from engagekit.errors import ParseError
from engagekit.sources import read_posts
from engagekit.sources.csv import CsvMapping, CsvReader
from engagekit.sources.detect import FORMATS, reader_for

__all__ = ["describe", "detect"]

_EPILOG = """\b
Examples:
  engagekit detect instagram-export.zip
  engagekit detect downloads/ tweets.js
  engagekit detect downloads/ --json
  engagekit detect page-posts.csv --csv-columns page-columns.toml"""


def _columns(mapping: CsvMapping) -> str:
    named = ", ".join(map(repr, mapping.required))
    return f"the columns {named} of the column mapping {mapping.name!r}"


def _looks_for(fmt: str) -> str:
    text = getattr(reader_for(fmt), "LOOKS_FOR", None)
    return text if isinstance(text, str) else "its own detection"


def describe(source: str, mapping: CsvMapping | None = None) -> dict[str, Any]:
    """What ``detect`` says of one source, as plain data.

    ``exports`` lists ``{"source", "format", "looks_for"}`` for each export
    found, ``unread`` lists ``{"source", "reason"}``, and ``error`` is the
    reason when nothing in the source can be read (``None`` otherwise). With a
    ``mapping``, only CSVs that have its columns are looked for.
    """
    try:
        stream = read_posts(source, format="auto" if mapping is None else CsvReader(mapping))
    except ParseError as exc:  # nothing readable, or no such file; a limit still raises
        return {"source": source, "exports": [], "unread": [], "error": exc.message}
    with stream:
        return {
            "source": source,
            "exports": [{"source": name, "format": fmt,
                         "looks_for": _looks_for(fmt) if mapping is None else _columns(mapping)}
                        for name, fmt in stream.found],
            "unread": [{"source": name, "reason": why} for name, why in stream.unread],
            "error": None,
        }


@group.command(epilog=_EPILOG, short_help="Say which format each source is, and why.")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--csv-columns", type=click.Path(dir_okay=False),
              help="Check CSVs against the column file 'read --csv-columns' would use.")
@common_options
def detect(sources: tuple[str, ...], as_json: bool, csv_columns: str | None,
           **params: Any) -> None:
    """Say which format each source is, and why; for a folder, every export in it.

    Exits with 1 when a source holds nothing engagekit can read.
    """
    mapping = None if csv_columns is None else CsvMapping.load(csv_columns)
    found = [describe(source, mapping) for source in sources]
    if as_json:
        sys.stdout.buffer.write(json_bytes(found))
    else:
        console = out_console()
        for item in found:
            _print(console, item)
    if any(item["error"] is not None for item in found):
        raise click.exceptions.Exit(1)


#: Where a format's part of a diagnosis starts: ``; <format>: ``.
_FORMAT_START = re.compile(f"; (?=(?:{'|'.join(map(re.escape, FORMATS))}): )")


def _reason_lines(reason: str) -> list[str]:
    """A diagnosis as lines: ``not in a format ... (tried a: ...; b: ...)`` gives one per format."""
    lead, found, rest = reason.partition(" (tried ")
    if not found or not rest.endswith(")"):
        return [reason]
    tried = _FORMAT_START.split(rest[:-1])
    return [f"{lead}; engagekit tried:", *(f"  {item}" for item in tried)]


def _why(fmt: str, looks_for: str) -> str:
    return f"why: the {fmt} reader claims it (it looks for {looks_for})"


def _inside(name: str, folder: str) -> str:
    """``name`` relative to ``folder`` when it lies inside it (a folder's listing is shorter
    and reads better that way); otherwise as given."""
    prefix = folder.rstrip("/\\") + "/"
    return name[len(prefix):] if name.startswith(prefix) and len(name) > len(prefix) else name


def _print(console: Any, item: dict[str, Any]) -> None:
    def say(text: str) -> None:
        console.print(text, markup=False)

    if item["error"] is not None:
        first, *rest = _reason_lines(item["error"])
        say(f"{item['source']}: {first}")
        for line in rest:
            say(f"  {line}")
        return
    exports, unread, folder = item["exports"], item["unread"], item["source"]
    if len(exports) == 1 and exports[0]["source"] == folder and not unread:
        say(f"{folder}: {exports[0]['format']}")
        say(f"  {_why(exports[0]['format'], exports[0]['looks_for'])}")
        return
    head = f"{len(exports)} export{'' if len(exports) == 1 else 's'}"
    say(f"{folder}: {head}" + (f", {len(unread)} not read" if unread else ""))
    for export in exports:
        say(f"  {export['format']:<16} {_inside(export['source'], folder)}")
    # each explanation once: per format found, then per reason for what was not read
    for fmt, looks_for in {e["format"]: e["looks_for"] for e in exports}.items():
        say(f"  why {fmt}: its reader looks for {looks_for}")
    reasons: dict[str, list[str]] = {}
    for entry in unread:
        reasons.setdefault(entry["reason"], []).append(_inside(entry["source"], folder))
    for reason, names in reasons.items():
        for name in names:
            say(f"  {'not read':<16} {name}")
        first, *rest = _reason_lines(reason)
        say(f"    {'why' if len(names) == 1 else f'why, for these {len(names)}'}: {first}")
        for line in rest:
            say(f"      {line}")
