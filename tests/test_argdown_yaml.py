"""YAML front matter and block data, read as Argdown reads them (PyYAML, safe mode)."""

from __future__ import annotations

import pytest

from argmap.argdown import parse, write
from argmap.errors import Location


def errors(text: str) -> list[tuple[str, Location]]:
    return [(d.code, d.location) for d in parse(text)[1] if d.is_error]


FRONT = """===
title: A debate
author: "Ana Example"
source: text.txt
model:
  mode: strict
color:
  tagColors:
    pro: "#00ff00"
group: {regroup: [{title: One,
    tags: [a]}]}
explanation: >
  folded over
  two lines
"quoted key": |
  kept
  as is
===

[A]: a
"""


def test_front_matter_is_yaml_and_unknown_keys_are_kept() -> None:
    m, diagnostics = parse(FRONT)
    assert diagnostics == []
    assert (m.title, m.source, m.front["author"]) == ("A debate", "text.txt", "Ana Example")
    assert m.front["model"]["mode"] == "strict"
    assert m.front["color"]["tagColors"]["pro"] == "#00ff00"
    assert m.front["group"]["regroup"][0]["tags"] == ("a",)
    assert m.front["explanation"] == "folded over two lines\n"
    assert m.front["quoted key"] == "kept\nas is\n"
    assert parse(write(m))[0] == m


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("===\ntitle: [1,\n  2\nb: 3\n===\n\n[A]: a\n", Location(4, 2)),
        ("===\na: b: c\n===\n\n[A]: a\n", Location(2, 5)),
        ("===\na: &x [1]\nb: *x\n===\n\n[A]: a\n", Location(3, 4)),  # aliases: refused
        ("===\n" + "a: " + "[" * 200 + "]" * 200 + "\n===\n\n[A]: a\n", Location(2, 67)),
        ("===\n- just\n- a list\n===\n\n[A]: a\n", Location(2, 1)),
    ],
    ids=["unclosed-flow", "colon-in-value", "alias", "too-deep", "not-a-mapping"],
)
def test_invalid_front_matter_is_a_located_error(text: str, where: Location) -> None:
    assert errors(text) == [("syntax-error", where)]


def test_yaml_scalars_are_read_as_argdown_reads_them() -> None:
    m, _ = parse(
        "===\na: yes\nb: 1:20\nc: 2020-01-01\nd: 0x1F\ne: 0o17\nf: 1.5\ng: TRUE\nh: ~\n===\n\n[A]: a\n"
    )
    assert dict(m.front) == {
        "a": "yes",
        "b": "1:20",
        "c": "2020-01-01",
        "d": 31,
        "e": 15,
        "f": 1.5,
        "g": True,
        "h": None,
    }


def test_block_data_after_a_brace_and_a_line_break() -> None:
    text = (
        "[A]: a text {\n  links:\n    - url: https://example.org/x\n      title: X\n  n: 3\n}\n  + [B]: b\n"
    )
    m, diagnostics = parse(text)
    assert diagnostics == []
    assert m.statement("A").data["links"][0]["url"] == "https://example.org/x"
    assert m.statement("A").data["n"] == 3
    assert [str(r.source) for r in m.relations] == ["[B]"]
    assert parse(write(m))[0] == m


def test_invalid_block_data_is_located() -> None:
    assert errors("[A]: a {\n  k: [1,\n}\n") == [("syntax-error", Location(3, 1))]


@pytest.mark.parametrize(
    "text",
    [
        "[A]: a {n: " + "9" * 5000 + "}",
        "===\nn: " + "9" * 5000 + "\n===\n\n[A]: a\n",
        "[A]: a {\n  n: " + "9" * 5000 + "\n}\n",
    ],
    ids=["flow", "front", "block"],
)
def test_a_number_of_any_length_is_read_safely(text: str) -> None:
    m, diagnostics = parse(text)
    assert diagnostics == []
    value = m.front["n"] if m.front else m.statement("A").data["n"]
    assert value == "9" * 5000
    assert parse(write(m))[0] == m


def test_deep_data_is_a_located_error_not_a_recursion_error() -> None:
    assert errors("[A]: a {x: " + "[" * 500 + "]" * 500 + "}") == [("syntax-error", Location(1, 76))]


def test_front_matter_value_with_three_equals_signs_is_written_safely() -> None:
    m, _ = parse('===\ntitle: "a === b"\n===\n\n[A]: a\n')
    assert m.title == "a === b"
    assert "===" not in write(m).split("\n", 1)[1].split("\n===")[0]
    assert parse(write(m))[0] == m
