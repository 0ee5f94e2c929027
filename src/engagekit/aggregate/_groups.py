"""What a post belongs to, for per-group results: its platform, author, officer, agency or place.

Every per-group result (``by_author`` and the others, and ``timeline(by=...)``)
labels groups through :func:`grouping`, so a group is named the same way
everywhere. A post with no such attribute falls in the group ``None``.

>>> from datetime import datetime, timezone
>>> from engagekit.models import Account, Location, Post
>>> post = Post(id="1", platform="instagram", created_at=datetime(2024, 5, 2, tzinfo=timezone.utc),
...             author=Account(platform="instagram", handle="SpringfieldPD"),
...             location=Location(name="Burns Park", locality="Springfield", region="IL",
...                               country="US"))
>>> [grouping(by)(post) for by in GROUPINGS]
['instagram', 'instagram:springfieldpd', None, None, 'Burns Park, Springfield, IL, US']
"""

from __future__ import annotations

from collections.abc import Callable

from engagekit.aggregate._base import author_key
from engagekit.errors import ArgumentError
from engagekit.models import Location, Post
from engagekit.sources.roster import Roster

__all__ = ["GROUPINGS", "Grouping", "grouping", "location_label"]

Grouping = Callable[[Post], str | None]

#: The groupings by name, in the order the docs list them.
GROUPINGS = ("platform", "author", "officer", "agency", "location")


def location_label(location: Location) -> str:
    """A place as one readable string: name, locality, region, country (repeats left out)."""
    parts: list[str] = []
    for part in (location.name, location.locality, location.region, location.country):
        if part and part not in parts:
            parts.append(part)
    return ", ".join(parts)


def _platform(post: Post) -> str:
    return post.platform.value


def _officer(post: Post) -> str | None:
    return None if post.officer is None else post.officer.name


def _location(post: Post) -> str | None:
    return None if post.location is None else location_label(post.location)


def _agency(roster: Roster | None) -> Grouping:
    def agency(post: Post) -> str | None:
        officer = post.officer
        if officer is not None and officer.agency is not None:
            return officer.agency.name
        if roster is not None and post.author is not None:
            found = roster.agency_for(post.author)
            return None if found is None else found.name
        return None

    return agency


def grouping(by: str, *, roster: Roster | None = None, argument: str = "by") -> Grouping:
    """The function naming a post's group for ``by`` (one of :data:`GROUPINGS`).

    A post's agency is its officer's agency or, with a ``roster``, the agency
    whose own account posted it.
    """
    if by == "platform":
        return _platform
    if by == "author":
        return author_key
    if by == "officer":
        return _officer
    if by == "agency":
        return _agency(roster)
    if by == "location":
        return _location
    raise ArgumentError(f"expected one of {', '.join(map(repr, GROUPINGS))}",
                        argument=argument, value=by)
