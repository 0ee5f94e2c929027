"""The strict converter: wrong types are errors with JSON paths, fast and reference paths agree."""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from typing import Any, Literal

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit import strategies as eks
from engagekit.io import converter, make_converter
from engagekit.io._converter import structure

WHEN = datetime(2024, 5, 2, 22, 47, tzinfo=timezone.utc)
GOOD: dict[str, Any] = orjson.loads(ek.dumps(ek.Post(
    id="1", platform="instagram", created_at=WHEN, text="hi #x",
    hashtags=[ek.Hashtag(text="x", start=3, end=5)],
    media=[ek.Media(kind="photo", uri="a.jpg", created_at=WHEN)],
    location=ek.Location(name="Park", country="US",
                         coordinates=ek.Coordinates(latitude=1.5, longitude=2.5)),
    engagement=ek.Engagement(likes=3), extra={"k": [1]},
)))["data"]


def mutate(path: list[Any], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


BAD: list[tuple[str, list[Any], Any, str, str]] = [
    # description, path to change, new value, expected JSON path, words in the message
    ("null id does not become 'None'", ["id"], None, "$.id", "expected str"),
    ("int id is not converted", ["id"], 17, "$.id", "expected str"),
    ("string int is not converted", ["hashtags", 0, "start"], "3", "$.hashtags[0].start",
     "expected int"),
    ("a string is not a list of characters", ["tagged"], "abc", "$.tagged", "expected a list"),
    ("float count is not truncated", ["engagement", "likes"], 1.5, "$.engagement.likes",
     "expected int"),
    ("bool count", ["engagement", "likes"], True, "$.engagement.likes", "expected int"),
    ("latitude out of range", ["location", "coordinates", "latitude"], 91,
     "$.location.coordinates.latitude", "from -90 to 90"),
    ("unknown key", ["bogus"], 1, "$", "unknown key(s) 'bogus'"),
    ("unknown nested key", ["location", "zip"], "72114", "$.location", "unknown key(s) 'zip'"),
    ("missing required key", ["created_at"], KeyError, "$.created_at", "required key"),
    ("naive date-time", ["created_at"], "2024-05-02T22:47:00", "$.created_at", "UTC offset"),
    ("not a date-time", ["created_at"], "yesterday", "$.created_at", "RFC 3339"),
    ("unknown enum value", ["platform"], "myspace", "$.platform", "expected one of"),
    ("bad nested date", ["media", 0, "created_at"], 5, "$.media[0].created_at", "RFC 3339"),
    ("bad span", ["hashtags", 0, "end"], 1, "$.hashtags[0]", "start <= end"),
    ("object where a list belongs", ["media"], {"kind": "photo"}, "$.media", "expected a list"),
    ("list where an object belongs", ["location"], [], "$.location", "expected an object"),
    ("null where an object belongs", ["engagement"], None, "$.engagement", "expected an object"),
    ("str where an object belongs", ["hashtags", 0], "x", "$.hashtags[0]", "expected an object"),
    ("bad country", ["location", "country"], "USA", "$.location.country", "ISO 3166"),
    ("null where a list belongs", ["hashtags"], None, "$.hashtags", "expected a list, got None"),
    ("null extra", ["extra"], None, "$.extra", "expected an object, got None"),
    ("list extra", ["extra"], [1], "$.extra", "expected an object, got [1]"),
]


@pytest.mark.parametrize(("description", "path", "value", "where", "words"), BAD,
                         ids=[c[0] for c in BAD])
def test_wrong_values_are_parse_errors_with_paths(
    description: str, path: list[Any], value: Any, where: str, words: str
) -> None:
    with pytest.raises(ek.ParseError) as info:
        structure(mutate(path, value), ek.Post, source="f.jsonl", record=7)
    err = info.value
    assert (err.source, err.record, err.path) == ("f.jsonl", 7, where)
    assert words in err.message


def test_several_problems_are_all_reported() -> None:
    data = mutate(["id"], None)
    data["lang"] = 5
    with pytest.raises(ek.ParseError) as info:
        structure(data, ek.Post)
    assert "$.lang" in info.value.message


def test_make_converter_returns_independent_converters() -> None:
    a, b = make_converter(), make_converter()
    assert a is not b
    assert a.structure(GOOD, ek.Post) == converter.structure(GOOD, ek.Post)


@pytest.mark.parametrize(("value", "message"), [
    ("csv", "expected one of 'json', 'space', got 'csv' (str)"),
    (1, "expected one of 'json', 'space', got 1 (int)"),
])
def test_a_literal_takes_only_its_values(value: Any, message: str) -> None:
    lists: Any = Literal["json", "space"]
    assert structure("json", lists) == "json"
    with pytest.raises(ek.ParseError) as caught:
        structure(value, lists, source="columns.toml")
    assert str(caught.value) == f"columns.toml: {message}"


def test_structure_accepts_python_values() -> None:
    p = converter.structure(GOOD, ek.Post)
    assert converter.structure(converter.unstructure(p), ek.Post) == p


# ---- the generated fast path must agree with the cattrs reference path ----------------

MODELS = [ek.Post, ek.Hashtag, ek.Mention, ek.Link, ek.Cashtag, ek.Emoji, ek.Location,
          ek.Coordinates, ek.Account, ek.Agency, ek.Officer, ek.Media, ek.Engagement,
          ek.TextQuality]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | st.floats(allow_nan=False)
    | st.text(max_size=5) | st.sampled_from(["instagram", "photo", "2024-01-01T00:00:00Z", "#x"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                  max_size=3),
    max_leaves=6,
)


def _agree(data: Any, cls: type[Any]) -> None:
    hook: Any = converter.get_structure_hook(cls)
    try:
        expected = hook.reference(copy.deepcopy(data), cls)
    except Exception:  # noqa: BLE001 - any failure of the reference means "reject"
        expected = None
    try:
        fast = hook.fast(copy.deepcopy(data))
    except Exception:  # noqa: BLE001
        fast = None
    if expected is None:
        assert fast is None, f"fast path accepted what the reference rejects: {data!r}"
    else:
        # The fast path may decline (the reference then decides) but never disagree.
        assert fast is None or fast == expected
        assert hook(copy.deepcopy(data), cls) == expected


@given(eks.posts(), st.data())
def test_fast_and_reference_agree_on_mutated_posts(p: ek.Post, data: st.DataObject) -> None:
    doc = converter.unstructure(p)
    doc = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in doc.items()}
    _agree(doc, ek.Post)
    key = data.draw(st.sampled_from([*sorted(doc), "bogus"]))
    doc[key] = data.draw(json_values)
    _agree(doc, ek.Post)


@pytest.mark.parametrize("cls", MODELS, ids=[m.__name__ for m in MODELS])
@given(data=st.data())
def test_fast_and_reference_agree_on_random_objects(cls: type[Any], data: st.DataObject) -> None:
    fields = [f.name for f in attrs.fields(cls)]
    doc = data.draw(st.dictionaries(st.sampled_from(fields), json_values, max_size=len(fields)))
    _agree(doc, cls)


@given(eks.posts())
def test_fast_path_takes_every_valid_document(p: ek.Post) -> None:
    hook: Any = converter.get_structure_hook(ek.Post)
    assert hook.fast(converter.unstructure(p)) == p


def test_constructor_takes_what_init_takes_and_checks_it() -> None:
    from engagekit.io._converter import constructor

    make = constructor(ek.Post)
    fields: dict[str, Any] = {
        "id": "1", "platform": ek.Platform.TWITTER, "created_at": WHEN, "text": "#x",
        "author": ek.Account(platform="twitter", handle="a"),
        "hashtags": (ek.Hashtag(text="x", start=0, end=2),),
        "media": [ek.Media(kind="photo", uri="a.jpg")],
    }
    assert make(**fields) == ek.Post(**fields)
    with pytest.raises(ek.ValidationError) as info:
        make(**{**fields, "hashtags": (ek.Hashtag(text="x"), 5)})
    assert info.value.field == "Post.hashtags[1]"
    with pytest.raises(ek.ValidationError) as info:
        make(**{**fields, "created_at": datetime(2024, 1, 1)})
    assert info.value.field == "Post.created_at"
    # JSON shapes are the converter's business (loads), never the constructor's
    with pytest.raises(ek.ValidationError) as info:
        make(**{**fields, "media": [{"kind": "photo", "uri": "a.jpg"}]})
    assert info.value.field == "Post.media[0]"
    with pytest.raises(ek.ValidationError) as info:
        make(**{**fields, "created_at": "2024-01-01T00:00:00Z"})
    assert info.value.field == "Post.created_at"


@given(eks.posts())
def test_constructor_equals_init(p: ek.Post) -> None:
    from engagekit.io._converter import constructor

    fields = {f.name: getattr(p, f.name) for f in attrs.fields(ek.Post)}
    assert constructor(ek.Post)(**fields) == ek.Post(**fields) == p


BAD_CONSTRUCTIONS: list[Any] = [
    lambda c: c(ek.Post)(id="", platform="twitter", created_at=WHEN),
    lambda c: c(ek.Post)(id="1", platform="myspace", created_at=WHEN),
    lambda c: c(ek.Post)(id="1", platform="twitter", created_at=datetime(2024, 1, 1)),
    lambda c: c(ek.Post)(id="1", platform="twitter", created_at=WHEN, hashtags=("x", 1)),
    lambda c: c(ek.Coordinates)(latitude=91, longitude=0),
    lambda c: c(ek.Media)(kind="photo", uri="a.jpg", width=-1),
]


@pytest.mark.parametrize("make", BAD_CONSTRUCTIONS)
def test_constructor_refuses_what_init_refuses(make: Any) -> None:
    from engagekit.io._converter import constructor

    with pytest.raises(ek.ValidationError):
        make(constructor)
