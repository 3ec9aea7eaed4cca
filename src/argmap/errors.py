"""Locations, diagnostics and the package's exceptions.

Every problem a user can fix is a :class:`Diagnostic` with a stable code (see
:data:`CODES`), a severity, a location and, where we can help, a hint.  Parsing
and validation collect diagnostics and report them together; only the public
``load``/``render`` functions raise, and then a :class:`MapError` carrying them all.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field

__all__ = [
    "CODES",
    "AnnotationError",
    "FocusError",
    "ArgmapError",
    "Diagnostic",
    "GraphvizNotFoundError",
    "Location",
    "MapError",
    "OutputError",
    "ReadError",
    "RenderError",
    "Severity",
    "UnsafePathError",
    "bug_message",
]


#: What argmap calls text that comes from no file (a notebook cell, a string): shown as
#: it is in a diagnostic, never quoted like a file's name.
PSEUDO_PATHS = frozenset({"<cell>", "<text>", "<string>", "<stdin>"})


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line and column in a text (a map file, a notebook cell)."""

    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


#: Every diagnostic code argmap emits, with what it means.  One source of truth:
#: the CLI's ``--list-codes``, the docs and the tests read this table.
CODES: dict[str, str] = {
    # syntax (argdown/)
    "syntax-error": "the text is not valid in argmap's Argdown subset",
    "unsupported-construct": "valid Argdown that argmap does not support (named in the message)",
    "file-too-large": "the file is over the size limit for maps",
    "duplicate-definition": "one title given two different texts",
    "premise-number": "a premise-conclusion line's number is out of sequence (its position counts)",
    "empty-statement": "a numbered line holds no statement: read as an empty one, as Argdown reads it",
    "inference-uses": "an inference's {uses: …} names no line before it: kept as data; the lines above count",
    "argdown-incompatible": "argmap reads this, but the Argdown tools refuse it (it would not open there)",
    "include-refused": "@include is not followed: the map must stand in one file",
    "text-too-long": "a title or text is too long to draw (Graphviz refuses labels over 16,384 bytes)",
    # references and structure (validate.py)
    "unknown-statement": "a mention or reference names a statement that is never defined",
    "unknown-argument": "a mention or reference names an argument that is never defined",
    "circular-support": "statements support each other in a cycle",
    "no-thesis": "the map has no statement tagged #thesis",
    "several-theses": "the map has more than one statement tagged #thesis",
    "unattached-assumption": "an assumption is not a premise of any inference nor related to anything",
    "evidence-without-quote": "a statement tagged #evidence has no {quote: ...}",
    "orphan": "a statement or argument is connected to nothing",
    "unknown-basis": "the basis of a piece of evidence is not one argmap knows",
    "unknown-scheme": "an inference names an argumentation scheme argmap does not know",
    "bad-undercut": "an undercut aims at a statement instead of an argument",
    "conflicting-roles": "a statement carries two role tags",
    "empty-argument": "an argument has neither text nor premise-conclusion structure",
    "similar-title": "a title used but never defined is close to a defined one (misspelt?): "
    "Argdown reads it as a new, empty statement",
    # teaching checks (teaching.py)
    "unknown-role-tag": "a tag looks like a role argmap does not know (#undercut, #reason): did you mean …?",
    "role-contradicts-relation": "a statement's role contradicts its relation (+ [X] #objection)",
    "rabbit-rule": "a step's conclusion uses key terms that no premise mentions",
    "holding-hands": "a premise of a step shares no key term with the conclusion or the other premises",
    # source text (source.py)
    "source-not-found": "the source text named in the front matter does not exist",
    "source-unreadable": "the source text cannot be used (absolute path, not a file, not UTF-8, too large)",
    "source-outside-folder": "the source text lies outside the map's folder (and any folder allowed)",
    "quote-not-in-source": "a quoted passage does not stand in the source text",
    "quote-without-source": "a statement quotes a source, but the map names none",
    "ambiguous-quote": "a quoted passage stands more than once in the source text",
    # annotations
    "annotation-damaged": "a learner's annotation file is not valid JSON or not in the expected shape",
    "annotation-foreign": "a learner's annotation file belongs to another map",
    "annotation-newer": "a learner's annotation file was written by a newer version of argmap",
    "learner-look-alike": "different learners' names that look the same on screen (a Cyrillic А, 0 for O)",
    # importers (formats/)
    "format-error": "an AIF, microtext or SADFace file is malformed, hostile or not in the expected shape",
    "dropped-element": "an element of an imported file has no place in argmap's model; left out, named",
    "reduced-element": "an element of an imported file was kept in a simpler form (named in the message)",
}


@dataclass(frozen=True)
class Diagnostic:
    """One problem, located: ``path:line:col: severity[code]: message`` plus a hint."""

    code: str
    message: str
    location: Location = field(default_factory=Location)
    severity: Severity = Severity.ERROR
    hint: str | None = None
    path: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            known = ", ".join(sorted(CODES))
            raise ValueError(f"unknown diagnostic code {self.code!r}; known: {known}")

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path or "", self.location.line, self.location.column, self.code)

    def format(self) -> str:
        """The text form: ``case.argdown:12:5: error[code]: message`` and an indented hint.

        What comes from a file (its name, text quoted in the message or hint) is shown
        :func:`~argmap.text.terminal_safe`, the name :func:`~argmap.text.quoted` where
        it needs it: one diagnostic is one line (and its hint's), whatever a file holds."""
        from .text import quoted, terminal_safe

        # the names argmap gives text that has no file ("<cell>" in a notebook) stand bare
        shown = self.path if self.path in PSEUDO_PATHS else quoted(self.path) if self.path else "<text>"
        where = f"{shown}:{self.location}"
        text = f"{where}: {self.severity}[{self.code}]: {terminal_safe(self.message)}"
        if self.hint:
            text += "\n  hint: " + "\n        ".join(terminal_safe(h) for h in self.hint.split("\n"))
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "line": self.location.line,
            "column": self.location.column,
            "message": self.message,
            "hint": self.hint,
        }

    def with_path(self, path: str | None) -> Diagnostic:
        from dataclasses import replace

        return replace(self, path=path)

    def __str__(self) -> str:
        return self.format()


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in reading order (file, line, column), duplicates removed."""
    seen: set[tuple[object, ...]] = set()
    out: list[Diagnostic] = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        key = (d.path, d.location, d.code, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


class ArgmapError(Exception):
    """Base of every error argmap raises on bad input; the CLI catches only this, and
    maps it to an exit code (:func:`argmap.cli.exit_code`): these classes know nothing
    of the command line."""

    def show(self) -> str:
        return str(self)


class MapError(ArgmapError):
    """A map has errors; ``diagnostics`` holds all of them, errors and warnings."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(sort_diagnostics(diagnostics))
        errors = [d for d in self.diagnostics if d.is_error]
        super().__init__("\n".join(d.format() for d in errors) or "map has errors")

    def show(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)


class GraphvizNotFoundError(ArgmapError):
    """The Graphviz ``dot`` program is not installed (or not on PATH)."""

    INSTALL = (
        "Graphviz's `dot` program was not found. Install it with one of:\n"
        "  Debian/Ubuntu: sudo apt-get install graphviz\n"
        "  macOS:         brew install graphviz\n"
        "  conda:         conda install -c conda-forge graphviz\n"
        "(The text outline, `argmap outline FILE`, works without it.)"
    )

    def __init__(self, message: str | None = None):
        super().__init__(message or self.INSTALL)


class RenderError(ArgmapError):
    """Graphviz ran but failed, or an output cannot be written."""


class ReadError(ArgmapError):
    """A file cannot be read at all: missing, unreadable, or not a regular file.
    ``name`` is the file as shown, ``reason`` why (``"no such file"``, ``"is a folder, …"``)."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class OutputError(ArgmapError):
    """An output cannot be written: badly named (``named_badly``: a folder, a wrong
    ending, a file the command reads, a read-only place) or the disk failed."""

    def __init__(self, message: str, *, named_badly: bool = True):
        super().__init__(message)
        self.named_badly = named_badly


class FocusError(ArgmapError, ValueError):
    """A ``--focus`` names no statement or argument of the map (a usage slip)."""


class UnsafePathError(ArgmapError):
    """An output or source path would escape the folder it must stay in."""


class AnnotationError(ArgmapError):
    """A learner's annotation file cannot be used; it is kept as it is, never overwritten."""

    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic
        super().__init__(diagnostic.format())


#: Set by the CLI's ``--debug``: an unexpected exception keeps its traceback instead
#: of becoming :func:`bug_message`.
DEBUG: ContextVar[bool] = ContextVar("argmap_debug", default=False)

BUG = "this is a bug in argmap; please report it"


def bug_message(exc: BaseException, where: str | None = None) -> str:
    """One line for an exception argmap did not expect: the input, no stack.

    >>> bug_message(IndexError("tuple index out of range"), "map.argdown")
    'map.argdown: this is a bug in argmap; please report it (IndexError: tuple index out of range); \
run again with --debug for details'
    """
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    what = what if len(what) <= 200 else what[:200] + "…"
    return f"{where + ': ' if where else ''}{BUG} ({what}); run again with --debug for details"
