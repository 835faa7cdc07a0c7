"""One health check, served by GET /health, GET /health/detailed and the `health` query."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime

from pymongo.errors import PyMongoError

from hundred_days import __version__
from hundred_days.db import PING_TIMEOUT_SECONDS, Database


@dataclass(frozen=True, slots=True)
class HealthReport:
    healthy: bool
    timestamp: datetime
    environment: str
    database: str  # "connected" or "disconnected"
    store: str  # "mongodb" or "embedded (in-memory, nothing survives a restart)"
    latency_ms: float | None
    version: str = __version__

    @property
    def status(self) -> str:
        return "healthy" if self.healthy else "unhealthy"


async def check(database: Database, environment: str, now: datetime) -> HealthReport:
    try:
        latency: float | None = await database.ping(PING_TIMEOUT_SECONDS)
        if not database.ready:
            # Down at start-up and answering now: initialise at once rather than at the
            # background retry's next turn, so healthy always means "serving data".
            await asyncio.wait_for(database.initialise(), PING_TIMEOUT_SECONDS)
    except (TimeoutError, PyMongoError, OSError):
        latency = None
    store = "embedded (in-memory, nothing survives a restart)" if database.embedded else "mongodb"
    return HealthReport(
        healthy=latency is not None,
        timestamp=now,
        environment=environment,
        database="connected" if latency is not None else "disconnected",
        store=store,
        latency_ms=round(latency * 1000, 3) if latency is not None else None,
    )


class Uptime:
    def __init__(self) -> None:
        self._started = time.monotonic()

    def seconds(self) -> float:
        return round(time.monotonic() - self._started, 3)
