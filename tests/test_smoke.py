from tests.graphql import create_challenge, gql, log_day, sign_up


async def test_sign_up_create_and_log(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token)
    log = await log_day(client, ada.token, challenge["id"], "2026-06-02", 45)
    assert log["__typename"] == "DailyLog"
    assert log["dayNumber"] == 1
    reply = await gql(
        client,
        "{ me { email challenges { totalCount edges { node { title logs { totalCount } } } } } }",
        token=ada.token,
    )
    assert reply.data["me"]["challenges"]["totalCount"] == 1
