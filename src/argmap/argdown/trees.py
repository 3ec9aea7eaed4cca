"""Indented relation trees (``+ - _ <+ +> <- -> <_ _> ><``) under a statement or argument,
ranked in the order Argdown's model makes their relations.
"""

from __future__ import annotations

from ..errors import Location
from ..model import Relation
from . import data as _data
from .reader import Element, Reader
from .tokens import SYMBOL_LIST, SYMBOLS


class TreeReader(Reader):
    # -- relation trees --------------------------------------------------------------------
    def relation_lines(
        self,
        lines: list[int],
        li: int,
        top: Element | None,
        only_undercuts: bool = False,
        record_top: bool = True,
        undercut_target: Element | None = None,
    ) -> None:
        """Read a relation tree (see :meth:`relation_tree`) and rank its relations in the
        order Argdown's model makes them: a relation once the tree under it is read."""
        if li + 1 >= len(lines):  # nothing under it
            if record_top and top is not None:
                self.record(top)
            return
        if not self.strict:  # the order is used in strict mode alone
            self.relation_tree(lines, li, top, only_undercuts, record_top, undercut_target)
            return
        mark = len(self.made)
        self.relation_tree(lines, li, top, only_undercuts, record_top, undercut_target)
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
        top: Element | None,
        only_undercuts: bool,
        record_top: bool,
        undercut_target: Element | None,
    ) -> None:
        """Read the indented relation lines after ``lines[li]`` (and text continuation lines).

        Each element is recorded once its text is complete (after its continuation lines).
        """
        stack: list[tuple[int, Element | None]] = []  # (indent of children, parent)
        last: Element | None = top
        unrecorded: Element | None = top if record_top else None
        kinds, starts, texts = self.line_kinds, self.line_starts, self.line_texts
        j = li + 1
        while j < len(lines):
            line = lines[j]
            m = kinds[line - 1]
            if m.lastgroup != "relation":
                step = self.tree_text_line(lines, j, last, unrecorded)
                if step is None:  # the paragraph goes on as a block of its own, or stops
                    return
                if step < 0:
                    break
                j = step
                continue
            if unrecorded is not None:
                self.record(unrecorded)
                unrecorded = None
            a = starts[line - 1]
            b = a + len(texts[line - 1])
            symbol = m.group("relation")
            indent = m.end("indent")
            sym_at = a + indent  # the symbol follows the indent
            if stack and indent == stack[-1][0]:
                parent = stack[-1][1]  # a sibling of the line above
            else:
                parent = self.tree_parent(stack, indent, last, symbol, sym_at)
            after = a + m.end()
            problem = (
                self.relation_problem(after, b, symbol, only_undercuts)
                if only_undercuts or after >= b or self.text[after:b].isspace()
                else None
            )
            if problem is not None:
                self.error(sym_at, *problem)
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
                self.relate(symbol, parent, child, Location(line, indent + 1), len(stack))
            last = unrecorded = child
            j = end_line + 1
        if unrecorded is not None:
            self.record(unrecorded)

    def relation_problem(
        self, after: int, b: int, symbol: str, only_undercuts: bool
    ) -> tuple[str, str | None] | None:
        """What is wrong with a relation line whose symbol ends at ``after``, if anything."""
        if not self.text[after:b].strip():
            return (
                f"the relation symbol {symbol!r} has nothing after it",
                "write a statement or argument after it: + [Title]: text",
            )
        if only_undercuts and symbol not in ("_", "<_"):
            return (
                f"only undercuts ('_' or '<_') may stand under an inference bar, not {symbol!r}",
                None,
            )
        return None

    def tree_parent(
        self,
        stack: list[tuple[int, Element | None]],
        indent: int,
        last: Element | None,
        symbol: str,
        sym_at: int,
    ) -> Element | None:
        """The parent of a relation line indented by ``indent`` (the open levels in ``stack``)."""
        current = stack[-1][0] if stack else 0
        if indent > current:
            stack.append((indent, last))
            return last
        if indent == current and stack:
            return stack[-1][1]
        while stack and indent < stack[-1][0]:
            stack.pop()
        if stack:
            # as Argdown's lexer does, a dedent to a level never opened closes the
            # deeper levels and goes on at the nearest open one
            return stack[-1][1]
        if indent == 0:
            self.error(
                sym_at,
                f"the relation {symbol!r} must be indented under the line above",
                "indent a relation (e.g. two spaces) more than the statement it relates to",
            )
            return None
        levels = ", ".join(str(n) for n, _ in stack) or "0"
        self.error(
            sym_at,
            f"bad indentation: {indent} spaces before {symbol!r} match no enclosing level"
            f" (open levels: {levels})",
            "indent a relation more than its parent; siblings share one indentation",
        )
        return None

    def tree_text_line(
        self, lines: list[int], j: int, last: Element | None, unrecorded: Element | None
    ) -> int | None:
        """A line of a relation tree that is not a relation: a continuation of the last
        element's text, its data, or a mistake.  The index of the next line to read; -1 to
        stop the tree; None when the rest of the
        paragraph was read as a block of its own."""
        line = lines[j]
        kind = self.line_kinds[line - 1].lastgroup
        text = self.line_text(line)
        a, b = self.line_span(line)
        indent = len(text) - len(text.lstrip(" \t"))
        if kind in ("pcs", "bar"):
            self.error(
                a + indent,
                "a numbered line or inference bar inside a statement's paragraph",
                "leave an empty line before a premise-conclusion structure: <Title>, empty line, (1)",
            )
            return -1
        if kind == "heading" and indent == 0:
            self.error(a, "a heading must stand in its own paragraph", "leave empty lines around the heading")
            if unrecorded is not None:
                self.record(unrecorded)
            self.block(lines[j:], None)
            return None
        if last is not None and last.is_reference and last.data is None and text.lstrip().startswith("{"):
            # data on the line after a reference: [A] then {k: 1}
            info = self.content(a + indent, b, lines, j, allow_data=True, reference=True)
            last.data = info.data
            return info.end_line + 1
        if last is None or last.closed:
            self.error(
                a + indent,
                f"unexpected text {text.strip()!r} after a reference or data block",
                "continue a statement's text only after [Title]: text; relations start with " + SYMBOL_LIST,
            )
            return j + 1
        info = self.content(a + indent, b, lines, j, allow_data=True)
        last.text = " ".join(x for x in (last.text, info.text) if x)
        last.tags.extend(info.tags)  # duplicates go when the element is recorded
        if info.data is not None:
            last.data = _data.merge(last.data or {}, info.data)
        last.closed = info.closed
        return info.end_line + 1

    def relate(self, symbol: str, parent: Element, child: Element, where: Location, depth: int) -> None:
        kind, child_is_source = SYMBOLS[symbol]
        refs = self.refs
        child_ref = refs[child.kind].get(child.title) or self.ref_of(child)
        parent_ref = refs[parent.kind].get(parent.title) or self.ref_of(parent)
        source, target = (child_ref, parent_ref) if child_is_source else (parent_ref, child_ref)
        relation = Relation(kind, source, target, where)
        self.relations.append(relation)
        if self.strict:
            self.made.append((relation, depth))
