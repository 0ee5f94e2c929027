"""Replace the people in a post's text with placeholders: ``[name 1]``, ``[name 2]`` ...

What is replaced: names the detector flags (:func:`~engagekit.privacy.name_spans`),
mentions of accounts that are not officers or agencies, and tagged people. An
account is an officer's or an agency's when it belongs to ``post.officer`` or
its agency, or, given a :class:`~engagekit.sources.Roster`, when the roster
knows it. Placeholders are numbered per post in order of first appearance in
the text (tagged people who do not appear in the text come after, in their
order); the same name, or the same handle, gets the same placeholder. Alt texts and
the free text a reader kept in ``Post.extra`` (Facebook's photo descriptions repeat the
caption, names included) are redacted with the same numbering.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from engagekit.models import Account, Media, Platform, Post
from engagekit.privacy._edit import Edit, apply_edits, entity_spans, valid_span
from engagekit.privacy._names import name_spans

if TYPE_CHECKING:
    from engagekit.sources.roster import Roster

__all__ = ["placeholder", "redact", "redact_post"]

Key = tuple[str, str]


def placeholder(number: int) -> str:
    """The placeholder text of the ``number``-th person in a post: ``[name 1]``."""
    return f"[name {number}]"


def _official(post: Post) -> set[str]:
    """Case-folded handles of the officers' and agencies' accounts the post knows of."""
    accounts: list[Account] = []
    officer = post.officer
    if officer is not None:
        accounts.extend(officer.accounts)
        if officer.agency is not None:
            accounts.extend(officer.agency.accounts)
    return {a.handle.casefold() for a in accounts if a.platform is post.platform}


def _is_official(handle: str, ident: str | None, platform: Platform, known: set[str],
                 roster: Roster | None) -> bool:
    if handle.casefold() in known:
        return True
    if roster is None:
        return False
    account = Account(platform=platform, handle=handle, id=ident)
    return roster.officer_for(account) is not None or roster.agency_for(account) is not None


class _Numbers:
    """Placeholders by key, numbered in the order keys are first seen."""

    def __init__(self) -> None:
        self.by_key: dict[Key, str] = {}

    def get(self, key: Key) -> str:
        found = self.by_key.get(key)
        if found is None:
            found = self.by_key[key] = placeholder(len(self.by_key) + 1)
        return found


def _free(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return all(e <= a or b <= s for a, b in spans)


def _shows(shown: str, handle: str) -> bool:
    """Whether a mention's text (after its ``@``) is its handle, or the short form a remote
    Mastodon account is shown in (``@user`` for ``user@server.example``)."""
    return shown == handle or handle.startswith(shown + "@")


def _handle_hits(text: str, handles: Iterable[str],
                 taken: list[tuple[int, int]]) -> list[tuple[int, int, Key]]:
    """Where ``@handle`` stands in ``text`` outside the spans already taken."""
    hits = []
    for handle in handles:
        pattern = re.compile(rf"(?<![\w@＠])[@＠]{re.escape(handle)}(?![\w@])", re.IGNORECASE)
        for m in pattern.finditer(text):
            if _free(taken, m.start(), m.end()):
                hits.append((m.start(), m.end(), ("handle", handle.casefold())))
                taken.append((m.start(), m.end()))
    return hits


def redact_post(post: Post, *, roster: Roster | None = None) -> Post:
    """``post`` with the people in its text, its tagged people, its alt texts and the free
    text kept in its ``extra`` replaced.

    Mentions that were replaced are removed from ``mentions``; every other entity
    keeps a span that indexes the new text.

    >>> import engagekit as ek
    >>> from datetime import datetime, timezone
    >>> post = ek.Post(id="1", platform="instagram",
    ...                created_at=datetime(2026, 5, 2, tzinfo=timezone.utc),
    ...                text="Great to meet Giselle & Aliyah today with @giselle.mom! #CommunityDay",
    ...                mentions=[ek.Mention(handle="giselle.mom", start=42, end=54)],
    ...                hashtags=[ek.Hashtag(text="CommunityDay", start=56, end=69)])
    >>> out = ek.redact_post(post)
    >>> out.text
    'Great to meet [name 1] & [name 2] today with [name 3]! #CommunityDay'
    >>> out.mentions, out.text[out.hashtags[0].start:out.hashtags[0].end]
    ((), '#CommunityDay')
    """
    text = post.text
    known = _official(post)
    platform = post.platform
    taken = entity_spans(post)
    hits: list[tuple[int, int, Key]] = []
    redacted: set[str] = set()
    loose: list[str] = []  # redacted handles with no usable span: found in the text by search
    for mention in post.mentions:
        if _is_official(mention.handle, mention.id, platform, known, roster):
            continue
        redacted.add(mention.handle.casefold())
        s, e = mention.start, mention.end
        if (s is not None and e is not None and valid_span(text, s, e) and text[s] in "@＠"
                and _shows(text[s + 1:e].casefold(), mention.handle.casefold())):
            hits.append((s, e, ("handle", mention.handle.casefold())))
        else:
            loose.append(mention.handle)
    tagged_keys: list[Key | None] = []
    for person in post.tagged:
        handle = person.lstrip("@＠")
        if handle and _is_official(handle, None, platform, known, roster):
            tagged_keys.append(None)
            continue
        tagged_keys.append(("handle", handle.casefold()))
        if handle and handle.casefold() not in redacted:
            redacted.add(handle.casefold())
            loose.append(handle)
    free = [span for span in taken if not any(span == (s, e) for s, e, _ in hits)]
    hits.extend(_handle_hits(text, loose, free))
    for name in name_spans(text, lang=post.lang, skip=taken):
        if _free([(s, e) for s, e, _ in hits], name.start, name.end):
            hits.append((name.start, name.end, ("name", name.text.casefold())))
    hits.sort()
    numbers = _Numbers()
    edits: list[Edit] = [(s, e, numbers.get(key)) for s, e, key in hits]
    tagged = tuple(person if key is None else numbers.get(key)
                   for person, key in zip(post.tagged, tagged_keys, strict=True))

    def fix(family: str, item: Any) -> Any:
        if family == "mentions" and item.handle.casefold() in redacted:
            return None
        return item

    fields = apply_edits(post, edits, fix) if edits or redacted else {}
    media = tuple(_media(m, numbers, post.lang, redacted) for m in post.media)
    extra = _extra(post.extra, numbers, post.lang, redacted)
    return attrs.evolve(post, **fields, tagged=tagged, media=media, extra=extra)


def _prose(text: str, numbers: _Numbers, lang: str | None, handles: set[str]) -> str:
    """``text`` (an alt text, or free text kept in ``extra``) with the redacted handles and
    the names the detector flags replaced, numbered on from the caption's placeholders."""
    hits = _handle_hits(text, sorted(handles), [])
    taken = [(s, e) for s, e, _ in hits]
    hits.extend((n.start, n.end, ("name", n.text.casefold()))
                for n in name_spans(text, lang=lang, skip=taken))
    if not hits:
        return text
    pieces, last = [], 0
    for s, e, key in sorted(hits):
        pieces.append(text[last:s])
        pieces.append(numbers.get(key))
        last = e
    pieces.append(text[last:])
    return "".join(pieces)


def _media(media: Media, numbers: _Numbers, lang: str | None, handles: set[str]) -> Media:
    alt = media.alt_text
    if not alt:
        return media
    new = _prose(alt, numbers, lang, handles)
    return media if new == alt else attrs.evolve(media, alt_text=new)


def _extra(value: Any, numbers: _Numbers, lang: str | None, handles: set[str]) -> Any:
    """``Post.extra`` with its people replaced: a string that is a redacted handle becomes
    its placeholder, and a string with a space in it (a photo description, a Facebook title)
    is treated as prose. Other strings (ids, URLs, tokens), keys and numbers stay."""
    kind = type(value)
    if kind is str:
        folded = value.lstrip("@＠").casefold()
        if folded in handles:
            return numbers.get(("handle", folded))
        return _prose(value, numbers, lang, handles) if " " in value else value
    if kind is dict:
        return {k: _extra(v, numbers, lang, handles) for k, v in value.items()}
    if kind is list:
        return [_extra(v, numbers, lang, handles) for v in value]
    return value


def redact(posts: Iterable[Post], *, roster: Roster | None = None) -> Iterator[Post]:
    """:func:`redact_post` on every post, lazily."""
    for post in posts:
        yield redact_post(post, roster=roster)
