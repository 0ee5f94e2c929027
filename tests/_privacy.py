"""Shared helpers of the privacy tests: posts whose spans index their text, and span checks."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import attrs
from hypothesis import strategies as st

from engagekit import strategies as eks
from engagekit.models import Account, Media, Mention, Officer, Platform, Post, PostRef
from engagekit.text import parse_text

#: Handles and ids no other text contains by chance, so a test can search the output for them.
HANDLES = st.from_regex(r"zq[a-z0-9_]{6,10}", fullmatch=True)
IDS = st.from_regex(r"7[0-9]{11,17}", fullmatch=True)

_WORDS = ["Thanks", "great", "day", "with", "Giselle", "&", "Aliyah", "#StaySafe", "🚲",
          "at", "Main", "Street", "$AAPL", "today!", "Meet", "Officer", "Reyes", "👮‍♀️", "and"]


def surface_ok(text: str, family: str, item: Any) -> bool:
    """Whether ``text[start:end]`` is the surface form of an entity (True without a span)."""
    if item.start is None:
        return True
    piece: str = text[item.start:item.end]
    if family == "hashtags":
        return piece[:1] in "#＃" and piece[1:] == str(item.text)
    if family == "mentions":
        return piece[:1] in "@＠" and piece[1:] == str(item.handle)
    if family == "cashtags":
        return piece == "$" + str(item.text)
    if family == "links":
        return bool(piece == item.url)
    return bool(piece == item.text)  # emoji


def spans_ok(post: Post) -> bool:
    """Every entity span and lost-glyph span of ``post`` indexes its text as it should."""
    for family in ("hashtags", "mentions", "links", "cashtags", "emoji"):
        for item in getattr(post, family):
            if not surface_ok(post.text, family, item):
                return False
    return all(0 <= s <= e <= len(post.text) for s, e in post.quality.lost_spans)


def with_parsed_text(post: Post, text: str) -> Post:
    """``post`` with ``text`` and the entities parse_text finds in it."""
    parsed = parse_text(text)
    return attrs.evolve(post, **parsed.fields())


def _text(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), max_size=10))
    handles = draw(st.lists(HANDLES, max_size=3))
    pieces = draw(st.permutations(words + ["@" + h for h in handles]))
    return " ".join(pieces) if draw(st.booleans()) else draw(eks.captions())


@st.composite
def captioned_posts(draw: st.DrawFn) -> Post:
    """Small posts (caption, entities, media, tagged people) whose spans index their text."""
    post = Post(id="1", platform=draw(st.sampled_from(Platform)),
                created_at=datetime(2026, 5, 2, tzinfo=timezone.utc),
                media=draw(st.lists(eks.media(), max_size=1)),
                tagged=draw(st.lists(HANDLES, max_size=2)),
                lang=draw(st.none() | st.sampled_from(["en", "de", "es"])))
    return with_parsed_text(post, _text(draw))


@st.composite
def spanned_posts(draw: st.DrawFn) -> Post:
    """Posts from engagekit.strategies whose entity spans index their text."""
    post = draw(eks.posts())
    words = draw(st.lists(st.sampled_from(_WORDS), max_size=10))
    handles = draw(st.lists(HANDLES, max_size=3))
    pieces = draw(st.permutations(words + ["@" + h for h in handles]))
    text = " ".join(pieces) if draw(st.booleans()) else draw(eks.captions())
    return with_parsed_text(post, text)


@st.composite
def identified_posts(draw: st.DrawFn) -> Post:
    """Posts whose every handle and id is distinctive, written in text, URLs and extra too."""
    post = draw(spanned_posts())
    platform = post.platform
    author = Account(platform=platform, handle=draw(HANDLES), id=draw(IDS),
                     display_name="Jordan Reyes")
    officer_accounts = [Account(platform=platform, handle=draw(HANDLES), id=draw(IDS))]
    officer = draw(st.none() | st.just(Officer(name="Jordan Reyes", badge="4471",
                                               accounts=officer_accounts)))
    post_id = draw(IDS)
    mentioned = draw(st.lists(HANDLES, max_size=2))
    tagged = draw(st.lists(HANDLES, max_size=2))
    extra_text = f"via @{author.handle} and {mentioned[0] if mentioned else author.handle}"
    text = " ".join([post.text, *("@" + h for h in mentioned),
                     f"https://example.org/{author.handle}/status/{post_id}"])
    post = with_parsed_text(post, text)
    mentions = tuple(attrs.evolve(m, id=draw(st.none() | IDS)) for m in post.mentions)
    extra = {**post.extra, "user": {"screen_name": author.handle, "user_id": int(author.id or 0)},
             "note": extra_text, "thread": [post_id]}
    return attrs.evolve(
        post, id=post_id, author=author, officer=officer, mentions=mentions,
        tagged=tuple(tagged), reply_to=draw(st.none() | IDS),
        repost_of=_ref(draw(HANDLES), draw(IDS)) if draw(st.booleans()) else None,
        url=f"https://example.org/{author.handle}/p/{post_id}",
        media=(Media(kind="photo", uri=f"media/{author.handle}/{post_id}.jpg",
                     alt_text=f"Photo by {author.handle}"),),
        extra=extra,
    )


def _ref(handle: str, post_id: str) -> PostRef:
    return PostRef(id=post_id, author=handle, url=f"https://example.org/{handle}/status/{post_id}")


def identifiers(post: Post) -> set[str]:
    """Every handle and id of ``post`` (drawn by :func:`identified_posts`)."""
    found = {post.id}
    if post.reply_to:
        found.add(post.reply_to)
    accounts = [post.author] if post.author else []
    if post.officer is not None:
        accounts.extend(post.officer.accounts)
    for account in accounts:
        found.add(account.handle)
        if account.id:
            found.add(account.id)
    for mention in post.mentions:
        found.add(mention.handle)
        if mention.id:
            found.add(mention.id)
    found.update(post.tagged)
    if post.repost_of is not None:
        found.update(v for v in (post.repost_of.id, post.repost_of.author) if v)
    return found


def mention(handle: str, text: str) -> Mention:
    """A mention of ``handle`` with its span in ``text``."""
    start = text.index("@" + handle)
    return Mention(handle=handle, start=start, end=start + 1 + len(handle))
