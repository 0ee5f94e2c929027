"""Hashtag rules per dialect: case tables (description / text / expected) and properties."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.errors import ValidationError
from engagekit.text import DIALECTS, extract_hashtags

# Rules every dialect shares.
COMMON: list[dict[str, Any]] = [
    {
        "description": "plain tags keep their case",
        "text": "Great day! #CommunityPolicing #StayCommitted",
        "expected": ["CommunityPolicing", "StayCommitted"],
    },
    {"description": "after a ZWJ family", "text": "👨‍👩‍👧 #FamilyDay", "expected": ["FamilyDay"]},
    {"description": "never all-digit", "text": "On the #2015 route", "expected": []},
    {"description": "a bare # at the end is not a tag", "text": "see you there #", "expected": []},
    {
        "description": "Devanagari with its marks, whole",
        "text": "नमस्ते #महात्मा",
        "expected": ["महात्मा"],
    },
    {
        "description": "never inside a URL",
        "text": "see https://example.org/page#top today",
        "expected": [],
    },
]

# What each platform counts as a hashtag.
DIALECT_CASES: dict[str, list[dict[str, Any]]] = {
    "twitter": [
        {"description": "glued to an emoji", "text": "👨‍👩‍👧#FamilyDay", "expected": ["FamilyDay"]},
        {"description": "after a keycap", "text": "1️⃣#first", "expected": ["first"]},
        {
            "description": "not inside a protocol-less URL",
            "text": "example.org/page#top",
            "expected": [],
        },
        {"description": "not after a letter", "text": "word#tag", "expected": []},
        {"description": "not followed by another #", "text": "#one#two", "expected": []},
        {"description": "middle dot joins", "text": "#il·lusió", "expected": ["il·lusió"]},
        {"description": "full-width sign", "text": "＃日本語", "expected": ["日本語"]},
        {"description": "underscore kept", "text": "#tag_", "expected": ["tag_"]},
    ],
    "instagram": [
        {"description": "glued to an emoji", "text": "👨‍👩‍👧#FamilyDay", "expected": ["FamilyDay"]},
        {
            "description": "letters in any script with marks",
            "text": "#महात्मा_गांधी #ශ්‍රීලංකා",
            "expected": ["महात्मा_गांधी", "ශ්‍රීලංකා"],
        },
        {"description": "middle dot ends a tag", "text": "#il·lusió", "expected": ["il"]},
        {
            "description": "ZWNJ inside a Persian word",
            "text": "#می‌خواهم",
            "expected": ["می\u200cخواهم"],
        },
        {
            "description": "a trailing ZWNJ is not part of the tag",
            "text": "#abc\u200c def",
            "expected": ["abc"],
        },
        {"description": "digits and underscore only", "text": "#2015 #_ #1_2", "expected": []},
        {"description": "not after a word character", "text": "word#tag", "expected": []},
        {"description": "case preserved", "text": "#NYPDNews", "expected": ["NYPDNews"]},
    ],
    "mastodon": [
        {"description": "middle dot separates", "text": "#il·lusió", "expected": ["il·lusió"]},
        {
            "description": "katakana middle dot separates",
            "text": "#ハッシュ・タグ",
            "expected": ["ハッシュ・タグ"],
        },
        {
            "description": "a trailing separator is dropped",
            "text": "#tag· more",
            "expected": ["tag"],
        },
        {"description": "underscore kept", "text": "#tag_", "expected": ["tag_"]},
        {"description": "needs a letter", "text": "#1_2 #2015", "expected": []},
        {"description": "not after / or =", "text": "a/#b c=#d", "expected": []},
        {"description": "not after a letter", "text": "word#tag", "expected": []},
        {"description": "glued to an emoji", "text": "🎉#Party", "expected": ["Party"]},
    ],
    "bluesky": [
        {"description": "emoji inside a tag", "text": "#butter🦋fly", "expected": ["butter🦋fly"]},
        {
            "description": "trailing punctuation stripped",
            "text": "#tag!!! #pun.ctu.ation.",
            "expected": ["tag", "pun.ctu.ation"],
        },
        {"description": "after a space only", "text": "word#tag 🎉#party", "expected": []},
        {"description": "digits only is not a tag", "text": "#2015", "expected": []},
        {"description": "a leading digit is fine", "text": "#1st", "expected": ["1st"]},
        {"description": "doubled sigil: the tag starts at the last",
         "text": "##SafeStreets ＃#a", "expected": ["SafeStreets", "a"]},
        {
            "description": "at most 64 graphemes",
            "text": "#" + "a" * 64 + " #" + "b" * 65,
            "expected": ["a" * 64],
        },
        {
            "description": "64 emoji graphemes are fine",
            "text": "#" + "👍🏽" * 64,
            "expected": ["👍🏽" * 64],
        },
        {"description": "a ZWJ ends the tag", "text": "#ab\u200dcd", "expected": ["ab"]},
    ],
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def table() -> list[Any]:
    params = []
    for dialect in DIALECTS:
        for case in COMMON + DIALECT_CASES[dialect]:
            params.append(pytest.param(dialect, case, id=f"{dialect}-{case['description']}"))
    return params


@pytest.mark.parametrize(("dialect", "case"), table())
def test_table(dialect: str, case: dict[str, Any]) -> None:
    got = [t.text for t in extract_hashtags(case["text"], dialect=dialect)]
    assert got == case["expected"]


def test_unknown_dialect() -> None:
    with pytest.raises(ValidationError, match="dialect"):
        extract_hashtags("#a", dialect="myspace")


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(
    "text",
    [
        "#" * 200_000,
        "a" * 200_000,
        "#" + "a" * 200_000,
        "#a" + "\u0301" * 200_000,
        "#1" * 100_000,
        "# " * 100_000,
        "#" + "1" * 200_000 + "!",
        "#a" + "!" * 200_000 + "b",
    ],
    ids=["hashes", "letters", "one-long-tag", "marks", "digit-tags", "bare", "digits", "punct"],
)
def test_adversarial_inputs_finish(dialect: str, text: str) -> None:
    """Linear-time patterns: these finish in milliseconds (quadratic ones would not)."""
    tags = extract_hashtags(text, dialect=dialect)
    assert all(nfc(text[t.start : t.end][1:]) == t.text for t in tags)


TEXT = st.text(
    alphabet=st.sampled_from([*"#＃ab_1 .:/&@é日👍·", "\u0301", "\u200d"]),
    max_size=40,
)


@pytest.mark.parametrize("dialect", DIALECTS)
@given(text=TEXT)
def test_spans_index_the_text(dialect: str, text: str) -> None:
    previous_end = 0
    for tag in extract_hashtags(text, dialect=dialect):
        assert tag.start is not None
        assert tag.end is not None
        assert tag.start >= previous_end
        assert text[tag.start] in "#＃"
        assert nfc(text[tag.start + 1 : tag.end]) == tag.text  # the model keeps tags NFC
        assert not tag.text.isdigit()
        previous_end = tag.end


FAST_VS_EXACT = st.text(
    alphabet=st.sampled_from(
        [*"abc1_ #.&/:é日ा²Ⅻ👍", "\u0301", "\ufe0f", "\u20e3", "\U00020021", "\U000104a0"]
    ),
    max_size=40,
)


@given(text=FAST_VS_EXACT)
def test_fast_path_matches_exact_pattern(text: str) -> None:
    """The ``re`` fast path (BMP classes) finds what the full ``regex`` pattern finds."""
    tail = " ＃ｘ"  # a full-width sign sends the whole text through the exact pattern
    fast = [(t.text, t.start) for t in extract_hashtags(text)]
    slow = [(t.text, t.start) for t in extract_hashtags(text + tail)][: len(fast) + 1]
    assert fast == [tag for tag in slow if tag[0] != "ｘ"]
