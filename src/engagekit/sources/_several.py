"""Which exports a source holds: one, or several side by side in a folder.

A source is read as the parts this module finds in it, each a container and
the readers for it:

* a file, a zip or a file object is one part, read with every account-export
  format that recognizes it (a Meta download can hold both an Instagram and a
  Facebook export), or else with the one single-file format that claims it;
* a folder that an account-export format recognizes by its member names is one
  part the same way, and every zip file inside it is a source of its own,
  unless it is a collection (see :func:`_is_collection`): a zip or a file of
  another format directly in it, or two folders of the same format;
* any other folder is a collection: each item in it (file, zip or folder) is a
  source of its own, in name order (so a folder of JSON Lines or API pages is
  read file by file). Items no format claims are listed, with
  the reason, in :attr:`Plan.unread`; hidden items (``.DS_Store``) too.

Nothing is opened before it is read, except to detect its format.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import attrs

from engagekit.errors import UnsupportedFormat
from engagekit.sources._engine.base import Container, Limits, Reader
from engagekit.sources._engine.containers import FileContainer, open_container
from engagekit.sources.detect import ACCOUNT_FORMATS, diagnose, readers

__all__ = ["Part", "Plan", "plan"]

Source = str | os.PathLike[str] | IO[bytes]


@attrs.frozen
class Part:
    """One export to read: where it is, and the readers that read it, in detection order.

    ``container`` is the container detection opened, kept for a file object
    (which cannot be opened twice); a path is opened again when it is read.
    """

    source: Source
    label: str
    readers: tuple[Reader, ...]
    container: Container | None = None

    def open(self, limits: Limits) -> Container:
        """The container to read."""
        return self.container if self.container is not None else open_container(
            self.source, limits)


@attrs.frozen
class Plan:
    """The parts of one or more sources, and the items no format claimed."""

    parts: tuple[Part, ...]
    unread: tuple[tuple[str, str], ...]


def _claims(container: Container, named: Reader | None, folder: bool) -> tuple[Reader, ...]:
    if named is not None:
        accepts = getattr(named, "accepts", named.detect)
        return (named,) if accepts(container) else ()
    found = [r for r in readers() if r.FORMAT in ACCOUNT_FORMATS and r.detect(container)]
    if found or folder:  # a folder no account export claims is a collection of sources
        return tuple(found)
    for reader in readers():
        if reader.FORMAT not in ACCOUNT_FORMATS and reader.detect(container):
            return (reader,)
    return ()


def _is_collection(folder: Path, claims: tuple[Reader, ...], limits: Limits) -> bool:
    """Whether a folder that ``claims`` recognize holds several exports rather than one.

    It does when an item directly in it is a zip, or a file another format
    claims (``posts.jsonl`` beside an Instagram export), or when two of its
    folders are each recognized by the same format (two Instagram exports).
    """
    formats = {r.FORMAT for r in claims}
    seen: set[str] = set()
    for item in sorted(folder.iterdir()):
        if item.name.startswith(".") or item.is_symlink():
            continue
        if item.is_dir():
            with open_container(item, limits) as inner:
                mine = {r.FORMAT for r in readers()
                        if r.FORMAT in formats and r.detect(inner)}
            if mine & seen:
                return True
            seen |= mine
            continue
        with open_container(item, limits) as inner:
            if not isinstance(inner, FileContainer):
                return True  # a zip
            other = _claims(inner, None, False)
        if other and not {r.FORMAT for r in other} & formats:
            return True
    return False


def _zips_inside(container: Container, root: Path) -> Iterator[Path]:
    for member in container.members():
        if member.lower().endswith(".zip"):
            yield root / member


def _walk(source: Source, named: Reader | None, limits: Limits, top: bool,
          parts: list[Part], unread: list[tuple[str, str]]) -> None:
    is_path = isinstance(source, (str, os.PathLike))
    is_folder = is_path and Path(source).is_dir()  # type: ignore[arg-type]
    container = open_container(source, limits)
    try:
        label = container.name
        claims = _claims(container, named, is_folder and named is None)
        if claims and is_folder and named is None and _is_collection(
                Path(source), claims, limits):  # type: ignore[arg-type]
            claims = ()
        if claims:
            parts.append(Part(source, label, claims, None if is_path else container))
            if is_folder:
                for inner in _zips_inside(container, Path(source)):  # type: ignore[arg-type]
                    _walk(inner, None, limits, False, parts, unread)
            return
        if not is_folder or named is not None:
            if top:
                raise UnsupportedFormat(diagnose(container, named), source=label)
            unread.append((label, diagnose(container, named)))
            return
    finally:
        if is_path or not parts or parts[-1].container is not container:
            container.close()
    for item in sorted(Path(source).iterdir()):  # type: ignore[arg-type]
        if item.name.startswith("."):
            unread.append((os.fspath(item), "hidden"))
        elif item.is_symlink():
            unread.append((os.fspath(item), "symlink (not followed)"))
        else:
            _walk(item, None, limits, False, parts, unread)


def plan(sources: list[Source], format: Reader | None, limits: Limits) -> Plan:
    """The parts of ``sources`` to read with ``format`` (``None``: detect).

    A single source that holds nothing readable raises
    :class:`~engagekit.errors.UnsupportedFormat` saying why; so does a list of
    sources of which none holds anything readable.
    """
    parts: list[Part] = []
    unread: list[tuple[str, str]] = []
    for source in sources:
        if isinstance(source, (str, os.PathLike)) and Path(source).is_dir() and format is None:
            before = len(parts)
            _walk(source, None, limits, False, parts, unread)
            if len(parts) == before and len(sources) == 1:
                reasons = _grouped((os.path.relpath(name, source), why)
                                   for name, why in unread) or "it is empty"
                raise UnsupportedFormat(f"no export found in this folder ({reasons})",
                                        source=os.fspath(source))
        else:
            _walk(source, format, limits, len(sources) == 1, parts, unread)
    if not parts:
        raise UnsupportedFormat(f"no export found in any source ({_grouped(unread)})")
    return Plan(tuple(parts), tuple(unread))


def _grouped(unread: Iterable[tuple[str, str]]) -> str:
    """``a.csv, b.csv: why; c.json: why not``: each reason once, after the items it is for."""
    names: dict[str, list[str]] = {}
    for name, why in unread:
        names.setdefault(why, []).append(name)
    return "; ".join(f"{', '.join(items)}: {why}" for why, items in names.items())
