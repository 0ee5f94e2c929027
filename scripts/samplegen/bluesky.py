"""getAuthorFeed pages of the department's, Officer Raman's and Officer Ortiz's Bluesky accounts."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from samplegen.captions import RAMAN, RAMAN_KIDS
from samplegen.common import (
    HASHTAG,
    MENTION,
    URL,
    Item,
    b32,
    campaign_items,
    department,
    engagement,
    filler_items,
    local,
    sort_and_age,
    unix,
)
from samplegen.world import SKY_CITY, SKY_ORTIZ, SKY_PD, SKY_RAMAN, Sky

_TID = "234567abcdefghijklmnopqrstuvwxyz"


def tid(rng: random.Random, when: datetime) -> str:
    """A record key: microseconds since 1970 and a clock id, in base32-sortable."""
    value = ((unix(when) * 1_000_000 + rng.randrange(1_000_000)) << 10) | rng.randrange(1024)
    return "".join(_TID[(value >> (5 * i)) & 31] for i in range(12, -1, -1))


def sky_time(when: datetime, ms: int) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S") + f".{ms:03d}Z"


def rich_text(text: str) -> tuple[str, list[dict[str, Any]]]:
    """The text as the Bluesky app posts it (a link without its scheme, cut after 27
    characters), and its facets: hashtags, mentions and links at UTF-8 byte offsets."""
    handles = {SKY_PD.handle: SKY_PD.did, SKY_RAMAN.handle: SKY_RAMAN.did,
               SKY_ORTIZ.handle: SKY_ORTIZ.did}
    pattern = re.compile(f"{HASHTAG.pattern}|{MENTION.pattern}|{URL.pattern}")
    shown, found, last = "", [], 0
    for m in pattern.finditer(text):
        shown += text[last:m.start()]
        last = m.end()
        token = m.group()
        if token.startswith("#"):
            feature = {"$type": "app.bsky.richtext.facet#tag", "tag": token[1:]}
        elif token.startswith("@"):
            feature = {"$type": "app.bsky.richtext.facet#mention", "did": handles[token[1:]]}
        else:
            feature = {"$type": "app.bsky.richtext.facet#link", "uri": token}
            token = token[8:]
            token = token if len(token) <= 27 else token[:27] + "..."
        start = len(shown.encode())
        shown += token
        found.append({"features": [feature],
                      "index": {"byteEnd": len(shown.encode()), "byteStart": start}})
    return shown + text[last:], found


def sky_author(account: Sky) -> dict[str, Any]:
    return {"did": account.did, "handle": account.handle, "displayName": account.name,
            "labels": [], "createdAt": sky_time(account.joined, 0)}


def sky_view(rng: random.Random, account: Sky, item: Item) -> dict[str, Any]:
    text, found = rich_text(item.text)
    record: dict[str, Any] = {"$type": "app.bsky.feed.post",
                              "createdAt": sky_time(item.when, rng.randrange(1000))}
    view_embed = None
    if item.photos:
        blob = "bafkrei" + b32(rng, 52)
        ratio = {"height": 1200, "width": 1600}
        record["embed"] = {"$type": "app.bsky.embed.images", "images": [{
            "alt": item.alt, "aspectRatio": ratio,
            "image": {"$type": "blob", "ref": {"$link": blob}, "mimeType": "image/jpeg",
                      "size": rng.randrange(150_000, 900_000)}}]}
        cdn = "https://cdn.bsky.app/img/{}/plain/" + account.did + "/" + blob + "@jpeg"
        view_embed = {"$type": "app.bsky.embed.images#view", "images": [{
            "thumb": cdn.format("feed_thumbnail"), "fullsize": cdn.format("feed_fullsize"),
            "alt": item.alt, "aspectRatio": ratio}]}
    if found:
        record["facets"] = found
    record["langs"] = [item.lang]
    record["text"] = text
    view: dict[str, Any] = {
        "uri": f"at://{account.did}/app.bsky.feed.post/{tid(rng, item.when)}",
        "cid": "bafyrei" + b32(rng, 52),
        "author": sky_author(account),
        "record": record,
    }
    if view_embed:
        view["embed"] = view_embed
    view.update({"replyCount": item.replies, "repostCount": item.shares,
                 "likeCount": item.likes, "quoteCount": item.quotes,
                 "indexedAt": sky_time(item.when + timedelta(seconds=1), rng.randrange(1000)),
                 "labels": []})
    return view


def bluesky(rng: random.Random, ortiz: list[Item]) -> tuple[str, bytes]:
    start = {SKY_PD.did: date(2023, 11, 15), SKY_RAMAN.did: date(2024, 2, 10),
             SKY_ORTIZ.did: date(2024, 6, 1)}
    feeds: dict[str, list[tuple[Item, Sky]]] = {}
    pd = department(rng, "bluesky", 34, start[SKY_PD.did])
    raman = campaign_items(rng, "raman", "bluesky", "en", start[SKY_RAMAN.did])
    raman += filler_items(rng, 30 - len(raman), "bluesky", "en", RAMAN, RAMAN_KIDS, 0.12,
                          start[SKY_RAMAN.did])
    for item in raman:
        if re.search("[\u0900-\u097f]", item.text):
            item.lang = "hi"
    # Officer Ortiz joined Bluesky in June 2024 and posts there what she posts on Facebook.
    cross = [replace(i, extra=dict(i.extra)) for i in ortiz
             if i.kind == "post" and i.when.date() >= start[SKY_ORTIZ.did]][:14]
    for who, items, photo_share, median in ((SKY_PD, pd, 0.6, 14), (SKY_RAMAN, raman, 0.5, 9),
                                            (SKY_ORTIZ, cross, 0.5, 7)):
        for item in items:
            item.photos = 1 if rng.random() < photo_share else 0
            item.alt = "" if who is SKY_PD else "Officers and neighbors at the event"
        engagement(rng, items, median)
        feeds[who.did] = [(item, who) for item in sort_and_age(items, lost=False)]
    views = {did: [sky_view(rng, who, item) for item, who in feed] for did, feed in feeds.items()}
    # Reposts: the officers pass on the department's posts, the department the city's.
    city = [Item(when=local(date(2024, 7, 2), time(9, 0)), lang="en", photos=0,
                 text="Fireworks are illegal within city limits. Enjoy the harbor show 🎆 "
                      "#FourthOfJuly"),
            Item(when=local(date(2024, 11, 28), time(8, 0)), lang="en", photos=0,
                 text="City offices are closed for Thanksgiving 🦃 #MapleHarbor")]
    engagement(rng, city, 30)
    reposts: dict[str, list[tuple[datetime, dict[str, Any]]]] = {d: [] for d in views}
    for item in city:
        original = sky_view(rng, SKY_CITY, item)
        reposts[SKY_PD.did].append((item.when + timedelta(minutes=rng.randrange(10, 120)),
                                    original))
    for did in (SKY_RAMAN.did, SKY_ORTIZ.did):
        candidates = [(i, v) for (i, _), v in zip(feeds[SKY_PD.did], views[SKY_PD.did],
                                                  strict=True)
                      if i.when.date() >= start[did]]
        for item, original in rng.sample(candidates, 2):
            reposts[did].append((item.when + timedelta(minutes=rng.randrange(10, 300)),
                                 original))
    lines = []
    for who in (SKY_PD, SKY_RAMAN, SKY_ORTIZ):
        entries = [(item.when, {"post": view}) for (item, _), view in
                   zip(feeds[who.did], views[who.did], strict=True)]
        for when, original in reposts[who.did]:
            entries.append((when, {"post": original, "reason": {
                "$type": "app.bsky.feed.defs#reasonRepost", "by": sky_author(who),
                "uri": f"at://{who.did}/app.bsky.feed.repost/{tid(rng, when)}",
                "cid": "bafyrei" + b32(rng, 52),
                "indexedAt": sky_time(when, rng.randrange(1000))}}))
        entries.sort(key=lambda e: e[0], reverse=True)  # newest first, as the feed gives them
        for page in range(0, len(entries), 25):
            chunk = entries[page:page + 25]
            response: dict[str, Any] = {"feed": [e for _, e in chunk]}
            if page + 25 < len(entries):
                response["cursor"] = sky_time(chunk[-1][0], 0)
            lines.append(json.dumps(response, ensure_ascii=False, separators=(",", ":")))
    return "bluesky-getAuthorFeed-2025-01-14.jsonl", ("\n".join(lines) + "\n").encode()
