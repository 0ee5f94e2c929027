"""Fast construction of model objects from values the extractors already checked.

The extractors build many small frozen objects per caption. Going through
``attrs``' ``__init__`` runs converters and validators whose checks the
extractor has already made (a non-empty NFC string, ``0 <= start <= end``), so
these builders set the slots directly, through the slots' own descriptors. They
do so only while each class has exactly the fields they were written for;
otherwise they call the normal constructor, so a change to a model is never
silently bypassed (``tests/text/test_text_parse.py`` compares both paths).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import attrs

from engagekit.models import Cashtag, Emoji, Hashtag, Link, Mention, TextQuality

__all__ = ["cashtags", "emoji", "hashtags", "links", "mentions", "nfc", "quality", "setters"]

Found = tuple[int, int, str]


def nfc(text: str) -> str:
    """NFC-normalize ``text`` (ASCII and already-normal text come back as they are)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def setters(cls: type[Any], *names: str) -> tuple[Callable[[Any, Any], None], ...] | None:
    """The slot setters of ``cls`` in field order, or None if its fields are not ``names``."""
    if tuple(a.name for a in attrs.fields(cls)) != names:  # pragma: no cover - model changed
        return None
    return tuple(cls.__dict__[name].__set__ for name in names)


_HASHTAG = setters(Hashtag, "text", "start", "end")
_CASHTAG = setters(Cashtag, "text", "start", "end")
_EMOJI = setters(Emoji, "text", "start", "end")
_MENTION = setters(Mention, "handle", "start", "end", "id")
_LINK = setters(Link, "url", "expanded_url", "start", "end")
_QUALITY = setters(TextQuality, "lost_glyphs", "lost_spans", "repairs")
_new = object.__new__


def _triples(cls: type[Any], slots: Any, found: list[Found], normalize: bool) -> tuple[Any, ...]:
    """Objects with fields (text, start, end) from ``(start, end, text)`` triples."""
    if slots is None:  # pragma: no cover - only after a model change
        name = attrs.fields(cls)[0].name
        return tuple([cls(**{name: t, "start": s, "end": e}) for s, e, t in found])
    out = []
    new = _new
    set_text, set_start, set_end = slots
    for start, end, text in found:
        obj = new(cls)
        set_text(obj, text if not normalize or text.isascii() else nfc(text))
        set_start(obj, start)
        set_end(obj, end)
        out.append(obj)
    return tuple(out)


def hashtags(found: list[Found]) -> tuple[Hashtag, ...]:
    """:class:`Hashtag` objects for ``(start, end, text)`` triples (the hottest path, inlined)."""
    if _HASHTAG is None:  # pragma: no cover - only after a model change
        return _triples(Hashtag, _HASHTAG, found, True)
    out = []
    new, cls = _new, Hashtag
    set_text, set_start, set_end = _HASHTAG
    for start, end, text in found:
        obj = new(cls)
        set_text(obj, text if text.isascii() else nfc(text))
        set_start(obj, start)
        set_end(obj, end)
        out.append(obj)
    return tuple(out)


def cashtags(found: list[Found]) -> tuple[Cashtag, ...]:
    """:class:`Cashtag` objects for ``(start, end, symbol)`` triples."""
    return _triples(Cashtag, _CASHTAG, found, False)


def emoji(found: list[Found]) -> tuple[Emoji, ...]:
    """:class:`Emoji` objects for ``(start, end, sequence)`` triples."""
    if _EMOJI is None:  # pragma: no cover - only after a model change
        return _triples(Emoji, _EMOJI, found, False)
    out = []
    set_text, set_start, set_end = _EMOJI
    for start, end, text in found:
        obj = _new(Emoji)
        set_text(obj, text)
        set_start(obj, start)
        set_end(obj, end)
        out.append(obj)
    return tuple(out)


def mentions(found: list[Found]) -> tuple[Mention, ...]:
    """:class:`Mention` objects (no id) for ``(start, end, handle)`` triples."""
    if _MENTION is None:  # pragma: no cover - only after a model change
        return tuple([Mention(handle=h, start=s, end=e) for s, e, h in found])
    out = []
    set_handle, set_start, set_end, set_id = _MENTION
    for start, end, handle in found:
        obj = _new(Mention)
        set_handle(obj, handle if handle.isascii() else nfc(handle))
        set_start(obj, start)
        set_end(obj, end)
        set_id(obj, None)
        out.append(obj)
    return tuple(out)


def links(found: list[Found]) -> tuple[Link, ...]:
    """:class:`Link` objects (no expanded URL) for ``(start, end, url)`` triples."""
    if _LINK is None:  # pragma: no cover - only after a model change
        return tuple([Link(url=u, start=s, end=e) for s, e, u in found])
    out = []
    set_url, set_expanded, set_start, set_end = _LINK
    for start, end, url in found:
        obj = _new(Link)
        set_url(obj, url)
        set_expanded(obj, None)
        set_start(obj, start)
        set_end(obj, end)
        out.append(obj)
    return tuple(out)


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
    lost = sum(e - s for s, e in spans)
    if _QUALITY is None:  # pragma: no cover - only after a model change
        return TextQuality(lost_glyphs=lost, lost_spans=tuple(spans), repairs=repairs)
    obj = _new(TextQuality)
    set_lost, set_spans, set_repairs = _QUALITY
    set_lost(obj, lost)
    set_spans(obj, tuple(spans))
    set_repairs(obj, tuple(repairs))
    return obj
