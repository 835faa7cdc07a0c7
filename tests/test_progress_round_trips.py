"""Round trips per request do not grow with the number of challenges (DESIGN.md, "Data access").

Seeded through the Beanie models with insert_many (the embedded store is slow on many single
inserts); the account signs up through the API and every read goes over HTTP.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from beanie import PydanticObjectId

from hundred_days import models
from tests.graphql import gql, object_id, sign_up

DASHBOARD = """
{
  dashboard { activeChallenges totalMinutes daysLogged currentStreak { length } calendar { date } }
}
"""
CHALLENGES = """
query Challenges($first: Int) {
  challenges(first: $first) {
    totalCount
    edges { node {
      title
      stats { daysLogged currentStreak { length } todayStatus weekdays { minutes } }
      calendar { date status dayNumber }
      logs(first: 5) { totalCount edges { node { date minutes dayNumber } } }
      projects { totalCount edges { node { name minutes logCount } } }
    } }
  }
}
"""
# Per request: the viewer; then the viewer's challenges; then all their logs in one query.
DASHBOARD_ROUND_TRIPS = 3
# The viewer, the challenges, then one batch each for owners (stats and calendars need the
# owner's today), logs and projects.
CHALLENGES_ROUND_TRIPS = 5


async def seed(owner: PydanticObjectId, challenges: int, days: int = 10) -> None:
    """`challenges` challenges from 2026-06-01, a project each, a log on each of `days` days."""
    created = datetime(2026, 6, 1, tzinfo=UTC)
    docs = [
        models.Challenge(
            id=PydanticObjectId(),
            owner_id=owner,
            title=f"Challenge {n}",
            start_date="2026-06-01",
            rest_days=[6],
            created_at=created + timedelta(minutes=n),
            updated_at=created,
        )
        for n in range(challenges)
    ]
    projects = [
        models.Project(id=PydanticObjectId(), challenge_id=c.id, owner_id=owner, name="API")
        for c in docs
        if c.id is not None
    ]
    logs = [
        models.DailyLog(
            challenge_id=project.challenge_id,
            owner_id=owner,
            date=(date(2026, 6, 1) + timedelta(days=offset)).isoformat(),
            minutes=30,
            project_ids=[project.id] if project.id is not None else [],
        )
        for project in projects
        for offset in range(days)
    ]
    await models.Challenge.insert_many(docs)
    await models.Project.insert_many(projects)
    await models.DailyLog.insert_many(logs)


async def test_dashboard_costs_the_same_for_1_and_50_challenges(client):
    counts = {}
    for n, email in [(1, "one@example.com"), (50, "fifty@example.com")]:
        account = await sign_up(client, email)
        await seed(object_id(account.user_id), n)
        reply = await gql(client, DASHBOARD, token=account.token)
        board = reply.data["dashboard"]
        assert board["activeChallenges"] == n
        assert board["totalMinutes"] == n * 10 * 30
        assert board["daysLogged"] == 10
        counts[n] = reply.round_trips
    assert counts == {1: DASHBOARD_ROUND_TRIPS, 50: DASHBOARD_ROUND_TRIPS}


async def test_challenges_with_stats_calendar_logs_projects_cost_the_same_for_1_and_20(client):
    counts = {}
    for n, email in [(1, "one@example.com"), (20, "twenty@example.com")]:
        account = await sign_up(client, email)
        await seed(object_id(account.user_id), n)
        reply = await gql(client, CHALLENGES, {"first": 20}, account.token)
        connection = reply.data["challenges"]
        assert connection["totalCount"] == n
        assert len(connection["edges"]) == n
        node = connection["edges"][0]["node"]
        assert node["stats"]["daysLogged"] == 10
        assert len(node["calendar"]) == 15  # 2026-06-01 .. today, 2026-06-15
        assert node["logs"]["totalCount"] == 10
        assert node["logs"]["edges"][0]["node"] == {
            "date": "2026-06-10",
            "minutes": 30,
            "dayNumber": 10,
        }
        assert node["projects"]["edges"][0]["node"] == {
            "name": "API",
            "minutes": 300,
            "logCount": 10,
        }
        counts[n] = reply.round_trips
    assert counts == {1: CHALLENGES_ROUND_TRIPS, 20: CHALLENGES_ROUND_TRIPS}
