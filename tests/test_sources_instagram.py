"""Tests for engagekit.sources.instagram: real samples, synthetic layouts, bad input."""

from __future__ import annotations

import contextlib
import io
import json
import re
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
from engagekit.errors import LimitExceeded, ParseError, UnsupportedFormat
from engagekit.models import Account, Coordinates, Location, MediaKind, Visibility
from engagekit.sources import facebook, instagram
from engagekit.sources._engine.base import Container, Context, Limits
from engagekit.sources._engine.containers import FileContainer, FolderContainer, ZipContainer
from engagekit.sources._meta import common as _meta
from engagekit.text import repair_mojibake
from tests._meta_export import META_VALUES, MetaExport, meta_json
from tests._mutate import mutate, paths
from tests._reading import switch_off_typed_decoding
from tests.conftest import reference

FIXTURES = Path(__file__).parent / "fixtures"


INSTAGRAM = MetaExport(instagram.read, "posts_1.json")
bare, read = INSTAGRAM.bare, INSTAGRAM.read


def sample(name: str) -> Container:
    return FileContainer(reference("formats", "instagram", name), Limits())


def write(root: Path, files: dict[str, Any]) -> Path:
    for name, content in files.items():
        path = root.joinpath(*name.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else meta_json(content))
    return root


def post(caption: str = "", ts: int = 1715566876, uri: str = "media/posts/202405/17890.jpg",
         **more: Any) -> dict[str, Any]:
    """A single-media post in the posts_1.json shape (caption in the media title)."""
    media = {"uri": uri, "creation_timestamp": ts - 1, "title": caption,
             "media_metadata": {"camera_metadata": {"has_camera_metadata": False}}}
    return {"media": [media], **more}


PROFILE = {"profile_user": [{"string_map_data": {
    "Username": {"href": "", "value": "springfield_officer_reyes", "timestamp": 0},
    "Name": {"href": "", "value": "Officer Jordan Reyes", "timestamp": 0},
    "Private Account": {"href": "", "value": "False", "timestamp": 0},
}}]}


# ---------------------------------------------------------------- licensed real samples


def test_sample_carousel_of_five_webp() -> None:
    posts, _ = read(sample("i2b_test_images_posts.json"))
    assert len(posts) == 1
    p = posts[0]
    assert p.id == "296182505_2306736436140223_1131775985609414029_n_17908919372611575"
    assert p.platform.value == "instagram"
    assert p.created_at == datetime(2022, 7, 26, 21, 45, 55, tzinfo=UTC)  # post, not media, time
    assert p.text.startswith("A lil flower garden update:\n\nDalia is in full bloom")
    assert [h.text for h in p.hashtags] == ["daliaflower", "hibiscusplant"]
    assert all(p.text[h.start:h.end] == "#" + h.text for h in p.hashtags if h.start is not None)
    assert len(p.media) == 5
    assert {m.kind for m in p.media} == {MediaKind.PHOTO}
    assert all(m.uri.startswith("media/posts/202207/") and m.uri.endswith(".webp") for m in p.media)
    assert p.media[0].created_at == datetime.fromtimestamp(1658871953, UTC)
    assert p.location is None
    assert p.author is None
    assert p.visibility is Visibility.PUBLIC
    assert p.quality.repairs == ()
    assert p.extra == {"surface": "post", "cross_post_source": "FB"}


def test_sample_mixed_carousel() -> None:
    posts, _ = read(sample("i2b_test_mixed_media_posts.json"))
    assert len(posts) == 1
    p = posts[0]
    assert p.text == "What an incredible weekend day trip to celebrate Momma Olga's birthday."
    assert p.hashtags == ()
    assert p.mentions == ()
    assert p.created_at == datetime.fromtimestamp(1720384531, UTC)
    kinds = [m.kind for m in p.media]
    assert len(kinds) == 10
    assert kinds.count(MediaKind.VIDEO) == 3
    assert kinds.count(MediaKind.PHOTO) == 7
    assert kinds[5] is MediaKind.VIDEO
    assert p.media[5].uri.endswith(".mp4")
    assert p.id == "450124567_850539960325047_1014258811537594829_n_17926160567808540"


def test_sample_single_image_with_bare_file_name() -> None:
    posts, _ = read(sample("i2b_test_image_posts.json"))
    [p] = posts
    # the uri was stripped to a file name: the id is still its stem
    stem = "454093999_1240420453752667_4632794683080840290_n_18047065138879510"
    assert p.media[0].uri == stem + ".jpg"
    assert p.id == stem
    # the caption is in the post title here, the media title being ""
    assert p.text == "A great rainy day lunch\n#italiansub"
    assert [h.text for h in p.hashtags] == ["italiansub"]
    assert p.created_at == datetime(2024, 8, 4, 19, 52, 37, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "surface"),
    [("i2b_test_video_posts.json", "post"), ("i2b_test_video_reels.json", "reel")],
)
def test_sample_video_with_exif_location(name: str, surface: str) -> None:
    posts, _ = read(sample(name))
    [p] = posts
    assert p.text == "Pokemon test video"  # single media: caption in media[0].title
    # no post-level timestamp: the media's
    assert p.created_at == datetime(2016, 3, 23, 11, 32, 16, tzinfo=UTC)
    assert [m.kind for m in p.media] == [MediaKind.VIDEO]
    assert p.location == Location(
        name="53.141186, 11.038735",
        coordinates=Coordinates(latitude=53.141186112, longitude=11.038734576),
    )
    assert p.id.endswith("_17898982279059393")
    assert p.extra["surface"] == surface


def test_sample_mixed_reels() -> None:
    posts, _ = read(sample("i2b_test_mixed_media_reels.json"))
    [p] = posts
    assert p.extra["surface"] == "reel"
    assert len(p.media) == 10
    assert p.text.startswith("What an incredible weekend")


@pytest.mark.parametrize(
    "name",
    [
        "i2b_test_images_posts.json",
        "i2b_test_mixed_media_posts.json",
        "i2b_test_image_posts.json",
        "i2b_test_video_posts.json",
        "i2b_test_video_reels.json",
        "i2b_test_mixed_media_reels.json",
    ],
)
def test_samples_detect_as_instagram_only(name: str) -> None:
    container = sample(name)
    assert instagram.detect(container)
    assert not facebook.detect(container)


def read_all(container: Container) -> tuple[list[Any], Context]:
    ctx = Context(errors="collect")
    return list(instagram.read(container, ctx)), ctx


# ---------------------------------------------------------------- export layouts


def layout_files(generation: str) -> dict[str, Any]:
    posts_1 = [post("Coffee with a cop \u2615 #CoffeeWithACop", 1715566876,
                    "media/posts/202405/17901.jpg")]
    posts_2 = [post("Bike patrol", 1715666876, "media/posts/202405/17902.mp4")]
    posts_10 = [post("Ten", 1715766876, "media/posts/202405/17910.jpg")]
    reels = {"ig_reels_media": [post("Reel @springfieldpd", 1715866876,
                                     "media/reels/202405/17920.mp4")]}
    stories = {"ig_stories": [{"uri": "media/stories/202405/17930.jpg",
                               "creation_timestamp": 1715966876, "title": "",
                               "media_metadata": {}}]}
    base = {"newest": "your_instagram_activity/content/",
            "2020": "content/"}[generation]
    profile = {"newest": "personal_information/personal_information/personal_information.json",
               "2020": "account_information/personal_information.json"}[generation]
    return {
        f"{base}posts_1.json": posts_1,
        f"{base}posts_10.json": posts_10,
        f"{base}posts_2.json": posts_2,
        f"{base}reels.json": reels,
        f"{base}stories.json": stories,
        profile: PROFILE,
        "media/posts/202405/17901.jpg": b"\xff\xd8",
        "comments/post_comments_1.json": [{"title": "not a post"}],
    }


@pytest.mark.parametrize("generation", ["newest", "2020"])
def test_folder_layouts(tmp_path: Path, generation: str) -> None:
    container = FolderContainer(write(tmp_path, layout_files(generation)), Limits())
    assert instagram.detect(container)
    assert not facebook.detect(container)
    posts, ctx = read(container)
    assert [p.text for p in posts] == [
        "Coffee with a cop ☕ #CoffeeWithACop", "Bike patrol", "Ten", "Reel @springfieldpd", "",
    ]
    assert [p.extra["surface"] for p in posts] == ["post", "post", "post", "reel", "story"]
    assert [p.id for p in posts] == ["17901", "17902", "17910", "17920", "17930"]
    assert {p.author for p in posts} == {
        Account(platform="instagram", handle="springfield_officer_reyes")
    }
    assert [m.handle for m in posts[3].mentions] == ["springfieldpd"]
    assert posts[0].quality.repairs == ("mojibake",)
    assert posts[1].quality.repairs == ()
    assert ctx.errors == []
    assert not ctx.skipped


def test_zip_of_the_newest_layout(tmp_path: Path) -> None:
    folder = write(tmp_path / "export", layout_files("newest"))
    archive = shutil.make_archive(str(tmp_path / "instagram-export"), "zip", folder)
    container = ZipContainer(archive, Limits())
    assert instagram.detect(container)
    posts, _ = read(container)
    assert len(posts) == 5
    assert posts[0].id == "17901"


def test_private_account_posts_are_followers_only(tmp_path: Path) -> None:
    private = json.loads(json.dumps(PROFILE))
    private["profile_user"][0]["string_map_data"]["Private Account"]["value"] = "True"
    files = {"content/posts_1.json": [post("Hello")],
             "account_information/personal_information.json": private}
    posts, _ = read(FolderContainer(write(tmp_path, files), Limits()))
    assert [p.visibility for p in posts] == [Visibility.FOLLOWERS]


def test_without_profile_the_author_is_unknown(tmp_path: Path) -> None:
    posts, _ = read(FolderContainer(write(tmp_path, {"content/posts_1.json": [post("Hi")]}),
                                    Limits()))
    assert posts[0].author is None
    assert posts[0].visibility is Visibility.PUBLIC


def test_the_2018_media_json(tmp_path: Path) -> None:
    for name in ("media.json", "profile.json"):
        shutil.copy(FIXTURES / "instagram" / name, tmp_path / name)
    container = FolderContainer(tmp_path, Limits())
    assert instagram.detect(container)
    posts, _ = read(container)
    # three entries of one carousel (two photos and a video) make one post; DMs are not read
    assert [p.extra["surface"] for p in posts] == ["post", "post", "story"]
    carousel = posts[0]
    assert carousel.text == "Café con la comunidad ☕ #CoffeeWithACop"
    assert carousel.quality.repairs == ("mojibake",)
    assert [m.kind for m in carousel.media] == [MediaKind.PHOTO, MediaKind.PHOTO, MediaKind.VIDEO]
    assert carousel.id == "3e02b2be0d7abbdb7c2bae1fee544665"
    assert carousel.location == Location(name="Springfield Public Library")
    # naive local time, read as UTC and marked
    assert carousel.created_at == datetime(2018, 12, 31, 8, 5, 13, tzinfo=UTC)
    assert carousel.extra["naive_time"] is True
    assert carousel.extra["taken_at"] == "2018-12-31T08:05:13"
    assert carousel.author == Account(platform="instagram", handle="springfield_officer_reyes")
    assert all("direct" not in m.uri for p in posts for m in p.media)


# ---------------------------------------------------------------- captions, ids, media, places


def test_mojibake_is_repaired_everywhere_and_only_once() -> None:
    record = post("Caf\u00e9 \U0001F46E #Polic\u00eda @agente_l\u00f3pez",
                  uri="media/posts/202405/caf\u00e9.jpg")
    broken, _ = read(bare(meta_json([record])))
    fixed, _ = read(bare(meta_json([record], broken=False)))
    assert broken[0].text == fixed[0].text == "Café 👮 #Policía @agente_lópez"
    assert [h.text for h in broken[0].hashtags] == ["Policía"]
    assert broken[0].media[0].uri == "media/posts/202405/café.jpg"
    assert broken[0].quality.repairs == ("mojibake",)
    assert fixed[0].quality.repairs == ()
    assert attrs.evolve(broken[0], quality=fixed[0].quality) == fixed[0]


def test_carousel_caption_is_the_post_title() -> None:
    record = {"title": "Two photos #Community", "creation_timestamp": 1715566900,
              "media": [post(uri="a/1.jpg")["media"][0], post(uri="a/2.jpg")["media"][0]]}
    [p], _ = read(bare(meta_json([record])))
    assert p.text == "Two photos #Community"
    assert p.created_at == datetime.fromtimestamp(1715566900, UTC)


ID_CASES = [
    ("folder uri", {"uri": "media/posts/202405/17908919372611575.webp"}, "17908919372611575"),
    ("bare file name", {"uri": "17908919372611575.jpg"}, "17908919372611575"),
    ("no extension", {"uri": "media/posts/202405/17908919372611575"}, "17908919372611575"),
]


@pytest.mark.parametrize(("media", "expected"), [c[1:] for c in ID_CASES],
                         ids=[c[0] for c in ID_CASES])
def test_id_from_the_media_file_name(media: dict[str, Any], expected: str) -> None:
    record = {"media": [{"creation_timestamp": 1715566876, "title": "x", **media}]}
    [p], _ = read(bare(meta_json([record])))
    assert p.id == expected


def test_id_without_uri_is_a_stable_hash() -> None:
    record = {"media": [{"creation_timestamp": 1715566876, "title": "No file \u2615"}]}
    [a], _ = read(bare(meta_json([record])))
    [b], _ = read(bare(meta_json([record], broken=False)))
    assert a.id == b.id
    assert len(a.id) == 12
    assert a.media == ()
    assert a.extra["media_without_uri"] == 1
    record["media"][0]["title"] = "Another caption"
    [c], _ = read(bare(meta_json([record])))
    assert c.id != a.id


def test_media_kind_without_extension_from_metadata() -> None:
    record = {"media": [
        {"uri": "media/posts/202405/1", "creation_timestamp": 1, "title": "",
         "media_metadata": {"video_metadata": {"exif_data": []}}},
        {"uri": "media/posts/202405/2", "creation_timestamp": 1, "title": "",
         "media_metadata": {"photo_metadata": {"exif_data": []}}},
    ], "title": "t", "creation_timestamp": 2}
    [p], _ = read(bare(meta_json([record])))
    assert [m.kind for m in p.media] == [MediaKind.VIDEO, MediaKind.PHOTO]


@pytest.mark.parametrize(
    ("exif", "location", "dropped"),
    [
        ([{"latitude": 34.77, "longitude": -92.27}],
         Location(name="34.770000, -92.270000",
                  coordinates=Coordinates(latitude=34.77, longitude=-92.27)), None),
        ([{"iso": 100}, {"latitude": 1.5, "longitude": 2}],
         Location(name="1.500000, 2.000000",
                  coordinates=Coordinates(latitude=1.5, longitude=2)), None),
        ([{"latitude": 0.0, "longitude": 0.0}], None, None),
        ([{"latitude": 95.0, "longitude": 10.0}], None, [95.0, 10.0]),
        ([{"latitude": 34.77}], None, None),
        ([], None, None),
    ],
)
def test_exif_location(
    exif: list[dict[str, Any]], location: Location | None, dropped: list[float] | None
) -> None:
    record = post("x")
    record["media"][0]["media_metadata"] = {"photo_metadata": {"exif_data": exif}}
    [p], _ = read(bare(meta_json([record])))
    assert p.location == location
    assert p.extra.get("dropped_coordinates") == dropped


def test_stories_file_alone() -> None:
    stories = {"ig_stories": [{"uri": "media/stories/202405/1.mp4", "creation_timestamp": 7,
                               "title": "Safety tip #BikeSafety", "media_metadata": {}}]}
    container = bare(meta_json(stories), "stories.json")
    assert instagram.detect(container)
    [p], _ = read(container)
    assert p.extra["surface"] == "story"
    assert p.text == "Safety tip #BikeSafety"
    assert p.media[0].kind is MediaKind.VIDEO
    assert p.id == "1"


# ---------------------------------------------------------------- detection and bad input


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b'[\n  {\n    "media": [\n      {"uri": "a.jpg"}', "whatever.json", True),
        (b'[{"title": "caption", "creation_timestamp": 17, "media": [', "x", True),
        (b'{"ig_reels_media": [', "x", True),
        (b'{\n  "ig_stories": [\n', "x", True),
        (b'[\n\n]', "posts_1.json", True),  # an empty export file, by its name
        (b'[\n\n]', "other.json", False),
        (b'[{"timestamp": 1476291797, "attachments": [{"data": [{"media": {"uri": "a"', "x",
         False),
        (b'{"orderedItems": []}', "outbox.json", False),
        (b"window.YTD.tweets.part0 = [", "tweets.js", False),
        (b"", "posts_1.json", False),
        (b"\x00\xff garbage", "posts_1.json", False),
    ],
)
def test_detect_a_bare_file(data: bytes, name: str, expected: bool) -> None:
    assert instagram.detect(bare(data, name)) is expected


def test_detect_ignores_unrelated_folders(tmp_path: Path) -> None:
    write(tmp_path, {"outbox.json": {"orderedItems": []}, "media/posts/1.jpg": b"x",
                     "posts/your_posts_1.json": []})
    assert not instagram.detect(FolderContainer(tmp_path, Limits()))


def test_read_of_another_format_is_a_parse_error() -> None:
    with pytest.raises(UnsupportedFormat, match="no Instagram posts"):
        read(bare(b'{"orderedItems": []}', "outbox.json"))


@pytest.mark.parametrize(
    ("record", "where"),
    [
        ({"media": "nope"}, "$.media: expected array"),
        ({"media": [{"uri": 3, "creation_timestamp": 1}]}, "$.media[0].uri: expected str"),
        ({"media": [{"uri": "a.jpg", "creation_timestamp": "yesterday"}]},
         "$.media[0].creation_timestamp: expected int"),
        ({"media": [{"uri": "a.jpg"}]}, "$.media[0].creation_timestamp: required key is missing"),
        ({"media": []}, "$.creation_timestamp: required key is missing"),
        ({"media": [{"uri": "a.jpg", "creation_timestamp": 1, "title": ["x"]}]},
         "$.media[0].title: expected str"),
        ({"title": 5, "media": []}, "$.title: expected str"),
        ({"media": [{"uri": "a.jpg", "creation_timestamp": 1, "media_metadata": {
            "photo_metadata": {"exif_data": [{"latitude": "53.1", "longitude": 11.0}]}}}]},
         "$.media[0].media_metadata.photo_metadata.exif_data[0].latitude: expected number"),
        ([1, 2], "expected an object"),
    ],
)
def test_bad_records_are_parse_errors_with_paths(record: Any, where: str) -> None:
    INSTAGRAM.assert_bad_record(post("fine"), record, where)


# ---------------------------------------------------------------- the schema is the only decoder

ERROR_CASES = [
    # description, record, the whole error (msgspec's path; the value quoted from the record)
    ("a number for a str", {"media": [{"uri": 3, "creation_timestamp": 1}]},
     "posts_1.json: record 1 (0-based) at $.media[0].uri: expected str, got 3 (int)"),
    ("a str for an int", {"media": [{"uri": "a.jpg", "creation_timestamp": "1715566876"}]},
     "posts_1.json: record 1 (0-based) at $.media[0].creation_timestamp: expected int, "
     "got '1715566876' (str)"),
    ("a bool for a number", {"media": [{"uri": "a.jpg", "creation_timestamp": 1,
                                        "media_metadata": {"video_metadata": {"exif_data": [
                                            {}, {"latitude": True, "longitude": 1}]}}}]},
     "posts_1.json: record 1 (0-based) at $.media[0].media_metadata.video_metadata.exif_data[1]"
     ".latitude: expected number, got True (bool)"),
    ("a str for an object", {"media": [{"uri": "a.jpg", "creation_timestamp": 1,
                                        "cross_post_source": "FB"}]},
     "posts_1.json: record 1 (0-based) at $.media[0].cross_post_source: "
     "expected object, got 'FB' (str)"),
    ("an item that is not an object", {"media": ["a.jpg"]},
     "posts_1.json: record 1 (0-based) at $.media[0]: expected an object, got 'a.jpg' (str)"),
    ("a record that is not an object", "a.jpg",
     "posts_1.json: record 1 (0-based): expected an object, got 'a.jpg' (str)"),
    # a later media item's title is checked too, though the caption comes from the first
    ("a later title", {"media": [{"uri": "a.jpg", "creation_timestamp": 1, "title": "x"},
                                 {"uri": "b.jpg", "title": ["y"]}]},
     "posts_1.json: record 1 (0-based) at $.media[1].title: expected str, got ['y'] (list)"),
    ("out of range", {"media": [{"uri": "a.jpg", "creation_timestamp": 10**15}]},
     "posts_1.json: record 1 (0-based) at $.media[0].creation_timestamp: "
     "timestamp out of range: 1000000000000000"),
    ("no time", {"media": [{"uri": "a.jpg", "creation_timestamp": None}]},
     "posts_1.json: record 1 (0-based) at $.media[0].creation_timestamp: expected int, got None"),
    ("an unknown item kind", {},
     "posts_1.json: record 1 (0-based): unknown item kind (an empty object): "
     "expected a post with 'media'"),
]


@pytest.mark.parametrize(("record", "message"), [c[1:] for c in ERROR_CASES],
                         ids=[c[0] for c in ERROR_CASES])
def test_a_record_that_does_not_fit_the_schema_gets_its_positioned_error(
    record: Any, message: str
) -> None:
    with pytest.raises(ParseError) as info:
        read(bare(meta_json([post("fine"), record])))
    assert str(info.value) == message


def test_a_story_is_read_by_its_own_schema() -> None:
    stories = {"ig_stories": [{"uri": "media/stories/1.jpg", "creation_timestamp": 7},
                              {"uri": "media/stories/2.jpg", "title": 3},
                              {"uri": "media/stories/3.jpg"}]}
    got, ctx = read(bare(meta_json(stories), "stories.json"), errors="collect")
    assert [p.id for p in got] == ["1"]
    assert [str(e) for e in ctx.errors] == [
        "stories.json: record 1 (0-based) at $.title: expected str, got 3 (int)",
        "stories.json: record 2 (0-based) at $.creation_timestamp: required key is missing",
    ]


@pytest.mark.parametrize(
    "data",
    [
        # so many brackets (in a string) that the record is not decoded straight from its bytes
        meta_json([post("[" * 300 + " #BikeSafety")]),
        # a lone surrogate: repaired to U+FFFD first, then decoded
        meta_json([post("Coffee SURROGATE #BikeSafety")]).replace(b"SURROGATE", b"\\ud83d"),
    ],
    ids=["brackets", "lone surrogate"],
)
def test_records_decoded_from_plain_values_follow_the_same_schema(data: bytes) -> None:
    [p], _ = read(bare(data))
    assert [h.text for h in p.hashtags] == ["BikeSafety"]
    assert p.id == "17890"
    # and a wrong type in one of them is the schema's error, at the same path
    bad = data.replace(b'"uri": "media/posts/202405/17890.jpg"', b'"uri": 17890')
    with pytest.raises(ParseError) as info:
        read(bare(bad))
    assert str(info.value) == (
        "posts_1.json: record 0 (0-based) at $.media[0].uri: expected str, got 17890 (int)")


def test_invalid_utf8_and_too_deep_records_are_reported_by_record() -> None:
    data = meta_json([post("fine"), post("bad"), post("fine")]).replace(b'"bad"', b'"\xff"')
    got, ctx = read(bare(data), errors="collect")
    assert len(got) == 2
    [error] = ctx.errors
    assert error.record == 1
    assert "invalid JSON" in str(error)
    deep = post("x", extra={"a": [[[[[[1]]]]]]})
    limits = Limits(max_depth=6)
    for records in ([deep], [post("fine"), deep]):  # scanned, or taken by its indentation
        container = FileContainer(io.BytesIO(meta_json(records)), limits)
        with pytest.raises(LimitExceeded, match="max_depth=6"):
            list(instagram.read(container, Context(limits=limits)))


@pytest.mark.parametrize(
    "data",
    [b'[{"media": [{"uri": "a.jpg", "creation_t', b"[", b'{"ig_reels_media": {}}',
     b'{"ig_reels_media": [], "x": ', b'[{"media": [\n\n]}'],
)
def test_truncated_or_malformed_files(data: bytes) -> None:
    with pytest.raises(ParseError):
        read(bare(data, "posts_1.json" if data.startswith(b"[") else "reels.json"))


def test_a_bad_member_does_not_stop_the_others_when_collecting(tmp_path: Path) -> None:
    files = {"content/posts_1.json": b"[{", "content/posts_2.json": [post("ok")]}
    posts, ctx = read(FolderContainer(write(tmp_path, files), Limits()), errors="collect")
    assert [p.text for p in posts] == ["ok"]
    [error] = ctx.errors  # the member is named after the folder, with "!" or "/"
    assert error.source in (f"{tmp_path}!content/posts_1.json", f"{tmp_path}/content/posts_1.json")


# ---------------------------------------------------------------- properties

VALID = {"media": [
    {"uri": "media/posts/202405/17901.jpg", "creation_timestamp": 1715566876,
     "title": "", "media_metadata": {"photo_metadata": {"exif_data": [
         {"latitude": 34.77, "longitude": -92.27, "date_time_original": "2024:05:02 22:47:28"}]}},
     "cross_post_source": {"source_app": "FB"}},
    {"uri": "media/posts/202405/17902.mp4", "creation_timestamp": 1715566876, "title": "",
     "media_metadata": {"video_metadata": {"exif_data": []}}},
], "title": "Coffee \u2615 #CommunityPolicing @springfieldpd", "creation_timestamp": 1715566877}


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(paths(VALID)), META_VALUES, st.booleans())
def test_mutated_records_raise_only_parse_errors(
    path: tuple[Any, ...], new: Any, delete: bool
) -> None:
    data = meta_json([mutate(VALID, path, new, delete)])
    try:
        posts, _ = read(bare(data))
    except ParseError:
        return
    assert len(posts) == 1
    assert posts[0].created_at.tzinfo is UTC


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(paths(VALID)), META_VALUES, st.booleans())
def test_an_error_quotes_the_value_at_its_path(path: tuple[Any, ...], new: Any,
                                               delete: bool) -> None:
    data = meta_json([mutate(VALID, path, new, delete)])
    err: ParseError | None = None
    try:
        read(bare(data))
    except ParseError as caught:
        err = caught
    if err is None or ", got " not in err.message or err.message.endswith("got None"):
        return
    node = _meta.repair_tree(json.loads(data)[0])  # the value is quoted repaired of mojibake
    for key, index in re.findall(r"\.(\w+)|\[(\d+)\]", err.path or "$"):
        node = node[key] if key else node[int(index)]
    assert err.message.endswith(f", got {_shown(node)}")


def _shown(value: Any) -> str:
    text = repr(value)
    return f"{text[:57] + '...' if len(text) > 60 else text} ({type(value).__name__})"


@given(st.integers(0, len(meta_json([VALID]))))
def test_truncations_raise_only_parse_errors(cut: int) -> None:
    data = meta_json([VALID])[:cut]
    with contextlib.suppress(ParseError):
        read(bare(data))


@given(st.text(max_size=60).filter(lambda s: repair_mojibake(s) == s))
def test_captions_survive_the_export_encoding(caption: str) -> None:
    [p], _ = read(bare(meta_json([post(caption)])))
    assert p.text == unicodedata.normalize("NFC", caption)


def test_a_caption_that_looks_like_mojibake_is_repaired_once() -> None:
    [p], _ = read(bare(meta_json([post("Encoding bugs look like Ã© #mojibake")])))
    assert p.text == "Encoding bugs look like Ã© #mojibake"


# ---------------------------------------------------------------- items that are not posts

_PICTURE = {"ig_profile_picture": [{"uri": "media/profile/202301/330.jpg",
                                    "creation_timestamp": 1673000000, "title": "",
                                    "is_profile_picture": True}]}
_IGTV = {"ig_igtv_media": [{"uri": "media/igtv/202104/17850", "creation_timestamp": 1618000000,
                            "title": "Bike rodeo recap \U0001f6b2 #BikeSafety",
                            "media_metadata": {"camera_metadata": {"has_camera_metadata": True}},
                            "cross_post_source": {"source_app": "FB"}}]}
_UNKNOWN = {"ig_guides_media": [{"uri": "media/guides/1.jpg", "creation_timestamp": 1}]}


def test_non_post_items_of_a_posts_array(tmp_path: Path) -> None:
    records = [post("Coffee ☕ #CommunityPolicing"), _PICTURE, _IGTV, _UNKNOWN,
               post("Second", uri="media/posts/202405/17891.jpg")]
    root = write(tmp_path, {"your_instagram_activity/content/posts_1.json": records})
    report = ek.read_posts(root, errors="collect")
    assert [p.text for p in report.posts] == ["Coffee ☕ #CommunityPolicing",
                                              "Bike rodeo recap 🚲 #BikeSafety", "Second"]
    igtv = report.posts[1]
    assert igtv.id == "17850"
    assert [(m.kind, m.uri) for m in igtv.media] == [(MediaKind.VIDEO, "media/igtv/202104/17850")]
    assert igtv.created_at == datetime.fromtimestamp(1618000000, UTC)
    assert [h.text for h in igtv.hashtags] == ["BikeSafety"]
    assert igtv.extra == {"surface": "igtv", "cross_post_source": "FB"}
    assert report.skipped == {"profile-picture": 1, "invalid": 1}
    (error,) = report.errors
    assert error.record == 3
    assert str(error).endswith(
        "record 3 (0-based): unknown item kind (keys 'ig_guides_media'): "
        "expected a post with 'media'")


def test_a_bad_igtv_item_is_positioned_at_its_own_key() -> None:
    bad = {"ig_igtv_media": [{"uri": "media/igtv/1.mp4"}]}
    INSTAGRAM.assert_bad_record(post("fine"), bad,
                                "$.ig_igtv_media[0].creation_timestamp: required key is missing")


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(paths(VALID)), META_VALUES, st.booleans())
def test_a_record_reads_the_same_however_the_json_layer_hands_it_over(
    path: tuple[Any, ...], new: Any, delete: bool
) -> None:
    # straight from its bytes, or (as for a record too deep to trust or with a lone surrogate)
    # from plain JSON values: the same schema decides, so the same post or the same error
    data = meta_json([post("fine"), mutate(VALID, path, new, delete)])
    typed = read(bare(data), errors="collect")
    with pytest.MonkeyPatch.context() as patch:
        switch_off_typed_decoding(patch)
        plain = read(bare(data), errors="collect")
    assert typed[0] == plain[0]
    assert [str(e) for e in typed[1].errors] == [str(e) for e in plain[1].errors]
