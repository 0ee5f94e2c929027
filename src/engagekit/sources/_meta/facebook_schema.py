"""The Facebook reader's decoder: the fields a post is read by, as msgspec schemas.

:data:`POST` is an item of ``your_posts_1.json``; it names every key the
reader reads, with its type, and is the only rule a post is read by (a post
that does not fit gets msgspec's positioned error, see
:func:`engagekit.sources._engine.typed.located`). An attachment element is an object
whose keys say what it holds (``{"place": {...}}``, ``{"text": "..."}``): it is
decoded as its keys with their raw JSON, and each key the reader knows is
decoded by the schema of its kind (see :mod:`engagekit.sources._meta.facebook_attachments`), so
that a kind engagekit does not read is named in ``extra["unread_attachments"]``
rather than refused. An absent key and ``null`` both read as "not given",
except where an object must be (an element's ``place``, say).

>>> import msgspec
>>> record = msgspec.json.decode(
...     b'{"timestamp": 1715566876, "data": [{"post": "Coffee with a cop"}],'
...     b' "attachments": [{"data": [{"place": {"name": "Main St Library"}}]}]}', type=POST)
>>> text, repaired, created, found, tagged = parse(record)
>>> text, created.isoformat(), [p.name for p in found.places()]
('Coffee with a cop', '2024-05-13T02:21:16+00:00', ['Main St Library'])
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from engagekit.errors import ParseError
from engagekit.sources._meta import common as _meta
from engagekit.sources._meta.facebook_attachments import Attachments

__all__ = ["POST", "Parsed", "parse"]

Parsed = tuple[str, bool, datetime, Attachments, tuple[str, ...]]
Text = str | None | UnsetType
Seconds = int | None | UnsetType


class _Attachment(msgspec.Struct, gc=False):
    data: list[dict[str, msgspec.Raw]] | UnsetType | None = UNSET


class _Data(msgspec.Struct, gc=False):
    post: Text = UNSET
    update_timestamp: Seconds = UNSET


class _Tag(msgspec.Struct, gc=False):
    name: Text = UNSET


class _Post(msgspec.Struct, gc=False):
    timestamp: Seconds = UNSET
    data: list[_Data] | UnsetType | None = UNSET
    title: Text = UNSET
    attachments: list[_Attachment] | UnsetType | None = UNSET
    tags: list[str | _Tag] | UnsetType | None = UNSET


POST = _Post


def parse(record: _Post) -> Parsed:
    """Text (repaired, and whether it was), time, attachments and tagged names of a post.

    Raises a :class:`ParseError` with the JSON path (and no source: the reader
    adds it) for what the schema cannot check.
    """
    data = record.data or []
    text, repaired = _meta.fix("\n\n".join(d.post for d in data if d.post))
    created = _meta.utc(record.timestamp, "$.timestamp")
    if created is None:
        raise ParseError("expected int, got None" if record.timestamp is None
                         else "required key is missing", path="$.timestamp")
    extra: dict[str, Any] = {}
    title = _meta.string(record.title)
    if title:
        extra["title"] = title
    for d in data:
        if d.update_timestamp is not UNSET and d.update_timestamp is not None:
            extra["update_timestamp"] = d.update_timestamp
    found = Attachments(extra)
    for i, attachment in enumerate(record.attachments or ()):
        for j, element in enumerate(attachment.data or ()):
            found.add(element, i, j)
    names: list[str] = []
    for tag in record.tags or ():
        name = _meta.string(tag if type(tag) is str else tag.name)  # type: ignore[union-attr]
        if name and name.strip() and name not in names:
            names.append(name.strip())
    return text, repaired, created, found, tuple(names)
