"""Health, metrics, request ids, GraphiQL, the transport rules and masked internal errors."""

import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from beanie import PydanticObjectId

from hundred_days import models
from hundred_days.app import create_app
from tests.conftest import make_settings
from tests.graphql import create_challenge, global_id, gql, sign_up

HEALTH = "{ health { status timestamp environment database version } }"
HEALTH_STATUS = "{ health { status } }"
HEALTH_ENVIRONMENT = "{ health { environment } }"
CHALLENGE = "query($id: ID!) { challenge(id: $id) { id title } }"
CHALLENGE_OWNER = "query($id: ID!) { challenge(id: $id) { id owner { id } } }"
ROUND_TRIPS_METRIC = re.compile(r"^hundred_days_db_round_trips_total (\S+)$", re.MULTILINE)


@asynccontextmanager
async def serve(database, clock, **overrides) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(make_settings(**overrides), database=database, clock=clock)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as http,
    ):
        yield http


# --- health ---


async def test_health(client):
    reply = await client.get("/health")
    assert reply.status_code == 200
    body = reply.json()
    assert body == {
        "status": "healthy",
        "timestamp": "2026-06-15T12:00:00+00:00",
        "environment": "test",
        "database": "connected",
    }


async def test_health_detailed_adds_version_uptime_and_latency(client):
    reply = await client.get("/health/detailed")
    assert reply.status_code == 200
    body = reply.json()
    assert body["status"] == "healthy"
    assert body["database"] == "connected"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", body["version"])
    assert body["uptime_seconds"] >= 0
    assert isinstance(body["database_latency_ms"], float | int)
    assert body["database_latency_ms"] >= 0


async def test_health_query_needs_no_token(client):
    reply = await gql(client, HEALTH)
    health = reply.data["health"]
    assert health["status"] == "healthy"
    assert health["database"] == "connected"
    assert health["environment"] == "test"
    assert health["timestamp"] == "2026-06-15T12:00:00+00:00"
    assert health["version"]


async def test_health_reports_an_unreachable_database(client, database):
    if not database.embedded:
        pytest.skip("only the embedded store can be switched off")
    database.client.available = False
    reply = await client.get("/health")
    assert reply.status_code == 503
    assert reply.json()["status"] == "unhealthy"
    assert reply.json()["database"] == "disconnected"
    detailed = await client.get("/health/detailed")
    assert detailed.status_code == 503
    assert detailed.json()["database_latency_ms"] is None


async def test_unexpected_errors_reach_clients_masked(client):
    # A PUBLIC challenge whose owner is gone: resolving `owner` fails in a way nobody planned.
    orphan = models.Challenge(
        owner_id=PydanticObjectId("0123456789abcdef01234567"),
        title="Orphan",
        start_date="2026-06-01",
        visibility=models.Visibility.PUBLIC,
    )
    await orphan.insert()
    reply = await gql(client, CHALLENGE_OWNER, {"id": global_id("Challenge", orphan.id)})
    assert reply.error_codes == ["INTERNAL_SERVER_ERROR"]
    [error] = reply.errors
    assert error["message"] == "Internal server error"
    assert error["path"] == ["challenge", "owner"]
    text = str(reply.body)
    assert "LookupError" not in text
    assert "no owner" not in text
    assert "Traceback" not in text


async def test_a_database_outage_is_not_shown_as_its_exception(client, database):
    if not database.embedded:
        pytest.skip("only the embedded store can be switched off")
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token, visibility="PUBLIC")
    database.client.available = False
    reply = await gql(client, CHALLENGE, {"id": challenge["id"]})
    assert reply.errors
    assert not reply.body.get("data") or reply.body["data"].get("challenge") is None
    text = str(reply.body)
    assert "embedded store is offline" not in text
    assert "ServerSelectionTimeoutError" not in text
    assert "Traceback" not in text


# --- metrics and round trips ---


async def test_metrics_in_prometheus_format(client):
    await client.get("/health")
    await gql(client, HEALTH)
    reply = await client.get("/metrics")
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/plain")
    text = reply.text
    assert "# TYPE hundred_days_db_round_trips_total counter" in text
    assert "hundred_days_http_requests_total{" in text
    assert 'route="/graphql"' in text
    assert "hundred_days_http_request_duration_seconds_bucket{" in text
    assert "hundred_days_errors_total" in text or "# TYPE hundred_days_errors_total" in text


async def test_round_trip_metric_counts_what_requests_send(client):
    def total(text: str) -> float:
        match = ROUND_TRIPS_METRIC.search(text)
        assert match, text
        return float(match.group(1))

    before = total((await client.get("/metrics")).text)
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    reply = await gql(client, CHALLENGE, {"id": challenge["id"]}, ada.token)
    assert reply.round_trips >= 2  # the viewer, then the challenge
    after = total((await client.get("/metrics")).text)
    assert after - before >= reply.round_trips


async def test_round_trips_header_is_zero_without_database_work(client):
    reply = await gql(client, HEALTH)
    assert reply.round_trips == 0  # health pings do not count


# --- request ids ---


async def test_every_response_carries_a_request_id(client):
    first = await client.get("/health")
    second = await client.post("/graphql", json={"query": HEALTH})
    ids = [first.headers["x-request-id"], second.headers["x-request-id"]]
    assert all(re.fullmatch(r"[A-Za-z0-9._-]{1,64}", value) for value in ids)
    assert ids[0] != ids[1]


async def test_a_safe_offered_request_id_is_echoed(client):
    reply = await client.get("/health", headers={"x-request-id": "trace-123.abc_DEF"})
    assert reply.headers["x-request-id"] == "trace-123.abc_DEF"


async def test_an_unsafe_offered_request_id_is_replaced(client):
    for offered in ("bad id with spaces", "x" * 65, "<script>"):
        reply = await client.get("/health", headers={"x-request-id": offered})
        assert reply.headers["x-request-id"] != offered
        assert re.fullmatch(r"[A-Za-z0-9._-]{1,64}", reply.headers["x-request-id"])


# --- GraphiQL and the transport ---


async def test_graphiql_is_served_in_development(database, clock):
    async with serve(database, clock, environment="development") as http:
        reply = await http.get("/graphql", headers={"Accept": "text/html"})
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/html")
    assert "graphiql" in reply.text.lower()


async def test_graphiql_is_off_in_production(database, clock):
    async with serve(database, clock, environment="production") as http:
        reply = await http.get("/graphql", headers={"Accept": "text/html"})
        assert "graphiql" not in reply.text.lower()
        assert reply.status_code >= 400
        # The API itself still answers.
        api = await http.post("/graphql", json={"query": HEALTH_ENVIRONMENT})
        assert api.json()["data"]["health"]["environment"] == "production"


async def test_no_queries_over_get(client):
    reply = await client.get("/graphql", params={"query": HEALTH_STATUS})
    assert reply.status_code == 400
    assert "healthy" not in reply.text


async def test_post_must_be_json(client):
    for content_type in ("application/x-www-form-urlencoded", "text/plain", "multipart/form-data"):
        reply = await client.post(
            "/graphql",
            content=json.dumps({"query": HEALTH_STATUS}),
            headers={"content-type": content_type},
        )
        assert reply.status_code in (400, 415), content_type
        assert "healthy" not in reply.text
