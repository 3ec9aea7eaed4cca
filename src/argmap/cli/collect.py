"""``argmap collect``: learners' files gathered into the class folder."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ..text import quoted, terminal_safe


def cmd_collect(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``argmap collect SOURCE... --into CLASS_DIR [--map MAP]``: copy learners' files into
    the class folder, one per learner; what is not a learner's file is refused, named."""
    from .. import annotations as ann
    from ..checking.load import load
    from ..classroom.collect import collect

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
