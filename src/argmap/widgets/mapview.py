"""The clickable map: an anywidget showing Graphviz's SVG.

Python sets ``svg`` (after a layout), ``styles`` (a restyle: no layout) and
``labels`` (what a screen reader announces for each node); the browser sets
``selected`` when a node is clicked or chosen with Enter.  Tests drive these
traits directly, as anywidget recommends.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

__all__ = ["MapView"]

_HERE = Path(__file__).parent


class MapView(anywidget.AnyWidget):
    """A Graphviz SVG whose nodes report clicks (``selected``) and take styles."""

    _esm = _HERE / "mapview.js"
    _css = _HERE / "mapview.css"

    svg = traitlets.Unicode("").tag(sync=True)
    #: SVG node name (its ``id`` less ``argmap-``) → {fill, stroke, width, dash, mark, markColor, cls}
    styles = traitlets.Dict().tag(sync=True)
    #: SVG node name → accessible label (plain text)
    labels = traitlets.Dict().tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)
    title = traitlets.Unicode("Argument map").tag(sync=True)
    #: Counted up by the workbench once its panel shows the selected node: a learner
    #: who pressed Enter on a node is then taken into the panel.
    panel_serial = traitlets.Int(0).tag(sync=True)
    #: The node whose card the panel shows (set by Python once it shows it): while it
    #: differs from ``selected`` the browser marks the panel busy, so no judgement
    #: goes to the node shown before.
    shown = traitlets.Unicode("").tag(sync=True)
    #: Counted up by Python to send keyboard focus to the map (its selected node, or
    #: the thesis), scrolled into view: after the learner's name is entered.
    focus_serial = traitlets.Int(0).tag(sync=True)
