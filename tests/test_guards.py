"""Query guards (DESIGN, "Security"): each limit at N (accepted) and N + 1 (a GraphQL error and
no data), suggestions hidden, no batching, no queries over GET."""

from __future__ import annotations

import json

import pytest
from graphql import get_introspection_query

from hundred_days.schema import schema
from hundred_days.schema.guards import (
    MAX_ALIASES,
    MAX_COST,
    MAX_DEPTH,
    MAX_DIRECTIVES,
    MAX_TOKENS,
    query_cost,
)
from tests.graphql import Response, gql


def refused(reply: Response, limit: str) -> dict[str, object]:
    assert reply.status == 200, reply.body
    assert reply.body.get("data") is None, reply.body
    guard_errors = [
        error
        for error in reply.errors
        if (error.get("extensions") or {}).get("code") == "QUERY_LIMIT_EXCEEDED"
    ]
    assert guard_errors, reply.body
    extensions: dict[str, object] = guard_errors[0]["extensions"]
    assert extensions["limit"] == limit
    return extensions


# --- depth ----------------------------------------------------------------------------------

# me 0, challenges 1, edges 2, node 3, owner 4, challenges 5, edges 6, node 7, then 8 and 9.
DEPTH_8 = (
    "{ me { challenges { edges { node { owner { challenges { edges { node { id } } } } } } } } }"
)
DEPTH_9 = (
    "{ me { challenges { edges { node { owner { challenges { edges { node { owner { id } } } } } }"
    " } } } }"
)


async def test_depth_8_is_accepted(client):
    reply = await gql(client, DEPTH_8)
    assert MAX_DEPTH == 8
    assert reply.data == {"me": None}


async def test_depth_9_is_refused(client):
    extensions = refused(await gql(client, DEPTH_9), "depth")
    assert extensions == {
        "code": "QUERY_LIMIT_EXCEEDED",
        "limit": "depth",
        "maximum": 8,
        "actual": 9,
    }


async def test_depth_counts_through_fragments(client):
    query = """
    { me { challenges { edges { node { ...Deep } } } } }
    fragment Deep on Challenge { owner { challenges { edges { node { owner { id } } } } } }
    """
    refused(await gql(client, query), "depth")


async def test_introspection_is_not_limited_by_depth(client):
    reply = await gql(client, get_introspection_query(descriptions=True))
    assert reply.data["__schema"]["queryType"]["name"] == "Query"
    of_types = 9  # __type 0, fields 1, type 2, ofType 3 ... 11, name 12
    deep = '{ __type(name: "User") { fields { type { ' + "ofType { " * of_types
    deep += "name" + " }" * (of_types + 3) + " }"
    assert (await gql(client, deep)).data["__type"] is not None


# --- aliases --------------------------------------------------------------------------------


def aliased(count: int) -> str:
    return "{ " + " ".join(f"a{index}: __typename" for index in range(count)) + " }"


async def test_15_aliases_are_accepted(client):
    assert MAX_ALIASES == 15
    reply = await gql(client, aliased(15))
    assert len(reply.data) == 15


async def test_16_aliases_are_refused(client):
    extensions = refused(await gql(client, aliased(16)), "aliases")
    assert extensions["actual"] == 16


async def test_aliases_in_a_fragment_count_each_time_it_is_spread(client):
    fields = " ".join(f"a{index}: id" for index in range(8))
    query = f"{{ me {{ ...F }} other: me {{ ...F }} }} fragment F on User {{ {fields} }}"
    assert refused(await gql(client, query), "aliases")["actual"] == 17


async def test_a_fragment_bomb_is_refused(client):
    """Each fragment spreads the next twice: 2^40 expansions, checked once each."""
    levels = 40
    parts = ["{ me { ...F0 } }"]
    parts += [f"fragment F{i} on User {{ a: id ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    parts.append(f"fragment F{levels} on User {{ id }}")
    refused(await gql(client, "\n".join(parts)), "aliases")


async def test_an_unknown_fragment_is_a_graphql_error_not_a_crash(client):
    reply = await gql(client, "{ ...Nowhere }")
    assert reply.body.get("data") is None
    assert reply.errors[0]["message"] == "Unknown fragment 'Nowhere'."


# --- tokens ---------------------------------------------------------------------------------


def tokens(count: int) -> str:
    """`{`, 500 fields, `}`, and comments (which count) up to `count` tokens."""
    return "{" + " __typename" * 500 + " }" + "\n# note" * (count - 502)


async def test_1000_tokens_are_accepted(client):
    assert MAX_TOKENS == 1000
    reply = await gql(client, tokens(1000))
    assert reply.data == {"__typename": "Query"}


async def test_1001_tokens_are_refused(client):
    reply = await gql(client, tokens(1001))
    assert reply.body.get("data") is None
    assert reply.errors[0]["message"] == (
        "Syntax Error: Document contains more than 1000 tokens. Parsing aborted."
    )


async def test_a_100000_directive_query_is_refused(client):
    query = "{ __typename " + "@include(if: true) " * 100_000 + "}"
    over_http = await client.post("/graphql", json={"query": query})
    assert over_http.status_code == 413  # 1.9 MB: refused before the body is read
    direct = await schema.execute(query)  # without the HTTP cap: the parser stops early
    assert direct.data is None
    assert direct.errors
    assert "more than 1000 tokens" in direct.errors[0].message


# --- directives -----------------------------------------------------------------------------


def directed(count: int) -> str:
    return "{ " + " __typename @include(if: true)" * count + " }"


async def test_50_directives_are_accepted(client):
    assert MAX_DIRECTIVES == 50
    reply = await gql(client, directed(50))
    assert reply.data == {"__typename": "Query"}


async def test_51_directives_are_refused(client):
    assert refused(await gql(client, directed(51)), "directives")["actual"] == 51


async def test_directives_in_a_fragment_count_each_time_it_is_spread(client):
    query = (
        "{ ...F ... on Query { ...F } __typename @include(if: true) }"
        " fragment F on Query {" + " __typename @skip(if: false)" * 25 + " }"
    )
    assert refused(await gql(client, query), "directives")["actual"] == 51


# --- cost -----------------------------------------------------------------------------------


def costly(titles: int, typenames: int, first: str = "100") -> str:
    """Costs 2 + first * (2 + titles) + typenames (me, challenges, edges, node, titles)."""
    node = " title" * titles
    variables = "($first: Int = 100)" if first.startswith("$") else ""
    return (
        f"query Costly{variables} {{ me {{ challenges(first: {first}) "
        f"{{ edges {{ node {{{node} }} }} }} }}" + " __typename" * typenames + " }"
    )


def test_cost_counts_every_field_times_the_pages_above_it():
    gql_schema = schema._schema
    assert query_cost(gql_schema, "{ __typename }") == 1
    assert query_cost(gql_schema, "{ me { id displayName } }") == 3
    # A connection without `first` counts 20 pages.
    assert query_cost(gql_schema, "{ me { challenges { totalCount } } }") == 1 + 1 + 20
    nested = "{ me { challenges(first: 5) { edges { node { logs(first: 3) { totalCount } } } } } }"
    # logs: 1 + 3 * 1; node: 1 + 4; edges: 1 + 5; challenges: 1 + 5 * 6; me: 1 + 31
    assert query_cost(gql_schema, nested) == 32
    # A plain list (DailyLog.projects) counts once; a connection (Challenge.projects) pages.
    plain = '{ node(id: "x") { ... on DailyLog { projects { id name } } } }'
    assert query_cost(gql_schema, plain) == 1 + 1 + 2
    paged = '{ challenge(id: "x") { projects(first: 2) { edges { node { id } } } } }'
    assert query_cost(gql_schema, paged) == 1 + 1 + 2 * (1 + 1 + 1)


def test_cost_reads_first_from_variables_and_their_defaults():
    gql_schema = schema._schema
    query = "query($n: Int = 7) { me { challenges(first: $n) { totalCount } } }"
    assert query_cost(gql_schema, query) == 2 + 7
    assert query_cost(gql_schema, query, {"n": 50}) == 2 + 50
    assert query_cost(gql_schema, query, {"n": None}) == 2 + 20
    # Over 100 the resolver refuses it anyway; negative pages cost nothing.
    assert query_cost(gql_schema, query, {"n": 10_000}) == 2 + 100
    assert query_cost(gql_schema, query, {"n": -5}) == 2


def test_cost_counts_a_fragment_each_time_it_is_spread():
    gql_schema = schema._schema
    query = "{ me { ...U } other: me { ...U } } fragment U on User { id displayName }"
    assert query_cost(gql_schema, query) == 6


async def test_cost_20000_is_accepted(client):
    assert MAX_COST == 20_000
    query = costly(titles=197, typenames=98)
    assert query_cost(schema._schema, query) == 20_000
    reply = await gql(client, query)
    assert reply.data == {"me": None, "__typename": "Query"}


async def test_cost_20001_is_refused(client):
    extensions = refused(await gql(client, costly(titles=197, typenames=99)), "cost")
    assert extensions["actual"] == 20_001


async def test_cost_of_a_page_given_by_a_variable(client):
    query = costly(titles=197, typenames=99, first="$first")
    refused(await gql(client, query, {"first": 100}), "cost")
    refused(await gql(client, query), "cost")  # the variable's default, 100
    assert (await gql(client, query, {"first": 99})).data["me"] is None


# --- suggestions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{ healt { status } }", None),
        ("{ me { challenges(frist: 1) { totalCount } } }", None),
        ("{ me { challenges(status: ACTIV) { totalCount } } }", None),
        (
            "query($s: ChallengeStatus) { me { challenges(status: $s) { totalCount } } }",
            {"s": "ACTIV"},
        ),
        ("query($s: ChallengeStatu) { me { challenges(status: $s) { totalCount } } }", None),
        ("{ me { ...F } } fragment F on Usr { id }", None),
        (
            'mutation { signUp(input: {emial: "a@b.c", password: "x", displayName: "A"}) '
            "{ __typename } }",
            None,
        ),
    ],
)
async def test_errors_never_suggest_names(client, query, variables):
    reply = await gql(client, query, variables)
    assert reply.errors, reply.body
    assert reply.body.get("data") is None
    assert "Did you mean" not in json.dumps(reply.body)
    assert "INTERNAL_SERVER_ERROR" not in reply.error_codes  # the client's mistake, said so


# --- batching and GET -----------------------------------------------------------------------


async def test_a_batch_is_refused(client):
    reply = await client.post(
        "/graphql", json=[{"query": "{ __typename }"}, {"query": "{ __typename }"}]
    )
    assert reply.status_code == 400
    body = reply.json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == "BATCHING_NOT_SUPPORTED"
    assert "one operation per request" in body["errors"][0]["message"]


async def test_a_query_over_get_is_refused(client):
    queries = ("{ health { status } }", 'mutation { logOut(refreshToken: "x") }')
    for query in queries:
        reply = await client.get("/graphql", params={"query": query})
        assert reply.status_code == 400
        assert "healthy" not in reply.text
        assert reply.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_graphiql_is_still_served_over_get_in_development(open_client):
    async with open_client(environment="development") as http:
        page = await http.get("/graphql", headers={"Accept": "text/html"})
        in_url = await http.get(
            "/graphql", params={"query": "{ __typename }"}, headers={"Accept": "text/html"}
        )
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    assert in_url.status_code == 400  # a query in the URL is never run, even from a page
    assert "graphiql" not in in_url.text.lower()
