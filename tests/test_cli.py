"""The ``argmap`` command, driven in-process (like click's CliRunner) and once as a process."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap.cli import main

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "notebooks" / "russia-iran.argdown"

DIAG = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning)\[(?P<code>[a-z-]+)\]: .+$"
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    (tmp_path / "text.txt").write_text("Cats sleep a lot. Dogs bark.\n", encoding="utf-8")
    p = tmp_path / "broken.argdown"
    p.write_text(
        "===\nsource: text.txt\n===\n\n"
        "[T]: Cats are lazy. #thesis\n"
        '  + [E]: They sleep. #evidence {quote: "Cats sleep all day"}\n'
        '  + [F]: A reason. {quote: "unclosed\n',
        encoding="utf-8",
    )
    return p


def test_check_case_study_is_clean() -> None:
    code, out, err = run("check", str(CASE))
    assert code == 0, out + err
    assert "error[" not in out
    assert "0 errors" in err


def test_check_json_counts_roles() -> None:
    code, out, _ = run("check", "--format", "json", str(CASE))
    assert code == 0
    data = json.loads(out)
    (f,) = data["files"]
    assert f["path"] == str(CASE)
    counts = f["counts"]
    assert set(counts) == {"statements", "arguments", "relations", "roles"}
    assert set(counts["relations"]) == {"support", "attack", "undercut", "contrary", "contradictory"}
    assert set(counts["roles"]) == {"thesis", "claim", "evidence", "assumption", "objection", "rebuttal"}
    assert counts["roles"]["thesis"] == 1
    assert counts["roles"]["evidence"] >= 15
    assert counts["roles"]["assumption"] >= 6
    assert counts["relations"]["attack"] >= 5  # the key answers its objections; it has no undercut left
    for d in f["diagnostics"]:
        assert set(d) == {"code", "severity", "line", "column", "message", "hint"}


def test_check_reports_every_problem_located(broken: Path) -> None:
    code, out, err = run("check", str(broken))
    assert code == 1
    found = [DIAG.match(line) for line in out.splitlines() if not line.startswith("  ")]
    assert all(found), out
    codes = {(m["code"], int(m["line"])) for m in found if m}
    assert ("syntax-error", 7) in codes  # the unclosed data block, where `{` opens
    assert "Traceback" not in out + err


def test_check_json_for_broken_file_has_located_diagnostics(broken: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(broken))
    assert code == 1
    diags = json.loads(out)["files"][0]["diagnostics"]
    unclosed = [d for d in diags if d["code"] == "syntax-error"]
    assert unclosed and unclosed[0]["line"] == 7
    assert unclosed[0]["column"] == len("  + [F]: A reason. ") + 1


def test_check_several_files_fails_if_one_fails(broken: Path) -> None:
    code, out, _ = run("check", str(CASE), str(broken))
    assert code == 1


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param([], id="no-command"),
        pytest.param(["frobnicate"], id="unknown-command"),
        pytest.param(["check"], id="check-without-file"),
        pytest.param(["check", "--format", "xml", "x"], id="bad-format"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    code, out, err = run("outline", str(tmp_path / "nope.argdown"))
    assert code == 1
    assert "nope.argdown: no such file" in err
    assert "Traceback" not in err


def test_outline_prints_markdown() -> None:
    code, out, _ = run("outline", str(CASE))
    assert code == 0
    assert out.lstrip().startswith(("#", "-", "*"))
    assert "Convenience" in out


def test_codes_lists_every_code() -> None:
    from argmap.errors import CODES

    code, out, _ = run("codes")
    assert code == 0
    assert {line.split()[0] for line in out.splitlines()} == set(CODES)


def test_render_needs_known_extension(tmp_path: Path) -> None:
    code, _, err = run("render", str(CASE), "-o", str(tmp_path / "map.jpg"))
    assert code == 2  # a usage slip
    assert ".svg" in err and ".pdf" in err


def test_render_dot_needs_no_graphviz(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    code, _, err = run("render", str(CASE), "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert text.lstrip().startswith("digraph")


@pytest.mark.graphviz
@pytest.mark.parametrize(
    "ext,magic", [("svg", b"<"), ("png", b"\x89PNG"), ("pdf", b"%PDF")], ids=["svg", "png", "pdf"]
)
def test_render_formats(tmp_path: Path, ext: str, magic: bytes) -> None:
    out = tmp_path / f"map.{ext}"
    code, _, err = run("render", str(CASE), "-o", str(out))
    assert code == 0, err
    data = out.read_bytes()
    assert magic in data[:200]


@pytest.mark.graphviz
def test_render_pdf_embeds_fonts_and_fits_a4(tmp_path: Path) -> None:
    import shutil

    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) not installed")
    out = tmp_path / "map.pdf"
    assert run("render", str(CASE), "-o", str(out), "--page", "A4")[0] == 0
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows, fonts
    assert all(" yes " in row for row in rows), fonts  # every font embedded
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size is not None
    w, h = float(size[1]), float(size[2])
    assert w <= 595.3 + 1 and h <= 841.9 + 1, info


def test_render_refuses_broken_map_without_writing(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.svg"
    code, _, err = run("render", str(broken), "-o", str(out))
    assert code == 1
    assert "error[" in err
    assert not out.exists()


def test_python_dash_m_runs_the_same_cli() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(CASE)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


def test_collect_gathers_learner_files_and_refuses_others(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[1] / "examples" / "seminar"
    stray = tmp_path / "notes.json"
    stray.write_text('{"not": "a learner file"}', encoding="utf-8")
    into = tmp_path / "class"
    code, _, err = run("collect", *map(str, sorted(examples.glob("*.json"))), str(stray), "--into", str(into))
    assert code == 1, err  # a refusal is not a clean run (issue 18)
    assert len(list(into.glob("*.annotations.json"))) == 5
    assert "notes.json" in err and "1 refused" in err
    code, _, err = run("collect", *map(str, sorted(examples.glob("*.json"))), "--into", str(into))
    assert code == 0 and "0 refused" in err, err


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["render", str(CASE), "--foccus", "Syria"], "did you mean --focus?"),
        (["render", str(CASE), "--foccus=Syria"], "did you mean --focus?"),
        (["check", "--fromat", "json", str(CASE)], "did you mean --format?"),
        (["rendr", str(CASE)], "did you mean render?"),
        (["check", "--format", "jsno", str(CASE)], "did you mean json?"),
    ],
    ids=["option", "option=value", "other-command", "command", "choice"],
)
def test_a_mistyped_option_or_command_gets_a_did_you_mean(argv: list[str], suggestion: str) -> None:
    code, out, err = run(*argv)
    assert code == 2 and out == ""
    assert suggestion in err.splitlines()[-1], err
    assert "Traceback" not in err


def test_an_unknown_option_far_from_any_gets_no_guess() -> None:
    code, _, err = run("render", str(CASE), "--zzzzzz")
    assert code == 2 and "unrecognized arguments: --zzzzzz" in err and "did you mean" not in err


def test_check_profile_teaching_makes_a_missing_thesis_an_error(tmp_path: Path) -> None:
    m = tmp_path / "m.argdown"
    m.write_text("[A]: a claim\n", encoding="utf-8")
    code, _, _ = run("check", str(m))
    assert code == 0  # Argdown has no thesis: a warning
    code, out, _ = run("check", "--profile", "teaching", str(m))
    assert code == 1 and "error[no-thesis]" in out


@pytest.mark.graphviz
def test_render_annotations_on_pages_names_the_learner_and_the_date(tmp_path: Path) -> None:
    """`render --annotations FILE --page A4 -o x.pdf`: numbered A4 pages whose first
    page says whose marks these are and when they were printed."""
    import datetime

    pypdf = pytest.importorskip("pypdf")
    from argmap import annotations as ann_mod

    case = Path(__file__).resolve().parents[1] / "notebooks" / "russia-iran.argdown"
    m = argmap.load(case)
    a = ann_mod.Annotations.new("Ana Ивановна", m).with_judgement("[Either-or]", "reject")
    file = tmp_path / "ana.json"
    ann_mod.save(file, a)
    out = tmp_path / "ana.pdf"
    args = ["render", str(case), "--annotations", str(file), "--page", "A4", "-o", str(out)]
    assert main(args, io.StringIO(), io.StringIO()) == 0
    reader = pypdf.PdfReader(out)
    first = reader.pages[0].extract_text()
    assert "Ana Ивановна" in first
    today = datetime.date.today()
    assert str(today.year) in first
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1


@pytest.mark.graphviz
def test_render_pdf_of_a_big_map_prints_the_overview_then_each_line(tmp_path: Path) -> None:
    """`render -o x.pdf` of a map that needs an overview prints numbered A4 pages (a
    PDF of the overview alone would leave every line out); a small map stays one page."""
    pypdf = pytest.importorskip("pypdf")
    case = Path(__file__).resolve().parents[1] / "notebooks" / "russia-iran.argdown"
    out, err = tmp_path / "map.pdf", io.StringIO()
    assert main(["render", str(case), "-o", str(out)], io.StringIO(), err) == 0
    assert "numbered A4 pages" in err.getvalue()
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) > 3
    assert "Overview" in reader.pages[0].extract_text()
    assert "Driven by need" in "".join(p.extract_text() for p in reader.pages[1:])
    small = tmp_path / "small.argdown"
    small.write_text("[T]: Homework should be optional. #thesis\n  + [R]: Pupils need rest.\n")
    out2, err2 = tmp_path / "small.pdf", io.StringIO()
    assert main(["render", str(small), "-o", str(out2)], io.StringIO(), err2) == 0
    assert "A4" not in err2.getvalue() and len(pypdf.PdfReader(out2).pages) == 1
