"""Hypothesis strategies for every engagekit model.

Apps can property-test their own code with realistic values: astral emoji,
right-to-left text, non-UTC offsets, empty and very long strings.

>>> from hypothesis import given
>>> from engagekit import strategies as eks
>>> @given(eks.posts())
... def test_has_utc(post):
...     assert post.created_at.utcoffset().total_seconds() == 0
>>> test_has_utc()

Needs ``hypothesis`` (the ``test`` extra).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from engagekit.models import (
    COUNTRY_CODES,
    Account,
    Agency,
    Cashtag,
    Coordinates,
    Emoji,
    Engagement,
    Hashtag,
    Link,
    Location,
    Media,
    MediaKind,
    Mention,
    Officer,
    Platform,
    Post,
    PostRef,
    TextQuality,
    Visibility,
)

__all__ = [
    "accounts",
    "agencies",
    "aware_datetimes",
    "captions",
    "cashtags",
    "coordinates",
    "emoji",
    "engagements",
    "hashtags",
    "links",
    "locations",
    "media",
    "mentions",
    "officers",
    "post_fields",
    "post_refs",
    "posts",
    "text_qualities",
    "texts",
]

T = TypeVar("T")

# Pieces real captions are made of, across scripts and directions.
_WORDS = [
    "Great", "to", "meet", "today", "Giselle", "&", "Aliyah", "neighbourhood", "café",
    "Сообщество", "ΚαλήΜέρα", "महात्मा", "地域安全", "مجتمع", "שלום", "ชุมชน", "🚲", "👮‍♀️",
    "👨‍👩‍👧", "🇺🇸", "✊🏾", "1️⃣", "𝒜", "??????", "\ufffd", "\u200f", "\n",
]
_TAGS = [
    "CommunityPolicing", "StayCommitted", "CoffeeWithACop", "NYPDNews", "SummerMemories2K15",
    "Stay_Committed", "महात्मा", "Сообщество", "ΚαλήΜέρα", "地域安全", "ชุมชน", "il·lusió",
]


def texts(*, min_size: int = 0, max_size: int = 80) -> st.SearchStrategy[str]:
    """Any text: arbitrary code points (no surrogates) mixed with caption-like words."""
    words = st.lists(st.sampled_from(_WORDS), min_size=min_size, max_size=8).map(" ".join)
    return st.one_of(
        st.text(st.characters(exclude_categories=["Cs"]), min_size=min_size,
                max_size=max_size),
        words,
    )


def _nonempty() -> st.SearchStrategy[str]:
    letters = st.characters(exclude_categories=["Cs", "Z", "C"],
                            exclude_characters="#＃@＠$")
    return st.one_of(st.sampled_from(_TAGS), st.text(letters, min_size=1, max_size=30))


def _pairs() -> st.SearchStrategy[tuple[int, int]]:
    return st.tuples(st.integers(0, 10_000), st.integers(0, 500)).map(
        lambda p: (p[0], p[0] + p[1])
    )


def _spans() -> st.SearchStrategy[tuple[int | None, int | None]]:
    return st.one_of(st.just((None, None)), _pairs())


def _check_fields(cls: type[Any], names: Iterable[str]) -> None:
    """Raise unless ``names`` are exactly the attrs fields of ``cls``, naming the difference."""
    fields = [a.alias for a in attrs.fields(cls)]
    missing = [f"{cls.__name__}.{n}" for n in fields if n not in names]
    unknown = [f"{cls.__name__}.{n}" for n in names if n not in fields]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"no strategy for {', '.join(missing)}")
        if unknown:
            problems.append(f"a strategy for {', '.join(unknown)}, which is not a field")
        raise TypeError(f"engagekit.strategies has {' and '.join(problems)}: "
                        "keep the model's strategy in step with its attrs fields")


def _build(cls: type[T], fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[T]:
    """``cls`` built from one strategy per attrs field, every field covered."""
    _check_fields(cls, fields)
    return st.builds(cls, **fields)


def _with_span(cls: type[Any], field: str, values: st.SearchStrategy[str],
               **extra: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    _check_fields(cls, [field, "start", "end", *extra])
    return st.builds(
        lambda value, span, kw: cls(**{field: value}, start=span[0], end=span[1], **kw),
        values, _spans(), st.fixed_dictionaries(extra),
    )


def hashtags() -> st.SearchStrategy[Hashtag]:
    """Hashtags in many scripts, with or without spans."""
    return _with_span(Hashtag, "text", _nonempty())


def cashtags() -> st.SearchStrategy[Cashtag]:
    """Cashtags such as ``$AAPL``."""
    symbols = st.text(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), min_size=1, max_size=6)
    return _with_span(Cashtag, "text", symbols)


def mentions() -> st.SearchStrategy[Mention]:
    """Mentions, local and remote (``user@example.social``)."""
    handles = st.one_of(st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True),
                        st.from_regex(r"[a-z0-9_]{1,12}@[a-z]{1,8}\.social", fullmatch=True))
    return _with_span(Mention, "handle", handles, id=st.none() | st.from_regex(r"[0-9]{1,19}",
                                                                             fullmatch=True))


def links() -> st.SearchStrategy[Link]:
    """Links, some with an expanded target."""
    urls = st.from_regex(r"https://(t\.co|example\.org)/[A-Za-z0-9]{1,10}", fullmatch=True)
    _check_fields(Link, ["url", "expanded_url", "start", "end"])
    return st.builds(
        lambda url, expanded, span: Link(url=url, expanded_url=expanded, start=span[0],
                                         end=span[1]),
        urls, st.none() | urls, _spans(),
    )


def emoji() -> st.SearchStrategy[Emoji]:
    """Whole emoji sequences: ZWJ families, skin tones, flags, keycaps."""
    return _with_span(Emoji, "text", st.sampled_from(["🚲", "👮‍♀️", "👨‍👩‍👧", "🇺🇸", "✊🏾", "1️⃣"]))


def coordinates() -> st.SearchStrategy[Coordinates]:
    """Points anywhere, poles and the antimeridian included."""
    return _build(Coordinates, {
        "latitude": st.floats(-90, 90, allow_nan=False),
        "longitude": st.floats(-180, 180, allow_nan=False),
    })


def _opt_text() -> st.SearchStrategy[str | None]:
    return st.none() | texts(max_size=30)


def locations() -> st.SearchStrategy[Location]:
    """Named places, with or without coordinates and a country."""
    return _build(Location, {
        "name": _nonempty(),
        "locality": _opt_text(),
        "region": _opt_text(),
        "country": st.none() | st.sampled_from(sorted(COUNTRY_CODES)),
        "coordinates": st.none() | coordinates(),
        "address": _opt_text(),
        "id": st.none() | st.from_regex(r"[0-9a-f]{1,16}", fullmatch=True),
    })


def accounts() -> st.SearchStrategy[Account]:
    """Accounts on any platform."""
    return _build(Account, {
        "platform": st.sampled_from(Platform),
        "handle": st.from_regex(r"[A-Za-z0-9_.]{1,20}", fullmatch=True),
        "id": st.none() | st.from_regex(r"[0-9]{1,20}", fullmatch=True),
        "display_name": _opt_text(),
    })


def agencies() -> st.SearchStrategy[Agency]:
    """Agencies with a few accounts."""
    return _build(Agency, {"name": _nonempty(), "location": st.none() | locations(),
                           "accounts": st.lists(accounts(), max_size=2).map(tuple)})


def officers() -> st.SearchStrategy[Officer]:
    """Officers, with or without rank, badge and agency."""
    return _build(Officer, {
        "name": _nonempty(),
        "rank": st.none() | st.sampled_from(["Officer", "Sergeant", "Lieutenant", "Deputy"]),
        "badge": st.none() | st.from_regex(r"[0-9]{1,6}", fullmatch=True),
        "agency": st.none() | agencies(),
        "accounts": st.lists(accounts(), max_size=2).map(tuple),
    })


def post_refs() -> st.SearchStrategy[PostRef]:
    """References to other posts: an id, an author handle or a URL, or several of them."""
    opt_id = st.none() | st.from_regex(r"[0-9]{1,20}", fullmatch=True)
    opt_author = st.none() | st.from_regex(r"[A-Za-z0-9_.]{1,20}", fullmatch=True)
    opt_url = st.none() | st.just("https://example.org/p/2")
    _check_fields(PostRef, ["id", "author", "url"])
    return st.tuples(opt_id, opt_author, opt_url).filter(lambda t: t != (None, None, None)).map(
        lambda t: PostRef(id=t[0], author=t[1], url=t[2]))


def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Timezone-aware datetimes with offsets from -12:00 to +14:00 (models store them in UTC)."""
    offsets = st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
    return st.datetimes(
        min_value=datetime(2004, 1, 1), max_value=datetime(2040, 1, 1), timezones=offsets
    )


def media() -> st.SearchStrategy[Media]:
    """Photos, videos and other attachments."""
    counts = st.none() | st.integers(0, 10_000)
    return _build(Media, {
        "kind": st.sampled_from(MediaKind),
        "uri": st.from_regex(r"media/posts/20[0-9]{4}/[0-9]{1,12}\.(jpg|webp|mp4)", fullmatch=True),
        "alt_text": _opt_text(),
        "width": counts,
        "height": counts,
        "duration": st.none() | st.floats(0, 36_000, allow_nan=False),
        "created_at": st.none() | aware_datetimes(),
    })


def engagements() -> st.SearchStrategy[Engagement]:
    """Counts, each unknown (None) or >= 0."""
    count = st.none() | st.integers(0, 10**9)
    return _build(Engagement, {"likes": count, "comments": count, "shares": count,
                               "views": count})


def text_qualities() -> st.SearchStrategy[TextQuality]:
    """Text quality records."""
    return _build(TextQuality, {
        "lost_glyphs": st.integers(0, 500),
        "lost_spans": st.lists(_pairs(), max_size=3).map(tuple),
        "repairs": st.lists(st.sampled_from(["mojibake", "ftfy"]), max_size=2).map(tuple),
    })


def captions() -> st.SearchStrategy[str]:
    """Caption-like texts with hashtags, mentions, emoji and lost glyphs."""
    parts = st.lists(
        st.one_of(st.sampled_from(_WORDS), st.sampled_from(_TAGS).map(lambda t: "#" + t),
                  st.sampled_from(["@springfieldpd", "$AAPL", "https://example.org/x"])),
        max_size=12,
    )
    return parts.map(" ".join)


_JSON_SCALARS = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=10)
#: Plain JSON values, nested: what ``Post.extra`` holds.
_JSON = st.recursive(
    _JSON_SCALARS | st.floats(allow_nan=False, allow_infinity=False)
    | st.integers(-(2**63), 2**64 - 1),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=2),
    max_leaves=3,
)


def post_fields() -> dict[str, st.SearchStrategy[Any]]:
    """One strategy per field of :class:`~engagekit.models.Post`, by name.

    :func:`posts` builds from exactly these; a field of ``Post`` without a
    strategy here is a ``TypeError`` naming it, so no field escapes the property
    tests. Replace some to focus a test:
    ``st.builds(Post, **{**post_fields(), "text": st.just("")})``.
    """
    return {
        "id": st.from_regex(r"[0-9]{1,20}", fullmatch=True),
        "platform": st.sampled_from(Platform),
        "created_at": aware_datetimes(),
        "text": st.one_of(captions(), texts(max_size=300)),
        "author": st.none() | accounts(),
        "officer": st.none() | officers(),
        "hashtags": st.lists(hashtags(), max_size=4).map(tuple),
        "mentions": st.lists(mentions(), max_size=3).map(tuple),
        "links": st.lists(links(), max_size=2).map(tuple),
        "cashtags": st.lists(cashtags(), max_size=2).map(tuple),
        "emoji": st.lists(emoji(), max_size=3).map(tuple),
        "media": st.lists(media(), max_size=3).map(tuple),
        "location": st.none() | locations(),
        "engagement": engagements(),
        "tagged": st.lists(_nonempty(), max_size=3).map(tuple),
        "visibility": st.sampled_from(Visibility),
        "url": st.none() | st.just("https://example.org/p/1"),
        "reply_to": st.none() | st.from_regex(r"[0-9]{1,20}", fullmatch=True),
        "repost_of": st.none() | post_refs(),
        "lang": st.none() | st.sampled_from(["en", "es", "hi", "ar", "zh"]),
        "quality": text_qualities(),
        "extra": st.dictionaries(st.text(max_size=8), _JSON, max_size=2),
    }


def posts() -> st.SearchStrategy[Post]:
    """Posts with every field exercised; spans need not index the text."""
    return _build(Post, post_fields())
