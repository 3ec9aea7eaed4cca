"""A map on paper, the machinery: views, pages and the rounds of Graphviz runs.

The whole plan: an overview page, then the lines of support, every word readable.

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

import html
import re
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..draw.dot import to_dot
from ..draw.graph import Graph
from ..draw.key import key_dot
from ..draw.options import PictureOptions
from ..draw.scene import build_scene
from ..draw.style import PAGE_SIZES, NodeStyle
from ..draw.theme import SMALL_FONT_SIZE
from ..errors import ArgmapError, RenderError
from ..model import ArgumentMap, NodeRef
from .graphviz import render_many

__all__ = [
    "MIN_SCALE",
    "MIN_TEXT_PT",
    "SVG_SIZE",
    "Job",
    "PrintError",
    "Printer",
    "Task",
    "View",
    "area",
    "drawings",
    "drive",
    "pack",
    "pages_of_lines",
    "place",
    "together",
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


SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"\s+height="([\d.]+)pt"')


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


def svg_size(svg: str) -> tuple[float, float]:
    found = SVG_SIZE.search(svg)
    if found is None:
        raise RenderError("Graphviz returned an SVG without a size")
    return float(found.group(1)), float(found.group(2))


@dataclass
class Job:
    """A view the plan asks for: the map drawn with ``picture`` (at each label width of
    ``wraps``, all in the same run, when given), or a drawing made already (``dot``),
    or the key headed by ``key``."""

    heading: str
    caption: str
    picture: PictureOptions = PictureOptions()
    lines: tuple[str, ...] = ()
    points_to: tuple[tuple[int, str], ...] = ()
    wraps: tuple[int, ...] = ()
    dot: str | None = None
    key: str | None = None


#: A step of the plan: it yields the jobs it needs drawn, gets their views back, and
#: finally returns its views in print order.
Task = Generator[list[Job], list[View], list[View]]


class Printer:
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

    def dot(self, job: Job) -> str:
        if job.key is not None:
            scene = build_scene(self.m, detail="full", styles=self.styles)
            return key_dot(scene, job.key)
        if job.dot is not None:
            return job.dot
        wrap = WRAP if job.picture.wrap is None else job.picture.wrap
        # on paper a view is one line: no section groups
        return to_dot(self.m, job.picture, annotations_style=self.styles, wrap=wrap, sections=False)

    def tries(self, job: Job) -> list[str]:
        """The job's DOT at each label width tried (``wraps``); all drawn in the same run."""
        if not job.wraps:
            return [self.dot(job)]
        return [
            self.dot(replace(job, picture=replace(job.picture, wrap=w, rankdir="auto"), wraps=()))
            for w in job.wraps
        ]

    def draw_ahead(self, jobs: Sequence[Job]) -> None:
        """Lay these out with the next run: views the plan will most likely ask for."""
        self.ahead += [d for job in jobs for d in self.tries(job) if d not in self.drawn]

    def draw(self, jobs: Sequence[Job]) -> list[View]:
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
                w, h = svg_size(svg)
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
        return drawings(views)


def drawings(views: list[View]) -> list[View]:
    """Each view with Graphviz's PDF of it (one run for all)."""
    drawings = render_many([v.dot for v in views], "pdf") if views else []
    return [replace(v, drawing=d) for v, d in zip(views, drawings, strict=True)]


def drive(printer: Printer, task: Task) -> list[View]:
    """Run a plan: each round's jobs, from every step at once, in one Graphviz run."""
    try:
        jobs = next(task)
        while True:
            jobs = task.send(printer.draw(jobs))
    except StopIteration as stop:
        return list(stop.value)


def together(tasks: Sequence[Task]) -> Generator[list[Job], list[View], list[list[View]]]:
    """Run several steps side by side: each round gathers all their jobs (one run)."""
    results: list[list[View]] = [[] for _ in tasks]
    pending: dict[int, list[Job]] = {}
    for k, t in enumerate(tasks):
        try:
            pending[k] = next(t)
        except StopIteration as stop:
            results[k] = stop.value
    while pending:
        views = yield [j for jobs in pending.values() for j in jobs]
        at = 0
        following: dict[int, list[Job]] = {}
        for k, jobs in pending.items():
            mine, at = views[at : at + len(jobs)], at + len(jobs)
            try:
                following[k] = tasks[k].send(mine)
            except StopIteration as stop:
                results[k] = stop.value
        pending = following
    return results


def pack(views: list[View], room: tuple[float, float], first_page: int, reserve: float = 0.0) -> list[View]:
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


def place(key: View, views: list[View], room: tuple[float, float], reserve: float = 0.0) -> list[View]:
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


_esc = html.escape
