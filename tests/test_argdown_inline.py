"""Inline text as Argdown reads it: bold, italic, links, shortcodes, escapes (argdown.inline)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.argdown import parse
from argmap.argdown.inline import Span, escape, plain, spans, unclosed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a **b** c", [Span("a "), Span("b", bold=True), Span(" c")]),
        ("a __b__ c", [Span("a "), Span("b", bold=True), Span(" c")]),
        ("a *b* c", [Span("a "), Span("b", italic=True), Span(" c")]),
        ("a _b_, c", [Span("a "), Span("b", italic=True), Span(", c")]),
        ("**b *i***", [Span("b ", bold=True), Span("i", bold=True, italic=True)]),
        (
            "see [the study](https://example.org/s).",
            [Span("see "), Span("the study", link="https://example.org/s"), Span(".")],
        ),
        ("2 * 3 = 6", [Span("2 * 3 = 6")]),
        ("a ** b", [Span("a  b")]),  # Argdown: an empty italic
        ("\\*not italic\\*", [Span("*not italic*")]),
    ],
    ids=[
        "bold",
        "bold-underscores",
        "italic",
        "italic-underscore",
        "nested",
        "link",
        "times",
        "empty",
        "escaped",
    ],
)
def test_spans(text: str, expected: list[Span]) -> None:
    assert list(spans(text)) == expected
    assert unclosed(text) == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("p .->. q", "p \u2192 q"),
        ("p :->: q", "p \u2192 q"),
        ("p .^. q .v. r", "p \u2227 q \u2228 r"),
        (".~.p", "\u00acp"),
        ("I :heart: maps", "I \u2764 maps"),
        ("e.g. this, 10:30:00", "e.g. this, 10:30:00"),  # not shortcodes: left alone
    ],
)
def test_shortcodes_are_substituted_as_argdown_does(text: str, shown: str) -> None:
    assert plain(text) == shown


@pytest.mark.parametrize(
    ("text", "where"), [("some **bold text", [5]), ("snake_case here", [5]), ("*a", [0])]
)
def test_unclosed_markers_are_shown_as_written_and_found(text: str, where: list[int]) -> None:
    assert plain(text) == text
    assert unclosed(text) == where


def test_the_parser_warns_where_argdown_would_refuse_the_text() -> None:
    _, diagnostics = parse("[A]: some **bold text\n")
    assert [(d.code, d.is_error) for d in diagnostics] == [("argdown-incompatible", False)]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_escape_shows_any_text_as_it_is(text: str) -> None:
    assert plain(escape(text)) == text
    assert unclosed(escape(text)) == []
