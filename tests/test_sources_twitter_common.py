"""Tests for engagekit.sources._twitter.common: escaped text, dates, ids, entities, places."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.errors import ParseError
from engagekit.models import Cashtag, Hashtag, MediaKind, Mention, Visibility
from engagekit.sources._engine.base import Context
from engagekit.sources._engine.fields import Fields
from engagekit.sources._twitter.common import (
    Entities,
    Unescaped,
    classic_date,
    count,
    id_string,
    snowflake_date,
    source_name,
    span_pair,
    superseded,
    twitter_text,
)
from engagekit.sources._twitter.objects import (
    author_account,
    media_kind,
    place_location,
    point,
)
from engagekit.sources._twitter.status import status_media
from tests.fuzz._core import deadline


def fields(data: dict[str, Any]) -> Fields:
    return Fields(data, source="t.json", record=3)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- Unescaped ------------------------------------------------------------------------------

UNESCAPE_CASES = [
    # (escaped, text)
    ("plain", "plain"),
    ("Tom &amp; Jerry", "Tom & Jerry"),
    ("&lt;3 &gt;&gt; you", "<3 >> you"),
    ("&amp;amp; stays one level", "&amp; stays one level"),
    # only the three entities X produces are decoded
    ("&quot;quoted&quot; &#39;x&#39; &copy", "&quot;quoted&quot; &#39;x&#39; &copy"),
    ("&amp", "&amp"),
    ("🎉&amp;🎉", "🎉&🎉"),
]


@pytest.mark.parametrize(("escaped", "text"), UNESCAPE_CASES)
def test_unescape(escaped: str, text: str) -> None:
    assert Unescaped(escaped).text == text


def test_offsets_after_escapes() -> None:
    u = Unescaped("A &amp; B &lt;3 #Tag")
    assert u.text == "A & B <3 #Tag"
    assert u.span(16, 20) == (9, 13)
    assert u.text[9:13] == "#Tag"
    assert u.offset(2) == 2  # the escape itself starts where "&" is
    assert u.offset(7) == 3  # just after "&amp;"
    assert u.offset(4) is None  # inside "&amp;"
    assert u.offset(-1) is None
    assert u.offset(21) is None
    assert u.span(5, 3) is None


@given(st.lists(st.sampled_from([*"ab&<>#🎉 ", "&amp;", "&lt"]), max_size=30).map("".join))
def test_every_boundary_maps_back(text: str) -> None:
    escaped = escape(text)
    u = Unescaped(escaped)
    assert u.text == text
    # walk the text: each character's escaped start maps onto its own index
    pos = 0
    for i, ch in enumerate(text):
        assert u.offset(pos) == i
        pos += len(escape(ch))
    assert u.offset(pos) == len(text)
    assert pos == len(escaped)


# --- dates, ids, counts ---------------------------------------------------------------------

DATE_CASES = [
    ("Thu Nov 03 08:50:26 +0000 2022", datetime(2022, 11, 3, 8, 50, 26, tzinfo=UTC)),
    ("Wed Oct 10 20:19:24 +0000 2018", datetime(2018, 10, 10, 20, 19, 24, tzinfo=UTC)),
    ("Sat Aug 05 18:00:00 +0530 2023", datetime(2023, 8, 5, 12, 30, tzinfo=UTC)),
    ("Mon Jan 01 00:30:00 -0100 2024", datetime(2024, 1, 1, 1, 30, tzinfo=UTC)),
]


@pytest.mark.parametrize(("value", "expected"), DATE_CASES)
def test_classic_date(value: str, expected: datetime) -> None:
    when = classic_date(fields({"created_at": value}), "created_at")
    assert when == expected
    assert when.tzinfo is UTC


@pytest.mark.parametrize(
    "value",
    [
        "2022-11-03T08:50:26Z",  # ISO is not the classic form
        "Thu Nov 03 08:50:26 2022",  # no offset
        "jeu. nov. 03 08:50:26 +0000 2022",  # localized names are never produced
        "Thu Foo 03 08:50:26 +0000 2022",
        "Thu Feb 30 08:50:26 +0000 2022",  # no such day
        "Thu Nov 03 25:50:26 +0000 2022",
    ],
)
def test_classic_date_rejects(value: str) -> None:
    with pytest.raises(ParseError, match=r"t\.json: record 3 \(0-based\) at \$\.created_at"):
        classic_date(fields({"created_at": value}), "created_at")


def test_classic_date_wrong_type() -> None:
    with pytest.raises(ParseError, match="expected str"):
        classic_date(fields({"created_at": 1667465426}), "created_at")



def test_snowflake_date_matches_created_at() -> None:
    # ids and created_at of two licensed reference tweets (twarc geo_tweets and two_tweets)
    for post_id, created in [
        ("1249702384659554308", datetime(2020, 4, 13, 14, 14, 1, tzinfo=UTC)),
        ("1394735776701816833", datetime(2021, 5, 18, 19, 24, 56, tzinfo=UTC)),
    ]:
        when = snowflake_date(post_id)
        assert when is not None
        assert when.replace(microsecond=0) == created
    assert snowflake_date("12345") is None  # pre-2010 sequential id
    assert snowflake_date("abc") is None
    assert snowflake_date("9" * 20) is None  # beyond any datetime


def test_counts_and_pairs() -> None:
    f = fields({"a": "12", "b": 7, "c": "lots", "d": "9" * 30, "i": ["3", "10"], "j": [1, 2, 3]})
    assert count(f, "a") == 12
    assert count(f, "b") == 7
    assert count(f, "x") is None
    assert count(None, "a") is None
    with pytest.raises(ParseError, match=r"\$\.c: expected an integer string"):
        count(f, "c")
    with pytest.raises(ParseError, match=r"\$\.d"):
        count(f, "d")
    assert span_pair(f, "i") == (3, 10)
    with pytest.raises(ParseError, match=r"\$\.j: expected \[start, end\]"):
        span_pair(f, "j")
    with pytest.raises(ParseError, match=r"\$\.i\.start"):
        span_pair(fields({"i": [None, "2"]}), "i")


def test_id_string_never_uses_a_rounded_number() -> None:
    # the v1.1 trap: "id" went through a float, "id_str" is exact
    f = fields({"id": 1169246717864136700, "id_str": "1169246717864136705"})
    assert id_string(f, "id") == "1169246717864136705"
    assert id_string(fields({"id": "1588091216589750272"}), "id") == "1588091216589750272"
    assert id_string(fields({"id": 42}), "id") == "42"  # small ints are exact
    with pytest.raises(ParseError, match="may be rounded"):
        id_string(fields({"id": 1169246717864136700}), "id")
    assert id_string(fields({}), "in_reply_to_status_id") is None


def test_source_name() -> None:
    html = '<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>'
    assert source_name(html) == "Twitter for iPhone"
    assert source_name("Twitter Web App") == "Twitter Web App"
    assert source_name('<a href="x">Tom &amp; Co</a>') == "Tom & Co"
    assert source_name(None) is None
    assert source_name("") is None


@pytest.mark.parametrize("value", ["<a>" * 40_000, "<a " * 40_000, "<a x>" + "b" * 120_000])
def test_source_name_of_a_long_value_without_a_closing_tag_is_linear(value: str) -> None:
    with deadline(5):  # a hang guard: quadratic took about 40 s here
        assert source_name(value) == value.strip()


def test_superseded() -> None:
    assert superseded("1", ["1", "2"])
    assert not superseded("2", ["1", "2"])
    assert not superseded("1", [])
    assert not superseded("1", [None, 5, "²", "9" * 5000])
    assert not superseded("9" * 5000, ["1"])


# --- entities -------------------------------------------------------------------------------


def test_entities_checked_against_the_unescaped_text() -> None:
    escaped = "Q&amp;A 🎉 #Safety @officerReyes $SPFD https://t.co/x1"
    ents = Entities(Unescaped(escaped))
    ents.hashtag("Safety", (10, 17))
    ents.mention("OfficerReyes", (18, 31), "22")  # case differs from the text: still a match
    ents.cashtag("SPFD", (32, 37))
    ents.link("https://t.co/x1", "https://example.org", (38, 53))
    ents.link("https://t.co/x1", "https://example.org/photo/2", (38, 53))  # media share a link
    text = ents.source.text
    assert text == "Q&A 🎉 #Safety @officerReyes $SPFD https://t.co/x1"
    found: list[Hashtag | Mention | Cashtag] = [*ents.hashtags, *ents.mentions, *ents.cashtags]
    got = [text[e.start : e.end] for e in found]
    assert got == ["#Safety", "@officerReyes", "$SPFD"]
    assert [(lk.start, lk.end) for lk in ents.links] == [(34, 49)]
    assert ents.mismatches == []


def test_entity_mismatch_keeps_the_entity_without_span() -> None:
    # UTF-16 offsets (the astral emoji counted twice) do not line up with code points
    escaped = "🎉🎉 #Party"
    ents = Entities(Unescaped(escaped))
    ents.hashtag("Party", (5, 11))  # UTF-16 units
    ents.hashtag("Party", (3, 9))  # code points
    ents.mention("nobody", (0, 2), None)
    ents.hashtag("Party", None)  # no offsets given: not a mismatch
    assert [(h.start, h.end) for h in ents.hashtags] == [(None, None), (3, 9), (None, None)]
    assert ents.mismatches == [
        {"kind": "hashtag", "value": "Party", "start": 5, "end": 11},
        {"kind": "mention", "value": "nobody", "start": 0, "end": 2},
    ]
    ctx = Context(errors="collect")
    extra: dict[str, object] = {}
    text = twitter_text(ctx, ents, extra)
    assert extra["entity_mismatches"] == ents.mismatches
    assert ctx.skipped["entity-mismatch"] == 2
    assert text["text"] == "🎉🎉 #Party"
    assert text["hashtags"][1].start == 3


def test_full_width_sigils_match() -> None:
    ents = Entities(Unescaped("＃Policía ＠Reyes"))
    ents.hashtag("Policía", (0, 8))
    ents.mention("Reyes", (9, 15), None)
    assert not ents.mismatches


# --- media, places, authors -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind"),
    [("photo", MediaKind.PHOTO), ("video", MediaKind.VIDEO), ("animated_gif", MediaKind.VIDEO),
     ("hologram", MediaKind.OTHER), (None, MediaKind.OTHER)],
)
def test_media_kind(value: str | None, kind: MediaKind) -> None:
    assert media_kind(value) is kind


def test_status_media_picks_the_best_mp4() -> None:
    video = fields({
        "type": "animated_gif",
        "media_url_https": "https://pbs.twimg.com/thumb.jpg",
        "original_info": {"width": 480, "height": 270},
        "video_info": {"variants": [
            {"bitrate": "0", "content_type": "video/mp4", "url": "https://video.example/a.mp4"},
            {"content_type": "application/x-mpegURL", "url": "https://video.example/a.m3u8"},
        ]},
    })
    media = status_media(video)
    assert (media.kind, media.uri, media.width, media.height) == (
        MediaKind.VIDEO, "https://video.example/a.mp4", 480, 270)
    assert media.duration is None
    with pytest.raises(ParseError, match="media_url_https"):
        status_media(fields({"type": "photo"}))


def test_point_orders() -> None:
    f = fields({
        "coordinates": {"type": "Point", "coordinates": [-89.65, 39.78]},  # GeoJSON [lon, lat]
        "geo": {"type": "Point", "coordinates": [39.78, -89.65]},  # v1.1 legacy [lat, lon]
        "bad": {"coordinates": [200.0, 10.0]},
        "odd": {"coordinates": ["1", "2"]},
    })
    a = point(f, "coordinates")
    b = point(f, "geo", lat_first=True)
    assert a == b
    assert a is not None
    assert (a.latitude, a.longitude) == (39.78, -89.65)
    assert point(f, "missing") is None
    with pytest.raises(ParseError, match=r"\$\.bad\.coordinates: coordinates .* out of range"):
        point(f, "bad")
    with pytest.raises(ParseError, match="expected a pair of numbers"):
        point(f, "odd")


def test_place_location() -> None:
    extra: dict[str, Any] = {}
    place = fields({"id": "p1", "full_name": "Pristina, Kosovo", "name": "Pristina",
                    "place_type": "city", "country_code": "XK"})
    loc = place_location(place, None, extra, [1, 2, 3, 4])
    assert loc is not None
    assert (loc.name, loc.locality, loc.country, loc.id) == (
        "Pristina, Kosovo", "Pristina", None, "p1")
    # XK is what X uses for Kosovo; it is not an ISO code, so it goes to extra
    assert extra == {"country_code": "XK", "place_type": "city", "place_bbox": [1, 2, 3, 4]}
    extra = {}
    assert place_location(fields({"id": "p2"}), None, extra, None) is None
    assert extra == {"place_id": "p2"}
    assert place_location(None, None, {}, None) is None


def test_author_account_and_visibility() -> None:
    user = fields({"id": "9", "username": "SpringfieldPD", "name": "Springfield PD",
                   "protected": True})
    account, visibility = author_account(user, "username")
    assert account is not None
    assert (account.handle, account.id, account.display_name) == (
        "SpringfieldPD", "9", "Springfield PD")
    assert visibility is Visibility.FOLLOWERS
    assert author_account(None, "username") == (None, Visibility.UNKNOWN)
    _, visibility = author_account(fields({"screen_name": "a", "protected": False}), "screen_name")
    assert visibility is Visibility.PUBLIC
