"""Issue 3 over HTTP: stats, calendars, the dashboard, skipDay and dayNumber.

Every expectation is worked out by hand from DESIGN.md, "Progress rules", for small scenarios.
The clock is the conftest's, 2026-06-15 12:00 UTC (a Monday), unless a test moves it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.graphql import Account, create_challenge, global_id, gql, log_day, log_in, sign_up

STATS = """
  daysLogged daysRemaining progress completionRate totalMinutes averageMinutes
  currentStreak { length start end } longestStreak { length start end }
  todayStatus projectedFinishDate weekdays { weekday daysLogged minutes }
"""
CHALLENGE = f"""
query Progress($id: ID!, $from: Date, $to: Date) {{
  challenge(id: $id) {{
    status
    stats {{ {STATS} }}
    calendar(from: $from, to: $to) {{ date status minutes dayNumber }}
  }}
}}
"""
LOGS = """
query Logs($id: ID!) { challenge(id: $id) { logs { edges { node { id date dayNumber } } } } }
"""
SKIP_DAY = """
mutation Skip($id: ID!, $date: Date!) {
  skipDay(challengeId: $id, date: $date) {
    __typename
    ... on CalendarDay { date status minutes dayNumber }
    ... on ValidationError { message fields { field message } }
    ... on NotFoundError { message }
  }
}
"""
DELETE_LOG = """
mutation Delete($id: ID!) {
  deleteLog(id: $id) { __typename ... on DeleteSuccess { id } ... on NotFoundError { message } }
}
"""
UPDATE_PROFILE = """
mutation Profile($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    __typename
    ... on User { timezone dayStartHour }
    ... on ValidationError { fields { field message } }
  }
}
"""
UPDATE_CHALLENGE = """
mutation Update($id: ID!, $input: UpdateChallengeInput!) {
  updateChallenge(id: $id, input: $input) { __typename ... on Challenge { status } }
}
"""
DASHBOARD = """
query Dashboard($from: Date, $to: Date) {
  dashboard(from: $from, to: $to) {
    activeChallenges totalMinutes daysLogged
    currentStreak { length start end }
    calendar { date minutes logs }
  }
}
"""
WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]


def streak(length: int = 0, start: str | None = None, end: str | None = None) -> dict[str, Any]:
    return {"length": length, "start": start, "end": end}


def weekdays(**logged: tuple[int, int]) -> list[dict[str, Any]]:
    """Seven WeekdayStats, MONDAY first; `monday=(days, minutes)`, absent ones zero."""
    return [
        {"weekday": name, "daysLogged": days, "minutes": minutes}
        for name in WEEKDAYS
        for days, minutes in [logged.get(name.lower(), (0, 0))]
    ]


def day(date: str, status: str, minutes: int = 0, number: int | None = None) -> dict[str, Any]:
    return {"date": date, "status": status, "minutes": minutes, "dayNumber": number}


def at(text: str) -> datetime:
    """A UTC instant, e.g. at("2026-06-15T13:59")."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


async def at_time(client: Any, clock: Any, account: Account, when: datetime) -> str:
    """Move the clock and log in again: access tokens live 15 minutes of that clock."""
    clock.now = when
    payload = await log_in(client, account.email)
    assert payload["__typename"] == "AuthPayload", payload
    token: str = payload["accessToken"]
    return token


async def progress(
    client: Any, token: str | None, challenge_id: str, **window: str
) -> dict[str, Any]:
    reply = await gql(client, CHALLENGE, {"id": challenge_id, **window}, token)
    challenge: dict[str, Any] = reply.data["challenge"]
    assert challenge is not None
    return challenge


async def stats_of(client: Any, token: str | None, challenge_id: str) -> dict[str, Any]:
    stats: dict[str, Any] = (await progress(client, token, challenge_id))["stats"]
    return stats


async def skip(client: Any, token: str | None, challenge_id: str, date: str) -> Any:
    return await gql(client, SKIP_DAY, {"id": challenge_id, "date": date}, token)


async def set_profile(client: Any, token: str, **fields: Any) -> None:
    reply = await gql(client, UPDATE_PROFILE, {"input": fields}, token)
    assert reply.data["updateProfile"]["__typename"] == "User", reply.body


async def dashboard(client: Any, token: str, **window: str) -> dict[str, Any]:
    board: dict[str, Any] = (await gql(client, DASHBOARD, window, token)).data["dashboard"]
    return board


async def log_dates(client: Any, token: str, challenge_id: str) -> list[tuple[str, int | None]]:
    reply = await gql(client, LOGS, {"id": challenge_id}, token)
    edges = reply.data["challenge"]["logs"]["edges"]
    return [(edge["node"]["date"], edge["node"]["dayNumber"]) for edge in edges]


# ----------------------------------------------------------------- "today", far from UTC


async def test_kiritimati_with_a_4am_day_start(client, clock):
    # UTC+14 with dayStartHour 4: the owner's day is UTC + 10 h, so it turns at 14:00 UTC.
    clock.now = at("2026-06-15T13:59")  # 2026-06-16 03:59 on the owner's wall clock
    ada = await sign_up(client, timezone="Pacific/Kiritimati")
    await set_profile(client, ada.token, dayStartHour=4)
    challenge = await create_challenge(client, ada.token, startDate="2026-06-13", targetDays=10)
    cid = challenge["id"]

    assert (await stats_of(client, ada.token, cid))["todayStatus"] == "PENDING"
    log = await log_day(client, ada.token, cid, None, 25)  # no date: the owner's today
    assert (log["date"], log["dayNumber"]) == ("2026-06-15", 1)
    early = await log_day(client, ada.token, cid, "2026-06-16", 5)
    assert early["__typename"] == "ValidationError"
    assert [f["field"] for f in early["fields"]] == ["date"]
    got = await progress(client, ada.token, cid)
    assert got["stats"]["todayStatus"] == "DONE"
    assert got["calendar"] == [
        day("2026-06-13", "MISSED"),
        day("2026-06-14", "MISSED"),
        day("2026-06-15", "DONE", 25, 1),
    ]

    clock.now = at("2026-06-15T14:00")  # 04:00 on the 16th: a new day for the owner
    got = await progress(client, ada.token, cid)
    assert got["stats"]["todayStatus"] == "PENDING"
    assert got["stats"]["currentStreak"] == streak(1, "2026-06-15", "2026-06-15")
    assert got["calendar"][-2:] == [day("2026-06-15", "DONE", 25, 1), day("2026-06-16", "PENDING")]
    log = await log_day(client, ada.token, cid, None, 40)
    assert (log["date"], log["dayNumber"]) == ("2026-06-16", 2)
    stats = await stats_of(client, ada.token, cid)
    assert stats["todayStatus"] == "DONE"
    assert stats["currentStreak"] == streak(2, "2026-06-15", "2026-06-16")
    board = await dashboard(client, ada.token)
    assert board["calendar"][-1] == {"date": "2026-06-16", "minutes": 40, "logs": 1}


async def test_pago_pago_and_a_day_start_that_moves_today_back(client, clock):
    # UTC-11: midnight comes at 11:00 UTC; with dayStartHour 2, at 13:00 UTC.
    clock.now = at("2026-06-15T10:59")  # 2026-06-14 23:59 local
    ada = await sign_up(client, timezone="Pacific/Pago_Pago")
    challenge = await create_challenge(client, ada.token, startDate="2026-06-13", targetDays=10)
    cid = challenge["id"]
    log = await log_day(client, ada.token, cid, None, 15)
    assert log["date"] == "2026-06-14"
    future = await log_day(client, ada.token, cid, "2026-06-15", 15)  # UTC's date, not theirs
    assert future["__typename"] == "ValidationError"
    assert (await stats_of(client, ada.token, cid))["todayStatus"] == "DONE"

    clock.now = at("2026-06-15T11:00")  # 00:00 on the 15th
    got = await progress(client, ada.token, cid)
    assert got["stats"]["todayStatus"] == "PENDING"
    assert [entry["date"] for entry in got["calendar"]] == [
        "2026-06-13",
        "2026-06-14",
        "2026-06-15",
    ]

    await set_profile(client, ada.token, dayStartHour=2)  # 00:00 now counts for the 14th
    got = await progress(client, ada.token, cid)
    assert got["stats"]["todayStatus"] == "DONE"
    assert got["calendar"] == [day("2026-06-13", "MISSED"), day("2026-06-14", "DONE", 15, 1)]

    token = await at_time(client, clock, ada, at("2026-06-15T12:59"))  # 01:59: still the 14th
    assert (await log_day(client, token, cid, None, 20))["date"] == "2026-06-14"
    clock.now = at("2026-06-15T13:00")  # 02:00 local: the 15th begins
    log = await log_day(client, token, cid, None, 30)
    assert (log["date"], log["dayNumber"]) == ("2026-06-15", 2)
    stats = await stats_of(client, token, cid)
    assert stats["totalMinutes"] == 20 + 30  # the 14th was logged again: an update
    assert stats["currentStreak"] == streak(2, "2026-06-14", "2026-06-15")


# ------------------------------------------------------------- one challenge, day by day


async def test_rest_days_skips_and_gaps_day_by_day(client):
    # From Monday 2026-06-01, weekends off, 13 days to go. Today is Monday 2026-06-15.
    ada = await sign_up(client)
    challenge = await create_challenge(
        client,
        ada.token,
        startDate="2026-06-01",
        targetDays=13,
        restDays=["SATURDAY", "SUNDAY"],
    )
    cid = challenge["id"]
    for date, minutes in [
        ("2026-06-01", 30),
        ("2026-06-02", 45),
        ("2026-06-04", 60),
        ("2026-06-07", 20),  # a Sunday: logging on a rest day counts
        ("2026-06-08", 30),
        ("2026-06-10", 15),
        ("2026-06-12", 40),
    ]:
        assert (await log_day(client, ada.token, cid, date, minutes))["__typename"] == "DailyLog"
    for date in ("2026-06-05", "2026-06-09"):
        skipped = (await skip(client, ada.token, cid, date)).data["skipDay"]
        assert skipped == {
            "__typename": "CalendarDay",
            "date": date,
            "status": "SKIPPED",
            "minutes": 0,
            "dayNumber": None,
        }

    got = await progress(client, ada.token, cid, **{"from": "2026-05-25", "to": "2026-06-21"})
    assert got["calendar"] == [  # nothing before the start date
        day("2026-06-01", "DONE", 30, 1),
        day("2026-06-02", "DONE", 45, 2),
        day("2026-06-03", "MISSED"),
        day("2026-06-04", "DONE", 60, 3),
        day("2026-06-05", "SKIPPED"),
        day("2026-06-06", "REST"),
        day("2026-06-07", "DONE", 20, 4),
        day("2026-06-08", "DONE", 30, 5),
        day("2026-06-09", "SKIPPED"),
        day("2026-06-10", "DONE", 15, 6),
        day("2026-06-11", "MISSED"),
        day("2026-06-12", "DONE", 40, 7),
        day("2026-06-13", "REST"),
        day("2026-06-14", "REST"),
        day("2026-06-15", "PENDING"),
        day("2026-06-16", "FUTURE"),
        day("2026-06-17", "FUTURE"),
        day("2026-06-18", "FUTURE"),
        day("2026-06-19", "FUTURE"),
        day("2026-06-20", "REST"),  # REST comes before FUTURE in the order of the rules
        day("2026-06-21", "REST"),
    ]
    assert got["stats"] == {
        "daysLogged": 7,
        "daysRemaining": 6,
        "progress": pytest.approx(7 / 13),
        "completionRate": pytest.approx(7 / 9),  # 7 DONE, MISSED on the 3rd and the 11th
        "totalMinutes": 240,
        "averageMinutes": pytest.approx(240 / 7),
        # SKIPPED and REST days keep a run alive but add nothing to it; a PENDING today
        # does not break one.
        "currentStreak": streak(1, "2026-06-12", "2026-06-12"),
        "longestStreak": streak(4, "2026-06-04", "2026-06-10"),
        "todayStatus": "PENDING",
        # Six more: Mon 15 .. Fri 19, then (weekend off) Mon 22.
        "projectedFinishDate": "2026-06-22",
        "weekdays": weekdays(
            monday=(2, 60),
            tuesday=(1, 45),
            wednesday=(1, 15),
            thursday=(1, 60),
            friday=(1, 40),
            sunday=(1, 20),
        ),
    }
    # Default range: the start date .. today.
    default = await progress(client, ada.token, cid)
    assert default["calendar"] == got["calendar"][:15]
    assert await log_dates(client, ada.token, cid) == [
        ("2026-06-12", 7),
        ("2026-06-10", 6),
        ("2026-06-08", 5),
        ("2026-06-07", 4),
        ("2026-06-04", 3),
        ("2026-06-02", 2),
        ("2026-06-01", 1),
    ]

    log = await log_day(client, ada.token, cid, "2026-06-15", 50)
    assert log["dayNumber"] == 8
    stats = (await progress(client, ada.token, cid))["stats"]
    assert stats["todayStatus"] == "DONE"
    assert stats["daysLogged"] == 8
    assert stats["daysRemaining"] == 5
    assert stats["completionRate"] == pytest.approx(0.8)
    assert stats["currentStreak"] == streak(2, "2026-06-12", "2026-06-15")
    assert stats["longestStreak"] == streak(4, "2026-06-04", "2026-06-10")
    assert stats["projectedFinishDate"] == "2026-06-22"  # Tue 16 .. Fri 19, Mon 22


async def test_day_numbers_follow_the_dates_not_the_order_of_logging(client):
    ada = await sign_up(client)
    cid = (await create_challenge(client, ada.token, startDate="2026-06-01"))["id"]
    assert (await log_day(client, ada.token, cid, "2026-06-05"))["dayNumber"] == 1
    assert (await log_day(client, ada.token, cid, "2026-06-03"))["dayNumber"] == 1
    assert (await log_day(client, ada.token, cid, "2026-06-04"))["dayNumber"] == 2
    assert await log_dates(client, ada.token, cid) == [
        ("2026-06-05", 3),
        ("2026-06-04", 2),
        ("2026-06-03", 1),
    ]


async def test_ties_for_the_longest_streak_go_to_the_earliest(client):
    ada = await sign_up(client)
    cid = (await create_challenge(client, ada.token, startDate="2026-06-01"))["id"]
    for date in ("2026-06-01", "2026-06-02", "2026-06-05", "2026-06-06", "2026-06-13"):
        await log_day(client, ada.token, cid, date)
    await log_day(client, ada.token, cid, "2026-06-14")
    stats = await stats_of(client, ada.token, cid)
    # Three runs of two: 1-2 (MISSED 3, 4), 5-6 (MISSED 7 .. 12), 13-14 reaching today.
    assert stats["longestStreak"] == streak(2, "2026-06-01", "2026-06-02")
    assert stats["currentStreak"] == streak(2, "2026-06-13", "2026-06-14")
    assert stats["completionRate"] == pytest.approx(6 / (6 + 8))


async def test_current_streak_is_empty_after_a_missed_yesterday(client):
    ada = await sign_up(client)
    cid = (await create_challenge(client, ada.token, startDate="2026-06-10"))["id"]
    await log_day(client, ada.token, cid, "2026-06-12")
    await log_day(client, ada.token, cid, "2026-06-13")
    stats = await stats_of(client, ada.token, cid)
    assert stats["currentStreak"] == streak()
    assert stats["longestStreak"] == streak(2, "2026-06-12", "2026-06-13")


async def test_a_challenge_without_logs(client):
    ada = await sign_up(client)
    empty = {
        "daysLogged": 0,
        "totalMinutes": 0,
        "averageMinutes": 0.0,
        "completionRate": 0.0,
        "progress": 0.0,
        "currentStreak": streak(),
        "longestStreak": streak(),
        "weekdays": weekdays(),
    }
    today = await create_challenge(client, ada.token, startDate=None, targetDays=5)  # today
    assert today["startDate"] == "2026-06-15"
    got = await progress(client, ada.token, today["id"])
    assert got["stats"] == empty | {
        "daysRemaining": 5,
        "todayStatus": "PENDING",
        "projectedFinishDate": "2026-06-19",
    }
    assert got["calendar"] == [day("2026-06-15", "PENDING")]

    past = await create_challenge(client, ada.token, startDate="2026-06-12", targetDays=2)
    got = await progress(client, ada.token, past["id"])
    assert got["stats"] == empty | {  # three MISSED days: 0 / 3
        "daysRemaining": 2,
        "todayStatus": "PENDING",
        "projectedFinishDate": "2026-06-16",
    }
    assert [entry["status"] for entry in got["calendar"]] == ["MISSED"] * 3 + ["PENDING"]

    # Starting on Saturday the 20th: today has no status yet, the default calendar is empty.
    future = await create_challenge(client, ada.token, startDate="2026-06-20", targetDays=3)
    got = await progress(client, ada.token, future["id"])
    assert got["stats"] == empty | {
        "daysRemaining": 3,
        "todayStatus": "FUTURE",
        "projectedFinishDate": "2026-06-22",
    }
    assert got["calendar"] == []


async def test_a_rest_day_today_is_rest_until_logged(client):
    ada = await sign_up(client)
    cid = (
        await create_challenge(
            client, ada.token, startDate="2026-06-13", targetDays=3, restDays=["MONDAY"]
        )
    )["id"]
    got = await progress(client, ada.token, cid)
    assert got["stats"]["todayStatus"] == "REST"
    assert got["stats"]["projectedFinishDate"] == "2026-06-18"  # Tue, Wed, Thu
    assert got["calendar"][-1] == day("2026-06-15", "REST")
    log = await log_day(client, ada.token, cid, "2026-06-15", 35)  # Monday, a rest day
    assert (log["__typename"], log["dayNumber"]) == ("DailyLog", 1)
    got = await progress(client, ada.token, cid)
    assert got["stats"]["todayStatus"] == "DONE"
    assert got["stats"]["weekdays"] == weekdays(monday=(1, 35))
    assert got["stats"]["currentStreak"] == streak(1, "2026-06-15", "2026-06-15")
    assert got["stats"]["projectedFinishDate"] == "2026-06-17"  # Tue, Wed
    assert got["calendar"] == [
        day("2026-06-13", "MISSED"),
        day("2026-06-14", "MISSED"),
        day("2026-06-15", "DONE", 35, 1),
    ]


async def test_projected_finish_starts_tomorrow_when_today_is_done(client):
    ada = await sign_up(client)
    cid = (
        await create_challenge(
            client, ada.token, startDate="2026-06-14", targetDays=4, restDays=["TUESDAY"]
        )
    )["id"]
    await log_day(client, ada.token, cid, "2026-06-14")
    stats = await stats_of(client, ada.token, cid)
    assert stats["projectedFinishDate"] == "2026-06-18"  # Mon 15, (Tue off), Wed 17, Thu 18
    await log_day(client, ada.token, cid, "2026-06-15")
    stats = await stats_of(client, ada.token, cid)
    assert stats["projectedFinishDate"] == "2026-06-18"  # from Tue 16: (off), Wed 17, Thu 18
    await log_day(client, ada.token, cid, "2026-06-15", 90)  # again today: still two to go
    assert (await stats_of(client, ada.token, cid))["daysRemaining"] == 2


async def test_weekdays_are_always_seven_monday_first(client):
    ada = await sign_up(client)
    cid = (await create_challenge(client, ada.token, startDate="2026-06-01"))["id"]
    assert [w["weekday"] for w in (await stats_of(client, ada.token, cid))["weekdays"]] == WEEKDAYS
    await log_day(client, ada.token, cid, "2026-06-07", 10)  # a Sunday
    await log_day(client, ada.token, cid, "2026-06-14", 20)  # a Sunday
    await log_day(client, ada.token, cid, "2026-06-03", 5)  # a Wednesday
    stats = await stats_of(client, ada.token, cid)
    assert stats["weekdays"] == weekdays(wednesday=(1, 5), sunday=(2, 30))


# ---------------------------------------------------------------------------- skipDay


async def test_skip_then_log_then_delete_the_log(client):
    ada = await sign_up(client)
    cid = (await create_challenge(client, ada.token, startDate="2026-06-10"))["id"]
    assert (await skip(client, ada.token, cid, "2026-06-12")).data["skipDay"]["status"] == "SKIPPED"
    assert (await skip(client, ada.token, cid, "2026-06-15")).data["skipDay"]["status"] == "SKIPPED"
    calendar = (await progress(client, ada.token, cid))["calendar"]
    assert [entry["status"] for entry in calendar] == [
        "MISSED",
        "MISSED",
        "SKIPPED",
        "MISSED",
        "MISSED",
        "SKIPPED",  # today, skipped: neither PENDING nor MISSED
    ]

    log = await log_day(client, ada.token, cid, "2026-06-12", 45)
    assert (log["__typename"], log["dayNumber"]) == ("DailyLog", 1)
    got = await progress(client, ada.token, cid)
    assert got["calendar"][2] == day("2026-06-12", "DONE", 45, 1)
    assert got["stats"]["daysLogged"] == 1
    assert got["stats"]["todayStatus"] == "SKIPPED"

    deleted = (await gql(client, DELETE_LOG, {"id": log["id"]}, ada.token)).data["deleteLog"]
    assert deleted == {"__typename": "DeleteSuccess", "id": log["id"]}
    got = await progress(client, ada.token, cid)
    assert got["calendar"][2] == day("2026-06-12", "MISSED")  # the skip was replaced for good
    assert got["stats"]["daysLogged"] == 0
    assert got["stats"]["completionRate"] == 0.0
    # Skipping the same day twice is harmless.
    again = (await skip(client, ada.token, cid, "2026-06-15")).data["skipDay"]
    assert again == {
        "__typename": "CalendarDay",
        "date": "2026-06-15",
        "status": "SKIPPED",
        "minutes": 0,
        "dayNumber": None,
    }


async def test_skip_day_errors(client):
    ada = await sign_up(client)
    bob = await sign_up(client, "bob@example.com", display_name="Bob")
    cid = (await create_challenge(client, ada.token, startDate="2026-06-10"))["id"]
    await log_day(client, ada.token, cid, "2026-06-11")

    for date in ("2026-06-16", "2026-06-09", "2026-06-11"):  # future, before start, logged
        result = (await skip(client, ada.token, cid, date)).data["skipDay"]
        assert result["__typename"] == "ValidationError", date
        assert [f["field"] for f in result["fields"]] == ["date"]
    calendar = (await progress(client, ada.token, cid))["calendar"]
    assert "SKIPPED" not in {entry["status"] for entry in calendar}

    bobs = (await skip(client, bob.token, cid, "2026-06-12")).data["skipDay"]
    assert bobs["__typename"] == "NotFoundError"
    unknown = global_id("Challenge", "0123456789abcdef01234567")
    missing = (await skip(client, ada.token, unknown, "2026-06-12")).data["skipDay"]
    assert missing["__typename"] == "NotFoundError"

    anonymous = await skip(client, None, cid, "2026-06-12")
    assert anonymous.error_codes == ["UNAUTHENTICATED"]
    assert anonymous.body["data"] is None
    assert (await progress(client, ada.token, cid))["calendar"][2] == day("2026-06-12", "MISSED")


# ------------------------------------------------------------------------- completion


async def test_reaching_the_target_completes_and_deleting_a_log_reopens(client):
    ada = await sign_up(client)
    cid = (await create_challenge(client, ada.token, startDate="2026-06-13", targetDays=3))["id"]
    await log_day(client, ada.token, cid, "2026-06-13", 10)
    await log_day(client, ada.token, cid, "2026-06-14", 20)
    got = await progress(client, ada.token, cid)
    assert got["status"] == "ACTIVE"
    assert got["stats"]["projectedFinishDate"] == "2026-06-15"
    assert got["stats"]["progress"] == pytest.approx(2 / 3)

    last = await log_day(client, ada.token, cid, "2026-06-15", 30)
    got = await progress(client, ada.token, cid)
    assert got["status"] == "COMPLETED"
    assert got["stats"]["daysLogged"] == 3
    assert got["stats"]["daysRemaining"] == 0
    assert got["stats"]["progress"] == 1.0
    assert got["stats"]["projectedFinishDate"] is None
    assert got["stats"]["averageMinutes"] == 20.0

    await gql(client, DELETE_LOG, {"id": last["id"]}, ada.token)
    got = await progress(client, ada.token, cid)
    assert got["status"] == "ACTIVE"
    assert got["stats"]["daysRemaining"] == 1
    assert got["stats"]["projectedFinishDate"] == "2026-06-15"


async def test_logging_past_the_target_keeps_progress_at_one(client):
    ada = await sign_up(client)
    cid = (await create_challenge(client, ada.token, startDate="2026-06-12", targetDays=2))["id"]
    for date in ("2026-06-12", "2026-06-13", "2026-06-14"):
        await log_day(client, ada.token, cid, date)
    got = await progress(client, ada.token, cid)
    assert got["status"] == "COMPLETED"
    assert (got["stats"]["daysLogged"], got["stats"]["daysRemaining"]) == (3, 0)
    assert got["stats"]["progress"] == 1.0
    assert got["stats"]["projectedFinishDate"] is None


async def test_completion_follows_the_target_and_the_status_the_owner_chose(client):
    ada = await sign_up(client)
    cid = (await create_challenge(client, ada.token, startDate="2026-06-13", targetDays=2))["id"]

    async def update(**fields: Any) -> str:
        reply = await gql(client, UPDATE_CHALLENGE, {"id": cid, "input": fields}, ada.token)
        status: str = reply.data["updateChallenge"]["status"]
        return status

    assert await update(status="PAUSED") == "PAUSED"
    await log_day(client, ada.token, cid, "2026-06-13")
    await log_day(client, ada.token, cid, "2026-06-14")
    assert (await progress(client, ada.token, cid))["status"] == "COMPLETED"  # PAUSED, too
    assert await update(targetDays=3) == "ACTIVE"  # the target moved away
    assert (await stats_of(client, ada.token, cid))["projectedFinishDate"] == "2026-06-15"
    assert await update(targetDays=2) == "COMPLETED"
    assert await update(status="ABANDONED") == "ABANDONED"
    await log_day(client, ada.token, cid, "2026-06-15")
    assert (await progress(client, ada.token, cid))["status"] == "ABANDONED"  # the owner's call


async def test_moving_the_start_date_past_logs_uncounts_them(client):
    ada = await sign_up(client)
    cid = (await create_challenge(client, ada.token, startDate="2026-06-10", targetDays=2))["id"]
    await log_day(client, ada.token, cid, "2026-06-10", 10)
    await log_day(client, ada.token, cid, "2026-06-11", 20)
    assert (await progress(client, ada.token, cid))["status"] == "COMPLETED"
    reply = await gql(
        client, UPDATE_CHALLENGE, {"id": cid, "input": {"startDate": "2026-06-11"}}, ada.token
    )
    assert reply.data["updateChallenge"]["status"] == "ACTIVE"
    got = await progress(client, ada.token, cid)
    assert got["calendar"][0] == day("2026-06-11", "DONE", 20, 1)
    assert (got["stats"]["daysLogged"], got["stats"]["totalMinutes"]) == (1, 20)
    assert await log_dates(client, ada.token, cid) == [("2026-06-11", 1), ("2026-06-10", None)]


# -------------------------------------------------------- daylight saving, New York 2026


async def test_new_york_across_both_dst_changes(client, clock):
    clock.now = at("2026-03-06T17:00")
    ada = await sign_up(client, timezone="America/New_York")
    await set_profile(client, ada.token, dayStartHour=2)
    cid = (await create_challenge(client, ada.token, startDate="2026-03-01", targetDays=300))["id"]

    # Spring forward: 02:00 EST becomes 03:00 EDT on 2026-03-08 (07:00 UTC).
    token = await at_time(client, clock, ada, at("2026-03-08T06:59"))  # 01:59 EST: the 7th
    assert (await log_day(client, token, cid, None, 10))["date"] == "2026-03-07"
    clock.now = at("2026-03-08T07:00")  # 03:00 EDT: the 8th
    assert (await log_day(client, token, cid, None, 20))["date"] == "2026-03-08"
    token = await at_time(client, clock, ada, at("2026-03-09T12:00"))
    assert (await log_day(client, token, cid, None, 30))["date"] == "2026-03-09"

    # Fall back: 02:00 EDT becomes 01:00 EST on 2026-11-01 (06:00 UTC).
    token = await at_time(client, clock, ada, at("2026-11-01T05:30"))  # 01:30 EDT: the 31st
    first = await log_day(client, token, cid, None, 40)
    assert first["date"] == "2026-10-31"
    token = await at_time(client, clock, ada, at("2026-11-01T06:30"))  # 01:30 EST: the 31st
    again = await log_day(client, token, cid, None, 45)
    assert (again["id"], again["date"], again["minutes"]) == (first["id"], "2026-10-31", 45)
    token = await at_time(client, clock, ada, at("2026-11-01T06:59"))  # 01:59 EST
    assert (await stats_of(client, token, cid))["todayStatus"] == "DONE"
    clock.now = at("2026-11-01T07:00")  # 02:00 EST: the 1st
    assert (await stats_of(client, token, cid))["todayStatus"] == "PENDING"
    assert (await log_day(client, token, cid, None, 50))["date"] == "2026-11-01"

    token = await at_time(client, clock, ada, at("2026-11-03T17:00"))
    window = {"from": "2026-03-06", "to": "2026-03-10"}
    spring = await progress(client, token, cid, **window)
    assert spring["calendar"] == [
        day("2026-03-06", "MISSED"),
        day("2026-03-07", "DONE", 10, 1),
        day("2026-03-08", "DONE", 20, 2),
        day("2026-03-09", "DONE", 30, 3),
        day("2026-03-10", "MISSED"),
    ]
    fall = await progress(client, token, cid, **{"from": "2026-10-30", "to": "2026-11-04"})
    assert fall["calendar"] == [
        day("2026-10-30", "MISSED"),
        day("2026-10-31", "DONE", 45, 4),
        day("2026-11-01", "DONE", 50, 5),
        day("2026-11-02", "MISSED"),
        day("2026-11-03", "PENDING"),
        day("2026-11-04", "FUTURE"),
    ]
    whole = await progress(client, token, cid)
    dates = [entry["date"] for entry in whole["calendar"]]
    # 1 March .. 3 November: 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 3 dates, none twice.
    assert len(dates) == len(set(dates)) == 248
    assert (dates[0], dates[-1]) == ("2026-03-01", "2026-11-03")
    assert whole["stats"]["daysLogged"] == 5
    assert whole["stats"]["totalMinutes"] == 10 + 20 + 30 + 45 + 50
    assert whole["stats"]["longestStreak"] == streak(3, "2026-03-07", "2026-03-09")
    board = await dashboard(client, token, **{"from": "2026-10-25", "to": "2026-11-08"})
    assert [entry["date"] for entry in board["calendar"]] == [
        *(f"2026-10-{n}" for n in range(25, 32)),
        *(f"2026-11-0{n}" for n in range(1, 9)),
    ]
    assert board["daysLogged"] == 2
    assert board["currentStreak"] == streak()  # nothing on the 2nd or the 3rd
    board = await dashboard(client, token, **window)
    assert [entry["logs"] for entry in board["calendar"]] == [0, 1, 1, 1, 0]


# ------------------------------------------------------------------------- visibility


async def test_public_stats_are_readable_anonymously_private_are_not(client):
    ada = await sign_up(client)
    bob = await sign_up(client, "bob@example.com", display_name="Bob")
    public = (
        await create_challenge(client, ada.token, startDate="2026-06-14", visibility="PUBLIC")
    )["id"]
    private = (await create_challenge(client, ada.token, startDate="2026-06-14"))["id"]
    await log_day(client, ada.token, public, "2026-06-14", 30)
    await log_day(client, ada.token, private, "2026-06-14", 30)

    for token in (None, bob.token):
        got = await progress(client, token, public)
        assert got["stats"]["daysLogged"] == 1
        assert got["stats"]["currentStreak"] == streak(1, "2026-06-14", "2026-06-14")
        assert got["calendar"] == [day("2026-06-14", "DONE", 30, 1), day("2026-06-15", "PENDING")]
        hidden = await gql(client, CHALLENGE, {"id": private}, token)
        assert hidden.body == {"data": {"challenge": None}}


# -------------------------------------------------------------------------- dashboard


async def test_dashboard_over_several_challenges(client):
    ada = await sign_up(client)
    bob = await sign_up(client, "bob@example.com", display_name="Bob")
    first = (await create_challenge(client, ada.token, startDate="2026-06-01"))["id"]
    second = (await create_challenge(client, ada.token, startDate="2026-06-10", targetDays=2))["id"]
    paused = (await create_challenge(client, ada.token, startDate="2026-06-10"))["id"]
    await create_challenge(client, ada.token, startDate="2026-06-10")  # ACTIVE, no logs
    reply = await gql(
        client, UPDATE_CHALLENGE, {"id": paused, "input": {"status": "PAUSED"}}, ada.token
    )
    assert reply.data["updateChallenge"]["status"] == "PAUSED"
    for cid, date, minutes in [
        (first, "2026-06-05", 50),  # before the range below
        (first, "2026-06-10", 30),
        (first, "2026-06-12", 20),
        (first, "2026-06-14", 15),
        (second, "2026-06-12", 40),  # the same date as a log of the first
        (second, "2026-06-13", 25),  # the second reaches its target: COMPLETED
    ]:
        assert (await log_day(client, ada.token, cid, date, minutes))["__typename"] == "DailyLog"
    bobs = (await create_challenge(client, bob.token, startDate="2026-06-10"))["id"]
    await log_day(client, bob.token, bobs, "2026-06-15", 999)  # someone else's

    board = await dashboard(client, ada.token, **{"from": "2026-06-09", "to": "2026-06-15"})
    assert board == {
        "activeChallenges": 2,  # not the COMPLETED one, not the PAUSED one
        "totalMinutes": 30 + 20 + 15 + 40 + 25,
        "daysLogged": 4,  # the 12th counts once
        "currentStreak": streak(3, "2026-06-12", "2026-06-14"),  # today has none: to yesterday
        "calendar": [
            {"date": "2026-06-09", "minutes": 0, "logs": 0},
            {"date": "2026-06-10", "minutes": 30, "logs": 1},
            {"date": "2026-06-11", "minutes": 0, "logs": 0},
            {"date": "2026-06-12", "minutes": 60, "logs": 2},
            {"date": "2026-06-13", "minutes": 25, "logs": 1},
            {"date": "2026-06-14", "minutes": 15, "logs": 1},
            {"date": "2026-06-15", "minutes": 0, "logs": 0},
        ],
    }

    # Default: the 365 days ending the viewer's today.
    board = await dashboard(client, ada.token)
    assert len(board["calendar"]) == 365
    assert board["calendar"][0]["date"] == "2025-06-16"
    assert board["calendar"][-1] == {"date": "2026-06-15", "minutes": 0, "logs": 0}
    assert (board["totalMinutes"], board["daysLogged"]) == (180, 5)

    await log_day(client, ada.token, paused, "2026-06-15", 5)
    board = await dashboard(client, ada.token, **{"from": "2026-06-15", "to": "2026-06-15"})
    assert board["currentStreak"] == streak(4, "2026-06-12", "2026-06-15")
    assert board["calendar"] == [{"date": "2026-06-15", "minutes": 5, "logs": 1}]
    assert (board["totalMinutes"], board["daysLogged"]) == (5, 1)


async def test_dashboard_default_range_ends_the_viewers_today(client, clock):
    clock.now = at("2026-06-15T10:00")  # 2026-06-14 23:00 in Pago Pago
    ada = await sign_up(client, timezone="Pacific/Pago_Pago")
    cid = (await create_challenge(client, ada.token, startDate="2026-06-12"))["id"]
    await log_day(client, ada.token, cid, "2026-06-13", 10)
    board = await dashboard(client, ada.token)
    assert len(board["calendar"]) == 365
    assert (board["calendar"][0]["date"], board["calendar"][-1]["date"]) == (
        "2025-06-15",
        "2026-06-14",
    )
    assert board["currentStreak"] == streak(1, "2026-06-13", "2026-06-13")
    assert board["activeChallenges"] == 1

    empty = await sign_up(client, "bob@example.com", display_name="Bob")
    board = await dashboard(client, empty.token)
    assert board["activeChallenges"] == board["totalMinutes"] == board["daysLogged"] == 0
    assert board["currentStreak"] == streak()
    assert board["calendar"][-1] == {"date": "2026-06-15", "minutes": 0, "logs": 0}


async def test_dashboard_needs_a_viewer(client):
    reply = await gql(client, DASHBOARD)
    assert reply.error_codes == ["UNAUTHENTICATED"]
    assert reply.body["data"] is None


# ------------------------------------------------------------------- range validation

BAD_RANGES = [
    pytest.param("2026-06-10", "2026-06-09", id="from-after-to"),
    pytest.param("2023-06-14", "2026-06-15", id="over-three-years"),
]


@pytest.mark.parametrize(("start", "end"), BAD_RANGES)
async def test_calendar_rejects_a_bad_range(client, start, end):
    ada = await sign_up(client)
    cid = (await create_challenge(client, ada.token, startDate="2026-06-01"))["id"]
    reply = await gql(client, CHALLENGE, {"id": cid, "from": start, "to": end}, ada.token)
    assert reply.error_codes == ["BAD_USER_INPUT"]
    assert reply.errors[0]["path"] == ["challenge", "calendar"]
    assert reply.body["data"] == {"challenge": None}


@pytest.mark.parametrize(("start", "end"), BAD_RANGES)
async def test_dashboard_rejects_a_bad_range(client, start, end):
    ada = await sign_up(client)
    reply = await gql(client, DASHBOARD, {"from": start, "to": end}, ada.token)
    assert reply.error_codes == ["BAD_USER_INPUT"]
    assert reply.errors[0]["path"] == ["dashboard"]
    assert reply.body["data"] is None


async def test_calendar_with_one_end_given(client):
    ada = await sign_up(client)
    cid = (
        await create_challenge(client, ada.token, startDate="2026-06-12", restDays=["SATURDAY"])
    )["id"]
    await log_day(client, ada.token, cid, "2026-06-14", 10)
    to_only = await progress(client, ada.token, cid, to="2026-06-17")  # from: the start date
    assert to_only["calendar"] == [
        day("2026-06-12", "MISSED"),
        day("2026-06-13", "REST"),
        day("2026-06-14", "DONE", 10, 1),
        day("2026-06-15", "PENDING"),
        day("2026-06-16", "FUTURE"),
        day("2026-06-17", "FUTURE"),
    ]
    from_only = await progress(client, ada.token, cid, **{"from": "2026-06-14"})  # to: today
    assert from_only["calendar"] == [day("2026-06-14", "DONE", 10, 1), day("2026-06-15", "PENDING")]
    before = await progress(client, ada.token, cid, **{"from": "2026-06-01", "to": "2026-06-11"})
    assert before["calendar"] == []  # no date of it is on or after the start


async def test_a_skipped_rest_day_is_skipped(client):
    ada = await sign_up(client)
    cid = (
        await create_challenge(client, ada.token, startDate="2026-06-12", restDays=["SATURDAY"])
    )["id"]
    await log_day(client, ada.token, cid, "2026-06-12")
    assert (await skip(client, ada.token, cid, "2026-06-13")).data["skipDay"]["status"] == "SKIPPED"
    assert (await skip(client, ada.token, cid, "2026-06-14")).data["skipDay"]["status"] == "SKIPPED"
    got = await progress(client, ada.token, cid)
    assert [entry["status"] for entry in got["calendar"]] == [
        "DONE",
        "SKIPPED",
        "SKIPPED",
        "PENDING",
    ]
    assert got["stats"]["currentStreak"] == streak(1, "2026-06-12", "2026-06-12")
    assert got["stats"]["completionRate"] == 1.0


async def test_ranges_of_exactly_three_years_and_of_one_day_are_fine(client):
    ada = await sign_up(client)
    cid = (await create_challenge(client, ada.token, startDate="2026-06-01"))["id"]
    window = {"from": "2023-06-15", "to": "2026-06-15"}
    got = await progress(client, ada.token, cid, **window)
    assert len(got["calendar"]) == 15  # clipped to the start date
    board = await dashboard(client, ada.token, **window)
    assert len(board["calendar"]) == 3 * 365 + 1 + 1  # 29 February 2024, both ends counted
    one = await progress(client, ada.token, cid, **{"from": "2026-06-03", "to": "2026-06-03"})
    assert one["calendar"] == [day("2026-06-03", "MISSED")]


async def test_logging_a_day_keeps_a_completed_status_set_by_hand(client):
    ada = await sign_up(client)
    challenge = await create_challenge(client, ada.token, targetDays=10)
    reply = await gql(
        client,
        """mutation($id: ID!) { updateChallenge(id: $id, input: {status: COMPLETED}) {
             ... on Challenge { status } } }""",
        {"id": challenge["id"]},
        ada.token,
    )
    assert reply.data["updateChallenge"]["status"] == "COMPLETED"
    await log_day(client, ada.token, challenge["id"], "2026-06-10")
    reply = await gql(
        client,
        "query($id: ID!) { challenge(id: $id) { status } }",
        {"id": challenge["id"]},
        ada.token,
    )
    assert reply.data["challenge"]["status"] == "COMPLETED"
