"""The HTTP edge of /graphql (DESIGN, "Security"): a pure ASGI middleware, inside CORS.

For every HTTP request: a time limit (`REQUEST_TIMEOUT_SECONDS`): 504 when the app has not
started answering in time, 408 when the client has not finished sending its body in time.

For POST /graphql, in this order, each refusal a JSON body `{"errors": [{"message",
"extensions": {"code"}}]}` and no GraphQL work done:
  415  a body that is not `application/json` (CSRF: a browser sends text/plain, form and
       multipart bodies cross-origin without asking first)
  413  a body over 64 KiB, by its Content-Length or, without one, while it is read
  400  malformed JSON, a batch (a JSON array), or a request that is not one GraphQL request
  429  over a rate limit, with Retry-After in seconds
GET /graphql with a `query` parameter gets 400: operations only come by POST (GET without one
serves GraphiQL, in development).
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any
from urllib.parse import parse_qs

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hundred_days.auth.session import bearer
from hundred_days.context import Services
from hundred_days.rate_limits import Plan, RateLimits, plan_operation

logger = logging.getLogger("hundred_days.http")

MAX_BODY_BYTES = 64 * 1024
GRAPHQL_PATH = "/graphql"


class Refusal(Exception):
    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


async def send_refusal(send: Send, refusal: Refusal) -> None:
    body = json.dumps(
        {"errors": [{"message": refusal.message, "extensions": {"code": refusal.code}}]}
    ).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *((name.lower().encode(), value.encode()) for name, value in refusal.headers.items()),
    ]
    await send({"type": "http.response.start", "status": refusal.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _media_type(headers: Headers) -> str:
    return headers.get("content-type", "").partition(";")[0].strip().lower()


async def read_body(receive: Receive, headers: Headers) -> bytes:
    declared = headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise Refusal(400, "BAD_REQUEST", "Content-Length is not a number")
        if int(declared) > MAX_BODY_BYTES:
            raise _too_large()
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise Refusal(400, "BAD_REQUEST", "The client went away before sending the body")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _too_large() -> Refusal:
    return Refusal(
        413, "PAYLOAD_TOO_LARGE", f"The request body is larger than {MAX_BODY_BYTES} bytes"
    )


def graphql_request(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise Refusal(400, "BAD_REQUEST", "The request body is not valid JSON") from error
    if isinstance(data, list):
        raise Refusal(
            400,
            "BATCHING_NOT_SUPPORTED",
            "Batched operations are not supported: send one operation per request",
        )
    if not isinstance(data, dict):
        raise Refusal(400, "BAD_REQUEST", "The request body must be a JSON object")
    if not isinstance(data.get("query"), str):
        raise Refusal(400, "BAD_REQUEST", "The request needs a `query` string")
    if not isinstance(data.get("variables"), dict | None):
        raise Refusal(400, "BAD_REQUEST", "`variables` must be an object or null")
    if not isinstance(data.get("operationName"), str | None):
        raise Refusal(400, "BAD_REQUEST", "`operationName` must be a string or null")
    if not isinstance(data.get("extensions"), dict | None):
        raise Refusal(400, "BAD_REQUEST", "`extensions` must be an object or null")
    return data


def _with_json_type(scope: Scope) -> Scope:
    """Media types ignore case (RFC 9110); Strawberry's check does not: say it its way."""
    headers = [(name, value) for name, value in scope["headers"] if name != b"content-type"]
    return {**scope, "headers": [*headers, (b"content-type", b"application/json")]}


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


class _Progress:
    """Where a request is, for the time limit's answer."""

    def __init__(self) -> None:
        self.body_read = False
        self.response_started = False


class HttpGuards:
    def __init__(self, app: ASGIApp, *, services: Services, rate_limits: RateLimits) -> None:
        self.app = app
        self.services = services
        self.rate_limits = rate_limits
        self.timeout = services.settings.request_timeout_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        progress = _Progress()

        async def tracking(message: Message) -> None:
            if message["type"] == "http.response.start":
                progress.response_started = True
            await send(message)

        deadline = asyncio.timeout(self.timeout)
        try:
            async with deadline:
                await self._guarded(scope, receive, tracking, progress)
        except TimeoutError:
            if not deadline.expired():
                raise
            if progress.response_started:
                logger.warning("request timed out after %gs, while answering", self.timeout)
                return  # too late to say so: the client sees the response cut short
            if not progress.body_read:
                logger.info("request body not received within %gs", self.timeout)
                refusal = Refusal(408, "REQUEST_TIMEOUT", "The request body took too long")
            else:
                logger.warning("request timed out after %gs", self.timeout)
                refusal = Refusal(
                    504, "TIMEOUT", f"The request took longer than {self.timeout:g} seconds"
                )
            await send_refusal(send, refusal)

    async def _guarded(
        self, scope: Scope, receive: Receive, send: Send, progress: _Progress
    ) -> None:
        if scope["path"] != GRAPHQL_PATH or scope["method"] not in ("GET", "POST"):
            progress.body_read = True  # the route reads it, if it has one
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        try:
            if scope["method"] == "GET":
                progress.body_read = True
                self._check_get(scope)
                await self.app(scope, receive, send)
                return
            body, plan = await self._screen_post(receive, headers, progress)
            await self._rate_limit(scope, headers, plan)
        except Refusal as refusal:
            await send_refusal(send, refusal)
            return
        await self.app(_with_json_type(scope), _replay(body, receive), send)

    def _check_get(self, scope: Scope) -> None:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if "query" in query:
            raise Refusal(
                400,
                "BAD_REQUEST",
                "GraphQL operations must be sent by POST with Content-Type: application/json",
            )

    async def _screen_post(
        self, receive: Receive, headers: Headers, progress: _Progress
    ) -> tuple[bytes, Plan]:
        if _media_type(headers) != "application/json":
            progress.body_read = True
            raise Refusal(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "POST /graphql needs Content-Type: application/json",
            )
        body = await read_body(receive, headers)
        progress.body_read = True
        data = graphql_request(body)
        plan = plan_operation(data["query"], data.get("operationName"))
        if plan.ambiguous:  # the GraphQL spec's rule; Strawberry would run the first one
            raise Refusal(
                400, "BAD_REQUEST", "The document has several operations: name one in operationName"
            )
        return body, plan

    async def _rate_limit(self, scope: Scope, headers: Headers, plan: Plan) -> None:
        token = await bearer(self.services, scope, headers.get("authorization"))
        subject = token.subject  # an invalid token is limited by address: no fresh budgets
        budgets = self.rate_limits.budgets(plan, subject=subject, address=client_address(scope))
        retry_after = await self.rate_limits.spend(budgets)
        if retry_after is not None:
            raise Refusal(
                429,
                "RATE_LIMITED",
                f"Too many requests: try again in {retry_after} seconds",
                {"Retry-After": str(retry_after)},
            )
