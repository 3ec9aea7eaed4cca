"""parse never raises on any text: it returns diagnostics instead; the writer keeps any text (Hypothesis)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.argdown import parse, write
from argmap.argdown.inline import plain
from argmap.model import Argument, ArgumentMap, NodeRef, Relation, RelationKind, Statement

HERE = Path(__file__).resolve().parent
SAMPLES = [p.read_text(encoding="utf-8") for p in sorted((HERE / "data" / "argdown").glob("*.argdown"))]
SAMPLES += [p.read_text(encoding="utf-8") for p in sorted((HERE / "data" / "syntax").glob("*.argdown"))]
SAMPLES += [
    p.read_text(encoding="utf-8") for p in sorted((HERE / "data" / "argdown-conformance").glob("*.argdown"))
]

_PIECES = list("[]<>(){}:#@+-_>< \t\n\"'\\/*!=,.|`~1234abcXé") + [
    "--",
    "//",
    "/*",
    "*/",
    "<!--",
    "-->",
    "===",
    "  + ",
    "\n  - ",
    "(1) ",
    "----\n",
    "[A]: ",
    "<B>",
    "{k: ",
]
ARGDOWNISH = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


def _check(text: str) -> None:
    m, diagnostics = parse(text, "fuzz.argdown")
    assert all(d.path == "fuzz.argdown" for d in diagnostics)
    assert all(d.line >= 1 and d.column >= 1 for d in diagnostics)
    if not any(d.is_error for d in diagnostics):
        assert parse(write(m))[0] == m


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), ARGDOWNISH))
def test_random_text_never_raises(text: str) -> None:
    _check(text)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SAMPLES))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "swap"]))
        if op == "insert":
            text = text[:i] + draw(ARGDOWNISH.filter(lambda s: len(s) < 8)) + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + draw(st.integers(1, 10)) :]
        else:
            j = draw(st.integers(0, len(text)))
            a, b = sorted((i, j))
            text = text[:a] + text[b:] + text[a:b]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_maps_never_raise(text: str) -> None:
    _check(text)


_TEXTY = st.lists(
    st.sampled_from(
        [
            "word",
            "see",
            " ",
            " ",
            "\n",
            "https://example.org/a?b=1",
            "(see https://example.org/study)",
            "[X]",
            "[",
            "]",
            "<Y>",
            "<",
            ">",
            "{a: 1}",
            "{",
            "}",
            "#1",
            "#tag",
            "#(two words)",
            "@",
            "@@",
            "@[X]",
            "//",
            "/*",
            "*/",
            "<!--",
            "-->",
            "\\",
            "+ ",
            "- ",
            "(1)",
            "----",
            "# ",
            "* ",
            "1. ",
            "===",
            ".->.",
        ]
    ),
    min_size=1,
    max_size=25,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTY, _TEXTY)
def test_any_text_is_written_so_that_it_reads_back_the_same(text: str, description: str) -> None:
    """Imported text (AIF, SADFace, code) keeps its meaning through write and parse:
    one statement, one argument, one relation, and the texts read as they were."""
    m = ArgumentMap(
        statements=(Statement("S", text),),
        arguments=(Argument("A", description),),
        relations=(Relation(RelationKind.SUPPORT, NodeRef.statement("S"), NodeRef.argument("A")),),
    )
    again, diagnostics = parse(write(m))
    assert [d.format() for d in diagnostics if d.is_error] == []
    assert ([s.title for s in again.statements], [a.title for a in again.arguments]) == (["S"], ["A"])
    assert again.relations == m.relations
    assert plain(again.statement("S").text) == plain(" ".join(text.split()))
    assert plain(again.argument("A").text) == plain(" ".join(description.split()))
    assert parse(write(again))[0] == again
