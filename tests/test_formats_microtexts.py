"""Microtext ArgGraph XML in: linked premises (add), undercuts on later edges and
on undercuts, implicit EDUs and ADUs resting on two EDUs."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import load_any, loads_microtexts
from argmap.model import ArgumentMap, NodeKind, RelationKind, Role

DATA = Path(__file__).parent / "data" / "formats" / "microtexts"
FIXTURES = sorted(DATA.glob("*.xml"))
IDS = [p.stem for p in FIXTURES]


def xml_counts(path: Path) -> dict[str, Any]:
    """Counts read straight from the (trusted) fixture with the standard library."""
    root = ET.parse(path).getroot()
    edges = {e.get("id"): e for e in root.iter("edge")}
    types = [e.get("type") for e in edges.values()]
    segs: dict[str, list[str]] = {}
    for e in edges.values():
        if e.get("type") == "seg":
            segs.setdefault(str(e.get("trg")), []).append(str(e.get("src")))
    implicit = {e.get("id") for e in root.iter("edu") if e.get("implicit") == "true"}
    premises = {eid: 1 for eid, e in edges.items() if e.get("type") in ("sup", "exa", "reb", "und")}
    for e in edges.values():
        if e.get("type") == "add":
            premises[str(e.get("trg"))] += 1
    return {
        "adus": len(list(root.iter("adu"))),
        "inferences": types.count("sup") + types.count("exa"),
        "conflicts": types.count("reb") + types.count("und"),
        "assumptions": sum(1 for edus in segs.values() if implicit & set(edus)),
        "split": {adu for adu, edus in segs.items() if len(edus) > 1},
        "premises": premises,
    }


def premises_of(m: ArgumentMap, edge_id: str) -> int:
    for _, inf in m.inferences:
        if inf.data["id"] == edge_id:
            return len(inf.premises)
    arg = next((a for a in m.arguments if a.data.get("id") == edge_id), None)
    if arg is None:  # a plain conflict relation: one source (its premises are counted in conflicts())
        return 1
    return sum(1 for r in m.relations if r.target == arg.ref and r.kind is RelationKind.SUPPORT)


def conflicts(m: ArgumentMap) -> int:
    plain = sum(1 for r in m.relations if r.kind.is_conflict and r.source.kind is NodeKind.STATEMENT)
    return plain + sum(1 for a in m.arguments if a.data.get("aif") == "CA")


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_every_adu_and_edge_lands_in_the_model(path: Path) -> None:
    expected = xml_counts(path)
    m, diagnostics = load_any(path)
    assert [d.format() for d in diagnostics] == []
    assert len(m.statements) == expected["adus"]
    assert sum(1 for _ in m.inferences) == expected["inferences"]
    assert conflicts(m) == expected["conflicts"]
    assert len(m.by_role(Role.ASSUMPTION)) == expected["assumptions"]
    assert {s.data["id"] for s in m.statements if "segments" in s.data} == expected["split"]
    assert {e: premises_of(m, e) for e in expected["premises"]} == expected["premises"]


def test_linked_support_example_and_rebuttal() -> None:
    m, _ = load_any(DATA / "micro_linked.xml")
    roles = {s.data["id"]: s.role for s in m.statements}
    assert roles == {
        "a1": Role.THESIS,
        "a2": Role.CLAIM,
        "a3": Role.CLAIM,
        "a4": Role.EVIDENCE,
        "a5": Role.OBJECTION,
        "a6": Role.REBUTTAL,
    }
    linked = next(inf for _, inf in m.inferences if inf.data["id"] == "c7")
    assert linked.is_linked
    assert next(inf for _, inf in m.inferences if inf.data["id"] == "c9").scheme == "example"
    assert m.front["title"] == "micro_t001" and m.front["topic"] == "school_uniforms"


def test_undercut_aimed_at_a_later_edge_and_at_an_undercut() -> None:
    m, _ = load_any(DATA / "micro_undercut.xml")
    arg = {a.data.get("id") or a.inferences[0].data["id"]: a.ref for a in m.arguments}
    title = {s.data["id"]: s.ref for s in m.statements}
    undercuts = {(r.source, r.target) for r in m.relations if r.kind is RelationKind.UNDERCUT}
    assert (arg["c8"], arg["c11"]) in undercuts  # c8 aims at c11, defined after it
    assert (title["a4"], arg["c8"]) in undercuts  # c9 aims at the undercut c8
    assert (arg["c12"], arg["c10"]) in undercuts  # linked undercut (c13 adds a7) on a rebuttal
    roles = {s.data["id"]: s.role for s in m.statements}
    # an undercut is an undercut: the relation says so, the segment keeps the role of an objection
    # (a rebuttal is an attack on an objection itself); issue 11
    assert roles["a3"] is Role.OBJECTION and roles["a4"] is Role.OBJECTION
    assert roles["a5"] is Role.OBJECTION and roles["a6"] is roles["a7"] is Role.OBJECTION


def test_implicit_edu_and_two_edu_adu() -> None:
    m, _ = load_any(DATA / "micro_implicit.xml")
    by_id = {s.data["id"]: s for s in m.statements}
    assert by_id["a3"].role is Role.ASSUMPTION and by_id["a3"].data["implicit"] is True
    split = by_id["a2"]
    assert split.text == "because they make people ill, as doctors keep telling us."
    assert list(split.data["segments"]) == ["because they make people ill,", "as doctors keep telling us."]
    assert list(split.data["edus"]) == ["e2", "e3"]
    # the implicit premise is linked with the stated one
    (inf,) = [i for _, i in m.inferences if i.data["id"] == "c7"]
    assert set(inf.premises) == {split.title, by_id["a3"].title}


def test_dangling_references_are_named_not_lost() -> None:
    text = """<arggraph id="x">
      <edu id="e1">Claim.</edu><edu id="e2">Reason.</edu><edu id="e3">Stray.</edu>
      <adu id="a1" type="pro"/><adu id="a2" type="pro"/>
      <edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/>
      <edge id="c3" src="a2" trg="a1" type="sup"/>
      <edge id="c4" src="a2" trg="c99" type="und"/>
      <edge id="c5" src="a2" trg="a1" type="foo"/>
      <note>hi</note>
    </arggraph>"""
    m, diagnostics = loads_microtexts(text)
    assert len(m.statements) == 2
    messages = {d.code: d.message for d in diagnostics}
    joined = " | ".join(d.message for d in diagnostics)
    assert "c99" in joined and "e3" in joined and "c5 (foo)" in joined and "<note>" in joined
    assert set(messages) == {"dropped-element"}
    und = next(d for d in diagnostics if "c99" in d.message)
    assert und.line == 6


def test_missing_attributes_are_located_errors() -> None:
    text = '<arggraph id="x">\n<edu id="e1">A</edu>\n<edge id="c1" src="e1" type="seg"/>\n</arggraph>'
    _, diagnostics = loads_microtexts(text)
    (error,) = [d for d in diagnostics if d.is_error]
    assert error.code == "format-error" and error.line == 3 and "trg" in error.message
