"""Success payloads and the result unions of every mutation."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hundred_days.schema.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    ValidationError,
)
from hundred_days.schema.progress import CalendarDay
from hundred_days.schema.types import Challenge, DailyLog, Project, User


@strawberry.type
class AuthPayload:
    access_token: str
    refresh_token: str
    expires_in: int = strawberry.field(description="Seconds until the access token expires.")
    user: User


@strawberry.type
class DeleteSuccess:
    id: strawberry.ID


AuthResult = Annotated[
    AuthPayload | ValidationError | AuthenticationError | ConflictError,
    strawberry.union("AuthResult"),
]
UserResult = Annotated[User | ValidationError, strawberry.union("UserResult")]
ChallengeResult = Annotated[
    Challenge | ValidationError | NotFoundError, strawberry.union("ChallengeResult")
]
ProjectResult = Annotated[
    Project | ValidationError | NotFoundError, strawberry.union("ProjectResult")
]
LogDayResult = Annotated[
    DailyLog | ValidationError | NotFoundError, strawberry.union("LogDayResult")
]
DeleteResult = Annotated[DeleteSuccess | NotFoundError, strawberry.union("DeleteResult")]
SkipDayResult = Annotated[
    CalendarDay | ValidationError | NotFoundError, strawberry.union("SkipDayResult")
]
