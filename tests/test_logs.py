"""logDay (an upsert on challenge and date), its limits, dayNumber, and deleteLog."""

from datetime import UTC, datetime

from tests.graphql import (
    LOG_DAY,
    create_challenge,
    create_project,
    field_names,
    global_id,
    gql,
    log_day,
    sign_up,
)

LOGS = """
query Logs($id: ID!) {
  challenge(id: $id) {
    logs { totalCount edges { node { id date dayNumber minutes note challenge { id } } } }
  }
}
"""
DELETE_LOG = """
mutation Delete($id: ID!) {
  deleteLog(id: $id) { __typename ... on DeleteSuccess { id } ... on NotFoundError { message } }
}
"""
UPDATE_PROFILE = """
mutation Update($input: UpdateProfileInput!) {
  updateProfile(input: $input) { __typename }
}
"""
NODE = "query Node($id: ID!) { node(id: $id) { __typename id } }"
MOVE_START = """
mutation Move($id: ID!, $start: Date!) {
  updateChallenge(id: $id, input: {startDate: $start}) { __typename }
}
"""


async def logs_of(client, token, challenge_id):
    return (await gql(client, LOGS, {"id": challenge_id}, token)).data["challenge"]["logs"]


async def log_without_date(client, token, challenge_id, minutes=30):
    values = {"challengeId": challenge_id, "minutes": minutes}
    return (await gql(client, LOG_DAY, {"input": values}, token)).data["logDay"]


async def test_log_day_returns_the_log(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    api = await create_project(client, ada.token, challenge["id"], name="API")
    log = await log_day(
        client,
        ada.token,
        challenge["id"],
        "2026-06-03",
        75,
        note="Resolvers",
        links=["https://example.com/a", "http://example.com/b"],
        projectIds=[api["id"]],
    )
    assert log["__typename"] == "DailyLog"
    assert log["date"] == "2026-06-03"
    assert log["dayNumber"] == 1
    assert (log["minutes"], log["note"]) == (75, "Resolvers")
    assert log["links"] == ["https://example.com/a", "http://example.com/b"]
    assert log["projects"] == [{"id": api["id"], "name": "API"}]
    listed = await logs_of(client, ada.token, challenge["id"])
    assert listed["totalCount"] == 1
    assert listed["edges"][0]["node"]["id"] == log["id"]
    assert listed["edges"][0]["node"]["challenge"]["id"] == challenge["id"]


async def test_logging_a_date_again_updates_the_same_log(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    api = await create_project(client, ada.token, challenge["id"], name="API")
    first = await log_day(
        client, ada.token, challenge["id"], "2026-06-03", 30, note="a", projectIds=[api["id"]]
    )
    second = await log_day(
        client, ada.token, challenge["id"], "2026-06-03", 90, note="b", links=["https://x.io"]
    )
    assert second["id"] == first["id"]
    assert (second["minutes"], second["note"], second["links"]) == (90, "b", ["https://x.io"])
    assert second["projects"] == []
    listed = await logs_of(client, ada.token, challenge["id"])
    assert listed["totalCount"] == 1
    assert (listed["edges"][0]["node"]["minutes"], listed["edges"][0]["node"]["note"]) == (90, "b")


async def test_default_date_is_the_owners_local_today(client):
    # At 2026-06-15 12:00 UTC it is 02:00 on the 16th in Kiritimati and 01:00 on the 15th
    # in Pago Pago.
    east = await sign_up(client, "east@example.com", timezone="Pacific/Kiritimati")
    west = await sign_up(client, "west@example.com", timezone="Pacific/Pago_Pago")
    east_challenge = await create_challenge(client, east.token)
    west_challenge = await create_challenge(client, west.token)
    assert (await log_without_date(client, east.token, east_challenge["id"]))[
        "date"
    ] == "2026-06-16"
    assert (await log_without_date(client, west.token, west_challenge["id"]))[
        "date"
    ] == "2026-06-15"
    # The 16th is today for one of them and the future for the other.
    assert (await log_day(client, east.token, east_challenge["id"], "2026-06-16"))[
        "__typename"
    ] == "DailyLog"
    future = await log_day(client, west.token, west_challenge["id"], "2026-06-16")
    assert field_names(future) == {"date"}


async def test_default_date_respects_day_start_hour(client, clock):
    clock.now = datetime(2026, 6, 15, 3, 0, tzinfo=UTC)
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    assert (await log_without_date(client, ada.token, challenge["id"]))["date"] == "2026-06-15"
    await gql(client, UPDATE_PROFILE, {"input": {"dayStartHour": 4}}, ada.token)
    # 03:00 is before the day starts at 04:00: it is still the 14th for Ada.
    assert (await log_without_date(client, ada.token, challenge["id"]))["date"] == "2026-06-14"


async def test_future_date_is_invalid(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    result = await log_day(client, ada.token, challenge["id"], "2026-06-16")
    assert result["__typename"] == "ValidationError"
    assert field_names(result) == {"date"}
    assert (await logs_of(client, ada.token, challenge["id"]))["totalCount"] == 0


async def test_date_before_the_start_is_invalid(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token, startDate="2026-06-10")
    assert field_names(await log_day(client, ada.token, challenge["id"], "2026-06-09")) == {"date"}
    on_start = await log_day(client, ada.token, challenge["id"], "2026-06-10")
    assert on_start["__typename"] == "DailyLog"


async def test_minutes_are_zero_to_1440(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    assert field_names(await log_day(client, ada.token, challenge["id"], "2026-06-01", -1)) == {
        "minutes"
    }
    assert field_names(await log_day(client, ada.token, challenge["id"], "2026-06-01", 1441)) == {
        "minutes"
    }
    assert (await log_day(client, ada.token, challenge["id"], "2026-06-01", 0))["minutes"] == 0
    assert (await log_day(client, ada.token, challenge["id"], "2026-06-02", 1440))[
        "minutes"
    ] == 1440


async def test_note_is_at_most_10000_characters(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    long = await log_day(client, ada.token, challenge["id"], "2026-06-01", note="n" * 10_001)
    assert field_names(long) == {"note"}
    ok = await log_day(client, ada.token, challenge["id"], "2026-06-01", note="n" * 10_000)
    assert len(ok["note"]) == 10_000


async def test_links_are_at_most_ten_http_urls(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    cid = challenge["id"]
    ten = [f"https://example.com/{i}" for i in range(10)]
    assert (await log_day(client, ada.token, cid, "2026-06-01", links=ten))["links"] == ten
    too_many = await log_day(client, ada.token, cid, "2026-06-02", links=[*ten, "https://e.com"])
    assert field_names(too_many) == {"links"}
    for bad in ("ftp://example.com/f", "javascript:alert(1)", "example.com", "https://"):
        result = await log_day(client, ada.token, cid, "2026-06-02", links=["https://ok.io", bad])
        assert result["__typename"] == "ValidationError", bad
        assert all(name.startswith("links") for name in field_names(result)), bad


async def test_project_ids_must_name_projects_of_the_challenge_once(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    other = await create_challenge(client, ada.token, title="Other")
    mine = await create_project(client, ada.token, challenge["id"], name="Mine")
    elsewhere = await create_project(client, ada.token, other["id"], name="Elsewhere")
    cid = challenge["id"]
    for ids in (
        [elsewhere["id"]],
        [mine["id"], mine["id"]],
        ["garbage"],
        [global_id("Project", "0123456789abcdef01234567")],
        [challenge["id"]],
    ):
        result = await log_day(client, ada.token, cid, "2026-06-02", projectIds=ids)
        assert field_names(result) == {"projectIds"}, ids
    assert (await logs_of(client, ada.token, cid))["totalCount"] == 0


async def test_log_projects_come_back_in_the_order_named(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    a = await create_project(client, ada.token, challenge["id"], name="A")
    b = await create_project(client, ada.token, challenge["id"], name="B")
    c = await create_project(client, ada.token, challenge["id"], name="C")
    log = await log_day(
        client, ada.token, challenge["id"], "2026-06-02", projectIds=[c["id"], a["id"], b["id"]]
    )
    assert [project["name"] for project in log["projects"]] == ["C", "A", "B"]


async def test_log_day_lists_every_invalid_field(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    result = await log_day(
        client,
        ada.token,
        challenge["id"],
        "2027-01-01",
        5000,
        note="n" * 10_001,
        links=["nope"],
        projectIds=["garbage"],
    )
    assert field_names(result) == {"date", "minutes", "note", "links[0]", "projectIds"}


async def test_log_day_on_a_missing_challenge_is_not_found(client):
    ada = await sign_up(client)
    missing = global_id("Challenge", "0123456789abcdef01234567")
    for value in (missing, "garbage"):
        result = await log_day(client, ada.token, value, "2026-06-02")
        assert result["__typename"] == "NotFoundError"


async def test_log_day_needs_a_token(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    values = {"challengeId": challenge["id"], "date": "2026-06-02", "minutes": 5}
    reply = await gql(client, LOG_DAY, {"input": values})
    assert reply.error_codes == ["UNAUTHENTICATED"]


async def test_day_numbers_are_ordinals_among_logged_days(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token, startDate="2026-06-01")
    cid = challenge["id"]
    # Logged out of order, with gaps: the ordinal follows the date.
    for day in ("2026-06-10", "2026-06-02", "2026-06-05", "2026-06-01"):
        await log_day(client, ada.token, cid, day)
    listed = await logs_of(client, ada.token, cid)
    numbers = {edge["node"]["date"]: edge["node"]["dayNumber"] for edge in listed["edges"]}
    assert numbers == {"2026-06-10": 4, "2026-06-05": 3, "2026-06-02": 2, "2026-06-01": 1}
    # A new log in a gap renumbers the later days.
    assert (await log_day(client, ada.token, cid, "2026-06-03"))["dayNumber"] == 3
    listed = await logs_of(client, ada.token, cid)
    numbers = {edge["node"]["date"]: edge["node"]["dayNumber"] for edge in listed["edges"]}
    assert numbers == {
        "2026-06-10": 5,
        "2026-06-05": 4,
        "2026-06-03": 3,
        "2026-06-02": 2,
        "2026-06-01": 1,
    }


async def test_delete_log(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    cid = challenge["id"]
    first = await log_day(client, ada.token, cid, "2026-06-01")
    doomed = await log_day(client, ada.token, cid, "2026-06-02")
    last = await log_day(client, ada.token, cid, "2026-06-03")
    reply = await gql(client, DELETE_LOG, {"id": doomed["id"]}, ada.token)
    assert reply.data["deleteLog"] == {"__typename": "DeleteSuccess", "id": doomed["id"]}
    listed = await logs_of(client, ada.token, cid)
    assert listed["totalCount"] == 2
    assert [(e["node"]["id"], e["node"]["dayNumber"]) for e in listed["edges"]] == [
        (last["id"], 2),
        (first["id"], 1),
    ]
    assert (await gql(client, NODE, {"id": doomed["id"]}, ada.token)).data["node"] is None
    again = await gql(client, DELETE_LOG, {"id": doomed["id"]}, ada.token)
    assert again.data["deleteLog"]["__typename"] == "NotFoundError"
    garbage = await gql(client, DELETE_LOG, {"id": "garbage"}, ada.token)
    assert garbage.data["deleteLog"]["__typename"] == "NotFoundError"
    # The date can be logged afresh.
    relogged = await log_day(client, ada.token, cid, "2026-06-02")
    assert relogged["__typename"] == "DailyLog"
    assert relogged["id"] != doomed["id"]
    assert relogged["dayNumber"] == 2


async def test_logs_before_a_moved_start_have_no_day_number(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token, startDate="2026-06-01")
    cid = challenge["id"]
    for day in ("2026-06-01", "2026-06-02", "2026-06-05"):
        await log_day(client, ada.token, cid, day)
    moved = await gql(client, MOVE_START, {"id": cid, "start": "2026-06-02"}, ada.token)
    assert moved.data["updateChallenge"]["__typename"] == "Challenge"
    listed = await logs_of(client, ada.token, cid)
    numbers = {edge["node"]["date"]: edge["node"]["dayNumber"] for edge in listed["edges"]}
    assert numbers == {"2026-06-05": 2, "2026-06-02": 1, "2026-06-01": None}
