"""AIF JSON in and out: every I, RA, CA and MA node lands in the model, the
dialogue layer and PA-nodes are named in a warning, and AIF → argmap → AIF
keeps every node and edge."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import dumps, load_any, loads_aif
from argmap.model import ArgumentMap, NodeKind, RelationKind, Role

DATA = Path(__file__).parent / "data" / "formats" / "aif"
FIXTURES = sorted(DATA.glob("*.json"))
IDS = [p.stem for p in FIXTURES]


def aif_counts(doc: dict[str, Any]) -> dict[str, Any]:
    """Counts taken straight from the JSON, independently of the importer."""
    types = {str(n["nodeID"]): n["type"] for n in doc["nodes"]}
    by_type = Counter(types.values())
    premises: dict[str, set[str]] = {k: set() for k, t in types.items() if t in ("RA", "MA")}
    for e in doc["edges"]:
        src, trg = str(e["fromID"]), str(e["toID"])
        if trg in premises and types[src] == "I":
            premises[trg].add(src)
    argument_edges = sum(
        1
        for e in doc["edges"]
        if types[str(e["fromID"])] in ("I", "RA", "CA", "MA")
        and types[str(e["toID"])] in ("I", "RA", "CA", "MA")
    )
    return {"types": by_type, "premises": premises, "argument_edges": argument_edges}


def inference_premise_ids(m: ArgumentMap) -> dict[str, set[str]]:
    ids = {s.title: s.data["id"] for s in m.statements}
    return {str(inf.data["id"]): {ids[p] for p in inf.premises} for _, inf in m.inferences}


def conflict_nodes(m: ArgumentMap) -> int:
    """CA nodes as the model holds them: a conflict relation from a statement, or a
    conflict kept as an argument ({aif: CA})."""
    plain = sum(1 for r in m.relations if r.kind.is_conflict and r.source.kind is NodeKind.STATEMENT)
    kept = sum(1 for a in m.arguments if a.data.get("aif") == "CA")
    return plain + kept


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_every_argument_node_lands_in_the_model(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    expected = aif_counts(doc)
    m, diagnostics = load_any(path)
    assert [d.format() for d in diagnostics if d.is_error] == []
    assert len(m.statements) == expected["types"]["I"]
    assert sum(1 for _ in m.inferences) == expected["types"]["RA"] + expected["types"]["MA"]
    assert conflict_nodes(m) == expected["types"]["CA"]
    assert inference_premise_ids(m) == expected["premises"]


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_what_is_dropped_is_counted_in_one_warning(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    types = Counter(n["type"] for n in doc["nodes"])
    _, diagnostics = load_any(path)
    dropped = [d for d in diagnostics if d.code == "dropped-element"]
    dialogue = [d for d in dropped if "dialogue" in d.message]
    if types["L"] or types["YA"] or types["TA"]:
        assert len(dialogue) == 1
        for kind in ("L", "YA", "TA"):
            assert f"{types[kind]} {kind}-node" in dialogue[0].message
        assert f"{len(doc['locutions'])} locution" in dialogue[0].message
    else:
        assert dialogue == []
    preference = [d for d in dropped if "PA" in d.message]
    assert len(preference) == (1 if types["PA"] else 0)
    if types["PA"]:
        assert f"{types['PA']} preference" in preference[0].message


def test_ova_roles_scheme_and_dialogue() -> None:
    m, diagnostics = load_any(DATA / "ova_dialogue.json")
    roles = {s.data["id"]: s.role for s in m.statements}
    assert roles == {"102": Role.THESIS, "105": Role.CLAIM, "111": Role.OBJECTION, "117": Role.REBUTTAL}
    (arg,) = m.arguments
    assert arg.inferences[0].data["scheme"] == "expert-opinion"
    assert arg.inferences[0].data["aif-scheme"] == "Argument From Expert Opinion"
    (warning,) = diagnostics
    assert "4 L-nodes, 2 TA-nodes, 6 YA-nodes, 16 edges" in warning.message


def test_linked_premises_and_rephrase() -> None:
    m, _ = load_any(DATA / "linked.json")
    linked = [inf for _, inf in m.inferences if inf.data["id"] == "4"]
    assert len(linked) == 1 and linked[0].is_linked and len(linked[0].premises) == 2
    rephrase = [inf for _, inf in m.inferences if inf.data.get("aif") == "MA"]
    assert len(rephrase) == 1
    example = [s for s in m.statements if s.data["id"] == "5"]
    assert example[0].role is Role.EVIDENCE and example[0].basis is not None
    # an I-node without text gets its id as title; integer ids are read as strings
    assert m.statement("10").text == ""


def test_undercut_and_attack_on_attack() -> None:
    m, _ = load_any(DATA / "undercut.json")
    by_id = {a.data.get("id") or a.inferences[0].data["id"]: a for a in m.arguments}
    titles = {s.data["id"]: s.title for s in m.statements}
    undercuts = {(r.source.title, r.target.title) for r in m.relations if r.kind is RelationKind.UNDERCUT}
    # ca1: i3 undercuts the inference ra1
    assert (titles["i3"], by_id["ra1"].title) in undercuts
    # ca3 attacks the conflict ca2: ca2 is kept as an argument, ca3 undercuts it
    assert (by_id["ca3"].title, by_id["ca2"].title) in undercuts
    # ca4 attacks ca3 (an attack on an attack on an attack)
    assert (titles["i6"], by_id["ca3"].title) in undercuts
    roles = {s.data["id"]: s.role for s in m.statements}
    # i5 attacks an attack (grants the objection, denies that it counts): an undercut, not a rebuttal
    assert roles["i4"] is Role.OBJECTION and roles["i5"] is Role.OBJECTION and roles["i6"] is Role.OBJECTION
    # ca5 has two sources (a linked attack): both support the kept conflict
    supporters = {r.source.title for r in m.relations if r.target == by_id["ca5"].ref}
    assert supporters == {titles["i7"], titles["i8"]}


def _argument_layer(doc: dict[str, Any]) -> tuple[Counter[str], int, list[tuple[str, frozenset[str]]]]:
    """Node counts by type, edge count and (RA text premise sets) of the argument layer."""
    keep = {"I", "RA", "CA", "MA"}
    types = {str(n["nodeID"]): n["type"] for n in doc["nodes"] if n["type"] in keep}
    text = {str(n["nodeID"]): n["text"] for n in doc["nodes"]}
    edges = [(str(e["fromID"]), str(e["toID"])) for e in doc["edges"]]
    edges = [(s, t) for s, t in edges if s in types and t in types]
    premise_sets = sorted(
        (types[ra], frozenset(text[s] for s, t in edges if t == ra and types[s] == "I"))
        for ra in types
        if types[ra] in ("RA", "MA")
    )
    return Counter(types.values()), len(edges), premise_sets


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_aif_round_trip_keeps_every_node_and_edge(path: Path) -> None:
    original = json.loads(path.read_text(encoding="utf-8"))
    m, _ = load_any(path)
    written = json.loads(dumps(m, "aif"))
    assert written["locutions"] == []
    assert _argument_layer(written) == _argument_layer(original)
    again, diagnostics = loads_aif(json.dumps(written))
    assert diagnostics == []
    assert again.statements == m.statements
    assert again.arguments == m.arguments
    assert Counter(again.relations) == Counter(m.relations)


def test_written_aif_keeps_original_ids() -> None:
    m, _ = load_any(DATA / "undercut.json")
    written = json.loads(dumps(m, "aif"))
    ids = {n["nodeID"] for n in written["nodes"]}
    assert {"i1", "i2", "ra1", "ca2", "ca3", "ca5"} <= ids
    assert len(ids) == len(written["nodes"])


def test_unknown_node_type_and_top_level_fields_are_named() -> None:
    text = json.dumps(
        {
            "nodes": [
                {"nodeID": "1", "text": "A", "type": "I"},
                {"nodeID": "2", "text": "?", "type": "XYZ"},
            ],
            "edges": [{"fromID": "2", "toID": "1"}],
            "OVA": {"firstname": "x"},
        }
    )
    m, diagnostics = loads_aif(text)
    assert len(m.statements) == 1
    messages = " | ".join(d.message for d in diagnostics)
    assert "'XYZ'" in messages and "1 edge" in messages and "OVA" in messages
    assert {d.code for d in diagnostics} == {"dropped-element"}
