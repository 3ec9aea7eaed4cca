"""What a picture shows, asserted on the scene (not on DOT text): focus, folding,
repeated premises, junctions and frames, orientation, and the key's rows."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.draw.graph import node_refs, resolve, visible_refs
from argmap.draw.scene import FOLD_ABOVE, build_scene
from argmap.errors import FocusError
from argmap.model import ArgumentMap, NodeRef

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "notebooks" / "russia-iran.argdown"

SMALL = """\
[T]: The thesis. #thesis
  + [R1]: A first reason.
    + [E1]: Evidence one. #evidence
    + [E2]: Evidence two. #evidence
    - [O1]: An objection to the first reason. #objection
      - [A1]: An answer to that objection. #rebuttal
  + [R2]: A second reason.
    + [R3]: A reason for the second.
      + [R4]: A reason for that.

<Linked>: two premises that work only together

(1) [P1]: First co-premise.
(2) [S]: A premise shared by two lines. #assumption
----
(3) [T]

<Also>: another line

(1) [P2]: Another premise.
(2) [S]
----
(3) [T]

<Plain>

(1) [P3]: One premise, no scheme.
----
(2) [T]
"""


@pytest.fixture(scope="module")
def small() -> ArgumentMap:
    return argmap.loads(SMALL)


def titles(scene) -> set[str]:  # type: ignore[no-untyped-def]
    return {n.ref.title for n in scene.nodes}


@pytest.mark.parametrize("spelling", ["R1", "[R1]", " [R1] "], ids=["bare", "brackets", "spaces"])
def test_focus_accepts_titles_as_the_kit_writes_them(small: ArgumentMap, spelling: str) -> None:
    assert resolve(small, spelling) == NodeRef.statement("R1")
    assert resolve(small, "<Linked>") == NodeRef.argument("Linked")


def test_unknown_focus_names_the_closest_titles(small: ArgumentMap) -> None:
    with pytest.raises(FocusError, match=r"nothing in the map is titled 'R11'; did you mean \[R1\]"):
        resolve(small, "R11")
    with pytest.raises(FocusError, match="did you mean <Linked>"):
        resolve(small, "<Linkd>")
    with pytest.raises(FocusError):
        resolve(small, "[Linked]")  # an argument, asked for as a statement


def test_focus_follows_the_argument_downward_and_keeps_answers(small: ArgumentMap) -> None:
    scene = build_scene(small, focus="[R1]", depth=1)
    shown = titles(scene)
    # under R1: its evidence and its objection; the objection's answer comes along
    # although it is two steps down; above R1 only what it supports, for context
    assert {"R1", "E1", "E2", "O1", "A1", "T"} <= shown
    assert not shown & {"R2", "R3", "P1", "Linked"}
    # the context node says what this view leaves out
    t = next(n for n in scene.nodes if n.ref.title == "T")
    assert t.more >= 4


def test_focus_depth_cuts_and_says_so(small: ArgumentMap) -> None:
    scene = build_scene(small, focus="[R2]", depth=1)
    assert "R3" in titles(scene) and "R4" not in titles(scene)
    r3 = next(n for n in scene.nodes if n.ref.title == "R3")
    assert r3.more == 1  # "+1 more under it, not in this view"
    assert visible_refs(small, focus="R2") >= {NodeRef.statement("R4")}  # no depth: all of it


def test_evidence_folds_into_its_claim_only_when_asked_or_big(small: ArgumentMap) -> None:
    assert build_scene(small).folded == 0  # a small map shows every piece
    scene = build_scene(small, detail="compact")
    r1 = next(n for n in scene.nodes if n.ref.title == "R1")
    assert [s.title for s in r1.folded] == ["E1", "E2"] and scene.folded == 2
    assert "E1" not in titles(scene)
    case = argmap.load(CASE)
    assert len(case.statements) > FOLD_ABOVE
    assert build_scene(case).folded > 10 and build_scene(case, detail="full").folded == 0


def test_a_shared_premise_is_drawn_in_each_line(small: ArgumentMap) -> None:
    scene = build_scene(small)
    copies = [n for n in scene.nodes if n.ref == NodeRef.statement("S")]
    assert len(copies) == 2 and {n.shared_by for n in copies} == {2}
    names = {n.name for n in copies}
    refs = node_refs(small)
    assert all(refs[name] == NodeRef.statement("S") for name in names)  # the widget maps copies back


def test_junctions_frames_and_plain_edges(small: ArgumentMap) -> None:
    scene = build_scene(small)
    kinds = {n.ref.title: n.kind for n in scene.nodes if n.ref.kind.value == "argument"}
    assert kinds == {"Linked": "junction", "Also": "junction"}  # <Plain> is an edge
    plain = [e for e in scene.edges if e.word == "because"]
    p3 = next(n.name for n in scene.nodes if n.ref.title == "P3")
    t = next(n.name for n in scene.nodes if n.ref.title == "T")
    assert any(e.src == p3 and e.dst == t for e in plain)
    # linked co-premises sit in one frame with their junction
    frame = next(
        g for g in scene.groups if any(n.ref.title == "Linked" and n.name in g.members for n in scene.nodes)
    )
    framed = {n.ref.title for n in scene.nodes if n.name in frame.members}
    assert framed == {"Linked", "P1", "S"}


def test_wide_maps_turn_on_their_side_and_narrow_ones_stay_upright(small: ArgumentMap) -> None:
    assert build_scene(argmap.loads("[T]: t #thesis\n  + [R]: r\n")).rankdir == "BT"
    assert build_scene(argmap.load(CASE)).rankdir == "RL"
    assert build_scene(argmap.load(CASE), rankdir="TB").rankdir == "TB"


def test_a_learners_own_node_reads_by_its_words_not_its_id(small: ArgumentMap) -> None:
    from argmap.annotations import Annotations
    from argmap.draw.dot import to_dot
    from argmap.judge.overlay import learner_map

    ann = Annotations.new("Ana", small).with_added("objection", "[R2]", "Reasons can be wrong too.")
    dot = to_dot(learner_map(small, ann))
    line = next(x for x in dot.splitlines() if "Reasons can be wrong too." in x)
    assert "OBJECTION (yours)" in line and "added-1" not in line.split("label=", 1)[1]


def test_sections_are_grey_groups_as_argdown_draws_them() -> None:
    from argmap.draw.dot import scene_dot

    text = "# Pro\n\n[T]: t #thesis\n  + [R]: r\n\n# Contra\n\n[U]: u #thesis\n  - [O]: o\n"
    m = argmap.loads(text)
    scene = build_scene(m)
    assert scene.sections == ("Pro", "Contra")
    dot = scene_dot(scene)
    assert dot.count('class="argmap-section"') == 2 and "<B>Pro</B>" in dot and "<B>Contra</B>" in dot
    assert 'class="argmap-section"' not in scene_dot(scene, sections=False)


def test_rival_positions_in_a_plain_argdown_map_stay_positions() -> None:
    """Argdown has no roles: a debate where positions attack each other is drawn as it
    is, every position a claim and every attack an attack, none recast as a rebuttal."""
    m = argmap.loads("[A]: Ban cars.\n  - [B]: Shops need them.\n    - [C]: They sell online now.\n")
    assert {s.role.value for s in m.statements} == {"claim"}
    assert {e.kind.value for e in build_scene(m).edges} == {"attack"}
    kit = argmap.loads(
        "[A]: Ban cars. #thesis\n  - [B]: Shops need them.\n    - [C]: They sell online now.\n"
    )
    assert {e.kind.value for e in build_scene(kit).edges} == {"attack", "rebuttal"}
