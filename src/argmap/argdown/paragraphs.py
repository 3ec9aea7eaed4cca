"""One paragraph at a time: what its first line opens (a premise-conclusion structure, a
heading, a list, a relation tree under a statement or argument), and the Markdown
argmap refuses with a located error.
"""

from __future__ import annotations

import re

from ..model import Section
from .reader import Element, Reader
from .tokens import (
    BLOCKQUOTE,
    FRONT,
    HEADING_BREAK,
    HTML_TAG,
    MARKDOWN_STARTS,
    TABLE,
    is_html,
)


class ParagraphReader(Reader):
    # -- one paragraph ------------------------------------------------------------------
    def block(self, lines: list[int], previous: Element | None) -> Element | None:
        """Parse one paragraph; returns its top element (for a following PCS)."""
        head = self.line_text(lines[0])
        start = self.line_starts[lines[0] - 1]
        unindented = head.lstrip(" \t")
        indent = len(head) - len(unindented)
        if "===" in head and FRONT.match(head.strip()):
            self.error(start + indent, "front matter ('===') may only stand at the top of the file")
            return None
        m = self.line_kinds[lines[0] - 1]
        kind = m.lastgroup
        if kind == "pcs":
            self.pcs(lines, previous)
            return None
        if kind == "heading":
            self.heading(lines, start, m)
            return None
        if kind == "bar":
            self.error(
                start + indent,
                "an inference bar '--' outside a premise-conclusion structure",
                "an inference bar stands between numbered lines: (1) … ---- (2) …;"
                " Markdown rules (---) are not supported",
            )
            return None
        if kind == "relation":
            self.error(
                start + m.start("relation"),
                f"the relation {m.group('relation')!r} has no statement or argument above it to attach to",
                "put the statement it relates to on the line above, without an empty line between,"
                " and indent the relation under it",
            )
            self.relation_lines(lines, 0, None)
            return None
        if unindented[:1] in MARKDOWN_STARTS and self.refuse_markdown(head, start):
            return None
        if "@include" in head and head.lstrip().startswith("@include"):
            self.error(
                start + indent,
                f"{head.strip()!r}: argmap does not include other files",
                "paste the included map into this file (the Argdown CLI includes it; the Argdown"
                " editor and argmap read one file)",
                code="include-refused",
            )
            return None
        if kind == "item":
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
        if BLOCKQUOTE.match(head):
            self.unsupported(
                start + indent,
                "a Markdown blockquote ('>')",
                'quote source text in the data: [T]: text {quote: "…"}',
            )
            return True
        if TABLE.match(head):
            self.unsupported(start + indent, "a Markdown table ('|')")
            return True
        h = HTML_TAG.match(head, indent)
        if h is not None and is_html(h):
            self.unsupported(start + indent, f"HTML ({h.group(0)!r})")
            return True
        return False

    def list_items(self, lines: list[int]) -> None:
        """A Markdown list: each item (``* …`` or ``1. …``) is a statement or an argument,
        with its own relations indented under it, as in Argdown."""
        level = len(self.line_kinds[lines[0] - 1].group("indent"))
        starts = []
        nested: set[int] = set()
        for n, line in enumerate(lines):
            item = self.line_kinds[line - 1]
            if item.lastgroup != "item":
                continue
            if len(item.group("indent")) != level:
                a = self.line_starts[line - 1]
                self.unsupported(
                    a + len(item.group("indent")),
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
            item = self.line_kinds[item_lines[0] - 1]
            got = self.element(item_lines, 0, a + item.end())
            if got is None:
                self.error(a + item.end() - 1, "an empty list item", "write a statement or argument after it")
                continue
            elem, end_line = got
            self.relation_lines(item_lines, end_line, elem)

    def heading(self, lines: list[int], start: int, m: re.Match[str]) -> None:
        """``# Title``: the text goes on to the empty line (as in Argdown); data may close it."""
        a, b = self.line_span(lines[0])
        level = len(m.group("hashes"))
        info = self.content(a + m.end(), b, lines, 0, allow_data=True)
        texts = [info.text]
        data = info.data
        j = info.end_line + 1
        while j < len(lines) and not info.closed:
            text = self.line_text(lines[j])
            if HEADING_BREAK.match(text):
                break
            la, lb = self.line_span(lines[j])
            info = self.content(la, lb, lines, j, allow_data=True)
            texts.append(info.text)
            data = info.data
            j = info.end_line + 1
        title = " ".join(t for t in texts if t)
        if not title:
            self.error(a + m.start("hashes"), "a heading without a title", "write a title after '# '")
        self.section = title or None
        if title:
            while self.open_sections and self.open_sections[-1].level >= level:
                self.open_sections.pop()
            parent = self.open_sections[-1].title if self.open_sections else None
            section = Section(title, level, parent, data or {}, self.loc(a + m.start("hashes"), lines[0]))
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
