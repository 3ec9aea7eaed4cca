"""A hang guard: a call that must return, not a timing.

``finishes(fn, what)`` runs ``fn`` in a thread.  If it has not returned after a
bound far above any normal run (default two minutes), the test fails, naming what
hung and the line it is stuck on, instead of stalling the whole suite.  How fast
something is belongs in ``benchmarks/`` (ratios measured in one run), never here.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

import pytest

T = TypeVar("T")

#: Far above any normal run, on the busiest machine: only a hang gets there.
HANG_AFTER = 120.0


def finishes(fn: Callable[[], T], what: str, within: float = HANG_AFTER) -> T:
    """``fn()``'s result; fails the test with ``what`` and the stuck stack if it hangs."""
    done: dict[str, object] = {}

    def call() -> None:
        try:
            done["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test below
            done["error"] = exc

    worker = threading.Thread(target=call, name=f"hang-guard: {what}", daemon=True)
    worker.start()
    worker.join(within)
    if worker.is_alive():
        frame = sys._current_frames().get(worker.ident or -1)
        where = "".join(traceback.format_stack(frame)[-6:]) if frame is not None else "(no stack)"
        pytest.fail(f"{what} hung: still running after {within:.0f} s, here:\n{where}", pytrace=False)
    if "error" in done:
        raise done["error"]  # type: ignore[misc]
    return done["value"]  # type: ignore[return-value]
