"""Mergeable analytics over posts: counts, time series, groups, engagement, quality.

Each function takes any iterable of :class:`~engagekit.models.Post`, reads it
once and returns frozen rows in a deterministic order. Each is backed by an
aggregator class (``add``, ``update``, ``merge``, ``empty``, ``result``) whose
partial results merge exactly, so the same code runs on one core, in Dask or
in Spark (see :mod:`engagekit.aggregate._base`).

>>> import engagekit as ek
>>> from engagekit.aggregate import hashtag_counts
>>> from engagekit.datasets import sample_posts
>>> top = hashtag_counts(sample_posts(), top=3)
>>> [(row.display, row.posts) for row in top]
[('StayCommitted', 24), ('CommunityPolicing', 22), ('BeTheChange', 18)]
"""

from engagekit.aggregate._base import Aggregator, Stats, Variant
from engagekit.aggregate._counts import (
    DomainCounts,
    EmojiCounts,
    HashtagCounts,
    KeyCount,
    MentionCounts,
    domain_counts,
    emoji_counts,
    hashtag_counts,
    mention_counts,
)
from engagekit.aggregate._groups import GROUPINGS

__all__ = [
    "GROUPINGS",
    "Aggregator",
    "DomainCounts",
    "EmojiCounts",
    "HashtagCounts",
    "KeyCount",
    "MentionCounts",
    "Stats",
    "Variant",
    "domain_counts",
    "emoji_counts",
    "hashtag_counts",
    "mention_counts",
]
