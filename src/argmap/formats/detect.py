"""Which interchange format a file is in: from its extension and, for ``.json``
and ``.xml``, from a look at its content.

>>> detect_format("map.argdown")
'argdown'
>>> detect_format("x.json", '{"nodes": [{"nodeID": "1", "type": "I"}], "edges": []}')
'aif'
>>> detect_format("x.json", '{"nodes": [{"id": "a", "type": "atom"}], "edges": []}')
'sadface'
"""

from __future__ import annotations

import os
import re

__all__ = ["FORMATS", "detect_format"]

#: The formats argmap reads, with what each is.
FORMATS: dict[str, str] = {
    "argdown": "Argdown text (.argdown, .ad)",
    "aif": "Argument Interchange Format JSON, as AIFdb and OVA write it (.json)",
    "microtexts": "ArgGraph XML of the Potsdam argumentative microtext corpus (.xml)",
    "sadface": "SADFace JSON (.json)",
}

_EXTENSIONS = {
    ".argdown": "argdown",
    ".ad": "argdown",
    ".aif": "aif",
    ".sadface": "sadface",
}
_AIF = re.compile(r'"(?:nodeID|fromID|toID|locutions)"\s*:')
_SADFACE = re.compile(r'"(?:source_id|target_id|resources)"\s*:|"type"\s*:\s*"(?:atom|scheme)"')
_ARGGRAPH = re.compile(r"<(?:[\w.-]+:)?arggraph[\s>/]")


def detect_format(path: str | os.PathLike[str], text: str | None = None) -> str | None:
    """The format of the file at ``path`` (``text``: its content, if read), or
    ``None`` when neither the name nor the content tells."""
    name = os.fspath(path).lower()
    if name.endswith(".aif.json"):
        return "aif"
    if name.endswith(".sadface.json"):
        return "sadface"
    ext = os.path.splitext(name)[1]
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    if text is None:
        return None
    head = text[:65536]
    if ext == ".json" or (ext not in (".xml",) and head.lstrip().startswith(("{", "["))):
        aif, sadface = _AIF.search(head), _SADFACE.search(head)
        if aif and not sadface:
            return "aif"
        if sadface and not aif:
            return "sadface"
        if aif and sadface:
            return "aif" if aif.start() < sadface.start() else "sadface"
        return None
    if ext == ".xml":  # the one XML format argmap reads: its reader says what is wrong
        return "microtexts"
    if head.lstrip().startswith("<"):
        return "microtexts" if _ARGGRAPH.search(head) else None
    return None
