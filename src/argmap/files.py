"""Writing files safely: one atomic write for every output argmap makes.

A file is written to a temporary file beside it, flushed, given the mode an
ordinary new file would have (or the mode of the file it replaces), and renamed
over the target, so a reader never sees half a file and a crash never leaves
one.  ``sync`` also flushes the data and the folder entry to disk (learners'
annotation files, single exports); a batch of pictures may skip it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write", "new_file_mode"]


def new_file_mode(path: Path) -> int:
    """The mode of the file being replaced, else 0666 less the umask (a temporary
    file is created 0600, which would otherwise stick)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: str | os.PathLike[str], data: bytes, *, sync: bool = True) -> None:
    """Write ``data`` to ``path`` all at once (temporary file + rename); ``OSError`` on failure."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = new_file_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if sync:
                os.fsync(f.fileno())
            os.fchmod(f.fileno(), mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if sync and hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        with contextlib.suppress(OSError):
            dfd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
