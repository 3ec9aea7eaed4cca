"""``argmap convert``: AIF, microtext XML, SADFace or Argdown to Argdown or AIF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from .common import UsageError, run_batch

#: What ``convert`` writes, by the output file's extension.
_CONVERT_BY_EXT = {".argdown": "argdown", ".ad": "argdown", ".json": "aif", ".aif": "aif"}


# -- convert ----------------------------------------------------------------------
def cmd_convert(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..output.batch import convert_files

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
        from ..files import check_output

        check_output(args.output, to or "argdown", inputs=args.files)
    results = convert_files(
        args.files, to or "argdown", out_dir=args.out_dir, output=args.output, from_fmt=args.from_fmt
    )
    code = run_batch(results, len(args.files), "converted", err)
    if args.output and code == 0:
        print(f"wrote {args.output}", file=err)
    return code
