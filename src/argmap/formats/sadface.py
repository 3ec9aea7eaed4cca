"""SADFace JSON in (Simon Wells's Simple Argument Description Format).

A document holds ``metadata``, ``resources`` (source texts), ``nodes`` and
``edges`` (``source_id`` → ``target_id``).  An ``atom`` node is a statement
(its ``sources`` — quoted passages of a resource — go into the statement's
data); a ``scheme`` node is an inference, a conflict, a rephrase or a
preference, by its ``name`` (``support``, ``attack``/``conflict``/…, or a named
argumentation scheme, which is an inference that keeps the name).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..errors import Diagnostic
from ..model import ArgumentMap
from ._graph import Edge, Graph, Node, build
from ._safe import FormatProblems, read_json_object, type_name

__all__ = ["loads_sadface"]

_CONFLICT = {
    "attack",
    "conflict",
    "rebut",
    "rebuttal",
    "undercut",
    "undermine",
    "disagreement",
    "contradiction",
}
_REPHRASE = {"rephrase", "restatement", "reformulation"}
_PREFERENCE = {"preference"}
_SUPPORT = {"support", "inference", "default inference", ""}


def _scalars(value: object) -> dict[str, Any]:
    """The scalar entries of a metadata object (nested objects are flattened one level)."""
    out: dict[str, Any] = {}
    if not isinstance(value, dict):
        return out
    for k, v in value.items():
        if isinstance(v, (str, int, float, bool)) and v != "":
            out[str(k)] = v
        elif isinstance(v, dict):
            for k2, v2 in v.items():
                if isinstance(v2, (str, int, float, bool)) and v2 != "":
                    out[f"{k}-{k2}"] = v2
    return out


def loads_sadface(text: str, path: str | None = None) -> tuple[ArgumentMap, list[Diagnostic]]:
    """The argument map in SADFace JSON ``text``, and every diagnostic (never raises on bad input)."""
    problems = FormatProblems(path)
    doc = read_json_object(text, problems, "SADFace")
    if doc is None:
        return ArgumentMap(path=path), problems.items

    graph = Graph()
    meta = _scalars(doc.get("metadata"))
    for key in ("core-title", "title"):
        if key in meta:
            graph.front["title"] = str(meta.pop(key))
            break
    for key in ("core-description", "description", "core-notes", "notes", "core-id", "id"):
        if key in meta:
            graph.front[key.removeprefix("core-")] = str(meta.pop(key))

    resources = doc.get("resources", [])
    resource_ids: set[str] = set()
    if not isinstance(resources, list):
        problems.error(f"resources: expected a list, found {type_name(resources)}")
        resources = []
    for i, res in enumerate(resources):
        if not isinstance(res, dict):
            problems.error(f"resources[{i}]: expected a resource object, found {type_name(res)}")
            continue
        rid = res.get("id")
        if isinstance(rid, str):
            resource_ids.add(rid)
    if resources:
        problems.warn(
            "reduced-element",
            f"{len(resources)} resource(s) (source texts) are not copied into the map; each statement keeps "
            "the passage it quotes and the resource id",
            hint="save the source text beside the map and name it in the front matter (source: file.txt)",
        )

    raw_nodes = doc.get("nodes")
    if not isinstance(raw_nodes, list):
        problems.error(f"nodes: expected a list of nodes, found {type_name(raw_nodes)}")
        raw_nodes = []
    dropped_types: Counter[str] = Counter()
    for i, raw in enumerate(raw_nodes):
        where = f"nodes[{i}]"
        if not isinstance(raw, dict):
            problems.error(f"{where}: expected a node object, found {type_name(raw)}")
            continue
        nid, ntype = raw.get("id"), raw.get("type")
        if not isinstance(nid, str) or not nid:
            problems.error(f"{where}.id: expected a string, found {type_name(nid)}")
            continue
        if not isinstance(ntype, str):
            problems.error(f'{where}.type: expected "atom" or "scheme", found {type_name(ntype)}')
            continue
        if nid in graph.nodes:
            problems.error(f"{where}.id: {nid!r} is used by an earlier node too")
            continue
        if ntype == "atom":
            node_text = raw.get("text", "")
            if not isinstance(node_text, str):
                problems.error(f"{where}.text: expected a string, found {type_name(node_text)}")
                continue
            data: dict[str, Any] = {}
            sources = raw.get("sources", [])
            if not isinstance(sources, list):
                problems.error(f"{where}.sources: expected a list, found {type_name(sources)}")
                sources = []
            quotes: list[dict[str, Any]] = []
            for j, src in enumerate(sources):
                if not isinstance(src, dict):
                    problems.error(f"{where}.sources[{j}]: expected an object, found {type_name(src)}")
                    continue
                q = {k: v for k, v in src.items() if isinstance(v, (str, int, float)) and v is not True}
                rid = q.get("resource_id")
                if isinstance(rid, str) and resource_ids and rid not in resource_ids:
                    problems.warn(
                        "reduced-element",
                        f"{where}.sources[{j}].resource_id: {rid!r} names no resource of this file",
                    )
                quotes.append(q)
            if quotes:
                data["sources"] = quotes
            meta_data = _scalars(raw.get("metadata"))
            if meta_data:
                data["metadata"] = meta_data
            graph.add(Node(nid, "I", node_text.strip(), data=data))
        elif ntype == "scheme":
            name = raw.get("name", raw.get("text", ""))
            if name is None:
                name = ""
            if not isinstance(name, str):
                problems.error(f"{where}.name: expected a string, found {type_name(name)}")
                continue
            key = name.strip().lower()
            if key in _CONFLICT:
                kind = "CA"
            elif key in _REPHRASE:
                kind = "MA"
            elif key in _PREFERENCE:
                kind = "PA"
            else:
                kind = "RA"
            scheme = name if kind == "RA" and key not in _SUPPORT else None
            generic = _SUPPORT | _REPHRASE | _PREFERENCE | {"attack", "conflict"}
            node_data = {"name": name} if key not in generic and scheme is None else {}
            graph.add(Node(nid, kind, "", scheme, node_data))
        else:
            dropped_types[ntype] += 1
    if dropped_types:
        problems.warn(
            "dropped-element",
            "nodes of unknown types dropped: "
            + ", ".join(f"{n} {t!r}" for t, n in sorted(dropped_types.items())),
            hint='SADFace node types are "atom" and "scheme"',
        )

    raw_edges = doc.get("edges", [])
    if not isinstance(raw_edges, list):
        problems.error(f"edges: expected a list of edges, found {type_name(raw_edges)}")
        raw_edges = []
    for i, raw in enumerate(raw_edges):
        where = f"edges[{i}]"
        if not isinstance(raw, dict):
            problems.error(f"{where}: expected an edge object, found {type_name(raw)}")
            continue
        src, trg = raw.get("source_id"), raw.get("target_id")
        if not isinstance(src, str) or not isinstance(trg, str):
            key = "source_id" if not isinstance(src, str) else "target_id"
            problems.error(f"{where}.{key}: expected a node id (a string), found {type_name(raw.get(key))}")
            continue
        eid = raw.get("id")
        graph.edges.append(Edge(src, trg, eid if isinstance(eid, str) else where))

    extra = sorted(k for k, v in doc.items() if k not in {"metadata", "resources", "nodes", "edges"} and v)
    if extra:
        problems.warn("dropped-element", f"top-level field(s) not read: {', '.join(extra)}")
    if meta:
        graph.front["sadface"] = meta
    return build(graph, problems, "sadface"), problems.items
