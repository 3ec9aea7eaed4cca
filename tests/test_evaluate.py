"""What still stands: the labelling, its reasons, its words."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.annotations import Annotations
from argmap.judge.evaluate import Label, evaluate
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


def given(m: ArgumentMap, **judgements: str) -> dict[str, str]:
    """A learner who accepts every premise nobody argues for (objections and rebuttals
    excepted), plus ``judgements``."""
    argued = {r.target.title for r in m.relations if r.kind is RelationKind.SUPPORT}
    argued |= {i.conclusion for a in m.arguments for i in a.inferences}
    roles = {x.title: x.role for x in m.statements}
    # the premises of an objection written as an argument are the critique's, not the author's
    critique = {
        p
        for a in m.arguments
        for i in a.inferences
        if roles.get(i.conclusion) is Role.OBJECTION
        for p in i.premises
    }
    out = {
        x.title: "accept"
        for x in m.statements
        if x.title not in argued | critique and x.role not in (Role.OBJECTION, Role.REBUTTAL)
    }
    out.update({k.replace("_", " "): v for k, v in judgements.items()})
    return out


# -- nothing judged: open, not standing ------------------------------------------------------------


def test_nothing_judged_is_open_not_standing() -> None:
    ev = evaluate(linked())
    assert dict(ev.statements) == {"T": UNDEC, "P": UNDEC, "A": UNDEC}
    assert ev.arguments == {"Arg": UNDEC}
    assert codes(ev.reasons("P")) == ["not-judged"]
    assert codes(ev.reasons("T")) == ["premise-open", "premise-open"]
    assert ev.explain("T").startswith("The thesis [T] is open: you have not judged anything yet")
    assert "lean to open" in ev.summary() and "verdict: not given yet" in ev.summary()


def test_unjudged_objections_and_rebuttals_do_not_count() -> None:
    """With no judgements the key's objections neither sink lines nor win by default."""
    ev = evaluate(rebuttal_map())
    assert (ev.label("R"), ev.label("O"), ev.label("T")) == (UNDEC, UNDEC, UNDEC)
    ev = evaluate(undercut_map(), {"P": "accept"})
    assert ev.label("<Arg>") is IN and ev.label("T") is IN and ev.label("U") is UNDEC


# -- linked and convergent support -----------------------------------------------------------------


def test_accepting_the_premises_makes_the_conclusion_stand() -> None:
    ev = evaluate(linked(), given(linked()))
    assert dict(ev.statements) == {"T": IN, "P": IN, "A": IN}
    assert codes(ev.reasons("T")) == ["supported"]
    assert codes(ev.reasons("P")) == ["accepted"]


def test_rejecting_a_linked_premise_takes_the_support_away() -> None:
    ev = evaluate(linked(), given(linked(), A="reject"))
    assert ev.label("T") is OUT and ev.label("<Arg>") is OUT and ev.label("P") is IN
    (reason,) = ev.why_out("T")
    assert (reason.code, reason.via, reason.cause) == ("premise-rejected", "<Arg>", "[A]")
    assert ev.explain("T") == (
        "The thesis [T] is unsupported (it falls): it loses the support of <Arg> because "
        "you rejected the assumption [A]."
    )


def test_convergent_support_survives_one_rejection() -> None:
    ev = evaluate(convergent(), given(convergent(), P1="reject"))
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
    ev = evaluate(linked(), {**given(linked()), **judgements})
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
    [
        ({}, IN),
        ({"U": "accept"}, OUT),
        ({"U": "reject"}, IN),
        ({"U": "doubt"}, IN),
        ({"U": "accept", "strength": "weak"}, UNDEC),
        ({"U": "accept", "strength": "none"}, IN),
    ],
    ids=["unjudged", "accepted", "rejected", "doubted", "accepted-weak", "accepted-no-weight"],
)
def test_an_undercut_counts_as_far_as_it_is_accepted(judgements: dict[str, str], thesis: Label) -> None:
    strength = judgements.pop("strength", None)
    ev = evaluate(
        undercut_map(), {"P": "accept", **judgements}, strengths={"U": strength} if strength else None
    )
    assert ev.label("T") is thesis
    assert ev.label("P") is IN  # an undercut grants the premises
    if thesis is OUT:
        (reason,) = ev.why_out("T")
        assert (reason.code, reason.cause) == ("undercuts", "[U]")
        assert "the objection [U] undercuts it" in ev.explain("T")
    if thesis is UNDEC:
        assert "undercut-weak" in codes(ev.reasons("T"))


def rebuttal_map() -> ArgumentMap:
    return ArgumentMap(
        statements=(s("T", Role.THESIS), s("O", Role.OBJECTION), s("R", Role.REBUTTAL)),
        relations=(rel("attack", "[O]", "[T]"), rel("attack", "[R]", "[O]")),
    )


def test_a_rebuttal_counts_only_when_accepted() -> None:
    ev = evaluate(rebuttal_map(), {"R": "accept"})
    assert (ev.label("R"), ev.label("O"), ev.label("T")) == (IN, OUT, UNDEC)
    assert "attack-fails" in codes(ev.reasons("T"))
    ev = evaluate(rebuttal_map(), {"R": "reject"})  # the objection is not thereby accepted
    assert (ev.label("O"), ev.label("T")) == (UNDEC, UNDEC)
    ev = evaluate(rebuttal_map(), {"R": "reject", "O": "accept"})
    assert (ev.label("O"), ev.label("T")) == (IN, OUT)
    assert ev.explain("T") == "The thesis [T] is refuted (it falls): the objection [O] attacks it and stands."


def test_an_accepted_statement_stays_in_and_the_tension_is_shown() -> None:
    ev = evaluate(rebuttal_map(), {"O": "accept", "T": "accept"})
    assert ev.label("T") is IN
    (t,) = ev.tensions
    assert (t.code, t.node, t.others) == ("accepted-but-attacked", "[T]", ("[O]",))
    assert "[O] attacks it and stands" in ev.explain("T")
    assert "pulls against" in ev.summary()


def test_rejecting_what_an_applying_step_supports_is_a_tension() -> None:
    ev = evaluate(linked(), given(linked(), T="reject"))
    assert ev.label("T") is OUT
    assert [(t.code, t.others) for t in ev.tensions] == [("rejected-but-supported", ("<Arg>",))]
    ev = evaluate(linked(), {"T": "accept", "P": "reject"})
    assert [t.code for t in ev.tensions] == ["accepted-but-unsupported"]


# -- weighing: a rejected rebuttal, many lines, one objection -------------------------------------


def many_lines() -> ArgumentMap:
    """T with three convergent lines; an objection O to T, rebutted by R."""
    return ArgumentMap(
        statements=(
            s("T", Role.THESIS),
            *(s(f"P{k}") for k in (1, 2, 3)),
            s("O", Role.OBJECTION),
            s("R", Role.REBUTTAL),
        ),
        arguments=tuple(arg(f"L{k}", (f"P{k}",), "T") for k in (1, 2, 3)),
        relations=(rel("attack", "[O]", "[T]"), rel("attack", "[R]", "[O]")),
    )


def test_a_rejected_rebuttal_does_not_sink_a_thesis_whose_lines_stand() -> None:
    m = many_lines()
    ev = evaluate(m, given(m, R="reject"))
    assert ev.label("T") is IN  # the objection was never accepted: it does not count
    ev = evaluate(m, given(m, R="reject", O="accept"))
    assert ev.label("T") is UNDEC  # contested, not fallen: three lines still stand
    (reason, *rest) = ev.reasons("T")
    assert (reason.code, reason.others) == ("contested", ("[O]",))
    assert [r.via for r in rest] == ["<L1>", "<L2>", "<L3>"]
    text = ev.explain("T")
    assert text.startswith("The thesis [T] is contested: <L1>, <L2> and <L3> stand for it")
    assert "one objection does not settle it" in text
    w = ev.weigh()
    assert [x.label for x in w.supports] == [IN, IN, IN]
    assert [(x.key, x.label) for x in w.objections] == [("[O]", IN)]
    assert w.lean == "contested" and w.verdict is None


def test_a_weighed_verdict_names_the_judgements_it_rests_on() -> None:
    m = many_lines()
    judged = given(m, R="reject", O="accept", P3="reject", **{"<L1>": "strong", "<L2>": "weak"})
    ev = evaluate(
        m,
        judged,
        strengths={"O": "strong"},
        verdicts={"T": ("supported", "two independent lines outweigh one objection about timing")},
    )
    assert ev.label("T") is IN
    w = ev.weigh("T")
    assert w.lean == "supported"  # strong + weak (3) against strong (2)
    assert w.verdict is not None and w.verdict.value == "supported"
    text = w.explain()
    for words in (
        "<L1> stands (you rate it strong)",
        "<L2> stands (you rate it weak)",
        "<L3> falls (you rejected [P3])",
        "the objection [O] stands (you rate it strong)",
        "the rebuttal [R]" not in text and "Against it:",
        "Your verdict: supported, because “two independent lines outweigh one objection about timing”.",
    ):
        assert words is True or words in text, text
    assert "differs" not in text
    assert ev.explain("T").startswith("Your verdict on the thesis [T]: supported, because")
    # a verdict against the balance is the learner's call, but the kit says so
    ev = evaluate(m, judged, strengths={"O": "strong"}, verdicts={"T": ("refuted", "the timing objection")})
    assert (
        ev.label("T") is OUT and "differs from where your judgements lean (supported)" in ev.weigh().explain()
    )
    # a verdict with nothing under it is a tension
    ev = evaluate(m, {"T": "x"} if False else {}, verdicts={"T": "supported"})
    assert [t.code for t in ev.tensions] == ["verdict-without-support"]


@pytest.mark.parametrize(
    ("pro", "con", "lean"),
    [
        ({"<L1>": "strong"}, {}, "supported"),
        ({"<L1>": "weak"}, {"O": "strong"}, "refuted"),
        ({"<L1>": "strong"}, {"O": "strong"}, "contested"),
        ({"<L1>": "strong"}, {"O": "none"}, "supported"),
        ({"<L1>": "none", "<L2>": "none"}, {"O": "weak"}, "refuted"),
    ],
    ids=["no-objection", "outweighed", "balanced", "objection-no-weight", "no-line-stands"],
)
def test_the_lean_follows_the_learners_ratings(pro: dict[str, str], con: dict[str, str], lean: str) -> None:
    m = many_lines()
    judged = given(m, P2="reject", P3="reject", O="accept" if con else "reject", **pro)
    w = evaluate(m, judged, strengths=con or None).weigh()
    assert w.lean == lean


def test_bad_strengths_and_verdicts_are_refused() -> None:
    with pytest.raises(ValueError, match="use one of: strong, weak, none"):
        evaluate(linked(), strengths={"A": "huge"})
    with pytest.raises(ValueError, match="use one of: supported, contested, refuted, open"):
        evaluate(linked(), verdicts={"T": "proven"})
    with pytest.raises(ValueError, match="name nothing"):
        evaluate(linked(), verdicts={"Gone": "open"})


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
    ev = evaluate(m, {"O": "reject", "<Plain>": "strong"})
    assert ev.label("T") is IN and ev.label("<Plain>") is IN
    assert evaluate(m, {"O": "reject"}).label("T") is UNDEC  # not rated: open
    assert "not-rated" in codes(evaluate(m, {"O": "reject"}).reasons("T"))
    ev = evaluate(m, {"O": "accept", "<Plain>": "strong"})
    assert ev.label("<Plain>") is OUT and ev.label("T") is OUT
    assert [(r.code, r.via, r.cause) for r in ev.why_out("T")] == [("attacks", "<Plain> +> [T]", "[O]")]
    assert (
        ev.explain("T")
        == "The thesis [T] is unsupported (it falls): it loses the support of <Plain> because "
        "the objection [O] attacks it."
    )
    assert evaluate(m, {"<Plain>": "none", "O": "reject"}).label("T") is OUT


def test_an_argument_whose_conclusion_is_the_target_is_not_counted_twice() -> None:
    m = linked().replace(relations=(rel("support", "<Arg>", "[T]"),))
    ev = evaluate(m, {"A": "reject"})
    assert ev.label("T") is OUT
    assert len(ev.why_out("T")) == 1


def test_support_between_statements_is_a_one_premise_step() -> None:
    m = ArgumentMap(statements=(s("C"), s("E", Role.EVIDENCE)), relations=(rel("support", "[E]", "[C]"),))
    assert evaluate(m).label("C") is UNDEC
    assert evaluate(m, {"E": "accept"}).label("C") is IN
    ev = evaluate(m, {"E": "reject"})
    assert ev.label("C") is OUT
    assert (
        ev.explain("C")
        == "[C] is unsupported (it falls): it loses the support of [E] because you rejected the evidence [E]."
    )
    ev = evaluate(m, {"[E] +> [C]": "none", "E": "accept"})
    assert ev.label("C") is OUT and ev.label("[E] +> [C]") is OUT


def test_multi_step_arguments_chain_through_intermediate_conclusions() -> None:
    m = ArgumentMap(
        statements=(s("T", Role.THESIS), s("P1"), s("P2"), s("C1"), s("P3")),
        arguments=(arg("Chain", ("C1", "P3"), "T", Inference(("P1", "P2"), "C1")),),
    )
    assert evaluate(m, given(m)).label("T") is IN
    ev = evaluate(m, given(m, **{"<Chain>#1": "none"}))
    assert (ev.label("C1"), ev.label("T")) == (OUT, OUT)
    assert "step 1 of <Chain>" in ev.explain("C1")
    assert "[C1] falls" in ev.explain("T")
    # the last step can be judged by <Chain> or by <Chain>#2; the step's own key wins
    assert evaluate(m, given(m, **{"<Chain>": "none"})).label("T") is OUT
    assert evaluate(m, given(m, **{"<Chain>": "none", "<Chain>#2": "strong"})).label("T") is IN


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
    ann = ann.with_judgement("[P]", "accept").with_judgement("[A]", "accept")
    assert evaluate(m, ann).label("T") is IN  # what the learner adds, they assert
    ev = evaluate(m, ann.with_judgement("added-1", "reject"))
    assert ev.label("T") is OUT
    assert "you rejected your assumption “Premises like P are reliable.”" in ev.explain("T")
    ann = ann.with_added("objection", "[P]", "P is out of date.").with_judgement("[P]", None)
    ev = evaluate(m, ann)
    assert (ev.label("P"), ev.label("T"), ev.added["added-2"]) == (OUT, OUT, IN)
    ann = ann.with_added("rebuttal", "added-2", "It was updated in 2024.")
    assert evaluate(m, ann).label("T") is UNDEC  # answered, so [P] is open again: not judged
    assert evaluate(m, ann.with_judgement("[P]", "accept")).label("T") is IN
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
    ev = evaluate(linked(), {"A": "reject", "P": "accept"})
    assert ev.counts() == {IN: 1, OUT: 2, UNDEC: 0}
    assert ev.summary().splitlines()[:2] == [
        "Of 3 statements, 1 stands, 2 fall and 0 are open.",
        "The thesis [T] is unsupported (it falls): it loses the support of <Arg> because "
        "you rejected the assumption [A].",
    ]


# -- the case study, through the parser ------------------------------------------------------------


@pytest.fixture(scope="module")
def case_study() -> ArgumentMap:
    core = pytest.importorskip("argmap.checking.load")
    path = NOTEBOOKS / "russia-iran.argdown"
    if not path.exists():
        pytest.skip("the case-study map is not there")
    return core.load(path)  # type: ignore[no-any-return]


def test_case_study_with_nothing_judged_is_open(case_study: ArgumentMap) -> None:
    ev = evaluate(case_study)
    assert set(ev.statements.values()) == {UNDEC}  # the key's objections do not win by default
    assert ev.weigh().lean == "open"


def test_case_study_a_learner_who_grants_the_premises(case_study: ArgumentMap) -> None:
    ev = evaluate(case_study, given(case_study))
    thesis = ev.thesis or ""
    assert ev.label(thesis) is IN  # no objection is accepted, so none counts
    lines = ev.weigh().supports
    assert len(lines) >= 6 and all(w.label is IN for w in lines)
    first = next(a for a in case_study.arguments if a.conclusion == thesis)
    assumption = next(p for p in first.premises if case_study.statement(p).role is Role.ASSUMPTION)
    ev = evaluate(case_study, given(case_study, **{assumption: "reject"}))
    assert ev.label(f"<{first.title}>") is OUT and ev.label(thesis) is IN
    assert f"you rejected the assumption [{assumption}]" in ev.explain(thesis)


def test_case_study_rejecting_every_rebuttal_leaves_the_thesis_contested(case_study: ArgumentMap) -> None:
    """The issue's case: one accepted objection against six and more standing lines."""
    thesis = case_study.thesis
    assert thesis is not None
    direct = [
        r.source.title
        for r in case_study.relations
        if r.kind is RelationKind.ATTACK and r.target == thesis.ref
    ]
    assert direct, "the key raises an objection against the thesis itself"
    rebuttals = {x.title: "reject" for x in case_study.by_role(Role.REBUTTAL)}
    ev = evaluate(case_study, {**given(case_study), **rebuttals, direct[0]: "accept"})
    assert ev.label(thesis.title) is UNDEC
    assert codes(ev.reasons(thesis.title))[0] == "contested"
    w = ev.weigh()
    assert sum(x.label is IN for x in w.supports) >= 6
    assert [x.label for x in w.objections if x.key == f"[{direct[0]}]"] == [IN]


def test_case_study_rejecting_the_rebuttal_turns_the_objection_on_the_assumption() -> None:
    core = pytest.importorskip("argmap.checking.load")
    m = core.loads(
        "[Either-or]: Need or conviction. #assumption\n"
        "  - [Need can grow into trust]: It can grow. #objection\n"
        "    - [Left exposed in 2024]: It did not. #rebuttal\n"
        "\n"
        "<Driven by need>\n\n(1) [Forced together]: Sanctions.\n(2) [Either-or]\n----\n"
        "(3) [Convenience]: C. #thesis\n"
    )
    ev = evaluate(
        m,
        {"Left exposed in 2024": "reject", "Need can grow into trust": "accept", "Forced together": "accept"},
    )
    assert ev.label("Either-or") is OUT and ev.label("Convenience") is OUT
    assert ev.explain("Convenience") == (
        "The thesis [Convenience] is unsupported (it falls): it loses the support of <Driven by need> "
        "because "
        "the assumption [Either-or] falls, attacked by the objection [Need can grow into trust]."
    )
    assert ev.explain("Either-or") == (
        "The assumption [Either-or] is refuted (it falls): the objection [Need can grow into trust] "
        "attacks it and stands."
    )


# -- the words: numbers, repeats, the learner's own nodes --------------------------------------------


def test_summary_says_one_in_the_singular() -> None:
    ev = evaluate(linked(), {"P": "accept", "A": "doubt"})
    assert ev.counts() == {IN: 1, OUT: 0, UNDEC: 2}
    assert ev.summary().splitlines()[0] == "Of 3 statements, 1 stands, 0 fall and 2 are open."
    ev = evaluate(convergent(), {"P1": "reject", "P2": "doubt", "T": "accept"})
    assert ev.summary().splitlines()[0] == "Of 3 statements, 1 stands, 1 falls and 1 is open."


def test_summary_counts_the_maps_statements_and_the_learners_apart() -> None:
    m = linked()
    ann = Annotations.new("Ana", m).with_added("objection", "[P]", "P is out of date.")
    ann = ann.with_added("evidence", "[T]", "A report.").with_judgement("added-2", "reject")
    ev = evaluate(m, ann)
    first = ev.summary().splitlines()[0]
    assert first.startswith(f"Of {len(m.statements)} statements, ")
    assert first.endswith("; plus 2 of yours: 1 stands and 1 falls.")
    assert sum(ev.counts().values()) == len(m.statements)


def test_an_undercut_is_named_once() -> None:
    """Two of the learner's objections in the same words (a double click) on one step read as one."""
    m = linked()
    ann = Annotations.new("Ana", m).with_judgement("[P]", "accept").with_judgement("[A]", "accept")
    for _ in range(2):
        ann = ann.with_added("objection", "<Arg>", "P says nothing about T.")
    ann = ann.with_added("objection", "<Arg>", "A is too strong.")
    ev = evaluate(m, ann)
    for text in (ev.explain("T"), ev.explain("<Arg>"), ev.summary()):
        assert text.count("“P says nothing about T.”") == 1, text
        assert text.count("“A is too strong.”") == 1, text
    ev = evaluate(m, ann.with_added("evidence", "[T]", "A report."))
    assert ev.label("T") is IN
    assert ev.explain("T").count("It has lost the support of <Arg>") == 1
    # an open statement that has lost a line of support says so once, with every cause
    m = convergent()
    ann = Annotations.new("Ana", m).with_judgement("[P1]", "accept").with_judgement("[P2]", "doubt")
    for words in ("P1 is beside the point.", "P1 is beside the point.", "P1 is old."):
        ann = ann.with_added("objection", "<One>", words)
    ev = evaluate(m, ann)
    assert ev.label("T") is UNDEC
    assert (
        ev.explain("T").count(
            "It has lost the support of <One> because your objection “P1 is beside the point.” undercuts it "
            "and your objection “P1 is old.” undercuts it."
        )
        == 1
    ), ev.explain("T")


def test_the_learners_own_nodes_are_named_by_their_words() -> None:
    m = linked()
    ann = Annotations.new("Ana", m).with_added("objection", "<Arg>", "P says nothing about T.")
    ann = ann.with_added("rebuttal", "added-1", "It does.").with_judgement("added-1", "accept")
    ev = evaluate(m, ann)
    texts = [ev.summary(), ev.weigh("added-1").explain(), *(ev.explain(k) for k in ("T", "<Arg>", *ev.added))]
    assert all("added-" not in t for t in texts), texts
    assert "your rebuttal “It does.”" in ev.explain("added-1")


# -- judgement that waits: the case study's undercuts (issue 17) ------------------------------------


def test_an_accepted_objection_with_unjudged_support_is_open_not_refuted(case_study: ArgumentMap) -> None:
    ev = evaluate(case_study, {"Treaty": "accept"})
    assert ev.label("Convenience") is UNDEC  # unjudged support is open, never failed
    assert "attacked-unjudged" in codes(ev.reasons("Convenience"))
    text = ev.explain("Convenience")
    assert text.startswith("The thesis [Convenience] is open, not refuted: you accept the objection [Treaty]")
    assert text.count(". ") <= 2  # three sentences at most
    assert ev.weigh().lean == "contested"
    assert ev.label("Will erode") is not OUT and not ev.tensions


def test_the_treaty_reply_undercuts_and_sinks_nothing(case_study: ArgumentMap) -> None:
    """[No defence clause] grants the treaty and denies that it shows commitment: an undercut."""
    assert any(
        r.kind is RelationKind.UNDERCUT and r.source.title == "No defence clause"
        for r in case_study.relations
    )
    facts = evaluate(case_study, {"Treaty signed": "accept", "No defence clause": "accept"})
    assert facts.label("Treaty") is OUT and facts.label("Convenience") is UNDEC and not facts.tensions
    assert facts.label("<Treaty as commitment>") is OUT
    signed = evaluate(case_study, {"Treaty signed": "accept"})
    assert (
        signed.label("Treaty") is IN and signed.label("Convenience") is UNDEC
    )  # counts, refutes nothing yet
    both = evaluate(case_study, {"Treaty": "accept", "No defence clause": "accept"})
    assert both.label("Convenience") is UNDEC  # never refuted by accepting the reply
    # accepting "a sign of long-term commitment" while accepting that the signing does not show it
    assert [(t.code, t.node) for t in both.tensions] == [("accepted-but-unsupported", "[Treaty]")]


def test_the_authors_concession_does_not_make_the_prediction_fall(case_study: ArgumentMap) -> None:
    assert any(
        r.kind is RelationKind.UNDERCUT and r.source.title == "Only while pressed"
        for r in case_study.relations
    )
    ev = evaluate(case_study, {"Endures for now": "accept"})
    assert ev.label("Will erode") is UNDEC and ev.weigh("Will erode").lean == "contested"
    ev = evaluate(case_study, {"Endures for now": "accept", "Only while pressed": "accept"})
    assert ev.label("<Lasts for now>") is OUT and ev.label("Will erode") is UNDEC and not ev.tensions
    judged = {**given(case_study), "Endures for now": "accept", "Only while pressed": "accept"}
    assert evaluate(case_study, judged).label("Will erode") is IN  # the author's argument stands


def test_refuted_only_when_the_lines_were_judged_and_failed() -> None:
    m = many_lines()
    rejected = {"P1": "reject", "P2": "reject", "P3": "reject", "O": "accept"}
    ev = evaluate(m, rejected)
    assert ev.label("T") is OUT and ev.weigh().lean == "refuted"
    assert ev.explain("T").startswith("The thesis [T] is refuted (it falls): you accept the objection [O]")
    ev = evaluate(m, {"P1": "reject", "P2": "reject", "O": "accept"})
    assert ev.label("T") is UNDEC and ev.weigh().lean == "contested"
    ev = evaluate(m, {"P1": "reject", "P2": "reject", "P3": "reject"})
    assert ev.label("T") is OUT and ev.weigh().lean == "unsupported"
    assert ev.explain("T").startswith("The thesis [T] is unsupported (it falls)")


@pytest.mark.parametrize(
    "judged",
    [
        {},
        {"Treaty": "accept"},
        {"Forced together": "reject", "Against the West": "reject", "Deep mistrust": "doubt"},
        {"Either-or": "reject", "Enemy-made unity": "reject", "Treaty": "accept", "Deep exchange": "doubt"},
    ],
    ids=["nothing", "treaty", "rejections", "mixed"],
)
def test_the_explanation_is_three_sentences_at_most(case_study: ArgumentMap, judged: dict[str, str]) -> None:
    import re

    ev = evaluate(case_study, {**given(case_study), **judged} if judged else {})
    for key in ("Convenience", "Will erode", "Forced together"):
        text = ev.explain(key)
        assert len(re.findall(r"[.!?](?:\s|$)", text)) <= 3, text
