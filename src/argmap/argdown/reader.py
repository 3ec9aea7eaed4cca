"""The state a parse shares and its helpers: where each line starts, diagnostics with
their locations, the statements and arguments read so far (mutable accumulators,
frozen into the model at the end).

Each construct is read by a class of its own (:mod:`.comments`, :mod:`.frontmatter`,
:mod:`.paragraphs`, :mod:`.elements`, :mod:`.trees`, :mod:`.pcs`); they share this
base, and :class:`argmap.argdown.parser._Parser` puts them together.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING, Any, cast

from ..errors import Diagnostic, Location, Severity
from ..model import Inference, NodeKind, NodeRef, PCSLine, Relation, Section
from .tokens import LINE_KIND

_UNTITLED = "Untitled "

# ---------------------------------------------------------------------------
# Accumulators (mutable while parsing; frozen into the model at the end)


@dataclass(slots=True)
class StatementAcc:
    title: str
    location: Location
    section: str | None
    text: str = ""
    text_at: Location | None = None
    defined: bool = False
    tags: dict[str, None] = field(default_factory=dict)  # an ordered set
    data: dict[str, Any] = field(default_factory=dict)
    role_tags: list[tuple[str, Location]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    canonical: bool = False  # a member marked {isCanonical: true} gave the text


@dataclass(slots=True)
class ArgumentAcc:
    title: str
    location: Location
    section: str | None
    text: str = ""
    text_at: Location | None = None
    defined: bool = False
    tags: dict[str, None] = field(default_factory=dict)  # an ordered set
    data: dict[str, Any] = field(default_factory=dict)
    lines: list[PCSLine] = field(default_factory=list)
    inferences: list[Inference] = field(default_factory=list)
    pcs_at: Location | None = None
    texts: list[str] = field(default_factory=list)
    canonical: bool = False


@dataclass(slots=True)
class Element:
    """One statement or argument as written at one place."""

    kind: NodeKind
    title: str
    location: Location
    is_reference: bool
    text: str = ""
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] | None = None
    closed: bool = False  # a reference (or data) ends the element: no more text lines

    @property
    def ref(self) -> NodeRef:
        return NodeRef(self.kind, self.title)


@dataclass(slots=True)
class Content:
    text: str
    tags: list[str]
    data: dict[str, Any] | None
    end_line: int  # index into the paragraph's lines of the last line taken
    closed: bool


class Reader:
    """What every construct's reader shares: the text, its lines, the diagnostics and
    the accumulated statements, arguments and relations."""

    def __init__(self, text: str, path: str | None):
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.src = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
        # the line index: where each line starts, and (once comments are blanked) its text
        pieces = self.src.split("\n")
        # each line starts one past the end of the line before (map and accumulate: no
        # Python-level step per line)
        self.line_starts = list(accumulate(map((1).__add__, map(len, pieces[:-1])), initial=0))
        self.line_texts = pieces
        self.line_kinds: list[re.Match[str]] = []
        self.statements: dict[str, StatementAcc] = {}
        self.arguments: dict[str, ArgumentAcc] = {}
        self.relations: list[Relation] = []
        self.front: dict[str, Any] = {}
        self.section: str | None = None
        self.sections: list[Section] = []
        self.open_sections: list[Section] = []
        self.untitled = 0
        self.memos: dict[int, dict[int, int | None]] = {}
        self.made: list[tuple[Relation, int]] = []  # relations of the tree being read, with depths
        self.exit_rank: dict[int, int] = {}  # id(relation) -> its place in Argdown's order
        # that order matters in strict mode alone (front matter ``model: {mode: strict}``)
        self.strict = False
        self.text = self.src  # the text with comments blanked, once read (see set_text)
        # one NodeRef per title, shared by every relation that names it
        self.refs: dict[NodeKind, dict[str, NodeRef]] = {NodeKind.STATEMENT: {}, NodeKind.ARGUMENT: {}}

    # -- helpers -------------------------------------------------------------
    def memo(self, limit: int) -> dict[int, int | None]:
        """Where each data block ends, for scans up to ``limit`` (-1: the raw text, no limit)."""
        return self.memos.setdefault(limit, {})

    def set_text(self, text: str) -> None:
        """Read ``text`` (the source with comments blanked: the same lines, as long)."""
        if text is not self.text:  # comments were blanked: the lines' texts change
            self.text = text
            self.line_texts = text.split("\n")
        match = LINE_KIND.match
        # what each line opens (its match's lastgroup: "pcs", "bar", "heading", "relation",
        # "item", or "indent" for none of them), classified once
        self.line_kinds = cast("list[re.Match[str]]", list(map(match, self.line_texts)))

    def ref_of(self, elem: Element) -> NodeRef:
        """The reference to ``elem``'s node (one object per node)."""
        refs = self.refs[elem.kind]
        ref = refs.get(elem.title)
        if ref is None:
            ref = refs[elem.title] = NodeRef(elem.kind, elem.title)
        return ref

    def loc(self, offset: int, line: int = 0) -> Location:
        """The line and column of ``offset``; pass its ``line`` (1-based) when it is known,
        and the line index is not searched."""
        if not line:
            line = bisect.bisect_right(self.line_starts, offset)
        return Location(line, offset - self.line_starts[line - 1] + 1)

    def error(
        self,
        offset: int | Location,
        message: str,
        hint: str | None = None,
        code: str = "syntax-error",
        severity: Severity = Severity.ERROR,
    ) -> None:
        where = offset if isinstance(offset, Location) else self.loc(offset)
        self.diagnostics.append(Diagnostic(code, message, where, severity, hint, self.path))

    def unsupported(self, offset: int, construct: str, hint: str | None = None) -> None:
        self.error(
            offset,
            f"{construct} is not part of argmap's Argdown subset",
            hint,
            code="unsupported-construct",
        )

    def next_title(self) -> str:
        self.untitled += 1
        return f"{_UNTITLED}{self.untitled}"

    def line_text(self, line: int) -> str:
        """The text of ``line`` (1-based), without its line break."""
        return self.line_texts[line - 1]

    def line_span(self, line: int) -> tuple[int, int]:
        """Where ``line`` (1-based) starts and ends in the text."""
        a = self.line_starts[line - 1]
        return a, a + len(self.line_texts[line - 1])

    if TYPE_CHECKING:  # read by the construct classes, defined in one of them

        def block(self, lines: list[int], previous: Element | None) -> Element | None: ...

        def heading(self, lines: list[int], start: int, m: re.Match[str]) -> None: ...

        def list_items(self, lines: list[int]) -> None: ...

        def pcs(self, lines: list[int], previous: Element | None) -> None: ...

        def yaml_block(self, start: int, end: int) -> dict[str, Any] | None: ...

        def element(
            self, lines: list[int], li: int, offset: int, top: bool = False, statement_only: bool = False
        ) -> tuple[Element, int] | None: ...

        def content(
            self,
            start: int,
            end: int,
            lines: list[int],
            li: int,
            allow_data: bool,
            reference: bool = False,
        ) -> Content: ...

        def record(self, elem: Element) -> None: ...

        def relation_lines(
            self,
            lines: list[int],
            li: int,
            top: Element | None,
            only_undercuts: bool = False,
            record_top: bool = True,
            undercut_target: Element | None = None,
        ) -> None: ...
