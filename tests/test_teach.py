"""The notebooks' exercise widgets, driven through their values."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

pytest.importorskip("ipywidgets")

from argmap.classroom.glossary import GLOSSARY, define, glossary_html, glossary_markdown  # noqa: E402
from argmap.widgets.teach import ask, decode_text, reveal, text_input  # noqa: E402


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


@pytest.mark.parametrize(
    "given", ["[Deeds show motives]", "Deeds show motives", " deeds  SHOW motives ", "<Deeds show motives>"]
)
def test_titles_in_brackets_are_accepted(given: str) -> None:
    """The kit writes titles in brackets everywhere: an answer may too."""
    q = ask("Which statement?", ["Deeds show motives"])
    assert q.check(given)
    assert not ask("Which statement?", ["Deeds show motives"]).check("[Deeds]")


ARTICLE = (
    'The minister said: "We will not wait."\n\n'
    "Paths like C:\\Users\\new and \\U0001 stay as they are; so do ''' and \"\"\" and \\.\n\n"
    'It ends with a quotation mark: "'
)


def test_pasted_text_with_quotes_and_backslashes_is_saved_verbatim(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a Python string literal this text was a SyntaxError or a unicode error."""
    monkeypatch.chdir(tmp_path)
    box = text_input("pasted-text.txt")
    box.button.click()
    assert "empty" in box.feedback.value and not (tmp_path / "pasted-text.txt").exists()
    box.box.value = ARTICLE
    box.button.click()
    assert (tmp_path / "pasted-text.txt").read_text(encoding="utf-8") == ARTICLE
    assert "Saved as pasted-text.txt" in box.feedback.value and "3 paragraphs" in box.feedback.value
    assert box.source is not None and "C:\\Users\\new" in box.source.text


def _upload(name: str, data: bytes) -> tuple[dict[str, object], ...]:
    """What the browser sends when a learner picks a file."""
    when = datetime.datetime.now(datetime.timezone.utc)
    return (
        {
            "name": name,
            "type": "text/plain",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": when,
        },
    )


def test_uploaded_text_is_saved_and_bad_encodings_are_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    box = text_input("article.txt")
    box.upload.value = _upload("a.txt", "Ünïcode ✓".encode())
    assert (tmp_path / "article.txt").read_text(encoding="utf-8") == "Ünïcode ✓"
    box.upload.value = _upload("b.txt", "x".encode("utf-16"))
    assert "UTF-16" in box.feedback.value and "save it as UTF-8" in box.feedback.value
    box.upload.value = _upload("c.txt", b"\xe9t\xe9")
    assert "not UTF-8" in box.feedback.value
    assert (tmp_path / "article.txt").read_text(encoding="utf-8") == "Ünïcode ✓"  # kept
    with pytest.raises(ValueError, match="not a plain text"):
        decode_text(b"PK\x03\x04\x00\x00", "x.docx")
