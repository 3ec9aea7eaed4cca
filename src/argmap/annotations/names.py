"""Learners' names and files: one file per learner for any name, the same learner
whatever letter case they type, and the class folder one setting names."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from .vocabulary import clean_text

if TYPE_CHECKING:
    from ..model import ArgumentMap

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


def learner_path(m: ArgumentMap, learner: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """Where a learner's file for the map ``m`` goes: :func:`learner_file_name` (named
    after the map's file, else its title) in the :func:`class_folder`.  The workbench
    and the notebooks' exercises share it."""
    map_name = Path(m.path).stem if m.path else (m.title or "map")
    return class_folder(folder) / learner_file_name(map_name, learner)


def class_folder(folder: str | os.PathLike[str] | None = None) -> Path:
    """The class folder: where learners' files are saved and the seminar reads them.

    ``folder`` (a notebook parameter) wins; otherwise the environment variable
    ``ARGMAP_CLASS_DIR``; otherwise ``out`` beside the notebook.  ``~`` is expanded.
    """
    chosen = os.fspath(folder) if folder is not None and os.fspath(folder).strip() else None
    chosen = chosen or os.environ.get(CLASS_DIR_ENV, "").strip() or DEFAULT_CLASS_DIR
    return Path(chosen).expanduser()
