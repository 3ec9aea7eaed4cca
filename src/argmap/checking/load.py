"""Reading and checking maps: the front door of the pipeline.

``check``/``check_text`` never raise on bad input: they return a :class:`Report`
with every diagnostic, sorted.  ``load``/``loads`` return a valid map or raise a
:class:`~argmap.errors.MapError` that carries all the diagnostics.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Diagnostic, MapError, Severity, sort_diagnostics
from ..files import read_text
from ..model import Argument, ArgumentMap, RelationKind, Role, Statement
from ..text import count

if TYPE_CHECKING:
    from .validate import Profile

__all__ = ["Report", "check", "check_text", "load", "loads", "read_text", "summary"]


@dataclass(frozen=True)
class Report:
    """The result of checking one map: the map as far as it could be read, and
    every diagnostic (errors and warnings) in reading order."""

    path: str | None
    map: ArgumentMap
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, Any]:
        """Counts as Argdown's JSON export makes them, plus argmap's roles."""
        return counts(self.map)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "counts": self.counts(),
        }

    def format(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)


def counts(m: ArgumentMap) -> dict[str, Any]:
    """Statements (equivalence classes), arguments, relations by type, statements by role."""
    from ..argdown import relation_type  # 'entails' in Argdown's strict mode

    relations = {kind.value: 0 for kind in RelationKind}
    for r in m.relations:
        kind = relation_type(m, r)
        relations[kind] = relations.get(kind, 0) + 1
    roles = {role.value: 0 for role in Role}
    for s in m.statements:
        roles[s.role.value] += 1
    return {
        "statements": len(m.statements),
        "arguments": len(m.arguments),
        "relations": relations,
        "roles": roles,
    }


#: Graphviz (2.43 and later) refuses a quoted or HTML string longer than this (bytes).
GRAPHVIZ_STRING_LIMIT = 16_384

#: The most a node's title and text may take in its label, bytes after escaping and
#: wrapping (:func:`label_bytes`): room is left for the label's table markup.
MAX_LABEL_BYTES = 12_000


def summary(m: ArgumentMap) -> str:
    """One line a reader (and nbval's text comparison) can check."""
    c = counts(m)
    roles = ", ".join(f"{n} {r}" for r, n in c["roles"].items() if n)
    rel = ", ".join(f"{n} {k}" for k, n in c["relations"].items() if n)
    title = f"{m.title!r}: " if m.title else ""
    return (
        f"ArgumentMap {title}{count(c['statements'], 'statement')} ({roles or 'none'}), "
        f"{count(c['arguments'], 'argument')}, relations: {rel or 'none'}"
    )


def label_bytes(text: str) -> int:
    """An upper bound on the bytes ``text`` takes in a Graphviz HTML label: UTF-8,
    every character reference (``&quot;`` …) and a line break every 20 characters.

    >>> label_bytes("a & b"), label_bytes("x" * 40)
    (28, 94)
    """
    if not text:
        return 0
    size = len(text.encode("utf-8", "surrogatepass"))
    size += 5 * (text.count("&") + text.count('"') + text.count("'"))
    size += 3 * (text.count("<") + text.count(">") + text.count("]") + text.count("\\"))
    return size + 18 * (len(text) // 20 + 1)


def too_long(m: ArgumentMap) -> Iterator[Diagnostic]:
    """``text-too-long`` for each statement or argument whose title and text could
    not be drawn: Graphviz refuses labels over :data:`GRAPHVIZ_STRING_LIMIT` bytes,
    so they are refused here, located, before Graphviz sees them."""
    nodes: list[Statement | Argument] = [*m.statements, *m.arguments]
    for node in nodes:
        size = label_bytes(node.title) + (label_bytes(node.text) if node.text != node.title else 0)
        if size > MAX_LABEL_BYTES:
            kind = "statement" if isinstance(node, Statement) else "argument"
            chars = len(node.title) + len(node.text)
            yield Diagnostic(
                "text-too-long",
                f"the {kind} {node.ref} is {chars:,} characters long: too long to draw "
                f"(Graphviz refuses labels over {GRAPHVIZ_STRING_LIMIT:,} bytes)",
                node.location,
                hint="keep titles short and texts to a paragraph; quote long passages from the source text",
            )


def check_text(
    text: str,
    path: str | None = None,
    *,
    base_dir: str | os.PathLike[str] | None = None,
    profile: Profile = "map",
) -> Report:
    """Parse and validate Argdown ``text``; ``base_dir`` is where ``source:`` is looked up.

    ``profile="teaching"`` checks a map meant as the answer to "find the thesis"
    (see :data:`argmap.checking.validate.Profile`).
    """
    from ..argdown import parse
    from .validate import validate

    m, diagnostics = parse(text, path)
    m, more = validate(m, base_dir=base_dir, profile=profile)
    more = [*more, *too_long(m)]
    found = sort_diagnostics(d if d.path else d.with_path(path) for d in [*diagnostics, *more])
    m = m.replace(path=path, diagnostics=tuple(d for d in found if not d.is_error))
    return Report(path, m, tuple(found))


def check(path: str | os.PathLike[str], *, profile: Profile = "map") -> Report:
    """Read, parse and validate the map file at ``path`` (``profile``: see :func:`check_text`)."""
    try:
        text = read_text(path)
    except MapError as exc:
        return Report(str(path), ArgumentMap(path=str(path)), exc.diagnostics)
    return check_text(text, str(path), base_dir=Path(path).parent, profile=profile)


def loads(
    text: str, path: str | None = None, *, base_dir: str | os.PathLike[str] | None = None
) -> ArgumentMap:
    """A valid map from Argdown text, or :class:`MapError` listing every problem."""
    report = check_text(text, path, base_dir=base_dir)
    if not report.ok:
        raise MapError(report.diagnostics)
    return report.map


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """A valid map from a ``.argdown`` file, or :class:`MapError` listing every problem."""
    report = check(path)
    if not report.ok:
        raise MapError(report.diagnostics)
    return report.map
