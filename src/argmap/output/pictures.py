"""A map's pictures, each laid out once, all in one Graphviz run.

:func:`draw` decides the views before Graphviz runs (:mod:`argmap.draw.view`): the
whole map when it shows on one screen, else an overview and one view per line of
support or objection; options that fix a view (``focus``, ``include``,
``detail="full"``, ``rankdir``, ``wrap``, ``levels`` …) draw that one picture as
asked.  Every DOT text goes to one ``dot`` process (:func:`argmap.output.export.render_many`).

An overlay that counts per node (the class view) passes ``marks``, badges for the
overview's boxes: then ``annotations_style`` and ``key_note`` no longer fix one
picture but badge the nodes of the whole map or of each line view, and the key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, Literal

from ..draw.dot import to_dot
from ..draw.fit import (
    COLUMN_PX,
    SMALL,
    LineView,
    choose,
    context_map,
    fits,
    focus_options,
    line_choice,
    refit_focus,
    refit_view,
    shortfall,
    shown_size,
)
from ..draw.graph import graph_of
from ..draw.key import key_dot
from ..draw.options import PictureArgs, PictureOptions, picture_options
from ..draw.overview import overview_dot, overview_size
from ..draw.parts import Part, parts
from ..draw.scene import build_scene
from ..draw.style import NodeStyle
from ..draw.theme import SMALL_FONT_SIZE
from ..draw.view import Line, Overview, box_title, overview
from ..model import ArgumentMap
from ..text import count
from .graphviz import render_many

if TYPE_CHECKING:
    from typing_extensions import Unpack

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
    view: LineView | None = None  # how a line's view is drawn
    part: Part | None = None  # a line drawn in parts: which part
    parts: int = 1  # … of how many

    @property
    def svg_text(self) -> str:
        return self.svg.decode("utf-8")

    @property
    def slug(self) -> str:
        """A file- and id-safe name: ``line-03`` (a line, or the first of its parts),
        ``line-03-2`` (its second part), ``overview``, ``key`` or ``whole``."""
        if self.line is None:
            return self.kind
        if self.part is None or self.part.number == 1:
            return self.line.slug
        return f"{self.line.slug}-{self.part.number}"


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


def pinned(opts: PictureOptions | Mapping[str, Any]) -> bool:
    """Do the options fix the one picture (so that nothing is split)?"""
    if isinstance(opts, PictureOptions):
        return opts.pinned
    return (
        any(opts.get(k) is not None for k in PINNING if k != "rankdir")
        or opts.get("rankdir", "auto") != "auto"
    )


def _named(opts: PictureOptions) -> dict[str, Any]:
    """The options by name, as the views below read them."""
    return {f.name: getattr(opts, f.name) for f in fields(opts)}


def plan(
    m: ArgumentMap,
    picture: PictureOptions | None = None,
    /,
    *,
    lines: bool = True,
    marks: Mapping[str, NodeStyle] | None = None,
    split: bool | None = None,
    **given: Unpack[PictureArgs],
) -> Pictures:
    """The pictures of a map, as DOT, not yet drawn (see the module docstring).
    ``lines=False``: only the main picture (the overview of a big map); ``marks``:
    the overview's badges by line slug or main claim title (an overlay's counts);
    ``split``: True for the overview, False for the whole map, None to decide.
    What they show: ``picture``, or the same options as keyword arguments."""
    options = _named(picture_options(picture, **given))

    overlay: dict[str, Any] = {}
    if marks is not None:
        # the per-node badges go on every view instead of fixing one picture
        overlay = {k: options.pop(k) for k in ("annotations_style", "key_note") if k in options}
    detail = options.get("detail", "auto")
    whole = split is False or (split is None and (pinned(options) or choose(m, detail=detail) == "whole"))
    if whole:
        return _whole(m, options, overlay)
    ov = overview(m)
    nodes = {str(s.ref): s for s in m.statements} | {str(a.ref): a for a in m.arguments}
    title = m.title or "the map"
    pictures = [Picture("overview", f"Overview of {title}", overview_dot(ov, nodes, marks=marks))]
    if lines:
        styles = overlay.get("annotations_style")
        for line in ov.lines:
            if line.opens:
                pictures += _line_pictures(m, ov, line, detail, styles)
        key = key_dot(build_scene(m, detail="full", styles=styles), overlay.get("key_note", ""))
        pictures.append(Picture("key", "Key", key))
    n_lines = sum(1 for x in ov.lines if not x.attacks)
    n_obj = len(ov.lines) - n_lines
    overview_notes = (
        f"The whole map ({count(len(m.statements), 'statement')}) does not show on one screen with "
        "readable text: this is its "
        f"overview, {count(n_lines, 'line of support', 'lines of support')} and "
        f"{count(n_obj, 'objection')} to its main claims, each with what hangs under it. "
        "Open a line to see it whole; detail='full' draws the whole map in one picture.",
    )
    return Pictures("overview", tuple(pictures), overview=ov, notes=overview_notes + _parts_note(pictures))


#: How the note on lines drawn in parts begins.
PARTS_NOTE = "Too big for one picture"


def _parts_note(pictures: Sequence[Picture]) -> tuple[str, ...]:
    """What the notes say of the lines drawn in parts, if any."""
    split = sorted({f"{p.line.what} {p.line.number}" for p in pictures if p.parts > 1 and p.line is not None})
    if not split:
        return ()
    return (
        f"{PARTS_NOTE}, {', '.join(split)} {'is' if len(split) == 1 else 'are'} drawn in parts: "
        'a box marked "+N more under it, in part K" opens part K, which goes on from that box.',
    )


def _whole(m: ArgumentMap, options: Mapping[str, Any], overlay: Mapping[str, Any]) -> Pictures:
    """The one picture of the whole map (or of what the options pin), with its notes."""
    scene_opts = {k: options[k] for k in ("focus", "depth", "include", "detail", "levels") if k in options}
    scene = build_scene(m, **scene_opts)
    heading = "The whole map" if not options.get("focus") else f"From {options['focus']}"
    notes: list[str] = []
    if scene.folded:
        notes.append(
            f"{count(scene.folded, 'piece')} of evidence (or quoted claims) folded into counts on what "
            "they support; detail='full' draws every piece."
        )
    if scene.hidden and (options.get("focus") or options.get("include") is not None):
        notes.append(
            "This view shows part of the map: "
            f"{count(scene.hidden, 'statement or argument', 'statements and arguments')} "
            "of it are not in this picture (the map's own picture shows them all)."
        )
    fitted = _fitted_focus(m, options)
    if fitted is not None:
        scene = build_scene(m, **fitted.scene_options())
    dot = to_dot(m, **{**options, **fitted_options(fitted)}, **overlay)
    main = Picture("whole", heading, dot, folded=scene.folded, view=fitted)
    return Pictures("whole", (main,), notes=tuple(notes))


def _line_pictures(
    m: ArgumentMap, ov: Overview, line: Line, detail: str, styles: Mapping[str, NodeStyle] | None
) -> list[Picture]:
    """A line's picture, or its parts when the best way of drawing it whole is
    estimated far too big to read."""
    view, miss = line_choice(m, line, ov, detail=detail)
    if miss > SPLIT_AT:
        in_parts = _in_parts(m, ov, line, detail, styles)
        if in_parts:
            return in_parts
    shown = context_map(m, ov)
    dot = to_dot(shown, **view.dot_options(), annotations_style=styles)
    word = line.what.capitalize()
    folded = build_scene(shown, **view.scene_options()).folded
    return [Picture("line", f"{word} {line.number}: {line.title}", dot, b"", line, folded, view)]


def draw(
    m: ArgumentMap,
    picture: PictureOptions | None = None,
    /,
    *,
    lines: bool = True,
    timeout: float | None = None,
    marks: Mapping[str, NodeStyle] | None = None,
    **given: Unpack[PictureArgs],
) -> Pictures:
    """:func:`plan`, then every picture laid out in one ``dot`` run.  A line view that
    came out too big to read (its size is measured in that run) is planned again from
    how far its estimate was off and laid out once more, with any others, in a second
    run: two runs at most."""
    options = _named(picture_options(picture, **given)) | ({} if marks is None else {"marks": marks})
    planned = plan(m, lines=lines, **options)
    svgs = render_many([p.dot for p in planned.pictures], "svg", timeout=timeout)
    pictures = [replace(p, svg=svg) for p, svg in zip(planned.pictures, svgs, strict=True)]
    if planned.kind == "whole" and pictures[0].view is not None:
        pictures[0] = _refocused(m, pictures[0], timeout, options)
        return replace(planned, pictures=tuple(pictures))
    # an overlay drawn with marks goes on every view: it does not fix one picture
    fixing = {k: v for k, v in options.items() if not (k == "annotations_style" and options.get("marks"))}
    if planned.kind == "whole" and not pinned(fixing) and options.get("detail", "auto") != "full":
        # the estimate said the whole map fits one screen; the layout says it does not:
        # its overview and lines instead, in the second (and last) run
        w, h = _size(pictures[0].svg)
        if not fits(w, h) and _splits(m):
            planned = plan(m, lines=lines, split=True, **options)
            svgs = render_many([p.dot for p in planned.pictures], "svg", timeout=timeout)
            return replace(
                planned,
                pictures=tuple(replace(p, svg=v) for p, v in zip(planned.pictures, svgs, strict=True)),
            )
    if planned.overview is not None:
        again = _refit_lines(m, planned.overview, pictures, options)
        main = _refit_overview(m, planned.overview, pictures[0], options)
        if main is not None:
            again[0] = [main]
        if again:  # all in one more run
            pictures = _redrawn(pictures, again, timeout)
    notes = tuple(n for n in planned.notes if not n.startswith(PARTS_NOTE)) + _parts_note(pictures)
    return replace(planned, pictures=tuple(pictures), notes=notes + _unreadable(pictures))


def _redrawn(
    pictures: list[Picture], again: dict[int, list[Picture]], timeout: float | None
) -> list[Picture]:
    """``pictures`` with those at the indexes of ``again`` drawn again, in one run: a
    picture drawn another way is kept where it reads better; a line drawn in parts
    takes the place of the line."""
    order = sorted(again)
    todo = [p for k in order for p in again[k]]
    svgs = iter(render_many([p.dot for p in todo], "svg", timeout=timeout))
    redrawn = {k: [replace(p, svg=next(svgs)) for p in again[k]] for k in order}
    out: list[Picture] = []
    for k, old in enumerate(pictures):
        new = redrawn.get(k)
        if new is None:
            out.append(old)
        elif len(new) > 1 or _miss(_size(new[0].svg), new[0].kind) < _miss(_size(old.svg), old.kind):
            out += new
        else:
            out.append(old)
    return out


#: A line whose best view is estimated to miss by more than this (see :func:`_miss`)
#: is drawn in parts at once (the estimates err by about this much, see
#: :data:`argmap.draw.parts.SLACK`); one measured to miss by more than
#: :data:`REDRAW_SPLIT_AT`, and estimated to miss by more than this however else it
#: is drawn, in parts in the second run.
SPLIT_AT = 0.1
REDRAW_SPLIT_AT = 0.25


def _in_parts(
    m: ArgumentMap,
    ov: Overview,
    line: Line,
    detail: str,
    styles: Mapping[str, NodeStyle] | None,
    scale: tuple[float, float] = (1.0, 1.0),
    like: str = "",
) -> list[Picture]:
    """The line's pictures when it is drawn in parts (:mod:`argmap.draw.parts`), each
    box cut off linked to the part that goes on from it, and each part's context box
    to the part it was cut from; empty when the line reads in one picture."""
    shown = context_map(m, ov)
    stop = tuple(t.ref.title for t in ov.tops)
    split = parts(shown, line.focus, stop, detail=detail, scale=scale, like=like)
    if len(split) < 2:
        return []
    word = line.what.capitalize()
    out = []
    for p in split:
        dot = to_dot(shown, **p.view.dot_options(), annotations_style=_part_styles(shown, line, p, styles))
        node = shown.get(p.root)
        heading = (
            f"{word} {line.number}: {line.title} (part 1 of {len(split)})"
            if p.number == 1
            else f"{word} {line.number}, part {p.number} of {len(split)}: "
            + (box_title(node) if node is not None else p.root.title)
        )
        folded = build_scene(shown, **p.view.scene_options()).folded
        out.append(Picture("line", heading, dot, b"", line, folded, p.view, p, len(split)))
    return out


def _part_styles(
    shown: ArgumentMap, line: Line, part: Part, styles: Mapping[str, NodeStyle] | None
) -> Mapping[str, NodeStyle] | None:
    """An overlay's badges with a part's links: each box cut off opens the part that
    goes on from it; what the part's own box serves, the part it was cut from."""
    links = dict(part.opens)
    if part.parent:  # drawn there with its other branches
        links |= {x.title: part.parent for x in graph_of(shown).parents.get(part.root, ())}
    marked = dict(styles or {})
    for title, k in links.items():
        slug = line.slug if k == 1 else f"{line.slug}-{k}"
        marked[title] = replace(marked.get(title, NodeStyle()), opens=slug, opens_label=f"part {k}")
    return marked or None


def _refocused(m: ArgumentMap, first: Picture, timeout: float | None, options: Mapping[str, Any]) -> Picture:
    """A focused view measured too big to read, drawn another way once more (kept if it
    reads better)."""
    assert first.view is not None
    better = refit_focus(m, first.view, _size(first.svg), detail=options.get("detail", "auto"))
    if better is None:
        return first
    overlay = {k: options[k] for k in ("annotations_style", "key_note") if k in options}
    # an overlay's counts (marks) badge an overview's boxes: a focused view has none
    rest = {k: v for k, v in options.items() if k not in overlay and k != "marks"}
    dot = to_dot(m, **{**rest, **fitted_options(better)}, **overlay)
    (svg,) = render_many([dot], "svg", timeout=timeout)
    if _miss(_size(svg)) >= _miss(_size(first.svg)):
        return first
    folded = build_scene(m, **better.scene_options()).folded
    return replace(first, dot=dot, svg=svg, view=better, folded=folded)


def _refit_overview(
    m: ArgumentMap, ov: Overview, main: Picture, options: Mapping[str, Any]
) -> Picture | None:
    """The overview measured too big to read (an overlay's counts wrap more than
    estimated, say), planned again from how far its estimate was off; None when it
    reads, or when planning again changes nothing."""
    size = _size(main.svg)
    if _miss(size, "overview") == 0:
        return None
    marks = options.get("marks")
    w, h = overview_size(ov, marks=marks)
    if not w or not h:
        return None
    nodes = {str(s.ref): s for s in m.statements} | {str(a.ref): a for a in m.arguments}
    correction = (size[0] / w, size[1] / h)
    dot = overview_dot(ov, nodes, marks=marks, correction=correction)
    if dot == main.dot:  # its most compact boxes already: closer together
        dot = overview_dot(ov, nodes, marks=marks, correction=correction, tight=True)
    return replace(main, dot=dot)


def _refit_lines(
    m: ArgumentMap,
    ov: Overview,
    pictures: list[Picture],
    options: Mapping[str, Any],
) -> dict[int, list[Picture]]:
    """Each line view measured too big to read, planned again from how far its estimate
    was off, in parts when no way of drawing it whole promises to read (by its index
    in ``pictures``; drawn in the next run)."""
    detail = options.get("detail", "auto")
    # an overlay's badges go on every line view (as plan() draws them)
    styles = options.get("annotations_style") if options.get("marks") is not None else None
    shown = context_map(m, ov)
    again: dict[int, list[Picture]] = {}
    for k, p in enumerate(pictures):
        if p.kind != "line" or p.view is None or p.line is None:
            continue
        size = _size(p.svg)
        better = refit_view(shown, p.view, size, detail=detail)
        if better is None:
            continue
        view, miss, scale = better
        if p.part is None and _miss(size) > REDRAW_SPLIT_AT and miss > SPLIT_AT:
            split = _in_parts(m, ov, p.line, detail, styles, scale, p.view.rankdir)
            if split:
                again[k] = split
                continue
        marked = _part_styles(shown, p.line, p.part, styles) if p.part is not None else styles
        folded = build_scene(shown, **view.scene_options()).folded
        dot = to_dot(shown, **view.dot_options(), annotations_style=marked)
        again[k] = [replace(p, dot=dot, view=view, folded=folded)]
    return again


_SIZE = re.compile(rb'<svg\b[^>]*?\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"')


def _size(svg: bytes) -> tuple[float, float]:
    found = _SIZE.search(svg)
    return (float(found.group(1)), float(found.group(2))) if found else (0.0, 0.0)


def _fitted_focus(m: ArgumentMap, options: Mapping[str, Any]) -> LineView | None:
    """A focused view whose layout the options leave open is fitted as a line's view."""
    if (
        options.get("focus") is None
        or any(options.get(k) is not None for k in ("include", "wrap", "levels", "page"))
        or options.get("rankdir", "auto") != "auto"
    ):
        return None
    return focus_options(
        m, options["focus"], depth=options.get("depth"), detail=options.get("detail", "auto")
    )


def fitted_options(view: LineView | None) -> dict[str, Any]:
    """The DOT options a fitted focus view adds (its key stays, its sections go)."""
    if view is None:
        return {}
    return {k: v for k, v in view.dot_options().items() if k not in ("legend", "stop")}


def _splits(m: ArgumentMap) -> bool:
    """Is the map big enough to show as an overview, with more than one line?"""
    if len(m) <= SMALL:
        return False
    ov = overview(m)
    return len(ov.lines) > 1 or len(ov.tops) > 1


def _unreadable(pictures: list[Picture]) -> tuple[str, ...]:
    """What a line view that still does not read says: which line, how small, and how
    to see it in parts (nothing illegible goes unsaid)."""

    out = []
    for p in pictures:
        if p.kind != "line" or p.line is None:
            continue
        w, h = _size(p.svg)
        if _miss((w, h)) <= 0.25:
            continue  # near enough: readable with a little zoom
        _sw, sh, factor = shown_size(w, h)
        out.append(
            f"{p.heading} is too big to read in one picture ({SMALL_FONT_SIZE * factor:.1f} px text, "
            f"{sh / 768:.1f} screens); argmap.show(m, focus={p.line.focus!r}, depth=1) draws its "
            "first level, and each of its parts can be shown the same way."
        )
    return tuple(out)


def _miss(size: tuple[float, float], kind: str = "line") -> float:
    """How far a picture misses: an overview one screen at 11 px, a line 1.5 at 10 px."""
    if kind == "overview":
        return shortfall(size[0], size[1], 11.0, 1.0, COLUMN_PX)

    return shortfall(size[0], size[1], 10.0, 1.5, COLUMN_PX)
