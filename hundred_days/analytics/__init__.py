"""Pure analytics: calendar days, day statuses, streaks, stats and dashboards.

No database, no GraphQL and no clock: "today" and the time zone are always passed in.
"""

from hundred_days.analytics.dashboard import ActivityEntry, DashboardSummary, dashboard_summary
from hundred_days.analytics.days import date_range, is_valid_timezone, local_date, local_today
from hundred_days.analytics.progress import (
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

__all__ = [
    "ActivityEntry",
    "CalendarEntry",
    "ChallengePlan",
    "ChallengeStats",
    "DashboardSummary",
    "DayRow",
    "DayStatus",
    "Streak",
    "WeekdayTotal",
    "challenge_calendar",
    "challenge_stats",
    "dashboard_summary",
    "date_range",
    "day_numbers",
    "day_status",
    "is_valid_timezone",
    "local_date",
    "local_today",
]
