"""Identity keys and word segmentation for hashtags.

``tag_key`` is the identity used for counting: NFKC, casefold, NFKC again (the
Unicode "NFKC_Casefold" idea), so full-width and differently-cased spellings of
a tag meet. ``split_words`` cuts a tag at underscores, at case changes and at
the edges of digit runs, and leaves uncased scripts (Devanagari, Thai, CJK,
Arabic) whole, because no rule without a dictionary splits them well.
"""

from __future__ import annotations

import unicodedata

__all__ = ["split_words", "tag_key"]

_UPPER, _LOWER, _DIGIT, _OTHER, _MARK = range(5)


def tag_key(text: str) -> str:
    """Return the counting key of a tag: NFKC, casefold, NFKC."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def _kind(ch: str) -> int:
    if ch.isupper() or ch.istitle():
        return _UPPER
    if ch.islower():
        return _LOWER
    if ch.isdigit() or ch.isnumeric():
        return _DIGIT
    if unicodedata.category(ch)[0] in "MPC":  # marks, joiners (ZWNJ), inner dots stay put
        return _MARK
    return _OTHER


def _breaks(prev: int, kind: int, next_kind: int) -> bool:
    """Whether a word boundary falls between a char of ``prev`` and one of ``kind``."""
    if kind == _MARK:
        return False
    if kind == _UPPER:
        if prev in (_LOWER, _OTHER):
            return True
        # NYPDNews -> NYPD | News ; 10Tips -> 10 | Tips ; 2K15 stays whole
        return prev in (_UPPER, _DIGIT) and next_kind == _LOWER
    if kind == _DIGIT:
        return prev in (_LOWER, _OTHER)
    if kind == _LOWER:
        return prev == _OTHER
    return prev in (_UPPER, _LOWER, _DIGIT)  # kind == _OTHER: a change of script


def split_words(text: str) -> tuple[str, ...]:
    """Split a hashtag's text into words.

    >>> split_words("SummerMemories2K15")
    ('Summer', 'Memories', '2K15')
    >>> split_words("NYPDNews")
    ('NYPD', 'News')
    >>> split_words("Stay_Committed")
    ('Stay', 'Committed')
    """
    words: list[str] = []
    for chunk in text.split("_"):
        if not chunk:
            continue
        kinds = [_kind(ch) for ch in chunk]
        start = 0
        prev = kinds[0]
        for i in range(1, len(chunk)):
            kind = kinds[i]
            if kind == _MARK:
                continue
            next_kind = kinds[i + 1] if i + 1 < len(chunk) else _OTHER
            if _breaks(prev, kind, next_kind):
                words.append(chunk[start:i])
                start = i
            prev = kind
        words.append(chunk[start:])
    return tuple(words)
