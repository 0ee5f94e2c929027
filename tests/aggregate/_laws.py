"""Shared pieces of the aggregation tests: posts that collide, and the monoid laws.

``crowded_posts()`` draws posts from small pools of tags (in several casings and
scripts), authors, officers, places and times around daylight-saving changes,
so that aggregating them merges the same keys, authors and buckets often.
``check_laws(make, posts, cuts, order)`` asserts that every split of ``posts``
at ``cuts``, merged in the drawn ``order``, gives what one pass gives, and that
``empty()`` is an identity.
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from engagekit.aggregate import Aggregator
from engagekit.models import (
    Account,
    Agency,
    Emoji,
    Engagement,
    Hashtag,
    Link,
    Location,
    Mention,
    Officer,
    Post,
    TextQuality,
)

__all__ = ["check_laws", "crowded_posts", "splits"]

TAGS = ["CommunityPolicing", "communitypolicing", "COMMUNITYPOLICING", "StayCommitted",
        "ＳｔａｙＣｏｍｍｉｔｔｅｄ", "NationalNightOut", "सामुदायिक_पुलिस", "CoffeeWithACop",
        "coffeewithacop", "Straße", "STRASSE", "BeTheChange"]
HANDLES = ["springfieldpd", "SpringfieldPD", "rivertonsheriff", "lakeside@civic.example"]
AGENCIES = [Agency(name="Springfield Police Department"), Agency(name="Riverton Sheriff")]
OFFICERS = [Officer(name="Jordan Reyes", agency=AGENCIES[0]),
            Officer(name="Sam Okafor", agency=AGENCIES[1]), Officer(name="Ana Lima")]
PLACES = [Location(name="Burns Park", locality="Springfield", region="IL", country="US"),
          Location(name="Riverton City Park", locality="Riverton", region="WY", country="US")]
LINKS = ["https://www.example.org/a", "https://news.example.co.uk/b", "http://Example.org/c"]
EMOJI = ["🎉", "❤️", "❤", "👮🏽‍♀️"]
# Around the 2024 daylight-saving changes in Chicago (10 March, 3 November) and a year end.
_BASES = [datetime(2024, 3, 9, 12, tzinfo=UTC), datetime(2024, 11, 2, 12, tzinfo=UTC),
          datetime(2024, 12, 29, 12, tzinfo=UTC)]


_COUNT = st.none() | st.integers(0, 50)
_SUBSET = st.integers(0, 255)  # a bit mask over a pool: which of its items a post carries


def _pick(pool: Sequence[Any], mask: int, most: int) -> list[Any]:
    return [item for bit, item in enumerate(pool) if mask >> bit & 1][:most]


def _build(index: int, draw: tuple[Any, ...]) -> Post:
    (base, minutes, author, lost, platform, officer, tags, mentions, links, emoji, place,
     counts, repair) = draw
    return Post(
        id=f"p{index}",
        platform=platform,
        created_at=_BASES[base] + timedelta(minutes=minutes),
        author=None if author is None else Account(platform="instagram", handle=author),
        officer=officer,
        hashtags=[Hashtag(text=t) for t in _pick(TAGS, tags, 4)],
        mentions=[Mention(handle=h) for h in _pick(HANDLES, mentions, 2)],
        links=[Link(url=u) for u in _pick(LINKS, links, 2)],
        emoji=[Emoji(text=e) for e in _pick(EMOJI, emoji, 3)],
        location=place,
        engagement=Engagement(likes=counts[0], comments=counts[1], shares=counts[2],
                              views=counts[3]),
        quality=TextQuality(lost_glyphs=lost, lost_spans=[(0, lost)] if lost else [],
                            repairs=[repair] if repair else []),
    )


_DRAW = st.tuples(
    st.integers(0, len(_BASES) - 1), st.integers(0, 4 * 24 * 60),
    st.none() | st.sampled_from(HANDLES), st.sampled_from([0, 0, 0, 2, 6]),
    st.sampled_from(["instagram", "twitter", "mastodon"]),
    st.none() | st.sampled_from(OFFICERS),
    st.integers(0, (1 << len(TAGS)) - 1) | st.sampled_from([0, 1, 3, 6]),
    _SUBSET, _SUBSET, _SUBSET, st.none() | st.sampled_from(PLACES),
    st.tuples(_COUNT, _COUNT, _COUNT, _COUNT), st.sampled_from([None, None, "mojibake", "ftfy"]),
)


def crowded_posts(max_size: int = 30) -> st.SearchStrategy[list[Post]]:
    """Posts whose tags, authors, officers, places and days collide often."""
    return st.lists(_DRAW, max_size=max_size).map(
        lambda draws: [_build(i, d) for i, d in enumerate(draws)])


@st.composite
def splits(draw: st.DrawFn, n: int) -> tuple[list[int], list[int]]:
    """Cut points into ``n`` posts and an order in which to merge the parts."""
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=4)))
    order = draw(st.permutations(range(len(cuts) + 1)))
    return cuts, list(order)


def check_laws(make: Callable[[], Aggregator[Any]], posts: Sequence[Post],
               cuts: Sequence[int], order: Sequence[int]) -> None:
    """One pass == any split merged in any order (left fold and tree); empty() is an identity."""
    whole = make().update(posts)
    expected = whole.result()
    bounds = [0, *cuts, len(posts)]
    parts = [make().update(posts[a:b]) for a, b in itertools.pairwise(bounds)]
    parts = [pickle.loads(pickle.dumps(part)) for part in parts]  # as Dask ships them
    ordered = [parts[i] for i in order]
    folded = ordered[0]
    for part in ordered[1:]:
        folded = folded.merge(part)
    assert folded.result() == expected
    while len(ordered) > 1:  # a tree, as dask and treeReduce merge
        ordered = [ordered[i].merge(ordered[i + 1]) if i + 1 < len(ordered) else ordered[i]
                   for i in range(0, len(ordered), 2)]
    assert ordered[0].result() == expected
    assert whole.empty().merge(whole).result() == expected
    assert whole.merge(whole.empty()).result() == expected
    assert whole.result() == expected, "merging changed an input"
