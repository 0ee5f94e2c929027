"""Random mutations of JSON records, for differential tests of readers' fast paths."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 2_000_000_000) | st.floats(allow_nan=False)
    | st.text(max_size=6) | st.sampled_from(["", "Caf\u00c3\u00a9", "a.jpg", "x.mp4"]),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=5), inner,
                                                                  max_size=2),
    max_leaves=4,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if type(node) is dict:
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif type(node) is list:
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


def mutated(record: Any, data: st.DataObject) -> Any:
    record = json.loads(json.dumps(record))
    path = data.draw(st.sampled_from(_paths(record)[1:] or [()]))
    if not path:
        return record
    node = record
    for key in path[:-1]:
        node = node[key]
    if type(node) is dict and data.draw(st.booleans()):
        node[data.draw(st.sampled_from([path[-1], "extra_key"]))] = data.draw(JSON_VALUES)
    elif type(node) is dict:
        del node[path[-1]]
    else:
        node[path[-1]] = data.draw(JSON_VALUES)
    return record

