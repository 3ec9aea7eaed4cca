"""``argmap codes``: every diagnostic code and what it means."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..errors import CODES


def cmd_codes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    width = max(map(len, CODES))
    for code, meaning in CODES.items():
        print(f"{code:<{width}}  {meaning}", file=out)
    return 0
