"""Learners' names and files: one file per learner for any name, the same learner
whatever letter case they type, and the class folder one setting names."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..text import quoted
from .vocabulary import clean_text

if TYPE_CHECKING:
    from ..model import ArgumentMap

# -- learners' names, files and the class folder ------------------------------------------------

#: The environment variable that names the class folder (see :func:`class_folder`).
CLASS_DIR_ENV = "ARGMAP_CLASS_DIR"
#: Where learners' files go when nothing names a class folder.
DEFAULT_CLASS_DIR = "out"


def _invisible(ch: str) -> bool:
    """Characters that change nothing a reader sees: format characters (zero-width
    spaces and joiners, direction marks, embeddings, overrides and isolates, the
    BOM), variation selectors, the combining grapheme joiner and Hangul fillers."""
    return (
        unicodedata.category(ch) == "Cf"
        or "\ufe00" <= ch <= "\ufe0f"
        or ch in "\u034f\u115f\u1160\u3164\uffa0"
    )


@functools.lru_cache(maxsize=16384)  # a class's names are compared many times over
def _visible(name: str) -> str:
    """A name as it shows: NFKC, invisible characters dropped, white space collapsed."""
    text = unicodedata.normalize("NFKC", clean_text(name))
    if not text.isprintable():
        text = "".join(ch for ch in text if not _invisible(ch))
    return " ".join(text.split())


def _name_form(name: str) -> str:
    """A name as compared: :func:`_visible`, in lower case (not case folding, which
    makes "Weiß" and "Weiss" one name)."""
    return unicodedata.normalize("NFKC", _visible(name).lower())


def same_learner(a: str, b: str) -> bool:
    """True when two typed names are the same learner: letter case, Unicode forms,
    invisible characters and extra spaces do not count ("Léa" == "LÉA " ==
    "Le\u0301a" == "Lé\u200ba"); "Lea" is another learner, and so are "Weiß" and
    "Weiss".

    >>> same_learner("Мария", "МАРИЯ"), same_learner("Léa", "Lea"), same_learner("Weiß", "Weiss")
    (True, False, False)
    """
    return _name_form(a) == _name_form(b)


@functools.lru_cache(maxsize=1)
def _confusable_classes() -> dict[str, str]:
    """Each character that Unicode's confusables data (through the
    ``confusable_homoglyphs`` package) lists as looking like another, mapped to one
    representative of all the characters that look alike (a union of the pairs)."""
    from confusable_homoglyphs import confusables

    parent: dict[str, str] = {}

    def root(ch: str) -> str:
        while parent.get(ch, ch) != ch:
            parent[ch] = parent.get(parent[ch], parent[ch])
            ch = parent[ch]
        return ch

    for ch, similar in confusables.confusables_data.items():
        if len(ch) != 1:
            continue
        for other in similar:
            c = other.get("c", "")
            if len(c) == 1:
                a, b = root(ch), root(c)
                if a != b:  # the smaller (an ASCII letter where there is one) represents the class
                    parent[max(a, b)] = min(a, b)
    return {ch: root(ch) for ch in parent}


@functools.lru_cache(maxsize=16384)
def skeleton(name: str) -> str:
    """What a name looks like: as it shows (letter case kept: "0" looks like "O", not
    like "o"), every character replaced by one representative of the characters that
    look like it.  Two names with one skeleton look alike on screen ("Ana" and "Аna"
    with a Cyrillic А, "Olga" and "0lga").  Look-alikes of several characters ("rn"
    and "m") are not in the data this uses.

    >>> skeleton("Ana") == skeleton("\u0410na"), skeleton("Olga") == skeleton("0lga")
    (True, True)
    >>> skeleton("Ana") == skeleton("Ama")
    False
    """
    classes = _confusable_classes()
    return "".join(classes.get(ch, ch) for ch in _visible(name))


def scripts(name: str) -> tuple[str, ...]:
    """The alphabets (Unicode scripts, by character name) a name's letters come from.

    >>> scripts("Ana"), scripts("\u0410na"), scripts("李小龙")
    (('LATIN',), ('CYRILLIC', 'LATIN'), ('CJK',))
    """
    found = set()
    for ch in _name_form(name):
        if ch.isalpha():
            found.add(unicodedata.name(ch, "UNKNOWN").split(" ")[0])
    return tuple(sorted(found))


@dataclass(frozen=True)
class LookAlike:
    """Names of one class that are different learners but look the same on screen."""

    names: tuple[str, ...]

    def describe(self) -> str:
        """One line for the teacher, each name with the alphabets it is written in."""
        shown = ", ".join(f"{quoted(n)} ({'+'.join(scripts(n)) or 'no letters'})" for n in self.names)
        return (
            f"{len(self.names)} learners' names look alike: {shown}; they are different learners, "
            "and the class view marks all but the first 'look-alike N'"
        )


def look_alikes(names: Iterable[str]) -> list[LookAlike]:
    """Groups of different learners (by :func:`same_learner`) whose names look alike
    (one :func:`skeleton`), in the order the names first come."""
    groups: dict[str, dict[str, str]] = {}
    for n in names:
        groups.setdefault(skeleton(n), {}).setdefault(_name_form(n), n)
    return [LookAlike(tuple(g.values())) for g in groups.values() if len(g) > 1]


#: Bidirectional classes that can reorder the text around a name.
_BIDI = frozenset({"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "RLI", "LRI", "FSI", "PDF", "PDI"})


def display_name(name: str) -> str:
    """A name as shown on a page or a diagram: invisible characters and direction
    controls dropped; a name with right-to-left letters or direction controls is
    isolated (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE), so it cannot reorder
    the text around it.  A plain left-to-right name is shown as it is.

    >>> display_name("\u202eanA") == "\u2068anA\u2069", display_name("مريم") == "\u2068مريم\u2069"
    (True, True)
    >>> display_name("Ana")
    'Ana'
    """
    text = clean_text(name)
    isolate = any(unicodedata.bidirectional(ch) in _BIDI for ch in text)
    if not text.isprintable():
        text = "".join(ch for ch in text if not _invisible(ch))
    text = " ".join(text.split())
    return f"\u2068{text}\u2069" if isolate else text


def display_names(names: Sequence[str]) -> list[str]:
    """:func:`display_name` for each learner of a class, and where names look alike
    (:func:`look_alikes`) or show the same once invisible characters are gone, a
    mark that tells them apart: ``Ana``, ``Ana (look-alike 2: CYRILLIC+LATIN)``.

    >>> display_names(["Ana", "\u0410na"])
    ['Ana', '\u0410na (look-alike 2: CYRILLIC+LATIN)']
    """
    seen: dict[str, list[str]] = {}
    out = []
    for n in names:
        group = seen.setdefault(skeleton(n), [])
        form = _name_form(n)
        if form not in group:
            group.append(form)
        k = group.index(form)
        shown = display_name(n)
        if k:
            mark = f" (look-alike {k + 1}: {'+'.join(scripts(n)) or 'no letters'})"
            shown = f"{shown[:-1]}{mark}\u2069" if shown.endswith("\u2069") else shown + mark
        out.append(shown)
    return out


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


def learner_path(m: ArgumentMap, learner: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """Where a learner's file for the map ``m`` goes: :func:`learner_file_name` (named
    after the map's file, else its title) in the :func:`class_folder`.  The workbench
    and the notebooks' exercises share it."""
    map_name = Path(m.path).stem if m.path else (m.title or "map")
    path = class_folder(folder) / learner_file_name(map_name, learner)
    if path.exists() or path.is_symlink():
        return path
    # a file an earlier argmap named for this learner is resumed where it is (never
    # moved: a learner's code in the app is kept beside the file's name)
    return _earlier_path(path.parent, map_name, learner) or path


def _learner_in(path: Path) -> str | None:
    try:
        from .schema import loads, read_file

        return loads(read_file(path, follow_links=False)[0]).learner
    except Exception:  # not a file we can read: left for the store to refuse, named
        return None


def _earlier_path(folder: Path, map_name: str, learner: str) -> Path | None:
    """The file an earlier argmap named for this learner, when names were case-folded
    and kept invisible characters (another ``<id>`` for "Weiß" or "A\u200bna"), if it
    is there and it is this learner's: their work is resumed, not started again."""
    form = " ".join(unicodedata.normalize("NFKC", clean_text(learner)).casefold().split())
    if not form or form == _name_form(learner):
        return None
    old = hashlib.sha256(form.encode("utf-8")).hexdigest()[:8]
    slug = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", form)).strip("-")[:40].strip("-")
    path = folder / f"{_slug(map_name) or 'map'}.{slug or 'learner'}-{old}.annotations.json"
    found = _learner_in(path)
    return path if found is not None and same_learner(found, learner) else None


def class_folder(folder: str | os.PathLike[str] | None = None) -> Path:
    """The class folder: where learners' files are saved and the seminar reads them.

    ``folder`` (a notebook parameter) wins; otherwise the environment variable
    ``ARGMAP_CLASS_DIR``; otherwise ``out`` beside the notebook.  ``~`` is expanded.
    """
    chosen = os.fspath(folder) if folder is not None and os.fspath(folder).strip() else None
    chosen = chosen or os.environ.get(CLASS_DIR_ENV, "").strip() or DEFAULT_CLASS_DIR
    return Path(chosen).expanduser()
