"""URL rules per dialect, the TLD list, and linear time on adversarial input."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.text import DIALECTS, extract_links, tlds
from engagekit.text._tlds import parse_suffix_list

CASES: dict[str, list[dict[str, Any]]] = {
    "twitter": [
        {
            "description": "with protocol",
            "text": "Photos: https://example.org/a?id=7.",
            "expected": ["https://example.org/a?id=7"],
        },
        {
            "description": "protocol-less on a TLD",
            "text": "More at city.gov!",
            "expected": ["city.gov"],
        },
        {"description": "not a TLD", "text": "see file.txt now", "expected": []},
        {
            "description": "a sentence without a space after its period",
            "text": "today.Thanks",
            "expected": [],
        },
        {
            "description": "trailing period dropped",
            "text": "go to http://twitter.com/.",
            "expected": ["http://twitter.com/"],
        },
        {
            "description": "balanced parentheses kept",
            "text": "http://en.wikipedia.org/wiki/Primer_(film))",
            "expected": ["http://en.wikipedia.org/wiki/Primer_(film)"],
        },
        {"description": "no email addresses", "text": "mail ada@example.com", "expected": []},
    ],
    "instagram": [
        {
            "description": "URLs written in a caption are kept",
            "text": "Link: city.gov/events",
            "expected": ["city.gov/events"],
        },
    ],
    "mastodon": [
        {
            "description": "needs a protocol",
            "text": "More at city.gov or https://city.gov/x",
            "expected": ["https://city.gov/x"],
        },
    ],
    "bluesky": [
        {
            "description": "with protocol to the next space",
            "text": "see https://example.org/a?b=1 ok",
            "expected": ["https://example.org/a?b=1"],
        },
        {
            "description": "protocol-less on a TLD",
            "text": "see bsky.app/profile/ada.",
            "expected": ["bsky.app/profile/ada"],
        },
        {"description": "in parentheses", "text": "(see example.org)", "expected": ["example.org"]},
        {"description": "not a TLD", "text": "see file.txt", "expected": []},
        {"description": "a first label with a dash", "text": "hey see-example.org", "expected": []},
    ],
}


def table() -> list[Any]:
    return [pytest.param(d, c, id=f"{d}-{c['description']}") for d in DIALECTS for c in CASES[d]]


@pytest.mark.parametrize(("dialect", "case"), table())
def test_table(dialect: str, case: dict[str, Any]) -> None:
    links = extract_links(case["text"], dialect=dialect)
    assert [link.url for link in links] == case["expected"]
    for link in links:
        assert case["text"][link.start : link.end] == link.url


def test_tlds_come_from_the_public_suffix_list() -> None:
    known = tlds()
    assert {"com", "gov", "jp", "uk", "みんな", "中国"} <= known.ascii | known.idn
    assert "baz" not in known
    assert "COM" in known
    assert len(known) > 1000


def test_parse_suffix_list_ignores_private_rules() -> None:
    data = "// ===BEGIN ICANN DOMAINS===\nfoo\n// ===END ICANN DOMAINS===\nbar\n"
    assert parse_suffix_list(data) == {"foo"}


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(
    "text",
    [
        "a." * 100_000,
        "a-" * 100_000 + ".com",
        "http://" + "a-" * 100_000,
        "日" * 100_000 + "-.com",
        "日_" * 100_000 + ".com",
        "x.com/" + "(" * 100_000,
        "x.com/" + "a." * 100_000,
        "x.com/?" + "." * 100_000,
        ".com" * 50_000,
        "a.b" * 70_000,
    ],
    ids=[
        "labels",
        "dashes",
        "proto-dashes",
        "cjk",
        "underscores",
        "parens",
        "path-dots",
        "query-dots",
        "tlds",
        "short-labels",
    ],
)
def test_adversarial_inputs_finish(dialect: str, text: str) -> None:
    for link in extract_links(text, dialect=dialect):
        assert text[link.start : link.end] == link.url


@pytest.mark.parametrize("dialect", DIALECTS)
@given(
    text=st.lists(
        st.sampled_from([*"ab.-_/:?#()@ 日", "http://", "https://", "com", "jp"]),
        max_size=20,
    ).map("".join)
)
def test_links_are_ordered_and_index_the_text(dialect: str, text: str) -> None:
    end = 0
    for link in extract_links(text, dialect=dialect):
        assert link.start is not None
        assert link.end is not None
        assert end <= link.start < link.end
        assert text[link.start : link.end] == link.url
        end = link.end
