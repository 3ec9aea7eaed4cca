"""The overview of a map: its main claims and their lines.  Pure.

A map that fits one screen is drawn whole.  A bigger one is shown as an
**overview** (its main claims, each line of support as one box that says what
hangs under it, the objections to each main claim with their replies counted)
and one **line view** per line, opened from the overview.  Paper and the class
view follow the same order.

:func:`overview` finds the main claims and their lines (:class:`Overview`) from the
map's structure; :mod:`argmap.draw.fit` decides, from estimated sizes and never from
a trial Graphviz run, which picture a map gets and how each view is drawn.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..model import Argument, ArgumentMap, NodeKind, NodeRef, RelationKind, Role, Statement
from ..text import clean_text, count, shorten
from .graph import Graph, graph_of, tops

__all__ = ["Line", "Overview", "Tally", "Top", "box_title", "overview"]

#: With fewer main claims than this, one that has a single line opens it down to
#: where the argument branches.
_CHAIN_TOPS = 3


@dataclass(frozen=True)
class Tally:
    """What hangs under a line: counted by what each statement does in it."""

    premises: int = 0
    assumptions: int = 0
    evidence: int = 0
    arguments: int = 0
    objections: int = 0
    replies: int = 0

    def words(self) -> str:
        """``3 premises · 1 assumption · 5 pieces of evidence · 2 objections``.

        >>> Tally(premises=1, evidence=2, replies=1).words()
        '1 premise · 2 pieces of evidence · 1 reply'
        """
        parts = [
            count(self.premises, "premise") if self.premises else "",
            count(self.assumptions, "assumption") if self.assumptions else "",
            count(self.evidence, "piece of evidence", "pieces of evidence") if self.evidence else "",
            count(self.arguments, "argument") if self.arguments else "",
            count(self.objections, "objection") if self.objections else "",
            count(self.replies, "reply", "replies") if self.replies else "",
        ]
        return " · ".join(p for p in parts if p)

    @property
    def total(self) -> int:
        return (
            self.premises + self.assumptions + self.evidence + self.arguments + self.objections + self.replies
        )


@dataclass(frozen=True)
class Line:
    """One line under a main claim: a line of support (an argument, or a reason
    statement), or an objection to the main claim with its replies."""

    ref: NodeRef
    top: NodeRef
    attacks: bool
    title: str
    gist: str
    members: frozenset[NodeRef]
    tally: Tally
    number: int  # 1, 2 … in overview order
    #: other main claims this line draws on (a prediction drawn from the thesis)
    uses: tuple[NodeRef, ...] = ()
    #: what the line is, in words: "line of support" (an argument), "reason",
    #: "evidence", "assumption", "objection" or "reply"
    what: str = "line of support"

    @property
    def focus(self) -> str:
        """How ``focus=`` names it: ``<Title>`` or ``[Title]``."""
        return str(self.ref)

    @property
    def slug(self) -> str:
        """A file- and id-safe name: ``line-03``."""
        return f"line-{self.number:02d}"

    @property
    def opens(self) -> bool:
        """Every line opens: its view shows it whole, with its full text."""
        return True


@dataclass(frozen=True)
class Top:
    """A main claim (a thesis, or a position nothing else is above) and its lines."""

    ref: NodeRef
    node: Statement | Argument
    lines: tuple[Line, ...]
    objections: tuple[Line, ...]
    #: a single line of support opened in place: the nodes under the claim down to where
    #: the argument branches (the lines hang from the last of them)
    chain: tuple[Statement | Argument, ...] = ()


@dataclass(frozen=True)
class Overview:
    tops: tuple[Top, ...]
    #: statements and arguments no line and no main claim shows
    left: frozenset[NodeRef] = field(default_factory=frozenset)
    #: statements connected to nothing, in map order (counted, not drawn)
    loose: tuple[NodeRef, ...] = ()

    @property
    def lines(self) -> tuple[Line, ...]:
        """Every line, in overview order (per main claim: support, then objections)."""
        return tuple(x for t in self.tops for x in (*t.lines, *t.objections))


#: The titles Argdown makes up for a statement written without one.
_UNTITLED = re.compile(r"Untitled \d+")


def box_title(node: Statement | Argument, limit: int = 60) -> str:
    """What a line's box is called: its title, or, where Argdown made the title up
    ("Untitled 3"), the start of its text."""
    title = clean_text(node.title)
    text = clean_text(node.text)
    if _UNTITLED.fullmatch(title) and text:
        return shorten(text, limit)
    return title


def _gist(node: Statement | Argument, limit: int = 90) -> str:
    text = clean_text(node.text)
    if not text and isinstance(node, Argument) and node.conclusion is not None:
        return ""
    return shorten(text, limit) if text != clean_text(node.title) else ""


def _below(g: Graph, start: NodeRef, stop: set[NodeRef]) -> tuple[set[NodeRef], list[NodeRef]]:
    """Everything under ``start`` (its reasons, their evidence, objections, replies …),
    not passing through the nodes in ``stop``; and which of those it reached."""
    seen = {start}
    met: list[NodeRef] = []
    queue = deque([start])
    while queue:
        x = queue.popleft()
        for y in g.children.get(x, ()):
            if y in stop:
                if y not in met:
                    met.append(y)
                continue
            if y not in seen:
                seen.add(y)
                queue.append(y)
    return seen, met


def _tally(
    m: ArgumentMap,
    root: NodeRef,
    members: Iterable[NodeRef],
    attackers: set[NodeRef],
    attacked_by: Mapping[NodeRef, set[NodeRef]],
) -> Tally:
    """What the line under ``root`` holds (``attacked_by``: what each node attacks)."""
    counted = {"premises": 0, "assumptions": 0, "evidence": 0, "arguments": 0, "objections": 0, "replies": 0}
    for ref in members:
        if ref == root:
            continue
        node = m.get(ref)
        if node is None:
            continue
        targets = attacked_by.get(ref, set())
        if targets:
            counted["replies" if targets & attackers else "objections"] += 1
        elif isinstance(node, Argument):
            if not node.inferences:
                counted["arguments"] += 1
        elif node.role is Role.ASSUMPTION:
            counted["assumptions"] += 1
        elif node.role is Role.EVIDENCE:
            counted["evidence"] += 1
        elif node.role is Role.OBJECTION:
            counted["objections"] += 1
        elif node.role is Role.REBUTTAL:
            counted["replies"] += 1
        else:
            counted["premises"] += 1
    return Tally(**counted)


def overview(m: ArgumentMap) -> Overview:
    """The map's main claims (its theses first, then whatever nothing else is above,
    such as a prediction drawn from the thesis), each with its lines of support and
    the objections to it.  A line under two main claims is listed under the first.

    >>> from argmap import loads
    >>> text = "[T]: t. #thesis\\n  + [R]: r.\\n    + [E]: e. #evidence\\n  - [O]: o. #objection"
    >>> ov = overview(loads(text))
    >>> [(x.title, x.attacks, x.tally.words()) for x in ov.lines]
    [('R', False, '1 piece of evidence'), ('O', True, '')]
    """
    return _Overviewer(m).overview()


class _Overviewer:
    """Builds one map's :class:`Overview`: the main claims, then under each its chain
    (if any) and its lines, numbered in the order they are shown."""

    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self.g = g = graph_of(m)
        self.everything = {s.ref for s in m.statements} | {a.ref for a in m.arguments}
        # a statement inside an argument (a premise, or a step's conclusion that the next
        # step uses) belongs to that argument's line, never a main claim of its own
        inner = {
            NodeRef.statement(t)
            for a in m.arguments
            for k, inf in enumerate(a.inferences)
            for t in (*inf.premises, *((inf.conclusion,) if k < len(a.inferences) - 1 else ()))
        }
        theses = [s.ref for s in m.theses]
        # a statement connected to nothing (Argdown's loose text) is not a main claim: the
        # overview counts it instead (Argdown's own map leaves such statements out)
        self.loose = {
            r
            for r in self.everything
            if r.kind is NodeKind.STATEMENT and not g.children.get(r) and not g.parents.get(r)
        } - set(theses)
        tops_found = [t for t in tops(self.everything, g) if t not in inner | self.loose]
        self.found = list(dict.fromkeys(theses + tops_found))
        self.main = set(self.found)
        self.attackers = {
            r.source for r in m.relations if r.kind in (RelationKind.ATTACK, RelationKind.UNDERCUT)
        }
        self.attacks_on: dict[NodeRef, set[NodeRef]] = {}  # target → what attacks it
        self.attacked_by: dict[NodeRef, set[NodeRef]] = {}  # attacker → what it attacks
        for r in m.relations:
            if r.kind in (RelationKind.ATTACK, RelationKind.UNDERCUT):
                self.attacks_on.setdefault(r.target, set()).add(r.source)
                self.attacked_by.setdefault(r.source, set()).add(r.target)
        self.claimed: set[NodeRef] = set(self.main)
        self.shown: set[NodeRef] = set(self.main)
        self.number = 0

    def overview(self) -> Overview:
        out: list[Top] = []
        for top in self.found:
            node = self.m.get(top)
            assert node is not None
            chain, at = self._chain(top)
            lines, objections = self._lines(top, at)
            out.append(Top(top, node, tuple(lines), tuple(objections), tuple(chain)))
        loose_in_order = tuple(s.ref for s in self.m.statements if s.ref in self.loose)
        left = frozenset(self.everything - self.shown - self.loose)
        return Overview(_numbered(out), left, loose_in_order)

    def _chain(self, top: NodeRef) -> tuple[list[Statement | Argument], NodeRef]:
        """One line alone is no overview: open it down to where the argument branches (a
        debate's many positions stay one box per line: their blocks sit side by side).
        The nodes opened, and the node the lines then hang from."""
        g, at = self.g, top
        chain: list[Statement | Argument] = []
        while len(self.found) < _CHAIN_TOPS:
            kids = [k for k in g.children.get(at, ()) if k not in self.claimed]
            if len(kids) != 1 or kids[0] in self.attacks_on.get(at, set()) or len(chain) >= 4:
                break
            nxt = self.m.get(kids[0])
            if nxt is None or not [k for k in g.children.get(kids[0], ()) if k not in self.claimed]:
                break
            self.claimed.add(kids[0])
            self.shown.add(kids[0])
            chain.append(nxt)
            at = kids[0]
        return chain, at

    def _lines(self, top: NodeRef, at: NodeRef) -> tuple[list[Line], list[Line]]:
        """The lines of support and the objections that hang from ``at``."""
        lines: list[Line] = []
        objections: list[Line] = []
        for kid in self.g.children.get(at, ()):
            if kid in self.claimed:
                continue
            self.claimed.add(kid)
            members, met = _below(self.g, kid, self.main)
            self.shown |= members
            self.number += 1
            line = self._line(kid, top, at, members, met)
            (objections if line.attacks else lines).append(line)
        return lines, objections

    def _line(
        self, kid: NodeRef, top: NodeRef, at: NodeRef, members: set[NodeRef], met: list[NodeRef]
    ) -> Line:
        child = self.m.get(kid)
        assert child is not None
        attacks = kid in self.attacks_on.get(at, set())
        return Line(
            ref=kid,
            top=at,
            attacks=attacks,
            title=box_title(child),
            gist=_gist(child) if box_title(child) == clean_text(child.title) else "",
            members=frozenset(members),
            tally=_tally(self.m, kid, members, self.attackers, self.attacked_by),
            number=self.number,
            uses=tuple(x for x in met if x != top),
            what=_what(child, attacks, kid in self.attackers and at in self.attackers),
        )


def _numbered(out: list[Top]) -> tuple[Top, ...]:
    """The lines numbered in the order they are shown: support first, then objections."""
    renumbered: list[Top] = []
    k = 0
    for t in out:
        fixed = []
        for x in (*t.lines, *t.objections):
            k += 1
            fixed.append(_renumber(x, k))
        renumbered.append(
            Top(t.ref, t.node, tuple(fixed[: len(t.lines)]), tuple(fixed[len(t.lines) :]), t.chain)
        )
    return tuple(renumbered)


#: A statement under a main claim, by its role: what its box and its view are called.
_WHAT = {
    Role.EVIDENCE: "evidence",
    Role.ASSUMPTION: "assumption",
    Role.OBJECTION: "objection",
    Role.REBUTTAL: "reply",
}


def _what(node: Statement | Argument, attacks: bool, answers: bool) -> str:
    """What a line is called: by what it does first (objects, answers), then by what it is."""
    if attacks:
        return (
            "reply"
            if answers or (isinstance(node, Statement) and node.role is Role.REBUTTAL)
            else "objection"
        )
    if isinstance(node, Argument):
        return "line of support"
    return _WHAT.get(node.role, "reason") if node.role not in (Role.OBJECTION, Role.REBUTTAL) else "reason"


def _renumber(line: Line, number: int) -> Line:
    from dataclasses import replace

    return replace(line, number=number)


# -- how big a picture shows --------------------------------------------------------------
