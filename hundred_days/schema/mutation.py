from __future__ import annotations

from datetime import date

import strawberry
from strawberry.permission import BasePermission

from hundred_days.auth.permissions import IsAuthenticated
from hundred_days.context import Info
from hundred_days.resolvers import accounts, challenges, logs, progress, projects
from hundred_days.schema.inputs import (
    CreateChallengeInput,
    CreateProjectInput,
    LogDayInput,
    LogInInput,
    SignUpInput,
    UpdateChallengeInput,
    UpdateProfileInput,
    UpdateProjectInput,
)
from hundred_days.schema.payloads import (
    AuthResult,
    ChallengeResult,
    DeleteResult,
    LogDayResult,
    ProjectResult,
    SkipDayResult,
    UserResult,
)

signed_in: list[type[BasePermission]] = [IsAuthenticated]


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def sign_up(self, info: Info, input: SignUpInput) -> AuthResult:
        return await accounts.sign_up(info, input)

    @strawberry.mutation
    async def log_in(self, info: Info, input: LogInInput) -> AuthResult:
        return await accounts.log_in(info, input)

    @strawberry.mutation(description="Rotates the refresh token: the one given stops working.")
    async def refresh_token(self, info: Info, token: str) -> AuthResult:
        return await accounts.refresh_token(info, token)

    @strawberry.mutation(
        description="Needs no access token; true for a known refresh token (even a revoked one)."
    )
    async def log_out(self, info: Info, refresh_token: str) -> bool:
        return await accounts.log_out(info, refresh_token)

    @strawberry.mutation(permission_classes=signed_in)
    async def update_profile(self, info: Info, input: UpdateProfileInput) -> UserResult:
        return await accounts.update_profile(info, input)

    @strawberry.mutation(permission_classes=signed_in, description="It starts ACTIVE.")
    async def create_challenge(self, info: Info, input: CreateChallengeInput) -> ChallengeResult:
        return await challenges.create_challenge(info, input)

    @strawberry.mutation(permission_classes=signed_in)
    async def update_challenge(
        self, info: Info, id: strawberry.ID, input: UpdateChallengeInput
    ) -> ChallengeResult:
        return await challenges.update_challenge(info, id, input)

    @strawberry.mutation(permission_classes=signed_in, description="Its projects and logs too.")
    async def delete_challenge(self, info: Info, id: strawberry.ID) -> DeleteResult:
        return await challenges.delete_challenge(info, id)

    @strawberry.mutation(permission_classes=signed_in)
    async def create_project(self, info: Info, input: CreateProjectInput) -> ProjectResult:
        return await projects.create_project(info, input)

    @strawberry.mutation(permission_classes=signed_in)
    async def update_project(
        self, info: Info, id: strawberry.ID, input: UpdateProjectInput
    ) -> ProjectResult:
        return await projects.update_project(info, id, input)

    @strawberry.mutation(permission_classes=signed_in)
    async def delete_project(self, info: Info, id: strawberry.ID) -> DeleteResult:
        return await projects.delete_project(info, id)

    @strawberry.mutation(
        permission_classes=signed_in,
        description="One log per date: logging a date again updates it.",
    )
    async def log_day(self, info: Info, input: LogDayInput) -> LogDayResult:
        return await logs.log_day(info, input)

    @strawberry.mutation(
        permission_classes=signed_in,
        description="Marks a past or current date without a log as SKIPPED.",
    )
    async def skip_day(self, info: Info, challenge_id: strawberry.ID, date: date) -> SkipDayResult:
        return await progress.skip_day(info, challenge_id, date)

    @strawberry.mutation(permission_classes=signed_in)
    async def delete_log(self, info: Info, id: strawberry.ID) -> DeleteResult:
        return await logs.delete_log(info, id)
