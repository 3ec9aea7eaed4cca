"""A real JupyterHub on 127.0.0.1 with the shipped configuration
(``deploy/jupyterhub/jupyterhub_config.py``) set up as its README says: a class list
(``ARGMAP_CLASS_LIST``) and a teacher.  Three learners on the list log in through
the browser, each saves work through the workbench, a stranger is refused, and the
teacher gathers their files into the class view with one command.

Only the login and the spawner are swapped for test ones (any password for a name
the configuration allows; local processes with a folder per learner instead of
system accounts, so the test shows each saved file private to its owner by its mode:
``tests/test_collect_attacks.py`` shows another account cannot read such a file).  Skipped without
JupyterHub, its proxy (``npm ci`` installs it) or Chromium, unless
``ARGMAP_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from browser import CHROMIUM_ARGS, _missing, chromium, free_port, stop, wait_http

pytestmark = [pytest.mark.browser, pytest.mark.graphviz, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
LEARNERS = {"ana": "reject", "ben": "accept", "chloe": "doubt"}


def _hub_exe() -> str:
    exe = Path(sys.executable).with_name("jupyterhub")
    if not exe.exists():
        _missing("JupyterHub is not installed: pip install -e '.[test]'")
    if not PROXY.exists():
        _missing("configurable-http-proxy is not installed: npm ci")
    return str(exe)


def _our_processes(marker: str) -> list[int]:
    """Processes whose command line or environment names this test's own folder."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if marker.encode() in (proc / "cmdline").read_bytes() + (proc / "environ").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


@pytest.fixture
def hub(tmp_path: Path):  # type: ignore[no-untyped-def]
    hub_exe = _hub_exe()
    exe = chromium()
    notebooks = tmp_path / "notebooks"  # what the teacher deploys
    notebooks.mkdir()
    for name in ("08-annotate-and-evaluate.ipynb", "russia-iran.argdown", "russia-iran-oped.txt"):
        shutil.copy(ROOT / "notebooks" / name, notebooks / name)
    homes = tmp_path / "home"
    homes.mkdir()
    port, hub_port, api_port = free_port(), free_port(), free_port()
    config = tmp_path / "test_config.py"
    config.write_text(
        f"""
c = get_config()
load_subconfig({str(ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py")!r})
# The test's login and spawner: any password, a folder per learner, no system accounts.
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(homes / "{username}")!r}
c.Spawner.cmd = [{str(Path(sys.executable).with_name("jupyterhub-singleuser"))!r}]
c.Spawner.args = ["--allow-root"]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]
c.JupyterHub.db_url = "sqlite:///{tmp_path / "hub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(tmp_path / "cookie_secret")!r}
c.JupyterHub.pid_file = {str(tmp_path / "hub.pid")!r}
c.ConfigurableHTTPProxy.pid_file = {str(tmp_path / "proxy.pid")!r}
""",
        encoding="utf-8",
    )
    roster = tmp_path / "class.txt"  # as the README makes it
    roster.write_text("".join(f"{name}\n" for name in LEARNERS), encoding="utf-8")
    env = {
        **os.environ,
        "ARGMAP_CLASS_LIST": str(roster),
        "ARGMAP_TEACHERS": "teacher",
        "ARGMAP_NOTEBOOKS": str(notebooks),
        "JUPYTER_PLATFORM_DIRS": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    log = (tmp_path / "hub.log").open("wb")
    proc = subprocess.Popen(
        [hub_exe, "-f", str(config)],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_http(f"{url}/hub/api", timeout=90)
        except TimeoutError:
            log.flush()
            pytest.fail(
                f"JupyterHub did not start:\n{(tmp_path / 'hub.log').read_text(errors='replace')[-3000:]}"
            )
        yield exe, url, homes, notebooks, tmp_path
    finally:
        stop(proc, timeout=60)  # SIGTERM: the hub stops the learners' servers and its proxy
        log.close()
        for pid in _our_processes(str(tmp_path)):  # anything of ours the hub left behind
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def test_three_learners_on_a_hub_and_the_teacher_gathers_their_work(hub) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    import argmap
    from argmap.annotations import learner_file_name
    from argmap.classroom.collect import learner_files
    from argmap.classroom.seminar import class_view

    exe, url, homes, notebooks, tmp_path = hub
    started = time.monotonic()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            for name, judgement in LEARNERS.items():
                context = browser.new_context(
                    viewport={"width": 1400, "height": 1000}
                )  # one learner's browser
                page = context.new_page()
                page.set_default_timeout(120_000)
                page.goto(f"{url}/hub/login")
                page.fill("input#username_input", name)
                page.fill("input#password_input", "any password")
                page.click("input#login_submit, button#login_submit")
                # The hub spawns the learner's server and sends them to the workbench (Voilà).
                page.wait_for_url(f"**/user/{name}/voila/render/**", timeout=180_000)
                page.locator(".argmap-view g.node").first.wait_for(state="attached", timeout=180_000)
                box = page.get_by_placeholder("Your name")
                box.fill(name.capitalize())
                box.press("Enter")
                node = page.locator(".argmap-view g.node[aria-label*='Either-or']").first
                node.focus()  # by keyboard: the map pans to the node, Enter opens it in the panel
                node.press("Enter")
                panel = page.locator(".argmap-panel").first
                panel.locator("button", has_text=judgement).first.click()
                saved = homes / name / "argmap" / "out" / learner_file_name("russia-iran", name.capitalize())
                end = time.monotonic() + 30
                while time.monotonic() < end and not (
                    saved.exists() and judgement in saved.read_text("utf-8")
                ):
                    time.sleep(0.3)
                assert saved.exists() and f'"judgement": "{judgement}"' in saved.read_text("utf-8"), saved
                assert saved.stat().st_mode & 0o777 == 0o600  # the learner's file is theirs alone
                assert (homes / name / "argmap").stat().st_mode & 0o777 == 0o700
                if name == "ana":
                    page.screenshot(path=str(tmp_path / "hub-ana.png"))
                context.close()
            # someone not on the class list is refused at the login
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{url}/hub/login")
            page.fill("input#username_input", "mallory")
            page.fill("input#password_input", "any password")
            page.click("input#login_submit, button#login_submit")
            page.wait_for_load_state()
            assert "/user/mallory" not in page.url
            assert "/hub/login" in page.url and "login_error" in page.content(), (
                page.url
            )  # "Invalid username…"
            context.close()
        finally:
            browser.close()
    assert not (homes / "mallory").exists()
    # Not a learner file: refused by name, never copied.
    (homes / "ben" / "argmap" / "out" / "notes.annotations.json").write_text("my notes", encoding="utf-8")

    class_dir = tmp_path / "class"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "argmap",
            "collect",
            str(homes),
            "--into",
            str(class_dir),
            "--map",
            str(notebooks / "russia-iran.argdown"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr  # it refused something: the teacher should look
    assert "3 learner files copied" in done.stderr and "notes.annotations.json: refused" in done.stderr
    view = class_view(argmap.load(notebooks / "russia-iran.argdown"), learner_files(class_dir))
    assert sorted(view.learners) == ["Ana", "Ben", "Chloe"]
    assert view.tally("[Either-or]").counts == (1, 1, 1)
    shots = os.environ.get("ARGMAP_SCREENSHOTS")
    if shots:
        shutil.copy(tmp_path / "hub-ana.png", Path(shots) / "hub-ana.png")
    print(f"hub test: three learners and the class view in {time.monotonic() - started:.0f} s")
