"""The notebooks' exercise widgets, driven through their values."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from argmap.glossary import GLOSSARY, define, glossary_html, glossary_markdown  # noqa: E402
from argmap.widgets.teach import ask, reveal  # noqa: E402


@pytest.mark.parametrize(
    "given,right",
    [("20", True), (" 20 ", True), ("2", False), ("", False), ("twenty", False)],
    ids=["exact", "spaces", "wrong", "empty", "words"],
)
def test_question_checks_answers(given: str, right: bool) -> None:
    q = ask("Which paragraph holds the thesis?", 20, hint="Look near the end.")
    assert q.check(given) is right


def test_question_feedback_after_click() -> None:
    q = ask("Which paragraph?", 20, hint="Near the end.")
    q.input.value = "3"
    q.button.click()
    assert "Not quite" in q.feedback.value and "Near the end." in q.feedback.value
    q.input.value = "20"
    q.button.click()
    assert "Right" in q.feedback.value


def test_question_with_choices_and_several_answers() -> None:
    q = ask("Which is evidence?", ["Sanctions", "Drones"], choices=["Sanctions", "Thesis", "Drones"])
    assert q.check("drones") and not q.check("Thesis")


def test_feedback_escapes_teacher_text() -> None:
    q = ask("x", "y", hint="<script>alert(1)</script>")
    q.input.value = "z"
    q.button.click()
    assert "<script>" not in q.feedback.value


def test_reveal_shows_reference_on_click() -> None:
    r = reveal("Name an assumption.", "**Reference:** need excludes conviction.")
    assert r.button.description.startswith("Show")
    r.button.click()
    assert r.button.description == "Reference answer shown"


def test_glossary_is_one_source() -> None:
    for term in (
        "premise",
        "co-premise",
        "assumption",
        "objection",
        "rebuttal",
        "undercut",
        "scheme",
        "critical question",
    ):
        assert define(term)
    with pytest.raises(KeyError, match="known terms"):
        define("syllogism-ish")
    assert glossary_markdown(["undercut"]).startswith("- **undercut**")
    assert len(glossary_markdown().splitlines()) == len(GLOSSARY)
    assert "<script" not in glossary_html()
