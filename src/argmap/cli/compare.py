"""``argmap compare``: a learner's map against the reference map."""

from __future__ import annotations

import argparse
from typing import TextIO

from .common import load_or_fail


def cmd_compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..judge.compare import compare

    learner = load_or_fail(args.learner, err)
    reference = load_or_fail(args.reference, err)
    if learner is None or reference is None:
        return 1
    c = compare(learner.map, reference.map)
    out.write(c.to_json() if args.format == "json" else c.report() + "\n" + c.feedback_text())
    return 0
