"""Printed handouts: the map as diagrams, its critical questions, a learner's
annotations and the source text, as one PDF.

The handout is HTML/CSS (``templates/handout.css``) rendered by WeasyPrint (the
``pdf`` extra); each diagram is Graphviz's own vector PDF drawn into its place, so
the PDF keeps vector text in DejaVu Sans, embedded.  In order:

1. the title, then the diagrams as :mod:`argmap.output.paper_plan` plans them for paper:
   the whole map on one page when it is readable there; else an overview whose
   lines of support name the page they continue on, the key (once), and each
   line of support with its premises, each claim with its evidence (quote and
   paragraph), the objections and their answers;
2. the critical questions of each argumentation scheme the map uses;
3. with annotations: the learner's judgements, flags, notes, answers to critical
   questions and added nodes (judgements are also marked on the diagrams);
4. appendix: the source text, paragraphs numbered, quoted passages highlighted.

Every page is portrait; nothing is printed below 7 pt (the smallest label text, 9
pt, at :data:`~argmap.output.paper.MIN_SCALE`), body text at 8 pt or more.  The
diagrams are the map on paper: no outline or list of statements repeats them.

All user text is HTML-escaped; the SVG goes through
:func:`argmap.output.export.svg_for_notebook` (no script, no event handler).
"""

from __future__ import annotations

import datetime as _dt
import html
import os
from collections.abc import Mapping
from pathlib import Path

from ..annotations import (
    ANSWERS,
    FLAGS,
    INFERENCE_JUDGEMENTS,
    STATEMENT_JUDGEMENTS,
    Annotations,
    parse_key,
)
from ..checking.source import Source
from ..draw.style import NodeStyle
from ..errors import ArgmapError
from ..files import atomic_write
from ..judge.evaluate import STRENGTHS
from ..judge.overlay import weighing_words
from ..model import Argument, ArgumentMap, NodeRef
from ..output.document import document_html, document_pdf, title_html, title_room
from ..output.paper import MIN_SCALE, PrintError, View
from ..output.paper_plan import plan
from ..schemes import get_scheme
from ..text import count

__all__ = [
    "MIN_SCALE",
    "PAPERS",
    "DiagramPage",
    "diagram_pages",
    "handout",
    "handout_html",
    "learner_pdf",
    "write_handout",
]

#: Paper sizes a handout can be printed on.
PAPERS = ("A4", "Letter")
#: Room (pt) the title block takes above the overview on the first page.
_TITLE_PT = 96.0


class HandoutError(ArgmapError):
    """A handout cannot be made (e.g. WeasyPrint is not installed)."""


# -- the diagram: planned for paper by argmap.output ---------------------------------------------

#: What a diagram of the handout is (kept under its old name).
DiagramPage = View


def diagram_pages(
    m: ArgumentMap,
    *,
    paper: str = "A4",
    styles: Mapping[str, NodeStyle] | None = None,
    key_note: str = "",
    fmt: str = "svg",
    title_pt: float = _TITLE_PT,
) -> list[View]:
    """The diagram as printed in a handout: the whole map on one page when it is
    readable there, else an overview, the key, and the lines of support
    (:func:`argmap.output.paper_plan.plan`; ``fmt="pdf"`` draws them for the PDF), with
    ``title_pt`` kept free for the title on page 1.  Needs Graphviz."""
    _check_paper(paper)
    return plan(m, paper=paper, styles=styles, key_note=key_note, reserve_first=title_pt, fmt=fmt)


# -- text helpers ----------------------------------------------------------------------------------

_esc = html.escape


def _check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; valid: {', '.join(PAPERS)}")


def _schemes_used(m: ArgumentMap) -> dict[str, list[str]]:
    """Scheme name as written → the arguments (and steps) that use it."""
    used: dict[str, list[str]] = {}
    for a in m.arguments:
        names = [a.scheme] if a.scheme and not a.inferences else []
        for k, inf in enumerate(a.inferences, 1):
            scheme = inf.scheme or (a.scheme if k == len(a.inferences) else None)
            if scheme:
                label = str(a.ref) if len(a.inferences) == 1 else f"{a.ref} step {k}"
                used.setdefault(scheme, []).append(label)
        for name in names:
            used.setdefault(name, []).append(str(a.ref))
    return used


def _questions_html(m: ArgumentMap) -> str:
    used = _schemes_used(m)
    if not used:
        return "<p>No argument in the map names an argumentation scheme.</p>"
    by_key: dict[str, tuple[str, list[str]]] = {}
    for name, where in used.items():
        scheme = get_scheme(name)
        key = scheme.key if scheme else f"?{name}"
        by_key.setdefault(key, (name, []))[1].extend(where)
    items = []
    for key, (name, where) in by_key.items():
        scheme = get_scheme(name)
        uses = f'<p class="where">used by {_esc(", ".join(where))}</p>'
        if scheme is None:
            items.append(
                f'<div class="item"><h3>{_esc(name)}</h3>{uses}'
                "<p>argmap does not know this scheme, so it has no critical questions for it.</p></div>"
            )
            continue
        qs = "".join(f"<li>{_esc(q)}</li>" for q in scheme.critical_questions)
        items.append(
            f'<div class="item"><div class="role">SCHEME · {_esc(key)}</div><h3>{_esc(scheme.name)}</h3>'
            f'<p>{_esc(scheme.description)}</p>{uses}<ol class="questions">{qs}</ol></div>'
        )
    return "\n".join(items)


def _scheme_of_key(m: ArgumentMap, key: str) -> str | None:
    try:
        k = parse_key(key)
    except ValueError:
        return None
    if k.kind not in ("argument", "step"):
        return None
    a = m.get(NodeRef.argument(k.title))
    if not isinstance(a, Argument):
        return None
    if k.kind == "step" and k.step is not None and k.step <= len(a.inferences):
        inf = a.inferences[k.step - 1]
        return inf.scheme or (a.scheme if k.step == len(a.inferences) else None)
    return a.scheme


_MARKS = {
    "accept": "✓ accept",
    "doubt": "? doubt",
    "reject": "✗ reject",
    "solid": "✓ solid",
    "shaky": "? shaky",
    "unfounded": "✗ unfounded",
    "strong": "✓ strong",
    "weak": "? weak",
    "none": "✗ no support",
}


def annotation_styles(m: ArgumentMap, ann: Annotations) -> dict[str, NodeStyle]:
    """The learner's judgements and flags as marks on the diagram (words and
    symbols, never colour alone), by statement or argument title."""
    styles: dict[str, NodeStyle] = {}
    for key, a in ann.nodes.items():
        try:
            k = parse_key(key)
        except ValueError:
            continue
        if k.kind not in ("statement", "argument"):
            continue
        mark = _MARKS.get(a.judgement or "", "")
        notes = [("⚑ " + ", ".join(a.flags)) if a.flags else "", weighing_words(a)]
        note = " · ".join(n for n in notes if n)
        if mark or note:
            styles[k.title] = NodeStyle(mark=mark, note=note, penwidth=2.5 if a.flags else None)
    return styles


def _weighing_html(ann: Annotations) -> str:
    """The learner's weighing: each verdict with its reason, each objection's strength."""
    weighed = [(k, a) for k, a in ann.nodes.items() if a.weighs]
    out = ["<h3>The weighing: verdicts and how much objections weigh</h3>"]
    if not weighed:
        out.append("<p>No verdict given and no objection weighed yet.</p>")
        return "\n".join(out)
    rows = []
    for key, a in weighed:
        verdict = f"<strong>{_esc(a.verdict)}</strong>" if a.verdict else "—"
        weighs = (
            f"<strong>{_esc(a.strength)}</strong><br>{_esc(STRENGTHS.get(a.strength, ''))}"
            if a.strength
            else "—"
        )
        rows.append(
            f"<tr><td>{_esc(key)}</td><td>{verdict}</td><td>{_esc(a.reason)}</td><td>{weighs}</td></tr>"
        )
    out.append(
        "<table><thead><tr><th>node</th><th>verdict</th><th>reason</th><th>weighs</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return "\n".join(out)


def _annotations_html(m: ArgumentMap, ann: Annotations) -> str:
    out = [
        f'<p class="meta">Learner: <strong>{_esc(ann.learner or "(no name)")}</strong>'
        + (f" · last saved {_esc(ann.updated)}" if ann.updated else "")
        + "</p>"
    ]
    for d in ann.diagnostics:
        out.append(f'<p class="where">{_esc(d.message)}</p>')
    rows = []
    for key, a in ann.nodes.items():
        if a.judgement is None and not a.flags and not a.note:
            continue
        said = a.judgement or ""
        meaning = STATEMENT_JUDGEMENTS.get(said) or INFERENCE_JUDGEMENTS.get(said, "")
        judged = f"<strong>{_esc(a.judgement)}</strong><br>{_esc(meaning)}" if a.judgement else ""
        flags = "<br>".join(f"<strong>{_esc(f)}</strong>: {_esc(FLAGS.get(f, ''))}" for f in a.flags)
        rows.append(f"<tr><td>{_esc(key)}</td><td>{judged}</td><td>{flags}</td><td>{_esc(a.note)}</td></tr>")
    out.append("<h3>Judgements, flags and notes</h3>")
    if rows:
        out.append(
            "<table><thead><tr><th>node</th><th>judgement</th><th>flags</th><th>note</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    else:
        out.append("<p>No judgement, flag or note yet.</p>")
    out.append(_weighing_html(ann))
    answered = [(k, a) for k, a in ann.nodes.items() if a.answers]
    out.append("<h3>Answers to critical questions</h3>")
    if answered:
        rows = []
        for key, a in answered:
            scheme = get_scheme(_scheme_of_key(m, key) or "")
            for q, x in a.answers.items():
                qs = scheme.critical_questions if scheme else ()
                question = qs[q - 1] if q <= len(qs) else f"question {q}"
                rows.append(
                    f"<tr><td>{_esc(key)}</td><td>{q}. {_esc(question)}</td>"
                    f"<td><strong>{_esc(x.answer if x.answer in ANSWERS else '?')}</strong></td>"
                    f"<td>{_esc(x.note)}</td></tr>"
                )
        out.append(
            "<table><thead><tr><th>inference</th><th>question</th><th>answer</th><th>note</th></tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>"
        )
    else:
        out.append("<p>No critical question answered yet.</p>")
    out.append("<h3>Nodes the learner added</h3>")
    if ann.added:
        rows = []
        for n in ann.added:
            quote = f"<br><em>“{_esc(n.quote)}”</em>" if n.quote else ""
            rows.append(
                f"<tr><td>{_esc(n.id)}</td><td>{_esc(n.kind)}</td><td>{_esc(n.target)}</td>"
                f"<td>{_esc(n.text)}{quote}</td></tr>"
            )
        out.append(
            "<table><thead><tr><th>id</th><th>kind</th><th>attached to</th><th>text</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    else:
        out.append("<p>The learner added no node.</p>")
    return "\n".join(out)


def _source_for(m: ArgumentMap, source: Source | str | os.PathLike[str] | None) -> Source | None:
    if isinstance(source, Source):
        return source
    if source is not None:
        return Source.from_path(source)
    if m.source is None:
        return None
    from ..checking.validate import find_source

    found, _problems = find_source(m)
    return found


def _appendix_html(m: ArgumentMap, src: Source) -> str:
    from ..checking.source import highlight_html

    anchors = {s.title: s.anchor for s in m.statements if s.anchor is not None}
    try:
        body = highlight_html(src, anchors)
    except ValueError:  # anchors from another version of the text
        body = highlight_html(src, {})
    meta = f"{src.name}: {count(len(src.paragraphs), 'paragraph')}, quoted passages marked."
    return f'<p class="meta">{_esc(meta)}</p>{body}'


# -- the document ----------------------------------------------------------------------------------


def _load_annotations(
    m: ArgumentMap, annotations: Annotations | str | os.PathLike[str] | None
) -> Annotations | None:
    if annotations is None or isinstance(annotations, Annotations):
        return annotations
    from ..annotations import load

    return load(annotations, m)


def handout_html(
    m: ArgumentMap,
    *,
    annotations: Annotations | str | os.PathLike[str] | None = None,
    source: Source | str | os.PathLike[str] | None = None,
    paper: str = "A4",
    title: str | None = None,
) -> str:
    """The handout as one HTML document, the diagrams inline as sanitised SVG
    (for a preview in a browser or notebook).  Needs Graphviz."""
    return _document(m, annotations, source, paper, title)[0]


def _document(
    m: ArgumentMap,
    annotations: Annotations | str | os.PathLike[str] | None,
    source: Source | str | os.PathLike[str] | None,
    paper: str,
    title: str | None,
    *,
    inline_svg: bool = True,
) -> tuple[str, list[DiagramPage]]:
    _check_paper(paper)
    ann = _load_annotations(m, annotations)
    src = _source_for(m, source)
    if src is not None and any(st.quote and st.anchor is None for st in m.statements):
        from ..checking.source import anchor_quotes

        m, _ = anchor_quotes(m, src)  # a source given here: find the quotes' paragraphs in it
    styles = annotation_styles(m, ann) if ann is not None else {}
    key_note = f"Judgements of {ann.learner or 'a learner'}, under each node" if ann is not None else ""
    heading = title or m.title or "Argument map"
    meta = [f"{count(len(m.statements), 'statement')}, {count(len(m.arguments), 'argument')}"]
    if src is not None:
        meta.append(f"source: {src.name}")
    if ann is not None:
        meta.append(f"annotations by {ann.learner or '(no name)'}")
    how = (
        "How to read it: the thesis is on the left (or at the top), reasons point to what they support. "
        "Every box says its role in words; the lines and the words on them (because, but, however) tell "
        "support, objection and answer apart, and the key explains them."
    )
    several = " The overview shows every line of support; each continues on the page it names."

    def intro_html(text: str) -> str:
        return f'<p class="meta">{_esc(" · ".join(meta))}</p><p class="how">{_esc(text)}</p>'

    # a long title or name takes more of page 1: measured, so the plan's pages stay true
    room = title_room(heading, intro_html(how + several), least=_TITLE_PT, paper=paper)
    pages = diagram_pages(
        m, paper=paper, styles=styles, key_note=key_note, fmt="svg" if inline_svg else "pdf", title_pt=room
    )
    # The diagrams are the map: every statement is printed there, each piece of evidence
    # with its quote and paragraph, each assumption, objection and answer where it bears.
    # On paper no outline or list repeats them; the critical questions are the text's own.
    chapters: list[tuple[str, str, str]] = [("questions", "Critical questions", _questions_html(m))]
    if ann is not None:
        chapters.append(("annotations", "The learner’s annotations", _annotations_html(m, ann)))
    if src is not None:
        chapters.append(("source", "Appendix: the source text", _appendix_html(m, src)))
    intro = intro_html(how + several if len(pages) > 1 else how)
    document = document_html(
        pages, title=heading, paper=paper, intro=intro, chapters=chapters, inline_svg=inline_svg
    )
    return document, pages


def handout(
    m: ArgumentMap,
    *,
    annotations: Annotations | str | os.PathLike[str] | None = None,
    source: Source | str | os.PathLike[str] | None = None,
    paper: str = "A4",
    title: str | None = None,
) -> bytes:
    """The handout as PDF bytes (see the module docstring for what it holds), its
    pages numbered, titled and tagged (:func:`argmap.output.document.document_pdf`).

    ``annotations``: a learner's :class:`~argmap.annotations.Annotations` or the
    path of their file (checked against ``m``).  ``source``: the text the map
    quotes (a :class:`~argmap.checking.source.Source` or a path); by default the map's
    ``source:``.  ``paper``: ``"A4"`` or ``"Letter"``.
    """
    _need_weasyprint()
    document, pages = _document(m, annotations, source, paper, title, inline_svg=False)
    return document_pdf(document, pages)


def _need_weasyprint() -> None:
    try:
        import weasyprint  # noqa: F401
    except ImportError as exc:
        raise HandoutError(
            "handouts need WeasyPrint, which is not installed: pip install 'argmap[pdf]'"
        ) from exc


def learner_pdf(
    m: ArgumentMap,
    annotations: Annotations,
    *,
    styles: Mapping[str, NodeStyle] | None = None,
    paper: str = "A4",
    title: str | None = None,
    when: _dt.date | None = None,
) -> bytes:
    """A learner's annotated map on numbered pages: the map's title, the learner's
    name and the date on page 1, the map with their marks (``styles``, default their
    judgements and flags as words and symbols), then their judgements, notes and
    answers as a table.  For the workbench's "Export my map as PDF"."""
    _check_paper(paper)
    _need_weasyprint()
    marks = dict(styles) if styles is not None else annotation_styles(m, annotations)
    key_note = f"Judgements of {annotations.learner or 'a learner'}, under each node"
    heading = title or m.title or "Argument map"
    intro = title_html(m, learner=annotations.learner, when=when or _dt.date.today())
    try:
        room = title_room(heading, intro, least=_TITLE_PT, paper=paper)
        views = diagram_pages(m, paper=paper, styles=marks, key_note=key_note, fmt="pdf", title_pt=room)
    except PrintError as exc:
        raise HandoutError(str(exc)) from exc
    chapters = [("annotations", "Your marks", _annotations_html(m, annotations))]
    document = document_html(
        views, title=heading, paper=paper, intro=intro, chapters=chapters, inline_svg=False
    )
    return document_pdf(document, views)


def write_handout(
    m: ArgumentMap,
    path: str | os.PathLike[str],
    *,
    annotations: Annotations | str | os.PathLike[str] | None = None,
    source: Source | str | os.PathLike[str] | None = None,
    paper: str = "A4",
    title: str | None = None,
) -> Path:
    """Write the handout PDF to ``path`` atomically (a temporary file, then rename)."""
    data = handout(m, annotations=annotations, source=source, paper=paper, title=title)
    target = Path(path)
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise HandoutError(f"cannot write {target}: {exc}") from exc
    return target
