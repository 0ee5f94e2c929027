"""Entities found in a post's text: hashtags, mentions, cashtags, links, emoji.

Every entity carries an optional span: code-point offsets into the text that
owns it, end exclusive, covering the sigil (``text[start:end] == "#Tag"``), or
``None`` for both when the source gives no position.
"""

from __future__ import annotations

import functools

import attrs
from slugify import slugify

from engagekit.models import _checks as c
from engagekit.models._words import split_words, tag_key

__all__ = ["Cashtag", "Emoji", "Hashtag", "Link", "Mention"]

@attrs.frozen(kw_only=True)
class Hashtag:
    """A hashtag, as written, without its ``#``.

    >>> tag = Hashtag(text="#StayCommitted")
    >>> tag.text, tag.key, tag.words, tag.slug
    ('StayCommitted', 'staycommitted', ('Stay', 'Committed'), 'stay-committed')
    >>> Hashtag(text="ＳｔａｙＣｏｍｍｉｔｔｅｄ").key == tag.key
    True
    """

    text: str = attrs.field(converter=c.strip_hash, validator=c.is_nonempty_str)
    start: int | None = attrs.field(default=None, validator=c.is_opt_count)
    end: int | None = attrs.field(default=None, validator=c.span)

    @functools.cached_property
    def key(self) -> str:
        """Identity for counting: NFKC, casefold, NFKC. Never a slug."""
        return tag_key(self.text)

    @property
    def words(self) -> tuple[str, ...]:
        """The words of the tag: ``CommunityPolicing`` -> ``('Community', 'Policing')``."""
        return split_words(self.text)

    @property
    def slug(self) -> str:
        """A URL-safe slug of the words (lossy for some scripts: never an identity)."""
        return str(slugify(" ".join(self.words)))


@attrs.frozen(kw_only=True)
class Cashtag:
    """A cashtag such as ``$AAPL``, without its ``$``."""

    text: str = attrs.field(converter=c.strip_dollar, validator=c.is_nonempty_str)
    start: int | None = attrs.field(default=None, validator=c.is_opt_count)
    end: int | None = attrs.field(default=None, validator=c.span)

    @property
    def key(self) -> str:
        """Identity for counting: the symbol in upper case."""
        return self.text.upper()


@attrs.frozen(kw_only=True)
class Mention:
    """A mention of an account, ``handle`` without its leading ``@``.

    Mastodon-style remote handles keep their domain: ``user@example.social``.
    """

    handle: str = attrs.field(converter=c.strip_at, validator=c.is_nonempty_str)
    start: int | None = attrs.field(default=None, validator=c.is_opt_count)
    end: int | None = attrs.field(default=None, validator=c.span)
    id: str | None = attrs.field(default=None, validator=c.is_opt_str)

    @property
    def key(self) -> str:
        """Identity for counting: handles are case-insensitive on every platform."""
        return tag_key(self.handle)


@attrs.frozen(kw_only=True)
class Link:
    """A link: ``url`` as it appears in the text, ``expanded_url`` when a shortener hid it."""

    url: str = attrs.field(validator=c.is_nonempty_str)
    expanded_url: str | None = attrs.field(default=None, validator=c.is_opt_str)
    start: int | None = attrs.field(default=None, validator=c.is_opt_count)
    end: int | None = attrs.field(default=None, validator=c.span)

    @property
    def target(self) -> str:
        """Where the link leads: the expanded URL when known, else the URL."""
        return self.expanded_url or self.url


@attrs.frozen(kw_only=True)
class Emoji:
    """One emoji as a whole sequence (ZWJ family, skin tone, flag or keycap)."""

    text: str = attrs.field(validator=c.is_nonempty_str)
    start: int | None = attrs.field(default=None, validator=c.is_opt_count)
    end: int | None = attrs.field(default=None, validator=c.span)
