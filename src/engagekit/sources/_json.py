"""Reading JSON out of container members, record by record.

Readers use these three functions and nothing else to decode JSON, so that
streaming, limits and error positions are handled in one place:

``iter_array(container, member, ctx, prefix=b"")``
    the items of a top-level JSON array (after an optional JavaScript prefix
    such as ``window.YTD.tweets.part0 =``), as ``(index, item)`` pairs;
``iter_items(container, member, ctx, path)``
    the items of the array at ``path`` (e.g. ``"orderedItems"``) inside a
    top-level object, as ``(index, item)`` pairs; with duplicate keys, every
    occurrence is read;
``iter_lines(container, member, ctx)``
    the objects of a JSON Lines member, as ``(line index, object)`` pairs;
``load(container, member, ctx)``
    a whole (small) document.

Decoding errors are raised as :class:`~engagekit.errors.ParseError` naming the
member; they end the member, since nothing after a syntax error can be trusted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from engagekit.errors import LimitExceeded, ParseError
from engagekit.sources._base import Container, Context

__all__ = ["iter_array", "iter_items", "iter_lines", "load"]


def _read_all(container: Container, member: str, ctx: Context) -> bytes:
    with container.open(member) as handle:
        return handle.read()


def _decode(data: bytes | str, label: str, record: int | None = None) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc}", source=label, record=record) from None


def load(container: Container, member: str, ctx: Context) -> Any:
    """Decode a whole member."""
    return _decode(_read_all(container, member, ctx), container.label(member))


def iter_array(
    container: Container, member: str, ctx: Context, *, prefix: bytes = b""
) -> Iterator[tuple[int, Any]]:
    """The items of the top-level array of ``member``, after an optional JS ``prefix``."""
    data = _read_all(container, member, ctx)
    label = container.label(member)
    if prefix:
        start = data.find(b"[")
        if start < 0 or not data[:start].lstrip().startswith(prefix):
            raise ParseError(f"expected {prefix.decode()!r} followed by an array", source=label)
        data = data[start:]
    doc = _decode(data, label)
    if type(doc) is not list:
        raise ParseError(f"expected a JSON array, got {type(doc).__name__}", source=label)
    yield from enumerate(doc)


def iter_items(
    container: Container, member: str, ctx: Context, path: str
) -> Iterator[tuple[int, Any]]:
    """The items of the array at ``path`` (dot-separated keys) in a top-level object."""
    doc = load(container, member, ctx)
    label = container.label(member)
    node = doc
    for key in path.split("."):
        if type(node) is not dict or key not in node:
            raise ParseError(f"expected an array at $.{path}", source=label, path=f"$.{path}")
        node = node[key]
    if type(node) is not list:
        raise ParseError(f"expected an array at $.{path}", source=label, path=f"$.{path}")
    yield from enumerate(node)


def iter_lines(container: Container, member: str, ctx: Context) -> Iterator[tuple[int, Any]]:
    """The JSON values of a JSON Lines member, blank lines passed over."""
    label = container.label(member)
    limit = ctx.limits.max_record_bytes
    with container.open(member) as handle:
        index = -1
        for line in handle:
            if not line.strip():
                continue
            index += 1
            if len(line) > limit:
                raise LimitExceeded(
                    f"a line of {len(line)} bytes exceeds max_record_bytes={limit}",
                    source=label,
                    record=index,
                )
            yield index, _decode(line, label, index)
