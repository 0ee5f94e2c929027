"""Column mappings for other tools' CSVs, the built-in ones, and the zone abbreviations.

Private to :mod:`engagekit.sources.csv`, which re-exports :class:`CsvMapping`,
:data:`TWARC_CSV`, :data:`CROWDTANGLE_FACEBOOK`, :data:`MAPPINGS` and
:data:`ZONE_ABBREVIATIONS`; import them from there.

>>> TWARC_CSV.matches(["id", "created_at", "text", "author_id", "conversation_id",
...                    "public_metrics.like_count"])
True
>>> time_zone("-05:00")
datetime.timezone(datetime.timedelta(days=-1, seconds=68400))
"""

from __future__ import annotations

import functools
import json
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from datetime import timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, Literal

import attrs

from engagekit.errors import ParseError, ValidationError
from engagekit.models import Platform

__all__ = [
    "CROWDTANGLE_FACEBOOK", "MAPPINGS", "TWARC_CSV", "ZONE_ABBREVIATIONS", "CsvMapping",
    "time_zone",
]

#: Time zone abbreviations and their UTC offsets in hours. Ambiguous ones take their North
#: American or European meaning (CST is US Central, not China; BST is British Summer Time;
#: AST is Atlantic); IST (India, Ireland or Israel) is left out on purpose.
ZONE_ABBREVIATIONS: Mapping[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "EET": 2,
    "EEST": 3, "MSK": 3, "NST": -3.5, "NDT": -2.5, "AST": -4, "ADT": -3, "EST": -5, "EDT": -4,
    "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8,
    "HST": -10, "AWST": 8, "JST": 9, "KST": 9, "ACST": 9.5, "ACDT": 10.5, "AEST": 10,
    "AEDT": 11, "NZST": 12, "NZDT": 13,
}

_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})\Z")


@functools.lru_cache(maxsize=64)
def time_zone(name: str) -> tzinfo:
    """A time zone by ``"UTC"``, a fixed offset such as ``"-05:00"``, or an IANA name."""
    if name.upper() in ("UTC", "Z"):
        return timezone.utc
    fixed = _OFFSET.match(name)
    if fixed:
        sign = -1 if fixed.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(fixed.group(2)), minutes=int(fixed.group(3))))
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None


def _check_zone(inst: Any, attr: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        try:
            time_zone(value)
        except ValueError as exc:
            raise ValidationError(str(exc), field=f"{type(inst).__name__}.{attr.name}",
                                  value=value) from None


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a sequence of column names, got the str {value!r}")
    return tuple(value)


@attrs.frozen(kw_only=True)
class CsvMapping:
    """Which column of another tool's CSV holds which :class:`~engagekit.models.Post` field.

    Column names are exact header cells; ``None`` means the CSV has no such
    column. Entity columns (``hashtags`` ...) hold lists, as JSON (``lists="json"``)
    or separated by white space; a sigil (``#``, ``@``, ``$``) is optional. When
    the mapping names no column for a family, it is extracted from the text.
    ``extra`` names columns copied into ``Post.extra`` (a trailing ``*`` matches
    by prefix). ``signature`` names columns that tell this tool's CSV apart.
    """

    name: str
    platform: Platform = attrs.field(converter=Platform)
    id: str
    created_at: str
    text: str
    dialect: str | None = None  #: text dialect; by default from the platform
    author_handle: str | None = None
    author_id: str | None = None
    author_name: str | None = None
    url: str | None = None
    url_template: str | None = None  #: e.g. ``"https://x.com/{author_handle}/status/{id}"``
    lang: str | None = None
    reply_to: str | None = None
    likes: str | None = None
    comments: str | None = None
    shares: str | None = None
    views: str | None = None
    hashtags: str | None = None
    mentions: str | None = None
    links: str | None = None
    cashtags: str | None = None
    lists: Literal["json", "space"] = "space"
    coordinates: str | None = None  #: a cell ``[longitude, latitude]`` (GeoJSON order)
    #: a cell holding a JSON list of X API v2 media objects (``type``, ``url``,
    #: ``preview_image_url``, ``width``, ``height``, ``duration_ms``, ``alt_text``)
    media: str | None = None
    place_name: str | None = None
    place_id: str | None = None
    country_code: str | None = None
    #: a filled cell marks a repost and holds the reposted post's id: skipped (counted as
    #: ``repost_reason``), or read with ``include_reposts`` with ``Post.repost_of`` set
    repost: str | None = None
    repost_reason: str = "repost"
    escaped_newlines: bool = False  #: ``\\n`` in a cell stands for a line break (twarc-csv)
    html_escaped: bool = False  #: text has ``&amp; &lt; &gt;`` (X/Twitter)
    time_format: str | None = None  #: a strptime pattern when times are not ISO 8601
    timezone: str | None = attrs.field(default=None, validator=_check_zone)  #: for naive times
    extra: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    signature: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> CsvMapping:
        """A mapping from a ``.toml`` or ``.json`` file whose keys are this class's fields.

        ``name`` may be left out: it is then the file's name without its suffix. Any
        problem with the file (not TOML or JSON, an unknown key, a wrong value) is a
        :class:`~engagekit.errors.ParseError` naming the file and the key.

        >>> import pathlib, tempfile
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "page-export.toml"
        >>> _ = file.write_text('''
        ... platform = "facebook"
        ... id = "Post ID"
        ... created_at = "Publish time"
        ... text = "Description"
        ... time_format = "%m/%d/%Y %H:%M"
        ... timezone = "America/Chicago"
        ... ''')
        >>> mapping = CsvMapping.load(file)
        >>> mapping.name, mapping.platform.value, mapping.created_at
        ('page-export', 'facebook', 'Publish time')
        """
        from engagekit.io.dicts import from_dict

        where = os.fspath(path)
        suffix = Path(where).suffix.lower()
        if suffix not in (".toml", ".json"):
            raise ParseError(f"expected a .toml or .json file of CSV columns, not {suffix!r}"
                             if suffix else "expected a .toml or .json file of CSV columns",
                             source=where)
        raw = Path(where).read_bytes()
        try:
            text = raw.decode("utf-8-sig")
            data = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
            kind = "UTF-8" if isinstance(exc, UnicodeDecodeError) else suffix[1:].upper()
            raise ParseError(f"not valid {kind}: {exc}", source=where) from None
        if type(data) is dict:
            data.setdefault("name", Path(where).stem)
        try:
            return from_dict(data, cls, source=where)
        except ParseError as err:
            if "unknown key" not in err.message:
                raise
            keys = ", ".join(a.name for a in attrs.fields(cls))
            raise ParseError(f"{err.message}; the keys are {keys}", source=where,
                             path=err.path) from None

    @property
    def required(self) -> tuple[str, ...]:
        """The columns a CSV must have to be read with this mapping."""
        return tuple(dict.fromkeys((self.id, self.created_at, self.text, *self.signature)))

    def matches(self, header: Iterable[str]) -> bool:
        """Whether a CSV with this header can be read with this mapping."""
        return set(self.required) <= set(header)


#: twarc-csv's default tweet columns (``twarc2 csv``).
TWARC_CSV = CsvMapping(
    name="twarc-csv", platform=Platform.TWITTER, id="id", created_at="created_at",
    text="text", author_handle="author.username", author_id="author_id",
    author_name="author.name", url_template="https://x.com/{author_handle}/status/{id}",
    lang="lang", reply_to="referenced_tweets.replied_to.id", likes="public_metrics.like_count",
    comments="public_metrics.reply_count", shares="public_metrics.retweet_count",
    views="public_metrics.impression_count", hashtags="entities.hashtags",
    mentions="entities.mentions", links="entities.urls", cashtags="entities.cashtags",
    lists="json", coordinates="geo.coordinates.coordinates", media="attachments.media",
    place_name="geo.full_name", place_id="geo.place_id", country_code="geo.country_code",
    repost="referenced_tweets.retweeted.id", repost_reason="retweet", escaped_newlines=True,
    html_escaped=True,
    extra=("conversation_id", "referenced_tweets.quoted.id", "public_metrics.quote_count",
           "source"),
    signature=("author_id", "conversation_id", "public_metrics.like_count"),
)

#: CrowdTangle's "Historical Data" CSV of Facebook page posts. It has no post id
#: column: the post's URL is its id.
CROWDTANGLE_FACEBOOK = CsvMapping(
    name="crowdtangle-facebook", platform=Platform.FACEBOOK, dialect="instagram", id="URL",
    created_at="Post Created", text="Message", author_handle="User Name",
    author_id="Facebook Id", author_name="Page Name", url="URL", likes="Likes",
    comments="Comments", shares="Shares", views="Post Views", links="Link",
    extra=("Type", "Total Interactions", "Love", "Wow", "Haha", "Sad", "Angry", "Care",
           "Link Text", "Description", "Image Text", "Final Link", "Sponsor Name",
           "Overperforming Score*"),
    signature=("Page Name", "Facebook Id", "Total Interactions"),
)

#: The built-in mappings, tried in this order.
MAPPINGS = (TWARC_CSV, CROWDTANGLE_FACEBOOK)
