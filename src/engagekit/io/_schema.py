"""Schema versions of engagekit's own documents, and migrations between them.

Every document engagekit writes names the schema version it was written with.
Loading an older document runs the registered migrations one version at a time
(``MIGRATIONS[(type_name, n)]`` turns version ``n`` data into version ``n + 1``)
before structuring, so a renamed field never breaks a saved file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from engagekit import models
from engagekit.errors import ParseError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "TYPES", "migrate", "type_for", "type_name"]

#: The schema version this engagekit writes. History:
#:
#: * 1: the first release;
#: * 2: ``Post.repost_of`` (a :class:`~engagekit.models.PostRef`, optional), for
#:   ``read_posts(..., include_reposts=True)``. A version 1 document is a version 2
#:   document without it, so the step from 1 to 2 changes nothing.
SCHEMA_VERSION = 2

#: ``(type name, from version) -> function`` returning the data at ``from version + 1``;
#: a step absent here changes nothing (the version only added optional fields).
Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: Mapping[tuple[str, int], Migration] = {}

#: The model classes a document may hold, by the name written in the document.
TYPES: Mapping[str, type[Any]] = {
    name: getattr(models, name)
    for name in models.__all__
    if isinstance(getattr(models, name), type) and hasattr(getattr(models, name), "__attrs_attrs__")
}


@functools.cache
def _writable() -> Mapping[str, type[Any]]:
    """The models and the aggregation rows (looked up when first needed: the aggregation
    package imports the readers, which import this package)."""
    from engagekit import aggregate

    rows = {name: getattr(aggregate, name) for name in aggregate.__all__
            if attrs.has(getattr(aggregate, name))}
    return {**rows, **TYPES}


def type_name(cls: type[Any]) -> str:
    """The name a document uses for ``cls``: a model or an aggregation row."""
    name = cls.__name__
    if _writable().get(name) is not cls:
        raise TypeError(f"engagekit cannot write {cls.__qualname__}: "
                        "not an engagekit model or aggregation row")
    return name


def type_for(name: Any, *, source: str | None = None) -> type[Any]:
    """The model or row class a document's ``type`` names."""
    cls = _writable().get(name) if type(name) is str else None
    if cls is None:
        raise ParseError(f"unknown document type {name!r}", source=source, path="$.type")
    return cls


def migrate(
    data: dict[str, Any],
    name: str,
    version: Any,
    *,
    migrations: Mapping[tuple[str, int], Migration] = MIGRATIONS,
    current: int = SCHEMA_VERSION,
    source: str | None = None,
    record: int | None = None,
) -> dict[str, Any]:
    """Bring ``data`` of ``name`` at schema ``version`` up to ``current``."""
    if type(version) is not int or version < 1:
        raise ParseError(
            f"expected a schema version (int >= 1), got {version!r}",
            source=source,
            record=record,
            path="$.engagekit",
        )
    if version > current:
        raise ParseError(
            f"written with schema version {version}; this engagekit reads up to {current}",
            source=source,
            record=record,
            path="$.engagekit",
        )
    while version < current:
        step = migrations.get((name, version))
        if step is not None:
            data = step(data)
        version += 1
    return data
