"""schema.org: a post as a ``SocialMediaPosting`` (JSON-LD), for web pages and search engines.

Engagement counts become ``interactionStatistic`` entries, one
``InteractionCounter`` per count the source gave (likes ``LikeAction``,
comments ``CommentAction``, shares ``ShareAction``, views ``WatchAction``); an
unknown count is left out, never written as 0. The place becomes
``contentLocation``, a ``Place`` with its ``PostalAddress`` and
``GeoCoordinates`` when known.

>>> from datetime import datetime, timezone
>>> import engagekit as ek
>>> post = ek.Post(id="1", platform="instagram", text="Coffee with a cop",
...                created_at=datetime(2024, 5, 2, 22, 47, tzinfo=timezone.utc),
...                engagement=ek.Engagement(likes=212, comments=0))
>>> doc = ek.to_schema_org(post)
>>> doc["@type"], doc["datePublished"]
('SocialMediaPosting', '2024-05-02T22:47:00Z')
>>> [(s["interactionType"]["@type"], s["userInteractionCount"])
...  for s in doc["interactionStatistic"]]
[('LikeAction', 212), ('CommentAction', 0)]
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from engagekit.models import Account, Location, Post, PostRef

__all__ = ["INTERACTIONS", "to_schema_org"]

#: The schema.org action counted by each ``Engagement`` field.
INTERACTIONS = {
    "likes": "LikeAction",
    "comments": "CommentAction",
    "shares": "ShareAction",
    "views": "WatchAction",
}


def _time(value: Any) -> str:
    text: str = json.loads(orjson.dumps(value, option=orjson.OPT_UTC_Z))
    return text


def _person(account: Account) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": account.display_name or account.handle,
                              "alternateName": f"@{account.handle}"}
    if account.id is not None:
        person["identifier"] = account.id
    return person


def _place(location: Location) -> dict[str, Any]:
    place: dict[str, Any] = {"@type": "Place", "name": location.name}
    address = {key: value for key, value in (
        ("streetAddress", location.address), ("addressLocality", location.locality),
        ("addressRegion", location.region), ("addressCountry", location.country),
    ) if value is not None}
    if address:
        place["address"] = {"@type": "PostalAddress", **address}
    if location.coordinates is not None:
        place["geo"] = {"@type": "GeoCoordinates",
                        "latitude": location.coordinates.latitude,
                        "longitude": location.coordinates.longitude}
    return place


def to_schema_org(post: Post) -> dict[str, Any]:
    """``post`` as a schema.org ``SocialMediaPosting`` (a JSON-LD dict).

    ``identifier`` is the post id, ``text`` its text, ``keywords`` its hashtags,
    ``datePublished`` its time (RFC 3339, ``Z``), ``author`` a ``Person`` from
    the account; ``url``, ``inLanguage`` and ``contentLocation`` when known, and for
    a repost ``sharedContent``, the post it shares as far as ``repost_of`` names it.
    """
    if not isinstance(post, Post):
        raise TypeError(f"expected a Post, got {type(post).__name__}")
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "SocialMediaPosting",
        "identifier": post.id,
        "datePublished": _time(post.created_at),
        "text": post.text,
    }
    if post.url is not None:
        doc["url"] = post.url
    if post.author is not None:
        doc["author"] = _person(post.author)
    if post.lang is not None:
        doc["inLanguage"] = post.lang
    if post.hashtags:
        doc["keywords"] = [tag.text for tag in post.hashtags]
    statistics = [
        {"@type": "InteractionCounter",
         "interactionType": {"@type": action},
         "userInteractionCount": count}
        for field, action in INTERACTIONS.items()
        if (count := getattr(post.engagement, field)) is not None
    ]
    if statistics:
        doc["interactionStatistic"] = statistics
    if post.location is not None:
        doc["contentLocation"] = _place(post.location)
    if post.repost_of is not None:
        doc["sharedContent"] = _shared(post.repost_of)
    return doc


def _shared(ref: PostRef) -> dict[str, Any]:
    """The post a repost shares, as far as it is named."""
    shared: dict[str, Any] = {"@type": "SocialMediaPosting"}
    if ref.id is not None:
        shared["identifier"] = ref.id
    if ref.url is not None:
        shared["url"] = ref.url
    if ref.author is not None:
        shared["author"] = {"@type": "Person", "alternateName": f"@{ref.author}"}
    return shared
