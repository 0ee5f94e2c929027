"""The caption pipeline: repair, normalize, extract every entity family, assess quality."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, TypedDict, TypeVar

import attrs

from engagekit.models import Cashtag, Emoji, Hashtag, Link, Mention, TextQuality
from engagekit.models._construct import constructor
from engagekit.text import _build
from engagekit.text._cashtags import cashtag_spans
from engagekit.text._dialects import DIALECTS, check_dialect
from engagekit.text._emoji import emoji_spans
from engagekit.text._hashtags import hashtag_spans
from engagekit.text._lost import lost_spans
from engagekit.text._mentions import mention_spans
from engagekit.text._mojibake import FTFY, MOJIBAKE, repair_text
from engagekit.text._urls import url_spans

__all__ = ["ParsedText", "TextFields", "parse_text", "text_fields"]

E = TypeVar("E", Hashtag, Mention, Link, Cashtag)
Found = tuple[int, int, str]

_CLEAN = TextQuality()


class TextFields(TypedDict):
    """The text fields of a :class:`~engagekit.models.Post`, as :func:`text_fields` returns
    them: ``Post(id=..., **fields)`` is a call mypy checks, key by key."""

    text: str
    hashtags: tuple[Hashtag, ...]
    mentions: tuple[Mention, ...]
    links: tuple[Link, ...]
    cashtags: tuple[Cashtag, ...]
    emoji: tuple[Emoji, ...]
    quality: TextQuality


@attrs.frozen(kw_only=True)
class ParsedText:
    """A caption taken apart: the repaired NFC ``text`` and what it contains.

    Every span is a code-point offset into ``text`` (end exclusive) and covers
    the sigil: ``text[tag.start:tag.end] == "#" + tag.text``.
    """

    text: str
    hashtags: tuple[Hashtag, ...] = ()
    mentions: tuple[Mention, ...] = ()
    links: tuple[Link, ...] = ()
    cashtags: tuple[Cashtag, ...] = ()
    emoji: tuple[Emoji, ...] = ()
    quality: TextQuality = _CLEAN

    def fields(self) -> TextFields:
        """The text fields of a :class:`~engagekit.models.Post`, ready for ``Post(**fields)``."""
        return {"text": self.text, "hashtags": self.hashtags, "mentions": self.mentions,
                "links": self.links, "cashtags": self.cashtags, "emoji": self.emoji,
                "quality": self.quality}


def _overlap(urls: list[Found], others: tuple[list[Found], ...]) -> bool:
    """Whether any entity in ``others`` overlaps a URL (plain loops: no generator to run)."""
    for us, ue, _ in urls:
        for found in others:
            for s, e, _ in found:
                if s < ue and us < e:
                    return True
    return False


def _resolve(urls: list[Found], *others: list[Found]) -> tuple[list[Found], ...]:
    """Keep entities in order of their start; drop any that overlaps one kept before it.

    A mention in a URL's path goes, and so does a URL that starts inside a hashtag.
    """
    if not _overlap(urls, others):
        return (urls, *others)  # the usual case: nothing overlaps
    tagged = sorted(
        (s, e, kind, body) for kind, f in enumerate((urls, *others)) for s, e, body in f
    )
    kept: list[list[Found]] = [[] for _ in range(len(others) + 1)]
    last_end = -1
    for s, e, kind, body in tagged:
        if s >= last_end:
            kept[kind].append((s, e, body))
            last_end = e
    return tuple(kept)


def _parts(
    text: str, dialect: str, ftfy: bool, repair: bool, entities: bool = True
) -> tuple[Any, ...]:
    """The field values of a :class:`ParsedText` for ``text``, in field order.

    Each extractor is called only if the characters it needs are in the text (a
    ``#`` for hashtags, an ``@`` for mentions, a ``.`` for URLs, a ``$`` for
    cashtags, ``??`` or U+FFFD for lost glyphs, anything non-ASCII for emoji);
    every extractor makes the same test itself, so skipping it changes nothing.
    With ``entities=False`` only the text, emoji and quality are worked out (the
    caller has every entity family from the platform already).
    """
    if dialect not in DIALECTS:
        check_dialect(dialect)
    repairs: tuple[str, ...] = ()
    if text.isascii() and not ftfy:
        t = text
        ascii_only = True
    else:
        if not repair and not ftfy:
            t = _build.nfc(text)
        else:
            repaired, repairs = repair_text(text, ftfy=ftfy)
            t = _build.nfc(repaired)
        ascii_only = t.isascii()
    if not entities:
        spans = lost_spans(t) if "??" in t or "\ufffd" in t else _NONE
        emoji = None if ascii_only else emoji_spans(t)
        return (
            t, (), (), (), (),
            _build.emoji(emoji) if emoji else (),
            _build.quality(spans, repairs) if spans or repairs else _CLEAN,
        )
    urls = url_spans(t, dialect) if "." in t else _NONE
    tags = hashtag_spans(t, dialect, urls) if "#" in t or "＃" in t else _NONE
    mentions = mention_spans(t, dialect) if "@" in t or "＠" in t else _NONE
    cash = cashtag_spans(t, dialect) if "$" in t and dialect == "twitter" else _NONE
    if urls:
        links: list[Found] = [(s, e, t[s:e]) for s, e in urls]
        if tags or mentions or cash:
            links, tags, mentions, cash = _resolve(links, tags, mentions, cash)
    else:
        links = _NONE
    spans = lost_spans(t) if "??" in t or "\ufffd" in t else _NONE
    emoji = None if ascii_only else emoji_spans(t)
    return (
        t,
        _build.hashtags(tags) if tags else (),
        _build.mentions(mentions) if mentions else (),
        _build.links(links) if links else (),
        _build.cashtags(cash) if cash else (),
        _build.emoji(emoji) if emoji else (),
        _build.quality(spans, repairs) if spans or repairs else _CLEAN,
    )


#: The result of an extractor that was not called (never mutated).
_NONE: list[Any] = []


def parse_text(
    text: str, *, dialect: str = "twitter", ftfy: bool = False, repair: bool = True
) -> ParsedText:
    """Repair and NFC-normalize ``text``, then find its entities, emoji and lost glyphs.

    ``dialect`` picks the platform rules (:data:`~engagekit.text.DIALECTS`);
    ``repair=False`` skips the mojibake repair (for text a source already
    repaired); ``ftfy=True`` also runs ftfy's repairs (the ``fix`` extra). Entities never
    overlap: a hashtag or mention inside a URL is part of the URL.

    >>> parsed = parse_text("Great to meet Giselle & Aliyah today! 🎉 #CommunityPolicing ??????")
    >>> [t.text for t in parsed.hashtags], [e.text for e in parsed.emoji]
    (['CommunityPolicing'], ['🎉'])
    >>> parsed.quality
    TextQuality(lost_glyphs=6, lost_spans=((59, 65),), repairs=())
    """
    if type(text) is not str:
        raise TypeError(f"expected the text as a str, got {type(text).__name__}")
    t, tags, mentions, links, cash, emoji, quality = _parts(text, dialect, ftfy, repair)
    return _ParsedText(text=t, hashtags=tags, mentions=mentions, links=links, cashtags=cash,
                       emoji=emoji, quality=quality)


_ParsedText = constructor(ParsedText)


def _remapper(original: str, final: str, repairs: tuple[str, ...]) -> Callable[[int], int | None]:
    """Map a code-point offset in ``original`` to ``final`` (None if it falls inside a change)."""
    if FTFY in repairs:
        return lambda offset: None

    def transform(piece: str) -> str:
        if MOJIBAKE in repairs:
            piece = piece.encode("latin-1").decode("utf-8")
        return unicodedata.normalize("NFC", piece)

    def remap(offset: int) -> int | None:
        if not 0 <= offset <= len(original):
            return None
        try:
            head, tail = transform(original[:offset]), transform(original[offset:])
        except UnicodeError:
            return None
        return len(head) if head + tail == final else None

    return remap


def _remap(items: Sequence[E], remap: Callable[[int], int | None]) -> tuple[E, ...]:
    out = []
    for item in items:
        if item.start is None or item.end is None:
            out.append(item)
            continue
        start, end = remap(item.start), remap(item.end)
        if start is None or end is None:
            out.append(attrs.evolve(item, start=None, end=None))
        else:
            out.append(attrs.evolve(item, start=start, end=end))
    return tuple(out)


def text_fields(
    text: str,
    *,
    dialect: str = "twitter",
    repairs: tuple[str, ...] = (),
    hashtags: Sequence[Hashtag] | None = None,
    mentions: Sequence[Mention] | None = None,
    links: Sequence[Link] | None = None,
    cashtags: Sequence[Cashtag] | None = None,
    ftfy: bool = False,
) -> TextFields:
    """The text fields of a :class:`~engagekit.models.Post` built from a caption.

    Every source parser goes through here. ``text`` is repaired and NFC-normalized
    and its entities extracted under ``dialect``; an entity family the platform
    supplied itself (``hashtags=``, ``mentions=``, ``links=``, ``cashtags=``,
    spans in code points of ``text`` as passed, or ``None``) replaces the
    extracted one, its spans moved if repair or normalization changed the text
    (a span that falls inside a changed character becomes ``None``). ``repairs``
    names repairs the source already made (``("mojibake",)``, after which the
    text is not repaired again); they are recorded in ``quality.repairs`` with
    any made here.

    >>> fields = text_fields("Caf\\u00c3\\u00a9 with a cop #CoffeeWithACop", dialect="instagram")
    >>> fields["text"], [t.text for t in fields["hashtags"]], fields["quality"].repairs
    ('Café with a cop #CoffeeWithACop', ['CoffeeWithACop'], ('mojibake',))
    """
    # A source that repaired the caption itself must not have it repaired twice; a source
    # that supplies every entity family the dialect has needs none extracted.
    supplied = (hashtags is not None and mentions is not None and links is not None
                and (cashtags is not None or dialect != "twitter"))
    t, tags, found_mentions, found_links, cash, emoji, quality = _parts(
        text, dialect, ftfy, MOJIBAKE not in repairs, not supplied
    )
    own = quality.repairs  # the repairs made here (spans are remapped through these)
    if repairs and repairs != own:
        merged = repairs if not own and len(repairs) == 1 else tuple(
            dict.fromkeys((*repairs, *own)))
        if merged != own:
            quality = _build.quality(list(quality.lost_spans), merged)
    # a literal: calling the TypedDict costs about 1 µs more per post, in every reader
    fields: TextFields = {"text": t, "hashtags": tags, "mentions": found_mentions,
                          "links": found_links, "cashtags": cash, "emoji": emoji,
                          "quality": quality}
    if hashtags is None and mentions is None and links is None and cashtags is None:
        return fields  # the usual case: nothing supplied to merge
    remap = _remapper(text, t, own) if t != text else None
    if hashtags is not None:
        fields["hashtags"] = _supplied(hashtags, remap)
    if mentions is not None:
        fields["mentions"] = _supplied(mentions, remap)
    if links is not None:
        fields["links"] = _supplied(links, remap)
    if cashtags is not None:
        fields["cashtags"] = _supplied(cashtags, remap)
    return fields


def _supplied(items: Sequence[E], remap: Callable[[int], int | None] | None) -> tuple[E, ...]:
    """A family the platform supplied, its spans moved onto the repaired text if needed."""
    return tuple(items) if remap is None else _remap(items, remap)
