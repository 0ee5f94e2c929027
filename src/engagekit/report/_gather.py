"""One pass over the posts: every aggregator the report needs, fed together.

Nothing here draws or writes: :func:`gather` reads the posts once (through
:func:`engagekit.aggregate.feed`) and returns :class:`Gathered`, the exact
figures. What may be published, and how, is decided in :mod:`._tables`.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import attrs

from engagekit.aggregate import (
    ByGroup,
    CooccurrenceCounts,
    HashtagCounts,
    QualityTally,
    Timeline,
    feed,
)
from engagekit.aggregate._base import Aggregator
from engagekit.aggregate._by import METRICS
from engagekit.models import Coordinates, Post, Visibility

__all__ = ["EXAMPLES", "PRIVATE", "Extras", "Found", "Gathered", "PairCounts", "gather"]

#: Visibilities the readers leave out by default, and the report too.
PRIVATE = frozenset({Visibility.FOLLOWERS, Visibility.DIRECT})
#: How many example posts the text-quality section shows, per finding.
EXAMPLES = 3
_KEEP = 64  # candidates held before the oldest EXAMPLES are kept


def _oldest(found: list[tuple[datetime, str, Post]]) -> None:
    found.sort(key=lambda item: (item[0], item[1]))
    del found[EXAMPLES:]


@attrs.frozen(kw_only=True)
class Found:
    """What :class:`Extras` found: copies, so that adding more posts changes nothing here."""

    platforms: Counter[str] = attrs.field(hash=False)
    first: datetime | None
    last: datetime | None
    values: dict[tuple[str, str], Counter[int]] = attrs.field(hash=False)
    unknown: Counter[tuple[str, str]] = attrs.field(hash=False)
    places: Counter[tuple[float, float]] = attrs.field(hash=False)
    lost: tuple[Post, ...]
    repaired: tuple[Post, ...]

    def points(self) -> tuple[tuple[Coordinates, int], ...]:
        """Each distinct coordinate pair and its posts, north to south, then west to east."""
        return tuple((Coordinates(latitude=lat, longitude=lon), n)
                     for (lat, lon), n in sorted(self.places.items(),
                                                 key=lambda item: (-item[0][0], item[0][1])))


class Extras(Aggregator[Found]):
    """What no aggregation function gives: engagement values per platform, places and examples.

    ``platforms`` counts posts per platform; ``first`` and ``last`` are the
    first and last post's times. ``values[(platform, metric)]`` counts each
    known value; ``unknown`` counts posts without one. ``places`` counts posts
    per exact coordinate pair. ``lost`` and ``repaired`` hold the oldest few
    posts with lost glyphs and with repaired text.
    """

    __slots__ = ("first", "last", "lost", "places", "platforms", "repaired", "unknown", "values")

    def __init__(self) -> None:
        self.platforms: Counter[str] = Counter()
        self.first: datetime | None = None
        self.last: datetime | None = None
        self.values: dict[tuple[str, str], Counter[int]] = {}
        self.unknown: Counter[tuple[str, str]] = Counter()
        self.places: Counter[tuple[float, float]] = Counter()
        self.lost: list[tuple[datetime, str, Post]] = []
        self.repaired: list[tuple[datetime, str, Post]] = []

    def params(self) -> dict[str, Any]:
        return {}

    def add(self, post: Post) -> None:
        platform = post.platform.value
        self.platforms[platform] += 1
        when = post.created_at
        if self.first is None or when < self.first:
            self.first = when
        if self.last is None or when > self.last:
            self.last = when
        engagement = post.engagement
        for metric in METRICS:
            n = getattr(engagement, metric)
            if n is None:
                self.unknown[platform, metric] += 1
            else:
                found = self.values.get((platform, metric))
                if found is None:
                    found = self.values[platform, metric] = Counter()
                found[n] += 1
        location = post.location
        if location is not None and location.coordinates is not None:
            point = location.coordinates
            self.places[point.latitude, point.longitude] += 1
        quality = post.quality
        if quality.lost_glyphs:
            self.lost.append((post.created_at, post.id, post))
            if len(self.lost) >= _KEEP:
                _oldest(self.lost)
        if quality.repairs:
            self.repaired.append((post.created_at, post.id, post))
            if len(self.repaired) >= _KEEP:
                _oldest(self.repaired)

    def _absorb(self, other: Extras) -> None:
        self.platforms.update(other.platforms)
        times = [t for t in (self.first, self.last, other.first, other.last) if t is not None]
        self.first, self.last = min(times, default=None), max(times, default=None)
        for key, counter in other.values.items():
            self.values.setdefault(key, Counter()).update(counter)
        self.unknown.update(other.unknown)
        self.places.update(other.places)
        self.lost.extend(other.lost)
        self.repaired.extend(other.repaired)
        _oldest(self.lost)
        _oldest(self.repaired)

    def result(self) -> Found:
        _oldest(self.lost)
        _oldest(self.repaired)
        return Found(platforms=Counter(self.platforms), first=self.first, last=self.last,
                     values={key: Counter(c) for key, c in self.values.items()},
                     unknown=Counter(self.unknown), places=Counter(self.places),
                     lost=tuple(post for _, _, post in self.lost),
                     repaired=tuple(post for _, _, post in self.repaired))


class PairCounts(CooccurrenceCounts):
    """:class:`~engagekit.aggregate.CooccurrenceCounts` whose ``result()`` keeps the pairs of at
    least ``min_count`` posts, and which can name the largest smaller ones and their number
    (what :func:`~engagekit.report._tables.trim` keeps of a table's small rows)."""

    __slots__ = ()

    def small(self) -> tuple[list[tuple[str, str, int]], int]:
        """The ``min_count`` largest pairs below ``min_count`` posts, and how many there are."""
        below = [(pair, n) for pair, n in self._pairs.items() if n < self.min_count]
        top = heapq.nsmallest(self.min_count, below, key=lambda item: (-item[1], item[0]))
        return [(a, b, n) for (a, b), n in top], len(below)


@attrs.frozen(kw_only=True)
class Gathered:
    """The exact results of one pass, before anything is withheld."""

    tz: str
    excluded: int
    hashtags: HashtagCounts
    pairs: PairCounts
    authors: ByGroup
    officers: ByGroup
    places: ByGroup
    days: Timeline
    quality: QualityTally
    extras: Extras


class _Filter:
    """Posts that are not followers-only or direct (unless asked for); counts the others."""

    def __init__(self, include_private: bool) -> None:
        self.include_private = include_private
        self.excluded = 0

    def __call__(self, posts: Iterable[Post]) -> Iterator[Post]:
        if self.include_private:
            yield from posts
            return
        private = PRIVATE
        for post in posts:
            if post.visibility in private:
                self.excluded += 1
            else:
                yield post


def gather(posts: Iterable[Post], *, tz: str, min_count: int = 10,
           include_private: bool = False) -> Gathered:
    """Read ``posts`` once into every aggregator of the report (``tz`` is checked first)."""
    days = Timeline(period="day", tz=tz)  # raises ArgumentError for a bad zone, before reading
    kept = _Filter(include_private)
    found = Gathered(
        tz=tz, excluded=0, hashtags=HashtagCounts(), pairs=PairCounts(min_count=min_count),
        authors=ByGroup(by="author"), officers=ByGroup(by="officer"),
        places=ByGroup(by="location"), days=days,
        quality=QualityTally(), extras=Extras())
    feed(kept(posts), found.hashtags, found.pairs, found.authors, found.officers, found.places,
         found.days, found.quality, found.extras)
    return attrs.evolve(found, excluded=kept.excluded)
