"""Each occurrence of a statement or argument merged into its node, as Argdown's model
merges the members of an equivalence class: tags and data add up, every distinct text is
kept, and the last one (or the one marked ``{isCanonical: true}``) is shown.
"""

from __future__ import annotations

from ..errors import Severity
from ..model import NodeKind
from . import data as _data
from .builder import ROLE_TAGS
from .reader import ArgumentAcc, Element, Reader, StatementAcc

_STATEMENT = NodeKind.STATEMENT


class RecordReader(Reader):
    def record(self, elem: Element) -> None:
        """Merge one occurrence into its equivalence class (statement) or argument."""
        text, tags, data, title = elem.text, elem.tags, elem.data, elem.title
        if text and ("*" in text or "_" in text):
            self.unclosed_marks(elem)
        acc: StatementAcc | ArgumentAcc | None
        if elem.kind is _STATEMENT:
            acc = self.statements.get(title)
            if acc is None:
                acc = self.statements[title] = StatementAcc(title, elem.location, self.section)
            for t in tags:
                role = t.lower()
                if role in ROLE_TAGS:
                    acc.role_tags.append((role, elem.location))
        else:
            acc = self.arguments.get(title)
            if acc is None:
                acc = self.arguments[title] = ArgumentAcc(title, elem.location, self.section)
        if not elem.is_reference and not acc.defined:
            acc.defined = True
            acc.section = self.section
            acc.location = elem.location
        if tags:
            acc.tags.update(dict.fromkeys(tags))
        if data:
            acc.data = _data.merge(acc.data, data) if acc.data else dict(data)
        if text:
            if not acc.texts:  # the first text: nothing to compare it with
                acc.texts.append(text)
                acc.text = text
                acc.text_at = elem.location
                acc.canonical = data is not None and data.get("isCanonical") is True
            else:
                self.record_text(elem, acc)

    def record_text(self, elem: Element, acc: StatementAcc | ArgumentAcc) -> None:
        """Keep ``elem``'s text among its node's texts; the canonical one is shown."""
        text = elem.text
        if text not in acc.texts:
            acc.texts.append(text)
            if len(acc.texts) == 2 and acc.text_at is not None:
                what = "statement" if elem.kind is NodeKind.STATEMENT else "argument"
                self.error(
                    elem.location,
                    f"the {what} {elem.ref} is given a second text: {acc.text!r} and {text!r}",
                    f"both are kept (the first stands at line {acc.text_at.line}); the map shows the"
                    " last one, or the one marked {isCanonical: true}. To refer to the"
                    f" {what} again, write only {elem.ref}",
                    code="duplicate-definition",
                    severity=Severity.WARNING,
                )
        marked = bool(elem.data and elem.data.get("isCanonical") is True)
        if marked or not acc.canonical:
            acc.text = text
            acc.text_at = elem.location
            acc.canonical = acc.canonical or marked

    def unclosed_marks(self, elem: Element) -> None:
        """Warn of a ``*`` or ``_`` that opens bold or italic text and is never closed."""
        from .inline import unclosed

        text = elem.text
        marks = unclosed(text)
        if marks:
            mark = text[marks[0]] * (2 if text.startswith(text[marks[0]] * 2, marks[0]) else 1)
            self.error(
                elem.location,
                f"the {mark!r} in {elem.ref} opens bold or italic text that is never closed;"
                " argmap shows it as written, but Argdown refuses the file",
                f"close it ({mark}text{mark}) or escape it as \\{mark[0]}",
                code="argdown-incompatible",
                severity=Severity.WARNING,
            )
