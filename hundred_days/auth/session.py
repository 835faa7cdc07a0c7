"""Decode the viewer once per request, from `Authorization: Bearer <token>`.

Two kinds of access token are accepted: the ones this server issues (HS256, `tokens.py`) and,
when configured, an external identity provider's (`oidc.py`). The token's `iss`, read before
any verification, only chooses which verifier runs; each verifier checks `iss` itself.

A database outage while loading the viewer is not an authentication failure: it propagates
(as PyMongo's `ConnectionFailure`) and the app answers 503 SERVICE_UNAVAILABLE.
"""

from __future__ import annotations

from beanie import PydanticObjectId
from bson.errors import InvalidId

from hundred_days.auth.oidc import ExternalIdentity, unverified_issuer, user_for
from hundred_days.auth.tokens import InvalidTokenError
from hundred_days.context import Context

INVALID_TOKEN = "Invalid or expired access token"


async def authenticate(context: Context, authorization: str | None) -> None:
    if not authorization:
        return
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        context.auth_error = "Authorization must be `Bearer <access token>`"
        return
    services = context.services
    oidc = services.oidc
    identity: ExternalIdentity | None = None
    try:
        if oidc is not None and unverified_issuer(token) == oidc.issuer:
            identity = await oidc.verify(token, context.now())
        else:
            claims = services.tokens.verify_access_token(token, context.now())
            user_id = PydanticObjectId(claims.subject)
    except (InvalidTokenError, InvalidId, TypeError):
        context.auth_error = INVALID_TOKEN
        return
    services.database.require_ready()
    if identity is not None:
        viewer = await user_for(identity, context.now())
        assert viewer.id is not None
        context.loaders.user.prime(viewer.id, viewer)
        context.viewer = viewer
        return
    context.viewer = await context.loaders.user.load(user_id)
    if context.viewer is None:
        context.auth_error = INVALID_TOKEN
