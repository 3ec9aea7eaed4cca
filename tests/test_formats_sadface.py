"""SADFace JSON in: atoms, schemes, edges, resources and metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import load_any, loads_sadface
from argmap.model import NodeKind, RelationKind, Role

DATA = Path(__file__).parent / "data" / "formats" / "sadface"
FIXTURES = sorted(DATA.glob("*.json"))
IDS = [p.stem for p in FIXTURES]
CONFLICT_NAMES = {"attack", "conflict", "undercut", "rebut", "rebuttal", "undermine"}


def sadface_counts(doc: dict[str, Any]) -> dict[str, int]:
    schemes = [n for n in doc["nodes"] if n["type"] == "scheme"]
    conflicts = [n for n in schemes if n["name"].lower() in CONFLICT_NAMES]
    return {
        "atoms": sum(1 for n in doc["nodes"] if n["type"] == "atom"),
        "inferences": len(schemes) - len(conflicts),
        "conflicts": len(conflicts),
    }


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_every_atom_and_scheme_lands_in_the_model(path: Path) -> None:
    expected = sadface_counts(json.loads(path.read_text(encoding="utf-8")))
    m, diagnostics = load_any(path)
    assert [d.format() for d in diagnostics if d.is_error] == []
    assert len(m.statements) == expected["atoms"]
    assert sum(1 for _ in m.inferences) == expected["inferences"]
    plain = sum(1 for r in m.relations if r.kind.is_conflict and r.source.kind is NodeKind.STATEMENT)
    kept = sum(1 for a in m.arguments if a.data.get("aif") == "CA")
    assert plain + kept == expected["conflicts"]


def test_metadata_resources_and_quotes() -> None:
    m, diagnostics = load_any(DATA / "basic.json")
    assert m.title == "Homework in primary school"
    n2 = next(s for s in m.statements if s.data["id"] == "n2")
    (source,) = n2.data["sources"]
    assert source["resource_id"] == "r1" and source["offset"] == 48
    (note,) = diagnostics
    assert note.code == "reduced-element" and "1 resource" in note.message
    assert m.thesis is not None and m.thesis.data["id"] == "n1"


def test_named_scheme_linked_premises_undercut_and_attack_on_conflict() -> None:
    m, _ = load_any(DATA / "schemes.json")
    expert = next(inf for _, inf in m.inferences if inf.data["id"] == "x1")
    assert expert.is_linked and expert.scheme == "expert-opinion"
    assert expert.data["aif-scheme"] == "Argument from Expert Opinion"
    arg = {a.data.get("id") or a.inferences[0].data["id"]: a.ref for a in m.arguments}
    st = {s.data["id"]: s.ref for s in m.statements}
    undercuts = {(r.source, r.target) for r in m.relations if r.kind is RelationKind.UNDERCUT}
    assert (st["p3"], arg["x1"]) in undercuts
    assert (st["p5"], arg["x5"]) in undercuts  # x6 attacks the conflict x5
    assert next(s for s in m.statements if s.data["id"] == "p3").role is Role.OBJECTION
    rephrase = next(inf for _, inf in m.inferences if inf.data["id"] == "x4")
    assert rephrase.data["aif"] == "MA" and rephrase.scheme is None


def test_unknown_node_types_are_named() -> None:
    doc = {
        "nodes": [{"id": "a", "type": "atom", "text": "A."}, {"id": "b", "type": "comment", "text": "?"}],
        "edges": [],
    }
    m, diagnostics = loads_sadface(json.dumps(doc))
    assert len(m.statements) == 1
    (d,) = diagnostics
    assert d.code == "dropped-element" and "'comment'" in d.message
