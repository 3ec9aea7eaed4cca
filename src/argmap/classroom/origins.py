"""Where a learner's file came from, and who may speak for which learner.

A file cannot prove who wrote it by what it says: its ``learner`` field is typed
text that anyone can copy.  :func:`argmap.classroom.collect.collect` therefore
trusts where the file came from — its **origin** — and only what it says within
what its origin allows:

* an **account**: the file belongs to a user other than the one running
  ``collect`` (on a hub, each learner's server saves as that learner).  Nobody
  else can make a file that belongs to that account in that account's home.
* a **folder**: one learner's place when the files all belong to the teacher
  (``collect /home/*/argmap/out``: each folder given; ``collect homes``: each
  folder directly under it).
* **handed in**: a file named on the command line, or a single folder whose
  files lie directly in it (a USB stick, downloads): the teacher vouches for
  these; only the checks on documents apply.

An account or a folder speaks for one learner.  A learner is spoken for by one
origin: the one bound to them in the class folder's record of earlier runs, else
the one whose name is the learner's (account ``ana``, folder ``…/ana``), else
the only one that hands in nobody else's work; if none of these settles it, every
claim is refused and the teacher decides.  A name that is another account's name
is that account's.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import annotations as _ann
from ..text import quoted

#: The class folder's record of where each learner's file came from.
RECORD = ".argmap-collected.json"
#: The folder of a learner's home that holds the course (the hub's ``~/argmap``).
COURSE = "argmap"


@dataclass(frozen=True)
class Origin:
    """Where a file came from: ``kind`` is ``account``, ``folder`` or ``handed-in``."""

    kind: str
    name: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.name}"

    @property
    def speaks_for_one(self) -> bool:
        """An account or a learner's folder speaks for one learner; what the teacher
        hands in speaks for whoever it names."""
        return self.kind != "handed-in"

    def same_place(self, key: str | None) -> bool:
        """Is ``key`` (an :attr:`key`) this origin?  Folders are one place when one lies
        in the other (``collect /home`` and ``collect /home/ana/argmap/out`` name Ana's
        folder differently)."""
        if key is None:
            return False
        if key == self.key or self.kind != "folder" or not key.startswith("folder:"):
            return key == self.key
        a, b = Path(self.name), Path(key.split(":", 1)[1])
        return a == b or a in b.parents or b in a.parents

    def describe(self) -> str:
        return (
            {"account": "account", "folder": "folder"}.get(self.kind, "handed in as")
            + " "
            + quoted(self.name)
        )

    def is_named_for(self, learner: str) -> bool:
        """Is this origin the learner's by name (account ``ana`` or folder ``…/ana``)?"""
        if self.kind == "handed-in":
            return False
        if self.kind == "account":
            return _ann.same_learner(self.name, learner)
        return any(_ann.same_learner(part, learner) for part in Path(self.name).parts[-3:])


def account_name(uid: int) -> str:
    """The account that owns a file: its user name, else ``uid N``."""
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"uid {uid}"


def full_name(account: str) -> str:
    """An account's full name (the first field of its GECOS entry), else ``""``."""
    try:
        import pwd

        return pwd.getpwnam(account).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError):
        return ""


def label(origin: Origin, learner: str) -> str:
    """The name the class view shows for a learner's file: the name it states, with its
    account beside it when that name is neither the account's name nor its full name
    (``Ana (account ben)``), or its folder when no part of the folder's path is that
    name (``Ana (folder ben)``): a file's word alone never passes for another source's."""
    if origin.kind == "folder":
        if origin.is_named_for(learner):
            return learner
        place = next((p for p in reversed(Path(origin.name).parts) if p not in ("out", COURSE)), origin.name)
        return f"{learner} (folder {place})"
    if origin.kind != "account" or _ann.same_learner(learner, origin.name):
        return learner
    full = full_name(origin.name)
    if full and _ann.same_learner(learner, full):
        return learner
    return f"{learner} (account {origin.name})"


def origin_of(path: Path, source: Path, st: os.stat_result, *, given: bool, pile: bool) -> Origin:
    """The origin of a file found under ``source`` (or given as ``source``)."""
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return Origin("account", account_name(st.st_uid))
    if given or pile:
        return Origin("handed-in", str(path if given else source))
    parts = path.relative_to(source).parts
    return Origin("folder", str(source / parts[0]) if len(parts) > 1 else str(source))


@dataclass
class Record:
    """The class folder's record: for each learner (by :func:`~argmap.annotations.learner_id`)
    the origin their file was first collected from."""

    origins: dict[str, str]
    problem: str = ""

    @classmethod
    def read(cls, class_dir: Path) -> Record:
        from ..errors import AnnotationError

        path = class_dir / RECORD
        if not (path.exists() or path.is_symlink()):
            return cls({})
        try:
            raw, _ = _ann.read_file(path, follow_links=False)
            origins = json.loads(raw.decode("utf-8"))["origins"]
            if not isinstance(origins, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in origins.items()
            ):
                raise ValueError("origins")
            return cls(dict(origins))
        except (AnnotationError, OSError, ValueError, KeyError, TypeError):
            # a record that cannot be read binds nobody: say so
            return cls(
                {},
                f"the record of earlier collections ({RECORD}) cannot be read, so files are "
                "checked against each other only",
            )

    def write(self, class_dir: Path) -> None:
        from ..files import atomic_write

        data = json.dumps({"format": "argmap-collected", "origins": self.origins}, indent=1, sort_keys=True)
        atomic_write(class_dir / RECORD, data.encode("utf-8") + b"\n", mode=0o600)


@dataclass(frozen=True)
class Claim:
    """One readable learner file and where it came from."""

    number: int
    shown: str
    ann: _ann.Annotations
    origin: Origin


def who_may_speak(claims: Iterable[Claim], record: Record) -> dict[int, str]:
    """For each claim that may not be used, why (by claim number); see the module
    docstring for the rules."""
    claims = list(claims)
    accounts = {c.origin.name for c in claims if c.origin.kind == "account"}
    accounts |= {v.split(":", 1)[1] for v in record.origins.values() if v.startswith("account:")}
    by_name = {_ann.learner_id(a): a for a in sorted(accounts)}  # one look-up per file, not one per account
    refused: dict[int, str] = {}
    for c in claims:  # a name that is another account's name is that account's
        other = by_name.get(_ann.learner_id(c.ann.learner))
        if (
            other is not None
            and _ann.same_learner(other, c.ann.learner)
            and c.origin.key != f"account:{other}"
        ):
            refused[c.number] = (
                f"the file says it is the work of {quoted(c.ann.learner)}, the name of account "
                f"{quoted(other)}, but it comes from {c.origin.describe()}"
            )
    live = [c for c in claims if c.number not in refused]
    refused.update(_one_learner_per_origin(live, record))
    live = [c for c in live if c.number not in refused]
    refused.update(_one_origin_per_learner(live, record))
    return refused


def _own_learner(origin: Origin, learners: Mapping[str, str], record: Record) -> str | None:
    """Which of the learners (id → name) an origin that holds several is for, if any."""
    bound = [lid for lid in learners if origin.same_place(record.origins.get(lid))]
    if len(bound) == 1:
        return bound[0]
    named = [lid for lid, name in learners.items() if origin.is_named_for(name)]
    return named[0] if len(named) == 1 else None


def _one_learner_per_origin(claims: list[Claim], record: Record) -> dict[int, str]:
    by_origin: dict[str, list[Claim]] = {}
    for c in claims:
        if c.origin.speaks_for_one:
            by_origin.setdefault(c.origin.key, []).append(c)
    refused: dict[int, str] = {}
    for group in by_origin.values():
        learners = {_ann.learner_id(c.ann.learner): c.ann.learner for c in group}
        if len(learners) < 2:
            continue
        own = _own_learner(group[0].origin, learners, record)
        names = ", ".join(quoted(n) for n in learners.values())
        for c in group:
            if _ann.learner_id(c.ann.learner) != own:
                refused[c.number] = (
                    f"{group[0].origin.describe()} hands in work of {len(learners)} learners ({names}); "
                    "one account or learner's folder is one learner, so only "
                    + (f"{quoted(learners[own])}'s is used" if own else "the teacher can say whose it is")
                    + (
                        "; if it is a folder of files handed in, collect it on its own"
                        if group[0].origin.kind == "folder"
                        else ""
                    )
                )
    return refused


def _one_origin_per_learner(claims: list[Claim], record: Record) -> dict[int, str]:
    by_learner: dict[str, list[Claim]] = {}
    for c in claims:
        by_learner.setdefault(_ann.learner_id(c.ann.learner), []).append(c)
    refused: dict[int, str] = {}
    for lid, group in by_learner.items():
        bound = record.origins.get(lid)
        places = {c.origin.key: c.origin for c in group}
        if bound is None and len(places) < 2 or all(o.same_place(bound) for o in places.values()):
            continue
        winner = bound if bound is not None else _settle(list(places.values()), group)
        for c in group:
            if c.origin.same_place(winner):
                continue
            if bound is not None:
                refused[c.number] = (
                    f"{quoted(c.ann.learner)}'s work was collected from {_describe_key(bound)} before; "
                    f"this file comes from {c.origin.describe()}"
                )
            else:
                refused[c.number] = (
                    f"{len(places)} places hand in work as {quoted(c.ann.learner)} ("
                    + ", ".join(o.describe() for o in places.values())
                    + "); "
                    + (
                        f"{_describe_key(winner)} is theirs"
                        if winner
                        else "none of them is theirs by name: check which is and collect it alone"
                    )
                )
    return refused


def _settle(places: list[Origin], group: list[Claim]) -> str | None:
    """The one origin of several that is the learner's by name, else none: collect
    does not guess whose work it is."""
    named = [o for o in places if o.is_named_for(group[0].ann.learner)]
    return named[0].key if len(named) == 1 else None


def _describe_key(key: str) -> str:
    kind, _, name = key.partition(":")
    return Origin(kind, name).describe()
