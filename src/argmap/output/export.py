"""Draw maps: DOT → SVG / PNG / PDF, through the layout backend.

Graphviz runs behind one interface, :mod:`argmap.output.layout`: the ``dot``
program (the only code that starts a process), or Graphviz in WebAssembly when
argmap runs in the browser.  Many maps are laid out in one call with
:func:`render_many` (one ``dot`` process for all of them).
Files are written atomically (a temporary file in the same folder, then
rename), so a failed render never leaves half a picture behind.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..draw.dot import to_dot
from ..draw.options import PictureArgs, PictureOptions, picture_options
from ..errors import RenderError, UnsafePathError
from ..files import OUTPUT_EXTENSIONS, PICTURE_FORMATS, atomic_write
from ..model import ArgumentMap
from .graphviz import pipe, render_many
from .layout import TIMEOUT_SETTING, find_dot, find_dot_or_none, time_limit
from .svg import accessible_svg, svg_for_notebook

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    "FORMATS",
    "TIMEOUT_SETTING",
    "find_dot",
    "find_dot_or_none",
    "time_limit",
    "pipe",
    "readable",
    "render",
    "render_many",
    "safe_output_path",
    "accessible_svg",
    "svg_for_notebook",
]

#: Output formats by their usual file extension (:data:`argmap.files.PICTURE_FORMATS`);
#: ``.dot`` is the DOT text itself (no Graphviz).
FORMATS: dict[str, str] = {OUTPUT_EXTENSIONS[fmt][0]: fmt for fmt in PICTURE_FORMATS}


def render(
    m: ArgumentMap,
    path_or_fmt: str | os.PathLike[str],
    *,
    picture: PictureOptions | None = None,
    fmt: str | None = None,
    timeout: float | None = None,
    **options: Unpack[PictureArgs],
) -> bytes:
    """Draw a map.  A format name (``"svg"``/``"png"``/``"pdf"``/``"dot"``) returns the
    bytes; a path (``map.pdf``) also writes them there, atomically.  ``fmt``
    overrides the format the path's extension implies.  What the picture shows:
    ``picture``, or the same options as keyword arguments (``detail="full"``,
    ``focus="[Title]"`` …: :class:`~argmap.draw.options.PictureOptions`).

    A PDF keeps the diagram's natural size (vector: zoom in to read a big map);
    ``page=PageOptions("A4", "landscape")`` fits it to one printed page.  For
    print, a big map is better served by :mod:`argmap.classroom.handout`, which splits it.
    """
    opts = picture_options(picture, **options)
    target = os.fspath(path_or_fmt)
    if fmt is not None and fmt not in FORMATS.values():
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS.values())}")
    if target in FORMATS.values():
        path, fmt = None, target
    elif fmt is not None:
        path = Path(target)
    else:
        path = Path(target)
        suffix = path.suffix.lower()
        if suffix not in FORMATS:
            raise ValueError(
                f"cannot tell the format of {target!r} from its extension; valid: {', '.join(FORMATS)}"
            )
        fmt = FORMATS[suffix]
    if fmt == "pdf" and opts.page is not None:
        # on paper nothing prints below 7 pt: a map that does not fit one page readably
        # is printed over several (an overview, then its lines of support)
        from .document import print_pdf

        data = print_pdf(m, opts.page, opts)
    elif (fmt == "dot" and find_dot_or_none() is None) or (fmt != "svg" and _pinned(opts)):
        source = to_dot(m, opts)  # as asked (DOT text needs no Graphviz)
        data = source.encode("utf-8") if fmt == "dot" else pipe(source, fmt, timeout=timeout)
    else:
        source, svg, _ = readable(m, opts, timeout=timeout)
        if fmt == "dot":
            data = source.encode("utf-8")
        else:
            data = svg if fmt == "svg" else pipe(source, fmt, timeout=timeout)
    if path is not None:
        try:
            atomic_write(path, data)
        except OSError as exc:
            raise RenderError(f"cannot write {target}: {exc}") from exc
    return data


def safe_output_path(base_dir: str | os.PathLike[str], name: str | os.PathLike[str]) -> Path:
    """``base_dir/name``, refusing any name that would leave ``base_dir``.

    Absolute names, ``..`` and symlinks that point outside raise :class:`UnsafePathError`.
    """
    base = Path(base_dir).resolve()
    raw = os.fspath(name)
    if not raw or "\x00" in raw:
        raise UnsafePathError(f"unusable output name {raw!r}")
    candidate = Path(raw)
    if candidate.is_absolute() or candidate.drive:
        raise UnsafePathError(f"output name {raw!r} must be relative to {base}")
    resolved = (base / candidate).resolve()
    if resolved != base and base not in resolved.parents:
        raise UnsafePathError(f"output name {raw!r} would leave {base}")
    if resolved == base:
        raise UnsafePathError(f"output name {raw!r} names the folder itself, not a file in it")
    return resolved


# -- the default picture --------------------------------------------------------------


def readable(
    m: ArgumentMap,
    picture: PictureOptions | None = None,
    /,
    *,
    timeout: float | None = None,
    **options: Unpack[PictureArgs],
) -> tuple[str, bytes, dict[str, Any]]:
    """The DOT and SVG of the map's default picture, laid out once: the whole map when
    it shows on one screen, else its overview (:mod:`argmap.output.pictures`);
    options that fix the picture (``focus``, ``detail="full"``, ``rankdir`` …) draw it
    as asked.  The third item is kept for callers: the options added (none)."""
    from .pictures import draw

    main = draw(m, picture_options(picture, **options), lines=False, timeout=timeout).main
    return main.dot, main.svg, {}


def _pinned(opts: PictureOptions) -> bool:
    """Do the options fix the layout (so that the whole map is drawn as asked)?"""
    return opts.pinned or opts.detail == "full"
