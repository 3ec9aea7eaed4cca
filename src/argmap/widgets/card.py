"""The node card: what the workbench's panel and a screen reader say about a node.

Pure functions of the map's node (and, for a learner's own node, the
:class:`~argmap.annotations.AddedNode`): HTML with every bit of text escaped, the
spoken label, the judgements a node takes and what a learner can add to it.  The
widgets only place what these return.

>>> from argmap.model import NodeRef, Role, Statement
>>> s = Statement("T", "Cats <b>rule</b>.", role=Role.THESIS)
>>> spoken(NodeRef.statement("T"), s)
'thesis: T. Cats <b>rule</b>.'
>>> "&lt;b&gt;" in describe(NodeRef.statement("T"), s)
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from ..annotations import ADDED_KINDS, INFERENCE_JUDGEMENTS, AddedNode
from ..model import Argument, Basis, NodeKind, NodeRef, Role, Statement
from ..schemes import get_scheme

__all__ = ["add_options", "describe", "judgement_options", "name_own_nodes", "saved_on", "spoken"]

_EVIDENCE_JUDGEMENTS = [("solid basis", "solid"), ("shaky", "shaky"), ("unfounded", "unfounded")]
_STATEMENT_JUDGEMENTS = [("accept", "accept"), ("doubt", "doubt"), ("reject", "reject")]
_INFERENCE_JUDGEMENTS = [(k, k) for k in INFERENCE_JUDGEMENTS]
_ADDED_ID = re.compile(r"\[(added-[1-9][0-9]{0,8})\]|\b(added-[1-9][0-9]{0,8})\b")


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def spoken(ref: NodeRef, node: object, own: AddedNode | None = None) -> str:
    """What a screen reader announces for a node (plain text)."""
    if isinstance(node, Statement) and own is not None:
        return f"your {node.role.value}: {own.text}"
    if isinstance(node, Statement):
        return f"{node.role.value}: {node.title}. {node.text}"
    if isinstance(node, Argument):
        return f"argument: {node.title}. {node.text}"
    return ref.title


def saved_on(ref: NodeRef, node: object, own: AddedNode | None = None) -> str:
    """The node a judgement goes to, named as the learner sees it on the map (plain text).

    >>> from argmap.model import NodeRef, Role, Statement
    >>> saved_on(NodeRef.statement("Treaty"), Statement("Treaty", "No pact.", role=Role.OBJECTION))
    'objection [Treaty]'
    """
    if isinstance(node, Statement) and own is not None:
        words = own.text if len(own.text) <= 60 else own.text[:59].rstrip() + "\u2026"
        return f"your {node.role.value} \u201c{words}\u201d"
    if isinstance(node, Statement):
        return f"{node.role.value} [{node.title}]"
    if isinstance(node, Argument):
        return f"inference <{node.title}>"
    return str(ref)


def describe(ref: NodeRef, node: object, own: AddedNode | None = None) -> str:
    """The panel's head for a node (HTML; every text escaped)."""
    if isinstance(node, Statement) and own is not None:
        parts = [
            f"<div><small>YOUR {_esc(node.role.value.upper())}</small></div>",
            f"<div><b>{_esc(own.text)}</b></div>",
        ]
        if own.quote:
            basis = f" — basis: {_esc(Basis(own.basis).label)}" if own.basis else ""
            parts.append(f"<blockquote>\u201c{_esc(own.quote)}\u201d{basis}</blockquote>")
        parts.append("<div><small>You can change it below, or remove it.</small></div>")
        return "".join(parts)
    if isinstance(node, Statement):
        parts = [
            f"<div><small>{_esc(node.role.value.upper())}</small></div>",
            f"<div><b>{_esc(node.title)}</b></div>",
            f"<div>{_esc(node.text)}</div>",
        ]
        if node.quote:
            where = f" (paragraph {node.anchor.paragraph})" if node.anchor else ""
            basis = f" — basis: {_esc(node.basis.label)}" if node.basis else ""
            parts.append(f"<blockquote>\u201c{_esc(node.quote)}\u201d{_esc(where)}{basis}</blockquote>")
        return "".join(parts)
    if isinstance(node, Argument):
        scheme = get_scheme(node.scheme) if node.scheme else None
        premises = "".join(f"<li>{_esc(p)}</li>" for p in node.premises)
        concl = f"<div>therefore: <b>{_esc(node.conclusion)}</b></div>" if node.conclusion else ""
        sch = f"<div><small>scheme: {_esc(scheme.name)}</small></div>" if scheme else ""
        return (
            f"<div><small>INFERENCE</small></div><div><b>{_esc(node.title)}</b></div><div>{_esc(node.text)}</div>"
            + (f"<div>premises:</div><ul>{premises}</ul>" if premises else "")
            + concl
            + sch
            + "<div><small>How strongly do the premises, taken together, "
            "support the conclusion?</small></div>"
        )
    return _esc(ref)


def judgement_options(ref: NodeRef, node: object) -> list[tuple[str, str]]:
    """The judgements a node takes, as (label, value): an inference's strength, the
    basis of evidence, or the truth of any other statement."""
    if ref.kind is NodeKind.ARGUMENT:
        return _INFERENCE_JUDGEMENTS
    if isinstance(node, Statement) and node.role is Role.EVIDENCE:
        return _EVIDENCE_JUDGEMENTS
    return _STATEMENT_JUDGEMENTS


def add_options(ref: NodeRef, node: object) -> list[tuple[str, str]]:
    """What a learner can attach to a node, as (label, kind)."""
    if ref.kind is NodeKind.ARGUMENT:
        kinds = ["assumption", "objection"]
    elif isinstance(node, Statement) and node.role in (Role.OBJECTION, Role.REBUTTAL):
        kinds = ["rebuttal", "evidence"]
    else:
        kinds = ["objection", "evidence"]
    return [(f"{k}: {ADDED_KINDS[k].split(' (')[0]}", k) for k in kinds]


def name_own_nodes(text: str, added: Mapping[str, AddedNode]) -> str:
    """Text that names a learner's own nodes by id (``[added-1]``) with their words
    instead (“Trade is growing” (yours)).

    >>> from argmap.annotations import AddedNode
    >>> mine = {"added-1": AddedNode("added-1", "objection", "[T]", "No.")}
    >>> name_own_nodes("The objection [added-1] fails.", mine)
    'The objection “No.” (yours) fails.'
    """

    def name(m: re.Match[str]) -> str:
        node = added.get(m.group(1) or m.group(2))
        if node is None:
            return m.group()
        words = node.text if len(node.text) <= 60 else node.text[:59].rstrip() + "…"
        return f"\u201c{words}\u201d (yours)"

    return _ADDED_ID.sub(name, text)
