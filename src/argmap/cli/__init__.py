"""The ``argmap`` command: thin — parse arguments, call the library, print diagnostics.

Exit status: 0 clean (warnings allowed), 1 errors in the input, 2 wrong usage.
Never a traceback: an :class:`~argmap.errors.ArgmapError` is shown as the message
it carries, an ``OSError`` as one line, and anything else as "this is a bug in
argmap; please report it" with the input it happened on (``--debug`` shows the
stack instead).  Commands that read several inputs report a failure for one input
and go on with the next.

Every command runs inside :func:`argmap.files.guard` (no output may replace a file
the command read) and :func:`argmap.checking.source.allowing` (the folders ``--allow`` names,
from which maps may read their source texts).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence

from ..errors import DEBUG, ArgmapError, FocusError, MapError, OutputError, bug_message
from .common import UsageError, one_line
from .parser import build_parser

TYPE_CHECKING = False  # not typing's: importing it would slow every command's start
if TYPE_CHECKING:
    from typing import TextIO

__all__ = ["build_parser", "exit_code", "main"]

#: A usage slip: what argparse exits with for a bad command line.
USAGE = 2


def exit_code(exc: ArgmapError) -> int:
    """The exit code of a library error (the errors know nothing of the command line):
    2 for a usage slip (the command line asks for the impossible, a ``--focus`` that
    names nothing, an output named badly), else 1 (a map with errors, a file that
    cannot be read, Graphviz failing, a disk failing)."""
    if isinstance(exc, (UsageError, FocusError)):
        return USAGE
    if isinstance(exc, OutputError):
        return USAGE if exc.named_badly else 1
    return 1


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """SIGTERM (what ``kill`` and a stopping notebook server send) ends the command
    like Ctrl-C does, so ``dot`` is stopped and no temporary file is left."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _inputs(args: argparse.Namespace) -> str | None:
    """The input files a command was given, for a message about an unexpected error."""
    names = [getattr(args, k, None) for k in ("file", "map", "learner", "reference")]
    names += list(getattr(args, "files", None) or [])
    shown = [str(n) for n in names if n]
    if not shown:
        return None
    return ", ".join(shown[:3]) + (f" (and {len(shown) - 3} more)" if len(shown) > 3 else "")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from ..checking.source import allowing
    from ..files import guard

    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args, extra = parser.parse_known_args(argv)
            if extra:
                parser.commands.get(args.command, parser).unrecognized(extra)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help/--version exit 0
        return int(exc.code or 0)
    token = DEBUG.set(args.debug)
    try:
        with guard(), allowing(args.allow), _terminate_cleanly():
            return int(args.func(args, out, err))
    except MapError as exc:
        print(exc.show(), file=err)
        return exit_code(exc)
    except ArgmapError as exc:
        print(f"argmap: error: {one_line(exc.show())}", file=err)
        return exit_code(exc)
    except BrokenPipeError:  # `argmap outline x | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("argmap: interrupted", file=err)
        return 130
    except OSError as exc:  # a file that vanished or a disk that failed between checks
        from ..text import quoted, terminal_safe

        name = f"{quoted(exc.filename)}: " if isinstance(exc.filename, str) else ""
        print(f"argmap: error: {name}{terminal_safe(str(exc.strerror or exc))}", file=err)
        return 1
    except Exception as exc:
        if args.debug:
            raise
        from ..text import terminal_safe

        print(f"argmap: error: {terminal_safe(bug_message(exc, _inputs(args)))}", file=err)
        return 1
    finally:
        DEBUG.reset(token)
