"""What the commands share: printing reports, progress over many files, loading a map."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from ..errors import DEBUG, ArgmapError, ReadError, bug_message

TYPE_CHECKING = False  # not typing's: importing it would slow every command's start
if TYPE_CHECKING:
    from typing import Any, TextIO

    from ..checking.load import Report
    from ..output.batch import FileResult


class UsageError(ArgmapError):
    """The command line asks for something impossible (exit 2, like argparse: see
    :func:`argmap.cli.exit_code`)."""


class Progress:
    """``\r[####      ] 123/500`` on stderr, only when stderr is a terminal."""

    WIDTH = 30

    def __init__(self, err: TextIO, total: int):
        isatty = getattr(err, "isatty", None)
        self.err, self.total = err, total
        self.on = bool(isatty and isatty()) and total > 1
        self.shown = False

    def update(self, done: int) -> None:
        if not self.on:
            return
        filled = self.WIDTH * done // self.total
        self.err.write(f"\r[{'#' * filled}{' ' * (self.WIDTH - filled)}] {done}/{self.total}")
        self.err.flush()
        self.shown = True

    def clear(self) -> None:
        """Wipe the bar so a message can take the line."""
        if self.shown:
            self.err.write("\r" + " " * (self.WIDTH + 2 * len(str(self.total)) + 4) + "\r")
            self.shown = False


def run_batch(results: Iterator[FileResult], total: int, done: str, err: TextIO) -> int:
    """Show each file's diagnostics as it finishes, a progress bar, then the summary
    and every failure with its reason; 1 if any file failed."""
    from ..output.batch import summary

    progress = Progress(err, total)
    seen: list[FileResult] = []
    for r in results:
        seen.append(r)
        if r.diagnostics or r.failed:
            progress.clear()
            for d in r.diagnostics:
                print(d.format(), file=err)
        progress.update(len(seen))
    progress.clear()
    print(summary(seen, done), file=err)
    from ..text import quoted

    for r in seen:
        if r.failed:
            print(f"  failed: {quoted(str(r.source))}: {one_line(str(r.failure))}", file=err)
    return 1 if any(r.failed for r in seen) else 0


def one_line(text: str) -> str:
    """A message that may quote a file, for the terminal: each line
    :func:`~argmap.text.terminal_safe`, and every line after the first indented, so that
    no line of it can pass for a message of its own."""
    from ..text import terminal_safe  # compiles its patterns: only when something is shown

    first, *rest = text.split("\n")
    return "\n".join(
        [terminal_safe(first)] + [terminal_safe(x if x[:1].isspace() else "  " + x) for x in rest]
    )


def print_report(report: Report, out: TextIO) -> None:
    for d in report.diagnostics:
        print(d.format(), file=out)


def check(path: str, **options: Any) -> Report:
    """:func:`argmap.checking.load.check`, imported when a command first checks a map
    (``import argmap.cli`` loads no model: ``argmap --help`` starts at once)."""
    from ..checking.load import check as check_map

    return check_map(path, **options)


def load_or_fail(path: str, err: TextIO) -> Report | None:
    """Check a map file; print its diagnostics; the report if it has no errors."""
    report = check(path)
    print_report(report, err)
    return report if report.ok else None


# -- check ------------------------------------------------------------------------
def check_one(path: str, profile: Any = "map") -> Report | str:
    """The report for one file, or why it could not be checked at all."""
    try:
        return check(path, profile=profile)
    except ReadError as exc:
        return str(exc)
    except ArgmapError as exc:
        return f"{path}: {exc.show()}"
    except Exception as exc:
        if DEBUG.get():
            raise
        return bug_message(exc, path)


# -- parser -----------------------------------------------------------------------
def whole_number(text: str) -> int:
    """A whole number 0 or more (argparse type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative; give 0 or more")
    return value


#: What ``render`` writes.
#: What ``render`` writes.
FORMATS = ("svg", "png", "pdf", "dot")


def format_of(path: str, given: str | None) -> str:
    """The output format: ``given``, else the one ``path``'s extension names."""
    if given:
        return given
    from pathlib import PurePath

    ext = PurePath(path).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise UsageError(
            f"cannot tell the output format from {path!r}: use one of "
            + ", ".join(f".{f}" for f in FORMATS)
            + " (or --format)"
        )
    return ext
