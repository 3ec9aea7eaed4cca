"""The picture's options: one typed object, the same as keyword arguments, checked once."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from argmap import loads
from argmap.cli.common import FORMATS as CLI_FORMATS
from argmap.draw.dot import to_dot
from argmap.draw.options import PictureArgs, PictureOptions, picture_options
from argmap.draw.style import PageOptions
from argmap.files import OUTPUT_EXTENSIONS, PICTURE_FORMATS
from argmap.model import ArgumentMap
from argmap.output.export import FORMATS


def _map() -> ArgumentMap:
    return loads("[T]: The thesis. #thesis\n  + [R]: A reason.\n    + [E]: Some evidence. #evidence\n")


def test_the_keyword_arguments_are_the_options_fields() -> None:
    fields = {f.name for f in dataclasses.fields(PictureOptions)}
    assert set(typing.get_type_hints(PictureArgs)) == fields


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ({"detail": "some"}, "unknown detail 'some'; valid: auto, full, compact"),
        ({"rankdir": "up"}, "unknown rankdir 'up'; valid: auto, BT, TB, LR, RL"),
        ({"wrap": 0}, "wrap must be a whole number of characters, 1 or more, not 0"),
        ({"wrap": True}, "not True"),
        ({"page": "A4"}, "page must be PageOptions(size, orientation), not 'A4'"),
    ],
    ids=["detail", "rankdir", "wrap-zero", "wrap-bool", "page-text"],
)
def test_a_bad_value_is_quoted_with_the_valid_ones(given: dict[str, object], said: str) -> None:
    with pytest.raises(ValueError, match=__import__("re").escape(said)):
        PictureOptions(**given)  # type: ignore[arg-type]


def test_an_iterator_is_kept_for_every_view() -> None:
    opts = PictureOptions(include=(t for t in ["T", "R"]))
    assert opts.include == ("T", "R")
    assert list(opts.include) == list(opts.include)  # read twice, the same


def test_keywords_and_one_object_draw_the_same() -> None:
    m = _map()
    picture = PictureOptions(detail="full", rankdir="LR", legend=False, focus="[R]")
    assert to_dot(m, picture) == to_dot(m, detail="full", rankdir="LR", legend=False, focus="[R]")
    assert to_dot(m, picture, legend=True) == to_dot(m, detail="full", rankdir="LR", focus="[R]")
    assert picture_options(picture, wrap=20).wrap == 20


@pytest.mark.parametrize(
    ("given", "fixed"),
    [
        ({}, False),
        ({"detail": "full"}, False),
        ({"focus": "[R]"}, True),
        ({"rankdir": "LR"}, True),
        ({"wrap": 28}, True),
        ({"page": PageOptions("A4")}, True),
        ({"annotations_style": {}}, True),
    ],
    ids=["default", "detail", "focus", "rankdir", "wrap", "page", "overlay"],
)
def test_options_that_fix_the_one_picture(given: dict[str, object], fixed: bool) -> None:
    assert PictureOptions(**given).pinned is fixed  # type: ignore[arg-type]


def test_one_table_of_picture_formats() -> None:
    assert tuple(CLI_FORMATS) == PICTURE_FORMATS
    assert {OUTPUT_EXTENSIONS[f][0]: f for f in PICTURE_FORMATS} == FORMATS
    assert list(FORMATS.values()) == list(PICTURE_FORMATS)
