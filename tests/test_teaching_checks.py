"""The checks the notebooks teach (role tags, rabbit rule, holding hands) and the answer key
held to them: each correction of issue 11 stays visible as a test."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.classroom.teaching import (
    check_holding_hands,
    check_rabbit_rule,
    check_role_tags,
    lines_of_support,
    review,
    teaching_checks,
)
from argmap.judge.compare import similarity
from argmap.model import ArgumentMap, NodeKind, RelationKind, Role
from argmap.schemes import get_scheme

KEY = Path(__file__).parent.parent / "notebooks" / "russia-iran.argdown"


@pytest.fixture(scope="module")
def key() -> ArgumentMap:
    return argmap.load(KEY)


def codes(m: ArgumentMap) -> list[str]:
    return [d.code for d in teaching_checks(m)]


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("[T]: t. #thesis\n  - [U]: u. #undercut", "unknown-role-tag", "write `_ [X]`"),
        ("[T]: t. #thesis\n  + [R]: r. #reason", "unknown-role-tag", "a reason is a plain statement"),
        ("[T]: t. #thesis\n  - [O]: o. #objecton", "unknown-role-tag", "did you mean #objection?"),
        ("[T]: t. #thesis\n  + [O]: o. #objection", "role-contradicts-relation", "write `-`"),
        ('[T]: t. #thesis\n  - [E]: e. #evidence {quote: "e"}', "role-contradicts-relation", "#objection"),
        ("[T]: t. #thesis\n  - [R]: r. #rebuttal", "role-contradicts-relation", "answers an objection"),
    ],
    ids=[
        "undercut-tag",
        "reason-tag",
        "typo",
        "objection-supports",
        "evidence-attacks",
        "rebuttal-of-thesis",
    ],
)
def test_role_tags_warn_with_a_located_hint(text: str, code: str, words: str) -> None:
    m = argmap.check_text(text).map
    (d,) = check_role_tags(m)
    assert d.code == code and words in (d.hint or "")
    assert d.line == 2 and not d.is_error


def test_plain_tags_and_fitting_roles_pass() -> None:
    m = argmap.check_text(
        "[T]: t. #thesis #(my note)\n  + [E]: e. #evidence #economy\n  - [O]: o. #objection\n"
        "    - [R]: r. #rebuttal"
    ).map
    assert check_role_tags(m) == []


def test_rabbit_rule_and_holding_hands_find_the_missing_bridge() -> None:
    bare = argmap.check_text(
        "<Need>\n\n(1) [Forced]: Sanctions pushed both states together.\n----\n"
        "(2) [C]: Their partnership is one of convenience, not conviction.\n"
    ).map
    (d,) = check_rabbit_rule(bare)
    assert "“convenience”" in d.message and "“conviction”" in d.message and "“partnership”" in d.message
    bridged = argmap.check_text(
        "<Need>\n\n(1) [Forced]: Sanctions pushed both states together.\n"
        "(2) [Bridge]: If sanctions alone push states together, their partnership is one of convenience, "
        "not conviction. #assumption\n----\n"
        "(3) [C]: Their partnership is one of convenience, not conviction.\n"
    ).map
    assert check_rabbit_rule(bridged) == [] and check_holding_hands(bridged) == []
    loose = argmap.check_text(
        "<Oil>\n\n(1) [P]: Cats sleep all day.\n(2) [Q]: Oil prices fell.\n----\n(3) [C]: Oil is cheap.\n"
    ).map
    assert [d.message for d in check_holding_hands(loose)] == [
        "<Oil>: the premise [P] shares no key term with the conclusion or the other premises"
    ]
    assert any(
        line.startswith("to do  a premise connects to nothing") for line in review(loose).text.splitlines()
    )


# -- the answer key passes its own tests -------------------------------------------------------------


def test_the_key_passes_every_teaching_check(key: ArgumentMap) -> None:
    assert codes(key) == []
    assert all(line.startswith("ok") for line in review(key).text.splitlines())


def test_each_line_of_support_has_its_own_bridge_premise(key: ArgumentMap) -> None:
    lines = lines_of_support(key)
    bridges = [a for line in lines for a in line.assumptions]
    assert all(line.assumptions for line in lines)
    assert len(bridges) == len(set(bridges)), "no assumption is shared by several lines"


def test_the_prediction_is_a_second_conclusion(key: ArgumentMap) -> None:
    assert "Fragile future" not in {line.argument for line in lines_of_support(key)}
    future = key.argument("Fragile future")
    assert future.conclusion == "Will erode" and "Convenience" in future.premises


def test_evidence_reports_something_checkable_and_never_restates_its_claim(key: ArgumentMap) -> None:
    evidence = key.by_role(Role.EVIDENCE)
    assert all(s.basis is not None and s.basis.value not in ("quotation", "precedent") for s in evidence)
    texts = {s.title: s for s in key.statements}
    for r in key.relations:
        if r.kind is RelationKind.SUPPORT and r.source.kind is NodeKind.STATEMENT:
            e, claim = texts[r.source.title], texts.get(r.target.title)
            if e.role is Role.EVIDENCE and claim is not None and claim.quote:
                assert similarity(e.quote or "", claim.quote) < 0.6, (e.title, claim.title)


def test_every_line_meets_an_objection_and_rebuttals_answer_from_both_sides(key: ArgumentMap) -> None:
    attacked = {r.target.title for r in key.relations if r.kind.is_conflict}
    for line in lines_of_support(key):
        parts = {line.argument, *line.reasons, *line.assumptions}
        assert parts & attacked, f"<{line.argument}> meets no objection"
    roles = {s.title: s.role for s in key.statements}
    answered = [r for r in key.relations if r.kind.is_conflict and roles.get(r.source.title) is Role.REBUTTAL]
    assert any(roles.get(r.target.title) is Role.REBUTTAL for r in answered), "a rebuttal answered in turn"
    # once a warrant is written as a co-premise, attacking it is an objection to that box, not an undercut;
    # a reply that grants an objection's premise and denies that it counts undercuts the objection's step
    # (issue 17: at least two, each argued in its note)
    undercuts = [r for r in key.relations if r.kind is RelationKind.UNDERCUT]
    assert len(undercuts) >= 2
    for r in undercuts:
        assert "undercut" in str(key.statement(r.source.title).data.get("note", "")).lower()
        step = key.argument(r.target.title).inferences[-1]
        assert not any(key.statement(p).role is Role.ASSUMPTION for p in step.premises)
        assert key.statement(step.conclusion).role is Role.OBJECTION


def test_every_line_names_a_scheme_argmap_knows(key: ArgumentMap) -> None:
    for a in key.arguments:
        assert a.scheme is not None and get_scheme(a.scheme) is not None, a.title
    assert get_scheme(key.argument("Driven by need").scheme or "").key == "best-explanation"  # type: ignore[union-attr]
