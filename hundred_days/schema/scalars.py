"""The `Date` scalar, strict: exactly `YYYY-MM-DD` (DESIGN, "GraphQL contract").

Strawberry's own parses with `date.fromisoformat`, which since Python 3.11 also takes
"20260101" and "2026-W01-1", and answers a bad value with the Python exception's text
("Invalid isoformat string: ...", "day is out of range for month"). This one takes only the
contract's form and says what it wants instead.
"""

from __future__ import annotations

import re
from datetime import date

import strawberry
from graphql import GraphQLError
from strawberry.types.scalar import ScalarDefinition

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SHOWN_MAX = 40
DATE_MESSAGE = "a Date is a calendar date written YYYY-MM-DD"


def parse_date(value: object) -> date:
    if not isinstance(value, str):
        raise GraphQLError(f"Not a Date: {DATE_MESSAGE}")
    if _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass  # 2026-02-30, 0000-01-01: the right shape, but no such day
    shown = value if len(value) <= _SHOWN_MAX else value[:_SHOWN_MAX] + "..."
    raise GraphQLError(f'"{shown}" is not a Date: {DATE_MESSAGE}')


def serialize_date(value: date) -> str:
    return value.isoformat()


DATE: ScalarDefinition = strawberry.scalar(
    name="Date",
    description="Date (isoformat)",
    serialize=serialize_date,
    parse_value=parse_date,
)
