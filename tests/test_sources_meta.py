"""Tests for engagekit.sources._meta.common: what the Instagram and Facebook readers share."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.errors import ParseError
from engagekit.models import Coordinates, MediaKind
from engagekit.sources._engine.base import Context
from engagekit.sources._engine.fields import Fields
from engagekit.sources._meta import common as _meta


def mojibake(text: str) -> str:
    """What Meta's exporter does to a string: UTF-8 bytes read back as Latin-1."""
    return text.encode("utf-8").decode("latin-1")


def fields(data: dict[str, Any]) -> Fields:
    return Fields(data, source="posts_1.json", record=3)


# Strings a Meta export can hold once repaired, and that the repair cannot mistake
# for mojibake: ASCII, or with at least one character beyond Latin-1.
unambiguous = st.text(max_size=40).filter(lambda s: s.isascii() or any(ord(c) > 0xFF for c in s))

# ---------------------------------------------------------------- repair

FIX_CASES = [
    # (description, as decoded from the file, expected, repaired?)
    ("emoji flag", "Un Taxi \u00f0\u009f\u0087\u00a8\u00f0\u009f\u0087\u00b4", "Un Taxi 🇨🇴", True),
    ("Danish", "n\u00c3\u00a6sten", "næsten", True),
    ("Polish", "artyku\u00c5\u0082", "artykuł", True),
    ("apostrophe", "It\u00e2\u0080\u0099s", "It’s", True),
    ("coffee", "Coffee with a cop \u00e2\u0098\u0095", "Coffee with a cop ☕", True),
    # already correct: left alone
    ("ascii", "Back on patrol #NationalNightOut", "Back on patrol #NationalNightOut", False),
    ("repaired emoji", "Un Taxi 🇨🇴", "Un Taxi 🇨🇴", False),
    ("correct Latin-1 text", "Café olé", "Café olé", False),
    ("correct Polish", "artykuł", "artykuł", False),
    ("empty", "", "", False),
]


@pytest.mark.parametrize(
    ("raw", "expected", "changed"),
    [case[1:] for case in FIX_CASES],
    ids=[case[0] for case in FIX_CASES],
)
def test_fix(raw: str, expected: str, changed: bool) -> None:
    assert _meta.fix(raw) == (expected, changed)
    assert _meta.fix(expected) == (expected, False)  # idempotent


@given(unambiguous)
def test_repair_undoes_the_mojibake(text: str) -> None:
    assert _meta.fix(mojibake(text))[0] == text


@given(unambiguous)
def test_repair_is_idempotent_and_safe_on_repaired_text(text: str) -> None:
    assert _meta.fix(text) == (text, False)
    assert _meta.repair_tree(_meta.repair_tree(mojibake(text))) == text


def test_repair_tree_reaches_every_string_and_key() -> None:
    tree = {
        "title": mojibake("Caf\u00e9 \u2615"),
        mojibake("Privates Konto \u2713"): {"value": mojibake("\u00fc")},
        "media": [{"uri": mojibake("media/posts/\u00e9t\u00e9.jpg"), "n": 3, "ok": True}],
        "nothing": None,
        "x": 1.5,
    }
    assert _meta.repair_tree(tree) == {
        "title": "Café ☕",
        "Privates Konto ✓": {"value": "ü"},
        "media": [{"uri": "media/posts/été.jpg", "n": 3, "ok": True}],
        "nothing": None,
        "x": 1.5,
    }


@given(st.recursive(
    st.none() | st.booleans() | st.integers() | unambiguous,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(unambiguous, inner, max_size=3),
    max_leaves=8,
))
def test_repair_tree_round_trip(value: Any) -> None:
    broken = json.loads(json.dumps(value, ensure_ascii=False).encode().decode("latin-1"))
    assert _meta.repair_tree(broken) == value
    assert _meta.repair_tree(value) == value


# ---------------------------------------------------------------- timestamps


def test_utc() -> None:
    assert _meta.utc(1722801157, "$.t") == datetime(2024, 8, 4, 19, 52, 37, tzinfo=UTC)
    assert _meta.utc(None, "$.t") is None
    assert _meta.utc(msgspec.UNSET, "$.t") is None


@pytest.mark.parametrize("value", [10**18, -(10**18), 10**30])
def test_utc_out_of_range_is_positioned(value: int) -> None:
    # a wrong type never gets here: the schema refuses it (see the readers' tests)
    with pytest.raises(ParseError, match=r"at \$\.media\[0\]\.t: timestamp out of range") as info:
        _meta.utc(value, "$.media[0].t")
    assert info.value.path == "$.media[0].t"
    assert f"{value!r}" in str(info.value)


ISO_CASES = [
    ("2018-12-31T08:05:13", datetime(2018, 12, 31, 8, 5, 13, tzinfo=UTC), True),
    ("2018-12-31T08:05:13+01:00", datetime(2018, 12, 31, 7, 5, 13, tzinfo=UTC), False),
    ("2018-12-31T08:05:13Z", datetime(2018, 12, 31, 8, 5, 13, tzinfo=UTC), False),
]


@pytest.mark.parametrize(("text", "expected", "naive"), ISO_CASES)
def test_iso_time(text: str, expected: datetime, naive: bool) -> None:
    assert _meta.iso_time(fields({"taken_at": text}), "taken_at") == (expected, naive)


@pytest.mark.parametrize(
    "text", ["yesterday", "2018-13-01T00:00:00", "", "0001-01-01T00:00:00+01:00"]
)
def test_iso_time_rejects(text: str) -> None:
    with pytest.raises(ParseError, match="expected an ISO 8601 date and time"):
        _meta.iso_time(fields({"taken_at": text}), "taken_at")


# ---------------------------------------------------------------- media, places, ids

KIND_CASES: list[tuple[str, dict[str, Any] | None, MediaKind]] = [
    ("media/posts/202405/a.jpg", None, MediaKind.PHOTO),
    ("media/posts/202405/a.JPEG", None, MediaKind.PHOTO),
    ("media/posts/202207/a.webp", None, MediaKind.PHOTO),
    ("a.heic", None, MediaKind.PHOTO),
    ("a.png", None, MediaKind.PHOTO),
    ("a.mp4", None, MediaKind.VIDEO),
    ("a.MOV", None, MediaKind.VIDEO),
    ("a.m4a", None, MediaKind.AUDIO),
    ("https://example.com/v/a.mp4?x=1.jpg", None, MediaKind.VIDEO),
    # no extension: the metadata decides
    ("media/posts/202405/17890", {"video_metadata": {}}, MediaKind.VIDEO),
    ("media/posts/202405/17890", {"photo_metadata": {}}, MediaKind.PHOTO),
    ("media/posts/202405/17890", {"camera_metadata": {}}, MediaKind.OTHER),
    ("media/posts/202405/17890", None, MediaKind.OTHER),
    # the extension wins over the metadata
    ("a.jpg", {"video_metadata": {}}, MediaKind.PHOTO),
]


@pytest.mark.parametrize(("uri", "metadata", "kind"), KIND_CASES)
def test_media_kind(uri: str, metadata: dict[str, Any] | None, kind: MediaKind) -> None:
    meta = None if metadata is None else fields(metadata)
    assert _meta.media_kind(uri, meta) is kind
    # a typed media_metadata record, whose absent keys are UNSET, says the same
    typed = None if metadata is None else msgspec.convert(metadata, _TypedMetadata)
    assert _meta.media_kind(uri, typed) is kind


class _TypedMetadata(msgspec.Struct):
    photo_metadata: Any = msgspec.UNSET
    video_metadata: Any = msgspec.UNSET


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("media/posts/202207/296182505_n_17908919372611575.webp", "296182505_n_17908919372611575"),
        ("454093999_n_18047065138879510.jpg", "454093999_n_18047065138879510"),
        ("photos/201812/3e02b2be0d7abbdb7c2bae1fee544665.jpg", "3e02b2be0d7abbdb7c2bae1fee544665"),
        ("media/posts/202405/17890", "17890"),
        ("a.tar.gz", "a.tar"),
        (".hidden", ".hidden"),
        ("media/posts/", ""),
    ],
)
def test_stem(uri: str, expected: str) -> None:
    assert _meta.stem(uri) == expected


@pytest.mark.parametrize(
    ("latitude", "longitude", "expected"),
    [
        (53.141186112, 11.038734576, Coordinates(latitude=53.141186112, longitude=11.038734576)),
        (-90.0, 180.0, Coordinates(latitude=-90.0, longitude=180.0)),
        (0.0, 12.5, Coordinates(latitude=0.0, longitude=12.5)),
        # nothing known
        (None, 11.0, None),
        (53.0, None, None),
        (0.0, 0.0, None),
        # out of range
        (91.0, 11.0, None),
        (53.0, -180.5, None),
        (float("nan"), 1.0, None),
    ],
)
def test_coordinates(
    latitude: float | None, longitude: float | None, expected: Coordinates | None
) -> None:
    assert _meta.coordinates(latitude, longitude) == expected


def test_short_hash_is_stable_and_separates_parts() -> None:
    assert _meta.short_hash("1476291797", "Back on patrol") == "340fd6f9e2cf"
    assert _meta.short_hash("ab", "c") != _meta.short_hash("a", "bc")
    assert len(_meta.short_hash()) == 12


def test_part_number_orders_split_files() -> None:
    names = ["c/posts_10.json", "c/posts_2.json", "c/posts_1.json", "c/reels.json"]
    assert sorted(names, key=_meta.part_number) == [
        "c/reels.json", "c/posts_1.json", "c/posts_2.json", "c/posts_10.json",
    ]


def test_read_members_fails_a_bad_member_and_goes_on() -> None:
    def one(member: str) -> Any:
        if member == "bad":
            raise ParseError("invalid JSON", source=member)
        yield from ()

    ctx = Context(errors="collect")
    assert list(_meta.read_members(ctx, ["bad", "good"], one)) == []
    assert [e.source for e in ctx.errors] == ["bad"]

    with pytest.raises(ParseError, match="invalid JSON"):
        list(_meta.read_members(Context(errors="raise"), ["bad"], one))
