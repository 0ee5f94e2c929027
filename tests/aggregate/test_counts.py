"""Tests for engagekit.aggregate._counts: per-key counts of hashtags, mentions, domains, emoji."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from engagekit.aggregate import DomainCounts, EmojiCounts, HashtagCounts, MentionCounts
from engagekit.models import Post
from tests.aggregate._laws import check_laws, crowded_posts, splits


@given(st.sampled_from([HashtagCounts, MentionCounts, DomainCounts, EmojiCounts]),
       crowded_posts().flatmap(lambda ps: st.tuples(st.just(ps), splits(len(ps)))))
def test_laws(cls: type[HashtagCounts], drawn: tuple[list[Post], tuple[list[int], list[int]]]) -> None:
    posts, (cuts, order) = drawn
    check_laws(cls, posts, cuts, order)
