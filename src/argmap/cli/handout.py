"""``argmap handout``: a printable PDF handout."""

from __future__ import annotations

import argparse
from typing import TextIO

from .common import load_or_fail


# -- handout ----------------------------------------------------------------------
def cmd_handout(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..classroom.handout import write_handout
    from ..files import check_output, check_regular, note_read, writing

    check_output(args.output, "pdf", inputs=[args.file, *([args.annotations] if args.annotations else [])])
    if args.annotations:
        check_regular(args.annotations)
        note_read(args.annotations)
    report = load_or_fail(args.file, err)
    if report is None:
        return 1
    with writing(args.output):
        write_handout(
            report.map, args.output, annotations=args.annotations, paper=args.paper, title=args.title
        )
    print(f"wrote {args.output}", file=err)
    return 0
