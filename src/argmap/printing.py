"""A map on paper: an overview page, then the lines of support, every word readable.

Paper is not a screen: a drawing shrunk to fit prints its text too small to read.
So nothing here is printed below :data:`MIN_SCALE` (the smallest label text, 9 pt,
prints at 7 pt; body text at 8.5 pt).  A map that fits one page at that scale is one
page.  A bigger one is planned as

1. an **overview**: the thesis (or each main claim), the lines of support and the
   objections that bear on it directly, each line saying on which page it goes on
   ("→ p. 3"), with the map's one key;
2. **one view per line of support**: the line with its premises, their evidence
   (each claim with its evidence, never split), the objections and the answers,
   and the statement it supports for context ("continued from p. 1").  A line too
   big for one page is printed with its evidence folded into counts, followed by a
   view of each premise with its evidence;
3. views packed onto pages in order, several to a page when they fit, all pages in
   one orientation.

Every size is measured from Graphviz's layout, never guessed.  Needs Graphviz.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .draw.dot import key_dot
from .draw.scene import _Graph, _tops, build_scene, resolve
from .draw.style import PAGE_SIZES, NodeStyle, PageOptions
from .errors import ArgmapError, RenderError
from .export import render_many
from .model import ArgumentMap, NodeKind, NodeRef, RelationKind, Role
from .render import to_dot
from .theme import SMALL_FONT_SIZE

__all__ = ["MIN_SCALE", "MIN_TEXT_PT", "PrintError", "View", "plan", "print_pdf"]

#: The smallest printed text, in points.
MIN_TEXT_PT = 7.0
#: The smallest scale a drawing is printed at: its smallest text prints at MIN_TEXT_PT.
MIN_SCALE = MIN_TEXT_PT / SMALL_FONT_SIZE
#: Label widths (characters) tried on paper.
WRAPS = (24, 32, 40)
#: Room (pt) a view's heading and caption take above its drawing.
CAPTION_PT = 48.0
_SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"\s+height="([\d.]+)pt"')


class PrintError(ArgmapError):
    """A map cannot be printed readably (and cannot be split further)."""


@dataclass(frozen=True)
class View:
    """One drawing on paper: what it shows, its DOT and SVG, natural size and scale."""

    heading: str
    caption: str
    dot: str
    svg: str
    width_pt: float
    height_pt: float
    scale: float
    page: int = 0  # 1-based, set when the views are packed
    first_on_page: bool = True
    lines: tuple[str, ...] = field(default=(), compare=False)  # the lines of support it shows

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


class _Printer:
    def __init__(self, m: ArgumentMap, paper: str, orientation: str, styles: Mapping[str, NodeStyle]):
        self.m = m
        self.graph = _Graph(m)  # what hangs under what, built once per plan
        self.paper = paper
        self.room = area(paper, orientation)
        self.styles = dict(styles)

    def draw(self, jobs: list[_Job]) -> list[View]:
        """Lay out every job in one Graphviz run, each at a few label widths (a tall
        view prints larger with wider labels, a wide one with narrower); each view at
        the width and the largest scale that fit."""
        dots: list[list[str]] = []
        for job in jobs:
            if "key" in job.options:
                scene = build_scene(self.m, detail="full", styles=self.styles)
                dots.append([key_dot(scene, str(job.options["key"]))])
                continue
            options = dict(job.options)
            notes = options.pop("notes", {})
            styles = {**self.styles, **notes}  # type: ignore[dict-item]
            wraps = [options.pop("wrap")] if "wrap" in options else list(WRAPS)
            options.setdefault("sections", False)  # on paper a view is one line: no section groups
            dots.append(
                [to_dot(self.m, annotations_style=styles, wrap=w, **options) for w in wraps]  # type: ignore[arg-type]
            )
        flat = [d for ds in dots for d in ds]
        drawn = iter(zip(flat, render_many(flat, "svg"), strict=True))
        views = []
        for job, tries in zip(jobs, dots, strict=True):
            best: View | None = None
            for _ in tries:
                dot, data = next(drawn)
                svg = data.decode("utf-8")
                w, h = _size(svg)
                scale = min(self.room[0] / max(w, 1.0), self.room[1] / max(h, 1.0), 1.0)
                view = View(job.heading, job.caption, dot, svg, w, h, scale, lines=job.lines)
                if best is None or (view.scale, -view.printed_size_pt[1]) > (
                    best.scale,
                    -best.printed_size_pt[1],
                ):
                    best = view
            assert best is not None
            views.append(best)
        return views


def _lines_of(m: ArgumentMap) -> list[tuple[NodeRef, list[NodeRef]]]:
    """Each main claim (the theses, then whatever nothing else is above, such as a
    conclusion drawn from the thesis) with what hangs directly under it: its lines of
    support (arguments or reasons) and objections.  A line under two main claims is
    listed under the first."""
    g = _Graph(m)
    everything = {s.ref for s in m.statements} | {a.ref for a in m.arguments}
    tops = list(dict.fromkeys([s.ref for s in m.theses] + _tops(everything, g)))
    seen: set[NodeRef] = set(tops)
    out = []
    for t in tops:
        kids = [k for k in g.children.get(t, ()) if k not in seen]
        seen.update(kids)
        out.append((t, kids))
    return out


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
) -> list[View]:
    """The map's drawings for paper, packed onto pages numbered from ``first_page``
    (see the module docstring).  Raises :class:`PrintError` if some part cannot be
    printed readably even alone.  ``reserve_first`` (pt) is kept free at the top of
    the first page (for a title)."""
    if paper not in PAGE_SIZES:
        raise ValueError(f"unknown paper {paper!r}; valid: {', '.join(PAGE_SIZES)}")
    printer = _Printer(m, paper, orientation, styles or {})
    if not m.statements and not m.arguments:
        return []
    whole = printer.draw([_Job("The whole map", "", {"detail": "auto", "legend": True})])[0]
    if whole.scale >= MIN_SCALE:
        return _pack([whole], printer.room, first_page, reserve_first)

    tops = _lines_of(m)
    stop = frozenset(t.title for t, _ in tops)
    lines: list[tuple[NodeRef, list[NodeRef]]] = []  # each top with the lines that get views
    out: list[View] = []
    for top, kids in tops:
        mine = [k for k in kids if not (k.kind is NodeKind.STATEMENT and _attacks(m, k, top))]
        lines.append((top, mine))
        for kid in mine:
            got = _fit(printer, m, kid, f"A line under {_title(top)}", stop)
            out += [replace(got[0], lines=(kid.title,)), *got[1:]]
    # the overview first; it says where each line goes on, so it is drawn twice:
    # once to learn its size (page numbers depend on it), once with the numbers
    chunks = _overview_chunks(printer, m, tops)
    seen_tops: set[NodeRef] = set()
    owns: list[set[NodeRef]] = []  # the main claims whose objections each part shows
    for chunk in chunks:
        owns.append({t for t, _ in chunk if t not in seen_tops})
        seen_tops.update(t for t, _ in chunk)
    firsts = printer.draw([_overview_job(m, c, {}, k, len(chunks), owns[k]) for k, c in enumerate(chunks)])
    key = printer.draw([_Job("Key", "", {"key": key_note})])[0]
    packed = _place(key, _pack([*firsts, *out], printer.room, first_page, reserve_first), printer.room)
    pages = {line: v.page for v in packed if v.lines for line in v.lines}
    finals = iter(
        printer.draw([_overview_job(m, c, pages, k, len(chunks), owns[k]) for k, c in enumerate(chunks)])
    )
    out = []
    for v in packed:
        if v.heading.startswith("Overview"):
            f = next(finals)
            v = replace(f, page=v.page, first_on_page=v.first_on_page, scale=min(f.scale, v.scale))
        out.append(v)
    small = [v for v in out if v.scale < MIN_SCALE - 1e-9]
    if small:
        raise PrintError(
            f"{small[0].heading} does not fit on one {paper} page at a readable size (its text would "
            f"print at {SMALL_FONT_SIZE * small[0].scale:.1f} pt; the least is {MIN_TEXT_PT:g} pt): "
            "print on a larger paper"
        )
    return out


def _fit(
    printer: _Printer,
    m: ArgumentMap,
    ref: NodeRef,
    caption: str,
    stop: frozenset[str],
    done: set[NodeRef] | None = None,
) -> list[View]:
    """One line (or premise) on paper: whole with its evidence if it fits; else with
    its evidence folded, followed by each premise with its evidence; else only its
    first level, followed by each premise's own views (recursively)."""
    done = set() if done is None else done
    done.add(ref)
    opts: dict[str, object] = {"focus": str(ref), "legend": False, "stop": stop}
    full, compact, shallow = printer.draw(
        [
            _Job(_title(ref), caption, {**opts, "detail": "full"}),
            _Job(_title(ref), caption + "; its evidence on the next views", {**opts, "detail": "compact"}),
            _Job(
                _title(ref),
                caption + "; what lies under it on the next views",
                {**opts, "detail": "compact", "depth": 1},
            ),
        ]
    )
    if full.scale >= MIN_SCALE:
        return [full]
    # what the compact view folded, or the shallow view cut, gets views of its own
    scene_opts = {"focus": str(ref), "stop": stop, "styles": printer.styles}
    folded = [n.ref for n in build_scene(m, detail="compact", **scene_opts).nodes if n.folded]  # type: ignore[arg-type]
    under = _under(printer.graph, ref, stop)
    if compact.scale >= MIN_SCALE and ref not in folded:
        head, kids = compact, folded
    else:
        head = shallow
        cut = build_scene(m, detail="compact", depth=1, **scene_opts).nodes  # type: ignore[arg-type]
        kids = [n.ref for n in cut if (n.more or n.folded) and n.kind == "statement"]
    kids = [k for k in dict.fromkeys(kids) if k in under and k not in done]
    if head.scale < MIN_SCALE:
        return _fit_in_groups(printer, m, ref, caption, stop, done)
    out = [head]
    if head is shallow or ref in folded:
        out += _own_evidence(printer, m, ref, caption)
    for kid in kids:
        if kid not in done:
            out += _fit(printer, m, kid, f"Under {_title(ref)}", stop | {ref.title}, done)
    return out


def _fit_in_groups(
    printer: _Printer, m: ArgumentMap, ref: NodeRef, caption: str, stop: frozenset[str], done: set[NodeRef]
) -> list[View]:
    """A node with more reasons than one page holds: the node with its reasons in
    groups (halved until each group fits), then what lies under each reason."""
    g = printer.graph
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
        views = printer.draw(
            [
                _Job(
                    _title(ref) + (f" ({i + 1} of {len(groups)})" if len(groups) > 1 else ""),
                    caption + "; what lies under it on the next views",
                    {"include": members(grp), "detail": "compact", "legend": False},
                )
                for i, grp in enumerate(groups)
            ]
        )
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
    out = [*views, *_own_evidence(printer, m, ref, caption)]
    for grp in groups:
        for k in grp:
            below = (
                [k]
                if k.kind is NodeKind.STATEMENT
                else [
                    NodeRef.statement(p) for inf in getattr(m.get(k), "inferences", ()) for p in inf.premises
                ]
            )
            for b in below:
                if b not in done and g.children.get(b):
                    out += _fit(printer, m, b, f"Under {_title(ref)}", stop | {ref.title}, done)
    return out


def _own_evidence(printer: _Printer, m: ArgumentMap, ref: NodeRef, caption: str) -> list[View]:
    """The node with its own evidence, when the views of it folded that evidence (in
    groups, halved until each fits)."""
    own = _evidence_of(m, ref, printer.graph)
    groups = [own] if own else []
    while groups:
        views = printer.draw(
            [
                _Job(
                    _title(ref)
                    + ": its evidence"
                    + (f" ({i + 1} of {len(groups)})" if len(groups) > 1 else ""),
                    caption,
                    {"include": {ref.title, *grp}, "detail": "full", "legend": False},
                )
                for i, grp in enumerate(groups)
            ]
        )
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


def _evidence_of(m: ArgumentMap, ref: NodeRef, g: _Graph) -> list[str]:
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


def _under(g: _Graph, ref: NodeRef, stop: frozenset[str]) -> set[NodeRef]:
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


def _overview_chunks(
    printer: _Printer, m: ArgumentMap, tops: list[tuple[NodeRef, list[NodeRef]]]
) -> list[list[tuple[NodeRef, list[NodeRef]]]]:
    """The overview in as few pages as keep it readable: each main claim with all its
    lines if they fit, else halved until every part fits."""
    chunks: list[list[tuple[NodeRef, list[NodeRef]]]] = [[t] for t in tops]
    while True:
        views = printer.draw([_overview_job(m, c, {}, 0, 1) for c in chunks])
        bad = [k for k, v in enumerate(views) if v.scale < MIN_SCALE]
        if not bad:
            return chunks
        done = True
        for k in reversed(bad):
            (top, kids), *rest = chunks[k]
            if len(kids) > 1:
                half = len(kids) // 2
                chunks[k : k + 1] = [[(top, kids[:half])], [(top, kids[half:])]]
                done = False
        if done:
            raise PrintError(
                f"the overview of {_title(chunks[bad[0]][0][0])} does not fit one {printer.paper} page "
                "readably: print on a larger paper (--page A3)"
            )


def _attacks(m: ArgumentMap, source: NodeRef, target: NodeRef) -> bool:
    return any(
        r.source == source and r.target == target and r.kind in (RelationKind.ATTACK, RelationKind.UNDERCUT)
        for r in m.relations
    )


def _overview_job(
    m: ArgumentMap,
    chunk: list[tuple[NodeRef, list[NodeRef]]],
    pages: Mapping[str, int],
    k: int,
    n: int,
    firsts: set[NodeRef] | None = None,
) -> _Job:
    """A main claim, its lines (as junctions or boxes, not opened), and on the first
    part that shows the claim, the objections to it with their answers."""
    g = _Graph(m)
    include: set[str] = set()
    notes: dict[str, NodeStyle] = {}
    for top, kids in chunk:
        include.add(top.title)
        lines = set(kids)
        for kid in g.children.get(top, ()):
            if kid.kind is NodeKind.STATEMENT and _attacks(m, kid, top):
                if firsts is None or top in firsts:
                    include.add(kid.title)
                    todo = [kid]
                    while todo:  # the answers to an objection, and theirs
                        x = todo.pop()
                        for y in g.attackers.get(x, ()):
                            if y.title not in include:
                                include.add(y.title)
                                todo.append(y)
                continue
            if kid in lines:
                include.add(kid.title)
                where = pages.get(kid.title)
                notes[kid.title] = NodeStyle(
                    note=f"→ continued on p. {where}" if where else "→ continued on p. 00"
                )
    part = f" ({k + 1} of {n})" if n > 1 else ""
    return _Job(
        f"Overview{part}",
        "The main claim, its lines of support and the objections to it; each line continues on the "
        "page named.",
        {"include": include, "detail": "compact", "legend": False, "notes": notes, "wrap": 40},
    )


def _pack(views: list[View], room: tuple[float, float], first_page: int, reserve: float = 0.0) -> list[View]:
    """Views onto pages in order: as many to a page as fit, one above the other; the
    first page keeps ``reserve`` points free at its top."""
    out: list[View] = []
    page, used = first_page, reserve
    for k, v in enumerate(views):
        h = v.printed_size_pt[1] + CAPTION_PT
        if k == 0 and used + h > room[1] + CAPTION_PT:
            fitted = (room[1] - used) / v.height_pt
            if fitted >= MIN_SCALE:
                v = replace(v, scale=min(v.scale, fitted))  # a little smaller, below the title
                h = v.printed_size_pt[1] + CAPTION_PT
            else:
                page, used = page + 1, 0.0  # the title alone on the first page
        if k == 0 or used + h > room[1] + CAPTION_PT:
            page, used = (page, used) if k == 0 else (page + 1, 0.0)
            out.append(replace(v, page=page, first_on_page=True))
        else:
            out.append(replace(v, page=page, first_on_page=False))
        used += h
    return out


def _place(key: View, views: list[View], room: tuple[float, float]) -> list[View]:
    """The key on the first page after the overview's with room for it (printed as
    small as is readable), else on a page of its own right after the overview."""
    key = replace(key, scale=min(key.scale, max(MIN_SCALE, (room[1] - 1) / key.height_pt)))
    need = key.printed_size_pt[1] + CAPTION_PT
    used: dict[int, float] = {}
    for v in views:
        used[v.page] = used.get(v.page, 0.0) + v.printed_size_pt[1] + CAPTION_PT
    for page in sorted(used):
        if used[page] + need <= room[1] + CAPTION_PT:
            last = max(i for i, v in enumerate(views) if v.page == page)
            return [*views[: last + 1], replace(key, page=page, first_on_page=False), *views[last + 1 :]]
    first = views[0].page
    shifted = [v if v.page == first else replace(v, page=v.page + 1) for v in views]
    at = max(i for i, v in enumerate(shifted) if v.page == first) + 1
    return [*shifted[:at], replace(key, page=first + 1, first_on_page=True), *shifted[at:]]


def print_pdf(m: ArgumentMap, page: PageOptions, **to_dot_opts: Any) -> bytes:
    """``argmap render --page``: one page if the map fits it readably, else the planned
    views (an overview, the key, the lines of support) as one PDF, each view at the
    scale :func:`plan` chose.  A focused or partial view (``focus``, ``include``) is
    one page, refused if it does not fit readably."""
    styles = to_dot_opts.pop("annotations_style", None) or {}
    to_dot_opts.pop("page", None)
    if to_dot_opts.get("include") is not None:
        svg = render_many([to_dot(m, annotations_style=styles, **to_dot_opts)], "svg")[0].decode("utf-8")
        w, h = _size(svg)
        room = area(page.size, page.orientation)
        if min(room[0] / w, room[1] / h, 1.0) < MIN_SCALE:
            raise PrintError(
                f"this view does not fit one {page.size} page readably (its text would print below "
                f"{MIN_TEXT_PT:g} pt): show fewer statements, use --landscape, or argmap handout"
            )
        return render_many([to_dot(m, page=page, annotations_style=styles, **to_dot_opts)], "pdf")[0]
    if to_dot_opts.get("focus") is not None:
        # one line of the argument: on as many pages as it needs, like a handout's
        printer = _Printer(m, page.size, page.orientation, styles)
        ref = resolve(m, str(to_dot_opts["focus"]))
        views = _pack(_fit(printer, m, ref, "", frozenset()), printer.room, 1)
    else:
        views = plan(m, paper=page.size, orientation=page.orientation, styles=styles)
    try:
        import io

        from pypdf import PdfReader, PdfWriter, Transformation
    except ImportError as exc:
        if len(views) == 1:  # without pypdf, Graphviz fits the one page itself
            return render_many([to_dot(m, page=page, annotations_style=styles, **to_dot_opts)], "pdf")[0]
        raise PrintError(
            "this map does not fit one page readably, and printing it over several pages needs pypdf: "
            "pip install 'argmap[pdf]' (or use argmap handout)"
        ) from exc
    w_pt, h_pt = PAPER_PT[page.size]
    if page.orientation == "landscape":
        w_pt, h_pt = h_pt, w_pt
    drawings = render_many([v.dot for v in views], "pdf")
    writer = PdfWriter()
    margin = 40.0
    pages: dict[int, object] = {}
    cursor: dict[int, float] = {}
    for v, drawing in zip(views, drawings, strict=True):
        if v.page not in pages:
            pages[v.page] = writer.add_blank_page(width=w_pt, height=h_pt)
            cursor[v.page] = h_pt - margin
        picture = PdfReader(io.BytesIO(drawing)).pages[0]
        box = picture.mediabox
        s = v.scale * v.width_pt / float(box.width)
        top = cursor[v.page] - CAPTION_PT / 2
        x = (w_pt - float(box.width) * s) / 2
        move = Transformation().translate(-float(box.left), -float(box.bottom)).scale(s, s)
        pages[v.page].merge_transformed_page(picture, move.translate(x, top - float(box.height) * s))  # type: ignore[attr-defined]
        cursor[v.page] = top - float(box.height) * s - CAPTION_PT / 2
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
