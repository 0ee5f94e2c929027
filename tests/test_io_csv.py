"""engagekit's CSV layout 2 (engagekit.io.csv): columns, cells, round trips, errors, safety."""

from __future__ import annotations

import contextlib
import csv
import io
import re
import typing
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit.errors import ParseError
from engagekit.io.csv import COLUMNS, CSV_VERSION, csv_columns, read_csv, row_to_post, write_csv
from engagekit.models import (
    Account,
    Agency,
    Cashtag,
    Coordinates,
    Emoji,
    Engagement,
    Hashtag,
    Link,
    Location,
    Media,
    Mention,
    Officer,
    Post,
    PostRef,
    TextQuality,
)
from engagekit.strategies import posts

DOCS = Path(__file__).resolve().parents[1] / "docs" / "csv.md"
WHEN = datetime(2024, 5, 2, 22, 47, 28, tzinfo=UTC)
DERIVED = ["author_handle", "hashtag_keys", "likes", "comments", "shares", "views", "latitude",
           "longitude"]


def post(**kw: Any) -> Post:
    return Post(**{"id": "17", "platform": "instagram", "created_at": WHEN, **kw})


def written(items: list[Post], **kw: Any) -> bytes:
    out = io.BytesIO()
    assert write_csv(items, out, **kw) == len(items)
    return out.getvalue()


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def back(data: bytes) -> list[Post]:
    return list(read_csv(io.BytesIO(data)))


# -- the column set --------------------------------------------------------------------------


def test_header_has_every_field_of_post_in_order() -> None:
    fields = [f.name for f in attrs.fields(Post)]
    header = written([]).decode().rstrip("\r\n").split(",")
    assert header == list(COLUMNS) == [c.name for c in csv_columns()]
    assert header == ["engagekit", *fields, *DERIVED]
    assert [c.name for c in csv_columns() if c.read] == ["engagekit", *fields]
    assert not set(fields) & set(DERIVED)


def _nested_fields(cls: type, seen: set[str]) -> set[str]:
    """The field names of every model inside ``cls`` (not its own), through tuples and unions."""
    names: set[str] = set()
    for hint in typing.get_type_hints(cls).values():
        for tp in (hint, *typing.get_args(hint)):
            if attrs.has(tp) and tp.__name__ not in seen:
                seen.add(tp.__name__)
                names |= {f.name for f in attrs.fields(tp)} | _nested_fields(tp, seen)
    return names


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*map(_keys, value.values()))
    if isinstance(value, list):
        return set().union(*map(_keys, value))
    return set()


def test_every_field_of_every_nested_model_is_written() -> None:
    account = Account(platform="twitter", handle="springfieldpd", id="42", display_name="SPD")
    place = Location(name="Burns Park", locality="North Little Rock", region="AR", country="US",
                     coordinates=Coordinates(latitude=34.79, longitude=-92.27),
                     address="1 Park Rd", id="p1")
    item = post(
        author=account,
        officer=Officer(name="Jordan Reyes", rank="Sergeant", badge="7",
                        agency=Agency(name="SPD", location=place, accounts=[account]),
                        accounts=[account]),
        hashtags=[Hashtag(text="Tag", start=0, end=4)],
        mentions=[Mention(handle="a", start=5, end=7, id="1")],
        links=[Link(url="https://t.co/x", expanded_url="https://example.org", start=8, end=9)],
        cashtags=[Cashtag(text="AAPL", start=10, end=15)],
        emoji=[Emoji(text="🚲", start=16, end=17)],
        media=[Media(kind="video", uri="m/1.mp4", alt_text="a", width=1, height=2, duration=3.5,
                     created_at=WHEN)],
        location=place, engagement=Engagement(likes=1, comments=2, shares=3, views=4),
        quality=TextQuality(lost_glyphs=1, lost_spans=[(0, 1)], repairs=["mojibake"]),
        repost_of=PostRef(id="9", author="rivertonpd", url="https://example.org/p/9"),
    )
    (row,) = rows(written([item]))
    json_columns = [c.name for c in csv_columns() if c.kind == "json"]
    seen = _keys([orjson.loads(row[name]) for name in json_columns if row[name]])
    assert _nested_fields(Post, set()) <= seen
    assert back(written([item])) == [item]


def test_docs_table_lists_every_column() -> None:
    table = re.findall(r"^\| `([a-z_]+)` \|", DOCS.read_text(), flags=re.MULTILINE)
    assert table == list(COLUMNS)


# -- writing: how each kind of field is encoded ------------------------------------------------

CELLS = [
    # description, post, {column: expected cell}
    ("defaults are empty cells but the enum",
     post(), {"engagekit": "3", "id": "17", "platform": "instagram",
              "created_at": "2024-05-02T22:47:28Z", "text": "", "author": "", "hashtags": "",
              "engagement": "", "visibility": "public", "url": "", "quality": "", "extra": "",
              "hashtag_keys": "", "likes": "", "latitude": ""}),
    ("microseconds are kept, other offsets become UTC",
     post(created_at=datetime(2024, 5, 2, 17, 47, 28, 5, tzinfo=timezone(-timedelta(hours=5)))),
     {"created_at": "2024-05-02T22:47:28.000005Z"}),
    ("text is written as it is",
     post(text=' "Coffee" ☕\r\n#CommunityPolicing\x00 '),
     {"text": ' "Coffee" ☕\r\n#CommunityPolicing\x00 '}),
    ("entities keep spans and keys stay derivable",
     post(hashtags=[Hashtag(text="CommunityPolicing", start=18, end=36)]),
     {"hashtags": '[{"text":"CommunityPolicing","start":18,"end":36}]',
      "hashtag_keys": "communitypolicing"}),
    ("mention ids and expanded links survive",
     post(mentions=[Mention(handle="springfieldpd", id="42")],
          links=[Link(url="https://t.co/x", expanded_url="https://example.org/a")]),
     {"mentions": '[{"handle":"springfieldpd","id":"42"}]',
      "links": '[{"url":"https://t.co/x","expanded_url":"https://example.org/a"}]'}),
    ("nested models are compact JSON from the converter",
     post(author=Account(platform="instagram", handle="springfieldpd", id="42"),
          engagement=Engagement(likes=12, views=0),
          location=Location(name="Burns Park", coordinates=Coordinates(latitude=34.79,
                                                                       longitude=-92.27)),
          media=[Media(kind="photo", uri="media/1.jpg",
                       created_at=datetime(2024, 5, 2, tzinfo=UTC))],
          tagged=["Jordan Reyes"], quality=TextQuality(lost_glyphs=1, lost_spans=[(3, 4)]),
          extra={"surface": "feed", "n": 1.5}),
     {"author": '{"platform":"instagram","handle":"springfieldpd","id":"42"}',
      "engagement": '{"likes":12,"views":0}',
      "location": '{"name":"Burns Park","coordinates":{"latitude":34.79,"longitude":-92.27}}',
      "media": '[{"kind":"photo","uri":"media/1.jpg","created_at":"2024-05-02T00:00:00Z"}]',
      "tagged": '["Jordan Reyes"]', "quality": '{"lost_glyphs":1,"lost_spans":[[3,4]]}',
      "extra": '{"surface":"feed","n":1.5}', "author_handle": "springfieldpd", "likes": "12",
      "comments": "", "views": "0", "latitude": "34.79", "longitude": "-92.27"}),
    ("optional text: None is empty, '' and a leading quote are JSON strings",
     post(url="", reply_to='"quoted"', lang="en"),
     {"url": '""', "reply_to": '"\\"quoted\\""', "lang": "en"}),
    ("a quote inside the text is plain",
     post(url='a"b'), {"url": 'a"b'}),
    ("enums are their value",
     post(platform="bluesky", visibility="followers"),
     {"platform": "bluesky", "visibility": "followers"}),
]


@pytest.mark.parametrize(("description", "item", "expected"), CELLS,
                         ids=[c[0] for c in CELLS])
def test_cells(description: str, item: Post, expected: dict[str, str]) -> None:
    data = written([item])
    (row,) = rows(data)
    assert {k: row[k] for k in expected} == expected
    assert back(data) == [item]


def test_rows_end_with_crlf_and_no_bom() -> None:
    data = written([post(text="a\nb")])
    assert data.startswith(b"engagekit,id,")
    assert data.endswith(b"\r\n")
    assert data.count(b"\r\n") == 2


# -- round trips -------------------------------------------------------------------------------


@given(st.lists(posts(), max_size=4))
def test_round_trip(items: list[Post]) -> None:
    assert back(written(items)) == items


@given(st.lists(posts(), max_size=2))
def test_round_trip_through_read_posts(items: list[Post]) -> None:
    got = list(ek.read_posts(io.BytesIO(written(items)), format="csv", include_private=True))
    assert got == items


def test_round_trip_paths(tmp_path: Path) -> None:
    items = [post(text="=1+1"), post(id="18", url="")]
    dest = tmp_path / "posts.csv"
    assert ek.write_csv(iter(items), dest) == 2
    assert list(ek.read_csv(dest)) == items
    assert list(ek.read_csv(str(dest))) == items
    assert [p.name for p in tmp_path.iterdir()] == ["posts.csv"]


def test_file_objects_stay_open() -> None:
    out = io.BytesIO()
    write_csv([post()], out)
    assert not out.closed
    src = io.BytesIO(out.getvalue())
    assert list(read_csv(src)) == [post()]
    assert not src.closed


def test_reading_streams() -> None:
    data = written([post(), post(id="18")])
    bad = data + b"2,,instagram,2024-01-01T00:00:00Z" + b"," * (len(COLUMNS) - 4) + b"\r\n"
    stream = read_csv(io.BytesIO(bad))
    assert next(stream) == post()
    assert next(stream).id == "18"
    with pytest.raises(ParseError, match="non-empty str"):
        next(stream)


def test_writing_streams() -> None:
    seen = []

    def items() -> Iterator[Post]:
        for i in range(3):
            seen.append(i)
            yield post(id=str(i))

    assert write_csv(items(), io.BytesIO()) == 3
    assert seen == [0, 1, 2]


# -- reading: what cells mean -------------------------------------------------------------------


def cells(**kw: str) -> dict[str, str]:
    return {"engagekit": "3", "id": "17", "platform": "instagram",
            "created_at": "2024-05-02T22:47:28Z", **kw}


READS = [
    # description, cells, expected post
    ("a missing column takes the field's default", cells(), post()),
    ("empty cells are None or the default",
     cells(text="", author="", hashtags="", engagement="", visibility="", url=""), post()),
    ("derived columns are ignored, even when they disagree",
     cells(likes="99", hashtag_keys="nothing", author_handle="someone", latitude="x"), post()),
    ("any offset is read and stored in UTC",
     cells(created_at="2024-05-02T17:47:28-05:00"), post()),
    ("a leading quote means a JSON string", cells(url='"1"', lang='""'), post(url="1", lang="")),
    ("the version may have spaces", cells(engagekit=" 2 "), post()),
]


@pytest.mark.parametrize(("description", "row", "expected"), READS, ids=[r[0] for r in READS])
def test_reading_cells(description: str, row: dict[str, str], expected: Post) -> None:
    assert row_to_post(row) == expected


BAD_CELLS = [
    # column, cell, path, message
    # the version: newer, older or not one
    ("engagekit", "4", "$.engagekit", "written with CSV layout version 4; this engagekit reads "
     "versions up to 3"),
    ("engagekit", "1", "$.engagekit", "read it with engagekit.read_posts()"),
    ("engagekit", "two", "$.engagekit", "expected the layout version 3"),
    # scalar cells
    ("id", "", "$.id", "expected a non-empty str"),
    ("platform", "myspace", "$.platform", "expected one of 'instagram'"),
    ("created_at", "yesterday", "$.created_at", "expected an RFC 3339 date-time"),
    ("created_at", "2024-05-02 10:00", "$.created_at", "with a UTC offset"),
    ("created_at", "", "$.created_at", "required cell is empty"),
    ("visibility", "friends", "$.visibility", "expected one of 'public'"),
    ("url", '"https://', "$.url", "invalid JSON"),
    ("url", "[1]", None, None),  # not a leading quote: plain text
    # JSON cells: broken JSON, wrong shapes, values the models refuse
    ("author", "{", "$.author", "invalid JSON"),
    ("author", '{"platform":"instagram"}', "$.author.handle", "required key is missing"),
    ("hashtags", "CommunityPolicing", "$.hashtags", "invalid JSON"),
    ("hashtags", '"CommunityPolicing"', "$.hashtags", "expected a list"),
    ("hashtags", '[{"text":"a","start":5,"end":1}]', "$.hashtags[0]", "0 <= start <= end"),
    ("mentions", '[{"handle":"a","bogus":1}]', "$.mentions[0]", "unknown key(s) 'bogus'"),
    ("engagement", '{"likes":-1}', "$.engagement.likes", "expected an int >= 0"),
    ("engagement", '{"likes":"12"}', "$.engagement.likes", "expected int"),
    ("tagged", "[1]", "$.tagged[0]", "expected str"),
    ("location", '{"name":"x","coordinates":{"latitude":91,"longitude":0}}',
     "$.location.coordinates.latitude", "from -90 to 90"),
    ("quality", '{"lost_spans":[[3,1]]}', "$.quality.lost_spans[0]", "0 <= start <= end"),
]


@pytest.mark.parametrize(("column", "cell", "path", "message"), BAD_CELLS)
def test_bad_cells_are_positioned(column: str, cell: str, path: str | None,
                                  message: str | None) -> None:
    good = written([post(), post(id="18")])
    lines = rows(good)
    lines[1][column] = cell
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(lines)
    stream = read_csv(io.BytesIO(out.getvalue().encode()))
    assert next(stream) == post()
    if message is None:
        assert next(stream).id == "18"
        return
    with pytest.raises(ParseError) as info:
        next(stream)
    err = info.value
    assert (err.source, err.record, err.path) == ("<stream>", 1, path)
    assert message in err.message


FILE_ERRORS = [
    # description, data, record, message
    ("empty file", b"", None, "expected 'engagekit' as the first column"),
    ("another tool's CSV", b"id,text\r\n1,x\r\n", None, "got 'id'"),
    ("unknown column", b"engagekit,id,platform,created_at,notes\r\n"
     b"2,1,twitter,2024-01-01T00:00:00Z,x\r\n", None, "unknown column 'notes'"),
    ("a column twice", b"engagekit,id,id,platform,created_at\r\n"
     b"2,1,1,twitter,2024-01-01T00:00:00Z\r\n", None, "column 'id' appears twice"),
    ("a required column missing", b"engagekit,id,platform\r\n", None,
     "missing column(s) 'created_at'"),
    ("version 1 before its columns", b"engagekit,id,author_id\r\n1,1,2\r\n", 0,
     "layout version 1"),
    ("too few cells", b"engagekit,id,platform,created_at\r\n2,1,twitter\r\n", 0,
     "expected 4 cells, got 3"),
    ("invalid UTF-8", b"engagekit,id,platform,created_at,text\r\n"
     b"2,1,twitter,2024-01-01T00:00:00Z,caf\xe9\r\n", 0, "unreadable CSV"),
    ("unclosed quote", b"engagekit,id,platform,created_at,text\r\n"
     b'2,1,twitter,2024-01-01T00:00:00Z,"abc', 0, "unreadable CSV"),
]


@pytest.mark.parametrize(("description", "data", "record", "message"), FILE_ERRORS,
                         ids=[e[0] for e in FILE_ERRORS])
def test_file_errors(description: str, data: bytes, record: int | None, message: str) -> None:
    with pytest.raises(ParseError) as info:
        back(data)
    assert info.value.record == record
    assert message in info.value.message


def test_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_bytes(b"engagekit,id,platform,created_at\r\n\r\n2,1,twitter,yesterday\r\n")
    with pytest.raises(ParseError) as info:
        list(read_csv(path))
    assert str(info.value) == (f"{path}: record 0 (0-based) at $.created_at: expected an RFC 3339 "
                               "date-time string, got 'yesterday' (str)")


def test_a_newer_version_in_read_posts() -> None:
    data = written([post()]).replace(b"\r\n3,", b"\r\n4,")
    report = ek.read_posts(io.BytesIO(data), errors="collect")
    assert report.posts == []
    assert "layout version 4" in report.errors[0].message


def test_a_cell_too_long_to_read_back_is_not_written(tmp_path: Path) -> None:
    limit = csv.field_size_limit()
    longest = post(text="x" * limit)
    assert back(written([longest])) == [longest]
    dest = tmp_path / "posts.csv"
    with pytest.raises(ValueError, match=f"item 1: the 'text' cell would hold {limit + 1} "):
        write_csv([longest, post(text="x" * (limit + 1))], dest)
    assert not dest.exists()


def test_only_posts_are_written() -> None:
    with pytest.raises(TypeError, match="item 1: expected a Post, got Hashtag"):
        written([post(), Hashtag(text="x")])  # type: ignore[list-item]


@given(st.binary(max_size=300))
def test_random_bytes_raise_only_parse_errors(data: bytes) -> None:
    header = ",".join(COLUMNS).encode() + b"\r\n"
    for candidate in (data, header + data, header + b"2," + data):
        with contextlib.suppress(ParseError):  # anything else fails
            back(candidate)


# -- spreadsheet_safe --------------------------------------------------------------------------

RISKY = ["=HYPERLINK(\"http://evil\")", "+1+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("text", RISKY)
def test_spreadsheet_safe_guards_formulas(text: str) -> None:
    item = post(text=text, id=text, location=Location(
        name="x", coordinates=Coordinates(latitude=-33.9, longitude=-1e-05)))
    data = written([item], spreadsheet_safe=True)
    assert data.startswith(b"\xef\xbb\xbfengagekit,")
    (row,) = rows(data)
    assert row["text"] == row["id"] == "'" + text
    assert (row["latitude"], row["longitude"]) == ("-33.9", "-1e-05")  # numbers stay numbers
    assert back(data) == [attrs.evolve(item, text="'" + text, id="'" + text)]  # not lossless
    plain = written([item])
    assert rows(plain)[0]["text"] == text
    assert back(plain) == [item]  # the default is lossless


def test_spreadsheet_safe_keeps_harmless_cells() -> None:
    item = post(text="Coffee ☕ 'with' a cop", hashtags=["Safe"], url="")
    data = written([item], spreadsheet_safe=True)
    assert back(data) == [item]
    assert list(ek.read_posts(io.BytesIO(data))) == [item]


# -- atomic writes -------------------------------------------------------------------------------


def broken() -> Iterator[Post]:
    yield post()
    raise RuntimeError("disk on fire")


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    dest = tmp_path / "posts.csv"
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_csv(broken(), dest)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    dest = tmp_path / "posts.csv"
    write_csv([post(id="old")], dest)
    before = dest.read_bytes()
    with pytest.raises(RuntimeError):
        write_csv(broken(), dest, spreadsheet_safe=True)
    assert dest.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["posts.csv"]


def test_version_constant() -> None:
    assert CSV_VERSION == 3
    assert rows(written([post()]))[0]["engagekit"] == str(CSV_VERSION)
