"""What a printed map shows: the plan of its views (:func:`plan`), an overview, the
key and the lines of support, each at the largest scale that reads (see
:mod:`argmap.output.paper`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..draw.graph import Graph
from ..draw.options import PictureOptions
from ..draw.overview import overview_dot
from ..draw.scene import build_scene
from ..draw.style import PAGE_SIZES, NodeStyle
from ..draw.theme import SMALL_FONT_SIZE
from ..draw.view import Overview, Top, overview
from ..model import ArgumentMap, NodeKind, NodeRef, RelationKind, Role
from .paper import (
    GROUP_NODES,
    MIN_SCALE,
    MIN_TEXT_PT,
    PAGE_NODES,
    SMALL_NODES,
    WHOLE_LIMIT,
    WRAPS,
    Job,
    Printer,
    PrintError,
    Task,
    View,
    drive,
    pack,
    place,
    together,
)

__all__ = ["ahead", "fit", "page_runs", "plan"]


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
    printer = Printer(m, paper, orientation, styles or {})
    printer.reserve = reserve_first
    views = drive(printer, _plan(printer, key_note))
    if views[0].heading == "The whole map":
        return printer.finish(pack(views, printer.room, first_page, reserve_first), fmt)
    key = next(v for v in views if v.heading == "Key")
    rest = pack([v for v in views if v is not key], printer.room, first_page, reserve_first)
    packed = place(key, rest, printer.room, reserve_first)
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


def _plan(printer: Printer, key_note: str) -> Task:
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
                    ahead(printer, kid, stop)
    key = Job("Key", "", key=key_note)
    steps = [_drawn(key), _overview_task(printer, ov)]
    steps += [_lines_task(printer, top, kids, stop) for top, kids in tops_]
    if len(m) <= WHOLE_LIMIT:
        steps.insert(0, _whole(key))
    try:
        drawn = yield from together(steps)
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
            items = len(page_runs([(n, t, first.get(t)) for n, t in v.points_to]))
            extra = 11.0 * -(-items // 2) + 4.0
            fit = (printer.room[1] - extra) / max(v.height_pt, 1.0)
            v = replace(v, extra_pt=extra, scale=min(v.scale, fit))
        out.append(v)
    return out


def page_runs(items: Sequence[tuple[int, str, int | None]]) -> list[list[tuple[int, str]]]:
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


def _drawn(job: Job) -> Task:
    return (yield [job])


def _whole(key: Job) -> Task:
    """The whole map on one page: with its key if that fits, else beside the key."""
    jobs = [
        Job("The whole map", "", PictureOptions(detail="auto", legend=legend), wraps=WRAPS)
        for legend in (True, False)
    ]
    keyed, bare, key_view = yield [*jobs, key]
    if keyed.scale >= MIN_SCALE:
        raise _Fits([keyed])
    if bare.scale >= MIN_SCALE:
        raise _Fits([bare, key_view])
    return []


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


def _overview_task(printer: Printer, ov: Overview) -> Task:
    """The overview: all main claims with their lines as boxes, in one view, drawn in
    the first run at a few row widths (the one printed largest is kept); a map with
    more lines than one page holds is shown in parts (halved until each fits)."""
    m = printer.m
    nodes = {str(s.ref): s for s in m.statements} | {str(a.ref): a for a in m.arguments}

    def jobs(part: Any, k: int, n: int) -> list[Job]:
        named = tuple((x.number, x.ref.title) for t in part.tops for x in (*t.lines, *t.objections))
        heading = "Overview" + (f" ({k + 1} of {n})" if n > 1 else "")
        return [
            Job(
                heading,
                _OVERVIEW_CAPTION,
                dot=overview_dot(part, nodes, column_px=c, links=False),
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


def _members(printer: Printer, ref: NodeRef, stop: frozenset[str]) -> set[str]:
    """The titles a line's view shows: the line and all under it (an argument's premises too)."""
    out = {ref.title}
    for x in _under(printer.graph, ref, stop):
        out.add(x.title)
    return out


def _groups(printer: Printer, top: NodeRef, kids: list[NodeRef], stop: frozenset[str]) -> list[list[NodeRef]]:
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


def _lines_task(printer: Printer, top: NodeRef, kids: list[NodeRef], stop: frozenset[str]) -> Task:
    """The lines under one main claim, in order: small ones share a view (the claim
    drawn once for them), a big one gets views of its own (:func:`fit`)."""
    groups = _groups(printer, top, kids, stop)
    for grp in groups:
        printer.done.update(grp)
    parts = yield from together([_group_task(printer, top, grp, stop) for grp in groups])
    return [v for part in parts for v in part]


def _group_task(printer: Printer, top: NodeRef, group: list[NodeRef], stop: frozenset[str]) -> Task:
    """Lines that share a view; halved until each part fits, a single line by :func:`fit`."""
    m = printer.m
    if len(group) == 1:
        what = "An objection to" if _attacks(m, group[0], top) else "A line of support of"
        views = yield from fit(printer, group[0], f"{what} {_title(top)}", stop)
        return [replace(views[0], lines=(group[0].title,)), *views[1:]]
    include = {top.title}
    for kid in group:
        include |= _members(printer, kid, stop)
    (view,) = yield [
        Job(
            f"{len(group)} lines under {_title(top)}",
            ", ".join(_title(k) for k in group) + f"; {_title(top)} is drawn once for them all",
            PictureOptions(include=include, detail="full", legend=False),
            lines=tuple(k.title for k in group),
            wraps=WRAPS,
        )
    ]
    if view.scale >= MIN_SCALE:
        return [view]
    half = len(group) // 2
    parts = yield from together(
        [_group_task(printer, top, group[:half], stop), _group_task(printer, top, group[half:], stop)]
    )
    return [*parts[0], *parts[1]]


def _fit_jobs(
    printer: Printer, ref: NodeRef, caption: str, stop: frozenset[str]
) -> tuple[Job | None, Job | None, Job]:
    """The views :func:`fit` weighs for ``ref``: whole, evidence folded, first level
    only.  Whole (or folded) is left out when what it would show is more boxes than
    a page holds readably: counted from the map, not tried."""
    g = printer.graph
    under = _under(g, ref, stop)
    leaves = sum(
        1 for x in under if not g.children.get(x) and getattr(printer.m.get(x), "role", None) is Role.EVIDENCE
    )
    view = PictureOptions(focus=str(ref), legend=False, stop=stop)
    full = Job(_title(ref), caption, replace(view, detail="full"))
    compact = Job(_title(ref), caption + "; its evidence on the next views", replace(view, detail="compact"))
    shallow = Job(
        _title(ref),
        caption + "; what lies under it on the next views",
        replace(view, detail="compact", depth=1),
    )
    return (
        full if len(under) < PAGE_NODES else None,
        compact if leaves and len(under) - leaves < PAGE_NODES else None,
        shallow,
    )


def ahead(printer: Printer, ref: NodeRef, stop: frozenset[str]) -> None:
    """Ask ahead for the views :func:`fit` may want for ``ref`` and, should it have to
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
        job = Job("", "", PictureOptions(include={ref.title, *own}, detail="full", legend=False), wraps=WRAPS)
        printer.draw_ahead([job])
    if full is not None and len(under) < SMALL_NODES:
        return  # it most likely fits whole
    for kid in kids:
        if kid.title not in stop:
            ahead(printer, kid, stop | {ref.title})


def fit(printer: Printer, ref: NodeRef, caption: str, stop: frozenset[str]) -> Task:
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
    head, kids, folded = _head(printer, ref, stop, compact, shallow)
    if head.scale < MIN_SCALE:
        return (yield from _fit_in_groups(printer, ref, caption, stop))
    under = _under(printer.graph, ref, stop)
    kids = [k for k in dict.fromkeys(kids) if k in under and k not in printer.done]
    printer.done.update(kids)
    steps: list[Task] = []
    if head is shallow or ref in folded:
        steps.append(_own_evidence(printer, ref, caption))
    steps += [fit(printer, kid, f"Under {_title(ref)}", stop | {ref.title}) for kid in kids]
    parts = yield from together(steps)
    views = [v for part in parts for v in part]
    own = {NodeRef.statement(t) for t in _evidence_of(m, ref, printer.graph)}
    if head is shallow and not kids and set(printer.graph.children.get(ref, ())) <= own:
        # all it holds is its evidence: the views of that show it, the head only repeats
        return views
    return [head, *views]


def _head(
    printer: Printer, ref: NodeRef, stop: frozenset[str], compact: View | None, shallow: View
) -> tuple[View, list[NodeRef], list[NodeRef]]:
    """The view that heads a line too big for one page whole: its compact view if that
    fits, else its first level; what that view folded or cut (each gets views of its
    own); and what the compact view folds."""
    scene_opts: dict[str, Any] = {"focus": str(ref), "stop": stop, "styles": printer.styles}
    folded = [n.ref for n in build_scene(printer.m, detail="compact", **scene_opts).nodes if n.folded]
    if compact is not None and compact.scale >= MIN_SCALE and ref not in folded:
        return compact, folded, folded
    cut = build_scene(printer.m, detail="compact", depth=1, **scene_opts).nodes
    return shallow, [n.ref for n in cut if (n.more or n.folded) and n.kind == "statement"], folded


def _fit_in_groups(printer: Printer, ref: NodeRef, caption: str, stop: frozenset[str]) -> Task:
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
            Job(
                _title(ref) + (f" ({i + 1} of {len(groups)})" if len(groups) > 1 else ""),
                caption + "; what lies under it on the next views",
                PictureOptions(include=members(grp), detail="compact", legend=False),
                wraps=WRAPS,
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
    steps += [fit(printer, b, f"Under {_title(ref)}", stop | {ref.title}) for b in below]
    parts = yield from together(steps)
    return [*views, *(v for part in parts for v in part)]


def _own_evidence(printer: Printer, ref: NodeRef, caption: str) -> Task:
    """The node with its own evidence, when the views of it folded that evidence (in
    groups, halved until each fits)."""
    own = _evidence_of(printer.m, ref, printer.graph)
    groups = [own] if own else []
    while groups:
        views = yield [
            Job(
                _title(ref) + ": its evidence" + (f" ({i + 1} of {len(groups)})" if len(groups) > 1 else ""),
                caption,
                PictureOptions(include={ref.title, *grp}, detail="full", legend=False),
                wraps=WRAPS,
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
