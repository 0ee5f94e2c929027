"""Tests for engagekit.aggregate._counts: per-key counts of hashtags, mentions, domains, emoji."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.aggregate import (
    DomainCounts,
    EmojiCounts,
    HashtagCounts,
    KeyCount,
    MentionCounts,
    Variant,
    domain_counts,
    emoji_counts,
    hashtag_counts,
    mention_counts,
)
from engagekit.aggregate._counts import registered_domain
from engagekit.errors import ArgumentError
from engagekit.models import Account, Emoji, Engagement, Link, Mention, Post
from tests.aggregate._laws import check_laws, crowded_posts, splits

T0 = datetime(2024, 5, 1, 12, tzinfo=UTC)


def post(i: int, *, tags: tuple[str, ...] = (), author: str | None = "a", likes: int | None = None,
         **kw: object) -> Post:
    return Post(id=str(i), platform="instagram", created_at=T0 + timedelta(days=i),
                hashtags=tags, engagement=Engagement(likes=likes),
                author=None if author is None else Account(platform="instagram", handle=author),
                **kw)  # type: ignore[arg-type]


@given(st.sampled_from([HashtagCounts, MentionCounts, DomainCounts, EmojiCounts]),
       crowded_posts().flatmap(lambda ps: st.tuples(st.just(ps), splits(len(ps)))))
def test_laws(cls: type[HashtagCounts],
              drawn: tuple[list[Post], tuple[list[int], list[int]]]) -> None:
    posts, (cuts, order) = drawn
    check_laws(cls, posts, cuts, order)


def test_a_key_gathers_its_written_forms() -> None:
    posts = [post(0, tags=("CommunityPolicing", "communitypolicing"), likes=5),
             post(1, tags=("ＣｏｍｍｕｎｉｔｙＰｏｌｉｃｉｎｇ",), author="A", likes=None),
             post(2, tags=("communitypolicing",), author="b", likes=0)]
    (row,) = hashtag_counts(posts)
    assert row == KeyCount(
        key="communitypolicing", display="communitypolicing",
        variants=(Variant(text="communitypolicing", count=2),
                  Variant(text="CommunityPolicing", count=1),
                  Variant(text="ＣｏｍｍｕｎｉｔｙＰｏｌｉｃｉｎｇ", count=1)),
        posts=3, authors=2, likes=5, likes_known=2, first=T0, last=T0 + timedelta(days=2))


@pytest.mark.parametrize(("forms", "display"), [
    # the most written form wins
    (("staycommitted", "staycommitted", "StayCommitted"), "staycommitted"),
    # a tie goes to the first in code-point order: capitals come first
    (("staycommitted", "StayCommitted"), "StayCommitted"),
    (("STAYCOMMITTED", "StayCommitted"), "STAYCOMMITTED"),
    # Indic tags are counted whole, never cut at a combining mark
    (("सामुदायिक_पुलिस",), "सामुदायिक_पुलिस"),
])
def test_display_is_the_most_written_form(forms: tuple[str, ...], display: str) -> None:
    (row,) = hashtag_counts([post(i, tags=(form,)) for i, form in enumerate(forms)])
    assert row.display == display
    assert sum(v.count for v in row.variants) == len(forms)


def test_rows_sort_by_posts_then_key_and_top_cuts() -> None:
    posts = [post(0, tags=("b", "c")), post(1, tags=("c", "a")), post(2, tags=("b",))]
    assert [(r.key, r.posts) for r in hashtag_counts(posts)] == [("b", 2), ("c", 2), ("a", 1)]
    assert [r.key for r in hashtag_counts(posts, top=1)] == ["b"]


def test_unknown_likes_are_not_zero() -> None:
    (row,) = hashtag_counts([post(0, tags=("x",), likes=None), post(1, tags=("x",), likes=None)])
    assert (row.likes, row.likes_known) == (0, 0)


def test_authors_are_distinct_case_insensitively_and_unknown_left_out() -> None:
    posts = [post(0, tags=("x",), author="Springfield"), post(1, tags=("x",), author="springfield"),
             post(2, tags=("x",), author=None)]
    (row,) = hashtag_counts(posts)
    assert (row.posts, row.authors) == (3, 1)


def test_mentions_emoji_and_domains() -> None:
    posts = [post(0, mentions=[Mention(handle="SpringfieldPD"), Mention(handle="springfieldpd")],
                  emoji=[Emoji(text="❤️"), Emoji(text="❤")],
                  links=[Link(url="https://t.co/x", expanded_url="https://www.Example.org/a"),
                         Link(url="http://news.example.co.uk/b")]),
             post(1, mentions=[Mention(handle="lakeside@civic.example")],
                  links=[Link(url="https://example.org/c")])]
    assert [(r.key, r.display, r.posts) for r in mention_counts(posts)] == [
        ("lakeside@civic.example", "lakeside@civic.example", 1),
        ("springfieldpd", "SpringfieldPD", 1)]
    (heart,) = emoji_counts(posts)
    assert (heart.key, heart.posts, len(heart.variants)) == ("❤", 1, 2)
    assert [(r.key, r.posts) for r in domain_counts(posts)] == [
        ("example.org", 2), ("example.co.uk", 1)]


@pytest.mark.parametrize(("url", "domain"), [
    ("https://www.example.org/a", "example.org"),
    ("https://news.example.co.uk/b", "example.co.uk"),
    ("HTTP://User:pw@Sub.Example.COM:8080/x?y#z", "example.com"),
    ("example.org", "example.org"),
    ("https://springfield.gov.uk/", "springfield.gov.uk"),
    ("https://alice.github.io/page", "alice.github.io"),  # a private suffix: each user's own
    # hosts without a registrable domain are kept whole
    ("http://192.168.0.1/admin", "192.168.0.1"),
    ("http://localhost:8000/", "localhost"),
    ("http://[2001:db8::1]:80/", "[2001:db8::1]"),
])
def test_registered_domain(url: str, domain: str) -> None:
    assert registered_domain(url) == domain


@pytest.mark.parametrize("top", [0, -1, 1.5, "3", True])
def test_bad_top_names_the_argument(top: object) -> None:
    with pytest.raises(ArgumentError) as info:
        hashtag_counts([], top=top)  # type: ignore[arg-type]
    assert info.value.argument == "top"
    assert info.value.value == top


def test_no_posts_no_rows() -> None:
    assert hashtag_counts([]) == ()
    assert hashtag_counts([post(0)]) == ()
