"""Premise-conclusion structures: numbered lines, inference bars with rules and data,
and what hangs under them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import Location, Severity
from ..model import Inference, NodeKind, PCSLine
from . import data as _data
from .reader import ArgumentAcc, Element, Reader
from .tokens import BLANKS, INFERENCE_STOP, PLAIN_BAR, YAML_BLOCK_START, yaml_block_end


class PCSReader(Reader):
    # -- premise-conclusion structures ------------------------------------------------------
    def pcs(self, lines: list[int], previous: Element | None) -> None:
        first_at = self.line_starts[lines[0] - 1]
        first_text = self.line_text(lines[0])
        start_loc = self.loc(first_at + len(first_text) - len(first_text.lstrip()), lines[0])
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
                acc = ArgumentAcc(previous.title, start_loc, self.section)  # read, then dropped
        else:
            title = self.next_title()
            acc = ArgumentAcc(title, start_loc, self.section, defined=True)
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
            a = self.line_starts[line - 1]
            num = self.line_kinds[line - 1]
            kind = num.lastgroup
            if kind == "pcs":
                number = int(num.group("num"))
                expected = len(pcs_lines) + 1
                if number != expected:
                    self.error(
                        a + num.start("num") - 1,
                        f"premise-conclusion line ({number}) is out of sequence: it stands as ({expected})",
                        "Argdown counts the lines by position, not by their numbers: number them"
                        " (1), (2), (3) … in order so that readers see the same numbers",
                        code="premise-number",
                        severity=Severity.WARNING,
                    )
                got = self.element(lines, j, a + num.end(), statement_only=True)
                if got is None and not self.line_texts[line - 1][num.end() :].strip():
                    got = self.empty_statement(line, number, a + num.start("num") - 1), j
                if got is None:
                    self.error(
                        a + num.end() - 1,
                        f"the numbered line ({number}) has no statement",
                        "write (n) [Title]: text, (n) [Title] or (n) text",
                    )
                    j += 1
                    continue
                elem, end_line = got
                pcs_lines.append(PCSLine(expected, elem.title, Location(line, num.start("num"))))
                concluded = pending is not None
                if pending is not None:
                    bar_at, rule, idata = pending
                    premises = self.premises(pcs_lines[:-1], segment_start, idata, bar_at)
                    inferences.append(Inference(premises, elem.title, rule, idata, bar_at))
                    segment_start = len(pcs_lines) - 1
                    pending = None
                argument = (
                    Element(NodeKind.ARGUMENT, acc.title, start_loc, True, closed=True) if concluded else None
                )
                j = self.pcs_tail(lines, j, end_line, elem, argument)
                continue
            if kind == "bar":
                bar_at = Location(line, num.end() - 1)
                if pending is not None or not pcs_lines:
                    self.error(
                        bar_at,
                        "an inference bar with no premises before it",
                        "an inference bar '----' stands between numbered premises and their conclusion",
                    )
                rule, idata, j = self.inference(lines, j, a)
                pending = (bar_at, rule, idata)
                j = self.inference_relations(lines, j, acc.title)
                continue
            text = self.line_texts[line - 1]
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
        self, lines: list[int], li: int, end_line: int, elem: Element, inference_of: Element | None = None
    ) -> int:
        """Continuation and relation lines under a numbered line; the index of the next line.

        Under a conclusion (``inference_of`` is its argument), ``_ [U]`` undercuts the
        inference that concludes it, as in Argdown."""
        kinds = self.line_kinds
        j = end_line + 1
        while j < len(lines) and kinds[lines[j] - 1].lastgroup not in ("pcs", "bar"):
            j += 1
        if j == end_line + 1:  # nothing under the line
            self.record(elem)
        else:
            self.relation_lines(lines[end_line:j], 0, elem, undercut_target=inference_of)
        return j

    def inference_relations(self, lines: list[int], j: int, argument: str) -> int:
        kinds = self.line_kinds
        k = j + 1
        while k < len(lines) and kinds[lines[k] - 1].lastgroup == "relation":
            k += 1
        if k > j + 1:
            holder = Element(NodeKind.ARGUMENT, argument, Location(lines[j], 1), True, closed=True)
            self.relation_lines(lines[j:k], 0, holder, only_undercuts=True, record_top=False)
        return k

    def inference(self, lines: list[int], j: int, start: int) -> tuple[str | None, dict[str, Any], int]:
        """The inference that opens with ``--`` at ``start`` (on ``lines[j]``): rule names,
        data and the index of its last line.

        As in Argdown, the bar opens with ``--`` and closes with the next run of two or
        more dashes, on the same line (``----``, ``-- rule {data} --``) or a later one;
        in between stand comma-separated rule names and ``{data}``.  A bare ``--`` or
        ``---`` line never closed is read as a plain bar, with a warning (Argdown refuses it).
        """
        if PLAIN_BAR.fullmatch(self.line_texts[lines[j] - 1]):
            return None, {}, j  # the usual bar, '----': no rule, no data
        s = self.text
        limit = self.line_span(lines[-1])[1]
        blanks = BLANKS.match(s, start)
        opened = blanks.end() if blanks else start
        i = opened + 2
        k = j
        parts: list[str] = []
        rule_lines: set[int] = set()
        idata: dict[str, Any] = {}
        while True:
            line_end = self.line_span(lines[k])[1]
            close = INFERENCE_STOP.search(s, i, line_end)
            stop = close.start() if close is not None else line_end
            parts.append(s[i:stop])
            if s[i:stop].strip(" \t-"):
                rule_lines.add(k)
            if close is not None and s[stop] == "{":
                yaml_block = YAML_BLOCK_START.match(s, stop, limit)
                if yaml_block:
                    dend = yaml_block_end(s, yaml_block.end(), limit)
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
            if nxt >= len(lines) or self.line_kinds[lines[nxt] - 1].lastgroup == "pcs":
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

    def empty_statement(self, line: int, number: int, at: int) -> Element:
        """The statement of a numbered line that holds nothing (or only a comment): an
        empty one with a title of its own, as Argdown reads it, and a warning."""
        where = self.loc(at, line)
        elem = Element(NodeKind.STATEMENT, self.next_title(), where, False, closed=True)
        self.error(
            where,
            f"the numbered line ({number}) holds no statement; it is read as an empty one, [{elem.title}]",
            "write the statement after the number: (n) [Title]: text, (n) [Title] or (n) text",
            code="empty-statement",
            severity=Severity.WARNING,
        )
        return elem

    def premises(
        self, before: list[PCSLine], segment_start: int, idata: Mapping[str, Any], bar_at: Location
    ) -> tuple[str, ...]:
        """The premises of an inference: the lines since the last inference, or those its
        ``{uses: [n, …]}`` names.  As in Argdown (which reads ``uses`` only to explode
        arguments), a ``uses`` that names no line before the inference is free data: it is
        kept, and the lines since the last inference are the premises, with a warning."""
        segment = tuple([line.statement for line in before[segment_start:]])
        uses = idata.get("uses")
        if uses is None:
            return segment
        valid = f"1 to {len(before)}" if before else "none"
        if not isinstance(uses, list) or not all(
            isinstance(u, int) and not isinstance(u, bool) for u in uses
        ):
            problem = f"'uses' is not a list of line numbers: {uses!r}"
        else:
            wrong = [u for u in uses if not 1 <= u <= len(before)]
            if not wrong:
                return tuple(before[u - 1].statement for u in uses)
            named = ", ".join(f"({u})" for u in wrong)
            verb = "does" if len(wrong) == 1 else "do"
            problem = f"'uses' names {named}, which {verb} not stand before this inference"
        self.error(
            bar_at,
            f"{problem}; it is kept as data, and the inference uses the lines above it",
            f"to name the premises write line numbers before the bar, e.g. {{uses: [1, 2]}} (here: {valid})",
            code="inference-uses",
            severity=Severity.WARNING,
        )
        return segment
