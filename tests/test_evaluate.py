"""What still stands: the labelling, its reasons, its words."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.annotations import Annotations
from argmap.evaluate import Label, evaluate
from argmap.model import Argument, ArgumentMap, Inference, NodeRef, Relation, RelationKind, Role, Statement

IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDEC
NOTEBOOKS = Path(__file__).parent.parent / "notebooks"


def s(title: str, role: Role = Role.CLAIM) -> Statement:
    return Statement(title, f"{title} text.", role=role)


def arg(title: str, premises: tuple[str, ...], conclusion: str, *more: Inference) -> Argument:
    return Argument(title, inferences=(*more, Inference(premises, conclusion)))


def rel(kind: str, source: str, target: str) -> Relation:
    def ref(x: str) -> NodeRef:
        return NodeRef.argument(x[1:-1]) if x.startswith("<") else NodeRef.statement(x.strip("[]"))

    return Relation(RelationKind(kind), ref(source), ref(target))


def linked() -> ArgumentMap:
    """T <- <Arg>: P + A (linked)."""
    return ArgumentMap(
        statements=(s("T", Role.THESIS), s("P"), s("A", Role.ASSUMPTION)),
        arguments=(arg("Arg", ("P", "A"), "T"),),
    )


def convergent() -> ArgumentMap:
    """T <- <One>: P1 and T <- <Two>: P2."""
    return ArgumentMap(
        statements=(s("T", Role.THESIS), s("P1"), s("P2")),
        arguments=(arg("One", ("P1",), "T"), arg("Two", ("P2",), "T")),
    )


def codes(reasons: tuple[object, ...]) -> list[str]:
    return [r.code for r in reasons]  # type: ignore[attr-defined]


# -- linked and convergent support -----------------------------------------------------------------


def test_nothing_judged_everything_stands() -> None:
    ev = evaluate(linked())
    assert dict(ev.statements) == {"T": IN, "P": IN, "A": IN}
    assert ev.arguments == {"Arg": IN}
    assert codes(ev.reasons("T")) == ["supported"]
    assert codes(ev.reasons("P")) == ["given"]


def test_rejecting_a_linked_premise_takes_the_support_away() -> None:
    ev = evaluate(linked(), {"A": "reject"})
    assert ev.label("T") is OUT and ev.label("<Arg>") is OUT and ev.label("P") is IN
    (reason,) = ev.why_out("T")
    assert (reason.code, reason.via, reason.cause) == ("premise-rejected", "<Arg>", "[A]")
    assert ev.explain("T") == (
        "The thesis [T] falls: it loses the support of <Arg> because you rejected the assumption [A]."
    )


def test_convergent_support_survives_one_rejection() -> None:
    ev = evaluate(convergent(), {"P1": "reject"})
    assert ev.label("T") is IN
    assert ("supported", "<Two>") in [(r.code, r.via) for r in ev.reasons("T")]
    text = ev.explain("T")
    assert "<Two>" in text and "lost the support of <One>" in text and "[P1]" in text
    assert evaluate(convergent(), {"P1": "reject", "P2": "reject"}).label("T") is OUT


@pytest.mark.parametrize(
    ("judgements", "thesis", "code"),
    [
        ({"A": "doubt"}, UNDEC, "premise-doubted"),
        ({"<Arg>": "weak"}, UNDEC, "rated-weak"),
        ({"<Arg>": "none"}, OUT, "rated-none"),
        ({"<Arg>": "strong"}, IN, "supported"),
        ({"A": "shaky"}, UNDEC, "premise-doubted"),
        ({"A": "unfounded"}, OUT, "premise-rejected"),
        ({"[T]": "reject"}, OUT, "rejected"),
        ({"T": "doubt"}, UNDEC, "doubted"),
    ],
    ids=[
        "doubt-premise",
        "weak-step",
        "no-support",
        "strong-step",
        "shaky",
        "unfounded",
        "reject-thesis",
        "doubt",
    ],
)
def test_each_judgement_has_its_documented_effect(
    judgements: dict[str, str], thesis: Label, code: str
) -> None:
    ev = evaluate(linked(), judgements)
    assert ev.label("T") is thesis
    assert code in codes(ev.reasons("T"))


# -- attacks, undercuts, rebuttals -----------------------------------------------------------------


def undercut_map() -> ArgumentMap:
    return ArgumentMap(
        statements=(s("T", Role.THESIS), s("P"), s("U", Role.OBJECTION)),
        arguments=(arg("Arg", ("P",), "T"),),
        relations=(rel("undercut", "[U]", "<Arg>"),),
    )


@pytest.mark.parametrize(
    ("judgements", "thesis"),
    [({}, OUT), ({"U": "accept"}, OUT), ({"U": "reject"}, IN), ({"U": "doubt"}, UNDEC)],
    ids=["unjudged", "accepted", "rejected", "doubted"],
)
def test_an_undercut_that_stands_makes_the_step_fail(judgements: dict[str, str], thesis: Label) -> None:
    ev = evaluate(undercut_map(), judgements)
    assert ev.label("T") is thesis
    assert ev.label("P") is IN  # an undercut grants the premises
    if thesis is OUT:
        (reason,) = ev.why_out("T")
        assert (reason.code, reason.cause) == ("undercuts", "[U]")
        assert "the objection [U] undercuts it" in ev.explain("T")


def rebuttal_map() -> ArgumentMap:
    return ArgumentMap(
        statements=(s("T", Role.THESIS), s("O", Role.OBJECTION), s("R", Role.REBUTTAL)),
        relations=(rel("attack", "[O]", "[T]"), rel("attack", "[R]", "[O]")),
    )


def test_a_rebuttal_reinstates_what_the_objection_attacked() -> None:
    ev = evaluate(rebuttal_map())
    assert (ev.label("R"), ev.label("O"), ev.label("T")) == (IN, OUT, IN)
    assert "The attack by the objection [O] fails." in ev.explain("T")
    ev = evaluate(rebuttal_map(), {"R": "reject"})
    assert (ev.label("O"), ev.label("T")) == (IN, OUT)
    assert ev.explain("T") == "The thesis [T] falls: the objection [O] attacks it and stands."


def test_an_accepted_statement_stays_in_and_the_tension_is_shown() -> None:
    ev = evaluate(rebuttal_map(), {"R": "reject", "T": "accept"})
    assert ev.label("T") is IN
    (t,) = ev.tensions
    assert (t.code, t.node, t.others) == ("accepted-but-attacked", "[T]", ("[O]",))
    assert "[O] attacks it and stands" in ev.explain("T")
    assert "pulls against" in ev.summary()


def test_rejecting_what_an_applying_step_supports_is_a_tension() -> None:
    ev = evaluate(linked(), {"T": "reject"})
    assert ev.label("T") is OUT
    assert [(t.code, t.others) for t in ev.tensions] == [("rejected-but-supported", ("<Arg>",))]
    ev = evaluate(linked(), {"T": "accept", "P": "reject"})
    assert [t.code for t in ev.tensions] == ["accepted-but-unsupported"]


def test_contrary_statements_attack_each_other() -> None:
    m = ArgumentMap(statements=(s("A"), s("B")), relations=(rel("contrary", "[A]", "[B]"),))
    assert (evaluate(m).label("A"), evaluate(m).label("B")) == (UNDEC, UNDEC)
    ev = evaluate(m, {"A": "accept"})
    assert (ev.label("A"), ev.label("B")) == (IN, OUT)


# -- arguments without premise–conclusion structure, support links ---------------------------------


def test_arguments_without_pcs_support_through_their_relation() -> None:
    m = ArgumentMap(
        statements=(s("T", Role.THESIS), s("O", Role.OBJECTION)),
        arguments=(Argument("Plain", "A reason."),),
        relations=(rel("support", "<Plain>", "[T]"), rel("attack", "[O]", "<Plain>")),
    )
    ev = evaluate(m, {"O": "reject"})
    assert ev.label("T") is IN and ev.label("<Plain>") is IN
    ev = evaluate(m)
    assert ev.label("<Plain>") is OUT and ev.label("T") is OUT
    assert [(r.code, r.via, r.cause) for r in ev.why_out("T")] == [("attacks", "<Plain> +> [T]", "[O]")]
    assert (
        ev.explain("T")
        == "The thesis [T] falls: it loses the support of <Plain> because the objection [O] attacks it."
    )
    assert evaluate(m, {"<Plain>": "none", "O": "reject"}).label("T") is OUT


def test_an_argument_whose_conclusion_is_the_target_is_not_counted_twice() -> None:
    m = linked().replace(relations=(rel("support", "<Arg>", "[T]"),))
    ev = evaluate(m, {"A": "reject"})
    assert ev.label("T") is OUT
    assert len(ev.why_out("T")) == 1


def test_support_between_statements_is_a_one_premise_step() -> None:
    m = ArgumentMap(statements=(s("C"), s("E", Role.EVIDENCE)), relations=(rel("support", "[E]", "[C]"),))
    assert evaluate(m).label("C") is IN
    ev = evaluate(m, {"E": "reject"})
    assert ev.label("C") is OUT
    assert ev.explain("C") == "[C] falls: it loses the support of [E] because you rejected the evidence [E]."
    ev = evaluate(m, {"[E] +> [C]": "none"})
    assert ev.label("C") is OUT and ev.label("[E] +> [C]") is OUT


def test_multi_step_arguments_chain_through_intermediate_conclusions() -> None:
    m = ArgumentMap(
        statements=(s("T", Role.THESIS), s("P1"), s("P2"), s("C1"), s("P3")),
        arguments=(arg("Chain", ("C1", "P3"), "T", Inference(("P1", "P2"), "C1")),),
    )
    assert evaluate(m).label("T") is IN
    ev = evaluate(m, {"<Chain>#1": "none"})
    assert (ev.label("C1"), ev.label("T")) == (OUT, OUT)
    assert "step 1 of <Chain>" in ev.explain("C1")
    assert "[C1] falls" in ev.explain("T")
    # the last step can be judged by <Chain> or by <Chain>#2; the step's own key wins
    assert evaluate(m, {"<Chain>": "none"}).label("T") is OUT
    assert evaluate(m, {"<Chain>": "none", "<Chain>#2": "strong"}).label("T") is IN


# -- cycles ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "relations",
    [
        [("attack", "[A]", "[B]"), ("attack", "[B]", "[A]")],
        [("support", "[A]", "[B]"), ("support", "[B]", "[A]")],
        [("attack", "[A]", "[A]"), ("support", "[A]", "[B]")],
        [("attack", "[A]", "[B]"), ("attack", "[B]", "[C]"), ("attack", "[C]", "[A]")],
    ],
    ids=["mutual-attack", "circular-support", "self-attack", "odd-attack-cycle"],
)
def test_cycles_terminate_and_stay_open(relations: list[tuple[str, str, str]]) -> None:
    m = ArgumentMap(statements=(s("A"), s("B"), s("C")), relations=tuple(rel(*r) for r in relations))
    ev = evaluate(m)
    assert ev.label("A") is UNDEC and ev.label("B") is UNDEC
    assert "cycle" in codes(ev.why_open("A"))
    assert "circle" in ev.explain("A")


def test_an_even_attack_cycle_is_settled_by_one_judgement() -> None:
    m = ArgumentMap(
        statements=(s("A"), s("B")), relations=(rel("attack", "[A]", "[B]"), rel("attack", "[B]", "[A]"))
    )
    ev = evaluate(m, {"A": "accept"})
    assert (ev.label("A"), ev.label("B")) == (IN, OUT)


def test_long_chains_and_rings_need_no_recursion() -> None:
    n = 5000
    chain = ArgumentMap(
        statements=tuple(s(f"S{i}") for i in range(n)),
        relations=tuple(rel("support", f"[S{i + 1}]", f"[S{i}]") for i in range(n - 1)),
    )
    ev = evaluate(chain, {f"S{n - 1}": "reject"})
    assert ev.label("S0") is OUT
    assert "[S1] falls" in ev.explain("S0")
    ring = chain.replace(relations=(*chain.relations, rel("support", "[S0]", f"[S{n - 1}]")))
    ev = evaluate(ring)
    assert ev.label("S0") is UNDEC
    assert len(ev.why_open("S0")[0].others) == n - 1


# -- the learner's annotations ---------------------------------------------------------------------


def test_annotations_and_added_nodes_take_part() -> None:
    m = linked()
    ann = Annotations.new("Ana", m).with_added("assumption", "<Arg>", "Premises like P are reliable.")
    assert evaluate(m, ann).label("T") is IN
    ev = evaluate(m, ann.with_judgement("added-1", "reject"))
    assert ev.label("T") is OUT
    assert "you rejected your assumption “Premises like P are reliable.”" in ev.explain("T")
    ann = ann.with_added("objection", "[P]", "P is out of date.")
    ev = evaluate(m, ann)
    assert (ev.label("P"), ev.label("T"), ev.added["added-2"]) == (OUT, OUT, IN)
    ann = ann.with_added("rebuttal", "added-2", "It was updated in 2024.")
    assert evaluate(m, ann).label("T") is IN
    ann = ann.with_judgement("[P]", "reject").with_added("evidence", "[T]", "A report.", quote="q")
    ev = evaluate(m, ann)
    assert ev.label("T") is IN
    assert "your evidence “A report.”" in ev.explain("T")


def test_stale_annotations_are_left_out_but_bad_mappings_raise() -> None:
    ann = Annotations.new().with_judgement("[Gone]", "reject").with_added("objection", "[Also gone]", "x")
    ev = evaluate(linked(), ann)
    assert set(ev.unused) == {"[Gone]", "added-1"}
    with pytest.raises(ValueError, match=r"name nothing in the map: \[Gone\]"):
        evaluate(linked(), {"Gone": "reject"})
    with pytest.raises(ValueError, match="use one of: accept, doubt, reject"):
        evaluate(linked(), {"A": "strong"})


def test_summary_counts_and_names_the_thesis() -> None:
    ev = evaluate(linked(), {"A": "reject"})
    assert ev.counts() == {IN: 1, OUT: 2, UNDEC: 0}
    assert ev.summary().splitlines()[:2] == [
        "Of 3 statements, 1 stand, 2 fall and 0 are open.",
        "The thesis [T] falls: it loses the support of <Arg> because you rejected the assumption [A].",
    ]


# -- the case study, through the parser ------------------------------------------------------------


@pytest.fixture(scope="module")
def case_study() -> ArgumentMap:
    core = pytest.importorskip("argmap.core")
    path = NOTEBOOKS / "russia-iran.argdown"
    if not path.exists():
        pytest.skip("the case-study map is not there")
    return core.load(path)  # type: ignore[no-any-return]


def test_case_study_as_written(case_study: ArgumentMap) -> None:
    ev = evaluate(case_study)
    assert ev.label("Convenience") is IN
    assert ev.label("<Energy rivals>") is OUT  # undercut by [Allies compete too], which nobody answers
    assert ev.label("Need can grow into trust") is OUT  # rebutted by [Left exposed in 2024]
    assert ev.label("Either-or") is IN


@pytest.mark.parametrize(
    ("judgements", "thesis", "mentions"),
    [
        ({"Either-or": "reject"}, IN, ["<Driven by need>", "you rejected the assumption [Either-or]"]),
        (
            {"Left exposed in 2024": "reject"},
            IN,
            ["<Driven by need>", "[Either-or] falls, attacked by the objection [Need can grow into trust]"],
        ),
        (
            {
                "Either-or": "reject",
                "Deeds show motives": "reject",
                "Enemy-made unity": "doubt",
                "Past shapes present": "reject",
                "Pattern holds": "reject",
            },
            UNDEC,
            ["<Common enemy>", "you doubt the assumption [Enemy-made unity]", "lost the support of <Syria>"],
        ),
        (
            {
                "Either-or": "reject",
                "Deeds show motives": "reject",
                "Enemy-made unity": "reject",
                "Past shapes present": "reject",
                "Pattern holds": "reject",
            },
            OUT,
            ["<Old mistrust>", "[Past shapes present]", "<Fragile future>"],
        ),
    ],
    ids=["reject-either-or", "reject-rebuttal", "doubt-common-enemy", "reject-all-assumptions"],
)
def test_case_study_what_still_stands(
    case_study: ArgumentMap, judgements: dict[str, str], thesis: Label, mentions: list[str]
) -> None:
    ev = evaluate(case_study, judgements)
    assert ev.label("Convenience") is thesis
    text = ev.explain("Convenience")
    for words in mentions:
        assert words in text, text


def test_case_study_rejecting_the_rebuttal_turns_the_objection_on_the_assumption() -> None:
    core = pytest.importorskip("argmap.core")
    m = core.loads(
        "[Either-or]: Need or conviction. #assumption\n"
        "  - [Need can grow into trust]: It can grow. #objection\n"
        "    - [Left exposed in 2024]: It did not. #rebuttal\n"
        "\n"
        "<Driven by need>\n\n(1) [Forced together]: Sanctions.\n(2) [Either-or]\n----\n"
        "(3) [Convenience]: C. #thesis\n"
    )
    ev = evaluate(m, {"Left exposed in 2024": "reject"})
    assert ev.label("Either-or") is OUT and ev.label("Convenience") is OUT
    assert ev.explain("Convenience") == (
        "The thesis [Convenience] falls: it loses the support of <Driven by need> because "
        "the assumption [Either-or] falls, attacked by the objection [Need can grow into trust]."
    )
    assert ev.explain("Either-or") == (
        "The assumption [Either-or] falls: the objection [Need can grow into trust] attacks it and stands."
    )
