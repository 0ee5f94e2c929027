"""Trending hashtags: the tags whose share of posts grew most from one period to the next.

For every period after the first (local periods of a zone, as
:func:`timeline` cuts them, empty ones included) and every hashtag key:

- ``share = posts / total``: the posts carrying the tag over all posts of the
  period (a post counts once however often it writes the tag);
- ``previous_share`` is the same for the period before, 0.0 when that period
  had no posts;
- ``score = share - previous_share``.

A tag is a row when it has at least ``min_posts`` posts in the period and its
score is above 0 (its share grew). Rows run period by period in time order;
within a period by score, highest first, then by key, the ``top`` first.
Shares are computed from exact counts in ``result()``, so every split of the
posts gives the same floats.

>>> from datetime import datetime, timedelta, timezone
>>> from engagekit.models import Post
>>> monday = datetime(2024, 7, 29, 12, tzinfo=timezone.utc)
>>> def posts(week, n, tags):
...     return [Post(id=f"{week}-{tags}-{i}", platform="mastodon", hashtags=tags,
...                  created_at=monday + timedelta(weeks=week, hours=i)) for i in range(n)]
>>> sample = (posts(0, 2, ["NationalNightOut"]) + posts(0, 6, ["BeTheChange"])
...           + posts(1, 6, ["NationalNightOut"]) + posts(1, 2, ["nationalnightout"])
...           + posts(1, 2, ["BeTheChange"]))
>>> for row in trending(sample, min_posts=3):
...     print(row.start.date(), row.display, row.posts, row.share, row.previous_share, row.score)
2024-08-05 NationalNightOut 8 0.8 0.25 0.55
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Self

import attrs

from engagekit.aggregate._base import Aggregator, check_positive, count, display_of, value
from engagekit.aggregate._time import buckets
from engagekit.models import Post, tag_key

__all__ = ["Trend", "Trending", "trending"]


@attrs.frozen(kw_only=True)
class Trend:
    """A hashtag whose share of posts grew from the period before ``start`` to this one."""

    start: datetime
    end: datetime
    key: str
    display: str = value()
    posts: int = count()
    share: float = value()
    previous_posts: int = count()
    previous_share: float = value()
    score: float = value()


class Trending(Aggregator[tuple[Trend, ...]]):
    """The aggregator behind :func:`trending`.

    Its state is the number of posts per bucket key, the posts per bucket key
    and hashtag key, and how often each written form of a tag was written.
    """

    __slots__ = ("_buckets", "_counts", "_forms", "_totals", "min_posts", "period", "top", "tz")

    def __init__(self, *, period: str = "week", tz: str = "UTC", min_posts: int = 5,
                 top: int | None = None) -> None:
        self._buckets = buckets(period, tz)
        check_positive("min_posts", min_posts)
        check_positive("top", top, optional=True)
        self.period = period
        self.tz = tz
        self.min_posts = min_posts
        self.top = top
        self._totals: dict[int, int] = {}  # bucket key -> posts
        self._counts: dict[int, dict[str, int]] = {}  # bucket key -> tag key -> posts
        self._forms: dict[str, int] = {}  # written form -> times written

    def params(self) -> dict[str, Any]:
        return {"period": self.period, "tz": self.tz, "min_posts": self.min_posts,
                "top": self.top}

    def update(self, posts: Iterable[Post]) -> Self:
        zone = self._buckets.zone
        key_of = self._buckets.key_of
        totals = self._totals
        counts = self._counts
        forms = self._forms
        for post in posts:
            key = key_of(post.created_at.astimezone(zone))
            totals[key] = totals.get(key, 0) + 1
            tags = post.hashtags
            if not tags:
                continue
            counted = counts.get(key)
            if counted is None:
                counted = counts[key] = {}
            for tag in tags:
                forms[tag.text] = forms.get(tag.text, 0) + 1
            for tag_key_ in {tag.key for tag in tags}:
                counted[tag_key_] = counted.get(tag_key_, 0) + 1
        return self

    def _absorb(self, other: Trending) -> None:
        for key, total in other._totals.items():
            self._totals[key] = self._totals.get(key, 0) + total
        for key, theirs in other._counts.items():
            mine = self._counts.setdefault(key, {})
            for tag, n in theirs.items():
                mine[tag] = mine.get(tag, 0) + n
        for form, n in other._forms.items():
            self._forms[form] = self._forms.get(form, 0) + n

    def result(self) -> tuple[Trend, ...]:
        totals = self._totals
        if not totals:
            return ()
        variants: dict[str, dict[str, int]] = {}
        for form, n in self._forms.items():
            variants.setdefault(tag_key(form), {})[form] = n
        out: list[Trend] = []
        span = self._buckets.span(min(totals), max(totals))
        before, _, _ = next(span)
        for key, start, end in span:
            total, previous_total = totals.get(key, 0), totals.get(before, 0)
            earlier = self._counts.get(before, {})
            rows = []
            for tag, posts in self._counts.get(key, {}).items():
                if posts < self.min_posts:
                    continue
                previous = earlier.get(tag, 0)
                share = posts / total
                previous_share = previous / previous_total if previous_total else 0.0
                score = share - previous_share
                if score > 0:
                    rows.append(Trend(start=start, end=end, key=tag,
                                      display=display_of(variants[tag]), posts=posts,
                                      share=share, previous_posts=previous,
                                      previous_share=previous_share, score=score))
            rows.sort(key=lambda row: (-row.score, row.key))
            out.extend(rows[: self.top])
            before = key
        return tuple(out)


def trending(posts: Iterable[Post], *, period: str = "week", tz: str = "UTC", min_posts: int = 5,
             top: int | None = None) -> tuple[Trend, ...]:
    """The hashtags whose share of posts grew most from each local ``period`` to the next.

    ``score = share - previous_share``, where a tag's share of a period is the
    posts carrying it over all posts of that period and an empty previous
    period has share 0.0. A tag with fewer than ``min_posts`` posts in the
    later period, or whose share did not grow, is left out. Rows run period by
    period (the first period has none: nothing comes before it), by score
    descending then key within a period, at most ``top`` per period.
    ``period`` and ``tz`` are as for :func:`timeline`.

    >>> trending([], min_posts=0)
    Traceback (most recent call last):
    ...
    engagekit.errors.ArgumentError: min_posts=0: expected a whole number of at least 1
    """
    return Trending(period=period, tz=tz, min_posts=min_posts, top=top).update(posts).result()
