"""Which picture a map gets and how each view is drawn, decided before Graphviz runs.  Pure.

A map that fits one screen is drawn whole (:func:`choose`); a bigger one as its
overview (:mod:`argmap.draw.view`) and one view per line.  The decision uses the
labels' estimated sizes (:func:`argmap.draw.scene.estimate_size`, :func:`estimate`),
calibrated on measured layouts, never a trial Graphviz run; after one measured
layout a view that came out too big is planned again (:func:`refit`).
:func:`shown_size` says, in CSS px, how big a picture shows in a notebook column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..model import ArgumentMap, Statement
from ..text import clean_text, shorten
from . import theme
from .scene import Scene, build_scene, estimate_size, ranks
from .theme import EdgeKind
from .view import Line, Overview, overview

__all__ = [
    "COLUMN_PX",
    "ESTIMATE_MARGIN",
    "PX_PER_PT",
    "SCREEN_PX",
    "SMALL",
    "LineView",
    "choose",
    "context_map",
    "estimate",
    "fits",
    "focus_options",
    "line_choice",
    "line_options",
    "refit",
    "refit_focus",
    "refit_view",
    "shortfall",
    "shown_size",
    "tries",
    "pick",
]


#: A map of at most this many statements and arguments is always drawn whole.
SMALL = 8


#: The width (CSS px) a notebook column gives a picture, and one screen's height.
COLUMN_PX = 900.0


SCREEN_PX = 768.0


#: CSS px per pt: a picture shown at its natural size.
PX_PER_PT = 96 / 72


Kind = Literal["whole", "overview"]


def shown_size(width_pt: float, height_pt: float, column_px: float = COLUMN_PX) -> tuple[float, float, float]:
    """A picture of this natural size (pt) in a notebook column: its width and height
    in CSS px, and the factor that turns a pt of its text into CSS px (a picture is
    shrunk to the column, never enlarged).

    >>> shown_size(450, 300)
    (600.0, 400.0, 1.3333333333333333)
    """
    natural_w = width_pt * PX_PER_PT
    factor = PX_PER_PT * min(1.0, column_px / natural_w) if natural_w else PX_PER_PT
    return width_pt * factor, height_pt * factor, factor


def fits(
    width_pt: float,
    height_pt: float,
    *,
    min_px: float = 11.0,
    screens: float = 1.0,
    column_px: float = COLUMN_PX,
) -> bool:
    """Does a picture of this size show within ``screens`` screens in a notebook column
    with its smallest text (:data:`argmap.draw.theme.SMALL_FONT_SIZE`) at ``min_px`` or more?"""
    _w, h, factor = shown_size(width_pt, height_pt, column_px)
    return h <= SCREEN_PX * screens and theme.SMALL_FONT_SIZE * factor >= min_px - 1e-9


def estimate(scene: Scene, wrap: int = 28) -> tuple[float, float]:
    """A rough (width, height) in pt of the scene as ``dot`` will lay it out."""
    sizes = {n.name: estimate_size(n, wrap) for n in scene.nodes}
    side = scene.rankdir in ("LR", "RL")
    rank = _ranked(scene, side)
    by_rank: dict[int, list[str]] = {}
    for name, r in rank.items():
        by_rank.setdefault(r, []).append(name)
    nodesep, ranksep = (0.18 if side else 0.3) * 72, (0.35 if side else 0.45) * 72
    across = 1 if side else 0  # along a rank: widths side by side upright, heights sideways
    along = 1 - across  # from rank to rank: heights upright, widths sideways
    # a word on a line ("because") takes room beside the line, in the rank it leaves from
    worded = {e.src for e in scene.edges if e.word}
    word_room = 0.0 if side else theme.SMALL_FONT_SIZE * 0.6 * 8
    breadth = max(
        (
            sum(sizes[n][across] + (word_room if n in worded else 0.0) for n in ns) + nodesep * (len(ns) - 1)
            for ns in by_rank.values()
        ),
        default=0.0,
    )
    # upright, a word on a line takes a rank of its own between its ends
    worded_gaps = 0 if side else len({rank[e.src] for e in scene.edges if e.word and e.src in rank})
    depth = (
        sum(max(sizes[n][along] for n in ns) for ns in by_rank.values())
        + ranksep * max(0, len(by_rank) - 1)
        + worded_gaps * theme.SMALL_FONT_SIZE * 1.6
    )
    breadth = breadth * 1.05 + 16 * len(scene.groups) ** 0.5
    # calibrated on 850 views of 13 maps (the median of drawn / estimated size)
    fw, fh = CALIBRATION["side" if side else "upright"]
    return (depth * fw, breadth * fh) if side else (breadth * fw, depth * fh)


def _ranked(scene: Scene, side: bool) -> dict[str, int]:
    """Each node's rank; sideways, an objection hangs under what it objects to, and an
    answer under its objection, in the same column (as draw.dot places them)."""
    rank = ranks(scene)
    if not side:
        return rank
    junctions = {n.name for n in scene.nodes if n.kind == "junction"}
    disputes = [
        e for e in scene.edges if e.kind in (EdgeKind.ATTACK, EdgeKind.REBUTTAL) and e.dst not in junctions
    ]
    for _ in range(4):
        for e in disputes:
            if e.src in rank and e.dst in rank:
                rank[e.src] = rank[e.dst]
    return rank


#: Drawn size / estimated size (width, height), the median over every way of drawing
#: each line (:data:`LINE_TRIES`, :data:`LAST_TRIES`) of the case study, a 150-statement
#: debate, a 200-statement map, a debate without thesis, two lines too big for one
#: picture (English, Greek) and seven of Argdown's own examples: 437 upright views and
#: 413 sideways.  Upright heights err by 4 % on average, widths by 16 %.
CALIBRATION = {"upright": (0.83, 0.97), "side": (0.99, 1.05)}


def choose(m: ArgumentMap, *, detail: str = "auto", column_px: float = COLUMN_PX) -> Kind:
    """``"whole"`` when the whole map shows on one screen with readable text (11 px),
    else ``"overview"``.  ``detail="full"`` always asks for the whole map."""
    if detail == "full":
        return "whole"
    scene = build_scene(m, detail=detail)
    w, h = estimate(scene)
    ov = overview(m)
    if len(m) <= SMALL or (len(ov.lines) <= 1 and not ov.left):
        return "whole"  # nothing to split it into
    return "whole" if fits(w, h, column_px=column_px) else "overview"


#: What a line view may try, in order (detail, label width, orientation): the first
#: whose estimate fits is drawn, else the one that comes closest.
LINE_TRIES: tuple[tuple[str, int, str], ...] = (
    ("auto", 28, "auto"),
    ("auto", 28, "RL"),
    ("auto", 22, "auto"),
    ("compact", 28, "auto"),
    ("compact", 28, "RL"),
    ("compact", 22, "auto"),
    ("compact", 22, "RL"),
    ("compact", 18, "BT"),
    ("compact", 18, "RL"),
)


#: Tried only after a measured layout missed: narrow labels, thesis on top (a line
#: with many disputes that is too tall sideways and too wide at wider labels).
LAST_TRIES: tuple[tuple[str, int, str], ...] = (("compact", 14, "BT"),)


#: Estimates are rough: a line view is planned to this share of its budget.
ESTIMATE_MARGIN = 0.9


def shortfall(w: float, h: float, min_px: float, screens: float, column_px: float) -> float:
    """How far a picture misses (0 when it fits): the worse of too small and too tall,
    text too small weighing three times as much (a tall picture reads by scrolling;
    text too small does not read at all)."""
    _sw, sh, factor = shown_size(w, h, column_px)
    small = min_px / (theme.SMALL_FONT_SIZE * factor)
    tall = sh / (SCREEN_PX * screens)
    return max(SMALL_WEIGHT * (small - 1.0), tall - 1.0, 0.0)


#: How much more text too small counts than a picture too tall, when views are weighed.
SMALL_WEIGHT = 3.0


@dataclass(frozen=True)
class LineView:
    """How one line's view is drawn: downward from its box, the main claims not
    opened, with this detail, label width and orientation."""

    focus: str
    stop: tuple[str, ...]
    detail: str
    wrap: int
    rankdir: str
    depth: int | None = None
    #: a part of a line (:mod:`argmap.draw.parts`): only these titles are drawn
    include: tuple[str, ...] | None = None

    def scene_options(self) -> dict[str, Any]:
        """The options of :func:`argmap.draw.scene.build_scene`."""
        out: dict[str, Any] = {
            "focus": self.focus,
            "depth": self.depth,
            "stop": self.stop,
            "detail": self.detail,
            "wrap": self.wrap,
            "rankdir": self.rankdir,
        }
        if self.include is not None:
            out["include"] = self.include
        return out

    def dot_options(self) -> dict[str, Any]:
        """The options of :func:`argmap.draw.dot.to_dot` (no key, no section groups)."""
        return {**self.scene_options(), "sections": False, "legend": False}


def _line_tries(
    m: ArgumentMap, line: Line, ov: Overview, detail: str, last: bool = False
) -> list[tuple[LineView, float, float]]:
    """Every way :data:`LINE_TRIES` (and with ``last``, :data:`LAST_TRIES`) draws the
    line, with its estimated size (pt)."""
    stop = tuple(t.ref.title for t in ov.tops)
    return tries(context_map(m, ov), line.focus, stop, detail, last=last)


def tries(
    shown: ArgumentMap,
    focus: str,
    stop: tuple[str, ...],
    detail: str,
    depth: int | None = None,
    last: bool = False,
    include: tuple[str, ...] | None = None,
) -> list[tuple[LineView, float, float]]:
    """Every way :data:`LINE_TRIES` (and with ``last``, :data:`LAST_TRIES`) draws the
    view from ``focus`` (``include``: only these titles), with its estimated size (pt)."""
    every = LINE_TRIES + (LAST_TRIES if last else ())
    ways = [t for t in every if detail == "auto" or t[0] == detail] or [(detail, 28, "auto")]
    out = []
    for fold, wrap, rankdir in ways:
        scene = build_scene(
            shown,
            focus=focus,
            depth=depth,
            stop=stop,
            detail=fold,
            wrap=wrap,
            rankdir=rankdir,
            include=include,
        )
        w, h = estimate(scene, wrap)
        out.append((LineView(focus, stop, fold, wrap, scene.rankdir, depth, include), w, h))
    return out


def focus_options(
    m: ArgumentMap,
    focus: str,
    *,
    depth: int | None = None,
    detail: str = "auto",
    column_px: float = COLUMN_PX,
) -> LineView:
    """A view from ``focus`` downward (``argmap.show(m, focus=…)``, ``--focus``), drawn
    as a line's view is: evidence folded, labels narrowed and the tree turned only as
    far as the estimate says it must to read within 1.5 screens."""
    return _pick(tries(m, focus, (), detail, depth), column_px)


def _pick(
    tries: list[tuple[LineView, float, float]],
    column_px: float,
    scale: tuple[float, float] = (1.0, 1.0),
    like: str = "",
) -> LineView:
    """The first try whose estimate shows within 1.5 screens at 10 px, else the one
    that comes closest; ``scale`` corrects the estimates of tries turned ``like`` the
    one measured."""
    return pick(tries, column_px, scale, like)[0]


def pick(
    tries: list[tuple[LineView, float, float]],
    column_px: float = COLUMN_PX,
    scale: tuple[float, float] = (1.0, 1.0),
    like: str = "",
) -> tuple[LineView, float]:
    """:func:`_pick`'s view, and how far its (scaled) estimate misses (0: it fits)."""
    best: tuple[float, LineView] | None = None
    for view, w, h in tries:
        fw, fh = (scale if view.rankdir == like else (1.0, 1.0)) if like else scale
        miss = shortfall(w * fw, h * fh, 10.0, 1.5 * ESTIMATE_MARGIN, column_px)
        if best is None or miss < best[0] - 1e-9:
            best = (miss, view)
        if miss == 0:
            break
    assert best is not None
    return best[1], best[0]


def line_options(
    m: ArgumentMap, line: Line, ov: Overview, *, detail: str = "auto", column_px: float = COLUMN_PX
) -> LineView:
    """The drawing options of one line's view: the line whole, downward from its
    box, with the main claim it serves for context and other main claims not opened;
    evidence folded, labels narrowed and the tree turned only as far as the estimate
    says it must to show within 1.5 screens with text of 10 px or more."""
    return _pick(_line_tries(m, line, ov, detail), column_px)


def line_choice(
    m: ArgumentMap, line: Line, ov: Overview, *, detail: str = "auto", column_px: float = COLUMN_PX
) -> tuple[LineView, float]:
    """:func:`line_options`, and how far its estimate misses (0: it reads)."""
    return pick(_line_tries(m, line, ov, detail), column_px)


def refit(
    m: ArgumentMap,
    line: Line,
    ov: Overview,
    drawn: LineView,
    size: tuple[float, float],
    *,
    detail: str = "auto",
    column_px: float = COLUMN_PX,
) -> LineView | None:
    """After one measured layout: if the line's view drawn as ``drawn`` came out
    ``size`` (pt) and does not show within 1.5 screens at 10 px, the view to draw
    instead, chosen from every try's estimate scaled by how far this line's estimate
    was off (None when it fits, or when nothing promises better)."""
    again = refit_view(context_map(m, ov), drawn, size, detail=detail, column_px=column_px)
    return again[0] if again is not None else None


def refit_focus(
    m: ArgumentMap,
    drawn: LineView,
    size: tuple[float, float],
    *,
    detail: str = "auto",
    column_px: float = COLUMN_PX,
) -> LineView | None:
    """:func:`refit` for a view from a focus (:func:`focus_options`)."""
    again = refit_view(m, drawn, size, detail=detail, column_px=column_px)
    return again[0] if again is not None else None


def refit_view(
    shown: ArgumentMap,
    drawn: LineView,
    size: tuple[float, float],
    *,
    detail: str = "auto",
    column_px: float = COLUMN_PX,
) -> tuple[LineView, float, tuple[float, float]] | None:
    """:func:`refit` for any view of ``shown`` (a line's, a part's, a focus's): the view
    to draw instead, how far its corrected estimate misses, and the correction (drawn
    / estimated size); None when the view reads, or its estimate is unknown."""
    if shortfall(size[0], size[1], 10.0, 1.5, column_px) == 0:
        return None
    ways = tries(shown, drawn.focus, drawn.stop, detail, drawn.depth, last=True, include=drawn.include)
    est = next(((w, h) for v, w, h in ways if v == drawn), None)
    if est is None or not est[0] or not est[1]:
        return None
    scale = (size[0] / est[0], size[1] / est[1])
    view, miss = pick([t for t in ways if t[0] != drawn], column_px, scale, drawn.rankdir)
    return view, miss, scale


#: How much of a main claim's text a line view shows for context.
CONTEXT_CHARS = 70


_CONTEXT: list[tuple[ArgumentMap, Overview, ArgumentMap]] = []


def context_map(m: ArgumentMap, ov: Overview) -> ArgumentMap:
    """:func:`_context_map`, made once for the last map: every line view of a map
    draws the same shortened map, and so builds its indexes once."""
    for known, known_ov, shown in _CONTEXT:
        if known is m and known_ov is ov:
            return shown
    shown = _context_map(m, ov)
    _CONTEXT[:] = [(m, ov, shown)]
    return shown


def _context_map(m: ArgumentMap, ov: Overview) -> ArgumentMap:
    """The map as a line view draws it: the main claims, shown there only for
    context, with their text shortened (ending in "…")."""
    from dataclasses import replace

    tops = {t.ref.title for t in ov.tops if isinstance(t.node, Statement)}
    if not any(len(s.text) > CONTEXT_CHARS for s in m.statements if s.title in tops):
        return m
    statements = tuple(
        replace(s, text=shorten(clean_text(s.text), CONTEXT_CHARS)) if s.title in tops else s
        for s in m.statements
    )
    return m.replace(statements=statements)
