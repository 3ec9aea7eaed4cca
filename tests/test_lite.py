"""argmap in the browser (issue 21): the layout backends, the JupyterLite site build.

The unit tests check the one layout interface (:mod:`argmap.output.layout`): the
``dot`` program, and Graphviz in WebAssembly as argmap drives it inside Pyodide.
Outside a browser, Pyodide's ``js`` and ``pyodide.ffi`` modules are stood in for by
small fakes whose "Graphviz" runs the real ``dot``: what is tested is argmap's side
(choosing, loading once, waiting, the messages), not the WebAssembly build, which the
browser test at the end runs for real, in Chromium, on the built site, offline.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import argmap
from argmap import export
from argmap.errors import RenderError
from argmap.output import layout

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
        argmap.render.to_dot(argmap.loads(SMALL)),
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
    svg = argmap.export.render(m, "svg", detail="full")
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
    with pytest.raises(RenderError, match=rf"cannot draw {fmt.upper()} here: .*save the SVG, or print"):
        export.pipe("digraph { a }", fmt)
    assert fake.graphviz.calls == []


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
