"""createChallenge, updateChallenge, deleteChallenge, and the challenge queries."""

from __future__ import annotations

from datetime import date

from hundred_days import models, validation
from hundred_days.context import Info
from hundred_days.resolvers.access import owned_challenge, visible_challenge
from hundred_days.resolvers.progress import sync_completion
from hundred_days.schema.enums import ChallengeStatus, Weekday
from hundred_days.schema.errors import FieldErrors, not_found
from hundred_days.schema.ids import object_id_of, to_global_id
from hundred_days.schema.inputs import CreateChallengeInput, UpdateChallengeInput
from hundred_days.schema.payloads import ChallengeResult, DeleteResult, DeleteSuccess
from hundred_days.schema.types import Challenge, ChallengeConnection, challenges_of


def _check_input(
    errors: FieldErrors, data: CreateChallengeInput | UpdateChallengeInput, today: date
) -> None:
    """Every limit of the fields given (in an update, None is a field left as it is)."""
    if data.title is not None:
        validation.text(errors, "title", data.title, minimum=1, maximum=validation.TITLE_MAX)
    if data.description is not None:
        validation.text(errors, "description", data.description, maximum=validation.DESCRIPTION_MAX)
    if data.start_date is not None:
        validation.start_date(errors, "startDate", data.start_date, today)
    if data.target_days is not None:
        validation.int_range(errors, "targetDays", data.target_days, 1, validation.TARGET_DAYS_MAX)
    if data.rest_days is not None and len(set(data.rest_days)) > 6:
        errors.add("restDays", "at least one weekday must not be a rest day")
    if data.tags is not None:
        validation.tags(errors, "tags", data.tags)


def _weekday_numbers(rest_days: list[Weekday]) -> list[int]:
    return sorted({day.number for day in rest_days})


async def challenge(info: Info, id: str) -> Challenge | None:
    found = await visible_challenge(info, object_id_of(id, "Challenge"))
    return Challenge.from_doc(found) if found is not None else None


async def my_challenges(
    info: Info, first: int | None, after: str | None, status: ChallengeStatus | None
) -> ChallengeConnection:
    viewer = info.context.viewer
    assert viewer is not None
    assert viewer.id is not None
    return await challenges_of(info, viewer.id, first, after, status)


async def create_challenge(info: Info, data: CreateChallengeInput) -> ChallengeResult:
    viewer = info.context.viewer
    assert viewer is not None
    assert viewer.id is not None
    today = info.context.today_for(viewer)
    errors = FieldErrors()
    _check_input(errors, data, today)
    if errors:
        return errors.error()
    now = info.context.now()
    doc = models.Challenge(
        owner_id=viewer.id,
        title=data.title.strip(),
        description=data.description,
        start_date=(data.start_date or today).isoformat(),
        target_days=data.target_days,
        rest_days=_weekday_numbers(data.rest_days),
        tags=validation.normalized_tags(data.tags),
        visibility=data.visibility,
        created_at=now,
        updated_at=now,
    )
    await doc.insert()
    info.context.loaders.clear_all()
    return Challenge.from_doc(doc)


async def update_challenge(info: Info, id: str, data: UpdateChallengeInput) -> ChallengeResult:
    viewer = info.context.viewer
    assert viewer is not None
    doc = await owned_challenge(info, object_id_of(id, "Challenge"))
    if doc is None:
        return not_found("Challenge")
    errors = FieldErrors()
    _check_input(errors, data, info.context.today_for(viewer))
    if errors:
        return errors.error()
    changes = validation.given(
        title=validation.stripped(data.title),
        description=data.description,
        start_date=data.start_date.isoformat() if data.start_date is not None else None,
        target_days=data.target_days,
        rest_days=_weekday_numbers(data.rest_days) if data.rest_days is not None else None,
        tags=validation.normalized_tags(data.tags) if data.tags is not None else None,
        visibility=data.visibility,
        status=data.status,
        updated_at=info.context.now(),
    )
    await doc.set(changes)
    info.context.loaders.clear_all()
    if data.status is None and (data.target_days is not None or data.start_date is not None):
        await sync_completion(info, doc)
    return Challenge.from_doc(doc)


async def delete_challenge(info: Info, id: str) -> DeleteResult:
    doc = await owned_challenge(info, object_id_of(id, "Challenge"))
    if doc is None or doc.id is None:
        return not_found("Challenge")
    # The challenge goes first: should a later step fail, what is left is unreachable.
    await doc.delete()
    await models.Project.find(models.Project.challenge_id == doc.id).delete()
    await models.DailyLog.find(models.DailyLog.challenge_id == doc.id).delete()
    info.context.loaders.clear_all()
    return DeleteSuccess(id=to_global_id("Challenge", doc.id))
