"""Indented relation trees (``+ - _ <+ +> <- -> <_ _> ><``) under a statement or argument,
ranked in the order Argdown's model makes their relations.
"""

from __future__ import annotations

from typing import Any

from ..errors import Location
from ..model import Relation
from . import data as _data
from .reader import _Element, _Reader
from .tokens import _BAR, _HEADING, _PCS_NUMBER, _RELATION, _SYMBOL_LIST, _SYMBOLS


class _Trees(_Reader):
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
