"""A title used but never defined that looks like a defined one: ``similar-title``.

Argdown reads ``[Carfree]`` as a new, empty statement, so a misspelt conclusion or
reference leaves the map whole but wrong; the check says "did you mean" with the
place.  The maps here are short ones written for the tests.
"""

from __future__ import annotations

import pytest

from argmap import loads
from argmap.checking.validate import validate
from argmap.errors import Severity

# a defined title, the same title misspelt where it is used, and where that is
MISSPELT = [
    ("Car-free", "Carfree"),
    ("Car-free", "car free"),
    ("Car-free", "Car-Free"),
    ("Government pays", "Goverment pays"),
    ("Receive less", "Recieve less"),
    ("Sales fall", "Sales fal"),
    ("Night buses", "Nigth buses"),
    ("Rents rise", "Rent's rise"),
    ("Fewer accidents", "Fewer accidnets"),
    ("Teachers leave", "Teachers leave."),
    ("Libraries matter to towns", "Libraries mater to twons"),
    ("Homework helps", "HomeWork helps"),
]

# a defined title and another, undefined one that is rightly a statement of its own
DIFFERENT = [
    ("A1", "A2"),
    ("Claim 2", "Claim 3"),
    ("Cost", "Costs"),
    ("Rest", "Test"),
    ("Legal", "Illegal"),
    ("Possible", "Impossible"),
    ("Responsible", "Irresponsible"),
    ("Sales", "Sale"),
    ("Jobs lost", "Jobs kept"),
    ("Buses late", "Trains late"),
]


def _map(defined: str, used: str) -> str:
    """``defined`` has a text; ``used`` is the conclusion of an argument for it, on line 6."""
    return (
        f"[{defined}]: What the author claims. #thesis\n"
        "  + <Why>\n"
        "\n"
        "(1) [Reason]: A reason the author gives.\n"
        "----\n"
        f"(2) [{used}]\n"
    )


def _similar(text: str) -> list:
    m = loads(text)
    return [d for d in validate(m)[1] if d.code == "similar-title"]


@pytest.mark.parametrize(("defined", "used"), MISSPELT, ids=[u for _, u in MISSPELT])
def test_a_misspelt_conclusion_is_told_with_the_title_meant_and_its_place(defined: str, used: str) -> None:
    [d] = _similar(_map(defined, used))
    assert d.severity is Severity.WARNING
    assert (d.location.line, d.location.column) == (6, 5)
    assert f"did you mean [{defined}]?" in (d.hint or "")
    assert f"[{used}]" in d.message


@pytest.mark.parametrize(("defined", "used"), DIFFERENT, ids=[f"{d}-{u}" for d, u in DIFFERENT])
def test_a_title_of_its_own_is_not_taken_for_a_misspelling(defined: str, used: str) -> None:
    assert _similar(_map(defined, used)) == []


def test_two_defined_titles_alike_are_both_meant() -> None:
    text = (
        "[Cost]: The cost is high. #thesis\n  + [Costs]: Costs keep rising.\n  + [A1]: One.\n  + [A2]: Two.\n"
    )
    assert _similar(text) == []


def test_a_bare_reference_in_a_relation_is_checked_too() -> None:
    text = "[Car-free]: The centre should be car-free. #thesis\n\n[Shops]: Shops lose trade.\n  - [Carfree]\n"
    [d] = _similar(text)
    assert (d.location.line, d.location.column) == (4, 5)
    assert "did you mean [Car-free]?" in (d.hint or "")


def test_a_title_defined_later_is_no_misspelling() -> None:
    """Used bare first and given its text further down: one statement, nothing to say."""
    text = (
        "[Car-free]: The centre should be car-free. #thesis\n  + [Clean air]\n\n"
        "[Clean air]: The air is cleaner.\n"
    )
    assert _similar(text) == []


def test_a_misspelt_argument_gets_one_warning_not_two() -> None:
    text = (
        "[Car-free]: The centre should be car-free. #thesis\n"
        "  + <Clean air>\n"
        "  + <Claen air>\n"
        "\n"
        "<Clean air>: Fewer cars, cleaner air.\n"
    )
    found = validate(loads(text))[1]
    similar = [d for d in found if d.code == "similar-title"]
    assert [(d.location.line, d.hint and "did you mean <Clean air>?" in d.hint) for d in similar] == [
        (3, True)
    ]
    assert not [d for d in found if d.code == "empty-argument"]


def test_the_closest_defined_title_is_offered() -> None:
    text = (
        "[Night buses]: Night buses help. #thesis\n  + [Night bus]: One night bus helps.\n  + [Nigth buses]\n"
    )
    [d] = _similar(text)
    assert "did you mean [Night buses]?" in (d.hint or "")


def test_notebook_06_says_what_the_kit_does_with_a_misspelt_title() -> None:
    """Notebook 06 promises a warning with "did you mean" above a map that still draws."""
    import json
    from pathlib import Path

    from argmap import check_text

    notebook = Path(__file__).resolve().parent.parent / "notebooks" / "06-your-own-text.ipynb"
    cells = ["".join(c["source"]) for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]]
    assert any("similar-title" in c and "did you mean [Four days]?" in c for c in cells)
    mine = next(c for c in cells if c.startswith("%%argmap --name mine"))
    text = mine.split("\n", 1)[1].replace("(3) [Four days]", "(3) [Four day]", 1)
    report = check_text(text, "cell", base_dir=notebook.parent)
    assert report.ok  # drawn: a warning, not an error
    [d] = [d for d in report.diagnostics if d.code == "similar-title"]
    assert "did you mean [Four days]?" in (d.hint or "")
    assert text.splitlines()[d.line - 1][d.column - 1 :].startswith("[Four day]")
