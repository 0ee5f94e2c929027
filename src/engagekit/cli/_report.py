"""``engagekit report``: the HTML report of exports, through :func:`engagekit.report.write_report`.

:mod:`engagekit.report` (and matplotlib, which it draws charts with) is imported
only when a report is written; when either is missing the command says so in
one line, naming the extra to install.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import click

from engagekit.cli._app import (
    Failure,
    check_output,
    check_tz,
    common_options,
    group,
    read_kwargs,
    reading_options,
)
from engagekit.cli._output import err_console, out_console, plural
from engagekit.cli._progress import Reading
from engagekit.cli._reading import Sources
from engagekit.models import Post
from engagekit.sources import ParseReport

__all__ = ["DEFAULT_OUTPUT", "headline", "load_report", "report", "write"]

#: Where ``report`` and ``demo`` write when ``-o`` is not given.
DEFAULT_OUTPUT = "engagekit-report.html"

_INSTALL = "pip install 'engagekit[report]'"

_EPILOG = f"""\b
Examples:
  engagekit report instagram-export.zip -o report.html
  engagekit report downloads/ --roster roster.csv --tz America/Chicago
  engagekit report downloads/ --min-count 20 --title "Springfield PD, 2024"

Without -o the report is written to {DEFAULT_OUTPUT} in the current folder."""


def load_report() -> ModuleType:
    """:mod:`engagekit.report`, or a :class:`Failure` naming what to install."""
    try:
        return importlib.import_module("engagekit.report")
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").split(".")[0]
        if exc.name == "engagekit.report":
            raise Failure("the HTML report is not part of this engagekit (engagekit.report is "
                          f"missing); install a version that has it: {_INSTALL}") from None
        if missing == "matplotlib":
            raise Failure(f"the HTML report needs matplotlib: {_INSTALL}") from None
        raise


def headline(result: Any, read_report: ParseReport | None = None) -> list[str]:
    """What a written report holds, in a few plain lines (``result`` is an
    :class:`engagekit.report.Report`); private posts the readers left out count too."""
    platforms = ", ".join(result.platforms) or "no platform"
    lines = [f"{plural(result.posts, 'post')} by {plural(result.accounts, 'account')} "
             f"({plural(result.officers, 'officer')}) on {platforms}"]
    if result.first is not None and result.last is not None:
        lines.append(f"from {result.first:%Y-%m-%d} to {result.last:%Y-%m-%d} ({result.tz})")
    lost = "" if result.lost_share is None else f" ({result.lost_share:.1%})"
    lines.append(f"{plural(result.located_posts, 'located post')}; "
                 f"{plural(result.lost_posts, 'post')} with lost characters{lost}; "
                 f"{plural(result.repaired_posts, 'post')} with repaired text")
    withheld = (f"counts under {result.min_count} withheld "
                f"({plural(result.suppressed_cells, 'cell')}, "
                f"{plural(result.withheld_rows, 'row')})")
    names = (f"{plural(result.redacted_names, 'name')} redacted in quoted captions"
             if result.redacted else "names NOT redacted")
    private = result.excluded + sum(n for reason, n in (read_report.skipped.items() if read_report
                                                        else ()) if reason.startswith("private:"))
    lines.append(f"privacy: {withheld}; {names}; {plural(private, 'private post')} left out")
    return lines


def write(posts: Iterable[Post], output: Path, *, tz: str, min_count: int, redact: bool,
          title: str | None, sources: tuple[str, ...], read_report: ParseReport | None,
          quiet: bool = False) -> None:
    """Write the report and, unless ``quiet``, say where it went and what is in it."""
    module = load_report()
    result = module.write_report(posts, output, tz=tz, min_count=min_count, redact=redact,
                                 title=title, sources=sources, read_report=read_report)
    if quiet:
        return
    console = out_console()
    size = output.stat().st_size if output.exists() else 0
    console.print(f"Wrote the report to {output} ({size:,} bytes).", markup=False)
    for line in headline(result, read_report):
        console.print(f"  {line}", markup=False)
    if not redact:
        console.print("The report was written with --no-redact: names and handles of people "
                      "are in it. Check it before you share it.", markup=False)


@group.command(epilog=_EPILOG, short_help="Write the HTML report of exports.")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_OUTPUT, show_default=True, help="The HTML file to write.")
@click.option("--tz", default="UTC", show_default=True, callback=check_tz,
              help="The IANA time zone that days, weeks and months start in.")
@click.option("--min-count", type=click.IntRange(min=1), default=10, show_default=True,
              help="The smallest post count the report publishes; smaller ones are withheld.")
@click.option("--no-redact", is_flag=True,
              help="Keep people's names and handles in quoted captions (redacted by default).")
@click.option("--title", default=None, help="The report's title.")
@reading_options(collect=True)
@common_options
def report(sources: tuple[str, ...], output: Path, tz: str, min_count: int, no_redact: bool,
           title: str | None, **params: Any) -> None:
    """Write an HTML report of exports: counts, timelines and top hashtags, safe to share.

    Small counts are withheld and people's names redacted unless you turn that
    off. The report lists what was read and what was left out. Every record is
    read before the report is written, so with --errors raise (the default) a bad
    record stops the command before anything is written.
    """
    load_report()  # fail before reading a large export when the report cannot be written
    check_output(output)
    with Reading(err_console(), quiet=params["quiet"]) as reading:
        found = Sources(reading, sources, errors="collect", options=read_kwargs(params))
    collected = found.result
    if not isinstance(collected, ParseReport):  # pragma: no cover - collect gives a report
        raise TypeError(collected)
    if params["errors"] == "raise" and collected.errors:
        raise collected.errors[0]
    if not params["quiet"]:
        found.summary(err_console(), headline=f"Read {plural(len(collected.posts), 'post')}",
                      show_errors=params["errors"] == "collect")
    write(collected.posts, output, tz=tz, min_count=min_count, redact=not no_redact,
          title=title, sources=sources, read_report=collected, quiet=params["quiet"])
