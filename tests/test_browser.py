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


def _keep(work: Path, *names: str) -> None:
    """Keep screenshots for a person to look at, in ARGMAP_SCREENSHOTS (a folder), if set."""
    shots = os.environ.get("ARGMAP_SCREENSHOTS")
    if shots:
        for name in names:
            shutil.copy(work / name, Path(shots) / name)


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
    _keep(work, "annotated.png", "restored.png")


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
            page.evaluate("document.querySelector('.jp-WindowedPanel-outer').scrollTop += 2000")
            page.keyboard.press("Tab")
            assert view.evaluate(FOCUS_IN_VIEW) is True
            # ... and in the window: entering the map never leaves the page at its top
            assert view.evaluate(FOCUSED)["inWindow"], view.evaluate(FOCUSED)
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
    _keep(work, "workbench-opening.png", "workbench-panel.png")


#: Pan the map by dragging its background from a point that is not on a node.
BACKGROUND_POINT = """(view) => {
  const v = view.querySelector('.argmap-viewport').getBoundingClientRect();
  for (let y = v.top + 5; y < v.bottom - 5; y += 7) for (let x = v.left + 5; x < v.right - 5; x += 7) {
    const hit = document.elementFromPoint(x, y);
    if (hit && view.contains(hit) && !hit.closest('g.node') && !hit.closest('.argmap-toolbar')) return [x, y];
  }
  return null;
}"""

#: A node's box and the map window's box, in page pixels.
BOXES = """([view, title]) => {
  const g = Array.from(view.querySelectorAll('g.node'))
    .find(n => (n.getAttribute('aria-label') || '').includes(': ' + title + '.'));
  const r = g.getBoundingClientRect(), v = view.querySelector('.argmap-viewport').getBoundingClientRect();
  return {node: [r.left, r.top, r.right, r.bottom], view: [v.left, v.top, v.right, v.bottom]};
}"""


def _visible_share(box: dict) -> float:  # type: ignore[type-arg]
    (x0, t, r, b), (vl, vt, vr, vb) = box["node"], box["view"]
    w = max(0.0, min(r, vr) - max(x0, vl))
    h = max(0.0, min(b, vb) - max(t, vt))
    return (w * h) / ((r - x0) * (b - t))


def _drag_map(page, view, dx: float, dy: float) -> None:  # type: ignore[no-untyped-def]
    x, y = view.evaluate(BACKGROUND_POINT)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx / 2, y + dy / 2)
    page.mouse.move(x + dx, y + dy)
    page.mouse.up()


ON_THESIS = "() => document.activeElement && document.activeElement.matches('g.node.argmap-thesis')"


def _open_workbench(page, url: str, name: str, skip_first: bool = False):  # type: ignore[no-untyped-def]
    page.goto(f"{url}/lab/tree/{NOTEBOOK}")
    page.locator(".jp-Notebook").first.wait_for()
    _wait_idle(page)
    _menu(page, "Run", "Run All Cells")
    view = page.locator(".argmap-view").first
    view.locator("g.node").first.wait_for(state="attached", timeout=90_000)
    box = page.get_by_placeholder("Your name").first
    if skip_first:  # the skip link: Tab from the name box to it, Enter, and the map has focus
        box.focus()
        for _ in range(3):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == "Skip to the map":
                break
        assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to the map"
        page.keyboard.press("Enter")
        page.wait_for_function(ON_THESIS, timeout=20_000)
    box.fill(name)
    box.press("Enter")
    page.locator(".argmap-annotator", has_text=f"annotations of {name}").first.wait_for()
    view.evaluate(OPENED)
    return view


@pytest.mark.parametrize(
    ("title", "edge", "share"),
    [("Deep exchange", "bottom", 0.3), ("Easily eroded", "right", 0.3), ("Treaty", "top", 0.5)],
    ids=["30-percent-at-the-bottom", "30-percent-at-the-right", "half-at-the-top"],
)
def test_a_click_on_a_half_visible_node_judges_that_node(  # type: ignore[no-untyped-def]
    lab, title: str, edge: str, share: float
) -> None:
    """Issue 18: a click on a node only partly inside the map's window selects THAT
    node (and pans it into view); the panel names it; the judgement clicked at once
    afterwards is saved on it in the learner's file, not on the node selected before."""
    from playwright.sync_api import expect, sync_playwright

    exe, url, work = lab
    learner = f"Half {edge}"
    learner_file = work / "out" / learner_file_name("russia-iran", learner)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.set_default_timeout(60_000)
            view = _open_workbench(page, url, learner)
            panel = page.locator(".argmap-panel").first
            # A node selected before: what used to receive the judgement by mistake.
            before = view.locator("g.node.argmap-thesis").first
            before.click()
            expect(panel.locator(".argmap-target")).to_contain_text("[Convenience]")

            # Pan the map until the target node shows only `share` of itself at `edge`.
            target = view.locator(f"g.node[aria-label*=': {title}.']").first
            target.focus()  # the keyboard pans it into view: now move it to the edge by dragging
            handle = view.element_handle()
            box = page.evaluate(BOXES, [handle, title])
            (x0, t, r, b), (vl, vt, vr, vb) = box["node"], box["view"]
            if edge == "bottom":
                _drag_map(page, view, 0, (vb - (b - t) * share) - t)
            elif edge == "right":
                _drag_map(page, view, (vr - (r - x0) * share) - x0, 0)
            else:
                _drag_map(page, view, 0, (vt + (b - t) * share) - b)
            box = page.evaluate(BOXES, [handle, title])
            seen = _visible_share(box)
            assert abs(seen - share) < 0.12, f"{title} is {seen:.0%} visible, wanted {share:.0%}"
            (x0, t, r, b), (vl, vt, vr, vb) = box["node"], box["view"]
            # Click in the middle of the part that shows.
            x = (max(x0, vl) + min(r, vr)) / 2
            y = (max(t, vt) + min(b, vb)) / 2
            page.screenshot(path=str(work / f"half-visible-{edge}-before.png"))
            page.mouse.click(x, y)
            # At once, without waiting for the panel: the panel takes the click only when
            # it shows the node just clicked (Playwright waits while it is busy).
            panel.locator("button", has_text="reject").first.click()
            expect(panel.locator(".argmap-target")).to_contain_text(f"[{title}]")
            assert _visible_share(page.evaluate(BOXES, [handle, title])) > 0.99  # panned into view
            data = _wait_file(
                learner_file, lambda d: d["nodes"].get(f"[{title}]", {}).get("judgement") == "reject"
            )
            assert "judgement" not in data["nodes"].get("[Convenience]", {}), data["nodes"]
            page.screenshot(path=str(work / f"half-visible-{edge}-after.png"))
        finally:
            browser.close()
    _keep(work, f"half-visible-{edge}-before.png", f"half-visible-{edge}-after.png")


#: The focused node: its label, its centre in the SVG's own units, and whether it is
#: inside the map's window and inside the browser's window (the page scrolled to it).
FOCUSED = """(view) => {
  const a = document.activeElement;
  if (!a || !a.matches('g.node') || !view.contains(a)) return null;
  const b = a.getBBox(), r = a.getBoundingClientRect();
  const v = view.querySelector('.argmap-viewport').getBoundingClientRect();
  return {
    label: a.getAttribute('aria-label'), thesis: a.classList.contains('argmap-thesis'),
    x: b.x + b.width / 2, y: b.y + b.height / 2,
    inMap: r.left >= v.left - 1 && r.right <= v.right + 1 && r.top >= v.top - 1 && r.bottom <= v.bottom + 1,
    inWindow: r.top >= -1 && r.bottom <= window.innerHeight + 1,
  };
}"""


def test_keyboard_goes_from_the_name_to_the_thesis_and_moves_as_the_picture_does(lab) -> None:  # type: ignore[no-untyped-def]
    """Issue 18: Enter in the name box puts focus on the thesis, in view in the page;
    the arrow keys move up, down, left and right in the picture (not in the SVG's
    element order), each node in view; [Treaty] is a few key presses away."""
    from playwright.sync_api import sync_playwright

    exe, url, work = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.set_default_timeout(60_000)
            view = _open_workbench(page, url, "Keys", skip_first=True)
            page.wait_for_function(ON_THESIS, timeout=20_000)
            here = view.evaluate(FOCUSED)
            assert here["thesis"] and here["inMap"] and here["inWindow"], here
            page.screenshot(path=str(work / "keyboard-thesis.png"))

            keys = 1  # Enter in the name box
            moves = {
                "ArrowUp": ("y", -1),
                "ArrowDown": ("y", 1),
                "ArrowLeft": ("x", -1),
                "ArrowRight": ("x", 1),
            }
            seen = [here["label"]]
            for key in ("ArrowDown", "ArrowRight", "ArrowUp", "ArrowLeft", "ArrowDown", "ArrowUp"):
                page.keyboard.press(key)
                now = view.evaluate(FOCUSED)
                axis, sign = moves[key]
                assert now is not None, f"{key} took focus off the map"
                assert sign * (now[axis] - here[axis]) > 0, f"{key} went from {here} to {now}"
                assert now["inMap"] and now["inWindow"], now
                seen.append(now["label"])
                here = now
            assert len(set(seen)) >= 4, seen

            page.keyboard.press("Home")
            assert view.evaluate(FOCUSED)["thesis"]
            # [Treaty], an objection to the thesis, drawn above it: a few presses of ArrowUp.
            for _ in range(8):
                if "Treaty." in view.evaluate(FOCUSED)["label"]:
                    break
                page.keyboard.press("ArrowUp")
                keys += 1
            assert "Treaty." in view.evaluate(FOCUSED)["label"], view.evaluate(FOCUSED)
            assert keys <= 5, f"{keys} key presses from the name box to [Treaty]"
            print(f"keyboard: {keys} key presses from the name box to [Treaty]")
            page.screenshot(path=str(work / "keyboard-treaty.png"))
        finally:
            browser.close()
    _keep(work, "keyboard-thesis.png", "keyboard-treaty.png")
