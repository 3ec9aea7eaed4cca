"""Open a notebook of the built site in headless Chromium, offline, and say what it showed.

Shared by the browser test (``tests/test_lite.py``) and the benchmark
(``benchmarks/lite.py``).  The site is served by ``python -m http.server`` on
127.0.0.1; the browser resolves no other host name (``--host-resolver-rules``) and
every request to anything but that server is stopped (Playwright's route) and
recorded, so a site that needs a CDN shows it as a failure, not as a slow page.
A fresh browser context is a cold cache: nothing from an earlier run is reused.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import CHROMIUM_ARGS as _LAB_ARGS  # noqa: E402  (the tests' helpers)
from browser import free_port, server  # noqa: E402

CHROMIUM_ARGS = [
    *_LAB_ARGS,
    # no name but the local server's address resolves: nothing reaches a network
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]

#: Every map output's picture: node count and text, as the learner sees it.
MAPS_JS = """
() => Array.from(document.querySelectorAll('.jp-OutputArea-output svg')).filter(
  (svg) => svg.querySelector('g.node')
).map((svg) => ({
  nodes: svg.querySelectorAll('g.node').length,
  edges: svg.querySelectorAll('g.edge').length,
  text: Array.from(svg.querySelectorAll('text')).map((t) => t.textContent).join(' '),
  width: svg.getBoundingClientRect().width,
}))
"""

#: Each code cell: its prompt ("[3]:", "[*]:" while it runs), its output's text and its error output.
CELLS_JS = """
() => Array.from(document.querySelectorAll('.jp-CodeCell')).map((c) => ({
  prompt: (c.querySelector('.jp-InputPrompt') || {innerText: ''}).innerText.trim(),
  output: (c.querySelector('.jp-OutputArea') || {innerText: ''}).innerText.slice(0, 2000),
  error: Array.from(c.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
  )).map((e) => e.innerText).join('\\n'),
}))
"""


@contextlib.contextmanager
def serve(site: Path, log: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 as the README tells a teacher to; yield its URL."""
    url = f"http://127.0.0.1:{free_port()}"
    port = url.rsplit(":", 1)[1]
    cmd = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(site), port]
    with server(cmd, f"{url}/index.html", log):
        yield url


@dataclass
class Visit:
    """What opening one notebook and running all its cells showed."""

    notebook_shown_s: float = 0.0  # from the address typed to the notebook on screen
    kernel_ready_s: float = 0.0  # … to its kernel started and idle
    first_map_s: float = 0.0  # … to the first map's picture (kernel start included)
    all_run_s: float = 0.0  # … to every cell run
    outside: list[str] = field(default_factory=list)  # requests that tried to leave 127.0.0.1
    local: list[str] = field(default_factory=list)  # paths asked of the local server
    failed: list[str] = field(default_factory=list)  # local requests answered 4xx/5xx
    cells: list[dict[str, str]] = field(default_factory=list)
    maps: list[dict[str, Any]] = field(default_factory=list)
    renderer_pss: int | None = None  # bytes: the tab's renderer processes (page + kernel worker)
    js_heap: int | None = None  # bytes: the page's JavaScript heap (not the kernel's worker)
    console_errors: list[str] = field(default_factory=list)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            found.append(child)
            todo.append(child)
    return found


def renderer_pss() -> int | None:
    """The proportional memory (PSS) of the Chromium renderers this process started (Linux)."""
    if not Path("/proc/self/smaps_rollup").exists():
        return None
    total = 0
    for pid in _descendants(os.getpid()):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"--type=renderer" not in cmdline:
                continue
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def visit(
    url: str,
    notebook: str,
    chromium: str,
    *,
    path: str = "lab/index.html?path={}",
    screenshot: Path | None = None,
    timeout: float = 300,
    then: Callable[[Any], None] | None = None,
    profile: Path | None = None,
) -> Visit:
    """Open ``notebook`` on the site at ``url`` in a fresh (cold) browser, run all its
    cells from the menu, and wait until every cell has run; then ``then(page)``, if
    given, does what a learner does next (Playwright's page, still open).  With
    ``profile`` (a folder), the browser keeps its storage there: a second visit with
    the same profile is the same learner coming back in the same browser."""
    from playwright.sync_api import sync_playwright

    seen = Visit()
    viewport = {"width": 1400, "height": 1000}
    with sync_playwright() as p:
        if profile is None:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport=viewport)
        else:
            context = browser = p.chromium.launch_persistent_context(
                profile, executable_path=chromium, args=CHROMIUM_ARGS, viewport=viewport
            )
        try:

            def route(r: Any) -> None:
                if r.request.url.startswith(url + "/"):
                    seen.local.append(r.request.url[len(url) :])
                    r.continue_()
                else:
                    seen.outside.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.set_default_timeout(timeout * 1000)
            page.on(
                "response",
                lambda r: seen.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
            )
            page.on("console", lambda m: seen.console_errors.append(m.text) if m.type == "error" else None)
            start = time.monotonic()
            page.goto(f"{url}/{path.format(notebook)}")
            page.locator(".jp-Notebook .jp-Cell").first.wait_for()
            seen.notebook_shown_s = time.monotonic() - start
            page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for()
            seen.kernel_ready_s = time.monotonic() - start
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
            page.locator(".jp-OutputArea-output svg g.node").first.wait_for(state="attached")
            seen.first_map_s = time.monotonic() - start
            end = start + timeout
            while True:
                seen.cells = page.evaluate(CELLS_JS)
                running = [c for c in seen.cells if "*" in c["prompt"]]
                if not running:
                    break
                if time.monotonic() > end:
                    raise TimeoutError(
                        f"{len(running)} cells of {notebook} still not run after {timeout:g} s"
                    )
                time.sleep(0.5)
            seen.all_run_s = time.monotonic() - start
            seen.maps = page.evaluate(MAPS_JS)
            seen.js_heap = page.evaluate(
                "() => performance.memory ? performance.memory.usedJSHeapSize : null"
            )
            seen.renderer_pss = renderer_pss()
            if screenshot is not None:
                page.locator(".jp-OutputArea-output svg g.node").first.scroll_into_view_if_needed()
                page.screenshot(path=str(screenshot))
            if then is not None:
                then(page)
        finally:
            browser.close()
    return seen
