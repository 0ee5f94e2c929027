"""Who posts: platform accounts, agencies and officers."""

from __future__ import annotations

import attrs
from slugify import slugify

from engagekit.models import _checks as c
from engagekit.models._enums import Platform
from engagekit.models._place import Location

__all__ = ["Account", "Agency", "Officer"]


@attrs.frozen(kw_only=True)
class Account:
    """An account on one platform; ``handle`` without its ``@``.

    >>> Account(platform="instagram", handle="@northlittlerockpd").handle
    'northlittlerockpd'
    """

    platform: Platform = attrs.field(converter=c.to_platform, validator=c.is_enum(Platform))
    handle: str = attrs.field(converter=c.strip_at, validator=c.is_nonempty_str)
    id: str | None = attrs.field(default=None, validator=c.is_opt_str)
    display_name: str | None = attrs.field(
        default=None, converter=c.nfc_opt, validator=c.is_opt_str
    )

    @property
    def key(self) -> tuple[Platform, str]:
        """Identity across spellings: the platform and the case-folded handle."""
        return (self.platform, self.handle.casefold())


@attrs.frozen(kw_only=True)
class Agency:
    """An agency or organisation, with the accounts it posts from."""

    name: str = attrs.field(converter=c.nfc, validator=c.is_nonempty_str)
    location: Location | None = attrs.field(
        default=None, validator=c.instance_of(Location, optional=True)
    )
    accounts: tuple[Account, ...] = attrs.field(
        default=(), converter=c.to_tuple, validator=c.tuple_of(Account)
    )

    @property
    def slug(self) -> str:
        """The name, slugified: ``north-little-rock-police-department``."""
        return str(slugify(self.name))


@attrs.frozen(kw_only=True)
class Officer:
    """A person who posts about community work, with rank, badge and agency when known."""

    name: str = attrs.field(converter=c.nfc, validator=c.is_nonempty_str)
    rank: str | None = attrs.field(default=None, validator=c.is_opt_str)
    badge: str | None = attrs.field(default=None, validator=c.is_opt_str)
    agency: Agency | None = attrs.field(
        default=None, validator=c.instance_of(Agency, optional=True)
    )
    accounts: tuple[Account, ...] = attrs.field(
        default=(), converter=c.to_tuple, validator=c.tuple_of(Account)
    )

    @property
    def slug(self) -> str:
        """The name, slugified: ``jordan-reyes``."""
        return str(slugify(self.name))
