"""Keyed pseudonyms for the people and accounts in posts.

A pseudonym is ``prefix + 18 base32 characters``: the first 90 bits of
HMAC-SHA-256 under a key derived from the user's secret and a namespace. The
same key and namespace always give the same pseudonym (so exports made months
apart can still be joined); another namespace gives pseudonyms that share
nothing. With 90 bits, a billion distinct identifiers collide with probability
below 1e-9.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from engagekit.errors import ArgumentError
from engagekit.models import Account, Agency, Media, Mention, Officer, Platform, Post, PostRef
from engagekit.models._words import tag_key
from engagekit.privacy._edit import apply_edits

__all__ = ["MIN_KEY_BYTES", "PSEUDONYM_BITS", "Pseudonymizer", "pseudonymize"]

#: The shortest secret key accepted, in bytes.
MIN_KEY_BYTES = 16
#: How many bits of the HMAC each pseudonym keeps (18 base32 characters).
PSEUDONYM_BITS = 90
_CHARS = PSEUDONYM_BITS // 5
_CONTEXT = b"engagekit.privacy.pseudonym.v1\x00"
_CACHE_LIMIT = 1 << 16

#: Keys in ``Post.extra`` whose str (or int) values are handles or account ids.
_HANDLE_KEYS = frozenset({"handle", "username", "user_name", "screen_name", "acct", "login",
                          "owner_username", "author_handle", "author_username"})
_ID_KEYS = frozenset({"user_id", "author_id", "owner_id", "account_id", "uid", "userid",
                      "profile_id", "from_id", "author_id_str", "user_id_str"})


def _check_key(key: object) -> bytes:
    if not isinstance(key, (bytes, bytearray)):
        raise ArgumentError("expected bytes (such as secrets.token_bytes(32))", argument="key",
                            value=f"<{type(key).__name__}>")
    if len(key) < MIN_KEY_BYTES:
        raise ArgumentError(f"expected a secret of at least {MIN_KEY_BYTES} bytes, "
                            f"got {len(key)}", argument="key", value=f"<{len(key)} bytes>")
    return bytes(key)


def _platform(platform: Platform | str) -> str:
    try:
        return Platform(platform).value
    except ValueError:
        allowed = ", ".join(repr(p.value) for p in Platform)
        raise ArgumentError(f"expected one of {allowed}", argument="platform",
                            value=platform) from None


class Pseudonymizer:
    """Turns identifiers, and whole posts, into keyed pseudonyms; call it on a post.

    >>> p = Pseudonymizer(key=b"0123456789abcdef-not-a-real-key", namespace="study-2026")
    >>> p
    Pseudonymizer(namespace='study-2026', key=<hidden>)
    >>> p.handle("instagram", "Officer.Reyes") == p.handle("instagram", "officer.reyes")
    True
    >>> p.handle("instagram", "officer.reyes")[:2], len(p.handle("instagram", "officer.reyes"))
    ('u_', 20)
    """

    __slots__ = ("_cache", "_subkey", "namespace")

    def __init__(self, *, key: bytes, namespace: str) -> None:
        secret = _check_key(key)
        if type(namespace) is not str or not namespace:
            raise ArgumentError("expected a non-empty str such as 'study-2026'",
                                argument="namespace", value=namespace)
        self.namespace = namespace
        self._subkey = hmac.digest(secret, _CONTEXT + namespace.encode("utf-8"), "sha256")
        self._cache: dict[tuple[str, str, str], str] = {}

    def __repr__(self) -> str:
        return f"Pseudonymizer(namespace={self.namespace!r}, key=<hidden>)"

    def _make(self, kind: str, platform: str, value: str) -> str:
        cache_key = (kind, platform, value)
        found = self._cache.get(cache_key)
        if found is not None:
            return found
        message = "\x00".join((kind, platform, value)).encode("utf-8", "surrogatepass")
        digest = hmac.new(self._subkey, message, hashlib.sha256).digest()
        body = base64.b32encode(digest).decode("ascii")[:_CHARS].lower()
        result = f"{kind[0]}_{body}"
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[cache_key] = result
        return result

    def handle(self, platform: Platform | str, handle: str) -> str:
        """The pseudonym of a handle (``u_...``), the same for every spelling of its case."""
        return self._make("user", _platform(platform), tag_key(handle.lstrip("@＠")))

    def account_id(self, platform: Platform | str, account_id: str) -> str:
        """The pseudonym of an account id (``i_...``)."""
        return self._make("id", _platform(platform), account_id)

    def post_id(self, platform: Platform | str, post_id: str) -> str:
        """The pseudonym of a post id (``p_...``): replies still point at their parent."""
        return self._make("post", _platform(platform), post_id)

    def _officer_name(self, name: str) -> str:
        return self._make("officer", "", tag_key(name))

    def _badge(self, badge: str) -> str:
        return self._make("badge", "", badge)

    def __call__(self, post: Post) -> Post:
        """``post`` with every known identifier replaced by its pseudonym."""
        return _Post(self, post).result()


class _Post:
    """One post's identifiers, their pseudonyms and the rewriting that uses them."""

    def __init__(self, p: Pseudonymizer, post: Post) -> None:
        self.p = p
        self.post = post
        self.platform = post.platform
        self.names: dict[str, str] = {}
        self._collect()
        self.pattern = self._pattern()

    def _add_handle(self, platform: Platform, handle: str) -> str:
        new = self.p.handle(platform, handle)
        bare = handle.lstrip("@＠")
        self.names.setdefault(bare.casefold(), new)
        local, at, _ = bare.partition("@")
        if at and local:  # user@example.social: the local part appears alone in URLs
            self.names.setdefault(local.casefold(), new)
        return new

    def _add_id(self, platform: Platform, value: str) -> str:
        new = self.p.account_id(platform, value)
        self.names.setdefault(value.casefold(), new)
        return new

    def _collect(self) -> None:
        post, platform = self.post, self.platform
        self.names[post.id.casefold()] = self.p.post_id(platform, post.id)
        if post.reply_to is not None:
            self.names.setdefault(post.reply_to.casefold(), self.p.post_id(platform, post.reply_to))
        ref = post.repost_of
        if ref is not None:
            if ref.id is not None:
                self.names.setdefault(ref.id.casefold(), self.p.post_id(platform, ref.id))
            if ref.author is not None:
                self._add_handle(platform, ref.author)
        for account in self._accounts():
            self._add_handle(account.platform, account.handle)
            if account.id is not None:
                self._add_id(account.platform, account.id)
        for mention in post.mentions:
            self._add_handle(platform, mention.handle)
            if mention.id is not None:
                self._add_id(platform, mention.id)
        for tagged in post.tagged:
            self._add_handle(platform, tagged)
        self._collect_extra(post.extra)

    def _accounts(self) -> Iterator[Account]:
        post = self.post
        if post.author is not None:
            yield post.author
        if post.officer is not None:
            yield from post.officer.accounts
            if post.officer.agency is not None:
                yield from post.officer.agency.accounts

    def _collect_extra(self, value: Any) -> None:
        stack = [value]
        while stack:
            v = stack.pop()
            if type(v) is dict:
                for k, x in v.items():
                    if type(x) in (str, int) and type(x) is not bool and str(x):
                        if k.casefold() in _HANDLE_KEYS:
                            self._add_handle(self.platform, str(x))
                        elif k.casefold() in _ID_KEYS:
                            self._add_id(self.platform, str(x))
                    stack.append(x)
            elif type(v) is list:
                stack.extend(v)

    def _pattern(self) -> re.Pattern[str]:
        alternatives = sorted(self.names, key=len, reverse=True)
        body = "|".join(re.escape(a) for a in alternatives)
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)

    def _one(self, match: re.Match[str]) -> str:
        return self.names.get(match.group().casefold(), match.group())

    def sub(self, value: str) -> str:
        return self.pattern.sub(self._one, value)

    def sub_opt(self, value: str | None) -> str | None:
        return None if value is None else self.sub(value)

    def _json(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return self.sub(value)
        if kind is int:
            return self.names.get(str(value), value)
        if kind is list:
            return [self._json(x) for x in value]
        if kind is dict:
            return {self.sub(k): self._json(x) for k, x in value.items()}
        return value

    def _account(self, account: Account) -> Account:
        return Account(platform=account.platform,
                       handle=self.p.handle(account.platform, account.handle),
                       id=None if account.id is None else
                       self.p.account_id(account.platform, account.id))

    def _officer(self, officer: Officer) -> Officer:
        agency = officer.agency
        if agency is not None:
            agency = Agency(name=agency.name, location=agency.location,
                            accounts=tuple(self._account(a) for a in agency.accounts))
        return Officer(name=self.p._officer_name(officer.name), rank=officer.rank,
                       badge=None if officer.badge is None else self.p._badge(officer.badge),
                       agency=agency, accounts=tuple(self._account(a) for a in officer.accounts))

    def _fix(self, family: str, item: Any) -> Any:
        if family == "mentions":
            mention: Mention = item
            return attrs.evolve(
                mention, handle=self.p.handle(self.platform, mention.handle),
                id=None if mention.id is None else self.p.account_id(self.platform, mention.id))
        if family == "links":
            return attrs.evolve(item, url=self.sub(item.url),
                                expanded_url=self.sub_opt(item.expanded_url))
        if family in ("hashtags", "cashtags"):
            return attrs.evolve(item, text=self.sub(item.text))
        return item

    def _ref(self, ref: PostRef) -> PostRef:
        return PostRef(id=None if ref.id is None else self.names[ref.id.casefold()],
                       author=None if ref.author is None else
                       self.p.handle(self.platform, ref.author),
                       url=self.sub_opt(ref.url))

    def _media(self, media: Media) -> Media:
        return attrs.evolve(media, uri=self.sub(media.uri), alt_text=self.sub_opt(media.alt_text))

    def _edits(self) -> list[tuple[int, int, str]]:
        """Every identifier in the text, and every mention whose span shows something else.

        A platform may give a mention a span over a display name ("Giselle Martin") rather
        than ``@handle``: the whole span becomes ``@pseudonym`` so nothing of it remains.
        """
        text = self.post.text
        whole: list[tuple[int, int, str]] = []
        for mention in self.post.mentions:
            s, e = mention.start, mention.end
            if s is None or e is None or not 0 <= s < e <= len(text):
                continue
            surface = text[s:e].lstrip("@＠").casefold()
            if surface != mention.handle.casefold():
                whole.append((s, e, "@" + self.p.handle(self.platform, mention.handle)))
        edits = [(m.start(), m.end(), self._one(m)) for m in self.pattern.finditer(text)
                 if all(m.end() <= s or e <= m.start() for s, e, _ in whole)]
        return sorted(edits + whole)

    def result(self) -> Post:
        post = self.post
        edits = self._edits()
        fields = apply_edits(post, edits, self._fix)
        location = post.location
        if location is not None:
            location = attrs.evolve(location, name=self.sub(location.name),
                                    address=self.sub_opt(location.address))
        return attrs.evolve(
            post,
            **fields,
            id=self.names[post.id.casefold()],
            reply_to=None if post.reply_to is None else self.names[post.reply_to.casefold()],
            repost_of=None if post.repost_of is None else self._ref(post.repost_of),
            author=None if post.author is None else self._account(post.author),
            officer=None if post.officer is None else self._officer(post.officer),
            tagged=tuple(self.p.handle(self.platform, t) for t in post.tagged),
            media=tuple(self._media(m) for m in post.media),
            url=self.sub_opt(post.url),
            location=location,
            extra=self._json(post.extra),
        )


def pseudonymize(posts: Iterable[Post], *, key: bytes, namespace: str) -> Iterator[Post]:
    """Replace every handle and id in ``posts`` by a keyed pseudonym, lazily.

    The key and namespace are checked at once (a key shorter than
    :data:`MIN_KEY_BYTES` bytes is an :class:`~engagekit.errors.ArgumentError`);
    the posts are pseudonymized one at a time as the result is iterated.

    >>> import engagekit as ek
    >>> from datetime import datetime, timezone
    >>> post = ek.Post(id="1781", platform="instagram", text="Thanks @giselle.m!",
    ...                created_at=datetime(2026, 5, 2, tzinfo=timezone.utc),
    ...                mentions=[ek.Mention(handle="giselle.m", start=7, end=17)])
    >>> [out] = ek.pseudonymize([post], key=b"0123456789abcdef-not-a-real-key", namespace="demo")
    >>> out.text == f"Thanks @{out.mentions[0].handle}!", out.id.startswith("p_")
    (True, True)
    """
    p = Pseudonymizer(key=key, namespace=namespace)
    return map(p, posts)
