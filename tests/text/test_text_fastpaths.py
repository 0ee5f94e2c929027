"""The fast paths of the caption layer agree with the full rules they shortcut.

``parse_text`` skips extractors whose sigil is absent, and several extractors
use the standard ``re`` module (exact within the BMP, re-checked next to
supplementary-plane characters) or cached answers instead of the ``regex``
patterns that state the rules. Each property below compares a fast path with
the full pattern on text built from the characters that decide the rules.
"""

from __future__ import annotations

import re

import regex
from hypothesis import given
from hypothesis import strategies as st

from engagekit.text import DIALECTS, _build, _urls, parse_text, tlds
from engagekit.text._cashtags import cashtag_spans
from engagekit.text._emoji import _EMOJI, emoji_spans
from engagekit.text._hashtags import (
    _BLUESKY,
    _INSTAGRAM,
    _MASTODON,
    _bodies,
    _fast_patterns,
    hashtag_spans,
)
from engagekit.text._lost import _LOST, lost_spans
from engagekit.text._mentions import _twitter, _twitter_all, mention_spans
from engagekit.text._mojibake import _latin1_round_trip
from engagekit.text._parse import _resolve
from engagekit.text._urls import url_spans
from engagekit.text._urls_bluesky import _BSKY_START, _DOT_ALNUM

PIECES = [
    *"#＃@＠$?.:/-_=)(&·・ \t\n\u3000\ufeff\u00a0aZ09éß",
    *"\u200c\u200d\ufe0f\u20e3\u0301\ufffd",
    "ह",  # Devanagari letter
    "ा",  # Devanagari vowel sign (a mark)
    "\U0001d400",  # MATHEMATICAL BOLD CAPITAL A: an astral letter
    "\U00010400",  # DESERET CAPITAL LETTER LONG I
    "\U0001d7ce",  # MATHEMATICAL BOLD DIGIT ZERO: an astral decimal digit
    "\U0001d165",  # MUSICAL SYMBOL COMBINING STEM: an astral mark
    "\U00020000",  # a CJK extension B ideograph
    "\U0001fbf0",  # SEGMENTED DIGIT ZERO: a digit just past the emoji blocks
    "\U00010100",  # AEGEAN WORD SEPARATOR LINE: astral punctuation
    "☕",
    "❤",
    "©",
    "👍",
    "👮",
    "🏽",
    "🇺",
    "🇸",
    "♀",
    "🏴",
    "\U000e0067",
    "\U000e007f",
    "🂡",
    "com",
    "city.gov",
    "https://",
    "t.co/x",
    "RT",
    "bsky.social",
    "ï¿½",  # U+FFFD as UTF-8 read as Latin-1
    "Ã©",
]
texts = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)


@given(texts)
def test_emoji_shortcuts_agree_with_the_full_pattern(text: str) -> None:
    full = [(m.start(), m.end(), m.group()) for m in _EMOJI.finditer(text)]
    assert emoji_spans(text) == full


@given(texts)
def test_fast_hashtag_patterns_agree_with_the_full_ones(text: str) -> None:
    for dialect, exact in (("instagram", _INSTAGRAM), ("mastodon", _MASTODON)):
        full = [(m.start(), m.group(1)) for m in exact.finditer(text)]
        assert _bodies(text, dialect, exact) == full, dialect
    fast = _fast_patterns()
    full = [(m.start(), m.group(1)) for m in _BLUESKY.finditer(text)]
    assert [(m.start(), m.group(1)) for m in fast["bluesky"].finditer(text)] == full
    if "＃" not in text:
        ascii_sign = fast["bluesky_ascii"].finditer(text)
        assert [(m.start(), m.group(1)) for m in ascii_sign] == full


# The patterns as first written, with the test of what precedes the sigil up front.
_IG_MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9._]+)")
_MA_MENTION = regex.compile(
    r"(?<![=/\w])@([A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_])?)(?:@(\w(?:[\w.\-]*\w)?))?"
)
_BS_MENTION = re.compile(r"(?:^|(?<=[\s(]))@([a-zA-Z0-9.\-]+)")


@given(texts)
def test_mention_patterns_agree_with_the_full_ones(text: str) -> None:
    assert _twitter(text) == [(s, e, name) for s, e, name, slug in _twitter_all(text) if not slug]
    assert _twitter(text.replace("＠", "@")) == [
        (s, e, name) for s, e, name, slug in _twitter_all(text.replace("＠", "@")) if not slug
    ]
    from engagekit.text import _mentions

    for new, old in (
        (_mentions._INSTAGRAM, _IG_MENTION),
        (_mentions._MASTODON, _MA_MENTION),
        (_mentions._BLUESKY, _BS_MENTION),
    ):
        assert [m.span(1) + m.span() for m in new.finditer(text)] == [
            m.span(1) + m.span() for m in old.finditer(text)
        ]
    ascii_text = text.encode("ascii", "ignore").decode()
    assert [m.span() for m in _mentions._MASTODON_ASCII.finditer(ascii_text)] == [
        m.span() for m in _MA_MENTION.finditer(ascii_text)
    ]


@given(texts)
def test_lost_glyphs_agree_with_the_full_pattern(text: str) -> None:
    full: list[tuple[int, int]] = []
    for m in _LOST.finditer(text):
        if full and full[-1][1] == m.start():
            full[-1] = (full[-1][0], m.end())
        else:
            full.append(m.span())
    assert lost_spans(text) == full


def _strict_round_trip(text: str) -> str:
    try:
        fixed = text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text
    return text if fixed == text else fixed


@given(texts | st.text(max_size=12))
def test_mojibake_repair_agrees_with_the_strict_round_trip(text: str) -> None:
    for candidate in (text, text.encode("utf-8").decode("latin-1")):
        assert _latin1_round_trip(candidate) == _strict_round_trip(candidate)


def _unskipped(text: str, dialect: str) -> tuple[object, ...]:
    """parse_text's entities with every extractor run (no test for sigils first)."""
    t = parse_text(text, dialect=dialect).text
    urls = url_spans(t, dialect)
    links = [(s, e, t[s:e]) for s, e in urls]
    resolved = _resolve(
        links, hashtag_spans(t, dialect, urls), mention_spans(t, dialect), cashtag_spans(t, dialect)
    )
    links, tags, mentions, cash = resolved
    return (
        _build.hashtags(tags),
        _build.mentions(mentions),
        _build.links(links),
        _build.cashtags(cash),
        _build.emoji(emoji_spans(t)),
        lost_spans(t),
    )


@given(texts, st.sampled_from(DIALECTS))
def test_parse_text_skips_only_extractors_that_would_find_nothing(text: str, dialect: str) -> None:
    parsed = parse_text(text, dialect=dialect)
    got = (parsed.hashtags, parsed.mentions, parsed.links, parsed.cashtags, parsed.emoji)
    assert (*got, list(parsed.quality.lost_spans)) == _unskipped(text, dialect)


@given(texts)
def test_bluesky_url_starts_need_a_protocol_or_a_dot_before_an_alphanumeric(text: str) -> None:
    if "://" not in text and _DOT_ALNUM.search(text) is None:
        assert _BSKY_START.search(text) is None


labels = st.lists(st.sampled_from(["a", "Z", "0", "-", "é", "_", "com", "gov", "xn--p1ai", "ü"]))
domains = st.lists(labels.map("".join), min_size=1, max_size=5).map(".".join)


@given(domains)
def test_ascii_domains_shortcut_agrees_with_the_label_scan(domain: str) -> None:
    known = tlds()
    fast = _urls._ascii_domains(domain, 0, len(domain), known)
    saved = _urls._ASCII_HOST
    _urls._ASCII_HOST = re.compile("(?!)")  # never matches: the full scan runs
    try:
        assert fast == _urls._ascii_domains(domain, 0, len(domain), known)
    finally:
        _urls._ASCII_HOST = saved
