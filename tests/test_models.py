"""The domain model: construction, conversion, validation, value semantics."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit import strategies as eks

UTC = timezone.utc
WHEN = datetime(2024, 5, 2, 22, 47, tzinfo=UTC)


def post(**kwargs: Any) -> ek.Post:
    base: dict[str, Any] = {"id": "1", "platform": "instagram", "created_at": WHEN}
    base.update(kwargs)
    return ek.Post(**base)


# ---- conversions: cheap, idempotent reshaping ------------------------------------------

def test_sigils_are_stripped_once() -> None:
    assert ek.Hashtag(text="#StayCommitted").text == "StayCommitted"
    assert ek.Hashtag(text="＃Tag").text == "Tag"
    assert ek.Hashtag(text="##Tag").text == "#Tag"
    assert ek.Mention(handle="@springfieldpd").handle == "springfieldpd"
    assert ek.Cashtag(text="$AAPL").text == "AAPL"
    assert ek.Account(platform="twitter", handle="@x").handle == "x"


def test_strings_become_entities_in_posts() -> None:
    p = post(hashtags=["#CoffeeWithACop"], mentions=["@city"], links=["https://example.org"],
             cashtags=["$AAPL"])
    assert p.hashtags == (ek.Hashtag(text="CoffeeWithACop"),)
    assert p.mentions == (ek.Mention(handle="city"),)
    assert p.links == (ek.Link(url="https://example.org"),)
    assert p.cashtags == (ek.Cashtag(text="AAPL"),)


def test_text_is_nfc() -> None:
    assert post(text="Cafe\u0301").text == "Café"
    assert ek.Location(name="Cafe\u0301").name == "Café"


def test_enums_accept_their_values() -> None:
    p = post(platform="mastodon", visibility="direct", media=[ek.Media(kind="video", uri="a.mp4")])
    assert p.platform is ek.Platform.MASTODON
    assert p.visibility is ek.Visibility.DIRECT
    assert p.media[0].kind is ek.MediaKind.VIDEO


def test_created_at_is_normalized_to_utc() -> None:
    local = datetime(2024, 5, 2, 17, 47, tzinfo=timezone(timedelta(hours=-5)))
    p = post(created_at=local)
    assert p.created_at == WHEN
    assert p.created_at.tzinfo is UTC


def test_lists_become_tuples_and_country_upper() -> None:
    assert post(tagged=["Jane"]).tagged == ("Jane",)
    assert ek.Location(name="x", country="us").country == "US"
    assert ek.TextQuality(lost_spans=[[1, 3]]).lost_spans == ((1, 3),)


# ---- validation: bad values name the field and the value -------------------------------

INVALID = [
    # description, factory, field named in the error
    ("naive datetime", lambda: post(created_at=datetime(2024, 1, 1)), "Post.created_at"),
    ("empty id", lambda: post(id=""), "Post.id"),
    ("int id", lambda: post(id=17), "Post.id"),
    ("unknown platform", lambda: post(platform="myspace"), "Post.platform"),
    ("unknown visibility", lambda: post(visibility="secret"), "Post.visibility"),
    ("text not str", lambda: post(text=None), "Post.text"),
    ("a dict where a tuple belongs", lambda: post(hashtags={"a": 1}), "Post.hashtags"),
    ("a str where a tuple belongs", lambda: post(tagged="Jane"), "Post.tagged"),
    ("wrong item type", lambda: post(media=["a.jpg"]), "Post.media[0]"),
    ("extra with non-str keys", lambda: post(extra={1: 2}), "Post.extra[1]"),
    ("extra with a None key deep down", lambda: post(extra={"a": [{None: 1}]}),
     "Post.extra['a'][0][None]"),
    ("extra holding a datetime",
     lambda: post(extra={"when": datetime(2024, 1, 1, tzinfo=timezone.utc)}),
     "Post.extra['when']"),
    ("extra holding a tuple deep down", lambda: post(extra={"a": [1, {"b": (1, 2)}]}),
     "Post.extra['a'][1]['b']"),
    ("extra holding NaN", lambda: post(extra={"x": float("nan")}), "Post.extra['x']"),
    ("extra holding infinity", lambda: post(extra={"x": [float("-inf")]}), "Post.extra['x'][0]"),
    ("extra holding a set", lambda: post(extra={"x": {1}}), "Post.extra['x']"),
    ("extra holding bytes", lambda: post(extra={"cid": b"\x01"}), "Post.extra['cid']"),
    ("extra with an int key deep down", lambda: post(extra={"a": {2: 1}}), "Post.extra['a'][2]"),
    ("extra holding an int over 64 bits", lambda: post(extra={"n": 2**64}), "Post.extra['n']"),
    ("extra not a dict", lambda: post(extra=[1]), "Post.extra"),
    ("latitude 91", lambda: ek.Coordinates(latitude=91, longitude=0), "Coordinates.latitude"),
    ("longitude -180.5", lambda: ek.Coordinates(latitude=0, longitude=-180.5),
     "Coordinates.longitude"),
    ("NaN latitude", lambda: ek.Coordinates(latitude=float("nan"), longitude=0),
     "Coordinates.latitude"),
    ("bool latitude", lambda: ek.Coordinates(latitude=True, longitude=0), "Coordinates.latitude"),
    ("three-letter country", lambda: ek.Location(name="x", country="USA"), "Location.country"),
    ("unassigned country", lambda: ek.Location(name="x", country="XX"), "Location.country"),
    ("empty place name", lambda: ek.Location(name=""), "Location.name"),
    ("negative likes", lambda: ek.Engagement(likes=-1), "Engagement.likes"),
    ("likes past 64 bits", lambda: ek.Engagement(likes=2**63), "Engagement.likes"),
    ("a span past 64 bits", lambda: ek.Hashtag(text="a", start=0, end=2**64), "Hashtag.start/end"),
    ("bool views", lambda: ek.Engagement(views=True), "Engagement.views"),
    ("float comments", lambda: ek.Engagement(comments=1.0),  # type: ignore[arg-type]
     "Engagement.comments"),
    ("empty hashtag", lambda: ek.Hashtag(text="#"), "Hashtag.text"),
    ("span end before start", lambda: ek.Hashtag(text="a", start=5, end=2), "Hashtag.start/end"),
    ("half a span", lambda: ek.Mention(handle="a", start=1), "Mention.start/end"),
    ("negative start", lambda: ek.Link(url="u", start=-1, end=2), "Link.start"),
    ("empty handle", lambda: ek.Account(platform="twitter", handle="@"), "Account.handle"),
    ("unknown media kind", lambda: ek.Media(kind="gif", uri="a.gif"), "Media.kind"),
    ("negative lost glyphs", lambda: ek.TextQuality(lost_glyphs=-2), "TextQuality.lost_glyphs"),
    ("bad lost span", lambda: ek.TextQuality(lost_spans=[(3, 1)]), "TextQuality.lost_spans[0]"),
    ("officer agency of wrong type",
     lambda: ek.Officer(name="A", agency="PD"),  # type: ignore[arg-type]
     "Officer.agency"),
]


@pytest.mark.parametrize(("description", "make", "field"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_values_raise_validation_error(description: str, make: Any, field: str) -> None:
    with pytest.raises(ek.ValidationError) as info:
        make()
    assert info.value.field == field
    assert isinstance(info.value, ValueError)
    assert field in str(info.value)


# ---- value semantics -------------------------------------------------------------------

def test_frozen_and_evolve() -> None:
    p = post(text="a")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.text = "b"  # type: ignore[misc]
    q = attrs.evolve(p, text="b")
    assert (p.text, q.text) == ("a", "b")


def test_derived_values_are_not_fields() -> None:
    names = {f.name for f in attrs.fields(ek.Hashtag)}
    assert names == {"text", "start", "end"}


def test_location_and_people_slugs() -> None:
    loc = ek.Location(name="North Little Rock", locality="North Little Rock", region="AR",
                      country="US")
    assert loc.slug == "us-ar-north-little-rock"
    assert ek.Agency(name="Springfield Police Department").slug == "springfield-police-department"
    assert ek.Officer(name="Jordan Reyes", rank="Sergeant").slug == "jordan-reyes"


def test_mention_and_account_keys_ignore_case() -> None:
    assert ek.Mention(handle="Salvini").key == ek.Mention(handle="salvini").key
    a = ek.Account(platform="twitter", handle="CityPD")
    assert a.key == (ek.Platform.TWITTER, "citypd")


def test_engagement_unknown_is_not_zero() -> None:
    assert ek.Engagement().likes is None
    assert ek.Engagement(likes=0) != ek.Engagement()


@given(eks.posts())
def test_posts_compare_by_value_and_pickle(p: ek.Post) -> None:
    copy = attrs.evolve(p)
    assert copy == p
    assert copy is not p
    assert pickle.loads(pickle.dumps(p)) == p
    assert p.created_at.tzinfo is UTC


@given(eks.hashtags())
def test_hashtags_are_hashable_values(tag: ek.Hashtag) -> None:
    assert hash(tag) == hash(attrs.evolve(tag))
    assert tag.key == ek.Hashtag(text=tag.text).key


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.text(max_size=5)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=3),
    max_leaves=8)


@given(_JSON_VALUES)
def test_extra_keeps_any_json_value_through_a_document(value: Any) -> None:
    """Whatever ``extra`` accepts, a document gives back equal, with the same types."""
    before = post(extra={"v": value})
    after = ek.loads(ek.dumps(before), ek.Post)
    assert after == before
    assert repr(after.extra) == repr(before.extra)  # 1 stays 1, 1.0 stays 1.0



_TEXT = st.characters(codec="utf-8")  # no lone surrogates, which orjson refuses to write
_ANY_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(_TEXT, max_size=5) | st.floats()
    | st.binary(max_size=2) | st.datetimes() | st.frozensets(st.integers(), max_size=2),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner)
    | st.dictionaries(st.text(max_size=4) | st.integers() | st.none(), inner, max_size=3),
    max_leaves=10)


@given(_ANY_VALUES)
def test_extra_takes_exactly_the_json_values_and_names_the_first_other(value: Any) -> None:
    """A value is refused exactly when it holds something JSON would not give back; the error
    names where, under the key it was given."""
    if _is_plain_json(value):
        assert post(extra={"v": value}).extra == {"v": value}
    else:
        with pytest.raises(ek.ValidationError) as caught:
            post(extra={"v": value})
        assert str(caught.value.field).startswith("Post.extra['v']")


def _is_plain_json(value: Any) -> bool:
    """The test's own statement of plain JSON: orjson writes it and reads back equal values of
    the same types (a 64-bit int, a finite float, str keys, lists not tuples)."""
    try:
        text = orjson.dumps(value)
    except TypeError:
        return False
    return repr(orjson.loads(text)) == repr(value)
