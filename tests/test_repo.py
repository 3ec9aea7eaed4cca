"""The repository's promises: the README's commands exist and are what CI runs,
environment.yml and pyproject.toml agree, the Argdown CLI is pinned, and the
scripts that set everything up are strict and executable."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - pytest itself depends on tomli before 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
DEV_SH = (ROOT / "dev.sh").read_text(encoding="utf-8")
CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")

#: What environment.yml installs that is not a Python package of pyproject's extras.
CONDA_ONLY = {"python", "pip", "graphviz", "nodejs"}
#: PyPI name -> conda-forge name, where they differ.
CONDA_NAME = {"graphviz": "python-graphviz"}
#: The extras environment.yml stands for: every one (a conda user runs the notebooks
#: and the tests from it).
ALL_EXTRAS = tuple(PYPROJECT["project"]["optional-dependencies"])
#: What `./dev.sh lab` installs.
LAB_EXTRAS = ("notebook", "pdf", "formats")

_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*?)\s*$")


def _split_requirement(req: str) -> tuple[str, str]:
    """'ipywidgets>=8' -> ('ipywidgets', '>=8'); names normalised as PEP 503 does."""
    m = _REQ.match(req.split(";")[0])
    assert m, req
    return re.sub(r"[-_.]+", "-", m.group(1)).lower(), m.group(3).replace(" ", "")


def _conda_dependencies() -> tuple[dict[str, str], list[str]]:
    """environment.yml's conda packages {name: version spec} and its pip lines.

    A small reader for the file's plain shape (a list under ``dependencies:`` and
    one ``pip:`` list), so the test needs no YAML library."""
    conda: dict[str, str] = {}
    pip: list[str] = []
    section = None
    for raw in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        line = raw.split(" #")[0].rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            section = line.rstrip(":")
            continue
        if section != "dependencies":
            continue
        item = line.strip()
        if item == "- pip:":
            section = "dependencies"
            pip_indent = len(line) - len(line.lstrip())
            pip.append("")  # marker: the pip list follows
            continue
        assert item.startswith("- "), raw
        indent = len(line) - len(line.lstrip())
        if pip and indent > pip_indent:
            pip.append(item[2:].strip())
            continue
        m = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$", item[2:].strip())
        assert m, raw
        conda[m.group(1).lower()] = m.group(2).replace(" ", "")
    return conda, [p for p in pip if p]


def _extras_requirements(names: tuple[str, ...]) -> dict[str, str]:
    """The core dependencies and those of the extras ``names``: {conda name: spec}."""
    extras = PYPROJECT["project"]["optional-dependencies"]
    reqs: dict[str, str] = {}
    for req in [*PYPROJECT["project"]["dependencies"], *(r for extra in names for r in extras[extra])]:
        name, spec = _split_requirement(req)
        if name != "argmap":  # an extra made of other extras (dev)
            reqs[CONDA_NAME.get(name, name)] = spec
    return reqs


def _shell_array(text: str, name: str) -> list[str]:
    m = re.search(rf"^\s*{name}=\(([^)]*)\)", text, re.MULTILINE)
    assert m, f"no {name}=(...) in the script"
    return m.group(1).split()


def _shell_value(text: str, name: str) -> str:
    m = re.search(rf'^{name}="?([^"\n]*)"?$', text, re.MULTILINE)
    assert m, f"no {name}=... in dev.sh"
    return m.group(1)


def _readme_commands() -> list[str]:
    """Every line of the README's shell code blocks, comments removed."""
    lines = []
    for block in re.findall(r"```(?:sh|bash|console)\n(.*?)```", README, re.DOTALL):
        for line in block.splitlines():
            cmd = line.split(" #")[0].strip()
            if cmd and not cmd.startswith("#"):
                lines.append(cmd)
    return lines


# --- environment.yml and pyproject.toml ------------------------------------------------------


def test_environment_yml_has_the_python_packages_of_every_extra() -> None:
    conda, _pip = _conda_dependencies()
    python_packages = {name: spec for name, spec in conda.items() if name not in CONDA_ONLY}
    assert python_packages == _extras_requirements(ALL_EXTRAS)


def test_environment_yml_asks_for_the_python_pyproject_requires() -> None:
    conda, _pip = _conda_dependencies()
    assert conda["python"] == PYPROJECT["project"]["requires-python"].replace(" ", "")


def test_environment_yml_installs_argmap_itself_editable() -> None:
    _conda, pip = _conda_dependencies()
    assert pip == ["-e ."]


def test_environment_yml_has_the_graphviz_program_and_python_graphviz_only_if_imported() -> None:
    conda, _pip = _conda_dependencies()
    assert "graphviz" in conda  # conda-forge's `graphviz` is the `dot` program
    imports_graphviz = any(
        re.search(r"^\s*(import graphviz|from graphviz import)", p.read_text(encoding="utf-8"), re.MULTILINE)
        for p in (ROOT / "src").rglob("*.py")
    )
    assert ("python-graphviz" in conda) == imports_graphviz


# --- dev.sh, .ci/run and the README ----------------------------------------------------------


def test_ci_runs_exactly_the_readme_test_command() -> None:
    assert "./dev.sh test" in _readme_commands()
    commands = [
        line.strip()
        for line in CI_RUN.splitlines()
        if line.strip() and not line.strip().startswith("#") and "./dev.sh" in line and "echo" not in line
    ]
    assert commands == ["exec ./dev.sh test"]
    assert "pytest" not in CI_RUN  # no second, different way of running the tests


@pytest.mark.parametrize("command", sorted(set(re.findall(r"\./dev\.sh (\w+)", README))), ids=str)
def test_readme_dev_sh_commands_exist(command: str) -> None:
    helped = subprocess.run(
        ["bash", str(ROOT / "dev.sh"), "help"], capture_output=True, text=True, check=True
    )
    assert re.search(rf"^  {command}\b", helped.stdout, re.MULTILINE), helped.stdout


def test_dev_sh_refuses_an_unknown_command_without_setting_anything_up() -> None:
    done = subprocess.run(["bash", str(ROOT / "dev.sh"), "frobnicate"], capture_output=True, text=True)
    assert done.returncode != 0
    # Its only own message is the refusal: no "argmap: apt-get …", "argmap: creating .venv …".
    assert [line for line in done.stderr.splitlines() if line.startswith("argmap:")] == [
        "argmap: unknown command 'frobnicate'"
    ]


_README_PATHS = sorted(
    {
        p
        for p in re.findall(r"`([\w./-]+)`", README)
        if "/" in p.rstrip("/") or p.endswith("/") or re.search(r"\.(yml|md|py|toml|cfg|json|argdown)$", p)
    }
    - {"/path/to/chromium"}
)
#: Made by the set-up, not committed (e.g. ./node_modules): not expected in a checkout.
_IGNORED = {
    line.strip().strip("/")
    for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    if line.strip()
}
_README_PATHS = [p for p in _README_PATHS if p.removeprefix("./").strip("/").split("/")[0] not in _IGNORED]


def _layout_rows() -> list[tuple[list[str], list[str]]]:
    """The README's table of layers: each row's folders and files (second column) and
    the bare file names its third column says are there."""
    section = README.split("### How the code is laid out", 1)[-1].split("\n#", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[1].startswith("`"):
            continue
        places = re.findall(r"`([\w./-]+)`", cells[1])
        names = [n for n in re.findall(r"`([\w.-]+\.py)`", cells[2])]
        rows.append((places, names))
    return rows


_LAYOUT_NAMES = {n for _, names in _layout_rows() for n in names}
_README_PATHS = [p for p in _README_PATHS if "/" in p or p not in _LAYOUT_NAMES]


@pytest.mark.parametrize("path", _README_PATHS, ids=str)
def test_files_the_readme_names_exist(path: str) -> None:
    assert (ROOT / path).exists()


def test_the_layout_table_names_files_where_they_are() -> None:
    """A bare file name in the README's table of layers is in a folder that row names
    (or beside a file it names)."""
    rows = _layout_rows()
    assert len(rows) >= 8
    for places, names in rows:
        folders = [ROOT / p if p.endswith("/") else (ROOT / p).parent for p in places]
        for name in names:
            assert any((f / name).exists() for f in folders), (name, places)


def test_dev_sh_extras_are_pyproject_extras() -> None:
    extras = PYPROJECT["project"]["optional-dependencies"]
    lab = _shell_value(DEV_SH, "LAB_EXTRAS").split(",")
    test = _shell_value(DEV_SH, "TEST_EXTRAS").split(",")
    assert tuple(lab) == LAB_EXTRAS
    assert set(lab) <= set(extras) and set(test) <= set(extras)
    # `dev` brings everything `lab` has, plus the test tools: ./dev.sh test needs no second install.
    assert test == ["dev"]
    assert extras["dev"][0] == f"argmap[{','.join([*LAB_EXTRAS, 'test', 'lite'])}]"  # lite: the site's test


def test_ci_installs_every_system_package_that_dev_sh_test_needs() -> None:
    needed = set(_shell_array(DEV_SH, "TEST_DEBS"))
    installed = set(_shell_array(CI_RUN, "want"))
    # node and npm may come from elsewhere (NodeSource's node brings npm), so .ci/run adds them when missing.
    assert needed - installed == {"nodejs", "npm"}
    assert "want+=(nodejs)" in CI_RUN and "want+=(npm)" in CI_RUN
    assert set(_shell_array(DEV_SH, "LAB_DEBS")) <= needed


def test_dev_sh_test_makes_missing_tools_fail_rather_than_skip() -> None:
    for name in (
        "ARGMAP_REQUIRE_GRAPHVIZ=1",
        "ARGMAP_REQUIRE_ORACLE=1",
        "ARGMAP_ARGDOWN_CLI=",
        "ARGMAP_CHROMIUM=",
    ):
        assert f"export {name}" in DEV_SH


@pytest.mark.parametrize("script", ["dev.sh", ".ci/run"], ids=str)
def test_scripts_are_strict_and_executable(script: str) -> None:
    text = (ROOT / script).read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "\nset -euo pipefail\n" in text
    if shutil.which("git") and (ROOT / ".git").exists():
        staged = subprocess.run(
            ["git", "ls-files", "-s", "--", script], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        if staged:  # committed: a fresh clone gets the mode stored here
            assert staged.startswith("100755 "), staged
    assert os.access(ROOT / script, os.X_OK)


# --- the Argdown CLI pin and the stored notebooks -------------------------------------------


def test_argdown_cli_is_pinned_to_1_7_5_in_package_json_and_lock() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    # the Argdown CLI (the oracle), JupyterHub's proxy (tests/test_jupyterhub.py), Pyodide and
    # Graphviz in WebAssembly (the JupyterLite site, tests/test_lite.py), all pinned
    assert package["devDependencies"] == {
        "@argdown/cli": "1.7.5",
        "configurable-http-proxy": "5.3.0",
        "@hpcc-js/wasm-graphviz": "1.29.2",
        "pyodide": "314.0.6",
    }
    assert lock["packages"][""]["devDependencies"] == package["devDependencies"]
    assert lock["packages"]["node_modules/@argdown/cli"]["version"] == "1.7.5"


def test_notebooks_are_stored_without_outputs() -> None:
    """Learners open the notebooks with no answer on screen; CI runs them (nbval --nbval-lax)."""
    with_outputs = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for k, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count")):
                with_outputs.append(f"{path.name} cell {k}")
    assert not with_outputs, f"clear the outputs before committing: {with_outputs}"


def test_dev_sh_runs_the_notebooks_in_lax_mode() -> None:
    text = (ROOT / "dev.sh").read_text(encoding="utf-8")
    assert "--nbval-lax" in text


# --- the benchmark map generator --------------------------------------------------------------


def _generate_module():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "argmap_bench_generate", ROOT / "benchmarks" / "generate.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("n", [1, 2, 7, 200], ids=lambda n: f"{n}-statements")
def test_generated_map_defines_exactly_n_statements_the_same_way_each_time(n: int) -> None:
    make_map = _generate_module().make_map
    text = make_map(n, seed=5)
    defined = re.findall(r"^\s*(?:\(\d+\)\s*|[+\-_]\s+)?\[([^\]]+)\]:", text, re.MULTILINE)
    assert len(defined) == len(set(defined)) == n
    assert text == make_map(n, seed=5) != make_map(n, seed=6)


def test_generated_map_and_its_source_are_read_by_argmap_without_a_diagnostic(tmp_path: Path) -> None:
    import argmap

    generate = _generate_module()
    (tmp_path / "map.argdown").write_text(generate.make_map(300, seed=1, source="text.txt"), encoding="utf-8")
    (tmp_path / "text.txt").write_text(generate.make_source(300, seed=1), encoding="utf-8")
    report = argmap.check(tmp_path / "map.argdown")
    assert [d.format() for d in report.diagnostics] == []
    counts = report.counts()
    assert counts["statements"] == 300
    assert counts["roles"]["thesis"] == 1 and counts["roles"]["assumption"] > 0
    assert counts["relations"]["undercut"] > 0


@pytest.mark.argdown
def test_argdown_cli_counts_the_same_statements_in_a_generated_map(tmp_path: Path) -> None:
    cli = os.environ.get("ARGMAP_ARGDOWN_CLI") or str(ROOT / "node_modules" / ".bin" / "argdown")
    if not os.access(cli, os.X_OK):
        if os.environ.get("ARGMAP_REQUIRE_ORACLE") == "1":
            pytest.fail(f"the Argdown CLI is not at {cli} (run ./dev.sh test, or npm ci)")
        pytest.skip("the Argdown CLI is not installed (npm ci)")
    (tmp_path / "map.argdown").write_text(_generate_module().make_map(200, seed=1), encoding="utf-8")
    subprocess.run(
        [cli, "json", "map.argdown", "out"], cwd=tmp_path, capture_output=True, check=True, timeout=120
    )
    model = json.loads((tmp_path / "out" / "map.json").read_text(encoding="utf-8"))
    assert len(model["statements"]) == 200
    kinds = {r["relationType"] for r in model["relations"]}
    assert {"support", "attack", "undercut"} <= kinds
