"""Replace pieces of a post's text and move every span that indexes it.

Pseudonymizing and redacting both rewrite parts of ``Post.text``; every entity
span and every lost-glyph span must then be moved by the change in length of
the edits before it. An edit is ``(start, end, replacement)`` in code points of
the old text; edits never overlap. A span boundary that falls strictly inside
an edit has no place in the new text: the entity keeps its value but loses its
span (``start`` and ``end`` become ``None``), which the models allow.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from engagekit.models import Post

__all__ = ["Edit", "apply_edits", "entity_spans", "valid_span"]

Edit = tuple[int, int, str]

#: The entity families of a post whose items carry ``start`` and ``end``.
_FAMILIES = ("hashtags", "mentions", "links", "cashtags", "emoji")


def valid_span(text: str, start: int | None, end: int | None) -> bool:
    """Whether ``(start, end)`` is a non-empty span inside ``text``."""
    return start is not None and end is not None and 0 <= start < end <= len(text)


def entity_spans(post: Post) -> list[tuple[int, int]]:
    """The spans of every entity of ``post`` that lie inside its text."""
    spans = []
    for family in _FAMILIES:
        for item in getattr(post, family):
            if valid_span(post.text, item.start, item.end):
                spans.append((item.start, item.end))
    return spans


class _Mapper:
    """Maps an offset of the old text to the new one, or to None inside an edit."""

    __slots__ = ("_ends", "_shift", "_starts")

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._starts = [s for s, _, _ in edits]
        self._ends = [e for _, e, _ in edits]
        shift, total = [], 0
        for s, e, new in edits:
            total += len(new) - (e - s)
            shift.append(total)
        self._shift = shift

    def __call__(self, offset: int) -> int | None:
        i = bisect_right(self._starts, offset) - 1  # the last edit starting at or before offset
        if i < 0:
            return offset
        if offset == self._starts[i]:  # at an edit's start: moved by the edits before it only
            return offset + (self._shift[i - 1] if i else 0)
        if offset < self._ends[i]:
            return None
        return offset + self._shift[i]


def _move(items: tuple[Any, ...], mapper: _Mapper, limit: int) -> tuple[Any, ...]:
    out: list[Any] = []
    for item in items:
        start: int | None = getattr(item, "start", None)
        end: int | None = getattr(item, "end", None)
        if start is None or end is None or end > limit:
            out.append(item if start is None else attrs.evolve(item, start=None, end=None))
            continue
        new_start, new_end = mapper(start), mapper(end)
        if new_start is None or new_end is None:
            out.append(attrs.evolve(item, start=None, end=None))
        else:
            out.append(attrs.evolve(item, start=new_start, end=new_end))
    return tuple(out)


def apply_edits(post: Post, edits: Sequence[Edit],
                fix: Callable[[str, Any], Any] | None = None) -> dict[str, Any]:
    """The text fields of ``post`` after ``edits``, as keyword arguments for ``attrs.evolve``.

    Entities whose span no longer fits are kept without a span; a span that
    pointed outside the old text is dropped to ``None`` too (it indexed nothing).
    ``fix(family, item)``, when given, is called on every moved entity and
    returns the item to keep (or ``None`` to drop it), for callers that rewrite
    the entity's value to match its new surface.
    """
    text = post.text
    ordered = sorted(edits)
    pieces: list[str] = []
    last = 0
    for s, e, new in ordered:
        pieces.append(text[last:s])
        pieces.append(new)
        last = e
    pieces.append(text[last:])
    new_text = "".join(pieces)
    mapper = _Mapper(ordered)
    limit = len(text)
    fields: dict[str, Any] = {"text": new_text}
    for family in _FAMILIES:
        moved = _move(getattr(post, family), mapper, limit)
        if fix is not None:
            moved = tuple(x for x in (fix(family, item) for item in moved) if x is not None)
        fields[family] = moved
    lost: list[tuple[int, int]] = []
    for s, e in post.quality.lost_spans:
        ns, ne = (mapper(s), mapper(e)) if e <= limit else (None, None)
        if ns is not None and ne is not None:
            lost.append((ns, ne))
    if len(lost) != len(post.quality.lost_spans) or lost != list(post.quality.lost_spans):
        fields["quality"] = attrs.evolve(post.quality, lost_spans=tuple(lost))
    return fields
