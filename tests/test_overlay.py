"""The overlay of a learner's annotations on a drawn map (``argmap render
--annotations FILE``): the weighing reaches the picture.  A verdict on the thesis
with its reason is written under the thesis, each objection's strength under the
objection, in words (never colour alone), in the SVG and in the printed PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap import annotations as ann_mod
from argmap.cli import main
from argmap.judge.overlay import annotated, weighing_words

graphviz = pytest.mark.graphviz
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) missing")

_SVG = "{http://www.w3.org/2000/svg}"

# A small map written for these tests (not the case study): a thesis, an argument
# for it, two objections and a rebuttal.
MAP = """\
[Car-free]: The town should close its centre to cars on Saturdays. #thesis

<Quieter streets>

(1) Fewer cars make streets quieter.
(2) Quieter streets bring shoppers back.
----
(3) [Car-free]

[Car-free]
  - [Shops lose]: Shops lose customers who drive in from villages.
  - [Buses slow]: Buses would be rerouted and run late.
    - [Bus lane]: A bus lane through the centre keeps buses on time.
"""

REASON = "Shops matter more than the quiet; the village buses are rare."

HOSTILE = (
    "<script>alert('x')</script> &amp; <b>bold</b> \u202edesrever " + "مرحبا بالعالم " + "and so on " * 500
)


def _files(tmp_path: Path, reason: str) -> tuple[Path, Path]:
    case = tmp_path / "car-free.argdown"
    case.write_text(MAP, encoding="utf-8")
    m = argmap.load(case)
    a = (
        ann_mod.Annotations.new("Ana", m)
        .with_verdict("[Car-free]", "contested", reason)
        .with_strength("[Shops lose]", "strong")
        .with_strength("[Buses slow]", "weak")
        .with_judgement("[Bus lane]", "accept")
    )
    file = tmp_path / "ana.annotations.json"
    ann_mod.save(file, a)
    return case, file


def _render(case: Path, file: Path, out: Path) -> None:
    err = io.StringIO()
    code = main(["render", str(case), "--annotations", str(file), "-o", str(out)], io.StringIO(), err)
    assert code == 0, err.getvalue()


def _node_texts(svg: Path) -> dict[str, str]:
    """Each drawn node's text (its lines joined by spaces), by the node's title line."""
    root = ET.parse(svg).getroot()
    out: dict[str, str] = {}
    for g in root.iter(f"{_SVG}g"):
        if "node" not in (g.get("class") or "").split():
            continue
        words = " ".join(t.text or "" for t in g.iter(f"{_SVG}text"))
        for title in ("Car-free", "Shops lose", "Buses slow", "Bus lane"):
            if f" {title} " in f" {words} ":
                out[title] = words
    return out


def _pdf_text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def test_weighing_words_say_the_verdict_its_reason_and_the_strength() -> None:
    a = ann_mod.NodeAnnotation(verdict="refuted", reason="  two\nlines ", strength="none")
    assert weighing_words(a) == "verdict: refuted · weighs: none"  # the handout's words
    assert weighing_words(a, reason_chars=40) == "verdict: refuted · reason: “two lines” · weighs: none"
    assert weighing_words(ann_mod.NodeAnnotation(judgement="accept")) == ""


def test_the_overlay_styles_carry_the_weighing(tmp_path: Path) -> None:
    case, file = _files(tmp_path, REASON)
    _, styles = annotated(argmap.load(case), ann_mod.load(file, argmap.load(case)))
    assert styles["Car-free"].note == f"verdict: contested · reason: “{REASON}”"
    assert styles["Shops lose"].note == "weighs: strong"
    assert styles["Buses slow"].note == "weighs: weak"
    assert styles["Bus lane"].note == "" and styles["Bus lane"].mark == "✓ accepted"


@graphviz
def test_render_annotations_svg_shows_the_verdict_reason_and_strengths(tmp_path: Path) -> None:
    case, file = _files(tmp_path, REASON)
    out = tmp_path / "map.svg"
    _render(case, file, out)
    nodes = _node_texts(out)
    assert f"verdict: contested · reason: “{REASON}”" in nodes["Car-free"]
    assert "weighs: strong" in nodes["Shops lose"] and "weighs" not in nodes["Buses slow"].replace(
        "weighs: weak", ""
    )
    assert "weighs: weak" in nodes["Buses slow"]
    assert "verdict" not in nodes["Shops lose"] + nodes["Buses slow"] + nodes["Bus lane"]


@graphviz
@needs_poppler
def test_render_annotations_pdf_shows_the_verdict_reason_and_strengths(tmp_path: Path) -> None:
    case, file = _files(tmp_path, REASON)
    out = tmp_path / "map.pdf"
    _render(case, file, out)
    text = _pdf_text(out)
    assert f"verdict: contested · reason: “{REASON}”" in text
    assert "weighs: strong" in text and "weighs: weak" in text
    assert "learner: Ana" in text


@graphviz
def test_a_hostile_reason_is_shown_literally_and_shortened(tmp_path: Path) -> None:
    """Markup in a reason is text, not markup; 5,000 characters are cut to a few lines
    ending in "…"; a direction control is dropped and the right-to-left words are
    isolated, so they cannot reorder the verdict written before them."""
    case, file = _files(tmp_path, HOSTILE)
    out = tmp_path / "map.svg"
    _render(case, file, out)
    root = ET.parse(out).getroot()
    assert not [e for e in root.iter() if e.tag in (f"{_SVG}script", f"{_SVG}b", "script", "b")]
    thesis = _node_texts(out)["Car-free"]
    assert "reason: “\u2068<script>alert('x')</script> &amp; <b>bold</b> desrever مرحبا بالعالم" in thesis
    assert "\u202e" not in out.read_text(encoding="utf-8")
    said = thesis[thesis.index("verdict:") :]
    assert said.endswith("…\u2069”") and len(said) < 200
    assert "verdict: contested" in said  # before the reason, in the order written


@graphviz
@needs_poppler
def test_a_hostile_reason_prints_literally_and_shortened(tmp_path: Path) -> None:
    case, file = _files(tmp_path, HOSTILE)
    out = tmp_path / "map.pdf"
    _render(case, file, out)
    text = _pdf_text(out)
    assert "<script>alert('x')</script> &amp; <b>bold</b>" in text
    assert "\u202e" not in text
    assert text.count("and so on") < 20


def test_the_live_map_badges_carry_the_verdict_and_strengths(tmp_path: Path) -> None:
    """The workbench's map has no line under a node: its badge says the weighing, in words."""
    from argmap.judge.overlay import node_looks, svg_styles
    from argmap.model import NodeRef

    case, file = _files(tmp_path, REASON)
    m = argmap.load(case)
    ann = ann_mod.load(file, m).with_flag("[Shops lose]", "needs-evidence")
    looks = node_looks(m, ann, weighing=True)
    marks = {ref.title: look.mark for ref, look in looks.items()}
    assert marks["Car-free"] == "verdict: contested"
    assert marks["Shops lose"] == "⚑1 · weighs: strong"
    assert marks["Buses slow"] == "weighs: weak"
    assert marks["Bus lane"] == "✓ accepted"
    styles = svg_styles(looks, {NodeRef.statement("Buses slow"): ["s3"]})
    assert styles["s3"]["mark"] == "weighs: weak"
    # a printout writes the weighing under the node, so its badge stays the judgement
    assert "Buses slow" not in {ref.title for ref in node_looks(m, ann)}


def test_a_judged_node_says_its_judgement_then_its_weighing(tmp_path: Path) -> None:
    from argmap.judge.overlay import node_looks

    case, file = _files(tmp_path, REASON)
    m = argmap.load(case)
    ann = ann_mod.load(file, m).with_judgement("[Shops lose]", "doubt")
    ann = ann.with_note("[Shops lose]", "which shops?")
    marks = {ref.title: look.mark for ref, look in node_looks(m, ann, weighing=True).items()}
    assert marks["Shops lose"] == "? doubted ✎ · weighs: strong"
