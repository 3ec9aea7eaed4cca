"""The picture for readers who do not see it well, or not at all (issue 16,
"Accessibility"): text contrast of 4.5 : 1 (WCAG AA) on white and on the fills it sits
on, and an SVG in the notebook with a role, a name, a description and titles that say
what each node, frame and line is."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.draw import theme
from argmap.draw.dot import describe, to_dot
from argmap.draw.scene import build_scene
from argmap.output.export import accessible_svg, pipe, svg_for_notebook

CASE = Path(__file__).resolve().parent.parent / "notebooks" / "russia-iran.argdown"
SVG = "{http://www.w3.org/2000/svg}"


def _luminance(colour: str) -> float:
    rgb = [int(colour.lstrip("#")[k : k + 2], 16) / 255 for k in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#D55E00", "#FFFFFF") == pytest.approx(3.87, abs=0.01)  # the 3.7 : 1 "but"


#: Every fill a text may sit on: white paper, the node fills, frames and sections.
FILLS = sorted(
    {"#FFFFFF", theme.FRAME_FILL, theme.SECTION_FILL, theme.BADGE_FILL}
    | {look.fill for look in theme.ROLES.values()}
    | {theme.ARGUMENT.fill, theme.JUNCTION.fill}
)
#: Every colour text is set in: ink, muted words, and each line's word.
TEXTS = {"ink": theme.INK, "muted": theme.MUTED} | {
    f"{kind.value} word": look.attrs()["fontcolor"] for kind, look in theme.EDGES.items()
}


@pytest.mark.parametrize("fill", FILLS)
@pytest.mark.parametrize("text", list(TEXTS), ids=list(TEXTS))
def test_text_meets_4_5_to_1_on_every_fill(text: str, fill: str) -> None:
    """Was: "because" in #009E73 at 3.2-3.4 : 1, "but" in #D55E00 at 3.7 : 1."""
    assert contrast(TEXTS[text], fill) >= 4.5


def test_lines_keep_the_okabe_ito_colours() -> None:
    """Only the words get darker: the lines keep the colour-blind-safe palette."""
    assert theme.EDGES[theme.EdgeKind.SUPPORT].color == theme.PALETTE["bluish-green"]
    assert theme.EDGES[theme.EdgeKind.ATTACK].color == theme.PALETTE["vermilion"]


@pytest.fixture(scope="module")
def case_svg() -> str:
    return svg_for_notebook(pipe(to_dot(argmap.load(CASE)), "svg"))


@pytest.mark.graphviz
def test_the_notebook_svg_has_a_role_a_name_and_a_description(case_svg: str) -> None:
    root = ET.fromstring(case_svg)
    assert root.get("role") == "img"
    title, desc = root[0], root[1]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert title.text == "Argument map: Convenience"
    assert desc.text is not None and desc.text.startswith("Thesis: Convenience; 8 lines of support")
    assert re.search(r"\d+ objections", desc.text) and re.search(r"\d+ pieces of evidence", desc.text)


@pytest.mark.graphviz
def test_titles_say_what_a_node_a_frame_and_a_line_is(case_svg: str) -> None:
    """Was: 128 titles such as "s0" and "cluster_a0_i0"."""
    root = ET.fromstring(case_svg)
    titles = {}
    for g in root.iter(f"{SVG}g"):
        t = g.find(f"{SVG}title")
        if t is not None:
            titles[g.get("id")] = t.text or ""
    assert titles["argmap-s0"] == "THESIS: Convenience"
    assert titles["argmap-cluster_a0_i0"] == "because: Driven by need"
    assert any(t.startswith("supports: ") and t.endswith("→ THESIS: Convenience") for t in titles.values())
    internal = [
        t for t in titles.values() if re.fullmatch(r"(cluster_\w+|s\d+|a\d+(_i\d+)?|key_\w+|argmap)", t)
    ]
    assert internal == []


@pytest.mark.graphviz
def test_widgets_still_find_nodes_by_id(case_svg: str) -> None:
    root = ET.fromstring(case_svg)
    ids = {g.get("id") for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()}
    assert {"argmap-s0", "argmap-a0_i0"} <= ids
    js = (Path(argmap.__file__).parent / "widgets" / "mapview.js").read_text(encoding="utf-8")
    assert 'id.startsWith("argmap-")' in js and ":scope > title" not in js


def test_description_counts_what_the_picture_shows() -> None:
    text = "[T]: the thesis #thesis\n  + [A]: a reason\n    + [E]: a fact #evidence\n  - [O]: no #objection\n"
    m = argmap.loads(text)
    assert describe(build_scene(m, detail="full")) == (
        "Argument map: T",
        "Thesis: T; 1 line of support, 1 piece of evidence, 1 objection",
    )


def test_user_text_in_the_name_stays_text() -> None:
    out = accessible_svg('<svg viewBox="0 0 1 1"><g/></svg>', 'A <script>alert("x")</script>', "d & e")
    root = ET.fromstring(out)
    assert root[0].text == 'A <script>alert("x")</script>' and root[1].text == "d & e"
    assert "<script" not in out
