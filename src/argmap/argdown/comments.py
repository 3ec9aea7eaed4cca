"""Comments (``//``, ``/* */``, ``<!-- -->``): blanked out before the paragraphs are read,
so columns stay true.
"""

from __future__ import annotations

from . import data as _data
from .reader import _Reader
from .tokens import _INTERESTING, _LINK


class _Comments(_Reader):
    # -- pass 1: comments ------------------------------------------------------
    def strip_comments(self, start: int) -> tuple[str, set[int]]:
        """The text with comments blanked (newlines kept) and the lines that held only comments."""
        s = self.src
        chars: list[str] | None = None
        touched: set[int] = set()
        i = start
        n = len(s)
        while i < n:
            m = _INTERESTING.search(s, i)
            if m is None:
                break
            k = m.start()
            ch = s[k]
            end = -1
            if ch == "\\":
                i = k + 2
                continue
            if ch == "[":
                link = _LINK.match(s, k)
                i = link.end() if link else k + 1
                continue
            if ch == "{":
                close = _data.scan_end(s, k, None, self.memo(-1))
                i = close if close is not None else k + 1
                continue
            if s.startswith("//", k):
                end = s.find("\n", k)
                end = n if end < 0 else end
            elif s.startswith("/*", k):
                end = s.find("*/", k + 2)
                if end < 0:
                    self.error(k, "the comment '/*' is never closed", "end the comment with '*/'")
                    end = n
                else:
                    end += 2
            elif s.startswith("<!--", k):
                end = s.find("-->", k + 4)
                if end < 0:
                    self.error(k, "the comment '<!--' is never closed", "end the comment with '-->'")
                    end = n
                else:
                    end += 3
            else:
                i = k + 1
                continue
            if chars is None:
                chars = list(s)
            for j in range(k, end):
                if chars[j] != "\n":
                    chars[j] = " "
            first = self.loc(k).line
            last = self.loc(max(k, end - 1)).line
            touched.update(range(first, last + 1))
            i = end
        clean = s if chars is None else "".join(chars)
        comment_only = set()
        for line in touched:
            a = self.line_starts[line - 1]
            b = self.line_starts[line] - 1 if line < len(self.line_starts) else len(clean)
            if not clean[a:b].strip() and self.src[a:b].strip():
                comment_only.add(line)
        return clean, comment_only
