"""Write the example class of the seminar notebook: five learners' annotation files
for the case study (notebooks/russia-iran.argdown), made with argmap's own API.

    .venv/bin/python examples/seminar/make_examples.py

The five disagree the way a real class does: Ana accepts the thesis and nearly
every assumption; Ben rejects the either-or assumption and flags loaded
language; Chloé doubts the experts and adds an objection; Dmitri is unsure about
the history and adds an objection of his own; Emma reads the energy argument as
weak and questions the "deeds show motives" assumption.  They weigh the thesis
differently too: Ana and Chloé call it supported, Ben contested, Dmitri refuted,
Emma leaves it open; how much the objection [Treaty] weighs splits them as well.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import argmap
from argmap.annotations import Annotations, save

HERE = Path(__file__).resolve().parent
MAP = HERE.parent.parent / "notebooks" / "russia-iran.argdown"


def learner(name: str, m: argmap.ArgumentMap, number: int) -> Annotations:
    """Empty annotations with a fixed id and times, so the files do not change between runs."""
    a = Annotations.new(name, m)
    return replace(a, id=f"{number:016x}", created="2025-03-03T09:00:00Z", updated="2025-03-03T10:15:00Z")


def ana(m: argmap.ArgumentMap) -> Annotations:
    a = learner("Ana", m, 1)
    for key in (
        "[Convenience]",
        "[Either-or]",
        "[Deeds show motives]",
        "[Enemy-made unity]",
        "[Past shapes present]",
        "[Experts reliable]",
        "[Pattern holds]",
        "[Allies shield each other]",
    ):
        a = a.with_judgement(key, "accept")
    for key in ("<Driven by need>", "<Common enemy>", "<Syria>", "<Experts agree>", "<Energy rivals>"):
        a = a.with_judgement(key, "strong")
    a = a.with_judgement("[Malashenko]", "solid").with_judgement("[Not forgiven]", "solid")
    a = a.with_judgement("[Treaty]", "doubt")
    a = a.with_note("[Convenience]", "The Syria story convinced me: Russia let Iran's proxies fall in 2024.")
    a = a.with_strength("[Treaty]", "weak")
    a = a.with_verdict(
        "[Convenience]", "supported", "Every line but the experts stands, and the treaty weighs little."
    )
    return a.with_note("[Treaty]", "A treaty without a defence clause is not much of a commitment.")


def ben(m: argmap.ArgumentMap) -> Annotations:
    a = learner("Ben", m, 2)
    a = a.with_judgement("[Convenience]", "doubt")
    a = a.with_judgement("[Either-or]", "reject").with_flag("[Either-or]", "false-dilemma")
    a = a.with_flag("[Either-or]", "questionable-assumption")
    a = a.with_note("[Either-or]", "Need and trust can both be true. Why must it be one or the other?")
    a = a.with_judgement("[Not forgiven]", "shaky").with_flag("[Not forgiven]", "loaded-language")
    a = a.with_note("[Not forgiven]", '"The ayatollah regime" is a label, not a description.')
    a = a.with_flag("[Propaganda]", "loaded-language")
    a = a.with_judgement("[Deeds show motives]", "accept").with_judgement("[Enemy-made unity]", "doubt")
    a = a.with_judgement("<Driven by need>", "weak").with_judgement("<Syria>", "strong")
    a = a.with_judgement("[Treaty]", "accept")
    a = a.with_note("[Treaty]", "Twenty years is a long time for a 'convenience'.")
    a = a.with_strength("[Treaty]", "strong").with_strength("[Deep exchange]", "weak")
    a = a.with_verdict(
        "[Convenience]", "contested", "Need explains a lot, but a twenty-year treaty is more than need."
    )
    return a.with_judgement("[Experts reliable]", "accept").with_judgement("<Experts agree>", "strong")


def chloe(m: argmap.ArgumentMap) -> Annotations:
    a = learner("Chloé", m, 3)
    a = a.with_judgement("[Convenience]", "accept")
    a = a.with_judgement("[Experts reliable]", "reject").with_flag(
        "[Experts reliable]", "questionable-assumption"
    )
    a = a.with_note("[Experts reliable]", "Two quotes picked by an anonymous author are not 'the experts'.")
    a = a.with_judgement("<Experts agree>", "none").with_flag("<Experts agree>", "appeal-to-authority")
    a = a.with_answer("<Experts agree>", 3, "no", "Nobody who disagrees is quoted.")
    a = a.with_added(
        "objection",
        "<Experts agree>",
        "Other analysts call the relationship a real strategic alignment; the op-ed leaves them out.",
    )
    a = a.with_judgement("[Either-or]", "doubt").with_judgement("[Deeds show motives]", "accept")
    a = a.with_judgement("<Driven by need>", "strong").with_judgement("<Syria>", "weak")
    a = a.with_judgement("[Treaty]", "reject")
    a = a.with_strength("[Treaty]", "none").with_verdict("[Convenience]", "supported")
    return a.with_judgement("[Not forgiven]", "unfounded").with_flag("[Not forgiven]", "needs-evidence")


def dmitri(m: argmap.ArgumentMap) -> Annotations:
    a = learner("Dmitri", m, 4)
    a = a.with_judgement("[Convenience]", "reject")
    a = a.with_note(
        "[Convenience]", "Ten years of drones and satellites look like more than convenience to me."
    )
    a = a.with_judgement("[Either-or]", "reject").with_flag("[Either-or]", "questionable-assumption")
    a = a.with_judgement("[Past shapes present]", "reject").with_flag(
        "[Past shapes present]", "questionable-assumption"
    )
    a = a.with_note("[Past shapes present]", "The 19th century is a long way back; leaders change.")
    a = a.with_judgement("<Old mistrust>", "weak").with_judgement("<Driven by need>", "strong")
    a = a.with_added(
        "objection",
        "[Convenience]",
        "They keep deepening cooperation even when sanctions ease for one of them.",
    )
    a = a.with_added("rebuttal", "added-1", "But sanctions have not really eased for either of them.")
    a = a.with_judgement("[Treaty]", "accept").with_judgement("[Experts reliable]", "doubt")
    a = a.with_strength("[Treaty]", "strong").with_strength("[Deep exchange]", "strong")
    a = a.with_verdict(
        "[Convenience]", "refuted", "States that trade fighter jets count on each other for years."
    )
    return a.with_judgement("<Experts agree>", "weak").with_judgement("<Syria>", "weak")


def emma(m: argmap.ArgumentMap) -> Annotations:
    a = learner("Emma", m, 5)
    a = a.with_judgement("[Convenience]", "accept")
    a = a.with_judgement("[Deeds show motives]", "reject").with_flag(
        "[Deeds show motives]", "questionable-assumption"
    )
    a = a.with_note(
        "[Deeds show motives]", "Allies compete too: the US and the EU argue about trade all the time."
    )
    a = a.with_judgement("<Energy rivals>", "none").with_judgement("<South Caucasus>", "weak")
    a = a.with_added(
        "assumption",
        "<Energy rivals>",
        "States that share convictions do not compete for the same customers.",
    )
    a = a.with_judgement("[Either-or]", "accept").with_judgement("[Experts reliable]", "reject")
    a = a.with_flag("[Experts reliable]", "questionable-assumption")
    a = a.with_judgement("<Experts agree>", "weak").with_judgement("<Syria>", "strong")
    a = a.with_judgement("[Treaty]", "doubt").with_judgement("[Not forgiven]", "solid")
    a = a.with_verdict("[Convenience]", "open", "I cannot weigh the experts until I know who else was asked.")
    return a.with_added(
        "objection",
        "<Experts agree>",
        "The author is anonymous, so we cannot check whether they pick their experts fairly.",
    )


LEARNERS = {"ana": ana, "ben": ben, "chloe": chloe, "dmitri": dmitri, "emma": emma}


def main() -> None:
    m = argmap.load(MAP)
    for stem, make in LEARNERS.items():
        path = HERE / f"{stem}.json"
        path.unlink(missing_ok=True)
        save(path, make(m))
        print(f"wrote {path.relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main()
