"""A statement's inline text as Argdown reads it: bold, italic, links, shortcodes, escapes.

A statement's ``text`` in the model is kept as written (Argdown inline source);
this module turns it into what a reader sees.  It is pure and small, so the
renderer can draw bold and italic in labels and the outline can print plain text:

* ``**bold**`` / ``__bold__`` and ``*italic*`` / ``_italic_``, opened and closed by
  the rules of Argdown's lexer (an opener is not followed by white space; a closer
  follows a non-space and is followed by white space, punctuation or the end);
* ``[text](url)`` is a link: its text is shown, the address kept in :attr:`Span.link`;
* ``\\X`` shows ``X`` (the backslash is dropped);
* shortcodes ``.->.``, ``:->:``, ``.^.``, ``:heart:`` … become their symbols, as Argdown's
  special characters do; anything else stays as written.

A marker that is never closed is shown as written; :func:`unclosed` finds them
(Argdown refuses such a text).

>>> [(s.text, s.bold, s.italic) for s in spans("A **bold** and *new* claim")][1:4]
[('bold', True, False), (' and ', False, False), ('new', False, True)]
>>> plain("p .->. q, see [the study](https://example.org/s) \\\\*not italic\\\\*")
'p → q, see the study *not italic*'
>>> unclosed("snake_case here"), unclosed("a **b** c")
([5], [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SHORTCODES", "Span", "escape", "plain", "spans", "unclosed"]


@dataclass(frozen=True)
class Span:
    """A run of text with one formatting; ``link`` is the address when it is a link's text."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


#: Shortcode names and the symbols they stand for; written ``.name.`` or ``:name:``.
SHORTCODES: dict[str, str] = {
    # logic
    "A": "\u2200",  # for all
    "E": "\u2203",  # there is
    "O": "\U0001d5e2",  # bold sans O (deontic: obligatory)
    "P": "\U0001d5e3",  # bold sans P (deontic: permitted)
    "->": "\u2192",
    "<->": "\u2194",
    "~": "\u00ac",
    "^": "\u2227",
    "v": "\u2228",
    "v_": "\u22bb",
    "<>": "\u25c7",
    "[]": "\u25fb",
    # faces and signs
    "happy": "\U0001f600",
    "smile": "\u263a",
    "smiley": "\u263a",
    "laugh": "\U0001f606",
    "lol": "\U0001f606",
    "rofl": "\U0001f923",
    "joy": "\U0001f602",
    "heart": "\u2764",
    "?": "\u2753",
    "question": "\u2753",
    "love": "\U0001f60d",
    "wink": "\U0001f609",
    "shush": "\U0001f92b",
    "meh": "\U0001f610",
    "eye-roll": "\U0001f644",
    "sad": "\U0001f622",
    "disappointed": "\U0001f61e",
    "scream": "\U0001f631",
    "+1": "\U0001f44d",
    "up": "\U0001f44d",
    "-1": "\U0001f44e",
    "down": "\U0001f44e",
    "think": "\U0001f914",
    "star": "\u2b50",
    "y": "\u2705",
    "agree": "\u2705",
    "n": "\u274c",
    "disagree": "\u274c",
}

_LINK = re.compile(r"\[([^\]\n]+?)\]\(([^)\n]+?)\)")
_SHORTCODE = re.compile(r"([.:])(\S+?)\1")
_SPECIAL = re.compile(r"[\\\[*_.:]")
# after a closing marker: white space, some punctuation, or the end
_CLOSES = frozenset(" \t\n\r)}_.,!?;:-*")


def _parse(text: str) -> tuple[list[Span], list[int]]:
    out: list[Span] = []
    stack: list[tuple[str, int, int]] = []  # (mark, offset in text, index in out)
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.append(Span("".join(buf), _bold(active()), _italic(active())))
            buf.clear()

    def active() -> list[str]:
        return [mark for mark, _, _ in stack]

    i, n = 0, len(text)
    while i < n:
        m = _SPECIAL.search(text, i)
        if m is None:
            buf.append(text[i:])
            break
        k = m.start()
        buf.append(text[i:k])
        ch = text[k]
        piece = _piece(text, k)
        if piece is not None:
            shown, end, url = piece
            if url is None:
                buf.append(shown)
            else:
                flush()
                marks = active()
                out.append(Span(shown, _bold(marks), _italic(marks), url))
            i = end
            continue
        if ch not in "*_":
            buf.append(ch)
            i = k + 1
            continue
        # '*' or '_': a closer of the innermost range, else an opener, else a character;
        # the double mark is tried before the single one, closers before openers
        tried = (ch * 2, ch) if text.startswith(ch * 2, k) else (ch,)
        after_space = k > 0 and text[k - 1] not in " \t\n"
        done = False
        for mark in tried:
            after = k + len(mark)
            if stack and stack[-1][0] == mark and after_space and (after >= n or text[after] in _CLOSES):
                flush()
                stack.pop()
                i, done = after, True
                break
        if not done:
            for mark in tried:
                after = k + len(mark)
                if after < n and not text[after].isspace():
                    flush()
                    stack.append((mark, k, len(out)))
                    i, done = after, True
                    break
        if not done:
            buf.append(ch)
            i = k + 1
    flush()
    if not stack:
        return out, []
    # unclosed markers: shown as written, formatting undone after them
    first = stack[0]
    keep = out[: first[2]]
    rest = "".join(_literal(text, first[1]))
    return [*keep, *_parse_tail(rest)], [offset for _, offset, _ in stack]


def _italic(marks: list[str]) -> bool:
    return "*" in marks or "_" in marks


def _bold(marks: list[str]) -> bool:
    return "**" in marks or "__" in marks


def _piece(text: str, k: int) -> tuple[str, int, str | None] | None:
    """At ``k``: an escape, a link or a shortcode as ``(shown, end, url)``; else None."""
    ch = text[k]
    if ch == "\\":
        return text[k + 1 : k + 2], k + 2, None
    if ch == "[":
        link = _LINK.match(text, k)
        return (link.group(1), link.end(), link.group(2)) if link is not None else None
    if ch in ".:":
        code = _SHORTCODE.match(text, k)
        if code is not None and code.group(2) in SHORTCODES:
            return SHORTCODES[code.group(2)], code.end(), None
    return None


def _literal(text: str, start: int) -> str:
    """The text from ``start`` with escapes, links and shortcodes resolved, markers kept."""
    out: list[str] = []
    i = start
    while i < len(text):
        piece = _piece(text, i)
        if piece is not None:
            out.append(piece[0])
            i = piece[1]
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _parse_tail(rest: str) -> list[Span]:
    return [Span(rest)] if rest else []


def spans(text: str) -> tuple[Span, ...]:
    """The runs of ``text`` as a reader sees them (adjacent runs alike are merged)."""
    merged: list[Span] = []
    for span in _parse(text)[0]:
        if not span.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].link) == (
            span.bold,
            span.italic,
            span.link,
        ):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic, span.link)
        else:
            merged.append(span)
    return tuple(merged)


def plain(text: str) -> str:
    """``text`` without formatting: what a screen reader or a plain label shows."""
    return "".join(s.text for s in spans(text))


def unclosed(text: str) -> list[int]:
    """Offsets of bold/italic markers never closed (Argdown refuses such a text)."""
    return _parse(text)[1]


_ESCAPE = re.compile(r"[\\*_\[\]<#@{}`]|//|/\*|[.:]")


def escape(text: str) -> str:
    """Inline source that shows ``text`` as it is: a backslash before every character
    Argdown could read as syntax (``*``, ``_``, brackets, ``#``, ``@``, braces, ``<``,
    the ``/`` of ``//`` and ``/*``, a shortcode's first dot or colon).
    ``plain(escape(t)) == t`` for any one-line ``t``.

    >>> escape("see [X] at https://example.org #1 {a} .->.")
    'see \\\\[X\\\\] at https:\\\\//example.org \\\\#1 \\\\{a\\\\} \\\\.->.'
    """

    def one(m: re.Match[str]) -> str:
        found = m.group(0)
        if found in ".:":
            code = _SHORTCODE.match(text, m.start())
            return "\\" + found if code is not None and code.group(2) in SHORTCODES else found
        return "\\" + found

    return _ESCAPE.sub(one, text)
