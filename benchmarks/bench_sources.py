"""Reading exports end to end: ``read_posts`` against the floor of decoding the same JSON.

Generates synthetic exports shaped as the platforms write them (an Instagram
"Download your information" zip with ``posts_1.json``, FORMATS.md §2a; an X/Twitter
archive zip with ``data/tweets.js``, §3), then measures, each case in a fresh
subprocess so that peak memory (``ru_maxrss``) is that case's own:

* ``read_posts``: ``engagekit.read_posts(zip)``, models and text layer included;
* ``_json layer``: engagekit's streaming scanner alone (``iter_array``), no models;
* ``_json typed``: the same with the reader's msgspec schema (what ``read_posts`` decodes);
* ``ijson floor``: ``ijson.items`` (C backend) over the same member, dicts only;
* ``orjson floor``: the whole member read and decoded by ``orjson.loads`` (not bounded).

Targets: 50,000 posts/s end to end, peak RSS under 150 MB on a 1 GB export, and
within 4x of the faster floor.

Run: ``python benchmarks/bench_sources.py [--mb 50] [--cases instagram,twitter-archive]``;
``--mb 1024`` is the 1 GB run. Exports are cached under ``benchmarks/_data/``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

DATA = Path(__file__).resolve().parent / "_data"
MEMBERS = {
    "instagram": ("your_instagram_activity/content/posts_1.json", b""),
    "twitter-archive": ("data/tweets.js", b"window.YTD.tweets.part0 = "),
}
# bumped when a case's generator changes, so that a stale cached export is not reused
REVISIONS = {"instagram": 1, "twitter-archive": 2}
_TAGS = ["CommunityPolicing", "StayCommitted", "CoffeeWithACop", "NationalNightOut",
         "BikeSafety", "महात्मा", "ΚαλήΜέρα", "Сообщество", "地域安全", "SafeStreets"]
_NAMES = ["Giselle", "Aliyah", "Jordan", "Priya", "Mateo", "Amara", "Wei", "Noor"]
_EMOJI = ["☕", "🚲", "👮‍♀️", "🎉", "🇺🇸", "✊🏾"]


def _mojibake(text: str) -> str:
    """What Meta writes: one ``\\u00XX`` escape per UTF-8 byte (after json.dumps)."""
    return text.encode("utf-8").decode("latin-1")


def _caption(rnd: random.Random) -> tuple[str, list[str]]:
    tags = rnd.sample(_TAGS, rnd.randint(1, 4))
    who = " & ".join(rnd.sample(_NAMES, 2))
    emoji = rnd.choice(_EMOJI)
    text = (f"Great to meet {who} today at the Main St Library {emoji} thanks @springfieldlib "
            + " ".join("#" + t for t in tags))
    return text, tags


def instagram_post(i: int, rnd: random.Random) -> dict[str, Any]:
    text, _ = _caption(rnd)
    when = 1_683_000_000 + 3_600 * i
    media = [{
        "uri": f"media/posts/202405/{17_900_000_000_000_000 + i * 10 + k}.jpg",
        "creation_timestamp": when + k,
        "media_metadata": {"photo_metadata": {"exif_data": [
            {"latitude": 39.80 + rnd.random() / 100, "longitude": -89.64 - rnd.random() / 100},
            {"date_time_original": "2024:05:02 22:47:28", "scene_capture_type": "standard"},
        ]}},
        "title": "" if k else _mojibake(text),
        "cross_post_source": {"source_app": "FB"},
        "backup_uri": f"https://scontent.example.org/v/t51/{i}_{k}.jpg?stp=dst-jpg&_nc_ht=x",
    } for k in range(rnd.choice((1, 1, 1, 2, 3)))]
    post: dict[str, Any] = {"media": media}
    if len(media) > 1:
        post = {"media": [dict(m, title="") for m in media], "title": _mojibake(text),
                "creation_timestamp": when}
    return post


_TCO = "https://t.co/abcDEF1234"  # t.co links are 23 code points, as X counts every URL


def _escape(text: str) -> str:
    """What X writes in ``full_text``: ``& < >`` HTML-escaped; entity indices count this text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _check_indices(full_text: str, entities: dict[str, Any]) -> None:
    """Every entity's ``indices`` cut exactly its text out of ``full_text`` (code points)."""
    for kind, key, sigil in (("hashtags", "text", "#"), ("user_mentions", "screen_name", "@"),
                             ("urls", "url", "")):
        for entity in entities[kind]:
            start, end = (int(i) for i in entity["indices"])
            if full_text[start:end] != sigil + entity[key]:
                raise AssertionError(f"{kind} indices {entity['indices']} cut "
                                     f"{full_text[start:end]!r} from {full_text!r}")


def tweet(i: int, rnd: random.Random) -> dict[str, Any]:
    caption, tags = _caption(rnd)
    text = _escape(f"{caption} {_TCO} & more")
    tweet_id = str(1_600_000_000_000_000_000 + i)
    hashtags = []
    for tag in tags:
        start = text.index("#" + tag)
        hashtags.append({"text": tag, "indices": [str(start), str(start + len(tag) + 1)]})
    mention = text.index("@springfieldlib")
    url = text.index(_TCO)
    entities = {
        "hashtags": hashtags, "symbols": [],
        "user_mentions": [{"name": "Springfield Library", "screen_name": "springfieldlib",
                           "indices": [str(mention), str(mention + len("@springfieldlib"))],
                           "id_str": "1000002", "id": "1000002"}],
        "urls": [{"url": _TCO, "expanded_url": "https://example.org/e",
                  "display_url": "example.org/e", "indices": [str(url), str(url + len(_TCO))]}],
    }
    _check_indices(text, entities)
    return {"tweet": {
        "edit_info": {"initial": {"editTweetIds": [tweet_id],
                                  "editableUntil": "2023-08-05T19:00:00.000Z",
                                  "editsRemaining": "5", "isEditEligible": True}},
        "retweeted": False,
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "entities": entities,
        "display_text_range": ["0", str(len(text))],
        "favorite_count": str(rnd.randint(0, 500)), "id_str": tweet_id, "truncated": False,
        "retweet_count": str(rnd.randint(0, 50)), "id": tweet_id, "favorited": False,
        "created_at": "Sat Aug 05 18:00:00 +0000 2023", "full_text": text, "lang": "en",
    }}


def _write_array(out: IO[bytes], prefix: bytes, items: Iterator[dict[str, Any]],
                 size: int, *, ascii_only: bool) -> int:
    out.write(prefix + b"[ ")
    written, count = 0, 0
    for item in items:
        chunk = json.dumps(item, indent=2, ensure_ascii=ascii_only).encode()
        chunk = chunk.replace(b"\n", b"\n  ")
        out.write((b", " if count else b"") + chunk)
        written += len(chunk) + 2
        count += 1
        if written >= size:
            break
    out.write(b" ]\n")
    return count


def generate(case: str, mb: int) -> Path:
    """The synthetic export for ``case`` of about ``mb`` MB uncompressed (cached)."""
    DATA.mkdir(exist_ok=True)
    path = DATA / f"{case}-{mb}mb-r{REVISIONS[case]}.zip"
    if path.exists():
        return path
    rnd = random.Random(2024)
    member, prefix = MEMBERS[case]
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        if case == "instagram":
            profile = {"profile_user": [{"string_map_data": {
                "Username": {"value": "springfieldpd"}, "Private Account": {"value": "false"}}}]}
            zf.writestr("personal_information/personal_information/personal_information.json",
                        json.dumps(profile, indent=2))
            make: Callable[[int, random.Random], dict[str, Any]] = instagram_post
        else:
            zf.writestr("data/account.js", "window.YTD.account.part0 = " + json.dumps(
                [{"account": {"username": "SpringfieldPD", "accountId": "1000001",
                              "accountDisplayName": "Springfield Police"}}], indent=2))
            make = tweet
        with zf.open(member, "w", force_zip64=True) as out:
            count = _write_array(out, prefix, (make(i, rnd) for i in range(10**9)),
                                 mb * 1_000_000, ascii_only=case == "instagram")
    tmp.rename(path)
    print(f"  generated {path.name}: {count:,} posts", file=sys.stderr)
    return path


# -- what each subprocess runs -------------------------------------------------------------


class _AfterPrefix(io.RawIOBase):
    """A member stream with everything before the first ``[`` skipped (for ijson)."""

    def __init__(self, inner: IO[bytes]) -> None:
        self._inner, self._started = inner, False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._inner.read(len(buffer))
        if not self._started and data:
            data, self._started = data[data.index(b"["):], True
        buffer[: len(data)] = data
        return len(data)


def run_case(kind: str, case: str, path: Path) -> tuple[int, int]:
    """(posts or items read, uncompressed bytes of the member)."""
    member, prefix = MEMBERS[case]
    with zipfile.ZipFile(path) as zf:
        size = zf.getinfo(member).file_size
        if kind == "read_posts":
            from engagekit.sources import read_posts

            return sum(1 for _ in read_posts(path, format=case)), size
        if kind in ("_json layer", "_json typed"):
            from engagekit.sources._engine.arrays import iter_array
            from engagekit.sources._engine.base import Context, Limits
            from engagekit.sources._engine.containers import open_container
            from engagekit.sources._meta.instagram_schema import POST
            from engagekit.sources._twitter.archive_schema import ITEM

            ctx = Context()
            schema = None if kind == "_json layer" else POST if case == "instagram" else ITEM
            with open_container(path, Limits()) as box:
                items = iter_array(box, member, ctx, prefix=prefix, schema=schema)
                return sum(1 for _ in items), size
        with zf.open(member) as handle:
            if kind == "ijson floor":
                import ijson

                assert ijson.backend == "yajl2_c", ijson.backend
                stream = io.BufferedReader(_AfterPrefix(handle), 1 << 16)
                return sum(1 for _ in ijson.items(stream, "item", use_float=True)), size
            import orjson

            data = handle.read()
            return len(orjson.loads(data[data.index(b"["):])), size


def child(kind: str, case: str, path: str) -> None:
    start = time.perf_counter()
    count, size = run_case(kind, case, Path(path))
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin"
                                                                 else 1024)
    print(json.dumps({"count": count, "seconds": seconds, "bytes": size, "rss": rss}))


# -- the parent --------------------------------------------------------------------------

KINDS = ["read_posts", "_json layer", "_json typed", "ijson floor", "orjson floor"]


def measure(kind: str, case: str, path: Path) -> dict[str, Any]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run([sys.executable, __file__, "--child", kind, case, str(path)],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(case: str, results: dict[str, dict[str, Any]], mb: int) -> None:
    floors = [r["seconds"] for k, r in results.items() if "floor" in k and "seconds" in r]
    floor = min(floors) if floors else None
    print(f"### {case}, {mb} MB uncompressed\n")
    print("| case | items | seconds | items/s | MB/s | peak RSS MB | time / floor |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind, r in results.items():
        if "error" in r:
            print(f"| {kind} | failed: {r['error'][:80]} | | | | | |")
            continue
        ratio = f"{r['seconds'] / floor:.2f}x" if floor else "-"
        print(f"| {kind} | {r['count']:,} | {r['seconds']:.2f} | {r['count'] / r['seconds']:,.0f}"
              f" | {r['bytes'] / 1e6 / r['seconds']:,.1f} | {r['rss'] / 2**20:,.0f} | {ratio} |")
    mine = results.get("read_posts", {})
    if "seconds" in mine and floor:
        rate = mine["count"] / mine["seconds"]
        print(f"\ntargets: {rate:,.0f} posts/s (>= 50,000: {'yes' if rate >= 50_000 else 'no'});"
              f" {mine['rss'] / 2**20:,.0f} MB peak (< 150 MB: "
              f"{'yes' if mine['rss'] < 150 * 2**20 else 'no'});"
              f" {mine['seconds'] / floor:.2f}x the floor (<= 4x: "
              f"{'yes' if mine['seconds'] <= 4 * floor else 'no'})\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50, help="uncompressed size of each export")
    parser.add_argument("--cases", default="instagram,twitter-archive")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; each case in a fresh "
          "process\n")
    for case in args.cases.split(","):
        path = generate(case, args.mb)
        results = {kind: measure(kind, case, path) for kind in args.kinds.split(",")}
        report(case, results, args.mb)


if __name__ == "__main__":
    main()
