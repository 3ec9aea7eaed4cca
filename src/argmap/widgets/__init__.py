"""The notebook widgets: the only part of argmap that imports ipywidgets/anywidget.

* :class:`Annotator` — the learner's workbench (click, judge, note, add, what still stands, export);
* :class:`MapView` — the clickable, restylable map it is built on;
* :class:`Download` — a download button that works in JupyterLab and Voilà alike;
* :func:`ask` / :func:`reveal` — exercises for the teaching notebooks;
* :func:`text_input` — paste or upload a text, saved beside the notebook.
"""

try:
    import anywidget  # noqa: F401
    import ipywidgets  # noqa: F401
except ImportError as exc:  # pragma: no cover - the notebook extra is missing
    raise ImportError(
        f"argmap.widgets needs the notebook extra ({exc.name} is not installed): "
        "pip install 'argmap[notebook]'"
    ) from exc

from .annotator import Annotator, default_annotation_path
from .download import Download
from .mapview import MapView
from .teach import Question, Reveal, TextInput, ask, reveal, text_input

__all__ = [
    "Annotator",
    "Download",
    "MapView",
    "Question",
    "Reveal",
    "TextInput",
    "ask",
    "default_annotation_path",
    "reveal",
    "text_input",
]
