"""Source texts, their paragraphs, and quotes anchored in them.

A map's evidence quotes the text it maps (``{quote: "…"}``).  This module finds
each quote in the source and records where it stands as an :class:`~argmap.model.Anchor`
(the exact words as they stand in the source, some context before and after,
character offsets and the paragraph), like a W3C Web Annotation TextQuoteSelector.

**Matching** compares normalised text, so a quote typed on an ordinary keyboard
matches a typeset text:

* Unicode NFKC (``ﬁ`` → ``fi``, non-breaking space → space, ``…`` → ``...``);
* curly and angle quotes (‘ ’ ‚ ‛ “ ” „ ‟ « » ‹ ›, primes) → ``'`` and ``"``;
* every dash and hyphen (‐ ‑ ‒ – — ― − ⁃) → ``-``;
* every run of white space (line breaks too) → one space; soft hyphens and
  zero-width characters are ignored.

Matching is case-sensitive first; only if that finds nothing is case ignored
(a quote often starts a sentence the source continues, "both Russia and Iran").
Offsets always point into the original text, so ``Anchor.exact`` is the passage
exactly as the source has it.

**Elisions**: a quote may leave words out with ``…`` or ``...`` ("Both Russia …
sanctions").  Each part must then stand in the text, in order, within one
paragraph; the anchor covers the whole passage from the first part to the last.
A leading or trailing ellipsis just says the quote starts or ends mid-sentence.
Editorial brackets (``[b]oth``) are not supported: quote the words as they are.

**Paragraphs** are blocks of text separated by blank lines, numbered from 1.
A heading standing alone between blank lines ("Rivalry between the countries")
is a block of its own and so counts as a paragraph: that is the numbering a
reader gets by counting blocks on the page.  Line endings are read as ``\\n``
(``\\r\\n`` and ``\\r`` are converted); offsets count in that text.

**Hints**: for a quote that does not stand in the text, :meth:`Source.closest`
names the most similar passage: quote words vote for places in the text, then
difflib compares windows of whole words around the best places (fast enough for
hundreds of misquotes in a long article).  :func:`highlight_html` shows the text
with its quoted passages marked, for notebooks.

Nothing here depends on the Argdown syntax: :func:`anchor_quotes` works on an
:class:`~argmap.model.ArgumentMap`, however it was made.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
import html
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..errors import ArgmapError, Diagnostic, Location, MapError, ReadError, Severity
from ..model import Anchor, ArgumentMap, Statement

__all__ = [
    "ALLOW_ENV",
    "CONTEXT",
    "MAX_SOURCE_BYTES",
    "Paragraph",
    "Source",
    "SourceError",
    "allowed_folders",
    "allowing",
    "anchor_quotes",
    "highlight_html",
    "normalise",
    "open_source",
    "resolve_source",
]

#: Largest source text read from a file (bytes): a long book chapter fits.
MAX_SOURCE_BYTES = 5 * 1024 * 1024

#: Words of a quote compared when looking for the closest passage (longer quotes are cut).
MAX_QUOTE_WORDS = 200

#: Characters of context kept before and after a quote (``Anchor.prefix``/``suffix``).
CONTEXT = 32


class SourceError(ArgmapError):
    """A source text cannot be read: missing, outside the allowed folders, too large,
    not UTF-8, not a regular file.  ``code`` is the diagnostic code it becomes."""

    def __init__(self, message: str, code: str = "source-unreadable", hint: str | None = None):
        super().__init__(message)
        self.code = code
        self.hint = hint


# -- where a map may read its source -------------------------------------------------

#: The setting (environment variable) naming folders, besides a map's own, from which
#: maps may read source texts; several are separated by ``os.pathsep`` (``:``).
ALLOW_ENV = "ARGMAP_ALLOW"

_ALLOWED: ContextVar[tuple[str, ...]] = ContextVar("argmap_allowed", default=())


@contextmanager
def allowing(folders: Iterable[str | os.PathLike[str]]) -> Iterator[None]:
    """Within this block, maps may also read source texts from ``folders`` (the CLI's ``--allow``)."""
    token = _ALLOWED.set((*_ALLOWED.get(), *(os.fspath(f) for f in folders)))
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def allowed_folders(folder: str | os.PathLike[str]) -> list[Path]:
    """The folders a map in ``folder`` may read from: its own, then those of
    :func:`allowing` and of the :data:`ALLOW_ENV` setting (absolute, not resolved)."""
    extra = [*_ALLOWED.get(), *os.environ.get(ALLOW_ENV, "").split(os.pathsep)]
    return [Path(os.path.abspath(f)) for f in [os.fspath(folder), *extra] if f]


def _inside(path: str, folders: Iterable[str]) -> bool:
    return any(path == f or path.startswith(f.rstrip(os.sep) + os.sep) for f in folders)


_WEB = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+://")


def resolve_source(name: str, folder: str | os.PathLike[str]) -> Path:
    """The file a map in ``folder`` names as ``name`` (its ``source:``), symbolic links
    followed, which must lie inside the map's folder or an allowed one
    (:func:`allowed_folders`).

    Raises :class:`SourceError` (``code``: ``source-not-found``, ``source-outside-folder``
    or ``source-unreadable``) with a hint; a message never tells what lies outside the
    allowed folders, not even whether a file exists there.  "Did you mean" hints only
    name files inside them.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = pathlib.Path(d, "op-ed.txt").write_text("Text.")
    ...     resolve_source("op-ed.txt", d).name
    ...     try:
    ...         resolve_source("../../etc/passwd", d)
    ...     except SourceError as e:
    ...         print(e.code)
    'op-ed.txt'
    source-outside-folder
    """
    text = name.strip()
    if not text:
        raise SourceError(
            "the front matter's source: is empty",
            "source-not-found",
            "name the text file, relative to the map's folder: source: op-ed.txt",
        )
    if _WEB.match(text):
        raise SourceError(
            f"the source {text} is a web address; argmap reads only local files",
            hint="save the text as a UTF-8 .txt file next to the map and write source: its-name.txt",
        )
    if "\x00" in text:
        raise SourceError("the source name holds a NUL character", hint="write the file's name as it is")
    windows = PureWindowsPath(text)
    if PurePosixPath(text).is_absolute() or windows.is_absolute() or windows.drive:
        raise SourceError(
            f"the source path {text} is absolute; maps name their source relative to their own folder",
            hint="copy the text next to the map (or into a folder beside it) and write "
            "e.g. source: op-ed.txt",
        )
    roots = allowed_folders(folder)
    outside_hint = (
        "copy the text into the map's folder, or, if you trust the folder it is in, allow it: "
        f"argmap COMMAND --allow FOLDER … (or the {ALLOW_ENV} setting)"
    )
    lexical = os.path.normpath(os.path.join(roots[0], text))
    if not _inside(lexical, map(str, roots)):
        raise SourceError(
            f"the source {text} is outside the map's folder; maps read texts only from their own folder",
            "source-outside-folder",
            outside_hint,
        )
    try:
        real = os.path.realpath(lexical)
        real_roots = [os.path.realpath(r) for r in roots]
        if not _inside(real, real_roots):
            raise SourceError(
                f"the source {text} is a link to a place outside the map's folder",
                "source-outside-folder",
                outside_hint,
            )
        exists = os.path.lexists(real)
        parent_ok = os.path.isdir(os.path.dirname(real))
        siblings = sorted(p.name for p in Path(real).parent.glob("*.txt")) if parent_ok and not exists else []
    except OSError as exc:
        raise SourceError(
            f"the source {_display(text, 60)} cannot be used: {exc.strerror or exc}",
            hint="name the text file by a short name relative to the map's folder",
        ) from None
    if not exists:
        close = difflib.get_close_matches(Path(real).name, siblings, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        hint += f"the path is read relative to the map's folder ({folder})"
        raise SourceError(f"the source text {text} does not exist", "source-not-found", hint)
    return Path(real)


def open_source(
    name: str, folder: str | os.PathLike[str], location: Location | None = None
) -> tuple[Source | None, list[Diagnostic]]:
    """The source text a map in ``folder`` names (``source: name``), read under the
    rule of :func:`resolve_source`; or ``None`` and one located diagnostic."""
    try:
        return Source.from_path(resolve_source(name, folder), name=name.strip()), []
    except SourceError as exc:
        hint = exc.hint or "the source must be a plain UTF-8 text file (.txt)"
        return None, [Diagnostic(exc.code, str(exc), location or Location(), Severity.ERROR, hint)]


# -- normalisation ---------------------------------------------------------------

_QUOTES = {c: "'" for c in "‘’‚‛′‹›`´"} | {c: '"' for c in "“”„‟″«»"}
_DASHES = {c: "-" for c in "‐‑‒–—―−⁃﹘﹣－"}
_TRANSLATE = str.maketrans(_QUOTES | _DASHES)
_IGNORED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:…|\.{3})\s*\]|…|\.(?:\s?\.){2,})\s*")


@dataclass(frozen=True)
class _Normalised:
    """A normalised text and, for each of its characters, the span of original
    text it came from (``starts[i]`` … ``ends[i]``)."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the normalised slice ``[start, end)``."""
        return self.starts[start], self.ends[end - 1]


_PIECES: dict[str, str] = {}


def _piece(chunk: str) -> str:
    """NFKC and the quote/dash mapping of one character (with its combining marks)."""
    piece = _PIECES.get(chunk)
    if piece is None:
        piece = unicodedata.normalize("NFKC", chunk).translate(_TRANSLATE)
        if len(_PIECES) < 10_000:
            _PIECES[chunk] = piece
    return piece


# Runs that normalise to themselves: printable ASCII words with single spaces between.
_PLAIN = re.compile(r"[\x21-\x7e]+(?: [\x21-\x7e]+)*")


def _normalise(text: str) -> _Normalised:
    """The normalised text with, for each of its characters, the span it came from.

    Runs of printable ASCII (single spaces included) are copied in bulk; only what
    lies between them (other white space, quotes, dashes, other non-ASCII) goes
    character by character.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    combining = unicodedata.combining
    space = False  # the last character written is a space

    def slow(i: int, n: int) -> None:
        nonlocal space
        while i < n:
            ch = text[i]
            j = i + 1
            while j < n and text[j] >= "\u0300" and combining(text[j]):
                j += 1
            piece = ch if j == i + 1 and ch < "\x80" else _piece(text[i:j])
            for c in piece:
                if c.isspace():
                    if space:
                        ends[-1] = j
                        continue
                    c = " "
                    space = True
                elif c in _IGNORED:
                    continue
                else:
                    space = False
                out.append(c)
                starts.append(i)
                ends.append(j)
            i = j

    pos = 0
    n = len(text)
    for m in _PLAIN.finditer(text):
        a, b = m.span()
        if b < n and text[b] >= "\u0300" and combining(text[b]):
            b -= 1  # a combining mark belongs with the letter before it
        if a > pos:
            slow(pos, a)
        if b > a:
            out.append(text[a:b])
            starts.extend(range(a, b))
            ends.extend(range(a + 1, b + 1))
            space = False
        pos = b
    if pos < n:
        slow(pos, n)
    return _Normalised("".join(out), tuple(starts), tuple(ends))


def _lower(view: _Normalised) -> _Normalised:
    """The view in lower case, offsets kept."""
    lower = view.text.lower()
    if len(lower) == len(view.text):  # the usual case
        return _Normalised(lower, view.starts, view.ends)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for c, s, e in zip(view.text, view.starts, view.ends, strict=True):
        for x in c.lower():
            out.append(x)
            starts.append(s)
            ends.append(e)
    return _Normalised("".join(out), tuple(starts), tuple(ends))


def normalise(text: str, *, fold: bool = False) -> str:
    """The form quotes are compared in (see the module docstring).

    >>> normalise("overlapping \u2013 though \u201cfar\u201d\\n from")
    'overlapping - though "far" from'
    """
    # a run of printable ASCII words with single spaces (most quotes) is its own form
    norm = text if _PLAIN.fullmatch(text) else _normalise(text).text
    return norm.lower() if fold else norm


def _quote_parts(quote: str) -> list[str]:
    """A quote split at its ellipses; empty parts (a leading ``…``) dropped."""
    return [p for p in (part.strip() for part in _ELLIPSIS.split(quote)) if p]


# -- paragraphs ----------------------------------------------------------------------

_BLANK_LINES = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")


@dataclass(frozen=True)
class Paragraph:
    """A block of the source separated from others by blank lines."""

    number: int
    start: int
    end: int
    text: str


_WORD = re.compile(r"\S+")
_PUNCT = "\"'.,;:!?()[]"


@dataclass(frozen=True)
class _Word:
    text: str  # normalised, lower case
    start: int  # original offsets
    end: int
    paragraph: int  # index into Source.paragraphs


class Source:
    """A source text a map quotes, with paragraphs and quote lookup.

    >>> s = Source("First block.\\n\\nSecond \u2013 and last \u2013 block.", "t.txt")
    >>> [p.number for p in s.paragraphs]
    [1, 2]
    >>> a = s.find("and last - block")[0]
    >>> (a.exact, a.paragraph)
    ('and last – block', 2)
    """

    def __init__(self, text: str, name: str = "<source>") -> None:
        if not isinstance(text, str):
            raise TypeError(f"Source text must be str, not {type(text).__name__}")
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.name = name

    def __repr__(self) -> str:
        return f"Source(name={self.name!r}, {len(self.text)} characters)"

    @classmethod
    def from_path(cls, path: str | os.PathLike[str], *, name: str | None = None) -> Source:
        """Read a UTF-8 text file (a byte-order mark is allowed).

        Raises :class:`SourceError` if the file is missing, not a regular file (a
        folder, FIFO or device is refused before reading), larger than
        :data:`MAX_SOURCE_BYTES` or not UTF-8 (UTF-16 is named as such).  This reads
        the path it is given; a path a *map* names goes through :func:`open_source`,
        which keeps it inside the map's folder.
        """
        from ..files import decode_text, read_bytes

        p = Path(path)
        shown = name or p.name
        try:
            data = read_bytes(
                p, limit=MAX_SOURCE_BYTES, what="source text", nofollow=name is not None, name=shown
            )
        except MapError:
            raise SourceError(
                f"the source text {shown} is too large (the limit is {MAX_SOURCE_BYTES:,} bytes)"
            ) from None
        except ReadError as exc:
            reason = "does not exist" if exc.reason == "no such file" else exc.reason
            raise SourceError(f"the source text {shown} {reason}") from None
        try:
            text = decode_text(data, shown, code="source-unreadable", what="source text")
        except MapError as exc:
            d = exc.diagnostics[0]
            raise SourceError(f"the source text {shown}: {d.message}; {d.hint}") from None
        return cls(text, shown)

    # -- paragraphs --------------------------------------------------------------
    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The blocks of text between blank lines, numbered from 1."""
        out: list[Paragraph] = []
        pos = 0
        text = self.text
        for gap in [*_BLANK_LINES.finditer(text), None]:
            end = gap.start() if gap else len(text)
            block = text[pos:end]
            stripped = block.strip()
            if stripped:
                start = pos + (len(block) - len(block.lstrip()))
                stop = start + len(stripped)
                out.append(Paragraph(len(out) + 1, start, stop, stripped))
            if gap:
                pos = gap.end()
        return tuple(out)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph(self, number: int) -> Paragraph:
        """The paragraph with this number (from 1); ``IndexError`` if there is none."""
        if not 1 <= number <= len(self.paragraphs):
            raise IndexError(f"{self.name} has {len(self.paragraphs)} paragraphs, not {number}")
        return self.paragraphs[number - 1]

    def paragraph_at(self, offset: int) -> int:
        """The number of the paragraph that holds ``offset``; an offset in the
        blank lines between two paragraphs belongs to the one before (0 before
        the first)."""
        return bisect.bisect_right(self._paragraph_starts, offset)

    # -- normalised views ------------------------------------------------------------
    @cached_property
    def _exact(self) -> _Normalised:
        return _normalise(self.text)

    @cached_property
    def _folded(self) -> _Normalised:
        return _lower(self._exact)

    @cached_property
    def _words(self) -> tuple[_Word, ...]:
        """The source's words, normalised and lower case, with their places."""
        view = self._folded
        words: list[_Word] = []
        for m in _WORD.finditer(view.text):
            word = m.group().strip(_PUNCT)
            if word:
                start, end = view.original_span(m.start(), m.end())
                words.append(_Word(word, start, end, self.paragraph_at(start) - 1))
        return tuple(words)

    @cached_property
    def _first_word(self) -> list[int]:
        """Index of each paragraph's first word in ``_words``."""
        first = [0] * len(self.paragraphs)
        for i in reversed(range(len(self._words))):
            first[self._words[i].paragraph] = i
        return first

    @cached_property
    def _paragraph_first_word(self) -> list[int]:
        """For each word, the index of its paragraph's first word."""
        first = self._first_word
        return [first[w.paragraph] for w in self._words]

    @cached_property
    def _word_index(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, w in enumerate(self._words):
            index.setdefault(w.text, []).append(i)
        return index

    # -- finding -------------------------------------------------------------------------
    def _anchor(self, start: int, end: int) -> Anchor:
        return Anchor(
            exact=self.text[start:end],
            prefix=self.text[max(0, start - CONTEXT) : start],
            suffix=self.text[end : end + CONTEXT],
            start=start,
            end=end,
            paragraph=self.paragraph_at(start),
        )

    def _spans(self, part: str, view: _Normalised, *, fold: bool) -> list[tuple[int, int]]:
        """Original spans of every occurrence of ``part`` in ``view``."""
        needle = normalise(part, fold=fold).strip()
        if not needle:
            return []
        spans = []
        hay = view.text
        i = hay.find(needle)
        while i >= 0:
            spans.append(view.original_span(i, i + len(needle)))
            i = hay.find(needle, i + 1)
        return spans

    def _find(self, quote: str, *, fold: bool) -> list[Anchor]:
        view = self._folded if fold else self._exact
        parts = _quote_parts(quote)
        if not parts:
            return []
        found = [self._spans(p, view, fold=fold) for p in parts]
        if len(parts) == 1:
            return [self._anchor(s, e) for s, e in found[0]]
        anchors = []
        for start, end in found[0]:
            para = self.paragraph_at(start)
            pos = end
            for spans in found[1:]:
                nxt = next((s for s in spans if s[0] >= pos), None)
                if nxt is None or self.paragraph_at(nxt[0]) != para:
                    break
                pos = nxt[1]
            else:
                anchors.append(self._anchor(start, pos))
        return anchors

    def find(self, quote: str) -> list[Anchor]:
        """Every place the quote stands, in text order (empty if it does not).

        Case-sensitive first; if that finds nothing, case is ignored.
        """
        return self._find(quote, fold=False) or self._find(quote, fold=True)

    def closest(self, quote: str) -> tuple[int, str]:
        """The paragraph and the passage of the source most like ``quote``
        (for a hint when the quote does not stand in the text).

        The passage is a run of whole words of about the quote's length, with
        white space collapsed; ``(0, "")`` for an empty source.
        """
        _, number, passage = self._closest(quote)
        return number, passage

    def _closest(self, quote: str) -> tuple[float, int, str]:
        """:meth:`closest` with its score (0 … 1: how much of the quote the passage holds)."""
        parts = _quote_parts(quote) or [quote]
        normalised = normalise(" ".join(parts), fold=True).split()
        qwords = [w for w in (x.strip(_PUNCT) for x in normalised[:MAX_QUOTE_WORDS]) if w]
        words = self._words
        if not self.paragraphs:
            return 0.0, 0, ""
        if not words or not qwords:
            return 0.0, self.paragraphs[0].number, _shown(self.paragraphs[0].text)
        target = " ".join(qwords)
        n = len(qwords)

        # 1. Candidate windows by "diagonal voting": every quote word that stands
        #    in the source votes for the window that would align it.
        index = self._word_index
        first_word = self._first_word
        para_first = self._paragraph_first_word
        # Very common words ("the") only vote when the quote has nothing rarer.
        voters = [(j, index[w]) for j, w in enumerate(qwords) if w in index]
        rare = [(j, hits) for j, hits in voters if len(hits) <= 64]
        votes: dict[int, float] = {}
        for j, hits in rare or voters:
            bonus = 1.0 / len(hits)  # rare words say more about the place
            for i in hits:
                start = i - j if i - j >= para_first[i] else para_first[i]
                votes[start] = votes.get(start, 0.0) + 1.0 + bonus
        # (with no word in common, compare with every paragraph's opening)
        candidates = heapq.nlargest(6, votes, key=votes.__getitem__) if votes else sorted(set(first_word))

        # 2. Rank nearby windows by the quote's words they hold, then compare
        #    the best few character by character with difflib.  Both scores are
        #    F2 (covering the quote counts more than brevity: a misquote usually
        #    leaves words out).
        qcount = Counter(qwords)
        ranked: dict[tuple[int, int], float] = {}
        shortest, longest = max(1, n - 1), n + max(3, n // 2)
        for cand in candidates:
            for shift in (-2, -1, 0, 1):
                first = max(0, cand + shift)
                if first >= len(words):  # the best place is the text's last word
                    continue
                in_para = words[first].paragraph
                left = dict(qcount)
                matched = 0
                for last in range(first, min(len(words), first + longest)):
                    w = words[last]
                    if w.paragraph != in_para:  # keep a window inside one paragraph
                        break
                    if left.get(w.text, 0) > 0:
                        left[w.text] -= 1
                        matched += 1
                    size = last - first + 1
                    if size >= shortest or last + 1 == len(words):
                        ranked[first, last] = _f2(matched, size, n)
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(target)
        best: tuple[float, int, int] = (-1.0, 0, 0)
        for first, last in heapq.nlargest(5, ranked, key=ranked.__getitem__):
            window = " ".join(w.text for w in words[first : last + 1])
            matcher.set_seq1(window)
            total = (len(window) + len(target)) / 2
            if _f2(matcher.quick_ratio() * total, len(window), len(target)) <= best[0]:
                continue  # cannot beat the best so far
            score = _f2(matcher.ratio() * total, len(window), len(target))
            if score > best[0]:
                best = (score, first, last)
        score, first, last = best
        start, end = words[first].start, words[last].end
        para = self.paragraphs[words[first].paragraph]
        passage = _shown(self.text[start:end])
        if start > para.start:
            passage = "…" + passage
        if end < para.end:
            passage = passage.rstrip(",;:.") + "…"
        return score, para.number, passage


def _f2(matched: float, found: int, wanted: int) -> float:
    """F2 score of ``matched`` units in a window of ``found`` against a quote of ``wanted``."""
    if not matched:
        return 0.0
    precision, recall = matched / found, matched / wanted
    return 5 * precision * recall / (4 * precision + recall)


def _shown(text: str) -> str:
    """Text with its white space collapsed, for messages."""
    return " ".join(text.split())


def _display(quote: str, limit: int = 80) -> str:
    q = _shown(quote)
    return q if len(q) <= limit else q[: limit - 21] + " … " + q[-18:]


# -- a map's quotes ----------------------------------------------------------------


def anchor_quotes(m: ArgumentMap, source: Source) -> tuple[ArgumentMap, list[Diagnostic]]:
    """Anchor every ``{quote: …}`` of ``m`` in ``source``.

    Returns the map with ``Statement.anchor`` set where the quote stands, and a
    diagnostic for each quote that does not (``quote-not-in-source``, an error
    whose hint names the closest passage) or stands more than once
    (``ambiguous-quote``, a warning; the first place is anchored).
    """
    diagnostics: list[Diagnostic] = []
    statements: list[Statement] = []
    changed = False
    for st in m.statements:
        quote = st.quote
        if quote is None:
            statements.append(st)
            continue
        anchors = source.find(quote)
        if not anchors:
            diagnostics.append(_not_found(st, quote, source, m.path))
            if st.anchor is not None:
                st = replace(st, anchor=None)
                changed = True
            statements.append(st)
            continue
        if len(anchors) > 1:
            diagnostics.append(
                Diagnostic(
                    "ambiguous-quote",
                    f'the quote "{_display(quote)}" stands {len(anchors)} times in {source.name}, '
                    + _places(anchors),
                    st.location,
                    Severity.WARNING,
                    f"the first one (paragraph {anchors[0].paragraph}) is used; "
                    "quote a few more words so that the passage is unique",
                    m.path,
                )
            )
        if st.anchor != anchors[0]:
            st = _with_anchor(st, anchors[0])
            changed = True
        statements.append(st)
    return (m.replace(statements=tuple(statements)) if changed else m), diagnostics


def _with_anchor(st: Statement, anchor: Anchor) -> Statement:
    """``replace(st, anchor=anchor)`` without running ``__init__`` again: the
    statement's other fields are already checked and frozen."""
    new = object.__new__(type(st))
    new.__dict__.update(st.__dict__)
    new.__dict__["anchor"] = anchor
    return new


def _places(anchors: Sequence[Anchor]) -> str:
    """Where the anchors are: "all in paragraph 7" or "2 times in paragraph 3, once in paragraph 5"."""
    counts = Counter(a.paragraph for a in anchors)
    if len(counts) == 1:
        return f"all in paragraph {anchors[0].paragraph}"
    return ", ".join(
        f"{n} times in paragraph {p}" if n > 1 else f"once in paragraph {p}" for p, n in counts.items()
    )


def _not_found(st: Statement, quote: str, source: Source, path: str | None) -> Diagnostic:
    message = f'the quote "{_display(quote)}" of [{st.title}] is not in {source.name}'
    parts = _quote_parts(quote)
    if not parts:
        return Diagnostic(
            "quote-not-in-source",
            f"the quote of [{st.title}] is empty",
            st.location,
            Severity.ERROR,
            'put the exact words from the text between the quotation marks: {quote: "…"}',
            path,
        )
    if len(parts) > 1:
        missing = [p for p in parts if not source.find(p)]
        if not missing:
            return Diagnostic(
                "quote-not-in-source",
                message,
                st.location,
                Severity.ERROR,
                "each part between the ellipses stands in the text, but not in this order "
                "within one paragraph; an elided quote must keep the text's order and stay "
                "in one paragraph",
                path,
            )
        score, number, passage = source._closest(missing[0])
        hint = f'the part "{_display(missing[0])}" is not; closest passage, paragraph {number}: "{passage}"'
    else:
        score, number, passage = source._closest(quote)
        hint = f'closest passage, paragraph {number}: "{passage}"'
    if score < 0.55:
        hint = f"nothing in {source.name} comes close: is it the right text? ({hint})"
    return Diagnostic("quote-not-in-source", message, st.location, Severity.ERROR, hint, path)


# -- HTML view ----------------------------------------------------------------------


def highlight_html(
    source: Source,
    anchors_by_title: Mapping[str, Anchor | Sequence[Anchor]],
    *,
    css_class: str = "argmap-source",
) -> str:
    """The source as HTML, paragraphs numbered, each quoted passage in a
    ``<mark data-title="…" title="…">``.

    Every character of the source and of the titles is escaped; there is no
    script and no event handler.  Where quotes overlap, their marks nest, so
    the overlap shows darker.  Raises ``ValueError`` for an anchor outside the text.

    >>> s = Source("Tom & Jerry <3.", "t.txt")
    >>> highlight_html(s, {"T": s.find("Jerry")[0]}).splitlines()[1]
    '<p data-paragraph="1"><span class="argmap-paragraph-number">1</span> Tom &amp; \
<mark data-title="T" title="T">Jerry</mark> &lt;3.</p>'
    """
    spans: list[tuple[int, int, str]] = []
    for title, value in anchors_by_title.items():
        for a in [value] if isinstance(value, Anchor) else value:
            if not 0 <= a.start <= a.end <= len(source.text):
                raise ValueError(f"anchor {a.start}–{a.end} of {title!r} is outside {source.name}")
            if a.end > a.start:
                spans.append((a.start, a.end, title))
    spans.sort()

    esc = html.escape
    lines = [f'<div class="{esc(css_class)}"">']
    for para in source.paragraphs:
        cuts = {para.start, para.end}
        for s, e, _ in spans:
            if s < para.end and e > para.start:
                cuts.update(x for x in (s, e) if para.start < x < para.end)
        bounds = sorted(cuts)
        number = f'<span class="argmap-paragraph-number">{para.number}</span> '
        pieces = [f'<p data-paragraph="{para.number}">{number}']
        for s, e in zip(bounds, bounds[1:], strict=False):
            text = esc(source.text[s:e]).replace("\n", "<br>\n")
            titles = [t for (a, b, t) in spans if a <= s and e <= b]
            for t in reversed(titles):
                text = f'<mark data-title="{esc(t)}" title="{esc(t)}">{text}</mark>'
            pieces.append(text)
        pieces.append("</p>")
        lines.append("".join(pieces))
    lines.append("</div>")
    return "\n".join(lines)
