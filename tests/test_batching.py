"""DataLoaders: a listing costs the same number of database round trips for 1 or 30 parents."""

from datetime import timedelta

from hundred_days import models
from tests.conftest import NOW
from tests.graphql import Account, create_challenge, gql, log_day, object_id, sign_up

LISTING = """
query Listing {
  challenges(first: 30) {
    totalCount
    edges {
      node {
        id title
        owner { id displayName }
        projects(first: 5) {
          totalCount
          edges { node { id name minutes logCount challenge { id } } }
        }
        logs(first: 5) {
          totalCount
          edges { node { id date minutes dayNumber projects { id name } } }
        }
      }
    }
  }
}
"""
PUBLIC_LISTING = """
query Public($id: ID!) {
  node(id: $id) {
    ... on User {
      challenges(first: 30) {
        edges { node { title owner { displayName } projects { edges { node { name } } }
                       logs { edges { node { dayNumber projects { name } } } } } }
      }
    }
  }
}
"""
LOG_COUNT = "query($id: ID!) { challenge(id: $id) { logs { totalCount } } }"
TWO_LOGS = """
mutation($id: ID!) {
  first: logDay(input: {challengeId: $id, date: "2026-06-01", minutes: 5}) {
    ... on DailyLog { dayNumber }
  }
  second: logDay(input: {challengeId: $id, date: "2026-06-03", minutes: 5}) {
    ... on DailyLog { dayNumber challenge { logs { totalCount } } }
  }
}
"""
# Per request: the viewer (authentication), challenges by owner, projects by challenge, logs
# by challenge, the logs' projects by id, the challenges by id (dayNumber needs the start).
EXPECTED_ROUND_TRIPS = 6
PROJECTS_EACH = 2
LOGS_EACH = 3


async def build(account: Account, count: int, *, public: bool = False) -> None:
    """`count` challenges of the account, each with two projects and three logs naming them."""
    owner = object_id(account.user_id)
    visibility = models.Visibility.PUBLIC if public else models.Visibility.PRIVATE
    challenges = [
        models.Challenge(
            owner_id=owner,
            title=f"C{index:02d}",
            start_date="2026-06-01",
            visibility=visibility,
            created_at=NOW - timedelta(minutes=count - index),
            updated_at=NOW,
        )
        for index in range(count)
    ]
    await models.Challenge.insert_many(challenges)
    stored = await models.Challenge.find(models.Challenge.owner_id == owner).to_list()
    projects = [
        models.Project(
            challenge_id=challenge.id,
            owner_id=owner,
            name=f"{challenge.title}-P{index}",
            created_at=NOW + timedelta(seconds=index),
            updated_at=NOW,
        )
        for challenge in stored
        for index in range(PROJECTS_EACH)
    ]
    await models.Project.insert_many(projects)
    by_challenge: dict[object, list[object]] = {}
    for project in await models.Project.find(models.Project.owner_id == owner).to_list():
        by_challenge.setdefault(project.challenge_id, []).append(project.id)
    logs = [
        models.DailyLog(
            challenge_id=challenge.id,
            owner_id=owner,
            date=f"2026-06-0{day + 1}",
            minutes=10 * (day + 1),
            project_ids=by_challenge[challenge.id][: day % PROJECTS_EACH + 1],
        )
        for challenge in stored
        for day in range(LOGS_EACH)
    ]
    await models.DailyLog.insert_many(logs)


def check_listing(data: dict, count: int) -> None:
    connection = data["challenges"]
    assert connection["totalCount"] == count
    assert len(connection["edges"]) == count
    for edge in connection["edges"]:
        node = edge["node"]
        assert node["owner"]["displayName"] == "Ada"
        projects = [e["node"] for e in node["projects"]["edges"]]
        assert [p["name"] for p in projects] == [f"{node['title']}-P0", f"{node['title']}-P1"]
        assert all(p["challenge"]["id"] == node["id"] for p in projects)
        # P0 is named by all three logs (10 + 20 + 30), P1 by the second only (20).
        assert [(p["minutes"], p["logCount"]) for p in projects] == [(60, 3), (20, 1)]
        logs = [e["node"] for e in node["logs"]["edges"]]
        assert [log["date"] for log in logs] == ["2026-06-03", "2026-06-02", "2026-06-01"]
        assert [log["dayNumber"] for log in logs] == [3, 2, 1]
        assert [len(log["projects"]) for log in logs] == [1, 2, 1]


async def test_a_listing_of_30_costs_the_round_trips_of_a_listing_of_1(client):
    one = await sign_up(client, "one@example.com", display_name="Ada")
    thirty = await sign_up(client, "thirty@example.com", display_name="Ada")
    await build(one, 1)
    await build(thirty, 30)

    small = await gql(client, LISTING, token=one.token)
    large = await gql(client, LISTING, token=thirty.token)
    check_listing(small.data, 1)
    check_listing(large.data, 30)
    assert small.round_trips == large.round_trips
    assert large.round_trips == EXPECTED_ROUND_TRIPS


async def test_a_public_listing_read_anonymously_is_batched_too(client):
    one = await sign_up(client, "one@example.com", display_name="Ada")
    thirty = await sign_up(client, "thirty@example.com", display_name="Ada")
    await build(one, 1, public=True)
    await build(thirty, 30, public=True)
    small = await gql(client, PUBLIC_LISTING, {"id": one.user_id})
    large = await gql(client, PUBLIC_LISTING, {"id": thirty.user_id})
    assert len(small.data["node"]["challenges"]["edges"]) == 1
    assert len(large.data["node"]["challenges"]["edges"]) == 30
    assert small.round_trips == large.round_trips
    assert large.round_trips <= EXPECTED_ROUND_TRIPS


async def test_loaders_are_per_request(client):
    """Nothing is cached across requests: a write shows in the next read."""
    ada = await sign_up(client, display_name="Ada")
    challenge = await create_challenge(client, ada.token)
    before = await gql(client, LOG_COUNT, {"id": challenge["id"]}, ada.token)
    assert before.data["challenge"]["logs"]["totalCount"] == 0
    await log_day(client, ada.token, challenge["id"], "2026-06-02")
    after = await gql(client, LOG_COUNT, {"id": challenge["id"]}, ada.token)
    assert after.data["challenge"]["logs"]["totalCount"] == 1


async def test_a_mutation_reads_what_it_wrote_in_the_same_request(client):
    ada = await sign_up(client, display_name="Ada")
    challenge = await create_challenge(client, ada.token)
    reply = await gql(client, TWO_LOGS, {"id": challenge["id"]}, ada.token)
    assert reply.data["first"]["dayNumber"] == 1
    assert reply.data["second"]["dayNumber"] == 2
    assert reply.data["second"]["challenge"]["logs"]["totalCount"] == 2
