from __future__ import annotations

import dataclasses
from datetime import date

import strawberry

from hundred_days.schema.enums import ChallengeStatus, ProjectStatus, Visibility, Weekday


def _nulls_to_defaults(data: object) -> None:
    """An explicit null in an optional field with a default means that default (as DESIGN.md
    writes these inputs: `description: String = ""`), exactly as if the field were left out."""
    for field in dataclasses.fields(data):  # type: ignore[arg-type]
        if getattr(data, field.name) is not None:
            continue
        if field.default is not dataclasses.MISSING:
            setattr(data, field.name, field.default)
        elif field.default_factory is not dataclasses.MISSING:
            setattr(data, field.name, field.default_factory())


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
    description: str = strawberry.field(default="", graphql_type=str | None)
    start_date: date | None = strawberry.field(default=None, description="Default: owner's today.")
    target_days: int = strawberry.field(default=100, graphql_type=int | None)
    rest_days: list[Weekday] = strawberry.field(
        default_factory=list, graphql_type=list[Weekday] | None
    )
    tags: list[str] = strawberry.field(default_factory=list, graphql_type=list[str] | None)
    visibility: Visibility = strawberry.field(
        default=Visibility.PRIVATE, graphql_type=Visibility | None
    )

    def __post_init__(self) -> None:
        _nulls_to_defaults(self)


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
    description: str = strawberry.field(default="", graphql_type=str | None)
    repo_url: str | None = None
    status: ProjectStatus = strawberry.field(
        default=ProjectStatus.PLANNED, graphql_type=ProjectStatus | None
    )
    tags: list[str] = strawberry.field(default_factory=list, graphql_type=list[str] | None)

    def __post_init__(self) -> None:
        _nulls_to_defaults(self)


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
    note: str = strawberry.field(default="", graphql_type=str | None)
    links: list[str] = strawberry.field(default_factory=list, graphql_type=list[str] | None)
    project_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, graphql_type=list[strawberry.ID] | None
    )

    def __post_init__(self) -> None:
        _nulls_to_defaults(self)
