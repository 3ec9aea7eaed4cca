"""Malformed and hostile inputs are refused with a located, coded message: no
traceback, no entity expansion, no hang."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.formats import MAX_BYTES, detect_format, load_any, loads_aif, loads_microtexts, loads_sadface
from hang import finishes

DATA = Path(__file__).parent / "data" / "formats" / "invalid"


@pytest.mark.parametrize(
    ("name", "code", "line", "words"),
    [
        ("billion_laughs.xml", "format-error", 3, "entities"),
        ("external_entity.xml", "format-error", 3, "entities"),
        ("unclosed.xml", "format-error", 5, "not well-formed"),
        ("not_arggraph.xml", "format-error", 2, "<html>"),
        ("syntax_error.aif.json", "format-error", 4, "not valid JSON"),
    ],
    ids=["billion-laughs", "external-entity", "unclosed-tag", "not-arggraph", "json-syntax"],
)
def test_broken_files_are_refused_with_a_located_error(name: str, code: str, line: int, words: str) -> None:
    m, diagnostics = finishes(lambda: load_any(DATA / name), f"load_any({name})")
    errors = [d for d in diagnostics if d.is_error]
    assert len(errors) == 1
    assert errors[0].code == code and errors[0].line == line and words in errors[0].message
    assert errors[0].path == str(DATA / name)
    assert len(m.statements) == 0


def test_external_entity_is_never_read() -> None:
    _, diagnostics = load_any(DATA / "external_entity.xml")
    assert "root:" not in " ".join(d.format() for d in diagnostics)


@pytest.mark.parametrize(
    ("name", "paths"),
    [
        (
            "wrong_types.aif.json",
            ["nodes[3].type", "nodes[4].nodeID", "nodes[5]", "edges[2].fromID", "locutions"],
        ),
        ("wrong_types.sadface.json", ["nodes[1].text", "edges"]),
    ],
    ids=["aif", "sadface"],
)
def test_wrong_types_are_named_by_json_path(name: str, paths: list[str]) -> None:
    m, diagnostics = load_any(DATA / name)
    errors = [d for d in diagnostics if d.is_error]
    assert all(d.code == "format-error" for d in errors)
    for p in paths:
        assert any(d.message.startswith(p + ":") for d in errors), p
    assert len(m.statements) >= 1  # the good nodes are still read


@pytest.mark.parametrize("loads", [loads_aif, loads_sadface], ids=["aif", "sadface"])
def test_deeply_nested_json_is_refused_before_parsing(loads: object) -> None:
    text = '{"nodes": ' + "[" * 10_000 + "]" * 10_000 + ', "edges": []}'
    m, diagnostics = finishes(lambda: loads(text), "10,000 nested brackets")  # type: ignore[operator]
    (error,) = diagnostics
    assert error.code == "format-error" and "nested" in error.message
    assert (error.line, error.column) == (1, 11 + 63)  # the 65th open bracket, counting the object's


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = '{"nodes": [{"nodeID": "1", "type": "I", "text": "' + "[" * 500 + '"}], "edges": []}'
    m, diagnostics = loads_aif(text)
    assert diagnostics == [] and len(m.statements) == 1


def test_deeply_nested_xml_is_refused() -> None:
    text = "<arggraph>" + "<x>" * 10_000 + "</x>" * 10_000 + "</arggraph>"
    _, diagnostics = loads_microtexts(text)
    (error,) = diagnostics
    assert error.code == "format-error" and "nested" in error.message


def test_json_top_level_of_the_wrong_type() -> None:
    _, diagnostics = loads_aif("[1, 2]")
    (error,) = diagnostics
    assert error.code == "format-error" and "a list" in error.message


def test_huge_file_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    m, diagnostics = load_any(big)
    (error,) = diagnostics
    assert error.code == "file-too-large" and f"{MAX_BYTES:,}" in error.message


def test_huge_text_is_refused() -> None:
    text = '{"nodes": [], "edges": [], "pad": "' + "x" * (MAX_BYTES + 1) + '"}'
    _, diagnostics = loads_aif(text)
    assert [d.code for d in diagnostics] == ["file-too-large"]


def test_not_utf8_and_unknown_format(tmp_path: Path) -> None:
    latin = tmp_path / "latin.xml"
    latin.write_bytes(b"<arggraph>\n<edu id='e1'>caf\xe9</edu></arggraph>")
    _, diagnostics = load_any(latin)
    assert [(d.code, d.line) for d in diagnostics] == [("format-error", 2)]
    mystery = tmp_path / "mystery.json"
    mystery.write_text('{"hello": 1}', encoding="utf-8")
    _, diagnostics = load_any(mystery)
    assert [d.code for d in diagnostics] == ["format-error"] and "--from" in (diagnostics[0].hint or "")


def test_missing_file_and_unknown_format_name(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError, match="no such file"):
        load_any(tmp_path / "nope.json")
    with pytest.raises(ValueError, match="known: argdown, aif, microtexts, sadface"):
        load_any(DATA / "unclosed.xml", fmt="csv")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.argdown", None, "argdown"),
        ("a.aif.json", "", "aif"),
        ("a.json", '{"nodes": [{"nodeID": 1}], "edges": []}', "aif"),
        ("a.json", '{"nodes": [{"id": "x", "type": "atom"}], "edges": [{"source_id": "x"}]}', "sadface"),
        ("a.xml", "<?xml version='1.0'?>\n<arggraph id='x'></arggraph>", "microtexts"),
        ("a.xml", "<html/>", "microtexts"),
        ("noext", "<arggraph id='x'/>", "microtexts"),
        ("noext", "<html/>", None),
        ("a.txt", None, None),
    ],
    ids=[
        "argdown",
        "aif-ext",
        "aif-content",
        "sadface-content",
        "arggraph",
        "any-xml-ext",
        "arggraph-content",
        "other-xml-content",
        "unknown",
    ],
)
def test_detect_format(name: str, text: str | None, expected: str | None) -> None:
    assert detect_format(name, text) == expected
