"""Small exercise widgets for the teaching notebooks.

* :func:`ask`: a question whose answer can be checked (a paragraph number, a
  choice); the learner answers, presses *Check*, and gets feedback.
* :func:`reveal`: an open question; the learner writes an attempt, then reveals
  the reference answer to compare with.
* :func:`text_input`: bring a text in without code: paste it in a box or upload
  a file; it is saved beside the notebook for a map's ``source:`` line.

Each widget also has a plain-text form (its ``repr`` and the ``check`` method),
so notebooks stay meaningful under nbval and without a browser.

Once a notebook has named its learner (:func:`argmap.classroom.teaching.learner`), ``ask`` and
``reveal`` save each answer in the learner's annotation file, under the notebook and
the exercise's ``id`` (by default made from the question's words), and fill it in
again when the notebook is run another day.  Without a named learner, answers stay
in memory only.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

__all__ = ["Question", "Reveal", "TextInput", "ask", "reveal", "text_input"]


def _norm(text: str) -> str:
    """An answer as compared: spaces collapsed, case folded, and the brackets the kit
    writes titles in taken off ("[Deeds show motives]" is "Deeds show motives")."""
    norm = re.sub(r"\s+", " ", str(text)).strip().casefold()
    if len(norm) > 2 and (norm[0], norm[-1]) in (("[", "]"), ("<", ">")):
        norm = norm[1:-1].strip()
    return norm


def exercise_id(text: str) -> str:
    """An exercise's id from its question: its first words and a short hash of all of
    them, so that two questions never share an id and the id stays readable.

    >>> exercise_id("Which paragraph holds the thesis?")[:33]
    'which-paragraph-holds-the-thesis-'
    """
    words = re.sub(r"[\W_]+", "-", text.casefold()).strip("-")[:48].strip("-")
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{words}-{digest}" if words else digest


class _Saved:
    """The answer of one exercise in the named learner's file (nothing without one)."""

    def __init__(self, exercise: str, feedback: w.HTML) -> None:
        from ..classroom.teaching import current_learner

        self.learner = current_learner()
        self.exercise = exercise
        self.feedback = feedback

    def restore(self) -> str | None:
        return None if self.learner is None else self.learner.answer(self.exercise)

    def save(self, answer: object) -> None:
        if self.learner is None:
            return
        from ..errors import ArgmapError

        try:
            self.learner.save_answer(self.exercise, "" if answer is None else str(answer))
        except (ValueError, ArgmapError, OSError) as exc:
            self.feedback.value = (
                f"<span style='color:#a03800'><b>Your answer is not saved:</b> {html.escape(str(exc))}</span>"
            )


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
        id: str | None = None,
    ) -> None:
        self.question = question
        self.id = id or exercise_id(question)
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
        self.saved = _Saved(self.id, self.feedback)
        before = self.saved.restore()
        if before is not None and (not choices or before in self.input.options):
            self.input.value = before
            self.feedback.value = "<span>Your answer from last time is filled in: press Check.</span>"
        self.input.observe(lambda ch: self.saved.save(ch["new"]), "value")

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
        self,
        prompt: str,
        reference_markdown: str,
        *,
        placeholder: str = "Write your answer first…",
        id: str | None = None,
    ) -> None:
        from IPython.display import Markdown, display

        self.prompt = prompt
        self.id = id or exercise_id(prompt)
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
        self.feedback = w.HTML()
        super().__init__([head, self.attempt, self.button, self.output, self.feedback])
        self.add_class("argmap-reveal")
        self.saved = _Saved(self.id, self.feedback)
        self.attempt.value = self.saved.restore() or ""
        self.attempt.observe(lambda ch: self.saved.save(ch["new"]), "value")

    def __repr__(self) -> str:
        return f"Reveal({self.prompt!r})"


def ask(question: str, answer: Any, **kwargs: Any) -> Question:
    return Question(question, answer, **kwargs)


def reveal(prompt: str, reference_markdown: str, **kwargs: Any) -> Reveal:
    return Reveal(prompt, reference_markdown, **kwargs)


#: The largest text :class:`TextInput` takes (an article, not a book).
MAX_TEXT_BYTES = 1_000_000


def decode_text(data: bytes, name: str = "the file") -> str:
    """The text of an uploaded file, or ``ValueError`` saying what to do."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError(
            f"{name} is UTF-16 text: save it as UTF-8 (Save as → Encoding: UTF-8) and upload it again"
        )
    if b"\x00" in data[:4096]:
        raise ValueError(f"{name} is not a plain text file: save the article as .txt (UTF-8)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(
            f"{name} is not UTF-8 text (byte {e.start}): save it as UTF-8 (Save as → Encoding: UTF-8)"
        ) from None


class TextInput(w.VBox):
    """Paste an article in a box, or upload a ``.txt`` file, and save it beside the
    notebook as ``name``: no Python string to type, so quotation marks, backslashes
    and any alphabet are just text.  After *Save*, :attr:`source` holds the text."""

    def __init__(self, name: str = "pasted-text.txt", *, base_dir: str | os.PathLike[str] | None = None):
        self.name = name
        self.base_dir = base_dir
        self.source: Any = None  # argmap.checking.source.Source once saved
        self.box = w.Textarea(
            placeholder="Paste your article here (a blank line between paragraphs)…",
            layout={"width": "100%", "height": "12em"},
        )
        self.upload = w.FileUpload(accept=".txt,text/plain", multiple=False, description="Upload a .txt file")
        self.upload.layout.width = "auto"
        self.button = w.Button(description=f"Save as {name}", icon="save", button_style="primary")
        self.button.layout.width = "auto"
        self.feedback = w.HTML()
        self.button.on_click(lambda _: self._guard(lambda: self.save(self.box.value)))
        self.upload.observe(lambda _: self._guard(self._from_upload), "value")
        super().__init__([self.box, w.HBox([self.button, self.upload]), self.feedback])
        self.add_class("argmap-text-input")

    def save(self, text: str) -> Any:
        """Save ``text`` as the notebook's text file and return it as a Source."""
        from ..classroom.teaching import save_text

        if not text.strip():
            raise ValueError("the box is empty: paste your article first, or upload a .txt file")
        if len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
            raise ValueError(f"the text is over {MAX_TEXT_BYTES:,} bytes: use one article, not a whole book")
        self.source = save_text(text.replace("\r\n", "\n"), self.name, base_dir=self.base_dir)
        words = len(self.source.text.split())
        paragraphs = len(self.source.paragraphs)
        self.feedback.value = (
            f"<span style='color:#006b4f'><b>✓ Saved as {html.escape(self.name)}</b>: "
            f"{paragraphs} paragraph{'s' if paragraphs != 1 else ''}, {words:,} words. "
            f"In your map write <code>source: {html.escape(self.name)}</code>, "
            "then run the cells below.</span>"
        )
        return self.source

    def _from_upload(self) -> None:
        files = self.upload.value
        if not files:
            return
        item = files[0]
        data = bytes(item["content"])
        if len(data) > MAX_TEXT_BYTES:
            raise ValueError(
                f"{item['name']} is over {MAX_TEXT_BYTES:,} bytes: use one article, not a whole book"
            )
        self.box.value = decode_text(data, str(item["name"]))
        self.save(self.box.value)

    def _guard(self, action: Callable[[], object]) -> None:
        from ..errors import ArgmapError

        try:
            action()
        except (ValueError, ArgmapError, OSError) as exc:
            self.feedback.value = (
                f"<span style='color:#a03800'><b>Not saved:</b> {html.escape(str(exc))}</span>"
            )

    def __repr__(self) -> str:
        return f"TextInput({self.name!r})"


def text_input(name: str = "pasted-text.txt", **kwargs: Any) -> TextInput:
    """A box to paste a text into (or a file to upload), saved as ``name`` beside the notebook."""
    return TextInput(name, **kwargs)
