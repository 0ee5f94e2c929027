"""Places: coordinates and named locations."""

from __future__ import annotations

import math
from typing import Any

import attrs
from slugify import slugify

from engagekit.errors import ValidationError
from engagekit.models import _checks as c

__all__ = ["COUNTRY_CODES", "Coordinates", "Location"]

_ASSIGNED = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
"""

#: The officially assigned ISO 3166-1 alpha-2 country codes.
COUNTRY_CODES = frozenset(_ASSIGNED.split())


def _degrees(limit: float) -> c.Validator:
    def check(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
        if (
            type(value) not in (int, float)
            or not math.isfinite(value)
            or not -limit <= value <= limit
        ):
            raise ValidationError(
                f"expected a number from {-limit:g} to {limit:g}, "
                f"got {value!r} ({type(value).__name__})",
                field=f"Coordinates.{attr.name}",
                value=value,
            )

    # the same test for engagekit.io._codegen to write inline (NaN and inf fail the range)
    check.inline = (  # type: ignore[attr-defined]
        f"(type(v) is float or type(v) is int) and {-limit!r} <= v <= {limit!r}"
    )
    return check


def _country(value: str | None) -> str | None:
    if type(value) is str and len(value) == 2 and value.isascii():
        return value.upper()
    return value


_country.unchanged = (  # type: ignore[attr-defined]
    "v is None or (type(v) is str and v in {0})", (COUNTRY_CODES,)
)


def _is_country(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value not in COUNTRY_CODES:
        raise ValidationError(
            f"expected an ISO 3166-1 alpha-2 code such as 'US' or None, "
            f"got {value!r} ({type(value).__name__})",
            field="Location.country",
            value=value,
        )


_is_country.inline = (  # type: ignore[attr-defined]
    "v is None or (type(v) is str and v in {0})", (COUNTRY_CODES,)
)


@attrs.frozen(kw_only=True)
class Coordinates:
    """A point in WGS 84 degrees.

    >>> Coordinates(latitude=34.77, longitude=-92.27)
    Coordinates(latitude=34.77, longitude=-92.27)
    """

    latitude: float = attrs.field(validator=_degrees(90.0))
    longitude: float = attrs.field(validator=_degrees(180.0))

    def as_geojson(self) -> tuple[float, float]:
        """The point in GeoJSON order: ``(longitude, latitude)``."""
        return (self.longitude, self.latitude)


@attrs.frozen(kw_only=True)
class Location:
    """A named place, as precise as the source allows.

    >>> loc = Location(name="Burns Park", locality="North Little Rock", region="AR", country="us")
    >>> loc.country, loc.slug
    ('US', 'us-ar-north-little-rock-burns-park')
    """

    name: str = attrs.field(converter=c.nfc, validator=c.is_nonempty_str)
    locality: str | None = attrs.field(default=None, converter=c.nfc_opt, validator=c.is_opt_str)
    region: str | None = attrs.field(default=None, converter=c.nfc_opt, validator=c.is_opt_str)
    country: str | None = attrs.field(default=None, converter=_country, validator=_is_country)
    coordinates: Coordinates | None = attrs.field(
        default=None, validator=c.instance_of(Coordinates, optional=True)
    )
    address: str | None = attrs.field(default=None, converter=c.nfc_opt, validator=c.is_opt_str)
    id: str | None = attrs.field(default=None, validator=c.is_opt_str)

    @property
    def slug(self) -> str:
        """Country, region, locality and name, slugified: ``us-ar-north-little-rock``."""
        parts = [self.country, self.region, self.locality]
        if self.name != self.locality:
            parts.append(self.name)
        return str(slugify(" ".join(p for p in parts if p)))
