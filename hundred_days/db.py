"""Connect to MongoDB, or to the embedded store when no URI is configured; init Beanie."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from beanie import init_beanie
from pymongo import AsyncMongoClient, monitoring

from hundred_days.embedded import EmbeddedClient
from hundred_days.metrics import count_round_trip
from hundred_days.models import DOCUMENTS
from hundred_days.settings import Settings

# Commands that are not a request's own round trip: cursor batches, handshakes, pings.
_NOT_ROUND_TRIPS = frozenset(
    {
        "getmore",
        "killcursors",
        "endsessions",
        "hello",
        "ismaster",
        "ping",
        "saslstart",
        "saslcontinue",
        "authenticate",
    }
)


class RoundTripListener(monitoring.CommandListener):
    """Counts what a real server is sent; runs in the task that sends, so the tally is its own."""

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if event.command_name.lower() not in _NOT_ROUND_TRIPS:
            count_round_trip()

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass


@dataclass(slots=True)
class Database:
    client: Any  # AsyncMongoClient or EmbeddedClient: the same async API
    name: str
    embedded: bool

    @property
    def handle(self) -> Any:
        return self.client[self.name]

    async def ping(self, within_seconds: float = 1.0) -> float:
        """Round-trip latency in seconds; raises when the database does not answer in time."""
        started = time.perf_counter()
        await asyncio.wait_for(self.handle.command("ping"), within_seconds)
        return time.perf_counter() - started

    async def close(self) -> None:
        await self.client.close()


def open_client(settings: Settings) -> Database:
    if settings.uses_embedded_store:
        return Database(client=EmbeddedClient(), name=settings.mongodb_db, embedded=True)
    client: AsyncMongoClient[Any] = AsyncMongoClient(
        settings.mongodb_uri,
        tz_aware=True,
        event_listeners=[RoundTripListener()],
        serverSelectionTimeoutMS=settings.mongodb_timeout_ms,
        appname="hundred-days",
    )
    return Database(client=client, name=settings.mongodb_db, embedded=False)


async def connect(settings: Settings) -> Database:
    database = open_client(settings)
    await init_beanie(database=database.handle, document_models=DOCUMENTS)
    return database
