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


@contextlib.contextmanager
def jupyterlab(work: Path, root: Path) -> Iterator[str]:
    """A JupyterLab server on 127.0.0.1 serving ``work``, with the repo's lab settings
    (``root``/.jupyter: no news pop-up, every cell rendered); yields its URL."""
    import sys

    port = free_port()
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        filter(None, [str(root / ".jupyter"), env.get("JUPYTER_CONFIG_PATH")])
    )
    env["JUPYTER_RUNTIME_DIR"] = str(work / ".runtime")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(work / ".workspaces")
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        "--ServerApp.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        f"--ServerApp.root_dir={work}",
        "--allow-root",
    ]
    url = f"http://127.0.0.1:{port}"
    with server(cmd, f"{url}/api/status", work / "lab.log", env):
        yield url


#: What a map output shows in the browser: for each `.argmap-output`, its picture's node
#: names, its rendered width and the smallest text in CSS px (font size in the SVG's
#: units times the rendered scale).
MAP_OUTPUTS_JS = """
(root) => Array.from(root.querySelectorAll('.argmap-output')).map((out) => {
  const svg = out.querySelector('svg');
  if (!svg) return {nodes: [], width: 0, smallest: 0, column: out.getBoundingClientRect().width};
  const vb = svg.viewBox.baseVal;
  const rect = svg.getBoundingClientRect();
  const scale = vb && vb.width ? rect.width / vb.width : 1;
  const sizes = Array.from(svg.querySelectorAll('text'))
    .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map((t) => parseFloat(t.getAttribute('font-size') || '0') * scale);
  return {
    nodes: Array.from(svg.querySelectorAll('g.node[id^="argmap-"]')).map((g) => g.id.slice('argmap-'.length)),
    width: rect.width,
    column: out.getBoundingClientRect().width,
    smallest: sizes.length ? Math.min(...sizes) : 0,
  };
})
"""


def stop(proc: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """Ask a server we started to stop (SIGTERM: it may stop its children), then kill it."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
