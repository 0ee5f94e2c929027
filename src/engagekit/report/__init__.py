"""A self-contained HTML report of a collection of posts, private by default.

:func:`build_report` reads the posts once, publishes every count table with
small-cell suppression (:func:`engagekit.aggregate.publish`), redacts the
example texts it shows (:func:`engagekit.privacy.redact`) and draws its charts
as inline SVG with matplotlib (the ``report`` extra, imported only here and
only when a report is built). :func:`write_report` also writes the page.
See ``docs/report.md``.

>>> from engagekit.datasets import sample_posts
>>> from engagekit.report import build_report
>>> report = build_report(sample_posts(), tz="America/Chicago", title="Sample")
>>> report.posts, report.accounts, report.platforms
(80, 4, ('bluesky', 'instagram', 'mastodon', 'twitter'))
>>> report.first.date(), report.last.date(), report.lost_posts
(datetime.date(2024, 1, 6), datetime.date(2024, 11, 17), 11)
>>> report.html.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import attrs

from engagekit.aggregate._base import check_positive
from engagekit.errors import ArgumentError
from engagekit.io._atomic import atomic_binary
from engagekit.models import Post
from engagekit.report._gather import gather
from engagekit.report._page import page
from engagekit.report._sections import compose
from engagekit.sources import ParseReport

__all__ = ["SECTIONS", "Report", "build_report", "write_report"]

#: The ids of the page's sections, in order (``<section id=...>``).
SECTIONS = ("summary", "timeline", "hashtags", "cooccurrence", "activity", "places",
            "engagement", "quality", "reading", "privacy")


@attrs.frozen(kw_only=True)
class Report:
    """A built report: the page, and its headline figures as exact values.

    The figures are the true ones, for the caller (who has the posts anyway);
    the page shows them only as :func:`~engagekit.aggregate.publish` allows.
    ``first`` and ``last`` are in the report's zone. ``excluded`` counts the
    followers-only and direct posts given and left out; ``suppressed_cells``
    and ``withheld_rows`` what small-cell suppression withheld over every
    table; ``redacted_names`` the placeholders put into the example texts.
    """

    html: str = attrs.field(repr=False)
    title: str
    tz: str
    posts: int
    accounts: int
    officers: int
    platforms: tuple[str, ...]
    first: datetime | None
    last: datetime | None
    located_posts: int
    lost_posts: int
    lost_share: float | None
    repaired_posts: int
    excluded: int
    min_count: int
    redacted: bool
    suppressed_cells: int
    withheld_rows: int
    redacted_names: int
    sources: tuple[str, ...]


def _check(title: str | None, sources: Sequence[str], read_report: ParseReport | None,
           redact: bool, include_private: bool) -> tuple[str, ...]:
    if title is not None and type(title) is not str:
        raise ArgumentError("expected a str or None", argument="title", value=title)
    if isinstance(sources, str) or not all(type(s) is str for s in sources):
        raise ArgumentError("expected a sequence of str", argument="sources", value=sources)
    if read_report is not None and not isinstance(read_report, ParseReport):
        raise ArgumentError("expected a ParseReport or None", argument="read_report",
                            value=read_report)
    for name, flag in (("redact", redact), ("include_private", include_private)):
        if type(flag) is not bool:
            raise ArgumentError("expected True or False", argument=name, value=flag)
    return tuple(sources)


def build_report(posts: Iterable[Post], *, tz: str = "UTC", min_count: int = 10,
                 redact: bool = True, title: str | None = None, sources: Sequence[str] = (),
                 read_report: ParseReport | None = None,
                 include_private: bool = False) -> Report:
    """Read ``posts`` once and build the report page.

    ``tz`` is the IANA zone dates and periods are counted in; ``min_count`` the
    smallest number of posts a published count may be; ``redact=False`` shows
    example texts as written and places at their exact coordinates; ``sources``
    (file names) and ``read_report`` (from ``read_posts(..., errors="collect")``)
    are described in the page. Followers-only and direct posts are left out and
    counted unless ``include_private=True``. Bad arguments raise
    :class:`~engagekit.errors.ArgumentError` before any post is read.
    """
    check_positive("min_count", min_count)
    names = _check(title, sources, read_report, redact, include_private)
    found = gather(posts, tz=tz, min_count=min_count, include_private=include_private)
    content = compose(found, min_count=min_count, redact=redact,
                      include_private=include_private, sources=names,
                      read_report=read_report)
    extras = found.extras.result()
    quality = found.quality.result()
    zone = ZoneInfo(tz)
    first, last = extras.first, extras.last
    posts_n = extras.platforms.total()
    heading = title if title is not None else "Community engagement report"
    lead = (f"{posts_n:,} posts" + (f" from {', '.join(names)}" if names else "")
            + f"; dates in {tz}; counts under {min_count} posts withheld.")
    from engagekit import __version__

    return Report(
        html=page(heading, lead, content.sections, __version__), title=heading, tz=tz,
        posts=posts_n,
        accounts=sum(row.group is not None for row in found.authors.result()),
        officers=sum(row.group is not None for row in found.officers.result()),
        platforms=tuple(sorted(extras.platforms)),
        first=None if first is None else first.astimezone(zone),
        last=None if last is None else last.astimezone(zone),
        located_posts=extras.places.total(), lost_posts=quality.lost_posts,
        lost_share=quality.lost_share, repaired_posts=quality.repaired_posts,
        excluded=found.excluded, min_count=min_count, redacted=redact,
        suppressed_cells=content.tally.cells, withheld_rows=content.tally.rows,
        redacted_names=content.redacted_names, sources=names)


def write_report(posts: Iterable[Post], dest: str | os.PathLike[str], *, tz: str = "UTC",
                 min_count: int = 10, redact: bool = True, title: str | None = None,
                 sources: Sequence[str] = (), read_report: ParseReport | None = None,
                 include_private: bool = False) -> Report:
    """:func:`build_report`, then write its page to ``dest`` (UTF-8) atomically.

    The page is written to a temporary file beside ``dest`` and renamed over it,
    so a failure leaves any earlier file untouched.
    """
    report = build_report(posts, tz=tz, min_count=min_count, redact=redact, title=title,
                          sources=sources, read_report=read_report,
                          include_private=include_private)
    with atomic_binary(dest) as handle:
        handle.write(report.html.encode("utf-8"))
    return report
