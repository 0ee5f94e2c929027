"""The aggregator protocol, and the small pieces every aggregator shares.

An aggregator is a mutable accumulator with fixed parameters. ``add(post)``
folds one post in, ``update(posts)`` many, ``merge(other)`` returns a new
aggregator holding both inputs (neither is changed) and ``result()`` reads the
answer as frozen rows. Aggregators form a commutative monoid under ``merge``,
with ``empty()`` as the identity, so any split of the input, merged in any
order, gives the result of one pass: the same code runs on one core, in Dask
partitions or in Spark's ``treeReduce``. Their state holds only exact values
(ints, sets, datetimes); means and medians are computed from it in
``result()``, so no float is ever summed in an order that depends on the split.

>>> from engagekit.aggregate import HashtagCounts
>>> HashtagCounts().empty() == HashtagCounts()
True
"""

from __future__ import annotations

import abc
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, Self, TypeVar

import attrs

from engagekit.errors import ArgumentError
from engagekit.models import Account, Platform, Post

__all__ = [
    "PUBLISH",
    "Aggregator",
    "Stats",
    "Variant",
    "account_key",
    "author_key",
    "author_names",
    "check_positive",
    "count",
    "display_of",
    "feed",
    "percentile",
    "read_variants",
    "stats_of",
    "value",
]

R = TypeVar("R", covariant=True)

#: The field metadata key that tells :func:`engagekit.aggregate.publish` what a row field is:
#: ``"count"`` (a number of posts, checked against the threshold) or ``"value"`` (a figure
#: computed from the same posts, such as a likes total, a mean, a first time or the number of
#: distinct accounts that posted them, suppressed whenever a count in its row is). Fields
#: without it are labels (keys, groups, bucket starts) and are never suppressed. Posts are the
#: unit: a post can show a child; the accounts counted here are agencies' and officers' own.
PUBLISH = "engagekit.publish"


def count() -> Any:
    """A row field holding a number of posts (see :data:`PUBLISH`)."""
    return attrs.field(metadata={PUBLISH: "count"})


def value() -> Any:
    """A row field holding a figure computed from the row's posts (see :data:`PUBLISH`)."""
    return attrs.field(metadata={PUBLISH: "value"})


class Aggregator(abc.ABC, Generic[R]):
    """Base class of every aggregator: ``add``, ``update``, ``merge``, ``empty``, ``result``."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.add is Aggregator.add and cls.update is Aggregator.update:
            raise TypeError(f"{cls.__name__} must define add() or update()")

    def add(self, post: Post) -> None:
        """Fold one post in (by default, through :meth:`update`)."""
        self.update((post,))

    def update(self, posts: Iterable[Post]) -> Self:
        """Fold every post of ``posts`` in; returns ``self`` so calls chain.

        A subclass defines :meth:`add` or, for a hot loop, this method.
        """
        add = self.add
        for post in posts:
            add(post)
        return self

    @abc.abstractmethod
    def params(self) -> dict[str, Any]:
        """The keyword arguments this aggregator was made with."""

    @abc.abstractmethod
    def _absorb(self, other: Self) -> None:
        """Add ``other``'s state to this one's, copying what is mutable."""

    @abc.abstractmethod
    def result(self) -> R:
        """The answer for everything added so far (the state is left as it is)."""

    def empty(self) -> Self:
        """A new aggregator with the same parameters and nothing added."""
        return type(self)(**self.params())

    def merge(self, other: Self) -> Self:
        """A new aggregator holding what ``self`` and ``other`` hold; neither is changed."""
        if type(other) is not type(self):
            raise ArgumentError(f"expected a {type(self).__name__} to merge with",
                                argument="other", value=other)
        if other.params() != self.params():
            raise ArgumentError(
                f"cannot merge aggregators made with different parameters ({self.params()})",
                argument="other", value=other)
        merged = self.empty()
        merged._absorb(self)
        merged._absorb(other)
        return merged

    def __eq__(self, other: object) -> bool:
        return (type(other) is type(self) and isinstance(other, Aggregator)
                and other.params() == self.params() and other.result() == self.result())

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.params().items())
        return f"{type(self).__name__}({params})"


def feed(posts: Iterable[Post], *aggregators: Aggregator[Any], chunk: int = 1024) -> None:
    """Fold ``posts`` into every one of ``aggregators`` in one pass over ``posts``.

    Posts are taken ``chunk`` at a time and each aggregator's :meth:`~Aggregator.update`
    runs over the chunk, so each runs its own hot loop (an ``add`` per post and
    aggregator costs several times more) while at most ``chunk`` posts are held.

    >>> from engagekit.aggregate import HashtagCounts, Timeline
    >>> from engagekit.datasets import sample_posts
    >>> tags, months = HashtagCounts(top=1), Timeline(period="month", tz="America/Chicago")
    >>> feed(sample_posts(), tags, months)
    >>> tags.result()[0].display, len(months.result())
    ('StayCommitted', 11)
    """
    check_positive("chunk", chunk)
    if len(aggregators) == 1:
        aggregators[0].update(posts)
        return
    batch: list[Post] = []
    take = batch.append
    for post in posts:
        take(post)
        if len(batch) >= chunk:
            for aggregator in aggregators:
                aggregator.update(batch)
            batch.clear()
    if batch:
        for aggregator in aggregators:
            aggregator.update(batch)


@attrs.frozen(kw_only=True)
class Variant:
    """One written form of a key and how many times it was written so."""

    text: str
    count: int = value()


@attrs.frozen(kw_only=True)
class Stats:
    """Statistics of the known values of one engagement count.

    ``known`` values were given by the source; ``unknown`` were not and are
    left out of ``total``, ``mean`` and ``median`` (never taken as 0).
    ``mean`` and ``median`` are ``None`` when nothing is known.
    """

    known: int = value()
    unknown: int = value()
    total: int = value()
    mean: float | None = value()
    median: float | None = value()


def display_of(variants: Mapping[str, int]) -> str:
    """The most used written form; a tie goes to the form first in code-point order.

    Code-point order puts capitals first, so ``CommunityPolicing`` beats
    ``communitypolicing`` when both are written equally often.

    >>> display_of({"communitypolicing": 2, "CommunityPolicing": 2, "COMMUNITYPOLICING": 1})
    'CommunityPolicing'
    """
    return min(variants.items(), key=lambda item: (-item[1], item[0]))[0]


def read_variants(variants: Mapping[str, int]) -> tuple[Variant, ...]:
    """The forms as rows, most used first, ties in code-point order."""
    ordered = sorted(variants.items(), key=lambda item: (-item[1], item[0]))
    return tuple(Variant(text=text, count=count) for text, count in ordered)


def account_key(account: Account) -> str:
    """An account as one string, ``"platform:handle"`` with the handle case-folded."""
    return f"{account.platform.value}:{account.handle.casefold()}"


def author_key(post: Post) -> str | None:
    """A post's author as :func:`account_key` gives it, or ``None``."""
    return None if post.author is None else account_key(post.author)


def author_names() -> Callable[[Account], str]:
    """:func:`account_key` with a cache by handle, for hot loops (one per ``update`` call).

    A handle's hash is cached by Python and its platform compared by identity, so
    a repeated author costs one dict look-up; the cache holds one entry a handle.
    """
    names: dict[str, tuple[Platform, str]] = {}
    get = names.get

    def name(account: Account) -> str:
        hit = get(account.handle)
        if hit is None or hit[0] is not account.platform:
            hit = names[account.handle] = (account.platform, account_key(account))
        return hit[1]

    return name


def percentile(values: Counter[int], percent: int) -> float | None:
    """The exact ``percent`` percentile of counted values; ``None`` when there are none.

    ``percent == 50`` gives the usual median: the middle value, or the mean of
    the two middle values. Any other ``percent`` gives the smallest value with
    at least ``percent`` per cent of the values at or below it (the
    nearest-rank definition), so a p90 is always a value that occurred.
    Integer arithmetic throughout: no rounding decides a rank.

    >>> percentile(Counter({1: 2, 5: 1, 9: 1}), 50), percentile(Counter({1: 2, 5: 1, 9: 1}), 90)
    (3.0, 9.0)
    """
    n = sum(values.values())
    if n == 0:
        return None
    if percent == 50:
        ranks = ((n + 1) // 2, n // 2 + 1)  # 1-based ranks of the middle value(s)
    else:
        rank = max(1, -(-(percent * n) // 100))  # ceil(percent * n / 100)
        ranks = (rank, rank)
    found: list[int] = []
    seen = 0
    for value, count in sorted(values.items()):
        seen += count
        while len(found) < 2 and seen >= ranks[len(found)]:
            found.append(value)
        if len(found) == 2:
            break
    return (found[0] + found[1]) / 2


def stats_of(values: Counter[int], unknown: int) -> Stats:
    """:class:`Stats` of counted known values and a number of unknown ones."""
    known = sum(values.values())
    total = sum(v * c for v, c in values.items())
    return Stats(known=known, unknown=unknown, total=total,
                 mean=total / known if known else None, median=percentile(values, 50))


def check_positive(argument: str, value: Any, *, optional: bool = False) -> None:
    """Raise :class:`ArgumentError` unless ``value`` is an int >= 1 (or None if optional)."""
    if value is None and optional:
        return
    if type(value) is not int or value < 1:
        raise ArgumentError("expected a whole number of at least 1", argument=argument,
                            value=value)
