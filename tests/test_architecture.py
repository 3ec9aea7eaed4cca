"""The code keeps the shape docs/architecture.md describes.

- import-linter's layers contract (``[tool.importlinter]`` in pyproject.toml) passes:
  no module imports from a layer above its own, imports inside functions included;
- no import loop between modules, imports inside functions included;
- no module imports another module's private (``_underscore``) names;
- no function above cyclomatic complexity 25 and no module above 600 lines.

The last three are ratchets while the reshaping goes on: the ``KNOWN_…`` tables list
what still breaks the rule today.  A new offender fails the test, and so does a
listed one that no longer offends (take it off the list), so the lists only shrink.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "argmap"

MAX_COMPLEXITY = 25
MAX_LINES = 600

#: Functions above MAX_COMPLEXITY today ("module:qualified name").
KNOWN_COMPLEX: set[str] = {
    "annotations/schema.py:_from_json",
    "annotations/store.py:describe_change",
    "formats/_graph.py:_roles",
    "formats/_graph.py:build",
    "formats/aif.py:dumps_aif",
    "formats/aif.py:loads_aif",
    "formats/microtexts.py:_read",
    "formats/sadface.py:loads_sadface",
    "draw/outline.py:to_outline",
    "classroom/seminar.py:ClassView.marks",
    "checking/source.py:Source._closest",
    "classroom/teaching.py:review",
}

#: Private names that one module imports from another today ("module: name from module").
KNOWN_PRIVATE: set[str] = {
    "annotations/schema.py: _ADDED_ID from argmap.annotations.keys",
    "annotations/schema.py: _check_added_target from argmap.annotations.values",
    "annotations/store.py: _check_size from argmap.annotations.schema",
    "annotations/store.py: _now from argmap.annotations.vocabulary",
    "annotations/values.py: _ADDED_ID from argmap.annotations.keys",
    "annotations/values.py: _as_key from argmap.annotations.keys",
    "annotations/values.py: _check_text from argmap.annotations.vocabulary",
    "annotations/values.py: _choices from argmap.annotations.vocabulary",
    "annotations/values.py: _now from argmap.annotations.vocabulary",
}

#: Import loops today (the modules of each, sorted).
KNOWN_LOOPS: set[tuple[str, ...]] = {
    ("argmap.annotations.identity", "argmap.annotations.values"),
}

#: Modules above MAX_LINES today.
KNOWN_LONG: set[str] = {
    "judge/compare.py",
    "judge/evaluate.py",
    "classroom/seminar.py",
    "checking/source.py",
    "classroom/teaching.py",
    "checking/validate.py",
    "widgets/annotator.py",
}


def _modules() -> Iterator[Path]:
    yield from sorted(p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


def _module_name(path: Path) -> str:
    parts = ["argmap", *path.relative_to(SRC).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _ratchet(found: set[str], known: set[str], what: str) -> None:
    new, gone = sorted(found - known), sorted(known - found)
    message = []
    if new:
        message.append(f"new {what}: {new}")
    if gone:
        message.append(f"no longer {what} (take them off the list in this test): {gone}")
    assert not message, "; ".join(message)


def test_the_layers_contract_is_kept() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    tool = str(exe) if exe.exists() else shutil.which("lint-imports")
    if not tool:
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    done = subprocess.run([tool, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def _imports(path: Path) -> Iterator[tuple[str, list[str], int]]:
    """(imported module, names taken from it, line) for every import in ``path``,
    those inside functions included."""
    here = _module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [a.name for a in node.names]
            if not node.module:  # from . import x: each name is a module
                for name in names:
                    yield f"{target}.{name}", [], node.lineno
            else:
                yield target, names, node.lineno


def test_no_import_loops() -> None:
    paths = {_module_name(p): p for p in _modules()}
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        for target, _, _ in _imports(path):
            if target in paths and target != name and not name.startswith(target + "."):
                graph[name].add(target)
    loops = {tuple(sorted(c)) for c in _strongly_connected(graph) if len(c) > 1}
    _ratchet({" ".join(c) for c in loops}, {" ".join(c) for c in KNOWN_LOOPS}, "import loops")


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    out.append(component)
    return out


def test_no_module_imports_another_modules_private_names() -> None:
    found = set()
    for path in _modules():
        for target, names, _line in _imports(path):
            if not target.startswith("argmap"):
                continue
            for imported in names:
                if imported.startswith("_") and not imported.startswith("__"):
                    found.add(f"{_name(path)}: {imported} from {target}")
    _ratchet(found, KNOWN_PRIVATE, "private names imported from another module")


def test_function_complexity() -> None:
    cc = pytest.importorskip("radon.complexity", reason="radon is not installed (pip install -e '.[dev]')")
    found = set()
    for path in _modules():
        for block in cc.cc_visit(path.read_text(encoding="utf-8")):
            blocks = [block, *getattr(block, "methods", []), *getattr(block, "closures", [])]
            for b in blocks:
                if b.complexity > MAX_COMPLEXITY and type(b).__name__ == "Function":
                    owner = f"{b.classname}." if getattr(b, "classname", None) else ""
                    found.add(f"{_name(path)}:{owner}{b.name}")
    _ratchet(found, KNOWN_COMPLEX, f"functions above complexity {MAX_COMPLEXITY}")


def test_module_length() -> None:
    found = {_name(p) for p in _modules() if len(p.read_text(encoding="utf-8").splitlines()) > MAX_LINES}
    _ratchet(found, KNOWN_LONG, f"modules above {MAX_LINES} lines")


def test_notebooks_import_only_the_public_api() -> None:
    """A notebook imports from ``argmap`` and ``argmap.widgets`` only: what it uses is
    the public API, so the modules behind it can move."""
    import json

    found = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            for line in "".join(cell["source"]).splitlines():
                hit = re.match(r"\s*(?:from|import)\s+(argmap[\w.]*)", line)
                if hit and hit.group(1) not in ("argmap", "argmap.widgets"):
                    found.append(f"{path.name}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_public_api_names_resolve() -> None:
    import argmap

    missing = [name for name in argmap.__all__ if getattr(argmap, name, None) is None]
    assert not missing
