"""Stats, calendars, the dashboard and skipDay: analytics fed from the batched loaders."""

from __future__ import annotations

from datetime import date

from hundred_days import analytics, models, validation
from hundred_days.context import Info
from hundred_days.resolvers.access import owned_challenge
from hundred_days.schema.errors import (
    FieldErrors,
    NotFoundError,
    ValidationError,
    bad_user_input,
    not_found,
)
from hundred_days.schema.ids import object_id_of
from hundred_days.schema.progress import (
    ActivityDay,
    CalendarDay,
    ChallengeStats,
    Dashboard,
    Streak,
)

DASHBOARD_DAYS = 365
MAX_RANGE_YEARS = 3
# The statuses that reaching the target turns into COMPLETED; ABANDONED is the owner's call.
_COMPLETABLE = (models.ChallengeStatus.ACTIVE, models.ChallengeStatus.PAUSED)


def day_rows(logs: list[models.DailyLog]) -> list[analytics.DayRow]:
    return [
        analytics.DayRow(date=date.fromisoformat(log.date), minutes=log.minutes) for log in logs
    ]


def plan_of(challenge: models.Challenge) -> analytics.ChallengePlan:
    return analytics.ChallengePlan(
        start_date=date.fromisoformat(challenge.start_date),
        target_days=challenge.target_days,
        rest_days=frozenset(challenge.rest_days),
        skipped=frozenset(date.fromisoformat(day) for day in challenge.skipped_dates),
    )


def check_range(start: date | None, end: date | None) -> None:
    """`from` ≤ `to`, spanning at most three years; otherwise BAD_USER_INPUT."""
    if start is not None and end is not None:
        if start > end:
            raise bad_user_input("`from` must not be after `to`")
        # Near date.max the span cannot exceed the limit (and years_from would overflow).
        if start.year <= date.max.year - MAX_RANGE_YEARS and end > validation.years_from(
            start, MAX_RANGE_YEARS
        ):
            raise bad_user_input(f"a range spans at most {MAX_RANGE_YEARS} years")


async def _owner_today(info: Info, challenge: models.Challenge) -> date:
    owner = await info.context.loaders.user.load(challenge.owner_id)
    if owner is None:
        raise LookupError(f"challenge {challenge.id} has no owner")
    return info.context.today_for(owner)


async def _rows(info: Info, challenge: models.Challenge) -> list[analytics.DayRow]:
    assert challenge.id is not None
    return day_rows(await info.context.loaders.logs_by_challenge.load(challenge.id))


async def stats(info: Info, challenge: models.Challenge) -> ChallengeStats:
    today = await _owner_today(info, challenge)
    rows = await _rows(info, challenge)
    return ChallengeStats.of(analytics.challenge_stats(rows, plan=plan_of(challenge), today=today))


async def calendar(
    info: Info, challenge: models.Challenge, start: date | None, end: date | None
) -> list[CalendarDay]:
    """Default range: startDate .. the owner's today; days before startDate are not listed."""
    check_range(start, end)
    today = await _owner_today(info, challenge)
    plan = plan_of(challenge)
    if (start is None) != (end is None):
        # Half-open: the other end defaults, and the span limit still applies.
        low, high = start or plan.start_date, end or today
        if low > high:
            return []
        check_range(low, high)
    rows = await _rows(info, challenge)
    entries = analytics.challenge_calendar(rows, plan=plan, today=today, start=start, end=end)
    return [CalendarDay.of(entry) for entry in entries]


async def dashboard(info: Info, start: date | None, end: date | None) -> Dashboard:
    viewer = info.context.viewer
    assert viewer is not None
    assert viewer.id is not None
    today = info.context.today_for(viewer)
    end = end or (today if start is None else max(today, start))
    # By ordinal, clamped: a `to` in year 1 must not overflow (a 500) on the way to a range.
    start = start or date.fromordinal(max(1, end.toordinal() - (DASHBOARD_DAYS - 1)))
    check_range(start, end)
    challenges = await info.context.loaders.challenges_by_owner.load(viewer.id)
    logs = await info.context.loaders.logs_by_challenge.load_many(
        [challenge.id for challenge in challenges if challenge.id is not None]
    )
    rows = [row for challenge_logs in logs for row in day_rows(challenge_logs)]
    summary = analytics.dashboard_summary(rows, today=today, start=start, end=end)
    return Dashboard(
        active_challenges=sum(c.status is models.ChallengeStatus.ACTIVE for c in challenges),
        total_minutes=summary.total_minutes,
        days_logged=summary.days_logged,
        current_streak=Streak.of(summary.current_streak),
        calendar=[
            ActivityDay(date=entry.date, minutes=entry.minutes, logs=entry.logs)
            for entry in summary.calendar
        ],
    )


async def skip_day(
    info: Info, challenge_id: str, day: date
) -> CalendarDay | ValidationError | NotFoundError:
    viewer = info.context.viewer
    assert viewer is not None
    challenge = await owned_challenge(info, object_id_of(challenge_id, "Challenge"))
    if challenge is None or challenge.id is None:
        return not_found("Challenge")
    errors = FieldErrors()
    today = info.context.today_for(viewer)
    logs = await info.context.loaders.logs_by_challenge.load(challenge.id)
    start = date.fromisoformat(challenge.start_date)
    if validation.challenge_day(errors, "date", day, today, start) and any(
        log.date == day.isoformat() for log in logs
    ):
        errors.add("date", "has a log; delete the log to skip the day")
    if errors:
        return errors.error()
    if day.isoformat() not in challenge.skipped_dates:
        await challenge.set({"skipped_dates": sorted({*challenge.skipped_dates, day.isoformat()})})
        info.context.loaders.clear_all()
    return CalendarDay(date=day, status=analytics.DayStatus.SKIPPED, minutes=0, day_number=None)


async def sync_completion(
    info: Info, challenge: models.Challenge, *, may_reopen: bool = True
) -> None:
    """A challenge whose DONE days reach its target becomes COMPLETED; one that falls back
    below it (a log deleted, the target raised) is ACTIVE again. Logging a day only ever
    completes (`may_reopen=False`): it never undoes a COMPLETED the owner set by hand."""
    assert challenge.id is not None
    logs = await info.context.loaders.logs_by_challenge.load(challenge.id)
    done = len(analytics.day_numbers(day_rows(logs), date.fromisoformat(challenge.start_date)))
    reached = done >= challenge.target_days
    if reached and challenge.status in _COMPLETABLE:
        await challenge.set({"status": models.ChallengeStatus.COMPLETED})
    elif may_reopen and not reached and challenge.status is models.ChallengeStatus.COMPLETED:
        await challenge.set({"status": models.ChallengeStatus.ACTIVE})
    else:
        return
    info.context.loaders.clear_all()
