"""Shared fixtures: maps built from the model, and the ``graphviz`` marker.

Tests that run Graphviz's ``dot`` carry ``@pytest.mark.graphviz``.  They are
skipped when ``dot`` is missing, unless ``ARGMAP_REQUIRE_GRAPHVIZ=1`` (CI), in
which case they run and fail.
"""

from __future__ import annotations

import os
import shlex
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.model import (
    Anchor,
    Argument,
    ArgumentMap,
    Inference,
    NodeRef,
    PCSLine,
    Relation,
    RelationKind,
    Role,
    Statement,
)

S, R, N = Statement, Relation, NodeRef


def dot_available() -> bool:
    return shutil.which("dot") is not None


def needs_dot() -> pytest.MarkDecorator:
    """``@needs_dot()``: the same as ``@pytest.mark.graphviz``."""
    return pytest.mark.graphviz


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if dot_available() or os.environ.get("ARGMAP_REQUIRE_GRAPHVIZ") == "1":
        return
    skip = pytest.mark.skip(
        reason="Graphviz `dot` not installed (set ARGMAP_REQUIRE_GRAPHVIZ=1 to fail instead)"
    )
    for item in items:
        if "graphviz" in item.keywords:
            item.add_marker(skip)


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: only called under ``pytest -n N``
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """Under ``-n N`` a file's tests stay in one worker (tests/workers.py says why and
    how): plain ``--dist load`` would split a notebook's cells across kernels."""
    if config.getvalue("dist") not in ("load", "loadfile"):
        return None  # another mode asked for by name: xdist's own
    from workers import FileScheduling

    return FileScheduling(config, log)


def make_sample_map() -> ArgumentMap:
    """A small map with every role and relation kind, a PCS and an unconnected statement."""
    statements = (
        S("Convenience", "Russia and Iran are partners of convenience, not conviction.", Role.THESIS),
        S("Sanctions", "Both are under Western sanctions and need each other.", Role.CLAIM),
        S(
            "Drones",
            "Iran sold Shahed drones to Russia.",
            Role.EVIDENCE,
            data={"basis": "fact", "quote": "Tehran shipped hundreds of Shahed drones to Moscow in 2022"},
            anchor=Anchor("Tehran shipped", "", "", 0, 14, 3),
        ),
        S("Shared enemy", "A shared enemy makes a partnership of convenience.", Role.ASSUMPTION),
        S("Treaty", "They signed a strategic partnership treaty in 2025.", Role.OBJECTION),
        S("No defence clause", "The treaty has no mutual-defence clause.", Role.REBUTTAL),
        S("Lonely", "An unconnected statement.", Role.CLAIM),
        S("Oil", "They compete for the same oil buyers.", Role.CLAIM),
    )
    need = Argument(
        "Need",
        "",
        lines=(PCSLine(1, "Sanctions"), PCSLine(2, "Shared enemy"), PCSLine(3, "Convenience")),
        inferences=(
            Inference(("Sanctions", "Shared enemy"), "Convenience", data={"scheme": "cause-to-effect"}),
        ),
    )
    arms = Argument("Arms deals", "Arms deals happen only when useful.")
    relations = (
        R(RelationKind.SUPPORT, N.argument("Need"), N.statement("Convenience")),
        R(RelationKind.SUPPORT, N.statement("Drones"), N.statement("Sanctions")),
        R(RelationKind.ATTACK, N.statement("Treaty"), N.statement("Convenience")),
        R(RelationKind.ATTACK, N.statement("No defence clause"), N.statement("Treaty")),
        R(RelationKind.UNDERCUT, N.argument("Arms deals"), N.argument("Need")),
        R(RelationKind.CONTRARY, N.statement("Treaty"), N.statement("Sanctions")),
        R(RelationKind.CONTRADICTORY, N.statement("Oil"), N.statement("Sanctions")),
    )
    return ArgumentMap(
        statements=statements, arguments=(need, arms), relations=relations, front={"title": "Op-ed"}
    )


def make_chain_map(n: int, *, fan: int = 3) -> ArgumentMap:
    """``n`` statements: a thesis and a tree of reasons (each supports statement ``i // fan``),
    every fifth one an objection, every seventh an assumption joined in a linked argument."""
    roles = [Role.THESIS] + [
        Role.OBJECTION if i % 5 == 0 else Role.ASSUMPTION if i % 7 == 0 else Role.CLAIM for i in range(1, n)
    ]
    statements = tuple(
        S(f"S{i}", f"Statement number {i} says something fairly ordinary about the matter.", roles[i])
        for i in range(n)
    )
    relations = []
    arguments = []
    for i in range(1, n):
        parent = (i - 1) // fan
        if roles[i] is Role.ASSUMPTION:
            arguments.append(
                Argument(
                    f"A{i}",
                    lines=(PCSLine(1, f"S{i}"), PCSLine(2, f"S{i - 1}"), PCSLine(3, f"S{parent}")),
                    inferences=(Inference((f"S{i}", f"S{i - 1}"), f"S{parent}"),),
                )
            )
            continue
        kind = RelationKind.ATTACK if roles[i] is Role.OBJECTION else RelationKind.SUPPORT
        relations.append(R(kind, N.statement(f"S{i}"), N.statement(f"S{parent}")))
    return ArgumentMap(statements=statements, arguments=tuple(arguments), relations=tuple(relations))


@pytest.fixture
def sample_map() -> ArgumentMap:
    return make_sample_map()


class DotRuns:
    """How many times Graphviz's ``dot`` ran since the fixture started or :meth:`reset`:
    ``count``, and ``calls`` (each run's arguments, e.g. ``"-Tsvg"``)."""

    def __init__(self, log: Path) -> None:
        self.log = log

    @property
    def calls(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []

    @property
    def count(self) -> int:
        return len(self.calls)

    def reset(self) -> None:
        self.log.write_text("", encoding="utf-8")

    def __repr__(self) -> str:
        return f"DotRuns(count={self.count}, calls={self.calls!r})"


@pytest.fixture
def dot_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DotRuns]:
    """Counts Graphviz runs: a ``dot`` first on PATH that logs one line per run, then
    execs the real ``dot``.  argmap looks ``dot`` up on PATH at each run (also behind
    its ``setpriv --pdeathsig KILL --`` prefix), so every run goes through it."""
    real = shutil.which("dot")
    if real is None:
        if os.environ.get("ARGMAP_REQUIRE_GRAPHVIZ") == "1":
            pytest.fail("Graphviz `dot` is not installed")
        pytest.skip("Graphviz `dot` not installed")
    folder = tmp_path / "dot-runs-bin"
    folder.mkdir()
    log = tmp_path / "dot-runs.log"
    wrapper = folder / "dot"
    script = f"""#!/bin/sh
printf '%s\\n' "$*" >> {shlex.quote(str(log))}
exec {shlex.quote(real)} "$@"
"""
    wrapper.write_text(script, encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    runs = DotRuns(log)
    runs.reset()
    yield runs
