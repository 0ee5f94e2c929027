"""engagekit.privacy._edit: text edits move every span, and drop the ones that fall inside."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit.privacy._edit import apply_edits, entity_spans, valid_span
from tests._privacy import captioned_posts, spans_ok

WHEN = datetime(2026, 5, 2, tzinfo=timezone.utc)


def test_spans_move_by_the_edits_before_them() -> None:
    text = "Meet Giselle at #Park today 🚲"
    post = ek.Post(id="1", platform="instagram", created_at=WHEN, **ek.parse_text(text).fields())
    fields = apply_edits(post, [(5, 12, "[name 1]")])
    assert fields["text"] == "Meet [name 1] at #Park today 🚲"
    out = ek.Post(id="1", platform="instagram", created_at=WHEN, **fields)
    assert spans_ok(out)
    assert out.hashtags[0].start == 17


def test_a_span_inside_an_edit_loses_its_span() -> None:
    text = "Thanks #Giselle!"
    post = ek.Post(id="1", platform="instagram", created_at=WHEN, **ek.parse_text(text).fields())
    fields = apply_edits(post, [(5, 10, "X")])  # "s #Gi": the tag's start is inside
    assert fields["text"] == "ThankXselle!"
    assert fields["hashtags"][0].start is None
    assert fields["hashtags"][0].text == "Giselle"


def test_fix_rewrites_or_drops_moved_entities() -> None:
    text = "Thanks #Giselle and @aliyah!"
    post = ek.Post(id="1", platform="instagram", created_at=WHEN, **ek.parse_text(text).fields())

    def fix(family: str, item: Any) -> Any:
        if family == "mentions":
            return None
        return attrs.evolve(item, text="Gxselle") if family == "hashtags" else item

    fields = apply_edits(post, [(9, 10, "x")], fix)
    out = ek.Post(id="1", platform="instagram", created_at=WHEN, **fields)
    assert out.text == "Thanks #Gxselle and @aliyah!"
    assert out.mentions == ()
    assert spans_ok(out)


def test_lost_glyph_spans_move() -> None:
    text = "Meet Giselle ?? ok"
    post = ek.Post(id="1", platform="instagram", created_at=WHEN, **ek.parse_text(text).fields())
    assert post.quality.lost_spans == ((13, 15),)
    fields = apply_edits(post, [(5, 12, "[name 1]")])
    assert fields["quality"].lost_spans == ((14, 16),)


@pytest.mark.parametrize(
    ("text", "start", "end", "ok"),
    [("abc", 0, 3, True), ("abc", 1, 1, False), ("abc", 2, 4, False), ("abc", None, None, False)],
)
def test_valid_span(text: str, start: int | None, end: int | None, ok: bool) -> None:
    assert valid_span(text, start, end) is ok


@given(captioned_posts(), st.data())
def test_random_edits_keep_spans_valid(post: ek.Post, data: st.DataObject) -> None:
    taken = sorted(entity_spans(post))
    gaps, last = [], 0
    for s, e in taken:
        if last < s:
            gaps.append((last, s))
        last = max(last, e)
    if last < len(post.text):
        gaps.append((last, len(post.text)))
    edits = []
    for s, e in gaps:
        if data.draw(st.booleans()):
            edits.append((s, e, data.draw(st.text(max_size=5).filter(lambda t: "#" not in t))))
    out = ek.Post(id="1", platform="instagram", created_at=WHEN, **apply_edits(post, edits))
    assert spans_ok(out)
