"""Which picture a map gets, decided once before Graphviz runs.  Pure.

A map that fits one screen is drawn whole.  A bigger one is shown as an
**overview** (its main claims, each line of support as one box that says what
hangs under it, the objections to each main claim with their replies counted)
and one **line view** per line, opened from the overview.  Paper and the class
view follow the same order.

The decision uses the map's structure and the labels' estimated sizes
(:func:`argmap.draw.scene.estimate_size`), never a trial Graphviz run.

* :func:`overview` finds the main claims and their lines (:class:`Overview`);
* :func:`choose` says ``"whole"`` or ``"overview"`` for a map's default picture;
* :func:`shown_size` estimates, in CSS px, how big a scene shows in a notebook column.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .. import theme
from ..model import Argument, ArgumentMap, NodeKind, NodeRef, RelationKind, Role, Statement
from ..text import clean_text, count, shorten
from ..theme import EdgeKind
from .graph import Graph, graph_of, tops
from .scene import Scene, estimate_size, ranks

__all__ = [
    "COLUMN_PX",
    "SCREEN_PX",
    "Line",
    "LineView",
    "Overview",
    "Tally",
    "Top",
    "choose",
    "fits",
    "focus_options",
    "line_options",
    "overview",
    "refit",
    "refit_focus",
    "shortfall",
    "shown_size",
]

#: With fewer main claims than this, one that has a single line opens it down to
#: where the argument branches.
_CHAIN_TOPS = 3
#: A map of at most this many statements and arguments is always drawn whole.
SMALL = 8
#: The width (CSS px) a notebook column gives a picture, and one screen's height.
COLUMN_PX = 900.0
SCREEN_PX = 768.0
#: CSS px per pt: a picture shown at its natural size.
PX_PER_PT = 96 / 72

Kind = Literal["whole", "overview"]


@dataclass(frozen=True)
class Tally:
    """What hangs under a line: counted by what each statement does in it."""

    premises: int = 0
    assumptions: int = 0
    evidence: int = 0
    arguments: int = 0
    objections: int = 0
    replies: int = 0

    def words(self) -> str:
        """``3 premises · 1 assumption · 5 pieces of evidence · 2 objections``.

        >>> Tally(premises=1, evidence=2, replies=1).words()
        '1 premise · 2 pieces of evidence · 1 reply'
        """
        parts = [
            count(self.premises, "premise") if self.premises else "",
            count(self.assumptions, "assumption") if self.assumptions else "",
            count(self.evidence, "piece of evidence", "pieces of evidence") if self.evidence else "",
            count(self.arguments, "argument") if self.arguments else "",
            count(self.objections, "objection") if self.objections else "",
            count(self.replies, "reply", "replies") if self.replies else "",
        ]
        return " · ".join(p for p in parts if p)

    @property
    def total(self) -> int:
        return (
            self.premises + self.assumptions + self.evidence + self.arguments + self.objections + self.replies
        )


@dataclass(frozen=True)
class Line:
    """One line under a main claim: a line of support (an argument, or a reason
    statement), or an objection to the main claim with its replies."""

    ref: NodeRef
    top: NodeRef
    attacks: bool
    title: str
    gist: str
    members: frozenset[NodeRef]
    tally: Tally
    number: int  # 1, 2 … in overview order
    #: other main claims this line draws on (a prediction drawn from the thesis)
    uses: tuple[NodeRef, ...] = ()
    #: what the line is, in words: "line of support" (an argument), "reason",
    #: "evidence", "assumption", "objection" or "reply"
    what: str = "line of support"

    @property
    def focus(self) -> str:
        """How ``focus=`` names it: ``<Title>`` or ``[Title]``."""
        return str(self.ref)

    @property
    def slug(self) -> str:
        """A file- and id-safe name: ``line-03``."""
        return f"line-{self.number:02d}"

    @property
    def opens(self) -> bool:
        """Every line opens: its view shows it whole, with its full text."""
        return True


@dataclass(frozen=True)
class Top:
    """A main claim (a thesis, or a position nothing else is above) and its lines."""

    ref: NodeRef
    node: Statement | Argument
    lines: tuple[Line, ...]
    objections: tuple[Line, ...]
    #: a single line of support opened in place: the nodes under the claim down to where
    #: the argument branches (the lines hang from the last of them)
    chain: tuple[Statement | Argument, ...] = ()


@dataclass(frozen=True)
class Overview:
    tops: tuple[Top, ...]
    #: statements and arguments no line and no main claim shows
    left: frozenset[NodeRef] = field(default_factory=frozenset)
    #: statements connected to nothing, in map order (counted, not drawn)
    loose: tuple[NodeRef, ...] = ()

    @property
    def lines(self) -> tuple[Line, ...]:
        """Every line, in overview order (per main claim: support, then objections)."""
        return tuple(x for t in self.tops for x in (*t.lines, *t.objections))


#: The titles Argdown makes up for a statement written without one.
_UNTITLED = re.compile(r"Untitled \d+")


def _title(node: Statement | Argument, limit: int = 60) -> str:
    """What a line's box is called: its title, or, where Argdown made the title up
    ("Untitled 3"), the start of its text."""
    title = clean_text(node.title)
    text = clean_text(node.text)
    if _UNTITLED.fullmatch(title) and text:
        return shorten(text, limit)
    return title


def _gist(node: Statement | Argument, limit: int = 90) -> str:
    text = clean_text(node.text)
    if not text and isinstance(node, Argument) and node.conclusion is not None:
        return ""
    return shorten(text, limit) if text != clean_text(node.title) else ""


def _below(g: Graph, start: NodeRef, stop: set[NodeRef]) -> tuple[set[NodeRef], list[NodeRef]]:
    """Everything under ``start`` (its reasons, their evidence, objections, replies …),
    not passing through the nodes in ``stop``; and which of those it reached."""
    seen = {start}
    met: list[NodeRef] = []
    queue = deque([start])
    while queue:
        x = queue.popleft()
        for y in g.children.get(x, ()):
            if y in stop:
                if y not in met:
                    met.append(y)
                continue
            if y not in seen:
                seen.add(y)
                queue.append(y)
    return seen, met


def _tally(
    m: ArgumentMap,
    root: NodeRef,
    members: Iterable[NodeRef],
    attackers: set[NodeRef],
    attacked_by: Mapping[NodeRef, set[NodeRef]],
) -> Tally:
    """What the line under ``root`` holds (``attacked_by``: what each node attacks)."""
    counted = {"premises": 0, "assumptions": 0, "evidence": 0, "arguments": 0, "objections": 0, "replies": 0}
    for ref in members:
        if ref == root:
            continue
        node = m.get(ref)
        if node is None:
            continue
        targets = attacked_by.get(ref, set())
        if targets:
            counted["replies" if targets & attackers else "objections"] += 1
        elif isinstance(node, Argument):
            if not node.inferences:
                counted["arguments"] += 1
        elif node.role is Role.ASSUMPTION:
            counted["assumptions"] += 1
        elif node.role is Role.EVIDENCE:
            counted["evidence"] += 1
        elif node.role is Role.OBJECTION:
            counted["objections"] += 1
        elif node.role is Role.REBUTTAL:
            counted["replies"] += 1
        else:
            counted["premises"] += 1
    return Tally(**counted)


def overview(m: ArgumentMap) -> Overview:
    """The map's main claims (its theses first, then whatever nothing else is above,
    such as a prediction drawn from the thesis), each with its lines of support and
    the objections to it.  A line under two main claims is listed under the first.

    >>> from argmap import loads
    >>> text = "[T]: t. #thesis\\n  + [R]: r.\\n    + [E]: e. #evidence\\n  - [O]: o. #objection"
    >>> ov = overview(loads(text))
    >>> [(x.title, x.attacks, x.tally.words()) for x in ov.lines]
    [('R', False, '1 piece of evidence'), ('O', True, '')]
    """
    g = graph_of(m)
    everything = {s.ref for s in m.statements} | {a.ref for a in m.arguments}
    # a statement inside an argument (a premise, or a step's conclusion that the next
    # step uses) belongs to that argument's line, never a main claim of its own
    inner = {
        NodeRef.statement(t)
        for a in m.arguments
        for k, inf in enumerate(a.inferences)
        for t in (*inf.premises, *((inf.conclusion,) if k < len(a.inferences) - 1 else ()))
    }
    theses = [s.ref for s in m.theses]
    # a statement connected to nothing (Argdown's loose text) is not a main claim: the
    # overview counts it instead (Argdown's own map leaves such statements out)
    loose = {
        r
        for r in everything
        if r.kind is NodeKind.STATEMENT and not g.children.get(r) and not g.parents.get(r)
    } - set(theses)
    found = list(dict.fromkeys(theses + [t for t in tops(everything, g) if t not in inner | loose]))
    main = set(found)
    attackers = {r.source for r in m.relations if r.kind in (RelationKind.ATTACK, RelationKind.UNDERCUT)}
    attacks_on: dict[NodeRef, set[NodeRef]] = {}  # target → what attacks it
    attacked_by: dict[NodeRef, set[NodeRef]] = {}  # attacker → what it attacks
    for r in m.relations:
        if r.kind in (RelationKind.ATTACK, RelationKind.UNDERCUT):
            attacks_on.setdefault(r.target, set()).add(r.source)
            attacked_by.setdefault(r.source, set()).add(r.target)
    claimed: set[NodeRef] = set(main)
    shown: set[NodeRef] = set(main)
    out: list[Top] = []
    number = 0
    for top in found:
        node = m.get(top)
        assert node is not None
        lines: list[Line] = []
        objections: list[Line] = []
        # one line alone is no overview: open it down to where the argument branches
        # (a debate's many positions stay one box per line: their blocks sit side by side)
        chain: list[Statement | Argument] = []
        at = top
        while len(found) < _CHAIN_TOPS:
            kids = [k for k in g.children.get(at, ()) if k not in claimed]
            if len(kids) != 1 or kids[0] in attacks_on.get(at, set()) or len(chain) >= 4:
                break
            nxt = m.get(kids[0])
            if nxt is None or not [k for k in g.children.get(kids[0], ()) if k not in claimed]:
                break
            claimed.add(kids[0])
            shown.add(kids[0])
            chain.append(nxt)
            at = kids[0]
        for kid in g.children.get(at, ()):
            if kid in claimed:
                continue
            claimed.add(kid)
            members, met = _below(g, kid, main)
            shown |= members
            number += 1
            child = m.get(kid)
            assert child is not None
            line = Line(
                ref=kid,
                top=at,
                attacks=kid in attacks_on.get(at, set()),
                title=_title(child),
                gist=_gist(child) if _title(child) == clean_text(child.title) else "",
                members=frozenset(members),
                tally=_tally(m, kid, members, attackers, attacked_by),
                number=number,
                uses=tuple(x for x in met if x != top),
                what=_what(child, kid in attacks_on.get(at, set()), kid in attackers and at in attackers),
            )
            (objections if line.attacks else lines).append(line)
        out.append(Top(top, node, tuple(lines), tuple(objections), tuple(chain)))
    # number the lines in the order they are shown: support first, then objections
    renumbered: list[Top] = []
    k = 0
    for t in out:
        fixed = []
        for x in (*t.lines, *t.objections):
            k += 1
            fixed.append(_renumber(x, k))
        renumbered.append(
            Top(t.ref, t.node, tuple(fixed[: len(t.lines)]), tuple(fixed[len(t.lines) :]), t.chain)
        )
    loose_in_order = tuple(s.ref for s in m.statements if s.ref in loose)
    return Overview(tuple(renumbered), frozenset(everything - shown - loose), loose_in_order)


#: A statement under a main claim, by its role: what its box and its view are called.
_WHAT = {
    Role.EVIDENCE: "evidence",
    Role.ASSUMPTION: "assumption",
    Role.OBJECTION: "objection",
    Role.REBUTTAL: "reply",
}


def _what(node: Statement | Argument, attacks: bool, answers: bool) -> str:
    """What a line is called: by what it does first (objects, answers), then by what it is."""
    if attacks:
        return (
            "reply"
            if answers or (isinstance(node, Statement) and node.role is Role.REBUTTAL)
            else "objection"
        )
    if isinstance(node, Argument):
        return "line of support"
    return _WHAT.get(node.role, "reason") if node.role not in (Role.OBJECTION, Role.REBUTTAL) else "reason"


def _renumber(line: Line, number: int) -> Line:
    from dataclasses import replace

    return replace(line, number=number)


# -- how big a picture shows --------------------------------------------------------------


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
    with its smallest text (:data:`argmap.theme.SMALL_FONT_SIZE`) at ``min_px`` or more?"""
    _w, h, factor = shown_size(width_pt, height_pt, column_px)
    return h <= SCREEN_PX * screens and theme.SMALL_FONT_SIZE * factor >= min_px - 1e-9


def estimate(scene: Scene, wrap: int = 28) -> tuple[float, float]:
    """A rough (width, height) in pt of the scene as ``dot`` will lay it out."""

    sizes = {n.name: estimate_size(n, wrap) for n in scene.nodes}
    rank = ranks(scene)
    side = scene.rankdir in ("LR", "RL")
    if side:
        # sideways, an objection hangs under what it objects to, and an answer under its
        # objection, in the same column (as draw.dot places them)
        junctions = {n.name for n in scene.nodes if n.kind == "junction"}
        disputes = [
            e
            for e in scene.edges
            if e.kind in (EdgeKind.ATTACK, EdgeKind.REBUTTAL) and e.dst not in junctions
        ]
        for _ in range(4):
            for e in disputes:
                if e.src in rank and e.dst in rank:
                    rank[e.src] = rank[e.dst]
    by_rank: dict[int, list[str]] = {}
    for name, r in rank.items():
        by_rank.setdefault(r, []).append(name)
    nodesep, ranksep = (0.18 if side else 0.3) * 72, (0.35 if side else 0.45) * 72
    across = 0 if side else 1  # along a rank: width upright, height sideways
    along = 1 - across
    # a word on a line ("because") takes room beside the line, in the rank it leaves from
    worded = {e.src for e in scene.edges if e.word}
    word_room = 0.0 if side else theme.SMALL_FONT_SIZE * 0.6 * 8
    breadth = max(
        (
            sum(sizes[n][1 - across] + (word_room if n in worded else 0.0) for n in ns)
            + nodesep * (len(ns) - 1)
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
    # calibrated on 266 line views of four maps (the median of drawn / estimated size)
    fw, fh = CALIBRATION["side" if side else "upright"]
    return (depth * fw, breadth * fh) if side else (breadth * fw, depth * fh)


#: Drawn size / estimated size (width, height), the median over the line views of the
#: case study, a 150-statement debate, a 200-statement map and a debate without thesis.
CALIBRATION = {"upright": (0.75, 0.66), "side": (1.23, 1.2)}


def choose(m: ArgumentMap, *, detail: str = "auto", column_px: float = COLUMN_PX) -> Kind:
    """``"whole"`` when the whole map shows on one screen with readable text (11 px),
    else ``"overview"``.  ``detail="full"`` always asks for the whole map."""
    if detail == "full":
        return "whole"
    from .scene import build_scene

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

    def scene_options(self) -> dict[str, Any]:
        """The options of :func:`argmap.draw.scene.build_scene`."""
        return {
            "focus": self.focus,
            "depth": self.depth,
            "stop": self.stop,
            "detail": self.detail,
            "wrap": self.wrap,
            "rankdir": self.rankdir,
        }

    def dot_options(self) -> dict[str, Any]:
        """The options of :func:`argmap.draw.dot.to_dot` (no key, no section groups)."""
        return {**self.scene_options(), "sections": False, "legend": False}


def _line_tries(
    m: ArgumentMap, line: Line, ov: Overview, detail: str, last: bool = False
) -> list[tuple[LineView, float, float]]:
    """Every way :data:`LINE_TRIES` (and with ``last``, :data:`LAST_TRIES`) draws the
    line, with its estimated size (pt)."""
    stop = tuple(t.ref.title for t in ov.tops)
    return _tries(context_map(m, ov), line.focus, stop, detail, last=last)


def _tries(
    shown: ArgumentMap,
    focus: str,
    stop: tuple[str, ...],
    detail: str,
    depth: int | None = None,
    last: bool = False,
) -> list[tuple[LineView, float, float]]:
    from .scene import build_scene

    every = LINE_TRIES + (LAST_TRIES if last else ())
    tries = [t for t in every if detail == "auto" or t[0] == detail] or [(detail, 28, "auto")]
    out = []
    for fold, wrap, rankdir in tries:
        scene = build_scene(
            shown, focus=focus, depth=depth, stop=stop, detail=fold, wrap=wrap, rankdir=rankdir
        )
        w, h = estimate(scene, wrap)
        out.append((LineView(focus, stop, fold, wrap, scene.rankdir, depth), w, h))
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
    return _pick(_tries(m, focus, (), detail, depth), column_px)


def _pick(
    tries: list[tuple[LineView, float, float]],
    column_px: float,
    scale: tuple[float, float] = (1.0, 1.0),
    like: str = "",
) -> LineView:
    """The first try whose estimate shows within 1.5 screens at 10 px, else the one
    that comes closest; ``scale`` corrects the estimates of tries turned ``like`` the
    one measured."""
    best: tuple[float, LineView] | None = None
    for view, w, h in tries:
        fw, fh = scale if view.rankdir == like else (1.0, 1.0)
        miss = shortfall(w * fw, h * fh, 10.0, 1.5 * ESTIMATE_MARGIN, column_px)
        if best is None or miss < best[0] - 1e-9:
            best = (miss, view)
        if miss == 0:
            break
    assert best is not None
    return best[1]


def line_options(
    m: ArgumentMap, line: Line, ov: Overview, *, detail: str = "auto", column_px: float = COLUMN_PX
) -> LineView:
    """The drawing options of one line's view: the line whole, downward from its
    box, with the main claim it serves for context and other main claims not opened;
    evidence folded, labels narrowed and the tree turned only as far as the estimate
    says it must to show within 1.5 screens with text of 10 px or more."""
    return _pick(_line_tries(m, line, ov, detail), column_px)


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
    return _refit(_line_tries(m, line, ov, detail, last=True), drawn, size, column_px)


def refit_focus(
    m: ArgumentMap,
    drawn: LineView,
    size: tuple[float, float],
    *,
    detail: str = "auto",
    column_px: float = COLUMN_PX,
) -> LineView | None:
    """:func:`refit` for a view from a focus (:func:`focus_options`)."""
    return _refit(_tries(m, drawn.focus, drawn.stop, detail, drawn.depth, last=True), drawn, size, column_px)


def _refit(
    tries: list[tuple[LineView, float, float]], drawn: LineView, size: tuple[float, float], column_px: float
) -> LineView | None:
    if shortfall(size[0], size[1], 10.0, 1.5, column_px) == 0:
        return None
    est = next(((w, h) for v, w, h in tries if v == drawn), None)
    if est is None or not est[0] or not est[1]:
        return None
    scale = (size[0] / est[0], size[1] / est[1])
    return _pick([t for t in tries if t[0] != drawn], column_px, scale, drawn.rankdir)


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
