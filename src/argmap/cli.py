"""The ``argmap`` command: thin — parse arguments, call the library, print diagnostics.

Exit status: 0 clean (warnings allowed), 1 errors in the input, 2 wrong usage.
Never a traceback: an :class:`~argmap.errors.ArgmapError` is shown as the message
it carries, an ``OSError`` as one line, and anything else as "this is a bug in
argmap; please report it" with the input it happened on (``--debug`` shows the
stack instead).  Commands that read several inputs report a failure for one input
and go on with the next.

Every command runs inside :func:`argmap.files.guard` (no output may replace a file
the command read) and :func:`argmap.source.allowing` (the folders ``--allow`` names,
from which maps may read their source texts).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from . import __version__
from .batch import CHUNK_SIZE, FileResult
from .core import Report, check
from .errors import CODES, DEBUG, ArgmapError, MapError, ReadError, bug_message
from .formats.detect import FORMATS as INPUT_FORMATS
from .text import quoted, terminal_safe

__all__ = ["main"]

FORMATS = ("svg", "png", "pdf", "dot")
_INPUT_FORMATS = tuple(INPUT_FORMATS)
#: What ``convert`` writes, by the output file's extension.
_CONVERT_BY_EXT = {".argdown": "argdown", ".ad": "argdown", ".json": "aif", ".aif": "aif"}


class UsageError(ArgmapError):
    """The command line asks for something impossible (exit 2, like argparse)."""

    exit_code = 2


class _Progress:
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


def _run_batch(results: Iterator[FileResult], total: int, done: str, err: TextIO) -> int:
    """Show each file's diagnostics as it finishes, a progress bar, then the summary
    and every failure with its reason; 1 if any file failed."""
    from .batch import summary

    progress = _Progress(err, total)
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
    for r in seen:
        if r.failed:
            print(f"  failed: {quoted(str(r.source))}: {_lines(str(r.failure))}", file=err)
    return 1 if any(r.failed for r in seen) else 0


def _lines(text: str) -> str:
    """A message that may quote a file, for the terminal: each line
    :func:`~argmap.text.terminal_safe`, and every line after the first indented, so that
    no line of it can pass for a message of its own."""
    first, *rest = text.split("\n")
    return "\n".join(
        [terminal_safe(first)] + [terminal_safe(x if x[:1].isspace() else "  " + x) for x in rest]
    )


def _print_report(report: Report, out: TextIO) -> None:
    for d in report.diagnostics:
        print(d.format(), file=out)


def _load_or_fail(path: str, err: TextIO) -> Report | None:
    """Check a map file; print its diagnostics; the report if it has no errors."""
    report = check(path)
    _print_report(report, err)
    return report if report.ok else None


# -- check ------------------------------------------------------------------------
def _check_one(path: str, profile: Any = "map") -> Report | str:
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


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    results = [(p, _check_one(p, args.profile)) for p in args.files]
    reports = [r for _, r in results if isinstance(r, Report)]
    failed = [(p, r) for p, r in results if isinstance(r, str)]
    if args.format == "json":
        files: list[dict[str, Any]] = [
            r.to_dict() if isinstance(r, Report) else {"path": p, "failure": r} for p, r in results
        ]
        json.dump({"files": files}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for _, r in results:
            if isinstance(r, Report):
                _print_report(r, out)
            else:
                print(f"argmap: error: {_lines(r)}", file=out)
        n_err = sum(len(r.errors) for r in reports) + len(failed)
        n_warn = sum(len(r.warnings) for r in reports)
        files_text = f"{len(results)} file{'s' if len(results) != 1 else ''}"
        print(
            f"{files_text} checked: {n_err} error{'s' if n_err != 1 else ''}, "
            f"{n_warn} warning{'s' if n_warn != 1 else ''}",
            file=err,
        )
    return 0 if not failed and all(r.ok for r in reports) else 1


# -- render -----------------------------------------------------------------------
def _format_of(path: str, given: str | None) -> str:
    if given:
        return given
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise UsageError(
            f"cannot tell the output format from {path!r}: use one of "
            + ", ".join(f".{f}" for f in FORMATS)
            + " (or --format)"
        )
    return ext


def _dot_options(args: argparse.Namespace) -> dict[str, Any]:
    from .render import PageOptions

    opts: dict[str, Any] = {"legend": not args.no_legend, "detail": args.detail}
    if args.focus is not None:
        opts["focus"] = args.focus
        opts["depth"] = args.depth
    if args.page:
        opts["page"] = PageOptions(size=args.page, orientation="landscape" if args.landscape else "portrait")
    return opts


def cmd_render(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.output and args.out_dir:
        raise UsageError("give either -o OUT (one map) or --out-dir DIR (many), not both")
    if args.out_dir or len(args.files) > 1:
        return _render_batch(args, err)
    if args.output is None and args.lines is None:
        raise UsageError(
            "render needs an output: -o FILE (.svg, .png, .pdf or .dot), --lines DIR, or --out-dir DIR"
        )
    from .batch import load_map
    from .export import render
    from .files import check_output, write_output

    fmt = _format_of(args.output, args.format) if args.output else (args.format or "svg")
    if args.output:
        check_output(
            args.output, fmt, inputs=[*args.files, *([args.annotations] if args.annotations else [])]
        )
    m, diagnostics = load_map(args.files[0], args.from_fmt)
    for d in diagnostics:
        print(d.format(), file=err)
    if any(d.is_error for d in diagnostics):
        return 1
    opts = _dot_options(args)
    if args.focus is not None:
        _check_focus(m, args.focus)
    if fmt == "pdf" and opts.get("page") is None and args.lines is None and args.focus is None:
        from .output.pictures import plan
        from .render import PageOptions

        if args.annotations or plan(m, lines=False, **opts).kind == "overview":
            # on paper a map follows the same order as on screen: an overview page, then a
            # page per line (one picture of the overview alone would leave the lines out)
            opts["page"] = PageOptions(size="A4")
            print(
                "note: printed on numbered A4 pages (the overview, then each line); "
                "--page Letter for Letter paper",
                file=err,
            )
    if args.annotations:
        m, opts["annotations_style"], learner = _annotated(m, args, err)
        if opts["detail"] == "auto":
            opts["detail"] = "full"  # a learner's marks are on every node, evidence too: fold none
        if fmt == "pdf" and opts.get("page") is not None:
            import datetime

            # the learner's printout says whose marks these are, and when it was printed
            opts.update(learner=learner or None, when=datetime.date.today())
    if args.lines is not None:
        return _render_lines(m, args.lines, fmt, opts, err)
    from .output.pictures import PINNING, plan

    if fmt in ("svg", "png", "pdf") and not any(opts.get(k) is not None for k in PINNING):
        planned = plan(m, lines=False, **opts)
        if planned.kind == "overview":
            assert planned.overview is not None
            n = len(planned.overview.lines)
            print(
                f"note: the whole map ({len(m.statements)} statements) does not show on one screen "
                "with readable text: "
                f"{args.output} is its overview, with {n} line{'s' if n != 1 else ''} of support and "
                "objections as boxes; --lines DIR writes the overview and every line whole, "
                "--detail full the whole map in one picture",
                file=err,
            )
    write_output(args.output, render(m, fmt, **opts), fmt)
    print(f"wrote {args.output}", file=err)
    return 0


def _render_lines(m: Any, folder: str, fmt: str, opts: dict[str, Any], err: TextIO) -> int:
    """``--lines DIR``: the overview, one picture per line and the key, laid out in one
    Graphviz run, written into DIR as ``overview.FMT``, ``line-01.FMT`` … ``key.FMT``."""
    from pathlib import Path

    from .export import render_many, safe_output_path
    from .files import write_output
    from .output.pictures import plan

    if fmt not in ("svg", "png", "pdf"):
        raise UsageError(f"--lines writes svg, png or pdf pictures, not {fmt}")
    if opts.get("focus") is not None or opts.get("page") is not None:
        raise UsageError("--lines draws the overview and every line: leave out --focus and --page")
    Path(folder).mkdir(parents=True, exist_ok=True)
    planned = plan(m, **{k: v for k, v in opts.items() if k in ("detail",)})
    if planned.kind == "whole":
        names = ["map"]
        print(f"note: the map shows on one screen: {folder}/map.{fmt} is all of it", file=err)
    else:
        names = ["overview"] + [p.line.slug if p.line else p.kind for p in planned.pictures[1:]]
    drawn = render_many([p.dot for p in planned.pictures], fmt)
    for name, picture, data in zip(names, planned.pictures, drawn, strict=True):
        target = safe_output_path(folder, f"{name}.{fmt}")
        write_output(target, data, fmt)
        print(f"wrote {target}  {picture.heading}", file=err)
    return 0


def _check_focus(m: Any, title: str) -> None:
    """``--focus`` must name a statement or argument of the map, as ``Title``,
    ``[Title]`` or ``<Title>`` (exit 2 with the closest titles if not)."""
    from .draw.graph import resolve
    from .errors import FocusError

    try:
        resolve(m, title)
    except FocusError as exc:
        raise UsageError(f"--focus: {exc}") from None


def _annotated(m: Any, args: argparse.Namespace, err: TextIO) -> tuple[Any, Any, str]:
    """The map, overlay style and learner's name of ``--annotations FILE`` (a regular
    file, read, never written)."""
    from .annotations import display_name
    from .annotations import load as load_annotations
    from .files import check_regular, note_read
    from .overlay import annotated

    check_regular(args.annotations)
    note_read(args.annotations)
    ann = load_annotations(args.annotations, m)
    for d in ann.diagnostics:
        print(d.format(), file=err)
    shown, style = annotated(m, ann, standing=args.standing)
    return shown, style, display_name(ann.learner)  # invisible and direction controls gone, RTL isolated


def _render_batch(args: argparse.Namespace, err: TextIO) -> int:
    from .batch import render_files

    if not args.out_dir:
        raise UsageError(f"{len(args.files)} input files need --out-dir DIR (-o names one file)")
    single_only = [o for o, v in (("--focus", args.focus), ("--annotations", args.annotations)) if v]
    if single_only:
        raise UsageError(f"{' and '.join(single_only)} work on one map: use -o OUT, not --out-dir")
    opts = _dot_options(args)
    fmt = args.format or "svg"
    # one key for the folder, not one in every picture (it was 39 % of dot's work on
    # a 507-map corpus); a PDF keeps its own key, each being printed alone
    folder_key = opts["legend"] and fmt in ("svg", "png") and not args.page
    if folder_key:
        opts["legend"] = False
    if folder_key:
        from pathlib import Path

        from .draw.key import full_key_dot
        from .export import pipe
        from .files import write_output

        taken = {Path(f).stem for f in args.files}
        name = next(n for n in (KEY_NAME, *(f"{KEY_NAME}-{k}" for k in range(2, 99))) if n not in taken)
        target = Path(args.out_dir) / f"{name}.{fmt}"
        Path(args.out_dir).mkdir(parents=True, exist_ok=True)
        write_output(target, pipe(full_key_dot(), fmt), fmt)
        print(f"wrote {target}: the key for every picture in {args.out_dir}", file=err)
    results = render_files(args.files, args.out_dir, fmt, from_fmt=args.from_fmt, **opts)
    return _run_batch(results, len(args.files), "rendered", err)


#: The file (without extension) ``render --out-dir`` writes the folder's key to.
KEY_NAME = "argmap-key"


# -- convert ----------------------------------------------------------------------
def cmd_convert(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .batch import convert_files

    if len(args.files) > 1 and not args.out_dir:
        raise UsageError(f"{len(args.files)} input files need --out-dir DIR (-o names one file)")
    to = args.to
    if to is None and args.output:
        ext = Path(args.output).suffix.lower()
        if ext not in _CONVERT_BY_EXT:
            raise UsageError(
                f"cannot tell the output format from {args.output!r}: use one of "
                + ", ".join(_CONVERT_BY_EXT)
                + " (or --to argdown|aif)"
            )
        to = _CONVERT_BY_EXT[ext]
    if args.output:
        from .files import check_output

        check_output(args.output, to or "argdown", inputs=args.files)
    results = convert_files(
        args.files, to or "argdown", out_dir=args.out_dir, output=args.output, from_fmt=args.from_fmt
    )
    code = _run_batch(results, len(args.files), "converted", err)
    if args.output and code == 0:
        print(f"wrote {args.output}", file=err)
    return code


# -- outline ----------------------------------------------------------------------
def cmd_outline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .files import check_output, write_output
    from .outline import to_outline

    if args.output:
        check_output(args.output, "markdown", inputs=[args.file])
    report = _load_or_fail(args.file, err)
    if report is None:
        return 1
    text = to_outline(report.map)
    if args.output:
        write_output(args.output, text.encode("utf-8"), "markdown")
        print(f"wrote {args.output}", file=err)
    else:
        out.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_codes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    width = max(map(len, CODES))
    for code, meaning in CODES.items():
        print(f"{code:<{width}}  {meaning}", file=out)
    return 0


# -- seminar and compare ------------------------------------------------------------
def cmd_seminar(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .files import check_output, check_regular, note_read, write_output, writing
    from .seminar import agenda_markdown, class_view

    note_read(*args.files)
    usable = []
    for k, f in enumerate(args.files, 1):
        try:
            check_regular(f)
            usable.append(f)
        except ReadError as exc:
            shown = f"learner file {k}" if args.anonymous else exc.name
            print(f"argmap: refused {quoted(shown)}: {terminal_safe(exc.reason)}", file=err)
    if args.output:
        check_output(args.output, _format_of(args.output, None))  # never a learner's file
    if args.agenda:
        check_output(args.agenda, "markdown")
    report = _load_or_fail(args.map, err)
    if report is None:
        return 1
    view = class_view(report.map, usable, anonymous=args.anonymous)
    for r in view.refusals:
        print(r.format(), file=err)
    for w in view.warnings:
        print(w.format(), file=err)
    if not view.size:
        print(f"argmap: error: no learner file could be used ({len(view.refusals)} refused)", file=err)
        return 1
    print(
        f"{view.size} learner file{'s' if view.size != 1 else ''} used, {len(view.refusals)} refused",
        file=err,
    )
    if args.output:
        with writing(args.output):
            view.render(args.output)
        print(f"wrote {args.output}", file=err)
    text = agenda_markdown(view, limit=args.limit)
    if args.agenda:
        write_output(args.agenda, text.encode("utf-8"), "markdown")
        print(f"wrote {args.agenda}", file=err)
    elif not args.output:
        out.write(view.to_markdown() + "\n")
    if not args.agenda:
        out.write(text)
    return 0


def cmd_compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .compare import compare

    learner = _load_or_fail(args.learner, err)
    reference = _load_or_fail(args.reference, err)
    if learner is None or reference is None:
        return 1
    c = compare(learner.map, reference.map)
    out.write(c.to_json() if args.format == "json" else c.report() + "\n" + c.feedback_text())
    return 0


# -- handout ----------------------------------------------------------------------
def cmd_handout(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .files import check_output, check_regular, note_read, writing
    from .handout import write_handout

    check_output(args.output, "pdf", inputs=[args.file, *([args.annotations] if args.annotations else [])])
    if args.annotations:
        check_regular(args.annotations)
        note_read(args.annotations)
    report = _load_or_fail(args.file, err)
    if report is None:
        return 1
    with writing(args.output):
        write_handout(
            report.map, args.output, annotations=args.annotations, paper=args.paper, title=args.title
        )
    print(f"wrote {args.output}", file=err)
    return 0


# -- parser -----------------------------------------------------------------------
def _count(text: str) -> int:
    """A whole number 0 or more (argparse type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative; give 0 or more")
    return value


_CHOICE = re.compile(r"invalid choice: (?P<value>'[^']*') \(choose from (?P<choices>.*)\)$")


class _Parser(argparse.ArgumentParser):
    """argparse that says "did you mean …?" for a mistyped command, choice or option
    (Python 3.11's argparse only lists the choices)."""

    #: The commands' own parsers, by name (set by :func:`build_parser`).
    commands: dict[str, _Parser]

    def error(self, message: str) -> NoReturn:
        found = _CHOICE.search(message)
        if found is not None:
            choices = re.findall(r"'([^']*)'", found["choices"])
            close = difflib.get_close_matches(found["value"].strip("'"), choices, n=1)
            if close:
                message += f"; did you mean {close[0]}?"
        super().error(message)

    def unrecognized(self, extra: Sequence[str]) -> NoReturn:
        """Refuse arguments this (command's) parser does not know, guessing the options meant."""
        options = [o for a in self._actions for o in a.option_strings if o.startswith("--")]
        guesses = []
        for word in extra:
            name = word.split("=", 1)[0]
            close = difflib.get_close_matches(name, options, n=1) if name.startswith("-") else []
            if close:
                guesses.append((name, close[0]))
        message = f"unrecognized arguments: {' '.join(extra)}"
        if len(guesses) == 1:
            message += f" (did you mean {guesses[0][1]}?)"
        elif guesses:
            message += " (" + "; ".join(f"{w}: did you mean {o}?" for w, o in guesses) + ")"
        self.error(message)


def _common() -> _Parser:
    """Options every command takes."""
    from .source import ALLOW_ENV

    c = _Parser(add_help=False)
    c.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="FOLDER",
        help="a folder (besides the map's own) from which maps may read their source texts; "
        f"may be given several times (setting: {ALLOW_ENV}, folders separated by ':')",
    )
    c.add_argument("--debug", action="store_true", help="show the Python stack of an unexpected error")
    return c


def build_parser() -> _Parser:
    p = _Parser(
        prog="argmap",
        description="Check, draw and export argument maps written in Argdown.",
    )
    p.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    common = [_common()]

    c = sub.add_parser("check", parents=common, help="report every problem in one or more maps")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument(
        "--profile",
        choices=("map", "teaching"),
        default="map",
        help="teaching: a map that answers 'find the thesis' must name exactly one #thesis and have no"
        " support in a circle (else warnings)",
    )
    c.set_defaults(func=cmd_check)

    r = sub.add_parser(
        "render",
        parents=common,
        help="draw maps as SVG, PNG, PDF or DOT (Argdown, AIF, microtext XML, SADFace)",
        description="Draw one map (-o OUT) or many (--out-dir DIR: one Graphviz process per "
        f"{CHUNK_SIZE} maps, a summary, exit 1 if any file failed).",
    )
    r.add_argument("files", nargs="+", metavar="FILE")
    r.add_argument("-o", "--output", metavar="OUT", help="output file; the format comes from its extension")
    r.add_argument("--out-dir", metavar="DIR", help="write one picture per input into DIR, named after it")
    r.add_argument(
        "--lines",
        metavar="DIR",
        help="write the overview, one picture per line of support or objection, and the key into DIR",
    )
    r.add_argument(
        "--format", choices=FORMATS, help="output format (default: from the extension; svg with --out-dir)"
    )
    r.add_argument(
        "--from", dest="from_fmt", choices=_INPUT_FORMATS, help="input format (default: from each file)"
    )
    r.add_argument(
        "--page",
        choices=("A4", "Letter"),
        help="print on pages of this size: the whole map on one page when it reads there (7 pt), "
        "else an overview page, then a page per line, numbered",
    )
    r.add_argument("--landscape", action="store_true", help="with --page: landscape orientation")
    r.add_argument(
        "--focus",
        metavar="TITLE",
        help="draw one line of the argument: TITLE, [TITLE] or <TITLE> and what lies under it",
    )
    r.add_argument(
        "--detail",
        choices=("auto", "full", "compact"),
        default="auto",
        help="auto (default): a big map is drawn as its overview, its evidence folded into counts; "
        "full: the whole map with every piece",
    )
    r.add_argument(
        "--depth", type=_count, default=None, help="with --focus: how many levels under it (default: all)"
    )
    r.add_argument("--no-legend", action="store_true", help="leave out the legend")
    r.add_argument("--annotations", metavar="FILE", help="a learner's annotation file to draw on the map")
    r.add_argument(
        "--standing",
        action="store_true",
        help="with --annotations: show what still stands instead of the judgements",
    )
    r.set_defaults(func=cmd_render)

    cv = sub.add_parser(
        "convert",
        parents=common,
        help="convert AIF, microtext XML, SADFace or Argdown to Argdown or AIF",
        description="Read argument maps in any format argmap knows and write them as Argdown or AIF "
        "JSON. Whatever has no place in argmap's model is named in a warning.",
    )
    cv.add_argument("files", nargs="+", metavar="IN")
    where = cv.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", metavar="OUT", help="the file to write (one input)")
    where.add_argument("--out-dir", metavar="DIR", help="write one file per input into DIR, named after it")
    cv.add_argument(
        "--from", dest="from_fmt", choices=_INPUT_FORMATS, help="input format (default: from each file)"
    )
    cv.add_argument(
        "--to",
        choices=("argdown", "aif"),
        help="output format (default: from OUT's extension, .argdown or .json; argdown with --out-dir)",
    )
    cv.set_defaults(func=cmd_convert)

    o = sub.add_parser("outline", parents=common, help="print the map as a nested Markdown list")
    o.add_argument("file", metavar="FILE")
    o.add_argument("-o", "--output", metavar="OUT")
    o.set_defaults(func=cmd_outline)

    s = sub.add_parser(
        "seminar", parents=common, help="a class view of learners' annotation files, and a discussion agenda"
    )
    s.add_argument("--map", required=True, metavar="MAP", help="the map the learners annotated")
    s.add_argument("files", nargs="+", metavar="LEARNER.json")
    s.add_argument("-o", "--output", metavar="OUT", help="the class-view diagram (.svg, .pdf, .png or .dot)")
    s.add_argument("--agenda", metavar="FILE", help="write the discussion agenda (Markdown) here")
    s.add_argument("--anonymous", action="store_true", help="hide learners' names (Learner 1, 2 …)")
    s.add_argument("--limit", type=_count, default=10, help="items on the agenda (default 10)")
    s.set_defaults(func=cmd_seminar)

    cp = sub.add_parser("compare", parents=common, help="compare a learner's map with the reference map")
    cp.add_argument("learner", metavar="LEARNER.argdown")
    cp.add_argument("reference", metavar="REFERENCE.argdown")
    cp.add_argument("--format", choices=("text", "json"), default="text")
    cp.set_defaults(func=cmd_compare)

    h = sub.add_parser(
        "handout", parents=common, help="a printable PDF handout: diagram, outline, evidence, questions, text"
    )
    h.add_argument("file", metavar="MAP")
    h.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="the PDF to write")
    h.add_argument("--annotations", metavar="FILE", help="include a learner's annotation file")
    h.add_argument("--paper", choices=("A4", "Letter"), default="A4", help="paper size (default A4)")
    h.add_argument("--title", help="the handout's title (default: the map's title)")
    h.set_defaults(func=cmd_handout)

    co = sub.add_parser(
        "collect", parents=common, help="gather learners' annotation files into the class folder"
    )
    co.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="files, or folders searched for learners' files"
    )
    co.add_argument(
        "--into", metavar="CLASS_DIR", help="the class folder (default: $ARGMAP_CLASS_DIR, else out)"
    )
    co.add_argument("--map", metavar="MAP", help="check every file against this map (recommended)")
    co.set_defaults(func=cmd_collect)

    k = sub.add_parser("codes", parents=common, help="list every diagnostic code and what it means")
    k.set_defaults(func=cmd_codes)
    p.commands = dict(sub.choices)
    return p


def cmd_collect(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``argmap collect SOURCE... --into CLASS_DIR [--map MAP]``: copy learners' files into
    the class folder, one per learner; what is not a learner's file is refused, named."""
    from . import annotations as ann
    from .classroom.collect import collect
    from .core import load

    m = load(args.map) if args.map else None
    folder = ann.class_folder(args.into)
    done = collect(args.sources, folder, m)
    for r in done.refusals:
        print(r.format(), file=err)
    for dest, why in done.failed:
        print(f"{quoted(dest)}: not written: {terminal_safe(why)}", file=err)
    if done.failed and done.copied:
        copied = ", ".join(quoted(Path(d).name) for _, d in done.copied)
        print(f"copied all the same: {copied}", file=err)
    for note in done.notes:
        print(f"note: {terminal_safe(note)}", file=err)
    print(f"{done.summary()} into {quoted(str(folder))}", file=err)
    return 1 if done.refusals or done.failed else 0  # each is for the teacher to look at


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
    from .files import guard
    from .source import allowing

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
        return exc.exit_code
    except ArgmapError as exc:
        print(f"argmap: error: {_lines(exc.show())}", file=err)
        return exc.exit_code
    except BrokenPipeError:  # `argmap outline x | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("argmap: interrupted", file=err)
        return 130
    except OSError as exc:  # a file that vanished or a disk that failed between checks
        name = f"{quoted(exc.filename)}: " if isinstance(exc.filename, str) else ""
        print(f"argmap: error: {name}{terminal_safe(str(exc.strerror or exc))}", file=err)
        return 1
    except Exception as exc:
        if args.debug:
            raise
        print(f"argmap: error: {terminal_safe(bug_message(exc, _inputs(args)))}", file=err)
        return 1
    finally:
        DEBUG.reset(token)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
