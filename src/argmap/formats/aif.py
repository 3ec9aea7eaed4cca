"""AIF JSON (the format of AIFdb and OVA) in and out.

A file holds ``nodes`` (``nodeID``, ``text``, ``type``), ``edges`` (``fromID``,
``toID``) and ``locutions``.  The argument layer (I, RA, CA, MA, PA nodes) maps
onto the model as :mod:`argmap.formats._graph` describes.  The dialogue layer
(L, YA, TA nodes, their edges, locutions and participants) has no place in
argmap's model: it is dropped with one warning that counts it by type.

Written AIF carries an extra ``argmap`` object on some nodes (titles, roles,
which RA/CA-nodes stood for plain relations) so that AIF → argmap → AIF and
Argdown → AIF → argmap keep every node, edge and relation.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..argdown.inline import plain
from ..errors import Diagnostic
from ..model import Argument, ArgumentMap, NodeKind, NodeRef, RelationKind, Role, thaw
from ._graph import Edge, Graph, Node, build
from ._safe import FormatProblems, read_json_object, type_name

__all__ = ["dumps_aif", "loads_aif"]

ARGUMENT_TYPES = ("I", "RA", "CA", "MA", "PA")
DIALOGUE_TYPES = ("L", "YA", "TA")
_KNOWN_TOP = {"nodes", "edges", "locutions", "participants"}
_DEFAULT_TEXT = {"RA": "Default Inference", "CA": "Default Conflict", "MA": "Default Rephrase"}


def _id(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (str, int)):
        return str(value)
    return None


def loads_aif(text: str, path: str | None = None) -> tuple[ArgumentMap, list[Diagnostic]]:
    """The argument map in AIF JSON ``text``, and every diagnostic (never raises on bad input)."""
    problems = FormatProblems(path)
    doc = read_json_object(text, problems, "AIF")
    if doc is None:
        return ArgumentMap(path=path), problems.items

    graph = Graph()
    dialogue: Counter[str] = Counter()
    dialogue_ids: set[str] = set()
    other_ids: set[str] = set()

    raw_nodes = doc.get("nodes")
    if not isinstance(raw_nodes, list):
        problems.error(f"nodes: expected a list of nodes, found {type_name(raw_nodes)}")
        raw_nodes = []
    unknown_types: Counter[str] = Counter()
    for i, raw in enumerate(raw_nodes):
        where = f"nodes[{i}]"
        if not isinstance(raw, dict):
            problems.error(f"{where}: expected a node object, found {type_name(raw)}")
            continue
        node_id = _id(raw.get("nodeID"))
        kind = raw.get("type")
        node_text = raw.get("text", "")
        bad = False
        if node_id is None:
            found = type_name(raw.get("nodeID"))
            problems.error(f"{where}.nodeID: expected a string or integer, found {found}")
            bad = True
        if not isinstance(kind, str):
            problems.error(f'{where}.type: expected a string such as "I" or "RA", found {type_name(kind)}')
            bad = True
        if node_text is None:
            node_text = ""
        if not isinstance(node_text, str):
            problems.error(f"{where}.text: expected a string, found {type_name(node_text)}")
            bad = True
        if bad or node_id is None or not isinstance(kind, str) or not isinstance(node_text, str):
            continue
        if node_id in graph.nodes or node_id in dialogue_ids or node_id in other_ids:
            problems.error(f"{where}.nodeID: {node_id!r} is used by an earlier node too")
            continue
        kind = kind.strip().upper()
        if kind in DIALOGUE_TYPES:
            dialogue[kind] += 1
            dialogue_ids.add(node_id)
            continue
        if kind not in ARGUMENT_TYPES:
            unknown_types[kind] += 1
            other_ids.add(node_id)
            continue
        scheme = raw.get("scheme")
        if not isinstance(scheme, str) or not scheme.strip():
            scheme = node_text if kind != "I" else None
        raw_hint = raw.get("argmap")
        hint: dict[str, Any] = raw_hint if isinstance(raw_hint, dict) else {}
        role: Role | None = None
        if kind == "I" and isinstance(hint.get("role"), str):
            try:
                role = Role(hint["role"])
            except ValueError:
                role = None
        data = thaw(hint.get("data")) if isinstance(hint.get("data"), dict) else {}
        data.pop("id", None)
        if kind == "I" and hint.get("kind") == "argument":
            kind = "ARG"
        graph.add(Node(node_id, kind, node_text.strip(), scheme, data, role, hint=hint))

    raw_edges = doc.get("edges", [])
    if not isinstance(raw_edges, list):
        problems.error(f"edges: expected a list of edges, found {type_name(raw_edges)}")
        raw_edges = []
    dialogue_edges = 0
    other_edges = 0
    for i, raw in enumerate(raw_edges):
        where = f"edges[{i}]"
        if not isinstance(raw, dict):
            problems.error(f"{where}: expected an edge object, found {type_name(raw)}")
            continue
        src, trg = _id(raw.get("fromID")), _id(raw.get("toID"))
        if src is None or trg is None:
            key = "fromID" if src is None else "toID"
            found = type_name(raw.get(key))
            problems.error(f"{where}.{key}: expected a node id (string or integer), found {found}")
            continue
        if src in dialogue_ids or trg in dialogue_ids:
            dialogue_edges += 1
            continue
        if src in other_ids or trg in other_ids:
            other_edges += 1
            continue
        graph.edges.append(Edge(src, trg, _id(raw.get("edgeID")) or f"{where}"))

    locutions = doc.get("locutions", [])
    n_locutions = len(locutions) if isinstance(locutions, list) else 0
    if locutions is not None and not isinstance(locutions, list):
        problems.error(f"locutions: expected a list, found {type_name(locutions)}")
    participants = doc.get("participants", [])
    n_participants = len(participants) if isinstance(participants, list) else 0

    if dialogue or dialogue_edges or n_locutions or n_participants:
        parts = [f"{n} {k}-node{'s' if n != 1 else ''}" for k, n in sorted(dialogue.items())]
        if dialogue_edges:
            parts.append(f"{dialogue_edges} edge{'s' if dialogue_edges != 1 else ''} touching them")
        if n_locutions:
            parts.append(f"{n_locutions} locution{'s' if n_locutions != 1 else ''}")
        if n_participants:
            parts.append(f"{n_participants} participant{'s' if n_participants != 1 else ''}")
        problems.warn(
            "dropped-element",
            "the dialogue layer was dropped (argmap maps arguments, not dialogues): " + ", ".join(parts),
            hint="the I-, RA-, CA- and MA-nodes are all kept",
        )
    if unknown_types:
        parts = [f"{n} of type {k!r}" for k, n in sorted(unknown_types.items())]
        problems.warn(
            "dropped-element",
            f"nodes of unknown types dropped: {', '.join(parts)}"
            + (f", with {other_edges} edge(s)" if other_edges else ""),
            hint=f"known types: {', '.join(ARGUMENT_TYPES + DIALOGUE_TYPES)}",
        )
    extra = sorted(k for k, v in doc.items() if k not in _KNOWN_TOP and v not in (None, [], {}, ""))
    if extra:
        problems.warn("dropped-element", f"top-level field(s) not read: {', '.join(extra)}")

    m = build(graph, problems, "aif")
    return m, problems.items


# -- export ---------------------------------------------------------------------------


def _words(source: str, hint: dict[str, Any]) -> str:
    """An I-node's text: the words a reader sees (AIF text is plain); the Argdown source
    goes into argmap's hint when it differs, so that argmap reads it back the same."""
    words = plain(source)
    if words != source:
        hint["source"] = source
    return words


def dumps_aif(m: ArgumentMap) -> str:
    """``m`` as AIF JSON: I-, RA-, CA- and MA-nodes, their edges, no locutions."""
    used: set[str] = set()
    counter = [0]

    # reserve the ids we mean to keep, so generated ids never take them
    wanted = [s.data.get("id") for s in m.statements] + [a.data.get("id") for a in m.arguments]
    wanted += [i.data.get("id") for _, i in m.inferences]
    counts = Counter(w for w in wanted if isinstance(w, str))
    reserved = {w for w, n in counts.items() if n == 1}

    def keep_id(preferred: object) -> str:
        if isinstance(preferred, str) and preferred in reserved:
            reserved.discard(preferred)
            used.add(preferred)
            return preferred
        while True:
            counter[0] += 1
            candidate = str(counter[0])
            if candidate not in used and candidate not in reserved:
                used.add(candidate)
                return candidate

    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def edge(src: str, trg: str) -> None:
        edges.append({"edgeID": keep_id(None), "fromID": src, "toID": trg, "formEdgeID": None})

    statement_node: dict[str, str] = {}
    for s in m.statements:
        nid = keep_id(s.data.get("id"))
        statement_node[s.title] = nid
        hint: dict[str, Any] = {"title": s.title, "role": s.role.value}
        data = {k: v for k, v in thaw(s.data).items() if k != "id"}
        if data:
            hint["data"] = data
        nodes.append(
            {"nodeID": nid, "text": _words(s.text, hint), "type": "I", "timestamp": "", "argmap": hint}
        )

    # each argument: its node as a source (conclusion) and as a target (last inference)
    as_source: dict[str, str] = {}
    as_target: dict[str, str] = {}
    direct: set[str] = set()  # arguments written as S-nodes without PCS: relations attach directly
    for a in m.arguments:
        aif_kind = a.data.get("aif")
        if a.inferences:
            last = ""
            for k, inf in enumerate(a.inferences):
                kind = "MA" if inf.data.get("aif") == "MA" else "RA"
                nid = keep_id(inf.data.get("id") if len(a.inferences) == 1 else None)
                scheme = inf.data.get("aif-scheme") or inf.data.get("scheme") or inf.rule
                node: dict[str, Any] = {
                    "nodeID": nid,
                    "text": str(scheme) if scheme else _DEFAULT_TEXT[kind],
                    "type": kind,
                    "timestamp": "",
                }
                if scheme:
                    node["scheme"] = str(scheme)
                title = a.title if k == len(a.inferences) - 1 else f"{a.title} step {k + 1}"
                ra_hint: dict[str, Any] = {"title": title}
                rest = {
                    key: v
                    for key, v in thaw(inf.data).items()
                    if key not in ("id", "scheme", "aif-scheme", "aif")
                }
                if rest:
                    ra_hint["data"] = rest
                if k == len(a.inferences) - 1:
                    if a.text:
                        ra_hint["text"] = a.text
                    if a.data:
                        ra_hint["argument-data"] = thaw(a.data)
                node["argmap"] = ra_hint
                nodes.append(node)
                for p in inf.premises:
                    if p in statement_node:
                        edge(statement_node[p], nid)
                if inf.conclusion in statement_node:
                    edge(nid, statement_node[inf.conclusion])
                last = nid
            as_target[a.title] = last
            concl = a.conclusion
            as_source[a.title] = statement_node.get(concl, last) if concl else last
        elif aif_kind in ("CA", "RA", "MA"):
            nid = keep_id(a.data.get("id"))
            kind = str(aif_kind)
            scheme = a.data.get("aif-scheme") or a.data.get("scheme")
            node = {
                "nodeID": nid,
                "text": str(scheme) if scheme else _DEFAULT_TEXT[kind],
                "type": kind,
                "timestamp": "",
                "argmap": {"title": a.title, "kind": "conflict-argument" if kind == "CA" else "argument"},
            }
            rest = {k: v for k, v in thaw(a.data).items() if k not in ("id", "scheme", "aif-scheme", "aif")}
            if rest:
                node["argmap"]["data"] = rest
            if scheme:
                node["scheme"] = str(scheme)
            nodes.append(node)
            as_source[a.title] = as_target[a.title] = nid
            direct.add(a.title)
        else:
            nid = keep_id(a.data.get("id"))
            data = {k: v for k, v in thaw(a.data).items() if k != "id"}
            hint = {"title": a.title, "kind": "argument"}
            if data:
                hint["data"] = data
            nodes.append(
                {"nodeID": nid, "text": _words(a.text, hint), "type": "I", "timestamp": "", "argmap": hint}
            )
            as_source[a.title] = as_target[a.title] = nid

    def node_of(ref: NodeRef, *, target: bool) -> str | None:
        if ref.kind is NodeKind.STATEMENT:
            return statement_node.get(ref.title)
        return (as_target if target else as_source).get(ref.title)

    for r in m.relations:
        src, trg = node_of(r.source, target=False), node_of(r.target, target=True)
        if src is None or trg is None:
            continue
        # relations into / out of an argument written as an S-node attach directly
        if r.kind is RelationKind.SUPPORT and r.target.kind is NodeKind.ARGUMENT and r.target.title in direct:
            edge(src, trg)
            continue
        if r.source.kind is NodeKind.ARGUMENT and r.source.title in direct and _fits(m, r.source, r.kind):
            edge(src, trg)
            continue
        kind = "RA" if r.kind is RelationKind.SUPPORT else "CA"
        nid = keep_id(None)
        hint = {"kind": "relation", "source": str(r.source), "target": str(r.target)}
        if r.kind in (RelationKind.CONTRARY, RelationKind.CONTRADICTORY):
            hint["relation"] = r.kind.value
        text = _DEFAULT_TEXT[kind]
        nodes.append({"nodeID": nid, "text": text, "type": kind, "timestamp": "", "argmap": hint})
        edge(src, nid)
        edge(nid, trg)

    doc = {"nodes": nodes, "edges": edges, "locutions": [], "participants": []}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _fits(m: ArgumentMap, ref: NodeRef, kind: RelationKind) -> bool:
    """An S-node argument's outgoing relation is its own edge (attack for CA, support for RA/MA)."""
    a = m.get(ref)
    if not isinstance(a, Argument):
        return False
    if a.data.get("aif") == "CA":
        return kind.is_conflict
    return kind is RelationKind.SUPPORT
