"""ArgumentMap → Graphviz DOT text.  Pure: never starts a process.

The picture lives in :mod:`argmap.draw` (scene → labels → DOT); this module keeps
the names callers have always imported from here.  See :mod:`argmap.draw.scene`
for what a view shows, :mod:`argmap.draw.labels` for how a node reads and
:mod:`argmap.theme` for every colour, shape and word.
"""

from __future__ import annotations

from .draw.dot import to_dot
from .draw.graph import node_ids, node_refs, subset, visible_refs
from .draw.style import PAGE_SIZES, NodeStyle, PageOptions
from .text import clean_text, html_text, wrap_text

__all__ = [
    "PAGE_SIZES",
    "NodeStyle",
    "PageOptions",
    "clean_text",
    "html_text",
    "node_ids",
    "node_refs",
    "subset",
    "to_dot",
    "visible_refs",
    "wrap_text",
]
