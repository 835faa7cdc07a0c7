from __future__ import annotations

from datetime import date

import strawberry

from hundred_days.schema.enums import ChallengeStatus, ProjectStatus, Visibility, Weekday


@strawberry.input
class SignUpInput:
    email: str
    password: str
    display_name: str
    timezone: str = "UTC"


@strawberry.input
class LogInInput:
    email: str
    password: str


@strawberry.input(description="Omitted or null fields stay as they are.")
class UpdateProfileInput:
    display_name: str | None = None
    timezone: str | None = None
    day_start_hour: int | None = strawberry.field(
        default=None, description="Work before this hour (0-6) counts for the day before."
    )


@strawberry.input
class CreateChallengeInput:
    title: str
    description: str = ""
    start_date: date | None = strawberry.field(default=None, description="Default: owner's today.")
    target_days: int = 100
    rest_days: list[Weekday] = strawberry.field(default_factory=list)
    tags: list[str] = strawberry.field(default_factory=list)
    visibility: Visibility = Visibility.PRIVATE


@strawberry.input(description="Omitted or null fields stay as they are.")
class UpdateChallengeInput:
    title: str | None = None
    description: str | None = None
    start_date: date | None = None
    target_days: int | None = None
    rest_days: list[Weekday] | None = None
    tags: list[str] | None = None
    visibility: Visibility | None = None
    status: ChallengeStatus | None = None


@strawberry.input
class CreateProjectInput:
    challenge_id: strawberry.ID
    name: str
    description: str = ""
    repo_url: str | None = None
    status: ProjectStatus = ProjectStatus.PLANNED
    tags: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="Omitted fields stay as they are; a null repoUrl removes it.")
class UpdateProjectInput:
    name: str | None = None
    description: str | None = None
    repo_url: str | None = strawberry.UNSET
    status: ProjectStatus | None = None
    tags: list[str] | None = None


@strawberry.input
class LogDayInput:
    challenge_id: strawberry.ID
    date: date | None = strawberry.field(default=None, description="Default: owner's today.")
    minutes: int
    note: str = ""
    links: list[str] = strawberry.field(default_factory=list)
    project_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
