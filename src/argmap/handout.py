"""Printed handouts: a map, its outline, evidence, assumptions, objections and
critical questions, a learner's annotations and the source text, as one PDF.

The handout is HTML/CSS (``templates/handout.css``) rendered by WeasyPrint
(the ``pdf`` extra), with each Graphviz diagram inline as SVG, so the PDF keeps
vector text in DejaVu Sans, embedded.  Sections:

1. a title page, then the diagram: one page when the whole map is readable on
   one sheet, else the map **in parts** (see below);
2. the outline (the same words as ``argmap outline``);
3. each piece of evidence with its quote and paragraph;
4. assumptions, objections (with their rebuttals and undercuts) and the
   critical questions of each argumentation scheme the map uses;
5. with annotations: the learner's judgements, flags, notes, answers to
   critical questions and added nodes (judgements are also marked on the diagram);
6. appendix: the source text, paragraphs numbered, quoted passages highlighted.

**Fitting.**  A diagram is scaled down (never up) to the page, on a portrait or
landscape page, whichever shows it larger.  A map whose drawing would shrink below
:data:`MIN_SCALE` is split along its lines of support: the thesis with as many
whole lines (each line = an argument or reason and everything under it) as fit,
then further pages; a line still too large is drawn shallow (its head only) and
continued on its own pages, recursively, with the statement it supports repeated
at the top for context.  Every split is decided by measuring Graphviz's layout,
so no statement is cut off and none is printed smaller than ``MIN_SCALE``
(except a single node that alone is wider than the page, which is fitted).

All user text is HTML-escaped; the SVG goes through
:func:`argmap.export.svg_for_notebook` (no script, no event handler).
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from . import theme
from .annotations import ANSWERS, FLAGS, INFERENCE_JUDGEMENTS, STATEMENT_JUDGEMENTS, Annotations, parse_key
from .errors import ArgmapError, RenderError
from .export import pipe, render_many, svg_for_notebook
from .files import atomic_write
from .model import Argument, ArgumentMap, NodeKind, NodeRef, RelationKind, Role, Statement
from .outline import to_outline
from .render import PAGE_SIZES, NodeStyle, to_dot
from .schemes import get_scheme
from .source import Source

__all__ = ["MIN_SCALE", "PAPERS", "DiagramPage", "diagram_pages", "handout", "handout_html", "write_handout"]

#: Paper sizes a handout can be printed on.
PAPERS = ("A4", "Letter")
#: The smallest scale a diagram part is printed at (11 pt labels → 6.6 pt).
MIN_SCALE = 0.6
#: Text width (characters) of node labels in handouts: a little narrower than on
#: screen, so more of a map fits across a page.
WRAP = 30
_MARGIN_PT = 14 / 25.4 * 72  # the CSS page margin (14 mm) in points
_BOTTOM_PT = 16 / 25.4 * 72
_CAPTION_PT = 46  # the heading and caption above a diagram
_SLACK_PT = 4


class HandoutError(ArgmapError):
    """A handout cannot be made (e.g. WeasyPrint is not installed)."""


# -- the diagram, fitted or split ------------------------------------------------------------------


@dataclass(frozen=True)
class DiagramPage:
    """One diagram of the handout: which nodes it shows and how it is fitted.

    ``width_pt``/``height_pt`` is the drawing's natural size, ``scale`` the factor
    it is printed at, ``orientation`` its page's.
    """

    titles: frozenset[str]
    heading: str
    caption: str
    svg: str
    dot: str
    width_pt: float
    height_pt: float
    scale: float
    orientation: str

    @property
    def printed_size_pt(self) -> tuple[float, float]:
        return self.width_pt * self.scale, self.height_pt * self.scale


def _area(paper: str, orientation: str) -> tuple[float, float]:
    """The space for a drawing on a page: width, height in points."""
    w, h = (v * 72 for v in PAGE_SIZES[paper])
    if orientation == "landscape":
        w, h = h, w
    return (w - 2 * _MARGIN_PT - _SLACK_PT, h - _MARGIN_PT - _BOTTOM_PT - _CAPTION_PT - _SLACK_PT)


def _fit(width: float, height: float, paper: str) -> tuple[float, str]:
    """The scale (at most 1) and the orientation that print a drawing largest."""
    best = (0.0, "portrait")
    for orientation in ("portrait", "landscape"):
        aw, ah = _area(paper, orientation)
        scale = min(aw / max(width, 1.0), ah / max(height, 1.0), 1.0)
        if scale > best[0] + 1e-9:
            best = (scale, orientation)
    return best


_SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"\s+height="([\d.]+)pt"')


def _size(svg: str) -> tuple[float, float]:
    found = _SVG_SIZE.search(svg)
    if found is None:
        raise RenderError("Graphviz returned an SVG without a size")
    return float(found.group(1)), float(found.group(2))


@dataclass
class _Unit:
    """A node of the map's support tree: a statement, or an argument with its premises."""

    head: NodeRef
    members: set[str]
    kids: list[_Unit] = field(default_factory=list)
    _all: frozenset[str] | None = None

    def everything(self) -> frozenset[str]:
        if self._all is None:
            out = set(self.members)
            for k in self.kids:
                out |= k.everything()
            self._all = frozenset(out)
        return self._all


def _support_tree(m: ArgumentMap) -> list[_Unit]:
    """The map as a forest of units hanging below their theses (or other tops).

    Children of a statement: the arguments concluding it and every node that
    supports or attacks it; children of an argument: what attacks or undercuts it.
    A node reached twice is expanded only the first time (cycles end).
    """
    below: dict[NodeRef, list[NodeRef]] = {}

    def add(parent: NodeRef, child: NodeRef) -> None:
        kids = below.setdefault(parent, [])
        if child not in kids and child != parent:
            kids.append(child)

    for a in m.arguments:
        for inf in a.inferences:
            add(NodeRef.statement(inf.conclusion), a.ref)
    for r in m.relations:
        add(r.target, r.source)

    def members(ref: NodeRef) -> set[str]:
        node = m.get(ref)
        out = {ref.title}
        if isinstance(node, Argument):
            concluded = node.conclusion
            for inf in node.inferences:
                out.update(inf.premises)
                if inf.conclusion != concluded:
                    out.add(inf.conclusion)
        return out

    sources = {r.source for r in m.relations}
    premises = {NodeRef.statement(p) for a in m.arguments for i in a.inferences for p in i.premises}
    everything = [s.ref for s in m.statements] + [a.ref for a in m.arguments]
    theses = [s.ref for s in m.statements if s.role is Role.THESIS]
    tops = theses + [r for r in everything if r not in sources and r not in premises and r not in theses]
    expanded: set[NodeRef] = set()
    placed: set[str] = set()

    def build(ref: NodeRef) -> _Unit:
        unit = _Unit(ref, members(ref))
        placed.update(unit.members)
        queue = [unit]
        while queue:  # breadth first: a node is expanded where it is nearest its top
            u = queue.pop(0)
            heads = [u.head] + [NodeRef.statement(t) for t in sorted(u.members - {u.head.title})]
            for h in heads:
                if h in expanded:
                    continue
                expanded.add(h)
                for child in below.get(h, ()):
                    if child in expanded or (child.kind is NodeKind.STATEMENT and child.title in u.members):
                        continue
                    if child.kind is NodeKind.ARGUMENT and child.title in u.members:
                        continue
                    kid = _Unit(child, members(child) - {u.head.title})
                    placed.update(kid.members)
                    u.kids.append(kid)
                    queue.append(kid)
        return unit

    forest = [build(t) for t in tops if t not in expanded]
    for ref in everything:  # cycles with no top: start from their first node
        if ref.title not in placed:
            forest.append(build(ref))
    return forest


#: The densest a Graphviz tree layout gets: the share of its area its nodes cover.
_DENSEST = 0.5
_NODE_BOX = re.compile(r'<g id="argmap&#45;([a-z0-9_]+)" class="node[^>]*>.*?\s(?:points|d)="([^"]*)"', re.S)


class _Planner:
    """Splits a map into diagram parts by measuring Graphviz layouts."""

    def __init__(self, m: ArgumentMap, paper: str, styles: Mapping[str, NodeStyle]):
        self.m = m
        self.paper = paper
        self.styles = styles
        self.cache: dict[frozenset[str], tuple[str, float, float]] = {}
        self.areas: dict[str, float] = {}
        self.parts: list[tuple[frozenset[str], str, str]] = []

    def dot(self, titles: Iterable[str] | None) -> str:
        return to_dot(self.m, include=titles, wrap=WRAP, annotations_style=self.styles, legend=True)

    def measure(self, titles: frozenset[str]) -> tuple[str, float, float]:
        if titles not in self.cache:
            svg = pipe(self.dot(titles)).decode("utf-8")
            self.cache[titles] = (svg, *_size(svg))
        return self.cache[titles]

    def measure_many(self, candidates: list[frozenset[str]]) -> None:
        todo = list(dict.fromkeys(c for c in candidates if c not in self.cache and not self.cannot_fit(c)))
        if todo:
            for titles, data in zip(todo, render_many([self.dot(t) for t in todo]), strict=True):
                svg = data.decode("utf-8")
                self.cache[titles] = (svg, *_size(svg))

    def learn_areas(self, svg: str) -> None:
        """Each node's area in the whole map's layout (node sizes do not depend on layout)."""
        names: dict[str, str] = {}
        for i, s in enumerate(self.m.statements):
            names.setdefault(f"s{i}", s.title)
        for i, a in enumerate(self.m.arguments):
            names.setdefault(f"a{i}", a.title)
        for found in _NODE_BOX.finditer(svg):
            title = names.get(found.group(1).split("_")[0])
            numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", found.group(2))]
            if title is None or len(numbers) < 4:
                continue
            xs, ys = numbers[0::2], numbers[1::2]
            area = (max(xs) - min(xs)) * (max(ys) - min(ys))
            self.areas[title] = self.areas.get(title, 0.0) + area

    def cannot_fit(self, titles: frozenset[str]) -> bool:
        """True when the nodes alone, packed unusually densely, would not fit at ``MIN_SCALE``:
        such a candidate is not laid out (a saving only: what is printed is measured)."""
        if not self.areas:
            return False
        aw, ah = _area(self.paper, "landscape")
        room = aw * ah / (MIN_SCALE * MIN_SCALE)
        return sum(self.areas.get(t, 0.0) for t in titles) > _DENSEST * room

    def fits(self, titles: frozenset[str]) -> bool:
        if titles not in self.cache and self.cannot_fit(titles):
            return False
        _, w, h = self.measure(titles)
        return _fit(w, h, self.paper)[0] >= MIN_SCALE

    def likely(self, shown: frozenset[str], extra: frozenset[str], base: frozenset[str]) -> bool:
        """Whether ``shown`` and ``extra`` (both hanging below ``base``) may fit together.

        Side by side below a common base, two drawings are about as wide as both
        minus the base: a union that clearly cannot fit is not laid out at all
        (this only saves time; what is printed is always measured).
        """
        _, sw, sh = self.measure(shown)
        _, ew, eh = self.measure(extra)
        _, bw, _ = self.measure(base)
        return _fit(sw + ew - bw, max(sh, eh), self.paper)[0] >= MIN_SCALE * 0.85

    def chain(self, base: frozenset[str], pieces: list[frozenset[str]], i: int) -> list[frozenset[str]]:
        """The groups ``pieces[i:j]`` (with ``base``) that may fit, by estimate: laid out
        together in one Graphviz run before the greedy grouping asks for them."""
        _, bw, _ = self.measure(base)
        _, w, h = self.measure(base | pieces[i])
        shown, out = base | pieces[i], []
        for piece in pieces[i + 1 :]:
            _, pw, ph = self.measure(base | piece)
            w, h = w + pw - bw, max(h, ph)
            if _fit(w, h, self.paper)[0] < MIN_SCALE * 0.85:
                break
            shown = shown | piece
            out.append(shown)
        return out

    def emit(self, titles: frozenset[str], heading: str, caption: str) -> None:
        self.parts.append((titles, heading, caption))

    def plan(self, unit: _Unit, context: str | None, shown_in: int | None = None) -> None:
        ctx = frozenset([context]) if context else frozenset()
        name = _ref_text(self.m, unit.head)
        continued = f"Continued from part {shown_in}, below {_quoted(context)}: " if shown_in else ""
        whole = ctx | unit.everything()
        if self.fits(whole):
            self.emit(whole, name, continued + "everything under it.")
            return
        base = ctx | unit.members
        # Pre-measure the likely candidates in one Graphviz process.
        kid_ctx = frozenset([unit.head.title]) if unit.head.kind is NodeKind.STATEMENT else frozenset()
        self.measure_many(
            [
                base,
                *(base | k.everything() for k in unit.kids),
                *(base | k.members for k in unit.kids),
                *(
                    kid_ctx | k.everything() for k in unit.kids if k.kids
                ),  # what each kid's own plan tries first
            ]
        )
        groups: list[list[_Unit]] = []
        deep: list[_Unit] = []
        part_of: dict[int, int] = {}  # a deep kid → the part that shows its head
        pieces: list[frozenset[str]] = []
        for kid in unit.kids:
            if self.fits(base | kid.everything()):
                pieces.append(kid.everything())
            else:
                deep.append(kid)
                pieces.append(frozenset(kid.members))
        i = 0
        while i < len(pieces):
            shown = base | pieces[i]
            self.measure_many(self.chain(base, pieces, i))
            j = i + 1
            while (
                j < len(pieces)
                and self.likely(shown, base | pieces[j], base)
                and self.fits(shown | pieces[j])
            ):
                shown |= pieces[j]
                j += 1
            groups.append(unit.kids[i:j])
            i = j
        if not groups:
            self.emit(base, name, continued + "this statement alone.")
        for n, g in enumerate(groups, 1):
            titles = base | frozenset().union(
                *(k.everything() if k not in deep else frozenset(k.members) for k in g)
            )
            heads = ", ".join(_ref_text(self.m, k.head) for k in g)
            more = [k for k in g if k in deep]
            text = f"{continued}the reasons and objections under it: {heads}"
            if len(groups) > 1:
                text += f" (group {n} of {len(groups)})"
            if more:
                text += "; continued on later pages: " + ", ".join(_ref_text(self.m, k.head) for k in more)
            self.emit(titles, name, text + ".")
            for k in more:
                part_of[id(k)] = len(self.parts)
        for kid in deep:
            context = unit.head.title if unit.head.kind is NodeKind.STATEMENT else None
            self.plan(kid, context, part_of.get(id(kid)))


def diagram_pages(
    m: ArgumentMap, *, paper: str = "A4", styles: Mapping[str, NodeStyle] | None = None
) -> list[DiagramPage]:
    """The diagram as printed in a handout: one page, or the map in parts.

    Needs Graphviz.  See the module docstring for how a large map is split.
    """
    _check_paper(paper)
    planner = _Planner(m, paper, styles or {})
    everything = frozenset(s.title for s in m.statements) | frozenset(a.title for a in m.arguments)
    if not everything:
        return []
    svg = pipe(planner.dot(None)).decode("utf-8")
    w, h = _size(svg)
    scale, orientation = _fit(w, h, paper)
    planner.cache[everything] = (svg, w, h)
    planner.learn_areas(svg)
    if scale >= MIN_SCALE:
        return [
            DiagramPage(everything, "The whole map", "", svg, planner.dot(None), w, h, scale, orientation)
        ]
    for unit in _support_tree(m):
        planner.plan(unit, None)
    pages = []
    n = len(planner.parts)
    for k, (titles, heading, caption) in enumerate(planner.parts, 1):
        svg, w, h = planner.measure(titles)
        scale, orientation = _fit(w, h, paper)
        pages.append(
            DiagramPage(
                titles,
                f"Part {k} of {n}: {heading}",
                caption,
                svg,
                planner.dot(titles),
                w,
                h,
                scale,
                orientation,
            )
        )
    return pages


def _sized_svg(page: DiagramPage) -> str:
    svg = svg_for_notebook(page.svg)
    w, h = page.printed_size_pt
    return _SVG_SIZE.sub(
        lambda mt: (
            mt.group(0)
            .replace(f'width="{mt.group(1)}pt"', f'width="{w:.2f}pt"', 1)
            .replace(f'height="{mt.group(2)}pt"', f'height="{h:.2f}pt"', 1)
        ),
        svg,
        count=1,
    )


# -- text helpers ----------------------------------------------------------------------------------

_esc = html.escape


def _quoted(title: str | None) -> str:
    return f"“{title}”" if title else ""


def _ref_text(m: ArgumentMap, ref: NodeRef) -> str:
    return str(ref)


def _check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; valid: {', '.join(PAPERS)}")


_MD_TOKEN = re.compile(r"\\(.)|\*\*|\*|[^\\*]+", re.S)


def _md_inline(text: str) -> str:
    """The outline's inline Markdown (bold, italic, backslash escapes) as safe HTML."""
    out: list[str] = []
    bold = italic = False
    for tok in _MD_TOKEN.finditer(text):
        t = tok.group(0)
        if tok.group(1) is not None:
            out.append(_esc(tok.group(1)))
        elif t == "**":
            out.append("</strong>" if bold else "<strong>")
            bold = not bold
        elif t == "*":
            out.append("</em>" if italic else "<em>")
            italic = not italic
        else:
            out.append(_esc(t))
    if italic:
        out.append("</em>")
    if bold:
        out.append("</strong>")
    return "".join(out)


def _outline_html(m: ArgumentMap) -> str:
    """:func:`argmap.outline.to_outline` as nested HTML lists."""
    out: list[str] = []
    depth = -1
    for line in to_outline(m).splitlines():
        item = re.match(r"^( *)- (.*)$", line)
        if item is None:
            while depth >= 0:
                out.append("</li></ul>")
                depth -= 1
            heading = re.match(r"^#+ (.*)$", line)
            if heading:
                out.append(f"<h3>{_md_inline(heading.group(1))}</h3>")
            elif line.strip():
                out.append(f"<p>{_md_inline(line)}</p>")
            continue
        level = len(item.group(1)) // 2
        if level > depth:
            out.extend("<ul><li>" for _ in range(level - depth))
        else:
            out.append("</li>")
            for _ in range(depth - level):
                out.append("</ul></li>")
            out.append("<li>")
        depth = level
        out.append(_md_inline(item.group(2)))
    while depth >= 0:
        out.append("</li></ul>")
        depth -= 1
    return "\n".join(out)


def _role_word(s: Statement) -> str:
    word = theme.ROLES[s.role].word
    if s.role is Role.EVIDENCE and s.basis is not None:
        word += f" · {s.basis.label}"
    if s.role is Role.ASSUMPTION:
        word = "ASSUMPTION (unstated)"
    return word


def _statement_block(s: Statement, extra: str = "", css: str = "") -> str:
    text = f"<p>{_esc(s.text)}</p>" if s.text.strip() and s.text.strip() != s.title.strip() else ""
    return (
        f'<div class="item {css}"><div class="role">{_esc(_role_word(s))}</div>'
        f"<h3>{_esc(s.title)}</h3>{text}{extra}</div>"
    )


# -- sections --------------------------------------------------------------------------------------


def _evidence_html(m: ArgumentMap) -> str:
    items = []
    for s in m.by_role(Role.EVIDENCE):
        supports = [
            str(r.target) for r in m.relations if r.source == s.ref and r.kind is RelationKind.SUPPORT
        ]
        extra = ""
        if s.quote:
            extra += f"<blockquote>“{_esc(s.quote)}”</blockquote>"
        where = []
        if s.anchor is not None:
            where.append(f"paragraph {s.anchor.paragraph} of the text (¶ {s.anchor.paragraph})")
        elif s.quote:
            where.append("the quote is not anchored in a source text")
        else:
            where.append("no quote")
        if supports:
            where.append("supports " + ", ".join(supports))
        extra += f'<p class="where">{_esc("; ".join(where))}</p>'
        items.append(_statement_block(s, extra))
    if not items:
        return "<p>The map has no statement marked as evidence.</p>"
    return "\n".join(items)


def _assumptions_html(m: ArgumentMap) -> str:
    items = []
    for s in m.by_role(Role.ASSUMPTION):
        needed = [str(a.ref) for a in m.arguments if any(s.title in i.premises for i in a.inferences)]
        against = [str(r.source) for r in m.relations if r.target == s.ref and r.kind.is_conflict]
        parts = []
        if needed:
            parts.append("needed by " + ", ".join(needed))
        if against:
            parts.append("questioned by " + ", ".join(against))
        extra = f'<p class="where">{_esc("; ".join(parts))}</p>' if parts else ""
        items.append(_statement_block(s, extra, "assumption"))
    if not items:
        return "<p>The map names no unstated assumption.</p>"
    return "\n".join(items)


_CONFLICT_WORDS = {
    RelationKind.ATTACK: "against",
    RelationKind.UNDERCUT: "undercuts (grants the premises, denies that they support the conclusion of)",
    RelationKind.CONTRARY: "contrary to",
    RelationKind.CONTRADICTORY: "contradicts",
}


def _objections_html(m: ArgumentMap) -> str:
    conflicts = [r for r in m.relations if r.kind.is_conflict]
    attackers = [s for s in m.statements if s.role is Role.OBJECTION]
    seen = {s.title for s in attackers}
    for r in conflicts:
        src = m.get(r.source)
        if isinstance(src, Statement) and src.title not in seen and src.role is not Role.REBUTTAL:
            attackers.append(src)
            seen.add(src.title)
    listed_rebuttals: set[str] = set()
    items = []
    for s in attackers:
        targets = [f"{_CONFLICT_WORDS[r.kind]} {r.target}" for r in conflicts if r.source == s.ref]
        answers = [r for r in conflicts if r.target == s.ref]
        extra = f'<p class="where">{_esc("; ".join(targets))}</p>' if targets else ""
        if answers:
            lis = []
            for r in answers:
                node = m.get(r.source)
                listed_rebuttals.add(r.source.title)
                text = node.text if isinstance(node, (Statement, Argument)) else ""
                lis.append(f"<li><strong>{_esc(str(r.source))}</strong> {_esc(text)}</li>")
            extra += f'<p class="where">answered by:</p><ul class="rebuttals">{"".join(lis)}</ul>'
        items.append(_statement_block(s, extra, "objection"))
    for s in m.by_role(Role.REBUTTAL):
        if s.title not in listed_rebuttals:
            targets = [f"against {r.target}" for r in conflicts if r.source == s.ref]
            extra = f'<p class="where">{_esc("; ".join(targets))}</p>' if targets else ""
            items.append(_statement_block(s, extra, "objection"))
    if not items:
        return "<p>The map records no objection.</p>"
    return "\n".join(items)


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
        note = ("⚑ " + ", ".join(a.flags)) if a.flags else ""
        if mark or note:
            styles[k.title] = NodeStyle(mark=mark, note=note, penwidth=2.5 if a.flags else None)
    return styles


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
    from .validate import find_source

    found, _problems = find_source(m)
    return found


def _appendix_html(m: ArgumentMap, src: Source) -> str:
    from .source import highlight_html

    anchors = {s.title: s.anchor for s in m.statements if s.anchor is not None}
    try:
        body = highlight_html(src, anchors)
    except ValueError:  # anchors from another version of the text
        body = highlight_html(src, {})
    meta = f"{src.name}: {len(src.paragraphs)} paragraphs, quoted passages marked."
    return f'<p class="meta">{_esc(meta)}</p>{body}'


# -- the document ----------------------------------------------------------------------------------


def _css(paper: str) -> str:
    css = resources.files("argmap").joinpath("templates/handout.css").read_text(encoding="utf-8")
    size = {"A4": "A4", "Letter": "letter"}[paper]
    return (
        css
        + f"\n@page {{ size: {size} portrait; }}\n@page portrait {{ size: {size} portrait; }}\n"
        + f"@page landscape {{ size: {size} landscape; }}\n"
    )


def _load_annotations(
    m: ArgumentMap, annotations: Annotations | str | os.PathLike[str] | None
) -> Annotations | None:
    if annotations is None or isinstance(annotations, Annotations):
        return annotations
    from .annotations import load

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
        from .source import anchor_quotes

        m, _ = anchor_quotes(m, src)  # a source given here: find the quotes' paragraphs in it
    styles = annotation_styles(m, ann) if ann is not None else {}
    pages = diagram_pages(m, paper=paper, styles=styles)
    heading = title or m.title or "Argument map"
    chapters: list[tuple[str, str, str]] = [
        ("outline", "Outline", f'<div class="outline">{_outline_html(m)}</div>'),
        ("evidence", "Evidence", _evidence_html(m)),
        ("assumptions", "Unstated assumptions", _assumptions_html(m)),
        ("objections", "Objections, rebuttals and undercuts", _objections_html(m)),
        ("questions", "Critical questions", _questions_html(m)),
    ]
    if ann is not None:
        chapters.append(("annotations", "The learner’s annotations", _annotations_html(m, ann)))
    if src is not None:
        chapters.append(("source", "Appendix: the source text", _appendix_html(m, src)))

    meta = [f"{len(m.statements)} statements, {len(m.arguments)} arguments"]
    if src is not None:
        meta.append(f"source: {src.name}")
    if ann is not None:
        meta.append(f"annotations by {ann.learner or '(no name)'}")
    contents = []
    if pages:
        what = "the whole map" if len(pages) == 1 else f"the map in {len(pages)} parts"
        contents.append(f"<li>Diagram: {what}</li>")
    contents += [f"<li>{_esc(name)}</li>" for _, name, _ in chapters]
    split = ""
    if len(pages) > 1:
        split = (
            "<p>The map is too large to print readably on one page, so the diagram comes in parts: "
            "first the thesis with the lines of support that fit beside it, then each line that "
            "needed more room on pages of its own, with the statement it supports repeated at the top.</p>"
        )
    body = [
        f"<h1>{_esc(heading)}</h1>",
        f'<p class="meta">{_esc(" · ".join(meta))}</p>',
        '<h2>Contents</h2><ol class="contents">' + "".join(contents) + "</ol>",
        split,
        "<p>How to read the diagram: the thesis is at the top; arrows point from a reason to what it "
        "supports. Every node says its role in words (THESIS, CLAIM, EVIDENCE, ASSUMPTION, OBJECTION, "
        "REBUTTAL), and line styles and words on the arrows (because, however, but) tell support, "
        "objection and rebuttal apart; the key on each diagram page explains them.</p>",
    ]
    for k, p in enumerate(pages):
        caption = f'<p class="caption">{_esc(p.caption)}</p>' if p.caption else ""
        w, h = p.printed_size_pt
        picture = (
            _sized_svg(p)
            if inline_svg
            else f'<div class="slot" id="{_SLOT}{k}" style="width: {w:.2f}pt; height: {h:.2f}pt"></div>'
        )
        body.append(
            f'<section class="diagram {p.orientation}" data-scale="{p.scale:.3f}">'
            f"<h2>{_esc(p.heading)}</h2>{caption}{picture}</section>"
        )
    for key, name, content in chapters:
        body.append(f'<section class="chapter" id="{key}"><h2>{_esc(name)}</h2>{content}</section>')
    document = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_esc(heading)}</title><style>{_css(paper)}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )
    return document, pages


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """A handout is self-contained: WeasyPrint may fetch nothing (no file, no network)."""
    raise ValueError(f"a handout loads no outside resource ({url[:60]!r})")


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError as exc:
        raise HandoutError(
            "handouts need WeasyPrint, which is not installed: pip install 'argmap[pdf]'"
        ) from exc
    return weasyprint


def handout(
    m: ArgumentMap,
    *,
    annotations: Annotations | str | os.PathLike[str] | None = None,
    source: Source | str | os.PathLike[str] | None = None,
    paper: str = "A4",
    title: str | None = None,
) -> bytes:
    """The handout as PDF bytes (see the module docstring for what it holds).

    ``annotations``: a learner's :class:`~argmap.annotations.Annotations` or the
    path of their file (checked against ``m``).  ``source``: the text the map
    quotes (a :class:`~argmap.source.Source` or a path); by default the map's
    ``source:``.  ``paper``: ``"A4"`` or ``"Letter"``.
    """
    weasyprint = _weasyprint()
    document, pages = _document(m, annotations, source, paper, title, inline_svg=False)
    rendered = weasyprint.HTML(string=document, url_fetcher=_refuse_fetch).render()
    slots: dict[int, tuple[int, float, float]] = {}
    for number, page in enumerate(rendered.pages):
        for name, (x, y, *_) in page.anchors.items():
            if name.startswith(_SLOT):
                k = int(name[len(_SLOT) :])
                slots[k] = (number, x * _PX, y * _PX)
                w, h = pages[k].printed_size_pt
                # The promise "nothing cut off", checked on the laid-out page itself.
                if x * _PX + w > page.width * _PX + 0.5 or y * _PX + h > page.height * _PX + 0.5:
                    raise RenderError(f"diagram {k + 1} does not fit on page {number + 1}")
    pdf: bytes = rendered.write_pdf()
    if not pages:
        return pdf
    drawings = render_many([p.dot for p in pages], "pdf")
    return _overlay(pdf, pages, drawings, slots)


#: The id prefix of the empty boxes that the diagrams are drawn into.
_SLOT = "argmap-diagram-"
_PX = 0.75  # one CSS px in points


def _overlay(
    pdf: bytes, pages: list[DiagramPage], drawings: list[bytes], slots: Mapping[int, tuple[int, float, float]]
) -> bytes:
    """Draw each diagram (Graphviz's own vector PDF) into its box on its page."""
    import io

    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for k, (page, drawing) in enumerate(zip(pages, drawings, strict=True)):
        if k not in slots:
            raise RenderError(f"the handout lost the place of diagram {k + 1}")
        number, x, y = slots[k]
        target = writer.pages[number]
        picture = PdfReader(io.BytesIO(drawing)).pages[0]
        box = picture.mediabox
        w, h = page.printed_size_pt
        scale = min(w / float(box.width), h / float(box.height))
        top = float(target.mediabox.height) - y
        move = Transformation().translate(-float(box.left), -float(box.bottom)).scale(scale, scale)
        target.merge_transformed_page(picture, move.translate(x, top - float(box.height) * scale))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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
