"""The text outline: order, words, grouping, cycles, escaping.  No Graphviz."""

from __future__ import annotations

import pytest

from argmap.draw.outline import md_escape, to_outline
from argmap.model import ArgumentMap, NodeRef, Relation, RelationKind, Role, Statement
from conftest import make_chain_map


def line_of(outline: str, needle: str) -> str:
    [line] = [ln for ln in outline.splitlines() if needle in ln]
    return line


def depth(line: str) -> int:
    return (len(line) - len(line.lstrip(" "))) // 2


def test_thesis_first_reasons_and_objections_below(sample_map: ArgumentMap) -> None:
    out = to_outline(sample_map)
    lines = out.splitlines()
    assert lines[0] == "# Op-ed"
    assert lines[2].startswith("- **THESIS: Convenience**")
    together = line_of(out, "because, together")
    assert "argument *Need*" in together and "cause-to-effect" in together
    assert depth(line_of(out, "ASSUMPTION (unstated assumption): Shared enemy")) == depth(together) + 1
    assert depth(line_of(out, "CLAIM: Sanctions")) == depth(together) + 1
    assert line_of(out, "OBJECTION: Treaty").lstrip().startswith("- but ")
    assert line_of(out, "REBUTTAL").lstrip().startswith("- however (rebuttal) ")
    assert line_of(out, "ARGUMENT: Arms deals").lstrip().startswith("- undercut: does not follow ")
    assert "contradicts: *Oil*" in out and "contrary to: *Treaty*" in out


def test_evidence_has_basis_quote_and_paragraph(sample_map: ArgumentMap) -> None:
    line = line_of(to_outline(sample_map), "Drones")
    assert "EVIDENCE (fact)" in line and "quote: “Tehran shipped" in line and "(¶ 3)" in line
    assert line.lstrip().startswith("- because ")


def test_every_statement_appears_unconnected_last(sample_map: ArgumentMap) -> None:
    out = to_outline(sample_map)
    for s in sample_map.statements:
        assert md_escape(s.title) in out
    assert out.index("## Not connected") < out.index("CLAIM: Lonely")
    assert "## Not connected" not in out[: out.index("THESIS")]


def test_cycles_end() -> None:
    S, R, N = Statement, Relation, NodeRef
    m = ArgumentMap(
        statements=(S("A", role=Role.THESIS), S("B"), S("C")),
        relations=(
            R(RelationKind.SUPPORT, N.statement("B"), N.statement("A")),
            R(RelationKind.SUPPORT, N.statement("C"), N.statement("B")),
            R(RelationKind.SUPPORT, N.statement("A"), N.statement("C")),
        ),
    )
    out = to_outline(m)
    assert "*A* (see above)" in out and len(out.splitlines()) == 6


def test_cycle_without_thesis_still_listed() -> None:
    S, R, N = Statement, Relation, NodeRef
    m = ArgumentMap(
        statements=(S("X"), S("Y")),
        relations=(
            R(RelationKind.SUPPORT, N.statement("X"), N.statement("Y")),
            R(RelationKind.SUPPORT, N.statement("Y"), N.statement("X")),
        ),
    )
    out = to_outline(m)
    assert "**CLAIM: X**" in out and "**CLAIM: Y**" in out


def test_big_map_is_linear_and_complete() -> None:
    m = make_chain_map(3000)  # deeper than the recursion limit would allow if recursive
    out = to_outline(m)
    assert all(f"S{i}" in out for i in (0, 1500, 2999))


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("*bold* _it_", "\\*bold\\* \\_it\\_"),
        ("<script>", "\\<script\\>"),
        ("[link](javascript:x)", "\\[link\\](javascript:x)"),  # no link without its brackets
        ("# heading\n- item", "# heading - item"),  # mid-line: no block markers to escape
        ("a\\b", "a\\\\b"),
    ],
    ids=["emphasis", "html", "link", "block-markers", "backslash"],
)
def test_user_text_is_markdown_escaped(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped
    m = ArgumentMap(statements=(Statement(text, text, Role.THESIS),))
    assert escaped in to_outline(m)


def test_empty_map() -> None:
    assert to_outline(ArgumentMap()) == "# Argument map\n\n"


def _chain(n: int) -> ArgumentMap:
    """S0 (the thesis) ← S1 ← … ← S(n-1): each statement supports the one before."""
    statements = tuple(
        Statement(f"S{k}", f"Step {k}.", Role.THESIS if k == 0 else Role.CLAIM) for k in range(n)
    )
    relations = tuple(
        Relation(RelationKind.SUPPORT, NodeRef.statement(f"S{k}"), NodeRef.statement(f"S{k - 1}"))
        for k in range(1, n)
    )
    return ArgumentMap(statements=statements, relations=relations)


def test_a_deep_chain_stops_indenting_and_says_so() -> None:
    from argmap.draw.outline import MAX_DEPTH

    text = to_outline(_chain(200))
    lines = text.splitlines()
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.lstrip().startswith("- ")]
    assert max(indents) == 2 * MAX_DEPTH
    assert f"more than {MAX_DEPTH + 1} levels deep" in text
    assert "- step 200: because **CLAIM: S199**" in text
    assert all(f"S{k}**" in text for k in range(200))  # nothing left out


def test_outline_of_a_chain_grows_linearly() -> None:
    small, big = len(to_outline(_chain(1000))), len(to_outline(_chain(4000)))
    assert big < 4.5 * small  # indenting every level would make it about 16 times
