"""Reading and writing files safely: the one door in and the one door out.

**Reading** (:func:`read_bytes`, :func:`decode_text`): a file is opened without
blocking, checked to be a regular file *on the open descriptor* (a FIFO, a device
such as ``/dev/zero``, a folder or a socket is refused before a byte is read),
read up to a size limit, and decoded as UTF-8 with a message that names UTF-16
and UTF-32 when that is what the file is.

**Writing** (:func:`atomic_write`, :func:`write_output`): a file is written to a
temporary file beside it, flushed, given the mode an ordinary new file would have
(or the mode of the file it replaces), and renamed over the target, so a reader
never sees half a file and a crash never leaves one.  ``sync`` also flushes the
data and the folder entry to disk (learners' annotation files, single exports); a
batch of pictures may skip it.

**A command's inputs are never its outputs.**  Inside :func:`guard` (the CLI runs
every command in one), every file read through :func:`read_bytes`, or named with
:func:`note_read`, is remembered, and :func:`atomic_write` refuses to replace any
of them (the same file by path or by inode, so hard links count too).
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import Diagnostic, Location, MapError, OutputError, ReadError

#: Maps are small texts; anything bigger than this is refused unread.
MAX_MAP_BYTES = 2 * 1024 * 1024

__all__ = [
    "MAX_MAP_BYTES",
    "OUTPUT_EXTENSIONS",
    "PICTURE_FORMATS",
    "atomic_write",
    "check_output",
    "check_regular",
    "decode_text",
    "guard",
    "new_file_mode",
    "note_read",
    "read_text",
    "read_bytes",
    "remove_stale_temporaries",
    "was_read",
    "write_output",
    "writing",
]

#: The formats a map's picture is drawn in (``dot`` is the DOT text itself, no Graphviz):
#: ``render`` and ``argmap render`` read them, with their endings, from here.
PICTURE_FORMATS = ("svg", "png", "pdf", "dot")

#: The file endings each output format may be written under (the first is the usual one).
OUTPUT_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "svg": (".svg",),
    "png": (".png",),
    "pdf": (".pdf",),
    "dot": (".dot", ".gv"),
    "markdown": (".md", ".markdown", ".txt"),
    "argdown": (".argdown", ".ad"),
    "aif": (".json", ".aif"),
    "json": (".json",),
}


# -- what the running command has read ----------------------------------------------------


class _Reads:
    """Files read so far: resolved paths and (device, inode) pairs."""

    def __init__(self) -> None:
        self.paths: set[Path] = set()
        self.inodes: set[tuple[int, int]] = set()

    def add(self, path: Path, st: os.stat_result | None) -> None:
        with contextlib.suppress(OSError, RuntimeError):
            self.paths.add(path.resolve())
        if st is not None:
            self.inodes.add((st.st_dev, st.st_ino))

    def holds(self, path: Path) -> bool:
        try:
            if path.resolve() in self.paths:
                return True
            st = path.stat()
        except (OSError, RuntimeError):
            return False
        return (st.st_dev, st.st_ino) in self.inodes


_READS: contextvars.ContextVar[_Reads | None] = contextvars.ContextVar("argmap_reads", default=None)


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Within this block, no file read (or noted) may be written over.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d, guard():
    ...     p = pathlib.Path(d, "map.argdown"); _ = p.write_text("[A]: a")
    ...     _ = read_bytes(p, limit=100)
    ...     try:
    ...         atomic_write(p, b"overwritten")
    ...     except OutputError as e:
    ...         print(e.named_badly, "refused")
    True refused
    """
    token = _READS.set(_Reads())
    try:
        yield
    finally:
        _READS.reset(token)


def note_read(*paths: str | os.PathLike[str] | None) -> None:
    """Remember files the running command reads by other means (annotation files, learners' files)."""
    reads = _READS.get()
    if reads is None:
        return
    for p in paths:
        if p is None:
            continue
        path = Path(p)
        try:
            st: os.stat_result | None = path.stat()
        except (OSError, ValueError):
            st = None
        reads.add(path, st)


def was_read(path: str | os.PathLike[str]) -> bool:
    """Whether the running command (inside :func:`guard`) has read this file."""
    reads = _READS.get()
    return reads is not None and reads.holds(Path(path))


# -- reading -------------------------------------------------------------------------------

_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "no such file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return exc.strerror or type(exc).__name__


def read_bytes(
    path: str | os.PathLike[str],
    *,
    limit: int,
    what: str = "map",
    nofollow: bool = False,
    name: str | None = None,
) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    A missing or unreadable path, or one that is not a regular file (a folder, FIFO,
    device, socket), raises :class:`~argmap.errors.ReadError` without reading; a file over
    ``limit`` bytes raises :class:`MapError` (``file-too-large``).  ``nofollow``
    refuses a symbolic link as the last part of the path (for paths resolved already);
    ``name`` is how messages show the file (default: the path).
    """
    shown = name or os.fspath(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    if nofollow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ReadError(shown, _os_reason(exc)) from None
    except ValueError:  # a NUL in the name
        raise ReadError(repr(shown), "not a usable file name") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = _KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
            raise ReadError(shown, f"is {kind}, not a regular file; argmap reads only regular files")
        if st.st_size > limit:
            raise _too_large(shown, st.st_size, limit, what)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # grew while we read it
            raise _too_large(shown, size, limit, what)
    except OSError as exc:
        raise ReadError(shown, _os_reason(exc)) from None
    finally:
        os.close(fd)
    reads = _READS.get()
    if reads is not None:
        reads.add(Path(path), st)
    return b"".join(chunks)


def check_regular(path: str | os.PathLike[str]) -> None:
    """:class:`~argmap.errors.ReadError` unless ``path`` is an existing regular file
    (after links): for readers that open files themselves, so that a FIFO or a
    device is refused before anything blocks on it."""
    shown = os.fspath(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ReadError(shown, _os_reason(exc)) from None
    except ValueError:
        raise ReadError(repr(shown), "not a usable file name") from None
    if not stat.S_ISREG(st.st_mode):
        kind = _KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
        raise ReadError(shown, f"is {kind}, not a regular file; argmap reads only regular files")


def _too_large(shown: str, size: int, limit: int, what: str) -> MapError:
    return MapError(
        [
            Diagnostic(
                "file-too-large",
                f"the file is {size:,} bytes or more; {what} files are limited to {limit:,} bytes",
                Location(1, 1),
                path=shown,
                hint="split the file, or check that this is the right file",
            )
        ]
    )


_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """``"UTF-16"``/``"UTF-32"`` if ``data`` looks like text in one of them, else ``None``."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 4 >= len(head):  # ASCII text in UTF-16: every other byte 0
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) * 3 >= len(head) and min(even, odd) * 8 <= len(head):
            return "UTF-16"
    return None


def decode_text(data: bytes, path: str | None, *, code: str, what: str = "map") -> str:
    """``data`` as UTF-8 text (a byte-order mark is allowed), or :class:`MapError`
    with ``code`` at the first bad byte; UTF-16 and UTF-32 files are named as such."""
    wide = _wide_encoding(data) if b"\x00" in data[:4096] or data[:1] in (b"\xff", b"\xfe") else None
    if wide is not None:
        raise MapError(
            [
                Diagnostic(
                    code,
                    f"this {what} file is {wide}, not UTF-8",
                    Location(1, 1),
                    path=path,
                    hint=f"this is {wide}; save it as UTF-8 in your editor (“Save with encoding: UTF-8”)",
                )
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise MapError(
            [
                Diagnostic(
                    code,
                    f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                    Location(line, column),
                    path=path,
                    hint="save it as UTF-8 in your editor",
                )
            ]
        ) from None


# -- writing -------------------------------------------------------------------------------


def new_file_mode(path: Path) -> int:
    """The mode of the file being replaced, else 0666 less the umask (a temporary
    file is created 0600, which would otherwise stick)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(
    path: str | os.PathLike[str], data: bytes, *, sync: bool = True, mode: int | None = None
) -> None:
    """Write ``data`` to ``path`` all at once (temporary file + rename); ``OSError`` on failure.

    ``mode`` (e.g. ``0o600`` for a learner's file: readable by its owner only) is set
    on the temporary file before it takes the name, so the file is never readable by
    others, not even for a moment; by default the replaced file's mode is kept.
    Inside :func:`guard`, a file the command read is refused with :class:`OutputError`.
    """
    target = Path(path)
    if was_read(target):
        raise OutputError(
            f"{os.fspath(path)}: refusing to write over a file this command reads; choose another output name"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = new_file_mode(target) if mode is None else mode
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:200]}.", suffix=".tmp", dir=target.parent)
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


#: ``OSError`` numbers that mean the output was named badly (exit 2), not that the disk failed.
_USAGE_ERRNOS = frozenset(
    {
        errno.EACCES,
        errno.EPERM,
        errno.EROFS,
        errno.EISDIR,
        errno.ENOTDIR,
        errno.ENAMETOOLONG,
        errno.ENOENT,
        errno.EEXIST,
    }
)


def check_output(
    path: str | os.PathLike[str],
    fmt: str,
    *,
    extensions: Iterable[str] | None = None,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Refuse, before any work, an output name that cannot be right: empty, not ending
    as ``fmt`` does (see :data:`OUTPUT_EXTENSIONS`), a folder, one of ``inputs`` or a
    file the running command has read (:class:`OutputError`, exit 2)."""
    shown = os.fspath(path)
    if not shown or "\x00" in shown:
        raise OutputError(f"{shown!r}: not a usable output file name")
    allowed = tuple(extensions) if extensions is not None else OUTPUT_EXTENSIONS[fmt]
    target = Path(shown)
    if target.suffix.lower() not in allowed:
        raise OutputError(f"{shown}: a {fmt.upper()} output must end in {' or '.join(allowed)}")
    with writing(shown):
        if target.is_dir():
            raise OutputError(f"{shown}: is a folder; name a file to write")
    if was_read(target) or any(_same_file(target, Path(p)) for p in inputs):
        raise OutputError(f"{shown}: refusing to write over a file this command reads; choose another name")
    return target


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except (OSError, RuntimeError, ValueError):
        return False


@contextlib.contextmanager
def writing(path: str | os.PathLike[str]) -> Iterator[None]:
    """Turn an ``OSError`` raised while writing ``path`` into a one-line
    :class:`OutputError`: exit 2 when the output was named badly (a read-only
    place, a missing folder, a name too long), 1 when the disk failed."""
    shown = os.fspath(path)
    try:
        yield
    except OSError as exc:
        reason = _os_reason(exc) if exc.errno != errno.ENOENT else "the folder does not exist"
        if exc.errno == errno.ENOSPC:
            reason = "the disk is full (an earlier file of that name is unchanged)"
        raise OutputError(f"cannot write {shown}: {reason}", named_badly=exc.errno in _USAGE_ERRNOS) from None


def write_output(
    path: str | os.PathLike[str],
    data: bytes,
    fmt: str,
    *,
    sync: bool = True,
    extensions: Iterable[str] | None = None,
) -> Path:
    """Write one output of a command: :func:`check_output`, then :func:`atomic_write`
    under :func:`writing`, so every failure is an :class:`OutputError` with a one-line
    message (exit 2 for a badly named output, 1 for a failing disk)."""
    target = check_output(path, fmt, extensions=extensions)
    with writing(path):
        atomic_write(target, data, sync=sync)
    remove_stale_temporaries(target)
    return target


#: A temporary file of an earlier write older than this (seconds) was left by a killed process.
STALE_SECONDS = 600


def remove_stale_temporaries(target: str | os.PathLike[str]) -> int:
    """Delete the temporary files that killed writes of ``target`` left beside it
    (``.NAME.*.tmp``, regular files older than :data:`STALE_SECONDS`); how many."""
    import glob
    import time

    t = Path(target)
    removed = 0
    now = time.time()
    for p in t.parent.glob(f".{glob.escape(t.name[:200])}.*.tmp"):
        with contextlib.suppress(OSError):
            st = p.lstat()
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_SECONDS:
                p.unlink()
                removed += 1
    return removed


def read_text(
    path: str | os.PathLike[str],
    *,
    limit: int = MAX_MAP_BYTES,
    what: str = "map",
    code: str = "syntax-error",
) -> str:
    """A file's text (UTF-8, BOM tolerated), refusing huge or binary files.

    A file too large or not UTF-8 raises :class:`MapError` (``file-too-large``, or
    ``code`` at the first bad byte, naming UTF-16); a missing or unreadable path, or
    one that is not a regular file (folder, FIFO, device), raises :class:`ArgmapError`
    before anything is read.  ``what`` names the kind of file in the messages.
    """
    data = read_bytes(path, limit=limit, what=what)
    return decode_text(data, str(path), code=code, what=what)
