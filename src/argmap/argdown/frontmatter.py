"""``===`` front matter at the top of a file, and YAML block data (``{`` then a line break)."""

from __future__ import annotations

from typing import Any

from ..errors import Location
from .reader import Reader
from .tokens import FRONT


class FrontMatterReader(Reader):
    # -- front matter ---------------------------------------------------------------
    def front_matter(self) -> int:
        """Read ``===`` front matter at the top; the offset where the body starts."""
        s = self.src
        lines = self.line_texts  # the source's lines (comments are blanked later)
        first = 0
        while first < len(lines) and not lines[first].strip():
            first += 1
        if first >= len(lines) or not FRONT.match(lines[first].strip()):
            return 0
        end = first + 1
        while end < len(lines) and not FRONT.match(lines[end].strip()):
            end += 1
        if end >= len(lines):
            self.error(
                self.line_starts[first], "the front matter '===' is never closed", "end it with a line '==='"
            )
            return len(s)
        self.read_yaml_front(lines, first, end)
        after = end + 1
        if after < len(lines) and lines[after].strip():
            self.error(
                self.line_starts[after],
                "the front matter must be followed by an empty line",
                "leave an empty line after the closing '==='",
            )
        return self.line_starts[end + 1] if end + 1 < len(self.line_starts) else len(s)

    def read_yaml_front(self, lines: list[str], first: int, end: int) -> None:
        """The YAML between the ``===`` lines ``first`` and ``end`` (0-based) into ``self.front``."""
        from .yamldata import YAMLDataError, load

        body = "\n".join(lines[first + 1 : end]) + "\n"
        try:
            value = load(body)
        except YAMLDataError as exc:
            line = first + 1 + exc.line  # 1-based line in the file
            self.error(
                Location(line, exc.column),
                f"invalid YAML in the front matter: {exc.message}",
                "the front matter is YAML: 'key: value' lines, nested by indentation; put text"
                " with ':' or '#' in quotes (Argdown refuses this file too)",
            )
            return
        if value is None:
            return
        if not isinstance(value, dict):
            self.error(
                Location(first + 2, 1),
                f"the front matter is a YAML {type(value).__name__}, not 'key: value' lines",
                "write one 'key: value' per line, e.g. 'title: My map'",
            )
            return
        self.front = value

    def yaml_block(self, start: int, end: int) -> dict[str, Any] | None:
        """Block data: the YAML between ``{`` + line break (ending at ``start``) and ``}`` at ``end``."""
        from .yamldata import YAMLDataError, load

        first = self.loc(start)
        try:
            value = load(self.text[start:end])
        except YAMLDataError as exc:
            where = Location(first.line + exc.line - 1, exc.column)
            self.error(
                where,
                f"invalid YAML in the data block: {exc.message}",
                "after '{' and a line break, data is YAML in block style: 'key: value' lines",
            )
            return None
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(first, "the data block holds no 'key: value' lines", "write 'key: value' lines")
            return None
        return value
