"""User text made safe and tidy for pictures: cleaning, wrapping, escaping, shortening.

One home for these small jobs, so the diagram, the key and the class view clean and
escape text the same way.  Nothing here knows about maps.
"""

from __future__ import annotations

import re

__all__ = [
    "clean_text",
    "count",
    "dot_string",
    "html_text",
    "lines_html",
    "quoted",
    "shorten",
    "terminal_safe",
    "wrap_text",
]

# Characters that never reach a label: C0/C1 controls (XML forbids most of them),
# lone surrogates and non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Graphviz expands \N \G \E \T \H \L in labels (even when written as an entity);
# a WORD JOINER (U+2060, invisible) after the backslash keeps them literal.
_GRAPHVIZ_ESCAPE = re.compile(r"\\(?=[NGETHL])")
#: A break that Graphviz's HTML-like labels understand, left-aligned.
BR = '<BR ALIGN="LEFT"/>'


def clean_text(text: str) -> str:
    """User text on one line: controls dropped, runs of white space made one space.

    >>> clean_text("two\\n  lines\\x07")
    'two lines'
    """
    if not text.isprintable():
        text = _CONTROL.sub("", text)
    return " ".join(text.split())


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number it needs: ``plural`` where adding "s" is wrong.

    >>> count(1, "objection"), count(0, "objection"), count(2, "piece of evidence", "pieces of evidence")
    ('1 objection', '0 objections', '2 pieces of evidence')
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def html_text(text: str) -> str:
    """Escape one line of user text for a Graphviz HTML-like label.

    ``]`` is written as a character reference too: Graphviz 2.43 refuses a table
    cell that holds nothing but ``]`` ("non-space string used after </TABLE>").

    >>> html_text('"]; evil [label="x <b>\\\\N')
    '&quot;&#93;; evil [label=&quot;x &lt;b&gt;\\\\\\u2060N'
    """
    # str.replace in a chain ("&" first) is several times faster than translate()
    # with multi-character replacements, and gives the same text.
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = out.replace('"', "&quot;").replace("'", "&#39;").replace("]", "&#93;")
    return _GRAPHVIZ_ESCAPE.sub("\\\\\u2060", out) if "\\" in out else out


def dot_string(text: str) -> str:
    """A DOT double-quoted string (for escString attributes such as ``tooltip``).

    >>> dot_string('say "hi" \\\\ bye')
    '"say \\\\"hi\\\\" \\\\\\\\ bye"'
    """
    s = clean_text(text).replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return f'"{s}"'


def wrap_text(text: str, width: int) -> list[str]:
    """Greedy word wrap that breaks words only at spaces and hyphens, in any language.

    A word longer than ``width`` is first broken after a hyphen of its own; a part
    still too long gets a wider line, up to :data:`WIDE` times ``width``; only a
    longer one is broken, with a visible hyphen, into lines of ``width``.

    >>> wrap_text("a partnership of convenience, not conviction", 16)
    ['a partnership of', 'convenience, not', 'conviction']
    >>> wrap_text("der Ernährungsmangel-Einwand", 12)
    ['der', 'Ernährungsmangel-', 'Einwand']
    >>> wrap_text("Mangelerscheinungen", 14)
    ['Mangelerscheinungen']
    >>> wrap_text("x" * 10, 4)
    ['xxx-', 'xxx-', 'xxxx']
    """
    width = max(width, 4)
    words = text.split()
    if " ".join(words) == text:  # single spaces only: let a regular expression do it
        pattern = _WRAP.get(width)
        if pattern is None:
            # the longest run of whole words, at most `width` long, then a space or the end
            pattern = _WRAP[width] = re.compile(rf"(\S.{{0,{width - 1}}})(?: |\Z)")
        lines = pattern.findall(text)
        if " ".join(lines) == text:  # no word was longer than `width`
            return lines
    return _wrap_words(words, width)


_WRAP: dict[int, re.Pattern[str]] = {}
#: How much wider than the wrap width a line may grow to keep a long word whole.
WIDE = 1.6
_AFTER_HYPHEN = re.compile(r"(?<=[-\u2010\u2011\u00ad])(?=.)")


def _split_word(word: str, width: int) -> list[str]:
    """A word too long for ``width`` in pieces, each on a line of its own (see
    :func:`wrap_text`): after its own hyphens, whole up to ``WIDE`` × ``width``, else
    with a hyphen added, the last piece at least three letters long."""
    pieces: list[str] = []
    for part in _AFTER_HYPHEN.split(word):
        if pieces and len(pieces[-1]) + len(part) <= width:
            pieces[-1] += part
        else:
            pieces.append(part)
    out: list[str] = []
    for piece in pieces:
        if len(piece) > width * WIDE:
            while len(piece) > width:
                cut = _syllable_cut(piece, min(width - 1, len(piece) - 3))
                out.append(piece[:cut] + "-")
                piece = piece[cut:]
        out.append(piece)
    return out


_VOWELS = frozenset("aeiouyäöüàáâãåæèéêëìíîïòóôõøœùúûýÿаеёиоуыэюяіїєαεηιουωάέήίόύώϊϋΐΰ")


def _syllable_cut(word: str, at: int) -> int:
    """Where to break ``word`` at or a little before ``at``: between two vowels'
    consonants, as most languages allow (``ma|ke``, ``schif|fahrt``); else at ``at``.

    >>> w = "Donaudampfschifffahrt"
    >>> w[: _syllable_cut(w, 15)]
    'Donaudampfschif'
    >>> w = "Ηλεκτροεγκεφαλογράφημα"
    >>> w[: _syllable_cut(w, 11)]
    'Ηλεκτροεγκε'
    """
    low = word.lower()

    def vowel(k: int) -> bool:
        return 0 <= k < len(low) and low[k] in _VOWELS

    def consonant(k: int) -> bool:
        return 0 <= k < len(low) and low[k].isalpha() and low[k] not in _VOWELS

    for p in range(at, max(at - 6, 2), -1):
        if vowel(p - 1) and consonant(p) and vowel(p + 1):  # ma|ke
            return p
        if vowel(p - 2) and consonant(p - 1) and consonant(p):  # schif|fahrt
            return p
    return at


def _wrap_words(words: list[str], width: int) -> list[str]:
    """:func:`wrap_text` word by word (the reference for the fast path)."""
    lines: list[str] = []
    line = ""
    for word in words:
        pieces = _split_word(word, width) if len(word) > width else [word]
        for k, piece in enumerate(pieces):
            if k:  # the next piece of a broken word starts a line
                lines.append(line)
                line = piece
            elif not line:
                line = piece
            elif len(line) + 1 + len(piece) <= width:
                line = f"{line} {piece}"
            else:
                lines.append(line)
                line = piece
    if line:
        lines.append(line)
    return lines


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word where one is near, ending in "…".

    >>> shorten("the cracks in such alliances often turn into fault lines", 30)
    'the cracks in such alliances…'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def lines_html(text: str, width: int, *, tail: str = "") -> str:
    """Wrapped, escaped user text (already cleaned); lines end in left-aligned breaks.

    ``tail`` (e.g. ``"¶ 8"``) is kept whole: it goes on the last line if it fits
    there, else on a line of its own, and never breaks inside.

    >>> lines_html("a b c", 9, tail="¶ 8")
    'a b c ¶&#160;8'
    >>> lines_html("a b c", 3, tail="¶ 8")
    'a b<BR ALIGN="LEFT"/>c<BR ALIGN="LEFT"/>¶&#160;8'
    """
    lines = wrap_text(text, width) if len(text) > width else ([text] if text else [])
    out = html_text("\n".join(lines)).replace("\n", BR)
    if tail:
        last = lines[-1] if lines else ""
        piece = html_text(tail).replace(" ", "&#160;")
        if not lines:
            out = piece
        elif len(last) + 1 + len(tail) <= width:
            out += " " + piece
        else:
            out += BR + piece
    return out


# -- text for a terminal ---------------------------------------------------------------------------

# What a terminal would act on or that hides or reorders what is shown: C0 and C1
# controls (ESC starts a sequence that can clear the screen, set the window title or
# move the cursor; a line break would start a line that looks like argmap's own),
# DEL, lone surrogates, and the invisible format characters: zero-width spaces and
# joiners, bidirectional embeddings, overrides and isolates, the BOM, the word
# joiner, the soft hyphen and variation selectors that make a name look like another.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\ud800-\udfff]"
)
_SAFE_NAME = re.compile(r"[\w./+@%=,~-]+")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}.get(ch) or (
        f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"
    )


def terminal_safe(text: str) -> str:
    """Text from a file made safe to print on one terminal line: control characters,
    line breaks and invisible or direction-changing characters are shown as escapes
    (``\\e`` for ESC, ``\\n``, ``\\u202e`` …), so nothing a file says can move the
    cursor, clear the screen, start a line of its own or reorder what is shown.
    Printable text in any alphabet is kept as it is.

    >>> terminal_safe("Ana\\x1b[2J\\nfake: error")
    'Ana\\\\e[2J\\\\nfake: error'
    >>> terminal_safe("\\u202eana.json"), terminal_safe("Мария")
    ('\\\\u202eana.json', 'Мария')
    """
    if text.isprintable() and not _TERMINAL_UNSAFE.search(text):
        return text
    return _TERMINAL_UNSAFE.sub(_escape, text)


def quoted(name: str) -> str:
    """A file name or other name from a file, for a message on a terminal: as it is
    when it holds only letters (any alphabet), digits and ``_ . / + @ % = , ~ -``,
    else in single quotes, with ``'`` and ``\\`` escaped and made
    :func:`terminal_safe`, so a name cannot pass for the rest of a message.

    >>> quoted("out/russia-iran.мария-1f2e3d4c.annotations.json")
    'out/russia-iran.мария-1f2e3d4c.annotations.json'
    >>> quoted("ana.json: refused [x]: ok"), quoted("it's")
    ("'ana.json: refused [x]: ok'", "'it\\\\'s'")
    """
    if name and _SAFE_NAME.fullmatch(name) and not _TERMINAL_UNSAFE.search(name):
        return name
    return "'" + terminal_safe(name.replace("\\", "\\\\").replace("'", "\\'")) + "'"
