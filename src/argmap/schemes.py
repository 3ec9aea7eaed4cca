"""Argumentation schemes: the one table of them, with their critical questions.

A scheme names a familiar *pattern* of reasoning ("an expert says so",
"it worked like this before").  Each pattern has typical weak spots; the
critical questions ask about them, so a learner can test an inference that
uses the pattern.  An inference names its scheme in a data block::

    -- {scheme: expert-opinion} --

Keys are kebab-case.  :func:`get_scheme` also accepts common spellings
(``expert``, ``from expert opinion``, ``Argument from analogy``,
``historical_pattern``).  The critical questions are written for this kit in
plain words, in the spirit of Douglas Walton's scheme catalogue.

>>> get_scheme("From expert opinion").key
'expert-opinion'
>>> get_scheme("no such pattern") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SCHEMES", "Scheme", "get_scheme", "known_schemes", "normalise_scheme_name"]


@dataclass(frozen=True)
class Scheme:
    """One argumentation scheme: a key (``expert-opinion``), a name for people,
    a one-line description and 3–6 critical questions."""

    key: str
    name: str
    description: str
    critical_questions: tuple[str, ...]
    aliases: tuple[str, ...] = ()


_ALL: tuple[Scheme, ...] = (
    Scheme(
        "expert-opinion",
        "Expert opinion",
        "Someone who knows the field says it is so, therefore it is probably so.",
        (
            "Is the person really an expert in this particular field, not just famous or clever?",
            "Did the expert actually say this, in these words and with this meaning?",
            "Do other experts in the field agree, or is this a minority view?",
            "Could the expert have a reason to say this other than it being true (money, loyalty, politics)?",
            "Does the expert back the claim up with evidence we could check ourselves?",
        ),
        ("expert", "authority", "appeal-to-authority", "expertise"),
    ),
    Scheme(
        "position-to-know",
        "Position to know",
        "Someone who is in a position to know (a witness, an insider) says it is so.",
        (
            "Was this person really in a position to know (there, informed, close to it)?",
            "Is this person honest and reliable, as far as we can tell?",
            "Could they be mistaken, e.g. because they saw only part of what happened?",
            "Do other people who were in a position to know tell the same story?",
        ),
        ("witness", "testimony", "insider", "witness-testimony"),
    ),
    Scheme(
        "cause-to-effect",
        "Cause to effect",
        "This cause is present, and it usually produces this effect, so the effect will (or did) follow.",
        (
            "How strong is the link: does this cause nearly always lead to this effect, or only sometimes?",
            "Is there evidence for the link, or is it just assumed?",
            "Could something else stop the effect from happening this time?",
            "Could another cause explain the same effect better?",
        ),
        ("cause", "causal", "cause-effect", "causal-argument", "effect"),
    ),
    Scheme(
        "best-explanation",
        "Inference to the best explanation",
        "This is what we observe; of the explanations on offer, this one explains it best, so it is probably "
        "true.",
        (
            "Does the explanation really account for all of what we observe, or only part of it?",
            "What other explanations are there, and have they been fairly considered?",
            "Could two explanations be true at once (need and conviction, say), instead of one or the other?",
            "What would we expect to see if a rival explanation were true, and do we see it?",
            "Is the evidence for the observation itself solid?",
        ),
        ("abduction", "best-explanation", "inference-to-the-best-explanation", "explanation", "abductive"),
    ),
    Scheme(
        "correlation-to-cause",
        "Correlation to cause",
        "Two things go together, so one causes the other.",
        (
            "Do the two things really go together often, or only in a few cases?",
            "Could it be a coincidence?",
            "Could a third thing cause both of them?",
            "Could the cause run the other way round?",
            "Which came first: the supposed cause or the supposed effect?",
        ),
        ("correlation", "correlation-cause"),
    ),
    Scheme(
        "sign",
        "Sign",
        "This is usually a sign of that; here is the sign, so that is probably true.",
        (
            "How reliable is this sign: does it usually mean what it is taken to mean?",
            "Could the sign have a different, innocent explanation here?",
            "Are there other signs pointing the same way, or only this one?",
            "Are there signs pointing the other way?",
        ),
        ("signs", "indicator", "symptom"),
    ),
    Scheme(
        "example",
        "Example",
        "Here are cases where it is so, therefore it is generally so.",
        (
            "Is the example true and described fairly?",
            "Is it typical, or an unusual case picked because it fits?",
            "Are there enough examples to support a general claim?",
            "Are there counter-examples that point the other way?",
        ),
        ("examples", "generalisation", "generalization", "induction"),
    ),
    Scheme(
        "analogy",
        "Analogy",
        "This case is like that one; it was so in that case, so it is probably so in this one too.",
        (
            "Are the two cases really alike in the ways that matter here?",
            "Are there important differences that could change the outcome?",
            "Is what we believe about the other case actually true?",
            "Is there another similar case that points to a different conclusion?",
        ),
        ("analogical", "comparison", "similar-case"),
    ),
    Scheme(
        "precedent",
        "Precedent (historical pattern)",
        "It has gone this way before in similar situations, so it will probably go this way again.",
        (
            "Did it really happen that way in the past, and how often?",
            "Are today's circumstances similar enough to the earlier ones?",
            "What has changed since then that could break the pattern?",
            "Are there past cases where it went differently?",
            "Are the people involved able to learn from the past and act differently this time?",
        ),
        (
            "historical-pattern",
            "historical-precedent",
            "history",
            "past-practice",
            "established-practice",
            "tradition",
        ),
    ),
    Scheme(
        "practical-reasoning",
        "Practical reasoning",
        "We want this goal; doing this action gets us there; so we should do it.",
        (
            "Is the goal really worth pursuing, and is it the goal the people concerned have?",
            "Will the action actually reach the goal?",
            "Is there a better or cheaper way to reach the same goal?",
            "Is the action possible at all for the people who would have to do it?",
            "Could the action have side effects that outweigh the benefit?",
        ),
        ("practical", "goal", "means-end", "means-to-end"),
    ),
    Scheme(
        "consequences",
        "Consequences",
        "Doing this will have good (or bad) results, so we should (or should not) do it.",
        (
            "How likely are these results really?",
            "How good or how bad would they be, and for whom?",
            "Are there other results, left unmentioned, that point the other way?",
            "Is there evidence for the predicted results, or only a guess?",
        ),
        (
            "consequence",
            "positive-consequences",
            "negative-consequences",
            "good-consequences",
            "bad-consequences",
        ),
    ),
    Scheme(
        "popular-opinion",
        "Popular opinion",
        "Most people believe it, so it is probably true (or acceptable).",
        (
            "Do most people really believe it? How do we know?",
            "Are these people in a position to judge this question?",
            "Could they all have been influenced by the same source (advertising, propaganda)?",
            "Is this a question where a majority can be right, or a question of fact that needs evidence?",
        ),
        ("popularity", "public-opinion", "majority", "bandwagon", "common-belief"),
    ),
    Scheme(
        "commitment",
        "Commitment",
        "You have said (or agreed to) this before, so you should accept this now.",
        (
            "Did the person really commit to this, and in what words?",
            "Does the earlier commitment actually lead to this one?",
            "Has anything happened since that makes it fair to change one's mind?",
        ),
        ("commitments", "inconsistent-commitment", "consistency"),
    ),
    Scheme(
        "verbal-classification",
        "Verbal classification",
        "This thing fits the definition of a category, so what is true of the category applies to it.",
        (
            "Does the thing really have the features the definition asks for?",
            "Is the definition itself fair, or chosen to win the argument?",
            "Could the thing belong to a different category just as well?",
            "Is this a borderline case where the label is doubtful?",
        ),
        ("classification", "definition", "verbal", "definition-to-classification"),
    ),
    Scheme(
        "ad-hominem",
        "Against the person (ad hominem)",
        "This person is untrustworthy (or inconsistent, or biased), so what they argue is doubtful.",
        (
            "Is what is said about the person true?",
            "Does it matter for this question, or is it just a personal attack?",
            "Does the argument stand or fall on its own evidence, whoever makes it?",
            "Is the attack used to avoid answering what the person actually said?",
        ),
        (
            "personal-attack",
            "against-the-person",
            "character",
            "bias",
            "generic-ad-hominem",
            "abusive-ad-hominem",
            "circumstantial-ad-hominem",
            "bias-ad-hominem",
        ),
    ),
)

#: Every scheme argmap knows, by key (kebab-case).
SCHEMES: dict[str, Scheme] = {s.key: s for s in _ALL}

_PREFIXES = ("argument-from-", "argument-to-", "appeal-to-", "argument-", "from-", "the-")


def normalise_scheme_name(name: str) -> str:
    """A scheme name in key form: lower case, words joined by ``-`` (other
    punctuation dropped),
    with a leading ``argument from`` / ``appeal to`` / ``from`` dropped.

    >>> normalise_scheme_name("Argument from Expert_Opinion")
    'expert-opinion'
    """
    key = re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                key = key[len(prefix) :]
                changed = True
    return key


_ALIASES: dict[str, str] = {}
for _s in _ALL:
    _ALIASES[_s.key] = _s.key
    _ALIASES[normalise_scheme_name(_s.name)] = _s.key
    for _a in _s.aliases:
        _ALIASES[normalise_scheme_name(_a)] = _s.key


def get_scheme(name: str) -> Scheme | None:
    """The scheme a name means (key, name or alias, any case), or ``None``."""
    key = _ALIASES.get(normalise_scheme_name(name))
    return SCHEMES[key] if key is not None else None


def known_schemes() -> tuple[str, ...]:
    """The keys of all known schemes, sorted: for messages that list them."""
    return tuple(sorted(SCHEMES))
