"""Imported text keeps its meaning: AIF, SADFace and microtext texts are plain words, so
markup-like characters in them are shown as written, through ``convert`` and back."""

from __future__ import annotations

import io
import json
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import pytest

from argmap.argdown import parse
from argmap.argdown.inline import plain
from argmap.cli import main
from argmap.formats import dumps, loads_aif, loads_microtexts, loads_sadface
from argmap.model import ArgumentMap
from oracle import export_json

#: Plain texts that Argdown would read as markup, links, tags, references, data or comments.
HOSTILE = [
    "It is *very* clear and **bold**, _quite_ __so__.",
    "A study (see https://example.org/study) shows that trade grew.",
    "See [the report](https://example.org/r) for [X] and <Y>.",
    "Graphviz reads \\N and \\L; a path is C:\\new\\table.",
    "p .->. q and :heart: and .A. all.",
    "Tagged #thesis and #1 here, and a trailing #",
    "Data {quote: 'x', basis: fact} in braces { unclosed",
    "A mention @[Someone] and @<Other> and @@ twice.",
    "Comments // are not and /* neither */ here.",
    "snake_case_name and x_ and 2 * 3 * 4 = 24",
    "An HTML comment <!-- hidden --> stays.",
    "Two\nlines and  spaces\tand a tab.",
    "A backslash at the end \\",
]
IDS = [
    "emphasis",
    "url",
    "link-and-refs",
    "backslashes",
    "shortcodes",
    "tags",
    "braces",
    "mentions",
    "comments",
    "underscores",
    "html-comment",
    "white-space",
    "trailing-backslash",
]


def words(text: str) -> str:
    """What a reader should see: the text with white space as Argdown reads it."""
    return " ".join(text.split())


def aif(texts: list[str]) -> str:
    """An AIF graph: the first text supported by each of the others."""
    nodes = [{"nodeID": f"i{k}", "text": t, "type": "I"} for k, t in enumerate(texts)]
    edges = []
    for k in range(1, len(texts)):
        nodes.append({"nodeID": f"ra{k}", "text": "Default Inference", "type": "RA"})
        edges += [
            {"edgeID": f"e{k}a", "fromID": f"i{k}", "toID": f"ra{k}"},
            {"edgeID": f"e{k}b", "fromID": f"ra{k}", "toID": "i0"},
        ]
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": []})


def shown(m: ArgumentMap) -> list[str]:
    return sorted(words(plain(s.text)) for s in m.statements)


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_imported_text_is_shown_as_written(text: str) -> None:
    for m, _ in (
        loads_aif(aif(["Trade grew.", text])),
        loads_sadface(
            json.dumps(
                {
                    "nodes": [
                        {"id": "n1", "type": "atom", "text": "Trade grew."},
                        {"id": "n2", "type": "atom", "text": text},
                        {"id": "s1", "type": "scheme", "name": "support"},
                    ],
                    "edges": [
                        {"id": "d1", "source_id": "n2", "target_id": "s1"},
                        {"id": "d2", "source_id": "s1", "target_id": "n1"},
                    ],
                }
            )
        ),
        loads_microtexts(
            '<arggraph id="t"><edu id="e1">Trade grew.</edu>'
            f'<edu id="e2">{xml_escape(text)}</edu><adu id="a1" type="pro"/><adu id="a2" type="pro"/>'
            '<edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/>'
            '<edge id="c3" src="a2" trg="a1" type="sup"/></arggraph>'
        ),
    ):
        assert shown(m) == sorted(["Trade grew.", words(text)]), m.front.get("format")


def test_convert_keeps_the_words_of_hostile_texts(tmp_path: Path) -> None:
    """`argmap convert` AIF → Argdown, read back: every statement says what the AIF said,
    nothing became a tag, a link, a statement or a comment, and the map checks clean."""
    source = tmp_path / "hostile.json"
    source.write_text(aif(["The thesis.", *HOSTILE]), encoding="utf-8")
    target = tmp_path / "hostile.argdown"
    out, err = io.StringIO(), io.StringIO()
    assert main(["convert", str(source), "-o", str(target)], out, err) == 0, err.getvalue()
    again, diagnostics = parse(target.read_text(encoding="utf-8"))
    assert [d.format() for d in diagnostics if d.is_error] == []
    assert shown(again) == sorted(words(t) for t in ["The thesis.", *HOSTILE])
    assert {(s.title, s.tags) for s in again.statements if s.tags} == {("The thesis", ("thesis",))}
    assert len(again.relations) + sum(len(a.inferences) for a in again.arguments) == len(HOSTILE)
    assert main(["check", str(target)], out, err) == 0, out.getvalue()


def test_argmap_through_aif_keeps_its_markup_and_gives_aif_plain_words() -> None:
    """Argdown → AIF → argmap is exact; the AIF text itself is what a reader sees."""
    m, _ = parse(
        "[T]: It is *very* clear, see [the study](https://example.org/s), \\#5 .->. six. #thesis\n"
        "  + [R]: Plain words.\n"
    )
    text = dumps(m, "aif")
    i_texts = {n["text"] for n in json.loads(text)["nodes"] if n["type"] == "I"}
    assert i_texts == {"It is very clear, see the study, #5 \u2192 six.", "Plain words."}
    back, _ = loads_aif(text)
    assert [(s.title, s.text, s.role) for s in back.statements] == [
        (s.title, s.text, s.role) for s in m.statements
    ]


@pytest.mark.argdown
def test_argdown_reads_the_converted_words_as_argmap_does() -> None:
    """The Argdown CLI, reading what `convert` wrote, sees every hostile text word for word."""
    m, _ = loads_aif(aif(["The thesis.", *HOSTILE]))
    exported, log = export_json({"hostile": dumps(m, "argdown")})
    model = exported["hostile"]
    assert model is not None, log
    texts = [
        member["text"] for s in model["statements"].values() for member in s["members"] if member.get("text")
    ]
    assert sorted(words(t).removesuffix(" #thesis") for t in texts) == sorted(
        words(t) for t in ["The thesis.", *HOSTILE]
    )
