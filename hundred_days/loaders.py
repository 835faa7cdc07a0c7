"""Per-request DataLoaders: one round trip per kind of data, whatever the number of parents.

Batch functions return one result per key, in key order (None or [] for a miss). Loaders live
in the request context, so nothing is cached across requests or shared between users.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from beanie import Document, PydanticObjectId
from beanie.operators import In
from strawberry.dataloader import DataLoader

from hundred_days import models

D = TypeVar("D", bound=Document)
Key = PydanticObjectId


async def _by_id(model: type[D], keys: Sequence[Key]) -> list[D | None]:
    found = {doc.id: doc for doc in await model.find(In(model.id, list(set(keys)))).to_list()}
    return [found.get(key) for key in keys]


def _grouped(docs: Iterable[Any], attribute: str, keys: Sequence[Key]) -> list[list[Any]]:
    groups: dict[Key, list[Any]] = defaultdict(list)
    for doc in docs:
        groups[getattr(doc, attribute)].append(doc)
    return [groups.get(key, []) for key in keys]


async def _users(keys: Sequence[Key]) -> list[models.User | None]:
    return await _by_id(models.User, keys)


async def _challenges(keys: Sequence[Key]) -> list[models.Challenge | None]:
    return await _by_id(models.Challenge, keys)


async def _projects(keys: Sequence[Key]) -> list[models.Project | None]:
    return await _by_id(models.Project, keys)


async def _logs(keys: Sequence[Key]) -> list[models.DailyLog | None]:
    return await _by_id(models.DailyLog, keys)


async def _challenges_by_owner(keys: Sequence[Key]) -> list[list[models.Challenge]]:
    """Newest first, as every listing of challenges is ordered."""
    docs = await models.Challenge.find(In(models.Challenge.owner_id, list(set(keys)))).to_list()
    docs.sort(key=lambda doc: (doc.created_at, doc.id), reverse=True)
    return _grouped(docs, "owner_id", keys)


async def _projects_by_challenge(keys: Sequence[Key]) -> list[list[models.Project]]:
    """Oldest first."""
    docs = await models.Project.find(In(models.Project.challenge_id, list(set(keys)))).to_list()
    docs.sort(key=lambda doc: (doc.created_at, doc.id))
    return _grouped(docs, "challenge_id", keys)


async def _logs_by_challenge(keys: Sequence[Key]) -> list[list[models.DailyLog]]:
    """By date, oldest first: the order analytics read; listings reverse it."""
    docs = await models.DailyLog.find(In(models.DailyLog.challenge_id, list(set(keys)))).to_list()
    docs.sort(key=lambda doc: doc.date)
    return _grouped(docs, "challenge_id", keys)


@dataclass(slots=True)
class Loaders:
    user: DataLoader[Key, models.User | None] = field(
        default_factory=lambda: DataLoader(load_fn=_users)
    )
    challenge: DataLoader[Key, models.Challenge | None] = field(
        default_factory=lambda: DataLoader(load_fn=_challenges)
    )
    project: DataLoader[Key, models.Project | None] = field(
        default_factory=lambda: DataLoader(load_fn=_projects)
    )
    log: DataLoader[Key, models.DailyLog | None] = field(
        default_factory=lambda: DataLoader(load_fn=_logs)
    )
    challenges_by_owner: DataLoader[Key, list[models.Challenge]] = field(
        default_factory=lambda: DataLoader(load_fn=_challenges_by_owner)
    )
    projects_by_challenge: DataLoader[Key, list[models.Project]] = field(
        default_factory=lambda: DataLoader(load_fn=_projects_by_challenge)
    )
    logs_by_challenge: DataLoader[Key, list[models.DailyLog]] = field(
        default_factory=lambda: DataLoader(load_fn=_logs_by_challenge)
    )

    def clear_all(self) -> None:
        """After a write: later fields of the same request must read what was written."""
        for loader in (
            self.user,
            self.challenge,
            self.project,
            self.log,
            self.challenges_by_owner,
            self.projects_by_challenge,
            self.logs_by_challenge,
        ):
            loader.clear_all()
