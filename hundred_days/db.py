"""Connect to MongoDB, or to the embedded store when no URI is configured; init Beanie."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from beanie import init_beanie
from pymongo import AsyncMongoClient, monitoring
from pymongo.errors import ConnectionFailure, PyMongoError

from hundred_days.embedded import EmbeddedClient
from hundred_days.metrics import count_round_trip
from hundred_days.models import DOCUMENTS
from hundred_days.settings import Settings

logger = logging.getLogger("hundred_days.db")

PING_TIMEOUT_SECONDS = 0.9  # so that /health answers 503 within a second of being asked
# Retries of a database that was down at start-up: 1 s, 2 s, 4 s ... at most 30 s apart.
RETRY_FIRST_SECONDS = 1.0
RETRY_MAX_SECONDS = 30.0

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


class DatabaseUnavailable(ConnectionFailure):
    """The database has not answered since start-up, so the documents are not initialised.

    A `ConnectionFailure`, so it is reported the way every other outage is (SERVICE_UNAVAILABLE).
    """


@dataclass(slots=True)
class Database:
    client: Any  # AsyncMongoClient or EmbeddedClient: the same async API
    name: str
    embedded: bool
    ready: bool = False  # True once init_beanie has run against this database
    _initialising: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    @property
    def handle(self) -> Any:
        return self.client[self.name]

    async def ping(self, within_seconds: float = PING_TIMEOUT_SECONDS) -> float:
        """Round-trip latency in seconds; raises when the database does not answer in time."""
        started = time.perf_counter()
        await asyncio.wait_for(self.handle.command("ping"), within_seconds)
        return time.perf_counter() - started

    def require_ready(self) -> None:
        """Raise `DatabaseUnavailable` until the documents are initialised against this database."""
        if not self.ready:
            raise DatabaseUnavailable("the database has not answered since start-up")

    async def initialise(self) -> None:
        """Bind the documents to this database and create their indexes; once."""
        async with self._initialising:
            if not self.ready:
                await init_beanie(database=self.handle, document_models=DOCUMENTS)
                self.ready = True

    async def try_initialise(self) -> bool:
        """One attempt: ping (a dead server fails within a second), then init Beanie.

        Pinging first matters: init_beanie binds the (process-wide) document classes to this
        database before it sends anything, so it is only run once the database answers.
        """
        if self.ready:
            return True
        try:
            await self.ping(PING_TIMEOUT_SECONDS)
            await self.initialise()
        except (TimeoutError, PyMongoError, OSError) as error:
            # The driver's message ends in a long topology description: its start says enough.
            reason = (str(error) or type(error).__name__)[:200]
            logger.warning("database not reachable: %s", reason)
            return False
        return True

    async def initialise_when_reachable(self) -> None:
        """Retry `try_initialise` with backoff until it succeeds (a background task)."""
        delay = RETRY_FIRST_SECONDS
        while not await self.try_initialise():
            await asyncio.sleep(delay)
            delay = min(delay * 2, RETRY_MAX_SECONDS)

    async def close(self) -> None:
        await self.client.close()


def open_client(settings: Settings) -> Database:
    if settings.uses_embedded_store:
        return Database(client=EmbeddedClient(), name=settings.mongodb_db, embedded=True)
    uri = settings.mongodb_uri or ""
    # Keyword options override the URI's; the URI's own serverSelectionTimeoutMS wins here.
    options: dict[str, Any] = {}
    if not _uri_sets(uri, "serverSelectionTimeoutMS"):
        options["serverSelectionTimeoutMS"] = settings.mongodb_timeout_ms
    client: AsyncMongoClient[Any] = AsyncMongoClient(
        uri,
        tz_aware=True,
        event_listeners=[RoundTripListener()],
        appname="hundred-days",
        **options,
    )
    return Database(client=client, name=settings.mongodb_db, embedded=False)


def _uri_sets(uri: str, option: str) -> bool:
    """Whether the connection string names `option` (option names ignore case)."""
    return any(name.lower() == option.lower() for name, _ in parse_qsl(urlsplit(uri).query))


async def connect(settings: Settings) -> Database:
    """Open and initialise; raises when the database does not answer (tests use this)."""
    database = open_client(settings)
    await database.initialise()
    return database
