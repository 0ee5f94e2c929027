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
import math
from collections import Counter
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol

import attrs

from engagekit.errors import ParseError, ValidationError
from engagekit.models import Post, Visibility

if TYPE_CHECKING:
    from engagekit.sources.roster import Roster

__all__ = ["Container", "Context", "ErrorMode", "Limits", "ParseReport", "Reader"]

ErrorMode = Literal["raise", "skip", "collect"]

_MiB = 1 << 20
_GiB = 1 << 30


def _count(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not int or value < 1:
        raise ValidationError(
            f"expected an int >= 1, got {value!r} ({type(value).__name__})",
            field=f"Limits.{attr.name}", value=value,
        )


def _ratio(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if type(value) not in (int, float) or not 1 <= value < math.inf:
        raise ValidationError(
            f"expected a finite number >= 1, got {value!r} ({type(value).__name__})",
            field=f"Limits.{attr.name}", value=value,
        )


@attrs.frozen(kw_only=True)
class Limits:
    """Explicit bounds, enforced while reading (not after).

    The defaults admit any real account export and stop zip bombs, depth bombs
    and runaway records early with :class:`~engagekit.errors.LimitExceeded`.
    Every limit is an int >= 1 (``max_ratio`` may be a float); anything else is a
    :class:`~engagekit.errors.ValidationError` naming the field.

    >>> Limits(max_member_bytes=1 << 20).max_member_bytes
    1048576
    """

    max_members: int = attrs.field(default=200_000, validator=_count)
    """Members in one archive or folder (a zip's directory may list no more entries, folders
    included: it is checked before the directory is parsed)."""
    max_member_bytes: int = attrs.field(default=8 * _GiB, validator=_count)
    """Uncompressed bytes of one member."""
    max_total_bytes: int = attrs.field(default=64 * _GiB, validator=_count)
    """Uncompressed bytes over all members read."""
    max_ratio: float = attrs.field(default=200.0, validator=_ratio)
    """Uncompressed / compressed size of one zip member (checked beyond its first MiB)."""
    max_depth: int = attrs.field(default=256, validator=_count)
    """JSON nesting depth."""
    max_record_bytes: int = attrs.field(default=64 * _MiB, validator=_count)
    """Bytes of one record (a JSONL line, one array item) or of a document read whole."""


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
        """The first ``size`` bytes of a member, for sniffing.

        The heads of the first 256 members asked for are remembered, so that
        asking every format's ``detect`` costs one read per member.
        """
        cache: dict[str, tuple[bytes, bool]] = self.__dict__.setdefault("_heads", {})
        known = cache.get(member)
        if known is not None and (len(known[0]) >= size or known[1]):
            return known[0][:size]
        want = max(size, 4096)
        with self.open(member) as handle:
            data = handle.read(want)
        if len(cache) < 256 or member in cache:
            cache[member] = (data, len(data) < want)
        return data[:size]

    @property
    def limits(self) -> Limits:
        """The limits this container enforces while its members are read."""
        limits = getattr(self, "_limits", None)
        return limits if isinstance(limits, Limits) else Limits()

    def label(self, member: str) -> str:
        """How errors name a member: ``archive.zip!content/posts_1.json``."""
        if member == self.name or not member:
            return self.name
        return f"{self.name}!{member}"

    def size(self, member: str) -> int | None:
        """The member's size in bytes as declared (a zip directory can lie), or None."""
        return None

    @property
    def ignored(self) -> Mapping[str, str]:
        """Members left out for safety (unsafe names, links), with the reason."""
        return {}

    def close(self) -> None:  # noqa: B027 - an optional hook: most containers hold nothing
        """Release what the container holds open (an archive); members already open stay."""

    def __enter__(self) -> Container:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class Reader(Protocol):
    """What ``read_posts(..., format=...)`` accepts besides a format name.

    Every platform module (``engagekit.sources.instagram``, ...) has this
    shape, so a module is a reader; so is a
    :class:`~engagekit.sources.csv.CsvReader` with a column mapping.
    """

    @property
    def FORMAT(self) -> str:
        """The format name, such as ``"instagram"``."""
        ...

    def detect(self, container: Container, /) -> bool:
        """Whether ``container`` holds this format (cheap: names, first bytes)."""
        ...

    def read(self, container: Container, ctx: Context, /) -> Iterator[Post]:
        """The posts, streamed."""
        ...


@attrs.define
class ParseReport:
    """What ``read_posts(..., errors="collect")`` returns: every post, every error, every skip.

    ``skipped`` counts records left out by reason (``"invalid"`` for the ones
    in ``errors``, ``"private:followers"``, ...); ``repaired`` counts values
    repaired while decoding (``"lone-surrogate"``); ``format`` is the format read
    (formats joined by ``+`` for several); ``found`` lists each export read as
    ``(source, format)`` and ``unread`` each folder item no format claimed, with
    the reason.
    """

    posts: list[Post] = attrs.field(factory=list)
    errors: list[ParseError] = attrs.field(factory=list)
    skipped: Counter[str] = attrs.field(factory=Counter)
    repaired: Counter[str] = attrs.field(factory=Counter)
    format: str | None = None
    found: tuple[tuple[str, str], ...] = ()
    unread: tuple[tuple[str, str], ...] = ()

    @property
    def ok(self) -> bool:
        """True when no record failed."""
        return not self.errors


class Context:
    """What a reader needs besides its input: the error policy, options and the counts.

    ``part`` is ``None`` when a source is read whole; an ``engagekit.dask`` task's
    context sets it to the share of the source that task reads (see
    ``engagekit.sources._engine.ranges``), which the JSON layer consults.
    """

    part: Any = None

    def __init__(
        self,
        *,
        errors: ErrorMode = "raise",
        include_private: bool = False,
        include_reposts: bool = False,
        roster: Roster | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.errors_mode: ErrorMode = errors
        self.include_private = include_private
        self.include_reposts = include_reposts
        self.roster = roster
        self.limits = limits or Limits()
        self.errors: list[ParseError] = []
        self.skipped: Counter[str] = Counter()
        self.repaired: Counter[str] = Counter()

    def fresh(self) -> Context:
        """A context with the same options and no counts, for reading a source again."""
        return Context(errors=self.errors_mode, include_private=self.include_private,
                       include_reposts=self.include_reposts, roster=self.roster,
                       limits=self.limits)

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

    def keep_repost(self, reason: str, ref: object) -> bool:
        """A record is a repost of ``ref`` (None when the source names nothing it reposts):
        True when it is read (``include_reposts``, and something to point at), otherwise
        False, having counted it as skipped under ``reason``."""
        if self.include_reposts and ref is not None:
            return True
        self.skipped[reason] += 1
        return False

    def repair(self, reason: str, count: int = 1) -> None:
        """A value was repaired while decoding (e.g. ``"lone-surrogate"``): count it."""
        self.repaired[reason] += count

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
