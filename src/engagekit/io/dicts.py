"""Models as plain dicts: what :func:`~engagekit.io.json.dumps` writes, without the envelope.

>>> import json
>>> from datetime import datetime, timezone
>>> import engagekit as ek
>>> post = ek.Post(id="7", platform="mastodon", text="Bike rodeo! #SafeStreets",
...                created_at=datetime(2023, 6, 3, 17, tzinfo=timezone.utc),
...                hashtags=[ek.Hashtag(text="SafeStreets", start=12, end=24)])
>>> data = ek.to_dict(post)
>>> data["created_at"], data["hashtags"]
('2023-06-03T17:00:00Z', [{'text': 'SafeStreets', 'start': 12, 'end': 24}])
>>> json.loads(json.dumps(data)) == data
True
>>> ek.from_dict(data, ek.Post) == post
True

Fields at their defaults are left out, as in ``dumps``. Aggregation rows work the
same way, and a tuple of rows is a list of dicts:

>>> from engagekit.aggregate import KeyCount, hashtag_counts
>>> rows = hashtag_counts([post])
>>> ek.to_dict(rows)[0]["key"]
'safestreets'
>>> ek.from_dict(ek.to_dict(rows), tuple[KeyCount, ...]) == rows
True
"""

from __future__ import annotations

from typing import Any, TypeVar, get_args, get_origin

import orjson

from engagekit.errors import ParseError
from engagekit.io._converter import converter, structure

__all__ = ["from_dict", "to_dict"]

T = TypeVar("T")


def to_dict(obj: Any) -> Any:
    """``obj`` (a model, an aggregation row, or a tuple or list of them) as plain JSON data.

    The result holds only dicts with str keys, lists, str, int, float, bool and
    None, so :func:`json.dumps` takes it: times are ISO 8601 strings in UTC
    ending in ``Z`` and enums are their values. It is the ``data`` part of the
    document :func:`~engagekit.io.json.dumps` writes.
    """
    raw = converter.unstructure(list(obj) if isinstance(obj, (tuple, list)) else obj)
    # orjson is the one place that knows how each value is written; reading its output
    # back gives exactly the plain values a document holds
    plain: Any = orjson.loads(orjson.dumps(raw, option=orjson.OPT_UTC_Z))
    return plain


def from_dict(data: Any, cls: type[T], *, source: str | None = None) -> T:
    """The ``cls`` value of plain data from :func:`to_dict` (or any JSON of that shape).

    ``cls`` may be ``tuple[Row, ...]`` for a list of rows. Values are checked as
    strictly as by :func:`~engagekit.io.json.loads`: an unknown key or a wrong
    value is a :class:`~engagekit.errors.ParseError` with its path. No schema
    version is read: the data must have the current version's shape.
    """
    args = get_args(cls)
    if get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis:
        if type(data) is not list:
            raise ParseError(f"expected a list, got {type(data).__name__}", source=source,
                             path="$")
        rows = []
        for i, item in enumerate(data):
            try:
                rows.append(structure(item, args[0], source=source))
            except ParseError as err:
                raise err.located(path_prefix=f"$[{i}]") from None
        result: Any = tuple(rows)
        return result  # type: ignore[no-any-return]
    if type(data) is not dict:
        raise ParseError(f"expected an object, got {type(data).__name__}", source=source,
                         path="$")
    return structure(data, cls, source=source)
