"""``argmap convert``: every fixture format to Argdown and AIF, driven in-process."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest

from argmap.argdown import parse
from argmap.cli import main
from argmap.formats import load_any, loads

DATA = Path(__file__).resolve().parent / "data" / "formats"
GOOD = sorted(p for sub in ("aif", "microtexts", "sadface") for p in (DATA / sub).iterdir())
DIAG = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning)\[(?P<code>[a-z-]+)\]: .+$", re.M
)


def run(*argv: str | os.PathLike[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([os.fspath(a) for a in argv], out, err)
    return code, out.getvalue(), err.getvalue()


def _id(p: Path) -> str:
    return f"{p.parent.name}/{p.name}"


@pytest.mark.parametrize("src", GOOD, ids=_id)
@pytest.mark.parametrize("ext", [".argdown", ".json"], ids=["to-argdown", "to-aif"])
def test_convert_each_fixture_parses_back(tmp_path: Path, src: Path, ext: str) -> None:
    target = tmp_path / f"out{ext}"
    code, _, err = run("convert", src, "-o", target)
    assert code == 0, err
    assert f"wrote {target}" in err
    original, _ = load_any(src)
    text = target.read_text(encoding="utf-8")
    if ext == ".argdown":
        back, diagnostics = parse(text, str(target))
    else:
        back, diagnostics = loads(text, "aif", str(target))
    assert not [d for d in diagnostics if d.is_error], [d.format() for d in diagnostics]
    assert {s.title for s in back.statements} == {s.title for s in original.statements}


def test_convert_out_dir_names_outputs_after_inputs(tmp_path: Path) -> None:
    code, _, err = run("convert", *GOOD, "--out-dir", tmp_path / "out")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.stem + ".argdown" for p in GOOD)
    assert f"{len(GOOD)} files: {len(GOOD)} converted, " in err
    assert err.rstrip().endswith("0 failed")


def test_convert_to_aif_with_out_dir(tmp_path: Path) -> None:
    src = DATA / "microtexts" / "micro_linked.xml"
    code, _, err = run("convert", src, "--out-dir", tmp_path, "--to", "aif")
    assert code == 0, err
    m, diagnostics = load_any(tmp_path / "micro_linked.json")
    assert not diagnostics and len(m.statements) == len(load_any(src)[0].statements)


def test_importer_warnings_are_located_diagnostics(tmp_path: Path) -> None:
    src = DATA / "aif" / "ova_dialogue.json"
    code, _, err = run("convert", src, "-o", tmp_path / "x.argdown")
    assert code == 0, err
    found = [(m["path"], m["sev"], m["code"]) for m in DIAG.finditer(err)]
    assert (str(src), "warning", "dropped-element") in found
    assert "4 L-nodes" in err  # counted, not just mentioned
    assert "1 file: 1 converted, 1 with warnings, 0 failed" in err


def test_from_overrides_detection(tmp_path: Path) -> None:
    src = tmp_path / "notes.txt"  # neither the name nor the content tells
    src.write_text("[Tax]: Tax sugar. #thesis\n  + [Ill]: Sugar makes people ill.\n", encoding="utf-8")
    code, _, err = run("convert", src, "-o", tmp_path / "a.json")
    assert code == 1
    assert "error[format-error]" in err and "cannot tell the format" in err
    assert not (tmp_path / "a.json").exists()
    code, _, err = run("convert", src, "-o", tmp_path / "a.json", "--from", "argdown")
    assert code == 0, err
    m, diagnostics = load_any(tmp_path / "a.json")
    assert not diagnostics
    assert {s.title for s in m.statements} == {"Tax", "Ill"}


def test_wrong_from_is_a_reported_failure(tmp_path: Path) -> None:
    code, _, err = run(
        "convert", DATA / "sadface" / "basic.json", "-o", tmp_path / "a.argdown", "--from", "aif"
    )
    assert code == 1
    assert "failed: " in err and "error[" in err
    assert not (tmp_path / "a.argdown").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["a.json", "b.json", "-o", "x.argdown"],
        ["a.json"],
        ["a.json", "-o", "x.txt"],
        ["a.json", "-o", "x.argdown", "--out-dir", "d"],
        ["a.json", "--out-dir", "d", "--to", "xml"],
        ["a.json", "--out-dir", "d", "--from", "csv"],
    ],
    ids=[
        "several-inputs-one-output",
        "no-output",
        "unknown-output-ext",
        "both-outputs",
        "bad-to",
        "bad-from",
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, argv: list[str]) -> None:
    code, _, err = run("convert", *argv)
    assert code == 2, err
    assert "error:" in err  # argparse's messages go to the err stream too
    assert not list(tmp_path.iterdir())


def test_bad_files_are_reported_and_the_rest_continue(tmp_path: Path) -> None:
    bad = [DATA / "invalid" / "syntax_error.aif.json", DATA / "invalid" / "billion_laughs.xml"]
    good = DATA / "aif" / "undercut.json"
    code, _, err = run("convert", bad[0], good, bad[1], "--out-dir", tmp_path)
    assert code == 1
    assert [p.name for p in tmp_path.iterdir()] == ["undercut.argdown"]
    assert "3 files: 1 converted, 0 with warnings, 2 failed" in err
    for b in bad:
        assert re.search(rf"failed: {re.escape(str(b))}: \d+:\d+: .+", err), err


def test_symlink_in_out_dir_cannot_lead_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "linked.argdown").symlink_to(outside)
    code, _, err = run("convert", DATA / "aif" / "linked.json", "--out-dir", out)
    assert code == 1
    assert "would leave" in err
    assert outside.read_text(encoding="utf-8") == "keep me"


def test_never_overwrites_an_input(tmp_path: Path) -> None:
    src = tmp_path / "map.argdown"
    src.write_text("[T]: A thesis. #thesis\n", encoding="utf-8")
    code, _, err = run("convert", src, "--out-dir", tmp_path)
    assert code == 1 and "would overwrite the input" in err
    code, _, err = run("convert", src, "-o", src)
    assert code == 2 and "refusing to write over a file this command reads" in err  # a usage slip
    assert src.read_text(encoding="utf-8") == "[T]: A thesis. #thesis\n"


def test_same_names_from_different_folders_do_not_clash(tmp_path: Path) -> None:
    for sub, fixture in (("a", DATA / "aif" / "linked.json"), ("b", DATA / "sadface" / "basic.json")):
        (tmp_path / sub).mkdir()
        shutil.copy(fixture, tmp_path / sub / "map.json")
    code, _, err = run(
        "convert", tmp_path / "a" / "map.json", tmp_path / "b" / "map.json", "--out-dir", tmp_path / "o"
    )
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["map-2.argdown", "map.argdown"]
