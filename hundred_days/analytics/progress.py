"""A challenge's progress: day statuses, streaks, calendar and stats.

Pure functions over the challenge's day rows (one per logged date) and its plan. The rules
are those of DESIGN.md, "Progress rules". Status of each date from the start date on, the
first that applies:

DONE     the date has a log
SKIPPED  the date was marked skipped
REST     its weekday is a rest day (and it has no log)
PENDING  it is today (and none of the above)
MISSED   it is in the past (and none of the above)
FUTURE   it is after today

Rows dated before the start date are ignored everywhere. A row dated after today (which
happens when the owner moves to a time zone behind the old one) is still DONE and counts.

Internally dates are handled as proleptic ordinals (``date.toordinal()``): integer keys make
the single passes below cheap. ``(ordinal + 6) % 7`` is the weekday, 0 = Monday.
"""

import datetime as dt
import enum
from bisect import bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass

__all__ = [
    "CalendarEntry",
    "ChallengePlan",
    "ChallengeStats",
    "DayRow",
    "DayStatus",
    "Streak",
    "WeekdayTotal",
    "challenge_calendar",
    "challenge_stats",
    "day_numbers",
    "day_status",
]

_DAYS_IN_WEEK = 7


class DayStatus(enum.Enum):
    """The status of one date of a challenge."""

    DONE = "DONE"
    SKIPPED = "SKIPPED"
    REST = "REST"
    PENDING = "PENDING"
    MISSED = "MISSED"
    FUTURE = "FUTURE"


@dataclass(frozen=True, slots=True)
class DayRow:
    """One logged date of a challenge (a DailyLog) and the minutes logged on it."""

    date: dt.date
    minutes: int


@dataclass(frozen=True, slots=True)
class Streak:
    """A run of dates without a MISSED day: its DONE-day count and first and last DONE day."""

    length: int
    start: dt.date | None
    end: dt.date | None


NO_STREAK = Streak(0, None, None)


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One date of a challenge's calendar."""

    date: dt.date
    status: DayStatus
    minutes: int
    day_number: int | None


@dataclass(frozen=True, slots=True)
class WeekdayTotal:
    """DONE days and their minutes on one weekday (0 = Monday .. 6 = Sunday)."""

    weekday: int
    days_logged: int
    minutes: int


@dataclass(frozen=True, slots=True)
class ChallengePlan:
    """What the statuses depend on besides the logs.

    ``rest_days`` holds weekday numbers (0 = Monday .. 6 = Sunday); ``skipped`` the dates
    marked with skipDay.
    """

    start_date: dt.date
    target_days: int
    rest_days: frozenset[int]
    skipped: frozenset[dt.date]

    def __post_init__(self) -> None:
        """Reject a plan the stats cannot be computed for."""
        if self.target_days < 1:
            msg = "target_days must be at least 1"
            raise ValueError(msg)


@dataclass(frozen=True, slots=True)
class ChallengeStats:
    """A challenge's progress figures (see DESIGN.md, "Progress rules")."""

    days_logged: int
    days_remaining: int
    progress: float
    completion_rate: float
    total_minutes: int
    average_minutes: float
    current_streak: Streak
    longest_streak: Streak
    today_status: DayStatus
    projected_finish_date: dt.date | None
    weekdays: tuple[WeekdayTotal, ...]


# --------------------------------------------------------------------------- internals


def _done_minutes(rows: Iterable[DayRow], start_ordinal: int) -> dict[int, int]:
    """Minutes per DONE date (as ordinal), rows before the start ignored.

    Rows are expected one per date; should a date come twice, its minutes are added up.
    """
    done: dict[int, int] = {}
    for row in rows:
        ordinal = row.date.toordinal()
        if ordinal >= start_ordinal:
            done[ordinal] = done.get(ordinal, 0) + row.minutes
    return done


def _rest_mask(rest_days: frozenset[int]) -> tuple[bool, ...]:
    return tuple(weekday in rest_days for weekday in range(_DAYS_IN_WEEK))


def _status(
    ordinal: int,
    done: Collection[int],
    skipped: Collection[int],
    rest: tuple[bool, ...],
    today: int,
) -> DayStatus:
    """Return the status of a date on or after the start date (rules applied in order)."""
    if ordinal in done:
        return DayStatus.DONE
    if ordinal in skipped:
        return DayStatus.SKIPPED
    if rest[(ordinal + 6) % _DAYS_IN_WEEK]:
        return DayStatus.REST
    if ordinal == today:
        return DayStatus.PENDING
    if ordinal < today:
        return DayStatus.MISSED
    return DayStatus.FUTURE


def _streak(length: int, first: int, last: int) -> Streak:
    if length == 0:
        return NO_STREAK
    return Streak(length, dt.date.fromordinal(first), dt.date.fromordinal(last))


def _projected_finish(
    done: dict[int, int],
    rest: tuple[bool, ...],
    remaining: int,
    cursor: int,
) -> dt.date | None:
    """Return the date on which the ``remaining``-th loggable date from ``cursor`` falls.

    Loggable: not a rest weekday and not already DONE. Rather than walking day by day,
    jump to the n-th non-rest date arithmetically and correct n for the DONE dates passed
    (``n - done_before(n)`` grows by at most one per step, so the fixed point reached from
    below is the first date where the count reaches ``remaining``).
    """
    per_week = rest.count(False)
    if per_week == 0:
        return None
    offsets = [
        offset for offset in range(_DAYS_IN_WEEK) if not rest[(cursor + offset + 6) % _DAYS_IN_WEEK]
    ]
    done_ahead = sorted(
        ordinal for ordinal in done if ordinal >= cursor and not rest[(ordinal + 6) % _DAYS_IN_WEEK]
    )
    nth = remaining
    while True:
        weeks, index = divmod(nth - 1, per_week)
        candidate = cursor + _DAYS_IN_WEEK * weeks + offsets[index]
        passed = bisect_right(done_ahead, candidate)
        if nth - passed == remaining:
            return dt.date.fromordinal(candidate)
        nth = remaining + passed


@dataclass(frozen=True, slots=True)
class _Walk:
    current_streak: Streak
    longest_streak: Streak
    done_through_today: int
    missed: int


def _walk(
    done: dict[int, int],
    skipped: Collection[int],
    rest: tuple[bool, ...],
    start: int,
    today: int,
) -> _Walk:
    """Split the dates from the start on into runs on MISSED days; count DONE and MISSED.

    Only past dates (start .. yesterday) can be MISSED, so they are walked once; from today
    (or the start) on, every DONE date, rows dated after today included, extends the run
    that reaches today. Runs are compared with ``>`` so the earliest wins a tie.
    """
    best_length = best_first = best_last = 0
    run_length = run_first = run_last = 0
    missed = done_before_today = 0
    for ordinal in range(start, today):
        if ordinal in done:
            if run_length == 0:
                run_first = ordinal
            run_length += 1
            run_last = ordinal
            done_before_today += 1
        elif ordinal not in skipped and not rest[(ordinal + 6) % _DAYS_IN_WEEK]:
            missed += 1
            if run_length > best_length:
                best_length, best_first, best_last = run_length, run_first, run_last
            run_length = 0

    ahead = [ordinal for ordinal in done if ordinal >= today]
    if ahead:
        if run_length == 0:
            run_first = min(ahead)
        run_length += len(ahead)
        run_last = max(ahead)
    if run_length > best_length:
        best_length, best_first, best_last = run_length, run_first, run_last

    started = today >= start
    return _Walk(
        current_streak=_streak(run_length, run_first, run_last) if started else NO_STREAK,
        longest_streak=_streak(best_length, best_first, best_last),
        done_through_today=done_before_today + (1 if today in done else 0),
        missed=missed,
    )


def _weekday_totals(done: dict[int, int]) -> tuple[WeekdayTotal, ...]:
    days = [0] * _DAYS_IN_WEEK
    minutes = [0] * _DAYS_IN_WEEK
    for ordinal, day_minutes in done.items():
        weekday = (ordinal + 6) % _DAYS_IN_WEEK
        days[weekday] += 1
        minutes[weekday] += day_minutes
    return tuple(
        WeekdayTotal(weekday, days[weekday], minutes[weekday]) for weekday in range(_DAYS_IN_WEEK)
    )


# --------------------------------------------------------------------------- public API


def day_status(
    day: dt.date,
    *,
    plan: ChallengePlan,
    logged: Collection[dt.date],
    today: dt.date,
) -> DayStatus:
    """Return the status of ``day``, a date on or after ``plan.start_date``.

    ``logged`` holds the challenge's logged dates. Dates before the start date have no
    status: asking for one is a ``ValueError``.
    """
    if day < plan.start_date:
        msg = f"{day.isoformat()} is before the challenge starts ({plan.start_date.isoformat()})"
        raise ValueError(msg)
    if day in logged:
        return DayStatus.DONE
    if day in plan.skipped:
        return DayStatus.SKIPPED
    if day.weekday() in plan.rest_days:
        return DayStatus.REST
    if day == today:
        return DayStatus.PENDING
    if day < today:
        return DayStatus.MISSED
    return DayStatus.FUTURE


def day_numbers(rows: Iterable[DayRow], start_date: dt.date) -> dict[dt.date, int]:
    """Return the 1-based ordinal of each DONE date among the DONE dates, in date order.

    Rows before ``start_date`` are ignored (they have no status).
    """
    dates = sorted({row.date for row in rows if row.date >= start_date})
    return {day: number for number, day in enumerate(dates, start=1)}


def challenge_calendar(
    rows: Iterable[DayRow],
    *,
    plan: ChallengePlan,
    today: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[CalendarEntry]:
    """One entry per date from ``start`` to ``end`` (default: start date .. today).

    The range never begins before ``plan.start_date``: earlier dates have no status and are
    not listed. Ascending by date; minutes are 0 and day_number None except on DONE days.
    """
    first = plan.start_date if start is None else max(start, plan.start_date)
    last = today if end is None else end
    if first > last:
        return []
    start_ordinal = plan.start_date.toordinal()
    done = _done_minutes(rows, start_ordinal)
    numbers = {ordinal: number for number, ordinal in enumerate(sorted(done), start=1)}
    skipped = {day.toordinal() for day in plan.skipped}
    rest = _rest_mask(plan.rest_days)
    today_ordinal = today.toordinal()
    from_ordinal = dt.date.fromordinal
    entries: list[CalendarEntry] = []
    append = entries.append
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        minutes = done.get(ordinal)
        if minutes is not None:
            append(CalendarEntry(from_ordinal(ordinal), DayStatus.DONE, minutes, numbers[ordinal]))
        else:
            status = _status(ordinal, done, skipped, rest, today_ordinal)
            append(CalendarEntry(from_ordinal(ordinal), status, 0, None))
    return entries


def challenge_stats(
    rows: Iterable[DayRow],
    *,
    plan: ChallengePlan,
    today: dt.date,
) -> ChallengeStats:
    """Compute a challenge's progress figures on ``today`` (the owner's local date)."""
    start_ordinal = plan.start_date.toordinal()
    today_ordinal = today.toordinal()
    done = _done_minutes(rows, start_ordinal)
    skipped = {day.toordinal() for day in plan.skipped}
    rest = _rest_mask(plan.rest_days)
    walk = _walk(done, skipped, rest, start_ordinal, today_ordinal)

    days_logged = len(done)
    total_minutes = sum(done.values())
    target = plan.target_days
    counted = walk.done_through_today + walk.missed

    if today_ordinal >= start_ordinal:
        today_status = _status(today_ordinal, done, skipped, rest, today_ordinal)
    else:
        today_status = DayStatus.FUTURE

    projected: dt.date | None = None
    if days_logged < target:
        cursor = max(today_ordinal, start_ordinal)
        if today_status is DayStatus.DONE:
            cursor += 1
        projected = _projected_finish(done, rest, target - days_logged, cursor)

    return ChallengeStats(
        days_logged=days_logged,
        days_remaining=max(0, target - days_logged),
        progress=min(1.0, days_logged / target),
        completion_rate=walk.done_through_today / counted if counted else 0.0,
        total_minutes=total_minutes,
        average_minutes=total_minutes / days_logged if days_logged else 0.0,
        current_streak=walk.current_streak,
        longest_streak=walk.longest_streak,
        today_status=today_status,
        projected_finish_date=projected,
        weekdays=_weekday_totals(done),
    )
