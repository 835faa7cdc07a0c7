"""The real server process: `python -m hundred_days` serves, and SIGTERM ends it cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import httpx
import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_serving(process: subprocess.Popen[str], port: int) -> httpx.Response:
    """Polls until the server answers; bounded by attempts, not by reading the clock."""
    for _ in range(400):
        if process.poll() is not None:
            break
        try:
            return httpx.get(f"http://127.0.0.1:{port}/health", timeout=0.25)
        except httpx.TransportError:
            continue
    raise AssertionError("the server did not start")


def test_serves_then_shuts_down_cleanly_on_sigterm(tmp_path):
    port = _free_port()
    env = {
        key: value for key, value in os.environ.items() if not key.startswith("HUNDRED_DAYS_")
    } | {"HUNDRED_DAYS_ENVIRONMENT": "development", "HUNDRED_DAYS_SEED_DEMO": "false"}
    process = subprocess.Popen(
        [sys.executable, "-m", "hundred_days", "--port", str(port)],
        cwd=tmp_path,  # no .env from the checkout
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        health = _wait_until_serving(process, port)
        assert health.status_code == 200
        assert health.json()["database"] == "connected"
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    # uvicorn finishes its shutdown, then re-raises SIGTERM so the exit status tells why.
    assert process.returncode in (0, -signal.SIGTERM), output
    assert "embedded in-memory store" in output
    assert "database client closed" in output
