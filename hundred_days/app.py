"""The Starlette app: /graphql (queries, mutations, GraphiQL), /health, /metrics; lifespan."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

from beanie.exceptions import CollectionWasNotInitialized
from cross_web import HTTPException
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pymongo.errors import ConnectionFailure
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.extensions import DisableIntrospection

from hundred_days import __version__, db, health, outage
from hundred_days.auth.oidc import OidcVerifier
from hundred_days.auth.session import authenticate
from hundred_days.auth.tokens import TokenService
from hundred_days.context import Clock, Context, Services, system_clock
from hundred_days.http_guards import HttpGuards
from hundred_days.log import configure_logging
from hundred_days.metrics import REGISTRY
from hundred_days.middleware import REQUEST_ID_HEADER, ObservabilityMiddleware
from hundred_days.rate_limits import RateLimits
from hundred_days.schema import HundredDaysSchema, build_schema
from hundred_days.settings import Settings

logger = logging.getLogger("hundred_days")


class GraphQLApp(GraphQL[Context, None]):
    def __init__(self, schema: HundredDaysSchema, services: Services) -> None:
        production = services.settings.is_production
        super().__init__(
            schema,
            graphql_ide=None if production else "graphiql",
            allow_queries_via_get=False,
        )
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self.run(Request(scope, receive))
        except HTTPException as error:  # Strawberry's own refusals, in the shape of ours
            response = JSONResponse(
                {"errors": [{"message": error.reason, "extensions": {"code": "BAD_REQUEST"}}]},
                status_code=error.status_code,
            )
        await response(scope, receive, send)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        context = Context(services=self.services, request=request, response=response)
        await authenticate(context, request.headers.get("authorization"))
        return context


def create_app(
    settings: Settings | None = None,
    *,
    database: db.Database | None = None,
    clock: Clock = system_clock,
) -> Starlette:
    """`database`: an already connected one (tests share one); otherwise the lifespan connects."""
    settings = settings or Settings()
    warnings = settings.check_servable()
    services = Services(
        settings=settings,
        database=database or db.open_client(settings),
        tokens=TokenService(settings),
        clock=clock,
        oidc=OidcVerifier.from_settings(settings),
    )
    uptime = health.Uptime()

    async def seed_if_wanted() -> None:
        if settings.should_seed_demo:
            from hundred_days.seed import seed_demo

            await seed_demo(services.clock())

    async def initialise_later() -> None:
        await services.database.initialise_when_reachable()
        logger.info("database reachable: serving data again")
        await seed_if_wanted()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        for warning in warnings:
            logger.warning(warning)
        retrying: asyncio.Task[None] | None = None
        if database is None:
            if services.database.embedded:
                logger.warning(
                    "using the embedded in-memory store: nothing is kept across restarts "
                    "(set HUNDRED_DAYS_MONGODB_URI for MongoDB)"
                )
            # A database that is down at start-up does not stop the server: it starts, reports
            # unhealthy (503) and SERVICE_UNAVAILABLE, and initialises once the database answers.
            if await services.database.try_initialise():
                await seed_if_wanted()
            else:
                logger.warning("starting without the database; retrying in the background")
                retrying = asyncio.create_task(initialise_later())
        logger.info("ready", extra={"environment": settings.environment.value})
        try:
            yield
        finally:
            if retrying is not None:
                retrying.cancel()
                with suppress(asyncio.CancelledError):
                    await retrying
            if database is None:
                await services.database.close()
                logger.info("database client closed")

    async def health_endpoint(request: Request) -> JSONResponse:
        report = await health.check(services.database, settings.environment.value, services.clock())
        body: dict[str, Any] = {
            "status": report.status,
            "timestamp": report.timestamp.isoformat(),
            "environment": report.environment,
            "database": report.database,
        }
        if request.url.path.endswith("/detailed"):
            body |= {
                "version": __version__,
                "uptime_seconds": uptime.seconds(),
                "database_latency_ms": report.latency_ms,
                "store": report.store,
            }
        return JSONResponse(body, status_code=200 if report.healthy else 503)

    async def metrics_endpoint(request: Request) -> Response:
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    # Introspection is off in production (GraphiQL too: see GraphQLApp).
    schema_extensions = [DisableIntrospection] if settings.is_production else []
    graphql_app = GraphQLApp(build_schema(extensions=schema_extensions), services)
    rate_limits = RateLimits(settings)
    app = Starlette(
        routes=[
            Route("/graphql", graphql_app, methods=["GET", "POST"]),
            Route("/health", health_endpoint, methods=["GET"]),
            Route("/health/detailed", health_endpoint, methods=["GET"]),
            Route("/metrics", metrics_endpoint, methods=["GET"]),
        ],
        middleware=[
            Middleware(ObservabilityMiddleware),
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["authorization", "content-type", REQUEST_ID_HEADER],
                expose_headers=[REQUEST_ID_HEADER, "retry-after"],
                max_age=600,
            ),
            # Inside CORS, so that its refusals (413, 415, 429, ...) carry CORS headers too.
            Middleware(HttpGuards, services=services, rate_limits=rate_limits),
        ],
        lifespan=lifespan,
        # Outages met outside GraphQL execution (authentication): 503 JSON, not a 500.
        exception_handlers={
            ConnectionFailure: outage.unavailable_response,
            CollectionWasNotInitialized: outage.unavailable_response,
        },
    )
    app.state.services = services
    app.state.rate_limits = rate_limits
    return app


def served_app() -> Starlette:
    """What uvicorn serves (also in each reloaded process): logging configured, then the app."""
    settings = Settings()
    configure_logging(json_lines=settings.is_production, level=settings.log_level)
    return create_app(settings)
