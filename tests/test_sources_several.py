"""Several sources at once, folders of exports, reading a stream twice, and why a source is
unreadable (engagekit.sources._several, engagekit.sources.detect.diagnose)."""

from __future__ import annotations

import io
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

import engagekit as ek
from engagekit.errors import StreamConsumed, UnsupportedFormat
from engagekit.sources import read_posts
from tests._zip import make_zip

_WHEN = 1715566877  # 2024-05-13 02:21:17 UTC


def _post(i: int, platform: str = "mastodon") -> ek.Post:
    return ek.Post(id=str(i), platform=platform, text=f"Bike rodeo {i} #SafeStreets",
                   created_at=datetime(2024, 5, 2, 12, i, tzinfo=UTC))


def _jsonl(*posts: ek.Post) -> bytes:
    out = io.BytesIO()
    ek.write_jsonl(list(posts), out)
    return out.getvalue()


def _meta_download(root: Path) -> Path:
    """A folder holding an Instagram and a Facebook export, as a Meta download can."""
    ig = root / "your_instagram_activity" / "content"
    fb = root / "your_facebook_activity" / "posts"
    ig.mkdir(parents=True)
    fb.mkdir(parents=True)
    (ig / "posts_1.json").write_text(json.dumps([{"media": [
        {"uri": "media/posts/202405/a.jpg", "creation_timestamp": _WHEN,
         "title": "Coffee with a cop #CommunityPolicing"}]}]))
    (fb / "your_posts_1.json").write_text(json.dumps(
        [{"timestamp": _WHEN, "data": [{"post": "Bike rodeo #SafeStreets"}]}]))
    return root


def test_a_source_with_two_account_exports_gives_the_posts_of_both(tmp_path: Path) -> None:
    root = _meta_download(tmp_path / "meta")
    stream = read_posts(root)
    assert [(p.platform.value, p.text) for p in stream] == [
        ("instagram", "Coffee with a cop #CommunityPolicing"),
        ("facebook", "Bike rodeo #SafeStreets")]
    assert stream.format == "instagram+facebook"
    assert stream.found == ((str(root), "instagram"), (str(root), "facebook"))
    assert stream.unread == ()


def test_the_same_download_as_a_zip_gives_the_same_posts(tmp_path: Path) -> None:
    root = _meta_download(tmp_path / "meta")
    members = {os.path.relpath(p, root): p.read_bytes() for p in root.rglob("*.json")}
    archive = tmp_path / "meta.zip"
    archive.write_bytes(make_zip(members))
    assert list(read_posts(archive)) == list(read_posts(root))


def test_a_folder_of_exports_is_read_export_by_export(tmp_path: Path) -> None:
    shelf = tmp_path / "exports"
    shelf.mkdir()
    _meta_download(shelf / "meta-2024")
    (shelf / "a.zip").write_bytes(make_zip({"posts.jsonl": _jsonl(_post(1))}))
    (shelf / "b.jsonl").write_bytes(_jsonl(_post(2), _post(3)))
    (shelf / "README.txt").write_text("Exports of the Springfield PD accounts\n")
    (shelf / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (shelf / "empty.zip").write_bytes(b"")
    stream = read_posts(shelf)
    assert [p.id for p in stream][:3] == ["1", "2", "3"]
    assert [(Path(name).name, fmt) for name, fmt in stream.found] == [
        ("a.zip", "engagekit"), ("b.jsonl", "engagekit"), ("meta-2024", "instagram"),
        ("meta-2024", "facebook")]
    unread = {Path(name).name: why for name, why in stream.unread}
    assert unread[".DS_Store"] == "hidden"
    assert "the zip file is empty" in unread["empty.zip"]
    assert unread["README.txt"].startswith("not in a format engagekit can read (tried ")
    assert set(unread) == {".DS_Store", "empty.zip", "README.txt"}


def test_a_zip_inside_an_account_export_folder_is_read_too(tmp_path: Path) -> None:
    root = _meta_download(tmp_path / "meta")
    (root / "saved").mkdir()
    (root / "saved" / "old-archive.zip").write_bytes(make_zip({"posts.jsonl": _jsonl(_post(7))}))
    stream = read_posts(root)
    assert [p.id for p in stream][-1] == "7"
    assert [fmt for _, fmt in stream.found] == ["instagram", "facebook", "engagekit"]


def test_two_exports_of_one_platform_side_by_side_are_two_exports(tmp_path: Path) -> None:
    _meta_download(tmp_path / "shelf" / "2023")
    _meta_download(tmp_path / "shelf" / "2024")
    stream = read_posts(tmp_path / "shelf")
    assert [(Path(name).name, fmt) for name, fmt in stream.found] == [
        ("2023", "instagram"), ("2023", "facebook"), ("2024", "instagram"), ("2024", "facebook")]
    assert len(list(stream)) == 4


def test_a_list_of_sources_is_read_in_order(tmp_path: Path) -> None:
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    first.write_bytes(_jsonl(_post(1)))
    second.write_bytes(_jsonl(_post(2)))
    stream = read_posts([second, io.BytesIO(_jsonl(_post(3))), first])
    assert [p.id for p in stream] == ["2", "3", "1"]
    assert [name for name, _ in stream.found] == [str(second), "<stream>", str(first)]
    report = read_posts([first, second], errors="collect")
    assert [p.id for p in report.posts] == ["1", "2"]
    assert report.found == ((str(first), "engagekit"), (str(second), "engagekit"))


def test_errors_in_a_folder_name_the_file_as_a_path(tmp_path: Path) -> None:
    shelf = tmp_path / "exports"
    shelf.mkdir()
    lines = _jsonl(_post(1), _post(2)).split(b"\n")
    lines[2] = b'{"id": "2", "platform": "mastodon"}'
    (shelf / "posts.jsonl").write_bytes(b"\n".join(lines))
    report = read_posts(shelf, errors="collect")
    assert [str(e.source) for e in report.errors] == [str(shelf / "posts.jsonl")]


@pytest.mark.parametrize("bad", [[], ()])
def test_no_sources_is_an_argument_error(bad: list[str]) -> None:
    with pytest.raises(ek.ArgumentError, match="at least one source"):
        read_posts(bad)


def test_nothing_readable_in_any_source_says_why_for_each(tmp_path: Path) -> None:
    empty, html = tmp_path / "posts.json", tmp_path / "index.html"
    empty.write_bytes(b"")
    html.write_text("<html><body>Your posts</body></html>")
    with pytest.raises(UnsupportedFormat) as info:
        read_posts([empty, html])
    message = str(info.value)
    assert f"{empty}: not in a format engagekit can read: the file is empty" in message
    assert "HTML export" in message


def test_a_folder_of_nothing_readable_gives_each_reason_once(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Dear diary,\n")
    (tmp_path / "c.html").write_text("<html><body>Your posts</body></html>")
    with pytest.raises(UnsupportedFormat) as info:
        read_posts(tmp_path)
    message = str(info.value)
    assert message.count("not in a format engagekit can read (tried") == 1
    assert "(a.txt, b.txt: not in a format engagekit can read (tried" in message
    assert "; c.html: not in a format engagekit can read: this is an HTML export" in message


def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat, match="no export found in this folder"):
        read_posts(tmp_path)


# -- reading a stream twice --------------------------------------------------------------


def test_a_used_up_stream_of_a_path_reads_the_path_again(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_bytes(_jsonl(_post(1), _post(2)))
    stream = read_posts(path, errors="skip")
    assert [p.id for p in stream] == ["1", "2"]
    assert [p.id for p in stream] == ["1", "2"]
    assert stream.errors_count == 0


def test_a_stream_read_half_way_goes_on_where_it_was(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_bytes(_jsonl(_post(1), _post(2)))
    stream = read_posts(path)
    assert next(stream).id == "1"
    assert [p.id for p in stream] == ["2"]


def test_a_used_up_stream_of_a_file_object_says_so() -> None:
    stream = read_posts(io.BytesIO(_jsonl(_post(1))))
    assert [p.id for p in stream] == ["1"]
    with pytest.raises(StreamConsumed, match="file object"):
        list(stream)


def test_a_closed_stream_gives_nothing_more(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_bytes(_jsonl(_post(1), _post(2)))
    with read_posts(path) as stream:
        next(stream)
    assert list(stream) == []


# -- why a single source is unreadable -----------------------------------------------------

UNREADABLE = [
    # description, bytes, what the message says
    ("empty file", b"", "the file is empty (0 bytes)"),
    ("HTML export page", b"\xef\xbb\xbf<!DOCTYPE html>\n<html><head><title>Your posts</title>",
     "this is an HTML export"),
    ("binary data", bytes(range(256)) * 8, "binary data"),
    ("text of no format", b"Dear diary,\nwe met Officer Reyes today.\n",
     "(tried twitter-archive: "),
]


@pytest.mark.parametrize(("description", "data", "says"), UNREADABLE,
                         ids=[u[0] for u in UNREADABLE])
def test_an_unreadable_source_says_why(description: str, data: bytes, says: str) -> None:
    with pytest.raises(UnsupportedFormat) as info:
        read_posts(io.BytesIO(data))
    assert says in str(info.value)
    assert info.value.source == "<stream>"


def test_a_zero_byte_zip_says_the_download_did_not_finish(tmp_path: Path) -> None:
    path = tmp_path / "instagram-springfieldpd-2024.zip"
    path.write_bytes(b"")
    with pytest.raises(UnsupportedFormat, match=r"the zip file is empty.*download it again"):
        read_posts(path)


def test_an_html_export_folder_says_to_download_json(tmp_path: Path) -> None:
    folder = tmp_path / "your_instagram_activity" / "content"
    folder.mkdir(parents=True)
    (folder / "posts_1.html").write_text("<html><body>Your posts</body></html>")
    with pytest.raises(UnsupportedFormat, match="choose JSON as the format"):
        read_posts(tmp_path)


def test_a_named_format_that_does_not_fit_says_what_it_looked_for() -> None:
    with pytest.raises(UnsupportedFormat, match=r"does not look like 'csv' input \(tried csv: "):
        read_posts(io.BytesIO(b"Dear diary,\n"), format="csv")
