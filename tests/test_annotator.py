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
from argmap.judge.overlay import learner_map, node_looks  # noqa: E402
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


def test_the_learner_file_downloads_as_it_is_saved(case: Path, ann_file: Path) -> None:
    """The workbench offers the learner file itself (what the teacher collects), the
    bytes on disk after every save: in the browser-only kit this is how it leaves."""
    a = Annotator(case, learner="Ana", file=ann_file)
    assert a.download_file.filename == ann_file.name
    assert a.download_file.data == ann_file.read_bytes()
    assert a.download_file.mime == "application/json"
    a.view.selected = a._names_by_ref[argmap.NodeRef.statement("Either-or")][0]
    a.judgement.value = "doubt"
    assert a.download_file.data == ann_file.read_bytes()
    assert json.loads(a.download_file.data)["nodes"]["[Either-or]"]["judgement"] == "doubt"


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


# -- issue 12: names, two tabs, export, the learner's own nodes, messages ------------------------


def test_learners_in_any_alphabet_get_their_own_files_and_are_resumed(case: Path, tmp_path: Path) -> None:
    maria, ivan = Annotator(case, folder=tmp_path), Annotator(case, folder=tmp_path)
    maria.start("Мария")
    ivan.start("Иван")  # used to be told the file belongs to Мария and sent to a 'recovered' file
    assert maria.path != ivan.path and not maria.refused and not ivan.refused
    ivan.select("Convenience")
    ivan.judge("reject")
    back = Annotator(case, folder=tmp_path)
    back.start("иван")  # another day, in lower case
    assert back.path == ivan.path and back.annotations.judgement("[Convenience]") == "reject"
    assert "welcome back" in back.head.value
    assert not list(tmp_path.glob("*recovered*"))


def test_enter_in_the_name_box_starts(case: Path, tmp_path: Path) -> None:
    a = Annotator(case, folder=tmp_path)
    a.name_box.value = "Léa"  # what Enter sends (the box syncs on Enter, not on each key)
    assert a.started and a.learner == "Léa"
    a.start_button.click()  # a click after Enter changes nothing
    assert a.started and "already" not in a.banner.value


def test_two_workbenches_on_one_file_keep_both_changes_and_say_so(case: Path, tmp_path: Path) -> None:
    tab1, tab2 = Annotator(case, folder=tmp_path), Annotator(case, folder=tmp_path)
    tab1.start("Ana")
    tab2.start("Ana")
    tab2.select("Either-or")
    tab2.judge("reject")
    tab2.select("Convenience")
    tab2.add("objection", "Trade with the West matters more.")
    tab1.select("Convenience")
    tab1.judge("accept")  # tab 1 still shows the old state: its save must not undo tab 2's
    disk = on_disk(tab1.path)
    assert disk["nodes"]["[Either-or]"]["judgement"] == "reject"
    assert disk["nodes"]["[Convenience]"]["judgement"] == "accept"
    assert [x["text"] for x in disk["added"]] == ["Trade with the West matters more."]
    assert "Another window" in tab1.banner.value and "Both are kept" in tab1.banner.value
    assert tab1.learner_map.has(argmap.NodeRef.statement("added-1"))  # tab 1 now shows tab 2's node


def test_run_all_before_a_name_exports_nothing(case: Path, tmp_path: Path) -> None:
    a = Annotator(case, folder=tmp_path)
    box = a.exporter()  # what notebook 8's export cell shows on Run All
    assert a.export_button.disabled and not a.download.data
    a.export_button.click()
    assert not list(tmp_path.glob("*.pdf"))
    with pytest.raises(ValueError, match="named after you"):
        a.export()
    a.start("Ana")
    assert not a.export_button.disabled
    a.select("Either-or")
    a.judge("reject")
    a.export_button.click()
    pdf = tmp_path / (a.path.name.removesuffix(".annotations.json") + ".pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert a.download.filename == pdf.name and a.download.data == pdf.read_bytes()
    assert "made at" in a.export_message.value and box.children


def test_every_learner_exports_a_pdf_of_their_own(case: Path, tmp_path: Path) -> None:
    ana, ben = Annotator(case, folder=tmp_path), Annotator(case, folder=tmp_path)
    ana.start("Ana")
    ben.start("Ben")
    assert ana.export() != ben.export()
    assert len(list(tmp_path.glob("*.pdf"))) == 2


def test_own_nodes_are_named_by_their_words_editable_and_removable_with_undo(
    case: Path, ann_file: Path
) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Convenience")
    new_id = a.add("objection", "Trade is growing fast.")
    a.select(new_id)
    assert "Trade is growing fast." in a.node_info.value and new_id not in a.node_info.value
    assert a.view.labels[a._names_by_ref[argmap.NodeRef.statement(new_id)][0]].startswith("your objection")
    assert a.editor.layout.display is None  # the edit form shows for the learner's own node
    a.edit_text.value = "Trade is growing, but from a low base."
    a.edit_button.click()
    assert on_disk(ann_file)["added"][0]["text"] == "Trade is growing, but from a low base."
    a.select(new_id)
    a.judge("doubt")
    a.remove_button.click()
    assert on_disk(ann_file)["added"] == [] and a.undo_button.layout.display is None
    a.undo_button.click()
    disk = on_disk(ann_file)
    assert disk["added"][0]["text"] == "Trade is growing, but from a low base."
    assert disk["nodes"][new_id]["judgement"] == "doubt"  # its judgement came back too
    assert a.undo_button.layout.display == "none"
    a.select("Either-or")
    assert a.editor.layout.display == "none"  # not for the author's nodes


def test_make_it_an_objection_twice_adds_one(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Experts agree")
    a.questions.children[1].children[1].children[1].click()
    first = a.selected_key
    a.select("Experts agree")
    a.questions.children[1].children[1].children[1].click()
    assert len(on_disk(ann_file)["added"]) == 1 and a.selected_key == first


def test_learner_evidence_has_a_basis(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Deep mistrust")
    a.add_kind.value = "evidence"
    assert a.add_basis.layout.display is None
    a.add_text.value = "Mistrust"
    a.add_quote.value = "The roots of mistrust between Moscow and Tehran run deep"
    a.add_basis.value = "quotation"
    a.add_button.click()
    assert on_disk(ann_file)["added"][0]["basis"] == "quotation"
    assert "quotation" in a.node_info.value
    a.add_kind.value = "objection"
    assert a.add_basis.layout.display == "none"


def test_what_still_stands_is_said_once_and_names_own_nodes_by_their_words(
    case: Path, ann_file: Path
) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Convenience")
    a.add("objection", "Trade is growing fast.")
    a.show_standing()
    a.select("Convenience")
    text = a.explanation.value
    assert "added-1" not in text and "Trade is growing fast." in text
    sentence = "It has lost the support of"
    assert text.count(sentence) == a.evaluation.explain("[Convenience]").count(sentence)  # not twice


def test_a_window_that_only_looks_takes_up_what_the_other_saved(case: Path, tmp_path: Path) -> None:
    tab1, tab2 = Annotator(case, folder=tmp_path), Annotator(case, folder=tmp_path)
    tab1.start("Ana")
    tab2.start("Ana")
    tab2.select("Either-or")
    tab2.judge("reject")
    tab1.select("Either-or")  # tab 1 changes nothing, it only looks
    assert tab1.judgement.value == "reject" and "Another window" in tab1.banner.value
    assert "[Either-or]: reject" in tab1.banner.value


def test_a_class_folder_that_cannot_be_written_is_said_in_words(case: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the class folder should be", encoding="utf-8")
    a = Annotator(case, folder=blocker / "class")
    a.name_box.value = "Ana"
    assert not a.started and "cannot be saved" in a.banner.value and "ARGMAP_CLASS_DIR" in a.banner.value
    ok = Annotator(case, folder=tmp_path / "class")
    ok.start("Ana")
    shutil.rmtree(tmp_path / "class")  # the folder is gone from under the workbench …
    (tmp_path / "class").write_text("now a file", encoding="utf-8")  # … and cannot come back
    ok.select("Either-or")
    ok.judgement.value = "reject"  # the click does not end in a traceback: the banner says it
    assert "Not saved" in ok.banner.value and "cannot be written" in ok.banner.value


def test_workbench_draws_every_piece_of_evidence_so_each_can_be_judged() -> None:
    """The default picture of a big map folds its evidence into counts; the workbench
    must not, or learners could not select and judge a piece of evidence."""
    import argmap
    from argmap.model import Role
    from argmap.widgets import Annotator

    m = argmap.load(CASE)
    a = Annotator(m)
    evidence = {s.title for s in m.statements if s.role is Role.EVIDENCE}
    assert evidence and all(f'id="argmap&#45;{name}"' in a.view.svg for name in _names_of(a, evidence))


def _names_of(a, titles):  # type: ignore[no-untyped-def]
    return [name for name, ref in a._names.items() if ref.title in titles]


# -- the learner's weighing: objection strengths, a verdict on the thesis with a reason ---------------


def test_an_objection_takes_a_strength_and_a_premise_does_not(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Forced together")
    assert a.strength.layout.display == "none"  # a reason for the thesis has no strength of its own
    a.select("Treaty")
    assert a.strength.layout.display != "none"
    assert [v for _, v in a.strength.options] == ["", "strong", "weak", "none"]
    a.judgement.value = "accept"
    a.strength.value = "weak"
    disk = on_disk(ann_file)
    assert disk["nodes"]["[Treaty]"] == {"judgement": "accept", "strength": "weak"}
    assert disk["version"] == 2
    treaty = next(o for o in a.evaluation.weigh().objections if o.key == "[Treaty]")
    assert treaty.strength == "weak" and treaty.counts
    a.strength.value = ""  # taken back
    assert on_disk(ann_file)["nodes"]["[Treaty]"] == {"judgement": "accept"}


def test_the_learners_own_objection_takes_a_strength(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Convenience")
    new_id = a.add("objection", "They hold joint naval drills every year.")
    a.select(new_id)
    assert a.strength.layout.display != "none"
    a.strength.value = "strong"
    assert on_disk(ann_file)["nodes"][new_id]["strength"] == "strong"


def test_the_thesis_takes_a_verdict_and_a_reason_that_survive_a_restart(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Treaty")
    assert a.weigher.verdict_box.layout.display == "none"  # nothing to weigh for or against it
    a.select("Convenience")
    assert a.weigher.verdict_box.layout.display != "none"
    assert [v for _, v in a.verdict.options] == ["", "supported", "contested", "refuted", "open"]
    a.verdict.value = "contested"
    a.reason.value = "The treaty is real, but the deeds say need."
    assert on_disk(ann_file)["nodes"]["[Convenience]"] == {
        "verdict": "contested",
        "reason": "The treaty is real, but the deeds say need.",
    }
    again = Annotator(case, learner="Ana", file=ann_file)
    again.select("Convenience")
    assert again.verdict.value == "contested"
    assert again.reason.value == "The treaty is real, but the deeds say need."
    verdict = again.evaluation.weigh().verdict
    assert verdict is not None and verdict.reason == "The treaty is real, but the deeds say need."


def test_what_still_stands_shows_the_weighing(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.show_standing()
    a.select("Convenience")
    assert "Your verdict: not given yet" in a.explanation.value
    a.give_verdict("refuted", "Two objections outweigh the lines of support.")
    text = a.explanation.value
    assert "Your verdict: refuted, because “Two objections outweigh the lines of support.”" in text
    assert "Against it:" in text and "[Treaty]" in text  # the weighing, line by line
    thesis_style = a.view.styles[a._names_by_ref[argmap.NodeRef.statement("Convenience")][0]]
    assert thesis_style["mark"].endswith("falls")  # the verdict decides the thesis
    a.verdict.value = ""
    thesis_style = a.view.styles[a._names_by_ref[argmap.NodeRef.statement("Convenience")][0]]
    assert not thesis_style["mark"].endswith("falls")


def test_a_contested_statement_besides_the_thesis_takes_a_verdict(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    a.select("Will erode")  # a second conclusion with support and an objection
    assert a.weigher.verdict_box.layout.display != "none"
    a.select("Either-or")  # an assumption: nothing argues for it
    assert a.weigher.verdict_box.layout.display == "none"


def test_the_weighing_controls_wait_for_a_name(case: Path, tmp_path: Path) -> None:
    a = Annotator(case, folder=tmp_path / "class")
    a.select("Treaty")
    assert a.strength.disabled and a.verdict.disabled and a.reason.disabled
    assert not (tmp_path / "class").exists() or not any((tmp_path / "class").iterdir())


# -- issue 18: whose node, whose file -------------------------------------------------------------


def test_the_panel_names_the_node_a_judgement_is_saved_on(case: Path, ann_file: Path) -> None:
    a = Annotator(case, learner="Ana", file=ann_file)
    assert a.target.layout.display == "none"  # nothing selected: nothing to name
    a.select("Deep exchange")
    assert "Saved on: <b>objection [Deep exchange]</b>" in a.target.value
    assert a.view.shown == a.view.selected  # the browser may let the panel take input
    a.select(argmap.NodeRef.argument("Experts agree"))
    assert "inference &lt;Experts agree&gt;" in a.target.value
    own = a.add("objection", "Trade is <b>growing</b>", target="[Convenience]")
    a.select(own)
    assert "your objection “Trade is &lt;b&gt;growing&lt;/b&gt;”" in a.target.value


def test_the_name_sends_focus_to_the_map(case: Path, tmp_path: Path) -> None:
    a = Annotator(case, folder=tmp_path)
    before = a.view.focus_serial
    a.name_box.value = "Ana"
    assert a.started and a.view.focus_serial == before + 1
    b = Annotator(case, folder=tmp_path)
    b.skip_button.click()  # the skip link: to the map before (or without) a name
    assert b.view.focus_serial == before + 1 and not b.started


def test_in_the_app_a_learners_file_opens_only_with_their_code(case: Path, tmp_path: Path) -> None:
    """Issue 18: anyone can type any name in the code-free app; the first start chooses
    a code, and the same name in another letter case with a wrong code opens nothing
    and changes nothing."""
    ana = Annotator(case, folder=tmp_path, code=True)
    ana.name_box.value = "Ana"  # Enter in the name box: the code comes next
    assert not ana.started and not list(tmp_path.glob("*.json"))
    ana.code_box.value = "ab"
    assert not ana.started and "at least 4 characters" in ana.banner.value
    ana.code_box.value = "lime-tree"
    assert ana.started and "remember it" in ana.banner.value
    ana.select("Convenience")
    ana.judge("accept")
    saved = ana.path.read_bytes()
    stamp = ana.path.stat().st_mtime_ns

    other = Annotator(case, folder=tmp_path, code=True)
    other.name_box.value = "aNA"
    other.code_box.value = "oak-tree"
    assert not other.started and other.store is None
    assert "not the code for this name, so nothing was opened" in other.banner.value
    other.start_button.click()  # the same try once more: said again, not counted again
    assert other._wrong_codes == 1 and "not the code" in other.banner.value
    with pytest.raises(ValueError, match="select a node|Start"):
        other.judge("reject")
    assert ana.path.read_bytes() == saved and ana.path.stat().st_mtime_ns == stamp
    assert "lime-tree" not in "".join(p.read_text() for p in tmp_path.rglob("*") if p.is_file())

    back = Annotator(case, folder=tmp_path, code=True)
    back.start("ANA ", code="lime-tree")  # the same learner, the right code: resumed
    assert back.path == ana.path and back.annotations.judgement("[Convenience]") == "accept"


def test_wrong_codes_in_a_row_make_the_workbench_wait(case: Path, tmp_path: Path) -> None:
    from argmap.widgets.annotator import MAX_WRONG_CODES

    Annotator(case, folder=tmp_path, code=True).start("Ana", code="right-code")
    a = Annotator(case, folder=tmp_path, code=True)
    for k in range(MAX_WRONG_CODES):
        with pytest.raises(ValueError, match="not the code"):
            a.start("Ana", code=f"guess-{k}")
    with pytest.raises(ValueError, match="too many wrong codes: wait"):
        a.start("Ana", code="right-code")  # even the right one waits
    assert not a.started


def test_a_reset_code_is_chosen_again_and_the_work_is_kept(case: Path, tmp_path: Path) -> None:
    from argmap.classroom.passcode import code_file, reset_code

    a = Annotator(case, folder=tmp_path, code=True)
    a.start("Ben", code="first-code")
    a.select("Convenience")
    a.judge("doubt")
    assert code_file(a.path).exists() and code_file(a.path).parent.name.startswith(".")
    assert reset_code(a.path) and not reset_code(a.path)
    b = Annotator(case, folder=tmp_path, code=True)
    b.start("ben", code="second-code")
    assert b.annotations.judgement("[Convenience]") == "doubt"


@pytest.mark.parametrize(
    ("env", "wanted"),
    [
        ({}, False),
        ({"VOILA_BASE_URL": "/"}, True),
        ({"VOILA_BASE_URL": "/", "JUPYTERHUB_USER": "ana"}, False),
    ],
    ids=["jupyterlab", "voila", "voila-on-a-hub"],
)
def test_codes_are_asked_in_the_app_only(
    env: dict[str, str], wanted: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.widgets.annotator import code_wanted

    for k in ("VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_KERNEL_ID", "JUPYTERHUB_USER"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert code_wanted() is wanted


def test_the_download_button_says_what_it_saves(case: Path, tmp_path: Path) -> None:
    a = Annotator(case, folder=tmp_path)
    a.start("Ana")
    assert a.download.label == "Download my work (PDF)"  # never a file name cut short
    path = a.export()
    assert a.download.filename == path.name


def test_the_exported_pdf_carries_the_weighing(case: Path, tmp_path: Path) -> None:
    """Issue 18: the learner's own PDF (Export my map as PDF) says their verdict on the
    thesis, its reason and how much they say each objection weighs."""
    pypdf = pytest.importorskip("pypdf")
    a = Annotator(case, folder=tmp_path)
    a.start("Ana")
    a.select("Treaty")
    a.rate("strong")
    a.select("Convenience")
    a.give_verdict("contested", "the treaty weighs against need")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(a.export()).pages)
    flat = "".join(text.split())
    assert "Theweighing" in flat and "contested" in flat
    assert "thetreatyweighsagainstneed" in flat and "weighsalot" in flat


@pytest.mark.parametrize(
    ("direction", "expected"),
    [("down", 1), ("right", 2), ("left", 3), ("up", -1)],
    ids=["down-prefers-straight-below", "right", "left", "up-none-above"],
)
def test_arrow_keys_go_to_the_nearest_box_that_way(tmp_path: Path, direction: str, expected: int) -> None:
    """The map view's spatial rule (mapview.js ``nearest``), run in Node: from the box at
    the top left, down goes to the box straight below rather than the nearer one off to
    the side; nothing lies above it."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    import subprocess

    module = tmp_path / "mapview.mjs"
    shutil.copy(ROOT / "src" / "argmap" / "widgets" / "mapview.js", module)
    boxes = json.dumps(
        [
            {"x": 0, "y": 0, "width": 10, "height": 10},  # from here
            {"x": 0, "y": 50, "width": 10, "height": 10},  # straight below, 40 away
            {"x": 40, "y": 12, "width": 10, "height": 10},  # right, a little lower
            {"x": -30, "y": 2, "width": 10, "height": 10},  # left
        ]
    )
    script = (
        f"import('{module.as_uri()}').then(m => {{ const b = {boxes}; "
        f"console.log(m.nearest(b[0], b, '{direction}')); }})"
    )
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60, check=True).stdout
    assert int(out.strip()) == expected
