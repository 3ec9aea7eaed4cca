"""Argdown out for everything that comes in, and Argdown → argmap → AIF → argmap."""

from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from argmap.argdown import parse
from argmap.formats import dumps, load_any, loads_aif

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "formats"
FIXTURES = sorted(p for sub in ("aif", "microtexts", "sadface") for p in (DATA / sub).iterdir())
IDS = [f"{p.parent.name}-{p.stem}" for p in FIXTURES]
ARGDOWN_MAPS = sorted((ROOT / "notebooks").glob("*.argdown")) + sorted(
    (ROOT / "tests" / "data").glob("valid/*.argdown")
)


def argdown_cli() -> str | None:
    """The Argdown CLI, found as the repository's other oracle tests find it."""
    for candidate in (
        os.environ.get("ARGMAP_ARGDOWN_CLI"),
        str(ROOT / "node_modules" / ".bin" / "argdown"),
        "/tmp/argdown/node_modules/.bin/argdown",
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_imported_map_written_as_argdown_parses_back_the_same(path: Path) -> None:
    m, _ = load_any(path)
    text = dumps(m, "argdown")
    again, diagnostics = parse(text)
    assert [d.format() for d in diagnostics if d.is_error] == []
    assert again.statements == m.statements
    assert again.arguments == m.arguments
    assert again.relations == m.relations


@pytest.mark.argdown
@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_imported_map_written_as_argdown_parses_in_argdowns_cli(path: Path, tmp_path: Path) -> None:
    cli = argdown_cli()
    if cli is None:
        if os.environ.get("ARGMAP_REQUIRE_ORACLE") == "1":
            pytest.fail("the Argdown CLI is not installed (npm ci)")
        pytest.skip("the Argdown CLI is not installed (npm ci)")
    m, _ = load_any(path)
    (tmp_path / "map.argdown").write_text(dumps(m, "argdown"), encoding="utf-8")
    done = subprocess.run(
        [cli, "json", "map.argdown", "out"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "syntax error" not in (done.stdout + done.stderr).lower()
    model = json.loads((tmp_path / "out" / "map.json").read_text(encoding="utf-8"))
    assert len(model["statements"]) == len(m.statements)
    assert len(model["arguments"]) == len(m.arguments)


@pytest.mark.parametrize("path", ARGDOWN_MAPS, ids=[p.stem for p in ARGDOWN_MAPS])
def test_argdown_through_aif_keeps_statements_and_relations(path: Path) -> None:
    m, diagnostics = parse(path.read_text(encoding="utf-8"), str(path))
    assert [d.format() for d in diagnostics if d.is_error] == []
    again, problems = loads_aif(dumps(m, "aif"))
    assert [d.format() for d in problems] == []
    assert len(again.statements) == len(m.statements)
    assert Counter(r.kind for r in again.relations) == Counter(r.kind for r in m.relations)
    assert {s.title: (s.text, s.role) for s in again.statements} == {
        s.title: (s.text, s.role) for s in m.statements
    }
    assert sum(1 for _ in again.inferences) == sum(1 for _ in m.inferences)
    assert {a.title for a in m.arguments if len(a.inferences) <= 1} <= {a.title for a in again.arguments}
