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
import re
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
    widgets: list[dict[str, Any]] = field(default_factory=list)


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


#: Each widget output (ipywidgets and anywidget views; their output node carries no
#: MIME type): whether it drew (a view on screen) or said it could not.
WIDGETS_JS = """
() => Array.from(document.querySelectorAll('.jp-OutputArea-output')).filter((o) =>
  o.classList.contains('jupyter-widgets') || o.querySelector(':scope > .jupyter-widgets')
  || /Error displaying widget|Loading widget/.test(o.innerText)
).map((w) => ({
  text: w.innerText.slice(0, 300),
  height: w.getBoundingClientRect().height,
  broken: /Error displaying widget|Loading widget|model not found/i.test(w.innerText),
}))
"""


class Tab:
    """One browser tab on the site (a notebook opened in it later restores the earlier
    one beside it, as JupyterLab keeps its workspace: one notebook per tab is clearer).

    Every request is recorded in the :class:`Visit` of the notebook being run
    (:attr:`seen`); a request for anything but the site is stopped."""

    def __init__(self, url: str, context: Any, timeout: float) -> None:
        self.url = url
        self.context = context
        self.timeout = timeout
        self.seen = Visit()
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.set_default_timeout(timeout * 1000)
        self.page.on(
            "response",
            lambda r: self.seen.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        self.page.on(
            "console", lambda m: self.seen.console_errors.append(m.text) if m.type == "error" else None
        )

    def _route(self, r: Any) -> None:
        if r.request.url.startswith(self.url + "/"):
            self.seen.local.append(r.request.url[len(self.url) :])
            r.continue_()
        else:
            self.seen.outside.append(r.request.url)
            r.abort()

    def run(
        self,
        notebook: str,
        *,
        path: str = "lab/index.html?path={}",
        expect_map: bool = True,
        screenshot: Path | None = None,
    ) -> Visit:
        """Open ``notebook`` in this tab (its own, new kernel), run all its cells from
        the menu and wait until every cell has run or the run stopped at an error.
        With ``expect_map``, the time to the first map's picture is measured (and a
        notebook without one times out)."""
        page, seen = self.page, Visit()
        self.seen = seen
        start = time.monotonic()
        page.goto(f"{self.url}/{path.format(notebook)}")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for()
        seen.notebook_shown_s = time.monotonic() - start
        page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for()
        seen.kernel_ready_s = time.monotonic() - start
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        if expect_map:
            page.locator(".jp-OutputArea-output svg g.node").first.wait_for(state="attached")
            seen.first_map_s = time.monotonic() - start
        end = start + self.timeout
        while True:
            seen.cells = page.evaluate(CELLS_JS)
            running = [c for c in seen.cells if "*" in c["prompt"]]
            if not running:
                break
            if time.monotonic() > end:
                raise TimeoutError(
                    f"{len(running)} cells of {notebook} still not run after {self.timeout:g} s"
                )
            time.sleep(0.5)
        seen.all_run_s = time.monotonic() - start
        if not expect_map and page.locator(".jp-OutputArea-output svg g.node").count():
            seen.first_map_s = seen.all_run_s  # not timed: at most this
        seen.maps = page.evaluate(MAPS_JS)
        seen.widgets = page.evaluate(WIDGETS_JS)
        seen.js_heap = page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize : null")
        seen.renderer_pss = renderer_pss()
        if screenshot is not None:
            maps = page.locator(".jp-OutputArea-output svg g.node")
            if maps.count():
                maps.first.scroll_into_view_if_needed()
            page.screenshot(path=str(screenshot))
        return seen


VIEWPORT = {"width": 1400, "height": 1000}


@contextlib.contextmanager
def chromium_browser(chromium: str) -> Iterator[Any]:
    """Chromium, headless, resolving no host name but 127.0.0.1 (Playwright's browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def tab(
    url: str, chromium: str, *, timeout: float = 300, profile: Path | None = None, browser: Any = None
) -> Iterator[Tab]:
    """A fresh (cold) Chromium context with one tab on the site at ``url``: in
    ``browser`` (from :func:`chromium_browser`) if given, else in a browser of its own.
    With ``profile`` (a folder), the browser keeps its storage there: a second browser
    with the same profile is the same learner coming back in the same browser."""
    from playwright.sync_api import sync_playwright

    if browser is not None:
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        try:
            yield Tab(url, context, timeout)
        finally:
            context.close()
        return
    with sync_playwright() as p:
        if profile is None:
            own = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            context = own.new_context(viewport=VIEWPORT, accept_downloads=True)
        else:
            context = own = p.chromium.launch_persistent_context(
                profile,
                executable_path=chromium,
                args=CHROMIUM_ARGS,
                viewport=VIEWPORT,
                accept_downloads=True,
            )
        try:
            yield Tab(url, context, timeout)
        finally:
            own.close()


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
    cells and wait until every cell has run (:meth:`Tab.run`); then ``then(page)``, if
    given, does what a learner does next (Playwright's page, still open)."""
    with tab(url, chromium, timeout=timeout, profile=profile) as t:
        seen = t.run(notebook, path=path, screenshot=screenshot)
        if then is not None:
            then(t.page)
    return seen


# -- every notebook, one line each -----------------------------------------------------------


def verdict(seen: Visit) -> tuple[bool, str]:
    """Did a notebook run in the browser as it should, and what it showed, in one line."""
    run = sum(1 for c in seen.cells if re.fullmatch(r"\[\d+\]:", c["prompt"]))
    errors = [c["error"] for c in seen.cells if c["error"]]
    broken = [w for w in seen.widgets if w["broken"] or w["height"] == 0]
    no_pdf = sum(1 for c in seen.cells if "No PDF" in c["output"])
    ok = run == len(seen.cells) and not errors and not broken and not seen.outside
    said = (
        f"cells {run}/{len(seen.cells)} run, {len(errors)} with errors, {len(seen.maps)} maps as SVG, "
        f"{len(seen.widgets)} widgets ({len(broken)} not drawn), {no_pdf} 'No PDF' notes, "
        f"{len(seen.outside)} requests off the site; kernel {seen.kernel_ready_s:.0f} s, "
        f"all cells {seen.all_run_s:.0f} s"
    )
    if errors:
        said += " | first error: " + " ".join(errors[0].split())[:300]
    if broken:
        said += " | widget not drawn: " + " ".join(broken[0]["text"].split())[:200]
    return ok, said


def main(argv: list[str] | None = None) -> int:
    """Run notebooks of a built site in headless Chromium, offline, each in a fresh tab; one line each."""
    import argparse
    import shutil
    import tempfile

    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(prog="lite/drive.py", description=main.__doc__)
    parser.add_argument("notebooks", nargs="*", help="file names (default: every notebook of the site)")
    parser.add_argument("--site", type=Path, default=root / "build" / "lite", help="default: build/lite")
    parser.add_argument("--shots", type=Path, help="save a screenshot of each notebook's first map here")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(p.name for p in (args.site / "files").glob("*.ipynb"))
    if args.shots is not None:
        args.shots.mkdir(parents=True, exist_ok=True)
    failed = 0
    with (
        tempfile.TemporaryDirectory(prefix="argmap-lite-") as tmp,
        serve(args.site, Path(tmp) / "server.log") as url,
        chromium_browser(args.chromium) as browser,
    ):
        for name in notebooks:  # each in a context of its own: a cold cache, its own workspace
            shot = args.shots / f"{Path(name).stem}.png" if args.shots is not None else None
            try:
                with tab(url, args.chromium, browser=browser) as t:
                    ok, said = verdict(t.run(name, expect_map=False, screenshot=shot))
            except Exception as exc:  # noqa: BLE001 - said, and the next notebook runs
                ok, said = False, f"did not finish: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
            failed += not ok
            print(f"{Path(name).stem}: {'ok' if ok else 'FAILED'}: {said}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
