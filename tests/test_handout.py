"""Handouts: checked through the PDF's text (pdftotext, pypdf), pages and fonts
(pdfinfo, pdffonts), for the case study, a learner's annotations, hostile and
non-Latin text, and a generated 300-statement map."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap import annotations as ann_mod
from argmap.checking.load import load, loads
from argmap.model import ArgumentMap, NodeRef, Relation, RelationKind, Role, Statement

pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")

from argmap.classroom.handout import MIN_SCALE, diagram_pages, handout, handout_html, write_handout  # noqa: E402
from measure import printed_sizes  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "notebooks" / "russia-iran.argdown"
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo") and shutil.which("pdffonts")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdfinfo, pdffonts) missing")

pytestmark = [pytest.mark.graphviz, needs_poppler]


def _run(*args: str | int | Path) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True).stdout


def _squash(text: str) -> str:
    """Text without any white space (pdftotext breaks lines anywhere)."""
    return "".join(text.split())


def _info(pdf: Path) -> dict[str, str]:
    out = {}
    for line in _run("pdfinfo", pdf).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def _page_text(pdf: Path, number: int, *, cropped: bool = True) -> str:
    """The text of one page; ``cropped``: only what lies inside the page's box."""
    if not cropped:
        return _run("pdftotext", "-layout", "-f", number, "-l", number, pdf, "-")
    box = pypdf.PdfReader(pdf).pages[number - 1].mediabox
    return _run(
        "pdftotext", "-f", number, "-l", number,
        "-x", 0, "-y", 0, "-W", int(float(box.width)), "-H", int(float(box.height)),
        pdf, "-",
    )  # fmt: skip


@pytest.fixture(scope="module")
def case_map() -> ArgumentMap:
    return load(CASE)


@pytest.fixture(scope="module")
def case_pdf(case_map: ArgumentMap, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    path = tmp_path_factory.mktemp("handout") / "case.pdf"
    started = time.perf_counter()
    write_handout(case_map, path)
    took = time.perf_counter() - started
    print(f"\ncase-study handout: {took:.2f} s, {_info(path)['Pages']} pages")
    return path, took


def test_case_study_handout_has_every_section_in_order(case_pdf: tuple[Path, float]) -> None:
    path, _ = case_pdf
    text = _run("pdftotext", path, "-")
    places = [text.find(h) for h in ("Overview", "Key", "Critical questions", "Appendix: the source text")]
    assert -1 not in places
    assert places == sorted(places), "sections out of order"
    pages = int(_info(path)["Pages"])
    assert len(pypdf.PdfReader(path).pages) == pages
    assert f"page 1 of {pages}" in text and f"page {pages} of {pages}" in text
    assert pages <= 26, f"{pages} pages for a 1,100-word op-ed"  # 20 of them the diagrams


def test_nothing_printed_below_7_pt(case_pdf: tuple[Path, float]) -> None:
    sizes = printed_sizes(case_pdf[0])
    assert sizes and min(sizes.values()) >= 7.0, {k: v for k, v in sizes.items() if v < 7.0}


def test_every_evidence_quote_and_its_paragraph_is_printed(
    case_map: ArgumentMap, case_pdf: tuple[Path, float]
) -> None:
    path, _ = case_pdf
    text = _squash(_run("pdftotext", path, "-"))
    evidence = case_map.by_role(Role.EVIDENCE)
    assert len(evidence) >= 20
    for s in evidence:
        assert s.quote is not None and s.anchor is not None
        assert _squash(s.quote)[:60] in text, s.title  # long quotes are shortened on the diagram
        assert _squash(f"¶ {s.anchor.paragraph}") in text
    # the appendix prints every paragraph of the source, numbered
    from argmap.checking.source import Source

    source = Source.from_path(CASE.parent / "russia-iran-oped.txt")
    raw = _squash(_run("pdftotext", "-raw", path, "-"))  # -raw: in the order the page draws it
    appendix = raw[raw.rfind("Appendix:thesourcetext") :]
    for para in source.paragraphs:
        assert f"¶{para.number}{_squash(para.text)[:40]}" in appendix, para.number


def test_assumptions_objections_and_critical_questions(
    case_map: ArgumentMap, case_pdf: tuple[Path, float]
) -> None:
    from argmap.schemes import get_scheme

    text = _squash(_run("pdftotext", case_pdf[0], "-"))
    for s in (
        case_map.by_role(Role.ASSUMPTION) + case_map.by_role(Role.OBJECTION) + case_map.by_role(Role.REBUTTAL)
    ):
        # on a diagram (an edge's word may come between two lines of a label in pdftotext)
        assert _squash(s.title) in text and _squash(s.text)[:30] in text, s.title
    expert = get_scheme("expert-opinion")
    assert expert is not None
    for q in expert.critical_questions:
        assert _squash(q) in text


def test_case_study_diagram_is_split_readably(case_map: ArgumentMap, case_pdf: tuple[Path, float]) -> None:
    """An overview whose lines name their page, one key, every statement on a diagram
    page, every page portrait, nothing below MIN_SCALE."""
    pages = diagram_pages(case_map)
    assert all(p.scale >= MIN_SCALE for p in pages), [round(p.scale, 2) for p in pages]
    assert pages[0].heading.startswith("Overview") and [p.heading for p in pages].count("Key") == 1
    path = case_pdf[0]
    reader = pypdf.PdfReader(path)
    assert all(float(pg.mediabox.width) < float(pg.mediabox.height) for pg in reader.pages)
    numbers = sorted({p.page for p in pages})
    shown = _squash("\n".join(_page_text(path, k) for k in numbers))
    missing = [s.title for s in case_map.statements if _squash(s.title) not in shown]
    assert not missing, missing
    overview = _squash("".join(_page_text(path, p.page) for p in pages if p.heading.startswith("Overview")))
    for line in (p for p in pages[1:] if p.lines):
        assert _squash(f"continued on p. {line.page}") in overview, line.heading
        assert _squash(line.heading.strip("<>[]")) in _squash(_page_text(path, line.page))


def test_paper_letter_and_fonts_embedded(case_map: ArgumentMap, tmp_path: Path) -> None:
    path = write_handout(case_map, tmp_path / "letter.pdf", paper="Letter")
    size = _info(path)["Page size"]
    assert size.startswith("612 x 792"), size
    fonts = _run("pdffonts", path).splitlines()[2:]
    assert fonts
    for line in fonts:
        columns = line.split()
        emb = columns[-5]
        assert emb == "yes", line
        assert "DejaVu" in columns[0], line


def test_a4_paper(case_pdf: tuple[Path, float]) -> None:
    assert "(A4)" in _info(case_pdf[0])["Page size"]


def test_learner_annotations_are_printed(case_map: ArgumentMap, tmp_path: Path) -> None:
    a = (
        ann_mod.Annotations.new("Ana Ивановна", case_map)
        .with_judgement("[Either-or]", "reject")
        .with_flag("[Either-or]", "false-dilemma")
        .with_note("[Either-or]", "Both can be true at once: need and trust.")
        .with_judgement("<Experts agree>", "weak")
        .with_answer("<Experts agree>", 3, "no", "Only two analysts, both sceptical.")
        .with_added("objection", "[Convenience]", "The 2025 treaty shows a long-term plan.")
    )
    file = tmp_path / "ana.json"
    ann_mod.save(file, a)
    path = write_handout(case_map, tmp_path / "ana.pdf", annotations=file)
    text = _run("pdftotext", path, "-")
    flat = _squash(text)
    for expected in (
        "The learner’s annotations",
        "Ana Ивановна",
        "false-dilemma",
        "Both can be true at once: need and trust.",
        "Only two analysts, both sceptical.",
        "Do other experts in the field agree, or is this a minority view?",
        "The 2025 treaty shows a long-term plan.",
        "added-1",
    ):
        assert _squash(expected) in flat, expected
    assert "✗ reject" in text  # marked on the diagram, in words as well as a symbol
    assert "? weak" in text


def _weighed(m: ArgumentMap) -> ann_mod.Annotations:
    return (
        ann_mod.Annotations.new("Ana", m)
        .with_verdict("[Convenience]", "contested", "the treaty <b>weighs</b> against need")
        .with_strength("[Treaty]", "strong")
        .with_strength("[Deep exchange]", "none")
    )


def test_the_weighing_is_printed_in_the_handout_with_annotations(
    case_map: ArgumentMap, tmp_path: Path
) -> None:
    """Issue 18: a learner's verdict on the thesis, its reason and the strengths of
    objections are in the handout (--annotations), in the table and on the diagram."""
    file = tmp_path / "ana.json"
    ann_mod.save(file, _weighed(case_map))
    path = write_handout(case_map, tmp_path / "ana.pdf", annotations=file)
    flat = _squash(_run("pdftotext", path, "-"))
    for expected in (
        "The weighing: verdicts and how much objections weigh",
        "[Convenience]contested",
        "the treaty <b>weighs</b> against need",  # the learner's words, as text
        "[Treaty]—strongweighs a lot",
        "[Deep exchange]—nonecarries no weight, even if true",
        "verdict: contested",  # under the thesis on the diagram
        "weighs: strong",
    ):
        assert _squash(expected) in flat, expected


def test_the_weighing_is_printed_in_the_learners_pdf(case_map: ArgumentMap, tmp_path: Path) -> None:
    from argmap.classroom.handout import learner_pdf

    path = tmp_path / "ana.pdf"
    path.write_bytes(learner_pdf(case_map, _weighed(case_map)))
    flat = _squash(_run("pdftotext", path, "-"))
    for expected in ("[Convenience]contested", "the treaty <b>weighs</b> against need", "[Treaty]—strong"):
        assert _squash(expected) in flat, expected
    # Nothing weighed: the table says so rather than leaving the learner to wonder.
    path.write_bytes(learner_pdf(case_map, ann_mod.Annotations.new("Ben", case_map)))
    assert _squash("No verdict given and no objection weighed yet.") in _squash(_run("pdftotext", path, "-"))


def test_damaged_annotation_file_is_refused_with_argmap_error(case_map: ArgumentMap, tmp_path: Path) -> None:
    from argmap.errors import AnnotationError

    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(AnnotationError):
        handout(case_map, annotations=bad)
    assert bad.read_text(encoding="utf-8") == "{not json"


HOSTILE = [
    ("<script>alert(1)</script>", "Привет, мир: «кавычки» & </style> {}"),
    ("Ελληνικά \"quotes\" 'single'", "Καλημέρα κόσμε <b>not bold</b> <img src=x onerror=alert(1)>"),
    ("فارسی", "سلام دنیا، این یک آزمایش است {{}} ]]> <!-- -->"),
]


def _hostile_map() -> ArgumentMap:
    thesis = Statement("</style><h1>T</h1>", 'A thesis with <i>markup</i> & "quotes" {x}', Role.THESIS)
    rest = [Statement(t, x, Role.CLAIM) for t, x in HOSTILE]
    objection = Statement("Возражение", "An objection </title>", Role.OBJECTION)
    relations = [Relation(RelationKind.SUPPORT, s.ref, thesis.ref) for s in rest]
    relations.append(Relation(RelationKind.ATTACK, objection.ref, NodeRef.statement(HOSTILE[0][0])))
    return ArgumentMap(
        statements=(thesis, *rest, objection), relations=tuple(relations), front={"title": "<T> & {t}"}
    )


def test_hostile_text_is_escaped_everywhere() -> None:
    m = _hostile_map()
    doc = handout_html(m)
    assert "<script" not in doc.lower()
    assert "<img" not in doc.lower()
    assert doc.count("</style>") == 1  # only the stylesheet's own
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc


def test_unicode_and_hostile_text_reach_the_pdf(tmp_path: Path) -> None:
    path = write_handout(_hostile_map(), tmp_path / "hostile.pdf", title="Тест Ελληνικά فارسی")
    text = _squash(_run("pdftotext", path, "-"))
    for expected in ("<script>alert(1)</script>", "Привет,мир", "Καλημέρακόσμε", "</style><h1>T</h1>", "{x}"):
        assert _squash(expected) in text, expected
    # Arabic script comes out in visual order from pdftotext; the words are there
    assert "دنیا" in text or "دنیا"[::-1] in text
    fonts = _run("pdffonts", path).splitlines()[2:]
    assert all(line.split()[-5] == "yes" for line in fonts)


def test_unknown_paper_is_refused(case_map: ArgumentMap) -> None:
    with pytest.raises(ValueError, match="A4, Letter"):
        handout(case_map, paper="A5")


def test_missing_weasyprint_names_the_pdf_extra(
    monkeypatch: pytest.MonkeyPatch, case_map: ArgumentMap
) -> None:
    from argmap.classroom.handout import HandoutError

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(HandoutError, match=r"argmap\[pdf\]"):
        handout(case_map)


@pytest.mark.slow
def test_300_statement_map_cuts_nothing_off(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import make_map
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    m = loads(make_map(300, seed=1))
    assert len(m.statements) == 300
    started = time.perf_counter()
    path = write_handout(m, tmp_path / "big.pdf")
    took = time.perf_counter() - started
    parts = diagram_pages(m)
    assert len(parts) > 1
    assert all(p.scale >= MIN_SCALE for p in parts)
    numbers = sorted({p.page for p in parts})
    # The diagram pages, cropped to the page: every statement's title is there.
    shown = "\n".join(_page_text(path, k) for k in numbers)
    missing = [
        s.title for s in m.statements if not re.search(rf"(?<![\w]){re.escape(s.title)}(?![\w])", shown)
    ]
    assert not missing, missing[:10]
    # ... and nothing lies outside a page: cropping each diagram page to its box loses no text.
    reader = pypdf.PdfReader(path)
    for k in numbers:
        whole = _run("pdftotext", "-f", k, "-l", k, path, "-")
        assert sorted(whole.split()) == sorted(_page_text(path, k).split()), k
    assert min(printed_sizes(path).values()) >= 7.0
    print(f"\n300-statement handout: {took:.1f} s, {len(reader.pages)} pages, {len(parts)} diagrams")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [([], "(A4)"), (["--paper", "Letter"], "612 x 792")],
    ids=["a4", "letter"],
)
def test_cli_writes_a_handout(tmp_path: Path, extra: list[str], expected: str) -> None:
    import io

    from argmap.cli import main

    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "handout.pdf"
    assert main(["handout", str(CASE), "-o", str(target), *extra], out, err) == 0, err.getvalue()
    assert expected in _info(target)["Page size"]
    assert f"wrote {target}" in err.getvalue()


def test_cli_refuses_a_damaged_annotation_file_without_traceback(tmp_path: Path) -> None:
    import io

    from argmap.cli import main

    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00\x01 not json")
    err = io.StringIO()
    code = main(
        ["handout", str(CASE), "--annotations", str(bad), "-o", str(tmp_path / "h.pdf")], io.StringIO(), err
    )
    assert code == 1
    assert "annotation-damaged" in err.getvalue() and "Traceback" not in err.getvalue()
    assert not (tmp_path / "h.pdf").exists()


def test_a_given_source_is_the_appendix_with_quotes_marked(tmp_path: Path) -> None:
    from argmap.checking.source import Source

    source = Source("Первый абзац.\n\nΗ δεύτερη παράγραφος λέει: <b>τίποτα</b> & όλα.\n", "text.txt")
    thesis = Statement("T", "Τίποτα.", Role.THESIS)
    ev = Statement("E", "Evidence", Role.EVIDENCE, data={"quote": "<b>τίποτα</b> & όλα", "basis": "fact"})
    m = ArgumentMap(statements=(thesis, ev), relations=(Relation(RelationKind.SUPPORT, ev.ref, thesis.ref),))
    doc = handout_html(m, source=source)
    assert '<mark data-title="E" title="E">&lt;b&gt;τίποτα&lt;/b&gt; &amp; όλα</mark>' in doc
    path = write_handout(m, tmp_path / "s.pdf", source=source)
    raw = _squash(_run("pdftotext", "-raw", path, "-"))
    assert _squash("¶ 1 Первый абзац.") in raw and _squash("¶ 2 Η δεύτερη παράγραφος") in raw
    assert _squash("¶ 2") in raw[: raw.find(_squash("Appendix: the source text"))]  # on the diagram


def test_learner_pdf_is_numbered_a4_pages_with_title_name_date_and_marks(
    case_map: ArgumentMap, tmp_path: Path
) -> None:
    """The workbench's "Export my map as PDF": was one page of 1,149 × 4,496 pt with no
    title and no name; now A4 pages, the map's title, the learner's name and the date
    on page 1, their marks on the diagram and in a table, each page numbered."""
    import datetime

    from argmap.classroom.handout import learner_pdf

    a = (
        ann_mod.Annotations.new("Ana Ивановна", case_map)
        .with_judgement("[Either-or]", "reject")
        .with_note("[Either-or]", "Both can be true at once.")
    )
    path = tmp_path / "ana.pdf"
    path.write_bytes(learner_pdf(case_map, a, when=datetime.date(2026, 3, 14)))
    reader = pypdf.PdfReader(path)
    pages = len(reader.pages)
    assert pages > 1 and "(A4)" in _info(path)["Page size"]
    first = _squash(_page_text(path, 1))
    assert case_map.title is not None
    for expected in (case_map.title, "Ana Ивановна", "2026-03-14"):
        assert _squash(expected) in first, expected
    text = _run("pdftotext", path, "-")
    assert "✗ reject" in text and _squash("Both can be true at once.") in _squash(text)
    for k in range(1, pages + 1):
        assert f"page {k} of {pages}" in _page_text(path, k), k
    assert _info(path)["Title"] == case_map.title
    assert min(printed_sizes(path).values()) >= 7.0
