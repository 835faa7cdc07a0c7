"""The progress types: stats, streaks, calendars and the dashboard (computed by analytics/)."""

from __future__ import annotations

from datetime import date
from typing import Self

import strawberry

from hundred_days import analytics
from hundred_days.schema.enums import Weekday

DayStatus = analytics.DayStatus
strawberry.enum(DayStatus)


@strawberry.type
class Streak:
    length: int = strawberry.field(description="DONE days in the run.")
    start: date | None = strawberry.field(description="Its first DONE day.")
    end: date | None = strawberry.field(description="Its last DONE day.")

    @classmethod
    def of(cls, streak: analytics.Streak) -> Self:
        return cls(length=streak.length, start=streak.start, end=streak.end)


@strawberry.type
class WeekdayStat:
    weekday: Weekday
    days_logged: int
    minutes: int


@strawberry.type
class CalendarDay:
    date: date
    status: DayStatus
    minutes: int
    day_number: int | None

    @classmethod
    def of(cls, entry: analytics.CalendarEntry) -> Self:
        return cls(
            date=entry.date,
            status=entry.status,
            minutes=entry.minutes,
            day_number=entry.day_number,
        )


@strawberry.type
class ChallengeStats:
    days_logged: int
    days_remaining: int
    progress: float = strawberry.field(description="daysLogged / targetDays, at most 1.")
    completion_rate: float = strawberry.field(description="DONE / (DONE + MISSED); 0 if none.")
    total_minutes: int
    average_minutes: float
    current_streak: Streak
    longest_streak: Streak
    today_status: DayStatus
    projected_finish_date: date | None = strawberry.field(
        description="If every non-rest day is logged from today on; null once reached."
    )
    weekdays: list[WeekdayStat] = strawberry.field(description="Always seven, MONDAY first.")

    @classmethod
    def of(cls, stats: analytics.ChallengeStats) -> Self:
        return cls(
            days_logged=stats.days_logged,
            days_remaining=stats.days_remaining,
            progress=stats.progress,
            completion_rate=stats.completion_rate,
            total_minutes=stats.total_minutes,
            average_minutes=stats.average_minutes,
            current_streak=Streak.of(stats.current_streak),
            longest_streak=Streak.of(stats.longest_streak),
            today_status=stats.today_status,
            projected_finish_date=stats.projected_finish_date,
            weekdays=[
                WeekdayStat(
                    weekday=Weekday.of(total.weekday),
                    days_logged=total.days_logged,
                    minutes=total.minutes,
                )
                for total in stats.weekdays
            ],
        )


@strawberry.type
class ActivityDay:
    date: date
    minutes: int
    logs: int


@strawberry.type
class Dashboard:
    active_challenges: int
    total_minutes: int
    days_logged: int = strawberry.field(description="Distinct dates with at least one log.")
    current_streak: Streak = strawberry.field(
        description="Consecutive dates with a log, ending today (or yesterday if today has none)."
    )
    calendar: list[ActivityDay] = strawberry.field(description="One entry for every date.")
