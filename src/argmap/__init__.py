"""argmap: argument maps in the notebook.

Argdown text in; a checked, immutable :class:`ArgumentMap`; Graphviz pictures,
outlines, learner annotations and PDF out.  Nothing here starts a process or
imports Jupyter at import time.
"""

from . import model as _model
from .checking.load import check, check_text, load, loads
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

#: The rest of the public API, imported on first use (``import argmap`` stays cheap):
#: name -> the module that defines it.
_LAZY = {
    # drawing and output
    "render": "argmap.output.export",
    "to_dot": "argmap.draw.dot",
    "PageOptions": "argmap.draw.style",
    "NodeStyle": "argmap.draw.style",
    "to_outline": "argmap.draw.outline",
    "counts": "argmap.checking.load",
    "summary": "argmap.checking.load",
    # judging
    "Annotations": "argmap.annotations",
    "FLAGS": "argmap.annotations",
    "class_folder": "argmap.annotations",
    "compare": "argmap.judge.compare",
    "evaluate": "argmap.judge.evaluate",
    "get_scheme": "argmap.schemes",
    # the classroom
    "agenda": "argmap.classroom.seminar",
    "agenda_markdown": "argmap.classroom.seminar",
    "class_folder_status": "argmap.classroom.seminar",
    "class_view": "argmap.classroom.seminar",
    "learner_files": "argmap.classroom.seminar",
    "feedback": "argmap.classroom.practice",
    "passage": "argmap.classroom.practice",
    "define": "argmap.classroom.glossary",
    "glossary_markdown": "argmap.classroom.glossary",
    "export_pdf": "argmap.classroom.teaching",
    "learner": "argmap.classroom.teaching",
    "feedback_on": "argmap.classroom.teaching",
    "focus": "argmap.classroom.teaching",
    "lines_of_support": "argmap.classroom.teaching",
    "paragraph_of": "argmap.classroom.teaching",
    "read_source": "argmap.classroom.teaching",
    "review": "argmap.classroom.teaching",
    "show_quotes": "argmap.classroom.teaching",
    "show_text": "argmap.classroom.teaching",
    "step": "argmap.classroom.teaching",
}


def __getattr__(name: str) -> object:
    """The lazily imported part of the public API (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
    *_LAZY,
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
