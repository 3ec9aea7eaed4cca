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

Names are stable across views: statements ``s0, s1 …`` in map order, a repeated
premise's copies ``s3_c1, s3_c2 …`` (by the order of the inferences that use it),
arguments ``a0 …``, junctions ``a3_i0 …``.  :func:`node_refs` maps every name back.
"""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .. import theme
from ..errors import FocusError
from ..model import (
    Argument,
    ArgumentMap,
    Inference,
    NodeKind,
    NodeRef,
    PCSLine,
    Relation,
    RelationKind,
    Role,
    Statement,
)
from ..theme import EdgeKind

if TYPE_CHECKING:
    from .style import NodeStyle

__all__ = [
    "DETAILS",
    "FOLD_ABOVE",
    "Graph",
    "RANKDIRS",
    "Scene",
    "SceneEdge",
    "SceneNode",
    "build_scene",
    "depth_of",
    "estimate_size",
    "node_ids",
    "node_refs",
    "ranks",
    "resolve",
    "subset",
    "tops",
    "visible_refs",
]

DETAILS = ("auto", "full", "compact")
RANKDIRS = ("auto", "BT", "TB", "LR", "RL")
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


class Names:
    """Stable DOT names for every node of a map."""

    def __init__(self, m: ArgumentMap):
        self.statements: dict[str, str] = {}
        for i, s in enumerate(m.statements):
            self.statements.setdefault(s.title, f"s{i}")
        self.arguments: dict[str, str] = {}
        self.args: dict[str, Argument] = {}
        for i, a in enumerate(m.arguments):
            if a.title not in self.arguments:
                self.arguments[a.title] = f"a{i}"
                self.args[a.title] = a
        # premise title → the (argument, step) of each inference using it, in map order
        self.uses: dict[str, list[tuple[str, int]]] = {}
        for a in self.args.values():
            for k, inf in enumerate(a.inferences):
                for p in dict.fromkeys(inf.premises):
                    self.uses.setdefault(p, []).append((a.title, k))

    def junction(self, argument: str, k: int) -> str:
        return f"{self.arguments[argument]}_i{k}"

    def copy(self, title: str, use: tuple[str, int]) -> str:
        """The name of premise ``title`` drawn inside the inference ``use``."""
        j = self.uses[title].index(use)
        base = self.statements[title]
        return base if j == 0 else f"{base}_c{j}"

    def of(self, ref: NodeRef) -> str | None:
        """The DOT node a relation attaches to (a PCS argument: its main junction)."""
        if ref.kind is NodeKind.STATEMENT:
            return self.statements.get(ref.title)
        a = self.args.get(ref.title)
        if a is None:
            return None
        if a.inferences:
            return self.junction(a.title, len(a.inferences) - 1)
        return self.arguments[a.title]


def node_ids(m: ArgumentMap) -> dict[str, str]:
    """Statement title → DOT node name (``s0`` …), the SVG ``<title>`` of its ``g.node``.

    >>> from argmap.model import Statement
    >>> node_ids(ArgumentMap(statements=(Statement("T"), Statement("R"))))
    {'T': 's0', 'R': 's1'}
    """
    return dict(Names(m).statements)


def node_refs(m: ArgumentMap) -> dict[str, NodeRef]:
    """Every DOT node name any view of the map can use → what it stands for
    (junctions → their argument; a repeated premise's copies → the premise)."""
    names = Names(m)
    out: dict[str, NodeRef] = {v: NodeRef.statement(k) for k, v in names.statements.items()}
    for title, uses in names.uses.items():
        if title in names.statements:
            for use in uses[1:]:
                out[names.copy(title, use)] = NodeRef.statement(title)
    for title, a in names.args.items():
        out[names.arguments[title]] = NodeRef.argument(title)
        for k in range(len(a.inferences)):
            out[names.junction(title, k)] = NodeRef.argument(title)
    return out


# -- which nodes ------------------------------------------------------------------------


def resolve(m: ArgumentMap, focus: str) -> NodeRef:
    """The node ``focus`` names: ``Title``, ``[Title]`` (a statement) or ``<Title>``
    (an argument).  An unknown name is a :class:`FocusError` naming the closest titles.

    >>> from argmap.model import Statement
    >>> resolve(ArgumentMap(statements=(Statement("Syria"),)), "[Syria]")
    NodeRef(kind=<NodeKind.STATEMENT: 'statement'>, title='Syria')
    """
    text = focus.strip()
    kinds: tuple[NodeKind, ...] = (NodeKind.STATEMENT, NodeKind.ARGUMENT)
    if len(text) > 2 and text[0] + text[-1] == "[]":
        text, kinds = text[1:-1].strip(), (NodeKind.STATEMENT,)
    elif len(text) > 2 and text[0] + text[-1] == "<>":
        text, kinds = text[1:-1].strip(), (NodeKind.ARGUMENT,)
    for kind in kinds:
        ref = NodeRef(kind, text)
        if m.has(ref):
            return ref
    known = {str(s.ref): s.title for s in m.statements} | {str(a.ref): a.title for a in m.arguments}
    by_title: dict[str, list[str]] = {}
    for shown, title in known.items():
        by_title.setdefault(title.casefold(), []).append(shown)
    close = difflib.get_close_matches(text.casefold(), list(by_title), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(s for c in close for s in by_title[c])}?" if close else ""
    raise FocusError(f"nothing in the map is titled {focus.strip()!r}{hint}")


class Graph:
    """The map as "what hangs under what": children point into their parent."""

    def __init__(self, m: ArgumentMap):
        self.children: dict[NodeRef, list[NodeRef]] = {}
        self.parents: dict[NodeRef, list[NodeRef]] = {}
        self.attackers: dict[NodeRef, list[NodeRef]] = {}
        for r in m.relations:
            self._link(r.source, r.target)
            if r.kind in (RelationKind.ATTACK, RelationKind.UNDERCUT):
                self.attackers.setdefault(r.target, []).append(r.source)
        for a in m.arguments:
            for inf in a.inferences:
                self._link(a.ref, NodeRef.statement(inf.conclusion))
                for p in inf.premises:
                    self._link(NodeRef.statement(p), a.ref)

    def _link(self, child: NodeRef, parent: NodeRef) -> None:
        kids = self.children.setdefault(parent, [])
        if child not in kids:
            kids.append(child)
            self.parents.setdefault(child, []).append(parent)


def _select(
    m: ArgumentMap,
    focus: str | None,
    depth: int | None,
    include: Iterable[str] | None,
    levels: int | None = None,
    stop: Iterable[str] = (),
) -> tuple[set[NodeRef], dict[NodeRef, int]]:
    """The shown nodes, and for each shown node the number of its hidden neighbours.
    A focused view does not open the nodes titled in ``stop`` (other than the focus)."""
    everything = {s.ref for s in m.statements} | {a.ref for a in m.arguments}
    shown = everything
    if include is not None:
        wanted = set(include)
        shown = {r for r in everything if r.title in wanted}
        for a in m.arguments:
            if (
                a.ref not in shown
                and a.inferences
                and all(all(t in wanted for t in (*i.premises, i.conclusion)) for i in a.inferences)
            ):
                shown.add(a.ref)
    if focus is None and levels is None:
        return shown, {}
    if depth is not None and depth < 0:
        raise FocusError(f"depth must be 0 or more, not {depth!r}")
    g = graph_of(m)
    if focus is None:
        # the top `levels` levels under every root (what supports or attacks nothing)
        starts = tops(shown, g)
        depth = levels
    else:
        starts = [resolve(m, focus)]
    start = starts[0] if starts else None
    reached = dict.fromkeys(starts, 0)
    queue = deque(starts)
    closed = set(stop) - {r.title for r in starts}
    while queue:
        x = queue.popleft()
        if x.title in closed:
            continue
        for y in g.children.get(x, ()):
            # a step is a statement: an argument between two statements costs nothing
            d = reached[x] + (1 if y.kind is NodeKind.STATEMENT else 0)
            if y in reached or (depth is not None and d > depth):
                continue
            reached[y] = d
            queue.append(y)
    picked = set(reached)
    # an objection is never shown without its answers (rebuttals, and theirs)
    objections = {a for sources in g.attackers.values() for a in sources}
    queue = deque(picked)
    while queue:
        x = queue.popleft()
        if x not in objections:
            continue
        for y in g.attackers.get(x, ()):
            if y not in picked:
                picked.add(y)
                queue.append(y)
    # context: what the focus supports or attacks, one step up
    for p in g.parents.get(start, ()) if focus is not None and start is not None else ():
        picked.add(p)
        if p.kind is NodeKind.ARGUMENT:
            parent = m.get(p)
            if isinstance(parent, Argument) and parent.conclusion is not None:
                picked.add(NodeRef.statement(parent.conclusion))
    shown &= picked
    more: dict[NodeRef, int] = {}
    for x in shown:
        hidden = [y for y in g.children.get(x, ()) if y not in shown]
        if hidden:
            more[x] = len(hidden)
    return shown, more


def tops(shown: set[NodeRef], g: Graph) -> list[NodeRef]:
    """The nodes nothing else is above: what supports or attacks nothing, and, where
    positions attack each other in a ring, every member of a ring nothing is above.

    Kosaraju's algorithm on the "is above" graph: the tops are the members of the
    strongly connected components with no parent outside themselves.
    """
    up = {x: [p for p in g.parents.get(x, ()) if p in shown] for x in shown}
    down: dict[NodeRef, list[NodeRef]] = {x: [] for x in shown}
    for x, ps in up.items():
        for p in ps:
            down[p].append(x)
    order: list[NodeRef] = []
    seen: set[NodeRef] = set()
    for start in sorted(shown, key=str):
        if start in seen:
            continue
        seen.add(start)
        stack = [(start, iter(up[start]))]
        while stack:
            x, it = stack[-1]
            nxt = next((p for p in it if p not in seen), None)
            if nxt is None:
                order.append(x)
                stack.pop()
            else:
                seen.add(nxt)
                stack.append((nxt, iter(up[nxt])))
    component: dict[NodeRef, int] = {}
    for k, start in enumerate(reversed(order)):
        if start in component:
            continue
        component[start] = k
        todo = [start]
        while todo:
            x = todo.pop()
            for c in down[x]:
                if c not in component:
                    component[c] = k
                    todo.append(c)
    has_parent = {component[x] for x, ps in up.items() for p in ps if component[p] != component[x]}
    return sorted((x for x in shown if component[x] not in has_parent), key=str)


class _Recent:
    """The last few maps' indexes (a map is immutable: its indexes never change), so
    the many views of one map (an overview's lines, a plan's tries) build them once."""

    def __init__(self, size: int = 4):
        self.size = size
        self.items: list[tuple[ArgumentMap, object]] = []

    def get(self, m: ArgumentMap, make: type) -> object:
        for known, value in self.items:
            if known is m and type(value) is make:
                return value
        value = make(m)
        self.items = [(m, value), *self.items][: self.size]
        return value


_GRAPHS = _Recent()
_NAMES = _Recent()


def graph_of(m: ArgumentMap) -> Graph:
    """:class:`Graph` of ``m``, built once for the last few maps."""
    g = _GRAPHS.get(m, Graph)
    assert isinstance(g, Graph)
    return g


def names_of(m: ArgumentMap) -> Names:
    """:class:`Names` of ``m``, built once for the last few maps."""
    n = _NAMES.get(m, Names)
    assert isinstance(n, Names)
    return n


def visible_refs(
    m: ArgumentMap,
    *,
    focus: str | None = None,
    depth: int | None = None,
    include: Iterable[str] | None = None,
) -> set[NodeRef]:
    """The statements and arguments a partial picture shows (see :func:`build_scene`)."""
    return _select(m, focus, depth, include)[0]


def subset(m: ArgumentMap, titles: Iterable[str]) -> ArgumentMap:
    """A smaller map: only these statements/arguments, and relations among them.

    A PCS argument keeps only inferences whose conclusion and premises all stay.
    """
    keep = set(titles)
    statements = tuple(s for s in m.statements if s.title in keep)
    kept_s = {s.title for s in statements}
    arguments = []
    for a in m.arguments:
        if a.title not in keep:
            continue
        infs = tuple(i for i in a.inferences if i.conclusion in kept_s and set(i.premises) <= kept_s)
        lines = tuple(line for line in a.lines if line.statement in kept_s) if infs else ()
        arguments.append(a if infs == a.inferences else _replace_arg(a, infs, lines))
    kept_a = {a.title for a in arguments}

    def ok(ref: NodeRef) -> bool:
        return ref.title in (kept_s if ref.kind is NodeKind.STATEMENT else kept_a)

    relations = tuple(r for r in m.relations if ok(r.source) and ok(r.target))
    return m.replace(statements=statements, arguments=tuple(arguments), relations=relations)


def _replace_arg(a: Argument, infs: tuple[Inference, ...], lines: tuple[PCSLine, ...]) -> Argument:
    return replace(a, inferences=infs, lines=lines)


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
    if detail not in DETAILS:
        raise ValueError(f"unknown detail {detail!r}; valid: {', '.join(DETAILS)}")
    if rankdir not in RANKDIRS:
        raise ValueError(f"unknown rankdir {rankdir!r}; valid: {', '.join(RANKDIRS)}")
    styles = styles or {}
    names = names_of(m)
    shown, more = _select(m, focus, depth, include, levels, stop)
    shown_s = {r.title for r in shown if r.kind is NodeKind.STATEMENT}
    attackers = {r.source for r in m.relations if r.kind in (RelationKind.ATTACK, RelationKind.UNDERCUT)}
    teaches = _teaches(m)
    relations = [r for r in m.relations if r.source in shown and r.target in shown]
    arguments = [a for a in names.args.values() if a.ref in shown]

    # -- evidence that folds into the claim it supports
    n_statements = len({t for t in shown_s if t in names.statements})
    fold = detail == "compact" or (detail == "auto" and n_statements > FOLD_ABOVE)
    touches: dict[str, list[Relation]] = {}
    for r in relations:
        for end in (r.source, r.target):
            if end.kind is NodeKind.STATEMENT:
                touches.setdefault(end.title, []).append(r)
    premises_shown = {p for a in arguments for inf in a.inferences for p in inf.premises}
    folded_into: dict[str, list[Statement]] = {}
    folded: set[str] = set()
    if fold:
        for s in m.statements:
            rs = touches.get(s.title, [])
            if (
                (s.role is Role.EVIDENCE or (s.role is Role.CLAIM and s.quote is not None))
                and s.title in shown_s
                and s.title not in folded
                and s.title not in premises_shown
                and s.title not in styles
                and len(rs) == 1
                and rs[0].kind is RelationKind.SUPPORT
                and rs[0].source == s.ref
                and rs[0].target.kind is NodeKind.STATEMENT
                and rs[0].target.title not in styles
            ):
                folded.add(s.title)
                folded_into.setdefault(rs[0].target.title, []).append(s)
        relations = [
            r for r in relations if r.source.title not in folded or r.source.kind is NodeKind.ARGUMENT
        ]

    # -- premises repeated in each line that uses them
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

    nodes: list[SceneNode] = []
    emitted: set[str] = set()
    for s in m.statements:
        name = names.statements[s.title]
        if s.title not in shown_s or s.title in folded or name in emitted:
            continue
        emitted.add(name)
        common = {
            "folded": tuple(folded_into.get(s.title, ())),
            "more": more.get(s.ref, 0),
            "shared_by": len(used_in[s.title]) if s.title in repeated else 1,
        }
        if s.title in repeated:
            for use in used_in[s.title]:
                nodes.append(SceneNode(names.copy(s.title, use), s.ref, "statement", statement=s, **common))  # type: ignore[arg-type]
        else:
            nodes.append(SceneNode(name, s.ref, "statement", statement=s, **common))  # type: ignore[arg-type]

    edges: dict[tuple[str, str], SceneEdge] = {}

    def edge(src: str | None, dst: str | None, kind: EdgeKind, word: str | None = None) -> None:
        if src is None or dst is None or src == dst or (src, dst) in edges:
            return
        edges[(src, dst)] = SceneEdge(src, dst, kind, theme.EDGES[kind].word if word is None else word)

    related_args = {r.source for r in relations} | {r.target for r in relations}
    by_ref: dict[NodeRef, list[Relation]] = {}  # relations touching each node, looked up once
    for r in relations:
        by_ref.setdefault(r.source, []).append(r)
        if r.target != r.source:
            by_ref.setdefault(r.target, []).append(r)
    groups: list[Group] = []
    grouped: set[str] = set()
    direct: set[str] = set()  # arguments drawn as a plain edge
    for a in arguments:
        if not a.inferences:
            nodes.append(
                SceneNode(names.arguments[a.title], a.ref, "argument", argument=a, more=more.get(a.ref, 0))
            )
            continue
        own_relations = [
            r
            for r in by_ref.get(a.ref, ())
            if not (r.kind is RelationKind.SUPPORT and r.source == a.ref and r.target.title == a.conclusion)
        ]
        for k, inf in enumerate(a.inferences):
            ps = [p for p in dict.fromkeys(inf.premises) if p in shown_s]
            c_shown = inf.conclusion in shown_s
            plain = (
                len(a.inferences) == 1
                and len(inf.premises) == 1
                and len(ps) == 1
                and c_shown
                and inf.scheme is None
                and a.scheme is None
                and not own_relations
                and a.title not in styles
                and a.ref not in related_args
            )
            if plain:
                direct.add(a.title)
                p = ps[0]
                src = names.copy(p, (a.title, k)) if p in repeated else names.statements.get(p)
                edge(src, names.statements.get(inf.conclusion), EdgeKind.SUPPORT)
                continue
            j = names.junction(a.title, k)
            members = [j]
            for p in ps:
                src = names.copy(p, (a.title, k)) if p in repeated else names.statements.get(p)
                if src is None:
                    continue
                edge(src, j, EdgeKind.PREMISE)
                if src not in grouped:
                    members.append(src)
            group = None
            if len(ps) > 1:
                group = f"cluster_{j}"
                grouped.update(members)
                groups.append(Group(group, tuple(members)))
            nodes.append(
                SceneNode(j, a.ref, "junction", argument=a, step=k, more=more.get(a.ref, 0), group=group)
            )
            if c_shown:
                edge(j, names.statements.get(inf.conclusion), EdgeKind.SUPPORT, "")
    group_of = {name: g.name for g in groups for name in g.members}
    nodes = [replace(n, group=group_of.get(n.name)) for n in nodes]

    for r in relations:
        if r.kind is RelationKind.SUPPORT and r.source.kind is NodeKind.ARGUMENT:
            src_arg = names.args.get(r.source.title)
            if (
                src_arg is not None
                and src_arg.conclusion is not None
                and r.target.title == src_arg.conclusion
            ):
                continue  # drawn once, by the junction → conclusion edge
        edge(names.of(r.source), names.of(r.target), _edge_kind(m, r, attackers, teaches))

    shown_count = len(shown)
    total = len({s.title for s in m.statements}) + len(names.args)
    scene = Scene(
        nodes=nodes,
        edges=list(edges.values()),
        groups=groups,
        rankdir=rankdir,
        detail="compact" if fold else "full",
        styles=styles,
        folded=len(folded),
        hidden=max(0, total - shown_count),
        levels=levels,
        sections=tuple(dict.fromkeys(sec.title for sec in getattr(m, "sections", ()))),
    )
    if rankdir == "auto":
        scene.rankdir = _orientation(scene, {n.name: estimate_size(n, wrap) for n in scene.nodes})
    return scene


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
