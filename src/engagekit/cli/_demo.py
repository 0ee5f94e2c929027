"""``engagekit demo``: the whole path on the bundled synthetic sample, ending in a report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from engagekit.cli._app import check_output, common_options, group
from engagekit.cli._output import out_console, plural
from engagekit.cli._report import DEFAULT_OUTPUT, load_report, write
from engagekit.datasets import SAMPLE_TZ, sample_exports
from engagekit.sources import ParseReport, read_posts

__all__ = ["demo"]

_EPILOG = f"""\b
Examples:
  engagekit demo
  engagekit demo -o /tmp/sample-report.html

Without -o the report is written to {DEFAULT_OUTPUT} in the current folder."""


def _demo_reading() -> tuple[ParseReport, tuple[str, ...]]:
    """The bundled sample exports (five platforms, each in its own download layout) read
    through the real readers with the sample's roster, and the names of the exports."""
    paths = sample_exports()
    roster = paths.pop("roster")
    reading = read_posts(list(paths.values()), errors="collect", roster=roster)
    return reading, tuple(f"{name}: {path.name}" for name, path in paths.items())


@group.command(epilog=_EPILOG, short_help="Write the report of the bundled sample; start here.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_OUTPUT, show_default=True, help="The HTML file to write.")
@common_options
def demo(output: Path, **params: Any) -> None:
    """Write the HTML report of engagekit's synthetic sample, and say what is in it.

    Every agency, officer, person and count in the sample is invented. Try it
    first, then run the same commands on your own download.
    """
    load_report()
    check_output(output)
    reading, sources = _demo_reading()
    posts = reading.posts
    console = out_console()
    if not params["quiet"]:
        console.print(f"Read {plural(len(posts), 'post')} from the bundled sample exports of "
                      f"{plural(len(sources), 'platform')} (an invented police department, "
                      "its officers and the people they meet).", markup=False)
    write(posts, output, tz=SAMPLE_TZ, min_count=10, redact=True,
          title="Maple Harbor Police Department (engagekit sample)", sources=sources,
          read_report=reading, quiet=params["quiet"])
    if not params["quiet"]:
        console.print(f"Open {output} in a browser. On your own download, try:\n"
                      "  engagekit detect YOUR-EXPORT.zip\n"
                      "  engagekit stats YOUR-EXPORT.zip --by month --tz America/Chicago\n"
                      "  engagekit report YOUR-EXPORT.zip -o report.html", markup=False)
