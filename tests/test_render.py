"""DOT building: structure, look, escaping, partial maps, page options.  No Graphviz needed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from argmap.draw import theme
from argmap.draw.dot import to_dot
from argmap.draw.graph import node_ids, node_refs, subset, visible_refs
from argmap.draw.style import NodeStyle, PageOptions
from argmap.model import ArgumentMap, NodeRef, Relation, RelationKind, Role, Statement
from argmap.text import html_text, wrap_text
from conftest import make_chain_map, make_sample_map

DATA = Path(__file__).parent / "data" / "render"
HOSTILE = json.loads((DATA / "hostile.json").read_text(encoding="utf-8"))["texts"]

NODE = re.compile(r"^(\w+) \[(.*)\];$", re.M)
EDGE = re.compile(r"^(\w+) -> (\w+) \[(.*)\];$", re.M)


def nodes(dot: str) -> dict[str, str]:
    """The map's nodes (the key's miniatures left out)."""
    return {
        m.group(1): m.group(2)
        for m in NODE.finditer(dot)
        if m.group(1) not in ("graph", "node", "edge") and not m.group(1).startswith("key_")
    }


def edges(dot: str) -> dict[tuple[str, str], str]:
    return {(m.group(1), m.group(2)): m.group(3) for m in EDGE.finditer(dot)}


def test_one_node_per_statement_and_stable_names(sample_map: ArgumentMap) -> None:
    dot = to_dot(sample_map)
    names = nodes(dot)
    ids = node_ids(sample_map)
    assert ids == {s.title: f"s{i}" for i, s in enumerate(sample_map.statements)}
    assert set(ids.values()) <= set(names)
    # the linked argument is a junction, the PCS-less argument a box
    assert "a0_i0" in names and "a1" in names and "a0" not in names
    assert 'id="argmap-s0"' in names["s0"] and "argmap-thesis" in names["s0"]
    refs = node_refs(sample_map)
    assert refs["s0"] == NodeRef.statement("Convenience")
    assert refs["a0_i0"] == NodeRef.argument("Need")


def test_linked_premises_hang_under_one_junction(sample_map: ArgumentMap) -> None:
    e = edges(to_dot(sample_map))
    ids = node_ids(sample_map)
    assert (ids["Sanctions"], "a0_i0") in e and (ids["Shared enemy"], "a0_i0") in e
    assert 'arrowhead="none"' in e[(ids["Sanctions"], "a0_i0")]
    # junction → conclusion drawn once, even though <Need> +> [Convenience] is also a relation
    into_thesis = [k for k in e if k[1] == ids["Convenience"]]
    assert ("a0_i0", ids["Convenience"]) in into_thesis
    assert len([k for k in into_thesis if k[0] == "a0_i0"]) == 1


@pytest.mark.parametrize(
    ("src", "dst", "kind"),
    [
        ("Drones", "Sanctions", theme.EdgeKind.SUPPORT),
        ("Treaty", "Convenience", theme.EdgeKind.ATTACK),
        ("No defence clause", "Treaty", theme.EdgeKind.REBUTTAL),
        ("Treaty", "Sanctions", theme.EdgeKind.CONTRARY),
        ("Oil", "Sanctions", theme.EdgeKind.CONTRADICTORY),
    ],
    ids=["support", "attack", "rebuttal", "contrary", "contradictory"],
)
def test_relation_edges_carry_style_and_words(
    sample_map: ArgumentMap, src: str, dst: str, kind: theme.EdgeKind
) -> None:
    ids = node_ids(sample_map)
    # upright: sideways a support line says "because" by its style alone (a word would
    # take a column of its own between two columns of boxes)
    attrs = edges(to_dot(sample_map, rankdir="BT"))[(ids[src], ids[dst])]
    look = theme.EDGES[kind]
    assert f'color="{look.color}"' in attrs
    assert f'style="{look.style}"' in attrs
    assert f'label="{look.word}"' in attrs
    assert f"argmap-{kind.value}" in attrs


def test_undercut_hits_the_junction_with_a_tee(sample_map: ArgumentMap) -> None:
    attrs = edges(to_dot(sample_map))[("a1", "a0_i0")]
    assert 'arrowhead="tee"' in attrs and 'style="dotted"' in attrs
    assert "does not follow" in attrs


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_every_role_has_its_own_border_and_word(role: Role) -> None:
    m = ArgumentMap(statements=(Statement("X", "some text", role),))
    attrs = nodes(to_dot(m))["s0"]
    look = theme.ROLES[role]
    assert f'style="{look.style}"' in attrs and f'shape="{look.shape}"' in attrs
    assert look.word.split(" ")[0] in attrs


def test_roles_differ_without_colour() -> None:
    """Never colour alone: each role's (shape, style, penwidth, peripheries) is unique."""
    forms = {(lk.shape, lk.style, lk.penwidth, lk.peripheries) for lk in theme.ROLES.values()}
    assert len(forms) == len(theme.ROLES)
    lines = {(e.style, e.arrowhead, e.both) for e in theme.EDGES.values()}
    assert len(lines) == len(theme.EDGES)
    assert "dashed" in theme.ROLES[Role.ASSUMPTION].style
    assert "bold" in theme.ROLES[Role.THESIS].style


def test_evidence_shows_basis_quote_and_paragraph(sample_map: ArgumentMap) -> None:
    attrs = nodes(to_dot(sample_map))[node_ids(sample_map)["Drones"]]
    assert "EVIDENCE · fact" in attrs
    assert "Tehran shipped hundreds" in attrs and "¶&#160;3" in attrs  # "¶ 3" never breaks


def test_long_quote_is_shortened() -> None:
    quote = "word " * 200
    m = ArgumentMap(statements=(Statement("E", "", Role.EVIDENCE, data={"quote": quote}),))
    label = nodes(to_dot(m))["s0"]
    assert "…" in label and label.count("word") < 60


def test_key_is_drawn_from_miniature_nodes_and_lines_of_what_occurs() -> None:
    m = ArgumentMap(statements=(Statement("T", role=Role.THESIS), Statement("A", role=Role.ASSUMPTION)))
    dot = to_dot(m)
    key = {m.group(1): m.group(2) for m in NODE.finditer(dot) if m.group(1).startswith("key_")}
    assert set(key) == {"key_thesis", "key_assumption"}
    # the very shape, border and fill of the role, not a swatch
    for role, name in ((Role.THESIS, "key_thesis"), (Role.ASSUMPTION, "key_assumption")):
        look = theme.ROLES[role]
        assert f'shape="{look.shape}" style="{look.style}" fillcolor="{look.fill}"' in key[name]
    assert "cluster_key" in dot and "Key" not in to_dot(m, legend=False)


def test_key_has_a_line_sample_per_kind_and_rows_for_marks(sample_map: ArgumentMap) -> None:
    dot = to_dot(sample_map, annotations_style={"Treaty": NodeStyle(mark="✓ accepted")})
    e = edges(dot)
    for kind in (theme.EdgeKind.ATTACK, theme.EdgeKind.REBUTTAL, theme.EdgeKind.UNDERCUT):
        attrs = e[(f"key_{kind.value}_a", f"key_{kind.value}_b")]
        assert (
            f'style="{theme.EDGES[kind].style}"' in attrs
            and f'arrowhead="{theme.EDGES[kind].arrowhead}"' in attrs
        )
    assert "accepted (or solid, strong)" in dot  # a row for the ✓ mark


def test_narrow_map_keeps_the_thesis_on_top_with_spline_edges() -> None:
    m = ArgumentMap(
        statements=(
            Statement("T", "thesis", Role.THESIS),
            Statement("R", "a reason"),
            Statement("E", "evidence"),
        ),
        relations=(
            Relation(RelationKind.SUPPORT, NodeRef.statement("R"), NodeRef.statement("T")),
            Relation(RelationKind.SUPPORT, NodeRef.statement("E"), NodeRef.statement("R")),
        ),
    )
    dot = to_dot(m)
    assert 'rankdir="BT"' in dot and 'splines="spline"' in dot and "ortho" not in dot
    assert "{rank=max; s0;}" in dot
    assert f'fontname="{theme.FONT}"' in dot
    assert 'rankdir="TB"' in to_dot(m, rankdir="TB")


def test_wide_map_lies_on_its_side_with_the_thesis_on_the_left(sample_map: ArgumentMap) -> None:
    """Six reasons side by side would not read at notebook width: the tree turns."""
    dot = to_dot(sample_map)
    assert 'rankdir="RL"' in dot and "{rank=max; s0;" in dot


def test_focus_and_depth(sample_map: ArgumentMap) -> None:
    ids = node_ids(sample_map)
    near = nodes(to_dot(sample_map, focus="Treaty", depth=1))
    assert {ids["Treaty"], ids["Convenience"], ids["No defence clause"], ids["Sanctions"]} <= set(near)
    assert ids["Drones"] not in near and ids["Lonely"] not in near
    whole = visible_refs(sample_map, focus="Convenience")
    assert NodeRef.statement("Drones") in whole and NodeRef.statement("Lonely") not in whole
    with pytest.raises(ValueError, match=r"did you mean \[Treaty\]"):
        to_dot(sample_map, focus="Treaty!")


def test_include_shows_the_map_at_a_step(sample_map: ArgumentMap) -> None:
    ids = node_ids(sample_map)
    dot = to_dot(sample_map, include=["Convenience", "Sanctions", "Shared enemy"])
    shown = nodes(dot)
    assert set(shown) == {ids["Convenience"], ids["Sanctions"], ids["Shared enemy"], "a0_i0"}
    assert all(src in shown and dst in shown for src, dst in edges(dot) if not src.startswith("key_"))
    small = subset(sample_map, ["Convenience", "Treaty", "Need"])
    assert [s.title for s in small.statements] == ["Convenience", "Treaty"]
    assert small.argument("Need").inferences == ()
    assert len(small.relations) == 2  # <Need> +> [Convenience], [Treaty] - [Convenience]


def test_annotation_styles_overlay_but_keep_the_role_border(sample_map: ArgumentMap) -> None:
    style = NodeStyle(fill="#FFF3B0", pen="#0072B2", penwidth=2.5, mark="✓", note="rated 4/5 <b>")
    attrs = nodes(to_dot(sample_map, annotations_style={"Shared enemy": style}))[
        node_ids(sample_map)["Shared enemy"]
    ]
    # the overlay is a badge and a note: the role's fill, border and width stay
    look = theme.ROLES[Role.ASSUMPTION]
    assert f'fillcolor="{look.fill}"' in attrs and f'color="{look.pen}"' in attrs
    assert "#FFF3B0" not in attrs and "#0072B2" not in attrs
    assert "✓" in attrs and "rated 4/5 &lt;b&gt;" in attrs
    assert "dashed" in attrs
    assert f'COLOR="{theme.BADGE_PEN}"' in attrs


@pytest.mark.parametrize(
    "bad", ['red" shape="x', "#12", "javascript:1", "#GGGGGG"], ids=["quote", "short", "scheme", "nothex"]
)
def test_node_style_refuses_bad_colours(bad: str) -> None:
    with pytest.raises(ValueError, match="colour"):
        NodeStyle(fill=bad)


@pytest.mark.parametrize(
    ("opts", "size", "viewport"),
    [
        (PageOptions(), "7.470,10.890", "595,842"),
        (PageOptions("Letter", "landscape", 0.5), "10.000,7.500", "792,612"),
    ],
    ids=["a4-portrait", "letter-landscape"],
)
def test_page_options(sample_map: ArgumentMap, opts: PageOptions, size: str, viewport: str) -> None:
    dot = to_dot(sample_map, page=opts)
    assert f'size="{size}"' in dot and f'viewport="{viewport}"' in dot and 'pad="0"' in dot


@pytest.mark.parametrize(
    "kwargs",
    [{"size": "A5"}, {"orientation": "sideways"}, {"margin_in": 9}],
    ids=["size", "orientation", "margin"],
)
def test_page_options_refuse_bad_values(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="valid|between"):
        PageOptions(**kwargs)  # type: ignore[arg-type]


def test_bad_rankdir_lists_valid_ones(sample_map: ArgumentMap) -> None:
    with pytest.raises(ValueError, match="BT, TB, LR, RL"):
        to_dot(sample_map, rankdir="UP")


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_hostile_text_stays_inside_its_label(text: str) -> None:
    m = ArgumentMap(statements=(Statement(text, text, Role.CLAIM), Statement("Other", text, Role.THESIS)))
    dot = to_dot(m, annotations_style={text: NodeStyle(mark=text, note=text)})
    lines = dot.splitlines()
    # structure is exactly ours: two nodes, no injected statements
    assert set(nodes(dot)) == {"s0", "s1"}
    assert len([ln for ln in lines if ln.startswith("graph [")]) == 1
    assert len([ln for ln in lines if ln.startswith("subgraph ")]) == 1  # the key
    for ln in lines:
        if ln.startswith(("s0 [", "s1 [")):
            label = ln[ln.index("label=<") + 6 :]
            assert label.endswith(">];")
            inner = label[1:-3]
            # inside the HTML label, only our own tags appear
            tags = set(re.findall(r"</?([A-Za-z]+)", inner))
            assert tags <= {"TABLE", "TR", "TD", "B", "I", "FONT", "BR"}
            assert "\n" not in ln
    # outside HTML labels and quoted strings, no user text is left
    bare = re.sub(r'"(?:\\.|[^"\\])*"', '""', re.sub(r"label=<<TABLE.*?</TABLE>>", "", dot))
    assert "evil" not in bare and "script" not in bare and "inject" not in bare


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a & b", "a &amp; b"),
        ("<x>", "&lt;x&gt;"),
        ("\\N", "\\\u2060N"),
        ("\\x", "\\x"),
        ("'\"", "&#39;&quot;"),
    ],
    ids=["amp", "angle", "graphviz-escape", "plain-backslash", "quotes"],
)
def test_html_text(text: str, expected: str) -> None:
    assert html_text(text) == expected


def test_wrap_breaks_long_words_and_keeps_all_text() -> None:
    text = "short " + "x" * 100 + " end"
    lines = wrap_text(text, 20)
    assert all(len(line) <= 20 for line in lines)
    # a word too long even for a wider line is broken with visible hyphens
    assert all(line.endswith("-") for line in lines[1:-2])
    assert "".join(lines).replace(" ", "").replace("-", "") == text.replace(" ", "")
    assert wrap_text("", 10) == []


def test_empty_text_and_title_still_make_a_valid_label() -> None:
    dot = to_dot(ArgumentMap(statements=(Statement("", ""),)))
    assert "<TR>" in nodes(dot)["s0"]


def test_to_dot_draws_a_thousand_statements() -> None:
    """Every statement of a 1,000-statement map gets its node (how fast, and that the
    time grows in proportion: ``benchmarks/run.py to-dot-growth``)."""
    dot = to_dot(make_chain_map(1000))
    assert len(nodes(dot)) >= 1000


def test_sample_map_fixture_is_complete() -> None:
    m = make_sample_map()
    assert {s.role for s in m.statements} == set(Role)


ARGDOWN = """\
[T]: Thesis text. #thesis
  + [R]: A reason.
    + <A>: an argument
  - [O]: An objection. #objection
    - [Reb]: An answer.

<Linked>

(1) [P1]: First premise.
(2) [P2]: Second premise. #assumption
----
(3) [T]
"""


def test_map_from_argdown_text() -> None:
    from argmap.argdown import parse

    m, diagnostics = parse(ARGDOWN)
    assert not [d for d in diagnostics if d.is_error]
    dot = to_dot(m)
    ids = node_ids(m)
    e = edges(dot)
    assert (ids["R"], ids["T"]) in e and "because" in e[(ids["R"], ids["T"])]
    assert "rebuttal" in e[(ids["Reb"], ids["O"])] and "however" in e[(ids["Reb"], ids["O"])]
    assert '"but"' in e[(ids["O"], ids["T"])]
    junction = next(n for n in nodes(dot) if n.endswith("_i0"))
    assert (ids["P1"], junction) in e and (ids["P2"], junction) in e and (junction, ids["T"]) in e
    assert "dashed" in nodes(dot)[ids["P2"]]
