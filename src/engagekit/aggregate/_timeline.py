"""Posts over time: one row per local hour, day, ISO week, month or year, gaps filled.

:func:`timeline` counts posts, distinct authors and known likes per bucket of
local time in an IANA zone (see :mod:`engagekit.aggregate._time` for how
buckets follow daylight-saving time). Every bucket from the first post's to
the last post's is a row, so a quiet day shows as zeros rather than a gap.
``likes`` sums the likes the source gave and ``likes_known`` says how many
posts gave one: an unknown count is never taken for 0.

>>> from datetime import datetime, timezone
>>> from engagekit.models import Engagement, Post
>>> def post(id, day, hour, likes=None):
...     return Post(id=id, platform="instagram", engagement=Engagement(likes=likes),
...                 created_at=datetime(2024, 3, day, hour, tzinfo=timezone.utc))
>>> posts = [post("1", 9, 18, likes=4), post("2", 9, 23), post("3", 12, 3, likes=1)]
>>> for row in timeline(posts, tz="America/Chicago"):
...     print(row.start.date(), row.posts, row.likes, row.likes_known, row.duration)
2024-03-09 2 4 1 1 day, 0:00:00
2024-03-10 0 0 0 23:00:00
2024-03-11 1 1 1 1 day, 0:00:00
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, Self

import attrs

from engagekit.aggregate._base import Aggregator, author_names, count, value
from engagekit.aggregate._groups import GROUPINGS, Grouping, grouping
from engagekit.aggregate._time import buckets, elapsed, tag_keys
from engagekit.errors import ArgumentError
from engagekit.models import Post
from engagekit.sources.roster import Roster

__all__ = ["Bucket", "Timeline", "timeline"]

_BY = (f"expected one of {', '.join(map(repr, GROUPINGS))}, a hashtag such as "
       "'#CommunityPolicing' or a list of hashtags")


@attrs.frozen(kw_only=True)
class Bucket:
    """One period of one series: its posts, distinct known authors and known likes.

    ``start`` and ``end`` are aware times in the series' zone, ``end`` being
    the next bucket's ``start``. ``group`` is ``None`` without ``by``.
    """

    group: str | None
    start: datetime
    end: datetime
    posts: int = count()
    authors: int = value()
    likes: int = value()
    likes_known: int = value()

    @property
    def duration(self) -> timedelta:
        """The real time from ``start`` to ``end`` (23 or 25 hours on a daylight-saving day)."""
        return elapsed(self.start, self.end)


def _series_of(by: Any, roster: Roster | None) -> tuple[Any, Grouping | None, tuple[str, ...]]:
    """``by`` as it is kept in params, its grouping function and its hashtag keys."""
    if by is None:
        return None, None, ()
    if type(by) is str:
        if by.startswith(("#", "＃")):
            return by, None, tag_keys([by], "by")
        if by in GROUPINGS:
            return by, grouping(by, roster=roster), ()
    elif type(by) in (list, tuple) and by and all(
            type(tag) is str and tag.startswith(("#", "＃")) for tag in by):
        return tuple(by), None, tag_keys(by, "by")
    raise ArgumentError(_BY, argument="by", value=by)


class Timeline(Aggregator[tuple[Bucket, ...]]):
    """The aggregator behind :func:`timeline`.

    Its state is, per group and bucket key, ``[posts, likes, likes_known,
    authors]``: ints and a set of author keys, which merge exactly.
    """

    __slots__ = ("_buckets", "_group_of", "_seen", "_series", "_tags", "by", "period",
                 "roster", "tz")

    def __init__(self, *, period: str = "day", tz: str = "UTC", by: Any = None,
                 roster: Roster | None = None) -> None:
        self._buckets = buckets(period, tz)
        self.period = period
        self.tz = tz
        self.by, self._group_of, self._tags = _series_of(by, roster)
        self.roster = roster
        # group -> bucket key -> [posts, likes, likes_known, {author keys}]
        self._series: dict[str | None, dict[int, list[Any]]] = {}
        self._seen: set[int] = set()  # bucket keys of every post (hashtag series only)

    def params(self) -> dict[str, Any]:
        return {"period": self.period, "tz": self.tz, "by": self.by, "roster": self.roster}

    def __getstate__(self) -> dict[str, Any]:
        # The grouping may be a closure over the roster: rebuild it rather than pickle it.
        return {"params": self.params(), "series": self._series, "seen": self._seen}

    def __setstate__(self, state: dict[str, Any]) -> None:
        Timeline.__init__(self, **state["params"])
        self._series = state["series"]
        self._seen = state["seen"]

    def update(self, posts: Iterable[Post]) -> Self:
        # One astimezone, an int key and dict/set operations per post: the hot loop of
        # every report, so it is written out here rather than calling helpers.
        zone = self._buckets.zone
        key_of = self._buckets.key_of
        series = self._series
        name_of = author_names()
        group_of = self._group_of
        tags = frozenset(self._tags)
        seen = self._seen
        groups: Iterable[str | None] = (None,)
        for post in posts:
            key = key_of(post.created_at.astimezone(zone))
            if tags:
                seen.add(key)
                groups = tags.intersection([tag.key for tag in post.hashtags])
            elif group_of is not None:
                groups = (group_of(post),)
            likes = post.engagement.likes
            author = post.author
            name = None if author is None else name_of(author)
            for group in groups:
                rows = series.get(group)
                if rows is None:
                    rows = series[group] = {}
                row = rows.get(key)
                if row is None:
                    row = rows[key] = [0, 0, 0, set()]
                row[0] += 1
                if likes is not None:
                    row[1] += likes
                    row[2] += 1
                if name is not None:
                    row[3].add(name)
        return self

    def _absorb(self, other: Timeline) -> None:
        self._seen |= other._seen
        for group, theirs in other._series.items():
            rows = self._series.setdefault(group, {})
            for key, row in theirs.items():
                mine = rows.get(key)
                if mine is None:
                    rows[key] = [row[0], row[1], row[2], set(row[3])]
                else:
                    mine[0] += row[0]
                    mine[1] += row[1]
                    mine[2] += row[2]
                    mine[3] |= row[3]

    def result(self) -> tuple[Bucket, ...]:
        keys = set(self._seen)
        for rows in self._series.values():
            keys.update(rows)
        if not keys:
            return ()
        span = list(self._buckets.span(min(keys), max(keys)))
        if self._tags:
            groups: list[str | None] = [*sorted(self._tags)]
        else:
            groups = sorted(self._series, key=lambda group: (group is None, group or ""))
        out = []
        empty = (0, 0, 0, ())
        for group in groups:
            rows = self._series.get(group, {})
            for key, start, end in span:
                posts, likes, likes_known, authors = rows.get(key, empty)
                out.append(Bucket(group=group, start=start, end=end, posts=posts,
                                  authors=len(authors), likes=likes, likes_known=likes_known))
        return tuple(out)


def timeline(posts: Iterable[Post], *, period: str = "day", tz: str = "UTC", by: Any = None,
             roster: Roster | None = None) -> tuple[Bucket, ...]:
    """Posts, distinct authors and known likes per local ``period`` in the zone ``tz``.

    ``period`` is ``"hour"``, ``"day"``, ``"week"`` (ISO weeks, from Monday),
    ``"month"`` or ``"year"``; ``tz`` an IANA zone name such as
    ``"America/Chicago"``. Buckets start at local midnight (local clock hours
    for ``"hour"``), so a day lasts 23 or 25 hours when the clocks change, and
    the hour the clocks repeat is two buckets. Every bucket from the first
    post's to the last post's is a row, empty ones included.

    ``by`` splits the counts into series: one of ``"platform"``,
    ``"author"``, ``"officer"``, ``"agency"`` or ``"location"`` (a post without
    one falls in the group ``None``; ``roster`` names the agency of an
    agency's own account), or a hashtag such as ``"#CommunityPolicing"``, or a
    list of them (one series per hashtag key, counting the posts that carry
    it). The series are aligned: each covers the same buckets, from the first
    post's to the last post's over all posts, and every hashtag asked for gets
    one. Rows are sorted by group (``None`` last), then by start.

    >>> from datetime import datetime, timezone
    >>> from engagekit.models import Post
    >>> posts = [Post(id="1", platform="twitter", hashtags=["CommunityPolicing"],
    ...               created_at=datetime(2024, 12, 31, 9, tzinfo=timezone.utc)),
    ...          Post(id="2", platform="mastodon", hashtags=["communitypolicing", "BeTheChange"],
    ...               created_at=datetime(2025, 1, 8, 9, tzinfo=timezone.utc))]
    >>> for row in timeline(posts, period="week", by=["#CommunityPolicing", "#BeTheChange"]):
    ...     print(row.group, row.start.date(), row.posts)
    bethechange 2024-12-30 0
    bethechange 2025-01-06 1
    communitypolicing 2024-12-30 1
    communitypolicing 2025-01-06 1
    """
    return Timeline(period=period, tz=tz, by=by, roster=roster).update(posts).result()
