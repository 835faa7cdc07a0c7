from datetime import datetime
from enum import StrEnum

import pymongo
from beanie import Document, PydanticObjectId
from pydantic import Field
from pymongo import IndexModel

from hundred_days.models.base import utc_now


class ChallengeStatus(StrEnum):
    ACTIVE = "ACTIVE"
    PAUSED = "PAUSED"
    COMPLETED = "COMPLETED"
    ABANDONED = "ABANDONED"


class Visibility(StrEnum):
    PRIVATE = "PRIVATE"
    PUBLIC = "PUBLIC"


class Challenge(Document):
    owner_id: PydanticObjectId
    title: str
    description: str = ""
    start_date: str  # ISO date, the owner's calendar
    target_days: int = 100
    status: ChallengeStatus = ChallengeStatus.ACTIVE
    rest_days: list[int] = Field(default_factory=list)  # weekdays, 0 = Monday
    skipped_dates: list[str] = Field(default_factory=list)  # ISO dates marked by skipDay
    tags: list[str] = Field(default_factory=list)
    visibility: Visibility = Visibility.PRIVATE
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "challenges"
        indexes = [
            IndexModel([("owner_id", pymongo.ASCENDING), ("created_at", pymongo.DESCENDING)]),
        ]
