"""Build engagekit's sample exports: src/engagekit/datasets/sample_exports/ and sample_roster.csv.

The sample is the Maple Harbor Police Department and three of its officers posting from
January 2023 to December 2024. Each platform's part is written the way that platform's own
export writes it, so that reading the sample runs the real readers:

* Instagram: the department's "Download your information" zip (JSON, 2024 layout), with Meta's
  mojibake (every non-ASCII character written as one ``\\u00XX`` escape per UTF-8 byte);
* Facebook: Officer Daniela Ortiz's "Download your information" zip (JSON, 2024 layout);
* X: the department's account archive zip (``data/tweets.js``, ``account.js``, ``manifest.js``);
* Mastodon: Sergeant Marcus Bell's account archive zip (``outbox.json``, ``actor.json``, ...);
* Bluesky: ``app.bsky.feed.getAuthorFeed`` responses for the department, Officer Priya Raman and
  Officer Ortiz, one page per line (there is no zip for API responses);
* a CSV roster naming the officers' and the department's accounts.

Everything is invented: the city, the department, the officers, the children named in captions,
the places, the ids and the counts; the domains end in ``.example``. The output is
deterministic (seeded random numbers, zip members written in a fixed order with fixed times and
fixed compression); a test runs this script again and compares the files byte for byte.

Run: ``python scripts/build_sample_exports.py [--check] [--out DIR]`` (DIR defaults to
``src/engagekit/datasets``).
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import random
import re
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

DATASETS = Path(__file__).resolve().parents[1] / "src" / "engagekit" / "datasets"
FOLDER = "sample_exports"
ROSTER = "sample_roster.csv"

SEED = 2025
TZ = ZoneInfo("America/Los_Angeles")
FIRST, LAST = date(2023, 1, 1), date(2024, 12, 31)
#: When the exports were downloaded: the time of every zip member.
EXPORTED = datetime(2025, 1, 14, 18, 30, 12, tzinfo=UTC)

AGENCY = "Maple Harbor Police Department"
CITY = "Maple Harbor, Washington"
SITE = "https://mapleharbor.example"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"

# -- the accounts -------------------------------------------------------------------------------

IG_HANDLE = "mapleharborpd"
X_HANDLE, X_ID, X_NAME = "MapleHarborPD", "2948123365", "Maple Harbor Police"
FB_HANDLE = "daniela.ortiz.mhpd"
MASTO_HOST = "social.mapleharbor.example"
MASTO_ACTOR = f"https://{MASTO_HOST}/users/sgtbell"


@dataclass(frozen=True)
class Sky:
    """A Bluesky account."""

    did: str
    handle: str
    name: str
    joined: datetime


SKY_PD = Sky("did:plc:q3m7hx2kvyd5rw4n6tz8bsce", "police.mapleharbor.example",
             "Maple Harbor Police", datetime(2023, 11, 14, 17, 2, 41, tzinfo=UTC))
SKY_RAMAN = Sky("did:plc:r5aj2wpe7mkx4tq6nv3zhd7u", "raman.police.mapleharbor.example",
                "Officer Priya Raman", datetime(2024, 2, 9, 20, 11, 5, tzinfo=UTC))
SKY_ORTIZ = Sky("did:plc:o2tz6cgv4ykp7wm3hr5xq2le", "ortiz.police.mapleharbor.example",
                "Oficial Daniela Ortiz", datetime(2024, 5, 28, 15, 40, 19, tzinfo=UTC))
SKY_CITY = Sky("did:plc:c4ty7mhb2vnq5xk3pw6rzd4a", "city.mapleharbor.example",
               "City of Maple Harbor", datetime(2023, 10, 2, 16, 0, 0, tzinfo=UTC))

#: Other accounts the sample mentions or reposts: X (display name, id), Mastodon (actor URL).
X_OTHERS = {"MapleHarborFD": ("Maple Harbor Fire", "3311582204"),
            "CityofMapleHarbor": ("City of Maple Harbor", "2874410562"),
            "MHSchools": ("Maple Harbor Schools", "3120087736")}
MASTO_OTHERS = {
    "library@civic.mapleharbor.example": "https://civic.mapleharbor.example/users/library",
    "jkowalski@neighbors.example": "https://neighbors.example/users/jkowalski",  # a resident
}

#: The roster: officer (name, rank, badge) or "" for the department's own accounts, with
#: (platform, handle, account id).
ACCOUNTS = [
    ("Daniela Ortiz", "Officer", "2231", "facebook", FB_HANDLE, ""),
    ("Daniela Ortiz", "Officer", "2231", "bluesky", SKY_ORTIZ.handle, SKY_ORTIZ.did),
    ("Marcus Bell", "Sergeant", "1187", "mastodon", f"sgtbell@{MASTO_HOST}", MASTO_ACTOR),
    ("Priya Raman", "Officer", "2964", "bluesky", SKY_RAMAN.handle, SKY_RAMAN.did),
    ("", "", "", "instagram", IG_HANDLE, ""),
    ("", "", "", "twitter", X_HANDLE, X_ID),
    ("", "", "", "bluesky", SKY_PD.handle, SKY_PD.did),
]
#: Partner agencies whose accounts the sample mentions and reposts: (agency, platform, handle,
#: account id). In the roster, so that redaction keeps them.
PARTNERS = [
    ("Maple Harbor Fire Department", "twitter", "MapleHarborFD", X_OTHERS["MapleHarborFD"][1]),
    ("City of Maple Harbor", "twitter", "CityofMapleHarbor", X_OTHERS["CityofMapleHarbor"][1]),
    ("City of Maple Harbor", "bluesky", SKY_CITY.handle, SKY_CITY.did),
    ("Maple Harbor Public Schools", "twitter", "MHSchools", X_OTHERS["MHSchools"][1]),
    ("Maple Harbor Public Library", "mastodon", "library@civic.mapleharbor.example",
     MASTO_OTHERS["library@civic.mapleharbor.example"]),
]

# -- places -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    address: str


PLACES = {  # by kind: a template's {park}, {hall} or {school} is one of its kind
    "park": [
        Place("Harbor Park", 47.1261, -122.9046, "1200 Harbor Ave"),
        Place("Old Town Square", 47.1229, -122.9012, "100 Front St"),
        Place("Waterfront Pier", 47.1277, -122.9121, "3 Waterfront Dr"),
        Place("Riverside Skate Park", 47.1154, -122.8950, "600 River Rd"),
    ],
    "hall": [
        Place("Maple Harbor Public Library", 47.1208, -122.8987, "310 Cedar St"),
        Place("Eastside Community Center", 47.1183, -122.8724, "2150 E 5th St"),
        Place("Harborview Shopping Center", 47.1102, -122.8831, "4400 Harborview Pkwy"),
    ],
    "school": [
        Place("Lincoln Elementary School", 47.1312, -122.8891, "845 Lincoln Way"),
        Place("Westview Middle School", 47.1337, -122.9188, "1900 Westview Blvd"),
    ],
}
ALL_PLACES = [place for kind in PLACES.values() for place in kind]
ST_NICHOLAS = Place("St. Nicholas Greek Orthodox Church", 47.1247, -122.8943, "515 Olive St")
ISLAMIC_CENTER = Place("Maple Harbor Islamic Center", 47.1169, -122.8802, "1730 E 3rd St")

KIDS = ["Giselle", "Aliyah", "Mateo", "Noor", "Kofi", "Amara", "Liam", "Isabella", "Wei",
        "Arjun", "Meera", "Sofía", "Valentina", "Tomás", "Zainab", "Elena"]

# -- what the accounts write --------------------------------------------------------------------
#
# A template is a caption with slots: {park}, {hall}, {school} (a place of that kind), {kid} and
# {kid2} (children's first names), {cp} (a #CommunityPolicing tag in the account's habitual
# casing), {year} and {link}. Hashtags and mentions are written as they would be typed;
# everything else is derived from the text.

CP_CASINGS = {  # how each account writes #CommunityPolicing, with weights
    "instagram": [("#communitypolicing", 3), ("#CommunityPolicing", 2)],
    "facebook": [("#CommunityPolicing", 3), ("#communitypolicing", 1)],
    "twitter": [("#CommunityPolicing", 4), ("#COMMUNITYPOLICING", 1)],
    "mastodon": [("#CommunityPolicing", 2), ("#COMMUNITYPOLICING", 1)],
    "bluesky": [("#CommunityPolicing", 3), ("#communitypolicing", 1)],
}

DEPT = [
    "Coffee with a cop at {hall} ☕ Thanks to everyone who stopped by to chat! "
    "#CoffeeWithACop {cp}",
    "Neighborhood walk through Old Town this afternoon 👮‍♀️👮 Say hi if you see us! {cp}",
    "Reminder: lock your car and take your valuables with you 🔒 #9PMRoutine #MapleHarbor",
    "We're hiring! Join a department that shows up for its neighbors 💙 Apply: {link} #NowHiring",
    "K9 demo at {park} 🐕 K9 Bruno stole the show again. #K9 {cp}",
    "Thank you to the volunteers who cleaned up at {park} this weekend 🌊💪 #MapleHarborStrong",
    "Lost and found: a very good dog found near {park} 🐶 Call the front desk to claim him!",
    "Reading buddies at {school} 📚 Our officers read to the second graders this morning. "
    "#ReadingIsFun {cp}",
    "Shout out to the crossing guards at {school} 🙌 Rain or shine! #BackToSchool {cp}",
    "Storm update: downed lines on Cedar Street, please avoid the area ⚠️ #MapleHarborAlert",
    "Fishing derby at {park} 🎣 The fish were not biting, the kids were. #MapleHarborStrong",
    "Our officers joined the #SpecialOlympics torch run today 🔥🏃 #LETR #TorchRun",
    "Self-defense basics for seniors at {hall} this Thursday 👵👴 Free, no sign-up. {cp}",
    "Free bike registration at {hall} on Saturday 🚲 Stolen bikes with a number come home. "
    "#BikeSafety",
    "Heat advisory today ☀️🥵 Check on your neighbors and never leave pets in the car. "
    "#MapleHarbor",
    "Citizens Police Academy graduation tonight 🎓 22 neighbors, 10 weeks, lots of questions. "
    "{cp}",
    "Drug take-back day at {hall} 💊 Drop off old medication, no questions asked. #TakeBackDay",
    "Fog on the harbor this morning 🌫️ Headlights on, slow down on Waterfront Dr. "
    "#TrafficSafety",
    "Pumpkin carving with the Eastside teen club 🎃 The judges were our dispatchers. {cp}",
    "Holiday toy drive: drop new, unwrapped toys at the front desk until the 15th 🎁🧸 "
    "#ToyDrive {cp}",
]
DEPT_KIDS = [
    "Great to meet {kid} & {kid2} today! 🚲 #BikeRodeo {cp}",
    "Thanks {kid} for showing us your bike skills at {park}! 🏆 #BikeSafety",
    "Shout out to {kid} and {kid2} for the amazing drawing 🖍️ It hangs at the front desk now. {cp}",
    "Happy 8th birthday, {kid}! 🎂 Thanks for inviting us to the party #MapleHarborStrong",
    "Congrats to {kid} on winning the safety poster contest! 🎨 #BackToSchool",
    "Great to see {kid} and {kid2} at the library story hour 📚 #ReadingIsFun",
]
ORTIZ = [
    "Charla de seguridad en {hall} para padres y abuelos 👨‍👩‍👧 #SeguridadVial {cp}",
    "Foot patrol downtown today, stop and say hi 👋 ¡Hasta pronto! {cp}",
    "Café con un policía ☕ Coffee with a cop at {hall}, en español y en inglés. "
    "#CoffeeWithACop #CaféConUnPolicía",
    "Car seat check at {hall} 🚗👶 Most seats we checked needed a fix. #SeguridadVial",
    "Proud to serve the community that raised me 💙 #OrgulloLatino {cp}",
    "Clínica de bicicletas en {park} 🚲🔧 Gracias a todos los voluntarios. #BikeSafety",
    "Soccer with the Eastside kids after shift ⚽ I lost 4 to 1. #PolicíaComunitaria",
    "Los jueves estoy en {hall} de 3 a 5. Pasen a saludar ☕🙂 {cp}",
    "Back on nights this month 🌙 Stay safe out there, Maple Harbor. #NightShift",
    "Tamales for the whole shift, courtesy of the Eastside church ladies 🫔❤️ #Gracias",
]
ORTIZ_KIDS = [
    "¡Qué gusto conocer a {kid} y {kid2} hoy! 🚲 #PolicíaComunitaria {cp}",
    "Gracias a {kid} y {kid2} por el dibujo ❤️ #PolicíaComunitaria",
    "Great to meet {kid} & {kid2} at {park} today! 🙌 {cp}",
]
BELL = [
    "Traffic safety reminder: school zones are 20 mph from 7 to 4 🚸 #TrafficSafety #MapleHarbor",
    "Community meeting tonight at {hall}, 6:30pm. Bring your questions about the new bike lanes. "
    "{cp} #BikeLanes",
    "Spent the afternoon with the Eastside neighborhood watch. Good people, good coffee. "
    "#NeighborhoodWatch {cp}",
    "You can report a non-emergency online: {link}\n\nNo need to wait on hold. #MapleHarbor",
    "Talking with @library@civic.mapleharbor.example about the summer reading program 📚 "
    "#SummerReading {cp}",
    "Speed trailer is up on Westview Blvd this week. It is there to inform, not to ticket. "
    "#TrafficSafety",
    "Night shift tip: if something looks off in your neighborhood, call it in. You are never "
    "bothering us. {cp}",
    "Bike lane sweep done on River Rd 🧹🚲 Thanks to public works. #BikeLanes #VisionZero",
    "Crosswalk sting on Front St this morning: 14 drivers did not stop for our decoy 🚶 "
    "#VisionZero #TrafficSafety",
    "Catalytic converter thefts are up on the Eastside. Park in the light, etch your VIN. "
    "#NeighborhoodWatch",
    "New signal at Harbor Ave and 5th goes live Monday 🚦 Give it a week. #TrafficSafety",
    "Our radar feedback signs are solar powered. Nobody steal them, please. #MapleHarbor",
    "Walked the Eastside with the neighborhood watch captains tonight. Three streetlights out, "
    "reported. {cp}",
    "Winter driving: the bridge freezes first ❄️🚗 #TrafficSafety #MapleHarbor",
]
BELL_KIDS = [
    "Thanks to {kid}, age 9, for the traffic-cone art 🎨 It is going up in the lobby. #BikeSafety",
    "Shout out to {kid} and {kid2}, our youngest crossing-guard helpers at {school} 🚸 "
    "#SafeRoutesToSchool",
]
RAMAN = [
    "Cricket camp with the Eastside youth league today 🏏 #YouthCricket {cp}",
    "Self-defense class for teens at {hall} this Saturday 💪 #YouthSafety",
    "Proud to graduate from the crisis intervention course 🎓 #CIT #MentalHealthAwareness",
    "Scam alert: nobody from the police will ask you for gift cards. सावधान रहें 🙏 #ScamAlert "
    "#सुरक्षा",
    "Story hour at {hall} with the little ones 📖 #ReadingIsFun {cp}",
    "Walked the Eastside night market with @police.mapleharbor.example tonight 🌙 "
    "#NightMarket {cp}",
    "Teen advisory board meets Tuesday at {hall}. Pizza is on us 🍕 #YouthVoice",
    "Mental health first aid training for the whole squad today 🧠💚 #MentalHealthAwareness",
    "Chai and chats at {hall} 🫖 Come tell us what your block needs. {cp}",
    "Summer jobs fair for teens at {school} ☀️ 30 employers, bring a résumé. #YouthVoice",
    "Walking the school route with the crossing guards at {school} 🚸 #SafeRoutesToSchool",
    "Senior center visit: we talked phone scams and played carrom 🙂 #ScamAlert {cp}",
]
RAMAN_KIDS = [
    "Met {kid} and {kid2} at the library story hour today 📚 #ReadingIsFun",
    "Great to meet {kid} & {kid2} at cricket camp! 🏏 Future stars. #YouthCricket",
]

#: Campaigns: the local dates, and what each account posts before, on and after the day.
#: An entry is (days from the day, local time, template).
NNO = [date(2023, 8, 1), date(2024, 8, 6)]
CAMPAIGNS: dict[str, tuple[list[date], dict[str, list[tuple[int, time, str]]]]] = {
    "nno": (NNO, {
        "dept": [
            (-7, time(10, 0), "National Night Out is one week away! Register your block party: "
                              "{link} #NationalNightOut #NNO{year}"),
            (0, time(19, 30), "Tonight's the night 🎉 Find us at block parties all over town. "
                              "#NationalNightOut {cp}"),
            (1, time(9, 15), "Thank you, Maple Harbor! So many block parties and a lot of hot "
                             "dogs 🌭🎉 #NationalNightOut #NNO{year}"),
        ],
        "bell": [(0, time(20, 10), "Block party number four tonight. I have eaten too many "
                                   "cookies. #NationalNightOut {cp}")],
        "ortiz": [(0, time(18, 45), "¡Noche Nacional! National Night Out en {park} 🎉 "
                                    "#NationalNightOut #NocheNacional")],
        "raman": [(0, time(19, 5), "First National Night Out with the department ✨ What a "
                                   "night! #NationalNightOut {cp}")],
    }),
    "cwac": ([date(2023, 10, 4), date(2024, 10, 2)], {
        "dept": [(-1, time(11, 0), "National Coffee with a Cop Day is tomorrow ☕ Find us at "
                                   "{hall} from 8 to 11. #CoffeeWithACop"),
                 (0, time(9, 30), "The coffee is hot and the line is long ☕☕ #CoffeeWithACop "
                                  "{cp}")],
        "ortiz": [(0, time(10, 20), "Café con un policía ☕ ¡Gracias por venir! #CoffeeWithACop "
                                    "#CaféConUnPolicía")],
    }),
    "swac": ([date(2023, 12, 16), date(2024, 12, 14)], {
        "dept": [(0, time(14, 0), "Shop with a cop 🛒🎁 Our officers helped 30 kids shop for "
                                  "their families today. #ShopWithACop {cp}")],
        "ortiz": [(0, time(15, 10), "Shop with a cop 🎁 Best day of the year. #ShopWithACop "
                                    "#PolicíaComunitaria")],
    }),
    "rodeo": ([date(2023, 5, 13), date(2024, 5, 18)], {
        "dept": [(0, time(12, 30), "Bike rodeo at {school} 🚲 Helmets on, hand signals ready! "
                                   "#BikeRodeo #BikeSafety {cp}")],
        "bell": [(0, time(13, 0), "Bike rodeo: 120 helmets fitted 🚲⛑️ #BikeRodeo #BikeSafety")],
    }),
    "school": ([date(2023, 8, 29), date(2024, 8, 27)], {
        "dept": [(0, time(7, 45), "First day of school 🍎🚸 Slow down near the schools, our "
                                  "officers are at the crosswalks. #BackToSchool")],
    }),
    "halloween": ([date(2023, 10, 31), date(2024, 10, 31)], {
        "dept": [(0, time(17, 0), "Trunk or treat at {park} 🎃👻 Thanks for coming in costume! "
                                  "#TrunkOrTreat {cp}")],
    }),
    "greekfest": ([date(2023, 6, 10), date(2024, 6, 8)], {
        "dept": [(0, time(16, 20), "Χρόνια πολλά! Our officers at the Greek festival 🇬🇷💃 "
                                   "#ΕλληνικόΦεστιβάλ #GreekFest {cp}")],
    }),
    "pascha": ([date(2023, 4, 16), date(2024, 5, 5)], {
        "dept": [(0, time(10, 0), "Καλό Πάσχα from the Maple Harbor Police Department 🕯️🥚 "
                                  "#ΚαλόΠάσχα #Πάσχα")],
    }),
    "tet": ([date(2023, 1, 22), date(2024, 2, 10)], {
        "dept": [(0, time(11, 30), "Chúc Mừng Năm Mới! Lunar New Year greetings to all our "
                                   "neighbors 🧧🐉 #TếtNguyênĐán #LunarNewYear")],
    }),
    "iftar": ([date(2023, 4, 8), date(2024, 3, 30)], {
        "dept": [(0, time(21, 0), "Thank you to the Islamic Center for hosting us at the "
                                  "community iftar 🌙 رمضان كريم #رمضان_كريم #Ramadan {cp}")],
    }),
    "muertos": ([date(2023, 11, 2), date(2024, 11, 2)], {
        "ortiz": [(0, time(17, 30), "¡Feliz Día de los Muertos! Gracias por invitarnos a su "
                                    "ofrenda 🌼💀 #DíaDeLosMuertos {cp}")],
    }),
    "diwali": ([date(2023, 11, 12), date(2024, 11, 1)], {
        "raman": [(0, time(18, 0), "शुभ दीपावली! Diwali greetings from Maple Harbor 🪔✨ "
                                   "#दिवाली #Diwali")],
    }),
    "welcome": ([date(2024, 2, 5)], {
        "dept": [(0, time(12, 0), "Welcome to the Eastside beat, Officer Priya Raman! 💙 {cp}")],
    }),
    "holi": ([date(2023, 3, 8), date(2024, 3, 25)], {
        "raman": [(0, time(12, 0), "होली की शुभकामनाएं! Colors at Eastside park today 🎨🌈 "
                                   "#होली #Holi {cp}")],
    }),
}
LINKS = {
    "nno": f"{SITE}/events/national-night-out",
    "hiring": f"{SITE}/police/careers",
    "report": f"{SITE}/police/report-online",
}

# Emoji an older scheduling tool lost in early 2023: each UTF-16 unit became "?".
_EMOJI = re.compile(r"[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\u200d\ufe0f\U0001f000-\U0001faff]")
SCHEDULER = "ScheduleBoard"
LOST_UNTIL = date(2023, 7, 1)

# Hashtags and mentions as written: "#" or "@" and a run of anything but spaces and the few
# punctuation marks the templates put after them.
_HASHTAG = re.compile(r"(?<![\w&])#[^\s#@.,!?:;()]+")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]+(?:@[A-Za-z0-9_.-]*[A-Za-z0-9])?")
_URL = re.compile(r"https://\S+")


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
    return _EMOJI.sub(lambda m: "??" if m.group() > "\uffff" else "?", text)


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
    """``items`` in time order, one per minute at most; the old scheduler's posts lose emoji."""
    items.sort(key=lambda i: (i.when, i.text))
    seen: set[datetime] = set()
    for item in items:
        while item.when in seen:
            item.when += timedelta(minutes=1)
        seen.add(item.when)
        if lost and item.when.astimezone(TZ).date() < LOST_UNTIL and _EMOJI.search(item.text) \
                and len(seen) % 2:
            item.text, item.lost = lose_emoji(item.text), True
    return items


def department(rng: random.Random, platform: str, n: int, since: date = FIRST) -> list[Item]:
    items = campaign_items(rng, "dept", platform, "en", since)
    items += filler_items(rng, n - len(items), platform, "en", DEPT, DEPT_KIDS, 0.2, since)
    return items


# -- writing ------------------------------------------------------------------------------------


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


# Instagram ---------------------------------------------------------------------------------------


def instagram(rng: random.Random) -> tuple[str, bytes, list[Item]]:
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
    return "instagram-mapleharborpd-2025-01-14-hQ7rK2pX.zip", zip_bytes(members), items


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


# X -----------------------------------------------------------------------------------------------

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
    for match in reversed(list(_URL.finditer(text))):
        short = tco(rng)
        urls.append((short, match.group()))
        text = text[:match.start()] + short + text[match.end():]
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    hashtags = [{"text": m.group()[1:], "indices": [str(m.start()), str(m.end())]}
                for m in _HASHTAG.finditer(escaped)]
    mentions = []
    for m in _MENTION.finditer(escaped):
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


# Mastodon ----------------------------------------------------------------------------------------

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
    pattern = re.compile(f"{_HASHTAG.pattern}|{_MENTION.pattern}|{_URL.pattern}")
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
    crash.extra = {"content_warning": "crash scene", "kids": False}
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


# Bluesky -----------------------------------------------------------------------------------------

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
    pattern = re.compile(f"{_HASHTAG.pattern}|{_MENTION.pattern}|{_URL.pattern}")
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


# The roster ------------------------------------------------------------------------------------


def roster() -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["officer", "rank", "badge", "agency", "platform", "handle", "account_id"])
    for name, rank, badge, platform, handle, ident in ACCOUNTS:
        writer.writerow([name, rank, badge, AGENCY, platform, handle, ident])
    for agency, platform, handle, ident in PARTNERS:
        writer.writerow(["", "", "", agency, platform, handle, ident])
    return buf.getvalue().encode()


# -----------------------------------------------------------------------------------------------


def render() -> dict[str, bytes]:
    """Every file of the sample: its path under the datasets folder, and its bytes."""
    def streams(name: str) -> random.Random:  # one stream per part: parts change alone
        return random.Random(f"{SEED}:{name}")

    ortiz = ortiz_items(streams("ortiz"))
    name_ig, data_ig, _ = instagram(streams("instagram"))
    files = [
        (name_ig, data_ig),
        facebook(streams("facebook"), ortiz),
        twitter(streams("twitter")),
        mastodon(streams("mastodon")),
        bluesky(streams("bluesky"), ortiz),
    ]
    out = {f"{FOLDER}/{name}": data for name, data in files}
    out[ROSTER] = roster()
    return out


def _files(root: Path) -> Iterable[Path]:
    yield root / ROSTER
    yield from sorted((root / FOLDER).glob("*")) if (root / FOLDER).is_dir() else ()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are out of date")
    parser.add_argument("--out", type=Path, default=DATASETS,
                        help="the folder to write into (default: %(default)s)")
    args = parser.parse_args()
    files = render()
    if args.check:
        stale = sorted({str(p.relative_to(args.out)) for p in _files(args.out)} ^ set(files))
        stale += [name for name, data in files.items()
                  if (args.out / name).is_file() and (args.out / name).read_bytes() != data]
        if stale:
            print(f"out of date: {', '.join(sorted(set(stale)))}; run "
                  "python scripts/build_sample_exports.py", file=sys.stderr)
            return 1
        return 0
    folder = args.out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*"):
        if f"{FOLDER}/{old.name}" not in files:
            old.unlink()
    for name, data in files.items():
        (args.out / name).write_bytes(data)
    total = sum(len(d) for d in files.values())
    print(f"wrote {len(files)} files ({total:,} bytes) under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
