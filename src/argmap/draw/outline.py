"""ArgumentMap → a Markdown outline: the map for screen readers and plain reading.

The thesis comes first; under each statement stand its reasons ("because"),
objections ("but"), rebuttals ("however (rebuttal)"), undercuts and conflicts,
with the same words the picture uses (:mod:`argmap.draw.theme`).  Linked
co-premises are grouped under their argument ("because, together (argument
*A*):").  A node already written out is referred to as "(see above)" instead of
being repeated, so cycles end and the outline stays as long as the map.
Statements connected to nothing are listed at the end under "Not connected".
User text is Markdown-escaped.  Pure Python: no Graphviz needed.

A very deep chain (a reason for a reason … hundreds of levels down) is not indented
without end: items deeper than :data:`MAX_DEPTH` stay at that indentation and say
which step they are ("step 57:"), and a note under the heading says so.  The
outline's size and the time to write it grow linearly with the map.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..model import (
    Argument,
    ArgumentMap,
    Inference,
    NodeKind,
    NodeRef,
    Relation,
    RelationKind,
    Role,
    Statement,
)
from ..text import clean_text
from . import theme
from .theme import EdgeKind

__all__ = ["MAX_DEPTH", "md_escape", "to_outline"]

#: Deepest indentation of the outline; deeper items are written at this level, numbered.
MAX_DEPTH = 30

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def md_escape(text: str) -> str:
    r"""User text as literal Markdown (one line).  It always follows a prefix in
    the outline (never starts a line), so only what is special mid-line is
    backslash-escaped: emphasis, code, links, HTML, tables, strike-through,
    entities; full stops and hyphens stay as they are, for readers of the raw text.

    >>> md_escape("*not* <b>bold</b>")
    '\\*not\\* \\<b\\>bold\\</b\\>'
    """
    return _MD_SPECIAL.sub(r"\\\1", clean_text(text))


def _head(s: Statement) -> str:
    look = theme.ROLES[s.role]
    word = look.word
    if s.role is Role.ASSUMPTION:
        word = "ASSUMPTION (unstated assumption)"
    elif s.role is Role.EVIDENCE and s.basis is not None:
        word = f"EVIDENCE ({s.basis.label})"
    out = f"**{word}: {md_escape(s.title)}**"
    text = clean_text(s.text)
    if text and text != clean_text(s.title):
        out += f" — {md_escape(text)}"
    if s.role is Role.EVIDENCE and s.quote:
        out += f" — quote: “{md_escape(s.quote)}”"
        if s.anchor is not None:
            out += f" (¶ {s.anchor.paragraph})"
    return out


def _arg_head(a: Argument) -> str:
    out = f"**ARGUMENT: {md_escape(a.title)}**"
    if clean_text(a.text):
        out += f" — {md_escape(a.text)}"
    if a.scheme:
        out += f" (scheme: {md_escape(a.scheme)})"
    return out


_WORDS = {
    EdgeKind.SUPPORT: "because",
    EdgeKind.ATTACK: "but",
    EdgeKind.REBUTTAL: "however (rebuttal)",
    EdgeKind.UNDERCUT: "undercut: does not follow",
    EdgeKind.CONTRARY: "contrary to",
    EdgeKind.CONTRADICTORY: "contradicts",
}


_ORDER = {kind: n for n, kind in enumerate(_WORDS)}

# An item to write: (depth, words before the node, the node or None, a literal line or None).
_Item = tuple[int, str, "NodeRef | None", "str | None"]


def to_outline(m: ArgumentMap) -> str:
    """The map as a nested Markdown list (see the module docstring).

    >>> from argmap.model import Statement, Relation, RelationKind, NodeRef, Role
    >>> m = ArgumentMap(statements=(Statement("T", role=Role.THESIS), Statement("R")),
    ...     relations=(Relation(RelationKind.SUPPORT, NodeRef.statement("R"), NodeRef.statement("T")),))
    >>> print(to_outline(m))
    # Argument map
    <BLANKLINE>
    - **THESIS: T**
      - because **CLAIM: R**
    <BLANKLINE>
    """
    incoming: dict[NodeRef, list[Relation]] = defaultdict(list)
    touched: set[NodeRef] = set()
    outgoing: set[NodeRef] = set()
    symmetric: dict[NodeRef, list[tuple[EdgeKind, NodeRef]]] = defaultdict(list)
    for r in m.relations:
        if r.kind in (RelationKind.CONTRARY, RelationKind.CONTRADICTORY):
            # symmetric: each side names the other; each side is written out where it belongs
            symmetric[r.target].append((EdgeKind(r.kind.value), r.source))
            symmetric[r.source].append((EdgeKind(r.kind.value), r.target))
            touched.update((r.source, r.target))
            continue
        incoming[r.target].append(r)
        touched.update((r.source, r.target))
        outgoing.add(r.source)
    concluding: dict[str, list[tuple[Argument, Inference]]] = defaultdict(list)
    for a in m.arguments:
        for inf in a.inferences:
            concluding[inf.conclusion].append((a, inf))
            touched.add(a.ref)
            touched.add(NodeRef.statement(inf.conclusion))
            for p in inf.premises:
                touched.add(NodeRef.statement(p))
                outgoing.add(NodeRef.statement(p))
    attackers = {r.source for r in m.relations if r.kind is RelationKind.ATTACK}

    def kind_of(r: Relation) -> EdgeKind:
        if r.kind is RelationKind.ATTACK:
            t, s = m.get(r.target), m.get(r.source)
            if (
                (isinstance(t, Statement) and t.role is Role.OBJECTION)
                or (isinstance(s, Statement) and s.role is Role.REBUTTAL)
                or (isinstance(t, Argument) and r.target in attackers)
            ):
                return EdgeKind.REBUTTAL
            return EdgeKind.ATTACK
        return EdgeKind(r.kind.value)

    def head(ref: NodeRef) -> str:
        node = m.get(ref)
        if node is None:
            return f"{md_escape(str(ref))} (not defined in the map)"
        return _head(node) if isinstance(node, Statement) else _arg_head(node)

    def short(ref: NodeRef) -> str:
        node = m.get(ref)
        if isinstance(node, Statement):
            return f"*{md_escape(node.title)}*"
        return f"*{md_escape(str(ref))}*"

    def children(ref: NodeRef, depth: int) -> list[_Item]:
        items: list[_Item] = []
        if ref.kind is NodeKind.STATEMENT:
            for a, inf in concluding.get(ref.title, ()):
                items.extend(_inference(a, inf, depth))
        else:
            node = m.get(ref)
            if isinstance(node, Argument) and node.inferences:
                items.extend(_inference(node, node.inferences[-1], depth, own=True))
        for r in sorted(incoming.get(ref, ()), key=lambda r: _ORDER[kind_of(r)]):
            src = m.get(r.source)
            if (
                r.kind is RelationKind.SUPPORT
                and isinstance(src, Argument)
                and src.conclusion is not None
                and ref == NodeRef.statement(src.conclusion)
            ):
                continue  # the argument's premises are listed already
            items.append((depth, _WORDS[kind_of(r)], r.source, None))
        for kind, other in symmetric.get(ref, ()):
            items.append((depth, "", None, f"{_WORDS[kind]}: {short(other)}"))
        return items

    def _inference(a: Argument, inf: Inference, depth: int, own: bool = False) -> list[_Item]:
        scheme = inf.scheme or (a.scheme if inf is a.inferences[-1] else None)
        what = "because, together" if inf.is_linked else "because"
        about = "" if own else f"argument *{md_escape(a.title)}*"
        if scheme:
            about = f"{about}, scheme: {md_escape(scheme)}" if about else f"scheme: {md_escape(scheme)}"
        line = f"{what} ({about}):" if about else f"{what}:"
        items: list[_Item] = [(depth, "", None, line)]
        items.extend((depth + 1, "", NodeRef.statement(p), None) for p in inf.premises)
        if not own and inf is a.inferences[-1]:
            done.add(a.ref)  # the argument is written out here, with what attacks it
            for r in sorted(incoming.get(a.ref, ()), key=lambda r: _ORDER[kind_of(r)]):
                items.append((depth + 1, _WORDS[kind_of(r)], r.source, None))
        return items

    lines: list[str] = [f"# {md_escape(m.title) if m.title else 'Argument map'}", ""]
    done: set[NodeRef] = set()

    capped = False

    def write(root: NodeRef) -> None:
        nonlocal capped
        stack: list[_Item] = [(0, "", root, None)]
        while stack:
            depth, words, ref, literal = stack.pop()
            pad = "  " * min(depth, MAX_DEPTH)
            step = ""
            if depth > MAX_DEPTH:
                capped = True
                step = f"step {depth + 1}: "
            if literal is not None:
                lines.append(f"{pad}- {step}{literal}")
                continue
            assert ref is not None
            prefix = f"{step}{words} " if words else step
            if ref in done:
                lines.append(f"{pad}- {prefix}{short(ref)} (see above)")
                continue
            done.add(ref)
            lines.append(f"{pad}- {prefix}{head(ref)}")
            stack.extend(reversed(children(ref, depth + 1)))

    for s in m.theses:
        write(s.ref)
    # Other tops: connected nodes that point at nothing, then whatever a cycle left.
    everything = [s.ref for s in m.statements] + [a.ref for a in m.arguments]
    rest = [r for r in everything if r in touched and r not in done]
    if rest:
        start = len(lines)
        for ref in [r for r in rest if r not in outgoing] + rest:
            if ref not in done:
                write(ref)
        if len(lines) > start and m.theses:
            lines.insert(start, "")
            lines.insert(start + 1, "## Not under the thesis")
            lines.insert(start + 2, "")
    loose = [r for r in everything if r not in touched and r not in done]
    if loose:
        lines += ["", "## Not connected", ""]
        for ref in loose:
            done.add(ref)
            lines.append(f"- {head(ref)}")
    if capped:
        lines[1:1] = [
            "",
            f"> Note: this map is more than {MAX_DEPTH + 1} levels deep; deeper steps are "
            f"written at level {MAX_DEPTH + 1}, numbered (“step 40: because …”).",
        ]
    return "\n".join(lines) + "\n"
