"""The learner's annotation file: what one learner thinks of one map.

One small, versioned JSON file per learner (documented in ``docs/annotations.md``).
It holds judgements (accept / doubt / reject a statement; strong / weak / none for
an inference step), flags, notes, answers to critical questions, the learner's
weighing (how strong each objection is; a verdict on the thesis with a reason) and
the nodes a learner added.  Values are immutable: every change is a pure method that returns
a new :class:`Annotations`.

Files are untrusted input: :func:`load` caps the size, parses with ``json`` only
and checks the shape strictly; a damaged file, a file for another map and a file
from a newer argmap are refused with an :class:`~argmap.errors.AnnotationError`
and never modified.  :func:`save` writes a temporary file beside the target and
renames it, and refuses to overwrite a file that is not this learner's.

>>> ann = Annotations.new("Ana").with_judgement("[Either-or]", "reject")
>>> ann.judgement("[Either-or]")
'reject'
>>> ann.with_judgement("[Either-or]", "maybe")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: 'maybe' is not a judgement for a statement; use one of: accept, doubt, reject, ...

The package's modules, each one job (the names below are the package's API, as
before it was split): ``vocabulary`` (the words and limits of the file, text
cleaning), ``keys`` (node keys), ``names`` (learners' file names, the class
folder), ``values`` (the immutable annotations), ``identity`` (which map a file
belongs to), ``schema`` (reading and writing files), ``store`` (the workbench's
file, merged across windows).
"""

from __future__ import annotations

from .identity import fingerprint, missing_keys
from .keys import Key, key_of, link_key, parse_key, step_key
from .names import (
    CLASS_DIR_ENV,
    DEFAULT_CLASS_DIR,
    LookAlike,
    class_folder,
    display_name,
    display_names,
    learner_file_name,
    learner_id,
    learner_path,
    look_alikes,
    same_learner,
    scripts,
    skeleton,
)
from .schema import check_map, dumps, load, loads, read_file, save
from .store import STALE_TMP_SECONDS, AnnotationStore, Merge, describe_change, remove_stale_temporaries
from .values import AddedNode, Annotations, Answer, HistoryEntry, NodeAnnotation
from .vocabulary import (
    ADDED_KINDS,
    ANSWERS,
    FLAGS,
    FORMAT,
    INFERENCE_JUDGEMENTS,
    MAX_BYTES,
    MAX_EXERCISE_ID,
    MAX_HISTORY,
    MAX_NAME,
    MAX_NOTE,
    STATEMENT_JUDGEMENTS,
    STRENGTH_WORDS,
    VERDICT_WORDS,
    VERSION,
    AddedKind,
    clean_text,
)

__all__ = [
    "ADDED_KINDS",
    "ANSWERS",
    "CLASS_DIR_ENV",
    "DEFAULT_CLASS_DIR",
    "FLAGS",
    "FORMAT",
    "INFERENCE_JUDGEMENTS",
    "MAX_BYTES",
    "MAX_EXERCISE_ID",
    "MAX_HISTORY",
    "MAX_NAME",
    "MAX_NOTE",
    "STALE_TMP_SECONDS",
    "STATEMENT_JUDGEMENTS",
    "STRENGTH_WORDS",
    "VERDICT_WORDS",
    "VERSION",
    "AddedKind",
    "AddedNode",
    "AnnotationStore",
    "Annotations",
    "Answer",
    "HistoryEntry",
    "Key",
    "LookAlike",
    "Merge",
    "NodeAnnotation",
    "check_map",
    "class_folder",
    "clean_text",
    "describe_change",
    "display_name",
    "display_names",
    "dumps",
    "fingerprint",
    "key_of",
    "learner_file_name",
    "learner_id",
    "learner_path",
    "link_key",
    "load",
    "loads",
    "look_alikes",
    "missing_keys",
    "parse_key",
    "read_file",
    "remove_stale_temporaries",
    "same_learner",
    "save",
    "scripts",
    "skeleton",
    "step_key",
]
