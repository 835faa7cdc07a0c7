from datetime import datetime

import pymongo
from beanie import Document, PydanticObjectId
from pydantic import Field
from pymongo import IndexModel

from hundred_days.models.base import utc_now


class DailyLog(Document):
    challenge_id: PydanticObjectId
    owner_id: PydanticObjectId
    date: str  # ISO date, the owner's calendar
    minutes: int
    note: str = ""
    links: list[str] = Field(default_factory=list)
    project_ids: list[PydanticObjectId] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "daily_logs"
        indexes = [
            IndexModel(
                [("challenge_id", pymongo.ASCENDING), ("date", pymongo.ASCENDING)], unique=True
            ),
            IndexModel([("owner_id", pymongo.ASCENDING), ("date", pymongo.ASCENDING)]),
        ]
