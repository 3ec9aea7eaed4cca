"""The class view on screen: the overview with the class's counts on each line, each
line with the counts on every node, every tally readable at notebook width."""

from __future__ import annotations

import html
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

import argmap
from argmap.annotations import Annotations
from argmap.classroom.seminar import ClassView, class_view
from argmap.draw.view import overview
from argmap.model import ArgumentMap
from argmap.text import count
from conftest import DotRuns
from maps import debate
from measure import printed_sizes, screens, svg_smallest_px

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "notebooks" / "russia-iran.argdown"


def generated_class(m: ArgumentMap, n: int = 30, seed: int = 3) -> list[Annotations]:
    """``n`` learners who judge most statements and some inferences, flag a few nodes
    and add an objection now and then (the same class for the same seed)."""
    rng = random.Random(seed)
    base = Annotations.new("x", m)
    statements = [f"[{s.title}]" for s in m.statements]
    out = []
    for k in range(n):
        a = replace(base, learner=f"Learner {k:02d}", id=f"{k:016x}")
        for key in statements:
            if rng.random() < 0.8:
                a = a.with_judgement(key, rng.choice(["accept", "accept", "doubt", "reject"]))
        for arg in m.arguments:
            if rng.random() < 0.5:
                a = a.with_judgement(f"<{arg.title}>", rng.choice(["strong", "weak", "none"]))
        if k % 7 == 0:
            a = a.with_added("objection", rng.choice(statements), f"objection of learner {k}")
        out.append(a)
    return out


@pytest.fixture(scope="module")
def case_view() -> ClassView:
    m = argmap.load(CASE)
    return class_view(m, generated_class(m))


def texts(svg: str | bytes) -> str:
    """The words of an SVG in one line (a label wrapped over lines reads as one)."""
    raw = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    return " ".join(html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", raw))


# -- what the overview's boxes say (no Graphviz) ----------------------------------------------


def test_each_line_box_gets_its_own_claims_counts_and_where_the_class_splits(case_view: ClassView) -> None:
    marks = case_view.marks()
    ov = overview(case_view.map)
    assert set(marks) >= {x.slug for x in ov.lines}
    for line in ov.lines:
        note = marks[line.slug].note.split("\n")
        root = [t for t in case_view.tallies if t.title == line.ref.title and t.judged][-1]
        assert note[0] == root.bar(), line.title
        judged = [t for t in case_view.tallies if t.judged and t.title in {r.title for r in line.members}]
        split = sum(1 for t in judged if t.state == "SPLIT")
        assert note[1] == (f"{split} of {count(len(judged), 'node')} split" if split else "no node split")
    thesis = case_view.map.theses[0].title
    assert marks[thesis].note.startswith(case_view.tally(thesis).bar())


def test_a_line_nobody_judged_says_so() -> None:
    m = argmap.load(CASE)
    view = class_view(m, [Annotations.new("Ana", m).with_judgement("[Convenience]", "accept")])
    marks = view.marks()
    assert all(marks[x.slug].note == "not judged" for x in overview(m).lines)
    assert marks["Convenience"].note == "✓ 1 · ? 0 · ✗ 0"


# -- on screen ------------------------------------------------------------------------------------


@pytest.mark.graphviz
def test_the_overview_is_one_screen_every_tally_readable_and_names_the_thesis_tally(
    case_view: ClassView, dot_runs: DotRuns
) -> None:
    svg = case_view.to_svg()
    assert dot_runs.count <= 2  # a second run only for an overview measured too big
    assert screens(svg) <= 1.0 and svg_smallest_px(svg) >= 11.0  # was 4.8 screens at 6.5 px
    words = texts(svg)
    thesis = case_view.map.theses[0].title
    assert case_view.tally(thesis).bar() in words
    for line in overview(case_view.map).lines:
        assert case_view.marks()[line.slug].note.split("\n")[0] in words, line.title


@pytest.mark.graphviz
def test_each_line_view_carries_the_counts_on_its_nodes_readably(
    case_view: ClassView, dot_runs: DotRuns
) -> None:
    pics = case_view.pictures()
    assert pics.kind == "overview" and dot_runs.count <= 2
    assert len(pics.lines) == len(overview(case_view.map).lines)
    for p in pics.pictures:
        assert svg_smallest_px(p.svg) >= 10.0, p.heading
    for p in pics.lines:
        assert p.line is not None
        assert "✓" in texts(p.svg) or "strong" in texts(p.svg), p.heading
        root = case_view.marks()[p.line.slug].note.split("\n")[0]
        assert root in texts(p.svg), p.heading  # the line's own counts, as on its box
    assert pics.key is not None and "Class view: 30 learners" in texts(pics.key.svg)


@pytest.mark.graphviz
def test_the_notebook_shows_the_overview_then_each_line_in_a_panel(case_view: ClassView) -> None:
    bundle = case_view._repr_mimebundle_()
    page = bundle["text/html"]
    assert bundle["text/plain"] == case_view.summary()
    first_svg, first_panel = page.index("<svg"), page.index('<details class="argmap-line"')
    assert first_svg < first_panel
    for line in overview(case_view.map).lines:
        assert f'id="argmap-{line.slug}"' in page
    assert page.count('<details class="argmap-line"') == len(overview(case_view.map).lines) + 1  # + key
    assert "The class view as a table" in page and "Learner 00" not in page.split("<details")[0]


@pytest.mark.graphviz
@pytest.mark.parametrize("ext", ["svg", "png"], ids=["svg", "png"])
def test_render_writes_the_overview(case_view: ClassView, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"class.{ext}"
    data = case_view.render(out)
    assert out.read_bytes() == data
    if ext == "svg":
        assert 'class="graph argmap argmap-overview"' in html.unescape(data.decode("utf-8"))
        assert screens(data) <= 1.0
    else:
        assert data.startswith(b"\x89PNG")


@pytest.mark.graphviz
def test_a_focused_class_view_draws_that_part_with_its_counts(case_view: ClassView) -> None:
    """``view.to_svg(focus=…)`` draws the view from that node with the class's counts
    (it raised a TypeError: the overview's marks went on to the focused view)."""
    svg = case_view.to_svg(focus="[Treaty]")
    words = texts(svg)
    assert "Treaty" in words and "Overview" not in words
    assert re.search(r"✓ \d+ · \? \d+ · ✗ \d+", words), words[:300]  # the class's tally on a node
    assert screens(svg) <= 1.5 * 1.25


@pytest.mark.graphviz
def test_render_lines_writes_every_picture_in_one_run(
    case_view: ClassView, tmp_path: Path, dot_runs: DotRuns
) -> None:
    written = case_view.render_lines(tmp_path / "class")
    n = len(overview(case_view.map).lines)
    assert [p.name for p in written] == [
        "overview.svg",
        *[f"line-{k:02d}.svg" for k in range(1, n + 1)],
        "key.svg",
    ]
    assert dot_runs.count == 1
    with pytest.raises(ValueError, match="valid: svg, png, pdf"):
        case_view.render_lines(tmp_path / "x", "dot")


@pytest.mark.graphviz
def test_a_small_map_is_shown_whole_with_its_counts(dot_runs: DotRuns) -> None:
    m = argmap.loads("[T]: The thesis. #thesis\n  + [R]: A reason.\n  - [O]: An objection. #objection\n")
    view = class_view(
        m,
        [
            Annotations.new("Ana", m).with_judgement("[T]", "accept"),
            Annotations.new("Ben", m).with_judgement("[T]", "reject"),
        ],
    )
    pics = view.pictures()
    assert pics.kind == "whole" and dot_runs.count == 1
    assert "✓ 1 · ? 0 · ✗ 1" in texts(pics.main.svg) and "⇅ split" in texts(pics.main.svg)
    assert "Class view: 2 learners" in texts(pics.main.svg)


@pytest.fixture(scope="module")
def debate_view() -> ClassView:
    m = argmap.loads(debate())
    return class_view(m, generated_class(m, 12, seed=5))


@pytest.mark.graphviz
def test_a_150_statement_debate_class_view_reads(debate_view: ClassView, dot_runs: DotRuns) -> None:
    pics = debate_view.pictures()
    assert pics.kind == "overview" and dot_runs.count <= 2
    assert svg_smallest_px(pics.main.svg) >= 11.0
    assert debate_view.tally(debate_view.map.theses[0].title).bar() in texts(pics.main.svg)
    for p in pics.pictures:
        assert svg_smallest_px(p.svg) >= 10.0, p.heading


@pytest.mark.graphviz
def test_a_150_statement_debate_class_overview_is_one_screen(debate_view: ClassView) -> None:
    assert screens(debate_view.to_svg()) <= 1.0


def test_the_example_class_prints_on_a4_landscape(tmp_path: Path) -> None:
    """Notebook 09 prints the example class's view on A4 landscape: its overview must
    fit page 1 under the title with its page references (it printed at 6.8 pt)."""
    from argmap.classroom.collect import learner_files
    from argmap.classroom.seminar import class_view
    from argmap.draw.style import PageOptions

    root = Path(__file__).resolve().parents[1]
    key = argmap.load(root / "notebooks" / "russia-iran.argdown")
    view = class_view(key, learner_files(root / "examples" / "seminar"))
    pdf = view.render(tmp_path / "class.pdf", page=PageOptions("A4", "landscape"))
    sizes = printed_sizes(pdf)
    assert sizes and min(sizes.values()) >= 7.0
