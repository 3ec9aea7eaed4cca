"""ArgumentMap → Argdown text that :func:`~argmap.argdown.parse` reads back to the same map.

The layout: front matter; every statement defined once (``[Title]: text #tags
{data}``), grouped under the heading of its section; every argument with its
description and premise-conclusion structure; then each relation as a small
tree of its own.  Titles are always written, so untitled statements keep the
titles Argdown gave them ("Untitled 3").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Argument, ArgumentMap, NodeKind, NodeRef, Relation, RelationKind, Role, Statement
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


def _definition(head: str, text: str, tags: Iterable[str], data: object) -> list[str]:
    """Lines that define a node: ``head: text #tags {data}`` (or a reference with tags/data)."""
    tags = list(tags)
    lines: list[str] = []
    in_text = _tags_in(text) if text else []
    if tags[: len(in_text)] != in_text or any(t not in tags for t in in_text):
        # the tag order cannot follow the text: give all tags first on a reference
        lines.append(" ".join([head, *(_tag(t) for t in tags)]))
        rest: list[str] = []
    else:
        rest = [t for t in tags if t not in in_text]
    parts = [f"{head}: {text}" if text else head]
    parts += [_tag(t) for t in rest]
    if data:
        parts.append(_data.dumps(data))  # type: ignore[arg-type]
    line = " ".join(parts)
    if line != head or not lines:
        lines.append(line)
    return lines


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

    current: list[str | None] = [None]

    def heading(section: str | None) -> None:
        if section is not None and section != current[0]:
            paragraphs.append(f"# {section}")
        current[0] = section

    # Everything without a section comes first, before any heading: statements,
    # then arguments.  A later element met on the way is only referred to (a bare
    # reference), to keep the order in which the map lists them.
    last_s = max((i for i, s in enumerate(m.statements) if s.section is None), default=-1)
    last_a = max((i for i, a in enumerate(m.arguments) if a.section is None), default=-1)
    deferred: list[Statement] = []
    for s in m.statements[: last_s + 1]:
        if s.section is None:
            paragraphs.append("\n\n".join(_definition(f"[{s.title}]", s.text, _statement_tags(s), s.data)))
        else:
            paragraphs.append(f"[{s.title}]")
            deferred.append(s)
    deferred_a: list[Argument] = []
    for a in m.arguments[: last_a + 1]:
        if a.section is None:
            paragraphs.extend(_argument(a))
        else:
            paragraphs.append(f"<{a.title}>")
            deferred_a.append(a)
    # then each section under its heading
    for s in [*deferred, *m.statements[last_s + 1 :]]:
        heading(s.section)
        paragraphs.append("\n\n".join(_definition(f"[{s.title}]", s.text, _statement_tags(s), s.data)))
    for a in [*deferred_a, *m.arguments[last_a + 1 :]]:
        heading(a.section)
        paragraphs.extend(_argument(a))

    for r in m.relations:
        paragraphs.append(_relation(r))
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else "")


def _argument(a: Argument) -> list[str]:
    out = ["\n\n".join(_definition(f"<{a.title}>", a.text, a.tags, a.data))]
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
