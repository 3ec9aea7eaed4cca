"""A statement or argument as written at one place: its title, text, tags, mentions and
data; and each occurrence merged into its equivalence class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import Location, Severity
from ..model import NodeKind
from . import data as _data
from .reader import Content, Element, Reader
from .tokens import (
    ARGDOWN_DATA_END,
    CONTENT_SPECIAL,
    HTML_TAG,
    LINK,
    PLAIN_ELEMENT,
    PLAIN_TAG,
    TAG,
    YAML_BLOCK_START,
    is_html,
    tag_name,
    yaml_block_end,
)


@dataclass(slots=True)
class _Scan:
    """Where the scan of an element's text stands (see :meth:`ElementReader.content`)."""

    end: int  # where the text ends (a tag in parentheses may carry it to a later line)
    end_line: int  # index into the paragraph's lines of the last line taken
    text_end: int  # where the reader's text ends (before the data)
    closed: bool  # a reference or data ends the element
    tags: list[str] = field(default_factory=list)
    tag_spans: list[tuple[int, int]] = field(default_factory=list)
    data: dict[str, Any] | None = None


class ElementReader(Reader):
    # -- elements ------------------------------------------------------------------------
    def element(
        self, lines: list[int], li: int, offset: int, top: bool = False, statement_only: bool = False
    ) -> tuple[Element, int] | None:
        """Parse the statement or argument at ``offset`` (on line ``lines[li]``).

        Returns the element and the index of the last line it takes.
        """
        line = lines[li]
        line_start = self.line_starts[line - 1]
        line_text = self.line_texts[line - 1]
        line_end = line_start + len(line_text)
        s = self.text
        while offset < line_end and s[offset] in " \t":
            offset += 1
        if offset >= line_end:
            return None
        if not statement_only or s[offset] != "<":
            plain = self.plain_element(line, offset - line_start, line_text)
            if plain is not None:
                return plain, li
        here = self.loc(offset, line)
        head = self.title_at(offset, line_end, statement_only)
        if head is None:
            return None
        kind, title, is_reference, body = head
        info = self.content(body, line_end, lines, li, allow_data=True, reference=is_reference)
        if (
            title is not None
            and not is_reference
            and info.data is not None
            and not info.text
            and not info.tags
        ):
            self.data_without_text(kind, title, s.find("{", body, line_end))
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
        return Element(
            kind, title, here, is_reference, info.text, info.tags, info.data, info.closed
        ), info.end_line

    def title_at(
        self, offset: int, line_end: int, statement_only: bool
    ) -> tuple[NodeKind, str | None, bool, int] | None:
        """The head of an element at ``offset``: its kind, title (``None`` for untitled
        text), whether it is a reference, and where its text starts; ``None`` after an
        error (an unclosed or empty title, HTML, an argument where only statements go)."""
        s = self.text
        ch = s[offset]
        kind = NodeKind.STATEMENT
        title: str | None = None
        is_reference = False
        body = offset
        if ch == "[" and not LINK.match(s, offset):
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
            h = HTML_TAG.match(s, offset, line_end)
            if h is not None and is_html(h):
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
        if title is not None and not title.strip():
            self.error(
                offset,
                f"an empty title {ch}{']' if ch == '[' else '>'}",
                "write a title between the brackets",
            )
            return None
        return kind, title, is_reference, body

    def data_without_text(self, kind: NodeKind, title: str, brace: int) -> None:
        """Warn of ``[Title]: {data}``, a definition with data and no text: argmap reads it
        (the title with its data), but Argdown refuses it ("missing text content")."""
        ref = f"[{title}]" if kind is NodeKind.STATEMENT else f"<{title}>"
        self.error(
            brace,
            f"{ref} is defined with data and no text; argmap reads it, but Argdown refuses the file",
            f"write the text before the data ({ref}: text {{…}}),"
            f" or refer to it without a colon: {ref} {{…}}",
            code="argdown-incompatible",
            severity=Severity.WARNING,
        )

    def plain_element(self, line: int, column: int, line_text: str) -> Element | None:
        """The fast path for the usual line: a title, text without marks, trailing tags and
        simple data (see :data:`PLAIN_ELEMENT`), read as :meth:`element` reads it; ``None``
        for anything else.  ``column`` is 0-based, in ``line_text`` (the line's text)."""
        m = PLAIN_ELEMENT.fullmatch(line_text, column)
        if m is None:
            return None
        st, at, colon, text, tags, data = m.groups()
        title = st if st is not None else at
        if title is not None and not title.strip():
            return None  # an empty title: the full path reports it
        is_reference = title is not None and colon is None
        if is_reference and text.strip():
            return None  # text after a reference: the full path reports it
        parsed: dict[str, Any] | None = None
        if data is not None:
            if colon is not None and not tags and not text.strip():
                return None  # a definition with data but no text: the full path warns
            if "}" in data[:-1]:
                return None  # a brace in a quoted value: the full path checks it
            parsed = _data.simple_items(data)
            if parsed is None:
                return None
        names = PLAIN_TAG.findall(tags) if tags else []
        text = " ".join(text.split()) if not is_reference else ""
        if title is None:
            if not text and not names:
                return None
            title = self.next_title()
        kind = NodeKind.STATEMENT if at is None else NodeKind.ARGUMENT
        where = Location(line, column + 1)
        closed = is_reference or data is not None
        return Element(kind, title, where, is_reference, text, names, parsed, closed)

    def content(
        self,
        start: int,
        end: int,
        lines: list[int],
        li: int,
        allow_data: bool,
        reference: bool = False,
    ) -> Content:
        """Scan text from ``start`` to the line's ``end``: tags, mentions, links, data."""
        s = self.text
        sc = _Scan(end, li, end, reference)
        i = start
        while i < sc.end:
            if not reference:
                jump = CONTENT_SPECIAL.search(s, i, sc.end)
                if jump is None:
                    break
                i = jump.start()
            ch = s[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "@":
                i = self.scan_mention(i, sc.end)
                continue
            nxt: int | None = None
            if ch == "[":
                nxt = self.scan_bracket(i, sc.end)
            elif ch == "<":
                nxt = self.scan_angle(i, sc.end)
            elif ch == "#":
                nxt = self.scan_tag(i, sc, lines)
            elif ch == "{" and allow_data:
                self.scan_data(i, sc, lines)
                break
            elif reference and not ch.isspace() and ch != "{":
                self.error(
                    i,
                    f"text after a reference: {s[i : sc.end].strip()!r}",
                    "to define the title's text write [Title]: text (with a colon); after a reference"
                    " only #tags and {data} may follow",
                )
                break
            i = nxt if nxt is not None else i + 1
        # drop trailing tags from the reader's text (they are in `tags`)
        cut = sc.text_end
        for a, b in reversed(sc.tag_spans):
            if b <= cut and not s[b:cut].strip():
                cut = a
            else:
                break
        text = " ".join(s[start:cut].split()) if not reference else ""
        return Content(text, sc.tags, sc.data, sc.end_line, sc.closed)

    def scan_mention(self, i: int, end: int) -> int:
        """Past a mention ``@[Title]`` or ``@<Title>`` at ``i`` (or past the ``@``)."""
        s = self.text
        if s.startswith("@@", i):
            self.unsupported(i, "'@@'", "mention a statement with @[Title] or an argument with @<Title>")
            return i + 2
        nxt = s[i + 1] if i + 1 < end else ""
        close = s.find("]" if nxt == "[" else ">", i + 2, end) if nxt in "[<" and nxt else -1
        return close + 1 if close > i + 2 else i + 1

    def scan_bracket(self, i: int, end: int) -> int | None:
        """Past a link or a (misplaced) statement reference at ``i``; ``None`` for a lone ``[``."""
        s = self.text
        link = LINK.match(s, i, end)
        if link is not None:
            return link.end()
        close = s.find("]", i + 1, end)
        if close > i + 1 and s[i + 1] != "-":
            word = s[i : close + 1]
            self.error(
                i,
                f"a statement reference {word} inside text",
                f"to mention the statement write @{word}; for brackets in text write \\[ and \\]",
            )
            return close + 1
        return None

    def scan_angle(self, i: int, end: int) -> int | None:
        """Past HTML or a (misplaced) argument reference at ``i``; ``None`` for a lone ``<``."""
        s = self.text
        close = s.find(">", i + 1, end)
        if close > i + 1 and s[i + 1] != "-":
            word = s[i : close + 1]
            h = HTML_TAG.match(s, i, end)
            if h is not None and is_html(h):
                self.unsupported(i, f"HTML ({h.group(0)!r})")
            else:
                self.error(
                    i,
                    f"an argument reference {word} inside text",
                    f"to mention the argument write @{word}; for angle brackets write \\< and \\>",
                )
            return close + 1
        return None

    def scan_tag(self, i: int, sc: _Scan, lines: list[int]) -> int | None:
        """Past the tag at ``i`` (noted in ``sc``); ``None`` when the ``#`` opens none."""
        s = self.text
        m = TAG.match(s, i, sc.end)
        tag_end = m.end() if m is not None else -1
        if m is None and s.startswith("#(", i):
            # as in Argdown, '#(' … ')' may go on over a line break in the paragraph
            close = s.find(")", i, self.line_span(lines[-1])[1])
            if close > 0 and "\n\n" not in s[i:close]:
                tag_end = close + 1
                while sc.end_line + 1 < len(lines) and self.line_starts[lines[sc.end_line + 1] - 1] < close:
                    sc.end_line += 1
                sc.end = sc.text_end = self.line_span(lines[sc.end_line])[1]
        if tag_end > 0:
            name = tag_name(s[i:tag_end])
            if name:
                sc.tags.append(name)
                sc.tag_spans.append((i, tag_end))
                return tag_end
        return None

    def scan_data(self, i: int, sc: _Scan, lines: list[int]) -> None:
        """The data block at ``i``, which ends the element's text (noted in ``sc``)."""
        s = self.text
        sc.text_end = i
        sc.closed = True
        block_limit = self.line_span(lines[-1])[1]
        yaml_block = YAML_BLOCK_START.match(s, i, block_limit)
        simple = None if yaml_block else _data.simple_block(s, i, block_limit)
        if yaml_block:
            close = yaml_block_end(s, yaml_block.end(), block_limit)
        elif simple is not None:
            close = simple[1]
        else:
            close = _data.scan_end(s, i, block_limit, self.memo(block_limit))
        if close is None:
            self.error(
                i,
                "the data block '{' is never closed",
                "end it with '}' on this line (Argdown would silently read it as text)",
            )
            return
        early = None if yaml_block else ARGDOWN_DATA_END.search(s, i, close - 1)
        if early is not None:
            self.error(
                early.start(),
                "Argdown ends this data block at '} ' (even inside quotes) and refuses the file",
                "write the brace in a quoted string as \\x7D, or without a space after it",
                code="argdown-incompatible",
                severity=Severity.WARNING,
            )
        if yaml_block:
            sc.data = self.yaml_block(yaml_block.end(), close - 1)
        elif simple is not None:
            sc.data = simple[0]
        else:
            sc.data = self.flow_data(i, close)
        # the data may span lines: find the line where it ends
        while sc.end_line + 1 < len(lines) and self.line_starts[lines[sc.end_line + 1] - 1] < close:
            sc.end_line += 1
        _, close_line_end = self.line_span(lines[sc.end_line])
        rest = s[close:close_line_end]
        if rest.strip():
            self.error(
                close + len(rest) - len(rest.lstrip()),
                f"text after the data block: {rest.strip()!r}",
                "the data block {…} comes last, after the text and the tags",
            )

    def flow_data(self, i: int, close: int) -> dict[str, Any] | None:
        """The data block ``{…}`` from ``i`` to ``close``, read by the full reader."""
        try:
            return _data.loads(self.text[i:close])
        except _data.DataError as exc:
            self.error(
                i + exc.offset,
                f"bad data block: {exc.message}",
                'data is YAML flow style: {key: value, list: [a, b], text: "…"}',
            )
            return None
