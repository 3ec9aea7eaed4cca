"""What statements say, word by word: the content words of a text, how alike two texts are in
wording, and whether one statement negates another.

:func:`tokens` keeps a text's content words, lower case, stop words dropped, a few everyday
synonyms merged and a light stemmer applied; :class:`Wording` compares two texts by their
(idf-weighted) content words and character trigrams; :func:`opposite` says whether one
statement negates the other (negation and antonym cues on aligned content, never word order).
:mod:`argmap.judge.compare` pairs statements with these.  Dependency-free and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..checking.source import normalise

__all__ = ["STOP_WORDS", "SYNONYMS", "WORD", "Wording", "opposite", "similarity", "stem", "tokens"]

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either even ever
    few for from further had has have having he her here hers him his how i if in into is it its
    itself just more most much my neither no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them then there these they
    this those through to too under until up very was we were what when where whether which while
    who whom why will with would you your yet one ones another each s t""".split()  # noqa: SIM905
)
#: Everyday synonyms, merged before stemming (kept small and general on purpose).
SYNONYMS = {
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
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """A light stemmer: strip up to two common suffixes, keeping at least 3 letters.

    >>> [stem(w) for w in ("cooperation", "cooperating", "cooperate", "sanctions", "sanctioned")]
    ['cooperat', 'cooperat', 'cooperat', 'sanct', 'sanct']
    >>> [stem(w) for w in ("drop", "dropping", "dropped")]
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
    words = WORD.findall(normalise(text, fold=True).replace("’", "'"))
    out = []
    for w in words:
        w = w.split("'")[0]
        if w in STOP_WORDS or len(w) < 2:
            continue
        out.append(stem(SYNONYMS.get(w, w)))
    return tuple(out)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass(frozen=True)
class Wording:
    """A text prepared for comparison: content-word set and character trigrams."""

    words: frozenset[str]
    grams: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Wording:
        toks = tokens(text)
        joined = " " + " ".join(toks) + " "
        grams = frozenset(joined[i : i + 3] for i in range(len(joined) - 2)) if toks else frozenset()
        return cls(frozenset(toks), grams)

    def like(self, other: Wording, weight: Mapping[str, float] | None = None) -> float:
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
    return Wording.of(a).like(Wording.of(b))


# -- a thesis that says the opposite --------------------------------------------------------------

#: Words that turn their clause round ("should not set", "never", "no longer").
_NEGATORS = frozenset({"not", "no", "never", "nor", "neither", "without", "cannot", "hardly"})
#: Verbs and adjectives that carry a polarity: each maps to a neutral term, and those marked
#: ``True`` also turn the clause round ("stop setting homework" says "not continue setting").
_POLAR: dict[str, tuple[str, bool]] = {
    **dict.fromkeys(("keep", "continue", "carry", "remain", "stay"), ("continue", False)),
    **dict.fromkeys(
        ("stop", "cease", "quit", "end", "abolish", "scrap", "drop", "abandon"), ("continue", True)
    ),
    **dict.fromkeys(("allow", "permit", "let", "legalise", "legalize"), ("allow", False)),
    **dict.fromkeys(("ban", "forbid", "prohibit", "outlaw"), ("allow", True)),
    "increase": ("increase", False),
    "raise": ("increase", False),
    "rise": ("increase", False),
    "grow": ("increase", False),
    "decrease": ("increase", True),
    "reduce": ("increase", True),
    "lower": ("increase", True),
    "fall": ("increase", True),
    "shrink": ("increase", True),
    "more": ("more", False),
    "less": ("more", True),
    "fewer": ("more", True),
    "better": ("better", False),
    "worse": ("better", True),
    "good": ("good", False),
    "bad": ("good", True),
    "help": ("help", False),
    "helpful": ("help", False),
    "harm": ("help", True),
    "harmful": ("help", True),
    "hurt": ("help", True),
    "strong": ("strong", False),
    "strengthen": ("strong", False),
    "weak": ("strong", True),
    "weaken": ("strong", True),
    "accept": ("accept", False),
    "reject": ("accept", True),
    "support": ("support", False),
    "oppose": ("support", True),
    "true": ("true", False),
    "false": ("true", True),
    "safe": ("safe", False),
    "dangerous": ("safe", True),
    "win": ("win", False),
    "lose": ("win", True),
    "succeed": ("succeed", False),
    "fail": ("succeed", True),
}
_POLAR_STEMS = {stem(w): v for w, v in _POLAR.items()}
#: Words whose polarity this test cannot read ("keep cars out", "only for some"): a clause
#: pair that differs by one of them is never called opposite.
_UNCLEAR = frozenset(
    """out off away against lack lacks absence absent instead only except unless little few barely
    rarely seldom least too enough rather""".split()  # noqa: SIM905
)
_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")
#: Where one clause ends and the next begins.
_CLAUSE_BREAK = re.compile(
    r"([,;:.!?()–—]|\bbut\b|\bbecause\b|\bsince\b|\btherefore\b|\balthough\b|\bthough\b|\bwhereas\b"
    r"|\bwhile\b|\bunless\b|\bwhich\b|\bwho\b|\bthat is why\b|\bso\b)"
)


@dataclass(frozen=True)
class _Clause:
    """One clause of a statement: its terms (stemmed, polarity words neutral), how often it is
    turned round (odd: negated), whether it is a contrast ("…, not Y") and what stays unclear."""

    terms: frozenset[str]
    negated: bool
    contrast: bool
    unclear: frozenset[str]
    last: str | None  # the clause's last term: the one a following "not …" contrasts with


def _clauses(text: str) -> list[_Clause]:
    flat = normalise(text, fold=True).replace("’", "'").replace("n't", " not")
    for phrase, plain in (("rather than", " not "), ("instead of", " not "), ("no longer", " not ")):
        flat = flat.replace(phrase, plain)
    out: list[_Clause] = []
    pieces = _CLAUSE_BREAK.split(flat)
    carried = 0  # negators left alone at the end of a clause ("not because …")
    after_break = False
    for k in range(0, len(pieces), 2):
        words = [w.split("'")[0] for w in WORD.findall(pieces[k])]
        lead = carried
        if words and all(w in _NEGATORS for w in words):
            carried += len(words)
            after_break = True
            continue
        carried = 0
        flips = lead
        terms: list[str] = []
        unclear: set[str] = set()
        first_negator = bool(lead) or bool(words and words[0] in _NEGATORS)
        for w in words:
            if w in _NEGATORS:
                flips += 1
                continue
            if w in _UNCLEAR:
                unclear.add(w)
                continue
            term = stem(SYNONYMS.get(w, w))
            polar = _POLAR_STEMS.get(term)
            for p in _PREFIXES if polar is None else ():
                inner = _POLAR_STEMS.get(stem(w[len(p) :])) if w.startswith(p) else None
                if inner is not None:  # unsafe, unhelpful: the word's own opposite
                    polar = (inner[0], not inner[1])
                    break
            if polar is not None:
                terms.append(polar[0])
                flips += polar[1]
                continue
            if w in STOP_WORDS or len(w) < 2:
                continue
            terms.append(term)
        if terms or unclear:
            contrast = first_negator and after_break and out != []
            out.append(
                _Clause(
                    frozenset(terms),
                    flips % 2 == 1,
                    contrast,
                    frozenset(unclear),
                    terms[-1] if terms else None,
                )
            )
        after_break = True
    return out


def _aligned(a: _Clause, b: _Clause) -> frozenset[str] | None:
    """The terms two clauses share when they say the same about the same (the smaller's terms
    nearly all in the larger, two terms at least), with prefixes that negate (unsafe / safe)
    read as a turn; ``None`` when they are not about the same."""
    ta, tb = set(a.terms), set(b.terms)
    for one, other in ((ta, tb), (tb, ta)):
        for t in list(one - other):
            for p in _PREFIXES:
                if t.startswith(p) and len(t) - len(p) >= 3 and t[len(p) :] in other:
                    one.discard(t)
                    one.add(t[len(p) :] + "\u0305")  # marked: turned round by its prefix
    turned = {t for t in ta ^ tb if t.endswith("\u0305")}
    ta = {t.rstrip("\u0305") for t in ta}
    tb = {t.rstrip("\u0305") for t in tb}
    small = min(len(ta), len(tb))
    if small < 2 or a.unclear ^ b.unclear:
        return None
    if len(ta & tb) < 0.75 * small:
        return None
    return frozenset(turned)


def _contrasted(a: list[_Clause], b: list[_Clause]) -> bool:
    """``A, not B`` against a text that asserts B and not A: the contrast turned round."""
    asserted_b = set().union(*(c.terms for c in b if not c.contrast and not c.negated))
    denied_b = set().union(*(c.terms for c in b if c.contrast or c.negated))
    for k, c in enumerate(a):
        if not c.contrast or k == 0:
            continue
        head = a[k - 1]
        said = c.terms & asserted_b - denied_b
        if said and (head.last is None or head.last not in asserted_b or head.last in denied_b):
            return True
    return False


def opposite(a: str, b: str) -> bool:
    """Whether one statement negates the other: the same content with one clause turned round
    ("not", "stop", an antonym or a prefix such as un-), or a contrast ("A, not B") turned round.
    Word order never counts, and what this test cannot read (no aligned content, a word such as
    "only" or "out" on one side) is never called opposite.

    >>> key = "A partnership of convenience, not conviction."
    >>> opposite(key, "A partnership of conviction, not convenience.")
    True
    >>> opposite(key, "They work together out of need rather than conviction.")
    False
    >>> opposite("Primary schools should stop setting homework.", "Primary schools should not set homework.")
    False
    >>> opposite("Universities in Germany should not charge tuition fees.",
    ...          "Therefore universities should not charge tuition fees in Germany.")
    False
    >>> opposite("The council should build bike lanes.", "The council should not build bike lanes.")
    True
    """
    ca, cb = _clauses(a), _clauses(b)
    if _contrasted(ca, cb) or _contrasted(cb, ca):
        return True
    props_a = [c for c in ca if not c.contrast]
    props_b = [c for c in cb if not c.contrast]
    same = turned = False
    for x in props_a:
        for y in props_b:
            marks = _aligned(x, y)
            if marks is None:
                continue
            if (x.negated != y.negated) != (len(marks) % 2 == 1):
                turned = True
            else:
                same = True
    return turned and not same
