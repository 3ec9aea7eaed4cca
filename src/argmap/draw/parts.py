"""A line too big for one picture, drawn in parts.  Pure: decided on estimates.

A line of support whose view does not read within 1.5 screens in a notebook column,
however it is turned or folded, is drawn in parts: the first part is the line with
its biggest branches cut off (each cut branch shows its first box, with "+N more
under it: part 2"), and each cut branch is a part of its own, drawn from that box
down (and cut again if it is still too big).  The branches cut are the biggest that
leave the rest readable, never one holding most of what is left (that would only
move the problem a level down): so the first part shows the line's shape, and every
box of the line is in exactly one part with what hangs under it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from ..model import ArgumentMap, NodeRef
from .fit import COLUMN_PX, LineView, pick, tries
from .graph import Graph, graph_of, resolve, select, subset

__all__ = ["MAX_PARTS", "Part", "parts"]

#: At most this many parts per line (a line of hundreds of boxes: the last part is
#: drawn as small as it comes, and the picture's note says so).
MAX_PARTS = 24

#: A part is cut no further once its estimate misses by at most this (see
#: :func:`argmap.draw.fit.shortfall`): estimates of a branch err both ways by about
#: this much, and one that still misses once drawn is drawn again (every cut costs
#: the reader a click).
SLACK = 0.1

#: A branch holding more than this share of what is left is opened a level down
#: instead of being cut off whole.
MOST = 0.6


@dataclass(frozen=True)
class Part:
    """One part of a line: its number (1: the line's own box), the box it is drawn
    from, how it is drawn, the parts its cut boxes open (title → part number) and
    the part it was cut from (0 for the first)."""

    number: int
    root: NodeRef
    view: LineView
    opens: tuple[tuple[str, int], ...]
    parent: int
    #: how far the chosen view's estimate misses (0: it reads)
    miss: float


def parts(
    shown: ArgumentMap,
    focus: str,
    stop: tuple[str, ...],
    *,
    detail: str = "auto",
    column_px: float = COLUMN_PX,
    scale: tuple[float, float] = (1.0, 1.0),
    like: str = "",
) -> tuple[Part, ...]:
    """The parts of the view from ``focus`` (not opening the titles in ``stop``), each
    read within 1.5 screens as far as the estimates, corrected by ``scale`` (drawn /
    estimated size, measured on the whole line drawn turned ``like``), say.  One part when it reads whole."""
    g = graph_of(shown)
    out: list[Part] = []
    first = resolve(shown, focus)
    todo: deque[tuple[NodeRef, int]] = deque([(first, 0)])
    number_of = {first: 1}  # each box a part starts from, and its part (queued ones too)
    while todo:
        root, parent = todo.popleft()
        number = len(out) + 1
        room = MAX_PARTS - number - len(todo)  # parts still free for this one's cuts
        view, miss, cuts = _cut(shown, g, root, stop, detail, (column_px, scale, like), room, number_of)
        opens = []
        for cut in cuts:
            if cut not in number_of:
                number_of[cut] = len(number_of) + 1
                todo.append((cut, number))
            opens.append((cut.title, number_of[cut]))
        out.append(Part(number, root, view, tuple(opens), parent, miss))
    return tuple(out)


def _cut(
    shown: ArgumentMap,
    g: Graph,
    root: NodeRef,
    stop: tuple[str, ...],
    detail: str,
    measure: tuple[float, tuple[float, float], str],
    room: int,
    parted: dict[NodeRef, int],
) -> tuple[LineView, float, list[NodeRef]]:
    """The view of ``root``'s branch with its biggest sub-branches cut off until it
    reads (at most ``room`` new cuts); the view, its estimated miss and the cut boxes.
    A box another part starts from (``parted``: a box shared by two branches, or a
    cycle) is cut at once: its branch is drawn there, once."""
    focus = str(root)
    nodes, _more = select(shown, focus, None, None, None, stop)
    context = nodes - _under(g, root, nodes) - {root}  # what the root serves, for context
    kept = set(nodes)
    cuts: list[NodeRef] = []

    def cut_off(box: NodeRef) -> None:
        nonlocal kept, cuts
        below = _under(g, box, kept, root) - {box, root} - context  # a cycle may lead back up
        kept -= below
        cuts = [c for c in cuts if c not in below] + [box]  # a box cut earlier goes with its branch

    for box in sorted(nodes - context - {root}, key=lambda x: parted.get(x, 0)):
        if box in parted and box in kept:
            cut_off(box)
    # estimated on the branch alone (a big map's other boxes cost time and change
    # nothing but a "+N more" row); drawn from the whole map with ``include``
    branch = subset(shown, {x.title for x in nodes})
    room += len(cuts)
    while True:
        include = None if not cuts else tuple(sorted({x.title for x in kept}))
        view, miss = pick(tries(branch, focus, stop, detail, include=include), *measure)
        if miss <= SLACK or len(cuts) >= room:
            return view, miss, cuts
        # far off: several branches at once, about as many boxes as the miss says
        goal = len(kept) / (1 + miss / 2)
        before = len(cuts)
        while len(cuts) < room and (len(cuts) == before or len(kept) > goal):
            biggest = _biggest(g, root, kept - context)
            if biggest is None:
                break
            cut_off(biggest)
        if len(cuts) == before:
            return view, miss, cuts


def _under(g: Graph, root: NodeRef, within: set[NodeRef], top: NodeRef | None = None) -> set[NodeRef]:
    """``root`` and everything that hangs under it, within ``within``, not going on
    through ``top`` (the part's own box, which a cycle may lead back to)."""
    seen = {root}
    queue = deque([root])
    while queue:
        for y in g.children.get(queue.popleft(), ()):
            if y in within and y not in seen:
                seen.add(y)
                if y != top:
                    queue.append(y)
    return seen


def _biggest(g: Graph, root: NodeRef, kept: set[NodeRef]) -> NodeRef | None:
    """The box below ``root`` whose branch is the biggest not holding most of what is
    kept (else the biggest), counting only branches of at least two boxes (a box
    shared by two branches counts in both)."""
    sizes: dict[NodeRef, int] = {}
    for x in _post_order(g, root, kept):
        sizes[x] = 1 + sum(sizes.get(y, 0) for y in g.children.get(x, ()) if y in kept and y != x)
    total = len(kept)
    branches = {x: n for x, n in sizes.items() if x != root and n >= 2}
    if not branches:
        return None
    modest = {x: n for x, n in branches.items() if n <= MOST * total}
    pool = modest or branches
    return min(pool, key=lambda x: (-pool[x], x.kind.value, x.title))


def _post_order(g: Graph, root: NodeRef, kept: set[NodeRef]) -> list[NodeRef]:
    """The boxes under ``root`` within ``kept``, each after everything under it (a
    cycle is broken where it is met)."""
    out: list[NodeRef] = []
    seen = {root}
    stack: list[tuple[NodeRef, int]] = [(root, 0)]
    while stack:
        x, k = stack.pop()
        children = [y for y in g.children.get(x, ()) if y in kept]
        if k < len(children):
            stack.append((x, k + 1))
            y = children[k]
            if y not in seen:
                seen.add(y)
                stack.append((y, 0))
        else:
            out.append(x)
    return out
