"""An AIF-shaped graph (I, RA, CA, MA, PA nodes and edges) and how it becomes an
:class:`~argmap.model.ArgumentMap`.  Every importer fills a :class:`Graph`; one
builder decides the mapping, so the formats agree on it.

The mapping, in short:

* an I-node is a :class:`Statement`;
* an RA-node is an :class:`Argument` whose premise–conclusion structure is one
  :class:`Inference` (all I-nodes into the RA are its linked premises; the
  I-node it points at is the conclusion); an MA-node (rephrase) likewise, with
  ``{aif: MA}`` in the inference's data;
* a CA-node with one source and one target is a :class:`Relation`: an attack
  on a statement, or an undercut when it aims at an RA-node (or a reified
  conflict).  A CA-node that is itself attacked, or has several sources, is kept
  as an argument ``{aif: CA}`` that its sources support and that attacks the
  target, so an attack on an attack is an undercut of that argument;
* PA-nodes (preferences) are dropped with one warning naming them.

Roles come from the structure: attackers are objections, an attacker of an
objection is a rebuttal, the one statement that concludes and supports nothing
is the thesis, the rest are claims (or what the importer marked).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..argdown.inline import escape, plain
from ..errors import Location
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
from ._safe import FormatProblems

__all__ = ["Edge", "Graph", "Node", "build", "make_title", "scheme_data"]

#: Node types of the argument layer.
S_KINDS = ("RA", "CA", "MA", "PA")


@dataclass
class Node:
    """One node of the graph.  ``hint`` carries argmap's own round-trip facts
    (a title, or that an RA-node stood for a plain relation)."""

    id: str
    kind: str  # I, RA, CA, MA, PA
    text: str = ""
    scheme: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    role: Role | None = None
    location: Location = field(default_factory=Location)
    hint: dict[str, Any] = field(default_factory=dict)


@dataclass
class Edge:
    source: str
    target: str
    id: str = ""
    location: Location = field(default_factory=Location)


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    front: dict[str, Any] = field(default_factory=dict)

    def add(self, node: Node) -> None:
        self.nodes[node.id] = node


# -- titles ---------------------------------------------------------------------

_WORD = re.compile(r"[^\W_][\w'’-]*")
_MAX_WORDS = 8
_MAX_CHARS = 50


def make_title(text: str, fallback: str) -> str:
    """A short readable title from the first words of ``text`` (or ``fallback``).

    >>> make_title("Yes, it's annoying and cumbersome to separate rubbish.", "a1")
    "Yes it's annoying and cumbersome to separate"
    >>> make_title("  ", "n-17")
    'n-17'
    """
    words = _WORD.findall(text)
    title = ""
    for w in words[:_MAX_WORDS]:
        candidate = f"{title} {w}".strip()
        if len(candidate) > _MAX_CHARS:
            break
        title = candidate
    if not title:
        title = " ".join(_WORD.findall(fallback)) or "node"
    return title


class _Titles:
    """Hands out unique titles (case-insensitively), in the order asked."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def unique(self, title: str) -> str:
        candidate, n = title, 1
        while candidate.casefold() in self.taken:
            n += 1
            candidate = f"{title} {n}"
        self.taken.add(candidate.casefold())
        return candidate


def scheme_data(name: str | None) -> dict[str, Any]:
    """Inference data for a scheme name: ``scheme`` normalised where argmap knows
    it, the name as written kept under ``aif-scheme``."""
    if not name or _is_default(name):
        return {}
    try:
        from ..schemes import get_scheme
    except ImportError:  # pragma: no cover - the schemes table ships with argmap
        return {"scheme": name}
    known = get_scheme(name)
    data: dict[str, Any] = {"scheme": known.key if known else name}
    if known and known.key != name:
        data["aif-scheme"] = name
    return data


def _is_default(name: str) -> bool:
    return name.strip().casefold() in {
        "default inference",
        "default conflict",
        "default rephrase",
        "default preference",
        "",
    }


def parse_ref(text: object) -> NodeRef | None:
    """``[Title]`` or ``<Title>`` back to a :class:`NodeRef` (for round-trip hints)."""
    if not isinstance(text, str) or len(text) < 3:
        return None
    if text[0] == "[" and text[-1] == "]":
        return NodeRef.statement(text[1:-1])
    if text[0] == "<" and text[-1] == ">":
        return NodeRef.argument(text[1:-1])
    return None


# -- the builder ------------------------------------------------------------------


def build(graph: Graph, problems: FormatProblems, fmt: str) -> ArgumentMap:
    """The argument map a graph stands for; what cannot be kept is warned about."""
    nodes = graph.nodes
    edges: list[Edge] = []
    for e in graph.edges:
        missing = [end for end in (e.source, e.target) if end not in nodes]
        if missing:
            problems.warn(
                "dropped-element",
                f"edge {e.id or (e.source + '->' + e.target)} points at "
                f"{', '.join(repr(m) for m in missing)}, which is no node of the argument; dropped",
                e.location,
            )
            continue
        edges.append(e)

    ins: dict[str, list[Edge]] = defaultdict(list)
    outs: dict[str, list[Edge]] = defaultdict(list)
    for e in edges:
        ins[e.target].append(e)
        outs[e.source].append(e)

    # statement titles first (in file order), then arguments'
    st_titles, arg_titles = _Titles(), _Titles()
    title_of: dict[str, str] = {}
    for n in nodes.values():
        if n.kind == "I":
            wanted = n.hint.get("title") if isinstance(n.hint.get("title"), str) else None
            title_of[n.id] = st_titles.unique(wanted or make_title(n.text, n.id))

    dropped_pa = [n.id for n in nodes.values() if n.kind == "PA"]
    if dropped_pa:
        problems.warn(
            "dropped-element",
            f"{len(dropped_pa)} preference (PA) node(s) dropped: argmap has no preferences "
            f"({', '.join(dropped_pa[:10])}{' …' if len(dropped_pa) > 10 else ''})",
        )

    def kind_of(node_id: str) -> str:
        return nodes[node_id].kind

    # which S-nodes become arguments, which become plain relations
    relation_hint: dict[str, tuple[NodeRef, NodeRef]] = {}
    as_relation: set[str] = set()
    as_argument: set[str] = set()
    for n in nodes.values():
        if n.kind not in ("RA", "CA", "MA"):
            continue
        n_sources = sum(1 for e in ins[n.id] if kind_of(e.source) not in ("CA", "PA"))
        attacked = any(kind_of(e.source) == "CA" for e in ins[n.id])
        n_targets = sum(1 for e in outs[n.id] if kind_of(e.target) != "PA")
        simple = n_sources == 1 and n_targets == 1 and not attacked
        if n.kind == "CA":
            if simple and n.hint.get("kind") != "conflict-argument":
                as_relation.add(n.id)
            else:
                as_argument.add(n.id)
        elif n.hint.get("kind") == "relation" and simple:
            as_relation.add(n.id)
        else:
            as_argument.add(n.id)
        src_ref, trg_ref = parse_ref(n.hint.get("source")), parse_ref(n.hint.get("target"))
        if src_ref and trg_ref:
            relation_hint[n.id] = (src_ref, trg_ref)

    # argument titles
    for n in nodes.values():
        if n.id not in as_argument:
            continue
        wanted = n.hint.get("title") if isinstance(n.hint.get("title"), str) else None
        if wanted:
            title_of[n.id] = arg_titles.unique(wanted)
            continue
        srcs = [title_of.get(e.source, e.source) for e in ins[n.id] if kind_of(e.source) == "I"]
        trgs = [title_of.get(e.target, e.target) for e in outs[n.id] if kind_of(e.target) == "I"]
        if not trgs:  # aimed at an inference or a conflict: name it by its first statement
            for e in outs[n.id]:
                trgs += [title_of[e2.source] for e2 in ins[e.target] if kind_of(e2.source) == "I"]
                trgs += [title_of[e2.target] for e2 in outs[e.target] if kind_of(e2.target) == "I"]
        short_t = make_title(trgs[0], n.id) if trgs else n.id
        if n.kind == "CA":
            short_s = make_title(srcs[0], n.id) if srcs else n.id
            base = f"{_shorten(short_s)} against {_shorten(short_t)}"
        elif n.kind == "MA":
            base = f"Rephrase of {short_t}"
        else:
            base = f"For {short_t}"
        title_of[n.id] = arg_titles.unique(make_title(base, n.id) if len(base) > _MAX_CHARS else base)

    for n in nodes.values():
        if n.kind == "ARG":
            wanted = n.hint.get("title") if isinstance(n.hint.get("title"), str) else None
            title_of[n.id] = arg_titles.unique(wanted or make_title(n.text, n.id))

    def ref_of(node_id: str) -> NodeRef | None:
        n = nodes[node_id]
        if n.kind == "ARG":
            return NodeRef.argument(title_of[node_id])
        if n.kind == "I":
            return NodeRef.statement(title_of[node_id])
        if node_id in as_argument:
            return NodeRef.argument(title_of[node_id])
        return None

    statements: dict[str, Statement] = {}
    arguments: list[Argument] = []
    relations: list[Relation] = []
    evidence: set[str] = set()

    def add_relation(kind: RelationKind, source: NodeRef, target: NodeRef, where: Location) -> None:
        if kind is RelationKind.ATTACK and target.kind is NodeKind.ARGUMENT:
            kind = RelationKind.UNDERCUT
        relations.append(Relation(kind, source, target, where))

    for n in nodes.values():
        if n.kind not in ("RA", "CA", "MA"):
            continue
        sources = [e for e in ins[n.id] if kind_of(e.source) not in ("CA", "PA")]
        targets = [e for e in outs[n.id] if kind_of(e.target) != "PA"]
        conflict = n.kind == "CA"
        if n.id in as_relation:
            hinted = relation_hint.get(n.id)
            src, trg = ref_of(sources[0].source), ref_of(targets[0].target)
            if src is None or trg is None:  # pragma: no cover - sources/targets are I or arguments
                continue
            if hinted and _resolves(hinted, statements_titles=st_titles, arg_titles=arg_titles):
                src, trg = hinted
            kind = RelationKind.ATTACK if conflict else RelationKind.SUPPORT
            if conflict and n.hint.get("relation") in ("contrary", "contradictory"):
                kind = RelationKind(n.hint["relation"])
            add_relation(kind, src, trg, n.location)
            if n.scheme and not _is_default(n.scheme):
                problems.warn(
                    "reduced-element",
                    f"{n.kind} node {n.id} became a plain support relation; its scheme "
                    f"{n.scheme!r} is not kept",
                    n.location,
                )
            continue
        # an argument
        title = title_of[n.id]
        premise_ids = [e.source for e in sources if kind_of(e.source) == "I"]
        other_sources = [e for e in sources if kind_of(e.source) != "I"]
        i_targets = [e for e in targets if kind_of(e.target) == "I"]
        data: dict[str, Any] = {"id": n.id}
        if n.kind != "RA":
            data["aif"] = n.kind
        data.update(n.data)
        if not conflict and premise_ids and len(targets) == 1 and len(i_targets) == 1:
            inf_data = {**scheme_data(n.scheme), **data}
            concl = title_of[i_targets[0].target]
            premises = tuple(title_of[p] for p in premise_ids)
            lines = [PCSLine(k + 1, t) for k, t in enumerate(premises)]
            lines.append(PCSLine(len(lines) + 1, concl))
            arg_data = n.hint.get("argument-data")
            arguments.append(
                Argument(
                    title,
                    text=n.hint["text"] if isinstance(n.hint.get("text"), str) else "",
                    data=arg_data if isinstance(arg_data, dict) else {},
                    inferences=(Inference(premises, concl, data=inf_data, location=n.location),),
                    lines=tuple(lines),
                    location=n.location,
                )
            )
            if inf_data.get("scheme") == "example":
                evidence.update(premise_ids)
            for e in other_sources:
                ref = ref_of(e.source)
                if ref is not None:
                    add_relation(RelationKind.SUPPORT, ref, NodeRef.argument(title), e.location)
            if other_sources:
                problems.warn(
                    "reduced-element",
                    f"{n.kind} node {n.id} has premises that are not statements "
                    f"({', '.join(e.source for e in other_sources)}); they support the argument "
                    f"<{title}> instead",
                    n.location,
                )
            continue
        # a reified conflict, or an RA/MA of an unusual shape: an argument without PCS
        if not conflict:
            problems.warn(
                "reduced-element",
                f"{n.kind} node {n.id} has {len(premise_ids)} statement premise(s) and "
                f"{len(targets)} target(s); kept as argument <{title}> with support relations, "
                "without a premise-conclusion structure",
                n.location,
            )
        text = _inline(n) if n.text and not _is_default(n.text) else ""
        if not text:
            text = "conflict" if conflict else ("rephrase" if n.kind == "MA" else "inference")
        arg_data = {**scheme_data(n.scheme), **data}
        arguments.append(Argument(title, text=text, data=arg_data, location=n.location))
        for e in sources:
            ref = ref_of(e.source)
            if ref is not None:
                add_relation(RelationKind.SUPPORT, ref, NodeRef.argument(title), e.location)
        for e in targets:
            ref = ref_of(e.target)
            if ref is not None:
                kind = RelationKind.ATTACK if conflict else RelationKind.SUPPORT
                add_relation(kind, NodeRef.argument(title), ref, e.location)
        if not sources or not targets:
            problems.warn(
                "reduced-element",
                f"{n.kind} node {n.id} has no {'source' if not sources else 'target'}; "
                f"kept as the unattached argument <{title}>",
                n.location,
            )

    # I -> I edges (not AIF, but seen in the wild): plain support
    for e in edges:
        if kind_of(e.source) in ("I", "ARG") and kind_of(e.target) in ("I", "ARG"):
            problems.warn(
                "reduced-element",
                f"edge {e.id or e.source + '->' + e.target} links two I-nodes directly; read as support",
                e.location,
            )
            src, trg = ref_of(e.source), ref_of(e.target)
            if src is not None and trg is not None:
                relations.append(Relation(RelationKind.SUPPORT, src, trg, e.location))

    for n in nodes.values():
        if n.kind == "ARG":
            arg_data = {"id": n.id, **n.data}
            arguments.append(Argument(title_of[n.id], _inline(n), data=arg_data, location=n.location))

    roles = _roles(nodes, title_of, arguments, relations)
    for n in nodes.values():
        if n.kind != "I":
            continue
        title = title_of[n.id]
        role = n.role or roles.get(title, Role.CLAIM)
        data = {"id": n.id, **n.data}
        if n.id in evidence and role is Role.CLAIM:
            role = Role.EVIDENCE
            data.setdefault("basis", "example")
        tags = () if role is Role.CLAIM else (role.value,)
        statements[n.id] = Statement(title, _inline(n), role, tags, data=data, location=n.location)

    return ArgumentMap(
        statements=tuple(statements.values()),
        arguments=tuple(arguments),
        relations=tuple(relations),
        front={"format": fmt, **graph.front},
        path=problems.path,
    )


def _inline(n: Node) -> str:
    """A node's text as the model keeps it, Argdown inline source: imported text is plain
    words, so every character Argdown could read as markup is escaped (``*word*``,
    ``[x](y)``, ``#tag``, ``.->.`` stay as written).  Text that argmap wrote keeps its
    source (``hint["source"]``) if its words are still the node's text."""
    source = n.hint.get("source")
    if isinstance(source, str) and plain(source) == n.text:
        return source
    return escape(n.text)


def _shorten(title: str) -> str:
    return " ".join(title.split()[:3])


def _resolves(refs: tuple[NodeRef, NodeRef], *, statements_titles: _Titles, arg_titles: _Titles) -> bool:
    for r in refs:
        pool = statements_titles if r.kind is NodeKind.STATEMENT else arg_titles
        if r.title.casefold() not in pool.taken:
            return False
    return True


def _roles(
    nodes: dict[str, Node],
    title_of: dict[str, str],
    arguments: list[Argument],
    relations: list[Relation],
) -> dict[str, Role]:
    """Objection / rebuttal / thesis from the structure (statement title → role)."""
    by_title = {a.title: a for a in arguments}
    # what a statement attacks, directly or as a premise of a conflict argument
    attacks: dict[str, list[NodeRef]] = defaultdict(list)
    conflict_args = {a.title for a in arguments if a.data.get("aif") == "CA"}
    conflict_premises: dict[str, list[str]] = defaultdict(list)
    for r in relations:
        if r.source.kind is NodeKind.ARGUMENT and r.source.title in conflict_args and r.kind.is_conflict:
            for p in relations:
                if (
                    p.kind is RelationKind.SUPPORT
                    and p.target == r.source
                    and p.source.kind is NodeKind.STATEMENT
                ):
                    attacks[p.source.title].append(r.target)
                    conflict_premises[r.source.title].append(p.source.title)
        elif r.kind.is_conflict and r.source.kind is NodeKind.STATEMENT:
            attacks[r.source.title].append(r.target)

    # an undercut is an undercut: a statement that only denies a step (an undercut, or an attack on
    # an attack, which grants the objection but denies that it counts) keeps the role of an
    # objection; only an attack on an objection itself makes a rebuttal
    undercutters = {
        (r.source.title, r.target.title)
        for r in relations
        if r.source.kind is NodeKind.STATEMENT
        and r.target.kind is NodeKind.ARGUMENT
        and (r.kind is RelationKind.UNDERCUT or r.target.title in conflict_args)
    }
    for r in relations:
        if (
            r.source.kind is NodeKind.ARGUMENT
            and r.source.title in conflict_args
            and r.target.kind is NodeKind.ARGUMENT
            and (r.kind is RelationKind.UNDERCUT or r.target.title in conflict_args)
        ):
            for premise in conflict_premises.get(r.source.title, []):
                undercutters.add((premise, r.target.title))

    memo: dict[str, Role] = {}

    def attacker_role(title: str, seen: frozenset[str]) -> Role:
        if title in memo:
            return memo[title]
        role = Role.OBJECTION
        for target in attacks[title]:
            if target.kind is NodeKind.ARGUMENT and (title, target.title) in undercutters:
                continue
            defended = _defended(target, seen | {title})
            if defended is Role.OBJECTION:
                role = Role.REBUTTAL
        memo[title] = role
        return role

    def _defended(target: NodeRef, seen: frozenset[str]) -> Role | None:
        """The role of what an attack on ``target`` hits."""
        if target.kind is NodeKind.STATEMENT:
            if target.title in seen or target.title not in attacks:
                return None
            return attacker_role(target.title, seen)
        arg = by_title.get(target.title)
        if arg is None:
            return None
        if arg.title in conflict_args:  # attacking an attack: defends its target
            for p in conflict_premises.get(arg.title, []):
                if p not in seen and p in attacks:
                    return attacker_role(p, seen)
            return None
        if arg.conclusion:
            return _defended(NodeRef.statement(arg.conclusion), seen)
        return None

    roles: dict[str, Role] = {}
    for title in list(attacks):
        roles[title] = attacker_role(title, frozenset())

    outgoing: set[str] = set(attacks)
    concluded: set[str] = set()
    for a in arguments:
        for inf in a.inferences:
            outgoing.update(inf.premises)
            if inf.data.get("aif") != "MA":  # a rephrase supports nothing new
                concluded.add(inf.conclusion)
    for r in relations:
        if r.source.kind is NodeKind.STATEMENT:
            outgoing.add(r.source.title)
        if r.target.kind is NodeKind.STATEMENT:
            concluded.add(r.target.title)
    statement_titles = [title_of[n.id] for n in nodes.values() if n.kind == "I"]
    roots = [t for t in statement_titles if t in concluded and t not in outgoing]
    if len(roots) == 1:
        roles[roots[0]] = Role.THESIS
    return roles
