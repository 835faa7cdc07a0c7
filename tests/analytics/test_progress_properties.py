"""Property tests: the analytics against a plain, day-by-day reference written here.

The reference applies DESIGN.md's "Progress rules" as literally as possible, date by date,
with no cleverness; the package's single-pass / arithmetic versions must agree with it on
random calendars.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hundred_days.analytics import (
    ActivityEntry,
    CalendarEntry,
    ChallengePlan,
    DayRow,
    DayStatus,
    Streak,
    WeekdayTotal,
    challenge_calendar,
    challenge_stats,
    dashboard_summary,
    day_numbers,
    day_status,
)

ONE_DAY = timedelta(days=1)
NO_STREAK = Streak(0, None, None)
BOUNDED = settings(max_examples=200, deadline=None, database=None)


# --------------------------------------------------------------------------- reference


def ref_days(first: date, last: date) -> list[date]:
    days = []
    day = first
    while day <= last:
        days.append(day)
        day += ONE_DAY
    return days


def ref_done(rows: list[DayRow], start: date) -> dict[date, int]:
    done: dict[date, int] = {}
    for row in rows:
        if row.date >= start:
            done[row.date] = done.get(row.date, 0) + row.minutes
    return done


def ref_status(day: date, plan: ChallengePlan, done: dict[date, int], today: date) -> DayStatus:
    if day in done:
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


def ref_run_streak(run: list[tuple[date, DayStatus]]) -> Streak:
    done_days = [day for day, status in run if status is DayStatus.DONE]
    if not done_days:
        return NO_STREAK
    return Streak(len(done_days), done_days[0], done_days[-1])


def ref_runs(
    plan: ChallengePlan, done: dict[date, int], today: date
) -> list[list[tuple[date, DayStatus]]]:
    """All dates start .. max(today, last row), split on MISSED days."""
    last = max([today, *done])
    runs: list[list[tuple[date, DayStatus]]] = [[]]
    for day in ref_days(plan.start_date, last):
        status = ref_status(day, plan, done, today)
        if status is DayStatus.MISSED:
            runs.append([])
        else:
            runs[-1].append((day, status))
    return runs


def ref_numbers(done: dict[date, int]) -> dict[date, int]:
    return {day: len([other for other in done if other <= day]) for day in done}


def ref_projection(plan: ChallengePlan, done: dict[date, int], today: date) -> date | None:
    if len(done) >= plan.target_days:
        return None
    if all(weekday in plan.rest_days for weekday in range(7)):
        return None
    remaining = plan.target_days - len(done)
    day = max(today, plan.start_date)
    if today >= plan.start_date and today in done:
        day = today + ONE_DAY
    count = 0
    while True:
        if day.weekday() not in plan.rest_days and day not in done:
            count += 1
            if count == remaining:
                return day
        day += ONE_DAY


@dataclass
class RefStats:
    days_logged: int
    days_remaining: int
    progress: float
    completion_rate: float
    total_minutes: int
    average_minutes: float
    current_streak: Streak
    longest_streak: Streak
    today_status: DayStatus
    projected_finish_date: date | None
    weekdays: tuple[WeekdayTotal, ...]


def ref_stats(rows: list[DayRow], plan: ChallengePlan, today: date) -> RefStats:
    done = ref_done(rows, plan.start_date)
    runs = ref_runs(plan, done, today)

    longest = NO_STREAK
    for run in runs:
        streak = ref_run_streak(run)
        if streak.length > longest.length:
            longest = streak

    current = NO_STREAK
    if today >= plan.start_date:
        for run in runs:
            if any(day == today for day, _ in run):
                current = ref_run_streak(run)

    statuses_to_today = [
        ref_status(day, plan, done, today) for day in ref_days(plan.start_date, today)
    ]
    n_done = statuses_to_today.count(DayStatus.DONE)
    n_missed = statuses_to_today.count(DayStatus.MISSED)

    total = sum(done.values())
    target = plan.target_days
    return RefStats(
        days_logged=len(done),
        days_remaining=max(0, target - len(done)),
        progress=min(1.0, len(done) / target),
        completion_rate=n_done / (n_done + n_missed) if n_done + n_missed > 0 else 0.0,
        total_minutes=total,
        average_minutes=total / len(done) if done else 0.0,
        current_streak=current,
        longest_streak=longest,
        today_status=(
            DayStatus.FUTURE if today < plan.start_date else ref_status(today, plan, done, today)
        ),
        projected_finish_date=ref_projection(plan, done, today),
        weekdays=tuple(
            WeekdayTotal(
                weekday,
                len([day for day in done if day.weekday() == weekday]),
                sum(minutes for day, minutes in done.items() if day.weekday() == weekday),
            )
            for weekday in range(7)
        ),
    )


def ref_calendar(
    rows: list[DayRow],
    plan: ChallengePlan,
    today: date,
    start: date | None,
    end: date | None,
) -> list[CalendarEntry]:
    done = ref_done(rows, plan.start_date)
    numbers = ref_numbers(done)
    first = plan.start_date if start is None else start
    last = today if end is None else end
    entries = []
    for day in ref_days(first, last):
        if day < plan.start_date:
            continue
        status = ref_status(day, plan, done, today)
        if status is DayStatus.DONE:
            entries.append(CalendarEntry(day, status, done[day], numbers[day]))
        else:
            entries.append(CalendarEntry(day, status, 0, None))
    return entries


# --------------------------------------------------------------------------- strategies


@dataclass
class Case:
    plan: ChallengePlan
    rows: list[DayRow]
    today: date
    range_start: date | None
    range_end: date | None


def offsets_to_dates(start: date, offsets: set[int]) -> list[date]:
    return [start + timedelta(days=offset) for offset in sorted(offsets)]


rest_day_sets: st.SearchStrategy[frozenset[int]] = st.one_of(
    st.frozensets(st.integers(0, 6)),
    st.just(frozenset()),
    st.integers(0, 6).map(lambda keep: frozenset(range(7)) - {keep}),  # six rest days
)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    start = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
    # Logs as alternating gaps and runs, so streaks, ties and holes all occur; the first
    # offset may be negative (logs before the start, to be ignored).
    offset = draw(st.integers(-10, 5))
    logged: set[int] = set()
    for gap, run in draw(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 12)), max_size=12)):
        offset += gap
        logged.update(range(offset, offset + run))
        offset += run
    logged |= draw(st.sets(st.integers(-10, 150), max_size=10))
    dates = offsets_to_dates(start, logged)
    rows = [DayRow(day, draw(st.integers(0, 1440))) for day in dates]
    rows = draw(st.permutations(rows))
    skipped = frozenset(offsets_to_dates(start, draw(st.sets(st.integers(-5, 150), max_size=20))))
    plan = ChallengePlan(
        start_date=start,
        target_days=draw(st.integers(1, 60)),
        rest_days=draw(rest_day_sets),
        skipped=skipped,
    )
    today = start + timedelta(days=draw(st.integers(-20, 160)))
    optional_day = st.none() | st.integers(-20, 170).map(lambda n: start + timedelta(days=n))
    return Case(plan, rows, today, draw(optional_day), draw(optional_day))


# --------------------------------------------------------------------------- properties


@BOUNDED
@given(cases())
def test_challenge_stats_matches_reference(case: Case) -> None:
    stats = challenge_stats(case.rows, plan=case.plan, today=case.today)
    expected = ref_stats(case.rows, case.plan, case.today)

    assert stats.days_logged == expected.days_logged
    assert stats.days_remaining == expected.days_remaining
    assert stats.progress == pytest.approx(expected.progress)
    assert stats.completion_rate == pytest.approx(expected.completion_rate)
    assert stats.total_minutes == expected.total_minutes
    assert stats.average_minutes == pytest.approx(expected.average_minutes)
    assert stats.current_streak == expected.current_streak
    assert stats.longest_streak == expected.longest_streak
    assert stats.today_status is expected.today_status
    assert stats.projected_finish_date == expected.projected_finish_date
    assert stats.weekdays == expected.weekdays


@BOUNDED
@given(cases())
def test_challenge_calendar_matches_reference(case: Case) -> None:
    default = challenge_calendar(case.rows, plan=case.plan, today=case.today)
    assert default == ref_calendar(case.rows, case.plan, case.today, None, None)

    ranged = challenge_calendar(
        case.rows,
        plan=case.plan,
        today=case.today,
        start=case.range_start,
        end=case.range_end,
    )
    assert ranged == ref_calendar(
        case.rows, case.plan, case.today, case.range_start, case.range_end
    )

    # A range that begins before the start date is clipped to it.
    early = case.plan.start_date - timedelta(days=3)
    clipped = challenge_calendar(case.rows, plan=case.plan, today=case.today, start=early)
    assert clipped == ref_calendar(case.rows, case.plan, case.today, early, None)


@BOUNDED
@given(cases())
def test_day_numbers_and_day_status_match_reference(case: Case) -> None:
    done = ref_done(case.rows, case.plan.start_date)
    assert day_numbers(case.rows, case.plan.start_date) == ref_numbers(done)

    logged = {row.date for row in case.rows}
    last = max([case.today, *done, case.plan.start_date + timedelta(days=14)])
    for day in ref_days(case.plan.start_date, last):
        got = day_status(day, plan=case.plan, logged=logged, today=case.today)
        assert got is ref_status(day, case.plan, done, case.today)


@BOUNDED
@given(cases())
def test_streak_invariants(case: Case) -> None:
    stats = challenge_stats(case.rows, plan=case.plan, today=case.today)
    longest, current = stats.longest_streak, stats.current_streak
    assert current.length <= longest.length <= stats.days_logged
    for streak in (longest, current):
        assert (streak.length == 0) == (streak.start is None) == (streak.end is None)
        if streak.start is not None and streak.end is not None:
            assert streak.start <= streak.end


# --------------------------------------------------------------------------- dashboard


def ref_dashboard_streak(dates: set[date], today: date) -> Streak:
    past = sorted(day for day in dates if day <= today)
    runs: list[list[date]] = []
    for day in past:
        if runs and runs[-1][-1] + ONE_DAY == day:
            runs[-1].append(day)
        else:
            runs.append([day])
    if not runs:
        return NO_STREAK
    last_run = runs[-1]
    if last_run[-1] == today or (last_run[-1] == today - ONE_DAY and today not in dates):
        return Streak(len(last_run), last_run[0], last_run[-1])
    return NO_STREAK


@st.composite
def dashboard_cases(draw: st.DrawFn) -> tuple[list[DayRow], date, date, date]:
    base = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
    rows: list[DayRow] = []
    for _challenge in range(draw(st.integers(0, 4))):
        offset = draw(st.integers(-10, 10))
        for gap, run in draw(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 8)), max_size=6)):
            offset += gap
            rows.extend(
                DayRow(base + timedelta(days=day), draw(st.integers(0, 600)))
                for day in range(offset, offset + run)
            )
            offset += run
    rows = draw(st.permutations(rows))
    today = base + timedelta(days=draw(st.integers(-5, 60)))
    start = base + timedelta(days=draw(st.integers(-15, 60)))
    end = start + timedelta(days=draw(st.integers(-3, 60)))
    return rows, today, start, end


@BOUNDED
@given(dashboard_cases())
def test_dashboard_summary_matches_reference(
    case: tuple[list[DayRow], date, date, date],
) -> None:
    rows, today, start, end = case
    summary = dashboard_summary(rows, today=today, start=start, end=end)

    in_range = [row for row in rows if start <= row.date <= end]
    assert summary.total_minutes == sum(row.minutes for row in in_range)
    assert summary.days_logged == len({row.date for row in in_range})
    assert summary.calendar == [
        ActivityEntry(
            day,
            sum(row.minutes for row in rows if row.date == day),
            len([row for row in rows if row.date == day]),
        )
        for day in ref_days(start, end)
    ]
    assert summary.current_streak == ref_dashboard_streak({row.date for row in rows}, today)
