"""Mastodon account exports: ``outbox.json`` and ``actor.json`` (ActivityStreams 2.0).

The export is a zip (or the folder it unpacks to) with ``outbox.json``, an
``OrderedCollection`` of the account's activities, and ``actor.json``, the
account. ``Create`` activities wrapping a ``Note`` (or a poll, article or page)
become posts; boosts (``Announce``) are counted as skipped ``"announce"`` (or,
with ``include_reposts``, read as posts without text whose ``repost_of`` names the
boosted note) and every other activity type as skipped under its lower-cased type.

Visibility comes from the audience: the Public collection in ``to`` is public,
in ``cc`` only unlisted, the account's followers collection followers-only, and
anything else direct. Direct messages sit in the outbox beside public posts;
they are read with ``visibility="direct"`` for the caller to filter.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import attrs

from engagekit.errors import ParseError, ValidationError
from engagekit.models import (
    Account,
    Hashtag,
    Link,
    Media,
    MediaKind,
    Mention,
    Platform,
    Post,
    PostRef,
    Visibility,
)
from engagekit.sources._engine.arrays import iter_items, load
from engagekit.sources._engine.base import Container, Context
from engagekit.sources._engine.fields import Fields, convert_each
from engagekit.sources._mastodon.html import HtmlText, html_to_text
from engagekit.text import text_fields

__all__ = ["FORMAT", "detect", "read"]

FORMAT = "mastodon"
#: What detection looks for, as :func:`~engagekit.sources.detect.diagnose` reports it.
LOOKS_FOR = 'outbox.json beside actor.json, or a file that reads as an ActivityPub outbox'

_PUBLIC = frozenset({"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"})
_POST_TYPES = frozenset({"Note", "Question", "Article", "Page"})
_MEDIA_KINDS = {"image": MediaKind.PHOTO, "video": MediaKind.VIDEO, "audio": MediaKind.AUDIO}
_AS_CONTEXT = b"https://www.w3.org/ns/activitystreams"
_AT_NAME = re.compile(r"/@([^/@\s]+)(?:/|\Z)")


@attrs.frozen(kw_only=True)
class _Actor:
    """What ``actor.json`` says about the account (or what an actor URL implies)."""

    account: Account
    followers: str


def detect(container: Container) -> bool:
    """An ``outbox.json`` beside an ``actor.json``, or a file that sniffs as an outbox."""
    if container.find("outbox.json") and container.find("actor.json"):
        return True
    return any(_sniff(container.head(member)) for member in _outboxes(container))


def read(container: Container, ctx: Context) -> Iterator[Post]:
    """The posts of every outbox in the container, in file order."""
    outboxes = _outboxes(container)
    if not outboxes:
        raise ParseError("no outbox.json found", source=container.name)
    for member in outboxes:
        actor = _read_actor(container, member, ctx)
        label = container.label(member)

        convert = functools.partial(_activity, label=label, actor=actor, ctx=ctx)
        yield from convert_each(
            iter_items(container, member, ctx, "orderedItems"), convert, ctx, source=label
        )


def _outboxes(container: Container) -> list[str]:
    found = container.find("outbox.json")
    if found:
        return found
    members = container.members()
    return members if len(members) == 1 else []


def _sniff(head: bytes) -> bool:
    return (
        _AS_CONTEXT in head
        and (b'"orderedItems"' in head or b'"OrderedCollection"' in head)
        and (b'"Create"' in head or b'"Announce"' in head or b"outbox" in head)
    )


def _read_actor(container: Container, outbox: str, ctx: Context) -> _Actor | None:
    """The account from the ``actor.json`` beside ``outbox`` (None when absent or unreadable)."""
    folder = outbox.rpartition("/")[0]
    member = f"{folder}/actor.json" if folder else "actor.json"
    if member not in container.members():
        return None
    try:
        f = Fields(load(container, member, ctx), source=container.label(member), record=None)
        actor_id = f.nonempty("id")
        username = f.string("preferredUsername")
        followers = f.string("followers") or f"{actor_id}/followers"
        account = _account(actor_id, username, f.string("name"))
    except ValidationError as err:
        ctx.fail(ParseError(str(err), source=container.label(member)))
        return None
    except ParseError as err:
        ctx.fail(err)
        return None
    return _Actor(account=account, followers=followers)


def _url_username(url: str | None, actor_id: str) -> str | None:
    """The ``name`` of a post URL ``https://host/@name/123`` on the actor's own host.

    Without ``actor.json`` this is the account's name: an actor URL need not
    hold it (``https://mastodon.social/ap/users/116840387061670746``).
    """
    if not url:
        return None
    try:
        post, actor = urlsplit(url), urlsplit(actor_id)
        same_host = post.hostname is not None and post.hostname == actor.hostname
    except ValueError:  # not a URL
        return None
    found = _AT_NAME.match(post.path) if same_host else None
    return found.group(1) if found else None


def _account(actor_id: str, username: str | None, name: str | None) -> Account:
    """An account with handle ``user@domain`` (the domain of the actor URL)."""
    try:
        parts = urlsplit(actor_id)
        host, path = parts.hostname, parts.path
    except ValueError:  # not a URL (an unbalanced "[" host): keep it whole
        host, path = None, actor_id
    user = username or path.rstrip("/").rpartition("/")[2].lstrip("@") or actor_id
    handle = f"{user}@{host}" if host else user
    return Account(platform=Platform.MASTODON, handle=handle, id=actor_id, display_name=name)



def _activity(
    item: Any, index: int, *, label: str, actor: _Actor | None, ctx: Context
) -> Post | None:
    f = Fields(item, source=label, record=index)
    kind = f.nonempty("type")
    if kind == "Announce":
        return _announce(f, actor, ctx)
    if kind != "Create":
        ctx.skip(kind.lower())
        return None
    note = f.require("object")
    note_type = note.nonempty("type")
    if note_type not in _POST_TYPES:
        ctx.skip(f"create:{note_type.lower()}")
        return None

    if actor is None:
        actor = _implied_actor(f.string("actor") or note.string("attributedTo"),
                               note.string("url"))

    html, lang = _content(note)
    try:
        parsed = html_to_text(html)
    except ParseError as err:
        raise err.located(source=label, record=index, path_prefix=note.path + ".content") from None
    hashtags, mentions = _tags(note, parsed)
    links = _links(parsed, hashtags, mentions)
    fields = text_fields(
        parsed.text, dialect="mastodon", hashtags=hashtags, mentions=mentions, links=links
    )

    extra: dict[str, Any] = {}
    warning = note.string("summary")
    if warning:
        extra["content_warning"] = warning
    if note.boolean("sensitive"):
        extra["sensitive"] = True
    if note_type != "Note":
        extra["object_type"] = note_type

    post_id = note.nonempty("id")
    return Post(
        id=post_id,
        platform=Platform.MASTODON,
        created_at=_published(note, f),
        author=actor.account if actor else None,
        media=tuple(_media(a) for a in note.objects("attachment")),
        visibility=_visibility(note, f, actor.followers if actor else None),
        url=note.string("url") or post_id,
        reply_to=note.string("inReplyTo"),
        lang=lang,
        extra=extra,
        **fields,
    )


def _implied_actor(actor_id: str | None, url: str | None) -> _Actor | None:
    """The account an activity's ``actor`` URL implies, without ``actor.json``."""
    if not actor_id:
        return None
    account = _account(actor_id, _url_username(url, actor_id), None)
    return _Actor(account=account, followers=f"{actor_id}/followers")


def _announce(f: Fields, actor: _Actor | None, ctx: Context) -> Post | None:
    """A boost: with ``include_reposts``, a post of the booster at ``published``, with no
    text, whose ``repost_of`` names the boosted note (its id, the ``object`` URL).
    Its id is the activity's ``id``, or ``<object>#announce`` when it has none."""
    boosted = f.raw("object")
    if type(boosted) is dict:  # the note itself, embedded
        boosted = f.require("object").nonempty("id")
    elif boosted is not None:
        boosted = f.nonempty("object")
    ref = PostRef(id=boosted) if boosted else None
    if not ctx.keep_repost("announce", ref):
        return None
    if actor is None:
        actor = _implied_actor(f.string("actor"), None)
    return Post(id=f.string("id") or f"{boosted}#announce", platform=Platform.MASTODON,
                created_at=f.timestamp("published"), author=actor.account if actor else None,
                visibility=_visibility(f, f, actor.followers if actor else None),
                repost_of=ref)


def _content(note: Fields) -> tuple[str, str | None]:
    """The HTML content, and the language when ``contentMap`` has exactly one."""
    content = note.string("content")
    content_map = note.obj("contentMap")
    lang = None
    if content_map is not None and len(content_map.data) == 1:
        lang = next(iter(content_map.data))
        if content is None:
            content = content_map.string(lang)
    return content or "", lang


def _published(note: Fields, activity: Fields) -> datetime:
    owner = note if "published" in note else activity
    return owner.timestamp("published")


def _audience(owner: Fields, key: str) -> list[str]:
    value = owner.raw(key)
    if value is None:
        return []
    if type(value) is str:
        return [value]
    if type(value) is list and all(type(v) is str for v in value):
        return value
    raise owner.error(f"expected a URL or a list of URLs, got {type(value).__name__}", key)


def _visibility(note: Fields, activity: Fields, followers: str | None) -> Visibility:
    owner = note if "to" in note or "cc" in note else activity
    to, cc = _audience(owner, "to"), _audience(owner, "cc")
    if _PUBLIC.intersection(to):
        return Visibility.PUBLIC
    if _PUBLIC.intersection(cc):
        return Visibility.UNLISTED
    if followers is not None and (followers in to or followers in cc):
        return Visibility.FOLLOWERS
    return Visibility.DIRECT


def _tags(note: Fields, parsed: HtmlText) -> tuple[list[Hashtag] | None, list[Mention] | None]:
    """Hashtags and mentions from ``tag[]``, each placed at its occurrences in the text.

    ``None`` for both when the note has no ``tag`` key (extract from the text then).
    """
    if "tag" not in note:
        return None, None
    blocked = [  # link anchors, unless their text reads like a tag (anchors without classes)
        (a.start, a.end)
        for a in parsed.anchors
        if a.kind == "link" and parsed.text[a.start : a.start + 1] not in ("#", "@")
    ]
    claimed: list[tuple[int, int]] = []
    hashtags: list[Hashtag] = []
    mentions: list[Mention] = []
    for tag in note.objects("tag"):
        kind = tag.string("type")
        if kind not in ("Hashtag", "Mention"):
            continue  # custom Emoji and unknown tag types have no home in Post
        name = tag.nonempty("name")
        bare = name[1:] if name[:1] in "#@" else name
        if not bare:
            raise tag.error(f"expected a tag name, got {name!r}", "name")
        if kind == "Hashtag":
            pattern = r"(?<![\w/)#])#" + re.escape(bare) + r"(?!\w)"
        else:
            user = re.escape(bare.partition("@")[0])
            full = re.escape(bare)
            pattern = rf"(?<![\w/=@.])@(?:{full}|{user})(?![\w@]|[.-]\w)"
        spans = _occurrences(parsed.text, pattern, blocked, claimed) or [(None, None)]
        for start, end in spans:
            if kind == "Hashtag":
                hashtags.append(Hashtag(text=bare, start=start, end=end))
            else:
                mentions.append(Mention(handle=bare, id=tag.string("href"), start=start, end=end))
    return hashtags, mentions


def _occurrences(
    text: str, pattern: str, blocked: list[tuple[int, int]], claimed: list[tuple[int, int]]
) -> list[tuple[int | None, int | None]]:
    out: list[tuple[int | None, int | None]] = []
    for match in re.finditer(pattern, text, re.IGNORECASE):
        span = match.span()
        if any(s < span[1] and span[0] < e for s, e in (*blocked, *claimed)):
            continue
        claimed.append(span)
        out.append(span)
    return out


def _links(
    parsed: HtmlText, hashtags: list[Hashtag] | None, mentions: list[Mention] | None
) -> list[Link]:
    """Links from the ``<a href>`` anchors that are not hashtag or mention anchors."""
    entity_spans = {(e.start, e.end) for e in (*(hashtags or ()), *(mentions or ()))}
    return [
        Link(url=a.href, start=a.start, end=a.end)
        for a in parsed.anchors
        if a.kind == "link" and (a.start, a.end) not in entity_spans
    ]


def _media(attachment: Fields) -> Media:
    media_type = attachment.string("mediaType") or ""
    kind = _MEDIA_KINDS.get(media_type.partition("/")[0], MediaKind.OTHER)
    if not media_type:
        kind = {"Image": MediaKind.PHOTO, "Video": MediaKind.VIDEO, "Audio": MediaKind.AUDIO}.get(
            attachment.string("type") or "", MediaKind.OTHER
        )
    uri = attachment.nonempty("url")
    return Media(
        kind=kind,
        uri=uri,
        alt_text=attachment.string("name"),
        width=_size(attachment, "width"),
        height=_size(attachment, "height"),
    )


def _size(attachment: Fields, key: str) -> int | None:
    value = attachment.integer(key)
    if value is not None and value < 0:
        raise attachment.error(f"expected a size >= 0, got {value}", key)
    return value
