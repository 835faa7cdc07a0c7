from datetime import datetime

import pymongo
from beanie import Document, PydanticObjectId
from pydantic import Field
from pymongo import IndexModel

from hundred_days.models.base import utc_now


class RefreshToken(Document):
    """One refresh token, stored as a hash. Tokens rotated from one log-in share a family."""

    token_hash: str
    user_id: PydanticObjectId
    family_id: str
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None
    created_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "refresh_tokens"
        indexes = [
            IndexModel([("token_hash", pymongo.ASCENDING)], unique=True),
            IndexModel([("family_id", pymongo.ASCENDING)]),
        ]
