"""A learner's code: what keeps one learner's file theirs in the code-free app.

In the Voilà app anyone can type any name, so a name alone would open anyone's
work.  The first time a learner starts, they choose a short code; it is stored as a
salted scrypt hash (never the code itself) in the class folder's hidden
``.argmap-codes/`` folder, one file per learner file.  Later the same name (in any
letter case: it is the same learner file) opens only with the same code; a wrong
code is refused and nothing is opened or changed.  The teacher resets a forgotten
code with :func:`reset_code` (or by deleting that learner's ``.code`` file): the
learner then chooses a new one, and their work is kept.

What it protects against: a classmate who types another learner's name in the app.
What it does not: anyone who can read or write the class folder itself (the
teacher, an account on the machine), someone watching the network when the app is
served without HTTPS, or a learner who tells their code.  On a JupyterHub each
learner logs in as themselves instead, and needs no code.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> file = folder / "map.ana-24d4b96f.annotations.json"
>>> check_code(file, "4711")     # first use: the code is chosen
'chosen'
>>> check_code(file, "4711"), check_code(file, "1234")
('matches', 'wrong')
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Literal

from ..errors import ArgmapError

__all__ = [
    "CODES_FOLDER",
    "MIN_CODE_LENGTH",
    "CodeError",
    "check_code",
    "code_file",
    "has_code",
    "reset_code",
]

#: The hidden folder beside the learners' files that holds their codes' hashes (hidden:
#: the seminar and ``collect`` read only the folder's visible ``*.json`` files).
CODES_FOLDER = ".argmap-codes"
#: The shortest code a learner may choose.
MIN_CODE_LENGTH = 4
#: The longest code read (a longer one is refused before it is hashed).
MAX_CODE_LENGTH = 200
#: scrypt's cost: about 16 MiB and some tens of milliseconds per check.
_N, _R, _P = 2**14, 8, 1
#: A code file is a few hundred bytes; anything bigger is not ours.
_MAX_FILE = 4096


class CodeError(ArgmapError):
    """A code that cannot be chosen (too short), or a code file that cannot be read."""


def code_file(learner_file: str | os.PathLike[str]) -> Path:
    """Where the hash of the code for ``learner_file`` is kept."""
    p = Path(learner_file)
    stem = p.name.removesuffix(".json")
    return p.parent / CODES_FOLDER / f"{stem}.code"


def has_code(learner_file: str | os.PathLike[str]) -> bool:
    """Whether the learner of ``learner_file`` has chosen a code."""
    return code_file(learner_file).exists()


def _hash(code: str, salt: bytes) -> bytes:
    return hashlib.scrypt(code.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)


def _normal(code: str) -> str:
    code = code.strip()
    if len(code) > MAX_CODE_LENGTH:
        raise CodeError(f"the code is over {MAX_CODE_LENGTH} characters: choose a shorter one")
    return code


def _read(path: Path) -> tuple[bytes, bytes]:
    try:
        with path.open("rb") as f:
            raw = f.read(_MAX_FILE + 1)
        if len(raw) > _MAX_FILE:
            raise ValueError("too big")
        data = json.loads(raw.decode("utf-8"))
        if data.get("algorithm") != "scrypt" or (data.get("n"), data.get("r"), data.get("p")) != (_N, _R, _P):
            raise ValueError("another algorithm")
        return bytes.fromhex(data["salt"]), bytes.fromhex(data["hash"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CodeError(
            f"the code file {path.name} cannot be read ({exc}): ask your teacher to reset your code"
        ) from None


def check_code(learner_file: str | os.PathLike[str], code: str) -> Literal["chosen", "matches", "wrong"]:
    """Check ``code`` for the learner of ``learner_file``: ``"matches"`` or ``"wrong"``;
    on first use (no code yet) the code is stored and the answer is ``"chosen"``.

    A code shorter than :data:`MIN_CODE_LENGTH` is never chosen (:class:`CodeError`).
    Two first uses at once: one chooses, the other is checked against it.
    """
    code = _normal(code)
    path = code_file(learner_file)
    if not path.exists():
        if len(code) < MIN_CODE_LENGTH:
            raise CodeError(
                f"choose a code of at least {MIN_CODE_LENGTH} characters: you will need it "
                "to open your work again"
            )
        salt = secrets.token_bytes(16)
        record = {
            "version": 1,
            "algorithm": "scrypt",
            "n": _N,
            "r": _R,
            "p": _P,
            "salt": salt.hex(),
            "hash": _hash(code, salt).hex(),
        }
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written whole to a temporary file, then linked to its name: the link fails if
        # the name exists, so of two learners choosing at once the first one's code
        # counts, and no half-written code file is ever seen.
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(record, f)
                f.flush()
                os.fsync(f.fileno())
            os.link(tmp, path)
        except FileExistsError:
            pass
        else:
            return "chosen"
        finally:
            tmp.unlink(missing_ok=True)
    salt, wanted = _read(path)
    return "matches" if hmac.compare_digest(_hash(code, salt), wanted) else "wrong"


def reset_code(learner_file: str | os.PathLike[str]) -> bool:
    """Forget the code of ``learner_file``'s learner (the teacher's reset): their next
    start chooses a new one; their work is kept.  True if there was a code."""
    try:
        code_file(learner_file).unlink()
    except FileNotFoundError:
        return False
    return True
