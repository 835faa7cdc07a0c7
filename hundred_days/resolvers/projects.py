"""createProject, updateProject, deleteProject."""

from __future__ import annotations

from strawberry import UNSET

from hundred_days import models, validation
from hundred_days.context import Info
from hundred_days.resolvers.access import owned_challenge, owned_project
from hundred_days.schema.errors import FieldErrors, not_found
from hundred_days.schema.ids import object_id_of, to_global_id
from hundred_days.schema.inputs import CreateProjectInput, UpdateProjectInput
from hundred_days.schema.payloads import DeleteResult, DeleteSuccess, ProjectResult
from hundred_days.schema.types import Project


def _check_input(errors: FieldErrors, data: CreateProjectInput | UpdateProjectInput) -> None:
    """Every limit of the fields given (in an update, None is a field left as it is)."""
    if data.name is not None:
        validation.text(errors, "name", data.name, minimum=1, maximum=validation.NAME_MAX)
    if data.description is not None:
        validation.text(errors, "description", data.description, maximum=validation.DESCRIPTION_MAX)
    if isinstance(data.repo_url, str):  # None, or UNSET in an update, is no link
        validation.url(errors, "repoUrl", data.repo_url)
    if data.tags is not None:
        validation.tags(errors, "tags", data.tags)


async def create_project(info: Info, data: CreateProjectInput) -> ProjectResult:
    challenge = await owned_challenge(info, object_id_of(data.challenge_id, "Challenge"))
    if challenge is None or challenge.id is None:
        return not_found("Challenge")
    errors = FieldErrors()
    _check_input(errors, data)
    if errors:
        return errors.error()
    now = info.context.now()
    doc = models.Project(
        challenge_id=challenge.id,
        owner_id=challenge.owner_id,
        name=data.name.strip(),
        description=data.description,
        repo_url=data.repo_url,
        status=data.status,
        tags=validation.normalized_tags(data.tags),
        created_at=now,
        updated_at=now,
    )
    await doc.insert()
    info.context.loaders.clear_all()
    return Project.from_doc(doc)


async def update_project(info: Info, id: str, data: UpdateProjectInput) -> ProjectResult:
    doc = await owned_project(info, object_id_of(id, "Project"))
    if doc is None:
        return not_found("Project")
    errors = FieldErrors()
    _check_input(errors, data)
    if errors:
        return errors.error()
    changes = validation.given(
        name=validation.stripped(data.name),
        description=data.description,
        status=data.status,
        tags=validation.normalized_tags(data.tags) if data.tags is not None else None,
        updated_at=info.context.now(),
    )
    if data.repo_url is not UNSET:  # here null is a value: it removes the link
        changes["repo_url"] = data.repo_url
    await doc.set(changes)
    info.context.loaders.clear_all()
    return Project.from_doc(doc)


async def delete_project(info: Info, id: str) -> DeleteResult:
    doc = await owned_project(info, object_id_of(id, "Project"))
    if doc is None or doc.id is None:
        return not_found("Project")
    await doc.delete()
    await models.DailyLog.find(models.DailyLog.challenge_id == doc.challenge_id).update(
        {"$pull": {"project_ids": doc.id}}
    )
    info.context.loaders.clear_all()
    return DeleteSuccess(id=to_global_id("Project", doc.id))
