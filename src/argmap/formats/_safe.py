"""Reading untrusted interchange files: size and depth caps, JSON and XML
parsed without executing or expanding anything, problems as diagnostics.

Nothing here raises on bad input: each reader returns ``(value, diagnostics)``
and ``value`` is ``None`` when the file cannot be used.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

from ..errors import Diagnostic, Location, Severity

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "FormatProblems",
    "XmlDoc",
    "check_size",
    "read_json",
    "read_xml",
]

#: Interchange files bigger than this are refused unread (10 MB).
MAX_BYTES = 10 * 1024 * 1024
#: JSON / XML nesting deeper than this is refused before parsing.
MAX_DEPTH = 64


@dataclass
class FormatProblems:
    """Collects the diagnostics of one import."""

    path: str | None = None
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, message: str, location: Location | None = None, hint: str | None = None) -> None:
        self.items.append(
            Diagnostic("format-error", message, location or Location(), Severity.ERROR, hint, self.path)
        )

    def warn(
        self, code: str, message: str, location: Location | None = None, hint: str | None = None
    ) -> None:
        where = location or Location()
        self.items.append(Diagnostic(code, message, where, Severity.WARNING, hint, self.path))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)


def check_size(text: str, problems: FormatProblems, what: str) -> bool:
    """``False`` (and an error) if ``text`` is over :data:`MAX_BYTES`."""
    size = len(text.encode("utf-8", "surrogatepass")) if len(text) > MAX_BYTES // 4 else len(text)
    if size > MAX_BYTES:
        problems.items.append(
            Diagnostic(
                "file-too-large",
                f"the {what} file is {size:,} bytes; imports are limited to {MAX_BYTES:,} bytes",
                Location(1, 1),
                path=problems.path,
                hint="split the file, or check that this is the right file",
            )
        )
        return False
    return True


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def _json_too_deep(text: str) -> Location | None:
    """Where JSON nesting first goes deeper than :data:`MAX_DEPTH` (strings skipped), if it does."""
    depth = 0
    pos = 0
    for string in [*_JSON_STRING.finditer(text), None]:
        end = string.start() if string is not None else len(text)
        for m in _JSON_BRACKET.finditer(text, pos, end):
            if m.group() in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return _location_of(text, m.start())
            else:
                depth -= 1
        if string is not None:
            pos = string.end()
    return None


def _location_of(text: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(line, column)


def type_name(value: object) -> str:
    """How a JSON value's type reads in a message: ``an object``, ``a list`` …"""
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def read_json_object(text: str, problems: FormatProblems, what: str) -> dict[str, Any] | None:
    """The top-level JSON object of an interchange file (AIF, SADFace), or ``None``
    with a located ``format-error``."""
    doc = read_json(text, problems, what)
    if doc is None:
        return None
    if not isinstance(doc, dict):
        article = "an" if what[:1] in "AEIOU" else "a"
        problems.error(
            f'{article} {what} file holds a JSON object with "nodes" and "edges"; '
            f"this one holds {type_name(doc)}"
        )
        return None
    return doc


def read_json(text: str, problems: FormatProblems, what: str) -> Any:
    """The JSON value of ``text``, or ``None`` with a located ``format-error``."""
    if not check_size(text, problems, what):
        return None
    deep = _json_too_deep(text)
    if deep is not None:
        problems.error(
            f"the {what} JSON is nested more than {MAX_DEPTH} levels deep; refused",
            deep,
            hint=f"{what} files are shallow; this file is damaged or hostile",
        )
        return None
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as exc:
        problems.error(
            f'the {what} file gives the key "{exc.key[:60]}" twice in one object; '
            "which one is meant cannot be told",
            _key_location(text, exc.key),
            hint="remove one of them (JSON readers differ: some keep the first, some the last)",
        )
    except json.JSONDecodeError as exc:
        problems.error(f"the {what} file is not valid JSON: {exc.msg}", Location(exc.lineno, exc.colno))
    except (RecursionError, ValueError) as exc:  # ValueError: e.g. huge integer strings
        problems.error(f"the {what} file cannot be read as JSON: {str(exc)[:200]}")
    else:
        if "\\u" in text and _has_surrogate(doc):
            where = _LONE_SURROGATE.search(text)
            problems.error(
                f"the {what} file holds a lone surrogate escape (\\ud800-\\udfff), which is no character",
                _location_of(text, where.start()) if where else None,
                hint="the file is damaged or hostile; write the character itself, in UTF-8",
            )
            return None
        return doc
    return None


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


def _key_location(text: str, key: str) -> Location | None:
    """Where ``key`` stands as an object key for the second time (its first spelling)."""
    spelled = json.dumps(key)
    found = [m.start() for m in re.finditer(re.escape(spelled) + r"\s*:", text)]
    return _location_of(text, found[1]) if len(found) > 1 else None


_LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    r"|(?<![\\]u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _has_surrogate(value: Any) -> bool:
    """Whether a JSON value holds a lone surrogate anywhere (keys included); iterative."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if _SURROGATE.search(v):
                return True
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return False


_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class XmlDoc:
    """A parsed XML document and the line/column where each element starts."""

    root: Element
    locations: dict[int, Location]

    def where(self, element: Element) -> Location:
        return self.locations.get(id(element), Location())


def read_xml(text: str, problems: FormatProblems, what: str) -> XmlDoc | None:
    """Parse ``text`` with defusedxml: entity declarations, external entities and
    deep nesting are refused.  ``None`` with a located ``format-error`` if unusable."""
    if not check_size(text, problems, what):
        return None
    try:
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import DefusedXMLParser
    except ImportError:
        problems.error(
            f"reading {what} XML needs the `defusedxml` package",
            hint="install argmap's formats extra: pip install 'argmap[formats]'",
        )
        return None
    from xml.etree.ElementTree import ParseError, TreeBuilder

    locations: dict[int, Location] = {}
    depth = [0]
    too_deep: list[Location] = []

    class _Builder(TreeBuilder):
        def start(self, tag: str, attrs: dict[str, str]) -> Element:
            depth[0] += 1
            here = Location(expat.CurrentLineNumber, expat.CurrentColumnNumber + 1)
            if depth[0] > MAX_DEPTH and not too_deep:
                too_deep.append(here)
                raise _TooDeep
            element = super().start(tag, attrs)
            locations[id(element)] = here
            return element

        def end(self, tag: str) -> Element:
            depth[0] -= 1
            return super().end(tag)

    parser = DefusedXMLParser(target=_Builder(), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    expat = parser.parser
    try:
        parser.feed(text)
        root = parser.close()
    except _TooDeep:
        problems.error(f"the {what} XML is nested more than {MAX_DEPTH} levels deep; refused", too_deep[0])
        return None
    except DefusedXmlException as exc:
        where = Location(expat.CurrentLineNumber, expat.CurrentColumnNumber + 1)
        problems.error(
            f"the {what} XML declares entities or external references, which are refused "
            f"({type(exc).__name__})",
            where,
            hint="entity declarations can make a small file expand without end (a 'billion laughs' "
            "attack) or read other files; remove the <!DOCTYPE …> block",
        )
        return None
    except ParseError as exc:
        line, column = exc.position
        reason = _xml_reason(exc)
        problems.error(f"the {what} file is not well-formed XML: {reason}", Location(line, column + 1))
        return None
    return XmlDoc(root, locations)


class _TooDeep(Exception):
    pass


def _xml_reason(exc: Exception) -> str:
    return re.sub(r":\s*line \d+, column \d+$", "", str(exc))
