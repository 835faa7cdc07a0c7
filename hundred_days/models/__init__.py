"""Beanie documents. Dates of days are stored as ISO strings: portable, sortable, zone-free."""

from hundred_days.models.challenge import Challenge, ChallengeStatus, Visibility
from hundred_days.models.daily_log import DailyLog
from hundred_days.models.project import Project, ProjectStatus
from hundred_days.models.refresh_token import RefreshToken
from hundred_days.models.user import User

DOCUMENTS = [User, Challenge, Project, DailyLog, RefreshToken]

__all__ = [
    "DOCUMENTS",
    "Challenge",
    "ChallengeStatus",
    "DailyLog",
    "Project",
    "ProjectStatus",
    "RefreshToken",
    "User",
    "Visibility",
]
