"""Exercise answers saved with the learner's file: named learner, restore, no learner."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ipywidgets")

from argmap.annotations import Annotations, AnnotationStore, dumps, learner_path, load, loads  # noqa: E402
from argmap.classroom import teaching  # noqa: E402
from argmap.errors import AnnotationError  # noqa: E402
from argmap.model import ArgumentMap, Role, Statement  # noqa: E402
from argmap.widgets.teach import ask, exercise_id, reveal  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def case(tmp_path: Path) -> Path:
    for name in ("russia-iran.argdown", "russia-iran-oped.txt"):
        shutil.copy(ROOT / "notebooks" / name, tmp_path / name)
    return tmp_path / "russia-iran.argdown"


@pytest.fixture(autouse=True)
def nobody() -> Iterator[None]:
    yield
    teaching.learner(None, ArgumentMap(), notebook="x")  # the next test starts with no learner


def tiny() -> ArgumentMap:
    return ArgumentMap(statements=(Statement("T", "The thesis.", role=Role.THESIS),), front={"title": "Tiny"})


def test_answers_are_saved_under_notebook_and_exercise_and_come_back(case: Path, tmp_path: Path) -> None:
    folder = tmp_path / "class"
    me = teaching.learner("Ana", case, notebook="03-premises", folder=folder)
    assert me is not None and me.path.parent == folder
    q = ask("In which paragraph does Iran get technology?", 6)
    r = reveal("List the author's reasons.", "**Key:** …")
    q.input.value = "5"
    r.attempt.value = "need; a common enemy"
    disk = json.loads(me.path.read_text(encoding="utf-8"))
    assert disk["version"] == 2
    assert disk["exercises"] == {"03-premises": {q.id: "5", r.id: "need; a common enemy"}}
    # the next day: a new kernel runs the notebook again
    teaching._CURRENT = None
    teaching.learner("ana", case, notebook="03-premises", folder=folder)
    q2 = ask("In which paragraph does Iran get technology?", 6)
    r2 = reveal("List the author's reasons.", "**Key:** …")
    assert q2.input.value == "5" and "from last time" in q2.feedback.value
    assert r2.attempt.value == "need; a common enemy"
    q2.input.value = "6"
    q2.button.click()
    assert "Right" in q2.feedback.value
    # another notebook with the same question keeps its own answer
    teaching.learner("Ana", case, notebook="04-assumptions", folder=folder)
    assert ask("In which paragraph does Iran get technology?", 6).input.value == ""


def test_a_choice_comes_back_and_an_unknown_saved_choice_is_left_out(case: Path, tmp_path: Path) -> None:
    me = teaching.learner("Ana", case, notebook="02", folder=tmp_path)
    assert me is not None
    q = ask("Which?", "b", choices=["a", "b"], id="which")
    q.input.value = "a"
    assert me.answer("which") == "a"
    assert ask("Which?", "b", choices=["a", "b"], id="which").input.value == "a"
    me.save_answer("which", "c")  # the teacher changed the choices since
    assert ask("Which?", "b", choices=["a", "b"], id="which").input.value is None


def test_without_a_named_learner_nothing_is_written(case: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert teaching.learner("  ", case, notebook="01") is None
    q = ask("Which paragraph?", 20)
    q.input.value = "3"
    r = reveal("Say it.", "ref")
    r.attempt.value = "mine"
    assert q.input.value == "3" and not (tmp_path / "out").exists()
    assert teaching.current_learner() is None


def test_the_workbench_file_is_the_same_and_keeps_both(case: Path, tmp_path: Path) -> None:
    from argmap import load as load_map

    m = load_map(case)
    me = teaching.learner("Ana", m, notebook="05", folder=tmp_path)
    assert me is not None and me.path == learner_path(m, "Ana", tmp_path)
    store = AnnotationStore(me.path, m, "Ana")  # the workbench of notebook 8, another window
    store.update(lambda a: a.with_judgement("[Either-or]", "reject"))
    reveal("Rewrite it neutrally.", "ref").attempt.value = "Iran's government has not forgiven Russia."
    ann = load(me.path, m)
    assert ann.judgement("[Either-or]") == "reject"
    assert ann.exercise_answer("05", exercise_id("Rewrite it neutrally.")) == (
        "Iran's government has not forgiven Russia."
    )


def test_a_file_that_cannot_be_used_is_said_in_words_and_kept(case: Path, tmp_path: Path) -> None:
    from argmap import load as load_map

    m = load_map(case)
    path = learner_path(m, "Ana", tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot be saved: the file is not valid JSON"):
        teaching.learner("Ana", m, notebook="01", folder=tmp_path)
    assert path.read_text(encoding="utf-8") == "{not json"
    with pytest.raises(ValueError, match="name the notebook"):
        teaching.learner("Ana", m, notebook=" ", folder=tmp_path)


def test_exercise_answers_round_trip_and_are_checked() -> None:
    ann = Annotations.new("Ana", tiny()).with_exercise_answer(
        "01", "thesis-1a2b", "Convenience, not conviction"
    )
    back = loads(dumps(ann))
    assert back.exercise_answer("01", "thesis-1a2b") == "Convenience, not conviction"
    assert back.with_exercise_answer("01", "thesis-1a2b", "").exercises == {}
    with pytest.raises(ValueError, match="needs the notebook's name"):
        ann.with_exercise_answer("", "x", "y")
    bad = (
        '{"format": "argmap-annotations", "version": 2, "learner": "Ana", "map": {"fingerprint": null},'
        ' "created": "2025-01-17T09:30:00Z", "updated": "2025-01-17T09:30:00Z", "nodes": {},'
        ' "exercises": {"01": {"q": 3}}}'
    )
    with pytest.raises(AnnotationError) as exc:
        loads(bad)
    assert exc.value.diagnostic.code == "annotation-damaged"
    assert '$.exercises["01"].q: expected a string' in exc.value.diagnostic.message


def test_exercise_ids_are_readable_and_distinct() -> None:
    a, b = exercise_id("Which paragraph holds the thesis?"), exercise_id("Which paragraph holds the thesis ?")
    assert a.startswith("which-paragraph-holds-the-thesis-") and a != b
    assert ask("Q?", 1, id="my-id").id == "my-id"


@pytest.mark.parametrize(
    ("given", "right"),
    [
        ("18", True),
        ("paragraph 18", True),
        ("Paragraph 18.", True),
        ("para 18", True),
        ("para. 18", True),
        ("¶18", True),
        ("¶ 18", True),
        ("p. 18", True),
        ("18th", True),
        ("17", False),
        ("paragraph 17", False),
        ("18 or 19", False),
        ("18-19", False),
        ("¶ 1 and 18", False),
        ("page", False),
    ],
    ids=str,
)
def test_a_paragraph_answer_box_takes_the_ways_people_write_a_paragraph(given: str, right: bool) -> None:
    q = ask("In which paragraph do the analysts speak?", 18, check=teaching.paragraph_answer(18))
    assert q.check(given) is right
    q.input.value = given
    q.button.click()
    assert ("Right" in q.feedback.value) is right


def test_every_paragraph_look_up_in_the_notebooks_takes_paragraph_18() -> None:
    """Each look-up exercise of notebooks 01–06 whose answer is a paragraph checks it with
    paragraph_answer, so "paragraph 18" is as right as "18"."""
    found = 0
    for path in sorted((ROOT / "notebooks").glob("0[1-6]-*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] != "code" or "ask(" not in text:
                continue
            question = text.split("ask(", 1)[1].split(",", 1)[0].lower()
            if "which paragraph" in question and "choices=" not in text:
                found += 1
                assert "check=paragraph_answer(" in text, (path.name, question)
    assert found >= 9


def test_look_up_hints_say_where_to_look_not_what_to_find(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A paragraph look-up's hint names where to look and the kind of clue, never the words
    that single the answer out: no word of five letters or more that stands in the answer's
    paragraph and in no other paragraph of the text (the old hint "Look for satellites and
    fighter jets" gave the paragraph away)."""
    import argmap

    monkeypatch.chdir(ROOT / "notebooks")
    key = argmap.load("russia-iran.argdown")
    oped = argmap.read_source("russia-iran-oped.txt")
    words = [set(re.findall(r"[a-z]{5,}", p.text.lower())) for p in oped.paragraphs]
    asked: list[tuple[str, Any, str]] = []
    checked = 0
    for path in sorted((ROOT / "notebooks").glob("0[1-5]-*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] != "code" or "ask(" not in text or "paragraph_answer(" not in text:
                continue
            space = {
                "ask": lambda q, a, hint="", **_: asked.append((q, a, hint)),
                "key": key,
                "OPED": "russia-iran-oped.txt",
                "read_source": argmap.read_source,
                "paragraph_of": argmap.paragraph_of,
                "paragraph_answer": teaching.paragraph_answer,
            }
            exec(compile(text, path.name, "exec"), space)  # noqa: S102 (the repo's own notebooks)
            question, answer, hint = asked[-1]
            others = set().union(*(w for n, w in enumerate(words, 1) if n != answer))
            giveaway = (set(re.findall(r"[a-z]{5,}", hint.lower())) & words[answer - 1]) - others
            assert not giveaway - set(re.findall(r"[a-z]{5,}", question.lower())), (
                path.name,
                question,
                giveaway,
            )
            checked += 1
    assert checked >= 8
