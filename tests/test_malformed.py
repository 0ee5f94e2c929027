"""Named malformed inputs: each gives its documented result within a second and in bounded memory.

Two tables. ``ARCHIVES`` damages the zip archive an Instagram export comes in (truncated, a CRC
mismatch, bombs, unsafe and encrypted members). ``CONTENT`` damages the JSON of one record (the
first) of four JSON paths: an Instagram export zip (``content/posts_1.json``), a bare Twitter
API v2 page (``.json``), engagekit's own JSON Lines and twarc's flattened JSON Lines; the
second record is always left intact, and a record-level error must not cost it. Every case
names what it gives: an error class and a telling part of its message, or ``READ`` (the input
is read, with what the check says). ``docs/reliability.md`` lists the same table.
"""

from __future__ import annotations

import gc
import io
import json
import resource
import struct
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from engagekit.errors import EngageKitError, LimitExceeded, ParseError, UnsupportedFormat
from engagekit.sources import ParseReport, read_posts
from tests._mutate import mutate
from tests.fuzz._core import deadline

FIXTURES = Path(__file__).parent / "fixtures"
#: Each case's reading must use at most this much CPU time (not wall time: the machine is
#: shared, and a pause while another process runs is not the reader's doing).
SECOND = 1.0
MEMORY = 200 << 20  # and allocate at most this much (tracemalloc peak, and growth of max RSS)

#: Says a case's input is read (no error) rather than refused.
READ = None

Outcome = tuple[ParseReport | None, BaseException | None]


# -- the inputs: an Instagram export zip and three JSON paths ------------------------------

_IG_MEMBER = "your_instagram_activity/content/posts_1.json"
_IG = [{"media": [{"uri": f"media/posts/{n}.jpg", "creation_timestamp": 1714690028 + n,
                   "title": f"Coffee with a cop #{n}"}]} for n in (1, 2)]


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _jsonl(path: Path) -> list[Any]:
    return [json.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


@dataclass(frozen=True)
class JsonPath:
    """One way JSON reaches a reader: how to write a document, and where its roles live."""

    name: str
    fmt: str
    doc: Any
    roles: dict[str, tuple[Any, ...]]  # "string", "number", "list" -> path in the document
    write: Callable[[Any], bytes]
    posts: int  # posts the intact document gives


_PAGE = json.loads((FIXTURES / "twitter_api" / "page.json").read_bytes())
_EK = _jsonl(Path(__file__).parent / "golden" / "v1" / "posts.jsonl")
_TWARC = _jsonl(FIXTURES / "twitter_api" / "flattened.jsonl")


def _lines(records: list[Any]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


PATHS = {p.name: p for p in [
    JsonPath("instagram-zip", "instagram", _IG,
             {"string": (0, "media", 0, "title"), "number": (0, "media", 0, "creation_timestamp"),
              "list": (0, "media")},
             lambda doc: _zip({_IG_MEMBER: json.dumps(doc, indent=2).encode()}), 2),
    JsonPath("api-json", "twitter-api", _PAGE,
             {"string": ("data", 0, "text"), "number": ("data", 0, "public_metrics", "like_count"),
              "list": ("data", 0, "entities", "hashtags")},
             lambda doc: json.dumps(doc, indent=2).encode(), 3),
    JsonPath("engagekit-jsonl", "engagekit", _EK,
             {"string": (1, "text"), "number": (1, "engagement", "likes"), "list": (1, "hashtags")},
             _lines, 2),
    JsonPath("twarc-jsonl", "twitter-api", _TWARC,
             {"string": (0, "text"), "number": (0, "public_metrics", "like_count"),
              "list": (0, "edit_history_tweet_ids")},
             _lines, 2),
]}
_MARK = "\x00mark"


def damaged(path: JsonPath, role: str | None, raw: bytes) -> bytes:
    """The document of ``path`` with the value at ``role`` written as the raw JSON ``raw``."""
    if role is None:
        return path.write(path.doc)
    data = path.write(mutate(path.doc, path.roles[role], _MARK))
    packed = json.dumps(_MARK).encode()
    assert data.count(packed) == 1
    if path.name == "instagram-zip":  # the member is stored: rewrite it, sizes and CRC included
        member = json.dumps(mutate(path.doc, path.roles[role], _MARK), indent=2).encode()
        return _zip({_IG_MEMBER: member.replace(packed, raw)})
    return data.replace(packed, raw)


def whole(path: JsonPath, change: Callable[[bytes], bytes]) -> bytes:
    """The document of ``path`` changed as a whole (its encoding, a BOM)."""
    if path.name == "instagram-zip":
        return _zip({_IG_MEMBER: change(json.dumps(path.doc, indent=2).encode())})
    return change(path.write(path.doc))


def duplicate_key(path: JsonPath) -> bytes:
    """A document whose damaged record has its number key twice: a string first, then the
    intact number."""
    key = path.roles["number"][-1]
    data = damaged(path, "number", b"123")
    needle = json.dumps(key).encode() + b": 123"
    assert data.count(needle) == 1, (path.name, needle)
    twice = json.dumps(key).encode() + b': "not a number", ' + needle
    if path.name == "instagram-zip":
        member = json.dumps(mutate(path.doc, path.roles["number"], _MARK), indent=2).encode()
        member = member.replace(json.dumps(key).encode() + b": " + json.dumps(_MARK).encode(),
                                twice)
        return _zip({_IG_MEMBER: member})
    return data.replace(needle, twice)


# -- running a case ------------------------------------------------------------------------

def attempt(source: bytes, fmt: str) -> Outcome:
    """Read every post of ``source``; the report, or the error that stopped reading."""
    try:
        return read_posts(io.BytesIO(source), format=fmt, errors="collect"), None
    except EngageKitError as exc:
        return None, exc


def measured(source: bytes, fmt: str) -> Outcome:
    """:func:`attempt`, asserting the time and memory bounds."""
    gc.collect()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss << 10  # KiB on Linux
    start = time.process_time()
    with deadline(30):  # a hang fails here, long before pytest would notice
        outcome = attempt(source, fmt)
    used = time.process_time() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss << 10) - rss
    tracemalloc.start()
    try:
        attempt(source, fmt)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert used < SECOND, f"took {used:.2f}s of CPU time"
    assert peak < MEMORY, f"allocated {peak >> 20} MiB"
    assert grown < MEMORY, f"the peak RSS grew {grown >> 20} MiB"
    return outcome


def assert_gives(outcome: Outcome, error: type[BaseException] | None, words: str) -> ParseReport:
    """The outcome raised or collected ``error`` with ``words`` in its message (or, for READ,
    read without an error). Returns the report, empty when reading stopped."""
    report, raised = outcome
    if error is READ:
        assert raised is None, raised
        assert report is not None
        assert report.errors == [], report.errors
        return report
    found = raised if raised is not None else (report.errors[0] if report and report.errors
                                               else None)
    assert found is not None, f"expected {error.__name__}, read {report}"
    assert type(found) is error, repr(found)
    assert words in str(found), str(found)
    return report if report is not None else ParseReport()


# -- archives ------------------------------------------------------------------------------

def _central(data: bytes, index: int) -> int:
    at = -1
    for _ in range(index + 1):
        at = data.index(b"PK\x01\x02", at + 1)
    return at


def truncated_zip() -> bytes:
    data = PATHS["instagram-zip"].write(_IG)
    return data[: len(data) // 2]


def crc_mismatch() -> bytes:
    data = bytearray(PATHS["instagram-zip"].write(_IG))
    at = data.index(b"Coffee with a cop")  # stored: the member's bytes are there as they are
    data[at] = ord("K")
    return bytes(data)


def overlapping_bomb() -> bytes:
    """Two entries of the central directory pointing at the same local entry (one compressed
    member counted twice, the trick of the overlapping-entry bombs)."""
    data = _zip({_IG_MEMBER: json.dumps(_IG).encode(), "b.json": b"[]"}, zipfile.ZIP_DEFLATED)
    at = _central(data, 1) + 42
    return data[:at] + struct.pack("<I", 0) + data[at + 4:]


def ratio_bomb() -> bytes:
    """A member of 8 MiB of spaces inside a JSON array, deflated about 1000:1."""
    member = b"[" + b" " * (8 << 20) + b"]"
    return _zip({_IG_MEMBER: member}, zipfile.ZIP_DEFLATED)


def million_members(count: int = 10**6) -> bytes:
    """A valid zip64 archive of ``count`` empty members, written with struct (zipfile would
    take a minute)."""
    crc = zlib.crc32(b"")
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, crc, 0, 0, 6, 0)
    head = struct.pack("<IHHHHHHIIIHHHHHI", 0x02014B50, 20, 20, 0, 0, 0, 0, crc, 0, 0, 6, 0, 0,
                       0, 0, 0)
    names = [b"%06x" % i for i in range(count)]
    step = len(local) + 6
    body = b"".join(local + name for name in names)
    directory = b"".join(head + struct.pack("<I", i * step) + name
                         for i, name in enumerate(names))
    end64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count,
                        len(directory), len(body))
    locator = struct.pack("<IIQI", 0x07064B50, 0, len(body) + len(directory), 1)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return body + directory + end64 + locator + end


def with_member(name: str) -> bytes:
    return _zip({_IG_MEMBER: json.dumps(_IG).encode(), name: b"[]"})


def encrypted() -> bytes:
    data = bytearray(PATHS["instagram-zip"].write(_IG))
    struct.pack_into("<H", data, 6, 1)  # "encrypted" in the local header
    struct.pack_into("<H", data, _central(bytes(data), 0) + 8, 1)  # and in the directory
    return bytes(data)


def _skipped(reason: str) -> Callable[[ParseReport], None]:
    def check(report: ParseReport) -> None:
        assert report.skipped[f"member:{reason}"] == 1
        assert len(report.posts) == 2  # the export's own posts are still read
    return check


ARCHIVES = [
    # id, input, error (or READ), words in the message, a check of what was read
    ("truncated-zip", truncated_zip, ParseError, "not a readable zip archive", None),
    ("crc-mismatch", crc_mismatch, ParseError, "Bad CRC-32", None),
    ("overlapping-entry-bomb", overlapping_bomb, LimitExceeded, "zip entries overlap", None),
    ("ratio-bomb-1000-to-1", ratio_bomb, LimitExceeded, "compression ratio above max_ratio=200",
     None),
    ("a-million-members", million_members, LimitExceeded,
     "the zip directory lists 1000000 entries, more than max_members=200000", None),
    ("dot-dot-member", lambda: with_member("../../escape.json"), READ, "",
     _skipped("unsafe-name")),
    ("absolute-member", lambda: with_member("/etc/escape.json"), READ, "",
     _skipped("unsafe-name")),
    ("encrypted-member", encrypted, ParseError, "encrypted, password required", None),
]


@pytest.mark.parametrize(("build", "error", "words", "check"),
                         [case[1:] for case in ARCHIVES], ids=[case[0] for case in ARCHIVES])
def test_damaged_archives(build: Callable[[], bytes], error: type[BaseException] | None,
                          words: str, check: Callable[[ParseReport], None] | None) -> None:
    source = build()
    for fmt in ("instagram", "auto"):
        report = assert_gives(measured(source, fmt), error, words)
        if check is not None:
            check(report)


# -- content -------------------------------------------------------------------------------

_SURROGATE = b'"\\ud800 #tag"'  # an escaped lone surrogate: valid JSON text, not valid Unicode


def _all_read(report: ParseReport, path: JsonPath) -> None:
    assert len(report.posts) == path.posts


def _repaired(report: ParseReport, path: JsonPath) -> None:
    assert len(report.posts) == path.posts
    assert report.repaired["lone-surrogate"] == 1
    assert any("\ufffd #tag" in post.text for post in report.posts)


def _later_number_wins(report: ParseReport, path: JsonPath) -> None:
    # as in JavaScript's JSON.parse, Python's json, orjson and msgspec: the last value counts
    assert len(report.posts) == path.posts
    if path.name == "instagram-zip":
        assert any(post.created_at.timestamp() == 123 for post in report.posts)
    else:
        assert any(post.engagement.likes == 123 for post in report.posts)


def _others_read(report: ParseReport, path: JsonPath) -> None:
    # only the damaged record is lost, and counted; an API page is one record for all its posts
    assert len(report.posts) == (0 if path.name == "api-json" else path.posts - 1)
    assert report.skipped["invalid"] == 1


Build = Callable[[JsonPath], bytes]
Expect = tuple[type[BaseException] | None, str, Callable[[ParseReport, JsonPath], None] | None]
_INVALID_JSON = (ParseError, "invalid JSON", _others_read)
_TOO_DEEP = (LimitExceeded, "JSON nested deeper than max_depth=256", None)
_TOO_DEEP_FOR_ORJSON = (LimitExceeded, "JSON nested too deeply", None)

CONTENT: list[tuple[str, Build, dict[str, Expect]]] = [
    # id, input, {path: (error or READ, words in the message, a check of what was read)}
    ("utf8-bom", lambda p: whole(p, lambda d: b"\xef\xbb\xbf" + d),
     dict.fromkeys(PATHS, (READ, "", _all_read))),
    ("utf16-json", lambda p: whole(p, lambda d: d.decode().encode("utf-16")), {
        "instagram-zip": (ParseError, "encoded in UTF-16LE; engagekit reads JSON in UTF-8", None),
        **dict.fromkeys(["api-json", "engagekit-jsonl", "twarc-jsonl"],
                        (UnsupportedFormat, "encoded in UTF-16LE; engagekit reads JSON in UTF-8",
                         None))}),
    ("lone-surrogate", lambda p: damaged(p, "string", _SURROGATE), {
        **dict.fromkeys(["instagram-zip", "api-json", "twarc-jsonl"], (READ, "", _repaired)),
        "engagekit-jsonl": (ParseError, "invalid JSON", _others_read)}),
    ("invalid-utf8", lambda p: damaged(p, "string", b'"caf\xe9 #tag"'),
     dict.fromkeys(PATHS, (ParseError, "not valid UTF-8", _others_read))),
    ("nan", lambda p: damaged(p, "number", b"NaN"), dict.fromkeys(PATHS, _INVALID_JSON)),
    ("infinity", lambda p: damaged(p, "number", b"Infinity"),
     dict.fromkeys(PATHS, _INVALID_JSON)),
    # the scanner of arrays counts depth as it goes; a document or line read whole is decoded
    # first, and orjson stops at 1024 levels; engagekit's own records are read by the model
    ("depth-1025", lambda p: damaged(p, "string", b"[" * 1025 + b"]" * 1025), {
        "instagram-zip": _TOO_DEEP,
        **dict.fromkeys(["api-json", "twarc-jsonl"], _TOO_DEEP_FOR_ORJSON),
        "engagekit-jsonl": (ParseError, "depth limit exceeded", _others_read)}),
    ("depth-a-million", lambda p: damaged(p, "string", b"[" * 10**6 + b"]" * 10**6), {
        "instagram-zip": _TOO_DEEP,
        **dict.fromkeys(["api-json", "twarc-jsonl"], _TOO_DEEP_FOR_ORJSON),
        "engagekit-jsonl": (ParseError, "depth limit exceeded", _others_read)}),
    ("5000-digit-integer", lambda p: damaged(p, "number", b"9" * 5000),
     dict.fromkeys(PATHS, (ParseError, "", _others_read))),
    ("duplicate-keys", duplicate_key, dict.fromkeys(PATHS, (READ, "", _later_number_wins))),
    # platform readers read null as an absent value (Meta and twarc write both); engagekit's
    # own files never hold null for a list. An Instagram item with no media needs its own time.
    ("null-where-a-list-belongs", lambda p: damaged(p, "list", b"null"), {
        "instagram-zip": (ParseError, "required key is missing", _others_read),
        **dict.fromkeys(["api-json", "twarc-jsonl"], (READ, "", _all_read)),
        "engagekit-jsonl": (ParseError, "expected a list, got None", _others_read)}),
]

_CONTENT_CASES = [(case, path) for case, _, expect in CONTENT for path in expect]


@pytest.mark.parametrize(("case", "path"), _CONTENT_CASES,
                         ids=[f"{case}-{path}" for case, path in _CONTENT_CASES])
def test_damaged_json(case: str, path: str) -> None:
    _, build, table = next(c for c in CONTENT if c[0] == case)
    error, words, check = table[path]
    where = PATHS[path]
    report = assert_gives(measured(build(where), where.fmt), error, words)
    if check is not None:
        check(report, where)


def test_every_case_covers_every_json_path() -> None:
    for case, _, table in CONTENT:
        assert set(table) == set(PATHS), case


def test_the_intact_documents_read_whole() -> None:
    # the baseline the checks count against
    for path in PATHS.values():
        report, error = attempt(path.write(path.doc), path.fmt)
        assert error is None
        assert report is not None
        assert (len(report.posts), report.errors) == (path.posts, [])
