"""Decode the viewer once per request, from `Authorization: Bearer <token>`."""

from __future__ import annotations

from beanie import PydanticObjectId
from bson.errors import InvalidId

from hundred_days.auth.tokens import InvalidTokenError
from hundred_days.context import Context

INVALID_TOKEN = "Invalid or expired access token"


async def authenticate(context: Context, authorization: str | None) -> None:
    if not authorization:
        return
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        context.auth_error = "Authorization must be `Bearer <access token>`"
        return
    try:
        claims = context.services.tokens.verify_access_token(token.strip(), context.now())
        user_id = PydanticObjectId(claims.subject)
    except (InvalidTokenError, InvalidId, TypeError):
        context.auth_error = INVALID_TOKEN
        return
    context.viewer = await context.loaders.user.load(user_id)
    if context.viewer is None:
        context.auth_error = INVALID_TOKEN
