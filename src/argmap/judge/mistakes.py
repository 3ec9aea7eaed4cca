"""Mistakes :mod:`argmap.judge.compare` names before it scores, so that no feedback praises them.

* a thesis that is not the author's conclusion: the question the text answers
  (:func:`is_question`), the claim the author argues against, one of the author's reasons
  (:func:`thesis_reading`);
* evidence given another basis than the key's (:func:`basis_differs`): a statistic marked as
  expert opinion;
* a title misspelt, so that a relation ends at a new, empty box (:func:`mend_titles`): Argdown
  reads ``<Independance>`` as a box of its own, and what hangs under it is cut off from the map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..argdown.builder import resolve_roles
from ..checking.validate import looks_like, similar_titles
from ..model import (
    Argument,
    ArgumentMap,
    Basis,
    NodeRef,
    Role,
    Statement,
)

__all__ = [
    "NEAR_BASES",
    "Mended",
    "basis_differs",
    "is_placeholder",
    "is_question",
    "mend_titles",
    "thesis_reading",
]

#: Words a question opens with when it has no question mark ("Should the town close the pool").
_ASKING = frozenset(
    """should shall is are was were do does did can could will would must may might has have had
    whether""".split()  # noqa: SIM905
)


def is_question(text: str) -> bool:
    """Whether a statement is a question rather than a claim: it ends with a question mark, or
    opens with an auxiliary verb ("Should our town …") not followed by "not".

    >>> is_question("Should our town ban private fireworks?"), is_question("Should we stop it")
    (True, True)
    >>> is_question("Our town should ban fireworks."), is_question("When fees fell, more enrolled.")
    (False, False)
    """
    flat = " ".join(text.split()).strip(" \"'“”‘’")
    if flat.endswith("?"):
        return True
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", flat.casefold())
    return len(words) >= 3 and words[0] in _ASKING and words[1] not in ("not", "n't")


_PLACEHOLDER = re.compile(r"(?:write|say|replace|type)\b.*\bhere\b", re.IGNORECASE | re.DOTALL)


def is_placeholder(text: str) -> bool:
    """Whether a statement still holds a starter cell's placeholder ("Write your objection
    here.", "Say here what it reports."): an instruction, not the learner's words.

    >>> is_placeholder("Write your objection here."), is_placeholder("Writers stay here.")
    (True, False)
    """
    return bool(_PLACEHOLDER.match(" ".join(text.split())))


def thesis_reading(role: Role) -> str:
    """What a learner's thesis is when it matches a statement of the key with ``role``:
    ``"against"`` (the claim the author argues against), ``"reply"`` (the author's answer to an
    objection) or ``"reason"`` (one of the author's reasons or their evidence)."""
    if role is Role.OBJECTION:
        return "against"
    if role is Role.REBUTTAL:
        return "reply"
    return "reason"


#: Bases close enough that either is a fair reading (a statistic is a fact given as a number;
#: an expert's words quoted are a quotation; one person's report of what they saw is testimony
#: and an observation; a precedent is an example from history).
NEAR_BASES: frozenset[frozenset[Basis]] = frozenset(
    {
        frozenset({Basis.FACT, Basis.STATISTIC}),
        frozenset({Basis.EXPERT, Basis.QUOTATION}),
        frozenset({Basis.TESTIMONY, Basis.OBSERVATION}),
        frozenset({Basis.EXAMPLE, Basis.PRECEDENT}),
    }
)


def basis_differs(key: Statement, learner: Statement) -> bool:
    """Whether the learner gave a piece of evidence another basis than the key's (one of
    :data:`NEAR_BASES` is no error; no basis on either side says nothing)."""
    a, b = key.basis, learner.basis
    return a is not None and b is not None and a is not b and frozenset({a, b}) not in NEAR_BASES


@dataclass(frozen=True)
class Mended:
    """A title the learner's map never gives a text (``typed``) and the box it most likely means
    (``meant``): one of the learner's own boxes (``ours=True``; compare reads the title as it), or
    one of the key's (said, not read so: the learner's map has no such box)."""

    typed: NodeRef
    meant: NodeRef
    ours: bool


def mend_titles(learner: ArgumentMap, key: ArgumentMap) -> tuple[ArgumentMap, tuple[Mended, ...]]:
    """The learner's map with each misspelt title read as the box it looks like, and what was
    mended.  A title used but never given a text that looks like a title the learner defined
    (:func:`argmap.checking.validate.similar_titles`) is read as that title; one that looks
    like a title of the key instead is named, so the learner can fix it."""
    mended = [Mended(node.ref, like.ref, True) for node, like in similar_titles(learner)]
    typed = {m.typed for m in mended}
    defined = {s.title for s in learner.statements if s.text.strip()} | {
        a.title for a in learner.arguments if a.text.strip() or a.inferences
    }
    key_nodes: list[Statement | Argument] = [*key.statements, *key.arguments]
    nodes: list[Statement | Argument] = [*learner.statements, *learner.arguments]
    for node in nodes:
        if node.ref in typed or node.title in defined or node.text.strip():
            continue
        if isinstance(node, Argument) and (node.inferences or node.lines):
            continue
        like = next(
            (k for k in key_nodes if k.ref.kind is node.ref.kind and looks_like(node.title, k.title)), None
        )
        if like is not None and like.title != node.title:
            mended.append(Mended(node.ref, like.ref, False))
    ours = {m.typed: m.meant for m in mended if m.ours}
    return (_renamed(learner, ours) if ours else learner), tuple(mended)


def _renamed(m: ArgumentMap, names: dict[NodeRef, NodeRef]) -> ArgumentMap:
    """The map with each node of ``names`` merged into the node it names (its relations, its
    places in premise–conclusion structures), roles read again from the relations."""

    def ref(r: NodeRef) -> NodeRef:
        return names.get(r, r)

    def title(t: str) -> str:
        return names.get(NodeRef.statement(t), NodeRef.statement(t)).title

    def argument(a: Argument) -> Argument:
        return replace(
            a,
            inferences=tuple(
                replace(i, premises=tuple(title(p) for p in i.premises), conclusion=title(i.conclusion))
                for i in a.inferences
            ),
            lines=tuple(replace(line, statement=title(line.statement)) for line in a.lines),
        )

    relations = tuple(
        replace(r, source=ref(r.source), target=ref(r.target))
        for r in m.relations
        if ref(r.source) != ref(r.target)
    )
    kept = [s for s in m.statements if s.ref not in names]
    statements = resolve_roles(kept, relations)
    arguments = tuple(argument(a) for a in m.arguments if a.ref not in names)
    return m.replace(statements=statements, arguments=arguments, relations=relations)


# -- wording ------------------------------------------------------------------------------------

_WHAT = {
    Role.CLAIM: "one of the author's reasons",
    Role.EVIDENCE: "a piece of the author's evidence",
    Role.ASSUMPTION: "an assumption the author's argument rests on",
    Role.REBUTTAL: "the author's reply to an objection",
    Role.OBJECTION: "the claim the author argues against",
}


def say_thesis_as(kind: str, role: Role | None, mine: str, theirs: str, author: str, reveal: bool) -> str:
    """What the learner's thesis is instead of the author's conclusion (see :func:`thesis_reading`):
    ``mine`` is the learner's box, ``theirs`` the key's statement it is, ``author`` the key's thesis."""
    conclusion = f" The author's conclusion is “{author}”." if reveal and author else ""
    if kind == "question":
        return (
            "Your thesis is the question the text answers, not the author's answer to it: write the "
            "answer as a whole statement and tag that #thesis." + conclusion
        )
    what = _WHAT.get(role or Role.CLAIM, _WHAT[Role.CLAIM])
    if reveal:
        return f"Your thesis is {what}, {mine} (the key: “{theirs}”).{conclusion}"
    if kind == "against":
        return (
            f"Your thesis is {what}: the author raises it in order to answer it. Ask what the author "
            f"concludes instead and map that as the thesis; {mine} goes under it as an objection."
        )
    return (
        f"Your thesis is {what}, {mine}: ask what the author gives it for, and map that as the "
        "thesis, with your box under it."
    )


def say_basis(mine: str, given: Basis, key: Basis, reveal: bool) -> str:
    """A piece of evidence given another basis than the key's."""
    if reveal:
        return f"Another basis: you gave {mine} the basis “{given.label}”; the key reads it as “{key.label}”."
    return (
        f"Look again at the basis of {mine}: you gave “{given.label}”. Ask what it rests on: a count or a "
        "measurement, someone's expertise, an event, one case, a person's own report."
    )


def say_placeholders(titles: list[str]) -> str:
    """Boxes that still hold the starter cell's words."""
    if not titles:
        return ""
    boxes = ", ".join(titles)
    return (
        f"Still the starter's placeholder: {boxes}. Write your own words in its place; until then it "
        "counts as not written."
    )


def say_mended(m: Mended) -> str:
    """A title the learner's map never gives a text, and the box it most likely means."""
    kind = "statement" if m.typed.kind.value == "statement" else "argument"
    if m.ours:
        return (
            f"Title: {m.typed} is never given a text in your map, so Argdown draws it as a new, empty "
            f"{kind}; it looks like your {m.meant}, and is read as {m.meant} here. Write the title exactly "
            "the same (letter case, spaces, hyphens) so that your picture shows it too."
        )
    return (
        f"Title: {m.typed} is never given a text in your map, so Argdown draws it as a new, empty {kind}, "
        f"and what you drew at it is cut off from your argument. Did you mean {m.meant}? Write the title "
        "exactly, or give the box a text of its own."
    )
