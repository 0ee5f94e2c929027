"""``engagekit demo``: the whole path on the bundled synthetic sample, ending in a report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from engagekit.cli._app import common_options, group
from engagekit.cli._output import out_console, plural
from engagekit.cli._report import DEFAULT_OUTPUT, load_report, write
from engagekit.datasets import sample_posts
from engagekit.models import Post

__all__ = ["demo"]

_EPILOG = f"""\b
Examples:
  engagekit demo
  engagekit demo -o /tmp/sample-report.html

Without -o the report is written to {DEFAULT_OUTPUT} in the current folder."""


def _demo_posts() -> Iterator[Post]:
    """The posts the demo reports on: the bundled synthetic sample.

    The one place to switch to reading the bundled sample exports (five
    platforms and a roster) once :mod:`engagekit.datasets` ships them.
    """
    return sample_posts()


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
    posts = list(_demo_posts())
    console = out_console()
    if not params["quiet"]:
        console.print(f"Read {plural(len(posts), 'post')} of the bundled synthetic sample "
                      "(invented agencies, officers and people).", markup=False)
    write(posts, output, tz="UTC", min_count=10, redact=True, title="engagekit demo",
          sources=("engagekit sample",), read_report=None, quiet=params["quiet"])
    if not params["quiet"]:
        console.print(f"Open {output} in a browser. On your own download, try:\n"
                      "  engagekit detect YOUR-EXPORT.zip\n"
                      "  engagekit stats YOUR-EXPORT.zip --by month --tz America/Chicago\n"
                      "  engagekit report YOUR-EXPORT.zip -o report.html", markup=False)
