"""Constructs of Argdown as people write it (issue 10): each read as Argdown 1.7.5 reads it.

The oracle test (test_argdown_oracle.py) compares whole files of
tests/data/argdown-conformance with Argdown's JSON export; these tests pin
the details a count cannot see (texts, rules, data, sections, severities).
"""

from __future__ import annotations

import pytest

from argmap.argdown import parse, relation_type, write
from argmap.errors import Location, Severity
from argmap.model import ArgumentMap, Section


def ok(text: str) -> ArgumentMap:
    m, diagnostics = parse(text)
    assert [d.format() for d in diagnostics if d.is_error] == []
    assert parse(write(m))[0] == m, write(m)
    return m


def rels(m: ArgumentMap) -> list[tuple[str, str, str]]:
    return [(relation_type(m, r), str(r.source), str(r.target)) for r in m.relations]


@pytest.mark.parametrize(
    ("bar", "rule", "data"),
    [
        ("--\nModus ponens,\n  Specification {uses: [1]}\n--", "Modus ponens, Specification", {"uses": (1,)}),
        ("--\nrule\n{uses: [1]}\n-----", "rule", {"uses": (1,)}),
        ("-- {\n  uses: [1]\n} --", None, {"uses": (1,)}),
        ("-- rule --", "rule", {}),
        ("----", None, {}),
    ],
    ids=["rules-and-data-on-lines", "data-on-its-own-line", "block-data", "one-line", "plain"],
)
def test_multi_line_inferences(bar: str, rule: str | None, data: dict[str, object]) -> None:
    m = ok(f"(1) [P]: p\n{bar}\n(2) [C]: c\n")
    (inference,) = m.arguments[0].inferences
    assert (inference.rule, dict(inference.data), inference.premises, inference.conclusion) == (
        rule,
        data,
        ("P",),
        "C",
    )


@pytest.mark.parametrize("bar", ["--", "---"])
def test_a_short_bar_is_read_but_warned_about(bar: str) -> None:
    m, diagnostics = parse(f"(1) p\n{bar}\n(2) c\n")
    assert [(d.code, d.severity, d.location) for d in diagnostics] == [
        ("argdown-incompatible", Severity.WARNING, Location(2, 1))
    ]
    assert m.arguments[0].inferences[0].premises == ("Untitled 2",)


def test_equivalence_class_keeps_every_text_and_shows_the_canonical_one() -> None:
    m, diagnostics = parse("[A]: one\n\n[A]: two\n\n[A]: three {isCanonical: true}\n\n[A]: four\n")
    a = m.statement("A")
    assert (a.text, a.texts) == ("three", ("one", "two", "three", "four"))
    assert [(d.code, d.severity) for d in diagnostics] == [("duplicate-definition", Severity.WARNING)]
    assert parse(write(m))[0] == m


def test_an_argument_keeps_every_description() -> None:
    m, _ = parse("<X>: first\n\n<X>: second\n")
    assert (m.argument("X").text, m.argument("X").descriptions) == ("second", ("first", "second"))
    assert parse(write(m))[0] == m


def test_list_items_are_statements_and_arguments_with_relations() -> None:
    m = ok("Intro text.\n\n* [A]: a\n  + [B]: b\n* <C>: c\n\n1. [E]: e\n2. [F]: f\n   - [G]: g\n")
    assert [s.title for s in m.statements] == ["Untitled 1", "A", "B", "E", "F", "G"]
    assert [a.title for a in m.arguments] == ["C"]
    assert rels(m) == [("support", "[B]", "[A]"), ("attack", "[G]", "[F]")]


def test_a_nested_list_is_refused_as_argdown_refuses_it() -> None:
    _, diagnostics = parse("* [A]: one\n  * [B]: two\n")
    assert [(d.code, d.location) for d in diagnostics if d.is_error] == [
        ("unsupported-construct", Location(2, 3))
    ]


def test_headings_go_on_to_the_empty_line_with_levels_parents_and_data() -> None:
    m = ok("# Part one\nwith a long title\n{isGroup: true}\n\n## Details\n\n[A]: a\n\n# Part two\n\n<B>: b\n")
    assert m.sections == (
        Section("Part one with a long title", 1, None, {"isGroup": True}),
        Section("Details", 2, "Part one with a long title"),
        Section("Part two", 1, None),
    )
    assert (m.statement("A").section, m.argument("B").section) == ("Details", "Part two")


def test_a_definition_after_a_heading_needs_an_empty_line() -> None:
    _, diagnostics = parse("# Heading\n[A]: a\n")
    assert [(d.code, d.location) for d in diagnostics] == [("syntax-error", Location(2, 1))]


def test_data_on_the_line_after_a_reference() -> None:
    m = ok("[A]: a\n\n[A]\n{k: 1}\n\n<X>\n{n: 2}\n  + [A]\n")
    assert (m.statement("A").data["k"], m.argument("X").data["n"]) == (1, 2)
    assert rels(m) == [("support", "[A]", "<X>")]


def test_premise_numbers_out_of_sequence_are_a_warning_position_decides() -> None:
    m, diagnostics = parse("(1) [P]: p\n(3) [Q]: q\n----\n(2) [C]: c\n")
    assert [(d.code, d.severity, d.location) for d in diagnostics] == [
        ("premise-number", Severity.WARNING, Location(2, 1)),
        ("premise-number", Severity.WARNING, Location(4, 1)),
    ]
    assert m.arguments[0].inferences[0].premises == ("P", "Q")


def test_dedent_to_a_level_never_opened_goes_on_at_the_nearest_open_level() -> None:
    m = ok("[A]: a\n  + [B]: b\n      + [C]: c\n    - [D]: d\n    - [F]: f\n   - [G]: g\n")
    assert rels(m) == [
        ("support", "[B]", "[A]"),
        ("support", "[C]", "[B]"),
        ("attack", "[D]", "[A]"),
        ("attack", "[F]", "[D]"),  # as Argdown's lexer: 4 spaces after a dedent to 4 open a level
        ("attack", "[G]", "[A]"),
    ]


def test_strict_mode_entails_and_contrary_with_a_mutual_pair_as_one() -> None:
    m = ok("===\nmodel:\n  mode: strict\n===\n\n[A]: a\n  + [B]: b\n  - [C]: c\n    - [A]\n  + <X>: x\n")
    assert rels(m) == [
        ("entails", "[B]", "[A]"),
        ("contrary", "[A]", "[C]"),  # of a mutual pair, the one Argdown makes first: the deeper
        ("support", "<X>", "[A]"),
    ]


def test_loose_mode_keeps_support_and_attack() -> None:
    m = ok("[A]: a\n  + [B]: b\n  - [C]: c\n    - [A]\n")
    assert rels(m) == [("support", "[B]", "[A]"), ("attack", "[C]", "[A]"), ("attack", "[A]", "[C]")]


@pytest.mark.parametrize("title", ["a", "b", "em", "br"])
def test_titles_that_look_like_html_tags_are_arguments(title: str) -> None:
    m = ok(f"<{title}>: An argument.\n  + [S]: s\n")
    assert [a.title for a in m.arguments] == [title]


def test_html_itself_is_still_refused() -> None:
    _, diagnostics = parse('<div class="x">text</div>\n')
    assert [d.code for d in diagnostics] == ["unsupported-construct"]


def test_an_undercut_under_a_conclusion_undercuts_its_inference() -> None:
    m = ok("<Arg>: an argument\n\n(1) [P]: p\n----\n(2) [C]: c\n  _ [U]: u\n")
    assert rels(m) == [("undercut", "[U]", "<Arg>")]
    m = ok("<Arg>: an argument\n\n(1) [P]: p\n  _ [U]: u\n----\n(2) [C]: c\n")
    assert rels(m) == [("undercut", "[U]", "[P]")]  # under a premise: that statement


def test_front_matter_alone_is_read_with_a_warning_argdown_refuses_it() -> None:
    m, diagnostics = parse("===\ntitle: Only a title\n===\n")
    assert m.title == "Only a title"
    assert [(d.code, d.severity) for d in diagnostics] == [("argdown-incompatible", Severity.WARNING)]


# -- inference data, empty numbered lines, definitions with only data (issue 19) ----------------

_ARGUMENT = "(1) [A]: Apples are red.\n(2) [B]: Bananas are yellow.\n{bar}\n(3) [C]: Some fruit has colour.\n"


@pytest.mark.parametrize(
    ("bar", "premises", "warned"),
    [
        ("-- {uses: [2]} --", ("B",), False),
        ("-- {uses: [2, 1]} --", ("B", "A"), False),
        ('-- {uses: ["1"]} --', ("A", "B"), True),
        ("-- {uses: [1, 3]} --", ("A", "B"), True),
        ("-- {uses: 1} --", ("A", "B"), True),
        ("-- {uses: [true]} --", ("A", "B"), True),
    ],
    ids=["one-line", "two-lines-in-their-order", "text", "a-later-line", "not-a-list", "a-boolean"],
)
def test_uses_names_the_premises_or_is_free_data(bar: str, premises: tuple[str, ...], warned: bool) -> None:
    m, diagnostics = parse(_ARGUMENT.format(bar=bar))
    (inference,) = m.arguments[0].inferences
    assert inference.premises == premises
    assert "uses" in inference.data  # kept as data either way, as in Argdown's export
    assert [(d.code, d.severity, d.line) for d in diagnostics] == (
        [("inference-uses", Severity.WARNING, 3)] if warned else []
    )


@pytest.mark.parametrize(
    "line", ["(2) // to be written", "(2) /* to be written */", "(2)", "(2)   ", "(2) <!-- later -->"]
)
def test_a_numbered_line_holding_nothing_is_an_empty_statement(line: str) -> None:
    m, diagnostics = parse(f"(1) [A]: Apples are red.\n{line}\n----\n(3) [C]: Some fruit is red.\n")
    assert [(s.title, s.text) for s in m.statements] == [
        ("A", "Apples are red."),
        ("Untitled 2", ""),
        ("C", "Some fruit is red."),
    ]
    (inference,) = m.arguments[0].inferences
    assert inference.premises == ("A", "Untitled 2")
    assert [(d.code, d.severity, d.line, d.column) for d in diagnostics] == [
        ("empty-statement", Severity.WARNING, 2, 1)
    ]


def test_a_numbered_line_with_a_broken_statement_is_still_an_error() -> None:
    _, diagnostics = parse("(1) [A]: Apples.\n(2) [B\n----\n(3) [C]: c\n")
    assert ("syntax-error", 2, 5) in [(d.code, d.line, d.column) for d in diagnostics]
    assert "empty-statement" not in [d.code for d in diagnostics]


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("[T]: t\n  + <R1>: {weight: 1}\n", 11),
        ("[T]: t\n  + [R]:   {weight: 1}\n", 12),
        ("[T]: t\n  + <R1>: {\n    weight: 1\n  }\n", 11),
    ],
    ids=["argument", "statement-spaces", "block-data"],
)
def test_a_definition_with_only_data_is_read_with_a_warning(text: str, column: int) -> None:
    m, diagnostics = parse(text)
    assert [(d.code, d.severity, d.line, d.column) for d in diagnostics] == [
        ("argdown-incompatible", Severity.WARNING, 2, column)
    ]
    node = m.statements[-1] if "[R]" in text else m.arguments[0]
    assert node.text == "" and dict(node.data) == {"weight": 1}


@pytest.mark.parametrize(
    "text",
    [
        "[T]: t\n  + <R1> {weight: 1}\n",
        "[T]: t\n  + <R1>: #tag {weight: 1}\n",
        "[T]: t\n  + <R1>: r {weight: 1}\n",
    ],
    ids=["reference", "a-tag-first", "text-first"],
)
def test_data_after_a_reference_a_tag_or_text_is_not_warned_of(text: str) -> None:
    _, diagnostics = parse(text)
    assert diagnostics == []
