"""Access tokens of an external identity provider, verified against its JWKS.

The provider's JWKS is served by a real HTTP server (http.server in a thread, on 127.0.0.1 and
a free port); the test decides which keys it serves and counts its hits. Time is the app's
injected clock, so the 5-second refetch throttle is exercised without sleeping.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, Key, RSAKey

from hundred_days import models
from hundred_days.settings import ConfigurationError, Settings
from tests.conftest import Clock, make_settings
from tests.graphql import gql, sign_up

ISSUER = "https://id.example.test/"
AUDIENCE = "https://api.hundred-days.test"
ME = "{ me { id displayName email timezone } }"
PROTECTED = "{ challenges { totalCount } }"


class JwksServer:
    """Serves `{"keys": [...]}` at /jwks.json; `hits` counts the requests it answered."""

    def __init__(self) -> None:
        self.document: dict[str, Any] = {"keys": []}
        self.status = 200
        self.hits = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with server._lock:
                    server.hits += 1
                    body = json.dumps(server.document).encode()
                    status = server.status
                self.send_response(status if self.path == "/jwks.json" else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/jwks.json"

    def serve(self, *keys: Key) -> None:
        with self._lock:
            self.document = {"keys": [key.as_dict(private=False) for key in keys]}
            self.status = 200

    def reset(self) -> None:
        with self._lock:
            self.document = {"keys": []}
            self.status = 200
            self.hits = 0


@pytest.fixture(scope="module")
def jwks_server() -> Iterator[JwksServer]:
    server = JwksServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()
    server.thread.join()


@pytest.fixture(scope="module")
def keys() -> dict[str, Key]:
    return {
        "a": RSAKey.generate_key(2048, parameters={"kid": "key-a"}),
        "b": RSAKey.generate_key(2048, parameters={"kid": "key-b"}),
        # The forger's own key, published nowhere; used under key-a's kid.
        "forger": RSAKey.generate_key(2048, parameters={"kid": "key-a"}),
        "ec": ECKey.generate_key("P-256", parameters={"kid": "key-ec"}),
    }


@pytest.fixture
def idp(jwks_server: JwksServer, keys: dict[str, Key]) -> Iterator[JwksServer]:
    jwks_server.reset()
    jwks_server.serve(keys["a"])
    yield jwks_server
    jwks_server.reset()


@pytest.fixture
def settings(jwks_server: JwksServer) -> Settings:
    return make_settings(oidc_issuer=ISSUER, oidc_audience=AUDIENCE, oidc_jwks_url=jwks_server.url)


def idp_claims(clock: Clock, **changes: Any) -> dict[str, Any]:
    now = int(clock().timestamp())
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "user-1",
        "exp": now + 300,
        "iat": now,
        "client_id": "hundred-days-spa",
        "jti": uuid.uuid4().hex,
        "name": "Grace Hopper",
        "email": "Grace@Example.com",
    }
    claims.update(changes)
    return {name: value for name, value in claims.items() if value is not None}


def idp_token(
    clock: Clock, key: Key, *, typ: str | None = "at+jwt", alg: str = "RS256", **changes: Any
) -> str:
    header: dict[str, Any] = {"alg": alg, "kid": key.kid}
    if typ is not None:
        header["typ"] = typ
    claims = idp_claims(clock, **changes)
    return jwt.encode(header, claims, key, algorithms=[alg], default_type=None)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


async def me(client: Any, token: str) -> dict[str, Any] | None:
    reply = await gql(client, ME, token=token)
    viewer: dict[str, Any] | None = reply.data["me"]
    return viewer


async def assert_refused(client: Any, token: str) -> None:
    assert await me(client, token) is None
    protected = await gql(client, PROTECTED, token=token)
    assert protected.error_codes == ["UNAUTHENTICATED"]


async def external_users() -> list[models.User]:
    return await models.User.find(models.User.external_issuer == ISSUER).to_list()


async def test_first_sight_creates_the_user_once(client, idp, keys, clock):
    first = await me(client, idp_token(clock, keys["a"]))
    assert first is not None
    assert first["displayName"] == "Grace Hopper"
    assert first["email"] == "grace@example.com"
    assert first["timezone"] == "UTC"
    clock.now += timedelta(minutes=2)
    second = await me(client, idp_token(clock, keys["a"], name="Renamed At The Provider"))
    assert second is not None
    assert second["id"] == first["id"]
    assert second["displayName"] == "Grace Hopper"  # created on first sight, not synced
    [user] = await external_users()
    assert (user.external_subject, user.password_hash) == ("user-1", None)
    assert idp.hits == 1  # the key set was fetched once and cached
    protected = await gql(client, PROTECTED, token=idp_token(clock, keys["a"]))
    assert protected.data == {"challenges": {"totalCount": 0}}


@pytest.mark.parametrize(
    "case",
    [
        ({"name": None, "preferred_username": "grace"}, "grace"),
        ({"name": None}, "Member"),
        ({"name": "   "}, "Member"),
        ({"name": "x" * 200}, "x" * 80),
    ],
)
async def test_display_name_falls_back(client, idp, keys, clock, case):
    claims, display_name = case
    viewer = await me(client, idp_token(clock, keys["a"], **claims))
    assert viewer is not None
    assert viewer["displayName"] == display_name


async def test_a_valid_zoneinfo_claim_sets_the_time_zone(client, idp, keys, clock):
    viewer = await me(client, idp_token(clock, keys["a"], zoneinfo="Europe/Paris"))
    assert viewer is not None
    assert viewer["timezone"] == "Europe/Paris"
    other = await me(client, idp_token(clock, keys["a"], sub="user-2", zoneinfo="Mars/Base"))
    assert other is not None
    assert other["timezone"] == "UTC"


@pytest.mark.parametrize("typ", ["at+jwt", "JWT", "application/at+jwt", "AT+JWT"])
async def test_typ_at_jwt_and_jwt_are_accepted(client, idp, keys, clock, typ):
    assert await me(client, idp_token(clock, keys["a"], typ=typ)) is not None


@pytest.mark.parametrize("typ", ["JOSE", "id_token+jwt", "logout+jwt", None])
async def test_other_types_are_refused(client, idp, keys, clock, typ):
    await assert_refused(client, idp_token(clock, keys["a"], typ=typ))
    assert await external_users() == []


@pytest.mark.parametrize(
    "claims",
    [
        {"aud": "https://another-api.test"},
        {"aud": ["https://another-api.test"]},
        {"iss": "https://another-idp.test/"},
        {"iss": ISSUER.rstrip("/")},
        {"sub": None},
        {"exp": None},
        {"aud": None},
    ],
    ids=["aud", "aud-list", "iss", "iss-near-miss", "no-sub", "no-exp", "no-aud"],
)
async def test_wrong_or_missing_claims_are_refused(client, idp, keys, clock, claims):
    await assert_refused(client, idp_token(clock, keys["a"], **claims))
    assert await external_users() == []


async def test_audience_list_including_ours_is_accepted(client, idp, keys, clock):
    token = idp_token(clock, keys["a"], aud=["https://another-api.test", AUDIENCE])
    assert await me(client, token) is not None


async def test_expiry_is_checked_on_the_apps_clock(client, idp, keys, clock):
    token = idp_token(clock, keys["a"])  # exp: 5 minutes from now
    assert await me(client, token) is not None
    clock.now += timedelta(minutes=5, seconds=31)  # past exp and the 30 s leeway
    await assert_refused(client, token)


async def test_keys_rotate_without_a_restart(client, idp, keys, clock):
    assert await me(client, idp_token(clock, keys["a"])) is not None
    assert idp.hits == 1
    # The provider starts signing with key-b. Within 5 s of the last fetch, an unknown kid
    # does not trigger a fetch: the token is refused and the provider is not asked.
    idp.serve(keys["a"], keys["b"])
    clock.now += timedelta(seconds=4)
    await assert_refused(client, idp_token(clock, keys["b"]))
    assert idp.hits == 1
    # 5 s after the last fetch, the unknown kid refetches the set once, and is accepted.
    clock.now += timedelta(seconds=1)
    viewer = await me(client, idp_token(clock, keys["b"]))
    assert viewer is not None
    assert idp.hits == 2
    # Both keys are cached now: no further fetches.
    assert await me(client, idp_token(clock, keys["a"])) is not None
    assert await me(client, idp_token(clock, keys["b"])) is not None
    assert idp.hits == 2
    # Made-up kids within the interval cost nothing upstream...
    for kid in ("key-x", "key-y", "key-z"):
        unknown = RSAKey.import_key(keys["b"].as_dict(private=True) | {"kid": kid})
        await assert_refused(client, idp_token(clock, unknown))
    assert idp.hits == 2
    # ...and one fetch per interval after it.
    clock.now += timedelta(seconds=5)
    await assert_refused(client, idp_token(clock, unknown))
    await assert_refused(client, idp_token(clock, unknown))
    assert idp.hits == 3
    # key-a retired by the provider: after the next refetch its tokens are refused.
    idp.serve(keys["b"])
    clock.now += timedelta(seconds=5)
    assert await me(client, idp_token(clock, unknown)) is None  # triggers the refetch
    assert idp.hits == 4
    await assert_refused(client, idp_token(clock, keys["a"]))
    assert await me(client, idp_token(clock, keys["b"])) is not None
    assert len(await external_users()) == 1  # one identity throughout


async def test_a_forged_token_with_a_known_kid_is_refused(client, idp, keys, clock):
    assert await me(client, idp_token(clock, keys["a"])) is not None
    forged = idp_token(clock, keys["forger"], sub="admin")
    assert keys["forger"].kid == keys["a"].kid
    await assert_refused(client, forged)
    assert idp.hits == 1  # a known kid: nothing to refetch


async def test_hs256_signed_with_the_providers_public_key_is_refused(client, idp, keys, clock):
    """Key confusion: HMAC keyed with the published key, hoping the verifier takes HS256."""
    header = b64(json.dumps({"alg": "HS256", "typ": "at+jwt", "kid": "key-a"}).encode())
    payload = b64(json.dumps(idp_claims(clock)).encode())
    for secret in (
        keys["a"].as_pem(private=False),
        json.dumps(keys["a"].as_dict(private=False)).encode(),
    ):
        digest = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
        await assert_refused(client, f"{header}.{payload}.{b64(digest)}")
    assert await external_users() == []


async def test_alg_none_from_the_issuer_is_refused(client, idp, keys, clock):
    header = b64(json.dumps({"alg": "none", "typ": "at+jwt", "kid": "key-a"}).encode())
    payload = b64(json.dumps(idp_claims(clock)).encode())
    await assert_refused(client, f"{header}.{payload}.")


async def test_es256_is_accepted(client, idp, keys, clock):
    idp.serve(keys["a"], keys["ec"])
    viewer = await me(client, idp_token(clock, keys["ec"], alg="ES256"))
    assert viewer is not None
    assert viewer["displayName"] == "Grace Hopper"


async def test_an_algorithm_that_does_not_fit_the_key_is_refused(client, idp, keys, clock):
    """RS384 is not accepted at all, and ES256 under an RSA key's kid is refused."""
    await assert_refused(client, idp_token(clock, keys["a"], alg="RS384"))
    ec_under_rsa_kid = ECKey.import_key(keys["ec"].as_dict(private=True) | {"kid": "key-a"})
    await assert_refused(client, idp_token(clock, ec_under_rsa_kid, alg="ES256"))


async def test_an_unreachable_or_broken_jwks_refuses_without_failing(client, idp, keys, clock):
    idp.status = 500
    await assert_refused(client, idp_token(clock, keys["a"]))
    assert idp.hits == 1
    clock.now += timedelta(seconds=5)
    idp.document = {"keys": "not a list"}
    idp.status = 200
    await assert_refused(client, idp_token(clock, keys["a"]))
    assert idp.hits == 2
    clock.now += timedelta(seconds=5)
    idp.serve(keys["a"])
    assert await me(client, idp_token(clock, keys["a"])) is not None


async def test_own_tokens_keep_working_alongside(client, idp, keys, clock):
    ada = await sign_up(client)
    viewer = await me(client, ada.token)
    assert viewer is not None
    assert viewer["id"] == ada.user_id
    assert idp.hits == 0  # the provider is not consulted for this server's own tokens


async def test_never_linked_to_a_password_account_by_email(client, idp, keys, clock):
    ada = await sign_up(client, "grace@example.com", display_name="Grace (password)")
    external = await me(client, idp_token(clock, keys["a"], email="grace@example.com"))
    assert external is not None
    assert external["id"] != ada.user_id
    assert external["email"] is None  # taken: not stored twice, never used to link
    password_account = await me(client, ada.token)
    assert password_account is not None
    assert password_account["email"] == "grace@example.com"
    assert password_account["displayName"] == "Grace (password)"
    assert await models.User.find(models.User.email == "grace@example.com").count() == 1


async def test_an_unverified_email_is_not_stored(client, idp, keys, clock):
    viewer = await me(client, idp_token(clock, keys["a"], email_verified=False))
    assert viewer is not None
    assert viewer["email"] is None


@pytest.mark.parametrize(
    "values",
    [
        {"oidc_issuer": ISSUER},
        {"oidc_issuer": ISSUER, "oidc_audience": AUDIENCE},
        {"oidc_jwks_url": "https://id.example.test/jwks.json"},
        {  # the same issuer as this server's own tokens: which verifier would run?
            "oidc_issuer": "hundred-days",
            "oidc_audience": AUDIENCE,
            "oidc_jwks_url": "https://id.example.test/jwks.json",
        },
        {  # production fetches keys over TLS only
            "environment": "production",
            "secret_key": "s" * 40,
            "mongodb_uri": "mongodb://db.example.test/",
            "oidc_issuer": ISSUER,
            "oidc_audience": AUDIENCE,
            "oidc_jwks_url": "http://id.example.test/jwks.json",
        },
    ],
)
def test_a_partial_or_unsafe_provider_configuration_is_refused(values):
    with pytest.raises(ConfigurationError, match="HUNDRED_DAYS_OIDC_"):
        make_settings(**values).check_servable()
