"""The dialects: which platform's rules decide what counts as an entity."""

from __future__ import annotations

from engagekit.errors import ValidationError

__all__ = ["DIALECTS", "check_dialect"]

#: The supported dialects; ``"twitter"`` is the reference (twitter-text conformance).
DIALECTS: tuple[str, ...] = ("twitter", "instagram", "mastodon", "bluesky")


def check_dialect(dialect: str) -> str:
    """Return ``dialect`` if it is known, else raise :class:`ValidationError`."""
    if dialect in DIALECTS:
        return dialect
    allowed = ", ".join(repr(d) for d in DIALECTS)
    raise ValidationError(
        f"expected one of {allowed}, got {dialect!r} ({type(dialect).__name__})",
        field="dialect",
        value=dialect,
    )
