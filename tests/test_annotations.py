"""The learner's annotation file: values, validation, load/save, the store."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from argmap.annotations import (
    FLAGS,
    MAX_BYTES,
    MAX_NOTE,
    Annotations,
    AnnotationStore,
    Answer,
    dumps,
    fingerprint,
    link_key,
    load,
    loads,
    parse_key,
    save,
    step_key,
)
from argmap.errors import AnnotationError, Severity
from argmap.model import Argument, ArgumentMap, Inference, NodeRef, Relation, RelationKind, Role, Statement

DATA = Path(__file__).parent / "data" / "annotations"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


def tiny_map(**front: str) -> ArgumentMap:
    return ArgumentMap(
        statements=(
            Statement("T", "The thesis.", role=Role.THESIS),
            Statement("P", "A premise."),
            Statement("A", "An assumption.", role=Role.ASSUMPTION),
            Statement("E", "Some evidence.", role=Role.EVIDENCE, data={"quote": "q", "basis": "fact"}),
        ),
        arguments=(Argument("Arg", inferences=(Inference(("P", "A"), "T"),)),),
        relations=(Relation(RelationKind.SUPPORT, NodeRef.statement("E"), NodeRef.statement("P")),),
        front={"title": "Tiny", **front},
    )


# -- keys ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "kind", "title", "step", "source"),
    [
        ("[T]", "statement", "T", None, None),
        ("<Arg>", "argument", "Arg", None, None),
        ("<Arg>#2", "step", "Arg", 2, None),
        ("[E] +> [P]", "link", "P", None, "E"),
        ("added-12", "added", "added-12", None, None),
        ("[Russia–Iran, 2025: “deal”]", "statement", "Russia–Iran, 2025: “deal”", None, None),
    ],
    ids=["statement", "argument", "step", "link", "added", "unicode-title"],
)
def test_keys_parse_and_print_back(
    key: str, kind: str, title: str, step: int | None, source: str | None
) -> None:
    parsed = parse_key(key)
    assert (parsed.kind, parsed.title, parsed.step, parsed.source) == (kind, title, step, source)
    assert str(parsed) == key


@pytest.mark.parametrize(
    "key", ["T", "", "[]", "<>", "<Arg>#0", "added-0", "[a]b]", "x" * 2000], ids=lambda k: repr(k[:12])
)
def test_bad_keys_are_refused(key: str) -> None:
    with pytest.raises(ValueError, match="not a node key"):
        parse_key(key)


def test_key_helpers() -> None:
    assert step_key("Arg", 2) == "<Arg>#2"
    assert link_key("E", "P") == "[E] +> [P]"
    assert Annotations.new().with_judgement(NodeRef.statement("T"), "accept").judgement("[T]") == "accept"


# -- pure updates ---------------------------------------------------------------------------------------


def test_updates_are_pure_and_remove_empty_entries() -> None:
    a = Annotations.new("Ana")
    b = a.with_judgement("[T]", "doubt").with_flag("[T]", "loaded-language").with_note("[T]", "hm")
    assert a.nodes == {}
    assert b.node("[T]").judgement == "doubt"
    assert b.node("[T]").flags == ("loaded-language",)
    assert b.with_flag("[T]", "loaded-language").node("[T]").flags == ("loaded-language",)
    c = b.with_judgement("[T]", None).without_flag("[T]", "loaded-language").with_note("[T]", "")
    assert "[T]" not in c.nodes


def test_answers_to_critical_questions() -> None:
    a = Annotations.new().with_answer("<Arg>", 2, "no", "only two voices")
    assert a.node("<Arg>").answers == {2: Answer("no", "only two voices")}
    assert a.with_answer("<Arg>", 2, None).nodes == {}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a: a.with_judgement("[T]", "maybe"), "use one of: accept, doubt, reject"),
        (lambda a: a.with_judgement("<Arg>", "accept"), "use one of: strong, weak, none"),
        (lambda a: a.with_judgement("[E] +> [P]", "reject"), "use one of: strong, weak, none"),
        (lambda a: a.with_flag("[T]", "rude"), "use one of: loaded-language"),
        (lambda a: a.with_note("[T]", "x" * (MAX_NOTE + 1)), "the limit is 10,000"),
        (lambda a: a.with_answer("[T]", 1, "yes"), "belong to inferences"),
        (lambda a: a.with_answer("<Arg>", 0, "yes"), "numbered from 1"),
        (lambda a: a.with_answer("<Arg>", 1, "perhaps"), "use one of: yes, no, unsure"),
        (lambda a: a.with_added("opinion", "[T]", "x"), "a kind of added node"),
        (lambda a: a.with_added("assumption", "[T]", "x"), "cannot attach to [T]"),
        (lambda a: a.with_added("objection", "[T]", "   "), "needs some text"),
        (lambda a: a.with_added("rebuttal", "added-9", "x"), "no added node 'added-9'"),
        (lambda a: a.with_judgement("added-3", "accept"), "no added node 'added-3'"),
    ],
    ids=[
        "statement-judgement",
        "argument-judgement",
        "link-judgement",
        "flag",
        "note-too-long",
        "answer-on-statement",
        "question-zero",
        "answer-word",
        "added-kind",
        "assumption-on-statement",
        "empty-added-text",
        "missing-added-target",
        "judge-missing-added",
    ],
)
def test_programming_mistakes_raise_value_error_listing_valid_values(change, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        change(Annotations.new())


def test_flags_vocabulary_has_plain_explanations() -> None:
    assert {"loaded-language", "needs-evidence", "questionable-assumption", "straw-man", "post-hoc"} <= set(
        FLAGS
    )
    assert all(text.endswith(".") and len(text) < 120 for text in FLAGS.values())


def test_added_nodes_get_fresh_ids_and_removal_protects_dependents() -> None:
    a = Annotations.new().with_added("objection", "[T]", "Not so.")
    a = a.with_added("rebuttal", "added-1", "Yes so.").with_judgement("added-2", "doubt")
    assert [x.id for x in a.added] == ["added-1", "added-2"]
    with pytest.raises(ValueError, match="added-2 attach to added-1"):
        a.without_added("added-1")
    b = a.without_added("added-1", cascade=True)
    assert b.added == () and b.nodes == {}
    assert a.without_added("added-2").with_added("evidence", "[T]", "E", quote="q").added[-1].id == "added-2"


# -- round trips --------------------------------------------------------------------------------------------

HOSTILE = {
    "script": '<script>alert("x")</script><img src=x onerror=alert(1)>',
    "json-breakout": '"}, "version": 99, "x": {"',
    "rtl-override": "abc\u202edcba\u2066isolate\u2069",
    "newlines-and-tabs": "line 1\n\tline 2\n",
    "emoji-and-cjk": "👍🏽 論証 \u0627\u0644\u062d\u062c\u0629",
    "line-separator": "a\u2028b\u2029c",
    "long-note": "x" * MAX_NOTE,
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_text_round_trips_verbatim(tmp_path: Path, text: str) -> None:
    m = tiny_map()
    a = (
        Annotations.new("Ana " + text[:50], m)
        .with_note("[T]", text)
        .with_added("objection", "[T]", text, quote=text)
    )
    path = tmp_path / "ana.json"
    save(path, a)
    back = load(path, m)
    assert back == a
    assert back.node("[T]").note == text
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("a\x00b", "ab"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("bell\x07 esc\x1b[31m del\x7f c1\x85", "bell esc[31m del c1"),
        ("lone \ud800 surrogate", "lone  surrogate"),
    ],
    ids=["nul", "line-ends", "controls", "surrogate"],
)
def test_control_characters_are_removed(tmp_path: Path, text: str, kept: str) -> None:
    a = Annotations.new().with_note("[T]", text)
    assert a.node("[T]").note == kept
    save(tmp_path / "a.json", a)
    assert load(tmp_path / "a.json").node("[T]").note == kept


def test_a_megabyte_note_is_refused_not_truncated() -> None:
    with pytest.raises(ValueError, match="1,000,000 characters"):
        Annotations.new().with_note("[T]", "x" * 1_000_000)


def test_the_documented_example_file_loads() -> None:
    a = load(DATA / "valid-ana.json")
    assert a.learner == "Ana"
    assert a.judgement("[A]") == "reject"
    assert a.node("<Arg>").answers[1] == Answer("no", "not an expert")
    assert a.added[0].target == "[P]"
    assert loads(dumps(a)) == a


# -- refusing files ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=sorted(EXPECTED))
def test_broken_files_are_refused_with_code_and_kept(tmp_path: Path, name: str) -> None:
    want = EXPECTED[name]
    path = tmp_path / name
    path.write_bytes((DATA / name).read_bytes())
    before = path.read_bytes()
    with pytest.raises(AnnotationError) as info:
        load(path)
    d = info.value.diagnostic
    assert d.code == want["code"]
    assert want["says"] in d.message
    if "line" in want:
        assert (d.line, d.column) == (want["line"], want["column"])
    assert d.path == str(path)
    assert "will not be overwritten" in (d.hint or "")
    # and saving over it is refused too
    with pytest.raises(AnnotationError):
        save(path, Annotations.new("Ana"))
    assert path.read_bytes() == before


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b'{"format": "argmap-annotations", "pad": "' + b"x" * MAX_BYTES + b'"}')
    with pytest.raises(AnnotationError) as info:
        load(path)
    assert info.value.diagnostic.code == "file-too-large"
    with pytest.raises(AnnotationError):
        save(path, Annotations.new())
    assert path.stat().st_size > MAX_BYTES


def test_file_for_another_map_is_foreign(tmp_path: Path) -> None:
    path = tmp_path / "ana.json"
    save(path, Annotations.new("Ana", tiny_map()).with_judgement("[A]", "reject").with_note("<Arg>", "x"))
    other = ArgumentMap(statements=(Statement("Q"),), front={"title": "Other"})
    before = path.read_bytes()
    with pytest.raises(AnnotationError) as info:
        load(path, other)
    assert info.value.diagnostic.code == "annotation-foreign"
    assert "[A], <Arg>" in info.value.diagnostic.message
    assert path.read_bytes() == before


def test_changed_map_whose_nodes_remain_loads_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "ana.json"
    m = tiny_map()
    save(path, Annotations.new("Ana", m).with_judgement("[A]", "reject"))
    fixed = m.replace(
        statements=(
            *m.statements[:2],
            Statement("A", "An assumption, typo fixed.", Role.ASSUMPTION),
            m.statements[3],
        )
    )
    assert fingerprint(fixed) != fingerprint(m)
    a = load(path, fixed)
    assert a.judgement("[A]") == "reject"
    assert [(d.code, d.severity) for d in a.diagnostics] == [("annotation-foreign", Severity.WARNING)]
    assert load(path, m).diagnostics == ()


def test_save_refuses_to_overwrite_someone_elses_file(tmp_path: Path) -> None:
    path = tmp_path / "ana.json"
    save(path, Annotations.new("Ana").with_note("[T]", "mine"))
    before = path.read_bytes()
    with pytest.raises(AnnotationError) as info:
        save(path, Annotations.new("Ben"))
    assert info.value.diagnostic.code == "annotation-foreign"
    assert path.read_bytes() == before


def test_atomic_save_keeps_the_old_file_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ana.json"
    a = Annotations.new("Ana").with_note("[T]", "first")
    save(path, a)
    before = path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError("simulated crash during rename")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated crash"):
        save(path, a.with_note("[T]", "second"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ana.json"]  # no temporary file left behind


def test_fingerprint_ignores_layout_but_not_content() -> None:
    m = tiny_map()
    reordered = m.replace(
        statements=tuple(reversed(m.statements)),
        front={"title": "Renamed"},
    )
    rewrapped = m.replace(
        statements=(Statement("T", "The\n   thesis. ", role=Role.THESIS), *m.statements[1:])
    )
    changed = m.replace(statements=(Statement("T", "Another thesis.", role=Role.THESIS), *m.statements[1:]))
    assert fingerprint(m) == fingerprint(reordered) == fingerprint(rewrapped)
    assert fingerprint(m) != fingerprint(changed)
    assert fingerprint(m).startswith("sha256:") and len(fingerprint(m)) == 71


def test_fingerprint_of_parsed_maps_survives_reformatting() -> None:
    core = pytest.importorskip("argmap.checking.load")
    text = "[T]: The thesis. #thesis\n  + [P]: A premise.\n"
    reformatted = "// a comment\n[P]:   A premise.\n\n[T]: The thesis.   #thesis\n  + [P]\n"
    a, b = core.loads(text), core.loads(reformatted)
    assert fingerprint(a) == fingerprint(b)
    assert fingerprint(a) != fingerprint(core.loads(text.replace("A premise", "Another premise")))


# -- the store ---------------------------------------------------------------------------------------------


def on_disk(path: Path) -> dict[str, object]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_store_creates_saves_every_change_and_resumes(tmp_path: Path) -> None:
    m = tiny_map()
    path = tmp_path / "ana.json"
    store = AnnotationStore(path, m, learner="Ana")
    assert on_disk(path)["learner"] == "Ana"
    store.update(lambda a: a.with_judgement("[A]", "reject"))
    assert on_disk(path)["nodes"] == {"[A]": {"judgement": "reject"}}
    store.update(lambda a: a.with_note("<Arg>", "Is this <b>really</b> so?"))
    store.update(lambda a: a.with_added("objection", "[P]", "Not in 2024."))
    disk = on_disk(path)
    assert disk["map"] == {"title": "Tiny", "fingerprint": fingerprint(m)}
    assert [h["change"] for h in disk["history"]] == [  # type: ignore[attr-defined]
        "[A]: reject",
        "<Arg>: note",
        "added objection added-1 to [P]",
    ]
    # a kernel restart: a new store on the same path resumes
    again = AnnotationStore(path, m, learner="Ana")
    assert again.annotations == store.annotations
    assert again.annotations.node("<Arg>").note == "Is this <b>really</b> so?"


def test_store_ignores_no_op_changes_and_keeps_state_when_a_change_fails(tmp_path: Path) -> None:
    path = tmp_path / "ana.json"
    store = AnnotationStore(path, tiny_map(), learner="Ana")
    store.update(lambda a: a.with_judgement("[T]", "accept"))
    before = path.read_bytes()
    store.update(lambda a: a.with_judgement("[T]", "accept"))
    assert path.read_bytes() == before
    with pytest.raises(ValueError):
        store.update(lambda a: a.with_judgement("[T]", "sure"))
    assert path.read_bytes() == before
    assert store.annotations.judgement("[T]") == "accept"


def test_store_refuses_another_learners_file_and_damaged_files(tmp_path: Path) -> None:
    m = tiny_map()
    path = tmp_path / "ana.json"
    AnnotationStore(path, m, learner="Ana").update(lambda a: a.with_note("[T]", "mine"))
    before = path.read_bytes()
    with pytest.raises(AnnotationError) as info:
        AnnotationStore(path, m, learner="Ben")
    assert info.value.diagnostic.code == "annotation-foreign"
    assert AnnotationStore(path, m).annotations.learner == "Ana"  # no name given: take the file's
    broken = tmp_path / "broken.json"
    broken.write_bytes(before[:-20])
    with pytest.raises(AnnotationError) as info:
        AnnotationStore(broken, m, learner="Ana")
    assert info.value.diagnostic.code == "annotation-damaged"
    assert broken.read_bytes() == before[:-20]
    assert path.read_bytes() == before


def test_store_follows_a_map_fixed_mid_course(tmp_path: Path) -> None:
    m = tiny_map()
    path = tmp_path / "ana.json"
    AnnotationStore(path, m, learner="Ana").update(lambda a: a.with_judgement("[A]", "reject"))
    fixed = m.replace(
        statements=(Statement("T", "The thesis, reworded.", role=Role.THESIS), *m.statements[1:])
    )
    store = AnnotationStore(path, fixed, learner="Ana")
    assert [d.severity for d in store.diagnostics] == [Severity.WARNING]
    store.update(lambda a: a.with_judgement("[T]", "doubt"))
    assert on_disk(path)["map"]["fingerprint"] == fingerprint(fixed)  # type: ignore[index]
    assert AnnotationStore(path, fixed).diagnostics == ()


# -- the learner's weighing: objection strengths, a verdict with a reason (version 2) ----------------

REASON = "Both sides have a point.\nThe treaty weighs little."


def test_weighing_round_trips_and_only_then_writes_version_2(tmp_path: Path) -> None:
    m = tiny_map()
    path = tmp_path / "ana.json"
    plain = Annotations.new("Ana", m).with_judgement("[P]", "accept")
    save(path, plain)
    assert on_disk(path)["version"] == 1  # nothing new in it: older argmaps still read it
    weighed = plain.with_strength("[E]", "weak").with_verdict("[T]", "contested", REASON)
    save(path, weighed)
    disk = on_disk(path)
    assert disk["version"] == 2
    assert disk["nodes"]["[T]"] == {"verdict": "contested", "reason": REASON}
    assert disk["nodes"]["[E]"] == {"strength": "weak"}
    back = load(path, m)
    assert back == weighed
    assert back.strengths == {"[E]": "weak"}
    assert back.verdicts == {"[T]": ("contested", REASON)}
    # taking everything back leaves no entry, and the file is version 1 again
    save(path, back.with_strength("[E]", None).with_verdict("[T]", None).with_reason("[T]", ""))
    assert on_disk(path)["version"] == 1
    assert on_disk(path)["nodes"] == {"[P]": {"judgement": "accept"}}


def test_an_old_file_without_a_weighing_loads_with_none() -> None:
    ann = load(DATA / "valid-ana.json")
    assert ann.strengths == {} and ann.verdicts == {}
    assert all(n.strength is None and n.verdict is None and n.reason == "" for n in ann.nodes.values())


def test_a_reason_written_before_the_verdict_waits_for_it() -> None:
    ann = Annotations.new("Ana").with_reason("[T]", "Six lines stand.")
    assert ann.verdicts == {} and ann.node("[T]").reason == "Six lines stand."
    ann = ann.with_verdict("[T]", "supported")  # the reason is kept
    assert ann.verdicts == {"[T]": ("supported", "Six lines stand.")}
    assert ann.with_verdict("[T]", "refuted", "No.").verdicts == {"[T]": ("refuted", "No.")}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda a: a.with_strength("[E]", "huge"),
            "'huge' is not a strength; use one of: strong, weak, none",
        ),
        (lambda a: a.with_strength("<Arg>", "weak"), "is a step"),
        (lambda a: a.with_verdict("[T]", "true"), "use one of: supported, contested, refuted, open"),
        (lambda a: a.with_verdict("<Arg>#1", "supported"), "is a step"),
        (lambda a: a.with_reason("[E] +> [P]", "why"), "is a step"),
    ],
    ids=["bad-strength", "strength-on-step", "bad-verdict", "verdict-on-step", "reason-on-link"],
)
def test_weighing_values_are_checked(change, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=re.escape(message)):
        change(Annotations.new("Ana"))


@pytest.mark.parametrize(
    ("node", "where"),
    [
        ('"[T]": {"verdict": "true"}', '$.nodes["[T]"].verdict'),
        ('"[E]": {"strength": 2}', '$.nodes["[E]"].strength'),
        ('"<Arg>": {"strength": "weak"}', '$.nodes["<Arg>"].strength'),
        ('"[T]": {"reason": ["a list"]}', '$.nodes["[T]"].reason'),
    ],
    ids=["bad-verdict", "strength-not-a-word", "strength-on-step", "reason-not-text"],
)
def test_a_damaged_weighing_is_refused_with_its_place(node: str, where: str) -> None:
    text = (
        '{"format": "argmap-annotations", "version": 2, "learner": "Ana", "map": {"fingerprint": null},'
        ' "created": "2025-01-17T09:30:00Z", "updated": "2025-01-17T09:30:00Z", "nodes": {' + node + "}}"
    )
    with pytest.raises(AnnotationError) as exc:
        loads(text)
    assert exc.value.diagnostic.code == "annotation-damaged"
    assert where in exc.value.diagnostic.message


def test_a_file_newer_than_version_2_is_refused_as_newer() -> None:
    text = dumps(Annotations.new("Ana")).decode().replace('"version": 1', '"version": 3')
    with pytest.raises(AnnotationError) as exc:
        loads(text)
    assert exc.value.diagnostic.code == "annotation-newer"


def test_weighing_words_are_those_evaluate_uses() -> None:
    from argmap.annotations import STRENGTH_WORDS, VERDICT_WORDS
    from argmap.judge.evaluate import STRENGTHS, VERDICTS

    assert tuple(STRENGTHS) == STRENGTH_WORDS
    assert tuple(VERDICTS) == VERDICT_WORDS


def test_store_saves_the_weighing_and_says_so_in_the_history(tmp_path: Path) -> None:
    m = tiny_map()
    path = tmp_path / "ana.json"
    store = AnnotationStore(path, m, learner="Ana")
    store.update(lambda a: a.with_strength("[E]", "none"))
    store.update(lambda a: a.with_verdict("[T]", "open"))
    store.update(lambda a: a.with_reason("[T]", "I need the treaty's text."))
    assert [h["change"] for h in on_disk(path)["history"]] == [  # type: ignore[attr-defined]
        "[E]: strength none",
        "[T]: verdict open",
        "[T]: reason",
    ]
    assert AnnotationStore(path, m, learner="Ana").annotations.verdicts == {
        "[T]": ("open", "I need the treaty's text.")
    }


def test_what_still_stands_in_a_picture_uses_the_weighing() -> None:
    from argmap.judge.overlay import annotated

    m = tiny_map()
    ann = Annotations.new("Ana", m)
    _, before = annotated(m, ann, standing=True)
    _, after = annotated(m, ann.with_verdict("[T]", "refuted", "the premise is false"), standing=True)
    assert before["T"].mark.endswith("open") and after["T"].mark.endswith("falls")


def test_load_refuses_a_fifo_without_waiting_and_save_writes_for_the_owner_only(tmp_path: Path) -> None:
    import threading

    from argmap.annotations import Annotations as _Annotations
    from argmap.annotations import load as _load
    from argmap.annotations import save as _save

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    box: dict[str, BaseException] = {}

    def read() -> None:
        try:
            _load(fifo)
        except BaseException as exc:  # handed to the test's thread
            box["error"] = exc

    t = threading.Thread(target=read, daemon=True)
    t.start()
    t.join(30)
    assert not t.is_alive(), "load waited on a FIFO"
    assert isinstance(box.get("error"), AnnotationError) and "named pipe" in str(box["error"])
    path = tmp_path / "ana.json"
    _save(path, _Annotations.new("Ana"))
    assert path.stat().st_mode & 0o777 == 0o600
