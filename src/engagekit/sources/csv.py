"""CSV: engagekit's own flat layout (read and written), and other tools' CSVs by column mapping.

engagekit's CSV has one row per post and the columns :data:`COLUMNS`; the
first, ``engagekit``, holds the layout version (``1``) on every row, which is
how the format is told. Other tools' CSVs are read through a
:class:`CsvMapping`; the built-in ones (:data:`TWARC_CSV`,
:data:`CROWDTANGLE_FACEBOOK`) are recognized by their header. A user mapping
is read with ``read_posts(path, format=CsvReader(mapping=...))``.

Timestamps with a zone abbreviation (``2021-07-06 16:45:20 EDT``) use the
fixed offsets of :data:`ZONE_ABBREVIATIONS`; an abbreviation not in it is an
error, never a guess. An id a spreadsheet turned into a number
(``1.22158E+17``) is an error: its digits are gone.

>>> import io
>>> from datetime import datetime, timezone
>>> from engagekit.models import Post
>>> out = io.BytesIO()
>>> write_csv([Post(id="1", platform="mastodon", text="Bike rodeo! #SafeStreets",
...                 created_at=datetime(2023, 6, 3, 17, tzinfo=timezone.utc),
...                 hashtags=["SafeStreets"])], out)
1
>>> out.getvalue().splitlines()[1][:60]
b'1,1,mastodon,2023-06-03T17:00:00Z,Bike rodeo! #SafeStreets,,'
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime, timedelta, timezone, tzinfo
from typing import IO, Any, ClassVar, Literal

import attrs
import orjson

from engagekit.errors import ParseError, ValidationError
from engagekit.io import converter
from engagekit.io._atomic import atomic_binary
from engagekit.models import (
    Account,
    Agency,
    Cashtag,
    Coordinates,
    Emoji,
    Engagement,
    Hashtag,
    Link,
    Location,
    Media,
    Mention,
    Officer,
    Platform,
    Post,
    TextQuality,
)
from engagekit.sources._base import Container, Context
from engagekit.sources._fields import convert_each
from engagekit.sources._meta import point_name
from engagekit.sources._twitter import Unescaped
from engagekit.text import text_fields

__all__ = [
    "COLUMNS", "CROWDTANGLE_FACEBOOK", "CSV_VERSION", "FORMAT", "MAPPINGS", "TWARC_CSV",
    "ZONE_ABBREVIATIONS", "CsvMapping", "CsvReader", "detect", "read", "write_csv",
]

FORMAT = "csv"
#: The version of engagekit's CSV layout, written in the ``engagekit`` column.
CSV_VERSION = 1
#: engagekit's CSV columns, in order.
COLUMNS = (
    "engagekit", "id", "platform", "created_at", "text", "author_handle", "author_id",
    "author_name", "officer", "officer_rank", "officer_badge", "agency", "hashtags", "mentions",
    "links", "cashtags", "emoji", "media", "tagged", "location_name", "location_locality",
    "location_region", "location_country", "location_address", "location_id", "latitude",
    "longitude", "likes", "comments", "shares", "views", "visibility", "url", "reply_to", "lang",
    "lost_glyphs", "repairs", "extra",
)

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

_MANGLED = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+|\d+\.0+")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
_ZONE_SUFFIX = re.compile(r"\s+([A-Za-z]{1,5})\Z")
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})\Z")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_DIALECTS = {Platform.TWITTER: "twitter", Platform.MASTODON: "mastodon",
             Platform.BLUESKY: "bluesky"}


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> tzinfo:
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
        _zone(value)


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
    place_name: str | None = None
    place_id: str | None = None
    country_code: str | None = None
    repost: str | None = None  #: a filled cell marks a repost, skipped as ``repost_reason``
    repost_reason: str = "repost"
    escaped_newlines: bool = False  #: ``\\n`` in a cell stands for a line break (twarc-csv)
    html_escaped: bool = False  #: text has ``&amp; &lt; &gt;`` (X/Twitter)
    time_format: str | None = None  #: a strptime pattern when times are not ISO 8601
    timezone: str | None = attrs.field(default=None, validator=_check_zone)  #: for naive times
    extra: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    signature: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def matches(self, header: Iterable[str]) -> bool:
        """Whether a CSV with this header can be read with this mapping."""
        names = set(header)
        return {self.id, self.created_at, self.text, *self.signature} <= names


#: twarc-csv's default tweet columns (``twarc2 csv``).
TWARC_CSV = CsvMapping(
    name="twarc-csv", platform=Platform.TWITTER, id="id", created_at="created_at",
    text="text", author_handle="author.username", author_id="author_id",
    author_name="author.name", url_template="https://x.com/{author_handle}/status/{id}",
    lang="lang", reply_to="referenced_tweets.replied_to.id", likes="public_metrics.like_count",
    comments="public_metrics.reply_count", shares="public_metrics.retweet_count",
    views="public_metrics.impression_count", hashtags="entities.hashtags",
    mentions="entities.mentions", links="entities.urls", cashtags="entities.cashtags",
    lists="json", coordinates="geo.coordinates.coordinates", place_name="geo.full_name",
    place_id="geo.place_id", country_code="geo.country_code",
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


class _Row:
    """One CSV row by column name, with positioned errors."""

    __slots__ = ("cells", "label", "record")

    def __init__(self, cells: dict[str, str], label: str, record: int) -> None:
        self.cells, self.label, self.record = cells, label, record

    def error(self, message: str, column: str) -> ParseError:
        path = f"$.{column}" if _NAME.match(column) else f"$[{column!r}]"
        return ParseError(message, source=self.label, record=self.record, path=path)

    def get(self, column: str | None) -> str:
        if column is None:
            return ""
        value = self.cells.get(column, "")
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise self.error("invalid UTF-8 bytes", column) from None
        return value

    def opt(self, column: str | None) -> str | None:
        """The cell without surrounding white space, or None when that leaves nothing."""
        return self.get(column).strip() or None

    def cell(self, column: str) -> str | None:
        """The cell exactly, or None when it is empty (engagekit's own layout)."""
        return self.get(column) or None

    def key(self, column: str) -> str:
        value = self.ident(column)
        if value is None:
            raise self.error("required cell is empty", column)
        return value

    def ident(self, column: str | None) -> str | None:
        value = self.opt(column)
        if value is None:
            return None
        if _MANGLED.fullmatch(value):
            raise self.error(f"id {value!r} was turned into a number by a spreadsheet and its "
                             "digits are lost; export the data again without opening it in one",
                             column or "")
        return value

    def count(self, column: str | None) -> int | None:
        value = self.opt(column)
        if value is None:
            return None
        if _GROUPED.fullmatch(value):
            value = value.replace(",", "")
        if value.endswith(".0"):  # pandas writes counts of a column with gaps as floats
            value = value[:-2]
        if not (value.isascii() and value.isdigit()):
            raise self.error(f"expected a count, got {value!r}", column or "")
        return int(value)

    def number(self, column: str) -> float | None:
        value = self.opt(column)
        try:
            return None if value is None else float(value)
        except ValueError:
            raise self.error(f"expected a number, got {value!r}", column) from None

    def json(self, column: str | None) -> Any:
        value = self.opt(column)
        try:
            return None if value is None else orjson.loads(value)
        except orjson.JSONDecodeError as exc:
            raise self.error(f"invalid JSON: {exc}", column or "") from None

    def time(self, column: str, mapping: CsvMapping | None = None) -> datetime:
        value = self.get(column).strip()
        zone: tzinfo | None = None
        pattern = None if mapping is None else mapping.time_format
        suffix = _ZONE_SUFFIX.search(value)
        abbreviation = suffix.group(1).upper() if suffix else ""
        if suffix and abbreviation in ZONE_ABBREVIATIONS:
            hours = ZONE_ABBREVIATIONS[abbreviation]
            zone, value = timezone(timedelta(hours=hours)), value[: suffix.start()]
        elif suffix and pattern is None and abbreviation not in ("AM", "PM"):
            raise self.error(f"unknown time zone abbreviation {suffix.group(1)!r} (see "
                             "engagekit.sources.csv.ZONE_ABBREVIATIONS)", column)
        try:
            if pattern is not None:
                when = datetime.strptime(value, pattern)
            else:
                when = datetime.fromisoformat(value)
        except ValueError:
            raise self.error(f"expected a date and time, got {self.get(column)!r}",
                             column) from None
        if when.tzinfo is None:
            if zone is None and mapping is not None and mapping.timezone is not None:
                zone = _zone(mapping.timezone)
            if zone is None:
                raise self.error(f"{self.get(column)!r} has no time zone (set the mapping's "
                                 "timezone)", column)
            when = when.replace(tzinfo=zone)
        elif zone is not None:
            raise self.error(f"{self.get(column)!r} has two time zones", column)
        return when

    def tokens(self, column: str, style: str) -> list[str]:
        if style == "space":
            return self.get(column).split()
        value = self.json(column)
        if value is None:
            return []
        if type(value) is not list or any(type(v) is not str for v in value):
            raise self.error("expected a JSON list of strings", column)
        return value


# -- engagekit's own layout ------------------------------------------------------------------


def _own_post(row: _Row) -> Post:
    get, opt = row.get, row.cell
    version = get("engagekit").strip()
    if version != str(CSV_VERSION):
        raise row.error(f"written with CSV layout version {version!r}; this engagekit reads "
                        f"{CSV_VERSION}", "engagekit")
    platform = get("platform").strip()
    handle = opt("author_handle")
    author = None
    if handle is not None:
        author = Account(platform=platform, handle=handle, id=row.ident("author_id"),
                         display_name=opt("author_name"))
    elif opt("author_id") or opt("author_name"):
        raise row.error("an author id or name needs an author handle", "author_handle")
    officer = None
    if opt("officer") is not None:
        agency = opt("agency")
        officer = Officer(name=get("officer"), rank=opt("officer_rank"),
                          badge=opt("officer_badge"),
                          agency=None if agency is None else Agency(name=agency))
    location = None
    latitude, longitude = row.number("latitude"), row.number("longitude")
    point = None if latitude is None or longitude is None else Coordinates(
        latitude=latitude, longitude=longitude)
    if opt("location_name") is not None:
        location = Location(name=get("location_name"), locality=opt("location_locality"),
                            region=opt("location_region"), country=opt("location_country"),
                            address=opt("location_address"), id=opt("location_id"),
                            coordinates=point)
    media = row.json("media") or []
    extra = row.json("extra") or {}
    if type(media) is not list or type(extra) is not dict:
        raise row.error("expected a JSON list (media) and a JSON object (extra)", "media")
    tagged = row.json("tagged") or []
    try:
        media = converter.structure(media, tuple[Media, ...])
    except Exception as exc:  # noqa: BLE001 - any structuring failure is this cell's error
        raise row.error(f"invalid media: {exc}", "media") from None
    return Post(
        id=row.key("id"), platform=platform, created_at=row.time("created_at"),
        text=get("text"), author=author, officer=officer,
        hashtags=get("hashtags").split(), mentions=get("mentions").split(),
        links=get("links").split(), cashtags=get("cashtags").split(),
        emoji=[Emoji(text=e) for e in get("emoji").split()], media=media, tagged=tagged,
        location=location,
        engagement=Engagement(likes=row.count("likes"), comments=row.count("comments"),
                              shares=row.count("shares"), views=row.count("views")),
        visibility=get("visibility").strip() or "public", url=opt("url"),
        reply_to=row.ident("reply_to"), lang=opt("lang"),
        quality=TextQuality(lost_glyphs=row.count("lost_glyphs") or 0,
                            repairs=get("repairs").split()),
        extra=extra,
    )


def _words(items: Iterable[Any], attr: str, column: str) -> str:
    words = [getattr(item, attr) for item in items]
    for word in words:
        if not word or any(ch.isspace() for ch in word):
            raise ValueError(f"{column}: {word!r} cannot be written to a space-separated cell")
    return " ".join(words)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _own_row(post: Post) -> list[str]:
    author, officer, place, counts = post.author, post.officer, post.location, post.engagement
    point = place.coordinates if place is not None else None
    agency = officer.agency if officer is not None else None
    when = post.created_at.isoformat().replace("+00:00", "Z")
    media = orjson.dumps(converter.unstructure(post.media), option=orjson.OPT_UTC_Z)
    return [
        str(CSV_VERSION), post.id, post.platform.value, when, post.text,
        *(("", "", "") if author is None else
          (author.handle, _cell(author.id), _cell(author.display_name))),
        *(("", "", "") if officer is None else
          (officer.name, _cell(officer.rank), _cell(officer.badge))),
        "" if agency is None else agency.name,
        _words(post.hashtags, "text", "hashtags"), _words(post.mentions, "handle", "mentions"),
        _words(post.links, "target", "links"), _words(post.cashtags, "text", "cashtags"),
        _words(post.emoji, "text", "emoji"),
        media.decode() if post.media else "",
        orjson.dumps(list(post.tagged)).decode() if post.tagged else "",
        *(("",) * 6 if place is None else
          (place.name, _cell(place.locality), _cell(place.region), _cell(place.country),
           _cell(place.address), _cell(place.id))),
        *(("", "") if point is None else (repr(point.latitude), repr(point.longitude))),
        _cell(counts.likes), _cell(counts.comments), _cell(counts.shares), _cell(counts.views),
        post.visibility.value, _cell(post.url), _cell(post.reply_to), _cell(post.lang),
        str(post.quality.lost_glyphs), " ".join(post.quality.repairs),
        orjson.dumps(post.extra).decode() if post.extra else "",
    ]


def write_csv(posts: Iterable[Post], dest: str | os.PathLike[str] | IO[bytes]) -> int:
    """Write ``posts`` in engagekit's CSV layout; return how many rows were written.

    A path is written atomically. The layout is flat: entity positions, mention
    ids, short links and an officer's accounts are not kept (use JSONL for that).
    """
    if isinstance(dest, (str, os.PathLike)):
        with atomic_binary(dest) as handle:
            return _write(posts, handle)
    return _write(posts, dest)


def _write(posts: Iterable[Post], handle: IO[bytes]) -> int:
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    try:
        out = csv.writer(text, lineterminator="\r\n")
        out.writerow(COLUMNS)
        count = 0
        for post in posts:
            out.writerow(_own_row(post))
            count += 1
        text.flush()
    finally:
        text.detach()
    return count


# -- other tools' CSVs ---------------------------------------------------------------------


_FAMILIES: tuple[tuple[str, Callable[[str], Any]], ...] = (
    ("hashtags", lambda t: Hashtag(text=t)), ("mentions", lambda t: Mention(handle=t)),
    ("links", lambda t: Link(url=t)), ("cashtags", lambda t: Cashtag(text=t)),
)


def _mapped_post(row: _Row, m: CsvMapping, ctx: Context) -> Post | None:
    if m.repost is not None and row.opt(m.repost) is not None:
        ctx.skip(m.repost_reason)
        return None
    post_id = row.key(m.id)
    text = row.get(m.text)
    if m.escaped_newlines:
        text = text.replace("\\n", "\n")
    if m.html_escaped:
        text = Unescaped(text).text
    families: dict[str, Any] = {}
    for family, make in _FAMILIES:
        column = getattr(m, family)
        if column is not None:
            try:
                families[family] = [make(t) for t in row.tokens(column, m.lists)]
            except ValidationError as err:
                raise row.error(err.message, column) from None
    handle, author_id = row.opt(m.author_handle), row.ident(m.author_id)
    author = None
    if handle or author_id:
        author = Account(platform=m.platform, handle=handle or author_id or "", id=author_id,
                         display_name=row.opt(m.author_name))
    url = row.opt(m.url)
    if url is None and m.url_template is not None and author is not None:
        url = m.url_template.format(id=post_id, author_handle=author.handle)
    extra = {}
    for pattern in m.extra:
        for column in ([c for c in row.cells if c.startswith(pattern[:-1])]
                       if pattern.endswith("*") else [pattern]):
            if row.opt(column) is not None:
                extra[column] = row.get(column).strip()
    return Post(
        id=post_id, platform=m.platform, created_at=row.time(m.created_at, m),
        **text_fields(text, dialect=m.dialect or _DIALECTS.get(m.platform, "instagram"),
                      **families),
        author=author, url=url, lang=row.opt(m.lang), reply_to=row.ident(m.reply_to),
        engagement=Engagement(likes=row.count(m.likes), comments=row.count(m.comments),
                              shares=row.count(m.shares), views=row.count(m.views)),
        location=_place(row, m), extra=extra,
    )


def _place(row: _Row, m: CsvMapping) -> Location | None:
    point = None
    if m.coordinates is not None and row.opt(m.coordinates) is not None:
        pair = row.json(m.coordinates)
        if (type(pair) is not list or len(pair) != 2
                or any(type(v) not in (int, float) for v in pair)):
            raise row.error("expected [longitude, latitude]", m.coordinates)
        point = Coordinates(latitude=pair[1], longitude=pair[0])
    name = row.opt(m.place_name)
    if name is None:
        if point is None:
            return None
        name = point_name(point)
    return Location(name=name, coordinates=point, country=row.opt(m.country_code),
                    id=row.opt(m.place_id))


# -- reading -------------------------------------------------------------------------------


def _encoding(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8-sig"


def _header(head: bytes) -> tuple[list[str], str] | None:
    """The header cells and the delimiter of a CSV, from its first bytes."""
    lines = head.decode(_encoding(head), errors="replace").splitlines()
    first = lines[0] if lines else ""
    delimiter = max(",;\t", key=first.count)
    if not first.count(delimiter) or "\x00" in first:
        return None
    try:
        cells = next(csv.reader([first], delimiter=delimiter))
    except csv.Error:
        return None
    return [c.strip() for c in cells], delimiter


@attrs.frozen
class CsvReader:
    """The ``csv`` reader; with a ``mapping``, only CSVs readable with it.

    Without one it reads engagekit's own CSV and the built-in :data:`MAPPINGS`,
    each member by its header.
    """

    mapping: CsvMapping | None = None
    FORMAT: ClassVar[str] = FORMAT

    def _layout(self, header: list[str]) -> CsvMapping | Literal["engagekit"] | None:
        if self.mapping is not None:
            return self.mapping if self.mapping.matches(header) else None
        if header[:1] == ["engagekit"]:
            return "engagekit"
        return next((m for m in MAPPINGS if m.matches(header)), None)

    def _plan(self, container: Container) -> Iterator[tuple[str, Any, str]]:
        members = container.members()
        for member in members:
            if len(members) == 1 or member.lower().endswith((".csv", ".tsv")):
                found = _header(container.head(member, 16384))
                if found is not None:
                    layout = self._layout(found[0])
                    if layout is not None:
                        yield member, layout, found[1]

    def detect(self, container: Container) -> bool:
        """A CSV member whose header engagekit's layout or a mapping recognizes."""
        return next(self._plan(container), None) is not None

    def read(self, container: Container, ctx: Context) -> Iterator[Post]:
        """The posts of every recognized CSV member, row by row."""
        for member, layout, delimiter in list(self._plan(container)):
            label = container.label(member)

            def convert(row: _Row, index: int, layout: Any = layout) -> Post | None:
                return _own_post(row) if layout == "engagekit" else _mapped_post(row, layout, ctx)

            rows = _rows(container, member, delimiter, ctx, label)
            yield from convert_each(rows, convert, ctx, source=label)


def _rows(container: Container, member: str, delimiter: str, ctx: Context,
          label: str) -> Iterator[tuple[int, _Row]]:
    with container.open(member) as handle:
        text = io.TextIOWrapper(handle, encoding=_encoding(container.head(member)),
                                errors="surrogateescape", newline="")
        index = -1
        try:
            reader = csv.reader(text, delimiter=delimiter)
            header = [c.strip() for c in next(reader, [])]
            for cells in reader:
                if not cells or cells == [""]:
                    continue
                index += 1
                if len(cells) != len(header):
                    ctx.fail(ParseError(f"expected {len(header)} cells, got {len(cells)}",
                                        source=label, record=index))
                    continue
                yield index, _Row(dict(zip(header, cells, strict=True)), label, index)
        except (csv.Error, UnicodeError) as exc:
            ctx.fail(ParseError(f"unreadable CSV after record {index}: {exc}", source=label))
        finally:
            text.detach()


_DEFAULT = CsvReader()


def detect(container: Container) -> bool:
    """Whether the container holds a CSV engagekit can read without a mapping."""
    return _DEFAULT.detect(container)


def read(container: Container, ctx: Context) -> Iterator[Post]:
    """The posts of engagekit's CSVs and of the CSVs of the built-in mappings."""
    return _DEFAULT.read(container, ctx)
