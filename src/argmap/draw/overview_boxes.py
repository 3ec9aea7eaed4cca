"""How each box of the overview reads: a line's box (its number and kind, title,
gist and counts, or an overlay's note), a grid of many boxes, and a main claim drawn
as itself.  Pure: labels as Graphviz HTML-like text, every piece of user text escaped."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..model import Argument, NodeKind, Role, Statement
from ..text import clean_text, count, dot_string, html_text, lines_html, shorten
from . import theme
from .labels import badge_cell, label
from .scene import SceneNode
from .style import NodeStyle
from .view import Line

__all__ = [
    "EM",
    "LINK",
    "ROW_TOP_TEXT",
    "ROW_TOP_WRAP",
    "TOP_WRAP",
    "box_counts",
    "box_label",
    "box_name",
    "box_node",
    "claim_node",
    "edge_attrs",
    "grid_node",
    "in_row",
    "note_rows",
    "small_html",
]


#: Average glyph width of DejaVu Sans in ems (as labels.py estimates).
EM = 0.6


#: The colour of "open this line" (a link: 7:1 on white).
LINK = "#0B5394"


#: A main claim's label width (characters): wide, so the thesis takes few lines.
TOP_WRAP = 56


#: The same for main claims set side by side in rows (a debate's positions).
ROW_TOP_WRAP = 34


#: ... and its text shortened to this many characters (the line views and the
#: outline give it whole).
ROW_TOP_TEXT = 110


def node_attrs(d: dict[str, str]) -> str:
    return " ".join(f'{k}="{v}"' for k, v in d.items())


def small_html(text_html: str, colour: str = theme.MUTED, bold: bool = False) -> str:
    inner = f"<B>{text_html}</B>" if bold else text_html
    return f'<FONT POINT-SIZE="{theme.SMALL_FONT_SIZE}" COLOR="{colour}">{inner}</FONT>'


def row_html(cell: str, span: str = "") -> str:
    return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"{span}>{cell}</TD></TR>'


def box_word(line: Line, node: Statement | Argument | None) -> str:
    """``3 · LINE OF SUPPORT``, ``4 · EVIDENCE``, ``9 · OBJECTION`` …"""
    return f"{line.number} · {line.what.upper()}"


def box_label(
    line: Line,
    node: Statement | Argument | None,
    wrap: int,
    *,
    gist: bool = True,
    mark: NodeStyle | None = None,
) -> str:
    """A line's box: its number and kind, title, gist and counts (and an overlay's
    ``mark``: a badge beside the number, a note under the counts)."""

    badge = badge_cell(mark)
    span = ' COLSPAN="2"' if badge else ""
    word = small_html(html_text(box_word(line, node)))
    rows = [f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{word}</TD>{badge}</TR>']
    rows.append(row_html(f"<B>{lines_html(clean_text(line.title), wrap)}</B>", span))
    if gist and line.gist:
        rows.append(row_html(lines_html(shorten(line.gist, 3 * wrap), wrap), span))
    notes = note_rows(mark)
    counts = "" if notes else box_counts(line)
    if counts:
        rows.append(row_html(small_html(lines_html(counts, wrap + 8), colour=theme.INK), span))
    for note in notes:
        rows.append(row_html(small_html(lines_html(note, wrap + 10), colour=theme.INK, bold=True), span))
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"


def box_counts(line: Line) -> str:
    counts = line.tally.words()
    if line.uses:
        counts = ("from " + ", ".join(u.title for u in line.uses)) + (" · " + counts if counts else "")
    return counts


def note_rows(mark: NodeStyle | None) -> list[str]:
    """An overlay's note on a line's box, a row per line of it."""
    if mark is None:
        return []
    return [row for row in (clean_text(x) for x in mark.note.split("\n")) if row]


def box_look(line: Line, node: Statement | Argument | None) -> theme.NodeLook:
    if line.attacks:
        if isinstance(node, Statement) and node.role is Role.REBUTTAL:
            return theme.ROLES[Role.REBUTTAL]
        return theme.ROLES[Role.OBJECTION]
    if line.ref.kind is NodeKind.ARGUMENT:
        return theme.JUNCTION
    if isinstance(node, Statement):
        return theme.ROLES[node.role]
    return theme.ROLES[Role.CLAIM]


def box_tip(line: Line) -> str:
    word = "objection" if line.attacks else "line of support"
    return f"{word} {line.number}: {line.title}" + (f" — {line.gist}" if line.gist else "")


def grid_node(
    name: str,
    rows: list[list[Line]],
    nodes: dict[str, Statement | Argument],
    wrap: int,
    gist: bool,
    links: bool,
    attacks: bool,
    marks: Mapping[str, NodeStyle],
) -> str:
    """Many lines as one node: a table of boxes under a caption, each box a cell with
    its own id and link (``argmap-box-line-NN``)."""
    n = sum(len(r) for r in rows)
    what = count(n, "objection") if attacks else count(n, "line of support", "lines of support")
    width = max(len(r) for r in rows)
    caption = html_text(what + ", each on its own")
    out = [
        f'<TR><TD COLSPAN="{width}" ALIGN="LEFT" BORDER="0">'
        f'<FONT POINT-SIZE="{theme.SMALL_FONT_SIZE}" COLOR="{theme.MUTED}">{caption}</FONT></TD></TR>'
    ]
    for row in rows:
        cells = []
        for line in row:
            node = nodes.get(str(line.ref))
            look = box_look(line, node)
            inner = box_label(line, node, wrap, gist=gist, mark=marks.get(line.slug))[1:-1]  # without <>
            href = f' HREF="#argmap-{line.slug}" TARGET="_self"' if links else ""
            cells.append(
                f'<TD ID="argmap-box-{line.slug}"{href} TITLE="{html_text(box_tip(line))}" BORDER="1" '
                f'STYLE="rounded" COLOR="{look.pen}" BGCOLOR="{look.fill}" CELLPADDING="5" '
                f'VALIGN="TOP">{inner}</TD>'
            )
        out.append("<TR>" + "".join(cells) + "</TR>")
    table = (
        f'<<TABLE BORDER="1" STYLE="rounded" COLOR="{theme.MUTED}" CELLBORDER="1" CELLSPACING="6" '
        f'CELLPADDING="0">{"".join(out)}</TABLE>>'
    )
    return f'{name} [shape="plaintext" margin="0" id="argmap-{name}" class="argmap-lines" label={table}];'


def box_name(line: Line) -> str:
    return f"line{line.number:02d}"


def in_row(node: Statement | Argument) -> Statement | Argument:
    """A main claim as it shows in a row of positions: its text shortened."""
    return replace(node, text=shorten(node.text, ROW_TOP_TEXT)) if len(node.text) > ROW_TOP_TEXT else node


def claim_node(
    node: Statement | Argument,
    name: str,
    mark: NodeStyle | None = None,
    *,
    top: bool = False,
    wrap: int = TOP_WRAP,
) -> str:
    """A main claim (``top``), or a node of a single line opened under it, drawn as itself
    (in a row of positions, ``wrap`` is ROW_TOP_WRAP, with its text shortened)."""
    node = in_row(node) if wrap == ROW_TOP_WRAP else node
    if isinstance(node, Statement):
        sn = SceneNode(name, node.ref, "statement", statement=node)
        look = theme.ROLES[node.role]
        cls, tip = f"argmap-node argmap-{node.role.value}", f"{look.word}: {node.title}"
    else:
        sn = SceneNode(name, node.ref, "argument", argument=node)
        look = theme.ARGUMENT
        cls, tip = "argmap-node argmap-argument", f"ARGUMENT: {node.title}"
    cls += " argmap-top" if top else ""
    return (
        f'{name} [{node_attrs(look.attrs())} id="argmap-{name}" class="{cls}" '
        f"tooltip={dot_string(tip)} label={label(sn, wrap, mark)}];"
    )


def box_node(
    line: Line,
    node: Statement | Argument | None,
    wrap: int,
    gist: bool,
    links: bool,
    mark: NodeStyle | None = None,
) -> str:
    look = box_look(line, node)
    link = f' URL="#argmap-{line.slug}" target="_self"' if links and line.opens else ""
    return (
        f'{box_name(line)} [{node_attrs(look.attrs())} id="argmap-box-{line.slug}" '
        'class="argmap-node argmap-line" '
        f"tooltip={dot_string(box_tip(line))}{link} "
        f"label={box_label(line, node, wrap, gist=gist, mark=mark)}];"
    )


def edge_attrs(d: dict[str, str]) -> str:
    return " ".join(f"{k}={dot_string(v)}" if k == "label" else f'{k}="{v}"' for k, v in d.items())
