"""``engagekit stats``: counts per hashtag, mention, domain, period or group, safe to publish.

Posts stream from the exports into one aggregator of :mod:`engagekit.aggregate`
(never all held at once), and the rows go through :func:`~engagekit.aggregate.publish`
unless ``--no-suppress``. Tables keyed by words taken from the posts (hashtags,
mentions, domains, places) leave out the rows whose counts are withheld, since
a rare key can name a person; other tables show them as withheld.
"""

from __future__ import annotations

import sys
import typing
from collections.abc import Callable
from datetime import datetime
from typing import Any

import attrs
import click

from engagekit.aggregate import (
    Aggregator,
    Bucket,
    ByGroup,
    DomainCounts,
    EmojiCounts,
    GroupRow,
    HashtagCounts,
    KeyCount,
    MentionCounts,
    Publication,
    Timeline,
    publish,
)
from engagekit.cli._app import check_tz, common_options, group, read_kwargs, reading_options
from engagekit.cli._output import (
    csv_text,
    err_console,
    json_bytes,
    out_console,
    plural,
    table,
)
from engagekit.cli._progress import Reading
from engagekit.cli._reading import Sources
from engagekit.sources import Roster

__all__ = ["BY", "stats", "tabulate"]

_KEYS: dict[str, Callable[[], Aggregator[Any]]] = {
    "hashtag": HashtagCounts, "mention": MentionCounts, "domain": DomainCounts,
    "emoji": EmojiCounts,
}
_PERIODS = ("day", "week", "month", "year")
_GROUPS = ("author", "officer", "agency", "location", "platform")
#: Every ``--by``, in the order ``--help`` lists them.
BY = (*_KEYS, *_PERIODS, *_GROUPS)
#: Tables keyed by text from the posts: rows with withheld counts are left out with their key.
_FREE_TEXT = frozenset({*_KEYS, "location"})
#: ``--top`` when not given, for tables keyed by text; other tables show every row.
_TOP = 25

_EPILOG = """\b
Examples:
  engagekit stats instagram-export.zip
  engagekit stats downloads/ --by month --tz America/Chicago
  engagekit stats downloads/ --by officer --roster roster.csv --json > officers.json
  engagekit stats tweets.zip --by mention --top 10 --csv > mentions.csv"""


def _period(by: str) -> Callable[[Any], str]:
    pattern = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[by]

    def label(value: Any) -> str:
        return value.strftime(pattern) if isinstance(value, datetime) else str(value)

    return label


def _day(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if isinstance(value, datetime) else str(value)


def _columns(by: str) -> list[tuple[str, str, Callable[[Any], str] | None]]:
    """The columns a terminal table shows (``--json`` and ``--csv`` give every column)."""
    if by in _KEYS:
        return [("display", by, None), ("posts", "posts", None), ("authors", "accounts", None),
                ("likes", "likes", None), ("likes_known", "with likes", None),
                ("first", "first", _day), ("last", "last", _day)]
    if by in _PERIODS:
        return [("start", "week of" if by == "week" else by, _period(by)),
                ("posts", "posts", None), ("authors", "accounts", None),
                ("likes", "likes", None), ("likes_known", "with likes", None)]
    return [("group", by, None), ("posts", "posts", None), ("authors", "accounts", None),
            ("hashtags", "hashtags", None), ("likes.total", "likes", None),
            ("likes.median", "median likes", None), ("comments.total", "comments", None),
            ("first", "first", _day), ("last", "last", _day)]


def _kind(by: str) -> str:
    return "key" if by in _KEYS else "period" if by in _PERIODS else "group"


#: The row class of each kind of table.
_ROWS: dict[str, type] = {"key": KeyCount, "period": Bucket, "group": GroupRow}


def _names(cls: type, prefix: str = "") -> list[str]:
    """The column names ``publish`` gives rows of ``cls`` (a nested row's fields dotted)."""
    hints = typing.get_type_hints(cls)
    names: list[str] = []
    for field in attrs.fields(cls):
        hint = hints[field.name]
        if isinstance(hint, type) and attrs.has(hint):
            names.extend(_names(hint, f"{prefix}{field.name}."))
        else:
            names.append(prefix + field.name)
    return names


def aggregator(by: str, *, tz: str, roster: Roster | None) -> Aggregator[Any]:
    """The aggregator answering ``--by``."""
    if by in _KEYS:
        return _KEYS[by]()
    if by in _PERIODS:
        return Timeline(period=by, tz=tz)
    return ByGroup(by=by, roster=roster)


def tabulate(rows: Any, *, by: str,
             min_count: int | None) -> tuple[Publication, list[dict[str, Any]]]:
    """Rows as published: suppressed with ``min_count`` (``None``: nothing withheld)."""
    table_ = publish(rows, min_count=min_count or 1)
    return table_, table_.to_dicts(drop_withheld=min_count is not None and by in _FREE_TEXT)


@group.command(epilog=_EPILOG, short_help="Count posts per hashtag, period or group.")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--by", type=click.Choice(BY), default="hashtag", show_default=True,
              help="What to count per: a key in the posts, a period, or a group.")
@click.option("--tz", default="UTC", show_default=True, callback=check_tz,
              help="The IANA time zone that days, weeks and months start in.")
@click.option("--top", type=click.IntRange(min=0), default=None,
              help=f"Show the first N rows only (default {_TOP} for hashtag, mention, domain "
                   "and emoji, every row otherwise; 0 for every row).")
@click.option("--min-count", type=click.IntRange(min=1), default=10, show_default=True,
              help="The smallest post count published; smaller ones are withheld.")
@click.option("--no-suppress", is_flag=True,
              help="Publish every count, small ones too (for your own eyes only).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV instead of a table.")
@reading_options(collect=False)
@common_options
def stats(sources: tuple[str, ...], by: str, tz: str, top: int | None, min_count: int,
          no_suppress: bool, as_json: bool, as_csv: bool, **params: Any) -> None:
    """Count posts per hashtag, mention, domain, period or group, ready to publish.

    Counts from 1 to MIN_COUNT - 1 are withheld, with whatever would let a reader
    work them out (see docs/publishing.md); hashtags, mentions, domains and places
    with withheld counts are left out. Exports of any size are read in one
    streaming pass.
    """
    if as_json and as_csv:
        raise click.UsageError("give --json or --csv, not both")
    options = read_kwargs(params)
    roster = Roster.load(options["roster"]) if options["roster"] else None
    options["roster"] = roster
    counter = aggregator(by, tz=tz, roster=roster)
    with Reading(err_console(), quiet=params["quiet"]) as reading:
        found = Sources(reading, sources, errors=params["errors"], options=options)
        counter.update(found.posts())
    if not params["quiet"]:
        found.summary(err_console())
    threshold = None if no_suppress else min_count
    published, rows = tabulate(counter.result(), by=by, min_count=threshold)
    if by in _PERIODS:  # one series: its group label is always empty
        rows = [{k: v for k, v in row.items() if k != "group"} for row in rows]
    shown = top if top is not None else _TOP if by in _KEYS else 0
    cut = rows[:shown] if shown else rows
    if as_json:
        sys.stdout.buffer.write(json_bytes({"by": by, "tz": tz, "min_count": threshold,
                                            "rows": cut}))
        return
    names = [name for name in published.names or _names(_ROWS[_kind(by)])
             if by not in _PERIODS or name != "group"]
    if as_csv:
        sys.stdout.write(csv_text(cut, names))
        return
    caption = _caption(published, threshold, len(rows), len(published.rows), len(cut))
    columns = _columns(by)
    table(out_console(), [_unknown_likes(row) for row in cut],
          [(key, heading) for key, heading, _ in columns],
          formats={key: fmt for key, _, fmt in columns if fmt is not None}, caption=caption)


def _unknown_likes(row: dict[str, Any]) -> dict[str, Any]:
    """A row for the terminal: a total of no known counts reads "unknown", not 0."""
    shown = dict(row)
    if row.get("likes_known") == 0:
        shown["likes"] = "unknown"
    for metric in ("likes", "comments"):
        if row.get(f"{metric}.known") == 0:
            shown[f"{metric}.total"] = shown[f"{metric}.median"] = "unknown"
    return shown


def _caption(published: Publication, threshold: int | None, kept: int, total: int,
             shown: int) -> str:
    parts = []
    if not total:
        return "No rows: nothing was counted."
    if threshold is not None:
        withheld = len(published.suppressed)
        parts.append(f"{plural(withheld, 'cell')} withheld: counts from 1 to {threshold - 1} "
                     "and any that would give them away (--no-suppress shows all)."
                     if withheld else f"Nothing withheld: no count from 1 to {threshold - 1}.")
        if kept < total:
            parts.append(f"{plural(total - kept, 'row')} with withheld counts left out.")
    if shown < kept:
        parts.append(f"First {shown:,} of {kept:,} rows (--top 0 shows all).")
    return " ".join(parts)
