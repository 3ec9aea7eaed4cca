"""Collecting learners' files: what a class folder holds, reading one learner's file
for the class view, and gathering files from learners' folders into the class folder.

:func:`collect` copies learners' annotation files into the class folder, one file
per learner; :func:`read_learner_file` reads one file for the class view
(:func:`argmap.seminar.class_view`), and :func:`one_file_per_document` keeps one
file per annotation document.  A file that cannot be used is a :class:`Refusal`,
with its reason.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import annotations as _ann
from ..errors import AnnotationError, Diagnostic
from ..model import ArgumentMap
from ..text import quoted, terminal_safe

__all__ = [
    "MAX_COLLECT",
    "Collected",
    "Refusal",
    "class_folder_status",
    "collect",
    "learner_files",
    "one_file_per_document",
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
        return f"{quoted(self.path)}: refused [{self.code}]: {terminal_safe(self.reason)}"


def refusal_for(path: str, d: Diagnostic) -> Refusal:
    reason = d.message + (f" ({d.hint})" if d.hint and d.code == "annotation-newer" else "")
    return Refusal(path, reason, d.code)


def read_learner_file(item: str | os.PathLike[str], m: ArgumentMap, fp: str) -> _ann.Annotations:
    """Load one learner file, checked as :func:`argmap.annotations.load` checks it, but
    refusing what is not a regular file before opening it, and with the map's
    fingerprint computed once for the whole class (``fp``), not once per file."""
    p = Path(item)
    shown = str(item)
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):
            raise AnnotationError(
                Diagnostic(
                    "annotation-damaged", "this is not a regular file (a folder, device or pipe)", path=shown
                )
            )
        if st.st_size > _ann.MAX_BYTES:
            raise AnnotationError(
                Diagnostic(
                    "file-too-large",
                    f"the annotation file is {st.st_size:,} bytes; argmap reads annotation files up to "
                    f"{_ann.MAX_BYTES:,} bytes",
                    path=shown,
                )
            )
        with p.open("rb") as f:
            raw = f.read(_ann.MAX_BYTES + 1)
    except OSError as e:
        raise AnnotationError(
            Diagnostic("annotation-damaged", f"the file cannot be read: {e.strerror or e}", path=shown)
        ) from None
    ann = _ann.loads(raw, None, path=shown)
    if ann.fingerprint != fp:  # made for another version of the map, or another map
        ann = _ann.check_map(ann, m, shown)
    return ann


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
    return [e for e in read if e[0] in keep], refusals


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
    """What :func:`collect` did: files copied into the class folder, files already
    there and unchanged, and files refused (each with its reason)."""

    copied: tuple[tuple[str, str], ...] = ()
    unchanged: tuple[str, ...] = ()
    refusals: tuple[Refusal, ...] = ()

    def summary(self) -> str:
        n = len(self.copied)
        return (
            f"{n} learner file{'s' if n != 1 else ''} copied, {len(self.unchanged)} already up to date, "
            f"{len(self.refusals)} refused"
        )


#: How many files :func:`collect` looks at in one run (a runaway folder is cut off).
MAX_COLLECT = 10_000


def _candidates(sources: Iterable[str | os.PathLike[str]]) -> Iterable[Path]:
    seen = 0
    for source in sources:
        p = Path(source)
        found = sorted(p.rglob("*.annotations.json")) if p.is_dir() else [p]
        for f in found:
            if f.name.startswith(".") or any(part == ".ipynb_checkpoints" for part in f.parts):
                continue
            seen += 1
            if seen > MAX_COLLECT:
                return
            yield f


def collect(
    sources: Iterable[str | os.PathLike[str]],
    class_dir: str | os.PathLike[str],
    m: ArgumentMap | None = None,
) -> Collected:
    """Copy learners' annotation files into the class folder, one file per learner.

    ``sources`` are files or folders (searched for ``*.annotations.json``, e.g. every
    learner's ``out/`` on a JupyterHub).  Each file is read as :func:`class_view`
    reads it (and checked against ``m`` if given); what is not a learner file is
    refused and never copied.  A file lands under the learner's own file name
    (:func:`argmap.annotations.learner_file_name`); one already there is replaced
    only by a newer save of the same annotation document, never by another
    learner's file or a different document with the same name.
    """
    target = Path(class_dir)
    fp = _ann.fingerprint(m) if m is not None else ""
    stem = Path(m.path).stem if m is not None and m.path else "annotations"
    copied: list[tuple[str, str]] = []
    unchanged: list[str] = []
    refusals: list[Refusal] = []
    for src in _candidates(sources):
        shown = str(src)
        try:
            ann = read_learner_file(src, m, fp) if m is not None else _read_any(src)
        except AnnotationError as e:
            refusals.append(refusal_for(shown, e.diagnostic))
            continue
        if not ann.learner.strip():
            refusals.append(Refusal(shown, "the file names no learner", "annotation-foreign"))
            continue
        dest = target / _ann.learner_file_name(stem if m is not None else src.name.split(".")[0], ann.learner)
        with contextlib.suppress(OSError):
            if dest.exists() and dest.resolve() == src.resolve():
                unchanged.append(shown)
                continue
        if dest.exists() or dest.is_symlink():
            try:
                there = _read_any(dest)
            except AnnotationError as e:
                refusals.append(
                    Refusal(shown, f"{dest.name} in the class folder cannot be read: {e.diagnostic.message}")
                )
                continue
            if there.id != ann.id:
                refusals.append(
                    Refusal(
                        shown,
                        f"the class folder already holds another annotation document for "
                        f"{ann.learner!r} ({dest.name}); check which one is the learner's",
                        "annotation-foreign",
                    )
                )
                continue
            if there.updated >= ann.updated and there.same_work(ann):
                unchanged.append(shown)
                continue
            if there.updated > ann.updated:
                unchanged.append(shown)  # the class folder has a later save
                continue
            if not _continues(there, ann):
                refusals.append(
                    Refusal(
                        shown,
                        f"claims to be a later save of {dest.name} in the class folder, but its history "
                        "does not continue that file's; check which one is the learner's",
                        "annotation-foreign",
                    )
                )
                continue
        from ..files import atomic_write

        atomic_write(dest, _ann.dumps(ann))
        copied.append((shown, str(dest)))
    return Collected(tuple(copied), tuple(unchanged), tuple(refusals))


def _continues(old: _ann.Annotations, new: _ann.Annotations) -> bool:
    """Is ``new`` a later save of ``old``?  Its history keeps old's last entry, unless
    it has filled its whole history (the oldest entries are dropped) since then."""
    if not old.history or old.history[-1] in new.history:
        return True
    return len(new.history) >= _ann.MAX_HISTORY and new.history[0].at >= old.history[-1].at


def _read_any(path: Path) -> _ann.Annotations:
    """A learner file checked for its shape only (no map to check it against)."""
    st = None
    with contextlib.suppress(OSError):
        st = path.stat()
    if st is None or not stat.S_ISREG(st.st_mode):
        raise AnnotationError(Diagnostic("annotation-damaged", "this is not a regular file", path=str(path)))
    return _ann.load(path)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m argmap.classroom.collect collect SOURCE… --into CLASS_DIR [--map MAP]``: the
    teacher's one command to gather learners' files (see :func:`collect`)."""
    import argparse
    import sys

    from ..core import load
    from ..errors import ArgmapError

    parser = argparse.ArgumentParser(
        prog="python -m argmap.classroom.collect",
        description="Gather learners' annotation files into the class folder, one file per learner.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect", help="copy learners' annotation files into the class folder")
    c.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="files, or folders searched for *.annotations.json"
    )
    c.add_argument(
        "--into",
        metavar="CLASS_DIR",
        help=f"the class folder (default: ${_ann.CLASS_DIR_ENV}, else out)",
    )
    c.add_argument("--map", metavar="MAP", help="check every file against this map (recommended)")
    args = parser.parse_args(argv)
    try:
        m = load(args.map) if args.map else None
        done = collect(args.sources, _ann.class_folder(args.into), m)
    except (ArgmapError, OSError) as exc:
        print(f"argmap: error: {exc}", file=sys.stderr)
        return 1
    for r in done.refusals:
        print(r.format(), file=sys.stderr)
    print(f"{done.summary()} into {_ann.class_folder(args.into)}", file=sys.stderr)
    return 0 if done.copied or done.unchanged or not done.refusals else 1


if __name__ == "__main__":
    raise SystemExit(main())
