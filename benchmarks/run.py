"""argmap's benchmarks: the budgets of DESIGN.md, measured as ratios within one run.

Each benchmark prints one line,

    name: RATIO (target ...) [raw timings]

or ``name: skipped (reason)`` when the piece it measures does not exist yet.  Every
time is the median of ``--repeat`` runs, and every ratio compares two things timed
in the same run on the same machine, so the numbers travel between machines.

    python benchmarks/run.py                 # all of them
    python benchmarks/run.py render-1000     # only some
    python benchmarks/run.py --strict        # exit 1 if a measured ratio misses its target
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import make_map, make_source  # noqa: E402
from parse import BENCHMARKS as PARSE_BENCHMARKS  # noqa: E402


class Skip(Exception):
    """The piece this benchmark measures is not there (yet)."""


@dataclass
class Result:
    ratio: float
    target: float
    target_text: str
    detail: str
    runs: int
    broken_rule: str = ""  # a budget missed whatever the time (e.g. Jupyter imported)

    @property
    def ok(self) -> bool:
        return self.ratio <= self.target and not self.broken_rule


def median_time(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn()`` in seconds over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(cmd: Sequence[str], input: bytes | None = None) -> None:
    """Run a command quietly; its error output only if it fails."""
    done = subprocess.run(cmd, input=input, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.decode(errors='replace')}"
        )


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def argmap_cli() -> list[str]:
    """The installed ``argmap`` script beside this Python, else ``python -m argmap``."""
    script = Path(sys.executable).with_name("argmap")
    return [str(script)] if script.exists() else [sys.executable, "-m", "argmap"]


def need_dot() -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise Skip("Graphviz `dot` is not installed")
    return dot


def need_parser() -> Any:
    try:
        import argmap

        argmap.loads(make_map(3, seed=0))
    except Exception as exc:  # the parser is still being written
        raise Skip(f"argmap cannot read Argdown yet: {type(exc).__name__}: {exc}") from None
    return argmap


# ---------------------------------------------------------------------------
# The benchmarks
# ---------------------------------------------------------------------------


def bench_render(repeat: int, tmp: Path) -> Result:
    """A 1,000-statement map without a #thesis (Argdown maps have none), text to SVG,
    as a whole `argmap render` process, against `dot -Tsvg` alone on argmap's DOT for
    that map; the same map with its thesis tagged is timed too."""
    dot = need_dot()
    cli = argmap_cli()
    src = tmp / "map1000.argdown"
    tagged = make_map(1000, seed=1, source="source.txt")
    src.write_text(tagged.replace(" #thesis", "", 1), encoding="utf-8")
    (tmp / "tagged.argdown").write_text(tagged, encoding="utf-8")
    (tmp / "source.txt").write_text(make_source(1000, seed=1), encoding="utf-8")  # every quote is checked
    dot_file = tmp / "map1000.dot"
    made = subprocess.run([*cli, "render", str(src), "-o", str(dot_file)], capture_output=True, text=True)
    if made.returncode != 0 or not dot_file.exists():
        why = (made.stderr or made.stdout).strip().splitlines()
        raise Skip(f"`argmap render` failed: {why[-1] if why else made.returncode}")
    t_argmap = median_time(lambda: run([*cli, "render", str(src), "-o", str(tmp / "a.svg")]), repeat)
    t_dot = median_time(lambda: run([dot, "-Tsvg", str(dot_file), "-o", str(tmp / "d.svg")]), repeat)
    t_tagged = median_time(
        lambda: run([*cli, "render", str(tmp / "tagged.argdown"), "-o", str(tmp / "t.svg")]), repeat
    )
    # argmap's default picture of a big map is its overview, little work for dot; the
    # whole map in one picture (what the default was before) is timed for comparison
    argmap = need_parser()
    from argmap.draw.dot import to_dot

    whole = tmp / "whole.dot"
    whole.write_text(to_dot(argmap.loads(src.read_text(encoding="utf-8"), base_dir=tmp)), encoding="utf-8")
    t_whole = median_time(lambda: run([dot, "-Tsvg", str(whole), "-o", str(tmp / "w.svg")]), repeat)
    return Result(
        t_argmap / t_dot,
        1.3,
        "≤ 1.3",
        f"argmap render {fmt_s(t_argmap)} (no #thesis; with one: {fmt_s(t_tagged)}), "
        f"dot -Tsvg on its DOT {fmt_s(t_dot)}; on the whole map's DOT {fmt_s(t_whole)} "
        f"({t_argmap / t_whole:.2f}x)",
        repeat,
    )


_GUI_MODULES = (
    "jupyter",
    "jupyterlab",
    "jupyter_client",
    "ipykernel",
    "IPython",
    "ipywidgets",
    "anywidget",
    "traitlets",
    "weasyprint",
    "pypdf",
)


def bench_import(repeat: int, tmp: Path) -> Result:
    """`python -c "import argmap"` minus `python -c "pass"`, as a share of 150 ms."""
    probe = (
        "import argmap, sys; "
        f"print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in {_GUI_MODULES!r})))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    if loaded.returncode != 0:
        raise Skip(f"`import argmap` fails: {loaded.stderr.strip().splitlines()[-1]}")
    heavy = loaded.stdout.split()
    n = max(repeat, 15)  # cheap, and noisy: more runs
    t_import = median_time(lambda: run([sys.executable, "-c", "import argmap"]), n)
    t_bare = median_time(lambda: run([sys.executable, "-c", "pass"]), n)
    cost = max(t_import - t_bare, 0.0)
    modules = "no Jupyter/widget/PDF module imported" if not heavy else f"ALSO IMPORTS {', '.join(heavy)}"
    return Result(
        cost / 0.150,
        1.0,
        "≤ 1.0 of 150 ms",
        f"import {fmt_s(cost)} = {fmt_s(t_import)} - bare python {fmt_s(t_bare)}; {modules}",
        n,
        "imports Jupyter" if heavy else "",
    )


def bench_restyle(repeat: int, tmp: Path) -> Result:
    """A learner judges a node of the 1,000-statement map in the annotation workbench
    (annotation changed, file saved, diagram restyled without a new layout), against
    a fresh `dot -Tsvg` layout of the same map."""
    dot = need_dot()
    argmap = need_parser()
    try:
        from argmap.draw.dot import to_dot
        from argmap.widgets import Annotator
    except ImportError as exc:
        raise Skip(f"no argmap.widgets.Annotator yet ({exc})") from None
    (tmp / "map.argdown").write_text(make_map(1000, seed=1, source="source.txt"), encoding="utf-8")
    (tmp / "source.txt").write_text(make_source(1000, seed=1), encoding="utf-8")
    m = argmap.load(tmp / "map.argdown")
    workbench = Annotator(m, learner="bench", file=tmp / "bench.json")
    workbench.select("Claim 100")
    verdicts = ["accept", "doubt", "reject"]
    state = {"k": 0}

    def change() -> None:
        state["k"] += 1
        workbench.judge(verdicts[state["k"] % 3])

    try:
        change()
    except Exception as exc:
        raise Skip(
            f"Annotator API differs from this benchmark's guess ({type(exc).__name__}: {exc})"
        ) from None
    runs = max(repeat, 20)  # milliseconds each: more runs
    t_restyle = median_time(change, runs)
    dot_source = to_dot(m).encode("utf-8")
    t_dot = median_time(lambda: run([dot, "-Tsvg"], input=dot_source), repeat)
    return Result(
        t_restyle / t_dot,
        0.02,
        "≤ 0.02",
        f"judge + save + restyle {t_restyle * 1000:.1f} ms (median of {runs}), dot -Tsvg {fmt_s(t_dot)}",
        repeat,
    )


def bench_batch(repeat: int, tmp: Path) -> Result:
    """500 small maps (each quoting its own source text) rendered to SVG by one
    `argmap render MAP... --out-dir DIR` process (read, check, draw, write), against
    one `dot -Tsvg` process per map on argmap's DOT for the same maps."""
    dot = need_dot()
    need_parser()
    cli = argmap_cli()
    maps = tmp / "maps"
    maps.mkdir()
    for k in range(500):
        (maps / f"map{k:03d}.argdown").write_text(make_map(12, seed=k, source=f"map{k:03d}.txt"), "utf-8")
        (maps / f"map{k:03d}.txt").write_text(make_source(12, seed=k), "utf-8")
    files = sorted(str(p) for p in maps.glob("*.argdown"))
    made = subprocess.run(
        [*cli, "render", *files, "--out-dir", str(tmp / "dot"), "--format", "dot"],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        why = (made.stderr or made.stdout).strip().splitlines()
        raise Skip(f"`argmap render --out-dir` failed: {why[-1] if why else made.returncode}")
    if "warning[" in made.stderr or "error[" in made.stderr:
        raise RuntimeError(f"the generated maps are not clean: {made.stderr.splitlines()[0]}")
    dots = sorted((tmp / "dot").glob("*.dot"))
    if len(dots) != 500:
        raise RuntimeError(f"`argmap render --format dot` wrote {len(dots)} files for 500 maps")
    runs = max(1, min(repeat, 3))  # each run is hundreds of processes
    out = tmp / "svg"
    t_batch = median_time(lambda: run([*cli, "render", *files, "--out-dir", str(out)]), runs)
    if len(list(out.glob("*.svg"))) != 500:
        raise RuntimeError("`argmap render --out-dir` did not write 500 SVG files")
    each = tmp / "each"
    each.mkdir()

    def one_each() -> None:
        for d in dots:
            run([dot, "-Tsvg", str(d), "-o", str(each / (d.stem + ".svg"))])

    t_each = median_time(one_each, runs)
    # For the record: the same 500 graphs through ONE dot process (no Python, no
    # parallel chunks) - how much of the gain is fewer process starts alone.
    together = b"\n".join(d.read_bytes() for d in dots)
    t_one = median_time(lambda: run([dot, "-Tsvg"], input=together), runs)
    return Result(
        t_batch / t_each,
        0.25,
        "≤ 0.25",
        f"argmap render 500 maps --out-dir {fmt_s(t_batch)}, 500 dot processes {fmt_s(t_each)}; "
        f"one dot process for all 500 {fmt_s(t_one)}",
        runs,
    )


def bench_seminar(repeat: int, tmp: Path) -> Result:
    """The class view and agenda of 300 generated learners' annotation files for the case
    study (`argmap.classroom.seminar.class_view` + `agenda`), against reading and checking the same
    300 files alone (`argmap.annotations.load`); the absolute time must stay a few seconds."""
    import random

    argmap = need_parser()
    try:
        # Not `from argmap import annotations`: a module attribute could shadow it.
        annotations: Any = importlib.import_module("argmap.annotations")
        seminar: Any = importlib.import_module("argmap.classroom.seminar")
    except ImportError as exc:
        raise Skip(f"no argmap.classroom.seminar / argmap.annotations yet ({exc})") from None
    case = HERE.parent / "notebooks" / "russia-iran.argdown"
    m = argmap.load(case)
    statements = [f"[{s.title}]" for s in m.statements]
    arguments = [f"<{a.title}>" for a in m.arguments]
    flags = list(annotations.FLAGS)
    folder = tmp / "class"
    folder.mkdir()
    rng = random.Random(3)
    for k in range(300):
        a = annotations.Annotations.new(learner=f"Learner {k:03d}", m=m)
        for key in rng.sample(statements, min(25, len(statements))):
            a = a.with_judgement(key, rng.choice(["accept", "doubt", "reject"]))
            if rng.random() < 0.2:
                a = a.with_flag(key, rng.choice(flags))
            if rng.random() < 0.1:
                a = a.with_note(key, f"Learner {k} wonders whether {key} really holds. " * 3)
        for key in rng.sample(arguments, min(5, len(arguments))):
            a = a.with_judgement(key, rng.choice(["strong", "weak", "none"]))
        if rng.random() < 0.3:
            a = a.with_added("objection", rng.choice(statements), f"An objection by learner {k}.")
        annotations.save(folder / f"learner-{k:03d}.json", a)
    files = sorted(folder.glob("*.json"))

    def view() -> None:
        v = seminar.class_view(m, files)
        if v.size != 300:
            raise RuntimeError(f"{len(v.refusals)} files refused: {v.refusals[:1]}")
        seminar.agenda(v)

    def load_alone() -> None:
        for f in files:
            annotations.load(f)

    view()
    t_view = median_time(view, repeat)
    t_load = median_time(load_alone, repeat)
    return Result(
        t_view / t_load,
        1.5,
        "≤ 1.5, and ≤ 3 s in all",
        f"class view + agenda of 300 files {fmt_s(t_view)}, loading the 300 files alone {fmt_s(t_load)}",
        repeat,
        f"took {fmt_s(t_view)}, more than 3 s" if t_view > 3.0 else "",
    )


def bench_collect(repeat: int, tmp: Path) -> Result:
    """`argmap collect` of 300 learners' homes (one file each, for the case study) into
    an empty class folder: walking the folders, reading each file without following
    links, checking it against the map, deciding who may speak for whom and writing the
    copies, against reading and checking the same 300 files alone."""
    argmap = need_parser()
    try:
        annotations: Any = importlib.import_module("argmap.annotations")
        collecting: Any = importlib.import_module("argmap.classroom.collect")
    except ImportError as exc:
        raise Skip(f"no argmap.classroom.collect yet ({exc})") from None
    m = argmap.load(HERE.parent / "notebooks" / "russia-iran.argdown")
    statements = [f"[{s.title}]" for s in m.statements]
    homes = tmp / "home"
    files = []
    for k in range(300):
        a = annotations.Annotations.new(f"Learner {k:03d}", m)
        for j, key in enumerate(statements[:25]):
            a = a.with_judgement(key, ("accept", "doubt", "reject")[(j + k) % 3])
        path = homes / f"learner{k:03d}" / "argmap" / "out" / annotations.learner_file_name("case", a.learner)
        path.parent.mkdir(parents=True)
        annotations.save(path, a)
        files.append(path)
    runs = iter(range(10_000))

    def gather() -> None:
        done = collecting.collect([homes], tmp / f"class-{next(runs)}", m)
        if len(done.copied) != 300:
            raise RuntimeError(f"{len(done.refusals)} refused: {done.refusals[:1]}")

    files_module: Any = importlib.import_module("argmap.files")

    def load_and_copy() -> None:  # the work collect cannot avoid: read, check, write durably
        into = tmp / f"copy-{next(runs)}"
        into.mkdir()
        for f in files:
            annotations.load(f, m)
            files_module.atomic_write(into / f.name, f.read_bytes(), mode=0o600)

    gather()
    t_collect = median_time(gather, repeat)
    t_plain = median_time(load_and_copy, repeat)
    return Result(
        t_collect / t_plain,
        1.5,
        "≤ 1.5",
        f"collect of 300 homes {fmt_s(t_collect)}, loading, checking and copying the 300 files "
        f"alone {fmt_s(t_plain)}",
        repeat,
    )


def bench_class30(repeat: int, tmp: Path) -> Result:
    """Thirty learners open notebook 8 under Voilà at once: the 30th learner's wait
    with pre-heated kernels, against Voilà as started today (see class30.py).
    Measured once (``--repeat`` does not apply: it takes about a minute per run)."""
    import class30

    try:
        plain = class30.measure(tmp, preheat=False)
        hot = class30.measure(tmp, preheat=True)
    except FileNotFoundError as exc:
        raise Skip(str(exc)) from None
    return Result(
        hot.last / plain.last,
        1 / 3,
        "< 1/3",
        f"{class30.describe(hot)}; {class30.describe(plain)}",
        1,
        f"{hot.failed} learner(s) got no pre-heated workbench" if hot.failed else "",
    )


def bench_hostile(repeat: int, tmp: Path) -> Result:
    """The worst inputs of issue 13 (unclosed braces, a flood of tags, a learner file
    of chained added nodes, a 15,000-level chain) against a normal map or learner file
    of the same size: time and peak memory, and the time when the input doubles
    (see hostile.py).  The ratio is the worst time ratio; any case growing faster
    than linearly (doubling ×2.6 or more) misses the budget."""
    import hostile

    rows = hostile.rows(tmp, repeat=min(repeat, 3))
    worst = max(rows, key=lambda r: r.time_ratio)
    steep = [r.case for r in rows if r.growth >= 2.6 or r.worst.timed_out]
    return Result(
        worst.time_ratio,
        3.0,
        "≤ 3 × a normal input of the same size, linear growth",
        "; ".join(r.text() for r in rows),
        min(repeat, 3),
        f"grows faster than linearly: {', '.join(steep)}" if steep else "",
    )


class DotCounter:
    """Counts Graphviz runs inside this process: a ``dot`` first on PATH that logs a line
    per run and keeps its standard input (the DOT argmap sent), then execs the real one
    (argmap looks ``dot`` up on PATH at each run).  Used for one untimed run, so the
    wrapper's cost never enters a timing."""

    def __init__(self, tmp: Path, dot: str) -> None:
        self.folder = tmp / "counting-bin"
        self.folder.mkdir(exist_ok=True)
        self.log = tmp / "dot-runs.log"
        self.inputs: list[bytes] = []
        log, folder = shlex.quote(str(self.log)), shlex.quote(str(self.folder))
        wrapper = self.folder / "dot"
        wrapper.write_text(
            f"""#!/bin/sh
printf '%s\\n' "$*" >> {log}
n=$(wc -l < {log})
cat > {folder}/input.$n
exec {shlex.quote(dot)} "$@" < {folder}/input.$n
""",
            encoding="utf-8",
        )
        wrapper.chmod(0o755)

    def runs(self, fn: Callable[[], object]) -> int:
        """How many times ``fn()`` ran ``dot``; :attr:`inputs` holds what each run read."""
        self.log.write_text("", encoding="utf-8")
        for old in self.folder.glob("input.*"):
            old.unlink()
        path = os.environ.get("PATH", "")
        os.environ["PATH"] = f"{self.folder}{os.pathsep}{path}"
        try:
            fn()
        finally:
            os.environ["PATH"] = path
        n = len(self.log.read_text(encoding="utf-8").splitlines())
        self.inputs = [(self.folder / f"input.{k}").read_bytes() for k in range(1, n + 1)]
        return n

    @property
    def last_input(self) -> bytes:
        """The DOT of the last run: the picture(s) argmap kept after any tries."""
        if not self.inputs:
            raise RuntimeError("argmap ran no dot")
        return self.inputs[-1]


def _runs_text(runs: int, pictures: int = 1) -> str:
    per = f" for {pictures} pictures" if pictures != 1 else ""
    return f"{runs} dot run{'s' if runs != 1 else ''}{per}"


def _against_last_dot(
    fn: Callable[[], object],
    what: str,
    dot: str,
    tmp: Path,
    repeat: int,
    pictures: int = 1,
    whole: str | None = None,
) -> Result:
    """``fn()`` against `dot -Tsvg` alone on the DOT of its last `dot` run (target ≤ 2),
    with the `dot` runs of one untimed, counted call.  ``whole``: the DOT of the whole
    map in one picture, also timed alone, so the line says what drawing the whole map
    would cost (a big map's default picture is its overview, far less work for dot)."""
    counter = DotCounter(tmp, dot)
    runs = counter.runs(fn)
    t_fn = median_time(fn, repeat)
    t_dot = median_time(lambda: run([dot, "-Tsvg"], input=counter.last_input), repeat)
    also = ""
    if whole is not None:
        t_whole = median_time(lambda: run([dot, "-Tsvg"], input=whole.encode("utf-8")), repeat)
        also = f"; dot -Tsvg on the whole map's DOT {fmt_s(t_whole)} ({t_fn / t_whole:.2f}x)"
    return Result(
        t_fn / t_dot,
        2.0,
        "≤ 2",
        f"{what} {fmt_s(t_fn)} ({_runs_text(runs, pictures)}), dot -Tsvg alone {fmt_s(t_dot)}{also}",
        repeat,
    )


def bench_render_250(repeat: int, tmp: Path, n: int = 250) -> Result:
    """A 250-statement map (quoting its source text) from text to SVG in this process
    (`argmap.loads` + `argmap.output.export.render(m, "svg")`), against `dot -Tsvg` alone on
    the DOT of argmap's last `dot` run (the picture it kept); also the number of runs.
    (Its 297 nodes are over `export.FIT_LIMIT`; `render-200` is the same under it.)"""
    dot = need_dot()
    argmap = need_parser()
    from argmap.output.export import render

    text = make_map(n, seed=1, source="source.txt")
    (tmp / "source.txt").write_text(make_source(n, seed=1), encoding="utf-8")

    def draw() -> bytes:
        return render(argmap.loads(text, base_dir=tmp), "svg")

    m = argmap.loads(text, base_dir=tmp)
    from argmap.draw.dot import to_dot

    return _against_last_dot(
        draw, f"text to SVG of {len(m)} nodes", dot, tmp, repeat, whole=to_dot(m, detail="auto")
    )


#: Issue 16: a 300-statement map printed on A4 took 75 s; the target is a tenth of it.
PRINT_BUDGET_S = 7.5


def bench_print_300(repeat: int, tmp: Path) -> Result:
    """A 300-statement map printed on A4 (`render(m, "pdf", page=PageOptions("A4"))`:
    an overview and pages per line), as a share of 7.5 s (a tenth of the 75 s issue 16
    measured), also given as a multiple of `dot -Tsvg` alone on the whole map's DOT
    (`to_dot(m, detail="full")`), with its pages and `dot` runs."""
    dot = need_dot()
    argmap = need_parser()
    pypdf = importlib.import_module("pypdf")
    from argmap.draw.dot import to_dot
    from argmap.draw.style import PageOptions
    from argmap.output.export import render

    m = argmap.loads(make_map(300, seed=1))
    state: dict[str, bytes] = {}

    def print_a4() -> None:
        state["pdf"] = render(m, "pdf", page=PageOptions("A4"))

    runs = max(1, min(repeat, 3))  # seconds each
    try:
        counted = DotCounter(tmp, dot).runs(print_a4)
    except argmap.ArgmapError as exc:
        return Result(float("inf"), 1.0, f"≤ 1.0 of {PRINT_BUDGET_S:g} s", str(exc), 1, type(exc).__name__)
    pages = len(pypdf.PdfReader(io.BytesIO(state["pdf"])).pages)
    t_print = median_time(print_a4, runs)
    whole = to_dot(m, detail="full").encode("utf-8")
    t_dot = median_time(lambda: run([dot, "-Tsvg"], input=whole), repeat)
    return Result(
        t_print / PRINT_BUDGET_S,
        1.0,
        f"≤ 1.0 of {PRINT_BUDGET_S:g} s",
        f"A4 print {fmt_s(t_print)} = {t_print / t_dot:.1f} × dot -Tsvg alone ({fmt_s(t_dot)}); "
        f"{pages} pages, {_runs_text(counted)}",
        runs,
    )


def bench_overview(repeat: int, tmp: Path) -> Result:
    """The case study's notebook display (`argmap.notebook.display_bundle`: the picture(s)
    that read, the outline and notes), against `dot -Tsvg` alone on the DOT of the
    display's last `dot` run (the picture kept after any tries, or all its pictures when
    they share one run); also the `dot` runs and the pictures (``<svg``) shown."""
    dot = need_dot()
    argmap = need_parser()
    from argmap.notebook import display_bundle

    m = argmap.load(HERE.parent / "notebooks" / "russia-iran.argdown")
    pictures = display_bundle(m)["text/html"].count("<svg")
    return _against_last_dot(lambda: display_bundle(m), "display", dot, tmp, repeat, pictures)


def bench_render_200(repeat: int, tmp: Path) -> Result:
    """`render-250` on a 200-statement map (238 nodes, under `export.FIT_LIMIT`: the
    size at which layouts are tried until one fits)."""
    return bench_render_250(repeat, tmp, 200)


def _growth(
    small: Callable[[], object], big: Callable[[], object], repeat: int
) -> tuple[float, float, float]:
    """Time a job at size n and at size 2n, in turns: (ratio, time at n, time at 2n).
    Work that grows in proportion gives 2; work that grows with the square gives 4."""
    small()
    big()
    t_small = median_time(small, repeat)
    t_big = median_time(big, repeat)
    return t_big / t_small, t_small, t_big


def bench_to_dot_growth(repeat: int, tmp: Path) -> Result:
    """`argmap.draw.dot.to_dot` (the whole map's DOT text, no Graphviz run) on a 2,000-
    statement map against a 1,000-statement one: it grows in proportion.  Moved here from
    a timed test (``tests/test_render.py`` asserted under 0.5 s; the budget was 50 ms)."""
    argmap = need_parser()
    render: Any = importlib.import_module("argmap.draw.dot")
    m1, m2 = argmap.loads(make_map(1000, seed=1)), argmap.loads(make_map(2000, seed=1))
    ratio, t1, t2 = _growth(lambda: render.to_dot(m1), lambda: render.to_dot(m2), repeat)
    return Result(
        ratio,
        2.5,
        "≤ 2.5 (in proportion: 2)",
        f"to_dot on 1,000 statements {fmt_s(t1)} (budget 50 ms), on 2,000 {fmt_s(t2)}",
        repeat,
    )


def bench_seminar_chain(repeat: int, tmp: Path) -> Result:
    """The class view of one learner file whose added nodes form one long chain (rebuttals
    of rebuttals of … an objection): 12,000 links against 6,000.  A 1 MB file of such a
    chain once stalled the seminar for 55 s (each link walked to its end again: the
    square of the length); moved here from a timed test in ``tests/test_seminar.py``."""
    argmap = need_parser()
    annotations: Any = importlib.import_module("argmap.annotations")
    seminar: Any = importlib.import_module("argmap.classroom.seminar")
    m = argmap.loads("[T]: The thesis. #thesis\n  + [R]: A reason.\n")

    def chained(n: int) -> Any:
        doc = json.loads(annotations.dumps(annotations.Annotations.new("Ana", m)))
        doc["added"] = [
            {
                "id": f"added-{i}",
                "kind": "objection",
                "target": "[T]" if i == 1 else f"added-{i - 1}",
                "text": "x",
            }
            for i in range(1, n + 1)
        ]
        return annotations.loads(json.dumps(doc))

    a6, a12 = chained(6000), chained(12000)
    ratio, t6, t12 = _growth(
        lambda: seminar.class_view(m, [a6]), lambda: seminar.class_view(m, [a12]), repeat
    )
    return Result(
        ratio,
        2.5,
        "≤ 2.5 (in proportion: 2)",
        f"class view of a 6,000-link chain {fmt_s(t6)}, of 12,000 links {fmt_s(t12)}",
        repeat,
    )


BENCHMARKS: dict[str, Callable[[int, Path], Result]] = {
    "render-1000": bench_render,
    "import": bench_import,
    "restyle-1000": bench_restyle,
    "batch-500": bench_batch,
    "render-250": bench_render_250,
    "render-200": bench_render_200,
    "print-300-a4": bench_print_300,
    "overview-case-study": bench_overview,
    "seminar-300": bench_seminar,
    "seminar-chain": bench_seminar_chain,
    "to-dot-growth": bench_to_dot_growth,
    "collect-300": bench_collect,
    "hostile": bench_hostile,
    "class-30": bench_class30,
    **PARSE_BENCHMARKS,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="argmap's benchmarks (ratios within one run).")
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"some of: {', '.join(BENCHMARKS)}")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per measurement (default 5); the median counts"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 if a measured ratio misses its target")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; valid: {', '.join(BENCHMARKS)}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    # Measure argmap as installed: pip compiles a package's bytecode at install
    # time, but an editable checkout (and PYTHONDONTWRITEBYTECODE=1) would make
    # every process compile the sources again.
    import compileall

    compileall.compile_dir(str(HERE.parent / "src" / "argmap"), quiet=1)

    missed = []
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as tmp_root:
        for name in args.names or BENCHMARKS:
            tmp = Path(tmp_root, name)
            tmp.mkdir()
            try:
                r = BENCHMARKS[name](args.repeat, tmp)
            except Skip as why:
                print(f"{name}: skipped ({why})", flush=True)
                continue
            mark = "" if r.ok else f"  MISSED{': ' + r.broken_rule if r.broken_rule else ''}"
            print(
                f"{name}: {r.ratio:.3f} (target {r.target_text}) [{r.detail}; median of {r.runs}]{mark}",
                flush=True,
            )
            if not r.ok:
                missed.append(name)
    return 1 if (args.strict and missed) else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
