"""The key of a picture: drawn from real miniature nodes and lines.  Pure.

The key is a cluster of its own: one miniature node per role the picture uses,
drawn with that role's very shape, border and fill; one short sample per kind of
line, drawn with that line's style and arrowhead; the frame of co-premises; and a
row for every overlay mark the picture carries (✓ ? ✗ ● …).  :func:`key_dot` draws
it alone (for paper: one key for all pages), :func:`full_key_dot` the key of every
role and line (written once into a folder of pictures).
"""

from __future__ import annotations

from ..model import ArgumentMap, Role
from ..text import dot_string, lines_html
from . import theme
from .scene import Scene, build_scene
from .style import dot_attrs
from .theme import EdgeKind

__all__ = ["FRAME_WORDS", "MARKS", "full_key_dot", "key_dot", "key_rows"]

FRAME_WORDS = "a frame: premises that support only together"


#: What each overlay mark means, for the key (the first character of a badge).
MARKS: dict[str, str] = {
    "✓": "accepted (or solid, strong)",
    "?": "doubted (or shaky, weak)",
    "✗": "rejected, or falls",
    "●": "stands, given the judgements",
    "◐": "open: not judged, or hangs on an open point",
    "○": "falls, given the judgements",
    "⚑": "flagged",
    "✎": "has a note",
    "⇅": "the class is split",
    "≈": "the class is mixed",
    "=": "the class agrees",
}


def full_key_dot() -> str:
    """The key of every role, argument form and kind of line, as one drawing: written
    once into a folder of pictures drawn without their own key (``render --out-dir``)."""
    from ..model import Argument, Inference, NodeRef, Relation, RelationKind, Statement

    roles = [Statement(f"k{k}", role=role) for k, role in enumerate(Role)]
    premises = [Statement("p1"), Statement("p2")]
    arg = Argument("a", inferences=(Inference(("p1", "p2"), "k0"),))
    box = Argument("b")
    rel = [
        Relation(RelationKind.SUPPORT, NodeRef.statement("k1"), NodeRef.statement("k0")),
        Relation(RelationKind.ATTACK, NodeRef.statement("k4"), NodeRef.statement("k0")),
        Relation(RelationKind.ATTACK, NodeRef.statement("k5"), NodeRef.statement("k4")),
        Relation(RelationKind.UNDERCUT, NodeRef.statement("k3"), NodeRef.argument("a")),
        Relation(RelationKind.CONTRARY, NodeRef.statement("k2"), NodeRef.statement("k1")),
        Relation(RelationKind.CONTRADICTORY, NodeRef.statement("p1"), NodeRef.argument("b")),
    ]
    m = ArgumentMap(statements=(*roles, *premises), arguments=(arg, box), relations=tuple(rel))
    return key_dot(build_scene(m, detail="full"))


def key_dot(scene: Scene, key_note: str = "") -> str:
    """The key of a scene as a drawing of its own (for paper: one key for all pages),
    two columns: the miniature nodes, then the line samples and notes."""
    body, _ = key_rows(scene, True, key_note)
    rows = [line.split(" ", 1)[0] for line in body if line.startswith("key_") and " -> " not in line]
    samples = [name for name in rows if name.endswith(("_a", "_b"))]
    nodes = [name for name in rows if name not in samples]
    out = [
        "digraph argmap_key {",
        f'graph [rankdir="TB" nodesep="0.7" ranksep="0.12" margin="0" fontname="{theme.FONT}" '
        'bgcolor="white" id="argmap-key-drawing" class="argmap"];',
        f'node [fontname="{theme.FONT}" fontcolor="{theme.INK}"];',
        f'edge [fontname="{theme.FONT}" fontsize="{theme.SMALL_FONT_SIZE}" arrowsize="0.8"];',
        *body,
    ]
    # each sample's two ends share a rank (a flat line); the columns stack top to bottom
    pairs = [(a, a[:-2] + "_b") for a in samples if a.endswith("_a")]
    for a, b in pairs:
        out.append(f"{{rank=same; {a}; {b};}}")
    right = [a for a, _ in pairs] + [n for n in nodes if n == "key_notes"]
    left = [n for n in nodes if n != "key_notes"]
    for column in (left, right):
        for x, y in zip(column, column[1:], strict=False):
            out.append(f'{x} -> {y} [style="invis"];')
    out.append("}")
    return "\n".join(out) + "\n"


def _small(text: str, width: int = 34, colour: str = theme.INK) -> str:
    return f'<FONT POINT-SIZE="{theme.SMALL_FONT_SIZE}" COLOR="{colour}">{lines_html(text, width)}</FONT>'


def _key_label(word: str, legend: str, colour: str = theme.INK) -> str:
    """A key item's label: its word over what it means, as a table (a text label whose
    lines mix fonts is measured short by Graphviz 2.43, and its words spill out)."""
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD ALIGN="LEFT">{_small(word)}</TD></TR>'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_small(legend, colour=colour)}</TD></TR></TABLE>>'
    )


def key_rows(scene: Scene, side: bool, note: str = "") -> tuple[list[str], list[str]]:
    """The key: a cluster of miniature nodes and line samples (see the module docstring),
    and, sideways, the names that go into the thesis's rank."""
    rows: list[str] = []  # names, top to bottom
    out = [
        'subgraph cluster_key { graph [label=<<B>Key</B>> labeljust="l" style="rounded" tooltip="Key" '
        f'color="#BBBBBB" fontsize="{theme.SMALL_FONT_SIZE}" margin="6" id="argmap-key" class="argmap-key"];',
        f'node [fontsize="{theme.SMALL_FONT_SIZE}" margin="0.06,0.02" height="0.2"];',
    ]
    roles = scene.roles
    for role in Role:
        if role not in roles:
            continue
        look = theme.ROLES[role]
        name = f"key_{role.value}"
        out.append(
            f'{name} [{dot_attrs(look.attrs())} class="argmap-key-item" '
            f"tooltip={_key_tip(look.word, look.legend)} "
            f"label={_key_label(look.word, look.legend, theme.MUTED)}];"
        )
        rows.append(name)
    kinds = {n.kind for n in scene.nodes}
    if "argument" in kinds:
        out.append(
            f'key_argument [{dot_attrs(theme.ARGUMENT.attrs())} class="argmap-key-item" '
            f"tooltip={_key_tip(theme.ARGUMENT.word, theme.ARGUMENT.legend)} "
            f"label={_key_label(theme.ARGUMENT.word, theme.ARGUMENT.legend)}];"
        )
        rows.append("key_argument")
    if "junction" in kinds:
        junction = (
            f'key_junction [{dot_attrs(theme.JUNCTION.attrs())} class="argmap-key-item" '
            f"tooltip={_key_tip(theme.JUNCTION.word, theme.JUNCTION.legend)} "
            f"label={_key_label(theme.JUNCTION.word, theme.JUNCTION.legend)}];"
        )
        if scene.groups:
            out.append(
                f'subgraph cluster_key_frame {{ graph [style="rounded,filled" color="{theme.FRAME_PEN}" '
                f'fillcolor="{theme.FRAME_FILL}" label=<{_small(FRAME_WORDS)}> '
                'labeljust="l" margin="4" id="argmap-key-frame" class="argmap-key"];'
            )
            out += [junction, "}"]
        else:
            out.append(junction)
        rows.append("key_junction")
    samples: list[tuple[str, str]] = []
    for kind in theme.LINKS:
        if kind not in scene.edge_kinds or kind is EdgeKind.PREMISE:
            continue
        line = theme.EDGES[kind]
        a, b = f"key_{kind.value}_a", f"key_{kind.value}_b"
        words = f"“{line.word}”: {line.legend}" if line.word else line.legend
        tip = _key_tip(words)
        out.append(
            f'{a} [shape="point" width="0.05" color="{theme.MUTED}" class="argmap-key-item" tooltip={tip}];'
        )
        out.append(f'{b} [shape="plaintext" class="argmap-key-item" tooltip={tip} label=<{_small(words)}>];')
        attrs = {**line.attrs(), "constraint": "true", "minlen": "1"}
        out.append(f'{a} -> {b} [{dot_attrs(attrs)} class="argmap-key-item"];')
        samples.append((a, b))
    notes = ([note] if note else []) + _key_notes(scene)
    if notes:
        cells = "".join(f'<TR><TD ALIGN="LEFT">{_small(t)}</TD></TR>' for t in notes)
        out.append(
            'key_notes [shape="plaintext" class="argmap-key-item" tooltip="Key: notes" '
            f'label=<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{cells}</TABLE>>];'
        )
        rows.append("key_notes")
    out.append("}")
    if side:
        # sideways: rows and the samples' words in the thesis's column, each sample's
        # tail one column to the right
        return out, rows + [b for _, b in samples]
    # upright, one column: each row sits above the next (an invisible link from the
    # lower to the upper); a line sample runs flat, its two ends on one rank
    column = rows + [a for a, _ in samples]
    for upper, lower in zip(column, column[1:], strict=False):
        out.append(f'{lower} -> {upper} [style="invis"];')
    for a, b in samples:
        out.append(f"{{rank=same; {a}; {b};}}")
    return out, []


def _key_tip(*words: str) -> str:
    """A key item's tooltip (and readable title): "Key: CLAIM: a reason …"."""
    return dot_string("Key: " + ": ".join(words))


def _key_notes(scene: Scene) -> list[str]:
    """Rows for the marks an overlay uses, and for what the view folded or cut."""
    notes: list[str] = []
    used = {style.mark.strip()[:1] for style in scene.styles.values() if style.mark.strip()}
    notes += [f"{mark}  {meaning}" for mark, meaning in MARKS.items() if mark in used]
    if any(n.folded for n in scene.nodes):
        notes.append(
            "▸ N pieces of evidence (or quoted claims): folded into what they support; "
            "--detail full draws them"
        )
    if any(n.shared_by > 1 for n in scene.nodes):
        notes.append("in N lines of support: one premise, drawn in each line that uses it")
    if any(n.more for n in scene.nodes):
        notes.append("+N more under it, not in this view: the rest of the map is in its other views")
    return notes
