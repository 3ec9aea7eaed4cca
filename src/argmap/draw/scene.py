"""What a picture of a map shows, and how it is grouped: the scene.  Pure.

:func:`build_scene` decides, before any DOT is written:

* **which nodes** a view shows.  ``include`` keeps the named statements and
  arguments; ``focus`` follows the argument *downward* from one node (its reasons,
  their evidence, objections against them …) up to ``depth`` steps, always with the
  rebuttals of every objection it shows, plus the statement the focus supports, for
  context.  Every shown node with hidden neighbours records how many (``more``):
  the picture says "+3 more" there instead of pretending the map ends.
* **what folds.**  With ``detail="compact"`` (and with ``"auto"`` on maps of more
  than :data:`FOLD_ABOVE` statements) a piece of evidence, or a claim quoted from
  the text, whose only link is its support for one statement becomes a line in
  that statement ("5 pieces of evidence, ¶ 2–6") instead of a node;
  ``detail="full"`` shows every piece.
* **repeated premises.**  A premise that several lines of support share, and that
  nothing else touches, is drawn once in each line (marked "in 4 lines"), so no
  shared box fans out crossing lines across the map.
* **junctions.**  An argument with a premise–conclusion structure gets a small
  "because" junction per inference, with its co-premises framed together (the
  reason box of Rationale); a one-premise argument without a scheme is a direct
  edge.  An argument without a structure is one box.
* **orientation.**  ``rankdir="auto"`` keeps the thesis on top (``BT``) when the
  picture is narrow enough to read at notebook width, and otherwise lays the tree
  on its side (``RL``: thesis on the left, reasons to the right), estimated from
  the labels' sizes before Graphviz runs.

Nodes are named as :mod:`argmap.draw.graph` names them, the same in every view.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..model import (
    Argument,
    ArgumentMap,
    NodeKind,
    NodeRef,
    Relation,
    RelationKind,
    Role,
    Statement,
)
from . import theme
from .graph import Names, names_of, select
from .options import DETAILS, RANKDIRS
from .theme import EdgeKind

if TYPE_CHECKING:
    from .style import NodeStyle

__all__ = [
    "DETAILS",
    "FOLD_ABOVE",
    "RANKDIRS",
    "Scene",
    "SceneEdge",
    "SceneNode",
    "build_scene",
    "depth_of",
    "estimate_size",
    "ranks",
]

#: With ``detail="auto"``, evidence folds when a view shows more statements than this.
FOLD_ABOVE = 24
#: The widest picture (pt) that still shows 9 pt text at 9 CSS px in a 900 px column.
READABLE_WIDTH_PT = 900.0


@dataclass(frozen=True)
class SceneNode:
    """One node of the picture.  ``kind``: ``statement``, ``argument`` (a box) or
    ``junction`` (one inference of an argument, ``step`` its index)."""

    name: str
    ref: NodeRef
    kind: str
    statement: Statement | None = None
    argument: Argument | None = None
    step: int = 0
    folded: tuple[Statement, ...] = ()
    shared_by: int = 1  # a repeated premise: how many lines show it
    more: int = 0  # neighbours this view leaves out
    group: str | None = None  # the co-premise frame it sits in


@dataclass(frozen=True)
class SceneEdge:
    src: str
    dst: str
    kind: EdgeKind
    word: str


@dataclass(frozen=True)
class Group:
    """A frame around the co-premises of one inference (and its junction)."""

    name: str
    members: tuple[str, ...]


@dataclass
class Scene:
    """Everything the label and DOT steps need; tests assert on this, not on DOT."""

    nodes: list[SceneNode]
    edges: list[SceneEdge]
    groups: list[Group]
    rankdir: str
    detail: str
    styles: Mapping[str, NodeStyle] = field(default_factory=dict)
    folded: int = 0  # pieces of evidence folded into counts
    hidden: int = 0  # nodes a focused view leaves out
    levels: int | None = None  # the view keeps only this many levels under the roots
    sections: tuple[str, ...] = ()  # the map's headings, in order

    def node(self, name: str) -> SceneNode:
        return next(n for n in self.nodes if n.name == name)

    @property
    def names(self) -> dict[NodeRef, list[str]]:
        out: dict[NodeRef, list[str]] = {}
        for n in self.nodes:
            out.setdefault(n.ref, []).append(n.name)
        return out

    @property
    def roles(self) -> set[Role]:
        return {n.statement.role for n in self.nodes if n.statement is not None}

    @property
    def edge_kinds(self) -> set[EdgeKind]:
        return {e.kind for e in self.edges}


# -- names ----------------------------------------------------------------------------


# -- which nodes ------------------------------------------------------------------------


# -- the scene ------------------------------------------------------------------------


def _edge_kind(m: ArgumentMap, r: Relation, attackers: set[NodeRef], teaches: bool) -> EdgeKind:
    if r.kind is RelationKind.ATTACK:
        target = m.get(r.target)
        source = m.get(r.source)
        if (
            (isinstance(target, Statement) and target.role in (Role.OBJECTION, Role.REBUTTAL))
            or (isinstance(source, Statement) and source.role is Role.REBUTTAL)
            # an argument that objects is answered, in a map that speaks of objections
            or (isinstance(target, Argument) and r.target in attackers and teaches)
        ):
            return EdgeKind.REBUTTAL
        return EdgeKind.ATTACK
    return {
        RelationKind.SUPPORT: EdgeKind.SUPPORT,
        RelationKind.UNDERCUT: EdgeKind.UNDERCUT,
        RelationKind.CONTRARY: EdgeKind.CONTRARY,
        RelationKind.CONTRADICTORY: EdgeKind.CONTRADICTORY,
    }[r.kind]


def _teaches(m: ArgumentMap) -> bool:
    """Is the map written in the kit's vocabulary (some statement has a role besides claim)?"""
    return any(s.role is not Role.CLAIM for s in m.statements)


def build_scene(
    m: ArgumentMap,
    *,
    focus: str | None = None,
    depth: int | None = None,
    include: Iterable[str] | None = None,
    detail: str = "auto",
    rankdir: str = "auto",
    styles: Mapping[str, NodeStyle] | None = None,
    wrap: int = 28,
    levels: int | None = None,
    stop: Iterable[str] = (),
) -> Scene:
    """Decide what the picture shows (see the module docstring).  ``levels`` keeps
    only that many levels under the map's roots (what supports or attacks nothing),
    marking the cuts: the default picture of a deep map, when nothing else makes it
    read at notebook width.  ``stop``: titles a focused view shows but does not open
    (another page of a handout opens them)."""
    _check_options(detail, rankdir)
    styles = styles or {}
    names = names_of(m)
    shown, more = select(m, focus, depth, include, levels, stop)
    shown_s = {r.title for r in shown if r.kind is NodeKind.STATEMENT}
    relations = [r for r in m.relations if r.source in shown and r.target in shown]
    arguments = [a for a in names.args.values() if a.ref in shown]

    n_statements = len({t for t in shown_s if t in names.statements})
    fold = detail == "compact" or (detail == "auto" and n_statements > FOLD_ABOVE)
    folded_into = _foldable(m, relations, arguments, shown_s, styles) if fold else {}
    folded, relations = _without_folded(folded_into, relations)
    used_in, repeated = _repeated(relations, arguments, shown_s)

    nodes = _statement_nodes(m, names, shown_s, folded, folded_into, more, used_in, repeated)
    edges = _Edges()
    steps = _Steps(names, shown_s, repeated, styles, more, edges)
    by_ref = _touching(relations)
    for a in arguments:
        steps.add(a, by_ref.get(a.ref, []))
    nodes += steps.nodes
    nodes = steps.framed(nodes)
    _relation_edges(m, names, relations, edges)

    total = len({s.title for s in m.statements}) + len(names.args)
    scene = Scene(
        nodes=nodes,
        edges=list(edges.all.values()),
        groups=steps.groups,
        rankdir=rankdir,
        detail="compact" if fold else "full",
        styles=styles,
        folded=len(folded),
        hidden=max(0, total - len(shown)),
        levels=levels,
        sections=tuple(dict.fromkeys(sec.title for sec in getattr(m, "sections", ()))),
    )
    if rankdir == "auto":
        scene.rankdir = _orientation(scene, {n.name: estimate_size(n, wrap) for n in scene.nodes})
    return scene


def _check_options(detail: str, rankdir: str) -> None:
    if detail not in DETAILS:
        raise ValueError(f"unknown detail {detail!r}; valid: {', '.join(DETAILS)}")
    if rankdir not in RANKDIRS:
        raise ValueError(f"unknown rankdir {rankdir!r}; valid: {', '.join(RANKDIRS)}")


def _touching(relations: list[Relation]) -> dict[NodeRef, list[Relation]]:
    """The relations that touch each node, looked up once."""
    by_ref: dict[NodeRef, list[Relation]] = {}
    for r in relations:
        by_ref.setdefault(r.source, []).append(r)
        if r.target != r.source:
            by_ref.setdefault(r.target, []).append(r)
    return by_ref


def _foldable(
    m: ArgumentMap,
    relations: list[Relation],
    arguments: list[Argument],
    shown_s: set[str],
    styles: Mapping[str, NodeStyle],
) -> dict[str, list[Statement]]:
    """Evidence (and quoted claims) that fold into the one claim they support, by that
    claim: shown, not a premise, not marked, touching nothing else."""
    touches: dict[str, list[Relation]] = {}
    for r in relations:
        for end in (r.source, r.target):
            if end.kind is NodeKind.STATEMENT:
                touches.setdefault(end.title, []).append(r)
    premises_shown = {p for a in arguments for inf in a.inferences for p in inf.premises}
    folded_into: dict[str, list[Statement]] = {}
    folded: set[str] = set()
    for s in m.statements:
        rs = touches.get(s.title, [])
        if (
            (s.role is Role.EVIDENCE or (s.role is Role.CLAIM and s.quote is not None))
            and s.title in shown_s
            and s.title not in folded
            and s.title not in premises_shown
            and s.title not in styles
            and len(rs) == 1
            and _folds_into(s, rs[0], styles)
        ):
            folded.add(s.title)
            folded_into.setdefault(rs[0].target.title, []).append(s)
    return folded_into


def _without_folded(
    folded_into: Mapping[str, list[Statement]], relations: list[Relation]
) -> tuple[set[str], list[Relation]]:
    """The titles folded, and the relations still drawn (none from a folded statement)."""
    folded = {e.title for ev in folded_into.values() for e in ev}
    drawn = [r for r in relations if r.source.title not in folded or r.source.kind is NodeKind.ARGUMENT]
    return folded, drawn


def _folds_into(s: Statement, r: Relation, styles: Mapping[str, NodeStyle]) -> bool:
    """Is ``r`` a support from ``s`` to a statement that carries no mark?"""
    return (
        r.kind is RelationKind.SUPPORT
        and r.source == s.ref
        and r.target.kind is NodeKind.STATEMENT
        and r.target.title not in styles
    )


def _repeated(
    relations: list[Relation], arguments: list[Argument], shown_s: set[str]
) -> tuple[dict[str, list[tuple[str, int]]], set[str]]:
    """Where each premise is used (argument, step), and the premises drawn once in
    each line that uses them (used by several steps, touched by no relation drawn, and
    no step's conclusion)."""
    live: dict[str, int] = {}  # statement → relations still drawn that touch it
    for r in relations:
        for end in (r.source, r.target):
            if end.kind is NodeKind.STATEMENT:
                live[end.title] = live.get(end.title, 0) + 1
    used_in: dict[str, list[tuple[str, int]]] = {}
    for a in arguments:
        for k, inf in enumerate(a.inferences):
            if inf.conclusion in shown_s and all(p in shown_s for p in inf.premises):
                for p in dict.fromkeys(inf.premises):
                    used_in.setdefault(p, []).append((a.title, k))
    concluded = {inf.conclusion for a in arguments for inf in a.inferences}
    repeated = {p for p, uses in used_in.items() if len(uses) > 1 and not live.get(p) and p not in concluded}
    return used_in, repeated


def _statement_nodes(
    m: ArgumentMap,
    names: Names,
    shown_s: set[str],
    folded: set[str],
    folded_into: Mapping[str, list[Statement]],
    more: Mapping[NodeRef, int],
    used_in: Mapping[str, list[tuple[str, int]]],
    repeated: set[str],
) -> list[SceneNode]:
    """A node per shown statement (a copy per use for a repeated premise)."""
    nodes: list[SceneNode] = []
    emitted: set[str] = set()
    for s in m.statements:
        name = names.statements[s.title]
        if s.title not in shown_s or s.title in folded or name in emitted:
            continue
        emitted.add(name)
        shared_by = len(used_in[s.title]) if s.title in repeated else 1
        common = {
            "folded": tuple(folded_into.get(s.title, ())),
            "more": more.get(s.ref, 0),
            "shared_by": shared_by,
        }
        if s.title in repeated:
            for use in used_in[s.title]:
                nodes.append(SceneNode(names.copy(s.title, use), s.ref, "statement", statement=s, **common))  # type: ignore[arg-type]
        else:
            nodes.append(SceneNode(name, s.ref, "statement", statement=s, **common))  # type: ignore[arg-type]
    return nodes


class _Edges:
    """The scene's edges, one per (from, to), in the order first asked for."""

    def __init__(self) -> None:
        self.all: dict[tuple[str, str], SceneEdge] = {}

    def add(self, src: str | None, dst: str | None, kind: EdgeKind, word: str | None = None) -> None:
        if src is None or dst is None or src == dst or (src, dst) in self.all:
            return
        self.all[(src, dst)] = SceneEdge(src, dst, kind, theme.EDGES[kind].word if word is None else word)


class _Steps:
    """Each argument's steps: a plain "because" edge for a one-premise step with
    nothing else to say, else a junction its premises point into (framed with them
    when they are several), and an edge from the junction to the conclusion."""

    def __init__(
        self,
        names: Names,
        shown_s: set[str],
        repeated: set[str],
        styles: Mapping[str, NodeStyle],
        more: Mapping[NodeRef, int],
        edges: _Edges,
    ) -> None:
        self.names, self.shown_s, self.repeated = names, shown_s, repeated
        self.styles, self.more, self.edges = styles, more, edges
        self.nodes: list[SceneNode] = []
        self.groups: list[Group] = []
        self.grouped: set[str] = set()

    def add(self, a: Argument, touching: list[Relation]) -> None:
        """``touching``: the relations drawn that touch the argument."""
        if not a.inferences:
            name = self.names.arguments[a.title]
            self.nodes.append(SceneNode(name, a.ref, "argument", argument=a, more=self.more.get(a.ref, 0)))
            return
        related = bool(touching)
        own = [
            r
            for r in touching
            if not (r.kind is RelationKind.SUPPORT and r.source == a.ref and r.target.title == a.conclusion)
        ]
        for k, inf in enumerate(a.inferences):
            ps = [p for p in dict.fromkeys(inf.premises) if p in self.shown_s]
            plain = (
                len(a.inferences) == 1
                and len(inf.premises) == 1
                and len(ps) == 1
                and inf.conclusion in self.shown_s
                and inf.scheme is None
                and a.scheme is None
                and not own
                and a.title not in self.styles
                and not related
            )
            if plain:
                self.edges.add(
                    self._premise(ps[0], a, k), self.names.statements.get(inf.conclusion), EdgeKind.SUPPORT
                )
            else:
                self._junction(a, k, ps, inf.conclusion)

    def framed(self, nodes: list[SceneNode]) -> list[SceneNode]:
        """``nodes``, each with the frame it sits in (None if none)."""
        group_of = {name: g.name for g in self.groups for name in g.members}
        return [replace(n, group=group_of.get(n.name)) for n in nodes]

    def _premise(self, p: str, a: Argument, k: int) -> str | None:
        return self.names.copy(p, (a.title, k)) if p in self.repeated else self.names.statements.get(p)

    def _junction(self, a: Argument, k: int, ps: list[str], conclusion: str) -> None:
        j = self.names.junction(a.title, k)
        members = [j]
        for p in ps:
            src = self._premise(p, a, k)
            if src is None:
                continue
            self.edges.add(src, j, EdgeKind.PREMISE)
            if src not in self.grouped:
                members.append(src)
        group = None
        if len(ps) > 1:
            group = f"cluster_{j}"
            self.grouped.update(members)
            self.groups.append(Group(group, tuple(members)))
        self.nodes.append(
            SceneNode(j, a.ref, "junction", argument=a, step=k, more=self.more.get(a.ref, 0), group=group)
        )
        if conclusion in self.shown_s:
            self.edges.add(j, self.names.statements.get(conclusion), EdgeKind.SUPPORT, "")


def _relation_edges(m: ArgumentMap, names: Names, relations: list[Relation], edges: _Edges) -> None:
    """An edge per relation drawn, except an argument's support of its own conclusion
    (its junction draws that)."""
    attackers = {r.source for r in m.relations if r.kind in (RelationKind.ATTACK, RelationKind.UNDERCUT)}
    teaches = _teaches(m)
    for r in relations:
        if r.kind is RelationKind.SUPPORT and r.source.kind is NodeKind.ARGUMENT:
            src_arg = names.args.get(r.source.title)
            if (
                src_arg is not None
                and src_arg.conclusion is not None
                and r.target.title == src_arg.conclusion
            ):
                continue  # drawn once, by the junction → conclusion edge
        edges.add(names.of(r.source), names.of(r.target), _edge_kind(m, r, attackers, teaches))


def estimate_size(n: SceneNode, wrap: int) -> tuple[float, float]:
    """A rough (width, height) in points of the node's label, before Graphviz lays it out."""
    line_h = theme.FONT_SIZE * 1.25
    char_w = theme.FONT_SIZE * theme.EM
    if n.kind == "junction":
        return (max(wrap - 10, 14) * theme.SMALL_FONT_SIZE * theme.EM + 12, 3 * line_h)
    if n.statement is not None:
        s = n.statement
        title, text = s.title, s.text
        quote = (s.quote or "") if s.role is Role.EVIDENCE else ""  # only evidence shows its quote
    else:
        assert n.argument is not None
        title, text, quote = n.argument.title, n.argument.text, ""
    longest = max(len(title), len(text), len(quote) if quote else 0, 12)
    chars = min(longest, wrap + 2)
    lines = (
        1
        + -(-len(title) // wrap)
        + -(-len(text) // wrap)
        + (-(-min(len(quote), 160) // wrap) if quote else 0)
    )
    lines += bool(n.folded) + (n.shared_by > 1) + bool(n.more)
    return (chars * char_w + 18, lines * line_h + 10)


def depth_of(scene: Scene) -> int:
    """How many levels of statements the scene's deepest line has (junctions not counted)."""
    rank = ranks(scene)
    statements = {n.name for n in scene.nodes if n.kind != "junction"}
    return len({r for name, r in rank.items() if name in statements})


def _orientation(scene: Scene, sizes: Mapping[str, tuple[float, float]]) -> str:
    """``BT`` (thesis on top) if that picture is narrow enough to read, else the
    orientation whose estimated width is smaller (``RL``: thesis on the left)."""
    rank = ranks(scene)
    by_rank: dict[int, list[str]] = {}
    for name, r in rank.items():
        by_rank.setdefault(r, []).append(name)
    nodesep, ranksep = 0.3 * 72, 0.45 * 72
    tall_width = max(
        (sum(sizes[n][0] for n in ns) + nodesep * (len(ns) - 1) for ns in by_rank.values()), default=0.0
    )
    side_width = sum(max(sizes[n][0] for n in ns) for ns in by_rank.values()) + ranksep * max(
        0, len(by_rank) - 1
    )
    if tall_width <= READABLE_WIDTH_PT or tall_width <= side_width:
        return "BT"
    return "RL"


def ranks(scene: Scene) -> dict[str, int]:
    """Longest-path ranks over the edges that rank their ends (as ``dot`` does, roughly)."""
    ranked = [e for e in scene.edges if theme.EDGES[e.kind].constraint]
    into: dict[str, list[str]] = {n.name: [] for n in scene.nodes}
    for e in ranked:
        if e.src in into and e.dst in into:
            into[e.dst].append(e.src)
    rank: dict[str, int] = {}
    for start in into:
        if start in rank:
            continue
        stack = [(start, False)]
        while stack:
            name, done = stack.pop()
            if done:
                rank[name] = max((rank.get(s, 0) + 1 for s in into[name] if s in rank), default=0)
                continue
            if name in rank:
                continue
            rank[name] = 0  # provisional: breaks cycles
            stack.append((name, True))
            stack.extend((s, False) for s in into[name] if s not in rank)
    return rank
