"""ArgumentMap → Argdown text that :func:`~argmap.argdown.parse` reads back to the same map.

The layout: front matter; every statement defined once (``[Title]: text #tags
{data}``), grouped under the heading of its section; every argument with its
description and premise-conclusion structure; then each relation as a small
tree of its own.  Titles are always written, so untitled statements keep the
titles Argdown gave them ("Untitled 3").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import (
    Argument,
    ArgumentMap,
    NodeKind,
    NodeRef,
    Relation,
    RelationKind,
    Role,
    Section,
    Statement,
)
from . import data as _data
from .builder import ROLE_TAGS
from .tokens import BAR, HEADING, LINK, LIST_ITEM, PCS_NUMBER, RELATION, TAG, tag_name

__all__ = ["write"]

_TAG_PLAIN = re.compile(r"[A-Za-z0-9_\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+\Z")

_SYMBOL = {
    RelationKind.SUPPORT: "+>",
    RelationKind.ATTACK: "->",
    RelationKind.UNDERCUT: "_>",
    RelationKind.CONTRADICTORY: "><",
    RelationKind.CONTRARY: "->",  # Argdown's loose mode has no contrary symbol
}


def _tag(t: str) -> str:
    return f"#{t}" if _TAG_PLAIN.match(t) else f"#({t})"


def _ref(ref: NodeRef) -> str:
    return f"[{_title(ref.title, ']')}]" if ref.kind is NodeKind.STATEMENT else f"<{_title(ref.title, '>')}>"


def _title(title: str, closer: str) -> str:
    """A title as Argdown can write it: Argdown has no escapes in titles, so a closing
    bracket becomes a parenthesis and line breaks spaces (one title, one spelling)."""
    if closer not in title and "\n" not in title and "\r" not in title and title.strip():
        return title
    cleaned = " ".join(title.replace(closer, ")").split())
    return cleaned or "Untitled"


def _tags_in(text: str) -> list[str]:
    out: list[str] = []
    i = 0
    while True:
        k = text.find("#", i)
        if k < 0:
            return out
        if k > 0 and text[k - 1] == "\\":
            i = k + 1
            continue
        m = TAG.match(text, k)
        if m is None:
            i = k + 1
            continue
        t = tag_name(m.group(0))
        if t and t not in out:
            out.append(t)
        i = m.end()


def _definition(
    head: str, text: str, tags: Iterable[str], data: object, texts: Sequence[str] = ()
) -> list[str]:
    """Paragraphs that define a node: ``head: text #tags {data}``, one per text when it
    was given several (``texts``; the data stands with ``text``), or first a reference
    with every tag when their order cannot follow the texts."""
    tags = list(tags)
    # the canonical text is the last one given: repeat it at the end if need be
    written = [*texts, text] if (texts and texts[-1] != text) else (list(texts) or [text])
    written = [_safe_text(w, tags) for w in written]
    main = len(written) - 1
    in_texts = {t for w in written if w for t in _tags_in(w)}
    rest = [t for t in tags if t not in in_texts]
    out: list[str] = []
    if _follows(written, main, rest) != tags:
        # the tag order cannot follow the texts: give all tags first on a reference
        out.append(" ".join([head, *(_tag(t) for t in tags)]))
        rest = []
    for n, w in enumerate(written):
        parts = [f"{head}: {w}" if w else head]
        if n == main:
            parts += [_tag(t) for t in rest]
            if data:
                parts.append(_data.dumps(data))  # type: ignore[arg-type]
        line = " ".join(parts)
        if line != head or not out:
            out.append(line)
    return out


def _follows(written: Sequence[str], main: int, rest: Sequence[str]) -> list[str]:
    """The tags, in order, that reading ``written`` (``rest`` after text ``main``) gives."""
    order: list[str] = []
    for n, w in enumerate(written):
        for t in [*(_tags_in(w) if w else []), *(rest if n == main else [])]:
            if t not in order:
                order.append(t)
    return order


_TEXT_SPECIAL = re.compile(r"\\.?|\[|<|\{|/(?=[/*])|#|@@|\s{2,}|[\n\r\t]")


def _safe_text(text: str, tags: Sequence[str]) -> str:
    """``text`` as it can stand after ``[Title]: `` and be read back the same.

    Text that :func:`~argmap.argdown.parse` made is returned unchanged.  Other text
    (built in code, imported from AIF or SADFace) gets a backslash wherever the parser
    would read syntax: ``[X]`` and ``<X>`` that are no links, braces, ``//`` and ``/*``,
    a ``#tag`` that is not one of ``tags`` (or ends the text), ``@@``; line breaks and
    runs of white space become one space, as the parser reads them.
    """
    known = set(tags)
    out: list[str] = []
    i = 0
    while True:
        m = _TEXT_SPECIAL.search(text, i)
        if m is None:
            out.append(text[i:])
            break
        k = m.start()
        out.append(text[i:k])
        found = m.group(0)
        i = m.end()
        if found.startswith("\\"):
            out.append(found)  # an escape stays as written
        elif found.isspace():
            out.append(" ")
        elif found == "[":
            link = LINK.match(text, k)
            if link is not None:
                out.append(link.group(0))
                i = link.end()
            else:
                out.append("[")
        elif found == "<":
            out.append("\\<" if text.startswith("<!--", k) else "<")
        elif found == "#":
            tag = TAG.match(text, k)
            ends_text = tag is not None and not text[tag.end() :].strip()
            keep = tag is not None and tag_name(tag.group(0)) in known and not ends_text
            out.append("#" if keep or tag is None else "\\#")
        elif found == "@@":
            out.append("@\\@")
        else:  # '{', or the '/' of '//' or '/*'
            out.append("\\" + found)
    return _break_brackets(_SPACES.sub(" ", "".join(out)).strip(" "))


_SPACES = re.compile(r"\s+")


def _can_start_line(line: str, at: int) -> bool:
    """May a text's line start at ``at``?  Not with a relation, a number, a bar, a heading,
    a list item or front matter, which would start something else."""
    rest = line[at:]
    return bool(rest) and not (
        _UNSAFE_START.match(rest)
        or RELATION.match(rest)
        or PCS_NUMBER.match(rest)
        or BAR.match(rest)
        or HEADING.match(rest)
        or LIST_ITEM.match(rest)
    )


_UNSAFE_START = re.compile(r"\s|===|@include|```|~~~")
_PAIR = re.compile(r"\\.|@?\[[^\]\n]+?\]\([^)\n]+?\)|@\[[^\]\n]+\]|@<[^>\n]+>|[\[<]")


def _break_brackets(line: str) -> str:
    """``[X]`` or ``<X>`` inside a text, on several lines as the parser allows it.

    The parser reads ``[X]`` within one line of a text as a reference, but not over a
    line break (as Argdown).  A space between the brackets becomes a line break, which
    reads back as the same space; where there is none, the bracket is escaped.
    """
    links: list[tuple[int, int]] = []
    pairs: list[tuple[int, int]] = []
    for m in _PAIR.finditer(line):
        found = m.group(0)
        if len(found) > 2:
            links.append(m.span())
        elif found[0] in "[<":
            close = line.find("]" if found == "[" else ">", m.start() + 1)
            if close > m.start() + 1 and line[m.start() + 1] != "-":
                pairs.append((m.start(), close))
    if not pairs:
        return line
    in_link = [False] * len(line)
    for a, b in links:
        for n in range(a, b):
            in_link[n] = True
    breaks: list[int] = []
    escapes: set[int] = set()
    for k, close in pairs:
        if in_link[k] or any(k < p < close for p in breaks[-8:]):
            continue
        space = next(
            (
                p
                for p in range(k + 1, close)
                if line[p] == " " and not in_link[p] and _can_start_line(line, p + 1)
            ),
            None,
        )
        if space is None:
            escapes.add(k)
        else:
            breaks.append(space)
    out = []
    for n, ch in enumerate(line):
        if n in escapes:
            out.append("\\")
        out.append("\n" if n in breaks else ch)
    return "".join(out)


def _statement_tags(s: Statement) -> list[str]:
    tags = list(s.tags)
    has_role_tag = any(t.lower() in ROLE_TAGS for t in tags)
    if not has_role_tag and s.role in (Role.THESIS, Role.EVIDENCE, Role.ASSUMPTION):
        tags.append(s.role.value)
    return tags


def write(m: ArgumentMap) -> str:
    """Argdown text for ``m``; ``parse(write(m))[0] == m`` for every map :func:`parse` makes.

    >>> from argmap.argdown import parse
    >>> m, _ = parse("[A]: Cats purr. #thesis\\n  + <Arg>: Everyone says so.")
    >>> print(write(m))
    [A]: Cats purr. #thesis
    <BLANKLINE>
    <Arg>: Everyone says so.
    <BLANKLINE>
    <Arg>
      +> [A]
    <BLANKLINE>
    """
    paragraphs: list[str] = []
    if m.front:
        body = ["==="]
        for k, v in m.front.items():
            # Argdown ends the front matter at the first '===', even inside a value
            body.append(f"{_data.dumps_key(k)}: {_data.dumps_value(v)}".replace("===", "=\\x3D="))
        body.append("===")
        paragraphs.append("\n".join(body))

    # Everything without a section comes first, then each section under its heading,
    # in the order of the map's headings.  An element listed before one being written
    # but not written yet is referred to first (a bare reference), so that reading the
    # text lists the elements in the map's order.
    s_at = {s.title: i for i, s in enumerate(m.statements)}
    a_at = {a.title: i for i, a in enumerate(m.arguments)}
    seen: set[NodeRef] = set()
    cursor = {NodeKind.STATEMENT: 0, NodeKind.ARGUMENT: 0}

    def introduce(ref: NodeRef) -> None:
        items: Sequence[Statement | Argument]
        items, at = (m.statements, s_at) if ref.kind is NodeKind.STATEMENT else (m.arguments, a_at)
        while cursor[ref.kind] < at[ref.title]:
            earlier = items[cursor[ref.kind]].ref
            cursor[ref.kind] += 1
            if earlier not in seen:
                seen.add(earlier)
                paragraphs.append(_ref(earlier))
        seen.add(ref)

    titles = [sec.title for sec in m.sections]
    named = dict.fromkeys(
        [*(st.section for st in m.statements if st.section), *(a.section for a in m.arguments if a.section)]
    )
    sections = [*m.sections, *(Section(t) for t in named if t not in titles)]
    done: set[str | None] = set()
    for section in [None, *sections]:
        title = section.title if section is not None else None
        if section is not None:
            paragraphs.append(_heading(section))
        if title in done:
            continue
        done.add(title)
        for st in m.statements:
            if st.section == title:
                introduce(st.ref)
                head = _ref(st.ref)
                paragraphs.append(
                    "\n\n".join(_definition(head, st.text, _statement_tags(st), st.data, st.texts))
                )
        for arg in m.arguments:
            if arg.section == title:
                introduce(arg.ref)
                paragraphs.extend(_argument(arg))

    for r in m.relations:
        paragraphs.append(_relation(r))
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else "")


def _heading(section: Section) -> str:
    data = f" {_data.dumps(section.data)}" if section.data else ""
    return f"{'#' * max(1, section.level)} {section.title}{data}"


def _argument(a: Argument) -> list[str]:
    out = ["\n\n".join(_definition(_ref(a.ref), a.text, a.tags, a.data, a.descriptions))]
    if a.lines:
        out.append(_pcs(a))
    return out


def _pcs(a: Argument) -> str:
    lines: list[str] = []
    inferences = list(a.inferences)
    k = 0
    for n, line in enumerate(a.lines):
        if n > 0 and k < len(inferences) and inferences[k].conclusion == line.statement:
            inf = inferences[k]
            k += 1
            if inf.rule is None and not inf.data:
                lines.append("----")
            else:
                inner = " ".join(x for x in (inf.rule or "", _data.dumps(inf.data) if inf.data else "") if x)
                lines.append(f"-- {inner} --")
        lines.append(f"({n + 1}) {_ref(NodeRef.statement(line.statement))}")
    return "\n".join(lines)


def _relation(r: Relation) -> str:
    return f"{_ref(r.source)}\n  {_SYMBOL[r.kind]} {_ref(r.target)}"
