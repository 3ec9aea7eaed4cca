"""Every example in the library's docstrings runs and prints what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import argmap

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(argmap.__path__, "argmap.") if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES, ids=str)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
