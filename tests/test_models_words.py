"""Hashtag keys and word segmentation across scripts (case tables in the twitter-text shape)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit import Hashtag
from engagekit.models import split_words, tag_key

KEY_CASES = [
    # description, text, expected key
    ("ASCII camel case", "StayCommitted", "staycommitted"),
    ("all lower", "staycommitted", "staycommitted"),
    ("full-width Latin", "ＳｔａｙＣｏｍｍｉｔｔｅｄ", "staycommitted"),
    ("Latin with accents keeps them", "CaféConLeche", "caféconleche"),
    ("decomposed accents compose", "Cafe\u0301", "café"),
    ("German sharp s folds", "Straße", "strasse"),
    ("Turkish dotted capital I", "İstanbul", "i̇stanbul"),
    ("Cyrillic", "СообществоПолиции", "сообществополиции"),
    ("Greek final sigma folds", "ΚαλήΜέραΣ", "καλήμέρασ"),
    ("CJK unchanged", "地域安全", "地域安全"),
    ("Devanagari unchanged", "महात्मा", "महात्मा"),
    ("Thai unchanged", "ชุมชน", "ชุมชน"),
    ("Arabic unchanged", "مجتمع", "مجتمع"),
    ("digits", "2K15", "2k15"),
]


@pytest.mark.parametrize(("description", "text", "expected"), KEY_CASES,
                         ids=[c[0] for c in KEY_CASES])
def test_key(description: str, text: str, expected: str) -> None:
    assert Hashtag(text=text).key == expected


def test_spellings_share_a_key() -> None:
    spellings = ("#StayCommitted", "#staycommitted", "＃ＳｔａｙＣｏｍｍｉｔｔｅｄ")
    keys = {Hashtag(text=t).key for t in spellings}
    assert keys == {"staycommitted"}


WORD_CASES = [
    ("camel case", "CommunityPolicing", ("Community", "Policing")),
    ("three words", "BeTheChange", ("Be", "The", "Change")),
    ("digits stay with their acronym", "SummerMemories2K15", ("Summer", "Memories", "2K15")),
    ("acronym before a word", "NYPDNews", ("NYPD", "News")),
    ("underscore", "Stay_Committed", ("Stay", "Committed")),
    ("several underscores", "__stay__committed_", ("stay", "committed")),
    ("number between words", "Top10Tips", ("Top", "10", "Tips")),
    ("ordinal", "My2ndShift", ("My", "2nd", "Shift")),
    ("all caps", "NYPD", ("NYPD",)),
    ("acronym with number", "COVID19", ("COVID19",)),
    ("Cyrillic camel case", "СообществоПолиции", ("Сообщество", "Полиции")),
    ("Greek camel case", "ΚαλήΜέρα", ("Καλή", "Μέρα")),
    ("Latin accents", "CaféConLeche", ("Café", "Con", "Leche")),
    ("Devanagari with combining marks stays whole", "महात्मा", ("महात्मा",)),
    ("Thai stays whole", "ชุมชน", ("ชุมชน",)),
    ("Arabic stays whole", "مجتمع", ("مجتمع",)),
    ("CJK stays whole", "地域安全", ("地域安全",)),
    ("script change splits", "Tokyo東京", ("Tokyo", "東京")),
    ("Catalan middle dot stays inside", "Il·lusió", ("Il·lusió",)),
    ("Persian ZWNJ stays inside", "می\u200cخواهم", ("می\u200cخواهم",)),
]


@pytest.mark.parametrize(("description", "text", "expected"), WORD_CASES,
                         ids=[c[0] for c in WORD_CASES])
def test_words(description: str, text: str, expected: tuple[str, ...]) -> None:
    assert split_words(text) == expected


@pytest.mark.parametrize(
    ("text", "slug"),
    [("StayCommitted", "stay-committed"), ("NYPDNews", "nypd-news"),
     ("SummerMemories2K15", "summer-memories-2k15"), ("Stay_Committed", "stay-committed")],
)
def test_slug(text: str, slug: str) -> None:
    assert Hashtag(text=text).slug == slug


tag_text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)


@given(tag_text)
def test_words_cover_the_text_but_underscores(text: str) -> None:
    assert "".join(split_words(text)) == text.replace("_", "")


@given(tag_text)
def test_key_is_idempotent_and_normalized(text: str) -> None:
    key = tag_key(text)
    assert tag_key(key) == key
    assert unicodedata.is_normalized("NFKC", key)
    assert tag_key(unicodedata.normalize("NFKC", text)) == key


@given(st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1))
def test_ascii_key_is_lower(text: str) -> None:
    assert tag_key(text) == text.lower() == unicodedata.normalize("NFKC", text).casefold()
