"""What a clean refusal looks like, for the fuzzing and hostile-input tests: never a 5xx, never
an internal or unmasked error, never Python in the body."""

from __future__ import annotations

import re
from typing import Any

import httpx

# Every code the contract (and the HTTP edge) gives an error a client may see for its input.
KNOWN_CODES = frozenset(
    {
        "BAD_USER_INPUT",
        "UNAUTHENTICATED",
        "QUERY_LIMIT_EXCEEDED",
        "SERVICE_UNAVAILABLE",
        "BAD_REQUEST",
        "PAYLOAD_TOO_LARGE",
        "BATCHING_NOT_SUPPORTED",
        "UNSUPPORTED_MEDIA_TYPE",
        "RATE_LIMITED",
    }
)

# What Python looks like when it leaks: tracebacks, exception classes (the contract's own
# error types excepted), reprs, and the stock messages of the standard library's exceptions.
_TYPED_ERRORS = ("Validation", "NotFound", "Authentication", "Conflict", "Field")
PYTHON_LEAKS = re.compile(
    r"Traceback|File \"|\.py\b|object at 0x|<class '|NoneType"
    r"|\b(?!(?:" + "|".join(_TYPED_ERRORS) + r")Error\b)[A-Z][A-Za-z]*(?:Error|Exception)\b"
    r"|isoformat string|out of range|has no attribute|unsupported operand|not subscriptable"
    r"|invalid literal for|pymongo|beanie|bson|mongomock|strawberry\."
)


def check_answer(reply: httpx.Response, what: str = "") -> dict[str, Any]:
    """Asserts the answer is clean and returns its JSON body."""
    context = (
        f"\n--- sent ---\n{what[:3000]}\n--- answer {reply.status_code} ---\n{reply.text[:3000]}"
    )
    assert reply.status_code < 500, context
    leak = PYTHON_LEAKS.search(reply.text)
    assert leak is None, f"leaked {leak.group()!r}{context}"
    body = reply.json()
    assert isinstance(body, dict), context
    if reply.status_code != 200:
        assert body.get("errors"), context  # a refusal of the HTTP edge, said as GraphQL says it
    for error in body.get("errors") or []:
        assert isinstance(error.get("message"), str), context
        assert error["message"], context
        code = (error.get("extensions") or {}).get("code")
        if code is None:
            # graphql-core's own (syntax, validation, variable coercion) come before any
            # resolver runs, so they have no path; an error with a path and no code would be
            # one a resolver let through unmasked.
            assert "path" not in error, context
        else:
            assert code in KNOWN_CODES, context
    return body
