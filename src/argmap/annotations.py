"""The learner's annotation file: what one learner thinks of one map.

One small, versioned JSON file per learner (documented in ``docs/annotations.md``).
It holds judgements (accept / doubt / reject a statement; strong / weak / none for
an inference step), flags, notes, answers to critical questions and the nodes a
learner added.  Values are immutable: every change is a pure method that returns
a new :class:`Annotations`.

Files are untrusted input: :func:`load` caps the size, parses with ``json`` only
and checks the shape strictly; a damaged file, a file for another map and a file
from a newer argmap are refused with an :class:`~argmap.errors.AnnotationError`
and never modified.  :func:`save` writes a temporary file beside the target and
renames it, and refuses to overwrite a file that is not this learner's.

>>> ann = Annotations.new("Ana").with_judgement("[Either-or]", "reject")
>>> ann.judgement("[Either-or]")
'reject'
>>> ann.with_judgement("[Either-or]", "maybe")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: 'maybe' is not a judgement for a statement; use one of: accept, doubt, reject, ...
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
import re
import secrets
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from .errors import AnnotationError, ArgmapError, Diagnostic, Location, Severity
from .files import atomic_write
from .model import Argument, ArgumentMap, Basis, NodeRef, RelationKind, thaw

__all__ = [
    "ADDED_KINDS",
    "ANSWERS",
    "CLASS_DIR_ENV",
    "FLAGS",
    "FORMAT",
    "INFERENCE_JUDGEMENTS",
    "MAX_BYTES",
    "MAX_NOTE",
    "STATEMENT_JUDGEMENTS",
    "VERSION",
    "AddedNode",
    "AnnotationStore",
    "Annotations",
    "Answer",
    "Key",
    "NodeAnnotation",
    "class_folder",
    "dumps",
    "fingerprint",
    "key_of",
    "learner_file_name",
    "learner_id",
    "link_key",
    "load",
    "loads",
    "parse_key",
    "same_learner",
    "save",
    "step_key",
]

FORMAT = "argmap-annotations"
VERSION = 1
#: Files over this size are refused by :func:`load` and never written by :func:`save`.
MAX_BYTES = 2_000_000
#: The longest note, added-node text or quote a learner can keep (characters).
MAX_NOTE = 10_000
#: Learner names and titles longer than this are refused.
MAX_NAME = 500
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


# -- node keys -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """A parsed node key.  Keys are written the way Argdown writes references:

    * ``[Title]`` — a statement;
    * ``<Title>`` — an argument (its judgement rates the argument's last step);
    * ``<Title>#2`` — the second inference step of an argument's premise–conclusion structure;
    * ``[From] +> [To]`` — a support relation between two statements (rated like a one-premise step);
    * ``added-3`` — a node the learner added.
    """

    kind: Literal["statement", "argument", "step", "link", "added"]
    title: str  # statement/argument title, the link's target, or the added id
    step: int | None = None
    source: str | None = None  # a link's source statement

    @property
    def is_inference(self) -> bool:
        """Keys that take strong / weak / none (and answers to critical questions)."""
        return self.kind in ("argument", "step", "link")

    def __str__(self) -> str:
        if self.kind == "statement":
            return f"[{self.title}]"
        if self.kind == "argument":
            return f"<{self.title}>"
        if self.kind == "step":
            return f"<{self.title}>#{self.step}"
        if self.kind == "link":
            return f"[{self.source}] +> [{self.title}]"
        return self.title


_ADDED_ID = re.compile(r"added-([1-9][0-9]{0,8})")
_STEP = re.compile(r"<(.+)>#([1-9][0-9]{0,5})", re.DOTALL)
_LINK_SEP = "] +> ["


def parse_key(key: str) -> Key:
    """Parse a node key; ``ValueError`` says what keys look like.

    >>> parse_key("<Syria>#2")
    Key(kind='step', title='Syria', step=2, source=None)
    """
    if not isinstance(key, str):
        raise TypeError(f"a node key is a str, not {type(key).__name__}")
    if 0 < len(key) <= 2 * MAX_NAME + 8:
        if key.startswith("[") and key.endswith("]"):
            inner = key[1:-1]
            if _LINK_SEP in inner:
                source, _, target = inner.partition(_LINK_SEP)
                if source and target and "]" not in source + target:
                    return Key("link", target, source=source)
            elif inner and "]" not in inner:
                return Key("statement", inner)
        elif key.startswith("<"):
            m = _STEP.fullmatch(key)
            if m:
                return Key("step", m.group(1), step=int(m.group(2)))
            if key.endswith(">") and len(key) > 2:
                return Key("argument", key[1:-1])
        elif _ADDED_ID.fullmatch(key):
            return Key("added", key)
    raise ValueError(
        f"{key[:80]!r} is not a node key; keys look like [Statement], <Argument>, <Argument>#2, "
        "[From] +> [To] or added-1"
    )


def key_of(ref: NodeRef) -> str:
    """The key of a statement or argument: ``[Title]`` or ``<Title>``."""
    return str(ref)


def step_key(argument: str, step: int) -> str:
    """The key of an argument's inference step (1 = its first inference)."""
    if step < 1:
        raise ValueError(f"inference steps count from 1, got {step}")
    return f"<{argument}>#{step}"


def link_key(source: str, target: str) -> str:
    """The key of a support relation between two statements: ``[source] +> [target]``."""
    return f"[{source}] +> [{target}]"


def _as_key(key: str | NodeRef) -> tuple[str, Key]:
    text = key_of(key) if isinstance(key, NodeRef) else key
    return text, parse_key(text)


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


# -- learners' names, files and the class folder ------------------------------------------------

#: The environment variable that names the class folder (see :func:`class_folder`).
CLASS_DIR_ENV = "ARGMAP_CLASS_DIR"
#: Where learners' files go when nothing names a class folder.
DEFAULT_CLASS_DIR = "out"


def _name_form(name: str) -> str:
    """A name as compared: NFKC, case-folded, inner white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", clean_text(name)).casefold().split())


def same_learner(a: str, b: str) -> bool:
    """True when two typed names are the same learner: letter case, Unicode forms
    and extra spaces do not count ("Léa" == "LÉA " == "Le\u0301a"; "Lea" is another).

    >>> same_learner("Мария", "МАРИЯ"), same_learner("Léa", "Lea")
    (True, False)
    """
    return _name_form(a) == _name_form(b)


def learner_id(name: str) -> str:
    """A short, stable id of a learner's name: 8 hex digits of the SHA-256 of the
    name as compared by :func:`same_learner`."""
    return hashlib.sha256(_name_form(name).encode("utf-8")).hexdigest()[:8]


def _slug(text: str, limit: int = 40) -> str:
    """Letters and digits of any alphabet, lower case, runs of anything else as one '-'."""
    form = unicodedata.normalize("NFC", _name_form(text))
    return re.sub(r"[\W_]+", "-", form).strip("-")[:limit].strip("-")


def learner_file_name(map_name: str, learner: str) -> str:
    """The file name of a learner's annotations of a map:
    ``<map>.<name>-<id>.annotations.json``.

    The readable part keeps the learner's letters in any alphabet; the id
    (:func:`learner_id`) keeps every learner distinct, and the same learner gets the
    same file whatever letter case they type.

    >>> learner_file_name("russia-iran", "Ana")
    'russia-iran.ana-24d4b96f.annotations.json'
    >>> learner_file_name("russia-iran", "ANA") == learner_file_name("russia-iran", "ana ")
    True
    """
    if not _name_form(learner):
        raise ValueError("a learner's file needs the learner's name")
    stem = _slug(map_name) or "map"
    return f"{stem}.{_slug(learner) or 'learner'}-{learner_id(learner)}.annotations.json"


def class_folder(folder: str | os.PathLike[str] | None = None) -> Path:
    """The class folder: where learners' files are saved and the seminar reads them.

    ``folder`` (a notebook parameter) wins; otherwise the environment variable
    ``ARGMAP_CLASS_DIR``; otherwise ``out`` beside the notebook.  ``~`` is expanded.
    """
    chosen = os.fspath(folder) if folder is not None and os.fspath(folder).strip() else None
    chosen = chosen or os.environ.get(CLASS_DIR_ENV, "").strip() or DEFAULT_CLASS_DIR
    return Path(chosen).expanduser()


# -- values ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """A learner's answer to one critical question: yes / no / unsure, and a note."""

    answer: str
    note: str = ""


@dataclass(frozen=True)
class NodeAnnotation:
    """What a learner says about one node.  ``answers`` maps a critical question's
    number (from 1, as the panel shows them) to the :class:`Answer`."""

    judgement: str | None = None
    flags: tuple[str, ...] = ()
    note: str = ""
    answers: Mapping[int, Answer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "flags", tuple(self.flags))
        object.__setattr__(self, "answers", MappingProxyType(dict(sorted(self.answers.items()))))

    @property
    def is_empty(self) -> bool:
        return self.judgement is None and not self.flags and not self.note and not self.answers


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
    #: Warnings found when the file was loaded (e.g. the map changed since); not saved.
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "nodes", MappingProxyType(dict(self.nodes)))
        object.__setattr__(self, "added", tuple(self.added))
        object.__setattr__(self, "history", tuple(self.history))

    def _content(self) -> tuple[object, ...]:
        return (dict(self.nodes), self.added)

    def same_work(self, other: Annotations) -> bool:
        """True when judgements, flags, notes, answers and added nodes are equal."""
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


# -- the map's identity ----------------------------------------------------------------------------


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def fingerprint(m: ArgumentMap) -> str:
    """``sha256:…`` of the map's content: statements (title, role, text, data),
    arguments (title, text, premise–conclusion structure) and relations.

    Locations, sections, the order of definitions, line breaks and runs of spaces
    inside texts and the front matter do not count, so reformatting a map keeps
    its fingerprint; changing what it says changes it.  Maps are immutable, so the
    fingerprint is computed once per map object.
    """
    cached = m.__dict__.get("_fingerprint")
    if cached is not None:
        return str(cached)
    content = {
        "statements": sorted([s.title, s.role.value, _words(s.text), thaw(s.data)] for s in m.statements),
        "arguments": sorted(
            [
                a.title,
                _words(a.text),
                thaw(a.data),
                [[line.number, line.statement] for line in a.lines],
                [[list(i.premises), i.conclusion, i.rule, thaw(i.data)] for i in a.inferences],
            ]
            for a in m.arguments
        ),
        "relations": sorted([r.kind.value, str(r.source), str(r.target)] for r in m.relations),
    }
    blob = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    result = "sha256:" + hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()
    m.__dict__["_fingerprint"] = result  # like functools.cached_property on a frozen dataclass
    return result


def _resolves(m: ArgumentMap, key: str, added_ids: set[str]) -> bool:
    try:
        k = parse_key(key)
    except ValueError:
        return False
    if k.kind == "statement":
        return m.has(NodeRef.statement(k.title))
    if k.kind == "argument":
        return m.has(NodeRef.argument(k.title))
    if k.kind == "step":
        a = m.get(NodeRef.argument(k.title))
        return isinstance(a, Argument) and k.step is not None and k.step <= len(a.inferences)
    if k.kind == "link":
        want = (NodeRef.statement(k.source or ""), NodeRef.statement(k.title))
        return any(r.kind is RelationKind.SUPPORT and (r.source, r.target) == want for r in m.relations)
    return key in added_ids


def missing_keys(ann: Annotations, m: ArgumentMap) -> tuple[str, ...]:
    """Keys and added-node targets in ``ann`` that name nothing in ``m``."""
    ids = {a.id for a in ann.added}
    keys = [*ann.nodes, *(a.target for a in ann.added)]
    return tuple(dict.fromkeys(k for k in keys if not _resolves(m, k, ids)))


# -- reading files ---------------------------------------------------------------------------------


class _Shape(Exception):
    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.json_path = path
        self.message = message


def _damaged(
    path: str | None, message: str, location: Location | None = None, hint: str | None = None
) -> AnnotationError:
    return AnnotationError(
        Diagnostic(
            "annotation-damaged",
            message,
            location=location or Location(),
            hint=hint or "The file is kept as it is and will not be overwritten.",
            path=path,
        )
    )


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _Shape("$", f"the key {k[:80]!r} stands twice in one object")
        out[k] = v
    return out


def _no_constant(name: str) -> Any:
    raise _Shape("$", f"{name} is not a number JSON allows")


def _jp(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f"{parent}.{key}"
    return f"{parent}[{json.dumps(key[:80], ensure_ascii=False)}]"


def _obj(value: Any, path: str, required: Iterable[str], optional: Iterable[str] = ()) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Shape(path, f"expected an object, found {_json_type(value)}")
    required = tuple(required)
    allowed = {*required, *optional}
    for k in value:
        if k not in allowed:
            raise _Shape(_jp(path, k), f"unknown field; allowed: {', '.join(sorted(allowed))}")
    for k in required:
        if k not in value:
            raise _Shape(path, f"the field {k!r} is missing")
    return value


def _mapping(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Shape(path, f"expected an object, found {_json_type(value)}")
    return value


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _str(value: Any, path: str, limit: int = MAX_NOTE, *, null: bool = False) -> Any:
    if value is None and null:
        return None
    if not isinstance(value, str):
        raise _Shape(path, f"expected a string, found {_json_type(value)}")
    if len(value) > limit:
        raise _Shape(path, f"the text is {len(value):,} characters long; the limit is {limit:,}")
    return clean_text(value)


def _time(value: Any, path: str) -> str:
    text: str = _str(value, path, 40)
    try:
        _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise _Shape(path, f"{text!r} is not an ISO 8601 time such as 2025-01-17T09:30:00Z") from None
    return text


def _choice(value: Any, path: str, valid: Iterable[str]) -> str:
    valid = tuple(valid)
    if value not in valid:
        raise _Shape(path, f"{str(value)[:40]!r} is not one of: {', '.join(valid)}")
    return str(value)


def _node(value: Any, path: str, key: Key, added_ids: set[str]) -> NodeAnnotation:
    if key.kind == "added" and key.title not in added_ids:
        raise _Shape(path, f"there is no added node {key.title!r}")
    obj = _obj(value, path, (), ("judgement", "flags", "note", "answers"))
    judgement = obj.get("judgement")
    if judgement is not None:
        valid = INFERENCE_JUDGEMENTS if key.is_inference else STATEMENT_JUDGEMENTS
        judgement = _choice(judgement, _jp(path, "judgement"), valid)
    flags_raw = obj.get("flags", [])
    if not isinstance(flags_raw, list):
        raise _Shape(_jp(path, "flags"), f"expected a list, found {_json_type(flags_raw)}")
    flags = tuple(
        dict.fromkeys(_choice(f, _jp(_jp(path, "flags"), i), FLAGS) for i, f in enumerate(flags_raw))
    )
    note = _str(obj.get("note", ""), _jp(path, "note"))
    answers: dict[int, Answer] = {}
    answers_raw = _mapping(obj.get("answers", {}), _jp(path, "answers"))
    if answers_raw and not key.is_inference:
        raise _Shape(
            _jp(path, "answers"), "only inferences (<Argument>, <Argument>#2) have critical questions"
        )
    for q, a in answers_raw.items():
        qpath = _jp(_jp(path, "answers"), q)
        if not re.fullmatch(r"[1-9][0-9]{0,3}", q):
            raise _Shape(qpath, "critical questions are numbered 1, 2, 3 …")
        aobj = _obj(a, qpath, ("answer",), ("note",))
        answers[int(q)] = Answer(
            _choice(aobj["answer"], _jp(qpath, "answer"), ANSWERS),
            _str(aobj.get("note", ""), _jp(qpath, "note")),
        )
    return NodeAnnotation(judgement, flags, note, answers)


def _from_json(data: Any) -> Annotations:
    top = _obj(
        data,
        "$",
        ("format", "version", "learner", "map", "created", "updated", "nodes"),
        ("id", "added", "history"),
    )
    mp = _obj(top["map"], "$.map", ("fingerprint",), ("title",))
    fp = _str(mp["fingerprint"], "$.map.fingerprint", 100, null=True)
    if fp is not None and not re.fullmatch(r"sha256:[0-9a-f]{64}", fp):
        raise _Shape("$.map.fingerprint", "expected sha256: and 64 hexadecimal digits")
    added_raw = top.get("added", [])
    if not isinstance(added_raw, list):
        raise _Shape("$.added", f"expected a list, found {_json_type(added_raw)}")
    added: list[AddedNode] = []
    ids: set[str] = set()
    for i, a in enumerate(added_raw):
        path = f"$.added[{i}]"
        obj = _obj(a, path, ("id", "kind", "target", "text"), ("quote", "basis"))
        aid = _str(obj["id"], _jp(path, "id"), 20)
        if not _ADDED_ID.fullmatch(aid) or aid in ids:
            raise _Shape(_jp(path, "id"), f"{aid!r} is not a new id of the form added-N")
        ids.add(aid)
        kind = _choice(obj["kind"], _jp(path, "kind"), ADDED_KINDS)
        target = _str(obj["target"], _jp(path, "target"), 2 * MAX_NAME + 8)
        try:
            _check_added_target(kind, parse_key(target))
        except ValueError as e:
            raise _Shape(_jp(path, "target"), str(e)) from None
        basis = obj.get("basis")
        if basis is not None:
            basis = _choice(basis, _jp(path, "basis"), [b.value for b in Basis])
            if kind != "evidence":
                raise _Shape(_jp(path, "basis"), f"only evidence has a basis, not an added {kind}")
        added.append(
            AddedNode(
                aid,
                kind,
                target,
                _str(obj["text"], _jp(path, "text")),
                _str(obj.get("quote"), _jp(path, "quote"), null=True),
                basis,
            )
        )
    for i, a in enumerate(added):
        if a.target.startswith("added-") and a.target not in ids:
            raise _Shape(f"$.added[{i}].target", f"there is no added node {a.target!r}")
    nodes_raw = _mapping(top["nodes"], "$.nodes")
    nodes: dict[str, NodeAnnotation] = {}
    for k, v in nodes_raw.items():
        path = _jp("$.nodes", k)
        try:
            key = parse_key(k)
        except ValueError as e:
            raise _Shape(path, str(e)) from None
        node = _node(v, path, key, ids)
        if not node.is_empty:
            nodes[k] = node
    history_raw = top.get("history", [])
    if not isinstance(history_raw, list):
        raise _Shape("$.history", f"expected a list, found {_json_type(history_raw)}")
    history = []
    for i, h in enumerate(history_raw[-MAX_HISTORY:]):
        path = f"$.history[{i}]"
        obj = _obj(h, path, ("at", "change"))
        history.append(
            HistoryEntry(_time(obj["at"], _jp(path, "at")), _str(obj["change"], _jp(path, "change"), 1000))
        )
    return Annotations(
        learner=_str(top["learner"], "$.learner", MAX_NAME),
        map_title=_str(mp.get("title"), "$.map.title", 2000, null=True),
        fingerprint=fp,
        id=_str(top.get("id", ""), "$.id", 64),
        created=_time(top["created"], "$.created"),
        updated=_time(top["updated"], "$.updated"),
        nodes=nodes,
        added=tuple(added),
        history=tuple(history),
    )


def loads(data: bytes | str, m: ArgumentMap | None = None, *, path: str | None = None) -> Annotations:
    """Read annotations from the bytes of a file; see :func:`load`."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if len(raw) > MAX_BYTES:
        raise AnnotationError(
            Diagnostic(
                "file-too-large",
                f"the annotation file is {len(raw):,} bytes; "
                f"argmap reads annotation files up to {MAX_BYTES:,} bytes",
                path=path,
                hint="This is not a file argmap wrote. It is kept as it is and will not be overwritten.",
            )
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        loc = Location(before.count(b"\n") + 1, e.start - (before.rfind(b"\n") + 1) + 1)
        raise _damaged(path, f"the file is not UTF-8 text (byte {e.start})", loc) from None
    try:
        obj = json.loads(text, object_pairs_hook=_pairs, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise _damaged(path, f"the file is not valid JSON: {e.msg}", Location(e.lineno, e.colno)) from None
    except _Shape as e:
        raise _damaged(path, f"the file is not valid annotation JSON: {e.message}") from None
    except (RecursionError, ValueError) as e:  # absurd nesting; numbers with too many digits
        raise _damaged(path, f"the file is not usable JSON: {type(e).__name__}") from None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise _damaged(
            path,
            f'this is not an argmap annotation file ("format" should be "{FORMAT}")',
            hint="Check the file name: the file is kept as it is and will not be overwritten.",
        )
    version = obj.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _damaged(path, f"$.version: expected a whole number from 1, found {str(version)[:20]!r}")
    if version > VERSION:
        raise AnnotationError(
            Diagnostic(
                "annotation-newer",
                f"the annotation file has version {version}; this argmap reads version {VERSION}",
                path=path,
                hint="Update argmap (pip install -U argmap). "
                "The file is kept as it is and will not be overwritten.",
            )
        )
    try:
        ann = _from_json(obj)
    except _Shape as e:
        raise _damaged(path, f"{e.json_path}: {e.message}") from None
    if m is not None:
        ann = _check_map(ann, m, path)
    return ann


def _check_map(ann: Annotations, m: ArgumentMap, path: str | None) -> Annotations:
    fp = fingerprint(m)
    if ann.fingerprint in (fp, None):
        missing = missing_keys(ann, m) if ann.fingerprint is None else ()
    else:
        missing = missing_keys(ann, m)
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        made_for = f" (they were made for {ann.map_title!r})" if ann.map_title != m.title else ""
        raise AnnotationError(
            Diagnostic(
                "annotation-foreign",
                f"these annotations belong to another map{made_for}: they name {shown}, "
                "which this map does not have",
                path=path,
                hint="Open them with the map they were made for. The file is kept as it is "
                "and will not be overwritten.",
            )
        )
    if ann.fingerprint in (fp, None):
        return ann
    warning = Diagnostic(
        "annotation-foreign",
        "the map has changed since these annotations were saved; everything they refer to "
        "is still in it, so they are used with the changed map",
        severity=Severity.WARNING,
        path=path,
        hint="Check your judgements of statements whose wording changed.",
    )
    return replace(ann, diagnostics=(*ann.diagnostics, warning))


def load(path: str | os.PathLike[str], m: ArgumentMap | None = None) -> Annotations:
    """Read a learner's annotation file, checked; with ``m``, check it belongs to that map.

    Raises :class:`AnnotationError` (``annotation-damaged``, ``annotation-foreign``,
    ``annotation-newer`` or ``file-too-large``); the file is never modified.  A file
    whose map changed but whose every node still exists loads with a warning in
    ``diagnostics``.
    """
    p = Path(path)
    shown = str(path)
    try:
        with p.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ArgmapError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise ArgmapError(f"{shown}: is a folder, not an annotation file") from None
    except OSError as e:
        raise _damaged(shown, f"the file cannot be read: {e.strerror or e}") from None
    return loads(raw, m, path=shown)


# -- writing files ---------------------------------------------------------------------------------


def _to_json(ann: Annotations) -> dict[str, Any]:
    nodes: dict[str, Any] = {}
    for k, a in ann.nodes.items():
        entry: dict[str, Any] = {}
        if a.judgement is not None:
            entry["judgement"] = a.judgement
        if a.flags:
            entry["flags"] = list(a.flags)
        if a.note:
            entry["note"] = a.note
        if a.answers:
            entry["answers"] = {
                str(q): ({"answer": x.answer, "note": x.note} if x.note else {"answer": x.answer})
                for q, x in a.answers.items()
            }
        nodes[k] = entry
    added = []
    for n in ann.added:
        item = {"id": n.id, "kind": n.kind, "target": n.target, "text": n.text}
        if n.quote is not None:
            item["quote"] = n.quote
        if n.basis is not None:
            item["basis"] = n.basis
        added.append(item)
    return {
        "format": FORMAT,
        "version": VERSION,
        "id": ann.id,
        "learner": ann.learner,
        "map": {"title": ann.map_title, "fingerprint": ann.fingerprint},
        "created": ann.created,
        "updated": ann.updated,
        "nodes": nodes,
        "added": added,
        "history": [{"at": h.at, "change": h.change} for h in ann.history],
    }


def dumps(ann: Annotations) -> bytes:
    """The file's bytes: indented UTF-8 JSON, ending in a newline.  Over
    :data:`MAX_BYTES`, the oldest history entries are left out first."""
    history = ann.history
    while True:
        data = (
            json.dumps(_to_json(replace(ann, history=history)), ensure_ascii=False, indent=2) + "\n"
        ).encode("utf-8")
        if len(data) <= MAX_BYTES or not history:
            return data
        history = history[len(history) // 2 + 1 :]


def _check_size(data: bytes, shown: str) -> None:
    if len(data) > MAX_BYTES:
        raise AnnotationError(
            Diagnostic(
                "file-too-large",
                f"these annotations would take {len(data):,} bytes; the limit is {MAX_BYTES:,}",
                path=shown,
                hint="Shorten some notes. The file on disk keeps the last change that fitted.",
            )
        )


def save(path: str | os.PathLike[str], ann: Annotations) -> None:
    """Write ``ann`` atomically: a temporary file in the same folder, flushed and
    synced, then renamed over ``path``.

    An existing file is replaced only if it is this same annotation document (same
    ``id`` and learner); a damaged, foreign or newer file raises
    :class:`AnnotationError` and stays as it is.
    """
    p = Path(path)
    shown = str(path)
    data = dumps(ann)
    _check_size(data, shown)
    if p.exists() or p.is_symlink():
        try:
            old = load(p)
        except AnnotationError as e:
            d = e.diagnostic
            raise AnnotationError(
                replace(d, message=f"will not overwrite {p.name}: {d.message}", path=shown)
            ) from None
        if (old.id, old.learner) != (ann.id, ann.learner):
            raise AnnotationError(
                Diagnostic(
                    "annotation-foreign",
                    f"will not overwrite {p.name}: it holds other annotations "
                    f"(learner {old.learner!r}, started {old.created})",
                    path=shown,
                    hint="Choose another file name. The file is kept as it is.",
                )
            )
    atomic_write(p, data)


# -- the store the widget uses ---------------------------------------------------------------------


def describe_change(old: Annotations, new: Annotations) -> str:
    """A short line saying what changed between two versions (for the history)."""
    parts: list[str] = []
    for k in dict.fromkeys([*old.nodes, *new.nodes]):
        a, b = old.node(k), new.node(k)
        if a.judgement != b.judgement:
            parts.append(f"{k}: {b.judgement or 'judgement taken back'}")
        for f in b.flags:
            if f not in a.flags:
                parts.append(f"{k}: +{f}")
        for f in a.flags:
            if f not in b.flags:
                parts.append(f"{k}: -{f}")
        if a.note != b.note:
            parts.append(f"{k}: note")
        if dict(a.answers) != dict(b.answers):
            parts.append(f"{k}: answers")
    old_ids = {x.id for x in old.added}
    new_ids = {x.id for x in new.added}
    parts += [f"added {x.kind} {x.id} to {x.target}" for x in new.added if x.id not in old_ids]
    parts += [f"removed {i}" for i in sorted(old_ids - new_ids)]
    old_by_id = {x.id: x for x in old.added}
    parts += [f"edited {x.id}" for x in new.added if x.id in old_ids and x != old_by_id[x.id]]
    line = "; ".join(parts) or "no change"
    return line if len(line) <= 300 else line[:299] + "…"


#: A temporary file of a save older than this (seconds) was left by a killed save.
STALE_TMP_SECONDS = 120


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """Serialise read-change-write cycles of the workbenches that share a folder
    (an advisory ``flock`` on the folder itself: no lock file to leave behind).
    Where the folder cannot be locked (no ``fcntl``, some network drives) the
    cycle runs unlocked; the change history still merges what it can see."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def remove_stale_temporaries(path: Path, older_than: float = STALE_TMP_SECONDS) -> list[Path]:
    """Remove the temporary files that killed saves of ``path`` left beside it
    (``.<name>.*.tmp``, older than ``older_than`` seconds); returns what was removed."""
    removed: list[Path] = []
    now = time.time()
    with contextlib.suppress(OSError):
        for tmp in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                if tmp.is_file() and not tmp.is_symlink() and now - tmp.stat().st_mtime > older_than:
                    tmp.unlink()
                    removed.append(tmp)
    return removed


def glob_escape(name: str) -> str:
    """``name`` with the characters ``glob`` treats specially quoted."""
    return re.sub(r"([*?\[])", r"[\1]", name)


@dataclass(frozen=True)
class Merge:
    """What :class:`AnnotationStore` found when another workbench had saved to the
    same file in the meantime: both sets of changes are kept."""

    theirs: str  # what the other workbench changed (a history line)
    at: str

    @property
    def message(self) -> str:
        return (
            "This file was also changed in another window or tab "
            f"({self.theirs}). Both are kept: this window now shows that work as well as yours."
        )


class AnnotationStore:
    """One learner's annotation file, opened (or created) for a map; every change is
    saved at once.

    >>> # store = AnnotationStore("ana.json", m, learner="Ana")
    >>> # store.update(lambda a: a.with_judgement("[Either-or]", "reject"))

    Opening refuses (with :class:`AnnotationError`, the file untouched) a damaged
    or newer file, a file for another map, or one that belongs to another learner
    (names compare as :func:`same_learner` does: "ana" resumes "Ana").  After a
    restart, opening the same path resumes where the learner stopped.

    Two workbenches open on one file (two tabs) never lose a change: before each
    save the store reads the file again; if another workbench saved in between, the
    change is applied on top of what that one saved (changes are pure functions of
    the annotations) and :attr:`merges` says so.
    """

    def __init__(self, path: str | os.PathLike[str], m: ArgumentMap, learner: str | None = None):
        self.path = Path(path)
        self.map = m
        self.merges: list[Merge] = []
        self._disk: bytes | None = None
        remove_stale_temporaries(self.path)
        if self.path.exists() or self.path.is_symlink():
            ann = load(self.path, m)
            if learner is not None and not same_learner(learner, ann.learner):
                raise AnnotationError(
                    Diagnostic(
                        "annotation-foreign",
                        f"this annotation file belongs to {ann.learner!r}, not {learner!r}",
                        path=str(path),
                        hint="Use your own file name. The file is kept as it is and will not be overwritten.",
                    )
                )
            self._annotations = ann
            self._disk = self._read()
        else:
            self._annotations = Annotations.new(learner or "", m)
            with _folder_lock(self._folder()):
                if self.path.exists():  # another workbench created it a moment ago
                    self._annotations = load(self.path, m)
                else:
                    save(self.path, self._annotations)
                self._disk = self._read()

    def _folder(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self.path.parent

    def _read(self) -> bytes | None:
        try:
            with self.path.open("rb") as f:
                return f.read(MAX_BYTES + 1)
        except OSError:
            return None

    @property
    def annotations(self) -> Annotations:
        return self._annotations

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Warnings from opening the file (e.g. the map changed since it was saved)."""
        return self._annotations.diagnostics

    def update(self, change: Callable[[Annotations], Annotations]) -> Annotations:
        """Apply a pure change and save it at once; returns the new annotations.

        If the change raises, or saving fails, nothing changes (in memory or on disk)
        and the error propagates.  If another workbench saved to the file since this
        one last read or wrote it, the change is applied to that version and a
        :class:`Merge` is added to :attr:`merges`.
        """
        with _folder_lock(self._folder()):
            base = self._annotations
            merged: Merge | None = None
            disk = self._read()
            if disk is not None and disk != self._disk:
                theirs = loads(disk, self.map, path=str(self.path))
                if theirs.id != base.id or not same_learner(theirs.learner, base.learner):
                    raise AnnotationError(
                        Diagnostic(
                            "annotation-foreign",
                            f"will not overwrite {self.path.name}: it now holds other annotations "
                            f"(learner {theirs.learner!r}, started {theirs.created})",
                            path=str(self.path),
                            hint="Your last change is not saved. The file is kept as it is.",
                        )
                    )
                if not theirs.same_work(base):
                    merged = Merge(describe_change(base, theirs), theirs.updated)
                base = theirs
            new = change(base)
            if not isinstance(new, Annotations):
                raise TypeError(f"the change must return Annotations, not {type(new).__name__}")
            if new.same_work(base):
                self._annotations = base
                if merged is not None:
                    self.merges.append(merged)
                    self._disk = disk
                return base
            new = replace(new.for_map(self.map), updated=_now(), diagnostics=())
            new = new.with_history(describe_change(base, new), at=new.updated)
            data = dumps(new)
            _check_size(data, str(self.path))
            atomic_write(self.path, data)
            self._disk = data
            self._annotations = new
            if merged is not None:
                self.merges.append(merged)
            return new

    def refresh(self) -> Merge | None:
        """Take up what another workbench saved to this file since this one last read
        or wrote it (a :class:`Merge`, also added to :attr:`merges`), or ``None`` if
        nothing changed.  A damaged or foreign file raises and changes nothing here."""
        disk = self._read()
        if disk is None or disk == self._disk:
            return None
        theirs = loads(disk, self.map, path=str(self.path))
        if theirs.id != self._annotations.id:
            raise AnnotationError(
                Diagnostic(
                    "annotation-foreign",
                    f"{self.path.name} now holds other annotations "
                    f"(learner {theirs.learner!r}, started {theirs.created})",
                    path=str(self.path),
                    hint="Your work so far is in this window; it will not overwrite that file.",
                )
            )
        merged = Merge(describe_change(self._annotations, theirs), theirs.updated)
        self._annotations, self._disk = theirs, disk
        self.merges.append(merged)
        return merged

    def reload(self) -> Annotations:
        """Read the file again (e.g. after another program changed it)."""
        self._annotations = load(self.path, self.map)
        self._disk = self._read()
        return self._annotations
