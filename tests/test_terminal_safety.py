"""Nothing a file holds reaches the teacher's terminal raw: ESC sequences, line breaks
and direction overrides in a map, a learner file's name or an AIF id are shown as
escapes, and file names that could pass for part of a message are quoted (issue 20).

Each attack below was printed raw before: it could clear the screen, set the window
title, or start a line that looks like one of argmap's own diagnostics or refusals.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from argmap.annotations import Annotations, dumps
from argmap.cli import main
from argmap.errors import Diagnostic
from argmap.model import ArgumentMap
from argmap.text import quoted, terminal_safe

ESC_TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
FORGED = "\nfake.argdown:1:1: error[syntax-error]: forged"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def assert_safe(text: str, *, prefixes: tuple[str, ...]) -> None:
    """No control character but line ends, and every line is argmap's own."""
    assert not any(ch < " " and ch != "\n" or "\x7f" <= ch <= "\x9f" for ch in text), repr(text)
    assert "\u202e" not in text
    for line in text.splitlines():
        assert line.startswith(prefixes), f"a line argmap did not write: {line!r}"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Ana" + CLEAR, "Ana\\e[2J"),
        ("x" + FORGED, "x\\nfake.argdown:1:1: error[syntax-error]: forged"),
        ("\u202eanA", "\\u202eanA"),
        ("A\u200bna", "A\\u200bna"),
        ("\x9b31m", "\\x9b31m"),
        ("Мария · 李小龙", "Мария · 李小龙"),
    ],
    ids=["esc", "line-break", "rtl-override", "zero-width", "c1-csi", "any-alphabet-kept"],
)
def test_terminal_safe_shows_what_would_act_on_a_terminal(text: str, shown: str) -> None:
    assert terminal_safe(text) == shown


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("out/russia-iran.ana-24d4b96f.annotations.json", "out/russia-iran.ana-24d4b96f.annotations.json"),
        ("ana.json: refused [x]: fine", "'ana.json: refused [x]: fine'"),
        ("a'b\\c", "'a\\'b\\\\c'"),
        ("a" + CLEAR, "'a\\e[2J'"),
        ("", "''"),
    ],
    ids=["plain", "looks-like-a-message", "quote-and-backslash", "esc", "empty"],
)
def test_quoted_names_cannot_pass_for_the_message(name: str, shown: str) -> None:
    assert quoted(name) == shown


def test_a_diagnostic_is_one_line_whatever_its_file_holds() -> None:
    d = Diagnostic("syntax-error", "bad" + FORGED + CLEAR, path="m" + FORGED, hint="h" + FORGED)
    lines = d.format().splitlines()
    assert len(lines) == 3 and lines[1].startswith("  hint: h") and lines[2].startswith("        ")
    assert "\x1b" not in d.format() and lines[0].startswith("'m\\nfake")


def test_check_shows_escape_sequences_in_a_map_as_escapes(tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text("Nothing like it.\n", encoding="utf-8")
    (tmp_path / "m.argdown").write_text(
        "===\nsource: src.txt\n===\n\n[T]: A thesis. #thesis\n"
        f'  + [R]: reason {{quote: "not{CLEAR} here"}}\n',
        encoding="utf-8",
    )
    code, out, err = run("check", str(tmp_path / "m.argdown"))
    assert code == 1 and "quote-not-in-source" in out and "\\e[2J" in out
    assert_safe(out, prefixes=(str(tmp_path), "  "))


def test_convert_warnings_show_an_aif_id_as_escapes(tmp_path: Path) -> None:
    aif = {
        "nodes": [
            {"nodeID": "1", "text": "A thesis", "type": "I"},
            {"nodeID": "2", "text": "A reason", "type": "I"},
            {"nodeID": "3", "text": "Default Inference", "type": "RA"},
        ],
        "edges": [
            {"edgeID": "e1", "fromID": "2", "toID": "3"},
            {"edgeID": "e2", "fromID": "3", "toID": "1"},
            {"edgeID": "e" + ESC_TITLE + FORGED, "fromID": "9" + CLEAR, "toID": "1"},
        ],
        "locutions": [],
    }
    src = tmp_path / "m.aif.json"
    src.write_text(json.dumps(aif), encoding="utf-8")
    code, _, err = run("convert", str(src), "-o", str(tmp_path / "m.argdown"))
    assert code == 0 and "dropped-element" in err
    assert_safe(err, prefixes=(str(tmp_path), "1 file", "wrote"))


def _learner_file(folder: Path, name: str, learner: str, m: ArgumentMap) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(dumps(Annotations.new(learner, m).with_judgement("[T]", "accept")))
    return path


def _tiny(tmp_path: Path) -> tuple[Path, ArgumentMap]:
    import argmap

    path = tmp_path / "tiny.argdown"
    path.write_text("[T]: A thesis. #thesis\n  + [R]: A reason.\n", encoding="utf-8")
    return path, argmap.load(path)


def test_collect_and_seminar_quote_a_learner_files_name(tmp_path: Path) -> None:
    map_path, m = _tiny(tmp_path)
    home = tmp_path / "home" / "ben"
    bad = home / f"x{ESC_TITLE}{FORGED}.annotations.json"
    bad.parent.mkdir(parents=True)
    bad.write_text("not json", encoding="utf-8")
    _learner_file(home, "tiny.ben.annotations.json", "Ben", m)
    code, _, err = run(
        "collect", str(tmp_path / "home"), "--into", str(tmp_path / "class"), "--map", str(map_path)
    )
    assert code == 1, err  # something was refused: not a clean run
    assert "refused [annotation-damaged]" in err and "\\e]0;pwned\\x07\\nfake.argdown" in err
    assert_safe(err, prefixes=("'", str(tmp_path), "1 learner file", "  "))

    code, _, err = run("seminar", "--map", str(map_path), str(bad), str(home / "tiny.ben.annotations.json"))
    assert code == 0, err
    assert_safe(err, prefixes=("'", str(tmp_path), "1 learner file"))


def test_check_json_escapes_c1_controls_and_direction_marks(tmp_path: Path) -> None:
    """JSON leaves C1 controls (0x9b begins a command on some terminals) and the
    marks that reorder text as they are; check --format json escapes them, and the
    escaped text still reads back as the same title."""
    title = "Gone\x9b2J \u202eevil"
    path = tmp_path / "m.argdown"
    path.write_text(f"[Thesis]: t. #thesis\n  <+ <{title}>\n", encoding="utf-8")
    code, out, _ = run("check", "--format", "json", str(path))
    assert "\x9b" not in out and "\u202e" not in out
    assert "\\u009b" in out and "\\u202e" in out
    messages = [d["message"] for f in json.loads(out)["files"] for d in f["diagnostics"]]
    assert any(title in m for m in messages)
