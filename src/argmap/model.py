"""The argument model: immutable, typed, comparable.

It follows Argdown's structure (statements, arguments with premise–conclusion
structures, relations) and reads as the Argument Interchange Format:

* a :class:`Statement` is an AIF I-node, with a :class:`Role`;
* an :class:`Inference` (one step of an argument's premise–conclusion structure)
  is an RA-node: its premises are *linked*; separate inferences into one
  conclusion are *convergent*;
* a :class:`Relation` of kind attack, undercut, contrary or contradictory is a
  CA-node (a conflict); an undercut targets an argument's inference.

Every element knows where it was written (``location``); locations do not take
part in equality, so ``parse(write(m)) == m`` can be tested.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Any, Protocol

from .errors import Diagnostic, Location

__all__ = [
    "Anchor",
    "Argument",
    "ArgumentMap",
    "Basis",
    "Inference",
    "NodeKind",
    "NodeRef",
    "PCSLine",
    "Relation",
    "RelationKind",
    "Role",
    "Section",
    "Statement",
]


class Role(str, enum.Enum):
    """What a statement does in the argument.  Written as a tag: ``#assumption``."""

    THESIS = "thesis"
    CLAIM = "claim"  # an intermediate conclusion or a plain reason
    EVIDENCE = "evidence"
    ASSUMPTION = "assumption"  # an unstated premise the argument needs
    OBJECTION = "objection"
    REBUTTAL = "rebuttal"  # an attack on an objection

    def __str__(self) -> str:
        return self.value


class Basis(str, enum.Enum):
    """What a piece of evidence rests on: ``{basis: expert}``."""

    FACT = "fact"
    STATISTIC = "statistic"
    EXAMPLE = "example"
    EXPERT = "expert"  # expert opinion
    PRECEDENT = "precedent"  # historical precedent
    QUOTATION = "quotation"
    TESTIMONY = "testimony"
    OBSERVATION = "observation"

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return _BASIS_LABELS[self]


_BASIS_LABELS = {
    Basis.FACT: "fact",
    Basis.STATISTIC: "statistic",
    Basis.EXAMPLE: "example",
    Basis.EXPERT: "expert opinion",
    Basis.PRECEDENT: "historical precedent",
    Basis.QUOTATION: "quotation",
    Basis.TESTIMONY: "testimony",
    Basis.OBSERVATION: "observation",
}


class RelationKind(str, enum.Enum):
    """The relation types of Argdown's JSON export (``relationType``)."""

    SUPPORT = "support"
    ATTACK = "attack"
    UNDERCUT = "undercut"
    CONTRARY = "contrary"
    CONTRADICTORY = "contradictory"

    def __str__(self) -> str:
        return self.value

    @property
    def is_conflict(self) -> bool:
        return self is not RelationKind.SUPPORT


class NodeKind(str, enum.Enum):
    STATEMENT = "statement"
    ARGUMENT = "argument"

    def __str__(self) -> str:
        return self.value


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _freeze(value: Any) -> Any:
    if type(value) in _PLAIN:  # most values of a map's data: nothing to do, no ABC check
        return value
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def _frozen(data: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """A read-only copy of a data block (nested lists become tuples)."""
    if not data:
        return MappingProxyType({})
    return MappingProxyType({str(k): _freeze(v) for k, v in data.items()})


def _as_tuples(obj: object, *names: str) -> None:
    """Make the fields ``names`` of a frozen dataclass tuples (those that are not yet)."""
    for name in names:
        value = getattr(obj, name)
        if type(value) is not tuple:
            object.__setattr__(obj, name, tuple(value))


def thaw(value: Any) -> Any:
    """Plain ``dict``/``list`` copies of frozen data, e.g. for JSON."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class Anchor:
    """Where a quote stands in the source text (like a W3C TextQuoteSelector).

    ``exact`` is the passage as it stands in the source; ``prefix`` and ``suffix``
    are a little context; ``start``/``end`` are character offsets in the source;
    ``paragraph`` counts the source's paragraphs from 1.
    """

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class NodeRef:
    """A reference to a node of the map: a statement or an argument, by title."""

    kind: NodeKind
    title: str

    # Equal refs have equal titles, so the title's (cached) hash will do; the
    # generated hash of (kind, title) calls Enum.__hash__ in Python, and NodeRefs
    # are hashed a lot (sets and dicts of nodes in validation and rendering).
    def __hash__(self) -> int:
        return hash(self.title)

    def __str__(self) -> str:
        return f"[{self.title}]" if self.kind is NodeKind.STATEMENT else f"<{self.title}>"

    @classmethod
    def statement(cls, title: str) -> NodeRef:
        return cls(NodeKind.STATEMENT, title)

    @classmethod
    def argument(cls, title: str) -> NodeRef:
        return cls(NodeKind.ARGUMENT, title)


@dataclass(frozen=True)
class Statement:
    """A statement (an Argdown equivalence class; an AIF I-node)."""

    title: str
    text: str = ""
    role: Role = Role.CLAIM
    tags: tuple[str, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)
    section: str | None = None
    anchor: Anchor | None = None
    location: Location = field(default_factory=Location, compare=False)
    #: Every distinct text this statement was given, in order, when there are several
    #: (an Argdown equivalence class with several members); ``text`` is the canonical one.
    texts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "data", _frozen(self.data))
        _as_tuples(self, "tags", "texts")

    @property
    def ref(self) -> NodeRef:
        return NodeRef.statement(self.title)

    @property
    def quote(self) -> str | None:
        q = self.data.get("quote")
        return str(q) if q is not None else None

    @property
    def basis(self) -> Basis | None:
        b = self.data.get("basis")
        try:
            return Basis(str(b).strip().lower()) if b is not None else None
        except ValueError:
            return None

    @property
    def is_assumption(self) -> bool:
        return self.role is Role.ASSUMPTION


@dataclass(frozen=True)
class Inference:
    """One inference step (AIF RA-node): linked premises → one conclusion.

    ``premises`` and ``conclusion`` are statement titles.  ``rule`` is the text
    of a named inference bar (``-- modus ponens --``); ``scheme`` names an
    argumentation scheme (``{scheme: expert-opinion}``), see :mod:`argmap.schemes`.
    """

    premises: tuple[str, ...]
    conclusion: str
    rule: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    location: Location = field(default_factory=Location, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "data", _frozen(self.data))
        _as_tuples(self, "premises")

    @property
    def scheme(self) -> str | None:
        s = self.data.get("scheme")
        return str(s) if s is not None else None

    @property
    def is_linked(self) -> bool:
        return len(self.premises) > 1


@dataclass(frozen=True)
class PCSLine:
    """A numbered line of a premise–conclusion structure: ``(2) [Title]: text``."""

    number: int
    statement: str  # statement title
    location: Location = field(default_factory=Location, compare=False)


@dataclass(frozen=True)
class Argument:
    """An argument: a title, a description and, optionally, its premise–conclusion
    structure (``lines``, with ``inferences`` between them)."""

    title: str
    text: str = ""
    tags: tuple[str, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)
    lines: tuple[PCSLine, ...] = ()
    inferences: tuple[Inference, ...] = ()
    section: str | None = None
    location: Location = field(default_factory=Location, compare=False)
    #: Every distinct description, in order, when the argument was given several;
    #: ``text`` is the canonical (last) one.
    descriptions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "data", _frozen(self.data))
        _as_tuples(self, "tags", "lines", "inferences", "descriptions")

    @property
    def ref(self) -> NodeRef:
        return NodeRef.argument(self.title)

    @property
    def has_pcs(self) -> bool:
        return bool(self.inferences)

    @property
    def conclusion(self) -> str | None:
        """The main conclusion's title (the last inference's conclusion)."""
        return self.inferences[-1].conclusion if self.inferences else None

    @property
    def premises(self) -> tuple[str, ...]:
        """Titles of the PCS lines that are no inference's conclusion, in order."""
        concluded = {i.conclusion for i in self.inferences}
        return tuple(line.statement for line in self.lines if line.statement not in concluded)

    @property
    def scheme(self) -> str | None:
        s = self.data.get("scheme")
        if s is None and self.inferences:
            s = self.inferences[-1].scheme
        return str(s) if s is not None else None


@dataclass(frozen=True)
class Relation:
    """A directed relation between two nodes: ``source`` supports/attacks/... ``target``.

    An undercut's target is an argument: it attacks that argument's (main) inference.
    Contrary and contradictory relations are symmetric but stored as written.
    """

    kind: RelationKind
    source: NodeRef
    target: NodeRef
    location: Location = field(default_factory=Location, compare=False)


@dataclass(frozen=True)
class Section:
    """A heading of the map (``# Title``, ``## Sub {isGroup: true}``): Argdown's sections,
    which its map draws as groups.  ``parent`` is the title of the enclosing section
    (the nearest heading of a lower level before it); ``data`` is the heading's data,
    e.g. ``isGroup``.  Statements and arguments name their section by title."""

    title: str
    level: int = 1
    parent: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    location: Location = field(default_factory=Location, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "data", _frozen(self.data))


@dataclass(frozen=True)
class ArgumentMap:
    """A whole map: what one ``.argdown`` file says.

    ``front`` is the front matter (``title``, ``source`` …; every key is kept, and
    ``model: {mode: strict}`` is Argdown's strict mode).  ``diagnostics`` holds
    the warnings found when the map was loaded (they do not take part in equality).
    """

    statements: tuple[Statement, ...] = ()
    arguments: tuple[Argument, ...] = ()
    relations: tuple[Relation, ...] = ()
    front: Mapping[str, Any] = field(default_factory=dict)
    path: str | None = field(default=None, compare=False)
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)
    #: The headings, in reading order (see :class:`Section`).
    sections: tuple[Section, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "sections", tuple(self.sections))
        object.__setattr__(self, "statements", tuple(self.statements))
        object.__setattr__(self, "arguments", tuple(self.arguments))
        object.__setattr__(self, "relations", tuple(self.relations))
        object.__setattr__(self, "front", _frozen(self.front))

    # -- lookups ---------------------------------------------------------------
    @cached_property
    def _statements_by_title(self) -> dict[str, Statement]:
        return {s.title: s for s in self.statements}

    @cached_property
    def _arguments_by_title(self) -> dict[str, Argument]:
        return {a.title: a for a in self.arguments}

    def statement(self, title: str) -> Statement:
        """The statement with this title; ``KeyError`` if there is none."""
        return self._statements_by_title[title]

    def argument(self, title: str) -> Argument:
        return self._arguments_by_title[title]

    def get(self, ref: NodeRef) -> Statement | Argument | None:
        if ref.kind is NodeKind.STATEMENT:
            return self._statements_by_title.get(ref.title)
        return self._arguments_by_title.get(ref.title)

    def has(self, ref: NodeRef) -> bool:
        return self.get(ref) is not None

    # -- views -------------------------------------------------------------------
    @property
    def title(self) -> str | None:
        t = self.front.get("title")
        return str(t) if t is not None else None

    @property
    def source(self) -> str | None:
        """The source text's path as written in the front matter (relative to the map)."""
        s = self.front.get("source")
        return str(s) if s is not None else None

    @property
    def theses(self) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.role is Role.THESIS)

    @property
    def thesis(self) -> Statement | None:
        t = self.theses
        return t[0] if len(t) == 1 else None

    def by_role(self, role: Role) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.role is role)

    @property
    def inferences(self) -> Iterator[tuple[Argument, Inference]]:
        """Every inference step of every argument, with its argument."""
        return ((a, i) for a in self.arguments for i in a.inferences)

    def relations_of(self, ref: NodeRef) -> tuple[Relation, ...]:
        """Relations that touch ``ref``, as source or target."""
        return tuple(r for r in self.relations if ref in (r.source, r.target))

    def replace(self, **changes: Any) -> ArgumentMap:
        return replace(self, **changes)

    def __len__(self) -> int:
        return len(self.statements) + len(self.arguments)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """In a notebook a map shows itself as its diagram (plus its text outline),
        drawn by the notebook layer through :data:`display_hook`."""
        if display_hook is None:
            return {"text/plain": repr(self)}
        return display_hook(self)

    def __repr__(self) -> str:
        return (
            f"ArgumentMap(title={self.title!r}, statements={len(self.statements)}, "
            f"arguments={len(self.arguments)}, relations={len(self.relations)})"
        )


class DisplayHook(Protocol):
    def __call__(self, m: ArgumentMap, /) -> dict[str, Any]: ...


#: What draws a map for Jupyter (``_repr_mimebundle_``).  The notebook layer sits
#: above the model, so the model does not import it: ``argmap/__init__`` sets this to
#: a function that imports :mod:`argmap.notebook` on the first display.
display_hook: DisplayHook | None = None
