"""Notebook integration: a map displays itself as its diagram; ``%%argmap`` cells.

Imported only when IPython asks for a display or ``%load_ext argmap`` runs, so
``import argmap`` stays free of Jupyter.
"""

from __future__ import annotations

import html
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import model
from .checking.load import summary
from .errors import ArgmapError, Diagnostic, GraphvizNotFoundError
from .model import ArgumentMap
from .text import count

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .draw.options import PictureArgs, PictureOptions

__all__ = ["Picture", "display_bundle", "diagnostics_bundle", "load_ipython_extension", "run_cell", "show"]

CELL = "<cell>"


def display_bundle(
    m: ArgumentMap, picture: PictureOptions | None = None, /, **options: Unpack[PictureArgs]
) -> dict[str, Any]:
    """The MIME bundle a notebook shows for a map: one HTML document with the
    picture first and the text outline folded under it (see :mod:`argmap.draw.html`:
    JupyterLab would show Markdown instead of an SVG offered beside it).

    A map that shows on one screen is drawn whole; a bigger one as its overview,
    each line of support and objection in a ``<details>`` panel under it (the
    overview's boxes link to their panels), all laid out in one Graphviz run.  In a
    kernel with anywidget, the same output also offers a widget view
    (:class:`argmap.widgets.overview.MapOverview`) where a line opens in place of
    the overview: front ends with a widget manager show it, the others (nbconvert,
    GitHub, Voilà without widgets) the HTML.
    Without Graphviz, the outline with a note saying what to install."""
    from .draw.html import picture_html, pictures_html
    from .draw.options import picture_options
    from .draw.outline import to_outline
    from .output.pictures import draw
    from .output.svg import svg_for_notebook

    outline = to_outline(m)
    plain = summary(m)
    try:
        pics = draw(m, picture_options(picture, **options))
    except GraphvizNotFoundError as exc:
        return {"text/plain": plain, "text/html": picture_html(None, outline, note=f"No diagram: {exc}")}
    if pics.kind == "whole":
        svg = svg_for_notebook(pics.main.svg_text)
        html = picture_html(svg, outline, note=" ".join(pics.notes), summary="Outline: the map as text")
        return {"text/plain": plain, "text/html": html}
    svgs = [svg_for_notebook(p.svg_text) for p in pics.pictures]
    panels = [(p.slug, p.heading, svg) for p, svg in zip(pics.pictures[1:], svgs[1:], strict=True)]
    note = " ".join(pics.notes)
    bundle: dict[str, Any] = {
        "text/plain": plain + f" (overview and {count(len(pics.lines), 'line')})",
        "text/html": pictures_html(svgs[0], panels, outline, note=note),
    }
    view = _widget_view(pics, svgs, _footer_html(note, panels, outline))
    if view is not None:
        bundle[WIDGET_VIEW] = view
    return bundle


#: The MIME type of a widget's view: front ends with a widget manager rank it first.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _in_kernel() -> bool:
    """Is this code running in a Jupyter kernel (where a widget can reach a front end)?"""
    import sys

    if "IPython" not in sys.modules:
        return False
    from IPython import get_ipython

    return getattr(get_ipython(), "kernel", None) is not None


def _widget_view(pics: Any, svgs: Sequence[str], footer: str) -> dict[str, Any] | None:
    """The widget view of an overview whose lines open in place, or ``None`` outside
    a kernel or without anywidget (then the HTML alone shows)."""
    if not _in_kernel():
        return None
    try:
        from .widgets.overview import MapOverview
    except ImportError:
        return None
    widget = MapOverview.from_pictures(pics, svgs=svgs, footer=footer)
    shown: Any = widget._repr_mimebundle_()
    data = shown[0] if isinstance(shown, tuple) else shown  # anywidget answers (data, metadata)
    view = data.get(WIDGET_VIEW) if isinstance(data, dict) else None
    return view if isinstance(view, dict) else None


def _footer_html(note: str, panels: Sequence[tuple[str, str, str]], outline: str) -> str:
    """Under the widget's picture: the note, the key (folded) and the outline (folded)."""
    from .draw.html import markdown_outline_html

    parts = [f'<p class="argmap-note">{html.escape(note)}</p>'] if note else []
    for ident, heading, svg in panels:
        if ident == "key":
            sized = svg.replace("<svg", '<svg style="max-width:100%;height:auto"', 1)
            parts.append(
                f'<details class="argmap-key"><summary>{html.escape(heading)}</summary>'
                f'<div class="argmap-picture" style="overflow-x:auto">{sized}</div></details>'
            )
    parts.append(
        '<details class="argmap-outline"><summary>Outline: the map as text</summary>'
        f"{markdown_outline_html(outline)}</details>"
    )
    return "".join(parts)


class Picture:
    """A map drawn with chosen options, for a notebook cell: ``argmap.show(m, detail="full")``."""

    def __init__(
        self, m: ArgumentMap, picture: PictureOptions | None = None, /, **options: Unpack[PictureArgs]
    ):
        from .draw.options import picture_options

        self.map = m
        self.options = picture_options(picture, **options)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return display_bundle(self.map, self.options)

    def __repr__(self) -> str:
        return summary(self.map)


def show(m: ArgumentMap, picture: PictureOptions | None = None, /, **options: Unpack[PictureArgs]) -> Picture:
    """The map's picture with options (``detail="full"``, ``focus="[Title]"``,
    ``depth=2``, ``rankdir="BT"`` …, or one :class:`~argmap.draw.options.PictureOptions`):
    the last line of a cell displays it."""
    from .draw.dot import to_dot
    from .draw.options import picture_options

    opts = picture_options(picture, **options)  # bad options fail here, in the cell that gave them
    to_dot(m, opts)
    return Picture(m, opts)


def _cell_excerpt(lines: Sequence[str], d: Diagnostic) -> str:
    if not 1 <= d.line <= len(lines):
        return ""
    line = lines[d.line - 1].expandtabs(1)
    return f"    {line}\n    {' ' * (max(d.column, 1) - 1)}^"


def diagnostics_bundle(
    diagnostics: Sequence[Diagnostic], text: str, *, first_line: int = 1
) -> dict[str, str]:
    """Diagnostics shown against the cell's own lines, with a caret under the column.

    ``first_line``: the number the cell gives the text's first line.  In a ``%%argmap``
    cell that is 2 (the magic's own line is line 1), so "line 3" is the line the
    learner sees as line 3.  With no located error, the root cause comes first.
    """
    from dataclasses import replace

    from .errors import Location

    lines = text.splitlines()
    shift = first_line - 1
    plain: list[str] = []
    rows: list[str] = []
    for d in diagnostics:
        excerpt = _cell_excerpt(lines, d)
        shown = replace(d, location=Location(d.line + shift, d.column)) if shift else d
        plain.append(shown.format() + ("\n" + excerpt if excerpt else ""))
        colour = "#b00020" if d.is_error else "#8a6d00"
        hint = f"<div><i>hint:</i> {html.escape(d.hint)}</div>" if d.hint else ""
        rows.append(
            f'<div style="margin:0.3em 0"><b style="color:{colour}">'
            f"line {shown.line}, column {d.column}: {d.severity}[{html.escape(d.code)}]</b> "
            f"{html.escape(d.message)}{hint}"
            + (f"<pre style='margin:0'>{html.escape(excerpt)}</pre>" if excerpt else "")
            + "</div>"
        )
    return {"text/plain": "\n".join(plain), "text/html": "".join(rows)}


def run_cell(text: str, line: str = "", namespace: dict[str, Any] | None = None) -> ArgumentMap | None:
    """What ``%%argmap`` does: check the cell; show its problems or its diagram.

    Options on the magic line: ``--name VAR`` keeps the map in a variable;
    ``--focus TITLE [--depth N]`` draws one line of the argument downward from a
    statement or argument; ``--detail full`` draws every piece of evidence (``auto``
    folds them into counts on big maps); ``--base DIR`` is where
    ``source:`` is looked up (default: the notebook's folder); ``--outline`` shows
    the text outline instead of the picture.
    """
    from IPython.display import display

    from .checking.load import check_text

    opts = _parse_magic_line(line)
    report = check_text(text, CELL, base_dir=Path(opts["base"]))
    if report.diagnostics:
        # errors first (a follow-on warning never hides the cause), numbered as the cell shows them
        ordered = sorted(report.diagnostics, key=lambda d: (not d.is_error, d.line, d.column))
        display(diagnostics_bundle(ordered, text, first_line=2), raw=True)
    if not report.ok:
        return None
    m = report.map
    if opts["name"] and namespace is not None:
        namespace[opts["name"]] = m
    if opts["outline"]:
        from .draw.outline import to_outline

        display({"text/markdown": to_outline(m), "text/plain": summary(m)}, raw=True)
    else:
        from .draw.options import PictureOptions

        focus = opts["focus"] or None
        picture = PictureOptions(detail=opts["detail"], focus=focus, depth=opts["depth"] if focus else None)
        display(display_bundle(m, picture), raw=True)
    return m


def _parse_magic_line(line: str) -> dict[str, Any]:
    import argparse

    p = argparse.ArgumentParser(prog="%%argmap", add_help=False, exit_on_error=False)
    p.add_argument("--name")
    p.add_argument("--focus")
    p.add_argument("--depth", type=int, default=2)
    p.add_argument("--base", default=".")
    p.add_argument("--outline", action="store_true")
    p.add_argument("--detail", choices=("auto", "full", "compact"), default="auto")
    try:
        ns, rest = p.parse_known_args(shlex.split(line))
    except (argparse.ArgumentError, ValueError) as exc:
        raise ArgmapError(f"%%argmap: {exc}") from None
    if rest:
        raise ArgmapError(
            f"%%argmap: unknown option {rest[0]!r}; "
            "known: --name VAR, --focus TITLE, --depth N, --detail auto|full|compact, --base DIR, --outline"
        )
    return vars(ns)


def load_ipython_extension(ipython: Any) -> None:
    """Register ``%%argmap`` (called by ``%load_ext argmap``)."""

    def argmap(line: str, cell: str) -> None:
        try:
            run_cell(cell, line, ipython.user_ns)
        except ArgmapError as exc:  # show, don't trace back
            from IPython.display import display

            display({"text/plain": f"argmap: {exc.show()}"}, raw=True)

    ipython.register_magic_function(argmap, magic_kind="cell", magic_name="argmap")


# a map shows itself as its diagram in a notebook once this layer is loaded, however
# the map was made (argmap/__init__ sets the same hook when the model is loaded through it)
if model.display_hook is None:
    model.display_hook = display_bundle
