"""Glyphs an earlier system lost: U+FFFD, and runs of ``?`` that stand for emoji.

Exports and old databases that could not store a character replaced it with
U+FFFD or with ``?``. U+FFFD always counts. A ``?`` counts when it is part of
a run of two or more that does not directly follow a letter, mark or digit:
``memories! ??????`` lost six glyphs, ``What?? no`` lost none.
"""

from __future__ import annotations

import re

import regex

from engagekit.models import TextQuality
from engagekit.text import _build
from engagekit.text._classes import bmp_class

__all__ = ["find_lost_glyphs", "lost_spans"]

_LOST = regex.compile(r"\ufffd+|(?<![\p{L}\p{M}\p{N}?])\?{2,}")
_FAST: dict[bool, re.Pattern[str]] = {}


def _fast() -> dict[bool, re.Pattern[str]]:
    """:data:`_LOST` for the ``re`` module, by whether the text has a U+FFFD (without one,
    the pattern starts with a literal ``?``, faster to search for). Exact unless a
    supplementary-plane character precedes a run (the class lists only the BMP), which
    :func:`lost_spans` re-checks."""
    run = r"\?(?<![" + bmp_class(r"[\p{L}\p{M}\p{N}]") + r"?]\?)\?+"
    _FAST.update({True: re.compile("\ufffd+|" + run), False: re.compile(run)})
    return _FAST


_CLEAN = TextQuality()


def lost_spans(text: str) -> list[tuple[int, int]]:
    """The spans of lost glyphs in ``text``; adjacent runs are merged."""
    if "\ufffd" not in text and "??" not in text:
        return []
    spans: list[tuple[int, int]] = []
    for m in (_FAST or _fast())["\ufffd" in text].finditer(text):
        s, e = m.span()
        if s and text[s - 1] > "\uffff" and text[s] == "?" and _LOST.match(text, s) is None:
            continue  # a run after a supplementary-plane letter, mark or number
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
