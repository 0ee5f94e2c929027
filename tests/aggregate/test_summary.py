"""Tests for engagekit.aggregate._summary: engagement and text-quality summaries."""

from __future__ import annotations

import statistics
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from engagekit.aggregate import (
    EngagementSummary,
    MetricSummary,
    QualityTally,
    Variant,
    engagement_summary,
    quality_summary,
)
from engagekit.models import Engagement, Post, TextQuality
from tests.aggregate._laws import check_laws, crowded_posts, splits

T0 = datetime(2024, 5, 1, tzinfo=UTC)


def post(i: int, **kw: object) -> Post:
    return Post(id=f"p{i}", platform="instagram", created_at=T0 + timedelta(hours=i),
                **kw)  # type: ignore[arg-type]


@given(st.sampled_from([EngagementSummary, QualityTally]),
       crowded_posts().flatmap(lambda ps: st.tuples(st.just(ps), splits(len(ps)))))
def test_laws(cls: type[EngagementSummary],
              drawn: tuple[list[Post], tuple[list[int], list[int]]]) -> None:
    posts, (cuts, order) = drawn
    check_laws(cls, posts, cuts, order)


def test_unknown_counts_are_reported_not_zero() -> None:
    posts = [post(0, engagement=Engagement(likes=10)), post(1, engagement=Engagement(likes=20)),
             post(2), post(3, engagement=Engagement(likes=0, views=7))]
    likes, comments, _, views = engagement_summary(posts)
    assert likes == MetricSummary(metric="likes", posts=4, known=3, unknown=1, total=30,
                                  mean=10.0, median=10.0, p90=20.0)
    assert comments == MetricSummary(metric="comments", posts=4, known=0, unknown=4, total=0,
                                     mean=None, median=None, p90=None)
    assert (views.known, views.median, views.p90) == (1, 7.0, 7.0)


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=60))
def test_median_is_exact_and_p90_is_nearest_rank(values: list[int]) -> None:
    (likes, *_) = engagement_summary([post(i, engagement=Engagement(likes=v))
                                      for i, v in enumerate(values)])
    assert likes.median == statistics.median(values)
    ordered = sorted(values)
    rank = -(-90 * len(values) // 100)
    assert likes.p90 == ordered[rank - 1]
    assert sum(v <= likes.p90 for v in values) >= 0.9 * len(values)
    assert likes.total == sum(values)


def test_quality_lists_lost_posts_oldest_first() -> None:
    lost = TextQuality(lost_glyphs=6, lost_spans=[(10, 16)])
    posts = [post(5, quality=lost), post(1, quality=TextQuality(repairs=["mojibake"])),
             post(2, quality=TextQuality(lost_glyphs=1, lost_spans=[(0, 1)],
                                         repairs=["mojibake", "ftfy"])),
             post(3)]
    found = quality_summary(posts)
    assert (found.posts, found.lost_posts, found.lost_share, found.lost_glyphs) == (4, 2, 0.5, 7)
    assert found.lost_ids == ("p2", "p5")
    assert found.repaired_posts == 2
    assert found.repairs == (Variant(text="mojibake", count=2), Variant(text="ftfy", count=1))
    assert (found.first_lost, found.last_lost) == (T0 + timedelta(hours=2),
                                                   T0 + timedelta(hours=5))


def test_quality_of_nothing() -> None:
    found = quality_summary([])
    assert (found.posts, found.lost_share, found.lost_ids, found.first_lost) == (0, None, (), None)
