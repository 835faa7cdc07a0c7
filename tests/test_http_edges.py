"""The HTTP edge of /graphql: JSON only (CSRF), 64 KiB bodies, malformed requests, the time limit,
CORS; and unexpected errors masked while project errors pass."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest
from starlette.types import ASGIApp, Message

from hundred_days import models
from hundred_days.http_guards import MAX_BODY_BYTES
from hundred_days.log import _RequestIdFilter
from hundred_days.resolvers import challenges as challenge_resolvers
from hundred_days.settings import Settings
from tests.graphql import gql, sign_up

SIGN_UP = (
    'mutation { signUp(input: {email: "csrf@example.com", password: "correct horse battery", '
    'displayName: "Mallory"}) { __typename } }'
)


def error_of(reply: Any) -> dict[str, Any]:
    assert reply.headers["content-type"].startswith("application/json")
    body = reply.json()
    assert "data" not in body
    [error] = body["errors"]
    return dict(error)


async def call_asgi(app: ASGIApp, scope: dict[str, Any], receive: Any) -> list[Message]:
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent


def post_scope(headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
    }


# --- CSRF: JSON only --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "application/graphql",
        None,
    ],
)
async def test_post_must_be_application_json(client, content_type):
    headers = {"content-type": content_type} if content_type else {}
    reply = await client.post(
        "/graphql", content=json.dumps({"query": SIGN_UP}).encode(), headers=headers
    )
    assert reply.status_code == 415
    assert error_of(reply)["extensions"] == {"code": "UNSUPPORTED_MEDIA_TYPE"}
    assert await models.User.count() == 0  # nothing ran


async def test_json_with_a_charset_is_json(client):
    reply = await client.post(
        "/graphql",
        content=json.dumps({"query": "{ __typename }"}).encode(),
        headers={"content-type": "Application/JSON; charset=utf-8"},
    )
    assert reply.status_code == 200
    assert reply.json() == {"data": {"__typename": "Query"}}


# --- body size ----------------------------------------------------------------------------------


def body_of_size(size: int) -> bytes:
    base = {"query": "{ __typename }", "variables": {"pad": ""}}
    padding = size - len(json.dumps(base).encode())
    body = json.dumps(base | {"variables": {"pad": "x" * padding}}).encode()
    assert len(body) == size
    return body


async def test_a_body_of_64_kib_is_accepted(client):
    assert MAX_BODY_BYTES == 65_536
    reply = await client.post(
        "/graphql", content=body_of_size(65_536), headers={"content-type": "application/json"}
    )
    assert reply.status_code == 200
    assert reply.json() == {"data": {"__typename": "Query"}}


async def test_a_body_over_64_kib_gets_413(client):
    reply = await client.post(
        "/graphql", content=body_of_size(65_537), headers={"content-type": "application/json"}
    )
    assert reply.status_code == 413
    assert error_of(reply)["extensions"] == {"code": "PAYLOAD_TOO_LARGE"}


async def test_a_large_content_length_is_refused_before_the_body_is_read(app):
    received = 0

    async def receive() -> Message:
        nonlocal received
        received += 1
        return {"type": "http.request", "body": b"{}", "more_body": True}

    scope = post_scope([(b"content-type", b"application/json"), (b"content-length", b"999999")])
    sent = await call_asgi(app, scope, receive)
    assert sent[0]["status"] == 413
    assert received == 0


async def test_a_chunked_body_is_cut_off_once_over_64_kib(app):
    received = 0

    async def receive() -> Message:  # endless, no Content-Length
        nonlocal received
        received += 1
        return {"type": "http.request", "body": b" " * 16_384, "more_body": True}

    sent = await call_asgi(app, post_scope([(b"content-type", b"application/json")]), receive)
    assert sent[0]["status"] == 413
    assert received == 5  # 80 KiB read, then no more


async def test_a_content_length_that_lies_is_still_capped(app):
    chunks = [b" " * 40_000, b" " * 40_000, b"{}"]

    async def receive() -> Message:
        return {"type": "http.request", "body": chunks.pop(0), "more_body": bool(chunks)}

    scope = post_scope([(b"content-type", b"application/json"), (b"content-length", b"10")])
    sent = await call_asgi(app, scope, receive)
    assert sent[0]["status"] == 413


# --- malformed requests -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"query": "{ __typename }"', "not valid JSON"),
        (b"\xff\xfe not even text", "not valid JSON"),
        (b"[" * 100_00 + b"]" * 100_00, "not valid JSON"),  # nesting deeper than json allows
        (b'"{ __typename }"', "must be a JSON object"),
        (b"{}", "needs a `query` string"),
        (b'{"query": 42}', "needs a `query` string"),
        (b'{"query": "{ __typename }", "variables": [1]}', "`variables` must be an object"),
        (b'{"query": "{ __typename }", "operationName": 1}', "`operationName` must be a string"),
        (b'{"query": "{ __typename }", "extensions": "x"}', "`extensions` must be an object"),
    ],
)
async def test_malformed_requests_get_400_with_a_json_error(client, body, message):
    reply = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert reply.status_code == 400
    error = error_of(reply)
    assert message in error["message"]
    assert error["extensions"] == {"code": "BAD_REQUEST"}


async def test_unknown_request_keys_are_ignored(client):
    reply = await client.post(
        "/graphql", json={"query": "{ __typename }", "id": "persisted-123", "variables": None}
    )
    assert reply.json() == {"data": {"__typename": "Query"}}


# --- the time limit -----------------------------------------------------------------------------


def test_request_timeout_is_configurable(monkeypatch):
    monkeypatch.delenv("HUNDRED_DAYS_REQUEST_TIMEOUT_SECONDS", raising=False)
    assert Settings(_env_file=None).request_timeout_seconds == 30
    monkeypatch.setenv("HUNDRED_DAYS_REQUEST_TIMEOUT_SECONDS", "2.5")
    assert Settings(_env_file=None).request_timeout_seconds == 2.5


async def test_a_request_over_the_time_limit_gets_504(open_client, monkeypatch):
    never = asyncio.Event()

    async def stuck(info: Any, id: str) -> None:
        await never.wait()

    monkeypatch.setattr(challenge_resolvers, "challenge", stuck)
    async with open_client(request_timeout_seconds=0.01) as http:
        reply = await http.post("/graphql", json={"query": '{ challenge(id: "x") { id } }'})
        assert reply.status_code == 504
        error = error_of(reply)
        assert error["extensions"] == {"code": "TIMEOUT"}
        assert "0.01 seconds" in error["message"]
        # The server is not stuck with it: the next request is answered.
        assert (await gql(http, "{ __typename }")).data == {"__typename": "Query"}


async def test_a_body_that_never_arrives_gets_408(database, clock):
    from hundred_days.app import create_app
    from tests.conftest import make_settings

    app = create_app(make_settings(request_timeout_seconds=0.01), database=database, clock=clock)
    never = asyncio.Event()

    async def receive() -> Message:
        await never.wait()
        return {"type": "http.disconnect"}

    sent = await call_asgi(app, post_scope([(b"content-type", b"application/json")]), receive)
    assert sent[0]["status"] == 408


# --- CORS ---------------------------------------------------------------------------------------

ALLOWED = "https://app.example.com"
REFUSED = "https://evil.example.net"


async def test_cors_answers_an_allowed_origin(open_client):
    async with open_client(cors_origins=[ALLOWED]) as http:
        reply = await http.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"origin": ALLOWED}
        )
        preflight = await http.options(
            "/graphql",
            headers={
                "origin": ALLOWED,
                "access-control-request-method": "POST",
                "access-control-request-headers": "content-type, authorization",
            },
        )
    assert reply.headers["access-control-allow-origin"] == ALLOWED
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in preflight.headers["access-control-allow-methods"]


async def test_cors_refuses_any_other_origin(open_client):
    async with open_client(cors_origins=[ALLOWED]) as http:
        reply = await http.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"origin": REFUSED}
        )
        preflight = await http.options(
            "/graphql",
            headers={
                "origin": REFUSED,
                "access-control-request-method": "POST",
                "access-control-request-headers": "content-type",
            },
        )
    assert "access-control-allow-origin" not in reply.headers
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers


async def test_cors_origins_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("HUNDRED_DAYS_CORS_ORIGINS", f"{ALLOWED}, http://localhost:5173")
    assert Settings(_env_file=None).cors_origins == [ALLOWED, "http://localhost:5173"]
    monkeypatch.delenv("HUNDRED_DAYS_CORS_ORIGINS")
    assert Settings(_env_file=None).cors_origins == []


async def test_refusals_carry_cors_headers_so_the_page_can_read_them(open_client):
    async with open_client(cors_origins=[ALLOWED]) as http:
        reply = await http.post(
            "/graphql", content=b"{}", headers={"origin": ALLOWED, "content-type": "text/plain"}
        )
    assert reply.status_code == 415
    assert reply.headers["access-control-allow-origin"] == ALLOWED


# --- errors -------------------------------------------------------------------------------------


async def test_an_unexpected_exception_is_masked_and_logged_with_the_request_id(
    client, monkeypatch, caplog
):
    async def broken(info: Any, id: str) -> None:
        raise RuntimeError("secret driver text")

    monkeypatch.setattr(challenge_resolvers, "challenge", broken)
    caplog.handler.addFilter(_RequestIdFilter())
    reply = await client.post(
        "/graphql",
        json={"query": '{ challenge(id: "x") { id } }'},
        headers={"x-request-id": "masked-1"},
    )
    body = reply.json()
    assert body["data"] == {"challenge": None}
    assert body["errors"] == [
        {
            "message": "Internal server error",
            "locations": [{"line": 1, "column": 3}],
            "path": ["challenge"],
            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
        }
    ]
    for secret in ("secret driver text", "RuntimeError", "Traceback", "broken", ".py"):
        assert secret not in reply.text
    [logged] = [record for record in caplog.records if record.exc_info]
    assert logged.levelno == logging.ERROR
    assert logged.request_id == "masked-1"  # type: ignore[attr-defined]
    assert isinstance(logged.exc_info[1], RuntimeError)  # type: ignore[index]
    assert str(logged.exc_info[1]) == "secret driver text"  # type: ignore[index]


async def test_project_errors_pass_unmasked(client):
    anonymous = await gql(client, "{ challenges { totalCount } }")
    assert anonymous.error_codes == ["UNAUTHENTICATED"]
    assert anonymous.errors[0]["message"] == "Authentication required"
    ada = await sign_up(client)
    too_many = await gql(client, "{ challenges(first: 101) { totalCount } }", token=ada.token)
    assert too_many.error_codes == ["BAD_USER_INPUT"]
    assert "between 0 and 100" in too_many.errors[0]["message"]


async def test_a_bad_variable_value_is_the_clients_error_not_an_internal_one(client):
    reply = await gql(
        client,
        "query($d: Date!) { dashboard(from: $d) { totalMinutes } }",
        {"d": "not-a-date"},
    )
    assert reply.body.get("data") is None
    assert reply.error_codes == [None]
    assert "not-a-date" in reply.errors[0]["message"]


async def test_an_unknown_operation_name_is_a_json_400(client):
    reply = await client.post(
        "/graphql", json={"query": "query A { __typename }", "operationName": "B"}
    )
    assert reply.status_code == 400
    assert reply.headers["content-type"].startswith("application/json")
    assert reply.json()["errors"][0]["message"] == 'Unknown operation named "B".'
    assert reply.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_several_operations_need_an_operation_name(client):
    document = "query A { __typename } query B { __typename }"
    refused = await client.post("/graphql", json={"query": document})
    assert refused.status_code == 400
    assert "operationName" in refused.json()["errors"][0]["message"]
    chosen = await client.post("/graphql", json={"query": document, "operationName": "B"})
    assert chosen.json() == {"data": {"__typename": "Query"}}
