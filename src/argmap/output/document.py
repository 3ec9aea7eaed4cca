"""The printed document: the planned views on numbered pages with a title, as HTML
(:func:`document_html`) and as a tagged PDF (:func:`document_pdf`, WeasyPrint and
pypdf); :func:`print_pdf` prints a map (``argmap render --page``)."""

from __future__ import annotations

import datetime as _dt
import html
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..draw.dot import to_dot
from ..draw.graph import resolve
from ..draw.options import PictureArgs, PictureOptions, picture_options
from ..draw.style import PageOptions
from ..errors import RenderError
from ..model import ArgumentMap
from ..text import count, shorten
from .graphviz import render_many
from .paper import (
    MIN_SCALE,
    MIN_TEXT_PT,
    SVG_SIZE,
    Job,
    Printer,
    PrintError,
    View,
    drawings,
    drive,
    pack,
    pages_of_lines,
)
from .paper_plan import ahead, fit, page_runs, plan
from .svg import svg_for_notebook

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["document_html", "document_pdf", "print_pdf", "title_html", "title_room"]

_esc = html.escape


#: The id prefix of the boxes the diagrams are drawn into.
_SLOT = "argmap-diagram-"


_PX = 0.75  # one CSS px in points


def _css(paper: str, orientation: str) -> str:
    css = resources.files("argmap").joinpath("templates/handout.css").read_text(encoding="utf-8")
    size = {"A4": "A4", "Letter": "letter", "A3": "A3", "Legal": "legal"}[paper]
    return css + f"\n@page {{ size: {size} {orientation}; }}\n"


def _sized_svg(view: View) -> str:
    svg = svg_for_notebook(view.svg)
    w, h = view.printed_size_pt
    return SVG_SIZE.sub(
        lambda mt: (
            mt.group(0)
            .replace(f'width="{mt.group(1)}pt"', f'width="{w:.2f}pt"', 1)
            .replace(f'height="{mt.group(2)}pt"', f'height="{h:.2f}pt"', 1)
        ),
        svg,
        count=1,
    )


def _continues(view: View, pages: Mapping[str, int]) -> str:
    """Under an overview: on which page each numbered line goes on."""
    items = []
    for run in page_runs([(n, t, pages.get(t)) for n, t in view.points_to]):
        (n, first), (m, _last) = run[0], run[-1]
        # one row each, never cut: the box numbers say which lines, a title is shortened
        what = f"{n} · {_esc(shorten(first, 30))}" if len(run) == 1 else f"lines {n}–{m}"
        items.append(f"<li>{what} → continued on p. {pages[first]}</li>")
    return f'<ul class="continues">{"".join(items)}</ul>' if items else ""


def _alt(view: View) -> str:
    what = view.heading + (f": {view.caption}" if view.caption else "")
    return f"Diagram, {what}. Every box holds its role and text; the text outline of the map says the same."


def document_html(
    views: Sequence[View],
    *,
    title: str,
    paper: str = "A4",
    orientation: str = "portrait",
    intro: str = "",
    chapters: Sequence[tuple[str, str, str]] = (),
    inline_svg: bool = True,
    lang: str = "en",
) -> str:
    """The printed document as HTML: ``title`` (escaped) and ``intro`` (HTML, already
    escaped) at the top of page 1, the views as :func:`plan` packed them (each with its
    heading and caption; an overview with the page each line goes on), then the
    ``chapters`` (id, heading, HTML).  Every page says "page N of M" at its foot.
    ``inline_svg``: the diagrams as inline SVG (a preview); else empty boxes that
    :func:`document_pdf` draws Graphviz's own PDF into."""
    pages = pages_of_lines(views)
    # the heading shows at most MAX_HEADING characters (the PDF's Title keeps them all)
    # and every page's foot the first RUNNING_TITLE of them
    running = _esc(shorten(title, RUNNING_TITLE))
    body = [
        f'<header class="title"><h1 data-running="{running}">{_esc(shorten(title, MAX_HEADING))}</h1>'
        f"{intro}</header>"
    ]
    for k, v in enumerate(views):
        caption = f'<p class="caption">{_esc(v.caption)}</p>' if v.caption else ""
        w, h = v.printed_size_pt
        picture = (
            _sized_svg(v)
            if inline_svg
            else f'<svg class="slot" id="{_SLOT}{k}" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'width="{w:.2f}pt" height="{h:.2f}pt"><title>{_esc(_alt(v))}</title></svg>'
        )
        where = "new-page" if (v.first_on_page and k > 0) else "same-page"
        body.append(
            f'<section class="diagram {where}" data-scale="{v.scale:.3f}" data-page="{v.page}">'
            f"<h2>{_esc(v.heading)}</h2>{caption}{picture}{_continues(v, pages)}</section>"
        )
    for key, name, content in chapters:
        body.append(f'<section class="chapter" id="{_esc(key)}"><h2>{_esc(name)}</h2>{content}</section>')
    return (
        f'<!DOCTYPE html>\n<html lang="{_esc(lang)}"><head><meta charset="utf-8">'
        f"<title>{_esc(title)}</title><style>{_css(paper, orientation)}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )


def weasyprint_module() -> Any:
    try:
        import weasyprint
    except ImportError as exc:
        raise PrintError(
            "printing over several pages needs WeasyPrint and pypdf, which are not installed: "
            "pip install 'argmap[pdf]'"
        ) from exc
    return weasyprint


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"a printed map loads no outside resource ({url[:60]!r})")


def fetcher(weasyprint: Any) -> Any:
    """A printed document is self-contained: WeasyPrint may load no file and nothing
    from the network (WeasyPrint 68 and later take a fetcher object, earlier ones a function)."""
    urls = getattr(weasyprint, "urls", None)
    if hasattr(urls, "URLFetcher"):
        return urls.URLFetcher(allowed_protocols=())  # type: ignore[union-attr]
    return _refuse


def document_pdf(document: str, views: Sequence[View]) -> bytes:
    """The PDF of :func:`document_html` (``inline_svg=False``): WeasyPrint lays out
    the pages (tagged, PDF/UA-1: a Title, the language, headings, and a Figure with a
    text alternative for each diagram), then each diagram's Graphviz PDF is drawn into
    its box, marked as an artifact (its words stay selectable and searchable).
    Checks that each view landed on the page planned (the overview's page references
    are true) and that nothing is cut off."""
    weasyprint = weasyprint_module()
    rendered = weasyprint.HTML(string=document, url_fetcher=fetcher(weasyprint)).render()
    slots: dict[int, tuple[int, float, float]] = {}
    for number, page in enumerate(rendered.pages):
        for name, (x, y, *_) in page.anchors.items():
            if not name.startswith(_SLOT):
                continue
            k = int(name[len(_SLOT) :])
            slots[k] = (number, x * _PX, y * _PX)
            if number + 1 != views[k].page:  # the overview's "continued on p. N" must be true
                raise RenderError(
                    f"diagram {k + 1} was planned for page {views[k].page}, but landed on page {number + 1}"
                )
            w, h = views[k].printed_size_pt
            # The promise "nothing cut off", checked on the laid-out page itself.
            if x * _PX + w > page.width * _PX + 0.5 or y * _PX + h > page.height * _PX + 0.5:
                raise RenderError(f"diagram {k + 1} does not fit on page {number + 1}")
    pdf: bytes = rendered.write_pdf(pdf_variant="pdf/ua-1")
    if not views:
        return pdf
    drawings = [v.drawing for v in views]
    if not all(drawings):
        drawings = render_many([v.dot for v in views], "pdf")
    return _overlay(pdf, views, drawings, slots)


def _overlay(
    pdf: bytes,
    views: Sequence[View],
    drawings: Sequence[bytes],
    slots: Mapping[int, tuple[int, float, float]],
) -> bytes:
    """Draw each diagram (Graphviz's own vector PDF) into its box on its page."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for k, (view, drawing) in enumerate(zip(views, drawings, strict=True)):
        if k not in slots:
            raise RenderError(f"the document lost the place of diagram {k + 1}")
        number, x, y = slots[k]
        target = writer.pages[number]
        picture = PdfReader(io.BytesIO(drawing)).pages[0]
        box = picture.mediabox
        w, h = view.printed_size_pt
        scale = min(w / float(box.width), h / float(box.height))
        top = float(target.mediabox.height) - y
        e = x - float(box.left) * scale
        f = top - float(box.height) * scale - float(box.bottom) * scale
        _draw_form(writer, target, picture, k, (scale, 0.0, 0.0, scale, e, f))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_NAME = re.compile(rb"/([A-Za-z0-9_.+-]+)")


def _draw_form(writer: Any, target: Any, picture: Any, k: int, matrix: tuple[float, ...]) -> None:
    """Append ``picture`` (a page of Graphviz's PDF) to ``target``'s content, drawn with
    ``matrix`` and marked as an artifact (the tagged page's Figure holds its text
    alternative).  Its resources are copied under names of their own (``/f-0-0`` →
    ``/f-0-0-d3``), so two diagrams on one page never clash; nothing is re-parsed,
    and the text stays in the page's own content (printed sizes stay measurable)."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    contents = picture.get_contents()
    data = contents.get_data() if contents is not None else b""
    renames: dict[bytes, bytes] = {}
    if "/Resources" in picture:
        mine = picture["/Resources"].get_object()
        theirs = target["/Resources"].get_object()
        for kind, entries in mine.items():
            entries = entries.get_object()
            if not isinstance(entries, DictionaryObject):
                continue  # /ProcSet
            if kind not in theirs:
                theirs[NameObject(kind)] = DictionaryObject()
            into = theirs[kind].get_object()
            for name, value in entries.items():
                new = f"{name}-d{k}"
                renames[name[1:].encode("latin-1")] = new[1:].encode("latin-1")
                into[NameObject(new)] = value.clone(writer)
    data = _NAME.sub(lambda mt: b"/" + renames.get(mt.group(1), mt.group(1)), data)
    numbers = " ".join(f"{v:.4f}" for v in matrix).encode("ascii")
    before, drawn, after = DecodedStreamObject(), DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(b"Q\n")
    drawn.set_data(b"/Artifact BMC q " + numbers + b" cm\n" + data + b"\nQ EMC\n")
    old = target["/Contents"]
    parts = list(old.get_object()) if isinstance(old.get_object(), ArrayObject) else [old]
    target[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *parts, writer._add_object(after), writer._add_object(drawn)]
    )


def title_html(
    m: ArgumentMap, *, learner: str | None = None, when: _dt.date | None = None, note: str = ""
) -> str:
    """The line under a printed map's title: its size, and whose marks and when."""
    meta = [f"{count(len(m.statements), 'statement')}, {count(len(m.arguments), 'argument')}"]
    if learner is not None:
        meta.append(f"learner: {learner or '(no name)'}")
    if when is not None:
        meta.append(when.isoformat())
    out = f'<p class="meta">{_esc(" · ".join(meta))}</p>'
    return out + (f'<p class="how">{_esc(note)}</p>' if note else "")


#: Room (pt) the title block of a printed map takes on its first page.
TITLE_PT = 64.0


#: The most characters of a title printed as page 1's heading (about six lines).
MAX_HEADING = 320


#: The most characters of the title at the foot of each page (one line).
RUNNING_TITLE = 80


_TITLE_END = "argmap-title-end"


def title_room(
    title: str, intro: str, *, least: float, paper: str = "A4", orientation: str = "portrait"
) -> float:
    """Room (pt) to keep free for the title block on page 1: ``least`` (what a title
    of one line and ``intro`` take), plus what a longer title needs beyond that,
    measured by laying the block out as :func:`document_pdf` will.  Without
    WeasyPrint the title's length gives an estimate (the preview only)."""
    try:
        weasyprint = weasyprint_module()
    except PrintError:
        per_line = 60 if orientation == "portrait" else 90  # characters of the 20 pt heading
        return least + 26.0 * max(0, -(-len(title) // per_line) - 1)

    def height(heading: str) -> float:
        document = document_html([], title=heading, paper=paper, orientation=orientation, intro=intro)
        document = document.replace("</header>", f'</header><div id="{_TITLE_END}"></div>', 1)
        pages = weasyprint.HTML(string=document, url_fetcher=fetcher(weasyprint)).render().pages
        for number, page in enumerate(pages):
            if _TITLE_END in page.anchors:
                return float(number * page.height + page.anchors[_TITLE_END][1]) * _PX
        return 0.0  # pragma: no cover - the marker is always laid out

    return least + max(0.0, height(title) - height("Argument map"))


def print_pdf(
    m: ArgumentMap,
    page: PageOptions,
    picture: PictureOptions | None = None,
    /,
    *,
    title: str | None = None,
    learner: str | None = None,
    when: _dt.date | None = None,
    **options: Unpack[PictureArgs],
) -> bytes:
    """``argmap render --page``: the map on numbered pages of the paper asked for,
    titled (``title``, default the map's) and tagged: one page if the map fits it
    readably, else the planned views (an overview, the key, the lines of support),
    each at the scale :func:`plan` chose.  A focused view (``focus``) is that line
    over as many pages as it needs; a partial one (``include``) is one page, refused
    if it does not fit readably.  ``learner`` and ``when``: whose marks these are
    (``annotations_style``) and their date, printed under the title; ``key_note``
    heads the key's rows (what the marks mean).  The picture's options: ``picture``,
    or the same as keyword arguments; its ``page`` is ``page``."""
    from .layout import require_format

    require_format("pdf")  # in the browser: PDF needs a server; say what to do instead
    opts = picture_options(picture, **options)
    styles = opts.annotations_style or {}
    heading = title or m.title or "Argument map"
    printer = Printer(m, page.size, page.orientation, styles)
    if opts.include is not None:
        view = PictureOptions(
            include=opts.include, detail=opts.detail, legend=opts.legend, rankdir=opts.rankdir, wrap=opts.wrap
        )
        (drawn,) = printer.draw([Job(heading, "", view)])
        if drawn.scale < MIN_SCALE:
            raise PrintError(
                f"this view does not fit one {page.size} page readably (its text would print below "
                f"{MIN_TEXT_PT:g} pt): show fewer statements, use --landscape, or argmap handout"
            )
        views = pack([drawn], printer.room, 1, TITLE_PT)
    elif opts.focus is not None:
        # one line of the argument: on as many pages as it needs, like a handout's
        ref = resolve(m, opts.focus)
        ahead(printer, ref, frozenset())
        views = pack(drive(printer, fit(printer, ref, "", frozenset())), printer.room, 1, TITLE_PT)
    else:
        views = plan(
            m,
            paper=page.size,
            orientation=page.orientation,
            styles=styles,
            reserve_first=title_room(
                heading,
                title_html(m, learner=learner, when=when),
                least=TITLE_PT,
                paper=page.size,
                orientation=page.orientation,
            ),
            key_note=opts.key_note,
        )
    try:
        import pypdf  # noqa: F401
        import weasyprint  # noqa: F401
    except ImportError:
        if len(views) == 1:  # without the pdf extra, Graphviz fits the one page itself
            # as before the typed options: the page's own key, without the key note
            one = replace(opts, page=page, annotations_style=styles, key_note="")
            return render_many([to_dot(m, one)], "pdf")[0]
        weasyprint_module()  # says what to install
        raise
    views = drawings(views)
    intro = title_html(m, learner=learner, when=when)
    document = document_html(
        views, title=heading, paper=page.size, orientation=page.orientation, intro=intro, inline_svg=False
    )
    return document_pdf(document, views)
