"""The ``hostile`` benchmark: the worst inputs of issue 13 against a normal input of the same size.

Each case is measured in a fresh Python process (so one input's caches do not help
the next, and a hang is stopped by a timeout): the CPU time of the operation alone
(after imports; ``time.process_time``, so a busy machine does not stretch it as it
stretches the wall clock), and its peak memory as ``tracemalloc`` sees it, in a second run.

A doubling may read a little above 2 on a linear operation: Python's cyclic garbage
collector scans every object of the process once the long-lived ones have grown by a
quarter, so a map twice as large can take one full collection more (the deep chain:
none at 7,500 levels, one at 15,000).  The tests count lines run instead of seconds
(``tests/test_validate.py``: each rule on a chain twice as deep runs at most 2.1 times
the lines).

* ``unclosed-braces``: ``[A]: a {{{…`` (20,000 braces), ``argmap.check``
* ``tags``: one statement with 50,000 tags, ``argmap.check``
* ``added-nodes``: a learner file with 26,000 added nodes, each attached to the one
  before (about 2 MB), ``argmap.annotations.load`` with its map
* ``deep-chain``: a support chain 15,000 levels deep, ``argmap.check`` + ``to_outline``

Each is compared with a normal map (``generate.make_map``), or a normal learner file
(judgements and notes), of the same size in bytes, and with itself at half the size:
linear growth doubles the time when the input doubles (quadratic: four times).

    python benchmarks/hostile.py          # the table, alone
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import make_map  # noqa: E402

#: Seconds one measured process may take before it counts as a hang.
TIMEOUT = 120.0

_CHILD = r"""
import json, sys, time, tracemalloc
op, path, extra = sys.argv[1], sys.argv[2], sys.argv[3]
import argmap
from argmap.checking.load import check
from argmap.draw.outline import to_outline

def run():
    if op == "check":
        check(path)
    elif op == "outline":
        to_outline(check(path).map)
    elif op == "annotations":
        from argmap.annotations import load
        load(path, check(extra).map)

start = time.process_time()
run()
seconds = time.process_time() - start
tracemalloc.start()
run()
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps([seconds, peak]))
"""


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak: int  # bytes
    timed_out: bool = False


def measure(op: str, path: Path, extra: Path | None = None, repeat: int = 1) -> Measure:
    """The median time and the peak memory of ``op`` on ``path`` in fresh processes."""
    times: list[float] = []
    peak = 0
    for _ in range(repeat):
        try:
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, op, str(path), str(extra or "")],
                capture_output=True,
                timeout=TIMEOUT * 2,
                check=True,
                text=True,
            )
        except subprocess.TimeoutExpired:
            return Measure(TIMEOUT, 0, timed_out=True)
        except subprocess.CalledProcessError as exc:
            raise RuntimeError(f"{op} {path.name} failed: {exc.stderr.strip().splitlines()[-1:]}") from None
        seconds, peak = json.loads(done.stdout.strip().splitlines()[-1])
        times.append(seconds)
    times.sort()
    return Measure(times[len(times) // 2], peak)


def _normal_map(size: int) -> str:
    """A generated map of about ``size`` bytes."""
    n = max(1, size // 120)
    text = make_map(n)
    while len(text.encode()) < size:
        n = int(n * size / max(1, len(text.encode()))) + 1
        text = make_map(n)
    return text


def _chain(n: int) -> str:
    parts = ["[S0]: The end of the chain. #thesis"]
    parts += [f"[S{i}]: Step {i} of the chain.\n  +> [S{i - 1}]" for i in range(1, n)]
    return "\n\n".join(parts) + "\n"


def _learner_file(m_path: Path, added: int, *, chained: bool) -> bytes:
    """A learner's file for the map at ``m_path``: ``added`` added nodes (each on the
    one before when ``chained``), or, with ``added=0``, judgements and notes only."""
    from argmap.annotations import Annotations, dumps
    from argmap.checking.load import check

    m = check(m_path).map
    a = Annotations.new("Learner", m)
    doc = json.loads(dumps(a))
    if added:
        doc["added"] = [
            {
                "id": f"added-{k}",
                "kind": "objection",
                "target": f"added-{k - 1}" if chained and k > 1 else f"[{m.statements[0].title}]",
                "text": "x",
            }
            for k in range(1, added + 1)
        ]
    return json.dumps(doc, separators=(",", ":")).encode()  # 26,000 nodes: under the 2 MB cap


def _notes_file(m_path: Path, size: int) -> bytes:
    """A normal learner file of about ``size`` bytes: a judgement and a note on each statement."""
    from argmap.annotations import Annotations, dumps
    from argmap.checking.load import check

    m = check(m_path).map
    doc = json.loads(dumps(Annotations.new("Learner", m)))
    statements = [f"[{s.title}]" for s in m.statements]
    note_len = max(20, min(990, size // max(1, len(statements)) - 60))
    doc["nodes"] = {key: {"judgement": "accept", "note": "n" * note_len} for key in statements}
    return json.dumps(doc, indent=2).encode()


class _Rows(list["Row"]):
    def append(self, row: Row) -> None:
        print(f"  hostile: {row.text()}", file=sys.stderr, flush=True)
        super().append(row)


@dataclass(frozen=True)
class Row:
    case: str
    size: int
    worst: Measure
    half: Measure
    normal: Measure

    @property
    def time_ratio(self) -> float:
        return self.worst.seconds / max(self.normal.seconds, 1e-6)

    @property
    def memory_ratio(self) -> float:
        return self.worst.peak / max(self.normal.peak, 1)

    @property
    def growth(self) -> float:
        """Time at the full size over time at half of it (2: linear, 4: quadratic)."""
        return self.worst.seconds / max(self.half.seconds, 1e-6)

    def text(self) -> str:
        worst = f">{TIMEOUT:.0f} s (stopped)" if self.worst.timed_out else f"{self.worst.seconds:.3f} s"
        return (
            f"{self.case} ({self.size / 1024:,.0f} KB): {worst} / {self.normal.seconds:.3f} s "
            f"= ×{self.time_ratio:.2f} time, ×{self.memory_ratio:.2f} memory "
            f"({self.worst.peak / 2**20:.1f} / {self.normal.peak / 2**20:.1f} MB), "
            f"doubling ×{self.growth:.2f}"
        )


def rows(tmp: Path, repeat: int = 1) -> list[Row]:
    """Measure every case (see the module docstring); each row is also printed on
    stderr as soon as it is measured."""
    tmp.mkdir(parents=True, exist_ok=True)
    out = _Rows()

    def write(name: str, data: str | bytes) -> Path:
        p = tmp / name
        p.write_bytes(data.encode() if isinstance(data, str) else data)
        return p

    def map_case(case: str, op: str, make: object, n: int) -> None:
        full = write(f"{case}.argdown", make(n))  # type: ignore[operator]
        half = write(f"{case}-half.argdown", make(n // 2))  # type: ignore[operator]
        size = full.stat().st_size
        normal = write(f"{case}-normal.argdown", _normal_map(size))
        out.append(
            Row(
                case,
                size,
                measure(op, full, repeat=repeat),
                measure(op, half, repeat=repeat),
                measure(op, normal, repeat=repeat),
            )
        )

    map_case("unclosed-braces", "check", lambda n: "[A]: a " + "{" * n + "\n", 20_000)
    map_case(
        "tags", "check", lambda n: "[T]: t #thesis " + " ".join(f"#t{k}" for k in range(n)) + "\n", 50_000
    )
    map_case("deep-chain", "outline", _chain, 15_000)

    m_path = write("learners-map.argdown", "[T]: A thesis. #thesis\n  + [R]: A reason.\n")
    full = write("added.json", _learner_file(m_path, 26_000, chained=True))
    half = write("added-half.json", _learner_file(m_path, 13_000, chained=True))
    size = full.stat().st_size
    big_map = write("normal-learners-map.argdown", _normal_map(size // 8))
    normal = write("normal.json", _notes_file(big_map, size))
    out.append(
        Row(
            "added-nodes",
            size,
            measure("annotations", full, m_path, repeat),
            measure("annotations", half, m_path, repeat),
            measure("annotations", normal, big_map, repeat),
        )
    )
    return out


def main() -> None:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="argmap-hostile-") as tmp:
        for r in rows(Path(tmp)):
            print(r.text(), flush=True)


if __name__ == "__main__":
    main()
