"""Practice before the op-ed: short passages written for this kit, graded from easy to hard,
each with a reference map, and feedback on a learner's map of it.

Each passage is two to six sentences: a conclusion, reasons (some of them only work
together), an assumption the author leaves unsaid, and an objection, sometimes raised and
answered by the author ("Yes… but", "Even if…").  Levels:

1. a conclusion and its reasons (``+``);
2. an argument with numbered premises and its unstated assumption;
3. evidence quoted word for word under a reason;
4. an objection the author raises and answers (a concession and its rebuttal);
5. an undercut: the author grants the reason but denies that it supports the conclusion.

:func:`feedback` checks the learner's map (located errors first, quotes against the
passage), compares it with the reference (statements by meaning, then the relations
between them) and adds the checklist of the notebooks (rabbit rule, holding hands, role
tags).  The passages were written for argmap; they are not taken from a corpus or a book.

>>> [p.level for p in PASSAGES][:3]
[1, 1, 1]
>>> print(feedback("bikes", "[X]: The council should build bike lanes. #thesis").text.splitlines()[0])
Your thesis says what the author argues for.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..model import ArgumentMap
from .passages import PASSAGES, Passage

__all__ = ["PASSAGES", "Feedback", "Passage", "feedback", "passage", "reference"]


def passage(which: str | Passage) -> Passage:
    """A passage by its id (``ValueError`` names the ids if there is none)."""
    if isinstance(which, Passage):
        return which
    for p in PASSAGES:
        if p.id == which:
            return p
    raise ValueError(f"no practice passage {which!r}; the passages are: {', '.join(p.id for p in PASSAGES)}")


def _checked(p: Passage, text: str, name: str) -> tuple[ArgumentMap, list[str]]:
    """Parse and check a map of the passage; its quotes are looked up in the passage."""
    from ..argdown import parse
    from ..checking.source import Source
    from ..checking.validate import validate

    m, found = parse(text, name)
    m, more = validate(m, source=Source(p.text, f"{p.id}.txt"))
    problems = [d.format() for d in [*found, *more] if d.is_error]
    return m, problems


@lru_cache(maxsize=64)
def reference(which: str, reading: int = 0) -> ArgumentMap:
    """The reference map of a passage (``reading`` 1, 2 … its alternatives), with its quotes
    anchored in the passage."""
    p = passage(which)
    text = p.key if reading == 0 else p.alternatives[reading - 1]
    m, problems = _checked(
        p, text, f"{p.id} (reference)" if reading == 0 else f"{p.id} (reading {reading + 1})"
    )
    if problems:
        raise ValueError(f"the reference map of {p.id!r} has errors: {problems[0]}")
    return m


@dataclass(frozen=True)
class Feedback:
    """Feedback on a learner's map of a passage: the words, and the numbers behind them."""

    text: str
    score: float | None
    errors: tuple[str, ...]

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        return {
            "text/plain": self.text,
            "text/html": f"<pre class='argmap-practice'>{html.escape(self.text)}</pre>",
        }

    def __str__(self) -> str:
        return self.text


def feedback(
    which: str | Passage,
    learner: str,
    *,
    reveal: bool = False,
    part: Iterable[str] | None = None,
    optional: Iterable[str] = (),
) -> Feedback:
    """Check the learner's map (Argdown text) of a passage and compare it with the reference
    (and its alternative readings: the best fit counts).

    Errors (a syntax slip, a quote that is not in the passage) come first, located, and
    nothing else is said until they are fixed.  Nothing of the key is quoted unless
    ``reveal``: a first try with an empty map shows where to look, not what to find.  An
    exercise that asks for part of the map names it by role (``part=["thesis"]``; ``optional``:
    what the learner may pick from): the feedback then speaks of that part only."""
    from ..judge.compare import compare
    from .teaching import teaching_checks

    p = passage(which)
    m, problems = _checked(p, learner, "your map")
    if problems:
        return Feedback("Fix these first:\n" + "\n".join(problems) + "\n", None, tuple(problems))
    others = tuple(reference(p.id, k) for k in range(1, len(p.alternatives) + 1))
    c = compare(m, reference(p.id), alternatives=others, part=part, optional=optional)
    lines = [c.feedback_text(reveal=reveal).rstrip("\n")]
    hints = [f"{d.message} (hint: {d.hint})" for d in teaching_checks(m)]
    if hints:
        lines.append("The checklist of the notebooks:")
        lines += [f"- {h}" for h in hints]
    lines.append(
        f"Score {c.score:.0f} of 100 (statements {c.statement_score:.0f}, relations {c.structure_score:.0f})."
    )
    return Feedback("\n".join(lines) + "\n", c.score, ())
