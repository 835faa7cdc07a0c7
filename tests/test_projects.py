"""createProject, updateProject, deleteProject, and Project.minutes / logCount / challenge."""

from tests.graphql import (
    CREATE_PROJECT,
    create_challenge,
    create_project,
    field_names,
    global_id,
    gql,
    log_day,
    sign_up,
)

UPDATE_PROJECT = """
mutation Update($id: ID!, $input: UpdateProjectInput!) {
  updateProject(id: $id, input: $input) {
    __typename
    ... on Project { id name description repoUrl status tags updatedAt }
    ... on ValidationError { fields { field message } }
    ... on NotFoundError { message }
  }
}
"""
DELETE_PROJECT = """
mutation Delete($id: ID!) {
  deleteProject(id: $id) { __typename ... on DeleteSuccess { id } ... on NotFoundError { message } }
}
"""
PROJECTS = """
query Projects($id: ID!) {
  challenge(id: $id) {
    projects {
      totalCount
      edges { node { id name repoUrl minutes logCount challenge { id } } }
    }
    logs { edges { node { date projects { id name } } } }
  }
}
"""
NODE = "query Node($id: ID!) { node(id: $id) { __typename id } }"


async def create(client, token, challenge_id, **fields):
    values = {"challengeId": challenge_id, "name": "P"} | fields
    reply = await gql(client, CREATE_PROJECT, {"input": values}, token)
    return reply.data["createProject"]


async def update(client, token, project_id, **fields):
    reply = await gql(client, UPDATE_PROJECT, {"id": project_id, "input": fields}, token)
    return reply.data["updateProject"]


async def projects_of(client, token, challenge_id):
    reply = await gql(client, PROJECTS, {"id": challenge_id}, token)
    return reply.data["challenge"]


async def test_create_project_with_defaults(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    project = await create(client, ada.token, challenge["id"], name="  API  ")
    assert project["__typename"] == "Project"
    assert project["name"] == "API"
    assert project["description"] == ""
    assert project["repoUrl"] is None
    assert project["status"] == "PLANNED"
    assert project["tags"] == []
    listed = await projects_of(client, ada.token, challenge["id"])
    node = listed["projects"]["edges"][0]["node"]
    assert node["id"] == project["id"]
    assert node["challenge"]["id"] == challenge["id"]
    assert (node["minutes"], node["logCount"]) == (0, 0)


async def test_create_project_with_every_field(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    project = await create(
        client,
        ada.token,
        challenge["id"],
        description="The server",
        repoUrl="https://github.com/ada/api",
        status="IN_PROGRESS",
        tags=["python", "python", "graphql"],
    )
    assert project["description"] == "The server"
    assert project["repoUrl"] == "https://github.com/ada/api"
    assert project["status"] == "IN_PROGRESS"
    assert project["tags"] == ["python", "graphql"]


async def test_create_project_lists_every_invalid_field(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    result = await create(
        client,
        ada.token,
        challenge["id"],
        name=" ",
        repoUrl="ftp://example.com/repo",
        tags=[f"t{i}" for i in range(21)],
    )
    assert field_names(result) == {"name", "repoUrl", "tags"}
    assert (await projects_of(client, ada.token, challenge["id"]))["projects"]["totalCount"] == 0


async def test_project_name_and_repo_url_limits(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    assert (await create(client, ada.token, challenge["id"], name="n" * 120))["name"] == "n" * 120
    assert field_names(await create(client, ada.token, challenge["id"], name="n" * 121)) == {"name"}
    for url in ("javascript:alert(1)", "github.com/ada/api", "https://", "http://a b.com"):
        result = await create(client, ada.token, challenge["id"], repoUrl=url)
        assert field_names(result) == {"repoUrl"}, url
    ok = await create(client, ada.token, challenge["id"], repoUrl="http://example.com/x")
    assert ok["repoUrl"] == "http://example.com/x"


async def test_create_project_in_a_missing_challenge_is_not_found(client):
    ada = await sign_up(client)
    for value in (global_id("Challenge", "0123456789abcdef01234567"), "garbage"):
        assert (await create(client, ada.token, value))["__typename"] == "NotFoundError"


async def test_create_project_needs_a_token(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    reply = await gql(
        client, CREATE_PROJECT, {"input": {"challengeId": challenge["id"], "name": "P"}}
    )
    assert reply.error_codes == ["UNAUTHENTICATED"]


async def test_update_project_changes_only_what_is_given(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    project = await create_project(
        client, ada.token, challenge["id"], repoUrl="https://example.com/r", tags=["a"]
    )
    updated = await update(client, ada.token, project["id"], name="Renamed", status="DONE")
    assert updated["__typename"] == "Project"
    assert (updated["name"], updated["status"]) == ("Renamed", "DONE")
    assert updated["repoUrl"] == "https://example.com/r"  # omitted: kept
    assert updated["tags"] == ["a"]
    retagged = await update(client, ada.token, project["id"], tags=["b", "c"], description="D")
    assert (retagged["tags"], retagged["description"], retagged["name"]) == (
        ["b", "c"],
        "D",
        "Renamed",
    )


async def test_update_project_null_repo_url_clears_it(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    project = await create_project(client, ada.token, challenge["id"], repoUrl="https://e.com/r")
    assert (await update(client, ada.token, project["id"], repoUrl=None))["repoUrl"] is None
    listed = await projects_of(client, ada.token, challenge["id"])
    assert listed["projects"]["edges"][0]["node"]["repoUrl"] is None
    again = await update(client, ada.token, project["id"], repoUrl="https://e.com/new")
    assert again["repoUrl"] == "https://e.com/new"


async def test_update_project_validation(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    project = await create_project(client, ada.token, challenge["id"], name="Keep")
    result = await update(client, ada.token, project["id"], name="", repoUrl="mailto:a@b.c")
    assert field_names(result) == {"name", "repoUrl"}
    listed = await projects_of(client, ada.token, challenge["id"])
    assert listed["projects"]["edges"][0]["node"]["name"] == "Keep"


async def test_update_missing_project_is_not_found(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    for value in (global_id("Project", "0123456789abcdef01234567"), "garbage", challenge["id"]):
        assert (await update(client, ada.token, value, name="X"))["__typename"] == "NotFoundError"


async def test_delete_project_removes_it_from_logs(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    api = await create_project(client, ada.token, challenge["id"], name="API")
    web = await create_project(client, ada.token, challenge["id"], name="Web")
    log = await log_day(
        client, ada.token, challenge["id"], "2026-06-02", projectIds=[api["id"], web["id"]]
    )
    assert [p["name"] for p in log["projects"]] == ["API", "Web"]

    reply = await gql(client, DELETE_PROJECT, {"id": api["id"]}, ada.token)
    assert reply.data["deleteProject"] == {"__typename": "DeleteSuccess", "id": api["id"]}
    listed = await projects_of(client, ada.token, challenge["id"])
    assert [edge["node"]["name"] for edge in listed["projects"]["edges"]] == ["Web"]
    assert listed["projects"]["totalCount"] == 1
    [log_edge] = listed["logs"]["edges"]  # the log stays, without the project
    assert log_edge["node"]["projects"] == [{"id": web["id"], "name": "Web"}]
    assert (await gql(client, NODE, {"id": api["id"]}, ada.token)).data["node"] is None
    again = await gql(client, DELETE_PROJECT, {"id": api["id"]}, ada.token)
    assert again.data["deleteProject"]["__typename"] == "NotFoundError"


async def test_project_minutes_and_log_count(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    other = await create_challenge(client, ada.token, title="Other")
    api = await create_project(client, ada.token, challenge["id"], name="API")
    web = await create_project(client, ada.token, challenge["id"], name="Web")
    idle = await create_project(client, ada.token, challenge["id"], name="Idle")
    cid = challenge["id"]
    await log_day(client, ada.token, cid, "2026-06-01", 30, projectIds=[api["id"]])
    await log_day(client, ada.token, cid, "2026-06-02", 45, projectIds=[api["id"], web["id"]])
    await log_day(client, ada.token, cid, "2026-06-03", 20, projectIds=[web["id"]])
    await log_day(client, ada.token, cid, "2026-06-04", 90)  # names none
    await log_day(client, ada.token, other["id"], "2026-06-01", 500)  # another challenge

    def totals(listed):
        return {
            edge["node"]["name"]: (edge["node"]["minutes"], edge["node"]["logCount"])
            for edge in listed["projects"]["edges"]
        }

    listed = await projects_of(client, ada.token, cid)
    assert totals(listed) == {"API": (75, 2), "Web": (65, 2), "Idle": (0, 0)}
    assert idle["id"] in [edge["node"]["id"] for edge in listed["projects"]["edges"]]

    # Re-logging a day moves its minutes to the projects it now names.
    await log_day(client, ada.token, cid, "2026-06-02", 60, projectIds=[web["id"]])
    listed = await projects_of(client, ada.token, cid)
    assert totals(listed) == {"API": (30, 1), "Web": (80, 2), "Idle": (0, 0)}
