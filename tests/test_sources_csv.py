"""CSV: engagekit's own layouts (2 written and read, 1 read), twarc-csv, CrowdTangle, mappings."""

from __future__ import annotations

import contextlib
import csv
import io
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engagekit.errors import ParseError, UnsupportedFormat, ValidationError
from engagekit.io.csv import COLUMNS
from engagekit.models import Account, Agency, Hashtag, Location, Officer, Post
from engagekit.sources import read_posts
from engagekit.sources._csv.mappings import time_zone
from engagekit.sources._csv.row import Row
from engagekit.sources._engine.base import Context, Limits
from engagekit.sources._engine.containers import FileContainer
from engagekit.sources.csv import (
    CROWDTANGLE_FACEBOOK,
    TWARC_CSV,
    V1_COLUMNS,
    CsvMapping,
    CsvReader,
    write_csv,
)
from engagekit.strategies import posts
from tests.conftest import reference
from tests.fuzz._core import deadline

FIXTURES = Path(__file__).parent / "fixtures" / "csv"


def read(data: bytes, reader: CsvReader | None = None, errors: Any = "collect"
         ) -> tuple[list[Post], Context]:
    ctx = Context(errors=errors)
    box = FileContainer(io.BytesIO(data), Limits())
    return list((reader or CsvReader()).read(box, ctx)), ctx


def written(items: list[Post]) -> bytes:
    out = io.BytesIO()
    assert write_csv(items, out) == len(items)
    return out.getvalue()


def v1(*rows: dict[str, str]) -> bytes:
    """A file in engagekit's legacy layout 1 (no longer written), from cells by column."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=V1_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for cells in rows:
        writer.writerow({"engagekit": "1", "id": "1", "platform": "mastodon",
                         "created_at": "2024-01-01T00:00:00Z", "visibility": "public",
                         "lost_glyphs": "0", **cells})
    return out.getvalue().encode()


# -- engagekit's own layout 2: written by engagekit.io.csv, read here too -----------------------


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(posts(), max_size=4))
def test_round_trip_is_exact(items: list[Post]) -> None:
    got, _ = read(written(items), errors="raise")
    assert got == items
    got = list(read_posts(io.BytesIO(written(items)), include_private=True))
    assert got == items


def test_write_csv_is_the_io_writer() -> None:
    from engagekit.io import csv as io_csv

    assert write_csv is io_csv.write_csv


def test_a_word_with_a_space_is_written() -> None:
    post = Post(id="1", platform="twitter", created_at=datetime(2024, 1, 1, tzinfo=UTC),
                hashtags=["two words"])
    got, _ = read(written([post]), errors="raise")
    assert got == [post]


def test_write_to_a_path_is_atomic(tmp_path: Path) -> None:
    dest = tmp_path / "posts.csv"
    dest.write_bytes(b"old")

    def broken() -> Any:
        yield Post(id="1", platform="twitter", created_at=datetime(2024, 1, 1, tzinfo=UTC))
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_csv(broken(), dest)
    assert dest.read_bytes() == b"old"
    assert write_csv([], dest) == 0
    assert dest.read_text().strip() == ",".join(COLUMNS)


# -- engagekit's own layout 1: read, no longer written -----------------------------------------


def test_layout_1_is_still_read() -> None:
    data = v1({"id": "17", "platform": "instagram", "created_at": "2024-05-02T22:47:28.000005Z",
               "text": "Coffee with a cop ☕\n#CommunityPolicing", "author_handle": "springfieldpd",
               "author_id": "42", "officer": "Jordan Reyes", "agency": "Springfield PD",
               "hashtags": "CommunityPolicing", "mentions": "springfieldpd",
               "links": "https://example.org/a", "location_name": "Burns Park",
               "location_country": "us", "latitude": "34.79", "longitude": "-92.27",
               "likes": "12", "tagged": '["Jordan Reyes"]', "extra": '{"surface":"feed"}',
               "lost_glyphs": "2", "repairs": "mojibake"})
    (post,), _ = read(data, errors="raise")
    assert post.created_at == datetime(2024, 5, 2, 22, 47, 28, 5, tzinfo=UTC)
    assert post.text == "Coffee with a cop ☕\n#CommunityPolicing"
    assert post.author == Account(platform="instagram", handle="springfieldpd", id="42")
    assert post.officer == Officer(name="Jordan Reyes", agency=Agency(name="Springfield PD"))
    assert post.hashtags == (Hashtag(text="CommunityPolicing"),)
    assert [m.handle for m in post.mentions] == ["springfieldpd"]
    assert [link.url for link in post.links] == ["https://example.org/a"]
    assert post.location is not None
    assert attrs.evolve(post.location, coordinates=None) == Location(name="Burns Park",
                                                                    country="US")
    assert post.location.coordinates is not None
    assert post.location.coordinates.longitude == -92.27
    assert post.engagement.likes == 12
    assert post.tagged == ("Jordan Reyes",)
    assert post.extra == {"surface": "feed"}
    assert (post.quality.lost_glyphs, post.quality.repairs) == (2, ("mojibake",))


def test_layouts_1_and_2_by_row() -> None:
    layout1 = v1({"id": "1"}, {"id": "2", "engagekit": "2"}, {"id": "3", "engagekit": "9"})
    got, ctx = read(layout1)
    assert [p.id for p in got] == ["1"]
    assert [(e.record, e.path) for e in ctx.errors] == [(1, "$['agency']"),
                                                        (2, "$.engagekit")]
    assert "unknown column(s) 'agency', 'author_id'" in ctx.errors[0].message
    assert "layout version 9; this engagekit reads versions up to 3" in ctx.errors[1].message


def test_layout_2_cells_with_invalid_utf8() -> None:
    good = Post(id="1", platform="mastodon", created_at=datetime(2024, 1, 1, tzinfo=UTC),
                text="café")
    data = written([good]).replace("café".encode(), b"caf\xe9")
    got, ctx = read(data)
    assert got == []
    assert (ctx.errors[0].path, ctx.errors[0].message) == ("$.text", "invalid UTF-8 bytes")


def test_a_header_with_invalid_utf8_is_an_error_not_a_key_that_cannot_be_written() -> None:
    data = (FIXTURES / "crowdtangle_facebook.csv").read_bytes().replace(b"Love", b"Lo\xe9ve", 1)
    got, ctx = read(data)
    assert got == []
    assert ctx.errors[0].message == "invalid UTF-8 bytes in the header row"


BAD_ROWS = [
    # column, value, message
    ("engagekit", "4", "layout version 4"),
    ("id", "", "required cell is empty"),
    ("id", "1.22158E+17", "turned into a number by a spreadsheet"),
    ("created_at", "2024-05-02 10:00", "has no time zone"),
    ("created_at", "yesterday", "expected a date and time"),
    ("platform", "myspace", "expected one of"),
    ("likes", "-1", "expected a count"),
    ("latitude", "north", "expected a number"),
    ("media", "[{", "invalid JSON"),
    ("media", '[{"kind": "photo"}]', "invalid media"),
    ("author_id", "7", "needs an author handle"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_ROWS)
def test_bad_cells_name_row_and_column(column: str, value: str, message: str) -> None:
    header, row = v1({}).decode().split("\r\n")[:2]
    cells = row.split(",")
    cells[V1_COLUMNS.index(column)] = '"' + value.replace('"', '""') + '"'
    data = "\r\n".join([header, ",".join(cells), row, ""]).encode()
    got, ctx = read(data)
    assert len(got) == 1
    assert message in ctx.errors[0].message
    assert ctx.errors[0].record == 0
    assert ctx.errors[0].path == f"$.{column}" or column in ("platform", "media", "author_id")


def test_rows_and_encodings() -> None:
    good = Post(id="1", platform="mastodon", created_at=datetime(2024, 1, 1, tzinfo=UTC),
                text="café")
    data = written([good])
    header, row = data.split(b"\r\n", 1)
    semicolons = data.replace(b",", b";")
    for variant in (b"\xef\xbb\xbf" + data, data.decode().encode("utf-16"), semicolons,
                    header + b"\r\n\r\n" + row):
        got, _ = read(variant)
        assert got == [good], variant[:20]
    got, ctx = read(header + b"\r\n" + row.replace("café".encode(), b"caf\xe9"))
    assert got == []
    assert "invalid UTF-8" in ctx.errors[0].message
    got, ctx = read(header + b"\r\n1,2,3\r\n" + row)
    assert got == [good]
    assert f"expected {len(COLUMNS)} cells, got 3" in ctx.errors[0].message


# -- twarc-csv ----------------------------------------------------------------------------

TWARC = ["geo_tweets", "mentions_tweet", "cashtags", "many_urls"]


def test_twarc_mapping_names_the_default_columns() -> None:
    columns = reference("formats", "csv", "twarc_csv_default_tweet_columns.txt").read_text()
    names = {line for line in columns.splitlines() if line and not line.startswith("#")}
    used = [v for k, v in attrs.asdict(TWARC_CSV).items()
            if type(v) is str and k not in ("name", "platform", "dialect", "lists", "url_template",
                                            "repost_reason")]
    assert set(used) <= names
    assert set(TWARC_CSV.extra) | set(TWARC_CSV.signature) <= names


@pytest.mark.parametrize("name", TWARC)
def test_twarc_csv_agrees_with_the_api_json_it_came_from(name: str) -> None:
    from_csv = read_posts(reference("formats", "csv", f"twarc_csv_output.{name}.csv"),
                          errors="collect")
    from_json = read_posts(reference("formats", "twitter_api_v2", f"twarc_{name}.jsonl"),
                           errors="collect")
    assert from_csv.format == "csv"
    assert not from_csv.errors
    assert from_csv.skipped == from_json.skipped
    by_id = {p.id: p for p in from_json.posts}
    assert [p.id for p in from_csv.posts] == list(by_id)
    for post in from_csv.posts:
        other = by_id[post.id]
        for field in ("created_at", "text", "lang", "reply_to", "engagement", "url", "media"):
            assert getattr(post, field) == getattr(other, field), field
        for family in ("hashtags", "mentions", "cashtags"):
            assert [e.key for e in getattr(post, family)] == [e.key for e in getattr(other,
                                                                                     family)]
        assert post.author == other.author
        assert post.extra.get("missing_media") == other.extra.get("missing_media")
        assert (post.location is None) == (other.location is None)
        if post.location is not None and other.location is not None:
            assert post.location.coordinates == other.location.coordinates
            assert post.location.name == other.location.name


def test_twarc_text_escapes() -> None:
    posts_, _ = read(reference("formats", "csv", "twarc_csv_output.cashtags.csv").read_bytes())
    assert "\n\n#business \n#NFT" in posts_[0].text
    assert [c.text for c in posts_[0].cashtags][:3] == ["AMD", "BTC", "TWTR"]


# -- CrowdTangle --------------------------------------------------------------------------


def test_crowdtangle() -> None:
    got, ctx = read((FIXTURES / "crowdtangle_facebook.csv").read_bytes())
    assert [p.id for p in got] == ["https://www.facebook.com/SpringfieldPD/posts/1001",
                                   "https://www.facebook.com/100000000000001/posts/1002"]
    first, second = got
    assert first.created_at == datetime(2021, 7, 6, 20, 45, 20, tzinfo=UTC)  # EDT is UTC-4
    assert second.created_at == datetime(2021, 12, 1, 14, tzinfo=UTC)  # EST is UTC-5
    assert first.platform.value == "facebook"
    assert first.text.startswith("Coffee with a cop ☕ at the Main St Library!")
    assert [h.text for h in first.hashtags] == ["CoffeeWithACop"]
    assert [m.handle for m in first.mentions] == ["SpringfieldLibrary"]
    assert [link.url for link in first.links] == ["https://example.org/coffee"]
    assert (first.engagement.likes, first.engagement.comments, first.engagement.shares) == (
        1100, 80, 54)
    assert first.author == Account(platform="facebook", handle="SpringfieldPD",
                                   id="100000000000001",
                                   display_name="Springfield Police Department")
    assert second.author is not None
    assert second.author.handle == "100000000000001"
    assert first.extra["Total Interactions"] == "1,234"
    score = [k for k in first.extra if k.startswith("Overperforming Score")]
    assert len(score) == 1
    assert first.extra[score[0]] == "2.15"
    assert [(e.record, e.path) for e in ctx.errors] == [(2, "$['Facebook Id']"),
                                                        (3, "$['Post Created']")]
    assert "1.00000E+14" in ctx.errors[0].message
    assert "unknown time zone abbreviation 'IST'" in ctx.errors[1].message


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-07-06 16:45:20 EDT", datetime(2021, 7, 6, 20, 45, 20, tzinfo=UTC)),
    ("2021-07-06 16:45:20 pst", datetime(2021, 7, 7, 0, 45, 20, tzinfo=UTC)),
    ("2021-07-06 16:45:20 NST", datetime(2021, 7, 6, 20, 15, 20, tzinfo=UTC)),
    ("2021-07-06T16:45:20Z", datetime(2021, 7, 6, 16, 45, 20, tzinfo=UTC)),
    ("2021-07-06T16:45:20.500+02:00", datetime(2021, 7, 6, 14, 45, 20, 500000, tzinfo=UTC)),
])
def test_zone_abbreviations(value: str, expected: datetime) -> None:
    row = Row({"t": value}, "x.csv", 0)
    assert row.time("t", CROWDTANGLE_FACEBOOK) == expected


@pytest.mark.parametrize(("value", "message"), [
    ("2021-07-06 16:45:20 IST", "unknown time zone abbreviation 'IST'"),
    ("2021-07-06 16:45:20", "has no time zone"),
    ("2021-07-06T16:45:20+02:00 EDT", "two time zones"),
])
def test_zone_errors(value: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        Row({"t": value}, "x.csv", 0).time("t", CROWDTANGLE_FACEBOOK)


@pytest.mark.parametrize(("value", "expected"), [
    ("12", 12), ("1,234", 1234), ("12,345,678", 12345678), ("52.0", 52), ("", None), (" 7 ", 7),
])
def test_counts(value: str, expected: int | None) -> None:
    assert Row({"n": value}, "x.csv", 0).count("n") == expected


@pytest.mark.parametrize("value", ["1,23", "1.5", "12k", "-3", "1e3", "9223372036854775808",
                                   "9" * 5000])
def test_bad_counts(value: str) -> None:
    with pytest.raises(ParseError, match="expected a count"):
        Row({"n": value}, "x.csv", 0).count("n")


@pytest.mark.parametrize("value", ["1.22158E+17", "1.22158e17", "-4E5", "122158000000000000.0"])
def test_ids_mangled_by_spreadsheets(value: str) -> None:
    with pytest.raises(ParseError, match="spreadsheet"):
        Row({"id": value}, "x.csv", 0).key("id")


# -- user mappings ------------------------------------------------------------------------

BUSINESS_SUITE = CsvMapping(
    name="business-suite", platform="facebook", id="Post ID", created_at="Publish time",
    text="Description", author_id="Page ID", author_handle="Page name", url="Permalink",
    time_format="%m/%d/%Y %H:%M", timezone="America/Chicago", hashtags="Tags",
)


def test_a_user_mapping() -> None:
    data = (b"Post ID,Page ID,Page name,Description,Publish time,Permalink,Tags\r\n"
            b"1234567890123,99,Springfield PD,Bike rodeo at #MainStPark,11/10/2025 21:00,"
            b"https://example.org/p/1,#BikeSafety #SafeStreets\r\n"
            b"1.22158E+17,99,Springfield PD,x,11/10/2025 21:00,,\r\n")
    reader = CsvReader(mapping=BUSINESS_SUITE)
    got, ctx = read(data, reader)
    assert len(got) == 1
    post = got[0]
    assert post.created_at == datetime(2025, 11, 11, 3, tzinfo=UTC)  # CST, UTC-6
    assert [h.text for h in post.hashtags] == ["BikeSafety", "SafeStreets"]
    assert post.author == Account(platform="facebook", handle="Springfield PD", id="99")
    assert "spreadsheet" in ctx.errors[0].message
    assert not CsvReader().detect(FileContainer(io.BytesIO(data), Limits()))
    stream = read_posts(io.BytesIO(data), format=reader, errors="skip")
    assert [p.id for p in stream] == ["1234567890123"]
    assert stream.errors_count == 1


def test_mapping_checks() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        attrs.evolve(BUSINESS_SUITE, timezone="Mars/Olympus_Mons")
    assert attrs.evolve(BUSINESS_SUITE, timezone="-05:30").timezone == "-05:30"
    assert time_zone("-05:30") == timezone(-timedelta(hours=5, minutes=30))
    with pytest.raises(TypeError, match="sequence of column names"):
        attrs.evolve(BUSINESS_SUITE, extra="Type")
    assert TWARC_CSV.matches(["id", "created_at", "text", "author_id", "conversation_id",
                              "public_metrics.like_count"])
    assert not TWARC_CSV.matches(["id", "created_at", "text"])


def test_mapping_checks_name_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(BUSINESS_SUITE, timezone="Mars/Olympus_Mons")
    assert caught.value.field == "CsvMapping.timezone"


_COLUMNS_TOML = """\
platform = "facebook"
id = "Post ID"
created_at = "Publish time"
text = "Description"
author_handle = "Page name"
hashtags = "Tags"
time_format = "%m/%d/%Y %H:%M"
timezone = "America/Chicago"
extra = ["Permalink"]
"""


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_a_mapping_from_a_file(tmp_path: Path, suffix: str) -> None:
    import json
    import tomllib

    path = tmp_path / f"business-suite{suffix}"
    data = tomllib.loads(_COLUMNS_TOML)
    path.write_text(_COLUMNS_TOML if suffix == ".toml" else json.dumps(data), encoding="utf-8")
    mapping = CsvMapping.load(path)
    assert mapping == CsvMapping(name="business-suite", **data)
    assert CsvMapping.load(str(path)) == mapping
    path.write_text(_COLUMNS_TOML + 'name = "suite"\n' if suffix == ".toml"
                    else json.dumps({**data, "name": "suite"}), encoding="utf-8")
    assert CsvMapping.load(path).name == "suite"


@pytest.mark.parametrize(("name", "text", "message"), [
    ("c.toml", _COLUMNS_TOML + 'created = "Date"\n',
     "c.toml: unknown key(s) 'created'; the keys are name, platform, id, created_at, text,"),
    ("c.toml", _COLUMNS_TOML.replace('"facebook"', '"fb"'),
     "c.toml: at $.platform: expected one of 'instagram', 'facebook'"),
    ("c.toml", _COLUMNS_TOML.replace("America/Chicago", "Mars/Base"),
     "c.toml: at $.timezone: unknown time zone 'Mars/Base'"),
    ("c.toml", _COLUMNS_TOML + 'lists = "csv"\n',
     "c.toml: at $.lists: expected one of 'json', 'space', got 'csv' (str)"),
    ("c.toml", _COLUMNS_TOML + "escaped_newlines = 1\n",
     "c.toml: at $.escaped_newlines: expected bool, got 1 (int)"),
    ("c.toml", _COLUMNS_TOML.replace('text = "Description"\n', ""),
     "c.toml: at $.text: required key is missing"),
    ("c.toml", "platform = \n", "c.toml: not valid TOML: Invalid value (at line 1, column 12)"),
    ("c.json", '["Post ID"]', "c.json: expected an object, got list"),
    ("c.json", '{"platform": ', "c.json: not valid JSON: Expecting value: line 1 column 14"),
    ("c.yaml", "platform: facebook\n", "c.yaml: expected a .toml or .json file of CSV columns, "
     "not '.yaml'"),
])
def test_a_bad_mapping_file_names_file_and_key(tmp_path: Path, name: str, text: str,
                                               message: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        CsvMapping.load(tmp_path / name)
    assert str(caught.value).startswith(f"{tmp_path / name}: {message.split(': ', 1)[1]}")


def test_a_csv_nobody_knows_says_how_to_map_it() -> None:
    data = b"Post ID,Description,Publish time\r\n1,Bike rodeo #SafeStreets,06/03/2023 12:00\r\n"
    with pytest.raises(UnsupportedFormat) as caught:
        read_posts(io.BytesIO(data))
    assert str(caught.value) == (
        "<stream>: not in a format engagekit can read: a CSV whose columns engagekit does not "
        "know ('Post ID', 'Description', 'Publish time'); name the column of each post field in "
        "a .toml or .json file and pass it with --csv-columns (in Python: "
        "format=CsvReader(mapping=CsvMapping.load(file)))")
    with pytest.raises(UnsupportedFormat, match=r"the CSV has no columns 'Page name', 'Tags', "
                                              r"which the column mapping 'business-suite'"):
        read_posts(io.BytesIO(data), format=CsvReader(mapping=attrs.evolve(
            BUSINESS_SUITE, signature=("Page name", "Tags"))))
    # JSON whose first line holds commas is not taken for a CSV
    with pytest.raises(UnsupportedFormat, match=r"\(tried twitter-archive"):
        read_posts(io.BytesIO(b'{"a": 1, "b": 2}\n'))


@given(st.binary(max_size=300))
def test_random_bytes_raise_only_parse_errors(data: bytes) -> None:
    for candidate in (data, *(",".join(c).encode() + b"\r\n" + data
                              for c in (COLUMNS, V1_COLUMNS))):
        with contextlib.suppress(ParseError):  # anything else fails
            read(candidate, errors="raise")


@pytest.mark.parametrize(("cells", "message"), [
    ({"id": "1" * 100_000 + "x", "created_at": "2024-05-02T10:00:00Z"}, None),
    ({"id": "1", "created_at": "2024" + " " * 100_000 + "1"}, "expected a date and time"),
])
def test_long_cells_take_linear_time(cells: dict[str, str], message: str | None) -> None:
    row = Row(cells, "x.csv", 0)
    with deadline(5):  # a hang guard: both took minutes when the patterns backtracked
        assert row.ident("id") == cells["id"]
        if message is None:
            return
        with pytest.raises(ParseError, match=message):
            row.time("created_at")
