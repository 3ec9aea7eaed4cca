"""The annotations as immutable values: every change is a pure method that returns
a new :class:`Annotations`."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from ..errors import Diagnostic
from ..model import ArgumentMap, Basis, NodeRef
from .identity import fingerprint
from .keys import _ADDED_ID, Key, _as_key
from .vocabulary import (
    ADDED_KINDS,
    ANSWERS,
    FLAGS,
    INFERENCE_JUDGEMENTS,
    MAX_EXERCISE_ID,
    MAX_HISTORY,
    MAX_NAME,
    STATEMENT_JUDGEMENTS,
    STRENGTH_WORDS,
    VERDICT_WORDS,
    _check_text,
    _choices,
    _now,
)

# -- values ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """A learner's answer to one critical question: yes / no / unsure, and a note."""

    answer: str
    note: str = ""


@dataclass(frozen=True)
class NodeAnnotation:
    """What a learner says about one node.  ``answers`` maps a critical question's
    number (from 1, as the panel shows them) to the :class:`Answer`.  For a statement,
    ``strength`` is how much it weighs as an objection (strong / weak / none) and
    ``verdict`` with ``reason`` the learner's verdict after weighing it."""

    judgement: str | None = None
    flags: tuple[str, ...] = ()
    note: str = ""
    answers: Mapping[int, Answer] = field(default_factory=dict)
    strength: str | None = None
    verdict: str | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "flags", tuple(self.flags))
        object.__setattr__(self, "answers", MappingProxyType(dict(sorted(self.answers.items()))))

    @property
    def is_empty(self) -> bool:
        return (
            self.judgement is None
            and not self.flags
            and not self.note
            and not self.answers
            and not self.weighs
        )

    @property
    def weighs(self) -> bool:
        """Whether it holds a strength, a verdict or a reason (fields of version 2)."""
        return self.strength is not None or self.verdict is not None or bool(self.reason)


@dataclass(frozen=True)
class AddedNode:
    """A node the learner added: an assumption, objection, rebuttal or piece of evidence.

    ``target`` is a node key (``[Title]``, ``<Title>``, ``<Title>#2``, ``[A] +> [B]``)
    or the id of another added node (a rebuttal of the learner's own objection).
    """

    id: str
    kind: str
    target: str
    text: str
    quote: str | None = None
    #: What learner evidence rests on: a :class:`~argmap.model.Basis` value, or ``None``.
    basis: str | None = None


@dataclass(frozen=True)
class HistoryEntry:
    """One saved change, in a line: when, and what changed."""

    at: str
    change: str


@dataclass(frozen=True)
class Annotations:
    """One learner's annotations of one map.  Every ``with_…``/``without_…`` method
    returns a new value and raises ``ValueError`` for values that are not allowed."""

    learner: str = ""
    map_title: str | None = None
    fingerprint: str | None = None
    id: str = ""
    created: str = ""
    updated: str = ""
    nodes: Mapping[str, NodeAnnotation] = field(default_factory=dict)
    added: tuple[AddedNode, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    #: Answers typed into the teaching notebooks' exercises: notebook → exercise id → answer.
    exercises: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: Warnings found when the file was loaded (e.g. the map changed since); not saved.
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "nodes", MappingProxyType(dict(self.nodes)))
        object.__setattr__(self, "added", tuple(self.added))
        object.__setattr__(self, "history", tuple(self.history))
        object.__setattr__(
            self,
            "exercises",
            MappingProxyType({k: MappingProxyType(dict(v)) for k, v in self.exercises.items() if v}),
        )

    def _content(self) -> tuple[object, ...]:
        return (dict(self.nodes), self.added, {k: dict(v) for k, v in self.exercises.items()})

    def same_work(self, other: Annotations) -> bool:
        """True when judgements, flags, notes, answers, added nodes and exercise answers are equal."""
        return self._content() == other._content()

    # -- construction ------------------------------------------------------------------------------
    @classmethod
    def new(cls, learner: str = "", m: ArgumentMap | None = None) -> Annotations:
        """Empty annotations for ``learner`` (and for the map ``m``, if given)."""
        now = _now()
        return cls(
            learner=_check_text("the learner's name", learner, MAX_NAME),
            map_title=m.title if m is not None else None,
            fingerprint=fingerprint(m) if m is not None else None,
            id=secrets.token_hex(8),
            created=now,
            updated=now,
        )

    def for_map(self, m: ArgumentMap) -> Annotations:
        """The same annotations, recorded as belonging to ``m`` (title and fingerprint)."""
        return replace(self, map_title=m.title, fingerprint=fingerprint(m))

    # -- reading -----------------------------------------------------------------------------------
    def node(self, key: str | NodeRef) -> NodeAnnotation:
        """The annotation of a node (an empty one if the learner said nothing about it)."""
        text, _ = _as_key(key)
        return self.nodes.get(text, NodeAnnotation())

    def judgement(self, key: str | NodeRef) -> str | None:
        return self.node(key).judgement

    @property
    def judgements(self) -> dict[str, str]:
        """Every judgement, by node key."""
        return {k: a.judgement for k, a in self.nodes.items() if a.judgement is not None}

    @property
    def strengths(self) -> dict[str, str]:
        """How much each objection weighs, by node key: ``evaluate(…, strengths=…)``."""
        return {k: a.strength for k, a in self.nodes.items() if a.strength is not None}

    @property
    def verdicts(self) -> dict[str, tuple[str, str]]:
        """Each verdict with its reason, by node key: ``evaluate(…, verdicts=…)``.
        A reason written before a verdict was chosen waits for the verdict."""
        return {k: (a.verdict, a.reason) for k, a in self.nodes.items() if a.verdict is not None}

    def added_node(self, added_id: str) -> AddedNode:
        for a in self.added:
            if a.id == added_id:
                return a
        raise KeyError(added_id)

    def dependents_of(self, added_id: str) -> tuple[str, ...]:
        """Ids of added nodes that target ``added_id``, directly or through others
        (in time linear in the number of added nodes)."""
        children: dict[str, list[str]] = {}
        for a in self.added:
            children.setdefault(a.target, []).append(a.id)
        out: list[str] = []
        seen = {added_id}
        frontier = [added_id]
        while frontier:
            found = [c for t in frontier for c in children.get(t, ()) if c not in seen]
            seen.update(found)
            out.extend(found)
            frontier = found
        return tuple(out)

    # -- pure updates ------------------------------------------------------------------------------
    def _with_node(
        self, key: str | NodeRef, change: Callable[[NodeAnnotation], NodeAnnotation]
    ) -> Annotations:
        text, parsed = _as_key(key)
        if parsed.kind == "added" and not any(a.id == text for a in self.added):
            raise ValueError(f"there is no added node {text!r}")
        new = change(self.nodes.get(text, NodeAnnotation()))
        nodes = dict(self.nodes)
        if new.is_empty:
            nodes.pop(text, None)
        else:
            nodes[text] = new
        return replace(self, nodes=nodes)

    def with_judgement(self, key: str | NodeRef, value: str | None) -> Annotations:
        """Judge a node; ``None`` takes the judgement back.

        Statements and added nodes take accept / doubt / reject (or, for evidence,
        solid / shaky / unfounded); arguments, steps and links take strong / weak / none.
        """
        _, parsed = _as_key(key)
        if value is not None:
            if parsed.is_inference:
                _choices(value, INFERENCE_JUDGEMENTS, "a judgement for an inference")
            else:
                _choices(value, STATEMENT_JUDGEMENTS, "a judgement for a statement")
        return self._with_node(key, lambda a: replace(a, judgement=value))

    def with_strength(self, key: str | NodeRef, value: str | None) -> Annotations:
        """Rate how much an objection (or rebuttal, or any statement that attacks)
        weighs: strong / weak / none; ``None`` takes the rating back.  Lines of
        support are rated by judging their step instead."""
        _, parsed = _as_key(key)
        if parsed.is_inference:
            raise ValueError(
                f"{key} is a step: rate a line of support as its judgement (strong / weak / none)"
            )
        if value is not None:
            _choices(value, STRENGTH_WORDS, "a strength")
        return self._with_node(key, lambda a: replace(a, strength=value))

    def with_verdict(self, key: str | NodeRef, value: str | None, reason: str | None = None) -> Annotations:
        """Give a verdict on a statement after weighing it (supported / contested /
        refuted / open; ``None`` takes it back) and, if given, the reason in the
        learner's own words (kept when ``reason`` is ``None``)."""
        _, parsed = _as_key(key)
        if parsed.is_inference:
            raise ValueError(f"{key} is a step: a verdict is given on a statement")
        if value is not None:
            _choices(value, VERDICT_WORDS, "a verdict")
        why = None if reason is None else _check_text("a reason", reason)
        return self._with_node(
            key, lambda a: replace(a, verdict=value, reason=a.reason if why is None else why)
        )

    def with_reason(self, key: str | NodeRef, reason: str) -> Annotations:
        """Set the reason for a verdict in the learner's words (``""`` removes it)."""
        _, parsed = _as_key(key)
        if parsed.is_inference:
            raise ValueError(f"{key} is a step: a verdict and its reason are given on a statement")
        why = _check_text("a reason", reason)
        return self._with_node(key, lambda a: replace(a, reason=why))

    def with_note(self, key: str | NodeRef, note: str) -> Annotations:
        """Set a node's note (``""`` removes it).  Text is kept verbatim, see :func:`clean_text`."""
        note = _check_text("a note", note)
        return self._with_node(key, lambda a: replace(a, note=note))

    def with_flag(self, key: str | NodeRef, flag: str) -> Annotations:
        _choices(flag, FLAGS, "a flag")
        return self._with_node(key, lambda a: a if flag in a.flags else replace(a, flags=(*a.flags, flag)))

    def without_flag(self, key: str | NodeRef, flag: str) -> Annotations:
        _choices(flag, FLAGS, "a flag")
        return self._with_node(key, lambda a: replace(a, flags=tuple(f for f in a.flags if f != flag)))

    def with_answer(
        self, key: str | NodeRef, question: int, answer: str | None, note: str = ""
    ) -> Annotations:
        """Answer critical question number ``question`` (from 1) of an inference's scheme;
        ``None`` takes the answer back."""
        _, parsed = _as_key(key)
        if not parsed.is_inference:
            raise ValueError(f"critical questions belong to inferences (<Argument>, <Argument>#2), not {key}")
        if isinstance(question, bool) or not isinstance(question, int) or question < 1:
            raise ValueError(f"critical questions are numbered from 1, got {question!r}")
        answers: dict[int, Answer] = {}
        if answer is not None:
            _choices(answer, ANSWERS, "an answer")
            note = _check_text("a note", note)

        def change(a: NodeAnnotation) -> NodeAnnotation:
            answers.update(a.answers)
            if answer is None:
                answers.pop(question, None)
            else:
                answers[question] = Answer(answer, note)
            return replace(a, answers=answers)

        return self._with_node(key, change)

    def with_added(
        self,
        kind: str,
        target: str | NodeRef,
        text: str,
        *,
        quote: str | None = None,
        id: str | None = None,
        basis: str | None = None,
    ) -> Annotations:
        """Add a learner's node; its id (``added-N``) is ``result.added[-1].id``.
        Evidence may name its ``basis`` (``fact``, ``statistic``, ``expert`` …)."""
        _choices(kind, ADDED_KINDS, "a kind of added node")
        basis = _check_basis(kind, basis)
        target_text, parsed = _as_key(target)
        _check_added_target(kind, parsed)
        if parsed.kind == "added" and not any(a.id == target_text for a in self.added):
            raise ValueError(f"there is no added node {target_text!r} to attach to")
        text = _check_text("the text of an added node", text)
        if not text.strip():
            raise ValueError("an added node needs some text")
        if quote is not None:
            quote = _check_text("a quote", quote)
        if id is None:
            used = [int(m.group(1)) for a in self.added if (m := _ADDED_ID.fullmatch(a.id))]
            id = f"added-{max(used, default=0) + 1}"
        elif not _ADDED_ID.fullmatch(id) or any(a.id == id for a in self.added):
            raise ValueError(f"{id!r} is not a free id of the form added-N")
        return replace(self, added=(*self.added, AddedNode(id, kind, target_text, text, quote, basis)))

    def with_added_text(
        self, added_id: str, text: str, *, quote: str | None = None, basis: str | None = None
    ) -> Annotations:
        """Edit one of the learner's own nodes: its text, and for evidence its quote and basis."""
        old = self.added_node(added_id)  # KeyError if missing
        text = _check_text("the text of an added node", text)
        if not text.strip():
            raise ValueError("an added node needs some text")
        if quote is not None:
            quote = _check_text("a quote", quote) or None
        new = replace(old, text=text, quote=quote, basis=_check_basis(old.kind, basis))
        return replace(self, added=tuple(new if a.id == added_id else a for a in self.added))

    def without_added(self, added_id: str, *, cascade: bool = False) -> Annotations:
        """Remove an added node and its annotation.  Nodes that answer it (a rebuttal of
        an added objection) are removed too with ``cascade=True``; otherwise ``ValueError``."""
        self.added_node(added_id)  # KeyError if missing
        dependents = self.dependents_of(added_id)
        if dependents and not cascade:
            raise ValueError(
                f"{', '.join(dependents)} attach to {added_id}; remove them first or pass cascade=True"
            )
        gone = {added_id, *dependents}
        nodes = {k: v for k, v in self.nodes.items() if k not in gone}
        return replace(self, added=tuple(a for a in self.added if a.id not in gone), nodes=nodes)

    def exercise_answer(self, notebook: str, exercise: str) -> str | None:
        """The learner's saved answer to an exercise of a notebook, or ``None``."""
        return self.exercises.get(notebook, {}).get(exercise)

    def with_exercise_answer(self, notebook: str, exercise: str, answer: str) -> Annotations:
        """Keep the learner's answer to exercise ``exercise`` of ``notebook`` (``""`` removes it)."""
        notebook = _check_text("a notebook's name", notebook, MAX_EXERCISE_ID).strip()
        exercise = _check_text("an exercise id", exercise, MAX_EXERCISE_ID).strip()
        if not notebook or not exercise:
            raise ValueError("an exercise answer needs the notebook's name and the exercise's id")
        answer = _check_text("an answer", answer)
        book = dict(self.exercises.get(notebook, {}))
        if answer:
            book[exercise] = answer
        else:
            book.pop(exercise, None)
        exercises = {k: v for k, v in self.exercises.items() if k != notebook}
        if book:
            exercises[notebook] = book
        return replace(self, exercises=exercises)

    def with_history(self, change: str, at: str | None = None) -> Annotations:
        """Record a change in the (bounded) history."""
        entry = HistoryEntry(at or _now(), _check_text("a history entry", change, 1000))
        return replace(self, history=(*self.history, entry)[-MAX_HISTORY:])


def _check_basis(kind: str, basis: str | None) -> str | None:
    if basis is None or basis == "":
        return None
    if kind != "evidence":
        raise ValueError(f"only evidence has a basis, not an added {kind}")
    return _choices(basis, [b.value for b in Basis], "a basis of evidence")


def _check_added_target(kind: str, parsed: Key) -> None:
    allowed: tuple[str, ...]
    if kind == "assumption":
        allowed = ("argument", "step", "link")
    elif kind == "objection":
        allowed = ("statement", "argument", "step", "link", "added")
    else:  # rebuttal, evidence
        allowed = ("statement", "added")
    if parsed.kind not in allowed:
        raise ValueError(f"an added {kind} cannot attach to {parsed}; it attaches to {ADDED_KINDS[kind]}")
