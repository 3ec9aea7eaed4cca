"""Comments (``//``, ``/* */``, ``<!-- -->``): blanked out before the paragraphs are read,
so columns stay true.
"""

from __future__ import annotations

from . import data as _data
from .reader import Reader
from .tokens import COMMENT_SCAN, NOT_NEWLINE


class CommentReader(Reader):
    # -- pass 1: comments ------------------------------------------------------
    def strip_comments(self, start: int) -> tuple[str, set[int]]:
        """The text with comments blanked (newlines kept) and the lines that held only comments.

        One pattern finds what matters (an escape, a link, a data block, a comment's
        start); links and data blocks are stepped over whole, so a ``//`` in a URL or a
        quoted value opens no comment."""
        s = self.src
        spans: list[tuple[int, int]] = []
        i = start
        n = len(s)
        while i < n:
            m = COMMENT_SCAN.search(s, i)
            if m is None:
                break
            k = m.start()
            opened = m.group()
            if opened == "{":
                close = _data.simple_block_end(s, k)
                if close is None:
                    close = _data.scan_end(s, k, None, self.memo(-1))
                i = close if close is not None else k + 1
                continue
            if opened not in ("//", "/*", "<!--"):  # an escape or a link
                i = m.end()
                continue
            end = self.comment_end(k, opened)
            spans.append((k, end))
            i = end
        if not spans:
            return s, set()
        pieces: list[str] = []
        touched: set[int] = set()
        done = 0
        for k, end in spans:
            pieces.append(s[done:k])
            pieces.append(NOT_NEWLINE.sub(" ", s[k:end]))
            done = end
            touched.update(range(self.loc(k).line, self.loc(max(k, end - 1)).line + 1))
        pieces.append(s[done:])
        clean = "".join(pieces)
        comment_only = set()
        for line in touched:
            a = self.line_starts[line - 1]
            b = self.line_starts[line] - 1 if line < len(self.line_starts) else len(clean)
            if not clean[a:b].strip() and s[a:b].strip():
                comment_only.add(line)
        return clean, comment_only

    def comment_end(self, k: int, opened: str) -> int:
        """Where the comment that ``opened`` at ``k`` ends (an error if it never does)."""
        s = self.src
        if opened == "//":
            end = s.find("\n", k)
            return len(s) if end < 0 else end
        closer = "*/" if opened == "/*" else "-->"
        end = s.find(closer, k + len(opened))
        if end < 0:
            self.error(k, f"the comment {opened!r} is never closed", f"end the comment with {closer!r}")
            return len(s)
        return end + len(closer)
