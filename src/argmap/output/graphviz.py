"""Lay out and draw DOT graphs through the layout backend (:mod:`argmap.output.layout`):
one graph with :func:`pipe`, many in one call with :func:`render_many` (one ``dot``
process for all of them)."""

from __future__ import annotations

from collections.abc import Sequence

from .layout import GraphvizCrash as _Crash
from .layout import backend, check_format

__all__ = ["GRAPHVIZ_FORMATS", "pipe", "render_many"]

#: What Graphviz draws (``.dot`` is the DOT text itself and needs no Graphviz).
GRAPHVIZ_FORMATS = ("svg", "png", "pdf")


def _check_format(fmt: str) -> None:
    check_format(fmt, GRAPHVIZ_FORMATS)


def pipe(dot_source: str, fmt: str = "svg", *, timeout: float | None = None) -> bytes:
    """Lay out and draw one graph: DOT text in, ``svg``/``png``/``pdf`` bytes out."""
    _check_format(fmt)
    return _render_many([dot_source], fmt, timeout)[0]


def render_many(sources: Sequence[str], fmt: str = "svg", *, timeout: float | None = None) -> list[bytes]:
    """Render many DOT graphs in ONE ``dot`` process; one result per source, in order.

    Each source must hold exactly one graph (as :func:`argmap.draw.dot.to_dot` makes).
    """
    _check_format(fmt)
    if not sources:
        return []
    try:
        return _render_many(sources, fmt, timeout)
    except _Crash:
        if len(sources) == 1:
            raise
        # Graphviz 2.43 sometimes corrupts its heap on a batch of graphs that each lay
        # out fine alone ("corrupted double-linked list"): then one process per graph
        return [out for source in sources for out in _render_many([source], fmt, timeout)]


def _render_many(sources: Sequence[str], fmt: str, timeout: float | None) -> list[bytes]:
    return backend().lay_out(sources, fmt, timeout=timeout)
