"""A map's pictures, each laid out once, all in one Graphviz run.

:func:`draw` decides the views before Graphviz runs (:mod:`argmap.draw.view`): the
whole map when it shows on one screen, else an overview and one view per line of
support or objection; options that fix a view (``focus``, ``include``,
``detail="full"``, ``rankdir``, ``wrap``, ``levels`` …) draw that one picture as
asked.  Every DOT text goes to one ``dot`` process (:func:`argmap.export.render_many`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..draw.scene import build_scene
from ..draw.view import Line, Overview, choose, context_map, line_options, overview
from ..model import ArgumentMap
from ..text import count

__all__ = ["Picture", "Pictures", "draw", "plan"]

Kind = Literal["whole", "overview", "line", "key"]
#: Options that fix what the one picture shows: given any, nothing is split.
PINNING = ("focus", "include", "rankdir", "wrap", "levels", "page", "annotations_style")


@dataclass(frozen=True)
class Picture:
    """One view: its heading, its DOT and (once drawn) its SVG."""

    kind: Kind
    heading: str
    dot: str
    svg: bytes = b""
    line: Line | None = None
    folded: int = 0  # pieces of evidence folded into counts in this view

    @property
    def svg_text(self) -> str:
        return self.svg.decode("utf-8")


@dataclass(frozen=True)
class Pictures:
    """A map's pictures: the first is the whole map or the overview, then the lines."""

    kind: Literal["whole", "overview"]
    pictures: tuple[Picture, ...]
    overview: Overview | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def main(self) -> Picture:
        return self.pictures[0]

    @property
    def lines(self) -> tuple[Picture, ...]:
        return tuple(p for p in self.pictures if p.kind == "line")

    @property
    def key(self) -> Picture | None:
        return next((p for p in self.pictures if p.kind == "key"), None)


def _pinned(opts: Mapping[str, Any]) -> bool:
    """Do the options fix the one picture (so that nothing is split)?"""
    return (
        any(opts.get(k) is not None for k in PINNING if k != "rankdir")
        or opts.get("rankdir", "auto") != "auto"
    )


def plan(m: ArgumentMap, *, lines: bool = True, **options: Any) -> Pictures:
    """The pictures of a map, as DOT, not yet drawn (see the module docstring).
    ``lines=False``: only the main picture (the overview of a big map)."""
    from ..draw.dot import key_dot, to_dot
    from ..draw.overview import overview_dot

    detail = options.get("detail", "auto")
    if _pinned(options) or choose(m, detail=detail) == "whole":
        scene_opts = {
            k: options[k] for k in ("focus", "depth", "include", "detail", "levels") if k in options
        }
        scene = build_scene(m, **scene_opts)
        heading = "The whole map" if not options.get("focus") else f"From {options['focus']}"
        notes: list[str] = []
        if scene.folded:
            notes.append(
                f"{count(scene.folded, 'piece')} of evidence (or quoted claims) folded into counts on what "
                "they support; detail='full' draws every piece."
            )
        if scene.hidden and (options.get("focus") or options.get("include") is not None):
            notes.append(f"This view leaves out {count(scene.hidden, 'node')} of the map.")
        main = Picture("whole", heading, to_dot(m, **options), folded=scene.folded)
        return Pictures("whole", (main,), notes=tuple(notes))
    ov = overview(m)
    nodes = {str(s.ref): s for s in m.statements} | {str(a.ref): a for a in m.arguments}
    title = m.title or "the map"
    pictures = [Picture("overview", f"Overview of {title}", overview_dot(ov, nodes))]
    if lines:
        shown = context_map(m, ov)
        for line in ov.lines:
            if not line.opens:
                continue
            view = line_options(m, line, ov, detail=detail)
            dot = to_dot(shown, **view.dot_options())
            word = "Objection" if line.attacks else "Line of support"
            folded = build_scene(shown, **view.scene_options()).folded
            pictures.append(
                Picture("line", f"{word} {line.number}: {line.title}", dot, line=line, folded=folded)
            )
        pictures.append(Picture("key", "Key", key_dot(build_scene(m, detail="full"))))
    n_lines = sum(1 for x in ov.lines if not x.attacks)
    n_obj = len(ov.lines) - n_lines
    overview_notes = (
        f"The map is too big to read on one screen ({count(len(m.statements), 'statement')}): this is its "
        f"overview, {count(n_lines, 'line of support', 'lines of support')} and "
        f"{count(n_obj, 'objection')} to its main claims, each with what hangs under it. "
        "Open a line to see it whole; detail='full' draws the whole map in one picture.",
    )
    return Pictures("overview", tuple(pictures), overview=ov, notes=overview_notes)


def draw(m: ArgumentMap, *, lines: bool = True, timeout: float | None = None, **options: Any) -> Pictures:
    """:func:`plan`, then every picture laid out in one ``dot`` run."""
    from dataclasses import replace

    from ..export import render_many

    planned = plan(m, lines=lines, **options)
    svgs = render_many([p.dot for p in planned.pictures], "svg", timeout=timeout)
    return replace(
        planned, pictures=tuple(replace(p, svg=svg) for p, svg in zip(planned.pictures, svgs, strict=True))
    )
