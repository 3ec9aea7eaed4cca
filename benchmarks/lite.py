"""The kit in the browser (issue 21): the JupyterLite site's size, its time to the
first map and the memory of its tab, against the same notebook in JupyterLab on a
server, measured in the same run.

    python benchmarks/lite.py [--site DIR] [--repeat N] [--shots DIR]

Without ``--site`` the site is built first (``lite/build.py``; the build's time is
printed too).  Each visit is a fresh Chromium context (a cold cache), opens
notebook 01, runs all its cells from the menu and waits for every cell; nothing but
127.0.0.1 is reachable.  Printed, one line each:

* ``lite-size``: the site's bytes and files, and what they are (Pyodide's runtime,
  the wheels, Graphviz in WebAssembly, the JupyterLab application);
* ``lite-first-map``: seconds from typing the address to the first map's picture, in
  the browser-only kit, as a multiple of the same in JupyterLab served by this
  machine (its kernel a local Python process, Graphviz the ``dot`` program);
* ``lite-all-cells``: the same to every cell of notebook 01 run;
* ``lite-memory``: the tab's renderer processes (page and kernel worker: Pyodide's
  heap lives there), proportional set size, against the JupyterLab tab (whose kernel
  is a separate process on the server, reported beside it).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "lite"))
sys.path.insert(0, str(ROOT / "tests"))

import drive  # noqa: E402

from browser import jupyterlab  # noqa: E402

NOTEBOOK = "01-start-here.ipynb"
MIB = 2**20


def build(out: Path, work: Path) -> float:
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(ROOT / "lite" / "build.py"), "--out", str(out), "--work", str(work)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"lite: the site did not build:\n{done.stderr[-3000:]}")
    return time.monotonic() - start


def size_line(site: Path) -> str:
    parts = {"pyodide runtime": 0, "wheels": 0, "graphviz wasm": 0, "jupyterlab app": 0}
    wheels = files = 0
    for p in site.rglob("*"):
        if not p.is_file():
            continue
        files += 1
        n = p.stat().st_size
        rel = p.relative_to(site).as_posix()
        if rel.startswith("static/pyodide/") and p.suffix == ".whl":
            parts["wheels"] += n
            wheels += 1
        elif rel.startswith("static/pyodide/"):
            parts["pyodide runtime"] += n
        elif rel.startswith("static/argmap/"):
            parts["graphviz wasm"] += n
        else:
            parts["jupyterlab app"] += n
    total = sum(parts.values())
    shown = ", ".join(f"{k} {v / MIB:.1f} MiB" for k, v in parts.items())
    return f"lite-size: {total / MIB:.1f} MiB in {files} files [{shown}; {wheels} wheels]"


def lab_visits(chromium: str, repeat: int, tmp: Path) -> list[drive.Visit]:
    work = tmp / "lab"
    work.mkdir()
    for p in (ROOT / "notebooks").iterdir():
        if p.is_file():
            shutil.copy2(p, work / p.name)
    visits = []
    with jupyterlab(work, ROOT) as url:
        for _ in range(repeat):
            visits.append(_said("lab", drive.visit(url, NOTEBOOK, chromium, path="lab/tree/{}")))
    return visits


def lite_visits(site: Path, chromium: str, repeat: int, tmp: Path, shots: Path | None) -> list[drive.Visit]:
    visits = []
    with drive.serve(site, tmp / "site.log") as url:
        for k in range(repeat):
            shot = shots / "lite-01-start-here.png" if shots is not None and k == 0 else None
            seen = drive.visit(url, NOTEBOOK, chromium, screenshot=shot)
            if seen.outside:
                sys.exit(f"lite: the site tried to reach the network: {seen.outside[:5]}")
            visits.append(_said("lite", seen))
    return visits


def _said(kind: str, v: drive.Visit) -> drive.Visit:
    print(
        f"  {kind}: notebook {v.notebook_shown_s:.1f} s, kernel {v.kernel_ready_s:.1f} s, "
        f"first map {v.first_map_s:.1f} s, all cells {v.all_run_s:.1f} s, "
        f"renderers {(v.renderer_pss or 0) / MIB:.0f} MiB",
        file=sys.stderr,
        flush=True,
    )
    return v


def med(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a site built already (default: build one)")
    parser.add_argument("--repeat", type=int, default=3, help="visits of each kind (default 3)")
    parser.add_argument("--shots", type=Path, help="save a screenshot of notebook 01 here")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="argmap-lite-bench-") as raw:
        tmp = Path(raw)
        site = args.site
        if site is None:
            site = tmp / "site"
            took = build(site, tmp / "work")
            print(f"lite-build: {took:.0f} s (lite/build.py: wheels from PyPI, Pyodide from node_modules)")
        print(size_line(site), flush=True)
        if args.shots is not None:
            args.shots.mkdir(parents=True, exist_ok=True)
        lite = lite_visits(site, args.chromium, args.repeat, tmp, args.shots)
        lab = lab_visits(args.chromium, args.repeat, tmp)
    n = f"median of {args.repeat}"
    for name, attr in [("lite-first-map", "first_map_s"), ("lite-all-cells", "all_run_s")]:
        a = med([getattr(v, attr) for v in lite])
        b = med([getattr(v, attr) for v in lab])
        print(f"{name}: {a / b:.2f} [browser-only {a:.1f} s, JupyterLab server {b:.1f} s; {n}, cold cache]")
    a = med([float(v.renderer_pss or 0) for v in lite])
    b = med([float(v.renderer_pss or 0) for v in lab])
    heap = med([float(v.js_heap or 0) for v in lite])
    print(
        f"lite-memory: {a / b:.2f} [browser-only tab {a / MIB:.0f} MiB (page JS heap {heap / MIB:.0f} MiB), "
        f"JupyterLab tab {b / MIB:.0f} MiB, its kernel running on the server; PSS of the renderers; {n}]"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
