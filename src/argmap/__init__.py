"""argmap: argument maps in the notebook.

Argdown text in; a checked, immutable :class:`ArgumentMap`; Graphviz pictures,
outlines, learner annotations and PDF out.  Nothing here starts a process or
imports Jupyter at import time.
"""

import sys

from .errors import ArgmapError, Diagnostic, Location, MapError, Severity

# ``typing`` costs a few milliseconds to import, and ``import argmap`` (and the command
# line) needs nothing of it: the type checkers read this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from typing_extensions import Unpack

    from .draw.options import PictureArgs, PictureOptions
    from .model import ArgumentMap

__version__ = "0.1.0"

#: The rest of the public API, imported on first use (``import argmap`` stays cheap):
#: name -> the module that defines it.
_LAZY = {
    # the map and reading it
    "Anchor": "argmap.model",
    "Argument": "argmap.model",
    "ArgumentMap": "argmap.model",
    "Basis": "argmap.model",
    "Inference": "argmap.model",
    "NodeRef": "argmap.model",
    "Relation": "argmap.model",
    "RelationKind": "argmap.model",
    "Role": "argmap.model",
    "Statement": "argmap.model",
    "check": "argmap.checking.load",
    "check_text": "argmap.checking.load",
    "load": "argmap.checking.load",
    "loads": "argmap.checking.load",
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
    "paragraph_answer": "argmap.classroom.teaching",
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
    _hook_display()
    return value


def _hook_display() -> None:
    """Once the model is loaded, a map shows itself as its diagram in a notebook
    (:data:`argmap.model.display_hook`; the notebook layer is imported on first display)."""
    model = sys.modules.get("argmap.model")
    if model is not None and getattr(model, "display_hook", None) is None:
        setattr(model, "display_hook", _display)  # noqa: B010 - a module found at run time


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


def show(
    m: "ArgumentMap", picture: "PictureOptions | None" = None, /, **options: "Unpack[PictureArgs]"
) -> object:
    """A map's picture with options, for a notebook cell: ``argmap.show(m, detail="full")``
    (see :func:`argmap.notebook.show`)."""
    from .notebook import show as _show

    return _show(m, picture, **options)


def _display(m: "ArgumentMap") -> "dict[str, Any]":
    """A map's notebook display (see :data:`argmap.model.display_hook`)."""
    from .notebook import display_bundle

    return display_bundle(m)


_hook_display()


def load_ipython_extension(ipython: object) -> None:
    """``%load_ext argmap``: registers the ``%%argmap`` cell magic."""
    from .notebook import load_ipython_extension as _load

    _load(ipython)
