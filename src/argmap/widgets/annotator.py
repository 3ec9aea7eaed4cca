"""The learner's workbench: click a node of the map, judge it, flag it, note it,
answer its critical questions, rate how much an objection weighs, give the thesis a
verdict with a reason, add your own nodes, and see what still stands.

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
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..annotations import (
    ANSWERS,
    AddedNode,
    Annotations,
    AnnotationStore,
    class_folder,
    learner_path,
    same_learner,
)
from ..checking.load import load
from ..checking.source import Source
from ..checking.validate import find_source
from ..classroom.passcode import MIN_CODE_LENGTH, CodeError, check_code, has_code
from ..draw.dot import to_dot
from ..draw.graph import node_refs, visible_refs
from ..draw.options import PictureOptions
from ..errors import AnnotationError, ArgmapError
from ..files import atomic_write
from ..judge.evaluate import Evaluation, evaluate
from ..judge.overlay import annotated, key_for, learner_map, node_looks, svg_styles
from ..model import Argument, ArgumentMap, NodeKind, NodeRef, Role, Statement
from ..output.export import pipe, svg_for_notebook
from ..schemes import get_scheme
from .card import add_options, describe, judgement_options, name_own_nodes, saved_on, spoken
from .download import Download
from .forms import AddForm, FlagsBox, OwnNodeForm, WeighForm
from .mapview import MapView

__all__ = ["CODE_HELP", "KEYS_HELP", "Annotator", "code_wanted", "default_annotation_path"]

_NONE = ("— not judged", "")
_PROMPT = "<i>Click a node of the map (or Tab to the map, move with the arrow keys, press Enter).</i>"
#: What the learner reads about the keyboard (the panel and notebook 8 say the same).
KEYS_HELP = (
    "Keyboard: Tab into the map (Enter on your name puts you on the thesis); the arrow keys move "
    "to the nearest node up, down, left or right, Home back to the thesis; Enter opens the node "
    "in the panel (Tab then reaches its controls); Escape brings you back to the map."
)


#: What the code-free app says under the name and code boxes.
CODE_HELP = (
    f"First time here? Choose a code of {MIN_CODE_LENGTH} characters or more and remember it: "
    "your work opens only with your name and this code. Forgot it? Your teacher can reset it."
)
#: After this many wrong codes in a row the workbench waits WRONG_CODE_PAUSE seconds.
MAX_WRONG_CODES = 5
WRONG_CODE_PAUSE = 30.0


def code_wanted() -> bool:
    """Whether this kernel runs the code-free app (Voilà) outside a JupyterHub: there a
    learner's file opens only with their code."""
    in_voila = any(os.environ.get(k) for k in ("VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_KERNEL_ID"))
    return in_voila and not os.environ.get("JUPYTERHUB_USER")


def default_annotation_path(
    m: ArgumentMap, learner: str, folder: str | os.PathLike[str] | None = None
) -> Path:
    """Where a learner's file goes: ``<class folder>/<map>.<name>-<id>.annotations.json``
    (see :func:`argmap.annotations.learner_file_name` and :func:`~argmap.annotations.class_folder`)."""
    return learner_path(m, learner, folder)


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


class Annotator(w.VBox):
    """The annotation workbench for one learner and one map.

    ``source`` is a map (or the path of a ``.argdown`` file); ``file`` the learner's
    annotation file (default: :func:`default_annotation_path` in the class folder,
    ``folder`` or else ``$ARGMAP_CLASS_DIR`` or else ``out``).  A damaged or foreign
    file is never touched: the workbench says so and saves to a new file beside it
    instead.  Two workbenches on one file (two tabs) keep both's changes and say so.
    """

    def __init__(
        self,
        source: ArgumentMap | str | os.PathLike[str],
        learner: str | None = None,
        file: str | os.PathLike[str] | None = None,
        *,
        folder: str | os.PathLike[str] | None = None,
        depth: int = 2,
        code: bool | None = None,
    ) -> None:
        super().__init__()
        #: Whether a learner's file opens only with their code (:mod:`argmap.classroom.passcode`):
        #: by default in the code-free app (Voilà), where anyone can type any name, and not
        #: on a JupyterHub (each learner is logged in) nor in JupyterLab.
        self.needs_code = code_wanted() if code is None else bool(code)
        self._wrong_codes = 0
        self._locked_until = 0.0
        self._refused: tuple[Path, str] | None = None  # the last code refused, and for which file
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
        self._folder = class_folder(folder)
        self._merges_seen = 0
        self._removed: Annotations | None = None  # what "Undo" brings back
        # Without a name the workbench asks for one first: in a code-free app
        # (Voilà) every learner must get a file of their own.
        self.store: AnnotationStore | None = None
        self._blank = Annotations.new("", self.map)
        self.name_box = w.Text(
            placeholder="Your name",
            description="Your name",
            continuous_update=False,  # Enter (or leaving the box) sends the name: it starts too
            layout={"width": "22em"},
        )
        self.code_box = w.Password(
            placeholder="Your code",
            description="Your code",
            continuous_update=False,  # Enter in the code box starts
            layout={"width": "16em"},
        )
        self.start_button = w.Button(description="Start", icon="play", button_style="primary")
        # A skip link for the keyboard: from the name box straight to the map's thesis.
        self.skip_button = w.Button(
            description="Skip to the map",
            tooltip="Look at the map first (by keyboard: the arrow keys move between its nodes)",
            layout={"width": "auto"},
        )
        self.skip_button.on_click(lambda _: self._to_map())
        if self.needs_code:
            self.name_row = w.VBox(
                [
                    w.HBox([self.name_box, self.code_box, self.start_button, self.skip_button]),
                    w.HTML(f"<small>{_esc(CODE_HELP)}</small>"),
                ]
            )
        else:
            self.name_row = w.HBox([self.name_box, self.start_button, self.skip_button])

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
        self.depth = w.BoundedIntText(
            value=depth,
            min=1,
            max=9,
            description="steps",
            style={"description_width": "initial"},
            layout={"width": "8.5em"},
        )
        self.status = w.HTML()
        self.banner = w.HTML()
        self.node_info = w.HTML(_PROMPT)
        #: Which node a judgement, flag, note or weighing is saved on (the selected one).
        self.target = w.HTML()
        self.target.add_class("argmap-target")
        self.target.layout.display = "none"
        self.judgement = w.ToggleButtons(options=[_NONE], value="", description="Judgement")
        # the weighing: an objection's strength; a verdict on the thesis, with a reason
        self.weigher = WeighForm()
        self.strength, self.verdict, self.reason = (
            self.weigher.strength,
            self.weigher.verdict,
            self.weigher.reason,
        )
        self.flags_box = FlagsBox()
        self.flags = self.flags_box.boxes
        self.note = w.Textarea(
            placeholder="Your note on this node…", layout={"width": "100%", "height": "5em"}
        )
        self.questions = w.VBox()
        # a node of the learner's own: add one; change, remove or bring back one
        self.adder = AddForm()
        self.add_kind, self.add_text, self.add_quote = self.adder.kind, self.adder.text, self.adder.quote
        self.add_basis, self.add_button = self.adder.basis, self.adder.button
        self.editor = OwnNodeForm()
        self.edit_text, self.edit_quote, self.edit_basis = (
            self.editor.text,
            self.editor.quote,
            self.editor.basis,
        )
        self.edit_button, self.remove_button = self.editor.save_button, self.editor.remove_button
        self.undo_button = w.Button(description="Undo the removal", icon="undo", layout={"width": "auto"})
        self.undo_button.layout.display = "none"
        self.add_feedback = w.HTML()
        # export
        self.export_button = w.Button(
            description="Export my map as PDF", icon="file-pdf-o", layout={"width": "auto"}, disabled=True
        )
        self.download = Download(
            waiting="Export first: then download it here", label="Download my work (PDF)"
        )
        # the learner file itself, as saved: what the teacher collects (in the browser-only
        # kit it lives in the browser's storage, and this is how it leaves)
        self.download_file = Download(
            waiting="Start first: then your file can be downloaded", label="Download my learner file"
        )
        self.export_message = w.HTML()
        self.explanation = w.HTML()
        self._build()
        if self.learner and not self.needs_code:
            self.start(self.learner)
        else:
            self.name_box.value, self.learner = self.learner, ""  # the code is still to come
            self._layout()

    def __repr__(self) -> str:
        name = self.store.path.name if self.store is not None else None
        title = self.map.title or self.map.path
        return f"Annotator(map={title!r}, learner={self.learner or None!r}, file={name!r})"

    # -- opening the file -----------------------------------------------------------
    def _open_store(self, path: Path, learner: str) -> AnnotationStore:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return AnnotationStore(path, self.map, learner)
        except AnnotationError as exc:
            # Never overwrite what we cannot read: keep it, save beside it instead.
            n = 1
            while (other := path.with_name(f"{path.stem}.recovered-{n}{path.suffix}")).exists():
                n += 1
            self.refused = (
                f"{exc.diagnostic.message} — {path.name} is kept unchanged; "
                f"your work now goes to {other.name}."
            )
            return AnnotationStore(other, self.map, learner)

    # -- public API (what the controls call; tests drive it too) ---------------------
    def start(self, learner: str, code: str | None = None) -> None:
        """Open (or create) this learner's file and let them work: what the name box's
        Start button does.  Reopening the same name resumes their work.  Where a code
        is needed (:attr:`needs_code`), the first start chooses it and every later
        start must give it: a wrong code opens nothing and changes nothing."""
        name = " ".join((learner or "").split())
        if not name:
            raise ValueError("type your name first: your work is saved in a file of your own")
        if self.store is not None:
            if same_learner(name, self.learner):
                return  # Enter in the name box, then a click on Start: one start
            raise ValueError(f"this workbench already belongs to {self.learner!r}")
        path = self._file or default_annotation_path(self.map, name, self._folder)
        if self.needs_code:
            self._check_code(path, self.code_box.value if code is None else code)
        try:
            self.store = self._open_store(path, name)
        except OSError as exc:
            raise ValueError(
                f"your work cannot be saved in {path.parent}: {exc.strerror or exc}. "
                "Ask your teacher to check the class folder (the ARGMAP_CLASS_DIR setting)."
            ) from None
        self.learner = name
        if self.refused:
            self.banner.value = (
                f"<div class='argmap-error'><b>Your file could not be used:</b> {_esc(self.refused)}</div>"
            )
        for d in self.store.diagnostics:
            self.banner.value += f"<div class='argmap-warning'>{_esc(d.message)}</div>"
        owner = self.store.annotations.learner or self.learner
        resumed = " (welcome back: your earlier work is loaded)" if self.store.annotations.history else ""
        self.head.value = (
            f"<b>{_esc(self.map.title or 'Argument map')}</b> — annotations of {_esc(owner)}{_esc(resumed)}"
        )
        self.name_row.layout.display = "none"
        saved_in = _esc(self.store.path.name)
        self.status.value = f"<span class='argmap-saved'>Your work is saved in {saved_in}.</span>"
        self.export_button.disabled = False
        self._offer_file()
        self._layout()
        # The name box is gone: keyboard focus goes to the map (its thesis), in view.
        self._to_map()

    def _to_map(self) -> None:
        """Send keyboard focus to the map: its selected node, else the thesis."""
        self.view.focus_serial += 1

    def _check_code(self, path: Path, code: str) -> None:
        """The learner's code for ``path``: chosen on first use, else it must match."""
        wait = self._locked_until - time.monotonic()
        if wait > 0:
            raise ValueError(f"too many wrong codes: wait {wait:.0f} seconds, then try again")
        if not code.strip():
            first = "" if has_code(path) else " (first time here: choose one, and remember it)"
            raise ValueError(f"type your code too{first}")
        if self._refused == (path, code):  # the same try again (Enter, then a click on Start)
            raise ValueError(self._wrong_code_message())
        try:
            said = check_code(path, code)
        except CodeError as exc:
            raise ValueError(str(exc)) from None
        except OSError as exc:
            raise ValueError(
                f"your code cannot be saved in {path.parent}: {exc.strerror or exc}. "
                "Ask your teacher to check the class folder (the ARGMAP_CLASS_DIR setting)."
            ) from None
        if said == "wrong":
            self._refused = (path, code)
            self._wrong_codes += 1
            if self._wrong_codes >= MAX_WRONG_CODES:
                self._wrong_codes = 0
                self._locked_until = time.monotonic() + WRONG_CODE_PAUSE
            raise ValueError(self._wrong_code_message())
        self._wrong_codes, self._refused = 0, None
        if said == "chosen":
            self.banner.value = (
                "<div class='argmap-saved'>Your code is set: remember it, you need it to open "
                "your work again.</div>"
            )

    @staticmethod
    def _wrong_code_message() -> str:
        return (
            "that is not the code for this name, so nothing was opened. If it is your name, "
            "type your code again (your teacher can reset it); if it is not, add your surname."
        )

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
            ann = self.annotations
            self._evaluation = evaluate(self._lmap, ann, strengths=ann.strengths, verdicts=ann.verdicts)
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

    def rate(self, value: str | None) -> None:
        """Rate how much the selected objection weighs (``strong``/``weak``/``none``);
        ``None`` or ``""`` takes the rating back."""
        key = self._need_selection()
        self._change(lambda a: a.with_strength(key, value or None))
        self._sync_weighing(key)

    def give_verdict(self, value: str | None, reason: str | None = None) -> None:
        """Give the selected statement (usually the thesis) a verdict after weighing it:
        ``supported``/``contested``/``refuted``/``open``, and, if given, the reason."""
        key = self._need_selection()
        self._change(lambda a: a.with_verdict(key, value or None, reason))
        self._sync_weighing(key)

    def set_reason(self, text: str) -> None:
        """The reason for the selected statement's verdict, in the learner's words."""
        key = self._need_selection()
        self._change(lambda a: a.with_reason(key, text))
        self._sync_weighing(key)

    def _sync_weighing(self, key: str) -> None:
        """The weighing controls show what is saved (after a change made in code, too)."""
        note = self.annotations.node(key)
        was, self._syncing = self._syncing, True
        try:
            self.strength.value = note.strength or ""
            self.verdict.value = note.verdict or ""
            self.reason.value = note.reason
        finally:
            self._syncing = was

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

    def add(
        self,
        kind: str,
        text: str,
        quote: str | None = None,
        target: str | None = None,
        basis: str | None = None,
    ) -> str:
        """Add a node of the learner's own to the selected node (or ``target``, a key);
        returns its id.  Evidence needs a quote that stands in the source text, and may
        name its basis.  The same node added twice to the same place is added once."""
        key = target or self._need_selection()
        quote = (quote or "").strip() or None
        if kind == "evidence":
            self._check_quote(quote)
        else:
            basis = None
        same = self._same_added(kind, key, text)
        if same is not None:  # a second click on "Make it an objection": no duplicate
            self.add_feedback.value = "<span>That one is on the map already: it is selected.</span>"
            return same.id
        new = self._change(
            lambda a: a.with_added(kind, key, text, quote=quote, basis=basis or None), structural=True
        )
        return new.added[-1].id

    def _same_added(self, kind: str, target: str, text: str) -> AddedNode | None:
        wanted = " ".join(text.split())
        for a in self.annotations.added:
            if a.kind == kind and a.target == target and " ".join(a.text.split()) == wanted:
                return a
        return None

    def _check_quote(self, quote: str | None) -> None:
        if quote is None:
            raise ValueError("evidence needs a quote from the text: copy the words exactly")
        if self.source_text is not None and not self.source_text.find(quote):
            para, passage = self.source_text.closest(quote)
            raise ValueError(
                f"the quote is not in the text. Closest passage, paragraph {para}: \u201c{passage}\u201d"
            )

    def remove(self, added_id: str | None = None) -> None:
        """Remove one of the learner's own nodes (default: the selected one), and the
        nodes that answer it; :meth:`undo` brings them back."""
        key = added_id or self._need_selection()
        if key not in self._added_ids():
            raise ValueError("only nodes you added yourself can be removed")
        before = self.annotations
        self._change(lambda a: a.without_added(key, cascade=True), structural=True)
        self._removed = before
        self.undo_button.layout.display = None
        if self.view.selected not in self._names:
            self.view.selected = ""

    def undo(self) -> None:
        """Bring back what the last removal took away (with its judgements and notes)."""
        before = self._removed
        if before is None:
            raise ValueError("there is no removal to undo")

        def put_back(a: Annotations) -> Annotations:
            have = {x.id for x in a.added}
            back = [x for x in before.added if x.id not in have]
            nodes = dict(a.nodes)
            for x in back:
                if x.id in before.nodes:
                    nodes[x.id] = before.nodes[x.id]
            # targets first: a rebuttal comes back after the objection it answers
            return replace(a, added=(*a.added, *back), nodes=nodes)

        self._change(put_back, structural=True)
        self._removed = None
        self.undo_button.layout.display = "none"

    def edit(
        self, text: str, quote: str | None = None, basis: str | None = None, added_id: str | None = None
    ) -> None:
        """Change the text (and, for evidence, the quote and basis) of one of the
        learner's own nodes (default: the selected one)."""
        key = added_id or self._need_selection()
        if key not in self._added_ids():
            raise ValueError("only nodes you added yourself can be edited")
        node = self.annotations.added_node(key)
        quote = (quote or "").strip() or None
        if node.kind == "evidence":
            self._check_quote(quote)
        self._change(
            lambda a: a.with_added_text(key, text, quote=quote, basis=basis or None), structural=True
        )

    def export(self) -> Path:
        """Write the learner's annotated map as a PDF beside their annotation file
        (named after the learner: nobody's export overwrites another's), offer it in
        the download button, and return its path.  The PDF is numbered A4 pages
        (:func:`argmap.classroom.handout.learner_pdf`)."""
        if self.store is None:
            raise ValueError("type your name and press Start first: the PDF is named after you")
        from ..classroom.handout import learner_pdf

        yours, styles = annotated(self.map, self.annotations)
        # A4 pages: the map's title, the learner's name, the date, the map with their
        # marks (overview and lines when it is big), then their marks as a table
        data = learner_pdf(yours, self.annotations, styles=styles)
        name = self.store.path.name
        stem = (
            name[: -len(".annotations.json")] if name.endswith(".annotations.json") else self.store.path.stem
        )
        path = self.store.path.with_name(stem + ".pdf")
        atomic_write(path, data)
        self.download.offer(path.name, data)
        self.export_message.value = (
            f"<span class='argmap-saved'>✓ {_esc(path.name)} made at "
            f"{_dt.datetime.now().strftime('%H:%M:%S')} from your work so far.</span>"
        )
        return path

    def exporter(self) -> w.VBox:
        """The export controls: a button that makes the PDF and one that downloads it
        (works in JupyterLab and in the code-free app alike)."""
        return w.VBox(
            [w.HBox([self.export_button, self.download]), w.HBox([self.download_file]), self.export_message]
        )

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

    def _offer_file(self) -> None:
        """The learner file as it is on disk now, for its download button (nothing offered
        while there is no file yet)."""
        if self.store is None:
            return
        try:
            data = self.store.path.read_bytes()
        except OSError:
            return
        self.download_file.offer(self.store.path.name, data, mime="application/json")

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
        except OSError as exc:  # a full disk, a folder gone: the last change is not saved, and says so
            self.banner.value = (
                f"<div class='argmap-error'><b>Not saved:</b> {_esc(self.store.path.name)} cannot be "
                f"written ({_esc(exc.strerror or exc)}). Your earlier work in it is kept; "
                "tell your teacher.</div>"
            )
            raise
        self._evaluation = None
        if len(self.store.merges) > self._merges_seen:
            self._merges_seen = len(self.store.merges)
            self.banner.value = (
                f"<div class='argmap-warning'><b>Another window:</b> "
                f"{_esc(self.store.merges[-1].message)}</div>"
            )
            structural = True  # the other window may have added or removed nodes
        self.status.value = (
            f"<span class='argmap-saved'>✓ saved to {_esc(self.store.path.name)} at "
            f"{_dt.datetime.now().strftime('%H:%M:%S')}</span>"
        )
        self._offer_file()
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
        # every node drawn (no evidence folded into counts): each one can be judged
        picture = PictureOptions(detail="full")
        focus_ref = self._names.get(self.view.selected)
        if self.focus.value and focus_ref is not None:
            picture = replace(picture, focus=str(focus_ref), depth=self.depth.value)
        try:
            svg = svg_for_notebook(pipe(to_dot(self._lmap, picture), "svg").decode("utf-8"))
        except ArgmapError as exc:
            svg = ""
            self.banner.value = f"<div class='argmap-error'>{_esc(exc)}</div>"
        shown = visible_refs(self._lmap, focus=picture.focus, depth=picture.depth)
        self._names = {name: ref for name, ref in node_refs(self._lmap).items() if ref in shown}
        by_ref: dict[NodeRef, list[str]] = {}
        for name, ref in self._names.items():
            by_ref.setdefault(ref, []).append(name)
        self._names_by_ref = by_ref
        self.view.labels = {
            name: spoken(ref, self._lmap.get(ref), self._own(ref)) for name, ref in self._names.items()
        }
        self.view.svg = svg
        self._restyle()
        self._show_selection()

    def _restyle(self) -> None:
        """Styles only: the browser restyles the SVG it has, no layout."""
        ev = self.evaluation if self.mode.value == "evaluate" else None
        looks = node_looks(self._lmap, self.annotations, ev, weighing=True)  # no line under a node here
        self.view.styles = svg_styles(looks, self._names_by_ref)

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
        self.strength.observe(lambda ch: self._unless_syncing(lambda: self.rate(ch["new"])), "value")
        self.verdict.observe(lambda ch: self._unless_syncing(lambda: self.give_verdict(ch["new"])), "value")
        self.reason.observe(lambda ch: self._unless_syncing(lambda: self.set_reason(ch["new"])), "value")
        self.add_button.on_click(lambda _: self._on_add())
        self.remove_button.on_click(lambda _: self._guard(self.remove))
        self.undo_button.on_click(lambda _: self._guard(self.undo))
        self.edit_button.on_click(lambda _: self._on_edit())
        self.export_button.on_click(lambda _: self._guard_export())
        self.start_button.on_click(lambda _: self._guard_start())
        self.name_box.observe(lambda ch: self._on_name(ch["new"]), "value")
        self.code_box.observe(lambda ch: self._guard_start() if ch["new"].strip() else None, "value")
        self.panel = w.VBox(
            [
                self.node_info,
                self.target,
                self.judgement,
                self.flags_box,
                self.note,
                self.weigher,
                self.questions,
                self.editor,
                self.adder,
                self.undo_button,
                self.add_feedback,
            ],
            layout={"flex": "2 1 0%", "min_width": "20em", "padding": "0 0 0 1em"},
        )
        self.panel.add_class("argmap-panel")
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
            w.HTML(f"<small>{_esc(KEYS_HELP)}</small>"),
        ]
        self.add_class("argmap-annotator")

    def _take_up_other_windows(self) -> bool:
        """Before showing a node: if another window saved to this learner's file,
        show its work too, and say so.  True if the picture was redrawn."""
        if self.store is None:
            return False
        try:
            merged = self.store.refresh()
        except AnnotationError as exc:
            self.banner.value = (
                f"<div class='argmap-error'><b>Not saved:</b> {_esc(exc.diagnostic.message)}</div>"
            )
            return False
        if merged is None:
            return False
        self._merges_seen = len(self.store.merges)
        self.banner.value = f"<div class='argmap-warning'><b>Another window:</b> {_esc(merged.message)}</div>"
        self._layout()
        return True

    def _show_selection(self) -> None:
        if not self._syncing and self._take_up_other_windows():
            return  # the new layout showed the selection already
        ref = self.selected
        self._syncing = True
        try:
            if ref is None:
                self.node_info.value = _PROMPT
                self.target.value = ""
                self.target.layout.display = "none"
                self.judgement.options = [_NONE]
                self.judgement.value = ""
                self.questions.children = ()
                self.weigher.show(strength=False, verdict=False)
                self.add_kind.options = []
                self._enable(False)
                return
            self._enable(self.store is not None)
            key = key_for(ref, self._added_ids())
            node = self._lmap.get(ref)
            note = self.annotations.node(key)
            self.node_info.value = describe(ref, node, self._own(ref))
            self.target.value = f"Saved on: <b>{_esc(saved_on(ref, node, self._own(ref)))}</b>"
            self.target.layout.display = None
            self.judgement.options = [_NONE, *judgement_options(ref, node)]
            self.judgement.value = note.judgement or ""
            for name, box in self.flags.items():
                box.value = name in note.flags
            self.note.value = note.note
            self._sync_weighing(key)
            self.weigher.show(
                strength=note.strength is not None or self._is_objection(ref, node),
                verdict=note.verdict is not None or bool(note.reason) or self._weighable(ref, key),
            )
            self.questions.children = tuple(self._question_rows(ref, node, key))
            self.add_kind.options = add_options(ref, node)
            self.adder.show_fields()
            self.editor.show(self._own(ref), can_save=self.store is not None)  # only the learner's own
        finally:
            self._syncing = False
            self.view.shown = self.view.selected  # the browser may let the panel take input
            self.view.panel_serial += 1  # the panel shows this node now: the keyboard may enter it
        self._show_explanation()

    def _enable(self, on: bool) -> None:
        for c in (self.judgement, self.note, *self.flags.values()):
            c.disabled = not on
        self.weigher.set_disabled(not on)
        self.adder.set_disabled(not on)
        self.editor.show(None)

    def _is_objection(self, ref: NodeRef, node: object) -> bool:
        """An objection or rebuttal (the author's or the learner's own), or any statement
        that attacks something: it takes a strength."""
        if not isinstance(node, Statement):
            return False
        return node.role in (Role.OBJECTION, Role.REBUTTAL) or any(
            r.kind.is_conflict and r.source == ref for r in self._lmap.relations
        )

    def _weighable(self, ref: NodeRef, key: str) -> bool:
        """The thesis, or a statement with both a line of support and an objection:
        what the learner weighs and gives a verdict on."""
        if ref.kind is not NodeKind.STATEMENT:
            return False
        if self.map.thesis is not None and ref == NodeRef.statement(self.map.thesis.title):
            return True
        try:
            weighing = self.evaluation.weigh(key)
        except (KeyError, ValueError):
            return False
        return bool(weighing.supports and weighing.objections)

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
            make = w.Button(
                description="Make it an objection",
                icon="exclamation",
                tooltip=question,
                layout={"width": "auto", "min_width": "fit-content"},
            )
            make.on_click(lambda _, q=question: self._guard(lambda: self._objection_from(q, key)))
            rows.append(w.VBox([w.HTML(f"{i}. {_esc(question)}"), w.HBox([toggle, make])]))
        return rows

    def _objection_from(self, question: str, key: str) -> None:
        new_id = self.add("objection", f"Critical question: {question}", target=key)
        self.select(new_id)

    def _words(self, text: str) -> str:
        """Text from "what still stands" with the learner's own nodes named by their words."""
        return name_own_nodes(text, {a.id: a for a in self.annotations.added})

    def _own(self, ref: NodeRef) -> AddedNode | None:
        """The learner's own node behind ``ref``, if it is one."""
        if ref.kind is NodeKind.STATEMENT and ref.title in self._added_ids():
            return self.annotations.added_node(ref.title)
        return None

    def _show_explanation(self) -> None:
        if self.mode.value != "evaluate":
            self.explanation.value = ""
            return
        ev = self.evaluation
        summary = self._words(ev.summary())
        parts = [f"<div><b>What still stands.</b> {_esc(summary)}</div>"]
        key = self.selected_key
        if key is not None:
            with contextlib.suppress(KeyError, ValueError):
                why = self._words(ev.explain(key))
                if why.strip() and why.strip() not in summary:  # said once, not twice
                    parts.append(f"<div>{_esc(why)}</div>")
            if self.weigher.verdict_box.layout.display != "none":
                with contextlib.suppress(KeyError, ValueError):  # the weighing, line by line
                    lines = self._words(ev.weigh(key).explain()).splitlines()
                    parts.append("<div>" + "<br>".join(_esc(line) for line in lines) + "</div>")
        self.explanation.value = "".join(parts)

    # -- control callbacks ------------------------------------------------------------
    def _on_name(self, name: str) -> None:
        """Enter in the name box: start, or first go to the code box if it is empty."""
        if not name.strip():
            return
        if self.needs_code and not self.code_box.value.strip():
            self.banner.value = ""
            self.code_box.focus()
            return
        self._guard_start()

    def _guard_start(self) -> None:
        try:
            self.start(self.name_box.value)
        except ValueError as exc:
            self.banner.value = f"<div class='argmap-error'>{_esc(exc)}</div>"

    def _guard_export(self) -> None:
        try:
            self.export()
        except (ValueError, ArgmapError, OSError) as exc:
            self.export_message.value = f"<span class='argmap-error'>The PDF was not made: {_esc(exc)}</span>"

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
            self.add_feedback.value = ""
        except (ValueError, KeyError) as exc:
            self.add_feedback.value = f"<span class='argmap-error'>{_esc(exc)}</span>"
        except (AnnotationError, OSError):
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

    def _unless_syncing(self, action: Callable[[], object]) -> None:
        if not self._syncing:
            self._guard(action)

    def _on_note(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self._guard(lambda: self.set_note(change["new"]))

    def _on_add(self) -> None:
        def act() -> None:
            new_id = self.add(
                self.add_kind.value, self.add_text.value, self.add_quote.value, basis=self.add_basis.value
            )
            self.adder.clear()
            self.select(new_id)

        self._guard(act)

    def _on_edit(self) -> None:
        self._guard(lambda: self.edit(self.edit_text.value, self.edit_quote.value, self.edit_basis.value))
