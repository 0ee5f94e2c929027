"""``read_posts``: any supported export in, typed posts out.

>>> import io
>>> import engagekit as ek
>>> from engagekit.sources import read_posts
>>> data = io.BytesIO()
>>> _ = ek.write_jsonl([], data)
>>> stream = read_posts(io.BytesIO(data.getvalue()))
>>> stream.format, list(stream), stream.skipped
('engagekit', [], Counter())
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import IO, Literal, overload

from engagekit.errors import LimitExceeded, ParseError, UnsupportedFormat
from engagekit.models import Post
from engagekit.sources._archive import open_container
from engagekit.sources._base import Container, Context, ErrorMode, Limits, ParseReport, Reader
from engagekit.sources.detect import detect_in, reader_for
from engagekit.sources.roster import Roster

__all__ = ["PostStream", "read_posts"]

Source = str | os.PathLike[str] | IO[bytes]
RosterSource = Roster | str | os.PathLike[str]

#: What a reader's own bug raises; turned into a ParseError (the cause kept) so that a
#: caller handling bad input never meets another exception type.
_BUGS = (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError,
         OverflowError, UnicodeError, AssertionError)


class PostStream(Iterator[Post]):
    """The posts of one source, read lazily (``errors="raise"`` or ``"skip"``).

    The counts grow as reading goes on: ``skipped`` (by reason, ``"invalid"``
    for the records that failed), ``errors_count`` and ``repaired``. Closing
    the stream (or leaving its ``with`` block) releases the input early.
    """

    def __init__(self, posts: Iterator[Post], ctx: Context, format: str,
                 container: Container) -> None:
        self._posts = posts
        self._ctx = ctx
        self._container = container
        #: The format being read, such as ``"instagram"``.
        self.format = format

    @property
    def skipped(self) -> Counter[str]:
        """Records left out so far, by reason (``"invalid"``, ``"private:direct"``, ...)."""
        return self._ctx.skipped

    @property
    def errors_count(self) -> int:
        """Records so far that could not be read (``skipped["invalid"]``)."""
        return self._ctx.skipped["invalid"]

    @property
    def repaired(self) -> Counter[str]:
        """Values repaired while decoding so far, by kind (``"lone-surrogate"``)."""
        return self._ctx.repaired

    def __iter__(self) -> Iterator[Post]:
        return self._posts  # a for loop runs the generator itself, one call less per post

    def __next__(self) -> Post:
        return next(self._posts)

    def close(self) -> None:
        """Stop reading and release the input."""
        close = getattr(self._posts, "close", None)
        if close is not None:
            close()
        self._container.close()

    def __enter__(self) -> PostStream:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return (f"<PostStream {self.format} from {self._container.name!r}: "
                f"{self.errors_count} errors, {sum(self.skipped.values())} skipped>")


def _run(reader: Reader, container: Container, ctx: Context) -> Iterator[Post]:
    """The reader's posts through ``ctx.admit``; a failure of the whole source goes to ctx."""
    try:
        for reason in container.ignored.values():
            ctx.skip(f"member:{reason}")
        for post in reader.read(container, ctx):
            kept = ctx.admit(post)
            if kept is not None:
                yield kept
    except LimitExceeded:
        raise
    except ParseError as err:
        ctx.fail(err)
    except _BUGS as exc:
        bug = ParseError(
            f"unexpected {type(exc).__name__} in the {reader.FORMAT} reader "
            f"(please report this as an engagekit bug): {exc}",
            source=container.name,
        )
        bug.__cause__ = exc
        ctx.fail(bug)
    finally:
        container.close()


def _choose(container: Container, format: str | Reader) -> Reader:
    if format == "auto":
        return detect_in(container)
    reader = reader_for(format) if isinstance(format, str) else format
    # a format named by the caller is tried on looser evidence when its reader has any
    accepts: Callable[[Container], bool] = getattr(reader, "accepts", reader.detect)
    if not accepts(container):
        raise UnsupportedFormat(f"does not look like {reader.FORMAT!r} input",
                                source=container.name)
    return reader


@overload
def read_posts(source: Source, *, format: str | Reader = ...,
               errors: Literal["raise", "skip"] = ..., include_private: bool = ...,
               roster: RosterSource | None = ..., limits: Limits | None = ...) -> PostStream: ...
@overload
def read_posts(source: Source, *, format: str | Reader = ..., errors: Literal["collect"],
               include_private: bool = ..., roster: RosterSource | None = ...,
               limits: Limits | None = ...) -> ParseReport: ...
@overload
def read_posts(source: Source, *, format: str | Reader = ..., errors: ErrorMode,
               include_private: bool = ..., roster: RosterSource | None = ...,
               limits: Limits | None = ...) -> PostStream | ParseReport: ...
def read_posts(
    source: Source,
    *,
    format: str | Reader = "auto",
    errors: ErrorMode = "raise",
    include_private: bool = False,
    roster: RosterSource | None = None,
    limits: Limits | None = None,
) -> PostStream | ParseReport:
    """Read the posts of an export: a file, a folder, a zip archive or a binary file object.

    ``format`` is ``"auto"`` (see :func:`~engagekit.sources.detect_format`), a
    format name, or a reader object such as a
    :class:`~engagekit.sources.csv.CsvReader`. A named format is tried on
    looser evidence than detection needs where its reader says so (``twitter-api``
    tries any JSON input, and its errors then say what it expected). ``errors`` says what a bad
    record does: ``"raise"`` stops at the first with a
    :class:`~engagekit.errors.ParseError` naming file, record and JSON path;
    ``"skip"`` counts it and goes on (see :class:`PostStream`); ``"collect"``
    reads everything and returns a :class:`ParseReport`. Followers-only and
    direct posts are left out (and counted) unless ``include_private``. With a
    ``roster`` (a :class:`~engagekit.sources.roster.Roster` or the path of a
    YAML or CSV roster), posts by a rostered officer's account get
    ``Post.officer``.

    Problems with the source as a whole (missing, not a readable zip, no
    known format) raise at once; :class:`~engagekit.errors.LimitExceeded`
    always raises, whatever ``errors`` says.
    """
    if errors not in ("raise", "skip", "collect"):
        raise ValueError(f"errors: expected 'raise', 'skip' or 'collect', got {errors!r}")
    limits = limits if limits is not None else Limits()
    if roster is not None and not isinstance(roster, Roster):
        roster = Roster.load(roster)
    ctx = Context(errors=errors, include_private=include_private, roster=roster, limits=limits)
    container = open_container(source, limits)
    try:
        reader = _choose(container, format)
    except BaseException:
        container.close()
        raise
    posts = _run(reader, container, ctx)
    if errors != "collect":
        return PostStream(posts, ctx, reader.FORMAT, container)
    return ParseReport(posts=list(posts), errors=ctx.errors, skipped=ctx.skipped,
                       repaired=ctx.repaired, format=reader.FORMAT)
