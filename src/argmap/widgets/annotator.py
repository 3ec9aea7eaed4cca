"""The learner's workbench: click a node of the map, judge it, flag it, note it,
answer its critical questions, add your own nodes, and see what still stands.

Every change is saved at once to the learner's annotation file (see
:mod:`argmap.annotations`); opening the same file again — after a kernel restart,
the next day — resumes where the learner stopped.  Judgements restyle the picture
already drawn; only added or removed nodes (and the neighbourhood focus) need a new
Graphviz layout.

>>> # from argmap.widgets import Annotator
>>> # Annotator("russia-iran.argdown", learner="Ana")
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import html
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..annotations import (
    ADDED_KINDS,
    ANSWERS,
    FLAGS,
    INFERENCE_JUDGEMENTS,
    Annotations,
    AnnotationStore,
)
from ..core import load
from ..errors import AnnotationError, ArgmapError
from ..evaluate import Evaluation, evaluate
from ..export import pipe, svg_for_notebook
from ..model import Argument, ArgumentMap, NodeKind, NodeRef, Role, Statement
from ..overlay import key_for, learner_map, node_looks, svg_styles
from ..render import node_refs, to_dot, visible_refs
from ..schemes import get_scheme
from ..source import Source
from ..validate import find_source
from .mapview import MapView

__all__ = ["Annotator", "default_annotation_path"]

_EVIDENCE_JUDGEMENTS = [("solid basis", "solid"), ("shaky", "shaky"), ("unfounded", "unfounded")]
_STATEMENT_JUDGEMENTS = [("accept", "accept"), ("doubt", "doubt"), ("reject", "reject")]
_INFERENCE_JUDGEMENTS = [(k, k) for k in INFERENCE_JUDGEMENTS]
_NONE = ("— not judged", "")


def _slug(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return s[:60] or "learner"


def default_annotation_path(m: ArgumentMap, learner: str, folder: str | os.PathLike[str] = ".") -> Path:
    """Where a learner's file goes by default: ``<map>.<learner>.annotations.json``."""
    stem = Path(m.path).stem if m.path else _slug(m.title or "map")
    return Path(folder) / f"{_slug(stem)}.{_slug(learner)}.annotations.json"


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


class Annotator(w.VBox):
    """The annotation workbench for one learner and one map.

    ``source`` is a map (or the path of a ``.argdown`` file); ``file`` the learner's
    annotation file (default: :func:`default_annotation_path` in the current folder).
    A damaged or foreign file is never touched: the workbench says so and saves to a
    new file beside it instead.
    """

    def __init__(
        self,
        source: ArgumentMap | str | os.PathLike[str],
        learner: str | None = None,
        file: str | os.PathLike[str] | None = None,
        *,
        folder: str | os.PathLike[str] = ".",
        depth: int = 2,
    ) -> None:
        super().__init__()
        if isinstance(source, ArgumentMap):
            self.map = source
            base = Path(source.path).parent if source.path else Path.cwd()
        else:
            self.map = load(source)
            base = Path(source).parent
        self.learner = (learner or "").strip()
        self.source_text: Source | None = find_source(self.map, base)[0]
        self.refused: str | None = None
        self._file = Path(file) if file is not None else None
        self._folder = Path(folder)
        # Without a name the workbench asks for one first: in a code-free app
        # (Voilà) every learner must get a file of their own.
        self.store: AnnotationStore | None = None
        self._blank = Annotations.new("", self.map)
        self.name_box = w.Text(placeholder="Your name", description="Your name", layout={"width": "22em"})
        self.start_button = w.Button(description="Start", icon="play", button_style="primary")
        self.name_row = w.HBox([self.name_box, self.start_button])

        # the picture and its state
        self.view = MapView(title=self.map.title or "Argument map")
        self._lmap: ArgumentMap = self.map
        self._names: dict[str, NodeRef] = {}
        self._names_by_ref: dict[NodeRef, list[str]] = {}
        self._evaluation: Evaluation | None = None
        self._syncing = False

        # controls
        self.mode = w.ToggleButtons(
            options=[("My judgements", "judgements"), ("What still stands", "evaluate")],
            value="judgements",
            tooltips=["Show how you judged each node", "Show what follows from your judgements"],
        )
        self.focus = w.Checkbox(
            value=False, description="Only the selected node's neighbourhood", indent=False
        )
        self.depth = w.BoundedIntText(value=depth, min=1, max=9, description="steps", layout={"width": "9em"})
        self.status = w.HTML()
        self.banner = w.HTML()
        self.node_info = w.HTML("<i>Click a node of the map (or Tab to it and press Enter).</i>")
        self.judgement = w.ToggleButtons(options=[_NONE], value="", description="Judgement")
        self.flags = {
            name: w.Checkbox(value=False, description=name.replace("-", " "), tooltip=text, indent=False)
            for name, text in FLAGS.items()
        }
        self.note = w.Textarea(
            placeholder="Your note on this node…", layout={"width": "100%", "height": "5em"}
        )
        self.questions = w.VBox()
        self.add_kind = w.Dropdown(description="Add", options=[])
        self.add_text = w.Textarea(
            placeholder="Text of your node", layout={"width": "100%", "height": "3.5em"}
        )
        self.add_quote = w.Text(placeholder="Quote from the text (for evidence)", layout={"width": "100%"})
        self.add_button = w.Button(description="Add to the map", icon="plus")
        self.remove_button = w.Button(description="Remove my node", icon="trash", button_style="warning")
        self.add_feedback = w.HTML()
        self.explanation = w.HTML()
        self._build()
        if self.learner:
            self.start(self.learner)
        else:
            self._layout()

    def __repr__(self) -> str:
        name = self.store.path.name if self.store is not None else None
        title = self.map.title or self.map.path
        return f"Annotator(map={title!r}, learner={self.learner or None!r}, file={name!r})"

    # -- opening the file -----------------------------------------------------------
    def _open_store(self, path: Path) -> AnnotationStore:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return AnnotationStore(path, self.map, self.learner)
        except AnnotationError as exc:
            # Never overwrite what we cannot read: keep it, save beside it instead.
            n = 1
            while (other := path.with_name(f"{path.stem}.recovered-{n}{path.suffix}")).exists():
                n += 1
            self.refused = (
                f"{exc.diagnostic.message} — {path.name} is kept unchanged; "
                f"your work now goes to {other.name}."
            )
            return AnnotationStore(other, self.map, self.learner)

    # -- public API (what the controls call; tests drive it too) ---------------------
    def start(self, learner: str) -> None:
        """Open (or create) this learner's file and let them work: what the name box's
        Start button does.  Reopening the same name resumes their work."""
        name = (learner or "").strip()
        if not name:
            raise ValueError("type your name first: your work is saved in a file of your own")
        if self.store is not None:
            raise ValueError(f"this workbench already belongs to {self.learner!r}")
        self.learner = name
        path = self._file or default_annotation_path(self.map, name, self._folder)
        self.store = self._open_store(path)
        if self.refused:
            self.banner.value = (
                f"<div class='argmap-error'><b>Your file could not be used:</b> {_esc(self.refused)}</div>"
            )
        for d in self.store.diagnostics:
            self.banner.value += f"<div class='argmap-warning'>{_esc(d.message)}</div>"
        self.head.value = (
            f"<b>{_esc(self.map.title or 'Argument map')}</b> — annotations of {_esc(self.learner)}"
        )
        self.name_row.layout.display = "none"
        saved_in = _esc(self.store.path.name)
        self.status.value = f"<span class='argmap-saved'>Your work is saved in {saved_in}.</span>"
        self._layout()

    @property
    def started(self) -> bool:
        return self.store is not None

    @property
    def annotations(self) -> Annotations:
        return self.store.annotations if self.store is not None else self._blank

    @property
    def path(self) -> Path | None:
        return self.store.path if self.store is not None else None

    @property
    def learner_map(self) -> ArgumentMap:
        """The map with the learner's own nodes in it."""
        return self._lmap

    @property
    def evaluation(self) -> Evaluation:
        if self._evaluation is None:
            self._evaluation = evaluate(self._lmap, self.annotations)
        return self._evaluation

    @property
    def selected(self) -> NodeRef | None:
        return self._names.get(self.view.selected)

    @property
    def selected_key(self) -> str | None:
        ref = self.selected
        return None if ref is None else key_for(ref, self._added_ids())

    def select(self, title: str | NodeRef) -> None:
        """Select a node by title (statement first, then argument) or by ref."""
        if isinstance(title, NodeRef):
            ref = title
        elif self._lmap.has(NodeRef.statement(title)):
            ref = NodeRef.statement(title)
        else:
            ref = NodeRef.argument(title)
        names = self._names_by_ref.get(ref)
        if not names:
            if self.focus.value:  # the node is outside the focused part: show it
                self.focus.value = False
                names = self._names_by_ref.get(ref)
            if not names:
                raise KeyError(f"no node {ref} in this map")
        self.view.selected = names[0]

    def judge(self, value: str | None) -> None:
        """Judge the selected node (``accept``/``doubt``/``reject``, ``solid``…,
        ``strong``/``weak``/``none``); ``None`` or ``""`` takes the judgement back."""
        key = self._need_selection()
        self._change(lambda a: a.with_judgement(key, value or None))

    def set_note(self, text: str) -> None:
        key = self._need_selection()
        self._change(lambda a: a.with_note(key, text))

    def flag(self, name: str, on: bool = True) -> None:
        key = self._need_selection()
        self._change(lambda a: a.with_flag(key, name) if on else a.without_flag(key, name))

    def answer(self, question: int, value: str | None, note: str = "") -> None:
        """Answer critical question ``question`` (from 1) of the selected inference."""
        key = self._need_selection()
        self._change(lambda a: a.with_answer(key, question, value or None, note))

    def add(self, kind: str, text: str, quote: str | None = None, target: str | None = None) -> str:
        """Add a node of the learner's own to the selected node (or ``target``, a key);
        returns its id.  Evidence needs a quote that stands in the source text."""
        key = target or self._need_selection()
        quote = (quote or "").strip() or None
        if kind == "evidence":
            if quote is None:
                raise ValueError("evidence needs a quote from the text: copy the words exactly")
            if self.source_text is not None and not self.source_text.find(quote):
                para, passage = self.source_text.closest(quote)
                raise ValueError(
                    f"the quote is not in the text. Closest passage, paragraph {para}: \u201c{passage}\u201d"
                )
        new = self._change(lambda a: a.with_added(kind, key, text, quote=quote), structural=True)
        return new.added[-1].id

    def remove(self, added_id: str | None = None) -> None:
        """Remove one of the learner's own nodes (default: the selected one)."""
        key = added_id or self._need_selection()
        if key not in self._added_ids():
            raise ValueError("only nodes you added yourself can be removed")
        self._change(lambda a: a.without_added(key, cascade=True), structural=True)
        if self.view.selected not in self._names:
            self.view.selected = ""

    def show_standing(self, on: bool = True) -> None:
        """Switch the picture to "what still stands" (or back to the judgements)."""
        self.mode.value = "evaluate" if on else "judgements"

    # -- internals: changes, layout, restyle -------------------------------------------
    def _added_ids(self) -> set[str]:
        return {a.id for a in self.annotations.added}

    def _need_selection(self) -> str:
        key = self.selected_key
        if key is None:
            raise ValueError("select a node of the map first")
        return key

    def _change(self, change: Callable[[Annotations], Annotations], structural: bool = False) -> Annotations:
        if self.store is None:
            raise ValueError("type your name and press Start first: your work needs a file of its own")
        try:
            new = self.store.update(change)
        except AnnotationError as exc:
            self.banner.value = (
                f"<div class='argmap-error'><b>Not saved:</b> {_esc(exc.diagnostic.message)}</div>"
            )
            raise
        self._evaluation = None
        self.status.value = (
            f"<span class='argmap-saved'>✓ saved to {_esc(self.store.path.name)} at "
            f"{_dt.datetime.now().strftime('%H:%M:%S')}</span>"
        )
        if structural:
            self._layout()
        else:
            self._restyle()
            self._show_explanation()
        return new

    def _layout(self) -> None:
        """A new Graphviz layout: after a structural change or a change of focus."""
        self._lmap = learner_map(self.map, self.annotations)
        self._evaluation = None
        options: dict[str, Any] = {}
        focus_ref = self._names.get(self.view.selected)
        if self.focus.value and focus_ref is not None:
            options = {"focus": focus_ref.title, "depth": self.depth.value}
        try:
            svg = svg_for_notebook(pipe(to_dot(self._lmap, **options), "svg").decode("utf-8"))
        except ArgmapError as exc:
            svg = ""
            self.banner.value = f"<div class='argmap-error'>{_esc(exc)}</div>"
        shown = visible_refs(self._lmap, **options)
        self._names = {name: ref for name, ref in node_refs(self._lmap).items() if ref in shown}
        by_ref: dict[NodeRef, list[str]] = {}
        for name, ref in self._names.items():
            by_ref.setdefault(ref, []).append(name)
        self._names_by_ref = by_ref
        self.view.labels = {name: self._spoken(ref) for name, ref in self._names.items()}
        self.view.svg = svg
        self._restyle()
        self._show_selection()

    def _restyle(self) -> None:
        """Styles only: the browser restyles the SVG it has, no layout."""
        ev = self.evaluation if self.mode.value == "evaluate" else None
        looks = node_looks(self._lmap, self.annotations, ev)
        self.view.styles = svg_styles(looks, self._names_by_ref)

    def _spoken(self, ref: NodeRef) -> str:
        node = self._lmap.get(ref)
        if isinstance(node, Statement):
            return f"{node.role.value}: {node.title}. {node.text}"
        if isinstance(node, Argument):
            return f"argument: {node.title}. {node.text}"
        return ref.title

    # -- the panel ---------------------------------------------------------------------
    def _build(self) -> None:
        self.view.observe(lambda _: self._show_selection(), "selected")
        self.mode.observe(self._on_mode, "value")
        self.focus.observe(lambda _: self._layout(), "value")
        self.depth.observe(lambda _: self._layout() if self.focus.value else None, "value")
        self.judgement.observe(self._on_judgement, "value")
        for name, box in self.flags.items():
            box.observe(lambda ch, name=name: self._on_flag(name, ch["new"]), "value")
        self.note.observe(self._on_note, "value")
        self.add_button.on_click(lambda _: self._on_add())
        self.remove_button.on_click(lambda _: self._on_remove())
        self.start_button.on_click(lambda _: self._guard_start())
        flag_box = w.VBox(list(self.flags.values()))
        flags = w.Accordion(children=[flag_box], titles=("Flags",))
        flags.selected_index = None
        adder = w.VBox(
            [
                self.add_kind,
                self.add_text,
                self.add_quote,
                w.HBox([self.add_button, self.remove_button]),
                self.add_feedback,
            ]
        )
        self.panel = w.VBox(
            [self.node_info, self.judgement, flags, self.note, self.questions, adder],
            layout={"flex": "2 1 0%", "min_width": "20em", "padding": "0 0 0 1em"},
        )
        self.view.layout = w.Layout(flex="3 1 0%", min_width="0")
        self.head = w.HTML(
            f"<b>{_esc(self.map.title or 'Argument map')}</b> — type your name and press Start to begin"
        )
        controls = w.HBox([self.mode, self.focus, self.depth])
        self.children = [
            self.head,
            self.name_row,
            self.banner,
            controls,
            w.HBox([self.view, self.panel]),
            self.explanation,
            self.status,
        ]
        self.add_class("argmap-annotator")

    def _show_selection(self) -> None:
        ref = self.selected
        self._syncing = True
        try:
            if ref is None:
                self.node_info.value = "<i>Click a node of the map (or Tab to it and press Enter).</i>"
                self.judgement.options = [_NONE]
                self.judgement.value = ""
                self.questions.children = ()
                self.add_kind.options = []
                self._enable(False)
                return
            self._enable(self.store is not None)
            key = key_for(ref, self._added_ids())
            node = self._lmap.get(ref)
            note = self.annotations.node(key)
            self.node_info.value = self._describe(ref, node)
            self.judgement.options = [_NONE, *self._judgement_options(ref, node)]
            self.judgement.value = note.judgement or ""
            for name, box in self.flags.items():
                box.value = name in note.flags
            self.note.value = note.note
            self.questions.children = tuple(self._question_rows(ref, node, key))
            self.add_kind.options = self._add_options(ref, node)
            mine = key in self._added_ids()
            self.remove_button.disabled = not mine
            self.remove_button.layout.display = None if mine else "none"  # only for the learner's own nodes
        finally:
            self._syncing = False
        self._show_explanation()

    def _enable(self, on: bool) -> None:
        for c in (
            self.judgement,
            self.note,
            self.add_kind,
            self.add_text,
            self.add_quote,
            self.add_button,
            *self.flags.values(),
        ):
            c.disabled = not on
        self.remove_button.disabled = True
        self.remove_button.layout.display = "none"

    def _judgement_options(self, ref: NodeRef, node: object) -> list[tuple[str, str]]:
        if ref.kind is NodeKind.ARGUMENT:
            return _INFERENCE_JUDGEMENTS
        if isinstance(node, Statement) and node.role is Role.EVIDENCE:
            return _EVIDENCE_JUDGEMENTS
        return _STATEMENT_JUDGEMENTS

    def _add_options(self, ref: NodeRef, node: object) -> list[tuple[str, str]]:
        if ref.kind is NodeKind.ARGUMENT:
            kinds = ["assumption", "objection"]
        elif isinstance(node, Statement) and node.role in (Role.OBJECTION, Role.REBUTTAL):
            kinds = ["rebuttal", "evidence"]
        else:
            kinds = ["objection", "evidence"]
        return [(f"{k}: {ADDED_KINDS[k].split(' (')[0]}", k) for k in kinds]

    def _describe(self, ref: NodeRef, node: object) -> str:
        if isinstance(node, Statement):
            mine = " (yours)" if node.title in self._added_ids() else ""
            parts = [
                f"<div><small>{_esc(node.role.value.upper())}{mine}</small></div>",
                f"<div><b>{_esc(node.title)}</b></div>",
                f"<div>{_esc(node.text)}</div>",
            ]
            if node.quote:
                where = f" (paragraph {node.anchor.paragraph})" if node.anchor else ""
                basis = f" — basis: {_esc(node.basis.label)}" if node.basis else ""
                parts.append(f"<blockquote>\u201c{_esc(node.quote)}\u201d{_esc(where)}{basis}</blockquote>")
            return "".join(parts)
        if isinstance(node, Argument):
            scheme = get_scheme(node.scheme) if node.scheme else None
            premises = "".join(f"<li>{_esc(p)}</li>" for p in node.premises)
            concl = f"<div>therefore: <b>{_esc(node.conclusion)}</b></div>" if node.conclusion else ""
            sch = f"<div><small>scheme: {_esc(scheme.name)}</small></div>" if scheme else ""
            return (
                f"<div><small>INFERENCE</small></div><div><b>{_esc(node.title)}</b></div><div>{_esc(node.text)}</div>"
                + (f"<div>premises:</div><ul>{premises}</ul>" if premises else "")
                + concl
                + sch
                + "<div><small>How strongly do the premises, taken together, "
                "support the conclusion?</small></div>"
            )
        return _esc(ref)

    def _question_rows(self, ref: NodeRef, node: object, key: str) -> list[w.Widget]:
        if not isinstance(node, Argument) or not node.scheme:
            return []
        scheme = get_scheme(node.scheme)
        if scheme is None:
            return []
        answers = self.annotations.node(key).answers
        rows: list[w.Widget] = [w.HTML(f"<b>Critical questions</b> ({_esc(scheme.name)})")]
        for i, question in enumerate(scheme.critical_questions, start=1):
            given = answers.get(i)
            toggle = w.ToggleButtons(
                options=[("—", ""), *[(a, a) for a in ANSWERS]],
                value=given.answer if given else "",
                style={"button_width": "4.5em"},
            )
            toggle.observe(
                lambda ch, i=i: None if self._syncing else self._guard(lambda: self.answer(i, ch["new"])),
                "value",
            )
            make = w.Button(description="Make it an objection", icon="exclamation", tooltip=question)
            make.on_click(
                lambda _, q=question: self._guard(
                    lambda: self.add("objection", f"Critical question: {q}", target=key)
                )
            )
            rows.append(w.VBox([w.HTML(f"{i}. {_esc(question)}"), w.HBox([toggle, make])]))
        return rows

    def _show_explanation(self) -> None:
        if self.mode.value != "evaluate":
            self.explanation.value = ""
            return
        ev = self.evaluation
        parts = [f"<div><b>What still stands.</b> {_esc(ev.summary())}</div>"]
        key = self.selected_key
        if key is not None:
            with contextlib.suppress(KeyError, ValueError):
                parts.append(f"<div>{_esc(ev.explain(key))}</div>")
        self.explanation.value = "".join(parts)

    # -- control callbacks ------------------------------------------------------------
    def _guard_start(self) -> None:
        try:
            self.start(self.name_box.value)
        except ValueError as exc:
            self.banner.value = f"<div class='argmap-error'>{_esc(exc)}</div>"

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
            self.add_feedback.value = ""
        except (ValueError, KeyError) as exc:
            self.add_feedback.value = f"<span class='argmap-error'>{_esc(exc)}</span>"
        except AnnotationError:
            pass  # the banner says why

    def _on_mode(self, change: dict[str, Any]) -> None:
        self._restyle()
        self._show_explanation()

    def _on_judgement(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self._guard(lambda: self.judge(change["new"]))

    def _on_flag(self, name: str, on: bool) -> None:
        if not self._syncing:
            self._guard(lambda: self.flag(name, on))

    def _on_note(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self._guard(lambda: self.set_note(change["new"]))

    def _on_add(self) -> None:
        def act() -> None:
            new_id = self.add(self.add_kind.value, self.add_text.value, self.add_quote.value)
            self.add_text.value = ""
            self.add_quote.value = ""
            self.select(new_id)

        self._guard(act)

    def _on_remove(self) -> None:
        self._guard(lambda: self.remove())
