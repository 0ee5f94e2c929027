"""read_posts: error modes, privacy, roster, limits and robustness (engagekit.sources._read)."""

from __future__ import annotations

import contextlib
import io
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit.errors import ArgumentError, LimitExceeded, ParseError, UnsupportedFormat
from engagekit.models import Account, Post
from engagekit.sources import Limits, ParseReport, PostStream, Roster, read_posts
from engagekit.sources._engine.base import Container, Context
from engagekit.sources.csv import write_csv
from tests._zip import zip_stream

ROSTERS = Path(__file__).parent / "fixtures" / "roster"


def post(i: int, visibility: str = "public", handle: str = "officer.reyes") -> Post:
    return Post(id=str(i), platform="instagram", visibility=visibility,
                created_at=datetime(2024, 5, 2, 12, i, tzinfo=UTC),
                author=Account(platform="instagram", handle=handle))


def jsonl(items: list[Post], broken: dict[int, bytes] | None = None) -> io.BytesIO:
    out = io.BytesIO()
    ek.write_jsonl(items, out)
    lines = out.getvalue().split(b"\n")
    for record, line in (broken or {}).items():
        lines[record + 1] = line
    return io.BytesIO(b"\n".join(lines))


BROKEN = {1: b'{"id": "1", "platform": "instagram"}', 3: b"{oops"}


class Scripted:
    """A stand-in reader yielding posts and raising what it is told, where it is told."""

    FORMAT = "scripted"

    def __init__(self, *steps: Post | BaseException) -> None:
        self.steps = steps

    def detect(self, container: Container, /) -> bool:
        return True

    def read(self, container: Container, ctx: Context, /) -> Iterator[Post]:
        for step in self.steps:
            if isinstance(step, BaseException):
                raise step
            yield step


def test_raise_stops_at_the_first_bad_record() -> None:
    stream = read_posts(jsonl([post(i) for i in range(5)], BROKEN))
    assert isinstance(stream, PostStream)
    assert next(stream).id == "0"
    with pytest.raises(ParseError) as info:
        next(stream)
    assert (info.value.source, info.value.record, info.value.path) == (
        "<stream>", 1, "$.created_at")


def test_skip_counts_as_it_goes() -> None:
    stream = read_posts(jsonl([post(i) for i in range(5)], BROKEN), errors="skip")
    seen = []
    for item in stream:
        seen.append((item.id, stream.errors_count))
    assert seen == [("0", 0), ("2", 1), ("4", 2)]
    assert stream.skipped == {"invalid": 2}
    assert stream.format == "engagekit"
    assert "2 errors" in repr(stream)


def test_collect_returns_a_report() -> None:
    report = read_posts(jsonl([post(i) for i in range(5)], BROKEN), errors="collect")
    assert isinstance(report, ParseReport)
    assert [p.id for p in report.posts] == ["0", "2", "4"]
    assert [e.record for e in report.errors] == [1, 3]
    assert report.skipped == {"invalid": 2}
    assert report.format == "engagekit"
    assert not report.ok


def test_private_posts_are_left_out_and_counted() -> None:
    items = [post(0), post(1, "followers"), post(2, "direct"), post(3, "unlisted"),
             post(4, "direct")]
    report = read_posts(jsonl(items), errors="collect")
    assert [p.id for p in report.posts] == ["0", "3"]
    assert report.skipped == {"private:direct": 2, "private:followers": 1}
    everything = read_posts(jsonl(items), include_private=True, errors="collect")
    assert len(everything.posts) == 5
    assert not everything.skipped


@pytest.mark.parametrize("roster", [ROSTERS / "roster.csv", str(ROSTERS / "roster.csv"),
                                    Roster.load(ROSTERS / "roster.csv")])
def test_roster_sets_the_officer(roster: Any) -> None:
    items = [post(0), post(1, handle="OFFICER.REYES"), post(2, handle="someone")]
    got = list(read_posts(jsonl(items), roster=roster))
    assert [p.officer and p.officer.name for p in got] == ["Jordan Reyes", "Jordan Reyes", None]


def test_limits_raise_in_every_mode() -> None:
    data = jsonl([post(i) for i in range(3)]).getvalue()
    limits = Limits(max_record_bytes=100)
    with pytest.raises(LimitExceeded):
        list(read_posts(io.BytesIO(data), limits=limits))
    with pytest.raises(LimitExceeded):
        list(read_posts(io.BytesIO(data), errors="skip", limits=limits))
    with pytest.raises(LimitExceeded):
        read_posts(io.BytesIO(data), errors="collect", limits=limits)


def test_a_source_level_error_in_skip_mode_is_counted_and_ends_the_source() -> None:
    reader = Scripted(post(0), ParseError("account.js is damaged", source="x.zip"), post(1))
    stream = read_posts(io.BytesIO(b"anything"), format=reader, errors="skip")
    assert [p.id for p in stream] == ["0"]
    assert stream.errors_count == 1


@pytest.mark.parametrize("bug", [KeyError("media"), TypeError("'NoneType' is not iterable"),
                                 ek.ValidationError("expected str", field="Post.id")])
def test_a_reader_bug_becomes_a_parse_error_with_its_cause(bug: Exception) -> None:
    with pytest.raises(ParseError, match=r"unexpected \w+ in the scripted reader") as info:
        list(read_posts(io.BytesIO(b"x"), format=Scripted(bug)))
    assert info.value.__cause__ is bug
    report = read_posts(io.BytesIO(b"x"), format=Scripted(post(0), bug), errors="collect")
    assert len(report.posts) == 1
    assert report.errors[0].__cause__ is bug


def test_argument_and_source_checks(tmp_path: Path) -> None:
    with pytest.raises(ArgumentError, match="errors='ignore': expected 'raise', 'skip' or "
                                             "'collect'"):
        read_posts(io.BytesIO(b""), errors="ignore")  # type: ignore[call-overload]
    with pytest.raises(ArgumentError, match="format='myspace': unknown format"):
        read_posts(io.BytesIO(b""), format="myspace")
    with pytest.raises(ParseError, match="no such file or folder"):
        read_posts(tmp_path / "missing.zip", errors="collect")
    with pytest.raises(UnsupportedFormat, match="does not look like 'csv' input"):
        read_posts(jsonl([post(0)]), format="csv")
    with pytest.raises(UnsupportedFormat, match="not in a format engagekit can read"):
        read_posts(io.BytesIO(b"\x00\x01binary"), errors="collect")


def test_ignored_members_are_counted() -> None:
    data = jsonl([post(0)]).getvalue()
    report = read_posts(zip_stream({"out/posts.jsonl": data, "../up.jsonl": data,
                              "__MACOSX/out/._posts.jsonl": b"\0\5"}), errors="collect")
    assert [p.id for p in report.posts] == ["0"]
    assert report.skipped == Counter({"member:unsafe-name": 1, "member:macos-metadata": 1})


def test_closing_a_stream_releases_the_archive(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(zip_stream({"posts.jsonl": jsonl([post(0), post(1)]).getvalue()}).getvalue())
    with read_posts(path) as stream:
        assert next(stream).id == "0"
    assert stream._container._zip.fp is None  # type: ignore[union-attr]
    assert list(stream) == []


def test_jsonl_to_csv_and_back(tmp_path: Path) -> None:
    (tmp_path / "posts.jsonl").write_bytes(jsonl([post(0)]).getvalue())
    out = tmp_path / "again.csv"
    write_csv(read_posts(tmp_path / "posts.jsonl"), out)
    assert [p.id for p in read_posts(out)] == ["0"]


MEMBER_NAMES = ["posts.jsonl", "data/tweets.js", "content/posts_1.json", "outbox.json",
                "posts.csv", "your_posts_1.json"]


@given(st.binary(max_size=200), st.sampled_from(["raise", "skip", "collect"]))
def test_random_bytes_raise_only_parse_errors(data: bytes, mode: str) -> None:
    with contextlib.suppress(ParseError):  # anything else fails
        result = read_posts(io.BytesIO(data), errors=mode)  # type: ignore[call-overload]
        list(result) if isinstance(result, PostStream) else None


@given(st.sampled_from(MEMBER_NAMES), st.binary(max_size=300),
       st.sampled_from(["raise", "collect"]))
def test_random_members_of_an_archive_raise_only_parse_errors(name: str, data: bytes,
                                                              mode: str) -> None:
    with contextlib.suppress(ParseError):  # anything else fails
        result = read_posts(zip_stream({name: data}), errors=mode)  # type: ignore[call-overload]
        list(result) if isinstance(result, PostStream) else None


@given(st.data())
def test_truncated_exports_raise_only_parse_errors(data: st.DataObject) -> None:
    whole = zip_stream({"posts.jsonl": jsonl([post(i) for i in range(4)]).getvalue()}).getvalue()
    cut = data.draw(st.integers(0, len(whole)))
    with contextlib.suppress(ParseError):  # anything else fails
        list(read_posts(io.BytesIO(whole[:cut]), errors="skip"))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_members", 0),
        ("max_members", -1),
        ("max_members", True),  # a bool is not a count
        ("max_depth", 1.5),
        ("max_record_bytes", "64"),
        ("max_total_bytes", None),
        ("max_ratio", 0.5),  # below 1 no zip member could be read
        ("max_ratio", float("nan")),
        ("max_ratio", float("inf")),
        ("max_ratio", False),
    ],
)
def test_limits_refuse_bad_values_naming_the_field(field: str, value: object) -> None:
    with pytest.raises(ek.ValidationError) as info:
        Limits(**{field: value})  # type: ignore[arg-type]
    assert info.value.field == f"Limits.{field}"
    assert info.value.value is value


def test_limits_take_ints_from_one_and_a_float_ratio() -> None:
    limits = Limits(max_members=1, max_depth=1, max_ratio=1.5, max_record_bytes=1)
    assert (limits.max_members, limits.max_ratio) == (1, 1.5)
