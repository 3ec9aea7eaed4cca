"""The look of a map: one source of truth for shapes, lines, colours and words.

Everything :mod:`argmap.draw` draws, and the legend that explains it, comes from
the tables here.  The palette is Okabe–Ito (safe for the common colour-vision
deficiencies), and colour never carries a meaning alone: every role also has its
own border (shape, line style, thickness) and says its role in words; every
relation has its own line style and arrowhead and a word on the edge, as in
Rationale: "because" (support), "but" (objection), "however" (rebuttal), and
"does not follow" (undercut).

Fonts are named explicitly so a PDF looks the same everywhere and embeds its
fonts.  "DejaVu Sans" covers Latin, Cyrillic, Greek and Arabic script (Persian
included); fontconfig falls back for anything else.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..model import Role

__all__ = [
    "ARGUMENT",
    "BADGE_FILL",
    "BADGE_PEN",
    "EDGES",
    "FONT",
    "FONT_SIZE",
    "FRAME_FILL",
    "FRAME_PEN",
    "INK",
    "JUNCTION",
    "LINKS",
    "MUTED",
    "PALETTE",
    "ROLES",
    "SECTION_FILL",
    "SMALL_FONT_SIZE",
    "THESIS_FONT_SIZE",
    "WORD_INK",
    "EdgeKind",
    "EdgeLook",
    "NodeLook",
]

#: The font every label uses (graph, nodes, edges).
FONT = "DejaVu Sans"
FONT_SIZE = 11
SMALL_FONT_SIZE = 9
#: Average glyph width of DejaVu Sans, in ems (measured over English text).
EM = 0.54
#: The thesis's title is set larger than the rest.
THESIS_FONT_SIZE = 14

#: Okabe–Ito colours (Wong 2011, Nature Methods 8:441) plus neutral greys.
PALETTE: dict[str, str] = {
    "bluish-green": "#009E73",
    "vermilion": "#D55E00",
    "orange": "#E69F00",
    "reddish-purple": "#CC79A7",
    "sky-blue": "#56B4E9",
    "blue": "#0072B2",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#666666",
    "light-grey": "#BBBBBB",
}

#: The words on lines ("because", "but" …): the Okabe–Ito line colours read at only
#: 2.8–3.9 : 1 as text, so each word is set in a darker shade of its line's colour
#: (4.8 : 1 or more on white and on every fill of this theme).
WORD_INK: dict[str, str] = {
    PALETTE["bluish-green"]: "#007356",
    PALETTE["vermilion"]: "#A94600",
    PALETTE["orange"]: "#8A5A00",
    PALETTE["reddish-purple"]: "#9E3D77",
}

#: Text colour: dark grey on light fills (contrast above 10:1).
INK = "#222222"
#: Secondary text (role words, paragraph numbers).
MUTED = "#555555"
#: Overlay badges (judgements, what stands, the class view): neutral ink on white,
#: never the colours of support or objection, so a badge never repaints a role.
BADGE_PEN = "#444444"
BADGE_FILL = "#FFFFFF"
#: The frame around linked co-premises (Rationale's reason box).
FRAME_PEN = "#6CC3A5"
FRAME_FILL = "#F3FAF7"
#: A section of the map (a heading), drawn as a grey group, as Argdown draws it.
SECTION_FILL = "#F6F6F6"


@dataclass(frozen=True)
class NodeLook:
    """How a kind of node is drawn: Graphviz ``shape``/``style``/colours, and words.

    ``word`` is the role word printed at the top of every node (never colour
    alone); ``legend`` explains it in the legend.
    """

    word: str
    legend: str
    shape: str = "box"
    style: str = "rounded,filled"
    fill: str = "#FFFFFF"
    pen: str = INK
    penwidth: float = 1.2
    peripheries: int = 1

    def attrs(self) -> dict[str, str]:
        """The Graphviz node attributes of this look."""
        return {
            "shape": self.shape,
            "style": self.style,
            "fillcolor": self.fill,
            "color": self.pen,
            "penwidth": _num(self.penwidth),
            "peripheries": str(self.peripheries),
        }

    @property
    def legend_style(self) -> str:
        """The HTML-table cell ``STYLE`` that imitates this border in the legend."""
        parts = [p for p in self.style.split(",") if p in ("rounded", "dashed", "dotted")]
        # HTML cells take one of rounded|dashed|dotted; line style is the meaning-bearing one.
        for wanted in ("dashed", "dotted", "rounded"):
            if wanted in parts:
                return wanted
        return ""


#: One look per statement role.  Shapes: thesis = thick square box; claim =
#: rounded box; evidence = a document (folded corner); assumption = dashed
#: rounded box; objection = box with clipped corners; rebuttal = double border.
ROLES: dict[Role, NodeLook] = {
    Role.THESIS: NodeLook(
        word="THESIS",
        legend="the main claim",
        shape="box",
        style="filled,bold",
        fill="#F2F2F2",
        pen=PALETTE["black"],
        penwidth=3.0,
    ),
    Role.CLAIM: NodeLook(
        word="CLAIM",
        legend="a reason or intermediate conclusion",
        style="rounded,filled",
        fill="#FFFFFF",
        pen=INK,
    ),
    Role.EVIDENCE: NodeLook(
        word="EVIDENCE",
        legend="from the text, with its quote",
        shape="note",
        style="filled",
        fill="#E6F3FB",
        pen=PALETTE["blue"],
    ),
    Role.ASSUMPTION: NodeLook(
        word="ASSUMPTION (unstated)",
        legend="needed, but not said in the text",
        style="rounded,filled,dashed",
        fill="#FFFFFF",
        pen=PALETTE["grey"],
        penwidth=1.6,
    ),
    Role.OBJECTION: NodeLook(
        word="OBJECTION",
        legend="a reason against",
        shape="box",
        style="filled,diagonals",
        fill="#FBE6D9",
        pen=PALETTE["vermilion"],
        penwidth=1.6,
    ),
    Role.REBUTTAL: NodeLook(
        word="REBUTTAL",
        legend="answers an objection",
        shape="box",
        style="rounded,filled",
        fill="#FCF1D9",
        pen="#B07800",  # a darker orange: the border must show on white paper
        penwidth=1.4,
        peripheries=2,
    ),
}

#: An argument drawn as one node (it has no premise–conclusion structure).
ARGUMENT = NodeLook(
    word="ARGUMENT",
    legend="an argument as a whole",
    shape="box",
    style="rounded,filled",
    fill="#EDEDED",
    pen=PALETTE["grey"],
)

#: The junction of an argument (one per inference): its premises point into it,
#: it points to the conclusion; linked co-premises sit with it in one frame.
JUNCTION = NodeLook(
    word="because",
    legend="an argument: what points into it supports what it points to",
    shape="box",
    style="rounded,filled",
    fill="#E3F4EE",
    pen=PALETTE["bluish-green"],
    penwidth=1.2,
)


class EdgeKind(str, enum.Enum):
    """What an edge of the picture means (relation kinds, refined)."""

    SUPPORT = "support"  # a reason for its target
    PREMISE = "premise"  # a premise's line into its inference junction
    ATTACK = "attack"  # an objection to its target
    REBUTTAL = "rebuttal"  # an attack on an objection
    UNDERCUT = "undercut"  # denies that an inference's premises support its conclusion
    CONTRARY = "contrary"  # cannot both be true
    CONTRADICTORY = "contradictory"  # exactly one is true

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class EdgeLook:
    """How a kind of edge is drawn, the word on it and its legend line."""

    word: str
    legend: str
    color: str
    style: str = "solid"
    arrowhead: str = "normal"
    arrowtail: str = "none"
    both: bool = False  # symmetric relations point both ways
    penwidth: float = 1.6
    constraint: bool = True  # symmetric relations do not rank their ends
    glyph: str = "━━━▶"  # how the legend draws the line

    @property
    def ink(self) -> str:
        """The colour of the line's word: a darker shade of the line's own colour that
        reads at 4.5 : 1 or more on white and on every fill it may sit on (WCAG AA)."""
        return WORD_INK.get(self.color.split(":")[0], INK)

    def attrs(self) -> dict[str, str]:
        out = {
            "color": self.color,
            "style": self.style,
            "arrowhead": self.arrowhead,
            "penwidth": _num(self.penwidth),
            "fontcolor": self.ink,
        }
        if self.both:
            out["dir"] = "both"
            out["arrowtail"] = self.arrowtail
        if not self.constraint:
            out["constraint"] = "false"
        return out


EDGES: dict[EdgeKind, EdgeLook] = {
    EdgeKind.SUPPORT: EdgeLook(
        word="because",
        legend="supports",
        color=PALETTE["bluish-green"],
        style="solid",
    ),
    EdgeKind.PREMISE: EdgeLook(
        word="",
        legend="co-premise into its junction",
        color=PALETTE["bluish-green"],
        style="solid",
        arrowhead="none",
        penwidth=1.4,
        glyph="━━━",
    ),
    EdgeKind.ATTACK: EdgeLook(
        word="but",
        legend="objects to",
        color=PALETTE["vermilion"],
        style="dashed",
        glyph="╍╍╍▶",
    ),
    EdgeKind.REBUTTAL: EdgeLook(
        word="however",
        legend="answers an objection",
        # a double line (like the rebuttal's double border): differs from the
        # objection's dashes in greyscale too
        color=f"{PALETTE['orange']}:white:{PALETTE['orange']}",
        style="solid",
        penwidth=1.4,
        arrowhead="empty",
        glyph="═══▷",
    ),
    EdgeKind.UNDERCUT: EdgeLook(
        word="undercut: does not follow",
        legend="the premises do not support the conclusion",
        color=PALETTE["reddish-purple"],
        style="dotted",
        arrowhead="tee",
        penwidth=2.2,
        glyph="┅┅┅┤",
    ),
    EdgeKind.CONTRARY: EdgeLook(
        word="contrary",
        legend="cannot both be true",
        color=PALETTE["vermilion"],
        style="dashed",
        arrowhead="odot",
        arrowtail="odot",
        both=True,
        constraint=False,
        glyph="○╍╍╍○",
    ),
    EdgeKind.CONTRADICTORY: EdgeLook(
        word="contradictory",
        legend="exactly one of the two is true",
        color=PALETTE["vermilion"],
        style="bold",
        arrowhead="dot",
        arrowtail="dot",
        both=True,
        constraint=False,
        penwidth=2.0,
        glyph="●━━━●",
    ),
}

#: The order in which the legend lists edges.
LINKS: tuple[EdgeKind, ...] = tuple(EdgeKind)


def _num(x: float) -> str:
    return f"{x:g}"
