"""Mergeable analytics over posts: counts, time series, groups, engagement, quality.

Each function takes any iterable of :class:`~engagekit.models.Post`, reads it
once and returns frozen rows in a deterministic order. Each is backed by an
aggregator class (``add``, ``update``, ``merge``, ``empty``, ``result``) whose
partial results merge exactly, so the same code runs on one core, in Dask or
in Spark (see ``engagekit.aggregate._base``).

>>> import engagekit as ek
>>> from engagekit.aggregate import hashtag_counts
>>> from engagekit.datasets import sample_posts
>>> top = hashtag_counts(sample_posts(), top=3)
>>> [(row.display, row.posts) for row in top]
[('StayCommitted', 24), ('CommunityPolicing', 22), ('BeTheChange', 18)]
"""

from engagekit.aggregate._base import Aggregator, Stats, Variant, feed
from engagekit.aggregate._by import (
    ByGroup,
    GroupRow,
    by_agency,
    by_author,
    by_location,
    by_officer,
    by_platform,
)
from engagekit.aggregate._campaign import Campaign, CampaignBucket, campaign
from engagekit.aggregate._cooccurrence import (
    Cooccurrence,
    CooccurrenceCounts,
    Node,
    Pair,
    cooccurrence,
)
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
from engagekit.aggregate._publish import (
    Publication,
    PublicationRule,
    PublishedColumn,
    Suppressed,
    SuppressedCell,
    publish,
)
from engagekit.aggregate._summary import (
    EngagementSummary,
    MetricSummary,
    QualitySummary,
    QualityTally,
    engagement_summary,
    quality_summary,
)
from engagekit.aggregate._timeline import Bucket, Timeline, timeline
from engagekit.aggregate._trending import Trend, Trending, trending

__all__ = [
    "GROUPINGS",
    "Aggregator",
    "Bucket",
    "ByGroup",
    "Campaign",
    "CampaignBucket",
    "Cooccurrence",
    "CooccurrenceCounts",
    "DomainCounts",
    "EmojiCounts",
    "EngagementSummary",
    "GroupRow",
    "HashtagCounts",
    "KeyCount",
    "MentionCounts",
    "MetricSummary",
    "Node",
    "Pair",
    "Publication",
    "PublicationRule",
    "PublishedColumn",
    "QualitySummary",
    "QualityTally",
    "Stats",
    "Suppressed",
    "SuppressedCell",
    "Timeline",
    "Trend",
    "Trending",
    "Variant",
    "by_agency",
    "by_author",
    "by_location",
    "by_officer",
    "by_platform",
    "campaign",
    "cooccurrence",
    "domain_counts",
    "emoji_counts",
    "engagement_summary",
    "feed",
    "hashtag_counts",
    "mention_counts",
    "publish",
    "quality_summary",
    "timeline",
    "trending",
]
