"""ArgumentMap → Graphviz DOT text.  Pure: never starts a process.

The picture (see :mod:`argmap.theme` for every colour, shape and word):

* ``rankdir=BT``: the thesis sits at the top and reasons hang below what they
  support, arrows pointing up into their conclusion (the Rationale look).
* One node per statement, with an HTML-like label: the role word (THESIS, CLAIM,
  EVIDENCE · fact, ASSUMPTION (unstated), OBJECTION, REBUTTAL), the title in bold,
  the wrapped text; evidence adds its quote (shortened) and "¶ N" when anchored.
* An argument with a premise–conclusion structure becomes one small *junction*
  node per inference: its (linked) premises point into the junction, the
  junction points into the conclusion.  Relations to or from such an argument
  attach to the junction of its main (last) inference; an undercut hits it with
  a tee.  An argument without a PCS is one grey rounded box.
* Attack on an objection = rebuttal.  Contrary/contradictory edges point both
  ways and do not rank their ends.

Node names are stable and safe: statements ``s0, s1 …`` and arguments ``a0, a1 …``
in map order, junctions ``a3_i0, a3_i1 …`` (argument 3, inference 0, 1 …).  The
same names are used in partial maps (``focus``/``include``), so a picture of
"the map at step k" keeps them.  In SVG the name is each ``g.node``'s
``<title>``, and the node also carries ``id="argmap-s0"`` and
``class="argmap-node argmap-thesis"`` (Graphviz prefixes ``node``).  The widget maps a
clicked name back with :func:`node_refs` (name → :class:`NodeRef`);
:func:`node_ids` gives statement title → name.

Nothing a user writes becomes DOT syntax or markup: all text goes through
:func:`html_text` (label) or :func:`_dot_string` (tooltip); node names, ids,
classes and colours are generated or checked here.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import theme
from .model import (
    Argument,
    ArgumentMap,
    Inference,
    NodeKind,
    NodeRef,
    PCSLine,
    Relation,
    RelationKind,
    Role,
    Statement,
)
from .theme import EdgeKind

__all__ = [
    "PAGE_SIZES",
    "NodeStyle",
    "PageOptions",
    "html_text",
    "node_ids",
    "node_refs",
    "subset",
    "to_dot",
    "visible_refs",
    "wrap_text",
]

#: Paper sizes in inches (portrait).
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "A4": (8.27, 11.69),
    "A3": (11.69, 16.54),
    "Letter": (8.5, 11.0),
    "Legal": (8.5, 14.0),
}
_ORIENTATIONS = ("portrait", "landscape")
_RANKDIRS = ("BT", "TB", "LR", "RL")


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

    ``mark`` is a short text shown top right (``"✓"``, ``"?"``, ``"✗"``, ``"4/5"``);
    ``note`` a short line at the bottom.  Colours are ``#RRGGBB[AA]`` or
    Graphviz colour names; the role's shape and line style always stay.
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


# -- text ---------------------------------------------------------------------------

# Characters that never reach a label: C0/C1 controls (XML forbids most of them),
# lone surrogates and non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Graphviz expands \N \G \E \T \H \L in labels (even when written as an entity);
# a WORD JOINER (U+2060, invisible) after the backslash keeps them literal.
_GRAPHVIZ_ESCAPE = re.compile(r"\\(?=[NGETHL])")


def clean_text(text: str) -> str:
    """User text on one line: controls dropped, runs of white space made one space."""
    if not text.isprintable():
        text = _CONTROL.sub("", text)
    return " ".join(text.split())


def html_text(text: str) -> str:
    """Escape one line of user text for a Graphviz HTML-like label.

    ``]`` is written as a character reference too: Graphviz 2.43 refuses a table
    cell that holds nothing but ``]`` ("non-space string used after </TABLE>").

    >>> html_text('"]; evil [label="x <b>\\\\N')
    '&quot;&#93;; evil [label=&quot;x &lt;b&gt;\\\\\\u2060N'
    """
    # str.replace in a chain ("&" first) is several times faster than translate()
    # with multi-character replacements, and gives the same text.
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = out.replace('"', "&quot;").replace("'", "&#39;").replace("]", "&#93;")
    return _GRAPHVIZ_ESCAPE.sub("\\\\\u2060", out) if "\\" in out else out


def _dot_string(text: str) -> str:
    """A DOT double-quoted string (for escString attributes such as ``tooltip``)."""
    s = clean_text(text).replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return f'"{s}"'


def wrap_text(text: str, width: int) -> list[str]:
    """Greedy word wrap; words longer than ``width`` are hard-broken.

    >>> wrap_text("a partnership of convenience, not conviction", 16)
    ['a partnership of', 'convenience, not', 'conviction']
    >>> wrap_text("x" * 10, 4)
    ['xxxx', 'xxxx', 'xx']
    """
    width = max(width, 4)
    words = text.split()
    if " ".join(words) == text:  # single spaces only: let a regular expression do it
        pattern = _WRAP.get(width)
        if pattern is None:
            # the longest run of whole words, at most `width` long, then a space or the end
            pattern = _WRAP[width] = re.compile(rf"(\S.{{0,{width - 1}}})(?: |\Z)")
        lines = pattern.findall(text)
        if " ".join(lines) == text:  # no word was longer than `width`
            return lines
    return _wrap_words(words, width)


_WRAP: dict[int, re.Pattern[str]] = {}


def _wrap_words(words: list[str], width: int) -> list[str]:
    """:func:`wrap_text` word by word (the reference for the fast path)."""
    lines: list[str] = []
    line = ""
    for word in words:
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def _lines(text: str, width: int) -> str:
    """Wrapped, escaped user text (already cleaned); lines end in left-aligned breaks."""
    if len(text) <= width:
        return html_text(text)
    # one html_text for all the lines (they hold no line break) instead of one per line
    return html_text("\n".join(wrap_text(text, width))).replace("\n", '<BR ALIGN="LEFT"/>')


# -- names --------------------------------------------------------------------------


class _Names:
    """Stable DOT names for every node of a map (built once per to_dot call)."""

    def __init__(self, m: ArgumentMap):
        self.statements: dict[str, str] = {}
        for i, s in enumerate(m.statements):
            self.statements.setdefault(s.title, f"s{i}")
        self.arguments: dict[str, str] = {}
        self.args: dict[str, Argument] = {}
        for i, a in enumerate(m.arguments):
            if a.title not in self.arguments:
                self.arguments[a.title] = f"a{i}"
                self.args[a.title] = a

    def junction(self, argument: str, k: int) -> str:
        return f"{self.arguments[argument]}_i{k}"

    def of(self, ref: NodeRef) -> str | None:
        """The DOT node a relation attaches to (a PCS argument: its main junction)."""
        if ref.kind is NodeKind.STATEMENT:
            return self.statements.get(ref.title)
        a = self.args.get(ref.title)
        if a is None:
            return None
        if a.inferences:
            return self.junction(a.title, len(a.inferences) - 1)
        return self.arguments[a.title]


def node_ids(m: ArgumentMap) -> dict[str, str]:
    """Statement title → DOT node name (``s0`` …), the SVG ``<title>`` of its ``g.node``.

    >>> from argmap.model import Statement
    >>> node_ids(ArgumentMap(statements=(Statement("T"), Statement("R"))))
    {'T': 's0', 'R': 's1'}
    """
    return dict(_Names(m).statements)


def node_refs(m: ArgumentMap) -> dict[str, NodeRef]:
    """Every DOT node name → what it stands for (junctions → their argument)."""
    names = _Names(m)
    out: dict[str, NodeRef] = {v: NodeRef.statement(k) for k, v in names.statements.items()}
    for title, a in names.args.items():
        out[names.arguments[title]] = NodeRef.argument(title)
        for k in range(len(a.inferences)):
            out[names.junction(title, k)] = NodeRef.argument(title)
    return out


# -- partial maps ---------------------------------------------------------------------


def _resolve(m: ArgumentMap, title: str) -> NodeRef:
    if m.has(NodeRef.statement(title)):
        return NodeRef.statement(title)
    if m.has(NodeRef.argument(title)):
        return NodeRef.argument(title)
    import difflib

    known = [s.title for s in m.statements] + [a.title for a in m.arguments]
    close = difflib.get_close_matches(title, known, n=3)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise ValueError(f"no statement or argument titled {title!r} in the map{hint}")


def visible_refs(
    m: ArgumentMap,
    *,
    focus: str | None = None,
    depth: int | None = None,
    include: Iterable[str] | None = None,
) -> set[NodeRef]:
    """The nodes a partial picture shows.

    ``include``: only statements/arguments with these titles (a PCS argument's
    inference also shows when its conclusion and premises are all included).
    ``focus``/``depth``: the node and everything within ``depth`` steps of it
    (``None``: its whole connected part).  One step = one relation, or premise ↔
    conclusion of an inference (its argument comes along).
    """
    everything = {s.ref for s in m.statements} | {a.ref for a in m.arguments}
    shown = everything
    if include is not None:
        wanted = set(include)
        shown = {r for r in everything if r.title in wanted}
        for a in m.arguments:
            if (
                a.ref not in shown
                and a.inferences
                and all(all(t in wanted for t in (*i.premises, i.conclusion)) for i in a.inferences)
            ):
                shown.add(a.ref)
    if focus is None:
        return shown
    if depth is not None and depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth!r}")
    start = _resolve(m, focus)
    adj: dict[NodeRef, set[NodeRef]] = {}

    def link(x: NodeRef, y: NodeRef) -> None:
        adj.setdefault(x, set()).add(y)
        adj.setdefault(y, set()).add(x)

    for r in m.relations:
        link(r.source, r.target)
    for a in m.arguments:
        for inf in a.inferences:
            c = NodeRef.statement(inf.conclusion)
            link(a.ref, c)
            for p in inf.premises:
                link(NodeRef.statement(p), c)
                link(NodeRef.statement(p), a.ref)
    dist = {start: 0}
    queue = deque([start])
    while queue:
        x = queue.popleft()
        if depth is not None and dist[x] >= depth:
            continue
        for y in adj.get(x, ()):
            if y not in dist:
                dist[y] = dist[x] + 1
                queue.append(y)
    return shown & set(dist)


def subset(m: ArgumentMap, titles: Iterable[str]) -> ArgumentMap:
    """A smaller map: only these statements/arguments, and relations among them.

    A PCS argument keeps only inferences whose conclusion and premises all stay.
    """
    keep = set(titles)
    statements = tuple(s for s in m.statements if s.title in keep)
    kept_s = {s.title for s in statements}
    arguments = []
    for a in m.arguments:
        if a.title not in keep:
            continue
        infs = tuple(i for i in a.inferences if i.conclusion in kept_s and set(i.premises) <= kept_s)
        lines = tuple(line for line in a.lines if line.statement in kept_s) if infs else ()
        arguments.append(a if infs == a.inferences else _replace_arg(a, infs, lines))
    kept_a = {a.title for a in arguments}

    def ok(ref: NodeRef) -> bool:
        return ref.title in (kept_s if ref.kind is NodeKind.STATEMENT else kept_a)

    relations = tuple(r for r in m.relations if ok(r.source) and ok(r.target))
    return m.replace(statements=statements, arguments=tuple(arguments), relations=relations)


def _replace_arg(a: Argument, infs: tuple[Inference, ...], lines: tuple[PCSLine, ...]) -> Argument:
    from dataclasses import replace

    return replace(a, inferences=infs, lines=lines)


# -- DOT ------------------------------------------------------------------------------


def _attrs(d: Mapping[str, str]) -> str:
    """Attributes whose values are generated here (never user text)."""
    return " ".join(f'{k}="{v}"' for k, v in d.items())


def _role_word(s: Statement) -> str:
    look = theme.ROLES[s.role]
    if s.role is Role.EVIDENCE and s.basis is not None:
        return f"{look.word} · {s.basis.label}"
    return look.word


def _label(
    word: str,
    title: str,
    text: str,
    wrap: int,
    *,
    quote: str | None = None,
    paragraph: int | None = None,
    style: NodeStyle | None = None,
) -> str:
    small = theme.SMALL_FONT_SIZE
    mark = ""
    if style is not None and style.mark:
        colour = style.mark_color or theme.INK
        mark_text = html_text(clean_text(style.mark)[:12])
        mark = f'<TD ALIGN="RIGHT"><FONT COLOR="{colour}"><B>{mark_text}</B></FONT></TD>'
    rows = [
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{small}" COLOR="{theme.MUTED}">'
        f"{html_text(word)}</FONT></TD>{mark}</TR>"
    ]
    span = ' COLSPAN="2"' if mark else ""
    title, text = clean_text(title), clean_text(text)
    if title:
        rows.append(f'<TR><TD ALIGN="LEFT"{span} BALIGN="LEFT"><B>{_lines(title, wrap)}</B></TD></TR>')
    if text and text != title:
        rows.append(f'<TR><TD ALIGN="LEFT"{span} BALIGN="LEFT">{_lines(text, wrap)}</TD></TR>')
    if quote is not None and clean_text(quote):
        q = "“" + _shorten(clean_text(quote), 160) + "”"
        if paragraph is not None:
            q += f" ¶ {paragraph}"
        rows.append(
            f'<TR><TD ALIGN="LEFT"{span} BALIGN="LEFT"><FONT POINT-SIZE="{small}" COLOR="{theme.MUTED}">'
            f"<I>{_lines(q, wrap + 6)}</I></FONT></TD></TR>"
        )
    if style is not None and clean_text(style.note):
        rows.append(
            f'<TR><TD ALIGN="LEFT"{span} BALIGN="LEFT"><FONT POINT-SIZE="{small}">'
            f"{_lines(clean_text(style.note), wrap)}</FONT></TD></TR>"
        )
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"


def _styled(look: theme.NodeLook, style: NodeStyle | None) -> dict[str, str]:
    attrs = look.attrs()
    if style is not None:
        if style.fill:
            attrs["fillcolor"] = style.fill
        if style.pen:
            attrs["color"] = style.pen
        if style.penwidth is not None:
            attrs["penwidth"] = f"{style.penwidth:g}"
    return attrs


def _edge_kind(m: ArgumentMap, r: Relation, names: _Names, attackers: set[NodeRef]) -> EdgeKind:
    if r.kind is RelationKind.ATTACK:
        target = m.get(r.target)
        source = m.get(r.source)
        if (
            (isinstance(target, Statement) and target.role is Role.OBJECTION)
            or (isinstance(source, Statement) and source.role is Role.REBUTTAL)
            or (isinstance(target, Argument) and r.target in attackers)
        ):
            return EdgeKind.REBUTTAL
        return EdgeKind.ATTACK
    return {
        RelationKind.SUPPORT: EdgeKind.SUPPORT,
        RelationKind.UNDERCUT: EdgeKind.UNDERCUT,
        RelationKind.CONTRARY: EdgeKind.CONTRARY,
        RelationKind.CONTRADICTORY: EdgeKind.CONTRADICTORY,
    }[r.kind]


def to_dot(
    m: ArgumentMap,
    *,
    focus: str | None = None,
    depth: int | None = None,
    include: Iterable[str] | None = None,
    legend: bool = True,
    rankdir: str = "BT",
    wrap: int = 36,
    page: PageOptions | None = None,
    annotations_style: Mapping[str, NodeStyle] | None = None,
    edge_words: bool = True,
) -> str:
    """The map as a Graphviz ``digraph`` (see the module docstring for the look).

    ``annotations_style`` maps statement (or argument) titles to a
    :class:`NodeStyle` overlay.  ``edge_words=False`` drops the words on edges
    (the line styles and the legend still tell them apart).
    """
    if rankdir not in _RANKDIRS:
        raise ValueError(f"unknown rankdir {rankdir!r}; valid: {', '.join(_RANKDIRS)}")
    names = _Names(m)
    shown = visible_refs(m, focus=focus, depth=depth, include=include)
    styles = annotations_style or {}
    font = theme.FONT
    out: list[str] = [
        "digraph argmap {",
        f'graph [rankdir="{rankdir}" splines="spline" nodesep="0.3" ranksep="0.45" '
        f'fontname="{font}" fontsize="{theme.FONT_SIZE}" bgcolor="white" id="argmap" class="argmap"'
        + ("" if page is None else " " + _attrs(page.graph_attrs()))
        + "];",
        f'node [fontname="{font}" fontsize="{theme.FONT_SIZE}" fontcolor="{theme.INK}" margin="0.12,0.06"];',
        f'edge [fontname="{font}" fontsize="{theme.SMALL_FONT_SIZE}" arrowsize="0.8"];',
    ]
    roles_seen: set[Role] = set()
    used_edges: set[EdgeKind] = set()
    has_argument_box = has_junction = False
    theses: list[str] = []
    emitted: set[str] = set()

    shown_statements = {r.title for r in shown if r.kind is NodeKind.STATEMENT}
    role_attrs = {role: _attrs(look.attrs()) for role, look in theme.ROLES.items()}

    # statements
    for s in m.statements:
        name = names.statements[s.title]
        if s.title not in shown_statements or name in emitted:
            continue  # hidden, or a second statement with the same title
        emitted.add(name)
        roles_seen.add(s.role)
        style = styles.get(s.title)
        look = theme.ROLES[s.role]
        is_evidence = s.role is Role.EVIDENCE
        label = _label(
            _role_word(s),
            s.title,
            s.text,
            wrap,
            quote=s.quote if is_evidence else None,
            paragraph=s.anchor.paragraph if (is_evidence and s.anchor is not None) else None,
            style=style,
        )
        common = role_attrs[s.role] if style is None else _attrs(_styled(look, style))
        out.append(
            f'{name} [{common} id="argmap-{name}" class="argmap-node argmap-{s.role.value}" '
            f"tooltip={_dot_string(f'{look.word}: {s.title}')} label={label}];"
        )
        if s.role is Role.THESIS:
            theses.append(name)

    # arguments: boxes (no PCS) or junctions (one per inference)
    attackers = {r.source for r in m.relations if r.kind is RelationKind.ATTACK}
    edges: dict[tuple[str, str], tuple[EdgeKind, str]] = {}

    def edge(src: str | None, dst: str | None, kind: EdgeKind, word: str | None = None) -> None:
        if src is None or dst is None or (src, dst) in edges:
            return
        edges[(src, dst)] = (kind, theme.EDGES[kind].word if word is None else word)

    for title, a in names.args.items():
        name = names.arguments[title]
        style = styles.get(title)
        if a.ref not in shown:
            continue
        if not a.inferences:
            has_argument_box = True
            attrs = _styled(theme.ARGUMENT, style)
            attrs["id"] = f"argmap-{name}"
            attrs["class"] = "argmap-node argmap-argument"
            label = _label(theme.ARGUMENT.word, title, a.text, wrap, style=style)
            out.append(f"{name} [{_attrs(attrs)} tooltip={_dot_string(f'ARGUMENT: {title}')} label={label}];")
            continue
        has_junction = True
        for k, inf in enumerate(a.inferences):
            j = names.junction(title, k)
            scheme = inf.scheme or (a.scheme if k == len(a.inferences) - 1 else None)
            word = "together" if inf.is_linked else "inference"
            sub = f"{title}" + (f" ({k + 1})" if len(a.inferences) > 1 else "")
            text = f"scheme: {scheme}" if scheme else ""
            attrs = _styled(theme.JUNCTION, style)
            attrs.update({"id": f"argmap-{j}", "class": "argmap-node argmap-junction", "margin": "0.06,0.03"})
            main = k == len(a.inferences) - 1
            label = _label(word, sub, text, max(wrap - 8, 12), style=style if main else None)
            out.append(f"{j} [{_attrs(attrs)} tooltip={_dot_string(f'ARGUMENT: {title}')} label={label}];")
            for p in inf.premises:
                if p in shown_statements:
                    edge(names.statements.get(p), j, EdgeKind.PREMISE)
            if inf.conclusion in shown_statements:
                edge(j, names.statements.get(inf.conclusion), EdgeKind.SUPPORT)

    # relations
    for r in m.relations:
        if r.source not in shown or r.target not in shown:
            continue
        src, dst = names.of(r.source), names.of(r.target)
        if r.kind is RelationKind.SUPPORT and r.source.kind is NodeKind.ARGUMENT:
            src_arg = names.args.get(r.source.title)
            if (
                src_arg is not None
                and src_arg.conclusion is not None
                and r.target == NodeRef.statement(src_arg.conclusion)
            ):
                continue  # drawn once, by the junction → conclusion edge
        edge(src, dst, _edge_kind(m, r, names, attackers))

    edge_attrs = {
        kind: _attrs({**look.attrs(), "class": f"argmap-edge argmap-{kind.value}"})
        + (f" label={_dot_string(look.word)}" if (look.word and edge_words) else "")
        for kind, look in theme.EDGES.items()
    }
    for (src, dst), (kind, _word) in edges.items():
        used_edges.add(kind)
        out.append(f"{src} -> {dst} [{edge_attrs[kind]}];")

    if theses:
        out.append("{rank=max; " + "; ".join(theses) + ";}")
    if legend and (roles_seen or used_edges or has_argument_box or has_junction):
        out.append(_legend(roles_seen, used_edges, has_argument_box, has_junction))
    out.append("}")
    return "\n".join(out) + "\n"


def _legend(roles: set[Role], edges: set[EdgeKind], box: bool, junction: bool) -> str:
    """One HTML-table node: the borders, lines and words that occur, explained."""
    small = theme.SMALL_FONT_SIZE
    rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="{small}"><B>Key</B></FONT></TD></TR>']
    looks: list[theme.NodeLook] = [theme.ROLES[r] for r in Role if r in roles]
    if box:
        looks.append(theme.ARGUMENT)
    if junction:
        looks.append(theme.JUNCTION)
    for look in looks:
        cell_style = f' STYLE="{look.legend_style}"' if look.legend_style else ""
        border = 3 if look.penwidth >= 2.5 else 1
        rows.append(
            f'<TR><TD BORDER="{border}"{cell_style} COLOR="{look.pen}" BGCOLOR="{look.fill}" ALIGN="LEFT">'
            f'<FONT POINT-SIZE="{small}">{html_text(look.word)}</FONT></TD>'
            f'<TD ALIGN="LEFT"><FONT POINT-SIZE="{small}">{html_text(look.legend)}</FONT></TD></TR>'
        )
    for kind in theme.LINKS:
        if kind not in edges:
            continue
        e = theme.EDGES[kind]
        word = f"“{e.word}”: " if e.word else ""
        rows.append(
            f'<TR><TD ALIGN="CENTER"><FONT COLOR="{e.color}">{html_text(e.glyph)}</FONT></TD>'
            f'<TD ALIGN="LEFT"><FONT POINT-SIZE="{small}">{html_text(word + e.legend)}</FONT></TD></TR>'
        )
    table = (
        '<<TABLE BORDER="1" COLOR="#BBBBBB" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
        + "".join(rows)
        + "</TABLE>>"
    )
    # The key is the graph's own label: it takes no rank, so it never stretches the map.
    return f'graph [labelloc="b" labeljust="r" label={table}];'
