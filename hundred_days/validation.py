"""The input limits of the contract, as checks that report into a FieldErrors collector."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from hundred_days.analytics import is_valid_timezone
from hundred_days.schema.errors import FieldErrors

TITLE_MAX = 120
NAME_MAX = 120
DISPLAY_NAME_MAX = 80
DESCRIPTION_MAX = 10_000
NOTE_MAX = 10_000
MINUTES_MAX = 1440
TARGET_DAYS_MAX = 1000
LINKS_MAX = 10
URL_MAX = 2048
TAGS_MAX = 20
TAG_MAX = 32
PASSWORD_MIN = 10
PASSWORD_MAX = 1024  # argon2 hashes any length; a cap keeps a request from costing minutes
EMAIL_MAX = 254
DAY_START_HOUR_MAX = 6

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# C0 controls (tab and line breaks allowed), DEL, and the bidirectional embeddings, overrides
# and isolates (U+202A-U+202E, U+2066-U+2069) that make text display in another order than
# it is stored ("Trojan Source").
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def text(errors: FieldErrors, field: str, value: str, *, minimum: int = 0, maximum: int) -> None:
    stripped = value.strip()
    if minimum and len(stripped) < minimum:
        errors.add(field, "must not be empty" if minimum == 1 else f"needs {minimum}+ characters")
    elif len(value) > maximum:
        errors.add(field, f"must be at most {maximum} characters")
    elif _CONTROL.search(value):
        errors.add(field, "must not contain control characters")


def email(errors: FieldErrors, field: str, value: str) -> None:
    if len(value) > EMAIL_MAX or not _EMAIL.match(value) or _CONTROL.search(value):
        errors.add(field, "must be a valid e-mail address")


def password(errors: FieldErrors, field: str, value: str) -> None:
    if len(value) < PASSWORD_MIN:
        errors.add(field, f"must be at least {PASSWORD_MIN} characters")
    elif len(value) > PASSWORD_MAX:
        errors.add(field, f"must be at most {PASSWORD_MAX} characters")


def timezone(errors: FieldErrors, field: str, value: str) -> None:
    if not is_valid_timezone(value):
        errors.add(field, "must be an IANA time zone such as Europe/Berlin")


def int_range(errors: FieldErrors, field: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        errors.add(field, f"must be between {low} and {high}")


def tags(errors: FieldErrors, field: str, values: list[str]) -> None:
    if len(values) > TAGS_MAX:
        errors.add(field, f"at most {TAGS_MAX} tags")
    elif any(not tag.strip() or len(tag) > TAG_MAX or _CONTROL.search(tag) for tag in values):
        errors.add(field, f"each tag must be 1 to {TAG_MAX} characters")


def normalized_tags(values: list[str]) -> list[str]:
    return list(dict.fromkeys(tag.strip() for tag in values))


def stripped(value: str | None) -> str | None:
    return value.strip() if value is not None else None


def given(**values: object) -> dict[str, object]:
    """The fields an update sets: those given; None means "leave as it is"."""
    return {name: value for name, value in values.items() if value is not None}


def url(errors: FieldErrors, field: str, value: str) -> None:
    parts = urlsplit(value) if len(value) <= URL_MAX else None
    well_formed = (
        parts is not None
        and parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and not any(ch.isspace() or _CONTROL.match(ch) for ch in value)
    )
    if not well_formed:
        errors.add(field, "must be an http(s) URL")


def links(errors: FieldErrors, field: str, values: list[str]) -> None:
    if len(values) > LINKS_MAX:
        errors.add(field, f"at most {LINKS_MAX} links")
        return
    for index, value in enumerate(values):
        url(errors, f"{field}[{index}]", value)


def start_date(errors: FieldErrors, field: str, value: date, today: date) -> None:
    earliest, latest = years_from(today, -3), years_from(today, 1)
    if not earliest <= value <= latest:
        errors.add(field, f"must be between {earliest.isoformat()} and {latest.isoformat()}")


def years_from(day: date, years: int) -> date:
    """The same calendar date `years` away; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def challenge_day(errors: FieldErrors, field: str, day: date, today: date, start: date) -> bool:
    """A day a challenge can log or skip: from its start to the owner's today. True if so."""
    if day > today:
        errors.add(field, "must not be in the future")
    elif day < start:
        errors.add(field, f"must not be before the challenge's start ({start.isoformat()})")
    else:
        return True
    return False
