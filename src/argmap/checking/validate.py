"""Checks on a whole map: one small rule per problem, each yielding diagnostics.

:func:`validate` runs every rule, anchors the quotes in the source text and
returns the anchored map with all diagnostics in reading order.  Each rule is a
plain function ``rule(m) -> Iterator[Diagnostic]``, so it can be tested alone.

Severities (an *error* makes ``argmap check`` fail; a *warning* is advice):

===========================  ========  ==================================================
code                         severity  why
===========================  ========  ==================================================
unknown-statement/-argument  error     a relation or mention points at nothing: the map
                                       cannot be drawn as written
circular-support             warning   a reason that supports itself proves nothing; but
                                       Argdown reads and draws such a map, so it is told,
                                       not refused.  An error in the ``teaching`` profile
no-thesis, several-theses    warning   Argdown has no thesis, and a debate map has rival
                                       positions: any map checks and draws.  In the
                                       ``teaching`` profile (a map meant as the answer to
                                       "find the thesis") both are errors
unattached-assumption        error     an unstated premise only means something as a
                                       premise of an argument it completes
unknown-basis                error     the basis is shown on the diagram and counted in
                                       class views; a typo would silently vanish
source-not-found/-unreadable error     quotes cannot be checked at all
quote-not-in-source          error     the map claims the text says what it does not
evidence-without-quote       warning   the kit's convention, not a logical fault
orphan                       warning   often a draft in progress
unknown-scheme               warning   the inference is fine; only the critical
                                       questions are missing
bad-undercut                 warning   Argdown accepts it; it probably means an attack
empty-argument               warning   Argdown accepts it (a bare ``<Title>``)
similar-title                warning   a title used but never defined, close to a defined
                                       one (``[Carfree]`` for ``[Car-free]``): Argdown
                                       reads it as a new, empty statement, so it is only
                                       told, with "did you mean"
quote-without-source         warning   the quotes are kept, just not checked
ambiguous-quote              warning   the first place is anchored
===========================  ========  ==================================================

**References.**  In Argdown a bare reference ``[X]`` or ``<X>`` in a relation
*defines* X (with no text), so a parsed map rarely has dangling relations; a
*mention* ``@[X]`` / ``@<X>`` in a text does not define anything, and one that
names nothing is ``unknown-statement`` / ``unknown-argument``.  Relations and
premise–conclusion lines that name nothing (possible in maps built in code or
imported) get the same codes.

**The source path** (front matter ``source:``) is read relative to the map's
folder (``base_dir``; by default the folder of ``m.path``, else the current
folder).  Relative paths may go up (``../texts/op-ed.txt``, common for a
teacher's folder of texts); absolute paths and URLs are refused, and the path
must name a regular UTF-8 file of at most :data:`~argmap.checking.source.MAX_SOURCE_BYTES`.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Literal

from ..errors import Diagnostic, Location, Severity, sort_diagnostics
from ..model import Argument, ArgumentMap, Basis, NodeKind, NodeRef, RelationKind, Role, Statement
from ..schemes import get_scheme, known_schemes
from .source import MAX_SOURCE_BYTES, Source, anchor_quotes, open_source

__all__ = [
    "PROFILES",
    "RULES",
    "Profile",
    "find_source",
    "looks_like",
    "mentions",
    "similar_titles",
    "validate",
]

Rule = Callable[[ArgumentMap], Iterator[Diagnostic]]

#: How strictly a map is checked.  ``"map"`` (the default) checks any Argdown map;
#: ``"teaching"`` is for a map meant as the answer to "find the thesis" (a reference
#: map that notebooks and :mod:`argmap.judge.compare` compare learners with): there a map
#: without exactly one ``#thesis``, or with support that goes round in a circle, is an error.
Profile = Literal["map", "teaching"]
PROFILES: tuple[Profile, ...] = ("map", "teaching")

#: The codes the ``teaching`` profile raises from warnings to errors.
_TEACHING_ERRORS = frozenset({"no-thesis", "several-theses", "circular-support"})

ERROR, WARNING = Severity.ERROR, Severity.WARNING

_MENTION = re.compile(r"@(?:\[(?P<s>[^\]\n]+)\]|<(?P<a>[^>\n]+)>)")


def mentions(text: str) -> list[NodeRef]:
    """The ``@[Statement]`` and ``@<Argument>`` mentions in a text, in order.

    >>> [str(r) for r in mentions("as @[Sanctions] show, @<Driven by need> holds")]
    ['[Sanctions]', '<Driven by need>']
    """
    refs = []
    for m in _MENTION.finditer(text):
        if m.group("s") is not None:
            refs.append(NodeRef.statement(m.group("s").strip()))
        else:
            refs.append(NodeRef.argument(m.group("a").strip()))
    return refs


def _where(loc: Location) -> str:
    return f"line {loc.line}"


def _closest(title: str, titles: list[str], n: int = 3) -> list[str]:
    """The titles most like ``title`` (letter case aside), closest first.

    >>> _closest("Famly", ["Families", "Family", "Trade"])
    ['Family', 'Families']
    """
    folded = {t.casefold(): t for t in reversed(titles)}
    if title.casefold() in folded:  # only the letter case differs: that one
        return [folded[title.casefold()]]
    close = difflib.get_close_matches(title.casefold(), list(folded), n=n, cutoff=0.6)
    return [folded[c] for c in close]


def _unknown(ref: NodeRef, what: str, loc: Location, m: ArgumentMap) -> Diagnostic:
    is_statement = ref.kind is NodeKind.STATEMENT
    titles = [s.title for s in m.statements] if is_statement else [a.title for a in m.arguments]
    other = NodeRef(NodeKind.ARGUMENT if is_statement else NodeKind.STATEMENT, ref.title)
    close = _closest(ref.title, titles)
    if m.has(other):  # the right title in the wrong brackets
        kind_word = "an argument" if is_statement else "a statement"
        hint = f"did you mean {other}? It is {kind_word}: mind the brackets"
    elif close:
        shown = " or ".join(str(NodeRef(ref.kind, t)) for t in close)
        hint = f"did you mean {shown}? Titles must match exactly"
    elif is_statement:
        hint = f"define it somewhere in the map: [{ref.title}]: what it says"
    else:
        hint = f"define it somewhere in the map: <{ref.title}>: what it argues"
    code = "unknown-statement" if is_statement else "unknown-argument"
    kind = "statement" if is_statement else "argument"
    return Diagnostic(code, f"{what} names the {kind} {ref}, which is never defined", loc, ERROR, hint)


# -- references ----------------------------------------------------------------------------


def check_references(m: ArgumentMap) -> Iterator[Diagnostic]:
    """Relations, premise–conclusion lines and mentions that name nothing."""
    statements = m._statements_by_title
    for r in m.relations:
        for end, ref in (("source", r.source), ("target", r.target)):
            if not m.has(ref):
                yield _unknown(ref, f"the {r.kind} relation's {end}", r.location, m)
    for a in m.arguments:
        for line in a.lines:
            if line.statement not in statements:
                ref = NodeRef.statement(line.statement)
                yield _unknown(ref, f"line ({line.number}) of {a.ref}", line.location, m)
        listed = {line.statement for line in a.lines}
        for inf in a.inferences:
            for title in (*inf.premises, inf.conclusion):
                if title not in listed and title not in statements:
                    yield _unknown(NodeRef.statement(title), f"an inference of {a.ref}", inf.location, m)
    nodes: tuple[Statement | Argument, ...] = (*m.statements, *m.arguments)
    for node in nodes:
        if "@" not in node.text:
            continue  # no mention (the quick test, before the regular expression)
        for ref in mentions(node.text):
            if not m.has(ref):
                yield _unknown(ref, f"a mention in {node.ref}", node.location, m)


# -- titles that look misspelt --------------------------------------------------------------

_NOT_LETTERS = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def _folded(title: str) -> str:
    """A title with letter case, spaces, hyphens and punctuation set aside.

    >>> _folded("Car-free  centre!")
    'carfreecentre'
    """
    return _NOT_LETTERS.sub("", title.casefold())


def _distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, change, swap two neighbours) from ``a`` to ``b``;
    any answer above ``limit`` is ``limit + 1``.

    >>> _distance("goverment", "government", 2), _distance("recieve", "receive", 2)
    (1, 1)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        new = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            new[j] = min(new[j - 1] + 1, row[j] + 1, row[j - 1] + (ca != cb))
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                new[j] = min(new[j], before[j - 2] + 1)
        if min(new) > limit:
            return limit + 1
        before, row = row, new
    return min(row[-1], limit + 1)


def _numbers(title: str) -> tuple[str, ...]:
    """The runs of digits in a title, as :func:`_looks_like` compares them."""
    return tuple(_DIGITS.findall(_folded(title)))


def _looks_like(typed: str, defined: str) -> bool:
    """Whether the title ``typed`` is likely a misspelling of ``defined``.

    The same once case, spaces and punctuation are set aside; otherwise one edit
    for titles of five letters or more, two from twelve.  Never when numbers
    differ ([A1], [A2]; [Claim 2], [Claim 3]), for short words ([Cost], [Costs];
    [Rest], [Test]), nor when one is the other with letters put before or after it
    ([Legal], [Illegal]; [Responsible], [Irresponsible]).
    """
    a, b = _folded(typed), _folded(defined)
    if not a or not b:
        return False
    if a == b:
        return True
    if _DIGITS.findall(a) != _DIGITS.findall(b):
        return False
    shorter, longer = sorted((a, b), key=len)
    if len(longer) - len(shorter) >= 2 and (longer.startswith(shorter) or longer.endswith(shorter)):
        return False
    limit = 2 if len(shorter) >= 12 else 1 if len(shorter) >= 5 else 0
    return limit > 0 and _distance(a, b, limit) <= limit


def _similar_titles(m: ArgumentMap) -> Iterator[tuple[Statement | Argument, Statement | Argument]]:
    """Each node never given a text (a bare ``[Title]`` or ``<Title>`` in a
    relation or a premise–conclusion line) and the defined node its title looks like."""
    groups: tuple[tuple[Statement | Argument, ...], ...] = (m.statements, m.arguments)
    for nodes in groups:
        # the defined nodes by the numbers in their titles: a title can only look like
        # one with the same numbers (see _looks_like), so each node is compared with
        # those alone, not with every defined node of the map
        defined: dict[tuple[str, ...], list[Statement | Argument]] = {}
        for n in nodes:
            if n.text.strip() or _has_structure(n):
                defined.setdefault(_numbers(n.title), []).append(n)
        for node in nodes:
            if node.text.strip() or _has_structure(node):
                continue
            candidates = defined.get(_numbers(node.title), [])
            close = [d for d in candidates if _looks_like(node.title, d.title)]
            if close:  # the closest first; the one defined first among equals
                close.sort(key=lambda d: _distance(_folded(node.title), _folded(d.title), 3))
                yield node, close[0]


def similar_titles(m: ArgumentMap) -> list[tuple[Statement | Argument, Statement | Argument]]:
    """Each node never given a text and the defined node its title looks like (what
    ``similar-title`` warns of; compare reads the title as the one it looks like)."""
    return list(_similar_titles(m))


def looks_like(typed: str, defined: str) -> bool:
    """Whether the title ``typed`` is likely a misspelling of ``defined`` (see ``similar-title``).

    >>> looks_like("Independance", "Independence"), looks_like("Legal", "Illegal")
    (True, False)
    """
    return _looks_like(typed, defined)


def _has_structure(node: Statement | Argument) -> bool:
    return isinstance(node, Argument) and bool(node.lines or node.inferences)


def check_similar_titles(m: ArgumentMap) -> Iterator[Diagnostic]:
    """A title used but never defined that is close to a defined one: most
    likely misspelt.  Argdown reads it as a new statement, so only a warning."""
    for node, like in _similar_titles(m):
        kind, says = ("statement", "says") if isinstance(node, Statement) else ("argument", "argues")
        yield Diagnostic(
            "similar-title",
            f"{node.ref} is never defined, and Argdown reads it as a new, empty {kind}; "
            f"it looks like {like.ref} ({_where(like.location)})",
            node.location,
            WARNING,
            f"did you mean {like.ref}? Titles must match exactly (letter case, hyphens and "
            f"spaces too); if {node.ref} is a {kind} of its own, give it a text: "
            f"{node.ref}: what it {says}",
        )


# -- structure ------------------------------------------------------------------------------

# The support graph's nodes: a statement by its title (str), an argument by a
# 1-tuple of its title; cheaper to hash than NodeRefs, and never equal to each other.
_Key = str | tuple[str]


def _key(ref: NodeRef) -> _Key:
    return ref.title if ref.kind is NodeKind.STATEMENT else (ref.title,)


def _ref(key: _Key) -> NodeRef:
    return NodeRef.statement(key) if isinstance(key, str) else NodeRef.argument(key[0])


def _support_edges(m: ArgumentMap) -> Iterator[tuple[_Key, _Key, Location]]:
    """Every "gives a reason for" edge: support relations, each inference's
    premises to its conclusion, and an argument's premises to the argument and
    the argument to its conclusion."""
    for r in m.relations:
        if r.kind is RelationKind.SUPPORT:
            yield _key(r.source), _key(r.target), r.location
    for a in m.arguments:
        for inf in a.inferences:
            for p in inf.premises:
                yield p, inf.conclusion, inf.location
        conclusion = a.conclusion
        if conclusion is not None:
            arg = (a.title,)
            for p in a.premises:
                yield p, arg, a.location
            yield arg, conclusion, a.location


def _strongly_connected(succ: list[list[int]]) -> list[list[int]]:
    """Tarjan's algorithm over nodes ``0 … n-1``, iterative (deep maps must not
    hit the recursion limit); components in the order Tarjan finds them."""
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work: list[tuple[int, int]] = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            children = succ[v]
            if i < len(children):
                work.append((v, i + 1))
                w = children[i]
                if index[w] < 0:
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component.append(w)
                    if w == v:
                        break
                out.append(component)
            if work:
                parent = work[-1][0]
                if low[v] < low[parent]:
                    low[parent] = low[v]
    return out


def check_circular_support(m: ArgumentMap) -> Iterator[Diagnostic]:
    """Support that goes round in a circle; one diagnostic per cycle (strongly
    connected group), listing one circle through it."""
    ids: dict[_Key, int] = {}  # nodes numbered in the order the edges name them
    keys: list[_Key] = []
    succ: list[list[int]] = []
    where: dict[tuple[int, int], Location] = {}
    for a_key, b_key, loc in _support_edges(m):
        a = ids.get(a_key)
        if a is None:
            a = ids[a_key] = len(keys)
            keys.append(a_key)
            succ.append([])
        b = ids.get(b_key)
        if b is None:
            b = ids[b_key] = len(keys)
            keys.append(b_key)
            succ.append([])
        old = where.get((a, b))
        if old is None:
            succ[a].append(b)
            where[a, b] = loc
        elif loc < old:
            where[a, b] = loc
    for component in _strongly_connected(succ):
        if len(component) == 1 and (component[0], component[0]) not in where:
            continue
        members = set(component)
        refs = {v: _ref(keys[v]) for v in component}
        # start at the edge written first, then follow the shortest way back
        start, nxt = min(
            ((a, b) for (a, b) in where if a in members and b in members),
            key=lambda e: (where[e], str(refs[e[0]]), str(refs[e[1]])),
        )
        path = _shortest_path(nxt, start, succ, members)
        cycle = [start, *path]
        shown = " → ".join(str(refs[n]) for n in cycle)
        yield Diagnostic(
            "circular-support",
            f"support goes round in a circle: {shown}",
            where[start, nxt],
            WARNING,
            "a claim cannot be a reason for itself, not even by a detour; "
            "remove or reverse one of these supports",
        )


def _shortest_path(frm: int, to: int, succ: list[list[int]], allowed: set[int]) -> list[int]:
    """Breadth-first path ``frm … to`` inside ``allowed`` (it exists in a cycle)."""
    before: dict[int, int | None] = {frm: None}
    queue = [frm]
    for v in queue:
        if v == to:
            break
        for w in succ[v]:
            if w in allowed and w not in before:
                before[w] = v
                queue.append(w)
    path: list[int] = []
    node: int | None = to
    while node is not None:
        path.append(node)
        node = before.get(node)
    return path[::-1]


def check_theses(m: ArgumentMap) -> Iterator[Diagnostic]:
    """Exactly one ``#thesis`` (warnings; errors in the ``teaching`` profile)."""
    theses = m.theses
    if not theses:
        supporting = _supporting(m)
        candidates = [s for s in m.statements if s.title not in supporting]
        hint = "tag the main claim of the text with #thesis, e.g. [Title]: what the author argues #thesis"
        if candidates and len(candidates) <= 3:
            hint += "; candidates (they support nothing else): " + ", ".join(str(s.ref) for s in candidates)
        yield Diagnostic(
            "no-thesis", "the map has no statement tagged #thesis", Location(1, 1), WARNING, hint
        )
    elif len(theses) > 1:
        listed = ", ".join(f"{s.ref} ({_where(s.location)})" for s in theses)
        yield Diagnostic(
            "several-theses",
            f"the map has {len(theses)} statements tagged #thesis: {listed}",
            theses[1].location,
            WARNING,
            "a map argues for one main claim: keep #thesis on one of them and make the others "
            "reasons for it or objections to it",
        )


def _supporting(m: ArgumentMap) -> set[str]:
    """Titles of the statements that support something (a relation or as a premise)."""
    out = {
        r.source.title
        for r in m.relations
        if r.kind is RelationKind.SUPPORT and r.source.kind is NodeKind.STATEMENT
    }
    out.update(p for _, inf in m.inferences for p in inf.premises)
    return out


_linked_cache: tuple[ArgumentMap, tuple[set[str], set[str]]] | None = None


def _linked(m: ArgumentMap) -> tuple[set[str], set[str]]:
    """Titles of the statements and of the arguments that take part in a relation
    or a premise–conclusion structure.  Two rules ask for the same map in a row,
    so the last answer is kept (maps are immutable; the map itself is held)."""
    global _linked_cache
    cached = _linked_cache  # one read: another thread may replace it meanwhile
    if cached is not None and cached[0] is m:
        return cached[1]
    statements: set[str] = set()
    arguments: set[str] = set()
    for r in m.relations:
        for ref in (r.source, r.target):
            (statements if ref.kind is NodeKind.STATEMENT else arguments).add(ref.title)
    for a in m.arguments:
        if a.lines or a.inferences:
            arguments.add(a.title)
        statements.update(line.statement for line in a.lines)
        for inf in a.inferences:
            statements.update(inf.premises)
            statements.add(inf.conclusion)
    _linked_cache = (m, (statements, arguments))
    return statements, arguments


def check_assumptions(m: ArgumentMap) -> Iterator[Diagnostic]:
    """An assumption must complete an argument (or be related to something)."""
    linked, _ = _linked(m)
    for s in m.by_role(Role.ASSUMPTION):
        if s.title not in linked:
            yield Diagnostic(
                "unattached-assumption",
                f"the assumption {s.ref} is not a premise of any argument and is related to nothing",
                s.location,
                ERROR,
                "an unstated premise fills the gap in a particular argument: list it as a premise in "
                "that argument's premise-conclusion structure, e.g. (2) "
                f"[{s.title}], or hang it under the claim it supports with `+ [{s.title}]`",
            )


def check_orphans(m: ArgumentMap) -> Iterator[Diagnostic]:
    """Statements and arguments connected to nothing (assumptions have their own rule)."""
    if len(m) < 2:
        return
    linked_statements, linked_arguments = _linked(m)
    nodes: tuple[Statement | Argument, ...] = (*m.statements, *m.arguments)
    for node in nodes:
        if isinstance(node, Statement):
            if node.title in linked_statements or node.role is Role.ASSUMPTION:
                continue
        elif node.title in linked_arguments:
            continue
        yield Diagnostic(
            "orphan",
            f"{node.ref} is connected to nothing",
            node.location,
            WARNING,
            f"relate it to the claim it is about, e.g. under that claim write `+ {node.ref}` "
            f"(support) or `- {node.ref}` (objection); or delete it if it is not part of the argument",
        )


def check_evidence(m: ArgumentMap) -> Iterator[Diagnostic]:
    """Evidence should quote the text; a basis must be one argmap knows."""
    for s in m.statements:
        if s.role is Role.EVIDENCE and not (s.quote or "").strip():
            yield Diagnostic(
                "evidence-without-quote",
                f"the evidence {s.ref} quotes nothing from the source text",
                s.location,
                WARNING,
                f'add the passage it rests on: [{s.title}]: … #evidence {{quote: "exact words from the '
                'text", basis: fact}',
            )
        raw = s.data.get("basis")
        if raw is not None and s.basis is None:
            yield Diagnostic(
                "unknown-basis",
                f'{s.ref} has the basis "{raw}", which argmap does not know',
                s.location,
                ERROR,
                _basis_hint(str(raw)),
            )


def _basis_hint(raw: str) -> str:
    names = {b.value: b.value for b in Basis} | {b.label: b.value for b in Basis}
    close = difflib.get_close_matches(raw.strip().lower(), list(names), n=1, cutoff=0.5)
    valid = ", ".join(b.value for b in Basis)
    prefix = f'did you mean "{names[close[0]]}"? ' if close else ""
    return f"{prefix}use one of: {valid}"


def check_schemes(m: ArgumentMap) -> Iterator[Diagnostic]:
    """Schemes named in ``{scheme: …}`` must be in :data:`argmap.schemes.SCHEMES`."""
    for a in m.arguments:
        named: list[tuple[str, Location]] = []
        if a.data.get("scheme") is not None:
            named.append((str(a.data["scheme"]), a.location))
        named.extend((inf.scheme, inf.location) for inf in a.inferences if inf.scheme is not None)
        for name, loc in named:
            if get_scheme(name) is None:
                known = known_schemes()
                close = difflib.get_close_matches(name.strip().lower(), known, n=1, cutoff=0.5)
                prefix = f'did you mean "{close[0]}"? ' if close else ""
                yield Diagnostic(
                    "unknown-scheme",
                    f'{a.ref} names the scheme "{name}", which argmap does not know',
                    loc,
                    WARNING,
                    f"{prefix}known schemes: {', '.join(known)}",
                )


def check_undercuts(m: ArgumentMap) -> Iterator[Diagnostic]:
    """An undercut attacks an inference, so it must aim at an argument."""
    for r in m.relations:
        if r.kind is RelationKind.UNDERCUT and r.target.kind is NodeKind.STATEMENT:
            concluding = [a for a in m.arguments if a.conclusion == r.target.title]
            hint = f"to deny {r.target} itself, attack it with `-`"
            if concluding:
                hint += f"; to deny that the reasons support it, undercut the argument {concluding[0].ref}"
            else:
                hint += "; to deny that the reasons support it, undercut the argument <…> that concludes it"
            yield Diagnostic(
                "bad-undercut",
                f"the undercut from {r.source} aims at the statement {r.target}, not at an argument",
                r.location,
                WARNING,
                hint,
            )


def check_arguments(m: ArgumentMap) -> Iterator[Diagnostic]:
    """An argument needs a description or a premise–conclusion structure."""
    misspelt = {node.title for node, _ in _similar_titles(m) if isinstance(node, Argument)}
    for a in m.arguments:
        if not a.text.strip() and not a.lines and not a.inferences and a.title not in misspelt:
            yield Diagnostic(
                "empty-argument",
                f"the argument {a.ref} has neither a text nor premises and a conclusion",
                a.location,
                WARNING,
                f"describe it, <{a.title}>: what the argument says, or give it a "
                "premise-conclusion structure: (1) … (2) … ---- (3) …",
            )


#: Every rule that looks at the map alone, in the order they run.
RULES: tuple[Rule, ...] = (
    check_references,
    check_similar_titles,
    check_circular_support,
    check_theses,
    check_assumptions,
    check_orphans,
    check_evidence,
    check_schemes,
    check_undercuts,
    check_arguments,
)


# -- the source text -------------------------------------------------------------------------


def _front_location(m: ArgumentMap, key: str) -> Location:
    """Where ``key:`` is written in the map file's front matter, if we can find it."""
    if not m.path:
        return Location(1, 1)
    try:
        p = Path(m.path)
        if not p.is_file() or p.stat().st_size > MAX_SOURCE_BYTES:
            return Location(1, 1)
        lines = p.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return Location(1, 1)
    pattern = re.compile(rf"^(\s*){re.escape(key)}\s*:")
    fences = 0
    for number, line in enumerate(lines, 1):
        if line.strip() == "===":
            fences += 1
            if fences == 2:
                break
            continue
        match = pattern.match(line)
        if match and fences == 1:
            return Location(number, len(match.group(1)) + 1)
    return Location(1, 1)


def find_source(
    m: ArgumentMap, base_dir: str | os.PathLike[str] | None = None
) -> tuple[Source | None, list[Diagnostic]]:
    """Read the source text the front matter names (``source:``), if any.

    Returns ``(None, [])`` when the map names no source, and ``(None, [diagnostic])``
    when it names one that cannot be used.
    """
    named = m.source
    if named is None:
        return None, []
    folder = Path(base_dir) if base_dir is not None else Path(m.path).parent if m.path else Path.cwd()
    return open_source(named, folder, _front_location(m, "source"))


def _quotes_without_source(m: ArgumentMap) -> Iterator[Diagnostic]:
    quoting = [s for s in m.statements if s.quote is not None]
    if quoting:
        others = f" (and {len(quoting) - 1} more)" if len(quoting) > 1 else ""
        yield Diagnostic(
            "quote-without-source",
            f"{quoting[0].ref}{others} quotes a source, but the map names no source text, "
            "so the quotes are not checked",
            quoting[0].location,
            WARNING,
            "name the text in the front matter at the top of the map:\n===\nsource: op-ed.txt\n===",
        )


# -- all together -------------------------------------------------------------------------------


def validate(
    m: ArgumentMap,
    *,
    base_dir: str | os.PathLike[str] | None = None,
    source: Source | None = None,
    profile: Profile = "map",
) -> tuple[ArgumentMap, list[Diagnostic]]:
    """Check ``m`` and anchor its quotes.

    ``profile`` says how strictly (see :data:`Profile`): ``"teaching"`` makes
    ``no-thesis``, ``several-theses`` and ``circular-support`` errors.

    ``source`` is the text the quotes come from; without it the front matter's
    ``source:`` is read relative to ``base_dir`` (see the module docstring).
    Returns the map with anchors set and the diagnostics of every rule, sorted;
    diagnostics found earlier (``m.diagnostics``, e.g. the parser's) are not repeated.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; use one of {', '.join(PROFILES)}")
    found: list[Diagnostic] = []
    for rule in RULES:
        found.extend(rule(m))
    if profile == "teaching":
        found = [replace(d, severity=ERROR) if d.code in _TEACHING_ERRORS else d for d in found]
    if source is None:
        source, problems = find_source(m, base_dir)
        found.extend(problems)
        if source is None and not problems:
            found.extend(_quotes_without_source(m))
    if source is not None:
        m, anchored = anchor_quotes(m, source)
        found.extend(anchored)
    return m, sort_diagnostics(_with_path(found, m.path))


def _with_path(diagnostics: Iterable[Diagnostic], path: str | None) -> Iterator[Diagnostic]:
    for d in diagnostics:
        yield d if d.path or not path else d.with_path(path)
