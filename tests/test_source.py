"""Source texts: paragraphs, normalised quote matching, hints, highlighted HTML."""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.checking.source import (
    CONTEXT,
    MAX_SOURCE_BYTES,
    Source,
    SourceError,
    anchor_quotes,
    highlight_html,
    normalise,
)
from argmap.errors import Location, Severity
from argmap.model import Anchor, ArgumentMap, Statement

ROOT = Path(__file__).resolve().parent.parent
OPED = ROOT / "notebooks" / "russia-iran-oped.txt"
CAPTION = (
    "RUSSIAN PRESIDENT Vladimir Putin meets with Iranian President Ebrahim Raisi in Moscow, in December."
)


@pytest.fixture(scope="module")
def oped() -> Source:
    return Source.from_path(OPED)


# -- normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u201cstrategic alliance\u201d", '"strategic alliance"'),
        ("Iran\u2019s", "Iran's"),
        ("\u00abbonjour\u00bb", '"bonjour"'),
        ("a \u2013 b \u2014 c \u2012 d \u2212 e \u2010 f", "a - b - c - d - e - f"),
        ("one\n\n  two\tthree", "one two three"),
        ("non\u00a0breaking", "non breaking"),
        ("\ufb01nal", "final"),
        ("e\u0301t\u00e9", "\u00e9t\u00e9"),
        ("soft\u00adhyphen", "softhyphen"),
    ],
    ids=[
        "curly-double",
        "curly-apostrophe",
        "guillemets",
        "dashes",
        "white-space",
        "nbsp",
        "ligature",
        "combining",
        "soft-hyphen",
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


# -- paragraphs -------------------------------------------------------------------------------


def test_oped_paragraphs_are_blocks_between_blank_lines(oped: Source) -> None:
    paragraphs = oped.paragraphs
    assert len(paragraphs) == 21
    assert [p.number for p in paragraphs] == list(range(1, 22))
    assert paragraphs[0].text.startswith("Over the past decade")
    assert paragraphs[1].text.startswith("Both Russia and Iran are reeling")


@pytest.mark.parametrize(
    ("number", "heading"),
    [(4, "Historical mistrust between Russia and Iran"), (10, "Rivalry between the countries")],
    ids=["historical-mistrust", "rivalry"],
)
def test_headings_count_as_paragraphs(oped: Source, number: int, heading: str) -> None:
    assert oped.paragraph(number).text == heading


def test_the_doubled_caption_is_one_paragraph(oped: Source) -> None:
    caption = oped.paragraph(7)
    assert caption.text.count(CAPTION) == 2
    assert "\n" in caption.text


def test_paragraph_at(oped: Source) -> None:
    second = oped.paragraph(2)
    assert oped.paragraph_at(0) == 1
    assert oped.paragraph_at(second.start) == 2
    assert oped.paragraph_at(second.end - 1) == 2
    assert oped.paragraph_at(second.end + 1) == 2  # the blank line after it
    assert oped.paragraph_at(len(oped.text)) == 21


def test_paragraph_out_of_range(oped: Source) -> None:
    with pytest.raises(IndexError, match="21 paragraphs"):
        oped.paragraph(22)


@pytest.mark.parametrize(
    "text",
    ["a\n\nb\n\nc", "a\r\n\r\nb\r\n\r\nc", "\n\n a \n \n\t\nb\n\n\n\nc\n", "a\n   \nb\n\u00a0\nc"],
    ids=["lf", "crlf", "ragged-blank-lines", "spaces-on-blank-lines"],
)
def test_paragraph_splitting(text: str) -> None:
    assert [p.text for p in Source(text).paragraphs] == ["a", "b", "c"]


# -- finding quotes -----------------------------------------------------------------------------


def test_typed_quote_matches_typeset_text(oped: Source) -> None:
    """Straight quotes and a hyphen match the text's curly quotes and en dashes."""
    (anchor,) = oped.find("overlapping - though far from identical - geopolitical interests")
    assert anchor.exact == "overlapping \u2013 though far from identical \u2013 geopolitical interests"
    assert oped.text[anchor.start : anchor.end] == anchor.exact
    assert anchor.paragraph == 1
    assert anchor.prefix == oped.text[anchor.start - CONTEXT : anchor.start]
    assert anchor.suffix.startswith(".\n\nBoth Russia")


@pytest.mark.parametrize(
    ("quote", "exact", "paragraph"),
    [
        ('"strategic alliance"', "\u201cstrategic alliance\u201d", 1),
        ("Iran's Shahed-136 drones", "Iran\u2019s Shahed-136 drones", 2),
        ('champions of a "multi-polar world,"', "champions of a \u201cmulti-polar world,\u201d", 3),
        ("Rivalry between the countries", "Rivalry between the countries", 10),
        ("the   same buyers\n-particularly China", "the same buyers \u2013particularly China", 11),
        ("both Russia and Iran are reeling", "Both Russia and Iran are reeling", 2),
    ],
    ids=["curly-quotes", "apostrophe", "quote-in-quote", "heading", "line-break-and-dash", "case-fallback"],
)
def test_find(oped: Source, quote: str, exact: str, paragraph: int) -> None:
    (anchor,) = oped.find(quote)
    assert (anchor.exact, anchor.paragraph) == (exact, paragraph)


def test_case_sensitive_match_wins_over_folded() -> None:
    src = Source("The cat. the cat.")
    assert [a.start for a in src.find("the cat")] == [9]
    assert [a.start for a in src.find("THE CAT")] == [0, 9]


@pytest.mark.parametrize(
    ("quote", "exact"),
    [
        (
            "Both Russia \u2026 sanctions",
            "Both Russia and Iran are reeling under heavy international sanctions",
        ),
        ("Both Russia ... sanctions", "Both Russia and Iran are reeling under heavy international sanctions"),
        (
            "Both Russia [...] heavy \u2026 sanctions",
            "Both Russia and Iran are reeling under heavy international sanctions",
        ),
        ("\u2026reeling under heavy international sanctions", "reeling under heavy international sanctions"),
        ("reeling under heavy international sanctions...", "reeling under heavy international sanctions"),
    ],
    ids=["unicode-ellipsis", "three-dots", "bracketed-and-two-gaps", "leading", "trailing"],
)
def test_ellipses_elide_words_within_a_paragraph(oped: Source, quote: str, exact: str) -> None:
    (anchor,) = oped.find(quote)
    assert anchor.exact == exact
    assert anchor.paragraph == 2


@pytest.mark.parametrize(
    "quote",
    ["sanctions \u2026 Both Russia", "geopolitical interests \u2026 Both Russia and Iran"],
    ids=["wrong-order", "across-paragraphs"],
)
def test_elided_quote_must_keep_order_and_paragraph(oped: Source, quote: str) -> None:
    assert oped.find(quote) == []


def test_every_occurrence_is_found(oped: Source) -> None:
    anchors = oped.find(CAPTION)
    assert len(anchors) == 2
    assert [a.paragraph for a in anchors] == [7, 7]
    assert anchors[0].start < anchors[1].start


def test_quote_not_in_text(oped: Source) -> None:
    assert oped.find("reeling under sanctions") == []
    assert oped.find("") == []
    assert oped.find(" \u2026 ") == []


def test_offsets_survive_expanding_characters() -> None:
    """NFKC turns one character into several (ﬁ → fi); offsets still point at the original."""
    src = Source("A \ufb01ne \u201cday\u201d \u2026 really.")
    (anchor,) = src.find('fine "day"')
    assert anchor.exact == "\ufb01ne \u201cday\u201d"
    assert (anchor.start, anchor.end) == (2, 11)


# -- the closest passage -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "paragraph", "passage"),
    [
        ("reeling under sanctions", 2, "reeling under heavy international sanctions"),
        ("\u2026reeling under sanctions", 2, "reeling under heavy international sanctions"),
        (
            "a partnership of convenience not of conviction",
            20,
            "a partnership of convenience, not conviction",
        ),
        ("Iran does not fully trust Russia", 18, "Iran doesn\u2019t fully trust Russia"),
        ("their shared hostility towards the US", 3, "shared hostility toward the US"),
    ],
    ids=["missing-words", "leading-ellipsis", "extra-word", "contraction", "spelling"],
)
def test_closest(oped: Source, quote: str, paragraph: int, passage: str) -> None:
    number, found = oped.closest(quote)
    assert number == paragraph
    assert passage in found
    assert len(found) < len(passage) + 40, found


def test_closest_marks_cut_passages(oped: Source) -> None:
    assert oped.closest("reeling under sanctions") == (
        2,
        "\u2026reeling under heavy international sanctions\u2026",
    )


def test_closest_in_an_empty_source() -> None:
    assert Source("").closest("anything") == (0, "")


def test_closest_with_no_word_in_common_still_answers(oped: Source) -> None:
    number, passage = oped.closest("zzz qqq")
    assert 1 <= number <= 21 and passage


# -- reading files ---------------------------------------------------------------------------


def test_from_path_tolerates_bom_and_crlf(tmp_path: Path) -> None:
    f = tmp_path / "t.txt"
    f.write_bytes("\ufeffFirst \u2013 one.\r\n\r\nSecond.\r\n".encode())
    src = Source.from_path(f)
    assert src.name == "t.txt"
    assert src.text.startswith("First")
    assert [p.text for p in src.paragraphs] == ["First \u2013 one.", "Second."]
    assert src.find("First - one")[0].exact == "First \u2013 one."[:-1]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.mkdir(), "not a regular file"),
        (lambda p: p.write_bytes(b"caf\xe9 au lait"), "not UTF-8"),
        (lambda p: p.write_bytes(b"x" * (MAX_SOURCE_BYTES + 1)), "too large"),
    ],
    ids=["missing", "directory", "latin-1", "too-large"],
)
def test_from_path_refuses_clearly(tmp_path: Path, make: object, message: str) -> None:
    p = tmp_path / "text.txt"
    make(p)  # type: ignore[operator]
    with pytest.raises(SourceError, match=message):
        Source.from_path(p)


def test_source_text_must_be_str() -> None:
    with pytest.raises(TypeError):
        Source(b"bytes")  # type: ignore[arg-type]


# -- anchoring a map's quotes -------------------------------------------------------------------


def _map(*quotes: tuple[str, str | None], path: str | None = "case.argdown") -> ArgumentMap:
    return ArgumentMap(
        statements=tuple(
            Statement(title, "text", data={"quote": q} if q is not None else {}, location=Location(i + 3, 1))
            for i, (title, q) in enumerate(quotes)
        ),
        path=path,
    )


def test_anchor_quotes_sets_anchors(oped: Source) -> None:
    m = _map(("Overlap", "overlapping - though far from identical - geopolitical interests"), ("Plain", None))
    anchored, diagnostics = anchor_quotes(m, oped)
    assert diagnostics == []
    anchor = anchored.statement("Overlap").anchor
    assert (
        anchor == oped.find("overlapping \u2013 though far from identical \u2013 geopolitical interests")[0]
    )
    assert anchor is not None and anchor.paragraph == 1
    assert anchored.statement("Plain").anchor is None
    assert m.statement("Overlap").anchor is None, "the input map is not changed"


def test_misquote_is_an_error_naming_the_closest_passage(oped: Source) -> None:
    anchored, diagnostics = anchor_quotes(
        _map(("Found", "Both Russia"), ("Sanctions", "reeling under sanctions")), oped
    )
    (d,) = diagnostics
    assert d.code == "quote-not-in-source"
    assert d.severity is Severity.ERROR
    assert d.location == Location(4, 1)
    assert d.path == "case.argdown"
    assert '"reeling under sanctions"' in d.message and "russia-iran-oped.txt" in d.message
    assert d.hint == 'closest passage, paragraph 2: "\u2026reeling under heavy international sanctions\u2026"'
    assert anchored.statement("Sanctions").anchor is None
    assert anchored.statement("Found").anchor is not None


def test_misquote_format_reads_like_the_house_example(oped: Source) -> None:
    _, (d,) = anchor_quotes(_map(("Sanctions", "\u2026reeling under sanctions")), oped)
    assert d.format() == (
        'case.argdown:3:1: error[quote-not-in-source]: the quote "\u2026reeling under sanctions" of '
        "[Sanctions] is not in russia-iran-oped.txt\n"
        '  hint: closest passage, paragraph 2: "\u2026reeling under heavy international sanctions\u2026"'
    )


def test_duplicated_caption_is_ambiguous(oped: Source) -> None:
    anchored, (d,) = anchor_quotes(_map(("Caption", CAPTION)), oped)
    assert d.code == "ambiguous-quote"
    assert d.severity is Severity.WARNING
    assert "stands 2 times in russia-iran-oped.txt, all in paragraph 7" in d.message
    anchor = anchored.statement("Caption").anchor
    assert anchor is not None and anchor == oped.find(CAPTION)[0]


def test_ambiguous_quote_in_several_paragraphs() -> None:
    src = Source("Yes we can.\n\nYes we can. Yes we can.\n\nNo.")
    _, (d,) = anchor_quotes(_map(("Q", "Yes we can")), src)
    assert d.message.endswith("stands 3 times in <source>, once in paragraph 1, 2 times in paragraph 2")


@pytest.mark.parametrize(
    ("quote", "hint_part"),
    [
        ("sanctions \u2026 Both Russia", "not in this order"),
        ("Both Russia \u2026 flying saucers", 'the part "flying saucers" is not'),
        ("   ", "exact words"),
        ("The weather in Paris is lovely in spring", "nothing in russia-iran-oped.txt comes close"),
    ],
    ids=["parts-out-of-order", "missing-part", "blank", "wrong-text"],
)
def test_problem_quotes_get_specific_hints(oped: Source, quote: str, hint_part: str) -> None:
    _, (d,) = anchor_quotes(_map(("Q", quote)), oped)
    assert d.code == "quote-not-in-source"
    assert d.hint is not None and hint_part in d.hint


def test_anchoring_many_quotes(oped: Source) -> None:
    """A 300-quote map: every found quote is anchored exactly, every misquote reported."""
    words = oped.text.split()
    quotes = []
    for k in range(300):
        chunk = words[(k * 7) % (len(words) - 10) :][:8]
        if k % 3 == 0:
            del chunk[4]  # a misquote: a word left out
        quotes.append((f"S{k}", " ".join(chunk)))
    anchored, diagnostics = anchor_quotes(_map(*quotes), oped)
    missing = {d.location.line - 3 for d in diagnostics if d.code == "quote-not-in-source"}
    for k, (title, quote) in enumerate(quotes):
        anchor = anchored.statement(title).anchor
        if k in missing:
            assert anchor is None
        else:
            assert anchor is not None and normalise(anchor.exact) == normalise(quote), title
    assert len(missing) >= 90


# -- highlighted HTML -------------------------------------------------------------------------


class _Collect(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.marks: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "mark":
            self.marks.append(dict(attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_highlight_escapes_everything() -> None:
    src = Source('<script>alert("x")</script> & <b onclick="evil()">bold</b>\n\nSecond.')
    title = '"><img src=x onerror=alert(1)>'
    out = highlight_html(src, {title: src.find("bold")})
    assert "<script" not in out and "<img" not in out and "<b " not in out
    parsed = _Collect()
    parsed.feed(out)
    assert set(parsed.tags) <= {"div", "p", "span", "mark", "br"}
    assert parsed.marks == [{"data-title": title, "title": title}]
    assert 'alert("x")' in "".join(parsed.text)


def test_highlight_numbers_paragraphs_and_marks_quotes(oped: Source) -> None:
    anchors = {"Overlap": oped.find("overlapping - though far from identical")[0]}
    out = highlight_html(oped, anchors)
    assert out.count("<p data-paragraph=") == 21
    assert '<p data-paragraph="10"><span class="argmap-paragraph-number">10</span> Rivalry' in out
    assert (
        '<mark data-title="Overlap" title="Overlap">overlapping \u2013 though far from identical</mark>'
        in out
    )


def test_highlight_nests_overlapping_quotes() -> None:
    src = Source("one two three four five")
    out = highlight_html(src, {"A": src.find("one two three"), "B": src.find("three four")[0]})
    assert (
        '<mark data-title="A" title="A">one two </mark>'
        '<mark data-title="A" title="A"><mark data-title="B" title="B">three</mark></mark>'
        '<mark data-title="B" title="B"> four</mark> five'
    ) in out


def test_highlight_refuses_foreign_anchors() -> None:
    with pytest.raises(ValueError, match="outside"):
        highlight_html(Source("short"), {"X": Anchor("x", "", "", 3, 99, 1)})


def _reference_normalise(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The plain character-by-character normalisation the fast path must equal."""
    import unicodedata

    from argmap.checking.source import _IGNORED, _piece

    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n, space = 0, len(text), False
    while i < n:
        j = i + 1
        while j < n and text[j] >= "\u0300" and unicodedata.combining(text[j]):
            j += 1
        for c in _piece(text[i:j]):
            if c.isspace():
                if space:
                    ends[-1] = j
                    continue
                c, space = " ", True
            elif c in _IGNORED:
                continue
            else:
                space = False
            out.append(c)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), tuple(starts), tuple(ends)


_TRICKY = "ab Z.\n\t\u00a0\u2013\u2014\u201c\u201d\u2019e\u0301\u00ad\u200bфع"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY)))
def test_fast_normalisation_equals_the_plain_loop(text: str) -> None:
    from argmap.checking.source import _normalise

    view = _normalise(text)
    assert (view.text, view.starts, view.ends) == _reference_normalise(text)


# -- the quote matcher on any text: never a crash ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Cats sleep all day and dogs bark at night", "owls bark at night loudly"),
        ("Sanctions", "heavy sanctions"),
        ("One.\n\nTwo words", "three words"),
        ("alpha beta gamma", "gamma"),
    ],
    ids=["best-match-at-the-end", "one-word-text", "last-paragraph-short", "last-word"],
)
def test_a_misquote_matching_the_end_of_the_text_gets_a_hint(text: str, quote: str) -> None:
    m = ArgumentMap(statements=(Statement("E", data={"quote": quote}),))
    _, found = anchor_quotes(m, Source(text, "t.txt"))
    if Source(text).find(quote):
        assert found == []
    else:
        (d,) = found
        assert d.code == "quote-not-in-source" and "closest passage" in (d.hint or "")


_WORDS = st.sampled_from(["the", "war", "Iran", "Russia", "sanctions", "x", "a.", "“b”", "–", "…", "..."])
_TEXTS = st.lists(st.one_of(_WORDS, st.sampled_from([" ", "\n", "\n\n", "\t"])), max_size=40).map("".join)
_QUOTES = st.one_of(st.lists(_WORDS, min_size=0, max_size=12).map(" ".join), st.text(max_size=30))


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, quote=_QUOTES)
def test_quote_matcher_fuzz(text: str, quote: str) -> None:
    """Any text, any quote: find/closest/anchor_quotes answer, the passage comes from
    the text (never from elsewhere), and a found quote is anchored on its words."""
    source = Source(text, "t.txt")
    anchors = source.find(quote)
    for a in anchors:
        assert 0 <= a.start <= a.end <= len(source.text)
        assert a.exact == source.text[a.start : a.end]
    number, passage = source.closest(quote)
    assert 0 <= number <= len(source.paragraphs)
    flat = " ".join(source.text.split())
    assert passage.strip("…").rstrip(",;:.") in flat
    _, found = anchor_quotes(ArgumentMap(statements=(Statement("E", data={"quote": quote}),)), source)
    assert all(d.code in ("quote-not-in-source", "ambiguous-quote") for d in found)
