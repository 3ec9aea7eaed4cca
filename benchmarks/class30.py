"""class-30: thirty learners open the code-free workbench (notebook 8 under Voilà) at once.

Voilà is started on 127.0.0.1 twice on a temporary copy of the notebooks: once as
a teacher would start it today (every page starts a kernel and runs the notebook
when it is opened), once with pre-heated kernels (``--preheat_kernel=True
--pool_size=30``: the kernels are started and the notebook run before anyone
arrives).  Each time, 30 simulated learners open the page together.  A learner's
workbench is ready when the page has arrived with the workbench in it (Voilà sends
it once the notebook has run in that learner's kernel) and the kernel answers on
its WebSocket, as the page's own script asks it.  Printed: the time until the 30th
learner's workbench is ready, and the memory (PSS) of each learner's kernel.

Everything stays on 127.0.0.1; every wait is bounded.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTEBOOK = "08-annotate-and-evaluate.ipynb"
LEARNERS = 30
#: Bounds: one learner's page, the whole run, filling the pre-heated pool.
PAGE_TIMEOUT = 240.0
POOL_TIMEOUT = 600.0
#: When each learner's page arrived (before the kernel's answer), for the report.
PAGE_TIMES: list[float] = []
#: Seconds before Voilà starts new kernels for the pool once learners took some.
REFILL_DELAY = 120


@dataclass
class Run:
    label: str
    ready: list[float]  # seconds from the common start to each learner's workbench being ready
    pss_mb: list[float]  # memory of each learner's kernel
    failed: int
    error: str = ""  # the first failure, as the learner's client saw it

    @property
    def last(self) -> float:
        return max(self.ready) if self.ready else float("inf")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _voila() -> str:
    here = Path(sys.executable).with_name("voila")
    found = str(here) if here.exists() else shutil.which("voila")
    if not found:
        raise FileNotFoundError("voila is not installed (pip install -e '.[notebook]')")
    return found


def _pss_mb(pid: int) -> float:
    """Proportional set size: the process's own memory plus its share of shared pages."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return float("nan")
    m = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(m.group(1)) / 1024 if m else float("nan")


def _kernel_pids(kernel_ids: list[str]) -> dict[str, int]:
    """The process of each kernel (its command line names its connection file)."""
    wanted = set(kernel_ids)
    found: dict[str, int] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        m = re.search(r"kernel-([0-9a-f-]{36})\.json", cmd)
        if m and m.group(1) in wanted:
            found[m.group(1)] = int(proc.name)
    return found


def _kernels_cpu() -> float:
    """CPU seconds used so far by all kernel processes on this machine's voila runs."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if b"ipykernel" not in (proc / "cmdline").read_bytes():
                continue
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _wait_until_kernels_rest(timeout: float) -> None:
    """The pool counts as filled once its kernels started; they are ready once they
    have run the notebook: wait until the kernels' CPU use stops growing."""
    end = time.monotonic() + timeout
    last = _kernels_cpu()
    while time.monotonic() < end:
        time.sleep(3)
        now = _kernels_cpu()
        if now - last < 0.3:
            return
        last = now
    raise TimeoutError(f"the pre-heated kernels were still busy after {timeout:.0f} s")


async def _learner(port: int, start: float) -> tuple[float, str]:
    """Open the page, then say hello to the kernel on its WebSocket, as the page does."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    client = AsyncHTTPClient(force_instance=True, defaults={"request_timeout": PAGE_TIMEOUT})
    try:
        page = await client.fetch(f"http://127.0.0.1:{port}/", request_timeout=PAGE_TIMEOUT)
    finally:
        client.close()
    page_at = time.monotonic() - start
    html = page.body.decode("utf-8", "replace")
    if "application/vnd.jupyter.widget-view+json" not in html:
        raise RuntimeError("the page has no workbench in it")
    config = re.search(
        r'<script id="jupyter-config-data" type="application/json">\s*(\{.*?\})\s*</script>', html, re.S
    )
    if not config:
        raise RuntimeError("the page names no kernel")
    kernel_id = json.loads(config.group(1))["kernelId"]
    session = uuid.uuid4().hex
    ws = await websocket_connect(
        HTTPRequest(
            f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?session_id={session}",
            connect_timeout=PAGE_TIMEOUT,
        )
    )
    try:
        msg_id = uuid.uuid4().hex
        ws.write_message(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "kernel_info_request",
                        "session": session,
                        "username": "learner",
                        "version": "5.3",
                        "date": "",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {},
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        while True:
            raw = await asyncio.wait_for(ws.read_message(), PAGE_TIMEOUT)
            if raw is None:
                raise RuntimeError("the kernel closed its WebSocket")
            if isinstance(raw, str):
                reply = json.loads(raw)
                if reply.get("parent_header", {}).get("msg_id") == msg_id and reply.get("channel") == "shell":
                    break
    finally:
        ws.close()
    PAGE_TIMES.append(page_at)
    return time.monotonic() - start, kernel_id


async def _class(port: int, n: int) -> tuple[list[float], list[str], list[BaseException]]:
    start = time.monotonic()
    results = await asyncio.wait_for(
        asyncio.gather(*(_learner(port, start) for _ in range(n)), return_exceptions=True), PAGE_TIMEOUT + 60
    )
    ready = [r[0] for r in results if isinstance(r, tuple)]
    kernels = [r[1] for r in results if isinstance(r, tuple)]
    return ready, kernels, [r for r in results if isinstance(r, BaseException)]


def _wait_for(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.5)
    raise TimeoutError(f"{what} within {timeout:.0f} s")


def voila_on_a_copy(folder: Path, port: int) -> list[str]:
    """Copy the notebooks (no learners' files) to ``folder``; the command that serves
    notebook 8 from there on 127.0.0.1:``port``."""
    shutil.copytree(
        HERE.parent / "notebooks",
        folder,
        ignore=shutil.ignore_patterns("out", ".ipynb_checkpoints", "*.annotations.json", "*.pdf"),
    )
    cmd = [_voila(), NOTEBOOK, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"]
    if os.geteuid() == 0:
        cmd.append("--ServerApp.allow_root=True")
    return cmd


def measure(work: Path, *, preheat: bool, n: int = LEARNERS) -> Run:
    """Start Voilà on a copy of the notebooks, let ``n`` learners in at once, stop it."""
    folder = work / ("preheated" if preheat else "plain")
    port = _free_port()
    log_path = folder / "voila.log"
    cmd = voila_on_a_copy(folder, port)
    if preheat:
        # The pool refills a while after the class has arrived, not while it arrives.
        cmd += [
            "--preheat_kernel=True",
            f"--pool_size={n}",
            f"--VoilaKernelManager.fill_delay={REFILL_DELAY}",
        ]
    env = {
        **os.environ,
        "JUPYTER_PLATFORM_DIRS": "1",
        "HOME": str(work),
        "ARGMAP_CLASS_DIR": str(folder / "class"),
        "PYTHONWARNINGS": "ignore",
    }
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            cmd, cwd=folder, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        try:

            def listening() -> bool:
                if proc.poll() is not None:
                    raise RuntimeError(f"voila exited: {log_path.read_text(errors='replace')[-2000:]}")
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        return True
                except OSError:
                    return False

            _wait_for(listening, 60, "Voilà did not answer")
            if preheat:
                _wait_for(
                    lambda: "is filled with" in log_path.read_text(errors="replace"),
                    POOL_TIMEOUT,
                    "the pre-heated pool was not filled",
                )
                _wait_until_kernels_rest(POOL_TIMEOUT)  # as a class arriving a little later finds them
            ready, kernels, errors = asyncio.run(_class(port, n))
            pids = _kernel_pids(kernels)
            pss = [_pss_mb(pid) for pid in pids.values()]
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    error = f"{type(errors[0]).__name__}: {str(errors[0])[:120]}" if errors else ""
    return Run("pre-heated" if preheat else "as today", ready, pss, len(errors), error)


def describe(run: Run) -> str:
    mem = statistics.median(run.pss_mb) if run.pss_mb else float("nan")
    fails = f", {run.failed} failed ({run.error})" if run.failed else ""
    return (
        f"{run.label}: last of {len(run.ready)} learners ready after {run.last:.1f} s "
        f"(median learner {statistics.median(run.ready):.1f} s)"
        f", {mem:.0f} MB per learner's kernel{fails}"
        if run.ready
        else f"{run.label}: no learner got a workbench{fails}"
    )


def main() -> int:
    import tempfile

    # A figure from a busy machine says so: the load when each run started.
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="argmap-class30-") as tmp:
        plain = measure(Path(tmp), preheat=False)
        print(describe(plain), flush=True)
        print(f"load average {os.getloadavg()[0]:.1f}", flush=True)
        hot = measure(Path(tmp), preheat=True)
        print(describe(hot), flush=True)
        print(f"ratio {hot.last / plain.last:.3f} (target < 0.333)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
