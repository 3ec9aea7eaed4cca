"""Draw maps: DOT → SVG / PNG / PDF, through the layout backend.

Graphviz runs behind one interface, :mod:`argmap.output.layout`: the ``dot``
program (the only code that starts a process), or Graphviz in WebAssembly when
argmap runs in the browser.  Many maps are laid out in one call with
:func:`render_many` (one ``dot`` process for all of them).
Files are written atomically (a temporary file in the same folder, then
rename), so a failed render never leaves half a picture behind.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import RenderError, UnsafePathError
from .files import atomic_write
from .model import ArgumentMap
from .output.layout import TIMEOUT_SETTING, backend, check_format, find_dot, find_dot_or_none, time_limit
from .output.layout import GraphvizCrash as _Crash
from .render import to_dot
from .theme import EDGES, EdgeKind

__all__ = [
    "FORMATS",
    "TIMEOUT_SETTING",
    "find_dot",
    "find_dot_or_none",
    "time_limit",
    "pipe",
    "readable",
    "render",
    "render_many",
    "safe_output_path",
    "accessible_svg",
    "svg_for_notebook",
]

#: Output formats by file extension; ``.dot`` is the DOT text itself (no Graphviz).
FORMATS: dict[str, str] = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot"}
_GRAPHVIZ_FORMATS = ("svg", "png", "pdf")


def _check_format(fmt: str) -> None:
    check_format(fmt, _GRAPHVIZ_FORMATS)


def pipe(dot_source: str, fmt: str = "svg", *, timeout: float | None = None) -> bytes:
    """Lay out and draw one graph: DOT text in, ``svg``/``png``/``pdf`` bytes out."""
    _check_format(fmt)
    return _render_many([dot_source], fmt, timeout)[0]


def render(
    m: ArgumentMap,
    path_or_fmt: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    timeout: float | None = None,
    **to_dot_opts: Any,
) -> bytes:
    """Draw a map.  A format name (``"svg"``/``"png"``/``"pdf"``/``"dot"``) returns the
    bytes; a path (``map.pdf``) also writes them there, atomically.  ``fmt``
    overrides the format the path's extension implies.

    A PDF keeps the diagram's natural size (vector: zoom in to read a big map);
    ``page=PageOptions("A4", "landscape")`` fits it to one printed page.  For
    print, a big map is better served by :mod:`argmap.handout`, which splits it.
    """
    target = os.fspath(path_or_fmt)
    if fmt is not None and fmt not in FORMATS.values():
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS.values())}")
    if target in FORMATS.values():
        path, fmt = None, target
    elif fmt is not None:
        path = Path(target)
    else:
        path = Path(target)
        suffix = path.suffix.lower()
        if suffix not in FORMATS:
            raise ValueError(
                f"cannot tell the format of {target!r} from its extension; valid: {', '.join(FORMATS)}"
            )
        fmt = FORMATS[suffix]
    page = to_dot_opts.get("page")
    if fmt == "pdf" and page is not None:
        # on paper nothing prints below 7 pt: a map that does not fit one page readably
        # is printed over several (an overview, then its lines of support)
        from .printing import print_pdf

        data = print_pdf(m, page, **{k: v for k, v in to_dot_opts.items() if k != "page"})
    elif (fmt == "dot" and find_dot_or_none() is None) or (fmt != "svg" and _pinned(m, to_dot_opts)):
        source = to_dot(m, **to_dot_opts)  # as asked (DOT text needs no Graphviz)
        data = source.encode("utf-8") if fmt == "dot" else pipe(source, fmt, timeout=timeout)
    else:
        source, svg, _ = readable(m, timeout=timeout, **to_dot_opts)
        if fmt == "dot":
            data = source.encode("utf-8")
        else:
            data = svg if fmt == "svg" else pipe(source, fmt, timeout=timeout)
    if path is not None:
        try:
            atomic_write(path, data)
        except OSError as exc:
            raise RenderError(f"cannot write {target}: {exc}") from exc
    return data


def render_many(sources: Sequence[str], fmt: str = "svg", *, timeout: float | None = None) -> list[bytes]:
    """Render many DOT graphs in ONE ``dot`` process; one result per source, in order.

    Each source must hold exactly one graph (as :func:`argmap.render.to_dot` makes).
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


def safe_output_path(base_dir: str | os.PathLike[str], name: str | os.PathLike[str]) -> Path:
    """``base_dir/name``, refusing any name that would leave ``base_dir``.

    Absolute names, ``..`` and symlinks that point outside raise :class:`UnsafePathError`.
    """
    base = Path(base_dir).resolve()
    raw = os.fspath(name)
    if not raw or "\x00" in raw:
        raise UnsafePathError(f"unusable output name {raw!r}")
    candidate = Path(raw)
    if candidate.is_absolute() or candidate.drive:
        raise UnsafePathError(f"output name {raw!r} must be relative to {base}")
    resolved = (base / candidate).resolve()
    if resolved != base and base not in resolved.parents:
        raise UnsafePathError(f"output name {raw!r} would leave {base}")
    if resolved == base:
        raise UnsafePathError(f"output name {raw!r} names the folder itself, not a file in it")
    return resolved


_PROLOG = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?(?:<!--.*?-->\s*)*", re.S)
_SCRIPT = re.compile(r"<\s*(script|foreignObject|iframe|object|embed)\b.*?(?:</\s*\1\s*>|/>)", re.S | re.I)
_SCRIPT_OPEN = re.compile(r"<\s*/?\s*(script|foreignObject|iframe|object|embed)\b[^>]*>", re.I)
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_EVENT_ATTR = re.compile(r"""\s+on[a-zA-Z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""")
_JS_HREF = re.compile(
    r"""(\s(?:xlink:)?href\s*=\s*)(["'])\s*(?:javascript|vbscript|data)\s*:[^"']*\2""", re.I
)


def svg_for_notebook(svg: str | bytes, *, name: str | None = None, description: str | None = None) -> str:
    """SVG ready to put inline in a notebook or HTML page, and readable by a screen reader.

    Drops the XML prolog, doctype and leading comments, and — defence in depth,
    since labels are escaped already — any script-like element, ``on*=`` event
    attribute and ``javascript:``/``data:`` link.  Then :func:`accessible_svg`: the
    ``<svg>`` gets ``role="img"``, a name and a description (``name`` and
    ``description`` if given, else those argmap's DOT left in the SVG), and each node,
    frame and line a ``<title>`` that says what it is instead of an internal id.
    """
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    said = _SAID.search(text[: _PROLOG.match(text).end()])  # type: ignore[union-attr]
    text = _PROLOG.sub("", text, count=1)
    text = _SCRIPT.sub("", text)
    text = _SCRIPT_OPEN.sub("", text)
    text = _TAG.sub(_clean_tag, text)
    if said is not None:
        name = name if name is not None else html.unescape(said.group(1))
        description = description if description is not None else html.unescape(said.group(2))
    return accessible_svg(text, name or "Argument map", description or "")


# What argmap's DOT says of its picture (a graph comment: argmap¶name¶description;
# user text is cleaned, so it holds no paragraph separator, U+2029), as Graphviz writes it.
_SAID = re.compile("<!-- argmap\u2029([^\u2029]*)\u2029([^\u2029]*?) -->")
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
# A node or cluster group: its <title>, then (with a tooltip) Graphviz's <a xlink:title>.
_TITLED = re.compile(
    r'(<g id="[^"]*" class="(node|cluster|edge|graph)[^"]*"[^>]*>\s*<title>)([^<]*)(</title>)'
    r'(\s*<g id="[^"]*"><a xlink:title="([^"]*)")?'
)
_EDGE_CLASS = re.compile(r'class="edge argmap&#45;edge argmap&#45;([a-z]+)"')


def accessible_svg(svg: str, name: str, description: str) -> str:
    """``svg`` (cleaned, as :func:`svg_for_notebook` gives it) with ``role="img"``, a
    ``<title>`` (``name``) and a ``<desc>`` (``description``) as the first children of
    its ``<svg>``, and readable ``<title>``s: a node's and a frame's say what its
    tooltip says ("CLAIM: Sanctions", "because: Driven by need"), a line's what it does
    and between which ("supports: Sanctions → Convenience"); the titles of the
    layout's own invisible groups are dropped.  Widgets find nodes by ``id``."""
    said: dict[str, str] = {}  # internal name → what its tooltip says

    def node(m: re.Match[str]) -> str:
        if m.group(6) is not None:
            said[html.unescape(m.group(3))] = m.group(6)
            return m.group(1) + m.group(6) + m.group(4) + (m.group(5) or "")
        return m.group(0)

    text = _TITLED.sub(node, svg)

    def rest(m: re.Match[str]) -> str:
        if m.group(6) is not None:
            return m.group(0)
        kind = m.group(2)
        if kind == "edge":
            tail, _, head = html.unescape(m.group(3)).partition("->")
            look = _EDGE_CLASS.search(m.group(1))
            verb = _edge_legend(look.group(1)) if look else "line"
            ends = f"{said.get(tail.split(':')[0], tail)} → {said.get(head.split(':')[0], head)}"
            return m.group(1) + f"{verb}: {ends}" + m.group(4)
        if kind == "cluster":  # a group that only spaces the layout: nothing to say
            return m.group(1)[: m.group(1).rindex("<title>")]
        if kind == "graph":
            return m.group(1) + html.escape(name) + m.group(4)
        return m.group(0)

    text = _TITLED.sub(rest, text)
    head = _SVG_OPEN.search(text)
    if head is None:
        return text
    tag = head.group(0)
    if " role=" not in tag:
        tag = tag[:-1] + ' role="img">'
    intro = f"\n<title>{html.escape(name)}</title>\n" + (
        f"<desc>{html.escape(description)}</desc>\n" if description else ""
    )
    return text[: head.start()] + tag + intro + text[head.end() :]


def _edge_legend(kind: str) -> str:
    try:
        return EDGES[EdgeKind(kind)].legend
    except ValueError:
        return "line"


def _clean_tag(match: re.Match[str]) -> str:
    tag = _EVENT_ATTR.sub("", match.group())
    return _JS_HREF.sub(r"\1\2#\2", tag)


# -- the default picture --------------------------------------------------------------


def readable(
    m: ArgumentMap, *, timeout: float | None = None, **to_dot_opts: Any
) -> tuple[str, bytes, dict[str, Any]]:
    """The DOT and SVG of the map's default picture, laid out once: the whole map when
    it shows on one screen, else its overview (:mod:`argmap.output.pictures`);
    options that fix the picture (``focus``, ``detail="full"``, ``rankdir`` …) draw it
    as asked.  The third item is kept for callers: the options added (none)."""
    from .output.pictures import draw

    main = draw(m, lines=False, timeout=timeout, **to_dot_opts).main
    return main.dot, main.svg, {}


def _pinned(m: ArgumentMap, opts: dict[str, Any]) -> bool:
    """Do the options fix the layout (so that the whole map is drawn as asked)?"""
    from .output.pictures import pinned

    return pinned(opts) or opts.get("detail", "auto") == "full"
