"""Meta's exports: the department's Instagram download and Officer Ortiz's Facebook download."""

from __future__ import annotations

import json
import random
import re
from datetime import UTC, datetime
from typing import Any

from samplegen.captions import ORTIZ, ORTIZ_KIDS
from samplegen.common import (
    Item,
    campaign_items,
    department,
    digits,
    filler_items,
    sort_and_age,
    unix,
    zip_bytes,
)
from samplegen.world import ALL_PLACES, CITY, FB_HANDLE, IG_HANDLE, SITE


def mojibake(value: Any) -> Any:
    """Every string as Meta writes it: its UTF-8 bytes read back as Latin-1."""
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [mojibake(v) for v in value]
    if isinstance(value, dict):
        return {mojibake(k): mojibake(v) for k, v in value.items()}
    return value


_EMPTY_ARRAY = re.compile(r"^( *)(.*)\[\]", re.M)


def meta_json(value: Any) -> bytes:
    """JSON as Meta's exports write it: indented, pure ASCII, one escape per UTF-8 byte, and
    an empty array spread over lines."""
    text = json.dumps(mojibake(value), indent=2, ensure_ascii=True)
    return _EMPTY_ARRAY.sub(lambda m: f"{m[1]}{m[2]}[\n\n{m[1]}]", text).encode("ascii")


# Instagram ---------------------------------------------------------------------------------------


def instagram(rng: random.Random) -> tuple[str, bytes]:
    items = department(rng, "instagram", 64)
    for item in rng.sample(items, 6):
        item.kind = "reel"
    for item in items:
        item.photos = 1 if item.kind == "reel" else rng.choice([1, 1, 1, 2, 3])
        if item.place is not None and rng.random() < 0.3:
            item.place = None  # no location on the photo
    items = sort_and_age(items, lost=True)
    posts: list[dict[str, Any]] = []
    reels: list[dict[str, Any]] = []
    for item in reversed(items):  # newest first, as Instagram writes them
        ts = unix(item.when)
        month = item.when.strftime("%Y%m")
        media = []
        for n in range(item.photos):
            metadata: dict[str, Any]
            if n == 0 and item.place is not None:
                point = {"latitude": round(item.place.latitude + rng.uniform(-4e-4, 4e-4), 6),
                         "longitude": round(item.place.longitude + rng.uniform(-4e-4, 4e-4), 6)}
                key = "video_metadata" if item.kind == "reel" else "photo_metadata"
                metadata = {key: {"exif_data": [point]}}
            else:
                metadata = {"camera_metadata": {"has_camera_metadata": False}}
            folder, ext = ("reels", "mp4") if item.kind == "reel" else ("posts", "jpg")
            media.append({
                "uri": f"media/{folder}/{month}/1{rng.choice('78')}{digits(rng, 15)}.{ext}",
                # a carousel's items were uploaded a second or two before the post
                "creation_timestamp": ts - (rng.randrange(1, 3) if item.photos > 1 else 0),
                "media_metadata": metadata,
                "title": item.text if item.photos == 1 else "",
                "cross_post_source": {"source_app": "FB"},
            })
        if item.kind == "reel":
            reels.append({"media": media})
        elif item.photos == 1:
            posts.append({"media": media})
        else:
            posts.append({"media": media, "title": item.text, "creation_timestamp": ts})
    profile = {"profile_user": [{
        "media_map_data": {"Profile Photo": {
            "uri": "media/profile/202301/17841400000000001.jpg",
            "creation_timestamp": unix(datetime(2023, 1, 3, 17, 0, tzinfo=UTC)), "title": ""}},
        "string_map_data": {
            "Email": {"href": "", "value": "socialmedia@mapleharbor.example", "timestamp": 0},
            "Name": {"href": "", "value": "Maple Harbor Police Department", "timestamp": 0},
            "Username": {"href": "", "value": IG_HANDLE, "timestamp": 0},
            "Bio": {"href": "", "value": "Serving Maple Harbor since 1911 ⚓ Not monitored "
                                         "24/7: in an emergency call 911.", "timestamp": 0},
            "Website": {"href": "", "value": f"{SITE}/police", "timestamp": 0},
            "Private Account": {"href": "", "value": "False", "timestamp": 0},
        },
    }]}
    members = {
        "your_instagram_activity/content/posts_1.json": meta_json(posts),
        "your_instagram_activity/content/reels.json": meta_json({"ig_reels_media": reels}),
        "personal_information/personal_information/personal_information.json":
            meta_json(profile),
    }
    return "instagram-mapleharborpd-2025-01-14-hQ7rK2pX.zip", zip_bytes(members)


# Facebook ----------------------------------------------------------------------------------------


def facebook(rng: random.Random, ortiz: list[Item]) -> tuple[str, bytes]:
    posts = []
    for item in reversed(ortiz):
        ts = unix(item.when)
        attachments: list[dict[str, Any]] = []
        if item.photos:
            photo = f"{digits(rng, 9)}_{digits(rng, 16)}_{digits(rng, 19)}_n"
            attachments.append({"data": [{"media": {
                "uri": f"your_facebook_activity/posts/media/MobileUploads_{item.when:%Y%m}/"
                       f"{photo}.jpg",
                "creation_timestamp": ts,
                "media_metadata": {"photo_metadata": {"exif_data": [{"taken_timestamp": ts - 60}]}},
                "title": "Mobile uploads",
                **({"description": item.text} if item.text else {}),
            }}]})
        if item.place is not None:
            place = item.place
            told: dict[str, Any] = {
                "name": place.name,
                "coordinate": {"latitude": place.latitude, "longitude": place.longitude},
                "address": f"{place.address}, {CITY}" if rng.random() < 0.6 else "",
                "url": f"https://www.facebook.com/pages/{place.name.replace(' ', '-')}/"
                       f"{digits(rng, 15)}",
            }
            if rng.random() < 0.4:  # Facebook often names the place twice, once without url
                attachments.append({"data": [{"place": {k: v for k, v in told.items()
                                                        if k != "url"}}]})
            attachments.append({"data": [{"place": told}]})
        post: dict[str, Any] = {"timestamp": ts}
        if attachments:
            post["attachments"] = attachments
        post["data"] = [{"post": item.text}] if item.text else []
        if item.place is not None:
            post["title"] = f"Daniela Ortiz was at {item.place.name}."
        elif item.photos:
            post["title"] = "Daniela Ortiz added a new photo."
        else:
            post["title"] = "Daniela Ortiz updated her status."
        if item.tagged:
            post["tags"] = [{"name": name} for name in item.tagged]
        posts.append(post)
    profile = {"profile_v2": {
        "name": {"full_name": "Daniela Ortiz", "first_name": "Daniela", "middle_name": "",
                 "last_name": "Ortiz"},
        "emails": {"emails": [], "previous_emails": [], "pending_emails": [],
                   "ad_account_emails": []},
        "current_city": {"name": CITY, "timestamp": 1514764800},
        "username": FB_HANDLE,
        "registration_timestamp": 1262304000,
    }}
    members = {
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json":
            meta_json(posts),
        "personal_information/profile_information/profile_information.json": meta_json(profile),
    }
    return "facebook-danielaortizmhpd-2025-01-14-Vb3nT8sE.zip", zip_bytes(members)


def ortiz_items(rng: random.Random) -> list[Item]:
    items = campaign_items(rng, "ortiz", "facebook", "en")
    items += filler_items(rng, 38 - len(items), "facebook", "en", ORTIZ, ORTIZ_KIDS, 0.25)
    for item in rng.sample(items, 3):  # check-ins: a place and no words
        item.kind, item.text, item.photos = "checkin", "", 0
        item.place = item.place or rng.choice(ALL_PLACES)
        item.extra.pop("kids", None)
    for item in items:
        if item.kind == "post":
            item.photos = 0 if rng.random() < 0.3 else 1
            if item.place is None and rng.random() < 0.3:
                item.place = rng.choice(ALL_PLACES)
            if rng.random() < 0.15:
                item.tagged = ("Marcus Bell",)
    return sort_and_age(items, lost=True)
