"""Who is calling: the bearer token, verified once per request, and the viewer it names.

Two kinds of access token are accepted: the ones this server issues (HS256, `tokens.py`) and,
when configured, an external identity provider's (`oidc.py`). The token's `iss`, read before
any verification, only chooses which verifier runs; each verifier checks `iss` itself.

The rate limiter (before GraphQL) and the context (inside it) both need the verified token;
it is verified once and kept on the ASGI scope for the rest of the request.

A database outage while loading the viewer is not an authentication failure: it propagates
(as PyMongo's `ConnectionFailure`) and the app answers 503 SERVICE_UNAVAILABLE.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from beanie import PydanticObjectId
from bson.errors import InvalidId

from hundred_days.auth.oidc import ExternalIdentity, unverified_issuer, user_for
from hundred_days.auth.tokens import InvalidTokenError
from hundred_days.context import Context, Services

INVALID_TOKEN = "Invalid or expired access token"
MALFORMED_HEADER = "Authorization must be `Bearer <access token>`"
_SCOPE_KEY = "hundred_days.bearer"


@dataclass(frozen=True, slots=True)
class Bearer:
    """A verified access token: one of ours (a user id) or the identity provider's."""

    user_id: PydanticObjectId | None = None
    identity: ExternalIdentity | None = None
    error: str | None = None  # why the token presented is not accepted

    @property
    def subject(self) -> str | None:
        """Stable per caller, for rate limits; None when no valid token was presented."""
        if self.identity is not None:
            return f"{self.identity.issuer}|{self.identity.subject}"
        return str(self.user_id) if self.user_id is not None else None


async def _verify(services: Services, authorization: str | None) -> Bearer:
    if not authorization:
        return Bearer()
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return Bearer(error=MALFORMED_HEADER)
    now = services.clock()
    oidc = services.oidc
    try:
        if oidc is not None and unverified_issuer(token) == oidc.issuer:
            return Bearer(identity=await oidc.verify(token, now))
        claims = services.tokens.verify_access_token(token, now)
        return Bearer(user_id=PydanticObjectId(claims.subject))
    except (InvalidTokenError, InvalidId, TypeError):
        return Bearer(error=INVALID_TOKEN)


async def bearer(
    services: Services, scope: MutableMapping[str, Any], authorization: str | None
) -> Bearer:
    """The request's verified token, verified on first use and then reused."""
    found = scope.get(_SCOPE_KEY)
    if isinstance(found, Bearer):
        return found
    verified = await _verify(services, authorization)
    scope[_SCOPE_KEY] = verified
    return verified


async def authenticate(context: Context, authorization: str | None) -> None:
    services = context.services
    token = await bearer(services, context.request.scope, authorization)
    if token.error is not None:
        context.auth_error = token.error
        return
    if token.subject is None:
        return
    services.database.require_ready()
    if token.identity is not None:
        viewer = await user_for(token.identity, context.now())
        assert viewer.id is not None
        context.loaders.user.prime(viewer.id, viewer)
        context.viewer = viewer
        return
    assert token.user_id is not None
    context.viewer = await context.loaders.user.load(token.user_id)
    if context.viewer is None:
        context.auth_error = INVALID_TOKEN
