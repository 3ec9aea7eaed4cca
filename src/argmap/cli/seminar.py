"""``argmap seminar``: a class view of learners' files, and a discussion agenda."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..errors import ReadError
from ..text import quoted, terminal_safe
from .common import format_of, load_or_fail


# -- seminar and compare ------------------------------------------------------------
def cmd_seminar(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..classroom.seminar import agenda_markdown, class_view
    from ..files import check_output, check_regular, note_read, write_output, writing

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
        check_output(args.output, format_of(args.output, None))  # never a learner's file
    if args.agenda:
        check_output(args.agenda, "markdown")
    report = load_or_fail(args.map, err)
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
