"""engagekit.io.json and engagekit.io.jsonl: round trips, schema versions, golden files, errors."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit import strategies as eks
from engagekit.io._schema import migrate
from tests.aggregate._laws import crowded_posts

GOLDEN = Path(__file__).parent / "golden"

MODEL_STRATEGIES = [
    eks.posts(), eks.hashtags(), eks.mentions(), eks.links(), eks.cashtags(), eks.emoji(),
    eks.coordinates(), eks.locations(), eks.accounts(), eks.agencies(), eks.officers(),
    eks.media(), eks.engagements(), eks.text_qualities(),
]


@given(st.one_of(MODEL_STRATEGIES))
def test_dumps_loads_round_trip(value: Any) -> None:
    assert ek.loads(ek.dumps(value), type(value)) == value


@given(st.lists(eks.posts(), max_size=5))
def test_jsonl_round_trip(posts: list[ek.Post]) -> None:
    buf = io.BytesIO()
    assert ek.write_jsonl(posts, buf) == len(posts)
    buf.seek(0)
    assert list(ek.read_jsonl(buf)) == posts


@given(st.lists(eks.locations(), min_size=1, max_size=3))
def test_jsonl_of_other_models(places: list[ek.Location]) -> None:
    buf = io.BytesIO()
    ek.write_jsonl(places, buf)
    buf.seek(0)
    assert list(ek.read_jsonl(buf, ek.Location)) == places


def test_derived_values_are_not_serialized() -> None:
    data = orjson.loads(ek.dumps(ek.Hashtag(text="StayCommitted")))
    assert data == {"engagekit": 2, "type": "Hashtag", "data": {"text": "StayCommitted"}}


# ---- golden files of schema version 1: they must load forever -------------------------

def test_golden_v1_post() -> None:
    post = ek.loads((GOLDEN / "v1" / "post.json").read_bytes(), ek.Post)
    assert post.id == "3300000000000000001"
    assert post.created_at.isoformat() == "2024-05-02T22:47:08+00:00"
    assert [h.key for h in post.hashtags] == ["communitypolicing", "staycommitted"]
    assert post.text[post.hashtags[0].start:post.hashtags[0].end] == "#CommunityPolicing"
    assert post.officer is not None
    assert post.officer.agency is not None
    assert post.officer.agency.slug == "springfield-police-department"
    assert post.location is not None
    assert post.location.coordinates is not None
    assert post.location.coordinates.latitude == 39.7817
    assert post.engagement == ek.Engagement(likes=212, comments=14)
    assert post.quality.lost_glyphs == 6


def test_golden_v1_jsonl_and_officer() -> None:
    posts = list(ek.read_jsonl(GOLDEN / "v1" / "posts.jsonl"))
    assert [p.platform for p in posts] == [ek.Platform.INSTAGRAM, ek.Platform.BLUESKY]
    assert posts[0] == ek.loads((GOLDEN / "v1" / "post.json").read_bytes(), ek.Post)
    assert posts[1].visibility is ek.Visibility.UNLISTED
    assert posts[1].links[0].target == "https://example.org/rodeo?utm=x"
    officer = ek.loads((GOLDEN / "v1" / "officer.json").read_bytes(), ek.Officer)
    assert officer.accounts[0].handle == "SgtReyesSPD"


# ---- documents and headers -------------------------------------------------------------

BAD_DOCUMENTS = [
    # description, bytes, expected path, words
    ("not JSON", b"{", None, "invalid JSON"),
    ("not an envelope", b'{"id": "1"}', "$", "engagekit document"),
    ("wrong type", b'{"engagekit":1,"type":"Hashtag","data":{"text":"x"}}', "$.type",
     "expected a Post"),
    ("unknown type", b'{"engagekit":1,"type":"Tweet","data":{}}', "$.type", "unknown document"),
    ("newer schema", b'{"engagekit":99,"type":"Post","data":{}}', "$.engagekit", "up to 2"),
    ("bad version", b'{"engagekit":"1","type":"Post","data":{}}', "$.engagekit", "schema version"),
    ("data not an object", b'{"engagekit":1,"type":"Post","data":[]}', "$.data", "object"),
    ("bad field", b'{"engagekit":1,"type":"Post","data":{"id":1,"platform":"other",'
     b'"created_at":"2024-01-01T00:00:00Z"}}', "$.data.id", "expected str"),
    ("extra not an object", b'{"engagekit":2,"type":"Post","data":{"id":"1","platform":"other",'
     b'"created_at":"2024-01-01T00:00:00Z","extra":[1]}}', "$.data.extra",
     "expected an object, got [1] (list)"),
]


@pytest.mark.parametrize(("description", "data", "path", "words"), BAD_DOCUMENTS,
                         ids=[c[0] for c in BAD_DOCUMENTS])
def test_bad_documents(description: str, data: bytes, path: str | None, words: str) -> None:
    with pytest.raises(ek.ParseError) as info:
        ek.loads(data, ek.Post, source="doc.json")
    assert info.value.path == path
    assert info.value.source == "doc.json"
    assert words in info.value.message


def test_dumps_refuses_foreign_objects() -> None:
    with pytest.raises(TypeError):
        ek.dumps({"id": "1"})


HEADER = b'{"engagekit":1,"type":"Post"}\n'
LINE = (b'{"id":"1","platform":"twitter","created_at":"2024-01-01T00:00:00Z"}\n')

BAD_FILES = [
    ("empty file", b"", None, None, "empty file"),
    ("no header", LINE, None, "$", "header"),
    ("header of another type", b'{"engagekit":1,"type":"Location"}\n' + LINE, None, "$.type",
     "Post records"),
    ("newer schema", b'{"engagekit":3,"type":"Post"}\n' + LINE, None, "$.engagekit", "up to 2"),
    ("bad JSON in record 1", HEADER + LINE + b"{oops\n", 1, None, "invalid JSON on line 3"),
    ("array record", HEADER + b"[1]\n", 0, "$", "expected an object"),
    ("unknown key in record 2", HEADER + LINE + b"\n" + LINE + LINE.replace(b"}", b',"x":1}'), 2,
     "$", "unknown key(s) 'x'"),
    ("wrong type", HEADER + LINE.replace(b'"1"', b"1"), 0, "$.id", "expected str"),
]


@pytest.mark.parametrize(("description", "data", "record", "path", "words"), BAD_FILES,
                         ids=[c[0] for c in BAD_FILES])
def test_bad_jsonl(description: str, data: bytes, record: int | None, path: str | None,
                   words: str, tmp_path: Path) -> None:
    file = tmp_path / "posts.jsonl"
    file.write_bytes(data)
    with pytest.raises(ek.ParseError) as info:
        list(ek.read_jsonl(file))
    err = info.value
    assert (err.source, err.record, err.path) == (str(file), record, path)
    assert words in err.message


def test_read_jsonl_streams() -> None:
    posts = ek.read_jsonl(io.BytesIO(HEADER + LINE + b"not json\n"))
    assert next(posts).id == "1"  # the bad line is not read yet
    with pytest.raises(ek.ParseError):
        next(posts)


def test_blank_lines_are_not_records() -> None:
    posts = list(ek.read_jsonl(io.BytesIO(b"\n" + HEADER + b"\n" + LINE + b"\n\n" + LINE)))
    assert len(posts) == 2


def test_a_bom_before_the_header_is_not_data() -> None:
    bom = b"\xef\xbb\xbf"
    assert [p.id for p in ek.read_jsonl(io.BytesIO(bom + HEADER + LINE))] == ["1"]
    with pytest.raises(ek.ParseError, match="invalid JSON on line 2"):  # only the file's start
        list(ek.read_jsonl(io.BytesIO(HEADER + bom + LINE)))


def test_write_jsonl_is_atomic(tmp_path: Path) -> None:
    dest = tmp_path / "posts.jsonl"
    dest.write_bytes(b"old")
    good = ek.loads((GOLDEN / "v1" / "post.json").read_bytes(), ek.Post)

    def items() -> Any:
        yield good
        raise RuntimeError("source failed half-way")

    with pytest.raises(RuntimeError):
        ek.write_jsonl(items(), dest)
    assert dest.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["posts.jsonl"]
    assert ek.write_jsonl([good, good], dest) == 2
    assert len(list(ek.read_jsonl(dest))) == 2


def test_write_jsonl_refuses_mixed_types() -> None:
    with pytest.raises(TypeError, match=r"^item 1: expected a Hashtag, got Mention$"):
        ek.write_jsonl([ek.Hashtag(text="a"), ek.Mention(handle="b")], io.BytesIO())


def test_empty_write_has_a_header() -> None:
    buf = io.BytesIO()
    assert ek.write_jsonl([], buf) == 0
    assert buf.getvalue() == b'{"engagekit":2,"type":"Post"}\n'
    buf.seek(0)
    assert list(ek.read_jsonl(buf)) == []


# ---- migrations ------------------------------------------------------------------------

def test_migrations_run_in_order() -> None:
    def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "steps": [*data.get("steps", []), 1]}

    def v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        data["name"] = data.pop("title")
        data["steps"] = [*data["steps"], 2]
        return data

    table = {("Thing", 1): v1_to_v2, ("Thing", 2): v2_to_v3}
    assert migrate({"title": "x"}, "Thing", 1, migrations=table, current=3) == {
        "name": "x", "steps": [1, 2]}
    assert migrate({"name": "x"}, "Thing", 3, migrations=table, current=3) == {"name": "x"}
    with pytest.raises(ek.ParseError, match="up to 3"):
        migrate({}, "Thing", 4, migrations=table, current=3)


# -- aggregation results are documents too ------------------------------------------------

_TAGGED = [ek.Post(id="1", platform="instagram", created_at=datetime(2024, 5, 1, tzinfo=UTC),
                   hashtags=["a"], author=ek.Account(platform="instagram", handle="x"))]

def _results(posts: list[ek.Post]) -> list[Any]:
    from engagekit import aggregate as agg

    return [agg.hashtag_counts(posts), agg.mention_counts(posts), agg.domain_counts(posts),
            agg.emoji_counts(posts), agg.by_author(posts), agg.by_location(posts),
            agg.engagement_summary(posts), agg.quality_summary(posts), agg.cooccurrence(posts)]


@given(crowded_posts(max_size=12))
def test_aggregation_results_round_trip(posts: list[ek.Post]) -> None:
    for result in _results(posts):
        if type(result) is tuple:
            cls = type(result[0]) if result else ek.aggregate.KeyCount
            assert ek.loads(ek.dumps(result), tuple[cls, ...]) == result  # type: ignore[valid-type]
        else:
            assert ek.loads(ek.dumps(result), type(result)) == result


def test_row_documents_name_their_type_and_refuse_others() -> None:
    from engagekit.aggregate import GroupRow, KeyCount

    assert orjson.loads(ek.dumps(()))["type"] == "[]"
    assert ek.loads(ek.dumps(()), tuple[KeyCount, ...]) == ()
    with pytest.raises(ek.ParseError, match=r"expected a GroupRow\[\] document"):
        ek.loads(ek.dumps(ek.aggregate.hashtag_counts(_TAGGED)), tuple[GroupRow, ...])
    with pytest.raises(TypeError, match="one row type"):
        ek.dumps((*ek.aggregate.hashtag_counts(_TAGGED), *ek.aggregate.by_author(_TAGGED)))
    bad = b'{"engagekit":1,"type":"KeyCount[]","data":[{"key":"a"}]}'
    with pytest.raises(ek.ParseError, match=r"\$\.data\[0\]"):
        ek.loads(bad, tuple[KeyCount, ...])
    doc = orjson.loads(ek.dumps(ek.aggregate.hashtag_counts(_TAGGED)))
    for field, wrong in [("posts", "1"), ("posts", 1.0), ("display", 7), ("likes", None),
                         ("variants", "a")]:
        changed = {**doc, "data": [{**doc["data"][0], field: wrong}]}
        with pytest.raises(ek.ParseError, match=rf"\$\.data\[0\]\.{field}"):
            ek.loads(orjson.dumps(changed), tuple[KeyCount, ...])
