"""The map as a graph, and the names its nodes have in every picture.  Pure.

:class:`Graph` says what hangs under what (children, parents, attackers), built once
per map (:func:`graph_of`); :func:`tops` finds the main claims.  Names are stable
across views: statements ``s0, s1 …`` in map order, a repeated premise's copies
``s3_c1, s3_c2 …`` (by the order of the inferences that use it), arguments ``a0 …``,
junctions ``a3_i0 …`` (:class:`Names`); :func:`node_refs` maps every name back.
"""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable
from dataclasses import replace

from ..errors import FocusError
from ..model import (
    Argument,
    ArgumentMap,
    Inference,
    NodeKind,
    NodeRef,
    PCSLine,
    RelationKind,
)

__all__ = [
    "Graph",
    "Names",
    "graph_of",
    "names_of",
    "node_ids",
    "node_refs",
    "resolve",
    "select",
    "subset",
    "tops",
    "visible_refs",
]


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
    return select(m, focus, depth, include)[0]


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


def select(
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
    shown = everything if include is None else _included(m, everything, set(include))
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
    picked = _with_answers(g, _reached(g, starts, depth, set(stop) - {r.title for r in starts}))
    if focus is not None and starts:
        picked |= _context(m, g, starts[0])
    shown &= picked
    more: dict[NodeRef, int] = {}
    for x in shown:
        hidden = [y for y in g.children.get(x, ()) if y not in shown]
        if hidden:
            more[x] = len(hidden)
    return shown, more


def _included(m: ArgumentMap, everything: set[NodeRef], wanted: set[str]) -> set[NodeRef]:
    """The nodes titled in ``wanted``, and the arguments all of whose steps they hold."""
    shown = {r for r in everything if r.title in wanted}
    for a in m.arguments:
        if (
            a.ref not in shown
            and a.inferences
            and all(all(t in wanted for t in (*i.premises, i.conclusion)) for i in a.inferences)
        ):
            shown.add(a.ref)
    return shown


def _reached(g: Graph, starts: list[NodeRef], depth: int | None, closed: set[str]) -> set[NodeRef]:
    """What hangs under ``starts`` down to ``depth`` statements (an argument between two
    statements costs nothing), not opening the titles in ``closed``."""
    reached = dict.fromkeys(starts, 0)
    queue = deque(starts)
    while queue:
        x = queue.popleft()
        if x.title in closed:
            continue
        for y in g.children.get(x, ()):
            d = reached[x] + (1 if y.kind is NodeKind.STATEMENT else 0)
            if y in reached or (depth is not None and d > depth):
                continue
            reached[y] = d
            queue.append(y)
    return set(reached)


def _with_answers(g: Graph, picked: set[NodeRef]) -> set[NodeRef]:
    """``picked`` with every answer to an objection in it (rebuttals, and theirs): an
    objection is never shown without them."""
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
    return picked


def _context(m: ArgumentMap, g: Graph, start: NodeRef) -> set[NodeRef]:
    """What the focus supports or attacks, one step up (and an argument's conclusion)."""
    out: set[NodeRef] = set()
    for p in g.parents.get(start, ()):
        out.add(p)
        if p.kind is NodeKind.ARGUMENT:
            parent = m.get(p)
            if isinstance(parent, Argument) and parent.conclusion is not None:
                out.add(NodeRef.statement(parent.conclusion))
    return out
