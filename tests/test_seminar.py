"""The class view, the discussion agenda, refused learner files, and `argmap seminar`."""

from __future__ import annotations

import io
import json
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

import argmap
from argmap.annotations import Annotations, AnnotationStore, dumps, learner_file_name, save
from argmap.classroom.collect import class_folder_status, collect, learner_files
from argmap.classroom.seminar import (
    AgendaItem,
    ClassView,
    agenda,
    agenda_markdown,
    class_view,
    split_of,
)
from argmap.cli import main
from argmap.draw import theme
from argmap.model import ArgumentMap, Role, Statement

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "notebooks" / "russia-iran.argdown"
EXAMPLES = ROOT / "examples" / "seminar"
DATA = Path(__file__).parent / "data" / "seminar"


@pytest.fixture(scope="module")
def case() -> ArgumentMap:
    return argmap.load(CASE)


@pytest.fixture(scope="module")
def example_view(case: ArgumentMap) -> ClassView:
    return class_view(case, sorted(EXAMPLES.glob("*.json")))


def tiny() -> ArgumentMap:
    return argmap.loads(
        "[T]: The thesis. #thesis\n"
        "  + <A>: An argument.\n\n"
        "<A>\n\n(1) [P]: A premise.\n(2) [H]: A hidden premise. #assumption\n----\n(3) [T]\n"
    )


def learner(m: ArgumentMap, name: str, **judgements: str) -> Annotations:
    a = Annotations.new(name, m)
    for key, value in judgements.items():
        a = a.with_judgement(f"[{key}]" if key != "A" else "<A>", value)
    return a


# -- the split measure ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "split"),
    [
        ((5, 0, 0), 0.0),
        ((0, 4, 0), 0.0),
        ((3, 0, 3), 1.0),
        ((3, 3, 0), 0.25),
        ((1, 1, 1), 2 / 3),
        ((0, 0, 0), 0.0),
    ],
    ids=["all-accept", "all-doubt", "half-accept-half-reject", "accept-doubt", "even-thirds", "nobody"],
)
def test_split_is_the_variance_on_reject_doubt_accept(counts: tuple[int, int, int], split: float) -> None:
    assert split_of(counts) == pytest.approx(split, abs=1e-6)


def test_accept_against_reject_splits_more_than_accept_against_doubt() -> None:
    assert split_of((5, 0, 5)) > split_of((5, 5, 0)) > split_of((10, 0, 0))


# -- counting --------------------------------------------------------------------------------------


def test_counts_judgements_flags_and_notes_per_node() -> None:
    m = tiny()
    a = learner(m, "Ana", T="accept", H="reject", A="strong").with_flag("[H]", "questionable-assumption")
    a = a.with_note("[H]", "Not obvious.")
    b = learner(m, "Ben", T="accept", H="doubt", A="weak")
    c = learner(m, "Cy", T="reject", H="reject").with_flag("[H]", "questionable-assumption")
    c = c.with_flag("[T]", "loaded-language")
    view = class_view(m, [a, b, c])
    assert view.learners == ("Ana", "Ben", "Cy")
    t, h, arg = view.tally("[T]"), view.tally("[H]"), view.tally("<A>")
    assert t.counts == (2, 0, 1) and t.flags == {"loaded-language": 1}
    assert h.counts == (0, 1, 2) and h.flags == {"questionable-assumption": 2}
    assert h.questioned == 2  # Ana rejected and flagged: counted once
    assert arg.counts == (1, 1, 0) and arg.kind == "inference" and arg.bar() == "strong 1 · weak 1 · none 0"
    assert [(n.learner, n.text) for n in h.notes] == [(0, "Not obvious.")]
    assert view.tally("P").judged == 0


def test_evidence_words_count_as_accept_doubt_reject() -> None:
    m = argmap.loads('[T]: Thesis. #thesis\n  + [E]: Evidence. #evidence {quote: "q", basis: fact}\n')
    files = [
        learner(m, n, E=j) for n, j in [("a", "solid"), ("b", "shaky"), ("c", "unfounded"), ("d", "accept")]
    ]
    assert class_view(m, files).tally("[E]").counts == (2, 1, 1)


def test_a_step_key_wins_over_its_argument_key() -> None:
    m = tiny()
    a = Annotations.new("Ana", m).with_judgement("<A>", "none").with_judgement("<A>#1", "strong")
    view = class_view(m, [a])
    assert view.tally("<A>").counts == (1, 0, 0)


def test_added_nodes_are_grouped_by_their_map_target(example_view: ClassView) -> None:
    experts = example_view.added_to("<Experts agree>")
    assert experts is not None
    assert {example_view.name(i.learner) for i in experts.items} == {"Chloé", "Emma"}
    assert experts.learners("objection") == 2
    # Dmitri's rebuttal answers his own objection (added-1): it is grouped under the thesis too
    thesis = example_view.added_to("[Convenience]")
    assert thesis is not None and [i.kind for i in thesis.items] == ["objection", "rebuttal"]


def test_the_examples_show_a_real_split(example_view: ClassView) -> None:
    assert example_view.size == 5 and not example_view.refusals
    either_or = example_view.tally("[Either-or]")
    assert either_or.counts == (2, 1, 2) and either_or.state == "SPLIT"
    assert example_view.tally("<Driven by need>").state == "agreed"


def test_anonymous_names_are_learner_numbers_in_file_order(example_view: ClassView) -> None:
    assert [example_view.name(i, anonymous=True) for i in range(3)] == ["Learner 1", "Learner 2", "Learner 3"]
    hidden = example_view.to_markdown(anonymous=True)
    assert "Chloé" not in hidden and "Learner 3" in hidden
    assert "Chloé" in example_view.to_markdown()


# -- refused files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("damaged-truncated.json", "annotation-damaged"),
        ("damaged-bad-judgement.json", "annotation-damaged"),
        ("hostile-nesting.json", "annotation-damaged"),
        ("foreign-map.json", "annotation-foreign"),
        ("newer-version.json", "annotation-newer"),
    ],
    ids=["truncated", "bad-judgement", "deep-nesting", "foreign", "newer"],
)
def test_a_bad_file_is_refused_on_its_own(case: ArgumentMap, name: str, code: str) -> None:
    view = class_view(case, [DATA / "good-nina.json", DATA / name])
    assert view.learners == ("Nina",)
    (refusal,) = view.refusals
    assert (Path(refusal.path).name, refusal.code) == (name, code)
    assert refusal.reason


def test_oversized_file_and_folder_are_refused_without_reading(case: ArgumentMap, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(2_000_001)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    view = class_view(case, [big, folder, tmp_path / "missing.json", DATA / "good-nina.json"])
    assert [r.code for r in view.refusals] == ["file-too-large", "annotation-damaged", "annotation-damaged"]
    assert view.size == 1


def test_a_second_copy_of_one_learners_file_is_refused(case: ArgumentMap, tmp_path: Path) -> None:
    copy = tmp_path / "nina-again.json"
    copy.write_bytes((DATA / "good-nina.json").read_bytes())
    view = class_view(case, [DATA / "good-nina.json", copy])
    assert view.size == 1 and "second copy" in view.refusals[0].reason


def test_annotations_for_another_map_given_as_values_are_refused(case: ArgumentMap) -> None:
    other = ArgumentMap(statements=(Statement("Cats", role=Role.THESIS),))
    view = class_view(case, [Annotations.new("Olga", other).with_judgement("[Cats]", "accept")])
    assert view.size == 0 and view.refusals[0].code == "annotation-foreign"


def test_hostile_text_comes_out_escaped_everywhere(case: ArgumentMap) -> None:
    view = class_view(case, [DATA / "hostile-script.json"])
    assert view.size == 1
    md = view.to_markdown() + agenda_markdown(view)
    assert "\\<script\\>" in md and "\\<img src" in md
    assert not re.search(r"(?<!\\)<", md)  # every < from a learner is escaped
    dot = view.to_dot()
    assert "<script" not in dot and "pwned" not in dot and "onerror" not in dot


@pytest.mark.graphviz
def test_hostile_text_never_reaches_the_svg(case: ArgumentMap) -> None:
    view = class_view(case, [DATA / "hostile-script.json", *sorted(EXAMPLES.glob("*.json"))])
    svg = view.to_svg()
    assert "<script" not in svg.lower() and "onerror" not in svg


# -- the diagram ----------------------------------------------------------------------------------


def test_diagram_writes_counts_and_state_into_the_nodes(example_view: ClassView) -> None:
    dot = example_view.to_dot()
    assert dot.count("digraph") == 1 and dot.rstrip().endswith("}")
    assert "✓ 2 · ? 1 · ✗ 2" in dot  # [Either-or]
    assert "⇅ split" in dot and "= agreed" in dot
    assert "Class view: 5 learners" in dot and "cluster_key" in dot  # one key, not a second one
    assert "class_key" not in dot
    # the statement's own text is still there beside the mark
    assert "A partnership rests either" in dot


def test_split_nodes_get_a_badge_and_keep_their_role_look(example_view: ClassView) -> None:
    """The class view marks a split with a badge; it never repaints the node (an
    orange fill and a vermilion border made split nodes look like objections)."""
    styles = example_view.styles()
    split, agreed = styles["Either-or"], styles["Driven by need"]
    assert split.mark == "⇅ split" and agreed.mark == "= agreed"
    assert all(s.fill is None and s.pen is None and s.penwidth is None for s in styles.values())
    dot = example_view.to_dot()
    either_or = next(line for line in dot.splitlines() if "Either-or" in line and "argmap-assumption" in line)
    look = theme.ROLES[Role.ASSUMPTION]
    assert f'fillcolor="{look.fill}" color="{look.pen}"' in either_or


@pytest.mark.graphviz
@pytest.mark.parametrize("ext", ["svg", "pdf"], ids=["svg", "pdf"])
def test_render_writes_the_file(example_view: ClassView, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"class.{ext}"
    data = example_view.render(out)
    assert out.read_bytes() == data
    assert data.startswith(b"%PDF" if ext == "pdf" else b"<?xml")


# -- the agenda ----------------------------------------------------------------------------------


def test_agenda_ranks_the_split_questioned_assumption_first(example_view: ClassView) -> None:
    items = agenda(example_view, limit=10)
    assert [i.rank for i in items] == list(range(1, len(items) + 1))
    assert items[0].key == "[Either-or]"
    assert any("questioned this assumption" in r for r in items[0].reasons)
    assert ("Ben", "Need and trust can both be true. Why must it be one or the other?") in items[0].notes
    scores = [i.score for i in items]
    assert scores == sorted(scores, reverse=True)


def test_agenda_lists_objections_learners_added(example_view: ClassView) -> None:
    items = {i.key: i for i in agenda(example_view, limit=50)}
    experts = items["<Experts agree>"]
    assert any("2 learners added an objection" in r for r in experts.reasons)
    assert any(text.startswith("(objection) Other analysts") for _, text in experts.notes)


def test_agenda_ties_follow_map_order() -> None:
    m = tiny()
    files = [learner(m, "a", T="accept", H="accept"), learner(m, "b", T="reject", H="reject")]
    items = agenda(class_view(m, files))
    assert [i.key for i in items] == ["[T]", "[H]"]  # same score: map order
    assert items[0].score == items[1].score


def test_agenda_hides_names(example_view: ClassView) -> None:
    items = agenda(example_view, anonymous=True)
    names = {name for i in items for name, _ in i.notes}
    assert names and all(re.fullmatch(r"Learner \d+", n) for n in names)
    assert "Ben" not in agenda_markdown(example_view, anonymous=True)


def test_agenda_limit_and_empty_class() -> None:
    m = tiny()
    assert agenda(class_view(m, [])) == []
    assert "Nothing stands out" in agenda_markdown(class_view(m, []))
    assert (
        len(agenda(class_view(m, [learner(m, "a", T="accept"), learner(m, "b", T="reject")]), limit=0)) == 0
    )


def test_agenda_markdown_quotes_notes(example_view: ClassView) -> None:
    md = agenda_markdown(example_view, limit=3)
    assert md.startswith("## Discussion agenda")
    assert re.search(r"^1\. \*\*\\\[Either-or\\\]\*\* \(assumption\)", md, re.MULTILINE)
    assert "> Ben:" in md
    assert isinstance(agenda(example_view)[0], AgendaItem)


# -- scale -----------------------------------------------------------------------------------------


def test_300_generated_learner_files_are_counted_exactly(case: ArgumentMap, tmp_path: Path) -> None:
    rng = random.Random(7)
    statements = [f"[{s.title}]" for s in case.statements]
    arguments = [f"<{a.title}>" for a in case.arguments]
    expected: dict[str, list[int]] = {}
    base = Annotations.new("x", case)
    paths = []
    for k in range(300):
        a = replace(base, learner=f"learner {k}", id=f"{k:016x}")
        for key in rng.sample(statements, 20):
            j = rng.choice(["accept", "doubt", "reject"])
            a = a.with_judgement(key, j)
            expected.setdefault(key, [0, 0, 0])[["accept", "doubt", "reject"].index(j)] += 1
        for key in rng.sample(arguments, 3):
            j = rng.choice(["strong", "weak", "none"])
            a = a.with_judgement(key, j)
            expected.setdefault(key, [0, 0, 0])[["strong", "weak", "none"].index(j)] += 1
        a = a.with_added("objection", "[Either-or]", f"objection {k}") if k % 10 == 0 else a
        p = tmp_path / f"l{k:03d}.json"
        p.write_bytes(dumps(a))
        paths.append(p)
    odd = ArgumentMap(statements=(Statement("Z"),))
    save(tmp_path / "zz-odd.json", Annotations.new("odd", odd).with_judgement("[Z]", "accept"))
    view = class_view(case, [*paths, tmp_path / "zz-odd.json"])
    assert view.size == 300 and len(view.refusals) == 1
    for key, counts in expected.items():
        assert list(view.tally(key).counts) == counts, key
    group = view.added_to("[Either-or]")
    assert group is not None and len(group.items) == 30


# -- the CLI -------------------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_cli_seminar_writes_diagram_and_agenda(tmp_path: Path) -> None:
    files = [str(p) for p in sorted(EXAMPLES.glob("*.json"))]
    out, md = tmp_path / "class.dot", tmp_path / "agenda.md"
    code, stdout, stderr = run("seminar", "--map", str(CASE), *files, "-o", str(out), "--agenda", str(md))
    assert code == 0, stderr
    assert "Class view: 5 learners" in out.read_text(encoding="utf-8")
    assert "[Either" in md.read_text(encoding="utf-8").replace("\\", "")
    assert "5 learner files used" in stderr


def test_cli_seminar_refuses_bad_files_by_name_and_goes_on(tmp_path: Path) -> None:
    files = [str(DATA / n) for n in ("good-nina.json", "damaged-truncated.json", "foreign-map.json")]
    code, _, stderr = run("seminar", "--map", str(CASE), *files, "-o", str(tmp_path / "c.dot"))
    assert code == 0
    assert "damaged-truncated.json" in stderr and "annotation-damaged" in stderr
    assert "foreign-map.json" in stderr and "annotation-foreign" in stderr


def test_cli_seminar_anonymous_names_refused_files_by_number_only(tmp_path: Path) -> None:
    """Learners' files carry their names: on a projector a refusal says "file 2"."""
    nina = json.loads((DATA / "good-nina.json").read_text(encoding="utf-8"))
    forged = dict(nina, nodes={})  # Nina's id and name, other content
    (tmp_path / "nina-copy.json").write_text(json.dumps(forged), encoding="utf-8")
    files = [
        str(DATA / "good-nina.json"),
        str(DATA / "damaged-truncated.json"),
        str(tmp_path / "nina-copy.json"),
    ]
    code, _, stderr = run("seminar", "--map", str(CASE), *files, "-o", str(tmp_path / "c.dot"), "--anonymous")
    assert code == 0
    assert "learner file 2: refused [annotation-damaged]" in stderr
    assert "learner file 3: refused [annotation-foreign]" in stderr
    assert "nina" not in stderr.lower(), stderr


def test_cli_seminar_fails_when_no_file_is_usable(tmp_path: Path) -> None:
    code, _, stderr = run(
        "seminar", "--map", str(CASE), str(DATA / "newer-version.json"), "-o", str(tmp_path / "c.dot")
    )
    assert code == 1 and "no learner file could be used" in stderr
    assert not (tmp_path / "c.dot").exists()


def test_cli_seminar_prints_the_agenda_without_agenda_file(tmp_path: Path) -> None:
    files = [str(p) for p in sorted(EXAMPLES.glob("*.json"))]
    code, stdout, _ = run("seminar", "--map", str(CASE), *files, "-o", str(tmp_path / "c.dot"), "--anonymous")
    assert code == 0 and "Discussion agenda" in stdout and "Learner 2" in stdout and "Ben" not in stdout


# -- one file per learner in the class folder ---------------------------------------------------


def test_a_forged_copy_does_not_push_out_the_real_file(tmp_path: Path) -> None:
    """A file with another learner's id and name, sorted first, used to get the real file refused."""
    m = tiny()
    real = learner(m, "Ana", T="accept").with_note("[T]", "my own words")
    real_path = tmp_path / learner_file_name("tiny", "Ana")
    save(real_path, real)
    forged = replace(real, nodes={}).with_judgement("[T]", "reject")
    forged_path = tmp_path / "aaa-ana.json"  # sorts first
    forged_path.write_bytes(dumps(forged))
    view = class_view(m, sorted(tmp_path.glob("*.json")))
    assert view.learners == ("Ana",) and view.tally("[T]").counts == (1, 0, 0)
    assert [Path(r.path).name for r in view.refusals] == ["aaa-ana.json"]
    assert real_path.name in view.refusals[0].reason and "differs" in view.refusals[0].reason
    # a plain copy is still called a copy
    copy = tmp_path / "zzz-copy.json"
    copy.write_bytes(real_path.read_bytes())
    again = class_view(m, [real_path, copy])
    assert again.size == 1 and "second copy" in again.refusals[0].reason


def test_anonymous_refusals_name_no_learner(tmp_path: Path) -> None:
    m = tiny()
    real = learner(m, "Zoë", T="accept")
    save(tmp_path / learner_file_name("tiny", "Zoë"), real)
    (tmp_path / "zoë-forged.json").write_bytes(dumps(replace(real, nodes={})))
    view = class_view(m, sorted(tmp_path.glob("*.json")), anonymous=True)
    text = " ".join(r.format() for r in view.refusals)
    assert view.refusals and "zo" not in text.lower(), text


def test_a_long_chain_of_added_nodes_is_walked_once() -> None:
    """A 1 MB file of rebuttals of rebuttals stalled the seminar for 55 s."""
    m = tiny()
    ann = Annotations.new("Ana", m)
    doc = json.loads(dumps(ann))
    n = 12_000
    doc["added"] = [
        {
            "id": f"added-{i}",
            "kind": "objection",
            "target": "[T]" if i == 1 else f"added-{i - 1}",
            "text": "x",
        }
        for i in range(1, n + 1)
    ]
    chained = argmap.annotations.loads(json.dumps(doc, separators=(",", ":")))
    view = class_view(m, [chained])  # how long it takes: benchmarks/run.py seminar-chain
    group = view.added_to("[T]")
    assert group is not None and len(group.items) == n  # every link of the chain ends at [T]


def test_empty_or_missing_class_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMAP_CLASS_DIR", str(tmp_path / "nowhere"))
    missing = class_folder_status(tmp_path / "nowhere")
    assert "does not exist yet" in missing and "ARGMAP_CLASS_DIR" in missing
    (tmp_path / "empty").mkdir()
    assert "no learner files yet" in class_folder_status(tmp_path / "empty")
    assert learner_files(tmp_path / "empty") == [] and learner_files(tmp_path / "nowhere") == []
    view = class_view(tiny(), learner_files(tmp_path / "empty"))
    assert view.size == 0 and "0 learners" in view.summary()
    assert "Nothing stands out" in agenda_markdown(view)


def test_collect_copies_learner_files_one_per_learner_and_refuses_the_rest(tmp_path: Path) -> None:
    m = tiny()
    m = m.replace(path=str(tmp_path / "tiny.argdown"))
    homes = tmp_path / "home"
    for who, judgement in (("ana", "accept"), ("ben", "reject"), ("Мария", "doubt")):
        store = AnnotationStore(homes / who / "out" / learner_file_name("tiny", who), m, learner=who)
        store.update(lambda a, j=judgement: a.with_judgement("[T]", j))
    (homes / "ben" / "out" / "notes.annotations.json").write_text("not json", encoding="utf-8")
    (homes / "ben" / "out" / ".hidden.annotations.json").write_text("{}", encoding="utf-8")
    class_dir = tmp_path / "class"
    done = collect([homes], class_dir, m)
    assert len(done.copied) == 3 and len(done.refusals) == 1, done
    assert "notes.annotations.json" in done.refusals[0].path
    assert sorted(p.name for p in learner_files(class_dir)) == sorted(
        learner_file_name("tiny", n) for n in ("ana", "ben", "Мария")
    )
    view = class_view(m, learner_files(class_dir))
    assert view.tally("[T]").counts == (1, 1, 1)
    # run again: nothing new; then Ana works on, and only her file is copied
    assert collect([homes], class_dir, m).copied == ()
    store = AnnotationStore(homes / "ana" / "out" / learner_file_name("tiny", "ana"), m, learner="ana")
    store.update(lambda a: a.with_note("[T]", "later"))
    again = collect([homes], class_dir, m)
    assert [Path(d).name for _, d in again.copied] == [learner_file_name("tiny", "ana")]
    # a different document under Ana's name is refused, not copied over hers
    impostor = homes / "eve" / "out" / "x.annotations.json"
    impostor.parent.mkdir(parents=True)
    save(impostor, Annotations.new("Ana", m).with_judgement("[T]", "reject"))
    third = collect([impostor], class_dir, m)
    # Ana's work came from her own folder: a file from elsewhere cannot speak for her
    assert third.copied == () and "collected from folder" in third.refusals[0].reason
    # a forged "later save" of Ana's own document (her id, a later time) does not replace it either
    ana = store.annotations
    forged = replace(ana, updated="2999-01-01T00:00:00Z", history=()).with_judgement("[T]", "reject")
    forged_path = impostor.with_name("y.annotations.json")
    forged_path.write_bytes(dumps(forged))
    fourth = collect([forged_path], class_dir, m)
    assert fourth.copied == () and "collected from folder" in fourth.refusals[0].reason
    # even from Ana's own folder, a "later save" whose history does not go on from hers is refused
    own = homes / "ana" / "out" / "z.annotations.json"
    own.write_bytes(dumps(forged))
    fifth = collect([homes], class_dir, m)
    assert fifth.copied == () and any("history does not continue" in r.reason for r in fifth.refusals)
    assert class_view(m, learner_files(class_dir)).tally("[T]").counts == (1, 1, 1)


# -- the weighing: verdicts with reasons, strengths ---------------------------------------------


def weighed_class() -> tuple[ArgumentMap, list[Annotations]]:
    """Three learners on a map with an objection: two verdicts differ, strengths differ."""
    m = argmap.loads(
        "[T]: The thesis. #thesis\n  + [R]: A reason.\n  - [O]: An objection. #objection\n"
        "    - [N]: A rebuttal. #rebuttal\n"
    )
    ana = Annotations.new("Ana", m).with_verdict("[T]", "supported", "the reason is <b>checkable</b>")
    ana = ana.with_strength("[O]", "none")
    ben = Annotations.new("Ben", m).with_verdict("[T]", "refuted", "the objection wins")
    ben = ben.with_strength("[O]", "strong").with_strength("[N]", "none")
    cem = Annotations.new("Cem", m).with_verdict("[T]", "supported").with_strength("[O]", "strong")
    return m, [ana, ben, cem]


def test_the_class_view_counts_verdicts_reasons_and_strengths() -> None:
    m, files = weighed_class()
    view = class_view(m, files)
    thesis = view.tally("[T]")
    assert thesis.verdict_counts == {"supported": 2, "contested": 0, "refuted": 1, "open": 0}
    assert [(view.name(v.learner), v.verdict, v.reason) for v in thesis.verdicts] == [
        ("Ana", "supported", "the reason is <b>checkable</b>"),
        ("Ben", "refuted", "the objection wins"),
        ("Cem", "supported", ""),
    ]
    assert thesis.verdicts_differ and thesis.strengths == (0, 0, 0)
    assert view.tally("[O]").strengths == (2, 0, 1)
    assert view.tally("[N]").strengths == (0, 0, 1)
    assert not view.tally("[O]").verdicts and not view.tally("[R]").verdicts
    table = view.to_markdown()
    assert "### The weighing" in table
    assert "- Ben: refuted, because “the objection wins”" in table
    assert "&lt;b&gt;checkable" in table or "\\<b\\>checkable" in table  # escaped, never markup
    assert "Ana" not in view.to_markdown(anonymous=True)


def test_a_split_verdict_and_a_split_strength_are_topics_for_the_agenda() -> None:
    m, files = weighed_class()
    items = {it.key: it for it in agenda(class_view(m, files))}
    assert "[T]" in items and "[O]" in items
    assert any("verdicts differ: supported 2 · contested 0 · refuted 1" in r for r in items["[T]"].reasons)
    assert ("Ben", "(verdict: refuted) the objection wins") in items["[T]"].notes
    assert any("weighs it differently: strong 2 · weak 0 · none 1" in r for r in items["[O]"].reasons)
    text = agenda_markdown(class_view(m, files, anonymous=True))
    assert "verdicts differ" in text and "the objection wins" in text and "Ben" not in text
    # A class that agrees on its verdict has nothing to discuss about it.
    same = [files[0], files[2]]
    assert "[T]" not in {it.key for it in agenda(class_view(m, same))}


def test_weighing_read_back_from_learner_files(tmp_path: Path) -> None:
    m, files = weighed_class()
    paths = []
    for a in files:
        p = tmp_path / learner_file_name("t", a.learner)
        save(p, a)
        paths.append(p)
    view = class_view(m, paths)
    assert view.tally("[T]").verdict_counts["refuted"] == 1
    assert view.tally("[O]").strengths == (2, 0, 1)


def test_the_example_class_splits_on_its_verdict_and_the_agenda_quotes_the_reasons(
    example_view: ClassView,
) -> None:
    thesis = example_view.tally("[Convenience]")
    assert thesis.verdict_counts == {"supported": 2, "contested": 1, "refuted": 1, "open": 1}
    assert thesis.verdict_split == pytest.approx(0.56)
    items = {i.key: i for i in agenda(example_view, limit=10)}
    assert any("verdicts differ" in r for r in items["[Convenience]"].reasons)
    assert any(text.startswith("(verdict: refuted)") for _, text in items["[Convenience]"].notes)
    assert any("weighs it differently" in r for r in items["[Treaty]"].reasons)
