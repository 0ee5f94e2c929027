"""ActivityStreams 2.0: a post as a ``Note``, posts as a Mastodon-style outbox.

:func:`to_activitystreams` writes one post as a ``Note`` with ``Hashtag`` and
``Mention`` tags, ``published``, ``attributedTo``, a ``Place`` and the
audience (``to``/``cc``) its visibility implies, the way Mastodon addresses it:

============  =====================================  ==========================
visibility    ``to``                                 ``cc``
============  =====================================  ==========================
public        the Public collection                  followers, mentioned
unlisted      followers                              the Public collection,
                                                     mentioned
followers     followers                              mentioned
direct        mentioned                              (none)
unknown       (none)                                 (none)
============  =====================================  ==========================

Followers are the author's followers collection, ``<actor>/followers``; the
actor is the author's ``id`` when it is a URL, else a ``urn:engagekit:`` name
built from platform and handle. A post without an author has no followers to
address, so a followers-only one is written like a direct one. ``mentioned``
are the mentions whose ``id`` is a URL (Mastodon's reader keeps each mention's
``href`` there).

:func:`to_activitystreams_collection` writes an ``OrderedCollection`` of
``Create`` activities shaped like a Mastodon ``outbox.json``, which
``read_posts(..., format="mastodon")`` reads back.

>>> from datetime import datetime, timezone
>>> import engagekit as ek
>>> post = ek.Post(id="https://social.example/users/spd/statuses/1", platform="mastodon",
...                created_at=datetime(2024, 5, 2, 22, 47, tzinfo=timezone.utc),
...                text="Bike rodeo #SafeStreets", hashtags=["SafeStreets"],
...                author=ek.Account(platform="mastodon", handle="spd@social.example",
...                                  id="https://social.example/users/spd"))
>>> note = ek.to_activitystreams(post)
>>> note["type"], note["published"]
('Note', '2024-05-02T22:47:00Z')
>>> note["to"], note["cc"]
(['https://www.w3.org/ns/activitystreams#Public'], ['https://social.example/users/spd/followers'])
>>> note["tag"]
[{'type': 'Hashtag', 'name': '#SafeStreets'}]
>>> ek.to_activitystreams_collection([post])["orderedItems"][0]["type"]
'Create'
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any, TypeVar

import orjson

from engagekit.models import Account, Hashtag, MediaKind, Mention, Post, Visibility

__all__ = ["CONTEXT", "PUBLIC", "to_activitystreams", "to_activitystreams_collection"]

#: The Public collection: addressing it makes a post public (``to``) or unlisted (``cc``).
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"

#: The JSON-LD context of every document written here.
CONTEXT: list[Any] = [
    "https://www.w3.org/ns/activitystreams",
    {"Hashtag": "as:Hashtag", "sensitive": "as:sensitive"},
]

T = TypeVar("T", Hashtag, Mention)

_MEDIA_TYPES = {MediaKind.PHOTO: "Image", MediaKind.VIDEO: "Video", MediaKind.AUDIO: "Audio"}


def _iri(value: str | None) -> bool:
    return value is not None and value.startswith(("https://", "http://"))


def _time(value: Any) -> str:
    text: str = json.loads(orjson.dumps(value, option=orjson.OPT_UTC_Z))
    return text


def _actor_id(account: Account) -> str:
    """The actor IRI of ``account``: its ``id`` when a URL, else a ``urn:engagekit:`` name."""
    if account.id is not None and _iri(account.id):
        return account.id
    return f"urn:engagekit:actor:{account.platform.value}:{account.handle}"


def _note_id(post: Post) -> str:
    return post.id if _iri(post.id) else f"urn:engagekit:post:{post.platform.value}:{post.id}"


def _audience(post: Post) -> tuple[list[str], list[str]]:
    followers = None if post.author is None else f"{_actor_id(post.author)}/followers"
    mentioned = [m.id for m in post.mentions if m.id is not None and _iri(m.id)]
    vis = post.visibility
    if vis is Visibility.PUBLIC:
        return [PUBLIC], [*([followers] if followers else []), *mentioned]
    if vis is Visibility.UNLISTED:
        return ([followers] if followers else []), [PUBLIC, *mentioned]
    if vis is Visibility.FOLLOWERS and followers is not None:
        return [followers], mentioned
    if vis is Visibility.UNKNOWN:
        return [], []
    return mentioned, []


def _content(text: str) -> str:
    """The text as an HTML paragraph, whitespace kept as written (Mastodon's reader keeps it)."""
    return f"<p>{html.escape(text, quote=False)}</p>"


def _note(post: Post) -> dict[str, Any]:
    to, cc = _audience(post)
    note: dict[str, Any] = {"id": _note_id(post), "type": "Note"}
    warning = post.extra.get("content_warning")
    note["summary"] = warning if type(warning) is str else None
    note["inReplyTo"] = post.reply_to
    note["published"] = _time(post.created_at)
    if post.url is not None:
        note["url"] = post.url
    if post.author is not None:
        note["attributedTo"] = _actor_id(post.author)
    note["to"], note["cc"] = to, cc
    note["sensitive"] = post.extra.get("sensitive") is True
    content = _content(post.text)
    note["content"] = content
    if post.lang is not None:
        note["contentMap"] = {post.lang: content}
    note["attachment"] = [_attachment(m) for m in post.media]
    # one tag per distinct hashtag and mention, as Mastodon writes them (a reader finds
    # each occurrence in the text)
    tags: list[dict[str, Any]] = [{"type": "Hashtag", "name": f"#{t.text}"}
                                  for t in _distinct(post.hashtags)]
    for m in _distinct(post.mentions):
        mention = {"type": "Mention", "name": f"@{m.handle}"}
        if m.id is not None:
            mention["href"] = m.id
        tags.append(mention)
    note["tag"] = tags
    if post.location is not None:
        place: dict[str, Any] = {"type": "Place", "name": post.location.name}
        if post.location.coordinates is not None:
            place["latitude"] = post.location.coordinates.latitude
            place["longitude"] = post.location.coordinates.longitude
        note["location"] = place
    return note


def _distinct(entities: tuple[T, ...]) -> list[T]:
    """The first entity of each key, in order."""
    first: dict[str, T] = {}
    for entity in entities:
        first.setdefault(entity.key, entity)
    return list(first.values())


def _attachment(media: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": _MEDIA_TYPES.get(media.kind, "Document"), "url": media.uri}
    if media.alt_text is not None:
        out["name"] = media.alt_text
    for key in ("width", "height"):
        if getattr(media, key) is not None:
            out[key] = getattr(media, key)
    return out


def to_activitystreams(post: Post) -> dict[str, Any]:
    """``post`` as an ActivityStreams 2.0 ``Note`` (a JSON-ready dict with its ``@context``).

    The content is the text as one HTML paragraph; ``extra["content_warning"]``
    becomes ``summary`` and ``extra["sensitive"]`` ``sensitive``, as Mastodon's
    reader takes them. A repost whose :attr:`~engagekit.models.Post.repost_of`
    names the original's ``id`` or ``url`` is an ``Announce`` of it instead, as
    Mastodon writes a boost (one that names only the author stays a ``Note``).
    """
    announce = _announce(_checked(post))
    return {"@context": CONTEXT, **(announce if announce is not None else _note(post))}


def _announce(post: Post) -> dict[str, Any] | None:
    """A boost: the ``Announce`` of the post ``repost_of`` names, if it names one."""
    ref = post.repost_of
    target = None if ref is None else ref.id or ref.url
    if target is None:
        return None
    to, cc = _audience(post)
    activity: dict[str, Any] = {"id": _note_id(post), "type": "Announce"}
    if post.author is not None:
        activity["actor"] = _actor_id(post.author)
    activity.update(published=_time(post.created_at), to=to, cc=cc, object=target)
    return activity


def _checked(post: Post) -> Post:
    if not isinstance(post, Post):
        raise TypeError(f"expected a Post, got {type(post).__name__}")
    return post


def _create(post: Post) -> dict[str, Any]:
    announce = _announce(_checked(post))
    if announce is not None:
        return announce
    note = _note(post)
    activity: dict[str, Any] = {"id": f"{note['id']}/activity", "type": "Create"}
    if "attributedTo" in note:
        activity["actor"] = note["attributedTo"]
    activity.update(published=note["published"], to=note["to"], cc=note["cc"], object=note)
    return activity


def to_activitystreams_collection(posts: Iterable[Post]) -> dict[str, Any]:
    """Posts as an ``OrderedCollection`` of ``Create`` activities, like Mastodon's ``outbox.json``.

    Reposts are ``Announce`` activities (see :func:`to_activitystreams`). Written
    to a file named ``outbox.json``, it reads back with
    ``engagekit.read_posts(path, format="mastodon")`` (pass ``include_private=True``
    for the posts that are not public, and ``include_reposts=True`` for the boosts).
    """
    items = [_create(post) for post in posts]
    return {"@context": CONTEXT, "id": "outbox.json", "type": "OrderedCollection",
            "totalItems": len(items), "orderedItems": items}
