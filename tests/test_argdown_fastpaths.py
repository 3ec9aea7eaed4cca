"""Fast paths of the Argdown reader agree with the full reader (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.argdown import data

_TOKENS = [
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    " ",
    "  ",
    "\n",
    "\t",
    '"',
    "'",
    "\\",
    "#",
    "-",
    ".",
    "_",
    "quote",
    "basis",
    "fact",
    "3",
    "1.5",
    "1e3",
    "true",
    "Null",
    "a b",
    "x}y",
    "é",
    '"In 3 of the 18 cases"',
    "cause-to-effect",
]
_KEYS = ["quote", "basis", "a-b", "_x", "n", "1k", "k k", '"q"', "quote"]
_VALUES = [
    '"x"',
    '"a, b: {c}"',
    '"é # //"',
    "fact",
    "3",
    "-2",
    "1.5e3",
    "true",
    "NULL",
    "~",
    "a.b",
    "x#y",
    "",
    '"\\n"',
]
_SPACES = ["", " ", "  ", "\t", "\n"]
ITEM = st.tuples(
    st.sampled_from(_KEYS), st.sampled_from(_SPACES), st.sampled_from(_VALUES), st.sampled_from(_SPACES)
)
NEARLY_SIMPLE = st.lists(ITEM, max_size=4).map(
    lambda items: ",".join(f"{k}{s}:{s}{v}{t}" for k, s, v, t in items) + "}"
)
BLOCKISH = st.one_of(st.lists(st.sampled_from(_TOKENS), max_size=25).map("".join), NEARLY_SIMPLE)


def _slow(text: str, start: int, limit: int | None) -> tuple[object, int] | None:
    end = data.scan_end(text, start, limit)
    if end is None:
        return None
    try:
        return _full_loads(text[start:end]), end
    except data.DataError:
        return None


def _full_loads(block: str) -> dict[str, object]:
    """``data.loads`` without its fast path."""
    r = data._Reader(block)
    r.skip_ws()
    if r.peek() != "{":
        raise r.error("a data block starts with '{'")
    out = r.mapping()
    r.skip_ws()
    if r.pos < len(block):
        raise r.error(f"unexpected {block[r.pos]!r} after the data block")
    return out


@settings(max_examples=3000, deadline=None)
@given(st.text(max_size=5), BLOCKISH, st.text(max_size=5), st.booleans())
def test_simple_block_agrees_with_the_full_reader(before: str, block: str, after: str, limited: bool) -> None:
    text = before + "{" + block + after
    start = len(before)
    limit = len(text) - len(after) if limited else None
    fast = data.simple_block(text, start, limit)
    if fast is None:
        return  # not simple: the caller takes the full reader
    assert _slow(text, start, limit) == fast
    assert data.loads(text[start : fast[1]]) == fast[0]


@settings(max_examples=3000, deadline=None)
@given(BLOCKISH)
def test_loads_is_unchanged_by_the_fast_path(block: str) -> None:
    text = "{" + block
    try:
        expected: object = _full_loads(text)
    except data.DataError as exc:
        expected = ("error", exc.message, exc.offset)
    try:
        got: object = data.loads(text)
    except data.DataError as exc:
        got = ("error", exc.message, exc.offset)
    assert got == expected


# -- the parser's fast path for plain lines -------------------------------------------------------

_LINE_TOKENS = [
    "[A]",
    "[B]",
    "[ ]",
    "<A>",
    "<a/>",
    "</b>",
    "<x=1>",
    ":",
    ": ",
    "text",
    " more text ",
    "*",
    "_",
    "**",
    "#tag",
    " #t-2",
    "#(two words)",
    "#é",
    "C# ",
    "@[A]",
    "[l](http://x)",
    "\\[",
    "{a: 1}",
    '{q: "x} y"}',
    "{a: 1, a: 2}",
    "{b: [1, 2]}",
    "{",
    "}",
    " ",
    "\t",
    "(1)",
]
_LINE = st.lists(st.sampled_from(_LINE_TOKENS), min_size=1, max_size=8).map("".join)
_PREFIX = st.sampled_from(["", "  + ", "  - ", "  >< ", "  <_ ", "(1) ", "* "])


def _both_ways(text: str) -> tuple[object, object]:
    """The parse of ``text`` as it is, and with the plain-line fast path switched off."""
    from unittest import mock

    from argmap.argdown import parse
    from argmap.argdown.elements import ElementReader

    def key(result: tuple[object, list]) -> tuple[object, list[tuple[object, ...]]]:  # type: ignore[type-arg]
        m, diagnostics = result
        return m, [(d.code, d.location, d.message, d.hint, d.severity) for d in diagnostics]

    fast = key(parse(text))
    with mock.patch.object(ElementReader, "plain_element", lambda self, *args: None):
        slow = key(parse(text))
    return fast, slow


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_PREFIX, _LINE), min_size=1, max_size=4))
def test_plain_lines_read_alike_on_the_fast_path(lines: list[tuple[str, str]]) -> None:
    text = "[Top]: top\n" + "\n".join(p + line for p, line in lines) + "\n\n(1) [P]: p\n----\n(2) c\n"
    fast, slow = _both_ways(text)
    assert fast == slow


def test_plain_lines_read_alike_on_maps() -> None:
    import sys
    from pathlib import Path

    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here.parent / "benchmarks"))
    from generate import make_map

    texts = [make_map(300, seed=3)]
    texts += [p.read_text(encoding="utf-8") for p in sorted((here / "data").rglob("*.argdown"))]
    assert len(texts) > 30
    for text in texts:
        fast, slow = _both_ways(text)
        assert fast == slow
