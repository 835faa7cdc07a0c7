from tests.graphql import create_challenge, gql, log_day, sign_up

STATS = """
query($id: ID!) { challenge(id: $id) { status stats { daysLogged currentStreak { length start end }
  todayStatus projectedFinishDate weekdays { weekday daysLogged } }
  calendar { date status dayNumber } } }
"""


async def test_sign_up_create_log_and_read_progress(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token, targetDays=2)
    log = await log_day(client, ada.token, challenge["id"], "2026-06-02", 45)
    assert log["__typename"] == "DailyLog"
    assert log["dayNumber"] == 1
    reply = await gql(client, STATS, {"id": challenge["id"]}, ada.token)
    got = reply.data["challenge"]
    assert got["stats"]["daysLogged"] == 1
    assert got["status"] == "ACTIVE"
    assert len(got["calendar"]) == 15
    assert got["calendar"][0]["status"] == "MISSED"
    assert got["calendar"][-1]["status"] == "PENDING"
    await log_day(client, ada.token, challenge["id"], "2026-06-15", 10)
    reply = await gql(client, STATS, {"id": challenge["id"]}, ada.token)
    assert reply.data["challenge"]["status"] == "COMPLETED"
    assert reply.data["challenge"]["stats"]["currentStreak"]["length"] == 1
