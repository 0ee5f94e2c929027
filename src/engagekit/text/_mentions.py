"""Mentions (and Twitter list references and replies), by dialect.

* ``twitter``: ``@`` or ``＠`` and 1-20 of ``[A-Za-z0-9_]``, not after a
  letter, digit or one of ``_!#$%&*@＠`` (``RT@x`` is fine), and not followed
  by ``@``, an accented Latin letter or ``://``. ``@user/list`` is a list
  reference, not a mention.
* ``instagram``: ``@`` and 1-30 of ``[A-Za-z0-9._]`` (a trailing ``.`` is
  punctuation), not after a word character, ``.`` or ``@``.
* ``mastodon``: ``@user`` or ``@user@example.social`` (the handle keeps its
  domain), not after a word character, ``=`` or ``/``.
* ``bluesky``: ``@`` and a handle that is a domain name ending in a known
  top-level domain (``@alice.bsky.social``), at the start, after a space or
  after ``(``.
"""

from __future__ import annotations

import re

import regex

from engagekit.models import Mention
from engagekit.text import _build
from engagekit.text._dialects import check_dialect
from engagekit.text._tlds import tlds

__all__ = ["extract_mentions", "extract_mentions_or_lists", "extract_reply", "mention_spans"]

Found = tuple[int, int, str]

_LATIN_ACCENT = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_TWITTER = re.compile(r"[@＠]([A-Za-z0-9_]{1,20})(/[A-Za-z][A-Za-z0-9_\-]{0,24})?")
_NOT_BEFORE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_!#$%&*@＠")
_NOT_BEFORE_RT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+~.-")
_TWITTER_END = re.compile(f"[@＠{_LATIN_ACCENT}]|://")
#: Mentions only: :data:`_TWITTER` without a list slug after the name (the name taken
#: whole, as there) and with the test of :data:`_TWITTER_END` after it.
_TW_MENTION_TAIL = f"([A-Za-z0-9_]{{1,20}}+)(?!/[A-Za-z]|[@＠{_LATIN_ACCENT}]|://)"
_TWITTER_MENTION = re.compile("[@＠]" + _TW_MENTION_TAIL)
_TWITTER_MENTION_AT = re.compile("@" + _TW_MENTION_TAIL)  # a literal is faster to search for
_REPLY = re.compile(
    "[\t\n\x0b\x0c\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*"
    "[@＠]([A-Za-z0-9_]{1,20})"
)

# Each pattern starts with its sigil (a lookbehind after it tests what precedes), so
# the search jumps from sigil to sigil instead of trying every position.
_INSTAGRAM = re.compile(r"@(?<![\w.@]@)([A-Za-z0-9._]+)")
_IG_MAX = 30

_MA_PATTERN = (
    r"@(?<![=/\w]@)([A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_])?)(?:@(\w(?:[\w.\-]*\w)?))?"
)
_MASTODON = regex.compile(_MA_PATTERN)
#: The same for ASCII text, where ``re`` and ``regex`` agree on ``\w`` (and ``re`` is faster).
_MASTODON_ASCII = re.compile(_MA_PATTERN)

_BLUESKY = re.compile(r"@(?<![^\s(]@)([a-zA-Z0-9.\-]+)")


def _after_rt(text: str, i: int) -> bool:
    """Whether the ``@`` at ``i`` follows ``RT`` or ``RT:`` (any case) at a word start."""
    j = i - 1 if text[i - 1] == ":" else i
    return (
        j >= 2 and text[j - 2 : j].lower() == "rt" and (j == 2 or text[j - 3] not in _NOT_BEFORE_RT)
    )


def _twitter_all(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, screen_name, list_slug)`` for mentions and list references."""
    if "@" not in text and "＠" not in text:
        return []
    out = []
    for m in _TWITTER.finditer(text):
        i = m.start()
        if i and text[i - 1] in _NOT_BEFORE and not _after_rt(text, i):
            continue
        if _TWITTER_END.match(text, m.end()):
            continue
        start = m.start(1) - 1
        out.append((start, m.end(), m.group(1), m.group(2) or ""))
    return out


def _twitter(text: str) -> list[Found]:
    """Mentions without list references: :func:`_twitter_all` with an empty slug, faster."""
    out = []
    pattern = _TWITTER_MENTION if "＠" in text else _TWITTER_MENTION_AT
    for m in pattern.finditer(text):
        i = m.start()
        if i and text[i - 1] in _NOT_BEFORE and not _after_rt(text, i):
            continue
        out.append((i, m.end(), m.group(1)))
    return out


def _instagram(text: str) -> list[Found]:
    out = []
    for m in _INSTAGRAM.finditer(text):
        handle = m.group(1).rstrip(".")
        if handle and len(handle) <= _IG_MAX and not text.startswith("@", m.end()):
            start = m.start(1) - 1
            out.append((start, start + 1 + len(handle), handle))
    return out


def _mastodon(text: str) -> list[Found]:
    out = []
    for m in (_MASTODON_ASCII if text.isascii() else _MASTODON).finditer(text):
        out.append((m.start(1) - 1, m.end(), text[m.start(1) : m.end()]))
    return out


def _bluesky(text: str) -> list[Found]:
    known = tlds().ascii
    out = []
    for m in _BLUESKY.finditer(text):
        handle = m.group(1).rstrip(".-")
        end = m.start(1) + len(handle)
        if text[end : end + 1] == "_":  # not at a word boundary
            continue
        dot = handle.rfind(".")
        if dot > 0 and (handle[dot + 1 :].lower() in known or handle.lower().endswith(".test")):
            out.append((m.start(1) - 1, end, handle))
    return out


_FINDERS = {"twitter": _twitter, "instagram": _instagram, "mastodon": _mastodon}


def mention_spans(text: str, dialect: str) -> list[Found]:
    """``(start, end, handle)`` for each mention under ``dialect``."""
    if "@" not in text and "＠" not in text:
        return []
    if dialect == "bluesky":
        return _bluesky(text)
    return _FINDERS[dialect](text)


def extract_mentions(text: str, *, dialect: str = "twitter") -> tuple[Mention, ...]:
    """Find the mentions in ``text``, in order, spans covering the ``@``.

    >>> [(m.handle, m.start, m.end) for m in extract_mentions("Thanks @CityPD and RT @ChiefLee!")]
    [('CityPD', 7, 14), ('ChiefLee', 22, 31)]
    >>> [m.handle for m in extract_mentions("cc @ada@example.social", dialect="mastodon")]
    ['ada@example.social']
    """
    check_dialect(dialect)
    return _build.mentions(mention_spans(text, dialect))


def extract_mentions_or_lists(text: str) -> tuple[tuple[Mention, str], ...]:
    """Twitter mentions and list references: ``(mention, list_slug)``, slug ``""`` or ``"/name"``.

    The span of a list reference covers the slug.

    >>> found = extract_mentions_or_lists("@ada/team-1 hi")
    >>> [(m.handle, slug, m.start, m.end) for m, slug in found]
    [('ada', '/team-1', 0, 11)]
    """
    found = _twitter_all(text)
    made = _build.mentions([(s, e, name) for s, e, name, _ in found])
    return tuple(zip(made, [slug for _, _, _, slug in found], strict=True))


def extract_reply(text: str) -> str | None:
    """The screen name a tweet replies to (a mention at its very start, after spaces), or None.

    >>> extract_reply(" @ada thanks!"), extract_reply("a @ada mention")
    ('ada', None)
    """
    m = _REPLY.match(text)
    if m is None or _TWITTER_END.match(text, m.end()):
        return None
    return m.group(1)
