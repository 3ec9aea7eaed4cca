"""Every map output of every notebook shows a picture in a real JupyterLab.

nbval compares what the kernel sends; this test looks at what the browser shows.
JupyterLab renders one MIME type per output (it ranked the Markdown outline above
the SVG, so no notebook showed a single map): here each notebook is run top to
bottom in JupyterLab in headless Chromium, and every map output must hold an
``<svg>`` whose nodes are the map's, as wide as the column at most.  How many map
outputs each notebook has is counted independently, by running it with nbclient.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from browser import CHROMIUM_ARGS, MAP_OUTPUTS_JS, chromium, jupyterlab

pytestmark = [pytest.mark.browser, pytest.mark.graphviz, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
#: A map output's HTML (a whole map, or an overview: ``class="argmap-output argmap-overview"``;
#: in JupyterLab its widget view, the same class, stands in for it).
MAP_OUTPUT = re.compile(r'class="argmap-output[ "]')
#: A node of a map (statement, copy, argument, junction), or of a big map's overview
#: (a main claim, a line's box, a grid of lines): never the key's miniatures.  A widget
#: output (the overview whose lines open in place) counts like the HTML it stands for.
MAP_NODE = re.compile(r"s\d+(_c\d+)?|a\d+(_i\d+)?|top\d+|box-line-\d+|grid_\w+")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    exe = chromium()
    work = tmp_path_factory.mktemp("pictures")
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    shutil.copytree(ROOT / "examples", work / "examples")
    with jupyterlab(work, ROOT) as url:
        yield exe, url, work


def _map_outputs(path: Path) -> int:
    """How many outputs of the notebook are maps (run by nbclient, outside the browser)."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return sum(
        1
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if MAP_OUTPUT.search(str(out.get("data", {}).get("text/html", "")))
    )


@pytest.mark.parametrize("name", NOTEBOOKS, ids=[n.split("-")[0] for n in NOTEBOOKS])
def test_every_map_output_shows_its_picture_in_jupyterlab(lab, name: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    exe, url, work = lab
    expected = _map_outputs(work / "notebooks" / name)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(90_000)
            page.goto(f"{url}/lab/tree/notebooks/{name}?reset")  # no tab of an earlier test
            notebook = page.locator(".jp-NotebookPanel:visible .jp-Notebook").first
            notebook.wait_for()
            page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for()
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
            # every cell has run when no prompt says [*] and the kernel is idle again
            page.wait_for_function(
                "() => { const ps = document.querySelectorAll('.jp-InputPrompt');"
                " return ps.length > 0 && !Array.from(ps).some(p => p.textContent.includes('*')); }"
            )
            page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for()
            if expected:
                notebook.locator(".argmap-output svg").nth(expected - 1).wait_for(state="attached")
            shown = notebook.evaluate(MAP_OUTPUTS_JS)
            errors = notebook.locator(
                ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
            )
            tracebacks = [t for t in errors.all_inner_texts() if "Traceback" in t]
            page.screenshot(path=str(work / f"{name}.png"), full_page=False)
        finally:
            browser.close()
    assert not tracebacks, tracebacks[:1]
    assert len(shown) == expected, (
        f"{name}: {len(shown)} map outputs in the browser, {expected} from the kernel"
    )
    for k, out in enumerate(shown):
        nodes = [n for n in out["nodes"] if MAP_NODE.fullmatch(n)]
        assert nodes, f"{name}, map output {k + 1}: no picture of the map"
        assert out["width"] <= out["column"] + 1, f"{name}, map output {k + 1}: wider than its column"
        assert out["smallest"] >= 6, f"{name}, map output {k + 1}: text {out['smallest']:.1f} px"


@pytest.mark.parametrize("name", ["01-start-here.ipynb"], ids=["01"])
def test_nbconvert_html_export_shows_the_pictures(tmp_path: Path, name: str) -> None:
    """An nbconvert HTML export (what a teacher mails or puts online) carries each map
    output as inline SVG with the map's nodes, and the outline beside it."""
    import subprocess
    import sys

    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "html",
            "--execute",
            # As JupyterLab saves a notebook (no widget state): with the state stored,
            # nbconvert shows a big map's widget view instead of its HTML, and that
            # needs the widget manager from a CDN (test_overview_widget, xfail).
            "--ExecutePreprocessor.store_widget_state=False",
            name,
            "--output",
            "out.html",
        ],
        cwd=tmp_path / "notebooks",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    page = (tmp_path / "notebooks" / "out.html").read_text(encoding="utf-8")
    outputs = page.split('class="argmap-output"')[1:]
    assert outputs
    for out in outputs:
        assert "<svg" in out.split("</details>")[0] and re.search(r'id="argmap(-|&#45;)s\d+"', out)
        assert "<details" in out
