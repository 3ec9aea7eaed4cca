"""voila-pool: learners 1…K open the code-free workbench at once, in a real browser,
against Voilà with a pool of N pre-heated kernels.

For each learner, in Chromium (Playwright, ``/usr/bin/chromium`` or
``ARGMAP_CHROMIUM``): how long until the page shows anything, until the name box
is there, until the map is drawn, and what the page said meanwhile (the longest
time it showed nothing at all).  Before the class arrives: how long the pool takes
to fill, and the memory (PSS) of each idle pre-heated kernel.  Also the machine's
load when it started, so a figure from a busy machine says so.

    python benchmarks/voila_pool.py --pool 2 --learners 4
    python benchmarks/voila_pool.py --pool 2 --learners 6 --iopub-timeout 4   # Voilà's default

With Voilà's default ``iopub_timeout`` of 4 s, a cell's output that comes more than
4 s after the cell finished is dropped: on a busy machine the workbench's own output
was, and that learner's page finished the notebook with no workbench and no error.

Everything stays on 127.0.0.1; every wait is bounded; Voilà is stopped by its
process group, which this script started.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from class30 import (  # noqa: E402
    _free_port,
    _pss_mb,
    _wait_for,
    _wait_until_kernels_rest,
    voila_on_a_copy,
)

from browser import CHROMIUM_ARGS  # noqa: E402  (tests/browser.py: the same Chromium as the tests)

#: Bounds: filling the pool, one learner's page.
POOL_TIMEOUT = 600.0
PAGE_TIMEOUT = 240.0
#: Seconds before Voilà refills the pool once a learner took a kernel (the default here
#: is 0: Voilà puts the delayed refill in the pool at once, and the next learner waits
#: for it, the delay included, with a blank page; 120 left learner 4 blank for 121 s).
REFILL_DELAY = 0
#: What a learner's page shows, polled: any text, the name box, the map's nodes.
_LOOK = """() => ({
  text: (document.body ? document.body.innerText : '').trim().slice(0, 120),
  name: !!document.querySelector('input[placeholder="Your name"]'),
  nodes: document.querySelectorAll('.argmap-view g.node').length,
})"""


@dataclass
class Learner:
    first_text: float = float("nan")  # seconds until the page showed any text
    name_box: float = float("nan")
    map: float = float("nan")
    longest_blank: float = 0.0  # the longest stretch with no text on the page
    said: list[str] = field(default_factory=list)  # what the page said while waiting
    error: str = ""


def _kernels_of(parent: int) -> list[int]:
    """The kernel processes Voilà started (its children running ipykernel)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if b"ipykernel" not in (proc / "cmdline").read_bytes():
                continue
            ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == parent:
            found.append(int(proc.name))
    return found


async def _one(browser, url: str, start: float) -> Learner:  # type: ignore[no-untyped-def]
    out = Learner()
    page = await browser.new_page(viewport={"width": 1366, "height": 768})
    nav = asyncio.ensure_future(page.goto(url, timeout=PAGE_TIMEOUT * 1000, wait_until="commit"))
    blank_since = time.monotonic()
    end = time.monotonic() + PAGE_TIMEOUT
    try:
        while time.monotonic() < end:
            now = time.monotonic()
            try:
                seen = await page.evaluate(_LOOK)
            except Exception:  # noqa: BLE001 - the page is still navigating
                seen = {"text": "", "name": False, "nodes": 0}
            if seen["text"]:
                out.longest_blank = max(out.longest_blank, now - blank_since)
                blank_since = now
                if out.first_text != out.first_text:
                    out.first_text = now - start
                if not seen["name"] and (not out.said or out.said[-1] != seen["text"][:60]):
                    out.said.append(seen["text"][:60])
            if seen["name"] and out.name_box != out.name_box:
                out.name_box = now - start
            if seen["nodes"] >= 50:
                out.map = now - start
                break
            await asyncio.sleep(0.25)
        else:
            out.error = f"no map after {PAGE_TIMEOUT:.0f} s"
            out.longest_blank = max(out.longest_blank, time.monotonic() - blank_since)
    finally:
        if not nav.done():
            nav.cancel()
    return out


async def _class(url: str, n: int, chromium: str) -> list[Learner]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            start = time.monotonic()
            return list(await asyncio.gather(*(_one(browser, url, start) for _ in range(n))))
        finally:
            await browser.close()


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _memory(pids: list[int]) -> str:
    pss = [_pss_mb(p) for p in pids]
    rss = [_rss_mb(p) for p in pids]
    if not pids:
        return "no kernel found"
    return (
        f"{len(pids)} kernel(s), PSS median {statistics.median(pss):.0f} MB "
        f"(max {max(pss):.0f}), RSS median {statistics.median(rss):.0f} MB (max {max(rss):.0f})"
    )


def measure(
    work: Path,
    pool: int,
    learners: int,
    chromium: str,
    fill_delay: float = REFILL_DELAY,
    iopub_timeout: float | None = None,
) -> None:
    folder = work / f"pool-{pool}"
    port = _free_port()
    log_path = folder / "voila.log"
    cmd = [
        *voila_on_a_copy(folder, port),
        "--preheat_kernel=True",
        f"--pool_size={pool}",
        f"--VoilaKernelManager.fill_delay={fill_delay:g}",
    ]
    if iopub_timeout is not None:  # Voilà's default is 4 s: what comes later is dropped
        cmd.append(f"--VoilaExecutor.iopub_timeout={iopub_timeout:g}")
    env = {
        **os.environ,
        "JUPYTER_PLATFORM_DIRS": "1",
        "HOME": str(work),
        "ARGMAP_CLASS_DIR": str(folder / "class"),
        "PYTHONWARNINGS": "ignore",
    }
    load = os.getloadavg()[0]
    print(
        f"pool {pool} (fill_delay {fill_delay:g} s, iopub_timeout {iopub_timeout or 'default'}), "
        f"{learners} learners at once; "
        f"load average {load:.1f} on {os.cpu_count()} cores"
    )
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            cmd, cwd=folder, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        try:
            started = time.monotonic()
            _wait_for(
                lambda: "is filled with" in log_path.read_text(errors="replace"),
                POOL_TIMEOUT,
                "the pre-heated pool was not filled",
            )
            _wait_until_kernels_rest(POOL_TIMEOUT)
            filled = time.monotonic() - started
            print(f"  pool ready after {filled:.1f} s; idle: {_memory(_kernels_of(proc.pid))}")
            results = asyncio.run(_class(f"http://127.0.0.1:{port}/", learners, chromium))
            print(f"  after the class arrived (maps drawn): {_memory(_kernels_of(proc.pid))}")
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    timeouts = log_path.read_text(errors="replace").count("Timeout waiting for IOPub")
    for k, r in enumerate(results, start=1):
        said = " | ".join(r.said[:2] + (["…", r.said[-1]] if len(r.said) > 2 else [])) or "-"
        print(
            f"  learner {k}: text {r.first_text:.1f} s, name box {r.name_box:.1f} s, map {r.map:.1f} s, "
            f"longest blank {r.longest_blank:.1f} s; meanwhile: {said}" + (f"; {r.error}" if r.error else "")
        )
    print(f"  'Timeout waiting for IOPub' warnings in Voilà's log: {timeouts}")
    if any(r.error for r in results):
        tail = [line for line in log_path.read_text(errors="replace").splitlines() if "IOPub" not in line]
        print("  Voilà's log, last lines:\n    " + "\n    ".join(tail[-15:]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pool", type=int, default=2, help="pre-heated kernels (default 2)")
    ap.add_argument("--learners", type=int, default=4, help="learners opening the page at once (default 4)")
    ap.add_argument("--fill-delay", type=float, default=REFILL_DELAY, help="Voilà's refill delay in s")
    ap.add_argument(
        "--iopub-timeout",
        type=float,
        default=60,
        help="VoilaExecutor.iopub_timeout in s (default 60, as the README says; Voilà's own is 4)",
    )
    args = ap.parse_args(argv)
    chromium = os.environ.get("ARGMAP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory(prefix="argmap-voila-pool-") as tmp:
        measure(Path(tmp), args.pool, args.learners, chromium, args.fill_delay, args.iopub_timeout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
