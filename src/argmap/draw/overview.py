"""The overview picture: the main claims, one box per line, as Graphviz DOT.  Pure.

Each main claim is drawn as itself (the thesis as the thesis).  Under it, each line
of support is one box, with its title, a short gist and what hangs under it
("3 premises · 1 assumption · 5 pieces of evidence · 2 objections"), pointing to
the claim with "because"; each objection to the claim is a box of its own, pointing
to it with "but", with its replies counted.  Boxes are laid in rows sized from the
labels' estimated widths so the picture fits one screen of a notebook column with
readable text; one ``dot`` run draws it.

Every box is a ``g.node`` with ``id="argmap-box-line-NN"`` and class
``argmap-line``; it links to the line's ``<details>`` panel (``href="#argmap-line-NN"``)
in the notebook's HTML.

An overlay (a class's view) may add ``marks``: a :class:`~argmap.draw.style.NodeStyle`
per line (by ``line.slug``) or main claim (by title), its ``mark`` a badge top right,
in neutral ink (the boxes keep their look).  On a line's box the ``note`` stands in
place of what hangs under the line (the line's own view shows that), one row per
line of the note; on a main claim it is a line under the text.  The rows are
planned with the marks' room.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Argument, Statement
from ..text import clean_text, count, html_text, shorten
from . import theme
from .dot import graph_comment
from .fit import COLUMN_PX, ESTIMATE_MARGIN, PX_PER_PT, fits
from .overview_boxes import (
    EM,
    ROW_TOP_WRAP,
    TOP_WRAP,
    box_counts,
    box_name,
    box_node,
    claim_node,
    edge_attrs,
    grid_node,
    in_row,
    note_rows,
    small_html,
)
from .scene import SceneNode, estimate_size
from .style import NodeStyle
from .view import Line, Overview, Top

__all__ = ["overview_dot", "overview_size", "plan_rows"]

_NODESEP = 0.25 * 72
_RANKSEP = 0.5 * 72
#: The overview drawn ``tight`` (when even its most compact boxes came out too tall):
#: the gaps between rows of boxes, and between boxes, in pt.
_TIGHT_RANKSEP = 0.3 * 72
_TIGHT_NODESEP = 0.18 * 72


def _box_size(line: Line, wrap: int, gist: bool, mark: NodeStyle | None = None) -> tuple[float, float]:
    from ..text import wrap_text

    lh = theme.FONT_SIZE * 1.3
    slh = theme.SMALL_FONT_SIZE * 1.3
    title = wrap_text(clean_text(line.title), wrap) or [""]
    body = wrap_text(shorten(line.gist, 3 * wrap), wrap) if gist and line.gist else []
    notes = note_rows(mark)
    counts = "" if notes else box_counts(line)
    small = wrap_text(counts, wrap + 8) if counts else []
    small += [x for note in notes for x in wrap_text(note, wrap + 10)]
    chars = max((len(x) for x in [*title, *body]), default=0)
    width = max(
        chars * theme.FONT_SIZE * EM, max((len(x) for x in small), default=0) * theme.SMALL_FONT_SIZE * EM
    )
    height = (len(title) + len(body)) * lh + (len(small) + 1) * slh
    return max(width, 14 * theme.SMALL_FONT_SIZE * EM) + 20, height + 12


def _top_size(t: Top, wrap: int, mark: NodeStyle | None = None) -> tuple[float, float]:
    node = in_row(t.node) if wrap == ROW_TOP_WRAP else t.node
    sn = (
        SceneNode("t", t.ref, "statement", statement=node)
        if isinstance(node, Statement)
        else SceneNode("t", t.ref, "argument", argument=node)
    )
    w, h = estimate_size(sn, wrap)
    if mark is not None and clean_text(mark.note):
        h += -(-len(clean_text(mark.note)) // (wrap + 4)) * theme.SMALL_FONT_SIZE * 1.3
    return w, h + (theme.THESIS_FONT_SIZE - theme.FONT_SIZE) * 2


#: The widest overview (pt): shown 900 px wide, its 9 pt text is 11 CSS px.
MAX_WIDTH_PT = COLUMN_PX / PX_PER_PT * theme.SMALL_FONT_SIZE * PX_PER_PT / 11.0


def _max_width(column_px: float) -> float:
    """The widest (pt) an overview may be drawn for a column of ``column_px``."""
    return min(column_px / COLUMN_PX * MAX_WIDTH_PT, column_px / PX_PER_PT * 1.09) - 8


def plan_rows(
    ov: Overview,
    *,
    column_px: float = COLUMN_PX,
    marks: Mapping[str, NodeStyle] | None = None,
    correction: tuple[float, float] = (1.0, 1.0),
) -> tuple[int, int, bool]:
    """How the boxes are laid: (label width in characters, boxes per row, with gists),
    chosen from estimated sizes so the picture fits one screen of the column with
    its smallest text at 11 CSS px or more; else the most compact of them.
    ``correction``: (width, height) drawn / estimated, once a layout has been measured."""
    return _plan_rows(ov, column_px, marks or {}, correction)[:3]


def overview_size(
    ov: Overview, *, column_px: float = COLUMN_PX, marks: Mapping[str, NodeStyle] | None = None
) -> tuple[float, float]:
    """The estimated (width, height) in pt of the overview as :func:`overview_dot` draws
    it (no correction): what a measured layout is compared with."""
    return _plan_rows(ov, column_px, marks or {}, (1.0, 1.0))[3]


def _plan_rows(
    ov: Overview, column_px: float, marks: Mapping[str, NodeStyle], correction: tuple[float, float]
) -> tuple[int, int, bool, tuple[float, float]]:
    max_w = _max_width(column_px)
    cw, ch = correction
    best: tuple[float, int, int, bool, tuple[float, float]] | None = None
    for gist in (True, False):
        for wrap in (24, 20, 17, 14):
            width, height, per_row = _estimate(ov, wrap, gist, max_w, marks)
            if fits(width * cw, height * ch / ESTIMATE_MARGIN, column_px=column_px):
                return wrap, per_row, gist, (width, height)
            if best is None or height * ch < best[0]:
                best = (height * ch, wrap, per_row, gist, (width, height))
    assert best is not None
    return best[1], best[2], best[3], best[4]


def _estimate(
    ov: Overview, wrap: int, gist: bool, max_w: float, marks: Mapping[str, NodeStyle]
) -> tuple[float, float, int]:
    """(width, height, boxes per row) of the overview drawn this way."""
    lines = ov.lines
    sizes = {x.number: _box_size(x, wrap, gist, marks.get(x.slug)) for x in lines}
    box_w = max((w for w, _ in sizes.values()), default=100.0)
    per_row = max(1, int((max_w - 24 + _NODESEP) // (box_w + _NODESEP)))
    packed = _packed(ov, wrap, gist, per_row, max_w, marks)
    if packed is not None:
        blocks = [[_block_size(t, wrap, gist, per_row, marks, ROW_TOP_WRAP) for t in row] for row in packed]
        width = max(sum(w for w, _ in row) for row in blocks)
        return width, sum(max(h for _, h in row) for row in blocks), per_row
    width = 0.0
    height = 0.0
    for t in ov.tops:
        w, h = _block_size(t, wrap, gist, per_row, marks, TOP_WRAP, sizes=sizes, box_w=box_w)
        width, height = max(width, w), height + h
    return width, height, per_row


def _block_size(
    t: Top,
    wrap: int,
    gist: bool,
    per_row: int,
    marks: Mapping[str, NodeStyle],
    top_wrap: int,
    *,
    sizes: Mapping[int, tuple[float, float]] | None = None,
    box_w: float | None = None,
) -> tuple[float, float]:
    """(width, height) of one main claim's block: the claim, its chain, its lines and objections."""
    if sizes is None:
        sizes = {x.number: _box_size(x, wrap, gist, marks.get(x.slug)) for x in (*t.lines, *t.objections)}
    tw, th = _top_size(t, top_wrap, marks.get(t.ref.title))
    width, height = tw, th + len(t.chain) * (th * 0.8 + _RANKSEP)
    for group in (t.lines, t.objections):
        if not group:
            continue
        if group is t.objections and _beside(t, wrap, gist, per_row, COLUMN_PX, marks, top_wrap):
            width = max(width, tw + sum(sizes[x.number][0] + 2 * _NODESEP for x in group))
            continue
        rows = [group[i : i + per_row] for i in range(0, len(group), per_row)]
        framed = 20.0 if len(rows) > 1 else 0.0
        height += _RANKSEP + framed + sum(max(sizes[x.number][1] + 12 for x in r) for r in rows)
        row_w = max(sum(sizes[x.number][0] + _NODESEP for x in r) for r in rows)
        if box_w is not None:
            row_w = max(row_w, max(len(r) for r in rows) * (box_w + _NODESEP))
        width = max(width, row_w + framed)
    return width + 2 * _NODESEP, height + _RANKSEP


def _packed(
    ov: Overview, wrap: int, gist: bool, per_row: int, max_w: float, marks: Mapping[str, NodeStyle]
) -> list[list[Top]] | None:
    """A debate's positions (several main claims, none drawn from another) in rows, as
    many side by side as the column holds; ``None`` when the blocks stack one under
    another (one main claim, or a claim drawn from another)."""
    if len(ov.tops) < 2 or any(line.uses for t in ov.tops for line in (*t.lines, *t.objections)):
        return None
    # first fit: each block in the first row with room for it, so a narrow position
    # fills the gap beside a wide one and reading order holds within a row
    rows: list[list[Top]] = []
    used: list[float] = []
    for t in ov.tops:
        w = _block_size(t, wrap, gist, per_row, marks, ROW_TOP_WRAP)[0]
        k = next((k for k, u in enumerate(used) if u + w <= max_w), len(rows))
        if k == len(rows):
            rows.append([])
            used.append(0.0)
        rows[k].append(t)
        used[k] += w
    return rows


def overview_dot(
    ov: Overview,
    nodes: dict[str, Statement | Argument],
    *,
    column_px: float = COLUMN_PX,
    links: bool = True,
    marks: Mapping[str, NodeStyle] | None = None,
    correction: tuple[float, float] = (1.0, 1.0),
    tight: bool = False,
) -> str:
    """The overview as a Graphviz ``digraph`` (``nodes``: the map's statements and
    arguments by ``str(ref)``, to label the main claims; ``correction``: drawn /
    estimated size of a layout measured before, see :func:`plan_rows`; ``tight``:
    smaller gaps between rows and boxes, for an overview whose most compact boxes
    came out too tall).

    Each main claim is a block: the claim, then its lines of support (one row of
    boxes with an arrow each; more than a row, a grid in a frame with one arrow
    that says "each supports it on its own"), and its objections the same way.  A
    main claim drawn from another (a prediction from the thesis) is placed above
    it, with an arrow from the claim it uses into that line's box.  ``marks``: an
    overlay's badges, by ``line.slug`` or main claim title (see the module docstring).
    """
    return _OverviewDot(ov, nodes, column_px, links, marks or {}, correction, tight).dot()


class _OverviewDot:
    """Writes one overview's DOT: the blocks of the main claims, then how they stack."""

    def __init__(
        self,
        ov: Overview,
        nodes: dict[str, Statement | Argument],
        column_px: float,
        links: bool,
        marks: Mapping[str, NodeStyle],
        correction: tuple[float, float],
        tight: bool = False,
    ) -> None:
        self.ov, self.nodes, self.column_px, self.links, self.marks = ov, nodes, column_px, links, marks
        self.wrap, self.per_row, self.gist = plan_rows(
            ov, column_px=column_px, marks=marks, correction=correction
        )
        self.packed = _packed(ov, self.wrap, self.gist, self.per_row, _max_width(column_px), marks)
        self.top_wrap = TOP_WRAP if self.packed is None else ROW_TOP_WRAP
        self.names = {str(t.ref): f"top{k}" for k, t in enumerate(ov.tops)}
        self.attach: dict[str, str] = {}  # a main claim → the node its lines hang from
        self.bottom: dict[str, str] = {}  # a main claim → a node in its block's last row
        self.out: list[str] = []
        self.gaps = (_TIGHT_NODESEP, _TIGHT_RANKSEP) if tight else (_NODESEP, _RANKSEP)

    def dot(self) -> str:
        font = theme.FONT
        self.out = [
            "digraph argmap_overview {",
            f'graph [rankdir="BT" splines="spline" nodesep="{self.gaps[0] / 72:g}" '
            f'ranksep="{self.gaps[1] / 72:g}" '
            f'compound="true" newrank="true" fontname="{font}" fontsize="{theme.SMALL_FONT_SIZE}" '
            'bgcolor="white" margin="0" id="argmap" class="argmap argmap-overview" '
            f"comment={graph_comment(('argmap', *describe(self.ov)))}];",
            f'node [fontname="{font}" fontsize="{theme.FONT_SIZE}" fontcolor="{theme.INK}" '
            'margin="0.1,0.05"];',
            f'edge [fontname="{font}" fontsize="{theme.SMALL_FONT_SIZE}" arrowsize="0.8"];',
        ]
        for k, t in enumerate(self.ov.tops):
            self._claim(k, t)
        for k, t in enumerate(self.ov.tops):
            self._block(k, t)
        if self.ov.loose:
            self._loose()
        self._stack()
        self.out.append("}")
        return "\n".join(self.out) + "\n"

    def _claim(self, k: int, t: Top) -> None:
        """The main claim and its chain, each drawn from the next."""
        tname = self.names[str(t.ref)]
        self.out.append(claim_node(t.node, tname, self.marks.get(t.ref.title), top=True, wrap=self.top_wrap))
        above = tname
        for j, node in enumerate(t.chain):
            name = f"top{k}_c{j}"
            self.out.append(claim_node(node, name, self.marks.get(node.title), wrap=self.top_wrap))
            self.out.append(f"{name} -> {above} [{edge_attrs(_support_edge())}];")
            above = name
        self.attach[tname] = above

    def _block(self, k: int, t: Top) -> None:
        """The claim's lines of support and its objections, and the arrows from the
        lines that use another main claim."""
        top = self.names[str(t.ref)]
        tname = self.attach[top]
        self.bottom[top] = tname
        beside = _beside(t, self.wrap, self.gist, self.per_row, self.column_px, self.marks, self.top_wrap)
        for attacks, lines in ((False, t.lines), (True, t.objections)):
            if not lines:
                continue
            names = self._boxes(k, lines, attacks)
            kind = theme.EdgeKind.ATTACK if attacks else theme.EdgeKind.SUPPORT
            edge = {**theme.EDGES[kind].attrs(), "class": f"argmap-edge argmap-{kind.value}"}
            edge["label"] = theme.EDGES[kind].word
            if attacks and beside:
                # few objections: beside their claim, on its rank
                self.out.append("{rank=same; " + tname + "; " + "; ".join(names[0]) + ";}")
            elif attacks:
                # objections bear down on the claim from above (support holds it up from
                # below): written from the claim, drawn back towards it
                edge.update(dir="back", arrowtail=theme.EDGES[kind].arrowhead, arrowhead="none")
                self.out += [f'{tname} -> {name} [style="invis"];' for row in names[1:] for name in row]
                self.out += [f"{tname} -> {name} [{edge_attrs(edge)}];" for name in names[0]]
                continue
            self.out += [f"{name} -> {tname} [{edge_attrs(edge)}];" for name in names[0]]
            if not attacks:
                self.bottom[top] = names[-1][0]
        for line in (*t.lines, *t.objections):
            for used in line.uses:
                if str(used) in self.names:
                    uname = self.names[str(used)]
                    self.out.append(f"{uname} -> {box_name(line)} [{edge_attrs(_support_edge())}];")

    def _boxes(self, k: int, lines: tuple[Line, ...], attacks: bool) -> list[list[str]]:
        """The boxes of a group of lines, in rows: one row of boxes, or, for more than a
        row, one grid of boxes (a table) with one arrow for them all.  Their names, by row."""
        per_row, wrap, gist, links = self.per_row, self.wrap, self.gist, self.links
        rows = [list(lines[i : i + per_row]) for i in range(0, len(lines), per_row)]
        if len(rows) > 1:
            grid = f"grid_{'obj' if attacks else 'sup'}{k}"
            self.out.append(grid_node(grid, rows, self.nodes, wrap, gist, links, attacks, self.marks))
            return [[grid]]
        for boxes in rows:
            for line in boxes:
                node = self.nodes.get(str(line.ref))
                self.out.append(box_node(line, node, wrap, gist, links, self.marks.get(line.slug)))
        names = [[box_name(x) for x in row] for row in rows]
        self.out += ["{rank=same; " + "; ".join(row) + ";}" for row in names]
        return names

    def _loose(self) -> None:
        """The note on statements connected to nothing, under the last block (in rows:
        under each block of the last row)."""
        n = count(len(self.ov.loose), "statement")
        said = f"{n} connected to nothing (text between the argument): in the outline"
        self.out.append(
            f'loose [shape="plaintext" id="argmap-loose" class="argmap-loose" '
            f"label=<{small_html(html_text(said), colour=theme.MUTED)}>];"
        )
        last = self.packed[-1] if self.packed else self.ov.tops[-1:]
        self.out += [f'loose -> {self.bottom[self.names[str(t.ref)]]} [style="invis"];' for t in last]

    def _stack(self) -> None:
        """The blocks placed: a debate's positions side by side in rows; else one under
        another, a claim that another's line uses below that line."""
        if self.packed is not None:
            for k, blocks in enumerate(self.packed):
                in_row = [self.names[str(t.ref)] for t in blocks]
                self.out.append("{rank=same; " + "; ".join(in_row) + ";}")
                if k:
                    for over in self.packed[k - 1]:
                        self.out.append(
                            f'{in_row[0]} -> {self.bottom[self.names[str(over.ref)]]} [style="invis"];'
                        )
            return
        tops = self.ov.tops
        uses = {
            self.names[str(t.ref)]: {str(u) for x in (*t.lines, *t.objections) for u in x.uses} for t in tops
        }
        order = [(str(t.ref), self.names[str(t.ref)]) for t in tops]
        for (uref, upper), (_lref, lower) in zip(order, order[1:], strict=False):
            if uref in uses[lower]:
                continue  # drawn from the claim before: it sits above it already
            self.out.append(f'{lower} -> {self.bottom[upper]} [style="invis"];')


def _support_edge() -> dict[str, str]:
    kind = theme.EdgeKind.SUPPORT
    return {
        **theme.EDGES[kind].attrs(),
        "class": "argmap-edge argmap-support",
        "label": theme.EDGES[kind].word,
    }


def _beside(
    t: Top,
    wrap: int,
    gist: bool,
    per_row: int,
    column_px: float,
    marks: Mapping[str, NodeStyle],
    top_wrap: int = TOP_WRAP,
) -> bool:
    """Do the claim's objections fit on its own rank, beside it?"""
    if len(t.objections) != 1:
        return False  # several: above the claim, each with its own arrow
    width = _top_size(t, top_wrap)[0] + sum(
        _box_size(x, wrap, gist, marks.get(x.slug))[0] + 2 * _NODESEP for x in t.objections
    )
    return width <= min(column_px / COLUMN_PX * MAX_WIDTH_PT, column_px / PX_PER_PT * 1.09) - 16


def describe(ov: Overview) -> tuple[str, str]:
    """The overview's accessible name and description: its main claims, then each
    line with what it holds.

    >>> from argmap import loads
    >>> from argmap.draw.view import overview
    >>> text = "[T]: t #thesis\\n  + [A]: a\\n    + [E]: e #evidence\\n  - [B]: b #objection"
    >>> name, description = describe(overview(loads(text)))
    >>> name
    'Overview of the argument: T'
    >>> description
    'Thesis T: 1 line of support, 1 objection. Line 1, A: 1 piece of evidence. Objection 2, B.'
    """
    tops = [clean_text(t.ref.title) for t in ov.tops]
    name = "Overview of the argument: " + " / ".join(tops)
    parts: list[str] = []
    for t in ov.tops:
        word = t.node.role.value.capitalize() if isinstance(t.node, Statement) else "Argument"
        said = [count(len(t.lines), "line of support", "lines of support")] if t.lines else []
        if t.objections:
            said.append(count(len(t.objections), "objection"))
        parts.append(f"{word} {clean_text(t.ref.title)}: {', '.join(said) or 'nothing under it'}.")
        for x in (*t.lines, *t.objections):
            what = x.tally.words().replace(" · ", ", ")
            parts.append(
                f"{'Objection' if x.attacks else 'Line'} {x.number}, {x.title}"
                + (f": {what}." if what else ".")
            )
    return name, " ".join(parts)
