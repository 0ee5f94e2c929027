"""engagekit.dask and the part reading under it: the posts, counts and errors of one process."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("dask.bag", reason="the dask extra is not installed")
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

import engagekit as ek  # noqa: E402
import engagekit.dask as ekd  # noqa: E402
from engagekit.aggregate import HashtagCounts, MentionCounts  # noqa: E402
from engagekit.errors import ArgumentError, ParseError  # noqa: E402
from engagekit.sources import instagram  # noqa: E402
from engagekit.sources._engine.ranges import Options, plan, read_part  # noqa: E402

_PROFILE = {"profile_user": [{"string_map_data": {"Username": {"value": "springfieldpd"},
                                                   "Private Account": {"value": "false"}}}]}
_TAGS = ["CommunityPolicing", "CoffeeWithACop", "BikeSafety", "SafeStreets", "NightOut"]


def _ig_post(i: int) -> dict[str, Any]:
    tags = " ".join("#" + _TAGS[(i + k) % len(_TAGS)] for k in range(1 + i % 3))
    return {"media": [{"uri": f"media/posts/2024/{1000 + i}.jpg",
                       "creation_timestamp": 1_700_000_000 + 3_600 * i,
                       "title": f"Post {i} with @springfieldlib {tags}"}]}


def _tweet(i: int) -> dict[str, Any]:
    tag = _TAGS[i % len(_TAGS)]
    text = f"Tweet {i} #{tag}"
    start = text.index("#")
    return {"tweet": {"id_str": str(1_600_000_000_000 + i), "id": str(1_600_000_000_000 + i),
                      "full_text": text, "created_at": "Sat Aug 05 18:00:00 +0000 2023",
                      "favorite_count": str(i % 7), "retweet_count": "0",
                      "display_text_range": ["0", str(len(text))],
                      "entities": {"hashtags": [{"text": tag, "indices": [str(start),
                                                                          str(len(text))]}],
                                   "user_mentions": [], "urls": [], "symbols": []}}}


def _instagram(root: Path, posts: list[Any], *, reels: int = 0) -> Path:
    content = root / "your_instagram_activity" / "content"
    content.mkdir(parents=True)
    (content / "posts_1.json").write_text(json.dumps(posts, indent=2))
    if reels:
        reel = {"ig_reels_media": [{"media": [dict(_ig_post(9000 + i)["media"][0],
                                                   uri=f"media/reels/{i}.mp4")]}
                                   for i in range(reels)]}
        (content / "reels.json").write_text(json.dumps(reel, indent=2))
    info = root / "personal_information" / "personal_information"
    info.mkdir(parents=True)
    (info / "personal_information.json").write_text(json.dumps(_PROFILE, indent=2))
    return root


def _zip(folder: Path, path: Path, method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as zf:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                zf.write(file, file.relative_to(folder).as_posix())
    return path


def _archive(root: Path, count: int) -> Path:
    data = root / "data"
    data.mkdir(parents=True)
    account = [{"account": {"username": "SpringfieldPD", "accountId": "1",
                            "accountDisplayName": "Springfield Police"}}]
    (data / "account.js").write_text("window.YTD.account.part0 = " + json.dumps(account))
    tweets = json.dumps([_tweet(i) for i in range(count)], indent=2)
    (data / "tweets.js").write_text("window.YTD.tweets.part0 = " + tweets)
    return root


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("exports")
    folder = _instagram(base / "instagram", [_ig_post(i) for i in range(240)], reels=5)
    jsonl = base / "posts.jsonl"
    ek.write_jsonl(ek.read_posts(folder), jsonl)
    return {
        "folder": folder,
        "zip": _zip(folder, base / "instagram.zip"),
        "stored": _zip(folder, base / "stored.zip", zipfile.ZIP_STORED),
        "archive": _archive(base / "archive", 150),
        "jsonl": jsonl,
    }


def _compute(collection: Any) -> Any:
    return collection.compute()  # dask's methods are not annotated


def _single(*paths: Path, **options: Any) -> list[ek.Post]:
    return [post for path in paths for post in ek.read_posts(path, **options)]


@pytest.mark.parametrize("name", ["folder", "zip", "stored", "archive", "jsonl"])
def test_same_posts_as_one_process(client: Any, exports: dict[str, Path], name: str) -> None:
    path = exports[name]
    bag = ekd.read_posts(path, partition_bytes=4096)
    if name != "jsonl":
        assert bag.npartitions > 4  # the big member is read in windows
    assert _compute(bag) == _single(path)


def test_several_sources_and_aggregates(client: Any, exports: dict[str, Path]) -> None:
    paths = [exports["zip"], exports["archive"], exports["jsonl"]]
    bag = ekd.read_posts(paths, partition_bytes=8192)
    given = (HashtagCounts(), MentionCounts(top=3))
    got = ekd.aggregate(bag, *given, split_every=3)
    posts = _single(*paths)
    assert got == (HashtagCounts().update(posts).result(),
                   MentionCounts(top=3).update(posts).result())
    assert given[0] == HashtagCounts()  # the caller's aggregators are left as they were
    merged = _compute(ekd.aggregate(bag, HashtagCounts(), compute=False))
    assert merged[0].result() == got[0]
    # a bag derived from it is aggregated from its computed partitions, with the same answer
    derived: Any = bag
    kept = derived.filter(lambda post: post.platform is ek.Platform.INSTAGRAM)
    assert getattr(kept, "reading", None) is None  # dask keeps the class, not the reading
    assert ekd.aggregate(kept, HashtagCounts()) == (
        HashtagCounts().update(p for p in posts if p.platform is ek.Platform.INSTAGRAM).result(),)


def test_unsplit_sources_are_one_partition(client: Any, exports: dict[str, Path]) -> None:
    assert ekd.read_posts(exports["zip"], partition_bytes=None).npartitions == 1
    assert ekd.read_posts(exports["jsonl"], partition_bytes=1).npartitions == 1
    assert ekd.read_posts(exports["zip"]).npartitions == 1  # smaller than the default


def _bad_export(root: Path, bad: int, count: int = 200) -> Path:
    posts = [_ig_post(i) for i in range(count)]
    posts[bad]["media"][0]["creation_timestamp"] = "yesterday"
    return _instagram(root, posts)


def test_the_error_of_one_process_is_raised(client: Any, tmp_path: Path) -> None:
    folder = _bad_export(tmp_path / "bad", bad=170)
    with pytest.raises(ParseError) as single:
        _single(folder)
    bag = ekd.read_posts(folder, partition_bytes=2048)
    with pytest.raises(ParseError) as parted:
        _compute(bag)
    assert str(parted.value) == str(single.value)
    assert parted.value.record == 170


def test_skips_and_collected_errors_add_up(client: Any, tmp_path: Path) -> None:
    folder = _bad_export(tmp_path / "bad", bad=150)
    report = ek.read_posts(folder, errors="collect")
    assert _compute(ekd.read_posts(folder, errors="skip", partition_bytes=2048)) == report.posts
    parted = _compute(ekd.read_report(folder, errors="collect", partition_bytes=2048))
    assert parted.skipped == report.skipped
    assert [str(e) for e in parted.errors] == [str(e) for e in report.errors]
    assert parted.format == "instagram"


def test_bad_arguments() -> None:
    with pytest.raises(ArgumentError):
        ekd.read_posts("x", partition_bytes=0)
    with pytest.raises(ValueError, match="errors"):
        ekd.read_posts("x", errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(ParseError, match="no such file"):
        ekd.read_posts("/nonexistent/export.zip")
    with pytest.raises(ArgumentError):
        ekd.aggregate(cast(Any, None))


def test_a_member_not_indented_alike_fails_loudly(tmp_path: Path) -> None:
    # an item whose inner object closes at the items' own indentation
    posts = json.dumps([_ig_post(i) for i in range(30)], indent=2)
    odd = posts.replace('"title": "Post 12', '"x": {\n  },\n        "title": "Post 12', 1)
    folder = _instagram(tmp_path / "odd", [])
    (folder / "your_instagram_activity" / "content" / "posts_1.json").write_text(odd)
    options = Options()
    parts = plan(str(folder), instagram, options, 64)
    with pytest.raises(ekd.SplitError, match="cannot read in parts"):
        [post for part in parts for post in read_part(part, instagram, options)]


@settings(max_examples=25, deadline=None)
@given(count=st.integers(0, 40), size=st.integers(64, 4000), indent=st.sampled_from([1, 2, 4]))
def test_any_partition_size_reads_every_record_once(tmp_path_factory: pytest.TempPathFactory,
                                                    count: int, size: int, indent: int) -> None:
    folder = tmp_path_factory.mktemp("prop")
    path = folder / "posts_1.json"
    path.write_text(json.dumps([_ig_post(i) for i in range(count)], indent=indent))
    options = Options()
    parts = plan(str(path), instagram, options, size)
    got = [post for part in parts for post in read_part(part, instagram, options)]
    assert got == _single(path)


def test_import_engagekit_does_not_import_dask() -> None:
    code = "import sys, engagekit; sys.exit('dask' in sys.modules or 'distributed' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_folder_of_several_exports_is_read_whole(tmp_path: Path) -> None:
    root = tmp_path / "downloads"
    _instagram(root / "instagram-springfieldpd", [_ig_post(i) for i in range(40)])
    with zipfile.ZipFile(root / "twitter-springfieldpd.zip", "w") as archive:
        archive.writestr("data/tweets.js",
                         "window.YTD.tweets.part0 = " + json.dumps([_tweet(i) for i in range(5)]))
    (root / "notes.txt").write_text("not an export")
    bag: Any = ekd.read_posts(root, partition_bytes=2048)
    got = bag.compute(scheduler="sync")
    assert got == _single(root)
    assert {p.platform for p in got} == {ek.Platform.INSTAGRAM, ek.Platform.TWITTER}
    report: Any = ekd.read_report(root, partition_bytes=2048)
    done = report.compute(scheduler="sync")
    assert sorted(fmt for _, fmt in done.found) == ["instagram", "twitter-archive"]
    assert [(Path(name).name, why[:12]) for name, why in done.unread] == [
        ("notes.txt", "not in a for")]
    single = ek.read_posts(root, errors="collect")
    assert (done.found, done.unread) == (single.found, single.unread)
