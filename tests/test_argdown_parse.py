"""The Argdown subset parser: each construct, locations, and every syntax problem located."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.argdown import MAX_BYTES, parse, resolve_roles
from argmap.errors import Location, Severity
from argmap.model import NodeRef, RelationKind, Role

HERE = Path(__file__).resolve().parent
SYNTAX = sorted((HERE / "data" / "syntax").glob("*.argdown"))
VALID = sorted((HERE / "data" / "argdown").glob("*.argdown"))

S = NodeRef.statement
A = NodeRef.argument


def ok(text: str):  # type: ignore[no-untyped-def]
    m, diagnostics = parse(text)
    assert [d for d in diagnostics if d.is_error] == [], [d.format() for d in diagnostics]
    return m


def rel(m, kind: str):  # type: ignore[no-untyped-def]
    return {(str(r.source), str(r.target)) for r in m.relations if r.kind.value == kind}


@pytest.mark.parametrize(
    ("symbol", "kind", "source", "target"),
    [
        ("+", "support", S("B"), S("A")),
        ("<+", "support", S("B"), S("A")),
        ("+>", "support", S("A"), S("B")),
        ("-", "attack", S("B"), S("A")),
        ("<-", "attack", S("B"), S("A")),
        ("->", "attack", S("A"), S("B")),
        ("_", "undercut", S("B"), S("A")),
        ("<_", "undercut", S("B"), S("A")),
        ("_>", "undercut", S("A"), S("B")),
        ("><", "contradictory", S("A"), S("B")),
    ],
    ids=lambda v: str(v),
)
def test_relation_symbols(symbol: str, kind: str, source: NodeRef, target: NodeRef) -> None:
    m = ok(f"[A]: a\n  {symbol} [B]: b\n")
    assert [(r.kind.value, r.source, r.target) for r in m.relations] == [(kind, source, target)]
    assert m.relations[0].location == Location(2, 3)


def test_statement_locations_and_text() -> None:
    m = ok(
        "// intro\n[A]: Cats *purr*. #thesis {basis: fact}\n  + [B]: See @[A] and [docs](https://x.org/a).\n"
    )
    a, b = m.statements
    assert (a.title, a.text, a.tags, dict(a.data), a.role) == (
        "A",
        "Cats *purr*.",
        ("thesis",),
        {"basis": "fact"},
        Role.THESIS,
    )
    assert a.location == Location(2, 1) and b.location == Location(3, 5)
    assert b.text == "See @[A] and [docs](https://x.org/a)."


def test_equivalence_class_merges_tags_and_data() -> None:
    m = ok((HERE / "data" / "argdown" / "07-equivalence.argdown").read_text())
    a = m.statement("A")
    assert a.tags == ("claim", "energy policy")
    assert dict(a.data) == {"basis": "statistic", "quote": "prices fell"}
    assert a.text == "Solar power is cheap."


def test_two_texts_for_one_title_warn() -> None:
    m, diagnostics = parse("[A]: one\n\n[A]: two\n")
    assert [(d.code, d.severity, d.location) for d in diagnostics] == [
        ("duplicate-definition", Severity.WARNING, Location(3, 1))
    ]
    assert m.statement("A").text == "two"  # Argdown's canonical member: the last one


def test_pcs_inferences_rules_and_uses() -> None:
    m = ok((HERE / "data" / "argdown" / "06-pcs.argdown").read_text())
    arg = m.argument("Modus")
    assert [line.statement for line in arg.lines] == ["Rain", "Raining", "Wet", "Slippery", "Careful"]
    got = [(i.premises, i.conclusion, i.rule, dict(i.data)) for i in arg.inferences]
    assert got == [
        (("Rain", "Raining"), "Wet", None, {}),
        (("Rain", "Wet"), "Slippery", "modus ponens", {"uses": (1, 3)}),
        (("Slippery",), "Careful", "common sense, experience", {}),
    ]
    assert arg.scheme == "cause-to-effect"
    assert arg.lines[0].location == Location(3, 1) and arg.inferences[0].location == Location(5, 1)


def test_argument_relations_move_to_conclusion_like_argdown() -> None:
    m = ok((HERE / "data" / "argdown" / "16-arguments-relations.argdown").read_text())
    # <Growth> concludes [T]: no separate support; <Deficit>'s attack comes from its conclusion
    assert rel(m, "support") == set()
    assert rel(m, "attack") == {("[Bad]", "[T]"), ("<Dynamic>", "<Deficit>")}


def test_undercut_of_an_inference_targets_the_argument() -> None:
    m = ok((HERE / "data" / "argdown" / "17-pcs-relations.argdown").read_text())
    assert rel(m, "undercut") == {("[U]", "<Arg1>")}
    assert rel(m, "attack") == {("[X]", "[P1]")}


def test_untitled_statements_get_argdown_titles() -> None:
    m = ok((HERE / "data" / "argdown" / "12-untitled.argdown").read_text())
    assert [s.title for s in m.statements] == [
        "Untitled 1",
        "Untitled 2",
        "Untitled 3",
        "Named",
        "Untitled 5",
        "Untitled 6",
        "Untitled 7",
    ]
    assert [a.title for a in m.arguments] == ["Untitled 4"]


def test_sections_are_where_first_defined() -> None:
    m = ok((HERE / "data" / "argdown" / "10-headings.argdown").read_text())
    assert {s.title: s.section for s in m.statements} == {"A": "Part one", "B": "Part one", "C": "Part two"}
    assert m.argument("Arg").section == "Part three"


def test_front_matter() -> None:
    m = ok((HERE / "data" / "argdown" / "11-front-matter.argdown").read_text())
    assert dict(m.front) == {
        "title": "The front matter map",
        "author": "Ana Example",
        "source": "text.txt",
        "version": 3,
        "tags": ("a", "b"),
    }
    assert m.title == "The front matter map"


def test_comments_of_all_kinds_vanish() -> None:
    m = ok((HERE / "data" / "argdown" / "09-comments.argdown").read_text())
    assert [(s.title, s.text) for s in m.statements] == [
        ("A", "Text with a trailing comment."),
        ("B", "Support."),
        ("C", "Attack. still text."),
    ]
    assert rel(m, "support") == {("[B]", "[A]")} and rel(m, "attack") == {("[C]", "[A]")}


def test_roles_from_tags_and_relations() -> None:
    m = ok((HERE / "data" / "argdown" / "13-tags.argdown").read_text())
    roles = {s.title: s.role.value for s in m.statements}
    assert roles == {"A": "thesis", "E": "evidence", "H": "assumption", "O": "objection", "R": "rebuttal"}
    m = ok("[T]: t #thesis\n  - [O]: o\n    - [R]: r\n      - [RR]: rr\n")
    assert {s.title: s.role for s in m.statements} == {
        "T": Role.THESIS,
        "O": Role.OBJECTION,
        "R": Role.REBUTTAL,
        "RR": Role.REBUTTAL,
    }
    assert resolve_roles(m.statements, m.relations) == m.statements


def test_data_mini_language() -> None:
    m = ok((HERE / "data" / "argdown" / "18-data.argdown").read_text())
    assert dict(m.statement("A").data)["quote"] == 'He said "hi" é'
    assert m.statement("A").data["nested"]["deep"][1]["b"] == "c"
    assert m.statement("B").data["note"] == "it's fine"


def test_multiline_text() -> None:
    m = ok((HERE / "data" / "argdown" / "19-multiline.argdown").read_text())
    assert m.statement("A").text == "A statement whose text goes on over two lines."
    assert m.statement("B").text == "And a child whose text also continues."


def test_too_large() -> None:
    m, diagnostics = parse("[A]: " + "x" * MAX_BYTES)
    assert [d.code for d in diagnostics] == ["file-too-large"] and len(m) == 0


def test_all_problems_in_one_pass() -> None:
    _, diagnostics = parse(
        "[A]: a {k\n\n[B]: b\n  +\n\n(1) [P]: p\n(3) [Q]\n----\n(4) [C]\n", path="x.argdown"
    )
    assert [(d.code, d.line, d.column) for d in diagnostics] == [
        ("syntax-error", 1, 8),
        ("syntax-error", 4, 3),
        ("premise-number", 7, 1),
        ("premise-number", 9, 1),
    ]
    assert all(d.path == "x.argdown" and d.hint for d in diagnostics)


def _expected(path: Path) -> tuple[str, int, int]:
    m = re.search(r"// expect: ([a-z-]+) (\d+):(\d+)", path.read_text(encoding="utf-8"))
    assert m, f"{path.name} has no '// expect: code line:col' line"
    return m.group(1), int(m.group(2)), int(m.group(3))


@pytest.mark.parametrize("path", SYNTAX, ids=[p.stem for p in SYNTAX])
def test_syntax_problem_is_located(path: Path) -> None:
    code, line, column = _expected(path)
    _, diagnostics = parse(path.read_text(encoding="utf-8"), str(path))
    assert (code, line, column) in [(d.code, d.line, d.column) for d in diagnostics], [
        d.format() for d in diagnostics
    ]
    assert all(d.path == str(path) for d in diagnostics)


def test_there_are_enough_construct_and_syntax_files() -> None:
    assert len(VALID) >= 15 and len(SYNTAX) >= 15


def test_relation_kinds_cover_every_symbol() -> None:
    m = ok((HERE / "data" / "argdown" / "04-undercut.argdown").read_text())
    assert {r.kind for r in m.relations} == {RelationKind.UNDERCUT}
