"""Argdown as people write it: :func:`parse` text into an :class:`~argmap.model.ArgumentMap`,
:func:`write` a map back as Argdown text.

The package owns the text format and imports only :mod:`argmap.model` and
:mod:`argmap.errors` (and PyYAML, on first use).  Its modules follow Argdown's own
split of lexer, parser and model plugin: :mod:`.tokens` (line kinds and marks),
:mod:`.parser` (one parse, with located diagnostics) over a reader per construct
(:mod:`.reader` the shared state; :mod:`.comments`, :mod:`.frontmatter`,
:mod:`.paragraphs`, :mod:`.elements`, :mod:`.records` equivalence classes,
:mod:`.trees` relation trees, :mod:`.pcs` premise–conclusion structures),
:mod:`.builder` (relations and roles as
Argdown's model makes them, strict mode), :mod:`.data` and :mod:`.yamldata` (data
blocks and front matter), :mod:`.inline` (bold, italic, links, shortcodes in a
text) and :mod:`.writer`.

>>> m, problems = parse("[A]: Cats purr.\\n  - [B]: Not all of them.")
>>> parse(write(m))[0] == m
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .data import DataError
from .parser import MAX_BYTES, ROLE_TAGS, is_strict, parse, relation_type, resolve_roles

if TYPE_CHECKING:
    from ..model import ArgumentMap

__all__ = [
    "MAX_BYTES",
    "ROLE_TAGS",
    "DataError",
    "is_strict",
    "parse",
    "relation_type",
    "resolve_roles",
    "write",
]


def write(m: ArgumentMap) -> str:
    """Argdown text for ``m`` (see :func:`argmap.argdown.writer.write`).

    The writer is imported on first use: reading and rendering a map never need it.
    """
    from .writer import write as _write

    return _write(m)
