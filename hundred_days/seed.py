"""The demo account `make run` starts with on the embedded store."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from hundred_days import models
from hundred_days.analytics import local_today
from hundred_days.auth.passwords import hash_password

logger = logging.getLogger("hundred_days.seed")

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "hundred-days-demo"
DEMO_TIMEZONE = "Europe/Berlin"
SEED_DAYS = 42  # six weeks
GAP_DAYS = frozenset({5, 6, 17, 29, 30})  # days without a log, counted from the start


async def seed_demo(now: datetime) -> models.User:
    existing = await models.User.find_one(models.User.email == DEMO_EMAIL)
    if existing is not None:
        return existing
    user = models.User(
        email=DEMO_EMAIL,
        password_hash=hash_password(DEMO_PASSWORD),
        display_name="Demo Person",
        timezone=DEMO_TIMEZONE,
        created_at=now,
    )
    await user.insert()
    assert user.id is not None
    today = local_today(now, DEMO_TIMEZONE)
    start = today - timedelta(days=SEED_DAYS - 1)
    challenge = models.Challenge(
        owner_id=user.id,
        title="#100DaysOfCode",
        description="One hour of code a day, in public.",
        start_date=start.isoformat(),
        tags=["python", "graphql"],
        visibility=models.Visibility.PUBLIC,
        rest_days=[6],
        created_at=now,
        updated_at=now,
    )
    await challenge.insert()
    assert challenge.id is not None
    projects = [
        models.Project(
            challenge_id=challenge.id,
            owner_id=user.id,
            name=name,
            description=description,
            repo_url=url,
            status=status,
            created_at=now + timedelta(seconds=offset),
            updated_at=now,
        )
        for offset, (name, description, url, status) in enumerate(
            [
                (
                    "Habit tracker API",
                    "A GraphQL server for streaks.",
                    "https://example.com/demo/habits",
                    models.ProjectStatus.IN_PROGRESS,
                ),
                ("Advent of Code", "Daily puzzles.", None, models.ProjectStatus.DONE),
            ]
        )
    ]
    for project in projects:  # one by one: insert_many does not hand the new ids back
        await project.insert()
    project_ids = [project.id for project in projects if project.id is not None]
    logs = [
        models.DailyLog(
            challenge_id=challenge.id,
            owner_id=user.id,
            date=(start + timedelta(days=offset)).isoformat(),
            minutes=30 + (offset * 17) % 90,
            note=f"Day {offset + 1}: kept going.",
            project_ids=[project_ids[offset % 2]],
            created_at=now,
            updated_at=now,
        )
        for offset in range(SEED_DAYS - 1)  # today is left for the person to log
        if offset not in GAP_DAYS
    ]
    await models.DailyLog.insert_many(logs)
    logger.warning("demo account seeded: e-mail %s, password %s", DEMO_EMAIL, DEMO_PASSWORD)
    return user
