"""How fast the Argdown parser reads, and how its time grows with the map.

Two measures, each a ratio within one run:

* ``parse-1000``: parsing a 1,000-statement map (``generate.make_map``) against the
  parser of a baseline commit (issue 19's "today": ``BASELINE``), both timed here,
  in turns, each in a process of its own; target at most a third;
* ``parse-8000``: the largest growth of the parse time per doubling of the map from
  1,000 to 8,000 statements (a linear parser gives 2.0); target at most 2.2.

Times are CPU seconds (``time.process_time``) of ``argmap.argdown.parse`` alone, the
least of the runs (the map's text is made before the clock starts); the garbage
collector runs as usual.

    python benchmarks/parse.py                 # both, with the figures
    python benchmarks/parse.py --repeat 9
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from run import Result

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: The commit whose parser issue 19 measured (before the parser was reshaped).
BASELINE = "1f5e3df"
SIZES = (1000, 2000, 4000, 8000)

# One round in a fresh process: each size parsed `runs` times, the least CPU time kept.
_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from generate import make_map
from argmap.argdown import parse
runs = int(sys.argv[2])
out = {}
for n in json.loads(sys.argv[3]):
    text = make_map(n, seed=1)
    parse(text)  # warm: first-use imports and compiled patterns
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        parse(text)
        best = min(best, time.process_time() - start)
    out[n] = best
print(json.dumps(out))
"""


def _times(src: Path, sizes: Sequence[int], runs: int) -> dict[int, float]:
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(HERE), str(runs), json.dumps(list(sizes))],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the parse benchmark failed in {src}:\n{done.stderr}")
    return {int(k): v for k, v in json.loads(done.stdout).items()}


def src_at(ref: str, tmp: Path) -> Path | None:
    """Commit ``ref``'s ``src`` unpacked under ``tmp``, or ``None`` when git cannot give it."""
    archive = tmp / "src.tar"
    with archive.open("wb") as f:
        done = subprocess.run(
            ["git", "-C", str(ROOT), "archive", ref, "src/argmap"], stdout=f, stderr=subprocess.PIPE
        )
    if done.returncode != 0:
        return None
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12, 3.11.4 and later
            tar.extractall(tmp / ref, filter="data")
        else:
            tar.extractall(tmp / ref)  # noqa: S202  # our own git archive
    return tmp / ref / "src"


def measure(
    repeat: int, tmp: Path, sizes: Sequence[int] = SIZES
) -> tuple[dict[int, float], dict[int, float]]:
    """The least parse time per size for this checkout and for the baseline commit
    (empty when git cannot give it), measured in turns: ``repeat`` rounds each."""
    baseline_src = src_at(BASELINE, tmp)
    now: dict[int, float] = {}
    before: dict[int, float] = {}
    for _ in range(max(1, repeat // 2)):
        for n, t in _times(ROOT / "src", sizes, 3).items():
            now[n] = min(now.get(n, t), t)
        if baseline_src is not None:
            for n, t in _times(baseline_src, sizes[:1], 3).items():
                before[n] = min(before.get(n, t), t)
    return now, before


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def bench_parse_1000(repeat: int, tmp: Path) -> Result:
    """Parsing 1,000 statements against the baseline commit's parser."""
    from run import Result, Skip  # run.py imports this module: its classes at call time

    now, before = measure(repeat, tmp, SIZES[:1])
    if not before:
        raise Skip(f"git cannot give the baseline commit {BASELINE}")
    ratio = now[1000] / before[1000]
    detail = f"parse {_ms(now[1000])}, at {BASELINE} {_ms(before[1000])}"
    return Result(ratio, 1 / 3, "<= 1/3", detail, repeat)


def bench_parse_8000(repeat: int, tmp: Path) -> Result:
    """The largest growth of the parse time per doubling, 1,000 to 8,000 statements."""
    from run import Result

    now, _ = measure(repeat, tmp)
    growth = [now[b] / now[a] for a, b in zip(SIZES, SIZES[1:], strict=False)]
    detail = ", ".join(f"{n}: {_ms(now[n])}" for n in SIZES)
    detail += "; per doubling " + " ".join(f"{g:.2f}x" for g in growth)
    return Result(max(growth), 2.2, "<= 2.2 per doubling", detail, repeat)


BENCHMARKS: dict[str, Callable[[int, Path], Result]] = {
    "parse-1000": bench_parse_1000,
    "parse-8000": bench_parse_8000,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=6, help="rounds (of 3 runs each) per parser")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="argmap-parse-") as tmp:
        now, before = measure(args.repeat, Path(tmp))
    for n in SIZES:
        grow = f"  x{now[n] / now[n // 2]:.2f}" if n // 2 in now else ""
        print(f"{n:>5} statements: {_ms(now[n])}{grow}")
    if before:
        share = now[1000] / before[1000]
        print(f"1000 statements at {BASELINE}: {_ms(before[1000])} (now {share:.2f} of it)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
