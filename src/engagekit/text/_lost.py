"""Glyphs an earlier system lost: U+FFFD, and runs of ``?`` that stand for emoji.

Exports and old databases that could not store a character replaced it with
U+FFFD or with ``?``. U+FFFD always counts. A ``?`` counts when it is part of
a run of two or more that does not directly follow a letter, mark or digit:
``memories! ??????`` lost six glyphs, ``What?? no`` lost none.
"""

from __future__ import annotations

import regex

from engagekit.models import TextQuality
from engagekit.text import _build

__all__ = ["find_lost_glyphs", "lost_spans"]

_LOST = regex.compile(r"\ufffd+|(?<![\p{L}\p{M}\p{N}?])\?{2,}")
_CLEAN = TextQuality()


def lost_spans(text: str) -> list[tuple[int, int]]:
    """The spans of lost glyphs in ``text``; adjacent runs are merged."""
    if "\ufffd" not in text and "??" not in text:
        return []
    spans: list[tuple[int, int]] = []
    for m in _LOST.finditer(text):
        s, e = m.span()
        if spans and spans[-1][1] == s:
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def find_lost_glyphs(text: str) -> TextQuality:
    """Count and locate the lost glyphs in ``text`` (the text itself is not changed).

    >>> find_lost_glyphs("#StayCommitted ??✊????????")
    TextQuality(lost_glyphs=10, lost_spans=((15, 17), (18, 26)), repairs=())
    >>> find_lost_glyphs("What?? no").clean
    True
    """
    spans = lost_spans(text)
    return _build.quality(spans, ()) if spans else _CLEAN
