"""Rate limits: AUTH_RATE_LIMIT for each of signUp, logIn and refreshToken per client address;
RATE_LIMIT for everything else per user, or per address when anonymous. Over either: 429 with
Retry-After. Limits are an hour or a day long here, so no test depends on the wall clock."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest
from pydantic import ValidationError
from starlette.applications import Starlette

from hundred_days.app import create_app
from hundred_days.rate_limits import plan_operation
from hundred_days.settings import Settings
from tests.conftest import make_settings
from tests.graphql import gql, sign_up

LOG_IN = (
    "mutation($email: String!) { logIn(input: {email: $email, password: "
    '"wrong password here"}) { __typename } }'
)
REFRESH = 'mutation { refreshToken(token: "nope") { __typename } }'
HEALTH = "{ health { status } }"


def sign_up_query(email: str) -> str:
    return (
        f'mutation {{ signUp(input: {{email: "{email}", password: "correct horse battery", '
        f'displayName: "A"}}) {{ __typename ... on AuthPayload {{ accessToken }} }} }}'
    )


ClientFor = Callable[[str], httpx.AsyncClient]


@pytest.fixture
def limited(database, clock) -> Callable[..., AbstractAsyncContextManager[tuple[Starlette, Any]]]:
    """`async with limited(**settings) as (app, client_for):` one app; `client_for(address)`
    is an HTTP client seen as coming from that address."""

    @asynccontextmanager
    async def open_(**overrides: Any) -> AsyncIterator[tuple[Starlette, ClientFor]]:
        app = create_app(make_settings(**overrides), database=database, clock=clock)
        clients: list[httpx.AsyncClient] = []

        def client_for(address: str) -> httpx.AsyncClient:
            transport = httpx.ASGITransport(app=app, client=(address, 4321))
            client = httpx.AsyncClient(transport=transport, base_url="http://testserver")
            clients.append(client)
            return client

        async with app.router.lifespan_context(app):
            try:
                yield app, client_for
            finally:
                for client in clients:
                    await client.aclose()

    return open_


def assert_limited(reply: httpx.Response, window_seconds: int) -> int:
    assert reply.status_code == 429, reply.text
    retry_after = int(reply.headers["retry-after"])
    assert 1 <= retry_after <= window_seconds
    body = reply.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"] == {"code": "RATE_LIMITED"}
    assert f"try again in {retry_after} seconds" in error["message"]
    return retry_after


async def post(http: httpx.AsyncClient, query: str, token: str | None = None, **variables: Any):
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await http.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )


# --- settings -------------------------------------------------------------------------------


def test_defaults(monkeypatch):
    for name in ("AUTH_RATE_LIMIT", "RATE_LIMIT", "RATE_LIMIT_STORAGE"):
        monkeypatch.delenv(f"HUNDRED_DAYS_{name}", raising=False)
    settings = Settings(_env_file=None)
    assert settings.auth_rate_limit == "10/minute"
    assert settings.rate_limit == "600/minute"
    assert settings.rate_limit_storage == "memory://"


def test_limits_and_storage_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("HUNDRED_DAYS_AUTH_RATE_LIMIT", "5/minute;50/day")
    monkeypatch.setenv("HUNDRED_DAYS_RATE_LIMIT", "100 per second")
    monkeypatch.setenv("HUNDRED_DAYS_RATE_LIMIT_STORAGE", "async+memory://")
    settings = Settings(_env_file=None)
    assert settings.auth_rate_limit == "5/minute;50/day"
    assert settings.rate_limit == "100 per second"


@pytest.mark.parametrize(
    ("name", "value"),
    [("auth_rate_limit", "lots"), ("rate_limit", "10/fortnight"), ("rate_limit_storage", "x://")],
)
def test_a_limit_or_storage_that_cannot_work_is_refused(name, value):
    with pytest.raises(ValidationError, match=name):
        make_settings(**{name: value})


# --- which budget an operation spends ---------------------------------------------------------


def test_the_root_fields_decide_which_limit_applies():
    assert plan_operation(HEALTH, None).general
    assert not plan_operation(HEALTH, None).auth
    log_in = plan_operation(LOG_IN, None)
    assert log_in.auth == {"logIn": 1}
    assert not log_in.general
    aliased = plan_operation(
        'mutation { a: logIn(input: {email: "a", password: "b"}) { __typename } '
        'b: logIn(input: {email: "a", password: "c"}) { __typename } }',
        None,
    )
    assert aliased.auth == {"logIn": 2}
    hidden = plan_operation(
        "mutation { ... on Mutation { ...R } } "
        'fragment R on Mutation { refreshToken(token: "t") { __typename } }',
        None,
    )
    assert hidden.auth == {"refreshToken": 1}
    mixed = plan_operation(
        'mutation { logOut(refreshToken: "t") refreshToken(token: "t") { __typename } }', None
    )
    assert mixed.auth == {"refreshToken": 1}
    assert mixed.general
    # The named operation is the one that runs.
    two = (
        "query Q { __typename } "
        'mutation M { logIn(input: {email: "a", password: "b"}) { __typename } }'
    )
    assert plan_operation(two, "Q").general
    assert plan_operation(two, "M").auth == {"logIn": 1}
    # What does not parse spends the general budget.
    assert plan_operation("mutation { logIn(", None).general


# --- the auth limit -----------------------------------------------------------------------------


async def test_log_in_is_limited_per_address(limited):
    async with limited(auth_rate_limit="2/hour") as (_, client_for):
        here, there = client_for("198.51.100.1"), client_for("198.51.100.2")
        for _ in range(2):
            reply = await post(here, LOG_IN, email="ada@example.com")
            assert reply.json()["data"]["logIn"]["__typename"] == "AuthenticationError"
        assert_limited(await post(here, LOG_IN, email="other@example.com"), 3600)
        # Another address has its own budget.
        assert (await post(there, LOG_IN, email="ada@example.com")).status_code == 200


async def test_sign_up_log_in_and_refresh_token_each_have_their_own_budget(limited):
    async with limited(auth_rate_limit="1/day") as (_, client_for):
        http = client_for("198.51.100.3")
        assert (await post(http, LOG_IN, email="a@example.com")).status_code == 200
        assert (await post(http, REFRESH)).status_code == 200
        signed_up = await post(http, sign_up_query("new@example.com"))
        assert signed_up.json()["data"]["signUp"]["__typename"] == "AuthPayload"
        assert_limited(await post(http, LOG_IN, email="a@example.com"), 86_400)
        assert_limited(await post(http, REFRESH), 86_400)
        assert_limited(await post(http, sign_up_query("again@example.com")), 86_400)


async def test_aliases_spend_one_each(limited):
    three = (
        "mutation { "
        + " ".join(
            f'a{i}: logIn(input: {{email: "a@example.com", password: "guess {i} here"}}) '
            "{ __typename }"
            for i in range(3)
        )
        + " }"
    )
    async with limited(auth_rate_limit="2/hour") as (_, client_for):
        http = client_for("198.51.100.4")
        # Three guesses can never fit in two: wait for the whole window.
        assert assert_limited(await post(http, three), 3600) == 3600
        # Nothing was spent by the refused request.
        for _ in range(2):
            assert (await post(http, LOG_IN, email="a@example.com")).status_code == 200


async def test_a_log_in_hidden_in_a_fragment_still_counts(limited):
    hidden = (
        "mutation { ...Guess } fragment Guess on Mutation "
        '{ logIn(input: {email: "a@example.com", password: "guessing away"}) { __typename } }'
    )
    async with limited(auth_rate_limit="1/hour") as (_, client_for):
        http = client_for("198.51.100.5")
        assert (await post(http, hidden)).status_code == 200
        assert_limited(await post(http, LOG_IN, email="a@example.com"), 3600)


async def test_auth_operations_do_not_spend_the_general_budget(limited):
    async with limited(auth_rate_limit="5/hour", rate_limit="1/hour") as (_, client_for):
        http = client_for("198.51.100.6")
        for _ in range(3):
            assert (await post(http, LOG_IN, email="a@example.com")).status_code == 200
        assert (await post(http, HEALTH)).status_code == 200
        assert_limited(await post(http, HEALTH), 3600)


# --- the general limit --------------------------------------------------------------------------


async def test_anonymous_requests_are_limited_per_address(limited):
    async with limited(rate_limit="3/hour") as (_, client_for):
        here, there = client_for("203.0.113.1"), client_for("203.0.113.2")
        for _ in range(3):
            assert (await post(here, HEALTH)).json()["data"]["health"]["status"] == "healthy"
        assert_limited(await post(here, HEALTH), 3600)
        assert (await post(there, HEALTH)).status_code == 200


async def test_signed_in_requests_are_limited_per_user(limited):
    async with limited(rate_limit="2/hour") as (_, client_for):
        http = client_for("203.0.113.3")
        ada = await sign_up(http, "ada@example.com")
        grace = await sign_up(http, "grace@example.com")
        for _ in range(2):
            assert (await post(http, "{ me { id } }", ada.token)).status_code == 200
        assert_limited(await post(http, "{ me { id } }", ada.token), 3600)
        # Another user at the same address, and the address itself, still have theirs.
        assert (await post(http, "{ me { id } }", grace.token)).status_code == 200
        assert (await post(http, HEALTH)).status_code == 200
        # The same user from elsewhere is the same budget.
        assert_limited(await post(client_for("203.0.113.4"), HEALTH, ada.token), 3600)


async def test_made_up_tokens_buy_no_fresh_budget(limited):
    async with limited(rate_limit="2/hour") as (_, client_for):
        http = client_for("203.0.113.5")
        for index in range(2):
            assert (await post(http, HEALTH, f"made.up.{index}")).status_code == 200
        assert_limited(await post(http, HEALTH, "made.up.2"), 3600)


async def test_a_mixed_operation_needs_both_budgets_and_spends_neither_when_refused(limited):
    mixed = (
        'mutation { logIn(input: {email: "a@example.com", password: "wrong guess"}) '
        '{ __typename } logOut(refreshToken: "nope") }'
    )
    async with limited(auth_rate_limit="2/hour", rate_limit="1/hour") as (_, client_for):
        http = client_for("203.0.113.6")
        assert (await post(http, HEALTH)).status_code == 200  # the general budget is spent
        assert_limited(await post(http, mixed), 3600)
        for _ in range(2):  # the auth budget was not touched by the refused operation
            assert (await post(http, LOG_IN, email="a@example.com")).status_code == 200
        assert_limited(await post(http, LOG_IN, email="a@example.com"), 3600)


async def test_the_budgets_can_be_reset(limited):
    async with limited(rate_limit="1/day") as (app, client_for):
        http = client_for("203.0.113.7")
        assert (await post(http, HEALTH)).status_code == 200
        assert_limited(await post(http, HEALTH), 86_400)
        await app.state.rate_limits.reset()
        assert (await post(http, HEALTH)).status_code == 200


async def test_malformed_requests_and_other_routes_are_not_counted(limited):
    async with limited(rate_limit="1/hour") as (_, client_for):
        http = client_for("203.0.113.8")
        assert (
            await http.post("/graphql", content=b"{", headers={"content-type": "application/json"})
        ).status_code == 400
        assert (await http.get("/health")).status_code == 200
        assert (await post(http, HEALTH)).status_code == 200
        assert_limited(await post(http, HEALTH), 3600)


async def test_the_default_limits_let_a_normal_session_through(client):
    ada = await sign_up(client)
    for _ in range(20):
        assert (await gql(client, "{ me { id } }", token=ada.token)).data["me"]["id"] == ada.user_id
