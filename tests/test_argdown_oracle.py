"""argmap reads what the Argdown CLI 1.7.5 reads, the same way (the CLI is the oracle)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.argdown import parse, write
from oracle import export_json, model_summary, summary

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VALID = sorted((HERE / "data" / "argdown").glob("*.argdown"))


def _maps() -> list[Path]:
    found = list(VALID)
    for folder in ("notebooks", "examples"):
        found += sorted((ROOT / folder).rglob("*.argdown"))
    return found


MAPS = _maps()
IDS = [str(p.relative_to(ROOT)) for p in MAPS]

pytestmark = pytest.mark.argdown


@pytest.fixture(scope="module")
def oracle() -> tuple[dict[str, object], str]:
    texts = {f"m{i:03d}": p.read_text(encoding="utf-8") for i, p in enumerate(MAPS)}
    written = {}
    for i, p in enumerate(MAPS):
        m, _ = parse(p.read_text(encoding="utf-8"), str(p))
        written[f"w{i:03d}"] = write(m)
    return export_json({**texts, **written})


@pytest.mark.parametrize("index", range(len(MAPS)), ids=IDS)
def test_same_reading_as_argdown(oracle: tuple[dict[str, object], str], index: int) -> None:
    exported, log = oracle
    path = MAPS[index]
    m, diagnostics = parse(path.read_text(encoding="utf-8"), str(path))
    assert [d for d in diagnostics if d.is_error] == []
    reference = exported[f"m{index:03d}"]
    assert reference is not None, f"Argdown refused {path.name}:\n{log}"
    expected = summary(reference)  # type: ignore[arg-type]
    got = model_summary(m)
    assert got["statements"] == expected["statements"]
    assert got["arguments"] == expected["arguments"]
    assert got["relations"] == expected["relations"]
    assert got["pcs"] == expected["pcs"]


@pytest.mark.parametrize("index", range(len(MAPS)), ids=IDS)
def test_written_text_is_read_alike_by_argdown(oracle: tuple[dict[str, object], str], index: int) -> None:
    exported, log = oracle
    path = MAPS[index]
    m, _ = parse(path.read_text(encoding="utf-8"), str(path))
    reference = exported[f"w{index:03d}"]
    assert reference is not None, f"Argdown refused argmap's own output for {path.name}:\n{log}"
    expected = summary(reference)  # type: ignore[arg-type]
    got = model_summary(m)
    assert got["statements"] == expected["statements"]
    assert got["arguments"] == expected["arguments"]
    assert got["relations"] == expected["relations"]


@pytest.mark.parametrize("index", range(len(MAPS)), ids=IDS)
def test_check_json_counts_as_argdown_does(oracle: tuple[dict[str, object], str], index: int) -> None:
    """`argmap check --format json` counts statements (equivalence classes), arguments
    and relations by type exactly as Argdown's JSON export has them."""
    from collections import Counter

    from argmap.core import counts

    exported, _ = oracle
    reference = exported[f"m{index:03d}"]
    assert isinstance(reference, dict)
    path = MAPS[index]
    m, _ = parse(path.read_text(encoding="utf-8"), str(path))
    got = counts(m)
    assert got["statements"] == len(reference["statements"])
    assert got["arguments"] == len(reference["arguments"])
    by_type = Counter(r["relationType"] for r in reference["relations"])
    assert {k: v for k, v in got["relations"].items() if v} == dict(by_type)
