"""createChallenge, updateChallenge, deleteChallenge and the challenge queries."""

from datetime import timedelta

from tests.graphql import (
    CREATE_CHALLENGE,
    create_challenge,
    create_project,
    field_names,
    global_id,
    gql,
    log_day,
    object_id,
    sign_up,
)

UPDATE_CHALLENGE = """
mutation Update($id: ID!, $input: UpdateChallengeInput!) {
  updateChallenge(id: $id, input: $input) {
    __typename
    ... on Challenge {
      id title description startDate targetDays status restDays visibility tags createdAt updatedAt
    }
    ... on ValidationError { message fields { field message } }
    ... on NotFoundError { message }
  }
}
"""
DELETE_CHALLENGE = """
mutation Delete($id: ID!) {
  deleteChallenge(id: $id) {
    __typename
    ... on DeleteSuccess { id }
    ... on NotFoundError { message }
  }
}
"""
CHALLENGE = """
query One($id: ID!) {
  challenge(id: $id) {
    id title description startDate targetDays status restDays visibility tags
    owner { id displayName }
    projects { totalCount }
    logs { totalCount }
  }
}
"""
NODE = "query Node($id: ID!) { node(id: $id) { __typename id } }"
MY_CHALLENGES = """
query Mine($status: ChallengeStatus) {
  challenges(status: $status) { totalCount edges { node { id title status } } }
}
"""


async def create(client, token, **fields):
    reply = await gql(client, CREATE_CHALLENGE, {"input": fields}, token)
    return reply.data["createChallenge"]


# --- createChallenge ---


async def test_create_challenge_with_defaults(client):
    ada = await sign_up(client)
    challenge = await create(client, ada.token, title="  Code every day  ")
    assert challenge["__typename"] == "Challenge"
    assert challenge["title"] == "Code every day"
    assert challenge["description"] == ""
    assert challenge["startDate"] == "2026-06-15"  # the owner's today
    assert challenge["targetDays"] == 100
    assert challenge["status"] == "ACTIVE"
    assert challenge["visibility"] == "PRIVATE"
    assert challenge["restDays"] == []
    assert challenge["tags"] == []
    assert object_id(challenge["id"])
    fetched = (await gql(client, CHALLENGE, {"id": challenge["id"]}, ada.token)).data["challenge"]
    assert fetched["owner"]["id"] == ada.user_id
    assert fetched["projects"]["totalCount"] == fetched["logs"]["totalCount"] == 0


async def test_create_challenge_with_every_field(client):
    ada = await sign_up(client)
    challenge = await create(
        client,
        ada.token,
        title="Write",
        description="Words",
        startDate="2026-05-01",
        targetDays=30,
        restDays=["SUNDAY", "MONDAY", "SUNDAY"],
        tags=["writing", " prose ", "writing"],
        visibility="PUBLIC",
    )
    assert challenge["description"] == "Words"
    assert challenge["startDate"] == "2026-05-01"
    assert challenge["targetDays"] == 30
    assert challenge["restDays"] == ["MONDAY", "SUNDAY"]  # Monday first, once each
    assert challenge["tags"] == ["writing", "prose"]
    assert challenge["visibility"] == "PUBLIC"


async def test_default_start_date_is_the_owners_today(client):
    # 2026-06-15 12:00 UTC is already the 16th at UTC+14 and still the 15th at UTC-11.
    east = await sign_up(client, "east@example.com", timezone="Pacific/Kiritimati")
    west = await sign_up(client, "west@example.com", timezone="Pacific/Pago_Pago")
    assert (await create(client, east.token, title="E"))["startDate"] == "2026-06-16"
    assert (await create(client, west.token, title="W"))["startDate"] == "2026-06-15"


async def test_title_is_one_to_120_characters(client):
    ada = await sign_up(client)
    for title in ("", "   ", "x" * 121):
        result = await create(client, ada.token, title=title)
        assert field_names(result) == {"title"}, title
    assert (await create(client, ada.token, title="x" * 120))["title"] == "x" * 120
    assert (await create(client, ada.token, title="x"))["title"] == "x"


async def test_target_days_is_one_to_1000(client):
    ada = await sign_up(client)
    for days in (0, -5, 1001):
        assert field_names(await create(client, ada.token, title="T", targetDays=days)) == {
            "targetDays"
        }
    for days in (1, 1000):
        assert (await create(client, ada.token, title="T", targetDays=days))["targetDays"] == days


async def test_start_date_within_three_years_back_and_one_ahead(client):
    ada = await sign_up(client)  # UTC: today is 2026-06-15
    for day in ("2023-06-15", "2027-06-15", "2026-06-16"):
        assert (await create(client, ada.token, title="T", startDate=day))["startDate"] == day
    for day in ("2023-06-14", "2027-06-16", "1999-01-01"):
        result = await create(client, ada.token, title="T", startDate=day)
        assert field_names(result) == {"startDate"}, day


async def test_start_date_window_follows_the_owners_zone(client):
    east = await sign_up(client, "east@example.com", timezone="Pacific/Kiritimati")
    west = await sign_up(client, "west@example.com", timezone="Pacific/Pago_Pago")
    ahead = await create(client, east.token, title="T", startDate="2027-06-16")
    assert ahead["startDate"] == "2027-06-16"  # east's today is 2026-06-16
    assert field_names(await create(client, west.token, title="T", startDate="2027-06-16")) == {
        "startDate"
    }


async def test_tags_at_most_twenty_of_at_most_32_characters(client):
    ada = await sign_up(client)
    twenty = [f"t{i}" for i in range(20)]
    assert (await create(client, ada.token, title="T", tags=twenty))["tags"] == twenty
    assert (await create(client, ada.token, title="T", tags=["x" * 32]))["tags"] == ["x" * 32]
    for tags in ([*twenty, "t20"], ["x" * 33], [""]):
        assert field_names(await create(client, ada.token, title="T", tags=tags)) == {"tags"}


async def test_create_challenge_lists_every_invalid_field(client):
    ada = await sign_up(client)
    result = await create(
        client,
        ada.token,
        title="",
        description="d" * 10_001,
        targetDays=0,
        startDate="2030-01-01",
        tags=["x" * 40],
    )
    assert field_names(result) == {"title", "description", "targetDays", "startDate", "tags"}
    mine = await gql(client, MY_CHALLENGES, token=ada.token)
    assert mine.data["challenges"]["totalCount"] == 0  # nothing was created


async def test_create_challenge_needs_a_token(client):
    reply = await gql(client, CREATE_CHALLENGE, {"input": {"title": "T"}})
    assert reply.error_codes == ["UNAUTHENTICATED"]
    assert reply.body["data"] is None


# --- challenge(id) and challenges ---


async def test_challenge_by_id_null_for_missing_or_malformed_ids(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    missing = global_id("Challenge", "0123456789abcdef01234567")
    for value in (missing, "garbage", ada.user_id, "Q2hhbGxlbmdlOm5vdC1hbi1pZA=="):
        reply = await gql(client, CHALLENGE, {"id": value}, ada.token)
        assert reply.data["challenge"] is None, value
    reply = await gql(client, CHALLENGE, {"id": challenge["id"]}, ada.token)
    assert reply.data["challenge"]["id"] == challenge["id"]


async def test_challenges_filter_by_status(client):
    ada = await sign_up(client)
    first = await create_challenge(client, ada.token, title="First")
    await create_challenge(client, ada.token, title="Second")
    await gql(
        client, UPDATE_CHALLENGE, {"id": first["id"], "input": {"status": "PAUSED"}}, ada.token
    )
    paused = await gql(client, MY_CHALLENGES, {"status": "PAUSED"}, ada.token)
    assert [edge["node"]["title"] for edge in paused.data["challenges"]["edges"]] == ["First"]
    assert paused.data["challenges"]["totalCount"] == 1
    active = await gql(client, MY_CHALLENGES, {"status": "ACTIVE"}, ada.token)
    assert [edge["node"]["title"] for edge in active.data["challenges"]["edges"]] == ["Second"]
    every = await gql(client, MY_CHALLENGES, token=ada.token)
    assert every.data["challenges"]["totalCount"] == 2


async def test_challenges_lists_only_the_viewers_own(client):
    ada = await sign_up(client, "ada@example.com")
    bob = await sign_up(client, "bob@example.com")
    await create_challenge(client, ada.token, title="Ada's", visibility="PUBLIC")
    await create_challenge(client, bob.token, title="Bob's")
    mine = await gql(client, MY_CHALLENGES, token=bob.token)
    assert [edge["node"]["title"] for edge in mine.data["challenges"]["edges"]] == ["Bob's"]


# --- updateChallenge ---


async def test_update_challenge_changes_only_what_is_given(client, clock):
    ada = await sign_up(client)
    challenge = await create_challenge(
        client, ada.token, description="keep me", tags=["a"], targetDays=50
    )
    clock.now += timedelta(minutes=10)  # within the access token's life
    reply = await gql(
        client,
        UPDATE_CHALLENGE,
        {
            "id": challenge["id"],
            "input": {
                "title": "Renamed",
                "status": "COMPLETED",
                "visibility": "PUBLIC",
                "restDays": ["SATURDAY", "SUNDAY"],
                "startDate": "2026-06-08",
            },
        },
        ada.token,
    )
    updated = reply.data["updateChallenge"]
    assert updated["__typename"] == "Challenge"
    assert updated["title"] == "Renamed"
    assert updated["status"] == "COMPLETED"
    assert updated["visibility"] == "PUBLIC"
    assert updated["restDays"] == ["SATURDAY", "SUNDAY"]
    assert updated["startDate"] == "2026-06-08"
    assert (updated["description"], updated["tags"], updated["targetDays"]) == (
        "keep me",
        ["a"],
        50,
    )
    assert updated["updatedAt"].startswith("2026-06-15T12:10:00")
    assert updated["createdAt"].startswith("2026-06-15T12:00:00")
    fetched = await gql(client, CHALLENGE, {"id": challenge["id"]}, ada.token)
    assert fetched.data["challenge"]["title"] == "Renamed"


async def test_update_challenge_validation_lists_fields_and_changes_nothing(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token, title="Keep")
    reply = await gql(
        client,
        UPDATE_CHALLENGE,
        {"id": challenge["id"], "input": {"title": " ", "targetDays": 1001, "tags": ["t"] * 21}},
        ada.token,
    )
    assert field_names(reply.data["updateChallenge"]) == {"title", "targetDays", "tags"}
    fetched = await gql(client, CHALLENGE, {"id": challenge["id"]}, ada.token)
    assert fetched.data["challenge"]["title"] == "Keep"
    assert fetched.data["challenge"]["targetDays"] == 100


async def test_update_missing_challenge_is_not_found(client):
    ada = await sign_up(client)
    project_id = global_id("Project", "0123456789abcdef01234567")
    for value in (global_id("Challenge", "0123456789abcdef01234567"), "garbage", project_id):
        reply = await gql(
            client, UPDATE_CHALLENGE, {"id": value, "input": {"title": "X"}}, ada.token
        )
        assert reply.data["updateChallenge"]["__typename"] == "NotFoundError"


# --- deleteChallenge ---


async def test_delete_challenge_removes_its_projects_and_logs(client):
    ada = await sign_up(client)
    doomed = await create_challenge(client, ada.token, title="Doomed")
    kept = await create_challenge(client, ada.token, title="Kept")
    project = await create_project(client, ada.token, doomed["id"])
    log = await log_day(client, ada.token, doomed["id"], "2026-06-02", projectIds=[project["id"]])
    kept_project = await create_project(client, ada.token, kept["id"])
    kept_log = await log_day(client, ada.token, kept["id"], "2026-06-02")

    reply = await gql(client, DELETE_CHALLENGE, {"id": doomed["id"]}, ada.token)
    assert reply.data["deleteChallenge"] == {"__typename": "DeleteSuccess", "id": doomed["id"]}

    for gone in (doomed["id"], project["id"], log["id"]):
        assert (await gql(client, NODE, {"id": gone}, ada.token)).data["node"] is None, gone
    assert (await gql(client, CHALLENGE, {"id": doomed["id"]}, ada.token)).data["challenge"] is None
    mine = await gql(client, MY_CHALLENGES, token=ada.token)
    assert [edge["node"]["title"] for edge in mine.data["challenges"]["edges"]] == ["Kept"]
    for alive in (kept["id"], kept_project["id"], kept_log["id"]):
        assert (await gql(client, NODE, {"id": alive}, ada.token)).data["node"]["id"] == alive

    again = await gql(client, DELETE_CHALLENGE, {"id": doomed["id"]}, ada.token)
    assert again.data["deleteChallenge"]["__typename"] == "NotFoundError"


async def test_delete_challenge_needs_a_token(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    reply = await gql(client, DELETE_CHALLENGE, {"id": challenge["id"]})
    assert reply.error_codes == ["UNAUTHENTICATED"]
    assert (await gql(client, NODE, {"id": challenge["id"]}, ada.token)).data["node"] is not None


async def test_explicit_nulls_in_create_inputs_mean_the_defaults(client):
    ada = await sign_up(client)
    reply = await gql(
        client,
        CREATE_CHALLENGE,
        {
            "input": {
                "title": "Nulls",
                "startDate": None,
                "description": None,
                "targetDays": None,
                "restDays": None,
                "tags": None,
                "visibility": None,
            }
        },
        ada.token,
    )
    challenge = reply.data["createChallenge"]
    assert challenge["__typename"] == "Challenge"
    assert challenge["description"] == ""
    assert challenge["targetDays"] == 100
    assert challenge["restDays"] == []
    assert challenge["tags"] == []
    assert challenge["visibility"] == "PRIVATE"
    assert challenge["startDate"] == "2026-06-15"  # the owner's today
    log = await log_day(
        client, ada.token, challenge["id"], "2026-06-15", note=None, links=None, projectIds=None
    )
    assert log["__typename"] == "DailyLog"
    assert log["note"] == ""
    assert log["links"] == []
    assert log["projects"] == []
