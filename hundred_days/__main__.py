"""`python -m hundred_days [--port N] [--host H] [--reload]`: serve with uvicorn."""

from __future__ import annotations

import argparse
import logging
import sys

import uvicorn
from pydantic import ValidationError

from hundred_days.log import configure_logging
from hundred_days.settings import ConfigurationError, Settings


def _describe(error: ConfigurationError | ValidationError) -> str:
    if isinstance(error, ConfigurationError):
        return str(error)
    return "; ".join(
        f"HUNDRED_DAYS_{'_'.join(str(part) for part in item['loc']).upper()}: {item['msg']}"
        for item in error.errors()
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hundred_days", description="Serve Hundred Days.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--reload", action="store_true", help="restart on code changes")
    args = parser.parse_args(argv)
    try:
        settings = Settings()
        settings.check_servable()
    except (ConfigurationError, ValidationError) as error:
        print(f"hundred_days: refusing to start: {_describe(error)}", file=sys.stderr)
        return 2
    configure_logging(json_lines=settings.is_production, level=settings.log_level)
    logging.getLogger("hundred_days").info("serving on http://%s:%d/graphql", args.host, args.port)
    uvicorn.run(
        "hundred_days.app:served_app",
        factory=True,
        host=args.host,
        port=args.port,
        reload=args.reload,
        log_config=None,
        timeout_graceful_shutdown=20,
        proxy_headers=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
