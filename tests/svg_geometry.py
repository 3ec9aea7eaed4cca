"""Read the geometry of a Graphviz SVG: node boxes, edge paths, arrowheads, edge words.

Used by the tests that check what a reader sees: no arrow ends on another box,
arrowheads into one node stay apart, a dashed line is long enough to show its
dashes, and an edge's word does not sit on an arrowhead.  All coordinates are in
the SVG's own units (points, y growing downwards), as Graphviz writes them.

A node is a ``g.node``; its name is its ``id`` without the ``argmap-`` prefix (as
dot.py sets it), else its ``<title>``.  An edge is a ``g.edge`` whose ``<title>`` is
``tail->head``.  Clusters (frames, sections, the key's frame) are not boxes here.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle."""

    x0: float
    y0: float
    x1: float
    y1: float

    def contains(self, p: Point, inset: float = 0.0) -> bool:
        """Is ``p`` inside, at least ``inset`` from every side?"""
        x, y = p
        return self.x0 + inset < x < self.x1 - inset and self.y0 + inset < y < self.y1 - inset

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


def _bbox(points: list[Point]) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


def _pairs(text: str) -> list[Point]:
    nums = [float(n) for n in _NUMBER.findall(text)]
    return list(zip(nums[0::2], nums[1::2], strict=False))


def _path_points(d: str) -> list[Point]:
    """The points of a Graphviz path (``M x,y C x,y x,y x,y …``): every control point."""
    return _pairs(d)


def _bezier(points: list[Point], steps: int = 12) -> list[Point]:
    """Sample a Graphviz cubic B-spline path (start, then 3 points per segment)."""
    out = [points[0]]
    for k in range(1, len(points) - 2, 3):
        p0, p1, p2, p3 = points[k - 1], points[k], points[k + 1], points[k + 2]
        for i in range(1, steps + 1):
            t = i / steps
            a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            out.append(
                (a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1])
            )
    return out


def _length(points: list[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(points, points[1:], strict=False))


@dataclass(frozen=True)
class Text:
    """One ``<text>`` line: its estimated box (DejaVu Sans, about 0.6 em a glyph)."""

    text: str
    box: Box


def _text_box(el: ET.Element) -> Text:
    words = "".join(el.itertext())
    size = float(el.get("font-size", "14"))
    x, y = float(el.get("x", "0")), float(el.get("y", "0"))
    width = len(words) * size * 0.6
    anchor = el.get("text-anchor", "start")
    x0 = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return Text(words, Box(x0, y - size * 0.8, x0 + width, y + size * 0.2))


@dataclass(frozen=True)
class Node:
    name: str
    title: str
    classes: str
    box: Box
    texts: tuple[Text, ...]


@dataclass(frozen=True)
class Edge:
    tail: str
    head: str
    classes: str
    path: tuple[Point, ...]  # sampled along the curve, tail to head
    arrows: tuple[tuple[Point, ...], ...]  # arrowhead polygons
    texts: tuple[Text, ...]

    @property
    def length(self) -> float:
        """The drawn line's length (the arrowhead not counted)."""
        return _length(list(self.path))

    @property
    def end(self) -> Point:
        """Where the edge ends: its head arrow's tip (the polygon point farthest from
        the line's last point), else the line's last point."""
        last = self.path[-1]
        head = self.head_arrow
        if head is None:
            return last
        return max(head, key=lambda p: math.dist(p, last))

    @property
    def head_arrow(self) -> tuple[Point, ...] | None:
        if not self.arrows:
            return None
        last = self.path[-1]
        best = min(self.arrows, key=lambda poly: min(math.dist(p, last) for p in poly))
        return best if min(math.dist(p, last) for p in best) < 3 else None


@dataclass
class Drawing:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0


def _name(g: ET.Element) -> str:
    ident = g.get("id", "")
    if ident.startswith("argmap-"):
        return ident[len("argmap-") :]
    title = g.find(f"{SVG}title")
    return title.text or "" if title is not None else ident


def parse(svg: str | bytes) -> Drawing:
    """The nodes and edges of a Graphviz SVG."""
    root = ET.fromstring(svg)
    out = Drawing()
    out.width = float(root.get("width", "0").rstrip("pt") or 0)
    out.height = float(root.get("height", "0").rstrip("pt") or 0)
    for g in root.iter(f"{SVG}g"):
        classes = g.get("class", "").split()
        if "node" in classes:
            pts: list[Point] = []
            for el in g.iter():
                if el.tag == f"{SVG}polygon" or el.tag == f"{SVG}polyline":
                    pts += _pairs(el.get("points", ""))
                elif el.tag == f"{SVG}path":
                    pts += _path_points(el.get("d", ""))
                elif el.tag == f"{SVG}ellipse":
                    cx, cy = float(el.get("cx", "0")), float(el.get("cy", "0"))
                    rx, ry = float(el.get("rx", "0")), float(el.get("ry", "0"))
                    pts += [(cx - rx, cy - ry), (cx + rx, cy + ry)]
            texts = tuple(_text_box(t) for t in g.iter(f"{SVG}text"))
            if not pts:  # a plaintext node: its words are its box
                pts = [p for t in texts for p in ((t.box.x0, t.box.y0), (t.box.x1, t.box.y1))]
            if not pts:
                continue
            title = g.find(f"{SVG}title")
            node = Node(
                _name(g),
                (title.text or "") if title is not None else "",
                " ".join(classes),
                _bbox(pts),
                texts,
            )
            out.nodes[node.name] = node
        elif "edge" in classes:
            title = g.find(f"{SVG}title")
            tail, _, head = (title.text or "").partition("->")
            paths = [_path_points(p.get("d", "")) for p in g.iter(f"{SVG}path")]
            if not paths or not paths[0]:
                continue
            arrows = tuple(tuple(_pairs(p.get("points", ""))) for p in g.iter(f"{SVG}polygon"))
            texts = tuple(_text_box(t) for t in g.iter(f"{SVG}text"))
            out.edges.append(
                Edge(
                    tail.split(":")[0],
                    head.split(":")[0],
                    " ".join(classes),
                    tuple(_bezier(paths[0])),
                    arrows,
                    texts,
                )
            )
    return out


# -- what a reader notices ---------------------------------------------------------------


def ends_in_other_boxes(d: Drawing, inset: float = 1.0) -> list[str]:
    """Edges whose end lies inside a node box other than the edge's own two ends."""
    bad = []
    for e in d.edges:
        for n in d.nodes.values():
            if n.name in (e.tail, e.head):
                continue
            if n.box.contains(e.end, inset):
                bad.append(f"{e.tail}->{e.head} ends inside {n.name}")
    return bad


def crossings(d: Drawing, inset: float = 2.0) -> list[str]:
    """Edges whose line runs through a node box other than its own two ends."""
    bad = []
    for e in d.edges:
        for n in d.nodes.values():
            if n.name in (e.tail, e.head):
                continue
            if any(n.box.contains(p, inset) for p in e.path):
                bad.append(f"{e.tail}->{e.head} crosses {n.name}")
    return bad


def fused_heads(d: Drawing, apart: float = 4.0) -> list[str]:
    """Pairs of arrowheads into one node whose tips lie closer than ``apart``."""
    bad = []
    by_head: dict[str, list[Edge]] = {}
    for e in d.edges:
        if e.head_arrow is not None:
            by_head.setdefault(e.head, []).append(e)
    for head, edges in by_head.items():
        for i, a in enumerate(edges):
            for b in edges[i + 1 :]:
                if math.dist(a.end, b.end) < apart:
                    bad.append(f"{a.tail}->{head} and {b.tail}->{head} share one arrowhead")
    return bad


def words_on_arrowheads(d: Drawing) -> list[str]:
    """Edge words whose box overlaps an arrowhead (any edge's)."""
    heads = [(e, _bbox(list(poly))) for e in d.edges for poly in e.arrows if poly]
    bad = []
    for e in d.edges:
        for t in e.texts:
            for other, box in heads:
                if t.box.overlaps(box):
                    bad.append(
                        f"{t.text!r} of {e.tail}->{e.head} on the arrowhead of {other.tail}->{other.head}"
                    )
    return bad


def words_on_boxes(d: Drawing) -> list[str]:
    """Edge words whose box overlaps a node's box."""
    bad = []
    for e in d.edges:
        for t in e.texts:
            for n in d.nodes.values():
                if t.box.overlaps(n.box):
                    bad.append(f"{t.text!r} of {e.tail}->{e.head} on {n.name}")
    return bad


def short_lines(d: Drawing, classes: str, minimum: float) -> list[str]:
    """Edges of a class (``argmap-attack``) whose drawn line is shorter than ``minimum``."""
    return [
        f"{e.tail}->{e.head} is {e.length:.0f} long"
        for e in d.edges
        if classes in e.classes.split() and e.length < minimum
    ]
