"""Configuration: only from the environment (or `.env`), every name prefixed HUNDRED_DAYS_."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import Annotated

import limits
import limits.errors
import limits.storage
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_SECRET_KEY = "development-secret-key-change-me-0123456789"
MEMORY_URI = "memory://"


def async_storage_uri(uri: str) -> str:
    """The `limits` package's name for the asyncio flavour of a storage URI."""
    return uri if uri.startswith("async+") else f"async+{uri}"


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"
    TEST = "test"


class ConfigurationError(Exception):
    """The configuration cannot be served; the message is the one line shown at start-up."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="HUNDRED_DAYS_", env_file=".env", extra="ignore", frozen=True
    )

    environment: Environment = Environment.DEVELOPMENT
    mongodb_uri: str | None = None
    mongodb_db: str = "hundred_days"
    mongodb_timeout_ms: int = Field(default=5000, ge=100)
    secret_key: str = DEFAULT_SECRET_KEY
    access_token_minutes: int = Field(default=15, ge=1)
    refresh_token_days: int = Field(default=30, ge=1)
    issuer: str = "hundred-days"
    audience: str = "hundred-days-api"
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    oidc_jwks_url: str | None = None
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    auth_rate_limit: str = "10/minute"
    rate_limit: str = "600/minute"
    rate_limit_storage: str = "memory://"
    request_timeout_seconds: float = Field(default=30, gt=0)
    seed_demo: bool | None = None
    log_level: str = "INFO"

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip().startswith("["):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("auth_rate_limit", "rate_limit")
    @classmethod
    def _parse_rate_limit(cls, value: str) -> str:
        limits.parse_many(value)  # ValueError: "couldn't parse rate limit string ..."
        return value

    @field_validator("rate_limit_storage")
    @classmethod
    def _known_storage(cls, value: str) -> str:
        """Made once here, so an unknown scheme or a missing client library stops start-up."""
        try:
            limits.storage.storage_from_string(async_storage_uri(value))
        except limits.errors.ConfigurationError as error:
            raise ValueError(f"rate limit storage {value!r}: {error}") from error
        return value

    @cached_property
    def uses_embedded_store(self) -> bool:
        return self.mongodb_uri in (None, "", MEMORY_URI)

    def _check_oidc(self) -> None:
        """The external identity provider takes all three settings, or none (any environment)."""
        given = [self.oidc_issuer, self.oidc_audience, self.oidc_jwks_url]
        if any(given) and not all(given):
            raise ConfigurationError(
                "HUNDRED_DAYS_OIDC_ISSUER, HUNDRED_DAYS_OIDC_AUDIENCE and "
                "HUNDRED_DAYS_OIDC_JWKS_URL must be set together"
            )
        if self.oidc_issuer and self.oidc_issuer == self.issuer:
            raise ConfigurationError(
                "HUNDRED_DAYS_OIDC_ISSUER must differ from the issuer of this server's own tokens"
            )
        if (
            self.is_production
            and self.oidc_jwks_url
            and not self.oidc_jwks_url.lower().startswith("https://")
        ):
            raise ConfigurationError(
                "HUNDRED_DAYS_OIDC_JWKS_URL must be an https:// URL in production"
            )

    @property
    def is_production(self) -> bool:
        return self.environment is Environment.PRODUCTION

    @property
    def should_seed_demo(self) -> bool:
        if self.seed_demo is not None:
            return self.seed_demo
        return self.uses_embedded_store and self.environment is Environment.DEVELOPMENT

    def check_servable(self) -> list[str]:
        """Refuse what production must not run with; return warnings for what it may."""
        self._check_oidc()
        if not self.is_production:
            return []
        if self.secret_key == DEFAULT_SECRET_KEY or len(self.secret_key) < 32:
            raise ConfigurationError(
                "HUNDRED_DAYS_SECRET_KEY must be set to a random value of at least 32 "
                "characters in production"
            )
        if not self.mongodb_uri:
            raise ConfigurationError(
                "HUNDRED_DAYS_MONGODB_URI must be set in production "
                "(set it to memory:// to run on the embedded store on purpose)"
            )
        if self.uses_embedded_store:
            return [
                "PRODUCTION IS RUNNING ON THE EMBEDDED IN-MEMORY STORE: "
                "all data is lost when this process stops"
            ]
        return []
