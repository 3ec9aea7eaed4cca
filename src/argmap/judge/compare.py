"""Compare a learner's own map of a text with the reference map (the answer key).

:func:`compare` pairs each statement of the reference with at most one statement
of the learner's map, and says what the learner found, what they missed, what
they added that the key lacks, and where they gave a statement another role
(evidence where the key has an assumption …).

**Matching.**  Two statements are compared in two ways, and the better one counts:

* *quotes* — when both quote the text: if both are anchored in the same source,
  the overlap of their character spans; otherwise the longest common run of
  their normalised quote texts (quotes, dashes, spaces and case folded as in
  :func:`argmap.checking.source.normalise`).  The score is the geometric mean of the two
  coverages, so a fragment of a longer quote still counts;
* *wording* — the words, made comparable: lower case, stop words dropped, a few
  everyday synonyms merged (country/nation/state …) and a light suffix-stripping
  stemmer; then the mean of the (idf-weighted) Dice coefficient of the
  content-word sets and the Dice coefficient of their character trigrams
  (which forgives spelling and word-form differences the stemmer misses; it
  may add at most as much as the words do, so shared letters alone never make
  a match).  Texts with no content word in common score 0.  The reference's quote counts as
  wording too, so a learner who paraphrases the text meets the key there.

A pair of statements with the same role gets :data:`SAME_ROLE_BONUS`, words
are weighted by their rarity in the two maps (idf: "Russia" and "Iran" stand in
nearly every statement of the case study and so say little), and the two theses
are paired first if they reach :data:`THESIS_FLOOR`.  Other pairs scoring at least
:data:`THRESHOLD` are assigned one to one, best first (ties in map order).  Dependency-free and deterministic.

**Possible matches.**  A pair under :data:`CREDIT` is *possible*: the feedback names it ("may
mean a point of the key … say it in the text's own terms"), and it is never credited.

**One normal form.**  Both maps are read the same way before comparing (:func:`edges`,
:func:`units`): a premise–conclusion structure counts as support from each premise to its
conclusion; an argument written as one claim (``<Few riders>: Few ride it, so …``) is a
statement of its own; an undercut keeps the step it denies, so an undercut drawn at the step's
conclusion or premise, and an objection to a written-out warrant of that step, are one move;
an objection written as an argument with its own conclusion meets the key's one-box objection.

**Relations.**  Each relation of the key (support, attack or undercut between statements) is
looked up among the learner's, translated through the matches: *got* (same source, target and
kind), *wrong kind* (the same two statements in the same direction, another kind: a rebuttal
for an undercut, support for an objection), *reversed* (the arrow the other way), *wrong target*
(same source and direction, aimed elsewhere) or *missed*.  Each is said once, with both ends
in the learner's words and the key's; a missed relation between two statements the learner has
is named, one whose end is missing is said with that statement.  Titles never count: a box is
known by what it says.

**The thesis.**  A learner's thesis that negates the key's is *opposite* (:func:`opposite`):
negation and antonym cues on aligned content, never word order.

**The author's argument and the reader's critique.**  Statements of the key marked
``{by: reader}`` (objections a reader raises that the text does not) are scored apart: not
needed for the score unless ``critique=True``; the learner's own objections are credit, never a
penalty.  A key may come with ``alternatives`` (other acceptable readings); the best counts.

**Mistakes named before scoring** (:mod:`argmap.judge.mistakes`).  A learner's thesis that is the
question the text answers is never paired; one that says another statement of the key better
than the key's thesis (the claim the author argues against, a reason) is paired with that
statement and named for what it is.  Evidence given another basis than the key's (a statistic
as expert opinion) earns half.  A title the learner's map never gives a text but that looks like
one of its titles is read as that title, and said.

**Part of the key.**  An exercise that asks for part of the map names it (``part``, and
``optional``: what the learner picks from); the score and the feedback speak of that part only.

**The score** (0–100) is 35 % statements and 65 % relations when the key has relations.
Statements: recall by role, averaged with weights (thesis 2, reasons 3, assumptions 2,
evidence 2, objections 1, rebuttals 0.5; roles the key lacks are left out; a statement
found under another role earns 3/4; an objection and a rebuttal count as one role, the relation
says which).  Relations: 1 for each got, 1/2 for an attack of the other kind (rebuttal for
undercut), over the key's relations.  Statements the learner adds beyond the key do not lower
it, and ``precision`` (reported beside it) leaves out the assumptions, quoted evidence and
objections the notebooks teach learners to add.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..checking.source import normalise
from ..model import ArgumentMap, NodeKind, NodeRef, RelationKind, Role, Statement
from ..text import count
from .mistakes import (
    Mended,
    basis_differs,
    is_placeholder,
    is_question,
    mend_titles,
    say_basis,
    say_mended,
    say_placeholders,
    say_thesis_as,
    thesis_reading,
)
from .words import Wording, opposite, similarity, tokens

__all__ = [
    "CREDIT",
    "THRESHOLD",
    "VERDICTS",
    "capitalised_words",
    "by_reader",
    "feedback_words",
    "units",
    "Edge",
    "RelationCheck",
    "edges",
    "opposite",
    "WEIGHTS",
    "Comparison",
    "Match",
    "compare",
    "similarity",
    "tokens",
]

#: A pair of statements below this similarity is never matched.
THRESHOLD = 0.36
#: A pair matched below this similarity is "possible": named in the feedback, never credited.
CREDIT = 0.5
#: The two theses (each map's only one) are paired from this similarity on: a learner's
#: thesis is meant as the author's thesis, however loosely it is worded.
THESIS_FLOOR = 0.25
#: Added to a pair's similarity when both statements have the same role.
SAME_ROLE_BONUS = 0.08
#: Added to a pair's similarity when the key's statement is one the exercise asks for.
SCOPE_BONUS = 0.05
#: Credit for a piece of evidence found with another basis than the key's (a statistic as expert opinion).
OTHER_BASIS = 0.5
#: How much finding each role counts in the score.
WEIGHTS: dict[Role, float] = {
    Role.THESIS: 2.0,
    Role.CLAIM: 3.0,
    Role.ASSUMPTION: 2.0,
    Role.EVIDENCE: 2.0,
    Role.OBJECTION: 1.0,
    Role.REBUTTAL: 0.5,
}
#: Credit for a statement found under another role.
OTHER_ROLE = 0.75

#: Role names in the feedback: (one, many).
ROLE_WORDS: dict[Role, tuple[str, str]] = {
    Role.THESIS: ("thesis", "theses"),
    Role.CLAIM: ("reason", "reasons"),  # any claim: a line's reason, a sub-claim, a reason for an objection
    Role.EVIDENCE: ("piece of evidence", "pieces of evidence"),
    Role.ASSUMPTION: ("unstated assumption", "unstated assumptions"),
    Role.OBJECTION: ("objection", "objections"),
    Role.REBUTTAL: ("rebuttal", "rebuttals"),
}

# -- statements as compared -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Side:
    statement: Statement
    texts: tuple[Wording, ...]  # wording: title + text, and (reference) the quote
    quote: str  # normalised, folded
    span: tuple[int, int] | None  # anchor offsets
    source: str | None  # the anchor's source (resolved path)


def _source_key(m: ArgumentMap) -> str | None:
    if m.source is None:
        return None
    if m.path is None:
        return Path(m.source).name
    return str((Path(m.path).parent / m.source).resolve())


def _side(s: Statement, source: str | None, *, with_quote: bool) -> _Side:
    # titles last: a box is compared by what it says (its text, its quote); its title only
    # when it says nothing else, so the key's titles over other texts match nothing
    variants = [s.text if s.text.strip() else s.title]
    # and each clause of a long statement ("claim: elaboration; more"), so that a learner who
    # writes one of its parts in other words still meets it
    variants += [part for part in re.split(r":\s|;\s", s.text) if len(part.split()) >= 4]
    q = s.quote or ""
    if q and with_quote:
        variants.append(q)
    texts = [Wording.of(v) for v in dict.fromkeys(variants) if v.strip()]
    span = (s.anchor.start, s.anchor.end) if s.anchor is not None else None
    return _Side(s, tuple(texts), normalise(q, fold=True), span, source if span else None)


def _quote_score(r: _Side, x: _Side) -> float:
    if not r.quote or not x.quote:
        return 0.0
    if r.span and x.span and r.source is not None and r.source == x.source:
        inter = min(r.span[1], x.span[1]) - max(r.span[0], x.span[0])
        la, lb = r.span[1] - r.span[0], x.span[1] - x.span[0]
    else:
        sm = difflib.SequenceMatcher(None, r.quote, x.quote, autojunk=False)
        inter = sm.find_longest_match(0, len(r.quote), 0, len(x.quote)).size
        la, lb = len(r.quote), len(x.quote)
        if inter < 12:  # a shared word or two is not a shared quote
            inter = 0
    if inter <= 0 or la <= 0 or lb <= 0:
        return 0.0
    return float((inter / la * inter / lb) ** 0.5)


def _pair(r: _Side, x: _Side, weight: Mapping[str, float]) -> tuple[float, str]:
    q = _quote_score(r, x)
    w = max((a.like(b, weight) for a in r.texts for b in x.texts), default=0.0)
    return (q, "quote") if q >= w else (w, "wording")


def _idf(sides: list[_Side]) -> dict[str, float]:
    """Inverse document frequency of each content word over both maps' statements:
    words most statements share ("Russia", "Iran" in the case study) weigh little."""
    df: Counter[str] = Counter()
    for side in sides:
        df.update(frozenset().union(*(t.words for t in side.texts)))
    n = len(sides)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


# -- relations ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edge:
    """A relation between two statements, as compared: support, attack or undercut.

    An argument's inference counts as support from each premise to its conclusion; an
    attack or undercut on an argument counts as aimed at its conclusion, and an undercut
    keeps the premises of the step it denies in ``step`` (so an undercut drawn at the step's
    premise, or at a written-out warrant, meets it).  An argument written as one claim
    (``<Few riders>: Few people ride it, so …``, no premises) is a statement of its own,
    titled ``<Few riders>``."""

    source: str
    target: str
    kind: str  # "support", "attack" or "undercut"
    step: tuple[str, ...] = ()
    #: An attack on a written-out warrant: ``step`` then holds the rest of its inference (the
    #: conclusion, the other premises), and it is the same move as an undercut of that step.
    warrant: bool = False

    @property
    def against(self) -> bool:
        return self.kind != "support"

    @property
    def aims(self) -> frozenset[str]:
        """What the relation is aimed at: its target, and for an undercut (or an attack on a
        warrant) the step it denies."""
        return frozenset((self.target, *self.step))

    def words(self) -> str:
        verb = {"support": "supports", "attack": "attacks", "undercut": "undercuts the step to"}[self.kind]
        return f"{_box(self.source)} {verb} {_box(self.target)}"


def _box(title: str) -> str:
    return title if title.startswith("<") else f"[{title}]"


def _claim_arguments(m: ArgumentMap) -> dict[str, Statement]:
    """Arguments written as one claim (a text, no premise–conclusion structure, no premise
    drawn into them), as statements titled ``<Title>``: notebook 05 writes an objection so
    when a reply undercuts it."""
    fed = {
        r.target.title
        for r in m.relations
        if r.target.kind is NodeKind.ARGUMENT and r.kind is RelationKind.SUPPORT
    }
    attacking = {
        r.source.title for r in m.relations if r.source.kind is NodeKind.ARGUMENT and r.kind.is_conflict
    }
    out: dict[str, Statement] = {}
    for a in m.arguments:
        if a.inferences or not a.text.strip() or a.title in fed:
            continue
        if not any(a.ref in (r.source, r.target) for r in m.relations):
            continue
        role = Role.OBJECTION if a.title in attacking else Role.CLAIM
        out[a.title] = Statement(f"<{a.title}>", a.text, role, data=a.data, location=a.location)
    return out


def units(m: ArgumentMap) -> tuple[Statement, ...]:
    """What compare pairs: the map's statements, and its arguments written as one claim."""
    return (*m.statements, *_claim_arguments(m).values())


def _premises(m: ArgumentMap) -> dict[str, list[str]]:
    """Each argument's premises: its last step's, or (no conclusion) the statements drawn into it."""
    premises = {a.title: list(a.inferences[-1].premises) if a.inferences else [] for a in m.arguments}
    concl = {a.title: a.conclusion for a in m.arguments}
    for r in m.relations:
        if (
            r.kind is RelationKind.SUPPORT
            and r.source.kind is NodeKind.STATEMENT
            and r.target.kind is NodeKind.ARGUMENT
            and not concl.get(r.target.title)
        ):
            premises.setdefault(r.target.title, []).append(r.source.title)
    return premises


def _warrants(m: ArgumentMap) -> dict[str, tuple[str, ...]]:
    """Each written-out warrant (an assumption among linked premises) and the rest of its step."""
    roles = {s.title: s.role for s in m.statements}
    out: dict[str, tuple[str, ...]] = {}
    for _, inf in m.inferences:
        for p in inf.premises:
            if roles.get(p) is Role.ASSUMPTION and len(inf.premises) > 1:
                out.setdefault(p, (inf.conclusion, *(q for q in inf.premises if q != p)))
    return out


def edges(m: ArgumentMap) -> tuple[Edge, ...]:
    """The map's relations between statements (see :class:`Edge`), without repeats.

    An argument stands for its premises when it supports or attacks something (an argument
    written without premises, such as a conflict node from a corpus, for the statements that
    support it), and for its conclusion when it is supported, attacked or undercut (an
    argument without a conclusion, for what it attacks)."""
    out: dict[tuple[str, str, str], Edge] = {}
    claims = _claim_arguments(m)
    concl = {a.title: a.conclusion for a in m.arguments}
    premises = _premises(m)

    def targets(ref: NodeRef, seen: frozenset[str] = frozenset()) -> list[str]:
        if ref.kind is NodeKind.STATEMENT:
            return [ref.title]
        if ref.title in claims:
            return [f"<{ref.title}>"]
        if concl.get(ref.title):
            return [concl[ref.title] or ""]
        if ref.title in seen:
            return []
        found: list[str] = []
        for r in m.relations:
            if r.source == ref and r.target.kind is NodeKind.STATEMENT:  # what it attacks or supports
                found += targets(r.target, seen | {ref.title})
        return found

    def sources(ref: NodeRef) -> list[str]:
        if ref.kind is NodeKind.STATEMENT:
            return [ref.title]
        if ref.title in claims:
            return [f"<{ref.title}>"]
        return premises.get(ref.title, [])

    warrants = _warrants(m)

    def add(src: str | None, tgt: str | None, kind: str, step: tuple[str, ...] = ()) -> None:
        if src and tgt and src != tgt:
            warrant = kind == "attack" and tgt in warrants
            if warrant:
                step = warrants[tgt]
            out.setdefault(
                (src, tgt, kind), Edge(src, tgt, kind, tuple(p for p in step if p != src), warrant)
            )

    for a in m.arguments:
        for inf in a.inferences:
            for p in inf.premises:
                add(p, inf.conclusion, "support")
    for r in m.relations:
        kind = {RelationKind.SUPPORT: "support", RelationKind.UNDERCUT: "undercut"}.get(r.kind, "attack")
        if (
            r.kind is RelationKind.SUPPORT
            and r.target.kind is NodeKind.ARGUMENT
            and not concl.get(r.target.title)
            and r.target.title not in claims
        ):
            continue  # a premise of an argument without a conclusion: counted through what it attacks
        step = tuple(premises.get(r.target.title, ())) if r.target.kind is NodeKind.ARGUMENT else ()
        for src in sources(r.source):
            for tgt in targets(r.target):
                add(src, tgt, kind, step if kind == "undercut" else ())
    return tuple(out.values())


#: What the learner drew for a relation of the key, and how much of it counts.
VERDICTS: dict[str, float] = {
    "got": 1.0,  # same ends, same kind (or a form the notebooks treat as the same move)
    "wrong-kind": 0.0,  # same ends, another kind: see RelationCheck.credit
    "reversed": 0.0,  # the same two statements, the arrow the other way
    "wrong-target": 0.0,  # same source and direction, aimed at another statement
    "missed": 0.0,
}


@dataclass(frozen=True)
class RelationCheck:
    """One relation of the key and what the learner drew for it (in the key's titles).

    ``verdict`` is ``got`` (same source, target and kind, or an equivalent form: an objection
    to a written-out warrant for an undercut of its step), ``wrong-kind`` (the same two
    statements in the same direction, another kind: a rebuttal for an undercut, support for
    an objection), ``reversed`` (the same two statements, the arrow the other way),
    ``wrong-target`` (the same source and direction, aimed at another statement) or
    ``missed``.  ``reader`` marks a relation of the key's critique (see :func:`compare`)."""

    reference: Edge
    verdict: str
    learner: Edge | None = None
    note: str = ""
    reader: bool = False

    @property
    def credit(self) -> float:
        """1 for got; 1/2 for an attack drawn as the other kind of attack (rebuttal for undercut);
        0 otherwise."""
        if self.verdict == "wrong-kind" and self.learner is not None:
            return 0.5 if self.learner.against and self.reference.against else 0.0
        return VERDICTS[self.verdict]


def _same_ends(e: Edge, want: Edge) -> bool:
    """The same source, aimed at the same statement; where an undercut (or an attack on a
    warrant) is involved, at the same step."""
    if e.source != want.source:
        return False
    if e.target == want.target:
        return True
    stepwise = "undercut" in (e.kind, want.kind) or e.warrant or want.warrant
    return stepwise and bool(e.aims & want.aims)


def _same_move(e: Edge, want: Edge) -> bool:
    """The same kind; an objection to a written-out warrant and an undercut of its step are one move."""
    if e.kind == want.kind:
        return e.target == want.target or e.kind == "undercut" or e.warrant == want.warrant
    return {e.kind, want.kind} == {"attack", "undercut"} and (e.warrant or want.warrant)


def _fits(verdict: str, e: Edge, want: Edge) -> bool:
    """Whether the learner's relation ``e`` is the key's ``want`` drawn so (see :class:`RelationCheck`)."""
    if verdict == "got":
        return _same_ends(e, want) and _same_move(e, want)
    if verdict == "wrong-kind":
        return _same_ends(e, want) and (
            e.kind != want.kind or e.warrant != want.warrant and e.target == want.target
        )
    if verdict == "reversed":
        return e.source == want.target and want.source in e.aims
    return e.source == want.source and e.against == want.against  # wrong-target


def _contracted(found: tuple[Edge, ...], known: frozenset[str]) -> list[Edge]:
    """The learner's relations, plus a premise's relation through a conclusion the key does not
    have: ``[P] +> [C] -> [X]`` with [C] unknown also says ``[P] -> [X]`` (an objection written
    as an argument with its conclusion meets the key's one-box objection)."""
    out = list(found)
    have = {(e.source, e.target) for e in found}
    for step in found:
        if step.kind != "support" or step.target in known or step.source not in known:
            continue
        for e in found:
            if e.source == step.target and (step.source, e.target) not in have:
                out.append(Edge(step.source, e.target, e.kind, e.step, e.warrant))
                have.add((step.source, e.target))
    return out


def _check_relations(
    reference: ArgumentMap, learner: ArgumentMap, matches: tuple[Match, ...], reader: frozenset[str]
) -> tuple[tuple[RelationCheck, ...], tuple[Edge, ...]]:
    """Each relation of the key and the learner's relation that answers to it, each used once:
    every exact one first, then those of another kind, reversed, aimed elsewhere (so a near miss
    never takes the learner's arrow from a better fit further on)."""
    to_ref = {x.learner.title: x.reference.title for x in matches}
    mine = [
        Edge(
            to_ref.get(e.source, ""),
            to_ref.get(e.target, "") or next((to_ref[p] for p in e.step if p in to_ref), ""),
            e.kind,
            tuple(to_ref[p] for p in e.step if p in to_ref),
            e.warrant,
        )
        for e in _contracted(edges(learner), frozenset(to_ref))
    ]
    mine = [e for e in mine if e.source and e.target]
    ref_edges = edges(reference)
    used: set[int] = set()
    found: dict[int, RelationCheck] = {}
    for verdict in ("got", "wrong-kind", "reversed", "wrong-target"):
        for n, want in enumerate(ref_edges):
            if n in found:
                continue
            k = next((k for k, e in enumerate(mine) if k not in used and _fits(verdict, e, want)), None)
            if k is not None:
                used.add(k)
                found[n] = RelationCheck(want, verdict, mine[k])
    out = [
        RelationCheck(
            want,
            found[n].verdict if n in found else "missed",
            found[n].learner if n in found else None,
            reader=want.source in reader or want.target in reader,
        )
        for n, want in enumerate(ref_edges)
    ]
    extra = tuple(e for k, e in enumerate(mine) if k not in used)
    return tuple(out), extra


# -- the result ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A reference statement and the learner's statement that matches it."""

    reference: Statement
    learner: Statement
    score: float
    how: str  # "quote" or "wording"

    @property
    def same_role(self) -> bool:
        """Same role; an objection and a rebuttal count as one (what a reply does is its relation's kind)."""
        return self.reference.role is self.learner.role or {self.reference.role, self.learner.role} == {
            Role.OBJECTION,
            Role.REBUTTAL,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference.title,
            "learner": self.learner.title,
            "reference_role": self.reference.role.value,
            "learner_role": self.learner.role.value,
            "same_role": self.same_role,
            "score": round(self.score, 3),
            "by": self.how,
        }


def by_reader(s: Statement) -> bool:
    """A statement of the key's critique (``{by: reader}``): a point a reader raises that the
    text does not, credited when a learner makes it, never missed."""
    return str(s.data.get("by", "")).strip().lower() == "reader"


@dataclass(frozen=True)
class Comparison:
    """What a learner's map has of the reference's statements (see :func:`compare`)."""

    reference: ArgumentMap
    learner: ArgumentMap
    matches: tuple[Match, ...]
    missed: tuple[Statement, ...]
    extra: tuple[Statement, ...]
    #: Each relation of the key, and what the learner drew for it.
    relations: tuple[RelationCheck, ...] = ()
    #: Relations the learner drew between matched statements that the key lacks.
    extra_relations: tuple[Edge, ...] = ()
    #: The learner's thesis matches the key's in wording but says the opposite.
    thesis_opposite: bool = False
    #: Pairs too loose to credit (similarity under :data:`CREDIT`): named, never counted.
    possible: tuple[Match, ...] = ()
    #: Whether the key's critique (``{by: reader}``) counts in the score.
    critique: bool = False
    #: Which reading of the key this is: 0 the key, 1 … its alternatives.
    reading: int = 0
    #: The key's titles the exercise asks about (``None``: the whole key; see :func:`compare`).
    scope: frozenset[str] | None = None
    #: Titles the learner's map never gives a text, and the box each most likely means.
    mended: tuple[Mended, ...] = ()
    #: Picks an exercise wants that the learner's map lacks ("one of the reasons"): their role and number.
    unpicked: tuple[Role, int] | None = None

    # -- measures ------------------------------------------------------------------------------
    def _counted(self, s: Statement) -> bool:
        return (self.critique or not by_reader(s)) and (self.scope is None or s.title in self.scope)

    def found(self, role: Role) -> tuple[int, int]:
        """(found, in the key) for one role of the reference (its critique left out unless counted)."""
        total = sum(1 for s in units(self.reference) if s.role is role and self._counted(s))
        hit = sum(1 for x in self.matches if x.reference.role is role and self._counted(x.reference))
        short = self.unpicked[1] if self.unpicked and self.unpicked[0] is role else 0
        return hit, total + short

    @property
    def by_role(self) -> dict[str, tuple[int, int]]:
        return {r.value: self.found(r) for r in Role if self.found(r)[1]}

    @property
    def scored_relations(self) -> tuple[RelationCheck, ...]:
        """The key's relations that count in the score: the author's argument (and the critique
        when it counts)."""
        scope = self.scope
        return tuple(
            r
            for r in self.relations
            if (self.critique or not r.reader)
            and (  # an objection's aim belongs to it, wherever it points
                scope is None
                or r.reference.source in scope
                and (r.reference.target in scope or r.reference.against)
            )
        )

    def relation_counts(self) -> dict[str, int]:
        """How many of the key's relations the learner got, drew as another kind, reversed,
        aimed elsewhere or missed."""
        out = dict.fromkeys(VERDICTS, 0)
        for r in self.scored_relations:
            out[r.verdict] += 1
        return out

    @property
    def structure_score(self) -> float:
        """The key's relations drawn as in the key (half for an attack of the other kind), 0–100."""
        rel = self.scored_relations
        if not rel:
            return 0.0
        return round(100 * sum(r.credit for r in rel) / len(rel), 1)

    @property
    def score(self) -> float:
        """Statements found (weighted recall, 0–100) and relations drawn as in the key,
        weighted 35 : 65 when the key has relations: a map with every statement but every
        arrow reversed scores low; the thesis said the other way round counts as not found."""
        if not self.scored_relations:
            return self.statement_score
        return round(0.35 * self.statement_score + 0.65 * self.structure_score, 1)

    @property
    def statement_score(self) -> float:
        """Recall per role, averaged with :data:`WEIGHTS`, 0–100 (see the module docstring)."""
        total = got = 0.0
        for role, weight in WEIGHTS.items():
            in_key = self.found(role)[1]
            if not in_key:
                continue
            credit = sum(
                (1.0 if x.same_role else OTHER_ROLE) * (OTHER_BASIS if x in self.basis_errors else 1.0)
                for x in self.matches
                if x.reference.role is role
                and self._counted(x.reference)
                and not (role is Role.THESIS and self.thesis_opposite)
            )
            total += weight
            got += weight * credit / in_key
        return round(100 * got / total, 1) if total else 0.0

    @property
    def precision(self) -> float:
        """The share of the learner's statements that match one of the key's (0 … 1)."""
        # assumptions, quoted evidence and the learner's own objections are never held against them
        taught = sum(
            1
            for s in self.extra
            if s.role in (Role.ASSUMPTION, Role.OBJECTION, Role.REBUTTAL)
            or (s.role is Role.EVIDENCE and s.anchor is not None)
        )
        n = len(units(self.learner)) - taught
        return round(min(1.0, len(self.matches) / n), 3) if n > 0 else 0.0

    @property
    def thesis_found(self) -> bool:
        return not self.thesis_opposite and any(x.reference.role is Role.THESIS for x in self.matches)

    @property
    def role_mismatches(self) -> tuple[Match, ...]:
        """Statements found under another role; one whose relation is drawn as another kind is
        said with that relation, not twice."""
        said = {r.reference.source for r in self.errors if r.verdict == "wrong-kind"}
        thesis = self.learner.thesis
        return tuple(
            x
            for x in self.matches
            if not x.same_role
            and x.reference.title not in said
            and self._counted(x.reference)
            and (thesis is None or x.learner.title != thesis.title)  # said with the thesis
        )

    @property
    def basis_errors(self) -> tuple[Match, ...]:
        """Evidence found with another basis than the key's (a statistic as expert opinion)."""
        return tuple(
            x for x in self.matches if self._counted(x.reference) and basis_differs(x.reference, x.learner)
        )

    @property
    def thesis_as(self) -> tuple[str, Statement | None]:
        """What the learner's thesis is when it is not the author's conclusion: ``"question"``
        (the question the text answers), ``"against"`` (the claim the author argues against),
        ``"reason"`` or ``"reply"`` (one of the author's reasons, or replies), with the key's
        statement it is; ``("", None)`` otherwise (found, opposite, missing or unmatched)."""
        mine = self.learner.thesis
        if mine is None or self.thesis_found or self.thesis_opposite:
            return "", None
        if is_question(mine.text or mine.title):
            return "question", None
        x = next((x for x in self.matches if x.learner.title == mine.title), None)
        if x is None or x.reference.role is Role.THESIS:
            return "", None
        return thesis_reading(x.reference.role), x.reference

    @property
    def errors(self) -> tuple[RelationCheck, ...]:
        """The relations the learner drew otherwise than the key, each once, in the key's order."""
        return tuple(r for r in self.scored_relations if r.verdict not in ("got", "missed"))

    @property
    def missed_relations(self) -> tuple[RelationCheck, ...]:
        """Relations of the key missing between two statements the learner has (a relation whose
        end the learner lacks is said with that statement, not twice)."""
        have = {x.reference.title for x in self.matches}
        return tuple(
            r
            for r in self.scored_relations
            if r.verdict == "missed" and r.reference.source in have and r.reference.target in have
        )

    # -- output --------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference.path or self.reference.title,
            "learner": self.learner.path or self.learner.title,
            "score": self.score,
            "precision": self.precision,
            "thesis_found": self.thesis_found,
            "thesis_opposite": self.thesis_opposite,
            "statement_score": self.statement_score,
            "structure_score": self.structure_score,
            "reading": self.reading,
            "relations": self.relation_counts(),
            "relation_checks": [
                {
                    "reference": r.reference.words(),
                    "verdict": r.verdict,
                    "learner": r.learner.words() if r.learner else None,
                    "note": r.note,
                    "reader": r.reader,
                }
                for r in self.relations
            ],
            "by_role": {k: {"found": f, "total": t} for k, (f, t) in self.by_role.items()},
            "matches": [x.to_dict() for x in self.matches],
            "possible": [x.to_dict() for x in self.possible],
            "missed": [{"title": s.title, "role": s.role.value, "text": s.text} for s in self.missed],
            "extra": [{"title": s.title, "role": s.role.value, "text": s.text} for s in self.extra],
            "role_mismatches": [x.to_dict() for x in self.role_mismatches],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def report(self) -> str:
        """For the teacher: the score, counts by role, and every pair, miss and addition."""
        return _report(self)

    def feedback_text(self, *, max_listed: int = 4, reveal: bool = True) -> str:
        """Feedback in words a learner can use: what they found, what to look for again.

        With ``reveal=False`` (an exercise the learner may try again) nothing of the key is
        quoted: what is missing is named by kind and by paragraph, never by its words."""
        return feedback_words(self, max_listed=max_listed, reveal=reveal)


# -- wording: one function per message ----------------------------------------------------------


def _report(c: Comparison) -> str:
    n = c.relation_counts()
    lines = [
        f"score {c.score:.1f} / 100 (statements {c.statement_score:.1f}, relations "
        f"{c.structure_score:.1f}: {n['got']} got, {n['wrong-kind']} of another kind, "
        f"{n['reversed']} reversed, "
        f"{n['wrong-target']} aimed elsewhere, {n['missed']} missed); precision {c.precision:.0%} "
        f"({len(c.matches)} of {len(units(c.learner))} of the learner's statements match the key)",
    ]
    for role in Role:
        hit, total = c.found(role)
        if total:
            lines.append(f"  {role.value:<10} {hit:>3} of {total}")
    lines.append("matched:")
    for x in c.matches:
        mark = "" if x.same_role else f"  (learner: {x.learner.role.value})"
        lines.append(f"  [{x.reference.title}] ~ [{x.learner.title}]  {x.score:.2f} by {x.how}{mark}")
    if c.possible:
        lines.append(
            "possible, not credited: "
            + ", ".join(f"[{x.reference.title}] ~ [{x.learner.title}] {x.score:.2f}" for x in c.possible)
        )
    if c.missed:
        lines.append("missed: " + ", ".join(f"[{s.title}]" for s in c.missed))
    if c.extra:
        lines.append("not in the key: " + ", ".join(f"[{s.title}]" for s in c.extra))
    return "\n".join(lines) + "\n"


def feedback_words(c: Comparison, *, max_listed: int = 4, reveal: bool = True) -> str:
    """The feedback on a comparison, message by message (see :meth:`Comparison.feedback_text`)."""
    parts = [
        *[say_mended(m) for m in c.mended],
        say_placeholders([_box(s.title) for s in units(c.learner) if is_placeholder(s.text)]),
        _say_thesis(c, reveal),
        *(_say_found(c) if reveal else _say_matches(c)),
        *_say_relation_counts(c),
        *[_say_relation(c, r, reveal) for r in c.errors[:max_listed]],
        *[_say_missing_arrow(c, r, reveal) for r in c.missed_relations[:max_listed]],
        *([_say_band(c)] if reveal else []),
        *(_say_missed_statements(c, max_listed) if reveal else _say_missing_kinds(c)),
        *[_say_possible(x, reveal) for x in c.possible[:max_listed] if c._counted(x.reference)],
        *[_say_role(x, reveal) for x in c.role_mismatches[:max_listed]],
        *[_say_basis(x, reveal) for x in c.basis_errors[:max_listed]],
        *_say_extra(c, max_listed, reveal),
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _say_basis(x: Match, reveal: bool) -> str:
    given, key = x.learner.basis, x.reference.basis
    return say_basis(_box(x.learner.title), given, key, reveal) if given and key else ""


def _say_thesis(c: Comparison, reveal: bool) -> str:
    key = c.reference.thesis
    if key is not None and c.scope is not None and key.title not in c.scope:
        return ""  # the exercise does not ask for the thesis
    if c.learner.thesis is not None and is_placeholder(c.learner.thesis.text):
        return ""  # said with the placeholders
    kind, theirs = c.thesis_as
    if kind and c.learner.thesis is not None:
        return say_thesis_as(
            kind,
            theirs.role if theirs else None,
            _box(c.learner.thesis.title),
            _clip(theirs.text or theirs.title, 80) if theirs else "",
            _clip(key.text) if key else "",
            reveal,
        )
    if c.thesis_opposite:
        author = f": the author argues “{_clip(key.text if key else '')}”" if reveal else ""
        return (
            f"Your thesis says the opposite of the author's{author}. Map the author's argument first; "
            "your own view belongs in an objection."
        )
    if c.thesis_found:
        if not reveal:
            return "Your thesis says what the author argues for."
        x = next(x for x in c.matches if x.reference.role is Role.THESIS)
        mine = _clip(x.learner.text or x.learner.title)
        return f"You found the thesis: your “{mine}” says what the author argues for."
    if key is None:
        return ""
    if c.learner.thesis is None:
        return (
            "Your map has no thesis yet: find the one claim everything else argues for, and tag it #thesis."
        )
    if not reveal:
        return (
            "Your thesis does not match the author's yet: look for the one claim everything else "
            "argues for, and keep the author's own terms."
        )
    return (
        "Look again for the thesis — the one claim everything else argues for. "
        f"The key has: “{_clip(key.text)}”"
    )


def _say_found(c: Comparison) -> list[str]:
    counts = []
    for role in (Role.CLAIM, Role.EVIDENCE, Role.ASSUMPTION, Role.OBJECTION, Role.REBUTTAL):
        hit, total = c.found(role)
        if total:
            one, many = ROLE_WORDS[role]
            counts.append(f"{hit} of the {total} {many if total != 1 else one}")
    out = ["You found " + _and(counts) + "."] if counts else []
    good = [
        x
        for x in c.matches
        if x.reference.role in (Role.CLAIM, Role.ASSUMPTION, Role.OBJECTION) and c._counted(x.reference)
    ]
    if good:
        out.append("Well spotted: " + ", ".join(f"“{_clip(x.learner.title, 50)}”" for x in good[:3]) + ".")
    return out


def _say_matches(c: Comparison) -> list[str]:
    return [
        f"“{_clip(x.learner.title, 50)}” matches a point of the key."
        for x in c.matches
        if x.reference.role is not Role.THESIS and c._counted(x.reference)
    ]


def _say_relation_counts(c: Comparison) -> list[str]:
    rel = c.scored_relations
    if not rel:
        return []
    n = c.relation_counts()
    parts = [f"you drew {n['got']} the same way"]
    for verdict, words in (
        ("wrong-kind", "as another kind of relation"),
        ("reversed", "reversed"),
        ("wrong-target", "aimed at another statement"),
    ):
        if n[verdict]:
            parts.append(f"{n[verdict]} {words}")
    gap = n["missed"] - len(c.missed_relations)
    tail = f"; {gap} more need a statement your map does not have yet" if gap > 0 else ""
    return [f"Of the key's {count(len(rel), 'relation')} between statements, {_and(parts)}{tail}."]


def _yours(c: Comparison, ref_title: str) -> str:
    """The learner's box for a statement of the key, by the learner's title."""
    for x in c.matches:
        if x.reference.title == ref_title:
            return _box(x.learner.title)
    return _box(ref_title)


def _theirs(c: Comparison, ref_title: str) -> str:
    """A statement of the key in the key's words."""
    for s in units(c.reference):
        if s.title == ref_title:
            return f"“{_clip(s.text or s.title, 60)}”"
    return _box(ref_title)


def _kind_words(c: Comparison, e: Edge, *, key: bool) -> str:
    """What a relation does, by kind: a reason for, an objection to, a rebuttal of, an undercut of.
    An attack is a rebuttal only where that map has its source as one (tagged, or read so from
    what it attacks): no hint names a rebuttal that neither map has."""
    if e.kind == "support":
        return "a reason for"
    if e.kind == "undercut":
        return "an undercut (it grants the point but denies that it counts) of the step to"
    roles = (
        {s.title: s.role for s in units(c.reference)}
        if key
        else {x.reference.title: x.learner.role for x in c.matches}
    )
    if roles.get(e.source) is Role.REBUTTAL:
        return "a rebuttal (it says it is false) of"
    return "an objection to"


def _say_relation(c: Comparison, r: RelationCheck, reveal: bool) -> str:
    """One relation drawn otherwise than in the key: what the learner drew, and what the key has."""
    want, mine = r.reference, r.learner
    if mine is None:
        return ""
    drew = f"{_yours(c, mine.source)} as {_kind_words(c, mine, key=False)} {_yours(c, mine.target)}"
    if r.verdict == "wrong-kind":
        lead = "Another kind"
        kind = _kind_words(c, want, key=True)
        key = f"the key reads {_theirs(c, want.source)} as {kind} {_theirs(c, want.target)}"
        hint = "ask what the reply grants and what it denies"
    elif r.verdict == "reversed":
        lead = "Reversed"
        key = f"in the key the arrow runs from {_theirs(c, want.source)} to {_theirs(c, want.target)}"
        hint = "ask which of the two is given as the reason for the other"
    else:
        lead = "Aimed elsewhere"
        key = f"in the key it is aimed at {_theirs(c, want.target)}"
        hint = "ask which statement would fall if it were true"
    if not reveal:
        return f"Look again at {drew}: {hint}."
    return f"{lead}: you drew {drew}; {key}."


def _say_missing_arrow(c: Comparison, r: RelationCheck, reveal: bool) -> str:
    want = r.reference
    mine = f"{_yours(c, want.source)} and {_yours(c, want.target)}"
    if not reveal:
        return f"You have {mine}, but no relation between them: how is one related to the other?"
    return (
        f"Missing relation: you have {mine}, but no arrow between them; in the key "
        f"{_theirs(c, want.source)} is {_kind_words(c, want, key=True)} {_theirs(c, want.target)}."
    )


def _say_band(c: Comparison) -> str:
    if c.score >= 90:
        return "That is a thorough map."
    if c.score >= 70:
        return "That is a good map; the points below will make it stronger."
    if c.score >= 40:
        return "That is a good start; the points below will make your map stronger."
    return "Every map starts small; the points below show where to look next."


def _say_missed_statements(c: Comparison, max_listed: int) -> list[str]:
    out: list[str] = []
    capitals = capitalised_words(c.reference)
    missed = [s for s in c.missed if c._counted(s)]
    for role, verb, most in (
        (Role.CLAIM, "You missed the reason that", max_listed),
        (Role.ASSUMPTION, "You missed the assumption that", max_listed),
        (Role.OBJECTION, "You did not map the objection that", max(1, max_listed // 2)),
        (Role.REBUTTAL, "You did not map the reply that", max(1, max_listed // 2)),
    ):
        these = [s for s in missed if s.role is role]
        out += [f"{verb} {_that(s.text or s.title, capitals)}" for s in these[:most]]
        rest = len(these) - most
        if rest > 0:
            out.append(f"… and {rest} more {ROLE_WORDS[role][1 if rest != 1 else 0]}.")
    out += _say_missed_evidence(c)
    reader = [s for s in c.missed if by_reader(s) and not c.critique and c.scope is None]
    if reader:
        out.append(
            f"The key also raises {count(len(reader), 'point')} of a reader's critique that the text "
            "does not make; compare them with your own objections (they are not needed for the score)."
        )
    return out


def _say_missed_evidence(c: Comparison) -> list[str]:
    ev = [s for s in c.missed if s.role is Role.EVIDENCE and c._counted(s)]
    if not ev:
        return []
    per = Counter(s.anchor.paragraph for s in ev if s.anchor is not None)
    paras = sorted(p for p, _ in sorted(per.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
    which = "paragraph" if len(paras) == 1 else "paragraphs"
    where = f" (start with {which} {_and([str(p) for p in paras])})" if paras else ""
    verb = "are" if len(ev) != 1 else "is"
    return [
        f"{count(len(ev), 'piece of evidence', 'pieces of evidence')} in the text {verb} "
        f"not in your map yet{where}."
    ]


def _say_missing_kinds(c: Comparison) -> list[str]:
    """What is still missing, by kind and number only (nothing of the key's words)."""
    parts = []
    for role in (Role.CLAIM, Role.EVIDENCE, Role.ASSUMPTION, Role.OBJECTION, Role.REBUTTAL):
        hit, total = c.found(role)
        if total > hit:
            one, many = ROLE_WORDS[role]
            parts.append(f"{total - hit} {one if total - hit == 1 else many}")
    return [f"Still to find: {_and(parts)}."] if parts else []


def _say_possible(x: Match, reveal: bool) -> str:
    near = f" (the key: “{_clip(x.reference.text or x.reference.title, 60)}”)" if reveal else ""
    how = (
        "use the terms of the premises and the conclusion it links"
        if x.reference.role is Role.ASSUMPTION
        else "say it in the text's own terms"
    )
    return (
        f"“{_clip(x.learner.title, 50)}” may mean a point of the key{near}, but its words are too far "
        f"from it to count: {how}."
    )


def _say_role(x: Match, reveal: bool) -> str:
    mine = ROLE_WORDS[x.learner.role][0]
    if not reveal:
        return (
            f"“{_clip(x.learner.title, 50)}” matches a point of the key, but think again about its role: "
            + _role_hint(x.reference.role)
        )
    return (
        f"You marked “{_clip(x.learner.title)}” as {_a(mine)}; the key calls it "
        f"{_a(ROLE_WORDS[x.reference.role][0])}. " + _role_hint(x.reference.role)
    )


def _say_extra(c: Comparison, max_listed: int, reveal: bool) -> list[str]:
    loose = {x.learner.title for x in c.possible}  # said already, as possible matches
    extra = [s for s in c.extra if s.title not in loose]
    own = [s for s in extra if s.role in (Role.OBJECTION, Role.REBUTTAL)]
    other = [s for s in extra if s.role is not Role.THESIS and s not in own]
    out: list[str] = []
    if own:
        shown = ", ".join(f"“{_clip(s.title, 50)}”" for s in own[:max_listed])
        out.append(f"Your own critique ({shown}) is not in the key: that is to your credit, not a fault.")
    if other:
        shown = ", ".join(f"“{_clip(s.title, 50)}”" for s in other[:max_listed])
        more = f" and {len(other) - max_listed} more" if len(other) > max_listed else ""
        what = "it may be a good point" if len(other) == 1 else "some may be good points"
        out.append(
            f"Not in the key in these words: {shown}{more}. "
            f"Check against the text; {what} worded differently."
        )
    return out


def _role_hint(role: Role) -> str:
    return {
        Role.ASSUMPTION: "An assumption is not in the text: the argument needs it, "
        "but the author never says it.",
        Role.EVIDENCE: "Evidence is something the text reports (a fact, an example, an expert), "
        "with its quote.",
        Role.CLAIM: "A reason is a claim the author asserts for a conclusion, backed by evidence where the "
        "text gives some.",
        Role.OBJECTION: "An objection is a reason against the thesis or one of its reasons.",
        Role.REBUTTAL: "A rebuttal answers an objection.",
        Role.THESIS: "The thesis is the one claim the whole text argues for.",
    }[role]


def _a(words: str) -> str:
    return ("an " if words[:1] in "aeiou" else "a ") + words


def _clip(text: str, limit: int = 90) -> str:
    """One line of at most ``limit`` characters, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.") + "…"


def capitalised_words(m: ArgumentMap) -> frozenset[str]:
    """Words the map writes with a capital inside a sentence (names: Russia, Tehran …)."""
    found: set[str] = set()
    for s in m.statements:
        for sentence in re.split(r"[.!?:;]\s+", s.text):
            words = sentence.split()
            found.update(w.strip("\"'“”‘’(),") for w in words[1:] if w[:1].isupper())
    return frozenset(found)


def _that(text: str, capitals: frozenset[str] = frozenset()) -> str:
    """A statement as a "that" clause: its first word in lower case unless it is a name."""
    text = _clip(text, 160)
    first = text.split(" ", 1)[0].strip("\"'“”‘’(),")
    if first and first not in capitals and not first.isupper() or first in ("A", "I") and len(text) > 1:
        text = text[:1].lower() + text[1:]
    if text.endswith(("…", ".", "!", "?")):
        return text
    return text + "."


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# -- comparing ----------------------------------------------------------------------------------


def _pairs(
    refs: list[_Side], mine: list[_Side], learner: ArgumentMap, threshold: float, scope: frozenset[str] | None
) -> list[tuple[float, int, int, str]]:
    """Every pair of statements that may match, best first.  The two theses come before all
    others unless the learner's thesis is a question (it matches nothing) or says one of the
    key's other statements better (the claim the author argues against, a reason: it is paired
    with that one).  Within an exercise's part of the key (``scope``), its statements come first."""
    weight = _idf([*refs, *mine])
    my_thesis = learner.thesis
    asked = my_thesis is not None and is_question(_claim(my_thesis))
    pairs: list[tuple[float, int, int, str]] = []
    thesis_pair = other_best = 0.0
    for i, r in enumerate(refs):
        for j, x in enumerate(mine):
            if asked and x.statement is my_thesis:
                continue
            score, how = _pair(r, x, weight)
            if x.statement is my_thesis:
                if r.statement.role is Role.THESIS:
                    thesis_pair = max(thesis_pair, score)
                else:
                    other_best = max(other_best, score)
            if r.statement.role is x.statement.role:
                score = min(1.0, score + SAME_ROLE_BONUS)
            if scope is not None and r.statement.title in scope:
                score = min(1.0, score + SCOPE_BONUS)
            pairs.append((score, i, j, how))
    promote = other_best < THRESHOLD or thesis_pair >= other_best
    out = []
    for score, i, j, how in pairs:
        both_theses = promote and refs[i].statement.role is Role.THESIS and mine[j].statement is my_thesis
        if score >= (min(threshold, THESIS_FLOOR) if both_theses else threshold):
            out.append((2.0 + score if both_theses else score, i, j, how))
    out.sort(key=lambda p: (-p[0], p[1], p[2]))
    return out


def _assign(
    refs: list[_Side], mine: list[_Side], learner: ArgumentMap, threshold: float, scope: frozenset[str] | None
) -> tuple[tuple[Match, ...], tuple[Match, ...]]:
    """Pairs assigned one to one, best first: (credited matches in the key's order, possible ones)."""
    used_r: set[int] = set()
    used_x: set[int] = set()
    chosen: list[tuple[int, Match]] = []
    loose: list[Match] = []
    for score, i, j, how in _pairs(refs, mine, learner, threshold, scope):
        if i in used_r or j in used_x:
            continue
        used_r.add(i)
        used_x.add(j)
        thesis = score > 1
        score = score - 2.0 if thesis else score
        m = Match(refs[i].statement, mine[j].statement, round(score, 4), how)
        if score >= CREDIT or thesis:
            chosen.append((i, m))
        else:
            loose.append(m)
    chosen.sort(key=lambda c: c[0])
    return tuple(m for _, m in chosen), tuple(loose)


def _folded(learner: ArgumentMap, matches: tuple[Match, ...]) -> set[str]:
    """The learner's boxes that the key folds into one with a matched neighbour: the conclusion of
    an objection written as an argument ("few ride it" + "so not worth it"), or the premise of a
    box the key writes as one claim."""
    known = {x.learner.title for x in matches}
    found = edges(learner)
    folded = {
        e.target
        for e in found
        if e.kind == "support"
        and e.source in known
        and e.target not in known
        and any(f.source == e.target for f in found)
    }
    one_box = {x.learner.title for x in matches if x.reference.title.startswith("<")}
    return folded | {
        e.source for e in found if e.kind == "support" and e.target in one_box and e.source not in known
    }


def _compare_one(
    learner: ArgumentMap, reference: ArgumentMap, threshold: float, critique: bool, ask: _Ask
) -> Comparison:
    mended_map, mended = mend_titles(learner, reference)
    ref_src, learner_src = _source_key(reference), _source_key(learner)
    refs = [_side(s, ref_src, with_quote=True) for s in units(reference)]
    mine = [_side(s, learner_src, with_quote=False) for s in units(mended_map) if not is_placeholder(s.text)]
    wanted = None if ask.part is None else ask.titles(reference, ask.part)
    picks = ask.titles(reference, ask.choose)
    matches, loose = _assign(refs, mine, mended_map, threshold, None if wanted is None else wanted | picks)
    scope, unpicked = _scope(ask, reference, wanted, picks, (*matches, *loose), mine)
    reader = frozenset(s.title for s in units(reference) if by_reader(s))
    checks, extra_edges = _check_relations(reference, mended_map, matches, reader)
    matches = _roles_by_relations(matches, checks)
    opposed = any(
        x.reference.role is Role.THESIS and opposite(_claim(x.reference), _claim(x.learner)) for x in matches
    )
    found_r = {x.reference.title for x in matches}
    found_x = {x.learner.title for x in matches} | _folded(mended_map, matches)
    return Comparison(
        reference,
        mended_map,
        matches,
        tuple(r.statement for r in refs if r.statement.title not in found_r),
        tuple(x.statement for x in mine if x.statement.title not in found_x),
        checks,
        extra_edges,
        opposed,
        loose,
        critique,
        scope=scope,
        mended=mended,
        unpicked=unpicked,
    )


def _scope(
    ask: _Ask,
    reference: ArgumentMap,
    wanted: frozenset[str] | None,
    picks: frozenset[str],
    matches: tuple[Match, ...],
    mine: list[_Side],
) -> tuple[frozenset[str] | None, tuple[Role, int] | None]:
    """What an exercise's feedback speaks of: the part it wants and what the learner picked of
    the rest (``matches``: credited or possible); and how many picks are still missing, with
    their role."""
    picked = picks & {x.reference.title for x in matches}
    scope = None if wanted is None else wanted | picked
    roles = {s.role for s in units(reference) if s.title in picks}
    role = next((r for r in _PICKED_ROLE if r in roles), None)
    if role is None or wanted is None:
        return scope, None
    known = {x.learner.title for x in matches}
    critic = role in (Role.OBJECTION, Role.REBUTTAL)  # one's own objection does as well as the key's
    own = sum(1 for x in mine if critic and x.statement.role is role and x.statement.title not in known)
    chosen = sum(1 for x in matches if x.reference.title in picked and x.reference.role is role)
    short = max(0, ask.pick - chosen - own)
    return scope, ((role, short) if short else None)


#: The role of the picks an exercise counts when it offers several ("a reason and its evidence"
#: counts the evidence, "an objection to a reason" the objection): the most specific asked for.
_PICKED_ROLE = (Role.OBJECTION, Role.REBUTTAL, Role.EVIDENCE, Role.ASSUMPTION, Role.CLAIM, Role.THESIS)


@dataclass(frozen=True)
class _Ask:
    """What an exercise asks for: ``part`` (the key's titles, or role names such as "thesis",
    all of them wanted; ``None``: the whole key) and ``choose`` (titles or roles the learner
    picks from: counted only where the learner's map has them)."""

    part: frozenset[str] | None = None
    choose: frozenset[str] = frozenset()
    pick: int = 1

    @staticmethod
    def titles(m: ArgumentMap, names: frozenset[str]) -> frozenset[str]:
        """The titles of the map's units named, by title or by role, in ``names``."""
        roles = {r for r in Role if r.value in names} | ({Role.CLAIM} if "reason" in names else set())
        return frozenset(
            s.title for s in units(m) if s.title in names or s.title.strip("<>") in names or s.role in roles
        )


def _roles_by_relations(matches: tuple[Match, ...], checks: tuple[RelationCheck, ...]) -> tuple[Match, ...]:
    """A premise of the learner's that the map draws against the statement the key's objection
    attacks is an objection, whatever its tag (a premise of an objection written as an argument)."""
    against = {r.reference.source for r in checks if r.verdict == "got" and r.reference.against}
    return tuple(
        Match(x.reference, replace(x.learner, role=x.reference.role), x.score, x.how)
        if x.learner.role is Role.CLAIM
        and x.reference.role in (Role.OBJECTION, Role.REBUTTAL)
        and x.reference.title in against
        else x
        for x in matches
    )


def compare(
    learner: ArgumentMap,
    reference: ArgumentMap,
    *,
    threshold: float = THRESHOLD,
    alternatives: tuple[ArgumentMap, ...] = (),
    critique: bool = False,
    part: Iterable[str] | None = None,
    optional: Iterable[str] = (),
    pick: int = 1,
) -> Comparison:
    """Match the reference's statements to the learner's, one to one (see the module docstring).

    ``alternatives`` are other acceptable readings of the same text (a reply read as a rebuttal
    or as an undercut, a unit merged or split): the learner gets the reading that fits their map
    best (:attr:`Comparison.reading` says which).  ``critique=True`` counts the key's
    ``{by: reader}`` statements too (an exercise that asks for objections of one's own).

    An exercise that asks for part of the key names it: ``part`` (titles of the key, or role
    names: "thesis", "reason", "evidence" …) is what it wants, ``optional`` what the learner picks
    ``pick`` of ("one of the reasons"): the score and the feedback speak of these only, while the
    whole key is still there to say what a misplaced statement is."""
    ask = _Ask(None if part is None else frozenset(part), frozenset(optional), pick)
    best: Comparison | None = None
    for k, key in enumerate((reference, *alternatives)):
        c = _compare_one(learner, key, threshold, critique, ask)
        if k:
            c = replace(c, reading=k)
        if best is None or c.score > best.score:
            best = c
    assert best is not None
    return best


def _claim(s: Statement) -> str:
    """What a statement claims, for the opposite-thesis test: its text, else its title."""
    return s.text or s.title
