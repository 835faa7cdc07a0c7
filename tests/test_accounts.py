"""signUp, logIn, refreshToken, logOut, updateProfile and the access token, over HTTP."""

from datetime import timedelta

from tests.graphql import (
    SIGN_UP,
    field_names,
    gql,
    log_in,
    object_id,
    refresh,
    sign_up,
)

ME = "{ me { id email displayName timezone dayStartHour createdAt } }"
MY_CHALLENGES = "{ challenges { totalCount } }"
LOG_OUT = "mutation LogOut($token: String!) { logOut(refreshToken: $token) }"
UPDATE_PROFILE = """
mutation Update($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    __typename
    ... on User { id email displayName timezone dayStartHour }
    ... on ValidationError { message fields { field message } }
  }
}
"""
SIGN_UP_DEFAULT_ZONE = """
mutation {
  signUp(input: {email: "zone@example.com", password: "long enough pw", displayName: "Zed"}) {
    __typename
    ... on AuthPayload { user { timezone } }
  }
}
"""
PASSWORD = "correct horse battery"
ALG_NONE_HEADER = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0"  # {"alg":"none","typ":"JWT"}


def sign_up_input(**fields: str) -> dict[str, dict[str, str]]:
    values = {
        "email": "ada@example.com",
        "password": PASSWORD,
        "displayName": "Ada",
        "timezone": "Europe/London",
    }
    return {"input": values | fields}


# --- signUp ---


async def test_sign_up_returns_tokens_and_the_user(client, clock):
    reply = await gql(client, SIGN_UP, sign_up_input(email="  Ada@Example.COM "))
    payload = reply.data["signUp"]
    assert payload["__typename"] == "AuthPayload"
    assert payload["expiresIn"] == 15 * 60
    assert payload["accessToken"].count(".") == 2  # a JWT
    assert len(payload["refreshToken"]) >= 32
    user = payload["user"]
    assert user["email"] == "ada@example.com"  # normalized
    assert user["displayName"] == "Ada"
    assert user["timezone"] == "Europe/London"
    assert object_id(user["id"])  # an opaque global ID of a User
    me = await gql(client, ME, token=payload["accessToken"])
    assert me.data["me"]["id"] == user["id"]
    assert me.data["me"]["createdAt"].startswith("2026-06-15T12:00:00")
    assert me.data["me"]["dayStartHour"] == 0


async def test_sign_up_time_zone_defaults_to_utc(client):
    reply = await gql(client, SIGN_UP_DEFAULT_ZONE)
    assert reply.data["signUp"]["user"]["timezone"] == "UTC"


async def test_sign_up_lists_every_invalid_field_at_once(client):
    reply = await gql(
        client,
        SIGN_UP,
        sign_up_input(email="not-an-email", password="short", displayName="  ", timezone="Mars/X"),
    )
    result = reply.data["signUp"]
    assert result["__typename"] == "ValidationError"
    assert field_names(result) == {"email", "password", "displayName", "timezone"}
    assert all(item["message"] for item in result["fields"])
    for name in ("email", "password", "displayName", "timezone"):
        assert name in result["message"]
    # Nothing was created.
    assert (await log_in(client, "not-an-email", "short"))["__typename"] == "AuthenticationError"


async def test_sign_up_password_needs_ten_characters(client):
    short = await gql(client, SIGN_UP, sign_up_input(password="x" * 9))
    assert field_names(short.data["signUp"]) == {"password"}
    exact = await gql(client, SIGN_UP, sign_up_input(password="x" * 10))
    assert exact.data["signUp"]["__typename"] == "AuthPayload"


async def test_sign_up_needs_a_real_iana_zone(client):
    for zone in ("Europe/Atlantis", "localtime", "", "+02:00", "../etc/passwd"):
        reply = await gql(client, SIGN_UP, sign_up_input(timezone=zone))
        assert field_names(reply.data["signUp"]) == {"timezone"}, zone
    ok = await gql(client, SIGN_UP, sign_up_input(timezone="Pacific/Kiritimati"))
    assert ok.data["signUp"]["user"]["timezone"] == "Pacific/Kiritimati"


async def test_sign_up_with_a_known_email_in_another_case_conflicts(client):
    await sign_up(client, "ada@example.com")
    reply = await gql(client, SIGN_UP, sign_up_input(email="ADA@example.COM"))
    result = reply.data["signUp"]
    assert result["__typename"] == "ConflictError"
    assert result["message"]
    # The original password still logs in; the second sign-up changed nothing.
    assert (await log_in(client, "ada@example.com"))["__typename"] == "AuthPayload"


# --- logIn ---


async def test_log_in_with_the_right_password_in_any_email_case(client):
    account = await sign_up(client, "ada@example.com")
    payload = await log_in(client, "  ADA@EXAMPLE.com")
    assert payload["__typename"] == "AuthPayload"
    assert payload["user"]["id"] == account.user_id
    assert payload["user"]["email"] == "ada@example.com"
    assert payload["refreshToken"] != account.refresh
    me = await gql(client, ME, token=payload["accessToken"])
    assert me.data["me"]["email"] == "ada@example.com"


async def test_log_in_with_a_wrong_password_or_unknown_email_fails_alike(client):
    await sign_up(client, "ada@example.com")
    wrong = await log_in(client, "ada@example.com", "wrong password!")
    unknown = await log_in(client, "nobody@example.com")
    assert wrong["__typename"] == unknown["__typename"] == "AuthenticationError"
    assert wrong["message"] == unknown["message"]  # no hint which one was wrong


# --- access tokens ---


async def test_me_is_null_without_a_token_or_with_a_bad_one(client):
    await sign_up(client)
    assert (await gql(client, ME)).data["me"] is None
    assert (await gql(client, ME, token="garbage")).data["me"] is None


async def test_access_token_expires_after_fifteen_minutes(client, clock):
    account = await sign_up(client)
    clock.now += timedelta(minutes=14)
    assert (await gql(client, MY_CHALLENGES, token=account.token)).data["challenges"] == {
        "totalCount": 0
    }
    clock.now += timedelta(minutes=2)
    reply = await gql(client, MY_CHALLENGES, token=account.token)
    assert reply.error_codes == ["UNAUTHENTICATED"]
    assert reply.body["data"] is None
    assert (await gql(client, ME, token=account.token)).data["me"] is None


async def test_a_token_signed_with_another_key_is_refused(client):
    account = await sign_up(client)
    header, payload, _signature = account.token.split(".")
    forged = f"{header}.{payload}.{'A' * 43}"
    reply = await gql(client, MY_CHALLENGES, token=forged)
    assert reply.error_codes == ["UNAUTHENTICATED"]
    unsigned = f"{ALG_NONE_HEADER}.{payload}."
    reply = await gql(client, MY_CHALLENGES, token=unsigned)
    assert reply.error_codes == ["UNAUTHENTICATED"]


# --- refreshToken ---


async def test_refresh_token_rotates(client, clock):
    account = await sign_up(client)
    clock.now += timedelta(minutes=20)  # the access token has expired by now
    first = await refresh(client, account.refresh)
    assert first["__typename"] == "AuthPayload"
    assert first["refreshToken"] != account.refresh
    assert first["user"]["id"] == account.user_id
    assert first["user"]["email"] == account.email  # the caller has just proven who they are
    me = await gql(client, ME, token=first["accessToken"])
    assert me.data["me"]["id"] == account.user_id
    second = await refresh(client, first["refreshToken"])
    assert second["__typename"] == "AuthPayload"
    assert second["refreshToken"] not in (account.refresh, first["refreshToken"])


async def test_reusing_a_rotated_refresh_token_fails_and_revokes_the_family(client):
    account = await sign_up(client)
    other_session = await log_in(client, account.email)
    rotated = await refresh(client, account.refresh)
    assert rotated["__typename"] == "AuthPayload"
    reused = await refresh(client, account.refresh)
    assert reused["__typename"] == "AuthenticationError"
    # The thief's (or the owner's) newest token of that family is dead too...
    assert (await refresh(client, rotated["refreshToken"]))["__typename"] == "AuthenticationError"
    # ...but a separate log-in is another family and keeps working.
    assert (await refresh(client, other_session["refreshToken"]))["__typename"] == "AuthPayload"


async def test_expired_refresh_token_is_refused(client, clock):
    account = await sign_up(client)
    clock.now += timedelta(days=31)
    result = await refresh(client, account.refresh)
    assert result["__typename"] == "AuthenticationError"
    assert result["message"]


async def test_refresh_token_still_works_before_thirty_days(client, clock):
    account = await sign_up(client)
    clock.now += timedelta(days=29)
    assert (await refresh(client, account.refresh))["__typename"] == "AuthPayload"


async def test_unknown_refresh_token_is_refused(client):
    await sign_up(client)
    for token in ("garbage", "", "x" * 43):
        assert (await refresh(client, token))["__typename"] == "AuthenticationError"


# --- logOut ---


async def test_log_out_revokes_the_refresh_token(client):
    account = await sign_up(client)
    reply = await gql(client, LOG_OUT, {"token": account.refresh})  # no access token needed
    assert reply.data["logOut"] is True
    assert (await refresh(client, account.refresh))["__typename"] == "AuthenticationError"
    # A known token stays known, even once revoked.
    assert (await gql(client, LOG_OUT, {"token": account.refresh})).data["logOut"] is True


async def test_log_out_revokes_tokens_rotated_from_the_same_log_in(client):
    account = await sign_up(client)
    rotated = await refresh(client, account.refresh)
    assert (await gql(client, LOG_OUT, {"token": rotated["refreshToken"]})).data["logOut"]
    assert (await refresh(client, rotated["refreshToken"]))["__typename"] == "AuthenticationError"


async def test_log_out_with_an_unknown_token_is_false(client):
    await sign_up(client)
    assert (await gql(client, LOG_OUT, {"token": "never-issued"})).data["logOut"] is False


# --- updateProfile ---


async def test_update_profile_changes_only_what_is_given(client):
    account = await sign_up(client, timezone="UTC")
    reply = await gql(
        client,
        UPDATE_PROFILE,
        {"input": {"displayName": "  Ada L.  ", "dayStartHour": 4}},
        account.token,
    )
    user = reply.data["updateProfile"]
    assert user["__typename"] == "User"
    assert user["displayName"] == "Ada L."
    assert user["dayStartHour"] == 4
    assert user["timezone"] == "UTC"
    reply = await gql(client, UPDATE_PROFILE, {"input": {"timezone": "Asia/Tokyo"}}, account.token)
    assert reply.data["updateProfile"]["timezone"] == "Asia/Tokyo"
    me = (await gql(client, ME, token=account.token)).data["me"]
    assert (me["displayName"], me["timezone"], me["dayStartHour"]) == ("Ada L.", "Asia/Tokyo", 4)
    assert me["email"] == account.email


async def test_update_profile_lists_every_invalid_field(client):
    account = await sign_up(client)
    reply = await gql(
        client,
        UPDATE_PROFILE,
        {"input": {"displayName": "", "timezone": "Nowhere/City", "dayStartHour": 7}},
        account.token,
    )
    result = reply.data["updateProfile"]
    assert field_names(result) == {"displayName", "timezone", "dayStartHour"}
    me = (await gql(client, ME, token=account.token)).data["me"]
    assert (me["displayName"], me["timezone"], me["dayStartHour"]) == ("Ada", "UTC", 0)


async def test_update_profile_day_start_hour_bounds(client):
    account = await sign_up(client)
    for hour, ok in ((-1, False), (0, True), (6, True), (7, False)):
        reply = await gql(client, UPDATE_PROFILE, {"input": {"dayStartHour": hour}}, account.token)
        typename = reply.data["updateProfile"]["__typename"]
        assert typename == ("User" if ok else "ValidationError"), hour


async def test_update_profile_needs_a_token(client):
    reply = await gql(client, UPDATE_PROFILE, {"input": {"displayName": "X"}})
    assert reply.error_codes == ["UNAUTHENTICATED"]
