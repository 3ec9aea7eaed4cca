"""The annotation notebook as a code-free app: Voilà serves notebook 08 and a real
(headless) Chromium clicks a node of the map.

Skipped when Chromium or Voilà is missing, unless ``ARGMAP_REQUIRE_BROWSER=1``.
The notebooks folder is copied to a temporary folder first, so the learner file
the notebook writes never lands in the repository.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.annotations import learner_file_name
from browser import CHROMIUM_ARGS, stop

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
#: The thesis of the case study: its node is ``g#argmap-s0``, and its text must
#: appear in the side panel once the node is clicked.
THESIS_TEXT = "partnership of convenience, not conviction: the two states cooperate"


def _voila() -> str | None:
    here = Path(sys.executable).with_name("voila")
    return str(here) if here.exists() else shutil.which("voila")


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed"
    if _voila() is None:
        return "voila is not installed"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (python) is not installed"
    if not sorted(ROOT.glob("notebooks/08-*.ipynb")):
        return "notebook 08 (notebooks/08-*.ipynb) does not exist yet"
    return None


@pytest.fixture
def app(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Voilà serving a temporary copy of notebook 08; yields its URL."""
    with _serve(tmp_path) as served:
        yield served


@contextlib.contextmanager
def _serve(
    tmp_path: Path, extra: tuple[str, ...] = (), env: dict[str, str] | None = None
) -> Iterator[tuple[str, Path]]:
    why = _missing()
    if why is not None:
        if os.environ.get("ARGMAP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"ARGMAP_REQUIRE_BROWSER=1 but {why}")
        pytest.skip(why)
    folder = tmp_path / "notebooks"
    shutil.copytree(
        ROOT / "notebooks",
        folder,
        ignore=shutil.ignore_patterns("out", ".ipynb_checkpoints", "*.annotations.json"),
    )
    notebook = sorted(folder.glob("08-*.ipynb"))[0]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (tmp_path / "voila.log").open("wb")
    env = {**os.environ, "JUPYTER_PLATFORM_DIRS": "1", "HOME": str(tmp_path), **(env or {})}
    proc = subprocess.Popen(
        [
            str(_voila()),
            notebook.name,
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--ServerApp.allow_root=True",
            *extra,
        ],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                log.flush()
                pytest.fail(
                    f"voila exited ({proc.returncode}):\n{(tmp_path / 'voila.log').read_text()[-3000:]}"
                )
            try:  # the port answers once Voilà is up (its pages run the notebook, so just connect)
                with socket.create_connection(("127.0.0.1", port), timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("voila did not answer within 60 s")
                time.sleep(0.3)
        yield url, folder
    finally:
        stop(proc, timeout=10)
        log.close()


def test_annotation_notebook_works_under_voila(app: tuple[str, Path]) -> None:
    from playwright.sync_api import sync_playwright

    url, folder = app

    started = time.monotonic()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url, timeout=60_000)
            # The map view renders the Graphviz SVG: one g.node per statement, junction, argument.
            page.wait_for_selector(".argmap-view g.node", timeout=90_000)
            count = page.locator(".argmap-view g.node").count()
            assert count >= 50, f"only {count} nodes drawn"
            # No code is shown to the learner (Voilà strips inputs).
            assert page.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor").count() == 0
            # A learner first gives a name: their work gets a file of its own.
            assert not list(folder.glob("out/*.annotations.json"))
            page.get_by_placeholder("Your name").fill("Ana")
            page.get_by_placeholder("Your code").fill("lime-tree")  # the app asks for a code
            page.locator("button.widget-button[title='Start']").click()
            panel = page.locator(".widget-html-content", has_text=THESIS_TEXT)
            assert panel.count() == 0, "the panel shows the thesis before any click"
            page.locator(".argmap-view g.node#argmap-s0").first.click()
            panel.first.wait_for(timeout=30_000)
            assert "Convenience" in panel.first.inner_text()
            # The code-free app never asks to run a cell.
            assert "Shift+Enter" not in page.inner_text("body")

            # Export works in the code-free app: a download, named after the learner.
            download = page.locator("button.argmap-download").filter(has_not_text="learner file")
            assert download.is_disabled()  # nothing exported before the learner asks
            page.locator("button.widget-button", has_text="Export my map as PDF").click()
            expected = learner_file_name("russia-iran", "Ana").removesuffix(".annotations.json") + ".pdf"
            page.locator(f"button.argmap-download[title*='{expected}']").wait_for(timeout=60_000)
            # Its words are never cut: "Download my work (PDF)", the file name in its title.
            assert download.inner_text() == "Download my work (PDF)"
            assert download.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
            with page.expect_download(timeout=30_000) as info:
                download.click()
            saved = tmp_path_download = folder.parent / "downloaded.pdf"
            info.value.save_as(saved)
            assert info.value.suggested_filename == expected
            assert tmp_path_download.read_bytes().startswith(b"%PDF")
            # The learner file itself (what the teacher collects) downloads as saved.
            own = page.locator("button.argmap-download", has_text="learner file")
            assert not own.is_disabled()
            with page.expect_download(timeout=30_000) as info:
                own.click()
            assert info.value.suggested_filename == learner_file_name("russia-iran", "Ana")
            info.value.save_as(folder.parent / "downloaded.json")
            saved_file = json.loads((folder.parent / "downloaded.json").read_text(encoding="utf-8"))
            assert saved_file["learner"] == "Ana"
            assert not errors, errors
        finally:
            browser.close()
    # The learner's file was created in the temporary copy, not in the repository.
    assert [p.name for p in folder.glob("out/*.annotations.json")] == [
        learner_file_name("russia-iran", "Ana")
    ]
    assert (folder / "out" / expected).exists()  # a copy beside the learner's file
    print(f"voila test: page drawn and clicked in {time.monotonic() - started:.1f} s")


def test_two_tabs_with_one_name_lose_no_judgement(app: tuple[str, Path]) -> None:
    """Tab 2 rejects a node; tab 1's next click used to save over it without a word."""
    import json

    from playwright.sync_api import sync_playwright

    url, folder = app
    learner_file = folder / "out" / learner_file_name("russia-iran", "Ana")

    def judge(page, title: str, word: str) -> None:  # type: ignore[no-untyped-def]
        node = page.locator(f".argmap-view g.node[aria-label*='{title}']").first
        node.focus()
        node.press("Enter")
        page.locator(".argmap-panel").first.get_by_text(title).first.wait_for(timeout=30_000)
        page.locator(".argmap-panel button", has_text=word).first.click()

    def on_disk() -> dict:  # type: ignore[type-arg]
        return json.loads(learner_file.read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tabs = []
            for _ in range(2):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(90_000)
                page.goto(url)
                page.wait_for_selector(".argmap-view g.node")
                box = page.get_by_placeholder("Your name")
                box.fill("ana")
                box.press("Enter")  # then the code: Enter in the name box goes on to it
                page.wait_for_function(
                    "() => document.activeElement && document.activeElement.placeholder === 'Your code'"
                )
                page.keyboard.type("lime-tree")
                page.keyboard.press("Enter")
                page.get_by_text("annotations of").first.wait_for()
                tabs.append(page)
            tab1, tab2 = tabs
            judge(tab2, "Either-or", "reject")
            end = time.monotonic() + 20
            while time.monotonic() < end and "[Either-or]" not in on_disk()["nodes"]:
                time.sleep(0.2)
            judge(tab1, "Convenience", "accept")  # tab 1 has not seen tab 2's change
            tab1.get_by_text("Another window").first.wait_for(timeout=30_000)
            end = time.monotonic() + 20
            while time.monotonic() < end and "[Convenience]" not in on_disk()["nodes"]:
                time.sleep(0.2)
            nodes = on_disk()["nodes"]
            assert nodes["[Either-or]"]["judgement"] == "reject"
            assert nodes["[Convenience]"]["judgement"] == "accept"
        finally:
            browser.close()


def test_another_name_in_any_case_with_a_wrong_code_opens_and_changes_nothing(app: tuple[str, Path]) -> None:
    """Issue 18: typing another learner's name (in another letter case) used to open
    their file for changes.  Now a wrong code is refused on the page and the file on
    disk stays byte for byte what it was."""
    from playwright.sync_api import expect, sync_playwright

    url, folder = app
    learner_file = folder / "out" / learner_file_name("russia-iran", "Ana")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:

            def at_the_door(name: str, code: str):  # type: ignore[no-untyped-def]
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.set_default_timeout(90_000)
                page.goto(url)
                page.get_by_placeholder("Your name").fill(name)
                page.get_by_placeholder("Your code").fill(code)
                page.locator("button.widget-button[title='Start']").click()
                return page

            ana = at_the_door("Ana", "lime-tree")
            ana.get_by_text("annotations of Ana").first.wait_for()
            ana.locator(".argmap-view g.node.argmap-thesis").first.click()
            ana.locator(".argmap-panel button", has_text="accept").first.click()
            end = time.monotonic() + 20
            while time.monotonic() < end and b"[Convenience]" not in learner_file.read_bytes():
                time.sleep(0.2)
            before = learner_file.read_bytes()

            other = at_the_door("aNA", "oak-tree")
            expect(other.locator(".argmap-annotator")).to_contain_text("not the code for this name")
            other.screenshot(path=str(folder.parent / "wrong-code.png"))
            expect(other.get_by_placeholder("Your name")).to_be_visible()  # still at the door
            assert other.locator(".argmap-annotator", has_text="annotations of").count() == 0
            other.locator(".argmap-view g.node.argmap-thesis").first.click()
            other.locator(".argmap-panel button", has_text="reject").first.click(force=True)
            time.sleep(1)  # give a wrongly opened file the time it would take to be written
            assert learner_file.read_bytes() == before
        finally:
            browser.close()
    shots = os.environ.get("ARGMAP_SCREENSHOTS")
    if shots:
        shutil.copy(folder.parent / "wrong-code.png", Path(shots) / "voila-wrong-code.png")


#: What a learner's page shows: any text, the name box, the map's nodes.
LOOK = """() => ({
  text: (document.body ? document.body.innerText : '').trim().slice(0, 80),
  name: !!document.querySelector('input[placeholder="Your name"]'),
  nodes: document.querySelectorAll('.argmap-view g.node').length,
})"""


async def _arrive(browser, url: str) -> tuple[list[str], float, float]:  # type: ignore[no-untyped-def]
    """One learner opens the page; returns what it said before the workbench was there,
    and when (s after opening) it first showed any text and then the workbench."""
    page = await browser.new_page(viewport={"width": 1366, "height": 768})
    started = time.monotonic()
    opening = asyncio.ensure_future(page.goto(url, timeout=240_000, wait_until="commit"))
    said: list[str] = []
    first = 0.0
    end = started + 240  # a hang guard, not a timing: the test says what hung
    try:
        while time.monotonic() < end:
            try:
                seen = await page.evaluate(LOOK)
            except Exception:  # noqa: BLE001 - still navigating
                seen = {"text": "", "name": False, "nodes": 0}
            if seen["name"] and seen["nodes"] >= 50:
                return said, first, time.monotonic() - started
            if seen["text"] and (not said or said[-1] != seen["text"]):
                first = first or time.monotonic() - started
                said.append(seen["text"])
            await asyncio.sleep(0.1)
        raise AssertionError(f"no workbench after 240 s; the page said: {said[-3:]}")
    finally:
        if not opening.done():
            opening.cancel()


def test_with_a_pool_of_one_three_learners_at_once_see_progress_then_the_workbench(tmp_path: Path) -> None:
    """Issue 18: a page is never blank.  With a pool of one kernel and three learners
    arriving together, every page says from its first bytes that the workbench is
    starting (the app's voila.py), then shows the workbench."""
    from playwright.async_api import async_playwright

    from argmap.widgets.voila_page import STARTING

    pool = (  # as the README starts it
        "--preheat_kernel=True",
        "--pool_size=1",
        "--VoilaKernelManager.fill_delay=0",
        "--VoilaExecutor.iopub_timeout=60",
    )
    with _serve(tmp_path, pool) as (url, folder):
        log = tmp_path / "voila.log"
        end = time.monotonic() + 300
        while "is filled with" not in log.read_text(errors="replace"):
            assert time.monotonic() < end, "the pool of one kernel was not filled in 300 s"
            time.sleep(0.5)

        async def three() -> list[tuple[list[str], float, float]]:
            async with async_playwright() as p:
                browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    return list(await asyncio.gather(*(_arrive(browser, url) for _ in range(3))))
                finally:
                    await browser.close()

        arrived = asyncio.run(three())
    # Every page reached the workbench (else _arrive failed), and the first thing each
    # said was that it is starting: none was blank until its kernel answered.
    for said, _, _ in arrived:
        assert said and said[0].startswith(STARTING[:40]), said
    times = ", ".join(f"text {first:.1f} s, workbench {done:.1f} s" for _, first, done in arrived)
    print(f"pool of 1, three learners at once (load {os.getloadavg()[0]:.1f}): {times}")


def test_a_failed_start_says_what_happened_and_what_to_do(tmp_path: Path) -> None:
    """A kernel that cannot start (here: its program is missing) gives a page that says
    the workbench did not start and what to do, not a blank page or a bare error; the
    server's paths stay in the server's log."""
    import urllib.request

    from argmap.widgets.voila_page import FAILED, STARTING

    share = tmp_path / "share"
    (share / "kernels" / "python3").mkdir(parents=True)
    missing = tmp_path / "no-such-python"
    spec = {
        "argv": [str(missing), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "language": "python",
    }
    (share / "kernels" / "python3" / "kernel.json").write_text(json.dumps({**spec, "display_name": "broken"}))
    with (
        _serve(tmp_path, env={"JUPYTER_PATH": str(share)}) as (url, _),
        urllib.request.urlopen(url, timeout=120) as answer,
    ):
        page = answer.read().decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.index(STARTING) < page.index("Your workbench did not start.")
    assert FAILED in page and 'role="alert"' in page
    assert str(missing) not in page and "FileNotFoundError" in (tmp_path / "voila.log").read_text()


def test_a_start_that_fails_inside_voilas_page_is_said_at_the_top() -> None:
    """When Voilà's page has begun (its spinner shows, its cells still hidden) and the
    start then fails, the message is moved to the top and the spinner goes: the page
    does not spin for ever over a message nobody can see."""
    why = _missing()
    if why is not None:
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    from argmap.widgets.voila_page import FAILED, failed_html, starting_html

    page_html = (
        starting_html()
        + '<div id="loading">Executing 3 of 19</div><div id="rendered_cells" style="display: none"><div>'
        + failed_html(RuntimeError("the kernel died"))
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_content(page_html)
            shown = page.inner_text("body")
        finally:
            browser.close()
    assert shown.startswith("Your workbench did not start. " + FAILED)
    assert "Executing" not in shown and "Starting your workbench" not in shown
    assert "the kernel died" not in shown  # the error is for the app's window (show_tracebacks off)


def test_the_hubs_single_user_servers_say_it_too(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A hub's learner gets Voilà from a Jupyter server of their own: started with the
    hub config's arguments, its workbench page opens with the same status line."""
    import urllib.request

    from argmap.widgets.voila_page import STARTING
    from browser import free_port
    from test_hub_config import load_config

    why = _missing()
    if why is not None:
        pytest.skip(why)
    c, _ = load_config(monkeypatch, tmp_path / "unused")
    course = tmp_path / "argmap"
    course.mkdir()
    for name in ("08-annotate-and-evaluate.ipynb", "russia-iran.argdown", "russia-iran-oped.txt"):
        shutil.copy(ROOT / "notebooks" / name, course / name)
    port = free_port()
    server = Path(sys.executable).with_name("jupyter")
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen(
        [str(server), "server", "--no-browser", f"--port={port}", "--ip=127.0.0.1", "--allow-root"]
        + ["--IdentityProvider.token=", f"--ServerApp.root_dir={tmp_path}", *c.Spawner.args],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "JUPYTER_PLATFORM_DIRS": "1", "HOME": str(tmp_path)},
    )
    try:
        base = f"http://127.0.0.1:{port}"
        end = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status", timeout=2).close()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < end, "the server did not start"
                time.sleep(0.5)
        workbench = f"{base}/voila/render/argmap/08-annotate-and-evaluate.ipynb"
        with urllib.request.urlopen(workbench, timeout=120) as answer:
            first = answer.read(1500).decode("utf-8", errors="replace")
    finally:
        stop(proc, timeout=10)
        log.close()
    assert first.startswith("<!DOCTYPE html>") and STARTING in first
