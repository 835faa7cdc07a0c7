"""Helpers for talking GraphQL to the app the way a client does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

SIGN_UP = """
mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) {
    __typename
    ... on AuthPayload { accessToken refreshToken expiresIn user { id email displayName timezone } }
    ... on ValidationError { message fields { field message } }
    ... on ConflictError { message }
  }
}
"""
CREATE_CHALLENGE = """
mutation Create($input: CreateChallengeInput!) {
  createChallenge(input: $input) {
    __typename
    ... on Challenge { id title description startDate targetDays status restDays visibility tags }
    ... on ValidationError { message fields { field message } }
  }
}
"""
CREATE_PROJECT = """
mutation CreateProject($input: CreateProjectInput!) {
  createProject(input: $input) {
    __typename
    ... on Project { id name description repoUrl status tags }
    ... on ValidationError { fields { field message } }
    ... on NotFoundError { message }
  }
}
"""
LOG_DAY = """
mutation Log($input: LogDayInput!) {
  logDay(input: $input) {
    __typename
    ... on DailyLog { id date dayNumber minutes note links projects { id name } }
    ... on ValidationError { message fields { field message } }
    ... on NotFoundError { message }
  }
}
"""


@dataclass
class Response:
    status: int
    body: dict[str, Any]
    headers: httpx.Headers

    @property
    def data(self) -> dict[str, Any]:
        assert "errors" not in self.body, self.body
        data: dict[str, Any] = self.body["data"]
        return data

    @property
    def errors(self) -> list[dict[str, Any]]:
        errors: list[dict[str, Any]] = self.body.get("errors") or []
        return errors

    @property
    def error_codes(self) -> list[str | None]:
        return [(error.get("extensions") or {}).get("code") for error in self.errors]

    @property
    def round_trips(self) -> int:
        return int(self.headers["x-db-round-trips"])


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    reply = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    return Response(reply.status_code, reply.json(), reply.headers)


@dataclass
class Account:
    token: str
    refresh: str
    user_id: str
    email: str


async def sign_up(
    client: httpx.AsyncClient,
    email: str = "ada@example.com",
    *,
    timezone: str = "UTC",
    display_name: str = "Ada",
    password: str = "correct horse battery",
) -> Account:
    reply = await gql(
        client,
        SIGN_UP,
        {
            "input": {
                "email": email,
                "password": password,
                "displayName": display_name,
                "timezone": timezone,
            }
        },
    )
    payload = reply.data["signUp"]
    assert payload["__typename"] == "AuthPayload", payload
    return Account(payload["accessToken"], payload["refreshToken"], payload["user"]["id"], email)


async def create_challenge(client: httpx.AsyncClient, token: str, **fields: Any) -> dict[str, Any]:
    values = {"title": "100 Days of Code", "startDate": "2026-06-01"} | fields
    reply = await gql(client, CREATE_CHALLENGE, {"input": values}, token)
    challenge: dict[str, Any] = reply.data["createChallenge"]
    assert challenge["__typename"] == "Challenge", challenge
    return challenge


async def create_project(
    client: httpx.AsyncClient, token: str, challenge_id: str, **fields: Any
) -> dict[str, Any]:
    values = {"challengeId": challenge_id, "name": "API"} | fields
    reply = await gql(client, CREATE_PROJECT, {"input": values}, token)
    project: dict[str, Any] = reply.data["createProject"]
    assert project["__typename"] == "Project", project
    return project


async def log_day(
    client: httpx.AsyncClient,
    token: str,
    challenge_id: str,
    day: str,
    minutes: int = 30,
    **fields: Any,
) -> dict[str, Any]:
    values = {"challengeId": challenge_id, "date": day, "minutes": minutes} | fields
    reply = await gql(client, LOG_DAY, {"input": values}, token)
    log: dict[str, Any] = reply.data["logDay"]
    return log


# --- Added for the core suite: more operations, IDs, and fast set-up through the models. ---

LOG_IN = """
mutation LogIn($input: LogInInput!) {
  logIn(input: $input) {
    __typename
    ... on AuthPayload { accessToken refreshToken expiresIn user { id email } }
    ... on AuthenticationError { message }
  }
}
"""
REFRESH_TOKEN = """
mutation Refresh($token: String!) {
  refreshToken(token: $token) {
    __typename
    ... on AuthPayload { accessToken refreshToken expiresIn user { id email } }
    ... on AuthenticationError { message }
  }
}
"""


def global_id(type_name: str, object_id: object) -> str:
    """The opaque Relay ID the API shows for a document of `type_name`."""
    from strawberry import relay

    return str(relay.GlobalID(type_name, str(object_id)))


def object_id(value: str) -> Any:
    """The document id behind a Relay global ID (a bson ObjectId)."""
    from beanie import PydanticObjectId
    from strawberry import relay

    return PydanticObjectId(relay.GlobalID.from_id(value).node_id)


def field_names(result: dict[str, Any]) -> set[str]:
    """The `field` of each FieldError of a ValidationError result."""
    assert result["__typename"] == "ValidationError", result
    return {item["field"] for item in result["fields"]}


async def log_in(
    client: httpx.AsyncClient, email: str, password: str = "correct horse battery"
) -> dict[str, Any]:
    reply = await gql(client, LOG_IN, {"input": {"email": email, "password": password}})
    payload: dict[str, Any] = reply.data["logIn"]
    return payload


async def refresh(client: httpx.AsyncClient, token: str) -> dict[str, Any]:
    reply = await gql(client, REFRESH_TOKEN, {"token": token})
    payload: dict[str, Any] = reply.data["refreshToken"]
    return payload
