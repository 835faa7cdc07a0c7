"""Named scenarios for the progress rules (DESIGN.md, "Progress rules").

March 2026 is used throughout: 2026-03-02 is a Monday, so mar(2..8) is Monday..Sunday and
mar(9) the next Monday.
"""

from collections.abc import Iterable
from datetime import date, timedelta

import pytest

from hundred_days.analytics import (
    CalendarEntry,
    ChallengePlan,
    ChallengeStats,
    DayRow,
    DayStatus,
    Streak,
    WeekdayTotal,
    challenge_calendar,
    challenge_stats,
    day_numbers,
    day_status,
)

NO_STREAK = Streak(0, None, None)
SATURDAY, SUNDAY = 5, 6
WEEKEND = frozenset({SATURDAY, SUNDAY})


def mar(day: int) -> date:
    return date(2026, 3, day)


def plan(
    start: date = date(2026, 3, 2),
    target: int = 100,
    rest: Iterable[int] = (),
    skipped: Iterable[date] = (),
) -> ChallengePlan:
    return ChallengePlan(
        start_date=start,
        target_days=target,
        rest_days=frozenset(rest),
        skipped=frozenset(skipped),
    )


def rows(*days: date, minutes: int = 30) -> list[DayRow]:
    return [DayRow(day, minutes) for day in days]


def statuses(entries: list[CalendarEntry]) -> dict[date, DayStatus]:
    return {entry.date: entry.status for entry in entries}


def stats_for(logged: list[DayRow], the_plan: ChallengePlan, today: date) -> ChallengeStats:
    return challenge_stats(logged, plan=the_plan, today=today)


def test_march_2026_starts_on_a_monday() -> None:
    assert mar(2).weekday() == 0
    assert mar(7).weekday() == SATURDAY


# --------------------------------------------------------------------------- streaks


def test_longest_streak_tie_goes_to_the_earliest_run() -> None:
    # Runs [2, 3] | 4 missed | [5, 6] | 7 missed | [8, 9, today 10 pending]: three runs of 2.
    logged = rows(mar(2), mar(3), mar(5), mar(6), mar(8), mar(9))
    stats = stats_for(logged, plan(), today=mar(10))
    assert stats.longest_streak == Streak(2, mar(2), mar(3))
    assert stats.current_streak == Streak(2, mar(8), mar(9))

    # One more day in the last run makes it strictly longer: now it wins.
    stats = stats_for([*logged, DayRow(mar(10), 5)], plan(), today=mar(10))
    assert stats.longest_streak == Streak(3, mar(8), mar(10))
    assert stats.current_streak == Streak(3, mar(8), mar(10))


def test_pending_today_does_not_break_the_current_streak() -> None:
    logged = rows(mar(2), mar(3), mar(4), mar(5))
    stats = stats_for(logged, plan(), today=mar(6))
    assert stats.today_status is DayStatus.PENDING
    assert stats.current_streak == Streak(4, mar(2), mar(5))

    # A day later, the 6th is MISSED and the current streak is gone; the longest stays.
    stats = stats_for(logged, plan(), today=mar(7))
    assert stats.current_streak == NO_STREAK
    assert stats.longest_streak == Streak(4, mar(2), mar(5))
    assert statuses(challenge_calendar(logged, plan=plan(), today=mar(7)))[mar(6)] is (
        DayStatus.MISSED
    )


def test_log_on_a_rest_day_is_done_and_an_unlogged_rest_day_keeps_the_streak() -> None:
    the_plan = plan(start=mar(5), rest=WEEKEND)
    logged = rows(mar(6), mar(7), mar(9))  # Friday, Saturday (a rest day), Monday
    stats = stats_for(logged, the_plan, today=mar(9))

    calendar = challenge_calendar(logged, plan=the_plan, today=mar(9))
    assert statuses(calendar) == {
        mar(5): DayStatus.MISSED,
        mar(6): DayStatus.DONE,
        mar(7): DayStatus.DONE,
        mar(8): DayStatus.REST,
        mar(9): DayStatus.DONE,
    }
    assert stats.days_logged == 3
    assert stats.current_streak == Streak(3, mar(6), mar(9))
    assert stats.longest_streak == Streak(3, mar(6), mar(9))
    assert stats.weekdays[SATURDAY] == WeekdayTotal(SATURDAY, 1, 30)
    assert stats.completion_rate == pytest.approx(3 / 4)


def test_rest_weekday_today_without_a_log_is_rest() -> None:
    friday = 4
    stats = stats_for(rows(mar(2)), plan(rest={friday}), today=mar(6))
    assert stats.today_status is DayStatus.REST


def test_skip_then_log_the_same_day_is_done_and_a_skip_keeps_the_streak() -> None:
    the_plan = plan(skipped={mar(3), mar(4)})
    logged = rows(mar(2), mar(3), mar(5))
    stats = stats_for(logged, the_plan, today=mar(5))

    assert day_status(mar(3), plan=the_plan, logged={mar(2), mar(3), mar(5)}, today=mar(5)) is (
        DayStatus.DONE
    )
    calendar = challenge_calendar(logged, plan=the_plan, today=mar(5))
    assert statuses(calendar)[mar(3)] is DayStatus.DONE
    assert statuses(calendar)[mar(4)] is DayStatus.SKIPPED
    assert day_numbers(logged, the_plan.start_date) == {mar(2): 1, mar(3): 2, mar(5): 3}
    assert stats.days_logged == 3
    assert stats.current_streak == Streak(3, mar(2), mar(5))
    assert stats.completion_rate == 1.0  # a SKIPPED day is neither DONE nor MISSED


# --------------------------------------------------------------------------- figures


def test_challenge_with_no_logs() -> None:
    stats = stats_for([], plan(), today=mar(5))
    assert stats.days_logged == 0
    assert stats.days_remaining == 100
    assert stats.progress == 0.0
    assert stats.completion_rate == 0.0
    assert stats.total_minutes == 0
    assert stats.average_minutes == 0.0
    assert stats.current_streak == NO_STREAK
    assert stats.longest_streak == NO_STREAK
    assert stats.today_status is DayStatus.PENDING
    assert stats.projected_finish_date == date(2026, 6, 12)  # today + 99 days
    assert stats.weekdays == tuple(WeekdayTotal(weekday, 0, 0) for weekday in range(7))
    assert [entry.status for entry in challenge_calendar([], plan=plan(), today=mar(5))] == [
        DayStatus.MISSED,
        DayStatus.MISSED,
        DayStatus.MISSED,
        DayStatus.PENDING,
    ]

    # On its first day there is nothing DONE or MISSED yet: the rate is 0, not an error.
    first_day = stats_for([], plan(), today=mar(2))
    assert first_day.completion_rate == 0.0
    assert first_day.projected_finish_date == mar(2) + timedelta(days=99)


def test_figures_minutes_and_weekdays() -> None:
    logged = [DayRow(mar(2), 60), DayRow(mar(3), 30), DayRow(mar(9), 45)]  # Mon, Tue, Mon
    stats = stats_for(logged, plan(target=4), today=mar(9))
    assert stats.total_minutes == 135
    assert stats.average_minutes == pytest.approx(45.0)
    assert stats.progress == pytest.approx(0.75)
    assert stats.days_remaining == 1
    assert stats.completion_rate == pytest.approx(3 / 8)  # 4th..8th missed
    assert len(stats.weekdays) == 7
    assert [total.weekday for total in stats.weekdays] == list(range(7))
    assert stats.weekdays[0] == WeekdayTotal(0, 2, 105)
    assert stats.weekdays[1] == WeekdayTotal(1, 1, 30)
    assert sum(total.days_logged for total in stats.weekdays) == 3


def test_completion() -> None:
    stats = stats_for(rows(mar(2), mar(3), mar(4)), plan(target=3), today=mar(4))
    assert stats.days_logged == 3
    assert stats.days_remaining == 0
    assert stats.progress == 1.0
    assert stats.projected_finish_date is None

    beyond = stats_for(rows(mar(2), mar(3), mar(4)), plan(target=2), today=mar(5))
    assert beyond.days_remaining == 0
    assert beyond.progress == 1.0
    assert beyond.projected_finish_date is None


def test_rows_before_the_start_date_are_ignored() -> None:
    logged = [DayRow(date(2026, 2, 27), 90), DayRow(mar(1), 90), DayRow(mar(2), 20)]
    stats = stats_for(logged, plan(), today=mar(2))
    assert stats.days_logged == 1
    assert stats.total_minutes == 20
    assert stats.longest_streak == Streak(1, mar(2), mar(2))
    assert day_numbers(logged, mar(2)) == {mar(2): 1}
    calendar = challenge_calendar(logged, plan=plan(), today=mar(2), start=date(2026, 2, 25))
    assert [entry.date for entry in calendar] == [mar(2)]
    with pytest.raises(ValueError, match="before the challenge starts"):
        day_status(mar(1), plan=plan(), logged={mar(1)}, today=mar(2))


def test_a_row_dated_after_today_is_done_and_counts() -> None:
    # The owner moved to a zone behind the old one: the 4th is logged while "today" is the 3rd.
    logged = rows(mar(2), mar(3), mar(4))
    stats = stats_for(logged, plan(target=10), today=mar(3))
    assert stats.days_logged == 3
    assert stats.current_streak == Streak(3, mar(2), mar(4))
    assert stats.completion_rate == 1.0  # 2 DONE through today, nothing missed
    calendar = challenge_calendar(logged, plan=plan(), today=mar(3), end=mar(5))
    assert [(entry.status, entry.day_number) for entry in calendar] == [
        (DayStatus.DONE, 1),
        (DayStatus.DONE, 2),
        (DayStatus.DONE, 3),
        (DayStatus.FUTURE, None),
    ]


def test_calendar_entries() -> None:
    logged = [DayRow(mar(2), 25), DayRow(mar(4), 40)]
    calendar = challenge_calendar(logged, plan=plan(skipped={mar(3)}), today=mar(5), end=mar(6))
    assert calendar == [
        CalendarEntry(mar(2), DayStatus.DONE, 25, 1),
        CalendarEntry(mar(3), DayStatus.SKIPPED, 0, None),
        CalendarEntry(mar(4), DayStatus.DONE, 40, 2),
        CalendarEntry(mar(5), DayStatus.PENDING, 0, None),
        CalendarEntry(mar(6), DayStatus.FUTURE, 0, None),
    ]
    # A sub-range keeps the day numbers counted over the whole challenge.
    assert challenge_calendar(logged, plan=plan(), today=mar(5), start=mar(4), end=mar(4)) == [
        CalendarEntry(mar(4), DayStatus.DONE, 40, 2),
    ]
    assert challenge_calendar(logged, plan=plan(), today=mar(5), start=mar(6), end=mar(4)) == []


# --------------------------------------------------------------------------- projection


def test_projection_skips_rest_days_and_starts_tomorrow_when_today_is_done() -> None:
    logged = rows(mar(2), mar(3), mar(4))  # Monday .. Wednesday; today Wednesday is DONE
    assert stats_for(logged, plan(target=4, rest=WEEKEND), mar(4)).projected_finish_date == mar(5)
    assert stats_for(logged, plan(target=5, rest=WEEKEND), mar(4)).projected_finish_date == mar(6)
    # The 6th log would be Monday the 9th: Saturday and Sunday are rest days.
    assert stats_for(logged, plan(target=6, rest=WEEKEND), mar(4)).projected_finish_date == mar(9)
    assert stats_for(logged, plan(target=10, rest=WEEKEND), mar(4)).projected_finish_date == (
        mar(13)
    )


def test_projection_counts_today_when_it_is_not_done() -> None:
    logged = rows(mar(2), mar(3))
    assert stats_for(logged, plan(target=3, rest=WEEKEND), mar(4)).projected_finish_date == mar(4)


def test_projection_passes_over_rows_already_logged_ahead_of_today() -> None:
    logged = rows(mar(2), mar(3), mar(5))  # the 5th logged ahead (a time-zone change)
    stats = stats_for(logged, plan(target=5), today=mar(3))
    assert stats.projected_finish_date == mar(6)  # 4th counts, 5th is done, 6th counts


def test_projection_with_six_and_seven_rest_days() -> None:
    all_but_monday = set(range(1, 7))
    stats = stats_for([], plan(target=3, rest=all_but_monday), today=mar(2))
    assert stats.projected_finish_date == mar(16)  # Mondays 2, 9, 16
    assert stats_for([], plan(rest=range(7)), today=mar(2)).projected_finish_date is None


# --------------------------------------------------------------------------- start in future


def test_future_start() -> None:
    tuesday = 1
    the_plan = plan(start=mar(10), target=30, rest={tuesday})
    stats = stats_for([], the_plan, today=mar(5))
    assert stats.today_status is DayStatus.FUTURE
    assert stats.current_streak == NO_STREAK
    assert stats.completion_rate == 0.0
    # 30 non-Tuesdays from the start: five six-day weeks, Wednesday 11th .. Monday 13 April.
    assert stats.projected_finish_date == date(2026, 4, 13)
    assert challenge_calendar([], plan=the_plan, today=mar(5)) == []

    calendar = challenge_calendar([], plan=the_plan, today=mar(5), start=mar(1), end=mar(12))
    # Clipped to the start date; a rest weekday is REST even in the future (rule order).
    assert statuses(calendar) == {
        mar(10): DayStatus.REST,
        mar(11): DayStatus.FUTURE,
        mar(12): DayStatus.FUTURE,
    }
    with pytest.raises(ValueError, match="before the challenge starts"):
        day_status(mar(5), plan=the_plan, logged=set(), today=mar(5))


def test_future_start_projection_counts_from_the_start_date() -> None:
    stats = stats_for([], plan(start=mar(10), target=3), today=mar(5))
    assert stats.projected_finish_date == mar(12)


def test_plan_rejects_a_target_below_one() -> None:
    with pytest.raises(ValueError, match="target_days"):
        plan(target=0)
