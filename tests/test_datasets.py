"""The bundled synthetic samples load, read through the real readers, and are reproducible."""

from __future__ import annotations

import importlib
import importlib.resources
import importlib.util
import io
import subprocess
import sys
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

import engagekit as ek
from engagekit import aggregate as agg
from engagekit import datasets
from engagekit.datasets import SAMPLE_TZ, load_sample, sample_exports, sample_posts
from engagekit.privacy import name_spans

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "engagekit" / "datasets"
EXPORTS = ("instagram", "facebook", "twitter", "mastodon", "bluesky")


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- sample_posts: the 80 posts in engagekit's JSON Lines ----------------------------------------


def test_sample_loads_with_consistent_spans() -> None:
    posts = list(sample_posts())
    assert len(posts) == 80
    assert {p.platform for p in posts} == {ek.Platform.INSTAGRAM, ek.Platform.TWITTER,
                                          ek.Platform.MASTODON, ek.Platform.BLUESKY}
    for post in posts:
        for tag in post.hashtags:
            assert tag.start is not None
            assert tag.end is not None
            assert post.text[tag.start:tag.end] == "#" + tag.text
        for start, end in post.quality.lost_spans:
            assert set(post.text[start:end]) == {"?"}
    assert sum(p.quality.lost_glyphs for p in posts) == 54


def test_build_script_reproduces_the_file() -> None:
    module = _script("build_sample_data")
    committed = (DATA / "sample_posts.jsonl").read_bytes()
    assert module.render() == committed, "run: python scripts/build_sample_data.py"


# -- sample_exports: the five exports in their platforms' layouts ----------------------------


def _members(data: bytes) -> list[tuple[str, tuple[int, ...], int, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, i.date_time, i.compress_type, archive.read(i))
                for i in archive.infolist()]


def test_build_script_reproduces_the_exports_byte_for_byte(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_sample_exports.py"),
                           "--out", str(tmp_path)], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    built = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(str(p) for p in datasets._FILES.values())
    assert built == committed, "run: python scripts/build_sample_exports.py"
    assert sorted(p.name for p in (DATA / "sample_exports").iterdir()) == sorted(
        Path(p).name for p in committed if p.startswith("sample_exports/"))
    for name in built:
        new, old = (tmp_path / name).read_bytes(), (DATA / name).read_bytes()
        if new != old and name.endswith(".zip") and _members(new) == _members(old):
            pytest.fail(f"{name}: the same members, but deflated to other bytes by zlib "
                        f"{zlib.ZLIB_RUNTIME_VERSION}; the committed zips were made with zlib "
                        "1.2.13 (rebuild them on purpose if the platform changed)")
        assert new == old, f"{name} is out of date: run python scripts/build_sample_exports.py"


def test_sample_exports_are_paths_to_each_platforms_export_and_the_roster() -> None:
    paths = sample_exports()
    assert list(paths) == [*EXPORTS, "roster"]
    assert all(isinstance(p, Path) and p.is_file() for p in paths.values())
    paths["roster"] = Path("changed")
    assert sample_exports()["roster"].name == "sample_roster.csv"  # a fresh dict each call
    assert [ek.detect_format(sample_exports()[name]) for name in EXPORTS] == [
        "instagram", "facebook", "twitter-archive", "mastodon", "bluesky"]
    zipped = [name for name in EXPORTS if zipfile.is_zipfile(sample_exports()[name])]
    assert zipped == ["instagram", "facebook", "twitter", "mastodon"]
    total = sum(p.stat().st_size for p in sample_exports().values())
    assert total < 300_000  # bytes on disk; about 15 kB more, zipped, in the wheel


def test_exports_are_in_their_platforms_layouts() -> None:
    paths = sample_exports()

    def names(key: str) -> list[str]:
        with zipfile.ZipFile(paths[key]) as archive:
            return sorted(archive.namelist())

    assert names("instagram") == [
        "personal_information/personal_information/personal_information.json",
        "your_instagram_activity/content/posts_1.json",
        "your_instagram_activity/content/reels.json",
    ]
    assert names("facebook") == [
        "personal_information/profile_information/profile_information.json",
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
    ]
    assert names("twitter") == ["data/README.txt", "data/account.js", "data/manifest.js",
                                "data/tweets.js"]
    assert names("mastodon") == ["actor.json", "bookmarks.json", "likes.json", "outbox.json"]
    with zipfile.ZipFile(paths["instagram"]) as archive:
        posts = archive.read("your_instagram_activity/content/posts_1.json")
    assert posts.isascii()
    assert rb"\u00f0\u009f" in posts  # Meta's mojibake: an emoji as its bytes
    with zipfile.ZipFile(paths["twitter"]) as archive:
        assert archive.read("data/tweets.js").startswith(b"window.YTD.tweets.part0 = [")
    first = paths["bluesky"].read_bytes().split(b"\n", 1)[0]
    assert first.startswith(b'{"feed":[{"post":{"uri":"at://did:plc:')


# Per export, with the default options: posts read, and what was left out and why.
EXPECTED = {
    "instagram": (64, {}),
    "facebook": (38, {}),
    "twitter": (84, {"retweet": 8}),
    "mastodon": (44, {"announce": 5, "private:followers": 1, "private:direct": 1}),
    "bluesky": (74, {"repost": 6}),
}


@pytest.mark.parametrize("name", EXPORTS)
def test_each_export_reads_with_no_errors(name: str) -> None:
    report = ek.read_posts(sample_exports()[name], errors="collect")
    assert report.errors == []
    assert (len(report.posts), dict(report.skipped)) == EXPECTED[name]
    assert report.repaired == Counter()
    assert {p.platform.value for p in report.posts} == {name}
    everything = ek.read_posts(sample_exports()[name], errors="collect", include_private=True,
                               include_reposts=True)
    assert everything.errors == []
    assert dict(everything.skipped) == {}
    assert len(everything.posts) == EXPECTED[name][0] + sum(EXPECTED[name][1].values())


def test_the_folder_of_exports_reads_as_one_collection() -> None:
    folder = sample_exports()["instagram"].parent
    stream = ek.read_posts(folder)
    assert len(list(stream)) == 304
    assert stream.unread == ()
    assert sorted(fmt for _, fmt in stream.found) == [
        "bluesky", "facebook", "instagram", "mastodon", "twitter-archive"]


def test_private_posts_and_reposts_are_left_out_by_default() -> None:
    posts = load_sample()
    assert len(posts) == sum(n for n, _ in EXPECTED.values()) == 304
    assert Counter(p.platform.value for p in posts) == {k: n for k, (n, _) in
                                                        EXPECTED.items()}
    assert not [p for p in posts if p.visibility in (ek.Visibility.FOLLOWERS,
                                                     ek.Visibility.DIRECT)]
    assert not [p for p in posts if p.repost_of is not None]

    private = [p for p in load_sample(include_private=True) if p.visibility in (
        ek.Visibility.FOLLOWERS, ek.Visibility.DIRECT)]
    assert [(p.platform.value, p.visibility.value) for p in private] == [
        ("mastodon", "followers"), ("mastodon", "direct")]
    assert private[1].mentions[0].handle == "jkowalski@neighbors.example"

    reposts = [(p, p.repost_of) for p in load_sample(include_reposts=True) if p.repost_of]
    assert Counter(p.platform.value for p, _ in reposts) == {"twitter": 8, "mastodon": 5,
                                                             "bluesky": 6}
    assert {of.author for p, of in reposts if p.platform is ek.Platform.TWITTER} == {
        "MapleHarborFD", "CityofMapleHarbor", "MHSchools"}
    # the officers pass on the department's Bluesky posts, the department the city's
    by = Counter((p.author.handle.split(".")[0], of.author.split(".")[0])
                 for p, of in reposts if p.platform is ek.Platform.BLUESKY and p.author
                 and of.author)
    assert by == {("police", "city"): 2, ("raman", "police"): 2, ("ortiz", "police"): 2}
    assert len(load_sample(include_private=True, include_reposts=True)) == 304 + 2 + 19


def test_hashtags_in_several_casings_merge_to_one_key() -> None:
    rows = {row.key: row for row in agg.hashtag_counts(load_sample())}
    community = rows["communitypolicing"]
    assert community.display == "CommunityPolicing"
    assert {v.text for v in community.variants} == {
        "CommunityPolicing", "communitypolicing", "COMMUNITYPOLICING"}
    assert community.authors == 7  # every account of the sample
    # CamelCase tags, and tags in Spanish, Greek, Vietnamese, Arabic and Hindi
    assert rows["coffeewithacop"].display == "CoffeeWithACop"
    assert ek.Hashtag(text=rows["coffeewithacop"].display).words == ("Coffee", "With", "A",
                                                                      "Cop")
    for key in ("policíacomunitaria", "díadelosmuertos", "καλόπάσχα", "ελληνικόφεστιβάλ",
                "tếtnguyênđán", "رمضان_كريم", "दिवाली", "सुरक्षा", "होली"):
        assert key in rows, key


def test_lost_glyphs_and_repaired_mojibake_are_marked() -> None:
    posts = load_sample()
    lost = [p for p in posts if p.quality.lost_glyphs]
    assert Counter(p.platform.value for p in lost) == {"twitter": 9, "instagram": 8,
                                                       "facebook": 4}
    for post in lost:
        assert post.quality.lost_spans
        assert all(set(post.text[s:e]) == {"?"} for s, e in post.quality.lost_spans)
        assert post.created_at.year == 2023  # the old scheduler's posts, early 2023
    assert max(p.quality.lost_glyphs for p in lost) >= 6
    # Meta writes every non-ASCII character as mojibake; the readers repair it
    repaired = [p for p in posts if "mojibake" in p.quality.repairs]
    assert {p.platform.value for p in repaired} == {"instagram", "facebook"}
    meta = [p for p in posts if p.platform.value in ("instagram", "facebook")]
    assert [p for p in meta if not p.text.isascii()] == repaired
    assert any("Policía" in p.text for p in repaired)
    assert all("Ã" not in p.text and "ð\x9f" not in p.text for p in posts)


def test_located_posts() -> None:
    located = [(p.platform.value, p.location) for p in load_sample() if p.location]
    assert Counter(platform for platform, _ in located) == {"facebook": 25, "instagram": 17}
    assert all(loc.coordinates is not None for _, loc in located)
    facebook = [loc for platform, loc in located if platform == "facebook"]
    assert {loc.name for loc in facebook} >= {"Harbor Park", "Eastside Community Center"}
    assert any(loc.address for loc in facebook)
    instagram = [loc for platform, loc in located if platform == "instagram"]
    assert all(loc.name.startswith("47.1") for loc in instagram)  # named by its coordinates


def test_engagement_counts_where_the_platform_gives_them() -> None:
    summary = {row.group: row for row in agg.by_platform(load_sample())}
    assert {name for name, row in summary.items() if row.likes.known} == {"twitter", "bluesky"}
    assert summary["twitter"].shares.known == 84
    assert summary["bluesky"].comments.known == 74
    assert summary["instagram"].likes.unknown == 64  # unknown, never 0


def test_the_roster_attaches_officers() -> None:
    posts = load_sample()
    rows = {row.group: row.posts for row in agg.by_officer(posts)}
    assert rows == {"Daniela Ortiz": 48, "Marcus Bell": 44, "Priya Raman": 30, None: 182}
    ortiz = {p.platform.value for p in posts if p.officer and p.officer.name == "Daniela Ortiz"}
    assert ortiz == {"facebook", "bluesky"}
    roster = ek.Roster.load(sample_exports()["roster"])
    department = [p for p in posts if p.officer is None]
    agencies = {roster.agency_for(p.author) for p in department if p.author}
    assert {a.name if a else None for a in agencies} == {"Maple Harbor Police Department"}
    assert all(p.officer is None for p in load_sample(roster=False))


# Every sample post the name detector flags, by platform and id, with the names it finds.
# Children named in captions; "Officer Priya Raman" (an officer's name, flagged too); on
# Facebook, posts where a colleague is tagged (tagged people are flagged with no name in
# the text).
FLAGGED = {
    ("instagram", "17562527265797520"): ("Aliyah",),
    ("instagram", "17615572216917870"): ("Amara", "Arjun"),
    ("instagram", "17219324444140738"): ("Zainab",),
    ("instagram", "17997600496508903"): ("Sofía", "Valentina"),
    ("instagram", "17757669917280174"): ("Priya Raman",),
    ("instagram", "18412953936588703"): ("Meera",),
    ("instagram", "17862600200011354"): ("Arjun", "Tomás"),
    ("instagram", "17104549890808485"): ("Giselle", "Noor"),
    ("instagram", "17877282256864707"): ("Zainab",),
    ("instagram", "18366403422067748"): ("Amara", "Giselle"),
    ("facebook", "1733937985-67323efada42"): (),
    ("facebook", "1720894423-dec161df9d6f"): ("Mateo", "Aliyah"),
    ("facebook", "1716137497-98a5646a7ab4"): ("Tomás", "Isabella"),
    ("facebook", "1684275503-74d32d8eb3ce"): ("Valentina", "Sofía"),
    ("facebook", "1678845892-f4da37f0cdf0"): (),
    ("facebook", "1673482456-76fc1d45b0e9"): (),
    ("twitter", "1837941344866841479"): ("Kofi",),
    ("twitter", "1833686644019090952"): ("Zainab",),
    ("twitter", "1799105793892397974"): ("Amara", "Aliyah"),
    ("twitter", "1766835358177453188"): ("Noor",),
    ("twitter", "1760759712998847042"): ("Mateo", "Meera"),
    ("twitter", "1754595951501713489"): ("Priya Raman",),
    ("twitter", "1748830950964733856"): ("Wei", "Tomás"),
    ("twitter", "1731021317743662674"): ("Kofi", "Aliyah"),
    ("twitter", "1714764550888616918"): ("Elena",),
    ("twitter", "1654661584724448312"): ("Zainab",),
    ("twitter", "1632775986258829657"): ("Liam", "Zainab"),
    ("twitter", "1617186046694788126"): ("Liam", "Amara"),
    ("mastodon", "https://social.mapleharbor.example/users/sgtbell/statuses/109683863060738305"):
        ("Liam",),
    ("mastodon", "https://social.mapleharbor.example/users/sgtbell/statuses/113653867776776466"):
        ("Wei", "Sofía"),
    ("bluesky", "at://did:plc:q3m7hx2kvyd5rw4n6tz8bsce/app.bsky.feed.post/3kuggrwdlpr3i"):
        ("Wei",),
    ("bluesky", "at://did:plc:q3m7hx2kvyd5rw4n6tz8bsce/app.bsky.feed.post/3kkozoxeipc3f"):
        ("Priya Raman",),
    ("bluesky", "at://did:plc:q3m7hx2kvyd5rw4n6tz8bsce/app.bsky.feed.post/3kiflny4ga4rp"):
        ("Liam", "Valentina"),
    ("bluesky", "at://did:plc:q3m7hx2kvyd5rw4n6tz8bsce/app.bsky.feed.post/3khu5wid6pq2x"):
        ("Tomás",),
    ("bluesky", "at://did:plc:r5aj2wpe7mkx4tq6nv3zhd7u/app.bsky.feed.post/3laypod55dhok"):
        ("Wei", "Kofi"),
    ("bluesky", "at://did:plc:r5aj2wpe7mkx4tq6nv3zhd7u/app.bsky.feed.post/3ktnmlpupl5ut"):
        ("Aliyah", "Tomás"),
    ("bluesky", "at://did:plc:o2tz6cgv4ykp7wm3hr5xq2le/app.bsky.feed.post/3kx6nugmgz7nh"):
        ("Mateo", "Aliyah"),
}


def test_the_name_detector_flags_the_captions_naming_children(
        monkeypatch: pytest.MonkeyPatch) -> None:
    posts = load_sample(include_private=True)
    flagged = {(p.platform.value, p.id): tuple(s.text for s in name_spans(p.text, lang=p.lang))
               for p in posts if "possible_name" in ek.flags(p)}
    assert flagged == FLAGGED
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    kids: list[str] = importlib.import_module("samplegen.world").KIDS
    naming = {(p.platform.value, p.id) for p in posts
              if any(kid in p.text.replace("?", " ").split() or f"{kid}," in p.text
                     or f"{kid}!" in p.text for kid in kids)}
    assert naming <= set(flagged)  # every caption naming a child is flagged
    assert all("media_and_name" in ek.flags(p) for p in posts
               if (p.platform.value, p.id) in naming and p.media)
    # the privacy defaults redact them; the officers' and the department's accounts stay
    roster = ek.Roster.load(sample_exports()["roster"])
    redacted = list(ek.redact(posts, roster=roster))
    assert not [p.text for p in redacted if any(kid in p.text for kid in kids)]
    changed = {(p.platform.value, p.id) for p, r in zip(posts, redacted, strict=True)
               if r.text != p.text}
    direct = [(p.platform.value, p.id) for p in posts if p.visibility is ek.Visibility.DIRECT]
    assert changed == {key for key, names in FLAGGED.items() if names} | set(direct)
    # mentions of a resident go; the department's and partner agencies' accounts stay
    kept = {m.handle for p in redacted for m in p.mentions}
    assert kept == {"police.mapleharbor.example", "library@civic.mapleharbor.example",
                    "MapleHarborFD", "CityofMapleHarbor", "MHSchools"}


def test_the_sample_time_zone_puts_evening_posts_on_their_local_day() -> None:
    posts = load_sample()
    nno = [p for p in posts if any(t.key == "nationalnightout" for t in p.hashtags)]
    days = Counter(b.start.date().isoformat() for b in agg.timeline(nno, period="day",
                                                                     tz=SAMPLE_TZ) if b.posts)
    utc = Counter(b.start.date().isoformat() for b in agg.timeline(nno, period="day")
                  if b.posts)
    assert days["2024-08-06"] > utc["2024-08-06"]  # National Night Out, a Tuesday evening


def test_data_is_copied_out_of_a_zipped_install(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed as a zip (zipimport), the files are copied to a real folder once."""
    wheel = tmp_path / "engagekit.zip"
    with zipfile.ZipFile(wheel, "w") as archive:
        for relative in datasets._FILES.values():
            archive.write(DATA / relative, f"engagekit/datasets/{relative}")
    monkeypatch.setattr(importlib.resources, "files",
                        lambda _: zipfile.Path(wheel, "engagekit/datasets/"))
    root = datasets._root.__wrapped__()
    assert root != DATA
    for relative in datasets._FILES.values():
        assert (root / relative).read_bytes() == (DATA / relative).read_bytes()
