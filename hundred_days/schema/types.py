"""The object types of the contract. Each wraps its document; relations go through loaders."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Self

import strawberry
from beanie import PydanticObjectId
from strawberry import relay

from hundred_days import models
from hundred_days.analytics import day_numbers
from hundred_days.context import Info
from hundred_days.models.base import as_utc
from hundred_days.resolvers import progress
from hundred_days.resolvers.access import can_view, visible_challenge
from hundred_days.schema.enums import ChallengeStatus, ProjectStatus, Visibility, Weekday
from hundred_days.schema.errors import bad_user_input
from hundred_days.schema.pagination import paginate
from hundred_days.schema.progress import CalendarDay, ChallengeStats


@strawberry.type
class User(relay.Node):
    doc: strawberry.Private[models.User]
    id: relay.NodeID[str]
    display_name: str
    timezone: str
    day_start_hour: int
    created_at: datetime

    @classmethod
    def from_doc(cls, doc: models.User) -> Self:
        return cls(
            doc=doc,
            id=str(doc.id),
            display_name=doc.display_name,
            timezone=doc.timezone,
            day_start_hour=doc.day_start_hour,
            created_at=as_utc(doc.created_at),
        )

    @strawberry.field(description="Only for the signed-in user themself; null for anyone else.")
    def email(self, info: Info) -> str | None:
        return self.doc.email if info.context.is_viewer(self.doc.id) else None

    @strawberry.field(description="Newest first; only the challenges the viewer may see.")
    async def challenges(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: ChallengeStatus | None = None,
    ) -> ChallengeConnection:
        assert self.doc.id is not None
        return await challenges_of(info, self.doc.id, first, after, status)


@strawberry.type
class Challenge(relay.Node):
    doc: strawberry.Private[models.Challenge]
    id: relay.NodeID[str]
    title: str
    description: str
    start_date: date
    target_days: int
    status: ChallengeStatus
    rest_days: list[Weekday]
    visibility: Visibility
    tags: list[str]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_doc(cls, doc: models.Challenge) -> Self:
        return cls(
            doc=doc,
            id=str(doc.id),
            title=doc.title,
            description=doc.description,
            start_date=date.fromisoformat(doc.start_date),
            target_days=doc.target_days,
            status=doc.status,
            rest_days=[Weekday.of(number) for number in sorted(doc.rest_days)],
            visibility=doc.visibility,
            tags=doc.tags,
            created_at=as_utc(doc.created_at),
            updated_at=as_utc(doc.updated_at),
        )

    @strawberry.field
    async def owner(self, info: Info) -> User:
        owner = await info.context.loaders.user.load(self.doc.owner_id)
        if owner is None:
            raise LookupError(f"challenge {self.doc.id} has no owner")
        return User.from_doc(owner)

    @strawberry.field(description="Oldest first.")
    async def projects(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> ProjectConnection:
        assert self.doc.id is not None
        projects = await info.context.loaders.projects_by_challenge.load(self.doc.id)
        return paginate(ProjectConnection, projects, first, after, Project.from_doc)

    @strawberry.field(description="Newest first (by date); `from` and `to` are inclusive.")
    async def logs(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> DailyLogConnection:
        assert self.doc.id is not None
        if from_ is not None and to is not None and from_ > to:
            raise bad_user_input("`from` must not be after `to`")
        logs = await info.context.loaders.logs_by_challenge.load(self.doc.id)
        low = from_.isoformat() if from_ else ""
        high = to.isoformat() if to else "9999-12-31"
        newest_first = [log for log in reversed(logs) if low <= log.date <= high]
        return paginate(DailyLogConnection, newest_first, first, after, DailyLog.from_doc)

    @strawberry.field(description="Progress by the owner's calendar.")
    async def stats(self, info: Info) -> ChallengeStats:
        return await progress.stats(info, self.doc)

    @strawberry.field(description="One day per date, ascending; default startDate .. today.")
    async def calendar(
        self,
        info: Info,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> list[CalendarDay]:
        return await progress.calendar(info, self.doc, from_, to)


@strawberry.type
class Project(relay.Node):
    doc: strawberry.Private[models.Project]
    id: relay.NodeID[str]
    name: str
    description: str
    repo_url: str | None
    status: ProjectStatus
    tags: list[str]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_doc(cls, doc: models.Project) -> Self:
        return cls(
            doc=doc,
            id=str(doc.id),
            name=doc.name,
            description=doc.description,
            repo_url=doc.repo_url,
            status=doc.status,
            tags=doc.tags,
            created_at=as_utc(doc.created_at),
            updated_at=as_utc(doc.updated_at),
        )

    @strawberry.field
    async def challenge(self, info: Info) -> Challenge:
        return await _challenge_of(info, self.doc.challenge_id)

    async def _logs(self, info: Info) -> list[models.DailyLog]:
        logs = await info.context.loaders.logs_by_challenge.load(self.doc.challenge_id)
        return [log for log in logs if self.doc.id in log.project_ids]

    @strawberry.field(description="The minutes of the logs that name this project.")
    async def minutes(self, info: Info) -> int:
        return sum(log.minutes for log in await self._logs(info))

    @strawberry.field(description="How many logs name this project.")
    async def log_count(self, info: Info) -> int:
        return len(await self._logs(info))


@strawberry.type
class DailyLog(relay.Node):
    doc: strawberry.Private[models.DailyLog]
    id: relay.NodeID[str]
    date: date
    minutes: int
    note: str
    links: list[str]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_doc(cls, doc: models.DailyLog) -> Self:
        return cls(
            doc=doc,
            id=str(doc.id),
            date=date.fromisoformat(doc.date),
            minutes=doc.minutes,
            note=doc.note,
            links=doc.links,
            created_at=as_utc(doc.created_at),
            updated_at=as_utc(doc.updated_at),
        )

    @strawberry.field
    async def challenge(self, info: Info) -> Challenge:
        return await _challenge_of(info, self.doc.challenge_id)

    @strawberry.field(description='The ordinal of this day among the DONE days ("Day 37").')
    async def day_number(self, info: Info) -> int | None:
        challenge = await info.context.loaders.challenge.load(self.doc.challenge_id)
        if challenge is None:
            return None
        logs = await info.context.loaders.logs_by_challenge.load(self.doc.challenge_id)
        numbers = day_numbers(progress.day_rows(logs), date.fromisoformat(challenge.start_date))
        return numbers.get(self.date)

    @strawberry.field(description="In the order logDay named them.")
    async def projects(self, info: Info) -> list[Project]:
        found = await info.context.loaders.project.load_many(self.doc.project_ids)
        return [Project.from_doc(project) for project in found if project is not None]


async def _challenge_of(info: Info, challenge_id: PydanticObjectId) -> Challenge:
    # Reached only through a visible challenge or a checked node; re-checked all the same.
    challenge = await visible_challenge(info, challenge_id)
    if challenge is None:
        raise LookupError(f"challenge {challenge_id} is not visible here")
    return Challenge.from_doc(challenge)


async def challenges_of(
    info: Info,
    owner_id: PydanticObjectId,
    first: int | None,
    after: str | None,
    status: ChallengeStatus | None,
) -> ChallengeConnection:
    """A person's challenges that the viewer may see, newest first."""
    owned = await info.context.loaders.challenges_by_owner.load(owner_id)
    visible = [
        challenge
        for challenge in owned
        if can_view(info, challenge) and (status is None or challenge.status == status)
    ]
    return paginate(ChallengeConnection, visible, first, after, Challenge.from_doc)


@strawberry.type
class ChallengeConnection(relay.Connection[Challenge]):
    total_count: int


@strawberry.type
class ProjectConnection(relay.Connection[Project]):
    total_count: int


@strawberry.type
class DailyLogConnection(relay.Connection[DailyLog]):
    total_count: int
