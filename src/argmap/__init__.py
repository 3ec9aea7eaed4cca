"""argmap: argument maps in the notebook.

Argdown text in; a checked, immutable :class:`ArgumentMap`; Graphviz pictures,
outlines, learner annotations and PDF out.  Nothing here starts a process or
imports Jupyter at import time.
"""

from . import model as _model
from .core import check, check_text, load, loads
from .errors import ArgmapError, Diagnostic, Location, MapError, Severity
from .model import (
    Anchor,
    Argument,
    ArgumentMap,
    Basis,
    Inference,
    NodeRef,
    Relation,
    RelationKind,
    Role,
    Statement,
)

__version__ = "0.1.0"

__all__ = [
    "Anchor",
    "ArgmapError",
    "Argument",
    "ArgumentMap",
    "Basis",
    "Diagnostic",
    "Inference",
    "Location",
    "MapError",
    "NodeRef",
    "Relation",
    "RelationKind",
    "Role",
    "Severity",
    "Statement",
    "check",
    "check_text",
    "load",
    "loads",
    "show",
]


def show(m: ArgumentMap, **options: object) -> object:
    """A map's picture with options, for a notebook cell: ``argmap.show(m, detail="full")``
    (see :func:`argmap.notebook.show`)."""
    from .notebook import show as _show

    return _show(m, **options)


def _display(m: ArgumentMap) -> dict[str, object]:
    """A map's notebook display (see :data:`argmap.model.display_hook`)."""
    from .notebook import display_bundle

    return display_bundle(m)


_model.display_hook = _display


def load_ipython_extension(ipython: object) -> None:
    """``%load_ext argmap``: registers the ``%%argmap`` cell magic."""
    from .notebook import load_ipython_extension as _load

    _load(ipython)
