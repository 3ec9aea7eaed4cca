"""The practice bank: graded passages, reference maps that pass their own checks, feedback."""

from __future__ import annotations

import re

import pytest

from argmap.model import RelationKind, Role
from argmap.practice import PASSAGES, Passage, feedback, passage, reference
from argmap.teaching import teaching_checks


def test_the_bank_has_fifteen_graded_passages_or_more() -> None:
    assert len(PASSAGES) >= 15
    assert len({p.id for p in PASSAGES}) == len(PASSAGES)
    levels = [p.level for p in PASSAGES]
    assert levels == sorted(levels) and set(levels) == {1, 2, 3, 4, 5}
    for p in PASSAGES:
        sentences = [x for x in re.split(r"(?<=[.!?])\s+", p.text) if x]
        assert 2 <= len(sentences) <= 6, p.id


@pytest.mark.parametrize("p", PASSAGES, ids=[p.id for p in PASSAGES])
def test_each_reference_map_passes_its_own_checks(p: Passage) -> None:
    m = reference(p.id)
    assert m.thesis is not None
    assert m.by_role(Role.OBJECTION), "every passage has an objection to find"
    assert teaching_checks(m) == []
    for s in m.statements:
        if s.quote:
            assert s.anchor is not None, s.title  # quotes stand in the passage, word for word
    kinds = {r.kind for r in m.relations}
    if p.level == 2:
        assert m.arguments and m.by_role(Role.ASSUMPTION), (
            "reasons that work together, and what they leave unsaid"
        )
    if p.level == 3:
        assert m.by_role(Role.EVIDENCE)
    if p.id in ("homework", "fourday"):
        assert m.by_role(Role.REBUTTAL), "the author raises an objection and answers it"
    if p.id in ("nightbus", "reviews", "expert", "streetlights"):
        assert RelationKind.UNDERCUT in kinds


@pytest.mark.parametrize("p", PASSAGES, ids=[p.id for p in PASSAGES])
def test_the_reference_earns_full_marks(p: Passage) -> None:
    fb = feedback(p, p.key)
    assert fb.score == 100.0 and not fb.errors
    assert "You found the thesis" in fb.text


def test_a_faithful_paraphrase_scores_well_and_a_thin_map_less() -> None:
    good = feedback(
        "ferry",
        """[Late]: Aisha is going to miss her train. #thesis
  + <Ferry>

<Ferry>

(1) [Delay]: Aisha's ferry is running forty minutes late.
(2) [Ten minutes]: The train leaves ten minutes after the ferry should have landed.
(3) [No wait]: The train leaves on time and does not wait for the ferry. #assumption
----
(4) [Late]
""",
    )
    thin = feedback("ferry", "[Late]: Aisha is going to miss her train. #thesis\n")
    assert good.score is not None and thin.score is not None
    assert good.score >= 60 > thin.score
    assert "You did not raise the objection" in good.text


def test_reversed_relations_are_named_and_score_low() -> None:
    p = passage("library")
    reversed_map = p.key.replace("  + [", "  @@ [").replace("  - [", "  + [").replace("  @@ [", "  - [")
    fb = feedback(p, reversed_map)
    assert fb.score is not None and fb.score < 50
    assert "Reversed: you drew [Shift workers] attacks [Sundays]" in fb.text


def test_errors_come_first_and_are_located() -> None:
    fb = feedback(
        "vaccines",
        "[J]: Care homes should offer free flu jabs. #thesis\n"
        "  + [H]: Half as many outbreaks. #evidence "
        '{quote: "had half as many outbreaks as the other homes"}\n',
    )
    assert fb.score is None and fb.text.startswith("Fix these first:")
    assert re.search(r"your map:2:\d+: error\[quote-not-in-source\]", fb.text)
    assert "half as many outbreaks as the others" in fb.text  # the closest passage


def test_the_checklist_speaks_up_and_a_negated_thesis_is_caught() -> None:
    fb = feedback("bikes", "[No]: The council should not build protected bike lanes on Mill Road. #thesis\n")
    assert "Your thesis says the opposite of the author's" in fb.text
    fb = feedback(
        "bikes", "[L]: The council should build bike lanes. #thesis\n  + [C]: Lanes cost money. #objection\n"
    )
    assert "is tagged #objection but supports [L]" in fb.text


def test_an_unknown_passage_names_the_ids() -> None:
    with pytest.raises(ValueError, match="the passages are: bikes, library"):
        passage("nope")
