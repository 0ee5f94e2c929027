"""Reading the sources a command was given, with progress, and saying what was read."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from rich.console import Console

from engagekit.cli._output import err_console, plural, print_errors, print_reading
from engagekit.cli._progress import Reading
from engagekit.models import Post
from engagekit.sources import ParseReport, PostStream, read_posts

__all__ = ["Sources"]


class Sources:
    """The posts of a command's sources, read once, and what reading them found.

    With ``errors="collect"`` every post is read first (into a
    :class:`~engagekit.ParseReport`); otherwise posts stream through
    :meth:`posts` as a command consumes them.
    """

    def __init__(self, reading: Reading, paths: Sequence[str], *, errors: str,
                 options: dict[str, Any]) -> None:
        self._reading = reading
        given = reading.sources(paths)
        self.result: PostStream | ParseReport
        if errors == "collect":
            self.result = read_posts(given, errors="collect", **options)
        else:
            self.result = read_posts(given, errors="skip" if errors == "skip" else "raise",
                                     **options)

    def posts(self) -> Iterator[Post]:
        """The posts, counted by the progress display."""
        source = self.result.posts if isinstance(self.result, ParseReport) else self.result
        return self._reading.posts(source)

    @property
    def count(self) -> int:
        """Posts passed on so far."""
        return self._reading.count

    def summary(self, console: Console, *, headline: str | None = None,
                show_errors: bool = True) -> None:
        """What was read, left out and not read; with ``collect``, the errors too (on stderr).

        ``headline`` defaults to ``"Read N posts"``.
        """
        result = self.result
        print_reading(console, headline=headline or f"Read {plural(self.count, 'post')}",
                      found=result.found, unread=result.unread, skipped=result.skipped)
        if isinstance(result, ParseReport) and show_errors:
            print_errors(err_console(), result.errors)
