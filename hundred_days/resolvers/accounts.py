"""signUp, logIn, refreshToken, logOut, updateProfile."""

from __future__ import annotations

import asyncio

from pymongo.errors import DuplicateKeyError

from hundred_days import models, validation
from hundred_days.auth.passwords import hash_password, verify_password
from hundred_days.auth.tokens import hash_refresh_token, new_refresh_token, new_token_family
from hundred_days.context import Info
from hundred_days.models.base import as_utc
from hundred_days.schema.errors import AuthenticationError, ConflictError, FieldErrors
from hundred_days.schema.inputs import LogInInput, SignUpInput, UpdateProfileInput
from hundred_days.schema.payloads import AuthPayload, AuthResult, UserResult
from hundred_days.schema.types import User

_BAD_CREDENTIALS = "Invalid e-mail or password"
_BAD_REFRESH = "Invalid, expired or revoked refresh token"


def normalize_email(email: str) -> str:
    return email.strip().lower()


async def _issue(info: Info, user: models.User, family: str | None = None) -> AuthPayload:
    assert user.id is not None
    # The caller has just proven to be this user: the rest of the payload reads as theirs.
    info.context.viewer = user
    tokens = info.context.services.tokens
    now = info.context.now()
    refresh = new_refresh_token()
    await models.RefreshToken(
        token_hash=hash_refresh_token(refresh),
        user_id=user.id,
        family_id=family or new_token_family(),
        expires_at=now + tokens.refresh_lifetime,
        created_at=now,
    ).insert()
    return AuthPayload(
        access_token=tokens.issue_access_token(str(user.id), now),
        refresh_token=refresh,
        expires_in=int(tokens.access_lifetime.total_seconds()),
        user=User.from_doc(user),
    )


async def sign_up(info: Info, data: SignUpInput) -> AuthResult:
    email = normalize_email(data.email)
    errors = FieldErrors()
    validation.email(errors, "email", email)
    validation.password(errors, "password", data.password)
    validation.text(
        errors, "displayName", data.display_name, minimum=1, maximum=validation.DISPLAY_NAME_MAX
    )
    validation.timezone(errors, "timezone", data.timezone)
    if errors:
        return errors.error()
    if await models.User.find_one(models.User.email == email) is not None:
        return ConflictError(message="An account with this e-mail already exists")
    user = models.User(
        email=email,
        password_hash=await asyncio.to_thread(hash_password, data.password),
        display_name=data.display_name.strip(),
        timezone=data.timezone,
        created_at=info.context.now(),
    )
    try:
        await user.insert()
    except DuplicateKeyError:
        return ConflictError(message="An account with this e-mail already exists")
    return await _issue(info, user)


async def log_in(info: Info, data: LogInInput) -> AuthResult:
    user = await models.User.find_one(models.User.email == normalize_email(data.email))
    password_hash = user.password_hash if user is not None else None
    if not await asyncio.to_thread(verify_password, data.password, password_hash):
        return AuthenticationError(message=_BAD_CREDENTIALS)
    assert user is not None
    return await _issue(info, user)


async def _revoke_family(info: Info, family_id: str) -> None:
    await models.RefreshToken.find(
        models.RefreshToken.family_id == family_id,
        models.RefreshToken.revoked_at == None,  # noqa: E711 (a query)
    ).update({"$set": {"revoked_at": info.context.now()}})


async def refresh_token(info: Info, token: str) -> AuthResult:
    now = info.context.now()
    stored = await models.RefreshToken.find_one(
        models.RefreshToken.token_hash == hash_refresh_token(token)
    )
    if stored is None:
        return AuthenticationError(message=_BAD_REFRESH)
    if stored.revoked_at is not None or stored.used_at is not None:
        # A rotated token came back: whoever holds the family is suspect, so end it.
        await _revoke_family(info, stored.family_id)
        return AuthenticationError(message=_BAD_REFRESH)
    if as_utc(stored.expires_at) <= now:
        return AuthenticationError(message=_BAD_REFRESH)
    # Claim the token atomically: of two concurrent uses, only one rotates it.
    claimed = await models.RefreshToken.get_pymongo_collection().find_one_and_update(
        {"_id": stored.id, "used_at": None, "revoked_at": None}, {"$set": {"used_at": now}}
    )
    if claimed is None:
        await _revoke_family(info, stored.family_id)
        return AuthenticationError(message=_BAD_REFRESH)
    user = await info.context.loaders.user.load(stored.user_id)
    if user is None:
        return AuthenticationError(message=_BAD_REFRESH)
    return await _issue(info, user, family=stored.family_id)


async def log_out(info: Info, token: str) -> bool:
    stored = await models.RefreshToken.find_one(
        models.RefreshToken.token_hash == hash_refresh_token(token)
    )
    if stored is None:
        return False
    await _revoke_family(info, stored.family_id)
    return True


async def update_profile(info: Info, data: UpdateProfileInput) -> UserResult:
    viewer = info.context.viewer
    assert viewer is not None
    errors = FieldErrors()
    if data.display_name is not None:
        validation.text(
            errors,
            "displayName",
            data.display_name,
            minimum=1,
            maximum=validation.DISPLAY_NAME_MAX,
        )
    if data.timezone is not None:
        validation.timezone(errors, "timezone", data.timezone)
    if data.day_start_hour is not None:
        validation.int_range(
            errors, "dayStartHour", data.day_start_hour, 0, validation.DAY_START_HOUR_MAX
        )
    if errors:
        return errors.error()
    changes = validation.given(
        display_name=validation.stripped(data.display_name),
        timezone=data.timezone,
        day_start_hour=data.day_start_hour,
    )
    if changes:
        await viewer.set(changes)
        info.context.loaders.clear_all()
    return User.from_doc(viewer)
