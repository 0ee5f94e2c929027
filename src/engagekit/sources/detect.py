"""Which format an input holds, and the reader for each format name.

Detection asks each format's ``detect(container)`` in a fixed order and takes
the first that says yes. Formats recognized by the names of their members come
first, formats recognized by sniffing a member's first 4 KB after them:

1. ``twitter-archive``, ``instagram``, ``facebook``, ``mastodon``, ``bluesky``
   (account exports: folders and zips with known member names);
2. ``engagekit``, ``twitter-api``, ``csv`` (single files, told by their first bytes;
   ``twitter-api`` also reads the top-level keys of a JSON member's first record,
   however far into it they fall, so a status whose large ``user`` object comes
   first is still recognized).

One source is one format: a folder holding, say, both an Instagram and a
Facebook export is read as the first of them in that order; read the other
with ``read_posts(path, format="facebook")``.

>>> FORMATS[:3]
('twitter-archive', 'instagram', 'facebook')
"""

from __future__ import annotations

import importlib
import os
from typing import IO, cast

from engagekit.errors import UnsupportedFormat
from engagekit.sources._archive import open_container
from engagekit.sources._base import Container, Limits, Reader

__all__ = ["FORMATS", "detect_format", "detect_in", "reader_for"]

#: Every format name, in detection order.
FORMATS: tuple[str, ...] = (
    "twitter-archive",
    "instagram",
    "facebook",
    "mastodon",
    "bluesky",
    "engagekit",
    "twitter-api",
    "csv",
)

_MODULES = {
    "twitter-archive": "engagekit.sources.twitter_archive",
    "instagram": "engagekit.sources.instagram",
    "facebook": "engagekit.sources.facebook",
    "mastodon": "engagekit.sources.mastodon",
    "bluesky": "engagekit.sources.bluesky",
    "engagekit": "engagekit.sources.engagekit_jsonl",
    "twitter-api": "engagekit.sources.twitter_api",
    "csv": "engagekit.sources.csv",
}

Source = str | os.PathLike[str] | IO[bytes]


def _load(name: str) -> Reader | None:
    module = _MODULES[name]
    try:
        return cast(Reader, importlib.import_module(module))
    except ModuleNotFoundError as exc:
        if exc.name == module:  # this engagekit has no reader for the format
            return None
        raise


def reader_for(name: str) -> Reader:
    """The reader module of a format name.

    >>> reader_for("csv").FORMAT
    'csv'
    """
    if name not in _MODULES:
        known = ", ".join(repr(f) for f in FORMATS)
        raise ValueError(f"unknown format {name!r}; expected 'auto' or one of {known}")
    reader = _load(name)
    if reader is None:
        raise UnsupportedFormat(f"no reader for the format {name!r} in this engagekit")
    return reader


def _readers() -> list[Reader]:
    return [r for r in (_load(name) for name in FORMATS) if r is not None]


def detect_in(container: Container, readers: list[Reader] | None = None) -> Reader:
    """The first of ``readers`` (default: every format, in order) that claims ``container``."""
    for reader in _readers() if readers is None else readers:
        if reader.detect(container):
            return reader
    raise UnsupportedFormat(
        f"not in a format engagekit can read (tried {', '.join(FORMATS)})", source=container.name
    )


def detect_format(source: Source, *, limits: Limits | None = None) -> str:
    """The format name of a file, folder, zip archive or binary file object.

    Raises :class:`~engagekit.errors.UnsupportedFormat` naming the source when
    no format claims it. A file object is left at the position it had.
    """
    with open_container(source, limits or Limits()) as container:
        return detect_in(container).FORMAT
