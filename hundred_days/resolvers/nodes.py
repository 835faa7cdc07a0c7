"""node(id:): any object the viewer may see, by its global ID."""

from __future__ import annotations

from strawberry import relay

from hundred_days.context import Info
from hundred_days.resolvers.access import visible_challenge
from hundred_days.schema.ids import parse_global_id
from hundred_days.schema.types import Challenge, DailyLog, Project, User


async def node(info: Info, id: str) -> relay.Node | None:
    parsed = parse_global_id(id)
    if parsed is None:
        return None
    type_name, object_id = parsed
    loaders = info.context.loaders
    if type_name == "User":
        user = await loaders.user.load(object_id)
        return User.from_doc(user) if user is not None else None
    if type_name == "Challenge":
        challenge = await visible_challenge(info, object_id)
        return Challenge.from_doc(challenge) if challenge is not None else None
    if type_name == "Project":
        project = await loaders.project.load(object_id)
        if project is None or await visible_challenge(info, project.challenge_id) is None:
            return None
        return Project.from_doc(project)
    if type_name == "DailyLog":
        log = await loaders.log.load(object_id)
        if log is None or await visible_challenge(info, log.challenge_id) is None:
            return None
        return DailyLog.from_doc(log)
    return None
