"""Scaling out on Dask: exports read into a bag of posts, aggregators run over its partitions.

Needs the ``dask`` extra (``pip install engagekit[dask]``); ``import engagekit``
never imports Dask. The results are those of one process: the same posts, each
partition in the order one reading gives them, and aggregator results equal to
a single ``update`` over every post.

>>> import dask, tempfile, pathlib
>>> import engagekit as ek
>>> import engagekit.dask as ekd
>>> from engagekit.aggregate import HashtagCounts
>>> from engagekit.datasets import sample_posts
>>> path = pathlib.Path(tempfile.mkdtemp()) / "posts.jsonl"
>>> ek.write_jsonl(sample_posts(), path)
80
>>> with dask.config.set(scheduler="sync"):
...     bag = ekd.read_posts(path)
...     (tags,) = ekd.aggregate(bag, HashtagCounts(top=2))
>>> [(row.display, row.posts) for row in tags]
[('StayCommitted', 24), ('CommunityPolicing', 22)]
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, cast, overload

import dask.bag as db

from engagekit.aggregate import Aggregator, feed
from engagekit.errors import ArgumentError
from engagekit.models import Post
from engagekit.sources._engine.base import ErrorMode, Limits, ParseReport, Reader
from engagekit.sources._engine.ranges import Options, Part, SplitError, plan, read_part
from engagekit.sources._several import Plan
from engagekit.sources._several import plan as exports
from engagekit.sources.detect import reader_for
from engagekit.sources.roster import Roster

__all__ = ["PARTITION_BYTES", "PostBag", "SplitError", "aggregate", "read_posts", "read_report"]

#: The default ``partition_bytes``: how many bytes of an array member one partition reads.
PARTITION_BYTES = 128 << 20

Path = str | os.PathLike[str]


class PostBag(db.Bag):
    """The bag :func:`read_posts` returns: a :class:`dask.bag.Bag` that remembers its reading.

    :func:`aggregate` streams such a bag's partitions straight into the
    aggregators instead of building each partition's list of posts. A bag
    derived from it (``map``, ``filter``, ``persist``) has no reading and is
    aggregated from its computed partitions.
    """

    reading: tuple[list[Part], Options] | None = None


def _plan(sources: Path | Sequence[Path], partition_bytes: int | None, format: str | Reader,
          errors: ErrorMode, include_private: bool, include_reposts: bool,
          roster: Roster | Path | None,
          limits: Limits | None) -> tuple[list[Part], Options, Plan]:
    if errors not in ("raise", "skip", "collect"):
        raise ValueError(f"errors: expected 'raise', 'skip' or 'collect', got {errors!r}")
    if partition_bytes is not None and (type(partition_bytes) is not int or partition_bytes < 1):
        raise ArgumentError("expected a whole number of bytes of at least 1, or None",
                            argument="partition_bytes", value=partition_bytes)
    if roster is not None and not isinstance(roster, Roster):
        roster = Roster.load(roster)
    options = Options(errors=errors, include_private=include_private,
                      include_reposts=include_reposts, roster=roster,
                      limits=limits if limits is not None else Limits())
    paths = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
    if not paths:
        raise ArgumentError("expected at least one path", argument="sources", value=sources)
    named = None if format == "auto" else reader_for(format) if isinstance(format, str) else format
    found = exports(list(paths), named, options.limits)  # as engagekit.read_posts finds them
    parts = [part for export in found.parts for reader in export.readers
             for part in plan(os.fspath(cast(Path, export.source)), reader, options,
                              partition_bytes)]
    return parts, options, found


def read_posts(
    sources: Path | Sequence[Path],
    *,
    partition_bytes: int | None = PARTITION_BYTES,
    format: str | Reader = "auto",
    errors: ErrorMode = "raise",
    include_private: bool = False,
    include_reposts: bool = False,
    roster: Roster | Path | None = None,
    limits: Limits | None = None,
) -> PostBag:
    """The posts of ``sources`` (paths of files, folders and zips) as a :class:`dask.bag.Bag`.

    The reading options are those of :func:`engagekit.read_posts`, applied to
    each source. Every source is one partition or more: the records of its
    Instagram, Facebook and X archive array members are read in runs of about
    ``partition_bytes`` bytes (several members to a partition when they are
    small, byte windows of one member when it is large), and everything else
    the reader reads (other members, side files) in one more partition after
    them. Other formats, and any source with ``partition_bytes=None``, are
    one partition each. Within a partition, posts come in the order one
    reading gives them.

    Planning happens here, on the client: each source is opened, its format
    detected and its reader run once with nothing streamed, to learn which
    array members it reads and in what order. A problem with a source as a
    whole (missing, not a readable zip, no known format) raises here.

    Partitions are streamed: a task that aggregates them never holds a
    partition's posts. With ``errors="raise"`` computing the bag raises the
    :class:`~engagekit.errors.ParseError` a bad record raises in one process
    (same message, record number and byte offset); ``"skip"`` and
    ``"collect"`` leave bad records out (see :func:`read_report` for the
    counts and errors).
    """
    parts, options, _ = _plan(sources, partition_bytes, format, errors, include_private,
                              include_reposts, roster, limits)
    plain = _sequence(parts).map_partitions(_posts_list, options)
    bag = PostBag(plain.dask, plain.name, plain.npartitions)
    bag.reading = (parts, options)
    return bag


def read_report(
    sources: Path | Sequence[Path],
    *,
    partition_bytes: int | None = PARTITION_BYTES,
    format: str | Reader = "auto",
    errors: ErrorMode = "skip",
    include_private: bool = False,
    include_reposts: bool = False,
    roster: Roster | Path | None = None,
    limits: Limits | None = None,
) -> db.Item:
    """What reading ``sources`` leaves out, as a :class:`dask.bag.Item` of a ParseReport.

    The report has no posts: ``skipped`` and ``repaired`` summed over the
    partitions, ``format`` (None when the sources differ), ``found`` and
    ``unread`` as :func:`engagekit.read_posts` reports them (every export read,
    and every folder item no format claimed, with the reason), and with
    ``errors="collect"`` every error in partition order. It reads the sources
    again (the posts are dropped as they come), partitioned as
    :func:`read_posts` does, so its counts are those of the same partitions.
    """
    parts, options, found = _plan(sources, partition_bytes, format, errors, include_private,
                                  include_reposts, roster, limits)
    bag = _sequence(parts).map_partitions(_reports_of, options)
    merged: Any = bag.reduction(_merge_reports, _merge_reports)  # dask is not annotated
    listed = tuple((part.label, reader.FORMAT) for part in found.parts for reader in part.readers)
    item: db.Item = merged.apply(functools.partial(_listing, listed, found.unread))
    return item


@overload
def aggregate(bag: db.Bag, *aggregators: Aggregator[Any], split_every: int | None = ...,
              compute: Literal[True] = ...) -> tuple[Any, ...]: ...
@overload
def aggregate(bag: db.Bag, *aggregators: Aggregator[Any], split_every: int | None = ...,
              compute: Literal[False]) -> db.Item: ...
def aggregate(bag: db.Bag, *aggregators: Aggregator[Any], split_every: int | None = None,
              compute: bool = True) -> tuple[Any, ...] | db.Item:
    """Run ``aggregators`` over a bag of posts; the tuple of their ``result()``.

    Each partition is folded into fresh ``empty()`` copies (the aggregators
    given are never changed), and the partial aggregators are merged in a tree
    (``split_every`` at a time, Dask's default when None). The results equal
    ``tuple(a.update(posts).result() for a in aggregators)`` in one process.
    A bag straight from :func:`read_posts` is streamed into the fold, so no
    partition's posts are ever held in a list; any other bag of posts works too.
    With ``compute=False`` nothing runs: the answer is a :class:`dask.bag.Item`
    computing to the tuple of merged aggregators (not their results), to
    compute with other work or to merge further.
    """
    if not aggregators:
        raise ArgumentError("expected at least one aggregator", argument="aggregators",
                            value=aggregators)
    for agg in aggregators:
        if not isinstance(agg, Aggregator):
            raise ArgumentError("expected an engagekit aggregator", argument="aggregators",
                                value=agg)
    empties = tuple(agg.empty() for agg in aggregators)
    posts: Any = bag  # dask's methods are not annotated
    reading = getattr(bag, "reading", None)  # a bag derived from a PostBag has None
    if reading is not None:  # straight from read_posts: stream each partition into the fold
        posts = _sequence(reading[0]).map_partitions(_posts_of, reading[1])
    merged: Any = posts.reduction(functools.partial(_fold, empties), _merge_all,
                                  split_every=split_every)
    if not compute:
        item: db.Item = merged
        return item
    partials: tuple[Aggregator[Any], ...] = merged.compute()
    return tuple(agg.result() for agg in partials)


# -- what the tasks run ------------------------------------------------------------------------


def _reader(part: Part) -> Reader:
    return reader_for(part.format) if isinstance(part.format, str) else part.format


def _posts_of(parts: Iterable[Part], options: Options) -> Iterator[Post]:
    for part in parts:
        yield from read_part(part, _reader(part), options)


def _posts_list(parts: Iterable[Part], options: Options) -> list[Post]:
    return list(_posts_of(parts, options))


def _reports_of(parts: Iterable[Part], options: Options) -> list[ParseReport]:
    reports = []
    for part in parts:
        report = ParseReport()
        for _ in read_part(part, _reader(part), options, report):
            pass
        reports.append(report)
    return reports


def _merge_reports(reports: Iterable[ParseReport]) -> ParseReport:
    merged = ParseReport()
    formats = set()
    for report in reports:
        merged.errors.extend(report.errors)
        merged.skipped.update(report.skipped)
        merged.repaired.update(report.repaired)
        formats.add(report.format)
    merged.format = formats.pop() if len(formats) == 1 else None
    return merged


def _listing(found: tuple[tuple[str, str], ...], unread: tuple[tuple[str, str], ...],
             report: ParseReport) -> ParseReport:
    report.found, report.unread = found, unread
    return report


def _sequence(parts: list[Part]) -> Any:
    """A bag of one part per partition (typed Any: dask's methods are not annotated)."""
    from_sequence: Any = db.from_sequence
    return from_sequence(parts, partition_size=1)


def _fold(empties: tuple[Aggregator[Any], ...],
          posts: Iterable[Post]) -> tuple[Aggregator[Any], ...]:
    fresh = tuple(agg.empty() for agg in empties)
    feed(posts, *fresh)
    return fresh


def _merge_all(partials: Iterable[tuple[Aggregator[Any], ...]]) -> tuple[Aggregator[Any], ...]:
    return functools.reduce(lambda a, b: tuple(x.merge(y) for x, y in zip(a, b, strict=True)),
                            partials)
