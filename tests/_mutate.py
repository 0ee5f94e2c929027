"""Random mutations of JSON records, for robustness and differential tests of the readers.

One implementation of "change one node of a record", :func:`mutate`, serves three ways of
choosing the node:

- :func:`mutated` draws a path of keys from the record itself (``st.data()`` tests);
- :func:`paths` lists every path, for ``st.sampled_from(paths(record))``;
- :func:`mutate_at_indices` follows a list of drawn integers, each taken modulo the number of
  children, so the strategy does not depend on the record.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st


def json_values(
    scalars: st.SearchStrategy[Any], *, max_size: int = 3, key_size: int = 5, max_leaves: int = 6
) -> st.SearchStrategy[Any]:
    """JSON-like values: ``scalars`` nested in lists and objects of at most ``max_size`` items."""
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=max_size)
        | st.dictionaries(st.text(max_size=key_size), inner, max_size=max_size),
        max_leaves=max_leaves,
    )


JSON_VALUES = json_values(
    st.none() | st.booleans() | st.integers(-2, 2_000_000_000) | st.floats(allow_nan=False)
    | st.text(max_size=6) | st.sampled_from(["", "Caf\u00c3\u00a9", "a.jpg", "x.mp4"]),
    max_size=2,
    max_leaves=4,
)


def awkward_leaves(*extra: Any) -> st.SearchStrategy[Any]:
    """Values readers trip on (huge ints, NaN, digit strings, empty containers) and ``extra``."""
    return st.one_of(st.none(), st.booleans(), st.integers(-5, 10**20), st.floats(),
                     st.text(max_size=8), st.just("9" * 40), st.just([]), st.just({}),
                     *(st.just(value) for value in extra))


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every node of ``node``, itself (``()``) first."""
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += paths(value, (*prefix, i))
    return out


def mutate(record: Any, path: tuple[Any, ...], new: Any, delete: bool = False) -> Any:
    """A copy of ``record`` with the node at ``path`` set to ``new``.

    With ``delete``, a member of an object is removed instead (an item of a list is still
    replaced).  The empty path replaces the whole record.
    """
    if not path:
        return new
    record = json.loads(json.dumps(record))
    node = record
    for key in path[:-1]:
        node = node[key]
    if delete and isinstance(node, dict):
        del node[path[-1]]
    else:
        node[path[-1]] = new
    return record


def mutated(
    record: Any,
    data: st.DataObject,
    *,
    values: st.SearchStrategy[Any] = JSON_VALUES,
    new_keys: bool = True,
) -> Any:
    """A copy of ``record`` with one node below the root replaced, deleted or (in an object,
    with ``new_keys``) joined by a key ``"extra_key"``; new values are drawn from ``values``."""
    record = json.loads(json.dumps(record))
    path = data.draw(st.sampled_from(paths(record)[1:] or [()]))
    if not path:
        return record
    parent = record
    for key in path[:-1]:
        parent = parent[key]
    if isinstance(parent, dict) and data.draw(st.booleans()):
        new = data.draw(values)
        if new_keys:
            path = (*path[:-1], data.draw(st.sampled_from([path[-1], "extra_key"])))
        return mutate(record, path, new)
    if isinstance(parent, dict):
        return mutate(record, path, None, delete=True)
    return mutate(record, path, data.draw(values))


def mutate_at_indices(record: Any, indices: list[int], new: Any, delete: bool) -> Any:
    """A copy of ``record`` with one node set to ``new``, or deleted.

    ``indices`` pick a child at each level (modulo the number of children); the walk stops early
    at a scalar or an empty container, which is then replaced.  ``delete`` removes the node only
    when every index was used and the node is a member of an object.
    """
    record = json.loads(json.dumps(record))
    path: list[Any] = []
    node = record
    for i in indices:
        if not isinstance(node, (dict, list)) or not node:
            break
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        path.append(keys[i % len(keys)])
        node = node[path[-1]]
    return mutate(record, tuple(path), new, delete and len(path) == len(indices))
