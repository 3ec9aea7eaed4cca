"""What the teaching notebooks need, so that they never work around the library.

* :func:`show_text`: a source text with numbered paragraphs (all, or some);
* :func:`show_quotes`: a map's quotes highlighted in the text, with the paragraph of each;
* :func:`paragraph_of`: the paragraph a quoted statement stands in (answers come from the map);
* :func:`paragraph_answer`: a check that takes "18", "paragraph 18", "¶18" alike in an answer box;
* :func:`step` / :func:`steps`: the map as it stood at one step of the analysis;
* :func:`lines_of_support`: each argument for the thesis with its reason, assumptions, evidence;
* :func:`focus`: one statement or argument and everything that hangs below it;
* :func:`export_pdf`: the map as a PDF in a folder beside the notebook, with a link;
* :func:`save_text`: pasted text saved as a file a map can name as its ``source:``;
* :func:`review`: a learner's map against the checklist the notebooks teach;
* :func:`learner`: name the learner, so that exercise answers are saved in their
  annotation file (the workbench's file) and come back when the notebook runs again;
* :func:`teaching_checks`: role tags that are guesses (``#undercut``) or contradict their
  relation (``+ [X] #objection``), Rationale's rabbit rule and "holding hands", as
  warnings that ``check`` can add in a teaching context.

Each view shows as HTML in a notebook and has a plain-text form too (nbval compares
that, and a screen reader reads it).  All text is escaped.  No Jupyter import here.
"""

from __future__ import annotations

import difflib
import html
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..annotations import AnnotationStore, learner_path
from ..checking import load as loader
from ..checking.source import Source, highlight_html
from ..draw.graph import subset
from ..draw.style import PageOptions
from ..errors import AnnotationError, ArgmapError, UnsafePathError
from ..model import Anchor, Argument, ArgumentMap, NodeKind, NodeRef, RelationKind, Statement
from ..text import count

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..draw.options import PictureArgs, PictureOptions

__all__ = [
    "ROLE_GUESSES",
    "View",
    "check_holding_hands",
    "check_rabbit_rule",
    "check_role_tags",
    "export_pdf",
    "feedback_on",
    "focus",
    "lines_of_support",
    "Learner",
    "learner",
    "current_learner",
    "Line",
    "paragraph_answer",
    "paragraph_number",
    "paragraph_of",
    "read_source",
    "review",
    "save_text",
    "show_quotes",
    "show_text",
    "source_of",
    "step",
    "steps",
    "summary",
    "teaching_checks",
]


@dataclass(frozen=True)
class View:
    """Something a notebook shows: HTML for the eye, plain text for everything else."""

    html: str
    text: str

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/html": self.html, "text/plain": self.text}

    def __str__(self) -> str:
        return self.text


def summary(m: ArgumentMap) -> str:
    """One line with the map's counts (what a notebook prints so nbval can compare it)."""
    return loader.summary(m)


# -- source texts ------------------------------------------------------------------------


def read_source(source: Source | str | os.PathLike[str]) -> Source:
    """A :class:`Source` as it is, or read from a UTF-8 file path."""
    if isinstance(source, Source):
        return source
    if isinstance(source, (str, os.PathLike)):
        return Source.from_path(source)
    raise TypeError(f"expected a Source or a file path, not {type(source).__name__}")


def source_of(m: ArgumentMap, base_dir: str | os.PathLike[str] | None = None) -> Source:
    """The source text a map names in its front matter (``source:``)."""
    from ..checking.validate import find_source

    found, problems = find_source(m, base_dir)
    if problems:
        raise ArgmapError(problems[0].message)
    if found is None:
        raise ArgmapError("the map names no source text (front matter: source: text.txt)")
    return found


_NUMBER = re.compile(r'<span class="argmap-paragraph-number">(\d+)</span> ')
_PARAGRAPH = re.compile(r'<p data-paragraph="(\d+)">.*?</p>', re.S)
_STYLE = (
    "<style>.argmap-source p{margin:0.35em 0;line-height:1.45}"
    ".argmap-source .argmap-paragraph-number{display:inline-block;min-width:2.6em;color:#555;"
    "font-size:85%;font-weight:bold}"
    ".argmap-source mark{background:#fde68a;padding:0 1px}"
    ".argmap-source mark mark{background:#f59e0b}</style>"
)


def _paragraph_html(source: Source, anchors: Mapping[str, Sequence[Anchor]], wanted: set[int] | None) -> str:
    full = highlight_html(source, anchors)
    parts = [p.group() for p in _PARAGRAPH.finditer(full) if wanted is None or int(p.group(1)) in wanted]
    body = "\n".join(_NUMBER.sub(r'<span class="argmap-paragraph-number">¶ \1</span> ', p) for p in parts)
    return f'{_STYLE}<div class="argmap-source">\n{body}\n</div>'


def _wanted(source: Source, paragraphs: Iterable[int] | None) -> set[int] | None:
    if paragraphs is None:
        return None
    wanted = set(paragraphs)
    bad = sorted(n for n in wanted if not 1 <= n <= len(source.paragraphs))
    if bad:
        raise ValueError(f"{source.name} has paragraphs 1 to {len(source.paragraphs)}, not {bad}")
    return wanted


def show_text(source: Source | str | os.PathLike[str], paragraphs: Iterable[int] | None = None) -> View:
    """The text with its paragraphs numbered as argmap counts them (a heading
    standing alone is a paragraph of its own); only ``paragraphs`` if given.

    >>> print(show_text(Source("A <b>.\\n\\nB.", "t.txt")).text)
    ¶ 1  A <b>.
    ¶ 2  B.
    >>> "&lt;b&gt;" in show_text(Source("A <b>.", "t.txt")).html
    True
    """
    src = read_source(source)
    wanted = _wanted(src, paragraphs)
    text = "\n".join(
        f"¶ {p.number}  {' '.join(p.text.split())}"
        for p in src.paragraphs
        if wanted is None or p.number in wanted
    )
    return View(_paragraph_html(src, {}, wanted), text)


def _quoted(m: ArgumentMap, titles: Iterable[str] | None) -> list[Statement]:
    if titles is None:
        return [s for s in m.statements if s.quote is not None]
    out = []
    for title in titles:
        s = _statement(m, title)
        if s.quote is None:
            raise ValueError(f"[{title}] quotes nothing from the text")
        out.append(s)
    return out


def _statement(m: ArgumentMap, title: str) -> Statement:
    try:
        return m.statement(title)
    except KeyError:
        close = difflib.get_close_matches(title, [s.title for s in m.statements], n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ValueError(f"no statement titled {title!r} in the map{hint}") from None


def show_quotes(
    m: ArgumentMap,
    titles: Iterable[str] | None = None,
    *,
    source: Source | str | os.PathLike[str] | None = None,
    whole_text: bool = False,
) -> View:
    """The map's quotes (or those of ``titles``) highlighted in the source text,
    each listed with its paragraph.  Only the paragraphs that hold a quote are
    shown unless ``whole_text``.  ``source`` defaults to the map's ``source:``.
    """
    src = read_source(source) if source is not None else source_of(m)
    anchors: dict[str, list[Anchor]] = {}
    rows: list[tuple[str, int, str]] = []
    for s in _quoted(m, titles):
        found = [s.anchor] if s.anchor is not None else src.find(s.quote or "")[:1]
        if not found:
            raise ValueError(f"the quote of [{s.title}] does not stand in {src.name}: check the map first")
        a = found[0]
        anchors[s.title] = [a]
        rows.append((s.title, a.paragraph, " ".join(a.exact.split())))
    rows.sort(key=lambda r: (r[1], anchors[r[0]][0].start))
    wanted = None if whole_text else {p for _, p, _ in rows}
    listing = "".join(f"<li><b>[{html.escape(t)}]</b> ¶ {p}: “{html.escape(q)}”</li>" for t, p, q in rows)
    text = "\n".join(f"[{t}] ¶ {p}: “{q}”" for t, p, q in rows) or "(no quotes)"
    page = f'<ul class="argmap-quotes">{listing}</ul>' + _paragraph_html(src, anchors, wanted)
    return View(page, text)


def paragraph_of(m: ArgumentMap, title: str) -> int:
    """The paragraph of the source where the statement's quote stands."""
    s = _statement(m, title)
    if s.anchor is None:
        raise ValueError(f"[{title}] has no quote anchored in the source text")
    return s.anchor.paragraph


#: A paragraph number as a learner types it: "18", "paragraph 18", "para. 18", "par 18",
#: "¶18", "§ 18", "p. 18", "18th", "(18)" — one number, nothing else.
_PARAGRAPH_ANSWER = re.compile(
    r"(?:paragraph|para|par|p|¶|§)?\.?\s*\(?\s*(\d{1,4})\s*\)?(?:st|nd|rd|th)?\s*(?:paragraph)?\.?",
    re.IGNORECASE,
)


def paragraph_number(given: str) -> int | None:
    """The paragraph number a learner typed in an answer box, or ``None`` when the answer is
    not one paragraph ("18 or 19", "18-20", "the last one").

    >>> [paragraph_number(a) for a in ("18", "paragraph 18", "Para. 18", "¶18", "p. 18", "18th")]
    [18, 18, 18, 18, 18, 18]
    >>> [paragraph_number(a) for a in ("18 or 19", "18-20", "page", "¶ 1 and 2")]
    [None, None, None, None]
    """
    found = _PARAGRAPH_ANSWER.fullmatch(" ".join(str(given).split()))
    return int(found.group(1)) if found else None


def paragraph_answer(number: int) -> Callable[[str], bool]:
    """A check for a look-up exercise whose answer is paragraph ``number``: it takes "18",
    "paragraph 18", "para 18", "¶18", "p. 18" alike (``ask(…, 18, check=paragraph_answer(18))``)."""
    return lambda given: paragraph_number(given) == number


@dataclass(frozen=True)
class Line:
    """One line of support: an argument, its stated reasons, its unstated
    assumptions (co-premises) and the evidence quoted for its reasons."""

    argument: str
    reasons: tuple[str, ...]
    assumptions: tuple[str, ...]
    evidence: tuple[str, ...]


def lines_of_support(m: ArgumentMap, conclusion: str | None = None) -> list[Line]:
    """The arguments that conclude ``conclusion`` (default: the thesis), in map order."""
    from ..model import Role

    if conclusion is None:
        if m.thesis is None:
            raise ValueError("the map has no single thesis: name the conclusion")
        conclusion = m.thesis.title
    roles = {s.title: s.role for s in m.statements}
    out = []
    for a in m.arguments:
        if a.conclusion != conclusion:
            continue
        premises = [p for i in a.inferences for p in i.premises]
        reasons = tuple(p for p in premises if roles.get(p) is not Role.ASSUMPTION)
        evidence = tuple(
            r.source.title
            for r in m.relations
            if r.kind is RelationKind.SUPPORT
            and r.target.kind is NodeKind.STATEMENT
            and r.target.title in reasons
            and roles.get(r.source.title) is Role.EVIDENCE
            and r.source.kind is NodeKind.STATEMENT
        )
        assumptions = tuple(p for p in premises if roles.get(p) is Role.ASSUMPTION)
        out.append(Line(a.title, reasons, assumptions, evidence))
    return out


# -- parts of a map ----------------------------------------------------------------------


def _prune(a: Argument, keep: set[str]) -> Argument | None:
    """The argument with only the premises in ``keep`` (None if no inference is left)."""
    infs = []
    for inf in a.inferences:
        premises = tuple(p for p in inf.premises if p in keep)
        if inf.conclusion in keep and premises:
            infs.append(replace(inf, premises=premises))
    if not infs:
        return None
    lines = tuple(line for line in a.lines if line.statement in keep)
    return replace(a, inferences=tuple(infs), lines=lines)


def step(m: ArgumentMap, titles: Iterable[str]) -> ArgumentMap:
    """The map as it stood when only these statements (and arguments) were drawn.

    An argument comes along as soon as its conclusion and one of its premises
    are there; co-premises not drawn yet are left out of its inference (that is
    how a map looks before its unstated assumptions are added).
    """
    keep = set(titles)
    known = {s.title for s in m.statements} | {a.title for a in m.arguments}
    unknown = sorted(keep - known)
    if unknown:
        close = difflib.get_close_matches(unknown[0], sorted(known), n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ValueError(f"no statement or argument titled {unknown[0]!r} in the map{hint}")
    arguments = []
    for a in m.arguments:
        pruned = _prune(a, keep) if a.inferences else a
        if pruned is not None and (a.inferences or a.title in keep):
            arguments.append(pruned)
            keep.add(a.title)
    return subset(m.replace(arguments=tuple(arguments)), keep)


def steps(m: ArgumentMap, order: Sequence[Iterable[str]]) -> list[ArgumentMap]:
    """The map at each step: step k holds everything added in steps 1 … k."""
    so_far: list[str] = []
    out = []
    for added in order:
        so_far.extend(added)
        out.append(step(m, so_far))
    return out


def focus(m: ArgumentMap, title: str, depth: int | None = None) -> ArgumentMap:
    """One statement or argument with what hangs below it: its reasons, evidence,
    assumptions, objections and rebuttals, down to ``depth`` levels (all if None).

    An argument (a line of support) brings its conclusion along, so the picture
    shows where it leads.  Unlike ``to_dot(focus=…)``, which draws a neighbourhood
    in every direction, this follows the tree downwards only.
    """
    if depth is not None and depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth!r}")
    is_argument = title in {a.title for a in m.arguments}
    start = NodeRef.argument(title) if is_argument else _statement(m, title).ref
    below: dict[NodeRef, list[NodeRef]] = {}
    for r in m.relations:
        if not (r.kind is RelationKind.SUPPORT and r.source.kind is NodeKind.ARGUMENT):
            below.setdefault(r.target, []).append(r.source)
    for a in m.arguments:
        premises = [NodeRef.statement(p) for inf in a.inferences for p in inf.premises]
        below.setdefault(a.ref, []).extend(premises)
        if a.conclusion is not None:
            below.setdefault(NodeRef.statement(a.conclusion), []).append(a.ref)
    seen = {start: 0}
    todo = [start]
    while todo:
        x = todo.pop(0)
        if depth is not None and seen[x] >= depth:
            continue
        for y in below.get(x, ()):
            if y not in seen:
                seen[y] = seen[x] + 1
                todo.append(y)
    keep = {r.title for r in seen}
    if start.kind is NodeKind.ARGUMENT:
        conclusion = m.argument(title).conclusion
        if conclusion is not None:
            keep.add(conclusion)
    return subset(m, keep)


# -- files ---------------------------------------------------------------------------------


def _safe(base_dir: str | os.PathLike[str] | None, name: str | os.PathLike[str]) -> tuple[Path, str]:
    """The resolved path of ``name`` under ``base_dir`` (default: the current folder,
    i.e. the notebook's) and the name as a relative POSIX path for display."""
    from ..output.export import safe_output_path

    base = Path(base_dir) if base_dir is not None else Path.cwd()
    path = safe_output_path(base, name)
    return path, path.relative_to(base.resolve()).as_posix()


def export_pdf(
    m: ArgumentMap,
    name: str | os.PathLike[str],
    *,
    base_dir: str | os.PathLike[str] | None = None,
    picture: PictureOptions | None = None,
    **options: Unpack[PictureArgs],
) -> View:
    """Print the map as a PDF at ``name`` (e.g. ``out/02-thesis.pdf``) inside the
    notebook's folder, and return a link to it.  Names that would leave the folder
    are refused; the file is written atomically.  The pages are A4 unless ``page`` (one
    of the picture's options, :class:`~argmap.draw.options.PictureOptions`) says
    otherwise, numbered, with the map's title, the learner's name (once they
    named themselves with :func:`learner`) and the date on page 1; a map too big for
    one page is printed as an overview and its lines (:func:`argmap.output.document.print_pdf`).
    """
    import datetime as _dt

    from ..draw.options import picture_options
    from ..files import atomic_write
    from ..output.document import print_pdf
    from ..output.layout import unavailable

    if Path(os.fspath(name)).suffix.lower() != ".pdf":
        raise ValueError(f"the PDF's name must end in .pdf, not {os.fspath(name)!r}")
    path, shown = _safe(base_dir, name)
    why = unavailable("pdf")
    if why is not None:  # in the browser: nothing is written, and the learner reads what to do instead
        return View(f"<p>No PDF: {html.escape(why)}</p>", f"No PDF: {why}")
    who = _CURRENT.name if _CURRENT is not None else None
    opts = picture_options(picture, **options)
    data = print_pdf(m, opts.page or PageOptions("A4"), opts, learner=who, when=_dt.date.today())
    if not data.startswith(b"%PDF"):
        raise ArgmapError(f"Graphviz did not produce a PDF for {shown}")
    atomic_write(path, data)
    link = html.escape(shown, quote=True)
    return View(
        f'<p>PDF written: <a href="{link}" target="_blank">{html.escape(shown)}</a> '
        f"({html.escape(summary(m))})</p>",
        f"PDF written: {shown} ({summary(m)})",
    )


def save_text(
    text: str, name: str | os.PathLike[str], *, base_dir: str | os.PathLike[str] | None = None
) -> Source:
    """Save pasted text as a UTF-8 file beside the notebook (so a map can name it
    as its ``source:``) and return it as a :class:`Source`."""
    from ..files import atomic_write

    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if not text.strip():
        raise ValueError("the text is empty: paste the article between the triple quotes")
    path, shown = _safe(base_dir, name)
    if path.suffix.lower() != ".txt":
        raise UnsafePathError(f"save the text as a .txt file, not {shown!r}")
    atomic_write(path, text.encode("utf-8"))
    return Source(text, shown)


def review(m: ArgumentMap) -> View:
    """The checklist of the notebooks, applied to a map: a thesis, several lines of
    support, quoted evidence, an assumption in every step, objections, an answer.
    Lines start with "ok" or "to do" (plain words, so they read the same without colour).
    """
    from ..model import Role

    def how_many(role: Role) -> int:
        return len(m.by_role(role))

    lines: list[str] = []

    def item(ok: bool, good: str, todo: str) -> None:
        lines.append(f"ok     {good}" if ok else f"to do  {todo}")

    theses = m.theses
    where = f" (¶ {theses[0].anchor.paragraph})" if len(theses) == 1 and theses[0].anchor else ""
    item(
        len(theses) == 1,
        f"one thesis: [{theses[0].title}]{where}" if len(theses) == 1 else "",
        f"mark exactly one statement #thesis (now {len(theses)})",
    )
    into = [a for a in m.arguments if theses and a.conclusion == theses[0].title]
    supports = {
        r.source
        for r in m.relations
        if theses and r.target == theses[0].ref and r.kind is RelationKind.SUPPORT
    }
    lines_of_support = len({a.ref for a in into} | supports)
    item(
        lines_of_support >= 2,
        f"{count(lines_of_support, 'line of support', 'lines of support')} for the thesis",
        "give the thesis at least two lines of support",
    )
    evidence = m.by_role(Role.EVIDENCE)
    unquoted = [s.title for s in evidence if s.anchor is None]
    item(
        bool(evidence) and not unquoted,
        count(len(evidence), "piece of evidence", "pieces of evidence")
        + ", each quoted and found in the text",
        "quote the text word for word for every piece of evidence"
        + (f" (not yet: {', '.join(unquoted)})" if unquoted else ""),
    )
    assumptions = {s.title for s in m.by_role(Role.ASSUMPTION)}
    # a step the map itself undercuts needs no warrant: the undercut already denies that it follows
    bare = [a.title for a, i in _steps(m) if not assumptions & set(i.premises)]
    item(
        bool(assumptions) and not bare,
        f"{count(len(assumptions), 'unstated assumption')}; every step (reasons to a conclusion) has "
        "one among its premises, as the bridge from the reason to the claim",
        "ask of each step: what must be true for this reason to support that claim? Write it as a "
        "premise tagged #assumption (a bridge premise)"
        + (f" (no assumption yet in: {', '.join(bare)})" if bare else ""),
    )
    undercuts = sum(r.kind is RelationKind.UNDERCUT for r in m.relations)
    item(
        how_many(Role.OBJECTION) >= 1,
        f"{count(how_many(Role.OBJECTION), 'objection')} ({count(undercuts, 'undercut')} among them; "
        "an undercut grants a reason but denies that it supports its conclusion)",
        "raise at least one objection a careful reader would make",
    )
    item(
        how_many(Role.REBUTTAL) >= 1,
        count(how_many(Role.REBUTTAL), "rebuttal"),
        "answer an objection where the text or the facts allow",
    )
    unbridged, bridged = _bridge_gaps(m, assumptions)
    item(
        bool(m.arguments) and not unbridged,
        (
            "every step that needs a bridge premise has one (the rabbit rule"
            if bridged
            else "every conclusion uses only words its premises use (the rabbit rule"
        )
        + f": {_RABBIT_RULE})",
        "a conclusion speaks of something no premise mentions: add the bridge premise, an #assumption "
        f"that links the reason's words to the conclusion's (the rabbit rule: {_RABBIT_RULE})"
        + (f" ({'; '.join(unbridged[:3])})" if unbridged else ""),
    )
    lines.extend(f"note   {gap}" for gap in bridged[:3])
    loose = check_holding_hands(m)
    item(
        not loose,
        f"every premise shares a word with its conclusion or with another premise (holding hands: {_HANDS})",
        "a premise connects to nothing"
        + (f" ({'; '.join(d.message for d in loose[:3])})" if loose else "")
        + f" (holding hands: {_HANDS})",
    )
    tags = check_role_tags(m)
    item(
        not tags,
        "every role tag is one argmap knows and fits its relation",
        "fix the role tags" + (f" ({'; '.join(f'{d.message}: {d.hint}' for d in tags[:3])})" if tags else ""),
    )
    text = "\n".join(lines)
    return View(f"<pre class='argmap-review' style='white-space:pre-wrap'>{html.escape(text)}</pre>", text)


#: The two checks of :func:`review` that have names, in plain words (said where they are used).
_RABBIT_RULE = (
    "a conclusion may only speak of what its premises bring in, as a magician's hat holds no "
    "rabbit unless one was put in; a word of the conclusion that no premise uses means a premise is missing"
)
_HANDS = (
    "the premises of a step link up like people holding hands, each sharing a word with the "
    "conclusion or with another premise; a premise that shares none belongs to another step "
    "or needs a premise that links it"
)


def _step_terms(m: ArgumentMap) -> Iterator[tuple[Argument, Any, dict[str, str], dict[str, dict[str, str]]]]:
    """Each step with the key terms of its conclusion's core and of each premise."""
    names = _names(m)
    text = {s.title: s.text for s in m.statements}
    for a, inf in _steps(m):
        wanted = _terms(_core(text.get(inf.conclusion, inf.conclusion)), names)
        yield a, inf, wanted, {p: _terms(text.get(p, p), names) for p in inf.premises}


def _bridge_gaps(m: ArgumentMap, assumptions: set[str]) -> tuple[list[str], list[str]]:
    """The steps that break the rabbit rule, in two lists: those with no bridge premise
    (no #assumption among the premises that mentions what the reasons leave out), and
    those whose bridge premise is there but leaves a word of the conclusion unsaid."""
    unbridged: list[str] = []
    bridged: list[str] = []
    for a, inf, wanted, premises in _step_terms(m):
        said = set().union(*premises.values())
        missing = [word for stem, word in wanted.items() if stem not in said]
        if not missing:
            continue
        shown = ", ".join(f"“{w}”" for w in dict.fromkeys(missing))
        bridges = [p for p in inf.premises if p in assumptions]
        from_reasons = set().union(*(t for p, t in premises.items() if p not in assumptions))
        gap = set(wanted) - from_reasons
        if any(gap & set(premises[b]) for b in bridges):
            named = ", ".join(f"[{b}]" for b in bridges)
            bridged.append(
                f"<{a.title}> has its bridge premise {named}; the conclusion [{inf.conclusion}] still "
                f"speaks of {shown}, which no premise mentions: say it in the bridge premise too, or "
                "leave it out of the conclusion if the text does not argue for it"
            )
        elif bridges:
            named = ", ".join(f"[{b}]" for b in bridges)
            unbridged.append(
                f"<{a.title}>: the assumption {named} does not mention what the conclusion "
                f"[{inf.conclusion}] adds to the reasons ({shown}), so it does not bridge the gap"
            )
        else:
            unbridged.append(
                f"<{a.title}>: the conclusion [{inf.conclusion}] speaks of {shown}, which no premise mentions"
            )
    return unbridged, bridged


# -- checks the notebooks teach ------------------------------------------------------------------

#: Tags that learners write for a role argmap does not have, and what to write instead.
ROLE_GUESSES: dict[str, str] = {
    "undercut": "an undercut is a relation, not a role: write `_ [X]` under the argument "
    "(or `<_` / `_>`), and tag [X] #objection",
    "undercutter": "an undercut is a relation: write `_ [X]` under the argument and tag [X] #objection",
    "reason": "a reason is a plain statement (a claim: no tag) or, if it reports something checkable "
    "with a quote, #evidence",
    "premise": "a premise is a plain statement (no tag), #evidence or #assumption",
    "conclusion": "a conclusion is a plain statement (no tag), or #thesis for the main one",
    "claim": "a claim needs no tag: plain statements are claims",
    "support": "support is a relation (`+`), not a role: write `+ [X]` under what it supports",
    "counterargument": "write #objection (and `-` for the relation)",
    "counter": "write #objection (and `-` for the relation)",
    "attack": "an attack is a relation (`-`), not a role: tag the attacking statement #objection",
    "rebut": "write #rebuttal",
    "concession": "a concession is an objection the author raises: tag it #objection, and the "
    "author's answer #rebuttal",
    "warrant": "a warrant the text does not state is #assumption; once written, it is a premise",
    "hidden": "write #assumption for an unstated premise",
    "unstated": "write #assumption for an unstated premise",
}
_ROLE_WORDS = ("thesis", "evidence", "assumption", "objection", "rebuttal")
#: Words that carry no subject matter for the rabbit rule and holding hands.
_GENERIC = frozenset(
    (
        "two",
        "thing",
        "way",
        "show",
        "say",
        "mean",
        "make",
        "give",
        "take",
        "get",
        "real",
        "really",
        "much",
        "many",
        "every",
        "something",
        "someone",
        "because",
        "therefore",
        "since",
        "thus",
        "hence",
        "still",
        "now",
        "today",
        "will",
        "would",
        "may",
        "might",
        "can",
        "could",
        "probab",
        "likely",
        "often",
    )
)


def _diagnostic(code: str, message: str, location: Any, hint: str) -> Any:
    from ..errors import Diagnostic, Severity

    return Diagnostic(code, message, location, Severity.WARNING, hint)


def check_role_tags(m: ArgumentMap) -> list[Any]:
    """Warnings for tags that look like a role argmap does not know (``#undercut``,
    ``#reason``, ``#objecton``), with "did you mean", and for a role that contradicts
    the relation it stands in (``+ [X] #objection``, ``- [X] #evidence``, a rebuttal
    aimed at something that is not an objection).  For ``check`` in a teaching context.

    >>> from argmap.checking.load import loads
    >>> [d.code for d in check_role_tags(loads("[T]: t. #thesis\\n  + [O]: o. #objection"))]
    ['role-contradicts-relation']
    """
    from ..model import Role

    out = []
    for s in m.statements:
        for tag in s.tags:
            low = tag.lower()
            if low in _ROLE_WORDS:
                continue
            hint = ROLE_GUESSES.get(low)
            if hint is None:
                close = difflib.get_close_matches(low, _ROLE_WORDS, n=1, cutoff=0.75)
                if not close:
                    continue
                hint = f"did you mean #{close[0]}?"
            else:
                close = difflib.get_close_matches(low, _ROLE_WORDS, n=1, cutoff=0.5)
                hint += f" (did you mean #{close[0]}?)" if close else ""
            out.append(
                _diagnostic(
                    "unknown-role-tag",
                    f"[{s.title}] is tagged #{tag}, which is not a role argmap knows",
                    s.location,
                    hint,
                )
            )
    roles = {s.title: s.role for s in m.statements}
    # a role read from the relations (not tagged) contradicts nothing: one box may support a
    # claim and answer an objection
    tagged = {s.title for s in m.statements if s.role.value in {t.lower() for t in s.tags}}
    for r in m.relations:
        if r.source.kind is not NodeKind.STATEMENT or r.source.title not in tagged:
            continue
        role = roles.get(r.source.title)
        target = roles.get(r.target.title) if r.target.kind is NodeKind.STATEMENT else None
        problem = hint = ""
        if r.kind is RelationKind.SUPPORT and role in (Role.OBJECTION, Role.REBUTTAL):
            problem = f"[{r.source.title}] is tagged #{role} but supports {r.target}"
            hint = f"{'an objection' if role is Role.OBJECTION else 'a rebuttal'} attacks: write `-` "
            hint += "(or `_` for an undercut), or drop the tag"
        elif r.kind.is_conflict and role in (Role.EVIDENCE, Role.ASSUMPTION, Role.THESIS):
            problem = f"[{r.source.title}] is tagged #{role} but attacks {r.target}"
            hint = "a reason against something is an #objection; evidence and assumptions support"
        elif r.kind.is_conflict and role is Role.REBUTTAL and target not in (Role.OBJECTION, Role.REBUTTAL):
            problem = f"[{r.source.title}] is a #rebuttal, but {r.target} is not an objection"
            hint = "a rebuttal answers an objection; a reason against anything else is an #objection"
        if problem:
            out.append(_diagnostic("role-contradicts-relation", problem, r.location, hint))
    return out


def _terms(text: str, names: frozenset[str]) -> dict[str, str]:
    """The key terms of a text: stem -> the word as written (names and generic words left out)."""
    from ..judge.compare import tokens

    low = {w.lower() for w in names}
    out: dict[str, str] = {}
    for word in text.split():
        bare = word.strip("\"'“”‘’(),.:;!?")
        if not bare or bare.lower() in low:
            continue
        for stem in tokens(bare):
            if stem not in _GENERIC:
                out.setdefault(stem, bare.lower())
    return out


def _core(text: str) -> str:
    """A statement's claim without its elaboration: the words before the first colon."""
    head, sep, _ = text.partition(": ")
    return head if sep and len(head.split()) >= 3 else text


def _steps(m: ArgumentMap) -> list[tuple[Argument, Any]]:
    """Each argument's inference steps, except the last step of an argument the map itself
    undercuts: an undercut already says that the step from premises to conclusion is in doubt."""
    undercut = {
        r.target.title
        for r in m.relations
        if r.kind is RelationKind.UNDERCUT and r.target.kind is NodeKind.ARGUMENT
    }
    return [
        (a, inf)
        for a in m.arguments
        for k, inf in enumerate(a.inferences, 1)
        if not (a.title in undercut and k == len(a.inferences))
    ]


def _names(m: ArgumentMap) -> frozenset[str]:
    from ..judge.compare import capitalised_words

    return capitalised_words(m)


def check_rabbit_rule(m: ArgumentMap) -> list[Any]:
    """Rationale's "rabbit rule": every key term of a step's conclusion must appear in one
    of its premises ("you cannot pull a rabbit out of a hat").  A key term is a content
    word of the conclusion's core (the words before a colon), names left out.  A term
    the premises never mention is the sign of a missing bridge premise.

    >>> from argmap.checking.load import loads
    >>> m = loads("<A>\\n\\n(1) [P]: Sanctions squeeze both states.\\n----\\n"
    ...           "(2) [C]: Their partnership lacks conviction.")
    >>> [d.code for d in check_rabbit_rule(m)]
    ['rabbit-rule']
    """
    out = []
    for a, inf, wanted, premises in _step_terms(m):
        said = set().union(*premises.values())
        missing = list(dict.fromkeys(word for stem, word in wanted.items() if stem not in said))
        if missing:
            shown = ", ".join(f"“{w}”" for w in missing)
            out.append(
                _diagnostic(
                    "rabbit-rule",
                    f"<{a.title}>: the conclusion [{inf.conclusion}] speaks of {shown}, "
                    "which no premise mentions",
                    inf.location if inf.location.line else a.location,
                    "ask what must be true for the premises to support this conclusion, and write it "
                    "as a premise that links their terms to the conclusion's",
                )
            )
    return out


def check_holding_hands(m: ArgumentMap) -> list[Any]:
    """ "Holding hands": every premise of a step shares a key term with the conclusion or
    with another premise of the step.  A premise that connects to nothing either belongs
    to another step or needs a bridge premise.

    >>> from argmap.checking.load import loads
    >>> m = loads("<A>\\n\\n(1) [P]: Cats sleep.\\n(2) [Q]: Oil prices fell.\\n----\\n(3) [C]: Oil is cheap.")
    >>> [d.message for d in check_holding_hands(m)]
    ['<A>: the premise [P] shares no key term with the conclusion or the other premises']
    """
    names = _names(m)
    text = {s.title: s.text for s in m.statements}
    out = []
    for a, inf in _steps(m):
        terms = {p: set(_terms(text.get(p, p), names)) for p in inf.premises}
        goal = set(_terms(text.get(inf.conclusion, inf.conclusion), names))
        for p in inf.premises:
            others = set().union(goal, *(t for q, t in terms.items() if q != p))
            if terms[p] and not terms[p] & others:
                out.append(
                    _diagnostic(
                        "holding-hands",
                        f"<{a.title}>: the premise [{p}] shares no key term with the conclusion "
                        "or the other premises",
                        inf.location if inf.location.line else a.location,
                        "a premise must link to the others: say how it bears on the conclusion, "
                        "or move it to the step it belongs to",
                    )
                )
    return out


def teaching_checks(m: ArgumentMap) -> list[Any]:
    """All the checks the notebooks teach, as warnings: role tags, the rabbit rule,
    holding hands.  ``validate`` can add them in its ``teaching`` profile."""
    return [*check_role_tags(m), *check_rabbit_rule(m), *check_holding_hands(m)]


def feedback_on(
    learner: ArgumentMap,
    key: ArgumentMap,
    part: Iterable[str],
    *,
    optional: Iterable[str] = (),
    pick: int = 1,
    reveal: bool = False,
) -> View:
    """Feedback on the part of the case-study map a notebook asks the learner to write: their map
    is compared (statements, then relations) with the key, and the score and the feedback speak
    only of ``part`` (titles of the key's statements and arguments, or role names such as
    "thesis") and of what the learner picked from ``optional`` (``pick`` of them: "one of the
    reasons"; where it offers a reason and its evidence, the evidence is counted); the rest of
    the key is there only to say what a misplaced box is (a reason written as the thesis).
    Nothing of the key is quoted unless ``reveal``, so the learner can try again before the
    answer is shown."""
    from ..judge.compare import compare

    c = compare(learner, key, part=part, optional=optional, pick=pick, critique=True)
    text = c.feedback_text(reveal=reveal).rstrip("\n")
    checks = [f"{d.message} (hint: {d.hint})" for d in teaching_checks(learner)]
    if checks:
        text += "\nThe checklist:\n" + "\n".join(f"- {x}" for x in checks)
    return View(f"<pre class='argmap-feedback'>{html.escape(text)}</pre>", text)


# -- the learner whose exercise answers are saved ---------------------------------------------------


@dataclass
class Learner:
    """A named learner: the exercises of one notebook save their answers in the
    learner's annotation file (see :func:`learner`)."""

    name: str
    notebook: str
    store: AnnotationStore

    @property
    def path(self) -> Path:
        return Path(self.store.path)

    def answer(self, exercise: str) -> str | None:
        """The saved answer to an exercise of this notebook, or ``None``."""
        return self.store.annotations.exercise_answer(self.notebook, exercise)

    def save_answer(self, exercise: str, answer: str) -> None:
        """Save an answer at once (``""`` removes it); an unchanged answer writes nothing."""
        self.store.update(lambda a: a.with_exercise_answer(self.notebook, exercise, answer))

    def __repr__(self) -> str:
        return f"{self.name}'s answers to {self.notebook} are saved in {self.path.name}"

    def _repr_html_(self) -> str:
        return f"<span class='argmap-saved'>{html.escape(repr(self))}</span>"


_CURRENT: Learner | None = None


def current_learner() -> Learner | None:
    """The learner named by :func:`learner` in this kernel, or ``None``."""
    return _CURRENT


def learner(
    name: str | None,
    m: ArgumentMap | str | os.PathLike[str],
    *,
    notebook: str,
    folder: str | os.PathLike[str] | None = None,
) -> Learner | None:
    """Name the learner, so that the exercises created after this (``ask``, ``reveal``)
    save each answer in their annotation file for the map ``m`` (the file the
    workbench of notebook 8 uses, in the class folder ``folder``), under ``notebook``
    and the exercise's id, and fill in the saved answers when the notebook runs again.

    An empty ``name`` (or ``None``) names nobody: exercises keep answers in memory
    only, as they do without this call.  A file that cannot be used (damaged, another
    learner's, a folder that cannot be written) raises :class:`ValueError` saying
    why; the file is kept as it is.
    """
    global _CURRENT
    from ..checking.load import load

    who = " ".join((name or "").split())
    if not who:
        _CURRENT = None
        return None
    if not notebook.strip():
        raise ValueError("name the notebook (for example notebook='03'): answers are kept per notebook")
    the_map = m if isinstance(m, ArgumentMap) else load(m)
    path = learner_path(the_map, who, folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        store = AnnotationStore(path, the_map, who)
    except AnnotationError as exc:
        raise ValueError(f"your answers cannot be saved: {exc.diagnostic.message}") from None
    except OSError as exc:
        raise ValueError(
            f"your answers cannot be saved in {path.parent}: {exc.strerror or exc}. "
            "Ask your teacher to check the class folder (the ARGMAP_CLASS_DIR setting)."
        ) from None
    _CURRENT = Learner(who, notebook.strip(), store)
    return _CURRENT
