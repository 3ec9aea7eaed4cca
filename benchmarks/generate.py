"""Synthetic argument maps of a realistic shape, written as Argdown text.

``make_map(1000, seed=1)`` gives a map of exactly 1,000 statements: one thesis;
premise–conclusion arguments (linked co-premises, often with an unstated
``#assumption``) that support it and, deeper down, its intermediate claims;
``#evidence`` with a basis under the claims; ``#objection`` attacks, some answered
by a ``#rebuttal``; and a few undercuts of arguments.  The same seed gives the same
text, so benchmarks and tests can share maps without storing them.

With ``source="text.txt"`` the map names that source text in its front matter and
every piece of evidence quotes it; ``make_source(1000, seed=1)`` writes the text
that holds each of those quotes exactly once, as a real map's source would.

    python benchmarks/generate.py 1000 --seed 1 --source text.txt > map.argdown
    python benchmarks/generate.py 1000 --seed 1 --source-text > text.txt
"""

from __future__ import annotations

import argparse
import random
from collections import deque

__all__ = ["make_map", "make_source"]

_SUBJECTS = [
    "the sanctions regime",
    "the energy market",
    "the regional rivalry",
    "the arms trade",
    "the treaty",
    "public opinion",
    "the central bank",
    "the shipping route",
    "the border dispute",
    "the drone programme",
    "the grain deal",
    "the oil price",
    "the exile community",
    "the security council",
    "the pipeline project",
    "the currency swap",
    "the naval exercise",
    "the election result",
    "the trade corridor",
    "the nuclear deal",
]
_VERBS = [
    "weakens",
    "strengthens",
    "depends on",
    "undermines",
    "explains",
    "follows from",
    "limits",
    "accelerates",
    "masks",
    "reveals",
    "outlasts",
    "rewards",
    "punishes",
    "reshapes",
]
_QUALIFIERS = [
    "in the short run",
    "over the next decade",
    "for both governments",
    "despite official denials",
    "as the figures show",
    "more than leaders admit",
    "whatever the rhetoric",
    "in most years since 2014",
    "when oil prices fall",
    "on every measure the author gives",
    "once the pressure eases",
    "according to the cited analysts",
]
_BASES = ["fact", "statistic", "example", "expert", "precedent", "quotation"]
_SCHEMES = ["cause-to-effect", "expert-opinion", "analogy", "sign", "example", "precedent"]


def _sentence(rng: random.Random) -> str:
    subject, obj = rng.sample(_SUBJECTS, 2)
    text = f"{subject.capitalize()} {rng.choice(_VERBS)} {obj} {rng.choice(_QUALIFIERS)}."
    if rng.random() < 0.3:
        text = text[:-1] + f", and {rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_SUBJECTS)}."
    return text


def _quote(rng: random.Random, k: int) -> str:
    """A sentence of the source that evidence number ``k`` quotes; the number keeps it unique."""
    subject, obj = rng.sample(_SUBJECTS, 2)
    return f"In {k} of the {k + rng.randint(3, 40)} cases studied, {subject} {rng.choice(_VERBS)} {obj}"


def make_map(n_statements: int, seed: int = 0, *, source: str | None = None) -> str:
    """Argdown text of a map with exactly ``n_statements`` statements (at least 1).

    With ``source``, the front matter names that file and each piece of evidence
    quotes :func:`make_source`'s text (same ``n_statements`` and ``seed``)."""
    return _build(n_statements, seed, source)[0]


def make_source(n_statements: int, seed: int = 0) -> str:
    """The source text quoted by ``make_map(n_statements, seed, source=...)``:
    paragraphs that hold every quote once, between sentences nobody quotes."""
    quotes = _build(n_statements, seed, "source.txt")[1]
    rng = random.Random(f"source-{seed}")
    paragraphs = []
    for start in range(0, max(len(quotes), 1), 3):
        sentences = [_sentence(rng)]
        for q in quotes[start : start + 3]:
            sentences += [q + ".", _sentence(rng)]
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


def _build(n_statements: int, seed: int, source: str | None) -> tuple[str, list[str]]:
    if n_statements < 1:
        raise ValueError(f"n_statements must be at least 1, not {n_statements!r}")
    rng = random.Random(seed)
    quote_rng = random.Random(f"quotes-{seed}")  # separate, so the map's shape does not depend on it
    quotes: list[str] = []
    count = 0
    serial = {"thesis": 0, "claim": 0, "evidence": 0, "assumption": 0, "objection": 0, "rebuttal": 0}
    prefix = {
        "thesis": "Thesis",
        "claim": "Claim",
        "evidence": "Evidence",
        "assumption": "Assumption",
        "objection": "Objection",
        "rebuttal": "Rebuttal",
    }

    def new(role: str) -> str | None:
        """A fresh statement title, or None when the budget is spent."""
        nonlocal count
        if count >= n_statements:
            return None
        count += 1
        serial[role] += 1
        return f"{prefix[role]} {serial[role]}"

    out = [
        "===",
        f"title: A generated map of {n_statements} statements (seed {seed})",
        *([f"source: {source}"] if source else []),
        "===",
        "",
        "// Made by benchmarks/generate.py: the shape of a real map, not its sense.",
        "",
        "# Thesis",
        "",
    ]
    thesis = new("thesis")
    assert thesis is not None
    out += [f"[{thesis}]: {_sentence(rng)} #thesis", ""]

    # Breadth first: each argument's new claims become conclusions of later arguments.
    open_conclusions: deque[str] = deque([thesis])
    n_args = 0
    while count < n_statements and open_conclusions:
        conclusion = open_conclusions.popleft()
        # One argument: one or two claims, linked, often with an unstated assumption.
        premises: list[tuple[str, str]] = []
        for _ in range(rng.choice([1, 1, 2])):
            title = new("claim")
            if title is None:
                break
            premises.append((title, _sentence(rng)))
            open_conclusions.append(title)
        if premises and rng.random() < 0.6:
            title = new("assumption")
            if title is not None:
                premises.append((title, f"{_sentence(rng)} #assumption"))
        if not premises:
            break
        n_args += 1
        arg = f"Argument {n_args}"
        scheme = f" {{scheme: {rng.choice(_SCHEMES)}}}" if rng.random() < 0.5 else ""
        out += [f"## {arg}", "", f"<{arg}>: {_sentence(rng)}{scheme}", ""]
        for i, (title, text) in enumerate(premises, 1):
            out.append(f"({i}) [{title}]: {text}")
        out += ["----", f"({len(premises) + 1}) [{conclusion}]", ""]

        # Evidence, objections and rebuttals hang under each new claim.
        for title, _text in premises:
            if not title.startswith("Claim"):
                continue
            tree: list[str] = []
            for _ in range(rng.choice([1, 2, 2, 3])):
                ev = new("evidence")
                if ev is None:
                    break
                data = f"basis: {rng.choice(_BASES)}"
                if source:
                    quotes.append(_quote(quote_rng, len(quotes) + 1))
                    data = f'quote: "{quotes[-1]}", {data}'
                tree.append(f"  + [{ev}]: {_sentence(rng)} #evidence {{{data}}}")
            if rng.random() < 0.3:
                ob = new("objection")
                if ob is not None:
                    tree.append(f"  - [{ob}]: {_sentence(rng)} #objection")
                    if rng.random() < 0.5:
                        rb = new("rebuttal")
                        if rb is not None:
                            tree.append(f"    - [{rb}]: {_sentence(rng)} #rebuttal")
            if tree:
                out += [f"[{title}]", *tree, ""]

        # Now and then an undercut: granted premises, denied support.
        if rng.random() < 0.08:
            ob = new("objection")
            if ob is not None:
                out += [f"<{arg}>", f"  _ [{ob}]: {_sentence(rng)} #objection", ""]
    return "\n".join(out) + "\n", quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_statements", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--source", metavar="FILE", help="name this source text; the evidence quotes it")
    parser.add_argument("--source-text", action="store_true", help="print the source text instead of the map")
    args = parser.parse_args()
    if args.source_text:
        print(make_source(args.n_statements, args.seed), end="")
    else:
        print(make_map(args.n_statements, args.seed, source=args.source), end="")


if __name__ == "__main__":
    main()
