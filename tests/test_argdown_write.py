"""The writer: parse(write(m)) == m for every map parse makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.argdown import parse, write
from argmap.model import Argument, ArgumentMap, NodeRef, Relation, RelationKind, Role, Statement

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MAPS = sorted((HERE / "data" / "argdown").glob("*.argdown"))
for folder in ("notebooks", "examples"):
    MAPS += sorted((ROOT / folder).rglob("*.argdown"))


@pytest.mark.parametrize("path", MAPS, ids=[p.name for p in MAPS])
def test_round_trip(path: Path) -> None:
    m, _ = parse(path.read_text(encoding="utf-8"))
    text = write(m)
    again, diagnostics = parse(text)
    assert [d for d in diagnostics if d.is_error] == [], text
    assert again == m
    assert write(again) == text  # the writer is stable


@pytest.mark.parametrize(
    "source",
    [
        "[A]: y #b z\n\n[A]: x #a\n\n[A]: y #b z\n",  # tag order cannot follow the text
        "[A]: a\n  + [B]\n  + [C]: c\n\n# Later\n\n[B]: b\n",  # sections out of order
        "# One\n\n<X>: x\n\n# Two\n\n[A]: a\n\n# One\n\n<Y>: y\n",
        "[A]: a {list: [1, 2.5, true, null], text: \"with } brace and // slashes\", k: 'q'}\n",
        "[A]: a\n  - <Obj>: o\n    _ [U]: u\n",
        "(1) p\n-- r1, r2 {uses: [1]} --\n(2) c\n",
        "[Ä ö]: Unicode title #(tag with spaces) #Ελληνικά\n",
    ],
    ids=["tag-order", "sections", "argument-sections", "data", "argument-relations", "rules", "unicode"],
)
def test_round_trip_of_awkward_maps(source: str) -> None:
    m, diagnostics = parse(source)
    assert [d for d in diagnostics if d.is_error] == []
    assert parse(write(m))[0] == m


def test_a_map_built_by_hand_writes_its_roles() -> None:
    m = ArgumentMap(
        statements=(
            Statement("T", "The thesis.", role=Role.THESIS),
            Statement("O", "An objection.", role=Role.OBJECTION),
        ),
        relations=(Relation(RelationKind.ATTACK, NodeRef.statement("O"), NodeRef.statement("T")),),
        front={"title": "Hand made"},
    )
    again, diagnostics = parse(write(m))
    assert diagnostics == []
    assert [(s.title, s.role) for s in again.statements] == [("T", Role.THESIS), ("O", Role.OBJECTION)]
    assert again.relations == m.relations and again.title == "Hand made"


def test_empty_map() -> None:
    assert write(ArgumentMap()) == ""
    assert parse("")[0] == ArgumentMap()


@pytest.mark.parametrize(
    ("title", "written"),
    [("a]b", "a)b"), ("two\nlines", "two lines"), ("  ", "Untitled")],
    ids=["bracket", "newline", "blank"],
)
def test_a_title_argdown_cannot_spell_is_written_one_way_everywhere(title: str, written: str) -> None:
    """Imported titles may hold what Argdown titles cannot: the structure survives."""
    m = ArgumentMap(
        statements=(Statement(title, "text"),),
        arguments=(Argument(title.replace("]", ">"), "an argument"),),
        relations=(
            Relation(
                RelationKind.SUPPORT, NodeRef.statement(title), NodeRef.argument(title.replace("]", ">"))
            ),
        ),
    )
    again, diagnostics = parse(write(m))
    assert [d for d in diagnostics if d.is_error] == []
    assert ([s.title for s in again.statements], [a.title for a in again.arguments]) == ([written], [written])
    assert [(str(r.source), str(r.target)) for r in again.relations] == [(f"[{written}]", f"<{written}>")]


def test_a_link_after_a_mention_sign_is_never_broken_across_lines() -> None:
    """Found by the fuzz test: `<@[X](see https://…)` was broken at the link's space,
    and the next line's `//` read back as a comment, cutting the text."""
    from argmap.argdown import parse, write
    from argmap.argdown.inline import plain
    from argmap.model import ArgumentMap, Statement

    text = "<@[X](see https://example.org/study).->."
    again, diagnostics = parse(write(ArgumentMap(statements=(Statement("S", text),))))
    assert not diagnostics
    assert plain(again.statements[0].text) == plain(text)  # the words as a reader sees them
