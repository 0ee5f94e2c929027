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
from collections.abc import Callable, Generator, Iterator, Sequence
from types import TracebackType
from typing import IO, Literal, cast, overload

from engagekit.errors import (
    ArgumentError,
    StreamConsumed,
)
from engagekit.models import Post
from engagekit.sources._engine.base import (
    Container,
    Context,
    ErrorMode,
    Limits,
    ParseReport,
    Reader,
)
from engagekit.sources._engine.run import posts_of
from engagekit.sources._several import Plan, plan
from engagekit.sources.detect import reader_for
from engagekit.sources.roster import Roster

__all__ = ["PostStream", "read_posts"]

Source = str | os.PathLike[str] | IO[bytes]
RosterSource = Roster | str | os.PathLike[str]


class PostStream(Iterator[Post]):
    """The posts of one or more sources, read lazily (``errors="raise"`` or ``"skip"``).

    The counts grow as reading goes on: ``skipped`` (by reason, ``"invalid"``
    for the records that failed), ``errors_count`` and ``repaired``. Closing
    the stream (or leaving its ``with`` block) releases the input early.

    ``found`` lists every export read, as ``(source, format)`` pairs, and
    ``unread`` every item of a folder that no format claimed, with the reason.
    Iterating a stream again once it is used up reads its sources again from
    the start (the counts start again too) when they were paths; a stream of
    a file object cannot be read twice and raises
    :class:`~engagekit.errors.StreamConsumed`.
    """

    def __init__(self, plan: Plan, ctx: Context, restart: Callable[[], Plan] | None) -> None:
        self._plan = plan
        self._ctx = ctx
        self._restart = restart
        self._container: Container | None = None
        self._done = False
        self._closed = False
        self._posts = _run(plan, ctx, self)
        #: The format read, such as ``"instagram"``; formats joined by ``+`` for several.
        self.format = "+".join(dict.fromkeys(fmt for _, fmt in _found(plan)))
        #: Every export read: ``(source, format)`` pairs, in reading order.
        self.found: tuple[tuple[str, str], ...] = _found(plan)
        #: Items of a folder no format claimed: ``(path, reason)`` pairs.
        self.unread: tuple[tuple[str, str], ...] = plan.unread

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
        if self._done and not self._closed:
            if self._restart is None:
                raise StreamConsumed(
                    "this stream was read from a file object, which is now used up; pass a "
                    "path to read it again, or keep the posts with list(stream)",
                    source=self.found[0][0] if self.found else None)
            self._plan = self._restart()
            self._ctx = self._ctx.fresh()
            self._done = False
            self._posts = _run(self._plan, self._ctx, self)
        return self._posts  # a for loop runs the generator itself, one call less per post

    def __next__(self) -> Post:
        return next(self._posts)

    def close(self) -> None:
        """Stop reading and release the input; the stream gives no more posts."""
        self._closed = True
        self._posts.close()
        for part in self._plan.parts:
            if part.container is not None:
                part.container.close()
        if self._container is not None:
            self._container.close()

    def __enter__(self) -> PostStream:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        where = self.found[0][0] if len(self.found) == 1 else f"{len(self.found)} exports"
        return (f"<PostStream {self.format} from {where!r}: "
                f"{self.errors_count} errors, {sum(self.skipped.values())} skipped>")


def _found(plan: Plan) -> tuple[tuple[str, str], ...]:
    return tuple((part.label, reader.FORMAT) for part in plan.parts for reader in part.readers)


def _run(plan: Plan, ctx: Context,
         stream: PostStream | None) -> Generator[Post, None, None]:
    """Every part's posts, each part's container closed when its readers are done."""
    try:
        for part in plan.parts:
            container = part.open(ctx.limits)
            if stream is not None:
                stream._container = container
            try:
                for reason in container.ignored.values():
                    ctx.skip(f"member:{reason}")
                for reader in part.readers:
                    yield from posts_of(reader, container, ctx)
            finally:
                container.close()
    finally:
        if stream is not None:
            stream._done = True


@overload
def read_posts(source: Source | Sequence[Source], *, format: str | Reader = ...,
               errors: Literal["raise", "skip"] = ..., include_private: bool = ...,
               include_reposts: bool = ..., roster: RosterSource | None = ...,
               limits: Limits | None = ...) -> PostStream: ...
@overload
def read_posts(source: Source | Sequence[Source], *, format: str | Reader = ...,
               errors: Literal["collect"],
               include_private: bool = ..., include_reposts: bool = ...,
               roster: RosterSource | None = ..., limits: Limits | None = ...) -> ParseReport: ...
@overload
def read_posts(source: Source | Sequence[Source], *, format: str | Reader = ..., errors: ErrorMode,
               include_private: bool = ..., include_reposts: bool = ...,
               roster: RosterSource | None = ...,
               limits: Limits | None = ...) -> PostStream | ParseReport: ...
def read_posts(
    source: Source | Sequence[Source],
    *,
    format: str | Reader = "auto",
    errors: ErrorMode = "raise",
    include_private: bool = False,
    include_reposts: bool = False,
    roster: RosterSource | None = None,
    limits: Limits | None = None,
) -> PostStream | ParseReport:
    """Read the posts of exports: files, folders, zip archives or binary file objects.

    ``source`` is one source or a list of them, read in order. A folder that
    holds several exports side by side (zips, folders, files) is read export by
    export; a source that holds both an Instagram and a Facebook export (as a
    Meta download can) gives the posts of both. ``found`` and ``unread`` on the
    result say what was read and what was not, and why.

    ``format`` is ``"auto"`` (see :func:`~engagekit.sources.detect_format`), a
    format name, or a reader object such as a
    :class:`~engagekit.sources.csv.CsvReader`. A named format is tried on
    looser evidence than detection needs where its reader says so (``twitter-api``
    tries any JSON input, and its errors then say what it expected). ``errors`` says what a bad
    record does: ``"raise"`` stops at the first with a
    :class:`~engagekit.errors.ParseError` naming file, record and JSON path;
    ``"skip"`` counts it and goes on (see :class:`PostStream`); ``"collect"``
    reads everything and returns a :class:`ParseReport`. Followers-only and
    direct posts are left out (and counted) unless ``include_private``. Reposts
    (retweets, boosts, Bluesky reposts, repost rows of other tools' CSVs) are left
    out (and counted) unless ``include_reposts``: then each is a post of the
    account that reposted, at the time it reposted, with
    :attr:`~engagekit.models.Post.repost_of` naming what it reposted as far as the
    source says (see each format's page). With a
    ``roster`` (a :class:`~engagekit.sources.roster.Roster` or the path of a
    YAML or CSV roster), posts by a rostered officer's account get
    ``Post.officer``.

    Problems with a source as a whole (missing, not a readable zip, no known
    format, with the reason: empty, an HTML export, binary data, or what each
    format looked for) raise at once; :class:`~engagekit.errors.LimitExceeded`
    always raises, whatever ``errors`` says.
    """
    if errors not in ("raise", "skip", "collect"):
        raise ArgumentError("expected 'raise', 'skip' or 'collect'", argument="errors",
                            value=errors)
    sources: list[Source] = (list(source) if isinstance(source, (list, tuple))
                             else [cast(Source, source)])
    if not sources:
        raise ArgumentError("expected at least one source", argument="source", value=source)
    limits = limits if limits is not None else Limits()
    if roster is not None and not isinstance(roster, Roster):
        roster = Roster.load(roster)
    ctx = Context(errors=errors, include_private=include_private,
                  include_reposts=include_reposts, roster=roster, limits=limits)
    named = None if format == "auto" else reader_for(format) if isinstance(format, str) else format
    found = plan(sources, named, limits)
    if errors == "collect":
        posts = list(_run(found, ctx, None))
        return ParseReport(posts=posts, errors=ctx.errors, skipped=ctx.skipped,
                           repaired=ctx.repaired, format="+".join(
                               dict.fromkeys(fmt for _, fmt in _found(found))),
                           found=_found(found), unread=found.unread)
    paths = all(isinstance(s, (str, os.PathLike)) for s in sources)
    restart = (lambda: plan(sources, named, limits)) if paths else None
    return PostStream(found, ctx, restart)
