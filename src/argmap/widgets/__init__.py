"""The notebook widgets: the only part of argmap that imports ipywidgets/anywidget.

* :class:`Annotator` — the learner's workbench (click, judge, note, add, what still stands);
* :class:`MapView` — the clickable, restylable map it is built on;
* :func:`ask` / :func:`reveal` — exercises for the teaching notebooks.
"""

from .annotator import Annotator, default_annotation_path
from .mapview import MapView
from .teach import Question, Reveal, ask, reveal

__all__ = ["Annotator", "MapView", "Question", "Reveal", "ask", "default_annotation_path", "reveal"]
