"""Counts per key: hashtags, mentions, link domains and emoji.

One row per key, sorted by posts (descending), then by key. ``posts`` counts
the posts that carry the key at least once; ``variants`` counts every written
form as often as it was written; ``display`` is the most written form (a tie
goes to the form first in code-point order, which puts ``CommunityPolicing``
before ``communitypolicing``); ``authors`` counts distinct known authors;
``likes`` sums the known like counts of those posts and ``likes_known`` says how
many posts had one, so an unknown count is never taken for 0.

>>> from datetime import datetime, timezone
>>> from engagekit.models import Engagement, Post
>>> when = datetime(2024, 5, 2, tzinfo=timezone.utc)
>>> posts = [Post(id="1", platform="instagram", created_at=when, hashtags=["CommunityPolicing"],
...               engagement=Engagement(likes=12)),
...          Post(id="2", platform="twitter", created_at=when, hashtags=["communitypolicing"]),
...          Post(id="3", platform="twitter", created_at=when, hashtags=["CommunityPolicing"])]
>>> row, = hashtag_counts(posts)
>>> row.key, row.display, row.posts, row.likes, row.likes_known
('communitypolicing', 'CommunityPolicing', 3, 12, 1)
>>> [(v.text, v.count) for v in row.variants]
[('CommunityPolicing', 2), ('communitypolicing', 1)]
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs
from publicsuffixlist import PublicSuffixList

from engagekit.aggregate._base import (
    Aggregator,
    Variant,
    author_key,
    check_positive,
    count,
    display_of,
    read_variants,
    value,
)
from engagekit.models import Post, tag_key

__all__ = [
    "DomainCounts",
    "EmojiCounts",
    "HashtagCounts",
    "KeyCount",
    "MentionCounts",
    "domain_counts",
    "emoji_counts",
    "hashtag_counts",
    "mention_counts",
]


@attrs.frozen(kw_only=True)
class KeyCount:
    """The posts, authors and likes of one key (a hashtag, mention, domain or emoji)."""

    key: str
    display: str = value()
    variants: tuple[Variant, ...] = value()
    posts: int = count()
    authors: int = count()
    likes: int = value()
    likes_known: int = count()
    first: datetime = value()
    last: datetime = value()


class _KeyCounts(Aggregator[tuple[KeyCount, ...]]):
    """Counts per key of the (key, written form) pairs :meth:`_pairs` finds in a post."""

    __slots__ = ("_authors", "_forms", "_state", "top")

    @staticmethod
    def key_of(form: str) -> str:  # pragma: no cover - every subclass overrides
        """How a written form becomes its key."""
        raise NotImplementedError

    def __init__(self, *, top: int | None = None) -> None:
        check_positive("top", top, optional=True)
        self.top = top
        # key -> [posts, likes, likes_known, first, last]
        self._state: dict[str, list[Any]] = {}
        self._authors: dict[str, set[str]] = {}
        self._forms: dict[str, int] = {}  # written form -> times written

    def params(self) -> dict[str, Any]:
        return {"top": self.top}

    @staticmethod
    def _forms_of(post: Post) -> Iterable[str]:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def add(self, post: Post) -> None:
        forms = self._forms_of(post)
        if not forms:
            return
        key_of = type(self).key_of
        counted = self._forms
        keys = set()
        for form in forms:
            counted[form] = counted.get(form, 0) + 1
            keys.add(key_of(form))
        self._count(post, keys)

    def _count(self, post: Post, keys: Iterable[str]) -> None:
        """Count ``post`` once under each of ``keys`` (distinct)."""
        state = self._state
        authors = self._authors
        author = author_key(post)
        likes = post.engagement.likes
        when = post.created_at
        for key in keys:
            row = state.get(key)
            if row is None:
                state[key] = [1, likes or 0, 0 if likes is None else 1, when, when]
                authors[key] = set() if author is None else {author}
                continue
            row[0] += 1
            if likes is not None:
                row[1] += likes
                row[2] += 1
            if when < row[3]:
                row[3] = when
            elif when > row[4]:
                row[4] = when
            if author is not None:
                authors[key].add(author)

    def _absorb(self, other: _KeyCounts) -> None:
        state = self._state
        for key, theirs in other._state.items():
            mine = state.get(key)
            if mine is None:
                state[key] = list(theirs)
                self._authors[key] = set(other._authors[key])
                continue
            mine[0] += theirs[0]
            mine[1] += theirs[1]
            mine[2] += theirs[2]
            mine[3] = min(mine[3], theirs[3])
            mine[4] = max(mine[4], theirs[4])
            self._authors[key] |= other._authors[key]
        forms = self._forms
        for form, n in other._forms.items():
            forms[form] = forms.get(form, 0) + n

    def _variants(self) -> dict[str, dict[str, int]]:
        by_key: dict[str, dict[str, int]] = {}
        key_of = type(self).key_of
        for form, n in self._forms.items():
            by_key.setdefault(key_of(form), {})[form] = n
        return by_key

    def result(self) -> tuple[KeyCount, ...]:
        variants = self._variants()
        order = sorted(self._state.items(), key=lambda item: (-item[1][0], item[0]))
        if self.top is not None:
            order = order[: self.top]
        return tuple(
            KeyCount(key=key, display=display_of(variants[key]),
                     variants=read_variants(variants[key]), posts=posts,
                     authors=len(self._authors[key]), likes=likes, likes_known=likes_known,
                     first=first, last=last)
            for key, (posts, likes, likes_known, first, last) in order
        )


class HashtagCounts(_KeyCounts):
    """The aggregator behind :func:`hashtag_counts`: keys are :attr:`Hashtag.key`."""

    __slots__ = ()

    @staticmethod
    def key_of(form: str) -> str:
        return tag_key(form)

    def add(self, post: Post) -> None:
        # The hot path of every report: hashtags carry their key already.
        tags = post.hashtags
        if not tags:
            return
        counted = self._forms
        if len(tags) == 1:
            tag = tags[0]
            counted[tag.text] = counted.get(tag.text, 0) + 1
            self._count(post, (tag.key,))
            return
        keys = set()
        for tag in tags:
            counted[tag.text] = counted.get(tag.text, 0) + 1
            keys.add(tag.key)
        self._count(post, keys)


class MentionCounts(_KeyCounts):
    """The aggregator behind :func:`mention_counts`: keys are :attr:`Mention.key`."""

    __slots__ = ()

    @staticmethod
    def key_of(form: str) -> str:
        return tag_key(form)

    @staticmethod
    def _forms_of(post: Post) -> Iterable[str]:
        return [mention.handle for mention in post.mentions]


@functools.cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()


def _host(url: str) -> str:
    """The host of a URL as written (with its port), without scheme, path or user info."""
    rest = url.split("://", 1)[1] if "://" in url else url
    return rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1]


@functools.lru_cache(maxsize=65536)
def registered_domain(url: str) -> str:
    """The registered domain a URL points at (``news.example.co.uk`` -> ``example.co.uk``).

    The host is lower-cased and loses ``www.``, a port and user info; a host
    with no known public suffix (an IP address, ``localhost``) is kept whole.

    >>> registered_domain("https://WWW.Example.co.uk:8443/path?q=1")
    'example.co.uk'
    >>> registered_domain("bit.ly/3xYz")
    'bit.ly'
    """
    host = _host(url)
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    host = host.split(":", 1)[0].rstrip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    if host.replace(".", "").isdigit():  # an IPv4 address: no suffix to look up
        return host
    found = _suffixes().privatesuffix(host)
    return found if isinstance(found, str) else host


class DomainCounts(_KeyCounts):
    """The aggregator behind :func:`domain_counts`: keys are registered domains."""

    __slots__ = ()

    @staticmethod
    def key_of(form: str) -> str:
        return registered_domain(form)

    @staticmethod
    def _forms_of(post: Post) -> Iterable[str]:
        # A link's form is its host as written, so variants show www. and case spellings.
        return [_host(link.target) for link in post.links]


def emoji_key(text: str) -> str:
    """An emoji's counting key: the sequence without presentation selectors (U+FE0E, U+FE0F).

    >>> emoji_key("\\u2764\\ufe0f") == emoji_key("\\u2764")
    True
    """
    return text.replace("\ufe0f", "").replace("\ufe0e", "")


class EmojiCounts(_KeyCounts):
    """The aggregator behind :func:`emoji_counts`: ``❤`` and ``❤️`` are one key."""

    __slots__ = ()

    @staticmethod
    def key_of(form: str) -> str:
        return emoji_key(form)

    @staticmethod
    def _forms_of(post: Post) -> Iterable[str]:
        return [emoji.text for emoji in post.emoji]


def hashtag_counts(posts: Iterable[Post], *, top: int | None = None) -> tuple[KeyCount, ...]:
    """Posts, authors and likes per hashtag key, most posted first (the ``top`` first)."""
    return HashtagCounts(top=top).update(posts).result()


def mention_counts(posts: Iterable[Post], *, top: int | None = None) -> tuple[KeyCount, ...]:
    """Posts, authors and likes per mentioned account (handles compared case-insensitively)."""
    return MentionCounts(top=top).update(posts).result()


def domain_counts(posts: Iterable[Post], *, top: int | None = None) -> tuple[KeyCount, ...]:
    """Posts, authors and likes per registered domain of the posts' links (expanded if known)."""
    return DomainCounts(top=top).update(posts).result()


def emoji_counts(posts: Iterable[Post], *, top: int | None = None) -> tuple[KeyCount, ...]:
    """Posts, authors and likes per emoji (a whole sequence: family, flag, skin tone)."""
    return EmojiCounts(top=top).update(posts).result()
