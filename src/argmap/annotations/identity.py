"""Which map a file belongs to: the map's content fingerprint, and the keys a file
names that a map lacks."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import TYPE_CHECKING

from ..model import Argument, ArgumentMap, NodeRef, RelationKind, thaw
from .keys import parse_key

if TYPE_CHECKING:  # values imports this module: the fingerprint of a new file
    from .values import Annotations

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


#: How many keys' answers a map keeps (its own nodes are far fewer).
_KNOWN_KEYS = 50_000


def missing_keys(ann: Annotations, m: ArgumentMap) -> tuple[str, ...]:
    """Keys and added-node targets in ``ann`` that name nothing in ``m``.

    What a key of the map resolves to is kept with the map (maps are immutable), so a
    class of files naming the same nodes costs one look-up per key, not per file."""
    ids = {a.id for a in ann.added}
    keys = [*ann.nodes, *(a.target for a in ann.added)]
    known: dict[str, bool] = m.__dict__.setdefault("_key_resolves", {})
    missing = []
    for k in keys:
        if k.startswith("added-"):
            ok = k in ids
        elif k in known:
            ok = known[k]
        else:
            ok = _resolves(m, k, set())
            if len(known) < _KNOWN_KEYS:  # a hostile file's made-up keys do not pile up
                known[k] = ok
        if not ok:
            missing.append(k)
    return tuple(dict.fromkeys(missing))
