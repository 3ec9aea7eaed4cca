"""Node labels: Graphviz HTML-like tables built from scene nodes.  Pure.

A statement reads, top to bottom: its role word (``CLAIM``, ``EVIDENCE · fact``,
``ASSUMPTION (unstated)`` …) with an overlay badge on the right, its title in bold
(left out when Argdown made it up, "Untitled 3"), its text, for evidence the quote
with its paragraph ("¶ 8", never broken), then small lines for what the view
folded or cut: "5 pieces of evidence, ¶ 2–6", "in 4 lines of support",
"+3 more under it, not in this view", and a learner's note.  The thesis's title is set larger.

Every piece of user text is cleaned and escaped here (:func:`argmap.text.html_text`);
nothing a user writes becomes markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..argdown.inline import spans
from ..model import Role, Statement
from ..text import BR, clean_text, html_text, lines_html, shorten, wrap_text
from . import theme
from .scene import SceneNode
from .style import NodeStyle

__all__ = [
    "badge_cell",
    "frame_label",
    "label",
    "paragraphs",
    "rich_html",
    "role_word",
    "title_shown",
    "with_ports",
]

_UNTITLED = re.compile(r"Untitled \d+")
_TABLE = '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'


def role_word(s: Statement) -> str:
    look = theme.ROLES[s.role]
    if s.role is Role.EVIDENCE and s.basis is not None:
        return f"{look.word} · {s.basis.label}"
    return look.word


def title_shown(title: str, text: str) -> bool:
    """Is the title worth printing?  Not when Argdown made it up and there is text."""
    return bool(title) and not (_UNTITLED.fullmatch(title) and text)


def paragraphs(statements: Iterable[Statement]) -> str:
    """``¶ 2–4, 7`` for the anchored paragraphs of these statements ('' if none).

    >>> from argmap.model import Anchor
    >>> ss = [Statement("x", anchor=Anchor("q", "", "", 0, 1, p)) for p in (4, 2, 3, 7)]
    >>> paragraphs(ss)
    '¶ 2–4, 7'
    """
    numbers = sorted({s.anchor.paragraph for s in statements if s.anchor is not None})
    runs: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        runs.append(str(numbers[i]) if i == j else f"{numbers[i]}–{numbers[j]}")
        i = j + 1
    return "¶ " + ", ".join(runs) if runs else ""


def rich_html(text: str, width: int) -> str:
    """Statement text as Argdown reads it (bold, italic, links as their text, shortcodes,
    escapes), wrapped and escaped, drawn in bold and italic (a thin space after bold:
    :func:`_after_bold`).

    >>> rich_html("a **firm** claim", 40) == "a <B>firm</B>\u2009 claim"
    True
    >>> rich_html("see [the study](https://example.org) .->. *now*", 12)
    'see the<BR ALIGN="LEFT"/>study → <I>now</I>'
    """
    parts = spans(text)
    plain = "".join(p.text for p in parts)
    if not any(p.bold or p.italic for p in parts):
        return lines_html(clean_text(plain), width)
    styles: list[tuple[bool, bool]] = []
    for p in parts:
        styles += [(p.bold, p.italic)] * len(p.text)
    # white space made single (as clean_text does), keeping each kept character's style
    chars: list[tuple[str, tuple[bool, bool]]] = []
    for ch, st in zip(plain, styles, strict=True):
        if ch.isspace():
            if chars and chars[-1][0] != " ":
                chars.append((" ", st))
        elif ch.isprintable():
            chars.append((ch, st))
    while chars and chars[-1][0] == " ":
        chars.pop()
    flat = "".join(c for c, _ in chars)
    lines = wrap_text(flat, width) if len(flat) > width else [flat]
    if " ".join(lines) != flat:  # a word was hard-broken: draw it plain
        return lines_html(flat, width)
    out, k = [], 0
    for line in lines:
        runs: list[str] = []
        run, run_style = "", None
        for ch in line:
            st = chars[k][1]
            k += 1
            if st != run_style and run:
                runs.append(_styled(run, run_style))
                run = _after_bold(run_style)
            run_style = st
            run += ch
        if run:
            runs.append(_styled(run, run_style))
        out.append("".join(runs))
        k += 1  # the space between two lines
    return BR.join(out)


def _after_bold(style: tuple[bool, bool] | None) -> str:
    """What starts the run after a bold one.  Graphviz measures bold text as if it were
    regular, so the next run would touch it ("consin"), and an SVG drops the space
    that starts a ``<text>``: a thin space, which it keeps, holds them apart."""
    return "\u2009" if style and style[0] else ""


def _styled(text: str, style: tuple[bool, bool] | None) -> str:
    out = html_text(text)
    if style and style[1]:
        out = f"<I>{out}</I>"
    if style and style[0]:
        out = f"<B>{out}</B>"
    return out


def _small(text_html: str, *, italic: bool = False, colour: str = theme.MUTED) -> str:
    inner = f"<I>{text_html}</I>" if italic else text_html
    return f'<FONT POINT-SIZE="{theme.SMALL_FONT_SIZE}" COLOR="{colour}">{inner}</FONT>'


def _row(cell: str, span: str) -> str:
    return f'<TR><TD ALIGN="LEFT"{span} BALIGN="LEFT">{cell}</TD></TR>'


def badge_cell(style: NodeStyle | None) -> str:
    if style is None or not clean_text(style.mark):
        return ""
    mark = html_text(shorten(clean_text(style.mark), 24))
    return (
        f'<TD ALIGN="RIGHT" BORDER="1" COLOR="{theme.BADGE_PEN}" BGCOLOR="{theme.BADGE_FILL}">'
        f'<FONT POINT-SIZE="{theme.SMALL_FONT_SIZE}" COLOR="{theme.INK}"><B>{mark}</B></FONT></TD>'
    )


def _folded_line(folded: tuple[Statement, ...]) -> str:
    """``5 pieces of evidence, ¶ 2–6`` (quoted claims counted apart).

    >>> _folded_line((Statement("a", role=Role.EVIDENCE), Statement("b", data={"quote": "q"})))
    '1 piece of evidence, 1 quoted claim'
    """
    evidence = sum(1 for s in folded if s.role is Role.EVIDENCE)
    claims = len(folded) - evidence
    parts = []
    if evidence:
        parts.append(f"{evidence} piece{'s' if evidence != 1 else ''} of evidence")
    if claims:
        parts.append(f"{claims} quoted claim{'s' if claims != 1 else ''}")
    where = paragraphs(folded)
    return ", ".join(parts + ([where] if where else []))


def label(n: SceneNode, wrap: int, style: NodeStyle | None = None, *, bare: bool = False) -> str:
    """The HTML-like label of one scene node (statement, argument box or junction;
    ``bare``: a junction whose frame carries its title)."""
    if n.kind == "junction":
        return _junction_label(n, wrap, style, bare=bare)
    if n.statement is not None:
        s = n.statement
        word, title, text = role_word(s), s.title, s.text
        if s.data.get("added") is not None:  # a learner's own node: its words, not its id
            word, title = f"{word} (yours)", ""
        quote = s.quote if s.role is Role.EVIDENCE else None
        para = s.anchor.paragraph if (quote is not None and s.anchor is not None) else None
        big = s.role is Role.THESIS
    else:
        assert n.argument is not None
        word, title, text, quote, para, big = (
            theme.ARGUMENT.word,
            n.argument.title,
            n.argument.text,
            None,
            None,
            False,
        )
    badge = badge_cell(style)
    span = ' COLSPAN="2"' if badge else ""
    rows = [f'<TR><TD ALIGN="LEFT">{_small(html_text(word))}</TD>{badge}</TR>']
    title, text = clean_text(title), clean_text(text)
    if title_shown(title, text):
        size = f' POINT-SIZE="{theme.THESIS_FONT_SIZE}"' if big else ""
        width = wrap * theme.FONT_SIZE // theme.THESIS_FONT_SIZE if big else wrap
        rows.append(_row(f"<FONT{size}><B>{lines_html(title, width)}</B></FONT>", span))
    if text and text != title:
        rows.append(_row(rich_html(text, wrap), span))
    if quote is not None and clean_text(quote):
        q = "“" + shorten(clean_text(quote), 160) + "”"
        tail = f"¶ {para}" if para is not None else ""
        rows.append(_row(_small(lines_html(q, wrap + 4, tail=tail), italic=True), span))
    rows += _extra_rows(n, style, span, wrap)
    return _TABLE + "".join(rows) + "</TABLE>>"


def _extra_rows(n: SceneNode, style: NodeStyle | None, span: str, wrap: int) -> list[str]:
    rows = []
    if n.folded:
        rows.append(_row(_small("▸ " + html_text(_folded_line(n.folded)), colour=theme.INK), span))
    if n.shared_by > 1:
        rows.append(_row(_small(html_text(f"in {n.shared_by} lines of support")), span))
    if n.more:
        where = f"in {style.opens_label}" if style is not None and style.opens_label else "not in this view"
        rows.append(_row(_small(html_text(f"+{n.more} more under it, {where}"), colour=theme.INK), span))
    if style is not None and clean_text(style.note):
        rows.append(_row(_small(lines_html(clean_text(style.note), wrap + 4), colour=theme.INK), span))
    return rows


def _junction_parts(n: SceneNode) -> tuple[str, str | None]:
    """The junction's argument title (numbered for a multi-step argument) and scheme."""
    a = n.argument
    assert a is not None
    inf = a.inferences[n.step]
    main = n.step == len(a.inferences) - 1
    scheme = inf.scheme or (a.scheme if main else None)
    title = clean_text(a.title) + (f" ({n.step + 1})" if len(a.inferences) > 1 else "")
    return (title if title_shown(title, a.text) else ""), scheme


def _junction_label(n: SceneNode, wrap: int, style: NodeStyle | None, *, bare: bool = False) -> str:
    """ "because", the argument's title and scheme (``bare``: those are in its frame's label)."""
    assert n.argument is not None
    if n.step != len(n.argument.inferences) - 1:  # the badge once, on the last step; a link on each
        style = NodeStyle(opens=style.opens, opens_label=style.opens_label) if style and style.opens else None
    badge = badge_cell(style)
    span = ' COLSPAN="2"' if badge else ""
    rows = [f'<TR><TD ALIGN="LEFT">{_small(html_text(theme.JUNCTION.word))}</TD>{badge}</TR>']
    width = max(wrap - 10, 14)
    title, scheme = _junction_parts(n)
    if title and not bare:
        rows.append(
            _row(f'<FONT POINT-SIZE="{theme.SMALL_FONT_SIZE}"><B>{lines_html(title, width)}</B></FONT>', span)
        )
    if scheme and not bare:
        rows.append(_row(_small(lines_html(scheme.replace("-", " "), width), italic=True), span))
    rows += _extra_rows(n, style, span, width)
    return _TABLE + "".join(rows) + "</TABLE>>"


def frame_label(n: SceneNode, wrap: int) -> str:
    """The label of a co-premise frame: its junction's argument title and scheme."""
    title, scheme = _junction_parts(n)
    parts = []
    if title:
        parts.append(f'<FONT POINT-SIZE="{theme.SMALL_FONT_SIZE}"><B>{lines_html(title, wrap)}</B></FONT>')
    if scheme:
        parts.append(_small(lines_html(scheme.replace("-", " "), wrap), italic=True))
    return "<" + '<BR ALIGN="LEFT"/>'.join(parts) + '<BR ALIGN="LEFT"/>>' if parts else '""'


#: The side of a node that lines come in on, by ``rankdir``.
PORT_SIDE = {"RL": "e", "LR": "w", "BT": "s", "TB": "n"}
#: At most this many points apart (pt), two lines' ends on a node's side.
_PORT_STEP = 16.0
#: At least this many (an arrowhead's width): a node with very many lines in grows.
_PORT_MIN = 7.0


def with_ports(html: str, ports: int, side: str, size: tuple[float, float]) -> str:
    """An HTML-like label (``<<TABLE…>>``) with ``ports`` empty cells ``in0``, ``in1`` …
    spread along its ``side`` (``n``/``e``/``s``/``w``), so that many lines into one node
    end side by side, each with its own arrowhead, not fused into one point.  ``size``
    is the label's estimated (width, height): the cells cover most of that side.

    >>> out = with_ports("<<TABLE><TR><TD>x</TD></TR></TABLE>>", 2, "e", (40, 20))
    >>> out.count("PORT="), 'ROWSPAN="2"' in out
    (2, True)
    """
    if ports < 1:
        return html
    inner = html[1:-1]
    upright = side in ("n", "s")
    step = int(max(_PORT_MIN, min(_PORT_STEP, 0.85 * (size[0] if upright else size[1]) / ports)))
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
    if upright:
        cells = "".join(f'<TD PORT="in{k}" WIDTH="{step}" HEIGHT="1"></TD>' for k in range(ports))
        body, row = f'<TR><TD COLSPAN="{ports}">{inner}</TD></TR>', f"<TR>{cells}</TR>"
        rows = row + body if side == "n" else body + row
        return f"<{table}{rows}</TABLE>>"
    cell = [f'<TD PORT="in{k}" WIDTH="1" HEIGHT="{step}"></TD>' for k in range(ports)]
    first = f'<TD ROWSPAN="{ports}">{inner}</TD>'
    column = [f"<TR>{first + cell[0] if side == 'e' else cell[0] + first}</TR>"]
    column += [f"<TR>{c}</TR>" for c in cell[1:]]
    return f"<{table}{''.join(column)}</TABLE>>"
