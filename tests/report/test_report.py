"""engagekit.report: the Report's figures, the page's structure, escaping and privacy defaults."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engagekit as ek
from engagekit import aggregate as agg
from engagekit.datasets import sample_posts
from engagekit.strategies import posts as any_posts
from tests.report._html import Page, parse

pytest.importorskip("matplotlib", reason="the report extra (matplotlib) is not installed")

from engagekit.report import SECTIONS, Report, build_report, write_report

WHEN = datetime(2024, 5, 2, 15, 30, tzinfo=timezone.utc)
EVIL = ('<script>alert("x")</script> "><img src=x onerror=alert(1)> ?????? '
        "Great to meet Giselle & Aliyah today!")


@pytest.fixture(scope="module")
def posts() -> list[ek.Post]:
    return list(sample_posts())


@pytest.fixture(scope="module")
def report(posts: list[ek.Post]) -> Report:
    return build_report(posts, tz="America/Chicago", title="Sample", sources=["a.jsonl"])


@pytest.fixture(scope="module")
def page(report: Report) -> Page:
    return parse(report.html)


def _post(i: int, text: str = "", **kwargs: object) -> ek.Post:
    parsed = ek.parse_text(text, dialect="instagram")
    return ek.Post(id=f"p{i}", platform="instagram", created_at=WHEN + timedelta(days=i),
                   author=ek.Account(platform="instagram", handle="springfieldpd"),
                   **parsed.fields(), **kwargs)  # type: ignore[arg-type]


# --- the figures -----------------------------------------------------------------------------

def test_figures_agree_with_the_aggregations(report: Report, posts: list[ek.Post]) -> None:
    quality = agg.quality_summary(posts)
    zone_first = min(p.created_at for p in posts).astimezone(report.first.tzinfo)  # type: ignore[union-attr]
    assert report.posts == len(posts) == 80
    assert report.accounts == len(agg.by_author(posts)) == 4
    assert report.officers == 0
    assert report.platforms == tuple(sorted({p.platform.value for p in posts}))
    assert report.first == zone_first
    assert str(report.first.tzinfo) == "America/Chicago"
    assert report.last == max(p.created_at for p in posts)
    assert (report.lost_posts, report.lost_share) == (quality.lost_posts, quality.lost_share)
    assert report.located_posts == sum(
        p.location is not None and p.location.coordinates is not None for p in posts)
    assert (report.excluded, report.min_count, report.redacted) == (0, 10, True)
    assert report.sources == ("a.jsonl",)
    assert report.suppressed_cells > 0
    assert report.withheld_rows > 0


def test_the_report_is_frozen_and_its_repr_leaves_the_page_out(report: Report) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.posts = 1  # type: ignore[misc]
    assert "<html" not in repr(report)
    assert "posts=80" in repr(report)


def test_building_twice_gives_the_same_page(posts: list[ek.Post], report: Report) -> None:
    again = build_report(iter(posts), tz="America/Chicago", title="Sample", sources=["a.jsonl"])
    assert again == report


# --- the page --------------------------------------------------------------------------------

def test_every_section_is_present_in_order_with_a_heading(page: Page) -> None:
    ids = [a["id"] for a in page.all("section")]
    assert ids == list(SECTIONS)
    headings = {a["id"] for a in page.all("h2")}
    assert headings == {f"{s}-h" for s in SECTIONS}
    assert page.doctype is not None
    assert page.doctype.lower() == "doctype html"


def test_the_page_loads_nothing_and_runs_nothing(report: Report, page: Page) -> None:
    assert page.all("script") == []
    assert page.all("img") == []
    assert page.all("link") == []
    for tag, attributes in page.tags:
        for name in ("src", "href", "xlink:href", "action", "srcset", "data"):
            value = attributes.get(name)
            assert value is None or value.startswith("#"), (tag, name, value)
    assert not re.search(r"url\((?!#)|@import|https?://(?!www\.w3\.org/(2000/svg|1999/xlink)\")",
                         report.html)
    csp = [a for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp
    assert "default-src 'none'" in (csp[0]["content"] or "")


def test_charts_are_inline_scalable_svg_with_distinct_ids(report: Report, page: Page) -> None:
    svgs = list(page.all("svg"))
    assert len(svgs) == 4  # timeline, hashtags, places, engagement
    for svg in svgs:
        assert svg["viewbox"]
        assert "width:100%" in (svg["style"] or "")
        assert svg["role"] == "img"
        assert svg["aria-label"]
        assert "width" not in svg
        assert "height" not in svg
    assert "<?xml" not in report.html
    assert "<!DOCTYPE svg" not in report.html
    assert "<metadata>" not in report.html
    ids = [a["id"] for _, a in page.tags if a.get("id")]
    assert len(ids) == len(set(ids)), Counter(ids).most_common(3)


def test_headline_and_tables_show_only_published_counts(page: Page) -> None:
    summary = page.section("summary")
    assert "posts 80" in summary
    assert "accounts 4" in summary
    assert "2024-01-06" in summary
    hashtags = page.section("hashtags")
    assert "#StayCommitted 24" in hashtags
    numbers = [int(n.replace(",", "")) for n in re.findall(r"(?<=[a-z] )\d[\d,]*(?= \d)",
                                                          hashtags)]
    assert numbers
    assert all(n >= 10 for n in numbers)
    assert "hashtags with fewer than 10 posts" in hashtags
    assert "withheld" in page.section("activity")  # every place has fewer than 10 posts


def test_min_count_1_withholds_nothing(posts: list[ek.Post]) -> None:
    report = build_report(posts, min_count=1)
    assert (report.suppressed_cells, report.withheld_rows) == (0, 0)
    assert "Lakeside Library" in parse(report.html).section("activity")
    assert "Small-cell suppression is off" in parse(report.html).section("privacy")


def test_text_in_the_page_is_escaped(tmp_path: Path) -> None:
    place = ek.Location(name='<script>alert(1)</script>"><img src=x onerror=alert(2)>')
    posts = [_post(i, EVIL, location=place) for i in range(3)]
    report = build_report(posts, min_count=1, redact=False, title="<b>Title</b>",
                          sources=['"><script>alert(3)</script>'])
    page = parse(report.html)
    assert page.all("script") == []
    assert page.all("img") == []
    assert page.all("b") == []
    assert not any("onerror" in attributes for _, attributes in page.tags)
    text = " ".join(page.text)
    assert '<script>alert("x")</script>' in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "<b>Title</b>" in text
    assert place.name in text
    assert "&lt;script&gt;" in report.html


def test_example_texts_are_redacted_by_default() -> None:
    posts = [_post(i, EVIL) for i in range(12)]
    redacted = build_report(posts)
    assert redacted.redacted_names == 2 * 3  # two names in each of the three examples shown
    quality = parse(redacted.html).section("quality")
    assert "[name 1] & [name 2]" in quality
    assert "Giselle" not in redacted.html
    assert "6 names" in parse(redacted.html).section("privacy")
    plain = build_report(posts, redact=False)
    assert plain.redacted_names == 0
    assert "Giselle & Aliyah" in parse(plain.html).section("quality")
    assert "Redaction is off" in parse(plain.html).section("privacy")


def test_lost_glyphs_are_marked_in_the_examples(page: Page) -> None:
    marks = list(page.all("mark"))
    assert len(marks) == 3  # three examples, one lost run each
    assert "Posts with lost glyphs" in page.section("quality")


def test_repaired_text_is_reported() -> None:
    posts = [_post(i, "CafÃ© con la comunidad #Comunidad") for i in range(10)]
    assert posts[0].quality.repairs == ("mojibake",)
    report = build_report(posts)
    quality = parse(report.html).section("quality")
    assert report.repaired_posts == 10
    assert "repaired: mojibake 10" in quality
    assert "Café con la comunidad" in quality
    assert "Posts with repaired text" in quality


def test_no_posts_gives_a_valid_page_saying_so() -> None:
    report = build_report([])
    page = parse(report.html)
    assert [a["id"] for a in page.all("section")] == list(SECTIONS)
    assert "nothing to show" in page.section("summary")
    assert (report.posts, report.first, report.last, report.lost_share) == (0, None, None, None)
    assert page.all("svg") == []


def test_private_posts_are_left_out_and_counted_unless_asked_for() -> None:
    posts = [_post(i, "#CommunityPolicing", visibility=v) for i, v in enumerate(
        ["public"] * 10 + ["followers"] * 11 + ["direct"] * 2)]
    report = build_report(posts)
    assert (report.posts, report.excluded) == (10, 13)
    assert "left out 13 more" in parse(report.html).section("privacy")
    both = build_report(posts, include_private=True)
    assert (both.posts, both.excluded) == (23, 0)
    assert "included on request" in parse(both.html).section("privacy")


def test_a_small_number_of_private_posts_is_withheld_too() -> None:
    posts = [_post(i, visibility="direct" if i < 2 else "public") for i in range(12)]
    report = build_report(posts)
    assert report.excluded == 2
    assert "left out withheld more" in parse(report.html).section("privacy")


def test_a_read_report_is_described() -> None:
    read = ek.ParseReport(format="instagram", skipped=Counter({"private:followers": 12,
                                                               "invalid": 3}))
    page = parse(build_report([], read_report=read, sources=["export.zip"]).html)
    reading = page.section("reading")
    assert "Format: instagram" in reading
    assert "export.zip" in reading
    assert "skipped: private:followers 12" in reading
    assert "skipped: invalid withheld" in reading


@pytest.mark.parametrize(
    ("options", "argument"),
    [
        ({"tz": "America/Chicgo"}, "tz"),
        ({"tz": ""}, "tz"),
        ({"min_count": 0}, "min_count"),
        ({"min_count": 2.5}, "min_count"),
        ({"title": 3}, "title"),
        ({"sources": "a.jsonl"}, "sources"),  # a str is a sequence of one-letter names
        ({"sources": [Path("a.jsonl")]}, "sources"),
        ({"redact": "no"}, "redact"),
        ({"read_report": {}}, "read_report"),
    ],
)
def test_bad_arguments_are_refused_before_reading(options: dict[str, object],
                                                  argument: str) -> None:
    def never() -> Iterator[ek.Post]:
        raise AssertionError("read")
        yield  # pragma: no cover

    with pytest.raises(ek.ArgumentError) as info:
        build_report(never(), **options)  # type: ignore[arg-type]
    assert info.value.argument == argument


def test_write_report_writes_the_page_atomically(tmp_path: Path, posts: list[ek.Post]) -> None:
    dest = tmp_path / "report.html"
    report = write_report(posts, dest, tz="Europe/London")
    assert dest.read_text(encoding="utf-8") == report.html
    assert report.tz == "Europe/London"
    with pytest.raises(ek.ArgumentError):
        write_report(posts, dest, tz="Nowhere/Else")
    assert dest.read_text(encoding="utf-8") == report.html
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_importing_engagekit_or_the_report_module_does_not_import_matplotlib() -> None:
    code = ("import sys, engagekit, engagekit.report, engagekit.report._charts; "
            "sys.exit('matplotlib' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_posts(), max_size=6), st.integers(min_value=1, max_value=3))
def test_any_posts_give_a_page_with_every_section(posts: list[ek.Post], min_count: int) -> None:
    report = build_report(posts, min_count=min_count)
    public = [p for p in posts if p.visibility not in (ek.Visibility.FOLLOWERS,
                                                       ek.Visibility.DIRECT)]
    assert report.posts == len(public)
    assert report.excluded == len(posts) - len(public)
    page = parse(report.html)
    assert [a["id"] for a in page.all("section")] == list(SECTIONS)
    assert page.all("script") == []


def test_long_tables_say_how_many_rows_are_not_shown() -> None:
    posts = [attrs.evolve(_post(i), author=ek.Account(platform="instagram",
                                                      handle=f"agency{i % 25:02d}"))
             for i in range(250)]
    activity = parse(build_report(posts).html).section("activity")
    assert "instagram:agency00" in activity
    assert "5 more with fewer posts are not shown." in activity
