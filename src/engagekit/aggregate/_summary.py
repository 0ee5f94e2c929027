"""Whole-collection summaries: engagement counts and text quality.

``engagement_summary`` reports, for each of likes, comments, shares and views,
how many posts gave the count (``known``) and how many did not (``unknown``):
unknown counts are left out of the total, mean, median and p90, never taken as
0. ``median`` is exact (the mean of the two middle values for an even number);
``p90`` is the nearest-rank 90th percentile, a value that occurred.

``quality_summary`` answers "which posts lost their emoji": the posts whose
text has characters an earlier system replaced with ``?`` or U+FFFD, and the
repairs applied, by kind.

>>> from engagekit.datasets import sample_posts
>>> likes = engagement_summary(sample_posts())[0]
>>> likes.metric, likes.posts, likes.known, likes.unknown
('likes', 80, 80, 0)
>>> quality = quality_summary(sample_posts())
>>> quality.lost_posts, quality.lost_ids[:2]
(11, ('sample-0000', 'sample-0006'))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs

from engagekit.aggregate._base import (
    Aggregator,
    Variant,
    count,
    percentile,
    read_variants,
    stats_of,
    value,
)
from engagekit.aggregate._by import METRICS
from engagekit.models import Post

__all__ = ["EngagementSummary", "MetricSummary", "QualitySummary", "QualityTally",
           "engagement_summary", "quality_summary"]


@attrs.frozen(kw_only=True)
class MetricSummary:
    """One engagement count over all posts: known values only in every figure."""

    metric: str
    posts: int = count()
    known: int = value()
    unknown: int = value()
    total: int = value()
    mean: float | None = value()
    median: float | None = value()
    p90: float | None = value()


class EngagementSummary(Aggregator[tuple[MetricSummary, ...]]):
    """The aggregator behind :func:`engagement_summary`."""

    __slots__ = ("_unknown", "_values")

    def __init__(self) -> None:
        self._values: tuple[Counter[int], ...] = tuple(Counter() for _ in METRICS)
        self._unknown = [0] * len(METRICS)

    def params(self) -> dict[str, Any]:
        return {}

    def add(self, post: Post) -> None:
        e = post.engagement
        for i, n in enumerate((e.likes, e.comments, e.shares, e.views)):
            if n is None:
                self._unknown[i] += 1
            else:
                self._values[i][n] += 1

    def _absorb(self, other: EngagementSummary) -> None:
        for mine, theirs in zip(self._values, other._values, strict=True):
            mine.update(theirs)
        self._unknown = [a + b for a, b in zip(self._unknown, other._unknown, strict=True)]

    def result(self) -> tuple[MetricSummary, ...]:
        rows = []
        for i, metric in enumerate(METRICS):
            stats = stats_of(self._values[i], self._unknown[i])
            rows.append(MetricSummary(
                metric=metric, posts=stats.known + stats.unknown, known=stats.known,
                unknown=stats.unknown, total=stats.total, mean=stats.mean, median=stats.median,
                p90=percentile(self._values[i], 90)))
        return tuple(rows)


def engagement_summary(posts: Iterable[Post]) -> tuple[MetricSummary, ...]:
    """Count, known count, total, mean, exact median and p90 of likes, comments, shares, views."""
    return EngagementSummary().update(posts).result()


@attrs.frozen(kw_only=True)
class QualitySummary:
    """Posts that lost characters, and the repairs applied to texts.

    ``lost_ids`` lists the posts with lost glyphs, oldest first (ties by id);
    ``lost_share`` is ``lost_posts / posts`` (``None`` with no posts);
    ``repairs`` counts the posts repaired, by kind.
    """

    posts: int = count()
    lost_posts: int = count()
    lost_share: float | None = value()
    lost_glyphs: int = value()
    lost_ids: tuple[str, ...] = value()
    repaired_posts: int = count()
    repairs: tuple[Variant, ...] = value()
    first_lost: datetime | None = value()
    last_lost: datetime | None = value()


class QualityTally(Aggregator[QualitySummary]):
    """The aggregator behind :func:`quality_summary`."""

    __slots__ = ("_glyphs", "_lost", "_posts", "_repaired", "_repairs")

    def __init__(self) -> None:
        self._posts = 0
        self._glyphs = 0
        self._repaired = 0
        self._lost: list[tuple[datetime, str]] = []
        self._repairs: Counter[str] = Counter()

    def params(self) -> dict[str, Any]:
        return {}

    def add(self, post: Post) -> None:
        self._posts += 1
        quality = post.quality
        if quality.lost_glyphs:
            self._glyphs += quality.lost_glyphs
            self._lost.append((post.created_at, post.id))
        if quality.repairs:
            self._repaired += 1
            self._repairs.update(set(quality.repairs))

    def _absorb(self, other: QualityTally) -> None:
        self._posts += other._posts
        self._glyphs += other._glyphs
        self._repaired += other._repaired
        self._lost.extend(other._lost)
        self._repairs.update(other._repairs)

    def result(self) -> QualitySummary:
        lost = sorted(self._lost)
        return QualitySummary(
            posts=self._posts, lost_posts=len(lost),
            lost_share=len(lost) / self._posts if self._posts else None,
            lost_glyphs=self._glyphs, lost_ids=tuple(post_id for _, post_id in lost),
            repaired_posts=self._repaired, repairs=read_variants(self._repairs),
            first_lost=lost[0][0] if lost else None, last_lost=lost[-1][0] if lost else None,
        )


def quality_summary(posts: Iterable[Post]) -> QualitySummary:
    """Which posts lost characters (count, share, ids) and which repairs were made."""
    return QualityTally().update(posts).result()
