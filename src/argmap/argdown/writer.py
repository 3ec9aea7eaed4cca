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
from .parser import _TAG, ROLE_TAGS, _tag_name

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
    return f"[{ref.title}]" if ref.kind is NodeKind.STATEMENT else f"<{ref.title}>"


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
        m = _TAG.match(text, k)
        if m is None:
            i = k + 1
            continue
        t = _tag_name(m.group(0))
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
                head = f"[{st.title}]"
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
    out = ["\n\n".join(_definition(f"<{a.title}>", a.text, a.tags, a.data, a.descriptions))]
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
        lines.append(f"({n + 1}) [{line.statement}]")
    return "\n".join(lines)


def _relation(r: Relation) -> str:
    return f"{_ref(r.source)}\n  {_SYMBOL[r.kind]} {_ref(r.target)}"
