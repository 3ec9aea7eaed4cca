"""The Argdown subset: :func:`parse` text into an :class:`~argmap.model.ArgumentMap`,
:func:`write` a map back as Argdown text.

>>> m, problems = parse("[A]: Cats purr.\\n  - [B]: Not all of them.")
>>> parse(write(m))[0] == m
True
"""

from __future__ import annotations

from .data import DataError
from .parser import MAX_BYTES, ROLE_TAGS, parse, resolve_roles
from .writer import write

__all__ = ["MAX_BYTES", "ROLE_TAGS", "DataError", "parse", "resolve_roles", "write"]
