"""Hostile text (issue 13): located errors, never a traceback or a hang.

Times are measured by the benchmarks, not here; these tests pin what users see.
"""

from __future__ import annotations

import pytest

from argmap.argdown import parse
from argmap.argdown.data import scan_end
from argmap.errors import Location


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[A]: a\n[B]: x\ud800 y\n", Location(2, 7)),
        ('[A]: a {q: "\\ud800"}\n', Location(1, 13)),
        ('===\nt: "\\udc00"\n===\n\n[A]: a\n', Location(2, 1)),
    ],
    ids=["in-text", "escape-in-data", "escape-in-front-matter"],
)
def test_a_lone_surrogate_is_refused_where_it_stands(text: str, where: Location) -> None:
    m, diagnostics = parse(text)
    assert [(d.code, d.location) for d in diagnostics if d.is_error] == [("syntax-error", where)]
    assert not any("\ud800" <= ch <= "\udfff" for s in m.statements for ch in s.text + str(dict(s.data)))


def test_thousands_of_unclosed_braces_give_one_error_each_place() -> None:
    _, diagnostics = parse("[A]: a " + "{" * 20_000)
    assert [(d.code, d.location) for d in diagnostics] == [("syntax-error", Location(1, 8))]
    text = "\n\n".join(f"[A{i}]: a {{" for i in range(2_000))
    _, diagnostics = parse(text)
    assert len(diagnostics) == 2_000


def test_a_scan_with_memo_reads_like_one_without() -> None:
    for text in [
        '{a: [1, 2], b: {c: "}"}} x',
        "{{{",
        "{ {a} ",
        '{a: "x',
        "{a: [1}",
        "{a: }]",
        "{ {b} {c: [d]} }",
    ]:
        memo: dict[int, int | None] = {}
        for k, ch in enumerate(text):
            if ch == "{":
                assert scan_end(text, k, None, memo) == scan_end(text, k), (text, k)


def test_fifty_thousand_tags_are_all_kept() -> None:
    m, diagnostics = parse("[A]: a " + " ".join(f"#t{i}" for i in range(50_000)))
    assert diagnostics == [] and len(m.statement("A").tags) == 50_000
