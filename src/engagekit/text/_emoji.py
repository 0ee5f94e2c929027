"""Emoji as whole sequences: ZWJ families, skin tones, flags, keycaps, tag flags.

The pattern is built from Unicode emoji properties (the ``regex`` module
carries current Unicode data) and agrees with the ``emoji`` package on every
fully-qualified or component sequence in its data: an emoji-presentation
character stands alone, a text-presentation one (``©``, ``❤``) takes an
optional U+FE0F, a modifier base takes a skin tone, ``U+200D`` joins elements,
two regional indicators make a flag, ``[#*0-9]`` + U+FE0F + U+20E3 a keycap,
and U+1F3F4 + tag characters + U+E007F a subdivision flag. A ZWJ sequence
outside the recommended set is one emoji here (it is one grapheme), where
``emoji.emoji_list`` splits it.
"""

from __future__ import annotations

import re

import regex

from engagekit.models import Emoji
from engagekit.text import _build

__all__ = ["emoji_spans", "extract_emoji"]

_TEXT_STYLE = r"[\p{Emoji}--\p{Emoji_Presentation}--[#*0-9]]"
_EMOJI_STYLE = r"[\p{Emoji_Presentation}--\p{Regional_Indicator}]"
_ELEMENT = rf"(?:\p{{Emoji_Modifier_Base}}\p{{Emoji_Modifier}}|{_TEXT_STYLE}\ufe0f?|{_EMOJI_STYLE})"
_EMOJI = regex.compile(
    r"\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"
    r"|\p{Regional_Indicator}{2}"
    r"|[#*0-9]\ufe0f?\u20e3"
    rf"|{_ELEMENT}(?:\u200d{_ELEMENT})*",
    regex.V1,
)


#: Every non-ASCII emoji character lies in these few ranges (tests check it against
#: Unicode data); the standard ``re`` module finds candidates quickly, and the full
#: pattern is only tried where one is.
_MAYBE = re.compile(
    "[\u00a9\u00ae\u203c\u2049\u20e3\u2122-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001fbff]"
)


#: What can follow the first character of a longer sequence: VS16, ZWJ, the keycap
#: mark, skin tones, regional indicators and tag characters. A character followed by
#: none of these is an emoji on its own or starts none, which :data:`_SINGLE` caches.
_CONTINUES = frozenset(
    "\ufe0f\u200d\u20e3"
    + "".join(map(chr, range(0x1F3FB, 0x1F400)))
    + "".join(map(chr, range(0x1F1E6, 0x1F200)))
    + "".join(map(chr, range(0xE0020, 0xE0080)))
)
_SINGLE: dict[str, bool] = {}
_MODIFIED: dict[str, bool] = {}  # whether a character takes a skin tone


def _end_at(text: str, p: int) -> int:
    """End of the emoji that starts at ``p``, or -1 (the full pattern only when needed)."""
    ch, nxt = text[p], text[p + 1 : p + 2]
    if nxt in _CONTINUES:
        if not ("\U0001f3fb" <= nxt <= "\U0001f3ff") or text[p + 2 : p + 3] in _CONTINUES:
            m = _EMOJI.match(text, p)
            return -1 if m is None else m.end()
        # A skin tone and nothing more: with it if ``ch`` takes one, else as if alone.
        based = _MODIFIED.get(ch)
        if based is None:
            based = _MODIFIED[ch] = _EMOJI.fullmatch(ch + nxt) is not None
        if based:
            return p + 2
    hit = _SINGLE.get(ch)
    if hit is None:
        hit = _SINGLE[ch] = _EMOJI.fullmatch(ch) is not None
    return p + 1 if hit else -1


def emoji_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, sequence)`` for each emoji in ``text``."""
    if text.isascii():
        return []
    found: list[tuple[int, int, str]] = []
    search, end_at = _MAYBE.search, _end_at
    pos = 0
    while True:
        # Emoji often come in runs: try right where the last one ended before searching.
        if pos and text[pos : pos + 1] > "\u00a8":
            end = end_at(text, pos)
            if end >= 0:
                found.append((pos, end, text[pos:end]))
                pos = end
                continue
            pos += 1
        candidate = search(text, pos)
        if candidate is None:
            return found
        start = candidate.start()
        end = end_at(text, start)
        if end < 0 and text[start] == "\u20e3":  # a keycap: its digit is 1 or 2 back
            m = _EMOJI.match(text, max(start - 2, pos)) or _EMOJI.match(text, max(start - 1, pos))
            if m is not None:
                start, end = m.span()
        if end < 0:
            pos = start + 1
            continue
        found.append((start, end, text[start:end]))
        pos = end


def extract_emoji(text: str) -> tuple[Emoji, ...]:
    """Find the emoji in ``text`` as whole sequences, in order of appearance.

    >>> [(e.text, e.start, e.end) for e in extract_emoji("👨‍👩‍👧 day! 👍🏽 🇨🇴 1️⃣")]
    [('👨\\u200d👩\\u200d👧', 0, 5), ('👍🏽', 11, 13), ('🇨🇴', 14, 16), ('1️⃣', 17, 20)]
    """
    return _build.emoji(emoji_spans(text))
