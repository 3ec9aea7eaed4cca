"""The annotation workbench, driven through its traits and controls; the file on
disk is checked after every step."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("anywidget")

import argmap  # noqa: E402
from argmap.annotations import Annotations, learner_file_name, save  # noqa: E402
from argmap.overlay import learner_map, node_looks  # noqa: E402
from argmap.widgets import Annotator  # noqa: E402

pytestmark = pytest.mark.graphviz

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "notebooks" / "russia-iran.argdown"


@pytest.fixture
def case(tmp_path: Path) -> Path:
    for name in ("russia-iran.argdown", "russia-iran-oped.txt"):
        shutil.copy(ROOT / "notebooks" / name, tmp_path / name)
    return tmp_path / "russia-iran.argdown"


@pytest.fixture
def ann_file(tmp_path: Path) -> Path:
    return tmp_path / "ana.json"


def on_disk(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_click_judge_and_the_file_follows(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    assert ann_file.exists()  # created at once: the learner's work has a home
    svg_before = a.view.svg
    a.view.selected = a._names_by_ref[argmap.NodeRef.statement("Either-or")][0]  # what a click sets
    assert "Either-or" in a.node_info.value
    a.judgement.value = "reject"
    assert on_disk(ann_file)["nodes"]["[Either-or]"]["judgement"] == "reject"
    style = a.view.styles[a.view.selected]
    assert style["mark"].startswith("✗")  # a visible mark, not colour alone
    assert a.view.svg == svg_before  # judgement restyles without a new layout


def test_flags_notes_and_answers_are_saved(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Not forgiven")
    a.flags["loaded-language"].value = True
    a.note.value = "‘ayatollah regime’ is a loaded label"
    node = on_disk(ann_file)["nodes"]["[Not forgiven]"]
    assert node["flags"] == ["loaded-language"] and "loaded label" in node["note"]
    a.select("Experts agree")
    assert a.judgement.options[1:] == (("strong", "strong"), ("weak", "weak"), ("none", "none"))
    assert len(a.questions.children) > 1  # expert opinion has critical questions
    a.answer(2, "no", "only two voices")
    assert on_disk(ann_file)["nodes"]["<Experts agree>"]["answers"]["2"]["answer"] == "no"


def test_critical_question_becomes_an_objection_in_one_click(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Experts agree")
    row = a.questions.children[1]
    make = row.children[1].children[1]
    make.click()
    added = on_disk(ann_file)["added"]
    assert added and added[0]["kind"] == "objection" and added[0]["target"] == "<Experts agree>"
    assert a.learner_map.has(argmap.NodeRef.statement(added[0]["id"]))  # on the map: a new layout


def test_restart_resumes_where_the_learner_stopped(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Sanctions")
    a.judge("shaky")
    a.select("Convenience")
    new_id = a.add("objection", "A 20-year treaty says otherwise.")
    del a
    b = Annotator(case, learner="Ana", file=ann_file)  # a kernel restart, the next day
    assert b.annotations.judgement("[Sanctions]") == "shaky"
    assert b.learner_map.has(argmap.NodeRef.statement(new_id))
    b.select("Sanctions")
    assert b.judgement.value == "shaky"


def test_evidence_quote_is_checked_against_the_text(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Deep mistrust")
    with pytest.raises(ValueError, match="paragraph"):
        a.add("evidence", "Mistrust", quote="The roots of distrust run deep")
    assert on_disk(ann_file).get("added", []) == []
    new_id = a.add("evidence", "Mistrust", quote="The roots of mistrust between Moscow and Tehran run deep")
    assert on_disk(ann_file)["added"][0]["id"] == new_id


def test_add_through_the_controls_shows_errors_in_the_panel(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Deep mistrust")
    a.add_kind.value = "evidence"
    a.add_text.value = "x"
    a.add_quote.value = "words that are nowhere"
    a.add_button.click()
    assert "not in the text" in a.add_feedback.value
    a.add_kind.value = "objection"
    a.add_text.value = "Old grudges fade."
    a.add_button.click()
    assert a.selected_key == on_disk(ann_file)["added"][0]["id"]  # the new node is selected
    a.remove_button.click()
    assert on_disk(ann_file)["added"] == []


def test_what_still_stands_explains_in_words(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Either-or")
    a.judge("reject")
    a.show_standing()
    a.select("Convenience")
    text = a.explanation.value
    assert "Driven by need" in text and "Either-or" in text
    assert all("mark" in s for s in a.view.styles.values())
    marks = {s["mark"].split()[1] for s in a.view.styles.values()}
    assert marks <= {"stands", "falls", "open"}


def test_damaged_file_is_kept_and_work_goes_elsewhere(case: Path, ann_file: Path) -> None:
    ann_file.write_text('{"format": "argmap-annotations", "version": 1, "nodes": [', encoding="utf-8")
    before = ann_file.read_bytes()
    a = Annotator(case, learner="Ana", file=ann_file)
    assert a.refused and "kept unchanged" in a.refused
    assert a.path != ann_file
    a.select("Convenience")
    a.judge("doubt")
    assert ann_file.read_bytes() == before
    assert on_disk(a.path)["nodes"]["[Convenience]"]["judgement"] == "doubt"
    assert "could not be used" in a.banner.value


def test_file_of_another_map_is_refused_and_kept(case: Path, tmp_path: Path) -> None:
    other = argmap.loads("[X]: Something else entirely. #thesis\n  + [Y]: A reason.\n")
    foreign = tmp_path / "foreign.json"
    save(foreign, Annotations.new("Ana", other).with_judgement("[X]", "accept"))
    before = foreign.read_bytes()
    a = Annotator(case, learner="Ana", file=foreign)
    assert a.refused and a.path != foreign
    assert foreign.read_bytes() == before


def test_another_learners_file_is_not_taken_over(case: Path, ann_file: Path) -> None:
    Annotator(case, learner="Ana", file=ann_file)
    before = ann_file.read_bytes()
    b = Annotator(case, learner="Ben", file=ann_file)
    assert b.refused and b.path != ann_file
    assert ann_file.read_bytes() == before


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"]; evil [label="x', "</textarea>{}\\N"],
    ids=["script", "img-onerror", "dot-injection", "textarea-close"],
)
def test_hostile_text_stays_text(case: Path, ann_file: Path, text: str) -> None:
    a = Annotator(case, learner="<b>Ana</b>", file=ann_file)
    a.select("Convenience")
    a.set_note(text)
    new_id = a.add("objection", text)
    a.select(new_id)
    for html_value in (a.node_info.value, a.children[0].value):
        assert "<script" not in html_value and "<img" not in html_value and "<b>Ana" not in html_value
    import xml.etree.ElementTree as ET

    root = ET.fromstring(a.view.svg)
    for el in root.iter():
        assert not el.tag.endswith("script")
        assert not [k for k in el.attrib if k.lower().startswith("on")]
    assert on_disk(ann_file)["nodes"]["[Convenience]"]["note"] == text  # kept verbatim, shown escaped


def test_focus_relayouts_a_neighbourhood(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    full = len(a._names)
    a.select("Syria")
    a.focus.value = True
    assert 0 < len(a._names) < full
    a.select("Propaganda")  # outside the focus: the focus makes way
    assert a.selected_key == "[Propaganda]"


def test_learner_map_and_looks_are_pure(case: Path) -> None:
    m = argmap.load(case)
    ann = Annotations.new("Ana", m).with_added("assumption", "<Syria>", "Iran expected protection.")
    lm = learner_map(m, ann)
    syria = lm.argument("Syria")
    assert "added-1" in syria.inferences[-1].premises  # a co-premise of the inference it completes
    assert lm.statement("added-1").role is argmap.Role.ASSUMPTION
    assert node_looks(lm, ann) == {}
    looks = node_looks(lm, ann.with_judgement("added-1", "reject"))
    assert looks[argmap.NodeRef.statement("added-1")].mark.startswith("✗")


def test_without_a_name_it_asks_first_and_writes_nothing(case: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    a = Annotator(case, folder=out)
    assert not a.started and a.path is None
    a.select("Convenience")
    assert a.judgement.disabled  # nothing to save into yet
    with pytest.raises(ValueError, match="Start"):
        a.judge("accept")
    assert not out.exists()
    a.start_button.click()  # an empty name is refused, with a message
    assert not a.started and "type your name" in a.banner.value
    a.name_box.value = "Ana"
    a.start_button.click()
    assert a.started and a.path == out / learner_file_name("russia-iran", "Ana")
    a.select("Convenience")
    a.judge("accept")
    assert on_disk(a.path)["learner"] == "Ana"


def test_learners_sharing_a_folder_get_files_of_their_own(case: Path, tmp_path: Path) -> None:
    """In Voilà every learner runs the same notebook: names keep their work apart."""
    ana, ben = Annotator(case, folder=tmp_path), Annotator(case, folder=tmp_path)
    ana.start("Ana")
    ben.start("Ben")
    ana.select("Convenience")
    ana.judge("accept")
    ben.select("Convenience")
    ben.judge("reject")
    assert ana.path != ben.path
    assert on_disk(ana.path)["nodes"]["[Convenience]"]["judgement"] == "accept"
    assert on_disk(ben.path)["nodes"]["[Convenience]"]["judgement"] == "reject"
