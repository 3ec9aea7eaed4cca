"""Maps in a notebook: the display bundle and the ``%%argmap`` cell magic."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.notebook import diagnostics_bundle, display_bundle, run_cell, summary

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "notebooks" / "russia-iran.argdown"

CELL = """\
[T]: Cats are lazy. #thesis
  + [R]: They sleep all day.
  - [O]: They hunt at night. #objection
"""


def test_summary_counts_roles() -> None:
    m = argmap.loads(CELL)
    text = summary(m)
    assert "3 statements" in text
    assert "1 thesis" in text and "1 objection" in text


def test_import_argmap_does_not_import_jupyter() -> None:
    import subprocess
    import sys

    code = (
        "import sys, argmap; jupyter = ('IPython', 'ipywidgets', 'anywidget', 'jupyter_client'); "
        "print([m for m in sys.modules if m.split('.')[0] in jupyter])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.graphviz
def test_map_displays_itself_as_one_html_output_picture_first() -> None:
    """JupyterLab shows one MIME type per output and ranks Markdown above SVG: the map
    is one HTML output (inline SVG, then the outline in <details>), nothing else."""
    m = argmap.load(CASE)
    bundle = m._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    page = bundle["text/html"]
    assert page.index("<svg") < page.index("<details")
    assert "<script" not in page.lower() and " onclick" not in page.lower()
    assert "argmap&#45;thesis" in page  # Graphviz writes '-' in classes as &#45;
    assert "max-width:100%" in page  # shrinks to the column, never overflows it
    outline = page[page.index("<details") :]
    assert "Convenience" in outline
    # the case study is big: an overview, every line in a panel of its own, and the
    # note says how to see the whole map in one picture
    assert "argmap-note" in page and "overview" in page and "detail=&#x27;full&#x27;" in page
    assert page.count('<details class="argmap-line"') == 13  # 12 lines and the key


def test_show_passes_options_and_refuses_bad_ones() -> None:
    m = argmap.load(CASE)
    full = argmap.show(m, detail="full")._repr_mimebundle_()["text/html"]
    assert "argmap-note" not in full and full.count("argmap&#45;evidence") > 20
    with pytest.raises(ValueError, match="unknown detail"):
        argmap.show(m, detail="some")
    with pytest.raises(argmap.ArgmapError, match="did you mean"):
        argmap.show(m, focus="[Syria divergense]")


def test_display_without_graphviz_falls_back_to_outline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    m = argmap.loads(CELL)
    bundle = display_bundle(m)
    page = bundle["text/html"]
    assert "<svg" not in page
    assert "apt-get install graphviz" in page
    assert "Cats are lazy" in page


def test_diagnostics_point_at_the_cells_own_lines() -> None:
    text = '[T]: A thesis. #thesis\n  + [E]: y {quote: "unclosed\n'
    report = argmap.check_text(text, "<cell>")
    bundle = diagnostics_bundle(report.diagnostics, text)
    plain = bundle["text/plain"]
    assert "<cell>:2:" in plain
    assert "^" in plain  # a caret under the column
    assert "&lt;cell&gt;" not in bundle["text/html"] or "<cell>" not in bundle["text/html"]


def test_magic_cell_errors_are_numbered_as_the_cell_shows_them() -> None:
    """In a %%argmap cell the magic's line is line 1: the unclosed quote on the text's
    second line is on the cell's third, and the caret still points into that text."""
    text = '[T]: A thesis. #thesis\n  + [E]: y {quote: "unclosed\n'
    report = argmap.check_text(text, "<cell>")
    bundle = diagnostics_bundle(report.diagnostics, text, first_line=2)
    assert "<cell>:3:" in bundle["text/plain"] and "line 3," in bundle["text/html"]
    assert '{quote: "unclosed' in bundle["text/plain"]  # the excerpt is the right line


def test_hostile_text_in_diagnostics_is_escaped() -> None:
    text = '[<img src=x onerror=alert(1)>]: <script>alert(1)</script> {quote: "x'
    report = argmap.check_text(text, "<cell>")
    html = diagnostics_bundle(report.diagnostics, text)["text/html"]
    assert "<script" not in html and "<img" not in html


class FakeShell:
    def __init__(self) -> None:
        self.user_ns: dict[str, object] = {}
        self.magics: dict[str, object] = {}

    def register_magic_function(self, func: object, magic_kind: str, magic_name: str) -> None:
        self.magics[(magic_kind, magic_name)] = func  # type: ignore[index]


def test_load_ext_registers_cell_magic_that_keeps_the_map(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")  # keep this test free of Graphviz
    shell = FakeShell()
    argmap.load_ipython_extension(shell)
    magic = shell.magics[("cell", "argmap")]
    magic("--name cats", CELL)  # type: ignore[operator]
    m = shell.user_ns["cats"]
    assert isinstance(m, argmap.ArgumentMap)
    assert m.thesis is not None and m.thesis.title == "T"


def test_cell_magic_reports_errors_and_returns_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[dict[str, str]] = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    assert run_cell('[T]: x #thesis\n  + [E]: y {quote: "unclosed\n', "", {}) is None
    assert shown and "syntax-error" in shown[0]["text/plain"]


def test_cell_magic_unknown_option_is_refused() -> None:
    with pytest.raises(argmap.ArgmapError, match="unknown option"):
        run_cell(CELL, "--colour red", {})
