# ruff: noqa: E501  (maps are Argdown text: a statement is one line, as learners write it)
"""False messages a fresh reader of notebooks 01–06 found, each on short texts written for these
tests: a wrong thesis credited (the question, the claim the author argues against, a reason),
a wrong evidence basis unnoticed, a misspelt title praised as one's own critique, a one-item
exercise answered with the whole key, a hint naming a rebuttal that neither map has."""

from __future__ import annotations

import pytest

import argmap
from argmap.classroom.practice import feedback
from argmap.classroom.teaching import feedback_on, teaching_checks
from argmap.judge.compare import compare
from argmap.judge.mistakes import basis_differs, is_question
from argmap.model import ArgumentMap, Basis, Role, Statement

POOL = """\
[Close pool]: The town should close the old swimming pool. #thesis
  + [Loses money]: The old pool loses money every year.
  + [Roof leaks]: The roof of the old pool leaks.
  - <Stay open>: Children need somewhere to swim, so the old pool must stay open.
    _ [Leisure centre]: The new leisure centre has a bigger pool, so children have somewhere to swim anyway. #objection
"""
FINES = """\
[No fines]: The library should stop charging late fines. #thesis
  + [Fines deter]: Late fines keep poorer families away from the library.
  + [Little money]: The fines bring in less money than it costs to collect them.
  - [Books back]: Without fines, readers would keep books for months. #objection
    - [Reminders]: Reminder emails bring books back just as well as fines. #rebuttal
"""

#: (key, the learner's thesis, what it is, the words the feedback must use)
THESES = [
    (POOL, "Should the town close the old swimming pool?", "question", "the question the text answers"),
    (POOL, "Should the town close the old swimming pool", "question", "the question the text answers"),
    (POOL, "The old pool must stay open.", "against", "the claim the author argues against"),
    (POOL, "The old pool loses money every year.", "reason", "one of the author's reasons"),
    (FINES, "Should the library stop charging late fines?", "question", "the question the text answers"),
    (
        FINES,
        "Readers would keep books for months without fines.",
        "against",
        "the claim the author argues against",
    ),
    (
        FINES,
        "The fines bring in less money than collecting them costs.",
        "reason",
        "one of the author's reasons",
    ),
]


def load(text: str) -> ArgumentMap:
    result = argmap.check_text(text)
    assert not [d for d in result.diagnostics if d.is_error], text
    return result.map


@pytest.mark.parametrize(
    ("key", "thesis", "kind", "words"), THESES, ids=[f"{k}-{n}" for n, (_, _, k, _) in enumerate(THESES)]
)
def test_a_wrong_thesis_is_named_for_what_it_is_and_never_credited(
    key: str, thesis: str, kind: str, words: str
) -> None:
    m = load(f"[Mine]: {thesis} #thesis\n")
    alone = compare(m, load(key), part=["thesis"])  # an exercise that asks for the thesis only
    assert alone.score == 0.0 and not alone.thesis_found and alone.thesis_as[0] == kind
    whole = compare(m, load(key))
    for reveal in (False, True):
        for text in (alone.feedback_text(reveal=reveal), whole.feedback_text(reveal=reveal)):
            assert text.startswith(f"Your thesis is {words}"), text
            assert "says what the author argues for" not in text
    if kind != "question":
        conclusion = load(key).thesis
        assert conclusion is not None
        assert f"The author's conclusion is “{conclusion.text}”" in whole.feedback_text(reveal=True)
        assert conclusion.text not in whole.feedback_text(reveal=False)


@pytest.mark.parametrize("key", [POOL, FINES], ids=["pool", "fines"])
def test_the_authors_conclusion_in_other_words_is_still_found(key: str) -> None:
    thesis = {
        POOL: "The old swimming pool should be closed by the town.",
        FINES: "Late fines at the library should stop.",
    }[key]
    c = compare(load(f"[Mine]: {thesis} #thesis\n"), load(key), part=["thesis"])
    assert c.score == 100.0 and c.thesis_found
    assert c.feedback_text(reveal=False).startswith("Your thesis says what the author argues for.")


def test_questions_are_told_from_claims() -> None:
    assert is_question("Is homework useful?") and is_question("Whether towns should ban cars")
    assert not is_question("Do not ban fireworks.") and not is_question("Since 2014, fees are gone.")


PARK = """\
[Charge]: The city should charge for parking in the centre. #thesis
  + [Less traffic]: Parking charges cut traffic in city centres.
    + [Lund]: In Lund, traffic fell by 18 percent in the year after charges began. #evidence {basis: statistic}
    + [Planner]: The city's chief planner says charges are the cheapest way to cut traffic. #evidence {basis: expert}
"""


def parking(lund: str | None) -> ArgumentMap:
    basis = f" {{basis: {lund}}}" if lund else ""
    return load(f"""[C]: The centre of the city should have parking charges. #thesis
  + [T]: Charging for parking cuts traffic in the centre of a city.
    + [18]: Traffic in Lund fell by 18 percent in the year after charges began. #evidence{basis}
    + [P]: The chief planner of the city says charges are the cheapest way to cut traffic. #evidence {{basis: expert}}
""")


def test_a_wrong_evidence_basis_costs_points_and_is_named() -> None:
    key = load(PARK)
    right = compare(parking("statistic"), key)
    wrong = compare(parking("expert"), key)
    assert right.score == 100.0 and wrong.score < right.score
    said = "Another basis: you gave [18] the basis “expert opinion”; the key reads it as “statistic”."
    assert said in wrong.feedback_text(reveal=True).splitlines()
    hidden = wrong.feedback_text(reveal=False)
    assert (
        "Look again at the basis of [18]: you gave “expert opinion”." in hidden and "statistic”" not in hidden
    )
    for fair in ("statistic", "fact", None):  # a statistic is a fact given as a number; no basis says nothing
        c = compare(parking(fair), key)
        assert c.score == 100.0 and "basis" not in c.feedback_text(), fair


def test_bases_close_enough_to_be_fair_readings() -> None:
    def ev(basis: str) -> Statement:
        return Statement("E", "e", Role.EVIDENCE, data={"basis": basis})

    assert basis_differs(ev("statistic"), ev("expert")) and basis_differs(ev("example"), ev("fact"))
    assert not basis_differs(ev("expert"), ev("quotation")) and not basis_differs(
        ev("testimony"), ev("observation")
    )
    assert Basis.EXPERT.label == "expert opinion"


GARDEN = """\
[Gardens]: Every school should have a vegetable garden. #thesis
  + [Eat better]: Pupils who grow vegetables eat more of them.
  - <No time>: Teachers have no time to look after a garden, so a garden would be neglected.
    _ [Pupils tend it]: The pupils themselves tend the garden, so the teachers' time is not what counts. #objection
"""
MY_GARDEN = """\
[G]: Every school ought to have a vegetable garden. #thesis
  + [Veg]: Pupils eat more vegetables when they grow them.
  - <Teachers busy>: Teachers have no time to look after a garden, so it would be neglected.
"""

MISSPELT = {
    "undercut-target": (
        MY_GARDEN
        + "\n<Teacher busy>\n  _ [Pupils]: The pupils tend the garden themselves, so the teachers' time does not count. #objection\n",
        "Title: <Teacher busy> is never given a text in your map",
        "it looks like your <Teachers busy>",
    ),
    "undercut-source": (
        MY_GARDEN
        + "    _ [Pupils tend]\n\n[Pupil tend]: The pupils tend the garden themselves, so the teachers' time does not count. #objection\n",
        "Title: [Pupils tend] is never given a text in your map",
        "it looks like your [Pupil tend]",
    ),
}


@pytest.mark.parametrize("name", sorted(MISSPELT), ids=sorted(MISSPELT))
def test_a_misspelt_title_is_read_as_the_box_it_looks_like_not_praised(name: str) -> None:
    text, where, like = MISSPELT[name]
    c = compare(load(text), load(GARDEN))
    assert c.relation_counts()["got"] == 3 and c.score == 100.0
    for reveal in (False, True):
        said = c.feedback_text(reveal=reveal)
        assert "own critique" not in said and "Not in the key" not in said
        first = said.splitlines()[0]
        assert first.startswith(where) and like in first


def test_a_title_close_to_the_keys_is_named_with_did_you_mean() -> None:
    text = (
        MY_GARDEN.replace(
            "  - <Teachers busy>: Teachers have no time to look after a garden, so it would be neglected.\n",
            "",
        )
        + "\n<No tme>\n  _ [Pupils]: The pupils tend the garden themselves, so the teachers' time does not count. #objection\n"
    )
    said = compare(load(text), load(GARDEN)).feedback_text(reveal=False)
    assert (
        said.startswith("Title: <No tme> is never given a text in your map")
        and "Did you mean <No time>?" in said
    )


KEY4 = """\
[Gardens]: Every school should have a vegetable garden. #thesis
  + [Eat better]: Pupils who grow vegetables eat more of them.
  + [Outdoor lessons]: A garden gives science lessons a place outdoors.
  + [Cheap food]: A garden gives the canteen cheap vegetables.
  - [No time]: Teachers have no time to look after a garden. #objection
"""


def test_a_one_reason_exercise_speaks_of_the_thesis_and_that_reason_only() -> None:
    key = load(KEY4)
    one = load(
        "[G]: Every school ought to have a vegetable garden. #thesis\n  + [Veg]: Pupils eat more vegetables when they grow them.\n"
    )
    for reveal in (False, True):
        text = feedback_on(one, key, ["Gardens"], optional=["reason"], reveal=reveal).text
        assert "Still to find" not in text and "You missed" not in text and "objection" not in text
        assert "Outdoor" not in text and "canteen" not in text
    assert (
        "You found 1 of the 1 reason."
        in feedback_on(one, key, ["Gardens"], optional=["reason"], reveal=True).text
    )
    assert compare(one, key, part=["Gardens"], optional=["reason"]).score == 100.0
    off = load(
        "[G]: Every school ought to have a vegetable garden. #thesis\n  + [Veg]: Gardens make a school look nicer.\n"
    )
    text = feedback_on(off, key, ["Gardens"], optional=["reason"]).text
    assert "Still to find: 1 reason." in text and "Not in the key in these words: “Veg”" in text
    assert compare(off, key, part=["Gardens"], optional=["reason"]).score < 100.0


def test_an_objection_exercise_takes_ones_own_objection_and_lists_nothing_else() -> None:
    key = load(KEY4)
    mine = load("""[Gardens]: Every school should have a vegetable garden. #thesis
  + [Eat better]: Pupils who grow vegetables eat more of them.
    - [Mine]: Pupils who grow vegetables may still refuse to eat them at home. #objection
""")
    text = feedback_on(mine, key, ["Gardens", "Eat better"], optional=["objection"], reveal=True).text
    assert "Your own critique (“Mine”)" in text
    assert "Still to find" not in text and "You did not map" not in text and "Outdoor" not in text
    assert "reader's critique" not in text


def test_a_thesis_only_practice_exercise_lists_no_reasons() -> None:
    right = feedback("fireworks", "[T]: Our town should ban private fireworks. #thesis\n", part=["thesis"])
    assert right.score == 100.0 and "Still to find" not in right.text
    asked = feedback("fireworks", "[T]: Should our town ban private fireworks? #thesis\n", part=["thesis"])
    assert asked.score == 0.0 and asked.text.startswith("Your thesis is the question the text answers")
    reason = feedback(
        "fireworks", "[T]: Dogs and horses panic at the noise of fireworks. #thesis\n", part=["thesis"]
    )
    assert reason.score == 0.0 and reason.text.startswith("Your thesis is one of the author's reasons, [T]")
    assert "matches a point of the key" not in reason.text


def test_hints_name_only_the_roles_the_maps_have() -> None:
    tagged = load(
        "[G]: Every school should have a vegetable garden. #thesis\n  + [Cost]: Seeds and tools cost money. #objection\n"
    )
    hints = [d.hint for d in teaching_checks(tagged)]
    assert hints == ["an objection attacks: write `-` (or `_` for an undercut), or drop the tag"]
    key = load(GARDEN)
    attack = load(
        MY_GARDEN
        + "    - [Pupils]: The pupils tend the garden themselves, so the teachers' time does not count. #objection\n"
    )
    for reveal in (False, True):
        said = compare(attack, key).feedback_text(reveal=reveal)
        assert "rebuttal" not in said and "[Pupils] as an objection to <Teachers busy>" in said
    replied = load(
        MY_GARDEN
        + "    - [Pupils]: The pupils tend the garden themselves, so the teachers' time does not count. #rebuttal\n"
    )
    assert (
        "[Pupils] as a rebuttal (it says it is false) of <Teachers busy>"
        in compare(replied, key).feedback_text()
    )


def test_a_starter_placeholder_is_named_and_never_credited_as_ones_own() -> None:
    key = load(KEY4)
    starter = load("""[Gardens]: Every school should have a vegetable garden. #thesis
  + [Eat better]: Pupils who grow vegetables eat more of them.
    - [My objection]: Write your objection here. #objection
""")
    text = feedback_on(starter, key, ["Gardens", "Eat better"], optional=["objection"]).text
    assert text.startswith("Still the starter's placeholder: [My objection].")
    assert "own critique" not in text and "Still to find: 1 objection." in text


def test_an_objection_exercise_says_where_the_keys_objection_aims() -> None:
    key = load(
        KEY4
        + "\n[Eat better]\n  - [Refuse]: Pupils may grow vegetables and still refuse to eat them. #objection\n"
    )
    aimed = load("""[Gardens]: Every school should have a vegetable garden. #thesis
  + [Eat better]: Pupils who grow vegetables eat more of them.
  - [Mine]: Pupils may grow vegetables and still refuse to eat them. #objection
""")
    c = compare(aimed, key, part=["Gardens", "Eat better"], optional=["objection"])
    said = c.feedback_text(reveal=True)
    assert "Aimed elsewhere: you drew [Mine] as an objection to [Gardens]" in said
    assert "Outdoor" not in said and "canteen" not in said and "No time" not in said


def test_a_placeholder_thesis_is_said_once() -> None:
    fb = feedback(
        "fireworks",
        "[My thesis]: Write the author's answer here, as a whole statement. #thesis\n",
        part=["thesis"],
    )
    assert fb.text.splitlines()[0] == (
        "Still the starter's placeholder: [My thesis]. Write your own words in its place; until then it counts as not written."
    )
    assert fb.score == 0.0 and "Your thesis" not in fb.text
