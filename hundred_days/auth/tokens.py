"""The tokens this server issues: short-lived JWT access tokens and opaque refresh tokens."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

from hundred_days.settings import Settings

ALGORITHM = "HS256"


class InvalidTokenError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class AccessClaims:
    subject: str


class TokenService:
    def __init__(self, settings: Settings) -> None:
        self._key = OctKey.import_key(settings.secret_key.encode())
        self._issuer = settings.issuer
        self._audience = settings.audience
        self.access_lifetime = timedelta(minutes=settings.access_token_minutes)
        self.refresh_lifetime = timedelta(days=settings.refresh_token_days)

    def issue_access_token(self, subject: str, now: datetime) -> str:
        issued = int(now.timestamp())
        claims = {
            "iss": self._issuer,
            "aud": self._audience,
            "sub": subject,
            "iat": issued,
            "nbf": issued,
            "exp": issued + int(self.access_lifetime.total_seconds()),
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode({"alg": ALGORITHM, "typ": "at+jwt"}, claims, self._key)

    def verify_access_token(self, token: str, now: datetime) -> AccessClaims:
        """Pins the algorithm (so `none` and key-type swaps fail) and requires exp, iss, aud."""
        try:
            decoded = jwt.decode(token, self._key, algorithms=[ALGORITHM])
            registry = jwt.JWTClaimsRegistry(
                now=int(now.timestamp()),
                leeway=5,
                iss={"essential": True, "value": self._issuer},
                aud={"essential": True, "value": self._audience},
                exp={"essential": True},
                sub={"essential": True},
            )
            registry.validate(decoded.claims)
        except (JoseError, ValueError, TypeError) as error:
            raise InvalidTokenError(str(error)) from error
        return AccessClaims(subject=str(decoded.claims["sub"]))


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def new_token_family() -> str:
    return uuid.uuid4().hex


def hash_refresh_token(token: str) -> str:
    """Refresh tokens are 256 random bits: a fast hash is enough, and lookups stay indexed."""
    return hashlib.sha256(token.encode()).hexdigest()
