"""``argmap check``: every problem in one or more maps."""

from __future__ import annotations

import argparse
import json
import re
from typing import Any, TextIO

from ..checking.load import Report
from .common import check_one, one_line, print_report

# What a terminal may act on though JSON leaves it raw: C1 controls (0x9b starts a
# command on some terminals) and the marks that reorder text; escaped as \uXXXX
_TERMINAL_UNSAFE = re.compile("[\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    results = [(p, check_one(p, args.profile)) for p in args.files]
    reports = [r for _, r in results if isinstance(r, Report)]
    failed = [(p, r) for p, r in results if isinstance(r, str)]
    if args.format == "json":
        files: list[dict[str, Any]] = [
            r.to_dict() if isinstance(r, Report) else {"path": p, "failure": r} for p, r in results
        ]
        text = json.dumps({"files": files}, ensure_ascii=False, indent=2)
        out.write(_TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
    else:
        for _, r in results:
            if isinstance(r, Report):
                print_report(r, out)
            else:
                print(f"argmap: error: {one_line(r)}", file=out)
        n_err = sum(len(r.errors) for r in reports) + len(failed)
        n_warn = sum(len(r.warnings) for r in reports)
        files_text = f"{len(results)} file{'s' if len(results) != 1 else ''}"
        print(
            f"{files_text} checked: {n_err} error{'s' if n_err != 1 else ''}, "
            f"{n_warn} warning{'s' if n_warn != 1 else ''}",
            file=err,
        )
    return 0 if not failed and all(r.ok for r in reports) else 1
