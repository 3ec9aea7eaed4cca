"""Argdown text → :class:`~argmap.model.ArgumentMap`, with located diagnostics.

The parser reads the everyday Argdown of argdown.org (see ``docs``/DESIGN.md)
the way the Argdown CLI 1.7.5 reads it, and refuses — with a located error
naming the construct — what argmap does not support.  It never raises on bad
text: it returns a best-effort map and every diagnostic found in one pass.

It works paragraph by paragraph (Argdown's blocks are separated by empty
lines) over the text with comments blanked out, so columns stay true.
"""

from __future__ import annotations

import gc

from ..errors import Diagnostic, Location, Severity, sort_diagnostics
from ..model import Argument, ArgumentMap, Statement
from .builder import ROLE_TAGS, is_strict, normalise_relations, relation_type, resolve_roles, roles_of
from .comments import CommentReader
from .elements import ElementReader
from .frontmatter import FrontMatterReader
from .paragraphs import ParagraphReader
from .pcs import PCSReader
from .reader import Element
from .records import RecordReader
from .tokens import FENCE, NOT_BLANK, SURROGATE
from .trees import TreeReader

__all__ = ["MAX_BYTES", "ROLE_TAGS", "is_strict", "parse", "relation_type", "resolve_roles"]

#: Maps larger than this (in UTF-8 bytes) are refused with ``file-too-large``.
MAX_BYTES = 2_000_000


class _Parser(
    CommentReader, FrontMatterReader, ParagraphReader, ElementReader, RecordReader, TreeReader, PCSReader
):
    """One parse: the readers of every construct over one text."""

    # -- pass 2: paragraphs -----------------------------------------------------
    def run(self) -> None:
        body_start = self.front_matter()
        if body_start > 0 and not NOT_BLANK.search(self.src, body_start) and not self.diagnostics:
            self.error(
                Location(1, 1),
                "the map has front matter and nothing else; Argdown refuses such a file",
                "add at least one statement after the front matter and an empty line",
                code="argdown-incompatible",
                severity=Severity.WARNING,
            )
        model = self.front.get("model")
        self.strict = isinstance(model, dict) and model.get("mode") == "strict"
        text, comment_only = self.strip_comments(body_start)
        self.set_text(text)
        first_line = self.loc(body_start).line if body_start < len(self.src) else len(self.line_starts) + 1
        blocks: list[list[int]] = []
        current: list[int] = []
        for line, line_text in enumerate(self.line_texts[first_line - 1 :], first_line):
            if line_text and not line_text.isspace():
                if line not in comment_only:
                    current.append(line)
            elif current and line not in comment_only:
                blocks.append(current)
                current = []
        if current:
            blocks.append(current)
        previous: Element | None = None
        i = 0
        while i < len(blocks):
            block = blocks[i]
            i += 1
            head = self.line_texts[block[0] - 1]
            fence = FENCE.match(head) if "```" in head or "~~~" in head else None
            if fence is not None:
                start = self.line_starts[block[0] - 1]
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

    # -- the model ---------------------------------------------------------------------------
    def build(self) -> ArgumentMap:
        """The map read (and the diagnostics sorted in reading order: its warnings go in it)."""
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
        relations = normalise_relations(self.relations, reconstructed, self.strict, self.exit_rank)
        for s in self.statements.values():
            if len(s.role_tags) < 2:
                continue
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
        titles_tags = [(s.title, tuple(s.tags)) for s in self.statements.values()]
        roles = roles_of(titles_tags, relations)
        statements_t = [
            Statement(
                title,
                s.text,
                roles[title],
                tags,
                s.data,
                s.section,
                None,
                s.location,
                tuple(s.texts) if len(s.texts) > 1 else (),
            )
            for s, (title, tags) in zip(self.statements.values(), titles_tags, strict=True)
        ]
        self.diagnostics = sort_diagnostics(self.diagnostics)
        return ArgumentMap(
            tuple(statements_t),
            tuple(arguments),
            tuple(relations),
            self.front,
            self.path,
            tuple(d for d in self.diagnostics if not d.is_error),
            tuple(self.sections),
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
    try:  # one pass finds the size and any lone surrogate (which cannot be encoded)
        size = len(text) if text.isascii() else len(text.encode("utf-8"))
        surrogate = None
    except UnicodeEncodeError:
        size = len(text.encode("utf-8", "surrogatepass"))
        surrogate = SURROGATE.search(text)
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
    # The parse makes many small objects that all live on in the map and form no cycle:
    # the cyclic garbage collector would only walk them again and again (a fifth of the
    # time on 8,000 statements, and growing faster than the map).  It is paused while
    # the parser runs and resumed as it was; what PyYAML leaves is collected after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        p = _Parser(text, path)
        p.run()
        m = p.build()
    finally:
        if collecting:
            gc.enable()
    return m, p.diagnostics  # in reading order, the warnings in the map too
