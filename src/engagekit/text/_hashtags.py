"""Hashtags, by dialect.

Every dialect finds a tag after emoji (variation selectors, skin tones, ZWJ
sequences and keycaps end an emoji, not a word), never inside a URL, never
all-digit, and keeps the tag's case (``Hashtag.key`` is the counting key).

* ``twitter``: the twitter-text rules: letters, marks, decimal digits, ``_``
  and a few joiners (ZWNJ, ZWJ, middle dot, Japanese marks, Hebrew geresh and
  maqaf), at least one letter, not after a letter, digit or ``&``, and not
  directly followed by another ``#`` or by ``://``.
* ``instagram``: letters, marks, digits and ``_`` in any script (ZWJ/ZWNJ
  inside a word), at least one letter, not after a word character.
* ``mastodon``: word characters plus the separators ``·``, ``・`` and ZWNJ
  (not at the end), at least one letter, not after a letter, digit, ``=``,
  ``/`` or ``)``.
* ``bluesky``: at the start or after a space, up to the next space or
  zero-width character, at least one character that is neither an ASCII digit
  nor punctuation, trailing punctuation stripped, at most 64 graphemes.
"""

from __future__ import annotations

import re

import regex

from engagekit.models import Hashtag
from engagekit.text import _build
from engagekit.text._classes import bmp_class
from engagekit.text._dialects import DIALECTS, check_dialect
from engagekit.text._urls import url_spans

__all__ = ["extract_hashtags", "hashtag_spans"]

Found = tuple[int, int, str]  # start (at the '#'), end, tag text without '#'

_EMOJI_END = "\ufe0e\ufe0f\u20e3"

_TW_WORD = (
    r"\p{L}\p{M}\p{Nd}_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0"
    r"\u30fb\u3003\u0f0b\u0f0c\u00b7"
)
_TWITTER = regex.compile(
    rf"(?:(?<=[{_EMOJI_END}])|(?<![{_TW_WORD}&]))[#＃](?![\ufe0f\u20e3])([{_TW_WORD}]+)"
)
_LETTER = regex.compile(r"[\p{L}\p{M}]")

_IG_WORD = r"\p{L}\p{M}\p{Nd}_"
_INSTAGRAM = regex.compile(
    rf"[#＃](?:(?<=[{_EMOJI_END}][#＃])|(?<![{_IG_WORD}][#＃]))(?![\ufe0f\u20e3])"
    rf"((?:[{_IG_WORD}]|[\u200c\u200d](?=[{_IG_WORD}]))+)"
)
_IG_LETTER = regex.compile(r"\p{L}")

_MA_WORD = r"\p{L}\p{M}\p{Nd}\p{Pc}"
_MA_SEP = "\u00b7\u30fb\u200c"
_MASTODON = regex.compile(
    rf"#(?:(?<=[{_EMOJI_END}]#)|(?<![=/)\p{{Alphabetic}}\p{{Nd}}]#))(?![\ufe0f\u20e3])"
    rf"([{_MA_WORD}][{_MA_WORD}{_MA_SEP}]*)"
)
_MA_LETTER = regex.compile(r"\p{Alphabetic}")

_BS_STOP = r"\s\ufeff\u00ad\u2060\u200a\u200b\u200c\u200d\u20e2"
_BLUESKY = regex.compile(rf"[#＃](?<![^\s\ufeff][#＃])(?!\ufe0f)([^{_BS_STOP}]+)")
_BS_CONTENT = regex.compile(r"[^0-9\p{P}]")
_PUNCT_RUN = regex.compile(r"\p{P}+")
_GRAPHEME = regex.compile(r"\X")
_BS_MAX_GRAPHEMES = 64


_TW_SPECIALS = (
    "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c"  # joiners, Japanese and Hebrew marks
    "\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\u00b7"
)


_FAST: re.Pattern[str] | None = None


def _twitter_fast() -> re.Pattern[str]:
    """The twitter rule for the standard ``re`` module, exact within the BMP.

    A supplementary-plane character next to a candidate (an astral letter, say)
    is outside its classes, so such candidates are re-checked with :data:`_TWITTER`.
    """
    global _FAST
    word = bmp_class(r"[\p{L}\p{M}\p{Nd}]") + re.escape(_TW_SPECIALS)
    _FAST = re.compile(
        f"#(?:(?<![{word}&].)|(?<=[{_EMOJI_END}].))(?![\ufe0f\u20e3])([{word}]*+)(?!#|＃|://)"
    )
    return _FAST


def _plain(ch: str) -> bool:
    """Whether ``ch`` is in the BMP or among emoji (no letters, marks or digits there)."""
    return ch <= "\uffff" or "\U0001f000" <= ch <= "\U0001fbef"


def _twitter_exact(text: str, i: int, found: list[Found]) -> int:
    """Apply the full Unicode rule to the ``#`` at ``i``; return where to search on."""
    m = _TWITTER.match(text, i)
    if m is None:
        return i + 1
    body: str = m.group(1)
    end: int = m.end()
    nxt = text[end : end + 1]
    if not (nxt and (nxt in "#＃" or text.startswith("://", end))) and (
        body[0].isalpha() or _LETTER.search(body) is not None
    ):
        found.append((i, end, body))
    return end


def _twitter(text: str) -> tuple[list[Found], bool]:
    """The tags, and whether any is glued to what precedes it (only those can be in a URL)."""
    found: list[Found] = []
    pos = 0
    if "＃" in text:  # rare: the exact pattern finds both signs in order
        for m in _TWITTER.finditer(text):
            if m.start() >= pos:
                pos = _twitter_exact(text, m.start(), found)
        return found, not _all_after_space(text, found)
    glued = False
    # split() hands back the text between candidates and each candidate's body without
    # building match objects; positions follow from the lengths ("#" + body each time).
    parts = (_FAST or _twitter_fast()).split(text)
    n = len(text)
    i = len(parts[0])
    for k in range(1, len(parts), 2):
        body = parts[k]
        end = i + 1 + len(body)
        if i >= pos:
            if (i and text[i - 1] > "\uffff" and not _plain(text[i - 1])) or (
                end < n and text[end] > "\uffff" and not _plain(text[end])
            ):
                pos = _twitter_exact(text, i, found)  # a supplementary-plane neighbour
            elif body and (body[0].isalpha() or _LETTER.search(body) is not None):
                found.append((i, end, body))
                if i and not glued and not text[i - 1].isspace():
                    glued = True
        i = end + len(parts[k + 1])
    return found, glued or (pos > 0 and not _all_after_space(text, found))


_Fast = dict[str, re.Pattern[str]]
_FAST_BY: _Fast = {}


def _fast_patterns() -> _Fast:
    """The instagram, mastodon and bluesky rules for the standard ``re`` module.

    Keyed by dialect, plus ``"#"`` for the version that only knows the ASCII ``#``
    (faster to search for). Like :func:`_twitter_fast`, the instagram and mastodon
    patterns are exact within the BMP and let a tag body be empty, so every
    candidate comes back; :func:`_bodies` re-checks one next to a
    supplementary-plane character with the full pattern.
    """
    ig = bmp_class(r"[\p{L}\p{M}\p{Nd}]") + "_"
    ig_rule = (
        rf"(?:(?<=[{_EMOJI_END}].)|(?<![{ig}].))(?![\ufe0f\u20e3])"
        rf"((?:[\u200c\u200d]?[{ig}]++(?:[\u200c\u200d][{ig}]++)*+)?)"  # a joiner before a letter
    )
    ma = bmp_class(r"[\p{L}\p{M}\p{Nd}\p{Pc}]")
    alnum = bmp_class(r"[\p{Alphabetic}\p{Nd}]")
    # White space lies in the BMP, so the bluesky pattern is exact everywhere.
    space = bmp_class(r"\s") + "\ufeff"
    stop = space + "\u00ad\u2060\u200a\u200b\u200c\u200d\u20e2"
    bs_rule = rf"(?!\ufe0f)([^{stop}]+)"
    _FAST_BY.update(
        instagram=re.compile("[#＃]" + ig_rule),
        instagram_ascii=re.compile("#" + ig_rule),
        mastodon=re.compile(
            rf"#(?:(?<=[{_EMOJI_END}]#)|(?<![=/){alnum}]#))"
            rf"(?![\ufe0f\u20e3])((?:[{ma}][{ma}{_MA_SEP}]*+)?)"
        ),
        bluesky=re.compile(rf"[#＃](?<![^{space}][#＃])" + bs_rule),
        bluesky_ascii=re.compile(rf"#(?<![^{space}]#)" + bs_rule),
    )
    return _FAST_BY


def _astral(text: str, i: int) -> bool:
    """Whether ``text[i]`` is outside the BMP and the emoji blocks (the fast classes miss it)."""
    ch = text[i]
    return ch > "\uffff" and not _plain(ch)


def _bodies(text: str, dialect: str, exact: regex.Pattern[str]) -> list[tuple[int, str]]:
    """``(start, body)`` of each candidate tag under the fast pattern, checked where needed."""
    fast = _FAST_BY or _fast_patterns()
    if dialect == "instagram" and "＃" not in text:
        dialect = "instagram_ascii"
    out = []
    # As in _twitter: split() gives each body; positions follow from the lengths.
    parts = fast[dialect].split(text)
    n = len(text)
    i = len(parts[0])
    for k in range(1, len(parts), 2):
        body = parts[k]
        end = i + 1 + len(body)
        following = end + len(parts[k + 1])
        if end < n and text[end] in "\u200c\u200d":  # a joiner continues a body before a letter
            end += 1
        if (i and text[i - 1] > "\uffff" and _astral(text, i - 1)) or (
            end < n and text[end] > "\uffff" and _astral(text, end)
        ):
            full = exact.match(text, i)
            body = "" if full is None else full.group(1)
        if body:
            out.append((i, body))
        i = following
    return out


def _instagram(text: str) -> list[Found]:
    found: list[Found] = []
    for start, body in _bodies(text, "instagram", _INSTAGRAM):
        if body[0].isalpha() or _IG_LETTER.search(body) is not None:
            found.append((start, start + 1 + len(body), body))
    return found


def _mastodon(text: str) -> list[Found]:
    found: list[Found] = []
    for start, whole in _bodies(text, "mastodon", _MASTODON):
        body = whole.rstrip(_MA_SEP)
        if body[0].isalpha() or _MA_LETTER.search(body) is not None:
            found.append((start, start + 1 + len(body), body))
    return found


def _bluesky(text: str) -> list[Found]:
    found: list[Found] = []
    fast = _FAST_BY or _fast_patterns()
    for m in fast["bluesky" if "＃" in text else "bluesky_ascii"].finditer(text):
        body = m.group(1)
        first, last = body[0], body[-1]
        # An ASCII letter is content; an ASCII letter or digit at the end is no punctuation.
        if not (first.isascii() and first.isalpha()) and _BS_CONTENT.search(body) is None:
            continue
        if not (last.isascii() and last.isalnum()):
            trail = _PUNCT_RUN.match(body[::-1])
            if trail is not None:
                body = body[: len(body) - trail.end()]
        if len(body) > _BS_MAX_GRAPHEMES and len(_GRAPHEME.findall(body)) > _BS_MAX_GRAPHEMES:
            continue
        start = m.start()
        lead = len(body) - len(body.lstrip("#＃"))
        if lead:  # "##a": the tag is the "#a" at the last sigil, as a tag never starts with one
            body, start = body[lead:], start + lead
            if not body:
                continue
        found.append((start, start + 1 + len(body), body))
    return found


_FINDERS = {"instagram": _instagram, "mastodon": _mastodon}


def _outside(found: list[Found], urls: list[tuple[int, int]]) -> list[Found]:
    """Drop each tag that overlaps a URL starting before it (a tag inside a URL)."""
    return [f for f in found if not any(s < f[1] and f[0] < e and s < f[0] for s, e in urls)]


def _all_after_space(text: str, found: list[Found]) -> bool:
    """Whether every tag starts the text or follows a space (so none can sit inside a URL)."""
    return all(start == 0 or text[start - 1].isspace() for start, _, _ in found)


def hashtag_spans(
    text: str, dialect: str, urls: list[tuple[int, int]] | None = None
) -> list[Found]:
    """``(start, end, tag)`` for each hashtag; ``urls`` are the URL spans if already known."""
    if "#" not in text and "＃" not in text:
        return []
    if dialect == "bluesky":
        return _bluesky(text)  # a tag follows a space, so it is never inside a URL
    if dialect == "twitter":
        found, glued = _twitter(text)
    else:
        found = _FINDERS[dialect](text)
        glued = bool(found) and not _all_after_space(text, found)
    if not glued or "." not in text:
        return found
    if urls is None:
        urls = url_spans(text, dialect)
    return _outside(found, urls) if urls else found


def extract_hashtags(text: str, *, dialect: str = "twitter") -> tuple[Hashtag, ...]:
    """Find the hashtags in ``text``, in order, case preserved, spans covering the ``#``.

    >>> [(t.text, t.start, t.end) for t in extract_hashtags(
    ...     "Great to meet Giselle & Aliyah today! #CommunityPolicing #StayCommitted")]
    [('CommunityPolicing', 38, 56), ('StayCommitted', 57, 71)]
    >>> text = "👨‍👩‍👧#FamilyDay on the #2015 route, example.org/page#top #"
    >>> [t.text for t in extract_hashtags(text)]
    ['FamilyDay']
    >>> [t.text for t in extract_hashtags("#il·lusió #tag_ #महात्मा", dialect="mastodon")]
    ['il·lusió', 'tag_', 'महात्मा']
    """
    if dialect not in DIALECTS:
        check_dialect(dialect)
    if "#" not in text and "＃" not in text:
        return ()
    if dialect == "twitter":  # the hot path, without the dispatch of hashtag_spans
        found, glued = _twitter(text)
        if glued and "." in text:
            found = _outside(found, url_spans(text, dialect))
        return _build.hashtags(found) if found else ()
    return _build.hashtags(hashtag_spans(text, dialect))
