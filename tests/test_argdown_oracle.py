"""argmap reads what the Argdown CLI 1.7.5 reads, the same way (the CLI is the oracle).

Three sets of files: the maps of the kit (tests/data/argdown, notebooks, examples),
the conformance corpus (tests/data/argdown-conformance: one file per construct of
Argdown as people write it, plus debate-style maps), and the deliberate differences
(:data:`DIFFERENCES`: what argmap refuses or reads otherwise, each with its reason).
"""

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
CORPUS = sorted((HERE / "data" / "argdown-conformance").glob("*.argdown"))
CORPUS_IDS = [p.stem for p in CORPUS]

#: Where argmap deliberately differs from Argdown 1.7.5: (name, text, argmap's code, why).
#: Argdown reads each of these texts (or, for a code fence, refuses it too); argmap
#: reports the code as an error.  The README's "The text format" table lists them.
DIFFERENCES: list[tuple[str, str, str, str]] = [
    (
        "unclosed-data",
        '[A]: The quote {quote: "was never closed\n',
        "syntax-error",
        "Argdown silently reads the unclosed data block as part of the text, so the quote is lost",
    ),
    (
        "unclosed-html-comment",
        "[A]: a\n\n<!-- never closed\n\n[B]: b\n",
        "syntax-error",
        "Argdown reads the rest as a statement '<!-- …'; usually the end of the comment was forgotten",
    ),
    (
        "blockquote",
        "> A quoted line from the text\n\n[A]: a\n",
        "unsupported-construct",
        "Argdown reads it as a statement starting with '>'; quotes belong in {quote: …} data",
    ),
    (
        "table",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "unsupported-construct",
        "Argdown reads the table as one statement of pipes; argmap draws no tables",
    ),
    (
        "code-fence",
        "```\n[A]: code\n```\n",
        "unsupported-construct",
        "Argdown refuses it too; argmap names the construct",
    ),
    (
        "yaml-alias",
        "===\na: &x [1]\nb: *x\n===\n\n[A]: a\n",
        "syntax-error",
        "YAML aliases can multiply a small file into a huge one; write the value out",
    ),
    (
        "include",
        "[A]: a\n\n@include(other.argdown)\n",
        "include-refused",
        "the Argdown CLI pastes the other file in; argmap reads one file and no other path",
    ),
]

#: What the Argdown CLI refuses and argmap reads, warning ``argdown-incompatible`` at the
#: place Argdown names: (name, text, line, column).
INCOMPATIBLE: list[tuple[str, str, int, int]] = [
    ("argument-with-only-data", "[T]: t\n  + <R1>: {weight: 1}\n\n<R1>: r\n", 2, 11),
    ("statement-with-only-data", "[A]: {x: 1}\n", 1, 6),
    ("premise-with-only-data", "(1) [A]: {x: 1}\n----\n(2) [B]: b\n", 1, 10),
    ("data-block-ended-early", '[A]: a {q: "x} y"}\n', 1, 14),
    ("short-bar", "(1) [A]: a\n--\n(2) [B]: b\n", 2, 1),
    ("unclosed-italic", "[A]: an *open mark\n", 1, 1),
]

pytestmark = pytest.mark.argdown


@pytest.fixture(scope="module")
def oracle() -> tuple[dict[str, object], str]:
    texts = {f"m{i:03d}": p.read_text(encoding="utf-8") for i, p in enumerate(MAPS)}
    written = {}
    for i, p in enumerate(MAPS):
        m, _ = parse(p.read_text(encoding="utf-8"), str(p))
        written[f"w{i:03d}"] = write(m)
    corpus = {f"c{i:03d}": p.read_text(encoding="utf-8") for i, p in enumerate(CORPUS)}
    for i, p in enumerate(CORPUS):
        written[f"v{i:03d}"] = write(parse(p.read_text(encoding="utf-8"), str(p))[0])
    differences = {f"d{i:03d}": text for i, (_, text, _, _) in enumerate(DIFFERENCES)}
    incompatible = {f"i{i:03d}": text for i, (_, text, _, _) in enumerate(INCOMPATIBLE)}
    return export_json({**texts, **written, **corpus, **differences, **incompatible})


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

    from argmap.checking.load import counts

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


# -- the conformance corpus -------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=CORPUS_IDS)
def test_corpus_checks_as_argdown_reads_it(oracle: tuple[dict[str, object], str], index: int) -> None:
    """No error that Argdown does not raise (it reads every corpus file), and the same
    statements, arguments, premise-conclusion structures and relations by type."""
    from argmap.checking.load import check

    exported, log = oracle
    path = CORPUS[index]
    report = check(path)
    assert [d.format() for d in report.diagnostics if d.is_error] == []
    reference = exported[f"c{index:03d}"]
    assert reference is not None, f"Argdown refused {path.name}:\n{log}"
    expected = summary(reference)  # type: ignore[arg-type]
    got = model_summary(report.map)
    assert got == expected


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=CORPUS_IDS)
def test_corpus_written_back_is_read_alike(oracle: tuple[dict[str, object], str], index: int) -> None:
    exported, log = oracle
    path = CORPUS[index]
    m, _ = parse(path.read_text(encoding="utf-8"), str(path))
    reference = exported[f"v{index:03d}"]
    assert reference is not None, f"Argdown refused argmap's own output for {path.name}:\n{log}"
    assert model_summary(m) == summary(reference)  # type: ignore[arg-type]
    assert parse(write(m))[0] == m


@pytest.mark.graphviz
@pytest.mark.parametrize("path", CORPUS, ids=CORPUS_IDS)
def test_corpus_draws(path: Path) -> None:
    from argmap.checking.load import check
    from argmap.output.export import render

    svg = render(check(path).map, "svg")
    assert svg.lstrip().startswith(b"<?xml") or b"<svg" in svg[:500]


def test_corpus_covers_the_constructs() -> None:
    assert len(CORPUS) >= 25
    assert sum(p.stem.startswith("debate-") for p in CORPUS) >= 3


# -- the deliberate differences ----------------------------------------------------------------

#: Refused by Argdown as well (a fence; an include of a file that is not there).
ARGDOWN_REFUSES_TOO = {"code-fence", "include"}


@pytest.mark.parametrize("index", range(len(DIFFERENCES)), ids=[d[0] for d in DIFFERENCES])
def test_deliberate_difference(oracle: tuple[dict[str, object], str], index: int) -> None:
    name, text, code, reason = DIFFERENCES[index]
    assert reason
    exported, _ = oracle
    _, diagnostics = parse(text, f"{name}.argdown")
    assert code in [d.code for d in diagnostics if d.is_error]
    if name not in ARGDOWN_REFUSES_TOO:
        assert exported[f"d{index:03d}"] is not None, f"Argdown refuses {name} too: not a difference"


# -- what Argdown refuses and argmap reads, with a warning --------------------------------------


@pytest.mark.parametrize("index", range(len(INCOMPATIBLE)), ids=[i[0] for i in INCOMPATIBLE])
def test_argdown_incompatible_is_what_argdown_refuses(
    oracle: tuple[dict[str, object], str], index: int
) -> None:
    name, text, line, column = INCOMPATIBLE[index]
    exported, _ = oracle
    assert exported[f"i{index:03d}"] is None, f"Argdown reads {name}: the warning would be wrong"
    _, diagnostics = parse(text, f"{name}.argdown")
    assert [d for d in diagnostics if d.is_error] == []
    assert ("argdown-incompatible", line, column) in [(d.code, d.line, d.column) for d in diagnostics]
