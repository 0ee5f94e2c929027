"""engagekit.io.json_schema: the schema of the documents engagekit.dumps writes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import engagekit as ek
from engagekit import strategies as eks
from engagekit.aggregate import GroupRow, KeyCount, by_location, hashtag_counts
from engagekit.datasets import sample_posts
from engagekit.io import json_schema
from engagekit.io._schema import MIGRATIONS, TYPES

GOLDEN = Path(__file__).parent / "golden" / "v1"

STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "Account": eks.accounts(),
    "Agency": eks.agencies(),
    "Cashtag": eks.cashtags(),
    "Coordinates": eks.coordinates(),
    "Emoji": eks.emoji(),
    "Engagement": eks.engagements(),
    "Hashtag": eks.hashtags(),
    "Link": eks.links(),
    "Location": eks.locations(),
    "Media": eks.media(),
    "Mention": eks.mentions(),
    "Officer": eks.officers(),
    "PostRef": eks.post_refs(),
    "Post": eks.posts(),
    "TextQuality": eks.text_qualities(),
}


_VALIDATORS: dict[Any, Draft202012Validator] = {}


def validator(cls: Any) -> Draft202012Validator:
    if cls not in _VALIDATORS:
        schema = json_schema(cls)
        Draft202012Validator.check_schema(schema)
        _VALIDATORS[cls] = Draft202012Validator(schema)
    return _VALIDATORS[cls]


def test_every_model_has_a_strategy() -> None:
    assert set(STRATEGIES) == set(TYPES)


@pytest.mark.parametrize("name", sorted(TYPES))
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = json_schema(TYPES[name])
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["type"] == {"const": name}
    assert schema["properties"]["engagekit"] == {"type": "integer", "minimum": 1,
                                                 "maximum": ek.SCHEMA_VERSION}


def test_every_version_step_only_adds_optional_fields() -> None:
    """The schema accepts every version up to the current one because no migration step
    changes data yet: a step that does must make the schema describe each version."""
    assert dict(MIGRATIONS) == {}


@pytest.mark.parametrize("name", sorted(TYPES))
def test_every_field_of_every_reachable_model_is_in_the_schema(name: str) -> None:
    defs = json_schema(TYPES[name])["$defs"]
    assert name in defs
    for def_name, schema in defs.items():
        cls = TYPES[def_name]
        fields = attrs.fields(cls)
        assert list(schema["properties"]) == [a.name for a in fields]
        required = [a.name for a in fields if a.default is attrs.NOTHING]
        assert schema.get("required", []) == required
        assert schema["additionalProperties"] is False


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.name)
def test_golden_documents_validate(path: Path) -> None:
    doc = json.loads(path.read_bytes())
    validator(TYPES[doc["type"]]).validate(doc)


def test_golden_jsonl_records_validate() -> None:
    lines = (GOLDEN / "posts.jsonl").read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    schema = json_schema(TYPES[header["type"]])
    for line in lines[1:]:
        doc = {"engagekit": header["engagekit"], "type": header["type"], "data": json.loads(line)}
        Draft202012Validator(schema).validate(doc)


#: Every golden file of every schema version: a new ``tests/golden/v2`` is picked up as it lands.
ALL_GOLDEN = sorted(p for p in GOLDEN.parent.glob("v*/*") if p.suffix in (".json", ".jsonl"))


def _documents(path: Path) -> list[dict[str, Any]]:
    """A golden file's documents: the one of a ``.json``, each record of a ``.jsonl`` in the
    envelope its header gives."""
    if path.suffix == ".json":
        return [json.loads(path.read_bytes())]
    header, *lines = path.read_text(encoding="utf-8").splitlines()
    envelope = json.loads(header)
    return [{**envelope, "data": json.loads(line)} for line in lines if line.strip()]


def test_golden_folders_are_found() -> None:
    assert {p.parent.name for p in ALL_GOLDEN} >= {"v1"}
    assert {p.suffix for p in ALL_GOLDEN} == {".json", ".jsonl"}


@pytest.mark.parametrize("path", ALL_GOLDEN, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_golden_file_of_every_version_validates(path: Path) -> None:
    docs = _documents(path)
    assert docs
    for doc in docs:
        assert doc["engagekit"] == int(path.parent.name.removeprefix("v"))
        validator(TYPES[doc["type"]]).validate(doc)


@pytest.mark.parametrize("name", sorted(TYPES))
@given(data=st.data())
def test_every_dumped_document_validates(name: str, data: st.DataObject) -> None:
    value = data.draw(STRATEGIES[name])
    doc = json.loads(ek.dumps(value))
    errors = [e.message for e in validator(TYPES[name]).iter_errors(doc)]
    assert errors == []


def test_aggregation_rows_validate() -> None:
    rows = by_location(sample_posts())
    validator(tuple[GroupRow, ...]).validate(json.loads(ek.dumps(rows)))
    counts = hashtag_counts(sample_posts(), top=3)
    validator(tuple[KeyCount, ...]).validate(json.loads(ek.dumps(counts)))
    validator(GroupRow).validate(json.loads(ek.dumps(rows[0])))


def _post_doc() -> dict[str, Any]:
    return dict(json.loads((GOLDEN / "post.json").read_bytes()))


def _broken() -> list[tuple[str, dict[str, Any]]]:
    cases = []

    def case(label: str, edit: Any) -> None:
        doc = copy.deepcopy(_post_doc())
        edit(doc)
        cases.append((label, doc))

    # unknown keys, at every level
    case("unknown key in data", lambda d: d["data"].update(colour="blue"))
    case("unknown key in a nested model", lambda d: d["data"]["author"].update(colour="blue"))
    case("unknown envelope key", lambda d: d.update(extra=1))
    # wrong types
    case("id not a string", lambda d: d["data"].update(id=12))
    case("likes a string", lambda d: d["data"]["engagement"].update(likes="12"))
    case("hashtags not a list", lambda d: d["data"].update(hashtags="#Tag"))
    case("extra not an object", lambda d: d["data"].update(extra=[]))
    case("tuple pair of three", lambda d: d["data"]["quality"].update(lost_spans=[[1, 2, 3]]))
    # values the validators refuse
    case("negative count", lambda d: d["data"]["engagement"].update(likes=-1))
    case("empty id", lambda d: d["data"].update(id=""))
    case("unknown platform", lambda d: d["data"].update(platform="myspace"))
    case("latitude out of range", lambda d: d["data"]["location"]["coordinates"].update(
        latitude=91.0))
    case("unassigned country", lambda d: d["data"]["location"].update(country="XX"))
    case("date-time with an offset", lambda d: d["data"].update(
        created_at="2024-05-02T22:47:08+02:00"))
    case("naive date-time", lambda d: d["data"].update(created_at="2024-05-02T22:47:08"))
    # missing required keys
    case("missing id", lambda d: d["data"].pop("id"))
    case("missing nested required key", lambda d: d["data"]["author"].pop("handle"))
    case("missing data", lambda d: d.pop("data"))
    # the envelope
    case("wrong type const", lambda d: d.update(type="Officer"))
    case("newer schema version", lambda d: d.update(engagekit=ek.SCHEMA_VERSION + 1))
    return cases


@pytest.mark.parametrize(("label", "doc"), _broken(), ids=[c[0] for c in _broken()])
def test_broken_documents_are_rejected(label: str, doc: dict[str, Any]) -> None:
    assert not validator(ek.Post).is_valid(doc), label
    if label in WRITER_ONLY:
        ek.loads(json.dumps(doc), ek.Post)  # the reader is lenient here
    else:
        with pytest.raises(ek.ParseError):
            ek.loads(json.dumps(doc), ek.Post)


#: What dumps never writes but loads reads: the schema describes the writer.
WRITER_ONLY = {"date-time with an offset"}


def test_the_unbroken_document_is_valid() -> None:
    assert validator(ek.Post).is_valid(_post_doc())


def test_refuses_other_classes() -> None:
    with pytest.raises(TypeError, match="cannot write"):
        json_schema(dict)
    with pytest.raises(TypeError, match="tuple"):
        json_schema(tuple[GroupRow, int])
