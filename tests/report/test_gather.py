"""engagekit.report._gather: the report's one pass, its own aggregators, and private posts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit.report._gather import EXAMPLES, Extras, PairCounts, gather
from tests.aggregate._laws import check_laws, crowded_posts, splits

WHEN = datetime(2024, 5, 2, tzinfo=UTC)


@given(st.sampled_from([Extras, lambda: PairCounts(min_count=3)]),
       crowded_posts().flatmap(lambda ps: st.tuples(st.just(ps), splits(len(ps)))))
def test_laws(make: type[Extras], data: tuple[list[ek.Post], tuple[list[int], list[int]]]) -> None:
    posts, (cuts, order) = data
    check_laws(make, posts, cuts, order)


@given(crowded_posts(), st.integers(1, 6), st.integers(0, 30))
def test_small_pairs_are_the_largest_below_min_count(posts: list[ek.Post], min_count: int,
                                                     cut: int) -> None:
    whole = PairCounts(min_count=min_count).update(posts)
    merged = PairCounts(min_count=min_count).update(posts[:cut]).merge(
        PairCounts(min_count=min_count).update(posts[cut:]))
    assert merged.small() == whole.small()
    every = PairCounts(min_count=1).update(posts).result().pairs
    below = sorted((p.posts for p in every if p.posts < min_count), reverse=True)
    small, count = whole.small()
    assert count == len(below)
    assert [n for _, _, n in small] == below[:min_count]
    assert all(p.posts >= min_count for p in whole.result().pairs)


def _post(i: int, **kwargs: object) -> ek.Post:
    return ek.Post(id=f"p{i}", platform="mastodon", created_at=WHEN + timedelta(hours=i),
                   **kwargs)  # type: ignore[arg-type]


def test_extras_keep_the_oldest_examples_and_count_what_is_unknown() -> None:
    lost = ek.TextQuality(lost_glyphs=2, lost_spans=[(0, 2)])
    posts = [_post(i, text="?? x", quality=lost, engagement=ek.Engagement(likes=i))
             for i in reversed(range(200))]
    found = Extras().update(posts).result()
    assert [p.id for p in found.lost] == [f"p{i}" for i in range(EXAMPLES)]
    assert found.platforms == {"mastodon": 200}
    assert (found.first, found.last) == (WHEN, WHEN + timedelta(hours=199))
    assert found.values["mastodon", "likes"].total() == 200
    assert found.unknown["mastodon", "comments"] == 200


def test_private_posts_are_counted_and_left_out() -> None:
    posts = [_post(i, visibility=v) for i, v in enumerate(["public", "unlisted", "followers",
                                                           "direct", "unknown"])]
    found = gather(posts, tz="UTC")
    assert found.excluded == 2
    assert found.extras.result().platforms.total() == 3
    kept = gather(posts, tz="UTC", include_private=True)
    assert (kept.excluded, kept.extras.result().platforms.total()) == (0, 5)


def test_a_bad_zone_is_refused_before_any_post_is_read() -> None:
    def never() -> Iterator[ek.Post]:
        raise AssertionError("read")
        yield  # pragma: no cover

    with pytest.raises(ek.ArgumentError, match="tz="):
        gather(never(), tz="Mars/Olympus")
