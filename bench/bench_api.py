"""Time whole GraphQL requests through the ASGI app on the embedded store, and print the figures.

Each scenario gets a fresh app and embedded store, seeded once with insert_many (the embedded
store checks unique indexes by scanning, so single inserts would dominate), and is then asked
the same query RUNS times over httpx's ASGI transport, after WARM_UP untimed requests.
Reported: the median and p95 (nearest rank) of the wall-clock time per request, and the
database round trips per request (the x-db-round-trips header; the same on every run).

Run: python bench/bench_api.py [runs]     (default 30)
"""

from __future__ import annotations

import asyncio
import math
import random
import statistics
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from beanie import PydanticObjectId

from hundred_days import models
from hundred_days.app import create_app
from hundred_days.settings import Settings

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)  # a Monday, as in the tests
TODAY = NOW.date()
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
WARM_UP = 2
PASSWORD = "correct horse battery staple"

STATS_AND_CALENDAR = """
query($id: ID!) {
  challenge(id: $id) {
    stats {
      daysLogged daysRemaining progress completionRate totalMinutes averageMinutes
      currentStreak { length start end } longestStreak { length start end }
      todayStatus projectedFinishDate weekdays { weekday daysLogged minutes }
    }
    calendar { date status minutes dayNumber }
  }
}
"""
DASHBOARD = """
{ dashboard { activeChallenges totalMinutes daysLogged currentStreak { length start end }
  calendar { date minutes logs } } }
"""
LISTING = """
{
  challenges(first: 30) {
    totalCount
    edges { node {
      id title startDate status
      projects { totalCount edges { node { name status minutes logCount } } }
      logs { totalCount edges { node { date minutes dayNumber projects { name } } } }
    } }
  }
}
"""
SIGN_UP = """
mutation($input: SignUpInput!) { signUp(input: $input) { ... on AuthPayload { accessToken
  user { id } } } }
"""


def settings() -> Settings:
    return Settings(
        _env_file=None,
        environment="test",
        mongodb_uri="memory://",
        mongodb_db=f"bench_{uuid.uuid4().hex[:8]}",
        secret_key="bench-secret-key-0123456789abcdef-0123456789",
        seed_demo=False,
        rate_limit="1000000/minute",
        auth_rate_limit="1000/minute",
    )


@dataclass
class Result:
    name: str
    median_ms: float
    p95_ms: float
    round_trips: int
    seeded_s: float


def nearest_rank(values: list[float], percentile: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percentile / 100 * len(ordered)) - 1)]


async def post(
    http: httpx.AsyncClient, query: str, variables: dict[str, Any], token: str | None = None
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    reply = await http.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    body = reply.json()
    if reply.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"request failed: {reply.status_code} {body}")
    return reply


async def sign_up(http: httpx.AsyncClient, email: str) -> tuple[str, PydanticObjectId]:
    reply = await post(
        http,
        SIGN_UP,
        {"input": {"email": email, "password": PASSWORD, "displayName": "Bench"}},
    )
    payload = reply.json()["data"]["signUp"]
    from strawberry import relay

    user_id = PydanticObjectId(relay.GlobalID.from_id(payload["user"]["id"]).node_id)
    return payload["accessToken"], user_id


def challenge(owner: PydanticObjectId, n: int, start: date, **fields: Any) -> models.Challenge:
    created = NOW - timedelta(days=400) + timedelta(minutes=n)
    return models.Challenge(
        id=PydanticObjectId(),
        owner_id=owner,
        title=f"Challenge {n}",
        start_date=start.isoformat(),
        created_at=created,
        updated_at=created,
        **fields,
    )


def log(
    doc: models.Challenge, day: date, minutes: int, projects: list[PydanticObjectId] | None = None
) -> models.DailyLog:
    assert doc.id is not None
    return models.DailyLog(
        challenge_id=doc.id,
        owner_id=doc.owner_id,
        date=day.isoformat(),
        minutes=minutes,
        project_ids=projects or [],
    )


# ------------------------------------------------------------------------------ seeding


async def seed_long_challenge(owner: PydanticObjectId, rng: random.Random) -> dict[str, Any]:
    """(a) 1,000 days ending today, Sundays off, 800 logs, 40 skips."""
    start = TODAY - timedelta(days=999)
    days = [start + timedelta(days=n) for n in range(1000)]
    logged = sorted(rng.sample(days, 800))
    unlogged = sorted(set(days) - set(logged))
    skipped = sorted(day.isoformat() for day in rng.sample(unlogged, 40))
    doc = challenge(owner, 0, start, target_days=1000, rest_days=[6], skipped_dates=skipped)
    await models.Challenge.insert_many([doc])
    await models.DailyLog.insert_many([log(doc, day, rng.randint(5, 240)) for day in logged])
    return {"id": str(_global_id("Challenge", doc.id))}


async def seed_many_challenges(owner: PydanticObjectId, rng: random.Random) -> dict[str, Any]:
    """(b) 50 challenges of 100 logged days each, overlapping, all within the last year."""
    docs, logs = [], []
    for n in range(50):
        start = TODAY - timedelta(days=100 + rng.randint(0, 250))
        doc = challenge(owner, n, start)
        docs.append(doc)
        logs += [log(doc, start + timedelta(days=k), rng.randint(5, 240)) for k in range(100)]
    await models.Challenge.insert_many(docs)
    await models.DailyLog.insert_many(logs)
    return {}


async def seed_listing(owner: PydanticObjectId, rng: random.Random) -> dict[str, Any]:
    """(c) 30 challenges, each with 3 projects and 20 logs naming one or two of them."""
    docs, projects, logs = [], [], []
    for n in range(30):
        start = TODAY - timedelta(days=40)
        doc = challenge(owner, n, start)
        assert doc.id is not None
        docs.append(doc)
        own = [
            models.Project(id=PydanticObjectId(), challenge_id=doc.id, owner_id=owner, name=name)
            for name in ("API", "Web", "CLI")
        ]
        projects += own
        for k in range(20):
            named = rng.sample([p.id for p in own if p.id is not None], rng.randint(1, 2))
            logs.append(log(doc, start + timedelta(days=2 * k), rng.randint(5, 240), named))
    await models.Challenge.insert_many(docs)
    await models.Project.insert_many(projects)
    await models.DailyLog.insert_many(logs)
    return {}


def _global_id(type_name: str, object_id: object) -> str:
    from strawberry import relay

    return str(relay.GlobalID(type_name, str(object_id)))


# ------------------------------------------------------------------------------ timing


Seeder = Callable[[PydanticObjectId, random.Random], Awaitable[dict[str, Any]]]


async def scenario(name: str, seeder: Seeder, query: str) -> Result:
    app = create_app(settings(), clock=lambda: NOW)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://bench") as http,
    ):
        token, owner = await sign_up(http, "bench@example.com")
        began = time.perf_counter()
        variables = await seeder(owner, random.Random(100))
        seeded_s = time.perf_counter() - began
        for _ in range(WARM_UP):
            await post(http, query, variables, token)
        times: list[float] = []
        trips: set[int] = set()
        for _ in range(RUNS):
            began = time.perf_counter()
            reply = await post(http, query, variables, token)
            times.append((time.perf_counter() - began) * 1000)
            trips.add(int(reply.headers["x-db-round-trips"]))
    if len(trips) != 1:
        raise RuntimeError(f"{name}: round trips varied between runs: {sorted(trips)}")
    return Result(name, statistics.median(times), nearest_rank(times, 95), trips.pop(), seeded_s)


async def main() -> None:
    import logging

    logging.disable(logging.WARNING)  # the embedded store's start-up warning, once per app
    results = [
        await scenario(
            "stats + calendar, 1,000-day challenge, 800 logs",
            seed_long_challenge,
            STATS_AND_CALENDAR,
        ),
        await scenario("dashboard, 50 challenges x 100 days", seed_many_challenges, DASHBOARD),
        await scenario("challenges listing, 30 with projects and logs", seed_listing, LISTING),
    ]
    width = max(len(result.name) for result in results)
    print(f"API over ASGI, embedded store, {RUNS} runs each (after {WARM_UP} warm-up)")
    print(f"{'request':<{width}}  {'median ms':>9}  {'p95 ms':>8}  {'round trips':>11}")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 8}  {'-' * 11}")
    for result in results:
        print(
            f"{result.name:<{width}}  {result.median_ms:>9.1f}  {result.p95_ms:>8.1f}"
            f"  {result.round_trips:>11}"
        )
    seeding = ", ".join(f"{result.seeded_s:.1f} s" for result in results)
    print(f"(seeding with insert_many, not timed above: {seeding})")


if __name__ == "__main__":
    asyncio.run(main())
