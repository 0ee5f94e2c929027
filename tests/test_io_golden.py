"""Golden files of every released schema version, in every format: they load forever.

``tests/golden/v<N>/`` holds what engagekit wrote at schema version ``N`` (the
CSV at the layout of that release): ``posts.jsonl``, ``posts.csv`` and
``posts.parquet`` hold the same posts, and each later version's files start
with the posts of the version before. A new schema version adds a folder; the
tests below pick it up without an edit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import engagekit as ek

GOLDEN = Path(__file__).parent / "golden"
VERSIONS = sorted(int(p.name[1:]) for p in GOLDEN.glob("v*") if p.is_dir())


def _folder(version: int) -> Path:
    return GOLDEN / f"v{version}"


def test_there_is_a_folder_for_every_version_up_to_the_current_one() -> None:
    assert list(range(1, ek.SCHEMA_VERSION + 1)) == VERSIONS


@pytest.mark.parametrize("version", VERSIONS)
def test_jsonl_header_names_its_version(version: int) -> None:
    first = (_folder(version) / "posts.jsonl").read_bytes().splitlines()[0]
    assert first == b'{"engagekit":%d,"type":"Post"}' % version


@pytest.mark.parametrize("version", VERSIONS)
def test_every_format_of_a_version_holds_the_same_posts(version: int) -> None:
    folder = _folder(version)
    posts = list(ek.read_jsonl(folder / "posts.jsonl"))
    assert posts
    assert list(ek.read_csv(folder / "posts.csv")) == posts
    assert list(ek.read_posts(folder / "posts.csv")) == posts
    pytest.importorskip("pyarrow", reason="the arrow extra is not installed")
    assert list(ek.read_parquet(folder / "posts.parquet")) == posts


@pytest.mark.parametrize("version", VERSIONS[1:])
def test_a_later_version_starts_with_the_posts_of_the_one_before(version: int) -> None:
    before = list(ek.read_jsonl(_folder(version - 1) / "posts.jsonl"))
    after = list(ek.read_jsonl(_folder(version) / "posts.jsonl"))
    assert after[: len(before)] == before


def test_version_2_keeps_what_a_repost_points_at() -> None:
    post = ek.loads((_folder(2) / "post.json").read_bytes(), ek.Post)
    assert post.repost_of == ek.PostRef(author="SgtReyesSPD")
    posts = list(ek.read_jsonl(_folder(2) / "posts.jsonl"))
    assert [p.repost_of is not None for p in posts] == [False, False, True, True]
    assert posts[3].repost_of is not None
    assert posts[3].repost_of.url == "https://other.example/@ann/7"


def test_a_version_1_parquet_file_has_no_repost_column_and_still_reads() -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="the arrow extra is not installed")
    schema = pq.read_schema(_folder(1) / "posts.parquet")
    assert "repost_of" not in schema.names
    assert all(p.repost_of is None for p in ek.read_parquet(_folder(1) / "posts.parquet"))


def test_a_layout_2_csv_has_no_repost_column_and_still_reads() -> None:
    header, row = (_folder(1) / "posts.csv").read_text(encoding="utf-8").splitlines()[:2]
    assert "repost_of" not in header.split(",")
    assert row.startswith("2,")
    assert all(p.repost_of is None for p in ek.read_csv(_folder(1) / "posts.csv"))
