"""The seminar: a class's annotation files become a class view and a discussion agenda.

:func:`class_view` reads many learners' annotation files for one map and counts,
per node, who accepted, doubted or rejected it (strong / weak / none for an
inference), the flags they set, their notes, and the nodes they added (grouped
by what they attach to).  A file that cannot be used — damaged, oversized, for
another map, newer, not a regular file, or a second copy of one learner's file —
is refused on its own: the result keeps a :class:`Refusal` for it and is made
from the rest.  Nothing here prints.

**The split measure.**  Judgements sit on an ordered scale, reject = −1,
doubt = 0, accept = +1 (none / weak / strong for inferences; solid / shaky /
unfounded count as accept / doubt / reject).  A node's ``split`` is the variance
of its judgements on that scale, which is already normalised: 0 when everyone
gave the same judgement, 1 when the class is cut in half between accept and
reject.  Unlike entropy it ranks "half accept, half reject" (1.0) above "half
accept, half doubt" (0.25) — the first is the better seminar question.

:func:`agenda` ranks what to discuss (see its docstring); :meth:`ClassView.to_dot`
draws the map with each node's counts written in it ("✓ 5 · ? 2 · ✗ 1"), a word
for the state of the class as a badge (= agreed, ≈ mixed, ⇅ split), in neutral
ink: the node keeps its role's look, and no colour carries the meaning.

**On screen** (:meth:`ClassView.to_svg`, the notebook display, ``render`` to SVG or
PNG) a map too big for one screen is shown as any map is: its overview, each line
one box, with the class's counts for the line's own claim (or inference) and how
many of its nodes split the class, the thesis with its own counts; then each
line's view with the counts on every node (:meth:`ClassView.pictures`), all laid
out in one Graphviz run.

>>> from argmap.model import ArgumentMap, Statement, Role
>>> from argmap.annotations import Annotations
>>> m = ArgumentMap(statements=(Statement("T", "A thesis.", role=Role.THESIS),))
>>> a = Annotations.new("Ana", m).with_judgement("[T]", "accept")
>>> b = Annotations.new("Ben", m).with_judgement("[T]", "reject")
>>> view = class_view(m, [a, b])
>>> view.tally("[T]").bar(), view.tally("[T]").split
('✓ 1 · ? 0 · ✗ 1', 1.0)
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import annotations as _ann
from ..draw.dot import to_dot
from ..draw.outline import md_escape
from ..draw.style import NodeStyle
from ..errors import AnnotationError, Diagnostic, Severity
from ..model import ArgumentMap, Role
from ..text import clean_text, count
from .collect import (
    Refusal,
    class_folder_status,
    learner_files,
    one_file_per_document,
    read_learner_file,
    refusal_for,
    shown_as,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..draw.options import PictureArgs, PictureOptions
    from ..output.pictures import Pictures

__all__ = [
    "AddedGroup",
    "AddedItem",
    "AgendaItem",
    "ClassView",
    "Note",
    "NodeTally",
    "Verdict",
    "Refusal",
    "agenda",
    "agenda_markdown",
    "class_folder_status",
    "class_view",
    "learner_files",
    "split_of",
]

#: Judgements as counted: statements (and evidence's solid/shaky/unfounded) on one scale.
_STATEMENT_SCALE = {
    "accept": 0,
    "solid": 0,
    "doubt": 1,
    "shaky": 1,
    "reject": 2,
    "unfounded": 2,
}
_INFERENCE_SCALE = {"strong": 0, "weak": 1, "none": 2}
#: The words of each scale, in the order of ``NodeTally.counts``.
STATEMENT_WORDS = ("accept", "doubt", "reject")
INFERENCE_WORDS = ("strong", "weak", "none")
#: The symbols the diagram and the tables use for statements (inferences use words).
_SYMBOLS = ("✓", "?", "✗")

#: A split at or above this is called SPLIT; at or above MIXED, mixed.
SPLIT = 0.6
MIXED = 0.25
#: The class view's badge for each state (the key explains the symbols).
_STATE_MARK = {"SPLIT": "⇅ split", "mixed": "≈ mixed", "agreed": "= agreed"}
#: Added kinds that go on the agenda (evidence and rebuttals are kept in the view).
_AGENDA_ADDED = ("objection", "assumption")


def split_of(counts: Sequence[int]) -> float:
    """The split of (accept, doubt, reject) counts: their variance on −1, 0, +1.

    >>> split_of((5, 0, 5)), split_of((5, 5, 0)), split_of((0, 7, 0)), split_of((0, 0, 0))
    (1.0, 0.25, 0.0, 0.0)
    """
    n = sum(counts)
    if n == 0:
        return 0.0
    a, r = counts[0] / n, counts[2] / n
    return round(max(0.0, a + r - (a - r) ** 2), 6)


def _state(split: float) -> str:
    return "SPLIT" if split >= SPLIT else "mixed" if split >= MIXED else "agreed"


# -- values ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """A learner's note on a node; ``learner`` indexes :attr:`ClassView.learners`."""

    learner: int
    text: str


@dataclass(frozen=True)
class Verdict:
    """A learner's verdict on a node after weighing it (``supported``, ``contested``,
    ``refuted`` or ``open``) and their reason; ``learner`` indexes :attr:`ClassView.learners`."""

    learner: int
    verdict: str | None
    reason: str = ""


@dataclass(frozen=True)
class NodeTally:
    """What the class said about one node of the map.

    ``key`` is the node key (``[Title]``, ``<Argument>``, ``<Argument>#2`` or
    ``[From] +> [To]``); ``title`` the statement or argument it draws on.
    ``counts`` are (accept, doubt, reject) — (strong, weak, none) for inferences.
    ``questioned`` counts learners who rejected the node or flagged it
    ``questionable-assumption`` (each learner once).  The weighing: ``strengths``
    are (strong, weak, none), how much learners said an objection weighs;
    ``verdicts`` each learner's verdict on the node (the thesis, usually) with
    their reason.
    """

    key: str
    title: str
    kind: str  # "statement", "inference" or "link"
    role: str  # a Role value, or "inference"
    order: int
    text: str = ""
    counts: tuple[int, int, int] = (0, 0, 0)
    flags: Mapping[str, int] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    questioned: int = 0
    strengths: tuple[int, int, int] = (0, 0, 0)
    verdicts: tuple[Verdict, ...] = ()

    @property
    def verdict_counts(self) -> dict[str, int]:
        """How many learners gave each verdict, in the order of ``VERDICT_WORDS``."""
        given = Counter(v.verdict for v in self.verdicts if v.verdict)
        return {word: given[word] for word in _ann.VERDICT_WORDS}

    @property
    def verdicts_differ(self) -> bool:
        """Two learners or more gave this node different verdicts."""
        return sum(1 for n in self.verdict_counts.values() if n) >= 2

    @property
    def verdict_split(self) -> float:
        """How divided the verdicts are, by the judgements' measure (:func:`split_of`):
        supported +1, contested or open 0, refuted −1."""
        c = self.verdict_counts
        return split_of((c["supported"], c["contested"] + c["open"], c["refuted"]))

    def verdict_bar(self) -> str:
        """``supported 3 · contested 1 · refuted 0 · open 0`` (``""`` with no verdict)."""
        counts = self.verdict_counts
        return " · ".join(f"{w} {n}" for w, n in counts.items()) if any(counts.values()) else ""

    def strength_bar(self) -> str:
        """``weighs: strong 2 · weak 1 · none 0`` (``""`` when nobody rated it)."""
        if not any(self.strengths):
            return ""
        return "weighs: " + " · ".join(
            f"{w} {n}" for w, n in zip(INFERENCE_WORDS, self.strengths, strict=True)
        )

    @property
    def judged(self) -> int:
        """How many learners judged this node."""
        return sum(self.counts)

    @property
    def split(self) -> float:
        """0 (everyone agrees) … 1 (half accept, half reject); see the module docstring."""
        return split_of(self.counts)

    @property
    def state(self) -> str:
        """``agreed``, ``mixed`` or ``SPLIT`` (``""`` if nobody judged it)."""
        return _state(self.split) if self.judged else ""

    @property
    def words(self) -> tuple[str, str, str]:
        return INFERENCE_WORDS if self.kind != "statement" else STATEMENT_WORDS

    def bar(self) -> str:
        """The counts as a short line: ``✓ 5 · ? 2 · ✗ 1`` or ``strong 5 · weak 2 · none 1``."""
        if self.kind == "statement":
            return " · ".join(f"{s} {n}" for s, n in zip(_SYMBOLS, self.counts, strict=True))
        return " · ".join(f"{w} {n}" for w, n in zip(INFERENCE_WORDS, self.counts, strict=True))


@dataclass(frozen=True)
class AddedItem:
    """One node a learner added: its kind, text and quote."""

    learner: int
    kind: str
    text: str
    quote: str | None = None


@dataclass(frozen=True)
class AddedGroup:
    """The nodes learners added to one target (a map node key), in file order.

    An added node that attaches to another added node (a rebuttal of the
    learner's own objection) is grouped under that node's map target.
    """

    target: str
    title: str
    order: int
    items: tuple[AddedItem, ...]

    def learners(self, kind: str | None = None) -> int:
        """How many different learners added something (of ``kind``) here."""
        return len({i.learner for i in self.items if kind is None or i.kind == kind})


@dataclass(frozen=True)
class ClassView:
    """A class's annotations of one map, counted per node (see :func:`class_view`)."""

    map: ArgumentMap
    learners: tuple[str, ...]
    tallies: tuple[NodeTally, ...]
    added: tuple[AddedGroup, ...]
    refusals: tuple[Refusal, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    anonymous: bool = False

    # -- reading ---------------------------------------------------------------------------------
    def tally(self, key: str) -> NodeTally:
        """The tally of a node by key (``[T]``, ``<A>``, ``<A>#2``) or statement title."""
        for t in self.tallies:
            if t.key == key:
                return t
        wanted = key if key[:1] in "[<" else f"[{key}]"
        for t in self.tallies:
            if t.key == wanted or (t.kind == "inference" and t.key.startswith(wanted + "#")):
                return t
        raise KeyError(key)

    def added_to(self, key: str) -> AddedGroup | None:
        for g in self.added:
            if g.target == key:
                return g
        return None

    def name(self, learner: int, anonymous: bool | None = None) -> str:
        """A learner's name as typed, or ``Learner N`` when names are hidden."""
        hide = self.anonymous if anonymous is None else anonymous
        if hide:
            return f"Learner {learner + 1}"
        return self.learners[learner]

    @property
    def size(self) -> int:
        """How many learner files were used."""
        return len(self.learners)

    def summary(self) -> str:
        """One line of text (what a notebook prints, and nbval compares)."""
        judged = sum(1 for t in self.tallies if t.judged)
        split = sum(1 for t in self.tallies if t.judged and t.split >= SPLIT)
        added = sum(len(g.items) for g in self.added)
        refused = f", {len(self.refusals)} refused" if self.refusals else ""
        return (
            f"ClassView of {self.map.title or 'the map'!r}: {count(self.size, 'learner')}{refused}; "
            f"{judged} of {count(len(self.tallies), 'node')} judged, {split} split; "
            f"{count(added, 'node')} added"
        )

    def __repr__(self) -> str:
        return self.summary()

    # -- the diagram -------------------------------------------------------------------------------
    def styles(self) -> dict[str, NodeStyle]:
        """The per-node overlay for :func:`argmap.draw.dot.to_dot` (title → style)."""
        out: dict[str, NodeStyle] = {}
        flagged: dict[str, int] = {}
        for t in self.tallies:
            if t.kind == "link":
                continue
            parts: list[str] = []
            if t.judged:
                parts.append(t.bar())
            n_flags = sum(t.flags.values())
            if n_flags:
                parts.append(f"{n_flags} flag{'s' if n_flags != 1 else ''}")
                flagged[t.title] = n_flags
            group = self.added_to(t.key)
            if group is not None:
                counted = Counter(i.kind for i in group.items)
                parts += [f"+{n} {k}{'s' if n != 1 else ''} added" for k, n in sorted(counted.items())]
            if not parts:
                continue
            # a badge, never a fill or border: the node keeps its role's look
            out[t.title] = NodeStyle(mark=_STATE_MARK.get(t.state, ""), note=" · ".join(parts))
        return out

    def to_dot(self, picture: PictureOptions | None = None, /, **options: Unpack[PictureArgs]) -> str:
        """The map drawn with the class's counts on every node; the key explains them."""
        return to_dot(self.map, self._overlay(picture, options))

    def _key_note(self) -> str:
        refused = f"; {len(self.refusals)} file(s) refused" if self.refusals else ""
        return (
            f"Class view: {self.size} learner{'s' if self.size != 1 else ''}{refused}. Under each node: "
            "✓ accepted · ? doubted · ✗ rejected (inferences: strong · weak · none)"
        )

    def marks(self) -> dict[str, NodeStyle]:
        """The overview's badges (line slug or main claim title → style).  A line's box
        gets the state of its own claim or inference as its badge, and, in place of
        what hangs under it, the class's counts for that claim or inference, on how
        many of the line's nodes the class split, and its flags and added nodes; a
        main claim gets its own counts, as on the map."""
        from ..draw.view import overview

        styles = self.styles()
        by_title: dict[str, list[NodeTally]] = {}
        for t in self.tallies:
            if t.kind != "link":
                by_title.setdefault(t.title, []).append(t)
        ov = overview(self.map)
        out = {
            n.title: styles[n.title] for top in ov.tops for n in (top.node, *top.chain) if n.title in styles
        }
        for line in ov.lines:
            tallies = [t for ref in line.members for t in by_title.get(ref.title, ())]
            # an argument's last step is its main one: the line's own inference
            own = [t for t in by_title.get(line.ref.title, ()) if t.judged]
            root = own[-1] if own else None
            judged = [t for t in tallies if t.judged]
            split = sum(1 for t in judged if t.state == "SPLIT")
            rows = [root.bar() if root is not None else "not judged"]
            if judged:
                rows.append(f"{split} of {count(len(judged), 'node')} split" if split else "no node split")
            flags = sum(sum(t.flags.values()) for t in tallies)
            added = sum(len(g.items) for ref in line.members if (g := self.added_to(str(ref))) is not None)
            extra = [count(flags, "flag") if flags else "", f"+{count(added, 'node')} added" if added else ""]
            if any(extra):
                rows.append(" · ".join(x for x in extra if x))
            mark = _STATE_MARK.get(root.state, "") if root is not None else ""
            out[line.slug] = NodeStyle(mark=mark, note="\n".join(rows))
        return out

    def _overlay(self, picture: PictureOptions | None, options: PictureArgs) -> PictureOptions:
        """The picture's options, with the class's counts on every node and the key's
        note unless they say otherwise."""
        from ..draw.options import picture_options

        opts = picture_options(picture, **options)
        styles = self.styles() if opts.annotations_style is None else opts.annotations_style
        return dc_replace(opts, annotations_style=styles, key_note=opts.key_note or self._key_note())

    def plan(
        self, picture: PictureOptions | None = None, /, *, lines: bool = True, **options: Unpack[PictureArgs]
    ) -> Pictures:
        """The class view's pictures as DOT, not yet drawn: the whole map when it shows
        on one screen, else the overview with the class's counts on each line's box,
        then each line with the counts on every node, then the key."""
        from ..output.pictures import plan

        return plan(self.map, self._overlay(picture, options), lines=lines, marks=self.marks())

    def pictures(self, picture: PictureOptions | None = None, /, **options: Unpack[PictureArgs]) -> Pictures:
        """:meth:`plan`, every picture laid out in one Graphviz run (SVG)."""
        from ..output.pictures import draw

        return draw(self.map, self._overlay(picture, options), marks=self.marks())

    def to_svg(self, picture: PictureOptions | None = None, /, **options: Unpack[PictureArgs]) -> str:
        """The class view's main picture as SVG text (runs Graphviz once): the overview
        of a map too big for one screen, else the whole map (see :meth:`pictures`)."""
        from ..output.pictures import draw

        return draw(self.map, self._overlay(picture, options), lines=False, marks=self.marks()).main.svg_text

    def render_lines(self, folder: str | os.PathLike[str], fmt: str = "svg") -> list[Path]:
        """Write every picture into ``folder`` (``overview.svg``, ``line-01.svg`` …
        ``key.svg``, or ``map.svg`` for a map that shows whole), laid out in one
        Graphviz run; ``fmt``: ``svg``, ``png`` or ``pdf``.  Returns the paths."""
        from ..files import atomic_write
        from ..output.export import render_many, safe_output_path

        if fmt not in ("svg", "png", "pdf"):
            raise ValueError(f"unknown format {fmt!r}; valid: svg, png, pdf")
        planned = self.plan()
        names = ["map" if planned.kind == "whole" else "overview"]
        names += [p.slug for p in planned.pictures[1:]]
        Path(folder).mkdir(parents=True, exist_ok=True)
        written = []
        for name, data in zip(names, render_many([p.dot for p in planned.pictures], fmt), strict=True):
            target = safe_output_path(folder, f"{name}.{fmt}")
            atomic_write(target, data)
            written.append(target)
        return written

    def render(
        self,
        path: str | os.PathLike[str],
        picture: PictureOptions | None = None,
        /,
        **options: Unpack[PictureArgs],
    ) -> bytes:
        """Write the diagram to ``path`` (``.svg``, ``.pdf``, ``.png`` or ``.dot``), atomically.

        SVG and PNG hold the picture that reads on a screen (:meth:`to_svg`: the
        overview of a big map; :meth:`render_lines` writes every line too); DOT the
        whole map with the counts on every node.  A PDF keeps the diagram's natural
        size (zoom in on a projector); ``page=PageOptions("A4")`` prints it on
        numbered pages as any map is printed (:func:`argmap.output.document.print_pdf`: one
        page if it fits readably, else the overview and its lines), the class's
        counts on every node."""
        from ..files import atomic_write
        from ..output.export import FORMATS, pipe

        p = Path(path)
        fmt = FORMATS.get(p.suffix.lower())
        if fmt is None:
            raise ValueError(f"cannot tell the format of {str(path)!r}; valid: {', '.join(FORMATS)}")
        opts = self._overlay(picture, options)
        if fmt == "pdf" and opts.page is not None:
            # on paper as every map is printed: numbered pages, overview and lines, never below 7 pt
            from ..output.document import print_pdf

            data = print_pdf(self.map, opts.page, opts)
            atomic_write(p, data)
            return data
        if fmt in ("svg", "png"):
            from ..output.pictures import draw

            # laid out and measured as on screen (an overview measured too big is planned again)
            main = draw(self.map, opts, lines=False, marks=self.marks()).main
            data = main.svg if fmt == "svg" else pipe(main.dot, fmt)
        else:
            source = to_dot(self.map, opts)
            data = source.encode("utf-8") if fmt == "dot" else pipe(source, fmt)
        atomic_write(p, data)
        return data

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """One HTML output, picture first (JupyterLab would show Markdown instead of
        SVG): the whole map, or the overview with each line in a ``<details>`` panel."""
        from ..draw.html import picture_html, pictures_html
        from ..errors import GraphvizNotFoundError
        from ..output.export import svg_for_notebook

        table = self.to_markdown()
        try:
            pics = self.pictures()
        except GraphvizNotFoundError as exc:
            page = picture_html(None, table, note=f"No diagram: {exc}", summary="The class view as a table")
            return {"text/plain": self.summary(), "text/html": page}
        main = svg_for_notebook(pics.main.svg_text)
        if pics.kind == "whole":
            page = picture_html(main, table, summary="The class view as a table")
            return {"text/plain": self.summary(), "text/html": page}
        panels = [(p.slug, p.heading, svg_for_notebook(p.svg_text)) for p in pics.pictures[1:]]
        note = (
            f"The class view of a map too big for one screen: each box is a line, with the class's "
            f"counts for its own claim and on how many of its nodes the class split ({self._key_note()}). "
            "Open a line to see the counts on each of its nodes."
        )
        page = pictures_html(main, panels, table, note=note, summary="The class view as a table")
        return {"text/plain": self.summary(), "text/html": page}

    # -- text ----------------------------------------------------------------------------------------
    def to_markdown(self, anonymous: bool | None = None, *, notes: bool = True) -> str:
        """A table of every judged or flagged node, then the notes and the added nodes."""
        title = md_escape(self.map.title or "the map")
        out = [f"## Class view: {title}", "", f"{self.size} learner file(s) used."]
        if self.refusals:
            out.append("")
            out.append("Refused:")
            out += [f"- {md_escape(Path(r.path).name)}: {md_escape(r.reason)}" for r in self.refusals]
        out += [
            "",
            "| node | role | ✓ / strong | ? / weak | ✗ / none | split | flags | notes |",
            "|---|---|---:|---:|---:|---:|---|---:|",
        ]
        for t in self.tallies:
            if not (t.judged or t.flags or t.notes):
                continue
            flags = ", ".join(f"{md_escape(f)} × {n}" for f, n in t.flags.items())
            split = f"{t.split:.2f} {t.state}" if t.judged else ""
            a, d, r = t.counts
            out.append(
                f"| {md_escape(t.key)} | {t.role} | {a} | {d} | {r} | {split} | {flags} | {len(t.notes)} |"
            )
        out += self._weighing_markdown(anonymous, notes=notes)
        if notes:
            noted = [t for t in self.tallies if t.notes]
            if noted:
                out += ["", "### Notes", ""]
                for t in noted:
                    out.append(f"- {md_escape(t.key)}")
                    out += [
                        f"  - {md_escape(self.name(n.learner, anonymous))}: “{md_escape(n.text)}”"
                        for n in t.notes
                    ]
            if self.added:
                out += ["", "### Added by learners", ""]
                for g in self.added:
                    out.append(f"- to {md_escape(g.target)}")
                    out += [
                        f"  - {i.kind} ({md_escape(self.name(i.learner, anonymous))}): “{md_escape(i.text)}”"
                        for i in g.items
                    ]
        return "\n".join(out) + "\n"

    def _weighing_markdown(self, anonymous: bool | None, *, notes: bool) -> list[str]:
        """The class's verdicts (with each learner's reason) and strengths, as Markdown lines."""
        weighed = [t for t in self.tallies if t.verdicts or any(t.strengths)]
        if not weighed:
            return []
        out = ["", "### The weighing", ""]
        for t in weighed:
            said = [b for b in (t.verdict_bar() and "verdicts: " + t.verdict_bar(), t.strength_bar()) if b]
            out.append(f"- {md_escape(t.key)}: {'; '.join(said)}")
            if notes:
                out += [
                    f"  - {md_escape(self.name(v.learner, anonymous))}: {v.verdict or 'no verdict'}"
                    + (f", because “{md_escape(v.reason)}”" if v.reason.strip() else "")
                    for v in t.verdicts
                ]
        return out


# -- building a view -----------------------------------------------------------------------------


class _Nodes:
    """The map's countable nodes in map order, and how keys resolve to them."""

    def __init__(self, m: ArgumentMap):
        self.tallies: dict[str, dict[str, Any]] = {}
        self.alias: dict[str, str] = {}
        order = 0
        for s in m.statements:
            key = f"[{s.title}]"
            if key not in self.tallies:
                self.tallies[key] = {
                    "title": s.title,
                    "kind": "statement",
                    "role": s.role.value,
                    "order": order,
                    "text": s.text,
                }
                order += 1
        for a in m.arguments:
            n = len(a.inferences)
            if f"<{a.title}>" in self.alias:
                continue
            if n <= 1:
                self.tallies[f"<{a.title}>"] = {
                    "title": a.title,
                    "kind": "inference",
                    "role": "inference",
                    "order": order,
                    "text": a.text,
                }
                self.alias[f"<{a.title}>"] = f"<{a.title}>"
                if n == 1:
                    self.alias[f"<{a.title}>#1"] = f"<{a.title}>"
                order += 1
                continue
            for k in range(1, n + 1):
                key = f"<{a.title}>#{k}"
                self.tallies[key] = {
                    "title": a.title,
                    "kind": "inference",
                    "role": "inference",
                    "order": order,
                    "text": a.text,
                }
                self.alias[key] = key
                order += 1
            self.alias[f"<{a.title}>"] = f"<{a.title}>#{n}"
        self.next_order = order

    def canonical(self, key: str) -> str:
        """The tally key of a node key (links get a tally of their own when first seen)."""
        if key.startswith("<"):
            return self.alias.get(key, key)
        if key.startswith("[") and "] +> [" in key and key not in self.tallies:
            parsed = _ann.parse_key(key)
            self.tallies[key] = {
                "title": parsed.title,
                "kind": "link",
                "role": "inference",
                "order": self.next_order,
                "text": "",
            }
            self.next_order += 1
        return key


def class_view(
    m: ArgumentMap,
    files_or_annotations: Iterable[str | os.PathLike[str] | _ann.Annotations],
    *,
    anonymous: bool = False,
) -> ClassView:
    """Count a class's annotations of ``m``: files (paths) or :class:`Annotations` values.

    Each file that cannot be used is refused on its own (see :class:`Refusal`);
    a file whose map has changed but whose every key still exists is used, and
    its warning kept in ``warnings``.  ``anonymous`` hides names by default
    (``Learner 1`` … in file order).
    """
    nodes = _Nodes(m)
    fp = _ann.fingerprint(m)
    judgements: dict[str, list[int]] = {}
    flags: dict[str, Counter[str]] = {}
    notes: dict[str, list[Note]] = {}
    questioned: Counter[str] = Counter()
    added: dict[str, list[AddedItem]] = {}
    weighing = _Weighing()
    learners: list[str] = []
    refusals: list[Refusal] = []
    warnings: list[Diagnostic] = []

    read: list[tuple[int, str, _ann.Annotations]] = []
    for number, item in enumerate(files_or_annotations, start=1):
        if isinstance(item, _ann.Annotations):
            shown = f"<annotations of {item.learner or 'an unnamed learner'}>"
            missing = _ann.missing_keys(item, m)
            if missing:
                refusals.append(
                    Refusal(
                        shown_as(shown, number, anonymous),
                        "these annotations belong to another map: they name " + ", ".join(missing[:5]),
                        "annotation-foreign",
                    )
                )
                continue
            ann = item
        else:
            shown = os.fspath(item)
            try:
                ann = read_learner_file(item, m, fp)
            except AnnotationError as e:
                refusals.append(refusal_for(shown_as(shown, number, anonymous), e.diagnostic))
                continue
        read.append((number, shown, ann))

    used, doubles = one_file_per_document(read, anonymous)
    refusals += doubles
    for number, shown, ann in used:
        if anonymous:  # a warning names its file, and learners' files carry their names
            warnings += [dc_replace(d, path=shown_as(shown, number, True)) for d in ann.diagnostics]
        else:
            warnings += ann.diagnostics
        learner = len(learners)
        learners.append(
            ann.learner or (Path(shown).stem if not shown.startswith("<") else f"learner {learner + 1}")
        )
        _count(ann, learner, nodes, judgements, flags, notes, questioned, added, weighing)

    tallies = []
    for key, info in sorted(nodes.tallies.items(), key=lambda kv: kv[1]["order"]):
        c = judgements.get(key, [0, 0, 0])
        fl = flags.get(key, Counter())
        tallies.append(
            NodeTally(
                key=key,
                title=info["title"],
                kind=info["kind"],
                role=info["role"],
                order=info["order"],
                text=info["text"],
                counts=(c[0], c[1], c[2]),
                flags=dict(sorted(fl.items(), key=lambda kv: (-kv[1], kv[0]))),
                notes=tuple(notes.get(key, ())),
                questioned=questioned[key],
                strengths=weighing.strengths(key),
                verdicts=tuple(weighing.verdicts.get(key, ())),
            )
        )
    order = {t.key: t.order for t in tallies}
    groups = [
        AddedGroup(target, nodes.tallies[target]["title"], order[target], tuple(items))
        for target, items in added.items()
        if target in order
    ]
    groups.sort(key=lambda g: g.order)
    if not anonymous:  # names that look alike are told apart (and flagged); none is shown raw
        warnings += [
            Diagnostic("learner-look-alike", g.describe(), severity=Severity.WARNING)
            for g in _ann.look_alikes(learners)
        ]
    displayed = _ann.display_names(learners)
    return ClassView(
        m, tuple(displayed), tuple(tallies), tuple(groups), tuple(refusals), tuple(warnings), anonymous
    )


@dataclass
class _Weighing:
    """The class's weighing as it is read: strengths (strong, weak, none) and verdicts per key."""

    counted: dict[str, list[int]] = field(default_factory=dict)
    verdicts: dict[str, list[Verdict]] = field(default_factory=dict)

    def add(self, key: str, learner: int, node: _ann.NodeAnnotation) -> None:
        slot = _INFERENCE_SCALE.get(node.strength or "")
        if slot is not None:
            self.counted.setdefault(key, [0, 0, 0])[slot] += 1
        if node.verdict is not None or node.reason.strip():
            self.verdicts.setdefault(key, []).append(Verdict(learner, node.verdict, node.reason))

    def strengths(self, key: str) -> tuple[int, int, int]:
        c = self.counted.get(key, [0, 0, 0])
        return (c[0], c[1], c[2])


def _count(
    ann: _ann.Annotations,
    learner: int,
    nodes: _Nodes,
    judgements: dict[str, list[int]],
    flags: dict[str, Counter[str]],
    notes: dict[str, list[Note]],
    questioned: Counter[str],
    added: dict[str, list[AddedItem]],
    weighing: _Weighing | None = None,
) -> None:
    # A step's own key wins over its argument's key: visit step keys first.
    keys = sorted(ann.nodes, key=lambda k: 0 if "#" in k and k.startswith("<") else 1)
    judged: set[str] = set()
    weighed: set[str] = set()
    asked: set[str] = set()
    for raw in keys:
        if raw.startswith("added-"):
            continue
        node = ann.nodes[raw]
        key = nodes.canonical(raw)
        if key not in nodes.tallies:
            continue  # cannot happen for a file checked against the map; be safe
        if node.judgement is not None and key not in judged:
            judged.add(key)
            scale = _STATEMENT_SCALE if nodes.tallies[key]["kind"] == "statement" else _INFERENCE_SCALE
            slot = scale.get(node.judgement)
            if slot is not None:
                judgements.setdefault(key, [0, 0, 0])[slot] += 1
                if slot == 2 and nodes.tallies[key]["kind"] == "statement":
                    asked.add(key)
        if node.flags:
            flags.setdefault(key, Counter()).update(node.flags)
            if "questionable-assumption" in node.flags:
                asked.add(key)
        if weighing is not None and node.weighs and key not in weighed:
            weighed.add(key)  # a statement's weighing: once per learner
            weighing.add(key, learner, node)
        text = node.note.strip()
        if text:
            notes.setdefault(key, []).append(Note(learner, node.note))
        for q, a in node.answers.items():
            if a.note.strip():
                notes.setdefault(key, []).append(
                    Note(learner, f"(critical question {q}: {a.answer}) {a.note}")
                )
    questioned.update(asked)
    for item, target in zip(ann.added, _roots(ann.added), strict=True):
        key = nodes.canonical(target)
        added.setdefault(key, []).append(AddedItem(learner, item.kind, item.text, item.quote))


def _roots(added: Sequence[_ann.AddedNode]) -> list[str]:
    """For each added node, the node of the map its chain of added nodes ends at
    (a rebuttal of an added objection of … a statement): each chain walked once,
    so a long chain costs time linear in its length, not quadratic."""
    target = {a.id: a.target for a in added}
    root: dict[str, str] = {}
    for a in added:
        path: list[str] = []
        on_path: set[str] = set()
        at = a.id
        while at in target and at not in root and at not in on_path:
            path.append(at)
            on_path.add(at)
            at = target[at]
        end = root.get(at, at)
        for visited in path:
            root[visited] = end
    return [root[a.id] for a in added]


# -- the agenda ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaItem:
    """One thing to discuss: a node, why it is on the agenda, and what learners wrote.

    ``score`` (0 … 1) ranks the agenda: the largest of the node's split weighted
    by the share of the class that judged it, the share of learners who
    questioned it (assumptions), the share who flagged it, and the share who
    added an objection or assumption to it.  ``notes`` are (name, text) pairs.
    """

    rank: int
    key: str
    title: str
    role: str
    score: float
    reasons: tuple[str, ...]
    bar: str
    notes: tuple[tuple[str, str], ...]
    text: str = ""


def agenda(view: ClassView, limit: int = 10, anonymous: bool | None = None) -> list[AgendaItem]:
    """What to discuss, most pressing first (ties in map order); at most ``limit`` items.

    A node comes on the agenda when the class splits on it (split ≥ 0.25 with at
    least two judgements), when it is an assumption someone questioned (rejected
    it or flagged it ``questionable-assumption``), when someone flagged it, or
    when learners added objections or assumptions to it.  Each node appears
    once, with all its reasons and its learners' notes (names hidden with
    ``anonymous=True``; default: the view's setting).
    """
    if limit < 1:
        return []
    n = max(view.size, 1)
    items: list[tuple[float, int, AgendaItem]] = []
    for t in view.tallies:
        reasons: list[str] = []
        scores: list[float] = []
        if t.judged >= 2 and t.split >= MIXED:
            scores.append(t.split * t.judged / n)
            reasons.append(
                f"the class is {'split' if t.split >= SPLIT else 'divided'}: {t.bar()} (split {t.split:.2f})"
            )
        if t.role == Role.ASSUMPTION.value and t.questioned:
            rejected = t.counts[2]
            q_flag = t.flags.get("questionable-assumption", 0)
            scores.append(t.questioned / n)
            reasons.append(
                f"{t.questioned} of {view.size} questioned this assumption "
                f"({rejected} rejected it, {q_flag} flagged it questionable-assumption)"
            )
        for score, reason in _weighing_topics(t, n):
            scores.append(score)
            reasons.append(reason)
        other_flags = {
            f: c
            for f, c in t.flags.items()
            if not (f == "questionable-assumption" and t.role == Role.ASSUMPTION.value)
        }
        if other_flags:
            top = max(other_flags.values())
            scores.append(0.8 * top / n)
            reasons.append("flagged " + ", ".join(f"{f} × {c}" for f, c in other_flags.items()))
        group = view.added_to(t.key)
        quoted: list[tuple[str, str]] = []
        if group is not None:
            for kind in _AGENDA_ADDED:
                k = group.learners(kind)
                if k:
                    scores.append(k / n)
                    reasons.append(
                        f"{k} learner{'s' if k != 1 else ''} added "
                        f"{'an objection' if kind == 'objection' else 'an unstated assumption'}"
                    )
            quoted += [
                (view.name(i.learner, anonymous), f"({i.kind}) {i.text}")
                for i in group.items
                if i.kind in _AGENDA_ADDED
            ]
        if not scores:
            continue
        quoted = [(view.name(x.learner, anonymous), x.text) for x in t.notes] + quoted
        quoted += _reasons_quoted(view, t, anonymous)
        score = round(max(scores), 6)
        items.append(
            (
                score,
                t.order,
                AgendaItem(
                    0,
                    t.key,
                    t.title,
                    t.role,
                    score,
                    tuple(reasons),
                    t.bar() if t.judged else "",
                    tuple(quoted),
                    t.text,
                ),
            )
        )
    items.sort(key=lambda x: (-x[0], x[1]))
    from dataclasses import replace

    return [replace(item, rank=k + 1) for k, (_, _, item) in enumerate(items[:limit])]


def _weighing_topics(t: NodeTally, n: int) -> list[tuple[float, str]]:
    """What puts a node's weighing on the agenda, with its score: the class's verdicts
    differ, or it weighs an objection differently (each split at least ``MIXED``)."""
    out = []
    if t.verdicts_differ and t.verdict_split >= MIXED:
        given = sum(t.verdict_counts.values())
        out.append(
            (
                t.verdict_split * given / n,
                f"the class's verdicts differ: {t.verdict_bar()} (split {t.verdict_split:.2f})",
            )
        )
    if sum(1 for c in t.strengths if c) >= 2 and split_of(t.strengths) >= MIXED:
        out.append(
            (
                split_of(t.strengths) * sum(t.strengths) / n,
                f"the class weighs it differently: {t.strength_bar().removeprefix('weighs: ')}",
            )
        )
    return out


def _reasons_quoted(view: ClassView, t: NodeTally, anonymous: bool | None) -> list[tuple[str, str]]:
    """The learners' reasons for their verdicts on ``t``, as (name, text) for the agenda."""
    return [
        (view.name(v.learner, anonymous), f"(verdict: {v.verdict or 'not given'}) {v.reason}".strip())
        for v in t.verdicts
        if v.reason.strip()
    ]


def agenda_markdown(
    view: ClassView, limit: int = 10, anonymous: bool | None = None, *, max_notes: int = 6
) -> str:
    """The agenda as Markdown: a numbered list with reasons and quoted notes (escaped)."""
    items = agenda(view, limit, anonymous)
    title = md_escape(view.map.title or "the map")
    out = [f"## Discussion agenda: {title}", "", f"From {view.size} learner file(s)."]
    if view.refusals:
        out.append(f"{len(view.refusals)} file(s) could not be used.")
    out.append("")
    if not items:
        out.append("Nothing stands out: the class agrees, and nobody added objections.")
    for it in items:
        what = f" — {md_escape(_short(it.text))}" if clean_text(it.text) else ""
        out.append(f"{it.rank}. **{md_escape(it.key)}** ({it.role}){what}")
        out += [f"   - {r}" for r in it.reasons]  # our own words: nothing to escape
        for name, text in it.notes[:max_notes]:
            out.append(f"   - > {md_escape(name)}: “{md_escape(text)}”")
        if len(it.notes) > max_notes:
            out.append(f"   - … and {len(it.notes) - max_notes} more")
    return "\n".join(out) + "\n"


def _short(text: str, limit: int = 160) -> str:
    text = clean_text(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
