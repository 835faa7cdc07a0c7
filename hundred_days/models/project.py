from datetime import datetime
from enum import StrEnum

import pymongo
from beanie import Document, PydanticObjectId
from pydantic import Field
from pymongo import IndexModel

from hundred_days.models.base import utc_now


class ProjectStatus(StrEnum):
    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"


class Project(Document):
    challenge_id: PydanticObjectId
    owner_id: PydanticObjectId
    name: str
    description: str = ""
    repo_url: str | None = None
    status: ProjectStatus = ProjectStatus.PLANNED
    tags: list[str] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "projects"
        indexes = [
            IndexModel([("challenge_id", pymongo.ASCENDING), ("created_at", pymongo.ASCENDING)])
        ]
