"""Time the pure analytics on large inputs and print the figures (best of several repeats).

Run: python bench/bench_analytics.py
"""

import random
import time
from collections.abc import Callable
from datetime import date, timedelta

from hundred_days.analytics import (
    ChallengePlan,
    DayRow,
    challenge_calendar,
    challenge_stats,
    dashboard_summary,
)

REPEATS = 7
LOOPS = 20


def best_ms(work: Callable[[], object]) -> float:
    """Return the best, over REPEATS, of the mean time of LOOPS calls, in milliseconds."""
    best = float("inf")
    for _ in range(REPEATS):
        began = time.perf_counter()
        for _ in range(LOOPS):
            work()
        best = min(best, (time.perf_counter() - began) / LOOPS)
    return best * 1000


def long_challenge(rng: random.Random) -> tuple[list[DayRow], ChallengePlan, date]:
    """Build a 1,000-day challenge, Sundays off, ~800 logs and a few dozen skips."""
    start = date(2024, 1, 1)
    days = [start + timedelta(days=n) for n in range(1000)]
    logged = rng.sample(days, 800)
    rows = [DayRow(day, rng.randint(5, 240)) for day in sorted(logged)]
    skipped = frozenset(rng.sample([day for day in days if day not in set(logged)], 40))
    plan = ChallengePlan(
        start_date=start,
        target_days=1000,
        rest_days=frozenset({6}),
        skipped=skipped,
    )
    return rows, plan, days[-1]


def many_challenges(rng: random.Random) -> tuple[list[DayRow], date]:
    """Build 50 challenges x 100 days of rows, overlapping dates, ending today."""
    today = date(2026, 6, 30)
    rows = [
        DayRow(today - timedelta(days=offset + rng.randint(0, 200)), rng.randint(5, 240))
        for _challenge in range(50)
        for offset in range(100)
    ]
    return rows, today


def main() -> None:
    rng = random.Random(100)
    rows, plan, today = long_challenge(rng)
    dash_rows, dash_today = many_challenges(rng)
    dash_start = dash_today - timedelta(days=364)

    figures = [
        (
            "challenge_stats (1,000 days, 800 logs)",
            best_ms(lambda: challenge_stats(rows, plan=plan, today=today)),
        ),
        (
            "challenge_calendar (1,000 days)",
            best_ms(lambda: challenge_calendar(rows, plan=plan, today=today)),
        ),
        (
            "stats + calendar together",
            best_ms(
                lambda: (
                    challenge_stats(rows, plan=plan, today=today),
                    challenge_calendar(rows, plan=plan, today=today),
                ),
            ),
        ),
        (
            "dashboard_summary (50 x 100 rows, 365 days)",
            best_ms(
                lambda: dashboard_summary(
                    dash_rows,
                    today=dash_today,
                    start=dash_start,
                    end=dash_today,
                ),
            ),
        ),
    ]
    width = max(len(name) for name, _ in figures)
    print(f"{'operation':<{width}}  {'best ms':>8}")
    print(f"{'-' * width}  {'-' * 8}")
    for name, ms in figures:
        print(f"{name:<{width}}  {ms:>8.3f}")


if __name__ == "__main__":
    main()
