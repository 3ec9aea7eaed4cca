"""SVG from Graphviz made safe and readable for a page: no script, no event handler,
no ``javascript:`` link (defence in depth: labels are escaped already), and a name,
a description and readable titles for a screen reader."""

from __future__ import annotations

import html
import re

from ..draw.theme import EDGES, EdgeKind

__all__ = ["accessible_svg", "svg_for_notebook"]

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
