"""Helpers for the real-browser tests: Debian's Chromium driven by Python Playwright.

Never downloads a browser: the tests use ``/usr/bin/chromium`` (or
``ARGMAP_CHROMIUM``).  Without it the tests skip, unless ``ARGMAP_REQUIRE_BROWSER=1``
(set by ``./dev.sh test``), in which case they fail.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def _missing(reason: str) -> None:
    if os.environ.get("ARGMAP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (ARGMAP_REQUIRE_BROWSER=1: browser tests must run)")
    pytest.skip(reason)


def chromium() -> str:
    path = os.environ.get("ARGMAP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        _missing(f"Chromium not found at {path}: apt-get install chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("Python Playwright is not installed: pip install -e '.[test]'")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 90) -> None:
    end = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 (loopback only)
                if r.status < 500:
                    return
        except Exception as exc:  # noqa: BLE001 - still starting
            last = exc
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout} s: {last}")


@contextlib.contextmanager
def server(
    cmd: list[str], url: str, log: Path, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server process, wait until ``url`` answers, stop it by its PID."""
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            try:
                wait_http(url)
            except TimeoutError:
                raise RuntimeError(
                    f"server did not start; its log:\n{log.read_text(errors='replace')[-3000:]}"
                ) from None
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
