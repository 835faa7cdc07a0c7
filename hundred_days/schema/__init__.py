"""The GraphQL schema: types, inputs, errors, and the root Query and Mutation."""

from __future__ import annotations

import logging
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors
from strawberry.types import ExecutionContext

from hundred_days.metrics import ERRORS
from hundred_days.schema.mutation import Mutation
from hundred_days.schema.query import Query
from hundred_days.schema.types import Challenge, DailyLog, Project, User

logger = logging.getLogger("hundred_days.graphql")

INTERNAL_MESSAGE = "Internal server error"


def is_expected(error: GraphQLError) -> bool:
    """Errors the project raises on purpose (with a code) and GraphQL's own pass unmasked."""
    original = error.original_error
    if original is None:
        return True
    return isinstance(original, GraphQLError) and "code" in (original.extensions or {})


class MaskUnexpectedErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda error: not is_expected(error))

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
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
        for error in errors:
            if is_expected(error):
                ERRORS.labels(kind="graphql").inc()
                logger.info("graphql error: %s", error.message)
            else:
                ERRORS.labels(kind="internal").inc()
                logger.error("unexpected error in %s", error.path, exc_info=error.original_error)


def build_schema(**options: Any) -> HundredDaysSchema:
    return HundredDaysSchema(
        query=Query,
        mutation=Mutation,
        types=[User, Challenge, Project, DailyLog],
        extensions=[MaskUnexpectedErrors, *options.pop("extensions", [])],
        **options,
    )


schema = build_schema()
