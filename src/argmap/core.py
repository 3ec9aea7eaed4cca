"""Reading and checking maps: the front door of the pipeline.

``check``/``check_text`` never raise on bad input: they return a :class:`Report`
with every diagnostic, sorted.  ``load``/``loads`` return a valid map or raise a
:class:`~argmap.errors.MapError` that carries all the diagnostics.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Diagnostic, MapError, Severity, sort_diagnostics
from .model import ArgumentMap, RelationKind, Role

if TYPE_CHECKING:
    from .validate import Profile

__all__ = ["Report", "check", "check_text", "load", "loads", "read_text"]

#: Maps are small texts; anything bigger than this is refused unread.
MAX_MAP_BYTES = 2 * 1024 * 1024


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
    relations = {kind.value: 0 for kind in RelationKind}
    for r in m.relations:
        relations[r.kind.value] += 1
    roles = {role.value: 0 for role in Role}
    for s in m.statements:
        roles[s.role.value] += 1
    return {
        "statements": len(m.statements),
        "arguments": len(m.arguments),
        "relations": relations,
        "roles": roles,
    }


def read_text(
    path: str | os.PathLike[str],
    *,
    limit: int = MAX_MAP_BYTES,
    what: str = "map",
    code: str = "syntax-error",
) -> str:
    """A file's text (UTF-8, BOM tolerated), refusing huge or binary files.

    A file too large or not UTF-8 raises :class:`MapError` (``file-too-large``, or
    ``code`` at the first bad byte, naming UTF-16); a missing or unreadable path, or
    one that is not a regular file (folder, FIFO, device), raises :class:`ArgmapError`
    before anything is read.  ``what`` names the kind of file in the messages.
    """
    from .files import decode_text, read_bytes

    data = read_bytes(path, limit=limit, what=what)
    return decode_text(data, str(path), code=code, what=what)


def check_text(
    text: str,
    path: str | None = None,
    *,
    base_dir: str | os.PathLike[str] | None = None,
    profile: Profile = "map",
) -> Report:
    """Parse and validate Argdown ``text``; ``base_dir`` is where ``source:`` is looked up.

    ``profile="teaching"`` checks a map meant as the answer to "find the thesis"
    (see :data:`argmap.validate.Profile`).
    """
    from .argdown import parse
    from .validate import validate

    m, diagnostics = parse(text, path)
    m, more = validate(m, base_dir=base_dir, profile=profile)
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
