"""Running Graphviz: formats, fonts, pages, batches, escaping end to end, safety."""

from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.draw.dot import to_dot
from argmap.draw.style import PageOptions
from argmap.errors import GraphvizNotFoundError, RenderError, UnsafePathError
from argmap.model import ArgumentMap, Role, Statement
from argmap.output.export import find_dot, pipe, render, render_many, safe_output_path, svg_for_notebook
from argmap.text import clean_text
from conftest import make_chain_map
from measure import printed_sizes

SVG_NS = "{http://www.w3.org/2000/svg}"
DATA = Path(__file__).parent / "data" / "render"
HOSTILE = json.loads((DATA / "hostile.json").read_text(encoding="utf-8"))["texts"]
OUR_ELEMENTS = {"svg", "g", "title", "polygon", "path", "text", "polyline", "ellipse", "a"}

graphviz = pytest.mark.graphviz


def svg_texts(svg: bytes) -> tuple[set[str], str]:
    root = ET.fromstring(svg)
    tags = {el.tag.removeprefix(SVG_NS) for el in root.iter()}
    text = "".join(t.text or "" for t in root.iter(f"{SVG_NS}text"))
    return tags, text


@graphviz
def test_pdf_keeps_the_natural_size_without_page_options(sample_map: ArgumentMap, tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    render(sample_map, out)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info and "(A4)" not in info


@graphviz
@pytest.mark.parametrize(
    ("ext", "magic"),
    [(".svg", b"<?xml"), (".png", b"\x89PNG\r\n\x1a\n"), (".pdf", b"%PDF-"), (".dot", b"digraph")],
    ids=["svg", "png", "pdf", "dot"],
)
def test_render_writes_each_format(sample_map: ArgumentMap, tmp_path: Path, ext: str, magic: bytes) -> None:
    out = tmp_path / f"map{ext}"
    data = render(sample_map, out)
    assert out.read_bytes() == data and data.startswith(magic)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temp files left
    if ext == ".svg":
        tags, text = svg_texts(data)
        assert tags <= OUR_ELEMENTS and "Convenience" in text


def test_unknown_extension_lists_valid_ones(sample_map: ArgumentMap, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.svg, \.png, \.pdf, \.dot"):
        render(sample_map, tmp_path / "map.jpeg")
    assert not list(tmp_path.iterdir())


@graphviz
def test_pdf_embeds_fonts_and_fits_a4(sample_map: ArgumentMap, tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    render(sample_map, out, page=PageOptions("A4"))
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows) and "DejaVuSans" in fonts
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "pts (A4)" in info
    assert min(printed_sizes(out).values()) >= 7.0  # printed readably, over as many pages as it takes


@graphviz
@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (PageOptions("A4"), "pts (A4)"),
        (PageOptions("Letter", "landscape"), "792 x 612 pts (letter)"),
    ],
    ids=["a4", "letter-landscape"],
)
@pytest.mark.slow  # about 20 s a paper size on a quiet machine: a 300-statement map's pages
def test_big_map_is_printed_over_pages_never_below_7_pt(
    tmp_path: Path, page: PageOptions, expected: str
) -> None:
    """A 300-statement chain shrunk onto one page printed at a fraction of a point;
    now it comes over several pages of the paper asked for, every word readable."""
    out = tmp_path / "big.pdf"
    render(make_chain_map(300), out, page=page)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages > 1 and expected in info
    assert min(printed_sizes(out).values()) >= 7.0


@graphviz
def test_unicode_map_to_pdf_reads_back(tmp_path: Path) -> None:
    m = ArgumentMap(
        statements=(
            Statement("Тезис", "Россия и Иран — партнёры по расчёту", Role.THESIS),
            Statement("دلیل", "مشارکت مصلحتی است، نه اعتقادی", Role.CLAIM),
            Statement("Επιχείρημα", "Ελληνικό κείμενο για δοκιμή", Role.OBJECTION),
        )
    )
    out = tmp_path / "uni.pdf"
    render(m, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    # pdftotext wraps right-to-left runs in bidi marks and may split Arabic-script
    # words at joining glyphs: compare without those
    flat = "".join(ch for ch in text if not ch.isspace() and ch not in "\u202a\u202b\u202c\u200f\u200e")
    for word in ("Россия", "партнёры", "Ελληνικό", "δοκιμή", "مشارکت", "اعتقادی", "دلیل"):
        assert word in flat
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert all(" yes " in row for row in fonts.splitlines()[2:])


@graphviz
@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_hostile_text_is_shown_literally(text: str) -> None:
    """Text given as plain words (escaped for Argdown, as importers do) is shown as
    given: no markup, no Graphviz escape (\\N) expanded."""
    from argmap.argdown.inline import escape

    m = ArgumentMap(statements=(Statement("Title", escape(text), Role.CLAIM),))
    tags, shown = svg_texts(pipe(to_dot(m, legend=False, wrap=400), "svg"))
    assert tags <= OUR_ELEMENTS
    assert shown.replace("\u2060", "").replace(" ", "").endswith(clean_text(text).replace(" ", ""))


_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


@graphviz
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_text, text=_text)
def test_any_text_gives_dot_that_graphviz_accepts(title: str, text: str) -> None:
    from argmap.argdown.inline import escape

    # texts are Argdown inline source: plain words reach the model escaped (as importers do)
    m = ArgumentMap(
        statements=(
            Statement(title or "t", escape(text), Role.CLAIM),
            Statement("Z", escape(title), Role.THESIS),
        )
    )
    svg = pipe(to_dot(m, legend=False, wrap=1000), "svg")
    tags, shown = svg_texts(svg)
    assert tags <= OUR_ELEMENTS
    squeeze = "".join(shown.replace("\u2060", "").split())
    for piece in (title, text):
        assert "".join(clean_text(piece).split()) in squeeze


@graphviz
def test_batch_of_fifty_in_one_process() -> None:
    sources = [to_dot(make_chain_map(3 + i % 5)) for i in range(50)]
    svgs = render_many(sources, "svg")
    assert len(svgs) == 50
    for i, svg in enumerate(svgs):
        tags, text = svg_texts(svg)
        assert f"S{2 + i % 5}" in text
    # the same picture as one at a time (dot may list the clusters of a batch's last
    # graph in another order: compare the lines, not their order)
    assert all(
        sorted(svgs[i].splitlines()) == sorted(pipe(sources[i], "svg").splitlines()) for i in (0, 7, 49)
    )


@graphviz
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF-")], ids=["png", "pdf"])
def test_batch_binary_formats(fmt: str, magic: bytes) -> None:
    out = render_many([to_dot(make_chain_map(n)) for n in (2, 3, 4)], fmt)
    assert len(out) == 3 and all(b.startswith(magic) for b in out)
    assert len(set(out)) == 3


@graphviz
def test_graphviz_failure_is_a_render_error_with_its_message() -> None:
    with pytest.raises(RenderError, match="syntax error"):
        pipe("digraph { a -> }", "svg")


def test_missing_dot_says_how_to_install(monkeypatch: pytest.MonkeyPatch, sample_map: ArgumentMap) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(GraphvizNotFoundError, match="apt-get install graphviz"):
        find_dot()
    with pytest.raises(GraphvizNotFoundError):
        render(sample_map, "svg")
    assert render(sample_map, "dot").startswith(b"digraph")  # DOT needs no Graphviz


@pytest.mark.parametrize(
    "name",
    ["../x.svg", "a/../../x.svg", "/etc/passwd", "", ".", "a\x00b"],
    ids=["parent", "nested-parent", "absolute", "empty", "folder", "nul"],
)
def test_safe_output_path_refuses_escapes(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnsafePathError):
        safe_output_path(tmp_path, name)


def test_safe_output_path_refuses_symlinks_out(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    os.symlink("/tmp", tmp_path / "out" / "link")
    with pytest.raises(UnsafePathError):
        safe_output_path(tmp_path / "out", "link/x.svg")
    assert safe_output_path(tmp_path, "sub/x.svg") == (tmp_path / "sub" / "x.svg").resolve()


@pytest.mark.parametrize(
    ("svg", "gone", "kept"),
    [
        ('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- c -->\n<svg><g/></svg>', "<?xml", "<g/></svg>"),
        ("<svg><script>alert(1)</script><g/></svg>", "script", "<g/>"),
        ("<svg><SCRIPT src=x /><g/></svg>", "SCRIPT", "<g/>"),
        ('<svg><g onclick="alert(1)" id="n"/></svg>', "onclick", 'id="n"'),
        ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "javascript", ">x</a>"),
        ("<svg><foreignObject><div/></foreignObject></svg>", "foreignObject", "<svg"),
        ("<svg><text>say onload=1 here</text></svg>", "<script", "say onload=1 here"),
    ],
    ids=["prolog", "script", "script-self-closing", "event", "js-href", "foreign", "text-untouched"],
)
def test_svg_for_notebook(svg: str, gone: str, kept: str) -> None:
    out = svg_for_notebook(svg)
    assert gone not in out and kept in out


@graphviz
def test_svg_for_notebook_keeps_real_pictures(sample_map: ArgumentMap) -> None:
    raw = render(sample_map, "svg")
    clean = svg_for_notebook(raw)
    assert clean.startswith("<svg") and ET.fromstring(clean) is not None
    assert clean.count("<g id=") == raw.decode().count("<g id=")


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    """Atomic writes go through a 0600 temporary file; the result must not stay 0600."""
    import os

    from argmap.files import atomic_write

    old = os.umask(0o022)
    try:
        target = tmp_path / "map.dot"
        atomic_write(target, b"digraph {}")
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o640)
        atomic_write(target, b"digraph { a }")  # replacing keeps the file's mode
        assert target.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


@pytest.mark.graphviz
@pytest.mark.parametrize(
    "text", ["]", "]]", "[", "a]"], ids=["bracket", "two-brackets", "open", "after-word"]
)
def test_a_lone_bracket_is_a_label_graphviz_accepts(text: str) -> None:
    """Graphviz 2.43 refuses a table cell holding only ']' unless it is a reference."""
    from argmap.draw.dot import to_dot
    from argmap.model import ArgumentMap, Role, Statement
    from argmap.output.export import pipe

    m = ArgumentMap(statements=(Statement("T", text, role=Role.THESIS),))
    assert pipe(to_dot(m), "svg").startswith(b"<?xml")
