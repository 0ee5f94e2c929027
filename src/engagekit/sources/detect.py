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

:func:`detect_format` names the first format that claims a source;
``read_posts`` reads a source with every account-export format that claims it
(a Meta download holding both an Instagram and a Facebook export gives both),
and a folder of several exports export by export. When nothing claims a source,
:func:`diagnose` says why: an empty file, an empty zip, an HTML export, binary
data, a reason a format gives itself (a reader's optional ``why_not(container)``,
such as a CSV whose columns need a mapping), or what each format looked for.

>>> FORMATS[:3]
('twitter-archive', 'instagram', 'facebook')
"""

from __future__ import annotations

import importlib
import os
from typing import IO, cast

from engagekit.errors import ArgumentError, UnsupportedFormat
from engagekit.sources._engine.base import Container, Limits, Reader
from engagekit.sources._engine.containers import open_container
from engagekit.sources._engine.scan import foreign_encoding

__all__ = ["ACCOUNT_FORMATS", "FORMATS", "detect_format", "detect_in", "diagnose",
           "reader_for", "readers"]

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

#: Formats recognized by the member names of an account export; several can share a source.
ACCOUNT_FORMATS = frozenset({"twitter-archive", "instagram", "facebook", "mastodon", "bluesky"})

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
        raise ArgumentError(f"unknown format; expected 'auto' or one of {known}",
                            argument="format", value=name)
    reader = _load(name)
    if reader is None:
        raise UnsupportedFormat(f"no reader for the format {name!r} in this engagekit")
    return reader


def readers() -> list[Reader]:
    """The reader of every format this engagekit has, in detection order."""
    return [r for r in (_load(name) for name in FORMATS) if r is not None]


def detect_in(container: Container, candidates: list[Reader] | None = None) -> Reader:
    """The first of ``candidates`` (default: every format, in order) that claims ``container``."""
    for reader in readers() if candidates is None else candidates:
        if reader.detect(container):
            return reader
    raise UnsupportedFormat(diagnose(container), source=container.name)


_EXPORT_HELP = ("download your information again and choose JSON as the format (Instagram and "
                "Facebook: Accounts Center > Your information and permissions > Download your "
                "information; X: Settings > Your account > Download an archive of your data)")


def _looks_for(reader: Reader) -> str:
    """A reader's ``LOOKS_FOR``, or else the first line of its ``detect`` docstring."""
    text = getattr(reader, "LOOKS_FOR", None)
    if isinstance(text, str):
        return text
    doc = (reader.detect.__doc__ or "").strip().splitlines()
    return doc[0].rstrip(".").replace("``", "") if doc else "its own detection"


def _is_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < len(head) - 3  # a character cut by the 4 KB boundary is fine
    return False


def diagnose(container: Container, named: Reader | None = None) -> str:
    """Why no format (or the ``named`` one) reads ``container``, in one sentence.

    >>> import io
    >>> from engagekit.sources._engine.containers import open_container
    >>> diagnose(open_container(io.BytesIO(b""), Limits()))
    'not in a format engagekit can read: the file is empty (0 bytes)'
    """
    lead = ("not in a format engagekit can read" if named is None
            else f"does not look like {named.FORMAT!r} input")
    members = container.members()
    if not members:
        return f"{lead}: it holds no files"
    sizes = [container.size(m) for m in members]
    if len(members) == 1 and (sizes[0] == 0 or container.head(members[0], 1) == b""):
        if members[0].lower().endswith(".zip"):
            return (f"{lead}: the zip file is empty (0 bytes); the download did not finish, "
                    "download it again")
        return f"{lead}: the file is empty (0 bytes)"
    lower = [m.lower() for m in members]
    html = any(m.endswith((".html", ".htm")) for m in lower) and not any(
        m.endswith((".json", ".js", ".jsonl", ".csv", ".car")) for m in lower)
    if html or (len(members) == 1 and container.head(members[0], 512).lstrip(
            b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype html", b"<html"))):
        return f"{lead}: this is an HTML export, which engagekit cannot read; {_EXPORT_HELP}"
    encoding = foreign_encoding(container.head(members[0], 4)) if len(members) == 1 else None
    if encoding is not None:
        return (f"{lead}: the text is encoded in {encoding}; engagekit reads JSON in UTF-8 "
                "(save the file as UTF-8)")
    if all(_is_binary(container.head(m)) for m in members[:16]):
        return (f"{lead}: binary data, not JSON, JSON Lines, JavaScript or CSV"
                + (" (the first file)" if len(members) > 1 else ""))
    tried = [named] if named is not None else readers()
    for reader in tried:  # a reader that can say why it does not read this says so
        why_not = getattr(reader, "why_not", None)
        reason = why_not(container) if callable(why_not) else None
        if isinstance(reason, str):
            return f"{lead}: {reason}"
    looked = "; ".join(f"{r.FORMAT}: {_looks_for(r)}" for r in tried)
    return f"{lead} (tried {looked})"


def detect_format(source: Source, *, limits: Limits | None = None) -> str:
    """The format name of a file, folder, zip archive or binary file object.

    Raises :class:`~engagekit.errors.UnsupportedFormat` naming the source when
    no format claims it. A file object is left at the position it had.
    """
    with open_container(source, limits or Limits()) as container:
        return detect_in(container).FORMAT
