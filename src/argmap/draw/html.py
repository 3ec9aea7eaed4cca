"""A map as HTML: the picture first, the text outline one click away.  Pure.

Notebook front ends render one MIME type per output, and JupyterLab ranks
Markdown above SVG: a bundle offering both shows the outline and hides the map.
So a map's notebook output is one ``text/html`` document that every front end
renders (JupyterLab, Notebook 7, Voilà, VS Code, nbconvert): the inline SVG, scaled
down to the column (never up), then a ``<details>`` block with the outline, for
screen readers and for reading without the picture, never instead of it.

The SVG must already be cleaned (:func:`argmap.output.export.svg_for_notebook`); the
outline's text is escaped here.
"""

from __future__ import annotations

import html
import re

from ..model import ArgumentMap

__all__ = ["md_inline", "outline_html", "picture_html", "pictures_html"]

_MD_TOKEN = re.compile(r"\\(.)|\*\*|\*|[^\\*]+", re.S)
_SVG_OPEN = re.compile(r"<svg\b", re.I)


def md_inline(text: str) -> str:
    """The outline's inline Markdown (bold, italic, backslash escapes) as safe HTML.

    >>> md_inline("**Thesis** <b> \\\\*x*")
    '<strong>Thesis</strong> &lt;b&gt; *x<em></em>'
    """
    out: list[str] = []
    bold = italic = False
    for tok in _MD_TOKEN.finditer(text):
        t = tok.group(0)
        if tok.group(1) is not None:
            out.append(html.escape(tok.group(1)))
        elif t == "**":
            out.append("</strong>" if bold else "<strong>")
            bold = not bold
        elif t == "*":
            out.append("</em>" if italic else "<em>")
            italic = not italic
        else:
            out.append(html.escape(t))
    if italic:
        out.append("</em>")
    if bold:
        out.append("</strong>")
    return "".join(out)


def outline_html(m: ArgumentMap) -> str:
    """:func:`argmap.draw.outline.to_outline` as nested HTML lists."""
    from .outline import to_outline

    return markdown_outline_html(to_outline(m))


def markdown_outline_html(outline: str) -> str:
    """An outline in Markdown (headings, paragraphs, nested ``-`` lists) as HTML."""
    out: list[str] = []
    depth = -1
    for line in outline.splitlines():
        item = re.match(r"^( *)- (.*)$", line)
        if item is None:
            while depth >= 0:
                out.append("</li></ul>")
                depth -= 1
            heading = re.match(r"^#+ (.*)$", line)
            if heading:
                out.append(f"<h3>{md_inline(heading.group(1))}</h3>")
            elif line.strip():
                out.append(f"<p>{md_inline(line)}</p>")
            continue
        level = len(item.group(1)) // 2
        if level > depth:
            out.extend("<ul><li>" for _ in range(level - depth))
        else:
            out.append("</li>")
            for _ in range(depth - level):
                out.append("</ul></li>")
            out.append("<li>")
        depth = level
        out.append(md_inline(item.group(2)))
    while depth >= 0:
        out.append("</li></ul>")
        depth -= 1
    return "\n".join(out)


def picture_html(svg: str | None, outline: str, *, note: str = "", summary: str = "Outline") -> str:
    """The picture (or, without one, a note saying why), a note, and the outline
    (Markdown) folded under ``summary``.

    >>> page = picture_html('<svg width="10pt"></svg>', "- **T**", note="1 folded")
    >>> page.index("<svg") < page.index("<details") and "max-width:100%" in page
    True
    """
    parts = ['<div class="argmap-output">']
    if svg:
        sized = _sized(svg)
        parts.append(f'<div class="argmap-picture" style="overflow-x:auto">{sized}</div>')
    if note:
        parts.append(f'<p class="argmap-note" style="font-size:90%;color:#555">{html.escape(note)}</p>')
    parts.append(
        f'<details class="argmap-outline"><summary>{html.escape(summary)}</summary>'
        f"{markdown_outline_html(outline)}</details>"
    )
    parts.append("</div>")
    return "".join(parts)


def _sized(svg: str) -> str:
    """The SVG scaled down to the column (never up); ``role="img"`` unless it has one."""
    opening = _SVG_OPEN.search(svg)
    if opening is None:
        return svg
    tag_end = svg.find(">", opening.start())
    role = "" if 'role="img"' in svg[opening.start() : tag_end] else ' role="img"'
    return svg[: opening.start()] + f'<svg style="max-width:100%;height:auto"{role}' + svg[opening.end() :]


def pictures_html(
    overview_svg: str,
    panels: list[tuple[str, str, str]],
    outline: str,
    *,
    note: str = "",
    summary: str = "Outline: the map as text",
) -> str:
    """An overview, then each of its lines in a ``<details>`` panel (``panels``:
    id, heading, cleaned SVG), then the outline (Markdown) folded under ``summary``:
    every line is in the page, open with a click, in every front end that renders
    HTML (no script needed).

    >>> page = pictures_html('<svg width="9pt"></svg>', [("line-01", "Line 1: A", "<svg></svg>")], "- T")
    >>> page.count("<details") == 2 and 'id="argmap-line-01"' in page
    True
    """
    parts = ['<div class="argmap-output argmap-overview">']
    parts.append(f'<div class="argmap-picture" style="overflow-x:auto">{_sized(overview_svg)}</div>')
    if note:
        parts.append(f'<p class="argmap-note" style="font-size:90%;color:#555">{html.escape(note)}</p>')
    parts.append('<div class="argmap-lines">')
    for ident, heading, svg in panels:
        parts.append(
            f'<details class="argmap-line" id="argmap-{html.escape(ident)}">'
            f"<summary>{html.escape(heading)}</summary>"
            f'<div class="argmap-picture" style="overflow-x:auto">{_sized(svg)}</div></details>'
        )
    parts.append("</div>")
    parts.append(
        f'<details class="argmap-outline"><summary>{html.escape(summary)}</summary>'
        f"{markdown_outline_html(outline)}</details>"
    )
    parts.append("</div>")
    return "".join(parts)
