"""engagekit.io.dicts: plain JSON data for every model and aggregation row."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit import strategies as eks
from engagekit.aggregate import GroupRow, KeyCount, by_location, hashtag_counts
from tests.aggregate._laws import crowded_posts

MODELS = [
    (eks.posts(), ek.Post), (eks.hashtags(), ek.Hashtag), (eks.mentions(), ek.Mention),
    (eks.links(), ek.Link), (eks.cashtags(), ek.Cashtag), (eks.emoji(), ek.Emoji),
    (eks.coordinates(), ek.Coordinates), (eks.locations(), ek.Location),
    (eks.accounts(), ek.Account), (eks.agencies(), ek.Agency), (eks.officers(), ek.Officer),
    (eks.media(), ek.Media), (eks.engagements(), ek.Engagement),
    (eks.text_qualities(), ek.TextQuality),
]

_PLAIN = (dict, list, str, int, float, bool, type(None))


def _only_plain(value: Any) -> bool:
    if type(value) is dict:
        return all(type(k) is str and _only_plain(v) for k, v in value.items())
    if type(value) is list:
        return all(_only_plain(v) for v in value)
    return type(value) in _PLAIN


@given(st.one_of([st.tuples(s, st.just(cls)) for s, cls in MODELS]))
def test_to_dict_is_plain_json_and_from_dict_reads_it_back(case: tuple[Any, type]) -> None:
    value, cls = case
    data = ek.to_dict(value)
    assert _only_plain(data)
    assert json.loads(json.dumps(data)) == data
    assert ek.from_dict(data, cls) == value


@given(eks.posts())
def test_to_dict_is_the_data_of_a_document(post: ek.Post) -> None:
    assert ek.to_dict(post) == json.loads(ek.dumps(post))["data"]


@given(crowded_posts())
def test_rows_round_trip_as_lists_of_dicts(posts: list[ek.Post]) -> None:
    rows = hashtag_counts(posts)
    data = ek.to_dict(rows)
    assert type(data) is list
    assert _only_plain(data)
    assert ek.from_dict(data, tuple[KeyCount, ...]) == rows
    groups = by_location(posts)
    assert ek.from_dict(ek.to_dict(groups), tuple[GroupRow, ...]) == groups


BAD = [
    # description, data, class, path in the error
    ("not an object", [1], ek.Hashtag, "$"),
    ("unknown key", {"text": "a", "colour": "red"}, ek.Hashtag, "$"),
    ("wrong type deep down", {"id": "1", "platform": "mastodon", "text": "",
                              "created_at": "2024-01-01T00:00:00Z",
                              "hashtags": [{"text": "a"}, {"text": 5}]}, ek.Post,
     "$.hashtags[1].text"),
    ("naive time", {"id": "1", "platform": "mastodon", "text": "",
                    "created_at": "2024-01-01T00:00:00"}, ek.Post, "$.created_at"),
    ("rows not a list", {"key": "a"}, tuple[KeyCount, ...], "$"),
]


@pytest.mark.parametrize(("description", "data", "cls", "path"), BAD, ids=[b[0] for b in BAD])
def test_bad_data_is_a_parse_error_with_its_path(description: str, data: Any, cls: Any,
                                                 path: str) -> None:
    with pytest.raises(ek.ParseError) as info:
        ek.from_dict(data, cls)
    assert info.value.path == path


def test_bad_row_is_named_by_its_index() -> None:
    with pytest.raises(ek.ParseError) as info:
        ek.from_dict([{"key": 1}], tuple[KeyCount, ...])
    assert info.value.path == "$[0].key"
