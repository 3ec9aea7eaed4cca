"""argmap in the browser (issue 21): the layout backends, the JupyterLite site build.

The unit tests check the one layout interface (:mod:`argmap.output.layout`): the
``dot`` program, and Graphviz in WebAssembly as argmap drives it inside Pyodide.
Outside a browser, Pyodide's ``js`` and ``pyodide.ffi`` modules are stood in for by
small fakes whose "Graphviz" runs the real ``dot``: what is tested is argmap's side
(choosing, loading once, waiting, the messages), not the WebAssembly build, which the
browser test at the end runs for real, in Chromium, on the built site, offline.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.errors import RenderError
from argmap.output import export, layout

SMALL = """[Later start]: Our school should start at 9 instead of 8. #thesis
  + [Sleep]: Teenagers need more sleep in the morning.
  - [Dark evenings]: Afternoon sports would end in the dark in winter. #objection
"""


def _titles(svg: bytes) -> list[str]:
    """What a picture shows: its nodes' and edges' titles and its text, in order."""
    text = svg.decode("utf-8")
    return sorted(re.findall(r"<title>([^<]*)</title>", text)) + sorted(re.findall(r">([^<>]+)</text>", text))


# -- choosing a backend -------------------------------------------------------------------


def test_the_dot_program_is_the_backend_outside_a_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(layout.BACKEND_SETTING, raising=False)
    assert layout.backend().name == "dot"
    monkeypatch.setenv(layout.BACKEND_SETTING, " DOT ")
    assert layout.backend().name == "dot"


@pytest.mark.parametrize(
    ("value", "said"),
    [("graphviz", "'graphviz' is not a layout backend; valid: dot, wasm"), ("wasm", "only in the browser")],
    ids=["unknown-name", "wasm-outside-a-browser"],
)
def test_a_backend_setting_that_cannot_work_says_why(
    monkeypatch: pytest.MonkeyPatch, value: str, said: str
) -> None:
    monkeypatch.setenv(layout.BACKEND_SETTING, value)
    with pytest.raises(RenderError, match=re.escape(said)):
        export.pipe("digraph { a -> b }")


@pytest.mark.parametrize("fmt", ["jpeg", "SVG", ""], ids=["jpeg", "upper-case", "empty"])
def test_an_unknown_format_is_refused_with_the_valid_ones(fmt: str) -> None:
    with pytest.raises(ValueError, match="valid: svg, png, pdf"):
        layout.DotProgram().lay_out(["digraph { a }"], fmt)


# -- the dot program ----------------------------------------------------------------------


@pytest.mark.graphviz
def test_one_dot_run_lays_out_many_graphs_as_each_alone() -> None:
    dot = layout.DotProgram()
    # named graphs: dot numbers anonymous ones by their place in its input
    sources = [
        argmap.draw.dot.to_dot(argmap.loads(SMALL)),
        "digraph two { x -> y; y -> z }",
        'digraph three { "q" }',
    ]
    together = dot.lay_out(sources, "svg")
    alone = [dot.lay_out([s], "svg")[0] for s in sources]
    assert together == alone
    assert [svg.count(b"</svg>") for svg in together] == [1, 1, 1]
    assert dot.lay_out([], "svg") == []


@pytest.mark.graphviz
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF")], ids=["png", "pdf"])
def test_the_dot_program_draws_files_for_every_graph(fmt: str, magic: bytes) -> None:
    drawn = layout.DotProgram().lay_out(["digraph { a }", "digraph { b -> c }"], fmt)
    assert len(drawn) == 2 and all(d.startswith(magic) for d in drawn)


@pytest.mark.graphviz
def test_a_graph_dot_refuses_names_graphviz_s_reason() -> None:
    with pytest.raises(RenderError, match=r"Graphviz failed \(exit 1\): .*syntax error"):
        layout.DotProgram().lay_out(["digraph { a -> }"], "svg")


def test_without_dot_the_message_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(argmap.errors.GraphvizNotFoundError, match="apt-get install graphviz"):
        export.pipe("digraph { a }")


# -- Graphviz in WebAssembly, as argmap drives it in Pyodide -------------------------------


class _Promise:
    """Just enough of a JS promise: settled by the test, ``then`` callbacks queued."""

    def __init__(self) -> None:
        self.value: Any = None
        self.error: Any = None
        self.settled = False
        self._then: list[tuple[Callable[[Any], None], Callable[[Any], None]]] = []

    def then(self, done: Callable[[Any], None], failed: Callable[[Any], None]) -> None:
        self._then.append((done, failed))

    def settle(self, value: Any = None, error: Any = None) -> None:
        self.value, self.error, self.settled = value, error, True
        for done, failed in self._then:
            failed(error) if error is not None else done(value)


class _WasmGraphviz:
    """Stands in for ``@hpcc-js/wasm-graphviz``'s loaded module: the real ``dot`` lays out."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []

    def layout(self, source: str, fmt: str, engine: str) -> str:
        self.calls.append((source, fmt, engine))
        if "->  }" in source:
            raise RuntimeError("Error: syntax error in line 1 near '}'")
        return layout.DotProgram().lay_out([source], fmt)[0].decode("utf-8")


class _Browser:
    """Fake ``js``, ``pyodide_js`` and ``pyodide.ffi`` modules, and what they were asked."""

    def __init__(self, *, jspi: bool) -> None:
        self.jspi = jspi
        self.imports: list[str] = []
        self.promise = _Promise()
        self.graphviz = _WasmGraphviz()

    def modules(self) -> dict[str, types.ModuleType]:
        browser = self

        class URL:
            @staticmethod
            def new(url: str, base: str) -> Any:
                from urllib.parse import urljoin

                return types.SimpleNamespace(href=urljoin(base, url))

        class Function:
            @staticmethod
            def new(arg: str, body: str) -> Callable[[str], _Promise]:
                assert arg == "url" and "import(url)" in body and "Graphviz.load()" in body

                def load(url: str) -> _Promise:
                    browser.imports.append(url)
                    return browser.promise

                return load

        js = types.ModuleType("js")
        js.URL = URL  # type: ignore[attr-defined]
        js.Function = Function  # type: ignore[attr-defined]
        js.location = types.SimpleNamespace(href="http://127.0.0.1:8000/worker.js")  # type: ignore[attr-defined]
        pyodide_js = types.ModuleType("pyodide_js")
        config = types.SimpleNamespace(indexURL="http://127.0.0.1:8000/site/static/pyodide/")
        pyodide_js._api = types.SimpleNamespace(config=config)  # type: ignore[attr-defined]
        ffi = types.ModuleType("pyodide.ffi")

        def run_sync(promise: _Promise) -> Any:
            if not promise.settled:  # JSPI suspends until the import has finished
                promise.settle(browser.graphviz)
            if promise.error is not None:
                raise RuntimeError(promise.error)
            return promise.value

        ffi.can_run_sync = lambda: browser.jspi  # type: ignore[attr-defined]
        ffi.run_sync = run_sync  # type: ignore[attr-defined]
        pyodide = types.ModuleType("pyodide")
        pyodide.ffi = ffi  # type: ignore[attr-defined]
        return {"js": js, "pyodide_js": pyodide_js, "pyodide": pyodide, "pyodide.ffi": ffi}


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., _Browser]]:
    """Pretend to be argmap inside Pyodide: ``sys.platform`` and the browser's modules."""

    def make(*, jspi: bool = True) -> _Browser:
        fake = _Browser(jspi=jspi)
        monkeypatch.setattr(sys, "platform", "emscripten")
        for name, module in fake.modules().items():
            monkeypatch.setitem(sys.modules, name, module)
        monkeypatch.setattr(layout, "_WASM", layout.WasmGraphviz())
        monkeypatch.delenv(layout.BACKEND_SETTING, raising=False)
        monkeypatch.delenv(layout.WASM_URL_SETTING, raising=False)
        return fake

    yield make


@pytest.mark.graphviz
def test_in_pyodide_maps_are_drawn_by_graphviz_in_webassembly(browser: Callable[..., _Browser]) -> None:
    fake = browser()
    m = argmap.loads(SMALL)
    svg = argmap.output.export.render(m, "svg", detail="full")
    assert layout.backend().name == "wasm"
    assert fake.imports == ["http://127.0.0.1:8000/site/static/argmap/graphviz.mjs"]  # loaded once
    assert len(fake.graphviz.calls) >= 1 and {c[1:] for c in fake.graphviz.calls} == {("svg", "dot")}
    # the same nodes, edges and labels as the dot program draws from the same DOT
    source = fake.graphviz.calls[-1][0]
    assert _titles(svg) == _titles(layout.DotProgram().lay_out([source], "svg")[0])
    assert "Teenagers need more sleep" in svg.decode("utf-8")


@pytest.mark.graphviz
def test_many_graphs_are_laid_out_one_by_one_in_webassembly(browser: Callable[..., _Browser]) -> None:
    fake = browser()
    sources = ["digraph { a -> b }", "digraph { c }"]
    drawn = export.render_many(sources, "svg")
    assert [c[0] for c in fake.graphviz.calls] == sources
    assert [d.count(b"<svg") for d in drawn] == [1, 1]


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_in_the_browser_png_and_pdf_say_what_to_do_instead(
    browser: Callable[..., _Browser], fmt: str
) -> None:
    fake = browser()
    with pytest.raises(
        RenderError, match=rf"cannot draw {fmt.upper()} here: .*print the page from the browser"
    ):
        export.pipe("digraph { a }", fmt)
    assert layout.unavailable(fmt) is not None and layout.unavailable("svg") is None
    assert fake.graphviz.calls == []


def test_where_dot_runs_every_format_is_available() -> None:
    assert [layout.unavailable(f) for f in layout.FORMATS] == [None, None, None]
    layout.require_format("pdf")  # nothing to refuse


def test_in_the_browser_a_printed_map_says_pdf_needs_a_server(browser: Callable[..., _Browser]) -> None:
    """Not "install WeasyPrint" (which cannot run in a browser): what to do instead."""
    from argmap.draw.style import PageOptions

    browser()
    with pytest.raises(RenderError, match="cannot draw PDF here: .*Ctrl\\+P"):
        export.render(argmap.loads(SMALL), "pdf", page=PageOptions("A4"))


def test_in_the_browser_a_notebook_s_pdf_export_writes_nothing_and_says_why(
    browser: Callable[..., _Browser], tmp_path: Path
) -> None:
    from argmap.classroom.teaching import export_pdf

    browser()
    shown = export_pdf(argmap.loads(SMALL), "out/first.pdf", base_dir=tmp_path)
    assert str(shown).startswith("No PDF: cannot draw PDF here")
    assert "Save as PDF" in shown._repr_mimebundle_()["text/html"]
    assert not (tmp_path / "out" / "first.pdf").exists()


def test_the_module_s_address_can_be_set(
    browser: Callable[..., _Browser], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = browser()
    monkeypatch.setenv(layout.WASM_URL_SETTING, "/shared/gv/graphviz.mjs")
    layout.backend()
    assert fake.imports == ["http://127.0.0.1:8000/shared/gv/graphviz.mjs"]


def test_without_jspi_a_layout_before_the_module_loaded_says_run_again(
    browser: Callable[..., _Browser],
) -> None:
    fake = browser(jspi=False)
    with pytest.raises(RenderError, match="still loading in this browser tab: run the cell again"):
        export.pipe("digraph { a }")
    fake.promise.settle(fake.graphviz)  # the import finishes while the learner reads the message
    assert export.pipe("digraph { a }").startswith(b"<?xml")
    assert len(fake.imports) == 1


def test_a_module_that_does_not_load_is_named_with_its_address(browser: Callable[..., _Browser]) -> None:
    fake = browser(jspi=False)
    layout.backend()
    fake.promise.settle(error="TypeError: Failed to fetch dynamically imported module")
    with pytest.raises(
        RenderError, match=r"could not be loaded from http://127\.0\.0\.1:8000/site/static/argmap/"
    ):
        export.pipe("digraph { a }")


def test_graphviz_s_own_error_comes_through(browser: Callable[..., _Browser]) -> None:
    browser()
    with pytest.raises(RenderError, match="Graphviz failed: .*syntax error in line 1"):
        export.pipe("digraph { a ->  }")


def test_a_learner_s_work_is_saved_where_fcntl_has_no_flock(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Pyodide's ``fcntl`` has no ``flock``: the workbench saved nothing in the browser."""
    import fcntl
    import json

    from argmap.annotations.store import AnnotationStore

    monkeypatch.delattr(fcntl, "flock")
    store = AnnotationStore(tmp_path / "ana.json", argmap.loads(SMALL), "Ana")
    store.update(lambda a: a.with_judgement("[Sleep]", "reject"))
    assert json.loads((tmp_path / "ana.json").read_text())["nodes"]["[Sleep]"]["judgement"] == "reject"


# -- the built site, in a real browser, offline ---------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "lite"))

import drive  # noqa: E402  (lite/drive.py: shared with benchmarks/lite.py)


def _needed(reason: str) -> None:
    """A piece the site build needs is missing: a failure where the browser tests must run."""
    if os.environ.get("ARGMAP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (ARGMAP_REQUIRE_BROWSER=1: the JupyterLite test must run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as ``./dev.sh lite`` builds it, built once for this module
    (``ARGMAP_LITE_SITE=DIR`` uses one built already)."""
    given = os.environ.get("ARGMAP_LITE_SITE")
    if given:
        return Path(given)
    if not (ROOT / "node_modules" / "pyodide" / "package.json").exists():
        _needed("Pyodide's runtime is not in node_modules: run `npm ci`")
    try:
        import jupyterlite_core  # noqa: F401
        import jupyterlite_pyodide_kernel  # noqa: F401
    except ImportError:
        _needed("jupyterlite-core is not installed: pip install -e '.[lite]'")
    tmp = tmp_path_factory.mktemp("lite")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "lite" / "build.py"),
            "--out",
            str(tmp / "site"),
            "--work",
            str(tmp / "work"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"the site did not build:\n{done.stderr[-4000:]}"
    return tmp / "site"


def test_package_json_pins_the_pyodide_the_kernel_was_built_for() -> None:
    """A bump of jupyterlite-pyodide-kernel (pyproject) without Pyodide (package.json),
    or the other way round, is caught here rather than by a site that will not start."""
    import json

    try:
        from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION
    except ImportError:
        _needed("jupyterlite-pyodide-kernel is not installed: pip install -e '.[lite]'")
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["devDependencies"]["pyodide"] == PYODIDE_VERSION


@pytest.mark.slow
def test_the_site_holds_every_package_the_kernel_loads(site: Path) -> None:
    """Nothing the kernel loads at start is left to a CDN: every package of the lock
    (and so every dependency) is a file of the site, with the checksum the lock says."""
    import hashlib
    import json

    pyodide = site / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text())["packages"]
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert kernel["pyodideUrl"].startswith("./static/pyodide/")  # not a CDN
    preloaded, todo = set(), list(kernel["loadPyodideOptions"]["packages"])
    while todo:  # what the kernel loads at start: the packages named and what they depend on
        name = todo.pop()
        if name not in preloaded:
            preloaded.add(name)
            todo.extend(lock[name]["depends"])
    assert {
        "argmap",
        "ipython",
        "micropip",
        "ipywidgets",
        "anywidget",
        "pyyaml",
        "pyodide-kernel",
    } <= preloaded
    for name, entry in lock.items():
        data = (pyodide / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
        assert entry["file_name"].endswith("-none-any.whl"), f"{name} is not a pure-Python wheel"
        assert set(entry["depends"]) <= set(lock), f"{name} needs what the site lacks"
    assert lock["pyyaml"]["imports"] == ["yaml"]  # pure Python: no _yaml C extension
    assert (site / "static" / "argmap" / "graphviz.mjs").stat().st_size > 100_000


@pytest.mark.browser
@pytest.mark.slow
def test_notebook_01_draws_its_map_in_the_browser_offline(site: Path, tmp_path: Path) -> None:
    from browser import chromium

    exe = chromium()
    with drive.serve(site, tmp_path / "server.log") as url:
        seen = drive.visit(url, "01-start-here.ipynb", exe, screenshot=tmp_path / "01.png")
    assert seen.outside == [], "the site tried to reach the network"
    assert seen.failed == [] or all("/api/" in f or "all.json" in f for f in seen.failed), seen.failed
    # Pyodide, the wheels and Graphviz came from the site itself
    assert any(p.endswith("/static/pyodide/pyodide.asm.wasm") for p in seen.local)
    assert any(p.startswith("/static/pyodide/argmap-") and p.endswith(".whl") for p in seen.local)
    assert "/static/argmap/graphviz.mjs" in seen.local
    # the %%argmap cell's map: its four statements and three arrows, drawn by Graphviz in WebAssembly
    (first,) = [m for m in seen.maps if "Later start" in m["text"]][:1]
    assert first["nodes"] >= 4 and first["edges"] >= 3
    for words in [
        "Teenagers need more sleep",
        "The buses would run in less",
        "Afternoon sports",
        "because",
        "but",
    ]:
        assert words in first["text"]
    # every cell ran, without an error; the PDF, which needs a server, says what to do instead
    assert all(re.fullmatch(r"\[\d+\]:", c["prompt"]) for c in seen.cells), [c["prompt"] for c in seen.cells]
    assert [c["error"] for c in seen.cells if c["error"]] == []
    (pdf,) = [c["output"] for c in seen.cells if "No PDF" in c["output"]]
    assert "cannot draw PDF here" in pdf and "Save as PDF" in pdf


@pytest.mark.browser
@pytest.mark.slow
def test_notebook_08_judges_a_node_and_the_downloaded_file_is_collected(site: Path, tmp_path: Path) -> None:
    """A learner in the browser-only kit judges a node in the workbench; the file is kept
    in the browser's storage under the name it has on disk elsewhere, downloads through
    the workbench's "Download my learner file" button, and ``argmap collect`` accepts it
    into the class folder.  Coming back
    in the same browser, the learner finds the judgement again."""
    from playwright.sync_api import expect

    from argmap.annotations import learner_file_name
    from argmap.cli import main
    from browser import chromium

    name = learner_file_name("russia-iran", "Ana")
    downloaded = tmp_path / "downloads" / name

    def judge_and_download(page: Any) -> None:
        page.get_by_placeholder("Your name").first.fill("Ana")
        page.locator("button.widget-button", has_text="Start").first.click()
        view = page.locator(".argmap-view").first
        node = view.locator("g.node[aria-label*='Either-or']").first
        node.wait_for(state="attached", timeout=120_000)
        node.focus()
        node.press("Enter")
        panel = page.locator(".argmap-annotator").first
        expect(panel).to_contain_text("Either-or")
        panel.locator("button", has_text="reject").first.click()
        expect(view.locator(".argmap-mark", has_text="rejected")).to_have_count(1)
        page.screenshot(path=str(tmp_path / "08.png"))
        # the learner's file leaves the browser's storage through the workbench's own button
        button = page.locator("button.argmap-download", has_text="learner file").first
        expect(button).to_be_enabled()
        with page.expect_download() as download:
            button.click()
        assert download.value.suggested_filename == name
        download.value.save_as(downloaded)

    def come_back(page: Any) -> None:
        page.get_by_placeholder("Your name").first.fill("ana")  # any letter case: the same learner
        page.locator("button.widget-button", has_text="Start").first.click()
        view = page.locator(".argmap-view").first
        view.locator(".argmap-mark", has_text="rejected").first.wait_for(state="attached", timeout=120_000)
        expect(page.locator(".argmap-annotator").first).to_contain_text("welcome back")

    profile = tmp_path / "browser-profile"
    notebook = "08-annotate-and-evaluate.ipynb"
    with drive.serve(site, tmp_path / "server.log") as url:
        seen = drive.visit(url, notebook, chromium(), then=judge_and_download, profile=profile)
        again = drive.visit(url, notebook, chromium(), then=come_back, profile=profile)
    assert seen.outside == [] and again.outside == []
    assert [c["error"] for c in seen.cells + again.cells if c["error"]] == []
    import json

    data = json.loads(downloaded.read_text(encoding="utf-8"))
    assert data["nodes"]["[Either-or]"]["judgement"] == "reject"
    out, err = io.StringIO(), io.StringIO()
    class_dir = tmp_path / "class"
    code = main(
        [
            "collect",
            str(downloaded),
            "--into",
            str(class_dir),
            "--map",
            str(ROOT / "notebooks" / "russia-iran.argdown"),
        ],
        out,
        err,
    )
    assert code == 0, err.getvalue()
    assert (class_dir / name).exists()
