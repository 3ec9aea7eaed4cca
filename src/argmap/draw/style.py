"""Options a caller passes to the picture: paper for one printed page, per-node overlays.

Overlays never repaint a node's role: a :class:`NodeStyle` adds a badge (a mark such
as "✓ accepted", "● stands", "⇅ split 3/2") and a note under the node, drawn in
neutral ink, so the role's shape, border and colour always stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PAGE_SIZES", "NodeStyle", "PageOptions"]

#: Paper sizes in inches (portrait).
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "A4": (8.27, 11.69),
    "A3": (11.69, 16.54),
    "Letter": (8.5, 11.0),
    "Legal": (8.5, 14.0),
}
_ORIENTATIONS = ("portrait", "landscape")


@dataclass(frozen=True)
class PageOptions:
    """Fit the picture on one page of paper (for PDF handouts).

    The drawing is scaled down (never up, never stretched) to fit inside the
    margins, centred, and the output's page is exactly the paper size:
    Graphviz ``size="w,h"`` plus ``viewport`` in points with ``pad=0``.

    >>> PageOptions("Letter", "landscape").paper_in
    (11.0, 8.5)
    """

    size: str = "A4"
    orientation: str = "portrait"
    margin_in: float = 0.4

    def __post_init__(self) -> None:
        if self.size not in PAGE_SIZES:
            raise ValueError(f"unknown page size {self.size!r}; valid: {', '.join(PAGE_SIZES)}")
        if self.orientation not in _ORIENTATIONS:
            raise ValueError(f"unknown orientation {self.orientation!r}; valid: {', '.join(_ORIENTATIONS)}")
        w, h = PAGE_SIZES[self.size]
        if not 0 <= self.margin_in < min(w, h) / 2:
            raise ValueError(f"margin_in {self.margin_in!r} must be between 0 and {min(w, h) / 2:g} inches")

    @property
    def paper_in(self) -> tuple[float, float]:
        """(width, height) of the paper in inches, orientation applied."""
        w, h = PAGE_SIZES[self.size]
        return (h, w) if self.orientation == "landscape" else (w, h)

    def graph_attrs(self) -> dict[str, str]:
        w, h = self.paper_in
        m = self.margin_in
        return {
            "size": f"{w - 2 * m:.3f},{h - 2 * m:.3f}",
            "viewport": f"{round(w * 72)},{round(h * 72)}",
            "pad": "0",
            "margin": "0",
        }


_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{2})?|[a-z]{3,20}\d{0,2}")


def _check_colour(name: str, value: str | None) -> None:
    if value is not None and not _COLOUR.fullmatch(value):
        raise ValueError(f"{name} must be a colour like '#1A2B3C' or 'lightgrey', not {value!r}")


@dataclass(frozen=True)
class NodeStyle:
    """A per-node overlay drawn at render time (e.g. a learner's annotations in a PDF).

    ``mark`` is a short badge shown top right (``"✓ accepted"``, ``"? open"``,
    ``"4/5"``); ``note`` a short line at the bottom.  The badge is drawn in neutral
    ink on white, never in the colours of support or objection, and the node keeps
    its role's fill, border and shape: ``fill``, ``pen``, ``penwidth`` and
    ``mark_color`` are checked and kept for callers written for earlier versions,
    but no longer repaint anything.
    """

    fill: str | None = None
    pen: str | None = None
    penwidth: float | None = None
    mark: str = ""
    mark_color: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _check_colour("fill", self.fill)
        _check_colour("pen", self.pen)
        _check_colour("mark_color", self.mark_color)
        if self.penwidth is not None and not 0 < self.penwidth <= 10:
            raise ValueError(f"penwidth must be in (0, 10], not {self.penwidth!r}")
