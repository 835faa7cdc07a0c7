"""Calendar-day helpers: an owner's local date, date ranges, time-zone names.

Every date in Hundred Days is the owner's local calendar date. These functions never read
the clock: the moment (or ``now``) and the zone are always passed in.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, available_timezones

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["date_range", "is_valid_timezone", "local_date", "local_today"]

# Names that zoneinfo can find on some systems but that are not IANA zones: "localtime"
# is a symlink to /etc/localtime (whatever the machine is set to), "posixrules" a
# compilation artefact.
_NOT_IANA = frozenset({"localtime", "posixrules"})

_MAX_DAY_START_HOUR = 23


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones()) - _NOT_IANA


@cache
def _zone(name: str) -> ZoneInfo:
    if not is_valid_timezone(name):
        msg = f"unknown time zone: {name!r}"
        raise ValueError(msg)
    return ZoneInfo(name)


def is_valid_timezone(name: str) -> bool:
    """Whether ``name`` is a real IANA time-zone name, such as ``"Europe/Paris"``.

    Rejects the empty string, ``"local"``, ``"localtime"``, file paths and anything else
    that is not one of the zones the IANA database ships.
    """
    return name in _zone_names()


def local_date(moment: datetime, timezone: str, day_start_hour: int = 0) -> date:
    """Return the owner's calendar day for the aware ``moment``.

    The moment is converted to the IANA zone ``timezone``; then ``day_start_hour`` hours of
    wall-clock time are subtracted, so work done before that hour counts for the previous
    day. The shift is made on the local wall-clock time (not on UTC), so a daylight-saving
    change never adds or drops a day.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        msg = "moment must be an aware datetime"
        raise ValueError(msg)
    if not 0 <= day_start_hour <= _MAX_DAY_START_HOUR:
        msg = f"day_start_hour must be between 0 and {_MAX_DAY_START_HOUR}"
        raise ValueError(msg)
    wall_clock = moment.astimezone(_zone(timezone)).replace(tzinfo=None)
    return (wall_clock - timedelta(hours=day_start_hour)).date()


def local_today(now: datetime, timezone: str, day_start_hour: int = 0) -> date:
    """Return the owner's "today" at the aware instant ``now`` (see :func:`local_date`)."""
    return local_date(now, timezone, day_start_hour)


def date_range(start: date, end: date) -> Iterator[date]:
    """Every calendar date from ``start`` to ``end`` inclusive; nothing when start > end."""
    from_ordinal = date.fromordinal
    for ordinal in range(start.toordinal(), end.toordinal() + 1):
        yield from_ordinal(ordinal)
