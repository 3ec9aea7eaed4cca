"""The scene as Graphviz DOT text, with a key drawn from real miniature nodes.  Pure.

Node names, ids and classes are generated (``s0``, ``argmap-s0``,
``argmap-node argmap-thesis``); all user text reaches DOT only through
:mod:`.labels` (HTML-escaped) or :func:`argmap.text.dot_string` (tooltips).  In
SVG each node is a ``g.node`` with ``id="argmap-<name>"``; the widget and the browser
tests find nodes by that id.  Its ``<title>`` is the name as Graphviz writes it, until
:func:`argmap.output.svg.svg_for_notebook` makes it say the node's tooltip ("CLAIM:
Sanctions"), a frame's "because: <argument>", and the whole picture's name and
description (written here as the graph's comment, see :func:`describe`).

Lines and shapes: lines into a node that two or more come into end at ports of their
own (never one fused arrowhead); sideways, an objection or answer sits in a
borderless cluster whose margin keeps it a line's length from what it answers, its
word a head label beside the line; the thesis and any inference's conclusion are never
drawn inside another argument's co-premise frame.

The key (:mod:`.key`) is a cluster of its own in the picture, or a drawing of its own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..model import ArgumentMap, Role
from ..text import clean_text, count, dot_string, html_text
from . import theme
from .key import key_rows
from .labels import PORT_SIDE, frame_label, label, with_ports
from .options import PictureArgs, PictureOptions, picture_options
from .scene import Scene, SceneEdge, SceneNode, build_scene, estimate_size
from .style import PageOptions, dot_attrs
from .theme import EdgeKind

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["describe", "graph_comment", "scene_dot", "to_dot"]

#: Sideways, the margin (pt) around an objection or answer: with ``nodesep`` it is the
#: length of the line to what it answers, long enough to show the dashes and a word.
GAP = 16


def to_dot(m: ArgumentMap, picture: PictureOptions | None = None, /, **options: Unpack[PictureArgs]) -> str:
    """The map as a Graphviz ``digraph``, drawn with ``picture`` or the same options
    as keyword arguments (:class:`~argmap.draw.options.PictureOptions`).

    ``detail``: ``auto`` folds evidence into counts on maps of more than
    :data:`~argmap.draw.scene.FOLD_ABOVE` statements, ``full`` never, ``compact``
    always.  ``rankdir``: ``auto`` (thesis on top when that reads at notebook
    width, else on the left), or ``BT``/``TB``/``LR``/``RL``.
    ``annotations_style`` maps statement or argument titles to a :class:`NodeStyle`
    badge, and ``key_note`` heads the key's rows (what the badges count, say);
    ``sections``: draw the map's headings as grey groups (as Argdown does);
    ``edge_words=False`` drops the words on edges (line styles and the key still
    tell them apart).
    """
    o = picture_options(picture, **options)
    scene = build_scene(
        m,
        focus=o.focus,
        depth=o.depth,
        include=o.include,
        detail=o.detail,
        rankdir=o.rankdir,
        styles=o.annotations_style,
        wrap=o.label_width,
        levels=o.levels,
        stop=o.stop,
    )
    return scene_dot(
        scene,
        legend=o.legend,
        wrap=o.label_width,
        page=o.page,
        edge_words=o.edge_words,
        key_note=o.key_note,
        sections=o.sections,
        title=m.title or "",
    )


def scene_dot(
    scene: Scene,
    *,
    legend: bool = True,
    wrap: int = 28,
    page: PageOptions | None = None,
    edge_words: bool = True,
    key_note: str = "",
    sections: bool = True,
    title: str = "",
) -> str:
    """Write a scene as DOT (``sections``: the map's headings as grey groups, as Argdown
    draws them; ``title``: the map's, for the picture's accessible name)."""
    side = scene.rankdir in ("LR", "RL")
    junctions = {n.name for n in scene.nodes if n.kind == "junction"}
    out = _graph_head(scene, side, page, title)
    tree = _Clusters(scene, junctions, side)
    ports = _ports(scene, junctions, side)  # many lines into one node: each its own point
    lines, theses = _node_lines(scene, wrap, tree.group_of, ports[1], side)
    tree.frames_and_disputes(wrap)
    if sections and scene.sections:
        _place_sections(scene, tree.group_of, tree.parent, tree.header)
        for line in lines.pop(None, []):  # lone nodes now in a section
            lines.setdefault(tree.group_of.get(line.split(" ", 1)[0]), []).append(line)
    out += tree.emit(lines)
    out += _edge_lines(scene, junctions, ports[0], side, edge_words)
    for group in tree.disputes:
        out.append("{rank=same; " + "; ".join(group) + ";}")
    key = key_rows(scene, side, key_note) if legend and scene.nodes else ([], [])
    out += key[0]
    # the thesis at the top (or the left); sideways, the key's column is the thesis's own
    if theses or key[1]:
        out.append("{rank=max; " + "; ".join(theses + key[1]) + ";}")
    out.append("}")
    return "\n".join(out) + "\n"


def _graph_head(scene: Scene, side: bool, page: PageOptions | None, title: str) -> list[str]:
    """The graph's opening and its default node and edge attributes."""
    font = theme.FONT
    return [
        "digraph argmap {",
        f'graph [rankdir="{scene.rankdir}" splines="spline" nodesep="{0.18 if side else 0.3}" '
        f'ranksep="{0.35 if side else 0.45}" newrank="true" '
        + f'fontname="{font}" fontsize="{theme.FONT_SIZE}" bgcolor="white" id="argmap" class="argmap"'
        # no margin (PDF would add half an inch): a drawing is exactly its picture's size
        + (' margin="0"' if page is None else " " + dot_attrs(page.graph_attrs()))
        # what the picture shows, in words: argmap.output.svg.svg_for_notebook makes it
        # the SVG's accessible name and description (see describe)
        + f" comment={graph_comment(('argmap', *describe(scene, title)))}"
        + "];",
        f'node [fontname="{font}" fontsize="{theme.FONT_SIZE}" fontcolor="{theme.INK}" margin="0.1,0.05"];',
        f'edge [fontname="{font}" fontsize="{theme.SMALL_FONT_SIZE}" arrowsize="0.8"];',
    ]


class _Clusters:
    """The clusters as a tree: a section (a heading of the map) holds the frames and
    disputes whose nodes all belong to it; a frame may hold a dispute; sideways, each
    objection and answer sits in a borderless cluster of its own."""

    def __init__(self, scene: Scene, junctions: set[str], side: bool) -> None:
        self.scene = scene
        self.side = side
        loose = _unframed(scene, junctions)
        self.group_of: dict[str, str | None] = {
            n.name: n.group for n in scene.nodes if n.group and n.name not in loose
        }
        self.disputes = _disputes(scene, junctions) if side else []
        self.header: dict[str, str] = {}  # cluster → its opening line
        self.parent: dict[str, str | None] = {}  # cluster → the cluster it sits in
        self.nested: dict[str | None, list[str]] = {}  # frame (or None) → the dispute clusters in it
        for k, members in enumerate(self.disputes):
            frames = {self.group_of[x] for x in members if x in self.group_of}
            if len(frames) > 1:
                continue  # spans two frames: only a shared rank, no cluster
            frame = frames.pop() if frames else None
            name = f"cluster_dispute{k}"
            self.nested.setdefault(frame, []).append(name)
            for x in members:
                self.group_of[x] = name
        # sideways, each objection and answer sits in a borderless cluster of its own whose
        # margin keeps it a line's length from what it answers: its dashes show, its word has room
        for src in dict.fromkeys(e.src for e in scene.edges if side and _disputed(e, junctions)):
            name = f"cluster_gap_{src}"
            self.header[name] = (
                f'subgraph {name} {{ graph [peripheries="0" label="" tooltip="" margin="{GAP}" '
                f'id="argmap-{name}" class="argmap-gap"];'
            )
            self.parent[name] = self.group_of.get(src)
            self.group_of[src] = name

    def frames_and_disputes(self, wrap: int) -> None:
        """The frames of co-premises (each with its junction) and the dispute clusters."""
        by_name = {n.name: n for n in self.scene.nodes}
        for g in self.scene.groups:
            frame = frame_label(by_name[g.members[0]], wrap) if self.side else '""'
            self.header[g.name] = (
                f'subgraph {g.name} {{ graph [style="rounded,filled" color="{theme.FRAME_PEN}" '
                f'fillcolor="{theme.FRAME_FILL}" penwidth="1" label={frame} labeljust="l" margin="8" '
                f"tooltip={dot_string(_frame_words(by_name[g.members[0]]))} "
                f'id="argmap-{g.name}" class="argmap-frame"];'
            )
            self.parent[g.name] = None
        for within, names in self.nested.items():
            for name in names:
                self.header[name] = (
                    f'subgraph {name} {{ graph [peripheries="0" label="" tooltip="" margin="4" '
                    f'id="argmap-{name}" class="argmap-dispute"];'
                )
                self.parent[name] = within

    def emit(self, lines: dict[str | None, list[str]]) -> list[str]:
        """Every node line inside its clusters, nested as the tree says."""
        children: dict[str | None, list[str]] = {}
        for name, up in self.parent.items():
            children.setdefault(up, []).append(name)

        def emit(cluster: str | None) -> list[str]:
            block = [self.header[cluster]] if cluster is not None else []
            block += lines.pop(cluster, [])
            for child in children.get(cluster, []):
                block += emit(child)
            return block + (["}"] if cluster is not None else [])

        return emit(None)


def _node_lines(
    scene: Scene, wrap: int, group_of: Mapping[str, str | None], ports: Mapping[str, int], side: bool
) -> tuple[dict[str | None, list[str]], list[str]]:
    """Each node's DOT line, by the cluster it sits in; and the theses' names."""
    role_attrs = {role: dot_attrs(look.attrs()) for role, look in theme.ROLES.items()}
    framed = {g.members[0]: g.name for g in scene.groups}  # a frame's first member is its junction
    port_side = PORT_SIDE[scene.rankdir]
    lines: dict[str | None, list[str]] = {}
    theses: list[str] = []
    for n in scene.nodes:
        style = scene.styles.get(n.ref.title)
        if n.kind == "statement":
            assert n.statement is not None
            role = n.statement.role
            attrs = role_attrs[role]
            cls = f"argmap-node argmap-{role.value}"
            tip = f"{theme.ROLES[role].word}: {n.ref.title}"
            if role is Role.THESIS:
                theses.append(n.name)
        elif n.kind == "argument":
            attrs, cls, tip = (
                dot_attrs(theme.ARGUMENT.attrs()),
                "argmap-node argmap-argument",
                f"ARGUMENT: {n.ref.title}",
            )
        else:
            attrs = dot_attrs({**theme.JUNCTION.attrs(), "margin": "0.06,0.03"})
            cls, tip = "argmap-node argmap-junction", f"ARGUMENT: {n.ref.title}"
        # sideways, a framed junction is a small "because": its frame says the rest
        bare = side and n.kind == "junction" and n.name in framed
        text = label(n, wrap, style, bare=bare)
        if n.name in ports:  # many lines in: each ends at a point of its own
            text = with_ports(text, ports[n.name], port_side, estimate_size(n, wrap))
        if style is not None and style.opens and n.more:  # what hangs under it is another picture
            cls += f" argmap-opens argmap-opens-{style.opens}"
            attrs += f' URL="#argmap-{style.opens}" target="_self"'
        lines.setdefault(group_of.get(n.name), []).append(
            f'{n.name} [{attrs} id="argmap-{n.name}" class="{cls}" tooltip={dot_string(tip)} label={text}];'
        )
    return lines, theses


def _edge_lines(
    scene: Scene, junctions: set[str], port_of: Mapping[int, int], side: bool, edge_words: bool
) -> list[str]:
    """Each edge's DOT line, with its word where the layout makes room for it."""
    edge_attrs = {
        kind: dot_attrs({**look.attrs(), "class": f"argmap-edge argmap-{kind.value}"})
        for kind, look in theme.EDGES.items()
    }
    port_side = PORT_SIDE[scene.rankdir]
    nodesep = 0.18 if side else 0.3
    # sideways, one word per bundle of lines into one node, and none on a support line:
    # a word between two columns takes a column of its own (the whole picture gets
    # wider and its text smaller), and the solid line with its filled arrowhead already
    # says "because" (as the key shows), as do the "because" boxes of arguments
    bundled = _bundled(
        scene, [k for k, e in enumerate(scene.edges) if k in port_of or _disputed(e, junctions)]
    )
    out = []
    for k, e in enumerate(scene.edges):
        flat = side and _disputed(e, junctions)
        extra_attrs = ' constraint="false"' if flat else ""
        extra = ""
        if e.word and edge_words:
            if flat and k not in bundled:  # a short line in a known gap: its word beside it, halfway
                extra = (
                    " " + dot_attrs(_beside(e.word, nodesep * 72 + GAP)) + f" headlabel={dot_string(e.word)}"
                )
            elif not (side and (k in bundled or e.kind is EdgeKind.SUPPORT)):
                # a word the layout makes room for (sideways, a column of its own): Graphviz
                # 2.43 drops words placed after layout (xlabel) wherever lines are dense
                extra = f" label={dot_string(e.word)}"
        if k in port_of:
            extra_attrs += f' headport="in{port_of[k]}:{port_side}"'
        out.append(f"{e.src} -> {e.dst} [{edge_attrs[e.kind]}{extra}{extra_attrs}];")
    return out


def _place_sections(
    scene: Scene, group_of: dict[str, str | None], parent: dict[str, str | None], header: dict[str, str]
) -> None:
    """Put each top-level block (a frame with what it holds, a dispute, a lone node)
    into the cluster of its section, when all its nodes belong to that one section."""
    section_of: dict[str, str | None] = {}
    for n in scene.nodes:
        owner = n.statement if n.statement is not None else n.argument
        section_of[n.name] = getattr(owner, "section", None)

    def top(cluster: str | None) -> str | None:
        while cluster is not None and parent.get(cluster) is not None:
            cluster = parent[cluster]
        return cluster

    blocks: dict[str, set[str | None]] = {}  # top-level cluster (or a lone node) → its sections
    for n in scene.nodes:
        key = top(group_of.get(n.name)) or f"node:{n.name}"
        blocks.setdefault(key, set()).add(section_of[n.name])
    titles = [t for t in scene.sections if any(sec == {t} for sec in blocks.values())]
    name_of = {t: f"cluster_section{k}" for k, t in enumerate(titles)}
    for t, name in name_of.items():
        header[name] = (
            f'subgraph {name} {{ graph [style="rounded,filled" color="#BBBBBB" '
            f'fillcolor="{theme.SECTION_FILL}" '
            f'penwidth="1" label=<<B>{html_text(t)}</B>> labeljust="l" fontsize="{theme.SMALL_FONT_SIZE}" '
            f"tooltip={dot_string('section: ' + t)} "
            f'margin="8" id="argmap-{name}" class="argmap-section"];'
        )
        parent[name] = None
    for key, secs in blocks.items():
        (only,) = secs if len(secs) == 1 else (None,)
        if only not in name_of:
            continue
        if key.startswith("node:"):
            group_of[key[5:]] = name_of[only]
        else:
            parent[key] = name_of[only]


def _ports(scene: Scene, junctions: set[str], side: bool) -> tuple[dict[int, int], dict[str, int]]:
    """Lines that end at a port of their own: the edge's index in ``scene.edges`` → its
    port number, and each node → how many ports it needs.  Every node that two or more
    ranked lines come into gets them (not the flat lines of a dispute drawn sideways,
    nor the unranked symmetric ones: Graphviz 2.43 misreads ports on those)."""
    ranked = [
        k
        for k, e in enumerate(scene.edges)
        if theme.EDGES[e.kind].constraint and not (side and _disputed(e, junctions))
    ]
    fan_in: dict[str, int] = {}
    for k in ranked:
        fan_in[scene.edges[k].dst] = fan_in.get(scene.edges[k].dst, 0) + 1
    port_of: dict[int, int] = {}
    count: dict[str, int] = {}
    for k in ranked:
        dst = scene.edges[k].dst
        if fan_in[dst] >= 2:
            port_of[k] = count.get(dst, 0)
            count[dst] = port_of[k] + 1
    return port_of, count


def _bundled(scene: Scene, into: list[int]) -> set[int]:
    """Of the lines ``into`` (indexes into ``scene.edges``), those whose word is left out
    sideways: of two or more lines of one kind into one node only the middle one says
    it; a column of one word repeated beside a node does not fit between two columns."""
    bundles: dict[tuple[str, EdgeKind], list[int]] = {}
    for k in into:
        e = scene.edges[k]
        bundles.setdefault((e.dst, e.kind), []).append(k)
    return {k for ks in bundles.values() for k in ks if k != ks[len(ks) // 2]}


def _beside(word: str, gap: float) -> dict[str, str]:
    """``labelangle`` and ``labeldistance`` that put a head label of ``word`` beside a
    straight line ``gap`` points long, halfway along it: off the line by half the word's
    width, so neither the line nor the arrowhead crosses a letter.

    >>> _beside("but", 29.0)
    {'labelangle': '-35', 'labeldistance': '1.78'}
    """
    half_width = len(word) * theme.SMALL_FONT_SIZE * theme.EM / 2 + 3
    along = gap / 2
    angle = math.degrees(math.atan2(half_width, along))
    return {"labelangle": f"{-angle:.0f}", "labeldistance": f"{math.hypot(half_width, along) / 10:.2f}"}


def graph_comment(parts: Iterable[str]) -> str:
    """The graph comment: parts of cleaned text (which holds no paragraph separator,
    U+2029) joined by one, as a DOT string (``dot_string`` would clean the separator away)."""
    text = "\u2029".join(p.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;") for p in parts)
    return f'"{text}"'


def describe(scene: Scene, title: str = "") -> tuple[str, str]:
    """The picture's accessible name and description, in words: its thesis (or the
    map's title) and what it shows.

    >>> from argmap import loads
    >>> from argmap.draw.scene import build_scene
    >>> describe(build_scene(loads("[T]: t #thesis\\n  + [A]: a\\n  - [B]: b #objection\\n")))
    ('Argument map: T', 'Thesis: T; 1 line of support, 1 objection')
    """
    theses = [n for n in scene.nodes if n.statement is not None and n.statement.role is Role.THESIS]
    main = [clean_text(n.ref.title) for n in theses]
    name = "Argument map: " + (" / ".join(main) or clean_text(title)) if (main or title) else "Argument map"
    names = {n.name for n in theses}
    lines = sum(1 for e in scene.edges if e.dst in names and e.kind is EdgeKind.SUPPORT)
    roles: dict[Role, int] = {}
    for n in scene.nodes:
        if n.statement is not None:
            roles[n.statement.role] = roles.get(n.statement.role, 0) + 1
        for s in n.folded:
            roles[s.role] = roles.get(s.role, 0) + 1
    parts = [count(lines, "line of support", "lines of support")] if names else []
    for role, noun, plural in (
        (Role.CLAIM, "claim", None),
        (Role.ASSUMPTION, "assumption", None),
        (Role.EVIDENCE, "piece of evidence", "pieces of evidence"),
        (Role.OBJECTION, "objection", None),
        (Role.REBUTTAL, "rebuttal", None),
    ):
        if roles.get(role) and (role is not Role.CLAIM or not names):
            parts.append(count(roles[role], noun, plural))
    if scene.hidden or any(n.more for n in scene.nodes):
        parts.append("part of the map")
    head = f"Thesis: {' / '.join(main)}; " if main else ""
    return name, head + ", ".join(parts)


def _frame_words(junction: SceneNode) -> str:
    """What a frame is, for its title: "because: Driven by need"."""
    assert junction.argument is not None
    return f"{theme.JUNCTION.word}: {clean_text(junction.argument.title)}"


def _unframed(scene: Scene, junctions: set[str]) -> set[str]:
    """Premises kept out of their co-premise frame: the thesis, and any statement that is
    an inference's conclusion elsewhere.  A frame holds the premises that only work
    together; drawn inside one, the main claim would read as part of another argument."""
    concluded = {e.dst for e in scene.edges if e.src in junctions and e.kind is EdgeKind.SUPPORT}
    return {
        n.name
        for n in scene.nodes
        if n.group
        and n.kind == "statement"
        and (n.name in concluded or (n.statement is not None and n.statement.role is Role.THESIS))
    }


def _disputed(e: SceneEdge, junctions: set[str]) -> bool:
    """Sideways, an objection hangs under what it objects to, and an answer under its
    objection, in the same column: a dispute adds height, not width."""
    return e.kind in (EdgeKind.REBUTTAL, EdgeKind.ATTACK) and e.dst not in junctions


def _disputes(scene: Scene, junctions: set[str]) -> list[list[str]]:
    """Groups of nodes that share a column sideways: a target, its objections, their answers."""
    return _merge([(e.dst, e.src) for e in scene.edges if _disputed(e, junctions)])


def _merge(pairs: list[tuple[str, str]]) -> list[list[str]]:
    """Pairs that must share a rank, merged into groups (a chain of answers is one group)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for x in parent:
        groups.setdefault(root(x), []).append(x)
    return [g for g in groups.values() if len(g) > 1]
