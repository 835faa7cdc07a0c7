"""Pure ASGI middleware: request id, access log, metrics and the round-trip tally per request."""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hundred_days.log import request_id
from hundred_days.metrics import (
    HTTP_LATENCY,
    HTTP_REQUESTS,
    LAST_REQUEST_ROUND_TRIPS,
    REQUEST_ROUND_TRIPS,
    tracking_round_trips,
)

logger = logging.getLogger("hundred_days.http")

_ROUTES = ("/graphql", "/health/detailed", "/health", "/metrics", "/badges")
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
REQUEST_ID_HEADER = "x-request-id"
ROUND_TRIPS_HEADER = "x-db-round-trips"


def route_of(path: str) -> str:
    """A bounded label set: unknown paths share one label."""
    return next((route for route in _ROUTES if path.startswith(route)), "other")


class ObservabilityMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        offered = headers.get(REQUEST_ID_HEADER.encode(), b"").decode("latin-1")
        rid = offered if _SAFE_REQUEST_ID.match(offered) else uuid.uuid4().hex
        token = request_id.set(rid)
        method = scope.get("method", "WS")
        route = route_of(scope["path"])
        started = time.perf_counter()
        status = 500
        with tracking_round_trips() as round_trips:

            async def send_with_headers(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                    message["headers"] = [
                        *message.get("headers", []),
                        (REQUEST_ID_HEADER.encode(), rid.encode()),
                        (ROUND_TRIPS_HEADER.encode(), str(round_trips.count).encode()),
                    ]
                await send(message)

            try:
                await self.app(scope, receive, send_with_headers)
            finally:
                elapsed = time.perf_counter() - started
                HTTP_REQUESTS.labels(method=method, route=route, status=str(status)).inc()
                HTTP_LATENCY.labels(method=method, route=route).observe(elapsed)
                if route == "/graphql":
                    REQUEST_ROUND_TRIPS.observe(round_trips.count)
                    LAST_REQUEST_ROUND_TRIPS.set(round_trips.count)
                logger.info(
                    "%s %s %s",
                    method,
                    scope["path"],
                    status,
                    extra={
                        "duration_ms": round(elapsed * 1000, 2),
                        "db_round_trips": round_trips.count,
                    },
                )
                request_id.reset(token)
