"""``review``: the notebooks' checklist on a map, in plain words.

It explains the names it uses (the rabbit rule, holding hands, a bridge premise, an
undercut) where it uses them, and it stops asking for a bridge premise once the step
has one.  The maps are short ones written for these tests.
"""

from __future__ import annotations

import pytest

from argmap import loads, review

SHOPS = """[Shops close]: Many high-street shops in our town will close within five years. #thesis
  + <Sales>
  + <Rents>

<Rents>: Rents rise.

(1) [Rents up]: Rents in the high street keep rising.
(2) [Rent bridge]: Shops in our town paying rising high-street rents will close within five years. #assumption
----
(3) [Shops close]

<Sales>: Sales move online.

(1) [Online]: More and more people buy their clothes and books online.
{bridge}----
({n}) [Shops close]
"""


def _review(bridge: str = "", more: str = "") -> list[str]:
    text = SHOPS.format(bridge=bridge + "\n" if bridge else "", n=3 if bridge else 2) + more
    return review(loads(text)).text.splitlines()


def _about(lines: list[str], words: str) -> list[str]:
    return [line for line in lines if words in line]


def test_a_step_without_a_bridge_premise_is_asked_for_one() -> None:
    lines = _review()
    assert _about(lines, "(no assumption yet in: Sales)")[0].startswith("to do")
    [rabbit] = _about(lines, "the rabbit rule")
    assert rabbit.startswith(
        "to do  a conclusion speaks of something no premise mentions: add the bridge premise"
    )
    assert "<Sales>: the conclusion [Shops close] speaks of “high-street”" in rabbit
    assert "<Rents>" not in rabbit


OBJECTION = "\n[Shops close]\n  - [Cafes]: Cafés open where shops close. #objection\n"

BRIDGES = {
    "in the conclusion's words": "(2) [Bridge]: When people in our town buy online, high-street shops lose "
    "their sales, and shops without sales close within five years. #assumption",
    "leaving a word out": "(2) [Bridge]: When people buy online, high-street shops lose their sales, and "
    "shops without sales close within five years. #assumption",
    "shorter": "(2) [Bridge]: If people buy online, the town's shops close. #assumption",
}


@pytest.mark.parametrize("bridge", list(BRIDGES.values()), ids=list(BRIDGES))
def test_once_the_bridge_premise_is_there_review_stops_asking_for_it(bridge: str) -> None:
    lines = _review(bridge)
    assert not [line for line in lines if "add the bridge premise" in line or "no assumption yet" in line]
    [rabbit] = _about(lines, "the rabbit rule")
    assert rabbit.startswith("ok")
    assert _about(lines, "unstated assumptions; every step")[0].startswith("ok")


def test_a_bridge_that_leaves_a_word_out_gets_a_note_not_a_to_do() -> None:
    lines = _review(BRIDGES["leaving a word out"])
    [note] = [line for line in lines if line.startswith("note")]
    assert "<Sales> has its bridge premise [Bridge]" in note and "“town”" in note
    assert _review(BRIDGES["in the conclusion's words"]) == [
        line for line in _review(BRIDGES["in the conclusion's words"]) if not line.startswith("note")
    ]
    assert "ok     every conclusion uses only words its premises use" in "\n".join(
        _review(BRIDGES["in the conclusion's words"])
    )


def test_an_assumption_that_bridges_nothing_is_not_taken_for_a_bridge() -> None:
    lines = _review("(2) [Cheap]: Buying online is cheaper. #assumption")
    [rabbit] = _about(lines, "the rabbit rule")
    assert rabbit.startswith("to do")
    assert "the assumption [Cheap] does not mention what the conclusion [Shops close] adds" in rabbit


@pytest.mark.parametrize(
    ("bridge", "term", "explained"),
    [
        ("", "the rabbit rule", "a conclusion may only speak of what its premises bring in"),
        (BRIDGES["in the conclusion's words"], "the rabbit rule", "a magician's hat holds no rabbit"),
        ("", "holding hands", "each sharing a word with the conclusion or with another premise"),
        (BRIDGES["shorter"], "holding hands", "a premise that shares none belongs to another step"),
        ("", "bridge premise", "premise tagged #assumption"),
        ("", "undercut", "grants a reason but denies that it supports its conclusion"),
    ],
    ids=["rabbit-to-do", "rabbit-ok", "hands-to-do", "hands-ok", "bridge", "undercut"],
)
def test_each_name_review_uses_is_said_in_plain_words(bridge: str, term: str, explained: str) -> None:
    lines = _about(_review(bridge, OBJECTION), term)
    assert lines and all(explained in line for line in lines[:1]), lines


def test_the_review_wraps_in_the_notebook() -> None:
    html = review(loads(SHOPS.format(bridge="", n=2))).html
    assert "white-space:pre-wrap" in html and "“high-street”" in html
