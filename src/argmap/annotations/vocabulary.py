"""The words of the annotation file: judgements, answers, flags, kinds of added nodes,
limits, and how learner text is cleaned on the way in."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import Literal

FORMAT = "argmap-annotations"
#: The newest version this argmap reads.  It writes version 1 unless a file holds a
#: strength, verdict, reason or exercise answers (version 2): older argmaps then say
#: "update argmap" instead of calling the file damaged.
VERSION = 2
#: Files over this size are refused by :func:`load` and never written by :func:`save`.
MAX_BYTES = 2_000_000
#: The longest note, added-node text or quote a learner can keep (characters).
MAX_NOTE = 10_000
#: Learner names and titles longer than this are refused.
MAX_NAME = 500
#: The longest notebook name or exercise id an exercise answer is kept under.
MAX_EXERCISE_ID = 200
#: How many history entries a file keeps (the oldest are dropped first).
MAX_HISTORY = 200

#: Judgements of a statement.  ``solid``/``shaky``/``unfounded`` are the words the
#: panel offers for evidence (how solid its basis is); evaluation reads them as
#: accept/doubt/reject.
STATEMENT_JUDGEMENTS: dict[str, str] = {
    "accept": "I accept this statement",
    "doubt": "I am not sure this statement is true",
    "reject": "I think this statement is false",
    "solid": "the evidence rests on a solid basis",
    "shaky": "the evidence rests on a shaky basis",
    "unfounded": "the evidence has no real basis",
}
#: Judgements of an inference step: how strongly its premises support its conclusion.
INFERENCE_JUDGEMENTS: dict[str, str] = {
    "strong": "if the premises are true, the conclusion very probably is too",
    "weak": "the premises lend the conclusion some support, not enough on their own",
    "none": "the premises, even if true, do not support the conclusion",
}
#: A learner's verdict on a statement after weighing it (the words and meaning are
#: :data:`argmap.judge.evaluate.VERDICTS`; a test keeps the two lists the same).
VERDICT_WORDS: tuple[str, ...] = ("supported", "contested", "refuted", "open")
#: How much an objection (or rebuttal) weighs: the words of an inference's rating
#: (:data:`argmap.judge.evaluate.STRENGTHS`).
STRENGTH_WORDS: tuple[str, ...] = tuple(INFERENCE_JUDGEMENTS)
#: Answers to a critical question.
ANSWERS: tuple[str, ...] = ("yes", "no", "unsure")

#: Flags a learner can put on any node, with a one-line explanation for the panel.
FLAGS: dict[str, str] = {
    "loaded-language": "Uses emotionally charged words that push a view instead of arguing for it.",
    "needs-evidence": "Is asserted without the evidence it needs.",
    "questionable-assumption": "Rests on an assumption a careful reader would not simply grant.",
    "hasty-generalisation": "Draws a general conclusion from too few or untypical cases.",
    "false-dilemma": "Presents two options as the only ones when there are others.",
    "slippery-slope": "Claims one step will lead to an extreme outcome without showing each link.",
    "appeal-to-authority": "Relies on someone's say-so where their authority does not reach or is disputed.",
    "ad-hominem": "Attacks a person instead of what they argue.",
    "straw-man": "Answers a weaker or distorted version of the other side's view.",
    "post-hoc": "Assumes that because one thing followed another, the first caused the second.",
    "cherry-picking": "Cites only the cases that fit and leaves out those that do not.",
}

#: What a learner can add, and what each one attaches to.
ADDED_KINDS: dict[str, str] = {
    "assumption": "an unstated premise an inference needs (target: an inference)",
    "objection": "a reason against a statement or an inference (target: a statement, argument or step)",
    "rebuttal": "a reason against an objection (target: the objection)",
    "evidence": "a piece of evidence for a statement, with a quote (target: a statement)",
}

AddedKind = Literal["assumption", "objection", "rebuttal", "evidence"]


# -- text hygiene ----------------------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Learner text as kept: line ends become ``\\n``; control characters other than
    newline and tab (and unpaired surrogates) are removed.  Everything else —
    markup, quotes, right-to-left marks — is kept verbatim (displays escape it)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def _check_text(what: str, text: str, limit: int = MAX_NOTE) -> str:
    if not isinstance(text, str):
        raise TypeError(f"{what} must be a str, not {type(text).__name__}")
    text = clean_text(text)
    if len(text) > limit:
        raise ValueError(f"{what} is {len(text):,} characters long; the limit is {limit:,}")
    return text


def _choices(value: object, valid: Iterable[str], what: str) -> str:
    valid = tuple(valid)
    if value not in valid:
        raise ValueError(f"{value!r} is not {what}; use one of: {', '.join(valid)}")
    return str(value)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
