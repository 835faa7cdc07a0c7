"""Scenarios for the dashboard summary over all the viewer's challenges."""

from datetime import date, timedelta

from hundred_days.analytics import ActivityEntry, DayRow, Streak, dashboard_summary

NO_STREAK = Streak(0, None, None)


def mar(day: int) -> date:
    return date(2026, 3, day)


def test_streak_ends_yesterday_when_today_has_no_log() -> None:
    rows = [DayRow(mar(day), 10) for day in (1, 3, 4, 5)]
    summary = dashboard_summary(rows, today=mar(6), start=mar(1), end=mar(6))
    assert summary.current_streak == Streak(3, mar(3), mar(5))


def test_streak_ends_today_when_today_has_a_log() -> None:
    rows = [DayRow(mar(day), 10) for day in (3, 4, 5, 6)]
    summary = dashboard_summary(rows, today=mar(6), start=mar(6), end=mar(6))
    assert summary.current_streak == Streak(4, mar(3), mar(6))


def test_no_log_today_or_yesterday_means_no_streak() -> None:
    rows = [DayRow(mar(day), 10) for day in (1, 2, 3)]
    summary = dashboard_summary(rows, today=mar(5), start=mar(1), end=mar(5))
    assert summary.current_streak == NO_STREAK
    assert dashboard_summary([], today=mar(5), start=mar(1), end=mar(5)).current_streak == (
        NO_STREAK
    )


def test_streak_knows_no_rest_days_and_ignores_the_range() -> None:
    # Saturday the 7th has no log: the weekend does not bridge anything on the dashboard.
    rows = [DayRow(mar(day), 10) for day in (5, 6, 8, 9)]
    summary = dashboard_summary(rows, today=mar(9), start=mar(9), end=mar(9))
    assert summary.current_streak == Streak(2, mar(8), mar(9))
    assert summary.days_logged == 1


def test_a_log_dated_after_today_does_not_extend_the_streak() -> None:
    rows = [DayRow(mar(day), 10) for day in (4, 5, 6)]
    summary = dashboard_summary(rows, today=mar(5), start=mar(1), end=mar(6))
    assert summary.current_streak == Streak(2, mar(4), mar(5))


def test_two_challenges_on_one_date_count_once_in_days_logged() -> None:
    rows = [DayRow(mar(2), 30), DayRow(mar(2), 45), DayRow(mar(3), 20)]
    summary = dashboard_summary(rows, today=mar(3), start=mar(1), end=mar(3))
    assert summary.days_logged == 2
    assert summary.total_minutes == 95
    assert summary.calendar == [
        ActivityEntry(mar(1), 0, 0),
        ActivityEntry(mar(2), 75, 2),
        ActivityEntry(mar(3), 20, 1),
    ]
    assert summary.current_streak == Streak(2, mar(2), mar(3))


def test_totals_cover_the_range_only_and_the_calendar_every_date() -> None:
    rows = [
        DayRow(date(2026, 2, 27), 500),  # before the range
        DayRow(mar(1), 10),
        DayRow(mar(5), 20),
        DayRow(mar(5), 5),
        DayRow(mar(10), 40),
        DayRow(mar(11), 700),  # after the range
    ]
    summary = dashboard_summary(rows, today=mar(11), start=mar(1), end=mar(10))
    assert summary.total_minutes == 75
    assert summary.days_logged == 3
    assert len(summary.calendar) == 10
    assert [entry.date for entry in summary.calendar] == [
        mar(1) + timedelta(days=n) for n in range(10)
    ]
    assert sum(entry.minutes for entry in summary.calendar) == 75
    assert sum(entry.logs for entry in summary.calendar) == 4
    assert summary.calendar[4] == ActivityEntry(mar(5), 25, 2)
    assert summary.current_streak == Streak(2, mar(10), mar(11))


def test_empty_range() -> None:
    rows = [DayRow(mar(2), 30)]
    summary = dashboard_summary(rows, today=mar(2), start=mar(3), end=mar(2))
    assert summary.calendar == []
    assert summary.total_minutes == 0
    assert summary.days_logged == 0
    assert summary.current_streak == Streak(1, mar(2), mar(2))
