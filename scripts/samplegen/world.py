"""The sample's world: its time span and zone, the accounts, the places, the children's names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

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

LINKS = {
    "nno": f"{SITE}/events/national-night-out",
    "hiring": f"{SITE}/police/careers",
    "report": f"{SITE}/police/report-online",
}
