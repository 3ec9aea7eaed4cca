"""Readable is a number, measured from the files a user gets.

On screen: the default picture of a map the size of the case study shows its
smallest text at 9 CSS px or more in a 900 px notebook column.  On paper:
``--page A4`` prints nothing below 7 pt (a map that does not fit is split over
pages).  Tried on the case study, on debate maps in other people's style (several
theses, sections, front matter; not the kit's case study) and on a generated map.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import argmap
from argmap.draw.style import PageOptions
from argmap.output.export import render
from measure import printed_sizes, screens, svg_smallest_px

pytestmark = pytest.mark.graphviz

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "notebooks" / "russia-iran.argdown"
DEBATES = sorted((ROOT / "tests" / "data" / "argdown-conformance").glob("debate-*.argdown"))


def _generated(n: int) -> argmap.ArgumentMap:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import make_map
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return argmap.loads(make_map(n, seed=3))


MAPS = {"case-study": lambda: argmap.load(CASE), "generated-60": lambda: _generated(60)} | {
    p.stem: (lambda p=p: argmap.load(p)) for p in DEBATES
}


@pytest.mark.parametrize("name", sorted(MAPS), ids=str)
def test_default_picture_reads_at_notebook_width(name: str) -> None:
    m = MAPS[name]()
    px = svg_smallest_px(render(m, "svg"))
    assert px >= 9.0, f"{name}: smallest text {px:.1f} px at 900 px wide"


def test_case_study_before_the_fit_was_unreadable() -> None:
    """The measure can fail: the whole case study with every piece of evidence, thesis
    on top, is far too wide for a notebook column."""
    m = argmap.load(CASE)
    assert svg_smallest_px(render(m, "svg", rankdir="BT", detail="full")) < 3.0


@pytest.mark.parametrize("name", ["case-study", "generated-60"], ids=str)
@pytest.mark.parametrize(
    "page", [PageOptions("A4"), PageOptions("Letter", "landscape")], ids=["a4", "letter-landscape"]
)
def test_page_prints_nothing_below_7_pt(name: str, page: PageOptions) -> None:
    pytest.importorskip("pypdf")
    m = MAPS[name]()
    sizes = printed_sizes(render(m, "pdf", page=page))
    assert sizes and min(sizes.values()) >= 7.0, {k: v for k, v in sizes.items() if v < 7.0}


def test_page_of_a_big_map_is_split_with_page_references() -> None:
    pytest.importorskip("pypdf")
    import io

    import pypdf

    pdf = render(argmap.load(CASE), "pdf", page=PageOptions("A4"))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    import re

    first = reader.pages[0].extract_text()
    pages = [int(n) for n in re.findall(r"continued on p\. (\d+)", first)]
    assert pages and all(1 < p <= len(reader.pages) for p in pages)


def test_readme_picture_is_the_case_study_overview_as_the_default_draws_it() -> None:
    """docs/case-study-map.svg (and the PNG the README shows) are the default picture
    of the current answer key: regenerate them with `argmap render` when the key changes.
    The case study is big, so the default picture is its overview: one screen, 11 px text."""
    import re

    shipped = (ROOT / "docs" / "case-study-map.svg").read_text(encoding="utf-8")
    fresh = render(argmap.load(CASE), "svg").decode("utf-8")

    def nodes(svg: str) -> set[str]:
        return set(re.findall(r'<g id="argmap&#45;([^"]+)" class="node', svg))

    assert nodes(shipped) == nodes(fresh)
    assert svg_smallest_px(shipped) >= 11.0
    assert screens(shipped) <= 1.0
