"""The fuzzing machinery shared by the fuzz tests, ``scripts/fuzz_figures.py`` and the atheris
harness in ``scripts/fuzz/``.

A :class:`Seed` is a small synthetic export in one reader's format (built from the fixtures under
``tests/fixtures`` or written here). :func:`inputs` draws inputs from it: the seed's main member
changed by one structural mutation (a node replaced by a wrong type, a huge or deeply nested
value, NaN, a 5,000-digit integer, or deleted), then perhaps by byte-level damage (flips,
insertions, cuts, truncation), or plain random bytes; the result is packed the way the seed is
(a zip archive or a bare file). :func:`outcome` reads one input with ``read_posts`` under a
timer and names what happened: ``"posts"``, the class of the documented error, or, for anything
else, a string starting with ``"BUG"``.
"""

from __future__ import annotations

import contextlib
import io
import json
import signal
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import strategies as st

import engagekit as ek
from engagekit.errors import EngageKitError
from engagekit.sources import read_posts
from engagekit.text import parse_text
from tests._mutate import awkward_leaves, mutated

__all__ = [
    "CAPTIONS", "READERS", "SEEDS", "Hang", "Seed", "deadline", "inputs", "is_bug", "outcome",
    "pack", "text_outcome",
]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

#: Every reader the suite fuzzes, by format name.
READERS = ("instagram", "facebook", "twitter-archive", "twitter-api", "mastodon", "bluesky",
           "csv", "engagekit")


@dataclass(frozen=True)
class Seed:
    """A small export: ``members`` (name to bytes), ``target`` the member mutated, and whether
    it is read as a zip archive (else the target alone, as a bare file)."""

    reader: str
    name: str
    members: dict[str, bytes]
    target: str
    zipped: bool = True
    #: What precedes the JSON of a JavaScript member (``window.YTD.tweets.part0 = ``).
    prefix: bytes = b""
    kind: str = field(default="json")  # "json", "jsonl" or "csv"


def _fixture(*parts: str) -> bytes:
    return FIXTURES.joinpath(*parts).read_bytes()


_IG_POSTS = [
    {"media": [{"uri": "media/posts/202405/1111.jpg", "creation_timestamp": 1714690028,
                "title": "Coffee with a cop \u00e2\u0098\u0095 #CoffeeWithACop @springfieldpd",
                "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 39.78}]}}}]},
    {"title": "Two photos", "creation_timestamp": 1714700000,
     "media": [{"uri": "media/posts/202405/2222.jpg", "creation_timestamp": 1714700000,
                "title": ""},
               {"uri": "media/posts/202405/3333.mp4", "creation_timestamp": 1714700000,
                "title": ""}]},
]
_IG_REELS = {"ig_reels_media": [{"media": [{"uri": "media/reels/4444.mp4",
                                            "creation_timestamp": 1714800000,
                                            "title": "Reel #SafetyFirst"}]}]}
_BSKY_DID = "did:plc:abcdefghijklmnopqrstuvwx"
_BSKY = {"records": [
    {"uri": f"at://{_BSKY_DID}/app.bsky.feed.post/3lpd000000001", "cid": "bafyreiaaa",
     "value": {"$type": "app.bsky.feed.post", "text": "Coffee #cop with @a.bsky.social",
               "createdAt": "2025-05-01T15:00:00.000Z", "langs": ["en"],
               "facets": [{"index": {"byteStart": 12, "byteEnd": 16},
                           "features": [{"$type": "app.bsky.richtext.facet#tag",
                                         "tag": "cop"}]}],
               "embed": {"$type": "app.bsky.embed.images",
                         "images": [{"alt": "a mug", "image": {
                             "$type": "blob", "ref": {"$link": "bafkreibbb"},
                             "mimeType": "image/jpeg", "size": 1000}}]}}},
    {"uri": f"at://{_BSKY_DID}/app.bsky.feed.post/3lpd000000002", "cid": "bafyreiccc",
     "value": {"$type": "app.bsky.feed.post", "text": "Reply",
               "createdAt": "2025-05-02T15:00:00Z",
               "reply": {"root": {"uri": "at://x/y/z", "cid": "c"},
                         "parent": {"uri": "at://x/y/z", "cid": "c"}}}},
]}


def _engagekit_jsonl() -> bytes:
    return (FIXTURES.parent / "golden" / "v1" / "posts.jsonl").read_bytes()


def _seeds() -> dict[str, list[Seed]]:
    archive = {f"data/{p.name}": p.read_bytes()
               for p in sorted(FIXTURES.joinpath("twitter_archive", "full", "data").iterdir())}
    mastodon = {f"export/{p.name}": p.read_bytes()
                for p in sorted(FIXTURES.joinpath("mastodon", "export").iterdir())}
    return {
        "instagram": [
            Seed("instagram", "posts_1.json", {
                "your_instagram_activity/content/posts_1.json":
                    json.dumps(_IG_POSTS, indent=2).encode(),
                "your_instagram_activity/content/reels.json": json.dumps(_IG_REELS).encode()},
                "your_instagram_activity/content/posts_1.json"),
            Seed("instagram", "media.json", {
                "media.json": _fixture("instagram", "media.json"),
                "profile.json": _fixture("instagram", "profile.json")}, "media.json"),
        ],
        "facebook": [Seed("facebook", "your_posts_1.json", {
            "your_facebook_activity/posts/your_posts_1.json":
                _fixture("facebook", "your_posts_1.json")},
            "your_facebook_activity/posts/your_posts_1.json")],
        "twitter-archive": [Seed("twitter-archive", "tweets.js", archive, "data/tweets.js",
                                 prefix=b"window.YTD.tweets.part0 = ")],
        "twitter-api": [
            Seed("twitter-api", "page.json", {"page.json": _fixture("twitter_api", "page.json")},
                 "page.json", zipped=False),
            Seed("twitter-api", "statuses_v1.json",
                 {"statuses.json": _fixture("twitter_api", "statuses_v1.json")},
                 "statuses.json", zipped=False),
            Seed("twitter-api", "flattened.jsonl",
                 {"tweets.jsonl": _fixture("twitter_api", "flattened.jsonl")}, "tweets.jsonl",
                 zipped=False, kind="jsonl"),
        ],
        "mastodon": [Seed("mastodon", "outbox.json", mastodon, "export/outbox.json")],
        "bluesky": [Seed("bluesky", "listRecords.json",
                         {"posts.json": json.dumps(_BSKY, indent=2).encode()}, "posts.json",
                         zipped=False)],
        "csv": [Seed("csv", "crowdtangle.csv",
                     {"posts.csv": _fixture("csv", "crowdtangle_facebook.csv")}, "posts.csv",
                     zipped=False, kind="csv")],
        "engagekit": [Seed("engagekit", "posts.jsonl", {"posts.jsonl": _engagekit_jsonl()},
                           "posts.jsonl", zipped=False, kind="jsonl")],
    }


#: The seeds of every reader.
SEEDS: dict[str, list[Seed]] = _seeds()


# -- drawing inputs ------------------------------------------------------------------------

#: Values written into the JSON as raw text after encoding (json cannot write them).
_RAW = {
    "\x00big-int": b"9" * 5000,
    "\x00neg-big-int": b"-" + b"1" * 5000,
    "\x00nan": b"NaN",
    "\x00infinity": b"-Infinity",
    "\x00huge-float": b"1e400",
    "\x00deep-1025": b"[" * 1025 + b"]" * 1025,
    "\x00deep-objects": b'{"a":' * 300 + b"1" + b"}" * 300,
    "\x00deep-unclosed": b"[" * 100_000,
    "\x00huge-string": b'"' + b"#a " * 200_000 + b'"',
    "\x00lone-surrogate": b'"\\udc80 #tag"',
    "\x00bad-utf8": b'"\xff\xfe\xc3"',
}
_VALUES = (awkward_leaves("2024-05-02T12:00:00Z", "1714690028", "x" * 300, -1, 2**64, 1e308,
                          {"a": None}, [None], [[]], [{}])
           | st.sampled_from(sorted(_RAW))
           | st.lists(st.sampled_from(sorted(_RAW)), min_size=1, max_size=2))


def _dumps(value: Any, indent: int | None) -> bytes:
    text = json.dumps(value, indent=indent, ensure_ascii=indent is None).encode(
        "utf-8", "surrogatepass")
    for marker, raw in _RAW.items():
        text = text.replace(json.dumps(marker).encode(), raw)
    return text


def _structured(seed: Seed, data: st.DataObject) -> bytes:
    """The target member with one node of its JSON (or one CSV cell) changed."""
    raw = seed.members[seed.target]
    if seed.kind == "csv":
        lines = raw.decode().splitlines(keepends=True)
        row = data.draw(st.integers(0, len(lines) - 1))
        cells = lines[row].split(",")
        cell = data.draw(st.integers(0, len(cells) - 1))
        new = data.draw(st.sampled_from(["", '"', '""', "NaN", "9" * 5000, "-1", "1e400",
                                         "\x00", "\ud800", "2024-13-45 25:61:00 XYZ",
                                         "\r", "\n", "=1+1", "#" * 1000])
                        | st.text(max_size=20))
        cells[cell] = new
        lines[row] = ",".join(cells)
        return "".join(lines).encode("utf-8", "surrogatepass")
    if seed.kind == "jsonl":
        records = raw.splitlines(keepends=True)
        row = data.draw(st.integers(0, len(records) - 1))
        record = json.loads(records[row])
        records[row] = _dumps(mutated(record, data, values=_VALUES), None) + b"\n"
        return b"".join(records)
    body = raw[len(seed.prefix):] if seed.prefix else raw
    doc = json.loads(body)
    indent = data.draw(st.sampled_from([2, None]))
    return seed.prefix + _dumps(mutated(doc, data, values=_VALUES), indent)


def _damaged(raw: bytes, data: st.DataObject) -> bytes:
    """``raw`` with one to three byte-level changes."""
    out = bytearray(raw)
    for _ in range(data.draw(st.integers(1, 3))):
        op = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        at = data.draw(st.integers(0, max(len(out) - 1, 0)))
        if op == "flip" and out:
            out[at] = data.draw(st.sampled_from(b'\x00\xff"[]{},:\\\n'))
        elif op == "insert":
            out[at:at] = data.draw(st.binary(min_size=1, max_size=8)
                                   | st.sampled_from([b"\xef\xbb\xbf", b"\\u", b"[[[[", b'"']))
        elif op == "delete":
            del out[at:at + data.draw(st.integers(1, 64))]
        elif op == "truncate":
            del out[at:]
        else:
            span = bytes(out[at:at + data.draw(st.integers(1, 200))])
            out[at:at] = span * data.draw(st.integers(2, 50))
    return bytes(out)


def pack(seed: Seed, target: bytes) -> bytes:
    """The export of ``seed`` with its target member replaced by ``target``."""
    if not seed.zipped:
        return target
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, content in seed.members.items():
            zf.writestr(name, target if name == seed.target else content)
    return buf.getvalue()


@st.composite
def inputs(draw: st.DrawFn, reader: str) -> bytes:
    """One input for ``reader``: a mutated seed, a damaged one, or random bytes."""
    seed = draw(st.sampled_from(SEEDS[reader]))
    how = draw(st.sampled_from(["structured", "structured+damage", "damage", "random",
                                "damaged-archive"]))
    data = draw(st.data())
    if how == "random":
        return pack(seed, draw(st.binary(max_size=512)))
    target = seed.members[seed.target]
    if how.startswith("structured"):
        target = _structured(seed, data)
    if how.endswith("damage"):
        target = _damaged(target, data)
    packed = pack(seed, target)
    if how == "damaged-archive":
        packed = _damaged(packed, data)
    return packed


#: Pieces captions are made of, and the pieces the entity rules look at twice.
_PIECES = st.sampled_from([
    "#", "@", "$", "＃", "＠", "http://", "https://", "www.", ".com", ".", "/", "?", "&", "=",
    "_", "-", "'", ":", " ", "\n", "a", "Z", "9", "é", "e\u0301", "\u200d", "\ufe0f", "\u20e3",
    "🎉", "👮🏽\u200d♀️", "🇺🇸", "☕", "\ud800", "\udc80", "\x00", "\u202e", "??", "Ã©", "â\x80\x99",
    "[", "]", "(", ")", "<", ">", '"', "\u3000", "ß", "İ", "ﬁ",
])
#: Captions for parse_text: runs of the pieces above, or any text.
CAPTIONS = st.lists(_PIECES, max_size=60).map("".join) | st.text(max_size=200)



# -- reading one input ---------------------------------------------------------------------

class Hang(BaseException):
    """Raised by :func:`deadline` when reading one input takes too long."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` in the main thread if the block uses more than ``seconds`` of CPU.

    The timer counts this process's CPU time (``ITIMER_PROF``), not the clock on the wall: a
    loop that never ends still rings, but a shared machine pausing the process does not.
    """
    def ring(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds}s of CPU time")

    previous = signal.signal(signal.SIGPROF, ring)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def is_bug(error: BaseException) -> bool:
    """Whether an error is a bug rather than a documented error: not an EngageKitError, or the
    ParseError ``read_posts`` wraps a reader's unexpected exception in."""
    if not isinstance(error, EngageKitError):
        return True
    return "please report this as an engagekit bug" in str(error)


def _check_round_trip(posts: list[ek.Post]) -> None:
    """Every post read survives a JSONL round trip unchanged (nothing read is lost)."""
    buf = io.BytesIO()
    ek.write_jsonl(posts, buf)
    again = list(ek.read_jsonl(io.BytesIO(buf.getvalue())))
    if again != posts:
        raise AssertionError("a post read from the input changed in a JSONL round trip")


def outcome(reader: str, data: bytes, *, collect: bool = True, seconds: float = 5.0,
            read: Callable[..., Any] = read_posts) -> str:
    """Read ``data`` with ``reader`` and name the result: ``"posts"`` (read without an error),
    the class name of the documented error that stopped reading or (``collect``) of the first
    one collected, or ``"BUG <what>"``. Every post read must survive a JSONL round trip."""
    try:
        with deadline(seconds):
            if collect:
                report = read(io.BytesIO(data), format=reader, errors="collect")
                posts = report.posts
                for error in report.errors:
                    if is_bug(error):
                        return f"BUG {type(error.__cause__).__name__} (collected): {error}"
                _check_round_trip(posts)
                if report.errors:  # read to the end; the first bad record names the outcome
                    return type(report.errors[0]).__name__
            else:
                with read(io.BytesIO(data), format=reader) as stream:
                    posts = list(stream)
            _check_round_trip(posts)
    except Hang as exc:
        return f"BUG hang: {exc}"
    except Exception as exc:  # noqa: BLE001 - every other exception is the finding
        if is_bug(exc):
            cause = exc.__cause__ if isinstance(exc, EngageKitError) else exc
            return f"BUG {type(cause).__name__}: {str(exc)[:300]}"
        return type(exc).__name__
    return "posts"


def text_outcome(text: str, dialect: str, *, seconds: float = 5.0) -> str:
    """Parse ``text`` and name the result: ``"parsed"``, a documented error's class name, or
    ``"BUG <what>"``."""
    try:
        with deadline(seconds):
            parse_text(text, dialect=dialect)
    except Hang as exc:
        return f"BUG hang: {exc}"
    except Exception as exc:  # noqa: BLE001 - every other exception is the finding
        return f"BUG {type(exc).__name__}: {exc}" if is_bug(exc) else type(exc).__name__
    return "parsed"
