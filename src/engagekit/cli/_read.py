"""``engagekit read``: convert exports to JSON Lines, CSV or Parquet."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from engagekit.cli._app import check_output, common_options, group, read_kwargs, reading_options
from engagekit.cli._output import err_console, out_console, plural
from engagekit.cli._progress import Reading
from engagekit.cli._reading import Sources
from engagekit.io import write_csv, write_jsonl, write_parquet
from engagekit.models import Post

__all__ = ["WRITERS", "read"]


def _parquet(posts: Iterable[Post], dest: Path) -> None:
    write_parquet(posts, dest)


def _spreadsheet_csv(posts: Iterable[Post], dest: Path) -> int:
    return write_csv(posts, dest, spreadsheet_safe=True)


#: The writer of each output extension; every one writes atomically.
WRITERS: dict[str, Callable[[Iterable[Post], Path], Any]] = {
    ".jsonl": write_jsonl,
    ".csv": write_csv,
    ".parquet": _parquet,
}

_EPILOG = """\b
Examples:
  engagekit read instagram-export.zip -o posts.jsonl
  engagekit read downloads/ --roster roster.csv -o posts.parquet
  engagekit read tweets.zip --errors collect --include-reposts -o tweets.csv
  engagekit read instagram-export.zip --spreadsheet-safe -o for-excel.csv
  engagekit read page-posts.csv --csv-columns page-columns.toml -o posts.jsonl"""


def _output(_: click.Context, __: click.Parameter, value: str) -> Path:
    path = Path(value)
    if path.suffix.lower() not in WRITERS:
        raise click.BadParameter(f"{value!r} should end with one of {', '.join(WRITERS)}, "
                                 "which chooses the format")
    return path


@group.command(epilog=_EPILOG, short_help="Convert exports to .jsonl, .csv or .parquet.")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("-o", "--output", required=True, callback=_output,
              help="The file to write: .jsonl, .csv or .parquet (chosen by the extension).")
@click.option("--spreadsheet-safe", is_flag=True,
              help="For a .csv opened in a spreadsheet: a byte order mark, and no cell read as "
                   "a formula (not lossless).")
@reading_options(collect=True)
@common_options
def read(sources: tuple[str, ...], output: Path, spreadsheet_safe: bool, **params: Any) -> None:
    """Convert exports (zips, folders, files) to one JSON Lines, CSV or Parquet file.

    The file is written whole or not at all: a bad record (with the default
    --errors raise) leaves any file already at OUTPUT as it was.
    """
    writer = WRITERS[output.suffix.lower()]
    if spreadsheet_safe:
        if writer is not write_csv:
            raise click.UsageError("--spreadsheet-safe is for a .csv output")
        writer = _spreadsheet_csv
    check_output(output)
    with Reading(err_console(), quiet=params["quiet"]) as reading:
        found = Sources(reading, sources, errors=params["errors"], options=read_kwargs(params))
        writer(found.posts(), output)
    if not params["quiet"]:
        found.summary(out_console(),
                      headline=f"Wrote {plural(found.count, 'post')} to {output}")
