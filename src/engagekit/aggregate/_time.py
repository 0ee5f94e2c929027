"""Time buckets in a named zone: periods, zone checks and the arithmetic of bucket keys.

:func:`timeline`, :func:`campaign` and :func:`trending` cut time into local
periods of an IANA zone. They share :class:`Buckets`, which names a bucket by
an ``int`` key read from a post's local time (cheap to hash and merge, sorted
in time order) and turns keys back into aware start and end times only when
the rows are built.

Buckets are local calendar periods, so they follow daylight-saving time: in
America/Chicago, 10 March 2024 lasts 23 hours and 3 November 2024 lasts 25.
An hour bucket is one local clock hour at one UTC offset, so the hour the
clocks repeat in autumn is two buckets and the hour they skip in spring is
none. Weeks are ISO weeks (Monday to Monday); months and years start at local
midnight of the 1st.

>>> from datetime import datetime, timezone
>>> days = buckets("day", "America/Chicago")
>>> key = days.key_of(datetime(2024, 3, 10, 12, tzinfo=timezone.utc).astimezone(days.zone))
>>> start, end = days.start(key), days.start(days.after(key))
>>> start.isoformat(), end.isoformat()
('2024-03-10T00:00:00-06:00', '2024-03-11T00:00:00-05:00')
>>> elapsed(start, end)
datetime.timedelta(seconds=82800)

Python subtracts two datetimes of the same zone as wall-clock times
(``end - start`` is 24 hours above); :func:`elapsed` gives the real time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from engagekit.errors import ArgumentError, ValidationError
from engagekit.models import Hashtag

__all__ = ["PERIODS", "Buckets", "buckets", "check_period", "elapsed", "tag_keys", "zone_of"]

#: The periods a time series can be cut into, shortest first.
PERIODS = ("hour", "day", "week", "month", "year")

_HOUR = timedelta(hours=1)


def check_period(period: Any, argument: str = "period") -> str:
    """``period`` if it is one of :data:`PERIODS`, else :class:`ArgumentError`.

    >>> check_period("fortnight")
    Traceback (most recent call last):
    ...
    engagekit.errors.ArgumentError: period='fortnight': expected one of 'hour', 'day', ...
    """
    if type(period) is not str or period not in PERIODS:
        raise ArgumentError(f"expected one of {', '.join(map(repr, PERIODS))}",
                            argument=argument, value=period)
    return period


def zone_of(tz: Any, argument: str = "tz") -> ZoneInfo:
    """The zone named ``tz`` (IANA, such as ``"America/Chicago"``), else :class:`ArgumentError`.

    Names are looked up by :mod:`zoneinfo` and are case-sensitive; an empty
    name, a path (``"../x"``) or a file that is not a zone is refused.

    >>> zone_of("Asia/Kolkata")
    zoneinfo.ZoneInfo(key='Asia/Kolkata')
    >>> zone_of("../etc/passwd")
    Traceback (most recent call last):
    ...
    engagekit.errors.ArgumentError: tz='../etc/passwd': expected an IANA time zone name such as ...
    """
    if type(tz) is not str or not tz:
        raise ArgumentError("expected an IANA time zone name such as 'America/Chicago'",
                            argument=argument, value=tz)
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # Not found, not a normalized relative key, a directory, or a file that is no zone.
        raise ArgumentError("expected an IANA time zone name such as 'America/Chicago'",
                            argument=argument, value=tz) from None


def tag_keys(tags: Iterable[Any], argument: str) -> tuple[str, ...]:
    """The distinct keys of ``tags`` in order: strings with or without ``#``, or Hashtags."""
    keys: dict[str, None] = {}
    for tag in tags:
        if isinstance(tag, Hashtag):
            keys[tag.key] = None
            continue
        if type(tag) is not str or not tag.strip("#＃") or tag != "".join(tag.split()):
            raise ArgumentError("expected hashtags such as '#CommunityPolicing' (no spaces)",
                                argument=argument, value=tag)
        try:
            keys[Hashtag(text=tag).key] = None
        except ValidationError:
            raise ArgumentError("expected hashtags such as '#CommunityPolicing'",
                                argument=argument, value=tag) from None
    return tuple(keys)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """The real time from ``start`` to ``end`` (daylight-saving changes included)."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def _local(naive: datetime, zone: ZoneInfo) -> datetime:
    """``naive`` as an instant of ``zone``; a time the clocks skipped becomes the skip's end."""
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


# Keys: a local datetime's bucket as an int that sorts in time order.
def _hour_key(d: datetime) -> int:
    return (d.toordinal() * 24 + d.hour) * 2 + d.fold


def _week_key(d: datetime) -> int:
    return d.toordinal() - d.weekday()


def _month_key(d: datetime) -> int:
    return d.year * 12 + d.month - 1


def _year_key(d: datetime) -> int:
    return d.year


_KEYS: dict[str, Callable[[datetime], int]] = {
    "hour": _hour_key, "day": datetime.toordinal, "week": _week_key,
    "month": _month_key, "year": _year_key,
}


class Buckets:
    """The buckets of one period in one zone: keys from local times, and their start times.

    ``key_of(local)`` takes a datetime already in :attr:`zone` (one
    ``astimezone`` per post) and returns the bucket's key; :meth:`start` and
    :meth:`after` work on keys. Get one with :func:`buckets`.
    """

    __slots__ = ("key_of", "period", "tz", "zone")

    def __init__(self, period: str, tz: str) -> None:
        self.period = check_period(period)
        self.zone = zone_of(tz)
        self.tz = tz
        self.key_of: Callable[[datetime], int] = _KEYS[period]

    def __repr__(self) -> str:
        return f"buckets({self.period!r}, {self.tz!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (buckets, (self.period, self.tz))

    def start(self, key: int) -> datetime:
        """The first instant of the bucket ``key``, in :attr:`zone`."""
        period = self.period
        if period == "hour":
            hours, fold = divmod(key, 2)
            day, hour = divmod(hours, 24)
            naive = datetime.fromordinal(day).replace(hour=hour, fold=fold)
        elif period in ("day", "week"):
            naive = datetime.fromordinal(key)
        elif period == "month":
            year, month = divmod(key, 12)
            naive = datetime(year, month + 1, 1)
        else:
            naive = datetime(key, 1, 1)
        start = _local(naive, self.zone)
        if period == "hour" and _hour_key(start) != key:
            # The second run of an hour whose clocks went back by less than an hour
            # (Australia/Lord_Howe: 02:00 -> 01:30) starts at the change: find it.
            moment = start.astimezone(UTC)
            for _ in range(180):
                moment += timedelta(minutes=1)
                if _hour_key(moment.astimezone(self.zone)) == key:
                    return moment.astimezone(self.zone)
        return start

    def after(self, key: int) -> int:
        """The key of the bucket that follows ``key``."""
        period = self.period
        if period == "hour":
            # The next hour of real time; step on past an offset change inside the hour.
            moment = self.start(key).astimezone(UTC) + _HOUR
            following = _hour_key(moment.astimezone(self.zone))
            while following <= key:
                moment += timedelta(minutes=15)
                following = _hour_key(moment.astimezone(self.zone))
            return following
        return key + 7 if period == "week" else key + 1

    def span(self, first: int, last: int) -> Iterator[tuple[int, datetime, datetime]]:
        """``(key, start, end)`` of every bucket from ``first`` to ``last``, empty ones included."""
        key = first
        start = self.start(key)
        while key <= last:
            following = self.after(key)
            end = self.start(following)
            yield key, start, end
            key, start = following, end


def buckets(period: str, tz: str) -> Buckets:
    """The (shared) :class:`Buckets` of ``period`` in the zone named ``tz``, checking both.

    >>> weeks = buckets("week", "UTC")
    >>> weeks.start(weeks.key_of(datetime(2025, 1, 1))).date().isoformat()
    '2024-12-30'
    """
    check_period(period)
    zone_of(tz)
    return _buckets(period, tz)


@functools.lru_cache(maxsize=64)
def _buckets(period: str, tz: str) -> Buckets:
    return Buckets(period, tz)
