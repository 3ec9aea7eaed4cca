"""The ``{key: value}`` data blocks of Argdown: a small YAML-flow subset.

Parsed by hand (never ``eval``): maps, lists, double-quoted strings with
escapes, single-quoted strings, numbers, ``true``/``false``, ``null`` and plain
scalars.

>>> loads('{basis: expert, n: 3, tags: [a, "b c"], ok: true}')
{'basis': 'expert', 'n': 3, 'tags': ['a', 'b c'], 'ok': True}
>>> dumps({'quote': 'say "hi"', 'uses': [1, 2]})
'{quote: "say \\\\"hi\\\\"", uses: [1, 2]}'
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

__all__ = ["DataError", "dumps", "dumps_key", "dumps_value", "loads", "loads_value", "merge", "scan_end"]


class DataError(ValueError):
    """A data block is malformed; ``offset`` is where, in the text given."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.message = message
        self.offset = offset


_INT = re.compile(r"[-+]?[0-9]+\Z")
_BASED_INT = re.compile(r"0(?:x[0-9a-fA-F]+|o[0-7]+)\Z")
#: An integer with more digits than this stays text (Python's int() refuses very long ones).
MAX_INT_DIGITS = 1000
#: Data blocks may nest this deep; deeper is a DataError, not a RecursionError.
MAX_DEPTH = 64
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)\Z")
_ESCAPES = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "0": "\0",
    "b": "\b",
    "f": "\f",
    " ": " ",
    "e": "\x1b",
    "a": "\a",
}
_HEX_LEN = {"x": 2, "u": 4, "U": 8}
_DQ_STOP = re.compile(r'["\\\n]')


_SCAN = re.compile(r"[{}\[\]\"',:\n]")
_IN_DOUBLE = re.compile(r'["\\\n]')
_IN_SINGLE = re.compile(r"['\n]")


def scan_end(
    text: str, start: int, limit: int | None = None, memo: dict[int, int | None] | None = None
) -> int | None:
    """The offset just after the ``}`` that closes the ``{`` at ``start``, or None.

    Brackets nest; quoted strings (where a scalar starts) may hold brackets.
    The search stops at ``limit`` (e.g. the end of a paragraph).  It jumps from
    one character that matters to the next (regular expressions do the walking).

    ``memo`` (one dict per text and limit) remembers where every bracket met on the
    way ends, or that it never does, so that asking for each ``{`` of a text in turn
    stays linear, even for thousands of unclosed braces.  (What follows an opening
    bracket reads the same whether the scan started there or further out.)
    """
    if memo is not None and start in memo:
        return memo[start]
    end = len(text) if limit is None else min(limit, len(text))
    opened: list[int] = []
    i = start
    scalar_start = True
    result: int | None = None
    while i < end:
        m = _SCAN.search(text, i, end)
        if m is None:
            break
        j = m.start()
        if j > i and not text[i:j].isspace():
            scalar_start = False
        i = j
        ch = text[i]
        if ch in "{[":
            if memo is not None and i in memo and i != start:
                skip = memo[i]
                if skip is None:
                    break  # a bracket inside never closes, so neither does this one
                i = skip
                scalar_start = False
                continue
            opened.append(i)
            scalar_start = True
        elif ch in "}]":
            at = opened.pop()
            if memo is not None:
                memo[at] = i + 1
            if not opened:
                result = i + 1
                break
            scalar_start = False
        elif ch in "\"'" and scalar_start:
            close = _quoted_end(text, i, end)
            if close is None:
                break
            i = close
            scalar_start = False
        elif ch in ",:":
            scalar_start = True
        elif ch == "\n":
            if _blank_line_follows(text, i, end):
                break
        else:  # a quote inside a plain scalar is just a character
            scalar_start = False
        i += 1
    if memo is not None:
        for at in opened:
            memo[at] = None
    return result


def _quoted_end(text: str, i: int, end: int) -> int | None:
    """Where the quoted string opened at ``i`` (``"`` or ``'``) closes, or ``None`` if it
    does not before ``end`` or an empty line.  In double quotes ``\\`` escapes the next
    character; in single quotes ``''`` stands for one quote."""
    quote = text[i]
    stops = _IN_DOUBLE if quote == '"' else _IN_SINGLE
    i += 1
    while True:
        q = stops.search(text, i, end)
        if q is None:
            return None
        i = q.start()
        c = text[i]
        if c == "\\":
            i += 2
        elif c == "\n":
            if _blank_line_follows(text, i, end):
                return None
            i += 1
        elif quote == "'" and i + 1 < end and text[i + 1] == "'":
            i += 2
        else:
            return i


def _blank_line_follows(text: str, i: int, end: int) -> bool:
    j = i + 1
    while j < end and text[j] in " \t":
        j += 1
    return j >= end or text[j] == "\n"


class _Reader:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.depth = 0

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"the data nests more than {MAX_DEPTH} levels deep")

    def error(self, message: str, offset: int | None = None) -> DataError:
        return DataError(message, self.pos if offset is None else offset)

    def skip_ws(self) -> None:
        t = self.text
        while self.pos < len(t):
            ch = t[self.pos]
            if ch.isspace():
                self.pos += 1
            elif ch == "#" and (self.pos == 0 or t[self.pos - 1].isspace()):
                while self.pos < len(t) and t[self.pos] != "\n":
                    self.pos += 1
            else:
                break

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def value(self, in_flow: bool) -> Any:
        self.skip_ws()
        ch = self.peek()
        if ch in "{[":
            self.nest()
            value = self.mapping() if ch == "{" else self.sequence()
            self.depth -= 1
            return value
        if ch == '"':
            return self.double_quoted()
        if ch == "'":
            return self.single_quoted()
        if ch == "":
            raise self.error("a value is missing at the end of the data")
        return typed(self.plain(in_flow, key=False))

    def mapping(self) -> dict[str, Any]:
        open_at = self.pos
        self.pos += 1
        out: dict[str, Any] = {}
        while True:
            self.skip_ws()
            ch = self.peek()
            if ch == "}":
                self.pos += 1
                return out
            if ch == "":
                raise self.error("the data block is not closed: '}' is missing", open_at)
            key_at = self.pos
            if ch == '"':
                key = self.double_quoted()
            elif ch == "'":
                key = self.single_quoted()
            elif ch in ",:":
                raise self.error(f"a key is missing before {ch!r}")
            else:
                key = self.plain(True, key=True)
            self.skip_ws()
            if self.peek() == ":":
                self.pos += 1
                self.skip_ws()
                val = None if self.peek() in (",", "}") else self.value(True)
            else:
                val = None
            if key in out:
                raise self.error(f"the key {key!r} stands twice in one data block", key_at)
            out[key] = val
            self.skip_ws()
            ch = self.peek()
            if ch == ",":
                self.pos += 1
            elif ch != "}":
                if ch == "":
                    raise self.error("the data block is not closed: '}' is missing", open_at)
                raise self.error(f"expected ',' or '}}' after the value of {key!r}, found {ch!r}")

    def sequence(self) -> list[Any]:
        open_at = self.pos
        self.pos += 1
        out: list[Any] = []
        while True:
            self.skip_ws()
            ch = self.peek()
            if ch == "]":
                self.pos += 1
                return out
            if ch == "":
                raise self.error("the list is not closed: ']' is missing", open_at)
            if ch == ",":
                raise self.error("a list item is missing before ','")
            out.append(self.value(True))
            self.skip_ws()
            ch = self.peek()
            if ch == ",":
                self.pos += 1
            elif ch != "]":
                if ch == "":
                    raise self.error("the list is not closed: ']' is missing", open_at)
                raise self.error(f"expected ',' or ']' in a list, found {ch!r}")

    def double_quoted(self) -> str:
        t = self.text
        open_at = self.pos
        self.pos += 1
        out: list[str] = []
        while self.pos < len(t):
            stop = _DQ_STOP.search(t, self.pos)
            if stop is None:
                break
            if stop.start() > self.pos:
                out.append(t[self.pos : stop.start()])
                self.pos = stop.start()
            ch = t[self.pos]
            if ch == '"':
                self.pos += 1
                return "".join(out)
            if ch == "\\":
                esc = t[self.pos + 1] if self.pos + 1 < len(t) else ""
                if esc in _ESCAPES:
                    out.append(_ESCAPES[esc])
                    self.pos += 2
                elif esc in _HEX_LEN:
                    n = _HEX_LEN[esc]
                    digits = t[self.pos + 2 : self.pos + 2 + n]
                    if len(digits) != n or not all(c in "0123456789abcdefABCDEF" for c in digits):
                        raise self.error(f"bad escape \\{esc}{digits} in a quoted string")
                    code = int(digits, 16)
                    if code > 0x10FFFF:
                        raise self.error(f"bad escape \\{esc}{digits} in a quoted string")
                    if 0xD800 <= code <= 0xDFFF:
                        raise self.error(
                            f"the escape \\{esc}{digits} is a lone surrogate, not a character;"
                            " write the character itself"
                        )
                    out.append(chr(code))
                    self.pos += 2 + n
                elif esc == "\n":
                    self.pos += 2
                else:
                    raise self.error(
                        f"unknown escape \\{esc} in a quoted string",
                    )
                continue
            if ch == "\n":
                # YAML folds a line break in a quoted string into a space
                while out and not out[-1].strip(" \t"):
                    out.pop()
                if out:
                    out[-1] = out[-1].rstrip(" \t")
                out.append(" ")
                self.pos += 1
                while self.pos < len(t) and t[self.pos] in " \t":
                    self.pos += 1
                continue
            out.append(ch)
            self.pos += 1
        raise self.error("the quoted string is not closed: '\"' is missing", open_at)

    def single_quoted(self) -> str:
        t = self.text
        open_at = self.pos
        self.pos += 1
        out: list[str] = []
        while self.pos < len(t):
            ch = t[self.pos]
            if ch == "'":
                if t.startswith("''", self.pos):
                    out.append("'")
                    self.pos += 2
                    continue
                self.pos += 1
                return "".join(out)
            out.append(ch)
            self.pos += 1
        raise self.error('the quoted string is not closed: "\'" is missing', open_at)

    def plain(self, in_flow: bool, key: bool) -> str:
        t = self.text
        start = self.pos
        while self.pos < len(t):
            ch = t[self.pos]
            if in_flow and ch in ",[]{}":
                break
            if ch == ":" and (self.pos + 1 >= len(t) or t[self.pos + 1] in " \t\n,[]{}"):
                if key:
                    break
                raise self.error("':' inside a value; put the value in quotes")
            if ch == "#" and self.pos > start and t[self.pos - 1] in " \t":
                break
            self.pos += 1
        raw = t[start : self.pos]
        text = " ".join(raw.split())
        if not text:
            raise self.error(
                f"a value is missing before {self.peek()!r}" if self.peek() else "a value is missing"
            )
        if text[0] in "&*!|>%@`":
            raise self.error(f"a plain value cannot start with {text[0]!r}; put it in quotes", start)
        return text


@lru_cache(maxsize=4096)
def typed(text: str) -> Any:
    """A plain scalar as YAML 1.2 reads it: null, true/false, a number, else the text.

    (Kept for the last few thousand texts: a map says ``basis: fact`` many times.)"""
    low = text.lower()
    if low in ("null", "~"):
        return None
    if low == "true":
        return True
    if low == "false":
        return False
    if _INT.match(text):
        return int(text) if len(text) <= MAX_INT_DIGITS else text
    if _BASED_INT.match(text) and len(text) <= MAX_INT_DIGITS:
        return int(text[2:], 16 if text[1] == "x" else 8)
    if _FLOAT.match(text):
        return float(text)
    if low in (".inf", "+.inf"):
        return math.inf
    if low == "-.inf":
        return -math.inf
    if low == ".nan":
        return math.nan
    return text


# The usual data block, ``{quote: "…", basis: fact}``: keys and plain values of
# word characters, double-quoted strings without escapes or line breaks, single
# spaces.  Such a block is read by regular expressions alone (see simple_block).
_S_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_S_VALUE = r'"[^"\\\n]*"|[A-Za-z0-9_][A-Za-z0-9_.-]*'
_S_ITEM = rf"{_S_KEY} *: +(?:{_S_VALUE}) *"
#: a data block of the usual kind (``{key: value, key: "text"}``), as a pattern
SIMPLE_BLOCK = rf"\{{ *(?:{_S_ITEM}(?:, *{_S_ITEM})*)?\}}"
_SIMPLE_BLOCK = re.compile(SIMPLE_BLOCK)
_SIMPLE_ITEM = re.compile(rf'({_S_KEY}) *: +(?:"([^"\\\n]*)"|([A-Za-z0-9_][A-Za-z0-9_.-]*))')


def simple_block(text: str, start: int, limit: int | None = None) -> tuple[dict[str, Any], int] | None:
    """A fast path for the usual data block at ``start``: ``(data, end)`` as
    ``loads(text[start:end])`` and ``scan_end(text, start, limit)`` give them, or
    ``None`` when the block is not of the simple kind (then use those two)."""
    m = _SIMPLE_BLOCK.match(text, start, len(text) if limit is None else limit)
    if m is None:
        return None
    out: dict[str, Any] = {}
    for item in _SIMPLE_ITEM.finditer(text, start, m.end()):
        key, quoted, plain = item.groups()
        if key in out:
            return None  # an error: let the full reader report it
        out[key] = quoted if quoted is not None else typed(plain)
    return out, m.end()


def simple_items(block: str) -> dict[str, Any] | None:
    """The data of ``block``, a whole data block known to be of the usual kind (it matches
    :data:`SIMPLE_BLOCK`); ``None`` when a key repeats (the full reader reports that)."""
    out: dict[str, Any] = {}
    for key, quoted, plain in _SIMPLE_ITEM.findall(block):
        if key in out:
            return None
        out[key] = quoted if not plain else typed(plain)
    return out


def simple_block_end(text: str, start: int) -> int | None:
    """Where the usual data block at ``start`` ends (as :func:`simple_block` finds it), or
    ``None`` when it is not of the simple kind; nothing is parsed."""
    m = _SIMPLE_BLOCK.match(text, start)
    return None if m is None else m.end()


def loads(text: str) -> dict[str, Any]:
    """Parse one ``{…}`` data block; :class:`DataError` if it is malformed."""
    if _SIMPLE_BLOCK.fullmatch(text):
        simple = simple_block(text, 0)
        if simple is not None:
            return simple[0]
    r = _Reader(text)
    r.skip_ws()
    if r.peek() != "{":
        raise r.error("a data block starts with '{'")
    out = r.mapping()
    r.skip_ws()
    if r.pos < len(text):
        raise r.error(f"unexpected {text[r.pos]!r} after the data block")
    return out


def loads_value(text: str) -> Any:
    """Parse one value (as in front matter: ``key: value``)."""
    r = _Reader(text)
    r.skip_ws()
    if r.pos >= len(text):
        return None
    val = r.value(False)
    r.skip_ws()
    if r.pos < len(text):
        raise r.error(f"unexpected {text[r.pos]!r} after the value")
    return val


_PLAIN_SAFE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`\\/<]([^,\[\]{}#:\"'\n\r\t\\/<]|/(?![/*]))*\Z")


# what YAML does not allow unescaped (C0/C1 controls but tab and NEL, U+FFFE/F, surrogates)
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _plain_ok(s: str) -> bool:
    return (
        bool(_PLAIN_SAFE.match(s))
        and "==" not in s
        and not _UNPRINTABLE.search(s)
        and s == s.strip()
        and "  " not in s
        and typed(s) == s
        and not isinstance(typed(s), bool)
    )


def _quote(s: str) -> str:
    out = ['"']
    for i, ch in enumerate(s):
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "}" and (i + 1 == len(s) or s[i + 1].isspace()):
            out.append("\\x7D")  # Argdown would end the data block at "} "
        elif ch == "/" and s[i + 1 : i + 2] in ("/", "*"):
            out.append("\\/")
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
            out.append(f"\\x{ord(ch):02X}")
        elif ch in "\ufffe\uffff":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def dumps_value(value: Any) -> str:
    """One value in flow style, so that :func:`loads_value` reads it back."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        return text if ("." in text or "e" in text or "E" in text) else text + ".0"
    if isinstance(value, Mapping):
        return dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(dumps_value(v) for v in value) + "]"
    s = str(value)
    return s if _plain_ok(s) else _quote(s)


def dumps_key(k: Any) -> str:
    """A key, quoted when it is not a plain word."""
    s = str(k)
    return s if _plain_ok(s) and isinstance(typed(s), str) else _quote(s)


def dumps(data: Mapping[str, Any]) -> str:
    """A data block, ``{key: value, …}``."""
    return "{" + ", ".join(f"{dumps_key(k)}: {dumps_value(v)}" for k, v in data.items()) + "}"


def merge(base: dict[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """Deep-merge ``new`` into a copy of ``base`` (maps merge, other values replace)."""
    out = dict(base)
    for k, v in new.items():
        old = out.get(k)
        if isinstance(old, Mapping) and isinstance(v, Mapping):
            out[k] = merge(dict(old), v)
        else:
            out[k] = v
    return out
