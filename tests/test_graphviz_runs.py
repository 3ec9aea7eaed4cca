"""Each picture costs one Graphviz layout, two at most (DESIGN.md budgets; issue 16).

The ``dot_runs`` fixture puts a counting ``dot`` first on PATH.  Each test draws one
map one way (``export.render``, the notebook display, the command line, an A4
print) and asserts at most two runs per picture it got.  The maps are the case
study and maps the kit was not written around (``tests/maps.py``).

Cases that fail today are marked ``xfail(strict=True)``: the moment one passes,
it fails as XPASS, and its mark is to be taken off.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

import argmap
import maps
from argmap.cli import main
from argmap.draw.style import PageOptions
from argmap.notebook import display_bundle
from argmap.output.export import pipe, render

pytestmark = pytest.mark.graphviz

CASE_STUDY = Path(__file__).resolve().parent.parent / "notebooks" / "russia-iran.argdown"

#: At most this many ``dot`` runs per picture.
PER_PICTURE = 2

_FIXING = "issue 16: one layout per picture — being fixed"


def _xfail(reason: str = _FIXING) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


#: name → Argdown text (the case study is read from its file, with its source text).
MAPS: dict[str, Callable[[], str]] = {
    "case-study": lambda: CASE_STUDY.read_text(encoding="utf-8"),
    "debate-150": maps.debate,
    "reasons-40": maps.many_reasons,
    "reasons-40-german": lambda: maps.many_reasons(40, alphabet="german-compounds"),
    "no-thesis": maps.no_thesis_debate,
    "sized-200": lambda: maps.sized(200),
    "sized-250": lambda: maps.sized(250),
}


def _load(name: str) -> argmap.ArgumentMap:
    if name == "case-study":
        return argmap.load(CASE_STUDY)
    return argmap.loads(MAPS[name]())


def _cases(xfails: dict[str, str]) -> list[object]:
    """One param per map, ``xfail`` where named (name → the counts seen when marked)."""
    return [
        pytest.param(name, id=name, marks=_xfail(f"{_FIXING} ({xfails[name]})") if name in xfails else ())
        for name in MAPS
    ]


# -- the instruments -------------------------------------------------------------------


def test_the_counter_counts_each_dot_run(dot_runs) -> None:
    pipe("digraph { a -> b }", "svg")
    pipe("digraph { c }", "svg")
    assert dot_runs.count == 2
    assert dot_runs.calls == ["-Tsvg", "-Tsvg"]
    dot_runs.reset()
    assert dot_runs.count == 0


@pytest.mark.parametrize(
    "name,statements",
    [
        ("debate-150", 150),
        ("reasons-40", 41),
        ("reasons-40-german", 41),
        ("no-thesis", 9),
        ("sized-200", 200),
        ("sized-250", 250),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_generated_maps_load_without_errors(name: str, statements: int) -> None:
    report = argmap.check_text(MAPS[name]())
    assert report.errors == ()
    assert len(report.map.statements) == statements
    assert {d.code for d in report.warnings} <= {"evidence-without-quote", "no-thesis"}


@pytest.mark.parametrize("alphabet", maps.ALPHABETS)
def test_many_reasons_in_every_alphabet_loads(alphabet: str) -> None:
    m = argmap.loads(maps.many_reasons(40, alphabet=alphabet))
    assert len(m.statements) == 41
    assert len({s.title for s in m.statements}) == 41


def test_generated_maps_are_deterministic_by_seed() -> None:
    assert maps.debate(seed=4) == maps.debate(seed=4)
    assert maps.debate(seed=4) != maps.debate(seed=5)
    assert maps.many_reasons(seed=2) != maps.many_reasons(seed=3)


# -- the budget: one run per picture, two at most -----------------------------------------


@pytest.mark.parametrize("name", _cases({}))
def test_render_svg_runs_dot_at_most_twice(name: str, dot_runs) -> None:
    m = _load(name)
    dot_runs.reset()
    svg = render(m, "svg")
    assert svg.count(b"<svg") == 1
    assert dot_runs.count <= PER_PICTURE, dot_runs.calls


@pytest.mark.parametrize("name", _cases({}))
def test_notebook_display_runs_dot_at_most_twice_per_picture(name: str, dot_runs) -> None:
    """The overview, every line and the key are laid out in one dot process."""
    m = _load(name)
    dot_runs.reset()
    html = display_bundle(m)["text/html"]
    pictures = html.count("<svg")
    assert pictures >= 1
    assert dot_runs.count <= PER_PICTURE, (pictures, dot_runs.calls)


@pytest.mark.parametrize("name", _cases({}))
def test_cli_render_runs_dot_at_most_twice(name: str, dot_runs, tmp_path: Path) -> None:
    if name == "case-study":
        path = CASE_STUDY  # beside its source text
    else:
        path = tmp_path / f"{name}.argdown"
        path.write_text(MAPS[name](), encoding="utf-8")
    out = tmp_path / "out" / "map.svg"
    out.parent.mkdir()
    dot_runs.reset()
    assert main(["render", str(path), "-o", str(out)], io.StringIO(), io.StringIO()) == 0
    pictures = len(list(out.parent.glob("*.svg")))  # the overview, and one file per line if written
    assert pictures >= 1
    assert dot_runs.count <= PER_PICTURE * pictures, dot_runs.calls


_PRINTED = ["case-study", "reasons-40", "no-thesis", "debate-150"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            id=name,
            marks=(),
        )
        for name in _PRINTED
    ],
)
def test_a4_print_runs_dot_at_most_twice_per_page(name: str, dot_runs) -> None:
    pypdf = pytest.importorskip("pypdf")
    m = _load(name)
    dot_runs.reset()
    pdf = render(m, "pdf", page=PageOptions("A4"))
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert dot_runs.count <= PER_PICTURE * pages, (pages, dot_runs.calls)
