"""The shape every platform reader shares.

A reader module (``sources/instagram.py``, ``sources/mastodon.py``, ...) has:

``FORMAT``
    its format name, such as ``"instagram"``;
``detect(container) -> bool``
    a cheap test (member names, a peek at the first bytes) whether the
    container holds this format;
``read(container, ctx) -> Iterator[Post]``
    the posts, streamed; bad records go to ``ctx.fail(error)`` and records
    deliberately left out to ``ctx.skip(reason)``, so nothing is dropped
    without being counted.

A :class:`Container` hides whether the input was a single file, a folder or a
zip archive: members have ``/``-separated names relative to its root, and
member names are data, never joined to a filesystem path by a reader.
"""

from __future__ import annotations

import abc
from collections import Counter
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Literal

import attrs

from engagekit.errors import ParseError
from engagekit.models import Post, Visibility

if TYPE_CHECKING:
    from engagekit.sources.roster import Roster

__all__ = ["Container", "Context", "ErrorMode", "Limits", "ParseReport"]

ErrorMode = Literal["raise", "skip", "collect"]

_MiB = 1 << 20
_GiB = 1 << 30


@attrs.frozen(kw_only=True)
class Limits:
    """Explicit bounds, enforced while reading (not after).

    The defaults admit any real account export and stop zip bombs, depth bombs
    and runaway records early with :class:`~engagekit.errors.LimitExceeded`.
    """

    max_members: int = 200_000  #: members in one archive or folder
    max_member_bytes: int = 8 * _GiB  #: uncompressed bytes of one member
    max_total_bytes: int = 64 * _GiB  #: uncompressed bytes over all members read
    max_ratio: float = 200.0  #: uncompressed / compressed size of one zip member
    max_depth: int = 256  #: JSON nesting depth
    max_record_bytes: int = 64 * _MiB  #: bytes of one record (a JSONL line, one array item)


class Container(abc.ABC):
    """A file, a folder or an archive, seen as named members."""

    #: What error messages call this input: a path or ``"<stream>"``.
    name: str

    @abc.abstractmethod
    def members(self) -> list[str]:
        """Member names, ``/``-separated, relative to the root, sorted."""

    @abc.abstractmethod
    def open(self, member: str) -> IO[bytes]:
        """Open a member for binary reading; limits are enforced while it is read."""

    def find(self, *suffixes: str) -> list[str]:
        """Members whose name is, or ends with ``/`` plus, one of ``suffixes``."""
        out = []
        for member in self.members():
            for suffix in suffixes:
                if member == suffix or member.endswith("/" + suffix):
                    out.append(member)
                    break
        return out

    def head(self, member: str, size: int = 4096) -> bytes:
        """The first ``size`` bytes of a member, for sniffing."""
        with self.open(member) as handle:
            return handle.read(size)

    def label(self, member: str) -> str:
        """How errors name a member: ``archive.zip!content/posts_1.json``."""
        if member == self.name or not member:
            return self.name
        return f"{self.name}!{member}"


@attrs.define
class ParseReport:
    """What ``read_posts(..., errors="collect")`` returns: every post, every error, every skip."""

    posts: list[Post] = attrs.field(factory=list)
    errors: list[ParseError] = attrs.field(factory=list)
    skipped: Counter[str] = attrs.field(factory=Counter)

    @property
    def ok(self) -> bool:
        """True when no record failed."""
        return not self.errors


class Context:
    """What a reader needs besides its input: the error policy, options and the counts."""

    def __init__(
        self,
        *,
        errors: ErrorMode = "raise",
        include_private: bool = False,
        roster: Roster | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.errors_mode: ErrorMode = errors
        self.include_private = include_private
        self.roster = roster
        self.limits = limits or Limits()
        self.errors: list[ParseError] = []
        self.skipped: Counter[str] = Counter()

    def fail(self, error: ParseError) -> None:
        """A record could not be read: raise, or count it (and keep it when collecting)."""
        if self.errors_mode == "raise":
            raise error
        self.skipped["invalid"] += 1
        if self.errors_mode == "collect":
            self.errors.append(error)

    def skip(self, reason: str, count: int = 1) -> None:
        """A record was left out on purpose (a boost, a private post, ...): count it."""
        self.skipped[reason] += count

    def admit(self, post: Post) -> Post | None:
        """Apply the options every reader shares: privacy filter and roster.

        Returns the post to yield, or ``None`` when it is left out (and counted).
        """
        if not self.include_private and post.visibility in (
            Visibility.FOLLOWERS,
            Visibility.DIRECT,
        ):
            self.skip(f"private:{post.visibility.value}")
            return None
        if self.roster is not None:
            post = self.roster.attach(post)
        return post

