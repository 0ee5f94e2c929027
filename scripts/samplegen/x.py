"""The department's X account archive."""

from __future__ import annotations

import json
import random
from datetime import datetime, time, timedelta
from typing import Any

from samplegen.common import (
    HASHTAG,
    MENTION,
    SCHEDULER,
    URL,
    Item,
    department,
    engagement,
    local,
    sort_and_age,
    unix,
    zip_bytes,
)
from samplegen.world import FIRST, LAST, X_HANDLE, X_ID, X_NAME, X_OTHERS

TWITTER_EPOCH_MS = 1288834974657
RETWEETS = [
    ("MapleHarborFD", "Smoke alarm giveaway this Saturday at Station 2 🔥 Bring your questions "
                      "and your old detectors. #FireSafety #MapleHarbor"),
    ("CityofMapleHarbor", "Front St will be closed from 6am to noon Sunday for the harbor 10K 🏃 "
                          "Detour via Cedar St. #MapleHarborAlert"),
    ("MHSchools", "Thank you to @MapleHarborPD for a great safety assembly at Lincoln Elementary "
                  "today! #BackToSchool #CommunityPolicing"),
    ("MapleHarborFD", "Fireworks are illegal within city limits. Enjoy the harbor show instead "
                      "🎆 #FourthOfJuly"),
    ("CityofMapleHarbor", "Cooling centers are open today at the library and the Eastside "
                          "Community Center ☀️ #HeatWave"),
    ("MHSchools", "Crossing guards needed at Westview Middle! Apply today 🚸 #BackToSchool"),
    ("CityofMapleHarbor", "The new bike lanes on River Rd are open 🚲 #VisionZero #BikeLanes"),
    ("MapleHarborFD", "Water rescue training at Pier 3 this week, don't be alarmed by the "
                      "boats 🚤 #Training"),
]
X_REPLIES = [
    ("CityofMapleHarbor", "Thanks for the update! Our officers will be at the detour points "
                          "🚧"),
    ("MapleHarborFD", "Great work today, neighbors 🤝 #FirstResponders"),
    ("MHSchools", "We loved it too! See you at Westview next month 📚"),
]
X_SOURCE = '<a href="https://mobile.twitter.com" rel="nofollow">Twitter for iPhone</a>'
X_OLD_SOURCE = f'<a href="https://scheduleboard.example" rel="nofollow">{SCHEDULER}</a>'


def snowflake(rng: random.Random, when: datetime) -> str:
    return str(((unix(when) * 1000 + rng.randrange(1000) - TWITTER_EPOCH_MS) << 22)
               | rng.randrange(1 << 22))


def x_created(when: datetime) -> str:
    return when.strftime("%a %b %d %H:%M:%S +0000 %Y")


def tco(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "https://t.co/" + "".join(rng.choice(alphabet) for _ in range(10))


def x_entities(rng: random.Random, text: str) -> tuple[str, dict[str, Any]]:
    """The archive's ``full_text`` (links as t.co, HTML-escaped) and its entities, whose
    indices count code points of the escaped text."""
    urls = []
    for match in reversed(list(URL.finditer(text))):
        short = tco(rng)
        urls.append((short, match.group()))
        text = text[:match.start()] + short + text[match.end():]
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    hashtags = [{"text": m.group()[1:], "indices": [str(m.start()), str(m.end())]}
                for m in HASHTAG.finditer(escaped)]
    mentions = []
    for m in MENTION.finditer(escaped):
        name = m.group()[1:]
        display, ident = X_OTHERS.get(name, (X_NAME, X_ID))
        mentions.append({"name": display, "screen_name": name,
                         "indices": [str(m.start()), str(m.end())], "id_str": ident,
                         "id": ident})
    links = []
    for short, long in reversed(urls):
        start = escaped.index(short)
        shown = long.removeprefix("https://")
        links.append({"url": short, "expanded_url": long,
                      "display_url": shown if len(shown) <= 26 else shown[:25] + "…",
                      "indices": [str(start), str(start + len(short))]})
    return escaped, {"hashtags": hashtags, "symbols": [], "user_mentions": mentions,
                     "urls": links}


def tweet(rng: random.Random, item: Item) -> dict[str, Any]:
    when = item.when
    tweet_id = snowflake(rng, when)
    text = item.text
    prefix = ""
    if item.kind == "reply":
        prefix = f"@{item.of} "
    elif item.kind == "repost":
        author, original = item.of
        prefix = f"RT @{author}: "
        text = original if len(prefix + original) <= 140 else original[:139 - len(prefix)] + "…"
    full, entities = x_entities(rng, prefix + text)
    shown = len(full)
    extended = None
    if item.photos and item.kind == "post":
        short = tco(rng)
        start = len(full) + 1
        full = f"{full} {short}"
        key = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                      for _ in range(15))
        media_id = snowflake(rng, when)
        photo = {
            "expanded_url": f"https://x.com/{X_HANDLE}/status/{tweet_id}/photo/1",
            "indices": [str(start), str(start + len(short))],
            "url": short,
            "media_url": f"http://pbs.twimg.com/media/{key}.jpg",
            "id_str": media_id,
            "id": media_id,
            "media_url_https": f"https://pbs.twimg.com/media/{key}.jpg",
            "sizes": {"large": {"w": "2048", "h": "1536", "resize": "fit"},
                      "thumb": {"w": "150", "h": "150", "resize": "crop"}},
            "type": "photo",
            "display_url": "pic.x.com/" + key[:10].lower(),
        }
        entities["media"] = [photo]
        extended = {"media": [photo]}
    start = len(prefix) if item.kind == "reply" else 0
    body: dict[str, Any] = {
        "edit_info": {"initial": {
            "editTweetIds": [tweet_id],
            "editableUntil": (when + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "editsRemaining": "5", "isEditEligible": item.kind != "repost"}},
        "retweeted": False,
        "source": X_OLD_SOURCE if item.lost else X_SOURCE,
        "entities": entities,
        "display_text_range": [str(start), str(shown)],
        "favorite_count": str(0 if item.kind == "repost" else item.likes),
        "id_str": tweet_id,
    }
    if item.kind == "reply":
        other = X_OTHERS[item.of][1]
        parent = snowflake(rng, when - timedelta(minutes=rng.randrange(5, 90)))
        body.update({"in_reply_to_status_id_str": parent, "in_reply_to_user_id": other,
                     "in_reply_to_status_id": parent, "in_reply_to_screen_name": item.of,
                     "in_reply_to_user_id_str": other})
    body.update({
        "truncated": False,
        "retweet_count": str(item.shares),
        "id": tweet_id,
        "created_at": x_created(when),
        "favorited": False,
        "full_text": full,
        "lang": item.lang,
    })
    if entities["urls"] or extended:
        body["possibly_sensitive"] = False
    if extended:
        body["extended_entities"] = extended
    return {"tweet": body}


def js(name: str, value: Any) -> bytes:
    """An archive ``.js`` file: one JSON value assigned to ``window.YTD...``, as X writes it."""
    text = json.dumps(value, indent=2, ensure_ascii=False, separators=(",", " : "))
    return f"window.{name} = {text}".encode()


def twitter(rng: random.Random) -> tuple[str, bytes]:
    items = department(rng, "twitter", 84)
    for item in items:
        item.photos = 1 if rng.random() < 0.5 else 0
    engagement(rng, items, 22)
    for (author, _), item in zip(X_REPLIES, rng.sample(items, 3), strict=True):
        item.kind, item.of, item.photos = "reply", author, 0
        item.text = dict(X_REPLIES)[author]
        item.extra = {}
    days = (LAST - FIRST).days
    for author, text in RETWEETS:
        when = local(FIRST + timedelta(days=rng.randrange(days)), time(rng.randrange(8, 19), 5))
        items.append(Item(when=when, text="", lang="en", kind="repost", of=(author, text),
                          shares=rng.randrange(5, 60), photos=0))
    items = sort_and_age(items, lost=True)
    tweets = [tweet(rng, item) for item in reversed(items)]
    account = [{"account": {
        "email": "socialmedia@mapleharbor.example", "createdVia": "web", "username": X_HANDLE,
        "accountId": X_ID, "createdAt": "2011-04-12T16:20:31.000Z",
        "accountDisplayName": X_NAME}}]
    manifest = {
        "userInfo": {"accountId": X_ID, "userName": X_HANDLE, "displayName": X_NAME},
        "archiveInfo": {"sizeBytes": "1048576", "generationDate": "2025-01-14T18:30:12.000Z",
                        "isPartialArchive": False, "maxPartSizeBytes": "53687091200"},
        "readmeInfo": {"fileName": "data/README.txt", "directory": "data/",
                       "name": "README.txt"},
        "dataTypes": {
            "account": {"files": [{"fileName": "data/account.js",
                                   "globalName": "YTD.account.part0", "count": "1"}]},
            "tweets": {"files": [{"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0",
                                  "count": str(len(tweets))}]},
        },
    }
    members = {
        "data/account.js": js("YTD.account.part0", account),
        "data/manifest.js": js("__THAR_CONFIG", manifest),
        "data/tweets.js": js("YTD.tweets.part0", tweets),
        "data/README.txt": b"This archive holds the account's data. See the X help center.\n",
    }
    return "twitter-2025-01-14-8d41c6b0e29a7f35.zip", zip_bytes(members)
