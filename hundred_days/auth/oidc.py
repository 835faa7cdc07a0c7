"""Access tokens of an external identity provider: RFC 9068 / OIDC resource-server validation.

With HUNDRED_DAYS_OIDC_ISSUER, _AUDIENCE and _JWKS_URL set, a bearer token whose (unverified)
`iss` names that issuer is verified here instead of by `tokens.py`:

- the algorithm is pinned to RS256 or ES256 (so `none`, and HS256 "signed" with a public key,
  fail), and the key must fit it (joserfc checks key type, curve, `use` and `alg`);
- the header `typ` must be `at+jwt` (RFC 9068) or `JWT` (what many providers send);
- `iss`, `aud`, `exp` and `sub` are required and checked (`nbf` and `iat` when present);
  `client_id` and `jti` are not required;
- the key is the one the provider's JWKS lists under the token's `kid`. The set is fetched
  on first use and cached; an unknown `kid` refetches it (the provider rotated its keys), at
  most once every 5 seconds by the app's clock, so a stream of made-up `kid`s cannot turn
  this server into a flood of requests to the provider.

The (issuer, subject) pair maps to a user, created on first sight (`user_for`).
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import Key, KeySet
from pymongo.errors import DuplicateKeyError

from hundred_days import models
from hundred_days.analytics import is_valid_timezone
from hundred_days.auth.tokens import InvalidTokenError
from hundred_days.settings import Settings

logger = logging.getLogger("hundred_days.auth.oidc")

# Algorithm -> the key type it needs. Asymmetric only: a provider's keys are public.
ALGORITHMS = {"RS256": "RSA", "ES256": "EC"}
# `typ` is a media type: compared without case, "application/" may be left out (RFC 7515 4.1.9).
TOKEN_TYPES = frozenset({"at+jwt", "jwt"})
REFETCH_INTERVAL = timedelta(seconds=5)
LEEWAY_SECONDS = 30  # another machine's clock
JWKS_TIMEOUT_SECONDS = 3.0
DEFAULT_DISPLAY_NAME = "Member"


@dataclass(frozen=True, slots=True)
class ExternalIdentity:
    """The verified claims this server uses."""

    issuer: str
    subject: str
    name: str | None = None
    email: str | None = None
    email_verified: bool | None = None
    zoneinfo: str | None = None


def unverified_issuer(token: str) -> str | None:
    """The `iss` claim read WITHOUT verifying anything.

    Used only to choose which verifier runs; that verifier then checks `iss` itself, so a
    token that lies here is refused there.
    """
    try:
        claims = json.loads(jws.extract_compact(token.encode()).payload)
    except (JoseError, ValueError, TypeError):
        return None
    issuer = claims.get("iss") if isinstance(claims, dict) else None
    return issuer if isinstance(issuer, str) else None


def _acceptable_type(typ: object) -> bool:
    if not isinstance(typ, str):
        return False
    typ = typ.lower()
    return typ.removeprefix("application/") in TOKEN_TYPES


def _text(claims: dict[str, Any], name: str) -> str | None:
    value = claims.get(name)
    return value if isinstance(value, str) and value.strip() else None


class OidcVerifier:
    """One per process: it holds the provider's key set, cached between requests."""

    def __init__(
        self,
        issuer: str,
        audience: str,
        jwks_url: str,
        *,
        refetch_interval: timedelta = REFETCH_INTERVAL,
    ) -> None:
        self.issuer = issuer
        self.audience = audience
        self.jwks_url = jwks_url
        self.refetch_interval = refetch_interval
        self._keys: KeySet | None = None
        self._fetched_at: datetime | None = None  # the last attempt, successful or not
        self._lock = asyncio.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> OidcVerifier | None:
        """None unless all three settings are given (`Settings.check_servable` refuses a part)."""
        if settings.oidc_issuer and settings.oidc_audience and settings.oidc_jwks_url:
            return cls(settings.oidc_issuer, settings.oidc_audience, settings.oidc_jwks_url)
        return None

    async def verify(self, token: str, now: datetime) -> ExternalIdentity:
        """Raises `InvalidTokenError` for anything but a valid access token of this provider."""
        try:
            header = jws.extract_compact(token.encode()).headers()
        except (JoseError, ValueError, TypeError) as error:
            raise InvalidTokenError("malformed token") from error
        algorithm = header.get("alg")
        if not isinstance(algorithm, str) or algorithm not in ALGORITHMS:
            raise InvalidTokenError(f"algorithm {algorithm!r} is not accepted")
        if not _acceptable_type(header.get("typ")):
            raise InvalidTokenError(f"token type {header.get('typ')!r} is not accepted")
        kid = header.get("kid")
        if kid is not None and not isinstance(kid, str):
            raise InvalidTokenError("kid must be a string")
        key = await self._key_for(kid, algorithm, now)
        try:
            decoded = jwt.decode(token, key, algorithms=[algorithm])
            jwt.JWTClaimsRegistry(
                now=int(now.timestamp()),
                leeway=LEEWAY_SECONDS,
                iss={"essential": True, "value": self.issuer},
                aud={"essential": True, "value": self.audience},
                exp={"essential": True},
                sub={"essential": True},
            ).validate(decoded.claims)
        except (JoseError, ValueError, TypeError) as error:
            raise InvalidTokenError(str(error) or type(error).__name__) from error
        claims = decoded.claims
        verified = claims.get("email_verified")
        return ExternalIdentity(
            issuer=self.issuer,
            subject=str(claims["sub"]),
            name=_text(claims, "name") or _text(claims, "preferred_username"),
            email=_text(claims, "email"),
            email_verified=verified if isinstance(verified, bool) else None,
            zoneinfo=_text(claims, "zoneinfo"),
        )

    async def _key_for(self, kid: str | None, algorithm: str, now: datetime) -> Key:
        key = self._lookup(kid, algorithm)
        if key is None:
            async with self._lock:
                # Whoever held the lock may have just fetched the set this token needs.
                key = self._lookup(kid, algorithm)
                if key is None and self._may_fetch(now):
                    await self._fetch(now)
                    key = self._lookup(kid, algorithm)
        if key is None:
            raise InvalidTokenError(f"no key {kid!r} for {algorithm} in the issuer's key set")
        return key

    def _lookup(self, kid: str | None, algorithm: str) -> Key | None:
        if self._keys is None:
            return None
        candidates = [
            key
            for key in self._keys
            if key.key_type == ALGORITHMS[algorithm]
            and key.get("use") in (None, "sig")
            and key.get("alg") in (None, algorithm)
        ]
        if kid is None:  # only unambiguous without a kid
            return candidates[0] if len(candidates) == 1 else None
        return next((key for key in candidates if key.kid == kid), None)

    def _may_fetch(self, now: datetime) -> bool:
        return self._fetched_at is None or now - self._fetched_at >= self.refetch_interval

    async def _fetch(self, now: datetime) -> None:
        """Replace the cached set; on any failure keep the old one (and wait out the interval)."""
        self._fetched_at = now
        try:
            async with httpx.AsyncClient(timeout=JWKS_TIMEOUT_SECONDS) as http:
                response = await http.get(self.jwks_url, headers={"Accept": "application/json"})
            response.raise_for_status()
            keys = KeySet.import_key_set(response.json())
        except (httpx.HTTPError, JoseError, ValueError, KeyError, TypeError) as error:
            logger.warning("could not fetch the JWKS at %s: %s", self.jwks_url, error)
            return
        self._keys = keys
        logger.info("fetched %d keys from %s", len(keys.keys), self.jwks_url)


async def user_for(identity: ExternalIdentity, now: datetime) -> models.User:
    """The user of an (issuer, subject) pair, created on first sight.

    Never linked to an existing account by e-mail: the provider's `email` claim is not proof
    that the bearer owns the password account registered under that address (the provider
    may not verify addresses, may let users edit them, and addresses get reassigned). Linking
    on it would let anyone who can get a token saying "email: victim@..." take that account
    over. So the e-mail is stored only when no other user has it, and only for display: it
    never signs anyone in. Joining two accounts would have to be an explicit step by a user
    signed in to both.
    """
    found = await _find(identity)
    if found is not None:
        return found
    email = _usable_email(identity)
    if email is not None and await models.User.find_one(models.User.email == email) is not None:
        email = None
    # A duplicate key: a concurrent first request created this identity (the pair is unique),
    # or another account took the e-mail in between. Use theirs, or retry without the e-mail.
    for attempt_email in dict.fromkeys((email, None)):
        user = _new_user(identity, attempt_email, now)
        try:
            await user.insert()
        except DuplicateKeyError:
            found = await _find(identity)
            if found is not None:
                return found
            continue
        logger.info("created a user for subject %s of %s", identity.subject, identity.issuer)
        return user
    raise RuntimeError("could not create a user for this identity")


async def _find(identity: ExternalIdentity) -> models.User | None:
    return await models.User.find_one(
        models.User.external_issuer == identity.issuer,
        models.User.external_subject == identity.subject,
    )


def _usable_email(identity: ExternalIdentity) -> str | None:
    # Deferred: validation imports the schema package, which (through the context) imports this.
    from hundred_days import validation
    from hundred_days.schema.errors import FieldErrors

    if identity.email is None or identity.email_verified is False:
        return None
    email = identity.email.strip().lower()
    errors = FieldErrors()
    validation.email(errors, "email", email)
    return None if errors else email


def _new_user(identity: ExternalIdentity, email: str | None, now: datetime) -> models.User:
    from hundred_days import validation

    name = "".join(char for char in identity.name or "" if char.isprintable()).strip()
    timezone = (
        identity.zoneinfo if identity.zoneinfo and is_valid_timezone(identity.zoneinfo) else None
    )
    return models.User(
        email=email,
        password_hash=None,
        display_name=name[: validation.DISPLAY_NAME_MAX] or DEFAULT_DISPLAY_NAME,
        timezone=timezone or "UTC",
        external_issuer=identity.issuer,
        external_subject=identity.subject,
        created_at=now,
    )
