"""A database that does not answer: 503 from /health, SERVICE_UNAVAILABLE from GraphQL (never a
hang, never a masked INTERNAL_SERVER_ERROR), and service again once it answers, no restart.

Nothing here sleeps. The real outage is a MongoDB URI naming a closed local port (the driver's
server selection gives up after 300 ms); recovery is exercised at the store boundary, with the
embedded client's `available` switch.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from beanie import PydanticObjectId, init_beanie
from pymongo.errors import (
    AutoReconnect,
    ConnectionFailure,
    NetworkTimeout,
    OperationFailure,
    ServerSelectionTimeoutError,
)
from starlette.applications import Starlette

from hundred_days import db, models
from hundred_days.app import create_app
from hundred_days.outage import CODE, MESSAGE
from hundred_days.resolvers import challenges
from tests.conftest import Clock, make_settings
from tests.graphql import create_challenge, gql, sign_up

HEALTH = "{ health { status database } }"
ME = "{ me { id } }"
CHALLENGE = "query C($id: ID!) { challenge(id: $id) { title } }"
LOG_IN = """
mutation { logIn(input: {email: "ada@example.com", password: "correct horse battery"}) {
  __typename } }
"""
# A guard against a hang (a failure instead of a stuck suite); nothing waits for it to pass.
HANG_GUARD_SECONDS = 10


def closed_port() -> int:
    """A port nothing listens on: bound, read, released."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@asynccontextmanager
async def serving(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as http,
    ):
        yield http


async def get(http: httpx.AsyncClient, path: str) -> httpx.Response:
    return await asyncio.wait_for(http.get(path), HANG_GUARD_SECONDS)


async def query(http: httpx.AsyncClient, text: str, **kwargs: Any) -> Any:
    return await asyncio.wait_for(gql(http, text, **kwargs), HANG_GUARD_SECONDS)


def assert_unavailable(reply: Any) -> None:
    assert reply.error_codes == [CODE], reply.body
    assert reply.errors[0]["message"] == MESSAGE
    assert "INTERNAL_SERVER_ERROR" not in str(reply.body)


async def assert_unhealthy(http: httpx.AsyncClient) -> None:
    reply = await get(http, "/health")
    assert reply.status_code == 503
    assert reply.json()["status"] == "unhealthy"
    assert reply.json()["database"] == "disconnected"


async def test_a_dead_mongodb_at_start_up(clock: Clock) -> None:
    uri = f"mongodb://127.0.0.1:{closed_port()}/?serverSelectionTimeoutMS=300"
    app = create_app(make_settings(mongodb_uri=uri), clock=clock)
    services = app.state.services
    async with serving(app) as http:  # starts although the database is down
        assert not services.database.ready
        await assert_unhealthy(http)
        detailed = (await get(http, "/health/detailed")).json()
        assert (detailed["store"], detailed["database_latency_ms"]) == ("mongodb", None)
        # GraphQL: health still answers; anything that needs data says the database is down.
        assert (await query(http, HEALTH)).data == {
            "health": {"status": "unhealthy", "database": "disconnected"}
        }
        assert_unavailable(await query(http, CHALLENGE, variables={"id": "Q2hhbGxlbmdlOjE="}))
        assert_unavailable(await query(http, LOG_IN))
        assert_unavailable(
            await query(http, "query { ...F } fragment F on Query { health { status } me { id } }")
        )
        # A signed-in request cannot load its viewer: 503 JSON, not a 500.
        token = services.tokens.issue_access_token(str(PydanticObjectId()), clock())
        reply = await query(http, ME, token=token)
        assert reply.status == 503
        assert_unavailable(reply)
        assert reply.headers["retry-after"] == "5"
    # Shut down cleanly, the background retry cancelled; the documents were never bound to
    # the dead server (they still answer from the session's database).
    assert await models.User.find_all().count() == 0


async def test_an_outage_and_recovery_at_the_store_boundary(client, database) -> None:
    if not database.embedded:
        pytest.skip("only the embedded store can be switched off")
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token, visibility="PUBLIC")

    database.client.available = False
    await assert_unhealthy(client)
    assert (await query(client, HEALTH)).data["health"]["status"] == "unhealthy"
    # Anonymous: the resolver's query fails; the field's error says why.
    reply = await query(client, CHALLENGE, variables={"id": challenge["id"]})
    assert reply.status == 200
    assert_unavailable(reply)
    assert reply.errors[0]["path"] == ["challenge"]
    assert_unavailable(await query(client, LOG_IN))
    # Signed in: authentication itself meets the outage: 503 with the same code.
    signed_in = await query(client, ME, token=ada.token)
    assert signed_in.status == 503
    assert_unavailable(signed_in)

    database.client.available = True  # the database answers again: no restart needed
    assert (await get(client, "/health")).status_code == 200
    assert (await query(client, ME, token=ada.token)).data == {"me": {"id": ada.user_id}}
    reply = await query(client, CHALLENGE, variables={"id": challenge["id"]})
    assert reply.data == {"challenge": {"title": "100 Days of Code"}}
    assert (await query(client, LOG_IN)).data == {"logIn": {"__typename": "AuthPayload"}}


async def test_down_at_start_up_then_initialised_once_it_answers(
    clock: Clock, database: db.Database
) -> None:
    """The start-up path end to end, on an embedded store of its own that starts offline.

    Its initialisation binds the (process-wide) documents to that store, so the session's
    binding is restored afterwards.
    """
    app = create_app(make_settings(mongodb_uri="memory://"), clock=clock)
    services = app.state.services
    assert services.database is not database
    services.database.client.available = False
    try:
        async with serving(app) as http:
            assert not services.database.ready
            await assert_unhealthy(http)
            assert_unavailable(await query(http, LOG_IN))

            services.database.client.available = True
            # The first health check that reaches the database initialises it.
            assert (await get(http, "/health")).status_code == 200
            assert services.database.ready
            ada = await sign_up(http)
            assert (await query(http, ME, token=ada.token)).data == {"me": {"id": ada.user_id}}
    finally:
        await init_beanie(database=database.handle, document_models=models.DOCUMENTS)
    assert await models.User.find_all().count() == 0  # Ada lived in the other store


@pytest.mark.parametrize(
    "error",
    [
        ConnectionFailure("connection closed"),
        ServerSelectionTimeoutError("db-1.internal:27017: timed out"),
        AutoReconnect("db-1.internal:27017: connection reset"),
        NetworkTimeout("db-1.internal:27017: timed out"),
    ],
    ids=lambda error: type(error).__name__,
)
async def test_each_driver_outage_error_is_service_unavailable(client, monkeypatch, error):
    async def failing(*args: object) -> None:
        raise error

    monkeypatch.setattr(challenges, "challenge", failing)
    reply = await query(client, CHALLENGE, variables={"id": "Q2hhbGxlbmdlOjE="})
    assert_unavailable(reply)
    assert "db-1.internal" not in str(reply.body)


async def test_other_database_errors_stay_masked_as_internal(client, monkeypatch):
    async def failing(*args: object) -> None:
        raise OperationFailure("not authorized on hundred_days")

    monkeypatch.setattr(challenges, "challenge", failing)
    reply = await query(client, CHALLENGE, variables={"id": "Q2hhbGxlbmdlOjE="})
    assert reply.error_codes == ["INTERNAL_SERVER_ERROR"]
    assert "not authorized" not in str(reply.body)
