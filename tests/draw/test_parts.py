"""A line too big for one picture is drawn in parts (issue 16): each part reads at
notebook width, every box of the line is in a part, and each box cut off says which
part goes on from it and opens it.

The maps are written here, in three alphabets, with branches of several sizes; none
is one of the notebooks' examples."""

from __future__ import annotations

import html
import re

import pytest

import argmap
from argmap.draw.fit import context_map
from argmap.draw.parts import parts
from argmap.draw.scene import build_scene
from argmap.draw.view import overview
from argmap.output.pictures import draw
from maps import WORDS, big_line
from measure import screens, svg_smallest_px


@pytest.mark.graphviz
@pytest.mark.parametrize("alphabet", sorted(WORDS), ids=str)
def test_a_line_too_big_to_read_is_drawn_in_parts_that_each_read(alphabet: str) -> None:
    m = argmap.loads(big_line(alphabet=alphabet))
    pics = draw(m)
    assert pics.kind == "overview"
    big = [p for p in pics.lines if p.line is not None and p.line.title == "Big"]
    assert len(big) >= 2, [p.heading for p in pics.lines]
    n = len(big)
    assert [p.part.number for p in big if p.part is not None] == list(range(1, n + 1))
    assert big[0].heading.endswith(f"(part 1 of {n})")
    assert big[0].slug == big[0].line.slug  # the overview's box opens the first part
    for p in big:
        # each part reads: within the tolerance the picture's own note allows
        assert screens(p.svg) <= 1.5 * 1.25, (p.heading, screens(p.svg))
        assert svg_smallest_px(p.svg) >= 10 / 1.09, (p.heading, svg_smallest_px(p.svg))
    small = [p for p in pics.lines if p.line is not None and p.line.title == "Small"]
    assert len(small) == 1 and small[0].part is None and small[0].slug == small[0].line.slug


@pytest.mark.graphviz
def test_every_box_of_the_line_is_in_a_part_and_each_cut_box_opens_its_part() -> None:
    m = argmap.loads(big_line((6, 2, 5)))
    pics = draw(m)
    big = [p for p in pics.lines if p.line is not None and p.line.title == "Big"]
    assert len(big) >= 2
    ov = overview(m)
    shown = context_map(m, ov)
    drawn: set[str] = set()
    for p in big:
        assert p.view is not None
        drawn |= {n.ref.title for n in build_scene(shown, **p.view.scene_options()).nodes}
    members = {r.title for r in big[0].line.members}  # type: ignore[union-attr]
    assert members <= drawn, sorted(members - drawn)
    by_number = {p.part.number: p for p in big if p.part is not None}
    for p in big[1:]:
        assert p.part is not None
        parent = by_number[p.part.parent]
        svg = html.unescape(parent.svg_text)  # Graphviz writes "-" in attributes as &#45;
        # the box cut off in the part it was cut from: a link to this part, and words
        assert f"argmap-opens-{p.slug}" in svg and f'href="#argmap-{p.slug}"' in svg, p.slug
        assert f"in part {p.part.number}" in svg
        # the part's own context box leads back
        assert f"argmap-opens-{parent.slug}" in html.unescape(p.svg_text)


def test_parts_are_planned_from_estimates_without_graphviz() -> None:
    """Pure: the plan needs no layout, cuts only what is too big, and numbers the parts
    in the order their boxes are cut (each part's cut boxes name later parts)."""
    m = argmap.loads(big_line())
    ov = overview(m)
    big = next(x for x in ov.lines if x.title == "Big")
    stop = tuple(t.ref.title for t in ov.tops)
    split = parts(context_map(m, ov), big.focus, stop)
    assert len(split) >= 2
    assert split[0].parent == 0 and split[0].root.title == "Big"
    for p in split:
        for title, k in p.opens:
            assert k > p.number and split[k - 1].root.title == title and split[k - 1].parent == p.number
    small = next(x for x in ov.lines if x.title == "Small")
    assert len(parts(context_map(m, ov), small.focus, stop)) == 1


@pytest.mark.graphviz
def test_the_widget_opens_a_part_from_its_box() -> None:
    pytest.importorskip("anywidget")
    from argmap.widgets.overview import MapOverview

    pics = draw(argmap.loads(big_line()))
    widget = MapOverview.from_pictures(pics)
    slugs = [x["slug"] for x in widget.lines]
    assert len(slugs) == len(set(slugs))
    second = next(s for s in slugs if re.fullmatch(r"line-\d\d-2", s))
    entry = next(x for x in widget.lines if x["slug"] == second)
    assert entry["name"] == "part 2" and entry["label"].startswith("Open part 2")
    widget.line = second  # a known slug: accepted
    assert widget.line == second


def test_a_cycle_or_a_shared_box_is_drawn_in_one_part_only() -> None:
    """A support cycle leading back to the line's box (Argdown allows one, with a
    warning) and a box two branches share: each part starts from a box of its own,
    and a box another part starts from is cut there, not drawn again."""
    text = big_line() + "\n[B1.1.a]\n  + [Big]\n\n[B3.2.b]\n  + [B2.1]\n"
    m = argmap.loads(text)
    ov = overview(m)
    big = next(x for x in ov.lines if x.title == "Big")
    stop = tuple(t.ref.title for t in ov.tops)
    split = parts(context_map(m, ov), big.focus, stop)
    roots = [p.root for p in split]
    assert len(roots) == len(set(roots)) and 2 <= len(split) <= 24, [r.title for r in roots]
    numbers = {p.root.title: p.number for p in split}
    for p in split:
        for title, k in p.opens:
            assert numbers[title] == k  # a link always leads to the part that starts there


@pytest.mark.graphviz
def test_render_lines_writes_a_file_per_part_whose_boxes_link_to_each_other(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``argmap render MAP --lines DIR``: a file per part, and in the files a box's link
    leads to the file of the line or part it opens (a link to a panel would lead nowhere)."""
    import io

    from argmap.cli import main

    source = tmp_path / "big.argdown"
    source.write_text(big_line(), encoding="utf-8")
    out = tmp_path / "lines"
    err = io.StringIO()
    assert main(["render", str(source), "--lines", str(out)], io.StringIO(), err) == 0, err.getvalue()
    files = {f.name for f in out.iterdir()}
    assert {"overview.svg", "line-01.svg", "line-02.svg", "line-02-2.svg", "key.svg"} <= files
    for name in files:
        svg = (out / name).read_text(encoding="utf-8")
        assert "#argmap" not in svg, name
        for target in re.findall(r'href="([^"]+)"', svg):
            assert target in files, (name, target)
    assert 'href="line-02-2.svg"' in (out / "line-02.svg").read_text(encoding="utf-8")
