# ruff: noqa: E501 (a corpus: one case a line reads best)
"""A corpus of hostile inputs. Each gets a clear refusal (a 4xx, a GraphQL error of
graphql-core's or with a code, or a typed result: a ValidationError naming the field, a
NotFoundError) and nothing is written: every collection reads the same afterwards.

The world of each case: Ada (signed in, unless the case is anonymous) with a challenge, a
project, a log and a refresh token; Eve with a challenge of her own. Placeholders such as
"@challenge" in variables stand for their real IDs.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from typing import Any

import httpx
import pytest
from beanie import PydanticObjectId
from starlette.applications import Starlette

from hundred_days import models
from hundred_days.auth.passwords import hash_password
from hundred_days.auth.tokens import hash_refresh_token
from hundred_days.http_guards import MAX_BODY_BYTES
from hundred_days.schema.guards import MAX_TOKENS
from hundred_days.settings import Settings
from tests.clean_errors import check_answer
from tests.conftest import NOW, make_settings
from tests.graphql import global_id

ADA_PASSWORD = "correct horse battery"
REFRESH = "a-refresh-token-of-ada"
BIDI = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
ISOLATE = "\u2066"  # LEFT-TO-RIGHT ISOLATE
HUGE = 2**70


@cache
def ada_password_hash() -> str:
    return hash_password(ADA_PASSWORD)


@pytest.fixture
def settings() -> Settings:
    """Rate limits out of the way: every case reaches GraphQL."""
    return make_settings(rate_limit="1000000/minute", auth_rate_limit="1000000/minute")


@dataclass
class World:
    client: httpx.AsyncClient
    token: str
    ids: dict[str, str] = field(default_factory=dict)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.ids.get(value, value)
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        return value


async def _insert_world() -> tuple[dict[str, str], PydanticObjectId]:
    ada = models.User(
        email="ada@example.com",
        password_hash=ada_password_hash(),
        display_name="Ada",
        created_at=NOW,
    )
    eve = models.User(email="eve@example.com", display_name="Eve", created_at=NOW)
    await ada.insert()
    await eve.insert()
    assert ada.id is not None
    assert eve.id is not None
    challenge = models.Challenge(owner_id=ada.id, title="100 Days of Code", start_date="2026-06-01")
    theirs = models.Challenge(owner_id=eve.id, title="Eve's", start_date="2026-06-01")
    await challenge.insert()
    await theirs.insert()
    assert challenge.id is not None
    project = models.Project(challenge_id=challenge.id, owner_id=ada.id, name="API")
    await project.insert()
    assert project.id is not None
    log = models.DailyLog(
        challenge_id=challenge.id,
        owner_id=ada.id,
        date="2026-06-10",
        minutes=30,
        project_ids=[project.id],
    )
    await log.insert()
    await models.RefreshToken(
        token_hash=hash_refresh_token(REFRESH),
        user_id=ada.id,
        family_id="family",
        expires_at=NOW + timedelta(days=30),
        created_at=NOW,
    ).insert()
    ids = {
        "@me": global_id("User", ada.id),
        "@eve": global_id("User", eve.id),
        "@challenge": global_id("Challenge", challenge.id),
        "@project": global_id("Project", project.id),
        "@log": global_id("DailyLog", log.id),
        "@eves_challenge": global_id("Challenge", theirs.id),
    }
    return ids, ada.id


@pytest.fixture
async def world(client: httpx.AsyncClient, app: Starlette) -> World:
    ids, ada_id = await _insert_world()
    token = app.state.services.tokens.issue_access_token(str(ada_id), NOW)
    return World(client, token, ids)


async def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every document of every collection, in a stable order."""
    everything = {}
    for model in models.DOCUMENTS:
        documents = await model.get_pymongo_collection().find({}).to_list()
        everything[model.__name__] = sorted(documents, key=lambda document: str(document["_id"]))
    return everything


# --- what each case expects --------------------------------------------------------------------

Expectation = Callable[[httpx.Response, dict[str, Any]], None]


def invalid(root: str, *fields: str) -> Expectation:
    """A ValidationError result that names (at least) these fields."""

    def check(reply: httpx.Response, body: dict[str, Any]) -> None:
        assert not body.get("errors"), body
        result = body["data"][root]
        assert result["__typename"] == "ValidationError", result
        named = {item["field"] for item in result["fields"]}
        assert set(fields) <= named, (fields, result)

    return check


def typed(root: str, typename: str) -> Expectation:
    """A result of this member of the result union."""

    def check(reply: httpx.Response, body: dict[str, Any]) -> None:
        assert not body.get("errors"), body
        assert body["data"][root]["__typename"] == typename, body

    return check


def not_found(root: str) -> Expectation:
    return typed(root, "NotFoundError")


def authentication_failed(root: str) -> Expectation:
    return typed(root, "AuthenticationError")


def null(root: str) -> Expectation:
    """A query for something that does not exist (for this viewer): null, no error."""

    def check(reply: httpx.Response, body: dict[str, Any]) -> None:
        assert not body.get("errors"), body
        assert body["data"][root] is None, body

    return check


def coded(code: str) -> Expectation:
    def check(reply: httpx.Response, body: dict[str, Any]) -> None:
        assert reply.status_code == 200, body
        codes = [(error.get("extensions") or {}).get("code") for error in body["errors"]]
        assert code in codes, body
        assert not any((body.get("data") or {}).values()), body

    return check


def rejected(*words: str) -> Expectation:
    """Refused by GraphQL itself (parsing, validation, coercion of a variable) before any
    resolver ran: errors without a code or a path, no data, a message with these words."""

    def check(reply: httpx.Response, body: dict[str, Any]) -> None:
        assert body.get("data") is None, body
        assert body["errors"], body
        for error in body["errors"]:
            assert "path" not in error, body
            assert (error.get("extensions") or {}).get("code") in (None, "QUERY_LIMIT_EXCEEDED")
        messages = " ".join(error["message"] for error in body["errors"])
        assert all(word in messages for word in words), (words, messages)

    return check


def http(status: int, code: str) -> Expectation:
    def check(reply: httpx.Response, body: dict[str, Any]) -> None:
        assert reply.status_code == status, (reply.status_code, body)
        assert body["errors"][0]["extensions"]["code"] == code, body
        assert "data" not in body, body

    return check


def bad_request(words: str) -> Expectation:
    """An operation the server cannot pick: 400, said as GraphQL says it."""

    def check(reply: httpx.Response, body: dict[str, Any]) -> None:
        assert reply.status_code == 400, reply.text
        assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST", reply.text
        assert words in body["errors"][0]["message"], reply.text

    return check


def answered(root: str) -> Expectation:
    """Not hostile after all (an extreme but real value): an answer, or BAD_USER_INPUT."""

    def check(reply: httpx.Response, body: dict[str, Any]) -> None:
        errors = body.get("errors") or []
        if errors:
            assert {error["extensions"]["code"] for error in errors} == {"BAD_USER_INPUT"}, body
        else:
            assert body["data"][root] is not None, body

    return check


@dataclass(frozen=True)
class Case:
    id: str
    query: str
    variables: Any
    expect: Expectation
    anonymous: bool = False
    operation_name: str | None = None


# --- operations --------------------------------------------------------------------------------

RESULT = (
    "{ __typename ... on Error { message } ... on ValidationError { fields { field message } } }"
)


DELETE_RESULT = "{ __typename ... on Error { message } }"  # DeleteSuccess | NotFoundError


def returning_result(head: str, result: str = RESULT) -> str:
    """`head` selecting `result` from its one root field."""
    return f"{head} {result} }}"


CREATE_CHALLENGE = returning_result(
    "mutation($input: CreateChallengeInput!) { createChallenge(input: $input)"
)
UPDATE_CHALLENGE = returning_result(
    "mutation($id: ID!, $input: UpdateChallengeInput!) { updateChallenge(id: $id, input: $input)"
)
DELETE_CHALLENGE = returning_result("mutation($id: ID!) { deleteChallenge(id: $id)", DELETE_RESULT)
CREATE_PROJECT = returning_result(
    "mutation($input: CreateProjectInput!) { createProject(input: $input)"
)
UPDATE_PROJECT = returning_result(
    "mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input)"
)
DELETE_PROJECT = returning_result("mutation($id: ID!) { deleteProject(id: $id)", DELETE_RESULT)
LOG_DAY = returning_result("mutation($input: LogDayInput!) { logDay(input: $input)")
SKIP_DAY = returning_result(
    "mutation($id: ID!, $date: Date!) { skipDay(challengeId: $id, date: $date)"
)
DELETE_LOG = returning_result("mutation($id: ID!) { deleteLog(id: $id)", DELETE_RESULT)
SIGN_UP = returning_result("mutation($input: SignUpInput!) { signUp(input: $input)")
LOG_IN = returning_result("mutation($input: LogInInput!) { logIn(input: $input)")
REFRESH_TOKEN = returning_result("mutation($token: String!) { refreshToken(token: $token)")
UPDATE_PROFILE = returning_result(
    "mutation($input: UpdateProfileInput!) { updateProfile(input: $input)"
)
LOG_OUT = "mutation($token: String!) { logOut(refreshToken: $token) }"
CHALLENGE = "query($id: ID!) { challenge(id: $id) { id title } }"
NODE = "query($id: ID!) { node(id: $id) { id } }"
CHALLENGES = "query($first: Int, $after: String) { challenges(first: $first, after: $after) { totalCount edges { cursor } } }"
LOGS = (
    "query($id: ID!, $after: String) { challenge(id: $id) { logs(after: $after) { totalCount } } }"
)
PROJECTS = "query($id: ID!, $after: String) { challenge(id: $id) { projects(after: $after) { totalCount } } }"
MY_CHALLENGES = "query($after: String) { me { challenges(after: $after) { totalCount } } }"
DASHBOARD = "query($from: Date, $to: Date) { dashboard(from: $from, to: $to) { totalMinutes calendar { date } } }"
CALENDAR = (
    "query($id: ID!, $from: Date, $to: Date) { challenge(id: $id) { calendar(from: $from, to: $to) "
    "{ date } } }"
)


def challenge_input(**fields: Any) -> dict[str, Any]:
    return {"input": {"title": "Hostile", "startDate": "2026-06-01"} | fields}


def log_input(**fields: Any) -> dict[str, Any]:
    return {"input": {"challengeId": "@challenge", "date": "2026-06-12", "minutes": 30} | fields}


def project_input(**fields: Any) -> dict[str, Any]:
    return {"input": {"challengeId": "@challenge", "name": "Hostile"} | fields}


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# --- the corpus --------------------------------------------------------------------------------

BAD_DATES = {
    "feb-30": "2026-02-30",
    "yesterday": "yesterday",
    "empty": "",
    "int": 20260101,
    "basic-format": "20260101",
    "iso-week": "2026-W24-1",
    "unpadded": "2026-6-1",
    "arabic-digits": "٢٠٢٦-٠٦-٠١",
    "with-time": "2026-06-12T00:00:00",
    "year-0": "0000-01-01",
    "nul": "2026-06-12\x00",
    "object": {"$gt": ""},
}
DATE_CASES = [
    case
    for name, value in BAD_DATES.items()
    for case in (
        Case(f"createChallenge-startDate-{name}", CREATE_CHALLENGE, challenge_input(startDate=value), rejected("Date")),
        Case(f"logDay-date-{name}", LOG_DAY, log_input(date=value), rejected("Date")),
        Case(f"skipDay-date-{name}", SKIP_DAY, {"id": "@challenge", "date": value}, rejected("Date")),
        Case(f"updateChallenge-startDate-{name}", UPDATE_CHALLENGE, {"id": "@challenge", "input": {"startDate": value}}, rejected("Date")),
        Case(f"dashboard-from-{name}", DASHBOARD, {"from": value}, rejected("Date")),
    )
] + [
    Case("literal-date-feb-30", 'mutation { skipDay(challengeId: "x", date: "2026-02-30") { __typename } }', None, rejected("YYYY-MM-DD")),
    # Real dates, far out: typed refusals, or answers; never an overflow.
    Case("startDate-year-1", CREATE_CHALLENGE, challenge_input(startDate="0001-01-01"), invalid("createChallenge", "startDate")),
    Case("startDate-year-9999", CREATE_CHALLENGE, challenge_input(startDate="9999-12-31"), invalid("createChallenge", "startDate")),
    Case("logDay-year-9999", LOG_DAY, log_input(date="9999-12-31"), invalid("logDay", "date")),
    Case("logDay-year-1", LOG_DAY, log_input(date="0001-01-01"), invalid("logDay", "date")),
    Case("skipDay-year-9999", SKIP_DAY, {"id": "@challenge", "date": "9999-12-31"}, invalid("skipDay", "date")),
    Case("skipDay-year-1", SKIP_DAY, {"id": "@challenge", "date": "0001-01-01"}, invalid("skipDay", "date")),
    Case("dashboard-to-year-1", DASHBOARD, {"to": "0001-01-01"}, answered("dashboard")),
    Case("dashboard-from-year-9999", DASHBOARD, {"from": "9999-12-31"}, answered("dashboard")),
    Case("dashboard-last-days", DASHBOARD, {"from": "9999-12-01", "to": "9999-12-31"}, answered("dashboard")),
    Case("dashboard-all-time", DASHBOARD, {"from": "0001-01-01", "to": "9999-12-31"}, coded("BAD_USER_INPUT")),
    Case("dashboard-backwards", DASHBOARD, {"from": "2026-06-15", "to": "2026-06-01"}, coded("BAD_USER_INPUT")),
    Case("calendar-year-9999", CALENDAR, {"id": "@challenge", "from": "9999-12-29", "to": "9999-12-31"}, answered("challenge")),
    Case("calendar-from-year-1", CALENDAR, {"id": "@challenge", "from": "0001-01-01"}, coded("BAD_USER_INPUT")),
    Case("calendar-to-year-1", CALENDAR, {"id": "@challenge", "to": "0001-01-01"}, answered("challenge")),
]  # fmt: skip

INTEGER_CASES = [
    Case("targetDays-2^70", CREATE_CHALLENGE, challenge_input(targetDays=HUGE), rejected("Int")),
    Case("minutes-2^70", LOG_DAY, log_input(minutes=HUGE), rejected("Int")),
    Case("minutes-minus-2^70", LOG_DAY, log_input(minutes=-HUGE), rejected("Int")),
    Case("dayStartHour-2^70", UPDATE_PROFILE, {"input": {"dayStartHour": HUGE}}, rejected("Int")),
    Case("first-2^70", CHALLENGES, {"first": HUGE}, rejected("Int")),
    Case("first-2^70-literal", f"{{ challenges(first: {HUGE}) {{ totalCount }} }}", None, rejected("Int")),
    Case("targetDays-2^70-literal", f'mutation {{ createChallenge(input: {{title: "x", targetDays: {HUGE}}}) {{ __typename }} }}', None, rejected("Int")),
    Case("minutes-float", LOG_DAY, log_input(minutes=1e300), rejected("Int")),
    # Within Int, outside the contract: typed errors naming the field.
    Case("targetDays-int-max", CREATE_CHALLENGE, challenge_input(targetDays=2**31 - 1), invalid("createChallenge", "targetDays")),
    Case("targetDays-0", CREATE_CHALLENGE, challenge_input(targetDays=0), invalid("createChallenge", "targetDays")),
    Case("targetDays-negative", CREATE_CHALLENGE, challenge_input(targetDays=-(2**31)), invalid("createChallenge", "targetDays")),
    Case("minutes-1441", LOG_DAY, log_input(minutes=1441), invalid("logDay", "minutes")),
    Case("minutes-int-max", LOG_DAY, log_input(minutes=2**31 - 1), invalid("logDay", "minutes")),
    Case("minutes-negative", LOG_DAY, log_input(minutes=-1), invalid("logDay", "minutes")),
    Case("dayStartHour-7", UPDATE_PROFILE, {"input": {"dayStartHour": 7}}, invalid("updateProfile", "dayStartHour")),
    Case("dayStartHour-negative", UPDATE_PROFILE, {"input": {"dayStartHour": -1}}, invalid("updateProfile", "dayStartHour")),
    Case("dayStartHour-int-max", UPDATE_PROFILE, {"input": {"dayStartHour": 2**31 - 1}}, invalid("updateProfile", "dayStartHour")),
    Case("first-negative", CHALLENGES, {"first": -1}, coded("BAD_USER_INPUT")),
    Case("first-101", CHALLENGES, {"first": 101}, coded("BAD_USER_INPUT")),
    Case("first-int-max", CHALLENGES, {"first": 2**31 - 1}, coded("BAD_USER_INPUT")),
]  # fmt: skip

BAD_CURSORS = {
    "random-base64": "q83vEjRWeJCrze8SNFZ4kA==",
    "a-global-id": "Q2hhbGxlbmdlOm5vcGU=",
    "not-base64": "!!!",
    "empty": "",
    "nul": "\x00",
    "negative": b64("cursor:-1"),
    "not-a-number": b64("cursor:abc"),
    "float": b64("cursor:1e3"),
    "no-colon": b64("cursor"),
    "long": "A" * 20_000,
    "unicode": "💥" * 100,
}
CURSOR_CASES = [
    case
    for name, cursor in BAD_CURSORS.items()
    for case in (
        Case(f"challenges-after-{name}", CHALLENGES, {"after": cursor}, coded("BAD_USER_INPUT")),
        Case(f"logs-after-{name}", LOGS, {"id": "@challenge", "after": cursor}, coded("BAD_USER_INPUT")),
        Case(f"projects-after-{name}", PROJECTS, {"id": "@challenge", "after": cursor}, coded("BAD_USER_INPUT")),
        Case(f"me-challenges-after-{name}", MY_CHALLENGES, {"after": cursor}, coded("BAD_USER_INPUT")),
    )
] + [
    Case("after-far-beyond-the-end", CHALLENGES, {"after": b64("cursor:" + "9" * 40)}, answered("challenges")),
    Case("after-an-object", CHALLENGES, {"after": {"$gt": ""}}, rejected("String")),
]  # fmt: skip

TEXT_CASES = [
    Case("title-nul", CREATE_CHALLENGE, challenge_input(title="Hundred\x00Days"), invalid("createChallenge", "title")),
    Case("title-only-nul", CREATE_CHALLENGE, challenge_input(title="\x00"), invalid("createChallenge", "title")),
    Case("title-bidi-override", CREATE_CHALLENGE, challenge_input(title=f"{BIDI}txt.exe"), invalid("createChallenge", "title")),
    Case("title-bidi-isolate", CREATE_CHALLENGE, challenge_input(title=f"a{ISOLATE}b"), invalid("createChallenge", "title")),
    Case("title-ansi-escape", CREATE_CHALLENGE, challenge_input(title="\x1b[31mred"), invalid("createChallenge", "title")),
    Case("title-20000-chars", CREATE_CHALLENGE, challenge_input(title="x" * 20_000), invalid("createChallenge", "title")),
    Case("title-blank", CREATE_CHALLENGE, challenge_input(title="   \t "), invalid("createChallenge", "title")),
    Case("description-nul", CREATE_CHALLENGE, challenge_input(description="a\x00b"), invalid("createChallenge", "description")),
    Case("every-field-at-once", CREATE_CHALLENGE, challenge_input(title="", description=BIDI, targetDays=0, tags=["t"] * 21, startDate="2000-01-01"), invalid("createChallenge", "title", "description", "targetDays", "tags", "startDate")),
    Case("update-title-nul", UPDATE_CHALLENGE, {"id": "@challenge", "input": {"title": "x\x00"}}, invalid("updateChallenge", "title")),
    Case("update-title-bidi", UPDATE_CHALLENGE, {"id": "@challenge", "input": {"title": BIDI, "status": "PAUSED"}}, invalid("updateChallenge", "title")),
    Case("note-nul", LOG_DAY, log_input(note="done\x00"), invalid("logDay", "note")),
    Case("note-bidi", LOG_DAY, log_input(note=f"done {BIDI}"), invalid("logDay", "note")),
    Case("note-too-long", LOG_DAY, log_input(note="n" * 10_001), invalid("logDay", "note")),
    Case("project-name-bidi", CREATE_PROJECT, project_input(name=f"{ISOLATE}API"), invalid("createProject", "name")),
    Case("project-name-nul", UPDATE_PROJECT, {"id": "@project", "input": {"name": "\x00"}}, invalid("updateProject", "name")),
    Case("displayName-nul", UPDATE_PROFILE, {"input": {"displayName": "Ada\x00"}}, invalid("updateProfile", "displayName")),
    Case("displayName-bidi", UPDATE_PROFILE, {"input": {"displayName": f"{BIDI}adA", "dayStartHour": 2}}, invalid("updateProfile", "displayName")),
    Case("displayName-too-long", UPDATE_PROFILE, {"input": {"displayName": "A" * 81}}, invalid("updateProfile", "displayName")),
    Case("timezone-path", UPDATE_PROFILE, {"input": {"timezone": "../../../etc/passwd"}}, invalid("updateProfile", "timezone")),
    Case("timezone-nul", UPDATE_PROFILE, {"input": {"timezone": "UTC\x00"}}, invalid("updateProfile", "timezone")),
    Case("timezone-localtime", UPDATE_PROFILE, {"input": {"timezone": "localtime"}}, invalid("updateProfile", "timezone")),
    Case("signUp-displayName-bidi", SIGN_UP, {"input": {"email": "mallory@example.com", "password": "long enough password", "displayName": f"{BIDI}yrollam"}}, invalid("signUp", "displayName"), anonymous=True),
    Case("signUp-email-nul", SIGN_UP, {"input": {"email": "mallory\x00@example.com", "password": "long enough password", "displayName": "M"}}, invalid("signUp", "email"), anonymous=True),
    Case("signUp-email-bidi", SIGN_UP, {"input": {"email": f"mallory@example.com{BIDI}", "password": "long enough password", "displayName": "M"}}, invalid("signUp", "email"), anonymous=True),
    Case("signUp-email-20000-chars", SIGN_UP, {"input": {"email": "m" * 20_000 + "@example.com", "password": "long enough password", "displayName": "M"}}, invalid("signUp", "email"), anonymous=True),
    Case("signUp-password-too-long", SIGN_UP, {"input": {"email": "mallory@example.com", "password": "p" * 20_000, "displayName": "M"}}, invalid("signUp", "password"), anonymous=True),
    Case("signUp-timezone-path", SIGN_UP, {"input": {"email": "mallory@example.com", "password": "long enough password", "displayName": "M", "timezone": "/etc/localtime"}}, invalid("signUp", "timezone"), anonymous=True),
    Case("signUp-existing-email-other-case", SIGN_UP, {"input": {"email": " ADA@Example.com ", "password": "long enough password", "displayName": "M"}}, typed("signUp", "ConflictError"), anonymous=True),
]  # fmt: skip

INJECTIONS = [
    Case("logIn-email-operator", LOG_IN, {"input": {"email": {"$gt": ""}, "password": ADA_PASSWORD}}, rejected("String"), anonymous=True),
    Case("logIn-email-regex", LOG_IN, {"input": {"email": {"$regex": ".*"}, "password": ADA_PASSWORD}}, rejected("String"), anonymous=True),
    Case("logIn-password-operator", LOG_IN, {"input": {"email": "ada@example.com", "password": {"$gt": ""}}}, rejected("String"), anonymous=True),
    Case("logIn-email-operator-as-text", LOG_IN, {"input": {"email": '{"$gt": ""}', "password": ADA_PASSWORD}}, authentication_failed("logIn"), anonymous=True),
    Case("logIn-email-list", LOG_IN, {"input": {"email": ["ada@example.com"], "password": ADA_PASSWORD}}, rejected("String"), anonymous=True),
    Case("logIn-empty", LOG_IN, {"input": {"email": "", "password": ""}}, authentication_failed("logIn"), anonymous=True),
    Case("logIn-nul", LOG_IN, {"input": {"email": "ada@example.com\x00", "password": ADA_PASSWORD}}, authentication_failed("logIn"), anonymous=True),
    Case("signUp-email-operator", SIGN_UP, {"input": {"email": {"$gt": ""}, "password": "long enough password", "displayName": "M"}}, rejected("String"), anonymous=True),
    Case("refreshToken-operator", REFRESH_TOKEN, {"token": {"$ne": None}}, rejected("String"), anonymous=True),
    Case("refreshToken-garbage", REFRESH_TOKEN, {"token": "\x00" * 100}, authentication_failed("refreshToken"), anonymous=True),
    Case("logOut-operator", LOG_OUT, {"token": {"$gt": ""}}, rejected("String"), anonymous=True),
    Case("challengeId-operator", LOG_DAY, log_input(challengeId={"$gt": ""}), rejected("ID")),
    Case("challenge-id-operator", CHALLENGE, {"id": {"$ne": None}}, rejected("ID")),
    Case("title-operator", CREATE_CHALLENGE, challenge_input(title={"$gt": ""}), rejected("String")),
    Case("projectIds-operator", LOG_DAY, log_input(projectIds={"$in": ["@project"]}), rejected("ID")),
    Case("timezone-operator", UPDATE_PROFILE, {"input": {"timezone": {"$gt": ""}}}, rejected("String")),
    # Mass assignment: fields the inputs do not have.
    Case("createChallenge-ownerId", CREATE_CHALLENGE, challenge_input(ownerId="@eve"), rejected("ownerId")),
    Case("createChallenge-status", CREATE_CHALLENGE, challenge_input(status="COMPLETED"), rejected("status")),
    Case("logDay-owner_id", LOG_DAY, log_input(owner_id="@eve"), rejected("owner_id")),
    Case("updateProfile-email", UPDATE_PROFILE, {"input": {"email": "eve@example.com"}}, rejected("email")),
    Case("signUp-passwordHash", SIGN_UP, {"input": {"email": "mallory@example.com", "password": "long enough password", "displayName": "M", "passwordHash": "x"}}, rejected("passwordHash"), anonymous=True),
]  # fmt: skip

BAD_LINKS = {
    "javascript": "javascript:alert(1)",
    "javascript-upper": "JAVASCRIPT:alert(1)",
    "javascript-leading-space": " javascript:alert(1)",
    "javascript-tab": "java\tscript:alert(1)",
    "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript": "vbscript:msgbox(1)",
    "file": "file:///etc/passwd",
    "scheme-relative": "//evil.example/x",
    "no-host": "https://",
    "space-in-host": "https://exa mple.com",
    "bidi": f"https://example.com/{BIDI}gpj.exe",
    "nul": "https://example.com/\x00",
    "too-long": "https://example.com/" + "a" * 3000,
}
LINK_CASES = [
    case
    for name, link in BAD_LINKS.items()
    for case in (
        Case(f"logDay-links-{name}", LOG_DAY, log_input(links=["https://ok.example", link]), invalid("logDay", "links[1]")),
        Case(f"createProject-repoUrl-{name}", CREATE_PROJECT, project_input(repoUrl=link), invalid("createProject", "repoUrl")),
        Case(f"updateProject-repoUrl-{name}", UPDATE_PROJECT, {"id": "@project", "input": {"repoUrl": link, "name": "Renamed"}}, invalid("updateProject", "repoUrl")),
    )
] + [
    Case("logDay-11-links", LOG_DAY, log_input(links=["https://ok.example"] * 11), invalid("logDay", "links")),
]  # fmt: skip

TAGS_500 = [f"tag{index}" for index in range(500)]
TAG_CASES = [
    Case("createChallenge-500-tags", CREATE_CHALLENGE, challenge_input(tags=TAGS_500), invalid("createChallenge", "tags")),
    Case("createChallenge-500-same-tags", CREATE_CHALLENGE, challenge_input(tags=["t"] * 500), invalid("createChallenge", "tags")),
    Case("updateChallenge-500-tags", UPDATE_CHALLENGE, {"id": "@challenge", "input": {"tags": TAGS_500}}, invalid("updateChallenge", "tags")),
    Case("createProject-500-tags", CREATE_PROJECT, project_input(tags=TAGS_500), invalid("createProject", "tags")),
    Case("updateProject-500-tags", UPDATE_PROJECT, {"id": "@project", "input": {"tags": TAGS_500}}, invalid("updateProject", "tags")),
    Case("tag-too-long", CREATE_CHALLENGE, challenge_input(tags=["x" * 33]), invalid("createChallenge", "tags")),
    Case("tag-bidi", CREATE_CHALLENGE, challenge_input(tags=[BIDI]), invalid("createChallenge", "tags")),
    Case("tag-blank", CREATE_CHALLENGE, challenge_input(tags=["  "]), invalid("createChallenge", "tags")),
]  # fmt: skip


def nested_list(depth: int, leaf: Any = "a") -> Any:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


RECURSIVE = '{ challenge(id: "x") { ...A } } fragment A on Challenge { title ...A }'
MUTUAL = (
    '{ challenge(id: "x") { ...A } } '
    "fragment A on Challenge { title ...B } fragment B on Challenge { id ...A }"
)
THROUGH_INLINE = (
    '{ challenge(id: "x") { ...A } } fragment A on Challenge { ... on Challenge { ...A } }'
)
STRUCTURE_CASES = [
    Case("recursive-fragment", RECURSIVE, None, rejected("Cannot spread fragment 'A' within itself")),
    Case("recursive-fragment-unused", "fragment A on Challenge { ...A } { me { id } }", None, rejected("within itself")),
    Case("mutually-recursive-fragments", MUTUAL, None, rejected("within itself")),
    Case("recursive-through-inline-fragment", THROUGH_INLINE, None, rejected("within itself")),
    Case("recursive-fragment-in-a-mutation", 'mutation { createChallenge(input: {title: "x"}) { ...A } } fragment A on Challenge { title ...A }', None, rejected("within itself")),
    Case("unknown-fragment", "{ me { ...Nope } }", None, rejected("Unknown fragment")),
    Case("deeply-nested-list-variable", CREATE_CHALLENGE, challenge_input(tags=nested_list(60)), rejected("String")),
    Case("deeply-nested-object-variable", CREATE_CHALLENGE, challenge_input(title=json.loads('{"a":' * 60 + "1" + "}" * 60)), rejected("String")),
    Case("nested-list-literal", 'mutation { createChallenge(input: {title: "x", tags: ' + "[" * 50 + '"a"' + "]" * 50 + "}) { __typename } }", None, rejected("String")),
    Case("deeply-nested-list-literal", 'mutation { createChallenge(input: {title: "x", tags: ' + "[" * 300 + '"a"' + "]" * 300 + "}) { __typename } }", None, rejected("nested too deeply")),
    Case("list-over-the-token-limit", "{ challenges(first: [" + "1 " * MAX_TOKENS + "]) { totalCount } }", None, rejected("tokens")),
    Case("10000-projectIds-garbage", LOG_DAY, log_input(projectIds=["x"] * 10_000), invalid("logDay", "projectIds")),
    Case("1000-projectIds-the-same", LOG_DAY, log_input(projectIds=["@project"] * 1000), invalid("logDay", "projectIds")),
    Case("10000-projectIds-real-too-large", LOG_DAY, log_input(projectIds=["@project"] * 10_000), http(413, "PAYLOAD_TOO_LARGE")),
    Case("unknown-operationName", "query A { me { id } }", None, bad_request('Unknown operation named "B"'), operation_name="B"),
    Case("unknown-operationName-mutation", 'mutation A { createChallenge(input: {title: "x"}) { __typename } }', None, bad_request('Unknown operation named "B"'), operation_name="B"),
    Case("several-operations-unnamed", "query A { me { id } } query B { me { id } }", None, bad_request("name one in operationName")),
    Case("empty-operationName", 'mutation A { createChallenge(input: {title: "x"}) { __typename } }', None, bad_request('Unknown operation named ""'), operation_name=""),
    Case("anonymous-operation-and-another", 'mutation { createChallenge(input: {title: "x"}) { __typename } } mutation B { deleteChallenge(id: "x") { __typename } }', None, bad_request("name one in operationName")),
    Case("syntax-error", 'mutation { createChallenge(input: {title: "x"}) { __typename }', None, rejected("Syntax Error")),
    Case("unknown-field", "{ users { email passwordHash } }", None, rejected("users")),
    Case("anonymous-createChallenge", CREATE_CHALLENGE, challenge_input(), coded("UNAUTHENTICATED"), anonymous=True),
    Case("anonymous-logDay", LOG_DAY, log_input(), coded("UNAUTHENTICATED"), anonymous=True),
    Case("anonymous-deleteChallenge", DELETE_CHALLENGE, {"id": "@challenge"}, coded("UNAUTHENTICATED"), anonymous=True),
    Case("anonymous-reads-a-private-challenge", CHALLENGE, {"id": "@challenge"}, null("challenge"), anonymous=True),
]  # fmt: skip

WRONG_TYPES = [
    Case("minutes-string", LOG_DAY, log_input(minutes="30"), rejected("Int")),
    Case("minutes-fraction", LOG_DAY, log_input(minutes=1.5), rejected("Int")),
    Case("minutes-boolean", LOG_DAY, log_input(minutes=True), rejected("Int")),
    Case("minutes-null", LOG_DAY, log_input(minutes=None), rejected("minutes")),
    Case("minutes-missing", LOG_DAY, {"input": {"challengeId": "@challenge"}}, rejected("minutes")),
    Case("input-string", LOG_DAY, {"input": "minutes=30"}, rejected("LogDayInput")),
    Case("input-list", LOG_DAY, {"input": [log_input()["input"]]}, rejected("LogDayInput")),
    Case("input-null", LOG_DAY, {"input": None}, rejected("input")),
    Case("targetDays-string", CREATE_CHALLENGE, challenge_input(targetDays="100"), rejected("Int")),
    Case("visibility-unknown", CREATE_CHALLENGE, challenge_input(visibility="SECRET"), rejected("Visibility")),
    Case("visibility-lowercase", CREATE_CHALLENGE, challenge_input(visibility="public"), rejected("Visibility")),
    Case("restDays-unknown", CREATE_CHALLENGE, challenge_input(restDays=["FUNDAY"]), rejected("Weekday")),
    Case("restDays-number", CREATE_CHALLENGE, challenge_input(restDays=[0]), rejected("Weekday")),
    Case("status-unknown", UPDATE_CHALLENGE, {"id": "@challenge", "input": {"status": "DELETED"}}, rejected("ChallengeStatus")),
    Case("tags-object", CREATE_CHALLENGE, challenge_input(tags={"a": "b"}), rejected("String")),
    Case("id-number", DELETE_CHALLENGE, {"id": 1.5}, rejected("ID")),
    Case("id-boolean", DELETE_CHALLENGE, {"id": True}, rejected("ID")),
    Case("variable-declared-as-another-type", 'mutation($m: String!) { logDay(input: {challengeId: "x", minutes: $m}) { __typename } }', {"m": "30"}, rejected("$m")),
    Case("variable-undeclared", "mutation { deleteChallenge(id: $id) { __typename } }", {"id": "@challenge"}, rejected("$id")),
    Case("literal-string-for-int", 'mutation { logDay(input: {challengeId: "x", minutes: "30"}) { __typename } }', None, rejected("Int")),
    Case("literal-enum-as-string", 'mutation { createChallenge(input: {title: "x", visibility: "PUBLIC"}) { __typename } }', None, rejected("Visibility")),
]  # fmt: skip

CASES = (
    DATE_CASES + INTEGER_CASES + CURSOR_CASES + TEXT_CASES + INJECTIONS + LINK_CASES + TAG_CASES
    + STRUCTURE_CASES + WRONG_TYPES
)  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
async def test_hostile_input_is_refused_and_nothing_is_written(world: World, case: Case) -> None:
    before = await snapshot()
    payload: dict[str, Any] = {"query": world.resolve(case.query)}
    if case.variables is not None:
        payload["variables"] = world.resolve(case.variables)
    if case.operation_name is not None:
        payload["operationName"] = case.operation_name
    headers = {} if case.anonymous else {"Authorization": f"Bearer {world.token}"}
    reply = await world.client.post("/graphql", json=payload, headers=headers)
    body = check_answer(reply, json.dumps(payload)[:3000])
    case.expect(reply, body)
    assert await snapshot() == before, "the refused operation wrote to the database"


# --- garbage IDs: every operation that takes one, each ID ---------------------------------------

GARBAGE_IDS = {
    "random-base64": "q83vEjRWeJCrze8SNFZ4kA==",
    "challenge-nope": "Q2hhbGxlbmdlOm5vcGU=",
    "empty": "",
    "nul": "\x00",
    "nul-after-a-real-id": "@challenge|\x00",
    "garbage-after-a-real-id": "@challenge|!!",
    "space-before-a-real-id": " |@challenge",
    "upper-case-object-id": "@challenge-upper",
    "very-long": "Q" * 20_000,
    "emoji": "💥" * 100,
    "zero-object-id": global_id("Challenge", "0" * 24),
    "not-an-object-id": b64("Challenge:" + "z" * 24),
    "unknown-type": b64("Admin:" + "0" * 24),
    "sql-ish": "' OR 1=1 --",
    "operator-as-text": '{"$gt": ""}',
    "eves-challenge": "@eves_challenge",
    "a-user-id": "@me",
}

ID_OPERATIONS: list[tuple[str, str, Callable[[str], dict[str, Any]]]] = [
    ("updateChallenge", UPDATE_CHALLENGE, lambda id_: {"id": id_, "input": {"title": "Renamed"}}),
    ("deleteChallenge", DELETE_CHALLENGE, lambda id_: {"id": id_}),
    ("createProject", CREATE_PROJECT, lambda id_: project_input(challengeId=id_)),
    ("updateProject", UPDATE_PROJECT, lambda id_: {"id": id_, "input": {"name": "Renamed"}}),
    ("deleteProject", DELETE_PROJECT, lambda id_: {"id": id_}),
    ("logDay", LOG_DAY, lambda id_: log_input(challengeId=id_)),
    ("skipDay", SKIP_DAY, lambda id_: {"id": id_, "date": "2026-06-11"}),
    ("deleteLog", DELETE_LOG, lambda id_: {"id": id_}),
]


def garbage(world: World, name: str) -> str:
    value = GARBAGE_IDS[name]
    if value == "@challenge-upper":
        real = base64.b64decode(world.ids["@challenge"]).decode()
        type_name, _, object_id = real.partition(":")
        return b64(f"{type_name}:{object_id.upper()}")
    return "".join(world.resolve(part) for part in value.split("|"))


@pytest.mark.parametrize("name", list(GARBAGE_IDS))
async def test_garbage_ids_find_nothing_and_change_nothing(world: World, name: str) -> None:
    value = garbage(world, name)
    headers = {"Authorization": f"Bearer {world.token}"}
    before = await snapshot()
    for root, mutation, variables in ID_OPERATIONS:
        payload = {"query": mutation, "variables": variables(value)}
        reply = await world.client.post("/graphql", json=payload, headers=headers)
        body = check_answer(reply, json.dumps(payload)[:1000])
        not_found(root)(reply, body)
    for query in (CHALLENGE, NODE) if name != "a-user-id" else (CHALLENGE,):
        reply = await world.client.post(
            "/graphql", json={"query": query, "variables": {"id": value}}, headers=headers
        )
        body = check_answer(reply, query)
        assert not body.get("errors"), body
        assert next(iter(body["data"].values())) is None, body
    assert await snapshot() == before


# --- bodies that are not one GraphQL request ---------------------------------------------------

RAW_BODIES = {
    "deeply-nested-json": ("[" * 30_000 + "]" * 30_000, 400, "BAD_REQUEST"),
    "deeply-nested-variables": (
        '{"query": "{ me { id } }", "variables": ' + '{"a":' * 10_000 + "1" + "}" * 10_001,
        400,
        "BAD_REQUEST",
    ),
    "variables-a-list": ('{"query": "{ me { id } }", "variables": [1]}', 400, "BAD_REQUEST"),
    "variables-a-string": ('{"query": "{ me { id } }", "variables": "{}"}', 400, "BAD_REQUEST"),
    "query-a-number": ('{"query": 1}', 400, "BAD_REQUEST"),
    "query-missing": ('{"variables": {}}', 400, "BAD_REQUEST"),
    "operationName-a-number": ('{"query": "{ me { id } }", "operationName": 1}', 400, "BAD_REQUEST"),
    "batch": ('[{"query": "mutation { logOut(refreshToken: \\"x\\") }"}]', 400, "BATCHING_NOT_SUPPORTED"),
    "not-json": ("mutation { deleteChallenge(id: 1) }", 400, "BAD_REQUEST"),
    "nul-bytes": ("\x00" * 100, 400, "BAD_REQUEST"),
    "invalid-utf8": (b'{"query": "\xff\xfe"}', 400, "BAD_REQUEST"),
    "over-64-KiB": ('{"query": "' + " " * MAX_BODY_BYTES + '{ me { id } }"}', 413, "PAYLOAD_TOO_LARGE"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(RAW_BODIES))
async def test_malformed_bodies_get_a_4xx(world: World, name: str) -> None:
    content, status, code = RAW_BODIES[name]
    before = await snapshot()
    reply = await world.client.post(
        "/graphql",
        content=content if isinstance(content, bytes) else content.encode(),
        headers={"Authorization": f"Bearer {world.token}", "Content-Type": "application/json"},
    )
    body = check_answer(reply, name)
    http(status, code)(reply, body)
    assert await snapshot() == before
