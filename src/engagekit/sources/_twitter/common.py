"""What the X/Twitter readers share: escaped text, entities, dates, ids and counts.

X serves post text HTML-escaped (``&amp; &lt; &gt;``) and counts entity offsets in
code points of that escaped text. :class:`Unescaped` undoes the escaping once and
maps offsets onto the unescaped text, which is what a :class:`~engagekit.models.Post`
keeps:

>>> u = Unescaped("Tom &amp; Jerry #Fun")
>>> u.text, u.span(16, 20)
('Tom & Jerry #Fun', (12, 16))

:class:`Entities` collects the platform's own entities, checks every span against
the text and keeps a mismatching entity without its span (reported in
``extra["entity_mismatches"]`` and counted as ``entity-mismatch``). Authors, places
and media are read in :mod:`engagekit.sources._twitter.objects`.
"""

from __future__ import annotations

import bisect
import functools
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Literal, overload

from engagekit.io._converter import constructor
from engagekit.models import Cashtag, Hashtag, Link, Mention, Post, tag_key
from engagekit.sources._engine.base import Context
from engagekit.sources._engine.fields import Fields
from engagekit.text import TextFields, text_fields

__all__ = [
    "Entities",
    "Unescaped",
    "at",
    "classic_date",
    "count",
    "id_string",
    "item_span",
    "objects",
    "parse_classic",
    "snowflake_date",
    "source_name",
    "span_pair",
    "status_url",
    "string",
    "superseded",
    "twitter_text",
]

_Hashtag = constructor(Hashtag)  # same checks as Hashtag(...), without __init__'s cost
_Cashtag = constructor(Cashtag)  # same checks as Cashtag(...), without __init__'s cost
_Mention = constructor(Mention)  # same checks as Mention(...), without __init__'s cost
_Link = constructor(Link)  # same checks as Link(...), without __init__'s cost

_ESCAPE = re.compile(r"&(amp|lt|gt);")


class Unescaped:
    """``escaped`` with ``&amp; &lt; &gt;`` decoded once, and an offset map between the two."""

    __slots__ = ("_cuts", "_ends", "_first", "_last", "_starts", "escaped", "text")

    def __init__(self, escaped: str) -> None:
        self.escaped = self.text = escaped
        self._first = self._last = len(escaped)  # offsets up to the first escape are the same
        self._starts: list[int] = []  # escaped offset of each escape
        self._ends: list[int] = []  # escaped offset just after it
        self._cuts: list[int] = [0]  # code points removed up to and including escape k
        if "&" not in escaped:
            return
        for match in _ESCAPE.finditer(escaped):
            self._starts.append(match.start())
            self._ends.append(match.end())
            self._cuts.append(self._cuts[-1] + match.end() - match.start() - 1)
        if self._starts:  # escapes never overlap, so replacing &amp; last is one pass
            self._first, self._last = self._starts[0], self._ends[-1]
            self.text = escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")

    def offset(self, index: int) -> int | None:
        """Where escaped offset ``index`` lands in ``text``; None outside it or inside an escape."""
        if 0 <= index <= self._first:
            return index
        if self._last <= index <= len(self.escaped):  # after every escape: the usual case
            return index - self._cuts[-1]
        if not 0 <= index <= len(self.escaped):
            return None
        k = bisect.bisect_right(self._ends, index)
        if k < len(self._starts) and self._starts[k] < index:
            return None
        return index - self._cuts[k]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """A (start, end) pair of escaped offsets as offsets of ``text``, or None."""
        if 0 <= start <= end <= self._first:
            return start, end
        if start > end:
            return None
        a, b = self.offset(start), self.offset(end)
        return None if a is None or b is None else (a, b)


def _matches(segment: str, sigils: str, value: str) -> bool:
    if not sigils:
        return segment == value or segment.casefold() == value.casefold()
    body = segment[1:]
    return (
        len(segment) > 1
        and segment[0] in sigils
        and (body == value or tag_key(body) == tag_key(value))
    )


class Entities:
    """The platform's entities for one text, checked and mapped onto the unescaped text."""

    def __init__(self, text: Unescaped) -> None:
        self.source = text
        self.hashtags: list[Hashtag] = []
        self.mentions: list[Mention] = []
        self.cashtags: list[Cashtag] = []
        self.links: list[Link] = []
        self.mismatches: list[dict[str, Any]] = []
        self._seen_links: set[tuple[str, int | None]] = set()

    def _span(
        self, kind: str, value: str, where: tuple[int, int] | None, sigils: str
    ) -> tuple[int | None, int | None]:
        if where is None:
            return None, None
        start, end = where
        source = self.source
        # the common cases: before any escape, or after every one
        if 0 <= start <= end <= source._first:
            shift = 0
        elif source._last <= start <= end <= len(source.escaped):
            shift = source._cuts[-1]
        else:
            shift = -1
        if shift >= 0:
            segment = source.text[start - shift:end - shift]
            if (segment[1:] == value and len(segment) > 1 and segment[0] in sigils) if sigils \
                    else segment == value:
                return start - shift, end - shift
        span = source.span(start, end)
        if span is not None and _matches(source.text[span[0] : span[1]], sigils, value):
            return span
        self.mismatches.append({"kind": kind, "value": value, "start": where[0], "end": where[1]})
        return None, None

    def hashtag(self, tag: str, where: tuple[int, int] | None) -> None:
        start, end = self._span("hashtag", tag, where, "#＃")
        self.hashtags.append(_Hashtag(text=tag, start=start, end=end))

    def cashtag(self, tag: str, where: tuple[int, int] | None) -> None:
        start, end = self._span("cashtag", tag, where, "$＄")
        self.cashtags.append(_Cashtag(text=tag, start=start, end=end))

    def mention(self, handle: str, where: tuple[int, int] | None, user_id: str | None) -> None:
        start, end = self._span("mention", handle, where, "@＠")
        self.mentions.append(_Mention(handle=handle, start=start, end=end, id=user_id))

    def link(self, url: str, expanded: str | None, where: tuple[int, int] | None) -> None:
        """A link; the same t.co URL at the same place is kept once (media share one link)."""
        key = (url, None if where is None else where[0])
        if key in self._seen_links:
            return
        self._seen_links.add(key)
        start, end = self._span("url", url, where, "")
        self.links.append(_Link(url=url, expanded_url=expanded, start=start, end=end))


def twitter_text(ctx: Context, entities: Entities, extra: dict[str, Any], *,
                 extract: bool = False) -> TextFields:
    """The text fields of a post: the text layer run with the platform's entities.

    With ``extract`` (the platform gave no entities at all) the text layer
    extracts them with the ``"twitter"`` dialect instead. Entities whose spans
    did not match the text are noted in ``extra`` and counted.
    """
    if extract:
        text = text_fields(entities.source.text, dialect="twitter")
    else:
        text = text_fields(
            entities.source.text,
            dialect="twitter",
            hashtags=tuple(entities.hashtags),
            mentions=tuple(entities.mentions),
            links=tuple(entities.links),
            cashtags=tuple(entities.cashtags),
        )
    if entities.mismatches:
        extra["entity_mismatches"] = entities.mismatches
        ctx.skip("entity-mismatch", len(entities.mismatches))
    return text


#: ``Post(...)`` without ``__init__``'s cost, and with the same errors.
new_post = constructor(Post)


# --- values -----------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
_CLASSIC = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})"
    r" ([+-])([0-9]{2})([0-9]{2}) ([0-9]{4})"
)


def classic_date(f: Fields, key: str) -> datetime:
    """``"Thu Nov 03 08:50:26 +0000 2022"`` in UTC, English names, whatever the locale."""
    value = f.string(key, required=True)
    try:
        return parse_classic(value)
    except ValueError as exc:
        raise f.error(str(exc), key) from None


def parse_classic(value: str) -> datetime:
    """What :func:`classic_date` reads, from the string; ValueError saying why it is not one."""
    match = _CLASSIC.fullmatch(value)
    if match is None or match.group(1) not in _MONTHS:
        raise ValueError(f"expected a date like 'Thu Nov 03 08:50:26 +0000 2022', got {value!r}")
    mon, day, hh, mm, ss, sign, oh, om, year = match.groups()
    zone = UTC
    if oh != "00" or om != "00":
        zone = timezone(timedelta(hours=int(oh), minutes=int(om)) * (-1 if sign == "-" else 1))
    try:
        when = datetime(int(year), _MONTHS[mon], int(day), int(hh), int(mm), int(ss), tzinfo=zone)
    except ValueError as exc:
        raise ValueError(f"invalid date {value!r}: {exc}") from None
    return when.astimezone(UTC)


_TWEPOCH_MS = 1288834974657  # 2010-11-04T01:42:54.657Z, the epoch of X's snowflake ids


def snowflake_date(post_id: str) -> datetime | None:
    """The time encoded in a snowflake id (ids after November 2010), else None."""
    value = _id_number(post_id)
    if (
        value is None or not 1 << 40 <= value < 1 << 63
    ):  # sequential ids from before 2010 are smaller
        return None
    millis = (value >> 22) + _TWEPOCH_MS
    try:
        return datetime.fromtimestamp(millis / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _int(value: Any) -> int | None:
    """An int, or a short string of ASCII digits as an int; None for anything else."""
    if type(value) is int:
        return value
    if type(value) is str and len(value) <= 20 and value.isdigit() and value.isascii():
        return int(value)
    return None


def _pair(values: Any) -> tuple[int, int] | None:
    """``[start, end]`` of ints or digit strings as ints; None for anything else."""
    if type(values) is not list or len(values) != 2:
        return None
    start, end = values
    if type(start) is str and len(start) <= 20 and start.isdigit() and start.isascii():
        start = int(start)
    if type(end) is str and len(end) <= 20 and end.isdigit() and end.isascii():
        end = int(end)
    return (start, end) if type(start) is int and type(end) is int else None


def count(f: Fields | None, key: str, *, required: bool = False) -> int | None:
    """A count that may be an int or (in archives) a string of digits; None when absent."""
    if f is None:
        return None
    value = f.data.get(key)
    if value is None and not required:
        return None
    result = _int(value)
    if result is not None:
        return result
    if type(value) is str and len(value) > 20:
        raise f.error(f"expected an integer string, got {value[:20]!r}...", key)
    result = f.integer(key, numeric_str=True)
    if result is None and required:
        raise f.error(f"expected an int, got {value!r}", key)
    return result


def span_pair(f: Fields, key: str) -> tuple[int, int] | None:
    """``indices: [start, end]`` (ints, or strings in archives) as a pair of ints."""
    fast = _pair(f.data.get(key))
    if fast is not None:
        return fast
    values = f.values(key)
    if not values:
        return None
    pair = Fields(
        {"start": values[0], "end": values[-1]},
        source=f.source,
        record=f.record,
        path=f"{f.path}.{key}",
    )
    if len(values) != 2:
        raise f.error(f"expected [start, end], got {len(values)} values", key)
    return count(pair, "start", required=True) or 0, count(pair, "end", required=True) or 0


def objects(parent: Fields, key: str) -> list[dict[str, Any]]:
    """``parent.objects(key)`` as the plain dicts, checked (and failing) the same way."""
    values = parent.data.get(key)
    if values is None:
        return []
    if type(values) is list:
        for value in values:
            if type(value) is not dict:
                break
        else:
            return values
    return [item.data for item in parent.objects(key)]


def string(f: Fields, key: str) -> str | None:
    """``f.string(key)``, the common case inline."""
    value = f.data.get(key)
    return value if value is None or type(value) is str else f.string(key)


def at(parent: Fields, key: str, index: int) -> Fields:
    """Item ``index`` of ``parent``'s list ``key`` as Fields: to read it the slow way."""
    return Fields(
        parent.data[key][index],
        source=parent.source,
        record=parent.record,
        path=f"{parent.path}.{key}[{index}]",
    )


def item_span(item: dict[str, Any], parent: Fields, key: str, index: int) -> tuple[int, int] | None:
    """``span_pair`` of ``indices`` in item ``index`` of ``parent``'s list ``key``."""
    values = item.get("indices")
    pair = _pair(values)
    if pair is None and values is not None:
        return span_pair(at(parent, key, index), "indices")
    return pair


@overload
def id_string(f: Fields, key: str, *, required: Literal[True]) -> str: ...
@overload
def id_string(f: Fields, key: str, *, required: bool = False) -> str | None: ...
def id_string(f: Fields, key: str, *, required: bool = False) -> str | None:
    """An id given as a string; ``<key>_str`` wins; a bare int only when exactly representable."""
    value = f.data.get(f"{key}_str")
    if type(value) is str:
        return value
    if value is None and not required and f.data.get(key) is None:
        return None
    value = f.string(f"{key}_str") if f"{key}_str" in f else None
    if value is not None:
        return value
    raw = f.raw(key)
    if type(raw) is int and 0 <= raw < 1 << 53:  # larger ids may have been rounded on the way
        return str(raw)
    if type(raw) is int:
        raise f.error(f"numeric id {raw} may be rounded and no {key}_str is given", key)
    return f.string(key, required=required)


# Neither the tag nor the text may run past the next "<a": a search from every "<a" of a long
# value without "</a>" then reads each character a bounded number of times.
_SOURCE = re.compile(r"<a\b[^<>]*+>((?:(?!<a\b).)*?)</a>", re.DOTALL)


@functools.lru_cache(maxsize=1024)
def source_name(value: str | None) -> str | None:
    """The client name in a ``source`` field (an ``<a>`` element in v1.1 and archives)."""
    if not value:
        return None
    match = _SOURCE.search(value)
    return Unescaped(match.group(1) if match else value).text.strip() or None


def status_url(username: str | None, post_id: str) -> str | None:
    """The post's address on x.com when the author's username is known."""
    return f"https://x.com/{username}/status/{post_id}" if username else None


def _id_number(value: Any) -> int | None:
    if type(value) is str and value.isascii() and value.isdigit() and len(value) <= 20:
        return int(value)
    return None


def superseded(post_id: str, edit_ids: list[Any]) -> bool:
    """True when a later version of an edited post exists (only the last version is kept)."""
    if not edit_ids or (len(edit_ids) == 1 and edit_ids[0] == post_id):
        return False
    own = _id_number(post_id)
    later = [n for n in map(_id_number, edit_ids) if n is not None]
    return own is not None and any(n > own for n in later)
