"""Fast paths of the DOT builder agree with their plain versions (Hypothesis)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import text as textmod

WORDS = st.lists(
    st.one_of(
        st.sampled_from(["a", "of", "partnership", "x" * 12, "&", "<b>", '"q"', "\\N", "é", "…", "-"]),
        st.text(min_size=1, max_size=15),
    ),
    max_size=30,
)
SEPARATORS = st.sampled_from([" ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2028"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(WORDS)
    clean = draw(st.booleans())  # half the texts have single spaces only (the fast path)
    out = draw(st.sampled_from(["", " "]))
    for w in words:
        out += (" ".join(w.split()) or "w") + " " if clean else w + draw(SEPARATORS)
    return out if draw(st.booleans()) else out.strip(" ")


_ENTITIES: dict[str, str | int | None] = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "]": "&#93;",
}


def _html_reference(text: str) -> str:
    out = text.translate(str.maketrans(_ENTITIES))
    return re.sub(r"\\(?=[NGETHL])", "\\\\\u2060", out)


@settings(max_examples=2000, deadline=None)
@given(texts(), st.integers(-2, 60))
def test_wrap_text_agrees_with_the_word_loop(text: str, width: int) -> None:
    assert textmod.wrap_text(text, width) == textmod._wrap_words(text.split(), max(width, 4))


@settings(max_examples=1000, deadline=None)
@given(st.one_of(texts(), st.text()))
def test_html_text_agrees_with_translate(text: str) -> None:
    assert textmod.html_text(text) == _html_reference(text)


@settings(max_examples=1000, deadline=None)
@given(texts(), st.integers(4, 60))
def test_wrapped_lines_are_escaped_line_by_line(raw: str, width: int) -> None:
    text_ = textmod.clean_text(raw)
    expected = (
        _html_reference(text_)
        if len(text_) <= width
        else '<BR ALIGN="LEFT"/>'.join(_html_reference(line) for line in textmod.wrap_text(text_, width))
    )
    assert textmod.lines_html(text_, width) == expected
