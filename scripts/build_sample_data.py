"""Build engagekit's bundled synthetic sample: src/engagekit/datasets/sample_posts.jsonl.

Everything here is invented: the agencies, the officers, the people named in captions,
the places and the counts. The output is deterministic; tests check that running this
script again reproduces the committed file byte for byte.

Run: ``python scripts/build_sample_data.py [--check]``.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import engagekit as ek
from engagekit.text import text_fields

OUT = Path(__file__).resolve().parents[1] / "src" / "engagekit" / "datasets" / "sample_posts.jsonl"

AGENCIES = [
    ("Springfield Police Department", "Springfield", "IL", "US", "instagram", "springfieldpd"),
    ("Riverton County Sheriff's Office", "Riverton", "WY", "US", "twitter", "RivertonSheriff"),
    ("Lakeside Community Safety Team", "Lakeside", "ON", "CA", "mastodon",
     "lakesidesafety@civic.example"),
    ("Puerto Claro Policía Comunitaria", "Puerto Claro", None, "CL", "bluesky",
     "policiapuertoclaro.example"),
]
PLACES = [  # per agency, in the order of AGENCIES
    [("Washington Park", 39.7817, -89.6501), ("Lincoln Elementary School", 39.7990, -89.6440)],
    [("Riverton Community Center", 43.0250, -108.3801), ("Riverton City Park", 43.0301, -108.39)],
    [("Lakeside Library", 43.6510, -79.3470), ("Harbourfront Green", 43.6389, -79.3817)],
    [("Plaza de Armas", -33.4372, -70.6506), ("Escuela Los Aromos", -33.4410, -70.6402)],
]
CAPTIONS = [
    "Great to meet {a} & {b} today! {lost} #CommunityPolicing #StayCommitted",
    "Coffee with a cop at {place} ☕ Thanks for stopping by, {a}! #CoffeeWithACop",
    "Bike rodeo with the kids from {place} 🚲👮‍♀️ #BikeSafety #SummerMemories2K15",
    "National Night Out was a blast 🎉 {lost} #NationalNightOut #BeTheChange",
    "Reading buddies at {place} 📚 with {a} #CommunityPolicing #ReadingIsFun",
    "Thank you {a} for the drawing! 🖍️ #StayCommitted #NYPDNews",
    "Convivencia en {place} con {a} y {b} 🇨🇱 #SeguridadCiudadana #Comunidad",
    "Neighbourhood walk through {place} #SafeStreets #CommunityPolicing 👨‍👩‍👧",
    "Shop with a cop 🛒 {lost} thanks to everyone who joined! #ShopWithACop",
    "Trivia night at {place} ✊🏾 #BeTheChange #StayCommitted",
]
NAMES = ["Giselle", "Aliyah", "Mateo", "Priya", "Noor", "Wei", "Amara", "Tomás", "Lena", "Kofi"]


def build(seed: int = 2024) -> list[ek.Post]:
    """The sample posts, in time order."""
    rnd = random.Random(seed)
    start = datetime(2024, 1, 6, 15, 0, tzinfo=timezone.utc)
    posts = []
    for i in range(80):
        name, city, region, country, platform, handle = AGENCIES[i % len(AGENCIES)]
        places = PLACES[i % len(AGENCIES)]
        place_name, lat, lon = places[rnd.randrange(len(places))]
        a, b = rnd.sample(NAMES, 2)
        caption = CAPTIONS[rnd.randrange(len(CAPTIONS))].format(
            a=a, b=b, place=place_name, lost="?" * rnd.choice([0, 0, 4, 6]))
        dialect = platform if platform != "facebook" else "instagram"
        fields = text_fields(" ".join(caption.split()), dialect=dialect)
        with_place = rnd.random() < 0.4
        posts.append(ek.Post(
            id=f"sample-{i:04d}",
            platform=platform,
            created_at=start + timedelta(days=4 * i, minutes=rnd.randrange(600)),
            author=ek.Account(platform=platform, handle=handle, display_name=name),
            media=[ek.Media(kind="photo", uri=f"media/sample/{i:04d}.jpg")],
            location=ek.Location(
                name=place_name, locality=city, region=region, country=country,
                coordinates=ek.Coordinates(latitude=lat, longitude=lon)) if with_place else None,
            engagement=ek.Engagement(likes=rnd.randrange(5, 400), comments=rnd.randrange(0, 30)),
            lang="es" if country == "CL" else "en",
            **fields,
        ))
    return posts


def render() -> bytes:
    """The JSON Lines bytes of the sample."""
    buf = io.BytesIO()
    ek.write_jsonl(build(), buf)
    return buf.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args()
    data = render()
    if args.check:
        if OUT.read_bytes() != data:
            print(f"{OUT} is out of date: run python scripts/build_sample_data.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_bytes(data)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
