"""Small exercise widgets for the teaching notebooks.

* :func:`ask`: a question whose answer can be checked (a paragraph number, a
  choice); the learner answers, presses *Check*, and gets feedback.
* :func:`reveal`: an open question; the learner writes an attempt, then reveals
  the reference answer to compare with.

Each widget also has a plain-text form (its ``repr`` and the ``check`` method),
so notebooks stay meaningful under nbval and without a browser.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

__all__ = ["Question", "Reveal", "ask", "reveal"]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


class Question(w.VBox):
    """A checked exercise: ``Question("Which paragraph holds the thesis?", 20)``."""

    def __init__(
        self,
        question: str,
        answer: Any,
        *,
        choices: Sequence[str] | None = None,
        check: Callable[[str], bool] | None = None,
        hint: str | None = None,
        explanation: str | None = None,
    ) -> None:
        self.question = question
        self.answer = answer
        self._check = check
        self.hint = hint
        self.explanation = explanation
        prompt = w.HTML(f"<b>Exercise.</b> {html.escape(question)}")
        if choices:
            self.input: w.ValueWidget = w.RadioButtons(
                options=list(choices), value=None, layout={"width": "auto"}
            )
        else:
            self.input = w.Text(placeholder="your answer", layout={"width": "18em"})
        self.button = w.Button(description="Check", button_style="primary", icon="check")
        self.feedback = w.HTML()
        self.button.on_click(lambda _: self._show())
        super().__init__([prompt, w.HBox([self.input, self.button]), self.feedback])
        self.add_class("argmap-question")

    def check(self, given: Any) -> bool:
        """Is ``given`` a right answer?"""
        if given is None or str(given).strip() == "":
            return False
        if self._check is not None:
            return bool(self._check(str(given)))
        if isinstance(self.answer, (list, tuple, set, frozenset)):
            return any(_norm(given) == _norm(a) for a in self.answer)
        return _norm(given) == _norm(self.answer)

    def _show(self) -> None:
        given = self.input.value
        if given is None or str(given).strip() == "":
            self.feedback.value = "<span>Type or choose an answer first.</span>"
            return
        if self.check(given):
            extra = f" {html.escape(self.explanation)}" if self.explanation else ""
            self.feedback.value = f"<span style='color:#006b4f'><b>✓ Right.</b>{extra}</span>"
        else:
            tip = f" Hint: {html.escape(self.hint)}" if self.hint else " Look again and try once more."
            self.feedback.value = f"<span style='color:#a03800'><b>✗ Not quite.</b>{tip}</span>"

    def __repr__(self) -> str:
        return f"Question({self.question!r})"


class Reveal(w.VBox):
    """An open exercise: write your own answer, then compare with the reference."""

    def __init__(
        self, prompt: str, reference_markdown: str, *, placeholder: str = "Write your answer first…"
    ) -> None:
        from IPython.display import Markdown, display

        self.prompt = prompt
        self.reference = reference_markdown
        self.attempt = w.Textarea(placeholder=placeholder, layout={"width": "100%", "height": "5em"})
        self.button = w.Button(description="Show the reference answer", icon="eye")
        self.output = w.Output()

        def show(_: object) -> None:
            self.output.clear_output()
            with self.output:
                if not self.attempt.value.strip():
                    display(Markdown("*Try it yourself first: write your answer above, then look.*"))
                display(Markdown(self.reference))
            self.button.description = "Reference answer shown"

        self.button.on_click(show)
        head = w.HTML(f"<b>Exercise.</b> {html.escape(prompt)}")
        super().__init__([head, self.attempt, self.button, self.output])
        self.add_class("argmap-reveal")

    def __repr__(self) -> str:
        return f"Reveal({self.prompt!r})"


def ask(question: str, answer: Any, **kwargs: Any) -> Question:
    return Question(question, answer, **kwargs)


def reveal(prompt: str, reference_markdown: str, **kwargs: Any) -> Reveal:
    return Reveal(prompt, reference_markdown, **kwargs)
