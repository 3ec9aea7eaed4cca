"""A map on paper: an overview page, then the lines of support, every word readable.

Paper is not a screen: a drawing shrunk to fit prints its text too small to read.
So nothing here is printed below :data:`MIN_SCALE` (the smallest label text, 9 pt,
prints at 7 pt; body text at 8.5 pt).  A map that fits one page at that scale is one
page.  A bigger one is planned as

1. an **overview**: each main claim (the thesis), its lines of support and the
   objections that bear on it directly, each line as a box with what it holds;
   under the picture, on which page each line goes on ("continued on p. 3"), then
   the map's one key;
2. **the lines**, in order: a few small lines share one view (the claim they
   support drawn once, not once per line); a line too big for one page is printed
   with its evidence folded into counts, followed by a view of each premise with
   its evidence.  A line with nothing under it has no view: the overview shows it
   whole.  No view only repeats what another shows;
3. views packed onto pages in order, several to a page when they fit, all pages in
   one orientation, each page numbered ("page 3 of 12") and the PDF titled and
   tagged (:func:`document_pdf`).

Every size is measured from Graphviz's layout, never guessed, and the layouts are
made in as few ``dot`` runs as the plan has rounds: every view the plan needs is
drawn in one run; only a view that does not fit is split, and all the splits of a
round are drawn together in the next run (:func:`plan` on the case study: one run).
Needs Graphviz.
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import re
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from .draw.dot import key_dot
from .draw.overview import overview_dot
from .draw.scene import Graph, build_scene, resolve
from .draw.style import PAGE_SIZES, NodeStyle, PageOptions
from .draw.view import Overview, Top, overview
from .errors import ArgmapError, RenderError
from .model import ArgumentMap, NodeKind, NodeRef, RelationKind, Role
from .output.graphviz import render_many
from .output.svg import svg_for_notebook
from .render import to_dot
from .text import count, shorten
from .theme import SMALL_FONT_SIZE

__all__ = [
    "MIN_SCALE",
    "MIN_TEXT_PT",
    "PrintError",
    "View",
    "document_html",
    "document_pdf",
    "plan",
    "print_pdf",
]

#: The smallest printed text, in points.
MIN_TEXT_PT = 7.0
#: The smallest scale a drawing is printed at: its smallest text prints at MIN_TEXT_PT.
MIN_SCALE = MIN_TEXT_PT / SMALL_FONT_SIZE
#: Label width (characters) of the views on paper.
WRAP = 32
#: Label widths tried for each view, all in the same Graphviz run (a tall view prints
#: larger with wider labels, a wide one with narrower).
WRAPS = (24, 32, 40)
#: Packing may print a view down to this scale (9 pt text at 7.7 pt) to keep it on the
#: page before; never below MIN_SCALE.
PACK_SCALE = 0.86
#: Room (pt) a view's heading and caption take above its drawing.
CAPTION_PT = 48.0
#: Maps up to this many statements and arguments are first tried whole on one page.
WHOLE_LIMIT = 80
#: Small lines share a view up to about this many boxes.
GROUP_NODES = 12
#: A view of this many boxes or more is not tried on one page: it is split at once.
PAGE_NODES = 40
#: A view of fewer boxes most likely fits a page: what lies under it is not drawn ahead.
SMALL_NODES = 6
_SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"\s+height="([\d.]+)pt"')


class PrintError(ArgmapError):
    """A map cannot be printed readably (and cannot be split further)."""


@dataclass(frozen=True)
class View:
    """One drawing on paper: what it shows, its DOT and drawing, natural size and scale.

    ``svg`` holds Graphviz's SVG when planned for HTML, ``drawing`` its PDF when
    planned for a PDF.  ``lines``: the lines of support the view shows (titles);
    ``points_to``: on an overview, the lines it names, by their number there."""

    heading: str
    caption: str
    dot: str
    svg: str
    width_pt: float
    height_pt: float
    scale: float
    page: int = 0  # 1-based, set when the views are packed
    first_on_page: bool = True
    lines: tuple[str, ...] = field(default=(), compare=False)
    drawing: bytes = field(default=b"", compare=False, repr=False)
    points_to: tuple[tuple[int, str], ...] = field(default=(), compare=False)
    extra_pt: float = 0.0  # room (pt) its text under the picture takes: the page references

    @property
    def printed_size_pt(self) -> tuple[float, float]:
        return self.width_pt * self.scale, self.height_pt * self.scale


#: Paper sizes in points, exactly (PAGE_SIZES holds inches, rounded).
PAPER_PT = {
    "A4": (595.28, 841.89),
    "A3": (841.89, 1190.55),
    "Letter": (612.0, 792.0),
    "Legal": (612.0, 1008.0),
}
#: Page margins (pt): the handout's CSS (14 mm, and 16 mm at the bottom for the footer).
MARGIN_PT = 14 / 25.4 * 72
BOTTOM_PT = 16 / 25.4 * 72


def area(paper: str, orientation: str = "portrait") -> tuple[float, float]:
    """Width and height (pt) a drawing may take on a page, margins and caption left out."""
    w, h = (v * 72 for v in PAGE_SIZES[paper])
    if orientation == "landscape":
        w, h = h, w
    return w - 2 * MARGIN_PT - 2, h - MARGIN_PT - BOTTOM_PT - CAPTION_PT - 4


def _size(svg: str) -> tuple[float, float]:
    found = _SVG_SIZE.search(svg)
    if found is None:
        raise RenderError("Graphviz returned an SVG without a size")
    return float(found.group(1)), float(found.group(2))


@dataclass
class _Job:
    heading: str
    caption: str
    options: dict[str, object]
    lines: tuple[str, ...] = ()
    points_to: tuple[tuple[int, str], ...] = ()


#: A step of the plan: it yields the jobs it needs drawn, gets their views back, and
#: finally returns its views in print order.
_Task = Generator[list[_Job], list[View], list[View]]


class _Printer:
    """Draws the jobs of a plan: lays each out in SVG (to measure it) through a cache,
    so a view drawn ahead in an earlier run costs nothing when it is asked for."""

    def __init__(self, m: ArgumentMap, paper: str, orientation: str, styles: Mapping[str, NodeStyle]):
        self.m = m
        self.graph = Graph(m)  # what hangs under what, built once per plan
        self.paper = paper
        self.room = area(paper, orientation)
        self.styles = dict(styles)
        self.done: set[NodeRef] = set()  # what some view already opens
        self.runs = 0  # Graphviz runs
        self.drawn: dict[str, str] = {}  # DOT → its SVG
        self.reserve = 0.0  # room (pt) kept free at the top of the first page, for a title
        self.ahead: list[str] = []  # DOT to lay out with the next run

    def dot(self, job: _Job) -> str:
        if "key" in job.options:
            scene = build_scene(self.m, detail="full", styles=self.styles)
            return key_dot(scene, str(job.options["key"]))
        if "dot" in job.options:
            return str(job.options["dot"])
        options = {k: v for k, v in job.options.items() if k not in ("wraps", "rankdirs")}
        notes = options.pop("notes", {})
        styles = {**self.styles, **notes}  # type: ignore[dict-item]
        options.setdefault("wrap", WRAP)
        options.setdefault("sections", False)  # on paper a view is one line: no section groups
        return to_dot(self.m, annotations_style=styles, **options)  # type: ignore[arg-type]

    def tries(self, job: _Job) -> list[str]:
        """The job's DOT at each label width (``wraps``) and orientation (``rankdirs``)
        tried; all drawn in the same run."""
        wraps, rankdirs = job.options.get("wraps"), job.options.get("rankdirs")
        if not isinstance(wraps, tuple) and not isinstance(rankdirs, tuple):
            return [self.dot(job)]
        base = {k: v for k, v in job.options.items() if k not in ("wraps", "rankdirs")}
        return [
            self.dot(_Job(job.heading, job.caption, {**base, "wrap": w, "rankdir": r}))
            for w in (wraps if isinstance(wraps, tuple) else (WRAP,))
            for r in (rankdirs if isinstance(rankdirs, tuple) else ("auto",))
        ]

    def draw_ahead(self, jobs: Sequence[_Job]) -> None:
        """Lay these out with the next run: views the plan will most likely ask for."""
        self.ahead += [d for job in jobs for d in self.tries(job) if d not in self.drawn]

    def draw(self, jobs: Sequence[_Job]) -> list[View]:
        """Lay out every job (and what was asked ahead) in ONE Graphviz run, unless
        drawn already; each view at the largest scale that fits the page (never above 1)."""
        if not jobs:
            return []
        tries = [self.tries(job) for job in jobs]
        missing = list(dict.fromkeys([*(d for ds in tries for d in ds if d not in self.drawn), *self.ahead]))
        self.ahead = []
        if missing:
            self.runs += 1
            for dot, data in zip(missing, render_many(missing, "svg"), strict=True):
                self.drawn[dot] = data.decode("utf-8")
        views = []
        for job, ds in zip(jobs, tries, strict=True):
            best: View | None = None
            for dot in ds:
                svg = self.drawn[dot]
                w, h = _size(svg)
                view = View(
                    job.heading, job.caption, dot, svg, w, h, 1.0, lines=job.lines, points_to=job.points_to
                )
                room_h = self.room[1] - view.extra_pt
                view = replace(view, scale=min(self.room[0] / max(w, 1.0), room_h / max(h, 1.0), 1.0))
                # the largest text; of those, the least paper
                if best is None or (view.scale, -view.printed_size_pt[1]) > (
                    best.scale,
                    -best.printed_size_pt[1],
                ):
                    best = view
            assert best is not None
            views.append(best)
        return views

    def finish(self, views: list[View], fmt: str) -> list[View]:
        """The views as planned, drawn for ``fmt``: PDF in one more run."""
        if fmt != "pdf" or not views:
            return views
        self.runs += 1
        return _drawings(views)


def _drawings(views: list[View]) -> list[View]:
    """Each view with Graphviz's PDF of it (one run for all)."""
    drawings = render_many([v.dot for v in views], "pdf") if views else []
    return [replace(v, drawing=d) for v, d in zip(views, drawings, strict=True)]


def _drive(printer: _Printer, task: _Task) -> list[View]:
    """Run a plan: each round's jobs, from every step at once, in one Graphviz run."""
    try:
        jobs = next(task)
        while True:
            jobs = task.send(printer.draw(jobs))
    except StopIteration as stop:
        return list(stop.value)


def _together(tasks: Sequence[_Task]) -> Generator[list[_Job], list[View], list[list[View]]]:
    """Run several steps side by side: each round gathers all their jobs (one run)."""
    results: list[list[View]] = [[] for _ in tasks]
    pending: dict[int, list[_Job]] = {}
    for k, t in enumerate(tasks):
        try:
            pending[k] = next(t)
        except StopIteration as stop:
            results[k] = stop.value
    while pending:
        views = yield [j for jobs in pending.values() for j in jobs]
        at = 0
        following: dict[int, list[_Job]] = {}
        for k, jobs in pending.items():
            mine, at = views[at : at + len(jobs)], at + len(jobs)
            try:
                following[k] = tasks[k].send(mine)
            except StopIteration as stop:
                results[k] = stop.value
        pending = following
    return results


def _lines_of(ov: Overview) -> list[tuple[NodeRef, list[NodeRef]]]:
    """Each main claim with its lines (support, then objections), as the overview
    (:func:`argmap.draw.view.overview`) finds them."""
    return [(t.ref, [x.ref for x in (*t.lines, *t.objections)]) for t in ov.tops]


def _title(ref: NodeRef) -> str:
    return str(ref)


def plan(
    m: ArgumentMap,
    *,
    paper: str = "A4",
    orientation: str = "portrait",
    styles: Mapping[str, NodeStyle] | None = None,
    first_page: int = 1,
    key_note: str = "",
    reserve_first: float = 0.0,
    fmt: str = "svg",
) -> list[View]:
    """The map's drawings for paper, packed onto pages numbered from ``first_page``
    (see the module docstring).  Raises :class:`PrintError` if some part cannot be
    printed readably even alone.  ``reserve_first`` (pt) is kept free at the top of
    the first page (for a title).  ``fmt``: ``"svg"`` (each view's ``svg``, for HTML)
    or ``"pdf"`` (each view's ``drawing``, for :func:`document_pdf`)."""
    if paper not in PAGE_SIZES:
        raise ValueError(f"unknown paper {paper!r}; valid: {', '.join(PAGE_SIZES)}")
    if fmt not in ("svg", "pdf"):
        raise ValueError(f"unknown format {fmt!r}; valid: svg, pdf")
    if not m.statements and not m.arguments:
        return []
    printer = _Printer(m, paper, orientation, styles or {})
    printer.reserve = reserve_first
    views = _drive(printer, _plan(printer, key_note))
    if views[0].heading == "The whole map":
        return printer.finish(_pack(views, printer.room, first_page, reserve_first), fmt)
    key = next(v for v in views if v.heading == "Key")
    rest = _pack([v for v in views if v is not key], printer.room, first_page, reserve_first)
    packed = _place(key, rest, printer.room, reserve_first)
    small = [v for v in packed if v.scale < MIN_SCALE - 1e-9]
    if small:
        raise PrintError(
            f"{small[0].heading} does not fit on one {paper} page at a readable size (its text would "
            f"print at {SMALL_FONT_SIZE * small[0].scale:.1f} pt; the least is {MIN_TEXT_PT:g} pt): "
            "print on a larger paper"
        )
    return printer.finish(packed, fmt)


class _Fits(Exception):
    """The whole map fits one page: the plan stops there."""

    def __init__(self, views: list[View]):
        super().__init__()
        self.views = views


def _plan(printer: _Printer, key_note: str) -> _Task:
    """The whole map if it fits one page; else the overview, the key and the lines.
    The first run draws the whole map (a small map) with the first views of all the rest."""
    m = printer.m
    ov = overview(m)
    tops_ = _lines_of(ov)
    stop = frozenset(t.title for t, _ in tops_)
    printer.done.update(t for t, _ in tops_)
    for top, kids in tops_:
        for group in _groups(printer, top, kids, stop):
            for kid in group:  # alone, or should its group be split
                if len(group) == 1 or _under(printer.graph, kid, stop):
                    _ahead(printer, kid, stop)
    key = _Job("Key", "", {"key": key_note})
    steps = [_drawn(key), _overview_task(printer, ov)]
    steps += [_lines_task(printer, top, kids, stop) for top, kids in tops_]
    if len(m) <= WHOLE_LIMIT:
        steps.insert(0, _whole(key))
    try:
        drawn = yield from _together(steps)
    except _Fits as fits:
        return fits.views
    views = [v for part in drawn for v in part]
    first: dict[str, int] = {}  # line → the view it starts in
    for k, v in enumerate(views):
        for line in v.lines:
            first.setdefault(line, k)
    out = []
    for v in views:
        if v.points_to:  # an overview: room for its page references, two to a row
            items = len(_runs([(n, t, first.get(t)) for n, t in v.points_to]))
            extra = 11.0 * -(-items // 2) + 4.0
            fit = (printer.room[1] - extra) / max(v.height_pt, 1.0)
            v = replace(v, extra_pt=extra, scale=min(v.scale, fit))
        out.append(v)
    return out


def _runs(items: Sequence[tuple[int, str, int | None]]) -> list[list[tuple[int, str]]]:
    """Numbered lines in runs that continue in one place (a view, or a page)."""
    runs: list[list[tuple[int, str]]] = []
    last: object = object()
    for n, title, where in items:
        if where is None:
            continue
        if runs and where == last:
            runs[-1].append((n, title))
        else:
            runs.append([(n, title)])
        last = where
    return runs


def _drawn(job: _Job) -> _Task:
    return (yield [job])


def _whole(key: _Job) -> _Task:
    """The whole map on one page: with its key if that fits, else beside the key."""
    jobs = [
        _Job("The whole map", "", {"detail": "auto", "legend": legend, "wraps": WRAPS})
        for legend in (True, False)
    ]
    keyed, bare, key_view = yield [*jobs, key]
    if keyed.scale >= MIN_SCALE:
        raise _Fits([keyed])
    if bare.scale >= MIN_SCALE:
        raise _Fits([bare, key_view])
    return []


# -- the overview ----------------------------------------------------------------------


def _attacks(m: ArgumentMap, source: NodeRef, target: NodeRef) -> bool:
    return any(
        r.source == source and r.target == target and r.kind in (RelationKind.ATTACK, RelationKind.UNDERCUT)
        for r in m.relations
    )


#: Column widths (CSS px) the overview's rows are planned for, tried in the one run.
_COLUMNS = (620.0, 760.0, 900.0)
_OVERVIEW_CAPTION = (
    "The main claim, one box per line of support saying what it holds, and the objections to it; "
    "each line continues on the page named below."
)


def _overview_task(printer: _Printer, ov: Overview) -> _Task:
    """The overview: all main claims with their lines as boxes, in one view, drawn in
    the first run at a few row widths (the one printed largest is kept); a map with
    more lines than one page holds is shown in parts (halved until each fits)."""
    m = printer.m
    nodes = {str(s.ref): s for s in m.statements} | {str(a.ref): a for a in m.arguments}

    def jobs(part: Any, k: int, n: int) -> list[_Job]:
        named = tuple((x.number, x.ref.title) for t in part.tops for x in (*t.lines, *t.objections))
        heading = "Overview" + (f" ({k + 1} of {n})" if n > 1 else "")
        return [
            _Job(
                heading,
                _OVERVIEW_CAPTION,
                {"dot": overview_dot(part, nodes, column_px=c, links=False)},
                points_to=named,
            )
            for c in _COLUMNS
        ]

    def printed(v: View) -> View:
        """The scale the overview prints at on page 1: under the title, with its list
        of where each line continues below it (two references to a row)."""
        # lines that continue on one page share a reference ("lines 1–6 → p. 2"): about
        # one page's worth of references at most, whatever the number of lines
        items = min(len(v.points_to), 12)
        extra = 11.0 * -(-items // 2) + 4.0 + printer.reserve
        return replace(v, scale=min(v.scale, (printer.room[1] - extra) / max(v.height_pt, 1.0)))

    def best(views: list[View]) -> View:
        return max(views, key=lambda v: (printed(v).scale >= MIN_SCALE, printed(v).scale))

    first = best((yield jobs(ov, 0, 1)))
    if printed(first).scale >= MIN_SCALE:
        return [first]
    # in parts: each main claim alone, then its lines halved
    parts: list[Any] = [Overview((t,)) for t in ov.tops]
    while True:
        drawn = yield [j for k, part in enumerate(parts) for j in jobs(part, k, len(parts))]
        views = [best(drawn[k * len(_COLUMNS) : (k + 1) * len(_COLUMNS)]) for k in range(len(parts))]
        bad = [k for k, v in enumerate(views) if printed(v).scale < MIN_SCALE]
        if not bad:
            return views
        if all(len(parts[k].tops[0].lines) + len(parts[k].tops[0].objections) <= 1 for k in bad):
            raise PrintError(
                f"the overview does not fit one {printer.paper} page readably: "
                "print on a larger paper (--page A3)"
            )
        for k in reversed(bad):
            t = parts[k].tops[0]
            lines = [*t.lines, *t.objections]
            if len(lines) > 1:
                half = len(lines) // 2
                parts[k : k + 1] = [_part(t, lines[:half]), _part(t, lines[half:])]


def _part(t: Top, lines: list[Any]) -> Overview:
    """An overview of one main claim with some of its lines."""
    return Overview(
        (Top(t.ref, t.node, tuple(x for x in lines if not x.attacks), tuple(x for x in lines if x.attacks)),)
    )


# -- the lines -------------------------------------------------------------------------


def _members(printer: _Printer, ref: NodeRef, stop: frozenset[str]) -> set[str]:
    """The titles a line's view shows: the line and all under it (an argument's premises too)."""
    out = {ref.title}
    for x in _under(printer.graph, ref, stop):
        out.add(x.title)
    return out


def _groups(
    printer: _Printer, top: NodeRef, kids: list[NodeRef], stop: frozenset[str]
) -> list[list[NodeRef]]:
    """The lines under one main claim (support, then objections) in views: small ones
    share a view up to :data:`GROUP_NODES` boxes."""
    m, g = printer.m, printer.graph
    kids = [k for k in kids if not _attacks(m, k, top)] + [k for k in kids if _attacks(m, k, top)]
    groups: list[list[NodeRef]] = []
    size = 0
    for kid in kids:
        below = len(_under(g, kid, stop))
        if groups and size + 1 + below <= GROUP_NODES:
            groups[-1].append(kid)
            size += 1 + below
        else:
            groups.append([kid])
            size = 1 + below
    return groups


def _lines_task(printer: _Printer, top: NodeRef, kids: list[NodeRef], stop: frozenset[str]) -> _Task:
    """The lines under one main claim, in order: small ones share a view (the claim
    drawn once for them), a big one gets views of its own (:func:`_fit`)."""
    groups = _groups(printer, top, kids, stop)
    for grp in groups:
        printer.done.update(grp)
    parts = yield from _together([_group_task(printer, top, grp, stop) for grp in groups])
    return [v for part in parts for v in part]


def _group_task(printer: _Printer, top: NodeRef, group: list[NodeRef], stop: frozenset[str]) -> _Task:
    """Lines that share a view; halved until each part fits, a single line by :func:`_fit`."""
    m = printer.m
    if len(group) == 1:
        what = "An objection to" if _attacks(m, group[0], top) else "A line of support of"
        views = yield from _fit(printer, group[0], f"{what} {_title(top)}", stop)
        return [replace(views[0], lines=(group[0].title,)), *views[1:]]
    include = {top.title}
    for kid in group:
        include |= _members(printer, kid, stop)
    (view,) = yield [
        _Job(
            f"{len(group)} lines under {_title(top)}",
            ", ".join(_title(k) for k in group) + f"; {_title(top)} is drawn once for them all",
            {"include": include, "detail": "full", "legend": False, "wraps": WRAPS},
            lines=tuple(k.title for k in group),
        )
    ]
    if view.scale >= MIN_SCALE:
        return [view]
    half = len(group) // 2
    parts = yield from _together(
        [_group_task(printer, top, group[:half], stop), _group_task(printer, top, group[half:], stop)]
    )
    return [*parts[0], *parts[1]]


def _fit_jobs(
    printer: _Printer, ref: NodeRef, caption: str, stop: frozenset[str]
) -> tuple[_Job | None, _Job | None, _Job]:
    """The views :func:`_fit` weighs for ``ref``: whole, evidence folded, first level
    only.  Whole (or folded) is left out when what it would show is more boxes than
    a page holds readably: counted from the map, not tried."""
    g = printer.graph
    under = _under(g, ref, stop)
    leaves = sum(
        1 for x in under if not g.children.get(x) and getattr(printer.m.get(x), "role", None) is Role.EVIDENCE
    )
    opts: dict[str, object] = {"focus": str(ref), "legend": False, "stop": stop}
    full = _Job(_title(ref), caption, {**opts, "detail": "full"})
    compact = _Job(_title(ref), caption + "; its evidence on the next views", {**opts, "detail": "compact"})
    shallow = _Job(
        _title(ref),
        caption + "; what lies under it on the next views",
        {**opts, "detail": "compact", "depth": 1},
    )
    return (
        full if len(under) < PAGE_NODES else None,
        compact if leaves and len(under) - leaves < PAGE_NODES else None,
        shallow,
    )


def _ahead(printer: _Printer, ref: NodeRef, stop: frozenset[str]) -> None:
    """Ask ahead for the views :func:`_fit` may want for ``ref`` and, should it have to
    be split, for what lies under it: the whole plan is laid out in one run."""
    full, compact, shallow = _fit_jobs(printer, ref, "", stop)
    printer.draw_ahead([j for j in (full, compact, shallow) if j is not None])
    g = printer.graph
    # the statements one step down (an argument between them costs no step) that hold more
    step = [
        y
        for x in g.children.get(ref, ())
        for y in ([x] if x.kind is NodeKind.STATEMENT else g.children.get(x, ()))
    ]
    kids = [k for k in dict.fromkeys(step) if k.kind is NodeKind.STATEMENT and g.children.get(k)]
    own = _evidence_of(printer.m, ref, g)
    under = _under(g, ref, stop)
    if own and (kids or full is None or len(under) >= SMALL_NODES):
        job = _Job("", "", {"include": {ref.title, *own}, "detail": "full", "legend": False, "wraps": WRAPS})
        printer.draw_ahead([job])
    if full is not None and len(under) < SMALL_NODES:
        return  # it most likely fits whole
    for kid in kids:
        if kid.title not in stop:
            _ahead(printer, kid, stop | {ref.title})


def _fit(printer: _Printer, ref: NodeRef, caption: str, stop: frozenset[str]) -> _Task:
    """One line (or premise) on paper: whole with its evidence if it fits; else with
    its evidence folded, followed by each premise with its evidence; else only its
    first level, followed by each premise's own views (side by side)."""
    m = printer.m
    printer.done.add(ref)
    jobs = _fit_jobs(printer, ref, caption, stop)
    drawn = iter((yield [j for j in jobs if j is not None]))
    full, compact, shallow = (None if j is None else next(drawn) for j in jobs)
    assert shallow is not None
    if full is not None and full.scale >= MIN_SCALE:
        return [full]
    # what the compact view folded, or the shallow view cut, gets views of its own
    scene_opts = {"focus": str(ref), "stop": stop, "styles": printer.styles}
    folded = [n.ref for n in build_scene(m, detail="compact", **scene_opts).nodes if n.folded]  # type: ignore[arg-type]
    under = _under(printer.graph, ref, stop)
    if compact is not None and compact.scale >= MIN_SCALE and ref not in folded:
        head, kids = compact, folded
    else:
        head = shallow
        cut = build_scene(m, detail="compact", depth=1, **scene_opts).nodes  # type: ignore[arg-type]
        kids = [n.ref for n in cut if (n.more or n.folded) and n.kind == "statement"]
    if head.scale < MIN_SCALE:
        return (yield from _fit_in_groups(printer, ref, caption, stop))
    kids = [k for k in dict.fromkeys(kids) if k in under and k not in printer.done]
    printer.done.update(kids)
    steps: list[_Task] = []
    if head is shallow or ref in folded:
        steps.append(_own_evidence(printer, ref, caption))
    steps += [_fit(printer, kid, f"Under {_title(ref)}", stop | {ref.title}) for kid in kids]
    parts = yield from _together(steps)
    own = {NodeRef.statement(t) for t in _evidence_of(m, ref, printer.graph)}
    if head is shallow and not kids and set(printer.graph.children.get(ref, ())) <= own:
        # all it holds is its evidence: the views of that show it, the head only repeats
        return [v for part in parts for v in part]
    return [head, *(v for part in parts for v in part)]


def _fit_in_groups(printer: _Printer, ref: NodeRef, caption: str, stop: frozenset[str]) -> _Task:
    """A node with more reasons than one page holds: the node with its reasons in
    groups (halved until each group fits), then what lies under each reason."""
    m, g = printer.m, printer.graph
    kids = list(g.children.get(ref, ()))

    def members(group: list[NodeRef]) -> set[str]:
        out = {ref.title}
        todo: list[NodeRef] = []
        for k in group:
            out.add(k.title)
            todo.append(k)
            a = m.get(k)
            if k.kind is NodeKind.ARGUMENT and a is not None:
                out.update(p for inf in getattr(a, "inferences", ()) for p in inf.premises)
        while todo:  # undercuts of an argument shown, and the answers to them
            for y in g.attackers.get(todo.pop(), ()):
                if y.title not in out:
                    out.add(y.title)
                    todo.append(y)
        return out

    groups = [kids]
    while True:
        views = yield [
            _Job(
                _title(ref) + (f" ({i + 1} of {len(groups)})" if len(groups) > 1 else ""),
                caption + "; what lies under it on the next views",
                {"include": members(grp), "detail": "compact", "legend": False, "wraps": WRAPS},
            )
            for i, grp in enumerate(groups)
        ]
        bad = [i for i, v in enumerate(views) if v.scale < MIN_SCALE]
        if not bad:
            break
        if all(len(groups[i]) <= 1 for i in bad):
            v = views[bad[0]]
            raise PrintError(
                f"{v.heading} does not fit on one {printer.paper} page at a readable size (its text would "
                f"print at {SMALL_FONT_SIZE * v.scale:.1f} pt; the least is {MIN_TEXT_PT:g} pt): print on a "
                "larger paper (--page A3)"
            )
        for i in reversed(bad):
            if len(groups[i]) > 1:
                half = len(groups[i]) // 2
                groups[i : i + 1] = [groups[i][:half], groups[i][half:]]
    below: list[NodeRef] = []
    for grp in groups:
        for k in grp:
            below += (
                [k]
                if k.kind is NodeKind.STATEMENT
                else [
                    NodeRef.statement(p) for inf in getattr(m.get(k), "inferences", ()) for p in inf.premises
                ]
            )
    below = [b for b in dict.fromkeys(below) if b not in printer.done and g.children.get(b)]
    printer.done.update(below)
    steps = [_own_evidence(printer, ref, caption)]
    steps += [_fit(printer, b, f"Under {_title(ref)}", stop | {ref.title}) for b in below]
    parts = yield from _together(steps)
    return [*views, *(v for part in parts for v in part)]


def _own_evidence(printer: _Printer, ref: NodeRef, caption: str) -> _Task:
    """The node with its own evidence, when the views of it folded that evidence (in
    groups, halved until each fits)."""
    own = _evidence_of(printer.m, ref, printer.graph)
    groups = [own] if own else []
    while groups:
        views = yield [
            _Job(
                _title(ref) + ": its evidence" + (f" ({i + 1} of {len(groups)})" if len(groups) > 1 else ""),
                caption,
                {"include": {ref.title, *grp}, "detail": "full", "legend": False, "wraps": WRAPS},
            )
            for i, grp in enumerate(groups)
        ]
        bad = [i for i, v in enumerate(views) if v.scale < MIN_SCALE]
        if not bad:
            return views
        if all(len(groups[i]) <= 1 for i in bad):
            raise PrintError(
                f"{views[bad[0]].heading} does not fit on one {printer.paper} page at a readable size: "
                "print on a larger paper (--page A3)"
            )
        for i in reversed(bad):
            if len(groups[i]) > 1:
                half = len(groups[i]) // 2
                groups[i : i + 1] = [groups[i][:half], groups[i][half:]]
    return []


def _evidence_of(m: ArgumentMap, ref: NodeRef, g: Graph) -> list[str]:
    """The evidence (and quoted claims) that support ``ref`` and nothing else points into."""
    out = []
    for r in m.relations:
        if r.kind is RelationKind.SUPPORT and r.target == ref and r.source.kind is NodeKind.STATEMENT:
            s = m.get(r.source)
            if (
                s is not None
                and not g.children.get(r.source)
                and (getattr(s, "quote", None) or getattr(s, "role", None) is Role.EVIDENCE)
            ):
                out.append(r.source.title)
    return out


def _under(g: Graph, ref: NodeRef, stop: frozenset[str]) -> set[NodeRef]:
    """Everything below ``ref`` (what supports or attacks it, and so on), not opening ``stop``."""
    seen = {ref}
    todo = [ref]
    while todo:
        x = todo.pop()
        if x != ref and x.title in stop:
            continue
        for y in g.children.get(x, ()):
            if y not in seen:
                seen.add(y)
                todo.append(y)
    return seen - {ref}


# -- pages -----------------------------------------------------------------------------


def _pack(views: list[View], room: tuple[float, float], first_page: int, reserve: float = 0.0) -> list[View]:
    """Views onto pages in order: as many to a page as fit, one above the other; the
    first page keeps ``reserve`` points free at its top."""
    out: list[View] = []
    page, used = first_page, reserve
    for k, v in enumerate(views):
        h = v.printed_size_pt[1] + CAPTION_PT + v.extra_pt
        if k > 0 and used + h > room[1] + CAPTION_PT:
            fitted = (room[1] - used - v.extra_pt) / v.height_pt
            if fitted >= max(MIN_SCALE, PACK_SCALE):
                v = replace(v, scale=min(v.scale, fitted))  # a little smaller, on the page before
                h = v.printed_size_pt[1] + CAPTION_PT + v.extra_pt
        if k == 0 and used + h > room[1] + CAPTION_PT:
            fitted = (room[1] - used - v.extra_pt) / v.height_pt
            if fitted >= MIN_SCALE:
                v = replace(v, scale=min(v.scale, fitted))  # a little smaller, below the title
                h = v.printed_size_pt[1] + CAPTION_PT + v.extra_pt
            else:
                page, used = page + 1, 0.0  # the title alone on the first page
        if k == 0 or used + h > room[1] + CAPTION_PT:
            page, used = (page, used) if k == 0 else (page + 1, 0.0)
            out.append(replace(v, page=page, first_on_page=True))
        else:
            out.append(replace(v, page=page, first_on_page=False))
        used += h
    return out


def _place(key: View, views: list[View], room: tuple[float, float], reserve: float = 0.0) -> list[View]:
    """The key on the first page after the overview's with room for it (printed as
    small as is readable), else on a page of its own right after the overview."""
    key = replace(key, scale=min(key.scale, max(MIN_SCALE, (room[1] - 1) / key.height_pt)))
    need = key.printed_size_pt[1] + CAPTION_PT
    used: dict[int, float] = {views[0].page: reserve} if views else {}
    for v in views:
        used[v.page] = used.get(v.page, 0.0) + v.printed_size_pt[1] + CAPTION_PT + v.extra_pt
    overview_pages = {v.page for v in views if v.heading.startswith("Overview")}
    last_overview = max(overview_pages, default=views[0].page)
    for page in sorted(used):
        if page < last_overview:
            continue
        if used[page] + need <= room[1] + CAPTION_PT:
            last = max(i for i, v in enumerate(views) if v.page == page)
            return [*views[: last + 1], replace(key, page=page, first_on_page=False), *views[last + 1 :]]
    shifted = [v if v.page <= last_overview else replace(v, page=v.page + 1) for v in views]
    at = max(i for i, v in enumerate(shifted) if v.page == last_overview) + 1
    return [*shifted[:at], replace(key, page=last_overview + 1, first_on_page=True), *shifted[at:]]


def pages_of_lines(views: Sequence[View]) -> dict[str, int]:
    """The page each line of support starts on (by title)."""
    out: dict[str, int] = {}
    for v in views:
        for line in v.lines:
            out.setdefault(line, v.page)
    return out


# -- the document: pages, numbers, title, tags -------------------------------------------------

#: The id prefix of the boxes the diagrams are drawn into.
_SLOT = "argmap-diagram-"
_PX = 0.75  # one CSS px in points
_esc = html.escape


def _css(paper: str, orientation: str) -> str:
    css = resources.files("argmap").joinpath("templates/handout.css").read_text(encoding="utf-8")
    size = {"A4": "A4", "Letter": "letter", "A3": "A3", "Legal": "legal"}[paper]
    return css + f"\n@page {{ size: {size} {orientation}; }}\n"


def _sized_svg(view: View) -> str:
    svg = svg_for_notebook(view.svg)
    w, h = view.printed_size_pt
    return _SVG_SIZE.sub(
        lambda mt: (
            mt.group(0)
            .replace(f'width="{mt.group(1)}pt"', f'width="{w:.2f}pt"', 1)
            .replace(f'height="{mt.group(2)}pt"', f'height="{h:.2f}pt"', 1)
        ),
        svg,
        count=1,
    )


def _continues(view: View, pages: Mapping[str, int]) -> str:
    """Under an overview: on which page each numbered line goes on."""
    items = []
    for run in _runs([(n, t, pages.get(t)) for n, t in view.points_to]):
        (n, first), (m, _last) = run[0], run[-1]
        # one row each, never cut: the box numbers say which lines, a title is shortened
        what = f"{n} · {_esc(shorten(first, 30))}" if len(run) == 1 else f"lines {n}–{m}"
        items.append(f"<li>{what} → continued on p. {pages[first]}</li>")
    return f'<ul class="continues">{"".join(items)}</ul>' if items else ""


def _alt(view: View) -> str:
    what = view.heading + (f": {view.caption}" if view.caption else "")
    return f"Diagram, {what}. Every box holds its role and text; the text outline of the map says the same."


def document_html(
    views: Sequence[View],
    *,
    title: str,
    paper: str = "A4",
    orientation: str = "portrait",
    intro: str = "",
    chapters: Sequence[tuple[str, str, str]] = (),
    inline_svg: bool = True,
    lang: str = "en",
) -> str:
    """The printed document as HTML: ``title`` (escaped) and ``intro`` (HTML, already
    escaped) at the top of page 1, the views as :func:`plan` packed them (each with its
    heading and caption; an overview with the page each line goes on), then the
    ``chapters`` (id, heading, HTML).  Every page says "page N of M" at its foot.
    ``inline_svg``: the diagrams as inline SVG (a preview); else empty boxes that
    :func:`document_pdf` draws Graphviz's own PDF into."""
    pages = pages_of_lines(views)
    # the heading shows at most MAX_HEADING characters (the PDF's Title keeps them all)
    # and every page's foot the first RUNNING_TITLE of them
    running = _esc(shorten(title, RUNNING_TITLE))
    body = [
        f'<header class="title"><h1 data-running="{running}">{_esc(shorten(title, MAX_HEADING))}</h1>'
        f"{intro}</header>"
    ]
    for k, v in enumerate(views):
        caption = f'<p class="caption">{_esc(v.caption)}</p>' if v.caption else ""
        w, h = v.printed_size_pt
        picture = (
            _sized_svg(v)
            if inline_svg
            else f'<svg class="slot" id="{_SLOT}{k}" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'width="{w:.2f}pt" height="{h:.2f}pt"><title>{_esc(_alt(v))}</title></svg>'
        )
        where = "new-page" if (v.first_on_page and k > 0) else "same-page"
        body.append(
            f'<section class="diagram {where}" data-scale="{v.scale:.3f}" data-page="{v.page}">'
            f"<h2>{_esc(v.heading)}</h2>{caption}{picture}{_continues(v, pages)}</section>"
        )
    for key, name, content in chapters:
        body.append(f'<section class="chapter" id="{_esc(key)}"><h2>{_esc(name)}</h2>{content}</section>')
    return (
        f'<!DOCTYPE html>\n<html lang="{_esc(lang)}"><head><meta charset="utf-8">'
        f"<title>{_esc(title)}</title><style>{_css(paper, orientation)}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError as exc:
        raise PrintError(
            "printing over several pages needs WeasyPrint and pypdf, which are not installed: "
            "pip install 'argmap[pdf]'"
        ) from exc
    return weasyprint


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"a printed map loads no outside resource ({url[:60]!r})")


def _fetcher(weasyprint: Any) -> Any:
    """A printed document is self-contained: WeasyPrint may load no file and nothing
    from the network (WeasyPrint 68 and later take a fetcher object, earlier ones a function)."""
    urls = getattr(weasyprint, "urls", None)
    if hasattr(urls, "URLFetcher"):
        return urls.URLFetcher(allowed_protocols=())  # type: ignore[union-attr]
    return _refuse


def document_pdf(document: str, views: Sequence[View]) -> bytes:
    """The PDF of :func:`document_html` (``inline_svg=False``): WeasyPrint lays out
    the pages (tagged, PDF/UA-1: a Title, the language, headings, and a Figure with a
    text alternative for each diagram), then each diagram's Graphviz PDF is drawn into
    its box, marked as an artifact (its words stay selectable and searchable).
    Checks that each view landed on the page planned (the overview's page references
    are true) and that nothing is cut off."""
    weasyprint = _weasyprint()
    rendered = weasyprint.HTML(string=document, url_fetcher=_fetcher(weasyprint)).render()
    slots: dict[int, tuple[int, float, float]] = {}
    for number, page in enumerate(rendered.pages):
        for name, (x, y, *_) in page.anchors.items():
            if not name.startswith(_SLOT):
                continue
            k = int(name[len(_SLOT) :])
            slots[k] = (number, x * _PX, y * _PX)
            if number + 1 != views[k].page:  # the overview's "continued on p. N" must be true
                raise RenderError(
                    f"diagram {k + 1} was planned for page {views[k].page}, but landed on page {number + 1}"
                )
            w, h = views[k].printed_size_pt
            # The promise "nothing cut off", checked on the laid-out page itself.
            if x * _PX + w > page.width * _PX + 0.5 or y * _PX + h > page.height * _PX + 0.5:
                raise RenderError(f"diagram {k + 1} does not fit on page {number + 1}")
    pdf: bytes = rendered.write_pdf(pdf_variant="pdf/ua-1")
    if not views:
        return pdf
    drawings = [v.drawing for v in views]
    if not all(drawings):
        drawings = render_many([v.dot for v in views], "pdf")
    return _overlay(pdf, views, drawings, slots)


def _overlay(
    pdf: bytes,
    views: Sequence[View],
    drawings: Sequence[bytes],
    slots: Mapping[int, tuple[int, float, float]],
) -> bytes:
    """Draw each diagram (Graphviz's own vector PDF) into its box on its page."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for k, (view, drawing) in enumerate(zip(views, drawings, strict=True)):
        if k not in slots:
            raise RenderError(f"the document lost the place of diagram {k + 1}")
        number, x, y = slots[k]
        target = writer.pages[number]
        picture = PdfReader(io.BytesIO(drawing)).pages[0]
        box = picture.mediabox
        w, h = view.printed_size_pt
        scale = min(w / float(box.width), h / float(box.height))
        top = float(target.mediabox.height) - y
        e = x - float(box.left) * scale
        f = top - float(box.height) * scale - float(box.bottom) * scale
        _draw_form(writer, target, picture, k, (scale, 0.0, 0.0, scale, e, f))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_NAME = re.compile(rb"/([A-Za-z0-9_.+-]+)")


def _draw_form(writer: Any, target: Any, picture: Any, k: int, matrix: tuple[float, ...]) -> None:
    """Append ``picture`` (a page of Graphviz's PDF) to ``target``'s content, drawn with
    ``matrix`` and marked as an artifact (the tagged page's Figure holds its text
    alternative).  Its resources are copied under names of their own (``/f-0-0`` →
    ``/f-0-0-d3``), so two diagrams on one page never clash; nothing is re-parsed,
    and the text stays in the page's own content (printed sizes stay measurable)."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    contents = picture.get_contents()
    data = contents.get_data() if contents is not None else b""
    renames: dict[bytes, bytes] = {}
    if "/Resources" in picture:
        mine = picture["/Resources"].get_object()
        theirs = target["/Resources"].get_object()
        for kind, entries in mine.items():
            entries = entries.get_object()
            if not isinstance(entries, DictionaryObject):
                continue  # /ProcSet
            if kind not in theirs:
                theirs[NameObject(kind)] = DictionaryObject()
            into = theirs[kind].get_object()
            for name, value in entries.items():
                new = f"{name}-d{k}"
                renames[name[1:].encode("latin-1")] = new[1:].encode("latin-1")
                into[NameObject(new)] = value.clone(writer)
    data = _NAME.sub(lambda mt: b"/" + renames.get(mt.group(1), mt.group(1)), data)
    numbers = " ".join(f"{v:.4f}" for v in matrix).encode("ascii")
    before, drawn, after = DecodedStreamObject(), DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(b"Q\n")
    drawn.set_data(b"/Artifact BMC q " + numbers + b" cm\n" + data + b"\nQ EMC\n")
    old = target["/Contents"]
    parts = list(old.get_object()) if isinstance(old.get_object(), ArrayObject) else [old]
    target[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *parts, writer._add_object(after), writer._add_object(drawn)]
    )


def title_html(
    m: ArgumentMap, *, learner: str | None = None, when: _dt.date | None = None, note: str = ""
) -> str:
    """The line under a printed map's title: its size, and whose marks and when."""
    meta = [f"{count(len(m.statements), 'statement')}, {count(len(m.arguments), 'argument')}"]
    if learner is not None:
        meta.append(f"learner: {learner or '(no name)'}")
    if when is not None:
        meta.append(when.isoformat())
    out = f'<p class="meta">{_esc(" · ".join(meta))}</p>'
    return out + (f'<p class="how">{_esc(note)}</p>' if note else "")


#: Room (pt) the title block of a printed map takes on its first page.
TITLE_PT = 64.0
#: The most characters of a title printed as page 1's heading (about six lines).
MAX_HEADING = 320
#: The most characters of the title at the foot of each page (one line).
RUNNING_TITLE = 80
_TITLE_END = "argmap-title-end"


def title_room(
    title: str, intro: str, *, least: float, paper: str = "A4", orientation: str = "portrait"
) -> float:
    """Room (pt) to keep free for the title block on page 1: ``least`` (what a title
    of one line and ``intro`` take), plus what a longer title needs beyond that,
    measured by laying the block out as :func:`document_pdf` will.  Without
    WeasyPrint the title's length gives an estimate (the preview only)."""
    try:
        weasyprint = _weasyprint()
    except PrintError:
        per_line = 60 if orientation == "portrait" else 90  # characters of the 20 pt heading
        return least + 26.0 * max(0, -(-len(title) // per_line) - 1)

    def height(heading: str) -> float:
        document = document_html([], title=heading, paper=paper, orientation=orientation, intro=intro)
        document = document.replace("</header>", f'</header><div id="{_TITLE_END}"></div>', 1)
        pages = weasyprint.HTML(string=document, url_fetcher=_fetcher(weasyprint)).render().pages
        for number, page in enumerate(pages):
            if _TITLE_END in page.anchors:
                return float(number * page.height + page.anchors[_TITLE_END][1]) * _PX
        return 0.0  # pragma: no cover - the marker is always laid out

    return least + max(0.0, height(title) - height("Argument map"))


def print_pdf(
    m: ArgumentMap,
    page: PageOptions,
    *,
    title: str | None = None,
    learner: str | None = None,
    when: _dt.date | None = None,
    key_note: str = "",
    **to_dot_opts: Any,
) -> bytes:
    """``argmap render --page``: the map on numbered pages of the paper asked for,
    titled (``title``, default the map's) and tagged: one page if the map fits it
    readably, else the planned views (an overview, the key, the lines of support),
    each at the scale :func:`plan` chose.  A focused view (``focus``) is that line
    over as many pages as it needs; a partial one (``include``) is one page, refused
    if it does not fit readably.  ``learner`` and ``when``: whose marks these are
    (``annotations_style``) and their date, printed under the title; ``key_note``
    heads the key's rows (what the marks mean)."""
    from .output.layout import require_format

    require_format("pdf")  # in the browser: PDF needs a server; say what to do instead
    styles = to_dot_opts.pop("annotations_style", None) or {}
    to_dot_opts.pop("page", None)
    heading = title or m.title or "Argument map"
    printer = _Printer(m, page.size, page.orientation, styles)
    if to_dot_opts.get("include") is not None:
        opts = {
            k: v for k, v in to_dot_opts.items() if k in ("include", "detail", "legend", "rankdir", "wrap")
        }
        (view,) = printer.draw([_Job(heading, "", opts)])
        if view.scale < MIN_SCALE:
            raise PrintError(
                f"this view does not fit one {page.size} page readably (its text would print below "
                f"{MIN_TEXT_PT:g} pt): show fewer statements, use --landscape, or argmap handout"
            )
        views = _pack([view], printer.room, 1, TITLE_PT)
    elif to_dot_opts.get("focus") is not None:
        # one line of the argument: on as many pages as it needs, like a handout's
        ref = resolve(m, str(to_dot_opts["focus"]))
        _ahead(printer, ref, frozenset())
        views = _pack(_drive(printer, _fit(printer, ref, "", frozenset())), printer.room, 1, TITLE_PT)
    else:
        views = plan(
            m,
            paper=page.size,
            orientation=page.orientation,
            styles=styles,
            reserve_first=title_room(
                heading,
                title_html(m, learner=learner, when=when),
                least=TITLE_PT,
                paper=page.size,
                orientation=page.orientation,
            ),
            key_note=key_note,
        )
    try:
        import pypdf  # noqa: F401
        import weasyprint  # noqa: F401
    except ImportError:
        if len(views) == 1:  # without the pdf extra, Graphviz fits the one page itself
            return render_many([to_dot(m, page=page, annotations_style=styles, **to_dot_opts)], "pdf")[0]
        _weasyprint()  # says what to install
        raise
    views = _drawings(views)
    intro = title_html(m, learner=learner, when=when)
    document = document_html(
        views, title=heading, paper=page.size, orientation=page.orientation, intro=intro, inline_svg=False
    )
    return document_pdf(document, views)
