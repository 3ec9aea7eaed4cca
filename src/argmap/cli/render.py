"""``argmap render``: maps drawn as SVG, PNG, PDF or DOT."""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .common import UsageError, format_of, run_batch

if TYPE_CHECKING:
    import datetime

    from ..draw.options import PictureOptions

# -- render -----------------------------------------------------------------------


def _picture(args: argparse.Namespace) -> PictureOptions:
    """What the picture shows, from the command line's options."""
    from ..draw.options import PictureOptions
    from ..draw.style import PageOptions

    page = None
    if args.page:
        page = PageOptions(size=args.page, orientation="landscape" if args.landscape else "portrait")
    return PictureOptions(
        legend=not args.no_legend,
        detail=args.detail,
        focus=args.focus,
        depth=args.depth if args.focus is not None else None,
        page=page,
    )


def cmd_render(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _check_outputs(args)
    if args.out_dir or len(args.files) > 1:
        return _render_batch(args, err)
    from ..files import check_output, write_output
    from ..output.batch import load_map

    fmt = format_of(args.output, args.format) if args.output else (args.format or "svg")
    if args.output:
        check_output(
            args.output, fmt, inputs=[*args.files, *([args.annotations] if args.annotations else [])]
        )
    m, diagnostics = load_map(args.files[0], args.from_fmt)
    for d in diagnostics:
        print(d.format(), file=err)
    if any(d.is_error for d in diagnostics):
        return 1
    picture = _picture(args)
    if args.focus is not None:
        _check_focus(m, args.focus)
    if fmt == "pdf" and picture.page is None and args.lines is None and args.focus is None:
        picture = _on_pages(m, args, picture, err)
    printed: tuple[str | None, datetime.date | None] = (None, None)
    if args.annotations:
        m, picture, printed = _with_marks(m, args, fmt, picture, err)
    if args.lines is not None:
        return _render_lines(m, args.lines, fmt, picture, err)
    if fmt in ("svg", "png", "pdf"):
        _say_overview(m, args.output, picture, err)
    write_output(args.output, _drawn(m, fmt, picture, printed), fmt)
    print(f"wrote {args.output}", file=err)
    return 0


def _check_outputs(args: argparse.Namespace) -> None:
    if args.output and args.out_dir:
        raise UsageError("give either -o OUT (one map) or --out-dir DIR (many), not both")
    if args.output is None and args.lines is None and not (args.out_dir or len(args.files) > 1):
        raise UsageError(
            "render needs an output: -o FILE (.svg, .png, .pdf or .dot), --lines DIR, or --out-dir DIR"
        )


def _drawn(
    m: Any, fmt: str, picture: PictureOptions, printed: tuple[str | None, datetime.date | None]
) -> bytes:
    """The picture's bytes; on pages (``--page``), tagged with whose marks they are and when."""
    if fmt == "pdf" and picture.page is not None:
        from ..output.document import print_pdf

        return print_pdf(m, picture.page, picture, learner=printed[0], when=printed[1])
    from ..output.export import render

    return render(m, fmt, picture=picture)


def _on_pages(m: Any, args: argparse.Namespace, picture: PictureOptions, err: TextIO) -> PictureOptions:
    """A PDF of a map that shows as an overview (or carries a learner's marks) is printed
    on numbered A4 pages: on paper a map follows the same order as on screen, an
    overview page, then a page per line (one picture of the overview alone would leave
    the lines out)."""
    from ..draw.style import PageOptions
    from ..output.pictures import plan

    if args.annotations or plan(m, picture, lines=False).kind == "overview":
        print(
            "note: printed on numbered A4 pages (the overview, then each line); "
            "--page Letter for Letter paper",
            file=err,
        )
        return replace(picture, page=PageOptions(size="A4"))
    return picture


def _with_marks(
    m: Any, args: argparse.Namespace, fmt: str, picture: PictureOptions, err: TextIO
) -> tuple[Any, PictureOptions, tuple[str | None, datetime.date | None]]:
    """``--annotations``: the learner's marks on every node (evidence unfolded); a printout
    says whose marks these are, and when it was printed.  The map to draw (with the
    learner's own nodes), the picture, and for a printout the learner and the date."""
    m, style, learner = _annotated(m, args, err)
    # a learner's marks are on every node, evidence too: fold none
    detail = "full" if picture.detail == "auto" else picture.detail
    picture = replace(picture, annotations_style=style, detail=detail)
    if fmt == "pdf" and picture.page is not None:
        import datetime

        return m, picture, (learner or None, datetime.date.today())
    return m, picture, (None, None)


def _say_overview(m: Any, output: str, picture: PictureOptions, err: TextIO) -> None:
    """On stderr, when the picture is the map's overview: what it folded and how to get the rest."""
    from ..output.pictures import plan

    if picture.pinned:
        return
    planned = plan(m, picture, lines=False)
    if planned.kind != "overview":
        return
    assert planned.overview is not None
    n = len(planned.overview.lines)
    print(
        f"note: the whole map ({len(m.statements)} statements) does not show on one screen "
        "with readable text: "
        f"{output} is its overview, with {n} line{'s' if n != 1 else ''} of support and "
        "objections as boxes; --lines DIR writes the overview and every line whole, "
        "--detail full the whole map in one picture",
        file=err,
    )


def _render_lines(m: Any, folder: str, fmt: str, shown: PictureOptions, err: TextIO) -> int:
    """``--lines DIR``: the overview, one picture per line and the key, laid out in one
    Graphviz run, written into DIR as ``overview.FMT``, ``line-01.FMT`` … ``key.FMT``."""

    from ..files import write_output
    from ..output.export import render_many, safe_output_path
    from ..output.pictures import plan

    if fmt not in ("svg", "png", "pdf"):
        raise UsageError(f"--lines writes svg, png or pdf pictures, not {fmt}")
    if shown.focus is not None or shown.page is not None:
        raise UsageError("--lines draws the overview and every line: leave out --focus and --page")
    Path(folder).mkdir(parents=True, exist_ok=True)
    planned = plan(m, detail=shown.detail)
    if planned.kind == "whole":
        names = ["map"]
        print(f"note: the map shows on one screen: {folder}/map.{fmt} is all of it", file=err)
    else:
        names = ["overview"] + [p.slug for p in planned.pictures[1:]]
    drawn = render_many([p.dot for p in planned.pictures], fmt)
    for name, picture, data in zip(names, planned.pictures, drawn, strict=True):
        if fmt == "svg":  # a box's link to a line's panel leads to that line's file here
            data = _LINK.sub(lambda found: found[1] + found[2].replace(b"&#45;", b"-") + b".svg", data)
        target = safe_output_path(folder, f"{name}.{fmt}")
        write_output(target, data, fmt)
        print(f"wrote {target}  {picture.heading}", file=err)
    return 0


#: A link to a line's (or a part's) panel in an SVG, as Graphviz writes it ("-" as &#45;).
_LINK = re.compile(rb'(href=")#argmap(?:-|&#45;)(line(?:(?:-|&#45;)\d+)+)(?=")')


def _check_focus(m: Any, title: str) -> None:
    """``--focus`` must name a statement or argument of the map, as ``Title``,
    ``[Title]`` or ``<Title>`` (exit 2 with the closest titles if not)."""
    from ..draw.graph import resolve
    from ..errors import FocusError

    try:
        resolve(m, title)
    except FocusError as exc:
        raise UsageError(f"--focus: {exc}") from None


def _annotated(m: Any, args: argparse.Namespace, err: TextIO) -> tuple[Any, Any, str]:
    """The map, overlay style and learner's name of ``--annotations FILE`` (a regular
    file, read, never written)."""
    from ..annotations import display_name
    from ..annotations import load as load_annotations
    from ..files import check_regular, note_read
    from ..judge.overlay import annotated

    check_regular(args.annotations)
    note_read(args.annotations)
    ann = load_annotations(args.annotations, m)
    for d in ann.diagnostics:
        print(d.format(), file=err)
    shown, style = annotated(m, ann, standing=args.standing)
    return shown, style, display_name(ann.learner)  # invisible and direction controls gone, RTL isolated


def _render_batch(args: argparse.Namespace, err: TextIO) -> int:
    from ..output.batch import render_files

    if not args.out_dir:
        raise UsageError(f"{len(args.files)} input files need --out-dir DIR (-o names one file)")
    single_only = [o for o, v in (("--focus", args.focus), ("--annotations", args.annotations)) if v]
    if single_only:
        raise UsageError(f"{' and '.join(single_only)} work on one map: use -o OUT, not --out-dir")
    picture = _picture(args)
    fmt = args.format or "svg"
    # one key for the folder, not one in every picture (it was 39 % of dot's work on
    # a 507-map corpus); a PDF keeps its own key, each being printed alone
    folder_key = picture.legend and fmt in ("svg", "png") and not args.page
    if folder_key:
        picture = replace(picture, legend=False)
    if folder_key:
        from pathlib import Path

        from ..draw.key import full_key_dot
        from ..files import write_output
        from ..output.export import pipe

        taken = {Path(f).stem for f in args.files}
        name = next(n for n in (KEY_NAME, *(f"{KEY_NAME}-{k}" for k in range(2, 99))) if n not in taken)
        target = Path(args.out_dir) / f"{name}.{fmt}"
        Path(args.out_dir).mkdir(parents=True, exist_ok=True)
        write_output(target, pipe(full_key_dot(), fmt), fmt)
        print(f"wrote {target}: the key for every picture in {args.out_dir}", file=err)
    results = render_files(args.files, args.out_dir, fmt, from_fmt=args.from_fmt, picture=picture)
    return run_batch(results, len(args.files), "rendered", err)


#: The file (without extension) ``render --out-dir`` writes the folder's key to.
KEY_NAME = "argmap-key"
