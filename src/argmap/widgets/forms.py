"""The workbench's forms, one family of controls each: flags with their meaning,
weighing (an objection's strength, a verdict with its reason), adding a node of the
learner's own, and changing or removing one.

They hold controls and their look only; :class:`~argmap.widgets.Annotator` owns the
learner's file and wires the buttons to its changes.
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..annotations import FLAGS, AddedNode
from ..judge.evaluate import STRENGTHS, VERDICTS
from ..model import Basis

__all__ = ["BASES", "AddForm", "FlagsBox", "OwnNodeForm", "WeighForm"]

#: The basis a piece of evidence may name, as (label, value), after "not said".
BASES = [("— basis?", ""), *[(b.label, b.value) for b in Basis]]


def _shown(widget: w.Widget, on: bool) -> None:
    widget.layout.display = None if on else "none"


class FlagsBox(w.Accordion):
    """The flags, folded: each a checkbox with its one-line meaning under it."""

    def __init__(self) -> None:
        self.boxes = {
            name: w.Checkbox(
                value=False,
                description=name.replace("-", " "),
                tooltip=text,
                indent=False,
                layout={"width": "auto"},
            )
            for name, text in FLAGS.items()
        }
        rows = [
            w.VBox(
                [
                    box,
                    w.HTML(
                        f"<small>{html.escape(FLAGS[name])}</small>", layout={"margin": "0 0 0.4em 1.6em"}
                    ),
                ]
            )
            for name, box in self.boxes.items()
        ]
        super().__init__(children=[w.VBox(rows)], titles=("Flags: what bothers you",))
        self.selected_index = None


class WeighForm(w.VBox):
    """The learner's weighing of the selected node: for an objection, how much it
    weighs; for the thesis (or another statement with reasons for and against), a
    verdict and the reason in the learner's own words.  Each part shows only where it
    applies."""

    def __init__(self) -> None:
        self.strength = w.ToggleButtons(
            options=[("— not rated", ""), *[(s, s) for s in STRENGTHS]],
            value="",
            description="Weighs",
            tooltips=["not rated yet", *STRENGTHS.values()],
        )
        self.verdict = w.ToggleButtons(
            options=[("— no verdict", ""), *[(v, v) for v in VERDICTS]],
            value="",
            description="Verdict",
        )
        self.reason = w.Textarea(
            placeholder="Your reason for the verdict, in your own words…",
            layout={"width": "100%", "height": "4em"},
        )
        self.verdict_box = w.VBox(
            [
                w.HTML("<b>Your verdict</b> <small>after weighing what stands for and against it</small>"),
                self.verdict,
                self.reason,
            ]
        )
        super().__init__([self.strength, self.verdict_box])
        self.show(strength=False, verdict=False)

    def show(self, *, strength: bool, verdict: bool) -> None:
        _shown(self.strength, strength)
        _shown(self.verdict_box, verdict)

    def set_disabled(self, off: bool) -> None:
        for c in (self.strength, self.verdict, self.reason):
            c.disabled = off


class AddForm(w.VBox):
    """Add a node of the learner's own to the selected node; the quote and the basis
    show only for evidence."""

    def __init__(self) -> None:
        self.kind = w.Dropdown(description="Add", options=[])
        self.text = w.Textarea(placeholder="Text of your node", layout={"width": "100%", "height": "3.5em"})
        self.quote = w.Text(placeholder="Quote from the text (for evidence)", layout={"width": "100%"})
        self.basis = w.Dropdown(description="Basis", options=BASES, value="")
        self.button = w.Button(description="Add to the map", icon="plus", layout={"width": "auto"})
        super().__init__([self.kind, self.text, self.quote, self.basis, self.button])
        self.kind.observe(lambda _: self.show_fields(), "value")

    def show_fields(self) -> None:
        evidence = self.kind.value == "evidence"
        _shown(self.quote, evidence)
        _shown(self.basis, evidence)

    def clear(self) -> None:
        self.text.value = ""
        self.quote.value = ""
        self.basis.value = ""

    def set_disabled(self, off: bool) -> None:
        for c in (self.kind, self.text, self.quote, self.basis, self.button):
            c.disabled = off


class OwnNodeForm(w.VBox):
    """Change the words (and, for evidence, the quote and basis) of one of the
    learner's own nodes, or remove it.  Hidden for the author's nodes."""

    def __init__(self) -> None:
        self.text = w.Textarea(layout={"width": "100%", "height": "3.5em"})
        self.quote = w.Text(placeholder="Quote from the text", layout={"width": "100%"})
        self.basis = w.Dropdown(description="Basis", options=BASES, value="")
        self.save_button = w.Button(description="Save my changes", icon="check", layout={"width": "auto"})
        self.remove_button = w.Button(
            description="Remove my node", icon="trash", button_style="warning", layout={"width": "auto"}
        )
        super().__init__(
            [
                w.HTML("<b>Your node</b>"),
                self.text,
                self.quote,
                self.basis,
                w.HBox([self.save_button, self.remove_button]),
            ]
        )
        self.show(None)

    def show(self, own: AddedNode | None, can_save: bool = False) -> None:
        """Fill the form with ``own`` (or hide it when the node is not the learner's)."""
        _shown(self, own is not None)
        self.remove_button.disabled = own is None or not can_save
        if own is None:
            return
        self.text.value = own.text
        self.quote.value = own.quote or ""
        self.basis.value = own.basis or ""
        _shown(self.quote, own.kind == "evidence")
        _shown(self.basis, own.kind == "evidence")
        self.save_button.disabled = not can_save
