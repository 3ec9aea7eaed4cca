"""The picture of a map: what is shown (scene), how it reads (labels), DOT text (dot).

This layer owns the diagram.  It turns an :class:`~argmap.model.ArgumentMap` into
Graphviz DOT in three pure steps, none of which starts a process:

* :mod:`.scene` decides *what* is drawn and how it is grouped: which statements a
  partial view shows (``focus``/``include``), which evidence is folded into a count
  on the claim it supports, which shared premises are repeated in each line of
  support, where arguments need a junction, which way the tree grows (``auto``
  picks the orientation that keeps text readable), and where a view was cut;
* :mod:`.labels` builds each node's HTML-like label (role word, title, text, quote
  and paragraph, folded evidence, overlay badge) with every piece of user text
  escaped;
* :mod:`.dot` writes the scene as DOT, with the key drawn from real miniature
  nodes and edges.

It imports the model and :mod:`argmap.draw.theme`; it never imports widgets, Jupyter or
the output layer.
"""

from __future__ import annotations

from .dot import to_dot
from .graph import node_ids, node_refs, subset, visible_refs
from .scene import Scene, build_scene

__all__ = ["Scene", "build_scene", "node_ids", "node_refs", "subset", "to_dot", "visible_refs"]
