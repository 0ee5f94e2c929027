"""Mastodon HTML content to text: case table, anchors, and properties."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.errors import ParseError
from engagekit.sources._mastodon.html import html_to_text

LINK = (
    '<a href="https://www.example.org/events/2023/bike-rodeo" rel="nofollow noopener" '
    'target="_blank"><span class="invisible">https://www.</span><span class="ellipsis">'
    'example.org/events/20</span><span class="invisible">23/bike-rodeo</span></a>'
)
TAG = '<a href="https://x.example/tags/SafeStreets" class="mention hashtag" rel="tag">#<span>SafeStreets</span></a>'  # noqa: E501
MENTION = (
    '<span class="h-card" translate="no"><a href="https://town.example.com/@mayor_lee" '
    'class="u-url mention">@<span>mayor_lee</span></a></span>'
)

# description, html, expected text
CASES = [
    ("plain paragraph", "<p>Hello</p>", "Hello"),
    ("paragraphs are blank-line separated", "<p>One</p><p>Two</p>", "One\n\nTwo"),
    ("br is a newline", "<p>One<br>Two<br />Three</p>", "One\nTwo\nThree"),
    ("two br keep a blank line", "<p>One<br><br>Two</p>", "One\n\nTwo"),
    ("br before a paragraph end adds nothing", "<p>One<br></p><p>Two</p>", "One\n\nTwo"),
    ("no leading or trailing breaks", "<br><p>One</p><br>", "One"),
    ("layout whitespace between blocks dropped", "<p>One</p>\n  <p>Two</p>", "One\n\nTwo"),
    ("spaces inside text kept", "<p>a  b </p>", "a  b "),
    ("entities decoded", "<p>&quot;Hi&quot; it&#39;s &amp; &lt;3 &#x1F6B2;</p>",
     "\"Hi\" it's & <3 🚲"),
    ("markup dropped", "<p><strong>Bold</strong> <em>move</em></p>", "Bold move"),
    ("link parts joined to the whole URL", f"<p>See {LINK}</p>",
     "See https://www.example.org/events/2023/bike-rodeo"),
    ("literal ellipsis in ellipsis span removed",
     '<a href="https://e.example/abc"><span class="ellipsis">e.example/a…</span></a>',
     "e.example/a"),
    ("invisible span outside a link dropped",
     '<p>a<span class="invisible">hidden</span>b</p>', "ab"),
    ("hashtag anchor", f"<p>Go {TAG}!</p>", "Go #SafeStreets!"),
    ("mention anchor", f"<p>{MENTION} thanks</p>", "@mayor_lee thanks"),
    ("list items on lines", "<ul><li>one</li><li>two</li></ul>", "one\ntwo"),
    ("empty", "", ""),
    ("text without markup", "just text", "just text"),
    ("unclosed tags", "<p>open <a href='https://e.example'>link", "open link"),
]


@pytest.mark.parametrize(("description", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_text(description: str, source: str, expected: str) -> None:
    assert html_to_text(source).text == expected


def test_anchor_kinds_and_spans() -> None:
    out = html_to_text(f"<p>{MENTION} {TAG} {LINK}</p>")
    kinds = [(a.kind, out.text[a.start : a.end], a.href) for a in out.anchors]
    assert kinds == [
        ("mention", "@mayor_lee", "https://town.example.com/@mayor_lee"),
        ("hashtag", "#SafeStreets", "https://x.example/tags/SafeStreets"),
        ("link", "https://www.example.org/events/2023/bike-rodeo",
         "https://www.example.org/events/2023/bike-rodeo"),
    ]


def test_anchor_after_paragraph_break_starts_at_its_text() -> None:
    out = html_to_text(f"<p>One</p><p>{LINK}</p>")
    (anchor,) = out.anchors
    assert out.text[: anchor.start] == "One\n\n"
    assert anchor.end == len(out.text)


def test_anchor_without_href_or_text_is_not_an_anchor() -> None:
    out = html_to_text('<p><a>plain</a> <a href="https://e.example"></a> x</p>')
    assert out.text == "plain  x"
    assert out.anchors == ()


def test_rel_tag_anchor_is_a_hashtag() -> None:
    out = html_to_text('<a href="https://x.example/tags/a" rel="tag">#a</a>')
    assert [a.kind for a in out.anchors] == ["hashtag"]


def test_unparsable_declaration_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="unreadable HTML"):
        html_to_text("<p>x</p><![ CDATA[ y ]]>")


@given(st.text())
def test_any_input_gives_text_or_parse_error(source: str) -> None:
    try:
        out = html_to_text(source)
    except ParseError:
        return
    for anchor in out.anchors:
        assert 0 <= anchor.start < anchor.end <= len(out.text)


@given(st.text().filter(lambda s: s.strip() != "" and "\r" not in s))
def test_escaped_text_round_trips(text: str) -> None:
    assert html_to_text("<p>" + html.escape(text) + "</p>").text == text
