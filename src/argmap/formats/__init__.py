"""Argument data in and out: AIF JSON, microtext ArgGraph XML, SADFace JSON, Argdown.

Every importer returns ``(map, diagnostics)`` and never raises on bad input:
whatever in a file has no place in argmap's model is named in a warning
(``dropped-element`` / ``reduced-element``), and a malformed or hostile file is
a ``format-error`` with its line and column where there is one.

The importers load lazily: ``import argmap`` (and the CLI) pay for an XML or
AIF reader only when one is used.

>>> from argmap.formats import loads_microtexts
>>> m, problems = loads_microtexts('''<arggraph id="t">
... <edu id="e1">Tax sugar.</edu><edu id="e2">It makes people ill.</edu>
... <adu id="a1" type="pro"/><adu id="a2" type="pro"/>
... <edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/>
... <edge id="c3" src="a2" trg="a1" type="sup"/></arggraph>''')
>>> [(s.title, s.role.value) for s in m.statements]
[('Tax sugar', 'thesis'), ('It makes people ill', 'claim')]
>>> problems
[]
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from ..errors import Diagnostic, Location, MapError, Severity
from ..files import read_text
from ..model import ArgumentMap
from ._safe import MAX_BYTES, FormatProblems, check_size
from .detect import FORMATS, detect_format

if TYPE_CHECKING:
    from .aif import dumps_aif as dumps_aif
    from .aif import loads_aif as loads_aif
    from .microtexts import loads_microtexts as loads_microtexts
    from .sadface import loads_sadface as loads_sadface

#: name → submodule: imported on first use (PEP 562).
_LAZY = {
    "loads_aif": "aif",
    "dumps_aif": "aif",
    "loads_microtexts": "microtexts",
    "loads_sadface": "sadface",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "detect_format",
    "dumps",
    "load_any",
    "loads",
    "loads_aif",
    "loads_microtexts",
    "loads_sadface",
]


def _loads_argdown(text: str, path: str | None = None) -> tuple[ArgumentMap, list[Diagnostic]]:
    from ..argdown import parse

    problems = FormatProblems(path)
    if not check_size(text, problems, "Argdown"):
        return ArgumentMap(path=path), problems.items
    m, diagnostics = parse(text, path)
    return m, list(diagnostics)


def _loader(fmt: str) -> Callable[[str, str | None], tuple[ArgumentMap, list[Diagnostic]]]:
    if fmt == "argdown":
        return _loads_argdown
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return __getattr__(f"loads_{fmt}")  # type: ignore[no-any-return]


def loads(text: str, fmt: str, path: str | None = None) -> tuple[ArgumentMap, list[Diagnostic]]:
    """The map in ``text``, read as ``fmt`` (one of :data:`FORMATS`)."""
    m, diagnostics = _loader(fmt)(text, path)
    diagnostics = [d if d.path else d.with_path(path) for d in diagnostics]
    return m.replace(path=path, diagnostics=tuple(d for d in diagnostics if not d.is_error)), diagnostics


def load_any(path: str | os.PathLike[str], fmt: str | None = None) -> tuple[ArgumentMap, list[Diagnostic]]:
    """Read the file at ``path`` in ``fmt``, or in the format its name and content show.

    A missing or unreadable file raises :class:`~argmap.errors.ArgmapError`; a file
    that is too big, not UTF-8, of unknown format or malformed gives error diagnostics.
    """
    name = os.fspath(path)
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    try:
        text = read_text(path, limit=MAX_BYTES, what="import", code="format-error")
    except MapError as exc:
        return ArgumentMap(path=name), list(exc.diagnostics)
    found = fmt or detect_format(name, text)
    if found is None:
        return ArgumentMap(path=name), [
            Diagnostic(
                "format-error",
                "cannot tell the format of this file from its name or content",
                Location(1, 1),
                Severity.ERROR,
                hint=f"name it with --from; known formats: {', '.join(FORMATS)}",
                path=name,
            )
        ]
    return loads(text, found, name)


def dumps(m: ArgumentMap, fmt: Literal["aif", "argdown"] | str) -> str:
    """``m`` written as ``fmt``: ``"aif"`` (AIF JSON) or ``"argdown"``."""
    if fmt == "aif":
        from .aif import dumps_aif

        return dumps_aif(m)
    if fmt == "argdown":
        from ..argdown import write

        return write(m)
    raise ValueError(f"cannot write {fmt!r}; argmap writes: aif, argdown")
