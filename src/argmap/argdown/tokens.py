"""The line kinds and marks of Argdown text: one regular expression each, the relation
symbols, and small helpers on tokens (a tag's name, where block data ends).

The parser (:mod:`.parser`) reads lines with these; the writer (:mod:`.writer`) uses
the same ones to know what it must escape.  Nothing here keeps state.
"""

from __future__ import annotations

import re

from ..model import RelationKind
from .data import SIMPLE_BLOCK

SYMBOLS: dict[str, tuple[RelationKind, bool]] = {
    # symbol: (kind, True if the child is the source, False if the parent is)
    "+": (RelationKind.SUPPORT, True),
    "<+": (RelationKind.SUPPORT, True),
    "+>": (RelationKind.SUPPORT, False),
    "-": (RelationKind.ATTACK, True),
    "<-": (RelationKind.ATTACK, True),
    "->": (RelationKind.ATTACK, False),
    "_": (RelationKind.UNDERCUT, True),
    "<_": (RelationKind.UNDERCUT, True),
    "_>": (RelationKind.UNDERCUT, False),
    "><": (RelationKind.CONTRADICTORY, False),
}
SYMBOL_LIST = "+ - _ <+ +> <- -> <_ _> ><"

# what a line opens, found once per line (each alternative excludes the others): a
# numbered line, an inference bar, a heading, a relation, a list item, or none of them
LINE_KIND = re.compile(
    r"(?P<indent>[ \t]*)(?:"
    r"(?P<pcs>\((?P<num>\d+)\))"
    r"|(?P<bar>--)"
    r"|(?P<heading>(?P<hashes>#+) )"
    r"|(?P<relation>\+>|<\+|\+|->|<-|-(?!-)|_>|<_|_(?=[ \t]|$)|><)"
    r"|(?P<item>(?:\d+\.|\*)(?=[ \t]|$))"
    r")?"
)
RELATION = re.compile(r"([ \t]*)(\+>|<\+|\+|->|<-|-(?!-)|_>|<_|_(?=[ \t]|$)|><)")
PCS_NUMBER = re.compile(r"[ \t]*\((\d+)\)")
BAR = re.compile(r"[ \t]*--")
HEADING = re.compile(r"[ \t]*(#+) ")
LINK = re.compile(r"\[[^\]\n]+?\]\([^)\n]+?\)")
TAG = re.compile(r"#(?:\(([^)\n]+)\)|([A-Za-z0-9_\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+))")
# what matters when comments are blanked: an escape, a link, a data block, a comment's start
COMMENT_SCAN = re.compile(r"\\[\s\S]|\[[^\]\n]+?\]\([^)\n]+?\)|\{|//|/\*|<!--")
NOT_NEWLINE = re.compile(r"[^\n]")
CONTENT_SPECIAL = re.compile(r"[\\@\[<#{]")
# a line that cannot go on a heading's text: a definition, a relation, a numbered line, a bar
HEADING_BREAK = re.compile(r"[ \t]*(?:\[[^\]\n]*\]:|<[^>\n]*>:|\(\d+\)|--|[+\-_<>]+[ \t]|#+ )")
LIST_ITEM = re.compile(r"([ \t]*)(?:\d+\.|\*)(?=[ \t]|$)")
BLOCKQUOTE = re.compile(r"[ \t]*>(?![<])")
FENCE = re.compile(r"[ \t]*(```|~~~)")
TABLE = re.compile(r"[ \t]*\|")
# the first characters of a blockquote, a table or HTML (see ParagraphReader.refuse_markdown)
MARKDOWN_STARTS = frozenset(">|<")
HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(\s+[^<>]*=[^<>]*)?\s*/?>")
FRONT = re.compile(r"===+[ \t]*\Z")
# where Argdown's lexer ends a data block: '}' then white space then not ',' or '}'
ARGDOWN_DATA_END = re.compile(r"\}\s[^,}]")
SURROGATE = re.compile("[\ud800-\udfff]")
NOT_BLANK = re.compile(r"\S")
BLANKS = re.compile(r"[ \t]*")
INFERENCE_STOP = re.compile(r"--|\{")
# the usual inference bar: four dashes or more, alone on the line
PLAIN_BAR = re.compile(r"[ \t]*----+[ \t]*")
YAML_BLOCK_START = re.compile(r"\{[ \t]*\n")
YAML_BLOCK_END = re.compile(r"\}(?:\s[^,}]|\s*\Z)")
# the usual line of a map, read on a fast path: ``[Title]: text #tag {key: value}`` (or
# ``<Title>``, a reference, or untitled text) with no mark in the text (no escape, mention,
# bracket, inner tag or data), ASCII tags at its end and a simple data block
PLAIN_ELEMENT = re.compile(
    r"(?:(?:\[(?P<st>[^\[\]<>\n\\/={}#@]+)\]|<(?P<at>[^\[\]<>\n\\/={}#@]+)>)(?P<colon>:)?)?"
    r"(?P<text>[^\\@\[<#{\n]*)"
    r"(?P<tags>(?:#[A-Za-z0-9_\-]+[ \t]*)*)"
    rf"(?P<data>{SIMPLE_BLOCK})?[ \t]*"
)
PLAIN_TAG = re.compile(r"#([A-Za-z0-9_\-]+)")


def tag_name(written: str) -> str:
    """The tag of ``#name`` or ``#(name with spaces)``, white space runs as one space."""
    inner = written[2:-1] if written.startswith("#(") else written[1:]
    return " ".join(inner.split())


def yaml_block_end(text: str, start: int, limit: int) -> int | None:
    """Just after the ``}`` that ends block data, as Argdown finds it: the first ``}``
    followed by white space and then not ``,`` or ``}`` (or by the end)."""
    m = YAML_BLOCK_END.search(text, start, limit)
    return m.start() + 1 if m else None


def is_html(m: re.Match[str]) -> bool:
    """Is this :data:`HTML_TAG` match clearly HTML?  A closing tag, attributes or ``/>``;
    a bare ``<a>`` or ``<b>`` is an argument title, as Argdown reads it."""
    return m.group(0).startswith("</") or m.group(2) is not None or m.group(0).endswith("/>")
