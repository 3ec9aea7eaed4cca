"""The scheme table: complete, consistent, and reachable by the names people write."""

from __future__ import annotations

import dataclasses
import re

import pytest

from argmap.schemes import SCHEMES, Scheme, get_scheme, known_schemes, normalise_scheme_name

REQUIRED = [
    "expert-opinion",
    "cause-to-effect",
    "analogy",
    "sign",
    "example",
    "precedent",
    "practical-reasoning",
    "consequences",
    "popular-opinion",
    "commitment",
    "correlation-to-cause",
    "position-to-know",
    "verbal-classification",
    "ad-hominem",
]


@pytest.mark.parametrize("key", REQUIRED, ids=REQUIRED)
def test_required_scheme_is_known(key: str) -> None:
    scheme = SCHEMES[key]
    assert scheme.key == key
    assert get_scheme(key) is scheme


@pytest.mark.parametrize("scheme", list(SCHEMES.values()), ids=list(SCHEMES))
def test_scheme_is_well_formed(scheme: Scheme) -> None:
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", scheme.key)
    assert scheme.name and scheme.description.endswith(".")
    assert 3 <= len(scheme.critical_questions) <= 6
    for question in scheme.critical_questions:
        assert question.endswith("?"), question
        assert len(question) < 130, "keep questions short enough for a 16-year-old"
    assert len(set(scheme.critical_questions)) == len(scheme.critical_questions)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("expert", "expert-opinion"),
        ("from expert opinion", "expert-opinion"),
        ("Argument from Expert Opinion", "expert-opinion"),
        ("appeal to authority", "expert-opinion"),
        ("historical-pattern", "precedent"),
        ("historical_pattern", "precedent"),
        ("Historical precedent", "precedent"),
        ("past practice", "precedent"),
        ("cause to effect", "cause-to-effect"),
        ("Argument from analogy", "analogy"),
        ("ad hominem", "ad-hominem"),
        ("  SIGN ", "sign"),
        ("witness testimony", "position-to-know"),
        ("correlation", "correlation-to-cause"),
        ("Argument From Positive Consequences", "consequences"),  # AIF scheme names
        ("Argument From Witness Testimony", "position-to-know"),
        ("Circumstantial Ad Hominem", "ad-hominem"),
    ],
    ids=lambda v: str(v),
)
def test_aliases_resolve(written: str, key: str) -> None:
    scheme = get_scheme(written)
    assert scheme is not None and scheme.key == key


@pytest.mark.parametrize(
    "written", ["", "expertise of cats", "slippery", "-"], ids=["empty", "nonsense", "slippery", "dash"]
)
def test_unknown_names_give_none(written: str) -> None:
    assert get_scheme(written) is None


@pytest.mark.parametrize("scheme", list(SCHEMES.values()), ids=list(SCHEMES))
def test_each_alias_belongs_to_its_own_scheme(scheme: Scheme) -> None:
    """Two schemes claiming one alias would make one of them unreachable by it."""
    for alias in (scheme.key, scheme.name, *scheme.aliases):
        assert get_scheme(alias) is scheme, alias


def test_schemes_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        SCHEMES["sign"].name = "changed"  # type: ignore[misc]


def test_known_schemes_lists_every_key_sorted() -> None:
    assert known_schemes() == tuple(sorted(SCHEMES))


def test_normalise_scheme_name_keeps_keys() -> None:
    for key in SCHEMES:
        assert normalise_scheme_name(key) == key
