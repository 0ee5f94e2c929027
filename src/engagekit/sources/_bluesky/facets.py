"""Bluesky rich-text facets: UTF-8 byte spans turned into hashtags, mentions and links.

:func:`facet_entities` converts each facet's byte range to code points, checks
it against the text and builds a :class:`~engagekit.models.Hashtag`,
:class:`~engagekit.models.Mention` or :class:`~engagekit.models.Link` from
each feature. A facet that cannot be used (out of range, inside a character,
overlapping an earlier one, malformed) is left out and listed in
``extra["invalid_facets"]``; an entity whose text does not read as its feature
(a tag span without ``#``) is kept without a span and listed in
``extra["entity_mismatches"]``. :func:`count_skips` counts both in the context
once the post is sure to be read.

>>> tag = [{"$type": "app.bsky.richtext.facet#tag", "tag": "BikeSafety"}]
>>> rec = Fields({"text": "Thanks 🚲 #BikeSafety", "facets": [
...     {"index": {"byteStart": 12, "byteEnd": 23}, "features": tag},
...     {"index": {"byteStart": 8, "byteEnd": 23}, "features": tag},  # inside 🚲
... ]}, source="post.json", record=0)
>>> extra = {}
>>> tags, mentions, links = facet_entities(rec.data["text"], rec, extra)
>>> [(t.text, t.start, t.end) for t in tags]
[('BikeSafety', 9, 20)]
>>> [p["facet"] for p in extra["invalid_facets"]]
[1]
"""

from __future__ import annotations

from typing import Any

from engagekit.models import Hashtag, Link, Mention
from engagekit.sources._engine.base import Context
from engagekit.sources._engine.fields import Fields
from engagekit.text.offsets import utf8_to_codepoint

__all__ = ["Entities", "count_skips", "facet_entities"]

#: Hashtags, mentions and links, in facet order within each kind.
Entities = tuple[list[Hashtag], list[Mention], list[Link]]

_FACET = "app.bsky.richtext.facet#"


def facet_entities(text: str, rec: Fields, extra: dict[str, Any]) -> Entities:
    """Entities from the facets that can be used; the others are noted in ``extra``."""
    invalid: list[dict[str, Any]] = []
    usable: list[tuple[int, int, int, list[Any]]] = []
    for i, facet in enumerate(rec.values("facets")):
        found = _facet(text, facet)
        if isinstance(found, str):
            invalid.append({"facet": i, "reason": found})
        else:
            usable.append((found[0], found[1], i, found[2]))
    out: Entities = ([], [], [])
    mismatches: list[dict[str, Any]] = []
    end_so_far, last = 0, -1
    for start, end, i, features in sorted(usable):
        if start < end_so_far:
            invalid.append({"facet": i, "reason": f"overlaps facet {last}"})
            continue
        end_so_far, last = end, i
        for feature in features:
            problem = _feature(feature, text, start, end, out)
            if problem == "mismatch":
                mismatches.append({"facet": i, "text": text[start:end]})
            elif problem:
                invalid.append({"facet": i, "reason": problem})
    if invalid:
        extra["invalid_facets"] = invalid
    if mismatches:
        extra["entity_mismatches"] = mismatches
    return out


def count_skips(extra: dict[str, Any], ctx: Context) -> None:
    """Count the facets noted in ``extra``: ``"invalid-facet"`` (once per facet) and
    ``"entity-mismatch"``."""
    if "invalid_facets" in extra:
        ctx.skip("invalid-facet", len({p["facet"] for p in extra["invalid_facets"]}))
    if "entity_mismatches" in extra:
        ctx.skip("entity-mismatch", len(extra["entity_mismatches"]))


def _feature(feature: Any, text: str, start: int, end: int, out: Entities) -> str | None:
    """Add the entity of one facet feature to ``out``; say "mismatch" or what was wrong."""
    kind = feature.get("$type") if type(feature) is dict else None
    if type(kind) is not str or not kind.startswith(_FACET):
        return None if type(kind) is str else "a feature without $type"  # unknown: not mapped
    name = kind.removeprefix(_FACET)
    value = feature.get({"tag": "tag", "mention": "did", "link": "uri"}.get(name, "?"))
    if name not in ("tag", "mention", "link"):
        return None
    if type(value) is not str or not value.strip("#＃"):
        return f"malformed {name} feature"
    piece = text[start:end]
    if name == "tag":
        ok = piece[:1] in "#＃" and piece[1:].casefold() == value.lstrip("#＃").casefold()
        out[0].append(Hashtag(text=value, start=start, end=end) if ok else Hashtag(text=value))
    elif name == "mention":
        ok = piece[:1] in "@＠" and len(piece) > 1 and not any(c.isspace() for c in piece)
        out[1].append(
            Mention(handle=piece[1:], id=value, start=start, end=end)
            if ok
            else Mention(handle=value, id=value)
        )
    else:
        ok = True
        out[2].append(Link(url=piece, expanded_url=value, start=start, end=end))
    return None if ok else "mismatch"


def _facet(text: str, facet: Any) -> tuple[int, int, list[Any]] | str:
    """The code-point span and features of a facet, or why it cannot be used."""
    index = facet.get("index") if type(facet) is dict else None
    if type(index) is not dict:
        return "no index object"
    start, end = index.get("byteStart"), index.get("byteEnd")
    if type(start) is not int or type(end) is not int or not 0 <= start < end:
        return f"bad byte range {start!r}..{end!r}"
    try:
        span = utf8_to_codepoint(text, start), utf8_to_codepoint(text, end)
    except ValueError as err:  # ValidationError: out of range or inside a character
        return f"byte range {start}..{end}: {err}"
    features = facet.get("features")
    if type(features) is not list or not features:
        return "no features"
    return span[0], span[1], features
