"""compare judges structure and meaning: perturbed maps (titles renamed, relations reversed,
texts replaced, thesis negated) against their reference, on our own maps and the answer key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import argmap
from argmap.judge.compare import compare, edges, opposite
from argmap.model import ArgumentMap

KEY = Path(__file__).parent.parent / "notebooks" / "russia-iran.argdown"

REFERENCE = """\
[Ban]: The town should ban cars from the market square. #thesis
  + [Safer]: Without cars, children could cross the square safely.
    + [Accidents]: Three children were hit by cars on the square last year. #evidence
  + [Trade]: Shops on car-free squares sell more, because people stroll and stay longer.
  + [Air]: Exhaust fumes in the square make the air unhealthy to breathe.
  - [Deliveries]: Shopkeepers need vans to deliver heavy goods every morning. #objection
    - [Early hours]: Deliveries could be allowed before nine in the morning. #rebuttal
"""


def perturb(text: str, how: str) -> str:
    if how == "titles":
        names: dict[str, str] = {}
        return re.sub(
            r"\[([^\]]+)\]", lambda m: f"[Box {names.setdefault(m.group(1), str(len(names) + 1))}]", text
        )
    if how == "reversed":
        return re.sub(
            r"^(\s*)([+-]) ",
            lambda m: m.group(1) + ("-" if m.group(2) == "+" else "+") + " ",
            text,
            flags=re.M,
        )
    if how == "texts":
        fillers = iter(
            [
                "Bananas are rich in potassium and easy to peel.",
                "The violin has four strings tuned in fifths.",
                "Penguins live mostly in the southern hemisphere.",
                "Granite forms when magma cools slowly underground.",
                "Chess openings were catalogued in the fifteenth century.",
                "Saturn has more moons than any other planet we know.",
                "Copper turns green as it weathers in the rain.",
            ]
        )
        return re.sub(r"(\[[^\]]+\]): [^#{\n]+", lambda m: f"{m.group(1)}: {next(fillers)} ", text)
    if how == "negated":
        return text.replace("The town should ban cars", "The town should not ban cars")
    return text


def load(text: str) -> ArgumentMap:
    return argmap.check_text(text).map


@pytest.fixture(scope="module")
def reference() -> ArgumentMap:
    return load(REFERENCE)


def test_the_same_structure_under_other_titles_scores_high(reference: ArgumentMap) -> None:
    c = compare(load(perturb(REFERENCE, "titles")), reference)
    assert c.score >= 90 and c.relation_counts()["got"] == len(edges(reference))
    assert c.thesis_found


def test_supports_drawn_as_attacks_score_low_and_say_why(reference: ArgumentMap) -> None:
    c = compare(load(perturb(REFERENCE, "reversed")), reference)
    assert c.score < 40
    # support for attack is the wrong kind of relation, not a reversed arrow
    assert c.relation_counts()["wrong-kind"] == len(edges(reference))
    assert c.relation_counts()["reversed"] == 0
    text = c.feedback_text()
    assert "Another kind: you drew [Safer] as an objection to [Ban]; the key reads “Without cars" in text
    assert "as a reason for “The town should ban cars from the market square.”" in text
    assert "Reversed" not in text and "thorough" not in text


def test_unrelated_texts_under_the_reference_titles_score_low(reference: ArgumentMap) -> None:
    c = compare(load(perturb(REFERENCE, "texts")), reference)
    assert c.score < 15 and not c.thesis_found
    assert "Look again for the thesis" in c.feedback_text()


def test_a_thesis_that_says_the_opposite_is_detected(reference: ArgumentMap) -> None:
    c = compare(load(perturb(REFERENCE, "negated")), reference)
    assert c.thesis_opposite and not c.thesis_found
    assert "Your thesis says the opposite of the author's" in c.feedback_text()
    assert "You found the thesis" not in c.feedback_text()


def test_an_objection_aimed_at_the_wrong_statement_is_named(reference: ArgumentMap) -> None:
    moved = REFERENCE.replace("  - [Deliveries]", "    - [Deliveries]").replace(
        "    - [Early hours]", "      - [Early hours]"
    )
    c = compare(load(moved), reference)
    wrong = [r for r in c.relations if r.verdict == "wrong-target"]
    assert [(r.reference.target, r.learner.target if r.learner else None) for r in wrong] == [("Ban", "Air")]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("The town should ban cars.", "The town should not ban cars.", True),
        ("Convenience, not conviction.", "Conviction, not convenience.", True),
        ("Convenience, not conviction.", "Need rather than conviction.", False),
        ("The town should ban cars.", "Cars should be banned by the town.", False),
        (
            "A partnership of convenience, not conviction: they cooperate because they need each other, "
            "not because they trust each other.",
            "They work together out of need, not out of conviction or trust.",
            False,
        ),
        (
            "A partnership of convenience, not conviction.",
            "They are not partners of convenience: they trust each other.",
            True,
        ),
    ],
    ids=["not", "swapped", "paraphrase", "passive", "long-paraphrase", "denied-thesis"],
)
def test_opposite(a: str, b: str, expected: bool) -> None:
    assert opposite(a, b) is expected


def test_the_answer_key_perturbed() -> None:
    text = KEY.read_text(encoding="utf-8")
    key = argmap.load(KEY)
    renamed = argmap.loads(perturb(text, "titles"), path=str(KEY))
    assert compare(renamed, key).score >= 90
    negated = text.replace(
        "is a partnership of convenience, not conviction: the two states cooperate",
        "is a partnership of conviction, not convenience: the two states cooperate",
    )
    assert compare(argmap.loads(negated, path=str(KEY)), key).thesis_opposite


def test_feedback_on_a_part_of_the_key_gives_nothing_away() -> None:
    from argmap.classroom.teaching import feedback_on, lines_of_support

    key = argmap.load(KEY)
    part = ["Convenience", *[r for line in lines_of_support(key) for r in line.reasons]]
    mine = argmap.loads(
        "===\nsource: russia-iran-oped.txt\n===\n\n"
        "[Mine]: Russia and Iran work together out of need, not out of conviction or trust. #thesis\n"
        "  + [Pushed]: Sanctions pushed both into closer military and economic cooperation.\n",
        path=str(KEY),
    )
    text = feedback_on(mine, key, part).text
    assert text.startswith("Your thesis says what the author argues for.")
    assert "“Pushed” matches a point of the key." in text
    blank = feedback_on(argmap.loads("[T]: Write the thesis here. #thesis"), key, part).text
    assert blank.startswith("Still the starter's placeholder: [T].")  # the starter's words are not a thesis
    for s in key.statements:  # not one word of the key's statements is quoted
        assert s.text not in blank and s.text not in text


CORPUS = Path(__file__).parent / "data" / "formats" / "microtexts"


@pytest.mark.parametrize("name", ["micro_linked.xml", "micro_undercut.xml"])
def test_corpus_maps_perturbed(name: str) -> None:
    """Maps converted from the microtext corpus (known structure), perturbed as text."""
    from argmap.argdown.writer import write
    from argmap.formats import load_any

    imported, _ = load_any(CORPUS / name)
    text = write(imported)
    reference = argmap.check_text(text).map
    titles: dict[str, str] = {}

    def rename(m: re.Match[str]) -> str:
        return f"{m.group(1)}Box {titles.setdefault(m.group(2), str(len(titles) + 1))}{m.group(3)}"

    renamed = re.sub(r"([\[<])([^\]>\n]+)([\]>])", rename, text)
    assert compare(argmap.check_text(renamed).map, reference).score >= 90
    swapped = text.replace("  -> [", "  @@ [").replace("  +> [", "  -> [").replace("  @@ [", "  +> [")
    c = compare(argmap.check_text(swapped).map, reference)
    if "  -> [" in text or "  +> [" in text:
        assert c.relation_counts()["wrong-kind"] > 0 and c.score < 90
    lines = text.splitlines()
    blanked = "\n".join(
        re.sub(
            r"^(\[[^\]]+\]): [^#{]+", lambda m: f"{m.group(1)}: Penguins {len(m.group(0))} swim far. ", line
        )
        for line in lines
    )
    c = compare(argmap.check_text(blanked).map, reference)
    assert c.score < 30 and not c.thesis_found
