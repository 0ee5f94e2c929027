"""The posts of each account before a platform writes them, and what every writer uses."""

from __future__ import annotations

import io
import random
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from samplegen.captions import CAMPAIGNS, CP_CASINGS, DEPT, DEPT_KIDS
from samplegen.world import (
    EXPORTED,
    FIRST,
    ISLAMIC_CENTER,
    KIDS,
    LAST,
    LINKS,
    PLACES,
    ST_NICHOLAS,
    TZ,
    Place,
)

# Emoji an older scheduling tool lost in early 2023: each UTF-16 unit became "?".
EMOJI = re.compile(r"[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\u200d\ufe0f\U0001f000-\U0001faff]")
SCHEDULER = "ScheduleBoard"
LOST_UNTIL = date(2023, 7, 1)

# Hashtags and mentions as written: "#" or "@" and a run of anything but spaces and the few
# punctuation marks the templates put after them.
HASHTAG = re.compile(r"(?<![\w&])#[^\s#@.,!?:;()]+")
MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]+(?:@[A-Za-z0-9_.-]*[A-Za-z0-9])?")
URL = re.compile(r"https://\S+")


@dataclass
class Item:
    """One thing an account published, before a platform writes it out."""

    when: datetime  # UTC
    text: str
    lang: str
    place: Place | None = None
    photos: int = 1
    kind: str = "post"  # post, reel, checkin, followers, direct, repost, reply
    likes: int = 0
    shares: int = 0
    replies: int = 0
    quotes: int = 0
    lost: bool = False  # posted through the old scheduler, which lost the emoji
    tagged: tuple[str, ...] = ()
    of: Any = None  # what a repost reposts, or whom a reply or a direct message answers
    alt: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# -- building the items of each account ---------------------------------------------------------


def local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=TZ).astimezone(UTC)


def fill(rng: random.Random, template: str, platform: str, year: int,
         place: Place | None = None, link: str = LINKS["report"]) -> tuple[str, Place | None]:
    """A caption from ``template``, and the place it names (if any)."""
    names = rng.sample(KIDS, 2)
    casings = CP_CASINGS[platform]
    cp = rng.choices([c for c, _ in casings], [w for _, w in casings])[0]
    slots = {"kid": names[0], "kid2": names[1], "cp": cp, "year": year, "link": link}
    for kind, places in PLACES.items():
        if "{" + kind + "}" in template:
            place = place or rng.choice(places)
            slots[kind] = place.name
    return re.sub(" {2,}", " ", template.format(**slots)).strip(), place


class Deck:
    """Templates dealt in a shuffled order, reshuffled once all were dealt: a template comes
    back only after the others."""

    def __init__(self, rng: random.Random, templates: list[str]) -> None:
        self.rng, self.templates, self.left = rng, templates, list[str]()

    def deal(self) -> str:
        if not self.left:
            self.left = self.rng.sample(self.templates, len(self.templates))
        return self.left.pop()


def lose_emoji(text: str) -> str:
    return EMOJI.sub(lambda m: "??" if m.group() > "\uffff" else "?", text)


def campaign_items(rng: random.Random, who: str, platform: str, lang: str,
                   since: date = FIRST) -> list[Item]:
    items = []
    for name, (days, plans) in CAMPAIGNS.items():
        for day in days:
            for offset, at, template in plans.get(who, ()):
                when = day + timedelta(days=offset)
                if when < since:
                    continue
                place = {"greekfest": ST_NICHOLAS, "iftar": ISLAMIC_CENTER}.get(name)
                link = LINKS["nno"] if name == "nno" else LINKS["report"]
                text, place = fill(rng, template, platform, day.year, place, link)
                moment = local(when, at) + timedelta(seconds=rng.randrange(60))
                items.append(Item(when=moment, text=text, lang=_lang(text, lang),
                                  place=place, extra={"campaign": name}))
    return items


def filler_items(rng: random.Random, n: int, platform: str, lang: str, pool: list[str],
                 kids: list[str], kid_share: float, since: date = FIRST) -> list[Item]:
    items = []
    span = (LAST - since).days
    decks = {False: Deck(rng, pool), True: Deck(rng, kids)}
    for _ in range(n):
        day = since + timedelta(days=rng.randrange(span + 1))
        at = time(rng.randrange(7, 20), rng.randrange(60))
        kid = rng.random() < kid_share
        template = decks[kid].deal()
        link = LINKS["hiring"] if "hiring" in template else LINKS["report"]
        text, place = fill(rng, template, platform, day.year, None, link)
        moment = local(day, at) + timedelta(seconds=rng.randrange(60))
        items.append(Item(when=moment, text=text, lang=_lang(text, lang), place=place,
                          extra={"kids": True} if kid else {}))
    return items


def _lang(text: str, default: str) -> str:
    if re.search(r"[¡¿ñ]|\b(?:Gracias|Charla|Clínica|Café|Feliz)\b", text):
        return "es"
    return default


def engagement(rng: random.Random, items: list[Item], median: int) -> None:
    for item in items:
        boost = 3.0 if item.extra.get("kids") else 2.0 if "campaign" in item.extra else 1.0
        likes = int(rng.lognormvariate(0, 0.6) * median * boost)
        item.likes = likes
        item.shares = int(likes * rng.uniform(0.05, 0.2))
        item.replies = int(likes * rng.uniform(0.02, 0.1))
        item.quotes = int(likes * rng.uniform(0.0, 0.03))


def sort_and_age(items: list[Item], lost: bool) -> list[Item]:
    """``items`` in time order, one per minute at most. With ``lost``, every other post before
    :data:`LOST_UNTIL` went through the old scheduler, which lost its emoji."""
    items.sort(key=lambda i: (i.when, i.text))
    seen: set[datetime] = set()
    for index, item in enumerate(items):
        while item.when in seen:
            item.when += timedelta(minutes=1)
        seen.add(item.when)
        scheduled = lost and index % 2 == 0 and item.when.astimezone(TZ).date() < LOST_UNTIL
        if scheduled and EMOJI.search(item.text):
            item.text, item.lost = lose_emoji(item.text), True
    return items


def department(rng: random.Random, platform: str, n: int, since: date = FIRST) -> list[Item]:
    items = campaign_items(rng, "dept", platform, "en", since)
    items += filler_items(rng, n - len(items), platform, "en", DEPT, DEPT_KIDS, 0.2, since)
    return items


# -- what every writer uses ------------------------------------------------------------------


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip of ``members``, deterministic: sorted names, fixed times, deflated at level 9."""
    buf = io.BytesIO()
    stamp = EXPORTED.timetuple()[:6]
    with zipfile.ZipFile(buf, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, members[name], compresslevel=9)
    return buf.getvalue()


def digits(rng: random.Random, n: int) -> str:
    return str(rng.randrange(10 ** (n - 1), 10 ** n))


def b32(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz234567") for _ in range(n))


def unix(when: datetime) -> int:
    return int(when.timestamp())
