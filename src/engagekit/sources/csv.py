"""CSV: engagekit's own layout (read and written), and other tools' CSVs by column mapping.

engagekit's CSV has one row per post; the first column, ``engagekit``, holds the
layout version on every row, which is how the format is told. Layout 3, every
field of a post (:mod:`engagekit.io.csv`), is what :func:`write_csv` writes;
layout 2 (the same without ``repost_of``) and rows of the earlier flat layout 1
(:data:`V1_COLUMNS`) are still read. Other tools' CSVs are read through a
:class:`CsvMapping`; the built-in ones (:data:`TWARC_CSV`,
:data:`CROWDTANGLE_FACEBOOK`) are recognized by their header. A user mapping is
read with ``read_posts(path, format=CsvReader(mapping=...))``.

Timestamps with a zone abbreviation (``2021-07-06 16:45:20 EDT``) use the
fixed offsets of :data:`ZONE_ABBREVIATIONS`; an abbreviation not in it is an
error, never a guess. An id a spreadsheet turned into a number
(``1.22158E+17``) is an error: its digits are gone.

>>> import io
>>> from datetime import datetime, timezone
>>> from engagekit.models import Post
>>> from engagekit.sources import read_posts
>>> out = io.BytesIO()
>>> post = Post(id="1", platform="mastodon", text="Bike rodeo! #SafeStreets",
...             created_at=datetime(2023, 6, 3, 17, tzinfo=timezone.utc),
...             hashtags=["SafeStreets"])
>>> write_csv([post], out)
1
>>> out.getvalue().splitlines()[1][:60]
b'3,1,mastodon,2023-06-03T17:00:00Z,Bike rodeo! #SafeStreets,,'
>>> list(read_posts(io.BytesIO(out.getvalue()))) == [post]
True
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import Any, ClassVar, Literal

import attrs

from engagekit.errors import ParseError, ValidationError
from engagekit.io import converter
from engagekit.io.csv import CSV_VERSION, row_to_post, write_csv
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
    PostRef,
    TextQuality,
)
from engagekit.sources._csv.mappings import (
    CROWDTANGLE_FACEBOOK,
    MAPPINGS,
    TWARC_CSV,
    ZONE_ABBREVIATIONS,
    CsvMapping,
)
from engagekit.sources._csv.row import Row
from engagekit.sources._engine.base import Container, Context
from engagekit.sources._engine.fields import Fields, convert_each
from engagekit.sources._meta.common import point_name
from engagekit.sources._twitter.common import Unescaped
from engagekit.sources._twitter.objects import v2_media
from engagekit.text import text_fields

__all__ = [
    "CROWDTANGLE_FACEBOOK", "CSV_VERSION", "FORMAT", "MAPPINGS", "TWARC_CSV", "V1_COLUMNS",
    "ZONE_ABBREVIATIONS", "CsvMapping", "CsvReader", "detect", "read", "why_not", "write_csv",
]

FORMAT = "csv"
#: What detection looks for, as :func:`~engagekit.sources.detect.diagnose` reports it.
LOOKS_FOR = 'an engagekit CSV header, or the header of a known tool (twarc, CrowdTangle)'
#: The columns of engagekit's legacy CSV layout 1, in order: still read, no longer written.
#: (The current layout's are :data:`engagekit.io.csv.COLUMNS`.)
V1_COLUMNS = (
    "engagekit", "id", "platform", "created_at", "text", "author_handle", "author_id",
    "author_name", "officer", "officer_rank", "officer_badge", "agency", "hashtags", "mentions",
    "links", "cashtags", "emoji", "media", "tagged", "location_name", "location_locality",
    "location_region", "location_country", "location_address", "location_id", "latitude",
    "longitude", "likes", "comments", "shares", "views", "visibility", "url", "reply_to", "lang",
    "lost_glyphs", "repairs", "extra",
)

_DIALECTS = {Platform.TWITTER: "twitter", Platform.MASTODON: "mastodon",
             Platform.BLUESKY: "bluesky"}


# -- engagekit's own layout, version 1 (read only) --------------------------------


def _own_post(row: Row) -> Post:
    """A row of engagekit's CSV: layout 1 here, later layouts by :mod:`engagekit.io.csv`."""
    if row.get("engagekit").strip() != "1":
        for column in row.cells:
            row.get(column)  # invalid UTF-8 is this module's error, with its column
        return row_to_post(row.cells, source=row.label, record=row.record)
    return _v1_post(row)


def _v1_post(row: Row) -> Post:
    get, opt = row.get, row.cell
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


# -- other tools' CSVs ---------------------------------------------------------------------


_FAMILIES: tuple[tuple[str, Callable[[str], Any]], ...] = (
    ("hashtags", lambda t: Hashtag(text=t)), ("mentions", lambda t: Mention(handle=t)),
    ("links", lambda t: Link(url=t)), ("cashtags", lambda t: Cashtag(text=t)),
)


def _mapped_post(row: Row, m: CsvMapping, ctx: Context) -> Post | None:
    repost_of = None
    reposted = None if m.repost is None else row.ident(m.repost)
    if reposted is not None:
        repost_of = PostRef(id=reposted)
        if not ctx.keep_repost(m.repost_reason, repost_of):
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
        media=_media(row, m, extra),
        **text_fields(text, dialect=m.dialect or _DIALECTS.get(m.platform, "instagram"),
                      **families),
        author=author, url=url, lang=row.opt(m.lang), reply_to=row.ident(m.reply_to),
        repost_of=repost_of,
        engagement=Engagement(likes=row.count(m.likes), comments=row.count(m.comments),
                              shares=row.count(m.shares), views=row.count(m.views)),
        location=_place(row, m), extra=extra,
    )


def _media(row: Row, m: CsvMapping, extra: dict[str, Any]) -> tuple[Media, ...]:
    """The media of the mapping's media column; objects naming no URL (twarc writes ``{}``
    for media the response did not expand) are counted in ``extra["missing_media"]``, as
    the X API reader counts them."""
    items = None if m.media is None else row.json(m.media)
    if items is None:
        return ()
    if type(items) is not list:
        raise row.error(f"expected a JSON list of media objects, got {type(items).__name__}",
                        m.media or "")
    column = m.media or ""
    found = Fields({column: items}, source=row.label, record=row.record).objects(column)
    media = tuple(x for x in map(v2_media, found) if x is not None)
    if len(media) < len(found):
        extra["missing_media"] = len(found) - len(media)
    return media


def _place(row: Row, m: CsvMapping) -> Location | None:
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

    def why_not(self, container: Container) -> str | None:
        """Why a container holding a CSV is not read, or None when it holds none.

        Asked by :func:`~engagekit.sources.detect.diagnose` once no format claimed it.
        """
        for member in container.members():
            named = member.lower().endswith((".csv", ".tsv"))
            if not named and PurePosixPath(member).suffix:  # a .txt, .json ... is not a CSV
                continue
            head = container.head(member, 16384)
            found = _header(head)
            if found is None or not (named or all(found[0])) or head.lstrip(
                    b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[", b"<"):
                continue
            header = found[0]
            if self.mapping is not None:
                missing = [repr(c) for c in self.mapping.required if c not in header]
                return (f"the CSV has no column{'s' if len(missing) > 1 else ''} "
                        f"{', '.join(missing)}, which the column mapping {self.mapping.name!r} "
                        "names")
            shown = ", ".join(repr(c) for c in header[:6]) + (", ..." if len(header) > 6 else "")
            return (f"a CSV whose columns engagekit does not know ({shown}); name the column "
                    "of each post field in a .toml or .json file and pass it with --csv-columns "
                    "(in Python: format=CsvReader(mapping=CsvMapping.load(file)))")
        return None

    def read(self, container: Container, ctx: Context) -> Iterator[Post]:
        """The posts of every recognized CSV member, row by row."""
        for member, layout, delimiter in list(self._plan(container)):
            label = container.label(member)

            def convert(row: Row, index: int, layout: Any = layout) -> Post | None:
                return _own_post(row) if layout == "engagekit" else _mapped_post(row, layout, ctx)

            rows = _rows(container, member, delimiter, ctx, label)
            yield from convert_each(rows, convert, ctx, source=label)


def _rows(container: Container, member: str, delimiter: str, ctx: Context,
          label: str) -> Iterator[tuple[int, Row]]:
    with container.open(member) as handle:
        text = io.TextIOWrapper(handle, encoding=_encoding(container.head(member)),
                                errors="surrogateescape", newline="")
        index = -1
        try:
            reader = csv.reader(text, delimiter=delimiter)
            header = [c.strip() for c in next(reader, [])]
            if not all(map(_utf8, header)):  # a column name must survive writing the post
                ctx.fail(ParseError("invalid UTF-8 bytes in the header row", source=label))
                return
            for cells in reader:
                if not cells or cells == [""]:
                    continue
                index += 1
                if len(cells) != len(header):
                    ctx.fail(ParseError(f"expected {len(header)} cells, got {len(cells)}",
                                        source=label, record=index))
                    continue
                yield index, Row(dict(zip(header, cells, strict=True)), label, index)
        except (csv.Error, UnicodeError) as exc:
            ctx.fail(ParseError(f"unreadable CSV after record {index}: {exc}", source=label))
        finally:
            text.detach()


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_DEFAULT = CsvReader()


def detect(container: Container) -> bool:
    """Whether the container holds a CSV engagekit can read without a mapping."""
    return _DEFAULT.detect(container)


def read(container: Container, ctx: Context) -> Iterator[Post]:
    """The posts of engagekit's CSVs and of the CSVs of the built-in mappings."""
    return _DEFAULT.read(container, ctx)


def why_not(container: Container) -> str | None:
    """Why a CSV in ``container`` is not read (its header is unknown), or None if none is."""
    return _DEFAULT.why_not(container)
