"""What every resolver sees: the services, the viewer (decoded once), and this request's loaders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from hundred_days import models
from hundred_days.analytics import local_today
from hundred_days.auth.oidc import OidcVerifier
from hundred_days.auth.tokens import TokenService
from hundred_days.db import Database
from hundred_days.loaders import Loaders
from hundred_days.settings import Settings

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class Services:
    """Built once per process by the app factory."""

    settings: Settings
    database: Database
    tokens: TokenService
    clock: Clock = system_clock
    oidc: OidcVerifier | None = None  # an external identity provider, when configured


@dataclass(slots=True)
class Context:
    services: Services
    request: Request | WebSocket
    response: Response | WebSocket | None
    viewer: models.User | None = None
    auth_error: str | None = None
    loaders: Loaders = field(default_factory=Loaders)

    def now(self) -> datetime:
        return self.services.clock()

    def today_for(self, user: models.User) -> date:
        return local_today(self.now(), user.timezone, user.day_start_hour)

    def is_viewer(self, user_id: object) -> bool:
        return self.viewer is not None and self.viewer.id == user_id


Info = strawberry.Info[Context, None]
