"""Model objects from what the extractors found, through the one trusted constructor.

The extractors build many small frozen objects per caption. They build them with
:func:`~engagekit.models._construct.constructor`, which applies exactly the
converters and validators of ``Model(...)`` (generated from the attrs fields, so a
change to a model applies here too) without ``__init__``'s overhead.
"""

from __future__ import annotations

import unicodedata

from engagekit.models import Cashtag, Emoji, Hashtag, Link, Mention, TextQuality
from engagekit.models._construct import constructor

__all__ = ["cashtags", "emoji", "hashtags", "links", "mentions", "nfc", "quality"]

Found = tuple[int, int, str]

_Hashtag = constructor(Hashtag)
_Cashtag = constructor(Cashtag)
_Emoji = constructor(Emoji)
_Mention = constructor(Mention)
_Link = constructor(Link)
_TextQuality = constructor(TextQuality)


def nfc(text: str) -> str:
    """NFC-normalize ``text`` (ASCII and already-normal text come back as they are)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def hashtags(found: list[Found]) -> tuple[Hashtag, ...]:
    """:class:`Hashtag` objects for ``(start, end, text)`` triples."""
    make = _Hashtag
    return tuple([make(text=text, start=start, end=end) for start, end, text in found])


def cashtags(found: list[Found]) -> tuple[Cashtag, ...]:
    """:class:`Cashtag` objects for ``(start, end, symbol)`` triples."""
    make = _Cashtag
    return tuple([make(text=text, start=start, end=end) for start, end, text in found])


def emoji(found: list[Found]) -> tuple[Emoji, ...]:
    """:class:`Emoji` objects for ``(start, end, sequence)`` triples."""
    make = _Emoji
    return tuple([make(text=text, start=start, end=end) for start, end, text in found])


def mentions(found: list[Found]) -> tuple[Mention, ...]:
    """:class:`Mention` objects (no id) for ``(start, end, handle)`` triples."""
    make = _Mention
    return tuple([make(handle=handle, start=start, end=end) for start, end, handle in found])


def links(found: list[Found]) -> tuple[Link, ...]:
    """:class:`Link` objects (no expanded URL) for ``(start, end, url)`` triples."""
    make = _Link
    return tuple([make(url=url, start=start, end=end) for start, end, url in found])


def quality(spans: list[tuple[int, int]], repairs: tuple[str, ...]) -> TextQuality:
    """A :class:`TextQuality` for lost-glyph ``spans`` (sorted, disjoint) and ``repairs``."""
    if not spans:  # repairs alone: one shared (immutable) value per set of repairs
        known = _REPAIRED.get(repairs)
        if known is None:
            known = _quality([], repairs)
            if len(_REPAIRED) < 64:
                _REPAIRED[repairs] = known
        return known
    return _quality(spans, repairs)


#: Qualities with no lost glyphs, by their repairs (a handful of combinations at most).
_REPAIRED: dict[tuple[str, ...], TextQuality] = {}


def _quality(spans: list[tuple[int, int]], repairs: tuple[str, ...]) -> TextQuality:
    return _TextQuality(lost_glyphs=sum(e - s for s, e in spans), lost_spans=tuple(spans),
                        repairs=tuple(repairs))
