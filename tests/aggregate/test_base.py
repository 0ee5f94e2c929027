"""Tests for engagekit.aggregate._base: the protocol and the shared pieces."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.aggregate import Aggregator, ByGroup, HashtagCounts, Timeline, feed
from engagekit.aggregate._base import author_names, display_of, percentile
from engagekit.errors import ArgumentError
from engagekit.models import Account, Post
from tests.aggregate._laws import crowded_posts


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=50), st.integers(1, 99))
def test_percentile_is_exact(values: list[int], percent: int) -> None:
    counted = Counter(values)
    if percent == 50:
        assert percentile(counted, 50) == statistics.median(values)
        return
    found = percentile(counted, percent)
    assert found in values
    ordered = sorted(values)
    # nearest rank: the smallest value with at least percent% of the values at or below it
    assert sum(v <= found for v in values) * 100 >= percent * len(values)
    smaller = [v for v in ordered if v < found]
    assert not smaller or sum(v <= smaller[-1] for v in values) * 100 < percent * len(values)


def test_percentile_of_nothing() -> None:
    assert percentile(Counter(), 50) is None


@given(st.dictionaries(st.sampled_from(["Tag", "tag", "TAG", "tAg"]), st.integers(1, 5),
                       min_size=1))
def test_display_is_most_used_then_first_in_code_point_order(forms: dict[str, int]) -> None:
    best = max(forms.values())
    assert display_of(forms) == min(form for form, n in forms.items() if n == best)
    assert display_of(dict(reversed(forms.items()))) == display_of(forms)


def test_merge_refuses_other_kinds_and_parameters() -> None:
    with pytest.raises(ArgumentError, match="expected a HashtagCounts") as info:
        HashtagCounts().merge(Timeline())  # type: ignore[arg-type]
    assert info.value.argument == "other"
    with pytest.raises(ArgumentError, match="different parameters"):
        Timeline(period="day").merge(Timeline(period="month"))


def test_equality_repr_and_hash() -> None:
    assert HashtagCounts(top=3) == HashtagCounts(top=3)
    assert HashtagCounts(top=3) != HashtagCounts(top=4)
    assert HashtagCounts() != "HashtagCounts()"
    assert repr(Timeline(period="week", tz="Asia/Kolkata")) == (
        "Timeline(period='week', tz='Asia/Kolkata', by=None, roster=None)")
    with pytest.raises(TypeError):
        hash(HashtagCounts())


def test_a_subclass_defines_add_or_update() -> None:
    with pytest.raises(TypeError, match="must define add"):
        class Nothing(Aggregator[int]):  # pragma: no cover - refused at class creation
            def params(self) -> dict[str, Any]:
                return {}

            def _absorb(self, other: Any) -> None:
                pass

            def result(self) -> int:
                return 0

    class Counting(Aggregator[int]):
        def __init__(self) -> None:
            self.n = 0

        def add(self, post: Post) -> None:
            self.n += 1

        def params(self) -> dict[str, Any]:
            return {}

        def _absorb(self, other: Counting) -> None:
            self.n += other.n

        def result(self) -> int:
            return self.n

    assert Counting().update([None, None]).merge(Counting()).result() == 2  # type: ignore[list-item]


def test_author_names_are_per_platform_and_case_folded() -> None:
    name = author_names()
    assert name(Account(platform="instagram", handle="SpringfieldPD")) == "instagram:springfieldpd"
    assert name(Account(platform="twitter", handle="SpringfieldPD")) == "twitter:springfieldpd"
    assert name(Account(platform="instagram", handle="SpringfieldPD")) == "instagram:springfieldpd"
    assert name(Account(platform="instagram", handle="STRASSE")) == "instagram:strasse"


@given(crowded_posts(), st.integers(1, 7))
def test_feed_is_one_update_per_aggregator(posts: list[Post], chunk: int) -> None:
    fed = (HashtagCounts(), Timeline(period="day", tz="America/Chicago"), ByGroup(by="author"))
    feed(iter(posts), *fed, chunk=chunk)
    assert [a.result() for a in fed] == [
        HashtagCounts().update(posts).result(),
        Timeline(period="day", tz="America/Chicago").update(posts).result(),
        ByGroup(by="author").update(posts).result()]


def test_feed_refuses_a_bad_chunk() -> None:
    with pytest.raises(ArgumentError, match="chunk"):
        feed([], HashtagCounts(), Timeline(), chunk=0)
