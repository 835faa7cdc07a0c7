from __future__ import annotations

from enum import Enum

import strawberry

from hundred_days import models

# The stored enums are the GraphQL enums: registering them here keeps one definition.
ChallengeStatus = models.ChallengeStatus
ProjectStatus = models.ProjectStatus
Visibility = models.Visibility
for _stored in (ChallengeStatus, ProjectStatus, Visibility):
    strawberry.enum(_stored)


@strawberry.enum
class Weekday(Enum):
    MONDAY = "MONDAY"
    TUESDAY = "TUESDAY"
    WEDNESDAY = "WEDNESDAY"
    THURSDAY = "THURSDAY"
    FRIDAY = "FRIDAY"
    SATURDAY = "SATURDAY"
    SUNDAY = "SUNDAY"

    @property
    def number(self) -> int:
        """0 for Monday, as `date.weekday()` counts."""
        return list(Weekday).index(self)

    @classmethod
    def of(cls, number: int) -> Weekday:
        return list(cls)[number]
