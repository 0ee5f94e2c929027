"""Erase an account's or a post's data from files written by ``engagekit.io``.

Each file is read as a stream and written again without the matching posts,
through the same atomic writers that made it (a temporary file beside it,
renamed over it at the end): a failure, or an interruption, leaves the old
file as it was. A file with nothing to remove is not rewritten at all.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from engagekit.errors import ArgumentError
from engagekit.models import Account, Post

__all__ = ["ErasedFile", "ErasureReport", "erase"]

PathLike = str | os.PathLike[str]

_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}


@attrs.frozen(kw_only=True)
class ErasedFile:
    """What :func:`erase` did to one file: how many posts it removed and kept."""

    path: str
    format: str
    removed: int
    kept: int


@attrs.frozen(kw_only=True)
class ErasureReport:
    """Per file, how many posts :func:`erase` removed and kept."""

    files: tuple[ErasedFile, ...] = ()

    @property
    def removed(self) -> int:
        """Posts removed, over every file."""
        return sum(f.removed for f in self.files)

    @property
    def kept(self) -> int:
        """Posts kept, over every file."""
        return sum(f.kept for f in self.files)


class _Unchanged(Exception):
    """Raised at the end of a file with nothing to remove, so its writer keeps the old file."""


def _collection(value: object, argument: str) -> list[object]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ArgumentError("expected a collection (a list or set), not a single value",
                            argument=argument, value=value)
    return list(value)


def _matcher(accounts: Iterable[Account | str], ids: Iterable[str]) -> Callable[[Post], bool]:
    post_ids = set()
    for value in _collection(ids, "ids"):
        if type(value) is not str or not value:
            raise ArgumentError("expected post ids as non-empty str", argument="ids", value=value)
        post_ids.add(value)
    keys: set[tuple[object, str]] = set()
    anywhere: set[str] = set()
    for account in _collection(accounts, "accounts"):
        if isinstance(account, Account):
            keys.add((account.platform, "h:" + account.handle.casefold()))
            if account.id is not None:
                keys.add((account.platform, "i:" + account.id))
        elif type(account) is str and account.lstrip("@＠"):
            anywhere.add(account.lstrip("@＠").casefold())
        else:
            raise ArgumentError("expected an Account, or a handle or account id as str",
                                argument="accounts", value=account)
    if not post_ids and not keys and not anywhere:
        raise ArgumentError("expected at least one account or post id to erase",
                            argument="accounts", value=())

    def matches(post: Post) -> bool:
        if post.id in post_ids:
            return True
        author = post.author
        if author is None:
            return False
        handle = author.handle.casefold()
        return (handle in anywhere or (author.id is not None and author.id.casefold() in anywhere)
                or (author.platform, "h:" + handle) in keys
                or (author.id is not None and (author.platform, "i:" + author.id) in keys))

    return matches


def _files(paths: PathLike | Iterable[PathLike]) -> list[tuple[Path, str]]:
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    out: list[tuple[Path, str]] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.parquet") if p.is_file() and not any(
                part.startswith((".", "_")) for part in p.relative_to(path).parts))
            out.extend((p, "parquet") for p in found)
            continue
        if not path.exists():
            raise FileNotFoundError(str(path))
        kind = _FORMATS.get(path.suffix.lower())
        if kind is None:
            raise ArgumentError("expected engagekit JSON Lines (.jsonl), CSV (.csv) or Parquet "
                                "(.parquet) files, or a directory of Parquet files",
                                argument="paths", value=str(path))
        out.append((path, kind))
    return out


def _filtered(posts: Iterator[Post], matches: Callable[[Post], bool],
              counts: list[int]) -> Iterator[Post]:
    for post in posts:
        if matches(post):
            counts[0] += 1
        else:
            counts[1] += 1
            yield post
    if not counts[0]:
        raise _Unchanged


def _rewrite(path: Path, kind: str, matches: Callable[[Post], bool]) -> ErasedFile:
    counts = [0, 0]
    if kind == "jsonl":
        from engagekit.io.jsonl import read_jsonl, write_jsonl

        def run() -> object:
            return write_jsonl(
                    _filtered(read_jsonl(path), matches, counts), path, cls=Post)
    elif kind == "csv":
        from engagekit.io.csv import read_csv, write_csv

        with path.open("rb") as handle:
            bom = handle.read(3) == b"\xef\xbb\xbf"
        run = lambda: write_csv(_filtered(read_csv(path), matches, counts), path,  # noqa: E731
                                spreadsheet_safe=bom)
    else:
        from engagekit.io.arrow import read_parquet, write_parquet  # needs the arrow extra

        run = lambda: write_parquet(_filtered(read_parquet(path), matches, counts), path)  # noqa: E731
    with contextlib.suppress(_Unchanged):
        run()
    return ErasedFile(path=str(path), format=kind, removed=counts[0], kept=counts[1])


def erase(paths: PathLike | Iterable[PathLike], *, accounts: Iterable[Account | str] = (),
          ids: Iterable[str] = ()) -> ErasureReport:
    """Remove the posts of ``accounts`` and the posts ``ids`` from engagekit's own files.

    ``paths`` is a file or a list of them: JSON Lines (``.jsonl``), CSV
    (``.csv``) and Parquet (``.parquet``, or a directory written by
    ``write_parquet(..., partition_by=...)``; Parquet needs the ``arrow``
    extra). An :class:`~engagekit.Account` matches posts whose author has the
    same platform and handle (case-insensitively) or account id; a str matches
    an author's handle or account id on any platform. Every file is checked
    before any is changed. A CSV that starts with a byte order mark is written
    back spreadsheet-safe, as it was written.

    >>> import engagekit as ek, pathlib, tempfile
    >>> from datetime import datetime, timezone
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> when = datetime(2026, 5, 2, tzinfo=timezone.utc)
    >>> posts = [ek.Post(id=str(i), platform="instagram", created_at=when,
    ...                  author=ek.Account(platform="instagram", handle=h))
    ...          for i, h in enumerate(["springfieldpd", "neighbour.jo", "springfieldpd"])]
    >>> path = folder / "posts.jsonl"
    >>> ek.write_jsonl(posts, path)
    3
    >>> ek.erase(path, accounts=["Neighbour.Jo"]).files[0]
    ErasedFile(path='...posts.jsonl', format='jsonl', removed=1, kept=2)
    """
    matches = _matcher(accounts, ids)
    files = _files(paths)
    return ErasureReport(files=tuple(_rewrite(path, kind, matches) for path, kind in files))
