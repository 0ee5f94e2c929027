"""Per-group statistics: posts, distinct authors and hashtags, engagement, first and last post.

``by_author``, ``by_officer``, ``by_agency``, ``by_location`` and
``by_platform`` return one :class:`GroupRow` per group, most posts first, then
by group; posts with no such attribute (no officer, no place) form the group
``None``, listed last among equals. Engagement figures use known values only:
each is a :class:`~engagekit.aggregate.Stats` with the known and unknown
counts, total, mean and exact median.

>>> from engagekit.datasets import sample_posts
>>> row = by_platform(sample_posts())[0]
>>> row.group, row.posts, row.likes.known, row.likes.unknown
('bluesky', 20, 20, 0)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs

from engagekit.aggregate._base import Aggregator, Stats, author_key, count, stats_of, value
from engagekit.aggregate._groups import grouping
from engagekit.models import Post
from engagekit.sources.roster import Roster

__all__ = ["METRICS", "ByGroup", "GroupRow", "by_agency", "by_author", "by_location",
           "by_officer", "by_platform"]

#: The engagement counts every summary reports, in this order.
METRICS = ("likes", "comments", "shares", "views")


@attrs.frozen(kw_only=True)
class GroupRow:
    """What one group (an author, officer, agency, place or platform) posted."""

    group: str | None
    posts: int = count()
    authors: int = value()
    hashtags: int = value()
    likes: Stats = value()
    comments: Stats = value()
    shares: Stats = value()
    views: Stats = value()
    first: datetime = value()
    last: datetime = value()


class _Group:
    __slots__ = ("authors", "first", "last", "posts", "tags", "unknown", "values")

    def __init__(self, when: datetime) -> None:
        self.posts = 0
        self.first = self.last = when
        self.authors: set[str] = set()
        self.tags: set[str] = set()
        self.values: tuple[Counter[int], ...] = tuple(Counter() for _ in METRICS)
        self.unknown = [0] * len(METRICS)

    def absorb(self, other: _Group) -> None:
        self.posts += other.posts
        self.first = min(self.first, other.first)
        self.last = max(self.last, other.last)
        self.authors |= other.authors
        self.tags |= other.tags
        for mine, theirs in zip(self.values, other.values, strict=True):
            mine.update(theirs)
        self.unknown = [a + b for a, b in zip(self.unknown, other.unknown, strict=True)]


class ByGroup(Aggregator[tuple[GroupRow, ...]]):
    """The aggregator behind the ``by_*`` functions: ``ByGroup(by="officer")``."""

    __slots__ = ("_group_of", "_groups", "by", "roster")

    def __init__(self, *, by: str, roster: Roster | None = None) -> None:
        self._group_of = grouping(by, roster=roster)
        self.by = by
        self.roster = roster
        self._groups: dict[str | None, _Group] = {}

    def params(self) -> dict[str, Any]:
        return {"by": self.by, "roster": self.roster}

    def __getstate__(self) -> dict[str, Any]:
        return {"by": self.by, "roster": self.roster, "groups": self._groups}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(by=state["by"], roster=state["roster"])  # type: ignore[misc]
        self._groups = state["groups"]

    def add(self, post: Post) -> None:
        label = self._group_of(post)
        group = self._groups.get(label)
        when = post.created_at
        if group is None:
            group = self._groups[label] = _Group(when)
        elif when < group.first:
            group.first = when
        elif when > group.last:
            group.last = when
        group.posts += 1
        author = author_key(post)
        if author is not None:
            group.authors.add(author)
        for tag in post.hashtags:
            group.tags.add(tag.key)
        engagement = post.engagement
        for i, metric in enumerate(METRICS):
            n = getattr(engagement, metric)
            if n is None:
                group.unknown[i] += 1
            else:
                group.values[i][n] += 1

    def _absorb(self, other: ByGroup) -> None:
        for label, theirs in other._groups.items():
            mine = self._groups.get(label)
            if mine is None:
                mine = self._groups[label] = _Group(theirs.first)
            mine.absorb(theirs)

    def result(self) -> tuple[GroupRow, ...]:
        order = sorted(self._groups.items(),
                       key=lambda item: (-item[1].posts, item[0] is None, item[0] or ""))
        return tuple(
            GroupRow(group=label, posts=g.posts, authors=len(g.authors), hashtags=len(g.tags),
                     **{metric: stats_of(g.values[i], g.unknown[i])
                        for i, metric in enumerate(METRICS)},
                     first=g.first, last=g.last)
            for label, g in order
        )


def by_author(posts: Iterable[Post]) -> tuple[GroupRow, ...]:
    """Statistics per author (``"platform:handle"``, the handle case-folded)."""
    return ByGroup(by="author").update(posts).result()


def by_officer(posts: Iterable[Post]) -> tuple[GroupRow, ...]:
    """Statistics per officer (``Post.officer``: set it with a roster when reading)."""
    return ByGroup(by="officer").update(posts).result()


def by_agency(posts: Iterable[Post], *, roster: Roster | None = None) -> tuple[GroupRow, ...]:
    """Statistics per agency: the officer's agency or, with a ``roster``, the agency whose
    own account posted."""
    return ByGroup(by="agency", roster=roster).update(posts).result()


def by_location(posts: Iterable[Post]) -> tuple[GroupRow, ...]:
    """Statistics per place (``"name, locality, region, country"``)."""
    return ByGroup(by="location").update(posts).result()


def by_platform(posts: Iterable[Post]) -> tuple[GroupRow, ...]:
    """Statistics per platform."""
    return ByGroup(by="platform").update(posts).result()
