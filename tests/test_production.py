"""Production mode: introspection and GraphiQL off, refusals to start (one clear line), the loud
warning of an explicit memory:// store, and JSON logs with the request id."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from graphql import get_introspection_query

from hundred_days.app import create_app
from hundred_days.log import JsonFormatter, _RequestIdFilter
from hundred_days.settings import ConfigurationError
from tests.conftest import make_settings
from tests.graphql import gql

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k" * 48


def start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m hundred_days` with only these HUNDRED_DAYS_ variables, and no .env file."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("HUNDRED_DAYS_")}
    clean |= {f"HUNDRED_DAYS_{key}": value for key, value in env.items()}
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "hundred_days", "--port", "0"],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def refusal_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("hundred_days: refusing to start: ")
    return lines[0]


# --- refusing to start --------------------------------------------------------------------------


def test_production_refuses_to_start_with_the_default_secret_key(tmp_path):
    result = start(tmp_path, ENVIRONMENT="production", MONGODB_URI="mongodb://db.example:27017")
    assert "HUNDRED_DAYS_SECRET_KEY" in refusal_line(result)


def test_production_refuses_to_start_with_a_short_secret_key(tmp_path):
    result = start(
        tmp_path,
        ENVIRONMENT="production",
        SECRET_KEY="short-secret",
        MONGODB_URI="mongodb://db.example:27017",
    )
    assert "at least 32 characters" in refusal_line(result)


def test_production_refuses_to_start_without_a_mongodb_uri(tmp_path):
    result = start(tmp_path, ENVIRONMENT="production", SECRET_KEY=STRONG_KEY)
    assert "HUNDRED_DAYS_MONGODB_URI" in refusal_line(result)


def test_a_rate_limit_that_does_not_parse_stops_start_up(tmp_path):
    result = start(tmp_path, RATE_LIMIT="lots")
    line = refusal_line(result)
    assert "HUNDRED_DAYS_RATE_LIMIT" in line
    assert "lots" in line


def test_create_app_refuses_the_same_settings():
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app(make_settings(environment="production", secret_key="short"))


async def test_an_explicit_memory_store_starts_with_a_loud_warning(open_client, caplog):
    caplog.set_level(logging.WARNING, logger="hundred_days")
    async with open_client(environment="production", mongodb_uri="memory://") as http:
        assert (await gql(http, "{ __typename }")).data == {"__typename": "Query"}
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(
        "PRODUCTION IS RUNNING ON THE EMBEDDED IN-MEMORY STORE" in message
        and "all data is lost" in message
        for message in warnings
    ), warnings


# --- introspection and GraphiQL -----------------------------------------------------------------


async def test_introspection_is_off_in_production(open_client):
    async with open_client(environment="production") as http:
        for query in (
            get_introspection_query(),
            "{ __schema { types { name } } }",
            '{ __type(name: "User") { fields { name } } }',
        ):
            reply = await gql(http, query)
            assert reply.body.get("data") is None
            assert "introspection" in reply.errors[0]["message"].lower()
        # __typename is not introspection of the schema: clients rely on it.
        assert (await gql(http, "{ __typename }")).data == {"__typename": "Query"}
        assert (await gql(http, "{ health { status } }")).data["health"]["status"] == "healthy"


async def test_introspection_is_on_outside_production(open_client):
    for environment in ("development", "test"):
        async with open_client(environment=environment) as http:
            reply = await gql(http, "{ __schema { queryType { name } } }")
            assert reply.data == {"__schema": {"queryType": {"name": "Query"}}}


async def test_graphiql_is_off_in_production(open_client):
    async with open_client(environment="production") as http:
        page = await http.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert "graphiql" not in page.text.lower()


# --- JSON logs ----------------------------------------------------------------------------------


async def test_logs_are_json_lines_with_the_request_id(open_client, caplog):
    caplog.set_level(logging.INFO, logger="hundred_days")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(_RequestIdFilter())
    logger = logging.getLogger("hundred_days")
    logger.addHandler(handler)
    try:
        async with open_client(environment="production") as http:
            await http.post(
                "/graphql",
                json={"query": "{ __typename }"},
                headers={"x-request-id": "json-line-1"},
            )
    finally:
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]  # each one valid JSON
    [access] = [line for line in lines if line["request_id"] == "json-line-1"]
    assert access["message"] == "POST /graphql 200"
    assert access["level"] == "info"
    assert access["logger"] == "hundred_days.http"
    assert isinstance(access["duration_ms"], float | int)
    assert {"time", "db_round_trips"} <= set(access)
