"""Run the Argdown CLI (npm ``@argdown/cli`` 1.7.5) as an oracle for the parser.

Where the CLI is found: ``$ARGMAP_ARGDOWN_CLI``, then ``node_modules/.bin/argdown``
in the repository, then ``argdown`` on PATH.  Without it the oracle tests are
skipped — unless ``ARGMAP_REQUIRE_ORACLE=1`` (as in CI), when they fail.

The CLI starts in about half a second, so :func:`export_json` runs it once for
a whole set of files (copied into one temporary folder).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from argmap.argdown import relation_type

ROOT = Path(__file__).resolve().parent.parent


def find_cli() -> str | None:
    env = os.environ.get("ARGMAP_ARGDOWN_CLI")
    if env:
        return env if Path(env).exists() else None
    local = ROOT / "node_modules" / ".bin" / "argdown"
    if local.exists():
        return str(local)
    return shutil.which("argdown")


def require_cli() -> str:
    """The CLI's path; skips the test without it (fails if ARGMAP_REQUIRE_ORACLE=1)."""
    cli = find_cli()
    if cli is None:
        message = (
            "the Argdown CLI is not installed: npm install --prefix <dir> @argdown/cli@1.7.5 "
            "and set ARGMAP_ARGDOWN_CLI=<dir>/node_modules/.bin/argdown"
        )
        if os.environ.get("ARGMAP_REQUIRE_ORACLE") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return cli


def export_json(texts: dict[str, str]) -> tuple[dict[str, dict[str, Any] | None], str]:
    """Run ``argdown json`` once on several texts (name → text).

    Returns name → the exported JSON (None where Argdown refused the file) and the CLI's log.
    """
    cli = require_cli()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        out = Path(tmp) / "out"
        src.mkdir()
        for name, text in texts.items():
            (src / f"{name}.argdown").write_text(text, encoding="utf-8")
        proc = subprocess.run(
            [cli, "json", str(src / "*.argdown"), str(out)],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"},
        )
        result: dict[str, dict[str, Any] | None] = {}
        for name in texts:
            f = out / f"{name}.json"
            result[name] = json.loads(f.read_text(encoding="utf-8")) if f.exists() else None
        return result, proc.stdout + proc.stderr


def summary(exported: dict[str, Any]) -> dict[str, Any]:
    """What the oracle comparison looks at, from Argdown's JSON."""
    pcs = {}
    for title, arg in exported["arguments"].items():
        lines = arg.get("pcs") or []
        if not lines:
            continue
        pcs[title] = (
            [s["title"] for s in lines if s["role"] == "premise"],
            [s["title"] for s in lines if s["role"] != "premise"],
        )
    return {
        "statements": set(exported["statements"]),
        "arguments": set(exported["arguments"]),
        "relations": Counter((r["relationType"], r["from"], r["to"]) for r in exported["relations"]),
        "pcs": pcs,
    }


def model_summary(m: Any) -> dict[str, Any]:
    """The same summary, from an argmap ArgumentMap."""
    pcs = {}
    for a in m.arguments:
        if a.lines:
            concluded = [i.conclusion for i in a.inferences]
            numbered = {i.conclusion: True for i in a.inferences}
            pcs[a.title] = (
                [line.statement for n, line in enumerate(a.lines) if not _is_conclusion(a, n, numbered)],
                concluded,
            )
    return {
        "statements": {s.title for s in m.statements},
        "arguments": {a.title for a in m.arguments},
        "relations": Counter((relation_type(m, r), r.source.title, r.target.title) for r in m.relations),
        "pcs": pcs,
    }


def _is_conclusion(a: Any, n: int, numbered: dict[str, bool]) -> bool:
    # line n is a conclusion if an inference bar stands right before it
    k = 0
    for i, line in enumerate(a.lines):
        if i > 0 and k < len(a.inferences) and a.inferences[k].conclusion == line.statement:
            if i == n:
                return True
            k += 1
    return False
