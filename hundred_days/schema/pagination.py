"""Relay connections over lists the loaders already hold, with the contract's limits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from strawberry import relay
from strawberry.relay.utils import from_base64, to_base64

from hundred_days.schema.errors import bad_user_input

DEFAULT_PAGE = 20
MAX_PAGE = 100
_CURSOR_PREFIX = "cursor"

C = TypeVar("C", bound=relay.Connection[Any])
T = TypeVar("T")
N = TypeVar("N")


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE
    if first < 0 or first > MAX_PAGE:
        raise bad_user_input(f"`first` must be between 0 and {MAX_PAGE}")
    return first


def _offset(after: str | None) -> int:
    if after is None:
        return 0
    try:
        prefix, value = from_base64(after)
        offset = int(value)
    except (ValueError, TypeError) as error:
        raise bad_user_input("`after` is not a valid cursor") from error
    if prefix != _CURSOR_PREFIX or offset < 0:
        raise bad_user_input("`after` is not a valid cursor")
    return offset + 1


def paginate(
    connection: type[C],
    items: Sequence[T],
    first: int | None,
    after: str | None,
    to_node: Callable[[T], Any],
) -> C:
    size = page_size(first)
    start = _offset(after)
    window = items[start : start + size]
    edges = [
        relay.Edge(node=to_node(item), cursor=to_base64(_CURSOR_PREFIX, start + index))
        for index, item in enumerate(window)
    ]
    page_info = relay.PageInfo(
        has_next_page=start + size < len(items),
        has_previous_page=start > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return connection(edges=edges, page_info=page_info, total_count=len(items))  # type: ignore[call-arg]
