"""The class's notebooks where a class runs them: only ``notebooks/`` copied (as on a
JupyterHub), the class folder named by ``ARGMAP_CLASS_DIR``, an empty class."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

import argmap  # noqa: E402
from argmap.annotations import AnnotationStore, learner_file_name  # noqa: E402

pytestmark = [pytest.mark.graphviz, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]


def _run(folder: Path, name: str, env: dict[str, str]) -> str:
    """Run a notebook top to bottom in ``folder``; return its printed text (errors fail)."""
    nb = nbformat.read(folder / name, as_version=4)
    old = dict(os.environ)
    os.environ.update(env)
    try:
        nbclient.NotebookClient(
            nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
        ).execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    text = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text.append(out.get("text", ""))
            text.append(str(out.get("data", {}).get("text/plain", "")))
    return "\n".join(text)


@pytest.fixture
def notebooks_only(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("09-seminar.ipynb", "russia-iran.argdown", "russia-iran-oped.txt"):
        shutil.copy(ROOT / "notebooks" / name, folder / name)
    return folder


def test_seminar_notebook_with_an_empty_class_folder_says_so(notebooks_only: Path, tmp_path: Path) -> None:
    """It used to say '0 learners … the class agrees' and then show a traceback."""
    empty = tmp_path / "class"
    empty.mkdir()
    text = _run(notebooks_only, "09-seminar.ipynb", {"ARGMAP_CLASS_DIR": str(empty)})
    assert "has no learner files yet" in text and "ARGMAP_CLASS_DIR" in text
    assert "0 learners" in text
    assert "No learner maps" in text


def test_seminar_notebook_reads_the_class_folder_the_setting_names(
    notebooks_only: Path, tmp_path: Path
) -> None:
    m = argmap.load(notebooks_only / "russia-iran.argdown")
    folder = tmp_path / "class"
    for who, j in (("Ана", "reject"), ("Léa", "accept")):
        store = AnnotationStore(folder / learner_file_name("russia-iran", who), m, learner=who)
        store.update(lambda a, j=j: a.with_judgement("[Either-or]", j))
    shutil.copy(ROOT / "examples" / "seminar" / "learner-weak.argdown", folder / "ben.argdown")
    shutil.copy(ROOT / "notebooks" / "russia-iran-oped.txt", folder / "russia-iran-oped.txt")
    (folder / "zoe.argdown").write_text('[T]: unclosed {quote: "x\n', encoding="utf-8")
    text = _run(notebooks_only, "09-seminar.ipynb", {"ARGMAP_CLASS_DIR": str(folder)})
    assert "has 2 learner files" in text and "2 learners" in text
    assert "ben " in text and "of 100" in text
    assert "zoe.argdown was not compared" in text  # one bad map is named, the rest go on
