"""``engagekit schema``: engagekit.json_schema of a model or a row, by name."""

from __future__ import annotations

import json

import pytest

import engagekit as ek
from engagekit.aggregate import Bucket, KeyCount
from engagekit.cli._schema import MODELS
from tests.cli._cli import run


def test_the_default_is_post() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == ek.json_schema(ek.Post)


@pytest.mark.parametrize("name", ["KeyCount", "keycount", "KEYCOUNT"])
def test_names_are_matched_in_any_case(name: str) -> None:
    assert json.loads(run("schema", name).stdout) == ek.json_schema(KeyCount)


def test_rows_gives_the_schema_of_a_list() -> None:
    assert json.loads(run("schema", "Bucket", "--rows").stdout) == ek.json_schema(
        tuple[Bucket, ...])


def test_every_listed_model_has_a_schema() -> None:
    assert {"Post", "Account", "KeyCount", "GroupRow", "Bucket"} <= set(MODELS)
    for name in MODELS:
        assert run("schema", name).exit_code == 0, name


def test_an_unknown_model_is_a_usage_error_listing_the_names() -> None:
    result = run("schema", "Tweet")
    assert result.exit_code == 2
    assert "'Tweet' is not a model; expected one of Account, Agency," in result.stderr
    assert "KeyCount" in result.stderr
