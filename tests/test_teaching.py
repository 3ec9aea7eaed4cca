"""The helpers the teaching notebooks use: texts, quotes, steps, focus, PDFs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import argmap
from argmap import ArgumentMap
from argmap.checking.source import Source
from argmap.classroom.teaching import (
    export_pdf,
    focus,
    lines_of_support,
    paragraph_of,
    review,
    save_text,
    show_quotes,
    show_text,
    source_of,
    step,
    steps,
)
from argmap.errors import UnsafePathError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CASE = NOTEBOOKS / "russia-iran.argdown"
OPED = NOTEBOOKS / "russia-iran-oped.txt"

SMALL = """===
source: t.txt
===

[T]: Tea beats coffee. #thesis
  + <Taste>

<Taste>: It tastes better.

(1) [Nicer]: Tea is nicer.
(2) [Taste counts]: Taste decides. #assumption
----
(3) [T]

[Nicer]
  + [Said so]: The author says so. #evidence {quote: "Tea is <nicer> & calmer"}
  - [Bitter]: Some tea is bitter. #objection
    - [Brew less]: Brew it shorter. #rebuttal
"""


@pytest.fixture(scope="module")
def case() -> ArgumentMap:
    return argmap.load(CASE)


@pytest.fixture()
def small(tmp_path: Path) -> ArgumentMap:
    (tmp_path / "t.txt").write_text("Intro.\n\nTea is <nicer> & calmer.\n\nEnd.", encoding="utf-8")
    path = tmp_path / "small.argdown"
    path.write_text(SMALL, encoding="utf-8")
    return argmap.load(path)


# -- texts and quotes ----------------------------------------------------------------------


def test_show_text_numbers_paragraphs_as_the_source_counts_them() -> None:
    view = show_text(OPED)
    lines = view.text.splitlines()
    assert len(lines) == len(Source.from_path(OPED).paragraphs) == 21
    assert lines[3] == "¶ 4  Historical mistrust between Russia and Iran"  # a heading is a paragraph
    assert lines[19].startswith("¶ 20  The Russia-Iran relationship is, at its core")
    assert view.html.count("<p data-paragraph=") == 21


def test_show_text_selects_paragraphs_and_refuses_missing_ones() -> None:
    view = show_text(OPED, [20, 1])
    assert [line.split()[1] for line in view.text.splitlines()] == ["1", "20"]
    assert view.html.count("<p data-paragraph=") == 2
    with pytest.raises(ValueError, match="paragraphs 1 to 21, not \\[22\\]"):
        show_text(OPED, [22])


def test_show_text_escapes_the_text() -> None:
    view = show_text(Source('<script>alert(1)</script> & "x"', "t.txt"))
    assert "<script>" not in view.html
    assert "&lt;script&gt;" in view.html
    assert view._repr_mimebundle_()["text/plain"] == view.text


def test_show_quotes_lists_each_quote_with_its_paragraph_and_highlights_it(case: ArgumentMap) -> None:
    view = show_quotes(case, ["History suggests", "Sanctions"], source=OPED)
    assert view.text.splitlines() == [
        "[Sanctions] ¶ 2: “Both Russia and Iran are reeling under heavy international sanctions”",
        "[History suggests] ¶ 20: “History suggests that when external pressures decrease, the cracks in "
        "such alliances often turn into fault lines.”",
    ]
    assert view.html.count("<p data-paragraph=") == 2  # only the paragraphs that hold a quote
    assert '<mark data-title="Sanctions"' in view.html


def test_show_quotes_reads_the_maps_own_source_and_escapes(small: ArgumentMap) -> None:
    view = show_quotes(small)  # the source named in the front matter
    assert view.text == "[Said so] ¶ 2: “Tea is <nicer> & calmer”"
    assert "Tea is &lt;nicer&gt; &amp; calmer" in view.html
    assert "<nicer>" not in view.html
    assert show_quotes(small, whole_text=True).html.count("<p data-paragraph=") == 3


def test_show_quotes_refuses_a_statement_without_a_quote(case: ArgumentMap) -> None:
    with pytest.raises(ValueError, match=r"\[Either-or\] quotes nothing"):
        show_quotes(case, ["Either-or"], source=OPED)
    with pytest.raises(ValueError, match="did you mean 'Sanctions'"):
        show_quotes(case, ["Sanctionz"], source=OPED)


def test_paragraph_of_comes_from_the_anchor(case: ArgumentMap) -> None:
    assert paragraph_of(case, "Convenience") == 20
    assert paragraph_of(case, "Malashenko") == 18
    with pytest.raises(ValueError, match="no quote anchored"):
        paragraph_of(case, "Either-or")


def test_source_of_names_the_problem(tmp_path: Path) -> None:
    m = argmap.check_text("===\nsource: missing.txt\n===\n\n[T]: x #thesis", base_dir=tmp_path).map
    with pytest.raises(argmap.ArgmapError, match="missing.txt does not exist"):
        source_of(m, tmp_path)
    with pytest.raises(argmap.ArgmapError, match="names no source"):
        source_of(argmap.loads("[T]: x #thesis"))


# -- steps and focus --------------------------------------------------------------------------


def test_step_draws_an_argument_before_its_assumption_is_added(small: ArgumentMap) -> None:
    before = step(small, ["T", "Nicer"])
    (arg,) = before.arguments
    assert [i.premises for i in arg.inferences] == [("Nicer",)]
    after = step(small, ["T", "Nicer", "Taste counts"])
    assert [i.premises for i in after.arguments[0].inferences] == [("Nicer", "Taste counts")]
    assert step(small, ["T"]).arguments == ()  # no premise yet: no argument


def test_steps_accumulate_and_end_with_the_whole_map(small: ArgumentMap) -> None:
    order = [["T"], ["Nicer"], ["Said so"], ["Taste counts"], ["Bitter", "Brew less"]]
    maps = steps(small, order)
    assert [len(m.statements) for m in maps] == [1, 2, 3, 4, 6]
    assert maps[-1].statements == small.statements
    assert maps[-1].relations == small.relations
    with pytest.raises(ValueError, match="did you mean 'Nicer'"):
        step(small, ["Nicerr"])


def test_focus_on_a_line_of_support_keeps_what_hangs_below_it(case: ArgumentMap) -> None:
    part = focus(case, "Experts agree")
    assert {s.title for s in part.statements} == {
        "Convenience",
        "Analysts' verdict",
        "Experts reliable",
        "Malashenko",
        "Esfandiary",
        "Two hand-picked voices",
    }
    assert [a.title for a in part.arguments] == ["Experts agree"]
    assert {r.kind.value for r in part.relations} == {"support", "attack"}  # the objection meets the bridge
    assert "Treaty" not in {s.title for s in part.statements}  # above the line, not below it


def test_focus_depth_limits_and_statement_focus(small: ArgumentMap) -> None:
    assert {s.title for s in focus(small, "Nicer").statements} == {"Nicer", "Said so", "Bitter", "Brew less"}
    assert {s.title for s in focus(small, "Nicer", depth=1).statements} == {"Nicer", "Said so", "Bitter"}
    with pytest.raises(ValueError, match="depth"):
        focus(small, "Nicer", depth=-1)


# -- files ------------------------------------------------------------------------------------


@pytest.mark.graphviz
def test_export_pdf_writes_inside_the_folder_and_links_relatively(small: ArgumentMap, tmp_path: Path) -> None:
    view = export_pdf(small, "out/small.pdf", base_dir=tmp_path)
    assert (tmp_path / "out" / "small.pdf").read_bytes().startswith(b"%PDF")
    assert view.text.startswith("PDF written: out/small.pdf (")
    assert 'href="out/small.pdf"' in view.html
    assert str(tmp_path) not in view.text + view.html


@pytest.mark.parametrize(
    "name",
    ["../escape.pdf", "/tmp/abs.pdf", "out/../../x.pdf"],
    ids=["parent", "absolute", "sneaky"],
)
def test_export_pdf_refuses_names_that_leave_the_folder(
    small: ArgumentMap, tmp_path: Path, name: str
) -> None:
    with pytest.raises(UnsafePathError):
        export_pdf(small, name, base_dir=tmp_path / "nb")


def test_export_pdf_wants_a_pdf_name(small: ArgumentMap, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="must end in .pdf"):
        export_pdf(small, "out/map.svg", base_dir=tmp_path)


def test_save_text_writes_utf8_beside_the_notebook_and_returns_its_source(tmp_path: Path) -> None:
    src = save_text("Über alles.\n\nZwei.", "pasted.txt", base_dir=tmp_path)
    assert (tmp_path / "pasted.txt").read_text(encoding="utf-8") == "Über alles.\n\nZwei."
    assert src.name == "pasted.txt" and len(src.paragraphs) == 2
    with pytest.raises(ValueError, match="empty"):
        save_text("  \n", "p.txt", base_dir=tmp_path)
    with pytest.raises(UnsafePathError):
        save_text("x", "../p.txt", base_dir=tmp_path)
    with pytest.raises(UnsafePathError, match=".txt"):
        save_text("x", "notes.py", base_dir=tmp_path)
    assert sorted(os.listdir(tmp_path)) == ["pasted.txt"]  # no temporary files left


# -- the checklist ------------------------------------------------------------------------------


def test_review_passes_the_answer_key(case: ArgumentMap) -> None:
    lines = review(case).text.splitlines()
    assert all(line.startswith("ok") for line in lines), lines
    assert lines[0] == "ok     one thesis: [Convenience] (¶ 20)"
    assert lines[1] == "ok     8 lines of support for the thesis"


def test_review_names_what_is_missing(small: ArgumentMap) -> None:
    bare = step(small, ["T", "Nicer", "Said so"])
    text = review(bare).text
    assert "to do  give the thesis at least two lines of support" in text
    assert "(no assumption yet in: Taste)" in text
    assert "to do  raise at least one objection" in text
    assert "<pre" in review(argmap.loads("[<b>]: x #thesis")).html
    assert "<b>" not in review(argmap.loads("[<b>]: x #thesis")).html.replace("<pre", "")


def test_lines_of_support_of_the_answer_key(case: ArgumentMap) -> None:
    lines = lines_of_support(case)
    assert len(lines) == 8  # the prediction is a second conclusion, not a line of support
    syria = next(line for line in lines if line.argument == "Syria")
    assert syria.reasons == ("Syria divergence",)
    assert syria.assumptions == ("Allies shield each other",)  # its own bridge premise
    assert syria.evidence[0] == "Both backed Assad" and "Did nothing in 2024" in syria.evidence
    assert "Not forgiven" not in syria.evidence  # an unsourced assertion is not evidence
    assert all(line.evidence and line.assumptions for line in lines)
    with pytest.raises(ValueError, match="no single thesis"):
        lines_of_support(argmap.check_text("[A]: a").map)


def test_review_counts_in_the_right_number() -> None:
    """One of a thing is said in the singular ("1 objection", not "1 objections")."""
    one_each = argmap.loads(
        "[T]: Cats are lazy. #thesis\n"
        "  <+ <Sleep>\n"
        "  <+ <Nap>\n"
        "  - [Hunt]: Cats hunt at night. #objection\n"
        "    - [Tired]: Hunting is why they sleep. #rebuttal\n"
        "\n<Sleep>\n\n(1) [Slept]: Cats sleep all day. #evidence\n"
        "(2) [Rule]: Sleepers are lazy. #assumption\n"
        "----\n(3) [T]\n"
        "\n<Nap>\n\n(1) [Naps]: Cats nap. #evidence\n(2) [Rule]\n----\n(3) [T]\n"
    )
    text = review(one_each).text
    assert "2 lines of support" in text
    assert "1 unstated assumption;" in text
    assert "1 objection " in text and "1 objections" not in text
    assert "1 rebuttal" in text and "1 rebuttals" not in text
    two = argmap.loads("[T]: x. #thesis\n  <+ [A]: a.\n  - [O]: o. #objection\n  - [P]: p. #objection\n")
    assert "2 objections" in review(two).text
