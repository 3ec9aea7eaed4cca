"""Lay out DOT text with Graphviz: one interface, two backends.

A :class:`Backend` takes DOT sources (one graph each) and a format and returns one
drawing per source, in order.  The rest of argmap calls :func:`backend` and never
knows which one ran:

* :class:`DotProgram` runs Graphviz's ``dot`` program: the only code in argmap that
  starts a process.  It is run without a shell, with the DOT text on stdin, under a
  time limit, and never outlives argmap: an exception or Ctrl-C kills it, and on
  Linux it is started through ``setpriv --pdeathsig KILL`` (util-linux), so the
  kernel kills it too when the process that started it dies, even by ``kill -9``.
  Many graphs go to ONE process (``dot`` reads several graphs from one input): SVG
  comes back on stdout and is split after each ``</svg>`` (user text cannot contain
  that: labels are escaped); PNG and PDF are written by ``dot -O`` into a temporary
  folder as ``batch.gv.<fmt>``, ``batch.gv.2.<fmt>`` … and read back in order.
* :class:`WasmGraphviz` is Graphviz compiled to WebAssembly, used inside Pyodide
  (argmap in the browser, e.g. the JupyterLite site that ``./dev.sh lite`` builds).
  It draws SVG only: PNG and PDF need the ``dot`` program (cairo), so on a server.

:func:`backend` chooses: the setting :data:`BACKEND_SETTING` (``dot`` or ``wasm``)
if given, else ``wasm`` inside Pyodide and ``dot`` everywhere else.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from ..errors import GraphvizNotFoundError, RenderError

__all__ = [
    "BACKEND_SETTING",
    "FORMATS",
    "TIMEOUT_SETTING",
    "Backend",
    "DotProgram",
    "GraphvizCrash",
    "WasmGraphviz",
    "backend",
    "check_format",
    "find_dot",
    "find_dot_or_none",
    "in_pyodide",
    "require_format",
    "unavailable",
    "time_limit",
]

#: The formats Graphviz draws for argmap.
FORMATS = ("svg", "png", "pdf")

#: The setting that picks the layout backend: ``dot`` or ``wasm`` (unset: chosen by platform).
BACKEND_SETTING = "ARGMAP_LAYOUT"

#: The setting that limits how long one Graphviz run may take (seconds; unset: no limit).
TIMEOUT_SETTING = "ARGMAP_DOT_TIMEOUT"


class Backend(Protocol):
    """Lays out DOT graphs: one drawing per source, in order."""

    #: A short name people read in messages: ``dot`` or ``wasm``.
    name: str
    #: The formats this backend draws (a subset of :data:`FORMATS`).
    formats: tuple[str, ...]

    def lay_out(self, sources: Sequence[str], fmt: str, *, timeout: float | None = None) -> list[bytes]:
        """Each source (one graph) laid out and drawn in ``fmt``; one result per source."""
        ...


class GraphvizCrash(RenderError):
    """Graphviz was killed by a signal (it crashed), not refused its input."""


def check_format(fmt: str, formats: Sequence[str] = FORMATS) -> None:
    """Refuse a format Graphviz does not draw for argmap, naming the valid ones."""
    if fmt not in formats:
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(formats)}")


def in_pyodide() -> bool:
    """Is this Python running in the browser (Pyodide, WebAssembly)?"""
    return sys.platform == "emscripten"


def backend() -> Backend:
    """The layout backend for this platform, or the one :data:`BACKEND_SETTING` names."""
    raw = os.environ.get(BACKEND_SETTING, "").strip().lower()
    if raw not in ("", "dot", "wasm"):
        raise RenderError(f"{BACKEND_SETTING}={raw!r} is not a layout backend; valid: dot, wasm")
    if raw == "wasm" or (raw == "" and in_pyodide()):
        if not in_pyodide():
            raise RenderError(
                f"{BACKEND_SETTING}=wasm: Graphviz in WebAssembly runs only in the browser (Pyodide); "
                f"here use {BACKEND_SETTING}=dot or leave it unset"
            )
        _WASM.preload()
        return _WASM
    return _DOT


# -- the dot program ------------------------------------------------------------------


def find_dot() -> str:
    """The path of Graphviz's ``dot``; :class:`GraphvizNotFoundError` (with install help) if absent."""
    path = shutil.which("dot")
    if path is None:
        raise GraphvizNotFoundError()
    return path


def find_dot_or_none() -> str | None:
    """The path of Graphviz's ``dot``, or None."""
    return shutil.which("dot")


def time_limit(timeout: float | None = None) -> float | None:
    """The time limit of a Graphviz run: ``timeout`` if given, else the setting
    :data:`TIMEOUT_SETTING` (seconds), else none: a map ``dot`` can lay out is laid out."""
    if timeout is not None:
        return timeout
    raw = os.environ.get(TIMEOUT_SETTING, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise RenderError(f"{TIMEOUT_SETTING}={raw!r} is not a number of seconds") from None
    return value if value > 0 else None


_LEASH: list[str] | None = None


def _leash() -> list[str]:
    """The command prefix that makes a child die with its parent: ``setpriv
    --pdeathsig KILL --`` where util-linux's ``setpriv`` exists, else nothing."""
    global _LEASH
    if _LEASH is None:
        setpriv = shutil.which("setpriv") if sys.platform.startswith("linux") else None
        _LEASH = [setpriv, "--pdeathsig", "KILL", "--"] if setpriv else []
    return _LEASH


_PAGE_ID = re.compile(rb'<g id="page\d+,\d+_')


def _split_svg(out: bytes, n: int) -> list[bytes]:
    end = b"</svg>"
    parts = [p + end + b"\n" for p in out.split(end)[:-1]]
    # dot treats later graphs of one input as further "pages" and prefixes the
    # graph's id with "page0,1_"; take it off so a batch SVG equals a single one.
    parts = [_PAGE_ID.sub(b'<g id="', p.lstrip(b"\n"), count=1) for p in parts]
    if len(parts) != n:
        raise RenderError(f"Graphviz returned {len(parts)} SVG documents for {n} graphs")
    return parts


class DotProgram:
    """Graphviz's ``dot`` program: every format, many graphs in one process."""

    name: str = "dot"
    formats: tuple[str, ...] = FORMATS

    def run(self, args: list[str], data: bytes, timeout: float | None, cwd: str | None = None) -> bytes:
        """``dot ARGS`` with ``data`` on stdin; its stdout.  A crash raises :class:`GraphvizCrash`."""
        timeout = time_limit(timeout)
        try:
            done = subprocess.run(
                [*_leash(), find_dot(), *args],
                input=data,
                capture_output=True,
                timeout=timeout,
                cwd=cwd,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise RenderError(
                f"Graphviz took longer than {timeout:g} s and was stopped; the limit is the setting "
                f"{TIMEOUT_SETTING} (or timeout=): raise it, or draw the map's overview and lines "
                "(the default picture) instead of the whole map"
            ) from exc
        except OSError as exc:  # e.g. found but not executable
            raise RenderError(f"Graphviz could not be started: {exc}") from exc
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip()
            kind = GraphvizCrash if done.returncode < 0 else RenderError
            raise kind(f"Graphviz failed (exit {done.returncode}): {err or 'no message'}")
        return done.stdout

    def lay_out(self, sources: Sequence[str], fmt: str, *, timeout: float | None = None) -> list[bytes]:
        check_format(fmt, self.formats)
        if not sources:
            return []
        data = "\n".join(sources).encode("utf-8")
        if fmt == "svg":
            return _split_svg(self.run(["-Tsvg"], data, timeout), len(sources))
        with tempfile.TemporaryDirectory(prefix="argmap-batch-") as tmp:
            batch = Path(tmp, "batch.gv")
            batch.write_bytes(data)
            self.run([f"-T{fmt}", "-O", batch.name], b"", timeout, cwd=tmp)
            names = [f"batch.gv.{fmt}"] + [f"batch.gv.{k}.{fmt}" for k in range(2, len(sources) + 1)]
            try:
                return [Path(tmp, name).read_bytes() for name in names]
            except FileNotFoundError as exc:
                made = len(list(Path(tmp).glob(f"*.{fmt}")))
                raise RenderError(f"Graphviz wrote {made} {fmt} files for {len(sources)} graphs") from exc


# -- Graphviz in WebAssembly ------------------------------------------------------------

#: The setting that says where the Graphviz WebAssembly module is: a URL, absolute or
#: relative to Pyodide's own folder (its ``indexURL``).  The JupyterLite site puts it there.
WASM_URL_SETTING = "ARGMAP_GRAPHVIZ_WASM"
WASM_DEFAULT_URL = "../argmap/graphviz.mjs"

_BROWSER_ONLY = (
    "in the browser argmap draws SVG only: PNG and PDF need the Graphviz `dot` program, on a "
    "computer with argmap installed (./dev.sh lab) or a class server. Instead, print the page "
    "from the browser (Ctrl+P, then Save as PDF), or save the map as SVG, e.g. "
    "argmap.output.export.render(m, 'map.svg'), and download it from the file browser"
)


def unavailable(fmt: str) -> str | None:
    """Why this platform cannot draw ``fmt`` (PDF or PNG in the browser) and what to do
    instead; None where it can (everywhere with ``dot``)."""
    check_format(fmt)
    if fmt in backend().formats:
        return None
    return f"cannot draw {fmt.upper()} here: {_BROWSER_ONLY}"


def require_format(fmt: str) -> None:
    """Refuse, before any work, a format this platform cannot draw, saying what to do instead."""
    why = unavailable(fmt)
    if why is not None:
        raise RenderError(why)


class WasmGraphviz:
    """Graphviz compiled to WebAssembly (npm ``@hpcc-js/wasm-graphviz``), inside Pyodide.

    The module is an ES module loaded once per kernel with a dynamic ``import()``;
    loading starts with the first :func:`preload` (argmap calls it when this backend
    is chosen) and a layout waits for it with Pyodide's ``run_sync`` where the browser
    can suspend WebAssembly (JSPI: Chromium); elsewhere a layout asked for before it
    has loaded says so, and the cell runs once it has.  Layouts themselves are
    synchronous.  There is no time limit: WebAssembly cannot be stopped from inside.
    """

    name: str = "wasm"
    formats: tuple[str, ...] = ("svg",)

    def __init__(self) -> None:
        self._graphviz: Any = None
        self._loading: Any = None
        self._failed: str | None = None

    def url(self) -> str:
        """Where the module is loaded from: the setting, resolved against Pyodide's folder."""
        import js  # Pyodide only

        raw = os.environ.get(WASM_URL_SETTING, "").strip() or WASM_DEFAULT_URL
        if re.match(r"^[a-z][a-z0-9+.-]*:", raw, re.I):  # absolute: http:, https:, file: …
            return raw
        base = _pyodide_index_url() or str(js.location.href)
        return str(js.URL.new(raw, base).href)

    def preload(self) -> None:
        """Start loading the module (once), without waiting for it."""
        if self._graphviz is not None or self._loading is not None:
            return
        from js import Function

        url = self.url()
        load = Function.new("url", "return import(url).then((m) => m.Graphviz.load())")
        self._loading = load(url)

        def done(graphviz: Any) -> None:
            self._graphviz = graphviz

        def failed(error: Any) -> None:
            self._failed = f"Graphviz (WebAssembly) could not be loaded from {url}: {error}"

        self._loading.then(done, failed)

    def _ready(self) -> Any:
        if self._graphviz is not None:
            return self._graphviz
        self.preload()
        if self._failed is not None:
            raise RenderError(self._failed)
        from pyodide.ffi import can_run_sync, run_sync

        if not can_run_sync():
            raise RenderError(
                "Graphviz (WebAssembly) is still loading in this browser tab: run the cell again in a moment"
            )
        try:
            self._graphviz = run_sync(self._loading)
        except Exception as exc:  # a JsException: the import or the compile failed
            raise RenderError(f"Graphviz (WebAssembly) could not be loaded from {self.url()}: {exc}") from exc
        return self._graphviz

    def lay_out(self, sources: Sequence[str], fmt: str, *, timeout: float | None = None) -> list[bytes]:
        check_format(fmt)
        if fmt not in self.formats:
            raise RenderError(f"cannot draw {fmt.upper()} here: {_BROWSER_ONLY}")
        if not sources:
            return []
        graphviz = self._ready()
        drawn = []
        for source in sources:
            try:
                drawn.append(str(graphviz.layout(source, fmt, "dot")).encode("utf-8"))
            except Exception as exc:  # a JsException carrying Graphviz's message
                raise RenderError(f"Graphviz failed: {exc}") from exc
        return drawn


def _pyodide_index_url() -> str | None:
    """The URL of Pyodide's own folder (where the JupyterLite site keeps argmap's Graphviz)."""
    try:
        import pyodide_js

        return str(pyodide_js._api.config.indexURL)
    except Exception:  # an older or newer Pyodide without that (internal) attribute
        return None


_DOT = DotProgram()
_WASM = WasmGraphviz()
