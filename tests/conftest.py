"""One database for the session (embedded, or a real MongoDB when HUNDRED_DAYS_MONGODB_URI is
set), emptied around every test; an app per test with a fixed, settable clock."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from hundred_days import db, models
from hundred_days.app import create_app
from hundred_days.settings import Settings

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)  # a Monday


class Clock:
    """Injected time: tests move it; nothing reads the wall clock."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "environment": "test",
        "mongodb_uri": os.environ.get("HUNDRED_DAYS_MONGODB_URI") or "memory://",
        "mongodb_db": f"hundred_days_test_{uuid.uuid4().hex[:8]}",
        "secret_key": "test-secret-key-0123456789abcdef-0123456789",
        "seed_demo": False,
        "mongodb_timeout_ms": 3000,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@pytest.fixture(scope="session")
async def database() -> AsyncIterator[db.Database]:
    settings = make_settings()
    connected = await db.connect(settings)
    yield connected
    if not connected.embedded:
        await connected.client.drop_database(settings.mongodb_db)
    await connected.close()


@pytest.fixture(autouse=True)
async def _clean(database: db.Database) -> AsyncIterator[None]:
    for model in models.DOCUMENTS:
        await model.get_pymongo_collection().delete_many({})
    yield
    if database.embedded:
        database.client.available = True


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings() -> Settings:
    return make_settings()


@pytest.fixture
def app(database: db.Database, clock: Clock, settings: Settings) -> Starlette:
    return create_app(settings, database=database, clock=clock)


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as http,
    ):
        yield http


@pytest.fixture
def open_client(
    database: db.Database, clock: Clock
) -> Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]:
    """`async with open_client(address=..., **settings_overrides) as http:` an HTTP client on
    an app of its own (its lifespan run; fresh rate limits), seen as coming from `address`."""

    @asynccontextmanager
    async def open_(
        address: str = "127.0.0.1", **overrides: Any
    ) -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(make_settings(**overrides), database=database, clock=clock)
        transport = httpx.ASGITransport(app=app, client=(address, 4321))
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://testserver") as http,
        ):
            yield http

    return open_
