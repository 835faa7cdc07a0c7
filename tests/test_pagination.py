"""Relay connections: page sizes, cursors, totalCount, page info, orders, logs(from, to)."""

from datetime import date, timedelta

import pytest

from hundred_days import models
from tests.conftest import NOW
from tests.graphql import create_challenge, global_id, gql, object_id, sign_up

CHALLENGES = """
query Page($first: Int, $after: String) {
  challenges(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id title createdAt } }
  }
}
"""
PROJECTS = """
query Projects($id: ID!, $first: Int, $after: String) {
  challenge(id: $id) {
    projects(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage }
      edges { node { name } }
    }
  }
}
"""
LOGS = """
query Logs($id: ID!, $first: Int, $after: String, $from: Date, $to: Date) {
  challenge(id: $id) {
    logs(first: $first, after: $after, from: $from, to: $to) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { node { date } }
    }
  }
}
"""
USER_CHALLENGES = """
query UserChallenges($id: ID!, $first: Int, $after: String) {
  node(id: $id) {
    ... on User {
      challenges(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage } edges { node { title } }
      }
    }
  }
}
"""
# Dates of 12 logs, inserted out of order, from 2026-06-01 on with gaps.
LOG_DATES = [
    date(2026, 6, 1) + timedelta(days=offset) for offset in (3, 0, 7, 1, 11, 5, 9, 2, 13, 4, 12, 8)
]


async def insert_challenges(owner_id: str, count: int) -> list[str]:
    """`count` challenges created a minute apart (C00 the oldest); their global IDs."""
    owner = object_id(owner_id)
    docs = [
        models.Challenge(
            owner_id=owner,
            title=f"C{index:02d}",
            start_date="2026-06-01",
            created_at=NOW - timedelta(minutes=count - index),
            updated_at=NOW,
        )
        for index in range(count)
    ]
    await models.Challenge.insert_many(docs)
    stored = await models.Challenge.find(models.Challenge.owner_id == owner).to_list()
    by_title = {doc.title: doc.id for doc in stored}
    return [global_id("Challenge", by_title[f"C{index:02d}"]) for index in range(count)]


@pytest.fixture
async def ada(client):
    return await sign_up(client)


@pytest.fixture
async def many(ada):
    return await insert_challenges(ada.user_id, 25)


async def page(client, token, **variables):
    return (await gql(client, CHALLENGES, variables, token)).data["challenges"]


async def test_first_defaults_to_twenty(client, ada, many):
    result = await page(client, ada.token)
    assert len(result["edges"]) == 20
    assert result["totalCount"] == 25
    assert result["pageInfo"]["hasNextPage"] is True
    assert result["pageInfo"]["hasPreviousPage"] is False


async def test_challenges_are_newest_first(client, ada, many):
    result = await page(client, ada.token, first=25)
    titles = [edge["node"]["title"] for edge in result["edges"]]
    assert titles == [f"C{index:02d}" for index in reversed(range(25))]
    created = [edge["node"]["createdAt"] for edge in result["edges"]]
    assert created == sorted(created, reverse=True)
    assert result["edges"][0]["node"]["id"] == many[-1]


async def test_first_zero_returns_no_edges_but_counts(client, ada, many):
    result = await page(client, ada.token, first=0)
    assert result["edges"] == []
    assert result["totalCount"] == 25
    assert result["pageInfo"]["hasNextPage"] is True
    assert result["pageInfo"]["startCursor"] is None


async def test_first_one_hundred_is_allowed(client, ada, many):
    result = await page(client, ada.token, first=100)
    assert len(result["edges"]) == 25
    assert result["pageInfo"]["hasNextPage"] is False


@pytest.mark.parametrize("first", [101, -1, 1000])
async def test_first_out_of_range_is_bad_user_input(client, ada, many, first):
    reply = await gql(client, CHALLENGES, {"first": first}, ada.token)
    assert reply.error_codes == ["BAD_USER_INPUT"]
    assert reply.body["data"] is None


@pytest.mark.parametrize("first", [101, -1])
async def test_nested_connections_check_first_too(client, ada, first):
    challenge = await create_challenge(client, ada.token)
    for query in (PROJECTS, LOGS):
        reply = await gql(client, query, {"id": challenge["id"], "first": first}, ada.token)
        assert reply.error_codes == ["BAD_USER_INPUT"]
    reply = await gql(client, USER_CHALLENGES, {"id": ada.user_id, "first": first}, ada.token)
    assert reply.error_codes == ["BAD_USER_INPUT"]


async def test_after_cursors_walk_every_page_once(client, ada, many):
    seen: list[str] = []
    after = None
    pages = []
    while True:
        result = await page(client, ada.token, first=10, after=after)
        pages.append(result)
        seen += [edge["node"]["id"] for edge in result["edges"]]
        assert result["totalCount"] == 25
        assert result["pageInfo"]["endCursor"] == result["edges"][-1]["cursor"]
        if not result["pageInfo"]["hasNextPage"]:
            break
        after = result["pageInfo"]["endCursor"]
    assert [len(p["edges"]) for p in pages] == [10, 10, 5]
    assert [p["pageInfo"]["hasPreviousPage"] for p in pages] == [False, True, True]
    assert len(seen) == len(set(seen)) == 25
    assert seen == list(reversed(many))


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "",
        "Y3Vyc29yOng=",  # cursor:x
        "Y3Vyc29yOi01",  # cursor:-5
        "b3RoZXI6MQ==",  # other:1
        "YXJyYXljb25uZWN0aW9uOjE=",  # arrayconnection:1
    ],
)
async def test_garbage_cursor_is_bad_user_input(client, ada, many, cursor):
    reply = await gql(client, CHALLENGES, {"first": 5, "after": cursor}, ada.token)
    assert reply.error_codes == ["BAD_USER_INPUT"]


async def test_a_cursor_past_the_end_gives_an_empty_page(client, ada, many):
    last = await page(client, ada.token, first=100)
    result = await page(client, ada.token, after=last["pageInfo"]["endCursor"])
    assert result["edges"] == []
    assert result["pageInfo"]["hasNextPage"] is False
    assert result["pageInfo"]["hasPreviousPage"] is True


async def test_user_challenges_paginate(client, ada, many):
    first = await gql(client, USER_CHALLENGES, {"id": ada.user_id, "first": 3}, ada.token)
    connection = first.data["node"]["challenges"]
    assert [edge["node"]["title"] for edge in connection["edges"]] == ["C24", "C23", "C22"]
    assert connection["totalCount"] == 25
    assert connection["pageInfo"]["hasNextPage"] is True


async def test_projects_are_oldest_first_and_paginate(client, ada):
    challenge = await create_challenge(client, ada.token)
    cid = object_id(challenge["id"])
    owner = object_id(ada.user_id)
    await models.Project.insert_many(
        [
            models.Project(
                challenge_id=cid,
                owner_id=owner,
                name=f"P{index}",
                created_at=NOW + timedelta(minutes=index),
                updated_at=NOW,
            )
            for index in (3, 0, 4, 1, 2)  # inserted out of order
        ]
    )
    reply = await gql(client, PROJECTS, {"id": challenge["id"]}, ada.token)
    projects = reply.data["challenge"]["projects"]
    assert [edge["node"]["name"] for edge in projects["edges"]] == ["P0", "P1", "P2", "P3", "P4"]
    assert projects["totalCount"] == 5
    reply = await gql(client, PROJECTS, {"id": challenge["id"], "first": 2}, ada.token)
    assert [e["node"]["name"] for e in reply.data["challenge"]["projects"]["edges"]] == ["P0", "P1"]
    assert reply.data["challenge"]["projects"]["pageInfo"]["hasNextPage"] is True


@pytest.fixture
async def logged(ada, client):
    challenge = await create_challenge(client, ada.token, startDate="2026-06-01")
    cid, owner = object_id(challenge["id"]), object_id(ada.user_id)
    await models.DailyLog.insert_many(
        [
            models.DailyLog(challenge_id=cid, owner_id=owner, date=day.isoformat(), minutes=10)
            for day in LOG_DATES
        ]
    )
    return challenge["id"]


async def logs(client, token, challenge_id, **variables):
    reply = await gql(client, LOGS, {"id": challenge_id} | variables, token)
    return reply.data["challenge"]["logs"]


async def test_logs_are_newest_first_by_date(client, ada, logged):
    result = await logs(client, ada.token, logged)
    dates = [edge["node"]["date"] for edge in result["edges"]]
    assert dates == sorted((day.isoformat() for day in LOG_DATES), reverse=True)
    assert result["totalCount"] == 12


async def test_logs_paginate_without_overlap(client, ada, logged):
    first = await logs(client, ada.token, logged, first=5)
    second = await logs(client, ada.token, logged, first=5, after=first["pageInfo"]["endCursor"])
    third = await logs(client, ada.token, logged, first=5, after=second["pageInfo"]["endCursor"])
    dates = [e["node"]["date"] for p in (first, second, third) for e in p["edges"]]
    assert len(dates) == len(set(dates)) == 12
    assert dates == sorted(dates, reverse=True)
    assert (first["pageInfo"]["hasNextPage"], third["pageInfo"]["hasNextPage"]) == (True, False)
    assert second["pageInfo"]["hasPreviousPage"] is True


async def test_logs_from_to_are_inclusive(client, ada, logged):
    result = await logs(client, ada.token, logged, **{"from": "2026-06-03", "to": "2026-06-09"})
    dates = [edge["node"]["date"] for edge in result["edges"]]
    # Logged in that window: the 3rd, 4th, 5th, 6th, 8th and 9th.
    assert dates == [
        "2026-06-09",
        "2026-06-08",
        "2026-06-06",
        "2026-06-05",
        "2026-06-04",
        "2026-06-03",
    ]
    assert result["totalCount"] == 6
    only_from = await logs(client, ada.token, logged, **{"from": "2026-06-13"})
    assert [edge["node"]["date"] for edge in only_from["edges"]] == ["2026-06-14", "2026-06-13"]
    only_to = await logs(client, ada.token, logged, to="2026-06-02")
    assert [edge["node"]["date"] for edge in only_to["edges"]] == ["2026-06-02", "2026-06-01"]


async def test_logs_from_after_to_is_bad_user_input(client, ada, logged):
    reply = await gql(
        client, LOGS, {"id": logged, "from": "2026-06-10", "to": "2026-06-01"}, ada.token
    )
    assert reply.error_codes == ["BAD_USER_INPUT"]
