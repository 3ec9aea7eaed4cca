"""The vocabulary of argument mapping, in plain words: one source of truth for the
notebooks, the widgets' tooltips and the handouts."""

from __future__ import annotations

import html

__all__ = ["GLOSSARY", "define", "glossary_markdown", "glossary_html"]

#: term → plain definition.  Order is teaching order.
GLOSSARY: dict[str, str] = {
    "argument": "A set of reasons given for a conclusion. Not a quarrel: a structure you can draw.",
    "thesis": "The main claim the whole text argues for. Everything else in the map is there to support it, "
    "attack it, or defend it.",
    "claim": "A statement the author asserts. An intermediate claim (or sub-conclusion) is supported by "
    "reasons and in turn supports the thesis.",
    "premise": "A statement offered as a reason for a conclusion. "
    "In the map, premises point to what they support.",
    "conclusion": "The statement that the premises are meant to support.",
    "evidence": "A premise that reports something checkable: a fact, a number, an example, an expert's view, "
    "a historical precedent. In argmap every piece of evidence quotes the text it comes from.",
    "basis": "What a piece of evidence rests on: fact, statistic, example, expert opinion, historical "
    "precedent, quotation, testimony or observation. It tells you which questions to ask of it.",
    "inference": "The step from premises to a conclusion. A map draws it as a small junction the premises "
    "flow into.",
    "co-premise": "One of several premises that only work together (they are linked): take one away and "
    "the others no longer support the conclusion.",
    "linked premises": "Premises that support a conclusion only together, through one inference.",
    "convergent reasons": "Separate reasons that each support the same conclusion on their own: lose one, "
    "the others are still drawn. They are only as independent as their premises: reasons that share a "
    "premise (often an unstated one) fall together when it fails.",
    "assumption": "An unstated premise: something the author does not say but needs to be true for a "
    "reason to support the conclusion. Drawn with a dashed border.",
    "objection": 'A reason to doubt or reject a claim ("but …"). Drawn in red with a dashed line.',
    "rebuttal": "In this kit: an answer to an objection, a reason to think the objection is false "
    '("no: in fact …"). Written as an attack on the objection (`-` under it). (In the formal literature, '
    'ASPIC+ for one, "rebut" means attacking a conclusion; see docs/evaluation.md.)',
    "undercut": "An objection that grants the premises but denies that they support the conclusion "
    '("true, but that does not show it"). It attacks the step, not a statement: `_` under the argument, '
    "or `<_` / `_>`. Once the link is written out as an assumption, attacking it is a plain objection to "
    "that assumption (`-`).",
    "concession": 'An objection the author raises and answers ("Yes, … but", "Even if …"). Map what is '
    "granted as an #objection and the author's reply as a #rebuttal if it denies the objection, as an "
    "undercut if it grants it but denies that it counts, or as one more reason if it only outweighs it.",
    "scheme": "A common pattern of reasoning, such as argument from expert opinion, from cause to effect, "
    "from analogy, or from a historical precedent. Each scheme comes with critical questions.",
    "critical question": "A question that tests whether a scheme's step really works here, e.g. for expert "
    "opinion: is the expert an expert in this field, and do other experts agree?",
    "source anchor": "Where a quote stands in the source text: the exact words, a little context, and the "
    "paragraph number.",
    "loaded language": "Wording chosen to make the reader feel something about a claim rather than to give "
    "a reason for it. Look for it about every side, not only the one the author opposes.",
    "rabbit rule": "Every key term of a conclusion must appear in one of its premises: a conclusion cannot "
    "pull a rabbit out of a hat. A term no premise mentions points to a missing bridge premise.",
    "holding hands": "Every premise of a step must share a key term with the conclusion or with another "
    "premise; a premise that connects to nothing belongs elsewhere or needs a bridge.",
    "verdict": "Your weighing of a thesis after judging its parts: supported, contested, refuted or open, "
    "with your reason in your own words. One unanswered objection does not decide it.",
}


def define(term: str) -> str:
    """The definition of ``term`` (case-insensitive); ``KeyError`` names the known terms."""
    key = term.strip().lower()
    if key not in GLOSSARY:
        raise KeyError(f"{term!r} is not in the glossary; known terms: {', '.join(GLOSSARY)}")
    return GLOSSARY[key]


def glossary_markdown(terms: list[str] | None = None) -> str:
    """The glossary (or some of its terms) as a Markdown definition list."""
    keys = [t.lower() for t in terms] if terms else list(GLOSSARY)
    return "\n".join(f"- **{k}**: {define(k)}" for k in keys)


def glossary_html(terms: list[str] | None = None) -> str:
    keys = [t.lower() for t in terms] if terms else list(GLOSSARY)
    rows = "".join(f"<dt><b>{html.escape(k)}</b></dt><dd>{html.escape(define(k))}</dd>" for k in keys)
    return f"<dl class='argmap-glossary'>{rows}</dl>"
