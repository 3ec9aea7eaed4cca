"""Comparing a learner's map with the answer key, and `argmap compare`."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

import argmap
from argmap.cli import main
from argmap.judge.compare import Comparison, compare, similarity, tokens
from argmap.model import ArgumentMap

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "notebooks" / "russia-iran.argdown"
DECENT = ROOT / "examples" / "seminar" / "learner-decent.argdown"
WEAK = ROOT / "examples" / "seminar" / "learner-weak.argdown"


@pytest.fixture(scope="module")
def key() -> ArgumentMap:
    return argmap.load(CASE)


@pytest.fixture(scope="module")
def decent(key: ArgumentMap) -> Comparison:
    return compare(argmap.load(DECENT), key)


def pairs(c: Comparison) -> dict[str, str]:
    return {x.reference.title: x.learner.title for x in c.matches}


def one(text: str) -> str:
    return f"[T]: Russia and Iran are partners of convenience. #thesis\n  + [X]: {text}\n"


# -- similarity ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Mistrust between Moscow and Tehran runs deep.",
            "There is deep distrust between Moscow and Tehran.",
        ),
        ("Both states are squeezed by heavy sanctions.", "Both countries suffer under heavy sanctions."),
        ("They compete for the same oil buyers.", "They are competing to sell oil to the same buyers."),
    ],
    ids=["distrust-mistrust", "state-country", "word-forms"],
)
def test_paraphrases_are_similar(a: str, b: str) -> None:
    assert similarity(a, b) >= 0.4


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mistrust between Moscow and Tehran runs deep.", "Cats sleep most of the day."),
        ("The treaty lasts twenty years.", "Iran sells drones to Russia."),
    ],
    ids=["cats", "treaty-drones"],
)
def test_unrelated_texts_are_not(a: str, b: str) -> None:
    assert similarity(a, b) < 0.2


def test_tokens_drop_stop_words_and_stem() -> None:
    assert tokens("The sanctions were sanctioned") == ("sanct", "sanct")


# -- matching --------------------------------------------------------------------------------------


def test_the_key_matches_itself_completely(key: ArgumentMap) -> None:
    c = compare(key, key)
    assert c.score == 100.0 and not c.missed and not c.extra and c.precision == 1.0
    assert all(x.reference == x.learner for x in c.matches)


def test_a_paraphrased_partial_map_is_recognised(decent: Comparison) -> None:
    found = pairs(decent)
    assert found["Convenience"] == "Main claim"  # the thesis, in other words
    assert found["Deep mistrust"] == "Old distrust"  # wording only: no quote
    assert found["Energy competition"] == "Oil rivals"
    assert found["Either-or"] == "Need not values"  # an assumption, paraphrased
    assert found["Sanctions"] == "Under sanctions"  # the same quote
    assert decent.thesis_found
    assert "Caucasus clash" in {s.title for s in decent.missed}
    assert decent.found(argmap.Role.CLAIM)[0] >= 4
    # a paraphrase whose words are far from the key's ("United States" for "US") is named as
    # possible, never credited
    loose = {x.reference.title: x.learner.title for x in decent.possible}
    assert loose == {"Against the West": "Enemy of the West"}
    assert all(x.score < 0.5 for x in decent.possible)


def test_a_fragment_of_a_quote_matches_by_quote(decent: Comparison) -> None:
    by_ref = {x.reference.title: x for x in decent.matches}
    assert by_ref["Drones for Russia"].how == "quote"
    assert by_ref["Imperial losses"].how == "quote"


def test_quotes_match_across_sources_by_their_words(key: ArgumentMap) -> None:
    learner = argmap.loads(
        one("Sanctions weigh on them.") + '  + [Q]: Under sanctions. #evidence {quote: "Russia and Iran are '
        'reeling under heavy international sanctions", basis: fact}\n'
    )
    c = compare(learner, key)
    assert pairs(c)["Sanctions"] == "Q"


def test_an_unrelated_statement_does_not_match(key: ArgumentMap) -> None:
    learner = argmap.loads(one("Cats sleep most of the day and dislike water."))
    c = compare(learner, key)
    assert "X" in {s.title for s in c.extra}
    assert "X" not in pairs(c).values()


def test_role_mismatch_is_reported_and_costs_a_quarter(key: ArgumentMap) -> None:
    learner = argmap.loads(
        one("fill").replace(
            "[X]: fill",
            "[X]: Unity that comes from a common enemy is tactical and lasts only as "
            'long as the enemy does. #evidence {quote: "x", basis: fact}',
        )
    )
    c = compare(learner, key)
    (x,) = [x for x in c.matches if x.reference.title == "Enemy-made unity"]
    assert not x.same_role and x in c.role_mismatches
    text = c.feedback_text()
    assert "as a piece of evidence; the key calls it an unstated assumption" in text


def test_matching_is_one_to_one(key: ArgumentMap) -> None:
    learner = argmap.loads(
        one("Mistrust between Moscow and Tehran runs deep.")
        + "  + [Y]: Mistrust between Moscow and Tehran runs very deep.\n"
    )
    c = compare(learner, key)
    mine = [x.learner.title for x in c.matches]
    assert len(mine) == len(set(mine))
    assert sum(1 for x in c.matches if x.reference.title == "Deep mistrust") == 1


def test_a_weak_map_scores_lower_than_a_decent_one(key: ArgumentMap, decent: Comparison) -> None:
    weak = compare(argmap.load(WEAK), key)
    assert 0 < weak.score < decent.score < 100


# -- words -----------------------------------------------------------------------------------------


def test_feedback_is_concrete_and_encouraging(decent: Comparison) -> None:
    text = decent.feedback_text()
    assert "You found the thesis" in text
    assert re.search(r"You found \d+ of the \d+ reasons", text)
    assert "You missed the assumption that" in text
    assert re.search(r"Of the key's \d+ relations between statements, you drew \d+ the same way", text)
    assert "Well spotted" in text
    assert "..." not in text and "….\n" not in text


def test_json_structure(decent: Comparison) -> None:
    data = json.loads(decent.to_json())
    assert set(data) >= {"score", "precision", "by_role", "matches", "missed", "extra", "role_mismatches"}
    found, total = decent.found(argmap.Role.CLAIM)
    assert data["by_role"]["claim"] == {"found": found, "total": total}
    assert set(data["relations"]) == {"got", "wrong-kind", "reversed", "wrong-target", "missed"}
    assert data["matches"][0]["by"] in ("quote", "wording")


# -- the CLI -------------------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("fmt", ["text", "json"], ids=["text", "json"])
def test_cli_compare(fmt: str) -> None:
    code, out, err = run("compare", str(DECENT), str(CASE), "--format", fmt)
    assert code == 0, err
    if fmt == "json":
        assert json.loads(out)["by_role"]["thesis"] == {"found": 1, "total": 1}
    else:
        assert "score" in out and "You found the thesis" in out


def test_cli_compare_fails_on_a_broken_map(tmp_path: Path) -> None:
    bad = tmp_path / "bad.argdown"
    bad.write_text('[T]: x {quote: "unclosed\n', encoding="utf-8")
    code, _, err = run("compare", str(bad), str(CASE))
    assert code == 1 and "error[" in err


def test_feedback_counts_in_the_right_number() -> None:
    """One relation, one extra statement: said in the singular."""
    key_map = argmap.loads("[T]: Cats are lazy animals. #thesis\n  + [S]: Cats sleep all day long.\n")
    learner = argmap.loads(
        "[T]: Cats are lazy animals. #thesis\n  + [S]: Cats sleep all day long.\n"
        "  + [Z]: Zebras have stripes on their backs.\n"
    )
    text = compare(learner, key_map).feedback_text()
    assert "Of the key's 1 relation between statements" in text
    assert "Not in the key in these words: “Z”. Check against the text; it may be a good point" in text
    assert "That is a thorough map." in text


def test_the_case_studys_critique_is_scored_apart(key: ArgumentMap) -> None:
    """The key's {by: reader} objections and replies are not the author's: a map of the author's
    argument alone loses nothing for leaving them out, unless the critique is asked for."""
    from argmap.judge.compare import by_reader

    reader = {s.title for s in key.statements if by_reader(s)}
    assert {"Treaty", "No defence clause", "Deep exchange", "Two hand-picked voices"} <= reader
    assert not reader & {"Endures for now", "Only while pressed"}  # the author's own concession and reply
    steps = {a.title for a in key.arguments if a.premises and set(a.premises) <= reader}
    author = key.replace(
        statements=tuple(s for s in key.statements if s.title not in reader),
        arguments=tuple(a for a in key.arguments if a.title not in steps),
        relations=tuple(r for r in key.relations if not {r.source.title, r.target.title} & (reader | steps)),
    )
    assert compare(author, key).score == 100.0
    assert compare(author, key, critique=True).score < 90
