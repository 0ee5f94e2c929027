"""engagekit.report._charts: inline, scalable, deterministic SVG with ids of its own."""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.etree import ElementTree

import pytest

pytest.importorskip("matplotlib", reason="the report extra (matplotlib) is not installed")

from engagekit.report import _charts

SVG = "{http://www.w3.org/2000/svg}"

CHARTS: dict[str, Callable[[], str]] = {
    "timeline": lambda: _charts.timeline(["2024-Q1", "2024-Q2", "2024-Q3"], [22, None, 0],
                                         "quarter"),
    "bars": lambda: _charts.bars(["#StayCommitted", "#地域安全 🚲", "#<script>x</script>"],
                                 [24, 12, 10], what="posts", salt="tags", label="Top <tags>"),
    "scatter": lambda: _charts.scatter([(-89.65, 39.78), (-70.65, -33.44)]),
    "boxes": lambda: _charts.boxes([("likes", [("bluesky", (10.0, 20.0, 30.0, 40.0, 50.0))]),
                                    ("comments", [("bluesky", (1.0, 2.0, 3.0, 4.0, 5.0)),
                                                  ("twitter", (0.0, 1.0, 1.0, 2.0, 9.0))])]),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_a_chart_is_one_scalable_svg_element(name: str) -> None:
    svg = CHARTS[name]()
    assert svg.startswith("<svg ")
    assert "<?xml" not in svg
    assert "<!DOCTYPE" not in svg
    assert "<metadata" not in svg
    root = ElementTree.fromstring(svg)  # well-formed, one root
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox")
    assert "width:100%" in (root.get("style") or "")
    assert root.get("width") is None
    assert root.get("height") is None
    assert root.get("role") == "img"
    assert len(list(root.iter(f"{SVG}path"))) > 3


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_a_chart_is_drawn_the_same_every_time(name: str) -> None:
    assert CHARTS[name]() == CHARTS[name]()


def test_charts_of_one_page_share_no_id() -> None:
    ids = [i for make in CHARTS.values() for i in re.findall(r'\bid="([^"]+)"', make())]
    assert len(ids) == len(set(ids))
    svg = CHARTS["timeline"]()
    local = set(re.findall(r'\bid="([^"]+)"', svg))
    for target in re.findall(r'(?:url\(#|href="#)([^")]+)', svg):
        assert target in local  # every reference still points into the chart


def test_labels_are_text_escaped_and_missing_glyphs_are_no_warning() -> None:
    svg = CHARTS["bars"]()  # warnings are errors in the tests: a glyph warning would fail it
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert 'aria-label="Top &lt;tags&gt;"' in svg
    texts = "".join(ElementTree.fromstring(svg).itertext())
    assert "#地域安全 🚲" in texts  # text stays text: the reader's fonts draw it
