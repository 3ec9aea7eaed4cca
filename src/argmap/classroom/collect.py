"""Collecting learners' files: what a class folder holds, reading one learner's file
for the class view, and gathering files from learners' folders into the class folder.

:func:`collect` copies learners' annotation files into the class folder, one file
per learner; :func:`read_learner_file` reads one file for the class view
(:func:`argmap.classroom.seminar.class_view`), and :func:`one_file_per_document` keeps one
file per annotation document.  A file that cannot be used is a :class:`Refusal`,
with its reason.
"""

from __future__ import annotations

import errno
import itertools
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from pathlib import Path

from .. import annotations as _ann
from ..errors import AnnotationError, Diagnostic
from ..model import ArgumentMap
from ..text import quoted, terminal_safe
from . import origins as _origins

__all__ = [
    "MAX_COLLECT",
    "Collected",
    "Refusal",
    "class_folder_status",
    "collect",
    "learner_files",
    "one_file_per_document",
    "open_learner_file",
    "read_learner_file",
    "refusal_for",
    "shown_as",
]


@dataclass(frozen=True)
class Refusal:
    """A learner file that was not used, and why (``code`` is a diagnostic code)."""

    path: str
    reason: str
    code: str = "annotation-damaged"

    def format(self) -> str:
        """One line for a terminal: the file quoted where it needs it, the reason
        :func:`~argmap.text.terminal_safe`; nothing in either can start a line."""
        own_label = re.fullmatch(r"learner file [0-9]+", self.path)  # shown_as(): names hidden
        where = self.path if own_label else quoted(self.path)
        return f"{where}: refused [{self.code}]: {terminal_safe(self.reason)}"


def refusal_for(path: str, d: Diagnostic) -> Refusal:
    reason = d.message + (f" ({d.hint})" if d.hint and d.code == "annotation-newer" else "")
    return Refusal(path, reason, d.code)


def open_learner_file(path: str | os.PathLike[str], shown: str | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of a learner file and its status, without following a link at its
    end and without waiting on a pipe (:func:`argmap.annotations.read_file`)."""
    shown = os.fspath(path) if shown is None else shown
    try:
        return _ann.read_file(path, shown, follow_links=False)
    except FileNotFoundError:
        raise AnnotationError(
            Diagnostic("annotation-damaged", "there is no such file (removed or renamed?)", path=shown)
        ) from None


def read_learner_file(item: str | os.PathLike[str], m: ArgumentMap, fp: str = "") -> _ann.Annotations:
    """Load one learner file for the map ``m``: read by :func:`open_learner_file` (no
    link followed, nothing waited on), checked as :func:`argmap.annotations.load`
    checks it, every key against the map (whatever fingerprint the file states)."""
    shown = os.fspath(item)
    raw, _ = open_learner_file(item, shown)
    return _ann.check_map(_ann.loads(raw, None, path=shown), m, shown)


def shown_as(path: str, number: int, anonymous: bool) -> str:
    """How a refused file is named: its path, or "learner file N" (its place in the list
    given) when names are hidden: learners' file names carry their names."""
    return f"learner file {number}" if anonymous else path


def _is_named_for(path: str, ann: _ann.Annotations) -> bool:
    """Is this the file the workbench saves under the learner's own name?"""
    name = Path(path).name
    if not ann.learner.strip() or path.startswith("<"):
        return False
    own = _ann.learner_file_name("x", ann.learner).split(".", 1)[1]
    return name.endswith("." + own) or name == own


def one_file_per_document(
    read: list[tuple[int, str, _ann.Annotations]], anonymous: bool
) -> tuple[list[tuple[int, str, _ann.Annotations]], list[Refusal]]:
    """Keep one file per annotation document (``id``).  A plain copy is refused as a
    copy.  Files that claim the same document but differ (a forgery, or an old copy)
    do not push out the real one: the file saved under the learner's own name wins,
    else the one saved last; the others are refused, naming the file that was used."""
    groups: dict[str, list[tuple[int, str, _ann.Annotations]]] = {}
    for entry in read:
        ann = entry[2]
        groups.setdefault(ann.id or f"\0{entry[0]}", []).append(entry)
    keep: set[int] = set()
    refusals: list[Refusal] = []
    for entries in groups.values():
        if len(entries) == 1:
            keep.add(entries[0][0])
            continue
        named = [e for e in entries if _is_named_for(e[1], e[2])]
        pool = named if len(named) == 1 else entries
        best = max(pool, key=lambda e: (e[2].updated, len(e[2].history), -e[0]))
        keep.add(best[0])
        used = shown_as(best[1], best[0], anonymous)
        used_name = used if anonymous else Path(used).name
        for number, shown, ann in entries:
            if number == best[0]:
                continue
            if ann.same_work(best[2]) and _same_name(ann, best[2]):
                why = f"a second copy of {used_name} (same learner, same document)"
            else:
                who = "another learner" if anonymous else repr(best[2].learner)
                why = (
                    f"claims to be the same annotation document as {used_name} (by {who}) but differs "
                    f"from it; {used_name} is used"
                )
            refusals.append(Refusal(shown_as(shown, number, anonymous), why, "annotation-foreign"))
    kept, more = _one_file_per_learner([e for e in read if e[0] in keep], anonymous)
    return kept, refusals + more


def _one_file_per_learner(
    read: list[tuple[int, str, _ann.Annotations]], anonymous: bool
) -> tuple[list[tuple[int, str, _ann.Annotations]], list[Refusal]]:
    """Keep one file per learner (names compared as :func:`argmap.annotations.same_learner`
    compares them: "Ana" and "A\u200bna" are one learner): the file saved under the
    learner's own name, else the one saved last.  The others are refused: a second
    learner of one name would be shown as one person."""
    by_learner: dict[str, list[tuple[int, str, _ann.Annotations]]] = {}
    for entry in read:
        if entry[2].learner.strip():
            by_learner.setdefault(_ann.learner_id(entry[2].learner), []).append(entry)
    drop: set[int] = set()
    refusals: list[Refusal] = []
    for entries in by_learner.values():
        if len(entries) < 2:
            continue
        named = [e for e in entries if _is_named_for(e[1], e[2])]
        best = max(named if len(named) == 1 else entries, key=lambda e: (e[2].updated, -e[0]))
        used = shown_as(best[1], best[0], anonymous)
        for number, shown, _doc in entries:
            if number != best[0]:
                drop.add(number)
                who = "the same learner" if anonymous else f"learner {quoted(best[2].learner)}"
                refusals.append(
                    Refusal(
                        shown_as(shown, number, anonymous),
                        f"a second annotation document for {who} ({quoted(Path(used).name)} is used); "
                        "one learner has one file",
                        "annotation-foreign",
                    )
                )
    return [e for e in read if e[0] not in drop], refusals


def _same_name(a: _ann.Annotations, b: _ann.Annotations) -> bool:
    return _ann.same_learner(a.learner, b.learner)


# -- the class folder ----------------------------------------------------------------------------


def learner_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The learners' annotation files in a class folder: its ``*.json`` files (not
    hidden ones, not temporary files of a save in progress), sorted by name.  A
    missing folder has none."""
    p = Path(folder)
    if not p.is_dir():
        return []
    return sorted(
        f for f in p.glob("*.json") if not f.name.startswith(".") and (f.is_file() or f.is_symlink())
    )


def class_folder_status(folder: str | os.PathLike[str]) -> str:
    """One or two lines saying what a class folder holds, or why it holds nothing
    (for a notebook to print instead of a traceback)."""
    p = Path(folder)
    shown = str(p.resolve()) if p.exists() else str(p)
    setting = (
        f"The class folder is set by the notebook's CLASS_DIR or the environment variable "
        f"{_ann.CLASS_DIR_ENV} (now: {os.environ.get(_ann.CLASS_DIR_ENV) or 'not set'})."
    )
    if not p.exists():
        return f"The class folder {shown} does not exist yet: no learner has saved any work there. {setting}"
    if not p.is_dir():
        return f"{shown} is a file, not a folder. {setting}"
    files = learner_files(p)
    if not files:
        return (
            f"The class folder {shown} has no learner files yet: they appear there when learners "
            f"press Start in notebook 8 (or when you run 'argmap collect'). {setting}"
        )
    return f"The class folder {shown} has {len(files)} learner file{'s' if len(files) != 1 else ''}."


@dataclass(frozen=True)
class Collected:
    """What :func:`collect` did: files copied into the class folder (source, target),
    files already there and unchanged, files refused (each with its reason), copies
    that could not be written (target, reason: nothing else was changed for them), and
    notes for the teacher (a limit reached, names that look alike)."""

    copied: tuple[tuple[str, str], ...] = ()
    unchanged: tuple[str, ...] = ()
    refusals: tuple[Refusal, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()

    def summary(self) -> str:
        n = len(self.copied)
        failed = f", {len(self.failed)} could not be written" if self.failed else ""
        return (
            f"{n} learner file{'s' if n != 1 else ''} copied, {len(self.unchanged)} already up to date, "
            f"{len(self.refusals)} refused{failed}"
        )


#: How many learner files :func:`collect` looks at in one run (a runaway folder is cut off, and says so).
MAX_COLLECT = 10_000
#: How deep under a folder given to :func:`collect` it looks (``/home`` → ``ana/argmap/out`` is 3).
MAX_DEPTH = 12
#: How many entries of folders it looks at in one run, learner files or not.
MAX_ENTRIES = 200_000


@dataclass
class _Walk:
    """The learner files under the sources, found without recursion and within limits."""

    found: list[tuple[Path, Path, bool, bool]] = field(default_factory=list)  # path, source, given, pile
    refusals: list[Refusal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    entries: int = 0
    skip: frozenset[Path] = frozenset()  # the class folder itself, when it lies among the sources

    def add(self, path: Path, source: Path, given: bool, pile: bool) -> bool:
        if len(self.found) >= MAX_COLLECT:
            self.notes.append(
                f"stopped after {MAX_COLLECT:,} learner files (MAX_COLLECT): {quoted(str(path))} and any "
                "after it were not looked at; collect the rest with another run naming fewer folders"
            )
            return False
        self.found.append((path, source, given, pile))
        return True

    def scan(self, source: Path, pile: bool) -> bool:
        """Every ``*.annotations.json`` under ``source``, depth first, in name order; no
        link to a folder followed, hidden folders and notebook checkpoints skipped."""
        stack: list[tuple[Path, int]] = [(source, 0)]
        while stack:
            folder, depth = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = list(itertools.islice(it, MAX_ENTRIES - self.entries + 1))
            except OSError as exc:
                self.notes.append(f"{quoted(str(folder))} was not searched: {exc.strerror or exc}")
                continue
            self.entries += len(entries)
            if self.entries > MAX_ENTRIES:
                self.notes.append(
                    f"stopped after looking at {MAX_ENTRIES:,} entries of folders (MAX_ENTRIES), in "
                    f"{quoted(str(folder))}: what lies after it was not looked at"
                )
                return False
            for entry in sorted(entries, key=lambda x: x.name, reverse=True):
                if entry.name.startswith(".") or entry.name == "__pycache__":
                    continue
                path = Path(entry.path)
                if entry.is_dir(follow_symlinks=False):
                    if depth + 1 >= MAX_DEPTH:
                        self.notes.append(
                            f"{quoted(str(path))} is more than {MAX_DEPTH} folders deep under "
                            f"{quoted(str(source))} (MAX_DEPTH): not searched"
                        )
                    else:
                        if path.absolute() not in self.skip:
                            stack.append((path, depth + 1))
                elif entry.name.endswith(".annotations.json") and not self.add(path, source, False, pile):
                    return False
        return True


def _candidates(sources: Iterable[str | os.PathLike[str]], class_dir: Path) -> _Walk:
    given = [Path(s) for s in sources]
    folders = [p for p in given if p.is_dir()]
    walk = _Walk(skip=frozenset({class_dir.absolute()}))
    for p in given:
        owner = _link_owner(p)
        if owner is not None:  # /home/*/argmap/out where a learner made out a link elsewhere
            walk.notes.append(f"{quoted(str(p))} is a link made by another account ({owner}): not followed")
            continue
        if p in folders:
            # one folder of files lying directly in it is a pile the teacher hands in
            pile = len(folders) == 1 and not any(e.is_dir(follow_symlinks=False) for e in _safe_scandir(p))
            if not walk.scan(p, pile):
                break
        elif not walk.add(p, p, True, False):
            break
    return walk


def _safe_scandir(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return [e for e in itertools.islice(it, MAX_ENTRIES) if not e.name.startswith(".")]
    except OSError:
        return []


def _link_owner(path: Path) -> str | None:
    """The account that made ``path`` a symbolic link, when that is not the one
    running :func:`collect` (a learner's link among the folders given); else ``None``."""
    try:
        st = os.lstat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISLNK(st.st_mode) or not hasattr(os, "geteuid") or st.st_uid == os.geteuid():
        return None
    return _origins.account_name(st.st_uid)


def collect(
    sources: Iterable[str | os.PathLike[str]],
    class_dir: str | os.PathLike[str],
    m: ArgumentMap | None = None,
) -> Collected:
    """Copy learners' annotation files into the class folder, one file per learner.

    ``sources`` are files or folders (searched for ``*.annotations.json``, e.g. every
    learner's ``out/`` on a JupyterHub).  Each file is read without following a link
    or waiting on a pipe, as :func:`read_learner_file` reads it (checked against ``m``
    if given); what is not a learner file is refused and never copied.  Who a file may
    speak for comes from where it came from, not from what it says
    (:mod:`argmap.classroom.origins`): a file whose origin may not speak for the learner
    it names is refused, and so is one that would invent learners.  A file lands under
    the learner's own file name (:func:`argmap.annotations.learner_file_name`), readable
    by the teacher only; one already there is replaced only by a later save of the same
    document from the same origin.  One learner's problem never stops the others: each
    is a refusal, a limit reached is a note, a write that fails is named.
    """
    target = Path(class_dir)
    fp = _ann.fingerprint(m) if m is not None else ""
    stem = Path(m.path).stem if m is not None and m.path else "annotations"
    walk = _candidates(sources, target)
    refusals = list(walk.refusals)
    claims: list[_origins.Claim] = []
    for number, (src, source, given, pile) in enumerate(walk.found):
        shown = str(src)
        try:
            raw, st = open_learner_file(src, shown)
            ann = _ann.loads(raw, None, path=shown)
            if m is not None and (ann.fingerprint != fp or ann.nodes or ann.added):
                ann = _ann.check_map(ann, m, shown)
        except AnnotationError as e:
            refusals.append(refusal_for(shown, e.diagnostic))
            continue
        if not ann.learner.strip():
            refusals.append(Refusal(shown, "the file names no learner", "annotation-foreign"))
            continue
        origin = _origins.origin_of(src, source, st, given=given, pile=pile)
        claims.append(_origins.Claim(number, shown, ann, origin))
    record = _origins.Record.read(target)
    notes = walk.notes + ([record.problem] if record.problem else [])
    refused = _origins.who_may_speak(claims, record)
    refusals += [
        Refusal(c.shown, refused[c.number], "annotation-foreign") for c in claims if c.number in refused
    ]
    done = _Copies(target, record)
    for c in claims:
        if c.number not in refused:
            # an account's file shows the account beside a name that is not the account's
            c = dc_replace(c, ann=dc_replace(c.ann, learner=_origins.label(c.origin, c.ann.learner)))
            dest = target / _ann.learner_file_name(
                stem if m is not None else Path(c.shown).name.split(".")[0], c.ann.learner
            )
            done.take(c, dest)
    refusals += done.refusals
    done.finish()
    names = [c.ann.learner for c in claims if c.number not in refused]
    notes += [g.describe() for g in _ann.look_alikes(names)]
    return Collected(
        tuple(done.copied),
        tuple(done.unchanged),
        tuple(refusals),
        tuple(done.failed),
        _at_most(notes + done.notes),
    )


#: How many notes one run reports (a tree wide at the depth limit would give thousands).
MAX_NOTES = 20


def _at_most(notes: list[str]) -> tuple[str, ...]:
    """The first :data:`MAX_NOTES` notes, and how many more there were."""
    if len(notes) <= MAX_NOTES:
        return tuple(notes)
    return (*notes[:MAX_NOTES], f"… and {len(notes) - MAX_NOTES:,} more notes like these")


@dataclass
class _Copies:
    """The copies into the class folder, each decided against what is there."""

    target: Path
    record: _origins.Record
    copied: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def take(self, c: _origins.Claim, dest: Path) -> None:
        ann: _ann.Annotations = c.ann
        why = self._keep_existing(c, dest)
        if why:
            self.refusals.append(Refusal(c.shown, why, "annotation-foreign"))
            return
        if why == "":
            self.unchanged.append(c.shown)
            self._bind(ann, c.origin)
            return
        from ..files import atomic_write

        try:
            if not self.target.exists():
                self.target.mkdir(parents=True, mode=0o700)
            atomic_write(dest, _ann.dumps(ann), mode=0o600)
        except OSError as e:
            self.failed.append((str(dest), _write_failure(e)))
            return
        self.copied.append((c.shown, str(dest)))
        self._bind(ann, c.origin)

    def _bind(self, ann: _ann.Annotations, origin: _origins.Origin) -> None:
        """Record where this learner's work comes from: an account or a learner's
        folder (what the teacher hands in is no place of the learner's)."""
        if origin.speaks_for_one:
            self.record.origins.setdefault(_ann.learner_id(ann.learner), origin.key)

    def _keep_existing(self, c: _origins.Claim, dest: Path) -> str | None:
        """``None``: copy; ``""``: the class folder has this save or a later one; else
        why the file is refused."""
        ann: _ann.Annotations = c.ann
        if not (dest.exists() or dest.is_symlink()):
            return None
        try:
            raw, _ = open_learner_file(dest)
            there = _ann.loads(raw, None, path=str(dest))
        except AnnotationError as e:
            return f"{quoted(dest.name)} in the class folder cannot be read: {e.diagnostic.message}"
        if there.id != ann.id:
            return (
                f"the class folder already holds another annotation document for {quoted(ann.learner)} "
                f"({quoted(dest.name)}); check which one is the learner's"
            )
        if there.updated > ann.updated or (there.updated == ann.updated and there.same_work(ann)):
            return ""  # the same save, or the class folder has a later one
        if not _continues(there, ann):
            return (
                f"claims to be a later save of {quoted(dest.name)} in the class folder, but its history "
                "does not continue that file's; check which one is the learner's"
            )
        return None

    def finish(self) -> None:
        """Write the record of origins (when anything was copied or bound)."""
        if not (self.copied or self.unchanged) or not self.target.is_dir():
            return
        if self.record.problem:  # a damaged record is kept for the teacher, never overwritten
            self.notes.append(f"the record ({quoted(_origins.RECORD)}) was left as it is: not updated")
            return
        try:
            self.record.write(self.target)
        except OSError as e:
            self.notes.append(
                f"the record of where each learner's file came from could not be written: {_write_failure(e)}"
            )


def _write_failure(e: OSError) -> str:
    """A write that failed, in words: what happened, never a temporary file's name."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the class folder is on a read-only disk",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
    }
    return reasons.get(e.errno or 0, e.strerror or type(e).__name__) + "; the file was not copied"


def _continues(old: _ann.Annotations, new: _ann.Annotations) -> bool:
    """Is ``new`` a later save of ``old``?  Its history keeps old's last entry, unless
    it has filled its whole history (the oldest entries are dropped) since then."""
    if not old.history or old.history[-1] in new.history:
        return True
    return len(new.history) >= _ann.MAX_HISTORY and new.history[0].at >= old.history[-1].at
