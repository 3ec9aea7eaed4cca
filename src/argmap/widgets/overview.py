"""A big map's overview whose lines open in place: an anywidget.

It shows the overview's SVG; a click on a line's box, or Enter/Space when the box
has keyboard focus, puts that line's picture in its place (already drawn: no new
Graphviz run), with a "Back to the overview" button and Escape to return.
``line`` is the slug shown (``"line-03"``), ``""`` for the overview: Python and
tests set and read it, the browser sets it on a click.

The SVGs are sanitised in Python (:func:`argmap.output.export.svg_for_notebook`); the
footer (note, key, outline) is HTML built from escaped text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from ..output.pictures import Pictures

__all__ = ["MapOverview", "open_label"]

_HERE = Path(__file__).parent


def open_label(number: int, title: str, *, attacks: bool) -> str:
    """What a screen reader says of a line's box: ``Open line 3: Syria``.

    >>> open_label(9, "Treaty", attacks=True)
    'Open objection 9: Treaty'
    """
    return f"Open {'objection' if attacks else 'line'} {number}: {title}"


def _name(number: int, attacks: bool, part: int) -> str:
    """What the back button calls a view: ``line 3``, ``objection 2``, ``part 2``."""
    return f"part {part}" if part > 1 else f"{'objection' if attacks else 'line'} {number}"


class MapOverview(anywidget.AnyWidget):
    """The overview SVG; each line's box opens that line's picture in place."""

    _esm = _HERE / "overview.js"
    _css = _HERE / "overview.css"

    overview = traitlets.Unicode("").tag(sync=True)
    #: One entry per line (or part of a line) that opens:
    #: ``{"slug", "heading", "label", "name", "svg"}``.
    lines = traitlets.List(traitlets.Dict()).tag(sync=True)
    #: The slug of the line shown; ``""``: the overview.
    line = traitlets.Unicode("").tag(sync=True)
    title = traitlets.Unicode("Argument map").tag(sync=True)
    #: Under the picture: the note, the key and the outline (escaped HTML).
    footer = traitlets.Unicode("").tag(sync=True)

    @traitlets.validate("line")
    def _known_line(self, proposal: dict[str, Any]) -> str:
        slug = str(proposal["value"])
        known = [x["slug"] for x in self.lines]
        if slug and slug not in known:
            raise traitlets.TraitError(
                f"no line {slug!r} in this map; its lines: {', '.join(known) or 'none'}"
            )
        return slug

    @classmethod
    def from_pictures(
        cls, pics: Pictures, *, svgs: Sequence[str] = (), footer: str = "", title: str = ""
    ) -> MapOverview:
        """The widget for :func:`argmap.output.pictures.draw`'s overview and lines.
        ``svgs``: the pictures' SVGs already cleaned for a notebook, in order (else
        cleaned here)."""
        from ..output.svg import svg_for_notebook

        clean = list(svgs) or [svg_for_notebook(p.svg_text) for p in pics.pictures]
        lines = [
            {
                "slug": p.slug,
                "heading": p.heading,
                "label": open_label(p.line.number, p.line.title, attacks=p.line.attacks)
                if p.part is None or p.part.number == 1
                else f"Open part {p.part.number}: {p.heading}",
                "name": _name(p.line.number, p.line.attacks, p.part.number if p.part is not None else 1),
                "svg": svg,
            }
            for p, svg in zip(pics.pictures, clean, strict=True)
            if p.kind == "line" and p.line is not None
        ]
        return cls(
            overview=clean[0],
            lines=lines,
            footer=footer,
            title=title or pics.main.heading,
        )
