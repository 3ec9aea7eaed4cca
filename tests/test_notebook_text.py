"""What the teaching notebooks say in words agrees with what the kit does and draws.

These checks come from a reading of notebooks 01–06 as a newcomer would (issue 11): the
text had fallen behind the picture (arrows called *however* for objections, a *together*
box, a key "in the corner"), numbered two exercises alike, and quoted times the teacher's
guide did not share.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import argmap
from argmap.draw.theme import EDGES, JUNCTION, ROLES, EdgeKind
from argmap.draw.view import overview

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _cells(path: Path, kind: str) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind]


def _prose(path: Path) -> str:
    return "\n\n".join(_cells(path, "markdown"))


#: "marked *but*", "labelled **because**": the word a notebook says an arrow or a box carries.
_SAYS_THE_PICTURE_SHOWS = re.compile(r"\b(?:marked|labelled)\s+\*{1,2}([^*]+?)\*{1,2}", re.I)


def test_the_notebooks_exist() -> None:
    assert len(NOTEBOOKS) >= 9


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_words_said_to_be_on_the_picture_are_words_the_picture_uses(path: Path) -> None:
    drawn = {edge.word for edge in EDGES.values() if edge.word}
    drawn |= {node.word for node in (*ROLES.values(), JUNCTION)}
    for word in _SAYS_THE_PICTURE_SHOWS.findall(_prose(path)):
        assert any(d.lower().startswith(word.strip().lower()) for d in drawn), (
            f"{path.name} says the picture shows *{word}*; it draws only {sorted(drawn)}"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_an_objection_arrow_is_never_called_however(path: Path) -> None:
    # the picture's words: an objection's arrow says "but", a rebuttal's "however"
    assert (EDGES[EdgeKind.ATTACK].word, EDGES[EdgeKind.REBUTTAL].word) == ("but", "however")
    for sentence in re.split(r"(?<=[.!?])\s+|\n", _prose(path)):
        low = sentence.lower()
        if "objection" in low and "*however*" in low.replace("**", "*"):
            assert "rebuttal" in low, f"{path.name}: {sentence!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_notebook_points_at_something_the_picture_lacks(path: Path) -> None:
    prose = _prose(path).lower().replace("*", "")
    for phrase in (
        "key in the corner",
        "box marked together",
        "together box",
        "together junction",
        # before the overview (issue 16) a big map was drawn whole: its thesis on the left,
        # its evidence folded into "▸ N pieces of evidence", the answer key on one A3 page
        "thesis moves to the left",
        "▸ n pieces of evidence",
        "folded into ▸",
        "whole map on one a3 page",
    ):
        assert phrase not in prose, f"{path.name} still says {phrase!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercises_are_numbered_one_two_three(path: Path) -> None:
    numbers = [int(n) for n in re.findall(r"^#+\s*Exercise\s+(\d+)", _prose(path), flags=re.M)]
    assert numbers == list(range(1, len(numbers) + 1)), f"{path.name}: exercises {numbers}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_map_cells_are_switched_on_at_most_once(path: Path) -> None:
    loads = [c for c in _cells(path, "code") if c.strip() == "%load_ext argmap"]
    assert len(loads) <= 1, f"{path.name} loads the extension {len(loads)} times"


def test_the_teachers_guide_quotes_the_times_the_notebooks_state() -> None:
    guide = _prose(ROOT / "notebooks" / "07-teachers-guide.ipynb")
    said = re.search(r"about (\d+), (\d+), (\d+), (\d+) and (\d+) minutes for notebooks 1–5", guide)
    assert said, "the guide no longer lists the times of notebooks 1–5"
    stated = []
    for n in range(1, 6):
        (path,) = (ROOT / "notebooks").glob(f"0{n}-*.ipynb")
        first = _cells(path, "markdown")[0]
        time = re.search(r"\*\*Time:\*\* about (\d+) minutes", first)
        assert time, f"{path.name} states no time in its first cell"
        stated.append(time.group(1))
    assert list(said.groups()) == stated


#: "*▸ Line of support 3: Old mistrust*": a panel under the overview, named as the notebook display names it.
_PANEL = re.compile(r"(Line of support|Objection) (\d+): ([^*\n…]+?)\*")


def test_the_key_is_shown_as_an_overview_whose_panels_the_notebooks_name() -> None:
    # the answer key is too big for one screen: the notebooks teach its overview
    from argmap.draw.fit import choose

    key = argmap.load(ROOT / "notebooks" / "russia-iran.argdown")
    assert choose(key) == "overview"
    assert choose(key, detail="full") == "whole"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_panels_the_notebooks_name_are_lines_of_the_keys_overview(path: Path) -> None:
    key = argmap.load(ROOT / "notebooks" / "russia-iran.argdown")
    lines = {(line.number, line.title): line.attacks for line in overview(key).lines}
    for word, number, title in _PANEL.findall(_prose(path)):
        title = title.strip()
        assert (int(number), title) in lines, (
            f"{path.name} names the panel '{word} {number}: {title}'; the key's overview has {sorted(lines)}"
        )
        assert lines[int(number), title] == (word == "Objection"), f"{path.name}: {word} {number}"
