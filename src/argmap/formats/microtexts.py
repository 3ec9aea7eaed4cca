"""The Potsdam argumentative microtext corpus: ArgGraph XML in.

An ``<arggraph>`` holds ``<edu id>`` text segments, ``<adu id type="pro|opp">``
argumentative units and ``<edge id src trg type>`` edges:

* ``seg``: an EDU (or a ``<joint>`` of EDUs) is the text of an ADU; an ADU
  resting on two EDUs gets both texts, joined, and keeps each in ``segments``;
* ``sup`` / ``exa``: support (``exa``: by example) → an inference, linked with
  every ADU that an ``add`` edge adds to it;
* ``reb``: rebuttal (an attack on an ADU) → an attack;
* ``und``: undercut, aimed at another *edge* (a support, a rebuttal or another
  undercut; defined before or after it);
* ``add``: the source ADU joins the premises of the edge it aims at.

An EDU marked ``implicit="true"`` is an unstated premise: its ADU becomes a
statement with the role ``assumption``.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ..errors import Diagnostic, Location
from ..model import ArgumentMap, Role
from ._graph import Edge, Graph, Node, build
from ._safe import FormatProblems, XmlDoc, read_xml

__all__ = ["EDGE_TYPES", "loads_microtexts"]

#: The edge types of ArgGraph XML and what they mean.
EDGE_TYPES = {
    "seg": "segmentation: an EDU is (part of) the text of an ADU",
    "sup": "support",
    "exa": "support by example",
    "reb": "rebuttal: an attack on an ADU",
    "und": "undercut: an attack on another edge",
    "add": "addition: a further linked premise of another edge",
}
_TRUE = {"true", "yes", "1"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def loads_microtexts(text: str, path: str | None = None) -> tuple[ArgumentMap, list[Diagnostic]]:
    """The argument map in ArgGraph XML ``text``, and every diagnostic (never raises on bad input)."""
    problems = FormatProblems(path)
    doc = read_xml(text, problems, "microtext")
    if doc is None:
        return ArgumentMap(path=path), problems.items
    root = doc.root
    if _local(root.tag) != "arggraph":
        problems.error(
            f"a microtext file has an <arggraph> root element; this one has <{_local(root.tag)}>",
            doc.where(root),
        )
        return ArgumentMap(path=path), problems.items
    return _read(doc, problems), problems.items


def _read(doc: XmlDoc, problems: FormatProblems) -> ArgumentMap:
    root = doc.root
    graph = Graph()
    for attr, key in (("id", "title"), ("topic_id", "topic"), ("stance", "stance")):
        value = root.get(attr)
        if value:
            graph.front[key] = value

    edus: dict[str, tuple[str, bool, Location]] = {}  # id -> text, implicit, where
    joints: dict[str, Location] = {}
    adus: dict[str, Element] = {}
    edges: dict[str, Element] = {}
    order: list[str] = []
    unknown: dict[str, int] = {}
    for el in root:
        tag = _local(el.tag) if isinstance(el.tag, str) else ""
        where = doc.where(el)
        if tag not in ("edu", "joint", "adu", "edge"):
            if tag:
                unknown[tag] = unknown.get(tag, 0) + 1
            continue
        el_id = el.get("id")
        if not el_id:
            problems.error(f"<{tag}> has no id attribute", where)
            continue
        if el_id in edus or el_id in joints or el_id in adus or el_id in edges:
            problems.error(f"the id {el_id!r} is used twice (here <{tag}>)", where)
            continue
        if tag == "edu":
            implicit = (el.get("implicit") or "").strip().lower() in _TRUE
            edus[el_id] = (" ".join("".join(el.itertext()).split()), implicit, where)
        elif tag == "joint":
            joints[el_id] = where
        elif tag == "adu":
            adus[el_id] = el
        else:
            missing = [a for a in ("src", "trg", "type") if not el.get(a)]
            if missing:
                problems.error(f"<edge id={el_id!r}> has no {' or '.join(missing)} attribute", where)
                continue
            edges[el_id] = el
            order.append(el_id)
    if unknown:
        problems.warn(
            "dropped-element",
            "elements argmap does not read were dropped: "
            + ", ".join(f"{n} <{t}>" for t, n in sorted(unknown.items())),
        )

    # texts: seg edges from EDUs (or joints) to joints / ADUs, in file order
    segments: dict[str, list[str]] = {}  # ADU or joint -> EDU ids
    used_edus: set[str] = set()
    for eid in order:
        el = edges[eid]
        if el.get("type") != "seg":
            continue
        src, trg = el.get("src", ""), el.get("trg", "")
        if src not in edus and src not in joints:
            problems.warn("dropped-element", f"seg edge {eid!r} starts at {src!r}, no EDU", doc.where(el))
            continue
        if trg not in adus and trg not in joints:
            problems.warn("dropped-element", f"seg edge {eid!r} ends at {trg!r}, no ADU", doc.where(el))
            continue
        segments.setdefault(trg, []).append(src)

    def edu_ids(unit: str, seen: frozenset[str] = frozenset()) -> list[str]:
        out: list[str] = []
        for s in segments.get(unit, []):
            if s in edus:
                out.append(s)
            elif s in joints and s not in seen:
                out.extend(edu_ids(s, seen | {s}))
        return out

    for adu_id, el in adus.items():
        ids = edu_ids(adu_id)
        used_edus.update(ids)
        texts = [edus[i][0] for i in ids]
        implicit = any(edus[i][1] for i in ids)
        data: dict[str, object] = {}
        adu_type = el.get("type") or ""
        if adu_type:
            data["type"] = adu_type
            if adu_type not in ("pro", "opp"):
                problems.warn(
                    "reduced-element",
                    f"<adu id={adu_id!r}> has the type {adu_type!r}; known types: pro, opp",
                    doc.where(el),
                )
        if len(ids) == 1:
            data["edu"] = ids[0]
        elif ids:
            data["edus"] = ids
            data["segments"] = texts
        if implicit:
            data["implicit"] = True
        if not ids:
            problems.warn(
                "reduced-element",
                f"<adu id={adu_id!r}> has no text (no seg edge from an EDU); kept as an empty statement",
                doc.where(el),
            )
        graph.add(
            Node(
                adu_id,
                "I",
                " ".join(texts),
                data=data,
                role=Role.ASSUMPTION if implicit else None,
                location=doc.where(el),
            )
        )
    unsegmented = [e for e in edus if e not in used_edus]
    if unsegmented:
        problems.warn(
            "dropped-element",
            f"{len(unsegmented)} EDU(s) belong to no ADU and were dropped: {', '.join(unsegmented)}",
            edus[unsegmented[0]][2],
        )

    # argumentative edges: sup/exa/reb/und are nodes; add joins its target's premises
    def resolve_add(target: str) -> str | None:
        seen: set[str] = set()
        while target in edges and edges[target].get("type") == "add" and target not in seen:
            seen.add(target)
            target = edges[target].get("trg", "")
        return target if target in edges and edges[target].get("type") not in ("add", "seg") else None

    unknown_types: list[str] = []
    for eid in order:
        el = edges[eid]
        kind = el.get("type", "")
        src, trg = el.get("src", ""), el.get("trg", "")
        where = doc.where(el)
        if kind == "seg":
            continue
        if kind not in EDGE_TYPES:
            unknown_types.append(f"{eid} ({kind})")
            continue
        if kind == "add":
            aimed = resolve_add(trg)
            if aimed is None:
                problems.warn(
                    "dropped-element",
                    f"add edge {eid!r} aims at {trg!r}, which is no sup, exa, reb or und edge; dropped",
                    where,
                )
                continue
            graph.edges.append(Edge(src, aimed, eid, where))
            continue
        if kind == "und" and trg not in edges:
            problems.warn(
                "dropped-element",
                f"und edge {eid!r} aims at {trg!r}; an undercut aims at an edge id, and there is no "
                "such edge",
                where,
            )
            continue
        if kind == "und" and edges[trg].get("type") in ("seg", "add"):
            problems.warn(
                "dropped-element",
                f"und edge {eid!r} aims at the {edges[trg].get('type')} edge {trg!r}, which is not an "
                "inference or an attack; dropped",
                where,
            )
            continue
        if trg in edges and edges[trg].get("type") == "add":
            resolved = resolve_add(trg)
            trg = resolved or trg
        node_kind = "CA" if kind in ("reb", "und") else "RA"
        scheme = "example" if kind == "exa" else None
        graph.add(Node(eid, node_kind, "", scheme, {"type": kind}, location=where))
        graph.edges.append(Edge(src, eid, eid, where))
        graph.edges.append(Edge(eid, trg, eid, where))
    if unknown_types:
        problems.warn(
            "dropped-element",
            f"edges of unknown types dropped: {', '.join(unknown_types)}",
            hint=f"known types: {', '.join(EDGE_TYPES)}",
        )
    return build(graph, problems, "microtexts")
