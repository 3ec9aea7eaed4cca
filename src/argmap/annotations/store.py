"""The store the workbench uses: one learner's file, every change saved at once, and
two windows on one file merged instead of overwriting each other."""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import AnnotationError, Diagnostic
from ..files import atomic_write
from ..model import ArgumentMap
from .names import same_learner
from .schema import _check_size, dumps, loads, read_file, save
from .values import Annotations
from .vocabulary import _now

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
        if a.strength != b.strength:
            parts.append(f"{k}: strength {b.strength or 'taken back'}")
        if a.verdict != b.verdict:
            parts.append(f"{k}: verdict {b.verdict or 'taken back'}")
        if a.reason != b.reason:
            parts.append(f"{k}: reason")
    old_ids = {x.id for x in old.added}
    new_ids = {x.id for x in new.added}
    parts += [f"added {x.kind} {x.id} to {x.target}" for x in new.added if x.id not in old_ids]
    parts += [f"removed {i}" for i in sorted(old_ids - new_ids)]
    old_by_id = {x.id: x for x in old.added}
    parts += [f"edited {x.id}" for x in new.added if x.id in old_ids and x != old_by_id[x.id]]
    for book in dict.fromkeys([*old.exercises, *new.exercises]):
        was, now = old.exercises.get(book, {}), new.exercises.get(book, {})
        parts += [f"exercise {book}/{ex}" for ex in dict.fromkeys([*was, *now]) if was.get(ex) != now.get(ex)]
    line = "; ".join(parts) or "no change"
    return line if len(line) <= 300 else line[:299] + "…"


#: A temporary file of a save older than this (seconds) was left by a killed save.
STALE_TMP_SECONDS = 120


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """Serialise read-change-write cycles of the workbenches that share a folder
    (an advisory ``flock`` on the folder itself: no lock file to leave behind).
    Where the folder cannot be locked (no ``fcntl``; Pyodide's ``fcntl`` without
    ``flock``, in the browser; some network drives) the cycle runs unlocked; the
    change history still merges what it can see."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    if not hasattr(fcntl, "flock"):  # Pyodide (the browser-only kit): one process per tab
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
            # no link followed, no pipe waited on: a FIFO under a learner's file name is refused
            ann = loads(read_file(self.path, follow_links=False)[0], m, path=str(self.path))
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
                if self.path.exists() or self.path.is_symlink():  # another workbench created it a moment ago
                    self._annotations = loads(read_file(self.path, follow_links=False)[0], m, path=str(path))
                else:
                    save(self.path, self._annotations)
                self._disk = self._read()

    def _folder(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self.path.parent

    def _read(self) -> bytes | None:
        try:
            return read_file(self.path, follow_links=False)[0]
        except (OSError, AnnotationError):
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
            atomic_write(self.path, data, mode=0o600)  # readable by the learner only
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
        self._annotations = loads(read_file(self.path, follow_links=False)[0], self.map, path=str(self.path))
        self._disk = self._read()
        return self._annotations
