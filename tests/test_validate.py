"""Validation rules, first on maps built in code, then on map files in tests/data."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from argmap.checking.source import Source
from argmap.checking.validate import RULES, find_source, mentions, validate
from argmap.errors import CODES, Diagnostic, Location, Severity
from argmap.model import (
    Argument,
    ArgumentMap,
    Inference,
    NodeRef,
    PCSLine,
    Relation,
    RelationKind,
    Role,
    Statement,
)
from argmap.schemes import SCHEMES

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
OPED = ROOT / "notebooks" / "russia-iran-oped.txt"

S, A = NodeRef.statement, NodeRef.argument
SUPPORT, ATTACK, UNDERCUT = RelationKind.SUPPORT, RelationKind.ATTACK, RelationKind.UNDERCUT


def st(title: str, role: Role = Role.CLAIM, line: int = 1, text: str = "text", **data: Any) -> Statement:
    return Statement(title, text, role=role, data=data, location=Location(line, 1))


def rel(kind: RelationKind, source: NodeRef, target: NodeRef, line: int = 1) -> Relation:
    return Relation(kind, source, target, Location(line, 3))


def pcs(title: str, premises: list[str], conclusion: str, line: int = 1, **data: Any) -> Argument:
    titles = [*premises, conclusion]
    return Argument(
        title,
        "an argument",
        lines=tuple(PCSLine(i + 1, t, Location(line + 1 + i, 1)) for i, t in enumerate(titles)),
        inferences=(
            Inference(tuple(premises), conclusion, data=data, location=Location(line + len(titles), 1)),
        ),
        location=Location(line, 1),
    )


def base(*extra_statements: Statement, **changes: Any) -> ArgumentMap:
    """A small valid map: a thesis with one supporting statement."""
    statements = (st("T", Role.THESIS, 1), st("R", line=2), *extra_statements)
    m = ArgumentMap(statements=statements, relations=(rel(SUPPORT, S("R"), S("T"), 2),), path="m.argdown")
    return m.replace(**changes) if changes else m


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


def run(m: ArgumentMap, **kw: Any) -> list[Diagnostic]:
    return validate(m, **kw)[1]


# -- a clean map --------------------------------------------------------------------------------


def test_small_valid_map_is_clean() -> None:
    assert run(base()) == []


def test_every_rule_is_a_function_with_a_docstring() -> None:
    for rule in RULES:
        assert callable(rule) and rule.__doc__


# -- references ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("m", "code", "line"),
    [
        (base(relations=(rel(SUPPORT, S("Ghost"), S("T"), 7),)), "unknown-statement", 7),
        (base(relations=(rel(ATTACK, A("Ghost"), S("T"), 8),)), "unknown-argument", 8),
        (base(st("M", line=9, text="as @[Ghost] says")), "unknown-statement", 9),
        (base(st("M", line=9, text="as @<Ghost> shows")), "unknown-argument", 9),
        (
            base(
                arguments=(
                    Argument(
                        "P", lines=(PCSLine(1, "Ghost", Location(5, 1)), PCSLine(2, "T", Location(6, 1)))
                    ),
                )
            ),
            "unknown-statement",
            5,
        ),
        (
            base(
                arguments=(
                    Argument("P", inferences=(Inference(("R", "Ghost"), "T", location=Location(6, 1)),)),
                )
            ),
            "unknown-statement",
            6,
        ),
    ],
    ids=[
        "relation-statement",
        "relation-argument",
        "mention-statement",
        "mention-argument",
        "pcs-line",
        "inference",
    ],
)
def test_unknown_references(m: ArgumentMap, code: str, line: int) -> None:
    found = [d for d in run(m) if d.code == code]
    assert [(d.line, d.severity) for d in found] == [(line, Severity.ERROR)]
    assert "Ghost" in found[0].message


def test_unknown_reference_suggests_a_near_title() -> None:
    m = base(
        st("Sanctions", line=3),
        relations=(rel(SUPPORT, S("R"), S("T")), rel(SUPPORT, S("Sanction"), S("T"), 5)),
    )
    (d,) = [d for d in run(m) if d.code == "unknown-statement"]
    assert d.hint is not None and "did you mean [Sanctions]" in d.hint


def test_mentions_of_defined_nodes_are_fine() -> None:
    m = base(
        st("M", line=3, text="unlike @[R], this one"),
        relations=(rel(SUPPORT, S("R"), S("T")), rel(ATTACK, S("M"), S("R"))),
    )
    assert run(m) == []


def test_mentions() -> None:
    assert mentions("see @[A b] and @<C>, not [D] or <E> or @[unclosed") == [S("A b"), A("C")]


# -- circular support ----------------------------------------------------------------------------------


def test_cycle_of_support_relations_reported_once() -> None:
    m = base(
        st("X", line=3),
        st("Y", line=4),
        relations=(
            rel(SUPPORT, S("R"), S("T"), 2),
            rel(SUPPORT, S("X"), S("R"), 5),
            rel(SUPPORT, S("Y"), S("X"), 6),
            rel(SUPPORT, S("R"), S("Y"), 7),
        ),
    )
    (d,) = [d for d in run(m) if d.code == "circular-support"]
    assert d.severity is Severity.WARNING  # Argdown reads and draws a cycle: told, not refused
    assert d.location == Location(5, 3)
    assert d.message.endswith("[X] → [R] → [Y] → [X]")


def test_circular_support_is_an_error_in_the_teaching_profile() -> None:
    m = base(relations=(rel(SUPPORT, S("R"), S("T"), 2), rel(SUPPORT, S("T"), S("R"), 3)))
    _, found = validate(m)
    assert [d.severity for d in found if d.code == "circular-support"] == [Severity.WARNING]
    _, found = validate(m, profile="teaching")
    assert [d.severity for d in found if d.code == "circular-support"] == [Severity.ERROR]


def test_a_map_with_a_support_cycle_loads_and_draws_as_in_argdown() -> None:
    """The map loads (a warning, no MapError), and its outline ends."""
    from argmap.checking.load import loads
    from argmap.draw.outline import to_outline

    m = loads("[A]: Apples. #thesis\n  + [B]: Bananas.\n    + [C]: Cherries.\n      + [A]\n")
    (d,) = m.diagnostics
    assert (d.code, d.severity, d.location) == ("circular-support", Severity.WARNING, Location(2, 3))
    assert d.message.endswith("[B] → [A] → [C] → [B]")
    assert len(m.relations) == 3
    text = to_outline(m)
    assert all(word in text for word in ("Apples", "Bananas", "Cherries"))


@pytest.mark.graphviz
def test_a_map_with_a_support_cycle_draws() -> None:
    from argmap.checking.load import loads
    from argmap.output.export import render

    svg = render(loads("[A]: Apples. #thesis\n  + [B]: Bananas.\n    + [C]: Cherries.\n      + [A]\n"), "svg")
    assert all(word.encode() in svg for word in ("Apples", "Bananas", "Cherries"))


def test_cycle_through_an_inference_and_an_argument() -> None:
    """[T] is the argument's premise, and the argument supports [T]."""
    m = ArgumentMap(
        statements=(st("T", Role.THESIS, 1), st("C", line=3)),
        arguments=(pcs("Loop", ["T"], "C", line=2),),
        relations=(rel(SUPPORT, A("Loop"), S("T"), 9),),
    )
    (d,) = [d for d in run(m) if d.code == "circular-support"]
    assert "<Loop>" in d.message and "[T]" in d.message


def test_self_support() -> None:
    m = base(relations=(rel(SUPPORT, S("R"), S("T")), rel(SUPPORT, S("R"), S("R"), 4)))
    (d,) = [d for d in run(m) if d.code == "circular-support"]
    assert d.message.endswith("[R] → [R]")


def test_two_separate_cycles_two_diagnostics() -> None:
    m = base(
        st("X", line=3),
        st("Y", line=4),
        relations=(
            rel(SUPPORT, S("R"), S("T"), 2),
            rel(SUPPORT, S("X"), S("R"), 5),
            rel(SUPPORT, S("R"), S("X"), 6),
            rel(SUPPORT, S("Y"), S("T"), 7),
            rel(SUPPORT, S("T"), S("Y"), 8),
        ),
    )
    assert codes(run(m)).count("circular-support") == 2


def test_attacks_in_a_circle_are_not_circular_support() -> None:
    m = base(
        relations=(rel(SUPPORT, S("R"), S("T")), rel(ATTACK, S("T"), S("R")), rel(ATTACK, S("R"), S("T")))
    )
    assert "circular-support" not in codes(run(m))


def test_long_chain_has_no_cycle_and_no_recursion_error() -> None:
    n = 5000
    statements = (st("T", Role.THESIS), *(st(f"S{i}") for i in range(n)))
    relations = (
        rel(SUPPORT, S("S0"), S("T")),
        *(rel(SUPPORT, S(f"S{i + 1}"), S(f"S{i}")) for i in range(n - 1)),
    )
    assert run(ArgumentMap(statements=statements, relations=relations)) == []


# -- theses ----------------------------------------------------------------------------------------------


def test_no_thesis() -> None:
    """A warning for any map (Argdown has no thesis); an error in the teaching profile."""
    m = ArgumentMap(statements=(st("T"), st("R")), relations=(rel(SUPPORT, S("R"), S("T")),))
    (d,) = run(m)
    assert (d.code, d.severity, d.location) == ("no-thesis", Severity.WARNING, Location(1, 1))
    assert d.hint is not None and "#thesis" in d.hint and "[T]" in d.hint
    (d,) = validate(m, profile="teaching")[1]
    assert (d.code, d.severity) == ("no-thesis", Severity.ERROR)


def test_several_theses_says_where_each_is() -> None:
    m = base(
        st("T2", Role.THESIS, 12), relations=(rel(SUPPORT, S("R"), S("T")), rel(ATTACK, S("T2"), S("T")))
    )
    (d,) = run(m)
    assert (d.code, d.severity, d.location) == ("several-theses", Severity.WARNING, Location(12, 1))
    assert "[T] (line 1)" in d.message and "[T2] (line 12)" in d.message
    (d,) = validate(m, profile="teaching")[1]
    assert (d.code, d.severity) == ("several-theses", Severity.ERROR)


def test_unknown_profile_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="teaching"):
        validate(ArgumentMap(), profile="exam")  # type: ignore[arg-type]


# -- assumptions, orphans --------------------------------------------------------------------------------


def test_unattached_assumption_is_an_error_not_an_orphan() -> None:
    (d,) = run(base(st("Hidden", Role.ASSUMPTION, 5)))
    assert (d.code, d.severity, d.line) == ("unattached-assumption", Severity.ERROR, 5)
    assert d.hint is not None and "(2) [Hidden]" in d.hint


@pytest.mark.parametrize(
    "attach",
    [
        lambda m: m.replace(arguments=(pcs("Arg", ["R", "Hidden"], "T"),)),
        lambda m: m.replace(relations=(*m.relations, rel(SUPPORT, S("Hidden"), S("T")))),
    ],
    ids=["premise", "relation"],
)
def test_attached_assumption(attach: Callable[[ArgumentMap], ArgumentMap]) -> None:
    assert run(attach(base(st("Hidden", Role.ASSUMPTION, 5)))) == []


def test_orphans_are_warnings() -> None:
    m = base(st("Alone", line=6), arguments=(Argument("Lonely", "says something", location=Location(8, 1)),))
    found = run(m)
    assert [(d.code, d.line, d.severity) for d in found] == [
        ("orphan", 6, Severity.WARNING),
        ("orphan", 8, Severity.WARNING),
    ]


def test_argument_connected_through_its_conclusion_is_not_an_orphan() -> None:
    m = ArgumentMap(statements=(st("T", Role.THESIS), st("P")), arguments=(pcs("Arg", ["P"], "T"),))
    assert run(m) == []


def test_a_one_statement_map_is_not_an_orphan() -> None:
    assert run(ArgumentMap(statements=(st("T", Role.THESIS),))) == []


# -- evidence, basis, schemes -----------------------------------------------------------------------------


def test_evidence_without_quote_warns_with_syntax() -> None:
    m = base(
        st("E", Role.EVIDENCE, 4), relations=(rel(SUPPORT, S("R"), S("T")), rel(SUPPORT, S("E"), S("R")))
    )
    (d,) = run(m)
    assert (d.code, d.severity, d.line) == ("evidence-without-quote", Severity.WARNING, 4)
    assert d.hint is not None and "#evidence {quote:" in d.hint


@pytest.mark.parametrize(
    ("basis", "suggestion"),
    [
        ("experts", 'did you mean "expert"'),
        ("expert opinion", 'did you mean "expert"'),
        ("vibes", "use one of"),
    ],
    ids=["plural", "label", "nonsense"],
)
def test_unknown_basis(basis: str, suggestion: str) -> None:
    m = base(
        st("E", Role.EVIDENCE, 4, quote="x", basis=basis),
        relations=(rel(SUPPORT, S("R"), S("T")), rel(SUPPORT, S("E"), S("R"))),
        front={"source": "missing-on-purpose.txt"},
    )
    found = [d for d in run(m, source=Source("x")) if d.code == "unknown-basis"]
    assert [(d.line, d.severity) for d in found] == [(4, Severity.ERROR)]
    assert found[0].hint is not None and suggestion in found[0].hint
    assert "fact, statistic, example, expert, precedent" in found[0].hint


@pytest.mark.parametrize("basis", ["fact", "Expert", " precedent "], ids=["fact", "capitalised", "spaced"])
def test_known_basis(basis: str) -> None:
    m = base(
        st("E", Role.EVIDENCE, 4, quote="x", basis=basis),
        relations=(rel(SUPPORT, S("R"), S("T")), rel(SUPPORT, S("E"), S("R"))),
    )
    assert run(m, source=Source("x")) == []


def test_unknown_scheme_lists_known_ones() -> None:
    m = ArgumentMap(
        statements=(st("T", Role.THESIS), st("P")),
        arguments=(pcs("Arg", ["P"], "T", line=3, scheme="expert opnion"),),
    )
    (d,) = run(m)
    assert (d.code, d.severity, d.line) == ("unknown-scheme", Severity.WARNING, 5)  # the inference bar
    assert d.hint is not None and 'did you mean "expert-opinion"' in d.hint
    assert all(key in d.hint for key in SCHEMES)


@pytest.mark.parametrize("scheme", ["expert", "from expert opinion", "historical-pattern"], ids=str)
def test_scheme_aliases_are_accepted(scheme: str) -> None:
    m = ArgumentMap(
        statements=(st("T", Role.THESIS), st("P")),
        arguments=(pcs("Arg", ["P"], "T", scheme=scheme),),
    )
    assert run(m) == []


def test_unknown_scheme_on_the_argument_itself() -> None:
    arg = Argument("Arg", "says", data={"scheme": "vibes"}, location=Location(4, 1))
    m = base(arguments=(arg,), relations=(rel(SUPPORT, S("R"), S("T")), rel(SUPPORT, A("Arg"), S("T"))))
    assert [(d.code, d.line) for d in run(m)] == [("unknown-scheme", 4)]


# -- undercuts, empty arguments -----------------------------------------------------------------------------


def test_undercut_aimed_at_a_statement() -> None:
    m = ArgumentMap(
        statements=(st("T", Role.THESIS), st("P"), st("U", Role.OBJECTION)),
        arguments=(pcs("Arg", ["P"], "T"),),
        relations=(rel(UNDERCUT, S("U"), S("T"), 9),),
    )
    (d,) = run(m)
    assert (d.code, d.severity, d.location) == ("bad-undercut", Severity.WARNING, Location(9, 3))
    assert d.hint is not None and "<Arg>" in d.hint


def test_undercut_aimed_at_an_argument_is_fine() -> None:
    m = ArgumentMap(
        statements=(st("T", Role.THESIS), st("P"), st("U", Role.OBJECTION)),
        arguments=(pcs("Arg", ["P"], "T"),),
        relations=(rel(UNDERCUT, S("U"), A("Arg"), 9),),
    )
    assert run(m) == []


def test_empty_argument() -> None:
    m = base(
        arguments=(Argument("Bare", location=Location(3, 1)),),
        relations=(rel(SUPPORT, S("R"), S("T")), rel(SUPPORT, A("Bare"), S("T"))),
    )
    (d,) = run(m)
    assert (d.code, d.severity, d.line) == ("empty-argument", Severity.WARNING, 3)


# -- the source text ---------------------------------------------------------------------------------------


def quoting_map(quote: str, source: str | None = "oped.txt", path: str | None = None) -> ArgumentMap:
    return base(
        st("E", Role.EVIDENCE, 4, quote=quote, basis="fact"),
        relations=(rel(SUPPORT, S("R"), S("T")), rel(SUPPORT, S("E"), S("R"))),
        front={"source": source} if source is not None else {},
        path=path,
    )


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    shutil.copy(OPED, tmp_path / "oped.txt")
    return tmp_path


def test_source_read_relative_to_base_dir_and_quotes_anchored(folder: Path) -> None:
    m, found = validate(quoting_map("overlapping - though far from identical"), base_dir=folder)
    assert found == []
    anchor = m.statement("E").anchor
    assert anchor is not None and anchor.paragraph == 1


def test_base_dir_defaults_to_the_map_folder(folder: Path) -> None:
    m, found = validate(quoting_map("reeling under heavy", path=str(folder / "m.argdown")))
    assert found == [] and m.statement("E").anchor is not None


def test_parent_folder_paths_need_an_allowed_folder(folder: Path) -> None:
    from argmap.checking.source import allowing

    (folder / "maps").mkdir()
    m = quoting_map("reeling under heavy", source="../oped.txt")
    _, found = validate(m, base_dir=folder / "maps")
    assert [d.code for d in found] == ["source-outside-folder"]
    with allowing([folder]):
        _, found = validate(m, base_dir=folder / "maps")
    assert found == []


def test_misquote_through_validate(folder: Path) -> None:
    (d,) = run(quoting_map("reeling under sanctions"), base_dir=folder)
    assert (d.code, d.line) == ("quote-not-in-source", 4)
    assert (
        d.hint is not None
        and "paragraph 2" in d.hint
        and "reeling under heavy international sanctions" in d.hint
    )


def test_an_explicit_source_wins_over_the_front_matter() -> None:
    _, found = validate(quoting_map("hello", source="nowhere.txt"), source=Source("hello world"))
    assert found == []


@pytest.mark.parametrize(
    ("source", "code", "message"),
    [
        ("nowhere.txt", "source-not-found", "does not exist"),
        ("", "source-not-found", "empty"),
        ("/etc/passwd", "source-unreadable", "absolute"),
        ("C:\\texts\\oped.txt", "source-unreadable", "absolute"),
        ("https://example.org/oped.txt", "source-unreadable", "web address"),
        (".", "source-unreadable", "not a regular file"),
        ("latin1.txt", "source-unreadable", "not UTF-8"),
    ],
    ids=["missing", "empty", "absolute", "windows-drive", "url", "directory", "not-utf8"],
)
def test_bad_source_paths(folder: Path, source: str, code: str, message: str) -> None:
    (folder / "latin1.txt").write_bytes(b"caf\xe9")
    m = quoting_map("x", source=source)
    found = run(m, base_dir=folder)
    assert codes(found) == [code]
    assert message in found[0].message
    assert found[0].severity is Severity.ERROR and found[0].hint


def test_missing_source_suggests_a_near_name(folder: Path) -> None:
    (d,) = run(quoting_map("x", source="oped.text"), base_dir=folder)
    assert d.hint is not None and "did you mean oped.txt" in d.hint


def test_missing_source_is_located_at_the_front_matter_line(folder: Path) -> None:
    path = folder / "m.argdown"
    path.write_text("===\ntitle: x\n  source: gone.txt\n===\n\n[T]: t #thesis\n", encoding="utf-8")
    (d,) = run(quoting_map("x", source="gone.txt", path=str(path)))
    assert (d.code, d.location) == ("source-not-found", Location(3, 3))


def test_quotes_without_source_warn_once() -> None:
    m = quoting_map("x", source=None).replace(
        statements=(*quoting_map("x", source=None).statements, st("F", Role.EVIDENCE, 7, quote="y")),
        relations=(rel(SUPPORT, S("R"), S("T")), rel(SUPPORT, S("E"), S("R")), rel(SUPPORT, S("F"), S("R"))),
    )
    (d,) = run(m)
    assert (d.code, d.severity, d.line) == ("quote-without-source", Severity.WARNING, 4)
    assert "1 more" in d.message and d.hint is not None and "source:" in d.hint


def test_find_source_without_a_source_line() -> None:
    assert find_source(base()) == (None, [])


# -- every diagnostic is actionable --------------------------------------------------------------------------


def test_diagnostics_are_sorted_carry_the_path_and_a_hint() -> None:
    m = ArgumentMap(
        statements=(st("A", Role.ASSUMPTION, 9), st("E", Role.EVIDENCE, 3), st("X", line=5, text="@[Nope]")),
        arguments=(Argument("Empty", location=Location(7, 1)),),
        path="m.argdown",
    )
    found = run(m)
    assert found == sorted(found, key=Diagnostic.sort_key)
    assert all(d.path == "m.argdown" and d.hint for d in found)
    assert {d.code for d in found} >= {
        "no-thesis",
        "unattached-assumption",
        "evidence-without-quote",
        "unknown-statement",
        "empty-argument",
        "orphan",
    }


# -- map files: tests/data/invalid has one broken map per code, tests/data/valid maps check clean -----------

_EXPECT = re.compile(r"^//\s*expect:\s*(?P<code>[a-z-]+)\s+(?P<line>\d+):(?P<column>\d+)\s*$", re.M)


def _parse() -> Callable[..., Any]:
    parser = pytest.importorskip(
        "argmap.argdown", reason="the Argdown parser (argmap.argdown) is not written yet"
    )
    return parser.parse  # type: ignore[no-any-return]


def _expectations(path: Path) -> list[tuple[str, int, int]]:
    text = path.read_text(encoding="utf-8")
    found = [(m["code"], int(m["line"]), int(m["column"])) for m in _EXPECT.finditer(text)]
    assert found, f"{path.name} has no '// expect: code line:col' comment"
    return found


INVALID = sorted((DATA / "invalid").glob("*.argdown"))
VALID = sorted((DATA / "valid").glob("*.argdown"))
CHECKED_HERE = {
    "unknown-statement",
    "unknown-argument",
    "circular-support",
    "no-thesis",
    "several-theses",
    "unattached-assumption",
    "evidence-without-quote",
    "orphan",
    "unknown-basis",
    "unknown-scheme",
    "bad-undercut",
    "empty-argument",
    "similar-title",
    "source-not-found",
    "source-unreadable",
    "quote-not-in-source",
    "quote-without-source",
    "ambiguous-quote",
}


def test_every_validation_code_has_a_broken_map() -> None:
    covered = {code for path in INVALID for code, _, _ in _expectations(path)}
    assert set(CODES) >= CHECKED_HERE
    assert CHECKED_HERE - covered == set()


def _check_file(path: Path) -> list[Diagnostic]:
    parse = _parse()
    m, diagnostics = parse(path.read_text(encoding="utf-8"), str(path))
    m, more = validate(m, base_dir=path.parent)
    return [*diagnostics, *more]


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_broken_map_gives_its_diagnostic(path: Path) -> None:
    """Exactly the expected diagnostics: the map is broken in one way only."""
    found = sorted((d.code, d.line, d.column) for d in _check_file(path))
    assert found == sorted(_expectations(path))


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_map_checks_clean(path: Path) -> None:
    assert [d.format() for d in _check_file(path)] == []


def test_reference_map_of_the_case_study_checks_clean() -> None:
    path = ROOT / "notebooks" / "russia-iran.argdown"
    if not path.exists():
        pytest.skip("the case study's reference map is not there")
    found = _check_file(path)
    assert [d.format() for d in found if d.is_error] == []


@pytest.mark.parametrize(
    ("text", "named", "hint"),
    [
        ("as @[Familes] show", "[Familes]", "did you mean [Families] or [Family]?"),
        ("as @[families] show", "[families]", "did you mean [Families]?"),
        ("as @[Famly] show", "[Famly]", "did you mean [Family] or [Families]?"),
        ("as @<Kisd> shows", "<Kisd>", "did you mean <Kids>?"),
        ("as @[Kids] shows", "[Kids]", "did you mean <Kids>? It is an argument"),
    ],
    ids=["one-letter", "letter-case", "two-close", "argument", "other-kind"],
)
def test_a_mistyped_title_is_named_with_the_closest_titles(text: str, named: str, hint: str) -> None:
    from argmap.argdown import parse

    m, _ = parse(
        "[Families]: Families matter. #thesis\n  <+ <Kids>\n  <+ [Family]: A family is a unit.\n\n"
        f"<Kids>: Kids need them.\n\n[M]: Note {text}.\n  +> [Families]\n"
    )
    (d,) = [d for d in run(m) if d.code.startswith("unknown-")]
    assert named in d.message
    assert d.hint is not None and d.hint.startswith(hint), d.hint


def _chain(n: int) -> str:
    """A support chain ``n`` levels deep, as benchmarks/hostile.py's deep-chain case."""
    parts = ["[S0]: The end of the chain. #thesis"]
    parts += [f"[S{i}]: Step {i} of the chain.\n  +> [S{i - 1}]" for i in range(1, n)]
    return "\n\n".join(parts) + "\n"


def _lines_run(fn: Callable[[], object], package: str) -> int:
    """How many lines of ``package``'s code ``fn`` runs (a count of work, not a time)."""
    import sys

    count = 0

    def line(frame: Any, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return line

    def call(frame: Any, event: str, arg: object) -> Any:
        return line if package in frame.f_code.co_filename else None

    sys.settrace(call)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("rule", [*RULES, validate], ids=lambda r: r.__name__)
def test_a_deep_support_chain_costs_in_proportion_to_its_depth(rule: Callable[..., Any]) -> None:
    """Each rule (and validation whole) runs about twice the lines on a chain twice as
    deep: nothing walks the chain once per link (issue 19's deep-chain case)."""
    from argmap.argdown import parse

    def run(n: int) -> int:
        m = parse(_chain(n))[0]  # a map of its own: nothing cached from another run
        return _lines_run(lambda: list(rule(m)) if rule is not validate else validate(m), "argmap")

    run(400)  # first use: imports and compiled patterns
    small, big = run(400), run(800)
    assert small > 0
    assert big <= 2.1 * small, f"{rule.__name__}: {small} lines at 400 levels, {big} at 800"


def test_titles_never_defined_are_compared_with_few_defined_ones() -> None:
    """similar-title compares a title never defined with the defined titles that have
    the same numbers only: twice the titles, about twice the work (it was every
    undefined title against every defined one)."""
    from argmap.argdown import parse
    from argmap.checking.validate import check_similar_titles

    def run(n: int) -> int:
        text = "\n\n".join(f"[Claim {i}]: Claim number {i}.\n  + [Point {i}]" for i in range(n))
        m = parse(text)[0]
        return _lines_run(lambda: list(check_similar_titles(m)), "argmap")

    run(100)
    small, big = run(200), run(400)
    assert big <= 2.1 * small, f"{small} lines for 200 titles, {big} for 400"
