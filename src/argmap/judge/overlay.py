"""A learner's annotations on the picture: pure functions, no widgets, no processes.

* :func:`learner_map` merges the nodes a learner added into the map (a structural
  change: the picture needs a new layout);
* :func:`node_looks` says how each node looks under the learner's judgements, or
  under "what still stands" (an :class:`~argmap.evaluate.Evaluation`): a badge
  with a symbol and a word, in neutral ink — it never repaints the node's role;
* :func:`render_styles` turns the looks into :class:`~argmap.draw.style.NodeStyle` for
  a PDF export, with each node's flags, note and weighing (:func:`weighing_words`:
  the verdict with its reason, how much an objection weighs) written under it;
  :func:`svg_styles` into the small JSON the map widget applies to the SVG it
  already has (a restyle: no new layout).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..annotations import Annotations, NodeAnnotation, display_name, parse_key
from ..draw import theme
from ..model import (
    Argument,
    ArgumentMap,
    Inference,
    NodeKind,
    NodeRef,
    PCSLine,
    Relation,
    RelationKind,
    Role,
    Statement,
)
from ..text import shorten
from .evaluate import Evaluation, Label

if TYPE_CHECKING:
    from ..draw.style import NodeStyle

__all__ = [
    "annotated",
    "Look",
    "key_for",
    "learner_map",
    "node_looks",
    "render_styles",
    "svg_styles",
    "weighing_words",
    "LEARNER_TAG",
]

#: Tag carried by every statement a learner added (the writer keeps it in Argdown).
LEARNER_TAG = "learner"

_ADDED_ROLE = {
    "assumption": Role.ASSUMPTION,
    "objection": Role.OBJECTION,
    "rebuttal": Role.REBUTTAL,
    "evidence": Role.EVIDENCE,
}


@dataclass(frozen=True)
class Look:
    """How one node looks: colours plus a mark with a word (``"✓ accepted"``)."""

    fill: str | None
    pen: str | None
    mark: str
    mark_color: str
    dash: str | None = None
    cls: str = ""


# One table for the judgement looks: a badge (symbol + word) in neutral ink.  No
# fill or border colour: an overlay never repaints a node's role (support green,
# objection vermilion, rebuttal orange stay what they are); the symbol and the word
# carry the judgement, and rejected nodes get a dashed outline in grey.
_INK = theme.INK
_JUDGED: dict[str, Look] = {
    "accept": Look(None, None, "✓ accepted", _INK),
    "solid": Look(None, None, "✓ solid", _INK),
    "strong": Look(None, None, "✓ strong", _INK),
    "doubt": Look(None, None, "? doubted", _INK),
    "shaky": Look(None, None, "? shaky", _INK),
    "weak": Look(None, None, "? weak", _INK),
    "reject": Look(None, None, "✗ rejected", _INK, None, "argmap-rejected"),
    "unfounded": Look(None, None, "✗ unfounded", _INK, None, "argmap-rejected"),
    "none": Look(None, None, "✗ no support", _INK, None, "argmap-rejected"),
}
_EVALUATED: dict[Label, Look] = {
    Label.IN: Look(None, None, "● stands", _INK, None, "argmap-in"),
    Label.OUT: Look(None, None, "○ falls", _INK, None, "argmap-out"),
    Label.UNDEC: Look(None, None, "◐ open", _INK, None, "argmap-undec"),
}


def key_for(ref: NodeRef, added_ids: frozenset[str] | set[str] = frozenset()) -> str:
    """The annotation key of a node of the (learner) map: ``[T]``, ``<A>``, or ``added-N``."""
    if ref.kind is NodeKind.STATEMENT and ref.title in added_ids:
        return ref.title
    return str(ref)


def _ref_of_key(key: str, added_ids: set[str]) -> NodeRef:
    parsed = parse_key(key)
    if parsed.kind == "added" or key in added_ids:
        return NodeRef.statement(key)
    if parsed.kind == "statement" or parsed.kind == "link":
        return NodeRef.statement(parsed.title)
    return NodeRef.argument(parsed.title)


def learner_map(m: ArgumentMap, ann: Annotations) -> ArgumentMap:
    """The map with the learner's added nodes in it, each a statement titled by its id
    (``added-1``), tagged ``#learner``, with the role of its kind.

    An added assumption joins the linked premises of the inference it completes; an
    objection attacks a statement or undercuts an argument; a rebuttal attacks its
    objection; evidence supports its statement.
    """
    if not ann.added:
        return m
    added_ids = {a.id for a in ann.added}
    statements = list(m.statements)
    arguments = {a.title: a for a in m.arguments}
    relations = list(m.relations)
    for node in ann.added:
        data: dict[str, object] = {"added": node.id}
        if node.quote:
            data["quote"] = node.quote
        if node.basis:
            data["basis"] = node.basis
        statements.append(
            Statement(
                node.id,
                node.text,
                role=_ADDED_ROLE[node.kind],
                tags=(_ADDED_ROLE[node.kind].value, LEARNER_TAG),
                data=data,
            )
        )
        parsed = parse_key(node.target)
        target = _ref_of_key(node.target, added_ids)
        if node.kind == "assumption" and parsed.kind in ("argument", "step") and target.title in arguments:
            arg = arguments[target.title]
            if arg.inferences:
                arguments[arg.title] = _with_premise(arg, node.id, (parsed.step or len(arg.inferences)) - 1)
            else:
                relations.append(Relation(RelationKind.SUPPORT, NodeRef.statement(node.id), arg.ref))
            continue
        if node.kind == "assumption" and parsed.kind == "link" and parsed.source is not None:
            relations.append(Relation(RelationKind.SUPPORT, NodeRef.statement(node.id), target))
            continue
        if node.kind == "evidence" or node.kind == "assumption":
            kind = RelationKind.SUPPORT
        elif target.kind is NodeKind.ARGUMENT:
            kind = RelationKind.UNDERCUT
        else:
            kind = RelationKind.ATTACK
        relations.append(Relation(kind, NodeRef.statement(node.id), target))
    ordered = tuple(arguments.get(a.title, a) for a in m.arguments)
    return replace(m, statements=tuple(statements), arguments=ordered, relations=tuple(relations))


def _with_premise(arg: Argument, title: str, index: int) -> Argument:
    index = max(0, min(index, len(arg.inferences) - 1))
    inf = arg.inferences[index]
    inferences = list(arg.inferences)
    inferences[index] = Inference((*inf.premises, title), inf.conclusion, inf.rule, inf.data, inf.location)
    # The new premise goes just before the conclusion's line of that inference.
    lines = list(arg.lines)
    at = next((i for i, line in enumerate(lines) if line.statement == inf.conclusion), len(lines))
    lines.insert(at, PCSLine(0, title))
    lines = [replace(line, number=i + 1) for i, line in enumerate(lines)]
    return replace(arg, inferences=tuple(inferences), lines=tuple(lines))


def node_looks(
    m: ArgumentMap, ann: Annotations, evaluation: Evaluation | None = None, *, weighing: bool = False
) -> dict[NodeRef, Look]:
    """Each node's look: from the learner's judgement, or (with ``evaluation``) from
    what still stands.  Flags and notes add ``⚑``/``✎`` to the mark; with ``weighing``
    (the live map, which has no line under a node) a judged node's mark also says its
    verdict and strength in :func:`weighing_words` (a printout writes them under the
    node instead; what still stands says the outcome they weigh into).

    Without an evaluation only the annotated nodes are visited, so a judgement on a
    big map costs little.
    """
    added_ids = {a.id for a in ann.added}
    looks: dict[NodeRef, Look] = {}
    if evaluation is None:
        refs = [_ref_of_key(k, added_ids) for k, note in ann.nodes.items() if not note.is_empty]
        refs = [r for r in refs if m.has(r)]
    else:
        refs = [s.ref for s in m.statements] + [a.ref for a in m.arguments]
    for ref in refs:
        key = key_for(ref, added_ids)
        note = ann.nodes.get(key)
        look: Look | None = None
        if evaluation is not None:
            label = _label(evaluation, ref, key)
            look = _EVALUATED.get(label) if label is not None else None
        elif note is not None and note.judgement:
            look = _JUDGED[note.judgement]
        extra = _extra_mark(note)
        # what still stands already weighs the strengths and verdicts: its mark says the outcome
        words = weighing_words(note) if weighing and evaluation is None and note is not None else ""
        if look is None and not extra and not words:
            continue
        mark = " · ".join(p for p in (((look.mark if look else "") + extra).strip(), words) if p)
        looks[ref] = replace(look, mark=mark) if look else Look(None, None, mark, theme.INK)
    return looks


def _extra_mark(note: NodeAnnotation | None) -> str:
    """What a node's badge adds to its judgement: `` ⚑2 ✎`` (``""`` for nothing)."""
    if note is None:
        return ""
    return (f" ⚑{len(note.flags)}" if note.flags else "") + (" ✎" if note.note.strip() else "")


def _has(ann: Annotations, key: str) -> bool:
    try:
        return not ann.node(key).is_empty
    except (KeyError, ValueError):
        return False


def _label(evaluation: Evaluation, ref: NodeRef, key: str) -> Label | None:
    for k in (key, ref.title):
        try:
            return evaluation.label(k)
        except (KeyError, ValueError):
            continue
    return None


def weighing_words(a: NodeAnnotation, *, reason_chars: int = 0) -> str:
    """A node's weighing in a few words, as the handout, the learner's PDF and the
    overlay write it under the node: ``verdict: contested · weighs: strong``.

    With ``reason_chars`` the verdict's reason follows it, quoted and shortened to
    that many characters; a reason is the learner's text, so invisible characters
    and direction controls are dropped and right-to-left words isolated (they cannot
    reorder the words around them).  Markup stays as written: the label escapes it.

    >>> weighing_words(NodeAnnotation(verdict="contested", reason="too <b>early</b>"), reason_chars=40)
    'verdict: contested · reason: “too <b>early</b>”'
    >>> weighing_words(NodeAnnotation(strength="weak"))
    'weighs: weak'
    """
    reason = display_name(shorten(" ".join(a.reason.split()), reason_chars)) if reason_chars > 0 else ""
    parts = [
        f"verdict: {a.verdict}" if a.verdict else "",
        f"reason: “{reason}”" if reason else "",
        f"weighs: {a.strength}" if a.strength else "",
    ]
    return " · ".join(p for p in parts if p)


def _notes(a: NodeAnnotation, note_chars: int) -> str:
    """Under a node: its flags, the learner's note and the weighing (verdict, reason, strength)."""
    flags = ", ".join(f.replace("-", " ") for f in a.flags)
    note = shorten(" ".join(a.note.split()), note_chars)
    parts = (
        f"⚑ {flags}" if flags else "",
        f"✎ {note}" if note else "",
        weighing_words(a, reason_chars=note_chars),
    )
    return "; ".join(p for p in parts if p)


def render_styles(
    looks: Mapping[NodeRef, Look], ann: Annotations | None = None, *, note_chars: int = 120
) -> dict[str, NodeStyle]:
    """``to_dot(annotations_style=…)`` for a static export (PDF) of an annotated map:
    the looks, plus each node's flags, note and weighing written under it (a note and
    a reason shortened to ``note_chars``)."""
    from ..draw.style import NodeStyle

    added_ids = {a.id for a in ann.added} if ann else set()
    refs = set(looks)
    if ann is not None:
        refs |= {_ref_of_key(k, added_ids) for k in ann.nodes if not ann.node(k).is_empty}
    styles: dict[str, NodeStyle] = {}
    for ref in refs:
        look = looks.get(ref)
        key = key_for(ref, added_ids)
        words = _notes(ann.node(key), note_chars) if ann is not None and _has(ann, key) else ""
        styles[ref.title] = NodeStyle(
            fill=look.fill if look else None,
            pen=look.pen if look else None,
            penwidth=None,
            mark=look.mark if look else "",
            mark_color=look.mark_color if look else None,
            note=words,
        )
    return styles


def annotated(
    m: ArgumentMap, ann: Annotations, *, standing: bool = False
) -> tuple[ArgumentMap, dict[str, NodeStyle]]:
    """The learner's map and the render styles of their annotations (or, with
    ``standing``, of what still stands, weighed with the learner's strengths and
    verdicts): ``to_dot(lm, annotations_style=styles)``."""
    from .evaluate import evaluate

    lm = learner_map(m, ann)
    ev = evaluate(lm, ann, strengths=ann.strengths, verdicts=ann.verdicts) if standing else None
    looks = node_looks(lm, ann, ev)
    return lm, render_styles(looks, ann)


def svg_styles(
    looks: Mapping[NodeRef, Look], names: Mapping[NodeRef, list[str]]
) -> dict[str, dict[str, object]]:
    """The map widget's ``styles`` trait: SVG node name → style, for every SVG node of a ref."""
    out: dict[str, dict[str, object]] = {}
    for ref, look in looks.items():
        style: dict[str, object] = {"mark": look.mark, "markColor": look.mark_color, "width": 2}
        if look.fill:
            style["fill"] = look.fill
        if look.pen:
            style["stroke"] = look.pen
        if look.dash:
            style["dash"] = look.dash
        if look.cls:
            style["cls"] = look.cls
        for name in names.get(ref, ()):
            out[name] = style
    return out
