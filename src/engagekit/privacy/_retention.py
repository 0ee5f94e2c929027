"""Retention: keep only the posts made at or after a moment."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from engagekit.errors import ArgumentError
from engagekit.models import Post

__all__ = ["drop_older_than"]


def drop_older_than(posts: Iterable[Post], when: datetime) -> Iterator[Post]:
    """The posts created at or after ``when`` (a timezone-aware datetime), lazily.

    engagekit reads no clock: compute ``when`` yourself, such as
    ``datetime.now(timezone.utc) - timedelta(days=365)`` for a one-year policy.

    >>> import engagekit as ek
    >>> from datetime import datetime, timezone
    >>> posts = [ek.Post(id=str(y), platform="instagram",
    ...                  created_at=datetime(y, 1, 1, tzinfo=timezone.utc))
    ...          for y in (2019, 2024, 2026)]
    >>> [p.id for p in ek.drop_older_than(posts, datetime(2024, 1, 1, tzinfo=timezone.utc))]
    ['2024', '2026']
    """
    if not isinstance(when, datetime) or when.utcoffset() is None:
        raise ArgumentError("expected a timezone-aware datetime, such as "
                            "datetime(2025, 1, 1, tzinfo=timezone.utc)", argument="when",
                            value=when)
    return (post for post in posts if post.created_at >= when)
