"""Access and refresh token edge cases, through GraphQL over HTTP.

Every refused access token must leave the request signed out: `me` is null, and a protected
field answers UNAUTHENTICATED. Tokens are built here with joserfc (or by hand where a library
would refuse to build them), so each one differs from a valid token in one way only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey

from hundred_days import models
from hundred_days.settings import Settings
from tests.conftest import Clock
from tests.graphql import gql, sign_up

ME = "{ me { id email } }"
PROTECTED = "{ challenges { totalCount } }"
REFRESH = """
mutation Refresh($token: String!) {
  refreshToken(token: $token) {
    __typename
    ... on AuthPayload { accessToken refreshToken }
    ... on AuthenticationError { message }
  }
}
"""
LOG_IN = """
mutation LogIn($input: LogInInput!) {
  logIn(input: $input) { __typename ... on AuthPayload { accessToken refreshToken } }
}
"""
LOG_OUT = "mutation LogOut($token: String!) { logOut(refreshToken: $token) }"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unsigned(header: dict[str, Any], claims: dict[str, Any]) -> str:
    return f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"


def hs256_by_hand(claims: dict[str, Any], secret: bytes) -> str:
    """HS256 with any bytes as the secret (joserfc rightly refuses a PEM as an oct key)."""
    signing_input = unsigned({"alg": "HS256", "typ": "JWT"}, claims)
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


class Tokens:
    """Builds access tokens for the app under test, valid unless told otherwise."""

    def __init__(self, settings: Settings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock
        self.key = OctKey.import_key(settings.secret_key.encode())

    def claims(self, subject: str, **changes: Any) -> dict[str, Any]:
        now = int(self.clock().timestamp())
        claims: dict[str, Any] = {
            "iss": self.settings.issuer,
            "aud": self.settings.audience,
            "sub": subject,
            "iat": now,
            "nbf": now,
            "exp": now + 900,
            "jti": "test-token",
        }
        claims.update(changes)
        return {name: value for name, value in claims.items() if value is not None}

    def hs256(self, subject: str, **changes: Any) -> str:
        return jwt.encode({"alg": "HS256"}, self.claims(subject, **changes), self.key)


@pytest.fixture
def tokens(settings: Settings, clock: Clock) -> Tokens:
    return Tokens(settings, clock)


@pytest.fixture(scope="module")
def rsa_key() -> RSAKey:
    return RSAKey.generate_key(2048)


async def user_id(email: str) -> str:
    user = await models.User.find_one(models.User.email == email)
    assert user is not None
    return str(user.id)


async def assert_signed_out(client: Any, token: str) -> None:
    me = await gql(client, ME, token=token)
    assert me.data == {"me": None}
    protected = await gql(client, PROTECTED, token=token)
    assert protected.error_codes == ["UNAUTHENTICATED"]
    assert protected.body.get("data") is None


async def test_a_token_built_like_the_server_builds_them_is_accepted(client, tokens):
    """The control: the refusals below are down to the one thing each token gets wrong."""
    ada = await sign_up(client)
    reply = await gql(client, ME, token=tokens.hs256(await user_id(ada.email)))
    assert reply.data["me"]["id"] == ada.user_id
    protected = await gql(client, PROTECTED, token=tokens.hs256(await user_id(ada.email)))
    assert protected.data == {"challenges": {"totalCount": 0}}


@pytest.mark.parametrize(
    ("case", "changes"),
    [
        ("expired", {"exp": -60}),
        ("not yet valid", {"nbf": 60}),
        ("issued in the future", {"iat": 600}),
        ("missing exp", {"exp": None}),
        ("missing sub", {"sub": None}),
        ("wrong iss", {"iss": "someone-else"}),
        ("wrong aud", {"aud": "another-api"}),
        ("aud list without ours", {"aud": ["another-api", "a-third-api"]}),
    ],
)
async def test_claims_that_are_wrong_are_refused(client, tokens, case, changes):
    await sign_up(client)
    subject = await user_id("ada@example.com")
    now = int(tokens.clock().timestamp())
    resolved = {
        name: now + value if name in {"exp", "nbf", "iat"} and value is not None else value
        for name, value in changes.items()
    }
    await assert_signed_out(client, tokens.hs256(subject, **resolved))


async def test_alg_none_is_refused(client, tokens):
    await sign_up(client)
    claims = tokens.claims(await user_id("ada@example.com"))
    for alg in ("none", "None", "NONE"):
        await assert_signed_out(client, unsigned({"alg": alg, "typ": "JWT"}, claims) + ".")


async def test_an_rs256_token_is_refused(client, tokens, rsa_key):
    """Asymmetric tokens are not this server's: the algorithm is pinned to HS256."""
    await sign_up(client)
    claims = tokens.claims(await user_id("ada@example.com"))
    await assert_signed_out(client, jwt.encode({"alg": "RS256"}, claims, rsa_key))


async def test_hs256_signed_with_a_public_key_is_refused(client, tokens, rsa_key):
    """The key-confusion attack: a public key's PEM bytes used as the HMAC secret."""
    await sign_up(client)
    claims = tokens.claims(await user_id("ada@example.com"))
    for public in (rsa_key.as_pem(private=False), json.dumps(rsa_key.as_dict()).encode()):
        await assert_signed_out(client, hs256_by_hand(claims, public))


async def test_a_tampered_token_is_refused(client, tokens):
    ada = await sign_up(client)
    grace = await sign_up(client, "grace@example.com", display_name="Grace")
    header, _, signature = ada.token.split(".")
    # Grace's claims under Ada's signature.
    graces_payload = grace.token.split(".")[1]
    await assert_signed_out(client, f"{header}.{graces_payload}.{signature}")
    # Ada's claims with one bit of the signature flipped.
    raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    raw[0] ^= 0x01
    await assert_signed_out(client, f"{header}.{ada.token.split('.')[1]}.{b64(bytes(raw))}")
    # No signature at all.
    await assert_signed_out(client, f"{header}.{ada.token.split('.')[1]}.")
    # Still fine untouched.
    assert (await gql(client, ME, token=ada.token)).data["me"]["id"] == ada.user_id


@pytest.mark.parametrize(
    "token", ["", "garbage", "a.b.c", "a.b", "....", "eyJhbGciOiJIUzI1NiJ9.e30.e30"]
)
async def test_malformed_tokens_are_refused(client, token):
    if not token:
        reply = await gql(client, ME, token=None)
        assert reply.data == {"me": None}
        return
    await assert_signed_out(client, token)


async def test_a_token_of_a_deleted_user_is_refused(client):
    ada = await sign_up(client)
    await models.User.find(models.User.email == ada.email).delete()
    await assert_signed_out(client, ada.token)


async def test_access_tokens_expire_on_the_apps_clock(client, clock):
    ada = await sign_up(client)
    clock.now += timedelta(minutes=14)
    assert (await gql(client, ME, token=ada.token)).data["me"]["id"] == ada.user_id
    clock.now += timedelta(minutes=1, seconds=6)  # past 15 minutes and the 5 s leeway
    await assert_signed_out(client, ada.token)


async def refresh(client: Any, token: str) -> dict[str, Any]:
    payload: dict[str, Any] = (await gql(client, REFRESH, {"token": token})).data["refreshToken"]
    return payload


async def test_refresh_rotates_and_the_new_tokens_work(client):
    ada = await sign_up(client)
    rotated = await refresh(client, ada.refresh)
    assert rotated["__typename"] == "AuthPayload"
    assert rotated["refreshToken"] != ada.refresh
    me = await gql(client, ME, token=rotated["accessToken"])
    assert me.data["me"]["id"] == ada.user_id


async def test_a_reused_refresh_token_revokes_its_whole_family(client):
    ada = await sign_up(client)
    first = await refresh(client, ada.refresh)
    second = await refresh(client, first["refreshToken"])
    assert second["__typename"] == "AuthPayload"
    # The original token comes back (stolen and replayed, say): refused...
    assert (await refresh(client, ada.refresh))["__typename"] == "AuthenticationError"
    # ...and the newest token of the family, never used, stops working too.
    assert (await refresh(client, second["refreshToken"]))["__typename"] == "AuthenticationError"
    assert (await refresh(client, first["refreshToken"]))["__typename"] == "AuthenticationError"


async def test_reuse_revokes_only_its_own_family(client):
    ada = await sign_up(client)
    other_session = (
        await gql(
            client,
            LOG_IN,
            {"input": {"email": ada.email, "password": "correct horse battery"}},
        )
    ).data["logIn"]
    await refresh(client, ada.refresh)
    assert (await refresh(client, ada.refresh))["__typename"] == "AuthenticationError"
    still = await refresh(client, other_session["refreshToken"])
    assert still["__typename"] == "AuthPayload"


async def test_log_out_revokes(client):
    ada = await sign_up(client)
    rotated = await refresh(client, ada.refresh)
    assert (await gql(client, LOG_OUT, {"token": rotated["refreshToken"]})).data == {"logOut": True}
    assert (await refresh(client, rotated["refreshToken"]))["__typename"] == "AuthenticationError"
    # A known token, even one already revoked, is still `true`; an unknown one is `false`.
    assert (await gql(client, LOG_OUT, {"token": rotated["refreshToken"]})).data == {"logOut": True}
    assert (await gql(client, LOG_OUT, {"token": "never-issued"})).data == {"logOut": False}


async def test_refresh_tokens_expire_on_the_apps_clock(client, clock):
    ada = await sign_up(client)
    clock.now += timedelta(days=30, seconds=1)
    assert (await refresh(client, ada.refresh))["__typename"] == "AuthenticationError"


async def test_a_token_is_verified_once_per_request(client, monkeypatch):
    """The rate limiter and the viewer lookup share one verification."""
    from hundred_days.auth.tokens import TokenService

    ada = await sign_up(client)
    verify = TokenService.verify_access_token
    calls: list[str] = []

    def counting(self: TokenService, token: str, now: Any) -> Any:
        calls.append(token)
        return verify(self, token, now)

    monkeypatch.setattr(TokenService, "verify_access_token", counting)
    reply = await gql(client, ME, token=ada.token)
    assert reply.data["me"]["email"] == "ada@example.com"
    assert calls == [ada.token]
