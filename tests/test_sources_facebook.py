"""Tests for engagekit.sources.facebook (synthetic fixtures: no licensed sample exists)."""

from __future__ import annotations

import io
import json
import shutil
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engagekit as ek
from engagekit.errors import ParseError, UnsupportedFormat
from engagekit.models import Account, Coordinates, Link, Location, MediaKind, Post, Visibility
from engagekit.sources import facebook, instagram
from engagekit.sources._engine.base import Limits
from engagekit.sources._engine.containers import FileContainer, FolderContainer, ZipContainer
from engagekit.sources._meta import common as _meta
from engagekit.text import repair_mojibake
from tests._meta_export import META_VALUES, MetaExport, meta_json, repaired
from tests._mutate import mutate, paths
from tests._reading import switch_off_typed_decoding

FIXTURE = Path(__file__).parent / "fixtures" / "facebook" / "your_posts_1.json"
NEW_PATH = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"


FACEBOOK = MetaExport(facebook.read, "your_posts_1.json")
bare, read = FACEBOOK.bare, FACEBOOK.read


@pytest.fixture(scope="module")
def posts() -> list[Post]:
    return read(FileContainer(FIXTURE, Limits()))[0]


def test_fixture_is_written_like_a_meta_export() -> None:
    data = FIXTURE.read_bytes()
    assert data.isascii()
    assert b"\\u00f0\\u009f\\u0098\\u008a" in data


def test_every_record_is_read(posts: list[Post]) -> None:
    assert len(posts) == 9
    assert [p.created_at for p in posts[:2]] == [
        datetime(2016, 10, 12, 17, 3, 17, tzinfo=UTC),
        datetime(2016, 10, 13, 17, 3, 17, tzinfo=UTC),
    ]
    assert {p.platform.value for p in posts} == {"facebook"}
    assert {p.visibility for p in posts} == {Visibility.UNKNOWN}
    assert {p.author for p in posts} == {None}  # no profile file beside it
    assert len({p.id for p in posts}) == 9


def test_text_tags_and_duplicated_place(posts: list[Post]) -> None:
    p = posts[0]
    assert p.text == "Back on patrol 😊 #NationalNightOut with @springfieldpd"
    assert p.quality.repairs == ("mojibake",)
    assert [h.text for h in p.hashtags] == ["NationalNightOut"]
    assert [m.handle for m in p.mentions] == ["springfieldpd"]
    assert p.tagged == ("Avery Quinn", "Morgan Ellis")
    # the same place, twice (once without url): one Location, with everything both said
    assert p.location == Location(
        name="Main St Precinct",
        coordinates=Coordinates(latitude=38.9047, longitude=-77.0629),
        address="100 Main St, Springfield",
        id="https://www.example.com/places/main-st-precinct",
    )
    assert "other_places" not in p.extra
    assert p.extra["title"] == "Officer Jordan Reyes is feeling excited at Main St Precinct."
    assert p.extra["update_timestamp"] == 1476291900
    assert p.id == "1476291797-" + p.id.split("-")[1]
    assert len(p.id.split("-")[1]) == 12


def test_check_in_without_text_or_coordinates(posts: list[Post]) -> None:
    p = posts[1]
    assert p.text == ""
    assert p.hashtags == ()
    assert p.extra["title"] == "Officer Jordan Reyes was at Springfield Community Center."
    assert p.location == Location(name="Springfield Community Center")  # address "" -> None


def test_travel_post_has_two_places(posts: list[Post]) -> None:
    p = posts[2]
    assert p.text == "Heading to the regional training ✈️"
    assert p.location is not None
    assert p.location.name == "Springfield"
    assert p.location.coordinates == Coordinates(latitude=39.7817, longitude=-89.6501)
    assert p.extra["other_places"] == [{
        "name": "Shelbyville", "latitude": 39.4064, "longitude": -88.79,
        "url": "https://www.example.com/places/shelbyville",
    }]


def test_hashtag_glued_to_emoji_with_variation_selector(posts: list[Post]) -> None:
    p = posts[3]
    assert p.text == "Thank you Chișinău ✌🏼\ufe0f#VisitMoldova"
    [tag] = p.hashtags
    assert tag.text == "VisitMoldova"
    assert tag.start is not None
    assert p.text[tag.start:tag.end] == "#VisitMoldova"


def test_links_in_text_and_shared(posts: list[Post]) -> None:
    p = posts[4]
    assert p.text == "Read more about it https://t.co/AbC123xyz"
    in_text, shared = p.links
    assert in_text.url == "https://t.co/AbC123xyz"
    assert in_text.start == 19
    # a shared URL that is not in the text: a Link without span; the t.co one is not repeated
    assert shared == Link(url="https://example.org/news/community-day")
    assert p.extra["external_context"] == [{
        "url": "https://example.org/news/community-day",
        "name": "Community Day returns",
        "source": "example.org",
    }]
    assert p.extra["title"] == "Officer Jordan Reyes  ha compartido un enlace."


@pytest.mark.parametrize(
    ("text", "url", "added"),
    [
        ("Flyer: https://example.org/flyer", "https://example.org/flyer", False),
        ("Flyer: example.org/flyer", "https://www.Example.org/flyer/", False),
        ("Flyer: https://example.org/flyer", "https://example.org/other", True),
        ("no link here", "https://example.org/flyer", True),
        # in the text, but glued to a word so the extractor does not take it: keep it
        ("xhttps://example.org/flyer", "https://example.org/flyer", True),
    ],
)
def test_shared_links_are_added_once(text: str, url: str, added: bool) -> None:
    record = {"timestamp": 1, "data": [{"post": text}],
              "attachments": [{"data": [{"external_context": {"url": url}}]},
                              {"data": [{"external_context": {"url": url}}]}]}
    [p], _ = read(bare(meta_json([record])))
    spanless = [link.url for link in p.links if link.start is None]
    assert spanless == ([url] if added else [])


def test_photo_attachment(posts: list[Post]) -> None:
    p = posts[5]
    [photo] = p.media
    uri = "your_facebook_activity/posts/media/MobileUploads_1/100200300_400500600_n.jpg"
    assert photo.kind is MediaKind.PHOTO
    assert photo.uri == uri
    assert photo.created_at == datetime.fromtimestamp(1476723790, UTC)
    assert photo.alt_text is None  # a description is the author's caption, not alt text
    assert p.extra["media_descriptions"] == {uri: "Coffee with a cop ☕ at the library"}
    assert "192.0.2.10" not in json.dumps(p.extra)  # the upload IP is dropped


def test_event_and_note_kept_in_extra(posts: list[Post]) -> None:
    p = posts[6]
    assert p.extra["events"] == [{"name": "Bike Rodeo at Springfield Park",
                                  "start_timestamp": 1477234800, "end_timestamp": 1477245600}]
    assert p.extra["notes"] == [{"title": "Safety tips",
                                 "text": "Wear a helmet. Signal your turns.",
                                 "created_timestamp": 1476810100,
                                 "updated_timestamp": 1476810150}]


def test_title_only_post_and_polish_text(posts: list[Post]) -> None:
    assert posts[7].text == ""
    assert posts[7].extra == {"title": "Officer Jordan Reyes lubi artykuł."}
    p = posts[8]
    assert p.text == "Nowy artykuł o bezpieczeństwie @springfieldpd #Bezpieczeństwo"
    assert [h.text for h in p.hashtags] == ["Bezpieczeństwo"]
    assert [m.kind for m in p.media] == [MediaKind.VIDEO]


# ---------------------------------------------------------------- ids


def test_ids_do_not_depend_on_the_encoding_or_the_title() -> None:
    record = repaired(json.loads(FIXTURE.read_text())[0])
    assert record["data"][0]["post"].startswith("Back on patrol 😊")
    fixed = read(bare(json.dumps([record], ensure_ascii=False).encode()))[0][0]
    broken = read(FileContainer(FIXTURE, Limits()))[0][0]
    assert fixed.id == broken.id
    record["title"] = "Officer Jordan Reyes se siente emocionado."
    assert read(bare(json.dumps([record]).encode()))[0][0].id == broken.id
    record["data"] = [{"post": "Other words"}]
    assert read(bare(json.dumps([record]).encode()))[0][0].id != broken.id


# ---------------------------------------------------------------- layouts


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("posts/your_posts_1.json", "posts/your_posts_2.json"),
        (NEW_PATH, NEW_PATH.replace("_1.json", "_2.json")),
    ],
)
def test_folder_layouts_and_splits(tmp_path: Path, first: str, second: str) -> None:
    one = [{"timestamp": 10, "data": [{"post": "first"}]}]
    two = [{"timestamp": 20, "data": [{"post": "second"}]}]
    for name, content in ((second, two), (first, one),
                          ("profile_information/profile_information.json",
                           {"profile_v2": {"name": {"full_name": "Officer Jordan Reyes"},
                                           "username": "officer.jordan.reyes"}}),
                          ("comments_and_reactions/comments.json", {"comments_v2": []})):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(meta_json(content))
    container = FolderContainer(tmp_path, Limits())
    assert facebook.detect(container)
    assert not instagram.detect(container)
    got, _ = read(container)
    assert [p.text for p in got] == ["first", "second"]
    assert got[0].author == Account(platform="facebook", handle="officer.jordan.reyes",
                                    display_name="Officer Jordan Reyes")
    archive = shutil.make_archive(str(tmp_path.parent / "fb-export"), "zip", tmp_path)
    assert [p.text for p in read(ZipContainer(archive, Limits()))[0]] == ["first", "second"]


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b'[\n  {\n    "timestamp": 1476291797,\n    "data": [', "export.json", True),
        (b'[{"timestamp": 1, "attachments": [{"data": [{"media": {"uri": "a"', "x", True),
        (b"[\n\n]", "your_posts_1.json", True),  # an empty file, by its name
        (b"[\n\n]", "other.json", False),
        (b'[{"media": [{"uri": "a.jpg", "creation_timestamp": 1}]}]', "posts_1.json", False),
        (b'{"comments_v2": [{"timestamp": 1, "data": []}]}', "comments.json", False),
        (b'[{"timestamp": 1, "title": "x"}]', "x", False),  # no data or attachments
        (b"", "your_posts_1.json", False),
    ],
)
def test_detect_a_bare_file(data: bytes, name: str, expected: bool) -> None:
    assert facebook.detect(bare(data, name)) is expected


def test_read_of_another_format_is_a_parse_error() -> None:
    with pytest.raises(UnsupportedFormat, match="no Facebook posts"):
        read(bare(b'[{"media": []}]', "posts_1.json"))


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("record", "where"),
    [
        ({"data": [{"post": "no time"}]}, "$.timestamp: required key is missing"),
        ({"timestamp": "1476291797"}, "$.timestamp: expected int"),
        ({"timestamp": 1, "data": {"post": "x"}}, "$.data: expected array"),
        ({"timestamp": 1, "data": ["x"]}, "$.data[0]: expected an object"),
        ({"timestamp": 1, "data": [{"post": 3}]}, "$.data[0].post: expected str"),
        ({"timestamp": 1, "attachments": [{"data": [{"place": "Main St"}]}]},
         "$.attachments[0].data[0].place: expected object"),
        ({"timestamp": 1, "attachments": [{"data": [{"place": None}]}]},
         "$.attachments[0].data[0].place: expected object, got None"),
        ({"timestamp": 1, "attachments": [{"data": [{"place": {
            "name": "x", "coordinate": {"latitude": "38.9", "longitude": 1}}}]}]},
         "$.attachments[0].data[0].place.coordinate.latitude: expected number"),
        ({"timestamp": 1, "tags": [{"name": 5}]}, "$.tags[0].name: expected str"),
        ({"timestamp": 10**15}, "$.timestamp: timestamp out of range"),
    ],
)
def test_bad_records_are_parse_errors_with_paths(record: Any, where: str) -> None:
    FACEBOOK.assert_bad_record({"timestamp": 1, "data": [{"post": "fine"}]}, record, where)


# The schema is the only decoder: msgspec's path, the value quoted (repaired of mojibake).
ERROR_CASES = [
    ("a str for an int", {"timestamp": "1476291797"},
     "your_posts_1.json: record 1 (0-based) at $.timestamp: expected int, got '1476291797' (str)"),
    ("a str for a number in an element",
     {"timestamp": 1, "attachments": [{"data": [{"text": "t"}, {"place": {
         "name": "Caf\u00e9", "coordinate": {"latitude": "38.9", "longitude": 1}}}]}]},
     "your_posts_1.json: record 1 (0-based) at $.attachments[0].data[1].place.coordinate.latitude: "
     "expected number, got '38.9' (str)"),
    ("a number for an element's text", {"timestamp": 1, "attachments": [{"data": [{"text": 5}]}]},
     "your_posts_1.json: record 1 (0-based) at $.attachments[0].data[0].text: "
     "expected str, got 5 (int)"),
    ("the quote is repaired", {"timestamp": 1, "attachments": [{"data": [{"event": "Caf\u00e9"}]}]},
     "your_posts_1.json: record 1 (0-based) at $.attachments[0].data[0].event: "
     "expected object, got 'Caf\u00e9' (str)"),
    ("an element that is not an object", {"timestamp": 1, "attachments": [{"data": [[]]}]},
     "your_posts_1.json: record 1 (0-based) at $.attachments[0].data[0]: "
     "expected an object, got [] (list)"),
    ("a tag of neither kind", {"timestamp": 1, "tags": [7]},
     "your_posts_1.json: record 1 (0-based) at $.tags[0]: expected str or an object, got 7 (int)"),
    ("a media time out of range",
     {"timestamp": 1, "attachments": [{"data": [{"media": {"uri": "a.jpg",
                                                           "creation_timestamp": 10**15}}]}]},
     "your_posts_1.json: record 1 (0-based) at $.attachments[0].data[0].media.creation_timestamp: "
     "timestamp out of range: 1000000000000000"),
    ("no time", {"timestamp": None}, "your_posts_1.json: record 1 (0-based) at $.timestamp: "
                                     "expected int, got None"),
]


@pytest.mark.parametrize(("record", "message"), [c[1:] for c in ERROR_CASES],
                         ids=[c[0] for c in ERROR_CASES])
def test_a_record_that_does_not_fit_the_schema_gets_its_positioned_error(
    record: Any, message: str
) -> None:
    with pytest.raises(ParseError) as info:
        read(bare(meta_json([{"timestamp": 1, "data": [{"post": "fine"}]}, record])))
    assert str(info.value) == message


def test_events_and_notes_are_read_by_their_schemas() -> None:
    record = {"timestamp": 1, "attachments": [{"data": [
        {"event": {"name": "Caf\u00e9 rodeo", "start_timestamp": 5, "end_timestamp": None,
                   "place": {"name": "not read"}}},
        {"note": {"title": None, "text": "Helmets \u26d1", "updated_timestamp": 9}},
    ]}]}
    [p], _ = read(bare(meta_json([record])))
    assert p.extra["events"] == [{"name": "Café rodeo", "start_timestamp": 5}]
    assert p.extra["notes"] == [{"text": "Helmets ⛑", "updated_timestamp": 9}]
    bad = {"timestamp": 1, "attachments": [{"data": [{"note": {"created_timestamp": "9"}}]}]}
    with pytest.raises(ParseError, match=r"at \$\.attachments\[0\]\.data\[0\]\.note"
                                         r"\.created_timestamp: expected int, got '9' \(str\)"):
        read(bare(meta_json([record, bad])))


def test_an_unread_kind_of_element_keeps_its_repaired_name() -> None:
    record = {"timestamp": 1, "attachments": [{"data": [
        {"sond\u00e9": {"x": 1}, "text": "t"}, {"sond\u00e9": [1], "poll": None}]}]}
    [p], _ = read(bare(meta_json([record])))
    assert p.extra["unread_attachments"] == ["sondé", "poll"]
    assert p.extra["attachment_texts"] == ["t"]


def test_unknown_attachments_are_named_and_places_without_name_use_coordinates() -> None:
    record = {"timestamp": 1, "attachments": [{"data": [
        {"poll": {"options": []}},
        {"place": {"coordinate": {"latitude": 10.5, "longitude": 20.25}}},
        {"place": {"address": ""}},
    ]}]}
    [p], _ = read(bare(meta_json([record])))
    assert p.extra["unread_attachments"] == ["poll"]
    assert p.location == Location(name="10.500000, 20.250000",
                                  coordinates=Coordinates(latitude=10.5, longitude=20.25))


def test_same_name_different_coordinates_are_two_places() -> None:
    place = {"name": "Springfield", "coordinate": {"latitude": 39.78, "longitude": -89.65}}
    other = {"name": "Springfield", "coordinate": {"latitude": 44.05, "longitude": -123.02}}
    record = {"timestamp": 1, "attachments": [{"data": [{"place": place}, {"place": other}]}]}
    [p], _ = read(bare(meta_json([record])))
    assert p.extra["other_places"] == [{"name": "Springfield", "latitude": 44.05,
                                        "longitude": -123.02}]


VALID = json.loads(FIXTURE.read_text())[0] | {"attachments": [
    {"data": [{"place": {"name": "Main St Precinct", "address": "",
                         "coordinate": {"latitude": 38.9, "longitude": -77.06}}}]},
    {"data": [{"external_context": {"url": "https://example.org/a", "name": "A"}}]},
    {"data": [{"media": {
        "uri": "posts/media/a.jpg", "creation_timestamp": 1, "description": "d",
        "media_metadata": {"photo_metadata": {"exif_data": [{"taken_timestamp": 1}]}}}}]},
    {"data": [{"event": {"name": "e", "start_timestamp": 1, "end_timestamp": 2}},
              {"note": {"title": "t", "text": "x", "created_timestamp": 1}},
              {"text": "t"}, {"name": "n"}]},
]}

def test_the_valid_record_is_valid() -> None:
    [p], _ = read(bare(meta_json([VALID])))
    assert p.media
    assert p.location
    assert p.extra["events"]
    assert p.links[-1].url.endswith("/a")


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(paths(VALID)), META_VALUES, st.booleans())
def test_mutated_records_raise_only_parse_errors(
    path: tuple[Any, ...], new: Any, delete: bool
) -> None:
    try:
        [p], _ = read(bare(meta_json([mutate(VALID, path, new, delete)])))
    except ParseError:
        return
    assert p.created_at.tzinfo is UTC
    json.dumps(p.extra)  # extra stays JSON-able


@given(st.integers(0, len(meta_json([VALID])) - 1))
def test_truncations_raise_only_parse_errors(cut: int) -> None:
    with pytest.raises(ParseError):
        read(bare(meta_json([VALID])[:cut]))


@given(st.text(max_size=60).filter(lambda s: repair_mojibake(s) == s))
def test_post_text_survives_the_export_encoding(text: str) -> None:
    [p], _ = read(bare(meta_json([{"timestamp": 1, "data": [{"post": text}]}])))
    assert p.text == unicodedata.normalize("NFC", text)


# Text the repair cannot mistake for mojibake: ASCII, or with a character beyond Latin-1.
unambiguous = st.text(max_size=60).filter(lambda s: s.isascii() or any(ord(c) > 0xFF for c in s))


@given(unambiguous)
def test_a_file_already_repaired_reads_the_same(text: str) -> None:
    record = {"timestamp": 1, "data": [{"post": text}],
              "attachments": [{"data": [{"place": {"name": text + "x"}}]}]}
    [broken], _ = read(bare(meta_json([record])))
    [fixed], _ = read(bare(meta_json([record], broken=False)))
    assert attrs.evolve(broken, quality=fixed.quality) == fixed
    assert fixed.quality.repairs == ()


def _title_only(thing: str, *, unknown_key: bool = False) -> dict[str, Any]:
    """A post with no words of its own: a generated title and a page it names."""
    element: dict[str, Any] = {"external_context": {"name": thing}}
    if unknown_key:  # a kind of element the reader does not read
        element["life_event"] = {"title": "x"}
    return {"timestamp": 1476291797, "title": f"Jordan Reyes added {thing} to books.",
            "attachments": [{"data": [element]}]}


def _ids(records: list[dict[str, Any]], tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / name / "posts" / "your_posts_1.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(meta_json(records))
    return [p.id for p in ek.read_posts(tmp_path / name)]


def test_title_only_posts_in_the_same_second_get_distinct_stable_ids(tmp_path: Path) -> None:
    records = [_title_only("The Wire"), _title_only("Bleak House")]
    ids = _ids(records, tmp_path, "plain")
    assert len(set(ids)) == 2
    assert ids == ["1476291797-2fe39dbab134", "1476291797-4ae815bbc336"]  # stable across runs
    unread = [_title_only("The Wire", unknown_key=True),
              _title_only("Bleak House", unknown_key=True)]
    assert _ids(unread, tmp_path, "unread") == ids  # an element not read changes nothing
    # the name alone, or the title alone, tells two otherwise equal posts apart
    same_title = _title_only("The Wire")
    same_title["attachments"][0]["data"][0]["external_context"]["name"] = "Bleak House"
    assert len(set(_ids([records[0], same_title], tmp_path, "name"))) == 2
    no_context = [{"timestamp": 1476291797, "title": "Jordan Reyes updated his status."},
                  {"timestamp": 1476291797, "title": "Jordan Reyes updated his cover photo."}]
    assert len(set(_ids(no_context, tmp_path, "title"))) == 2


def test_ids_of_posts_with_text_hash_what_they_always_did() -> None:
    (post,) = read(FileContainer(FIXTURE, Limits()))[0][:1]
    assert post.id == "1476291797-" + _meta.short_hash(
        post.text, *(_meta.stem(m.uri) for m in post.media),
        *([post.location.name] if post.location else []),
        *(link.url for link in post.links if link.start is None))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(paths(VALID)), META_VALUES, st.booleans())
def test_a_post_reads_the_same_however_the_json_layer_hands_it_over(
    path: tuple[Any, ...], new: Any, delete: bool
) -> None:
    # straight from its bytes, or from plain JSON values: the same schema decides
    data = meta_json([{"timestamp": 1, "data": [{"post": "fine"}]},
                      mutate(VALID, path, new, delete)])
    typed = read(bare(data), errors="collect")
    with pytest.MonkeyPatch.context() as patch:
        switch_off_typed_decoding(patch)
        plain = read(bare(data), errors="collect")
    assert typed[0] == plain[0]
    assert [str(e) for e in typed[1].errors] == [str(e) for e in plain[1].errors]


@pytest.mark.parametrize("kind", ["place", "media", "event", "note", "external_context"])
def test_an_attachment_that_is_a_5000_digit_integer_is_a_parse_error(kind: str) -> None:
    record = {"timestamp": 1476291797, "attachments": [{"data": [{kind: "@@"}]}]}
    data = json.dumps([record]).replace('"@@"', "9" * 5000).encode()
    report = ek.read_posts(io.BytesIO(data), format="facebook", errors="collect")
    assert [(e.path, e.message) for e in report.errors] == [
        (f"$.attachments[0].data[0].{kind}", "Number out of range")]
