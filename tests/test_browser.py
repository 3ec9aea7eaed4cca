"""A real JupyterLab in headless Chromium: open the annotation notebook, run it,
click a node, judge it, type a note, see the diagram restyle, restart the kernel,
run again, and find the annotation restored."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from argmap.annotations import learner_file_name
from browser import CHROMIUM_ARGS, chromium, jupyterlab

pytestmark = [pytest.mark.browser, pytest.mark.graphviz, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "08-annotate-and-evaluate.ipynb"
LEARNER_FILE = Path("out") / learner_file_name("russia-iran", "Ana")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    exe = chromium()
    work = tmp_path_factory.mktemp("lab")
    for name in (NOTEBOOK, "russia-iran.argdown", "russia-iran-oped.txt"):
        shutil.copy(ROOT / "notebooks" / name, work / name)
    with jupyterlab(work, ROOT) as url:  # the repo's lab settings: no news pop-up, every cell rendered
        yield exe, url, work


def _menu(page, menu: str, item: str) -> None:  # type: ignore[no-untyped-def]
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def _wait_idle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the kernel has started and is idle (the status bar says so)."""
    page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=90_000)


def _wait_file(path: Path, check, timeout: float = 20) -> dict:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    data: dict = {}
    while time.monotonic() < end:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if check(data):
                return data
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{path.name} never reached the expected state; last seen: {data}")


def test_annotate_in_jupyterlab_and_resume_after_restart(lab) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect, sync_playwright

    exe, url, work = lab
    learner_file = work / LEARNER_FILE
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(f"{url}/lab/tree/{NOTEBOOK}")
            page.locator(".jp-Notebook").first.wait_for()
            _wait_idle(page)
            _menu(page, "Run", "Run All Cells")

            page.get_by_placeholder("Your name").first.fill("Ana")
            page.locator("button.widget-button[title='Start']").first.click()
            view = page.locator(".argmap-view").first
            node = view.locator("g.node[aria-label*='Either-or']").first
            node.wait_for(state="attached", timeout=90_000)
            # A big map opens on its thesis; the keyboard brings any node into view
            # (Tab to it, Enter), and then a click selects it too.
            node.focus()
            node.press("Enter")
            panel = page.locator(".argmap-annotator").first
            expect(panel).to_contain_text("Either-or")
            node.click()

            panel.locator("button", has_text="reject").first.click()
            expect(view.locator(".argmap-mark", has_text="rejected")).to_have_count(1)  # restyled in place
            _wait_file(learner_file, lambda d: d["nodes"].get("[Either-or]", {}).get("judgement") == "reject")

            note = panel.locator("textarea").first
            note.fill("Need and shared values can go together.")
            note.press("Tab")
            _wait_file(learner_file, lambda d: "go together" in d["nodes"]["[Either-or]"].get("note", ""))
            page.screenshot(path=str(work / "annotated.png"))

            # Restart the kernel and run everything again: the work comes back.
            page.evaluate("document.querySelectorAll('.argmap-view').forEach(e => e.dataset.stale = '1')")
            _menu(page, "Kernel", "Restart Kernel and Run All Cells")
            page.locator(".jp-Dialog-button.jp-mod-accept, .jp-Dialog-button.jp-mod-warn").first.click()
            page.get_by_placeholder("Your name").last.fill("Ana")  # the same name: the same file
            page.locator("button.widget-button[title='Start']").last.click()
            fresh = page.locator(".argmap-view:not([data-stale])").first
            fresh.locator(".argmap-mark", has_text="rejected").first.wait_for(
                state="attached", timeout=90_000
            )
            # This time by keyboard, as a learner without a mouse would: focus the node, press Enter.
            again = fresh.locator("g.node[aria-label*='Either-or']").first
            again.focus()
            again.press("Enter")
            panel = page.locator(".argmap-annotator").last
            expect(panel.locator("textarea").first).to_have_value("Need and shared values can go together.")
            expect(
                panel.locator("button.mod-active, button.jupyter-button.mod-active", has_text="reject")
            ).to_have_count(1)
            page.screenshot(path=str(work / "restored.png"))
        finally:
            browser.close()
    shots = os.environ.get("ARGMAP_SCREENSHOTS")
    if shots:
        for name in ("annotated.png", "restored.png"):
            shutil.copy(work / name, Path(shots) / name)


#: The smallest text of the map as drawn on screen, in CSS px: the SVG's smallest
#: font size times the size the browser really draws the SVG at (its on-screen width
#: over its viewBox width: this includes the view's zoom).
SMALLEST_TEXT_PX = """(view) => {
  const svg = view.querySelector('.argmap-stage svg');
  const sizes = Array.from(svg.querySelectorAll('text')).map(t => parseFloat(t.getAttribute('font-size')))
    .filter(v => v > 0);
  return Math.min(...sizes) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
}"""

#: Resolves once the view has chosen its opening scale.
OPENED = "v => new Promise(r => { const t = () => (v.dataset.openingScale ? r() : setTimeout(t, 50)); t(); })"

#: Is the focused element inside the map's window (panned into view)?
FOCUS_IN_VIEW = """(view) => {
  const a = document.activeElement;
  if (!a || !a.matches('g.node') || !view.contains(a)) return 'not a node: ' + (a && a.tagName);
  const r = a.getBoundingClientRect(), v = view.querySelector('.argmap-viewport').getBoundingClientRect();
  return r.left >= v.left - 1 && r.right <= v.right + 1 && r.top >= v.top - 1 && r.bottom <= v.bottom + 1;
}"""


def test_workbench_by_keyboard_opens_readable(lab) -> None:  # type: ignore[no-untyped-def]
    """Issue 9 item 6: readable opening view; Tab to a node (panned into view); arrow
    keys; Enter takes focus into the panel; Escape back to the map.  Screenshots
    are kept (ARGMAP_SCREENSHOTS=folder) for a person to look at."""
    from playwright.sync_api import expect, sync_playwright

    exe, url, work = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(f"{url}/lab/tree/{NOTEBOOK}")
            page.locator(".jp-Notebook").first.wait_for()
            _wait_idle(page)
            _menu(page, "Run", "Run All Cells")
            name = page.get_by_placeholder("Your name").first
            name.fill("Мария")
            name.press("Enter")  # Enter in the name box starts, no click needed
            view = page.locator(".argmap-view").first
            view.locator("g.node").first.wait_for(state="attached", timeout=90_000)
            expect(page.locator(".argmap-annotator").first).to_contain_text("annotations of Мария")
            view.evaluate(OPENED)
            view.scroll_into_view_if_needed()
            smallest = view.evaluate(SMALLEST_TEXT_PX)
            assert smallest >= 9 - 0.05, f"the opening view shows text at {smallest:.2f} px"
            page.screenshot(path=str(work / "workbench-opening.png"))

            # Tab from the toolbar lands on one node of the map, in view.
            view.locator("button.argmap-zoom-fit").focus()
            page.keyboard.press("Tab")
            assert view.evaluate(FOCUS_IN_VIEW) is True
            first = page.evaluate("document.activeElement.getAttribute('aria-label')")
            for _ in range(5):
                page.keyboard.press("ArrowRight")
            assert view.evaluate(FOCUS_IN_VIEW) is True
            now = page.evaluate("document.activeElement.getAttribute('aria-label')")
            assert now != first
            page.keyboard.press("End")  # the last node, far away on a big map: panned into view
            assert view.evaluate(FOCUS_IN_VIEW) is True
            page.keyboard.press("Home")
            label = page.evaluate("document.activeElement.getAttribute('aria-label')")
            title = label.split(": ", 1)[1].split(". ", 1)[0]  # "claim: Will erode. When …"

            # Enter: the panel shows the node and focus is on its first control.
            page.keyboard.press("Enter")
            panel = page.locator(".argmap-panel").first
            page.wait_for_function(
                "() => document.activeElement && document.activeElement.closest('.argmap-panel') !== null",
                timeout=10_000,
            )
            focused = page.evaluate("document.activeElement.textContent.trim()")
            assert focused, "focus is on a control with a label"
            expect(panel).to_contain_text(title)
            page.keyboard.press("Tab")  # the next control is one key away
            assert page.evaluate("document.activeElement.closest('.argmap-panel') !== null")
            page.screenshot(path=str(work / "workbench-panel.png"))

            # Escape: back on the map, on the selected node.
            page.keyboard.press("Escape")
            assert view.evaluate(FOCUS_IN_VIEW) is True
            assert page.evaluate("document.activeElement.classList.contains('argmap-selected')")
            # The instructions say how: where the learner reads them, under the map.
            expect(page.locator(".argmap-annotator").first).to_contain_text("arrow keys")
        finally:
            browser.close()
    shots = os.environ.get("ARGMAP_SCREENSHOTS")
    if shots:
        for name in ("workbench-opening.png", "workbench-panel.png"):
            shutil.copy(work / name, Path(shots) / name)
