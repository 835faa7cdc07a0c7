"""logDay (an upsert on challenge and date) and deleteLog."""

from __future__ import annotations

from datetime import date
from typing import Any

from pymongo import ReturnDocument

from hundred_days import models, validation
from hundred_days.context import Info
from hundred_days.resolvers.access import owned_challenge, owned_log
from hundred_days.resolvers.progress import sync_completion
from hundred_days.schema.errors import FieldErrors, not_found
from hundred_days.schema.ids import object_id_of, to_global_id
from hundred_days.schema.inputs import LogDayInput
from hundred_days.schema.payloads import DeleteResult, DeleteSuccess, LogDayResult
from hundred_days.schema.types import DailyLog


async def log_day(info: Info, data: LogDayInput) -> LogDayResult:
    viewer = info.context.viewer
    assert viewer is not None
    challenge = await owned_challenge(info, object_id_of(data.challenge_id, "Challenge"))
    if challenge is None or challenge.id is None:
        return not_found("Challenge")
    today = info.context.today_for(viewer)
    day = data.date or today
    errors = FieldErrors()
    validation.challenge_day(errors, "date", day, today, date.fromisoformat(challenge.start_date))
    validation.int_range(errors, "minutes", data.minutes, 0, validation.MINUTES_MAX)
    validation.text(errors, "note", data.note, maximum=validation.NOTE_MAX)
    validation.links(errors, "links", data.links)
    project_ids = [object_id_of(value, "Project") for value in data.project_ids]
    projects = await info.context.loaders.projects_by_challenge.load(challenge.id)
    known = {project.id for project in projects}
    if any(pid not in known for pid in project_ids) or len(set(project_ids)) < len(project_ids):
        errors.add("projectIds", "each must be a project of this challenge, named once")
    if errors:
        return errors.error()
    now = info.context.now()
    fields: dict[str, Any] = {
        "minutes": data.minutes,
        "note": data.note,
        "links": data.links,
        "project_ids": project_ids,
        "updated_at": now,
    }
    raw = await models.DailyLog.get_pymongo_collection().find_one_and_update(
        {"challenge_id": challenge.id, "date": day.isoformat()},
        {
            "$set": fields,
            "$setOnInsert": {"owner_id": challenge.owner_id, "created_at": now},
        },
        upsert=True,
        return_document=ReturnDocument.AFTER,
    )
    if day.isoformat() in challenge.skipped_dates:
        # A log replaces a skip of the same date.
        await challenge.set(
            {"skipped_dates": [d for d in challenge.skipped_dates if d != day.isoformat()]}
        )
    info.context.loaders.clear_all()
    await sync_completion(info, challenge, may_reopen=False)
    return DailyLog.from_doc(models.DailyLog.model_validate(raw))


async def delete_log(info: Info, id: str) -> DeleteResult:
    doc = await owned_log(info, object_id_of(id, "DailyLog"))
    if doc is None or doc.id is None:
        return not_found("DailyLog")
    await doc.delete()
    info.context.loaders.clear_all()
    challenge = await info.context.loaders.challenge.load(doc.challenge_id)
    if challenge is not None:
        await sync_completion(info, challenge)
    return DeleteSuccess(id=to_global_id("DailyLog", doc.id))
