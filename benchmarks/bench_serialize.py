"""JSONL encode/decode of realistic posts: engagekit against its peers, in one run.

Peers, all on the same post shape:
  * plain orjson on dicts (the floor: no models at all);
  * a hand-written attrs ``to_dict``/``from_dict`` on engagekit's own models;
  * stock cattrs (a default ``cattrs.Converter``: lenient, no path errors);
  * msgspec Structs;
  * pydantic v2 models.

Run: ``python benchmarks/bench_serialize.py [--n 100000] [--repeat 3]``.
Needs the ``bench`` extra (msgspec, pydantic).
"""

from __future__ import annotations

import argparse
import gc
import io
import random
import time
import tracemalloc
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

import cattrs
import msgspec
import orjson
import pydantic

import engagekit as ek
from engagekit.io import converter

_TAGS = ["CommunityPolicing", "StayCommitted", "CoffeeWithACop", "NationalNightOut",
         "BikeSafety", "महात्मा", "ΚαλήΜέρα", "Сообщество", "地域安全", "SafeStreets"]
_NAMES = ["Giselle", "Aliyah", "Jordan", "Priya", "Mateo", "Amara", "Wei", "Noor"]
_PLACES = [("Burns Park", "North Little Rock", "AR", "US", 34.79, -92.31),
           ("Main St Library", "Springfield", "IL", "US", 39.80, -89.64)]


def make_posts(n: int, seed: int = 7) -> list[ek.Post]:
    """``n`` synthetic posts shaped like a real agency account's."""
    rnd = random.Random(seed)
    start = datetime(2023, 1, 1, tzinfo=timezone.utc)
    account = ek.Account(platform="instagram", handle="springfieldpd", id="178414")
    posts = []
    for i in range(n):
        tags = rnd.sample(_TAGS, rnd.randint(1, 4))
        who = " & ".join(rnd.sample(_NAMES, 2))
        text = f"Great to meet {who} today! 🚲👮‍♀️ " + " ".join("#" + t for t in tags)
        hashtags = []
        pos = text.index("#")
        for t in tags:
            hashtags.append(ek.Hashtag(text=t, start=pos, end=pos + len(t) + 1))
            pos += len(t) + 2
        place = _PLACES[i % 2] if i % 3 == 0 else None
        posts.append(ek.Post(
            id=str(3_100_000_000_000_000_000 + i),
            platform="instagram",
            created_at=start + timedelta(minutes=37 * i),
            text=text,
            author=account,
            hashtags=hashtags,
            emoji=[ek.Emoji(text="🚲", start=text.index("🚲"), end=text.index("🚲") + 1)],
            media=[ek.Media(kind="photo", uri=f"media/posts/202401/{i}.jpg", width=1080,
                            height=1350)],
            location=None if place is None else ek.Location(
                name=place[0], locality=place[1], region=place[2], country=place[3],
                coordinates=ek.Coordinates(latitude=place[4], longitude=place[5])),
            engagement=ek.Engagement(likes=rnd.randint(0, 900), comments=rnd.randint(0, 40)),
            url=f"https://www.instagram.com/p/{i}/",
            lang="en",
        ))
    return posts


# ---- the hand-written attrs path (the reference engagekit must stay close to) ----------
# It writes and reads the same compact documents as engagekit (defaults left out), so
# both sides do the same work.

def _span(e: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"text": e.text}
    if e.start is not None:
        d["start"] = e.start
        d["end"] = e.end
    return d


def _opt(d: dict[str, Any], obj: Any, *names: str) -> dict[str, Any]:
    for name in names:
        value = getattr(obj, name)
        if value is not None:
            d[name] = value
    return d


def hand_to_dict(p: ek.Post) -> dict[str, Any]:
    d: dict[str, Any] = {"id": p.id, "platform": p.platform, "created_at": p.created_at}
    if p.text:
        d["text"] = p.text
    if p.author is not None:
        a = p.author
        d["author"] = _opt({"platform": a.platform, "handle": a.handle}, a, "id", "display_name")
    if p.hashtags:
        d["hashtags"] = [_span(h) for h in p.hashtags]
    if p.mentions:
        d["mentions"] = [_opt({"handle": m.handle}, m, "start", "end", "id") for m in p.mentions]
    if p.links:
        d["links"] = [_opt({"url": x.url}, x, "expanded_url", "start", "end") for x in p.links]
    if p.cashtags:
        d["cashtags"] = [_span(c) for c in p.cashtags]
    if p.emoji:
        d["emoji"] = [_span(e) for e in p.emoji]
    if p.media:
        d["media"] = [_opt({"kind": m.kind, "uri": m.uri}, m, "alt_text", "width", "height",
                           "duration", "created_at") for m in p.media]
    if p.location is not None:
        loc = p.location
        ld = _opt({"name": loc.name}, loc, "locality", "region", "country")
        if loc.coordinates is not None:
            ld["coordinates"] = {"latitude": loc.coordinates.latitude,
                                 "longitude": loc.coordinates.longitude}
        d["location"] = _opt(ld, loc, "address", "id")
    e = p.engagement
    if e != ek.Engagement():
        d["engagement"] = _opt({}, e, "likes", "comments", "shares", "views")
    if p.tagged:
        d["tagged"] = p.tagged
    if p.visibility is not ek.Visibility.PUBLIC:
        d["visibility"] = p.visibility
    _opt(d, p, "url", "reply_to", "lang")
    if not p.quality.clean:
        q = p.quality
        d["quality"] = {"lost_glyphs": q.lost_glyphs, "lost_spans": q.lost_spans,
                        "repairs": q.repairs}
    if p.extra:
        d["extra"] = p.extra
    return d


def _dt(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def hand_from_dict(d: dict[str, Any]) -> ek.Post:
    a = d.get("author")
    loc = d.get("location")
    q = d.get("quality")
    coords = None if loc is None else loc.get("coordinates")
    return ek.Post(
        id=d["id"], platform=d["platform"], created_at=datetime.fromisoformat(d["created_at"]),
        text=d.get("text", ""),
        author=None if a is None else ek.Account(**a),
        hashtags=tuple([ek.Hashtag(**h) for h in d.get("hashtags", ())]),
        mentions=tuple([ek.Mention(**m) for m in d.get("mentions", ())]),
        links=tuple([ek.Link(**x) for x in d.get("links", ())]),
        cashtags=tuple([ek.Cashtag(**c) for c in d.get("cashtags", ())]),
        emoji=tuple([ek.Emoji(**e) for e in d.get("emoji", ())]),
        media=tuple([ek.Media(**{**m, "created_at": _dt(m.get("created_at"))})
                     for m in d.get("media", ())]),
        location=None if loc is None else ek.Location(**{
            **loc, "coordinates": None if coords is None else ek.Coordinates(**coords)}),
        engagement=ek.Engagement(**d.get("engagement", {})),
        tagged=tuple(d.get("tagged", ())), visibility=d.get("visibility", "public"),
        url=d.get("url"), reply_to=d.get("reply_to"), lang=d.get("lang"),
        quality=ek.TextQuality() if q is None else ek.TextQuality(
            lost_glyphs=q["lost_glyphs"], lost_spans=tuple(tuple(s) for s in q["lost_spans"]),
            repairs=tuple(q["repairs"])),
        extra=d.get("extra", {}),
    )


# ---- msgspec and pydantic models of the same shape ---------------------------------------

class MSpan(msgspec.Struct):
    text: str
    start: int | None = None
    end: int | None = None


class MAccount(msgspec.Struct):
    platform: str
    handle: str
    id: str | None = None
    display_name: str | None = None


class MMedia(msgspec.Struct):
    kind: str
    uri: str
    alt_text: str | None = None
    width: int | None = None
    height: int | None = None
    duration: float | None = None
    created_at: datetime | None = None


class MCoords(msgspec.Struct):
    latitude: float
    longitude: float


class MLocation(msgspec.Struct):
    name: str
    locality: str | None = None
    region: str | None = None
    country: str | None = None
    coordinates: MCoords | None = None
    address: str | None = None
    id: str | None = None


class MEngagement(msgspec.Struct):
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    views: int | None = None


class MQuality(msgspec.Struct):
    lost_glyphs: int = 0
    lost_spans: tuple[tuple[int, int], ...] = ()
    repairs: tuple[str, ...] = ()


class MMention(msgspec.Struct):
    handle: str
    start: int | None = None
    end: int | None = None
    id: str | None = None


class MLink(msgspec.Struct):
    url: str
    expanded_url: str | None = None
    start: int | None = None
    end: int | None = None


class MPost(msgspec.Struct):
    id: str
    platform: str
    created_at: datetime
    text: str = ""
    author: MAccount | None = None
    officer: dict[str, Any] | None = None
    hashtags: tuple[MSpan, ...] = ()
    mentions: tuple[MMention, ...] = ()
    links: tuple[MLink, ...] = ()
    cashtags: tuple[MSpan, ...] = ()
    emoji: tuple[MSpan, ...] = ()
    media: tuple[MMedia, ...] = ()
    location: MLocation | None = None
    engagement: MEngagement = msgspec.field(default_factory=MEngagement)
    tagged: tuple[str, ...] = ()
    visibility: str = "public"
    url: str | None = None
    reply_to: str | None = None
    lang: str | None = None
    quality: MQuality = msgspec.field(default_factory=MQuality)
    extra: dict[str, Any] = msgspec.field(default_factory=dict)


class PSpan(pydantic.BaseModel):
    text: str
    start: int | None = None
    end: int | None = None


class PAccount(pydantic.BaseModel):
    platform: str
    handle: str
    id: str | None = None
    display_name: str | None = None


class PMedia(pydantic.BaseModel):
    kind: str
    uri: str
    alt_text: str | None = None
    width: int | None = None
    height: int | None = None
    duration: float | None = None
    created_at: datetime | None = None


class PCoords(pydantic.BaseModel):
    latitude: float
    longitude: float


class PLocation(pydantic.BaseModel):
    name: str
    locality: str | None = None
    region: str | None = None
    country: str | None = None
    coordinates: PCoords | None = None
    address: str | None = None
    id: str | None = None


class PEngagement(pydantic.BaseModel):
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    views: int | None = None


class PQuality(pydantic.BaseModel):
    lost_glyphs: int = 0
    lost_spans: tuple[tuple[int, int], ...] = ()
    repairs: tuple[str, ...] = ()


class PMention(pydantic.BaseModel):
    handle: str
    start: int | None = None
    end: int | None = None
    id: str | None = None


class PLink(pydantic.BaseModel):
    url: str
    expanded_url: str | None = None
    start: int | None = None
    end: int | None = None


class PPost(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(frozen=True, extra="forbid")
    id: str
    platform: str
    created_at: datetime
    text: str = ""
    author: PAccount | None = None
    officer: dict[str, Any] | None = None
    hashtags: tuple[PSpan, ...] = ()
    mentions: tuple[PMention, ...] = ()
    links: tuple[PLink, ...] = ()
    cashtags: tuple[PSpan, ...] = ()
    emoji: tuple[PSpan, ...] = ()
    media: tuple[PMedia, ...] = ()
    location: PLocation | None = None
    engagement: PEngagement = PEngagement()
    tagged: tuple[str, ...] = ()
    visibility: str = "public"
    url: str | None = None
    reply_to: str | None = None
    lang: str | None = None
    quality: PQuality = PQuality()
    extra: dict[str, Any] = pydantic.Field(default_factory=dict)


# ---- timing ---------------------------------------------------------------------------

def best_of(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, garbage collector on (as in real use)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def held_bytes(build: Callable[[], list[Any]]) -> float:
    """Bytes per item held by the list ``build`` returns (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    items = build()
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return current / len(items)


def report(title: str, table: dict[str, Callable[[], object]], ref: str, n: int,
           repeat: int) -> None:
    """Time every path of ``table`` and print a markdown table with ratios."""
    rates = {name: n / best_of(fn, repeat) for name, fn in table.items()}
    print(f"### {title}\n\n| path | posts/s | engagekit / this |\n|---|---:|---:|")
    mine = next(v for k, v in rates.items() if k.startswith("engagekit"))
    for name, rate in rates.items():
        print(f"| {name} | {rate:,.0f} | {mine / rate:.2f}x |")
    print(f"\nengagekit vs {ref}: {mine / rates[ref]:.2f}x; "
          f"vs pydantic v2: {mine / rates['pydantic v2']:.2f}x\n")


def encode_phase(n: int, repeat: int) -> list[bytes]:
    """Time encoding; return the encoded lines (checked identical across the peers)."""
    posts = make_posts(n)
    ek_unstructure = converter.get_unstructure_hook(ek.Post)
    lines = [orjson.dumps(ek_unstructure(p), option=orjson.OPT_UTC_Z) for p in posts]
    dicts = [orjson.loads(x) for x in lines]
    assert all(orjson.dumps(hand_to_dict(p), option=orjson.OPT_UTC_Z) == x
               for p, x in zip(posts[:200], lines, strict=False)), "peers must write the same bytes"
    m_posts = [msgspec.json.decode(x, type=MPost) for x in lines]
    p_posts = [PPost.model_validate_json(x) for x in lines]
    m_enc = msgspec.json.Encoder()
    dumps, utc = orjson.dumps, orjson.OPT_UTC_Z
    report("Encode", {
        "orjson on dicts (floor)": lambda: [dumps(d) for d in dicts],
        "engagekit": lambda: [dumps(ek_unstructure(p), option=utc) for p in posts],
        "hand-written attrs to_dict + orjson": lambda: [dumps(hand_to_dict(p), option=utc)
                                                        for p in posts],
        "msgspec Struct": lambda: [m_enc.encode(p) for p in m_posts],
        "pydantic v2": lambda: [p.model_dump_json() for p in p_posts],
    }, "hand-written attrs to_dict + orjson", n, repeat)
    return lines


def decode_phase(lines: list[bytes], n: int, repeat: int) -> None:
    """Time decoding the same JSON Lines bytes on every path."""
    # engagekit reads through its public reader (header, migration check, positioned errors).
    header = b'{"engagekit":1,"type":"Post"}\n'
    body = b"\n".join(lines) + b"\n"
    loads = orjson.loads
    first = loads(lines[0])
    posts = list(ek.read_jsonl(io.BytesIO(header + body)))
    assert hand_from_dict(first) == posts[0]
    stock = cattrs.Converter()  # stock, but for the one hook every converter needs for dates
    stock.register_structure_hook(datetime, lambda v, _: datetime.fromisoformat(v))
    assert stock.structure(first, ek.Post) == posts[0]
    del posts
    m_dec = msgspec.json.Decoder(MPost)
    paths: dict[str, Callable[[], Iterable[object]]] = {
        "orjson to dicts (floor)": lambda: (loads(x) for x in io.BytesIO(body)),
        "engagekit (strict, validated)": lambda: ek.read_jsonl(io.BytesIO(header + body)),
        "hand-written attrs from_dict": lambda: (hand_from_dict(loads(x))
                                                 for x in io.BytesIO(body)),
        "stock cattrs": lambda: (stock.structure(loads(x), ek.Post) for x in io.BytesIO(body)),
        "msgspec Struct": lambda: (m_dec.decode(x) for x in io.BytesIO(body)),
        "pydantic v2": lambda: (PPost.model_validate_json(x) for x in io.BytesIO(body)),
    }
    # Streaming (each post handled and dropped, as a pipeline over read_jsonl does) and
    # held (every post kept in a list, which makes the garbage collector scan them all).
    streamed = {k: _streamed(f) for k, f in paths.items()}
    held = {k: _held(f) for k, f in paths.items()}
    report("Decode, streamed", streamed, "hand-written attrs from_dict", n, repeat)
    report("Decode, held in a list", held, "hand-written attrs from_dict", n, repeat)


def _streamed(make: Callable[[], Iterable[object]]) -> Callable[[], object]:
    def run() -> None:
        for _ in make():
            pass

    return run


def _held(make: Callable[[], Iterable[object]]) -> Callable[[], object]:
    return lambda: list(make())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n, repeat = args.n, args.repeat

    print(f"{n:,} posts, best of {repeat}, gc on, one process\n")
    lines = encode_phase(n, repeat)
    gc.collect()  # decode as a reading process would: nothing but the encoded lines held
    decode_phase(lines, n, repeat)
    header = b'{"engagekit":1,"type":"Post"}\n'
    body = b"\n".join(lines) + b"\n"
    m_dec = msgspec.json.Decoder(MPost)
    ek_mem = held_bytes(lambda: list(ek.read_jsonl(io.BytesIO(header + body))))
    ms_mem = held_bytes(lambda: [m_dec.decode(x) for x in lines])
    py_mem = held_bytes(lambda: [PPost.model_validate_json(x) for x in lines])
    print("### Memory per held post\n\n| model | bytes/post | engagekit / this |\n|---|---:|---:|")
    for name, value in (("engagekit", ek_mem), ("msgspec Struct", ms_mem),
                        ("pydantic v2", py_mem)):
        print(f"| {name} | {value:,.0f} | {ek_mem / value:.2f}x |")


if __name__ == "__main__":
    main()
