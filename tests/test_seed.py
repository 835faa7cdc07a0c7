"""The demo seed: an app started with seed_demo has an account with data to query at once."""

from collections.abc import AsyncIterator
from datetime import date, timedelta

import httpx
import pytest
from beanie import init_beanie

from hundred_days import models
from hundred_days.app import create_app
from tests.conftest import make_settings
from tests.graphql import gql, log_in

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "hundred-days-demo"
DEMO = """
{
  me {
    email
    challenges {
      totalCount
      edges {
        node {
          title startDate visibility
          projects { totalCount edges { node { name minutes logCount } } }
          logs(first: 100) { totalCount edges { node { date minutes dayNumber } } }
        }
      }
    }
  }
}
"""
DEMO_USER_CHALLENGES = """
query($id: ID!) {
  node(id: $id) {
    ... on User { challenges { totalCount edges { node { visibility logs { totalCount } } } } }
  }
}
"""


@pytest.fixture
async def seeded(database, clock) -> AsyncIterator[httpx.AsyncClient]:
    """An app that opens its own (embedded or configured) database and seeds the demo."""
    settings = make_settings(seed_demo=True)
    app = create_app(settings, clock=clock)
    transport = httpx.ASGITransport(app=app)
    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://testserver") as http,
        ):
            yield http
            own = app.state.services.database
            if not own.embedded:
                await own.client.drop_database(settings.mongodb_db)
    finally:
        # The app bound the (process-wide) documents to its database: give them back.
        await init_beanie(database=database.handle, document_models=models.DOCUMENTS)


async def test_demo_account_logs_in_and_has_six_weeks_of_data(seeded):
    auth = await log_in(seeded, DEMO_EMAIL, DEMO_PASSWORD)
    assert auth["__typename"] == "AuthPayload", auth
    me = (await gql(seeded, DEMO, token=auth["accessToken"])).data["me"]
    assert me["email"] == DEMO_EMAIL
    assert me["challenges"]["totalCount"] == 1
    challenge = me["challenges"]["edges"][0]["node"]

    projects = [edge["node"] for edge in challenge["projects"]["edges"]]
    assert challenge["projects"]["totalCount"] == len(projects) == 2
    assert all(project["logCount"] > 0 and project["minutes"] > 0 for project in projects)

    logs = [edge["node"] for edge in challenge["logs"]["edges"]]
    assert challenge["logs"]["totalCount"] == len(logs)
    dates = sorted(date.fromisoformat(log["date"]) for log in logs)
    start = date.fromisoformat(challenge["startDate"])
    today = date(2026, 6, 15)  # the clock's date in the demo's zone (Europe/Berlin)
    assert start == today - timedelta(days=41)  # six weeks, today included
    assert dates[0] >= start
    assert dates[-1] < today  # today is left for the person to log
    span = (dates[-1] - dates[0]).days + 1
    assert span >= 38  # about six weeks of logging...
    assert 30 <= len(dates) < span  # ...with gaps
    assert len(set(dates)) == len(dates)
    assert sorted(log["dayNumber"] for log in logs) == list(range(1, len(logs) + 1))
    assert all(0 <= log["minutes"] <= 1440 for log in logs)
    assert sum(project["logCount"] for project in projects) >= len(logs)


async def test_the_demo_challenge_is_public(seeded):
    auth = await log_in(seeded, DEMO_EMAIL, DEMO_PASSWORD)
    reply = await gql(seeded, DEMO_USER_CHALLENGES, {"id": auth["user"]["id"]})  # anonymous
    connection = reply.data["node"]["challenges"]
    assert connection["totalCount"] == 1
    assert connection["edges"][0]["node"]["visibility"] == "PUBLIC"
    assert connection["edges"][0]["node"]["logs"]["totalCount"] >= 30


async def test_no_demo_without_the_setting(client):
    # The suite's own app (seed_demo=False) has no demo account.
    assert (await log_in(client, DEMO_EMAIL, DEMO_PASSWORD))["__typename"] == "AuthenticationError"
