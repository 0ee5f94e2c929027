"""The ``engagekit`` command group, the options commands share, and one-line errors.

Every subcommand is a :class:`Command`, which turns engagekit's errors (and a
file that cannot be opened or written) into one line on standard error and exit
code 1; ``--debug`` shows the traceback instead. Usage errors are click's own,
with exit code 2.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

from engagekit.errors import ArgumentError, EngageKitError
from engagekit.io._atomic import check_folder
from engagekit.sources.detect import FORMATS

__all__ = ["Command", "Failure", "check_output", "check_tz", "common_options", "group",
           "read_kwargs", "reading_options"]

F = TypeVar("F", bound=Callable[..., Any])

_EPILOG = """\b
Examples:
  engagekit demo                          the whole path on the bundled sample
  engagekit detect instagram-export.zip   which format a download is, and why
  engagekit stats instagram-export.zip --by month --tz America/Chicago
  engagekit read instagram-export.zip -o posts.parquet

Run 'engagekit COMMAND --help' for a command's options. Exit codes: 0 success,
1 bad input (a file that cannot be read, a bad record), 2 a usage error."""


class Failure(EngageKitError):
    """A problem the command line found itself, reported like any engagekit error."""


def check_output(output: os.PathLike[str]) -> None:
    """Fail before anything is read when ``output``'s folder does not exist (a large export
    would otherwise be read in full before the writer finds out), with the writer's error."""
    check_folder(output)


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = exc.filename if exc.filename is not None else ""
        return f"{os.fsdecode(where)}: {exc.strerror}" if where else exc.strerror
    return " ".join(str(exc).split()) or type(exc).__name__


class Command(click.Command):
    """A subcommand whose bad-input errors are one line on stderr, with exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (EngageKitError, OSError) as exc:
            if ctx.params.get("debug") or ctx.meta.get("engagekit.debug"):
                raise
            click.echo(f"engagekit: error: {_one_line(exc)}", err=True)
            ctx.exit(1)


class _Group(click.Group):
    command_class = Command


@click.group(cls=_Group, epilog=_EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="engagekit", prog_name="engagekit")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def group(ctx: click.Context, debug: bool) -> None:
    """Read community-engagement exports, count what is in them, and write a report.

    Every command takes exports as downloaded: a zip, a folder or a single file
    from Instagram, Facebook, X/Twitter, Mastodon or Bluesky, engagekit's own
    JSON Lines or CSV, or several of them at once.
    """
    ctx.meta["engagekit.debug"] = debug


def common_options(function: F) -> F:
    """``-q/--quiet`` and ``--debug``."""
    function = click.option("--debug", is_flag=True,
                            help="Show the full traceback of an error.")(function)
    return click.option("-q", "--quiet", is_flag=True,
                        help="No progress bar and no summary.")(function)


def reading_options(*, collect: bool) -> Callable[[F], F]:
    """The options of :func:`engagekit.read_posts`; ``collect`` offers ``--errors collect``."""
    modes = ["raise", "skip", "collect"] if collect else ["raise", "skip"]

    def decorate(function: F) -> F:
        for option in reversed([
            click.option("--format", "format_", default="auto", show_default=True,
                         type=click.Choice(["auto", *FORMATS]),
                         help="The exports' format; 'auto' detects it."),
            click.option("--errors", default="raise", show_default=True,
                         type=click.Choice(modes),
                         help="What a bad record does: stop (raise), be counted and left "
                              "out (skip)" + (", or be listed at the end (collect)"
                                              if collect else "") + "."),
            click.option("--include-private", is_flag=True,
                         help="Keep followers-only posts and direct messages (left out and "
                              "counted by default)."),
            click.option("--include-reposts", is_flag=True,
                         help="Keep reposts, retweets and boosts (left out and counted by "
                              "default)."),
            click.option("--roster", type=click.Path(dir_okay=False),
                         help="A YAML or CSV roster naming the officer behind each account."),
            click.option("--csv-columns", type=click.Path(dir_okay=False),
                         help="For a CSV of your own: a .toml or .json file naming the column "
                              "of each post field (see the CSV format page)."),
        ]):
            function = option(function)
        return function

    return decorate


def check_tz(_: click.Context, __: click.Parameter, value: str) -> str:
    """A ``--tz`` callback: an IANA time zone name, or a usage error saying what is expected."""
    from engagekit.aggregate import Timeline

    try:
        Timeline(tz=value)
    except ArgumentError as exc:
        raise click.BadParameter(exc.message) from None
    return value


def read_kwargs(params: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of ``read_posts`` from a command's parameters (errors aside).

    ``--csv-columns`` makes the format a :class:`~engagekit.sources.csv.CsvReader` with the
    file's :class:`~engagekit.sources.csv.CsvMapping`.
    """
    fmt: Any = params["format_"]
    if params["csv_columns"] is not None:
        if fmt not in ("auto", "csv"):
            raise click.UsageError(f"--csv-columns reads CSV files; it cannot be used with "
                                   f"--format {fmt}")
        from engagekit.sources.csv import CsvMapping, CsvReader

        fmt = CsvReader(mapping=CsvMapping.load(params["csv_columns"]))
    return {"format": fmt, "include_private": params["include_private"],
            "include_reposts": params["include_reposts"], "roster": params["roster"]}
