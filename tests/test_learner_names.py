"""Learners' names as they are: compared after Unicode normalization without merging
distinct letters, invisible characters not making a second learner, look-alikes
flagged and told apart, right-to-left text isolated (issue 20)."""

from __future__ import annotations

import pytest

from argmap.annotations import (
    display_name,
    display_names,
    learner_file_name,
    look_alikes,
    same_learner,
    skeleton,
)
from argmap.errors import AnnotationError

CYRILLIC_A = "\u0410"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Ana", "ANA ", True),
        ("Léa", "Le\u0301a", True),
        ("Ana", "A\u200bna", True),  # a zero-width space is not a new learner
        ("Ana", "Ana\u2066", True),
        ("Weiß", "Weiss", False),  # case folding would make them one learner, one file
        ("Weiß", "WEIß", True),
        ("Ana", CYRILLIC_A + "na", False),  # another learner, but it looks the same: flagged
        ("Мария", "МАРИЯ", True),
    ],
    ids=[
        "case-space",
        "nfc-nfd",
        "zero-width",
        "isolate",
        "sharp-s",
        "sharp-s-case",
        "cyrillic",
        "cyrillic-case",
    ],
)
def test_names_compare_as_a_reader_sees_them(a: str, b: str, same: bool) -> None:
    assert same_learner(a, b) is same
    assert (learner_file_name("m", a) == learner_file_name("m", b)) is same


def test_four_names_that_all_show_as_ana_are_one_learner_and_one_look_alike() -> None:
    names = ["Ana", "A\u200bna", CYRILLIC_A + "na", "\u202eanA"]
    groups = look_alikes(names)
    assert [g.names for g in groups] == [("Ana", CYRILLIC_A + "na")]
    assert "CYRILLIC+LATIN" in groups[0].describe() and "\x1b" not in groups[0].describe()
    shown = display_names(names)
    assert shown[0] == "Ana" and shown[1] == "Ana"
    assert shown[2] == f"{CYRILLIC_A}na (look-alike 2: CYRILLIC+LATIN)"
    # the override is gone and the name isolated: it shows as typed, not reversed
    assert shown[3] == "\u2068anA\u2069"


@pytest.mark.parametrize(
    ("a", "b"),
    [("Olga", "0lga"), ("Paul", "Pau\u217c"), ("Ivan", "\u0406van"), ("Jose", "Jos\u0435")],
    ids=["zero-for-o", "roman-numeral-l", "ukrainian-i", "cyrillic-e"],
)
def test_look_alike_letters_share_a_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b) or same_learner(a, b)


def test_different_names_do_not_look_alike() -> None:
    names = ["Ana", "Anna", "Ben", "Bea", "Weiß", "Weiss", "李小龙", "Lea", "Léa"]
    assert look_alikes(names) == []


def test_a_right_to_left_name_is_isolated_from_the_text_around_it() -> None:
    assert display_name("مريم") == "\u2068مريم\u2069"
    assert display_name("x\u202e\u2067y") == "\u2068xy\u2069"


def test_the_class_view_tells_look_alikes_apart_and_isolates_right_to_left_names() -> None:
    from argmap.annotations import Annotations
    from argmap.classroom.seminar import agenda_markdown, class_view
    from argmap.model import ArgumentMap, Role, Statement

    m = ArgumentMap(statements=(Statement("T", "A thesis.", role=Role.THESIS),))
    names = ["Ana", CYRILLIC_A + "na", "مريم"]
    judged = ("reject", "accept", "reject")  # the class splits: the thesis is on the agenda, with notes
    files = [
        Annotations.new(n, m).with_judgement("[T]", j).with_note("[T]", "why")
        for n, j in zip(names, judged, strict=True)
    ]
    view = class_view(m, files)
    assert view.learners == ("Ana", f"{CYRILLIC_A}na (look-alike 2: CYRILLIC+LATIN)", "\u2068مريم\u2069")
    assert [w.code for w in view.warnings] == ["learner-look-alike"]
    assert "look-alike 2" in agenda_markdown(view) and "\u2068مريم\u2069" in agenda_markdown(view)
    assert class_view(m, [Annotations.new(n, m) for n in names], anonymous=True).warnings == ()


def test_a_learner_whose_id_changed_resumes_the_file_an_earlier_argmap_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Names with ß or an invisible character were case-folded into another id before."""
    import hashlib

    from argmap.annotations import AnnotationStore, learner_path
    from argmap.model import ArgumentMap, Role, Statement

    m = ArgumentMap(
        statements=(Statement("T", "A thesis.", role=Role.THESIS),), path=str(tmp_path / "tiny.argdown")
    )
    old_id = hashlib.sha256(b"weiss").hexdigest()[:8]
    earlier = tmp_path / f"tiny.weiss-{old_id}.annotations.json"
    AnnotationStore(earlier, m, learner="Weiß").update(lambda a: a.with_judgement("[T]", "reject"))
    assert learner_path(m, "Weiß", tmp_path) == earlier  # her work, resumed where it is
    assert learner_path(m, "WEIß", tmp_path) == earlier
    assert AnnotationStore(earlier, m, learner="Weiß").annotations.judgement("[T]") == "reject"
    # "Weiss" is another learner: the earlier file has his name's id, and it is not his
    weiss = learner_path(m, "Weiss", tmp_path)
    with pytest.raises(AnnotationError, match="belongs to"):
        AnnotationStore(weiss, m, learner="Weiss")  # refused, her file untouched
    assert AnnotationStore(earlier, m, learner="Weiß").annotations.judgement("[T]") == "reject"


@pytest.mark.graphviz
def test_a_learners_printout_shows_their_name_without_its_direction_override(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io

    from pypdf import PdfReader

    import argmap
    from argmap.annotations import Annotations, save
    from argmap.cli import main

    (tmp_path / "tiny.argdown").write_text("[T]: A thesis. #thesis\n  + [R]: A reason.\n", encoding="utf-8")
    m = argmap.load(tmp_path / "tiny.argdown")
    save(tmp_path / "a.json", Annotations.new("\u202eanA", m).with_judgement("[T]", "accept"))
    argv = ["render", str(tmp_path / "tiny.argdown"), "--annotations", str(tmp_path / "a.json")]
    code = main([*argv, "--page", "A4", "-o", str(tmp_path / "a.pdf")], io.StringIO(), io.StringIO())
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "a.pdf").pages)
    assert code == 0 and "learner: anA" in text and "\u202e" not in text
