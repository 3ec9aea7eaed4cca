"""The command line's parser: every command and option, and "did you mean …?"."""

from __future__ import annotations

import argparse
import importlib
import re
from collections.abc import Callable, Sequence

from .. import __version__
from .common import FORMATS, whole_number

TYPE_CHECKING = False  # not typing's: importing it would slow every command's start
if TYPE_CHECKING:
    from typing import NoReturn, TextIO

# argparse's message for a mistyped choice (compiled when one is mistyped)
_CHOICE = r"invalid choice: (?P<value>'[^']*') \(choose from (?P<choices>.*)\)$"


class Parser(argparse.ArgumentParser):
    """argparse that says "did you mean …?" for a mistyped command, choice or option
    (Python 3.11's argparse only lists the choices)."""

    #: The commands' own parsers, by name (set by :func:`build_parser`).
    commands: dict[str, Parser]

    def error(self, message: str) -> NoReturn:
        import difflib  # only a mistyped command pays for it

        found = re.search(_CHOICE, message)
        if found is not None:
            choices = re.findall(r"'([^']*)'", found["choices"])
            close = difflib.get_close_matches(found["value"].strip("'"), choices, n=1)
            if close:
                message += f"; did you mean {close[0]}?"
        super().error(message)

    def unrecognized(self, extra: Sequence[str]) -> NoReturn:
        """Refuse arguments this (command's) parser does not know, guessing the options meant."""
        import difflib

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


def _command(name: str) -> Callable[[argparse.Namespace, TextIO, TextIO], int]:
    """The command ``name`` (module :mod:`argmap.cli.<name>`), imported only when it runs:
    ``argmap check`` loads nothing that ``render`` needs."""

    def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        module = importlib.import_module(f"{__package__}.{name}")
        return int(getattr(module, f"cmd_{name}")(args, out, err))

    return run


def common_options() -> Parser:
    """Options every command takes."""
    from ..checking.source import ALLOW_ENV

    c = Parser(add_help=False)
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


def build_parser() -> Parser:
    from ..formats.detect import FORMATS as INPUT_FORMATS
    from ..output.batch import CHUNK_SIZE

    p = Parser(
        prog="argmap",
        description="Check, draw and export argument maps written in Argdown.",
    )
    p.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    common = [common_options()]

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
    c.set_defaults(func=_command("check"))

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
        "--from", dest="from_fmt", choices=tuple(INPUT_FORMATS), help="input format (default: from each file)"
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
        "--depth",
        type=whole_number,
        default=None,
        help="with --focus: how many levels under it (default: all)",
    )
    r.add_argument("--no-legend", action="store_true", help="leave out the legend")
    r.add_argument("--annotations", metavar="FILE", help="a learner's annotation file to draw on the map")
    r.add_argument(
        "--standing",
        action="store_true",
        help="with --annotations: show what still stands instead of the judgements",
    )
    r.set_defaults(func=_command("render"))

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
        "--from", dest="from_fmt", choices=tuple(INPUT_FORMATS), help="input format (default: from each file)"
    )
    cv.add_argument(
        "--to",
        choices=("argdown", "aif"),
        help="output format (default: from OUT's extension, .argdown or .json; argdown with --out-dir)",
    )
    cv.set_defaults(func=_command("convert"))

    o = sub.add_parser("outline", parents=common, help="print the map as a nested Markdown list")
    o.add_argument("file", metavar="FILE")
    o.add_argument("-o", "--output", metavar="OUT")
    o.set_defaults(func=_command("outline"))

    s = sub.add_parser(
        "seminar", parents=common, help="a class view of learners' annotation files, and a discussion agenda"
    )
    s.add_argument("--map", required=True, metavar="MAP", help="the map the learners annotated")
    s.add_argument("files", nargs="+", metavar="LEARNER.json")
    s.add_argument("-o", "--output", metavar="OUT", help="the class-view diagram (.svg, .pdf, .png or .dot)")
    s.add_argument("--agenda", metavar="FILE", help="write the discussion agenda (Markdown) here")
    s.add_argument("--anonymous", action="store_true", help="hide learners' names (Learner 1, 2 …)")
    s.add_argument("--limit", type=whole_number, default=10, help="items on the agenda (default 10)")
    s.set_defaults(func=_command("seminar"))

    cp = sub.add_parser("compare", parents=common, help="compare a learner's map with the reference map")
    cp.add_argument("learner", metavar="LEARNER.argdown")
    cp.add_argument("reference", metavar="REFERENCE.argdown")
    cp.add_argument("--format", choices=("text", "json"), default="text")
    cp.set_defaults(func=_command("compare"))

    h = sub.add_parser(
        "handout", parents=common, help="a printable PDF handout: diagram, outline, evidence, questions, text"
    )
    h.add_argument("file", metavar="MAP")
    h.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="the PDF to write")
    h.add_argument("--annotations", metavar="FILE", help="include a learner's annotation file")
    h.add_argument("--paper", choices=("A4", "Letter"), default="A4", help="paper size (default A4)")
    h.add_argument("--title", help="the handout's title (default: the map's title)")
    h.set_defaults(func=_command("handout"))

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
    co.set_defaults(func=_command("collect"))

    k = sub.add_parser("codes", parents=common, help="list every diagnostic code and what it means")
    k.set_defaults(func=_command("codes"))
    p.commands = dict(sub.choices)
    return p
