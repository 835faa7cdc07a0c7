"""The GraphQL schema: types, inputs, errors, and the root Query and Mutation."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from hundred_days import outage
from hundred_days.metrics import ERRORS
from hundred_days.schema.guards import GUARD_EXTENSIONS, hide_suggestions
from hundred_days.schema.mutation import Mutation
from hundred_days.schema.query import Query
from hundred_days.schema.scalars import DATE
from hundred_days.schema.types import Challenge, DailyLog, Project, User

logger = logging.getLogger("hundred_days.graphql")

INTERNAL_MESSAGE = "Internal server error"


def is_expected(error: GraphQLError) -> bool:
    """Errors the project raises on purpose (with a code) and GraphQL's own pass unmasked."""
    original = error.original_error
    if original is None:
        return True
    if error.path is None and isinstance(original, GraphQLError | ValueError):
        return True  # a bad variable value (an unknown enum value, a malformed Date): the client's
    return isinstance(original, GraphQLError) and "code" in (original.extensions or {})


class MaskUnexpectedErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda error: not is_expected(error))

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        if outage.is_outage(error.original_error):
            return outage.unavailable_error(error)  # not a bug: say so, and that it will pass
        return GraphQLError(
            INTERNAL_MESSAGE,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR"},
        )


class HundredDaysSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        hide_suggestions(errors)
        for error in errors:
            if is_expected(error):
                ERRORS.labels(kind="graphql").inc()
                logger.info("graphql error: %s", error.message)
            elif outage.is_outage(error.original_error):
                ERRORS.labels(kind="database_unavailable").inc()
                logger.warning("database unavailable in %s: %s", error.path, error.original_error)
            else:
                ERRORS.labels(kind="internal").inc()
                logger.error("unexpected error in %s", error.path, exc_info=error.original_error)


def build_schema(**options: Any) -> HundredDaysSchema:
    options.setdefault(
        "config", StrawberryConfig(disable_field_suggestions=True, scalar_map={date: DATE})
    )
    return HundredDaysSchema(
        query=Query,
        mutation=Mutation,
        types=[User, Challenge, Project, DailyLog],
        extensions=[
            MaskUnexpectedErrors,
            outage.DatabaseGate,
            *GUARD_EXTENSIONS,
            *options.pop("extensions", []),
        ],
        **options,
    )


schema = build_schema()
