"""What still stands: from a learner's judgements, which statements stand, fall or stay open,
and how the thesis weighs up.

The semantics (written out for teachers, with worked examples, in ``docs/evaluation.md``):

* the learner's own judgement of a statement is final: *accept* → it stands (IN),
  *reject* → it falls (OUT), *doubt* → it is open (UNDEC); so is a *verdict* on a
  weighed statement (supported → IN, refuted → OUT, contested or open → UNDEC).
  Conflicts between a judgement and the rest of the map are reported as
  :class:`Tension` s, never overruled;
* what the learner has not judged is **open**, not standing: a premise nobody
  argues for stands only once the learner accepts it;
* an inference step applies when all its linked premises stand, no undercut the
  learner accepts is aimed at it, and the learner did not rate it *none* (*weak*
  leaves its conclusion open; a step without premises applies only when rated
  *strong*); a support relation between statements is a one-premise step;
* objections and rebuttals count **only as far as the learner accepts them**: an
  attacker that is open, or that the learner rates as carrying no weight, changes
  nothing;
* an unjudged statement stands if a step that supports it applies and no objection
  that counts stands against it; when both a line of support and an objection stand,
  it is **contested** (open) until the learner weighs it (:meth:`Evaluation.weigh`)
  and gives a verdict: never "the last unanswered word wins".  It falls if an
  objection that counts stands and no support does, or if every step for it fails;
* circles that nothing settles stay open.

The fixed point is computed with counters and a work list, in time linear in the
size of the map; it terminates on any graph.  Pure: no I/O.

>>> from argmap.model import ArgumentMap, Argument, Inference, Statement, Role
>>> m = ArgumentMap(
...     statements=(Statement("T", role=Role.THESIS), Statement("P"), Statement("A", role=Role.ASSUMPTION)),
...     arguments=(Argument("Arg", inferences=(Inference(("P", "A"), "T"),)),),
... )
>>> evaluate(m).label("T")
<Label.UNDEC: 'undec'>
>>> ev = evaluate(m, {"P": "accept", "A": "reject"})
>>> ev.label("T")
<Label.OUT: 'out'>
>>> print(ev.explain("T"))  # doctest: +NORMALIZE_WHITESPACE
The thesis [T] is unsupported (it falls): it loses the support of <Arg> because
you rejected the assumption [A].
"""

from __future__ import annotations

import copy
import enum
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..annotations import (
    INFERENCE_JUDGEMENTS,
    STATEMENT_JUDGEMENTS,
    AddedNode,
    Annotations,
    link_key,
    parse_key,
)
from ..model import ArgumentMap, NodeKind, RelationKind, Role
from ..text import count

__all__ = [
    "STRENGTHS",
    "VERDICTS",
    "Evaluation",
    "Label",
    "Reason",
    "Tension",
    "Verdict",
    "Weighing",
    "evaluate",
]


class Label(str, enum.Enum):
    """The status of a node: IN (stands), OUT (falls), UNDEC (open)."""

    IN = "in"
    OUT = "out"
    UNDEC = "undec"

    def __str__(self) -> str:
        return self.value

    @property
    def words(self) -> str:
        """``stands``, ``falls`` or ``is open``: the label in plain words."""
        return {"in": "stands", "out": "falls", "undec": "is open"}[self.value]


_STANDS = {
    "accept": Label.IN,
    "solid": Label.IN,
    "reject": Label.OUT,
    "unfounded": Label.OUT,
    "doubt": Label.UNDEC,
    "shaky": Label.UNDEC,
}

#: How much a line of support or an objection weighs, in the learner's eyes.  Lines of
#: support take the rating of their step (strong / weak / none); an objection takes a
#: strength of its own (``evaluate(…, strengths={"[Objection]": "weak"})``).
STRENGTHS: dict[str, str] = {
    "strong": "weighs a lot",
    "weak": "weighs a little",
    "none": "carries no weight, even if true",
}
_WEIGHT = {"strong": 2, "weak": 1, "none": 0}

#: A learner's verdict on a weighed statement (usually the thesis), and its label.
VERDICTS: dict[str, Label] = {
    "supported": Label.IN,
    "contested": Label.UNDEC,
    "refuted": Label.OUT,
    "open": Label.UNDEC,
}


@dataclass(frozen=True)
class Verdict:
    """The learner's verdict on a statement after weighing it, with the reason in their words."""

    value: str
    reason: str = ""

    def __post_init__(self) -> None:
        if self.value not in VERDICTS:
            raise ValueError(f"{self.value!r} is not a verdict; use one of: {', '.join(VERDICTS)}")


@dataclass(frozen=True)
class Reason:
    """One reason for a node's label; ``code`` is stable, tests assert it.

    ``node`` is the key of the node explained, ``via`` the inference involved (a
    key such as ``<Argument>`` or ``[From] +> [To]``), ``cause`` the node that causes
    it (an attacker, a rejected premise …), ``others`` more nodes (a cycle's members).
    """

    code: str
    node: str
    via: str | None = None
    cause: str | None = None
    others: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tension:
    """A judgement of the learner's that the rest of their judgements pull against.

    ``code`` is ``accepted-but-attacked`` (an attacker of an accepted statement
    stands), ``accepted-but-unsupported`` (every reason given for it fell),
    ``rejected-but-supported`` (a step for a rejected statement still applies),
    ``verdict-without-support`` (a verdict *supported* while no line of support stands) or
    ``verdict-without-objection`` (a verdict *refuted* while no objection that counts stands).
    """

    code: str
    node: str
    others: tuple[str, ...]


#: Reason codes that say why a step fails (as opposed to why it is open).
_LOST = frozenset({"premise-rejected", "premise-out", "rated-none", "undercuts", "attacks", "conclusion-out"})
#: Reason codes that say why a step is open.
_OPEN_STEP = frozenset(
    {"rated-weak", "premise-doubted", "premise-open", "undercut-weak", "not-rated", "conclusion-undec"}
)

# node kinds in the graph
_STMT, _ADDED, _INF, _ARG = 0, 1, 2, 3


class _Graph:
    """Statements, added nodes, inference steps and arguments, by index."""

    def __init__(self) -> None:
        self.kind: list[int] = []
        self.key: list[str] = []
        self.fixed: list[Label | None] = []  # statements: the learner's judgement or verdict
        self.judgement: list[str | None] = []
        self.strength: list[str | None] = []  # an attacker's weight, as the learner rates it
        self.verdict: dict[int, Verdict] = {}
        self.att: list[list[int]] = []  # attackers (statements) / undercutters (inferences)
        self.sup: list[list[int]] = []  # inferences concluding a statement
        self.req: list[list[int]] = []  # premises of an inference / what an argument needs
        self.name: list[str] = []  # in words, as a subject: "the assumption [X]"
        self.support_name: dict[int, str] = {}  # an inference as "the support of …"
        self.conclusion: dict[int, int] = {}
        self.argument_of: dict[int, int] = {}  # argument-support inference -> argument node
        self.attack_word: dict[tuple[int, int], str] = {}  # (target, attacker) -> "undercuts"/"attacks"
        self.index: dict[tuple[str, str], int] = {}
        self.final: dict[str, int] = {}  # argument title -> its last (or only, implicit) step
        self.deps: list[list[tuple[int, int]]] | None = None  # who waits for whom (see _label)

    def copy(self) -> _Graph:
        """A copy whose structure can grow (for the learner's added nodes)."""
        g = _Graph()
        g.kind, g.key, g.name = list(self.kind), list(self.key), list(self.name)
        g.fixed, g.judgement = list(self.fixed), list(self.judgement)
        g.strength, g.verdict = list(self.strength), dict(self.verdict)
        g.att = [list(x) for x in self.att]
        g.sup = [list(x) for x in self.sup]
        g.req = [list(x) for x in self.req]
        g.support_name = dict(self.support_name)
        g.conclusion = dict(self.conclusion)
        g.argument_of = dict(self.argument_of)
        g.attack_word = dict(self.attack_word)
        g.index = dict(self.index)
        g.final = self.final
        return g

    def judged(self) -> _Graph:
        """A copy sharing the structure, with fresh judgements."""
        g = copy.copy(self)
        g.fixed = [None] * len(self.kind)
        g.judgement = [None] * len(self.kind)
        g.strength = [None] * len(self.kind)
        g.verdict = {}
        return g

    def attack(self, target: int, attacker: int, word: str) -> None:
        self.att[target].append(attacker)
        self.attack_word.setdefault((target, attacker), word)

    def add(self, kind: int, key: str, name: str, *index: tuple[str, str]) -> int:
        """A new node; ``index`` are the (namespace, key) pairs it is found by."""
        i = len(self.kind)
        self.kind.append(kind)
        self.key.append(key)
        self.fixed.append(None)
        self.judgement.append(None)
        self.strength.append(None)
        self.att.append([])
        self.sup.append([])
        self.req.append([])
        self.name.append(name)
        for pair in index:
            self.index[pair] = i
        return i


def _role_name(role: Role, ref: str) -> str:
    if role is Role.CLAIM:
        return ref
    return f"the {role.value} {ref}"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _as_key(raw: str) -> str:
    """A node key; a bare title is a statement's."""
    return raw if raw[:1] in ("[", "<") or raw.startswith("added-") else f"[{raw}]"


def _normalise(judgements: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for raw, value in judgements.items():
        key = _as_key(raw)
        parsed = parse_key(key)
        valid = INFERENCE_JUDGEMENTS if parsed.is_inference else STATEMENT_JUDGEMENTS
        if value not in valid:
            raise ValueError(f"{value!r} is not a judgement for {key}; use one of: {', '.join(valid)}")
        out[key] = value
    return out


def _strengths(strengths: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for raw, value in strengths.items():
        key = _as_key(raw)
        if parse_key(key).is_inference:
            raise ValueError(f"{key} is a step: rate a line of support as a judgement (strong / weak / none)")
        if value not in STRENGTHS:
            raise ValueError(f"{value!r} is not a strength for {key}; use one of: {', '.join(STRENGTHS)}")
        out[key] = value
    return out


def _verdicts(verdicts: Mapping[str, Verdict | str | tuple[str, str]]) -> dict[str, Verdict]:
    out: dict[str, Verdict] = {}
    for raw, value in verdicts.items():
        key = _as_key(raw)
        if parse_key(key).is_inference:
            raise ValueError(f"{key} is a step: a verdict is given on a statement")
        if isinstance(value, Verdict):
            out[key] = value
        elif isinstance(value, str):
            out[key] = Verdict(value)
        else:
            out[key] = Verdict(*value)
    return out


_CACHE: dict[int, tuple[weakref.ref[ArgumentMap], _Graph]] = {}


def _map_graph(m: ArgumentMap) -> _Graph:
    """The map's graph, built once per map (maps are immutable) and kept for a few maps."""
    hit = _CACHE.get(id(m))
    if hit is not None and hit[0]() is m:
        return hit[1]
    g = _build_map(m)
    g.deps = _dependents(g)
    while len(_CACHE) >= 8:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(m)] = (weakref.ref(m), g)
    return g


def _build_map(m: ArgumentMap) -> _Graph:
    g = _Graph()

    def statement(title: str) -> int:
        i = g.index.get(("s", title))
        if i is None:  # named in a premise–conclusion structure only
            i = g.add(_STMT, f"[{title}]", f"[{title}]", ("s", title))
        return i

    for s in m.statements:
        if ("s", s.title) not in g.index:
            g.add(_STMT, f"[{s.title}]", _role_name(s.role, f"[{s.title}]"), ("s", s.title))

    # arguments: their steps, and the argument as a node that stands when its last step
    # applies and its conclusion stands
    final = g.final
    for arg in m.arguments:
        ref = f"<{arg.title}>"
        n = len(arg.inferences)
        for k, inf in enumerate(arg.inferences, 1):
            key = ref if k == n else f"{ref}#{k}"
            j = g.add(_INF, key, ref if k == n else f"step {k} of {ref}", ("i", f"{ref}#{k}"))
            g.support_name[j] = g.name[j]
            g.req[j] = [statement(p) for p in inf.premises]
            c = statement(inf.conclusion)
            g.conclusion[j] = c
            g.sup[c].append(j)
        if n:
            final[arg.title] = g.index[("i", f"{ref}#{n}")]
        else:  # an argument without premise–conclusion structure: one implicit step
            final[arg.title] = g.add(_INF, ref, ref)
            g.support_name[final[arg.title]] = ref
        a_node = g.add(_ARG, ref, ref, ("a", ref))
        g.req[a_node] = [final[arg.title]]
        if n:
            g.req[a_node].append(statement(arg.inferences[-1].conclusion))

    def node_of(kind: NodeKind, title: str) -> int | None:
        return g.index.get(("s", title) if kind is NodeKind.STATEMENT else ("a", f"<{title}>"))

    for r in m.relations:
        src = node_of(r.source.kind, r.source.title)
        tgt = node_of(r.target.kind, r.target.title)
        if src is None or tgt is None:
            continue
        if r.kind is RelationKind.SUPPORT:
            if r.target.kind is not NodeKind.STATEMENT:
                continue  # support of an argument: it needs none (see docs/evaluation.md)
            if r.source.kind is NodeKind.STATEMENT:
                key = link_key(r.source.title, r.target.title)
                if ("i", key) in g.index:
                    continue
                j = g.add(_INF, key, f"the support of {g.name[tgt]} by [{r.source.title}]", ("i", key))
                g.support_name[j] = f"[{r.source.title}]"
                g.req[j] = [src]
            else:
                argument = m.argument(r.source.title)
                if argument.conclusion == r.target.title:
                    continue  # the argument's own last step already supports it
                key = f"<{r.source.title}> +> [{r.target.title}]"
                if ("i", key) in g.index:
                    continue
                j = g.add(_INF, key, f"<{r.source.title}>", ("i", key))
                g.support_name[j] = f"<{r.source.title}>"
                g.req[j] = [src]
                g.argument_of[j] = src
            g.conclusion[j] = tgt
            g.sup[tgt].append(j)
            continue
        targets = [tgt]
        if r.kind in (RelationKind.CONTRARY, RelationKind.CONTRADICTORY):
            targets.append(src)
        for victim, source in ((tgt, src), (src, tgt))[: len(targets)]:
            if g.kind[victim] == _ARG:
                word = "undercuts" if r.kind is RelationKind.UNDERCUT else "attacks"
                g.attack(final[g.key[victim][1:-1]], source, word)
            else:
                g.attack(victim, source, "attacks")
    return g


def _target_of(g: _Graph, raw: str) -> int | None:
    """The node a learner's added node is aimed at (a key in the annotations' form)."""
    try:
        target = parse_key(raw)
    except ValueError:
        return None
    if target.kind == "statement":
        return g.index.get(("s", target.title))
    if target.kind == "added":
        return g.index.get(("x", target.title))
    if target.kind == "argument":
        return g.final.get(target.title)
    return g.index.get(("i", str(target) if target.kind == "link" else f"<{target.title}>#{target.step}"))


def _add_learners_nodes(g: _Graph, added: tuple[AddedNode, ...]) -> list[str]:
    """The learner's added nodes, each wired to what it answers; returns those that fit nowhere."""
    unused: list[str] = []
    for a in added:
        g.add(_ADDED, a.id, f"your {a.kind} “{_short(a.text)}”", ("x", a.id))
    for a in added:
        i = g.index[("x", a.id)]
        t = _target_of(g, a.target)
        if t is None:
            unused.append(a.id)
        elif a.kind == "assumption" and g.kind[t] == _INF:
            g.req[t].append(i)
        elif a.kind in ("objection", "rebuttal"):
            g.attack(t, i, "undercuts" if g.kind[t] == _INF else "attacks")
        elif a.kind == "evidence" and g.kind[t] in (_STMT, _ADDED):
            j = g.add(_INF, f"{a.id} +> {a.target}", g.name[i], ("i", f"{a.id} +> {a.target}"))
            g.support_name[j] = g.name[i]
            g.req[j] = [i]
            g.conclusion[j] = t
            g.sup[t].append(j)
        else:
            unused.append(a.id)
    return unused


def _build(
    m: ArgumentMap,
    judgements: dict[str, str],
    ann: Annotations | None,
    strengths: Mapping[str, str] = MappingProxyType({}),
    verdicts: Mapping[str, Verdict] = MappingProxyType({}),
) -> tuple[_Graph, list[str]]:
    """The map's graph with the learner's added nodes, judgements, strengths and verdicts."""
    unused: list[str] = []
    added = ann.added if ann is not None else ()
    base = _map_graph(m)
    g = base.copy() if added else base.judged()
    final = g.final
    unused += _add_learners_nodes(g, added)

    def find(key: str) -> int | None:
        parsed = parse_key(key)
        if parsed.kind == "statement":
            return g.index.get(("s", parsed.title))
        if parsed.kind == "added":
            return g.index.get(("x", parsed.title))
        if parsed.kind == "argument":
            return final.get(parsed.title)
        return g.index.get(("i", key))

    # judgements
    for key, value in judgements.items():
        parsed = parse_key(key)
        i_opt = find(key)
        if (
            parsed.kind == "argument"
            and i_opt is not None
            and f"{key}#{len(m.argument(parsed.title).inferences)}" in judgements
        ):
            continue  # the last step is judged by its own key too: that one wins
        if i_opt is None:
            unused.append(key)
            continue
        g.judgement[i_opt] = value
        if g.kind[i_opt] in (_STMT, _ADDED):
            g.fixed[i_opt] = _STANDS.get(value)
    for key, value in strengths.items():
        i_opt = find(key)
        if i_opt is None:
            unused.append(key)
        else:
            g.strength[i_opt] = value
    for key, verdict in verdicts.items():
        i_opt = find(key)
        if i_opt is None:
            unused.append(key)
        else:
            g.verdict[i_opt] = verdict
            g.fixed[i_opt] = VERDICTS[verdict.value]
    return g, unused


def _dependents(g: _Graph) -> list[list[tuple[int, int]]]:
    """For each node, who waits for it and how: 0 as attacker, 1 as support, 2 as requirement."""
    deps: list[list[tuple[int, int]]] = [[] for _ in g.kind]
    for i, att in enumerate(g.att):
        for a in att:
            deps[a].append((i, 0))
    for i, sup in enumerate(g.sup):
        for x in sup:
            deps[x].append((i, 1))
    for i, req in enumerate(g.req):
        for r in req:
            deps[r].append((i, 2))
    return deps


def _label(g: _Graph) -> list[Label]:
    """Label what is settled, pass the news on, repeat; what is never settled is open.

    Each node is settled at most once (IN, OUT or, explicitly, UNDEC), so this is
    linear.  An attacker counts only once it stands; one that is settled as open or
    out, or rated *none*, is passed on as "does not count"."""
    n = len(g.kind)
    label: list[Label | None] = [None] * n
    kinds, judgement, fixed, strength = g.kind, g.judgement, g.fixed, g.strength
    n_att = [len(x) for x in g.att]
    n_sup = [len(x) for x in g.sup]
    n_req = [len(x) for x in g.req]
    att_in = [0] * n  # attackers that stand and weigh (strong or unrated)
    att_weak = [0] * n  # attackers that stand, rated weak
    att_done = [0] * n
    sup_in = [0] * n
    sup_out = [0] * n
    sup_done = [0] * n
    req_in = [0] * n
    req_out = [0] * n
    req_done = [0] * n
    deps = g.deps if g.deps is not None else _dependents(g)
    IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDEC

    def decide_statement(i: int, attacked: bool, attackers_done: bool) -> Label | None:
        if judgement[i] is not None or i in g.verdict:
            return fixed[i]
        if not n_sup[i]:  # nobody argues for it: open until judged, unless an objection stands
            if attacked:
                return OUT
            # what the learner added, they assert: it stands until they judge it or it is answered
            return (IN if kinds[i] == _ADDED else UNDEC) if attackers_done else None
        if sup_in[i]:
            return UNDEC if attacked else (IN if attackers_done else None)  # both stand: contested
        if sup_done[i] == n_sup[i]:
            if sup_out[i] == n_sup[i]:  # every line failed: unsupported, or refuted if attacked
                return OUT
            # a line still open: support not judged has not failed, whatever stands against it
            return UNDEC if attacked or attackers_done else None
        return None

    def decide_step(i: int, attackers_done: bool) -> Label | None:
        j = judgement[i]
        if j == "none" or req_out[i] or att_in[i]:
            return OUT
        if req_done[i] == n_req[i] and attackers_done:
            if req_in[i] == n_req[i] and j != "weak" and not att_weak[i] and (n_req[i] or j == "strong"):
                return IN
            return UNDEC
        return None

    def decide(i: int) -> Label | None:
        attackers_done = att_done[i] == n_att[i]
        if kinds[i] <= _ADDED:  # a statement
            return decide_statement(i, att_in[i] + att_weak[i] > 0, attackers_done)
        if kinds[i] == _INF:
            return decide_step(i, attackers_done)
        if req_out[i]:  # an argument: its last step and its conclusion
            return OUT
        if req_done[i] == n_req[i]:
            return IN if req_in[i] == n_req[i] else UNDEC
        return None

    queue: list[int] = []
    for i in range(n):
        lab = decide(i)
        if lab is not None:
            label[i] = lab
            queue.append(i)
    while queue:
        x = queue.pop()
        lx = label[x]
        for d, how in deps[x]:
            if label[d] is not None:
                continue
            if how == 0:
                att_done[d] += 1
                if lx is IN and strength[x] != "none":
                    if strength[x] == "weak":
                        att_weak[d] += 1
                    else:
                        att_in[d] += 1
            elif how == 1:
                sup_done[d] += 1
                if lx is IN:
                    sup_in[d] += 1
                elif lx is OUT:
                    sup_out[d] += 1
            else:
                req_done[d] += 1
                if lx is IN:
                    req_in[d] += 1
                elif lx is OUT:
                    req_out[d] += 1
            lab = decide(d)
            if lab is not None:
                label[d] = lab
                queue.append(d)
    return [lab or UNDEC for lab in label]


@dataclass(frozen=True)
class Evaluation:
    """The result of :func:`evaluate`: a label for every statement, argument, step and
    added node, the reasons for each, and the tensions in the learner's judgements."""

    statements: Mapping[str, Label]
    arguments: Mapping[str, Label]
    inferences: Mapping[str, Label]
    added: Mapping[str, Label]
    tensions: tuple[Tension, ...]
    #: Judgement keys and added nodes that name nothing in the map (left out).
    unused: tuple[str, ...]
    thesis: str | None
    _g: _Graph = field(repr=False, compare=False)
    _labels: list[Label] = field(repr=False, compare=False)
    _cycles: dict[int, tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)

    # -- lookups -----------------------------------------------------------------------------------
    def _find(self, key: str) -> int:
        g = self._g
        for probe in (
            ("s", key),  # a bare statement title
            ("s", key[1:-1]) if key.startswith("[") and key.endswith("]") else None,
            ("a", key) if key.startswith("<") else None,
            ("i", key),
            ("x", key),
        ):
            if probe is not None and probe in g.index:
                return g.index[probe]
        raise KeyError(key)

    def label(self, key: str) -> Label:
        """The label of a statement (``Title`` or ``[Title]``), argument (``<Title>``),
        step (``<Title>#2``), link (``[A] +> [B]``) or added node (``added-1``)."""
        return self._labels[self._find(key)]

    def __iter__(self) -> Iterator[tuple[str, Label]]:
        """(statement title, label) pairs, in the map's order."""
        return iter(self.statements.items())

    def counts(self) -> dict[Label, int]:
        """How many statements stand, fall and are open."""
        out = dict.fromkeys(Label, 0)
        for lab in self.statements.values():
            out[lab] += 1
        return out

    # -- reasons ---------------------------------------------------------------------------------------
    def reasons(self, key: str) -> tuple[Reason, ...]:
        """Why the node has its label, most direct reasons first."""
        i = self._find(key)
        lab = self._labels[i]
        g = self._g
        if g.kind[i] in (_STMT, _ADDED):
            return self._statement_reasons(i, lab)
        if g.kind[i] == _INF:
            return tuple(self._step_reasons(i, g.key[i]))
        # an argument: its last step, then its conclusion
        step, *rest = g.req[i]
        if lab is Label.IN:
            return (Reason("holds", g.key[i], via=g.key[step]),)
        out = list(self._step_reasons(step, g.key[i])) if self._labels[step] is lab else []
        if rest and self._labels[rest[0]] is lab and not out:
            out.append(Reason("conclusion-" + lab.value, g.key[i], cause=g.key[rest[0]]))
        return tuple(out)

    def why_out(self, key: str) -> tuple[Reason, ...]:
        """Why a node falls; empty if it does not."""
        return self.reasons(key) if self.label(key) is Label.OUT else ()

    def why_open(self, key: str) -> tuple[Reason, ...]:
        """Why a node is open; empty if it is not."""
        return self.reasons(key) if self.label(key) is Label.UNDEC else ()

    def _counts(self, a: int) -> bool:
        """Whether attacker ``a`` counts: it stands and the learner gives it some weight."""
        return self._labels[a] is Label.IN and self._g.strength[a] != "none"

    def _statement_reasons(self, i: int, lab: Label) -> tuple[Reason, ...]:
        g, labels = self._g, self._labels
        key = g.key[i]
        if i in g.verdict:
            return (Reason("verdict", key),)
        if g.judgement[i] is not None:
            code = {Label.IN: "accepted", Label.OUT: "rejected", Label.UNDEC: "doubted"}[lab]
            return (Reason(code, key),)
        standing = [a for a in g.att[i] if self._counts(a)]
        if lab is Label.OUT:
            out = [Reason("attacked", key, cause=g.key[a]) for a in standing]
            if not out or all(labels[s] is Label.OUT for s in g.sup[i]):
                for s in g.sup[i]:
                    out += self._step_reasons(s, key)
            return tuple(out)
        answered = self._answered(i)
        supported = [Reason("supported", key, via=g.key[s]) for s in g.sup[i] if labels[s] is Label.IN]
        if lab is Label.IN:
            lost = [r for s in g.sup[i] if labels[s] is not Label.IN for r in self._step_reasons(s, key)]
            return (*supported, *answered, *lost)
        if supported and standing:
            return (Reason("contested", key, others=tuple(g.key[a] for a in standing)), *supported)
        return (*supported, *self._open_reasons(i, standing), *answered)

    def _answered(self, i: int) -> list[Reason]:
        """Attacks on statement ``i`` that fail (their attacker falls), then those that do not count yet."""
        g, labels = self._g, self._labels
        fails = [Reason("attack-fails", g.key[i], cause=g.key[a]) for a in g.att[i] if labels[a] is Label.OUT]
        ignored = [
            Reason("attack-ignored", g.key[i], cause=g.key[a])
            for a in g.att[i]
            if not self._counts(a) and labels[a] is not Label.OUT
        ]
        return fails + ignored

    def _open_reasons(self, i: int, standing: list[int]) -> list[Reason]:
        """Why an unjudged statement is open: an objection against support not settled, a circle,
        nothing argued for it, then its open lines and its lost ones."""
        g, labels = self._g, self._labels
        key = g.key[i]
        out: list[Reason] = []
        if standing and g.sup[i]:  # an objection stands, and a line of support is not settled
            out.append(Reason("attacked-unjudged", key, others=tuple(g.key[a] for a in standing)))
        cycle = self._cycle_of(i)
        if cycle:
            out.append(Reason("cycle", key, others=tuple(g.key[c] for c in cycle if c != i)))
        if not g.sup[i]:
            out.append(Reason("not-judged", key))
        for wanted in (Label.UNDEC, Label.OUT):
            for s in g.sup[i]:
                if labels[s] is wanted:
                    out += self._step_reasons(s, key)
        return out

    def _step_reasons(self, j: int, subject: str) -> list[Reason]:
        """Why inference ``j`` applies / fails / is open, as reasons about ``subject``."""
        g, labels = self._g, self._labels
        lab = labels[j]
        via = g.key[j]
        if lab is Label.IN:
            return [Reason("supported", subject, via=via)]
        if j in g.argument_of:  # "<A> +> [T]": as the argument goes
            arg = g.argument_of[j]
            step, *rest = g.req[arg]
            if labels[step] is lab:
                return [
                    Reason(r.code, subject, via=via, cause=r.cause, others=r.others)
                    for r in self._step_reasons(step, subject)
                ]
            if rest:
                return [Reason("conclusion-" + lab.value, subject, via=via, cause=g.key[rest[0]])]
            return []
        out: list[Reason] = []
        if lab is Label.OUT:
            if g.judgement[j] == "none":
                out.append(Reason("rated-none", subject, via=via))
            for p in g.req[j]:
                if labels[p] is Label.OUT:
                    rejected = g.fixed[p] is Label.OUT and (g.judgement[p] is not None or p in g.verdict)
                    out.append(
                        Reason("premise-rejected" if rejected else "premise-out", subject, via, g.key[p])
                    )
            for a in g.att[j]:
                if self._counts(a) and g.strength[a] != "weak":
                    out.append(Reason(g.attack_word[(j, a)], subject, via=via, cause=g.key[a]))
            return out
        if g.judgement[j] == "weak":
            out.append(Reason("rated-weak", subject, via=via))
        for p in g.req[j]:
            if labels[p] is Label.UNDEC:
                doubted = g.judgement[p] is not None or p in g.verdict
                out.append(Reason("premise-doubted" if doubted else "premise-open", subject, via, g.key[p]))
        for a in g.att[j]:
            if self._counts(a):
                out.append(Reason("undercut-weak", subject, via=via, cause=g.key[a]))
        if not g.req[j] and g.judgement[j] is None:
            out.append(Reason("not-rated", subject, via=via))
        return out

    def _cycle_of(self, i: int) -> tuple[int, ...]:
        """The open nodes that ``i`` is caught in a circle with (empty if none)."""
        if not self._cycles:
            self._cycles.update(_open_cycles(self._g, self._labels))
            self._cycles.setdefault(-1, ())
        return self._cycles.get(i, ())

    # -- words ---------------------------------------------------------------------------------------------
    def _name(self, key: str) -> str:
        return self._g.name[self._find(key)]

    def _support(self, key: str) -> str:
        i = self._find(key)
        return self._g.support_name.get(i, self._g.name[i])

    def _fallen(self, key: str) -> str:
        """``[P] falls`` with the first reason in a few words: one level deeper."""
        reasons = self.reasons(key)
        attackers = [self._name(r.cause) for r in reasons if r.code == "attacked" and r.cause]
        if attackers:
            return f"{self._name(key)} falls, attacked by {_and(attackers)}"
        if reasons and reasons[0].code == "rejected":
            return f"you rejected {self._name(key)}"
        if reasons and reasons[0].via:
            return f"{self._name(key)} falls, having lost its support"
        return f"{self._name(key)} falls"

    def _opened(self, key: str) -> str:
        """``[P] is open`` with why, in a few words."""
        codes = [r.code for r in self.reasons(key)]
        if "doubted" in codes:
            return f"you doubt {self._name(key)}"
        if "not-judged" in codes:
            return f"you have not judged {self._name(key)}"
        if "contested" in codes:
            return f"{self._name(key)} is contested"
        return f"{self._name(key)} is open"

    def _because(self, r: Reason) -> str:
        cause = self._name(r.cause) if r.cause else ""
        if r.code == "premise-out" and r.cause:
            return self._fallen(r.cause)
        if r.code == "premise-open" and r.cause:
            return self._opened(r.cause)
        return {
            "premise-rejected": f"you rejected {cause}",
            "rated-none": "you judged that its premises give no support",
            "undercuts": f"{cause} undercuts it",
            "attacks": f"{cause} attacks it",
            "conclusion-out": f"its conclusion {cause} falls",
            "conclusion-undec": f"its conclusion {cause} is open",
            "rated-weak": "you judged its support weak",
            "premise-doubted": f"you doubt {cause}",
            "undercut-weak": f"{cause}, which you accept and rate weak, undercuts it",
            "not-rated": "it has no premises written out, and you have not rated it",
        }.get(r.code, r.code)

    def _ignored(self, reasons: tuple[Reason, ...]) -> str:
        """A sentence on the objections that do not count (open, or rated as no weight)."""
        g = self._g
        causes = [r.cause for r in reasons if r.code == "attack-ignored" and r.cause]
        if not causes:
            return ""
        parts = []
        for c in causes:
            i = self._find(c)
            why = "you rate it as carrying no weight" if g.strength[i] == "none" else self._opened(c)
            why = why.replace(f" {g.name[i]}", " it")
            parts.append(f"{g.name[i]} ({why})")
        text = _and(parts)
        verb = "does" if len(parts) == 1 else "do"
        return f" {text[:1].upper()}{text[1:]} {verb} not count yet: an objection counts once you accept it."

    def _lost_lines(self, lost: list[Reason]) -> dict[str, str]:
        """Each lost line of support (by its step) and why, every cause said once."""
        why: dict[str, list[str]] = {}
        for r in lost:
            if r.via:
                why.setdefault(r.via, []).append(self._because(r))
        return {via: _and(causes) for via, causes in why.items()}

    def explain(self, key: str) -> str:
        """Why a node stands, falls or is open, in plain words: at most three sentences
        (the line-by-line account is :meth:`weigh`'s ``explain()``)."""
        i = self._find(key)
        kind = self._g.kind[i]
        if kind == _INF:
            return self._explain_step(i)
        if kind == _ARG:
            return self._explain_argument(i)
        reasons = self.reasons(key)
        first = reasons[0].code if reasons else ""
        if first == "verdict":
            return self._explain_verdict(i)
        if first in ("accepted", "rejected", "doubted"):
            return self._explain_judged(i, first)
        lab = self._labels[i]
        if lab is Label.IN:
            return self._explain_in(i, reasons)
        if lab is Label.OUT:
            return self._explain_out(i, reasons)
        return self._explain_open(i, reasons)

    def _subject(self, i: int) -> str:
        name = self._g.name[i]
        return name[:1].upper() + name[1:]

    def _explain_step(self, i: int) -> str:
        g, lab = self._g, self._labels[i]
        support = g.support_name.get(i, g.name[i])
        verb = {Label.IN: "applies", Label.OUT: "fails", Label.UNDEC: "is open"}[lab]
        reasons = self.reasons(g.key[i])
        why = "; ".join(dict.fromkeys(self._because(r) for r in reasons if r.code != "supported"))
        return f"The step {support} {verb}" + (f": {why}." if why else ".")

    def _explain_argument(self, i: int) -> str:
        lab = self._labels[i]
        if lab is Label.IN:
            return f"{self._subject(i)} holds: its premises stand and its last step applies."
        why = "; ".join(dict.fromkeys(self._because(r) for r in self.reasons(self._g.key[i])))
        verb = "fails" if lab is Label.OUT else "is open"
        return f"{self._subject(i)} {verb}" + (f" because {why}." if why else ".")

    def _explain_verdict(self, i: int) -> str:
        g = self._g
        v = g.verdict[i]
        line = f"Your verdict on {g.name[i]}: {v.value}" + (f", because “{v.reason}”." if v.reason else ".")
        return " ".join([line, *(self._tension_words(t) for t in self.tensions if t.node == g.key[i])])

    def _explain_judged(self, i: int, code: str) -> str:
        g = self._g
        verb = {"accepted": "accept", "rejected": "reject", "doubted": "doubt"}[code]
        line = f"You {verb} {g.name[i]}" + (", so it is open." if verb == "doubt" else ".")
        return " ".join([line, *(self._tension_words(t) for t in self.tensions if t.node == g.key[i])])

    def _explain_in(self, i: int, reasons: tuple[Reason, ...]) -> str:
        subject = self._subject(i)
        backers = [self._support(r.via) for r in reasons if r.code == "supported" and r.via]
        if backers:
            lines = [f"{subject} stands with the support of {_and(backers)}."]
        else:
            lines = [f"{subject} stands: you added it, and nothing you accept answers it."]
        failed = [self._name(r.cause) for r in reasons if r.code == "attack-fails" and r.cause]
        if failed:
            lines.append(f"The attack by {_and(failed)} fails.")
        lost = [r for r in reasons if r.via and r.code in _LOST]
        lines += [
            f"It has lost the support of {self._support(via)} because {why}."
            for via, why in self._lost_lines(lost).items()
        ]
        return _three([*lines, self._ignored(reasons).strip()])

    def _explain_out(self, i: int, reasons: tuple[Reason, ...]) -> str:
        subject = self._subject(i)
        attackers = [self._name(r.cause) for r in reasons if r.code == "attacked" and r.cause]
        lost = [r for r in reasons if r.via and r.code in _LOST]
        if attackers and self._g.sup[i]:
            return (
                f"{subject} is refuted (it falls): you accept {_and(attackers)} against it, and each of its "
                "lines of support failed as you judged them."
            )
        if attackers:
            verb = "attacks" if len(attackers) == 1 else "attack"
            return f"{subject} is refuted (it falls): {_and(attackers)} {verb} it and stands."
        if lost:
            parts = [
                f"the support of {self._support(via)} because {why}"
                for via, why in self._lost_lines(lost).items()
            ]
            return f"{subject} is unsupported (it falls): it loses {'; and '.join(parts)}."
        return f"{subject} falls."

    def _explain_open(self, i: int, reasons: tuple[Reason, ...]) -> str:
        g, subject = self._g, self._subject(i)
        codes = [r.code for r in reasons]
        if "contested" in codes:
            backers = [w.name for w in self.weigh(g.key[i]).supports if w.counts]
            objections = [self._name(o) for r in reasons if r.code == "contested" for o in r.others]
            return (
                f"{subject} is contested: {_and(backers)} {'stands' if len(backers) == 1 else 'stand'} "
                f"for it, and you accept {_and(objections)} against it. Weigh them and give your verdict: "
                "one objection does not settle it, and neither does the last word."
            )
        if "attacked-unjudged" in codes:
            objections = [self._name(o) for r in reasons if r.code == "attacked-unjudged" for o in r.others]
            return (
                f"{subject} is open, not refuted: you accept {_and(objections)} against it, but you have not "
                "judged all of its lines of support yet, and support you have not judged has not failed. "
                "Judge them, then weigh it."
            )
        if not any(x is not None for x in g.judgement) and not g.verdict and "cycle" not in codes:
            return (
                f"{subject} is open: you have not judged anything yet, and what you have not judged "
                "is open, not accepted. Judge the premises and assumptions it rests on, rate its "
                "lines of support and the objections, then weigh it."
            )
        return _three([*self._open_lines(subject, reasons), self._ignored(reasons).strip()])

    def _open_lines(self, subject: str, reasons: tuple[Reason, ...]) -> list[str]:
        """Why a statement is open, a sentence for each line of support (each said once)."""
        lines: list[str] = []
        open_steps: dict[str, list[str]] = {}
        lost_steps = self._lost_lines([r for r in reasons if r.via and r.code in _LOST])
        for r in reasons:
            if r.code == "cycle":
                circle = _and([self._name(o) for o in r.others])
                lines.append(
                    f"{subject} is open: it is caught in a circle with {circle}, "
                    "so it can be neither settled nor defeated."
                )
            elif r.code == "not-judged":
                lines.append(
                    f"{subject} is open: you have not judged it, and the map gives no reason for it."
                )
            elif r.via and r.code in _LOST and r.via in lost_steps:  # once for each line, all its causes
                lines.append(
                    f"It has lost the support of {self._support(r.via)} because {lost_steps.pop(r.via)}."
                )
            elif r.via and r.code in _OPEN_STEP:
                if r.via not in open_steps:
                    lines.append(r.via)  # filled in below, once all its reasons are known
                open_steps.setdefault(r.via, []).append(self._because(r))
        lines = [
            f"{subject} is open: the support of {self._support(x)} is open because {_and(open_steps[x])}."
            if x in open_steps
            else x
            for x in lines
        ]
        out = lines[:1] + [x.replace(f"{subject} is open: t", "Also, t", 1) for x in lines[1:]]
        return out or [f"{subject} is open."]

    def _tension_words(self, t: Tension) -> str:
        others = _and(
            [self._support(o) if t.code == "rejected-but-supported" else self._name(o) for o in t.others]
        )
        if t.code == "accepted-but-attacked":
            return f"But {others} attacks it and stands: answer it, or reconsider one of the two."
        if t.code == "accepted-but-unsupported":
            return "But every reason the map gives for it has fallen; you accept it on other grounds."
        if t.code == "verdict-without-support":
            return "But no line of support for it stands as you judged them: say what supports it."
        if t.code == "verdict-without-objection":
            return "But no objection you accept stands against it: say what refutes it."
        return (
            f"But {others} still supports it: you accept all of its premises. "
            "If the reasoning fails, judge a premise or the step."
        )

    def weigh(self, key: str | None = None) -> Weighing:
        """The weighing of a statement (default: the thesis): each line of support and each
        objection, whether it stands and how strong the learner rates it, where the
        ratings lean, and the learner's verdict with their reason."""
        if key is None:
            if self.thesis is None:
                raise ValueError("the map has no single thesis: name the statement to weigh")
            key = self.thesis
        i = self._find(key)
        g, labels = self._g, self._labels
        if g.kind[i] not in (_STMT, _ADDED):
            raise ValueError(f"{key} is not a statement: weigh a statement")
        supports = []
        for s in g.sup[i]:
            rated = g.judgement[g.req[g.argument_of[s]][0]] if s in g.argument_of else g.judgement[s]
            reasons = self._step_reasons(s, g.key[i])
            lab = labels[s]
            if rated == "weak" and [r.code for r in reasons] == ["rated-weak"]:
                lab, reasons = Label.IN, []  # it holds, and weighs a little: on the scales
            why = "; ".join(self._because(r) for r in reasons if r.code != "supported")
            supports.append(Weight(g.key[s], self._support(g.key[s]), lab, rated, why))
        objections = []
        for a in g.att[i]:
            if labels[a] is Label.IN:
                why = "you accept it" if g.judgement[a] is not None else "it stands with its support"
            elif labels[a] is Label.OUT:
                why = self._fallen(g.key[a])
            else:
                why = self._opened(g.key[a])
            objections.append(Weight(g.key[a], g.name[a], labels[a], g.strength[a], why))
        return Weighing(g.key[i], g.name[i], tuple(supports), tuple(objections), g.verdict.get(i), labels[i])

    def summary(self) -> str:
        """A few lines: how many statements stand, fall and are open; the thesis and how it
        weighs up; tensions."""
        c = self.counts()
        first = f"Of {count(sum(c.values()), 'statement')}, {_tally(c)}"
        if self.added:
            mine = dict.fromkeys(Label, 0)
            for lab in self.added.values():
                mine[lab] += 1
            first += f"; plus {len(self.added)} of yours: {_tally(mine, zeros=False)}"
        lines = [first + "."]
        if self.thesis is not None:
            lines.append(self.explain(self.thesis))
            lines.append(self.weigh().headline())
        if self.tensions:
            n = len(self.tensions)
            lines.append(f"{n} of your judgements {'pulls' if n == 1 else 'pull'} against the others:")
            for t in self.tensions:
                lines.append(f"- {self._name(t.node)}: {self._tension_words(t)}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Weight:
    """One line of support or one objection in a weighing."""

    key: str
    name: str
    label: Label
    #: The learner's rating: strong / weak / none, or None (not rated yet).
    strength: str | None
    #: Why it does not stand (empty when it stands).
    why: str

    @property
    def counts(self) -> bool:
        """Whether it goes on the scales: it stands and the learner gives it some weight."""
        return self.label is Label.IN and self.strength != "none"

    def words(self) -> str:
        if self.label is Label.IN:
            rated = f"you rate it {self.strength}" if self.strength else "you have not rated its strength"
            return f"{self.name} stands ({rated})"
        verb = "falls" if self.label is Label.OUT else "is open"
        return f"{self.name} {verb}" + (f" ({self.why})" if self.why else "")


@dataclass(frozen=True)
class Weighing:
    """A statement weighed: its lines of support against its objections (see :meth:`Evaluation.weigh`)."""

    key: str
    name: str
    supports: tuple[Weight, ...]
    objections: tuple[Weight, ...]
    verdict: Verdict | None
    label: Label

    @property
    def lean(self) -> str:
        """Where the learner's judgements and ratings lean: supported, contested, refuted or open.

        Only what stands and carries weight goes on the scales: strong counts 2, weak 1.
        Standing support and no objection that counts: supported; an objection that counts
        and every line of support judged and failed (or none): refuted, but contested while a
        line is still open (support not judged has not failed); both: the heavier side,
        contested when they balance or something on the scales is not rated yet; every line
        failed and no objection: unsupported; nothing on either side: open.  A suggestion,
        never the verdict.
        """
        pro = [w for w in self.supports if w.counts]
        con = [w for w in self.objections if w.counts]
        if pro and not con:
            return "supported"
        unsettled = any(w.label is Label.UNDEC for w in self.supports)
        if con and not pro:
            return "contested" if unsettled else "refuted"  # support not judged has not failed
        if not pro:
            return "unsupported" if self.supports and not unsettled else "open"
        if any(w.strength is None for w in (*pro, *con)):
            return "contested"
        a = sum(_WEIGHT[w.strength or "strong"] for w in pro)
        b = sum(_WEIGHT[w.strength or "strong"] for w in con)
        return "supported" if a > b else "refuted" if b > a else "contested"

    def headline(self) -> str:
        """One line: where the judgements lean and the learner's verdict."""
        lean = f"Weighing {self.name}: your judgements lean to {self.lean}."
        if self.verdict is None:
            return lean + " Your verdict: not given yet."
        return lean + f" Your verdict: {self.verdict.value}."

    def explain(self) -> str:
        """The weighing in plain sentences, naming every judgement it rests on."""
        name = self.name[:1].upper() + self.name[1:]
        lines = [f"{name}, weighed."]
        if self.supports:
            lines.append("For it:")
            lines += [f"- {w.words()}" for w in self.supports]
        else:
            lines.append("The map gives no line of support for it.")
        if self.objections:
            lines.append("Against it:")
            lines += [f"- {w.words()}" for w in self.objections]
        else:
            lines.append("The map raises no objection to it.")
        pro = [w for w in self.supports if w.counts]
        con = [w for w in self.objections if w.counts]
        unrated = [w.name for w in (*pro, *con) if w.strength is None]
        lines.append(
            f"On the scales: {count(len(pro), 'line of support', 'lines of support')} against "
            f"{count(len(con), 'objection')} that you accept; "
            f"your judgements lean to {self.lean}."
        )
        if unrated:
            lines.append(f"Rate {_and(unrated)} strong, weak or none to weigh them.")
        if self.verdict is None:
            lines.append(
                "Your verdict: not given yet. Choose supported, contested, refuted or open, "
                "and say why in your own words."
            )
        else:
            reason = f", because “{self.verdict.reason}”" if self.verdict.reason else " (give your reason)"
            lines.append(f"Your verdict: {self.verdict.value}{reason}.")
            if self.verdict.value != self.lean and self.lean != "open":
                lines.append(
                    f"Your verdict differs from where your judgements lean ({self.lean}): "
                    "that is allowed, and your reason should say what tips the balance."
                )
        return "\n".join(lines)


def _three(lines: list[str]) -> str:
    """At most three sentences: the rest is counted, and the weighing says it line by line."""
    lines = [x for x in lines if x]
    if len(lines) <= 3:
        return " ".join(lines)
    rest = len(lines) - 2
    return " ".join(
        [*lines[:2], f"And {rest} more: weigh it to see each line of support and each objection."]
    )


def _tally(c: Mapping[Label, int], *, zeros: bool = True) -> str:
    """``1 stands, 2 fall and 0 are open``: each label's count with its verb in the right number."""
    verbs = {
        Label.IN: ("stands", "stand"),
        Label.OUT: ("falls", "fall"),
        Label.UNDEC: ("is open", "are open"),
    }
    return _and(
        [f"{c[lab]} {one if c[lab] == 1 else many}" for lab, (one, many) in verbs.items() if zeros or c[lab]]
    )


def _and(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _open_cycles(g: _Graph, labels: list[Label]) -> dict[int, tuple[int, ...]]:
    """Strongly connected groups (of two or more, or a self-loop) among open nodes,
    following what each open node waits for; Tarjan's algorithm, iteratively."""
    n = len(labels)

    def waits_for(v: int) -> list[int]:
        return [w for w in (*g.att[v], *g.sup[v], *g.req[v]) if labels[w] is Label.UNDEC]

    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    out: dict[int, tuple[int, ...]] = {}
    counter = 0
    for root in range(n):
        if (
            labels[root] is not Label.UNDEC
            or index[root] != -1
            or g.judgement[root] is not None
            or root in g.verdict
        ):
            continue
        work = [(root, iter(waits_for(root)))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if g.judgement[w] is not None and g.kind[w] in (_STMT, _ADDED):
                    continue  # a doubted statement ends a chain: it is open by choice, not by a circle
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, iter(waits_for(w))))
                    advanced = True
                    break
                if on_stack[w]:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                group: list[int] = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    group.append(w)
                    if w == v:
                        break
                if len(group) > 1 or v in waits_for(v):
                    members = tuple(x for x in sorted(group) if g.kind[x] in (_STMT, _ADDED, _ARG)) or tuple(
                        sorted(group)
                    )
                    for x in group:
                        out[x] = members
    return out


def _tension(g: _Graph, labels: list[Label], i: int) -> Tension | None:
    """The tension a judged statement's judgement (or verdict) is in with the rest, if any."""
    attackers_in = tuple(g.key[a] for a in g.att[i] if labels[a] is Label.IN and g.strength[a] != "none")
    supports_in = tuple(g.key[s] for s in g.sup[i] if labels[s] is Label.IN)
    verdict = g.verdict.get(i)
    if verdict is not None:
        if verdict.value == "supported" and not supports_in:
            return Tension("verdict-without-support", g.key[i], ())
        if verdict.value == "refuted" and not attackers_in:
            return Tension("verdict-without-objection", g.key[i], ())
        return None
    if g.fixed[i] is Label.IN and attackers_in:
        return Tension("accepted-but-attacked", g.key[i], attackers_in)
    if g.fixed[i] is Label.IN and g.sup[i] and all(labels[s] is Label.OUT for s in g.sup[i]):
        return Tension("accepted-but-unsupported", g.key[i], ())
    if g.fixed[i] is Label.OUT and supports_in:
        return Tension("rejected-but-supported", g.key[i], supports_in)
    return None


def _tensions(g: _Graph, labels: list[Label]) -> tuple[Tension, ...]:
    """Each judged statement's tension with the rest of the learner's judgements, in map order."""
    found = (
        _tension(g, labels, i)
        for i, kind in enumerate(g.kind)
        if kind in (_STMT, _ADDED) and (g.judgement[i] is not None or i in g.verdict)
    )
    return tuple(t for t in found if t is not None)


def evaluate(
    m: ArgumentMap,
    judgements: Mapping[str, str] | Annotations | None = None,
    *,
    strengths: Mapping[str, str] | None = None,
    verdicts: Mapping[str, Verdict | str | tuple[str, str]] | None = None,
) -> Evaluation:
    """Label every statement of ``m`` IN (stands), OUT (falls) or UNDEC (open).

    ``judgements`` maps node keys (``[Title]`` or a bare statement title,
    ``<Argument>``, ``<Argument>#2``, ``[A] +> [B]``) to judgements, or is a
    learner's :class:`~argmap.annotations.Annotations` (whose added nodes take part
    too).  ``strengths`` rates objections (and rebuttals) strong / weak / none: how much
    each weighs against what it attacks (lines of support are rated by judging their
    step).  ``verdicts`` gives the learner's verdict on a weighed statement, usually the
    thesis: a :class:`Verdict`, a verdict word, or ``(verdict, reason)``.  A plain
    mapping must name nodes of the map and use valid values (``ValueError``
    otherwise); annotations that name nodes the map no longer has are left out and
    listed in :attr:`Evaluation.unused`.
    """
    ann: Annotations | None = None
    if isinstance(judgements, Annotations):
        ann = judgements
        chosen = ann.judgements
    else:
        chosen = _normalise(judgements or {})
    rated = _strengths(strengths or {})
    given = _verdicts(verdicts or {})
    g, unused = _build(m, chosen, ann, rated, given)
    if g.deps is None:
        g.deps = _dependents(g)
    if unused and (ann is None or any(u in rated or u in given for u in unused)):
        raise ValueError(f"these judgements name nothing in the map: {', '.join(unused[:10])}")
    labels = _label(g)

    tensions = _tensions(g, labels)
    statements = {g.key[i][1:-1]: labels[i] for i, k in enumerate(g.kind) if k == _STMT}
    arguments = {g.key[i][1:-1]: labels[i] for i, k in enumerate(g.kind) if k == _ARG}
    inferences = {key: labels[i] for (space, key), i in g.index.items() if space == "i"}
    added = {g.key[i]: labels[i] for i, k in enumerate(g.kind) if k == _ADDED}
    thesis = m.thesis.title if m.thesis is not None else None
    return Evaluation(
        statements=MappingProxyType(statements),
        arguments=MappingProxyType(arguments),
        inferences=MappingProxyType(inferences),
        added=MappingProxyType(added),
        tensions=tensions,
        unused=tuple(unused),
        thesis=thesis,
        _g=g,
        _labels=labels,
    )
