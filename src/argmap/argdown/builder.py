"""From what the parser read to the model, as Argdown's model plugin does it: relations
deduplicated and moved from reconstructed arguments to their conclusions, strict mode,
and each statement's role.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..model import Argument, ArgumentMap, NodeKind, NodeRef, Relation, RelationKind, Role, Statement

__all__ = ["ROLE_TAGS", "is_strict", "relation_type", "resolve_roles"]

#: Tags that set a statement's role (matched without regard to case).
ROLE_TAGS: dict[str, Role] = {r.value: r for r in Role}


def _strict(relations: Sequence[Relation], rank: Mapping[int, int]) -> list[Relation]:
    """Argdown's strict mode: between statements an attack is *contrary* (symmetric, so
    of a mutual pair only the one Argdown makes first stays: the deeper one in a tree);
    a support stays a support (Argdown calls it *entails*: see :func:`relation_type`)."""
    first: dict[frozenset[NodeRef], Relation] = {}
    for r in sorted(relations, key=lambda r: rank.get(id(r), len(rank))):
        if r.kind is RelationKind.ATTACK and NodeKind.ARGUMENT not in (r.source.kind, r.target.kind):
            first.setdefault(frozenset((r.source, r.target)), r)
    out: list[Relation] = []
    for r in relations:
        if r.kind is RelationKind.ATTACK and NodeKind.ARGUMENT not in (r.source.kind, r.target.kind):
            pair = frozenset((r.source, r.target))
            if first.get(pair) is not r:
                continue
            r = Relation(RelationKind.CONTRARY, r.source, r.target, r.location)
        out.append(r)
    return out


def is_strict(m: ArgumentMap) -> bool:
    """Is ``m`` read in Argdown's strict mode (front matter ``model: {mode: strict}``)?"""
    model = m.front.get("model")
    return isinstance(model, Mapping) and model.get("mode") == "strict"


def relation_type(m: ArgumentMap, r: Relation) -> str:
    """The ``relationType`` Argdown's JSON export gives ``r``: the kind's name, except that
    in strict mode a support between two statements is ``entails``."""
    between_statements = r.source.kind is NodeKind.STATEMENT and r.target.kind is NodeKind.STATEMENT
    if r.kind is RelationKind.SUPPORT and between_statements and is_strict(m):
        return "entails"
    return r.kind.value


def normalise_relations(
    relations: Sequence[Relation],
    reconstructed: Mapping[str, Argument],
    strict: bool = False,
    rank: Mapping[int, int] | None = None,
) -> list[Relation]:
    """Dedup relations and move those of reconstructed arguments, as Argdown 1.7.5 does.

    * one relation per (kind, source, target); a contradiction also counts reversed;
    * a relation *from* an argument with a premise-conclusion structure comes from its
      main conclusion instead (dropped if that makes it a duplicate or a self-loop);
    * an attack on a reconstructed argument is dropped when the attacker also attacks
      (or contradicts) one of the argument's premises.
    """
    out, seen = _dedup(relations)
    moved = _from_conclusions(out, seen, reconstructed)
    if strict:
        moved = _strict(moved, rank or {})
    return [r for r in moved if not _attacks_a_premise_too(r, moved, reconstructed)]


# (kind, source's kind and title, target's kind and title): as NodeRefs compare, hashed
# without calling NodeRef.__hash__ for each
_Key = tuple[RelationKind, NodeKind, str, NodeKind, str]


def _dedup(relations: Sequence[Relation]) -> tuple[list[Relation], set[_Key]]:
    """One relation per (kind, source, target), a contradiction counted both ways round."""
    seen: set[_Key] = set()
    out: list[Relation] = []
    contradictory = RelationKind.CONTRADICTORY
    for r in relations:
        source, target = r.source, r.target
        key = (r.kind, source.kind, source.title, target.kind, target.title)
        if key in seen or (
            r.kind is contradictory and (r.kind, target.kind, target.title, source.kind, source.title) in seen
        ):
            continue
        seen.add(key)
        out.append(r)
    return out, seen


def _from_conclusions(
    relations: list[Relation], seen: set[_Key], reconstructed: Mapping[str, Argument]
) -> list[Relation]:
    """A relation from a reconstructed argument comes from its main conclusion instead."""
    moved: list[Relation] = []
    taken: set[_Key] = set()
    for r in relations:
        if r.source.kind is NodeKind.ARGUMENT and r.source.title in reconstructed:
            conclusion = reconstructed[r.source.title].conclusion
            assert conclusion is not None
            src = NodeRef.statement(conclusion)
            key = (r.kind, src.kind, src.title, r.target.kind, r.target.title)
            if r.target == src or key in taken or key in seen:
                continue
            r = Relation(r.kind, src, r.target, r.location)
        else:
            key = (r.kind, r.source.kind, r.source.title, r.target.kind, r.target.title)
        taken.add(key)
        moved.append(r)
    return moved


def _attacks_a_premise_too(
    r: Relation, relations: list[Relation], reconstructed: Mapping[str, Argument]
) -> bool:
    """Is ``r`` an attack on a reconstructed argument whose attacker also attacks (or
    contradicts) one of its premises?  Argdown keeps only the attack on the premise."""
    if not (
        r.kind is RelationKind.ATTACK
        and r.source.kind is NodeKind.STATEMENT
        and r.target.kind is NodeKind.ARGUMENT
        and r.target.title in reconstructed
    ):
        return False
    premises = set(reconstructed[r.target.title].premises)
    for o in relations:
        if o is r:
            continue
        if o.kind is RelationKind.ATTACK and o.source == r.source and o.target.kind is NodeKind.STATEMENT:
            redundant = o.target.title in premises
        elif o.kind in (RelationKind.CONTRADICTORY, RelationKind.CONTRARY) and r.source in (
            o.source,
            o.target,
        ):
            other = o.target if o.source == r.source else o.source
            redundant = other.kind is NodeKind.STATEMENT and other.title in premises
        else:
            continue
        if redundant:
            return True
    return False


_ATTACKS = (RelationKind.ATTACK, RelationKind.UNDERCUT)


def resolve_roles(statements: Iterable[Statement], relations: Iterable[Relation]) -> tuple[Statement, ...]:
    """Each statement with its role: from its role tag, or else from its relations.

    A statement with a role tag (``#thesis``, ``#claim``, ``#evidence``, ``#assumption``,
    ``#objection``, ``#rebuttal``; the first one counts) has that role.  Otherwise one
    that attacks or undercuts something is an ``objection`` — or a ``rebuttal`` if
    what it attacks is itself an objection or rebuttal; every other statement is a
    ``claim``.  (Contradictions are symmetric and do not decide a role.)

    Roles are read from relations only in a map written in the kit's vocabulary (one
    that tags at least one role).  A plain Argdown map, such as a debate between rival
    positions, keeps every untagged statement a claim: its attacks are drawn as
    attacks, and no position is recast as an objection or rebuttal of another.
    """
    from dataclasses import replace

    statements = list(statements)
    roles = roles_of(((s.title, s.tags) for s in statements), relations)
    return tuple(s if s.role is roles[s.title] else replace(s, role=roles[s.title]) for s in statements)


def roles_of(
    titles_tags: Iterable[tuple[str, Sequence[str]]], relations: Iterable[Relation]
) -> dict[str, Role]:
    # by (kind, title), as NodeRefs compare, without calling NodeRef.__hash__ for each
    attacks: dict[tuple[NodeKind, str], list[NodeRef]] = {}
    for r in relations:
        if r.kind in _ATTACKS:
            attacks.setdefault((r.source.kind, r.source.title), []).append(r.target)
    pairs = list(titles_tags)
    tagged: dict[str, Role] = {}
    for title, tags in pairs:
        for t in tags:
            role = ROLE_TAGS.get(t.lower())
            if role is not None:
                tagged[title] = role
                break

    def attacker(ref: NodeRef) -> bool:
        """Is this node an objection or rebuttal (something that attacks)?"""
        if ref.kind is NodeKind.STATEMENT and ref.title in tagged:
            return tagged[ref.title] in (Role.OBJECTION, Role.REBUTTAL)
        return bool(attacks.get((ref.kind, ref.title)))

    out: dict[str, Role] = {}
    statement = NodeKind.STATEMENT
    for title, _ in pairs:
        role = tagged.get(title)
        if role is None and not tagged:
            role = Role.CLAIM  # a plain Argdown map: rival positions stay positions
        if role is None:
            targets = attacks.get((statement, title), [])
            if not targets:
                role = Role.CLAIM
            elif any(attacker(t) for t in targets):
                role = Role.REBUTTAL
            else:
                role = Role.OBJECTION
        out[title] = role
    return out
