# ruff: noqa: E501  (maps are Argdown text: a statement is one line, as learners write it)
"""compare tells the truth on short texts written for these tests (not the notebooks' examples):
a correct map in other words scores high with no false message; one planted error is named once,
by kind and with both ends, and nothing else is; a thesis in another word order is never
"opposite", a negated one always is; each form the notebooks teach counts like its equivalent."""

from __future__ import annotations

import pytest

import argmap
from argmap.judge.compare import CREDIT, compare, opposite
from argmap.model import ArgumentMap

KEYS = {
    "fees": """\
[No fees]: Universities in Germany should not charge tuition fees. #thesis
  + [Open to all]: Free study lets children of poor families go to university.
    + [Enrolment]: After fees were abolished in 2014, more students from low-income homes enrolled. #evidence
  + [Public good]: Graduates pay back through higher taxes over their working lives.
  - [Crowded halls]: Without fees, universities lack money for teaching staff. #objection
    - [State funds]: The states pay universities for each student they teach. #rebuttal
""",
    "gardens": """\
[Gardens]: Every school should have a vegetable garden. #thesis
  + [Eat better]: Pupils who grow vegetables eat more of them.
  + [Outdoor lessons]: A garden gives science lessons a place outdoors.
  - <No time>: Teachers have no time to look after a garden, so a garden would be neglected.
    _ [Pupils tend it]: The pupils themselves tend the garden, so the teachers' time is not what counts. #objection
""",
    "trains": """\
[Night trains]: Night trains should replace short flights in Europe. #thesis
  + <Emissions>

<Emissions>: A night train emits far less.

(1) [Less carbon]: A night train emits a tenth of the carbon of a flight per passenger.
(2) [Same trip]: Night trains cover the same routes as short flights overnight.
----
(3) [Night trains]

[Same trip]
  - [Slower]: A night train takes ten hours where a flight takes two. #objection
    - [Sleep counts]: The hours on a night train are spent asleep, so they cost the traveller nothing. #rebuttal
""",
}

#: Correct maps in the learner's own titles and words (the thesis in another word order).
CORRECT = {
    "fees": """\
[Mine]: Therefore universities should not charge tuition fees in Germany. #thesis
  + [Poor families]: Without fees, children from poor families can go to university.
    + [2014]: More students from low-income homes enrolled after fees were abolished in 2014. #evidence
  + [Taxes]: Over their working lives graduates pay back through higher taxes.
  - [Money]: Universities lack money for teaching staff without fees. #objection
    - [States pay]: Universities are paid by the states for each student they teach. #rebuttal
""",
    "gardens": """\
[G]: Every school ought to have a vegetable garden. #thesis
  + [Veg]: Pupils eat more vegetables when they grow them.
  + [Science]: A garden gives a place outdoors for science lessons.
  - <Teachers busy>: Teachers have no time to look after a garden, so it would be neglected.
    _ [Pupils]: The pupils tend the garden themselves, so the teachers' time does not count. #objection
""",
    "trains": """\
[NT]: In Europe, short flights should be replaced by night trains. #thesis
  + [Carbon]: Per passenger, a night train emits a tenth of the carbon of a flight.
  + [Routes]: Overnight, night trains cover the same routes as short flights.
    - [Ten hours]: A night train takes ten hours where a flight takes two. #objection
      - [Asleep]: The hours on a night train are spent asleep, so they cost the traveller nothing. #rebuttal
""",
}

#: Lines that say something is wrong.
ERRORS = (
    "Another kind:",
    "Reversed:",
    "Aimed elsewhere:",
    "Missing relation:",
    "You missed",
    "You did not map",
    "You marked",
    "Your thesis says the opposite",
    "Look again for the thesis",
)


def load(text: str) -> ArgumentMap:
    result = argmap.check_text(text)
    assert not [d for d in result.diagnostics if d.is_error], text
    return result.map


def errors(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(ERRORS) or "may mean a point" in line]


@pytest.mark.parametrize("name", sorted(CORRECT), ids=sorted(CORRECT))
def test_a_correct_map_in_other_words_scores_high_with_no_false_message(name: str) -> None:
    c = compare(load(CORRECT[name]), load(KEYS[name]))
    assert c.score >= 95 and c.thesis_found and not c.thesis_opposite
    text = c.feedback_text()
    assert errors(text) == [], text
    assert "That is a thorough map." in text


PLANTED = [
    (
        "fees",
        lambda t: t.replace(
            "  - [Money]: Universities lack money for teaching staff without fees. #objection\n    - [States pay]",
            "  - <Money>: Universities lack money for teaching staff without fees.\n    _ [States pay]",
        ),
        "Another kind: you drew [States pay] as an undercut (it grants the point but denies that it counts) "
        "of the step to <Money>; the key reads “The states pay universities for each student they teach.” "
        "as a rebuttal (it says it is false) of “Without fees, universities lack money for teaching staff.”.",
    ),
    (
        "gardens",
        lambda t: t.replace(
            "  - <Teachers busy>: Teachers have no time to look after a garden, so it would be neglected.\n"
            "    _ [Pupils]",
            "  - [Teachers busy]: Teachers have no time to look after a garden, so it would be neglected. "
            "#objection\n    - [Pupils]",
        ),
        "Another kind: you drew [Pupils] as an objection to [Teachers busy]; the key reads "
        "“The pupils themselves tend the garden, so the teachers'…” as an undercut (it grants the point but "
        "denies that it counts) of the step to “Teachers have no time to look after a garden, so a garden…”.",
    ),
    (
        "fees",
        lambda t: t.replace("  + [Taxes]", "  - [Taxes]"),
        "Another kind: you drew [Taxes] as an objection to [Mine]; the key reads “Graduates pay back through "
        "higher taxes over their working…” as a reason for “Universities in Germany should not charge tuition "
        "fees.”.",
    ),
    (
        "fees",
        lambda t: t.replace("    + [2014]", "    +> [2014]"),
        "Reversed: you drew [Poor families] as a reason for [2014]; in the key the arrow runs from “After fees "
        "were abolished in 2014, more students from…” to “Free study lets children of poor families go to "
        "university.”.",
    ),
    (
        "trains",
        lambda t: t.replace(
            "    - [Ten hours]: A night train takes ten hours where a flight takes two. #objection\n      - [Asleep]",
            "\n[Carbon]\n  - [Ten hours]: A night train takes ten hours where a flight takes two. #objection\n"
            "    - [Asleep]",
        ),
        "Aimed elsewhere: you drew [Ten hours] as an objection to [Carbon]; in the key it is aimed at “Night "
        "trains cover the same routes as short flights…”.",
    ),
    (
        "fees",
        lambda t: (
            t.replace("  + [Taxes]: Over their working lives graduates pay back through higher taxes.\n", "")
            + "\n[Taxes]: Over their working lives graduates pay back through higher taxes.\n"
        ),
        "Missing relation: you have [Taxes] and [Mine], but no arrow between them; in the key “Graduates pay "
        "back through higher taxes over their working…” is a reason for “Universities in Germany should not "
        "charge tuition fees.”.",
    ),
    (
        "gardens",
        lambda t: t.replace("  + [Science]: A garden gives a place outdoors for science lessons.\n", ""),
        "You missed the reason that a garden gives science lessons a place outdoors.",
    ),
]


@pytest.mark.parametrize(
    ("name", "plant", "said"),
    PLANTED,
    ids=[
        "undercut-for-rebuttal",
        "rebuttal-for-undercut",
        "support-as-objection",
        "reversed",
        "aimed-elsewhere",
        "missing-arrow",
        "missing-reason",
    ],
)
def test_one_planted_error_is_named_once_and_nothing_else(name: str, plant: object, said: str) -> None:
    assert callable(plant)
    text = plant(CORRECT[name])
    assert text != CORRECT[name]
    c = compare(load(text), load(KEYS[name]))
    assert errors(c.feedback_text()) == [said]
    assert c.score < 95


def test_a_wrong_kind_of_attack_earns_half_and_support_for_attack_nothing() -> None:
    key = load(KEYS["fees"])
    undercut = compare(load(PLANTED[0][1](CORRECT["fees"])), key)  # type: ignore[operator]
    support = compare(load(PLANTED[2][1](CORRECT["fees"])), key)  # type: ignore[operator]
    assert [r.credit for r in undercut.relations if r.verdict == "wrong-kind"] == [0.5]
    assert [r.credit for r in support.relations if r.verdict == "wrong-kind"] == [0.0]


def test_the_hints_name_the_learners_boxes_and_nothing_of_the_key() -> None:
    c = compare(load(PLANTED[1][1](CORRECT["gardens"])), load(KEYS["gardens"]))  # type: ignore[operator]
    hints = c.feedback_text(reveal=False)
    assert (
        "Look again at [Pupils] as an objection to [Teachers busy]: ask what the reply "
        "grants and what it denies." in hints
    )
    for s in load(KEYS["gardens"]).statements:
        assert s.text not in hints


# -- the opposite thesis -----------------------------------------------------------------------

SAME = [
    (
        "Universities in Germany should not charge tuition fees.",
        "Therefore universities should not charge tuition fees in Germany.",
    ),
    ("Primary schools should stop setting homework.", "Primary schools should not set homework."),
    ("Primary schools should stop setting homework.", "Homework should no longer be set in primary schools."),
    ("The museum should drop its entry fee.", "The museum should not charge an entry fee."),
    ("Phones should stay in lockers during lessons.", "During lessons, phones belong in lockers."),
    (
        "Dimming the lights did not cause the rise in burglaries.",
        "The rise in burglaries was not caused by dimming the lights.",
    ),
    ("The tomatoes will not ripen this summer.", "These tomato plants won't ripen this summer."),
    ("We should not get a dog.", "Getting a dog is not a good idea for us."),
    (
        "Cities should plant more trees because trees cool streets.",
        "Trees cool streets, so cities should plant more of them.",
    ),
    ("Convenience, not conviction.", "Need rather than conviction."),
    ("The town should ban cars from the square.", "The town should keep cars out of the square."),
    ("Schools should set homework for older pupils.", "Schools should not set homework for young children."),
]
NEGATED = [
    ("Primary schools should stop setting homework.", "Primary schools should keep setting homework."),
    ("Primary schools should stop setting homework.", "Primary schools should set homework."),
    ("The museum should drop its entry fee.", "The museum should keep its entry fee."),
    ("The town should ban cars from the square.", "The town should allow cars on the square."),
    ("Phones should stay in lockers during lessons.", "Phones should not stay in lockers during lessons."),
    ("The bridge is safe.", "The bridge is unsafe for lorries."),
    ("Sugar taxes reduce obesity.", "Sugar taxes increase obesity."),
    ("Cities should plant more trees.", "Cities should plant fewer trees."),
    (
        "The council should build protected bike lanes on Mill Road.",
        "The council should not build bike lanes.",
    ),
    ("Convenience, not conviction.", "Conviction, not convenience."),
    ("The treaty shows long-term commitment.", "The treaty does not show long-term commitment."),
    ("Aisha will miss her train.", "Aisha will not miss her train."),
]


@pytest.mark.parametrize(("a", "b"), SAME, ids=[f"same-{k}" for k in range(len(SAME))])
def test_word_order_and_paraphrase_are_never_opposite(a: str, b: str) -> None:
    assert not opposite(a, b) and not opposite(b, a)


@pytest.mark.parametrize(("a", "b"), NEGATED, ids=[f"negated-{k}" for k in range(len(NEGATED))])
def test_a_negated_thesis_is_always_opposite(a: str, b: str) -> None:
    assert opposite(a, b) and opposite(b, a)


def test_a_thesis_in_another_word_order_is_found_not_opposite() -> None:
    key = load(KEYS["fees"])
    mine = load("[M]: Therefore universities should not charge tuition fees in Germany. #thesis\n")
    c = compare(mine, key)
    assert c.thesis_found and "opposite" not in c.feedback_text()
    negated = load("[M]: Universities in Germany should charge tuition fees. #thesis\n")
    assert "Your thesis says the opposite" in compare(negated, key).feedback_text()


# -- forms the notebooks teach count like their equivalents ----------------------------------------

OBJECTION_AS_ARGUMENT = """\
[G]: Every school ought to have a vegetable garden. #thesis
  + [Veg]: Pupils eat more vegetables when they grow them.
  + [Science]: A garden gives a place outdoors for science lessons.
  - <Teachers busy>

<Teachers busy>

(1) [No time]: Teachers have no time to look after a garden.
----
(2) [Neglected]: A garden would be neglected.

<Teachers busy>
  _ [Pupils]: The pupils tend the garden themselves, so the teachers' time does not count. #objection
"""

SAM = """\
[T]: Sam will be tired tomorrow. #thesis
  + <Late>

<Late>

(1) [Up late]: Sam is staying up until 2 a.m. tonight.
----
(2) [T]

<Late>
  _ [Four hours]: Sam needs only four hours of sleep. #objection
"""
SAM_WARRANT = """\
[T]: Sam will be tired tomorrow. #thesis
  + <Late>

<Late>

(1) [Up late]: Sam is staying up until 2 a.m. tonight.
(2) [Late means tired]: People who stay up until 2 a.m. are tired the next morning. #assumption
----
(3) [T]

[Late means tired]
  - [Four hours]: Sam needs only four hours of sleep. #objection
"""


@pytest.mark.parametrize(
    ("learner", "key"),
    [
        (OBJECTION_AS_ARGUMENT, KEYS["gardens"]),
        (CORRECT["gardens"], KEYS["gardens"]),
        (CORRECT["trains"], KEYS["trains"]),  # relations for a premise-conclusion structure
        (SAM_WARRANT, SAM),  # an objection to a written-out warrant for an undercut
    ],
    ids=[
        "objection-as-argument-then-undercut",
        "objection-as-one-claim-then-undercut",
        "relations-for-pcs",
        "warrant-objection-for-undercut",
    ],
)
def test_taught_forms_score_like_their_equivalents(learner: str, key: str) -> None:
    c = compare(load(learner), load(key))
    assert c.score == 100.0, c.report()
    assert errors(c.feedback_text()) == []


ARROWS = """\
[Mine]: Therefore universities should not charge tuition fees in Germany. #thesis

[Poor families]: Without fees, children from poor families can go to university.
  +> [Mine]
  <+ [2014]: More students from low-income homes enrolled after fees were abolished in 2014. #evidence

[Taxes]: Over their working lives graduates pay back through higher taxes.
  +> [Mine]

[Money]: Universities lack money for teaching staff without fees. #objection
  -> [Mine]
  <- [States pay]: Universities are paid by the states for each student they teach. #rebuttal
"""


def test_the_arrow_forms_count_like_the_indented_tree() -> None:
    """Notebook 05's table: `+>`, `<+`, `->`, `<-` say the same from the other side."""
    c = compare(load(ARROWS), load(KEYS["fees"]))
    assert c.score == 100.0 and errors(c.feedback_text()) == []


def test_an_objection_to_the_premise_is_not_an_undercut() -> None:
    premise = SAM_WARRANT.replace("[Late means tired]\n  - [Four", "[Up late]\n  - [Four")
    c = compare(load(premise), load(SAM))
    (r,) = c.errors
    assert r.verdict == "wrong-kind" and r.learner is not None and r.learner.target == "Up late"


def test_a_loose_match_is_possible_never_credited() -> None:
    key = load(KEYS["gardens"])
    mine = load(
        "[G]: Every school should have a vegetable garden. #thesis\n"
        "  + [V]: Kids who grow their own food eat it.\n"
    )
    c = compare(mine, key)
    (x,) = c.possible
    assert x.reference.title == "Eat better" and 0.36 <= x.score < CREDIT
    assert "Eat better" not in {m.reference.title for m in c.matches}
    assert c.found(argmap.Role.CLAIM) == (0, 2)
    assert "“V” may mean a point of the key" in c.feedback_text()


def test_the_readers_critique_is_credit_never_a_penalty() -> None:
    key = load(
        "[Lanes]: The council should build bike lanes on Mill Road. #thesis\n"
        "  + [Lorries]: Cyclists on Mill Road share the road with lorries.\n"
        "  - [Cost]: Lanes cost money the council could spend elsewhere. #objection {by: reader}\n"
    )
    bare = load(
        "[L]: The council should build bike lanes on Mill Road. #thesis\n  + [Lor]: Cyclists share Mill Road with lorries.\n"
    )
    own = load(
        "[L]: The council should build bike lanes on Mill Road. #thesis\n  + [Lor]: Cyclists share Mill Road with lorries.\n"
        "  - [Parking]: Shops lose their parking. #objection\n"
    )
    assert compare(bare, key).score == 100.0
    c = compare(own, key)
    assert c.score == 100.0 and "Your own critique (“Parking”)" in c.feedback_text()
    assert compare(bare, key, critique=True).score < 100


FOUR_DAY = """\
[Four day]: Offices should move to a four-day week. #thesis
  + <Output>

<Output>

(1) [Trial]: In a trial, firms on a four-day week kept their output.
(2) [Wellbeing]: Staff on a four-day week reported less stress.
----
(3) [Four day]

<Output>
  _ [Short trial]: The trial lasted only six months, so it cannot show lasting effects. #objection
"""


def test_an_undercut_of_a_supporting_argument_whose_premises_are_drawn_into_it() -> None:
    """An argument with no premise-conclusion structure, its premises drawn into it with `+`,
    undercut with `_`: the same move as the key's undercut of its premise-conclusion structure."""
    mine = load(
        "[FD]: A four-day week should be adopted by offices. #thesis\n"
        "  + <Trial argument>: The trial shows the four-day week works.\n"
        "    + [Kept output]: Firms trying a four-day week kept their output.\n"
        "    + [Less stress]: Staff reported less stress on a four-day week.\n"
        "    _ [Six months]: The trial lasted only six months, so it cannot show lasting effects. #objection\n"
    )
    c = compare(mine, load(FOUR_DAY))
    assert c.score == 100.0 and errors(c.feedback_text()) == []


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("", "Your map has no thesis yet"),
        ("[A]: Pupils eat more vegetables when they grow them.\n", "Your map has no thesis yet"),
        ("[Ä]: Schulen sollten Gemüsegärten haben. #thesis\n", "Your thesis does not match the author's yet"),
    ],
    ids=["empty", "no-thesis", "another-language"],
)
def test_awkward_maps_get_a_plain_first_line(text: str, first: str) -> None:
    c = compare(load(text), load(KEYS["gardens"]))
    assert c.feedback_text(reveal=False).startswith(first)
    assert not c.thesis_opposite and c.score < 50
