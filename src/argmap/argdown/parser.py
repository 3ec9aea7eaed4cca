"""Argdown text → :class:`~argmap.model.ArgumentMap`, with located diagnostics.

The parser reads the everyday Argdown of argdown.org (see ``docs``/DESIGN.md)
the way the Argdown CLI 1.7.5 reads it, and refuses — with a located error
naming the construct — what argmap does not support.  It never raises on bad
text: it returns a best-effort map and every diagnostic found in one pass.

It works paragraph by paragraph (Argdown's blocks are separated by empty
lines) over the text with comments blanked out, so columns stay true.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import Diagnostic, Location, Severity
from ..model import (
    Argument,
    ArgumentMap,
    Inference,
    NodeKind,
    NodeRef,
    PCSLine,
    Relation,
    Section,
    Statement,
)
from . import data as _data
from .builder import ROLE_TAGS, _normalise_relations, _roles, is_strict, relation_type, resolve_roles
from .tokens import (
    _ARGDOWN_DATA_END,
    _BAR,
    _BLOCKQUOTE,
    _CONTENT_SPECIAL,
    _FENCE,
    _FRONT,
    _HEADING,
    _HEADING_BREAK,
    _HTML_TAG,
    _INFERENCE_STOP,
    _INTERESTING,
    _LINK,
    _LIST_ITEM,
    _PCS_NUMBER,
    _RELATION,
    _SURROGATE,
    _SYMBOL_LIST,
    _SYMBOLS,
    _TABLE,
    _TAG,
    _YAML_BLOCK_START,
    _tag_name,
    _yaml_block_end,
)

__all__ = ["MAX_BYTES", "ROLE_TAGS", "is_strict", "parse", "relation_type", "resolve_roles"]

#: Maps larger than this (in UTF-8 bytes) are refused with ``file-too-large``.
MAX_BYTES = 2_000_000

_UNTITLED = "Untitled "


# ---------------------------------------------------------------------------
# Accumulators (mutable while parsing; frozen into the model at the end)


@dataclass
class _StatementAcc:
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


@dataclass
class _ArgumentAcc:
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


@dataclass
class _Element:
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


@dataclass
class _Content:
    text: str
    tags: list[str]
    data: dict[str, Any] | None
    end_line: int  # index into the paragraph's lines of the last line taken
    closed: bool


class _Parser:
    def __init__(self, text: str, path: str | None):
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.src = text.replace("\r\n", "\n").replace("\r", "\n")
        self.line_starts = [0]
        for m in re.finditer("\n", self.src):
            self.line_starts.append(m.end())
        self.statements: dict[str, _StatementAcc] = {}
        self.arguments: dict[str, _ArgumentAcc] = {}
        self.relations: list[Relation] = []
        self.front: dict[str, Any] = {}
        self.section: str | None = None
        self.sections: list[Section] = []
        self.open_sections: list[Section] = []
        self.untitled = 0
        self.role_tag_at: dict[str, list[tuple[str, Location]]] = {}
        self.memos: dict[int, dict[int, int | None]] = {}
        self.made: list[tuple[Relation, int]] = []  # relations of the tree being read, with depths
        self.exit_rank: dict[int, int] = {}  # id(relation) -> its place in Argdown's order

    # -- helpers -------------------------------------------------------------
    def memo(self, limit: int) -> dict[int, int | None]:
        """Where each data block ends, for scans up to ``limit`` (-1: the raw text, no limit)."""
        return self.memos.setdefault(limit, {})

    def loc(self, offset: int) -> Location:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Location(line + 1, offset - self.line_starts[line] + 1)

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

    # -- pass 1: comments ------------------------------------------------------
    def strip_comments(self, start: int) -> tuple[str, set[int]]:
        """The text with comments blanked (newlines kept) and the lines that held only comments."""
        s = self.src
        chars: list[str] | None = None
        touched: set[int] = set()
        i = start
        n = len(s)
        while i < n:
            m = _INTERESTING.search(s, i)
            if m is None:
                break
            k = m.start()
            ch = s[k]
            end = -1
            if ch == "\\":
                i = k + 2
                continue
            if ch == "[":
                link = _LINK.match(s, k)
                i = link.end() if link else k + 1
                continue
            if ch == "{":
                close = _data.scan_end(s, k, None, self.memo(-1))
                i = close if close is not None else k + 1
                continue
            if s.startswith("//", k):
                end = s.find("\n", k)
                end = n if end < 0 else end
            elif s.startswith("/*", k):
                end = s.find("*/", k + 2)
                if end < 0:
                    self.error(k, "the comment '/*' is never closed", "end the comment with '*/'")
                    end = n
                else:
                    end += 2
            elif s.startswith("<!--", k):
                end = s.find("-->", k + 4)
                if end < 0:
                    self.error(k, "the comment '<!--' is never closed", "end the comment with '-->'")
                    end = n
                else:
                    end += 3
            else:
                i = k + 1
                continue
            if chars is None:
                chars = list(s)
            for j in range(k, end):
                if chars[j] != "\n":
                    chars[j] = " "
            first = self.loc(k).line
            last = self.loc(max(k, end - 1)).line
            touched.update(range(first, last + 1))
            i = end
        clean = s if chars is None else "".join(chars)
        comment_only = set()
        for line in touched:
            a = self.line_starts[line - 1]
            b = self.line_starts[line] - 1 if line < len(self.line_starts) else len(clean)
            if not clean[a:b].strip() and self.src[a:b].strip():
                comment_only.add(line)
        return clean, comment_only

    # -- pass 2: paragraphs -----------------------------------------------------
    def run(self) -> None:
        body_start = self.front_matter()
        if body_start > 0 and not self.src[body_start:].strip() and not self.diagnostics:
            self.error(
                Location(1, 1),
                "the map has front matter and nothing else; Argdown refuses such a file",
                "add at least one statement after the front matter and an empty line",
                code="argdown-incompatible",
                severity=Severity.WARNING,
            )
        self.text, comment_only = self.strip_comments(body_start)
        first_line = self.loc(body_start).line if body_start < len(self.src) else len(self.line_starts) + 1
        blocks: list[list[int]] = []
        current: list[int] = []
        for line in range(first_line, len(self.line_starts) + 1):
            if line in comment_only:
                continue
            if self.line_text(line).strip():
                current.append(line)
            elif current:
                blocks.append(current)
                current = []
        if current:
            blocks.append(current)
        previous: _Element | None = None
        i = 0
        while i < len(blocks):
            block = blocks[i]
            i += 1
            head = self.line_text(block[0])
            start = self.line_starts[block[0] - 1]
            if _FENCE.match(head):
                fence = _FENCE.match(head)
                assert fence is not None
                self.unsupported(start + fence.start(1), "a Markdown code fence (```)")
                marker = fence.group(1)
                # skip to the closing fence so its content raises nothing more
                closed = any(self.line_text(n).strip().startswith(marker) for n in block[1:])
                while not closed and i < len(blocks):
                    closed = any(self.line_text(n).strip().startswith(marker) for n in blocks[i])
                    i += 1
                previous = None
                continue
            # consecutive paragraphs stand apart only by empty (or comment) lines
            previous = self.block(block, previous)

    def line_text(self, line: int) -> str:
        a = self.line_starts[line - 1]
        b = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[a:b]

    def line_span(self, line: int) -> tuple[int, int]:
        a = self.line_starts[line - 1]
        b = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return a, b

    # -- front matter ---------------------------------------------------------------
    def front_matter(self) -> int:
        """Read ``===`` front matter at the top; the offset where the body starts."""
        s = self.src
        lines = s.split("\n")
        first = 0
        while first < len(lines) and not lines[first].strip():
            first += 1
        if first >= len(lines) or not _FRONT.match(lines[first].strip()):
            return 0
        end = first + 1
        while end < len(lines) and not _FRONT.match(lines[end].strip()):
            end += 1
        if end >= len(lines):
            self.error(
                self.line_starts[first], "the front matter '===' is never closed", "end it with a line '==='"
            )
            return len(s)
        self.read_yaml_front(lines, first, end)
        after = end + 1
        if after < len(lines) and lines[after].strip():
            self.error(
                self.line_starts[after],
                "the front matter must be followed by an empty line",
                "leave an empty line after the closing '==='",
            )
        return self.line_starts[end + 1] if end + 1 < len(self.line_starts) else len(s)

    def read_yaml_front(self, lines: list[str], first: int, end: int) -> None:
        """The YAML between the ``===`` lines ``first`` and ``end`` (0-based) into ``self.front``."""
        from .yamldata import YAMLDataError, load

        body = "\n".join(lines[first + 1 : end]) + "\n"
        try:
            value = load(body)
        except YAMLDataError as exc:
            line = first + 1 + exc.line  # 1-based line in the file
            self.error(
                Location(line, exc.column),
                f"invalid YAML in the front matter: {exc.message}",
                "the front matter is YAML: 'key: value' lines, nested by indentation; put text"
                " with ':' or '#' in quotes (Argdown refuses this file too)",
            )
            return
        if value is None:
            return
        if not isinstance(value, dict):
            self.error(
                Location(first + 2, 1),
                f"the front matter is a YAML {type(value).__name__}, not 'key: value' lines",
                "write one 'key: value' per line, e.g. 'title: My map'",
            )
            return
        self.front = value

    def yaml_block(self, start: int, end: int) -> dict[str, Any] | None:
        """Block data: the YAML between ``{`` + line break (ending at ``start``) and ``}`` at ``end``."""
        from .yamldata import YAMLDataError, load

        first = self.loc(start)
        try:
            value = load(self.text[start:end])
        except YAMLDataError as exc:
            where = Location(first.line + exc.line - 1, exc.column)
            self.error(
                where,
                f"invalid YAML in the data block: {exc.message}",
                "after '{' and a line break, data is YAML in block style: 'key: value' lines",
            )
            return None
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(first, "the data block holds no 'key: value' lines", "write 'key: value' lines")
            return None
        return value

    # -- one paragraph ------------------------------------------------------------------
    def block(self, lines: list[int], previous: _Element | None) -> _Element | None:
        """Parse one paragraph; returns its top element (for a following PCS)."""
        head = self.line_text(lines[0])
        start = self.line_starts[lines[0] - 1]
        indent = len(head) - len(head.lstrip(" \t"))
        if _FRONT.match(head.strip()):
            self.error(start + indent, "front matter ('===') may only stand at the top of the file")
            return None
        if _PCS_NUMBER.match(head):
            self.pcs(lines, previous)
            return None
        m = _HEADING.match(head)
        if m is not None:
            self.heading(lines, start, m)
            return None
        if _BAR.match(head):
            self.error(
                start + indent,
                "an inference bar '--' outside a premise-conclusion structure",
                "an inference bar stands between numbered lines: (1) … ---- (2) …;"
                " Markdown rules (---) are not supported",
            )
            return None
        m = _RELATION.match(head)
        if m is not None:
            self.error(
                start + m.start(2),
                f"the relation {m.group(2)!r} has no statement or argument above it to attach to",
                "put the statement it relates to on the line above, without an empty line between,"
                " and indent the relation under it",
            )
            self.relation_lines(lines, 0, None)
            return None
        if self.refuse_markdown(head, start):
            return None
        if head.lstrip().startswith("@include"):
            self.error(
                start + indent,
                f"{head.strip()!r}: argmap does not include other files",
                "paste the included map into this file (the Argdown CLI includes it; the Argdown"
                " editor and argmap read one file)",
                code="include-refused",
            )
            return None
        if _LIST_ITEM.match(head):
            self.list_items(lines)
            return None
        top = self.element(lines, 0, start + indent, top=True)
        if top is None:
            return None
        elem, line_index = top
        self.relation_lines(lines, line_index, elem)
        return elem

    def refuse_markdown(self, head: str, start: int) -> bool:
        indent = len(head) - len(head.lstrip(" \t"))
        if _BLOCKQUOTE.match(head):
            self.unsupported(
                start + indent,
                "a Markdown blockquote ('>')",
                'quote source text in the data: [T]: text {quote: "…"}',
            )
            return True
        if _TABLE.match(head):
            self.unsupported(start + indent, "a Markdown table ('|')")
            return True
        h = _HTML_TAG.match(head, indent)
        if h is not None and self.is_html(h):
            self.unsupported(start + indent, f"HTML ({h.group(0)!r})")
            return True
        return False

    def list_items(self, lines: list[int]) -> None:
        """A Markdown list: each item (``* …`` or ``1. …``) is a statement or an argument,
        with its own relations indented under it, as in Argdown."""
        first = _LIST_ITEM.match(self.line_text(lines[0]))
        assert first is not None
        level = len(first.group(1))
        starts = []
        nested: set[int] = set()
        for n, line in enumerate(lines):
            item = _LIST_ITEM.match(self.line_text(line))
            if item is None or _RELATION.match(self.line_text(line)):
                continue
            if len(item.group(1)) != level:
                a = self.line_starts[line - 1]
                self.unsupported(
                    a + len(item.group(1)),
                    "a nested list",
                    "Argdown refuses lists in lists: write the inner items as relations (+ or -)",
                )
                nested.add(line)
                continue
            starts.append(n)
        for k, n in enumerate(starts):
            item_lines = lines[n : starts[k + 1]] if k + 1 < len(starts) else lines[n:]
            item_lines = [line for line in item_lines if line not in nested]
            a, _ = self.line_span(item_lines[0])
            item = _LIST_ITEM.match(self.line_text(item_lines[0]))
            assert item is not None
            got = self.element(item_lines, 0, a + item.end())
            if got is None:
                self.error(a + item.end() - 1, "an empty list item", "write a statement or argument after it")
                continue
            elem, end_line = got
            self.relation_lines(item_lines, end_line, elem)

    @staticmethod
    def is_html(m: re.Match[str]) -> bool:
        """Is this clearly HTML?  A closing tag, attributes or ``/>``; a bare ``<a>`` or
        ``<b>`` is an argument title, as Argdown reads it."""
        return m.group(0).startswith("</") or m.group(2) is not None or m.group(0).endswith("/>")

    def heading(self, lines: list[int], start: int, m: re.Match[str]) -> None:
        """``# Title``: the text goes on to the empty line (as in Argdown); data may close it."""
        a, b = self.line_span(lines[0])
        level = len(m.group(1))
        info = self.content(a + m.end(), b, lines, 0, allow_data=True)
        texts = [info.text]
        data = info.data
        j = info.end_line + 1
        while j < len(lines) and not info.closed:
            text = self.line_text(lines[j])
            if _HEADING_BREAK.match(text):
                break
            la, lb = self.line_span(lines[j])
            info = self.content(la, lb, lines, j, allow_data=True)
            texts.append(info.text)
            data = info.data
            j = info.end_line + 1
        title = " ".join(t for t in texts if t)
        if not title:
            self.error(a + m.start(1), "a heading without a title", "write a title after '# '")
        self.section = title or None
        if title:
            while self.open_sections and self.open_sections[-1].level >= level:
                self.open_sections.pop()
            parent = self.open_sections[-1].title if self.open_sections else None
            section = Section(title, level, parent, data or {}, self.loc(a + m.start(1)))
            self.sections.append(section)
            self.open_sections.append(section)
        if j < len(lines):
            nxt = lines[j]
            s, _ = self.line_span(nxt)
            text = self.line_text(nxt)
            self.error(
                s + len(text) - len(text.lstrip()),
                "a heading must be followed by an empty line",
                "leave an empty line after the heading",
            )
            # read the rest as if it stood in its own paragraph
            self.block(lines[j:], None)

    # -- elements ------------------------------------------------------------------------
    def element(
        self, lines: list[int], li: int, offset: int, top: bool = False, statement_only: bool = False
    ) -> tuple[_Element, int] | None:
        """Parse the statement or argument at ``offset`` (on line ``lines[li]``).

        Returns the element and the index of the last line it takes.
        """
        _, line_end = self.line_span(lines[li])
        s = self.text
        while offset < line_end and s[offset] in " \t":
            offset += 1
        if offset >= line_end:
            return None
        ch = s[offset]
        here = self.loc(offset)
        kind: NodeKind | None = None
        title: str | None = None
        is_reference = False
        body = offset
        if ch == "[" and not _LINK.match(s, offset):
            close = s.find("]", offset + 1, line_end)
            if close < 0:
                self.error(
                    offset,
                    "the statement title '[' is never closed with ']'",
                    "write [Title]: text, or escape the bracket as \\[",
                )
                return None
            title = s[offset + 1 : close]
            kind = NodeKind.STATEMENT
            if s.startswith(":", close + 1):
                body = close + 2
            else:
                is_reference = True
                body = close + 1
        elif ch == "<" and not s.startswith("<!--", offset):
            close = s.find(">", offset + 1, line_end)
            h = _HTML_TAG.match(s, offset, line_end)
            if h is not None and self.is_html(h):
                self.unsupported(offset, f"HTML ({h.group(0)!r})")
                return None
            if close < 0:
                self.error(
                    offset,
                    "the argument title '<' is never closed with '>'",
                    "write <Title>: text, or escape the bracket as \\<",
                )
                return None
            title = s[offset + 1 : close]
            kind = NodeKind.ARGUMENT
            if statement_only:
                self.error(
                    offset,
                    f"an argument <{title}> cannot stand here; only statements can",
                    "numbered lines and '><' take statements: [Title]: text",
                )
                return None
            if s.startswith(":", close + 1):
                body = close + 2
            else:
                is_reference = True
                body = close + 1
        else:
            kind = NodeKind.STATEMENT
        if title is not None and not title.strip():
            self.error(
                offset,
                f"an empty title {ch}{']' if ch == '[' else '>'}",
                "write a title between the brackets",
            )
            return None
        info = self.content(body, line_end, lines, li, allow_data=True, reference=is_reference)
        if title is None:
            if not info.text and not info.tags:
                if info.data is not None:
                    self.error(
                        offset,
                        "a data block without a statement before it",
                        "data belongs to a statement: [Title]: text {key: value}",
                    )
                return None
            title = self.next_title()
        return _Element(
            kind, title, here, is_reference, info.text, info.tags, info.data, info.closed
        ), info.end_line

    def content(
        self,
        start: int,
        end: int,
        lines: list[int],
        li: int,
        allow_data: bool,
        reference: bool = False,
    ) -> _Content:
        """Scan text from ``start`` to the line's ``end``: tags, mentions, links, data."""
        s = self.text
        tags: list[str] = []
        tag_spans: list[tuple[int, int]] = []
        data: dict[str, Any] | None = None
        text_end = end
        end_line = li
        closed = reference
        i = start
        while i < end:
            if not reference:
                jump = _CONTENT_SPECIAL.search(s, i, end)
                if jump is None:
                    break
                i = jump.start()
            ch = s[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "@":
                if s.startswith("@@", i):
                    self.unsupported(
                        i, "'@@'", "mention a statement with @[Title] or an argument with @<Title>"
                    )
                    i += 2
                    continue
                nxt = s[i + 1] if i + 1 < end else ""
                close = s.find("]" if nxt == "[" else ">", i + 2, end) if nxt in "[<" and nxt else -1
                if close > i + 2:
                    i = close + 1
                    continue
                i += 1
                continue
            if ch == "[":
                link = _LINK.match(s, i, end)
                if link is not None:
                    i = link.end()
                    continue
                close = s.find("]", i + 1, end)
                if close > i + 1 and s[i + 1] != "-":
                    word = s[i : close + 1]
                    self.error(
                        i,
                        f"a statement reference {word} inside text",
                        f"to mention the statement write @{word}; for brackets in text write \\[ and \\]",
                    )
                    i = close + 1
                    continue
            elif ch == "<":
                close = s.find(">", i + 1, end)
                if close > i + 1 and s[i + 1] != "-":
                    word = s[i : close + 1]
                    h = _HTML_TAG.match(s, i, end)
                    if h is not None and self.is_html(h):
                        self.unsupported(i, f"HTML ({h.group(0)!r})")
                    else:
                        self.error(
                            i,
                            f"an argument reference {word} inside text",
                            f"to mention the argument write @{word}; for angle brackets write \\< and \\>",
                        )
                    i = close + 1
                    continue
            elif ch == "#":
                m = _TAG.match(s, i, end)
                tag_end = m.end() if m is not None else -1
                if m is None and s.startswith("#(", i):
                    # as in Argdown, '#(' … ')' may go on over a line break in the paragraph
                    close = s.find(")", i, self.line_span(lines[-1])[1])
                    if close > 0 and "\n\n" not in s[i:close]:
                        tag_end = close + 1
                        while end_line + 1 < len(lines) and self.line_starts[lines[end_line + 1] - 1] < close:
                            end_line += 1
                        end = text_end = self.line_span(lines[end_line])[1]
                if tag_end > 0:
                    name = _tag_name(s[i:tag_end])
                    if name:
                        tags.append(name)
                        tag_spans.append((i, tag_end))
                        i = tag_end
                        continue
            elif ch == "{":
                if not allow_data:
                    i += 1
                    continue
                block_limit = self.line_span(lines[-1])[1]
                yaml_block = _YAML_BLOCK_START.match(s, i, block_limit)
                simple = None if yaml_block else _data.simple_block(s, i, block_limit)
                if yaml_block:
                    data_end = _yaml_block_end(s, yaml_block.end(), block_limit)
                else:
                    data_end = (
                        _data.scan_end(s, i, block_limit, self.memo(block_limit))
                        if simple is None
                        else simple[1]
                    )
                if data_end is None:
                    self.error(
                        i,
                        "the data block '{' is never closed",
                        "end it with '}' on this line (Argdown would silently read it as text)",
                    )
                    text_end = i
                    closed = True
                    break
                close = data_end
                early = None if yaml_block else _ARGDOWN_DATA_END.search(s, i, close - 1)
                if early is not None:
                    self.error(
                        early.start(),
                        "Argdown ends this data block at '} ' (even inside quotes) and refuses the file",
                        "write the brace in a quoted string as \\x7D, or without a space after it",
                        code="argdown-incompatible",
                        severity=Severity.WARNING,
                    )
                if yaml_block:
                    data = self.yaml_block(yaml_block.end(), close - 1)
                elif simple is not None:
                    data = simple[0]
                else:
                    try:
                        data = _data.loads(s[i:close])
                    except _data.DataError as exc:
                        self.error(
                            i + exc.offset,
                            f"bad data block: {exc.message}",
                            'data is YAML flow style: {key: value, list: [a, b], text: "…"}',
                        )
                        data = None
                text_end = i
                closed = True
                # the data may span lines: find the line where it ends
                while end_line + 1 < len(lines) and self.line_starts[lines[end_line + 1] - 1] < close:
                    end_line += 1
                _, close_line_end = self.line_span(lines[end_line])
                rest = s[close:close_line_end]
                if rest.strip():
                    off = close + len(rest) - len(rest.lstrip())
                    self.error(
                        off,
                        f"text after the data block: {rest.strip()!r}",
                        "the data block {…} comes last, after the text and the tags",
                    )
                break
            elif reference and not ch.isspace():
                word = s[i:end].strip()
                self.error(
                    i,
                    f"text after a reference: {word!r}",
                    "to define the title's text write [Title]: text (with a colon); after a reference"
                    " only #tags and {data} may follow",
                )
                break
            i += 1
        raw = s[start:text_end]
        # drop trailing tags from the reader's text (they are in `tags`)
        cut = text_end
        for a, b in reversed(tag_spans):
            if b <= cut and not s[b:cut].strip():
                cut = a
            else:
                break
        text = " ".join(s[start:cut].split()) if not reference else ""
        del raw
        return _Content(text, tags, data, end_line, closed)

    def record(self, elem: _Element) -> None:
        """Merge one occurrence into its equivalence class (statement) or argument."""
        if elem.text and ("*" in elem.text or "_" in elem.text):
            from .inline import unclosed

            marks = unclosed(elem.text)
            if marks:
                mark = elem.text[marks[0]] * (
                    2 if elem.text.startswith(elem.text[marks[0]] * 2, marks[0]) else 1
                )
                self.error(
                    elem.location,
                    f"the {mark!r} in {elem.ref} opens bold or italic text that is never closed;"
                    " argmap shows it as written, but Argdown refuses the file",
                    f"close it ({mark}text{mark}) or escape it as \\{mark[0]}",
                    code="argdown-incompatible",
                    severity=Severity.WARNING,
                )
        if elem.kind is NodeKind.STATEMENT:
            sacc = self.statements.get(elem.title)
            if sacc is None:
                sacc = _StatementAcc(elem.title, elem.location, self.section)
                self.statements[elem.title] = sacc
            for t in elem.tags:
                if t.lower() in ROLE_TAGS:
                    sacc.role_tags.append((t.lower(), elem.location))
            acc: _StatementAcc | _ArgumentAcc = sacc
        else:
            aacc = self.arguments.get(elem.title)
            if aacc is None:
                aacc = _ArgumentAcc(elem.title, elem.location, self.section)
                self.arguments[elem.title] = aacc
            acc = aacc
        if not elem.is_reference and not acc.defined:
            acc.defined = True
            acc.section = self.section
            acc.location = elem.location
        acc.tags.update(dict.fromkeys(elem.tags))
        if elem.data:
            acc.data = _data.merge(acc.data, elem.data)
        if elem.text:
            if elem.text not in acc.texts:
                acc.texts.append(elem.text)
                if len(acc.texts) == 2 and acc.text_at is not None:
                    what = "statement" if elem.kind is NodeKind.STATEMENT else "argument"
                    self.error(
                        elem.location,
                        f"the {what} {elem.ref} is given a second text: {acc.text!r} and {elem.text!r}",
                        f"both are kept (the first stands at line {acc.text_at.line}); the map shows the"
                        " last one, or the one marked {isCanonical: true}. To refer to the"
                        f" {what} again, write only {elem.ref}",
                        code="duplicate-definition",
                        severity=Severity.WARNING,
                    )
            marked = bool(elem.data and elem.data.get("isCanonical") is True)
            if marked or not acc.canonical:
                acc.text = elem.text
                acc.text_at = elem.location
                acc.canonical = acc.canonical or marked

    # -- relation trees --------------------------------------------------------------------
    def relation_lines(self, *args: Any, **kwargs: Any) -> None:
        """Read a relation tree (see :meth:`relation_tree`) and rank its relations in the
        order Argdown's model makes them: a relation once the tree under it is read."""
        mark = len(self.made)
        self.relation_tree(*args, **kwargs)
        open_: list[tuple[int, Relation]] = []
        for relation, depth in self.made[mark:]:
            while open_ and open_[-1][0] >= depth:
                self.exit_rank[id(open_.pop()[1])] = len(self.exit_rank)
            open_.append((depth, relation))
        while open_:
            self.exit_rank[id(open_.pop()[1])] = len(self.exit_rank)
        del self.made[mark:]

    def relation_tree(
        self,
        lines: list[int],
        li: int,
        top: _Element | None,
        only_undercuts: bool = False,
        record_top: bool = True,
        undercut_target: _Element | None = None,
    ) -> None:
        """Read the indented relation lines after ``lines[li]`` (and text continuation lines).

        Each element is recorded once its text is complete (after its continuation lines).
        """
        stack: list[tuple[int, _Element | None]] = []  # (indent of children, parent)
        last: _Element | None = top
        unrecorded: _Element | None = top if record_top else None
        j = li + 1
        while j < len(lines):
            line = lines[j]
            text = self.line_text(line)
            a, b = self.line_span(line)
            m = _RELATION.match(text)
            indent = len(text) - len(text.lstrip(" \t"))
            if m is None:
                if _PCS_NUMBER.match(text) or _BAR.match(text):
                    self.error(
                        a + indent,
                        "a numbered line or inference bar inside a statement's paragraph",
                        "leave an empty line before a premise-conclusion structure: <Title>, empty line, (1)",
                    )
                    break
                if _HEADING.match(text) and indent == 0:
                    self.error(
                        a, "a heading must stand in its own paragraph", "leave empty lines around the heading"
                    )
                    if unrecorded is not None:
                        self.record(unrecorded)
                        unrecorded = None
                    self.block(lines[j:], None)
                    return
                data_next = (
                    last is not None
                    and last.is_reference
                    and last.data is None
                    and text.lstrip().startswith("{")
                )
                if last is not None and data_next:
                    # data on the line after a reference: [A] then {k: 1}
                    info = self.content(a + indent, b, lines, j, allow_data=True, reference=True)
                    last.data = info.data
                    j = info.end_line + 1
                    continue
                if last is None or last.closed:
                    self.error(
                        a + indent,
                        f"unexpected text {text.strip()!r} after a reference or data block",
                        "continue a statement's text only after [Title]: text; relations start with "
                        + _SYMBOL_LIST,
                    )
                    j += 1
                    continue
                info = self.content(a + indent, b, lines, j, allow_data=True)
                last.text = " ".join(x for x in (last.text, info.text) if x)
                last.tags.extend(info.tags)  # duplicates go when the element is recorded
                if info.data is not None:
                    last.data = _data.merge(last.data or {}, info.data)
                last.closed = info.closed
                j = info.end_line + 1
                continue
            if unrecorded is not None:
                self.record(unrecorded)
                unrecorded = None
            indent = len(m.group(1))
            symbol = m.group(2)
            sym_at = a + m.start(2)
            current = stack[-1][0] if stack else 0
            parent: _Element | None
            if indent > current:
                stack.append((indent, last))
                parent = last
            elif indent == current and stack:
                parent = stack[-1][1]
            else:
                while stack and indent < stack[-1][0]:
                    stack.pop()
                if stack:
                    # as Argdown's lexer does, a dedent to a level never opened closes the
                    # deeper levels and goes on at the nearest open one
                    parent = stack[-1][1]
                elif indent == 0:
                    self.error(
                        sym_at,
                        f"the relation {symbol!r} must be indented under the line above",
                        "indent a relation (e.g. two spaces) more than the statement it relates to",
                    )
                    parent = None
                else:
                    levels = ", ".join(str(n) for n, _ in stack) or "0"
                    self.error(
                        sym_at,
                        f"bad indentation: {indent} spaces before {symbol!r} match no enclosing level"
                        f" (open levels: {levels})",
                        "indent a relation more than its parent; siblings share one indentation",
                    )
                    parent = None
            after = a + m.end()
            if not self.text[after:b].strip():
                self.error(
                    sym_at,
                    f"the relation symbol {symbol!r} has nothing after it",
                    "write a statement or argument after it: + [Title]: text",
                )
                last = None
                j += 1
                continue
            if only_undercuts and symbol not in ("_", "<_"):
                self.error(
                    sym_at, f"only undercuts ('_' or '<_') may stand under an inference bar, not {symbol!r}"
                )
                last = None
                j += 1
                continue
            got = self.element(lines, j, after, statement_only=symbol == "><")
            if got is None:
                last = None
                j += 1
                continue
            child, end_line = got
            if parent is top and undercut_target is not None and symbol in ("_", "<_"):
                parent = undercut_target
            if parent is not None:
                self.relate(symbol, parent, child, self.loc(sym_at), len(stack))
            last = unrecorded = child
            j = end_line + 1
        if unrecorded is not None:
            self.record(unrecorded)

    def relate(self, symbol: str, parent: _Element, child: _Element, where: Location, depth: int) -> None:
        kind, child_is_source = _SYMBOLS[symbol]
        source, target = (child.ref, parent.ref) if child_is_source else (parent.ref, child.ref)
        relation = Relation(kind, source, target, where)
        self.relations.append(relation)
        self.made.append((relation, depth))

    # -- premise-conclusion structures ------------------------------------------------------
    def pcs(self, lines: list[int], previous: _Element | None) -> None:
        first_at = self.line_starts[lines[0] - 1]
        first_text = self.line_text(lines[0])
        start_loc = self.loc(first_at + len(first_text) - len(first_text.lstrip()))
        if previous is not None and previous.kind is NodeKind.ARGUMENT:
            acc = self.arguments[previous.title]
            if acc.pcs_at is not None:
                self.error(
                    start_loc,
                    f"the argument {previous.ref} already has a premise-conclusion structure"
                    f" (line {acc.pcs_at.line})",
                    "an argument has one premise-conclusion structure; give this one its own <Title>",
                    code="duplicate-definition",
                )
                acc = _ArgumentAcc(previous.title, start_loc, self.section)  # read, then dropped
        else:
            title = self.next_title()
            acc = _ArgumentAcc(title, start_loc, self.section, defined=True)
            self.arguments[title] = acc
        if not acc.defined:
            acc.defined = True
            acc.location = start_loc
            acc.section = self.section
        acc.pcs_at = start_loc
        pcs_lines: list[PCSLine] = []
        inferences: list[Inference] = []
        pending: tuple[Location, str | None, dict[str, Any]] | None = None
        segment_start = 0  # where the next inference's premises begin (index into pcs_lines)
        j = 0
        while j < len(lines):
            line = lines[j]
            text = self.line_text(line)
            a, b = self.line_span(line)
            num = _PCS_NUMBER.match(text)
            if num is not None:
                number = int(num.group(1))
                expected = len(pcs_lines) + 1
                if number != expected:
                    self.error(
                        a + num.start(1) - 1,
                        f"premise-conclusion line ({number}) is out of sequence: it stands as ({expected})",
                        "Argdown counts the lines by position, not by their numbers: number them"
                        " (1), (2), (3) … in order so that readers see the same numbers",
                        code="premise-number",
                        severity=Severity.WARNING,
                    )
                got = self.element(lines, j, a + num.end(), statement_only=True)
                if got is None:
                    self.error(
                        a + num.end() - 1,
                        f"the numbered line ({number}) has no statement",
                        "write (n) [Title]: text, (n) [Title] or (n) text",
                    )
                    j += 1
                    continue
                elem, end_line = got
                pcs_lines.append(PCSLine(expected, elem.title, self.loc(a + num.start(1) - 1)))
                concluded = pending is not None
                if pending is not None:
                    bar_at, rule, idata = pending
                    premises = self.premises(pcs_lines[:-1], segment_start, idata, bar_at)
                    inferences.append(Inference(premises, elem.title, rule, idata, bar_at))
                    segment_start = len(pcs_lines) - 1
                    pending = None
                argument = _Element(NodeKind.ARGUMENT, acc.title, start_loc, True, closed=True)
                j = self.pcs_tail(lines, j, end_line, elem, argument if concluded else None)
                continue
            bar = _BAR.match(text)
            if bar is not None:
                bar_at = self.loc(a + bar.end() - 2)
                if pending is not None or not pcs_lines:
                    self.error(
                        bar_at,
                        "an inference bar with no premises before it",
                        "an inference bar '----' stands between numbered premises and their conclusion",
                    )
                rule, idata, j = self.inference(lines, j, a + bar.start())
                pending = (bar_at, rule, idata)
                j = self.inference_relations(lines, j, acc.title)
                continue
            indent = len(text) - len(text.lstrip())
            self.error(
                a + indent,
                f"unexpected text {text.strip()!r} in a premise-conclusion structure",
                "numbered lines start with (n); inference bars with --",
            )
            j += 1
        if pending is not None:
            self.error(
                pending[0],
                "an inference bar without a conclusion after it",
                "put the conclusion on a numbered line after the bar",
            )
        if not inferences and pending is None:
            self.error(
                start_loc,
                "a premise-conclusion structure without an inference bar",
                "put '----' before the conclusion: (1) premise / ---- / (2) conclusion",
            )
        acc.lines = pcs_lines
        acc.inferences = inferences

    def pcs_tail(
        self, lines: list[int], li: int, end_line: int, elem: _Element, inference_of: _Element | None = None
    ) -> int:
        """Continuation and relation lines under a numbered line; the index of the next line.

        Under a conclusion (``inference_of`` is its argument), ``_ [U]`` undercuts the
        inference that concludes it, as in Argdown."""
        j = end_line + 1
        while j < len(lines):
            text = self.line_text(lines[j])
            if _PCS_NUMBER.match(text) or _BAR.match(text):
                break
            j += 1
        self.relation_lines(lines[:j], end_line, elem, undercut_target=inference_of)
        return j

    def inference_relations(self, lines: list[int], j: int, argument: str) -> int:
        k = j + 1
        while k < len(lines):
            text = self.line_text(lines[k])
            if _PCS_NUMBER.match(text) or _BAR.match(text) or not _RELATION.match(text):
                break
            k += 1
        if k > j + 1:
            holder = _Element(
                NodeKind.ARGUMENT, argument, self.loc(self.line_starts[lines[j] - 1]), True, closed=True
            )
            self.relation_lines(lines[:k], j, holder, only_undercuts=True, record_top=False)
        return k

    def inference(self, lines: list[int], j: int, start: int) -> tuple[str | None, dict[str, Any], int]:
        """The inference that opens with ``--`` at ``start`` (on ``lines[j]``): rule names,
        data and the index of its last line.

        As in Argdown, the bar opens with ``--`` and closes with the next run of two or
        more dashes, on the same line (``----``, ``-- rule {data} --``) or a later one;
        in between stand comma-separated rule names and ``{data}``.  A bare ``--`` or
        ``---`` line never closed is read as a plain bar, with a warning (Argdown refuses it).
        """
        s = self.text
        limit = self.line_span(lines[-1])[1]
        opened = start + (len(s[start:]) - len(s[start:].lstrip(" \t")))
        i = opened + 2
        k = j
        parts: list[str] = []
        rule_lines: set[int] = set()
        idata: dict[str, Any] = {}
        while True:
            line_end = self.line_span(lines[k])[1]
            close = _INFERENCE_STOP.search(s, i, line_end)
            stop = close.start() if close is not None else line_end
            parts.append(s[i:stop])
            if s[i:stop].strip(" \t-"):
                rule_lines.add(k)
            if close is not None and s[stop] == "{":
                yaml_block = _YAML_BLOCK_START.match(s, stop, limit)
                if yaml_block:
                    dend = _yaml_block_end(s, yaml_block.end(), limit)
                else:
                    dend = _data.scan_end(s, stop, limit, self.memo(limit))
                if dend is None:
                    self.error(stop, "the data block '{' is never closed", "end it with '}'")
                    return self.rules(parts, rule_lines, opened), idata, k
                if yaml_block:
                    idata = self.yaml_block(yaml_block.end(), dend - 1) or {}
                else:
                    try:
                        idata = _data.loads(s[stop:dend])
                    except _data.DataError as exc:
                        self.error(stop + exc.offset, f"bad data block: {exc.message}")
                while k + 1 < len(lines) and self.line_starts[lines[k + 1] - 1] < dend:
                    k += 1
                i = dend
                continue
            if close is not None:  # the closing dashes
                dashes = re.match(r"-+", s[stop:line_end])
                assert dashes is not None
                after = stop + dashes.end()
                if s[after:line_end].strip():
                    self.error(
                        after + len(s[after:line_end]) - len(s[after:line_end].lstrip()),
                        f"text after the inference bar: {s[after:line_end].strip()!r}",
                        "write: -- rule name {data} --",
                    )
                return self.rules(parts, rule_lines, opened), idata, k
            nxt = k + 1
            if nxt >= len(lines) or _PCS_NUMBER.match(self.line_text(lines[nxt])):
                break
            k = nxt
            i = self.line_span(lines[k])[0]
        # never closed
        if "".join(parts).strip(" \t\n-"):
            self.error(
                opened,
                "the inference rule is not closed with '--'",
                "write a named inference as: -- rule name {data} -- (on one line or several)",
            )
            return self.rules(parts, rule_lines, opened), idata, k
        self.error(
            opened,
            f"the inference bar {s[opened : self.line_span(lines[j])[1]].strip()!r} is too short for Argdown",
            "write the bar with four dashes or more: '----' (Argdown reads '--' and '---' as the"
            " start of a named inference and refuses the file)",
            code="argdown-incompatible",
            severity=Severity.WARNING,
        )
        return None, idata, j

    def rules(self, parts: list[str], rule_lines: set[int], opened: int) -> str | None:
        """The rule names of an inference (warning where Argdown would refuse them)."""
        if len(rule_lines) > 1:
            self.error(
                opened,
                "the rule names of this inference go over several lines; Argdown refuses that",
                "write the rule names on one line: -- rule one, rule two {data} --",
                code="argdown-incompatible",
                severity=Severity.WARNING,
            )
        names = [" ".join(r.split()) for r in "".join(parts).split(",")]
        return ", ".join(n for n in names if n) or None

    def premises(
        self, before: list[PCSLine], segment_start: int, idata: Mapping[str, Any], bar_at: Location
    ) -> tuple[str, ...]:
        uses = idata.get("uses")
        if uses is None:
            return tuple(line.statement for line in before[segment_start:])
        if not isinstance(uses, list) or not all(
            isinstance(u, int) and not isinstance(u, bool) for u in uses
        ):
            self.error(
                bar_at, f"'uses' must be a list of line numbers, not {uses!r}", "write e.g. {uses: [1, 3]}"
            )
            return tuple(line.statement for line in before[segment_start:])
        out: list[str] = []
        for u in uses:
            if 1 <= u <= len(before):
                out.append(before[u - 1].statement)
            else:
                valid = f"1 to {len(before)}" if before else "none"
                self.error(
                    bar_at,
                    f"'uses' names line ({u}), which does not stand before this inference",
                    f"valid line numbers here: {valid}",
                )
        return tuple(out)

    # -- the model ---------------------------------------------------------------------------
    def build(self) -> ArgumentMap:
        arguments: list[Argument] = []
        reconstructed: dict[str, Argument] = {}
        for a in self.arguments.values():
            arg = Argument(
                a.title,
                a.text,
                tuple(a.tags),
                a.data,
                tuple(a.lines),
                tuple(a.inferences),
                a.section,
                a.location,
                tuple(a.texts) if len(a.texts) > 1 else (),
            )
            arguments.append(arg)
            if arg.inferences:
                reconstructed[arg.title] = arg
        model = self.front.get("model")
        strict = isinstance(model, dict) and model.get("mode") == "strict"
        relations = _normalise_relations(self.relations, reconstructed, strict, self.exit_rank)
        for s in self.statements.values():
            distinct: list[str] = []
            for tag, where in s.role_tags:
                if tag not in distinct:
                    distinct.append(tag)
                    if len(distinct) == 2:
                        self.error(
                            where,
                            f"the statement [{s.title}] has two role tags: #{distinct[0]} and #{tag}",
                            "keep one of: " + ", ".join("#" + r for r in ROLE_TAGS),
                            code="conflicting-roles",
                        )
        roles = _roles(((s.title, tuple(s.tags)) for s in self.statements.values()), relations)
        statements_t = [
            Statement(
                s.title,
                s.text,
                roles[s.title],
                tuple(s.tags),
                s.data,
                s.section,
                None,
                s.location,
                tuple(s.texts) if len(s.texts) > 1 else (),
            )
            for s in self.statements.values()
        ]
        return ArgumentMap(
            tuple(statements_t),
            tuple(arguments),
            tuple(relations),
            self.front,
            self.path,
            sections=tuple(self.sections),
        )


def parse(text: str, path: str | None = None) -> tuple[ArgumentMap, list[Diagnostic]]:
    """Read Argdown text; return the map (best effort) and every diagnostic, in reading order.

    Never raises on bad text.

    >>> m, problems = parse("[A]: Cats purr. #thesis\\n  + [B]: They are content.")
    >>> [(s.title, s.role.value) for s in m.statements], problems
    ([('A', 'thesis'), ('B', 'claim')], [])
    >>> m.relations[0].kind.value, str(m.relations[0].source), str(m.relations[0].target)
    ('support', '[B]', '[A]')
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes the text as a str, not {type(text).__name__}")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        d = Diagnostic(
            "file-too-large",
            f"the map is {size:,} bytes; the limit is {MAX_BYTES:,} bytes",
            Location(1, 1),
            Severity.ERROR,
            "split the map into several files",
            path,
        )
        return ArgumentMap(path=path, diagnostics=(d,)), [d]
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        # not a character: it cannot be written as UTF-8 and breaks every later step
        before = text[: surrogate.start()]
        line = before.count("\n") + 1
        column = surrogate.start() - (before.rfind("\n") + 1) + 1
        d = Diagnostic(
            "syntax-error",
            f"a lone surrogate (U+{ord(surrogate.group(0)):04X}) is not a character",
            Location(line, column),
            Severity.ERROR,
            "remove it: the text was damaged, e.g. by a bad copy from a UTF-16 source",
            path,
        )
        return ArgumentMap(path=path, diagnostics=(d,)), [d]
    p = _Parser(text, path)
    p.run()
    m = p.build()
    from ..errors import sort_diagnostics

    diagnostics = sort_diagnostics(p.diagnostics)
    return m.replace(diagnostics=tuple(d for d in diagnostics if not d.is_error)), diagnostics
