"""Prometheus metrics and the per-request database round-trip counter."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

DB_ROUND_TRIPS = Counter(
    "hundred_days_db_round_trips",
    "Database round trips (queries and commands sent; cursor batches and pings excluded).",
    registry=REGISTRY,
)
HTTP_REQUESTS = Counter(
    "hundred_days_http_requests",
    "HTTP requests served, by route and status.",
    ["method", "route", "status"],
    registry=REGISTRY,
)
HTTP_LATENCY = Histogram(
    "hundred_days_http_request_duration_seconds",
    "HTTP request latency, by route.",
    ["method", "route"],
    registry=REGISTRY,
)
ERRORS = Counter(
    "hundred_days_errors",
    "Errors by kind: graphql (errors returned to clients), internal (unexpected, masked).",
    ["kind"],
    registry=REGISTRY,
)
REQUEST_ROUND_TRIPS = Histogram(
    "hundred_days_request_db_round_trips",
    "Database round trips made by one GraphQL request.",
    buckets=(0, 1, 2, 3, 5, 8, 13, 21, 34, 55),
    registry=REGISTRY,
)
LAST_REQUEST_ROUND_TRIPS = Gauge(
    "hundred_days_last_request_db_round_trips",
    "Database round trips made by the most recent GraphQL request.",
    registry=REGISTRY,
)


@dataclass(slots=True)
class RoundTrips:
    """A mutable tally shared by every task a request spawns (DataLoader batches included)."""

    count: int = 0


_current: ContextVar[RoundTrips | None] = ContextVar("hundred_days_round_trips", default=None)


def count_round_trip() -> None:
    DB_ROUND_TRIPS.inc()
    tally = _current.get()
    if tally is not None:
        tally.count += 1


@contextmanager
def tracking_round_trips() -> Iterator[RoundTrips]:
    tally = RoundTrips()
    token = _current.set(tally)
    try:
        yield tally
    finally:
        _current.reset(token)
