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
from collections import Counter, _count_elements  # type: ignore[attr-defined]
from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from operator import attrgetter
from typing import Any, Self

import attrs
from publicsuffixlist import PublicSuffixList

from engagekit.aggregate._base import (
    Aggregator,
    Variant,
    account_key,
    check_positive,
    count,
    display_of,
    read_variants,
    value,
)
from engagekit.models import Account, Emoji, Link, Platform, Post, tag_key

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
    authors: int = value()
    likes: int = value()
    likes_known: int = value()
    first: datetime = value()
    last: datetime = value()


class _KeyCounts(Aggregator[tuple[KeyCount, ...]]):
    """Counts per key of the entities :attr:`_items` takes from a post.

    A subclass names, as C-level getters or small functions, the post's entities
    (``_items``), an entity's written form (``_form``) and its key (``_key``), and
    how a written form becomes its key (:meth:`key_of`, for grouping variants).
    """

    __slots__ = ("_authors", "_forms", "_rows", "_unknown", "top")

    _items: Callable[[Post], tuple[Any, ...]]
    _form: Callable[[Any], str]
    _key: Callable[[Any], str]

    @staticmethod
    def key_of(form: str) -> str:  # pragma: no cover - every subclass overrides
        """How a written form becomes its key."""
        raise NotImplementedError

    def __init__(self, *, top: int | None = None) -> None:
        check_positive("top", top, optional=True)
        self.top = top
        # Counts in Counters, so that they run inside Counter's C loop; the rest per key.
        self._unknown: Counter[str] = Counter()  # posts whose likes were not given
        self._forms: Counter[str] = Counter()  # written form -> times written
        self._rows: dict[str, list[Any]] = {}  # key -> [posts, first, last, likes]
        # (platform, handle as written) -> keys; folded into account keys in result()
        self._authors: dict[tuple[Platform, str], set[str]] = {}

    def params(self) -> dict[str, Any]:
        return {"top": self.top}

    def update(self, posts: Iterable[Post]) -> Self:
        # The hot loop of every report, written out: no helper calls on the usual path.
        items_of, form_of, key_of = type(self)._items, type(self)._form, type(self)._key
        unknown, forms = self._unknown, self._forms
        rows, authors = self._rows, self._authors
        get_row = rows.get
        count = _count_elements
        # handle -> (platform, that author's key set): a handle's hash is cached by Python, so
        # a known author costs one look-up; the (platform, handle) key is hashed only once.
        by_handle: dict[str, tuple[Platform, set[str]]] = {}
        get_author = by_handle.get
        keys: Collection[str]
        for post in posts:
            items = items_of(post)
            if not items:
                continue
            if len(items) == 1:  # no set to build
                keys = (key_of(items[0]),)
                written: Iterable[str] = (form_of(items[0]),)
            else:
                keys = set(map(key_of, items))
                written = map(form_of, items)
            count(forms, written)
            author = post.author
            if author is not None:
                known = get_author(author.handle)
                if known is None or known[0] is not author.platform:
                    pair = (author.platform, author.handle)
                    known = by_handle[author.handle] = (pair[0], authors.setdefault(pair, set()))
                known[1].update(keys)
            likes = post.engagement.likes
            if likes is None:
                count(unknown, keys)
                likes = 0
            when = post.created_at
            for key in keys:
                row = get_row(key)
                if row is None:
                    rows[key] = [1, when, when, likes]
                    continue
                row[0] += 1
                if when < row[1]:
                    row[1] = when
                elif when > row[2]:
                    row[2] = when
                row[3] += likes
        return self

    def _absorb(self, other: _KeyCounts) -> None:
        self._unknown.update(other._unknown)
        self._forms.update(other._forms)
        for who, keys in other._authors.items():
            self._authors.setdefault(who, set()).update(keys)  # copies: never shares a set
        for key, (posts, first, last, likes) in other._rows.items():
            row = self._rows.get(key)
            if row is None:
                self._rows[key] = [posts, first, last, likes]
            else:
                row[0] += posts
                row[1], row[2], row[3] = min(row[1], first), max(row[2], last), row[3] + likes

    def _variants(self) -> dict[str, dict[str, int]]:
        by_key: dict[str, dict[str, int]] = {}
        key_of = type(self).key_of
        for form, n in self._forms.items():
            by_key.setdefault(key_of(form), {})[form] = n
        return by_key

    def result(self) -> tuple[KeyCount, ...]:
        variants = self._variants()
        folded: dict[str, set[str]] = {}  # account key -> keys: spellings of a handle meet
        for (platform, handle), keys in self._authors.items():
            folded.setdefault(account_key(Account(platform=platform, handle=handle)),
                              set()).update(keys)
        authors: Counter[str] = Counter()
        for keys in folded.values():
            _count_elements(authors, keys)
        order = sorted(self._rows.items(), key=lambda item: (-item[1][0], item[0]))
        if self.top is not None:
            order = order[: self.top]
        return tuple(
            KeyCount(key=key, display=display_of(variants[key]),
                     variants=read_variants(variants[key]), posts=posts,
                     authors=authors[key], likes=likes,
                     likes_known=posts - self._unknown[key], first=first, last=last)
            for key, (posts, first, last, likes) in order
        )


class HashtagCounts(_KeyCounts):
    """The aggregator behind :func:`hashtag_counts`: keys are :attr:`Hashtag.key`."""

    __slots__ = ()
    _items = attrgetter("hashtags")
    _form = attrgetter("text")
    _key = attrgetter("key")

    @staticmethod
    def key_of(form: str) -> str:
        return tag_key(form)


class MentionCounts(_KeyCounts):
    """The aggregator behind :func:`mention_counts`: keys are :attr:`Mention.key`."""

    __slots__ = ()
    _items = attrgetter("mentions")
    _form = attrgetter("handle")
    _key = attrgetter("key")

    @staticmethod
    def key_of(form: str) -> str:
        return tag_key(form)


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

    _items = attrgetter("links")

    @staticmethod
    def _form(link: Link) -> str:
        # A link's form is its host as written, so variants show www. and case spellings.
        return _host(link.target)

    @staticmethod
    def _key(link: Link) -> str:
        return registered_domain(link.target)


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

    _items = attrgetter("emoji")
    _form = attrgetter("text")

    @staticmethod
    def _key(emoji: Emoji) -> str:
        return emoji_key(emoji.text)


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
