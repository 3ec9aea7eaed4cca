"""YAML as Argdown reads it: the front matter and block data (``{`` then a line break).

Read with PyYAML in safe mode (no Python objects), and closer to the YAML 1.2
core schema that Argdown's js-yaml uses than PyYAML's YAML 1.1: ``yes``/``no``/
``on``/``off`` and ``1:20`` stay text, dates stay text, ``0o17`` is octal.  Hostile
input stays harmless: aliases (``*a``, the "billion laughs") are refused, nesting
is capped at :data:`MAX_DEPTH`, and an integer too long for Python's ``int`` stays
text.  Values are plain ``dict``/``list``/``str``/``int``/``float``/``bool``/``None``;
keys are strings.

>>> load("title: A map\\nmodel:\\n  mode: strict\\nok: yes\\n")
{'title': 'A map', 'model': {'mode': 'strict'}, 'ok': 'yes'}
>>> load("a: [1,\\n  2")
Traceback (most recent call last):
...
argmap.argdown.yamldata.YAMLDataError: 2:4: expected ',' or ']', but got '<stream end>'
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .data import typed

__all__ = ["MAX_DEPTH", "YAMLDataError", "load"]

#: Mappings and lists may nest this deep (a deeper block is refused, not a RecursionError).
MAX_DEPTH = 64
_MAX_INT_DIGITS = 1000


class YAMLDataError(ValueError):
    """Invalid YAML; ``line`` and ``column`` (1-based) are where, in the text given."""

    def __init__(self, message: str, line: int, column: int):
        super().__init__(f"{line}:{column}: {message}")
        self.message = message
        self.line = line
        self.column = column


def _mark(node_or_event: Any) -> tuple[int, int]:
    mark = getattr(node_or_event, "start_mark", None)
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Loader(yaml.SafeLoader):  # type: ignore[misc]
    """SafeLoader without aliases, with a depth cap and YAML 1.2 core scalars."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}

    def __init__(self, stream: str):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YAMLDataError("aliases (*name) are not supported; write the value out", *_mark(event))
        event = self.peek_event()
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise YAMLDataError(f"the data nests more than {MAX_DEPTH} levels deep", *_mark(event))
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1
        return super().compose_node(parent, index)

    def construct_yaml_int(self, node: Any) -> Any:
        text = str(self.construct_scalar(node)).replace("_", "")
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        if len(digits) > _MAX_INT_DIGITS:
            return str(node.value)
        if digits.startswith("0x"):
            return sign * int(digits[2:], 16)
        if digits.startswith("0o"):
            return sign * int(digits[2:], 8)
        return sign * int(digits)

    def construct_yaml_float(self, node: Any) -> Any:
        return typed(str(self.construct_scalar(node)))


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _plain(value: Any, depth: int = 0) -> Any:
    """Only JSON-like values: other types (bytes, sets, dates) become text, keys strings."""
    if isinstance(value, str) and _SURROGATE.search(value):
        raise YAMLDataError("a lone surrogate (e.g. \\ud800) is not a character; remove it", 1, 1)
    if isinstance(value, dict):
        return {_key(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, depth + 1) for v in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (set, frozenset)):
        return [_plain(v, depth + 1) for v in sorted(value, key=str)]
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value)


def _key(k: Any) -> str:
    if k is None:
        return "null"
    if isinstance(k, bool):
        return "true" if k else "false"
    return _plain(str(k)) if not isinstance(k, (list, tuple, dict)) else repr(_plain(k))


def load(text: str) -> Any:
    """The YAML value of ``text`` (``None`` for an empty text); :class:`YAMLDataError` if invalid."""
    loader = _Loader(text)
    try:
        return _plain(loader.get_single_data())
    except YAMLDataError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = exc.problem or exc.context or "invalid YAML"
        raise YAMLDataError(message, line, column) from None
    except yaml.YAMLError as exc:
        raise YAMLDataError(str(exc).splitlines()[0] if str(exc) else "invalid YAML", 1, 1) from None
    except (ValueError, RecursionError) as exc:
        raise YAMLDataError(f"unreadable value ({type(exc).__name__})", 1, 1) from None
    finally:
        loader.dispose()
