"""The file on disk: read strictly (size cap, ``json`` only, every field checked, a
located diagnostic for what is wrong) and written atomically, never over a file
that is not this same learner's document."""

from __future__ import annotations

import datetime as _dt
import errno
import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import AnnotationError, ArgmapError, Diagnostic, Location, Severity
from ..files import atomic_write
from ..model import ArgumentMap, Basis
from .identity import fingerprint, missing_keys
from .keys import _ADDED_ID, Key, parse_key
from .values import AddedNode, Annotations, Answer, HistoryEntry, NodeAnnotation, _check_added_target
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
    clean_text,
)

# -- reading files ---------------------------------------------------------------------------------


class _Shape(Exception):
    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.json_path = path
        self.message = message


def _damaged(
    path: str | None, message: str, location: Location | None = None, hint: str | None = None
) -> AnnotationError:
    return AnnotationError(
        Diagnostic(
            "annotation-damaged",
            message,
            location=location or Location(),
            hint=hint or "The file is kept as it is and will not be overwritten.",
            path=path,
        )
    )


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _Shape("$", f"the key {k[:80]!r} stands twice in one object")
        out[k] = v
    return out


def _no_constant(name: str) -> Any:
    raise _Shape("$", f"{name} is not a number JSON allows")


def _jp(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f"{parent}.{key}"
    return f"{parent}[{json.dumps(key[:80], ensure_ascii=False)}]"


def _obj(value: Any, path: str, required: Iterable[str], optional: Iterable[str] = ()) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Shape(path, f"expected an object, found {_json_type(value)}")
    required = tuple(required)
    allowed = {*required, *optional}
    for k in value:
        if k not in allowed:
            raise _Shape(_jp(path, k), f"unknown field; allowed: {', '.join(sorted(allowed))}")
    for k in required:
        if k not in value:
            raise _Shape(path, f"the field {k!r} is missing")
    return value


def _mapping(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Shape(path, f"expected an object, found {_json_type(value)}")
    return value


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _str(value: Any, path: str, limit: int = MAX_NOTE, *, null: bool = False) -> Any:
    if value is None and null:
        return None
    if not isinstance(value, str):
        raise _Shape(path, f"expected a string, found {_json_type(value)}")
    if len(value) > limit:
        raise _Shape(path, f"the text is {len(value):,} characters long; the limit is {limit:,}")
    return clean_text(value)


def _time(value: Any, path: str) -> str:
    text: str = _str(value, path, 40)
    try:
        _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise _Shape(path, f"{text!r} is not an ISO 8601 time such as 2025-01-17T09:30:00Z") from None
    return text


def _choice(value: Any, path: str, valid: Iterable[str]) -> str:
    valid = tuple(valid)
    if value not in valid:
        raise _Shape(path, f"{str(value)[:40]!r} is not one of: {', '.join(valid)}")
    return str(value)


#: A node's fields of version 2: the learner's weighing.  Absent in older files: none.
_WEIGHING = ("strength", "verdict", "reason")


def _node(value: Any, path: str, key: Key, added_ids: set[str]) -> NodeAnnotation:
    if key.kind == "added" and key.title not in added_ids:
        raise _Shape(path, f"there is no added node {key.title!r}")
    obj = _obj(value, path, (), ("judgement", "flags", "note", "answers", *_WEIGHING))
    judgement = obj.get("judgement")
    if judgement is not None:
        valid = INFERENCE_JUDGEMENTS if key.is_inference else STATEMENT_JUDGEMENTS
        judgement = _choice(judgement, _jp(path, "judgement"), valid)
    flags_raw = obj.get("flags", [])
    if not isinstance(flags_raw, list):
        raise _Shape(_jp(path, "flags"), f"expected a list, found {_json_type(flags_raw)}")
    flags = tuple(
        dict.fromkeys(_choice(f, _jp(_jp(path, "flags"), i), FLAGS) for i, f in enumerate(flags_raw))
    )
    note = _str(obj.get("note", ""), _jp(path, "note"))
    answers: dict[int, Answer] = {}
    answers_raw = _mapping(obj.get("answers", {}), _jp(path, "answers"))
    if answers_raw and not key.is_inference:
        raise _Shape(
            _jp(path, "answers"), "only inferences (<Argument>, <Argument>#2) have critical questions"
        )
    for q, a in answers_raw.items():
        qpath = _jp(_jp(path, "answers"), q)
        if not re.fullmatch(r"[1-9][0-9]{0,3}", q):
            raise _Shape(qpath, "critical questions are numbered 1, 2, 3 …")
        aobj = _obj(a, qpath, ("answer",), ("note",))
        answers[int(q)] = Answer(
            _choice(aobj["answer"], _jp(qpath, "answer"), ANSWERS),
            _str(aobj.get("note", ""), _jp(qpath, "note")),
        )
    if key.is_inference:
        for name in _WEIGHING:
            if name in obj:
                raise _Shape(
                    _jp(path, name), "a strength, verdict or reason belongs to a statement, not a step"
                )
    strength = obj.get("strength")
    if strength is not None:
        strength = _choice(strength, _jp(path, "strength"), STRENGTH_WORDS)
    verdict = obj.get("verdict")
    if verdict is not None:
        verdict = _choice(verdict, _jp(path, "verdict"), VERDICT_WORDS)
    reason = _str(obj.get("reason", ""), _jp(path, "reason"))
    return NodeAnnotation(judgement, flags, note, answers, strength, verdict, reason)


def _from_json(data: Any) -> Annotations:
    top = _obj(
        data,
        "$",
        ("format", "version", "learner", "map", "created", "updated", "nodes"),
        ("id", "added", "history", "exercises"),
    )
    mp = _obj(top["map"], "$.map", ("fingerprint",), ("title",))
    fp = _str(mp["fingerprint"], "$.map.fingerprint", 100, null=True)
    if fp is not None and not re.fullmatch(r"sha256:[0-9a-f]{64}", fp):
        raise _Shape("$.map.fingerprint", "expected sha256: and 64 hexadecimal digits")
    added_raw = top.get("added", [])
    if not isinstance(added_raw, list):
        raise _Shape("$.added", f"expected a list, found {_json_type(added_raw)}")
    added: list[AddedNode] = []
    ids: set[str] = set()
    for i, a in enumerate(added_raw):
        path = f"$.added[{i}]"
        obj = _obj(a, path, ("id", "kind", "target", "text"), ("quote", "basis"))
        aid = _str(obj["id"], _jp(path, "id"), 20)
        if not _ADDED_ID.fullmatch(aid) or aid in ids:
            raise _Shape(_jp(path, "id"), f"{aid!r} is not a new id of the form added-N")
        ids.add(aid)
        kind = _choice(obj["kind"], _jp(path, "kind"), ADDED_KINDS)
        target = _str(obj["target"], _jp(path, "target"), 2 * MAX_NAME + 8)
        try:
            _check_added_target(kind, parse_key(target))
        except ValueError as e:
            raise _Shape(_jp(path, "target"), str(e)) from None
        basis = obj.get("basis")
        if basis is not None:
            basis = _choice(basis, _jp(path, "basis"), [b.value for b in Basis])
            if kind != "evidence":
                raise _Shape(_jp(path, "basis"), f"only evidence has a basis, not an added {kind}")
        added.append(
            AddedNode(
                aid,
                kind,
                target,
                _str(obj["text"], _jp(path, "text")),
                _str(obj.get("quote"), _jp(path, "quote"), null=True),
                basis,
            )
        )
    for i, a in enumerate(added):
        if a.target.startswith("added-") and a.target not in ids:
            raise _Shape(f"$.added[{i}].target", f"there is no added node {a.target!r}")
    nodes_raw = _mapping(top["nodes"], "$.nodes")
    nodes: dict[str, NodeAnnotation] = {}
    for k, v in nodes_raw.items():
        path = _jp("$.nodes", k)
        try:
            key = parse_key(k)
        except ValueError as e:
            raise _Shape(path, str(e)) from None
        node = _node(v, path, key, ids)
        if not node.is_empty:
            nodes[k] = node
    history_raw = top.get("history", [])
    if not isinstance(history_raw, list):
        raise _Shape("$.history", f"expected a list, found {_json_type(history_raw)}")
    history = []
    for i, h in enumerate(history_raw[-MAX_HISTORY:]):
        path = f"$.history[{i}]"
        obj = _obj(h, path, ("at", "change"))
        history.append(
            HistoryEntry(_time(obj["at"], _jp(path, "at")), _str(obj["change"], _jp(path, "change"), 1000))
        )
    exercises: dict[str, dict[str, str]] = {}
    for book, answers in _mapping(top.get("exercises", {}), "$.exercises").items():
        bpath = _jp("$.exercises", book)
        if not book.strip() or len(book) > MAX_EXERCISE_ID:
            raise _Shape(bpath, f"a notebook's name has 1 to {MAX_EXERCISE_ID} characters")
        for ex, answer in _mapping(answers, bpath).items():
            if not ex.strip() or len(ex) > MAX_EXERCISE_ID:
                raise _Shape(_jp(bpath, ex), f"an exercise id has 1 to {MAX_EXERCISE_ID} characters")
            text = _str(answer, _jp(bpath, ex))
            if text:
                exercises.setdefault(clean_text(book), {})[clean_text(ex)] = text
    return Annotations(
        learner=_str(top["learner"], "$.learner", MAX_NAME),
        map_title=_str(mp.get("title"), "$.map.title", 2000, null=True),
        fingerprint=fp,
        id=_str(top.get("id", ""), "$.id", 64),
        created=_time(top["created"], "$.created"),
        updated=_time(top["updated"], "$.updated"),
        nodes=nodes,
        added=tuple(added),
        history=tuple(history),
        exercises=exercises,
    )


def loads(data: bytes | str, m: ArgumentMap | None = None, *, path: str | None = None) -> Annotations:
    """Read annotations from the bytes of a file; see :func:`load`."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if len(raw) > MAX_BYTES:
        raise AnnotationError(
            Diagnostic(
                "file-too-large",
                f"the annotation file is {len(raw):,} bytes; "
                f"argmap reads annotation files up to {MAX_BYTES:,} bytes",
                path=path,
                hint="This is not a file argmap wrote. It is kept as it is and will not be overwritten.",
            )
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        loc = Location(before.count(b"\n") + 1, e.start - (before.rfind(b"\n") + 1) + 1)
        raise _damaged(path, f"the file is not UTF-8 text (byte {e.start})", loc) from None
    try:
        obj = json.loads(text, object_pairs_hook=_pairs, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise _damaged(path, f"the file is not valid JSON: {e.msg}", Location(e.lineno, e.colno)) from None
    except _Shape as e:
        raise _damaged(path, f"the file is not valid annotation JSON: {e.message}") from None
    except (RecursionError, ValueError) as e:  # absurd nesting; numbers with too many digits
        raise _damaged(path, f"the file is not usable JSON: {type(e).__name__}") from None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise _damaged(
            path,
            f'this is not an argmap annotation file ("format" should be "{FORMAT}")',
            hint="Check the file name: the file is kept as it is and will not be overwritten.",
        )
    version = obj.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _damaged(path, f"$.version: expected a whole number from 1, found {str(version)[:20]!r}")
    if version > VERSION:
        raise AnnotationError(
            Diagnostic(
                "annotation-newer",
                f"the annotation file has version {version}; this argmap reads versions up to {VERSION}",
                path=path,
                hint="Update argmap (pip install -U argmap). "
                "The file is kept as it is and will not be overwritten.",
            )
        )
    try:
        ann = _from_json(obj)
    except _Shape as e:
        raise _damaged(path, f"{e.json_path}: {e.message}") from None
    if m is not None:
        ann = check_map(ann, m, path)
    return ann


def check_map(ann: Annotations, m: ArgumentMap, path: str | None) -> Annotations:
    """``ann`` checked against the map ``m``: used as it is, used with a warning when
    the map changed but every key still names something, else refused
    (``annotation-foreign``, naming up to five missing keys), also when the file
    states the map's own fingerprint."""
    fp = fingerprint(m)
    # every key is checked, whatever fingerprint the file states: the fingerprint is
    # public, so a file can carry the map's own and still name what the map lacks
    missing = missing_keys(ann, m)
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        made_for = f" (they were made for {ann.map_title!r})" if ann.map_title != m.title else ""
        raise AnnotationError(
            Diagnostic(
                "annotation-foreign",
                f"these annotations belong to another map{made_for}: they name {shown}, "
                "which this map does not have",
                path=path,
                hint="Open them with the map they were made for. The file is kept as it is "
                "and will not be overwritten.",
            )
        )
    if ann.fingerprint in (fp, None):
        return ann
    warning = Diagnostic(
        "annotation-foreign",
        "the map has changed since these annotations were saved; everything they refer to "
        "is still in it, so they are used with the changed map",
        severity=Severity.WARNING,
        path=path,
        hint="Check your judgements of statements whose wording changed.",
    )
    return replace(ann, diagnostics=(*ann.diagnostics, warning))


def load(path: str | os.PathLike[str], m: ArgumentMap | None = None) -> Annotations:
    """Read a learner's annotation file, checked; with ``m``, check it belongs to that map.

    Raises :class:`AnnotationError` (``annotation-damaged``, ``annotation-foreign``,
    ``annotation-newer`` or ``file-too-large``); the file is never modified.  A file
    whose map changed but whose every node still exists loads with a warning in
    ``diagnostics``.
    """
    shown = str(path)
    try:
        raw, _ = read_file(path, shown)
    except FileNotFoundError:
        raise ArgmapError(f"{shown}: no such file") from None
    return loads(raw, m, path=shown)


#: What a path that is not a regular file is, for a refusal.
_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFLNK: "a symbolic link",
}
_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
)


def _refused(shown: str, message: str, code: str = "annotation-damaged") -> AnnotationError:
    return AnnotationError(Diagnostic(code, message, path=shown))


def read_file(
    path: str | os.PathLike[str], shown: str | None = None, *, follow_links: bool = True
) -> tuple[bytes, os.stat_result]:
    """The bytes of an annotation file and its status, read without blocking: opened
    with ``O_NONBLOCK`` (and ``O_NOFOLLOW`` unless ``follow_links``), then checked on
    the open file (``fstat``) to be a regular file within the size limit, so a FIFO, a
    device or a link swapped in after a look at the folder is refused, never waited
    on.  Raises :class:`AnnotationError` naming the file and the reason
    (``FileNotFoundError`` for a file that is not there)."""
    shown = os.fspath(path) if shown is None else shown
    flags = _OPEN_FLAGS | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise _refused(
                shown, "this is a symbolic link; argmap does not follow links to learners' files"
            ) from None
        if e.errno == errno.ENAMETOOLONG:
            raise _refused(shown, "the path is too long to open") from None
        raise _refused(shown, f"the file cannot be read: {e.strerror or e}") from None
    except ValueError:  # a NUL in the name
        raise _refused(shown, "not a usable file name") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = _KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
            raise _refused(shown, f"this is {kind}, not a learner's file; only regular files are read")
        if st.st_size > MAX_BYTES:
            raise _refused(
                shown,
                f"the annotation file is {st.st_size:,} bytes; argmap reads annotation files up to "
                f"{MAX_BYTES:,} bytes",
                "file-too-large",
            )
        os.set_blocking(fd, True)
        raw = b""
        while len(raw) <= MAX_BYTES:
            chunk = os.read(fd, MAX_BYTES + 1 - len(raw))
            if not chunk:
                break
            raw += chunk
    except OSError as e:
        raise _refused(shown, f"the file cannot be read: {e.strerror or e}") from None
    finally:
        os.close(fd)
    return raw, st


# -- writing files ---------------------------------------------------------------------------------


def _to_json(ann: Annotations) -> dict[str, Any]:
    nodes: dict[str, Any] = {}
    for k, a in ann.nodes.items():
        entry: dict[str, Any] = {}
        if a.judgement is not None:
            entry["judgement"] = a.judgement
        if a.flags:
            entry["flags"] = list(a.flags)
        if a.note:
            entry["note"] = a.note
        if a.answers:
            entry["answers"] = {
                str(q): ({"answer": x.answer, "note": x.note} if x.note else {"answer": x.answer})
                for q, x in a.answers.items()
            }
        if a.strength is not None:
            entry["strength"] = a.strength
        if a.verdict is not None:
            entry["verdict"] = a.verdict
        if a.reason:
            entry["reason"] = a.reason
        nodes[k] = entry
    added = []
    for n in ann.added:
        item = {"id": n.id, "kind": n.kind, "target": n.target, "text": n.text}
        if n.quote is not None:
            item["quote"] = n.quote
        if n.basis is not None:
            item["basis"] = n.basis
        added.append(item)
    return {
        "format": FORMAT,
        # the lowest version that holds it: files without a weighing stay readable by older argmaps
        "version": VERSION if ann.exercises or any(a.weighs for a in ann.nodes.values()) else 1,
        "id": ann.id,
        "learner": ann.learner,
        "map": {"title": ann.map_title, "fingerprint": ann.fingerprint},
        "created": ann.created,
        "updated": ann.updated,
        "nodes": nodes,
        "added": added,
        "history": [{"at": h.at, "change": h.change} for h in ann.history],
        **({"exercises": {k: dict(v) for k, v in ann.exercises.items()}} if ann.exercises else {}),
    }


def dumps(ann: Annotations) -> bytes:
    """The file's bytes: indented UTF-8 JSON, ending in a newline.  Over
    :data:`MAX_BYTES`, the oldest history entries are left out first."""
    history = ann.history
    while True:
        data = (
            json.dumps(_to_json(replace(ann, history=history)), ensure_ascii=False, indent=2) + "\n"
        ).encode("utf-8")
        if len(data) <= MAX_BYTES or not history:
            return data
        history = history[len(history) // 2 + 1 :]


def _check_size(data: bytes, shown: str) -> None:
    if len(data) > MAX_BYTES:
        raise AnnotationError(
            Diagnostic(
                "file-too-large",
                f"these annotations would take {len(data):,} bytes; the limit is {MAX_BYTES:,}",
                path=shown,
                hint="Shorten some notes. The file on disk keeps the last change that fitted.",
            )
        )


def save(path: str | os.PathLike[str], ann: Annotations) -> None:
    """Write ``ann`` atomically: a temporary file in the same folder, flushed and
    synced, then renamed over ``path``.

    An existing file is replaced only if it is this same annotation document (same
    ``id`` and learner); a damaged, foreign or newer file raises
    :class:`AnnotationError` and stays as it is.
    """
    p = Path(path)
    shown = str(path)
    data = dumps(ann)
    _check_size(data, shown)
    if p.exists() or p.is_symlink():
        try:
            old = load(p)
        except AnnotationError as e:
            d = e.diagnostic
            raise AnnotationError(
                replace(d, message=f"will not overwrite {p.name}: {d.message}", path=shown)
            ) from None
        if (old.id, old.learner) != (ann.id, ann.learner):
            raise AnnotationError(
                Diagnostic(
                    "annotation-foreign",
                    f"will not overwrite {p.name}: it holds other annotations "
                    f"(learner {old.learner!r}, started {old.created})",
                    path=shown,
                    hint="Choose another file name. The file is kept as it is.",
                )
            )
    atomic_write(p, data, mode=0o600)  # a learner's work: readable by its owner only
