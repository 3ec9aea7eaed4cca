"""Many files at once: convert or render a whole corpus, one result per file.

These functions read inputs, write outputs (atomically) and run Graphviz through
:mod:`argmap.output.export`, but print nothing: each file's outcome is a
:class:`FileResult`, yielded as soon as it is known, for the caller to show.
A bad file is a failed result, never an exception, so the rest of the batch goes on:
even an exception argmap did not expect becomes that file's failure ("this is a bug
in argmap; please report it"), unless :data:`argmap.errors.DEBUG` is set.

Rendering runs ONE ``dot`` process per chunk of maps (:func:`argmap.output.export.render_many`),
not one per map, and reads the next chunk while ``dot`` draws the last; if ``dot``
fails on a chunk, that chunk's maps are drawn one by one so a single bad graph
costs only its own picture.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Future

    from typing_extensions import Unpack

    from ..draw.options import PictureArgs, PictureOptions

from ..errors import DEBUG, ArgmapError, Diagnostic, RenderError, Severity, bug_message
from ..model import ArgumentMap

__all__ = [
    "CHUNK_SIZE",
    "CONVERT_EXTENSIONS",
    "FileResult",
    "convert_files",
    "default_workers",
    "load_map",
    "output_stem",
    "plan_chunks",
    "render_files",
    "summary",
]

#: Graphs per ``dot`` process in a batch: few process starts, bounded memory.
CHUNK_SIZE = 200

#: The extension each written format gets.
CONVERT_EXTENSIONS: dict[str, str] = {"argdown": ".argdown", "aif": ".json"}

_COMPOUND = (".aif.json", ".sadface.json")


@dataclass(frozen=True)
class FileResult:
    """What became of one input: its output, its diagnostics, or why it failed."""

    source: str
    output: Path | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    failure: str | None = None

    @property
    def failed(self) -> bool:
        return self.failure is not None

    @property
    def warned(self) -> bool:
        return any(d.severity is Severity.WARNING for d in self.diagnostics)


def summary(results: Sequence[FileResult], done: str) -> str:
    """``500 files: 497 rendered, 2 with warnings, 3 failed`` (``done``: the verb).

    >>> summary([FileResult("a", failure="bad"), FileResult("b")], "converted")
    '2 files: 1 converted, 0 with warnings, 1 failed'
    """
    failed = sum(r.failed for r in results)
    warned = sum(r.warned and not r.failed for r in results)
    n = len(results)
    return f"{n} file{'s' if n != 1 else ''}: {n - failed} {done}, {warned} with warnings, {failed} failed"


def output_stem(path: str | os.PathLike[str]) -> str:
    """The name an output takes from its input: the file name without its format ending.

    >>> output_stem("corpus/micro_b001.xml"), output_stem("x/map.aif.json")
    ('micro_b001', 'map')
    """
    name = Path(path).name
    for ending in _COMPOUND:
        if name.lower().endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)]
    return Path(name).stem or name


def load_map(path: str | os.PathLike[str], fmt: str | None = None) -> tuple[ArgumentMap, list[Diagnostic]]:
    """The map in any format argmap reads, with every diagnostic.

    Argdown goes through :func:`argmap.checking.load.check` (validated, quotes anchored in the
    source text); the interchange formats through :func:`argmap.formats.load_any`.
    A missing or unreadable file raises :class:`~argmap.errors.ArgmapError`.
    """
    from ..formats import detect_format, load_any

    if (fmt or detect_format(path)) == "argdown":
        from ..checking.load import check

        report = check(path)
        return report.map, list(report.diagnostics)
    return load_any(path, fmt)


def _failure_reason(diagnostics: Sequence[Diagnostic]) -> str:
    errors = [d for d in diagnostics if d.is_error]
    first = f"{errors[0].location}: {errors[0].message}"
    more = f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return first + more


class _Outputs:
    """Output paths in one folder: derived from input names, kept inside the folder,
    never an input file, never the same output twice (``name-2`` …)."""

    def __init__(self, out_dir: str | os.PathLike[str], inputs: Sequence[str | os.PathLike[str]], ext: str):
        self.dir = Path(out_dir)
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArgmapError(f"cannot use {os.fspath(out_dir)!r} as the output folder: {exc}") from None
        self.ext = ext
        self.inputs = {Path(p).resolve(): os.fspath(p) for p in inputs}
        self.taken: set[Path] = set()

    def path_for(self, source: str | os.PathLike[str]) -> Path:
        from .export import safe_output_path

        stem = output_stem(source)
        k = 1
        while True:
            target = safe_output_path(self.dir, f"{stem}{'' if k == 1 else f'-{k}'}{self.ext}")
            if target not in self.taken:
                break
            k += 1
        found = self.inputs.get(target)  # safe_output_path resolved it already
        if found is not None:
            raise ArgmapError(f"the output {target} would overwrite the input file {found}")
        self.taken.add(target)
        return target


def _refuse_input(target: Path, inputs: dict[Path, str]) -> None:
    found = inputs.get(target.resolve())
    if found is not None:
        raise ArgmapError(f"the output {target} would overwrite the input file {found}")


def _failure(exc: Exception) -> str:
    """Why one file failed: the message of an argmap error, else a bug report line."""
    if isinstance(exc, ArgmapError):
        return exc.show()
    if DEBUG.get():
        raise exc
    return bug_message(exc)


def _write(path: Path, data: bytes, fmt: str, *, sync: bool = True) -> None:
    """Write atomically through :func:`argmap.files.write_output` (a temporary file,
    then rename: never half a file; never over a file the command read).

    ``sync=False`` skips the ``fsync``: for pictures drawn in a batch, which can be
    drawn again, it would cost about a third of Graphviz's time per map.
    """
    from ..files import write_output

    write_output(path, data, fmt, sync=sync)


def convert_files(
    paths: Sequence[str | os.PathLike[str]],
    to: str,
    *,
    out_dir: str | os.PathLike[str] | None = None,
    output: str | os.PathLike[str] | None = None,
    from_fmt: str | None = None,
) -> Iterator[FileResult]:
    """Read each input (format from ``from_fmt``, else its name and content) and write
    it as ``to`` (``"argdown"`` or ``"aif"``): into ``out_dir`` under its own name, or,
    for a single input, to ``output``.  A file with errors is not written."""
    from ..formats import dumps, load_any

    if to not in CONVERT_EXTENSIONS:
        raise ValueError(f"cannot write {to!r}; argmap writes: {', '.join(CONVERT_EXTENSIONS)}")
    if (out_dir is None) == (output is None):
        raise ValueError("give exactly one of out_dir and output")
    if output is not None and len(paths) != 1:
        raise ValueError("one output file needs exactly one input")
    outputs = _Outputs(out_dir, paths, CONVERT_EXTENSIONS[to]) if out_dir is not None else None
    inputs = {Path(p).resolve(): os.fspath(p) for p in paths}
    for p in paths:
        source = os.fspath(p)
        diagnostics: list[Diagnostic] = []
        try:
            m, diagnostics = load_any(p, from_fmt)
            if any(d.is_error for d in diagnostics):
                yield FileResult(source, None, tuple(diagnostics), _failure_reason(diagnostics))
                continue
            text = dumps(m, to)
            if outputs is not None:
                target = outputs.path_for(p)
            else:
                assert output is not None
                target = Path(output)
                _refuse_input(target, inputs)
            _write(target, text.encode("utf-8"), to)
        except Exception as exc:
            yield FileResult(source, None, tuple(diagnostics), _failure(exc))
            continue
        yield FileResult(source, target, tuple(diagnostics))


def _draw(sources: list[str], fmt: str) -> list[bytes | RenderError]:
    """Each DOT source drawn as ``fmt``: one ``dot`` for all, or one each if that fails."""
    from .export import pipe, render_many

    if fmt == "dot":
        return [s.encode("utf-8") for s in sources]
    if len(sources) > 1:
        try:
            return list(render_many(sources, fmt))
        except RenderError:
            pass  # find the graph that broke the batch: draw them one by one
    drawn: list[bytes | RenderError] = []
    for s in sources:
        try:
            drawn.append(pipe(s, fmt))
        except RenderError as exc:
            drawn.append(exc)
    return drawn


def _draw_and_write(jobs: list[tuple[Path, str]], fmt: str) -> list[str | None]:
    """Draw a chunk and write each picture; per job, why it failed or ``None``.
    Runs in a worker thread: ``dot`` and the disk do the work, not Python."""
    failures: list[str | None] = []
    for (path, _), data in zip(jobs, _draw([dot for _, dot in jobs], fmt), strict=True):
        try:
            if isinstance(data, RenderError):
                raise data
            _write(path, data, fmt, sync=False)
            failures.append(None)
        except Exception as exc:
            failures.append(_failure(exc))
    return failures


def default_workers() -> int:
    """Graphviz processes at once: the machine's cores, at most 4."""
    return max(1, min(4, os.cpu_count() or 1))


def plan_chunks(n: int, chunk_size: int = CHUNK_SIZE, workers: int = 1) -> list[range]:
    """Split ``n`` maps into chunks, one ``dot`` process each: at most ``chunk_size``
    maps a chunk; with several ``workers``, about four chunks each (of 25 maps or
    more), so ``dot`` starts early and the last chunk, drawn after every map has
    been read, is short.

    >>> [len(c) for c in plan_chunks(500, 200, workers=1)]
    [167, 167, 166]
    >>> [len(c) for c in plan_chunks(500, 200, workers=2)]
    [63, 63, 63, 63, 63, 63, 63, 59]
    >>> [len(c) for c in plan_chunks(30, 200, workers=4)]
    [30]
    """
    if n <= 0:
        return []
    spread = 4 * workers if workers > 1 else 1
    count = max(-(-n // chunk_size), min(spread, n // _MIN_CHUNK or 1))
    size = -(-n // count)
    return [range(k, min(k + size, n)) for k in range(0, n, size)]


_MIN_CHUNK = 25


def render_files(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    fmt: str = "svg",
    *,
    from_fmt: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    workers: int | None = None,
    picture: PictureOptions | None = None,
    **options: Unpack[PictureArgs],
) -> Iterator[FileResult]:
    """Draw each input map as ``fmt`` (``svg``/``png``/``pdf``/``dot``) into ``out_dir``;
    results in input order, each as soon as its chunk is done.

    One ``dot`` process per chunk (:func:`plan_chunks`); up to ``workers`` of them run
    while the next maps are read.  A map with errors is not drawn.  ``picture`` (or the
    same options as keyword arguments) says what :func:`argmap.draw.dot.to_dot` draws
    (PDFs fit an A4 page unless ``page=`` says otherwise, as in
    :func:`argmap.output.export.render`).
    """
    from ..draw.dot import to_dot
    from ..draw.options import picture_options
    from .export import FORMATS, find_dot

    opts = picture_options(picture, **options)
    if fmt not in FORMATS.values():
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS.values())}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size!r}")
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers!r}")
    if fmt != "dot":
        find_dot()  # no Graphviz: one clear error, not a failure per file
    outputs = _Outputs(out_dir, paths, f".{fmt}")

    def prepare(chunk: range) -> tuple[list[FileResult], list[int], list[tuple[Path, str]]]:
        results: list[FileResult] = []
        pending: list[int] = []
        jobs: list[tuple[Path, str]] = []
        for p in (paths[k] for k in chunk):
            source = os.fspath(p)
            diagnostics: list[Diagnostic] = []
            try:
                m, diagnostics = load_map(p, from_fmt)
                if any(d.is_error for d in diagnostics):
                    results.append(FileResult(source, None, tuple(diagnostics), _failure_reason(diagnostics)))
                    continue
                target = outputs.path_for(p)
                dot = to_dot(m, opts)
            except Exception as exc:
                results.append(FileResult(source, None, tuple(diagnostics), _failure(exc)))
                continue
            pending.append(len(results))
            jobs.append((target, dot))
            results.append(FileResult(source, target, tuple(diagnostics)))
        return results, pending, jobs

    def finish(
        results: list[FileResult], pending: list[int], done: Future[list[str | None]]
    ) -> list[FileResult]:
        for k, failure in zip(pending, done.result(), strict=True):
            if failure is not None:
                r = results[k]
                results[k] = FileResult(r.source, None, r.diagnostics, failure)
        return results

    import contextvars
    from concurrent.futures import ThreadPoolExecutor  # only batches start threads

    context = contextvars.copy_context()  # the command's guard and --debug, in the workers too

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="argmap-dot") as pool:
        running: deque[tuple[list[FileResult], list[int], Future[list[str | None]]]] = deque()
        for chunk in plan_chunks(len(paths), chunk_size, workers):
            results, pending, jobs = prepare(chunk)
            running.append((results, pending, pool.submit(context.copy().run, _draw_and_write, jobs, fmt)))
            while running and (running[0][2].done() or len(running) > workers):
                yield from finish(*running.popleft())
        while running:
            yield from finish(*running.popleft())
