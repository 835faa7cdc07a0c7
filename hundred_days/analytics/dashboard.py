"""The viewer's dashboard over all their challenges: activity per date and a plain streak."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from hundred_days.analytics.progress import NO_STREAK, DayRow, Streak

__all__ = ["ActivityEntry", "DashboardSummary", "dashboard_summary"]


@dataclass(frozen=True, slots=True)
class ActivityEntry:
    """One date of the dashboard calendar: minutes logged and logs made, all challenges."""

    date: dt.date
    minutes: int
    logs: int


@dataclass(frozen=True, slots=True)
class DashboardSummary:
    """Totals over a date range and the current streak (see DESIGN.md, "Dashboard")."""

    total_minutes: int
    days_logged: int
    current_streak: Streak
    calendar: list[ActivityEntry]


def dashboard_summary(
    rows: Iterable[DayRow],
    *,
    today: dt.date,
    start: dt.date,
    end: dt.date,
) -> DashboardSummary:
    """Summarise the logs of all the viewer's challenges over ``start`` .. ``end``.

    Several rows may share a date (one per challenge). ``total_minutes`` and
    ``days_logged`` (distinct dates) count rows in the range only; ``calendar`` lists every
    date of the range. ``current_streak`` is the run of consecutive dates with at least one
    row that ends today, or yesterday when today has none; it ignores the range and knows
    no rest days.
    """
    minutes_by_day: dict[int, int] = {}
    logs_by_day: dict[int, int] = {}
    for row in rows:
        ordinal = row.date.toordinal()
        minutes_by_day[ordinal] = minutes_by_day.get(ordinal, 0) + row.minutes
        logs_by_day[ordinal] = logs_by_day.get(ordinal, 0) + 1

    total_minutes = days_logged = 0
    calendar: list[ActivityEntry] = []
    append = calendar.append
    from_ordinal = dt.date.fromordinal
    for ordinal in range(start.toordinal(), end.toordinal() + 1):
        logs = logs_by_day.get(ordinal)
        if logs is None:
            append(ActivityEntry(from_ordinal(ordinal), 0, 0))
        else:
            minutes = minutes_by_day[ordinal]
            total_minutes += minutes
            days_logged += 1
            append(ActivityEntry(from_ordinal(ordinal), minutes, logs))

    return DashboardSummary(
        total_minutes=total_minutes,
        days_logged=days_logged,
        current_streak=_current_streak(logs_by_day, today.toordinal()),
        calendar=calendar,
    )


def _current_streak(logged: dict[int, int], today: int) -> Streak:
    end = today if today in logged else today - 1
    if end not in logged:
        return NO_STREAK
    first = end
    while first - 1 in logged:
        first -= 1
    return Streak(end - first + 1, dt.date.fromordinal(first), dt.date.fromordinal(end))
