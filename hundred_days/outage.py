"""When the database does not answer: say so (SERVICE_UNAVAILABLE, HTTP 503), never hang or 500.

Three places meet an outage:

- a resolver's query fails (PyMongo's `ConnectionFailure` family: `AutoReconnect`,
  `NetworkTimeout`, `ServerSelectionTimeoutError`, ...): the error masking in `schema` turns
  it into a GraphQL error with `extensions.code` SERVICE_UNAVAILABLE;
- authentication (loading the viewer, before any GraphQL runs) fails the same way: the app's
  exception handler answers 503 with a GraphQL-shaped JSON body and the same code;
- the database has not answered since start-up, so the documents are not initialised yet:
  `DatabaseGate` answers every operation that would touch data with that error up front.

Nothing here retries a request: the driver already waited its server-selection timeout, and
the client is told to come back (`Retry-After`). Service resumes as soon as the database
answers, without a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from beanie.exceptions import CollectionWasNotInitialized
from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    OperationType,
)
from pymongo.errors import ConnectionFailure
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from strawberry.extensions import SchemaExtension

from hundred_days.context import Context
from hundred_days.operations import chosen_operations, root_field_names

logger = logging.getLogger("hundred_days.outage")

CODE = "SERVICE_UNAVAILABLE"
MESSAGE = "The database is unavailable right now; please try again shortly"
RETRY_AFTER_SECONDS = 5

# `CollectionWasNotInitialized`: a document used before init_beanie ran, which only happens
# when the database has not answered since start-up.
_OUTAGES = (ConnectionFailure, CollectionWasNotInitialized)
# Root fields that need no database: they still answer while it is down.
_WITHOUT_DATABASE = frozenset({"health", "__typename", "__schema", "__type"})


def is_outage(error: BaseException | None) -> bool:
    """True for the driver's "cannot reach the database" errors, also when wrapped."""
    for _ in range(8):  # a cause chain is short; a cycle must not loop forever
        if error is None:
            return False
        if isinstance(error, _OUTAGES):
            return True
        error = error.__cause__
    return False


def unavailable_error(error: GraphQLError) -> GraphQLError:
    """The client's view of an outage met by a field: where it happened, not what was thrown."""
    return GraphQLError(
        MESSAGE,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": CODE},
    )


def unavailable_body() -> dict[str, object]:
    return {"errors": [{"message": MESSAGE, "extensions": {"code": CODE}}]}


async def unavailable_response(request: Request, error: Exception) -> Response:
    """Starlette exception handler: an outage outside GraphQL execution (authentication).

    On a WebSocket handshake Starlette sends this as a denial response (HTTP 503) too.
    """
    logger.warning("database unavailable at %s: %s", request.url.path, str(error)[:200])
    return JSONResponse(
        unavailable_body(), status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)}
    )


class DatabaseGate(SchemaExtension):
    """Until the database has answered once, operations that need data fail fast and clearly.

    Only `health` and introspection are served then. Checked once per operation (not per
    field), so a ready database costs one attribute read.
    """

    def on_execute(self) -> Iterator[None]:
        execution = self.execution_context
        context = execution.context
        document = execution.graphql_document
        if (
            isinstance(context, Context)
            and not context.services.database.ready
            and document is not None
            and _needs_database(document, execution.operation_name)
        ):
            execution.result = ExecutionResult(
                data=None, errors=[GraphQLError(MESSAGE, extensions={"code": CODE})]
            )
        yield


def _needs_database(document: DocumentNode, operation_name: str | None) -> bool:
    operation = next(iter(chosen_operations(document, operation_name)), None)
    if operation is None:
        return False  # execution reports the missing operation itself
    if operation.operation is not OperationType.QUERY:
        return True
    return any(name not in _WITHOUT_DATABASE for name in root_field_names(document, operation))
