"""Format detection: engagekit.sources.detect."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

import engagekit as ek
from engagekit.errors import ArgumentError, UnsupportedFormat
from engagekit.models import Post
from engagekit.sources import FORMATS, detect, detect_format
from engagekit.sources._engine.base import Container, Context, Limits, Reader
from engagekit.sources._engine.containers import FolderContainer
from engagekit.sources.detect import detect_in, reader_for
from tests._zip import zip_stream
from tests.conftest import reference

FIXTURES = Path(__file__).parent / "fixtures"


class StandIn:
    """A reader that claims containers holding a member with a given name."""

    def __init__(self, name: str, member: str) -> None:
        self.FORMAT = name
        self._member = member
        self.calls = 0

    def detect(self, container: Container, /) -> bool:
        self.calls += 1
        return bool(container.find(self._member))

    def read(self, container: Container, ctx: Context, /) -> Iterator[Post]:
        return iter(())


def engagekit_jsonl() -> bytes:
    out = io.BytesIO()
    ek.write_jsonl([], out)
    return out.getvalue()


def test_format_names() -> None:
    assert FORMATS == ("twitter-archive", "instagram", "facebook", "mastodon", "bluesky",
                       "engagekit", "twitter-api", "csv")
    for name in FORMATS:
        assert name == reader_for(name).FORMAT


def test_first_claim_wins_in_order(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(b"[]")
    (tmp_path / "b.json").write_bytes(b"[]")
    first, second, third = StandIn("one", "b.json"), StandIn("two", "a.json"), StandIn("x", "z")
    readers: list[Reader] = [third, first, second]
    box = FolderContainer(tmp_path, Limits())
    assert detect_in(box, readers) is first
    assert (third.calls, first.calls, second.calls) == (1, 1, 0)


def test_unknown_input_names_the_source(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Dear diary,\nnothing to see.\n")
    with pytest.raises(UnsupportedFormat) as info:
        detect_format(path)
    assert info.value.source == str(path)
    assert str(path) in str(info.value)
    with pytest.raises(UnsupportedFormat, match="not in a format engagekit can read"):
        detect_format(tmp_path)


def test_format_name_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ArgumentError, match="format='myspace': unknown format; expected 'auto' "
                                             "or one of"):
        reader_for("myspace")
    monkeypatch.setitem(detect._MODULES, "csv", "engagekit.sources.no_such_reader")
    with pytest.raises(UnsupportedFormat, match="no reader for the format 'csv'"):
        reader_for("csv")
    box = io.BytesIO(engagekit_jsonl())
    assert detect_format(box) == "engagekit"  # auto-detection passes over the missing one


def test_a_file_object_goes_back_where_it_was() -> None:
    box = io.BytesIO(b"xx" + engagekit_jsonl())
    box.seek(2)
    assert detect_format(box) == "engagekit"
    assert box.tell() == 2


def test_a_folder_with_two_formats_is_read_as_the_first(tmp_path: Path) -> None:
    (tmp_path / "posts.jsonl").write_bytes(engagekit_jsonl())
    (tmp_path / "posts.csv").write_bytes(b"engagekit,id\r\n")
    assert detect_format(tmp_path) == "engagekit"


def test_detection_is_cheap(tmp_path: Path) -> None:
    media = tmp_path / "media" / "posts" / "202405"
    media.mkdir(parents=True)
    for i in range(300):
        (media / f"{i}.jpg").write_bytes(b"\xff\xd8\xff" + b"\0" * 5000)
    (tmp_path / "posts.jsonl").write_bytes(engagekit_jsonl())
    opened: list[str] = []

    class Counting(FolderContainer):
        def open(self, member: str) -> IO[bytes]:
            opened.append(member)
            return super().open(member)

    assert detect_in(Counting(tmp_path, Limits())).FORMAT == "engagekit"
    assert len(opened) <= 20, sorted(set(opened))[:20]


def test_own_formats() -> None:
    assert detect_format(io.BytesIO(engagekit_jsonl())) == "engagekit"
    assert detect_format(FIXTURES / "csv" / "crowdtangle_facebook.csv") == "csv"
    assert detect_format(zip_stream({"export/posts.jsonl": engagekit_jsonl()})) == "engagekit"


REFERENCES = [
    # path under ../shared/reference/formats, format
    ("csv/twarc_csv_output.geo_tweets.csv", "csv"),
    ("twitter_api_v2/twarc_geo_tweets.jsonl", "twitter-api"),
    ("bluesky/listRecords.app.bsky.feed.post.bskyr.json", "bluesky"),
    ("bluesky/getAuthorFeed.excerpt.bskyr.json", "bluesky"),
    ("instagram/i2b_test_images_posts.json", "instagram"),
    ("instagram/i2b_test_video_reels.json", "instagram"),
]


@pytest.mark.parametrize(("path", "expected"), REFERENCES)
def test_real_samples(path: str, expected: str) -> None:
    assert detect_format(reference("formats", *path.split("/"))) == expected


FOLDERS = [
    ("facebook", "facebook"),
    ("mastodon/export", "mastodon"),
    ("twitter_archive/full", "twitter-archive"),
    ("twitter_api/flattened.jsonl", "twitter-api"),
]


@pytest.mark.parametrize(("path", "expected"), FOLDERS)
def test_other_engineers_fixtures(path: str, expected: str) -> None:
    source = FIXTURES / path
    if not source.exists():
        pytest.skip(f"fixture not present: {source}")
    assert detect_format(source) == expected


def test_every_built_in_reader_says_what_it_looks_for() -> None:
    from engagekit.sources.detect import readers

    for reader in readers():
        looks_for = getattr(reader, "LOOKS_FOR", "")
        assert isinstance(looks_for, str)
        assert looks_for, reader.FORMAT


_BOM = b"\xef\xbb\xbf"
_FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(("name", "data", "fmt"), [
    ("posts_1.json", b'[{"media": [{"uri": "a.jpg", "creation_timestamp": 1}]}]', "instagram"),
    ("media.json", (_FIXTURES / "instagram" / "media.json").read_bytes(), "instagram"),
    ("your_posts_1.json", (_FIXTURES / "facebook" / "your_posts_1.json").read_bytes(),
     "facebook"),
    ("posts.jsonl", (Path(__file__).parent / "golden" / "v1" / "posts.jsonl").read_bytes(),
     "engagekit"),
])
def test_a_byte_order_mark_hides_no_format(name: str, data: bytes, fmt: str) -> None:
    # Windows tools save UTF-8 with a BOM; every JSON reader already skips it when reading
    assert detect_format(io.BytesIO(_BOM + data)) == fmt
    assert detect_format(zip_stream({f"export/{name}": _BOM + data})) == fmt
    assert list(ek.read_posts(io.BytesIO(_BOM + data))) == list(ek.read_posts(io.BytesIO(data)))


def test_a_utf16_file_is_diagnosed_by_its_encoding() -> None:
    data = (Path(__file__).parent / "fixtures" / "twitter_api" / "page.json").read_text()
    with pytest.raises(UnsupportedFormat, match="encoded in UTF-16LE; engagekit reads JSON in "
                                                "UTF-8"):
        detect_format(io.BytesIO(data.encode("utf-16")))
