"""Expected failures: typed members of each result union, never exceptions."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError


@strawberry.interface(name="Error")
class Error:
    message: str


@strawberry.type
class FieldError:
    field: str
    message: str


@strawberry.type
class ValidationError(Error):
    fields: list[FieldError]


@strawberry.type
class NotFoundError(Error):
    pass


@strawberry.type
class AuthenticationError(Error):
    pass


@strawberry.type
class ConflictError(Error):
    pass


class FieldErrors:
    """Collects every invalid field of one input, so a ValidationError lists them all at once."""

    def __init__(self) -> None:
        self.items: list[FieldError] = []

    def add(self, field: str, message: str) -> None:
        self.items.append(FieldError(field=field, message=message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def error(self) -> ValidationError:
        names = ", ".join(dict.fromkeys(item.field for item in self.items))
        return ValidationError(message=f"Invalid input: {names}", fields=self.items)


def not_found(kind: str) -> NotFoundError:
    return NotFoundError(message=f"{kind} not found")


def bad_user_input(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})
