from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry import relay

from hundred_days import health
from hundred_days.auth.permissions import IsAuthenticated
from hundred_days.context import Info
from hundred_days.resolvers import challenges, nodes, progress
from hundred_days.schema.enums import ChallengeStatus
from hundred_days.schema.progress import Dashboard
from hundred_days.schema.types import Challenge, ChallengeConnection, User


@strawberry.type
class Health:
    status: str
    timestamp: datetime
    environment: str
    database: str
    version: str
    store: str = strawberry.field(description='"mongodb", or the embedded in-memory store.')


@strawberry.type
class Query:
    @strawberry.field(description="No authentication needed.")
    async def health(self, info: Info) -> Health:
        services = info.context.services
        report = await health.check(
            services.database, services.settings.environment.value, info.context.now()
        )
        return Health(
            status=report.status,
            timestamp=report.timestamp,
            environment=report.environment,
            database=report.database,
            version=report.version,
            store=report.store,
        )

    @strawberry.field(description="The signed-in user; null when not signed in.")
    def me(self, info: Info) -> User | None:
        viewer = info.context.viewer
        return User.from_doc(viewer) if viewer is not None else None

    @strawberry.field
    async def node(self, info: Info, id: strawberry.ID) -> relay.Node | None:
        return await nodes.node(info, id)

    @strawberry.field(description="Null when missing or not visible to the viewer.")
    async def challenge(self, info: Info, id: strawberry.ID) -> Challenge | None:
        return await challenges.challenge(info, id)

    @strawberry.field(
        description="The viewer's activity over all their challenges; default: the last 365 days.",
        permission_classes=[IsAuthenticated],
    )
    async def dashboard(
        self,
        info: Info,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> Dashboard:
        return await progress.dashboard(info, from_, to)

    @strawberry.field(
        description="The viewer's challenges, newest first.", permission_classes=[IsAuthenticated]
    )
    async def challenges(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: ChallengeStatus | None = None,
    ) -> ChallengeConnection:
        return await challenges.my_challenges(info, first, after, status)
