"""``argmap render IN... --out-dir DIR``: many maps, any format, one Graphviz process per chunk."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import argmap.draw.dot
import argmap.output.export
from argmap.cli import main
from argmap.output.batch import default_workers, plan_chunks, render_files

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "formats"

_spec = importlib.util.spec_from_file_location("argmap_bench_generate", ROOT / "benchmarks" / "generate.py")
assert _spec is not None and _spec.loader is not None
generate: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)

N_GOOD = 30


def run(*argv: str | os.PathLike[str], err: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), err or io.StringIO()
    code = main([os.fspath(a) for a in argv], out, err)
    return code, out.getvalue(), err.getvalue()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    """30 clean generated maps (each quoting its own source), a broken Argdown map,
    a broken AIF file, and an AIF file whose import warns."""
    folder = tmp_path / "in"
    folder.mkdir()
    files = []
    for k in range(N_GOOD):
        (folder / f"m{k:02d}.txt").write_text(generate.make_source(8, seed=k), encoding="utf-8")
        p = folder / f"m{k:02d}.argdown"
        p.write_text(generate.make_map(8, seed=k, source=f"m{k:02d}.txt"), encoding="utf-8")
        files.append(p)
    broken = folder / "broken.argdown"
    broken.write_text('[T]: A thesis. #thesis\n  + [E]: Evidence. {quote: "unclosed\n', encoding="utf-8")
    bad_aif = folder / "bad.aif.json"
    shutil.copy(DATA / "invalid" / "syntax_error.aif.json", bad_aif)
    warned = folder / "linked.json"
    shutil.copy(DATA / "aif" / "linked.json", warned)
    return [*files[:10], broken, *files[10:20], bad_aif, warned, *files[20:]]


@pytest.fixture
def dot_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every process argmap.output.export starts (Graphviz runs), still really run."""
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(cmd: list[str], *args: Any, **kwargs: Any) -> Any:
        calls.append(cmd)
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)  # the layout backend runs dot
    return calls


@pytest.mark.graphviz
def test_batch_svg_renders_good_maps_and_reports_bad_ones(
    tmp_path: Path, corpus: list[Path], dot_calls: list[list[str]]
) -> None:
    out = tmp_path / "out"
    code, _, err = run("render", *corpus, "--out-dir", out)
    assert code == 1
    svgs = sorted(p for p in out.glob("*.svg") if p.stem != "argmap-key")
    assert [p.stem for p in svgs] == sorted([f"m{k:02d}" for k in range(N_GOOD)] + ["linked"])
    # one key for the folder, none in the pictures
    assert ">Key<" in (out / "argmap-key.svg").read_text(encoding="utf-8")
    assert all(b"cluster_key" not in p.read_bytes() for p in svgs)
    for p in svgs:
        root = ET.fromstring(p.read_bytes())
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert f"{N_GOOD + 3} files: {N_GOOD + 1} rendered, 1 with warnings, 2 failed" in err
    assert re.search(r"failed: .*broken\.argdown: \d+:\d+: ", err)
    assert re.search(r"failed: .*bad\.aif\.json: 4:49: the AIF file is not valid JSON", err)
    assert "warning[dropped-element]" in err
    assert not list(out.glob("broken*")) and not list(out.glob("bad*"))
    # one run per chunk, and one for the folder's key
    assert len(dot_calls) == len(plan_chunks(len(corpus), workers=default_workers())) + 1
    assert len(dot_calls) < 6  # not one per map
    assert "\r" not in err  # not a terminal: no progress bar


@pytest.mark.graphviz
def test_batch_pdf(tmp_path: Path, corpus: list[Path]) -> None:
    code, _, err = run(
        "render", *corpus[:3], "--out-dir", tmp_path / "pdf", "--format", "pdf", "--page", "A4", "--landscape"
    )
    assert code == 0, err
    pdfs = sorted((tmp_path / "pdf").glob("*.pdf"))
    assert len(pdfs) == 3
    for p in pdfs:
        data = p.read_bytes()
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-32:]
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdfs[0])], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.M), info
        assert re.search(r"^Page size:\s+842 x 595 pts", info, re.M), info  # --page A4 --landscape applied


@pytest.mark.graphviz
def test_one_dot_process_per_chunk(tmp_path: Path, corpus: list[Path], dot_calls: list[list[str]]) -> None:
    good = [p for p in corpus if p.name.startswith("m")]
    results = list(render_files(good, tmp_path / "o", "svg", chunk_size=10, workers=1))
    assert [r.failure for r in results] == [None] * N_GOOD
    assert [Path(r.source) for r in results] == good  # input order
    assert len(dot_calls) == 3


def test_plan_chunks_bounds_each_process() -> None:
    for n, size, workers in [(500, 200, 1), (500, 200, 2), (1000, 200, 4), (7, 200, 4), (201, 200, 1)]:
        chunks = plan_chunks(n, size, workers)
        assert [k for c in chunks for k in c] == list(range(n))
        assert max(map(len, chunks)) <= size
    assert len(plan_chunks(500, 200, 1)) == 3


@pytest.mark.graphviz
def test_a_graph_that_breaks_dot_costs_only_its_own_picture(
    tmp_path: Path, corpus: list[Path], monkeypatch: pytest.MonkeyPatch, dot_calls: list[list[str]]
) -> None:
    good = [p for p in corpus if p.name.startswith("m")][:6]
    real = argmap.draw.dot.to_dot

    def to_dot(m: Any, *picture: Any, **opts: Any) -> str:
        broken = m.path and m.path.endswith("m03.argdown")
        return "digraph { a -> ; }" if broken else real(m, *picture, **opts)

    monkeypatch.setattr(argmap.draw.dot, "to_dot", to_dot)
    code, _, err = run("render", *good, "--out-dir", tmp_path / "o")
    assert code == 1
    drawn = sorted(p.stem for p in (tmp_path / "o").glob("*.svg") if p.stem != "argmap-key")
    assert drawn == ["m00", "m01", "m02", "m04", "m05"]
    assert re.search(r"failed: .*m03\.argdown: Graphviz failed", err), err
    assert "6 files: 5 rendered, 0 with warnings, 1 failed" in err
    assert len(dot_calls) == 1 + 1 + 6  # the key, the batch, then each of its graphs alone


@pytest.mark.graphviz
def test_progress_bar_on_a_terminal_only(tmp_path: Path, corpus: list[Path]) -> None:
    good = [p for p in corpus if p.name.startswith("m")][:4]
    term = Terminal()
    code, _, err = run("render", *good, "--out-dir", tmp_path / "o", err=term)
    assert code == 0, err
    assert "\r[" in err and "] 4/4" in err
    assert err.rstrip().splitlines()[-1].strip().startswith("4 files: 4 rendered")
    code, _, err = run("render", *good, "--out-dir", tmp_path / "o2")
    assert code == 0 and "\r" not in err and "] 4/4" not in err


def test_batch_dot_format_needs_no_graphviz(tmp_path: Path, corpus: list[Path]) -> None:
    code, _, err = run("render", *corpus, "--out-dir", tmp_path / "o", "--format", "dot")
    assert code == 1
    dots = sorted((tmp_path / "o").glob("*.dot"))
    assert len(dots) == N_GOOD + 1
    assert all(p.read_text(encoding="utf-8").lstrip().startswith("digraph") for p in dots)


def test_hostile_output_cannot_escape_the_folder(tmp_path: Path, corpus: list[Path]) -> None:
    outside = tmp_path / "outside.dot"
    outside.write_text("keep me", encoding="utf-8")
    out = tmp_path / "o"
    out.mkdir()
    (out / "m00.dot").symlink_to(outside)
    code, _, err = run("render", corpus[0], corpus[1], "--out-dir", out, "--format", "dot")
    assert code == 1
    assert "would leave" in err
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert (out / "m01.dot").exists()


@pytest.mark.parametrize(
    "extra",
    [["-o", "x.svg"], ["--out-dir", "d", "-o", "x.svg"], ["--out-dir", "d", "--focus", "T"]],
    ids=["several-inputs-one-output", "both-outputs", "focus-in-a-batch"],
)
def test_render_usage_errors_exit_2(tmp_path: Path, corpus: list[Path], extra: list[str]) -> None:
    code, _, err = run(
        "render", corpus[0], corpus[1], *[str(tmp_path / e) if e[0] != "-" else e for e in extra]
    )
    assert code == 2, err
    assert "error:" in err
    assert not list(tmp_path.glob("*.svg")) and not (tmp_path / "d").exists()


@pytest.mark.graphviz
def test_single_render_reads_interchange_formats(tmp_path: Path) -> None:
    out = tmp_path / "micro.svg"
    code, _, err = run("render", DATA / "microtexts" / "micro_undercut.xml", "-o", out)
    assert code == 0, err
    assert ET.fromstring(out.read_bytes()).tag.endswith("svg")
    code, _, err = run("render", DATA / "invalid" / "unclosed.xml", "-o", tmp_path / "bad.svg")
    assert code == 1 and "error[format-error]" in err
    assert not (tmp_path / "bad.svg").exists()


def test_batch_examples_run() -> None:
    import doctest

    import argmap.output.batch

    result = doctest.testmod(argmap.output.batch)
    assert result.attempted >= 5 and result.failed == 0
