"""The Starlette app: /graphql (queries, mutations, GraphiQL), /health, /metrics; lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from hundred_days import __version__, db, health
from hundred_days.auth.session import authenticate
from hundred_days.auth.tokens import TokenService
from hundred_days.context import Clock, Context, Services, system_clock
from hundred_days.log import configure_logging
from hundred_days.metrics import REGISTRY
from hundred_days.middleware import REQUEST_ID_HEADER, ObservabilityMiddleware
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
    )
    uptime = health.Uptime()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        for warning in warnings:
            logger.warning(warning)
        if database is None:
            services.database = await db.connect(settings)
            if services.database.embedded:
                logger.warning(
                    "using the embedded in-memory store: nothing is kept across restarts "
                    "(set HUNDRED_DAYS_MONGODB_URI for MongoDB)"
                )
            if settings.should_seed_demo:
                from hundred_days.seed import seed_demo

                await seed_demo(services.clock())
        logger.info("ready", extra={"environment": settings.environment.value})
        try:
            yield
        finally:
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

    graphql_app = GraphQLApp(build_schema(), services)
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
                expose_headers=[REQUEST_ID_HEADER],
                max_age=600,
            ),
        ],
        lifespan=lifespan,
    )
    app.state.services = services
    return app


def served_app() -> Starlette:
    """What uvicorn serves (also in each reloaded process): logging configured, then the app."""
    settings = Settings()
    configure_logging(json_lines=settings.is_production, level=settings.log_level)
    return create_app(settings)
