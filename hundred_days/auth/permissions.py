from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from strawberry.permission import BasePermission

from hundred_days.context import Info


class IsAuthenticated(BasePermission):
    message = "Authentication required"
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012 (strawberry reads it as is)

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        if info.context.viewer is not None:
            return True
        if info.context.auth_error is not None:
            # One instance serves every request: the reason is raised, never stored on it.
            raise GraphQLError(info.context.auth_error, extensions=dict(self.error_extensions))
        return False
