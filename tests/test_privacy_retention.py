"""engagekit.privacy.drop_older_than: retention by an aware datetime."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit import strategies as eks
from engagekit.errors import ArgumentError
from engagekit.privacy import drop_older_than


@given(st.lists(eks.aware_datetimes(), max_size=8), eks.aware_datetimes())
def test_keeps_exactly_the_posts_at_or_after(times: list[datetime], when: datetime) -> None:
    posts = [ek.Post(id=str(i), platform="instagram", created_at=t) for i, t in enumerate(times)]
    kept = list(drop_older_than(posts, when))
    assert kept == [p for p in posts if p.created_at >= when]


def test_the_boundary_is_kept_in_any_offset() -> None:
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    same = when.astimezone(timezone(timedelta(hours=-6)))
    post = ek.Post(id="1", platform="instagram", created_at=same)
    assert list(drop_older_than([post], when)) == [post]
    assert list(drop_older_than([post], when + timedelta(microseconds=1))) == []


@pytest.mark.parametrize("when", [datetime(2026, 1, 1), "2026-01-01", None])
def test_naive_or_non_datetimes_are_refused(when: object) -> None:
    with pytest.raises(ArgumentError, match="timezone-aware") as info:
        drop_older_than([], when)  # type: ignore[arg-type]
    assert info.value.argument == "when"
