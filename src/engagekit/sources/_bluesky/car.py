"""Reading AT Protocol repository exports (``repo.car``) with the optional ``libipld``.

:func:`car_entries` decodes the CAR file, walks the repository's Merkle search
tree in key order and yields the records of one collection shaped like
``com.atproto.repo.listRecords`` entries (``{"uri", "cid", "value"}``), with
DAG-CBOR turned into its JSON form (links as ``{"$link"}``, bytes as
``{"$bytes"}``). Records of other collections are counted as skipped under
their collection name. :func:`is_car` recognizes such a file from its first
bytes, without ``libipld``.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from typing import Any

from engagekit.errors import ParseError
from engagekit.sources._engine.base import Container, Context

__all__ = ["car_entries", "is_car"]


def is_car(head: bytes) -> bool:
    """True when ``head`` starts like a CAR file: a DAG-CBOR ``{roots, version}`` header."""
    return b"\xa2eroots" in head[:12] and b"gversion" in head[:64]


def car_entries(
    container: Container, member: str, ctx: Context, collection: str
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The records of ``collection`` in a repository, in key order, as listRecords entries.

    Yields ``(index, entry)`` pairs, ``index`` counting every record of the
    repository. Without ``libipld``, raises a :class:`ParseError` saying what to
    install; a file that cannot be decoded goes to ``ctx.fail``, and nothing
    after the problem is read.
    """
    label = container.label(member)
    try:
        import libipld  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise ParseError(
            "reading a repository CAR file needs the optional libipld package "
            "(pip install libipld)",
            source=label,
        ) from None
    with container.open(member) as handle:
        data = handle.read()
    try:
        header, blocks = libipld.decode_car(data)
        commit = blocks[header["roots"][0]]
        did, keys = str(commit["did"]), _mst(blocks, commit["data"])
        for index, (key, cid) in enumerate(keys):
            kind = key.partition("/")[0]
            if kind != collection:
                ctx.skip(kind)
                continue
            entry: dict[str, Any] = {"uri": f"at://{did}/{key}", "cid": libipld.encode_cid(cid)}
            entry["value"] = _jsonish(blocks.get(cid), libipld.encode_cid, ctx.limits.max_depth)
            yield index, entry
    except (ValueError, KeyError, IndexError, TypeError, RecursionError) as exc:
        # like a structural JSON error: counted (or raised), and nothing after it is trusted
        ctx.fail(ParseError(f"not a readable repository CAR file: {exc}", source=label))


def _mst(blocks: dict[Any, Any], root: Any) -> Iterator[tuple[str, Any]]:
    """The (key, record CID) pairs of a Merkle search tree, in key order."""
    stack: list[tuple[bool, Any]] = [(False, root)]
    seen = set()
    while stack:
        leaf, item = stack.pop()
        if leaf:
            yield item
            continue
        if item in seen:
            raise ValueError("the search tree has a cycle")
        seen.add(item)
        node, key, todo = blocks[item], b"", []
        if node.get("l"):
            todo.append((False, node["l"]))
        for entry in node["e"]:
            key = key[: entry["p"]] + entry["k"]
            todo.append((True, (key.decode(), entry["v"])))
            if entry.get("t"):
                todo.append((False, entry["t"]))
        stack.extend(reversed(todo))


def _jsonish(value: Any, encode_cid: Callable[[bytes], str], depth: int) -> Any:
    """Decoded DAG-CBOR in its JSON form: links as ``{"$link"}``, bytes as ``{"$bytes"}``."""
    if depth < 0:
        raise ValueError("record nested too deeply")
    if type(value) is dict:
        return {str(k): _jsonish(v, encode_cid, depth - 1) for k, v in value.items()}
    if type(value) is list:
        return [_jsonish(v, encode_cid, depth - 1) for v in value]
    if type(value) is bytes:
        try:
            return {"$link": encode_cid(value)}
        except ValueError:
            return {"$bytes": base64.b64encode(value).decode()}
    return value
