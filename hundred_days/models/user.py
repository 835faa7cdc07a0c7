from datetime import datetime

import pymongo
from beanie import Document
from pydantic import Field
from pymongo import IndexModel

from hundred_days.models.base import utc_now


class User(Document):
    email: str | None = None  # lower-cased; None for an external identity without one
    password_hash: str | None = None  # None for accounts of the external identity provider
    display_name: str
    timezone: str = "UTC"
    day_start_hour: int = 0
    external_issuer: str | None = None
    external_subject: str | None = None
    created_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "users"
        keep_nulls = False  # an absent email stays out of the sparse unique index
        indexes = [
            IndexModel(
                [("email", pymongo.ASCENDING)],
                unique=True,
                sparse=True,
            ),
            # One user per identity of an external provider. Sparse: password accounts have
            # neither field (keep_nulls = False), so they stay out of it.
            IndexModel(
                [("external_issuer", pymongo.ASCENDING), ("external_subject", pymongo.ASCENDING)],
                name="external_identity_unique",
                unique=True,
                sparse=True,
            ),
        ]
