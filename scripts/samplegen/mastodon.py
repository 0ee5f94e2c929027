"""Sergeant Bell's Mastodon archive."""

from __future__ import annotations

import html
import json
import random
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from samplegen.captions import BELL, BELL_KIDS
from samplegen.common import (
    HASHTAG,
    MENTION,
    URL,
    Item,
    b32,
    campaign_items,
    filler_items,
    local,
    sort_and_age,
    unix,
    zip_bytes,
)
from samplegen.world import FIRST, LAST, MASTO_ACTOR, MASTO_HOST, MASTO_OTHERS, PUBLIC, SITE

MASTO_CONTEXT = ["https://www.w3.org/ns/activitystreams", {
    "ostatus": "http://ostatus.org#", "atomUri": "ostatus:atomUri",
    "inReplyToAtomUri": "ostatus:inReplyToAtomUri", "conversation": "ostatus:conversation",
    "sensitive": "as:sensitive", "toot": "http://joinmastodon.org/ns#",
    "votersCount": "toot:votersCount", "blurhash": "toot:blurhash",
    "focalPoint": {"@container": "@list", "@id": "toot:focalPoint"}, "Hashtag": "as:Hashtag"}]
FOLLOWERS = f"{MASTO_ACTOR}/followers"
BOOSTED = [
    "https://civic.mapleharbor.example/users/library/statuses/111204558812040017",
    "https://neighbors.example/users/eastsidewatch/statuses/110877342200153306",
    "https://civic.mapleharbor.example/users/publicworks/statuses/112450019983412258",
    "https://civic.mapleharbor.example/users/library/statuses/112933187346720091",
    "https://neighbors.example/users/eastsidewatch/statuses/113390042176554102",
]


def masto_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Mastodon's HTML for ``text``, and its ``tag`` list."""
    tags: list[dict[str, Any]] = []
    pieces = []
    pattern = re.compile(f"{HASHTAG.pattern}|{MENTION.pattern}|{URL.pattern}")
    for paragraph in text.split("\n\n"):
        out, last = [], 0
        for m in pattern.finditer(paragraph):
            out.append(html.escape(paragraph[last:m.start()], quote=True).replace("\n", "<br />"))
            token = m.group()
            if token.startswith("#"):
                name = token[1:]
                out.append(f'<a href="https://{MASTO_HOST}/tags/{name.lower()}" class="mention '
                           f'hashtag" rel="tag">#<span>{name}</span></a>')
                tags.append({"type": "Hashtag", "href": f"https://{MASTO_HOST}/tags/"
                             f"{name.lower()}", "name": token})
            elif token.startswith("@"):
                user, _, host = token[1:].partition("@")
                actor = MASTO_OTHERS[token[1:]]
                out.append(f'<span class="h-card" translate="no"><a href="https://{host}/@{user}"'
                           f' class="u-url mention">@<span>{user}</span></a></span>')
                tags.append({"type": "Mention", "href": actor, "name": token})
            else:
                scheme, rest = token.split("://", 1)
                shown, hidden = rest[:30], rest[30:]
                out.append(f'<a href="{token}" target="_blank" rel="nofollow noopener noreferrer"'
                           f' translate="no"><span class="invisible">{scheme}://</span>'
                           f'<span class="{"ellipsis" if hidden else ""}">{shown}</span>'
                           f'<span class="invisible">{hidden}</span></a>')
            last = m.end()
        out.append(html.escape(paragraph[last:], quote=True).replace("\n", "<br />"))
        pieces.append("<p>" + "".join(out) + "</p>")
    return "".join(pieces), tags


def mastodon_id(rng: random.Random, when: datetime) -> str:
    return str(((unix(when) * 1000 + rng.randrange(1000)) << 16) | rng.randrange(1 << 16))


def bell_items(rng: random.Random) -> list[Item]:
    items = campaign_items(rng, "bell", "mastodon", "en")
    items += filler_items(rng, 44 - len(items), "mastodon", "en", BELL, BELL_KIDS, 0.06)
    for item in rng.sample(items, 2):
        item.kind = "unlisted"
    crash = items[rng.randrange(len(items))]
    crash.text = "Two-car collision at Harbor Ave and 5th. Nobody seriously hurt. Expect delays " \
                 "for an hour. #TrafficAlert"
    crash.extra = {"content_warning": "crash scene"}
    days = (LAST - FIRST).days
    items.append(Item(
        when=local(date(2024, 3, 4), time(16, 5)), lang="en", kind="followers",
        text="Heads up: I am off shift until the 18th. For anything about the Eastside watch "
             "group, call the front desk. #MapleHarbor"))
    items.append(Item(
        when=local(date(2024, 9, 12), time(10, 40)), lang="en", kind="direct",
        of="jkowalski@neighbors.example",
        text="@jkowalski@neighbors.example Thanks for the tip about the broken streetlight on 5th, "
             "I've passed it to public works."))
    for url in BOOSTED:
        when = local(FIRST + timedelta(days=rng.randrange(days)), time(rng.randrange(8, 20), 17))
        items.append(Item(when=when, text="", lang="en", kind="repost", of=url, photos=0))
    for item in items:
        item.photos = 1 if item.kind in ("post", "unlisted") and rng.random() < 0.35 else 0
        item.alt = "Photo of the scene described in the post" if item.photos else ""
    return sort_and_age(items, lost=False)


def mastodon(rng: random.Random) -> tuple[str, bytes]:
    activities = []
    for item in bell_items(rng):
        sid = mastodon_id(rng, item.when)
        status = f"{MASTO_ACTOR}/statuses/{sid}"
        published = item.when.strftime("%Y-%m-%dT%H:%M:%SZ")
        if item.kind == "repost":
            author = item.of.split("/statuses/")[0]
            activities.append({"id": f"{status}/activity", "type": "Announce",
                               "actor": MASTO_ACTOR, "published": published, "to": [PUBLIC],
                               "cc": [author, FOLLOWERS], "object": item.of})
            continue
        to, cc = {
            "post": ([PUBLIC], [FOLLOWERS]),
            "unlisted": ([FOLLOWERS], [PUBLIC]),
            "followers": ([FOLLOWERS], []),
            "direct": ([MASTO_OTHERS.get(item.of or "", "")], []),
        }[item.kind]
        content, tags = masto_html(item.text)
        cc = cc + [t["href"] for t in tags if t["type"] == "Mention" and t["href"] not in to]
        attachments = []
        if item.photos:
            path = "/".join(sid[i:i + 3] for i in range(0, 18, 3))
            attachments.append({"type": "Document", "mediaType": "image/jpeg",
                                "url": f"/media_attachments/files/{path}/original/"
                                       f"{b32(rng, 16)}.jpg",
                                "name": item.alt, "blurhash": "UKO2?U%2Tw=w]~RBIVR*",
                                "focalPoint": [0.0, 0.0], "width": 1600, "height": 1200})
        note = {
            "id": status, "type": "Note",
            "summary": item.extra.get("content_warning"),
            "inReplyTo": None, "published": published,
            "url": f"https://{MASTO_HOST}/@sgtbell/{sid}",
            "attributedTo": MASTO_ACTOR, "to": to, "cc": cc,
            "sensitive": "content_warning" in item.extra,
            "atomUri": status, "inReplyToAtomUri": None,
            "conversation": f"tag:{MASTO_HOST},{item.when:%Y-%m-%d}:objectId="
                            f"{rng.randrange(10**6, 10**7)}:objectType=Conversation",
            "content": content, "contentMap": {item.lang: content},
            "attachment": attachments, "tag": tags,
            "replies": {"id": f"{status}/replies", "type": "Collection", "first": {
                "type": "CollectionPage", "next": f"{status}/replies?only_other_accounts=true"
                                                  "&page=true",
                "partOf": f"{status}/replies", "items": []}},
        }
        activities.append({"id": f"{status}/activity", "type": "Create", "actor": MASTO_ACTOR,
                           "published": published, "to": to, "cc": cc, "object": note})
    head = json.dumps({"@context": MASTO_CONTEXT, "id": "outbox.json",
                       "type": "OrderedCollection", "totalItems": len(activities)},
                      ensure_ascii=False, separators=(",", ":"))
    items = json.dumps(activities, ensure_ascii=False, separators=(",", ":"))
    # Mastodon writes the key twice: an empty array first, then the items.
    outbox = head[:-1] + ',"orderedItems":[],"orderedItems":' + items + "}"
    actor = {
        "@context": MASTO_CONTEXT, "id": MASTO_ACTOR, "type": "Person",
        "following": f"{MASTO_ACTOR}/following", "followers": FOLLOWERS,
        "inbox": f"{MASTO_ACTOR}/inbox", "outbox": "outbox.json",
        "featured": f"{MASTO_ACTOR}/collections/featured",
        "preferredUsername": "sgtbell", "name": "Sgt. Marcus Bell",
        "summary": "<p>Traffic and neighborhood watch sergeant, Maple Harbor PD. Not monitored "
                   "24/7: in an emergency call 911.</p>",
        "url": f"https://{MASTO_HOST}/@sgtbell", "manuallyApprovesFollowers": False,
        "discoverable": True, "published": "2022-11-08T00:00:00Z",
        "tag": [], "attachment": [{"type": "PropertyValue", "name": "Department",
                                   "value": f'<a href="{SITE}/police">{SITE}/police</a>'}],
        "icon": {"type": "Image", "mediaType": "image/jpeg", "url": "avatar.jpg"},
        "likes": "likes.json", "bookmarks": "bookmarks.json",
    }

    def collection(name: str, urls: list[str]) -> bytes:
        return json.dumps({"@context": "https://www.w3.org/ns/activitystreams", "id": name,
                           "type": "OrderedCollection", "orderedItems": urls},
                          separators=(",", ":")).encode()

    members = {
        "outbox.json": outbox.encode(),
        "actor.json": json.dumps(actor, ensure_ascii=False, separators=(",", ":")).encode(),
        "likes.json": collection("likes.json", BOOSTED[:3]),
        "bookmarks.json": collection("bookmarks.json", BOOSTED[3:]),
    }
    return "archive-20250114183012-5c0e9f2d7a4b18e63f9d2c7b01a5e4d8.zip", zip_bytes(members)
