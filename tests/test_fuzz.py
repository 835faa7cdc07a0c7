"""Fuzzing (hypothesis-graphql): queries and mutations generated from the live schema, posted
over HTTP to the app, signed in (as a user whose challenge, project and log the generated IDs
often name) and anonymous.

Whatever arrives, the answer is never a 5xx, never an unmasked or internal error, and never
shows Python: every error either carries one of the codes the contract names, or is one of
graphql-core's own parse / validation / coercion errors (which have no `path`). Guards and
resolvers refusing a generated operation is fine, as long as the refusal is one of these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, nodes, queries

from hundred_days import models
from hundred_days.schema import schema
from hundred_days.settings import Settings
from tests.clean_errors import check_answer
from tests.conftest import make_settings
from tests.graphql import create_challenge, create_project, log_day, object_id, sign_up

SDL = schema.as_str()

EXAMPLES = 60
NEGATIVE_EXAMPLES = 25
FUZZ = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the app and its data are set up once per test
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
NEGATIVE = hypothesis_settings(FUZZ, max_examples=NEGATIVE_EXAMPLES)

# Placeholders the generated IDs name, swapped for the signed-in user's real IDs on sending.
PLACEHOLDERS = ("@@USER@@", "@@CHALLENGE@@", "@@PROJECT@@", "@@LOG@@")

IDS = st.one_of(
    st.sampled_from(PLACEHOLDERS),
    st.sampled_from(["", "Q2hhbGxlbmdlOm5vcGU=", "VXNlcjox", "bm90LWFuLWlk", "\x00"]),
    st.text(max_size=40),
).map(nodes.String)
DATES = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["2026-02-30", "yesterday", "", "20260101", "2026-W01-1", "0000-01-01"]),
    st.text(max_size=12),
).map(nodes.String)
SCALARS = {"ID": IDS, "Date": DATES}


@pytest.fixture
def settings() -> Settings:
    """Rate limits out of the way: every generated operation reaches GraphQL."""
    return make_settings(rate_limit="1000000/minute", auth_rate_limit="1000000/minute")


@dataclass
class World:
    """A signed-in user with a challenge, a project and a log; recreated if a generated
    mutation deletes them, so that the placeholders keep naming something that exists."""

    client: httpx.AsyncClient
    visibility: str = "PRIVATE"
    token: str | None = None
    ids: dict[str, str] = field(default_factory=dict)

    async def sign_in(self) -> None:
        account = await sign_up(self.client, "fuzz@example.com", password="fuzzing password 1")
        self.token = account.token
        self.ids["@@USER@@"] = account.user_id
        await self.ensure()

    async def ensure(self) -> None:
        if self.token is None:
            return
        challenge_id = self.ids.get("@@CHALLENGE@@")
        if challenge_id and await models.Challenge.get(object_id(challenge_id)) is not None:
            return
        challenge = await create_challenge(
            self.client, self.token, title="Fuzzed", visibility=self.visibility
        )
        project = await create_project(self.client, self.token, challenge["id"])
        log = await log_day(
            self.client, self.token, challenge["id"], "2026-06-10", projectIds=[project["id"]]
        )
        assert log["__typename"] == "DailyLog", log
        self.ids |= {
            "@@CHALLENGE@@": challenge["id"],
            "@@PROJECT@@": project["id"],
            "@@LOG@@": log["id"],
        }

    def resolve(self, query: str) -> str:
        for placeholder in PLACEHOLDERS:
            query = query.replace(placeholder, self.ids.get(placeholder, "VXNlcjox"))
        return query

    async def post(self, query: str) -> httpx.Response:
        await self.ensure()
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return await self.client.post(
            "/graphql", json={"query": self.resolve(query)}, headers=headers
        )


async def run(world: World, query: str) -> dict[str, Any]:
    reply = await world.post(query)
    body = check_answer(reply, world.resolve(query))
    # For --hypothesis-show-statistics: how far the generated operations got.
    event(f"HTTP {reply.status_code}")
    codes = {(error.get("extensions") or {}).get("code") for error in body.get("errors") or []}
    event("errors: " + (", ".join(sorted(code or "graphql-core" for code in codes)) or "none"))
    return body


@pytest.fixture
async def anonymous(client: httpx.AsyncClient) -> World:
    world = World(client)
    # Another user's PUBLIC challenge, so that placeholders name things anyone may read.
    owner = World(client, visibility="PUBLIC")
    await owner.sign_in()
    world.ids = owner.ids
    return world


@pytest.fixture
async def signed_in(client: httpx.AsyncClient) -> World:
    world = World(client)
    await world.sign_in()
    return world


def fuzz_queries(**options: Any) -> st.SearchStrategy[str]:
    return queries(SDL, custom_scalars=SCALARS, **options)


def fuzz_mutations(**options: Any) -> st.SearchStrategy[str]:
    return mutations(SDL, custom_scalars=SCALARS, **options)


# --- positive: operations valid for the schema ---------------------------------------------


@FUZZ
@given(query=fuzz_queries())
async def test_generated_queries_signed_in(signed_in: World, query: str) -> None:
    await run(signed_in, query)


@FUZZ
@given(query=fuzz_queries())
async def test_generated_queries_anonymous(anonymous: World, query: str) -> None:
    await run(anonymous, query)


@FUZZ
@given(query=fuzz_mutations())
async def test_generated_mutations_signed_in(signed_in: World, query: str) -> None:
    await run(signed_in, query)


@FUZZ
@given(query=fuzz_mutations())
async def test_generated_mutations_anonymous(anonymous: World, query: str) -> None:
    await run(anonymous, query)


# --- negative: each operation breaks the schema once (a wrong type, a missing argument, ...) --


@NEGATIVE
@given(query=fuzz_queries(mode=Mode.NEGATIVE) | fuzz_mutations(mode=Mode.NEGATIVE))
async def test_schema_violations_signed_in(signed_in: World, query: str) -> None:
    body = await run(signed_in, query)
    assert body.get("errors"), body


@NEGATIVE
@given(query=fuzz_queries(mode=Mode.NEGATIVE) | fuzz_mutations(mode=Mode.NEGATIVE))
async def test_schema_violations_anonymous(anonymous: World, query: str) -> None:
    body = await run(anonymous, query)
    assert body.get("errors"), body
