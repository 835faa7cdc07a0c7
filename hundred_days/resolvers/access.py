"""Who may see and change what. A challenge the viewer may not see does not exist for them."""

from __future__ import annotations

from beanie import PydanticObjectId

from hundred_days import models
from hundred_days.context import Info


def can_view(info: Info, challenge: models.Challenge) -> bool:
    return challenge.visibility is models.Visibility.PUBLIC or info.context.is_viewer(
        challenge.owner_id
    )


async def visible_challenge(
    info: Info, challenge_id: PydanticObjectId | None
) -> models.Challenge | None:
    if challenge_id is None:
        return None
    challenge = await info.context.loaders.challenge.load(challenge_id)
    return challenge if challenge is not None and can_view(info, challenge) else None


async def owned_challenge(
    info: Info, challenge_id: PydanticObjectId | None
) -> models.Challenge | None:
    if challenge_id is None:
        return None
    challenge = await info.context.loaders.challenge.load(challenge_id)
    if challenge is None or not info.context.is_viewer(challenge.owner_id):
        return None
    return challenge


async def owned_project(info: Info, project_id: PydanticObjectId | None) -> models.Project | None:
    if project_id is None:
        return None
    project = await info.context.loaders.project.load(project_id)
    return project if project is not None and info.context.is_viewer(project.owner_id) else None


async def owned_log(info: Info, log_id: PydanticObjectId | None) -> models.DailyLog | None:
    if log_id is None:
        return None
    log = await info.context.loaders.log.load(log_id)
    return log if log is not None and info.context.is_viewer(log.owner_id) else None
