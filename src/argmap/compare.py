"""Compare a learner's own map of a text with the reference map (the answer key).

:func:`compare` pairs each statement of the reference with at most one statement
of the learner's map, and says what the learner found, what they missed, what
they added that the key lacks, and where they gave a statement another role
(evidence where the key has an assumption …).

**Matching.**  Two statements are compared in two ways, and the better one counts:

* *quotes* — when both quote the text: if both are anchored in the same source,
  the overlap of their character spans; otherwise the longest common run of
  their normalised quote texts (quotes, dashes, spaces and case folded as in
  :func:`argmap.source.normalise`).  The score is the geometric mean of the two
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

**Relations.**  After matching, each relation of the key (support, attack or undercut between
statements; see :func:`edges`) is looked up among the learner's, translated through the
matches: *got* (same source, target and direction), *reversed* (the same two statements,
support for attack or the arrow the other way), *wrong target* (same source and direction,
aimed elsewhere) or *missed*.  Titles never count: a box is known by what it says.

**The thesis.**  A learner's thesis that matches the key's in wording but denies what it
asserts (or asserts what it denies) is *opposite* (:func:`opposite`) and not credited.

**The score** (0–100) is 35 % statements and 65 % relations when the key has relations.
Statements: recall by role, averaged with weights (thesis 2, reasons 3, assumptions 2,
evidence 2, objections 1, rebuttals 0.5; roles the key lacks are left out; a statement
found under another role earns 3/4).  Relations: those got, less those reversed, over the
key's relations.  Statements the learner adds beyond the key do not lower it, and
``precision`` (reported beside it) leaves out the assumptions and quoted evidence the
notebooks teach learners to add.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model import ArgumentMap, NodeKind, NodeRef, RelationKind, Role, Statement
from .source import normalise
from .text import count

__all__ = [
    "THRESHOLD",
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
#: The two theses (each map's only one) are paired from this similarity on: a learner's
#: thesis is meant as the author's thesis, however loosely it is worded.
THESIS_FLOOR = 0.25
#: Added to a pair's similarity when both statements have the same role.
SAME_ROLE_BONUS = 0.08
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

_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either even ever
    few for from further had has have having he her here hers him his how i if in into is it its
    itself just more most much my neither no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them then there these they
    this those through to too under until up very was we were what when where whether which while
    who whom why will with would you your yet one ones another each s t""".split()  # noqa: SIM905
)
#: Everyday synonyms, merged before stemming (kept small and general on purpose).
_SYNONYMS = {
    "country": "state",
    "countries": "state",
    "nation": "state",
    "nations": "state",
    "states": "state",
    "distrust": "mistrust",
    "suspicion": "mistrust",
    "allies": "ally",
    "alliance": "ally",
    "alliances": "ally",
    "partners": "partner",
    "partnership": "partner",
    "big": "large",
    "huge": "large",
    "rivals": "rival",
    "rivalry": "rival",
    "competitors": "rival",
    "competition": "rival",
    "compete": "rival",
    "competing": "rival",
    "says": "say",
    "said": "say",
    "claims": "say",
    "argues": "say",
    "thinks": "believe",
    "believes": "believe",
}
_SUFFIXES = (
    "ings",
    "ing",
    "ions",
    "ion",
    "ments",
    "ment",
    "ness",
    "ities",
    "ity",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "ers",
    "er",
    "s",
    "e",
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@lru_cache(maxsize=20_000)
def _stem(word: str) -> str:
    """A light stemmer: strip up to two common suffixes, keeping at least 3 letters.

    >>> [_stem(w) for w in ("cooperation", "cooperating", "cooperate", "sanctions", "sanctioned")]
    ['cooperat', 'cooperat', 'cooperat', 'sanct', 'sanct']
    >>> [_stem(w) for w in ("drop", "dropping", "dropped")]
    ['drop', 'drop', 'drop']
    """
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
                if (
                    suffix in ("ing", "ings", "ed", "er", "ers")
                    and word[-1] == word[-2]
                    and word[-1] not in "lsz"
                ):
                    word = word[:-1]  # dropping, dropped -> drop
                break
        else:
            break
    return word


def tokens(text: str) -> tuple[str, ...]:
    """The content words of a text, normalised and stemmed, in order.

    >>> tokens("Both countries are squeezed by heavy sanctions.")
    ('stat', 'squeez', 'heavy', 'sanct')
    """
    words = _WORD.findall(normalise(text, fold=True).replace("’", "'"))
    out = []
    for w in words:
        w = w.split("'")[0]
        if w in _STOP or len(w) < 2:
            continue
        out.append(_stem(_SYNONYMS.get(w, w)))
    return tuple(out)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass(frozen=True)
class _Text:
    """A text prepared for comparison: content-word set and character trigrams."""

    words: frozenset[str]
    grams: frozenset[str]

    @classmethod
    def of(cls, text: str) -> _Text:
        toks = tokens(text)
        joined = " " + " ".join(toks) + " "
        grams = frozenset(joined[i : i + 3] for i in range(len(joined) - 2)) if toks else frozenset()
        return cls(frozenset(toks), grams)

    def like(self, other: _Text, weight: Mapping[str, float] | None = None) -> float:
        shared = self.words & other.words
        if not shared:
            return 0.0  # no content word in common: unrelated, whatever the trigrams say
        if weight is None:
            words = _dice(self.words, other.words)
        else:
            total = sum(weight.get(w, 1.0) for w in self.words) + sum(weight.get(w, 1.0) for w in other.words)
            words = 2 * sum(weight.get(w, 1.0) for w in shared) / total if total else 0.0
        return 0.5 * words + 0.5 * min(words * 2, _dice(self.grams, other.grams))


def similarity(a: str, b: str) -> float:
    """How alike two texts are in wording, 0 … 1 (see the module docstring).

    >>> round(similarity("Sanctions pushed both countries together.",
    ...                  "Heavy sanctions drove the two states into closer cooperation."), 2) > 0.3
    True
    >>> similarity("Cats sleep a lot.", "Iran sells oil to China.")
    0.0
    """
    return _Text.of(a).like(_Text.of(b))


# -- statements as compared -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Side:
    statement: Statement
    texts: tuple[_Text, ...]  # wording: title + text, and (reference) the quote
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
    texts = [_Text.of(v) for v in dict.fromkeys(variants) if v.strip()]
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

#: Words that turn what follows them round ("not conviction", "rather than trust").
_NEGATORS = frozenset({"not", "no", "never", "nor", "neither", "without", "hardly"})


def _polarity(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(terms said, terms denied): a content word after a negator, up to the end of its clause
    (a comma, colon, semicolon, full stop or "but"), is denied."""
    said: set[str] = set()
    denied: set[str] = set()
    flat = normalise(text, fold=True).replace("n't", " not")
    for phrase in ("rather than", "instead of"):
        flat = flat.replace(phrase, " not ")
    for clause in re.split(r"[,;:.!?()]|\bbut\b|\band\b", flat):
        negated = False
        for w in re.findall(r"[^\W_]+", clause):
            if w in _NEGATORS:
                negated = True
                continue
            for t in tokens(w):
                (denied if negated else said).add(t)
    return frozenset(said - denied), frozenset(denied)


def opposite(a: str, b: str) -> bool:
    """Whether two similar statements say opposite things: a term one denies, the other asserts.

    >>> key = "A partnership of convenience, not conviction."
    >>> opposite(key, "A partnership of conviction, not convenience.")
    True
    >>> opposite(key, "They work together out of need rather than conviction.")
    False
    """
    said_a, denied_a = _polarity(a)
    said_b, denied_b = _polarity(b)
    return bool(denied_a & said_b or denied_b & said_a)


@dataclass(frozen=True)
class Edge:
    """A relation between two statements, as compared: support, attack or undercut.
    An argument's inference counts as support from each premise to its conclusion; an
    attack or undercut on an argument counts as aimed at its conclusion."""

    source: str
    target: str
    kind: str  # "support", "attack" or "undercut"

    @property
    def against(self) -> bool:
        return self.kind != "support"

    def words(self) -> str:
        verb = {"support": "supports", "attack": "attacks", "undercut": "undercuts the step to"}[self.kind]
        return f"[{self.source}] {verb} [{self.target}]"


def edges(m: ArgumentMap) -> tuple[Edge, ...]:
    """The map's relations between statements (see :class:`Edge`), without repeats.

    An argument stands for its premises when it supports or attacks something (an argument
    written without premises, such as a conflict node from a corpus, for the statements that
    support it), and for its conclusion when it is supported, attacked or undercut (an
    argument without a conclusion, for what it attacks)."""
    out: dict[tuple[str, str, str], Edge] = {}
    concl = {a.title: a.conclusion for a in m.arguments}
    premises: dict[str, list[str]] = {
        a.title: list(a.inferences[-1].premises) if a.inferences else [] for a in m.arguments
    }
    for r in m.relations:
        if (
            r.kind is RelationKind.SUPPORT
            and r.source.kind is NodeKind.STATEMENT
            and r.target.kind is NodeKind.ARGUMENT
            and not concl.get(r.target.title)
        ):
            premises.setdefault(r.target.title, []).append(r.source.title)

    def targets(ref: NodeRef, seen: frozenset[str] = frozenset()) -> list[str]:
        if ref.kind is NodeKind.STATEMENT:
            return [ref.title]
        if concl.get(ref.title):
            return [concl[ref.title] or ""]
        if ref.title in seen:
            return []
        found: list[str] = []
        for r in m.relations:
            if r.source == ref and r.kind.is_conflict:
                found += targets(r.target, seen | {ref.title})
        return found

    def sources(ref: NodeRef) -> list[str]:
        if ref.kind is NodeKind.STATEMENT:
            return [ref.title]
        return premises.get(ref.title, [])

    def add(src: str | None, tgt: str | None, kind: str) -> None:
        if src and tgt and src != tgt:
            out.setdefault((src, tgt, kind), Edge(src, tgt, kind))

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
        ):
            continue  # a premise of an argument without a conclusion: counted through what it attacks
        for src in sources(r.source):
            for tgt in targets(r.target):
                add(src, tgt, kind)
    return tuple(out.values())


@dataclass(frozen=True)
class RelationCheck:
    """One relation of the key and what the learner drew for it (in the key's titles).

    ``verdict`` is ``got`` (same source, target and direction; ``note`` says if the learner
    drew an attack where the key has an undercut), ``reversed`` (the same two statements,
    but support for attack, attack for support, or the arrow the other way), ``wrong-target``
    (the same source and direction, aimed at another statement) or ``missed``."""

    reference: Edge
    verdict: str
    learner: Edge | None = None
    note: str = ""


def _check_relations(
    reference: ArgumentMap, learner: ArgumentMap, matches: tuple[Match, ...]
) -> tuple[tuple[RelationCheck, ...], tuple[Edge, ...]]:
    to_ref = {x.learner.title: x.reference.title for x in matches}
    mine = [
        Edge(to_ref[e.source], to_ref[e.target], e.kind)
        for e in edges(learner)
        if e.source in to_ref and e.target in to_ref
    ]
    used: set[int] = set()
    out: list[RelationCheck] = []
    ref_edges = edges(reference)
    for want in ref_edges:
        found: RelationCheck | None = None
        for k, e in enumerate(mine):
            if k in used:
                continue
            if (e.source, e.target) == (want.source, want.target) and e.against == want.against:
                note = ""
                if e.kind != want.kind:
                    note = f"you drew {e.kind} where the key has {want.kind}"
                found = RelationCheck(want, "got", e, note)
                used.add(k)
                break
        if found is None:
            for k, e in enumerate(mine):
                if k not in used and {e.source, e.target} == {want.source, want.target}:
                    found = RelationCheck(want, "reversed", e)
                    used.add(k)
                    break
        if found is None:
            for k, e in enumerate(mine):
                if k not in used and e.source == want.source and e.against == want.against:
                    found = RelationCheck(want, "wrong-target", e)
                    used.add(k)
                    break
        out.append(found or RelationCheck(want, "missed"))
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
        return self.reference.role is self.learner.role

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

    # -- measures ------------------------------------------------------------------------------
    def found(self, role: Role) -> tuple[int, int]:
        """(found, in the key) for one role of the reference."""
        total = sum(1 for s in self.reference.statements if s.role is role)
        hit = sum(1 for x in self.matches if x.reference.role is role)
        return hit, total

    @property
    def by_role(self) -> dict[str, tuple[int, int]]:
        return {r.value: self.found(r) for r in Role if self.found(r)[1]}

    def relation_counts(self) -> dict[str, int]:
        """How many of the key's relations the learner got, reversed, aimed elsewhere or missed."""
        out = dict.fromkeys(("got", "reversed", "wrong-target", "missed"), 0)
        for r in self.relations:
            out[r.verdict] += 1
        return out

    @property
    def structure_score(self) -> float:
        """The key's relations drawn the same way, less those drawn reversed, 0–100."""
        if not self.relations:
            return 0.0
        c = self.relation_counts()
        return round(100 * max(0, c["got"] - c["reversed"]) / len(self.relations), 1)

    @property
    def score(self) -> float:
        """Statements found (weighted recall, 0–100) and relations drawn as in the key,
        weighted 35 : 65 when the key has relations: a map with every statement but every
        arrow reversed scores low; the thesis said the other way round counts as not found."""
        if not self.relations:
            return self.statement_score
        return round(0.35 * self.statement_score + 0.65 * self.structure_score, 1)

    @property
    def statement_score(self) -> float:
        """Recall per role, averaged with :data:`WEIGHTS`, 0–100 (see the module docstring)."""
        total = got = 0.0
        for role, weight in WEIGHTS.items():
            in_key = sum(1 for s in self.reference.statements if s.role is role)
            if not in_key:
                continue
            credit = sum(
                1.0 if x.same_role else OTHER_ROLE
                for x in self.matches
                if x.reference.role is role and not (role is Role.THESIS and self.thesis_opposite)
            )
            total += weight
            got += weight * credit / in_key
        return round(100 * got / total, 1) if total else 0.0

    @property
    def precision(self) -> float:
        """The share of the learner's statements that match one of the key's (0 … 1)."""
        # assumptions and quoted evidence the notebooks teach are never held against the learner
        taught = sum(
            1
            for s in self.extra
            if s.role is Role.ASSUMPTION or (s.role is Role.EVIDENCE and s.anchor is not None)
        )
        n = len(self.learner.statements) - taught
        return round(len(self.matches) / n, 3) if n > 0 else 0.0

    @property
    def thesis_found(self) -> bool:
        return not self.thesis_opposite and any(x.reference.role is Role.THESIS for x in self.matches)

    @property
    def role_mismatches(self) -> tuple[Match, ...]:
        return tuple(x for x in self.matches if not x.same_role)

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
            "relations": self.relation_counts(),
            "relation_checks": [
                {
                    "reference": r.reference.words(),
                    "verdict": r.verdict,
                    "learner": r.learner.words() if r.learner else None,
                    "note": r.note,
                }
                for r in self.relations
            ],
            "by_role": {k: {"found": f, "total": t} for k, (f, t) in self.by_role.items()},
            "matches": [x.to_dict() for x in self.matches],
            "missed": [{"title": s.title, "role": s.role.value, "text": s.text} for s in self.missed],
            "extra": [{"title": s.title, "role": s.role.value, "text": s.text} for s in self.extra],
            "role_mismatches": [x.to_dict() for x in self.role_mismatches],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def report(self) -> str:
        """For the teacher: the score, counts by role, and every pair, miss and addition."""
        c = self.relation_counts()
        lines = [
            f"score {self.score:.1f} / 100 (statements {self.statement_score:.1f}, relations "
            f"{self.structure_score:.1f}: {c['got']} got, {c['reversed']} reversed, "
            f"{c['wrong-target']} aimed elsewhere, {c['missed']} missed); precision {self.precision:.0%} "
            f"({len(self.matches)} of {len(self.learner.statements)} of the learner's statements "
            "match the key)",
        ]
        for role in Role:
            hit, total = self.found(role)
            if total:
                lines.append(f"  {role.value:<10} {hit:>3} of {total}")
        lines.append("matched:")
        for x in self.matches:
            mark = "" if x.same_role else f"  (learner: {x.learner.role.value})"
            lines.append(f"  [{x.reference.title}] ~ [{x.learner.title}]  {x.score:.2f} by {x.how}{mark}")
        if self.missed:
            lines.append("missed: " + ", ".join(f"[{s.title}]" for s in self.missed))
        if self.extra:
            lines.append("not in the key: " + ", ".join(f"[{s.title}]" for s in self.extra))
        return "\n".join(lines) + "\n"

    def _hints(self, max_listed: int) -> str:
        """Feedback that gives nothing of the key away (see :meth:`feedback_text`)."""
        out: list[str] = []
        if self.thesis_opposite:
            out.append(
                "Your thesis says the opposite of the author's. Map the author's argument first; "
                "your own view belongs in an objection."
            )
        elif self.thesis_found:
            out.append("Your thesis says what the author argues for.")
        elif self.reference.thesis is not None:
            out.append(
                "Your thesis does not match the author's yet: look for the one claim everything else "
                "argues for, and keep the author's own terms."
            )
        for x in self.matches:
            if x.reference.role is not Role.THESIS:
                mark = (
                    ""
                    if x.same_role
                    else f" (but think again about its role: {_role_hint(x.reference.role)})"
                )
                out.append(f"“{_clip(x.learner.title, 50)}” matches a point of the key{mark}.")
        out += [
            line
            for line in self._relation_feedback(max_listed)
            if not line.startswith(("Reversed:", "Aimed elsewhere:", "Almost:"))
        ]
        for r in [r for r in self.relations if r.verdict in ("reversed", "wrong-target") and r.learner]:
            what = "reversed" if r.verdict == "reversed" else "aimed at another statement than in the key"
            out.append(f"Look again at {r.learner.words() if r.learner else ''}: it is {what}.")
        unmatched = [s.title for s in self.extra if s.role is not Role.THESIS]
        if unmatched:
            shown = ", ".join(f"“{_clip(t, 50)}”" for t in unmatched[:max_listed])
            out.append(
                f"{shown}: not in the key in these words. Check against the text; "
                "a good point may simply be worded differently."
            )
        return "\n".join(out) + "\n"

    def _relation_feedback(self, max_listed: int) -> list[str]:
        """Sentences on the relations: how many were drawn as in the key, which were reversed,
        aimed at another statement, or missed."""
        if not self.relations:
            return []
        c = self.relation_counts()
        out = [
            f"Of the key's {count(len(self.relations), 'relation')} between statements, you drew {c['got']} "
            f"the same way, {c['reversed']} reversed and {c['wrong-target']} aimed at another statement."
        ]
        for verdict, lead in (
            ("reversed", "Reversed:"),
            ("wrong-target", "Aimed elsewhere:"),
        ):
            for r in [r for r in self.relations if r.verdict == verdict][:max_listed]:
                out.append(f"{lead} {_relation_words(r)}.")
        for r in [r for r in self.relations if r.note][:max_listed]:
            out.append(f"Almost: {r.note} ({r.reference.words()}).")
        return out

    def feedback_text(self, *, max_listed: int = 4, reveal: bool = True) -> str:
        """Feedback in words a learner can use: what they found, what to look for again.

        With ``reveal=False`` (an exercise the learner may try again) nothing of the key is
        quoted: what is missing is named by kind and by paragraph, never by its words."""
        if not reveal:
            return self._hints(max_listed)
        out: list[str] = []
        if self.thesis_opposite:
            out.append(
                "Your thesis says the opposite of the author's: the author argues "
                f"“{_clip(self.reference.thesis.text if self.reference.thesis else '')}”. "
                "Map the author's argument first; your own view belongs in an objection."
            )
        elif self.thesis_found:
            x = next(x for x in self.matches if x.reference.role is Role.THESIS)
            out.append(
                f"You found the thesis: your “{_clip(x.learner.text or x.learner.title)}” says what "
                "the author argues for."
            )
        elif self.reference.thesis is not None:
            out.append(
                "Look again for the thesis — the one claim everything else argues for. "
                f"The key has: “{_clip(self.reference.thesis.text)}”"
            )
        counts = []
        for role in (Role.CLAIM, Role.EVIDENCE, Role.ASSUMPTION, Role.OBJECTION, Role.REBUTTAL):
            hit, total = self.found(role)
            if total:
                one, many = ROLE_WORDS[role]
                counts.append(f"{hit} of the {total} {many if total != 1 else one}")
        if counts:
            out.append("You found " + _and(counts) + ".")
        out += self._relation_feedback(max_listed)
        if self.score >= 70:
            out.append("That is a thorough map.")
        elif self.score >= 40:
            out.append("That is a good start; the points below will make your map stronger.")
        else:
            out.append("Every map starts small; the points below show where to look next.")
        good = [x for x in self.matches if x.reference.role in (Role.CLAIM, Role.ASSUMPTION, Role.OBJECTION)]
        if good:
            shown = ", ".join(f"“{_clip(x.learner.title, 50)}”" for x in good[:3])
            out.append(f"Well spotted: {shown}.")
        capitals = _capitalised(self.reference)
        for role, verb, most in (
            (Role.CLAIM, "You missed the reason that", max_listed),
            (Role.ASSUMPTION, "You missed the assumption that", max_listed),
            (Role.OBJECTION, "You did not raise the objection that", max(1, max_listed // 2)),
        ):
            missed = [s for s in self.missed if s.role is role]
            for s in missed[:most]:
                out.append(f"{verb} {_that(s.text or s.title, capitals)}")
            rest = len(missed) - most
            if rest > 0:
                out.append(f"… and {rest} more {ROLE_WORDS[role][1 if rest != 1 else 0]}.")
        ev = [s for s in self.missed if s.role is Role.EVIDENCE]
        if ev:
            per = Counter(s.anchor.paragraph for s in ev if s.anchor is not None)
            paras = sorted(p for p, _ in sorted(per.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
            which = "paragraph" if len(paras) == 1 else "paragraphs"
            where = f" (start with {which} {_and([str(p) for p in paras])})"
            out.append(
                f"{count(len(ev), 'piece of evidence', 'pieces of evidence')} in the text "
                f"{'are' if len(ev) != 1 else 'is'} not in your map yet" + (where if paras else "") + "."
            )
        for x in self.role_mismatches[:max_listed]:
            out.append(
                f"You marked “{_clip(x.learner.title)}” as {_a(ROLE_WORDS[x.learner.role][0])}; "
                f"the key calls it {_a(ROLE_WORDS[x.reference.role][0])}. " + _role_hint(x.reference.role)
            )
        if self.extra:
            shown = ", ".join(f"“{_clip(s.title)}”" for s in self.extra[:max_listed])
            more = f" and {len(self.extra) - max_listed} more" if len(self.extra) > max_listed else ""
            out.append(
                f"You also wrote {count(len(self.extra), 'statement')} the key does not have "
                f"({shown}{more}). "
                + (
                    "Check it against the text: it may be a good point the key leaves out."
                    if len(self.extra) == 1
                    else "Check them against the text: some may be good points the key leaves out."
                )
            )
        return "\n".join(out) + "\n"


def _relation_words(r: RelationCheck) -> str:
    want = r.reference
    if r.verdict == "reversed" and r.learner is not None:
        return f"you drew {r.learner.words()}, but in the key {want.words()}"
    if r.verdict == "wrong-target" and r.learner is not None:
        words = f"you aimed [{want.source}] at [{r.learner.target}]; in the key {want.words()}"
        if want.kind == "undercut" and r.learner.kind != "undercut":
            words += (
                " (an undercut grants the reason but denies that it supports the conclusion: "
                "write it with `_` under the argument)"
            )
        return words
    return f"in the key {want.words()}"


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


def _capitalised(m: ArgumentMap) -> frozenset[str]:
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


def compare(learner: ArgumentMap, reference: ArgumentMap, *, threshold: float = THRESHOLD) -> Comparison:
    """Match the reference's statements to the learner's, one to one (see the module docstring)."""
    ref_src, learner_src = _source_key(reference), _source_key(learner)
    refs = [_side(s, ref_src, with_quote=True) for s in reference.statements]
    mine = [_side(s, learner_src, with_quote=False) for s in learner.statements]
    weight = _idf([*refs, *mine])
    ref_thesis, my_thesis = reference.thesis, learner.thesis
    pairs: list[tuple[float, int, int, str]] = []
    for i, r in enumerate(refs):
        for j, x in enumerate(mine):
            score, how = _pair(r, x, weight)
            if r.statement.role is x.statement.role:
                score = min(1.0, score + SAME_ROLE_BONUS)
            both_theses = r.statement is ref_thesis and x.statement is my_thesis
            if score >= (min(threshold, THESIS_FLOOR) if both_theses else threshold):
                if both_theses:
                    score = 2.0  # assigned first
                pairs.append((score, i, j, how))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_r: set[int] = set()
    used_x: set[int] = set()
    chosen: list[tuple[int, Match]] = []
    for score, i, j, how in pairs:
        if i in used_r or j in used_x:
            continue
        used_r.add(i)
        used_x.add(j)
        if score > 1:
            score, how = _pair(refs[i], mine[j], weight)
        chosen.append((i, Match(refs[i].statement, mine[j].statement, round(score, 4), how)))
    chosen.sort(key=lambda c: c[0])
    matches = tuple(m for _, m in chosen)
    checks, extra_edges = _check_relations(reference, learner, matches)
    opposed = any(
        x.reference.role is Role.THESIS and opposite(_claim(x.reference), _claim(x.learner)) for x in matches
    )
    return Comparison(
        reference,
        learner,
        matches,
        tuple(r.statement for i, r in enumerate(refs) if i not in used_r),
        tuple(x.statement for j, x in enumerate(mine) if j not in used_x),
        checks,
        extra_edges,
        opposed,
    )


def _claim(s: Statement) -> str:
    """What a statement claims, for the opposite-thesis test: its text, else its title."""
    return s.text or s.title
