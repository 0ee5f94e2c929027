"""A hashtag campaign over time: its posts, engagement and the people who took it up.

:func:`campaign` follows the posts carrying any of a campaign's hashtags,
bucket by bucket of local time (as :func:`timeline` cuts them), from the
bucket of the first such post to the bucket of the last, empty ones included.
Each engagement count has its sum over the posts that gave it and the number
of those posts (``likes`` and ``likes_known``, ...): an unknown count is never
taken for 0. ``new_adopters`` are the authors whose first campaign post falls
in the bucket and ``adopters`` those who joined so far.

>>> from datetime import datetime, timezone
>>> from engagekit.models import Account, Engagement, Post
>>> def post(id, handle, day, tags, likes=None):
...     return Post(id=id, platform="instagram", hashtags=tags,
...                 author=Account(platform="instagram", handle=handle),
...                 engagement=Engagement(likes=likes),
...                 created_at=datetime(2024, 8, day, 15, tzinfo=timezone.utc))
>>> posts = [post("1", "springfieldpd", 5, ["NationalNightOut"], likes=40),
...          post("2", "rivertonsheriff", 5, ["BeTheChange"]),
...          post("3", "SpringfieldPD", 6, ["nationalnightout"], likes=12),
...          post("4", "rivertonsheriff", 6, ["NationalNightOut"])]
>>> for row in campaign(posts, "#NationalNightOut"):
...     print(row.start.date(), row.posts, row.authors, row.new_adopters, row.adopters,
...           row.likes, row.likes_known)
2024-08-05 1 1 1 1 40 1
2024-08-06 2 2 1 2 12 1
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import attrs

from engagekit.aggregate._base import Aggregator, author_key, count, value
from engagekit.aggregate._time import buckets, elapsed, tag_keys
from engagekit.errors import ArgumentError
from engagekit.models import Hashtag, Post

__all__ = ["Campaign", "CampaignBucket", "campaign"]


@attrs.frozen(kw_only=True)
class CampaignBucket:
    """One period of a campaign: its posts, authors, adopters and known engagement."""

    start: datetime
    end: datetime
    posts: int = count()
    authors: int = value()
    new_adopters: int = value()
    adopters: int = value()
    likes: int = value()
    likes_known: int = value()
    comments: int = value()
    comments_known: int = value()
    shares: int = value()
    shares_known: int = value()
    views: int = value()
    views_known: int = value()

    @property
    def duration(self) -> timedelta:
        """The real time from ``start`` to ``end``."""
        return elapsed(self.start, self.end)


def _campaign_keys(hashtags: Any) -> tuple[str, ...]:
    if isinstance(hashtags, (str, Hashtag)):
        hashtags = [hashtags]
    elif not isinstance(hashtags, Iterable) or isinstance(hashtags, (bytes, dict)):
        raise ArgumentError("expected hashtags such as ['#NationalNightOut', '#BeTheChange']",
                            argument="hashtags", value=hashtags)
    keys = tag_keys(hashtags, "hashtags")
    if not keys:
        raise ArgumentError("expected at least one hashtag", argument="hashtags",
                            value=hashtags)
    return tuple(sorted(keys))


class Campaign(Aggregator[tuple[CampaignBucket, ...]]):
    """The aggregator behind :func:`campaign`.

    Its state is, per bucket key, the posts, each engagement sum and known
    count and the set of author keys, plus each author's earliest campaign
    post time: all exact, so splits merge to the same adopters.
    ``params()["hashtags"]`` holds the tags' keys, sorted.
    """

    __slots__ = ("_buckets", "_first", "_rows", "_tags", "hashtags", "period", "tz")

    def __init__(self, hashtags: Iterable[str | Hashtag] | str | Hashtag, *,
                 period: str = "day", tz: str = "UTC") -> None:
        self._buckets = buckets(period, tz)
        self.hashtags = _campaign_keys(hashtags)
        self._tags = frozenset(self.hashtags)
        self.period = period
        self.tz = tz
        # bucket key -> [posts, likes, likes_known, comments, comments_known, shares,
        #                shares_known, views, views_known, {author keys}]
        self._rows: dict[int, list[Any]] = {}
        self._first: dict[str, datetime] = {}  # author key -> earliest campaign post

    def params(self) -> dict[str, Any]:
        return {"hashtags": self.hashtags, "period": self.period, "tz": self.tz}

    def add(self, post: Post) -> None:
        tags = post.hashtags
        if not tags or self._tags.isdisjoint([tag.key for tag in tags]):
            return
        key = self._buckets.key_of(post.created_at.astimezone(self._buckets.zone))
        row = self._rows.get(key)
        if row is None:
            row = self._rows[key] = [0, 0, 0, 0, 0, 0, 0, 0, 0, set()]
        row[0] += 1
        engagement = post.engagement
        for i, known in enumerate((engagement.likes, engagement.comments, engagement.shares,
                                   engagement.views)):
            if known is not None:
                row[2 * i + 1] += known
                row[2 * i + 2] += 1
        author = author_key(post)
        if author is not None:
            row[9].add(author)
            first = self._first.get(author)
            if first is None or post.created_at < first:
                self._first[author] = post.created_at

    def _absorb(self, other: Campaign) -> None:
        rows = self._rows
        for key, theirs in other._rows.items():
            mine = rows.get(key)
            if mine is None:
                rows[key] = [*theirs[:9], set(theirs[9])]
                continue
            for i in range(9):
                mine[i] += theirs[i]
            mine[9] |= theirs[9]
        first = self._first
        for author, when in other._first.items():
            known = first.get(author)
            if known is None or when < known:
                first[author] = when

    def result(self) -> tuple[CampaignBucket, ...]:
        if not self._rows:
            return ()
        zone, key_of = self._buckets.zone, self._buckets.key_of
        joined = Counter(key_of(when.astimezone(zone)) for when in self._first.values())
        out = []
        adopters = 0
        empty = (0, 0, 0, 0, 0, 0, 0, 0, 0, ())
        for key, start, end in self._buckets.span(min(self._rows), max(self._rows)):
            (posts, likes, likes_known, comments, comments_known, shares, shares_known, views,
             views_known, authors) = self._rows.get(key, empty)
            adopters += joined[key]
            out.append(CampaignBucket(
                start=start, end=end, posts=posts, authors=len(authors),
                new_adopters=joined[key], adopters=adopters, likes=likes,
                likes_known=likes_known, comments=comments, comments_known=comments_known,
                shares=shares, shares_known=shares_known, views=views, views_known=views_known))
        return tuple(out)


def campaign(posts: Iterable[Post], hashtags: Iterable[str | Hashtag] | str | Hashtag, *,
             period: str = "day", tz: str = "UTC") -> tuple[CampaignBucket, ...]:
    """Posts, authors, adopters and known engagement per local ``period`` of a hashtag campaign.

    A post belongs to the campaign when it carries any of ``hashtags``
    (strings with or without ``#``, or :class:`~engagekit.models.Hashtag`;
    compared by key, so ``#nationalnightout`` is ``#NationalNightOut``). A
    single string is taken as one tag, not as a sequence of letters.
    ``period`` and ``tz`` are as for :func:`timeline`; the rows run from the
    bucket of the first campaign post to that of the last, gaps filled.
    An author adopts the campaign in the bucket of their first campaign post;
    posts without a known author count in ``posts`` but adopt nothing.

    >>> campaign([], [])
    Traceback (most recent call last):
    ...
    engagekit.errors.ArgumentError: hashtags=[]: expected at least one hashtag
    """
    return Campaign(hashtags, period=period, tz=tz).update(posts).result()
