"""Who sees and changes what: PRIVATE is the owner's alone, PUBLIC is readable by anyone."""

import pytest

from tests.graphql import (
    CREATE_PROJECT,
    LOG_DAY,
    create_challenge,
    create_project,
    global_id,
    gql,
    log_day,
    sign_up,
)

CHALLENGE = """
query One($id: ID!) {
  challenge(id: $id) {
    id title
    owner { id displayName email }
    projects { totalCount edges { node { id name challenge { id } } } }
    logs { totalCount edges { node { id date projects { id } challenge { id } } } }
  }
}
"""
NODE = """
query Node($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Challenge { title }
    ... on Project { name }
    ... on DailyLog { date }
    ... on User { displayName email }
  }
}
"""
USER_CHALLENGES = """
query UserChallenges($id: ID!) {
  node(id: $id) {
    ... on User { challenges { totalCount edges { node { title visibility } } } }
  }
}
"""
ME = "{ me { id email challenges { totalCount } } }"
UPDATE_CHALLENGE = """
mutation U($id: ID!) {
  updateChallenge(id: $id, input: {title: "Hijacked"}) {
    __typename ... on NotFoundError { message }
  }
}
"""
DELETE_CHALLENGE = "mutation D($id: ID!) { deleteChallenge(id: $id) { __typename } }"
UPDATE_PROJECT = """
mutation U($id: ID!) { updateProject(id: $id, input: {name: "Hijacked"}) { __typename } }
"""
DELETE_PROJECT = "mutation D($id: ID!) { deleteProject(id: $id) { __typename } }"
DELETE_LOG = "mutation D($id: ID!) { deleteLog(id: $id) { __typename } }"
CHALLENGES = "{ challenges { totalCount } }"
LOG_MINUTES = "query($id: ID!) { node(id: $id) { ... on DailyLog { minutes } } }"
MAKE_PRIVATE = """
mutation($id: ID!) { updateChallenge(id: $id, input: {visibility: PRIVATE}) { __typename } }
"""
UPDATE_PROFILE = 'mutation { updateProfile(input: {displayName: "X"}) { __typename } }'
CREATE_CHALLENGE_INLINE = 'mutation { createChallenge(input: {title: "T"}) { __typename } }'
PROTECTED = [
    CHALLENGES,
    UPDATE_PROFILE,
    CREATE_CHALLENGE_INLINE,
    'mutation { updateChallenge(id: "x", input: {}) { __typename } }',
    'mutation { deleteChallenge(id: "x") { __typename } }',
    'mutation { createProject(input: {challengeId: "x", name: "P"}) { __typename } }',
    'mutation { updateProject(id: "x", input: {}) { __typename } }',
    'mutation { deleteProject(id: "x") { __typename } }',
    'mutation { logDay(input: {challengeId: "x", minutes: 1}) { __typename } }',
    'mutation { deleteLog(id: "x") { __typename } }',
]


@pytest.fixture
async def world(client):
    """Ada owns a PRIVATE and a PUBLIC challenge, each with a project and a log; Bob is
    another user."""
    ada = await sign_up(client, "ada@example.com", display_name="Ada")
    bob = await sign_up(client, "bob@example.com", display_name="Bob")
    items = {}
    for visibility in ("PRIVATE", "PUBLIC"):
        challenge = await create_challenge(
            client, ada.token, title=visibility.title(), visibility=visibility
        )
        project = await create_project(client, ada.token, challenge["id"], name=visibility)
        log = await log_day(
            client, ada.token, challenge["id"], "2026-06-02", projectIds=[project["id"]]
        )
        items[visibility] = {"challenge": challenge, "project": project, "log": log}
    return ada, bob, items


async def test_private_challenge_is_invisible_to_others_and_anonymous(client, world):
    ada, bob, items = world
    private = items["PRIVATE"]
    for token in (bob.token, None, "garbage"):
        reply = await gql(client, CHALLENGE, {"id": private["challenge"]["id"]}, token)
        assert reply.data["challenge"] is None, token
        for kind in ("challenge", "project", "log"):
            node = await gql(client, NODE, {"id": private[kind]["id"]}, token)
            assert node.data["node"] is None, (kind, token)
    owner_view = await gql(client, CHALLENGE, {"id": private["challenge"]["id"]}, ada.token)
    seen = owner_view.data["challenge"]
    assert seen["title"] == "Private"
    assert seen["projects"]["totalCount"] == seen["logs"]["totalCount"] == 1
    for kind in ("challenge", "project", "log"):
        node = await gql(client, NODE, {"id": private[kind]["id"]}, ada.token)
        assert node.data["node"]["id"] == private[kind]["id"]


async def test_public_challenge_is_readable_by_anyone(client, world):
    ada, bob, items = world
    public = items["PUBLIC"]
    for token in (bob.token, None):
        reply = await gql(client, CHALLENGE, {"id": public["challenge"]["id"]}, token)
        seen = reply.data["challenge"]
        assert seen["title"] == "Public"
        assert seen["owner"] == {"id": ada.user_id, "displayName": "Ada", "email": None}
        assert [e["node"]["id"] for e in seen["projects"]["edges"]] == [public["project"]["id"]]
        assert seen["projects"]["edges"][0]["node"]["challenge"]["id"] == public["challenge"]["id"]
        [log] = [edge["node"] for edge in seen["logs"]["edges"]]
        assert log["id"] == public["log"]["id"]
        assert log["projects"] == [{"id": public["project"]["id"]}]
        for kind, typename in (
            ("challenge", "Challenge"),
            ("project", "Project"),
            ("log", "DailyLog"),
        ):
            node = await gql(client, NODE, {"id": public[kind]["id"]}, token)
            assert node.data["node"]["__typename"] == typename


async def test_user_challenges_lists_only_what_the_viewer_may_see(client, world):
    ada, bob, _items = world

    async def titles(token):
        reply = await gql(client, USER_CHALLENGES, {"id": ada.user_id}, token)
        connection = reply.data["node"]["challenges"]
        return connection["totalCount"], {edge["node"]["title"] for edge in connection["edges"]}

    assert await titles(ada.token) == (2, {"Private", "Public"})
    assert await titles(bob.token) == (1, {"Public"})
    assert await titles(None) == (1, {"Public"})
    me = await gql(client, ME, token=ada.token)
    assert me.data["me"]["challenges"]["totalCount"] == 2


async def test_email_is_shown_only_to_its_owner(client, world):
    ada, bob, _items = world
    assert (await gql(client, ME, token=ada.token)).data["me"]["email"] == "ada@example.com"
    own = await gql(client, NODE, {"id": ada.user_id}, ada.token)
    assert own.data["node"]["email"] == "ada@example.com"
    for token in (bob.token, None):
        other = await gql(client, NODE, {"id": ada.user_id}, token)
        assert other.data["node"]["displayName"] == "Ada"
        assert other.data["node"]["email"] is None


async def test_others_cannot_change_a_public_challenge(client, world):
    ada, bob, items = world
    for visibility in ("PUBLIC", "PRIVATE"):
        item = items[visibility]
        cid, pid, lid = item["challenge"]["id"], item["project"]["id"], item["log"]["id"]
        attempts = [
            (UPDATE_CHALLENGE, {"id": cid}, "updateChallenge"),
            (DELETE_CHALLENGE, {"id": cid}, "deleteChallenge"),
            (CREATE_PROJECT, {"input": {"challengeId": cid, "name": "X"}}, "createProject"),
            (UPDATE_PROJECT, {"id": pid}, "updateProject"),
            (DELETE_PROJECT, {"id": pid}, "deleteProject"),
            (
                LOG_DAY,
                {"input": {"challengeId": cid, "date": "2026-06-02", "minutes": 999}},
                "logDay",
            ),
            (DELETE_LOG, {"id": lid}, "deleteLog"),
        ]
        for query, variables, field in attempts:
            reply = await gql(client, query, variables, bob.token)
            assert reply.data[field]["__typename"] == "NotFoundError", (visibility, field)
    # Nothing changed.
    for visibility in ("PUBLIC", "PRIVATE"):
        item = items[visibility]
        reply = await gql(client, CHALLENGE, {"id": item["challenge"]["id"]}, ada.token)
        seen = reply.data["challenge"]
        assert seen["title"] == visibility.title()
        assert [e["node"]["name"] for e in seen["projects"]["edges"]] == [visibility]
        assert [e["node"]["id"] for e in seen["logs"]["edges"]] == [item["log"]["id"]]
    logs = await gql(client, LOG_MINUTES, {"id": items["PUBLIC"]["log"]["id"]}, ada.token)
    assert logs.data["node"]["minutes"] == 30


async def test_not_found_does_not_reveal_existence(client, world):
    _ada, bob, items = world
    hidden = await gql(
        client, UPDATE_CHALLENGE, {"id": items["PRIVATE"]["challenge"]["id"]}, bob.token
    )
    missing = await gql(
        client,
        UPDATE_CHALLENGE,
        {"id": "Q2hhbGxlbmdlOjAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nw=="},
        bob.token,
    )
    assert hidden.data["updateChallenge"]["__typename"] == "NotFoundError"
    assert hidden.data == missing.data  # the same answer, message included


async def test_making_a_challenge_private_hides_it_again(client, world):
    ada, bob, items = world
    cid = items["PUBLIC"]["challenge"]["id"]
    reply = await gql(client, MAKE_PRIVATE, {"id": cid}, ada.token)
    assert reply.data["updateChallenge"]["__typename"] == "Challenge"
    assert (await gql(client, CHALLENGE, {"id": cid}, bob.token)).data["challenge"] is None
    log = await gql(client, NODE, {"id": items["PUBLIC"]["log"]["id"]}, None)
    assert log.data["node"] is None


@pytest.mark.parametrize("query", PROTECTED)
@pytest.mark.parametrize("token", [None, "garbage", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"])
async def test_protected_fields_need_a_valid_token(client, query, token):
    reply = await gql(client, query, token=token)
    assert reply.error_codes == ["UNAUTHENTICATED"]
    assert reply.body["data"] is None


async def test_a_non_bearer_authorization_header_is_unauthenticated(client):
    reply = await client.post(
        "/graphql", json={"query": CHALLENGES}, headers={"Authorization": "Basic YWRhOnB3"}
    )
    assert reply.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_unauthenticated_message_does_not_leak_between_requests(client):
    """A request with a bad token must not change what the next anonymous one is told."""
    anonymous_before = await gql(client, CHALLENGES)
    await gql(client, CHALLENGES, token="garbage")
    anonymous_after = await gql(client, CHALLENGES)
    assert anonymous_after.errors[0]["message"] == anonymous_before.errors[0]["message"]


async def test_node_of_a_missing_or_malformed_id_is_null(client, world):
    ada, _bob, _items = world
    for value in (
        global_id("User", "0123456789abcdef01234567"),
        global_id("Challenge", "0123456789abcdef01234567"),
        global_id("Project", "0123456789abcdef01234567"),
        global_id("DailyLog", "0123456789abcdef01234567"),
        global_id("Nonsense", "0123456789abcdef01234567"),
        global_id("User", "not-an-object-id"),
        "garbage",
    ):
        assert (await gql(client, NODE, {"id": value}, ada.token)).data["node"] is None, value
