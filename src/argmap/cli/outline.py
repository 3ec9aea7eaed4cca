"""``argmap outline``: the map as a nested Markdown list."""

from __future__ import annotations

import argparse
from typing import TextIO

from .common import load_or_fail


# -- outline ----------------------------------------------------------------------
def cmd_outline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..draw.outline import to_outline
    from ..files import check_output, write_output

    if args.output:
        check_output(args.output, "markdown", inputs=[args.file])
    report = load_or_fail(args.file, err)
    if report is None:
        return 1
    text = to_outline(report.map)
    if args.output:
        write_output(args.output, text.encode("utf-8"), "markdown")
        print(f"wrote {args.output}", file=err)
    else:
        out.write(text if text.endswith("\n") else text + "\n")
    return 0
