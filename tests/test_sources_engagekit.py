"""engagekit's own JSON Lines as a source: engagekit.sources.engagekit_jsonl."""

from __future__ import annotations

import contextlib
import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit.errors import LimitExceeded, ParseError
from engagekit.models import Post
from engagekit.sources import engagekit_jsonl
from engagekit.sources._engine.base import Context, Limits
from engagekit.sources._engine.containers import FileContainer, FolderContainer, open_container
from engagekit.strategies import posts


def post(i: int, text: str = "Coffee with a cop #CoffeeWithACop") -> Post:
    return Post(id=str(i), platform="mastodon", text=text,
                created_at=datetime(2024, 5, 2, 22, i % 60, tzinfo=UTC))


def jsonl(items: list[Post]) -> bytes:
    out = io.BytesIO()
    ek.write_jsonl(items, out)
    return out.getvalue()


def read(data: bytes, errors: str = "collect", limits: Limits | None = None
         ) -> tuple[list[Post], Context]:
    ctx = Context(errors=errors, limits=limits)  # type: ignore[arg-type]
    box = FileContainer(io.BytesIO(data), limits or Limits())
    return list(engagekit_jsonl.read(box, ctx)), ctx


@given(st.lists(posts(), max_size=5))
def test_round_trip(items: list[Post]) -> None:
    got, _ = read(jsonl(items), errors="raise")
    assert got == items


@pytest.mark.parametrize(("head", "expected"), [
    (b'{"engagekit":1,"type":"Post"}\n', True),
    (b'\n\n{"type": "Post", "engagekit": 1}\n{"id": ...', True),
    (b'{"engagekit":1,"type":"Hashtag"}\n', False),  # not posts
    (b'{"engagekit":"1","type":"Post"}\n', False),
    (b'{"engagekit":1,"type":"Post","x":2}\n', False),
    (b'{"data":[{"id":"1"}]}\n', False),  # twarc JSONL
    (b"[1, 2]", False),
    (b"", False),
])
def test_detect(head: bytes, expected: bool) -> None:
    assert engagekit_jsonl.detect(FileContainer(io.BytesIO(head), Limits())) is expected


def test_bad_records_are_counted_with_their_index_and_reading_goes_on() -> None:
    lines = jsonl([post(0), post(1), post(2), post(3)]).split(b"\n")
    lines[2] = b'{"id": 7}'  # record 1: missing keys
    lines[3] = b"not json"  # record 2
    got, ctx = read(b"\n".join(lines))
    assert [p.id for p in got] == ["0", "3"]
    assert [e.record for e in ctx.errors] == [1, 2]
    assert ctx.errors[0].source == "<stream>"
    assert ctx.skipped == {"invalid": 2}


def test_raise_mode_names_the_record_and_path() -> None:
    lines = jsonl([post(0), post(1)]).split(b"\n")
    lines[2] = lines[2].replace(b'"platform":"mastodon"', b'"platform":7')
    with pytest.raises(ParseError) as info:
        read(b"\n".join(lines), errors="raise")
    assert info.value.record == 1
    assert info.value.path == "$.platform"


def test_a_header_of_an_unknown_version_ends_the_member() -> None:
    got, ctx = read(b'{"engagekit":9,"type":"Post"}\n' + jsonl([post(0)]).split(b"\n", 1)[1])
    assert got == []
    assert "schema version 9" in str(ctx.errors[0])
    assert ctx.skipped == {"invalid": 1}


def test_line_limit() -> None:
    data = jsonl([post(0, "x" * 500)])
    with pytest.raises(LimitExceeded, match="max_record_bytes=300"):
        read(data, limits=Limits(max_record_bytes=300))


def test_every_member_with_a_header_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_bytes(jsonl([post(2)]))
    (tmp_path / "a.jsonl").write_bytes(jsonl([post(0), post(1)]))
    (tmp_path / "notes.jsonl").write_bytes(b'{"note": 1}\n')
    (tmp_path / "c.json").write_bytes(jsonl([post(9)]))  # not a JSON Lines name
    box = FolderContainer(tmp_path, Limits())
    assert engagekit_jsonl.detect(box)
    got = list(engagekit_jsonl.read(box, Context()))
    assert [p.id for p in got] == ["0", "1", "2"]


def test_inside_a_zip() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("out/posts.jsonl", jsonl([post(0)]))
    box = open_container(io.BytesIO(buf.getvalue()), Limits())
    got = list(engagekit_jsonl.read(box, Context()))
    assert [p.id for p in got] == ["0"]


@given(st.data())
def test_truncations_raise_only_parse_errors(data: st.DataObject) -> None:
    doc = jsonl([post(i) for i in range(3)])
    cut = data.draw(st.integers(0, len(doc)))
    with contextlib.suppress(ParseError):  # anything else fails
        read(doc[:cut], errors="raise")
