"""Rate limits (DESIGN, "Configuration" and "Security"), with the `limits` package.

- `AUTH_RATE_LIMIT` (default 10/minute): each of `signUp`, `logIn` and `refreshToken` has its own
  budget per client address; every occurrence of the field in the operation spends one (so
  fifteen aliased `logIn`s spend fifteen).
- `RATE_LIMIT` (default 600/minute): every other operation, per user (the verified access
  token's subject) or per client address when anonymous or the token does not verify.
  An operation mixing both kinds spends from both, and is refused if either is spent.

Moving windows where the storage supports them (memory, Redis, MongoDB), fixed windows
otherwise (Memcached). Nothing is spent by an operation that is refused.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import limits
from graphql import (
    GraphQLError,
    OperationType,
    parse,
)
from limits.aio.storage import MovingWindowSupport, Storage
from limits.aio.strategies import (
    FixedWindowRateLimiter,
    MovingWindowRateLimiter,
    RateLimiter,
)
from limits.storage import storage_from_string

from hundred_days.operations import chosen_operations, root_field_names
from hundred_days.schema.guards import MAX_TOKENS
from hundred_days.settings import Settings, async_storage_uri

AUTH_FIELDS = frozenset({"signUp", "logIn", "refreshToken"})


@dataclass(frozen=True, slots=True)
class Plan:
    """What one operation spends: each auth field's occurrences, and whether it is general."""

    auth: Counter[str]
    general: bool
    ambiguous: bool = False  # several operations and no operationName to choose one


def plan_operation(query: object, operation_name: object) -> Plan:
    """Reads the root fields of the operation that will run (parsing stops at MAX_TOKENS).

    A document that does not parse, or names no operation that exists, is general: the
    server will refuse it, but it still spends the client's budget.
    """
    if not isinstance(query, str):
        return Plan(Counter(), general=True)
    try:
        document = parse(query, no_location=True, max_tokens=MAX_TOKENS)
    except GraphQLError:
        return Plan(Counter(), general=True)
    chosen = chosen_operations(document, operation_name)
    if not chosen:
        return Plan(Counter(), general=True)
    auth: Counter[str] = Counter()
    general = False
    for operation in chosen:  # several unnamed ones are refused by the server; all count
        for name in root_field_names(document, operation):
            if operation.operation is OperationType.MUTATION and name in AUTH_FIELDS:
                auth[name] += 1
            else:
                general = True
    return Plan(auth, general or not auth, ambiguous=len(chosen) > 1)


@dataclass(frozen=True, slots=True)
class Budget:
    item: limits.RateLimitItem
    identifiers: tuple[str, ...]
    cost: int = 1


class RateLimits:
    """One per app. `reset()` empties the storage (tests start each app with a fresh one)."""

    def __init__(self, settings: Settings) -> None:
        self.auth_limits = limits.parse_many(settings.auth_rate_limit)
        self.general_limits = limits.parse_many(settings.rate_limit)
        self.storage: Storage = storage_from_string(  # type: ignore[assignment]
            async_storage_uri(settings.rate_limit_storage)
        )
        self.limiter: RateLimiter = (
            MovingWindowRateLimiter(self.storage)
            if isinstance(self.storage, MovingWindowSupport)
            else FixedWindowRateLimiter(self.storage)
        )

    def budgets(self, plan: Plan, *, subject: str | None, address: str) -> list[Budget]:
        spent = [
            Budget(item, ("auth", field, "address", address), count)
            for field, count in sorted(plan.auth.items())
            for item in self.auth_limits
        ]
        if plan.general:
            who = ("user", subject) if subject else ("address", address)
            spent += [Budget(item, ("api", *who)) for item in self.general_limits]
        return spent

    async def spend(self, budgets: Sequence[Budget]) -> int | None:
        """None when every budget allows the cost (then it is spent); otherwise the seconds
        until the first refusing budget has room again (at least 1)."""
        for budget in budgets:
            if not await self.limiter.test(budget.item, *budget.identifiers, cost=budget.cost):
                return await self._retry_after(budget)
        for budget in budgets:
            if not await self.limiter.hit(budget.item, *budget.identifiers, cost=budget.cost):
                return await self._retry_after(budget)  # spent meanwhile by a concurrent request
        return None

    async def _retry_after(self, budget: Budget) -> int:
        stats = await self.limiter.get_window_stats(budget.item, *budget.identifiers)
        if budget.cost > budget.item.amount:
            return budget.item.get_expiry()  # never fits: say when the window is empty
        return max(1, math.ceil(stats.reset_time - time.time()))

    async def reset(self) -> None:
        await self.storage.reset()
